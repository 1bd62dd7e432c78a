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
pub mod ftm;
pub mod gexf;
pub mod graphml;
pub mod iati;
pub mod xml;

use crate::diagnostic::{Diagnostic, Loc};
use crate::error::Result;
use crate::model::{Node, NodeKind, Relation, RelationKind, Source, SourceKind, SourceRef};
use crate::store::{RelId, RelationParts, Store, Sym};
use fields::{Field, NODE_FIELDS, RELATION_FIELDS, SOURCE_FIELDS};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde_json::Value;
use std::sync::Arc;

/// The largest input file read unless the caller raises the limit: 1 GiB.
/// The 2.8M-relation benchmark dataset is 338 MB, and loading holds about
/// eight bytes of memory per byte of JSON, so a file at the limit already
/// needs a machine with about 8 GB.
pub const DEFAULT_MAX_INPUT_SIZE: u64 = 1 << 30;

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
            max_input_size: DEFAULT_MAX_INPUT_SIZE,
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
    /// Per node: its kind and interned id, what an edge needs of its ends
    /// (kept apart from the full records so that edges read them cheaply).
    ends: Vec<(NodeKind, Sym)>,
    edge_fields: EdgeFields,
    /// Per node: whether a row gave it a name (else its name is its key).
    named: Vec<bool>,
    /// Attributes that no field reads, by (on nodes, name): how many
    /// records had them, and where the first one is.
    unread: FxHashMap<(bool, String), (usize, Loc)>,
    /// Edges the file says are undirected, and where the file says so.
    undirected: Option<(usize, Loc)>,
}

/// The help of a diagnostic after which a reader stops: nothing after its
/// place in the file is read (an XML syntax error, a refused DOCTYPE, a
/// node-link document that is not one). `coopgraph import` reports such
/// a stop apart from the rows left out.
pub const STOPPED_READING: &str = "nothing after this point in the file is read";

