//! Reading GraphML (see [`crate::interchange::graphml`] for the format as
//! coopgraph writes it). The reader takes any GraphML whose keys have
//! `attr.name`s: keys named like coopgraph fields fill those fields, the
//! rest are ignored. It refuses DOCTYPE declarations, so entities are never
//! defined or expanded. Characters that XML 1.0 cannot hold (most control
//! characters, raw or as `&#2;`) are read as U+FFFD, as the writer writes
//! them, so that reading an export of what was read gives the same dataset.

use super::xml::{Item, add_items, attribute, next_event, xml_safe};
use super::{Builder, ImportOptions, Imported};
use crate::diagnostic::{Diagnostic, LineIndex, Loc};
use quick_xml::events::Event;
use std::collections::HashMap;
use std::sync::Arc;

/// Reads a GraphML document into records (see the module docs); problems
/// go to `diags` with their line.
pub fn read(name: &str, text: &str, opts: &ImportOptions, diags: &mut Vec<Diagnostic>) -> Imported {
    let file: Arc<str> = Arc::from(name);
    let lines = LineIndex::new(text);
    let mut b = Builder::new(name, opts);
    let mut reader = quick_xml::Reader::from_reader(text.as_bytes());
    let mut keys: HashMap<String, String> = HashMap::new();
    let mut graph = Item::default();
    let mut nodes: Vec<Item> = Vec::new();
    let mut edges: Vec<Item> = Vec::new();
    // 'n' node, 'e' edge, 'g' graph: the element `<data>` belongs to.
    let mut open: Vec<char> = Vec::new();
    let mut current = Item::default();
    let mut data_key: Option<String> = None;
    let mut text_buf = String::new();
    // Whether edges are directed unless they say otherwise (the graph's
    // `edgedefault`), and the undirected ones: how many, the first where.
    let mut directed = true;
    let mut undirected: (usize, Option<Loc>) = (0, None);
    while let Some((event, loc)) = next_event(&mut reader, &lines, &file, "GraphML", diags) {
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
                        let directed = attr("directed").map_or(directed, |d| d != "false");
                        if !directed {
                            undirected.0 += 1;
                            undirected.1.get_or_insert_with(|| loc.clone());
                        }
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
                    b"graph" => {
                        directed = attr("edgedefault").is_none_or(|d| d != "undirected");
                        if !empty {
                            open.push('g');
                        }
                    }
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
    if let (n, Some(at)) = undirected {
        b.undirected(n, &at);
    }
    add_items(&mut b, nodes, edges, &graph_loc, diags);
    b.finish(diags)
}
