//! Graphs from other tools, read as coopgraph datasets, so that every command
//! runs on any network and `coopgraph import` can turn them into dataset files:
//!
//! - a CSV edge list: header `source,target`, with optional `weight`,
//!   `relation` (or `kind`), `start` and `end` columns, and any other
//!   relation field (see [`fields::RELATION_FIELDS`]);
//! - a CSV node list: header `id`, with optional `name` (or `label`) and `kind`
//!   (or `type`) columns, and any other node field (see [`fields::NODE_FIELDS`]),
//!   for nodes an edge list cannot carry (isolated ones) or to give names and
//!   kinds;
//! - a CSV source list: header `id,kind,title` and the other source fields;
//! - a node-link JSON document, as NetworkX's `node_link_data` writes it
//!   (`nodes` plus `links` or `edges`; dataset sources under `graph.sources`).
//!
//! Spreadsheet files as Excel writes them are accepted: a UTF-8 byte-order
//! mark, `;` as the delimiter (when the header has more `;` than `,`) and
//! CRLF line ends. Headers are case-insensitive, so Gephi's `Id`, `Label`,
//! `Source`, `Target`, `Type` and `Weight` columns read too; on an edge row
//! `Type` is Gephi's `Directed`/`Undirected` and `Label` is the relation kind.
//!
//! Each node gets a slug id made from its identifier (`Mme.Magloire` becomes
//! `mme-magloire`; a clash gets `-2`, `-3`…); a valid coopgraph id is its own
//! slug. The identifier is kept as the node's name when no name is given.
//! Nodes take the kind given by `default_kind` unless the file names one. A
//! relation value that names a relation kind allowed between the two nodes
//! becomes that kind; any other value becomes a `cooperates_with` relation
//! with that value as its role. A record without `sources` cites a source of
//! kind `imported` named after the file, with the line it came from as its
//! paragraph. A row that cannot be taken is reported with its line and the
//! reason, and left out.

pub mod fields;

use crate::diagnostic::{Diagnostic, Loc};
use crate::error::Result;
use crate::model::{
    DatasetFile, Node, NodeKind, Relation, RelationKind, Source, SourceKind, SourceRef,
};
use fields::{Field, NODE_FIELDS, RELATION_FIELDS, SOURCE_FIELDS};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;

/// How to read files from other tools.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportOptions {
    /// Kind of the nodes that a file does not give a kind to.
    pub default_kind: NodeKind,
    /// The largest file read, in bytes (`--max-input-size`).
    pub max_input_size: u64,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            default_kind: NodeKind::Organisation,
            max_input_size: crate::load::DEFAULT_MAX_INPUT_SIZE,
        }
    }
}

/// Records read from one foreign file.
#[derive(Debug, Default)]
pub struct Imported {
    /// The `imported from FILE` sources, one per file read, that records
    /// without sources cite.
    pub file_sources: Vec<Source>,
    /// Sources the file itself lists (a source list, node-link `graph.sources`).
    pub sources: Vec<(Source, Loc)>,
    /// Nodes, their location, and whether the file describes the node itself
    /// (a node list or a node-link `nodes` entry) rather than only naming it
    /// as an edge's end.
    pub nodes: Vec<(Node, Loc, bool)>,
    pub relations: Vec<(Relation, Loc)>,
}

impl Imported {
    /// The records as a dataset file: the files' own sources, then each
    /// `imported from FILE` source that a record cites.
    pub fn into_file(self) -> DatasetFile {
        let mut sources: Vec<Source> = self.sources.into_iter().map(|(s, _)| s).collect();
        for own in self.file_sources {
            let cites = |refs: &[SourceRef]| refs.iter().any(|r| r.source == own.id);
            let cited = self.nodes.iter().any(|(n, _, _)| cites(&n.sources))
                || self.relations.iter().any(|(r, _)| cites(&r.sources));
            if cited && !sources.iter().any(|s| s.id == own.id) {
                sources.push(own);
            }
        }
        DatasetFile {
            schema: None,
            sources,
            nodes: self.nodes.into_iter().map(|(n, _, _)| n).collect(),
            relations: self.relations.into_iter().map(|(r, _)| r).collect(),
        }
    }
}

/// Why a row was not taken: the field at fault, if one is, and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub field: Option<&'static str>,
    pub message: String,
}

impl RowError {
    fn new(field: Option<&'static str>, message: impl Into<String>) -> RowError {
        RowError {
            field,
            message: message.into(),
        }
    }
}

