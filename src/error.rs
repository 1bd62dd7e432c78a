//! The library's error type. Every variant says what went wrong and where;
//! [`Error::exit_code`] maps it onto the CLI's documented exit statuses.

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
    /// A `--data` path that cannot be read.
    #[error("cannot read {}: {source}; check the path given to --data", path.display())]
    Input {
        path: PathBuf,
        source: std::io::Error,
    },
    /// An input file larger than the input size limit.
    #[error(
        "{} is larger than the input size limit of {limit} bytes; if it should be read, raise the limit with --max-input-size",
        path.display()
    )]
    TooLarge { path: PathBuf, limit: u64 },
    /// An output file that cannot be written; any previous file is intact.
    #[error(
        "cannot write {}: {source}; nothing was replaced (any previous file is intact)",
        path.display()
    )]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A name given on the command line that does not resolve.
    #[error(transparent)]
    Name(#[from] ResolveError),
    /// A question that cannot be answered as it was asked (a name given
    /// twice, a kind that is not an actor kind, a limit below its minimum…).
    /// (Named by its module's path, `crate::analysis::QueryError`'s home,
    /// so that this module does not depend on the answers.)
    #[error(transparent)]
    Query(#[from] crate::analysis::query::QueryError),
    /// Options that do not fit together.
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
            Error::Data(_)
            | Error::Spec(_)
            | Error::Input { .. }
            | Error::TooLarge { .. }
            | Error::Name(_)
            | Error::Query(_)
            | Error::Usage(_) => 2,
            Error::Output(_) | Error::Write { .. } => 1,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
