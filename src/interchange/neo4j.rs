//! CSV files for `neo4j-admin database import full`: `nodes.csv` with an
//! `id:ID` column and `:LABEL`s, `relationships.csv` with `:START_ID`,
//! `:END_ID` and `:TYPE`. Labels are the kind in upper camel case (`Agency`),
//! plus `Actor` for states, agencies and organisations; relationship types
//! are the relation kind in upper case (`PART_OF`); the actors projection's
//! ties are `CO_PARTICIPATES` with a `weight`. Typed properties carry
//! `:boolean`/`:double`; a date is `start:date` where it is one day (Neo4j's
//! `date` holds no year or month alone) with the text as written beside it
//! (`start_text`: `2017`, `autumn 2022`), so that no date is lost; an amount
//! is `amount:float` with its `currency`; other compound fields are JSON
//! strings. The CSV is RFC 4180 (quotes doubled), which the tool reads with
//! its defaults.

use super::{Export, OutputFile};
use crate::import::fields::{self, FieldType, NODE_FIELDS, RELATION_FIELDS};
use crate::model::NodeKind;

/// The files of the folder.
pub const FILES: [&str; 2] = ["nodes.csv", "relationships.csv"];

/// The header cells of a field: its name with its Neo4j type. A date is
/// two properties: `start:date`, filled where the date is one day
/// ([`full_date`]), and `start_text`, the date as written (`2017`,
/// `autumn 2022`). An amount is `amount:float` and `currency`.
fn typed(name: &str, ty: FieldType) -> Vec<String> {
    match (name, ty) {
        ("start" | "end", _) => vec![format!("{name}:date"), format!("{name}_text")],
        ("amount", _) => vec!["amount:float".into(), "currency".into()],
        (_, FieldType::Bool) => vec![format!("{name}:boolean")],
        (_, FieldType::Double) => vec![format!("{name}:double")],
        (_, FieldType::Text | FieldType::Json) => vec![name.to_string()],
    }
}

/// The cells of a field's value, parallel to [`typed`]'s header cells.
fn cells(name: &str, value: Option<String>) -> Vec<String> {
    match name {
        "start" | "end" => {
            let day = value.as_deref().and_then(full_date).unwrap_or_default();
            vec![day, value.unwrap_or_default()]
        }
        "amount" => {
            let amount = value
                .and_then(|v| serde_json::from_str::<crate::model::Amount>(&v).ok())
                .map(|a| (a.value.to_string(), a.currency));
            let (value, currency) = amount.unwrap_or_default();
            vec![value, currency]
        }
        _ => vec![value.unwrap_or_default()],
    }
}

/// The day a date stands for (`2017-09-01`), when it stands for one day;
/// `None` for a year, month or season, which Neo4j's `date` cannot hold.
pub fn full_date(text: &str) -> Option<String> {
    let d: crate::date::PartialDate = text.parse().ok()?;
    (d.earliest() == d.latest()).then(|| d.earliest().to_string())
}

/// The node label of a kind: `Organisation`, `State`…
pub fn label(kind: NodeKind) -> String {
    let s = kind.as_str();
    let mut out = s[..1].to_uppercase();
    out.push_str(&s[1..]);
    if kind.is_actor() {
        out.push_str(";Actor");
    }
    out
}

/// The export as `nodes.csv` and `relationships.csv`.
pub fn write(ex: &Export) -> Vec<OutputFile> {
    let g = ex.graph;
    let mut nodes = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["id:ID".to_string(), ":LABEL".into()];
    header.extend(
        NODE_FIELDS
            .iter()
            .filter(|f| f.name != "id")
            .flat_map(|f| typed(f.name, f.ty)),
    );
    // Writing to a Vec cannot fail.
    let _ = nodes.write_record(&header);
    for &i in &ex.nodes {
        let n = g.node(i);
        let values = fields::flatten(n, NODE_FIELDS);
        let mut row = vec![n.id.clone(), label(n.kind)];
        row.extend(
            NODE_FIELDS
                .iter()
                .zip(values)
                .skip(1)
                .flat_map(|(f, v)| cells(f.name, v)),
        );
        let _ = nodes.write_record(&row);
    }
    let mut rels = csv::Writer::from_writer(Vec::new());
    let mut header = vec![":START_ID".to_string(), ":END_ID".into(), ":TYPE".into()];
    let keep = |name: &str| !matches!(name, "from" | "to");
    if ex.directed {
        header.extend(
            RELATION_FIELDS
                .iter()
                .filter(|f| keep(f.name))
                .flat_map(|f| typed(f.name, f.ty)),
        );
    } else {
        header.push("weight:double".into());
    }
    let _ = rels.write_record(&header);
    for e in &ex.edges {
        let mut row = vec![g.node(e.from).id.clone(), g.node(e.to).id.clone()];
        match e.relation {
            Some(r) => {
                let rel = g.relation(r);
                row.push(rel.kind().as_str().to_uppercase());
                let values = fields::flatten(&rel, RELATION_FIELDS);
                row.extend(
                    RELATION_FIELDS
                        .iter()
                        .zip(values)
                        .filter(|(f, _)| keep(f.name))
                        .flat_map(|(f, v)| cells(f.name, v)),
                );
            }
            None => {
                row.push("CO_PARTICIPATES".into());
                row.push(e.weight.map(|w| w.to_string()).unwrap_or_default());
            }
        }
        let _ = rels.write_record(&row);
    }
    vec![
        (Some(FILES[0]), nodes.into_inner().unwrap_or_default()),
        (Some(FILES[1]), rels.into_inner().unwrap_or_default()),
    ]
}
