//! Command-line interface: shared options, dispatch, error reporting.
//! Each subcommand lives in its own file with its usage at the top and one
//! `run` function; none of them computes anything the library does not.

mod communities;
mod ego;
mod export;
mod figure;
mod find;
mod generate;
mod heatmap;
mod import;
mod messages;
mod metrics;
mod output;
mod overlap;
mod path;
mod render;
mod report;
mod schema;
mod shared;
mod show;
mod summary;
mod timeline;
mod validate;

use clap::{Parser, Subcommand, ValueEnum};
use coopgraph::Error;
use coopgraph::graph::CoopGraph;
use coopgraph::load::Dataset;
use coopgraph::model::{Lang, NodeKind};
use coopgraph::network::{ViewKind, WeightBy};
use coopgraph::progress::Progress;
use coopgraph::view::{Selection, SelectionSpec};
use std::path::PathBuf;
use std::process::ExitCode;

/// Records of inter-agency cooperation as a typed, dated, sourced graph.
///
/// Without --data, coopgraph uses its embedded dataset, read from the Swedish
/// Migration Agency's pages on international development cooperation,
/// international partners and networks, and collaboration against crime.
#[derive(Debug, Parser)]
#[command(name = "coopgraph", version, about, long_about)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every subcommand accepts, before or after its name. Their help
/// comes after each command's own options.
#[derive(Debug, clap::Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// A dataset JSON file or a directory of them, instead of the embedded
    /// dataset (repeatable: the files are merged).
    #[arg(long, global = true, value_name = "PATH")]
    pub data: Vec<PathBuf>,
    /// Output format: a human table, or one JSON document on stdout.
    #[arg(long, global = true, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// On a terminal, tables keep every cell on one line, however wide,
    /// instead of wrapping long cells to the terminal's width (piped or
    /// redirected, tables are never wrapped).
    #[arg(long, global = true)]
    pub wide: bool,
    /// Language of display names and of coopgraph's own words, as a BCP 47
    /// tag (en, sv, fr, sr-Latn, tr…; any case). A node is named by its
    /// alias in that tag, else in its primary language (sr for sr-Latn),
    /// else by its name. Titles, legends and table words exist in English
    /// and Swedish; other tags get the English words.
    #[arg(long, global = true, value_name = "TAG", default_value = "en", value_parser = Lang::parse)]
    pub lang: Lang,
    /// Kind of the nodes read from CSV edge lists and node-link JSON that do
    /// not state one.
    #[arg(long, global = true, value_enum, default_value_t = NodeKind::Organisation)]
    pub default_kind: NodeKind,
    /// Print the wall time of each phase (load, validation, each metric…)
    /// to stderr, one `phase<TAB>seconds` line each.
    #[arg(long, global = true)]
    pub timings: bool,
    /// Never show progress on stderr (it is shown only on a terminal, for
    /// steps longer than about a second).
    #[arg(long, global = true)]
    pub quiet: bool,
    /// Refuse input files larger than this: bytes, or with a suffix K, M or
    /// G (powers of 1024).
    #[arg(long, global = true, value_name = "SIZE", default_value = "1G", value_parser = parse_size)]
    pub max_input_size: u64,
}

