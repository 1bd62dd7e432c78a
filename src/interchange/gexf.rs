//! GEXF 1.3 in dynamic mode, for Gephi's timeline.
//!
//! Each node and edge has a spell from its start to its end (dates as
//! `yyyy-mm-dd`, `timeformat="date"`): a partial date counts from the first
//! day it covers to the last, so `2017` runs from 2017-01-01 to
//! 2017-12-31. An edge without dates of its own takes its project's or
//! network's (as `--from/--to` do); a node or edge with no known dates has
//! no spell and exists throughout. Nodes are coloured by kind with the
//! figures' palette (`viz:color`); edge `kind` (GEXF 1.3's multigraph
//! attribute) is the relation kind, so parallel relations stay apart. Every
//! field is also an attribute, named as in the data model, compound fields
//! as JSON text. GEXF has no graph attributes, so the sources the records
//! cite are written in `<meta><description>` after the words
//! `coopgraph sources:`, as a JSON list.

use super::{Export, xml_attr};
use crate::date::Day;
use crate::date::Span;
use crate::import::fields::{self, Field, NODE_FIELDS, RELATION_FIELDS};
use crate::render::style::node_style;
use quick_xml::Writer;
use quick_xml::events::BytesText;
use std::io;

fn node_fields() -> impl Iterator<Item = (usize, &'static Field)> {
    NODE_FIELDS
        .iter()
        .enumerate()
        .filter(|(_, f)| !matches!(f.name, "id" | "name"))
}

fn relation_fields() -> impl Iterator<Item = (usize, &'static Field)> {
    RELATION_FIELDS
        .iter()
        .enumerate()
        .filter(|(_, f)| !matches!(f.name, "from" | "to" | "weight"))
}

/// The first and last day of a span, where known.
fn spell(span: &Span) -> (Option<Day>, Option<Day>) {
    (
        span.start.as_ref().map(|d| d.earliest()),
        span.end.as_ref().map(|d| d.latest()),
    )
}

/// `#RRGGBB` as three decimal components.
fn rgb(hex: &str) -> [String; 3] {
    let h = hex.trim_start_matches('#');
    let c = |i: usize| {
        h.get(i..i + 2)
            .and_then(|s| u8::from_str_radix(s, 16).ok())
            .unwrap_or(0)
            .to_string()
    };
    [c(0), c(2), c(4)]
}

/// How the `<meta><description>` of coopgraph's GEXF starts: the rest is
/// the dataset's sources as a JSON list.
pub const SOURCES_PREFIX: &str = "coopgraph sources: ";

/// The export as a GEXF 1.3 document.
pub fn write(ex: &Export) -> Vec<u8> {
    super::xml_document(|w| write_doc(w, ex))
}

fn write_doc(w: &mut Writer<Vec<u8>>, ex: &Export) -> io::Result<()> {
    w.create_element("gexf")
        .with_attributes([
            ("xmlns", "http://gexf.net/1.3"),
            ("xmlns:viz", "http://gexf.net/1.3/viz"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
            ),
            ("version", "1.3"),
        ])
        .write_inner_content(|w| {
            w.create_element("meta").write_inner_content(|w| {
                w.create_element("creator")
                    .write_text_content(BytesText::new("coopgraph"))?;
                if ex.directed {
                    // GEXF has no graph attributes: the sources that the
                    // records cite ride in the description, as JSON.
                    let sources = serde_json::to_string(&ex.graph.data.sources).unwrap_or_default();
                    let text = format!("{SOURCES_PREFIX}{sources}");
                    w.create_element("description")
                        .write_text_content(BytesText::from_escaped(super::xml_escape(
                            &text, false,
                        )))?;
                }
                Ok(())
            })?;
            let edgetype = if ex.directed {
                "directed"
            } else {
                "undirected"
            };
            w.create_element("graph")
                .with_attributes([
                    ("mode", "dynamic"),
                    ("defaultedgetype", edgetype),
                    ("timeformat", "date"),
                    ("timerepresentation", "interval"),
                ])
                .write_inner_content(|w| {
                    attributes(w, "node", node_fields())?;
                    if ex.directed {
                        attributes(w, "edge", relation_fields())?;
                    }
                    w.create_element("nodes").write_inner_content(|w| {
                        for &i in &ex.nodes {
                            node(w, ex, i)?;
                        }
                        Ok(())
                    })?;
                    w.create_element("edges").write_inner_content(|w| {
                        for (n, e) in ex.edges.iter().enumerate() {
                            edge(w, ex, n, e)?;
                        }
                        Ok(())
                    })?;
                    Ok(())
                })?;
            Ok(())
        })?;
    Ok(())
}

