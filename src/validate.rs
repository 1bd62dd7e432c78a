//! Validation: every rule a dataset must keep, as [`Diagnostic`]s.
//!
//! Errors (the dataset is unusable until they are fixed): duplicate ids,
//! malformed ids, a reference to a missing node or source (with "did you
//! mean"), a name or alias claimed by two nodes, an invalid date or an end
//! before its start, a relation kind not allowed between its node kinds, a
//! node or relation without a source, an edge weight outside
//! [`MIN_WEIGHT`]..=[`MAX_WEIGHT`] (checked on the store, so for every
//! reader; the CSV reader refuses such a row with the same words, through
//! [`parse_weight`]), a citation of paragraph 0 (paragraphs count from 1),
//! a negative amount or a currency that is not three upper-case letters
//! (ISO 4217's shape), a date outside the years 1000–9999
//! ([`crate::date::YEARS`]).
//!
//! Warnings (facts the pages themselves disagree on, reported so that nobody
//! is misled): a declared member count that differs from the members listed,
//! the same relation given different kinds, roles or dates by different
//! sources, alternative dates for a node, isolated nodes.

use crate::date::PartialDate;
use crate::date::Span;
use crate::diagnostic::{Diagnostic, Loc};
use crate::model::{Amount, Node, NodeKind, Relation, RelationKind, SourceRef};
use crate::names::{NameIndex, fold, spellings};
use crate::store::{RelId, RelRef, SpanIx, Store, Sym};
use itertools::Itertools;
use rayon::prelude::*;
use rustc_hash::FxHashSet;
use std::collections::BTreeSet;

/// How many unknown node ids get "did you mean" suggestions: each costs a
/// pass over every name, so a file with thousands of mistyped ids reports
/// them all but suggests for the first ones only.
const SUGGESTED: usize = 20;

/// The smallest edge weight a dataset may give: weights are tie strengths,
/// positive (PageRank divides by them, eigenvector centrality needs them
/// positive), and within a range whose sums and products stay exact enough
/// in floating point.
pub const MIN_WEIGHT: f64 = 1e-9;
/// The largest edge weight a dataset may give (see [`MIN_WEIGHT`]).
pub const MAX_WEIGHT: f64 = 1e12;

/// Whether `w` is a weight coopgraph accepts: finite, from [`MIN_WEIGHT`] to
/// [`MAX_WEIGHT`].
///
/// ```
/// use coopgraph::validate::weight_ok;
/// assert!(weight_ok(1.0) && weight_ok(1e-9) && weight_ok(1e12));
/// assert!(![0.0, -1.0, 5e-324, 2e12, f64::NAN, f64::INFINITY].into_iter().any(weight_ok));
/// ```
pub fn weight_ok(w: f64) -> bool {
    (MIN_WEIGHT..=MAX_WEIGHT).contains(&w)
}

/// What is wrong with a weight, written `text`: every reader says it in
/// these words.
pub fn weight_error(text: &str) -> String {
    format!("weight `{text}` is not a number from 1e-9 to 1e12")
}

/// A weight as text (a CSV cell) read into a number, or [`weight_error`].
///
/// ```
/// use coopgraph::validate::parse_weight;
/// assert_eq!(parse_weight(" 2.5 "), Ok(2.5));
/// assert_eq!(parse_weight("NaN").unwrap_err(), "weight `NaN` is not a number from 1e-9 to 1e12");
/// ```
pub fn parse_weight(text: &str) -> Result<f64, String> {
    let text = text.trim();
    text.parse::<f64>()
        .ok()
        .filter(|w| weight_ok(*w))
        .ok_or_else(|| weight_error(text))
}

/// Whether an amount is one coopgraph accepts: finite, not negative, in a
/// currency shaped like an ISO 4217 code (three upper-case letters; the
/// list of codes itself is not checked).
///
/// ```
/// use coopgraph::{model::Amount, validate::amount_ok};
/// let a = |value, currency: &str| Amount { value, currency: currency.into() };
/// assert!(amount_ok(&a(0.0, "EUR")) && amount_ok(&a(2.5e6, "SEK")));
/// assert!(!amount_ok(&a(-1.0, "EUR")) && !amount_ok(&a(1.0, "eur")) && !amount_ok(&a(1.0, "")));
/// ```
pub fn amount_ok(a: &Amount) -> bool {
    a.value.is_finite() && a.value >= 0.0 && currency_ok(&a.currency)
}

fn currency_ok(c: &str) -> bool {
    c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase())
}

/// `kind from -> to`, the way diagnostics name a relation.
pub fn relation_label(r: RelRef<'_>) -> String {
    format!("{} {} -> {}", r.kind(), r.from(), r.to())
}

