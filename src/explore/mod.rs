//! The explorer: a view as one self-contained interactive HTML page
//! (`coopgraph explore`, and `explorer.html` in the report).
//!
//! [`build`] resolves a [`SelectionSpec`], lays the view out, computes the
//! metrics and communities the viewer sizes and colours by, and returns the
//! page as bytes:
//!
//! - [`data`]: what the page embeds (names, aliases, dates, relations,
//!   sources, positions, metrics), as one JSON document;
//! - [`forceatlas2`]: the layout of large views (Barnes–Hut ForceAtlas2);
//!   views of at most [`STRESS_NODES`] nodes get the stress layout of
//!   `render::builtin`, like the built-in figures;
//! - [`page`]: the HTML, its escaping and its Content-Security-Policy;
//! - [`words`]: the viewer's own words per language;
//! - `viewer.js`, `viewer.css`: the viewer, drawn by the vendored sigma.js.
//!
//! Invariants: the same graph, selection and options give the same bytes
//! (no clock, no randomness but seeded, layouts with fixed starts and
//! iteration counts); no text of the data can end the data's script
//! element; the page loads nothing from anywhere.
//!
//! ```
//! use coopgraph::{explore, graph::CoopGraph, model::Lang, view::SelectionSpec};
//! let g = CoopGraph::embedded().unwrap();
//! let spec = SelectionSpec { ego: Some("Serbia".into()), ..SelectionSpec::default() };
//! let opts = explore::Options { lang: Lang::EN, data_label: "data".into(), title: None };
//! let page = explore::build(&g, &spec, &opts).unwrap();
//! assert!(String::from_utf8(page).unwrap().contains("Content-Security-Policy"));
//! ```

pub mod data;
pub mod forceatlas2;
pub mod page;
pub mod words;

use crate::error::{Error, Result};
use crate::graph::CoopGraph;
use crate::model::Lang;
use crate::render::builtin;
use crate::view::{SelectionSpec, View};

/// The most nodes an explorer shows (a browser holds a few hundred
/// thousand; past this a page is too slow to be useful).
pub const MAX_NODES: usize = 100_000;
/// The most relations an explorer shows.
pub const MAX_RELATIONS: usize = 500_000;
/// Views of at most this many nodes get the stress layout; larger ones
/// ForceAtlas2.
pub const STRESS_NODES: usize = builtin::MAX_NODES;

/// What the page says besides the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The interface language, and the language of names where the data
    /// has them in it.
    pub lang: Lang,
    /// What the data is, for the caption (file names, or the embedded
    /// dataset's description).
    pub data_label: String,
    /// The page's title (default: the words for a network, and the
    /// selection).
    pub title: Option<String>,
}

/// The explorer page of the view `spec` selects in `g`. Refuses a view of
/// more than [`MAX_NODES`] nodes or [`MAX_RELATIONS`] relations
/// ([`Error::TooLargeToExplore`]).
pub fn build(g: &CoopGraph, spec: &SelectionSpec, opts: &Options) -> Result<Vec<u8>> {
    let sel = spec.resolve(g)?;
    let view = View::new(g, &sel);
    let nodes = view.node_count();
    let relations = view.relation_indices().count();
    if nodes > MAX_NODES || relations > MAX_RELATIONS {
        return Err(Error::TooLargeToExplore {
            nodes,
            relations,
            max_nodes: MAX_NODES,
            max_relations: MAX_RELATIONS,
        });
    }
    let positions = layout(&view);
    let caption = crate::render::caption(g, &sel, opts.lang, &opts.data_label);
    let title = opts
        .title
        .clone()
        .unwrap_or_else(|| words::table(opts.lang)["title"].to_string());
    let d = data::collect(&view, &positions, opts.lang, title.clone(), caption)?;
    let json = serde_json::to_string(&d).expect("the explorer's data serialises");
    // The page's own words are English or Swedish (`words`), whatever the
    // tag chose for names.
    let ui = if opts.lang.is_swedish() { "sv" } else { "en" };
    let html = page::page(ui, &title, &page::script_safe_json(&json));
    Ok(html.into_bytes())
}

/// Positions of the view's nodes, in the view's order: stress for small
/// views, ForceAtlas2 for large ones.
fn layout(view: &View) -> Vec<(f64, f64)> {
    let g = view.graph;
    let nodes: Vec<usize> = view.node_indices().collect();
    let mut local = vec![usize::MAX; g.node_count()];
    for (k, &i) in nodes.iter().enumerate() {
        local[i] = k;
    }
    let edges: Vec<(usize, usize)> = view
        .relation_indices()
        .map(|r| {
            let (a, b) = g.ends(r);
            (local[a], local[b])
        })
        .collect();
    if nodes.len() <= STRESS_NODES {
        let mut adj = vec![Vec::new(); nodes.len()];
        for &(a, b) in &edges {
            if a != b {
                adj[a].push(b);
                adj[b].push(a);
            }
        }
        for l in &mut adj {
            l.sort_unstable();
            l.dedup();
        }
        // Stress works in units of one tie; the viewer scales to fit.
        builtin::stress_layout(&adj)
            .into_iter()
            .map(|(x, y)| (x * 10.0, y * 10.0))
            .collect()
    } else {
        let iterations = forceatlas2::iterations(nodes.len(), edges.len());
        forceatlas2::layout(nodes.len(), &edges, iterations)
    }
}
