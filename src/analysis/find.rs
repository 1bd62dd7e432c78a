//! `find`: nodes whose id, name or alias contains the given words.

use super::NodeRef;
use crate::graph::CoopGraph;
use crate::model::Lang;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindHit {
    #[serde(flatten)]
    pub node: NodeRef,
    /// The id, name or alias that matched.
    pub matched: String,
}

/// Matches whole words, ignoring case and diacritics; results in dataset order.
///
/// ```
/// let g = coopgraph::graph::CoopGraph::embedded().unwrap();
/// let hits = coopgraph::analysis::find::find(&g, "polismyndigheten", coopgraph::model::Lang::En);
/// assert_eq!(hits[0].node.id, "swedish-police-authority");
/// ```
pub fn find(g: &CoopGraph, text: &str, lang: Lang) -> Vec<FindHit> {
    g.names()
        .find(text)
        .into_iter()
        .map(|(i, matched)| FindHit {
            node: NodeRef::new(g, i, lang),
            matched,
        })
        .collect()
}
