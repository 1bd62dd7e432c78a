//! coopgraph export — the graph, or a selection of it, in the formats of
//! analysts' tools (see `coopgraph::interchange` and README.md, Export).
//!
//! Usage: coopgraph export --to graphml|gexf|csv|json|ftm|neo4j|dot -o PATH
//!        [--view full|actors] [--weight shared|years] [--ego NAME [--depth N]]
//!        [--from DATE] [--to DATE] [--kind K,…] [--relation R,…] [--force]
//!
//! `--to` names the format; a second `--to` with a date ends the time
//! window, as in the other commands (a format name is never a date). `csv`
//! and `neo4j` write a folder of files: the folder is created if needed,
//! each file is written atomically, and existing files are replaced only
//! with `--force`.

use super::{FilterArgs, GlobalArgs, NetworkArgs, OutputArgs, ViewArg, WeightArg, WindowArgs};
use coopgraph::Error;
use coopgraph::date::PartialDate;
use coopgraph::interchange::{Export, Format};
use coopgraph::network::{ViewKind, split_kinds};
use coopgraph::render::diagram::{Diagram, NetworkFigure};
use coopgraph::render::dot::Engine;
use coopgraph::view::View;
use std::process::ExitCode;

/// Export the graph for Gephi, NetworkX, yEd, igraph, Kumu, Aleph or Neo4j.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The format: graphml, gexf, csv, json, ftm, neo4j or dot. Given twice,
    /// the other value is the date that ends the time window.
    #[arg(long = "to", value_name = "FORMAT|DATE", required = true)]
    pub to: Vec<String>,
    /// Keep relations active in or after this year (or partial date).
    #[arg(long, value_name = "DATE", value_parser = super::parse_date)]
    pub from: Option<PartialDate>,
    /// `full`: every node and relation; `actors`: the undirected, weighted
    /// projection onto states, agencies and organisations (not a dataset:
    /// it cannot be imported back).
    #[arg(long, value_enum, default_value_t = ViewArg::Full)]
    pub view: ViewArg,
    /// Weight of actor ties: projects/networks shared, or years of overlap.
    #[arg(long, value_enum, default_value_t = WeightArg::Shared)]
    pub weight: WeightArg,
    /// Only the neighbourhood of this node (id, name or alias).
    #[arg(long, value_name = "NAME")]
    pub ego: Option<String>,
    /// Depth of the --ego neighbourhood.
    #[arg(long, default_value_t = 1, requires = "ego")]
    pub depth: usize,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

impl Args {
    /// The format and the window's end, from the `--to` values.
    fn format_and_end(&self) -> coopgraph::Result<(Target, Option<PartialDate>)> {
        let target = |v: &str| match Format::parse(v) {
            Some(f) => Some(Target::File(f)),
            None => v.trim().eq_ignore_ascii_case("dot").then_some(Target::Dot),
        };
        let (formats, dates): (Vec<&String>, Vec<&String>) =
            self.to.iter().partition(|v| target(v).is_some());
        let names = format!("{}, dot", Format::ALL.map(Format::as_str).join(", "));
        let format = match formats.as_slice() {
            [f] => target(f).ok_or_else(|| Error::Usage("unreachable".into()))?,
            [] => return Err(Error::Usage(format!("--to needs a format: {names}"))),
            _ => return Err(Error::Usage("--to names more than one format".into())),
        };
        let end = match dates.as_slice() {
            [] => None,
            [d] => Some(d.parse::<PartialDate>().map_err(|e| {
                Error::Usage(format!(
                    "--to {d}: neither a format ({names}) nor a date: {e}"
                ))
            })?),
            _ => return Err(Error::Usage("--to is given more than twice".into())),
        };
        Ok((format, end))
    }
}

/// What `--to` names: an interchange format, or DOT as `render` draws it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    File(Format),
    Dot,
}

pub fn run(global: &GlobalArgs, args: &Args) -> coopgraph::Result<ExitCode> {
    let (format, end) = args.format_and_end()?;
    let Some(path) = args.output.output.clone() else {
        return Err(Error::Usage("export needs -o PATH".into()));
    };
    let g = global.graph()?;
    let net = NetworkArgs {
        view: args.view,
        weight: args.weight,
        ego: args.ego.clone(),
        depth: args.depth,
        window: WindowArgs {
            from: args.from.clone(),
            to: end,
        },
        filter: args.filter.clone(),
    };
    let format = match format {
        Target::File(f) => f,
        Target::Dot => {
            // As `render -o FILE.dot` draws it, with the default styling.
            let fig = NetworkFigure {
                view: args.view.kind(),
                weight: args.weight.by(),
                ..NetworkFigure::default()
            };
            let sel = net.selection(g)?;
            let d = Diagram::build(g, &sel, &fig, global.lang(), &global.data_label())?;
            let text = coopgraph::render::dot::to_string(&d, Engine::Dot);
            global.write_output(&path, args.output.force, text.as_bytes())?;
            return Ok(ExitCode::SUCCESS);
        }
    };
    let export = match args.view {
        ViewArg::Full => Export::full(&View::new(g, &net.selection(g)?)),
        ViewArg::Actors => {
            let (sel, kinds) = split_kinds(&net.selection(g)?, ViewKind::Actors);
            Export::actors(&View::new(g, &sel), args.weight.by(), &kinds)
        }
    };
    let files = coopgraph::interchange::export(&export, format).map_err(Error::Usage)?;
    if !format.is_folder() {
        for (_, bytes) in &files {
            global.write_output(&path, args.output.force, bytes)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    global.guard_input(&path)?;
    if path.exists() && !path.is_dir() {
        return Err(Error::Usage(format!(
            "{} is a file; --to {} writes a folder",
            path.display(),
            format.as_str()
        )));
    }
    let targets: Vec<_> = files
        .iter()
        .map(|(name, bytes)| (path.join(name.unwrap_or("export")), bytes))
        .collect();
    if !args.output.force
        && let Some((p, _)) = targets.iter().find(|(p, _)| p.exists())
    {
        return Err(Error::Usage(format!(
            "{} exists; pass --force to replace it",
            p.display()
        )));
    }
    coopgraph::write::create_dir(&path)?;
    for (p, bytes) in targets {
        global.write_output(&p, args.output.force, bytes)?;
    }
    Ok(ExitCode::SUCCESS)
}
