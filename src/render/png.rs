//! PNG from SVG, in pure Rust (resvg), so that every figure can be a PNG on a
//! machine without Graphviz or a browser.
//!
//! The fonts are the caller's: this module reads no files. The CLI loads the
//! system's fonts once (`fontdb::Database::load_system_fonts`) and passes
//! them in; a library user can load a font file of their choice instead.
//! Text asks for [`super::style::FONT`], and falls back to whichever
//! sans-serif the database names.
//!
//! ```
//! use coopgraph::render::{png, svg::Svg};
//! let svg = Svg::new(40.0, 20.0, "A square", "A blue square").finish();
//! let fonts = std::sync::Arc::new(png::fontdb::Database::new());
//! let bytes = png::from_svg(&svg, &fonts, 2.0).unwrap();
//! assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
//! ```

use super::style::FONT;
use crate::{Error, Result};
use resvg::{tiny_skia, usvg};
use std::sync::Arc;

pub use resvg::usvg::fontdb;

/// The largest PNG drawn, in pixels (width × height): 400 megapixels would
/// take 1.6 GB of memory.
pub const MAX_PIXELS: u64 = 100_000_000;

/// Renders an SVG document at `scale` (2.0 gives 192 dpi for a 96 dpi SVG)
/// and encodes it as PNG. The same document, fonts and scale always give the
/// same bytes.
///
/// Fails with [`Error::Output`] if the document does not parse or the image
/// would exceed [`MAX_PIXELS`].
pub fn from_svg(svg: &str, fonts: &Arc<fontdb::Database>, scale: f32) -> Result<Vec<u8>> {
    let fail = |msg: String| Error::Output(std::io::Error::other(msg));
    let opt = usvg::Options {
        font_family: FONT.to_string(),
        fontdb: Arc::clone(fonts),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &opt).map_err(|e| fail(format!("SVG for PNG: {e}")))?;
    let size = tree.size().to_int_size().scale_by(scale);
    let (w, h) = size.map_or((0, 0), |s| (s.width(), s.height()));
    if w == 0 || h == 0 || u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(fail(format!(
            "a {w}×{h} pixel PNG is too large (at most {MAX_PIXELS} pixels); \
             write SVG instead, or select fewer nodes"
        )));
    }
    let mut pixmap = tiny_skia::Pixmap::new(w, h)
        .ok_or_else(|| fail(format!("cannot allocate a {w}×{h} pixel image")))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| fail(format!("PNG encoding: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::svg::Svg;

    fn fonts() -> Arc<fontdb::Database> {
        Arc::new(fontdb::Database::new())
    }

    #[test]
    fn scale_sets_the_pixel_size() {
        let svg = Svg::new(30.0, 10.0, "t", "d").finish();
        let png = from_svg(&svg, &fonts(), 2.0).unwrap();
        // IHDR: width and height as big-endian u32 at bytes 16..24.
        assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 60);
        assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), 20);
    }

    #[test]
    fn broken_or_huge_documents_are_errors_not_panics() {
        assert!(from_svg("<svg", &fonts(), 1.0).is_err());
        let huge = Svg::new(100_000.0, 100_000.0, "t", "d").finish();
        assert!(from_svg(&huge, &fonts(), 1.0).is_err());
    }
}
