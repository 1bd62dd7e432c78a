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
/// The pages are not part of the repository, so when the folder is absent
/// this says so on stderr and returns `None`, and the caller's tests pass
/// as skipped.
pub fn seeds_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("COOPGRAPH_SEEDS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/seeds"));
    if !dir.is_dir() {
        eprintln!(
            "seed pages not found at {}: faithfulness tests skipped",
            dir.display()
        );
        return None;
    }
    Some(dir)
}
