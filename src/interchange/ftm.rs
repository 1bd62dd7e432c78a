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

/// The export as FtM JSON lines: sources, nodes, then relations. Fails
/// for the actors projection, which has no FtM form.
pub fn write(ex: &Export) -> crate::Result<Vec<u8>> {
    if !ex.directed {
        return Err(crate::Error::NoForm { format: "ftm" });
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

pub use crate::import::ftm::read;
