//! coopgraph validate [--strict] — checks the dataset and lists every error
//! and warning, each with its file:line:column, the node or relation, and the
//! sources concerned.
//!
//! Exit status: 2 when there are errors (or warnings, with --strict), else 0.
//! With --format json, one document on stdout:
//! `{"valid", "errors", "warnings", "diagnostics": [...]}`, the library's
//! [`coopgraph::validate::Report`] serialised.

use super::{Format, GlobalArgs, output};
use coopgraph::Error;
use coopgraph::validate::Report;
use std::process::ExitCode;

/// Check the dataset: errors and warnings with their places and sources.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Treat warnings as errors (exit status 2).
    #[arg(long)]
    pub strict: bool,
}

pub fn run(global: &GlobalArgs, args: &Args) -> coopgraph::Result<ExitCode> {
    let report = match global.load() {
        Ok(ds) => global.time("validate", || {
            // The readers' warnings with the dataset's own, errors first.
            let mut all = ds.warnings.clone();
            all.extend(coopgraph::validate::validate(&ds));
            all.sort_by_key(|d| !d.is_error());
            Report::new(all, args.strict)
        }),
        Err(Error::Data(diags)) => Report::new(diags, args.strict),
        Err(e) => return Err(e),
    };
    if global.format == Format::Json {
        output::json(&report)?;
    } else {
        let mut out = String::new();
        for d in &report.diagnostics {
            out.push_str(&d.to_string());
            out.push_str("\n\n");
        }
        out.push_str(&format!(
            "{} error(s), {} warning(s)\n",
            report.errors, report.warnings
        ));
        output::text(&out)?;
    }
    Ok(if report.valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}
