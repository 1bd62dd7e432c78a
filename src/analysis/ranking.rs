//! Node metrics as ranked rows: the one ordering and the one CSV layout that
//! `coopgraph metrics` and the report's tables share.
//!
//! ```
//! use coopgraph::analysis::ranking::{csv_records, ranked};
//! use coopgraph::metrics::{Metric, Options, compute};
//! use coopgraph::model::Lang;
//! use coopgraph::network::{Network, ViewKind, WeightBy};
//! use coopgraph::{graph::CoopGraph, view::View};
//! let g = CoopGraph::embedded().unwrap();
//! let net = Network::of_view(&View::full(&g), ViewKind::Full, WeightBy::Shared, &[]);
//! let table = compute(&net, &[Metric::Degree], &Options::default()).unwrap();
//! let order = ranked(&g, &net, &table, Metric::Degree, Lang::En);
//! let rows = csv_records(&g, &net, &table, &[Metric::Degree], &order, Lang::En);
//! assert_eq!(rows[0], ["id", "name", "kind", "degree"]);
//! assert_eq!(rows.len(), net.node_count() + 1);
//! ```

use super::NodeRef;
use crate::graph::CoopGraph;
use crate::metrics::{Metric, MetricTable};
use crate::model::Lang;
use crate::network::Network;

/// Network node indices by `sort`, highest first; ties by name, then id.
pub fn ranked(
    g: &CoopGraph,
    net: &Network,
    table: &MetricTable,
    sort: Metric,
    lang: Lang,
) -> Vec<usize> {
    let key = table.get(sort).unwrap_or(&[]);
    let name = |i: usize| (g.display_name(net.nodes[i], lang), &g.node(net.nodes[i]).id);
    let mut order: Vec<usize> = (0..net.node_count()).collect();
    order.sort_by(|&a, &b| {
        let (ka, kb) = (key.get(a).copied(), key.get(b).copied());
        kb.unwrap_or(f64::NEG_INFINITY)
            .total_cmp(&ka.unwrap_or(f64::NEG_INFINITY))
            .then_with(|| name(a).cmp(&name(b)))
    });
    order
}

/// CSV records, header first: `id,name,kind` and one column per metric, in
/// `order`. Values are written in full precision (Rust's shortest
/// round-tripping form).
pub fn csv_records(
    g: &CoopGraph,
    net: &Network,
    table: &MetricTable,
    metrics: &[Metric],
    order: &[usize],
    lang: Lang,
) -> Vec<Vec<String>> {
    let header = ["id", "name", "kind"]
        .into_iter()
        .map(String::from)
        .chain(metrics.iter().map(|m| m.as_str().to_string()))
        .collect();
    let cols: Vec<&[f64]> = metrics.iter().filter_map(|m| table.get(*m)).collect();
    let rows = order.iter().map(|&i| {
        let r = NodeRef::new(g, net.nodes[i], lang);
        [r.id, r.name, r.kind]
            .into_iter()
            .chain(cols.iter().map(|c| c[i].to_string()))
            .collect()
    });
    std::iter::once(header).chain(rows).collect()
}
