//! coopgraph export — not built yet (work in progress on this issue).

use super::GlobalArgs;
use std::process::ExitCode;

/// Not built yet.
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_global: &GlobalArgs, _args: &Args) -> coopgraph::Result<ExitCode> {
    Err(coopgraph::Error::Usage("`export` is not built yet".into()))
}
