//! coopgraph find TEXT — nodes whose id, name or alias contains TEXT
//! (ignoring case and diacritics), ranked: the whole name first, then whole
//! words, the start of a word ("migr" finds the Migration Agency), and
//! anywhere in a word.
//!
//! Usage: coopgraph find TEXT [--format table|json|csv] [--lang en|sv]

use super::{Format, GlobalArgs, output};
use coopgraph::analysis::find::find;
use std::process::ExitCode;

/// Find nodes by a name, a word or part of one (best matches first).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Words or parts of words to look for, e.g. `police`, `migr` or
    /// `migrationsverket`.
    pub text: String,
}

pub fn run(global: &GlobalArgs, args: &Args) -> coopgraph::Result<ExitCode> {
    let g = global.graph()?;
    let hits = find(g, &args.text, global.lang());
    let header = ["id", "kind", "name", "matched", "match"];
    let rows = hits.iter().map(|h| {
        [
            h.node.id.clone(),
            h.node.kind.clone(),
            h.node.name.clone(),
            h.matched.clone(),
            h.how.as_str().to_string(),
        ]
    });
    if global.format == Format::Json {
        output::json(&hits)?;
    } else if global.format == Format::Csv {
        output::csv(std::iter::once(header.map(String::from)).chain(rows))?;
    } else if hits.is_empty() {
        eprintln!(
            "no node's name or alias contains \"{}\"",
            output::for_terminal(&args.text, false)
        );
    } else {
        output::text(&output::table(&header, rows))?;
    }
    Ok(ExitCode::SUCCESS)
}
