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
//! | source | `Document` (`title`, `sourceUrl`, `publisher`, `fileName`); nodes cite theirs through `proof` |
//! | `member` | `Membership` (`member`, `organization`, `role`) |
//! | an actor's participation in a project (`leads`, `partner`, `beneficiary`, `implements`, `hosts`, `initiated`, `contracts`, `commissions`, `cooperates_with`) | `ProjectParticipant` (`participant`, `project`, `role`) |
//! | `funds` between legal entities | `Payment` (`payer`, `beneficiary`, `amount`, `currency`) |
//! | `funds` into a project, and every other relation | `UnknownLink` (`subject`, `object`, `role`): FtM's `Payment` requires a beneficiary, which the pages do not name for project funding |
//!
//! Dates go to `startDate`/`endDate` (a season or a derived date becomes
//! the first or last day it covers); names to `name`, `alias`,
//! `previousName` (former names) and `weakAlias` (acronyms). Each entity
//! keeps its full coopgraph record under a top-level `coopgraph` key, which
//! FtM tools keep as entity context, so that importing the export gives
//! back the same dataset. Entities without that key (from other FtM
//! producers) are mapped back by the table above; schemas outside it
//! (people, companies' ownership…) are reported and left out.

use super::Export;
use crate::diagnostic::{Diagnostic, LineIndex, Loc};
use crate::import::{Builder, ImportOptions, Imported, RowError, text_of};
use crate::model::{Node, NodeKind, RelationKind};
use serde_json::{Map, Value, json};
use std::sync::Arc;

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

