//! Reading datasets: the embedded one, or a user's files and directories.
//!
//! Each file is parsed in two steps so that every problem has a place: first
//! the top level, keeping each record as a borrowed [`RawValue`] slice of the
//! file text; then each record on its own. The slice's offset in the file
//! turns a record-relative serde error into `file:line:column`, and gives
//! every node, relation and source the location validation messages cite.
//!
//! Every record keeps where it was read (see the invariants of [`Store`]).

use crate::diagnostic::{Diagnostic, LineIndex, Loc};
use crate::error::{Error, Result};
use crate::import::ImportOptions;
use crate::model::{Node, Source};
use crate::progress::Progress;
use crate::store::{RelationRecord, Store, Sym};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The files of `data/`, compiled into the binary. A test checks that every
/// JSON file in `data/` (except the schema) is listed here.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("data/sources.json", include_str!("../data/sources.json")),
    (
        "data/international.json",
        include_str!("../data/international.json"),
    ),
    (
        "data/development.json",
        include_str!("../data/development.json"),
    ),
    ("data/crime.json", include_str!("../data/crime.json")),
];

pub use crate::import::DEFAULT_MAX_INPUT_SIZE;

/// File names in a data directory that are not datasets.
const NOT_DATA: &[&str] = &["schema.json"];

/// A dataset: the [`Store`] its files were read into.
pub type Dataset = Store;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile<'a> {
    #[serde(rename = "$schema", default)]
    _schema: Option<String>,
    #[serde(borrow, default)]
    sources: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    nodes: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    relations: Vec<&'a RawValue>,
}

fn json_error(file: &Arc<str>, e: &serde_json::Error) -> Diagnostic {
    let loc = Loc {
        file: file.clone(),
        line: e.line().max(1),
        column: e.column().max(1),
    };
    let code = if e.is_syntax() || e.is_eof() {
        "syntax"
    } else {
        "schema"
    };
    Diagnostic::error(code, strip_position(&e.to_string())).at(Some(&loc))
}

/// serde_json appends " at line L column C"; the location is shown separately.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

impl Store {
    /// The dataset built from the seed pages, compiled into the binary.
    pub fn embedded() -> Result<Store> {
        let mut ds = Store::default();
        let mut diags = Vec::new();
        for (name, text) in EMBEDDED {
            ds.add_text(name, text, &mut diags);
        }
        ds.finish(diags)
    }

    /// Reads each path: a dataset JSON file, or a directory whose `*.json`
    /// files (in name order, `schema.json` excepted) are datasets. A file
    /// given twice (by two spellings, a folder and a file in it, or a link)
    /// is read once.
    pub fn from_paths<P: AsRef<Path>>(paths: &[P]) -> Result<Store> {
        Store::from_paths_with(paths, &ImportOptions::default())
    }

    /// As [`Dataset::from_paths`], and also reads other tools' graphs (CSV,
    /// node-link JSON, GraphML, GEXF, FtM: see [`crate::format::Format`]).
    /// Any file larger than `opts.max_input_size` is refused with
    /// [`Error::TooLarge`] before it is read (a device or pipe that never
    /// ends is cut off at the limit).
    pub fn from_paths_with<P: AsRef<Path>>(paths: &[P], opts: &ImportOptions) -> Result<Store> {
        Store::from_paths_counted(paths, opts, &Progress::default())
    }

