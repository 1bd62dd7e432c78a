//! Writing results: JSON documents and plain tables on stdout.

use comfy_table::{Table, presets};
use serde::Serialize;
use std::io::Write;

/// Writes `value` as one pretty-printed JSON document and a newline.
pub fn json<T: Serialize>(value: &T) -> coopgraph::Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value).map_err(std::io::Error::from)?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

/// Whether a character must not reach a terminal as it is: control
/// characters (C0, DEL, C1), which can move the cursor, recolour or clear
/// the screen, and the bidirectional formatting characters, which reorder
/// what is shown (the "Trojan source" trick).
fn unsafe_for_terminal(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Text as table output shows it: every character that is unsafe on a
/// terminal written as `\u{..}` (its hex code, as Rust writes it), line
/// breaks too unless `keep_newlines`. Everything else, right-to-left
/// letters and emoji included, is kept.
pub fn for_terminal(s: &str, keep_newlines: bool) -> std::borrow::Cow<'_, str> {
    let escape = |c: char| unsafe_for_terminal(c) && !(keep_newlines && c == '\n');
    if !s.chars().any(escape) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if escape(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
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

/// Writes CSV records (the first is the header) to stdout.
pub fn csv<I, R>(records: I) -> coopgraph::Result<()>
where
    I: IntoIterator<Item = R>,
    R: IntoIterator<Item = String>,
{
    let mut w = csv::Writer::from_writer(std::io::stdout().lock());
    for r in records {
        w.write_record(r.into_iter().collect::<Vec<_>>())
            .map_err(std::io::Error::other)?;
    }
    w.flush()?;
    Ok(())
}
