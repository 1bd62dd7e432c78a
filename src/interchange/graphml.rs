//! GraphML, as Gephi, yEd, NetworkX (`read_graphml`) and igraph read it.
//!
//! Every node and relation field has a typed `<key>` (`attr.type` string,
//! boolean or double) named as in the data model; compound fields are JSON
//! text (see [`crate::import::fields`]). Nodes also carry a `label` key (the
//! name) for the tools that label nodes by it. The dataset's sources are a
//! graph-level `sources` key holding a JSON list. The actors projection is
//! an undirected graph whose edges carry only `weight`. The `weight` key
//! has `<default>1.0</default>`, the model's weight of a relation that gives
//! none, so that igraph and NetworkX read a number for every edge (igraph
//! reads a missing value without a default as NaN).
//!
//! The reader takes any GraphML whose keys have `attr.name`s: keys named
//! like coopgraph fields fill those fields, the rest are ignored. It refuses
//! DOCTYPE declarations, so entities are never defined or expanded.
//! Characters that XML 1.0 cannot hold (most control characters, raw or as
//! `&#2;`) are read as U+FFFD, as the writer writes them, so that reading
//! an export of what was read gives the same dataset.

use super::{Export, xml_attr};
use crate::import::fields::{self, Field, NODE_FIELDS, RELATION_FIELDS};
use quick_xml::Writer;
use quick_xml::events::BytesText;
use std::io;

const NS: &str = "http://graphml.graphdrawing.org/xmlns";

/// The node fields written as `<data>` (the id is the element's).
fn node_fields() -> impl Iterator<Item = (usize, &'static Field)> {
    NODE_FIELDS
        .iter()
        .enumerate()
        .filter(|(_, f)| f.name != "id")
}

/// The relation fields written as `<data>` (the ends are the element's).
fn relation_fields() -> impl Iterator<Item = (usize, &'static Field)> {
    RELATION_FIELDS
        .iter()
        .enumerate()
        .filter(|(_, f)| !matches!(f.name, "from" | "to"))
}

/// The export as a GraphML document.
pub fn write(ex: &Export) -> Vec<u8> {
    super::xml_document(|w| write_doc(w, ex))
}

fn write_doc(w: &mut Writer<Vec<u8>>, ex: &Export) -> io::Result<()> {
    let g = ex.graph;
    w.create_element("graphml")
        .with_attributes([
            ("xmlns", NS),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
            ),
        ])
        .write_inner_content(|w| {
            key(w, "g_sources", "graph", "sources", "string")?;
            key(w, "n_label", "node", "label", "string")?;
            for (_, f) in node_fields() {
                key(w, &format!("n_{}", f.name), "node", f.name, f.ty.xml_type())?;
            }
            if ex.directed {
                for (_, f) in relation_fields() {
                    key(w, &format!("e_{}", f.name), "edge", f.name, f.ty.xml_type())?;
                }
            } else {
                key(w, "e_weight", "edge", "weight", "double")?;
            }
            let edgedefault = if ex.directed { "directed" } else { "undirected" };
            w.create_element("graph")
                .with_attributes([("id", "G"), ("edgedefault", edgedefault)])
                .write_inner_content(|w| {
                    let sources = serde_json::to_string(&g.data.sources).unwrap_or_default();
                    data(w, "g_sources", &sources)?;
                    for &i in &ex.nodes {
                        let node = g.node(i);
                        let values = fields::flatten(node, NODE_FIELDS);
                        w.create_element("node")
                            .with_attribute(xml_attr("id", &node.id))
                            .write_inner_content(|w| {
                                data(w, "n_label", &node.name)?;
                                for (j, f) in node_fields() {
                                    if let Some(v) = &values[j] {
                                        data(w, &format!("n_{}", f.name), v)?;
                                    }
                                }
                                Ok(())
                            })?;
                    }
                    for (n, e) in ex.edges.iter().enumerate() {
                        let el = w
                            .create_element("edge")
                            .with_attribute(xml_attr("id", &format!("e{n}")))
                            .with_attribute(xml_attr("source", &g.node(e.from).id))
                            .with_attribute(xml_attr("target", &g.node(e.to).id));
                        el.write_inner_content(|w| {
                            if let Some(r) = e.relation {
                                let values = fields::flatten(&g.relation(r), RELATION_FIELDS);
                                for (j, f) in relation_fields() {
                                    if let Some(v) = &values[j] {
                                        data(w, &format!("e_{}", f.name), v)?;
                                    }
                                }
                            }
                            if let Some(weight) = e.weight {
                                data(w, "e_weight", &weight.to_string())?;
                            }
                            Ok(())
                        })?;
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
    Ok(())
}

fn key(w: &mut Writer<Vec<u8>>, id: &str, for_: &str, name: &str, ty: &str) -> io::Result<()> {
    let el = w.create_element("key").with_attributes([
        ("id", id),
        ("for", for_),
        ("attr.name", name),
        ("attr.type", ty),
    ]);
    if name == "weight" {
        // A relation without a weight counts once (the model's default).
        // Without a default, igraph reads a missing value as NaN, and its
        // weighted PageRank fails on the first one.
        el.write_inner_content(|w| {
            w.create_element("default")
                .write_text_content(BytesText::new(DEFAULT_WEIGHT))?;
            Ok(())
        })?;
    } else {
        el.write_empty()?;
    }
    Ok(())
}

/// The `<default>` of the `weight` key: the weight of a relation that
/// gives none.
const DEFAULT_WEIGHT: &str = "1.0";

fn data(w: &mut Writer<Vec<u8>>, key: &str, value: &str) -> io::Result<()> {
    w.create_element("data")
        .with_attribute(("key", key))
        .write_text_content(BytesText::from_escaped(super::xml_escape(value, false)))?;
    Ok(())
}

pub use crate::import::graphml::read;
