//! Node-link JSON, as NetworkX's `node_link_data` writes it and
//! `node_link_graph` reads it (edges under `links`).
//!
//! The full view is a directed multigraph: each node object is the node's
//! dataset record (fields as in a dataset file, native JSON), each link the
//! relation's record with `source`/`target` in place of `from`/`to` and a
//! `key` numbering parallel links. The dataset's sources are under
//! `graph.sources`. The actors projection is an undirected simple graph
//! whose links carry `weight`. Reading is [`crate::import::node_link`].

use super::Export;
use serde_json::{Map, Value, json};

/// The export as a node-link JSON document.
pub fn write(ex: &Export) -> Vec<u8> {
    let g = ex.graph;
    let nodes: Vec<Value> = ex
        .nodes
        .iter()
        .map(|&i| serde_json::to_value(g.node(i)).unwrap_or(Value::Null))
        .collect();
    let links: Vec<Value> = ex
        .edges
        .iter()
        .enumerate()
        .map(|(n, e)| {
            let mut link = match e
                .relation
                .map(|r| serde_json::to_value(g.relation(r).to_model()))
            {
                Some(Ok(Value::Object(m))) => m,
                _ => Map::new(),
            };
            link.remove("from");
            link.remove("to");
            link.insert("source".into(), g.node(e.from).id.clone().into());
            link.insert("target".into(), g.node(e.to).id.clone().into());
            if ex.directed {
                link.insert("key".into(), n.into());
            }
            if let Some(w) = e.weight {
                link.insert("weight".into(), w.into());
            }
            Value::Object(link)
        })
        .collect();
    let doc = json!({
        "directed": ex.directed,
        "multigraph": ex.directed,
        "graph": { "name": "coopgraph", "sources": g.data.sources },
        "nodes": nodes,
        "links": links,
    });
    let mut out = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    out.push(b'\n');
    out
}
