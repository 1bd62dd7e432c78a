//! The records an IATI activity gives (see the mapping in [`super`]):
//! nodes found again by identifier or name, relations, the activity's
//! source, and warnings at the element for whatever is messy.

use super::Known;
use super::codes;
use super::parse::{Activity, Flow, FlowKind, Narrative, Org, Parser, Place, Related};
use crate::diagnostic::{Diagnostic, Loc};
use crate::import::Builder;
use crate::model::{
    Alias, Amount, Node, NodeKind, Relation, RelationKind, Source, SourceKind, SourceRef,
};
use crate::names::fold;
use crate::store::Store;
use rustc_hash::{FxHashMap, FxHashSet};

/// A node the records name: one read from this file, or one known before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Target {
    Mine(usize),
    Known(usize),
}

/// A `part_of` relation waiting for the end of the file, when every
/// activity in it is known: (part, whole) identifiers, the source, where.
struct PartOf {
    /// The identifier of the activity that says so.
    own: String,
    part: String,
    whole: String,
    source: String,
    loc: Loc,
}

/// What one activity's records share.
struct Ctx {
    identifier: String,
    source: String,
    project: usize,
    reporting: Option<Target>,
}

/// A group of transactions of one type between one pair in one year and
/// currency, summed into one `funds` relation.
struct Group {
    from: Target,
    to: Target,
    kind: &'static str,
    currency: String,
    items: Vec<String>,
    /// The sum in millionths, while every value read.
    sum: Option<i128>,
    dates: Vec<String>,
    loc: Loc,
}

pub(super) struct Emit<'k> {
    b: Builder,
    known: &'k Known,
    file: String,
    /// Folded spelling (name, alias, id) → node, for the nodes of this file.
    names: FxHashMap<String, Target>,
    by_ref: FxHashMap<String, Target>,
    /// Organisation elements resolved, by their ref and names as written.
    org_cache: FxHashMap<String, Target>,
    ref_of: FxHashMap<usize, String>,
    states: FxHashMap<String, Target>,
    projects: FxHashMap<String, usize>,
    /// Each activity's source, and the line of the activity: the
    /// paragraph every record of the activity cites.
    sources: FxHashMap<String, u32>,
    part_of: Vec<PartOf>,
}

/// The narrative used as a name (English, else the first) and the others.
fn pick(names: &[Narrative]) -> Option<(String, Vec<&Narrative>)> {
    let first = names
        .iter()
        .position(|n| n.lang.is_some_and(|l| l.primary() == "en"))
        .unwrap_or(0);
    let name = names.get(first)?.text.clone();
    let others = names
        .iter()
        .enumerate()
        .filter(|&(i, n)| i != first && n.text != name)
        .map(|(_, n)| n)
        .collect();
    Some((name, others))
}

/// A full date (`YYYY-MM-DD`, the first ten characters of an ISO date or
/// date-time) that the dataset can hold, or `None`.
fn full_date(text: &str) -> Option<String> {
    let t = text.trim();
    let d = t.get(..10)?;
    let rest = &t[10..];
    let shaped = d.len() == 10 && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-';
    let tail_ok = rest.is_empty() || rest.starts_with(['T', 'Z', '+', '-', ' ']);
    (shaped && tail_ok && d.parse::<crate::date::PartialDate>().is_ok()).then(|| d.to_string())
}

/// A decimal amount in millionths (`-9077`, `376220.27`), or `None`.
fn millionths(text: &str) -> Option<i128> {
    let t = text.trim();
    let (neg, t) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() && frac.is_empty() || !digits(int) || !digits(frac) || frac.len() > 6 {
        return None;
    }
    if int.len() > 24 {
        return None;
    }
    let whole: i128 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let part: i128 = format!("{frac:0<6}").parse().ok()?;
    let v = whole * 1_000_000 + part;
    Some(if neg { -v } else { v })
}

/// Millionths as the closest number (integers stay integers).
fn amount_value(m: i128) -> f64 {
    let sign = if m < 0 { "-" } else { "" };
    let (int, frac) = ((m / 1_000_000).abs(), (m % 1_000_000).abs());
    format!("{sign}{int}.{frac:06}").parse().unwrap_or(f64::NAN)
}

