//! The compact network that metrics run on: an undirected, weighted, simple
//! graph in compressed sparse row form, built from a [`View`].
//!
//! Two views of a dataset:
//! - `full`: every node of the view; every relation becomes an undirected tie
//!   (parallel relations merge; their weights add up; a relation without a
//!   weight counts 1).
//! - `actors`: the projection onto states, agencies and organisations. Two
//!   actors are tied when they take part in the same project or network. The
//!   weight is either the number of projects and networks they share
//!   (`shared`), or the calendar years their participation overlapped, summed
//!   over those projects and networks (`years`). A participation with an
//!   unknown start or end counts as one year.
//!
//! Invariants: neighbour lists are sorted and free of self-loops and
//! duplicates; `weights[k]` belongs to `targets[k]`; node `i` of the network is
//! node `nodes[i]` of the source graph.
//!
//! ```
//! use coopgraph::network::Network;
//! let n = Network::from_edges(3, vec![0, 1, 2], [(0, 1, 1.0), (1, 0, 2.0), (1, 2, 1.0)]);
//! assert_eq!(n.neighbours(1), &[0, 2]);
//! assert_eq!(n.strength(1), 4.0);
//! ```

use crate::date::Span;
use crate::model::NodeKind;
use crate::view::{Selection, View, effective_span};
use petgraph::graph::UnGraph;
use rayon::prelude::*;

/// Which graph metrics run on (`full` or `actors` in a report spec).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum ViewKind {
    /// Every node and relation.
    #[default]
    Full,
    /// States, agencies and organisations, tied when they take part in the
    /// same project or network.
    Actors,
}

/// How ties of the actors projection are weighted (`shared` or `years`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum WeightBy {
    #[default]
    /// Number of projects and networks shared.
    Shared,
    /// Calendar years of overlapping participation.
    Years,
}

/// An undirected weighted simple graph in CSR form.
#[derive(Debug, Clone, PartialEq)]
pub struct Network {
    /// Source-graph index of each network node.
    pub nodes: Vec<usize>,
    offsets: Vec<usize>,
    targets: Vec<usize>,
    weights: Vec<f64>,
}

impl Network {
    /// Builds a network of `n` nodes from edges in either direction.
    /// Self-loops are dropped; parallel edges merge and add their weights.
    pub fn from_edges(
        n: usize,
        nodes: Vec<usize>,
        edges: impl IntoIterator<Item = (usize, usize, f64)>,
    ) -> Network {
        let edges: Vec<(u32, u32, f64)> = edges
            .into_iter()
            .filter(|(a, b, _)| a != b)
            .map(|(a, b, w)| (a as u32, b as u32, w))
            .collect();
        // Both directions of every tie, bucketed by node (a counting sort).
        let mut offsets = vec![0usize; n + 1];
        for &(a, b, _) in &edges {
            offsets[a as usize + 1] += 1;
            offsets[b as usize + 1] += 1;
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let mut next = offsets[..n].to_vec();
        let mut slots = vec![(0usize, 0.0f64); 2 * edges.len()];
        for &(a, b, w) in &edges {
            for (u, v) in [(a, b), (b, a)] {
                let k = &mut next[u as usize];
                slots[*k] = (v as usize, w);
                *k += 1;
            }
        }
        drop(edges);
        // Each node's list sorted, parallel ties merged (weights added in
        // input order), in parallel over nodes.
        let mut lists: Vec<&mut [(usize, f64)]> = Vec::with_capacity(n);
        let mut rest = slots.as_mut_slice();
        for u in 0..n {
            let (list, tail) = rest.split_at_mut(offsets[u + 1] - offsets[u]);
            lists.push(list);
            rest = tail;
        }
        let merge = |list: &mut [(usize, f64)]| {
            list.sort_by_key(|&(v, _)| v);
            let mut len = 0;
            for k in 0..list.len() {
                if len > 0 && list[len - 1].0 == list[k].0 {
                    list[len - 1].1 += list[k].1;
                } else {
                    list[len] = list[k];
                    len += 1;
                }
            }
            len
        };
        let kept: Vec<usize> = if n < crate::par::MIN_ITEMS {
            lists.into_iter().map(merge).collect()
        } else {
            lists.into_par_iter().map(merge).collect()
        };
        let total = kept.iter().sum();
        let mut targets = Vec::with_capacity(total);
        let mut weights = Vec::with_capacity(total);
        let mut merged = Vec::with_capacity(n + 1);
        merged.push(0);
        for u in 0..n {
            for &(v, w) in &slots[offsets[u]..offsets[u] + kept[u]] {
                targets.push(v);
                weights.push(w);
            }
            merged.push(targets.len());
        }
        Network {
            nodes,
            offsets: merged,
            targets,
            weights,
        }
    }

    /// Builds a network from sorted, symmetric neighbour lists without
    /// self-loops (as a projection produces them).
    pub fn from_adjacency(nodes: Vec<usize>, adjacency: Vec<Vec<(usize, f64)>>) -> Network {
        let mut offsets = Vec::with_capacity(adjacency.len() + 1);
        offsets.push(0);
        let total = adjacency.iter().map(Vec::len).sum();
        let mut targets = Vec::with_capacity(total);
        let mut weights = Vec::with_capacity(total);
        for list in adjacency {
            for (v, w) in list {
                targets.push(v);
                weights.push(w);
            }
            offsets.push(targets.len());
        }
        Network {
            nodes,
            offsets,
            targets,
            weights,
        }
    }

    pub fn node_count(&self) -> usize {
        self.offsets.len() - 1
    }

    /// The compressed rows: node `u`'s ties are `targets[offsets[u]..offsets[u + 1]]`,
    /// with `weights` alongside.
    pub fn csr(&self) -> (&[usize], &[usize], &[f64]) {
        (&self.offsets, &self.targets, &self.weights)
    }

    /// Number of undirected ties.
    pub fn edge_count(&self) -> usize {
        self.targets.len() / 2
    }

    pub fn neighbours(&self, u: usize) -> &[usize] {
        &self.targets[self.offsets[u]..self.offsets[u + 1]]
    }

    pub fn weights(&self, u: usize) -> &[f64] {
        &self.weights[self.offsets[u]..self.offsets[u + 1]]
    }

    pub fn degree(&self, u: usize) -> usize {
        self.offsets[u + 1] - self.offsets[u]
    }

    pub fn strength(&self, u: usize) -> f64 {
        self.weights(u).iter().sum()
    }

    /// Each undirected tie once, as (u, v, weight) with u < v.
    pub fn edges(&self) -> impl Iterator<Item = (usize, usize, f64)> + '_ {
        (0..self.node_count()).flat_map(move |u| {
            self.neighbours(u)
                .iter()
                .zip(self.weights(u))
                .filter(move |(v, _)| u < **v)
                .map(move |(v, w)| (u, *v, *w))
        })
    }

