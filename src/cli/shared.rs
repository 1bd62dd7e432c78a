//! coopgraph shared A B [C …] — what all the named actors share: projects,
//! networks and councils they take part in, partners they both work with,
//! and funders of activities they are both in; each with every actor's
//! relation and role, the years their participation overlapped, and sources.
//! A state's authorities count as the state.
//!
//! Usage: coopgraph shared A B [C …] [--via project|network|partner|fund|any]
//!        [--from Y] [--to Y] [--format table|json|csv] [--lang en|sv]

use super::{Format, GlobalArgs, WindowArgs, output};
use coopgraph::analysis::format_citations;
use coopgraph::analysis::participation::Link;
use coopgraph::analysis::shared::{Request, Via};
use coopgraph::analysis::show::{Side, heading};
use coopgraph::view::View;
use itertools::Itertools;
use std::fmt::Write;
use std::process::ExitCode;

/// What two or more actors share, with roles, overlapping years and sources.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Two or more actors (id, name or alias, either language).
    #[arg(num_args = 2.., required = true, value_name = "NAME")]
    pub names: Vec<String>,
    /// Which shared things to list.
    #[arg(long, value_enum, default_value_t = Via::Any)]
    pub via: Via,
    #[command(flatten)]
    pub window: WindowArgs,
}

/// `member of, as participating authority, through Swedish Migration
/// Agency`: the relation as seen from the actor, its role (as words:
/// [`output::role_phrase`]) unless it only repeats the kind.
pub fn link_text(l: &Link) -> String {
    let side = if l.direction == "out" {
        Side::Out
    } else {
        Side::In
    };
    // A funder's link is its funding of an activity the actor is in: the
    // funder funds it, not the actor.
    let mut s = match (&l.funder, &l.activity) {
        (Some(f), Some(a)) => format!("{} funds {}", f.name, a.name),
        (None, Some(a)) => format!("funds {}", a.name),
        (_, None) => heading(side, l.kind).to_string(),
    };
    if let Some(r) = l.role.as_deref().filter(|r| *r != l.kind.as_str()) {
        s.push_str(&output::role_phrase(r));
    }
    if let Some(t) = &l.through {
        let _ = write!(s, ", through {}", t.name);
    }
    s
}

pub fn run(global: &GlobalArgs, args: &Args) -> coopgraph::Result<ExitCode> {
    // A window that cannot be is refused before the data is read.
    let select = args.window.spec();
    select.window()?;
    let g = global.graph()?;
    let actors: Vec<usize> = args
        .names
        .iter()
        .map(|n| g.resolve(n))
        .collect::<Result<_, _>>()?;
    let view = View::new(g, &select.resolve(g)?);
    let request = Request {
        actors,
        via: args.via,
    };
    let s = request.run(&view, global.lang())?;
    if global.format == Format::Json {
        output::json(&s)?;
        return Ok(ExitCode::SUCCESS);
    }
    let names = s.actors.iter().map(|a| a.name.as_str()).join(", ");
    if s.items.is_empty() && global.format != Format::Csv {
        output::text(&format!("nothing shared by {names}\n"))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut header = vec!["shared".to_string(), "kind".to_string()];
    header.extend(s.actors.iter().map(|a| a.name.clone()));
    header.extend(["overlap".to_string(), "sources".to_string()]);
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let rows = s.items.iter().map(|item| {
        let mut row = vec![item.item.name.clone(), item.category.to_string()];
        row.extend(
            item.actors
                .iter()
                .map(|a| a.links.iter().map(link_text).unique().join("; ")),
        );
        row.push(
            match (
                item.overlap.from_year,
                item.overlap.to_year,
                item.overlap.disjoint,
            ) {
                (_, _, true) => "none".into(),
                (Some(a), Some(b), _) if a == b => a.to_string(),
                (Some(a), Some(b), _) => format!("{a}–{b}"),
                (Some(a), None, _) => format!("from {a}"),
                (None, Some(b), _) => format!("until {b}"),
                (None, None, _) => String::new(),
            },
        );
        let cites = format_citations(
            item.actors
                .iter()
                .flat_map(|a| a.links.iter().flat_map(|l| l.sources.iter())),
        );
        row.push(cites);
        row
    });
    if global.format == Format::Csv {
        let header = header.iter().map(|h| h.to_string()).collect();
        output::csv(std::iter::once(header).chain(rows))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = format!("shared by {names}: {}\n", s.items.len());
    out.push_str(&output::table(&header, rows));
    output::text(&out)?;
    Ok(ExitCode::SUCCESS)
}
