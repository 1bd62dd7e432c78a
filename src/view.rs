//! Graph views: the nodes and relations an answer may use.
//!
//! The answers about a part of the graph, the figures and the exports work
//! on a [`View`]: the graph after a [`Selection`] is applied. The selection
//! filters are:
//!
//! - a time window (`--from`/`--to`). A relation is kept when its span
//!   overlaps the window. The span is the relation's own dates, or else the
//!   dates of the project or network it joins. A partial date counts as the
//!   whole span it covers, so "2022" overlaps a window that starts in June 2022.
//!   Relations with no known dates are kept, because nothing says they fall
//!   outside the window.
//! - node kinds (`--kind`) and relation kinds (`--relation`);
//! - sources (`--source ID`): relations cited from one of the given sources,
//!   and the nodes those sources cite or those relations join;
//! - an ego network (`--ego NAME --depth N`): the nodes within N relations of
//!   NAME, counted without regard to direction, through relations that pass
//!   the other filters.
//!
//! Invariant: a relation is in the view only if both its ends are.
//!
//! ```
//! use coopgraph::{graph::CoopGraph, view::{Selection, View}};
//! let g = CoopGraph::embedded().unwrap();
//! let sma = g.resolve("Migrationsverket").unwrap();
//! let v = View::new(&g, &Selection { ego: Some((sma, 1)), ..Selection::default() });
//! assert!(v.has_node(sma));
//! assert!(v.node_count() < g.data.nodes.len());
//! ```

use crate::date::{Day, PartialDate};
use crate::error::{Error, Result};
use crate::graph::{CoopGraph, Span};
use crate::model::{NodeKind, RelationKind};
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// A selection as it is written down: in a report spec
/// (`select = { ego = "Serbia", depth = 1 }`), on the command line (where
/// each field is an option of the same name, singular for the lists) or in
/// the explorer. [`SelectionSpec::resolve`] checks it against one graph and
/// gives the [`Selection`] every answer, figure and export applies; it is
/// the only place a selection is built from what a user wrote.
///
/// ```
/// use coopgraph::{graph::CoopGraph, view::SelectionSpec};
/// let g = CoopGraph::embedded().unwrap();
/// let spec = SelectionSpec { ego: Some("Serbia".into()), from: Some("2015".into()), ..SelectionSpec::default() };
/// let sel = spec.resolve(&g).unwrap();
/// assert_eq!(sel.ego, Some((g.resolve("Serbia").unwrap(), 1)));
/// assert!(SelectionSpec { to: Some("someday".into()), ..SelectionSpec::default() }.resolve(&g).is_err());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
pub struct SelectionSpec {
    /// Only the neighbourhood of this node (id, name or alias).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "cli", arg(long, value_name = "NAME"))]
    pub ego: Option<String>,
    /// How many relations away from the ego centre to go (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "cli", arg(long, value_name = "N"))]
    pub depth: Option<usize>,
    /// Keep relations active in or after this year (or partial date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "cli", arg(long, value_name = "DATE", value_parser = date_text))]
    pub from: Option<String>,
    /// Keep relations active in or before this year (or partial date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "cli", arg(long, value_name = "DATE", value_parser = date_text))]
    pub to: Option<String>,
    /// Keep only nodes of these kinds (repeatable or comma-separated).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(
        feature = "cli",
        arg(long = "kind", value_name = "KIND", value_enum, value_delimiter = ',')
    )]
    pub kinds: Vec<NodeKind>,
    /// Keep only relations of these kinds (repeatable or comma-separated).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(
        feature = "cli",
        arg(
            long = "relation",
            value_name = "RELATION",
            value_enum,
            value_delimiter = ','
        )
    )]
    pub relations: Vec<RelationKind>,
    /// Keep only relations cited from these sources (source ids, as
    /// `coopgraph summary` lists them; repeatable or comma-separated).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(
        feature = "cli",
        arg(long = "source", value_delimiter = ',', value_name = "ID")
    )]
    pub sources: Vec<String>,
}

/// A date as text, checked as the command line reads it (a clap value
/// parser: the text is kept, so that a selection reads as it was written).
pub fn date_text(s: &str) -> std::result::Result<String, String> {
    s.parse::<PartialDate>()
        .map(|_| s.to_string())
        .map_err(|e| e.to_string())
}

