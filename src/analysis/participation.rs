//! Who takes part in what: the reading of relations that `shared`, `overlap`
//! and `timeline` have in common.
//!
//! - An actor's **scope** is the actor and every agency that is part of it,
//!   directly or through other agencies. A state acts through its
//!   authorities, and an authority through its units.
//! - A **participation** is a relation between a node in the scope and a
//!   project or network: the actor leads it, is a partner, member,
//!   beneficiary, implementer, host, initiator, commissioner, contracting
//!   party or funder of it, or cooperates in it; or the project or network
//!   concerns it.
//! - A **partner** is another actor with a direct actor-to-actor relation:
//!   cooperation, support, or membership of an organisation.
//! - A **funder** of an activity is the `from` end of a `funds` relation to it.

use super::{Citation, DateView, NodeRef, cite};
use crate::date::Day;
use crate::date::Span;
use crate::model::{Lang, NodeKind, RelationKind};
use crate::view::{View, effective_span};
use serde::Serialize;

/// Relation kinds by which an actor (`from`) takes part in an activity (`to`).
pub fn is_participation(kind: RelationKind) -> bool {
    kind.is_participation()
}

pub fn is_activity(kind: NodeKind) -> bool {
    matches!(kind, NodeKind::Project | NodeKind::Network)
}

/// The node and every agency that is part of it (transitively), in dataset
/// order. Only relations in the view count.
pub fn scope(view: &View, i: usize) -> Vec<usize> {
    let g = view.graph;
    let mut inside = vec![false; g.data.nodes.len()];
    inside[i] = true;
    let mut stack = vec![i];
    while let Some(u) = stack.pop() {
        for (r, other) in view.neighbours(u) {
            let rel = g.relation(r);
            if rel.kind() == RelationKind::PartOf
                && rel.to() == g.node(u).id
                && g.node(other).kind == NodeKind::Agency
                && !inside[other]
            {
                inside[other] = true;
                stack.push(other);
            }
        }
    }
    (0..inside.len()).filter(|&j| inside[j]).collect()
}

/// One relation by which a scope member is involved with something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Involvement {
    /// The scope member that holds the relation.
    pub member: usize,
    /// The activity, partner or funder it is involved with.
    pub other: usize,
    pub relation: usize,
    /// For a funder: the activity it funds.
    pub activity: Option<usize>,
}

/// The relations of a scope's members that `keep` accepts, given the
/// relation, whether the member is its `from`, and the other end; in
/// relation order.
fn involvements_where(
    view: &View,
    scope: &[usize],
    keep: impl Fn(crate::store::RelRef<'_>, bool, usize) -> bool,
) -> Vec<Involvement> {
    let g = view.graph;
    let mut out = Vec::new();
    for &m in scope {
        for (r, other) in view.neighbours(m) {
            let rel = g.relation(r);
            if keep(rel, g.ends(r).0 == m, other) {
                out.push(Involvement {
                    member: m,
                    other,
                    relation: r,
                    activity: None,
                });
            }
        }
    }
    out.sort_by_key(|p| p.relation);
    out
}

/// Participations of a scope in activities, in relation order.
pub fn participations(view: &View, scope: &[usize]) -> Vec<Involvement> {
    let g = view.graph;
    involvements_where(view, scope, |rel, outgoing, other| {
        let takes_part = outgoing && is_participation(rel.kind());
        let concerned = !outgoing && rel.kind() == RelationKind::Concerns;
        (takes_part || concerned) && is_activity(g.node(other).kind)
    })
}

/// Direct actor-to-actor relations of a scope with actors outside it.
pub fn partners(view: &View, scope: &[usize]) -> Vec<Involvement> {
    let g = view.graph;
    involvements_where(view, scope, |rel, _, other| {
        let direct = matches!(
            rel.kind(),
            RelationKind::CooperatesWith | RelationKind::Supports | RelationKind::Member
        );
        direct && g.node(other).kind.is_actor() && !scope.contains(&other)
    })
}

/// Funders of the activities a scope takes part in: one involvement per
/// (funding relation, participation), the funder in `other`.
pub fn funders(view: &View, scope: &[usize]) -> Vec<Involvement> {
    let g = view.graph;
    let mut out = Vec::new();
    for p in participations(view, scope) {
        for (r, funder) in view.neighbours(p.other) {
            let rel = g.relation(r);
            if rel.kind() == RelationKind::Funds
                && rel.to() == g.node(p.other).id
                && !scope.contains(&funder)
            {
                out.push(Involvement {
                    member: p.member,
                    other: funder,
                    relation: r,
                    activity: Some(p.other),
                });
            }
        }
    }
    out.sort_by_key(|f| (f.relation, f.activity, f.member));
    out.dedup();
    out
}

/// A relation as answers show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    pub kind: RelationKind,
    /// `out`: the actor is the relation's `from`; `in`: its `to`.
    pub direction: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The agency that holds the relation, when it is not the named actor
    /// itself (a state's authority).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub through: Option<NodeRef>,
    /// For a funder: the activity it funds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activity: Option<NodeRef>,
    /// For a funder: the funder itself, the relation's `from` (the actor
    /// takes part in `activity`; it is the funder that funds it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub funder: Option<NodeRef>,
    /// The relation's own dates, or the activity's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<DateView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<DateView>,
    pub sources: Vec<Citation>,
}

impl Link {
    pub fn new(view: &View, actor: usize, inv: &Involvement, lang: Lang) -> Link {
        let g = view.graph;
        let rel = g.relation(inv.relation);
        let span = effective_span(g, inv.relation);
        let member_id = &g.node(inv.member).id;
        Link {
            kind: rel.kind(),
            direction: if rel.from() == member_id { "out" } else { "in" },
            role: rel.role().map(str::to_string),
            through: (inv.member != actor).then(|| NodeRef::new(g, inv.member, lang)),
            activity: inv.activity.map(|a| NodeRef::new(g, a, lang)),
            funder: inv.activity.map(|_| NodeRef::new(g, inv.other, lang)),
            start: span.start.as_ref().map(DateView::of),
            end: span.end.as_ref().map(DateView::of),
            sources: cite(g, &rel.sources()),
        }
    }
}

/// The smallest span covering all `spans`: earliest known start, latest
/// known end (an unknown bound stays unknown only if every span lacks it).
pub fn hull<'a>(spans: impl IntoIterator<Item = &'a Span>) -> (Option<Day>, Option<Day>) {
    let mut lo: Option<Day> = None;
    let mut hi: Option<Day> = None;
    for s in spans {
        if let Some(d) = &s.start {
            lo = Some(lo.map_or(d.earliest(), |l| l.min(d.earliest())));
        }
        if let Some(d) = &s.end {
            hi = Some(hi.map_or(d.latest(), |h| h.max(d.latest())));
        }
    }
    (lo, hi)
}
