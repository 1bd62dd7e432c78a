//! Drawing a diagram: DOT text, or SVG laid out by Graphviz when it is
//! installed and by the built-in layout otherwise. (PNG is made from the SVG
//! by [`super::png`], whichever engine drew it, so that PNGs look the same as
//! the SVGs.)
//!
//! Graphviz runs through graphviz-rust's `exec_dot` (the `dot` program with
//! `-K` for the layout engine). Its SVG is given the figure's `<title>` and
//! `<desc>` right after the root element, so that every SVG coopgraph writes
//! has both. [`Drawn::engine`] says which engine drew the figure.

use super::builtin;
use super::diagram::Diagram;
use super::dot::{self, Engine};
use super::svg::esc;
use crate::error::{Error, Result};
use graphviz_rust::cmd::{CommandArg, Format, Layout};

/// What to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Dot,
    Svg,
}

/// Who lays the figure out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Renderer {
    /// Graphviz if `dot` runs, else the built-in layout.
    Auto,
    Graphviz,
    Builtin,
}

/// A drawn figure and the engine that drew it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drawn {
    pub bytes: Vec<u8>,
    /// `Graphviz 2.43.0 (neato)`, `built-in layout`, or `DOT text`.
    pub engine: String,
}

/// The version line of the installed Graphviz, if `dot -V` runs.
pub fn graphviz_version() -> Option<String> {
    let out = std::process::Command::new("dot").arg("-V").output().ok()?;
    if !out.status.success() {
        return None;
    }
    // `dot -V` prints `dot - graphviz version 2.43.0 (0)` on stderr.
    let text = String::from_utf8_lossy(&out.stderr).to_string();
    let version = text
        .split_whitespace()
        .skip_while(|w| *w != "version")
        .nth(1)
        .unwrap_or("")
        .to_string();
    Some(version)
}

/// Draws `d` as `format`, laid out with `engine` by `renderer`.
pub fn draw(
    d: &Diagram,
    format: OutputFormat,
    engine: Engine,
    renderer: Renderer,
) -> Result<Drawn> {
    if format == OutputFormat::Dot {
        return Ok(Drawn {
            bytes: dot::to_string(d, engine).into_bytes(),
            engine: "DOT text".into(),
        });
    }
    let graphviz = match renderer {
        Renderer::Builtin => None,
        Renderer::Auto => graphviz_version(),
        Renderer::Graphviz => Some(graphviz_version().ok_or_else(|| {
            Error::Usage(
                "Graphviz is not installed (`dot -V` did not run); install it \
                 (apt-get install graphviz) or use --engine builtin"
                    .into(),
            )
        })?),
    };
    match graphviz {
        Some(version) => {
            let layout = match engine {
                Engine::Dot => Layout::Dot,
                Engine::Neato => Layout::Neato,
                Engine::Fdp => Layout::Fdp,
                Engine::Sfdp => Layout::Sfdp,
            };
            let args = vec![CommandArg::Layout(layout), CommandArg::Format(Format::Svg)];
            let out = graphviz_rust::exec_dot(dot::to_string(d, engine), args)
                .map_err(|e| Error::Usage(format!("Graphviz ({}) failed: {e}", engine.as_str())))?;
            let bytes = with_title_and_desc(&String::from_utf8_lossy(&out), &d.title, &d.caption)
                .into_bytes();
            Ok(Drawn {
                bytes,
                engine: format!("Graphviz {version} ({})", engine.as_str()),
            })
        }
        None => Ok(Drawn {
            bytes: builtin::svg(d)?.into_bytes(),
            engine: "built-in layout".into(),
        }),
    }
}

/// Inserts `<title>` and `<desc>` as the first children of the root `<svg>`
/// element of a Graphviz SVG.
fn with_title_and_desc(svg: &str, title: &str, desc: &str) -> String {
    let Some(start) = svg.find("<svg") else {
        return svg.to_string();
    };
    let Some(end) = svg[start..].find('>').map(|e| start + e + 1) else {
        return svg.to_string();
    };
    format!(
        "{}\n<title>{}</title>\n<desc>{}</desc>{}",
        &svg[..end],
        esc(title),
        esc(desc),
        &svg[end..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_and_desc_go_right_after_the_root_element() {
        let svg = "<?xml version=\"1.0\"?>\n<svg width=\"1\">\n<g></g>\n</svg>\n";
        let out = with_title_and_desc(svg, "A & B", "<c>");
        assert_eq!(
            out,
            "<?xml version=\"1.0\"?>\n<svg width=\"1\">\n<title>A &amp; B</title>\n<desc>&lt;c&gt;</desc>\n<g></g>\n</svg>\n"
        );
    }
}
