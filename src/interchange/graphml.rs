//! GraphML, as Gephi, yEd, NetworkX (`read_graphml`) and igraph read it.
//!
//! Every node and relation field has a typed `<key>` (`attr.type` string,
//! boolean or double) named as in the data model; compound fields are JSON
//! text (see [`crate::import::fields`]). Nodes also carry a `label` key (the
//! name) for the tools that label nodes by it. The dataset's sources are a
//! graph-level `sources` key holding a JSON list. The actors projection is
//! an undirected graph whose edges carry only `weight`.
//!
//! The reader takes any GraphML whose keys have `attr.name`s: keys named
//! like coopgraph fields fill those fields, the rest are ignored. It refuses
//! DOCTYPE declarations, so entities are never defined or expanded.
//! Characters that XML 1.0 cannot hold (most control characters, raw or as
//! `&#2;`) are read as U+FFFD, as the writer writes them, so that reading
//! an export of what was read gives the same dataset.

use super::{Export, xml_attr, xml_safe};
use crate::diagnostic::{Diagnostic, LineIndex, Loc};
use crate::import::fields::{self, Field, NODE_FIELDS, RELATION_FIELDS};
use crate::import::{Builder, ImportOptions, Imported};
use quick_xml::Writer;
use quick_xml::events::{BytesStart, BytesText, Event};
use std::collections::HashMap;
use std::io;
use std::sync::Arc;

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
    w.create_element("key")
        .with_attributes([
            ("id", id),
            ("for", for_),
            ("attr.name", name),
            ("attr.type", ty),
        ])
        .write_empty()?;
    Ok(())
}

fn data(w: &mut Writer<Vec<u8>>, key: &str, value: &str) -> io::Result<()> {
    w.create_element("data")
        .with_attribute(("key", key))
        .write_text_content(BytesText::from_escaped(super::xml_escape(value, false)))?;
    Ok(())
}

/// An element being read: its attributes' values by key name, and where
/// it starts.
#[derive(Default)]
struct Item {
    id: String,
    source: String,
    target: String,
    data: HashMap<String, String>,
    loc: Option<Loc>,
}

/// Reads a GraphML document into records (see the module docs); problems
/// go to `diags` with their line.
pub fn read(name: &str, text: &str, opts: &ImportOptions, diags: &mut Vec<Diagnostic>) -> Imported {
    let file: Arc<str> = Arc::from(name);
    let lines = LineIndex::new(text);
    let mut b = Builder::new(name, opts);
    let mut reader = quick_xml::Reader::from_str(text);
    let mut keys: HashMap<String, String> = HashMap::new();
    let mut graph = Item::default();
    let mut nodes: Vec<Item> = Vec::new();
    let mut edges: Vec<Item> = Vec::new();
    // 'n' node, 'e' edge, 'g' graph: the element `<data>` belongs to.
    let mut open: Vec<char> = Vec::new();
    let mut current = Item::default();
    let mut data_key: Option<String> = None;
    let mut text_buf = String::new();
    loop {
        let at = reader.buffer_position() as usize;
        let loc = lines.loc(&file, at.min(text.len()));
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                diags.push(Diagnostic::error("syntax", format!("GraphML: {e}")).at(Some(&loc)));
                break;
            }
        };
        if let Err(msg) = super::refuse_doctype(&event) {
            diags.push(Diagnostic::error("syntax", msg).at(Some(&loc)));
            break;
        }
        let empty = matches!(event, Event::Empty(_));
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let attr = |k: &str| attribute(e, k);
                match e.local_name().as_ref() {
                    b"key" => {
                        if let Some(id) = attr("id") {
                            let name = attr("attr.name").unwrap_or_else(|| id.clone());
                            keys.insert(id, name);
                        }
                    }
                    b"node" => {
                        current = Item {
                            id: attr("id").unwrap_or_default(),
                            loc: Some(loc),
                            ..Item::default()
                        };
                        open.push('n');
                        if empty {
                            open.pop();
                            nodes.push(std::mem::take(&mut current));
                        }
                    }
                    b"edge" => {
                        current = Item {
                            source: attr("source").unwrap_or_default(),
                            target: attr("target").unwrap_or_default(),
                            loc: Some(loc),
                            ..Item::default()
                        };
                        open.push('e');
                        if empty {
                            open.pop();
                            edges.push(std::mem::take(&mut current));
                        }
                    }
                    b"graph" if !empty => open.push('g'),
                    b"data" if !empty && data_key.is_none() => {
                        let k = attr("key").unwrap_or_default();
                        data_key = Some(keys.get(&k).cloned().unwrap_or(k));
                        text_buf.clear();
                    }
                    _ => {}
                }
            }
            Event::Text(t) if data_key.is_some() => match t.unescape() {
                Ok(s) => text_buf.push_str(&s),
                Err(e) => {
                    diags.push(Diagnostic::error("syntax", format!("GraphML: {e}")).at(Some(&loc)));
                    break;
                }
            },
            Event::CData(c) if data_key.is_some() => {
                text_buf.push_str(&String::from_utf8_lossy(c));
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"data" => {
                    if let Some(k) = data_key.take() {
                        let value = xml_safe(&std::mem::take(&mut text_buf)).into_owned();
                        match open.last() {
                            Some('n' | 'e') => current.data.insert(k, value),
                            _ => graph.data.insert(k, value),
                        };
                    }
                }
                b"node" => {
                    open.pop();
                    nodes.push(std::mem::take(&mut current));
                }
                b"edge" => {
                    open.pop();
                    edges.push(std::mem::take(&mut current));
                }
                b"graph" => {
                    open.pop();
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    let graph_loc = Loc {
        file: file.clone(),
        line: 1,
        column: 1,
    };
    if let Some(json) = graph.data.get("sources") {
        match serde_json::from_str::<Vec<serde_json::Value>>(json) {
            Ok(list) => {
                for v in &list {
                    if let Err(e) =
                        b.source(|f| crate::import::text_of(v.get(f)?), graph_loc.clone())
                    {
                        diags.push(Diagnostic::error("schema", e.message).at(Some(&graph_loc)));
                    }
                }
            }
            Err(e) => diags.push(
                Diagnostic::error("schema", format!("graph `sources`: not a JSON list ({e})"))
                    .at(Some(&graph_loc)),
            ),
        }
    }
    for item in nodes {
        let loc = item.loc.unwrap_or_else(|| graph_loc.clone());
        let result = if item.id.trim().is_empty() {
            Err("a node needs an `id`".to_string())
        } else {
            b.node(item.id.trim(), |f| item.data.get(f).cloned(), loc.clone())
                .map(|_| ())
                .map_err(|e| e.message)
        };
        if let Err(msg) = result {
            diags.push(Diagnostic::error("schema", msg).at(Some(&loc)));
        }
    }
    for item in edges {
        let loc = item.loc.unwrap_or_else(|| graph_loc.clone());
        let (s, t) = (item.source.trim(), item.target.trim());
        let result = if s.is_empty() || t.is_empty() {
            Err("an edge needs `source` and `target`".to_string())
        } else {
            b.edge(s, t, |f| item.data.get(f).cloned(), loc.clone())
                .map_err(|e| e.message)
        };
        if let Err(msg) = result {
            diags.push(Diagnostic::error("schema", msg).at(Some(&loc)));
        }
    }
    b.finish()
}

/// An attribute's unescaped value.
fn attribute(e: &BytesStart, key: &str) -> Option<String> {
    let a = e.try_get_attribute(key).ok()??;
    a.unescape_value().ok().map(|v| xml_safe(&v).into_owned())
}
