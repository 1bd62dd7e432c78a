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

/// Writes text to stdout.
pub fn text(s: &str) -> coopgraph::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(s.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// A Markdown-style table (pastes into reports), never wrapped to the
/// terminal's width so that output is the same everywhere.
pub fn table<I, R>(header: &[&str], rows: I) -> String
where
    I: IntoIterator<Item = R>,
    R: IntoIterator<Item = String>,
{
    let mut t = Table::new();
    t.load_style(presets::ASCII_MARKDOWN);
    t.set_header(header.iter().copied());
    for r in rows {
        t.add_row(r);
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
