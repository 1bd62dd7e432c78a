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
    /// A `--data` path that cannot be read.
    #[error("cannot read {}: {source}", path.display())]
    Input {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A name given on the command line that does not resolve.
    #[error(transparent)]
    Name(#[from] ResolveError),
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
            Error::Data(_) | Error::Input { .. } | Error::Name(_) | Error::Usage(_) => 2,
            Error::Output(_) => 1,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
