//! The page a report figure is pasted into: an A4 page's text width, and
//! the drawing width at which every label of a figure prints at 8 pt or
//! more when the figure is scaled to that page.
//!
//! A figure drawn [`WIDTH`] units wide and scaled to [`A4_WIDTH_PT`] prints
//! a label of `size` units at `size × 595 / WIDTH` points; every text the
//! figures paint is at least [`MIN_FONT`] units, so at least
//! [`MIN_LABEL_PT`] points. `scripts/check_figures.mjs` measures it in
//! Chromium.
//!
//! ```
//! use coopgraph::render::page::{A4_WIDTH_PT, MIN_FONT, MIN_LABEL_PT, WIDTH, printed_pt};
//! assert!(MIN_FONT * A4_WIDTH_PT / WIDTH >= MIN_LABEL_PT);
//! assert!(printed_pt(MIN_FONT, WIDTH) >= MIN_LABEL_PT);
//! ```

/// The width of an A4 page, in points (210 mm).
pub const A4_WIDTH_PT: f64 = 595.0;
/// The smallest label a printed figure may have, in points.
pub const MIN_LABEL_PT: f64 = 8.0;
/// The width, in SVG units, of the figures coopgraph draws itself (the
/// built-in network layout, timelines and heatmaps).
pub const WIDTH: f64 = 740.0;
/// The smallest font size, in SVG units, of a figure [`WIDTH`] wide.
pub const MIN_FONT: f64 = 10.0;
/// Points per inch: Graphviz sizes are in inches.
pub const PT_PER_INCH: f64 = 72.0;

/// The printed size, in points, of a `size`-unit text in a figure `width`
/// units wide scaled to an A4 page's width.
pub fn printed_pt(size: f64, width: f64) -> f64 {
    size * A4_WIDTH_PT / width
}

/// How many characters of `size`-unit text fit in `width` units (at the
/// figures' rough 0.6 em a character, [`super::svg::text_width`]).
pub fn chars_in(width: f64, size: f64) -> usize {
    (width / (size * 0.6)).floor().max(1.0) as usize
}