/// The export as FtM JSON lines: sources, nodes, then relations. Fails
/// for the actors projection, which has no FtM form.
pub fn write(ex: &Export) -> Result<Vec<u8>, String> {
    if !ex.directed {
        return Err("the ftm export is of the full view; --view actors has no FtM form".into());
    }
    let g = ex.graph;
    let mut out = String::new();
    let url_of = |id: &str| g.data.sources.iter().find(|s| s.id == id);
    for s in &g.data.sources {
        let mut p = Map::new();
        push(&mut p, "title", &s.title);
        if let Some(u) = &s.url {
            push(&mut p, "sourceUrl", u);
        }
        if let Some(pb) = &s.publisher {
            push(&mut p, "publisher", pb);
        }
        if let Some(f) = &s.file {
            push(&mut p, "fileName", f);
        }
        let record = json!({ "source": s });
        out.push_str(&line(entity_id("source", &s.id), "Document", p, record));
    }
    let cite = |p: &mut Map<String, Value>, refs: &[crate::model::SourceRef], proof: bool| {
        for r in refs {
            if let Some(s) = url_of(&r.source) {
                if let Some(u) = &s.url {
                    push(p, "sourceUrl", u);
                }
                if let Some(pb) = &s.publisher {
                    push(p, "publisher", pb);
                }
            }
            if proof {
                push(p, "proof", entity_id("source", &r.source));
            }
        }
    };
    for &i in &ex.nodes {
        let n = g.node(i);
        let mut p = Map::new();
        push(&mut p, "name", &n.name);
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
        if n.kind == NodeKind::Project {
            dates(&mut p, &n.start, &n.end);
        } else {
            if let Some(s) = n.start.as_deref().and_then(|s| ftm_date(s, true)) {
                push(&mut p, "incorporationDate", s);
            }
            if let Some(e) = n.end.as_deref().and_then(|e| ftm_date(e, false)) {
                push(&mut p, "dissolutionDate", e);
            }
        }
        cite(&mut p, &n.sources, true);
        dedup(&mut p);
        let record = json!({ "node": n });
        out.push_str(&line(
            entity_id("node", &n.id),
            node_schema(n.kind),
            p,
            record,
        ));
    }
    for e in &ex.edges {
        let Some(r) = e.relation else { continue };
        let rel = &g.relation(r).to_model();
        let (fk, tk) = (g.node(e.from).kind, g.node(e.to).kind);
        let (from, to) = (entity_id("node", &rel.from), entity_id("node", &rel.to));
        let legal = |k: NodeKind| k != NodeKind::Project;
        let mut p = Map::new();
        let role = rel
            .role
            .clone()
            .unwrap_or_else(|| rel.kind.as_str().to_string());
        let schema = match rel.kind {
            RelationKind::Member => {
                push(&mut p, "member", from);
                push(&mut p, "organization", to);
                "Membership"
            }
            RelationKind::Funds if legal(fk) && legal(tk) => {
                push(&mut p, "payer", from);
                push(&mut p, "beneficiary", to);
                if let Some(a) = &rel.amount {
                    push(&mut p, "amount", a.value.to_string());
                    push(&mut p, "currency", &a.currency);
                }
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
        if schema != "Payment" {
            push(&mut p, "role", role);
        }
        dates(&mut p, &rel.start, &rel.end);
        if let Some(note) = &rel.note {
            push(&mut p, "summary", note);
        }
        cite(&mut p, &rel.sources, false);
        dedup(&mut p);
        let record = json!({ "relation": rel });
        out.push_str(&line(
            entity_id("relation", &r.to_string()),
            schema,
            p,
            record,
        ));
    }
    Ok(out.into_bytes())
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

/// The first value of an FtM property.
fn first(props: &Value, key: &str) -> Option<String> {
    props.get(key)?.as_array()?.first().and_then(text_of)
}

/// Reads FtM JSON lines (see the module docs): sources and nodes first,
/// then links, so that a link may come before the entities it joins.
pub fn read(name: &str, text: &str, opts: &ImportOptions, diags: &mut Vec<Diagnostic>) -> Imported {
    let file: Arc<str> = Arc::from(name);
    let lines = LineIndex::new(text);
    let mut b = Builder::new(name, opts);
    let mut entities: Vec<(Loc, Value)> = Vec::new();
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let loc = lines.loc(&file, offset);
        offset += raw.len();
        let raw = raw.trim();
        if raw.is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(raw) {
            Ok(v) if v.get("schema").is_some_and(Value::is_string) => entities.push((loc, v)),
            Ok(_) => diags
                .push(Diagnostic::error("schema", "an FtM entity needs a `schema`").at(Some(&loc))),
            Err(e) => diags.push(Diagnostic::error("syntax", format!("JSON: {e}")).at(Some(&loc))),
        }
    }
    // FtM entity id → coopgraph node key, for links between foreign entities.
    let mut keys = std::collections::HashMap::new();
    let mut links = Vec::new();
    for (loc, v) in &entities {
        let schema = v["schema"].as_str().unwrap_or_default();
        let id = v.get("id").and_then(text_of).unwrap_or_default();
        let props = v.get("properties").cloned().unwrap_or(Value::Null);
        let own = v.get("coopgraph");
        let result = if let Some(s) = own.and_then(|o| o.get("source")) {
            b.source(|f| s.get(f).and_then(text_of), loc.clone())
        } else if let Some(n) = own.and_then(|o| o.get("node")) {
            let key = n.get("id").and_then(text_of).unwrap_or_default();
            keys.insert(id, key.clone());
            b.node(&key, |f| n.get(f).and_then(text_of), loc.clone())
                .map(|_| ())
        } else if own.is_some_and(|o| o.get("relation").is_some()) {
            links.push((loc, v));
            Ok(())
        } else {
            foreign_record(&mut b, &mut keys, &mut links, schema, id, &props, loc, v)
        };
        if let Err(e) = result {
            diags.push(Diagnostic::error("schema", e.message).at(Some(loc)));
        }
    }
    for (loc, v) in links {
        let result = if let Some(r) = v.get("coopgraph").and_then(|o| o.get("relation")) {
            let end = |k: &str| r.get(k).and_then(text_of).unwrap_or_default();
            b.edge(
                &end("from"),
                &end("to"),
                |f| r.get(f).and_then(text_of),
                loc.clone(),
            )
        } else {
            foreign_link(&mut b, &keys, v, loc)
        };
        if let Err(e) = result {
            diags.push(Diagnostic::error("schema", e.message).at(Some(loc)));
        }
    }
    b.finish()
}

/// A node, source or (deferred) link from an FtM producer other than us.
#[allow(clippy::too_many_arguments)]
fn foreign_record<'v>(
    b: &mut Builder,
    keys: &mut std::collections::HashMap<String, String>,
    links: &mut Vec<(&'v Loc, &'v Value)>,
    schema: &str,
    id: String,
    props: &Value,
    loc: &'v Loc,
    v: &'v Value,
) -> Result<(), RowError> {
    let kind = match schema {
        "PublicBody" => Some(NodeKind::Agency),
        "Organization" | "Company" | "LegalEntity" => Some(NodeKind::Organisation),
        "Project" => Some(NodeKind::Project),
        _ => None,
    };
    if let Some(kind) = kind {
        let name = first(props, "name").unwrap_or_else(|| id.clone());
        let mut node = Node::new(String::new(), kind, name, Vec::new());
        node.description = first(props, "description").unwrap_or_default();
        node.country = first(props, "country").map(|c| c.to_uppercase());
        node.start = first(props, "startDate").or_else(|| first(props, "incorporationDate"));
        node.end = first(props, "endDate").or_else(|| first(props, "dissolutionDate"));
        let mut value = serde_json::to_value(&node).unwrap_or(Value::Null);
        if let (Some(obj), Some(aliases)) = (value.as_object_mut(), props.get("alias")) {
            let list: Vec<Value> = aliases
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|a| Some(json!({ "name": a.as_str()? })))
                .collect();
            obj.insert("aliases".into(), Value::Array(list));
        }
        keys.insert(id.clone(), id.clone());
        return b
            .node(
                &id,
                |f| match f {
                    "sources" => None,
                    _ => value.get(f).and_then(text_of),
                },
                loc.clone(),
            )
            .map(|_| ());
    }
    match schema {
        "Document" => {
            let title = first(props, "title")
                .or_else(|| first(props, "name"))
                .unwrap_or_else(|| id.clone());
            let url = first(props, "sourceUrl");
            b.source(
                |f| match f {
                    "id" => Some(id.clone()),
                    "kind" => Some("page".into()),
                    "title" => Some(title.clone()),
                    "url" => url.clone(),
                    "publisher" => first(props, "publisher"),
                    _ => None,
                },
                loc.clone(),
            )
        }
        "Membership" | "ProjectParticipant" | "Payment" | "UnknownLink" => {
            links.push((loc, v));
            Ok(())
        }
        other => Err(RowError {
            field: None,
            message: format!(
                "FtM schema `{other}` is not taken: coopgraph reads PublicBody, Organization, Company, LegalEntity, Project, Document, Membership, ProjectParticipant, Payment and UnknownLink"
            ),
        }),
    }
}

