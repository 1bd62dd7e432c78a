//! coopgraph: records of inter-agency cooperation as a typed, dated, sourced
//! graph, and the questions analysts ask of it.
//!
//! Layers, each depending only on those above it:
//!
//! 1. [`model`], [`date`]: the data model (serialised form) and partial dates;
//! 2. [`load`], [`import`], [`validate`], [`names`], [`diagnostic`]: reading
//!    datasets and other tools' graphs, checking them, resolving names;
//! 3. [`graph`], [`view`], [`network`]: the validated dataset as a petgraph
//!    graph, the selection applied to it, and the compact network metrics use;
//! 4. [`analysis`], [`metrics`]: answers (summary, node view, shared partners,
//!    timelines, paths…) and collaboration metrics, as serialisable values;
//! 5. [`render`], [`report`], [`interchange`], [`write`](mod@write), [`generate`]:
//!    figures, the one-command report, other tools' formats, atomic output
//!    files and synthetic datasets; [`terminal`]: text made safe to show on
//!    a terminal.
//!
//! The command-line interface (`src/main.rs`, `src/cli/`) only parses options
//! and prints what these layers return.
//!
//! ```
//! let g = coopgraph::graph::CoopGraph::embedded().unwrap();
//! let sma = g.resolve("migrationsverket").unwrap();
//! assert_eq!(g.node(sma).id, "swedish-migration-agency");
//! ```

pub mod analysis;
pub mod date;
pub mod diagnostic;
pub mod error;
pub mod format;
pub mod generate;
pub mod graph;
pub mod import;
pub mod interchange;
pub mod lang;
pub mod load;
pub mod metrics;
pub mod model;
pub mod names;
pub mod network;
pub mod par;
pub mod progress;
pub mod render;
pub mod report;
pub mod store;
pub mod terminal;
pub mod validate;
pub mod view;
pub mod words;
pub mod write;

pub use error::{Error, Result};

/// The examples of `docs/library.md`, compiled and run as doc tests so
/// that the page keeps to the API.
#[cfg(doctest)]
#[doc = include_str!("../docs/library.md")]
pub struct LibraryDocs;

/// `dev-en ¶9`: how one citation is written in text output.
pub fn cite_text(source: &str, para: Option<u32>) -> String {
    match para {
        Some(p) => format!("{source} ¶{p}"),
        None => source.to_string(),
    }
}

/// `dev-en ¶9, dev-sv ¶9`: a list of citations in text output.
pub fn format_sources(refs: &[model::SourceRef]) -> String {
    refs.iter()
        .map(|r| cite_text(&r.source, r.para))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The JSON Schema of a dataset file, as written to `data/schema.json`.
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(model::DatasetFile);
    let mut s = serde_json::to_string_pretty(&schema).expect("a schema serialises");
    s.push('\n');
    s
}
