//! The compact store: every record a dataset holds, in the form every layer
//! reads. Every reader (dataset JSON, CSV, node-link, GraphML, FtM) fills a
//! [`Store`]; validation checks it; [`crate::graph::CoopGraph`] indexes it.
//! The curated dataset of a few hundred relations and an edge list of
//! millions live in the same store: there is no second path for big data.
//!
//! Relations, which are what big inputs have millions of, are held compactly:
//!
//! - typed identity: a relation is a [`RelId`], a node a [`NodeId`] (`u32`
//!   newtypes);
//! - strings interned once ([`Sym`]): node ids as relation ends, roles,
//!   source ids of citations; the relation kind is an enum;
//! - dates interned by (start, end) text pair: a relation holds a [`SpanIx`],
//!   and the graph parses each distinct pair once. The text is kept exactly
//!   as written, so a record exports as it was read;
//! - citations as (source, paragraph) pairs of `u32`, in one pool;
//! - locations as (file, line, column) numbers, turned into a
//!   [`Loc`] only when a diagnostic needs one;
//! - the rarely used fields (amount, share, place, within, on behalf of,
//!   note) in a side table that most relations do not use.
//!
//! Invariants: `rels`, `rel_locs` and `cite_off[..len]` are parallel;
//! `cite_off` has one more entry than there are relations; `nodes` and
//! `node_locs` are parallel; records keep the order they were read in.

use crate::diagnostic::Loc;
use crate::model::{
    Amount, DatasetFile, FundingShare, Node, Relation, RelationKind, Source, SourceRef,
};
use indexmap::IndexSet;
use rustc_hash::{FxBuildHasher, FxHashMap};
use std::borrow::Cow;
use std::sync::Arc;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct $name(pub u32);

        impl $name {
            /// The id of the `i`-th record. Panics past `u32::MAX` records,
            /// which the input size limit keeps out of reach.
            pub fn new(i: usize) -> $name {
                $name(u32::try_from(i).expect("fewer than 2^32 records"))
            }

            /// Position of the record in its table.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }

        impl From<usize> for $name {
            fn from(i: usize) -> $name {
                $name::new(i)
            }
        }
    };
}

id_type!(
    /// A node: its position in [`Store::nodes`].
    NodeId
);
id_type!(
    /// A relation: its position in the store's relation table.
    RelId
);
id_type!(
    /// An interned string.
    Sym
);
id_type!(
    /// A (start, end) pair of date texts, interned; `SpanIx(0)` is "no dates".
    SpanIx
);

const NONE: u32 = u32::MAX;

/// Strings stored once, each with its [`Sym`].
#[derive(Debug, Clone, Default)]
pub struct Interner {
    set: IndexSet<Box<str>, FxBuildHasher>,
}

impl Interner {
    pub fn intern(&mut self, s: &str) -> Sym {
        match self.set.get_index_of(s) {
            Some(i) => Sym::new(i),
            None => Sym::new(self.set.insert_full(Box::from(s)).0),
        }
    }

    /// The symbol of `s`, if it was interned.
    pub fn get(&self, s: &str) -> Option<Sym> {
        self.set.get_index_of(s).map(Sym::new)
    }

    pub fn resolve(&self, sym: Sym) -> &str {
        &self.set[sym.index()]
    }

    pub fn len(&self) -> usize {
        self.set.len()
    }

    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }
}

/// A citation: a source id and an optional paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cite {
    pub source: Sym,
    para: u32,
}

impl Cite {
    pub fn para(self) -> Option<u32> {
        (self.para != NONE).then_some(self.para)
    }
}

/// A location as numbers: an index into [`Store::files`], line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct CLoc {
    file: u32,
    line: u32,
    column: u32,
}

/// The fields few relations use.
#[derive(Debug, Clone, Default, PartialEq)]
struct Extra {
    amount: Option<Amount>,
    share: Option<FundingShare>,
    place: Option<String>,
    within: Option<String>,
    on_behalf_of: Option<String>,
    note: Option<String>,
}

