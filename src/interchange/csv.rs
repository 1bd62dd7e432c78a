//! A CSV folder in the layout Gephi's spreadsheet import and Kumu read:
//!
//! - `nodes.csv`: `Id`, `Label` (the name), `Type` (the kind), then the other
//!   node fields;
//! - `edges.csv`: `Source`, `Target`, `Type` (`Directed`, or `Undirected`
//!   for the actors projection, as Gephi reads it), `Id`, `Label` (the
//!   relation kind), `Weight`, then the other relation fields;
//! - `sources.csv`: the dataset's sources, one per row.
//!
//! Compound fields are JSON text. The reader takes this layout, the plain
//! `id`/`source,target` lists of [`crate::import`], and spreadsheets saved
//! by Excel (byte-order mark, `;`, CRLF).
//!
//! Cells are written exactly, so that the folder imports back as the same
//! dataset, unless the export asks for [`spreadsheet_safe`] cells
//! ([`super::ExportOptions`]): then a cell that a spreadsheet program would
//! run as a formula starts with `'`.

use super::{Export, OutputFile};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::import::fields::{self, NODE_FIELDS, RELATION_FIELDS, SOURCE_FIELDS};
use crate::import::{Builder, ImportOptions, Imported};
use std::borrow::Cow;
use std::path::Path;

/// The files of the folder, in the order they are read back.
pub const FILES: [&str; 3] = ["sources.csv", "nodes.csv", "edges.csv"];

/// The first characters that make a spreadsheet program (Excel, LibreOffice
/// Calc, Google Sheets) read a cell as a formula: OWASP's list for CSV
/// injection.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A CSV cell that a spreadsheet program shows as text, never runs: a cell
/// that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
/// leading `'` (OWASP's advice against CSV injection), unless it is a
/// number (`-0.5`, `-3`, `+1e5`), which stays a number. Every other cell
/// is returned as it is.
///
/// ```
/// use coopgraph::interchange::csv::spreadsheet_safe;
/// assert_eq!(spreadsheet_safe("=HYPERLINK(\"http://evil.example/\",\"x\")"),
///            "'=HYPERLINK(\"http://evil.example/\",\"x\")");
/// assert_eq!(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
/// assert_eq!(spreadsheet_safe("-2+A3"), "'-2+A3");
/// assert_eq!(spreadsheet_safe("\t=1"), "'\t=1");
/// assert_eq!(spreadsheet_safe("-inf"), "'-inf");
/// assert_eq!(spreadsheet_safe("-0.5"), "-0.5");
/// assert_eq!(spreadsheet_safe("-3"), "-3");
/// assert_eq!(spreadsheet_safe("+1e5"), "+1e5");
/// assert_eq!(spreadsheet_safe("Swedish Migration Agency"), "Swedish Migration Agency");
/// ```
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    if !cell.starts_with(FORMULA_START) || is_number(cell) {
        return Cow::Borrowed(cell);
    }
    Cow::Owned(format!("'{cell}"))
}

/// A decimal number as spreadsheets read one: digits, a sign, a point and an
/// exponent only (so not `inf` or `NaN`, which Rust would parse).
fn is_number(cell: &str) -> bool {
    cell.bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'e' | b'E'))
        && cell.parse::<f64>().is_ok()
}

fn table(header: Vec<String>, rows: Vec<Vec<String>>, safe: bool) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let cell = |c: &String| -> String {
        if safe {
            spreadsheet_safe(c).into_owned()
        } else {
            c.clone()
        }
    };
    // Writing to a Vec cannot fail.
    let _ = w.write_record(header.iter().map(cell));
    for row in rows {
        let _ = w.write_record(row.iter().map(cell));
    }
    w.into_inner().unwrap_or_default()
}

/// The export as `sources.csv`, `nodes.csv` and `edges.csv`, every cell as
/// it is.
pub fn write(ex: &Export) -> Vec<OutputFile> {
    write_with(ex, &super::ExportOptions::default())
}