    /// The same graph as a petgraph `UnGraph` (node `i` is index `i`), for
    /// algorithms from rustworkx-core.
    pub fn to_petgraph(&self) -> UnGraph<(), f64> {
        let mut g = UnGraph::with_capacity(self.node_count(), self.edge_count());
        for _ in 0..self.node_count() {
            g.add_node(());
        }
        for (u, v, w) in self.edges() {
            g.add_edge(
                petgraph::graph::NodeIndex::new(u),
                petgraph::graph::NodeIndex::new(v),
                w,
            );
        }
        g
    }

    /// The network of a view: `full` (every node and relation) or the
    /// `actors` projection, keeping only nodes of `kinds` (all if empty).
    pub fn of_view(view: &View, kind: ViewKind, weight: WeightBy, kinds: &[NodeKind]) -> Network {
        match kind {
            ViewKind::Full => full(view, kinds),
            ViewKind::Actors => actors(view, weight, kinds),
        }
    }
}

/// Where a selection's node-kind filter applies for a network of `kind`:
/// the selection to build the view with, and the kinds the network keeps.
/// For `full` the view filters the kinds; for `actors` the projection runs
/// on every node and the kinds apply to the actors after projecting, so
/// that `--view actors --kind agency` ties agencies through shared projects.
/// Metrics, figures and the report all split a selection this way.
///
/// ```
/// use coopgraph::{model::NodeKind, network::{ViewKind, split_kinds}, view::Selection};
/// let sel = Selection { kinds: vec![NodeKind::Agency], ..Selection::default() };
/// assert_eq!(split_kinds(&sel, ViewKind::Full), (sel.clone(), vec![]));
/// let (view_sel, kinds) = split_kinds(&sel, ViewKind::Actors);
/// assert!(view_sel.kinds.is_empty() && kinds == [NodeKind::Agency]);
/// ```
pub fn split_kinds(sel: &Selection, kind: ViewKind) -> (Selection, Vec<NodeKind>) {
    match kind {
        ViewKind::Full => (sel.clone(), Vec::new()),
        ViewKind::Actors => {
            let mut base = sel.clone();
            let kinds = std::mem::take(&mut base.kinds);
            (base, kinds)
        }
    }
}