/// The code of a warning that says a record was left out without being an
/// error (an IATI activity read twice, an organisation that names no one):
/// the import's summary counts these among the rows left out.
pub const LEFT_OUT: &str = "left-out";

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
            ends: Vec::new(),
            edge_fields: EdgeFields::ANY,
            named: Vec::new(),
            unread: FxHashMap::default(),
            undirected: None,
        }
    }

    /// Notes `count` edges that the file says are undirected (GraphML's
    /// `edgedefault="undirected"`, GEXF's `defaultedgetype="undirected"`,
    /// node-link `"directed": false`, a CSV `Type` of `Undirected`), the
    /// first said so at `loc`. Each is read as a relation from its source
    /// to its target; [`Builder::finish`] says so in a warning.
    pub fn undirected(&mut self, count: usize, loc: &Loc) {
        if count == 0 {
            return;
        }
        match &mut self.undirected {
            Some((n, _)) => *n += count,
            None => self.undirected = Some((count, loc.clone())),
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

    /// The node for `key`, created on first sight by `make` from its new
    /// id and the id of the file's source.
    fn node_for(&mut self, key: &str, make: impl FnOnce(String, &str) -> Node, loc: &Loc) -> usize {
        let (i, new) = self
            .ids
            .get_or_add(key, self.out.nodes.len(), self.out.strings());
        if new {
            let node = make(std::mem::take(&mut self.ids.last_id), &self.source.id);
            self.add_node(node, loc);
        }
        i
    }

    /// Adds a node that `Ids` just gave its id.
    fn add_node(&mut self, node: Node, loc: &Loc) {
        let kind = node.kind;
        let id = self.out.push_node(node, loc.clone());
        let sym = self.out.node_sym(id.index());
        self.ids.take(sym);
        self.described.push(false);
        self.named.push(false);
        self.ends.push((kind, sym));
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
        let given = get("name")
            .or_else(|| get("label"))
            .filter(|n| !n.trim().is_empty());
        // A name that repeats the key (Gephi's `Label` often does) is named
        // after its key as much as a node without one.
        let named = given.as_ref().is_some_and(|n| n.trim() != key);
        let name = given.unwrap_or_else(|| key.to_string());
        let cite = self.cite_json(loc.line);
        let node: Node = fields::unflatten(NODE_FIELDS, |f| match f {
            "id" => Some("-".to_string()),
            "kind" => Some(kind.as_str().to_string()),
            "name" => Some(name.clone()),
            "sources" => get(f).or_else(|| cite.clone()),
            _ => get(f),
        })
        .map_err(|e| RowError::new(None, e))?;
        let i = self.node_for(key, |id, _| Node { id, ..node.clone() }, &loc);
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
        let entry_kind = entry.kind;
        self.out.node_locs[i] = loc;
        self.described[i] = true;
        self.named[i] = named;
        self.ends[i].0 = entry_kind;
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
        let weight = parse_weight(text("weight", can.weight).as_ref().map(|w| w.as_ref()))?;
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
        let a = self.end_node(source, &loc);
        let b = self.end_node(target, &loc);
        let value = text("kind", can.kind).or_else(|| text("relation", can.relation));
        let (role, start, end) = (
            text("role", can.role),
            text("start", can.start),
            text("end", can.end),
        );
        fn as_str<S: AsRef<str>>(s: &Option<S>) -> Option<&str> {
            s.as_ref().map(|s| s.as_ref())
        }
        let cells = EdgeCells {
            weight,
            kind: as_str(&value),
            role: as_str(&role),
            start: as_str(&start),
            end: as_str(&end),
        };
        let id = self.link(a, b, cells, &loc)?;
        if let Some(rel) = full {
            self.out.set_last_cites(&rel.sources);
            self.out.set_rare_fields(id, rel);
        }
        Ok(())
    }

    /// The node an edge's end names (created, of the default kind, on
    /// first sight).
    fn end_node(&mut self, key: &str, loc: &Loc) -> usize {
        let (kind, line) = (self.opts.default_kind, loc.line);
        self.node_for(key, |id, source| new_node(id, key, kind, source, line), loc)
    }

    /// Adds the relation of an edge row between nodes `a` and `b`: its
    /// kind (or `cooperates_with` with the value as role), role and dates.
    fn link(
        &mut self,
        a: usize,
        b: usize,
        cells: EdgeCells<'_>,
        loc: &Loc,
    ) -> Result<RelId, RowError> {
        let parts = relation_parts(self.ends[a], self.ends[b], cells)?;
        Ok(self.push_edge(parts, loc))
    }

    fn push_edge(&mut self, parts: RelationParts<'_>, loc: &Loc) -> RelId {
        let cite = [(self.source_sym, u32::try_from(loc.line).ok())];
        self.out.push_parts(parts, cite, loc)
    }

    /// Adds the rows of an edge table at once: what [`Builder::edge`] does
    /// row by row, with the ends of all rows matched to nodes on every core
    /// (the step that costs most in a large file). Rows must not give the
    /// rare fields (see [`RARE_EDGE_FIELDS`]).
    fn edge_table(
        &mut self,
        rows: &Unquoted<'_>,
        cols: &EdgeColumns,
        file: &Arc<str>,
        diags: &mut Vec<Diagnostic>,
    ) {
        let w = rows.width.max(1);
        let cell = |i: usize, c: Option<usize>| {
            c.map(|c| rows.cells[i * w + c])
                .filter(|s| !s.trim().is_empty())
        };
        let n = rows.lines.len();
        // What rows can be taken, and their weights, decided in parallel.
        let early: Vec<Result<Option<f64>, RowError>> = (0..n)
            .into_par_iter()
            .map(|i| {
                if cell(i, cols.source).is_none() || cell(i, cols.target).is_none() {
                    return Err(RowError::new(
                        None,
                        "an edge needs both `source` and `target`",
                    ));
                }
                parse_weight(cell(i, cols.weight))
            })
            .collect();
        let taken: Vec<usize> = (0..n).filter(|&i| early[i].is_ok()).collect();
        let keys: Vec<&str> = taken
            .par_iter()
            .flat_map_iter(|&i| {
                let key = |c| cell(i, c).map_or("", str::trim);
                [key(cols.source), key(cols.target)]
            })
            .collect();
        let line_of = |k: usize| rows.lines[taken[k / 2]] as usize;
        let nodes = self.nodes_for_keys(&keys, line_of, file);
        drop(keys);
        let loc = |line: u32, column: usize| Loc {
            file: file.clone(),
            line: line as usize,
            column,
        };
        // Each row's relation worked out in parallel, then added in order.
        let offsets: Vec<usize> = early
            .iter()
            .scan(0, |next, e| {
                let at = *next;
                *next += if e.is_ok() { 2 } else { 0 };
                Some(at)
            })
            .collect();
        let ends = &self.ends;
        let parts: Vec<Result<RelationParts<'_>, RowError>> = early
            .into_par_iter()
            .enumerate()
            .map(|(i, outcome)| {
                let weight = outcome?;
                let k = offsets[i];
                let (a, b) = (nodes[k] as usize, nodes[k + 1] as usize);
                let cells = EdgeCells {
                    weight,
                    kind: cell(i, cols.kind),
                    role: cell(i, cols.role),
                    start: cell(i, cols.start),
                    end: cell(i, cols.end),
                };
                relation_parts(ends[a], ends[b], cells)
            })
            .collect();
        let mut at = loc(0, 1);
        for (i, result) in parts.into_iter().enumerate() {
            let line = rows.lines[i];
            at.line = line as usize;
            match result {
                Ok(p) => {
                    self.push_edge(p, &at);
                }
                Err(e) => {
                    let column = e.field.and_then(|f| cols.of(f)).map_or(1, |c| c + 1);
                    diags.push(Diagnostic::error("schema", e.message).at(Some(&loc(line, column))));
                }
            }
        }
    }

    /// The node of each key (the end of an edge), creating nodes for keys
    /// not seen before in order of first appearance, exactly as calling
    /// [`Builder::edge`] row by row would. The keys are matched on every
    /// core: each thread owns the keys whose hashes fall in its share.
    fn nodes_for_keys(
        &mut self,
        keys: &[&str],
        line_of: impl Fn(usize) -> usize + Sync,
        file: &Arc<str>,
    ) -> Vec<u32> {
        const NEW: u32 = 1 << 31;
        let hashes: Vec<u64> = keys.par_iter().map(|k| Ids::hash(k)).collect();
        let ids = &self.ids;
        // Per shard, in parallel: the node of each of its keys' occurrences,
        // or NEW | a local number for keys without a node yet, and the first
        // occurrence of each such key.
        // Each shard's occurrences, in order (one pass), so that a shard's
        // thread reads only its own.
        let mut mine: Vec<Vec<u32>> = vec![Vec::new(); ids.shards.len()];
        for (k, &h) in hashes.iter().enumerate() {
            mine[ids.shard(h)].push(k as u32);
        }
        let found: Vec<(Vec<u32>, Vec<u32>)> = (0..ids.shards.len())
            .into_par_iter()
            .map(|p| {
                let known = &ids.shards[p];
                let mut fresh: FxHashMap<&str, u32> = FxHashMap::default();
                let (mut out, mut firsts) = (Vec::new(), Vec::new());
                // The last key seen at each end (sources, targets): rows of
                // one project follow each other, so its key repeats.
                let mut last: [(&str, u32); 2] = [("", u32::MAX); 2];
                for &k in &mine[p] {
                    let (k, key) = (k as usize, keys[k as usize]);
                    let end = &mut last[k % 2];
                    if end.1 != u32::MAX && end.0 == key {
                        out.push(end.1);
                        continue;
                    }
                    let node = match known.get(key) {
                        Some(&node) => node,
                        None => {
                            let next = firsts.len() as u32;
                            let local = *fresh.entry(key).or_insert(next);
                            if local == next {
                                firsts.push(k as u32);
                            }
                            NEW | local
                        }
                    };
                    *end = (key, node);
                    out.push(node);
                }
                (out, firsts)
            })
            .collect();
        // Keys without a node become nodes, in order of first appearance.
        let mut fresh: Vec<(u32, usize, u32)> = found
            .iter()
            .enumerate()
            .flat_map(|(p, (_, firsts))| {
                firsts
                    .iter()
                    .enumerate()
                    .map(move |(local, &first)| (first, p, local as u32))
            })
            .collect();
        fresh.sort_unstable();
        let mut fresh_node: Vec<Vec<u32>> = found.iter().map(|(_, f)| vec![0; f.len()]).collect();
        // Ids are given out in that order, one at a time (an id depends on
        // those before it); the records are built on every core.
        let ids: Vec<(String, Sym)> = fresh
            .iter()
            .map(|&(first, _, _)| {
                let id = self.ids.assign(keys[first as usize], self.out.strings());
                let sym = self.out.intern(&id);
                self.ids.take(sym);
                (id, sym)
            })
            .collect();
        let (kind, source) = (self.opts.default_kind, self.source.id.as_str());
        let records: Vec<(Node, Loc)> = ids
            .par_iter()
            .zip(&fresh)
            .map(|((id, _), &(first, _, _))| {
                let line = line_of(first as usize);
                let key = keys[first as usize];
                let loc = Loc {
                    file: file.clone(),
                    line,
                    column: 1,
                };
                (new_node(id.clone(), key, kind, source, line), loc)
            })
            .collect();
        self.out.nodes.reserve(records.len());
        let mut by_shard: Vec<Vec<(&str, u32)>> = vec![Vec::new(); fresh_node.len()];
        for ((node, loc), ((_, sym), &(first, p, local))) in
            records.into_iter().zip(ids.iter().zip(&fresh))
        {
            let kind = node.kind;
            let i = self.out.push_interned_node(node, loc, *sym).index() as u32;
            self.described.push(false);
            self.named.push(false);
            self.ends.push((kind, *sym));
            fresh_node[p][local as usize] = i;
            by_shard[p].push((keys[first as usize], i));
        }
        self.ids
            .shards
            .par_iter_mut()
            .zip(by_shard)
            .for_each(|(shard, new)| {
                shard.extend(new.into_iter().map(|(k, i)| (Box::from(k), i)));
            });
        let mut cursor = vec![0usize; found.len()];
        hashes
            .iter()
            .map(|&h| {
                let p = self.ids.shard(h);
                let node = found[p].0[cursor[p]];
                cursor[p] += 1;
                if node & NEW != 0 {
                    fresh_node[p][(node & !NEW) as usize]
                } else {
                    node
                }
            })
            .collect()
    }

    /// Notes the attributes of a node (`node`) or edge record at `loc`
    /// that no field reads, so that [`Builder::finish`] names them.
    pub fn attributes<'k>(
        &mut self,
        node: bool,
        keys: impl IntoIterator<Item = &'k str>,
        loc: &Loc,
    ) {
        for k in keys {
            if !reads(node, k) {
                self.not_read(node, k, loc);
            }
        }
    }

    /// Notes one attribute `key` of a node (`node`) or edge record at `loc`
    /// that the reader does not read (for formats whose attributes are not
    /// coopgraph's fields, such as FtM's properties).
    pub fn not_read(&mut self, node: bool, key: &str, loc: &Loc) {
        self.unread
            .entry((node, key.to_string()))
            .and_modify(|e| e.0 += 1)
            .or_insert_with(|| (1, loc.clone()));
    }

    /// The records read. Problems that leave no row out go to `diags` as
    /// warnings: attributes not read (see [`Builder::attributes`]), and
    /// nodes renamed because their key named another node too (see
    /// [`Builder::distinct_names`]).
    pub fn finish(mut self, diags: &mut Vec<Diagnostic>) -> Store {
        let mut unread: Vec<_> = std::mem::take(&mut self.unread).into_iter().collect();
        unread.sort_by(|a, b| {
            (!a.0.0, a.1.1.line, a.1.1.column).cmp(&(!b.0.0, b.1.1.line, b.1.1.column))
        });
        for ((node, name), (count, loc)) in unread {
            let what = match (node, count) {
                (true, 1) => "node",
                (true, _) => "nodes",
                (false, 1) => "edge",
                (false, _) => "edges",
            };
            diags.push(
                Diagnostic::warning(
                    "unknown-attribute",
                    format!("attribute `{name}` ({count} {what}) is not read: no coopgraph field has that name"),
                )
                .at(Some(&loc))
                .subject(name)
                .help("the fields read are listed in docs/formats.md (Import)"),
            );
        }
        if let Some((count, loc)) = self.undirected.take() {
            let edges = if count == 1 { "edge is" } else { "edges are" };
            diags.push(
                Diagnostic::warning(
                    "undirected",
                    format!(
                        "{count} {edges} undirected: each is read as a relation from its source to its target, as coopgraph's relations are directed, so its direction means nothing"
                    ),
                )
                .at(Some(&loc))
                .help("relations that hold both ways are `cooperates_with` (read from a `relation` column or attribute)"),
            );
        }
        self.distinct_names(diags);
        for (i, d) in self.described.iter().enumerate() {
            self.out.mark_imported(i, *d);
        }
        // The file's own sources come first, then the `imported from FILE` ones.
        self.out.file_sources_last();
        self.out
    }

    /// Keeps the nodes' names apart: a node named after its key (no row
    /// gave it a name) whose name reads like another node's id or name once
    /// case, accents and punctuation are ignored (`A B` and `a-b`, `Paris`
    /// and `paris`) gets its id after its name (`a-b (a-b-2)`), so that the
    /// two stay distinct nodes that names tell apart; each such node is
    /// reported as a warning at its row, naming the row of the other.
    fn distinct_names(&mut self, diags: &mut Vec<Diagnostic>) {
        use crate::names::fold;
        use std::hash::BuildHasher;
        // Two keys can read alike only if one of them got a suffixed id, or
        // a row gave a name another key may read like.
        if !self.ids.suffixed && !self.named.contains(&true) {
            return;
        }
        let nodes = &self.out.nodes;
        let named = &self.named;
        let hash = |s: &str| rustc_hash::FxBuildHasher.hash_one(fold(s));
        // (hash of a folded spelling, node), for every id and given name
        // and alias, and for the names taken from keys.
        let mut claims: Vec<(u64, u32)> = (0..nodes.len())
            .into_par_iter()
            .flat_map_iter(|i| {
                let n = &nodes[i];
                let given = named[i].then_some(n.aliases.iter().map(|a| a.name.as_str()));
                std::iter::once(n.name.as_str())
                    .chain(given.into_iter().flatten())
                    .chain(std::iter::once(n.id.as_str()))
                    .map(move |s| (hash(s), i as u32))
                    .collect::<Vec<_>>()
            })
            .collect();
        claims.par_sort_unstable();
        claims.dedup();
        let suspect: rustc_hash::FxHashSet<u64> = claims
            .windows(2)
            .filter(|w| w[0].0 == w[1].0)
            .map(|w| w[0].0)
            .collect();
        if suspect.is_empty() {
            return;
        }
        let mut involved: Vec<usize> = claims
            .iter()
            .filter(|(h, _)| suspect.contains(h))
            .map(|&(_, i)| i as usize)
            .collect();
        involved.sort_unstable();
        involved.dedup();
        // Folded spelling -> the node it stays with: ids first, then names
        // rows gave, then names from keys, first come first served.
        let mut owner: FxHashMap<String, usize> = FxHashMap::default();
        for &i in &involved {
            owner.entry(fold(&nodes[i].id)).or_insert(i);
        }
        for &i in involved.iter().filter(|&&i| named[i]) {
            let n = &nodes[i];
            for s in std::iter::once(&n.name).chain(n.aliases.iter().map(|a| &a.name)) {
                owner.entry(fold(s)).or_insert(i);
            }
        }
        let mut renamed = Vec::new();
        for &i in involved.iter().filter(|&&i| !named[i]) {
            match owner.entry(fold(&nodes[i].name)) {
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(i);
                }
                std::collections::hash_map::Entry::Occupied(o) if *o.get() != i => {
                    renamed.push((i, *o.get()));
                }
                std::collections::hash_map::Entry::Occupied(_) => {}
            }
        }
        // Messages first, from the names as read; then the new names.
        let nodes = &self.out.nodes;
        let mut names = Vec::with_capacity(renamed.len());
        for &(i, other) in &renamed {
            let (key, id, o) = (&nodes[i].name, &nodes[i].id, &nodes[other]);
            let line = self.out.node_locs[other].line;
            let new_name = format!("{key} ({id})");
            let like = if fold(&o.id) == fold(key) {
                format!("the id `{}` of `{}` (line {line})", o.id, o.name)
            } else {
                format!("`{}` (id `{}`, line {line})", o.name, o.id)
            };
            diags.push(
                Diagnostic::warning(
                    "name-clash",
                    format!(
                        "`{key}` reads like {like} once case, accents and punctuation are \
                         ignored; they stay two nodes, and this one (id `{id}`) is named \
                         \"{new_name}\""
                    ),
                )
                .at(Some(&self.out.node_locs[i]))
                .subject(id.clone()),
            );
            names.push(new_name);
        }
        for ((i, _), name) in renamed.into_iter().zip(names) {
            self.out.nodes[i].name = name;
        }
    }

    fn cite_json(&self, line: usize) -> Option<String> {
        serde_json::to_string(&cite(&self.source.id, line)).ok()
    }
}

