//! Writing results: JSON documents and plain tables on stdout.

use comfy_table::{Table, presets};
use serde::Serialize;
use std::io::Write;

/// Writes `value` as one pretty-printed JSON document and a newline. On a
/// terminal, characters that would act on it and that JSON writes as they
/// are (DEL, C1 controls such as U+009B CSI, bidirectional formatting
/// characters) are written as `\uXXXX` escapes: still JSON, with the same
/// values. Piped or redirected, the bytes are as they always were.
pub fn json<T: Serialize>(value: &T) -> coopgraph::Result<()> {
    use std::io::IsTerminal;
    let mut out = std::io::stdout().lock();
    if out.is_terminal() {
        let text = serde_json::to_string_pretty(value).map_err(std::io::Error::from)?;
        out.write_all(json_for_terminal(&text).as_bytes())?;
    } else {
        serde_json::to_writer_pretty(&mut out, value).map_err(std::io::Error::from)?;
    }
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

/// A JSON document with every character unsafe on a terminal written as a
/// `\uXXXX` escape. serde_json already escapes C0 controls inside strings,
/// so the only raw line breaks are the layout's and stay; every other
/// unsafe character lies inside a string and is in the Basic Multilingual
/// Plane, so one escape is its exact JSON form.
fn json_for_terminal(text: &str) -> std::borrow::Cow<'_, str> {
    let escaped = |c: char| c != '\n' && coopgraph::terminal::is_unsafe(c);
    if !text.chars().any(escaped) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if escaped(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Text as table output shows it: every character that is unsafe on a
/// terminal written as `\u{..}` (its hex code, as Rust writes it), line
/// breaks too unless `keep_newlines` ([`coopgraph::terminal::escape`]).
/// Everything else, right-to-left letters and emoji included, is kept.
pub fn for_terminal(s: &str, keep_newlines: bool) -> std::borrow::Cow<'_, str> {
    coopgraph::terminal::escape(s, keep_newlines)
}

/// A path as messages on stderr show it ("wrote PATH"): escaped as
/// [`for_terminal`] escapes a table cell, since a file name can hold
/// control characters too.
pub fn path(p: &std::path::Path) -> String {
    for_terminal(&p.display().to_string(), false).into_owned()
}

/// Writes text to stdout, with characters unsafe on a terminal escaped
/// (see [`for_terminal`]).
pub fn text(s: &str) -> coopgraph::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(for_terminal(s, true).as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Writes a document in a file format (DOT) to stdout: exactly as it is
/// when stdout is a pipe or a file, so that `render > x.dot` gives the same
/// bytes as `render -o x.dot`; escaped as [`text`] does on a terminal.
pub fn document(s: &str) -> coopgraph::Result<()> {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() {
        return text(s);
    }
    let mut out = std::io::stdout().lock();
    out.write_all(s.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// A Markdown-style table (pastes into reports), never wrapped to the
/// terminal's width so that output is the same everywhere. Cells are
/// escaped: characters unsafe on a terminal and line breaks as `\u{..}`,
/// `|` as `\|`.
pub fn table<I, R>(header: &[&str], rows: I) -> String
where
    I: IntoIterator<Item = R>,
    R: IntoIterator<Item = String>,
{
    let mut t = Table::new();
    t.load_style(presets::ASCII_MARKDOWN);
    t.set_header(header.iter().copied());
    for r in rows {
        // A line break inside a cell would break the table's rows apart,
        // and a `|` would add a column where the table is read as Markdown.
        t.add_row(
            r.into_iter()
                .map(|c| for_terminal(&c, false).replace('|', "\\|")),
        );
    }
    let mut s = t.to_string();
    s.push('\n');
    s
}

/// Writes CSV records (the first is the header) to stdout. Every cell a
/// spreadsheet would run as a formula is neutralised
/// ([`coopgraph::interchange::csv::spreadsheet_safe`]: a leading `'`;
/// numbers stay numbers). On a terminal, cells are also escaped as table
/// cells are ([`for_terminal`]); piped or redirected, every other
/// character is kept.
pub fn csv<I, R>(records: I) -> coopgraph::Result<()>
where
    I: IntoIterator<Item = R>,
    R: IntoIterator<Item = String>,
{
    use coopgraph::interchange::csv::spreadsheet_safe;
    use std::io::IsTerminal;
    let terminal = std::io::stdout().is_terminal();
    let mut w = csv::Writer::from_writer(std::io::stdout().lock());
    for r in records {
        let cells = r.into_iter().map(|c| {
            let safe = spreadsheet_safe(&c);
            if terminal {
                for_terminal(&safe, false).into_owned()
            } else {
                safe.into_owned()
            }
        });
        w.write_record(cells.collect::<Vec<_>>())
            .map_err(std::io::Error::other)?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_on_a_terminal_escapes_what_serde_json_keeps_and_stays_the_same_json() {
        let value = serde_json::json!({"name": "a\u{9b}2J\u{202e}b\u{7f}\u{1b}\n", "n": [1, 2]});
        let text = serde_json::to_string_pretty(&value).unwrap();
        let shown = json_for_terminal(&text);
        assert!(
            !shown
                .chars()
                .any(|c| c != '\n' && coopgraph::terminal::is_unsafe(c))
        );
        assert!(shown.contains(r"a\u009b2J\u202eb\u007f\u001b\n"), "{shown}");
        let back: serde_json::Value = serde_json::from_str(&shown).unwrap();
        assert_eq!(back, value);
    }
}