impl SelectionSpec {
    /// The time window of `from` and `to`.
    pub fn window(&self) -> Result<Window> {
        let date = |d: &Option<String>, field: &'static str| -> Result<Option<PartialDate>> {
            d.as_ref()
                .map(|t| {
                    t.parse::<PartialDate>().map_err(|e| Error::Date {
                        field,
                        text: t.clone(),
                        reason: e.to_string(),
                    })
                })
                .transpose()
        };
        let (from, to) = (date(&self.from, "from")?, date(&self.to, "to")?);
        Window::new(from.as_ref(), to.as_ref())
    }

    /// The selection in `g`: the window checked, the ego centre resolved
    /// (depth 1 unless given), the source ids checked.
    pub fn resolve(&self, g: &CoopGraph) -> Result<Selection> {
        let window = self.window()?;
        g.check_sources(&self.sources)?;
        let ego = match &self.ego {
            Some(name) => Some((g.resolve(name)?, self.depth.unwrap_or(1))),
            None => None,
        };
        Ok(Selection {
            window,
            kinds: self.kinds.clone(),
            relations: self.relations.clone(),
            ego,
            sources: self.sources.clone(),
        })
    }
}

/// A closed interval of days; either end may be open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Window {
    pub from: Option<Day>,
    pub to: Option<Day>,
}

impl Window {
    /// The window from the start of `from` to the end of `to`. Fails when
    /// `from` begins after `to` ends.
    pub fn new(from: Option<&PartialDate>, to: Option<&PartialDate>) -> Result<Window> {
        let w = Window {
            from: from.map(PartialDate::earliest),
            to: to.map(PartialDate::latest),
        };
        match (from, to) {
            (Some(f), Some(t)) if w.from > w.to => Err(Error::Window {
                from: f.clone(),
                to: t.clone(),
            }),
            _ => Ok(w),
        }
    }

    pub fn is_open(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    /// Whether a span overlaps the window (unknown ends are open).
    pub fn overlaps(&self, span: &Span) -> bool {
        let starts_after_window = match (&span.start, self.to) {
            (Some(s), Some(to)) => s.earliest() > to,
            _ => false,
        };
        let ends_before_window = match (&span.end, self.from) {
            (Some(e), Some(from)) => e.latest() < from,
            _ => false,
        };
        !(starts_after_window || ends_before_window)
    }
}

/// What to keep of the graph. The default keeps everything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Selection {
    pub window: Window,
    /// Node kinds to keep; empty keeps all.
    pub kinds: Vec<NodeKind>,
    /// Relation kinds to keep; empty keeps all.
    pub relations: Vec<RelationKind>,
    /// Centre node and depth of an ego network.
    pub ego: Option<(usize, usize)>,
    /// Source ids: keep only relations cited from one of them; empty keeps all.
    pub sources: Vec<String>,
}

impl Selection {
    /// The selection in words, for captions: `ego Serbia (depth 2); from
    /// 2015-01-01; kinds agency, network`. Empty when everything is kept.
    ///
    /// ```
    /// use coopgraph::{graph::CoopGraph, model::{Lang, NodeKind}, view::Selection};
    /// let g = CoopGraph::embedded().unwrap();
    /// let sel = Selection { kinds: vec![NodeKind::Agency], ..Selection::default() };
    /// assert_eq!(sel.describe(&g, Lang::EN), "kinds agency");
    /// assert_eq!(Selection::default().describe(&g, Lang::EN), "");
    /// ```
    pub fn describe(&self, g: &CoopGraph, lang: crate::model::Lang) -> String {
        use crate::words::{self, W, fill};
        let mut parts = Vec::new();
        if let Some((centre, depth)) = self.ego {
            let name = g.display_name(centre, lang);
            parts.push(fill(W::Ego, lang, &[name, &depth.to_string()]));
        }
        let (from, to) = (self.window.from, self.window.to);
        let (f, t) = (from.map(|d| d.to_string()), to.map(|d| d.to_string()));
        match (f.as_deref(), t.as_deref()) {
            (Some(f), Some(t)) => parts.push(fill(W::FromTo, lang, &[f, t])),
            (Some(f), None) => parts.push(fill(W::From, lang, &[f])),
            (None, Some(t)) => parts.push(fill(W::Until, lang, &[t])),
            (None, None) => {}
        }
        if !self.kinds.is_empty() {
            let k: Vec<&str> = self
                .kinds
                .iter()
                .map(|k| words::node_kind(*k, lang))
                .collect();
            parts.push(fill(W::Kinds, lang, &[&k.join(", ")]));
        }
        if !self.relations.is_empty() {
            let r: Vec<&str> = self
                .relations
                .iter()
                .map(|r| words::relation(*r, lang))
                .collect();
            parts.push(fill(W::Relations, lang, &[&r.join(", ")]));
        }
        if !self.sources.is_empty() {
            parts.push(fill(W::Sources, lang, &[&self.sources.join(", ")]));
        }
        parts.join("; ")
    }
}

