//! coopgraph validate [--strict] — checks the dataset and lists every error
//! and warning, each with its file:line:column, the node or relation, and the
//! sources concerned.
//!
//! Exit status: 2 when there are errors (or warnings, with --strict), else 0.
//! With --format json, one document on stdout:
//! `{"valid", "errors", "warnings", "diagnostics": [...]}`.

use super::{Format, GlobalArgs, output};
use coopgraph::Error;
use coopgraph::diagnostic::Diagnostic;
use serde::Serialize;
use std::process::ExitCode;

/// Check the dataset: errors and warnings with their places and sources.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Treat warnings as errors (exit status 2).
    #[arg(long)]
    pub strict: bool,
}

#[derive(Serialize)]
struct Report<'a> {
    valid: bool,
    errors: usize,
    warnings: usize,
    diagnostics: &'a [Diagnostic],
}

pub fn run(global: &GlobalArgs, args: &Args) -> coopgraph::Result<ExitCode> {
    let diags = match global.load() {
        Ok(ds) => global.time("validate", || coopgraph::validate::validate(&ds)),
        Err(Error::Data(diags)) => diags,
        Err(e) => return Err(e),
    };
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    let valid = errors == 0 && !(args.strict && warnings > 0);
    if global.format == Format::Json {
        output::json(&Report {
            valid,
            errors,
            warnings,
            diagnostics: &diags,
        })?;
    } else {
        let mut out = String::new();
        for d in &diags {
            out.push_str(&d.to_string());
            out.push_str("\n\n");
        }
        out.push_str(&format!("{errors} error(s), {warnings} warning(s)\n"));
        output::text(&out)?;
    }
    Ok(if valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}
