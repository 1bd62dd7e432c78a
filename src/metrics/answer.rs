//! The metrics question and its answer: [`Request`] says which node metrics,
//! ranked by which, how many rows and whether to measure the whole network;
//! [`Report`] is the ranked rows with each node's id, name, kind and values,
//! plus the network's measures. `coopgraph metrics` prints a `Report` (its
//! JSON document is the `Report` serialised), and the report's tables are
//! built from one.
//!
//! ```
//! use coopgraph::metrics::{Metric, Request};
//! use coopgraph::model::Lang;
//! use coopgraph::network::{Network, ViewKind, WeightBy};
//! use coopgraph::{graph::CoopGraph, view::View};
//! let g = CoopGraph::embedded().unwrap();
//! let net = Network::of_view(&View::full(&g), ViewKind::Full, WeightBy::Shared, &[]);
//! let request = Request {
//!     metrics: vec![Metric::Degree, Metric::Pagerank],
//!     sort: Some(Metric::Pagerank),
//!     top: Some(5),
//!     ..Request::default()
//! };
//! let report = request.run(&g, &net, Lang::EN).unwrap();
//! assert_eq!(report.rows.len(), 5);
//! assert_eq!(report.rows[0].node.id, "swedish-migration-agency");
//! let pr = |r: &coopgraph::metrics::Row| r.get(Metric::Pagerank).unwrap();
//! assert!(pr(&report.rows[0]) >= pr(&report.rows[1]));
//! // Metrics were named, so the whole-network measures are left out.
//! assert!(report.measures.is_none());
//! // The CSV layout: id, name, kind, then one column per metric.
//! assert_eq!(report.csv_records()[0], ["id", "name", "kind", "degree", "pagerank"]);
//! ```

use super::{GraphMeasures, Metric, MetricTable, Options};
use crate::analysis::{NodeRef, QueryError};
use crate::graph::CoopGraph;
use crate::model::Lang;
use crate::network::Network;
use serde::Serialize;
use serde::ser::SerializeMap;
use std::collections::BTreeMap;

/// Which node metrics to compute and how to rank and cut the rows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Request {
    /// The metrics to show, in this order; empty means all of them. The
    /// metric ranked by is shown after them when it is not among them.
    pub metrics: Vec<Metric>,
    /// The metric the rows are ranked by (highest first); by default the
    /// first metric shown.
    pub sort: Option<Metric>,
    /// Only this many rows (the highest); by default every node.
    pub top: Option<usize>,
    /// Whether to measure the whole network (transitivity, components,
    /// articulation points, bridges); by default only when no metrics are
    /// named.
    pub graph_measures: Option<bool>,
    /// Options of the metrics (betweenness sample, damping).
    pub options: Options,
}

impl Request {
    /// The metrics asked for: those named, or all of them (the answer also
    /// shows the one ranked by: see [`Request::computed`]).
    pub fn shown(&self) -> Vec<Metric> {
        if self.metrics.is_empty() {
            Metric::ALL.to_vec()
        } else {
            self.metrics.clone()
        }
    }

    /// The metric the rows are ranked by.
    pub fn sort_metric(&self) -> Metric {
        self.sort.unwrap_or_else(|| self.shown()[0])
    }

    /// The metrics to compute and show in the answer: those asked for, and
    /// the one ranked by (after them).
    pub fn computed(&self) -> Vec<Metric> {
        let mut wanted = self.shown();
        let sort = self.sort_metric();
        if !wanted.contains(&sort) {
            wanted.push(sort);
        }
        wanted
    }

    /// Whether the whole network is measured.
    pub fn wants_graph_measures(&self) -> bool {
        self.graph_measures.unwrap_or(self.metrics.is_empty())
    }

    /// Computes the metrics and measures of `net` (whose nodes are nodes of
    /// `g`) and ranks its nodes.
    pub fn run(&self, g: &CoopGraph, net: &Network, lang: Lang) -> Result<Report, QueryError> {
        let table = super::compute(net, &self.computed(), &self.options)?;
        let measures = self
            .wants_graph_measures()
            .then(|| super::graph_measures(net));
        Ok(self.report(g, net, &table, measures.as_ref(), lang))
    }