impl Extra {
    /// The rare fields of a record.
    fn of(r: RelationRecord<'_>) -> Extra {
        let own = |s: Option<Cow<'_, str>>| s.map(Cow::into_owned);
        Extra {
            amount: r.amount,
            share: r.share,
            place: own(r.place),
            within: own(r.within),
            on_behalf_of: own(r.on_behalf_of),
            note: own(r.note),
        }
    }

    fn is_empty(&self) -> bool {
        *self == Extra::default()
    }
}

/// One relation, compact (32 bytes).
#[derive(Debug, Clone, Copy)]
struct Rel {
    from: Sym,
    to: Sym,
    role: u32,
    span: SpanIx,
    /// NaN when the record gives no weight.
    weight: f64,
    extra: u32,
    kind: RelationKind,
}

/// The fields of a relation as a reader gives them, borrowed.
#[derive(Debug, Clone, Copy)]
pub struct RelationParts<'a> {
    pub kind: RelationKind,
    /// The interned ids of the ends (see [`Store::intern`]).
    pub from: Sym,
    pub to: Sym,
    pub role: Option<&'a str>,
    pub start: Option<&'a str>,
    pub end: Option<&'a str>,
    pub weight: Option<f64>,
}

/// A relation record as a dataset file holds it, borrowing its text where
/// it has no escapes: the fields, names, defaults and checks of
/// [`Relation`], so that a file reads (and fails) as it would into a
/// `Relation`, without allocating its strings. `tests` below hold the two
/// equal.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationRecord<'a> {
    pub kind: RelationKind,
    #[serde(borrow)]
    pub from: Cow<'a, str>,
    #[serde(borrow)]
    pub to: Cow<'a, str>,
    #[serde(borrow, default)]
    pub role: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub start: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub end: Option<Cow<'a, str>>,
    #[serde(default)]
    pub weight: Option<f64>,
    #[serde(default)]
    pub amount: Option<Amount>,
    #[serde(default)]
    pub share: Option<FundingShare>,
    #[serde(borrow, default)]
    pub place: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub within: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub on_behalf_of: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub note: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub sources: Vec<CiteRecord<'a>>,
}

impl From<Relation> for RelationRecord<'static> {
    fn from(r: Relation) -> Self {
        let own = |s: Option<String>| s.map(Cow::Owned);
        RelationRecord {
            kind: r.kind,
            from: Cow::Owned(r.from),
            to: Cow::Owned(r.to),
            role: own(r.role),
            start: own(r.start),
            end: own(r.end),
            weight: r.weight,
            amount: r.amount,
            share: r.share,
            place: own(r.place),
            within: own(r.within),
            on_behalf_of: own(r.on_behalf_of),
            note: own(r.note),
            sources: r
                .sources
                .into_iter()
                .map(|c| CiteRecord {
                    source: Cow::Owned(c.source),
                    para: c.para,
                })
                .collect(),
        }
    }
}

/// A citation as a dataset file holds it (see [`SourceRef`]).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CiteRecord<'a> {
    #[serde(borrow)]
    pub source: Cow<'a, str>,
    #[serde(default)]
    pub para: Option<u32>,
}

/// Every record of a dataset, merged from its files, with their locations.
///
/// Every node's id is interned (so a relation end's [`Sym`] finds its node).
#[derive(Debug, Clone, Default)]
pub struct Store {
    pub sources: Vec<Source>,
    pub source_locs: Vec<Loc>,
    pub nodes: Vec<Node>,
    pub node_locs: Vec<Loc>,
    /// The interned id of each node.
    node_syms: Vec<Sym>,
    /// The files read, in order.
    pub files: Vec<String>,
    strings: Interner,
    rels: Vec<Rel>,
    rel_locs: Vec<CLoc>,
    cite_off: Vec<u32>,
    cites: Vec<Cite>,
    extras: Vec<Extra>,
    /// (start, end) date texts of each span; index 0 is (none, none).
    spans: Vec<(u32, u32)>,
    span_ix: FxHashMap<(u32, u32), SpanIx>,
    /// File names of compact locations.
    loc_files: Vec<Arc<str>>,
    /// The source a relation cited last.
    last_cited: Option<Sym>,
    /// Nodes read from other tools' files, by id: (index, described by a
    /// node list rather than only named by an edge). Such nodes merge
    /// across files instead of clashing.
    imported: Vec<(u32, bool)>,
    /// The `imported from FILE` sources that readers added, which a dataset
    /// file written from this store lists only if a record cites them.
    file_sources: Vec<usize>,
    /// What the readers warned about while reading (columns and attributes
    /// not read, nodes renamed to keep names apart): problems that left
    /// nothing out of the records, which a caller shows with them.
    pub warnings: Vec<crate::diagnostic::Diagnostic>,
}

