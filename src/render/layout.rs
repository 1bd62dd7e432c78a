//! Drawing a diagram: DOT text, or SVG laid out by Graphviz when it is
//! installed and by the built-in layout otherwise. (PNG is made from the SVG
//! by [`super::png`], whichever engine drew it, so that PNGs look the same as
//! the SVGs.)
//!
//! Graphviz runs as `dot -K<engine> -Tsvg`, the DOT piped to its stdin (no
//! temporary file; graphviz-rust's `exec_dot` writes one, which a library
//! must not). When it fails in `Auto` mode, the built-in layout draws the
//! figure instead and [`Drawn::engine`] says why. Its SVG is given the figure's `<title>` and
//! `<desc>` right after the root element, so that every SVG coopgraph writes
//! has both. [`Drawn::engine`] says which engine drew the figure.

use super::builtin;
use super::diagram::Diagram;
use super::dot;
use super::engine::Engine;
use super::svg::esc;
use crate::error::{Error, Result};

/// What to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Dot,
    Svg,
}

/// Who lays the figure out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Renderer {
    /// Graphviz if `dot` runs, else the built-in layout.
    Auto,
    /// Graphviz, which must be installed.
    Graphviz,
    /// The built-in layout (no Graphviz needed).
    Builtin,
}

/// A drawn figure and the engine that drew it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drawn {
    pub bytes: Vec<u8>,
    /// `Graphviz 2.43.0 (neato)`, `built-in layout`, or `DOT text`.
    pub engine: String,
}

/// The version of the installed Graphviz, if `dot -V` runs. Asked once per
/// process: a report draws many figures.
pub fn graphviz_version() -> Option<String> {
    static VERSION: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    VERSION
        .get_or_init(|| {
            let out = std::process::Command::new("dot").arg("-V").output().ok()?;
            if !out.status.success() {
                return None;
            }
            // `dot -V` prints `dot - graphviz version 2.43.0 (0)` on stderr.
            let text = String::from_utf8_lossy(&out.stderr).to_string();
            let version = text
                .split_whitespace()
                .skip_while(|w| *w != "version")
                .nth(1);
            Some(version.unwrap_or("").to_string())
        })
        .clone()
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
        Renderer::Graphviz => Some(graphviz_version().ok_or(Error::NoGraphviz)?),
    };
    let builtin = |why: Option<String>| -> Result<Drawn> {
        Ok(Drawn {
            bytes: builtin::svg(d)?.into_bytes(),
            engine: match why {
                None => "built-in layout".into(),
                Some(why) => format!("built-in layout ({why})"),
            },
        })
    };
    let Some(version) = graphviz else {
        return builtin(None);
    };
    match run_graphviz(&dot::to_string(d, engine), engine) {
        Ok(out) => Ok(Drawn {
            bytes: with_title_and_desc(&String::from_utf8_lossy(&out), &d.title, &d.caption)
                .into_bytes(),
            engine: format!("Graphviz {version} ({})", engine.as_str()),
        }),
        Err(e) if renderer == Renderer::Auto => builtin(Some(format!("Graphviz failed: {e}"))),
        Err(e) => Err(Error::Output(std::io::Error::other(format!(
            "Graphviz ({}) failed: {e}",
            engine.as_str()
        )))),
    }
}

/// Runs `dot -K<engine> -Tsvg` with the DOT text on stdin and returns its
/// stdout. No temporary file: the DOT goes through a pipe.
fn run_graphviz(dot: &str, engine: Engine) -> std::io::Result<Vec<u8>> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("dot")
        .arg(format!("-K{}", engine.as_str()))
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    // Write on a thread so that a large graph cannot deadlock on full pipes.
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| std::io::Error::other("no stdin"))?;
    let text = dot.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(text.as_bytes()));
    let out = child.wait_with_output()?;
    writer
        .join()
        .map_err(|_| std::io::Error::other("writing to dot panicked"))??;
    if !out.status.success() {
        let msg = String::from_utf8_lossy(&out.stderr).trim().to_string();
        return Err(std::io::Error::other(if msg.is_empty() {
            format!("exit status {}", out.status)
        } else {
            msg
        }));
    }
    Ok(out.stdout)
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
