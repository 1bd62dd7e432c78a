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
use crate::model::{Node, NodeKind, Relation, RelationKind, Source, SourceKind, SourceRef};
use crate::store::{RelationParts, Store, Sym};
use fields::{Field, NODE_FIELDS, RELATION_FIELDS, SOURCE_FIELDS};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde_json::Value;
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

/// Records read from foreign files: a [`Store`] (see [`Store::to_file`]
/// for the dataset file `coopgraph import` writes).
pub type Imported = Store;

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

/// Relation fields that the compact path of [`Builder::edge`] does not read
/// itself: a row giving any of them goes through the flat form.
const RARE_EDGE_FIELDS: &[&str] = &[
    "amount",
    "share",
    "place",
    "within",
    "on_behalf_of",
    "note",
    "sources",
];

/// The fields an edge row may give, so that [`Builder::edge`] asks `get`
/// only for those (a CSV header says which; other formats may give any).
#[derive(Debug, Clone, Copy)]
struct EdgeFields {
    weight: bool,
    rare: bool,
    kind: bool,
    relation: bool,
    role: bool,
    start: bool,
    end: bool,
}

impl EdgeFields {
    const ANY: EdgeFields = EdgeFields {
        weight: true,
        rare: true,
        kind: true,
        relation: true,
        role: true,
        start: true,
        end: true,
    };
}

/// Turns the rows of a foreign file (table rows, XML elements, JSON
/// objects, each seen through a `get(field)` function) into records of a
/// [`Store`]: one place that assigns ids, fills in defaults and cites the
/// file, shared by every importer.
pub struct Builder {
    out: Store,
    ids: Ids,
    source: Source,
    source_sym: Sym,
    opts: ImportOptions,
    /// Per node: whether a node row described it.
    described: Vec<bool>,
    edge_fields: EdgeFields,
}

impl Builder {
    /// A builder whose rows come from the file `name` (see [`Builder::file`]).
    pub fn new(name: &str, opts: &ImportOptions) -> Builder {
        let mut out = Store::new();
        let source = imported_source(name);
        let source_sym = out.intern(&source.id);
        out.push_file_source(source.clone());
        Builder {
            out,
            ids: Ids::default(),
            source,
            source_sym,
            opts: *opts,
            described: Vec::new(),
            edge_fields: EdgeFields::ANY,
        }
    }

    /// Says which fields the edge rows to come can give (`None`: any). A
    /// reader that knows, such as a CSV file by its header, saves the
    /// builder from asking for the others on every row.
    pub fn edge_fields(&mut self, fields: Option<&[&str]>) {
        self.edge_fields = match fields {
            None => EdgeFields::ANY,
            Some(fs) => {
                let has = |f: &str| fs.contains(&f);
                EdgeFields {
                    weight: has("weight"),
                    rare: RARE_EDGE_FIELDS.iter().any(|f| has(f)),
                    kind: has("kind"),
                    relation: has("relation"),
                    role: has("role"),
                    start: has("start"),
                    end: has("end"),
                }
            }
        };
    }

    /// Rows from now on come from the file `name` (several files, such as
    /// a `nodes.csv` and an `edges.csv`, build one graph).
    pub fn file(&mut self, name: &str) {
        self.source = imported_source(name);
        self.source_sym = self.out.intern(&self.source.id);
        self.out.push_file_source(self.source.clone());
    }

    /// Adds a source row.
    pub fn source<S: AsRef<str>>(
        &mut self,
        get: impl Fn(&str) -> Option<S>,
        loc: Loc,
    ) -> Result<(), RowError> {
        let s: Source =
            fields::unflatten(SOURCE_FIELDS, owned(&get)).map_err(|e| RowError::new(None, e))?;
        self.out.push_source(s, loc);
        Ok(())
    }

    /// The node for `key`, created with `make` on first sight.
    fn node_for(&mut self, key: &str, make: impl FnOnce(String) -> Node, loc: &Loc) -> usize {
        let (i, new) = self.ids.get_or_add(key, self.out.nodes.len());
        if new {
            let node = make(self.ids.last_id.clone());
            self.described.push(false);
            self.out.push_node(node, loc.clone());
        }
        i
    }

