//! Writing the SVG figures (`render -o`, `timeline -o`, `heatmap -o`): SVG
//! as drawn, PNG through `coopgraph::render::png` or PDF through
//! `coopgraph::render::pdf`, both with the system's fonts.

use super::{GlobalArgs, OutputArgs};
use coopgraph::Error;
use coopgraph::render::pdf;
use coopgraph::render::png::{self, fontdb};
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// PNG pixels per SVG unit: 2 gives 192 dpi, sharp on paper and on screens.
pub const PNG_SCALE: f32 = 2.0;

/// The format of a figure file, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureFormat {
    Svg,
    Png,
    Pdf,
}

impl OutputArgs {
    /// The figure format `-o` asks for (SVG for `-o -`, stdout); a usage
    /// error for any extension other than `.svg`, `.png` and `.pdf`.
    pub fn figure_format(&self) -> coopgraph::Result<Option<(&Path, FigureFormat)>> {
        let Some(path) = self.output.as_deref() else {
            return Ok(None);
        };
        if self.is_stdout() {
            return Ok(Some((path, FigureFormat::Svg)));
        }
        match self.extension().as_deref() {
            Some("svg") => Ok(Some((path, FigureFormat::Svg))),
            Some("png") => Ok(Some((path, FigureFormat::Png))),
            Some("pdf") => Ok(Some((path, FigureFormat::Pdf))),
            _ => Err(Error::Usage(format!(
                "{}: the figure is written as .svg, .png or .pdf; give one of these extensions",
                path.display()
            ))),
        }
    }
}

/// The system's fonts in a font database of type `$db`, loaded once. Text
/// asks for DejaVu Sans; the sans-serif fallback is DejaVu Sans when
/// installed. (resvg and svg2pdf depend on two versions of fontdb, so the
/// same loading is written for both types.)
macro_rules! system_fonts {
    ($db:ty) => {{
        static FONTS: OnceLock<Arc<$db>> = OnceLock::new();
        let db = FONTS.get_or_init(|| {
            let mut db = <$db>::new();
            db.load_system_fonts();
            let font = coopgraph::render::style::FONT;
            if db
                .faces()
                .any(|f| f.families.iter().any(|(n, _)| n == font))
            {
                db.set_sans_serif_family(font);
            }
            Arc::new(db)
        });
        if db.is_empty() {
            return Err(Error::Output(std::io::Error::other(NO_FONTS)));
        }
        Ok(Arc::clone(db))
    }};
}

/// The system's fonts for resvg (PNG).
fn fonts() -> coopgraph::Result<Arc<fontdb::Database>> {
    system_fonts!(fontdb::Database)
}

/// The system's fonts for svg2pdf, which has its own font database type.
fn pdf_fonts() -> coopgraph::Result<Arc<pdf::fontdb::Database>> {
    system_fonts!(pdf::fontdb::Database)
}

const NO_FONTS: &str = "no fonts found for the figure's text; install one (Debian: apt-get install \
     fonts-dejavu-core) or write .svg instead";

/// An SVG figure as PDF (svg2pdf, the system's fonts embedded).
pub fn pdf(svg: &str) -> coopgraph::Result<Vec<u8>> {
    pdf::from_svg(svg, &pdf_fonts()?)
}

/// An SVG figure as PNG (resvg, the system's fonts).
pub fn png(svg: &str) -> coopgraph::Result<Vec<u8>> {
    png::from_svg(svg, &fonts()?, PNG_SCALE)
}

/// Writes an SVG figure to `path`, as SVG or converted to PNG or PDF, atomically,
/// and says so on stderr (unless --quiet).
pub fn write(
    global: &GlobalArgs,
    out: &OutputArgs,
    path: &Path,
    format: FigureFormat,
    svg: &str,
) -> coopgraph::Result<()> {
    let (bytes, what) = match format {
        FigureFormat::Svg => (svg.as_bytes().to_vec(), "SVG"),
        FigureFormat::Png => (global.time("png", || self::png(svg))?, "PNG (resvg)"),
        FigureFormat::Pdf => (global.time("pdf", || self::pdf(svg))?, "PDF (svg2pdf)"),
    };
    global.write_output(path, out.force, &bytes)?;
    if !global.quiet && !out.is_stdout() {
        eprintln!("wrote {} ({what})", super::output::path(path));
    }
    Ok(())
}
