//! coopgraph explore — a selection as one self-contained interactive HTML
//! page: search over names and aliases, filters, a time slider, the
//! evidence of each node and relation on click, what two actors share and
//! how they connect, exports of the view as SVG and PNG. It opens offline
//! (`file://`), loads nothing and runs only its own hashed scripts.
//!
//! Usage: coopgraph explore -o FILE.html [--force] [--title TEXT] [--ego NAME --depth N]
//!        [--from Y] [--to Y] [--kind K…] [--relation R…] [--source ID…]

use super::GlobalArgs;
use coopgraph::explore::{self, Options};
use coopgraph::view::SelectionSpec;
use std::path::PathBuf;
use std::process::ExitCode;

/// An interactive explorer of a selection, as one HTML file.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write the page to this file (`-` for stdout).
    #[arg(short = 'o', long = "output", value_name = "FILE", required = true)]
    pub output: PathBuf,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
    /// The page's title (default: "Cooperation network explorer", in the
    /// --lang language).
    #[arg(long)]
    pub title: Option<String>,
    #[command(flatten)]
    pub select: SelectionSpec,
}

pub fn run(global: &GlobalArgs, args: &Args) -> coopgraph::Result<ExitCode> {
    args.select.window()?;
    let g = global.graph()?;
    let opts = Options {
        lang: global.lang(),
        data_label: global.data_label(),
        title: args.title.clone(),
    };
    let page = global.time("explore", || explore::build(g, &args.select, &opts))?;
    global.write_output(&args.output, args.force, &page)?;
    Ok(ExitCode::SUCCESS)
}
