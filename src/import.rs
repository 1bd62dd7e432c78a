//! Graphs from other tools, read as coopgraph datasets, so that every command
//! runs on any network:
//!
//! - a CSV edge list: header `source,target`, with optional `weight`,
//!   `relation`, `start` and `end` columns;
//! - a CSV node list: header `id`, with optional `name` (or `label`) and `kind`
//!   columns, for nodes an edge list cannot carry (isolated ones) or to give
//!   names and kinds;
//! - a node-link JSON document, as NetworkX's `node_link_data` writes it
//!   (`nodes` plus `links` or `edges`).
//!
//! Each node gets a slug id made from its identifier (`Mme.Magloire` becomes
//! `mme-magloire`; a clash gets `-2`, `-3`…). The identifier is kept as the
//! node's name. Nodes take the kind given by `default_kind` unless the file
//! names one. A relation column that names a relation kind allowed between
//! the two nodes becomes that kind; any other value becomes a
//! `cooperates_with` relation with that value as its role. Every record cites
//! a source of kind `imported` named after the file, with the line it came
//! from as its paragraph.

use crate::diagnostic::{Diagnostic, Loc};
use crate::model::{Node, NodeKind, Relation, RelationKind, Source, SourceKind, SourceRef};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;

/// How to read files from other tools.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportOptions {
    /// Kind of the nodes that a file does not give a kind to.
    pub default_kind: NodeKind,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            default_kind: NodeKind::Organisation,
        }
    }
}

/// Records read from one foreign file.
#[derive(Debug, Default)]
pub struct Imported {
    pub source: Option<Source>,
    /// Nodes, their location, and whether the file describes the node itself
    /// (a node list or a node-link `nodes` entry) rather than only naming it
    /// as an edge's end.
    pub nodes: Vec<(Node, Loc, bool)>,
    pub relations: Vec<(Relation, Loc)>,
}

/// An edge as a foreign file gives it.
struct Edge<'a> {
    source: &'a str,
    target: &'a str,
    relation: Option<&'a str>,
    start: Option<String>,
    end: Option<String>,
    weight: Option<f64>,
    loc: Loc,
}

impl Imported {
    /// Adds an edge: its end nodes (created with the default kind on first
    /// sight) and the relation, citing `source` at the edge's line.
    fn push_edge(&mut self, ids: &mut Ids, opts: &ImportOptions, source: &Source, e: Edge) {
        let line = e.loc.line;
        let mut end = |key: &str| {
            let k = opts.default_kind;
            ids.get_or_add(key, &mut self.nodes, |id| {
                (new_node(id, key, k, source, line), e.loc.clone(), false)
            })
        };
        let (a, b) = (end(e.source), end(e.target));
        let (fk, tk) = (self.nodes[a].0.kind, self.nodes[b].0.kind);
        let (kind, role) = relation_kind(e.relation, fk, tk);
        let rel = Relation {
            role,
            start: e.start,
            end: e.end,
            weight: e.weight,
            ..Relation::new(
                kind,
                self.nodes[a].0.id.clone(),
                self.nodes[b].0.id.clone(),
                cite(source, line),
            )
        };
        self.relations.push((rel, e.loc));
    }
}

/// Lowercase ASCII slug of an identifier; empty input gives `node`. A letter
/// or digit outside ASCII that folding does not reduce to ASCII becomes
/// `u` and its hex code, so that names in other scripts keep distinct ids
/// (the same name always gets the same id, in every file).
///
/// ```
/// assert_eq!(coopgraph::import::slug("Mme.Magloire"), "mme-magloire");
/// assert_eq!(coopgraph::import::slug("Ñandú 2"), "nandu-2");
/// assert_eq!(coopgraph::import::slug("北京"), "u5317-u4eac");
/// ```
pub fn slug(s: &str) -> String {
    let folded = crate::names::fold(s);
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c.is_alphanumeric() {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
            out.push_str(&format!("u{:x}-", c as u32));
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        "node".to_string()
    } else {
        out
    }
}

/// Assigns slug ids to foreign identifiers, first come first served.
#[derive(Default)]
struct Ids {
    by_key: HashMap<String, usize>,
    used: HashMap<String, usize>,
    /// Every id given out: a suffixed id (`a-2`) must not be one that a
    /// later identifier slugs to on its own (`a-2`), or the two merge.
    taken: std::collections::HashSet<String>,
}

impl Ids {
    /// Index of the node for `key`, creating it (with `make`) on first sight.
    fn get_or_add(
        &mut self,
        key: &str,
        nodes: &mut Vec<(Node, Loc, bool)>,
        make: impl FnOnce(String) -> (Node, Loc, bool),
    ) -> usize {
        if let Some(&i) = self.by_key.get(key) {
            return i;
        }
        let base = slug(key);
        let n = self.used.entry(base.clone()).or_insert(0);
        let id = loop {
            *n += 1;
            let id = if *n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            if !self.taken.contains(&id) {
                break id;
            }
        };
        self.taken.insert(id.clone());
        nodes.push(make(id));
        self.by_key.insert(key.to_string(), nodes.len() - 1);
        nodes.len() - 1
    }
}

