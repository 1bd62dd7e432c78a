//! `shared`: what two or more actors have in common — projects, networks and
//! councils they take part in, partners they both work with, funders of
//! activities they are both in — with each actor's relation, role, dates and
//! sources, and the years their participation overlapped.

use super::participation::{Involvement, Link, funders, hull, participations, partners, scope};
use super::{NodeRef, QueryError};
use crate::date::Day;
use crate::model::{Lang, NodeKind};
use crate::view::{View, effective_span};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

pub use super::via::Via;

/// An actor's relations to a shared thing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorLinks {
    pub actor: NodeRef,
    pub links: Vec<Link>,
}

/// The years in which every actor's involvement overlapped, as far as dates
/// are known. `disjoint` when the known spans do not meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Overlap {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_year: Option<i32>,
    pub disjoint: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SharedItem {
    pub item: NodeRef,
    /// `project`, `network`, `partner` or `fund`.
    pub category: Via,
    pub actors: Vec<ActorLinks>,
    pub overlap: Overlap,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shared {
    pub actors: Vec<NodeRef>,
    pub via: Via,
    /// Sorted by category (projects, networks, partners, funds), then name.
    pub items: Vec<SharedItem>,
}

fn category(kind: NodeKind) -> Via {
    match kind {
        NodeKind::Project => Via::Project,
        _ => Via::Network,
    }
}

/// Everything an actor is involved with, by (category, node). `shared` and
/// `overlap` both count these keys.
pub fn involvements(view: &View, actor: usize) -> BTreeMap<(Via, usize), Vec<Involvement>> {
    let s = scope(view, actor);
    let mut map: BTreeMap<(Via, usize), Vec<Involvement>> = BTreeMap::new();
    for p in participations(view, &s) {
        let cat = category(view.graph.node(p.other).kind);
        map.entry((cat, p.other)).or_default().push(p);
    }
    for p in partners(view, &s) {
        map.entry((Via::Partner, p.other)).or_default().push(p);
    }
    for f in funders(view, &s) {
        map.entry((Via::Fund, f.other)).or_default().push(f);
    }
    map
}

/// A `shared` question: what all of these actors share, counting which
/// kind of thing. [`Request::run`] checks that each actor is named once and
/// that none is part of another (an agency and its own state share
/// everything trivially).
///
/// ```
/// use coopgraph::{graph::CoopGraph, view::View, model::Lang};
/// use coopgraph::analysis::{QueryError, shared::{Request, Via}};
/// let g = CoopGraph::embedded().unwrap();
/// let (se, rs) = (g.resolve("Sweden").unwrap(), g.resolve("Serbia").unwrap());
/// let view = View::full(&g);
/// let s = Request { actors: vec![se, rs], via: Via::Project }.run(&view, Lang::EN).unwrap();
/// assert!(s.items.iter().all(|i| i.category == Via::Project));
/// // An agency with its own state is refused, saying which is which.
/// let agency = g.resolve("Migrationsverket").unwrap();
/// let e = Request { actors: vec![se, agency], via: Via::Any }.run(&view, Lang::EN);
/// assert_eq!(e.unwrap_err(), QueryError::PartOf {
///     part: "Swedish Migration Agency".into(),
///     whole: "Sweden".into(),
/// });
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// Two or more actors, as node indices.
    pub actors: Vec<usize>,
    /// Which shared things to list.
    pub via: Via,
}

impl Request {
    /// Checks the actors against `view`: each named once, none part of
    /// another named one.
    pub fn check(&self, view: &View) -> Result<(), QueryError> {
        let g = view.graph;
        for (k, &a) in self.actors.iter().enumerate() {
            if self.actors[..k].contains(&a) {
                return Err(QueryError::RepeatedActor {
                    name: g.node(a).name.to_string(),
                });
            }
        }
        for &a in &self.actors {
            for &b in &self.actors {
                if a != b && scope(view, b).contains(&a) {
                    return Err(QueryError::PartOf {
                        part: g.node(a).name.to_string(),
                        whole: g.node(b).name.to_string(),
                    });
                }
            }
        }
        Ok(())
    }

    /// What the actors share within `view`, once [`Request::check`] passes.
    pub fn run(&self, view: &View, lang: Lang) -> Result<Shared, QueryError> {
        self.check(view)?;
        Ok(shared(view, &self.actors, self.via, lang))
    }
}

/// What all `actors` share within `view` (unchecked: see [`Request`]).
///
/// ```
/// use coopgraph::{graph::CoopGraph, view::View, model::Lang};
/// use coopgraph::analysis::shared::{shared, Via};
/// let g = CoopGraph::embedded().unwrap();
/// let (a, b) = (g.resolve("Migrationsverket").unwrap(), g.resolve("Polismyndigheten").unwrap());
/// let s = shared(&View::full(&g), &[a, b], Via::Network, Lang::EN);
/// assert!(s.items.iter().any(|i| i.item.id == "counter-terrorism-council"));
/// ```
pub fn shared(view: &View, actors: &[usize], via: Via, lang: Lang) -> Shared {
    let g = view.graph;
    let per_actor: Vec<_> = actors.iter().map(|&a| involvements(view, a)).collect();
    let named: BTreeSet<usize> = actors.iter().flat_map(|&a| scope(view, a)).collect();
    let mut keys: Vec<(Via, usize)> = per_actor
        .first()
        .map(|m| m.keys().copied().collect())
        .unwrap_or_default();
    keys.retain(|k| {
        via.admits(k.0) && !named.contains(&k.1) && per_actor.iter().all(|m| m.contains_key(k))
    });
    let mut items: Vec<SharedItem> = keys
        .into_iter()
        .map(|(cat, item)| {
            let mut lo: Option<Day> = None;
            let mut hi: Option<Day> = None;
            let actors_links = actors
                .iter()
                .zip(&per_actor)
                .map(|(&a, m)| {
                    let invs = &m[&(cat, item)];
                    let spans: Vec<_> =
                        invs.iter().map(|i| effective_span(g, i.relation)).collect();
                    let (s, e) = hull(&spans);
                    lo = match (lo, s) {
                        (Some(l), Some(s)) => Some(l.max(s)),
                        (l, s) => l.or(s),
                    };
                    hi = match (hi, e) {
                        (Some(h), Some(e)) => Some(h.min(e)),
                        (h, e) => h.or(e),
                    };
                    ActorLinks {
                        actor: NodeRef::new(g, a, lang),
                        links: invs.iter().map(|i| Link::new(view, a, i, lang)).collect(),
                    }
                })
                .collect();
            SharedItem {
                item: NodeRef::new(g, item, lang),
                category: cat,
                actors: actors_links,
                overlap: Overlap {
                    from_year: lo.map(|d| d.year),
                    to_year: hi.map(|d| d.year),
                    disjoint: matches!((lo, hi), (Some(l), Some(h)) if l > h),
                },
            }
        })
        .collect();
    items.sort_by(|a, b| {
        (a.category, &a.item.name, &a.item.id).cmp(&(b.category, &b.item.name, &b.item.id))
    });
    Shared {
        actors: actors.iter().map(|&a| NodeRef::new(g, a, lang)).collect(),
        via,
        items,
    }
}
