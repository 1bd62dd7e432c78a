//! Co-membership heatmaps of a [`CoMembership`] matrix, in its block order.
//!
//! - [`Mode::Membership`]: actors × activities (authorities × councils); a
//!   filled cell where the actor takes part, darker where it leads or runs
//!   the secretariat; each row's and column's count at its end.
//! - [`Mode::Shared`]: actors × actors, each cell the number of activities
//!   both take part in, on a light-to-dark blue scale (lightness alone
//!   carries the value, so it reads with any colour vision and in grey); the
//!   diagonal, in grey, is each actor's own count.
//!
//! Every cell carries a hover title with the relations and sources behind it.
//!
//! [`HeatmapFigure`] holds the options; [`HeatmapChart::new`] measures the
//! texts and lays the figure out, and [`HeatmapChart::svg`] paints it.
//!
//! ```
//! use coopgraph::{graph::CoopGraph, view::View, model::{Lang, NodeKind}};
//! use coopgraph::analysis::{comembership::comembership, shared::Via};
//! use coopgraph::render::heatmap::{HeatmapChart, HeatmapFigure, Mode};
//! let g = CoopGraph::embedded().unwrap();
//! let m = comembership(&View::full(&g), NodeKind::Agency, Via::Network, 60, 60, Lang::EN);
//! let fig = HeatmapFigure { caption: "Embedded dataset".into(), ..Default::default() };
//! let chart = HeatmapChart::new(&m, &fig);
//! assert_eq!((chart.rows, chart.cells), (m.rows.len(), m.cells.len()));
//! assert!(chart.svg().contains("Counter-Terrorism Cooperation Council"));
//! ```

use super::page::{self, chars_in};
use super::style::{GREY, INK, OKABE_ITO, clip, text_on, wrap};
use super::svg::{Svg, esc, num, text_width};
use crate::analysis::comembership::CoMembership;
use crate::analysis::format_citations;
use crate::analysis::shared::Via;
use crate::model::Lang;
use crate::words::{self, W, fill, word};
use itertools::Itertools;

/// Which matrix to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Mode {
    /// Actors × activities.
    Membership,
    /// Actors × actors, weighted by shared activities.
    Shared,
}

const MARGIN: f64 = 20.0;
/// The largest and the smallest cell: cells shrink from the largest so
/// that the grid fits the page's width ([`page::WIDTH`]), never below the
/// smallest (a count at [`page::MIN_FONT`] still fits).
const CELL: f64 = 20.0;
const MIN_CELL: f64 = 14.0;
/// The longest column label.
const LABEL_CHARS: usize = 48;
const FONT_SIZE: f64 = page::MIN_FONT;
/// Column labels rise upright (degrees), so that they take no width
/// beyond their column.
const ANGLE: f64 = 90.0;
/// Room for the counts at the rows' ends (`Membership` only).
const COUNTS_W: f64 = 28.0;

/// The room at the rows' ends: their counts in `Membership`, none in
/// `Shared`.
fn counts_w(mode: Mode) -> f64 {
    match mode {
        Mode::Membership => COUNTS_W,
        Mode::Shared => 0.0,
    }
}
/// Empty cells.
const EMPTY: &str = "#F1F1F1";
/// Taking part, and leading.
const MEMBER: &str = OKABE_ITO[1];
const LEADS: &str = OKABE_ITO[4];
/// Ends of the sequential scale (ColorBrewer "Blues").
const LIGHT: (u8, u8, u8) = (0xDE, 0xEB, 0xF7);
const DARK: (u8, u8, u8) = (0x08, 0x30, 0x6B);

/// The colour of `v` on a scale from 1 (light) to `max` (dark).
///
/// ```
/// use coopgraph::render::heatmap::scale;
/// assert_eq!(scale(1, 5), "#DEEBF7");
/// assert_eq!(scale(5, 5), "#08306B");
/// ```
pub fn scale(v: usize, max: usize) -> String {
    let t = if max <= 1 {
        1.0
    } else {
        (v.clamp(1, max) - 1) as f64 / (max - 1) as f64
    };
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
    format!(
        "#{:02X}{:02X}{:02X}",
        mix(LIGHT.0, DARK.0),
        mix(LIGHT.1, DARK.1),
        mix(LIGHT.2, DARK.2)
    )
}

fn activities(via: Via, lang: Lang) -> &'static str {
    let (en, sv) = match via {
        Via::Project => ("projects", "projekt"),
        Via::Network => ("networks and councils", "nätverk och råd"),
        _ => ("projects and networks", "projekt och nätverk"),
    };
    if lang.is_swedish() { sv } else { en }
}