/// Turns the rows of a foreign file (table rows, XML elements, JSON
/// objects, each seen through a `get(field)` function) into records: one
/// place that assigns ids, fills in defaults and cites the file, shared by
/// every importer.
pub struct Builder {
    out: Imported,
    ids: Ids,
    source: Source,
    opts: ImportOptions,
}

impl Builder {
    /// A builder whose rows come from the file `name` (see [`Builder::file`]).
    pub fn new(name: &str, opts: &ImportOptions) -> Builder {
        let source = imported_source(name);
        Builder {
            out: Imported {
                file_sources: vec![source.clone()],
                ..Imported::default()
            },
            ids: Ids::default(),
            source,
            opts: *opts,
        }
    }

    /// Rows from now on come from the file `name` (several files, such as
    /// a `nodes.csv` and an `edges.csv`, build one graph).
    pub fn file(&mut self, name: &str) {
        self.source = imported_source(name);
        if !self.out.file_sources.iter().any(|s| s.id == self.source.id) {
            self.out.file_sources.push(self.source.clone());
        }
    }

    /// Adds a source row.
    pub fn source(
        &mut self,
        get: impl Fn(&str) -> Option<String>,
        loc: Loc,
    ) -> Result<(), RowError> {
        let s: Source =
            fields::unflatten(SOURCE_FIELDS, get).map_err(|e| RowError::new(None, e))?;
        self.out.sources.push((s, loc));
        Ok(())
    }

    /// Adds a node row, identified in the file by `key`. `get` gives the
    /// node fields; `name` falls back to `label`, then to the key.
    pub fn node(
        &mut self,
        key: &str,
        get: impl Fn(&str) -> Option<String>,
        loc: Loc,
    ) -> Result<usize, RowError> {
        let kind = match get("kind").filter(|k| !k.trim().is_empty()) {
            None => self.opts.default_kind,
            Some(k) => parse_kind(&k).ok_or_else(|| {
                RowError::new(Some("kind"), format!("unknown node kind `{}`", k.trim()))
            })?,
        };
        let name = get("name")
            .or_else(|| get("label"))
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| key.to_string());
        let cite = self.cite_json(loc.line);
        let node: Node = fields::unflatten(NODE_FIELDS, |f| match f {
            "id" => Some("-".to_string()),
            "kind" => Some(kind.as_str().to_string()),
            "name" => Some(name.clone()),
            "sources" => get(f).or_else(|| cite.clone()),
            _ => get(f),
        })
        .map_err(|e| RowError::new(None, e))?;
        let i = self.ids.get_or_add(key, &mut self.out.nodes, |id| {
            (Node { id, ..node.clone() }, loc.clone(), false)
        });
        let entry = &mut self.out.nodes[i];
        if entry.2 {
            // Described before: keep the first description, and say so
            // rather than merge or replace it silently.
            return Err(RowError::new(
                None,
                format!(
                    "node `{key}` is described twice; the description at line {} is kept",
                    entry.1.line
                ),
            ));
        }
        entry.1 = loc;
        entry.0 = Node {
            id: std::mem::take(&mut entry.0.id),
            ..node
        };
        entry.2 = true;
        Ok(i)
    }

    /// Adds an edge from `source` to `target` (keys as in the file; unseen
    /// ones become nodes of the default kind). `get` gives the relation
    /// fields; the kind also reads from `relation`.
    pub fn edge(
        &mut self,
        source: &str,
        target: &str,
        get: impl Fn(&str) -> Option<String>,
        loc: Loc,
    ) -> Result<(), RowError> {
        if let Some(w) = get("weight").filter(|w| !w.trim().is_empty()) {
            let ok = w
                .trim()
                .parse::<f64>()
                .is_ok_and(|w| w.is_finite() && w >= 0.0);
            if !ok {
                return Err(RowError::new(
                    Some("weight"),
                    format!("weight `{}` is not a non-negative number", w.trim()),
                ));
            }
        }
        let line = loc.line;
        let cite = self.cite_json(line);
        let mut rel: Relation = fields::unflatten(RELATION_FIELDS, |f| match f {
            "kind" => Some("cooperates_with".to_string()),
            "from" | "to" => Some("-".to_string()),
            "sources" => get(f).or_else(|| cite.clone()),
            _ => get(f),
        })
        .map_err(|e| RowError::new(None, e))?;
        let mut end = |key: &str| {
            let (k, source) = (self.opts.default_kind, &self.source);
            self.ids.get_or_add(key, &mut self.out.nodes, |id| {
                (new_node(id, key, k, source, line), loc.clone(), false)
            })
        };
        let (a, b) = (end(source), end(target));
        let (fk, tk) = (self.out.nodes[a].0.kind, self.out.nodes[b].0.kind);
        let value = get("kind").or_else(|| get("relation"));
        let (kind, role) = relation_kind(value.as_deref(), fk, tk);
        if let Some(role) = role {
            if rel.role.is_some() {
                return Err(RowError::new(
                    Some("kind"),
                    format!("relation kind `{role}` is unknown or not allowed from {fk} to {tk}"),
                ));
            }
            rel.role = Some(role);
        }
        rel.kind = kind;
        rel.from = self.out.nodes[a].0.id.clone();
        rel.to = self.out.nodes[b].0.id.clone();
        self.out.relations.push((rel, loc));
        Ok(())
    }

    /// The records read.
    pub fn finish(self) -> Imported {
        self.out
    }

    fn cite_json(&self, line: usize) -> Option<String> {
        serde_json::to_string(&cite(&self.source, line)).ok()
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

/// The `imported from FILE` source.
pub fn imported_source(file: &str) -> Source {
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

/// The node kind a value names.
pub fn parse_kind(v: &str) -> Option<NodeKind> {
    NodeKind::ALL
        .into_iter()
        .find(|k| k.as_str().eq_ignore_ascii_case(v.trim()))
}

/// What a CSV file lists, judged by its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Table {
    Nodes,
    Edges,
    Sources,
}

impl Table {
    /// The field a (lower-case) column holds, `Some("")` for columns read
    /// and ignored, `None` for unknown ones.
    fn field(self, column: &str) -> Option<&'static str> {
        let own = |fs: &[Field]| fs.iter().find(|f| f.name == column).map(|f| f.name);
        match (self, column) {
            (Table::Nodes, "label") => Some("name"),
            (Table::Nodes, "type") => Some("kind"),
            (Table::Nodes, _) => own(NODE_FIELDS),
            (Table::Edges, "source") => Some("source"),
            (Table::Edges, "target") => Some("target"),
            (Table::Edges, "label" | "relation") => Some("kind"),
            (Table::Edges, "type" | "id") => Some(""),
            (Table::Edges, "from" | "to") => None,
            (Table::Edges, _) => own(RELATION_FIELDS),
            (Table::Sources, _) => own(SOURCE_FIELDS),
        }
    }
}