impl Store {
    pub fn new() -> Store {
        Store::default()
    }

    pub fn relation_count(&self) -> usize {
        self.rels.len()
    }

    /// Every relation id, in dataset order.
    pub fn relation_ids(&self) -> impl ExactSizeIterator<Item = RelId> + use<> {
        (0..self.rels.len() as u32).map(RelId)
    }

    pub fn rel(&self, r: RelId) -> RelRef<'_> {
        RelRef {
            store: self,
            rel: &self.rels[r.index()],
            id: r,
        }
    }

    /// Every relation, in dataset order.
    pub fn relations(&self) -> impl ExactSizeIterator<Item = RelRef<'_>> + '_ {
        self.relation_ids().map(|r| self.rel(r))
    }

    /// The interned id of node `i` (every node id is interned).
    pub fn node_sym(&self, i: usize) -> Sym {
        self.node_syms[i]
    }

    pub fn strings(&self) -> &Interner {
        &self.strings
    }

    pub fn str(&self, sym: Sym) -> &str {
        self.strings.resolve(sym)
    }

    /// Interns `s` in the store's strings (for lookups by symbol).
    pub fn intern(&mut self, s: &str) -> Sym {
        self.strings.intern(s)
    }

    /// Number of distinct (start, end) date pairs; `SpanIx(0)` is the empty one.
    pub fn span_count(&self) -> usize {
        self.spans.len().max(1)
    }

    /// The date texts of a span.
    pub fn span_texts(&self, s: SpanIx) -> (Option<&str>, Option<&str>) {
        match self.spans.get(s.index()) {
            Some(&(a, b)) => (self.opt_str(a), self.opt_str(b)),
            None => (None, None),
        }
    }

    fn opt_str(&self, s: u32) -> Option<&str> {
        (s != NONE).then(|| self.strings.resolve(Sym(s)))
    }

    fn opt_sym(&mut self, s: Option<&str>) -> u32 {
        s.map_or(NONE, |s| self.strings.intern(s).0)
    }

    fn span_of(&mut self, start: Option<&str>, end: Option<&str>) -> SpanIx {
        // Rows of one project usually follow each other with the same
        // dates: the last span is checked before any lookup.
        if let Some(&last) = self.rels.last().map(|r| &r.span)
            && self.span_texts(last) == (start, end)
        {
            return last;
        }
        if self.spans.is_empty() {
            self.spans.push((NONE, NONE));
            self.span_ix.insert((NONE, NONE), SpanIx(0));
        }
        let key = (self.opt_sym(start), self.opt_sym(end));
        let next = SpanIx::new(self.spans.len());
        let ix = *self.span_ix.entry(key).or_insert(next);
        if ix == next {
            self.spans.push(key);
        }
        ix
    }

    /// The index of a file name in the compact locations' file table.
    fn loc_file(&mut self, file: &Arc<str>) -> u32 {
        match self
            .loc_files
            .iter()
            .rposition(|f| Arc::ptr_eq(f, file) || f == file)
        {
            Some(i) => i as u32,
            None => {
                self.loc_files.push(file.clone());
                (self.loc_files.len() - 1) as u32
            }
        }
    }

    /// Adds a relation from its parts, citing `cites`, read at `loc`.
    pub fn push_parts(
        &mut self,
        parts: RelationParts<'_>,
        cites: impl IntoIterator<Item = (Sym, Option<u32>)>,
        loc: &Loc,
    ) -> RelId {
        let id = RelId::new(self.rels.len());
        let rel = Rel {
            from: parts.from,
            to: parts.to,
            role: match (parts.role, self.rels.last()) {
                // Consecutive rows often repeat a role.
                (Some(r), Some(last)) if self.opt_str(last.role) == Some(r) => last.role,
                (r, _) => self.opt_sym(r),
            },
            span: self.span_of(parts.start, parts.end),
            weight: parts.weight.unwrap_or(f64::NAN),
            extra: NONE,
            kind: parts.kind,
        };
        if self.cite_off.is_empty() {
            self.cite_off.push(0);
        }
        self.cites
            .extend(cites.into_iter().map(|(source, para)| Cite {
                source,
                para: para.unwrap_or(NONE),
            }));
        self.cite_off.push(self.cites.len() as u32);
        let file = self.loc_file(&loc.file);
        self.rel_locs.push(CLoc {
            file,
            line: u32::try_from(loc.line).unwrap_or(u32::MAX),
            column: u32::try_from(loc.column).unwrap_or(u32::MAX),
        });
        self.rels.push(rel);
        id
    }

    /// Adds a relation record, read at `loc`.
    pub fn push_relation(&mut self, r: Relation, loc: &Loc) -> RelId {
        self.push_record(RelationRecord::from(r), [None, None], loc)
    }

    /// Adds a relation record read from a dataset file at `loc`. `ends` are
    /// the symbols of its `from` and `to` if a reader already looked them up.
    pub fn push_record(
        &mut self,
        r: RelationRecord<'_>,
        ends: [Option<Sym>; 2],
        loc: &Loc,
    ) -> RelId {
        let from = ends[0].unwrap_or_else(|| self.strings.intern(&r.from));
        let to = ends[1].unwrap_or_else(|| self.strings.intern(&r.to));
        // Records of a file mostly cite the same few sources: the source
        // cited last is compared before any lookup.
        let mut cites = Vec::with_capacity(r.sources.len());
        for c in &r.sources {
            let sym = match self.last_cited {
                Some(sym) if self.strings.resolve(sym) == c.source => sym,
                _ => self.strings.intern(&c.source),
            };
            self.last_cited = Some(sym);
            cites.push((sym, c.para));
        }
        let id = self.push_parts(
            RelationParts {
                kind: r.kind,
                from,
                to,
                role: r.role.as_deref(),
                start: r.start.as_deref(),
                end: r.end.as_deref(),
                weight: r.weight,
            },
            cites,
            loc,
        );
        let extra = Extra::of(r);
        self.set_extra(id, extra);
        id
    }

    fn set_extra(&mut self, id: RelId, extra: Extra) {
        if !extra.is_empty() {
            self.rels[id.index()].extra = self.extras.len() as u32;
            self.extras.push(extra);
        }
    }

    /// Sets the fields of relation `id` that [`RelationParts`] does not
    /// carry, from a full record (whose other fields are ignored).
    pub fn set_rare_fields(&mut self, id: RelId, r: Relation) {
        let extra = Extra::of(RelationRecord::from(r));
        self.set_extra(id, extra);
    }

    /// Replaces the citations of the last relation added.
    pub fn set_last_cites(&mut self, cites: &[SourceRef]) {
        let Some(&start) = self.cite_off.get(self.cite_off.len().wrapping_sub(2)) else {
            return;
        };
        self.cites.truncate(start as usize);
        for c in cites {
            let source = self.strings.intern(&c.source);
            self.cites.push(Cite {
                source,
                para: c.para.unwrap_or(NONE),
            });
        }
        *self.cite_off.last_mut().expect("a relation was added") = self.cites.len() as u32;
    }

    /// Adds a node record, read at `loc`.
    pub fn push_node(&mut self, n: Node, loc: Loc) -> NodeId {
        self.node_syms.push(self.strings.intern(&n.id));
        self.nodes.push(n);
        self.node_locs.push(loc);
        NodeId::new(self.nodes.len() - 1)
    }

    /// Adds a node record whose id the caller has interned as `sym`.
    pub fn push_interned_node(&mut self, n: Node, loc: Loc, sym: Sym) -> NodeId {
        debug_assert_eq!(self.strings.resolve(sym), n.id);
        self.node_syms.push(sym);
        self.nodes.push(n);
        self.node_locs.push(loc);
        NodeId::new(self.nodes.len() - 1)
    }

    /// Adds a source record, read at `loc`.
    pub fn push_source(&mut self, s: Source, loc: Loc) {
        self.sources.push(s);
        self.source_locs.push(loc);
    }

    /// Adds the `imported from FILE` source a reader cites (once per id).
    pub fn push_file_source(&mut self, s: Source) {
        if self
            .file_sources
            .iter()
            .any(|&i| self.sources[i].id == s.id)
        {
            return;
        }
        let loc = Loc {
            file: Arc::from(s.file.as_deref().unwrap_or_default()),
            line: 1,
            column: 1,
        };
        self.file_sources.push(self.sources.len());
        self.push_source(s, loc);
    }

    /// Moves the `imported from FILE` sources after the others (each group
    /// in the order added).
    pub fn file_sources_last(&mut self) {
        let is_file = |i: usize| self.file_sources.contains(&i);
        let order: Vec<usize> = (0..self.sources.len())
            .filter(|&i| !is_file(i))
            .chain((0..self.sources.len()).filter(|&i| is_file(i)))
            .collect();
        let mut sources: Vec<Option<(Source, Loc)>> = std::mem::take(&mut self.sources)
            .into_iter()
            .zip(std::mem::take(&mut self.source_locs))
            .map(Some)
            .collect();
        let own = order.len() - self.file_sources.len();
        for &i in &order {
            let (s, loc) = sources[i].take().expect("each source once");
            self.push_source(s, loc);
        }
        self.file_sources = (own..order.len()).collect();
    }

    /// Notes a file as read (once).
    pub fn add_file_name(&mut self, name: &str) {
        if !self.files.iter().any(|f| f == name) {
            self.files.push(name.to_string());
        }
    }

    /// Marks node `i` as imported (merging by id with later imports);
    /// `described` when a node list describes it.
    pub fn mark_imported(&mut self, i: usize, described: bool) {
        self.imported.push((i as u32, described));
    }

    /// Moves the records of `other` (one foreign file's) into this store.
    /// Imported nodes merge by id with nodes imported before: a node list's
    /// description replaces the kind and name of a node only named by an
    /// edge, and is otherwise ignored.
    pub fn absorb(&mut self, mut other: Store) {
        if self.is_empty() && self.imported.is_empty() {
            let files = std::mem::take(&mut self.files);
            std::mem::swap(self, &mut other);
            for f in files.into_iter().rev() {
                if !self.files.contains(&f) {
                    self.files.insert(0, f);
                }
            }
            return;
        }
        let base = self.sources.len();
        for (s, loc) in other.sources.drain(..).zip(other.source_locs.drain(..)) {
            self.push_source(s, loc);
        }
        self.file_sources
            .extend(other.file_sources.iter().map(|i| i + base));
        let mut described = vec![true; other.nodes.len()];
        for &(i, d) in &other.imported {
            described[i as usize] = d;
        }
        // This store's imported nodes, by id.
        let mut mine: FxHashMap<String, usize> = self
            .imported
            .iter()
            .enumerate()
            .map(|(k, &(i, _))| (self.nodes[i as usize].id.clone(), k))
            .collect();
        for (j, (node, loc)) in other.nodes.iter().zip(&other.node_locs).enumerate() {
            match mine.get(&node.id).copied() {
                Some(k) => {
                    let (i, was_described) = self.imported[k];
                    if described[j] && !was_described {
                        self.nodes[i as usize].kind = node.kind;
                        self.nodes[i as usize].name = node.name.clone();
                        self.imported[k].1 = true;
                    }
                }
                None => {
                    let i = self.push_node(node.clone(), loc.clone()).index();
                    mine.insert(node.id.clone(), self.imported.len());
                    self.imported.push((i as u32, described[j]));
                }
            }
        }
        for r in other.relation_ids() {
            let rel = other.rel(r);
            let model = rel.to_model();
            let loc = rel.loc();
            self.push_relation(model, &loc);
        }
        for f in other.files {
            self.add_file_name(&f);
        }
    }

    /// Whether the store holds no record.
    pub fn is_empty(&self) -> bool {
        self.sources.is_empty() && self.nodes.is_empty() && self.rels.is_empty()
    }

    /// The records as a dataset file: the sources read, except the
    /// `imported from FILE` ones that no record cites.
    pub fn to_file(&self) -> DatasetFile {
        let cited = |id: &str| {
            self.nodes
                .iter()
                .any(|n| n.sources.iter().any(|c| c.source == id))
                || self
                    .strings
                    .get(id)
                    .is_some_and(|sym| self.cites.iter().any(|c| c.source == sym))
        };
        // The file's own sources first, then the cited file sources.
        let (files, own): (Vec<_>, Vec<_>) = self
            .sources
            .iter()
            .enumerate()
            .partition(|(i, _)| self.file_sources.contains(i));
        let sources = own
            .into_iter()
            .chain(files)
            .filter(|(i, s)| {
                // A file source is listed once, if cited, unless the file
                // itself lists a source with its id.
                let listed = || {
                    self.sources
                        .iter()
                        .enumerate()
                        .any(|(j, o)| o.id == s.id && !self.file_sources.contains(&j))
                };
                !self.file_sources.contains(i) || (cited(&s.id) && !listed())
            })
            .map(|(_, s)| s.clone())
            .collect();
        DatasetFile {
            schema: None,
            sources,
            nodes: self.nodes.clone(),
            relations: self.relations().map(|r| r.to_model()).collect(),
        }
    }

    /// The relations as records (allocates every field: for export and tests).
    pub fn relation_records(&self) -> Vec<Relation> {
        self.relations().map(|r| r.to_model()).collect()
    }
}