fn attributes<'f>(
    w: &mut Writer<Vec<u8>>,
    class: &str,
    fields: impl Iterator<Item = (usize, &'f Field)>,
) -> io::Result<()> {
    let fields: Vec<_> = fields.collect();
    w.create_element("attributes")
        .with_attribute(("class", class))
        .write_inner_content(|w| {
            for (_, f) in &fields {
                w.create_element("attribute")
                    .with_attributes([("id", f.name), ("title", f.name), ("type", f.ty.xml_type())])
                    .write_empty()?;
            }
            Ok(())
        })?;
    Ok(())
}

fn attvalues<'f>(
    w: &mut Writer<Vec<u8>>,
    values: &[Option<String>],
    fields: impl Iterator<Item = (usize, &'f Field)>,
) -> io::Result<()> {
    let present: Vec<_> = fields
        .filter_map(|(j, f)| values[j].as_ref().map(|v| (f.name, v)))
        .collect();
    if present.is_empty() {
        return Ok(());
    }
    w.create_element("attvalues").write_inner_content(|w| {
        for (name, v) in &present {
            w.create_element("attvalue")
                .with_attribute(("for", *name))
                .with_attribute(xml_attr("value", v))
                .write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}

fn spells(w: &mut Writer<Vec<u8>>, span: &Span) -> io::Result<()> {
    let (start, end) = spell(span);
    if start.is_none() && end.is_none() {
        return Ok(());
    }
    w.create_element("spells").write_inner_content(|w| {
        let mut el = w.create_element("spell");
        if let Some(s) = start {
            el = el.with_attribute(("start", s.to_string().as_str()));
        }
        if let Some(e) = end {
            el = el.with_attribute(("end", e.to_string().as_str()));
        }
        el.write_empty()?;
        Ok(())
    })?;
    Ok(())
}

fn node(w: &mut Writer<Vec<u8>>, ex: &Export, i: usize) -> io::Result<()> {
    let g = ex.graph;
    let n = g.node(i);
    let values = fields::flatten(n, NODE_FIELDS);
    let [r, gr, b] = rgb(node_style(n.kind).fill);
    w.create_element("node")
        .with_attribute(xml_attr("id", &n.id))
        .with_attribute(xml_attr("label", &n.name))
        .write_inner_content(|w| {
            attvalues(w, &values, node_fields())?;
            spells(w, g.node_span(i))?;
            w.create_element("viz:color")
                .with_attributes([("r", r.as_str()), ("g", gr.as_str()), ("b", b.as_str())])
                .write_empty()?;
            Ok(())
        })?;
    Ok(())
}

fn edge(w: &mut Writer<Vec<u8>>, ex: &Export, n: usize, e: &super::Edge) -> io::Result<()> {
    let g = ex.graph;
    let mut el = w
        .create_element("edge")
        .with_attribute(xml_attr("id", &format!("e{n}")))
        .with_attribute(xml_attr("source", &g.node(e.from).id))
        .with_attribute(xml_attr("target", &g.node(e.to).id));
    let rel = e.relation.map(|r| (r, g.relation(r)));
    if let Some((_, rel)) = rel {
        el = el
            .with_attribute(("kind", rel.kind().as_str()))
            .with_attribute(("label", rel.kind().as_str()));
    }
    let weight = e.weight.or(rel.and_then(|(_, r)| r.weight()));
    if let Some(wt) = weight {
        el = el.with_attribute(("weight", wt.to_string().as_str()));
    }
    match rel {
        None => {
            el.write_empty()?;
        }
        Some((r, rel)) => {
            let values = fields::flatten(&rel, RELATION_FIELDS);
            el.write_inner_content(|w| {
                attvalues(w, &values, relation_fields())?;
                spells(w, &crate::view::effective_span(g, r))
            })?;
        }
    }
    Ok(())
}

pub use crate::import::gexf::read;

#[cfg(test)]
mod tests {
    #[test]
    fn rgb_reads_hex_colours() {
        assert_eq!(super::rgb("#E69F00"), ["230", "159", "0"]);
    }
}