fn imported_source(file: &str) -> Source {
    Source {
        id: format!("imported:{file}"),
        kind: SourceKind::Imported,
        title: format!("imported from {file}"),
        lang: None,
        translates: None,
        publisher: None,
        file: Some(file.to_string()),
        url: None,
        updated: None,
        note: Some("para = line of the file".into()),
    }
}

fn cite(source: &Source, line: usize) -> Vec<SourceRef> {
    vec![SourceRef {
        source: source.id.clone(),
        para: u32::try_from(line).ok(),
    }]
}

fn new_node(id: String, name: &str, kind: NodeKind, source: &Source, line: usize) -> Node {
    Node::new(id, kind, name.to_string(), cite(source, line))
}

/// The relation kind a foreign `relation` value names, if it is allowed
/// between the two kinds; else `cooperates_with` with the value as role.
fn relation_kind(
    value: Option<&str>,
    from: NodeKind,
    to: NodeKind,
) -> (RelationKind, Option<String>) {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return (RelationKind::CooperatesWith, None);
    };
    RelationKind::ALL
        .iter()
        .find(|k| k.as_str() == v && k.allowed(from, to))
        .map_or((RelationKind::CooperatesWith, Some(v.to_string())), |k| {
            (*k, None)
        })
}

fn parse_kind(v: &str) -> Option<NodeKind> {
    NodeKind::ALL.into_iter().find(|k| k.as_str() == v.trim())
}

/// Reads a CSV edge list or node list (see the module docs).
pub fn csv_file(
    name: &str,
    text: &str,
    opts: &ImportOptions,
    diags: &mut Vec<Diagnostic>,
) -> Imported {
    let file: Arc<str> = Arc::from(name);
    let source = imported_source(name);
    let mut out = Imported::default();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let loc = |line: u64, column: usize| Loc {
        file: file.clone(),
        line: line as usize,
        column,
    };
    let headers = match reader.headers() {
        Ok(h) => h
            .iter()
            .map(|s| s.trim().to_lowercase())
            .collect::<Vec<_>>(),
        Err(e) => {
            diags.push(
                Diagnostic::error("syntax", format!("cannot read the CSV header: {e}"))
                    .at(Some(&loc(1, 1))),
            );
            return out;
        }
    };
    let col = |name: &str| headers.iter().position(|h| h == name);
    let is_edges = col("source").is_some() && col("target").is_some();
    let is_nodes = !is_edges && col("id").is_some();
    let known: &[&str] = if is_edges {
        &["source", "target", "weight", "relation", "start", "end"]
    } else {
        &["id", "name", "label", "kind"]
    };
    if !is_edges && !is_nodes {
        diags.push(
            Diagnostic::error(
                "schema",
                "a CSV file needs a header with `source,target` (edges) or `id` (nodes)",
            )
            .at(Some(&loc(1, 1))),
        );
        return out;
    }
    for (i, h) in headers.iter().enumerate() {
        if !known.contains(&h.as_str()) {
            diags.push(
                Diagnostic::error("schema", format!("unknown column `{h}`"))
                    .at(Some(&loc(1, i + 1)))
                    .help(format!("columns read: {}", known.join(", "))),
            );
        }
    }
    let mut ids = Ids::default();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                diags
                    .push(Diagnostic::error("syntax", format!("CSV: {e}")).at(Some(&loc(line, 1))));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let get = |name: &str| {
            col(name)
                .and_then(|c| record.get(c))
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        if is_nodes {
            let Some(key) = get("id") else {
                diags.push(Diagnostic::error("schema", "empty `id`").at(Some(&loc(line, 1))));
                continue;
            };
            let kind = match get("kind").map(|k| (k, parse_kind(k))) {
                Some((_, Some(k))) => k,
                Some((k, None)) => {
                    diags.push(
                        Diagnostic::error("schema", format!("unknown node kind `{k}`"))
                            .at(Some(&loc(line, col("kind").unwrap_or(0) + 1))),
                    );
                    continue;
                }
                None => opts.default_kind,
            };
            let name = get("name").or(get("label")).unwrap_or(key).to_string();
            let i = ids.get_or_add(key, &mut out.nodes, |id| {
                (
                    new_node(id, &name, kind, &source, line as usize),
                    loc(line, 1),
                    true,
                )
            });
            out.nodes[i].0.kind = kind;
            out.nodes[i].0.name = name;
            out.nodes[i].2 = true;
            continue;
        }
        let (Some(s), Some(t)) = (get("source"), get("target")) else {
            diags.push(
                Diagnostic::error("schema", "an edge needs both `source` and `target`")
                    .at(Some(&loc(line, 1))),
            );
            continue;
        };
        let weight = match get("weight").map(|w| (w, w.parse::<f64>())) {
            None => None,
            Some((_, Ok(w))) if w.is_finite() && w >= 0.0 => Some(w),
            Some((w, _)) => {
                diags.push(
                    Diagnostic::error(
                        "schema",
                        format!("weight `{w}` is not a non-negative number"),
                    )
                    .at(Some(&loc(line, col("weight").map_or(1, |c| c + 1)))),
                );
                continue;
            }
        };
        out.push_edge(
            &mut ids,
            opts,
            &source,
            Edge {
                source: s,
                target: t,
                relation: get("relation"),
                start: get("start").map(String::from),
                end: get("end").map(String::from),
                weight,
                loc: loc(line, 1),
            },
        );
    }
    out.source = Some(source);
    out
}

