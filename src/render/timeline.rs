//! Gantt-style cooperation histories: one row per project, network or direct
//! cooperation of a [`Timeline`], a bar from start to end on a year axis.
//!
//! - Bars are coloured by funder (the main funder where one is marked), in the
//!   Okabe–Ito colours of [`super::style`], grey where no funder is stated.
//! - The part of a bar that a partial date leaves open (a date known only to
//!   the month, season or year) is hatched and lighter: a project that ran
//!   "2020–2022" is hatched across 2020 and 2022 and solid in 2021.
//! - An arrowhead ends the bar of an activity whose end lies after the
//!   as-of date: only there does the data say it continues. Where no end is
//!   stated the bar fades out after the last stated date ("end not stated"),
//!   never running on to the as-of date as if that were known.
//! - Dates the pages give as planned or expected ("will start in 2022",
//!   "expected to run until") are drawn lighter with a dashed outline
//!   ("planned"), as are activities that start after the as-of date.
//! - A dashed line marks the as-of date; it leaves a gap wherever a row's
//!   text stands across it.
//! - Partner names stand beside each bar; every row carries a hover title with
//!   dates, status, roles, partners, funders and sources.
//!
//! [`TimelineFigure`] holds the options; [`TimelineChart::new`] measures the
//! texts and lays the figure out, and [`TimelineChart::svg`] paints it.
//!
//! ```
//! use coopgraph::{graph::CoopGraph, view::View, model::Lang, date::Day};
//! use coopgraph::analysis::timeline::timeline;
//! let g = CoopGraph::embedded().unwrap();
//! let t = timeline(&View::full(&g), g.resolve("Serbia").unwrap(),
//!                  Day { year: 2026, month: 1, day: 1 }, Lang::EN);
//! use coopgraph::render::timeline::{TimelineChart, TimelineFigure};
//! let fig = TimelineFigure { caption: "Embedded dataset".into(), ..Default::default() };
//! let chart = TimelineChart::new(&t, &fig);
//! assert_eq!(chart.rows, t.entries.len());
//! assert!(chart.svg().contains("EU-Twinning project with Serbia"));
//! ```

use super::page::{self, chars_in};
use super::style::{GREY, INK, OKABE_ITO, PAPER, clip, wrap};
use super::svg::{Svg, esc, num, text_width};
use crate::analysis::timeline::{Entry, Status, Timeline};
use crate::analysis::{DateView, format_citations, span_human};
use crate::date::{Day, PartialDate, days_in_month};
use crate::model::{FundingShare, Lang};
use crate::words::{W, fill, word};
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
/// The least height of a row.
const ROW: f64 = 32.0;
const BAR: f64 = 14.0;
/// The widest the label column gets; labels wrap to fit it.
const LABEL_W: f64 = 200.0;
/// Most lines of a row's label; a longer label is cut (its hover title has
/// it whole).
const LABEL_LINES: usize = 4;
/// Line height of labels and of partner lines.
const LABEL_LINE: f64 = 13.0;
const PARTNER_LINE: f64 = 12.0;
/// Most lines of partner names under a bar.
const PARTNER_LINES: usize = 2;
/// The longest partner text; longer lists name as many partners as fit
/// and count the rest.
const PARTNER_CHARS: usize = 100;
/// Length of the fading end of a bar with no end stated.
const FADE: f64 = 36.0;
/// Marks of the planned parts of a bar: lighter, with a dashed outline.
const PLANNED_OPACITY: &str = "0.35";
const FONT_SIZE: f64 = 11.0;
/// Legend items per row.
const LEGEND_COLS: usize = 3;

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
fn label(e: &Entry, lang: Lang) -> String {
    if e.category == "cooperation" {
        fill(W::CooperationWith, lang, &[&e.item.name])
    } else {
        e.item.name.clone()
    }
}

