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

use super::{Export, OutputFile};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::import::fields::{self, NODE_FIELDS, RELATION_FIELDS, SOURCE_FIELDS};
use crate::import::{Builder, ImportOptions, Imported};
use std::path::Path;

/// The files of the folder, in the order they are read back.
pub const FILES: [&str; 3] = ["sources.csv", "nodes.csv", "edges.csv"];

fn table(header: Vec<String>, rows: Vec<Vec<String>>) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(&header);
    for row in rows {
        let _ = w.write_record(&row);
    }
    w.into_inner().unwrap_or_default()
}

/// The export as `sources.csv`, `nodes.csv` and `edges.csv`.
pub fn write(ex: &Export) -> Vec<OutputFile> {
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