    /// Adds a node row, identified in the file by `key`. `get` gives the
    /// node fields; `name` falls back to `label`, then to the key.
    pub fn node<S: AsRef<str>>(
        &mut self,
        key: &str,
        get: impl Fn(&str) -> Option<S>,
        loc: Loc,
    ) -> Result<usize, RowError> {
        let get = owned(&get);
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
        let i = self.node_for(key, |id| Node { id, ..node.clone() }, &loc);
        if self.described[i] {
            // Described before: keep the first description, and say so
            // rather than merge or replace it silently.
            return Err(RowError::new(
                None,
                format!(
                    "node `{key}` is described twice; the description at line {} is kept",
                    self.out.node_locs[i].line
                ),
            ));
        }
        let entry = &mut self.out.nodes[i];
        *entry = Node {
            id: std::mem::take(&mut entry.id),
            ..node
        };
        self.out.node_locs[i] = loc;
        self.described[i] = true;
        Ok(i)
    }

    /// Adds an edge from `source` to `target` (keys as in the file; unseen
    /// ones become nodes of the default kind). `get` gives the relation
    /// fields; the kind also reads from `relation`.
    pub fn edge<S: AsRef<str>>(
        &mut self,
        source: &str,
        target: &str,
        get: impl Fn(&str) -> Option<S>,
        loc: Loc,
    ) -> Result<(), RowError> {
        // A field's text, blank counting as absent (as in the flat form),
        // asked for only if the rows can give it.
        let text = |f: &str, can: bool| {
            if can {
                get(f).filter(|t| !t.as_ref().trim().is_empty())
            } else {
                None
            }
        };
        let can = self.edge_fields;
        let weight = match text("weight", can.weight) {
            None => None,
            Some(w) => {
                let w = w.as_ref().trim();
                match w.parse::<f64>() {
                    Ok(v) if v.is_finite() && v >= 0.0 => Some(v),
                    _ => {
                        return Err(RowError::new(
                            Some("weight"),
                            format!("weight `{w}` is not a non-negative number"),
                        ));
                    }
                }
            }
        };
        // Rare fields (amount, share, place, within, on_behalf_of, note,
        // sources) go through the flat form, which checks them as a
        // dataset file would.
        let rare = can.rare && RARE_EDGE_FIELDS.iter().any(|f| text(f, true).is_some());
        let full: Option<Relation> = if rare {
            let cite = self.cite_json(loc.line);
            let get = owned(&get);
            Some(
                fields::unflatten(RELATION_FIELDS, |f| match f {
                    "kind" => Some("cooperates_with".to_string()),
                    "from" | "to" => Some("-".to_string()),
                    "sources" => get(f).or_else(|| cite.clone()),
                    _ => get(f),
                })
                .map_err(|e| RowError::new(None, e))?,
            )
        } else {
            None
        };
        let line = loc.line;
        let (k, file_source) = (self.opts.default_kind, self.source.id.clone());
        let make = |id| new_node(id, source, k, &file_source, line);
        let a = self.node_for(source, make, &loc);
        let make = |id| new_node(id, target, k, &file_source, line);
        let b = self.node_for(target, make, &loc);
        let (fk, tk) = (self.out.nodes[a].kind, self.out.nodes[b].kind);
        let value = text("kind", can.kind).or_else(|| text("relation", can.relation));
        let (kind, role_value) = relation_kind(value.as_ref().map(|v| v.as_ref()), fk, tk);
        let given_role = text("role", can.role);
        let role = match (&role_value, &given_role) {
            (Some(r), Some(_)) => {
                return Err(RowError::new(
                    Some("kind"),
                    format!("relation kind `{r}` is unknown or not allowed from {fk} to {tk}"),
                ));
            }
            (Some(r), None) => Some(*r),
            (None, Some(r)) => Some(r.as_ref()),
            (None, None) => None,
        };
        let (start, end) = (text("start", can.start), text("end", can.end));
        let parts = RelationParts {
            kind,
            from: self.out.node_sym(a),
            to: self.out.node_sym(b),
            role,
            start: start.as_ref().map(|s| s.as_ref()),
            end: end.as_ref().map(|s| s.as_ref()),
            weight,
        };
        let id = self
            .out
            .push_parts(parts, [(self.source_sym, u32::try_from(line).ok())], &loc);
        if let Some(rel) = full {
            self.out.set_last_cites(&rel.sources);
            self.out.set_rare_fields(id, rel);
        }
        Ok(())
    }

