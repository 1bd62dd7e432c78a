//! Graphviz and SVG helpers shared by the figure tests.

/// Whether Graphviz's `dot` runs here (`.ci/run` installs it).
///
/// Without it, the Graphviz half of a test is skipped and says so, or fails
/// under CI (`CI=true`), which installs Graphviz.
pub fn has_graphviz() -> bool {
    let found = std::process::Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        super::inputs::missing("Graphviz (`dot -V`)", "the checks against Graphviz");
    }
    found
}

/// Panics unless `dot -Tsvg` reads the DOT file at `path` without an error
/// or a warning. Does nothing without Graphviz.
pub fn assert_dot_accepts(path: &std::path::Path, context: &str) {
    if !has_graphviz() {
        return;
    }
    let out = std::process::Command::new("dot")
        .args(["-Tsvg", "-o", "/dev/null"])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{context}: dot says {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Parses an SVG, allowing the SVG 1.1 DOCTYPE that Graphviz writes.
pub fn parse_svg(svg: &str) -> roxmltree::Document<'_> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(svg, opts)
        .unwrap_or_else(|e| panic!("SVG does not parse: {e}"))
}