/// Whether a parsed JSON document is node-link data rather than a dataset.
pub fn is_node_link(v: &Value) -> bool {
    v.get("links").is_some()
        || v.get("edges").is_some()
        || v.get("directed").is_some()
        || v.get("multigraph").is_some()
}

fn key_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Reads node-link JSON (already known to be valid JSON).
pub fn node_link(
    name: &str,
    text: &str,
    opts: &ImportOptions,
    diags: &mut Vec<Diagnostic>,
) -> Imported {
    let file: Arc<str> = Arc::from(name);
    let source = imported_source(name);
    let mut out = Imported::default();
    #[derive(serde::Deserialize)]
    struct Doc<'a> {
        #[serde(borrow, default)]
        nodes: Vec<&'a serde_json::value::RawValue>,
        #[serde(borrow, default)]
        links: Vec<&'a serde_json::value::RawValue>,
        #[serde(borrow, default)]
        edges: Vec<&'a serde_json::value::RawValue>,
    }
    let doc: Doc = match serde_json::from_str(text) {
        Ok(d) => d,
        Err(e) => {
            diags.push(
                Diagnostic::error("schema", format!("node-link JSON: {e}")).at(Some(&Loc {
                    file: file.clone(),
                    line: e.line(),
                    column: e.column(),
                })),
            );
            return out;
        }
    };
    let lines = crate::diagnostic::LineIndex::new(text);
    let locate = |raw: &serde_json::value::RawValue| {
        lines.loc(&file, raw.get().as_ptr() as usize - text.as_ptr() as usize)
    };
    let mut ids = Ids::default();
    for raw in &doc.nodes {
        let loc = locate(raw);
        let v: Value = serde_json::from_str(raw.get()).unwrap_or(Value::Null);
        let Some(key) = v.get("id").and_then(key_of) else {
            diags.push(
                Diagnostic::error("schema", "a node needs an `id` (string or number)")
                    .at(Some(&loc)),
            );
            continue;
        };
        let kind = v
            .get("kind")
            .and_then(Value::as_str)
            .and_then(parse_kind)
            .unwrap_or(opts.default_kind);
        let name = v
            .get("name")
            .or(v.get("label"))
            .and_then(Value::as_str)
            .map_or(key.clone(), String::from);
        let line = loc.line;
        ids.get_or_add(&key, &mut out.nodes, |id| {
            (new_node(id, &name, kind, &source, line), loc.clone(), true)
        });
    }
    for raw in doc.links.iter().chain(&doc.edges) {
        let loc = locate(raw);
        let v: Value = serde_json::from_str(raw.get()).unwrap_or(Value::Null);
        let (Some(s), Some(t)) = (
            v.get("source").and_then(key_of),
            v.get("target").and_then(key_of),
        ) else {
            diags.push(
                Diagnostic::error("schema", "a link needs `source` and `target`").at(Some(&loc)),
            );
            continue;
        };
        let weight = match v.get("weight") {
            None | Some(Value::Null) => None,
            Some(w) => match w.as_f64().filter(|w| w.is_finite() && *w >= 0.0) {
                Some(w) => Some(w),
                None => {
                    diags.push(
                        Diagnostic::error(
                            "schema",
                            format!("weight {w} is not a non-negative number"),
                        )
                        .at(Some(&loc)),
                    );
                    continue;
                }
            },
        };
        let date = |k: &str| v.get(k).and_then(key_of);
        out.push_edge(
            &mut ids,
            opts,
            &source,
            Edge {
                source: &s,
                target: &t,
                relation: v.get("relation").and_then(Value::as_str),
                start: date("start"),
                end: date("end"),
                weight,
                loc,
            },
        );
    }
    out.source = Some(source);
    out
}