/// A relation of a [`Store`], read through accessors.
#[derive(Debug, Clone, Copy)]
pub struct RelRef<'a> {
    store: &'a Store,
    rel: &'a Rel,
    id: RelId,
}

impl<'a> RelRef<'a> {
    pub fn id(self) -> RelId {
        self.id
    }

    pub fn kind(self) -> RelationKind {
        self.rel.kind
    }

    /// Id of the node the relation goes from.
    pub fn from(self) -> &'a str {
        self.store.str(self.rel.from)
    }

    /// Id of the node the relation goes to.
    pub fn to(self) -> &'a str {
        self.store.str(self.rel.to)
    }

    pub fn from_sym(self) -> Sym {
        self.rel.from
    }

    pub fn to_sym(self) -> Sym {
        self.rel.to
    }

    pub fn role(self) -> Option<&'a str> {
        self.store.opt_str(self.rel.role)
    }

    pub fn span(self) -> SpanIx {
        self.rel.span
    }

    /// The start as written.
    pub fn start(self) -> Option<&'a str> {
        self.store.span_texts(self.rel.span).0
    }

    /// The end as written.
    pub fn end(self) -> Option<&'a str> {
        self.store.span_texts(self.rel.span).1
    }

    pub fn weight(self) -> Option<f64> {
        (!self.rel.weight.is_nan()).then_some(self.rel.weight)
    }

    fn extra(self) -> Option<&'a Extra> {
        self.store.extras.get(self.rel.extra as usize)
    }

    pub fn amount(self) -> Option<&'a Amount> {
        self.extra().and_then(|e| e.amount.as_ref())
    }

    pub fn share(self) -> Option<FundingShare> {
        self.extra().and_then(|e| e.share)
    }

    pub fn place(self) -> Option<&'a str> {
        self.extra().and_then(|e| e.place.as_deref())
    }

    pub fn within(self) -> Option<&'a str> {
        self.extra().and_then(|e| e.within.as_deref())
    }

    pub fn on_behalf_of(self) -> Option<&'a str> {
        self.extra().and_then(|e| e.on_behalf_of.as_deref())
    }

    pub fn note(self) -> Option<&'a str> {
        self.extra().and_then(|e| e.note.as_deref())
    }

    /// The citations, in record order.
    pub fn cites(self) -> &'a [Cite] {
        let i = self.id.index();
        let (a, b) = (self.store.cite_off[i], self.store.cite_off[i + 1]);
        &self.store.cites[a as usize..b as usize]
    }

    /// Whether any citation names one of `ids`.
    pub fn cites_any(self, ids: &[String]) -> bool {
        self.cites()
            .iter()
            .any(|c| ids.iter().any(|id| id == self.store.str(c.source)))
    }

    /// The citations as records.
    pub fn sources(self) -> Vec<SourceRef> {
        self.cites()
            .iter()
            .map(|c| SourceRef {
                source: self.store.str(c.source).to_string(),
                para: c.para(),
            })
            .collect()
    }

    /// Where the record was read.
    pub fn loc(self) -> Loc {
        let l = self.store.rel_locs[self.id.index()];
        Loc {
            file: self.store.loc_files[l.file as usize].clone(),
            line: l.line as usize,
            column: l.column as usize,
        }
    }

    /// The relation as a full record.
    pub fn to_model(self) -> Relation {
        let own = |s: Option<&str>| s.map(str::to_string);
        let e = self.extra().cloned().unwrap_or_default();
        Relation {
            kind: self.kind(),
            from: self.from().to_string(),
            to: self.to().to_string(),
            role: own(self.role()),
            start: own(self.start()),
            end: own(self.end()),
            weight: self.weight(),
            amount: e.amount,
            share: e.share,
            place: e.place,
            within: e.within,
            on_behalf_of: e.on_behalf_of,
            note: e.note,
            sources: self.sources(),
        }
    }
}

