//! Writing output files safely: into a temporary file beside the target,
//! then renamed over it, so that a failed or interrupted write leaves any
//! previous file intact and no reader ever sees half a file.
//!
//! - Only regular files are replaced. A symbolic link (dangling or not), a
//!   folder, a block device or a socket is refused whatever `force` says; a
//!   character device (`/dev/null`) or a FIFO is written through, as a
//!   shell's `>` would, and never replaced.
//! - Without `force`, the rename creates the file or fails (`renameat2`
//!   with `RENAME_NOREPLACE`, through [`tempfile`]), so a file that appears
//!   meanwhile is never replaced. With `force`, the new file keeps the
//!   permissions (and, where allowed, the owner) of the one it replaces.
//! - A set of files (a report, a CSV folder) is checked whole, then staged
//!   whole, then renamed: a refusal or a failure while writing replaces
//!   nothing ([`atomic_set`]).
//! - The temporary files being written are listed, so that a program
//!   interrupted by a signal removes them ([`remove_temporaries_then`]);
//!   those of a writer that was killed outright are removed by the next
//!   write into the same folder ([`remove_stale`]).

use crate::error::{Error, PathKind, Result};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

/// The temporary files being written, by path.
static IN_FLIGHT: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn in_flight() -> MutexGuard<'static, Vec<PathBuf>> {
    IN_FLIGHT.lock().unwrap_or_else(|e| e.into_inner())
}

/// Removes every temporary file being written, then runs `end` (which is
/// meant to end the process) while no write can start or finish: a signal
/// handler's job. A set of files being renamed into place is renamed whole
/// before this runs.
pub fn remove_temporaries_then(end: impl FnOnce()) {
    let list = in_flight();
    for p in list.iter() {
        let _ = std::fs::remove_file(p);
    }
    end();
    drop(list);
}

/// A temporary file left by a writer whose process is gone is removed once
/// it is this old (a writer that is alive elsewhere, in another PID
/// namespace, keeps its file's time fresh while it writes).
pub const STALE_AFTER: Duration = Duration::from_secs(10 * 60);

/// Temporary files named as before they carried their writer's process id
/// are removed once they are this old.
const STALE_UNNAMED_AFTER: Duration = Duration::from_secs(24 * 60 * 60);