    /// The answer from metrics already computed (`table` must hold every
    /// metric of [`Request::computed`]): for callers that compute them one
    /// by one, to time or follow each.
    pub fn report(
        &self,
        g: &CoopGraph,
        net: &Network,
        table: &MetricTable,
        measures: Option<&GraphMeasures>,
        lang: Lang,
    ) -> Report {
        // The metric ranked by is shown too, after those asked for.
        let metrics = self.computed();
        let nref = |i: usize| NodeRef::new(g, net.nodes[i], lang);
        let mut order = ranked(g, net, table, self.sort_metric(), lang);
        if let Some(n) = self.top {
            order.truncate(n);
        }
        let cols: Vec<&[f64]> = metrics
            .iter()
            .map(|m| table.get(*m).expect("every metric shown is computed"))
            .collect();
        let rows = order
            .iter()
            .map(|&i| Row {
                node: nref(i),
                values: metrics.iter().zip(&cols).map(|(m, c)| (*m, c[i])).collect(),
            })
            .collect();
        Report {
            nodes: net.node_count(),
            ties: net.edge_count(),
            metrics,
            rows,
            measures: measures.map(|m| Measures {
                transitivity: m.transitivity,
                components: m.components,
                articulation_points: m.articulation_points.iter().map(|&i| nref(i)).collect(),
                bridges: m.bridges.iter().map(|&(a, b)| [nref(a), nref(b)]).collect(),
            }),
        }
    }
}

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

/// The ranked node metrics of a network, and its measures when asked for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Nodes and ties of the network measured.
    pub nodes: usize,
    pub ties: usize,
    /// The metrics of each row, in column order: those asked for, then the
    /// one ranked by if it was not among them.
    pub metrics: Vec<Metric>,
    /// One row per node, ranked, cut to the requested top.
    pub rows: Vec<Row>,
    /// The whole network's measures (serialised as top-level fields).
    #[serde(flatten)]
    pub measures: Option<Measures>,
}

/// Measures of the whole network, with nodes by reference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Measures {
    pub transitivity: f64,
    pub components: usize,
    /// Brokers whose removal splits the network.
    pub articulation_points: Vec<NodeRef>,
    /// Ties whose removal splits the network.
    pub bridges: Vec<[NodeRef; 2]>,
}

/// One node's metrics. Serialised as one object: `id`, `name`, `kind` and
/// each metric by its name (keys in alphabetical order; a value that is not
/// a number, as `null`).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub node: NodeRef,
    /// Each metric shown, in [`Report::metrics`] order, with its value.
    pub values: Vec<(Metric, f64)>,
}

impl Row {
    /// The value of `metric`, if it is shown.
    pub fn get(&self, metric: Metric) -> Option<f64> {
        self.values.iter().find(|(m, _)| *m == metric).map(|v| v.1)
    }

    /// The values as a table shows them: whole numbers (counts such as
    /// degree and core, and whole strengths) without decimals, `137` and not
    /// `137.0000`; the others to four decimals.
    pub fn rounded(&self) -> impl Iterator<Item = String> + '_ {
        self.values.iter().map(|&(_, v)| {
            if v.is_finite() && v.fract() == 0.0 {
                format!("{}", v + 0.0)
            } else {
                format!("{v:.4}")
            }
        })
    }
}

impl Serialize for Row {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        #[serde(untagged)]
        enum Cell<'a> {
            Text(&'a str),
            Number(f64),
        }
        let mut cells: BTreeMap<&str, Cell> = BTreeMap::new();
        cells.insert("id", Cell::Text(&self.node.id));
        cells.insert("name", Cell::Text(&self.node.name));
        cells.insert("kind", Cell::Text(&self.node.kind));
        for &(m, v) in &self.values {
            cells.insert(m.as_str(), Cell::Number(v));
        }
        let mut map = s.serialize_map(Some(cells.len()))?;
        for (k, v) in &cells {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl Report {
    /// CSV records, header first: `id,name,kind` and one column per metric.
    /// Values are written in full precision (Rust's shortest round-tripping
    /// form).
    pub fn csv_records(&self) -> Vec<Vec<String>> {
        let header = ["id", "name", "kind"]
            .into_iter()
            .map(String::from)
            .chain(self.metrics.iter().map(|m| m.as_str().to_string()))
            .collect();
        let rows = self.rows.iter().map(|r| {
            [r.node.id.clone(), r.node.name.clone(), r.node.kind.clone()]
                .into_iter()
                .chain(r.values.iter().map(|(_, v)| v.to_string()))
                .collect()
        });
        std::iter::once(header).chain(rows).collect()
    }
}