/// A relation serialises as its record.
impl serde::Serialize for RelRef<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_model().serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads a relation object both ways: as a `Relation` and as a
    /// `RelationRecord` pushed into a store and read back.
    fn both(json: &str) -> (Result<String, String>, Result<String, String>) {
        let model = serde_json::from_str::<Relation>(json)
            .map(|r| serde_json::to_string(&r).unwrap())
            .map_err(|e| e.to_string());
        let record = serde_json::from_str::<RelationRecord>(json)
            .map(|r| {
                let mut s = Store::new();
                let loc = Loc {
                    file: Arc::from("t"),
                    line: 1,
                    column: 1,
                };
                let id = s.push_record(r, [None, None], &loc);
                serde_json::to_string(&s.rel(id).to_model()).unwrap()
            })
            .map_err(|e| e.to_string());
        (model, record)
    }

    #[test]
    fn a_relation_record_reads_as_a_relation_does() {
        let cases = [
            r#"{"kind":"funds","from":"a","to":"b","role":"main","start":"2017-09 + 3 years","end":"2020","weight":2.5,"amount":{"value":1e6,"currency":"EUR"},"share":"co","place":"Rabat","within":"p","on_behalf_of":"s","note":"n \"q\"","sources":[{"source":"x","para":3},{"source":"y"}]}"#,
            r#"{"kind":"partner","from":"a\u00e9","to":"b","sources":[]}"#,
            r#"{"kind":"partner","from":"a","to":"b","sources":[],"colour":"red"}"#,
            r#"{"kind":"partnr","from":"a","to":"b","sources":[]}"#,
            r#"{"kind":"partner","from":"a","to":"b"}"#,
            r#"{"kind":"partner","from":1,"to":"b","sources":[]}"#,
            r#"{"kind":"partner","from":"a","to":"b","role":null,"sources":[{"source":"x","page":2}]}"#,
            r#"{"kind":"partner","from":"a","to":"b","weight":"1","sources":[]}"#,
            r#"{"kind":"partner","from":"a","to":"b","share":"most","sources":[{"source":"x","para":-1}]}"#,
        ];
        for json in cases {
            let (model, record) = both(json);
            assert_eq!(model, record, "{json}");
        }
    }
}
