//! Reading FollowTheMoney JSON lines (see [`crate::interchange::ftm`] for
//! the mapping, which reading reverses).

use super::{Builder, ImportOptions, Imported, RowError, text_of};
use crate::diagnostic::{Diagnostic, LineIndex, Loc};
use crate::model::{Node, NodeKind, RelationKind};
use serde_json::{Value, json};
use std::sync::Arc;

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
    b.finish(diags)
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
