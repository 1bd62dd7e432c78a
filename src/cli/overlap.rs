//! coopgraph overlap --kind KIND — pairs of actors of one kind ranked by what
//! they share: the count, the Jaccard index and the overlap coefficient of
//! the sets of projects, networks, partners and funders each is involved with.
//!
//! With `--with NAME`, only that actor's pairs: who shares most with it
//! (actors of --kind, by default its own kind).
//!
//! Usage: coopgraph overlap (--kind state|agency|organisation | --with NAME)
//!        [--via project|network|partner|fund|any] [--top N] [--from Y] [--to Y]
//!        [--format table|json|csv]

use super::{Format, GlobalArgs, WindowArgs, output};
use coopgraph::analysis::overlap::Request;
use coopgraph::analysis::shared::Via;
use coopgraph::model::NodeKind;
use coopgraph::view::View;
use itertools::Itertools;
use std::process::ExitCode;

/// Pairs of actors ranked by what they share (count, Jaccard, overlap).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Kind of actor to pair (with --with, by default that actor's kind).
    #[arg(long, value_enum, required_unless_present = "with")]
    pub kind: Option<NodeKind>,
    /// Only the pairs of this actor (id, name or alias): who shares most
    /// with it.
    #[arg(long, value_name = "NAME")]
    pub with: Option<String>,
    /// Which shared things count.
    #[arg(long, value_enum, default_value_t = Via::Any)]
    pub via: Via,
    /// How many pairs to list.
    #[arg(long, default_value_t = 20, value_parser = super::at_least::<1>)]
    pub top: usize,
    #[command(flatten)]
    pub window: WindowArgs,
}

pub fn run(global: &GlobalArgs, args: &Args) -> coopgraph::Result<ExitCode> {
    // A window that cannot be is refused before the data is read.
    let select = args.window.spec();
    select.window()?;
    let mut request = Request {
        // Checked for an actor kind once the actor is known.
        kind: args.kind.unwrap_or(NodeKind::Agency),
        via: args.via,
        top: args.top,
        with: None,
    };
    request.check()?;
    let g = global.graph()?;
    if let Some(name) = &args.with {
        let actor = g.resolve(name)?;
        request.with = Some(actor);
        request.kind = args.kind.unwrap_or(g.node(actor).kind);
        request.check()?;
    }
    let view = View::new(g, &select.resolve(g)?);
    let pairs = request.run(&view, global.lang())?;
    let header = ["a", "b", "shared", "jaccard", "overlap", "shared items"];
    let rows = pairs.iter().map(|p| {
        [
            p.a.name.clone(),
            p.b.name.clone(),
            p.shared.to_string(),
            format!("{:.3}", p.jaccard),
            format!("{:.3}", p.overlap_coefficient),
            p.items.iter().map(|i| &i.name).join("; "),
        ]
    });
    if global.format == Format::Json {
        output::json(&pairs)?;
    } else if global.format == Format::Csv {
        output::csv(std::iter::once(header.map(String::from)).chain(rows))?;
    } else if pairs.is_empty() && request.with.is_some() {
        output::text("no actor of that kind shares anything with it\n")?;
    } else if pairs.is_empty() {
        output::text("no two actors of that kind share anything\n")?;
    } else {
        output::text(&output::table(&header, rows))?;
    }
    Ok(ExitCode::SUCCESS)
}
