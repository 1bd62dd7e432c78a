//! Writing output files safely: into a temporary file beside the target,
//! then renamed over it, so that a failed or interrupted write leaves any
//! previous file intact and no reader ever sees half a file.

use crate::error::{Error, Result};
use std::io::{BufWriter, Write};
use std::path::Path;

/// Writes `path` atomically with `fill`. An existing file is replaced only
/// with `force`.
pub fn atomic<F>(path: &Path, force: bool, fill: F) -> Result<()>
where
    F: FnOnce(&mut dyn Write) -> std::io::Result<()>,
{
    if path.exists() && !force {
        return Err(Error::Exists {
            path: path.to_path_buf(),
        });
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let failed = |e: std::io::Error| Error::Write {
        path: path.to_path_buf(),
        source: e,
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".coopgraph-").suffix(".tmp");
    #[cfg(unix)]
    {
        // Temporary files are private (0600); the result is an ordinary file.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let tmp = builder.tempfile_in(dir).map_err(failed)?;
    {
        let mut w = BufWriter::new(tmp.as_file());
        fill(&mut w).map_err(failed)?;
        w.flush().map_err(failed)?;
    }
    tmp.as_file().sync_all().map_err(failed)?;
    tmp.persist(path).map_err(|e| failed(e.error))?;
    Ok(())
}

/// Creates `dir` and its parents if missing, for outputs that are folders
/// (a report, a CSV or Neo4j export).
pub fn create_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::Write {
        path: dir.to_path_buf(),
        source: e,
    })
}