/// `;` when the header line has more semicolons than commas (Excel in
/// many locales), else `,`.
fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    if header.matches(';').count() > header.matches(',').count() {
        b';'
    } else {
        b','
    }
}

/// Reads a CSV edge list, node list or source list (see the module docs).
pub fn csv_file(
    name: &str,
    text: &str,
    opts: &ImportOptions,
    diags: &mut Vec<Diagnostic>,
) -> Imported {
    let mut b = Builder::new(name, opts);
    csv_rows(&mut b, name, text, diags);
    b.finish()
}

/// Adds the rows of the CSV file `name` to `b` (see [`csv_file`]).
pub fn csv_rows(b: &mut Builder, name: &str, text: &str, diags: &mut Vec<Diagnostic>) {
    let file: Arc<str> = Arc::from(name);
    b.file(name);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = crate::diagnostic::LineIndex::new(text);
    // The line of a record, from its byte offset: with CRLF line ends the
    // csv crate counts lines short and starts a record at the `\n` of the
    // line before.
    let line_at = |p: &csv::Position| {
        let start = (p.byte() as usize).min(text.len());
        let skip = text[start..].len() - text[start..].trim_start_matches(['\r', '\n']).len();
        lines.loc(&file, start + skip).line as u64
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .delimiter(delimiter(text))
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
            return;
        }
    };
    let has = |name: &str| headers.iter().any(|h| h == name);
    let table = if has("source") && has("target") {
        Table::Edges
    } else if has("id") && has("title") && !has("name") && !has("label") {
        Table::Sources
    } else if has("id") {
        Table::Nodes
    } else {
        diags.push(
            Diagnostic::error(
                "schema",
                "a CSV file needs a header with `source,target` (edges) or `id` (nodes)",
            )
            .at(Some(&loc(1, 1))),
        );
        return;
    };
    let columns: Vec<Option<&'static str>> = headers.iter().map(|h| table.field(h)).collect();
    for (i, h) in headers.iter().enumerate() {
        if columns[i].is_none() {
            diags.push(
                Diagnostic::error("schema", format!("unknown column `{h}`"))
                    .at(Some(&loc(1, i + 1)))
                    .help("the columns read are listed in README.md (Import)"),
            );
        }
    }
    let column_of = |field: &str| columns.iter().position(|c| *c == Some(field));
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, line_at);
                diags
                    .push(Diagnostic::error("syntax", format!("CSV: {e}")).at(Some(&loc(line, 1))));
                continue;
            }
        };
        let line = record.position().map_or(0, line_at);
        let get = |field: &str| {
            column_of(field)
                .and_then(|c| record.get(c))
                .filter(|s| !s.trim().is_empty())
                .map(String::from)
        };
        let key = |field: &str| get(field).map(|s| s.trim().to_string());
        let result = match table {
            Table::Sources => b.source(get, loc(line, 1)),
            Table::Nodes => match key("id") {
                Some(k) => b.node(&k, get, loc(line, 1)).map(|_| ()),
                None => Err(RowError::new(Some("id"), "empty `id`")),
            },
            Table::Edges => match (key("source"), key("target")) {
                (Some(s), Some(t)) => b.edge(&s, &t, get, loc(line, 1)),
                _ => Err(RowError::new(
                    None,
                    "an edge needs both `source` and `target`",
                )),
            },
        };
        if let Err(e) = result {
            let column = e.field.and_then(column_of).map_or(1, |c| c + 1);
            diags.push(Diagnostic::error("schema", e.message).at(Some(&loc(line, column))));
        }
    }
}

