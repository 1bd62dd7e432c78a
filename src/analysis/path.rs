//! `path`: the chains of relations that connect two nodes, each hop with its
//! relations, dates and sources.
//!
//! Paths ignore the direction of relations (a partner and a lead of the same
//! project are connected through it). The shortest paths are found
//! by breadth-first search from the target (`View::hop_distances`) and then
//! enumerated: a
//! depth-first walk from the source that only steps to nodes whose distance
//! to the target still fits the length. This yields every path of one length
//! before any longer path, without enumerating paths that cannot arrive in
//! time.
//!
//! At most [`MAX_PATHS`] paths are kept, whatever the limit asked for: each
//! path holds its hops' relations and sources (kilobytes on real data), so
//! an unbounded list could exhaust memory. Past the cap the answer says
//! `truncated`, as it does past the limit.

use super::participation::Link;
use super::query::{Limit, QueryError};
use super::{NodeRef, participation::Involvement};
use crate::model::Lang;
use crate::view::View;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hop {
    pub from: NodeRef,
    pub to: NodeRef,
    /// Every relation between the two nodes (`direction` is `out` when the
    /// relation runs from `from` to `to`).
    pub relations: Vec<Link>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathView {
    pub length: usize,
    pub hops: Vec<Hop>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Paths {
    pub from: NodeRef,
    pub to: NodeRef,
    pub max_hops: usize,
    /// Shortest first; within a length, in the order of the walk.
    pub paths: Vec<PathView>,
    /// More paths exist than `limit` allowed.
    pub truncated: bool,
}

/// The most paths [`paths`] keeps, whatever its `limit` (documented in
/// docs/errors.md).
pub const MAX_PATHS: usize = 10_000;

/// Distinct neighbours of every node in the view, in index order.
fn adjacency(view: &View) -> Vec<Vec<usize>> {
    let n = view.graph.data.nodes.len();
    let mut adj = vec![Vec::new(); n];
    for u in view.node_indices() {
        let mut ns: Vec<usize> = view.neighbours(u).map(|(_, w)| w).collect();
        ns.sort_unstable();
        ns.dedup();
        adj[u] = ns;
    }
    adj
}

/// Every simple path of exactly `len` hops from `a` to `target`, stepping
/// only to nodes whose distance to the target still fits; at most `limit`.
/// Iterative (an explicit stack), so long paths cannot overflow the stack.
fn walk(
    adj: &[Vec<usize>],
    dist: &[Option<usize>],
    a: usize,
    target: usize,
    len: usize,
    limit: usize,
) -> Vec<Vec<usize>> {
    let mut found = Vec::new();
    let mut on_path = vec![false; adj.len()];
    on_path[a] = true;
    // (node, index of the next neighbour to try)
    let mut stack: Vec<(usize, usize)> = vec![(a, 0)];
    while let Some(&(u, next)) = stack.last() {
        if found.len() == limit {
            break;
        }
        let depth = stack.len() - 1;
        if u == target || next >= adj[u].len() {
            if u == target && depth == len {
                found.push(stack.iter().map(|&(v, _)| v).collect());
            }
            on_path[u] = false;
            stack.pop();
            continue;
        }
        let w = adj[u][next];
        stack.last_mut().expect("non-empty").1 += 1;
        let fits = dist[w].is_some_and(|d| depth + 1 + d <= len);
        if fits && !on_path[w] {
            on_path[w] = true;
            stack.push((w, 0));
        }
    }
    found
}

/// Paths from `a` to `b` within `view`: the shortest ones, or with `all`
/// every simple path of up to `max_hops` relations, shortest first; at most
/// `limit` paths, and never more than [`MAX_PATHS`] (`truncated` says when
/// more exist).
///
/// ```
/// use coopgraph::{graph::CoopGraph, view::View, model::Lang};
/// use coopgraph::analysis::path::paths;
/// let g = CoopGraph::embedded().unwrap();
/// let (a, b) = (g.resolve("DGMM").unwrap(), g.resolve("Serbian Commissariat for Refugees and Migration").unwrap());
/// let p = paths(&View::full(&g), a, b, 6, false, 20, Lang::EN).unwrap();
/// assert!(p.paths.iter().all(|p| p.hops.iter().all(|h| h.relations.iter().all(|r| !r.sources.is_empty()))));
/// ```
pub fn paths(
    view: &View,
    a: usize,
    b: usize,
    max_hops: usize,
    all: bool,
    limit: usize,
    lang: Lang,
) -> Result<Paths, QueryError> {
    let g = view.graph;
    if a == b {
        return Err(QueryError::SameEnds {
            name: g.display_name(a, lang).to_string(),
        });
    }
    if limit == 0 {
        return Err(QueryError::TooSmall {
            limit: Limit::Paths,
            min: 1,
            given: 0,
        });
    }
    // Bounded, so that `limit + 1` below cannot overflow either.
    let limit = limit.min(MAX_PATHS);
    let adj = adjacency(view);
    let dist = view.hop_distances(b, None);
    let mut found: Vec<Vec<usize>> = Vec::new();
    if let Some(shortest) = dist[a].filter(|&d| d <= max_hops && view.has_node(a)) {
        // A simple path visits each node at most once.
        let longest = if all {
            max_hops.min(view.node_count().saturating_sub(1))
        } else {
            shortest
        };
        for len in shortest..=longest {
            // One more than asked for tells whether the list is complete.
            let room = limit + 1 - found.len();
            found.extend(walk(&adj, &dist, a, b, len, room));
            if found.len() > limit {
                break;
            }
        }
    }
    let truncated = found.len() > limit;
    found.truncate(limit);
    let hop = |u: usize, w: usize| Hop {
        from: NodeRef::new(g, u, lang),
        to: NodeRef::new(g, w, lang),
        relations: view
            .neighbours(u)
            .filter(|&(_, o)| o == w)
            .map(|(r, _)| {
                let inv = Involvement {
                    member: u,
                    other: w,
                    relation: r,
                    activity: None,
                };
                Link::new(view, u, &inv, lang)
            })
            .collect(),
    };
    Ok(Paths {
        from: NodeRef::new(g, a, lang),
        to: NodeRef::new(g, b, lang),
        max_hops,
        paths: found
            .into_iter()
            .map(|p| PathView {
                length: p.len() - 1,
                hops: p.windows(2).map(|w| hop(w[0], w[1])).collect(),
            })
            .collect(),
        truncated,
    })
}
