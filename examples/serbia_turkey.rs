//! Serbia's and Turkey's cooperation histories side by side, through the
//! library: every project, network and cooperation in date order, with its
//! status, funders and the pages it was read from.
//!
//! Run with: `cargo run --example serbia_turkey [-- AS_OF]` (AS_OF defaults to 2026-01-01).

use coopgraph::analysis::format_citations;
use coopgraph::analysis::span_human;
use coopgraph::analysis::timeline::timeline;
use coopgraph::date::PartialDate;
use coopgraph::graph::CoopGraph;
use coopgraph::model::Lang;
use coopgraph::view::View;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let as_of: PartialDate = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "2026-01-01".into())
        .parse()?;
    let g = CoopGraph::embedded()?;
    let view = View::full(&g);
    for country in ["Serbia", "Turkey"] {
        let t = timeline(&view, g.resolve(country)?, as_of.earliest(), Lang::EN);
        println!("== {} (as of {})", t.actor.name, t.as_of);
        for e in t.entries.iter().filter(|e| e.category == "project") {
            let funders: Vec<&str> = e.funding.iter().map(|f| f.funder.name.as_str()).collect();
            println!(
                "{:<22} {:<9} {}\n{:<32} funded by: {}\n{:<32} sources: {}",
                span_human(&e.start, &e.end),
                e.status.label(),
                e.item.name,
                "",
                if funders.is_empty() {
                    "(not stated)".to_string()
                } else {
                    funders.join(", ")
                },
                "",
                format_citations(e.links.iter().flat_map(|l| l.sources.iter())),
            );
        }
        println!();
    }
    Ok(())
}
