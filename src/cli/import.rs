//! coopgraph import — another tool's graph as a coopgraph dataset file.
//!
//! Usage: coopgraph import [--from csv|graphml|gexf|json|ftm|iati] INPUT... -o dataset.json
//!        [--force] [--default-kind KIND]
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
//! left out; the summary line counts exactly those rows. Columns and
//! attributes that no field reads are warnings, named again in the summary
//! line. Records without sources cite an `imported from FILE` source.
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
}

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
    for d in &diags {
        eprintln!("{}", super::output::for_terminal(&d.to_string(), true));
    }
    let file = imported.to_file();
    // Every error is a row (or element, or what follows a syntax error)
    // left out; warnings leave nothing out.
    let left_out = diags.iter().filter(|d| d.is_error()).count();
    // A file of which nothing could be taken (refused XML, a syntax error
    // on its first line, no rows) is an error, not an empty dataset.
    if left_out > 0 && file.nodes.is_empty() && file.relations.is_empty() {
        return Err(Error::Usage(format!(
            "nothing could be imported from {name} ({left_out} problem(s) above); nothing was written"
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
            left_out_summary(left_out, &diags)
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

/// How many rows were left out, and which columns and attributes were not
/// read (named by the readers' warnings).
fn left_out_summary(left_out: usize, diags: &[coopgraph::diagnostic::Diagnostic]) -> String {
    let mut out = format!(
        "{left_out} row{} left out",
        if left_out == 1 { "" } else { "s" }
    );
    for (code, what) in [
        ("unknown-column", "columns"),
        ("unknown-attribute", "attributes"),
    ] {
        let mut names: Vec<&str> = diags
            .iter()
            .filter(|d| !d.is_error() && d.code == code)
            .filter_map(|d| d.subject.as_deref())
            .collect();
        names.dedup();
        if !names.is_empty() {
            out.push_str(&format!("; {what} not read: {}", names.join(", ")));
        }
    }
    out
}
