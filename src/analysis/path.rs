//! `path`: the chains of relations that connect two nodes, each hop with its
//! relations, dates and sources.
//!
//! Paths ignore the direction of relations (a partner and a lead of the same
//! project are connected through it). The shortest paths are found
//! by breadth-first search from the target and then enumerated: a
//! depth-first walk from the source that only steps to nodes whose distance
//! to the target still fits the length. This yields every path of one length
//! before any longer path, without enumerating paths that cannot arrive in
//! time.

use super::participation::Link;
use super::{NodeRef, participation::Involvement};
use crate::model::Lang;
use crate::view::View;
use serde::Serialize;
use std::collections::VecDeque;

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

fn distances_to(adj: &[Vec<usize>], target: usize) -> Vec<Option<usize>> {
    let mut dist = vec![None; adj.len()];
    dist[target] = Some(0);
    let mut q = VecDeque::from([target]);
    while let Some(u) = q.pop_front() {
        let d = dist[u].expect("queued");
        for &w in &adj[u] {
            if dist[w].is_none() {
                dist[w] = Some(d + 1);
                q.push_back(w);
            }
        }
    }
    dist
}

struct Walk<'a> {
    adj: &'a [Vec<usize>],
    dist: &'a [Option<usize>],
    target: usize,
    len: usize,
    limit: usize,
    stack: Vec<usize>,
    on_path: Vec<bool>,
    found: Vec<Vec<usize>>,
    truncated: bool,
}

impl Walk<'_> {
    fn go(&mut self, u: usize) {
        if self.truncated {
            return;
        }
        let depth = self.stack.len() - 1;
        if u == self.target {
            if depth == self.len {
                if self.found.len() == self.limit {
                    self.truncated = true;
                } else {
                    self.found.push(self.stack.clone());
                }
            }
            return;
        }
        for &w in &self.adj[u] {
            let fits = self.dist[w].is_some_and(|d| depth + 1 + d <= self.len);
            if fits && !self.on_path[w] {
                self.on_path[w] = true;
                self.stack.push(w);
                self.go(w);
                self.stack.pop();
                self.on_path[w] = false;
            }
        }
    }
}

/// Paths from `a` to `b` within `view`: the shortest ones, or with `all`
/// every simple path of up to `max_hops` relations, shortest first; at most
/// `limit` paths.
///
/// ```
/// use coopgraph::{graph::CoopGraph, view::View, model::Lang};
/// use coopgraph::analysis::path::paths;
/// let g = CoopGraph::embedded().unwrap();
/// let (a, b) = (g.resolve("DGMM").unwrap(), g.resolve("Serbian Commissariat for Refugees and Migration").unwrap());
/// let p = paths(&View::full(&g), a, b, 6, false, 20, Lang::En);
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
) -> Paths {
    let g = view.graph;
    let adj = adjacency(view);
    let dist = distances_to(&adj, b);
    let mut found = Vec::new();
    let mut truncated = false;
    if let Some(shortest) = dist[a].filter(|&d| d <= max_hops && view.has_node(a)) {
        let longest = if all { max_hops } else { shortest };
        for len in shortest..=longest {
            let mut on_path = vec![false; adj.len()];
            on_path[a] = true;
            let mut walk = Walk {
                adj: &adj,
                dist: &dist,
                target: b,
                len,
                limit: limit - found.len(),
                stack: vec![a],
                on_path,
                found: Vec::new(),
                truncated: false,
            };
            walk.go(a);
            found.extend(walk.found);
            if walk.truncated || found.len() == limit {
                truncated = walk.truncated || len < longest;
                break;
            }
        }
    }
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
    Paths {
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
    }
}
