//! coopgraph heatmap — the co-membership matrix: which actors (authorities by
//! default) take part in which networks and councils, ordered by clustering so
//! that groups that sit together show as blocks. `--matrix shared` draws
//! actors × actors instead, each cell the number of networks both are in.
//!
//! Without -o it prints the matrix (table: one column per activity, numbered,
//! with a key; json: rows, columns and cells with their relations and
//! sources). With `-o FILE.svg`, `-o FILE.png` or `-o FILE.pdf` it draws the
//! heatmap.
//!
//! Usage: coopgraph heatmap [--kind agency|state|organisation]
//!        [--via network|project|any] [--matrix membership|shared]
//!        [--max-rows N] [--max-cols N] [--from Y] [--to Y] [--title TEXT]
//!        [-o FILE.svg|FILE.png|FILE.pdf [--force] [--bare]]

use super::{Format, GlobalArgs, OutputArgs, WindowArgs, figure, output};
use coopgraph::analysis::comembership::Request;
use coopgraph::analysis::shared::Via;
use coopgraph::model::NodeKind;
use coopgraph::render::heatmap::{self, Mode};
use coopgraph::view::View;
use std::process::ExitCode;

/// The co-membership heatmap: actors × networks, or actors × actors.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Kind of actor in the rows.
    #[arg(long, value_enum, default_value_t = NodeKind::Agency)]
    pub kind: NodeKind,
    /// Which activities count: networks and councils, projects, or both
    /// (`any`).
    #[arg(long, value_enum, default_value_t = Via::Network)]
    pub via: Via,
    /// `membership`: actors × activities; `shared`: actors × actors, each
    /// cell the number of activities both take part in.
    #[arg(long, value_enum, default_value_t = Mode::Membership)]
    pub matrix: Mode,
    /// At most this many actors (those in the most activities).
    #[arg(long, default_value_t = 60, value_parser = super::at_least::<1>)]
    pub max_rows: usize,
    /// At most this many activities (those with the most of the actors).
    #[arg(long, default_value_t = 60, value_parser = super::at_least::<1>)]
    pub max_cols: usize,
    /// Figure title (default: says what the matrix shows).
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    #[command(flatten)]
    pub window: WindowArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Leave the title, subtitle and caption out of the figure (for a
    /// publication that adds its own caption).
    #[arg(long)]
    pub bare: bool,
}

pub fn run(global: &GlobalArgs, args: &Args) -> coopgraph::Result<ExitCode> {
    // A window that cannot be is refused before the data is read.
    let select = args.window.spec();
    select.window()?;
    let request = Request {
        kind: args.kind,
        via: args.via,
        max_rows: args.max_rows,
        max_cols: args.max_cols,
    };
    request.check()?;
    let figure_to = args.output.figure_format()?;
    let g = global.graph()?;
    let view_selection = select.resolve(g)?;
    let view = View::new(g, &view_selection);
    let m = request.run(&view, global.lang())?;
    let mode = args.matrix;
    if let Some((path, format)) = figure_to {
        let caption =
            coopgraph::render::caption(g, &view_selection, global.lang(), &global.data_label());
        let fig = heatmap::HeatmapFigure {
            mode,
            title: args.title.clone(),
            caption,
            bare: args.bare,
            lang: global.lang(),
        };
        let svg = heatmap::svg(&m, &fig);
        figure::write(global, &args.output, path, format, &svg)?;
        return Ok(ExitCode::SUCCESS);
    }
    if global.format == Format::Json {
        output::json(&m)?;
        return Ok(ExitCode::SUCCESS);
    }
    if m.rows.is_empty() {
        output::text("no actor of that kind takes part in any such activity\n")?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = format!("{}\n", heatmap::default_title(&m, mode, global.lang()));
    match mode {
        Mode::Membership => {
            let header: Vec<String> = std::iter::once("actor".to_string())
                .chain((1..=m.cols.len()).map(|c| c.to_string()))
                .collect();
            let header: Vec<&str> = header.iter().map(String::as_str).collect();
            out.push_str(&output::table(
                &header,
                m.rows.iter().enumerate().map(|(r, row)| {
                    let mut cells = vec![String::new(); m.cols.len()];
                    for c in m.cells.iter().filter(|c| c.row == r) {
                        cells[c.col] = if c.leads { "L" } else { "x" }.into();
                    }
                    std::iter::once(row.name.clone()).chain(cells)
                }),
            ));
            out.push_str("x: takes part; L: leads it or runs its secretariat\n");
            for (k, c) in m.cols.iter().enumerate() {
                out.push_str(&format!("{}: {}\n", k + 1, c.name));
            }
        }
        Mode::Shared => {
            let counts = m.shared_counts();
            let header: Vec<String> = std::iter::once("actor".to_string())
                .chain((1..=m.rows.len()).map(|c| c.to_string()))
                .collect();
            let header: Vec<&str> = header.iter().map(String::as_str).collect();
            out.push_str(&output::table(
                &header,
                m.rows.iter().enumerate().map(|(r, row)| {
                    std::iter::once(format!("{} {}", r + 1, row.name)).chain(
                        counts[r]
                            .iter()
                            .map(|&v| if v == 0 { String::new() } else { v.to_string() }),
                    )
                }),
            ));
            out.push_str(
                "each cell: activities both take part in; diagonal: the actor's own count\n",
            );
        }
    }
    if m.omitted_rows + m.omitted_cols > 0 {
        out.push_str(&format!(
            "left out by --max-rows/--max-cols: {} actors, {} activities\n",
            m.omitted_rows, m.omitted_cols
        ));
    }
    output::text(&out)?;
    Ok(ExitCode::SUCCESS)
}