/// A member count a page states, against the members the data lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberCount {
    /// Index of the network or organisation.
    pub node: usize,
    /// Index into that node's `declared_members`.
    pub claim: usize,
    pub declared: u32,
    pub role: Option<String>,
    /// Ids of the listed members, sorted.
    pub listed: Vec<String>,
}

/// Every declared member count with the members listed for it: `member`
/// relations with the claim's role, or, without a role, every distinct node
/// with a `member` or `leads` relation to the node.
pub fn member_counts(ds: &Store) -> Vec<MemberCount> {
    let mut out = Vec::new();
    let claimed: FxHashSet<Sym> = ds
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| !n.declared_members.is_empty())
        .map(|(i, _)| ds.node_sym(i))
        .collect();
    if claimed.is_empty() {
        return out;
    }
    // The relations into nodes with a stated count, found in one pass.
    let into: Vec<RelRef<'_>> = ds
        .relations()
        .filter(|r| claimed.contains(&r.to_sym()))
        .collect();
    for (i, n) in ds.nodes.iter().enumerate() {
        for (c, dm) in n.declared_members.iter().enumerate() {
            let listed: BTreeSet<&str> = into
                .iter()
                .filter(|r| r.to_sym() == ds.node_sym(i))
                .filter(|r| match &dm.role {
                    Some(role) => {
                        r.kind() == RelationKind::Member && r.role().map(fold) == Some(fold(role))
                    }
                    None => matches!(r.kind(), RelationKind::Member | RelationKind::Leads),
                })
                .map(|r| r.from())
                .collect();
            out.push(MemberCount {
                node: i,
                claim: c,
                declared: dm.count,
                role: dm.role.clone(),
                listed: listed.into_iter().map(String::from).collect(),
            });
        }
    }
    out
}

fn cited(r: &Relation) -> BTreeSet<&SourceRef> {
    r.sources.iter().collect()
}

/// Where a record of a hand-built dataset (without locations) is.
fn unknown_loc() -> Loc {
    Loc {
        file: std::sync::Arc::from("<memory>"),
        line: 1,
        column: 1,
    }
}

fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

struct Checker<'a> {
    ds: &'a Store,
    names: std::sync::OnceLock<NameIndex>,
    /// Node index of each interned string that is a node id (the first
    /// node with that id), `u32::MAX` for other strings.
    node_of: Vec<u32>,
    /// Whether each interned string is a source id.
    is_source: Vec<bool>,
    source_ids: FxHashSet<&'a str>,
    /// Relation date spans, parsed, and whether each is valid.
    spans: Vec<Span>,
    span_ok: Vec<bool>,
    /// Unknown node ids reported so far, for bounding suggestions.
    suggested: usize,
    /// Suggestions for the first unknown ids, worked out in advance.
    suggestions: rustc_hash::FxHashMap<String, Vec<String>>,
    out: Vec<Diagnostic>,
}

/// What checking a dataset found, and what building its graph reuses.
#[derive(Debug)]
pub struct Checked {
    /// Errors first, then warnings, each group in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// Node index of each interned string (see [`Store::strings`]) that is a
    /// node id, `u32::MAX` for other strings.
    pub node_of: Vec<u32>,
    /// Each relation date span of the store, parsed (invalid dates as unknown).
    pub spans: Vec<Span>,
}

/// What checking a dataset found, as `coopgraph validate` reports it: whether
/// it is valid, how many errors and warnings, and every diagnostic (errors
/// first). Serialised, it is the command's JSON document.
///
/// ```
/// use coopgraph::load::Dataset;
/// use coopgraph::validate::Report;
/// let ds = Dataset::embedded().unwrap();
/// let r = Report::of(&ds, false);
/// assert!(r.valid);
/// assert_eq!(r.errors, 0);
/// assert_eq!(r.warnings, r.diagnostics.len());
/// // The embedded data has warnings (sources that disagree): strictly, it
/// // is not valid.
/// assert!(r.warnings > 0 && !Report::of(&ds, true).valid);
/// // A dataset that cannot be read reports its diagnostics the same way.
/// let broken = Dataset::from_str("x.json", "{\"nodes\": [");
/// let Err(coopgraph::Error::Data(diags)) = broken else { panic!() };
/// assert!(!Report::new(diags, false).valid);
/// ```
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Report {
    /// No errors (and, when checked strictly, no warnings).
    pub valid: bool,
    pub errors: usize,
    pub warnings: usize,
    /// Errors first, then warnings.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// The report of diagnostics already found; `strict` counts warnings as
    /// errors for [`Report::valid`].
    pub fn new(diagnostics: Vec<Diagnostic>, strict: bool) -> Report {
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        let warnings = diagnostics.len() - errors;
        Report {
            valid: errors == 0 && !(strict && warnings > 0),
            errors,
            warnings,
            diagnostics,
        }
    }

    /// Checks `ds` (see [`validate`]).
    pub fn of(ds: &Store, strict: bool) -> Report {
        Report::new(validate(ds), strict)
    }
}

