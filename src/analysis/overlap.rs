//! `overlap`: pairs of actors of one kind ranked by what they share, with the
//! count, the Jaccard index |A∩B|/|A∪B| and the overlap coefficient
//! |A∩B|/min(|A|,|B|) of the sets of things each is involved with
//! (Jaccard 1901; Szymkiewicz–Simpson for the overlap coefficient).

use super::participation::scope;
use super::shared::{Via, involvements};
use super::{Limit, NodeRef, QueryError};
use crate::model::{Lang, NodeKind};
use crate::view::View;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairOverlap {
    pub a: NodeRef,
    pub b: NodeRef,
    pub shared: usize,
    pub jaccard: f64,
    pub overlap_coefficient: f64,
    /// The shared things, by name.
    pub items: Vec<NodeRef>,
}

/// The things an actor is involved with under `via`, as `shared` counts them.
fn items(view: &View, actor: usize, via: Via) -> BTreeSet<(Via, usize)> {
    involvements(view, actor)
        .into_keys()
        .filter(|k| via.admits(k.0))
        .collect()
}

/// An `overlap` question: pairs of actors of one kind, counting which kind
/// of shared thing, at most `top` pairs.
///
/// ```
/// use coopgraph::{graph::CoopGraph, view::View, model::{Lang, NodeKind}};
/// use coopgraph::analysis::{Limit, QueryError, overlap::Request, shared::Via};
/// let g = CoopGraph::embedded().unwrap();
/// let view = View::full(&g);
/// let ask = Request { kind: NodeKind::State, via: Via::Any, top: 3, with: None };
/// let pairs = ask.run(&view, Lang::EN).unwrap();
/// assert_eq!(pairs.len(), 3);
/// assert!(pairs[0].shared >= pairs[1].shared);
/// // Who shares most with one actor: it is `a` of every pair.
/// let agency = g.resolve("Migrationsverket").unwrap();
/// let with = Request { kind: NodeKind::Agency, with: Some(agency), ..ask };
/// let pairs = with.run(&view, Lang::EN).unwrap();
/// assert!(pairs.iter().all(|p| p.a.id == "swedish-migration-agency"));
/// // Projects are not actors, and a list of no pairs is not a question.
/// let e = Request { kind: NodeKind::Project, ..ask }.run(&view, Lang::EN);
/// assert_eq!(e.unwrap_err(), QueryError::NotActorKind { kind: NodeKind::Project });
/// let e = Request { top: 0, ..ask }.check();
/// assert_eq!(e.unwrap_err(), QueryError::TooSmall { limit: Limit::Top, min: 1, given: 0 });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Request {
    /// The kind of actor to pair: state, agency or organisation.
    pub kind: NodeKind,
    /// Which shared things count.
    pub via: Via,
    /// How many pairs to list (at least 1).
    pub top: usize,
    /// Only the pairs of this actor (a node index, of any actor kind) with
    /// actors of `kind`, the actor as `a`: who shares most with it.
    pub with: Option<usize>,
}

impl Request {
    /// Checks the question without the data: an actor kind, at least one
    /// pair.
    pub fn check(&self) -> Result<(), QueryError> {
        if !self.kind.is_actor() {
            return Err(QueryError::NotActorKind { kind: self.kind });
        }
        if self.top == 0 {
            return Err(QueryError::TooSmall {
                limit: Limit::Top,
                min: 1,
                given: self.top,
            });
        }
        Ok(())
    }

    /// The pairs within `view`, best first, once [`Request::check`] passes.
    pub fn run(&self, view: &View, lang: Lang) -> Result<Vec<PairOverlap>, QueryError> {
        self.check()?;
        let Some(with) = self.with else {
            return Ok(overlap(view, self.kind, self.via, self.top, lang));
        };
        let kind = view.graph.node(with).kind;
        if !kind.is_actor() {
            return Err(QueryError::NotActorKind { kind });
        }
        let mut out = pairs(view, self.kind, self.via, Some(with), lang);
        out.truncate(self.top);
        Ok(out)
    }
}

/// Pairs of `kind` actors with at least one shared thing, best first (most
/// shared, then highest Jaccard, then ids); at most `top` of them
/// (unchecked: see [`Request`]).
pub fn overlap(view: &View, kind: NodeKind, via: Via, top: usize, lang: Lang) -> Vec<PairOverlap> {
    let mut out = pairs(view, kind, via, None, lang);
    out.truncate(top);
    out
}

/// Every pair of `kind` actors with something shared, best first; with
/// `with`, only its pairs with `kind` actors, `with` as `a`.
fn pairs(
    view: &View,
    kind: NodeKind,
    via: Via,
    with: Option<usize>,
    lang: Lang,
) -> Vec<PairOverlap> {
    let g = view.graph;
    let mut actors: Vec<usize> = view
        .node_indices()
        .filter(|&i| g.node(i).kind == kind)
        .collect();
    if let Some(w) = with.filter(|w| !actors.contains(w)) {
        actors.push(w);
    }
    let sets: BTreeMap<usize, BTreeSet<(Via, usize)>> =
        actors.iter().map(|&a| (a, items(view, a, via))).collect();
    let scopes: BTreeMap<usize, Vec<usize>> = actors.iter().map(|&a| (a, scope(view, a))).collect();
    // Inverted index: thing -> actors involved; each pair meets there.
    let mut by_item: BTreeMap<(Via, usize), Vec<usize>> = BTreeMap::new();
    for (&a, set) in &sets {
        for &i in set {
            by_item.entry(i).or_default().push(a);
        }
    }
    let mut met: BTreeMap<(usize, usize), Vec<(Via, usize)>> = BTreeMap::new();
    for (&item, who) in &by_item {
        for (x, &a) in who.iter().enumerate() {
            for &b in &who[x + 1..] {
                if with.is_none_or(|w| w == a || w == b) {
                    // `with` first; else the pair in index order.
                    let pair = if Some(b) == with { (b, a) } else { (a, b) };
                    met.entry(pair).or_default().push(item);
                }
            }
        }
    }
    let mut out: Vec<PairOverlap> = met
        .into_iter()
        .filter_map(|((a, b), mut shared)| {
            // As `shared` does: a thing inside either actor's own scope is
            // not shared with the other.
            shared.retain(|(_, i)| !scopes[&a].contains(i) && !scopes[&b].contains(i));
            (!shared.is_empty()).then_some(((a, b), shared))
        })
        .map(|((a, b), shared)| {
            let (na, nb) = (sets[&a].len(), sets[&b].len());
            let union = na + nb - shared.len();
            let mut items: Vec<NodeRef> = shared
                .iter()
                .map(|&(_, i)| NodeRef::new(g, i, lang))
                .collect();
            items.sort_by(|x, y| (&x.name, &x.id).cmp(&(&y.name, &y.id)));
            PairOverlap {
                a: NodeRef::new(g, a, lang),
                b: NodeRef::new(g, b, lang),
                shared: shared.len(),
                jaccard: shared.len() as f64 / union as f64,
                overlap_coefficient: shared.len() as f64 / na.min(nb) as f64,
                items,
            }
        })
        .collect();
    out.sort_by(|x, y| {
        y.shared
            .cmp(&x.shared)
            .then(y.jaccard.total_cmp(&x.jaccard))
            .then((&x.a.id, &x.b.id).cmp(&(&y.a.id, &y.b.id)))
    });
    out
}