/// `1G`, `500M`, `64K` or a number of bytes.
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (digits, shift) = match t.chars().last().map(|c| c.to_ascii_uppercase()) {
        Some('K') => (&t[..t.len() - 1], 10),
        Some('M') => (&t[..t.len() - 1], 20),
        Some('G') => (&t[..t.len() - 1], 30),
        _ => (t, 0),
    };
    digits
        .trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(1u64 << shift))
        .ok_or_else(|| format!("`{s}` is not a size (bytes, or a number with K, M or G)"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    /// The table as CSV: for `summary`, `show`, `find`, `shared`,
    /// `overlap`, `timeline`, `path`, `metrics`, `communities` (and
    /// `generate`'s edge list).
    Csv,
}

impl GlobalArgs {
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The dataset the options name, unvalidated, read as the `load` phase
    /// (timed, with a bar of the bytes read on long loads).
    pub fn load(&self) -> coopgraph::Result<Dataset> {
        let read = Progress::default();
        self.time_counted("load", Some((&read, Unit::Bytes)), || self.dataset(&read))
    }

    /// The dataset the options name, unvalidated, counting into
    /// `progress` the bytes read.
    fn dataset(&self, progress: &Progress) -> coopgraph::Result<Dataset> {
        if self.data.is_empty() {
            Dataset::embedded()
        } else {
            let opts = coopgraph::import::ImportOptions {
                default_kind: self.default_kind,
                max_input_size: self.max_input_size,
            };
            Dataset::from_paths_counted(&self.data, &opts, progress)
        }
    }

    /// What the data is, for captions: the --data paths, or the embedded
    /// dataset.
    pub fn data_label(&self) -> String {
        if self.data.is_empty() {
            coopgraph::words::word(coopgraph::words::W::EmbeddedData, self.lang()).into()
        } else {
            self.data
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        }
    }

    /// The validated dataset as a graph.
    ///
    /// The graph lives until the process exits: it is leaked rather than
    /// dropped, because freeing millions of records one by one takes longer
    /// than the operating system needs to reclaim the whole heap.
    pub fn graph(&self) -> coopgraph::Result<&'static CoopGraph> {
        let data = self.load()?;
        // What the readers warned about (columns not read…), before any
        // validation message.
        for w in &data.warnings {
            eprintln!("{}", output::for_terminal(&w.to_string(), true));
        }
        let g = self.time("validate", || CoopGraph::new(data))?;
        Ok(Box::leak(Box::new(g)))
    }

    /// Runs `f`, showing a spinner on stderr if it takes longer than a
    /// second (on a terminal, without --quiet), and printing its wall time
    /// with --timings.
    pub fn time<T>(&self, phase: &str, f: impl FnOnce() -> T) -> T {
        self.time_counted(phase, None, f)
    }

    /// As [`GlobalArgs::time`]; with `counted`, the spinner is a bar of the
    /// work done (bytes read, sources searched) with an estimate of the
    /// time left.
    pub fn time_counted<T>(
        &self,
        phase: &str,
        counted: Option<(&Progress, Unit)>,
        f: impl FnOnce() -> T,
    ) -> T {
        use std::io::IsTerminal;
        use std::sync::atomic::{AtomicBool, Ordering};
        let start = std::time::Instant::now();
        let show = !self.quiet && std::io::stderr().is_terminal();
        let bar = indicatif::ProgressBar::hidden();
        let template = match counted {
            None => "{spinner} {msg} ({elapsed})",
            Some((_, Unit::Bytes)) => {
                "{spinner} {msg} {bar:30} {bytes}/{total_bytes} ({elapsed}, about {eta} left)"
            }
            Some((_, Unit::Sources)) => {
                "{spinner} {msg} {bar:30} {pos}/{len} sources ({elapsed}, about {eta} left)"
            }
        };
        bar.set_style(
            indicatif::ProgressStyle::with_template(template)
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar.set_message(phase.to_string());
        let done = AtomicBool::new(false);
        let out = std::thread::scope(|scope| {
            if show {
                scope.spawn(|| {
                    let delay = std::time::Duration::from_millis(50);
                    while start.elapsed() < std::time::Duration::from_secs(1) {
                        if done.load(Ordering::Relaxed) {
                            return;
                        }
                        std::thread::sleep(delay);
                    }
                    if !done.load(Ordering::Relaxed) {
                        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                        bar.enable_steady_tick(std::time::Duration::from_millis(120));
                    }
                    // Follow the count until the step ends.
                    if let Some((progress, _)) = counted {
                        while !done.load(Ordering::Relaxed) {
                            let (at, total) = progress.get();
                            bar.set_length(total);
                            bar.set_position(at);
                            std::thread::sleep(delay);
                        }
                    }
                });
            }
            let out = f();
            done.store(true, Ordering::Relaxed);
            out
        });
        bar.finish_and_clear();
        if self.timings {
            eprintln!("{phase}\t{:.3}", start.elapsed().as_secs_f64());
        }
        out
    }
}

/// What a progress bar counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Bytes,
    Sources,
}

/// `--engine` and `--graphviz-timeout`: who lays out network figures, and
/// how long Graphviz may take.
#[derive(Debug, Clone, clap::Args)]
pub struct EngineArgs {
    /// Who lays out network figures (SVG, PNG): Graphviz if installed
    /// (auto), or always one of them.
    #[arg(long, value_enum, default_value_t = coopgraph::render::layout::Renderer::Auto)]
    pub engine: coopgraph::render::layout::Renderer,
    /// Seconds Graphviz may take to lay out a figure; past them it is
    /// stopped (and with --engine auto the built-in layout draws instead).
    #[arg(
        long,
        value_name = "SECONDS",
        default_value_t = 60,
        value_parser = at_least::<1>
    )]
    pub graphviz_timeout: usize,
}