/// Checks a dataset; returns errors and warnings, errors first, each group in
/// file order.
pub fn validate(ds: &Store) -> Vec<Diagnostic> {
    check(ds).diagnostics
}

/// Checks a dataset (see [`validate`]) in time linear in its size (but for
/// records that repeat one pair of nodes, which are compared pairwise), and
/// keeps what the graph is built from.
pub fn check(ds: &Store) -> Checked {
    let mut node_of = vec![u32::MAX; ds.strings().len()];
    for i in 0..ds.nodes.len() {
        let slot = &mut node_of[ds.node_sym(i).index()];
        if *slot == u32::MAX {
            *slot = i as u32;
        }
    }
    let mut is_source = vec![false; ds.strings().len()];
    for s in &ds.sources {
        if let Some(sym) = ds.strings().get(&s.id) {
            is_source[sym.index()] = true;
        }
    }
    let spans: Vec<Span> = crate::par::map_range(ds.span_count(), |i| {
        let (a, b) = ds.span_texts(SpanIx::new(i));
        Span::parse(a, b)
    });
    let span_ok = (0..ds.span_count())
        .map(|i| {
            let (a, b) = ds.span_texts(SpanIx::new(i));
            let sp = &spans[i];
            a.is_some() == sp.start.is_some()
                && b.is_some() == sp.end.is_some()
                && match (&sp.start, &sp.end) {
                    (Some(s), Some(e)) => e.latest() >= s.earliest(),
                    _ => true,
                }
        })
        .collect();
    let mut c = Checker {
        ds,
        names: std::sync::OnceLock::new(),
        node_of,
        is_source,
        source_ids: FxHashSet::default(),
        spans,
        span_ok,
        suggested: 0,
        suggestions: Default::default(),
        out: Vec::new(),
    };
    c.ids();
    c.name_conflicts();
    for (i, n) in ds.nodes.iter().enumerate() {
        c.node(n, &ds.node_locs.get(i).cloned().unwrap_or_else(unknown_loc));
    }
    // Most relations are fine: a parallel pass finds the others, which
    // alone are looked at closely (and located).
    let ok = crate::par::map_range(ds.relation_count(), |r| {
        c.relation_ok(ds.rel(RelId::new(r)))
    });
    let bad: Vec<RelId> = (0..ok.len()).filter(|&r| !ok[r]).map(RelId::new).collect();
    c.prepare_suggestions(&bad);
    for r in bad {
        let rel = ds.rel(r);
        c.relation(rel, &rel.loc());
    }
    c.declared_members();
    c.conflicting_relations();
    c.isolated();
    let Checker {
        mut out,
        node_of,
        spans,
        ..
    } = c;
    // Errors first; then in the order the files were given, line, column.
    let file_rank = |d: &Diagnostic| {
        d.loc
            .as_ref()
            .and_then(|l| ds.files.iter().position(|f| **f == *l.file))
            .unwrap_or(usize::MAX)
    };
    out.sort_by(|a, b| {
        a.severity
            .cmp(&b.severity)
            .then(file_rank(a).cmp(&file_rank(b)))
            .then(
                a.loc
                    .as_ref()
                    .map(|l| (l.line, l.column))
                    .cmp(&b.loc.as_ref().map(|l| (l.line, l.column))),
            )
    });
    Checked {
        diagnostics: out,
        node_of,
        spans,
    }
}

impl<'a> Checker<'a> {
    fn ids(&mut self) {
        let ds = self.ds;
        for (i, s) in ds.sources.iter().enumerate() {
            if !self.source_ids.insert(&s.id) {
                self.out.push(
                    Diagnostic::error(
                        "duplicate-id",
                        format!("source id `{}` is defined twice", s.id),
                    )
                    .at(Some(
                        &ds.source_locs.get(i).cloned().unwrap_or_else(unknown_loc),
                    )),
                );
            }
        }
        for (i, n) in ds.nodes.iter().enumerate() {
            let loc = &ds.node_locs.get(i).cloned().unwrap_or_else(unknown_loc);
            if !is_slug(&n.id) {
                self.out.push(
                    Diagnostic::error(
                        "invalid-id",
                        format!(
                            "node id `{}` is not a slug (lowercase letters, digits, hyphens)",
                            n.id
                        ),
                    )
                    .at(Some(loc)),
                );
            }
            let first = self.node_of[ds.node_sym(i).index()] as usize;
            if first != i {
                self.out.push(
                    Diagnostic::error(
                        "duplicate-id",
                        format!("node id `{}` is defined twice", n.id),
                    )
                    .at(Some(loc))
                    .help(format!("first defined at {}", ds.node_locs[first])),
                );
            }
        }
    }

