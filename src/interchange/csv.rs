//! A CSV folder in the layout Gephi's spreadsheet import reads, or Kumu's
//! ([`CsvFlavour`]):
//!
//! - `nodes.csv`: `Id` (Kumu: `ID`), `Label` (the name), `Type` (the kind),
//!   then the other node fields; for Gephi, `timeset`, the node's span as
//!   Gephi's interval set (`<[2017-01-01, 2019-12-31]>`, [`timeset`]);
//! - `edges.csv`, for Gephi: `Source`, `Target`, `Type` (`Directed`, or
//!   `Undirected` for the actors projection, as Gephi reads it), `Id`,
//!   `Label` (the relation kind), `Weight`, then the other relation fields,
//!   then `Kind` (the relation kind, numbered from the second relation of a
//!   kind between the same two nodes, `funds 2`, since Gephi merges parallel
//!   edges of one kind) and `timeset` (the relation's span, else its
//!   project's, as in GEXF); for Kumu: `From`, `To`, `Label` and `Type`
//!   (the relation kind), `Direction` (`directed`, `undirected`), `Id`,
//!   `Weight`, then the other relation fields;
//! - `sources.csv`: the dataset's sources, one per row.
//!
//! Each file may start with a UTF-8 byte-order mark
//! ([`super::ExportOptions::bom`]), which Excel needs to read `å`, `ä`, `ö`.
//!
//! Compound fields are JSON text. The reader takes this layout, the plain
//! `id`/`source,target` lists of [`crate::import`], and spreadsheets saved
//! by Excel (byte-order mark, `;`, CRLF).
//!
//! Cells are written exactly, so that the folder imports back as the same
//! dataset, unless the export asks for [`spreadsheet_safe`] cells
//! ([`super::ExportOptions`]): then a cell that a spreadsheet program would
//! run as a formula starts with `'`.

use super::{CsvFlavour, Export, OutputFile};
use crate::date::Span;
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

/// A CSV file: the header, then each row as it comes (rows are written as
/// they are made, never all held at once).
fn table(header: Vec<String>, rows: impl Iterator<Item = Vec<String>>, safe: bool) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let mut write = |row: &[String]| {
        let _ = if safe {
            w.write_record(row.iter().map(|c| spreadsheet_safe(c).into_owned()))
        } else {
            w.write_record(row)
        };
    };
    write(&header);
    for row in rows {
        write(&row);
    }
    w.into_inner().unwrap_or_default()
}

/// The export as `sources.csv`, `nodes.csv` and `edges.csv`, every cell as
/// it is, in Gephi's layout.
pub fn write(ex: &Export) -> Vec<OutputFile> {
    write_with(ex, &super::ExportOptions::default())
}

/// [`write`], in the layout of `opts.flavour`, with every cell
/// [`spreadsheet_safe`] and a byte-order mark if `opts` asks for them.
pub fn write_with(ex: &Export, opts: &super::ExportOptions) -> Vec<OutputFile> {
    let safe = opts.spreadsheet_safe;
    let g = ex.graph;
    let sources = table(
        SOURCE_FIELDS.iter().map(|f| f.name.to_string()).collect(),
        g.data.sources.iter().map(|s| {
            fields::flatten(s, SOURCE_FIELDS)
                .into_iter()
                .map(Option::unwrap_or_default)
                .collect()
        }),
        safe,
    );
    let nodes = nodes_table(ex, opts.flavour, safe);
    let edges = edges_table(ex, opts.flavour, safe);
    let bom = |mut bytes: Vec<u8>| {
        if opts.csv_bom() {
            bytes.splice(0..0, "\u{feff}".bytes());
        }
        bytes
    };
    vec![
        (Some(FILES[0]), bom(sources)),
        (Some(FILES[1]), bom(nodes)),
        (Some(FILES[2]), bom(edges)),
    ]
}

/// Gephi's interval set for a span: `<[2017-01-01, 2019-12-31]>`, an
/// unknown end as `Infinity` (an unknown start as `-Infinity`), empty when
/// neither end is known (the record exists throughout).
pub fn timeset(span: &Span) -> String {
    let start = span.start.as_ref().map(|d| d.earliest().to_string());
    let end = span.end.as_ref().map(|d| d.latest().to_string());
    if start.is_none() && end.is_none() {
        return String::new();
    }
    format!(
        "<[{}, {}]>",
        start.as_deref().unwrap_or("-Infinity"),
        end.as_deref().unwrap_or("Infinity")
    )
}

