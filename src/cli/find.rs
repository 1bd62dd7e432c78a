//! coopgraph find TEXT — nodes whose id, name or alias contains TEXT as whole
//! words (ignoring case and diacritics).
//!
//! Usage: coopgraph find TEXT [--format table|json] [--lang en|sv]

use super::{Format, GlobalArgs, output};
use coopgraph::analysis::find::find;
use std::process::ExitCode;

/// Find nodes by part of a name or alias.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Words to look for, e.g. `police` or `migrationsverket`.
    pub text: String,
}

pub fn run(global: &GlobalArgs, args: &Args) -> coopgraph::Result<ExitCode> {
    let g = global.graph()?;
    let hits = find(g, &args.text, global.lang());
    if global.format == Format::Json {
        output::json(&hits)?;
    } else if hits.is_empty() {
        eprintln!("no node's name or alias contains \"{}\"", args.text);
    } else {
        output::text(&output::table(
            &["id", "kind", "name", "matched"],
            hits.iter().map(|h| {
                [
                    h.node.id.clone(),
                    h.node.kind.clone(),
                    h.node.name.clone(),
                    h.matched.clone(),
                ]
            }),
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}