    /// As [`Store::from_paths_with`], counting into `progress` the bytes
    /// read (of the total of the files' sizes) as large files are read.
    pub fn from_paths_counted<P: AsRef<Path>>(
        paths: &[P],
        opts: &ImportOptions,
        progress: &Progress,
    ) -> Result<Store> {
        let mut files = Vec::new();
        for path in paths {
            files.extend(expand(path.as_ref())?);
        }
        let files = distinct_files(files);
        for f in &files {
            progress.add_total(std::fs::metadata(f).map_or(0, |m| m.len()));
        }
        let mut ds = Store::default();
        let mut diags = Vec::new();
        // IATI files are read last, so that their organisations and
        // countries merge with the other inputs' nodes in any order.
        let mut read = Vec::with_capacity(files.len());
        for file in files {
            let bytes = read_limited(&file, opts.max_input_size)?;
            read.push((file.display().to_string(), bytes));
        }
        read.sort_by_key(|(name, bytes)| is_iati(name, bytes));
        for (name, bytes) in read {
            let before = progress.get().0;
            ds.add_file(&name, &bytes, opts, &mut diags, progress);
            // Readers count what they can as they go; the rest of the file
            // is counted once it is read.
            let counted = progress.get().0 - before;
            progress.add((bytes.len() as u64).saturating_sub(counted));
        }
        ds.finish(diags)
    }

    /// Reads files held in memory, given as (name, contents), exactly as
    /// [`Store::from_paths_with`] reads files of those names (the format
    /// from the name, else the content: see [`crate::format::Format`]). For
    /// tests, fuzzing, and callers that fetch data themselves.
    pub fn from_memory(files: &[(&str, &[u8])], opts: &ImportOptions) -> Result<Store> {
        let mut ds = Store::default();
        let mut diags = Vec::new();
        let mut files = files.to_vec();
        files.sort_by_key(|(name, bytes)| is_iati(name, bytes));
        for (name, bytes) in files {
            ds.add_file(name, bytes, opts, &mut diags, &Progress::default());
        }
        ds.finish(diags)
    }

