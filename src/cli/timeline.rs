//! coopgraph timeline NAME — the cooperation history of an actor or country in
//! date order: every project, network and council (and direct cooperation),
//! the role, the partners, the funders, start and end with their precision,
//! and whether it is finished, ongoing or planned as of a date (today unless
//! --as-of is given). A state's history includes its authorities'.
//!
//! With `-o FILE.svg`, `-o FILE.png` or `-o FILE.pdf` it draws the history as a Gantt-style
//! figure instead (bars coloured by funder, hatched where a date is partial,
//! drawn lighter with a dashed outline where the pages give the dates as
//! planned, an arrowhead where the end lies after the as-of date, a fading
//! end where no end is stated, partners beside each bar).
//!
//! The status column adds `start planned`, `end planned` or `dates planned`
//! where the pages give a date as planned or expected.
//!
//! Usage: coopgraph timeline NAME [--from Y] [--to Y] [--as-of DATE]
//!        [-o FILE.svg|FILE.png|FILE.pdf [--force] [--bare]] [--format table|json|csv]

use super::shared::link_text;
use super::{Format, GlobalArgs, OutputArgs, WindowArgs, figure, output};
use coopgraph::analysis::timeline::timeline;
use coopgraph::analysis::{format_citations, span_human};
use coopgraph::date::{Day, PartialDate};
use coopgraph::view::View;
use itertools::Itertools;
use std::process::ExitCode;

/// An actor's or country's cooperation history in date order.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Actor or country (id, name or alias, either language).
    pub name: String,
    #[command(flatten)]
    pub window: WindowArgs,
    /// Date the status (finished, ongoing, planned) refers to; default today.
    #[arg(long, value_name = "DATE", value_parser = super::parse_date)]
    pub as_of: Option<PartialDate>,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Leave the title, subtitle and caption out of the figure (for a
    /// publication that adds its own caption).
    #[arg(long)]
    pub bare: bool,
}

pub fn today() -> Day {
    let d = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    Day {
        year: d.year() as i32,
        month: d.month() as u8,
        day: d.day() as u8,
    }
}

pub fn run(global: &GlobalArgs, args: &Args) -> coopgraph::Result<ExitCode> {
    // A window that cannot be is refused before the data is read.
    let select = args.window.spec();
    select.window()?;
    let figure_to = args.output.figure_format()?;
    let g = global.graph()?;
    let actor = g.resolve(&args.name)?;
    let view_selection = select.resolve(g)?;
    let view = View::new(g, &view_selection);
    let as_of = args
        .as_of
        .as_ref()
        .map_or_else(today, PartialDate::earliest);
    let t = timeline(&view, actor, as_of, global.lang());
    if let Some((path, format)) = figure_to {
        let caption =
            coopgraph::render::caption(g, &view_selection, global.lang(), &global.data_label());
        let fig = coopgraph::render::timeline::TimelineFigure {
            title: None,
            caption,
            bare: args.bare,
            lang: global.lang(),
        };
        let svg = coopgraph::render::timeline::svg(&t, &fig);
        figure::write(global, &args.output, path, format, &svg)?;
        return Ok(ExitCode::SUCCESS);
    }
    if global.format == Format::Json {
        output::json(&t)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = format!(
        "cooperation history of {} (status as of {})\n",
        t.actor.name, t.as_of
    );
    if t.scope.len() > 1 {
        out.push_str(&format!(
            "including: {}\n",
            t.scope.iter().skip(1).map(|s| &s.name).join(", ")
        ));
    }
    let csv = global.format == Format::Csv;
    if t.entries.is_empty() && !csv {
        out.push_str("no cooperation recorded\n");
        output::text(&out)?;
        return Ok(ExitCode::SUCCESS);
    }
    out.push_str(&output::table_or_csv(
        csv,
        &[
            "dates", "status", "name", "kind", "role", "partners", "funding", "sources",
        ],
        t.entries.iter().map(|e| {
            let funding = e
                .funding
                .iter()
                .map(|f| {
                    let mut s = f.funder.name.clone();
                    if let Some(a) = &f.amount {
                        s.push_str(&format!(" ({} {})", a.currency, a.value));
                    }
                    if let Some(sh) = f.share {
                        s.push_str(&format!(" [{sh}]"));
                    }
                    s
                })
                .unique()
                .join("; ");
            let cites = format_citations(e.links.iter().flat_map(|l| l.sources.iter()));
            [
                span_human(&e.start, &e.end),
                e.status_text(),
                e.item.name.clone(),
                e.category.to_string(),
                e.links.iter().map(link_text).unique().join("; "),
                e.partners.iter().map(|p| &p.name).join("; "),
                funding,
                cites,
            ]
        }),
    )?);
    if !csv {
        output::text(&out)?;
    }
    Ok(ExitCode::SUCCESS)
}