/// The title a figure gets when the caller gives none.
pub fn default_title(m: &CoMembership, mode: Mode, lang: Lang) -> String {
    let args = [words::node_kinds(m.kind, lang), activities(m.via, lang)];
    match mode {
        Mode::Membership => fill(W::TakePartIn, lang, &args),
        Mode::Shared => fill(W::SharedBy, lang, &args),
    }
}

/// The options of a heatmap figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeatmapFigure {
    /// Which matrix to draw.
    pub mode: Mode,
    /// Title; default [`default_title`].
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

impl Default for HeatmapFigure {
    fn default() -> Self {
        HeatmapFigure {
            mode: Mode::Membership,
            title: None,
            caption: String::new(),
            bare: false,
            lang: Lang::EN,
        }
    }
}

/// A heatmap figure measured and laid out: what it states (title, texts and
/// counts, as public fields) and where everything goes. [`HeatmapChart::svg`]
/// paints it.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatmapChart<'a> {
    pub mode: Mode,
    pub title: String,
    /// The line under the title: the size of the matrix and what was left out.
    pub subtitle: String,
    /// The caption printed under the figure.
    pub caption: String,
    /// The SVG's `<desc>`: what the figure shows, then the caption.
    pub desc: String,
    /// Rows and columns drawn.
    pub rows: usize,
    pub cols: usize,
    /// Filled cells drawn.
    pub cells: usize,
    /// Rows and columns beyond the limits, left out.
    pub omitted_rows: usize,
    pub omitted_cols: usize,
    /// The largest count off the diagonal: the dark end of the scale
    /// (`Shared` only; 0 otherwise).
    pub max_shared: usize,
    /// The figure's size in SVG units.
    pub width: f64,
    pub height: f64,
    /// Painted without title, subtitle and caption.
    pub bare: bool,
    lang: Lang,
    m: &'a CoMembership,
    measure: Measure,
    layout: Layout,
}

/// Texts and sizes: what the layout is computed from.
#[derive(Debug, Clone, PartialEq)]
struct Measure {
    row_labels: Vec<String>,
    col_labels: Vec<String>,
    /// Widths of the longest row and column label.
    label_w: f64,
    col_w: f64,
    /// The side of a cell.
    cell: f64,
    /// `Shared`: the actors × actors counts.
    shared: Vec<Vec<usize>>,
    caption_lines: Vec<String>,
}

/// Positions: the grid's top left corner and size, and the legend's top.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Layout {
    x0: f64,
    y0: f64,
    /// The side of a cell.
    cell: f64,
    grid_w: f64,
    grid_h: f64,
    legend_top: f64,
}

/// The figure of `m`. `fig.caption` names the data and the filters.
pub fn svg(m: &CoMembership, fig: &HeatmapFigure) -> String {
    HeatmapChart::new(m, fig).svg()
}

