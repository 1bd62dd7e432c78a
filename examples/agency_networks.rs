//! Using coopgraph as a library: the networks and councils an authority sits
//! on, each with the pages it was read from.
//!
//! Run with: `cargo run --example agency_networks -- Polismyndigheten`

use coopgraph::analysis::show::{Side, show};
use coopgraph::graph::CoopGraph;
use coopgraph::model::{Lang, RelationKind};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let name = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "Migrationsverket".into());
    let g = CoopGraph::embedded()?;
    let i = g.resolve(&name)?;
    let view = show(&g, i, Lang::EN);
    println!("{} sits on:", view.node.name);
    for r in view.relations.iter().filter(|r| {
        r.side == Side::Out && matches!(r.kind, RelationKind::Member | RelationKind::Leads)
    }) {
        let sources: Vec<String> = r
            .sources
            .iter()
            .map(|c| format!("{} ¶{}", c.title, c.para.unwrap_or(0)))
            .collect();
        println!(
            "- {} ({}, {}) [{}]",
            r.other.name,
            r.kind,
            r.role.as_deref().unwrap_or("-"),
            sources.join("; ")
        );
    }
    Ok(())
}
