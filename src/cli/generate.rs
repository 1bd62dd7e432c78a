//! coopgraph generate — writes a synthetic cooperation dataset shaped like EU
//! project participation (heavy-tailed participation, a lead per project,
//! funds, dates), for benchmarks and trials at scale. Same arguments, same
//! file.
//!
//! Usage: coopgraph generate --orgs N --projects M [--seed S]
//!        [--mean-partners F] [--format csv] -o FILE [--force]

use super::GlobalArgs;
use coopgraph::generate::{Spec, generate};
use std::path::PathBuf;
use std::process::ExitCode;

/// Write a synthetic dataset for benchmarks.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Number of organisations and agencies (at most 10000000).
    #[arg(long, value_parser = super::between::<0, { coopgraph::generate::MAX_ORGS }>)]
    pub orgs: usize,
    /// Number of projects (at most 10000000; with --mean-partners, about
    /// 100 million relations at most).
    #[arg(long, value_parser = super::between::<0, { coopgraph::generate::MAX_PROJECTS }>)]
    pub projects: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Mean number of partners per project besides the lead (0 to 10000).
    #[arg(long, default_value_t = 22.0, value_parser = mean_partners, allow_negative_numbers = true)]
    pub mean_partners: f64,
    /// Output file (`-` for stdout): a dataset JSON file, or with the
    /// global `--format csv` a CSV edge list
    /// (`source,target,relation,start,end`).
    #[arg(short, long)]
    pub output: PathBuf,

    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// A number from 0 to `MAX_MEAN_PARTNERS`.
fn mean_partners(s: &str) -> Result<f64, String> {
    let max = coopgraph::generate::MAX_MEAN_PARTNERS;
    s.parse::<f64>()
        .ok()
        .filter(|x| (0.0..=max as f64).contains(x))
        .ok_or_else(|| format!("`{s}` is not a number from 0 to {max}"))
}

pub fn run(global: &GlobalArgs, args: &Args) -> coopgraph::Result<ExitCode> {
    // The same check as every output file: by canonical path, so that
    // `./x.json` or a file inside a --data directory is refused too.
    global.guard_input(&args.output)?;
    let data = generate(&Spec {
        orgs: args.orgs,
        projects: args.projects,
        mean_partners: args.mean_partners,
        seed: args.seed,
    })?;
    // `--format csv` (the global option) writes an edge list; anything
    // else, the dataset JSON.
    let csv = global.format == super::Format::Csv;
    global.write_to(&args.output, args.force, &[], |w| {
        if csv {
            coopgraph::generate::write_edge_list(&data, w)
        } else {
            serde_json::to_writer(&mut *w, &data).map_err(std::io::Error::from)?;
            w.write_all(b"\n")
        }
    })?;
    let to = if super::is_stdout(&args.output) {
        "stdout".to_string()
    } else {
        super::output::path(&args.output)
    };
    eprintln!(
        "wrote {to}: {} nodes, {} relations",
        data.nodes.len(),
        data.relations.len()
    );
    Ok(ExitCode::SUCCESS)
}
