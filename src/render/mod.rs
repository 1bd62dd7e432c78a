//! Rendering: report figures built from views and answers.
//!
//! - [`style`]: the one table of colours, shapes and line styles per node and
//!   relation kind (a colour-blind-safe palette), shared by every figure;
//! - [`svg`]: the crate's one XML escaper ([`svg::escape`]) and a small
//!   writer for the SVG figures drawn without Graphviz;
//! - [`diagram`]: what a network diagram shows (nodes, edges, clusters, hover
//!   texts), built from a view; both back ends draw from it;
//! - [`engine`]: the Graphviz layout programs ([`engine::Engine`]), used by
//!   both [`diagram`] and [`dot`];
//! - [`dot`]: network diagrams as a graphviz-rust DOT AST;
//! - [`layout`]: Graphviz when installed, else [`builtin`], our own layout;
//! - [`png`]: PNG from any of the SVG figures (resvg, no Graphviz needed);
//! - [`pdf`]: PDF from any of the SVG figures (svg2pdf, vector, fonts embedded);
//! - [`timeline`]: Gantt-style cooperation histories;
//! - [`heatmap`]: co-membership matrices.
//!
//! The figures' own words (titles, legends, axis words, captions) come from
//! one table per language, [`crate::words`].
//!
//! Each figure has one options struct ([`diagram::NetworkFigure`],
//! [`timeline::TimelineFigure`], [`heatmap::HeatmapFigure`]) and a model
//! that states its title, caption and counts ([`diagram::Diagram`],
//! [`timeline::TimelineChart`], [`heatmap::HeatmapChart`]).

pub mod builtin;
pub mod diagram;
pub mod dot;
pub mod engine;
pub mod heatmap;
pub mod layout;
pub mod page;
pub mod pdf;
pub mod png;
pub mod style;
pub mod svg;
pub mod timeline;

/// The caption of a figure: `Data: … . Selection: … .` (the selection part
/// only when something is filtered).
///
/// ```
/// use coopgraph::{graph::CoopGraph, model::Lang, view::Selection};
/// let g = CoopGraph::embedded().unwrap();
/// let c = coopgraph::render::caption(&g, &Selection::default(), Lang::EN, "my.json");
/// assert_eq!(c, "Data: my.json.");
/// ```
pub fn caption(
    g: &crate::graph::CoopGraph,
    sel: &crate::view::Selection,
    lang: crate::model::Lang,
    data: &str,
) -> String {
    use crate::words::{W, fill};
    let described = sel.describe(g, lang);
    if described.is_empty() {
        fill(W::Data, lang, &[data])
    } else {
        fill(W::DataSelection, lang, &[data, &described])
    }
}

/// `member (participating authority), through Swedish Police Authority`: a
/// relation as the figures' hover titles give it (in Swedish, the kind in
/// words: `är medlem i (…), genom Polismyndigheten`).
pub fn link_label(l: &crate::analysis::participation::Link, lang: crate::model::Lang) -> String {
    use crate::words::{W, fill, relation};
    let mut s = if lang.is_swedish() {
        relation(l.kind, lang).to_string()
    } else {
        l.kind.to_string()
    };
    if let Some(r) = &l.role {
        s.push_str(&format!(" ({r})"));
    }
    if let Some(t) = &l.through {
        s.push_str(&fill(W::HoverThrough, lang, &[&t.name]));
    }
    s
}