fn nodes_table(ex: &Export, flavour: CsvFlavour, safe: bool) -> Vec<u8> {
    let g = ex.graph;
    let node_rest: Vec<usize> = (0..NODE_FIELDS.len())
        .filter(|&j| !matches!(NODE_FIELDS[j].name, "id" | "kind" | "name"))
        .collect();
    let id = match flavour {
        CsvFlavour::Gephi => "Id",
        CsvFlavour::Kumu => "ID",
    };
    let mut header = vec![id.to_string(), "Label".into(), "Type".into()];
    header.extend(node_rest.iter().map(|&j| NODE_FIELDS[j].name.to_string()));
    let gephi = flavour == CsvFlavour::Gephi;
    if gephi {
        header.push("timeset".into());
    }
    let rows = ex.nodes.iter().map(|&i| {
        let n = g.node(i);
        let values = fields::flatten(n, NODE_FIELDS);
        let mut row = vec![n.id.clone(), n.name.clone(), n.kind.to_string()];
        row.extend(
            node_rest
                .iter()
                .map(|&j| values[j].clone().unwrap_or_default()),
        );
        if gephi {
            row.push(timeset(g.node_span(i)));
        }
        row
    });
    table(header, rows, safe)
}

/// The edges' header: the flavour's own columns, then the other relation
/// fields (`rest`) for the full view; Gephi's `Kind` and `timeset` last.
fn edges_header(flavour: CsvFlavour, directed: bool, rest: &[usize]) -> Vec<String> {
    let own: &[&str] = match flavour {
        CsvFlavour::Gephi => &["Source", "Target", "Type", "Id", "Label", "Weight"],
        CsvFlavour::Kumu => &["From", "To", "Label", "Type", "Direction", "Id", "Weight"],
    };
    let mut header: Vec<String> = own.iter().map(|s| s.to_string()).collect();
    if directed {
        header.extend(rest.iter().map(|&j| RELATION_FIELDS[j].name.to_string()));
    }
    if flavour == CsvFlavour::Gephi {
        header.extend(["Kind".to_string(), "timeset".to_string()]);
    }
    header
}

fn edges_table(ex: &Export, flavour: CsvFlavour, safe: bool) -> Vec<u8> {
    let g = ex.graph;
    let rest: Vec<usize> = (0..RELATION_FIELDS.len())
        .filter(|&j| !matches!(RELATION_FIELDS[j].name, "kind" | "from" | "to" | "weight"))
        .collect();
    let header = edges_header(flavour, ex.directed, &rest);
    // How many relations of each kind each pair has had so far: the second
    // `funds` from A to B is `funds 2` in Gephi's `Kind`, since Gephi merges
    // parallel edges of the same kind.
    let mut seen: rustc_hash::FxHashMap<(usize, usize, &str), u32> = Default::default();
    let rows = ex.edges.iter().enumerate().map(|(n, e)| {
        let rel = e.relation.map(|r| (r, g.relation(r)));
        let kind = rel.map_or("", |(_, rel)| rel.kind().as_str());
        let weight = rel
            .and_then(|(_, rel)| rel.weight())
            .or(e.weight)
            .map(|w| w.to_string())
            .unwrap_or_default();
        let (from, to) = (g.node(e.from).id.clone(), g.node(e.to).id.clone());
        let mut row = match flavour {
            CsvFlavour::Gephi => {
                let direction = if ex.directed {
                    "Directed"
                } else {
                    "Undirected"
                };
                vec![
                    from,
                    to,
                    direction.into(),
                    format!("e{n}"),
                    kind.into(),
                    weight,
                ]
            }
            CsvFlavour::Kumu => {
                let direction = if ex.directed {
                    "directed"
                } else {
                    "undirected"
                };
                let id = format!("e{n}");
                vec![
                    from,
                    to,
                    kind.into(),
                    kind.into(),
                    direction.into(),
                    id,
                    weight,
                ]
            }
        };
        if let Some((_, rel)) = rel {
            let values = fields::flatten(&rel, RELATION_FIELDS);
            row.extend(rest.iter().map(|&j| values[j].clone().unwrap_or_default()));
        }
        if flavour == CsvFlavour::Gephi {
            let count = seen.entry((e.from, e.to, kind)).or_insert(0);
            *count += 1;
            row.push(match *count {
                _ if kind.is_empty() => String::new(),
                1 => kind.to_string(),
                c => format!("{kind} {c}"),
            });
            let span = e.relation.map(|r| crate::view::effective_span(g, r));
            row.push(span.as_ref().map(timeset).unwrap_or_default());
        }
        row
    });
    table(header, rows, safe)
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
