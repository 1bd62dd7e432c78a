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
    /// // A long XML head cut inside a character is no problem.
    /// let head = format!("<{}", "é".repeat(40_000));
    /// assert_eq!(Format::detect("x", &head), Format::GraphMl);
    /// ```
    pub fn detect(name: &str, text: &str) -> Format {
        let lower = name.to_ascii_lowercase();
        let ext = Path::new(&lower)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("");
        match ext {
            "csv" => return Format::Csv,
            "graphml" => return Format::GraphMl,
            "gexf" => return Format::Gexf,
            "ftm" | "jsonl" | "ndjson" => return Format::Ftm,
            _ if lower.ends_with(".ftm.json") => return Format::Ftm,
            _ => {}
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let head = text.trim_start();
        if head.starts_with('<') {
            // The root element: the first tag that is not a declaration,
            // comment or processing instruction.
            let mut cut = head.len().min(1 << 16);
            while !head.is_char_boundary(cut) {
                cut -= 1;
            }
            let window = &head[..cut];
            let root = window
                .match_indices('<')
                .map(|(i, _)| &window[i + 1..])
                .find(|t| !t.starts_with(['?', '!']));
            return match root {
                Some(t) if t.starts_with("gexf") => Format::Gexf,
                _ => Format::GraphMl,
            };
        }
        // Only a short first line is probed: a dataset written on one line
        // would otherwise be parsed twice.
        let first = head.lines().next().unwrap_or("");
        if first.len() < 1 << 20 && is_ftm_line(first) {
            return Format::Ftm;
        }
        Format::Json
    }
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
