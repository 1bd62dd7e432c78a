//! Node-link JSON, as NetworkX's `node_link_data` writes it and
//! `node_link_graph` reads it.
//!
//! The edges are under `edges`, which NetworkX 3.6's `node_link_graph`
//! reads with its default arguments. NetworkX before 3.6 reads `links` by
//! default (3.4 and 3.5 with a warning; `edges="edges"` reads this file);
//! with [`super::ExportOptions::links`] the same edges are written under
//! `links` too, so that every version reads the file with its defaults:
//! 3.6 reads `edges` and ignores `links`, older versions the reverse.
//!
//! The full view is a directed multigraph: each node object is the node's
//! dataset record (fields as in a dataset file, native JSON), each link the
//! relation's record with `source`/`target` in place of `from`/`to` and a
//! `key` numbering parallel links. The dataset's sources are under
//! `graph.sources`. The actors projection is an undirected simple graph
//! whose links carry `weight`. Reading is [`crate::import::node_link`].

use super::Export;
use serde_json::{Map, Value, json};

/// The export as a node-link JSON document, edges under `edges`.
pub fn write(ex: &Export) -> Vec<u8> {
    write_with(ex, false)
}

/// [`write`], with the edges under `links` as well when `links` is true.
pub fn write_with(ex: &Export, links: bool) -> Vec<u8> {
    let g = ex.graph;
    let nodes: Vec<Value> = ex
        .nodes
        .iter()
        .map(|&i| serde_json::to_value(g.node(i)).unwrap_or(Value::Null))
        .collect();
    let edges: Vec<Value> = ex
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
    let mut doc = json!({
        "directed": ex.directed,
        "multigraph": ex.directed,
        "graph": { "name": "coopgraph", "sources": g.data.sources },
        "nodes": nodes,
    });
    if links {
        doc["links"] = Value::Array(edges.clone());
    }
    doc["edges"] = Value::Array(edges);
    let mut out = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    out.push(b'\n');
    out
}
