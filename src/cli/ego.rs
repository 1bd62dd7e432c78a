//! coopgraph ego NAME --depth N — the neighbourhood of a node: every node
//! within N relations (in either direction) with its distance, and the
//! relations among them. This is the selection render and export use.
//!
//! Usage: coopgraph ego NAME [--depth N] [--from Y] [--to Y] [--kind K…] [--relation R…]

use super::{Format, GlobalArgs, output};
use coopgraph::analysis::ego::ego;
use coopgraph::view::{SelectionSpec, View};
use std::process::ExitCode;

/// A node's neighbourhood as lists of nodes and relations.
// The selection's `--ego` is this command's NAME, so it is hidden.
#[derive(Debug, clap::Args)]
#[command(mut_arg("ego", |a| a.hide(true)))]
pub struct Args {
    /// Centre node (id, name or alias).
    pub name: String,
    #[command(flatten)]
    pub select: SelectionSpec,
}

pub fn run(global: &GlobalArgs, args: &Args) -> coopgraph::Result<ExitCode> {
    if args.select.ego.is_some() {
        return Err(coopgraph::Error::Usage(
            "the centre is the command's NAME; leave out --ego".into(),
        ));
    }
    let spec = SelectionSpec {
        ego: Some(args.name.clone()),
        ..args.select.clone()
    };
    spec.window()?;
    let g = global.graph()?;
    let sel = spec.resolve(g)?;
    let (centre, depth) = sel.ego.expect("the spec names a centre");
    let view = View::new(g, &sel);
    let e = ego(&view, centre, depth, global.lang());
    if global.format == Format::Json {
        output::json(&e)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = format!(
        "{} nodes and {} relations within {} of {}\n",
        e.nodes.len(),
        e.relations.len(),
        depth,
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
