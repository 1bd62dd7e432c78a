//! Inputs for the tests: files they write for a command to read, and inputs
//! from outside the repository that may be absent.

use std::path::{Path, PathBuf};

/// Writes `contents` to `dir/name` and returns that path. `dir` is a path
/// or a [`tempfile::TempDir`].
pub fn write(dir: impl AsRef<Path>, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.as_ref().join(name);
    std::fs::write(&p, contents).unwrap();
    p
}

/// The folder of seed pages: `$COOPGRAPH_SEEDS`, else `../shared/seeds`.
/// The pages are not part of the repository. When the folder is absent, a
/// test under CI (`CI=true`) fails, since CI must check the data against
/// its pages; elsewhere this says "skipped" on stderr and returns `None`.
pub fn seeds_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("COOPGRAPH_SEEDS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/seeds"));
    if dir.is_dir() {
        return Some(dir);
    }
    missing(
        &format!("seed pages at {}", dir.display()),
        "faithfulness tests",
    );
    None
}

/// An input a test needs is absent: a failure under CI (`CI=true`), a
/// "skipped" note on stderr elsewhere. Never a silent pass.
pub fn missing(what: &str, tests: &str) {
    let ci = std::env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true") || v == "1");
    assert!(
        !ci,
        "{what} not found, and CI=true: {tests} cannot run (set COOPGRAPH_SEEDS)"
    );
    eprintln!("{what} not found: {tests} skipped");
}
