//! What every XML reader (and the XML writers) share: the characters XML
//! 1.0 can hold, and the refusal of document type declarations.

use super::Builder;
use crate::diagnostic::{Diagnostic, Loc};
use quick_xml::events::BytesStart;
use std::borrow::Cow;
use std::collections::HashMap;

/// A node or edge element as read: its id or ends, its field values by
/// field name, and where it starts.
#[derive(Default)]
pub(crate) struct Item {
    pub id: String,
    pub source: String,
    pub target: String,
    pub data: HashMap<String, String>,
    pub loc: Option<Loc>,
}

/// An attribute's unescaped value, with characters XML cannot hold as U+FFFD.
/// A value with an entity XML does not declare (`&eacute;`) is kept as
/// written rather than lost.
pub(crate) fn attribute(e: &BytesStart, key: &str) -> Option<String> {
    let a = e.try_get_attribute(key).ok()??;
    Some(match a.unescape_value() {
        Ok(v) => xml_safe(&v).into_owned(),
        Err(_) => xml_safe(&String::from_utf8_lossy(&a.value)).into_owned(),
    })
}

/// The next event of an XML reader and where it starts; `None` at a syntax
/// error or a DOCTYPE (reported in `diags`, naming the `format`), which end
/// the reading.
pub(crate) fn next_event<'t>(
    reader: &mut quick_xml::Reader<&'t [u8]>,
    lines: &crate::diagnostic::LineIndex,
    file: &std::sync::Arc<str>,
    format: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<(quick_xml::events::Event<'t>, Loc)> {
    let at = reader.buffer_position() as usize;
    let loc = lines.loc(file, at);
    let event = match reader.read_event() {
        Ok(e) => e,
        Err(e) => {
            diags.push(
                Diagnostic::error("syntax", format!("{format}: {e}"))
                    .at(Some(&loc))
                    .help(super::STOPPED_READING),
            );
            return None;
        }
    };
    if let Err(msg) = refuse_doctype(&event) {
        diags.push(
            Diagnostic::error("syntax", msg)
                .at(Some(&loc))
                .help(super::STOPPED_READING),
        );
        return None;
    }
    Some((event, loc))
}

/// Adds the nodes, then the edges, read from an XML graph to `b`;
/// elements without an id (or ends) are reported at their place (or at
/// `start`).
pub(crate) fn add_items(
    b: &mut Builder,
    nodes: Vec<Item>,
    edges: Vec<Item>,
    start: &Loc,
    diags: &mut Vec<Diagnostic>,
) {
    for item in nodes {
        let loc = item.loc.unwrap_or_else(|| start.clone());
        b.attributes(true, item.data.keys().map(String::as_str), &loc);
        let result = if item.id.trim().is_empty() {
            Err("a node needs an `id`".to_string())
        } else {
            b.node(item.id.trim(), |f| item.data.get(f).cloned(), loc.clone())
                .map(|_| ())
                .map_err(|e| e.message)
        };
        if let Err(msg) = result {
            diags.push(Diagnostic::error("schema", msg).at(Some(&loc)));
        }
    }
    for item in edges {
        let loc = item.loc.unwrap_or_else(|| start.clone());
        b.attributes(false, item.data.keys().map(String::as_str), &loc);
        let (s, t) = (item.source.trim(), item.target.trim());
        let result = if s.is_empty() || t.is_empty() {
            Err("an edge needs `source` and `target`".to_string())
        } else {
            b.edge(s, t, |f| item.data.get(f).cloned(), loc.clone())
                .map_err(|e| e.message)
        };
        if let Err(msg) = result {
            diags.push(Diagnostic::error("schema", msg).at(Some(&loc)));
        }
    }
}

/// Text safe in XML 1.0: characters XML cannot hold at all (most control
/// characters) become U+FFFD. Escaping of markup is left to the writer.
pub fn xml_safe(s: &str) -> Cow<'_, str> {
    let ok = |c: char| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..);
    if s.chars().all(ok) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(
            s.chars()
                .map(|c| if ok(c) { c } else { '\u{FFFD}' })
                .collect(),
        )
    }
}

/// Refuses XML this crate does not read: a document type declaration (and
/// with it any entity definitions, so no external or expanding entities).
pub fn refuse_doctype(event: &quick_xml::events::Event) -> Result<(), String> {
    if matches!(event, quick_xml::events::Event::DocType(_)) {
        Err("the file has a DOCTYPE declaration; coopgraph reads XML without DTDs or entity definitions".into())
    } else {
        Ok(())
    }
}
