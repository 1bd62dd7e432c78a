//! coopgraph import — another tool's graph as a coopgraph dataset file.
//!
//! Usage: coopgraph import [--from csv|graphml|gexf|json|ftm|iati] INPUT... -o dataset.json
//!        [--force] [--default-kind KIND] [--verbose]
//!
//! `-o -` writes the dataset to stdout. The output is never INPUT itself,
//! however it is named (a hard link too), even with `--force`.
//!
//! Without `--from`, the format is detected as for `--data` (by extension,
//! then by content; a folder is a CSV folder).
//!
//! INPUT is a folder with `nodes.csv` and/or `edges.csv` (and optionally
//! `sources.csv`) or one CSV file for `csv`; for `iati`, any number of
//! IATI activity files and folders (their `*.xml` files, in name order),
//! read into one dataset; else one file. Every row that
//! cannot be taken is reported on stderr with its line and the reason, and
//! left out; the summary line counts exactly those rows, and says where
//! reading stopped if it did (an XML syntax error). Columns and attributes
//! that no field reads are warnings, named again in the summary line with
//! how many records had them, as are undirected edges read as directed.
//! Without `--verbose`, the first 20 problems are printed, then how many
//! more there are. Records without sources cite an `imported from FILE` source.
//! The dataset is validated before it is written: if it has errors, they
//! are reported, nothing is written, and the exit status is 2.

use super::{GlobalArgs, OutputArgs};
use coopgraph::Error;
use coopgraph::format::Format;
use coopgraph::import::{self, ImportOptions};
use coopgraph::interchange;
use coopgraph::load::Dataset;
use coopgraph::load::read_text;
use std::path::PathBuf;
use std::process::ExitCode;

/// Turn a spreadsheet pair, GraphML, node-link JSON, FtM or IATI file into a dataset.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The input's format (detected when not given).
    #[arg(long, value_enum)]
    pub from: Option<Format>,
    /// The file (or, for csv, the folder) to read; for iati, files and
    /// folders of them.
    #[arg(required = true, value_name = "INPUT")]
    pub input: Vec<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
    /// List every row left out and every problem on stderr (without it,
    /// the first 20, then how many more there are).
    #[arg(long, short)]
    pub verbose: bool,
}

/// How many problems `import` prints without `--verbose`.
const SHOWN: usize = 20;

