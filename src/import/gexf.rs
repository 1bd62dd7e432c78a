//! Reading GEXF (see [`crate::interchange::gexf`] for the format as
//! coopgraph writes it).
//!
//! [`read`] takes GEXF 1.x as Gephi writes it: `<attributes>` declare what
//! each `<attvalue for=…>` holds, and attributes titled like coopgraph
//! fields fill those fields (the rest are ignored); a node's `label` is its
//! name; an edge's `label` (or `kind`) names its relation kind, as in a CSV
//! edge list, and its `weight` attribute is the weight. Without `start` or
//! `end` fields, a date-formatted spell (the element's `start`/`end`, or
//! its first `<spell>`) gives them. DOCTYPE declarations are refused.

use super::xml::{Item, add_items, attribute, next_event};
use super::{Builder, ImportOptions, Imported};
use crate::diagnostic::{Diagnostic, LineIndex, Loc};
use quick_xml::events::Event;
use std::collections::HashMap;
use std::sync::Arc;

/// Reads a GEXF document into records (see the module docs); problems go
/// to `diags` with their line.
pub fn read(name: &str, text: &str, opts: &ImportOptions, diags: &mut Vec<Diagnostic>) -> Imported {
    let file: Arc<str> = Arc::from(name);
    let lines = LineIndex::new(text);
    let mut b = Builder::new(name, opts);
    let mut reader = quick_xml::Reader::from_reader(text.as_bytes());
    // (class, attribute id) -> title.
    let mut titles: HashMap<(String, String), String> = HashMap::new();
    let mut class = String::new();
    let mut dates = false;
    // coopgraph's own export carries every field as an attribute; its
    // spells are derived from them (an edge's from its project's), so they
    // are not read back.
    let own = text.contains("<creator>coopgraph</creator>");
    let (mut nodes, mut edges): (Vec<Item>, Vec<Item>) = (Vec::new(), Vec::new());
    let mut current: Option<(char, Item)> = None;
    let mut in_description = false;
    let mut description = String::new();
    // Whether edges are directed unless they say otherwise (the graph's
    // `defaultedgetype`), and the undirected ones: how many, the first where.
    let mut directed = true;
    let mut undirected: (usize, Option<Loc>) = (0, None);
    while let Some((event, loc)) = next_event(&mut reader, &lines, &file, "GEXF", diags) {
        let empty = matches!(event, Event::Empty(_));
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let attr = |k: &str| attribute(e, k);
                match e.local_name().as_ref() {
                    b"description" if !empty => in_description = true,
                    b"graph" => {
                        dates = !own && attr("timeformat").is_some_and(|f| f.contains("date"));
                        directed = attr("defaultedgetype").is_none_or(|t| t != "undirected");
                    }
                    b"attributes" => class = attr("class").unwrap_or_default(),
                    b"attribute" => {
                        if let Some(id) = attr("id") {
                            let title = attr("title").unwrap_or_else(|| id.clone());
                            titles.insert((class.clone(), id), title);
                        }
                    }
                    tag @ (b"node" | b"edge") => {
                        let is_node = tag == b"node";
                        let mut item = Item {
                            id: attr("id").unwrap_or_default(),
                            source: attr("source").unwrap_or_default(),
                            target: attr("target").unwrap_or_default(),
                            loc: Some(loc),
                            ..Item::default()
                        };
                        if let Some(label) = attr("label") {
                            let field = if is_node { "name" } else { "kind" };
                            item.data.insert(field.into(), label);
                        }
                        let edge_directed = attr("type").map_or(directed, |t| t != "undirected");
                        if !is_node && !edge_directed {
                            undirected.0 += 1;
                            if undirected.1.is_none() {
                                undirected.1 = item.loc.clone();
                            }
                        }
                        if !is_node {
                            if let Some(kind) = attr("kind") {
                                item.data.insert("kind".into(), kind);
                            }
                            if let Some(w) = attr("weight") {
                                item.data.insert("weight".into(), w);
                            }
                        }
                        if dates {
                            spell_dates(&mut item, &attr("start"), &attr("end"));
                        }
                        let tag = if is_node { 'n' } else { 'e' };
                        if empty {
                            push(tag, item, &mut nodes, &mut edges);
                        } else {
                            current = Some((tag, item));
                        }
                    }
                    b"attvalue" => {
                        if let Some((tag, item)) = current.as_mut() {
                            let class = if *tag == 'n' { "node" } else { "edge" };
                            let key = attr("for").or_else(|| attr("id")).unwrap_or_default();
                            let title = titles.get(&(class.to_string(), key.clone())).cloned();
                            if let (Some(title), Some(v)) = (title.or(Some(key)), attr("value")) {
                                item.data.insert(title, v);
                            }
                        }
                    }
                    b"spell" if dates => {
                        if let Some((_, item)) = current.as_mut() {
                            spell_dates(item, &attr("start"), &attr("end"));
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_description => {
                if let Ok(text) = t.unescape() {
                    description.push_str(&text);
                }
            }
            Event::End(e) if e.local_name().as_ref() == b"description" => in_description = false,
            Event::End(e) => {
                if matches!(e.local_name().as_ref(), b"node" | b"edge")
                    && let Some((tag, item)) = current.take()
                {
                    push(tag, item, &mut nodes, &mut edges);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let start = Loc {
        file: file.clone(),
        line: 1,
        column: 1,
    };
    // coopgraph's own GEXF carries the dataset's sources (see the writer).
    if let Some(json) = description.strip_prefix("coopgraph sources: ") {
        match serde_json::from_str::<Vec<serde_json::Value>>(json) {
            Ok(list) => {
                for v in &list {
                    if let Err(e) = b.source(|f| super::text_of(v.get(f)?), start.clone()) {
                        diags.push(Diagnostic::error("schema", e.message).at(Some(&start)));
                    }
                }
            }
            Err(e) => diags.push(
                Diagnostic::error(
                    "schema",
                    format!("sources in the description: not a JSON list ({e})"),
                )
                .at(Some(&start)),
            ),
        }
    }
    if let (n, Some(at)) = undirected {
        b.undirected(n, &at);
    }
    add_items(&mut b, nodes, edges, &start, diags);
    b.finish(diags)
}

fn push(tag: char, item: Item, nodes: &mut Vec<Item>, edges: &mut Vec<Item>) {
    if tag == 'n' {
        nodes.push(item);
    } else {
        edges.push(item);
    }
}

/// A spell's dates as the item's start and end, unless it has its own.
fn spell_dates(item: &mut Item, start: &Option<String>, end: &Option<String>) {
    for (field, value) in [("start", start), ("end", end)] {
        if let Some(v) = value {
            item.data
                .entry(field.to_string())
                .or_insert_with(|| v.clone());
        }
    }
}