    /// One file: checked to be UTF-8, then read by its extension.
    fn add_file(
        &mut self,
        name: &str,
        bytes: &[u8],
        opts: &ImportOptions,
        diags: &mut Vec<Diagnostic>,
        progress: &Progress,
    ) {
        use crate::format::Format;
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                // Bytes that are not UTF-8 in a file named as text are an
                // encoding problem; in any other file, another format.
                diags.push(if Format::text_extension(name) {
                    not_utf8(name, bytes, &e)
                } else {
                    crate::format::unknown_format(name, "it is not text (a binary file)")
                });
                self.add_file_name(name);
                return;
            }
        };
        let format = match Format::recognise(name, text) {
            Ok(format) => format,
            Err(why) => {
                diags.push(crate::format::unknown_format(name, &why));
                self.add_file_name(name);
                return;
            }
        };
        match format {
            Format::Csv => {
                let mut b = crate::import::Builder::new(name, opts);
                crate::import::csv_rows_counted(&mut b, name, text, diags, progress);
                let imported = b.finish(diags);
                self.absorb(imported);
            }
            Format::GraphMl => {
                let imported = crate::import::graphml::read(name, text, opts, diags);
                self.absorb(imported);
            }
            Format::Gexf => {
                let imported = crate::import::gexf::read(name, text, opts, diags);
                self.absorb(imported);
            }
            Format::Ftm => {
                let imported = crate::import::ftm::read(name, text, opts, diags);
                self.absorb(imported);
            }
            Format::Iati => {
                // Organisations and countries already read are the same nodes.
                let known = crate::import::iati::Known::new(self);
                let imported = crate::import::iati::read(name, text, opts, &known, diags);
                self.absorb(imported);
            }
            Format::Json => {
                // A dataset, unless it fails as one and reads as node-link
                // data (checked only then: the probe costs a full pass).
                let mut own = Vec::new();
                self.add_text_counted(name, text, &mut own, progress);
                if !own.is_empty() && looks_like_node_link(text) {
                    let imported = crate::import::node_link(name, text, opts, diags);
                    self.absorb(imported);
                } else {
                    diags.extend(own);
                }
            }
        }
        self.add_file_name(name);
    }

    /// Parses one dataset document held in memory.
    pub fn from_str(name: &str, text: &str) -> Result<Store> {
        let mut ds = Store::default();
        let mut diags = Vec::new();
        ds.add_text(name, text, &mut diags);
        ds.finish(diags)
    }

    /// The store read, unless a problem is an error; warnings (which leave
    /// nothing out) are kept in [`Store::warnings`].
    fn finish(mut self, diags: Vec<Diagnostic>) -> Result<Store> {
        if diags.iter().any(Diagnostic::is_error) {
            Err(Error::Data(diags))
        } else {
            self.warnings = diags;
            Ok(self)
        }
    }

    fn add_text(&mut self, name: &str, text: &str, diags: &mut Vec<Diagnostic>) {
        self.add_text_counted(name, text, diags, &Progress::default());
    }

    fn add_text_counted<'t>(
        &mut self,
        name: &str,
        text: &'t str,
        diags: &mut Vec<Diagnostic>,
        progress: &Progress,
    ) {
        // Windows editors (Notepad, Excel) start UTF-8 files with a BOM.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let file: Arc<str> = Arc::from(name);
        self.add_file_name(name);
        if !text.trim_start().starts_with('{') {
            let d = Diagnostic::error(
                "schema",
                "a dataset file must be a JSON object with `sources`, `nodes` and `relations`",
            )
            .at(Some(&Loc {
                file: file.clone(),
                line: 1,
                column: 1,
            }));
            diags.push(d);
            return;
        }
        let raw: RawFile = match serde_json::from_str(text) {
            Ok(raw) => raw,
            Err(e) => {
                diags.push(json_error(&file, &e));
                return;
            }
        };
        let lines = LineIndex::new(text);
        let located = |item: &&'t RawValue| located(&file, &lines, text, item);
        for (json, loc) in raw.sources.iter().map(located) {
            if let Some(s) = parse_record::<Source>(json, &loc, diags) {
                self.push_source(s, loc);
            }
        }
        // Nodes and relations are what large files have many of: they are
        // parsed in parallel, a chunk at a time (so that parsed records
        // never pile up), and added in file order.
        const CHUNK: usize = 1 << 16;
        // Bytes are counted up to the last record of each chunk.
        let mut counted = 0;
        let mut count = |last: Option<&&RawValue>| {
            if let Some(last) = last {
                let end = last.get().as_ptr() as usize - text.as_ptr() as usize;
                progress.add(end.saturating_sub(counted) as u64);
                counted = counted.max(end);
            }
        };
        let mut nodes: Vec<(Result<Node, Box<Diagnostic>>, Loc)> = Vec::new();
        for chunk in raw.nodes.chunks(CHUNK) {
            count(chunk.last());
            crate::par::map_into(chunk, &mut nodes, |item| {
                let (json, loc) = located(item);
                (parse_one::<Node>(json, || loc.clone()), loc)
            });
            for (n, loc) in nodes.drain(..) {
                match n {
                    Ok(n) => {
                        self.push_node(n, loc);
                    }
                    Err(d) => diags.push(*d),
                }
            }
        }
        // Records borrow the file's text; their ends are looked up among the
        // strings already known (node ids come before relations) while
        // parsing, and the rest interned as they are added. Each record's
        // place is kept as numbers, so that threads share no counter.
        type Parsed<'t> = Result<(RelationRecord<'t>, [Option<Sym>; 2]), Box<Diagnostic>>;
        let mut parsed: Vec<(Parsed<'t>, (usize, usize))> = Vec::new();
        let mut at = Loc {
            file: file.clone(),
            line: 1,
            column: 1,
        };
        for chunk in raw.relations.chunks(CHUNK) {
            count(chunk.last());
            let strings = self.strings();
            crate::par::map_into(chunk, &mut parsed, |item| {
                let json = item.get();
                let (line, column) =
                    lines.line_column(json.as_ptr() as usize - text.as_ptr() as usize);
                let record = parse_one::<RelationRecord<'t>>(json, || at_line(&file, line, column))
                    .map(|r| {
                        let ends = [strings.get(&r.from), strings.get(&r.to)];
                        (r, ends)
                    });
                (record, (line, column))
            });
            for (r, (line, column)) in parsed.drain(..) {
                (at.line, at.column) = (line, column);
                match r {
                    Ok((r, ends)) => {
                        self.push_record(r, ends, &at);
                    }
                    Err(d) => diags.push(*d),
                }
            }
        }
    }
}