/// The relation's dates, or else the dates of the project or network it joins.
pub fn effective_span(g: &CoopGraph, r: usize) -> Span {
    let own = g.relation_span(r);
    if own.start.is_some() || own.end.is_some() {
        return own.clone();
    }
    let (from, to) = g.ends(r);
    let activity = [to, from]
        .into_iter()
        .find(|&i| matches!(g.node(i).kind, NodeKind::Project | NodeKind::Network));
    activity.map(|i| g.node_span(i).clone()).unwrap_or_default()
}

/// A selection applied to a graph.
#[derive(Debug, Clone)]
pub struct View<'g> {
    pub graph: &'g CoopGraph,
    nodes: Vec<bool>,
    relations: Vec<bool>,
    /// Undirected hop distance from the ego centre, for ego views.
    pub distance: Vec<Option<usize>>,
    /// The ego centre and depth, for ego views.
    ego: Option<(usize, usize)>,
}

impl<'g> View<'g> {
    /// The whole graph.
    pub fn full(g: &'g CoopGraph) -> View<'g> {
        View::new(g, &Selection::default())
    }

    pub fn new(g: &'g CoopGraph, sel: &Selection) -> View<'g> {
        let nodes: Vec<bool> = g
            .data
            .nodes
            .iter()
            .map(|n| sel.kinds.is_empty() || sel.kinds.contains(&n.kind))
            .collect();
        let mut v = View {
            graph: g,
            relations: vec![false; g.relation_count()],
            nodes,
            distance: Vec::new(),
            ego: None,
        };
        for (i, r) in g.data.relations().enumerate() {
            let (f, t) = g.ends(i);
            v.relations[i] = v.nodes[f]
                && v.nodes[t]
                && (sel.relations.is_empty() || sel.relations.contains(&r.kind()))
                && (sel.sources.is_empty() || r.cites_any(&sel.sources))
                && (sel.window.is_open() || sel.window.overlaps(&effective_span(g, i)));
        }
        if !sel.sources.is_empty() {
            // What the sources say: nodes they cite or that their relations touch.
            let mut touched = vec![false; v.nodes.len()];
            for r in v.relation_indices() {
                let (f, t) = g.ends(r);
                touched[f] = true;
                touched[t] = true;
            }
            for (i, n) in g.data.nodes.iter().enumerate() {
                let cited = n.sources.iter().any(|c| sel.sources.contains(&c.source));
                v.nodes[i] &= touched[i] || cited;
            }
        }
        if let Some((centre, depth)) = sel.ego {
            v.restrict_to_ego(centre, depth);
        }
        v
    }

    /// Hop distance from `start` to every node, through the view's relations
    /// in either direction (breadth-first), up to `max_depth` if given;
    /// `None` for nodes out of reach or outside the view.
    pub fn hop_distances(&self, start: usize, max_depth: Option<usize>) -> Vec<Option<usize>> {
        let mut dist = vec![None; self.nodes.len()];
        let mut queue = VecDeque::new();
        if self.nodes[start] {
            dist[start] = Some(0);
            queue.push_back(start);
        }
        while let Some(u) = queue.pop_front() {
            let d = dist[u].expect("queued nodes have a distance");
            if max_depth == Some(d) {
                continue;
            }
            for (_, w) in self.neighbours(u) {
                if dist[w].is_none() {
                    dist[w] = Some(d + 1);
                    queue.push_back(w);
                }
            }
        }
        dist
    }

    fn restrict_to_ego(&mut self, centre: usize, depth: usize) {
        let dist = self.hop_distances(centre, Some(depth));
        for (i, keep) in self.nodes.iter_mut().enumerate() {
            *keep = dist[i].is_some();
        }
        let g = self.graph;
        for i in 0..g.relation_count() {
            if self.relations[i] {
                let (f, t) = g.ends(i);
                self.relations[i] = self.nodes[f] && self.nodes[t];
            }
        }
        self.distance = dist;
        self.ego = Some((centre, depth));
    }

    /// Leaves out the nodes `node` names and the relations `relation`
    /// names, with every relation touching a left-out node, every node
    /// that only left-out relations tied into the view, and in an ego view
    /// every node the centre no longer reaches within its depth (the centre
    /// stays). Returns how many nodes and relations went. A figure's
    /// `exclude` uses it; the selection itself never does.
    pub fn leave_out(
        &mut self,
        node: impl Fn(usize) -> bool,
        relation: impl Fn(usize) -> bool,
    ) -> (usize, usize) {
        let g = self.graph;
        let (nodes_before, rels_before) = (self.node_count(), self.relation_indices().count());
        let mut had = vec![false; self.nodes.len()];
        let mut has = vec![false; self.nodes.len()];
        let centre_ix = self.distance.iter().position(|d| *d == Some(0));
        let centre = |i: usize| centre_ix == Some(i);
        for i in 0..self.nodes.len() {
            self.nodes[i] &= !node(i) || centre(i);
        }
        for r in 0..self.relations.len() {
            if !self.relations[r] {
                continue;
            }
            let (f, t) = g.ends(r);
            had[f] = true;
            had[t] = true;
            let keep = self.nodes[f] && self.nodes[t] && !relation(r);
            self.relations[r] = keep;
            if keep {
                has[f] = true;
                has[t] = true;
            }
        }
        for i in 0..self.nodes.len() {
            if had[i] && !has[i] && !centre(i) {
                self.nodes[i] = false;
            }
        }
        // An ego view reaches only as far as the relations left in it go.
        if let Some((centre, depth)) = self.ego {
            self.restrict_to_ego(centre, depth);
        }
        (
            nodes_before - self.node_count(),
            rels_before - self.relation_indices().count(),
        )
    }

    pub fn has_node(&self, i: usize) -> bool {
        self.nodes[i]
    }

    pub fn has_relation(&self, r: usize) -> bool {
        self.relations[r]
    }

    pub fn node_count(&self) -> usize {
        self.nodes.iter().filter(|k| **k).count()
    }

    /// Node indices in the view, in dataset order.
    pub fn node_indices(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.nodes.len()).filter(|&i| self.nodes[i])
    }

    /// Relation indices in the view, in dataset order.
    pub fn relation_indices(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.relations.len()).filter(|&r| self.relations[r])
    }

