//! coopgraph metrics — degree, strength, betweenness, closeness, eigenvector,
//! PageRank, clustering and k-core of every node, plus transitivity,
//! components, articulation points and bridges, on the full graph or the
//! actors projection.
//!
//! Usage: coopgraph metrics [--metric NAME,…] [--top N] [--sort METRIC]
//!        [--samples K --seed S] [--view full|actors] [--weight shared|years]
//!        [--kind K] [--relation R] [--from Y --to Y] [--ego NAME --depth N]
//!        [--format table|csv|json]
//!
//! CSV columns: id, name, kind, then one column per metric named degree,
//! strength, betweenness, closeness, eigenvector, pagerank, clustering, core.

use super::Unit;
use super::{Format, GlobalArgs, NetworkArgs, output};
use clap::ValueEnum;
use coopgraph::analysis::NodeRef;
use coopgraph::analysis::ranking::{csv_records, ranked};
use coopgraph::metrics::{Metric, MetricTable, Options};
use coopgraph::progress::Progress;
use itertools::Itertools;
use serde::Serialize;
use serde_json::{Map, Value};
use std::process::ExitCode;

/// Centralities, brokers and cores of every node.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Metrics to compute (comma-separated or repeated); default all.
    #[arg(long, value_enum, value_delimiter = ',')]
    pub metric: Vec<MetricArg>,
    /// Only the N highest by --sort.
    #[arg(long)]
    pub top: Option<usize>,
    /// Metric to rank by (descending); default the first metric.
    #[arg(long, value_enum)]
    pub sort: Option<MetricArg>,
    /// Approximate betweenness from K sampled sources.
    #[arg(long, value_name = "K")]
    pub samples: Option<usize>,
    /// Also compute transitivity, components, articulation points and bridges
    /// (the default when no --metric is given).
    #[arg(long)]
    pub graph_measures: bool,
    /// Seed of the betweenness sample.
    #[arg(long, default_value_t = 42, requires = "samples")]
    pub seed: u64,
    #[command(flatten)]
    pub network: NetworkArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetricArg(pub Metric);

impl ValueEnum for MetricArg {
    fn value_variants<'a>() -> &'a [Self] {
        const ALL: [MetricArg; 8] = [
            MetricArg(Metric::Degree),
            MetricArg(Metric::Strength),
            MetricArg(Metric::Betweenness),
            MetricArg(Metric::Closeness),
            MetricArg(Metric::Eigenvector),
            MetricArg(Metric::Pagerank),
            MetricArg(Metric::Clustering),
            MetricArg(Metric::Core),
        ];
        &ALL
    }
    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.0.as_str()))
    }
}

#[derive(Serialize)]
struct Report {
    nodes: usize,
    ties: usize,
    metrics: Vec<Metric>,
    /// One object per node: id, name, kind and each metric.
    rows: Vec<Map<String, Value>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    transitivity: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    components: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    articulation_points: Option<Vec<NodeRef>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bridges: Option<Vec<[NodeRef; 2]>>,
}

fn number(x: f64) -> Value {
    serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
}

pub fn run(global: &GlobalArgs, args: &Args) -> coopgraph::Result<ExitCode> {
    let g = global.graph()?;
    let net = args.network.network(global, g)?;
    let metrics: Vec<Metric> = if args.metric.is_empty() {
        Metric::ALL.to_vec()
    } else {
        args.metric.iter().map(|m| m.0).collect()
    };
    let sort = args.sort.map_or(metrics[0], |s| s.0);
    let mut wanted = metrics.clone();
    if !wanted.contains(&sort) {
        wanted.push(sort);
    }
    let opts = Options {
        samples: args.samples.map(|k| (k, args.seed)),
        ..Options::default()
    };
    let mut values = Vec::new();
    for m in &wanted {
        let searched = Progress::default();
        let counted = Some((&searched, Unit::Sources));
        let v = global.time_counted(&format!("metric {}", m.as_str()), counted, || {
            coopgraph::metrics::metric_with(&net, *m, &opts, Some(&searched))
        });
        values.push(v.map_err(|e| coopgraph::Error::Usage(e.to_string()))?);
    }
    let table = MetricTable {
        metrics: wanted,
        values,
    };
    let measures = (args.metric.is_empty() || args.graph_measures).then(|| {
        global.time("graph measures", || {
            coopgraph::metrics::graph_measures(&net)
        })
    });
    let lang = global.lang();
    let nref = |i: usize| NodeRef::new(g, net.nodes[i], lang);
    let mut order = ranked(g, &net, &table, sort, lang);
    if let Some(n) = args.top {
        order.truncate(n);
    }
    let cols: Vec<&[f64]> = metrics
        .iter()
        .map(|m| table.get(*m).expect("computed"))
        .collect();
    match global.format {
        Format::Json => {
            let rows = order
                .iter()
                .map(|&i| {
                    let r = nref(i);
                    let mut m = Map::new();
                    m.insert("id".into(), Value::String(r.id));
                    m.insert("name".into(), Value::String(r.name));
                    m.insert("kind".into(), Value::String(r.kind));
                    for (metric, col) in metrics.iter().zip(&cols) {
                        m.insert(metric.as_str().into(), number(col[i]));
                    }
                    m
                })
                .collect();
            output::json(&Report {
                nodes: net.node_count(),
                ties: net.edge_count(),
                metrics: metrics.clone(),
                rows,
                transitivity: measures.as_ref().map(|m| m.transitivity),
                components: measures.as_ref().map(|m| m.components),
                articulation_points: measures
                    .as_ref()
                    .map(|m| m.articulation_points.iter().map(|&i| nref(i)).collect()),
                bridges: measures
                    .as_ref()
                    .map(|m| m.bridges.iter().map(|&(a, b)| [nref(a), nref(b)]).collect()),
            })?;
        }
        Format::Csv => {
            output::csv(csv_records(g, &net, &table, &metrics, &order, lang))?;
        }
        Format::Table => {
            let mut header = vec!["name", "kind"];
            header.extend(metrics.iter().map(|m| m.as_str()));
            let rows = order.iter().map(|&i| {
                let r = nref(i);
                let mut row = vec![r.name, r.kind];
                for (m, c) in metrics.iter().zip(&cols) {
                    row.push(match m {
                        Metric::Degree | Metric::Core => format!("{}", c[i]),
                        _ => format!("{:.4}", c[i]),
                    });
                }
                row
            });
            let mut out = format!("{} nodes, {} ties\n", net.node_count(), net.edge_count());
            out.push_str(&output::table(&header, rows));
            if let Some(m) = &measures {
                out.push_str(&format!(
                    "\ntransitivity {:.4}; {} connected component(s)\nbrokers whose removal splits the network: {}\nbridges (ties whose removal splits it): {}\n",
                    m.transitivity,
                    m.components,
                    if m.articulation_points.is_empty() {
                        "none".to_string()
                    } else {
                        m.articulation_points.iter().map(|&i| nref(i).name).join("; ")
                    },
                    m.bridges.len()
                ));
            }
            output::text(&out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