fn keep(kinds: &[NodeKind], k: NodeKind) -> bool {
    kinds.is_empty() || kinds.contains(&k)
}

fn full(view: &View, kinds: &[NodeKind]) -> Network {
    let g = view.graph;
    let nodes: Vec<usize> = view
        .node_indices()
        .filter(|&i| keep(kinds, g.node(i).kind))
        .collect();
    let mut compact = vec![usize::MAX; g.data.nodes.len()];
    for (c, &i) in nodes.iter().enumerate() {
        compact[i] = c;
    }
    let edges = view.relation_indices().filter_map(|r| {
        let (f, t) = g.ends(r);
        let (a, b) = (compact[f], compact[t]);
        (a != usize::MAX && b != usize::MAX).then(|| (a, b, g.relation(r).weight().unwrap_or(1.0)))
    });
    Network::from_edges(nodes.len(), nodes.clone(), edges)
}

/// Calendar years in which two spans both ran (at least 1 when unknown).
fn overlap_years(a: &Span, b: &Span) -> f64 {
    let bounds = |s: &Span| {
        (
            s.start.as_ref().map(|d| d.year),
            s.end.as_ref().map(|d| d.latest().year),
        )
    };
    match (bounds(a), bounds(b)) {
        ((Some(s1), Some(e1)), (Some(s2), Some(e2))) => {
            let years = e1.min(e2) - s1.max(s2) + 1;
            f64::from(years.max(0))
        }
        _ => 1.0,
    }
}

fn actors(view: &View, weight: WeightBy, kinds: &[NodeKind]) -> Network {
    let g = view.graph;
    let is_member = |i: usize| g.node(i).kind.is_actor() && keep(kinds, g.node(i).kind);
    let nodes: Vec<usize> = view.node_indices().filter(|&i| is_member(i)).collect();
    let mut compact = vec![usize::MAX; g.data.nodes.len()];
    for (c, &i) in nodes.iter().enumerate() {
        compact[i] = c;
    }
    // Participations (actor, activity, relation), grouped by activity.
    let mut parts: Vec<(usize, usize, usize)> = Vec::new();
    for r in view.relation_indices() {
        let (a, p) = g.ends(r);
        let activity = matches!(g.node(p).kind, NodeKind::Project | NodeKind::Network);
        if activity && g.relation(r).kind().is_participation() && compact[a] != usize::MAX {
            parts.push((p, compact[a], r));
        }
    }
    parts.sort_unstable();
    // members[k]: (actor, relations) of activity k; of[a]: activities of actor a.
    // Participation spans are needed (and computed, once each) only for
    // `years` weights.
    let mut members: Vec<Vec<(usize, Vec<Span>)>> = Vec::new();
    let mut last_activity = usize::MAX;
    for (p, a, r) in parts {
        if p != last_activity {
            members.push(Vec::new());
            last_activity = p;
        }
        let m = members.last_mut().expect("pushed above");
        if m.last().is_none_or(|(b, _)| *b != a) {
            m.push((a, Vec::new()));
        }
        if weight == WeightBy::Years {
            m.last_mut()
                .expect("pushed above")
                .1
                .push(effective_span(g, r));
        }
    }
    let n = nodes.len();
    let mut of: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (k, m) in members.iter().enumerate() {
        for (a, _) in m {
            of[*a].push(k);
        }
    }
    // For each actor, add up its ties in a dense array (one pass over its
    // co-participants); no global sort of the millions of pairs.
    let mut acc = vec![0.0f64; n];
    let mut seen = vec![usize::MAX; n];
    let mut touched: Vec<usize> = Vec::new();
    let mut adjacency: Vec<Vec<(usize, f64)>> = Vec::with_capacity(n);
    for (a, activities) in of.iter().enumerate() {
        for &k in activities {
            let mine = members[k]
                .iter()
                .find(|(x, _)| *x == a)
                .map(|(_, spans)| spans);
            for (b, theirs) in &members[k] {
                if *b == a {
                    continue;
                }
                let w = match (weight, mine) {
                    (WeightBy::Years, Some(mine)) => mine
                        .iter()
                        .flat_map(|s| theirs.iter().map(move |t| overlap_years(s, t)))
                        .fold(0.0, f64::max),
                    _ => 1.0,
                };
                if seen[*b] != a {
                    seen[*b] = a;
                    touched.push(*b);
                }
                acc[*b] += w;
            }
        }
        touched.sort_unstable();
        adjacency.push(touched.iter().map(|&b| (b, acc[b])).collect());
        for &b in &touched {
            acc[b] = 0.0;
        }
        touched.clear();
    }
    Network::from_adjacency(nodes, adjacency)
}