    /// Folded names claimed by more than one node. Every spelling is
    /// folded and hashed in parallel; only the nodes whose hashes collide
    /// are compared by their folded text, so a large dataset without
    /// conflicts builds no name index.
    fn name_conflicts(&mut self) {
        use std::hash::BuildHasher;
        let ds = self.ds;
        let hasher = rustc_hash::FxBuildHasher;
        // A node's distinct folded spellings (most have one or two), with
        // a buffer for folding.
        let spelled = |key: &mut String, i: usize| {
            let mut own: Vec<(u64, u32)> = Vec::with_capacity(2);
            for s in spellings(&ds.nodes[i]) {
                crate::names::fold_into(s, key);
                let h = (hasher.hash_one(key.as_str()), i as u32);
                if !key.is_empty() && !own.contains(&h) {
                    own.push(h);
                }
            }
            own
        };
        let n = ds.nodes.len();
        let mut keys: Vec<(u64, u32)> = if n < crate::par::MIN_ITEMS {
            let mut key = String::new();
            (0..n).flat_map(|i| spelled(&mut key, i)).collect()
        } else {
            (0..n)
                .into_par_iter()
                .map_init(String::new, spelled)
                .flatten_iter()
                .collect()
        };
        crate::par::sort_unstable(&mut keys);
        keys.dedup();
        let suspects: FxHashSet<u64> = keys
            .windows(2)
            .filter(|w| w[0].0 == w[1].0)
            .map(|w| w[0].0)
            .collect();
        if suspects.is_empty() {
            return;
        }
        let involved: BTreeSet<u32> = keys
            .iter()
            .filter(|(h, _)| suspects.contains(h))
            .map(|&(_, i)| i)
            .collect();
        // folded key -> (node, first spelling), one entry per node, in node order.
        let mut claims: std::collections::BTreeMap<String, Vec<(usize, String)>> =
            Default::default();
        for &i in &involved {
            let i = i as usize;
            for s in spellings(&ds.nodes[i]) {
                let key = fold(s);
                if key.is_empty() || !suspects.contains(&hasher.hash_one(&key)) {
                    continue;
                }
                let entry = claims.entry(key).or_default();
                if !entry.iter().any(|(j, _)| *j == i) {
                    entry.push((i, s.to_string()));
                }
            }
        }
        for (key, claims) in claims.into_iter().filter(|(_, c)| c.len() > 1) {
            // Duplicate ids are reported once, as duplicate-id.
            if claims.iter().map(|(i, _)| &ds.nodes[*i].id).all_equal() {
                continue;
            }
            let who = claims
                .iter()
                .map(|(i, s)| format!("`{}` (as \"{s}\")", ds.nodes[*i].id))
                .join(", ");
            let last = claims.iter().map(|(i, _)| *i).max().unwrap_or(0);
            self.out.push(
                Diagnostic::error(
                    "alias-conflict",
                    format!("the name \"{key}\" is claimed by more than one node: {who}"),
                )
                .at(Some(
                    &ds.node_locs.get(last).cloned().unwrap_or_else(unknown_loc),
                ))
                .help("names and aliases must identify one node; drop or qualify one of them"),
            );
        }
    }

    fn source_refs(&mut self, refs: &[SourceRef], loc: &Loc, subject: &str) {
        for r in refs {
            if r.para == Some(0) {
                self.out.push(
                    Diagnostic::error(
                        "invalid-para",
                        format!("`{}` is cited at paragraph 0", r.source),
                    )
                    .at(Some(loc))
                    .subject(subject)
                    .help("paragraphs count from 1: the first non-empty line of the page is 1"),
                );
            }
            if !self.source_ids.contains(r.source.as_str()) {
                let best = self
                    .ds
                    .sources
                    .iter()
                    .map(|s| (strsim::jaro_winkler(&r.source, &s.id), &s.id))
                    .max_by(|a, b| a.0.total_cmp(&b.0));
                let mut d = Diagnostic::error(
                    "unknown-source",
                    format!("source `{}` is not defined", r.source),
                )
                .at(Some(loc))
                .subject(subject);
                if let Some((_, id)) = best.filter(|(s, _)| *s > 0.7) {
                    d = d.help(format!("did you mean `{id}`?"));
                }
                self.out.push(d);
            }
        }
    }

