//! Gantt-style cooperation histories: one row per project, network or direct
//! cooperation of a [`Timeline`], a bar from start to end on a year axis.
//!
//! - Bars are coloured by funder (the main funder where one is marked), in the
//!   Okabe–Ito colours of [`super::style`], grey where no funder is stated.
//! - The part of a bar that a partial date leaves open (a date known only to
//!   the month, season or year) is hatched and lighter: a project that ran
//!   "2020–2022" is hatched across 2020 and 2022 and solid in 2021.
//! - An arrowhead ends the bar of an activity still running on the as-of
//!   date; with no end stated the bar runs to that date. A dashed line marks
//!   the as-of date itself.
//! - Partner names stand beside each bar; every row carries a hover title with
//!   dates, status, roles, partners, funders and sources.
//!
//! ```
//! use coopgraph::{graph::CoopGraph, view::View, model::Lang, date::Day};
//! use coopgraph::analysis::timeline::timeline;
//! let g = CoopGraph::embedded().unwrap();
//! let t = timeline(&View::full(&g), g.resolve("Serbia").unwrap(),
//!                  Day { year: 2026, month: 1, day: 1 }, Lang::En);
//! let svg = coopgraph::render::timeline::svg(&t, None, "Embedded dataset");
//! assert!(svg.contains("EU-Twinning project with Serbia"));
//! ```

use super::style::{GREY, INK, OKABE_ITO, PAPER, clip, wrap};
use super::svg::{Svg, esc, num, text_width};
use crate::analysis::timeline::{Entry, Status, Timeline};
use crate::analysis::{DateView, format_citations, span_human};
use crate::date::{Day, PartialDate, days_in_month};
use crate::model::FundingShare;
use itertools::Itertools;

/// Bar colour of activities with no stated funder.
const NO_FUNDER: &str = "#BBBBBB";
/// Bar colour of funders beyond the palette.
const OTHER_FUNDER: &str = "#888888";
/// Funder colours, in the order funders first appear (black is kept for ink).
const FUNDER_COLOURS: [&str; 7] = [
    OKABE_ITO[4],
    OKABE_ITO[0],
    OKABE_ITO[2],
    OKABE_ITO[5],
    OKABE_ITO[6],
    OKABE_ITO[1],
    OKABE_ITO[3],
];

const MARGIN: f64 = 20.0;
const ROW: f64 = 32.0;
const BAR: f64 = 14.0;
const LABEL_CHARS: usize = 36;
const PARTNER_CHARS: usize = 70;
const FONT_SIZE: f64 = 11.0;

/// A day as a fractional year: 2020-07-02 is about 2020.5.
fn year_pos(d: Day) -> f64 {
    let leap = days_in_month(d.year, 2) == 29;
    let before: u32 = (1..d.month)
        .map(|m| u32::from(days_in_month(d.year, m)))
        .sum();
    let doy = before + u32::from(d.day) - 1;
    f64::from(d.year) + f64::from(doy) / if leap { 366.0 } else { 365.0 }
}

/// Start of the day after `d`, as a fractional year (a span's last day is
/// drawn in full).
fn year_pos_end(d: Day) -> f64 {
    let leap = days_in_month(d.year, 2) == 29;
    year_pos(d) + 1.0 / if leap { 366.0 } else { 365.0 }
}

/// The first and last day a shown date may denote.
fn bounds(d: &DateView) -> Option<(Day, Day)> {
    let day = |s: &str| s.parse::<PartialDate>().ok().map(|p| p.earliest());
    Some((day(&d.earliest)?, day(&d.latest)?))
}

/// The funder an entry's bar is coloured by: the main funder, else the first.
fn funder_of(e: &Entry) -> Option<&str> {
    e.funding
        .iter()
        .find(|f| f.share == Some(FundingShare::Main))
        .or(e.funding.first())
        .map(|f| f.funder.name.as_str())
}

/// What is known of an entry's extent on the year axis.
#[derive(Debug, Clone, Copy)]
struct Extent {
    /// Earliest and latest possible start (the beginning of the day), as
    /// fractional years.
    start: Option<(f64, f64)>,
    /// Earliest and latest possible end (the end of the day).
    end: Option<(f64, f64)>,
}