/// Whether a file is IATI activity XML, by its head (the root element).
fn is_iati(name: &str, bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1 << 16)];
    let head = match std::str::from_utf8(head) {
        Ok(h) => h,
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or(""),
    };
    crate::format::Format::recognise(name, head) == Ok(crate::format::Format::Iati)
}

/// A location in `file`.
fn at_line(file: &Arc<str>, line: usize, column: usize) -> Loc {
    Loc {
        file: file.clone(),
        line,
        column,
    }
}

/// The bytes of an input file: mapped into memory (a large regular file:
/// no copy, and no fresh memory to clear) or read.
pub enum Input {
    Mapped(memmap2::Mmap),
    Read(Vec<u8>),
}

impl std::ops::Deref for Input {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Input::Mapped(m) => m,
            Input::Read(v) => v,
        }
    }
}

/// Files from this size on are mapped rather than read.
const MAP_FROM: u64 = 1 << 20;

/// Reads at most `limit` bytes of `path`, refusing a larger file with
/// [`Error::TooLarge`] (a device or pipe that never ends is cut off at the
/// limit). Every reader of user files goes through this. A large regular
/// file is mapped, as ripgrep does: a file changed by another program while
/// it is read may then read inconsistently (never out of bounds of safe
/// Rust's checks: the text is validated as UTF-8 after mapping).
pub fn read_limited(path: &Path, limit: u64) -> Result<Input> {
    use std::io::Read;
    let err = |source| Error::Input {
        path: path.to_path_buf(),
        source,
    };
    let too_large = || Error::TooLarge {
        path: path.to_path_buf(),
        limit,
    };
    let file = std::fs::File::open(path).map_err(err)?;
    let meta = file.metadata().map_err(err)?;
    let size = meta.len();
    if size > limit {
        return Err(too_large());
    }
    if meta.is_file() && size >= MAP_FROM {
        // SAFETY: the map is read only and dropped before the function that
        // reads it returns; see the function's note on files changed meanwhile.
        if let Ok(map) = unsafe { memmap2::Mmap::map(&file) } {
            return Ok(Input::Mapped(map));
        }
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(err)?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(Input::Read(bytes))
}

/// Reads a UTF-8 text file of at most `limit` bytes: [`read_limited`], then
/// an `encoding` diagnostic at the first byte that is not UTF-8.
pub fn read_text(path: &Path, limit: u64) -> Result<String> {
    let bytes = match read_limited(path, limit)? {
        Input::Mapped(map) => map.to_vec(),
        Input::Read(bytes) => bytes,
    };
    String::from_utf8(bytes).map_err(|e| {
        let name = path.display().to_string();
        Error::Data(vec![not_utf8(&name, e.as_bytes(), &e.utf8_error())])
    })
}

/// The diagnostic for a file that is not UTF-8, at its first bad byte.
fn not_utf8(name: &str, bytes: &[u8], e: &std::str::Utf8Error) -> Diagnostic {
    let good = &bytes[..e.valid_up_to()];
    let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let loc = Loc {
        file: Arc::from(name),
        line: 1 + good.iter().filter(|&&b| b == b'\n').count(),
        column: 1 + good.len() - line_start,
    };
    let byte = bytes.get(e.valid_up_to()).copied().unwrap_or(0);
    Diagnostic::error(
        "encoding",
        format!("the file is not UTF-8 text (byte 0x{byte:02X})"),
    )
    .at(Some(&loc))
    .help("save it as UTF-8 (in Excel: \"CSV UTF-8\"; in an editor: encoding UTF-8)")
}

/// Whether a JSON text is node-link data (it has `links`, `edges` or
/// `directed` at the top level) rather than a dataset.
fn looks_like_node_link(text: &str) -> bool {
    #[derive(Deserialize)]
    struct Probe {
        links: Option<serde::de::IgnoredAny>,
        edges: Option<serde::de::IgnoredAny>,
        directed: Option<serde::de::IgnoredAny>,
    }
    serde_json::from_str::<Probe>(text)
        .map(|p| p.links.is_some() || p.edges.is_some() || p.directed.is_some())
        .unwrap_or(false)
}

/// A record's raw JSON and where it starts in its file.
fn located<'t>(
    file: &Arc<str>,
    lines: &LineIndex,
    text: &str,
    item: &'t RawValue,
) -> (&'t str, Loc) {
    let offset = item.get().as_ptr() as usize - text.as_ptr() as usize;
    (item.get(), lines.loc(file, offset))
}