/// The hover text of a row: everything the table row of `coopgraph timeline`
/// says.
fn hover(e: &Entry, lang: Lang) -> String {
    let category = crate::words::category(e.category, lang);
    let mut lines = vec![format!("{} ({category})", e.item.name)];
    let dates = match (&e.start, &e.end) {
        (None, None) => word(W::NoDates, lang).to_string(),
        (Some(s), None) => fill(W::From, lang, &[&s.human()]),
        (None, Some(e)) => fill(W::Until, lang, &[&e.human()]),
        (Some(_), Some(_)) => span_human(&e.start, &e.end),
    };
    let status = crate::words::status(&e.status_text(), lang);
    lines.push(format!("{dates}; {status}"));
    let roles = e
        .links
        .iter()
        .map(|l| super::link_label(l, lang))
        .unique()
        .join("; ");
    if !roles.is_empty() {
        lines.push(fill(W::HoverRole, lang, &[&roles]));
    }
    if !e.partners.is_empty() {
        let names = e.partners.iter().map(|p| &p.name).join(", ");
        lines.push(fill(W::HoverPartners, lang, &[&names]));
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
        lines.push(fill(W::HoverFunding, lang, &[&funding]));
    }
    let cites = format_citations(
        e.links
            .iter()
            .flat_map(|l| l.sources.iter())
            .chain(e.funding.iter().flat_map(|f| f.sources.iter())),
    );
    if !cites.is_empty() {
        lines.push(fill(W::HoverSources, lang, &[&cites]));
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

/// The options of a timeline figure.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimelineFigure {
    /// Title; default "Cooperation history of …".
    pub title: Option<String>,
    /// Names the data and the filters; printed under the figure and kept in
    /// its `<desc>`.
    pub caption: String,
    /// No title, subtitle or caption painted (the writer adds their own);
    /// they stay in the SVG's `<title>` and `<desc>`.
    pub bare: bool,
    /// The language of the figure's own words ([`super::words`]).
    pub lang: Lang,
}

/// A timeline figure measured and laid out: what it states (texts and
/// counts, as public fields) and where everything goes.
/// [`TimelineChart::svg`] paints it.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineChart<'a> {
    pub title: String,
    /// The line under the title: the actors included and the as-of date.
    pub subtitle: String,
    /// The caption printed under the figure.
    pub caption: String,
    /// The SVG's `<desc>`: what the figure shows, then the caption.
    pub desc: String,
    /// Rows drawn, one per entry of the timeline.
    pub rows: usize,
    /// Rows with no dates, drawn without a bar.
    pub undated: usize,
    /// Rows still running on the as-of date, drawn with an arrowhead.
    pub running: usize,
    /// Funders in legend order, each with its bar colour.
    pub funders: Vec<(String, &'static str)>,
    /// The first and last year on the axis.
    pub years: (i32, i32),
    /// The figure's size in SVG units.
    pub width: f64,
    pub height: f64,
    /// Painted without title, subtitle and caption.
    pub bare: bool,
    lang: Lang,
    t: &'a Timeline,
    measure: Measure,
    layout: Layout,
}

/// Texts and their widths: what the layout is computed from.
#[derive(Debug, Clone, PartialEq)]
struct Measure {
    /// Each row's label, in at most two lines.
    labels: Vec<Vec<String>>,
    /// Each row's partners (`with …`) in lines under its bar, empty for none.
    partners: Vec<Vec<String>>,
    /// Width of the longest label line.
    label_w: f64,
    /// The title and the line under it, wrapped to the page.
    title_lines: Vec<String>,
    subtitle_lines: Vec<String>,
    caption_lines: Vec<String>,
    /// Items in the legend.
    legend_items: usize,
    /// Rows of the legend.
    legend_rows: usize,
}

/// Positions on the page and the year axis.
#[derive(Debug, Clone, PartialEq)]
struct Layout {
    /// The as-of date, as a fractional year.
    as_of: f64,
    /// The axis starts at `x0`, at year `y0`, with `per_year` units a year.
    x0: f64,
    y0: i32,
    y1: i32,
    per_year: f64,
    /// Each row's top and height.
    rows: Vec<(f64, f64)>,
    /// Top and bottom of the rows.
    top: f64,
    bottom: f64,
    legend_top: f64,
    /// Legend items per row.
    legend_cols: usize,
}

impl Layout {
    /// The x of a fractional year.
    fn x(&self, year: f64) -> f64 {
        self.x0 + (year - f64::from(self.y0)) * self.per_year
    }
}

/// A legend item's sample.
enum Swatch {
    /// A bar filled with this colour or pattern.
    Fill(String),
    /// A bar ending in an arrowhead.
    Arrow,
    /// The dashed as-of line.
    AsOf,
    /// A bar fading out: no end stated.
    Fade,
    /// A lighter bar with a dashed outline: planned dates.
    Planned,
}

/// The figure of a timeline. `fig.caption` names the data and the filters.
pub fn svg(t: &Timeline, fig: &TimelineFigure) -> String {
    TimelineChart::new(t, fig).svg()
}

/// Whether the data says an entry was still running on the as-of date: it
/// started, and its stated end lies on or after that date. An entry with no
/// end stated is not running as far as the data goes.
fn is_running(e: &Entry) -> bool {
    e.status == Status::Ongoing
}

/// Whether an entry has a start but no stated end.
fn is_open(e: &Entry) -> bool {
    e.end.is_none() && e.start.is_some()
}

impl<'a> TimelineChart<'a> {
    /// Measures and lays out the figure of `t`.
    pub fn new(t: &'a Timeline, fig: &TimelineFigure) -> TimelineChart<'a> {
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
        let funders = funder_colours(t);
        let mut measure = measure(t, &funders, &fig.caption, fig.lang);
        let x0 = MARGIN + measure.label_w + 14.0;
        // The plot fills the page's width, with room for an arrowhead.
        let width = page::WIDTH;
        let per_year = (width - MARGIN - 12.0 - x0) / years.max(1.0);
        let title = fig
            .title
            .clone()
            .unwrap_or_else(|| fill(W::HistoryOf, fig.lang, &[&t.actor.name]));
        let text_w = width - 2.0 * MARGIN;
        let title_lines = wrap(&title, chars_in(text_w, 16.0));
        let subtitle_lines = wrap(&subtitle(t, fig.lang), chars_in(text_w, 11.0));
        let head = 30.0 + 20.0 * (title_lines.len() as f64 - 1.0);
        let top = head + 14.0 * subtitle_lines.len() as f64 + 34.0;
        let plot_w = width - MARGIN - x0;
        for (e, lines) in t.entries.iter().zip(measure.partners.iter_mut()) {
            let names: Vec<&str> = e.partners.iter().map(|p| p.name.as_str()).collect();
            *lines = partner_lines(&names, fig.lang, chars_in(plot_w, 10.0));
        }
        let mut y = top;
        let rows: Vec<(f64, f64)> = (0..t.entries.len())
            .map(|i| {
                let h = row_height(measure.labels[i].len(), measure.partners[i].len());
                y += h;
                (y - h, h)
            })
            .collect();
        let bottom = if rows.is_empty() { top + ROW } else { y };
        let mut layout = Layout {
            as_of,
            x0,
            y0,
            y1,
            per_year,
            rows,
            top,
            bottom,
            legend_top: bottom + 34.0,
            legend_cols: LEGEND_COLS,
        };
        // Legend entries are never cut: fewer columns where the longest
        // does not fit.
        let legend_w = legend_items(t, &funders, fig.lang)
            .iter()
            .map(|(text, _)| text_width(text, 10.0) + 40.0)
            .fold(0.0, f64::max);
        let cols = (1..=LEGEND_COLS)
            .rev()
            .find(|&c| legend_w <= text_w / c as f64)
            .unwrap_or(1);
        layout.legend_cols = cols;
        measure.legend_rows = measure.legend_items.div_ceil(cols);
        measure.title_lines = title_lines;
        measure.subtitle_lines = subtitle_lines;
        let height = layout.legend_top
            + 20.0 * measure.legend_rows as f64
            + 16.0
            + 14.0 * measure.caption_lines.len() as f64;
        TimelineChart {
            desc: desc(t, &fig.caption, fig.lang),
            title,
            subtitle: measure.subtitle_lines.join(" "),
            caption: fig.caption.clone(),
            rows: t.entries.len(),
            undated: t.entries.iter().filter(|e| undated(e)).count(),
            running: t.entries.iter().filter(|e| is_running(e)).count(),
            funders,
            years: (y0, y1),
            width,
            height,
            bare: fig.bare,
            lang: fig.lang,
            t,
            measure,
            layout,
        }
    }

    /// The figure as SVG.
    pub fn svg(&self) -> String {
        let mut s = self.canvas();
        s.raw(&self.hatch_patterns());
        if !self.bare {
            let m = &self.measure;
            for (k, line) in m.title_lines.iter().enumerate() {
                let y = 30.0 + 20.0 * k as f64;
                s.text(MARGIN, y, line, "start", 16.0, "bold", None);
            }
            let below = 30.0 + 20.0 * (m.title_lines.len() as f64 - 1.0) + 20.0;
            for (k, line) in m.subtitle_lines.iter().enumerate() {
                let y = below + 14.0 * k as f64;
                s.text(MARGIN, y, line, "start", 11.0, "", Some(GREY));
            }
        }
        self.paint_axis(&mut s);
        for (i, e) in self.t.entries.iter().enumerate() {
            self.paint_row(&mut s, i, e);
        }
        let l = &self.layout;
        if self.t.entries.is_empty() {
            let y = l.top + ROW / 2.0 + 4.0;
            let text = word(W::NoCooperation, self.lang);
            s.text(l.x0, y, text, "start", 11.0, "", Some(GREY));
        }
        // The as-of date.
        let ax = l.x(l.as_of);
        let dash = "stroke-dasharray=\"4,3\"";
        s.open_group("as-of", None);
        for (y1, y2) in self.as_of_segments(ax) {
            s.line((ax, y1), (ax, y2), OKABE_ITO[5], 1.2, dash);
        }
        s.text(
            ax,
            l.bottom + 28.0,
            &fill(W::AsOf, self.lang, &[&self.t.as_of]),
            "middle",
            10.0,
            "",
            Some(OKABE_ITO[5]),
        );
        s.close_group();
        self.paint_legend(&mut s);
        let cap_top = l.legend_top + 20.0 * self.measure.legend_rows as f64 + 14.0;
        let caption: &[String] = if self.bare {
            &[]
        } else {
            &self.measure.caption_lines
        };
        for (k, line) in caption.iter().enumerate() {
            let y = cap_top + 14.0 * k as f64;
            s.text(MARGIN, y, line, "start", 10.0, "", Some(GREY));
        }
        s.finish()
    }

    /// The document: whole, or (bare) from just above the axis's years to
    /// just below the legend.
    fn canvas(&self) -> Svg {
        let (w, title) = (self.width.ceil(), &self.title);
        if !self.bare {
            return Svg::new(w, self.height.ceil(), title, &self.desc);
        }
        let top = self.layout.top - 28.0;
        let bottom = self.layout.legend_top + 20.0 * self.measure.legend_rows as f64 + 4.0;
        Svg::window(top, w, (bottom - top).ceil(), title, &self.desc)
    }

    /// The pieces of the as-of line at `ax`, from the top of the rows to
    /// the bottom, with a gap wherever a row's text stands across it.
    fn as_of_segments(&self, ax: f64) -> Vec<(f64, f64)> {
        let l = &self.layout;
        let mut gaps: Vec<(f64, f64)> = Vec::new();
        for (i, e) in self.t.entries.iter().enumerate() {
            let bar = self.bar_mid(i);
            let mut texts: Vec<(f64, f64, f64)> = Vec::new();
            for (k, line) in self.measure.partners[i].iter().enumerate() {
                let base = self.partner_base(i, k);
                texts.push((base, l.x0, l.x0 + text_width(line, 10.0)));
            }
            if undated(e) {
                let x = l.x0 + 4.0;
                let w = text_width(word(W::NoDates, self.lang), 10.0);
                texts.push((bar + 4.0, x, x + w));
            }
            for (base, a, b) in texts {
                if ax > a - 3.0 && ax < b + 3.0 {
                    gaps.push((base - 11.0, base + 4.0));
                }
            }
        }
        if self.t.entries.is_empty() {
            let mid = l.top + ROW / 2.0;
            let w = text_width("no cooperation recorded", 11.0);
            if ax > l.x0 - 3.0 && ax < l.x0 + w + 3.0 {
                gaps.push((mid - 8.0, mid + 7.0));
            }
        }
        let mut segments = Vec::new();
        let mut from = l.top - 4.0;
        for (a, b) in gaps {
            if a > from {
                segments.push((from, a));
            }
            from = b;
        }
        if l.bottom > from {
            segments.push((from, l.bottom));
        }
        segments
    }

    /// One hatch pattern per bar colour: the colour, lightened, with stripes.
    fn hatch_patterns(&self) -> String {
        let mut defs = String::from("<defs>\n");
        let used: Vec<&str> = self
            .funders
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
            if !self.t.entries.iter().any(is_open) {
                continue;
            }
            defs.push_str(&format!(
                "<linearGradient id=\"fade-{id}\"><stop offset=\"0\" stop-color=\"{c}\"/>\
                 <stop offset=\"1\" stop-color=\"{c}\" stop-opacity=\"0\"/></linearGradient>\n",
                id = &c[1..],
                c = esc(c)
            ));
        }
        defs.push_str("</defs>");
        defs
    }

    /// Year grid and labels.
    fn paint_axis(&self, s: &mut Svg) {
        let l = &self.layout;
        let (y0, y1) = (l.y0, l.y1);
        let years = f64::from(y1 - y0);
        let step = if years > 30.0 {
            5
        } else if years > 15.0 {
            2
        } else {
            1
        };
        s.open_group("axis", None);
        for y in (y0..=y1).filter(|y| (y - y0) % step == 0) {
            let x = l.x(f64::from(y));
            s.line((x, l.top - 6.0), (x, l.bottom), "#DDDDDD", 1.0, "");
            if y < y1 {
                let mid = l.x(f64::from(y) + 0.5).min(l.x(f64::from(y1)) - 4.0);
                let year = y.to_string();
                s.text(mid, l.top - 10.0, &year, "middle", 10.0, "", Some(GREY));
                s.text(mid, l.bottom + 14.0, &year, "middle", 10.0, "", Some(GREY));
            }
        }
        s.line(
            (l.x0, l.bottom),
            (l.x(f64::from(y1)), l.bottom),
            GREY,
            1.0,
            "",
        );
        s.close_group();
    }

    /// The middle of row `i`'s bar: the row's middle, or near its top when
    /// partner names stand under the bar.
    fn bar_mid(&self, i: usize) -> f64 {
        let (y, h) = self.layout.rows[i];
        if self.measure.partners[i].is_empty() {
            y + h / 2.0
        } else {
            y + 7.0 + BAR / 2.0
        }
    }

    /// The baseline of line `k` of row `i`'s partner names.
    fn partner_base(&self, i: usize, k: usize) -> f64 {
        let (y, _) = self.layout.rows[i];
        y + 7.0 + BAR + 13.0 + PARTNER_LINE * k as f64
    }

    /// Row `i`: its stripe, label, bar and partners, with its hover title.
    fn paint_row(&self, s: &mut Svg, i: usize, e: &Entry) {
        let l = &self.layout;
        let (y, h) = l.rows[i];
        let mid = y + h / 2.0;
        s.open_group("entry", Some(&hover(e, self.lang)));
        if i.is_multiple_of(2) {
            let w = l.x(f64::from(l.y1)) - MARGIN;
            s.rect(MARGIN, y, w, h, PAPER, "fill-opacity=\"0.7\"");
        }
        let lines = &self.measure.labels[i];
        let first = mid + 4.0 - LABEL_LINE / 2.0 * (lines.len() as f64 - 1.0);
        for (k, line) in lines.iter().enumerate() {
            let y = first + LABEL_LINE * k as f64;
            s.text(l.x0 - 10.0, y, line, "end", FONT_SIZE, "", None);
        }
        let bar = self.bar_mid(i);
        if undated(e) {
            let text = word(W::NoDates, self.lang);
            s.text(l.x0 + 4.0, bar + 4.0, text, "start", 10.0, "", Some(GREY));
        } else {
            self.paint_bar(s, e, bar);
        }
        for (k, line) in self.measure.partners[i].iter().enumerate() {
            let base = self.partner_base(i, k);
            s.text(l.x0, base, line, "start", 10.0, "", Some(INK));
        }
        s.close_group();
    }

    /// The bar of a dated entry, centred on `mid`: solid from the last
    /// possible start to the first possible end; hatched where either is
    /// open; fading out after the start where no end is stated; lighter
    /// with a dashed outline where planned; an arrowhead when the stated
    /// end lies after the as-of date.
    fn paint_bar(&self, s: &mut Svg, e: &Entry, mid: f64) {
        let l = &self.layout;
        let colour = colour_of(e, &self.funders);
        let hatch = format!("url(#hatch-{})", &colour[1..]);
        let bar_y = mid - BAR / 2.0;
        let Extent { start, end } = extent(e);
        let planned = e.is_planned();
        let (solid, outline) = if planned {
            (planned_attrs(colour), planned_attrs(colour))
        } else {
            (
                "class=\"bar\"".to_string(),
                format!(
                    "class=\"bar\" stroke=\"{}\" stroke-width=\"0.6\"",
                    esc(colour)
                ),
            )
        };
        let (s_lo, s_hi) = start.unwrap_or_else(|| end.map_or((0.0, 0.0), |e| (e.0, e.0)));
        // With no end stated the bar stops at the last stated date.
        let (e_lo, e_hi) = end.unwrap_or((s_hi, s_hi));
        if start.is_some() && s_hi > s_lo + 1e-9 {
            let w = l.x(s_hi.min(e_hi)) - l.x(s_lo);
            s.rect(l.x(s_lo), bar_y, w, BAR, &hatch, &outline);
        }
        if e_lo > s_hi {
            let w = l.x(e_lo) - l.x(s_hi);
            s.rect(l.x(s_hi), bar_y, w, BAR, colour, &solid);
        }
        if end.is_some() && e_hi > e_lo + 1e-9 {
            let from = e_lo.max(s_lo);
            let w = l.x(e_hi) - l.x(from);
            s.rect(l.x(from), bar_y, w, BAR, &hatch, &outline);
        }
        if start.is_none() {
            // Known only by its end: a tick at the end, no bar.
            let x = l.x(e_hi);
            let class = if planned { "class=\"planned\"" } else { "" };
            s.line((x, bar_y - 3.0), (x, bar_y + BAR + 3.0), colour, 3.0, class);
        }
        if is_open(e) {
            let fade = format!("url(#fade-{})", &colour[1..]);
            let attrs = if planned {
                format!("class=\"end-not-stated planned\" fill-opacity=\"{PLANNED_OPACITY}\"")
            } else {
                "class=\"end-not-stated\"".to_string()
            };
            s.rect(l.x(s_hi), bar_y, FADE, BAR, &fade, &attrs);
        }
        if is_running(e) {
            let tip = l.x(e_hi.max(s_hi));
            let (top, bottom) = (bar_y - 3.0, bar_y + BAR + 3.0);
            s.raw(&arrowhead(tip, tip + 10.0, top, mid, bottom, colour));
        }
    }

    /// Legend: funders, then the drawing conventions.
    fn paint_legend(&self, s: &mut Svg) {
        let items = legend_items(self.t, &self.funders, self.lang);
        let cols = self.layout.legend_cols;
        let col_w = (self.width - 2.0 * MARGIN) / cols as f64;
        s.open_group("legend", None);
        for (k, (text, swatch)) in items.iter().enumerate() {
            let lx = MARGIN + col_w * (k % cols) as f64;
            let ly = self.layout.legend_top + 20.0 * (k / cols) as f64;
            match swatch {
                Swatch::Arrow => {
                    s.rect(lx, ly, 16.0, 10.0, NO_FUNDER, "");
                    let (x, tip) = (lx + 16.0, lx + 24.0);
                    s.raw(&arrowhead(x, tip, ly - 2.0, ly + 5.0, ly + 12.0, NO_FUNDER));
                }
                Swatch::AsOf => s.line(
                    (lx + 12.0, ly - 2.0),
                    (lx + 12.0, ly + 12.0),
                    OKABE_ITO[5],
                    1.2,
                    "stroke-dasharray=\"4,3\"",
                ),
                Swatch::Fill(f) => s.rect(lx, ly, 24.0, 10.0, f, ""),
                Swatch::Fade => {
                    let fade = format!("url(#fade-{})", &NO_FUNDER[1..]);
                    s.rect(lx, ly, 24.0, 10.0, &fade, "");
                }
                Swatch::Planned => s.rect(lx, ly, 24.0, 10.0, NO_FUNDER, &planned_attrs(NO_FUNDER)),
            }
            s.text(lx + 30.0, ly + 9.0, text, "start", 10.0, "", None);
        }
        s.close_group();
    }
}

/// The attributes of a planned mark: lighter, with a dashed outline.
fn planned_attrs(colour: &str) -> String {
    format!(
        "class=\"bar planned\" fill-opacity=\"{PLANNED_OPACITY}\" stroke=\"{}\" \
         stroke-width=\"1\" stroke-dasharray=\"3,2\"",
        esc(colour)
    )
}

/// A right-pointing arrowhead: its base at `x` from `top` to `bottom`, its
/// tip at (`tip`, `mid`).
fn arrowhead(x: f64, tip: f64, top: f64, mid: f64, bottom: f64, colour: &str) -> String {
    format!(
        "<path class=\"running\" d=\"M{} {} L{} {} L{} {} Z\" fill=\"{}\"/>",
        num(x),
        num(top),
        num(tip),
        num(mid),
        num(x),
        num(bottom),
        esc(colour)
    )
}

/// Whether an entry has neither a start nor an end to draw.
fn undated(e: &Entry) -> bool {
    let x = extent(e);
    x.start.is_none() && x.end.is_none()
}

/// The height of a row with `labels` lines of label and `partners` lines
/// of partner names under its bar.
fn row_height(labels: usize, partners: usize) -> f64 {
    let label = LABEL_LINE * labels as f64 + 10.0;
    let bar = if partners == 0 {
        BAR + 14.0
    } else {
        7.0 + BAR + 13.0 + PARTNER_LINE * (partners as f64 - 1.0) + 8.0
    };
    label.max(bar).max(ROW)
}

/// The texts of a figure and their widths.
fn measure(t: &Timeline, funders: &[(String, &'static str)], caption: &str, lang: Lang) -> Measure {
    let labels: Vec<Vec<String>> = t
        .entries
        .iter()
        .map(|e| label_lines(&label(e, lang)))
        .collect();
    let label_w = labels
        .iter()
        .flatten()
        .map(|l| text_width(l, FONT_SIZE))
        .fold(120.0, f64::max);
    let legend_items = legend_items(t, funders, lang).len();
    let text_w = page::WIDTH - 2.0 * MARGIN;
    Measure {
        labels,
        partners: vec![Vec::new(); t.entries.len()],
        label_w,
        title_lines: Vec::new(),
        subtitle_lines: Vec::new(),
        caption_lines: wrap(caption, chars_in(text_w, 10.0)),
        legend_items,
        legend_rows: legend_items.div_ceil(LEGEND_COLS),
    }
}

/// A label in at most [`LABEL_LINES`] lines that fit the label column
/// ([`LABEL_W`]); only a label longer than that is cut.
fn label_lines(text: &str) -> Vec<String> {
    let width = chars_in(LABEL_W, FONT_SIZE);
    let mut lines = wrap(text, width);
    if lines.len() > LABEL_LINES {
        lines.truncate(LABEL_LINES);
        let last = lines[LABEL_LINES - 1].clone();
        lines[LABEL_LINES - 1] = clip(&format!("{last} …"), width);
    }
    lines.iter().map(|l| clip(l, width)).collect()
}

/// The partner names of a row (`with A, B and 3 others`, [`partner_text`])
/// in at most [`PARTNER_LINES`] lines of `chars` characters.
fn partner_lines(names: &[&str], lang: Lang, chars: usize) -> Vec<String> {
    let text = partner_text(names, lang);
    if text.is_empty() {
        return Vec::new();
    }
    let mut lines = wrap(&text, chars);
    if lines.len() > PARTNER_LINES {
        lines.truncate(PARTNER_LINES);
        let last = lines[PARTNER_LINES - 1].clone();
        lines[PARTNER_LINES - 1] = clip(&format!("{last} …"), chars);
    }
    lines
}

/// `with A, B and 3 others`: as many partner names, whole, as fit in
/// [`PARTNER_CHARS`], and a count of the rest; empty for none.
fn partner_text(names: &[&str], lang: Lang) -> String {
    if names.is_empty() {
        return String::new();
    }
    let all = fill(W::With, lang, &[&names.join(", ")]);
    if all.chars().count() <= PARTNER_CHARS {
        return all;
    }
    let and_others = |shown: usize| {
        let rest = names.len() - shown;
        let w = if rest == 1 {
            W::WithAndOther
        } else {
            W::WithAndOthers
        };
        fill(w, lang, &[&names[..shown].join(", "), &rest.to_string()])
    };
    let mut shown = 1;
    while shown + 1 < names.len() && and_others(shown + 1).chars().count() <= PARTNER_CHARS {
        shown += 1;
    }
    and_others(shown)
}

/// The legend: funders, then the drawing conventions the figure uses.
fn legend_items(
    t: &Timeline,
    funders: &[(String, &'static str)],
    lang: Lang,
) -> Vec<(String, Swatch)> {
    let mut items: Vec<(String, Swatch)> = funders
        .iter()
        .map(|(n, c)| (fill(W::FundedBy, lang, &[n]), Swatch::Fill(c.to_string())))
        .collect();
    if t.entries.iter().any(|e| funder_of(e).is_none()) {
        items.push((
            word(W::NoFunder, lang).into(),
            Swatch::Fill(NO_FUNDER.into()),
        ));
    }
    items.push((
        word(W::PartialDate, lang).into(),
        Swatch::Fill(format!("url(#hatch-{})", &NO_FUNDER[1..])),
    ));
    if t.entries.iter().any(Entry::is_planned) {
        items.push((word(W::PlannedDates, lang).into(), Swatch::Planned));
    }
    if t.entries.iter().any(is_running) {
        items.push((fill(W::StillRunning, lang, &[&t.as_of]), Swatch::Arrow));
    }
    if t.entries.iter().any(is_open) {
        items.push((word(W::EndNotStated, lang).into(), Swatch::Fade));
    }
    items.push((word(W::AsOfDate, lang).into(), Swatch::AsOf));
    items
}

/// The actors included and the as-of date.
fn subtitle(t: &Timeline, lang: Lang) -> String {
    if t.scope.len() > 1 {
        let scope = t.scope.iter().skip(1).map(|s| &s.name).join(", ");
        fill(W::Including, lang, &[&scope, &t.as_of])
    } else {
        fill(W::StatusAsOf, lang, &[&t.as_of])
    }
}

/// The SVG's `<desc>`: what the figure shows, then the caption.
fn desc(t: &Timeline, caption: &str, lang: Lang) -> String {
    let n = t.entries.len().to_string();
    fill(
        W::TimelineDesc,
        lang,
        &[&n, &t.actor.name, &t.as_of, caption],
    )
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
