//! coopgraph communities — groups of nodes more tied to each other than to
//! the rest (Leiden or Louvain), with each community's members and the
//! partition's modularity.
//!
//! Usage: coopgraph communities [--method leiden|louvain] [--resolution R]
//!        [--seed S] [--view full|actors] [--weight shared|years] [selection]
//!        [--format table|csv|json]

use super::{Format, GlobalArgs, NetworkArgs, output};
use coopgraph::analysis::NodeRef;
use coopgraph::metrics::community::{Method, communities};
use itertools::Itertools;
use serde::Serialize;
use std::process::ExitCode;

/// Communities and modularity.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long, value_enum, default_value_t = MethodArg::Leiden)]
    pub method: MethodArg,
    /// Higher values give more, smaller communities.
    #[arg(long, default_value_t = 1.0)]
    pub resolution: f64,
    /// Seed of the randomised search (same seed, same result).
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    #[command(flatten)]
    pub network: NetworkArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MethodArg {
    Leiden,
    Louvain,
}

#[derive(Serialize)]
struct Community {
    community: usize,
    size: usize,
    members: Vec<NodeRef>,
}

#[derive(Serialize)]
struct Report {
    method: &'static str,
    resolution: f64,
    seed: u64,
    modularity: f64,
    communities: Vec<Community>,
}

pub fn run(global: &GlobalArgs, args: &Args) -> coopgraph::Result<ExitCode> {
    let g = global.graph()?;
    let net = args.network.network(global, g)?;
    let method = match args.method {
        MethodArg::Leiden => Method::Leiden,
        MethodArg::Louvain => Method::Louvain,
    };
    let p = global
        .time("communities", || {
            communities(&net, method, args.resolution, args.seed)
        })
        .map_err(|e| coopgraph::Error::Usage(e.to_string()))?;
    let lang = global.lang();
    let mut comms: Vec<Community> = (0..p.count)
        .map(|c| Community {
            community: c + 1,
            size: 0,
            members: Vec::new(),
        })
        .collect();
    for (i, &c) in p.membership.iter().enumerate() {
        comms[c].members.push(NodeRef::new(g, net.nodes[i], lang));
    }
    for c in &mut comms {
        c.members
            .sort_by(|a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
        c.size = c.members.len();
    }
    let report = Report {
        method: if method == Method::Leiden {
            "leiden"
        } else {
            "louvain"
        },
        resolution: args.resolution,
        seed: args.seed,
        modularity: p.modularity,
        communities: comms,
    };
    match global.format {
        Format::Json => output::json(&report)?,
        Format::Csv => {
            let header = ["id", "name", "kind", "community"].map(String::from);
            let rows = report.communities.iter().flat_map(|c| {
                c.members.iter().map(move |m| {
                    [
                        m.id.clone(),
                        m.name.clone(),
                        m.kind.clone(),
                        c.community.to_string(),
                    ]
                })
            });
            output::csv(std::iter::once(header).chain(rows))?;
        }
        Format::Table => {
            let mut out = format!(
                "{} communities ({}, resolution {}, seed {}), modularity {:.4}\n",
                report.communities.len(),
                report.method,
                report.resolution,
                report.seed,
                report.modularity
            );
            // A table is for reading: the largest communities, each with its
            // first members (JSON and CSV list every member).
            const ROWS: usize = 50;
            const NAMES: usize = 12;
            out.push_str(&output::table(
                &["community", "size", "members"],
                report.communities.iter().take(ROWS).map(|c| {
                    let mut names = c.members.iter().take(NAMES).map(|m| &m.name).join("; ");
                    if c.size > NAMES {
                        names.push_str(&format!("; … and {} more", c.size - NAMES));
                    }
                    [c.community.to_string(), c.size.to_string(), names]
                }),
            ));
            if report.communities.len() > ROWS {
                out.push_str(&format!(
                    "… and {} smaller communities (see --format csv or json)\n",
                    report.communities.len() - ROWS
                ));
            }
            output::text(&out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