fn parse_record<T: DeserializeOwned>(
    json: &str,
    loc: &Loc,
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    parse_one(json, || loc.clone())
        .map_err(|d| diags.push(*d))
        .ok()
}

/// Parses one record; `loc` (where it starts) is made only for an error.
fn parse_one<'t, T: Deserialize<'t>>(
    json: &'t str,
    loc: impl FnOnce() -> Loc,
) -> Result<T, Box<Diagnostic>> {
    if !json.starts_with('{') {
        return Err(Box::new(
            Diagnostic::error("schema", "expected a JSON object").at(Some(&loc())),
        ));
    }
    serde_json::from_str::<T>(json).map_err(|e| {
        let at = loc().offset_by(e.line(), e.column());
        Box::new(Diagnostic::error("schema", strip_position(&e.to_string())).at(Some(&at)))
    })
}

/// `files` with each file once: a file given twice (`x.json` and
/// `./x.json`, a folder and a file inside it, a hard link or a symbolic
/// link to it) is read at its first place only, so that it does not
/// conflict with itself. Files are the same when their device and inode
/// numbers are (on Unix; elsewhere, when their canonical paths are).
fn distinct_files(files: Vec<PathBuf>) -> Vec<PathBuf> {
    let mut seen = std::collections::HashSet::new();
    files
        .into_iter()
        .filter(|f| {
            #[cfg(unix)]
            let key = {
                use std::os::unix::fs::MetadataExt;
                std::fs::metadata(f)
                    .map(|m| (m.dev(), m.ino(), PathBuf::new()))
                    .unwrap_or_else(|_| (0, 0, f.clone()))
            };
            #[cfg(not(unix))]
            let key = std::fs::canonicalize(f).unwrap_or_else(|_| f.clone());
            seen.insert(key)
        })
        .collect()
}

/// Files and folders of XML files (IATI activity files): each file as
/// given, each folder's `*.xml` files in name order, each file once.
pub fn xml_files<P: AsRef<Path>>(paths: &[P]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        let path = path.as_ref();
        let read_err = |source| Error::Input {
            path: path.to_path_buf(),
            source,
        };
        if !std::fs::metadata(path).map_err(read_err)?.is_dir() {
            files.push(path.to_path_buf());
            continue;
        }
        let mut found = Vec::new();
        for entry in std::fs::read_dir(path).map_err(read_err)? {
            let p = entry.map_err(read_err)?.path();
            if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("xml")) && p.is_file() {
                found.push(p);
            }
        }
        if found.is_empty() {
            return Err(Error::EmptyFolder {
                dir: path.to_path_buf(),
                expected: "no IATI activity (*.xml) files",
            });
        }
        found.sort();
        files.extend(found);
    }
    Ok(distinct_files(files))
}

fn expand(path: &Path) -> Result<Vec<PathBuf>> {
    let meta = std::fs::metadata(path).map_err(|source| Error::Input {
        path: path.to_path_buf(),
        source,
    })?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let read_err = |source| Error::Input {
        path: path.to_path_buf(),
        source,
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path).map_err(read_err)? {
        let p = entry.map_err(read_err)?.path();
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if p.extension().is_some_and(|e| e == "json") && !NOT_DATA.contains(&name) && p.is_file() {
            files.push(p);
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(Error::EmptyFolder {
            dir: path.to_path_buf(),
            expected: "no dataset (*.json) files",
        });
    }
    Ok(files)
}
