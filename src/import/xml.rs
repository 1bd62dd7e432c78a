//! What every XML reader (and the XML writers) share: the characters XML
//! 1.0 can hold, and the refusal of document type declarations.

use std::borrow::Cow;

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
