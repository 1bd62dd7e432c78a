//! coopgraph export FORMAT — the graph, or a selection of it, in the formats
//! of analysts' tools (see `coopgraph::interchange` and docs/formats.md).
//!
//! Usage: coopgraph export graphml|gexf|csv|json|ftm|neo4j|dot -o PATH
//!        [--view full|actors] [--weight shared|years] [--ego NAME [--depth N]]
//!        [--from DATE] [--to DATE] [--kind K,…] [--relation R,…] [--force]
//!        [--spreadsheet-safe] [--bom] [--flavour gephi|kumu] [--links]
//!
//! `--to` ends the time window, as in every other command. Until the next
//! release, `--to FORMAT` still names the format (the form before the
//! format became the first argument), with a note that it is deprecated:
//! [`rewrite_deprecated`] turns it into the positional form before the
//! options are parsed. `csv` and `neo4j` write a folder of files: the
//! folder is created if needed, the files are checked and written as a set
//! (none is replaced unless all can be), existing files are replaced only
//! with `--force`, and the folder cannot be `-` (stdout). The single-file
//! formats go to stdout with `-o -`.

use super::{GlobalArgs, NetworkArgs, OutputArgs};
use coopgraph::Error;
use coopgraph::interchange::{CsvFlavour, Export, Format};
use coopgraph::network::{ViewKind, split_kinds};
use coopgraph::render::diagram::{Diagram, NetworkFigure};
use coopgraph::render::dot::Engine;
use coopgraph::view::View;
use std::ffi::OsString;
use std::process::ExitCode;

/// Export the graph for Gephi, NetworkX, yEd, igraph, Kumu, Aleph or Neo4j.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The format: graphml, gexf, csv, json, ftm, neo4j, or dot (the
    /// figure's graph, as `render -o FILE.dot` draws it).
    #[arg(value_name = "FORMAT", value_parser = parse_target)]
    pub target: Target,
    #[command(flatten)]
    pub network: NetworkArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// For `csv`: start every cell that a spreadsheet would run as a formula
    /// (`=`, `+`, `-`, `@`, tab, carriage return; not numbers) with `'`, to
    /// open the files in Excel or LibreOffice. Without it the cells are
    /// exact, for Gephi, Kumu and `coopgraph import`.
    /// (Such files also start with a byte-order mark, as with `--bom`.)
    #[arg(long)]
    pub spreadsheet_safe: bool,
    /// For `csv`: start each file with a UTF-8 byte-order mark, so that
    /// Excel shows å, ä, ö (Gephi reads the mark as part of the first
    /// column's name: leave it out for Gephi).
    #[arg(long)]
    pub bom: bool,
    /// For `csv`: the columns of the tool the folder is for: `gephi`
    /// (Source, Target, Type, Id, Label, Weight, Kind, timeset) or `kumu`
    /// (From, To, Label, Type, Direction). `coopgraph import` reads both.
    #[arg(long, value_enum, value_name = "TOOL", default_value_t = CsvFlavour::Gephi)]
    pub flavour: CsvFlavour,
    /// For `json`: write the edges under `links` as well as `edges`, so that
    /// NetworkX before 3.6 reads the file with its default arguments too.
    #[arg(long)]
    pub links: bool,
}

/// What an export writes: an interchange format, or DOT as `render` draws it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    File(Format),
    Dot,
}

impl Target {
    fn parse(v: &str) -> Option<Target> {
        match Format::parse(v) {
            Some(f) => Some(Target::File(f)),
            None => v.trim().eq_ignore_ascii_case("dot").then_some(Target::Dot),
        }
    }
}

fn parse_target(v: &str) -> Result<Target, String> {
    Target::parse(v).ok_or_else(|| {
        let names = Format::ALL.iter().map(|f| f.as_str()).collect::<Vec<_>>();
        format!("not a format; the formats are {}, dot", names.join(", "))
    })
}

/// The global options that take a value, to find the subcommand's name in
/// the arguments.
const GLOBAL_VALUES: [&str; 5] = [
    "--data",
    "--format",
    "--lang",
    "--default-kind",
    "--max-input-size",
];

