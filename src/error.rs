//! The library's error type. Every variant says what went wrong and where,
//! with structured fields (which file, which name, which limit); none names
//! a command-line option: the CLI adds those hints when it prints an error
//! (`src/cli/messages.rs`). [`Error::exit_code`] maps each variant onto the
//! CLI's documented exit statuses.

use crate::date::PartialDate;
use crate::diagnostic::Diagnostic;
use crate::names::ResolveError;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The dataset has errors (syntax, unknown fields, broken references…).
    #[error("{} error(s) in the dataset", .0.iter().filter(|d| d.is_error()).count())]
    Data(Vec<Diagnostic>),
    /// The report spec has errors (syntax, fields, names it uses).
    #[error("{} error(s) in the report spec", .0.iter().filter(|d| d.is_error()).count())]
    Spec(Vec<Diagnostic>),
    /// An input path that cannot be read.
    #[error("cannot read {}: {source}", path.display())]
    Input {
        path: PathBuf,
        source: std::io::Error,
    },
    /// An input file larger than the input size limit.
    #[error(
        "{} is larger than the input size limit of {limit} bytes",
        path.display()
    )]
    TooLarge { path: PathBuf, limit: u64 },
    /// An input folder with no file coopgraph reads (`expected` says which).
    #[error("{} holds {expected}", dir.display())]
    EmptyFolder {
        dir: PathBuf,
        expected: &'static str,
    },
    /// An output file that cannot be written; any previous file is intact.
    #[error(
        "cannot write {}: {source}; nothing was replaced (any previous file is intact)",
        path.display()
    )]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// An output file that exists, and replacing was not asked for.
    #[error("{} exists", path.display())]
    Exists { path: PathBuf },
    /// An output path that is not of the kind the output needs: a folder,
    /// a symbolic link or a device where a file goes, or a file where a
    /// folder goes. It was left as it is.
    #[error(
        "cannot write {}: it is {found}, not {wanted}; it was left as it is",
        path.display()
    )]
    WrongKind {
        path: PathBuf,
        found: PathKind,
        wanted: PathKind,
    },
    /// Writing a set of files failed midway through renaming them into
    /// place, and some of the files renamed before could not be put back:
    /// `replaced` are new, the others are as they were.
    #[error(
        "cannot write {}: {source}; {} of the {total} files were already written and could not be put back ({}), the others are as they were",
        path.display(),
        replaced.len(),
        replaced.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
    )]
    PartlyWritten {
        path: PathBuf,
        source: std::io::Error,
        replaced: Vec<PathBuf>,
        total: usize,
    },
    /// A name that does not resolve to a node.
    #[error(transparent)]
    Name(#[from] ResolveError),
    /// A source id that the dataset does not have.
    #[error(
        "no source is called \"{id}\"{} (sources: {})",
        suggestion.as_ref().map(|s| format!("; did you mean \"{s}\"?")).unwrap_or_default(),
        known.join(", ")
    )]
    UnknownSource {
        id: String,
        suggestion: Option<String>,
        known: Vec<String>,
    },
    /// A date that does not parse, in a selection.
    #[error("{field} {text:?}: {reason}")]
    Date {
        field: &'static str,
        text: String,
        reason: String,
    },
    /// A time window that starts after it ends.
    #[error("the window's start ({from}) is after its end ({to})")]
    Window { from: PartialDate, to: PartialDate },
    /// More nodes than the built-in layout draws.
    #[error("{nodes} nodes are too many for the built-in layout (at most {max})")]
    TooManyNodes { nodes: usize, max: usize },
    /// A selection larger than the explorer shows (see
    /// `crate::explore::MAX_NODES` and `MAX_RELATIONS`).
    #[error(
        "{nodes} nodes and {relations} relations are too many for the explorer \
         (at most {max_nodes} nodes and {max_relations} relations)"
    )]
    TooLargeToExplore {
        nodes: usize,
        relations: usize,
        max_nodes: usize,
        max_relations: usize,
    },
    /// A generated dataset larger than `generate` makes (see
    /// `crate::generate::MAX_ORGS` and the other bounds).
    #[error("{what}: {given} is more than a generated dataset may have (at most {max})")]
    TooBig { what: Size, given: u128, max: usize },
    /// Graphviz was asked for and is not installed.
    #[error("Graphviz is not installed (`dot -V` did not run)")]
    NoGraphviz,
    /// A file whose format coopgraph does not read (`why` says what it
    /// seems to be instead).
    #[error(
        "{} is not a format coopgraph reads: {why}; coopgraph reads {}",
        path.display(),
        crate::format::FORMATS_READ
    )]
    UnknownFormat { path: PathBuf, why: String },
    /// Graphviz did not finish within the time allowed; it was stopped.
    #[error("Graphviz did not finish within {seconds} s and was stopped")]
    GraphvizTimeout { seconds: u64 },
    /// A projection that has no form in the format asked for.
    #[error("the {format} export is of the full view; the actors projection has no {format} form")]
    NoForm { format: &'static str },
    /// A question that cannot be answered as it was asked (a name given
    /// twice, a kind that is not an actor kind, a limit below its minimum…).
    /// (Named by its module's path, `crate::analysis::QueryError`'s home,
    /// so that this module does not depend on the answers.)
    #[error(transparent)]
    Query(#[from] crate::analysis::query::QueryError),
    /// Options that do not fit together, as the command line states them.
    /// The library itself never returns this variant: it is the CLI's.
    #[error("{0}")]
    Usage(String),
    /// Writing output failed (a closed pipe, a full disk).
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),
}

impl Error {
    /// 2 for usage and data errors, 1 for runtime failures.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Output(_)
            | Error::Write { .. }
            | Error::WrongKind { .. }
            | Error::PartlyWritten { .. } => 1,
            _ => 2,
        }
    }
}

/// What [`Error::TooBig`] counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
pub enum Size {
    #[strum(serialize = "organisations")]
    Organisations,
    #[strum(serialize = "projects")]
    Projects,
    /// The mean number of partners per project (rounded up).
    #[strum(serialize = "mean partners per project")]
    MeanPartners,
    /// The relations a spec would make (an estimate from its sizes).
    #[strum(serialize = "expected relations")]
    Relations,
}

impl std::fmt::Display for Size {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.into())
    }
}

/// What a path is on the file system, as an output error states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathKind {
    File,
    Folder,
    SymbolicLink,
    BlockDevice,
    Socket,
    /// Anything else (a character device or FIFO inside a set of files).
    Special,
}

impl std::fmt::Display for PathKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            PathKind::File => "a file",
            PathKind::Folder => "a folder",
            PathKind::SymbolicLink => "a symbolic link",
            PathKind::BlockDevice => "a block device",
            PathKind::Socket => "a socket",
            PathKind::Special => "a special file",
        })
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
