//! Interchange with analysts' tools: the graph of a [`View`] written in the
//! formats Gephi, NetworkX, yEd, igraph, Kumu, Aleph and Neo4j read, and
//! their files read back as datasets.
//!
//! | format | module | export | import |
//! |---|---|---|---|
//! | GraphML | [`graphml`] | typed keys for every field | yes |
//! | GEXF 1.3, dynamic | [`gexf`] | spells from the dates, colours by kind | yes |
//! | CSV folder (Gephi, Kumu) | [`csv`] | `nodes.csv`, `edges.csv`, `sources.csv` | yes |
//! | node-link JSON (NetworkX) | [`nodelink`] | `node_link_graph` reads it | yes |
//! | FollowTheMoney JSON lines | [`ftm`] | entities with dates and sources | yes |
//! | Neo4j CSV | [`neo4j`] | `neo4j-admin database import` headers | no |
//!
//! Every export of the full view keeps every field of every node and
//! relation: where a format has no native form for a compound field
//! (aliases, alternative dates, declared members, amount, sources), the
//! field is compact JSON text (see [`crate::import::fields`]). Importing an
//! export of the full view gives back the same dataset file. The actors
//! projection ([`Export::actors`]) is an undirected weighted graph of actors
//! only; it is for analysis in other tools and cannot round-trip as a dataset.
//!
//! Importers go through [`crate::import::Builder`], the one place that turns
//! foreign rows into records, so the rules for ids, kinds and sources are the
//! same for `--data` and `coopgraph import`.

pub mod csv;
pub mod ftm;
pub mod gexf;
pub mod graphml;
pub mod neo4j;
pub mod nodelink;

use crate::graph::CoopGraph;
use crate::model::NodeKind;
use crate::network::{Network, ViewKind, WeightBy};
use crate::view::View;
use std::borrow::Cow;

/// The graph an export writes: the nodes and relations of a view, or the
/// actors projection of one.
#[derive(Debug, Clone)]
pub struct Export<'g> {
    pub graph: &'g CoopGraph,
    /// Dataset indices of the nodes, in dataset order.
    pub nodes: Vec<usize>,
    pub edges: Vec<Edge>,
    /// True for the full view (relations are directed), false for the
    /// undirected actors projection.
    pub directed: bool,
}

/// One edge of an [`Export`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edge {
    /// Dataset indices of the ends.
    pub from: usize,
    pub to: usize,
    /// The relation, for the full view.
    pub relation: Option<usize>,
    /// The tie weight, for the actors projection.
    pub weight: Option<f64>,
}

impl<'g> Export<'g> {
    /// Every node and relation of the view, in dataset order.
    ///
    /// ```
    /// use coopgraph::{graph::CoopGraph, view::View, interchange::Export};
    /// let g = CoopGraph::embedded().unwrap();
    /// let ex = Export::full(&View::full(&g));
    /// assert_eq!(ex.nodes.len(), g.data.nodes.len());
    /// assert_eq!(ex.edges.len(), g.relation_count());
    /// ```
    pub fn full(view: &View<'g>) -> Export<'g> {
        let g = view.graph;
        let edges = view
            .relation_indices()
            .filter_map(|r| {
                let rel = g.relation(r);
                Some(Edge {
                    from: g.index_of(rel.from())?,
                    to: g.index_of(rel.to())?,
                    relation: Some(r),
                    weight: None,
                })
            })
            .collect();
        Export {
            graph: g,
            nodes: view.node_indices().collect(),
            edges,
            directed: true,
        }
    }

    /// The actors projection of the view ([`Network::of_view`]), keeping
    /// actors of `kinds` (all if empty): undirected ties weighted by `weight`.
    pub fn actors(view: &View<'g>, weight: WeightBy, kinds: &[NodeKind]) -> Export<'g> {
        let net = Network::of_view(view, ViewKind::Actors, weight, kinds);
        let mut nodes = net.nodes.clone();
        nodes.sort_unstable();
        let edges = net
            .edges()
            .map(|(u, v, w)| {
                let (a, b) = (net.nodes[u], net.nodes[v]);
                Edge {
                    from: a.min(b),
                    to: a.max(b),
                    relation: None,
                    weight: Some(w),
                }
            })
            .collect::<Vec<_>>();
        let mut edges = edges;
        edges.sort_by_key(|e| (e.from, e.to));
        Export {
            graph: view.graph,
            nodes,
            edges,
            directed: false,
        }
    }
}

/// The formats `coopgraph export` writes (`dot` is rendering's), in the
/// order of the documentation.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::VariantArray, strum::EnumString,
)]
#[strum(serialize_all = "lowercase", ascii_case_insensitive)]
pub enum Format {
    Graphml,
    Gexf,
    Csv,
    Json,
    Ftm,
    Neo4j,
}

impl Format {
    /// Every format.
    pub const ALL: &'static [Format] = <Format as strum::VariantArray>::VARIANTS;