    /// (relation, other end) for every relation in the view touching `i`, in
    /// either direction; outgoing first, each group in dataset order.
    pub fn neighbours(&self, i: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.graph
            .incidents(i)
            .filter(|inc| self.relations[inc.relation])
            .map(|inc| (inc.relation, inc.other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(s: Option<&str>, e: Option<&str>) -> Span {
        Span {
            start: s.map(|s| s.parse().unwrap()),
            end: e.map(|e| e.parse().unwrap()),
        }
    }

    fn window(f: &str, t: &str) -> Window {
        Window::new(Some(&f.parse().unwrap()), Some(&t.parse().unwrap())).unwrap()
    }

    #[test]
    fn partial_dates_overlap_by_the_span_they_cover() {
        let w = window("2022-06", "2023");
        assert!(
            w.overlaps(&span(Some("2020"), Some("2022"))),
            "2022 reaches into June 2022"
        );
        assert!(!w.overlaps(&span(Some("2020"), Some("2022-05"))));
        assert!(w.overlaps(&span(Some("autumn 2023"), None)));
        assert!(!w.overlaps(&span(Some("2024-01"), None)));
        assert!(w.overlaps(&span(None, None)), "undated relations are kept");
        assert!(w.overlaps(&span(None, Some("2022-06-01"))));
    }

    #[test]
    fn from_after_to_is_refused() {
        let (f, t): (PartialDate, PartialDate) = ("2022".parse().unwrap(), "2020".parse().unwrap());
        let e = Window::new(Some(&f), Some(&t)).unwrap_err();
        assert!(matches!(&e, Error::Window { from, to } if *from == f && *to == t));
        assert_eq!(
            e.to_string(),
            "the window's start (2022) is after its end (2020)"
        );
        let same: PartialDate = "2021".parse().unwrap();
        assert!(Window::new(Some(&same), Some(&same)).is_ok());
    }
}
