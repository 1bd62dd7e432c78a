//! Which reader a file needs: [`Format::detect`], by extension and then by
//! content, for `--data` and `coopgraph import` alike.
//!
//! | format | extension | content |
//! |---|---|---|
//! | dataset JSON | `.json` | a JSON object (the default) |
//! | node-link JSON | `.json` | an object with `links`, `edges` or `directed` (tried when it fails as a dataset) |
//! | CSV (edges, nodes or sources) | `.csv` | — |
//! | GraphML | `.graphml` | root element `<graphml>` |
//! | GEXF | `.gexf` | root element `<gexf>` |
//! | FollowTheMoney JSON lines | `.ftm`, `.jsonl`, `.ndjson`, `.ftm.json` | a first line that is an entity (`schema` and `properties`) |
//! | IATI activity XML | — | root element `<iati-activities>` |
//!
//! A CSV file of another extension (`.txt`) is recognised by its header
//! (`source,target` or `id`). Anything else (XML with another root element,
//! plain text, binary files such as Parquet or Excel workbooks) is refused
//! by [`Format::recognise`] with its reason, and the readers report it as
//! [`unknown_format`], naming the formats read.

use std::path::Path;

/// A file format coopgraph reads (`import --from` takes the lower-case names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Format {
    /// Edge, node or source tables: a file, or a folder of them.
    Csv,
    /// GraphML (yEd, Gephi, NetworkX, igraph).
    #[cfg_attr(feature = "cli", value(name = "graphml"))]
    GraphMl,
    /// GEXF (Gephi).
    Gexf,
    /// A coopgraph dataset, or node-link JSON (told apart while reading).
    Json,
    /// FollowTheMoney entities, one JSON object a line.
    Ftm,
    /// IATI activity XML (`<iati-activities>`, versions 1.0x–2.03).
    Iati,
}

impl Format {
    /// The format of a file named `name` holding `text`: its extension if it
    /// names one, else what the text starts with.
    ///
    /// ```
    /// use coopgraph::format::Format;
    /// assert_eq!(Format::detect("g.GraphML", ""), Format::GraphMl);
    /// assert_eq!(Format::detect("export.xml", "<?xml version='1.0'?>\n<gexf version=\"1.3\">"), Format::Gexf);
    /// assert_eq!(Format::detect("entities.json", "{\"id\":\"x\",\"schema\":\"Person\",\"properties\":{}}\n"), Format::Ftm);
    /// assert_eq!(Format::detect("data.json", "{\n  \"nodes\": []\n}"), Format::Json);
    /// assert_eq!(Format::detect("sida.xml", "<?xml version=\"1.0\"?>\n<iati-activities version=\"2.03\">"), Format::Iati);
    /// // A long XML head cut inside a character is no problem.
    /// let head = format!("<{}", "é".repeat(40_000));
    /// assert_eq!(Format::detect("x", &head), Format::GraphMl);
    /// ```
    pub fn detect(name: &str, text: &str) -> Format {
        match Format::recognise(name, text) {
            Ok(format) => format,
            // The old guesses, for callers that want one: XML is GraphML,
            // anything else JSON.
            Err(_)
                if text
                    .trim_start_matches('\u{feff}')
                    .trim_start()
                    .starts_with('<') =>
            {
                Format::GraphMl
            }
            Err(_) => Format::Json,
        }
    }

