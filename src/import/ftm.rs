//! Reading FollowTheMoney JSON lines (see [`crate::interchange::ftm`] for
//! the mapping, which reading reverses).

use super::{Builder, ImportOptions, Imported, RowError, text_of};
use crate::diagnostic::{Diagnostic, LineIndex, Loc};
use crate::model::{Node, NodeKind, RelationKind};
use serde_json::{Value, json};
use std::sync::Arc;

/// The prefix of the FtM ids of sources that coopgraph writes
/// (`coopgraph-source-ID`).
pub const SOURCE_ID: &str = "coopgraph-source-";
/// The prefix of the FtM ids of nodes that coopgraph writes
/// (`coopgraph-node-ID`).
pub const NODE_ID: &str = "coopgraph-node-";

/// The FtM properties read from a node entity (those coopgraph writes; the
/// `jurisdiction`, `sourceUrl` and `publisher` it writes repeat what the
/// country and the cited documents say).
const NODE_PROPS: &[&str] = &[
    "name",
    "alias",
    "weakAlias",
    "previousName",
    "classification",
    "description",
    "country",
    "jurisdiction",
    "startDate",
    "endDate",
    "incorporationDate",
    "dissolutionDate",
    "proof",
    "sourceUrl",
    "publisher",
];
/// The FtM properties read from a `Document`.
const DOCUMENT_PROPS: &[&str] = &[
    "title",
    "name",
    "fileName",
    "keywords",
    "sourceUrl",
    "publisher",
    "summary",
];
/// The FtM properties read from a link entity.
const LINK_PROPS: &[&str] = &[
    "member",
    "organization",
    "participant",
    "project",
    "payer",
    "beneficiary",
    "subject",
    "object",
    "role",
    "purpose",
    "amount",
    "currency",
    "date",
    "startDate",
    "endDate",
    "summary",
    "proof",
    "sourceUrl",
    "publisher",
];

