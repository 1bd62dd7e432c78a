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
//!
//! Graphviz runs under a time limit ([`DEFAULT_GRAPHVIZ_TIMEOUT`], or the
//! one given to [`draw_within`]): past it, `dot` is killed and the drawing
//! fails with [`Error::GraphvizTimeout`] (in `Auto` mode, the built-in
//! layout draws the figure instead). On Linux, `dot` is also killed when
//! coopgraph dies, however it dies (`prctl(PR_SET_PDEATHSIG, SIGKILL)`), so
//! no layout keeps running after an interrupted command.

use super::builtin;
use super::diagram::Diagram;
use super::dot;
use super::engine::Engine;
use super::svg::esc;
use crate::error::{Error, Result};
use std::time::{Duration, Instant};

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

/// How long Graphviz may take to lay out one figure unless the caller says
/// otherwise: a minute (a 2,000-node `dot` layout takes a few seconds).
pub const DEFAULT_GRAPHVIZ_TIMEOUT: Duration = Duration::from_secs(60);

/// Draws `d` as `format`, laid out with `engine` by `renderer`, Graphviz
/// given [`DEFAULT_GRAPHVIZ_TIMEOUT`].
pub fn draw(
    d: &Diagram,
    format: OutputFormat,
    engine: Engine,
    renderer: Renderer,
) -> Result<Drawn> {
    draw_within(d, format, engine, renderer, DEFAULT_GRAPHVIZ_TIMEOUT)
}

/// As [`draw`], Graphviz given `timeout`: past it, `dot` is killed and
/// the result is [`Error::GraphvizTimeout`] (or, in `Auto` mode, the
/// built-in layout's figure, whose engine says why).
pub fn draw_within(
    d: &Diagram,
    format: OutputFormat,
    engine: Engine,
    renderer: Renderer,
    timeout: Duration,
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
    let seconds = timeout.as_secs();
    match run_graphviz(&dot::to_string(d, engine), engine, timeout) {
        Ok(out) => Ok(Drawn {
            bytes: with_title_and_desc(&String::from_utf8_lossy(&out), &d.title, &d.caption)
                .into_bytes(),
            engine: format!("Graphviz {version} ({})", engine.as_str()),
        }),
        Err(Failed::Timeout) if renderer == Renderer::Auto => builtin(Some(format!(
            "Graphviz did not finish within {seconds} s and was stopped"
        ))),
        Err(Failed::Timeout) => Err(Error::GraphvizTimeout { seconds }),
        Err(Failed::Io(e)) if renderer == Renderer::Auto => {
            builtin(Some(format!("Graphviz failed: {e}")))
        }
        Err(Failed::Io(e)) => Err(Error::Output(std::io::Error::other(format!(
            "Graphviz ({}) failed: {e}",
            engine.as_str()
        )))),
    }
}

/// Why Graphviz gave no drawing.
enum Failed {
    /// It ran past its time and was killed.
    Timeout,
    /// It could not be run, or failed (its message).
    Io(std::io::Error),
}

impl From<std::io::Error> for Failed {
    fn from(e: std::io::Error) -> Failed {
        Failed::Io(e)
    }
}

/// Runs `dot -K<engine> -Tsvg` with the DOT text on stdin and returns its
/// stdout. No temporary file: the DOT goes through a pipe. Past `timeout`
/// the process is killed; on Linux it is killed with coopgraph too.
fn run_graphviz(dot: &str, engine: Engine, timeout: Duration) -> Result<Vec<u8>, Failed> {
    use std::io::{Read, Write};
    use std::process::{Command, Stdio};
    let mut command = Command::new("dot");
    command
        .arg(format!("-K{}", engine.as_str()))
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    die_with_parent(&mut command);
    let mut child = command.spawn()?;
    let started = Instant::now();
    // Write and read on threads, so that a large graph cannot deadlock on
    // full pipes while this thread watches the clock.
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| std::io::Error::other("no stdin"))?;
    let text = dot.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(text.as_bytes()));
    // Each pipe is read to its end on a thread; the end of stdout (dot is
    // done, or died) is signalled, so that this thread waits for it, not
    // for a polling interval.
    let (ended, stdout_ended) = std::sync::mpsc::channel::<()>();
    let drain = |pipe: Option<Box<dyn Read + Send>>, ended: Option<std::sync::mpsc::Sender<()>>| {
        std::thread::spawn(move || {
            let mut out = Vec::new();
            let read = match pipe {
                Some(mut p) => p.read_to_end(&mut out).map(|_| out),
                None => Ok(out),
            };
            if let Some(ended) = ended {
                let _ = ended.send(());
            }
            read
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
        Some(ended),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
        None,
    );
    let left = |started: Instant| timeout.saturating_sub(started.elapsed());
    let timed_out = matches!(
        stdout_ended.recv_timeout(left(started)),
        Err(std::sync::mpsc::RecvTimeoutError::Timeout)
    );
    // stdout is closed: dot is ending; it is waited for within what is
    // left of the time (a program that closes its output and goes on is
    // stopped as one that never ends).
    let mut status = None;
    while !timed_out && status.is_none() && !left(started).is_zero() {
        status = child.try_wait()?;
        if status.is_none() {
            std::thread::sleep(Duration::from_millis(1).min(left(started)));
        }
    }
    let Some(status) = status else {
        // Killed and reaped; the threads end as its pipes close.
        let _ = child.kill();
        let _ = child.wait();
        return Err(Failed::Timeout);
    };
    let joined = |h: std::thread::JoinHandle<std::io::Result<Vec<u8>>>| {
        h.join()
            .map_err(|_| std::io::Error::other("reading from dot panicked"))?
    };
    let (out, err) = (joined(stdout)?, joined(stderr)?);
    let written = writer
        .join()
        .map_err(|_| std::io::Error::other("writing to dot panicked"))?;
    if !status.success() {
        let msg = String::from_utf8_lossy(&err).trim().to_string();
        return Err(Failed::Io(std::io::Error::other(if msg.is_empty() {
            format!("exit status {status}")
        } else {
            msg
        })));
    }
    written?;
    Ok(out)
}

/// On Linux, has the kernel kill the child with SIGKILL when coopgraph
/// dies (even by SIGKILL), so that Graphviz never outlives the command.
#[cfg(target_os = "linux")]
fn die_with_parent(command: &mut std::process::Command) {
    use std::os::unix::process::CommandExt;
    let parent = std::process::id();
    // SAFETY: the closure runs in the child between fork and exec, where
    // only async-signal-safe functions may be called: prctl and getppid
    // are system calls that allocate nothing and take no lock.
    unsafe {
        command.pre_exec(move || {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) == -1 {
                return Err(std::io::Error::last_os_error());
            }
            // The parent died before the request took effect.
            if libc::getppid() as u32 != parent {
                return Err(std::io::Error::other("coopgraph exited"));
            }
            Ok(())
        });
    }
}

/// Elsewhere, the time limit alone bounds Graphviz.
#[cfg(not(target_os = "linux"))]
fn die_with_parent(_: &mut std::process::Command) {}

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