    /// The records read.
    pub fn finish(mut self) -> Store {
        for (i, d) in self.described.iter().enumerate() {
            self.out.mark_imported(i, *d);
        }
        self.out
    }

    fn cite_json(&self, line: usize) -> Option<String> {
        serde_json::to_string(&cite(&self.source.id, line)).ok()
    }
}

/// A `get` that gives owned strings, as the flat form takes them.
fn owned<S: AsRef<str>>(get: &impl Fn(&str) -> Option<S>) -> impl Fn(&str) -> Option<String> + '_ {
    move |f| get(f).map(|s| s.as_ref().to_string())
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
    by_key: FxHashMap<String, usize>,
    used: FxHashMap<String, usize>,
    /// Every id given out: a suffixed id (`a-2`) must not be one that a
    /// later identifier slugs to on its own (`a-2`), or the two merge.
    taken: FxHashSet<String>,
    /// The id given out last.
    last_id: String,
}

impl Ids {
    /// Index of the node for `key`, and whether it is new: a new key gets
    /// index `next` and the id left in `last_id`.
    fn get_or_add(&mut self, key: &str, next: usize) -> (usize, bool) {
        if let Some(&i) = self.by_key.get(key) {
            return (i, false);
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
        self.last_id = id;
        self.by_key.insert(key.to_string(), next);
        (next, true)
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

fn cite(source: &str, line: usize) -> Vec<SourceRef> {
    vec![SourceRef {
        source: source.to_string(),
        para: u32::try_from(line).ok(),
    }]
}

fn new_node(id: String, name: &str, kind: NodeKind, source: &str, line: usize) -> Node {
    Node::new(id, kind, name.to_string(), cite(source, line))
}

/// The relation kind a foreign `relation` value names, if it is allowed
/// between the two kinds; else `cooperates_with` with the value as role.
fn relation_kind(
    value: Option<&str>,
    from: NodeKind,
    to: NodeKind,
) -> (RelationKind, Option<&str>) {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return (RelationKind::CooperatesWith, None);
    };
    RelationKind::ALL
        .iter()
        .find(|k| k.as_str() == v && k.allowed(from, to))
        .map_or((RelationKind::CooperatesWith, Some(v)), |k| (*k, None))
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
    // The line of a record, from its byte offset: with CRLF line ends the
    // csv crate counts lines short and starts a record at the `\n` of the
    // line before. Records come in file order, so lines are counted
    // forward from the previous record, once over the whole file.
    let counted = std::cell::Cell::new((0usize, 1usize));
    let line_at = |p: &csv::Position| {
        let start = (p.byte() as usize).min(text.len());
        let skip = text[start..].len() - text[start..].trim_start_matches(['\r', '\n']).len();
        let at = start + skip;
        let (mut from, mut line) = counted.get();
        if at < from {
            (from, line) = (0, 1);
        }
        line += memchr_count(&text.as_bytes()[from..at]);
        counted.set((at, line));
        line as u64
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
    // The column of each field, looked up once.
    let mut by_field: FxHashMap<&'static str, usize> = FxHashMap::default();
    for (i, c) in columns.iter().enumerate() {
        if let Some(f) = c {
            by_field.entry(f).or_insert(i);
        }
    }
    let column_of = |field: &str| by_field.get(field).copied();
    let given: Vec<&str> = by_field.keys().copied().collect();
    b.edge_fields(Some(&given));
    // One row: its line and its cells (by column), or why it cannot be read.
    let mut handle = |line: u64, row: Result<&[&str], &csv::Error>| {
        let cells = match row {
            Ok(cells) => cells,
            Err(e) => {
                diags
                    .push(Diagnostic::error("syntax", format!("CSV: {e}")).at(Some(&loc(line, 1))));
                return;
            }
        };
        let get = |field: &str| {
            column_of(field)
                .and_then(|c| cells.get(c).copied())
                .filter(|s| !s.trim().is_empty())
        };
        let key = |field: &str| get(field).map(str::trim);
        let result = match table {
            Table::Sources => b.source(get, loc(line, 1)),
            Table::Nodes => match key("id") {
                Some(k) => b.node(k, get, loc(line, 1)).map(|_| ()),
                None => Err(RowError::new(Some("id"), "empty `id`")),
            },
            Table::Edges => match (key("source"), key("target")) {
                (Some(s), Some(t)) => b.edge(s, t, get, loc(line, 1)),
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
    };
    // Most files have no quotes: their records are their lines, split on
    // both cores. Anything else (quotes, a row of another length) is read
    // by the csv crate, which reports such rows as it always has.
    let body_start = reader.position().byte() as usize;
    if let Some(rows) = split_unquoted(text, body_start, delimiter(text), headers.len()) {
        for (line, cells) in rows.lines.iter().zip(rows.cells.chunks(rows.width.max(1))) {
            handle(u64::from(*line), Ok(cells));
        }
        return;
    }
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(0, line_at);
                handle(line, Err(&e));
                continue;
            }
        }
        let line = record.position().map_or(0, line_at);
        let cells: Vec<&str> = record.iter().collect();
        handle(line, Ok(&cells));
    }
}

/// The records of a CSV file without quotes, after its header: each line
/// that is not empty, split at the delimiter.
struct Unquoted<'t> {
    width: usize,
    /// The line each record starts on.
    lines: Vec<u32>,
    /// `width` cells per record.
    cells: Vec<&'t str>,
}

/// Splits the records of `text` from byte `start` on, in parallel chunks,
/// as the csv crate would read them (`\r`, `\n` and `\r\n` end a record;
/// empty lines are skipped). `None` when the text has a quote or a record
/// has other than `width` cells: the csv crate reads such a file.
fn split_unquoted(text: &str, start: usize, delim: u8, width: usize) -> Option<Unquoted<'_>> {
    let bytes = text.as_bytes();
    if start > bytes.len() || bytes.contains(&b'"') {
        return None;
    }
    // Chunks of about 1 MiB, each ending just after a `\n`.
    const CHUNK: usize = 1 << 20;
    let mut bounds = vec![start];
    let mut at = start;
    while at < bytes.len() {
        let target = (at + CHUNK).min(bytes.len());
        let end = bytes[target..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| target + i + 1);
        bounds.push(end);
        at = end;
    }
    let newlines_before = 1 + memchr_count(&bytes[..start]);
    let counts: Vec<usize> = bounds
        .par_windows(2)
        .map(|w| memchr_count(&bytes[w[0]..w[1]]))
        .collect();
    let firsts: Vec<usize> = counts
        .iter()
        .scan(newlines_before, |line, n| {
            let first = *line;
            *line += n;
            Some(first)
        })
        .collect();
    let parts: Option<Vec<(Vec<u32>, Vec<&str>)>> = bounds
        .par_windows(2)
        .zip(firsts)
        .map(|(w, first_line)| {
            let mut lines = Vec::new();
            let mut cells = Vec::new();
            let mut line = first_line;
            let mut pos = w[0];
            while pos < w[1] {
                let end = bytes[pos..w[1]]
                    .iter()
                    .position(|&b| b == b'\n' || b == b'\r')
                    .map_or(w[1], |i| pos + i);
                if end > pos {
                    let record = &text[pos..end];
                    let before = cells.len();
                    cells.extend(record.split(delim as char));
                    if cells.len() - before != width {
                        return None;
                    }
                    lines.push(u32::try_from(line).unwrap_or(u32::MAX));
                }
                if bytes.get(end) == Some(&b'\n') {
                    line += 1;
                }
                pos = end + 1;
            }
            Some((lines, cells))
        })
        .collect();
    let parts = parts?;
    let mut out = Unquoted {
        width,
        lines: Vec::with_capacity(parts.iter().map(|p| p.0.len()).sum()),
        cells: Vec::with_capacity(parts.iter().map(|p| p.1.len()).sum()),
    };
    for (lines, cells) in parts {
        out.lines.extend(lines);
        out.cells.extend(cells);
    }
    Some(out)
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

/// Number of `\n` bytes in `bytes`.
fn memchr_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}
