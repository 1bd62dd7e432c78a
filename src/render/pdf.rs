//! PDF from SVG, in pure Rust (svg2pdf), so that every figure can go into a
//! publication as vector graphics with its fonts embedded.
//!
//! As with [`super::png`], the fonts are the caller's: this module reads no
//! files. svg2pdf brings its own (older) `usvg` and `fontdb`, so the font
//! database is [`fontdb`] as re-exported here, not `png::fontdb`.
//!
//! The same document and fonts always give the same bytes: svg2pdf writes
//! no creation date and no random document id, and what it writes in a hash
//! map's (random) order, fonts and resource dictionaries, is written again
//! in one canonical order (lopdf) before it is returned.
//!
//! ```
//! use coopgraph::render::{pdf, svg::Svg};
//! let svg = Svg::new(40.0, 20.0, "A square", "A blue square").finish();
//! let fonts = std::sync::Arc::new(pdf::fontdb::Database::new());
//! let bytes = pdf::from_svg(&svg, &fonts).unwrap();
//! assert!(bytes.starts_with(b"%PDF-"));
//! ```

use super::style::FONT;
use crate::{Error, Result};
use std::sync::Arc;
use svg2pdf::usvg;

pub use svg2pdf::usvg::fontdb;

/// Converts an SVG document into a one-page PDF of the same size (96 SVG
/// units to the inch), text embedded as subset fonts.
///
/// Fails with [`Error::Output`] if the document does not parse or cannot
/// be converted.
pub fn from_svg(svg: &str, fonts: &Arc<fontdb::Database>) -> Result<Vec<u8>> {
    let fail = |msg: String| Error::Output(std::io::Error::other(msg));
    let opt = usvg::Options {
        font_family: FONT.to_string(),
        fontdb: Arc::clone(fonts),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &opt).map_err(|e| fail(format!("SVG for PDF: {e}")))?;
    let pdf = svg2pdf::to_pdf(
        &tree,
        svg2pdf::ConversionOptions::default(),
        svg2pdf::PageOptions::default(),
    )
    .map_err(|e| fail(format!("PDF conversion: {e}")))?;
    canonical(&pdf).map_err(|e| fail(format!("PDF conversion: {e}")))
}

/// Writes `pdf` again in one canonical form: objects numbered in the order
/// a walk from the trailer meets them (dictionary keys in sorted order), and
/// every dictionary's keys sorted. svg2pdf 0.13 writes its fonts and the
/// entries of its resource dictionaries in the order of a `HashMap`,
/// different on every run; the objects themselves are the same, so this
/// gives the same bytes every time. Streams are copied as they are.
fn canonical(pdf: &[u8]) -> std::result::Result<Vec<u8>, lopdf::Error> {
    use lopdf::{Dictionary, Object, ObjectId};
    use std::collections::BTreeMap;
    let mut doc = lopdf::Document::load_mem(pdf)?;
    // Number the objects in the order of a walk from the trailer.
    let mut order: BTreeMap<ObjectId, ObjectId> = BTreeMap::new();
    let mut stack: Vec<&Object> = vec![];
    let trailer = Object::Dictionary(doc.trailer.clone());
    stack.push(&trailer);
    let mut found: Vec<ObjectId> = Vec::new();
    // Depth first, children pushed in reverse so that they are met in order.
    while let Some(o) = stack.pop() {
        let children: Vec<&Object> = match o {
            Object::Reference(id) => {
                if order.contains_key(id) {
                    continue;
                }
                let next = (order.len() as u32 + 1, 0);
                order.insert(*id, next);
                found.push(*id);
                doc.objects.get(id).into_iter().collect()
            }
            Object::Array(a) => a.iter().collect(),
            Object::Dictionary(d) => sorted(d).into_iter().map(|(_, v)| v).collect(),
            Object::Stream(s) => sorted(&s.dict).into_iter().map(|(_, v)| v).collect(),
            _ => Vec::new(),
        };
        stack.extend(children.into_iter().rev());
    }
    fn sorted(d: &Dictionary) -> Vec<(&Vec<u8>, &Object)> {
        let mut v: Vec<_> = d.iter().collect();
        v.sort_by(|a, b| a.0.cmp(b.0));
        v
    }
    fn renumber(o: &Object, order: &BTreeMap<ObjectId, ObjectId>) -> Object {
        let dict = |d: &Dictionary| {
            let mut out = Dictionary::new();
            for (k, v) in sorted(d) {
                out.set(k.clone(), renumber(v, order));
            }
            out
        };
        match o {
            Object::Reference(id) => Object::Reference(order.get(id).copied().unwrap_or(*id)),
            Object::Array(a) => Object::Array(a.iter().map(|x| renumber(x, order)).collect()),
            Object::Dictionary(d) => Object::Dictionary(dict(d)),
            Object::Stream(s) => {
                let mut s = s.clone();
                s.dict = dict(&s.dict);
                Object::Stream(s)
            }
            other => other.clone(),
        }
    }
    let objects: BTreeMap<ObjectId, Object> = found
        .iter()
        .filter_map(|id| Some((order[id], renumber(doc.objects.get(id)?, &order))))
        .collect();
    let t = match renumber(&trailer, &order) {
        Object::Dictionary(t) => t,
        _ => Dictionary::new(),
    };
    doc.max_id = objects.len() as u32;
    doc.objects = objects;
    doc.trailer = t;
    let mut out = Vec::new();
    doc.save_to(&mut out)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::svg::Svg;

    #[test]
    fn broken_documents_are_errors_not_panics() {
        let fonts = Arc::new(fontdb::Database::new());
        assert!(from_svg("<svg", &fonts).is_err());
    }

    #[test]
    fn the_same_document_gives_the_same_bytes() {
        let fonts = Arc::new(fontdb::Database::new());
        let svg = Svg::new(30.0, 10.0, "t", "d").finish();
        assert_eq!(
            from_svg(&svg, &fonts).unwrap(),
            from_svg(&svg, &fonts).unwrap()
        );
    }
}
