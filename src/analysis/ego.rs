//! `ego`: the neighbourhood of a node as lists of nodes (with their distance)
//! and the relations among them: the ego selection (a centre and a depth,
//! [`crate::view::Selection::ego`]) that render and export use.

use super::NodeRef;
use super::show::RelationView;
use crate::model::Lang;
use crate::view::View;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EgoNode {
    #[serde(flatten)]
    pub node: NodeRef,
    pub distance: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EgoRelation {
    pub from: NodeRef,
    pub to: NodeRef,
    #[serde(flatten)]
    pub relation: RelationView,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ego {
    pub centre: NodeRef,
    pub depth: usize,
    /// By distance, then name.
    pub nodes: Vec<EgoNode>,
    /// Every relation among the nodes, in dataset order.
    pub relations: Vec<EgoRelation>,
}

/// Lists an ego view (a [`View`] built with `Selection::ego`).
pub fn ego(view: &View, centre: usize, depth: usize, lang: Lang) -> Ego {
    let g = view.graph;
    let mut nodes: Vec<EgoNode> = view
        .node_indices()
        .map(|i| EgoNode {
            node: NodeRef::new(g, i, lang),
            distance: view.distance.get(i).copied().flatten().unwrap_or(0),
        })
        .collect();
    nodes.sort_by(|a, b| {
        (a.distance, &a.node.name, &a.node.id).cmp(&(b.distance, &b.node.name, &b.node.id))
    });
    let relations = view
        .relation_indices()
        .map(|r| {
            let rel = g.relation(r);
            let (f, t) = (
                g.index_of(rel.from()).expect("valid"),
                g.index_of(rel.to()).expect("valid"),
            );
            EgoRelation {
                from: NodeRef::new(g, f, lang),
                to: NodeRef::new(g, t, lang),
                relation: super::show::relation_view(g, r, t, lang, super::show::Side::Out, None),
            }
        })
        .collect();
    Ego {
        centre: NodeRef::new(g, centre, lang),
        depth,
        nodes,
        relations,
    }
}
