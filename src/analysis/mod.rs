//! Answers to questions, as plain serialisable values. The CLI prints them as
//! tables or serialises them as JSON; library users take them as they are.
//!
//! Questions with rules of their own (`shared`, `overlap`, `comembership`)
//! have a `Request` that checks them and answers, or says what is wrong with
//! a [`QueryError`]: which name, which kind, which limit.

pub mod comembership;
pub mod ego;
pub mod find;
pub mod overlap;
pub mod participation;
pub mod path;
pub(crate) mod query;
pub mod shared;
pub mod show;
pub mod summary;
pub mod timeline;
mod via;

pub use query::{Limit, QueryError};

use crate::date::{PartialDate, Precision};
use crate::graph::CoopGraph;
use crate::model::{Lang, SourceRef};
use serde::Serialize;

/// A node as other answers refer to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NodeRef {
    pub id: String,
    pub name: String,
    pub kind: String,
}

impl NodeRef {
    pub fn new(g: &CoopGraph, i: usize, lang: Lang) -> NodeRef {
        NodeRef {
            id: g.node(i).id.clone(),
            name: g.display_name(i, lang).to_string(),
            kind: g.node(i).kind.to_string(),
        }
    }
}

/// A citation with its source's title and language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub para: Option<u32>,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
}

/// `dev-en ¶9, dev-sv ¶9`, without repeats, in order of first appearance.
pub fn format_citations<'a>(cites: impl IntoIterator<Item = &'a Citation>) -> String {
    let mut seen: Vec<String> = Vec::new();
    for c in cites {
        let s = crate::cite_text(&c.source, c.para);
        if !seen.contains(&s) {
            seen.push(s);
        }
    }
    seen.join(", ")
}

pub fn cite(g: &CoopGraph, refs: &[SourceRef]) -> Vec<Citation> {
    refs.iter()
        .map(|r| {
            let src = g.data.sources.iter().find(|s| s.id == r.source);
            Citation {
                source: r.source.clone(),
                para: r.para,
                title: src.map(|s| s.title.clone()).unwrap_or_default(),
                lang: src.and_then(|s| s.lang),
            }
        })
        .collect()
}

/// A date as written, with what it means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateView {
    /// As written in the data, e.g. `2017-09 + 3 years`.
    pub text: String,
    /// Normalised value, e.g. `2020-09`.
    pub value: String,
    pub precision: Precision,
    /// First and last day the date may denote.
    pub earliest: String,
    pub latest: String,
    /// How the date was derived from a duration, if it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub derived: Option<String>,
    /// True when the pages give the date as planned or expected, not as a
    /// date it happened.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub planned: bool,
}

impl DateView {
    pub fn new(text: Option<&str>, parsed: &Option<PartialDate>) -> Option<DateView> {
        let (text, d) = (text?, parsed.as_ref()?);
        Some(DateView {
            text: text.to_string(),
            value: d.to_string(),
            precision: d.precision,
            earliest: d.earliest().to_string(),
            latest: d.latest().to_string(),
            derived: d.derivation_text(),
            planned: false,
        })
    }

    /// The view of a parsed date (its text is rebuilt from the date).
    pub fn of(d: &PartialDate) -> DateView {
        DateView {
            text: d.text(),
            value: d.to_string(),
            precision: d.precision,
            earliest: d.earliest().to_string(),
            latest: d.latest().to_string(),
            derived: d.derivation_text(),
            planned: false,
        }
    }

    /// The same date, marked as planned or expected when `planned` is true.
    pub fn with_planned(mut self, planned: bool) -> DateView {
        self.planned = planned;
        self
    }

    /// `2020-09 (derived: 2017-09 + 3 years)`, or just the value.
    pub fn human(&self) -> String {
        match &self.derived {
            Some(how) => format!("{} (derived: {how})", self.value),
            None => self.value.clone(),
        }
    }
}

/// As [`span_human`], each date the pages give as planned or expected
/// marked `(planned)`: `from 2022 (planned)`, `2019–2021 (planned)`.
///
/// ```
/// use coopgraph::analysis::{DateView, span_planned};
/// let d = |s: &str| DateView::of(&s.parse().unwrap());
/// assert_eq!(span_planned(&Some(d("2022").with_planned(true)), &None), "from 2022 (planned)");
/// assert_eq!(span_planned(&Some(d("2019")), &Some(d("2021"))), "2019–2021");
/// ```
pub fn span_planned(start: &Option<DateView>, end: &Option<DateView>) -> String {
    let mark = |d: &DateView| {
        if d.planned {
            format!("{} (planned)", d.human())
        } else {
            d.human()
        }
    };
    match (start, end) {
        (None, None) => String::new(),
        (Some(s), None) => format!("from {}", mark(s)),
        (None, Some(e)) => format!("until {}", mark(e)),
        (Some(s), Some(e)) => format!("{}–{}", mark(s), mark(e)),
    }
}

/// `start–end`, `from start` or `until end`, for tables.
pub fn span_human(start: &Option<DateView>, end: &Option<DateView>) -> String {
    match (start, end) {
        (None, None) => String::new(),
        (Some(s), None) => format!("from {}", s.human()),
        (None, Some(e)) => format!("until {}", e.human()),
        (Some(s), Some(e)) => format!("{}–{}", s.human(), e.human()),
    }
}