/// Notes the properties of an entity read from FtM's own properties that
/// are not in `read` (reported by [`Builder::finish`] with their counts).
fn not_read(b: &mut Builder, node: bool, props: &Value, read: &[&str], loc: &Loc) {
    for key in props.as_object().into_iter().flat_map(|o| o.keys()) {
        if !read.contains(&key.as_str()) {
            b.not_read(node, key, loc);
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
    b.finish(diags)
}

/// All values of an FtM property, as text.
fn all(props: &Value, key: &str) -> Vec<String> {
    props
        .get(key)
        .and_then(Value::as_array)
        .map(|l| l.iter().filter_map(text_of).collect())
        .unwrap_or_default()
}

/// The coopgraph id an FtM id stands for: coopgraph's own ids without
/// their prefix (`coopgraph-node-sweden` is `sweden`), any other as it is.
fn key_of(id: &str, prefix: &str) -> String {
    id.strip_prefix(prefix).unwrap_or(id).to_string()
}

/// The `sources` of a record: the documents its `proof` names, as JSON,
/// or `None` (the record then cites the file it came from).
fn proof(props: &Value) -> Option<String> {
    let refs: Vec<Value> = all(props, "proof")
        .iter()
        .map(|p| json!({ "source": key_of(p, SOURCE_ID) }))
        .collect();
    (!refs.is_empty()).then(|| Value::Array(refs).to_string())
}

/// A node's aliases from FtM's name properties: `alias`, `previousName`
/// (former) and `weakAlias` (acronym).
fn aliases(props: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    for (key, flag) in [
        ("alias", None),
        ("weakAlias", Some("acronym")),
        ("previousName", Some("former")),
    ] {
        for name in all(props, key) {
            let mut a = json!({ "name": name });
            if let Some(f) = flag {
                a[f] = Value::Bool(true);
            }
            out.push(a);
        }
    }
    out
}

/// A node, source or (deferred) link from FtM's own properties: an
/// export whose `coopgraph` key was dropped (as FtM's statements and
/// aggregation drop it), or another FtM producer's entity.
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
        // A legal entity's `classification` may name its kind (coopgraph
        // writes it); a project is a project.
        let kind = match kind {
            NodeKind::Project => kind,
            _ => first(props, "classification")
                .and_then(|c| crate::import::parse_kind(&c))
                .filter(|k| *k != NodeKind::Project)
                .unwrap_or(kind),
        };
        let key = key_of(&id, NODE_ID);
        let name = first(props, "name").unwrap_or_else(|| key.clone());
        let mut node = Node::new(String::new(), kind, name, Vec::new());
        node.description = first(props, "description").unwrap_or_default();
        node.country = first(props, "country").map(|c| c.to_uppercase());
        node.start = first(props, "startDate").or_else(|| first(props, "incorporationDate"));
        node.end = first(props, "endDate").or_else(|| first(props, "dissolutionDate"));
        let mut value = serde_json::to_value(&node).unwrap_or(Value::Null);
        let list = aliases(props);
        if let (Some(obj), false) = (value.as_object_mut(), list.is_empty()) {
            obj.insert("aliases".into(), Value::Array(list));
        }
        let sources = proof(props);
        keys.insert(id, key.clone());
        not_read(b, true, props, NODE_PROPS, loc);
        return b
            .node(
                &key,
                |f| match f {
                    "sources" => sources.clone(),
                    _ => value.get(f).and_then(text_of),
                },
                loc.clone(),
            )
            .map(|_| ());
    }
    match schema {
        "Document" => {
            let key = key_of(&id, SOURCE_ID);
            let title = first(props, "title")
                .or_else(|| first(props, "name"))
                .unwrap_or_else(|| key.clone());
            // The file, unless it is the id written for FtM's required
            // `fileName` when the source has none.
            let file = first(props, "fileName").filter(|f| *f != key);
            not_read(b, true, props, DOCUMENT_PROPS, loc);
            let kind = first(props, "keywords")
                .filter(|k| matches!(k.as_str(), "page" | "public_knowledge" | "imported"))
                .unwrap_or_else(|| "page".into());
            b.source(
                |f| match f {
                    "id" => Some(key.clone()),
                    "kind" => Some(kind.clone()),
                    "title" => Some(title.clone()),
                    "url" => first(props, "sourceUrl"),
                    "publisher" => first(props, "publisher"),
                    "file" => file.clone(),
                    "note" => first(props, "summary"),
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

/// The relation kind and role of an FtM link: the schema's kind
/// (`Membership` is `member`, `Payment` `funds`), else the first `role`
/// value that names a relation kind; the role is the first other value
/// (a payment's `purpose`).
fn kind_and_role(schema: &str, props: &Value) -> (Option<String>, Option<String>) {
    let fixed = match schema {
        "Membership" => Some("member"),
        "Payment" => Some("funds"),
        _ => None,
    };
    let mut roles = all(
        props,
        if schema == "Payment" {
            "purpose"
        } else {
            "role"
        },
    );
    let kind = match fixed {
        Some(k) => Some(k.to_string()),
        None => roles
            .iter()
            .position(|r| RelationKind::ALL.iter().any(|k| k.as_str() == r))
            .map(|i| roles.remove(i))
            .or_else(|| (schema == "ProjectParticipant").then(|| "partner".to_string())),
    };
    (kind, roles.into_iter().next())
}

/// A link entity read from FtM's own properties.
fn foreign_link(
    b: &mut Builder,
    keys: &std::collections::HashMap<String, String>,
    v: &Value,
    loc: &Loc,
) -> Result<(), RowError> {
    let props = v.get("properties").cloned().unwrap_or(Value::Null);
    let schema = v["schema"].as_str().unwrap_or_default();
    let (from, to) = match schema {
        "Membership" => ("member", "organization"),
        "ProjectParticipant" => ("participant", "project"),
        "Payment" => ("payer", "beneficiary"),
        _ => ("subject", "object"),
    };
    let end = |k: &str| {
        let id = first(&props, k)?;
        Some(
            keys.get(&id)
                .cloned()
                .unwrap_or_else(|| key_of(&id, NODE_ID)),
        )
    };
    let (Some(f), Some(t)) = (end(from), end(to)) else {
        return Err(RowError {
            field: None,
            message: format!("an FtM {schema} needs `{from}` and `{to}`"),
        });
    };
    not_read(b, false, &props, LINK_PROPS, loc);
    let (kind, role) = kind_and_role(schema, &props);
    // An amount coopgraph cannot hold (not a finite number of zero or
    // more, or without its currency) is counted among the properties not
    // read, not passed on to fail the whole import.
    let amount = match (first(&props, "amount"), first(&props, "currency")) {
        (Some(a), Some(c)) => match a.trim().parse::<f64>() {
            Ok(value) if value.is_finite() && value >= 0.0 => {
                Some(json!({ "value": value, "currency": c }).to_string())
            }
            _ => {
                b.not_read(false, "amount", loc);
                None
            }
        },
        (Some(_), None) => {
            b.not_read(false, "amount", loc);
            None
        }
        _ => None,
    };
    let sources = proof(&props);
    b.edge(
        &f,
        &t,
        |field| match field {
            "kind" => kind.clone(),
            "role" => role.clone(),
            "start" => first(&props, "startDate").or_else(|| first(&props, "date")),
            "end" => first(&props, "endDate"),
            "note" => first(&props, "summary"),
            "amount" => amount.clone(),
            "sources" => sources.clone(),
            _ => None,
        },
        loc.clone(),
    )
}