/// Removes from `dir` the temporary files coopgraph left there: named
/// `.coopgraph-PID-XXXXXX.tmp`, of a process that is no longer running, and
/// untouched for [`STALE_AFTER`]. Anything else is left alone. Errors are
/// ignored: this is tidying, not the write.
pub fn remove_stale(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(writer) = name.to_str().and_then(temporary_writer) else {
            continue;
        };
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        let age = meta
            .modified()
            .ok()
            .and_then(|t| t.elapsed().ok())
            .unwrap_or_default();
        let stale = match writer {
            Some(pid) => age >= STALE_AFTER && !running(pid),
            None => age >= STALE_UNNAMED_AFTER,
        };
        if stale && meta.is_file() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// For a name coopgraph gives its temporary files, the writer's process id
/// (`None` for the older names without one); `None` for other names.
fn temporary_writer(name: &str) -> Option<Option<u32>> {
    let middle = name.strip_prefix(".coopgraph-")?.strip_suffix(".tmp")?;
    let random = |s: &str| s.len() == 6 && s.bytes().all(|b| b.is_ascii_alphanumeric());
    match middle.split_once('-') {
        Some((pid, rest)) if random(rest) && !pid.is_empty() => pid.parse::<u32>().ok().map(Some),
        None if random(middle) => Some(None),
        _ => None,
    }
}

/// Whether a process with this id is running (or may be: when in doubt,
/// yes).
fn running(pid: u32) -> bool {
    #[cfg(unix)]
    {
        use rustix::io::Errno;
        let Ok(raw) = i32::try_from(pid) else {
            return true;
        };
        match rustix::process::Pid::from_raw(raw) {
            Some(p) => !matches!(rustix::process::test_kill_process(p), Err(Errno::SRCH)),
            None => true,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// A temporary file beside its target, listed while it exists.
struct Staged {
    tmp: Option<tempfile::NamedTempFile>,
    path: PathBuf,
}

impl Staged {
    /// A new temporary file in `dir`, named after this process.
    fn new(dir: &Path) -> std::io::Result<Staged> {
        let mut builder = tempfile::Builder::new();
        let prefix = format!(".coopgraph-{}-", std::process::id());
        builder.prefix(&prefix).suffix(".tmp");
        #[cfg(unix)]
        {
            // Temporary files are private (0600); the result is an ordinary file.
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o644));
        }
        // Created and listed at once, so that a signal cannot come between.
        let mut list = in_flight();
        let tmp = builder.tempfile_in(dir)?;
        let path = tmp.path().to_path_buf();
        list.push(path.clone());
        Ok(Staged {
            tmp: Some(tmp),
            path,
        })
    }

    fn file(&self) -> std::io::Result<&File> {
        self.tmp
            .as_ref()
            .map(|t| t.as_file())
            .ok_or_else(|| std::io::Error::other("the temporary file is gone"))
    }

    /// Writes the file with `fill`, to disk.
    fn fill<F>(&self, fill: F) -> std::io::Result<()>
    where
        F: FnOnce(&mut dyn Write) -> std::io::Result<()>,
    {
        let file = self.file()?;
        let mut w = BufWriter::new(file);
        fill(&mut w)?;
        w.flush()?;
        drop(w);
        file.sync_all()
    }

    /// Gives the file the permissions and owner of `old`, the file it
    /// replaces. The owner is kept where the system allows it.
    fn keep_owner_and_mode(&self, old: &std::fs::Metadata) -> std::io::Result<()> {
        let file = self.file()?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
        }
        file.set_permissions(old.permissions())
    }

    /// Renames the file to `target`: over it with `overwrite`, else only if
    /// nothing is there. `list` is the locked list of temporary files.
    fn persist(
        &mut self,
        list: &mut Vec<PathBuf>,
        target: &Path,
        overwrite: bool,
    ) -> std::io::Result<()> {
        let Some(tmp) = self.tmp.take() else {
            return Err(std::io::Error::other("the temporary file is gone"));
        };
        let done = if overwrite {
            tmp.persist(target)
        } else {
            tmp.persist_noclobber(target)
        };
        match done {
            Ok(_) => {
                list.retain(|p| *p != self.path);
                Ok(())
            }
            Err(e) => {
                self.tmp = Some(e.file);
                Err(e.error)
            }
        }
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if let Some(tmp) = self.tmp.take() {
            let mut list = in_flight();
            list.retain(|p| *p != self.path);
            drop(tmp);
        }
    }
}

/// What is at an output path now.
enum Found {
    Nothing,
    /// A regular file, with its metadata.
    File(std::fs::Metadata),
    /// A character device or a FIFO: written through, never replaced.
    Stream,
}

/// What is at `path` (a symbolic link is itself, not what it points to),
/// or the error for a kind of path that is never written. A character
/// device or FIFO is [`Found::Stream`] when `stream_ok`, else refused.
fn found(path: &Path, stream_ok: bool) -> Result<Found> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        // Not there, or a parent is missing or not a folder: the write
        // itself says which.
        Err(_) => return Ok(Found::Nothing),
    };
    let t = meta.file_type();
    let kind = if t.is_file() {
        return Ok(Found::File(meta));
    } else if t.is_symlink() {
        PathKind::SymbolicLink
    } else if t.is_dir() {
        PathKind::Folder
    } else {
        match special_kind(&t) {
            None if stream_ok => return Ok(Found::Stream),
            None => PathKind::Special,
            Some(kind) => kind,
        }
    };
    Err(Error::WrongKind {
        path: path.to_path_buf(),
        found: kind,
        wanted: PathKind::File,
    })
}

/// The kind of a special file, or `None` for a character device or FIFO
/// (what a shell's `>` writes through).
fn special_kind(t: &std::fs::FileType) -> Option<PathKind> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_char_device() || t.is_fifo() {
            return None;
        }
        if t.is_block_device() {
            return Some(PathKind::BlockDevice);
        }
        if t.is_socket() {
            return Some(PathKind::Socket);
        }
    }
    let _ = t;
    Some(PathKind::Special)
}

/// The folder a file goes in: its parent, or the current folder.
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Writes `path` atomically with `fill`. An existing regular file is
/// replaced only with `force`, and keeps its permissions; a character
/// device or FIFO is written through; any other kind of path is refused.
pub fn atomic<F>(path: &Path, force: bool, fill: F) -> Result<()>
where
    F: FnOnce(&mut dyn Write) -> std::io::Result<()>,
{
    let failed = |e: std::io::Error| Error::Write {
        path: path.to_path_buf(),
        source: e,
    };
    let old = match found(path, true)? {
        Found::Stream => return write_through(path, fill).map_err(failed),
        Found::File(_) if !force => {
            return Err(Error::Exists {
                path: path.to_path_buf(),
            });
        }
        Found::File(m) => Some(m),
        Found::Nothing => None,
    };
    let dir = folder_of(path);
    remove_stale(dir);
    let mut staged = Staged::new(dir).map_err(failed)?;
    if let Some(old) = &old {
        staged.keep_owner_and_mode(old).map_err(failed)?;
    }
    staged.fill(fill).map_err(failed)?;
    let renamed = staged.persist(&mut in_flight(), path, old.is_some());
    match renamed {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(Error::Exists {
            path: path.to_path_buf(),
        }),
        r => r.map_err(failed),
    }
}