/// Whether a parsed JSON document is node-link data rather than a dataset.
pub fn is_node_link(v: &Value) -> bool {
    v.get("links").is_some()
        || v.get("edges").is_some()
        || v.get("directed").is_some()
        || v.get("multigraph").is_some()
}

/// The text of a JSON value as the flat form holds it: strings as they
/// are, anything else as JSON.
pub(crate) fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// A node key in node-link data: a string, number or boolean. An object or
/// a list names no node (NetworkX writes keys as scalars), so it is refused
/// rather than turned into a node named by its JSON text.
fn key_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(_) | Value::Bool(_) => Some(v.to_string()),
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
    let mut b = Builder::new(name, opts);
    #[derive(serde::Deserialize)]
    struct Graph<'a> {
        #[serde(borrow, default)]
        sources: Vec<&'a serde_json::value::RawValue>,
    }
    #[derive(serde::Deserialize)]
    struct Doc<'a> {
        #[serde(borrow, default)]
        graph: Option<Graph<'a>>,
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
            return b.finish();
        }
    };
    let lines = crate::diagnostic::LineIndex::new(text);
    let locate = |raw: &serde_json::value::RawValue| {
        lines.loc(&file, raw.get().as_ptr() as usize - text.as_ptr() as usize)
    };
    let object = |raw: &serde_json::value::RawValue| {
        serde_json::from_str::<Value>(raw.get()).unwrap_or(Value::Null)
    };
    let mut report = |loc: &Loc, e: RowError| {
        diags.push(Diagnostic::error("schema", e.message).at(Some(loc)));
    };
    let sources = doc.graph.map(|g| g.sources).unwrap_or_default();
    for raw in sources {
        let (loc, v) = (locate(raw), object(raw));
        if let Err(e) = b.source(|f| v.get(f).and_then(text_of), loc.clone()) {
            report(&loc, e);
        }
    }
    for raw in &doc.nodes {
        let (loc, v) = (locate(raw), object(raw));
        let result = match v.get("id").and_then(key_of) {
            Some(key) => b
                .node(&key, |f| v.get(f).and_then(text_of), loc.clone())
                .map(|_| ()),
            None => Err(RowError::new(
                None,
                "a node needs an `id`, a string or number",
            )),
        };
        if let Err(e) = result {
            report(&loc, e);
        }
    }
    for raw in doc.links.iter().chain(&doc.edges) {
        let (loc, v) = (locate(raw), object(raw));
        let end = |k: &str| v.get(k).and_then(key_of);
        let result = match (end("source"), end("target")) {
            (Some(s), Some(t)) => b.edge(&s, &t, |f| v.get(f).and_then(text_of), loc.clone()),
            _ => Err(RowError::new(
                None,
                "a link needs `source` and `target`, each a string or number",
            )),
        };
        if let Err(e) = result {
            report(&loc, e);
        }
    }
    b.finish()
}
