//! The councils, projects and partners that two or more authorities share,
//! through the library, with the years they overlapped and the evidence.
//!
//! Run with: `cargo run --example shared_partners -- Migrationsverket Polismyndigheten`

use coopgraph::analysis::format_citations;
use coopgraph::analysis::shared::{Via, shared};
use coopgraph::graph::CoopGraph;
use coopgraph::model::Lang;
use coopgraph::view::View;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut names: Vec<String> = std::env::args().skip(1).collect();
    if names.len() < 2 {
        names = vec!["Migrationsverket".into(), "Polismyndigheten".into()];
    }
    let g = CoopGraph::embedded()?;
    let actors = names
        .iter()
        .map(|n| g.resolve(n))
        .collect::<Result<Vec<_>, _>>()?;
    let s = shared(&View::full(&g), &actors, Via::Any, Lang::EN);
    let who: Vec<&str> = s.actors.iter().map(|a| a.name.as_str()).collect();
    println!("shared by {}: {}", who.join(" and "), s.items.len());
    for item in &s.items {
        let since = item
            .overlap
            .from_year
            .map(|y| format!(", together since {y}"))
            .unwrap_or_default();
        let evidence = format_citations(
            item.actors
                .iter()
                .flat_map(|a| a.links.iter().flat_map(|l| l.sources.iter())),
        );
        println!(
            "- {} ({:?}{since}) [{evidence}]",
            item.item.name, item.category
        );
    }
    Ok(())
}
