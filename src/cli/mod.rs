//! Command-line interface: shared options, dispatch, error reporting.
//! Each subcommand lives in its own file with its usage at the top and one
//! `run` function; none of them computes anything the library does not.

mod find;
mod output;
mod schema;
mod show;
mod summary;
mod validate;

use clap::{Parser, Subcommand, ValueEnum};
use coopgraph::Error;
use coopgraph::graph::CoopGraph;
use coopgraph::load::Dataset;
use coopgraph::model::Lang;
use std::path::PathBuf;
use std::process::ExitCode;

/// Records of inter-agency cooperation as a typed, dated, sourced graph.
///
/// Without --data, coopgraph uses its embedded dataset, read from the Swedish
/// Migration Agency's pages on international development cooperation,
/// international partners and networks, and collaboration against crime.
#[derive(Debug, Parser)]
#[command(name = "coopgraph", version, about, long_about)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every subcommand accepts, before or after its name.
#[derive(Debug, clap::Args)]
pub struct GlobalArgs {
    /// A dataset JSON file or a directory of them, instead of the embedded
    /// dataset (repeatable: the files are merged).
    #[arg(long, global = true, value_name = "PATH")]
    pub data: Vec<PathBuf>,
    /// Output format: a human table, or one JSON document on stdout.
    #[arg(long, global = true, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Language of display names, where both exist.
    #[arg(long, global = true, value_enum, default_value_t = LangArg::En)]
    pub lang: LangArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    En,
    Sv,
}

impl GlobalArgs {
    pub fn lang(&self) -> Lang {
        match self.lang {
            LangArg::En => Lang::En,
            LangArg::Sv => Lang::Sv,
        }
    }

    /// The dataset the options name, unvalidated.
    pub fn dataset(&self) -> coopgraph::Result<Dataset> {
        if self.data.is_empty() {
            Dataset::embedded()
        } else {
            Dataset::from_paths(&self.data)
        }
    }

    /// The validated dataset as a graph.
    pub fn graph(&self) -> coopgraph::Result<CoopGraph> {
        CoopGraph::new(self.dataset()?)
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Summary(summary::Args),
    Validate(validate::Args),
    Show(show::Args),
    Find(find::Args),
    Schema(schema::Args),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Summary(a) => summary::run(&cli.global, a),
        Command::Validate(a) => validate::run(&cli.global, a),
        Command::Show(a) => show::run(&cli.global, a),
        Command::Find(a) => find::run(&cli.global, a),
        Command::Schema(a) => schema::run(&cli.global, a),
    };
    match result {
        Ok(code) => code,
        Err(Error::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            report(&e);
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

/// Prints an error to stderr, with every diagnostic for a data error.
fn report(e: &Error) {
    if let Error::Data(diags) = e {
        for d in diags {
            eprintln!("{d}");
        }
        eprintln!("error: {e}; nothing else was run (see `coopgraph validate`)");
    } else {
        eprintln!("error: {e}");
    }
}