    /// The format of a file named `name` holding `text`, as [`Format::detect`]
    /// finds it, or why it is none that coopgraph reads: XML whose root is
    /// neither `<graphml>`, `<gexf>` nor `<iati-activities>`, or text that is neither JSON, XML
    /// nor a CSV table with a header coopgraph knows (`source,target` or `id`).
    ///
    /// ```
    /// use coopgraph::format::Format;
    /// assert_eq!(Format::recognise("edges.txt", "Source;Target\na;b\n"), Ok(Format::Csv));
    /// assert!(Format::recognise("page.xml", "<html></html>").is_err());
    /// assert!(Format::recognise("notes.txt", "call the council").is_err());
    /// ```
    pub fn recognise(name: &str, text: &str) -> Result<Format, String> {
        let lower = name.to_ascii_lowercase();
        let ext = Path::new(&lower)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("");
        match ext {
            "csv" => return Ok(Format::Csv),
            "graphml" => return Ok(Format::GraphMl),
            "gexf" => return Ok(Format::Gexf),
            "ftm" | "jsonl" | "ndjson" => return Ok(Format::Ftm),
            _ if lower.ends_with(".ftm.json") => return Ok(Format::Ftm),
            _ => {}
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let head = text.trim_start();
        if head.starts_with('<') {
            return xml_root(head);
        }
        // Only a short first line is probed: a dataset written on one line
        // would otherwise be parsed twice.
        let first = head.lines().next().unwrap_or("");
        if first.len() < 1 << 20 && is_ftm_line(first) {
            return Ok(Format::Ftm);
        }
        if ext == "json" || head.starts_with(['{', '[']) {
            return Ok(Format::Json);
        }
        if is_csv_header(first) {
            return Ok(Format::Csv);
        }
        Err(if head.is_empty() {
            "the file is empty".into()
        } else {
            "it is neither JSON, XML nor a CSV table with a `source,target` or `id` header".into()
        })
    }

    /// Whether a file's name says it holds text of a format coopgraph reads
    /// (so that bytes that are not UTF-8 are an encoding problem rather than
    /// another format).
    pub fn text_extension(name: &str) -> bool {
        let lower = name.to_ascii_lowercase();
        let ext = Path::new(&lower)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("");
        matches!(
            ext,
            "csv"
                | "json"
                | "graphml"
                | "gexf"
                | "ftm"
                | "jsonl"
                | "ndjson"
                | "xml"
                | "tsv"
                | "txt"
        )
    }
}

/// The formats coopgraph reads, as messages name them.
pub const FORMATS_READ: &str = "dataset JSON, node-link JSON, CSV (edge, node or source tables), \
     GraphML, GEXF, FollowTheMoney JSON lines and IATI activity XML";

/// The diagnostic for a file of a format coopgraph does not read, with
/// the reason [`Format::recognise`] gave.
pub fn unknown_format(name: &str, why: &str) -> crate::diagnostic::Diagnostic {
    let loc = crate::diagnostic::Loc {
        file: std::sync::Arc::from(name),
        line: 1,
        column: 1,
    };
    crate::diagnostic::Diagnostic::error(
        "unknown-format",
        format!("not a format coopgraph reads: {why}"),
    )
    .at(Some(&loc))
    .help(format!(
        "coopgraph reads {FORMATS_READ}, recognised by extension or content \
         (docs/formats.md); `coopgraph import` turns such a file into a dataset"
    ))
}

/// The format of an XML text by its root element: the first tag that is
/// not a declaration, comment or processing instruction.
fn xml_root(head: &str) -> Result<Format, String> {
    let mut cut = head.len().min(1 << 16);
    while !head.is_char_boundary(cut) {
        cut -= 1;
    }
    let window = &head[..cut];
    let root = window
        .match_indices('<')
        .map(|(i, _)| &window[i + 1..])
        .find(|t| !t.starts_with(['?', '!']));
    let Some(tag) = root else {
        // A head longer than the window, all declarations and comments.
        return Ok(Format::GraphMl);
    };
    let name: String = tag
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, '>' | '/'))
        .take(40)
        .collect();
    // A namespace prefix (`<g:graphml>`) is not part of the name.
    match name.rsplit(':').next().unwrap_or("") {
        "graphml" => Ok(Format::GraphMl),
        "gexf" => Ok(Format::Gexf),
        "iati-activities" => Ok(Format::Iati),
        other => Err(format!(
            "its XML root element is <{other}>, not <graphml> (GraphML), <gexf> (GEXF) \
             or <iati-activities> (IATI)"
        )),
    }
}

/// Whether a first line is a CSV header that coopgraph reads: `source` and
/// `target`, or `id`, among its `,`- or `;`-separated cells.
fn is_csv_header(line: &str) -> bool {
    [',', ';'].iter().any(|&d| {
        let cells: Vec<String> = line
            .split(d)
            .map(|c| c.trim().trim_matches('"').to_ascii_lowercase())
            .collect();
        let has = |n: &str| cells.iter().any(|c| c == n);
        (has("source") && has("target")) || has("id")
    })
}

/// Whether a line is one FollowTheMoney entity.
fn is_ftm_line(line: &str) -> bool {
    #[derive(serde::Deserialize)]
    struct Entity {
        schema: Option<serde::de::IgnoredAny>,
        properties: Option<serde::de::IgnoredAny>,
    }
    serde_json::from_str::<Entity>(line).is_ok_and(|e| e.schema.is_some() && e.properties.is_some())
}
