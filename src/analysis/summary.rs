//! `summary`: what a dataset holds, at a glance.

use super::NodeRef;
use crate::date::Day;
use crate::graph::CoopGraph;
use crate::model::{Lang, NodeKind, RelationKind};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KindCount {
    pub kind: String,
    pub count: usize,
}

/// A source of the dataset, by the id relations cite it by (and the
/// `--source` selection takes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceEntry {
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    /// Relations that cite it.
    pub relations: usize,
}

/// A stated member count that differs from the members listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mismatch {
    pub node: NodeRef,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    pub declared: u32,
    pub listed: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub nodes: usize,
    pub relations: usize,
    pub sources: usize,
    /// Every source, in dataset order.
    pub source_list: Vec<SourceEntry>,
    /// Every node kind, in model order, zeros included.
    pub node_kinds: Vec<KindCount>,
    /// Every relation kind, in model order, zeros included.
    pub relation_kinds: Vec<KindCount>,
    /// Earliest and latest day any date in the data may denote.
    pub time_span: Option<(String, String)>,
    /// Number of weakly connected components, and their sizes (largest first).
    pub components: usize,
    pub component_sizes: Vec<usize>,
    pub mismatches: Vec<Mismatch>,
    /// Number of validation warnings (see `coopgraph validate`).
    pub warnings: usize,
}

/// Every source with the number of relations citing it.
fn source_list(g: &CoopGraph) -> Vec<SourceEntry> {
    let d = &g.data;
    let mut cited: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    let mut seen = Vec::new();
    for r in d.relations() {
        seen.clear();
        for c in r.cites() {
            if !seen.contains(&c.source) {
                seen.push(c.source);
                *cited.entry(d.str(c.source)).or_default() += 1;
            }
        }
    }
    d.sources
        .iter()
        .map(|s| SourceEntry {
            id: s.id.clone(),
            title: s.title.clone(),
            lang: s.lang,
            relations: cited.get(s.id.as_str()).copied().unwrap_or(0),
        })
        .collect()
}

pub fn summary(g: &CoopGraph, lang: Lang) -> Summary {
    let d = &g.data;
    let node_kinds = NodeKind::ALL
        .iter()
        .map(|k| KindCount {
            kind: k.to_string(),
            count: d.nodes.iter().filter(|n| n.kind == *k).count(),
        })
        .collect();
    let mut relation_counts = [0usize; RelationKind::ALL.len()];
    for r in d.relations() {
        relation_counts[r.kind() as usize] += 1;
    }
    let relation_kinds = RelationKind::ALL
        .iter()
        .map(|k| KindCount {
            kind: k.to_string(),
            count: relation_counts[*k as usize],
        })
        .collect();
    // Relation dates are interned: each distinct span is looked at once.
    let mut used = vec![false; d.span_count()];
    for r in d.relations() {
        used[r.span().index()] = true;
    }
    let spans = (0..d.nodes.len()).map(|i| g.node_span(i)).chain(
        (0..d.span_count())
            .filter(|&s| used[s])
            .map(|s| g.span(crate::store::SpanIx::new(s))),
    );
    let mut lo: Option<Day> = None;
    let mut hi: Option<Day> = None;
    for s in spans {
        for p in s.start.iter().chain(s.end.iter()) {
            lo = Some(lo.map_or(p.earliest(), |l| l.min(p.earliest())));
            hi = Some(hi.map_or(p.latest(), |h| h.max(p.latest())));
        }
    }
    let comps = g.components();
    let mismatches = crate::validate::member_counts(d)
        .into_iter()
        .filter(|m| m.listed.len() != m.declared as usize)
        .map(|m| Mismatch {
            node: NodeRef::new(g, m.node, lang),
            role: m.role,
            declared: m.declared,
            listed: m.listed.len(),
        })
        .collect();
    Summary {
        nodes: d.nodes.len(),
        relations: d.relation_count(),
        sources: d.sources.len(),
        source_list: source_list(g),
        node_kinds,
        relation_kinds,
        time_span: lo.zip(hi).map(|(l, h)| (l.to_string(), h.to_string())),
        components: comps.len(),
        component_sizes: comps.iter().map(Vec::len).collect(),
        mismatches,
        warnings: g.warnings.len(),
    }
}