/// A link entity from an FtM producer other than us.
fn foreign_link(
    b: &mut Builder,
    keys: &std::collections::HashMap<String, String>,
    v: &Value,
    loc: &Loc,
) -> Result<(), RowError> {
    let props = v.get("properties").cloned().unwrap_or(Value::Null);
    let schema = v["schema"].as_str().unwrap_or_default();
    let (from, to, kind) = match schema {
        "Membership" => ("member", "organization", Some("member")),
        "ProjectParticipant" => ("participant", "project", None),
        "Payment" => ("payer", "beneficiary", Some("funds")),
        _ => ("subject", "object", None),
    };
    let end = |k: &str| {
        let id = first(&props, k)?;
        Some(keys.get(&id).cloned().unwrap_or(id))
    };
    let (Some(f), Some(t)) = (end(from), end(to)) else {
        return Err(RowError {
            field: None,
            message: format!("an FtM {schema} needs `{from}` and `{to}`"),
        });
    };
    let role = first(&props, "role");
    let amount = match (first(&props, "amount"), first(&props, "currency")) {
        (Some(a), Some(c)) => a
            .parse::<f64>()
            .ok()
            .map(|value| json!({ "value": value, "currency": c }).to_string()),
        _ => None,
    };
    let kind = kind.map(String::from).or_else(|| {
        role.clone()
            .filter(|r| RelationKind::ALL.iter().any(|k| k.as_str() == r))
            .or_else(|| (schema == "ProjectParticipant").then(|| "partner".to_string()))
    });
    let role = role.filter(|r| Some(r) != kind.as_ref());
    b.edge(
        &f,
        &t,
        |field| match field {
            "kind" => kind.clone(),
            "role" => role.clone(),
            "start" => first(&props, "startDate"),
            "end" => first(&props, "endDate"),
            "note" => first(&props, "summary"),
            "amount" => amount.clone(),
            _ => None,
        },
        loc.clone(),
    )
}
