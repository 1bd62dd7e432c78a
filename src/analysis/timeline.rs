//! `timeline`: an actor's or a country's cooperation history in date order.
//!
//! The history of an actor includes what its agencies did (a state's
//! authorities, an authority's units; see [`super::participation`]), the
//! projects and networks that concern it, and its direct cooperation with
//! other actors. Each entry has the role(s), the other partners, the funders,
//! the start and end with their precision, and a status relative to an
//! `as_of` date.

use super::participation::{Involvement, Link, hull, participations, partners, scope};
use super::{Citation, DateView, NodeRef, cite};
use crate::date::{Day, PartialDate};
use crate::model::{Amount, FundingShare, Lang, NodeKind, RelationKind};
use crate::view::{View, effective_span};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Ended before the as-of date.
    Finished,
    /// Started, and ends on or after the as-of date.
    Ongoing,
    /// Starts after the as-of date.
    Planned,
    /// Started, but no source states an end.
    NoEndStated,
    /// No dates known.
    Undated,
}

impl Status {
    /// The status in words, as tables and figures print it (`no end
    /// stated`); JSON has the serialised name (`no_end_stated`).
    pub fn label(self) -> &'static str {
        match self {
            Status::Finished => "finished",
            Status::Ongoing => "ongoing",
            Status::Planned => "planned",
            Status::NoEndStated => "no end stated",
            Status::Undated => "undated",
        }
    }

    pub fn of(start: Option<&PartialDate>, end: Option<&PartialDate>, as_of: Day) -> Status {
        match (start, end) {
            (Some(s), _) if s.earliest() > as_of => Status::Planned,
            (_, Some(e)) if e.latest() < as_of => Status::Finished,
            (_, Some(_)) => Status::Ongoing,
            (Some(_), None) => Status::NoEndStated,
            (None, None) => Status::Undated,
        }
    }
}

/// A funding relation of an activity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Funding {
    pub funder: NodeRef,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share: Option<FundingShare>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    pub sources: Vec<Citation>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// The project or network, or for `cooperation` the other actor.
    pub item: NodeRef,
    /// `project`, `network` or `cooperation`.
    pub category: &'static str,
    /// The actor's relations to it.
    pub links: Vec<Link>,
    /// Other actors taking part (outside the actor's own scope).
    pub partners: Vec<NodeRef>,
    pub funding: Vec<Funding>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<DateView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<DateView>,
    pub status: Status,
}

