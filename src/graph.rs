//! The cooperation graph: a validated dataset held in a petgraph `DiGraph`.
//!
//! Node `i` of the graph is `dataset.nodes[i]`; each edge's weight is the
//! index of its relation in `dataset.relations`. Keeping the records in the
//! dataset and only indices in the graph means every view and algorithm can
//! reach the full record (roles, dates, sources) of what it traverses.
//!
//! Invariants (established by [`CoopGraph::new`], which refuses a dataset with
//! validation errors): every relation's ends exist, every date parses.

use crate::date::PartialDate;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::load::Dataset;
use crate::model::{Lang, Node, Relation};
use crate::names::{NameIndex, ResolveError};
use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// Start and end of a node or relation, parsed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Span {
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
}

impl Span {
    fn parse(start: &Option<String>, end: &Option<String>) -> Span {
        // Validation has checked these strings; a failure here cannot happen
        // for a graph built by `CoopGraph::new`, and yields "unknown".
        let p = |s: &Option<String>| s.as_ref().and_then(|s| s.parse().ok());
        Span {
            start: p(start),
            end: p(end),
        }
    }
}

/// A relation seen from one of its ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Incident {
    /// Index into `dataset.relations`.
    pub relation: usize,
    /// `Outgoing`: the node is the relation's `from`.
    pub direction: Direction,
    /// The node at the other end.
    pub other: usize,
}

/// A validated dataset and its graph.
#[derive(Debug, Clone)]
pub struct CoopGraph {
    pub data: Dataset,
    pub graph: DiGraph<usize, usize>,
    pub names: NameIndex,
    /// Warnings found while validating (errors prevent construction).
    pub warnings: Vec<Diagnostic>,
    ids: FxHashMap<String, usize>,
    node_spans: Vec<Span>,
    /// Per node, the spans of its `alt_dates` claims (empty for most).
    alt_spans: Vec<Vec<Span>>,
    relation_spans: Vec<Span>,
}

impl CoopGraph {
    /// Validates `data` and builds its graph. Fails with [`Error::Data`]
    /// (errors first, then warnings) when validation finds an error.
    pub fn new(data: Dataset) -> Result<CoopGraph> {
        let names = NameIndex::new(&data.nodes);
        let diags = crate::validate::validate_with(&data, &names);
        if diags.iter().any(Diagnostic::is_error) {
            return Err(Error::Data(diags));
        }
        let mut graph = DiGraph::with_capacity(data.nodes.len(), data.relations.len());
        let mut ids = FxHashMap::with_capacity_and_hasher(data.nodes.len(), Default::default());
        for (i, n) in data.nodes.iter().enumerate() {
            graph.add_node(i);
            ids.insert(n.id.clone(), i);
        }
        for (i, r) in data.relations.iter().enumerate() {
            graph.add_edge(NodeIndex::new(ids[&r.from]), NodeIndex::new(ids[&r.to]), i);
        }
        let node_spans = data
            .nodes
            .iter()
            .map(|n| Span::parse(&n.start, &n.end))
            .collect();
        let alt_spans = data
            .nodes
            .iter()
            .map(|n| {
                n.alt_dates
                    .iter()
                    .map(|c| Span::parse(&c.start, &c.end))
                    .collect()
            })
            .collect();
        let relation_spans = data
            .relations
            .iter()
            .map(|r| Span::parse(&r.start, &r.end))
            .collect();
        Ok(CoopGraph {
            names,
            data,
            graph,
            warnings: diags,
            ids,
            node_spans,
            alt_spans,
            relation_spans,
        })
    }

    /// The embedded dataset, as a graph.
    pub fn embedded() -> Result<CoopGraph> {
        CoopGraph::new(Dataset::embedded()?)
    }

    pub fn node(&self, i: usize) -> &Node {
        &self.data.nodes[i]
    }

    pub fn relation(&self, i: usize) -> &Relation {
        &self.data.relations[i]
    }

    pub fn node_span(&self, i: usize) -> &Span {
        &self.node_spans[i]
    }

    /// Spans of node `i`'s alternative date claims, in `alt_dates` order.
    pub fn alt_spans(&self, i: usize) -> &[Span] {
        &self.alt_spans[i]
    }