    fn date(&mut self, value: &Option<String>, loc: &Loc, subject: &str) -> Option<PartialDate> {
        let s = value.as_ref()?;
        match s.parse::<PartialDate>() {
            Ok(d) => Some(d),
            Err(e) => {
                self.out.push(
                    Diagnostic::error("invalid-date", format!("invalid date \"{s}\": {e}"))
                        .at(Some(loc))
                        .subject(subject)
                        .help(
                            "use YYYY, YYYY-MM, YYYY-MM-DD, 'autumn 2021' or '2017-09 + 3 years'",
                        ),
                );
                None
            }
        }
    }

    fn span(&mut self, start: &Option<String>, end: &Option<String>, loc: &Loc, subject: &str) {
        let s = self.date(start, loc, subject);
        let e = self.date(end, loc, subject);
        if let (Some(s), Some(e)) = (s, e)
            && e.latest() < s.earliest()
        {
            self.out.push(
                Diagnostic::error(
                    "end-before-start",
                    format!("ends ({e}) before it starts ({s})"),
                )
                .at(Some(loc))
                .subject(subject),
            );
        }
    }

    fn node(&mut self, n: &Node, loc: &Loc) {
        let subj = n.id.as_str();
        if crate::names::folds_to_nothing(&n.name) {
            self.out.push(
                Diagnostic::error(
                    "empty-name",
                    format!("node `{}` has a name without letters or digits", n.id),
                )
                .at(Some(loc))
                .help("give it a name that people can search for"),
            );
        }
        if n.sources.is_empty() {
            self.out.push(
                Diagnostic::error("no-source", format!("node `{}` cites no source", n.id))
                    .at(Some(loc))
                    .help("add \"sources\": [{\"source\": \"…\", \"para\": N}]"),
            );
        }
        self.source_refs(&n.sources, loc, subj);
        for a in &n.aliases {
            if let Some(s) = &a.source {
                let r = SourceRef {
                    source: s.clone(),
                    para: None,
                };
                self.source_refs(&[r], loc, subj);
            }
        }
        if let Some(c) = &n.country
            && !(c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()))
        {
            self.out.push(
                Diagnostic::error(
                    "invalid-country",
                    format!("country `{c}` is not an ISO 3166-1 alpha-2 code"),
                )
                .at(Some(loc))
                .subject(subj),
            );
        }
        self.span(&n.start, &n.end, loc, subj);
        for (flag, date, field) in [
            (n.start_planned, &n.start, "start"),
            (n.end_planned, &n.end, "end"),
        ] {
            if flag && date.is_none() {
                self.out.push(
                    Diagnostic::error(
                        "planned-without-date",
                        format!(
                            "node `{}` marks its {field} as planned but gives none",
                            n.id
                        ),
                    )
                    .at(Some(loc))
                    .subject(subj)
                    .help(format!("add \"{field}\" or remove \"{field}_planned\"")),
                );
            }
        }
        for claim in &n.alt_dates {
            self.source_refs(&claim.sources, loc, subj);
            self.span(&claim.start, &claim.end, loc, subj);
            // A claim is an alternative to the main dates: report it.
            let mut variants = vec![format!("{} (node sources)", span_text(&n.start, &n.end))];
            variants.push(format!(
                "{} ({})",
                span_text(
                    &claim.start.clone().or(n.start.clone()),
                    &claim.end.clone().or(n.end.clone())
                ),
                crate::format_sources(&claim.sources)
            ));
            let mut d = Diagnostic::warning(
                "conflicting-dates",
                format!(
                    "sources give `{}` different dates: {}",
                    n.id,
                    variants.join(" vs ")
                ),
            )
            .at(Some(loc))
            .subject(subj)
            .sources(&claim.sources);
            if let Some(note) = &claim.note {
                d = d.help(note.clone());
            }
            self.out.push(d);
        }
        for dm in &n.declared_members {
            if dm.sources.is_empty() {
                self.out.push(
                    Diagnostic::error("no-source", "declared member count cites no source")
                        .at(Some(loc))
                        .subject(subj),
                );
            }
            self.source_refs(&dm.sources, loc, subj);
        }
    }

    /// The node an id names, if any.
    fn node_index(&self, id: &str) -> Option<usize> {
        let sym = self.ds.strings().get(id)?;
        self.node_of_sym(sym)
    }

    fn node_of_sym(&self, sym: Sym) -> Option<usize> {
        self.node_of
            .get(sym.index())
            .filter(|&&i| i != u32::MAX)
            .map(|&i| i as usize)
    }

    /// What an unknown id may have meant: the node it names exactly, or
    /// up to three similar names.
    fn suggest(&self, id: &str) -> Vec<String> {
        let names = self.names();
        match names.resolve(id) {
            Ok(i) => vec![self.ds.nodes[i].id.clone()],
            Err(_) => names.suggest(id, 3).into_iter().map(|c| c.id).collect(),
        }
    }

    /// Works out, on every core, the suggestions for the first unknown
    /// ids that the relations `bad` refer to (in the order they are
    /// reported), each a pass over every name.
    fn prepare_suggestions(&mut self, bad: &[RelId]) {
        let mut wanted: Vec<&str> = Vec::new();
        let mut seen = 0;
        'walk: for &r in bad {
            let rel = self.ds.rel(r);
            let refs = [
                Some(rel.from()),
                Some(rel.to()),
                rel.within(),
                rel.on_behalf_of(),
            ];
            for id in refs.into_iter().flatten() {
                if self.node_index(id).is_none() {
                    if seen == SUGGESTED {
                        break 'walk;
                    }
                    seen += 1;
                    if !wanted.contains(&id) {
                        wanted.push(id);
                    }
                }
            }
        }
        if wanted.is_empty() {
            return;
        }
        let this = &*self;
        let found: Vec<(String, Vec<String>)> = wanted
            .par_iter()
            .map(|id| (id.to_string(), this.suggest(id)))
            .collect();
        self.suggestions = found.into_iter().collect();
    }

    fn names(&self) -> &NameIndex {
        self.names.get_or_init(|| NameIndex::new(&self.ds.nodes))
    }

    fn node_ref(&mut self, id: &str, field: &str, loc: &Loc, subject: &str) -> Option<usize> {
        if let Some(i) = self.node_index(id) {
            return Some(i);
        }
        let mut d = Diagnostic::error(
            "missing-node",
            format!("`{field}` refers to `{id}`, which is not a node id"),
        )
        .at(Some(loc))
        .subject(subject);
        // An exact name or alias is the most likely intent; then similar
        // names (for the first ones: each costs a pass over every name).
        let names = self.names();
        let suggestions = if self.suggested < SUGGESTED {
            self.suggestions
                .get(id)
                .cloned()
                .unwrap_or_else(|| self.suggest(id))
        } else {
            names
                .exact(id)
                .map(|i| vec![self.ds.nodes[i].id.clone()])
                .unwrap_or_default()
        };
        self.suggested += 1;
        if !suggestions.is_empty() {
            d = d.help(format!(
                "did you mean {}?",
                suggestions.iter().map(|s| format!("`{s}`")).join(" or ")
            ));
        }
        self.out.push(d);
        None
    }

    /// Whether a relation breaks no rule (checked without formatting or
    /// locating anything).
    fn relation_ok(&self, r: RelRef<'_>) -> bool {
        let known = |sym: Sym| self.is_source.get(sym.index()).copied().unwrap_or(false);
        let (Some(f), Some(t)) = (self.node_of_sym(r.from_sym()), self.node_of_sym(r.to_sym()))
        else {
            return false;
        };
        let cites = r.cites();
        !cites.is_empty()
            && cites.iter().all(|c| known(c.source))
            && f != t
            && r.kind()
                .allowed(self.ds.nodes[f].kind, self.ds.nodes[t].kind)
            && self.span_ok[r.span().index()]
            && r.weight().is_none_or(weight_ok)
            && r.amount().is_none_or(amount_ok)
            && cites.iter().all(|c| c.para() != Some(0))
            && r.within().is_none_or(|w| self.node_index(w).is_some())
            && r.on_behalf_of()
                .is_none_or(|w| self.node_index(w).is_some())
    }

    fn relation(&mut self, r: RelRef<'_>, loc: &Loc) {
        // The label is only formatted if something is reported (below).
        let before = self.out.len();
        let subj = String::new();
        let sources = r.sources();
        if sources.is_empty() {
            self.out.push(
                Diagnostic::error("no-source", "relation cites no source")
                    .at(Some(loc))
                    .subject(&subj)
                    .help("every relation needs \"sources\": [{\"source\": \"…\", \"para\": N}]"),
            );
        }
        self.source_refs(&sources, loc, &subj);
        let from = self.node_ref(r.from(), "from", loc, &subj);
        let to = self.node_ref(r.to(), "to", loc, &subj);
        if let Some(w) = r.within() {
            self.node_ref(w, "within", loc, &subj);
        }
        if let Some(s) = r.on_behalf_of() {
            self.node_ref(s, "on_behalf_of", loc, &subj);
        }
        let kind = r.kind();
        if let (Some(f), Some(t)) = (from, to) {
            let (fk, tk) = (self.ds.nodes[f].kind, self.ds.nodes[t].kind);
            if !kind.allowed(fk, tk) {
                let ok = NodeKind::ALL
                    .iter()
                    .flat_map(|a| NodeKind::ALL.iter().map(move |b| (*a, *b)))
                    .filter(|(a, b)| kind.allowed(*a, *b))
                    .map(|(a, b)| format!("{a} -> {b}"))
                    .join(", ");
                self.out.push(
                    Diagnostic::error(
                        "relation-not-allowed",
                        format!("`{kind}` cannot go from {} to {}", a(fk), a(tk)),
                    )
                    .at(Some(loc))
                    .subject(&subj)
                    .help(format!("`{kind}` joins: {ok}")),
                );
            }
            if f == t {
                self.out.push(
                    Diagnostic::error("self-relation", "a relation must join two different nodes")
                        .at(Some(loc))
                        .subject(&subj),
                );
            }
        }
        let own = |s: Option<&str>| s.map(str::to_string);
        self.span(&own(r.start()), &own(r.end()), loc, &subj);
        if let Some(w) = r.weight().filter(|w| !weight_ok(*w)) {
            self.out.push(
                Diagnostic::error("invalid-weight", weight_error(&format!("{w:?}")))
                    .at(Some(loc))
                    .subject(&subj)
                    .help("a weight is a tie's strength: a positive number, 1 when absent"),
            );
        }
        if let Some(a) = r.amount() {
            self.amount(a, loc, &subj);
        }
        if self.out.len() > before {
            let label = relation_label(r);
            for d in &mut self.out[before..] {
                d.subject = Some(label.clone());
            }
        }
    }

    /// A negative (or non-finite) amount, a currency not shaped like an
    /// ISO 4217 code.
    fn amount(&mut self, a: &Amount, loc: &Loc, subject: &str) {
        if !(a.value.is_finite() && a.value >= 0.0) {
            self.out.push(
                Diagnostic::error(
                    "invalid-amount",
                    format!(
                        "amount {} {} is {}",
                        a.value,
                        a.currency,
                        if a.value < 0.0 {
                            "negative"
                        } else {
                            "not a finite number"
                        }
                    ),
                )
                .at(Some(loc))
                .subject(subject)
                .help("an amount is what was given, zero or more"),
            );
        }
        if !currency_ok(&a.currency) {
            self.out.push(
                Diagnostic::error(
                    "invalid-currency",
                    format!(
                        "currency `{}` is not an ISO 4217 code (three upper-case letters)",
                        a.currency
                    ),
                )
                .at(Some(loc))
                .subject(subject)
                .help("e.g. EUR, SEK, USD"),
            );
        }
    }

    fn declared_members(&mut self) {
        let ds = self.ds;
        for m in member_counts(ds) {
            if m.listed.len() == m.declared as usize {
                continue;
            }
            let n = &ds.nodes[m.node];
            let dm = &n.declared_members[m.claim];
            let what = dm.role.as_ref().map_or("members".to_string(), |r| {
                format!("members with role \"{r}\"")
            });
            self.out.push(
                Diagnostic::warning(
                    "declared-members",
                    format!(
                        "`{}` is stated to have {} {what}, but {} are listed",
                        n.id,
                        m.declared,
                        m.listed.len()
                    ),
                )
                .at(Some(
                    &ds.node_locs
                        .get(m.node)
                        .cloned()
                        .unwrap_or_else(unknown_loc),
                ))
                .subject(&n.id)
                .sources(&dm.sources)
                .help(format!("listed: {}", m.listed.iter().join(", "))),
            );
        }
    }

    /// Records of the same `from -> to` that disagree: the same kind with a
    /// different role, share or dates (from different sources), or different
    /// kinds read from different pages (one page says member, its
    /// translation says partner). Records at different places or within
    /// different projects are separate facts.
    fn conflicting_relations(&mut self) {
        let ds = self.ds;
        // Unordered pairs: a cooperation may be recorded from either end.
        // Relations are bucketed by their lower end (a counting sort), and
        // each bucket sorted by the other end, in parallel: the relations
        // of a pair end up adjacent, in dataset order.
        let lo_hi = |r: RelRef<'_>| {
            let (a, b) = (r.from_sym().0, r.to_sym().0);
            (a.min(b), a.max(b))
        };
        let mut offsets = vec![0u32; ds.strings().len() + 1];
        for r in ds.relations() {
            offsets[lo_hi(r).0 as usize + 1] += 1;
        }
        for i in 1..offsets.len() {
            offsets[i] += offsets[i - 1];
        }
        let mut next = offsets.clone();
        let mut by_lo = vec![(0u32, 0u32); ds.relation_count()];
        for r in ds.relations() {
            let (lo, hi) = lo_hi(r);
            let slot = &mut next[lo as usize];
            by_lo[*slot as usize] = (hi, r.id().0);
            *slot += 1;
        }
        let mut buckets: Vec<&mut [(u32, u32)]> = Vec::new();
        let mut rest = by_lo.as_mut_slice();
        for w in offsets.windows(2) {
            let (bucket, tail) = rest.split_at_mut((w[1] - w[0]) as usize);
            if bucket.len() > 1 {
                buckets.push(bucket);
            }
            rest = tail;
        }
        let repeated_in = |bucket: &mut [(u32, u32)]| {
            bucket.sort_unstable();
            bucket
                .chunk_by(|x, y| x.0 == y.0)
                .filter(|g| g.len() > 1)
                .map(|g| g.iter().map(|&(_, r)| r).collect::<Vec<u32>>())
                .collect::<Vec<_>>()
        };
        let repeated: Vec<Vec<u32>> = if buckets.len() < crate::par::MIN_ITEMS {
            buckets.into_iter().flat_map(repeated_in).collect()
        } else {
            buckets.into_par_iter().flat_map_iter(repeated_in).collect()
        };
        let groups = repeated.iter().map(|g| {
            g.iter()
                .map(|&r| (r as usize, ds.rel(RelId(r)).to_model()))
                .collect::<std::collections::BTreeMap<usize, Relation>>()
        });
        let pages = |r: &Relation| -> BTreeSet<String> {
            r.sources.iter().map(|s| s.source.clone()).collect()
        };
        let conflict = |a: &Relation, b: &Relation| {
            if a.place != b.place || a.within != b.within || cited(a) == cited(b) {
                return false;
            }
            let same_way = a.from == b.from;
            if a.kind == b.kind && (same_way || a.kind == RelationKind::CooperatesWith) {
                let role = |r: &Relation| r.role.as_deref().map(fold);
                (role(a), &a.share, &a.start, &a.end) != (role(b), &b.share, &b.start, &b.end)
            } else if a.kind != b.kind {
                pages(a).is_disjoint(&pages(b))
            } else {
                false
            }
        };
        for records in groups {
            let involved: BTreeSet<usize> = records
                .keys()
                .array_combinations::<2>()
                .filter(|[a, b]| conflict(&records[*a], &records[*b]))
                .flat_map(|[a, b]| [*a, *b])
                .collect();
            let Some(&first) = involved.first() else {
                continue;
            };
            // Name the pair as the first record has it.
            let (from, to) = (&records[&first].from, &records[&first].to);
            let text = involved
                .iter()
                .map(|&i| {
                    let r = &records[&i];
                    format!("{} [{}]", variant(r), crate::format_sources(&r.sources))
                })
                .join("; ");
            let all: Vec<SourceRef> = involved
                .iter()
                .flat_map(|&i| records[&i].sources.iter().cloned())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            let last = *involved.last().expect("non-empty");
            let mut d = Diagnostic::warning(
                "conflicting-relation",
                format!("sources describe {from} -> {to} differently: {text}"),
            )
            .at(Some(&ds.rel(RelId::new(last)).loc()))
            .subject(format!("{from} -> {to}"))
            .sources(&all);
            if let Some(note) = involved.iter().find_map(|&i| records[&i].note.as_ref()) {
                d = d.help(format!("note in the data: {note}"));
            }
            self.out.push(d);
        }
    }

    fn isolated(&mut self) {
        let ds = self.ds;
        let mut touched = vec![false; ds.strings().len()];
        for r in ds.relations() {
            touched[r.from_sym().index()] = true;
            touched[r.to_sym().index()] = true;
        }
        for (i, n) in ds.nodes.iter().enumerate() {
            if !touched[ds.node_sym(i).index()] {
                self.out.push(
                    Diagnostic::warning("isolated", format!("node `{}` has no relations", n.id))
                        .at(Some(
                            &ds.node_locs.get(i).cloned().unwrap_or_else(unknown_loc),
                        ))
                        .subject(&n.id),
                );
            }
        }
    }
}

/// "a state", "an agency".
fn a(kind: NodeKind) -> String {
    let s = kind.as_str();
    let article = if s.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {s}")
}

/// `member as "observer" (co funding) 2013–?`: a relation's distinguishing facts.
fn variant(r: &Relation) -> String {
    let mut v = r.kind.to_string();
    if let Some(role) = &r.role {
        v.push_str(&format!(" as \"{role}\""));
    }
    if let Some(s) = &r.share {
        v.push_str(&format!(" ({s} funding)"));
    }
    if r.start.is_some() || r.end.is_some() {
        v.push_str(&format!(" {}", span_text(&r.start, &r.end)));
    }
    v
}

fn span_text(start: &Option<String>, end: &Option<String>) -> String {
    format!(
        "{}–{}",
        start.as_deref().unwrap_or("?"),
        end.as_deref().unwrap_or("?")
    )
}