/// Writes into a character device or FIFO as it is: opened without
/// following a symbolic link and without creating anything, and written
/// only if it is still a device or FIFO once open.
fn write_through<F>(path: &Path, fill: F) -> std::io::Result<()>
where
    F: FnOnce(&mut dyn Write) -> std::io::Result<()>,
{
    let mut open = std::fs::OpenOptions::new();
    open.write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        open.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    let file = open.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = file.metadata()?.file_type();
        if !(t.is_char_device() || t.is_fifo()) {
            return Err(std::io::Error::other(
                "it changed while being opened; nothing was written",
            ));
        }
    }
    let mut w = BufWriter::new(file);
    fill(&mut w)?;
    w.flush()
}

/// Writes a set of files atomically as a set, as far as a file system
/// allows: every target is checked first (only regular files are
/// replaced, and only with `force`), then every file is written to a
/// temporary file beside its target, and only then are they renamed into
/// place, one after the other, with signals held off. A refusal or a
/// failure replaces nothing: a rename that fails midway puts back the
/// files renamed before it (hard-linked to a backup name first). Missing
/// folders are created.
pub fn atomic_set(files: &[(PathBuf, &[u8])], force: bool) -> Result<()> {
    let mut overwrite = Vec::with_capacity(files.len());
    for (path, _) in files {
        match found(path, false)? {
            Found::File(_) if !force => return Err(Error::Exists { path: path.clone() }),
            Found::File(m) => overwrite.push(Some(m)),
            _ => overwrite.push(None),
        }
    }
    let mut staged = Vec::with_capacity(files.len());
    let mut tidied = std::collections::HashSet::new();
    for ((path, bytes), old) in files.iter().zip(&overwrite) {
        let failed = |e: std::io::Error| Error::Write {
            path: path.clone(),
            source: e,
        };
        let dir = folder_of(path);
        create_dir(dir)?;
        if tidied.insert(dir.to_path_buf()) {
            remove_stale(dir);
        }
        let s = Staged::new(dir).map_err(failed)?;
        if let Some(old) = old {
            s.keep_owner_and_mode(old).map_err(failed)?;
        }
        s.fill(|w| w.write_all(bytes)).map_err(failed)?;
        staged.push(s);
    }
    commit(&mut staged, files, &overwrite)
}

/// Renames the staged files of a set into place, with signals held off
/// (the list of temporary files stays locked). Each file being replaced is
/// first linked to a backup name; if a rename fails, the files renamed
/// before it are put back (or removed, where there was none), so that the
/// set is replaced whole or not at all. Only if putting back fails too is
/// the error [`Error::PartlyWritten`].
fn commit(
    staged: &mut [Staged],
    files: &[(PathBuf, &[u8])],
    overwrite: &[Option<std::fs::Metadata>],
) -> Result<()> {
    let mut list = in_flight();
    let mut done: Vec<(&Path, Option<tempfile::NamedTempFile<()>>)> = Vec::new();
    for ((s, (path, _)), old) in staged.iter_mut().zip(files).zip(overwrite) {
        let backup = old.as_ref().and_then(|_| backup(path));
        if let Err(e) = s.persist(&mut list, path, old.is_some()) {
            let left: Vec<PathBuf> = done
                .into_iter()
                .rev()
                .filter_map(|(p, b)| put_back(p, b).err().map(|_| p.to_path_buf()))
                .collect();
            return Err(if !left.is_empty() {
                Error::PartlyWritten {
                    path: path.clone(),
                    source: e,
                    replaced: left,
                    total: files.len(),
                }
            } else if e.kind() == std::io::ErrorKind::AlreadyExists {
                Error::Exists { path: path.clone() }
            } else {
                Error::Write {
                    path: path.clone(),
                    source: e,
                }
            });
        }
        done.push((path, backup));
    }
    // The backups go (on drop) before signals are let through.
    drop(done);
    drop(list);
    Ok(())
}

/// A second name for the file at `path`, beside it, removed when dropped;
/// `None` where the file system has no hard links.
fn backup(path: &Path) -> Option<tempfile::NamedTempFile<()>> {
    tempfile::Builder::new()
        .prefix(&format!(".coopgraph-{}-", std::process::id()))
        .suffix(".tmp")
        .make_in(folder_of(path), |b| std::fs::hard_link(path, b))
        .ok()
}

/// Undoes the rename of a set's file: its backup back in place, or, for a
/// file that did not exist before, the new file removed.
fn put_back(path: &Path, backup: Option<tempfile::NamedTempFile<()>>) -> std::io::Result<()> {
    match backup {
        Some(b) => b.persist(path).map_err(|e| e.error),
        None => std::fs::remove_file(path),
    }
}

/// Creates `dir` and its parents if missing, for outputs that are folders
/// (a report, a CSV or Neo4j export). A path that is there and is not a
/// folder is [`Error::WrongKind`].
pub fn create_dir(dir: &Path) -> Result<()> {
    if let Ok(meta) = std::fs::metadata(dir)
        && !meta.is_dir()
    {
        return Err(Error::WrongKind {
            path: dir.to_path_buf(),
            found: if meta.is_file() {
                PathKind::File
            } else {
                PathKind::Special
            },
            wanted: PathKind::Folder,
        });
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::Write {
        path: dir.to_path_buf(),
        source: e,
    })
}
