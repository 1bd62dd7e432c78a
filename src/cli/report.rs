//! coopgraph report — the main job: every figure and table of a report spec
//! (by default `data/report.toml`, embedded) from the dataset (by default the
//! embedded one), written into DIR with an `index.html` that shows each
//! figure with its caption and table, a `report.md`, and `explorer.html`
//! (the interactive explorer of the whole graph, linked from the index).
//!
//! The files are written atomically as a set: every one is checked, then
//! written to a temporary file beside its target, and only then are they
//! renamed into place (see `coopgraph::write::atomic_set`). An existing DIR
//! is reused: the report's own files are replaced, nothing else in DIR is
//! touched. DIR cannot be `-` (stdout). Two runs with the same inputs and --as-of give
//! byte-identical files.
//!
//! Usage: coopgraph report [-o DIR] [--spec FILE] [--engine auto|graphviz|builtin]
//!        [--graphviz-timeout SECONDS] [--as-of DATE] [--png] [--pdf] [--bare]
//!
//! Graphviz gets --graphviz-timeout seconds (default 60) per figure; past
//! them it is stopped, and the built-in layout draws the figure (with
//! --engine graphviz, the report fails instead).

use super::figure;
use super::{EngineArgs, GlobalArgs, timeline::today};
use coopgraph::Error;
use coopgraph::date::PartialDate;
use coopgraph::report::{self, spec::ReportSpec};
use std::path::PathBuf;
use std::process::ExitCode;

/// Write the report: figures, tables, index.html, report.md and explorer.html.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Directory to write into (created if missing).
    #[arg(
        short = 'o',
        long = "output",
        value_name = "DIR",
        default_value = "report"
    )]
    pub output: PathBuf,
    /// Report spec (TOML) instead of the embedded data/report.toml.
    #[arg(long, value_name = "FILE")]
    pub spec: Option<PathBuf>,
    #[command(flatten)]
    pub engine: EngineArgs,
    /// Date the timelines' statuses refer to; default today.
    #[arg(long, value_name = "DATE", value_parser = super::parse_date)]
    pub as_of: Option<PartialDate>,
    /// Also write a PNG beside each SVG figure.
    #[arg(long)]
    pub png: bool,
    /// Also write a PDF beside each SVG figure (vector, fonts embedded).
    #[arg(long)]
    pub pdf: bool,
    /// Figures without their painted title, subtitle and caption (index.html
    /// and report.md still give them).
    #[arg(long)]
    pub bare: bool,
}

pub fn run(global: &GlobalArgs, args: &Args) -> coopgraph::Result<ExitCode> {
    if super::is_stdout(&args.output) {
        return Err(super::no_folder_on_stdout("report"));
    }
    let spec_input: Vec<(&str, &std::path::Path)> =
        args.spec.iter().map(|s| ("--spec", s.as_path())).collect();
    global.guard_inputs(&args.output, &spec_input)?;
    let spec = match &args.spec {
        None => ReportSpec::default_spec()?,
        Some(path) => {
            let limit = report::spec::MAX_SIZE as u64;
            let text = coopgraph::load::read_text(path, limit).map_err(|e| match e {
                Error::TooLarge { path, limit } => Error::Usage(format!(
                    "{} is larger than {limit} bytes, the limit for a report spec",
                    path.display()
                )),
                e => e,
            })?;
            ReportSpec::parse(&path.display().to_string(), &text)?
        }
    };
    let g = global.graph()?;
    let opts = report::Options {
        renderer: args.engine.engine,
        lang: global.lang(),
        as_of: args
            .as_of
            .as_ref()
            .map_or_else(today, PartialDate::earliest),
        data: global.data_label(),
        graphviz_timeout: args.engine.timeout(),
        bare: args.bare,
        also: [(args.png, "PNG", "png"), (args.pdf, "PDF", "pdf")]
            .into_iter()
            .filter(|(on, ..)| *on)
            .map(|(_, label, ext)| (label.to_string(), ext.to_string()))
            .collect(),
    };
    let built = global.time("build", || report::build(g, &spec, &opts))?;
    let mut files = built.files;
    let mut converted = Vec::new();
    for f in files.iter().filter(|f| f.path.ends_with(".svg")) {
        let svg = String::from_utf8_lossy(&f.bytes);
        let stem = f.path.trim_end_matches(".svg");
        if args.png {
            converted.push(report::OutputFile {
                path: format!("{stem}.png"),
                bytes: global.time("png", || figure::png(&svg))?,
            });
        }
        if args.pdf {
            converted.push(report::OutputFile {
                path: format!("{stem}.pdf"),
                bytes: global.time("pdf", || figure::pdf(&svg))?,
            });
        }
    }
    files.extend(converted);
    // Check every target before writing any, then write them as a set, so
    // that a refusal or a failure leaves DIR as it was.
    let targets: Vec<PathBuf> = files.iter().map(|f| args.output.join(&f.path)).collect();
    for t in &targets {
        global.guard_inputs(t, &spec_input)?;
    }
    coopgraph::write::create_dir(&args.output)?;
    let set: Vec<(PathBuf, &[u8])> = targets
        .into_iter()
        .zip(&files)
        .map(|(t, f)| (t, f.bytes.as_slice()))
        .collect();
    coopgraph::write::atomic_set(&set, true)?;
    if !global.quiet {
        let engine = if built.engines.is_empty() {
            "no network figure".to_string()
        } else {
            built.engines.iter().cloned().collect::<Vec<_>>().join(", ")
        };
        eprintln!(
            "wrote {} files to {} (network figures drawn by: {engine}); open {}",
            files.len(),
            super::output::path(&args.output),
            super::output::path(&args.output.join("index.html"))
        );
    }
    Ok(ExitCode::SUCCESS)
}
