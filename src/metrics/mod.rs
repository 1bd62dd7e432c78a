//! Collaboration metrics on a [`Network`], one module per family of
//! algorithms (as NetworkX organises them), each citing what it implements:
//!
//! - `centrality`: degree, strength, betweenness, closeness, eigenvector;
//! - `pagerank`: PageRank;
//! - `clustering`: local clustering, transitivity;
//! - `structure`: k-core, components, articulation points, bridges;
//! - `community`: Leiden and Louvain communities with modularity.
//!
//! [`compute`] runs the requested node metrics and returns one
//! [`MetricTable`]; [`graph_measures`] measures the whole network. A
//! [`Request`] asks for both at once and answers with a ranked [`Report`],
//! the answer `coopgraph metrics` prints. Where ties carry weights,
//! strength, eigenvector and PageRank use them; betweenness and closeness
//! count hops.

mod answer;
pub mod centrality;
pub mod clustering;
pub mod community;
pub(crate) mod error;
pub mod pagerank;
pub mod structure;

use crate::network::Network;
use serde::Serialize;

pub use answer::{Measures, Report, Request, Row, ranked};
pub use error::Error;

/// The node metrics, in the order of the CSV columns.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    serde::Deserialize,
    strum::IntoStaticStr,
    strum::VariantArray,
    strum::EnumCount,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Metric {
    Degree,
    Strength,
    Betweenness,
    Closeness,
    Eigenvector,
    Pagerank,
    Clustering,
    Core,
}

impl Metric {
    /// Every metric, in the order of the CSV columns.
    pub const ALL: [Metric; <Metric as strum::EnumCount>::COUNT] =
        crate::model::variants(<Metric as strum::VariantArray>::VARIANTS);

    /// The CSV column name.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// Options of the metrics that have any.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Betweenness from k sampled sources with this seed, instead of all.
    pub samples: Option<(usize, u64)>,
    pub damping: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            samples: None,
            damping: 0.85,
        }
    }
}

/// Node metrics: columns in `metrics` order, one value per network node.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricTable {
    pub metrics: Vec<Metric>,
    /// `values[m][i]`: metric `metrics[m]` of network node `i`.
    pub values: Vec<Vec<f64>>,
}

impl MetricTable {
    pub fn get(&self, metric: Metric) -> Option<&[f64]> {
        self.metrics
            .iter()
            .position(|m| *m == metric)
            .map(|i| self.values[i].as_slice())
    }
}

/// Measures of the whole network.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GraphMeasures {
    pub transitivity: f64,
    pub components: usize,
    /// Network node indices of the brokers whose removal splits the network.
    pub articulation_points: Vec<usize>,
    /// Ties whose removal splits the network, as network node indices.
    pub bridges: Vec<(usize, usize)>,
}

/// One node metric.
pub fn metric(net: &Network, m: Metric, opts: &Options) -> Result<Vec<f64>, Error> {
    metric_with(net, m, opts, None)
}

/// One node metric, counting into `progress` the sources searched by the
/// metrics that search from every node (betweenness, closeness).
pub fn metric_with(
    net: &Network,
    m: Metric,
    opts: &Options,
    progress: Option<&crate::progress::Progress>,
) -> Result<Vec<f64>, Error> {
    Ok(match m {
        Metric::Degree => centrality::degree(net),
        Metric::Strength => centrality::strength(net),
        Metric::Betweenness => centrality::betweenness_with(net, opts.samples, progress)?,
        Metric::Closeness => centrality::closeness_with(net, progress),
        Metric::Eigenvector => centrality::eigenvector(net)?,
        Metric::Pagerank => pagerank::pagerank(net, opts.damping, 1e-10, 10_000)?,
        Metric::Clustering => clustering::clustering(net),
        Metric::Core => structure::core_number(net)
            .into_iter()
            .map(|c| c as f64)
            .collect(),
    })
}

/// Computes `metrics` (deduplicated, in the order given).
pub fn compute(net: &Network, metrics: &[Metric], opts: &Options) -> Result<MetricTable, Error> {
    let mut wanted: Vec<Metric> = Vec::new();
    for m in metrics {
        if !wanted.contains(m) {
            wanted.push(*m);
        }
    }
    let values = wanted
        .iter()
        .map(|m| metric(net, *m, opts))
        .collect::<Result<Vec<_>, Error>>()?;
    Ok(MetricTable {
        metrics: wanted,
        values,
    })
}

/// Transitivity, components, articulation points and bridges.
pub fn graph_measures(net: &Network) -> GraphMeasures {
    let comps = structure::components(net);
    GraphMeasures {
        transitivity: clustering::transitivity(net),
        components: comps.iter().copied().max().map_or(0, |c| c + 1),
        articulation_points: structure::articulation_points(net),
        bridges: structure::bridges(net),
    }
}