impl<'a> HeatmapChart<'a> {
    /// Measures and lays out the figure of `m`.
    pub fn new(m: &'a CoMembership, fig: &HeatmapFigure) -> HeatmapChart<'a> {
        let mode = fig.mode;
        let title = fig
            .title
            .clone()
            .unwrap_or_else(|| default_title(m, mode, fig.lang));
        let measure = measure(m, mode, &fig.caption);
        let sin = ANGLE.to_radians().sin();
        let x0 = MARGIN + measure.label_w + 8.0;
        let y0 = 64.0 + measure.col_w * sin + 10.0;
        let cell = measure.cell;
        let grid_w = cell * measure.col_labels.len() as f64;
        let grid_h = cell * m.rows.len() as f64;
        let legend_top = y0 + grid_h + 30.0;
        let height = legend_top + 34.0 + 14.0 * measure.caption_lines.len() as f64;
        let width = (x0 + grid_w + counts_w(mode) + MARGIN)
            .max(text_width(&title, 16.0) + 2.0 * MARGIN)
            .clamp(560.0, page::WIDTH);
        let max_shared = max_off_diagonal(&measure.shared);
        let cells = match mode {
            Mode::Membership => m.cells.len(),
            Mode::Shared => measure.shared.iter().flatten().filter(|&&v| v > 0).count(),
        };
        HeatmapChart {
            mode,
            subtitle: subtitle(m, measure.col_labels.len(), fig.lang),
            desc: desc(m, mode, max_shared, &fig.caption, fig.lang),
            title,
            caption: fig.caption.clone(),
            rows: m.rows.len(),
            cols: measure.col_labels.len(),
            cells,
            omitted_rows: m.omitted_rows,
            omitted_cols: m.omitted_cols,
            max_shared,
            width,
            height,
            bare: fig.bare,
            lang: fig.lang,
            m,
            measure,
            layout: Layout {
                x0,
                y0,
                cell,
                grid_w,
                grid_h,
                legend_top,
            },
        }
    }

    /// The figure as SVG.
    pub fn svg(&self) -> String {
        let mut s = self.canvas();
        if !self.bare {
            s.text(MARGIN, 30.0, &self.title, "start", 16.0, "bold", None);
            s.text(MARGIN, 50.0, &self.subtitle, "start", 11.0, "", Some(GREY));
        }
        self.paint_labels(&mut s);
        let l = self.layout;
        s.rect(l.x0, l.y0, l.grid_w, l.grid_h, EMPTY, "");
        match self.mode {
            Mode::Membership => self.paint_membership(&mut s),
            Mode::Shared => self.paint_shared(&mut s),
        }
        self.paint_grid(&mut s);
        self.paint_legend(&mut s);
        let caption: &[String] = if self.bare {
            &[]
        } else {
            &self.measure.caption_lines
        };
        for (k, line) in caption.iter().enumerate() {
            s.text(
                MARGIN,
                l.legend_top + 36.0 + 14.0 * k as f64,
                line,
                "start",
                10.0,
                "",
                Some(GREY),
            );
        }
        s.finish()
    }

    /// Row labels, and column labels rotated.
    fn paint_labels(&self, s: &mut Svg) {
        let (m, l) = (self.m, self.layout);
        s.open_group("labels", None);
        for (r, label) in self.measure.row_labels.iter().enumerate() {
            let y = l.y0 + l.cell * r as f64 + l.cell / 2.0 + 4.0;
            s.open_group("row-label", Some(&m.rows[r].name));
            s.text(l.x0 - 6.0, y, label, "end", FONT_SIZE, "", None);
            s.close_group();
        }
        for (c, label) in self.measure.col_labels.iter().enumerate() {
            let x = l.x0 + l.cell * c as f64 + l.cell / 2.0 + 4.0;
            let y = l.y0 - 6.0;
            let full = match self.mode {
                Mode::Membership => &m.cols[c].name,
                Mode::Shared => &m.rows[c].name,
            };
            s.raw(&format!(
                "<g class=\"col-label\" transform=\"rotate(-{} {} {})\"><title>{}</title>",
                ANGLE,
                num(x),
                num(y),
                esc(full)
            ));
            s.text(x, y, label, "start", FONT_SIZE, "", None);
            s.close_group();
        }
        s.close_group();
    }

    /// `Membership`: a cell per membership, and the counts at the row and
    /// column ends.
    fn paint_membership(&self, s: &mut Svg) {
        let (m, l) = (self.m, self.layout);
        for cell in &m.cells {
            let links = cell
                .links
                .iter()
                .map(|l| super::link_label(l, self.lang))
                .unique()
                .join("; ");
            let cites = format_citations(cell.links.iter().flat_map(|l| l.sources.iter()));
            let (row, col) = (&m.rows[cell.row].name, &m.cols[cell.col].name);
            let hover = format!(
                "{}\n{}",
                fill(W::HoverCellIn, self.lang, &[row, col, &links]),
                fill(W::HoverSources, self.lang, &[&cites])
            );
            s.open_group("cell", Some(&hover));
            let fill = if cell.leads { LEADS } else { MEMBER };
            s.rect(
                l.x0 + l.cell * cell.col as f64,
                l.y0 + l.cell * cell.row as f64,
                l.cell,
                l.cell,
                fill,
                "",
            );
            s.close_group();
        }
        let mut per_col = vec![0usize; self.cols];
        let mut per_row = vec![0usize; m.rows.len()];
        for c in &m.cells {
            per_col[c.col] += 1;
            per_row[c.row] += 1;
        }
        for (r, n) in per_row.iter().enumerate() {
            let y = l.y0 + l.cell * r as f64 + l.cell / 2.0 + 4.0;
            let x = l.x0 + l.grid_w + 6.0;
            s.text(x, y, &n.to_string(), "start", 10.0, "", Some(GREY));
        }
        for (c, n) in per_col.iter().enumerate() {
            let x = l.x0 + l.cell * c as f64 + l.cell / 2.0;
            let y = l.y0 + l.grid_h + 13.0;
            s.text(x, y, &n.to_string(), "middle", 10.0, "", Some(GREY));
        }
    }

    /// `Shared`: a shaded cell with its count for each pair that shares
    /// anything, the diagonal in grey.
    fn paint_shared(&self, s: &mut Svg) {
        let (m, l) = (self.m, self.layout);
        let by_col = cols_of_rows(m);
        for (i, row) in self.measure.shared.iter().enumerate() {
            for (j, &v) in row.iter().enumerate() {
                if v == 0 {
                    continue;
                }
                let fill = if i == j {
                    "#CCCCCC".to_string()
                } else {
                    scale(v, self.max_shared)
                };
                let both: Vec<&str> = by_col[i]
                    .iter()
                    .filter(|c| by_col[j].contains(c))
                    .map(|&c| m.cols[c].name.as_str())
                    .collect();
                let (count, both) = (v.to_string(), both.join("; "));
                let hover = if i == j {
                    let own = [m.rows[i].name.as_str(), &count, &both];
                    crate::words::fill(W::HoverCellOwn, self.lang, &own)
                } else {
                    let pair = [m.rows[i].name.as_str(), &m.rows[j].name, &count, &both];
                    crate::words::fill(W::HoverCellShare, self.lang, &pair)
                };
                let (x, y) = (l.x0 + l.cell * j as f64, l.y0 + l.cell * i as f64);
                s.open_group("cell", Some(&hover));
                s.rect(x, y, l.cell, l.cell, &fill, "");
                s.text(
                    x + l.cell / 2.0,
                    y + l.cell / 2.0 + 3.5,
                    &v.to_string(),
                    "middle",
                    page::MIN_FONT,
                    "",
                    Some(text_on(&fill)),
                );
                s.close_group();
            }
        }
    }

    /// Thin white lines between cells.
    fn paint_grid(&self, s: &mut Svg) {
        let l = self.layout;
        s.open_group("grid", None);
        for c in 0..=self.cols {
            let x = l.x0 + l.cell * c as f64;
            s.line((x, l.y0), (x, l.y0 + l.grid_h), "#FFFFFF", 1.0, "");
        }
        for r in 0..=self.rows {
            let y = l.y0 + l.cell * r as f64;
            s.line((l.x0, y), (l.x0 + l.grid_w, y), "#FFFFFF", 1.0, "");
        }
        s.close_group();
    }

    /// The document: whole, or (bare) from just above the column labels
    /// to just below the legend.
    fn canvas(&self) -> Svg {
        let (w, title) = (self.width.ceil(), &self.title);
        if !self.bare {
            return Svg::new(w, self.height.ceil(), title, &self.desc);
        }
        let top = 58.0;
        let bottom = self.layout.legend_top + 22.0;
        Svg::window(top, w, (bottom - top).ceil(), title, &self.desc)
    }

    fn paint_legend(&self, s: &mut Svg) {
        let ly = self.layout.legend_top;
        s.open_group("legend", None);
        match self.mode {
            Mode::Membership => {
                s.rect(MARGIN, ly, 14.0, 14.0, MEMBER, "");
                let text = |s: &mut Svg, x: f64, t: &str, fill: Option<&str>| {
                    s.text(x, ly + 11.0, t, "start", 10.0, "", fill);
                };
                text(s, MARGIN + 20.0, word(W::TakesPart, self.lang), None);
                s.rect(MARGIN + 110.0, ly, 14.0, 14.0, LEADS, "");
                text(s, MARGIN + 130.0, word(W::Leads, self.lang), None);
                text(s, MARGIN + 330.0, word(W::Counts, self.lang), Some(GREY));
            }
            Mode::Shared => {
                let shared = word(W::Shared, self.lang);
                s.text(MARGIN, ly + 11.0, shared, "start", 10.0, "", None);
                let max = self.max_shared;
                let steps: Vec<usize> = if max <= 8 {
                    (1..=max).collect()
                } else {
                    (0..6).map(|k| 1 + k * (max - 1) / 5).collect()
                };
                let mut x = MARGIN + 50.0;
                for v in steps {
                    let fill = scale(v, max);
                    s.rect(x, ly, 22.0, 14.0, &fill, "");
                    let ink = Some(text_on(&fill));
                    s.text(
                        x + 11.0,
                        ly + 11.0,
                        &v.to_string(),
                        "middle",
                        page::MIN_FONT,
                        "",
                        ink,
                    );
                    x += 24.0;
                }
                s.rect(x + 16.0, ly, 22.0, 14.0, "#CCCCCC", "");
                let own = word(W::OwnCount, self.lang);
                s.text(x + 44.0, ly + 11.0, own, "start", 10.0, "", Some(INK));
            }
        }
        s.close_group();
    }
}

/// The texts of a figure and their widths.
fn measure(m: &CoMembership, mode: Mode, caption: &str) -> Measure {
    let n_cols = match mode {
        Mode::Membership => m.cols.len(),
        Mode::Shared => m.rows.len(),
    };
    // Cells as large as the page allows beside the longest row label, but
    // no smaller than MIN_CELL: past that, row labels are cut to fit.
    let room = page::WIDTH - 2.0 * MARGIN - 8.0 - counts_w(mode);
    let longest = m
        .rows
        .iter()
        .map(|r| text_width(&r.name, FONT_SIZE))
        .fold(60.0, f64::max);
    let cell = ((room - longest) / n_cols.max(1) as f64).clamp(MIN_CELL, CELL);
    let row_chars = chars_in(room - cell * n_cols as f64, FONT_SIZE);
    let row_labels: Vec<String> = m.rows.iter().map(|r| clip(&r.name, row_chars)).collect();
    let col_names: Vec<&str> = match mode {
        Mode::Membership => m.cols.iter().map(|c| c.name.as_str()).collect(),
        Mode::Shared => m.rows.iter().map(|r| r.name.as_str()).collect(),
    };
    let col_labels: Vec<String> = col_names.iter().map(|n| clip(n, LABEL_CHARS)).collect();
    let label_w = row_labels
        .iter()
        .map(|l| text_width(l, FONT_SIZE))
        .fold(60.0, f64::max);
    let col_w = col_labels
        .iter()
        .map(|l| text_width(l, FONT_SIZE))
        .fold(0.0, f64::max);
    let shared = match mode {
        Mode::Shared => m.shared_counts(),
        Mode::Membership => Vec::new(),
    };
    Measure {
        row_labels,
        col_labels,
        label_w,
        col_w,
        cell,
        shared,
        caption_lines: wrap(caption, chars_in(page::WIDTH - 2.0 * MARGIN, 10.0)),
    }
}

/// The largest count of a square matrix off its diagonal (0 for none).
fn max_off_diagonal(shared: &[Vec<usize>]) -> usize {
    (0..shared.len())
        .flat_map(|i| {
            (0..shared.len())
                .filter(move |&j| j != i)
                .map(move |j| (i, j))
        })
        .map(|(i, j)| shared[i][j])
        .max()
        .unwrap_or(0)
}

/// The matrix's size, clustering and what the limits left out.
fn subtitle(m: &CoMembership, n_cols: usize, lang: Lang) -> String {
    let (rows, cols) = (m.rows.len().to_string(), n_cols.to_string());
    let mut sub = fill(W::Matrix, lang, &[&rows, &cols]);
    if m.omitted_rows + m.omitted_cols > 0 {
        let (r, c) = (m.omitted_rows.to_string(), m.omitted_cols.to_string());
        sub.push_str(&fill(W::LeftOut, lang, &[&r, &c]));
    }
    sub
}

/// The SVG's `<desc>`: what the figure shows, then the caption.
fn desc(m: &CoMembership, mode: Mode, max_shared: usize, caption: &str, lang: Lang) -> String {
    let rows = m.rows.len().to_string();
    let kinds = words::node_kinds(m.kind, lang).to_lowercase();
    let acts = activities(m.via, lang);
    match mode {
        Mode::Membership => {
            let (cols, cells) = (m.cols.len().to_string(), m.cells.len().to_string());
            let args = [rows.as_str(), &kinds, &cols, acts, &cells, caption];
            fill(W::HeatmapDescMembership, lang, &args)
        }
        Mode::Shared => {
            let max = max_shared.to_string();
            fill(
                W::HeatmapDescShared,
                lang,
                &[&rows, &kinds, acts, &max, caption],
            )
        }
    }
}

/// The columns of each row, in column order.
fn cols_of_rows(m: &CoMembership) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); m.rows.len()];
    for c in &m.cells {
        out[c.row].push(c.col);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_darkens_monotonically() {
        let lum = |c: &str| {
            let v = |i| u32::from_str_radix(&c[i..i + 2], 16).unwrap();
            v(1) + v(3) + v(5)
        };
        let shades: Vec<u32> = (1..=7).map(|v| lum(&scale(v, 7))).collect();
        assert!(shades.windows(2).all(|w| w[0] > w[1]), "{shades:?}");
        assert_eq!(scale(3, 1), "#08306B");
    }
}
