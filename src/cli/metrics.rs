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
//! The JSON document is the library's [`coopgraph::metrics::Report`]
//! serialised; the library's [`Request`] decides the defaults.

use super::Unit;
use super::{Format, GlobalArgs, NetworkArgs, output};
use coopgraph::metrics::{Metric, MetricTable, Options, Report, Request};
use coopgraph::progress::Progress;
use itertools::Itertools;
use std::process::ExitCode;

/// Centralities, brokers and cores of every node.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Metrics to compute (comma-separated or repeated); default all.
    #[arg(long, value_enum, value_delimiter = ',')]
    pub metric: Vec<Metric>,
    /// Only the N highest by --sort.
    #[arg(long)]
    pub top: Option<usize>,
    /// Metric to rank by (descending); default the first metric.
    #[arg(long, value_enum)]
    pub sort: Option<Metric>,
    /// Approximate betweenness from K sampled sources.
    #[arg(long, value_name = "K", value_parser = super::at_least::<1>)]
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

pub fn run(global: &GlobalArgs, args: &Args) -> coopgraph::Result<ExitCode> {
    let g = global.graph()?;
    let net = args.network.network(global, g)?;
    let request = Request {
        metrics: args.metric.clone(),
        sort: args.sort,
        top: args.top,
        graph_measures: args.graph_measures.then_some(true),
        options: Options {
            samples: args.samples.map(|k| (k, args.seed)),
            ..Options::default()
        },
    };
    // Each metric on its own, to time it and show its progress.
    let wanted = request.computed();
    let mut values = Vec::new();
    for m in &wanted {
        let searched = Progress::default();
        let counted = Some((&searched, Unit::Sources));
        let v = global.time_counted(&format!("metric {}", m.as_str()), counted, || {
            coopgraph::metrics::metric_with(&net, *m, &request.options, Some(&searched))
        });
        values.push(v.map_err(coopgraph::analysis::QueryError::from)?);
    }
    let table = MetricTable {
        metrics: wanted,
        values,
    };
    let measures = request.wants_graph_measures().then(|| {
        global.time("graph measures", || {
            coopgraph::metrics::graph_measures(&net)
        })
    });
    let report = request.report(g, &net, &table, measures.as_ref(), global.lang());
    match global.format {
        Format::Json => output::json(&report)?,
        Format::Csv => output::csv(report.csv_records())?,
        Format::Table => output::text(&table_text(&report))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The report as a table: name, kind and each metric rounded, then the
/// network's measures.
fn table_text(report: &Report) -> String {
    let mut header = vec!["name", "kind"];
    header.extend(report.metrics.iter().map(|m| m.as_str()));
    let rows = report.rows.iter().map(|r| {
        [r.node.name.clone(), r.node.kind.clone()]
            .into_iter()
            .chain(r.rounded())
    });
    let mut out = format!("{} nodes, {} ties\n", report.nodes, report.ties);
    out.push_str(&output::table(&header, rows));
    if let Some(m) = &report.measures {
        out.push_str(&format!(
            "\ntransitivity {:.4}; {} connected component(s)\nbrokers whose removal splits the network: {}\nbridges (ties whose removal splits it): {}\n",
            m.transitivity,
            m.components,
            if m.articulation_points.is_empty() {
                "none".to_string()
            } else {
                m.articulation_points.iter().map(|r| &r.name).join("; ")
            },
            m.bridges.len()
        ));
    }
    out
}
