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

/// The width tables are fitted to: set once by [`fit_tables`]; `None`
/// (never wrapped) until then.
static TABLE_WIDTH: std::sync::OnceLock<Option<u16>> = std::sync::OnceLock::new();

/// Fits the tables of this run to the terminal's width when stdout is a
/// terminal and `wide` (`--wide`) is not given; piped or redirected, tables
/// are never wrapped, so that scripts get the same bytes everywhere.
pub fn fit_tables(wide: bool) {
    use std::io::IsTerminal;
    let width = (!wide && std::io::stdout().is_terminal()).then(terminal_width);
    let _ = TABLE_WIDTH.set(width);
}

/// The terminal's width in columns: `COLUMNS` when set (as shells export
/// it), else the terminal's own size, else 80.
fn terminal_width() -> u16 {
    let from_env = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|&c| c > 0);
    from_env.or_else(window_columns).unwrap_or(80).max(20)
}

/// The columns of the terminal on stdout, as the terminal reports them.
#[cfg(unix)]
fn window_columns() -> Option<u16> {
    // SAFETY: TIOCGWINSZ only writes a `winsize`, a plain C struct owned
    // here, and fails harmlessly when stdout is not a terminal.
    let size = unsafe {
        let mut size: libc::winsize = std::mem::zeroed();
        (libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut size) == 0).then_some(size)
    };
    size.map(|s| s.ws_col).filter(|&c| c > 0)
}

#[cfg(not(unix))]
fn window_columns() -> Option<u16> {
    None
}

/// A Markdown-style table (pastes into reports). Piped or redirected (and
/// with `--wide`), it is never wrapped, so that output is the same
/// everywhere; on a terminal, long cells are wrapped onto more lines so
/// that the table fits the terminal's width (see [`fit_tables`]). Cells are
/// escaped: characters unsafe on a terminal and line breaks as `\u{..}`,
/// `|` as `\|`.
pub fn table<I, R>(header: &[&str], rows: I) -> String
where
    I: IntoIterator<Item = R>,
    R: IntoIterator<Item = String>,
{
    let mut t = Table::new();
    t.load_style(presets::ASCII_MARKDOWN);
    if let Some(Some(width)) = TABLE_WIDTH.get() {
        t.set_width(*width);
        t.set_content_arrangement(comfy_table::ContentArrangement::Dynamic);
    }
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

/// With `csv`, writes the header and rows to stdout as CSV ([`csv`]) and
/// gives an empty string; else gives them as a [`table`].
pub fn table_or_csv<I, R>(csv: bool, header: &[&str], rows: I) -> coopgraph::Result<String>
where
    I: IntoIterator<Item = R>,
    R: IntoIterator<Item = String>,
{
    if !csv {
        return Ok(table(header, rows));
    }
    let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    let rows = rows.into_iter().map(|r| r.into_iter().collect::<Vec<_>>());
    self::csv(std::iter::once(header).chain(rows))?;
    Ok(String::new())
}

/// A role as words that follow a relation: `, as participating
/// authority`, or `, in cooperation with, through its migration agency`
/// for a role that is already a phrase of its own; parentheses inside the
/// role become commas, so that nothing nests.
pub fn role_phrase(role: &str) -> String {
    const OWN_PHRASE: [&str; 12] = [
        "in", "on", "with", "through", "for", "by", "as", "via", "under", "within", "from", "to",
    ];
    let flat = role.replace(" (", ", ").replace(['(', ')'], "");
    let flat = flat.trim();
    let first = flat.split_whitespace().next().unwrap_or("");
    if OWN_PHRASE.contains(&first.to_lowercase().as_str()) {
        format!(", {flat}")
    } else {
        format!(", as {flat}")
    }
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
