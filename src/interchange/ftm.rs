//! FollowTheMoney (FtM) entities as JSON lines, for Aleph and the
//! OpenSanctions tools (`ftm`, `nomenklatura`).
//!
//! FtM has no schema for countries: a country is the value of a
//! `country`-typed property (lower-case ISO 3166-1 codes). So the mapping is:
//!
//! | coopgraph | FtM |
//! |---|---|
//! | state, agency | `PublicBody` (a state stands for its government; `country` and `jurisdiction` carry its code) |
//! | organisation, network, fund | `Organization` (legal entities, so that they can be members, payers and beneficiaries) |
//! | project | `Project` |
//! | source | `Document` (`title`; `fileName`, which FtM requires: the page's file, else the source's id; `keywords`: the source kind; `sourceUrl`, `publisher`, `summary`: the note) |
//! | `member` | `Membership` (`member`, `organization`) |
//! | an actor's participation in a project (`leads`, `partner`, `beneficiary`, `implements`, `hosts`, `initiated`, `contracts`, `commissions`, `cooperates_with`) | `ProjectParticipant` (`participant`, `project`) |
//! | `funds` | `Payment` (`payer`, `beneficiary`, `amount`, `currency`, `date`: the start, `purpose`: the role); funding of a project has the project as `project` and as `beneficiary`, since FtM requires a beneficiary and the pages name no other |
//! | every other relation | `UnknownLink` (`subject`, `object`) |
//!
//! A node's kind is also its `classification` (legal entities), its names
//! are `name`, `alias`, `previousName` (former names) and `weakAlias`
//! (acronyms), and the documents it cites its `proof`. A relation other
//! than a membership or a payment has `role`: the relation kind,
//! then the role the source states (a membership's `role` and a payment's
//! `purpose` are the role alone); every relation has
//! `startDate`/`endDate`, `summary` (the note) and `proof`. Dates are FtM
//! dates: `2017`, `2017-09`, `2017-09-01`; a season or a derived date
//! becomes the first or last day it covers. Integer amounts are written as
//! integers (`1000000`).
//!
//! So an export read back without anything but FtM's own properties, as
//! after FtM's pipeline (`ftm statements`, then `ftm aggregate-statements`),
//! gives the same nodes (id, kind, name, aliases, description, country,
//! ISO dates) and relations (ends, kind, role, ISO dates, amount, note,
//! sources cited). FtM has no form for the rest (paragraphs of citations,
//! languages of names, planned dates, alternative dates, declared members,
//! a relation's weight, share, place, `within` and `on_behalf_of`), so each
//! entity also keeps its full coopgraph record under a top-level
//! `coopgraph` key: when that key is there, reading gives back the same
//! dataset exactly. Entities from other FtM producers are read by the same
//! table; schemas outside it (people, companies' ownership…) are reported
//! and left out.

use super::Export;
use crate::model::{NodeKind, RelationKind};
use serde_json::{Map, Value, json};

/// The FtM schema of a node kind.
pub fn node_schema(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::State | NodeKind::Agency => "PublicBody",
        NodeKind::Organisation | NodeKind::Network | NodeKind::Fund => "Organization",
        NodeKind::Project => "Project",
    }
}

fn entity_id(prefix: &str, id: &str) -> String {
    format!("coopgraph-{prefix}-{id}")
}

/// An FtM date: the text when it is ISO (`2017`, `2017-09`, `2017-09-01`),
/// else the first (`start`) or last day it covers.
fn ftm_date(text: &str, start: bool) -> Option<String> {
    let iso = text.len() >= 4
        && text.bytes().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
        && matches!(text.len(), 4 | 7 | 10);
    if iso {
        return Some(text.to_string());
    }
    let d: crate::date::PartialDate = text.parse().ok()?;
    Some(if start { d.earliest() } else { d.latest() }.to_string())
}

fn push(props: &mut Map<String, Value>, key: &str, value: impl Into<String>) {
    let v = Value::String(value.into());
    match props.get_mut(key) {
        Some(Value::Array(list)) => list.push(v),
        _ => {
            props.insert(key.to_string(), Value::Array(vec![v]));
        }
    }
}

fn dates(props: &mut Map<String, Value>, start: &Option<String>, end: &Option<String>) {
    if let Some(s) = start.as_deref().and_then(|s| ftm_date(s, true)) {
        push(props, "startDate", s);
    }
    if let Some(e) = end.as_deref().and_then(|e| ftm_date(e, false)) {
        push(props, "endDate", e);
    }
}

fn line(id: String, schema: &str, props: Map<String, Value>, record: Value) -> String {
    let mut s = json!({
        "id": id,
        "schema": schema,
        "properties": props,
        "coopgraph": record,
    })
    .to_string();
    s.push('\n');
    s
}

pub use crate::import::ftm::{NODE_ID, SOURCE_ID};

/// The export as FtM JSON lines: sources, nodes, then relations. Fails
/// for the actors projection, which has no FtM form.
pub fn write(ex: &Export) -> crate::Result<Vec<u8>> {
    if !ex.directed {
        return Err(crate::Error::NoForm { format: "ftm" });
    }
    let g = ex.graph;
    let mut out = String::new();
    for s in &g.data.sources {
        out.push_str(&line(
            entity_id("source", &s.id),
            "Document",
            document(s),
            json!({ "source": s }),
        ));
    }
    for &i in &ex.nodes {
        let n = g.node(i);
        out.push_str(&line(
            entity_id("node", &n.id),
            node_schema(n.kind),
            node_props(g, n),
            json!({ "node": n }),
        ));
    }
    for e in &ex.edges {
        let Some(r) = e.relation else { continue };
        let rel = &g.relation(r).to_model();
        let (schema, p) = link(g, rel, g.node(e.from).kind, g.node(e.to).kind);
        out.push_str(&line(
            entity_id("relation", &r.to_string()),
            schema,
            p,
            json!({ "relation": rel }),
        ));
    }
    Ok(out.into_bytes())
}