fn extent(e: &Entry) -> Extent {
    // A start is a day's beginning, an end a day's end: a date to the day
    // leaves nothing open.
    let start = e.start.as_ref().and_then(bounds);
    let end = e.end.as_ref().and_then(bounds);
    Extent {
        start: start.map(|(lo, hi)| (year_pos(lo), year_pos(hi))),
        end: end.map(|(lo, hi)| (year_pos_end(lo), year_pos_end(hi))),
    }
}

/// The row label of an entry: its name, or "cooperation with" the partner.
fn label(e: &Entry) -> String {
    if e.category == "cooperation" {
        format!("Cooperation with {}", e.item.name)
    } else {
        e.item.name.clone()
    }
}

/// The hover text of a row: everything the table row of `coopgraph timeline`
/// says.
fn hover(e: &Entry) -> String {
    let mut lines = vec![format!("{} ({})", e.item.name, e.category)];
    let dates = span_human(&e.start, &e.end);
    lines.push(if dates.is_empty() {
        format!("no dates stated; {}", e.status.as_str())
    } else {
        format!("{dates}; {}", e.status.as_str())
    });
    let roles = e.links.iter().map(super::link_label).unique().join("; ");
    if !roles.is_empty() {
        lines.push(format!("role: {roles}"));
    }
    if !e.partners.is_empty() {
        lines.push(format!(
            "partners: {}",
            e.partners.iter().map(|p| &p.name).join(", ")
        ));
    }
    if !e.funding.is_empty() {
        let funding = e
            .funding
            .iter()
            .map(|f| match &f.amount {
                Some(a) => format!("{} ({} {})", f.funder.name, a.currency, a.value),
                None => f.funder.name.clone(),
            })
            .unique()
            .join("; ");
        lines.push(format!("funding: {funding}"));
    }
    let cites = format_citations(
        e.links
            .iter()
            .flat_map(|l| l.sources.iter())
            .chain(e.funding.iter().flat_map(|f| f.sources.iter())),
    );
    if !cites.is_empty() {
        lines.push(format!("sources: {cites}"));
    }
    lines.join("\n")
}

/// Funders in order of first appearance, each with its colour.
fn funder_colours(t: &Timeline) -> Vec<(String, &'static str)> {
    let names: Vec<&str> = t.entries.iter().filter_map(funder_of).unique().collect();
    names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            (
                n.to_string(),
                *FUNDER_COLOURS.get(i).unwrap_or(&OTHER_FUNDER),
            )
        })
        .collect()
}