/// [`write`], with every cell [`spreadsheet_safe`] if `opts` asks for it.
pub fn write_with(ex: &Export, opts: &super::ExportOptions) -> Vec<OutputFile> {
    let safe = opts.spreadsheet_safe;
    let g = ex.graph;
    let sources = table(
        SOURCE_FIELDS.iter().map(|f| f.name.to_string()).collect(),
        g.data
            .sources
            .iter()
            .map(|s| {
                fields::flatten(s, SOURCE_FIELDS)
                    .into_iter()
                    .map(Option::unwrap_or_default)
                    .collect()
            })
            .collect(),
        safe,
    );
    let node_rest: Vec<usize> = (0..NODE_FIELDS.len())
        .filter(|&j| !matches!(NODE_FIELDS[j].name, "id" | "kind" | "name"))
        .collect();
    let mut header = vec!["Id".to_string(), "Label".into(), "Type".into()];
    header.extend(node_rest.iter().map(|&j| NODE_FIELDS[j].name.to_string()));
    let nodes = table(
        header,
        ex.nodes
            .iter()
            .map(|&i| {
                let n = g.node(i);
                let values = fields::flatten(n, NODE_FIELDS);
                let mut row = vec![n.id.clone(), n.name.clone(), n.kind.to_string()];
                row.extend(
                    node_rest
                        .iter()
                        .map(|&j| values[j].clone().unwrap_or_default()),
                );
                row
            })
            .collect(),
        safe,
    );
    let rel_rest: Vec<usize> = (0..RELATION_FIELDS.len())
        .filter(|&j| !matches!(RELATION_FIELDS[j].name, "kind" | "from" | "to" | "weight"))
        .collect();
    let mut header: Vec<String> = ["Source", "Target", "Type", "Id", "Label", "Weight"]
        .map(String::from)
        .to_vec();
    if ex.directed {
        header.extend(
            rel_rest
                .iter()
                .map(|&j| RELATION_FIELDS[j].name.to_string()),
        );
    }
    let direction = if ex.directed {
        "Directed"
    } else {
        "Undirected"
    };
    let edges = table(
        header,
        ex.edges
            .iter()
            .enumerate()
            .map(|(n, e)| {
                let mut row = vec![
                    g.node(e.from).id.clone(),
                    g.node(e.to).id.clone(),
                    direction.to_string(),
                    format!("e{n}"),
                ];
                match e.relation {
                    Some(r) => {
                        let rel = g.relation(r);
                        let values = fields::flatten(&rel, RELATION_FIELDS);
                        row.push(rel.kind().to_string());
                        row.push(rel.weight().map(|w| w.to_string()).unwrap_or_default());
                        row.extend(
                            rel_rest
                                .iter()
                                .map(|&j| values[j].clone().unwrap_or_default()),
                        );
                    }
                    None => {
                        row.push(String::new());
                        row.push(e.weight.map(|w| w.to_string()).unwrap_or_default());
                    }
                }
                row
            })
            .collect(),
        safe,
    );
    vec![
        (Some(FILES[0]), sources),
        (Some(FILES[1]), nodes),
        (Some(FILES[2]), edges),
    ]
}

/// Reads a folder holding `nodes.csv` and/or `edges.csv` (and optionally
/// `sources.csv`), or a single CSV file. Rows that cannot be taken go to
/// `diags`.
pub fn read(path: &Path, opts: &ImportOptions, diags: &mut Vec<Diagnostic>) -> Result<Imported> {
    let files: Vec<_> = if path.is_dir() {
        let found: Vec<_> = FILES
            .iter()
            .map(|f| path.join(f))
            .filter(|p| p.is_file())
            .collect();
        if !found.iter().any(|p| !p.ends_with(FILES[0])) {
            return Err(Error::EmptyFolder {
                dir: path.to_path_buf(),
                expected: "neither nodes.csv nor edges.csv",
            });
        }
        found
    } else {
        vec![path.to_path_buf()]
    };
    let mut b = Builder::new(&path.display().to_string(), opts);
    for file in files {
        let text = crate::load::read_text(&file, opts.max_input_size)?;
        crate::import::csv_rows(&mut b, &file.display().to_string(), &text, diags);
    }
    Ok(b.finish(diags))
}
