//! coopgraph path A B — the shortest chains of relations that connect two
//! nodes; each hop shows its relations, their dates and sources. With --all,
//! every simple path of up to --max-hops relations, shortest first.
//!
//! Usage: coopgraph path A B [--max-hops N] [--all] [--limit N]
//!        [--from Y] [--to Y] [--kind K…] [--relation R…] [--format table|json|csv]
//!
//! CSV columns: path (1 for the first), hop, from, relation, to, dates,
//! sources: one row per hop.

use super::shared::link_text;
use super::{Format, GlobalArgs, output};
use coopgraph::analysis::path::{Hop, MAX_PATHS, paths};
use coopgraph::analysis::{format_citations, span_human};
use coopgraph::view::{SelectionSpec, View};
use itertools::Itertools;
use std::fmt::Write;
use std::process::ExitCode;

/// How two actors are connected, hop by hop, with sources.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where the path starts.
    pub from_name: String,
    /// Where the path ends.
    pub to_name: String,
    /// Longest path to consider, in relations.
    #[arg(long, default_value_t = 6)]
    pub max_hops: usize,
    /// List every simple path up to --max-hops, not only the shortest.
    #[arg(long)]
    pub all: bool,
    /// Most paths to list (coopgraph keeps at most 10000, whatever the
    /// limit).
    #[arg(long, default_value_t = 20, value_parser = super::at_least::<1>)]
    pub limit: usize,
    /// The relations a path may use (with `--ego`, only those within the
    /// neighbourhood).
    #[command(flatten)]
    pub select: SelectionSpec,
}

pub fn run(global: &GlobalArgs, args: &Args) -> coopgraph::Result<ExitCode> {
    args.select.window()?;
    let g = global.graph()?;
    let a = g.resolve(&args.from_name)?;
    let b = g.resolve(&args.to_name)?;
    let view = View::new(g, &args.select.resolve(g)?);
    let p = paths(
        &view,
        a,
        b,
        args.max_hops,
        args.all,
        args.limit,
        global.lang(),
    )?;
    if global.format == Format::Json {
        output::json(&p)?;
        return Ok(ExitCode::SUCCESS);
    }
    if global.format == Format::Csv {
        let header = ["path", "hop", "from", "relation", "to", "dates", "sources"];
        let records = p.paths.iter().enumerate().flat_map(|(k, path)| {
            path.hops.iter().enumerate().map(move |(h, hop)| {
                let [from, rel, to, dates, cites] = hop_cells(hop);
                [
                    (k + 1).to_string(),
                    (h + 1).to_string(),
                    from,
                    rel,
                    to,
                    dates,
                    cites,
                ]
            })
        });
        output::csv(std::iter::once(header.map(String::from)).chain(records))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::new();
    if p.paths.is_empty() {
        let _ = writeln!(
            out,
            "no path from {} to {} within {} hops",
            p.from.name, p.to.name, p.max_hops
        );
    }
    for (k, path) in p.paths.iter().enumerate() {
        let _ = writeln!(out, "path {} ({} hops)", k + 1, path.length);
        out.push_str(&output::table(
            &["from", "relation", "to", "dates", "sources"],
            path.hops.iter().map(hop_cells),
        ));
        out.push('\n');
    }
    if p.truncated && p.paths.len() >= MAX_PATHS {
        let _ = writeln!(
            out,
            "(more paths exist; coopgraph lists at most {MAX_PATHS} paths)"
        );
    } else if p.truncated {
        let _ = writeln!(out, "(more paths exist: raise --limit)");
    }
    output::text(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// A hop as the table shows it: from, relations (with arrows), to, dates,
/// sources.
fn hop_cells(h: &Hop) -> [String; 5] {
    let rel = h
        .relations
        .iter()
        .map(|l| {
            let arrow = if l.direction == "out" { "→" } else { "←" };
            format!("{arrow} {}", link_text(l))
        })
        .unique()
        .join("; ");
    let dates = h
        .relations
        .iter()
        .map(|l| span_human(&l.start, &l.end))
        .filter(|s| !s.is_empty())
        .unique()
        .join("; ");
    let cites = format_citations(h.relations.iter().flat_map(|l| l.sources.iter()));
    [h.from.name.clone(), rel, h.to.name.clone(), dates, cites]
}