    pub fn relation_span(&self, i: usize) -> &Span {
        &self.relation_spans[i]
    }

    /// Index of the node with this exact id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.ids.get(id).copied()
    }

    /// Resolves a user's name (id, name or alias, any case or diacritics).
    pub fn resolve(&self, name: &str) -> Result<usize, ResolveError> {
        self.names.resolve(name)
    }

    /// Checks source ids (as `--source` and a report spec's `sources` give
    /// them) against the dataset's sources, with a "did you mean" for the
    /// first unknown one.
    ///
    /// ```
    /// let g = coopgraph::graph::CoopGraph::embedded().unwrap();
    /// assert!(g.check_sources(&["crime-en".into()]).is_ok());
    /// let e = g.check_sources(&["crime-se".into()]).unwrap_err().to_string();
    /// assert!(e.contains("did you mean \"crime-en\""));
    /// ```
    pub fn check_sources(&self, ids: &[String]) -> Result<()> {
        let known = || self.data.sources.iter().map(|s| s.id.as_str());
        let Some(id) = ids.iter().find(|id| !known().any(|k| k == id.as_str())) else {
            return Ok(());
        };
        let hint = known()
            .max_by(|a, b| {
                strsim::jaro_winkler(a, id)
                    .total_cmp(&strsim::jaro_winkler(b, id))
                    .then_with(|| b.cmp(a))
            })
            .map(|b| format!("; did you mean \"{b}\"?"))
            .unwrap_or_default();
        Err(Error::Usage(format!(
            "no source is called \"{id}\"{hint} (sources: {})",
            known().collect::<Vec<_>>().join(", ")
        )))
    }

    /// The node's name in `lang`: for Swedish, its first Swedish alias that is
    /// neither an acronym nor a former name, else the English name.
    pub fn display_name(&self, i: usize, lang: Lang) -> &str {
        let n = self.node(i);
        if lang == Lang::Sv
            && let Some(a) = n
                .aliases
                .iter()
                .find(|a| a.lang == Some(Lang::Sv) && !a.acronym && !a.former)
        {
            return &a.name;
        }
        &n.name
    }

    /// Every relation touching node `i`, outgoing first, each group in
    /// dataset order.
    pub fn incidents(&self, i: usize) -> Vec<Incident> {
        let ni = NodeIndex::new(i);
        let mut out = Vec::new();
        for direction in [Direction::Outgoing, Direction::Incoming] {
            let mut group: Vec<Incident> = self
                .graph
                .edges_directed(ni, direction)
                .map(|e| Incident {
                    relation: *e.weight(),
                    direction,
                    other: if direction == Direction::Outgoing {
                        e.target().index()
                    } else {
                        e.source().index()
                    },
                })
                .collect();
            group.sort_by_key(|inc| inc.relation);
            out.extend(group);
        }
        out
    }

    /// Weakly connected components, each a sorted list of node indices; the
    /// list is sorted by size (largest first), then by first node.
    pub fn components(&self) -> Vec<Vec<usize>> {
        let ends = self
            .graph
            .edge_indices()
            .filter_map(|e| self.graph.edge_endpoints(e));
        connected_components(
            self.graph.node_count(),
            ends.map(|(a, b)| (a.index(), b.index())),
        )
    }
}

/// Connected components of `n` nodes joined by `edges` (direction ignored),
/// each a sorted list of nodes; largest first, ties by first node. Union–find
/// from petgraph.
///
/// ```
/// let c = coopgraph::graph::connected_components(5, [(0, 1), (3, 4), (4, 3)]);
/// assert_eq!(c, vec![vec![0, 1], vec![3, 4], vec![2]]);
/// ```
pub fn connected_components(
    n: usize,
    edges: impl IntoIterator<Item = (usize, usize)>,
) -> Vec<Vec<usize>> {
    let mut uf = petgraph::unionfind::UnionFind::new(n);
    for (a, b) in edges {
        uf.union(a, b);
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        groups.entry(uf.find(i)).or_default().push(i);
    }
    let mut comps: Vec<Vec<usize>> = groups.into_values().collect();
    comps.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    comps
}
