//! [`QueryError`]: why a question cannot be answered as it was asked — an
//! actor named twice, an agency compared with its own state, a kind that is
//! not an actor kind, a limit below its minimum, a metric that cannot be
//! computed. Each variant says which name, kind or limit; the messages name
//! no command-line option (the CLI adds its own hints).
//!
//! ```
//! use coopgraph::analysis::{Limit, QueryError};
//! use coopgraph::model::NodeKind;
//! let e = QueryError::NotActorKind { kind: NodeKind::Project };
//! assert_eq!(
//!     e.to_string(),
//!     "project is not an actor kind: the kind must be state, agency or organisation"
//! );
//! let e = QueryError::TooSmall { limit: Limit::Top, min: 1, given: 0 };
//! assert_eq!(e.to_string(), "the number of pairs must be at least 1, not 0");
//! ```

use super::via::Via;
use crate::model::NodeKind;

/// A limit of a question (how many rows, columns or pairs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// How many pairs `overlap` lists.
    Top,
    /// How many actors (rows) the co-membership matrix keeps.
    MaxRows,
    /// How many activities (columns) the co-membership matrix keeps.
    MaxCols,
    /// How many paths a path question lists.
    Paths,
}

impl std::fmt::Display for Limit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Limit::Top => "the number of pairs",
            Limit::Paths => "the number of paths",
            Limit::MaxRows => "the number of rows",
            Limit::MaxCols => "the number of columns",
        })
    }
}

/// Why a question cannot be answered as it was asked.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum QueryError {
    /// The same actor named twice (by its id, a name or an alias).
    #[error("{name} is named more than once; each actor may be named only once")]
    RepeatedActor { name: String },
    /// An actor inside another one that is named too (an agency and its own
    /// state), which shares everything with it trivially.
    #[error("{part} is part of {whole}; compare it with other actors instead")]
    PartOf { part: String, whole: String },
    /// A node kind that is not an actor kind where actors are asked for.
    #[error("{kind} is not an actor kind: the kind must be state, agency or organisation")]
    NotActorKind { kind: NodeKind },
    /// Shared things that are not activities where activities are asked for
    /// (the columns of the co-membership matrix).
    #[error("{via} things are not activities: the columns must be networks, projects or any")]
    NotActivities { via: Via },
    /// A path asked for from a node to itself.
    #[error("a path from {name} to itself: the two ends of a path must differ")]
    SameEnds { name: String },
    /// A limit below its minimum.
    #[error("{limit} must be at least {min}, not {given}")]
    TooSmall {
        limit: Limit,
        min: usize,
        given: usize,
    },
    /// A metric or the community detection failed (a parameter out of range,
    /// no convergence).
    #[error(transparent)]
    Metric(#[from] crate::metrics::error::Error),
}