impl EngineArgs {
    pub fn timeout(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.graphviz_timeout as u64)
    }
}

/// `-o FILE` and `--force`: where a figure or export goes.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct OutputArgs {
    /// Write to this file (`-` for stdout); its extension picks the format.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

impl OutputArgs {
    /// The lower-case extension of the output file, if any.
    pub fn extension(&self) -> Option<String> {
        self.output
            .as_ref()
            .and_then(|p| p.extension())
            .map(|e| e.to_string_lossy().to_lowercase())
    }

    /// Whether the output is stdout (`-o -`).
    pub fn is_stdout(&self) -> bool {
        self.output.as_deref().is_some_and(is_stdout)
    }
}

/// Whether an output path is `-`, stdout.
pub fn is_stdout(path: &std::path::Path) -> bool {
    path.as_os_str() == "-"
}

/// The refusal of `-o -` for a command that writes a folder of files.
pub fn no_folder_on_stdout(what: &str) -> Error {
    Error::Usage(format!(
        "{what} writes a folder of files, which cannot go to stdout (-o -); give a folder"
    ))
}

impl GlobalArgs {
    /// Writes `bytes` to `path` atomically (a temporary file renamed over
    /// it), replacing an existing file only with `force`, and never a file
    /// or directory given as --data; `-` is stdout.
    pub fn write_output(
        &self,
        path: &std::path::Path,
        force: bool,
        bytes: &[u8],
    ) -> coopgraph::Result<()> {
        self.write_to(path, force, &[], |w| w.write_all(bytes))
    }

    /// As [`GlobalArgs::write_output`], the bytes written by `fill`, and
    /// also never onto the command's `others` inputs (see
    /// [`GlobalArgs::guard_inputs`]).
    pub fn write_to<F>(
        &self,
        path: &std::path::Path,
        force: bool,
        others: &[(&str, &std::path::Path)],
        fill: F,
    ) -> coopgraph::Result<()>
    where
        F: FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    {
        if is_stdout(path) {
            let mut out = std::io::stdout().lock();
            fill(&mut out)?;
            return Ok(std::io::Write::flush(&mut out)?);
        }
        self.guard_inputs(path, others)?;
        coopgraph::write::atomic(path, force, fill)
    }

    /// Refuses `path` if it is, or lies inside, a --data path.
    pub fn guard_input(&self, path: &std::path::Path) -> coopgraph::Result<()> {
        self.guard_inputs(path, &[])
    }

    /// As [`GlobalArgs::guard_input`], also refusing the command's other
    /// inputs, named by their option (`("--spec", path)`). However the path
    /// is spelt: through `..`, symbolic links, folders not created yet, and
    /// other names of the same file or folder (hard links, bind mounts: the
    /// same device and inode).
    pub fn guard_inputs(
        &self,
        path: &std::path::Path,
        others: &[(&str, &std::path::Path)],
    ) -> coopgraph::Result<()> {
        if is_stdout(path) {
            return Ok(());
        }
        let target = canonical(path);
        let chain = identities(&target);
        let data = self.data.iter().map(|d| ("--data", d.as_path()));
        for (option, input) in data.chain(others.iter().copied()) {
            let canon = std::fs::canonicalize(input).ok();
            let by_name = canon.as_ref().is_some_and(|i| target.starts_with(i));
            let by_inode = identity(input).is_some_and(|id| chain.contains(&id));
            if by_name || by_inode {
                return Err(Error::Usage(format!(
                    "{} is an input ({option} {}); coopgraph never writes to its inputs",
                    path.display(),
                    canon.as_deref().unwrap_or(input).display()
                )));
            }
        }
        Ok(())
    }
}

/// The canonical form of a path that may not exist yet: its nearest
/// existing ancestor made canonical, joined with the rest of the path
/// (whose `.` and `..` are resolved by name).
fn canonical(p: &std::path::Path) -> PathBuf {
    use std::path::Component;
    let mut base = p;
    let mut rest = Vec::new();
    let found = loop {
        if let Ok(c) = std::fs::canonicalize(if base.as_os_str().is_empty() {
            std::path::Path::new(".")
        } else {
            base
        }) {
            break Some(c);
        }
        match (base.parent(), base.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                base = parent;
            }
            _ => break None,
        }
    };
    let mut out = found.unwrap_or_else(|| base.to_path_buf());
    for c in rest.into_iter().rev() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// Device and inode of an existing path (following links).