fn colour_of(e: &Entry, colours: &[(String, &'static str)]) -> &'static str {
    match funder_of(e) {
        None => NO_FUNDER,
        Some(f) => colours
            .iter()
            .find(|(n, _)| n == f)
            .map_or(OTHER_FUNDER, |(_, c)| c),
    }
}

/// The year axis: first and last year shown (whole years).
fn axis(t: &Timeline, as_of: f64) -> (i32, i32) {
    let mut lo = as_of;
    let mut hi = as_of;
    for e in &t.entries {
        let x = extent(e);
        for (a, b) in [x.start, x.end].into_iter().flatten() {
            lo = lo.min(a);
            hi = hi.max(b);
        }
    }
    // Room after the as-of date for the arrowheads of running activities.
    let hi = hi.max(as_of + 0.3);
    (lo.floor() as i32, hi.ceil() as i32)
}

/// The figure of a timeline, titled `title` (default "Cooperation history
/// of …"). `caption` names the data and the filters; it is printed under the
/// figure and kept in its `<desc>`.
pub fn svg(t: &Timeline, title: Option<&str>, caption: &str) -> String {
    let as_of_day = t
        .as_of
        .parse::<PartialDate>()
        .map(|d| d.earliest())
        .unwrap_or(Day {
            year: 2000,
            month: 1,
            day: 1,
        });
    let as_of = year_pos(as_of_day);
    let (y0, y1) = axis(t, as_of);
    let years = f64::from(y1 - y0);
    let per_year = (640.0 / years).clamp(28.0, 90.0);
    let labels: Vec<Vec<String>> = t
        .entries
        .iter()
        .map(|e| {
            let mut lines = wrap(&label(e), LABEL_CHARS);
            if lines.len() > 2 {
                lines.truncate(2);
                lines[1] = clip(&format!("{} …", lines[1]), LABEL_CHARS);
            }
            lines.iter().map(|l| clip(l, LABEL_CHARS + 4)).collect()
        })
        .collect();
    let label_w = labels
        .iter()
        .flatten()
        .map(|l| text_width(l, FONT_SIZE))
        .fold(120.0, f64::max);
    let x0 = MARGIN + label_w + 14.0;
    let x_of = |y: f64| x0 + (y - f64::from(y0)) * per_year;
    let plot_right = x_of(f64::from(y1));
    let colours = funder_colours(t);
    let partners: Vec<String> = t
        .entries
        .iter()
        .map(|e| {
            if e.partners.is_empty() {
                String::new()
            } else {
                clip(
                    &format!("with {}", e.partners.iter().map(|p| &p.name).join(", ")),
                    PARTNER_CHARS,
                )
            }
        })
        .collect();
    // Where each bar ends, to place partner names and size the figure.
    let ends: Vec<f64> = t
        .entries
        .iter()
        .map(|e| {
            let x = extent(e);
            let running = matches!(e.status, Status::Ongoing | Status::NoEndStated);
            match (x.start, x.end) {
                (_, Some((_, b))) => x_of(b) + if running { 10.0 } else { 0.0 },
                (Some(_), None) if running => x_of(as_of) + 10.0,
                (Some((_, b)), None) => x_of(b),
                (None, None) => x0 + 90.0,
            }
        })
        .collect();
    let text_right = ends
        .iter()
        .zip(&partners)
        .map(|(x, p)| x + 6.0 + text_width(p, 10.0))
        .fold(plot_right, f64::max);

    let title = title.map_or_else(
        || format!("Cooperation history of {}", t.actor.name),
        str::to_string,
    );
    let subtitle = if t.scope.len() > 1 {
        format!(
            "Including {}; status as of {}",
            t.scope.iter().skip(1).map(|s| &s.name).join(", "),
            t.as_of
        )
    } else {
        format!("Status as of {}", t.as_of)
    };
    let subtitle = clip(&subtitle, 160);
    let top = 84.0;
    let rows_h = ROW * t.entries.len().max(1) as f64;
    let legend_items =
        colours.len() + usize::from(t.entries.iter().any(|e| funder_of(e).is_none())) + 3;
    let legend_cols = 3;
    let legend_rows = legend_items.div_ceil(legend_cols);
    let legend_top = top + rows_h + 34.0;
    let caption_lines = wrap(caption, 150);
    let height = legend_top + 20.0 * legend_rows as f64 + 16.0 + 14.0 * caption_lines.len() as f64;
    let width = (text_right + MARGIN)
        .max(text_width(&title, 16.0) + 2.0 * MARGIN)
        .max(text_width(&subtitle, 11.0) + 2.0 * MARGIN)
        .max(MARGIN * 2.0 + 3.0 * 240.0);
    let desc = format!(
        "Gantt chart of {} entries in the cooperation history of {}: bars from start to end \
         on a year axis, coloured by funder, hatched where a date is known only to the month, \
         season or year, with an arrowhead where the activity was still running on {}. {}",
        t.entries.len(),
        t.actor.name,
        t.as_of,
        caption
    );

    let mut s = Svg::new(width.ceil(), height.ceil(), &title, &desc);
    // One hatch pattern per bar colour: the colour, lightened, with stripes.
    let mut defs = String::from("<defs>\n");
    let used: Vec<&str> = colours
        .iter()
        .map(|(_, c)| *c)
        .chain([NO_FUNDER, OTHER_FUNDER])
        .unique()
        .collect();
    for c in &used {
        defs.push_str(&format!(
            "<pattern id=\"hatch-{id}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" \
             patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"{c}\" \
             fill-opacity=\"0.3\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"{c}\" \
             stroke-width=\"3\"/></pattern>\n",
            id = &c[1..],
            c = esc(c)
        ));
    }
    defs.push_str("</defs>");
    s.raw(&defs);
    s.text(MARGIN, 30.0, &title, "start", 16.0, "bold", None);
    s.text(MARGIN, 50.0, &subtitle, "start", 11.0, "", Some(GREY));

    // Year grid and labels.
    let step = if years > 30.0 {
        5
    } else if years > 15.0 {
        2
    } else {
        1
    };
    let bottom = top + rows_h;
    s.open_group("axis", None);
    for y in (y0..=y1).filter(|y| (y - y0) % step == 0) {
        let x = x_of(f64::from(y));
        s.line((x, top - 6.0), (x, bottom), "#DDDDDD", 1.0, "");
        if y < y1 {
            let mid = x_of(f64::from(y) + 0.5).min(x_of(f64::from(y1)) - 4.0);
            s.text(
                mid,
                top - 10.0,
                &y.to_string(),
                "middle",
                10.0,
                "",
                Some(GREY),
            );
            s.text(
                mid,
                bottom + 14.0,
                &y.to_string(),
                "middle",
                10.0,
                "",
                Some(GREY),
            );
        }
    }
    s.line((x0, bottom), (plot_right, bottom), GREY, 1.0, "");
    s.close_group();

    for (i, e) in t.entries.iter().enumerate() {
        let y = top + ROW * i as f64;
        let mid = y + ROW / 2.0;
        s.open_group("entry", Some(&hover(e)));
        if i % 2 == 0 {
            s.rect(
                MARGIN,
                y,
                plot_right - MARGIN,
                ROW,
                PAPER,
                "fill-opacity=\"0.7\"",
            );
        }
        let lines = &labels[i];
        let first = mid + 4.0 - 6.5 * (lines.len() as f64 - 1.0);
        for (k, l) in lines.iter().enumerate() {
            s.text(
                x0 - 10.0,
                first + 13.0 * k as f64,
                l,
                "end",
                FONT_SIZE,
                "",
                None,
            );
        }
        let colour = colour_of(e, &colours);
        let hatch = format!("url(#hatch-{})", &colour[1..]);
        let bar_y = mid - BAR / 2.0;
        let x = extent(e);
        let running = matches!(e.status, Status::Ongoing | Status::NoEndStated);
        let outline = format!("stroke=\"{}\" stroke-width=\"0.6\"", esc(colour));
        match (x.start, x.end) {
            (None, None) => {
                s.text(
                    x0 + 4.0,
                    mid + 4.0,
                    "no dates stated",
                    "start",
                    10.0,
                    "",
                    Some(GREY),
                );
            }
            (start, end) => {
                // Solid from the last possible start to the first possible
                // end; hatched where either is open.
                let (s_lo, s_hi) =
                    start.unwrap_or_else(|| end.map_or((as_of, as_of), |e| (e.0, e.0)));
                let (e_lo, e_hi) = end.unwrap_or((as_of, as_of));
                if start.is_some() && s_hi > s_lo + 1e-9 {
                    s.rect(
                        x_of(s_lo),
                        bar_y,
                        x_of(s_hi.min(e_hi)) - x_of(s_lo),
                        BAR,
                        &hatch,
                        &outline,
                    );
                }
                if e_lo > s_hi {
                    s.rect(x_of(s_hi), bar_y, x_of(e_lo) - x_of(s_hi), BAR, colour, "");
                }
                if end.is_some() && e_hi > e_lo + 1e-9 {
                    let from = e_lo.max(s_lo);
                    s.rect(
                        x_of(from),
                        bar_y,
                        x_of(e_hi) - x_of(from),
                        BAR,
                        &hatch,
                        &outline,
                    );
                }
                if start.is_none() {
                    // Known only by its end: a tick at the end, no bar.
                    s.line(
                        (x_of(e_hi), bar_y - 3.0),
                        (x_of(e_hi), bar_y + BAR + 3.0),
                        colour,
                        3.0,
                        "",
                    );
                }
                if running {
                    let tip = x_of(e_hi.max(s_hi));
                    s.raw(&format!(
                        "<path d=\"M{} {} L{} {} L{} {} Z\" fill=\"{}\"/>",
                        num(tip),
                        num(bar_y - 3.0),
                        num(tip + 10.0),
                        num(mid),
                        num(tip),
                        num(bar_y + BAR + 3.0),
                        esc(colour)
                    ));
                }
            }
        }
        if !partners[i].is_empty() {
            s.text(
                ends[i] + 6.0,
                mid + 4.0,
                &partners[i],
                "start",
                10.0,
                "",
                Some(INK),
            );
        }
        s.close_group();
    }
    if t.entries.is_empty() {
        s.text(
            x0,
            top + ROW / 2.0 + 4.0,
            "no cooperation recorded",
            "start",
            11.0,
            "",
            Some(GREY),
        );
    }

    // The as-of date.
    let ax = x_of(as_of);
    s.line(
        (ax, top - 4.0),
        (ax, bottom),
        OKABE_ITO[5],
        1.2,
        "stroke-dasharray=\"4,3\"",
    );
    s.text(
        ax,
        bottom + 28.0,
        &format!("as of {}", t.as_of),
        "middle",
        10.0,
        "",
        Some(OKABE_ITO[5]),
    );

    // Legend: funders, then the drawing conventions.
    let mut items: Vec<(String, String)> = colours
        .iter()
        .map(|(n, c)| (format!("funded by {n}"), c.to_string()))
        .collect();
    if t.entries.iter().any(|e| funder_of(e).is_none()) {
        items.push(("no funder stated".into(), NO_FUNDER.into()));
    }
    items.push((
        "date known only to the month, season or year".into(),
        format!("url(#hatch-{})", &NO_FUNDER[1..]),
    ));
    items.push((format!("still running on {}", t.as_of), "arrow".into()));
    items.push(("as-of date".into(), "asof".into()));
    let col_w = (width - 2.0 * MARGIN) / legend_cols as f64;
    // Legend text stops short of the next column.
    let legend_chars = ((col_w - 40.0) / text_width("m", 10.0)).max(8.0) as usize;
    s.open_group("legend", None);
    for (k, (text, fill)) in items.iter().enumerate() {
        let lx = MARGIN + col_w * (k % legend_cols) as f64;
        let ly = legend_top + 20.0 * (k / legend_cols) as f64;
        match fill.as_str() {
            "arrow" => {
                s.rect(lx, ly, 16.0, 10.0, NO_FUNDER, "");
                s.raw(&format!(
                    "<path d=\"M{} {} L{} {} L{} {} Z\" fill=\"{}\"/>",
                    num(lx + 16.0),
                    num(ly - 2.0),
                    num(lx + 24.0),
                    num(ly + 5.0),
                    num(lx + 16.0),
                    num(ly + 12.0),
                    NO_FUNDER
                ));
            }
            "asof" => s.line(
                (lx + 12.0, ly - 2.0),
                (lx + 12.0, ly + 12.0),
                OKABE_ITO[5],
                1.2,
                "stroke-dasharray=\"4,3\"",
            ),
            f => s.rect(lx, ly, 24.0, 10.0, f, ""),
        }
        s.text(
            lx + 30.0,
            ly + 9.0,
            &clip(text, legend_chars),
            "start",
            10.0,
            "",
            None,
        );
    }
    s.close_group();
    let cap_top = legend_top + 20.0 * legend_rows as f64 + 14.0;
    for (k, l) in caption_lines.iter().enumerate() {
        s.text(
            MARGIN,
            cap_top + 14.0 * k as f64,
            l,
            "start",
            10.0,
            "",
            Some(GREY),
        );
    }
    s.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fractional_years_follow_the_calendar() {
        let d = |year, month, day| Day { year, month, day };
        assert_eq!(year_pos(d(2020, 1, 1)), 2020.0);
        // 2020 is a leap year: 1 July is day 182 (0-based) of 366.
        assert!((year_pos(d(2020, 7, 1)) - (2020.0 + 182.0 / 366.0)).abs() < 1e-12);
        assert!((year_pos_end(d(2021, 12, 31)) - 2022.0).abs() < 1e-12);
    }
}