/// The cells of an edge row that [`Builder::link`] reads.
#[derive(Debug, Clone, Copy)]
struct EdgeCells<'a> {
    weight: Option<f64>,
    kind: Option<&'a str>,
    role: Option<&'a str>,
    start: Option<&'a str>,
    end: Option<&'a str>,
}

/// The columns of an edge table's fields.
#[derive(Debug, Clone, Copy, Default)]
struct EdgeColumns {
    source: Option<usize>,
    target: Option<usize>,
    kind: Option<usize>,
    role: Option<usize>,
    start: Option<usize>,
    end: Option<usize>,
    weight: Option<usize>,
}

impl EdgeColumns {
    /// The column of a field that a row error names.
    fn of(&self, field: &str) -> Option<usize> {
        match field {
            "source" => self.source,
            "target" => self.target,
            "kind" => self.kind,
            "role" => self.role,
            "start" => self.start,
            "end" => self.end,
            "weight" => self.weight,
            _ => None,
        }
    }
}

/// The relation an edge row gives between nodes of these kinds and ids:
/// its kind (or `cooperates_with` with the value as role), role and dates.
fn relation_parts<'a>(
    (fk, from): (NodeKind, Sym),
    (tk, to): (NodeKind, Sym),
    cells: EdgeCells<'a>,
) -> Result<RelationParts<'a>, RowError> {
    let (kind, role_value) = relation_kind(cells.kind, fk, tk);
    let role = match (role_value, cells.role) {
        (Some(r), Some(_)) => {
            return Err(RowError::new(
                Some("kind"),
                format!("relation kind `{r}` is unknown or not allowed from {fk} to {tk}"),
            ));
        }
        (r, given) => r.or(given),
    };
    Ok(RelationParts {
        kind,
        from,
        to,
        role,
        start: cells.start,
        end: cells.end,
        weight: cells.weight,
    })
}