fn identity(p: &std::path::Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(p).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = p;
        None
    }
}

/// Device and inode of a canonical path and of each of its existing
/// ancestors: an input is among them when the path is, or lies inside, it.
fn identities(target: &std::path::Path) -> Vec<(u64, u64)> {
    target.ancestors().filter_map(identity).collect()
}

/// `--from`/`--to`: keep relations active in a time window (the commands
/// whose answer is about named actors take only the window of a
/// [`SelectionSpec`]).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct WindowArgs {
    /// Keep relations active in or after this year (or partial date).
    #[arg(long, value_name = "DATE", value_parser = coopgraph::view::date_text)]
    pub from: Option<String>,
    /// Keep relations active in or before this year (or partial date).
    #[arg(long, value_name = "DATE", value_parser = coopgraph::view::date_text)]
    pub to: Option<String>,
}

impl WindowArgs {
    /// The selection of the window alone.
    pub fn spec(&self) -> SelectionSpec {
        SelectionSpec {
            from: self.from.clone(),
            to: self.to.clone(),
            ..SelectionSpec::default()
        }
    }
}

/// The graph metrics run on, and the selection applied first:
/// `--view`, `--weight`, then the [`SelectionSpec`] options.
#[derive(Debug, Clone, clap::Args)]
pub struct NetworkArgs {
    /// Which graph: every node and relation, or the actors projection.
    #[arg(long, value_enum, default_value_t = ViewKind::Full)]
    pub view: ViewKind,
    /// Weight of actor ties: projects/networks shared, or years of overlap.
    #[arg(long, value_enum, default_value_t = WeightBy::Shared)]
    pub weight: WeightBy,
    #[command(flatten)]
    pub select: SelectionSpec,
}

impl NetworkArgs {
    /// The network of the selection. The kind filter applies to the nodes of
    /// the chosen view (for `actors`, after projecting), so that
    /// `--view actors --kind agency` ties agencies through shared projects.
    pub fn network(
        &self,
        global: &GlobalArgs,
        g: &CoopGraph,
    ) -> coopgraph::Result<coopgraph::network::Network> {
        use coopgraph::network::{Network, split_kinds};
        // The weight matters only for the actors view.
        let (sel, kinds) = split_kinds(&self.selection(g)?, self.view);
        let view = global.time("view", || coopgraph::view::View::new(g, &sel));
        Ok(global.time("network", || {
            Network::of_view(&view, self.view, self.weight, &kinds)
        }))
    }

    /// The selection of the options. (For the actors view, `split_kinds`
    /// moves the node kinds after the projection.)
    pub fn selection(&self, g: &CoopGraph) -> coopgraph::Result<Selection> {
        self.select.resolve(g)
    }
}

/// A count of at least `MIN`, as an option's value.
fn at_least<const MIN: usize>(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(n) if n >= MIN => Ok(n),
        Ok(_) => Err(format!("must be at least {MIN}")),
        Err(_) => Err(format!("`{s}` is not a whole number")),
    }
}

/// A whole number from `MIN` to `MAX`, as an option's value.
fn between<const MIN: usize, const MAX: usize>(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(n) if (MIN..=MAX).contains(&n) => Ok(n),
        Ok(_) => Err(format!("must be between {MIN} and {MAX}")),
        Err(e) if *e.kind() == std::num::IntErrorKind::PosOverflow => {
            Err(format!("must be between {MIN} and {MAX}"))
        }
        Err(_) => Err(format!("`{s}` is not a whole number")),
    }
}

/// A date (`2020`, `2020-06`, `autumn 2021`…) as an option's value.
fn parse_date(s: &str) -> Result<coopgraph::date::PartialDate, String> {
    s.parse()
        .map_err(|e: coopgraph::date::DateError| e.to_string())
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Summary(summary::Args),
    Validate(validate::Args),
    Show(show::Args),
    Find(find::Args),
    Shared(shared::Args),
    Overlap(overlap::Args),
    Timeline(timeline::Args),
    Path(path::Args),
    Ego(ego::Args),
    Metrics(metrics::Args),
    Communities(communities::Args),
    Generate(generate::Args),
    Schema(schema::Args),
    Render(render::Args),
    Heatmap(heatmap::Args),
    Report(report::Args),
    Export(export::Args),
    Import(import::Args),
}