impl Entry {
    /// Which of the entry's dates the pages give as planned or expected:
    /// `dates planned` (all of them), `start planned` or `end planned`;
    /// `None` when no date is planned.
    pub fn planned(&self) -> Option<&'static str> {
        let p = |d: &Option<DateView>| d.as_ref().map(|d| d.planned);
        match (p(&self.start), p(&self.end)) {
            (Some(true), Some(true)) => Some("dates planned"),
            (Some(true), _) => Some("start planned"),
            (_, Some(true)) => Some("end planned"),
            _ => None,
        }
    }

    /// The status in words with what is planned: `no end stated; start
    /// planned`, or just the status.
    pub fn status_text(&self) -> String {
        match self.planned() {
            Some(p) => format!("{}; {p}", self.status.label()),
            None => self.status.label().to_string(),
        }
    }

    /// Whether the entry is drawn as planned: a date the pages give as
    /// planned, or a start after the as-of date.
    pub fn is_planned(&self) -> bool {
        self.planned().is_some() || self.status == Status::Planned
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeline {
    pub actor: NodeRef,
    /// The actor and the agencies whose cooperation counts as its own.
    pub scope: Vec<NodeRef>,
    /// The date statuses are relative to (YYYY-MM-DD).
    pub as_of: String,
    /// In date order: by start, then end (undated last), then name.
    pub entries: Vec<Entry>,
}

/// An entry's start and end, each with whether the pages give it as
/// planned or expected.
type Dates = (Option<(PartialDate, bool)>, Option<(PartialDate, bool)>);

/// The entry's dates: the activity's own, else the span of the relations.
fn entry_dates(view: &View, item: usize, invs: &[Involvement]) -> Dates {
    let g = view.graph;
    let own = g.node_span(item);
    // A project's or network's own dates; never a partner actor's.
    let node = g.node(item);
    if super::participation::is_activity(node.kind) && (own.start.is_some() || own.end.is_some()) {
        return (
            own.start.clone().map(|d| (d, node.start_planned)),
            own.end.clone().map(|d| (d, node.end_planned)),
        );
    }
    // Pick the relation dates that bound the hull, keeping their precision.
    let spans: Vec<_> = invs.iter().map(|i| effective_span(g, i.relation)).collect();
    let (lo, hi) = hull(&spans);
    let start = spans
        .iter()
        .filter_map(|s| s.start.clone())
        .find(|d| Some(d.earliest()) == lo);
    let end = spans
        .iter()
        .filter_map(|s| s.end.clone())
        .find(|d| Some(d.latest()) == hi);
    (start.map(|d| (d, false)), end.map(|d| (d, false)))
}

/// The history of node `actor` within `view`, with statuses as of `as_of`.
///
/// ```
/// use coopgraph::{graph::CoopGraph, view::View, model::Lang, date::Day};
/// use coopgraph::analysis::timeline::timeline;
/// let g = CoopGraph::embedded().unwrap();
/// let serbia = g.resolve("Serbien").unwrap();
/// let t = timeline(&View::full(&g), serbia, Day { year: 2026, month: 1, day: 1 }, Lang::EN);
/// assert!(t.entries.iter().any(|e| e.item.id == "eu-twinning-serbia"));
/// ```
pub fn timeline(view: &View, actor: usize, as_of: Day, lang: Lang) -> Timeline {
    let g = view.graph;
    let members = scope(view, actor);
    let mut groups: BTreeMap<(&'static str, usize), Vec<Involvement>> = BTreeMap::new();
    for p in participations(view, &members) {
        let cat = if g.node(p.other).kind == NodeKind::Project {
            "project"
        } else {
            "network"
        };
        groups.entry((cat, p.other)).or_default().push(p);
    }
    for p in partners(view, &members) {
        groups.entry(("cooperation", p.other)).or_default().push(p);
    }
    let mut entries: Vec<Entry> = groups
        .into_iter()
        .map(|((category, item), invs)| {
            let (start, end) = entry_dates(view, item, &invs);
            let view_of = |d: &Option<(PartialDate, bool)>| {
                d.as_ref().map(|(d, p)| DateView::of(d).with_planned(*p))
            };
            let mut partners: Vec<usize> = Vec::new();
            let mut funding = Vec::new();
            if category != "cooperation" {
                for (r, other) in view.neighbours(item) {
                    let rel = g.relation(r);
                    if rel.kind() == RelationKind::Funds && rel.to() == g.node(item).id {
                        funding.push(Funding {
                            funder: NodeRef::new(g, other, lang),
                            share: rel.share(),
                            amount: rel.amount().cloned(),
                            role: rel.role().map(str::to_string),
                            sources: cite(g, &rel.sources()),
                        });
                    } else if g.node(other).kind.is_actor()
                        && rel.from() == g.node(other).id
                        && super::participation::is_participation(rel.kind())
                        && !members.contains(&other)
                        && !partners.contains(&other)
                    {
                        partners.push(other);
                    }
                }
            }
            Entry {
                item: NodeRef::new(g, item, lang),
                category,
                links: invs
                    .iter()
                    .map(|i| Link::new(view, actor, i, lang))
                    .collect(),
                partners: partners
                    .into_iter()
                    .map(|p| NodeRef::new(g, p, lang))
                    .collect(),
                funding,
                status: Status::of(
                    start.as_ref().map(|d| &d.0),
                    end.as_ref().map(|d| &d.0),
                    as_of,
                ),
                start: view_of(&start),
                end: view_of(&end),
            }
        })
        .collect();
    let key = |e: &Entry| {
        (
            e.start.is_none() && e.end.is_none(),
            // An entry known only by its end sorts by its end.
            e.start
                .as_ref()
                .map(|d| d.earliest.clone())
                .or_else(|| e.end.as_ref().map(|d| d.latest.clone())),
            e.end.as_ref().map(|d| d.latest.clone()),
            e.item.name.clone(),
            e.item.id.clone(),
        )
    };
    entries.sort_by_key(key);
    Timeline {
        actor: NodeRef::new(g, actor, lang),
        scope: members.iter().map(|&m| NodeRef::new(g, m, lang)).collect(),
        as_of: as_of.to_string(),
        entries,
    }
}