/// An edge's weight: blank is none; anything else must be a number in the
/// range validation allows (one check, `crate::validate::parse_weight`).
fn parse_weight(text: Option<&str>) -> Result<Option<f64>, RowError> {
    let Some(w) = text else {
        return Ok(None);
    };
    crate::validate::parse_weight(w)
        .map(Some)
        .map_err(|e| RowError::new(Some("weight"), e))
}

/// Whether a node (`node`) or edge record's attribute `name` is read: a
/// field, or a name the readers take for one (`label`, `relation`), or an
/// identifier (`id`, and NetworkX's multigraph edge `key`).
fn reads(node: bool, name: &str) -> bool {
    if node {
        matches!(name, "id" | "label") || fields::position(NODE_FIELDS, name).is_some()
    } else {
        matches!(name, "id" | "key" | "source" | "target" | "relation")
            || (fields::position(RELATION_FIELDS, name).is_some() && !matches!(name, "from" | "to"))
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
    if is_slug(s) {
        return s.to_string();
    }
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

/// Whether `s` is its own slug: runs of lowercase ASCII letters and digits
/// joined by single hyphens.
fn is_slug(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b[0] != b'-'
        && b[b.len() - 1] != b'-'
        && !s.contains("--")
        && b.iter()
            .all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
}

/// Assigns slug ids to foreign identifiers, first come first served.
struct Ids {
    /// Identifier -> node, split in shards by hash so that a bulk read can
    /// match identifiers on every core (see [`Builder::nodes_for_keys`]).
    shards: Vec<FxHashMap<Box<str>, u32>>,
    /// The last suffix given to a slug whose plain form was taken.
    used: FxHashMap<String, u32>,
    /// Every id given out, by interned string: a suffixed id (`a-2`) must
    /// not be one that a later identifier slugs to on its own (`a-2`), or
    /// the two merge.
    taken: Vec<bool>,
    /// The id given out last.
    last_id: String,
    /// Whether an identifier got a suffixed id (its slug was taken).
    suffixed: bool,
}

impl Default for Ids {
    fn default() -> Ids {
        Ids {
            // A fixed count (asking rayon for its thread count would start
            // its pool even for a small file): enough for a few cores.
            shards: (0..8).map(|_| FxHashMap::default()).collect(),
            used: FxHashMap::default(),
            taken: Vec::new(),
            last_id: String::new(),
            suffixed: false,
        }
    }
}

impl Ids {
    fn hash(key: &str) -> u64 {
        use std::hash::BuildHasher;
        rustc_hash::FxBuildHasher.hash_one(key)
    }

    /// The shard of a key's hash.
    fn shard(&self, hash: u64) -> usize {
        ((hash >> 32) as usize) % self.shards.len()
    }

    /// The node of `key`, if it has one.
    fn get(&self, key: &str) -> Option<u32> {
        self.shards[self.shard(Ids::hash(key))].get(key).copied()
    }

    fn is_taken(&self, id: &str, strings: &crate::store::Interner) -> bool {
        strings
            .get(id)
            .is_some_and(|s| self.taken.get(s.index()).copied().unwrap_or(false))
    }

    /// Index of the node for `key`, and whether it is new: a new key gets
    /// index `next` and the id left in `last_id`, which the caller marks
    /// as taken ([`Ids::take`]) once it is interned.
    fn get_or_add(
        &mut self,
        key: &str,
        next: usize,
        strings: &crate::store::Interner,
    ) -> (usize, bool) {
        if let Some(i) = self.get(key) {
            return (i as usize, false);
        }
        let id = self.assign(key, strings);
        self.last_id = id;
        let shard = self.shard(Ids::hash(key));
        self.shards[shard].insert(key.into(), next as u32);
        (next, true)
    }

    /// The id for a new identifier: its slug if free, else the slug with
    /// the next suffix not given out. The caller marks it taken.
    fn assign(&mut self, key: &str, strings: &crate::store::Interner) -> String {
        let base = slug(key);
        if !self.is_taken(&base, strings) {
            return base;
        }
        let mut n = self.used.get(&base).copied().unwrap_or(1);
        let id = loop {
            n += 1;
            let id = format!("{base}-{n}");
            if !self.is_taken(&id, strings) {
                break id;
            }
        };
        self.used.insert(base, n);
        self.suffixed = true;
        id
    }

    /// Marks an interned id as given out.
    fn take(&mut self, id: Sym) {
        if self.taken.len() <= id.index() {
            self.taken.resize(id.index() + 1, false);
        }
        self.taken[id.index()] = true;
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
            (Table::Nodes, "timeset") => Some(""),
            (Table::Nodes, _) => own(NODE_FIELDS),
            // Kumu names the ends `From` and `To`.
            (Table::Edges, "source" | "from") => Some("source"),
            (Table::Edges, "target" | "to") => Some("target"),
            (Table::Edges, "label" | "relation") => Some("kind"),
            // Gephi's direction, edge id and interval set, Kumu's direction.
            (Table::Edges, "type" | "id" | "timeset" | "direction") => Some(""),
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
    b.finish(diags)
}

/// Adds the rows of the CSV file `name` to `b` (see [`csv_file`]).
pub fn csv_rows(b: &mut Builder, name: &str, text: &str, diags: &mut Vec<Diagnostic>) {
    csv_rows_counted(b, name, text, diags, &crate::progress::Progress::default());
}

/// [`csv_rows`], counting into `progress` the bytes of a large edge list
/// as its rows are added.
pub fn csv_rows_counted(
    b: &mut Builder,
    name: &str,
    text: &str,
    diags: &mut Vec<Diagnostic>,
    progress: &crate::progress::Progress,
) {
    csv_table(b, name, text, diags, progress);
    // The header said which fields these rows give; the next reader's may
    // give any.
    b.edge_fields(None);
}

fn csv_table(
    b: &mut Builder,
    name: &str,
    text: &str,
    diags: &mut Vec<Diagnostic>,
    progress: &crate::progress::Progress,
) {
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
    let delim = delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .delimiter(delim)
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
    let Some((table, by_field)) = csv_header(&headers, diags, |c| loc(1, c)) else {
        return;
    };
    let column_of = |field: &str| by_field.get(field).copied();
    let given: Vec<&str> = by_field.keys().copied().collect();
    b.edge_fields(Some(&given));
    let rare_columns = b.edge_fields.rare;
    // Gephi's `Type` (Kumu's `Direction`) of each edge: the undirected
    // ones are counted, and the first one's line kept.
    let direction = (table == Table::Edges)
        .then(|| headers.iter().position(|h| h == "type" || h == "direction"))
        .flatten();
    let undirected = std::cell::Cell::new((0usize, 0u64));
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
        if direction.is_some_and(|c| is_undirected(cells.get(c).copied())) {
            let (n, first) = undirected.get();
            undirected.set((n + 1, if n == 0 { line } else { first }));
        }
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
    // every core. Anything else (quotes, a row of another length) is read
    // by the csv crate, which reports such rows as it always has.
    let body_start = reader.position().byte() as usize;
    if let Some(plan) = Unquoted::plan(text, body_start, delim, headers.len()) {
        if table == Table::Edges && !rare_columns {
            let cols = EdgeColumns {
                source: column_of("source"),
                target: column_of("target"),
                kind: column_of("kind"),
                role: column_of("role"),
                start: column_of("start"),
                end: column_of("end"),
                weight: column_of("weight"),
            };
            if let Some(c) = direction {
                let (n, first) = undirected_lines(&text[body_start..], delim, c);
                undirected.set((n, first as u64 + 2));
            }
            bulk_edges(b, &plan, &cols, &file, diags, progress);
        } else {
            for group in plan.chunks.chunks(CHUNK_GROUP) {
                let rows = plan.split(group);
                for (line, cells) in rows.lines.iter().zip(rows.cells.chunks(rows.width.max(1))) {
                    handle(u64::from(*line), Ok(cells));
                }
            }
        }
    } else {
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
    let (n, first) = undirected.get();
    b.undirected(n, &loc(first, direction.map_or(1, |c| c + 1)));
}

/// Whether a direction cell (Gephi's `Type`, Kumu's `Direction`) says
/// undirected.
fn is_undirected(cell: Option<&str>) -> bool {
    cell.is_some_and(|c| c.trim().eq_ignore_ascii_case("undirected"))
}

/// In the body of a CSV file without quotes (its rows are its lines), how
/// many rows say undirected in column `column`, and the index of the first.
fn undirected_lines(body: &str, delim: u8, column: usize) -> (usize, usize) {
    body.split('\n')
        .enumerate()
        .filter(|(_, l)| is_undirected(l.split(delim as char).nth(column)))
        .fold((0, 0), |(n, first), (i, _)| {
            (n + 1, if n == 0 { i } else { first })
        })
}

/// Which table a CSV header is, and the column of each field it gives;
/// `None` (with a diagnostic at `loc(column)`) for a header with neither
/// `source,target` nor `id`. Unknown columns are reported as warnings.
fn csv_header(
    headers: &[String],
    diags: &mut Vec<Diagnostic>,
    loc: impl Fn(usize) -> Loc,
) -> Option<(Table, FxHashMap<&'static str, usize>)> {
    let has = |name: &str| headers.iter().any(|h| h == name);
    let table = if has("source") && has("target") || has("from") && has("to") {
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
            .at(Some(&loc(1))),
        );
        return None;
    };
    let columns: Vec<Option<&'static str>> = headers.iter().map(|h| table.field(h)).collect();
    for (i, h) in headers.iter().enumerate() {
        if columns[i].is_none() {
            // A column no field reads leaves no row out: a warning, and
            // the rows are read without it.
            diags.push(
                Diagnostic::warning(
                    "unknown-column",
                    format!("column `{h}` is not read: no coopgraph field has that name"),
                )
                .at(Some(&loc(i + 1)))
                .subject(h.clone())
                .help("the columns read are listed in docs/formats.md (Import)"),
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
    Some((table, by_field))
}

/// The rows of an unquoted edge list added in bulk, a group of chunks at
/// a time: each group is split while the one before it is added, so the
/// split rows of a large file never all sit in memory at once.
fn bulk_edges(
    b: &mut Builder,
    plan: &UnquotedPlan,
    cols: &EdgeColumns,
    file: &Arc<str>,
    diags: &mut Vec<Diagnostic>,
    progress: &crate::progress::Progress,
) {
    let groups: Vec<_> = plan.chunks.chunks(CHUNK_GROUP).collect();
    let mut rows = groups.first().map(|g| plan.split(g));
    for k in 0..groups.len() {
        let Some(current) = rows.take() else { break };
        let (next, ()) = rayon::join(
            || groups.get(k + 1).map(|g| plan.split(g)),
            || b.edge_table(&current, cols, file, diags),
        );
        rows = next;
        let bytes: usize = groups[k].iter().map(|&(start, end, _)| end - start).sum();
        progress.add(bytes as u64);
    }
}

/// How many chunks of an unquoted CSV file are split at a time.
const CHUNK_GROUP: usize = 16;

/// The records of a CSV file without quotes, after its header: each line
/// that is not empty, split at the delimiter (`\r`, `\n` and `\r\n` end a
/// record and empty lines are skipped, as the csv crate reads them).
struct Unquoted<'t> {
    width: usize,
    /// The line each record starts on.
    lines: Vec<u32>,
    /// `width` cells per record.
    cells: Vec<&'t str>,
}

/// How an unquoted CSV text is split: chunks of about 1 MiB, each ending
/// after a `\n`, with the line each starts on.
struct UnquotedPlan<'t> {
    text: &'t str,
    delim: u8,
    width: usize,
    /// (start, end, first line) of each chunk.
    chunks: Vec<(usize, usize, usize)>,
}

impl<'t> Unquoted<'t> {
    /// The plan for reading `text` from byte `start` on, or `None` when the
    /// text has a quote or a record has other than `width` cells: the csv
    /// crate reads such a file (and reports such records).
    fn plan(text: &'t str, start: usize, delim: u8, width: usize) -> Option<UnquotedPlan<'t>> {
        let bytes = text.as_bytes();
        if start > bytes.len() || bytes.contains(&b'"') {
            return None;
        }
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
        // Per chunk: its newlines, and whether every record has `width` cells.
        let checked: Vec<Option<usize>> = bounds
            .par_windows(2)
            .map(|w| {
                let mut newlines = 0;
                for record in bytes[w[0]..w[1]].split(|&b| {
                    newlines += usize::from(b == b'\n');
                    b == b'\n' || b == b'\r'
                }) {
                    let cells = 1 + record.iter().filter(|&&b| b == delim).count();
                    if !record.is_empty() && cells != width {
                        return None;
                    }
                }
                Some(newlines)
            })
            .collect();
        let mut line = 1 + memchr_count(&bytes[..start]);
        let mut chunks = Vec::with_capacity(checked.len());
        for (w, newlines) in bounds.windows(2).zip(checked) {
            chunks.push((w[0], w[1], line));
            line += newlines?;
        }
        Some(UnquotedPlan {
            text,
            delim,
            width,
            chunks,
        })
    }
}

impl<'t> UnquotedPlan<'t> {
    /// The records of some of the plan's chunks, split in parallel.
    fn split(&self, chunks: &[(usize, usize, usize)]) -> Unquoted<'t> {
        let (text, bytes) = (self.text, self.text.as_bytes());
        let parts: Vec<(Vec<u32>, Vec<&'t str>)> = chunks
            .par_iter()
            .map(|&(start, end, first_line)| {
                let (mut lines, mut cells) = (Vec::new(), Vec::new());
                let (mut line, mut pos) = (first_line, start);
                while pos < end {
                    let stop = bytes[pos..end]
                        .iter()
                        .position(|&b| b == b'\n' || b == b'\r')
                        .map_or(end, |i| pos + i);
                    if stop > pos {
                        cells.extend(text[pos..stop].split(self.delim as char));
                        lines.push(u32::try_from(line).unwrap_or(u32::MAX));
                    }
                    if bytes.get(stop) == Some(&b'\n') {
                        line += 1;
                    }
                    pos = stop + 1;
                }
                (lines, cells)
            })
            .collect();
        let mut out = Unquoted {
            width: self.width,
            lines: Vec::with_capacity(parts.iter().map(|p| p.0.len()).sum()),
            cells: Vec::with_capacity(parts.iter().map(|p| p.1.len()).sum()),
        };
        for (lines, cells) in parts {
            out.lines.extend(lines);
            out.cells.extend(cells);
        }
        out
    }
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

/// The edges of a node-link document. NetworkX 3.6 reads `edges`, older
/// versions `links`; a file with both (`export json` for every version)
/// holds the same edges twice, so `edges` is read, as NetworkX 3.6 does,
/// and `links` only without it; lists of different lengths are reported.
fn edge_list<'d, T>(
    edges: &'d Vec<T>,
    links: &'d Vec<T>,
    file: &Arc<str>,
    diags: &mut Vec<Diagnostic>,
) -> &'d Vec<T> {
    if edges.is_empty() {
        return links;
    }
    if !links.is_empty() && links.len() != edges.len() {
        let at = Loc {
            file: file.clone(),
            line: 1,
            column: 1,
        };
        diags.push(
            Diagnostic::warning(
                "both-edge-lists",
                format!(
                    "the file has {} `edges` and {} `links`: `edges` is read, as NetworkX 3.6 reads it, and `links` is left out",
                    edges.len(),
                    links.len()
                ),
            )
            .at(Some(&at)),
        );
    }
    edges
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
        #[serde(default)]
        directed: Option<bool>,
    }
    let doc: Doc = match serde_json::from_str(text) {
        Ok(d) => d,
        Err(e) => {
            diags.push(
                Diagnostic::error("schema", format!("node-link JSON: {e}"))
                    .at(Some(&Loc {
                        file: file.clone(),
                        line: e.line(),
                        column: e.column(),
                    }))
                    .help(STOPPED_READING),
            );
            return b.finish(diags);
        }
    };
    let lines = crate::diagnostic::LineIndex::new(text);
    let locate = |raw: &serde_json::value::RawValue| {
        lines.loc(&file, raw.get().as_ptr() as usize - text.as_ptr() as usize)
    };
    // A record as a JSON value, or why it cannot be one (serde_json
    // refuses values nested more than 128 levels deep).
    let object = |raw: &serde_json::value::RawValue| {
        serde_json::from_str::<Value>(raw.get()).map_err(|e| {
            let why = if e.to_string().contains("recursion limit") {
                "a value in it is nested too deeply (more than 128 levels)".to_string()
            } else {
                // serde_json's " at line L column C": the place is shown apart.
                let msg = e.to_string();
                msg.rfind(" at line ")
                    .map_or(msg.clone(), |i| msg[..i].to_string())
            };
            RowError::new(
                None,
                format!("this record cannot be read: {why}; it is left out"),
            )
        })
    };
    let edges = edge_list(&doc.edges, &doc.links, &file, diags);
    let mut report = |loc: &Loc, e: RowError| {
        diags.push(Diagnostic::error("schema", e.message).at(Some(loc)));
    };
    let keys = |v: &Value| -> Vec<String> {
        v.as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default()
    };
    let sources = doc.graph.map(|g| g.sources).unwrap_or_default();
    for raw in sources {
        let loc = locate(raw);
        let result =
            object(raw).and_then(|v| b.source(|f| v.get(f).and_then(text_of), loc.clone()));
        if let Err(e) = result {
            report(&loc, e);
        }
    }
    for raw in &doc.nodes {
        let loc = locate(raw);
        let v = match object(raw) {
            Ok(v) => v,
            Err(e) => {
                report(&loc, e);
                continue;
            }
        };
        b.attributes(true, keys(&v).iter().map(String::as_str), &loc);
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
    if doc.directed == Some(false) {
        let at = text.find("\"directed\"").unwrap_or(0);
        b.undirected(edges.len(), &lines.loc(&file, at));
    }
    for raw in edges {
        let loc = locate(raw);
        let v = match object(raw) {
            Ok(v) => v,
            Err(e) => {
                report(&loc, e);
                continue;
            }
        };
        b.attributes(false, keys(&v).iter().map(String::as_str), &loc);
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
    b.finish(diags)
}

/// Number of `\n` bytes in `bytes`.
fn memchr_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}
