//! `show`: one node with every relation in both directions, and the sources.

use super::{Citation, DateView, NodeRef, cite};
use crate::graph::CoopGraph;
use crate::model::{Alias, Amount, FundingShare, Lang, NodeKind, RelationKind};
use petgraph::Direction;
use serde::Serialize;

/// How a relation touches the shown node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The shown node is the relation's `from`.
    Out,
    /// The shown node is the relation's `to`.
    In,
    /// Another node acted on the shown node's behalf (`on_behalf_of`).
    OnBehalf,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelationView {
    pub side: Side,
    pub kind: RelationKind,
    /// The node at the other end (for `on_behalf`, the relation's target).
    pub other: NodeRef,
    /// For `on_behalf`: the node that acted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub through: Option<NodeRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<DateView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<DateView>,
    /// The other node's own start and end (a project's or network's dates),
    /// for relations that carry no dates of their own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_start: Option<DateView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_end: Option<DateView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share: Option<FundingShare>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub within: Option<NodeRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_behalf_of: Option<NodeRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// For a fund: the part of it (a fund that is `part_of` it, directly or
    /// through other parts) that holds this `funds` relation. The fund
    /// funds it only through that part.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via_part: Option<NodeRef>,
    pub sources: Vec<Citation>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DateClaimView {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<DateView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<DateView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub sources: Vec<Citation>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeclaredView {
    pub count: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Members the data lists for this count.
    pub listed: usize,
    pub sources: Vec<Citation>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeView {
    #[serde(flatten)]
    pub node: NodeRef,
    /// English and (where known) Swedish names.
    pub name_en: String,
    /// The pages describe the node without naming it; the name is a label.
    pub unnamed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_sv: Option<String>,
    pub aliases: Vec<Alias>,
    pub description: String,
    /// What the record says that no other field holds (see `Node::note`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<DateView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<DateView>,
    pub other_dates: Vec<DateClaimView>,
    pub declared_members: Vec<DeclaredView>,
    pub sources: Vec<Citation>,
    /// Every relation, grouped by side then kind, then by the other end's name.
    pub relations: Vec<RelationView>,
}

/// Relation `r` seen from one side, `other` being the node at the far end.
pub fn relation_view(
    g: &CoopGraph,
    r: usize,
    other: usize,
    lang: Lang,
    side: Side,
    through: Option<usize>,
) -> RelationView {
    let nref = |j: usize| NodeRef::new(g, j, lang);
    let id_ref = |id: Option<&str>| id.and_then(|id| g.index_of(id)).map(nref);
    let rel = g.relation(r);
    let span = g.relation_span(r);
    let other_span = g.node_span(other);
    let other_node = g.node(other);
    RelationView {
        side,
        kind: rel.kind(),
        other: nref(other),
        through: through.map(nref),
        role: rel.role().map(str::to_string),
        start: DateView::new(rel.start(), &span.start),
        end: DateView::new(rel.end(), &span.end),
        other_start: DateView::new(other_node.start.as_deref(), &other_span.start)
            .map(|d| d.with_planned(other_node.start_planned)),
        other_end: DateView::new(other_node.end.as_deref(), &other_span.end)
            .map(|d| d.with_planned(other_node.end_planned)),
        amount: rel.amount().cloned(),
        share: rel.share(),
        place: rel.place().map(str::to_string),
        within: id_ref(rel.within()),
        on_behalf_of: id_ref(rel.on_behalf_of()),
        note: rel.note().map(str::to_string),
        via_part: None,
        sources: cite(g, &rel.sources()),
    }
}

/// The funds that are part of fund `i`, directly or through other parts,
/// nearest first and in relation order.
fn fund_parts(g: &CoopGraph, i: usize) -> Vec<usize> {
    let mut parts = vec![i];
    let mut k = 0;
    while k < parts.len() {
        let whole = parts[k];
        for inc in g.incidents(whole) {
            let part = inc.other;
            if inc.direction == Direction::Incoming
                && g.relation(inc.relation).kind() == RelationKind::PartOf
                && g.node(part).kind == NodeKind::Fund
                && !parts.contains(&part)
            {
                parts.push(part);
            }
        }
        k += 1;
    }
    parts.remove(0);
    parts
}

/// The node at index `i`, with everything the data says about it. A fund's
/// list includes what its parts fund (the Dutch AMIF's funding under AMIF),
/// each marked with the part in `via_part`.
///
/// ```
/// use coopgraph::{graph::CoopGraph, model::Lang, analysis::show::show};
/// let g = CoopGraph::embedded().unwrap();
/// let v = show(&g, g.resolve("GDISC").unwrap(), Lang::EN);
/// assert!(v.relations.iter().any(|r| r.other.id == "kosovo" && r.role.as_deref() == Some("observer")));
/// ```
pub fn show(g: &CoopGraph, i: usize, lang: Lang) -> NodeView {
    let n = g.node(i);
    let nref = |j: usize| NodeRef::new(g, j, lang);
    let mut relations: Vec<RelationView> = Vec::new();
    let mut push = |side: Side, r_idx: usize, other: usize, through: Option<usize>| {
        relations.push(relation_view(g, r_idx, other, lang, side, through));
    };
    for inc in g.incidents(i) {
        let side = if inc.direction == Direction::Outgoing {
            Side::Out
        } else {
            Side::In
        };
        push(side, inc.relation, inc.other, None);
    }
    for (r_idx, r) in g.data.relations().enumerate() {
        if r.on_behalf_of() == Some(n.id.as_str()) {
            let (from, to) = g.ends(r_idx);
            push(Side::OnBehalf, r_idx, to, Some(from));
        }
    }
    if n.kind == NodeKind::Fund {
        for part in fund_parts(g, i) {
            for inc in g.incidents(part) {
                if inc.direction == Direction::Outgoing
                    && g.relation(inc.relation).kind() == RelationKind::Funds
                {
                    let mut v = relation_view(g, inc.relation, inc.other, lang, Side::Out, None);
                    v.via_part = Some(nref(part));
                    relations.push(v);
                }
            }
        }
    }
    relations.sort_by(|a, b| {
        (a.side, a.kind, &a.other.name, &a.other.id).cmp(&(
            b.side,
            b.kind,
            &b.other.name,
            &b.other.id,
        ))
    });
    let counts = crate::validate::member_counts(&g.data);
    NodeView {
        node: nref(i),
        name_en: n.name.clone(),
        unnamed: n.unnamed,
        name_sv: Some(g.display_name(i, Lang::SV))
            .filter(|s| *s != n.name)
            .map(String::from),
        aliases: n.aliases.clone(),
        description: n.description.clone(),
        note: n.note.clone(),
        country: n.country.clone(),
        start: DateView::new(n.start.as_deref(), &g.node_span(i).start)
            .map(|d| d.with_planned(n.start_planned)),
        end: DateView::new(n.end.as_deref(), &g.node_span(i).end)
            .map(|d| d.with_planned(n.end_planned)),
        other_dates: n
            .alt_dates
            .iter()
            .zip(g.alt_spans(i))
            .map(|(c, span)| DateClaimView {
                start: DateView::new(c.start.as_deref(), &span.start),
                end: DateView::new(c.end.as_deref(), &span.end),
                note: c.note.clone(),
                sources: cite(g, &c.sources),
            })
            .collect(),
        declared_members: n
            .declared_members
            .iter()
            .enumerate()
            .map(|(c, dm)| DeclaredView {
                count: dm.count,
                role: dm.role.clone(),
                listed: counts
                    .iter()
                    .find(|m| m.node == i && m.claim == c)
                    .map_or(0, |m| m.listed.len()),
                sources: cite(g, &dm.sources),
            })
            .collect(),
        sources: cite(g, &n.sources),
        relations,
    }
}

/// Heading for a group of relations in text output, e.g. `member of` for an
/// outgoing `member` relation and `members` for an incoming one.
pub fn heading(side: Side, kind: RelationKind) -> &'static str {
    use RelationKind::*;
    match (side, kind) {
        (Side::OnBehalf, _) => "through another actor, on its behalf",
        (Side::Out, Leads) => "leads",
        (Side::In, Leads) => "led by",
        (Side::Out, Partner) => "partner in",
        (Side::In, Partner) => "partners",
        (Side::Out, Beneficiary) => "beneficiary of",
        (Side::In, Beneficiary) => "beneficiaries",
        (Side::Out, Funds) => "funds",
        (Side::In, Funds) => "funded by",
        (Side::Out, Implements) => "implements",
        (Side::In, Implements) => "implemented by",
        (Side::Out, Member) => "member of",
        (Side::In, Member) => "members",
        (Side::Out, PartOf) => "part of",
        (Side::In, PartOf) => "has parts",
        (Side::Out, FollowUpOf) => "follow-up of",
        (Side::In, FollowUpOf) => "followed up by",
        (Side::Out, MergedInto) => "merged into",
        (Side::In, MergedInto) => "absorbed",
        (Side::Out, SecretariatOf) => "secretariat of",
        (Side::In, SecretariatOf) => "secretariat",
        (Side::Out, CooperatesWith) => "cooperates with",
        (Side::In, CooperatesWith) => "cooperation from",
        (Side::Out, Supports) => "supports",
        (Side::In, Supports) => "supported by",
        (Side::Out, Hosts) => "hosts",
        (Side::In, Hosts) => "hosted by",
        (Side::Out, DeployedTo) => "deployed staff to",
        (Side::In, DeployedTo) => "staff deployed here by",
        (Side::Out, Concerns) => "concerns",
        (Side::In, Concerns) => "subject of",
        (Side::Out, Commissions) => "commissioned",
        (Side::In, Commissions) => "commissioned by",
        (Side::Out, Initiated) => "launched",
        (Side::In, Initiated) => "launched by",
        (Side::Out, Contracts) => "contracting party of",
        (Side::In, Contracts) => "contracted by",
        (Side::Out, AccountableFor) => "accountable for",
        (Side::In, AccountableFor) => "accountable",
        (Side::Out, Extends) => "extends funding to",
        (Side::In, Extends) => "funding extended by",
    }
}
