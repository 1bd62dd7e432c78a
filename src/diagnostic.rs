//! Diagnostics: errors and warnings about a dataset, each with a place.
//!
//! Loading and validation never stop at the first problem in a record: they
//! collect [`Diagnostic`]s so that a user fixes a file in one pass. A syntax
//! error in a file is the exception (the rest of that file cannot be read).

use crate::model::SourceRef;
use serde::Serialize;
use std::fmt;
use std::sync::Arc;

/// A place in a dataset file (1-based line and column, in characters).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Loc {
    pub file: Arc<str>,
    pub line: usize,
    pub column: usize,
}

impl Loc {
    /// A location `line`/`column` (1-based, as serde_json reports them)
    /// inside a slice that starts at `self`.
    pub fn offset_by(&self, line: usize, column: usize) -> Loc {
        Loc {
            file: self.file.clone(),
            line: self.line + line.saturating_sub(1),
            column: if line <= 1 {
                self.column + column.saturating_sub(1)
            } else {
                column
            },
        }
    }
}

/// Byte offsets of the line starts of a text, for turning many offsets into
/// line and column in O(log lines) each. Columns count bytes from 1, as
/// serde_json's do.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// The 1-based line and column of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset);
        (line, offset - self.starts[line - 1] + 1)
    }

    pub fn loc(&self, file: &Arc<str>, offset: usize) -> Loc {
        let line = self.starts.partition_point(|&s| s <= offset);
        Loc {
            file: file.clone(),
            line,
            column: offset - self.starts[line - 1] + 1,
        }
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i)
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, strum::IntoStaticStr,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in a dataset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable machine-readable class, e.g. `duplicate-id`, `declared-members`.
    pub code: &'static str,
    pub message: String,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub loc: Option<Loc>,
    /// The node id or relation (`kind from -> to`) concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The sources behind the facts in question.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
    /// What to do about it ("did you mean …").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            loc: None,
            subject: None,
            sources: Vec::new(),
            help: None,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn at(mut self, loc: Option<&Loc>) -> Self {
        self.loc = loc.cloned();
        self
    }

    pub fn subject(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    pub fn sources(mut self, sources: &[SourceRef]) -> Self {
        self.sources = sources.to_vec();
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Formats like a compiler: `file:line:col: error[code]: message`, then the
/// subject, sources and help on indented lines.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(loc) = &self.loc {
            write!(f, "{loc}: ")?;
        }
        let sev: &str = self.severity.into();
        write!(f, "{sev}[{}]: {}", self.code, self.message)?;
        if let Some(s) = &self.subject {
            write!(f, "\n  = in: {s}")?;
        }
        if !self.sources.is_empty() {
            write!(f, "\n  = sources: {}", crate::format_sources(&self.sources))?;
        }
        if let Some(h) = &self.help {
            write!(f, "\n  = help: {h}")?;
        }
        Ok(())
    }
}
