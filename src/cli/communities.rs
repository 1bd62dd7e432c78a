//! coopgraph communities — groups of nodes more tied to each other than to
//! the rest (Leiden or Louvain), with each community's members and the
//! partition's modularity.
//!
//! Usage: coopgraph communities [--method leiden|louvain] [--resolution R]
//!        [--seed S] [--view full|actors] [--weight shared|years] [selection]
//!        [--format table|csv|json]
//!
//! The JSON document is the library's
//! [`coopgraph::metrics::community::Communities`] serialised.

use super::{Format, GlobalArgs, NetworkArgs, output};
use clap::ValueEnum;
use coopgraph::metrics::community::{Method, Request};
use itertools::Itertools;
use std::process::ExitCode;

/// Communities and modularity.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long, value_enum, default_value_t = Method::Leiden)]
    pub method: Method,
    /// Higher values give more, smaller communities.
    #[arg(long, default_value_t = 1.0, value_parser = positive, allow_negative_numbers = true)]
    pub resolution: f64,
    /// Seed of the randomised search (same seed, same result).
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    #[command(flatten)]
    pub network: NetworkArgs,
}

/// A finite number above zero.
fn positive(s: &str) -> Result<f64, String> {
    s.parse::<f64>()
        .ok()
        .filter(|x| x.is_finite() && *x > 0.0)
        .ok_or_else(|| format!("`{s}` is not a positive number"))
}

pub fn run(global: &GlobalArgs, args: &Args) -> coopgraph::Result<ExitCode> {
    let g = global.graph()?;
    let net = args.network.network(global, g)?;
    let request = Request {
        method: args.method,
        resolution: args.resolution,
        seed: args.seed,
    };
    let report = global.time("communities", || request.run(g, &net, global.lang()))?;
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
                // The method as the command line names it.
                args.method
                    .to_possible_value()
                    .map_or_else(String::new, |v| v.get_name().to_string()),
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