    /// The format's name, as `coopgraph export` takes it.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The format a name stands for.
    ///
    /// ```
    /// use coopgraph::interchange::Format;
    /// assert_eq!(Format::parse("GraphML"), Some(Format::Graphml));
    /// assert_eq!(Format::parse("2020"), None);
    /// ```
    pub fn parse(name: &str) -> Option<Format> {
        name.trim().parse().ok()
    }

    /// Whether the format is a folder of files rather than one file.
    pub fn is_folder(self) -> bool {
        matches!(self, Format::Csv | Format::Neo4j)
    }
}

/// One output file: its name inside the output folder for folder formats
/// (`None` for single-file formats), and its bytes.
pub type OutputFile = (Option<&'static str>, Vec<u8>);

/// How to write an export, beyond its format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// For the CSV folder ([`Format::Csv`]): write every cell a spreadsheet
    /// program would run as a formula with a leading `'`
    /// ([`csv::spreadsheet_safe`]), for opening the files in one. The names
    /// then no longer import back exactly. Such files also start with a
    /// byte-order mark, as [`ExportOptions::bom`] says. Other formats
    /// ignore it.
    pub spreadsheet_safe: bool,
    /// For the CSV folder: start every file with a UTF-8 byte-order mark, so
    /// that Excel reads the files as UTF-8 (`å`, `ä`, `ö` rather than
    /// `Ã¥`…). Gephi reads the mark as part of the first column's name, so
    /// it is not written by default.
    pub bom: bool,
    /// For the CSV folder: the layout of the tool it is for.
    pub flavour: CsvFlavour,
    /// For node-link JSON ([`Format::Json`]): write the edges under `links`
    /// as well as `edges`, so that NetworkX before 3.6 reads the file with
    /// its default arguments too (see [`nodelink`]).
    pub links: bool,
}

impl ExportOptions {
    /// Whether the CSV files start with a byte-order mark: asked for, or
    /// the spreadsheet-safe files, which are for spreadsheet programs.
    pub fn csv_bom(&self) -> bool {
        self.bom || self.spreadsheet_safe
    }
}

/// The layout of the CSV folder ([`csv`]): the columns each tool reads by
/// name. `coopgraph import` reads both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, strum::IntoStaticStr, strum::VariantArray)]
#[strum(serialize_all = "lowercase")]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum CsvFlavour {
    /// Gephi's spreadsheet import: `Id`, `Label`, `Type` nodes; `Source`,
    /// `Target`, `Type` (direction), `Id`, `Label`, `Weight` edges, with a
    /// `Kind` that keeps parallel edges apart and a `timeset` interval.
    #[default]
    Gephi,
    /// Kumu: `ID`, `Label`, `Type` elements; `From`, `To`, `Label`, `Type`
    /// (the relation kind) and `Direction` connections.
    Kumu,
}

/// Writes an export in `format`: one file, or the files of a folder.
/// Fails only for the FtM export of the actors projection, which has no
/// FtM form.
pub fn export(ex: &Export, format: Format) -> crate::Result<Vec<OutputFile>> {
    export_with(ex, format, &ExportOptions::default())
}

/// [`export`], as `opts` says.
pub fn export_with(
    ex: &Export,
    format: Format,
    opts: &ExportOptions,
) -> crate::Result<Vec<OutputFile>> {
    Ok(match format {
        Format::Graphml => vec![(None, graphml::write(ex))],
        Format::Gexf => vec![(None, gexf::write(ex))],
        Format::Json => vec![(None, nodelink::write_with(ex, opts.links))],
        Format::Ftm => vec![(None, ftm::write(ex)?)],
        Format::Csv => csv::write_with(ex, opts),
        Format::Neo4j => neo4j::write(ex),
    })
}

/// An XML document: the UTF-8 declaration, then what `body` writes,
/// indented by two spaces, and a final newline.
pub(crate) fn xml_document(
    body: impl FnOnce(&mut quick_xml::Writer<Vec<u8>>) -> std::io::Result<()>,
) -> Vec<u8> {
    use quick_xml::events::{BytesDecl, Event};
    let mut w = quick_xml::Writer::new_with_indent(Vec::new(), b' ', 2);
    // Writing to a Vec cannot fail.
    let _ = w
        .write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .and_then(|_| body(&mut w));
    let mut out = w.into_inner();
    out.push(b'\n');
    out
}

/// Escapes text for XML with the crate's one escaper
/// ([`crate::render::svg::escape`]): element content, or (`attribute`) an
/// attribute value.
pub(crate) fn xml_escape(value: &str, attribute: bool) -> String {
    use crate::render::svg::{Escape, escape};
    escape(
        value,
        if attribute {
            Escape::XmlAttribute
        } else {
            Escape::XmlText
        },
    )
}

/// An XML attribute whose value is escaped completely ([`xml_escape`]).
pub(crate) fn xml_attr<'a>(
    key: &'a str,
    value: &str,
) -> quick_xml::events::attributes::Attribute<'a> {
    quick_xml::events::attributes::Attribute {
        key: quick_xml::name::QName(key.as_bytes()),
        value: Cow::Owned(xml_escape(value, true).into_bytes()),
    }
}