/// A source as an FtM `Document`. `fileName` is required: the page's file,
/// else the source's id, which reading takes back as no file.
fn document(s: &crate::model::Source) -> Map<String, Value> {
    let mut p = Map::new();
    push(&mut p, "title", &s.title);
    push(&mut p, "fileName", s.file.as_deref().unwrap_or(&s.id));
    push(&mut p, "keywords", source_kind(s.kind));
    if let Some(u) = &s.url {
        push(&mut p, "sourceUrl", u);
    }
    if let Some(pb) = &s.publisher {
        push(&mut p, "publisher", pb);
    }
    if let Some(n) = &s.note {
        push(&mut p, "summary", n);
    }
    p
}

/// A source kind as its name in the data model (`page`, `public_knowledge`).
pub fn source_kind(kind: crate::model::SourceKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// The sources' URLs and publishers, and (`proof`) the `Document`s cited.
fn cite(g: &crate::graph::CoopGraph, p: &mut Map<String, Value>, refs: &[crate::model::SourceRef]) {
    for r in refs {
        if let Some(s) = g.source_position(&r.source).map(|k| &g.data.sources[k]) {
            if let Some(u) = &s.url {
                push(p, "sourceUrl", u);
            }
            if let Some(pb) = &s.publisher {
                push(p, "publisher", pb);
            }
        }
        push(p, "proof", entity_id("source", &r.source));
    }
}

/// A node's FtM properties: names, its kind as `classification` (legal
/// entities only: a project is a `Project`), description, country, dates
/// and the documents it cites.
fn node_props(g: &crate::graph::CoopGraph, n: &crate::model::Node) -> Map<String, Value> {
    let mut p = Map::new();
    push(&mut p, "name", &n.name);
    if n.kind != NodeKind::Project {
        push(&mut p, "classification", n.kind.as_str());
    }
    for a in &n.aliases {
        let key = if a.former {
            "previousName"
        } else if a.acronym {
            "weakAlias"
        } else {
            "alias"
        };
        push(&mut p, key, &a.name);
    }
    if !n.description.is_empty() {
        push(&mut p, "description", &n.description);
    }
    if let Some(c) = &n.country {
        push(&mut p, "country", c.to_lowercase());
        if n.kind == NodeKind::State {
            push(&mut p, "jurisdiction", c.to_lowercase());
        }
    }
    let (start, end) = if n.kind == NodeKind::Project {
        ("startDate", "endDate")
    } else {
        ("incorporationDate", "dissolutionDate")
    };
    if let Some(s) = n.start.as_deref().and_then(|s| ftm_date(s, true)) {
        push(&mut p, start, s);
    }
    if let Some(e) = n.end.as_deref().and_then(|e| ftm_date(e, false)) {
        push(&mut p, end, e);
    }
    cite(g, &mut p, &n.sources);
    dedup(&mut p);
    p
}

/// A relation's FtM schema and properties (see the module docs). `role`
/// holds the relation kind, then the role the source states, if any.
fn link(
    g: &crate::graph::CoopGraph,
    rel: &crate::model::Relation,
    fk: NodeKind,
    tk: NodeKind,
) -> (&'static str, Map<String, Value>) {
    let (from, to) = (entity_id("node", &rel.from), entity_id("node", &rel.to));
    let legal = |k: NodeKind| k != NodeKind::Project;
    let mut p = Map::new();
    let schema = match rel.kind {
        RelationKind::Member => {
            push(&mut p, "member", from);
            push(&mut p, "organization", to);
            "Membership"
        }
        RelationKind::Funds => {
            push(&mut p, "payer", from);
            // FtM's Payment requires a beneficiary; the pages name the
            // project, not who in it receives the money, so a project is
            // both the beneficiary and the `project`.
            if !legal(tk) {
                push(&mut p, "project", to.clone());
            }
            push(&mut p, "beneficiary", to);
            "Payment"
        }
        k if k.is_participation() && fk.is_actor() && tk == NodeKind::Project => {
            push(&mut p, "participant", from);
            push(&mut p, "project", to);
            "ProjectParticipant"
        }
        _ => {
            push(&mut p, "subject", from);
            push(&mut p, "object", to);
            "UnknownLink"
        }
    };
    // The schema says `member` and `funds`; the other schemata hold
    // several kinds, so their `role` starts with the kind.
    if !matches!(schema, "Payment" | "Membership") {
        push(&mut p, "role", rel.kind.as_str());
    }
    if let Some(role) = &rel.role {
        push(
            &mut p,
            if schema == "Payment" {
                "purpose"
            } else {
                "role"
            },
            role,
        );
    }
    if let Some(a) = &rel.amount {
        push(&mut p, "amount", a.value.to_string());
        push(&mut p, "currency", &a.currency);
    }
    dates(&mut p, &rel.start, &rel.end);
    if let Some(s) = rel.start.as_deref().and_then(|s| ftm_date(s, true))
        && schema == "Payment"
    {
        push(&mut p, "date", s);
    }
    if let Some(note) = &rel.note {
        push(&mut p, "summary", note);
    }
    cite(g, &mut p, &rel.sources);
    dedup(&mut p);
    (schema, p)
}

/// Removes repeated values of each property, keeping the first.
fn dedup(p: &mut Map<String, Value>) {
    for v in p.values_mut() {
        if let Value::Array(list) = v {
            let mut seen = std::collections::HashSet::new();
            list.retain(|x| seen.insert(x.to_string()));
        }
    }
}

pub use crate::import::ftm::read;
