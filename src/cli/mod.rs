//! Command-line interface: shared options, dispatch, error reporting.
//! Each subcommand lives in its own file with its usage at the top and one
//! `run` function; none of them computes anything the library does not.

mod ego;
mod find;
mod output;
mod overlap;
mod path;
mod schema;
mod shared;
mod show;
mod summary;
mod timeline;
mod validate;

use clap::{Parser, Subcommand, ValueEnum};
use coopgraph::Error;
use coopgraph::date::PartialDate;
use coopgraph::graph::CoopGraph;
use coopgraph::load::Dataset;
use coopgraph::model::{Lang, NodeKind, RelationKind};
use coopgraph::view::{Selection, Window};
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

/// `--from`/`--to`: keep relations active in a time window.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct WindowArgs {
    /// Keep relations active in or after this year (or partial date).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: Option<PartialDate>,
    /// Keep relations active in or before this year (or partial date).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub to: Option<PartialDate>,
}

impl WindowArgs {
    pub fn window(&self) -> coopgraph::Result<Window> {
        Window::new(self.from.as_ref(), self.to.as_ref()).map_err(Error::Usage)
    }
}

/// `--kind`/`--relation`: keep only some node and relation kinds.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilterArgs {
    /// Keep only nodes of these kinds (repeatable or comma-separated).
    #[arg(long, value_enum, value_delimiter = ',')]
    pub kind: Vec<KindArg>,
    /// Keep only relations of these kinds (repeatable or comma-separated).
    #[arg(long, value_enum, value_delimiter = ',')]
    pub relation: Vec<RelationArg>,
}

impl FilterArgs {
    pub fn selection(&self, window: Window) -> Selection {
        Selection {
            window,
            kinds: self.kind.iter().map(|k| k.0).collect(),
            relations: self.relation.iter().map(|r| r.0).collect(),
            ego: None,
        }
    }
}

fn parse_date(s: &str) -> Result<PartialDate, String> {
    s.parse::<PartialDate>().map_err(|e| e.to_string())
}

/// A node kind as a command-line value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindArg(pub NodeKind);

impl ValueEnum for KindArg {
    fn value_variants<'a>() -> &'a [Self] {
        const ALL: [KindArg; 6] = [
            KindArg(NodeKind::State),
            KindArg(NodeKind::Agency),
            KindArg(NodeKind::Organisation),
            KindArg(NodeKind::Fund),
            KindArg(NodeKind::Project),
            KindArg(NodeKind::Network),
        ];
        &ALL
    }
    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.0.as_str()))
    }
}

/// A relation kind as a command-line value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RelationArg(pub RelationKind);

impl ValueEnum for RelationArg {
    fn value_variants<'a>() -> &'a [Self] {
        static ALL: std::sync::LazyLock<Vec<RelationArg>> = std::sync::LazyLock::new(|| {
            RelationKind::ALL.iter().map(|k| RelationArg(*k)).collect()
        });
        &ALL
    }
    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.0.as_str()))
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Summary(summary::Args),
    Validate(validate::Args),
    Show(show::Args),
    Find(find::Args),
    Shared(shared::Args),
    Overlap(overlap::Args),
    Timeline(timeline::Args),
    Path(path::Args),
    Ego(ego::Args),
    Schema(schema::Args),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Summary(a) => summary::run(&cli.global, a),
        Command::Validate(a) => validate::run(&cli.global, a),
        Command::Show(a) => show::run(&cli.global, a),
        Command::Find(a) => find::run(&cli.global, a),
        Command::Shared(a) => shared::run(&cli.global, a),
        Command::Overlap(a) => overlap::run(&cli.global, a),
        Command::Timeline(a) => timeline::run(&cli.global, a),
        Command::Path(a) => path::run(&cli.global, a),
        Command::Ego(a) => ego::run(&cli.global, a),
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