impl<'k> Emit<'k> {
    pub fn new(b: Builder, known: &'k Known, file: &str) -> Emit<'k> {
        Emit {
            b,
            known,
            file: file.to_string(),
            names: FxHashMap::default(),
            by_ref: FxHashMap::default(),
            org_cache: FxHashMap::default(),
            ref_of: FxHashMap::default(),
            states: FxHashMap::default(),
            projects: FxHashMap::default(),
            sources: FxHashMap::default(),
            part_of: Vec::new(),
        }
    }

    fn warn(&self, diags: &mut Vec<Diagnostic>, loc: &Loc, subject: &str, msg: String) {
        self.warn_as("iati", diags, loc, subject, msg);
    }

    /// A warning for a record left out (an activity, an organisation, a
    /// link): coded [`crate::import::LEFT_OUT`] so that the import's
    /// summary counts it among the rows left out.
    fn left_out(&self, diags: &mut Vec<Diagnostic>, loc: &Loc, subject: &str, msg: String) {
        self.warn_as(crate::import::LEFT_OUT, diags, loc, subject, msg);
    }

    fn warn_as(
        &self,
        code: &'static str,
        diags: &mut Vec<Diagnostic>,
        loc: &Loc,
        subject: &str,
        msg: String,
    ) {
        let msg = if subject.is_empty() {
            msg
        } else {
            format!("activity `{subject}`: {msg}")
        };
        let d = Diagnostic::warning(code, msg).at(Some(loc));
        diags.push(if subject.is_empty() {
            d
        } else {
            d.subject(subject)
        });
    }

    /// A citation of an activity's source: the line of the activity, so
    /// that the records of one activity cite it alike.
    fn cite(&self, source: &str) -> SourceRef {
        SourceRef {
            source: source.to_string(),
            para: self.sources.get(source).copied(),
        }
    }

    fn id(&self, t: Target) -> String {
        match t {
            Target::Mine(i) => self.b.out.nodes[i].id.clone(),
            Target::Known(k) => self.known.nodes[k].0.clone(),
        }
    }

    fn kind(&self, t: Target) -> NodeKind {
        match t {
            Target::Mine(i) => self.b.out.nodes[i].kind,
            Target::Known(k) => self.known.nodes[k].1,
        }
    }

    /// The node a folded spelling names, in this file or before it.
    fn owner(&self, folded: &str) -> Option<Target> {
        if folded.is_empty() {
            return None;
        }
        self.names
            .get(folded)
            .copied()
            .or_else(|| self.known.names.get(folded).map(|&k| Target::Known(k)))
    }

    /// `name`, or `name (tag)` when another node has that name already.
    fn free_name(&self, name: &str, tag: &str) -> (String, Option<Target>) {
        let Some(other) = self.owner(&fold(name)) else {
            return (name.to_string(), None);
        };
        let mut n = 1;
        loop {
            let candidate = if n == 1 {
                format!("{name} ({tag})")
            } else {
                format!("{name} ({tag} {n})")
            };
            if self.owner(&fold(&candidate)).is_none() {
                return (candidate, Some(other));
            }
            n += 1;
        }
    }

    /// Adds a node of this file, with a fresh id made from `key`; its
    /// spellings are claimed.
    fn new_node(&mut self, key: &str, mut node: Node, loc: &Loc, described: bool) -> usize {
        node.id = loop {
            let id = self.b.ids.assign(key, self.b.out.strings());
            if !self.known.ids.contains(&id) {
                break id;
            }
            let sym = self.b.out.intern(&id);
            self.b.ids.take(sym);
        };
        self.b.add_node(node, loc);
        let i = self.b.out.nodes.len() - 1;
        self.b.described[i] = described;
        self.b.named[i] = true;
        let n = &self.b.out.nodes[i];
        let spellings: Vec<String> = crate::names::spellings(n).map(fold).collect();
        for f in spellings.into_iter().filter(|f| !f.is_empty()) {
            self.names.entry(f).or_insert(Target::Mine(i));
        }
        i
    }

    /// Adds an alias to a node of this file if no other node has that
    /// spelling; `false` when another has.
    fn add_alias(&mut self, t: Target, alias: Alias) -> bool {
        let Target::Mine(i) = t else { return true };
        let f = fold(&alias.name);
        if f.is_empty() {
            return true;
        }
        match self.owner(&f) {
            Some(o) if o != t => false,
            Some(_) => true,
            None => {
                self.names.insert(f, t);
                self.b.out.nodes[i].aliases.push(alias);
                true
            }
        }
    }

    fn narrative_alias(n: &Narrative) -> Alias {
        Alias {
            name: n.text.clone(),
            lang: n.lang,
            acronym: false,
            former: false,
            source: None,
        }
    }

    fn plain_alias(name: &str, acronym: bool) -> Alias {
        Alias {
            name: name.to_string(),
            lang: None,
            acronym,
            former: false,
            source: None,
        }
    }

    /// One activity's records.
    pub fn activity(&mut self, a: Activity, p: &Parser<'_>, diags: &mut Vec<Diagnostic>) {
        let before = diags.len();
        self.records(a, p, diags);
        // An activity's warnings in the order of the file.
        diags[before..].sort_by_key(|d| d.loc.as_ref().map(|l| (l.line, l.column)));
    }

    fn records(&mut self, a: Activity, p: &Parser<'_>, diags: &mut Vec<Diagnostic>) {
        let loc = p.loc(a.line, a.column);
        if a.identifier.is_empty() {
            self.left_out(
                diags,
                &loc,
                "",
                "an `iati-activity` without an `iati-identifier` cannot be cited or named: left out"
                    .into(),
            );
            return;
        }
        let ident = a.identifier.clone();
        if self.known.sources.contains(&format!("iati:{ident}")) {
            self.left_out(
                diags,
                &loc,
                &ident,
                "this activity was read already, from a file before this one: this copy is left out".into(),
            );
            return;
        }
        if let Some(&i) = self.projects.get(&ident) {
            // Read again, its records would count its money twice.
            let first = self.b.out.node_locs[i].line;
            self.left_out(
                diags,
                &loc,
                &ident,
                format!(
                    "the identifier is used again (first at line {first}): this copy is left out"
                ),
            );
            return;
        }
        if !a.odd_langs.is_empty() {
            let codes: Vec<String> = a.odd_langs.iter().map(|c| format!("`{c}`")).collect();
            let tags: Vec<String> = a
                .odd_langs
                .iter()
                .filter_map(|c| super::parse::lang_tag(c).ok().flatten())
                .map(|t| format!("`{t}`"))
                .collect();
            self.warn(
                diags,
                &loc,
                &ident,
                format!(
                    "language codes {} read as {}",
                    codes.join(", "),
                    tags.join(", ")
                ),
            );
        }
        for bad in &a.bad_langs {
            self.warn(
                diags,
                &loc,
                &ident,
                format!(
                    "xml:lang `{bad}` is not a language tag: its texts are kept without a language"
                ),
            );
        }
        if let Some(c) = a.currency.as_deref().map(str::trim) {
            let upper = c.to_ascii_uppercase();
            if upper != c && upper.len() == 3 && upper.bytes().all(|b| b.is_ascii_uppercase()) {
                self.warn(
                    diags,
                    &loc,
                    &ident,
                    format!("default-currency `{c}` read as `{upper}`"),
                );
            }
        }
        let source = self.source(&a, &loc);
        let project = self.project(&a, &source, &loc, p, diags);
        let mut notes = Vec::new();
        self.dates(&a, project, &mut notes, p, diags);
        if let Some((code, line, column)) = &a.status {
            match codes::status(code) {
                Some(s) => notes.push(format!("status: {s} ({})", code.trim())),
                None => {
                    let loc = p.loc(*line, *column);
                    self.warn(
                        diags,
                        &loc,
                        &ident,
                        format!(
                            "activity-status `{code}` is not in the IATI codelist: kept in the note"
                        ),
                    );
                    notes.push(format!("status code {code}"));
                }
            }
        }
        let reporting = a
            .reporting
            .as_ref()
            .and_then(|o| self.org(o, &ident, &source, p, diags));
        let ctx = Ctx {
            identifier: ident,
            source,
            project,
            reporting,
        };
        self.participants(&a, &ctx, p, diags);
        self.countries(&a, &ctx, &mut notes, p, diags);
        for r in &a.regions {
            notes.push(place_note("recipient region", r));
        }
        self.flows(&a, &ctx, &mut notes, p, diags);
        self.related(&a.related, &ctx, &mut notes, p, diags);
        if !notes.is_empty() {
            let node = &mut self.b.out.nodes[project];
            let mut all: Vec<String> = node.note.take().into_iter().collect();
            all.extend(notes);
            node.note = Some(all.join("; "));
        }
    }

    /// The activity's source (once per identifier).
    fn source(&mut self, a: &Activity, loc: &Loc) -> String {
        let id = format!("iati:{}", a.identifier);
        if !self.sources.contains_key(&id) {
            self.sources
                .insert(id.clone(), u32::try_from(a.line).unwrap_or(u32::MAX));
            let publisher = a.reporting.as_ref().and_then(|o| {
                let name = pick(&o.names).map(|(n, _)| n);
                let r = o.r#ref.as_deref().map(str::trim).filter(|r| !r.is_empty());
                match (name, r) {
                    (Some(n), Some(r)) => Some(format!("{n} ({r})")),
                    (Some(n), None) => Some(n),
                    (None, r) => r.map(String::from),
                }
            });
            let title = match &publisher {
                Some(p) => format!("IATI activity {}, published by {p}", a.identifier),
                None => format!("IATI activity {}", a.identifier),
            };
            let s = Source {
                id: id.clone(),
                kind: SourceKind::Imported,
                title,
                lang: a.lang,
                translates: None,
                publisher,
                file: Some(self.file.clone()),
                url: None,
                updated: a.updated.clone(),
                note: Some("para = line of the iati-activity element in the file".into()),
            };
            self.b.out.push_source(s, loc.clone());
        }
        id
    }

    /// The activity's project node (one per identifier).
    fn project(
        &mut self,
        a: &Activity,
        source: &str,
        loc: &Loc,
        p: &Parser<'_>,
        diags: &mut Vec<Diagnostic>,
    ) -> usize {
        let ident = &a.identifier;
        let (title, others) = match pick(&a.title) {
            Some(t) => t,
            None => {
                self.warn(
                    diags,
                    loc,
                    ident,
                    "no `title`: the project is named by its identifier".into(),
                );
                (ident.clone(), Vec::new())
            }
        };
        let (name, clash) = self.free_name(&title, ident);
        if let Some(other) = clash {
            let other = self.id(other);
            self.warn(
                diags,
                loc,
                ident,
                format!("the title `{title}` is already the name of `{other}`: this project is named `{name}`"),
            );
        }
        let mut node = Node::new(
            String::new(),
            NodeKind::Project,
            name,
            vec![self.cite(source)],
        );
        node.description = a
            .description
            .as_deref()
            .and_then(pick)
            .map(|(d, _)| d)
            .unwrap_or_default();
        let others: Vec<Alias> = others.into_iter().map(Self::narrative_alias).collect();
        let i = self.new_node(ident, node, loc, true);
        self.projects.insert(ident.clone(), i);
        let t = Target::Mine(i);
        if !self.add_alias(t, Self::plain_alias(ident, false)) {
            self.warn(
                diags,
                loc,
                ident,
                "the identifier is another node's name: not kept as an alias".into(),
            );
        }
        for alias in others {
            self.add_alias(t, alias);
        }
        let _ = p;
        i
    }

    /// The activity's dates: actual, else planned (flagged); the others and
    /// any that cannot be read go to the note.
    fn dates(
        &mut self,
        a: &Activity,
        project: usize,
        notes: &mut Vec<String>,
        p: &Parser<'_>,
        diags: &mut Vec<Diagnostic>,
    ) {
        let ident = &a.identifier;
        // [start, end] × [actual, planned]
        let mut slots: [[Option<String>; 2]; 2] = Default::default();
        let what = |end: bool, planned: bool| {
            format!(
                "{} {}",
                if planned { "planned" } else { "actual" },
                if end { "end" } else { "start" }
            )
        };
        for (t, d, line, column) in &a.dates {
            let loc = p.loc(*line, *column);
            let Some((end, planned)) = codes::date_type(t) else {
                self.warn(diags, &loc, ident, format!("activity-date type `{t}` is not in the IATI codelist: the date is kept in the note"));
                notes.push(format!("date {d} (type {t})"));
                continue;
            };
            let Some(day) = full_date(d) else {
                self.warn(
                    diags,
                    &loc,
                    ident,
                    format!(
                        "the {} `{d}` is not a date: kept in the note",
                        what(end, planned)
                    ),
                );
                notes.push(format!("{} {d}", what(end, planned)));
                continue;
            };
            let slot = &mut slots[usize::from(end)][usize::from(planned)];
            if slot.is_none() {
                *slot = Some(day);
            } else {
                notes.push(format!("{} also {day}", what(end, planned)));
            }
        }
        let mut chosen = [None, None];
        for (end, slot) in slots.iter().enumerate() {
            let end = end == 1;
            match slot {
                [Some(actual), planned] => {
                    chosen[usize::from(end)] = Some((actual.clone(), false));
                    if let Some(pl) = planned.as_ref().filter(|pl| *pl != actual) {
                        notes.push(format!("{} {pl}", what(end, true)));
                    }
                }
                [None, Some(pl)] => chosen[usize::from(end)] = Some((pl.clone(), true)),
                [None, None] => {}
            }
        }
        if let [Some((s, _)), Some((e, planned))] = &chosen
            && e < s
        {
            let loc = p.loc(a.line, a.column);
            self.warn(diags, &loc, ident, format!("the {} ({e}) is before the start ({s}): it is kept in the note, not as the project's end", what(true, *planned)));
            notes.push(format!("{} {e}", what(true, *planned)));
            chosen[1] = None;
        }
        let node = &mut self.b.out.nodes[project];
        if node.start.is_none() && node.end.is_none() {
            if let Some((s, planned)) = &chosen[0] {
                node.start = Some(s.clone());
                node.start_planned = *planned;
            }
            if let Some((e, planned)) = &chosen[1] {
                node.end = Some(e.clone());
                node.end_planned = *planned;
            }
        }
    }

    /// A usable organisation identifier from a `ref`, with a warning for
    /// one that is empty, a placeholder or not shaped like one.
    /// A usable organisation identifier from a `ref` (first), with a
    /// warning for one that is empty, a placeholder or not shaped like one;
    /// a `ref` that is not an identifier but the element's only words
    /// (`ref="Global Disability Innovation Hub (GDI Hub)"`) is its name (second).
    fn usable_ref(
        &self,
        o: &Org,
        ident: &str,
        p: &Parser<'_>,
        diags: &mut Vec<Diagnostic>,
    ) -> (Option<String>, Option<String>) {
        let Some(raw) = o.r#ref.as_deref() else {
            return (None, None);
        };
        let r = raw.trim();
        let loc = p.loc(o.line, o.column);
        let placeholder = ["N/A", "NA", "N.A.", "NONE", "NULL", "UNKNOWN", "-", "0"]
            .contains(&r.to_ascii_uppercase().as_str());
        let why = if r.is_empty() {
            "`ref` is empty".to_string()
        } else if placeholder {
            format!("`ref=\"{r}\"` is not an organisation identifier")
        } else if !r.starts_with(|c: char| c.is_ascii_alphabetic())
            || r.contains(char::is_whitespace)
        {
            format!(
                "`ref=\"{r}\"` is not shaped like an IATI organisation identifier (a registration agency's prefix and a number, as `GB-COH-2732176`)"
            )
        } else {
            return (Some(r.to_string()), None);
        };
        let (by, name) = match pick(&o.names) {
            Some((n, _)) => (format!("identified by its name `{n}`"), None),
            None if r.is_empty() || placeholder => ("and it has no name".to_string(), None),
            None => ("read as its name".to_string(), Some(r.to_string())),
        };
        self.warn(diags, &loc, ident, format!("{why}; {by}"));
        (None, name)
    }

