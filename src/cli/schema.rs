//! coopgraph schema — prints the JSON Schema of dataset files (the same text
//! as data/schema.json), for editors and other tools.
//!
//! Usage: coopgraph schema

use super::{GlobalArgs, output};
use std::process::ExitCode;

/// Print the JSON Schema of dataset files.
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_global: &GlobalArgs, _args: &Args) -> coopgraph::Result<ExitCode> {
    output::text(&coopgraph::schema_json())?;
    Ok(ExitCode::SUCCESS)
}