pub fn run(global: &GlobalArgs, args: &Args) -> coopgraph::Result<ExitCode> {
    let Some(out) = args.output.output.clone() else {
        return Err(Error::Usage("import needs -o dataset.json".into()));
    };
    let opts = ImportOptions {
        default_kind: global.default_kind,
        max_input_size: global.max_input_size,
    };
    let input = &args.input[0];
    let name = input.display().to_string();
    let mut diags = Vec::new();
    // The text is read once: to detect the format (when not given), then to
    // read it.
    let mut read = None;
    let from = match args.from {
        Some(from) => from,
        None if input.is_dir() => Format::Csv,
        None => {
            let unknown = |why: String| Error::UnknownFormat {
                path: input.clone(),
                why,
            };
            let text = match read_text(input, global.max_input_size) {
                Ok(text) => text,
                // Not UTF-8, in a file not named as text: another format.
                Err(Error::Data(_)) if !Format::text_extension(&name) => {
                    return Err(unknown("it is not text (a binary file)".into()));
                }
                Err(e) => return Err(e),
            };
            let from = Format::recognise(&name, &text).map_err(unknown)?;
            read = Some(text);
            from
        }
    };
    if args.input.len() > 1 && from != Format::Iati {
        return Err(Error::Usage(
            "only IATI files (--from iati) are imported several at a time".into(),
        ));
    }
    let mut text = || match read.take() {
        Some(text) => Ok(text),
        None => read_text(input, global.max_input_size),
    };
    let imported = match from {
        Format::Csv => interchange::csv::read(input, &opts, &mut diags)?,
        Format::GraphMl => import::graphml::read(&name, &text()?, &opts, &mut diags),
        Format::Gexf => import::gexf::read(&name, &text()?, &opts, &mut diags),
        Format::Json => import::node_link(&name, &text()?, &opts, &mut diags),
        Format::Ftm => import::ftm::read(&name, &text()?, &opts, &mut diags),
        Format::Iati => read_iati(&args.input, &opts, &mut diags)?,
    };
    let shown = if args.verbose { diags.len() } else { SHOWN };
    for d in diags.iter().take(shown) {
        eprintln!("{}", super::output::for_terminal(&d.to_string(), true));
    }
    if diags.len() > shown {
        eprintln!(
            "… and {} more (--verbose lists every one)",
            diags.len() - shown
        );
    }
    let file = imported.to_file();
    // Every error is a row (or element) left out, but the one after which
    // a reader stops; of the warnings, only those coded `left-out` (a
    // record the reader skipped, as an IATI activity read twice).
    let stopped = diags
        .iter()
        .find(|d| d.is_error() && d.help.as_deref() == Some(import::STOPPED_READING));
    let left_out = diags
        .iter()
        .filter(|d| d.is_error() || d.code == import::LEFT_OUT)
        .count()
        - usize::from(stopped.is_some());
    // A file of which nothing could be taken (refused XML, a syntax error
    // on its first line, no rows) is an error, not an empty dataset.
    let problems = left_out + usize::from(stopped.is_some());
    if problems > 0 && file.nodes.is_empty() && file.relations.is_empty() {
        return Err(Error::Usage(format!(
            "nothing could be imported from {name} ({problems} problem(s) above); nothing was written"
        )));
    }
    let mut json = serde_json::to_string_pretty(&file).map_err(|e| Error::Usage(e.to_string()))?;
    json.push('\n');
    let out_name = if super::is_stdout(&out) {
        "stdout".to_string()
    } else {
        out.display().to_string()
    };
    let problems = coopgraph::validate::validate(&Dataset::from_str(&out_name, &json)?);
    if problems.iter().any(|d| d.is_error()) {
        return Err(Error::Data(problems));
    }
    // The input is an input too: never written over, however it is named.
    let inputs: Vec<(&str, &std::path::Path)> = args
        .input
        .iter()
        .map(|p| ("import's INPUT", p.as_path()))
        .collect();
    global.write_to(&out, args.output.force, &inputs, |w| {
        w.write_all(json.as_bytes())
    })?;
    if !global.quiet {
        eprintln!(
            "{}: {} sources, {} nodes, {} relations; {}",
            super::output::for_terminal(&out_name, false),
            file.sources.len(),
            file.nodes.len(),
            file.relations.len(),
            left_out_summary(left_out, stopped, &diags)
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// IATI files and folders of them, read in order into one store; each
/// file's organisations and countries merge with those read before it.
fn read_iati(
    inputs: &[PathBuf],
    opts: &ImportOptions,
    diags: &mut Vec<coopgraph::diagnostic::Diagnostic>,
) -> coopgraph::Result<coopgraph::store::Store> {
    let mut all = coopgraph::store::Store::default();
    for path in coopgraph::load::xml_files(inputs)? {
        let name = path.display().to_string();
        let text = read_text(&path, opts.max_input_size)?;
        let known = import::iati::Known::new(&all);
        let imported = import::iati::read(&name, &text, opts, &known, diags);
        all.absorb(imported);
    }
    Ok(all)
}

/// How many rows were left out (and where reading stopped, if it did),
/// which columns and attributes were not read (with how many records had
/// each), and how many undirected edges were read as directed: all that
/// the readers' diagnostics say was dropped or changed.
fn left_out_summary(
    left_out: usize,
    stopped: Option<&coopgraph::diagnostic::Diagnostic>,
    diags: &[coopgraph::diagnostic::Diagnostic],
) -> String {
    let mut out = format!(
        "{left_out} row{} left out",
        if left_out == 1 { "" } else { "s" }
    );
    if let Some(d) = stopped {
        let at = d.loc.as_ref().map_or(String::new(), |l| format!(" at {l}"));
        out.push_str(&format!(
            "; reading stopped{at}, and what follows is not read"
        ));
    }
    for (code, what) in [
        ("unknown-column", "columns"),
        ("unknown-attribute", "attributes"),
    ] {
        let mut names: Vec<String> = diags
            .iter()
            .filter(|d| !d.is_error() && d.code == code)
            .filter_map(|d| {
                let name = d.subject.as_deref()?;
                // The readers say how many records had an attribute:
                // "attribute `colour` (12 edges) is not read".
                let count = d
                    .message
                    .split_once("` (")
                    .and_then(|(_, rest)| rest.split_once(')'))
                    .map(|(n, _)| format!(" ({n})"));
                Some(format!("{name}{}", count.unwrap_or_default()))
            })
            .collect();
        names.dedup();
        if !names.is_empty() {
            out.push_str(&format!("; {what} not read: {}", names.join(", ")));
        }
    }
    let undirected: usize = diags
        .iter()
        .filter(|d| d.code == "undirected")
        // "12 edges are undirected: …"
        .filter_map(|d| d.message.split(' ').next()?.parse::<usize>().ok())
        .sum();
    if undirected > 0 {
        out.push_str(&format!(
            "; {undirected} undirected edge{} read as directed",
            if undirected == 1 { "" } else { "s" }
        ));
    }
    out
}