    /// The node of an organisation element, found again by its identifier
    /// or name, or made; `None` for one with neither.
    fn org(
        &mut self,
        o: &Org,
        ident: &str,
        source: &str,
        p: &Parser<'_>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Target> {
        let (r, ref_name) = self.usable_ref(o, ident, p, diags);
        // An element written as one before (the same ref and names, as a
        // publisher repeats its partners in every transaction) is the same
        // node, without folding its names again.
        let mut key = r.clone().unwrap_or_default();
        for n in ref_name.iter().chain(o.names.iter().map(|n| &n.text)) {
            key.push('\u{1}');
            key.push_str(n);
        }
        for n in &o.names {
            key.push('\u{2}');
            key.push_str(n.lang.as_ref().map_or("", |l| l.as_str()));
        }
        if let Some(&t) = self.org_cache.get(&key) {
            return Some(t);
        }
        let t = self.resolve_org(o, ident, source, p, diags, r, ref_name);
        if let Some(t) = t {
            self.org_cache.insert(key, t);
        }
        t
    }

    #[allow(clippy::too_many_arguments)]
    fn resolve_org(
        &mut self,
        o: &Org,
        ident: &str,
        source: &str,
        p: &Parser<'_>,
        diags: &mut Vec<Diagnostic>,
        r: Option<String>,
        ref_name: Option<String>,
    ) -> Option<Target> {
        let picked = pick(&o.names).or(ref_name.map(|n| (n, Vec::new())));
        let found = self.find_org(r.as_deref(), picked.as_ref().map(|(n, _)| n.as_str()));
        if let Some(t) = found {
            if let Some(r) = &r {
                self.by_ref.entry(r.clone()).or_insert(t);
                if let Target::Mine(i) = t
                    && let std::collections::hash_map::Entry::Vacant(e) = self.ref_of.entry(i)
                {
                    e.insert(r.clone());
                    self.add_alias(t, Self::plain_alias(r, false));
                }
            }
            if let Some((name, others)) = &picked
                && self.add_alias(t, Narrative::alias_of(name, o))
            {
                for n in others {
                    self.add_alias(t, Self::narrative_alias(n));
                }
            }
            return Some(t);
        }
        let loc = p.loc(o.line, o.column);
        let display = picked
            .as_ref()
            .map(|(n, _)| n.clone())
            .or_else(|| r.clone())?;
        let kind = match o.r#type.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            None => NodeKind::Organisation,
            Some(t) => codes::org_kind(t).unwrap_or_else(|| {
                self.warn(diags, &loc, ident, format!("organisation type `{t}` is not in the IATI codelist: read as an organisation"));
                NodeKind::Organisation
            }),
        };
        let tag = r.clone().unwrap_or_else(|| kind.to_string());
        let (name, clash) = self.free_name(&display, &tag);
        if let Some(other) = clash {
            let other = self.id(other);
            self.warn(diags, &loc, ident, format!("`{display}` is already the name of `{other}`, another node: this organisation is named `{name}`"));
        }
        let node = Node::new(String::new(), kind, name, vec![self.cite(source)]);
        let i = self.new_node(r.as_deref().unwrap_or(&display), node, &loc, true);
        let t = Target::Mine(i);
        if let Some(r) = &r {
            self.by_ref.insert(r.clone(), t);
            self.ref_of.insert(i, r.clone());
            self.add_alias(t, Self::plain_alias(r, false));
        }
        if let Some((_, others)) = &picked {
            for n in others {
                self.add_alias(t, Self::narrative_alias(n));
            }
        }
        Some(t)
    }

    /// An organisation already read: by identifier, then by name (unless
    /// the name's node has another identifier); only actors.
    fn find_org(&self, r: Option<&str>, name: Option<&str>) -> Option<Target> {
        if let Some(r) = r {
            if let Some(&t) = self.by_ref.get(r) {
                return Some(t);
            }
            if let Some(t) = self.owner(&fold(r)).filter(|&t| self.kind(t).is_actor()) {
                return Some(t);
            }
        }
        let t = self.owner(&fold(name?))?;
        let other_ref = match t {
            Target::Mine(i) => self.ref_of.get(&i).map(String::as_str),
            Target::Known(_) => None,
        };
        let distinct = matches!((r, other_ref), (Some(a), Some(b)) if a != b);
        (self.kind(t).is_actor() && !distinct).then_some(t)
    }

    fn relation(&self, kind: RelationKind, from: Target, to: Target, source: &str) -> Relation {
        Relation::new(kind, self.id(from), self.id(to), vec![self.cite(source)])
    }

    /// `participating-org` → the relation its role says.
    fn participants(
        &mut self,
        a: &Activity,
        ctx: &Ctx,
        p: &Parser<'_>,
        diags: &mut Vec<Diagnostic>,
    ) {
        let mut seen = FxHashSet::default();
        for o in &a.orgs {
            let loc = p.loc(o.line, o.column);
            let Some(t) = self.org(o, &ctx.identifier, &ctx.source, p, diags) else {
                self.left_out(diags, &loc, &ctx.identifier, "a `participating-org` with neither a usable `ref` nor a name names no one: left out".into());
                continue;
            };
            let role = o.role.as_deref().map(str::trim).unwrap_or("");
            let (kind, role_text) = match codes::role(role) {
                Some(k) => (k, None),
                None => {
                    let what = if role.is_empty() {
                        "has no `role`".to_string()
                    } else {
                        format!("has role `{role}`, not in the IATI codelist")
                    };
                    self.warn(
                        diags,
                        &loc,
                        &ctx.identifier,
                        format!("a `participating-org` {what}: read as `cooperates_with`"),
                    );
                    (
                        RelationKind::CooperatesWith,
                        Some(
                            format!("participating organisation (role {role})")
                                .replace(" (role )", ""),
                        ),
                    )
                }
            };
            if !seen.insert((t, kind)) {
                continue;
            }
            let mut rel = self.relation(kind, t, Target::Mine(ctx.project), &ctx.source);
            rel.role = role_text;
            self.b.out.push_relation(rel, &loc);
        }
    }

    /// `recipient-country` → the state the project `concerns`.
    fn countries(
        &mut self,
        a: &Activity,
        ctx: &Ctx,
        notes: &mut Vec<String>,
        p: &Parser<'_>,
        diags: &mut Vec<Diagnostic>,
    ) {
        for c in &a.countries {
            let loc = p.loc(c.line, c.column);
            let code = c.code.trim().to_ascii_uppercase();
            if code != c.code.trim() && codes::country(&code).is_some() {
                self.warn(
                    diags,
                    &loc,
                    &ctx.identifier,
                    format!("country code `{}` read as `{code}`", c.code.trim()),
                );
            }
            let Some(name) = codes::country(&code) else {
                self.warn(diags, &loc, &ctx.identifier, format!("recipient-country code `{}` is not in the IATI country codelist: kept in the note", c.code.trim()));
                notes.push(place_note("recipient country", c));
                continue;
            };
            let t = self.state(&code, name, c, &ctx.source, &loc);
            let mut rel = self.relation(
                RelationKind::Concerns,
                Target::Mine(ctx.project),
                t,
                &ctx.source,
            );
            rel.role = Some("recipient country".into());
            rel.note = c
                .percentage
                .as_deref()
                .map(|pc| format!("{} % of the activity", pc.trim()));
            self.b.out.push_relation(rel, &loc);
        }
    }

    /// The state of a country code: known by its code or name, or made.
    fn state(&mut self, code: &str, name: &str, c: &Place, source: &str, loc: &Loc) -> Target {
        if let Some(&t) = self.states.get(code) {
            return t;
        }
        let known = self.known.countries.get(code).map(|&k| Target::Known(k));
        let by_name = || {
            self.owner(&fold(name))
                .filter(|&t| self.kind(t) == NodeKind::State)
        };
        if let Some(t) = known.or_else(by_name) {
            self.states.insert(code.to_string(), t);
            return t;
        }
        let (display, _) = self.free_name(name, code);
        let mut node = Node::new(
            String::new(),
            NodeKind::State,
            display,
            vec![self.cite(source)],
        );
        node.country = Some(code.to_string());
        let i = self.new_node(name, node, loc, true);
        let t = Target::Mine(i);
        self.add_alias(t, Self::plain_alias(code, true));
        for n in &c.names {
            if n.text != name {
                self.add_alias(t, Self::narrative_alias(n));
            }
        }
        self.states.insert(code.to_string(), t);
        t
    }

    /// Transactions that move money → `funds`, summed; budgets, planned
    /// disbursements and other transactions → the note.
    fn flows(
        &mut self,
        a: &Activity,
        ctx: &Ctx,
        notes: &mut Vec<String>,
        p: &Parser<'_>,
        diags: &mut Vec<Diagnostic>,
    ) {
        let mut groups: Vec<Group> = Vec::new();
        let mut index: FxHashMap<(Target, Target, &'static str, String, String), usize> =
            FxHashMap::default();
        for f in &a.flows {
            let loc = p.loc(f.line, f.column);
            let currency = self.currency(f, a, &ctx.identifier, &loc, diags);
            if f.kind != FlowKind::Transaction {
                notes.push(self.plan_note(f, &currency, &ctx.identifier, &loc, diags));
                continue;
            }
            let code = f.code.as_deref().unwrap_or("").trim();
            let tt = codes::transaction_type(code);
            let Some(tt) = tt.filter(|t| t.flow) else {
                if tt.is_none() {
                    self.warn(diags, &loc, &ctx.identifier, format!("transaction type `{code}` is not in the IATI codelist: the transaction is kept in the note"));
                }
                let name = tt.map_or(format!("transaction type {code}"), |t| t.name.to_string());
                notes.push(format!("{name} {}", item_text(f, &currency)));
                continue;
            };
            let Some((from, to)) = self.ends(f, tt.incoming, ctx, p, diags) else {
                notes.push(format!(
                    "{} {} (no provider stated)",
                    tt.name,
                    item_text(f, &currency)
                ));
                continue;
            };
            let date = f.date.as_deref().and_then(full_date);
            if f.date.is_some() && date.is_none() {
                self.warn(
                    diags,
                    &loc,
                    &ctx.identifier,
                    format!(
                        "transaction-date `{}` is not a date: the transaction is kept undated",
                        f.date.as_deref().unwrap_or("")
                    ),
                );
            }
            let year = date
                .as_deref()
                .map_or(String::new(), |d| d[..4].to_string());
            let value = f.value.as_deref().and_then(millionths);
            if value.is_none() {
                self.warn(diags, &loc, &ctx.identifier, format!("transaction value `{}` is not a number: it is kept in the note, not summed", f.value.as_deref().unwrap_or("")));
            }
            let key = (from, to, tt.name, year, currency.clone());
            let g = *index.entry(key).or_insert_with(|| {
                groups.push(Group {
                    from,
                    to,
                    kind: tt.name,
                    currency: currency.clone(),
                    items: Vec::new(),
                    sum: Some(0),
                    dates: Vec::new(),
                    loc: loc.clone(),
                });
                groups.len() - 1
            });
            let g = &mut groups[g];
            g.items.push(item_text(f, &currency));
            g.sum = match (g.sum, value) {
                (Some(s), Some(v)) if !g.currency.is_empty() => Some(s + v),
                _ => None,
            };
            g.dates.extend(date);
        }
        for g in groups {
            self.funds(g, ctx, diags);
        }
    }

    /// The provider and receiver of a transaction that moves money.
    fn ends(
        &mut self,
        f: &Flow,
        incoming: bool,
        ctx: &Ctx,
        p: &Parser<'_>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<(Target, Target)> {
        let project = Target::Mine(ctx.project);
        let provider = f
            .provider
            .as_ref()
            .and_then(|o| self.org(o, &ctx.identifier, &ctx.source, p, diags));
        let from = provider.or(if incoming { None } else { ctx.reporting })?;
        let receiver = f
            .receiver
            .as_ref()
            .and_then(|o| self.org(o, &ctx.identifier, &ctx.source, p, diags));
        let to = receiver.filter(|&r| r != from).unwrap_or(project);
        Some((from, to))
    }

    fn funds(&mut self, g: Group, ctx: &Ctx, diags: &mut Vec<Diagnostic>) {
        let project = Target::Mine(ctx.project);
        let mut rel = self.relation(RelationKind::Funds, g.from, g.to, &ctx.source);
        rel.role = Some(g.kind.to_string());
        let mut dates = g.dates.clone();
        dates.sort();
        // A payment happens on its day: the span of the first to the last.
        rel.start = dates.first().cloned();
        rel.end = dates.last().cloned();
        if g.to != project {
            rel.within = Some(self.id(project));
        }
        match g.sum {
            Some(s) if s >= 0 => {
                rel.amount = Some(Amount {
                    value: amount_value(s),
                    currency: g.currency.clone(),
                });
            }
            Some(s) => {
                let msg = format!(
                    "the {} transactions from `{}` to `{}` sum to {} {}: a negative amount is kept in the note only",
                    g.kind,
                    rel.from,
                    rel.to,
                    g.currency,
                    amount_value(s)
                );
                self.warn(diags, &g.loc, &ctx.identifier, msg);
            }
            None => {}
        }
        let n = g.items.len();
        rel.note = Some(if n == 1 {
            format!("1 transaction: {}", g.items[0])
        } else {
            format!("{n} transactions: {}", g.items.join("; "))
        });
        self.b.out.push_relation(rel, &g.loc);
    }

    /// A value's currency (its own, else the activity's default), in
    /// upper case; empty when none is stated.
    fn currency(
        &self,
        f: &Flow,
        a: &Activity,
        ident: &str,
        loc: &Loc,
        diags: &mut Vec<Diagnostic>,
    ) -> String {
        let own = f
            .currency
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty());
        let raw = own.or(a.currency.as_deref().map(str::trim)).unwrap_or("");
        let c = raw.to_ascii_uppercase();
        if raw.is_empty() {
            if f.value.is_some() {
                self.warn(diags, loc, ident, "the value has no currency (nor has the activity a `default-currency`): kept in the note, not summed".into());
            }
        } else if c.len() != 3 || !c.bytes().all(|b| b.is_ascii_uppercase()) {
            self.warn(
                diags,
                loc,
                ident,
                format!("currency `{raw}` is not an ISO 4217 code: kept in the note, not summed"),
            );
            return String::new();
        } else if c != raw && own.is_some() {
            self.warn(diags, loc, ident, format!("currency `{raw}` read as `{c}`"));
        }
        c
    }

    /// A budget or planned disbursement, for the note, with a warning when
    /// its period ends before it starts.
    fn plan_note(
        &self,
        f: &Flow,
        currency: &str,
        ident: &str,
        loc: &Loc,
        diags: &mut Vec<Diagnostic>,
    ) -> String {
        let what = match (f.kind, f.code.as_deref().map(str::trim)) {
            (FlowKind::Budget, Some("1")) => "budget (original)",
            (FlowKind::Budget, Some("2")) => "budget (revised)",
            (FlowKind::Budget, _) => "budget",
            _ => "planned disbursement",
        };
        let (s, e) = (
            f.date.as_deref().unwrap_or("?"),
            f.end.as_deref().unwrap_or("?"),
        );
        if let (Some(s), Some(e)) = (
            f.date.as_deref().and_then(full_date),
            f.end.as_deref().and_then(full_date),
        ) && e < s
        {
            self.warn(diags, loc, ident, format!("the {what}'s period ends ({e}) before it starts ({s}): kept as written in the note"));
        }
        let value = f.value.as_deref().unwrap_or("?");
        let mut text = format!("{what} {s} to {e}: {currency} {value}");
        if let Some(vd) = &f.value_date {
            text.push_str(&format!(" (value date {vd})"));
        }
        let name = |o: &Option<Org>| {
            o.as_ref()
                .and_then(|o| pick(&o.names).map(|(n, _)| n).or_else(|| o.r#ref.clone()))
        };
        if let Some(n) = name(&f.provider) {
            text.push_str(&format!(" from {n}"));
        }
        if let Some(n) = name(&f.receiver) {
            text.push_str(&format!(" to {n}"));
        }
        text
    }

    /// `related-activity`: parent and child → `part_of` (at the end of the
    /// file); the other types → the note.
    fn related(
        &mut self,
        rel: &[Related],
        ctx: &Ctx,
        notes: &mut Vec<String>,
        p: &Parser<'_>,
        diags: &mut Vec<Diagnostic>,
    ) {
        for r in rel {
            let loc = p.loc(r.line, r.column);
            let other = r.r#ref.trim();
            if other.is_empty() || other == ctx.identifier {
                let why = if other.is_empty() {
                    "has no `ref`"
                } else {
                    "names the activity itself"
                };
                self.left_out(
                    diags,
                    &loc,
                    &ctx.identifier,
                    format!("a `related-activity` {why}: left out"),
                );
                continue;
            }
            let (part, whole) = match r.r#type.trim() {
                "1" => (ctx.identifier.clone(), other.to_string()),
                "2" => (other.to_string(), ctx.identifier.clone()),
                t => {
                    let what = match t {
                        "3" => "sibling",
                        "4" => "co-funded",
                        "5" => "third party",
                        _ => {
                            self.warn(diags, &loc, &ctx.identifier, format!("related-activity type `{t}` is not in the IATI codelist: kept in the note"));
                            "related"
                        }
                    };
                    notes.push(format!("{what} activity {other}"));
                    continue;
                }
            };
            self.part_of.push(PartOf {
                own: ctx.identifier.clone(),
                part,
                whole,
                source: ctx.source.clone(),
                loc,
            });
        }
    }

    /// The project of an identifier at the end of the file: one read in it
    /// or before it.
    fn project_of(&self, ident: &str) -> Option<Target> {
        if let Some(&i) = self.projects.get(ident) {
            return Some(Target::Mine(i));
        }
        self.owner(&fold(ident))
            .filter(|&t| self.kind(t) == NodeKind::Project)
    }

    /// The records read: the `part_of` relations added (a parent or child
    /// not among the activities read is named in the note), then the
    /// builder's.
    pub fn finish(mut self, _p: &Parser<'_>, diags: &mut Vec<Diagnostic>) -> Store {
        let mut seen = FxHashSet::default();
        for r in std::mem::take(&mut self.part_of) {
            let (other, what) = if r.part == r.own {
                (&r.whole, "parent")
            } else {
                (&r.part, "child")
            };
            let own = self.projects.get(&r.own).map(|&i| Target::Mine(i));
            let (Some(own), Some(found)) = (own, self.project_of(other)) else {
                if let Some(&i) = self.projects.get(&r.own) {
                    let text = format!("{what} activity {other} (not among the activities read)");
                    let node = &mut self.b.out.nodes[i];
                    node.note = Some(match node.note.take() {
                        Some(n) => format!("{n}; {text}"),
                        None => text,
                    });
                }
                continue;
            };
            let (part, whole) = if what == "parent" {
                (own, found)
            } else {
                (found, own)
            };
            if part != whole && seen.insert((part, whole)) {
                let rel = self.relation(RelationKind::PartOf, part, whole, &r.source);
                self.b.out.push_relation(rel, &r.loc);
            }
        }
        self.b.finish(diags)
    }
}

