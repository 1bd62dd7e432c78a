//! coopgraph overlap --kind KIND — pairs of actors of one kind ranked by what
//! they share: the count, the Jaccard index and the overlap coefficient of
//! the sets of projects, networks, partners and funders each is involved with.
//!
//! Usage: coopgraph overlap --kind state|agency|organisation
//!        [--via project|network|partner|fund|any] [--top N] [--from Y] [--to Y]

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
    /// Kind of actor to pair.
    #[arg(long, value_enum)]
    pub kind: NodeKind,
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
    let request = Request {
        kind: args.kind,
        via: args.via,
        top: args.top,
    };
    request.check()?;
    let g = global.graph()?;
    let view = View::new(g, &select.resolve(g)?);
    let pairs = request.run(&view, global.lang())?;
    if global.format == Format::Json {
        output::json(&pairs)?;
    } else if pairs.is_empty() {
        output::text("no two actors of that kind share anything\n")?;
    } else {
        output::text(&output::table(
            &["a", "b", "shared", "jaccard", "overlap", "shared items"],
            pairs.iter().map(|p| {
                [
                    p.a.name.clone(),
                    p.b.name.clone(),
                    p.shared.to_string(),
                    format!("{:.3}", p.jaccard),
                    format!("{:.3}", p.overlap_coefficient),
                    p.items.iter().map(|i| &i.name).join("; "),
                ]
            }),
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}
