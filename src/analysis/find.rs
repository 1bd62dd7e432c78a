//! `find`: nodes whose id, name or alias contains the given text: as the
//! whole name, as words, as the start of a word or anywhere (ranked so).

use super::NodeRef;
use crate::graph::CoopGraph;
use crate::model::Lang;
pub use crate::names::Match;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindHit {
    #[serde(flatten)]
    pub node: NodeRef,
    /// The id, name or alias that matched.
    pub matched: String,
    /// How it matched: `exact`, `word`, `prefix` or `substring`.
    #[serde(rename = "match")]
    pub how: Match,
}

/// Matches ignoring case and diacritics: nodes whose whole name, alias or
/// id is `text` first, then those with it as whole words, as the start of a
/// word, and anywhere; in dataset order within each.
///
/// ```
/// use coopgraph::analysis::find::{Match, find};
/// let g = coopgraph::graph::CoopGraph::embedded().unwrap();
/// let hits = find(&g, "polismyndigheten", coopgraph::model::Lang::EN);
/// assert_eq!(hits[0].node.id, "swedish-police-authority");
/// assert_eq!(hits[0].how, Match::Exact);
/// let hits = find(&g, "migr", coopgraph::model::Lang::EN);
/// assert!(hits.iter().any(|h| h.node.id == "swedish-migration-agency"));
/// ```
pub fn find(g: &CoopGraph, text: &str, lang: Lang) -> Vec<FindHit> {
    g.names()
        .search(text)
        .into_iter()
        .map(|(i, matched, how)| FindHit {
            node: NodeRef::new(g, i, lang),
            matched,
            how,
        })
        .collect()
}