impl Narrative {
    /// The name an organisation element gives, as an alias.
    fn alias_of(name: &str, o: &Org) -> Alias {
        let lang = o.names.iter().find(|n| n.text == name).and_then(|n| n.lang);
        Alias {
            name: name.to_string(),
            lang,
            acronym: false,
            former: false,
            source: None,
        }
    }
}

/// A transaction as the note keeps it: date, currency, value, value date.
fn item_text(f: &Flow, currency: &str) -> String {
    let mut t = format!(
        "{} {} {}",
        f.date.as_deref().unwrap_or("undated"),
        if currency.is_empty() { "?" } else { currency },
        f.value.as_deref().unwrap_or("?")
    );
    if let Some(vd) = &f.value_date {
        t.push_str(&format!(" (value date {vd})"));
    }
    t
}

/// A recipient country or region as the note keeps it.
fn place_note(what: &str, p: &Place) -> String {
    let mut t = format!("{what} {}", p.code.trim());
    if let Some(v) = &p.vocabulary {
        t.push_str(&format!(" (vocabulary {})", v.trim()));
    }
    if let Some((n, _)) = pick(&p.names) {
        t.push_str(&format!(" {n}"));
    }
    if let Some(pc) = &p.percentage {
        t.push_str(&format!(", {} %", pc.trim()));
    }
    t
}