/// The arguments with `export --to FORMAT` (the deprecated form) rewritten
/// as `export FORMAT`, and whether anything was rewritten. A `--to` whose
/// value is not a format is the window's end and stays.
pub fn rewrite_deprecated(args: Vec<OsString>) -> (Vec<OsString>, bool) {
    let mut i = 1;
    while i < args.len() {
        let a = args[i].to_string_lossy();
        if GLOBAL_VALUES.contains(&a.as_ref()) {
            i += 2;
        } else if a.starts_with('-') {
            i += 1;
        } else {
            break;
        }
    }
    if args.get(i).is_none_or(|a| a != "export") {
        return (args, false);
    }
    let (head, tail) = args.split_at(i + 1);
    let mut rest = Vec::with_capacity(tail.len());
    let mut format = None;
    let mut it = tail.iter().cloned();
    while let Some(a) = it.next() {
        let text = a.to_string_lossy().into_owned();
        let value = match text.strip_prefix("--to=") {
            Some(v) => Some((v.to_string(), None)),
            None if text == "--to" => it
                .next()
                .map(|v| (v.to_string_lossy().into_owned(), Some(v))),
            None => None,
        };
        match value {
            Some((v, _)) if format.is_none() && Target::parse(&v).is_some() => {
                format = Some(OsString::from(v));
            }
            Some((v, raw)) => {
                rest.push(OsString::from("--to"));
                rest.push(raw.unwrap_or_else(|| OsString::from(v)));
            }
            None => rest.push(a),
        }
    }
    let Some(format) = format else {
        return (args.to_vec(), false);
    };
    let mut out = head.to_vec();
    out.push(format);
    out.extend(rest);
    (out, true)
}

pub fn run(global: &GlobalArgs, args: &Args) -> coopgraph::Result<ExitCode> {
    let Some(path) = args.output.output.clone() else {
        return Err(Error::Usage("export needs -o PATH".into()));
    };
    if args.spreadsheet_safe && args.target != Target::File(Format::Csv) {
        return Err(Error::Usage(
            "--spreadsheet-safe is for `export csv`, the format opened in spreadsheets".into(),
        ));
    }
    let csv_only = [
        ("--bom", args.bom),
        ("--flavour", args.flavour != CsvFlavour::Gephi),
    ];
    for (flag, given) in csv_only {
        if given && args.target != Target::File(Format::Csv) {
            return Err(Error::Usage(format!(
                "{flag} is for `export csv`, the CSV folder"
            )));
        }
    }
    if args.links && args.target != Target::File(Format::Json) {
        return Err(Error::Usage(
            "--links is for `export json`, node-link JSON".into(),
        ));
    }
    let g = global.graph()?;
    let net = &args.network;
    let format = match args.target {
        Target::File(f) => f,
        Target::Dot => {
            // As `render -o FILE.dot` draws it, with the default styling.
            let fig = NetworkFigure {
                view: net.view,
                weight: net.weight,
                ..NetworkFigure::default()
            };
            let sel = net.selection(g)?;
            let d = Diagram::build(g, &sel, &fig, global.lang(), &global.data_label())?;
            let text = coopgraph::render::dot::to_string(&d, Engine::Dot);
            global.write_output(&path, args.output.force, text.as_bytes())?;
            return Ok(ExitCode::SUCCESS);
        }
    };
    let export = match net.view {
        ViewKind::Full => Export::full(&View::new(g, &net.selection(g)?)),
        ViewKind::Actors => {
            let (sel, kinds) = split_kinds(&net.selection(g)?, ViewKind::Actors);
            Export::actors(&View::new(g, &sel), net.weight, &kinds)
        }
    };
    let opts = coopgraph::interchange::ExportOptions {
        spreadsheet_safe: args.spreadsheet_safe,
        bom: args.bom,
        flavour: args.flavour,
        links: args.links,
    };
    let files = coopgraph::interchange::export_with(&export, format, &opts)?;
    if !format.is_folder() {
        for (_, bytes) in &files {
            global.write_output(&path, args.output.force, bytes)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    // The whole set is checked (inputs, existing files) before any file is
    // written, and written as a set.
    if super::is_stdout(&path) {
        return Err(super::no_folder_on_stdout(&format!(
            "export {}",
            format.as_str()
        )));
    }
    let targets: Vec<(std::path::PathBuf, &[u8])> = files
        .iter()
        .map(|(name, bytes)| (path.join(name.unwrap_or("export")), bytes.as_slice()))
        .collect();
    global.guard_input(&path)?;
    for (t, _) in &targets {
        global.guard_input(t)?;
    }
    coopgraph::write::create_dir(&path)?;
    coopgraph::write::atomic_set(&targets, args.output.force)?;
    Ok(ExitCode::SUCCESS)
}
