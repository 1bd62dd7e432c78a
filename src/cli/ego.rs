//! coopgraph ego NAME --depth N — the neighbourhood of a node: every node
//! within N relations (in either direction) with its distance, and the
//! relations among them. This is the selection render and export use.
//!
//! Usage: coopgraph ego NAME [--depth N] [--from Y] [--to Y] [--kind K…] [--relation R…]

use super::{FilterArgs, Format, GlobalArgs, WindowArgs, output};
use coopgraph::analysis::ego::ego;
use coopgraph::view::View;
use std::process::ExitCode;

/// A node's neighbourhood as lists of nodes and relations.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Centre node (id, name or alias).
    pub name: String,
    /// How many relations away to go.
    #[arg(long, default_value_t = 1)]
    pub depth: usize,
    #[command(flatten)]
    pub window: WindowArgs,
    #[command(flatten)]
    pub filter: FilterArgs,
}

pub fn run(global: &GlobalArgs, args: &Args) -> coopgraph::Result<ExitCode> {
    let window = args.window.window()?;
    let g = global.graph()?;
    let centre = g.resolve(&args.name)?;
    let mut sel = args.filter.selection(g, window)?;
    sel.ego = Some((centre, args.depth));
    let view = View::new(g, &sel);
    let e = ego(&view, centre, args.depth, global.lang());
    if global.format == Format::Json {
        output::json(&e)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = format!(
        "{} nodes and {} relations within {} of {}\n",
        e.nodes.len(),
        e.relations.len(),
        args.depth,
        e.centre.name
    );
    out.push_str(&output::table(
        &["distance", "name", "kind", "id"],
        e.nodes.iter().map(|n| {
            [
                n.distance.to_string(),
                n.node.name.clone(),
                n.node.kind.clone(),
                n.node.id.clone(),
            ]
        }),
    ));
    out.push('\n');
    out.push_str(&output::table(
        &["from", "relation", "to", "role", "sources"],
        e.relations.iter().map(|r| {
            [
                r.from.name.clone(),
                r.relation.kind.to_string(),
                r.to.name.clone(),
                r.relation.role.clone().unwrap_or_default(),
                coopgraph::analysis::format_citations(&r.relation.sources),
            ]
        }),
    ));
    output::text(&out)?;
    Ok(ExitCode::SUCCESS)
}