/// On SIGINT, SIGTERM or SIGHUP, the temporary files being written are
/// removed before the process ends as the signal would have ended it. A
/// signal the process was started ignoring (`nohup`, a script's `&`) stays
/// ignored.
fn remove_temporaries_on_signals() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let handled: Vec<i32> = [SIGINT, SIGTERM, SIGHUP]
            .into_iter()
            .filter(|&s| !ignored(s))
            .collect();
        let Ok(mut signals) = signal_hook::iterator::Signals::new(handled) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                coopgraph::write::remove_temporaries_then(|| {
                    let _ = signal_hook::low_level::emulate_default_handler(signal);
                });
            }
        });
    }
}

/// Whether the process was started ignoring `signal`.
#[cfg(unix)]
fn ignored(signal: i32) -> bool {
    // SAFETY: sigaction with no new action only reads the current one into
    // `old`, a zeroed plain C struct owned here.
    unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        libc::sigaction(signal, std::ptr::null(), &mut old) == 0
            && old.sa_sigaction == libc::SIG_IGN
    }
}

pub fn main() -> ExitCode {
    let (args, deprecated) = export::rewrite_deprecated(std::env::args_os().collect());
    if deprecated {
        eprintln!(
            "note: `export --to FORMAT` is deprecated and goes in the next release; \
             write the format first: `coopgraph export FORMAT -o PATH`"
        );
    }
    let cli = Cli::parse_from(args);
    // Only commands that write files make temporary files (the handler's
    // thread would cost every answer a little).
    let writes = matches!(
        cli.command,
        Command::Render(_)
            | Command::Heatmap(_)
            | Command::Timeline(_)
            | Command::Report(_)
            | Command::Export(_)
            | Command::Import(_)
            | Command::Generate(_)
    );
    if writes {
        remove_temporaries_on_signals();
    }
    output::fit_tables(cli.global.wide);
    let csv_ok = matches!(
        cli.command,
        Command::Metrics(_)
            | Command::Communities(_)
            | Command::Generate(_)
            | Command::Summary(_)
            | Command::Show(_)
            | Command::Find(_)
            | Command::Shared(_)
            | Command::Overlap(_)
            | Command::Timeline(_)
            | Command::Path(_)
    );
    if cli.global.format == Format::Csv && !csv_ok {
        let e = Error::Usage(
            "--format csv is for the commands that print a table (`summary`, `show`, `find`, \
             `shared`, `overlap`, `timeline`, `path`, `metrics`, `communities`) and `generate`; \
             use table or json"
                .into(),
        );
        messages::report(&e);
        return ExitCode::from(2);
    }
    let result = match &cli.command {
        Command::Summary(a) => summary::run(&cli.global, a),
        Command::Validate(a) => validate::run(&cli.global, a),
        Command::Show(a) => show::run(&cli.global, a),
        Command::Find(a) => find::run(&cli.global, a),
        Command::Shared(a) => shared::run(&cli.global, a),
        Command::Overlap(a) => overlap::run(&cli.global, a),
        Command::Timeline(a) => timeline::run(&cli.global, a),
        Command::Path(a) => path::run(&cli.global, a),
        Command::Ego(a) => ego::run(&cli.global, a),
        Command::Metrics(a) => metrics::run(&cli.global, a),
        Command::Communities(a) => communities::run(&cli.global, a),
        Command::Generate(a) => generate::run(&cli.global, a),
        Command::Schema(a) => schema::run(&cli.global, a),
        Command::Render(a) => render::run(&cli.global, a),
        Command::Heatmap(a) => heatmap::run(&cli.global, a),
        Command::Report(a) => report::run(&cli.global, a),
        Command::Export(a) => export::run(&cli.global, a),
        Command::Import(a) => import::run(&cli.global, a),
    };
    // The graph of a large dataset takes a noticeable time to free, and the
    // process is about to end: the system takes the memory back at once.
    std::mem::forget(cli);
    match result {
        Ok(code) => code,
        Err(Error::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            messages::report(&e);
            ExitCode::from(e.exit_code() as u8)
        }
    }
}
