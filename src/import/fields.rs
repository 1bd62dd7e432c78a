//! The flat form of records: one text value per field, as spreadsheet
//! cells, GraphML `<data>`, GEXF `<attvalue>`s and neo4j columns hold them.
//!
//! Scalar fields are written as they are (`true`, `2017-09`, `0.5`);
//! compound fields (aliases, alternative dates, declared members, amounts,
//! sources) have no native form in these formats and are written as compact
//! JSON, in the same shape as in a dataset file. [`flatten`] and [`unflatten`]
//! go through the records' own serde form, so the flat form cannot drift
//! from the data model: a field the model renames or adds fails here too.
//!
//! ```
//! use coopgraph::import::fields::{NODE_FIELDS, flatten, unflatten};
//! use coopgraph::model::{Node, NodeKind};
//! let n = Node::new("un".into(), NodeKind::Organisation, "United Nations".into(), vec![]);
//! let flat = flatten(&n, NODE_FIELDS);
//! assert_eq!(flat[1].as_deref(), Some("organisation"));
//! let back: Node = unflatten(NODE_FIELDS, |f| {
//!     NODE_FIELDS.iter().position(|g| g.name == f).and_then(|i| flat[i].clone())
//! }).unwrap();
//! assert_eq!(back.name, "United Nations");
//! ```

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// How a field's text is read, and the type typed formats declare for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// Text as written.
    Text,
    /// `true` or `false`.
    Bool,
    /// A finite number.
    Double,
    /// Compact JSON (a list or an object).
    Json,
}

impl FieldType {
    /// The attribute type GraphML and GEXF declare for it.
    pub fn xml_type(self) -> &'static str {
        match self {
            FieldType::Bool => "boolean",
            FieldType::Double => "double",
            FieldType::Text | FieldType::Json => "string",
        }
    }
}

/// One field of the flat form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The field's name in the data model, and its column or key name.
    pub name: &'static str,
    pub ty: FieldType,
}

const fn field(name: &'static str, ty: FieldType) -> Field {
    Field { name, ty }
}

use FieldType::{Bool, Double, Json, Text};

/// Every field of a [`crate::model::Node`], in the order exports write them.
pub const NODE_FIELDS: &[Field] = &[
    field("id", Text),
    field("kind", Text),
    field("name", Text),
    field("unnamed", Bool),
    field("aliases", Json),
    field("description", Text),
    field("country", Text),
    field("start", Text),
    field("end", Text),
    field("start_planned", Bool),
    field("end_planned", Bool),
    field("alt_dates", Json),
    field("declared_members", Json),
    field("note", Text),
    field("sources", Json),
];

/// Every field of a [`crate::model::Relation`], in the order exports write them.
pub const RELATION_FIELDS: &[Field] = &[
    field("kind", Text),
    field("from", Text),
    field("to", Text),
    field("role", Text),
    field("start", Text),
    field("end", Text),
    field("weight", Double),
    field("amount", Json),
    field("share", Text),
    field("place", Text),
    field("within", Text),
    field("on_behalf_of", Text),
    field("note", Text),
    field("sources", Json),
];

/// Every field of a [`crate::model::Source`].
pub const SOURCE_FIELDS: &[Field] = &[
    field("id", Text),
    field("kind", Text),
    field("title", Text),
    field("lang", Text),
    field("translates", Text),
    field("publisher", Text),
    field("file", Text),
    field("url", Text),
    field("updated", Text),
    field("note", Text),
];

/// The record's value for each of `fields` (parallel to it), `None` where
/// the record leaves the field out.
pub fn flatten<T: Serialize>(record: &T, fields: &[Field]) -> Vec<Option<String>> {
    let map = match serde_json::to_value(record) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    fields
        .iter()
        .map(|f| match map.get(f.name) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(v) => Some(v.to_string()),
        })
        .collect()
}

/// Builds a record from the text of its fields. `get` gives a field's text,
/// or `None` when the field is absent; blank text counts as absent. The
/// error names the field and says why its text was not taken.
pub fn unflatten<T: DeserializeOwned>(
    fields: &[Field],
    get: impl Fn(&str) -> Option<String>,
) -> Result<T, String> {
    let mut map = Map::new();
    for f in fields {
        let Some(text) = get(f.name).filter(|t| !t.trim().is_empty()) else {
            continue;
        };
        let value = match f.ty {
            Text => Value::String(text),
            Bool => match text.trim().to_ascii_lowercase().as_str() {
                "true" | "1" => Value::Bool(true),
                "false" | "0" => Value::Bool(false),
                _ => return Err(format!("`{}`: `{text}` is not true or false", f.name)),
            },
            Double => text
                .trim()
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number)
                .ok_or_else(|| format!("`{}`: `{text}` is not a number", f.name))?,
            Json => serde_json::from_str(&text)
                .map_err(|e| format!("`{}`: not valid JSON ({e})", f.name))?,
        };
        map.insert(f.name.to_string(), value);
    }
    serde_json::from_value(Value::Object(map)).map_err(|e| e.to_string())
}

/// Column `i`'s field among `fields`, by its name.
pub fn position(fields: &[Field], name: &str) -> Option<usize> {
    fields.iter().position(|f| f.name == name)
}
