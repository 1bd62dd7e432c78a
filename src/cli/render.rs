//! coopgraph render — a network diagram of a selection, as DOT, SVG, PNG or PDF,
//! styled for reports: a shape and colour per node kind, a line style per
//! relation kind, a legend, a title and a caption naming the data and the
//! filters, and a hover text with the sources on every node and edge.
//!
//! SVG is laid out by Graphviz when it is installed (`--layout`), and by the
//! built-in layout otherwise; stderr says which engine drew it. Without -o,
//! the DOT text goes to stdout.
//!
//! Usage: coopgraph render [-o FILE.dot|svg|png|pdf] [--force] [--layout dot|neato|fdp|sfdp]
//!        [--engine auto|graphviz|builtin] [--graphviz-timeout SECONDS] [--size-by METRIC] [--cluster networks]
//!        [--title TEXT] [--bare] [--view full|actors] [--ego NAME --depth N] [--from Y] [--to Y]
//!        [--kind K…] [--relation R…] [--source ID…]

use super::figure::{self, FigureFormat};
use super::{EngineArgs, GlobalArgs, NetworkArgs, OutputArgs, output};
use clap::ValueEnum;
use coopgraph::Error;
use coopgraph::metrics::Metric;
use coopgraph::network::ViewKind;
use coopgraph::render::diagram::{Diagram, NetworkFigure, cluster_problem};
use coopgraph::render::engine::Engine;
use coopgraph::render::layout::{self, OutputFormat, Renderer};
use std::process::ExitCode;

/// A network diagram as DOT, SVG, PNG or PDF.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub output: OutputArgs,
    /// Graphviz layout program.
    #[arg(long, value_enum, default_value_t = Engine::Dot)]
    pub layout: Engine,
    #[command(flatten)]
    pub engine: EngineArgs,
    /// Size node labels by this metric (computed on the drawn view).
    #[arg(long, value_enum, value_name = "METRIC")]
    pub size_by: Option<Metric>,
    /// Draw each network or council as a box with its members inside.
    #[arg(long, value_enum)]
    pub cluster: Option<ClusterArg>,
    /// Figure title (default from the selection).
    #[arg(long)]
    pub title: Option<String>,
    /// Leave out nodes that no drawn relation touches.
    #[arg(long)]
    pub drop_isolated: bool,
    /// Wrap node labels at this many characters.
    #[arg(
        long,
        default_value_t = 22,
        value_parser = super::at_least::<8>
    )]
    pub wrap: usize,
    #[command(flatten)]
    pub network: NetworkArgs,
    /// Leave the title, subtitle and caption out of the figure (for a
    /// publication that adds its own caption).
    #[arg(long)]
    pub bare: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClusterArg {
    /// Networks, councils and forums.
    Networks,
}

pub fn run(global: &GlobalArgs, args: &Args) -> coopgraph::Result<ExitCode> {
    let format = match args.output.output.as_ref() {
        None => None,
        // `-o -`: the SVG figure on stdout (without -o, DOT is printed).
        Some(_) if args.output.is_stdout() => Some(Fmt::Figure(FigureFormat::Svg)),
        Some(_) => Some(match args.output.extension().as_deref() {
            Some("dot" | "gv") => Fmt::Dot,
            Some("svg") => Fmt::Figure(FigureFormat::Svg),
            Some("png") => Fmt::Figure(FigureFormat::Png),
            Some("pdf") => Fmt::Figure(FigureFormat::Pdf),
            other => {
                return Err(Error::Usage(format!(
                    "cannot tell the figure format from {:?}; use a .dot, .svg, .png or .pdf file",
                    other.unwrap_or("no extension")
                )));
            }
        }),
    };
    let view = args.network.view;
    if let Some(why) = cluster_problem(args.cluster.is_some(), view, args.layout) {
        return Err(Error::Usage(format!("--cluster networks: {why}")));
    }
    let g = global.graph()?;
    let sel = args.network.selection(g)?;
    let fig = NetworkFigure {
        view,
        weight: args.network.weight,
        size_by: args.size_by,
        cluster_networks: args.cluster.is_some(),
        drop_isolated: args.drop_isolated,
        title: args.title.clone(),
        wrap: args.wrap,
        bare: args.bare,
        ..NetworkFigure::default()
    };
    let d = global.time("diagram", || {
        Diagram::build(g, &sel, &fig, global.lang(), &global.data_label())
    })?;
    let engine = args.layout;
    if d.nodes.is_empty() && !global.quiet {
        eprintln!("warning: the selection is empty; the figure shows only its title and legend");
    }
    let Some((path, format)) = args.output.output.as_deref().zip(format) else {
        let drawn = layout::draw(&d, OutputFormat::Dot, engine, Renderer::Auto)?;
        output::document(&String::from_utf8_lossy(&drawn.bytes))?;
        return Ok(ExitCode::SUCCESS);
    };
    let as_drawn = match format {
        Fmt::Dot => OutputFormat::Dot,
        Fmt::Figure(_) => OutputFormat::Svg,
    };
    let timeout = args.engine.timeout();
    let drawn = global.time("layout", || {
        layout::draw_within(&d, as_drawn, engine, args.engine.engine, timeout)
    })?;
    match format {
        Fmt::Dot => {
            global.write_output(path, args.output.force, &drawn.bytes)?;
            if !global.quiet && !args.output.is_stdout() {
                eprintln!("wrote {} (DOT)", output::path(path));
            }
        }
        Fmt::Figure(fig) => {
            let svg = String::from_utf8_lossy(&drawn.bytes);
            figure::write(global, &args.output, path, fig, &svg)?;
        }
    }
    if !global.quiet {
        let (nodes, relations) = (d.counts.nodes, d.counts.relations);
        let what = if fig.view == ViewKind::Actors {
            "ties"
        } else {
            "relations"
        };
        eprintln!(
            "{nodes} nodes, {relations} {what}; drawn by {}",
            drawn.engine
        );
        if engine == Engine::Fdp && drawn.engine.starts_with("Graphviz") {
            eprintln!(
                "note: Graphviz's fdp may lay out the same graph differently on each run; \
                 use dot, neato or sfdp for reproducible figures"
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fmt {
    Dot,
    Figure(FigureFormat),
}
