//! The one-command report: every figure and table a [`spec::ReportSpec`]
//! lists, plus `index.html` (each figure with its caption and table),
//! `report.md` and `explorer.html` (the whole graph in the explorer,
//! linked from `index.html`), as a list of files in memory.
//!
//! The report is built without touching the disk; the caller writes the
//! files (the CLI writes each atomically). The same graph, spec and options
//! always give the same bytes.
//!
//! ```
//! use coopgraph::graph::CoopGraph;
//! use coopgraph::report::{self, Options, spec::ReportSpec};
//! use coopgraph::render::layout::Renderer;
//! let g = CoopGraph::embedded().unwrap();
//! let spec = ReportSpec::parse("s.toml", r#"
//! title = "Turkey"
//! [[figure]]
//! id = "turkey"
//! kind = "network"
//! select = { ego = "Turkey", depth = 1 }
//! "#).unwrap();
//! let opts = Options { renderer: Renderer::Builtin, ..Options::default() };
//! let built = report::build(&g, &spec, &opts).unwrap();
//! let names: Vec<&str> = built.files.iter().map(|f| f.path.as_str()).collect();
//! assert_eq!(names, ["explorer.html", "figures/turkey.dot", "figures/turkey.svg", "index.html", "report.md"]);
//! ```

pub mod sources;
pub mod spec;

use crate::analysis::comembership::comembership;
use crate::analysis::shared::Via;
use crate::analysis::timeline::timeline;
use crate::date::Day;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::graph::CoopGraph;
use crate::interchange::csv::spreadsheet_safe;
use crate::metrics;
use crate::model::{Lang, NodeKind};
use crate::network::{Network, split_kinds};
use crate::render::diagram::{Diagram, NetworkFigure};
use crate::render::heatmap::{self, Mode};
use crate::render::layout::{self, OutputFormat, Renderer};
use crate::render::svg::esc;
use crate::view::View;
use crate::words::{W, fill, word};
use spec::{FigureKind, FigureSpec, ReportSpec, TableSpec};

/// How to build a report.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub renderer: Renderer,
    pub lang: Lang,
    /// The day timeline statuses refer to.
    pub as_of: Day,
    /// What the data is, for captions.
    pub data: String,
    /// How long Graphviz may take to lay out one figure (see
    /// [`layout::draw_within`]).
    pub graphviz_timeout: std::time::Duration,
    /// Figures without their painted title, subtitle and caption (the
    /// index and report.md still give them).
    pub bare: bool,
    /// Extra formats of each figure, converted from its SVG by the caller
    /// (PNG, PDF): linked from the index, each as `(label, extension)`.
    pub also: Vec<(String, String)>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            renderer: Renderer::Auto,
            lang: Lang::EN,
            as_of: Day {
                year: 2026,
                month: 1,
                day: 1,
            },
            data: "coopgraph's embedded dataset".into(),
            graphviz_timeout: layout::DEFAULT_GRAPHVIZ_TIMEOUT,
            bare: false,
            also: Vec::new(),
        }
    }
}

/// One file of the report, relative to the report directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A figure or table as the index shows it.
struct Section {
    title: String,
    caption: String,
    /// Path of the SVG, for figures.
    image: Option<String>,
    /// Other files of the section (DOT, CSV), with a label.
    links: Vec<(String, String)>,
    /// A table: header and rows.
    table: Option<(Vec<String>, Vec<Vec<String>>)>,
    /// Which engine drew the figure.
    engine: Option<String>,
    /// The sources its hover texts cite, with their paragraphs.
    cited: Vec<(String, Vec<u32>)>,
}

/// A built report: its files in path order, and the engines that drew its
/// network figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Built {
    pub files: Vec<OutputFile>,
    pub engines: std::collections::BTreeSet<String>,
}

/// Builds every file of the report.
pub fn build(g: &CoopGraph, spec: &ReportSpec, opts: &Options) -> Result<Built> {
    let mut files = Vec::new();
    let mut sections = Vec::new();
    // A figure or table that cannot be built is a spec error, located at
    // its id (an unknown actor, a date that does not parse…).
    let located = |what: &str, id: &str, loc: &Option<crate::diagnostic::Loc>, e: Error| {
        let message = match &e {
            Error::Spec(d) | Error::Data(d) => d
                .iter()
                .map(|d| d.message.clone())
                .collect::<Vec<_>>()
                .join("; "),
            other => other.to_string(),
        };
        Error::Spec(vec![
            Diagnostic::error("spec-figure", format!("{what} {id:?}: {message}")).at(loc.as_ref()),
        ])
    };
    for f in &spec.figures {
        let s = figure(g, f, opts, &mut files).map_err(|e| located("figure", &f.id, &f.loc, e))?;
        sections.push(s);
    }
    for t in &spec.tables {
        let s = table(g, t, opts, &mut files).map_err(|e| located("table", &t.id, &t.loc, e))?;
        sections.push(s);
    }
    let explorer = explorer(g, spec, opts)?;
    let linked = explorer.is_some();
    files.extend(explorer);
    files.push(OutputFile {
        path: "index.html".into(),
        bytes: index_html(spec, &sections, opts, &g.data.sources, linked).into_bytes(),
    });
    files.push(OutputFile {
        path: "report.md".into(),
        bytes: report_md(spec, &sections, opts, &g.data.sources).into_bytes(),
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let engines = sections.iter().filter_map(|s| s.engine.clone()).collect();
    Ok(Built { files, engines })
}

fn figure(
    g: &CoopGraph,
    f: &FigureSpec,
    opts: &Options,
    files: &mut Vec<OutputFile>,
) -> Result<Section> {
    let sel = f.select.resolve(g)?;
    let mut caption = crate::render::caption(g, &sel, opts.lang, &opts.data);
    let svg_path = format!("figures/{}.svg", f.id);
    let mut links = Vec::new();
    let (svg, title, engine) = match f.kind {
        FigureKind::Network => {
            let fig = NetworkFigure {
                view: f.view.unwrap_or_default(),
                weight: f.weight.unwrap_or_default(),
                size_by: f.size_by,
                cluster_networks: f.cluster.unwrap_or(false),
                drop_isolated: f.drop_isolated.unwrap_or(false),
                title: f.title_in(opts.lang).cloned(),
                wrap: 22,
                exclude: exclusion(g, f.exclude.as_ref())?,
                max_nodes: f.max_nodes,
                bare: opts.bare,
            };
            let d = Diagram::build(g, &sel, &fig, opts.lang, &opts.data)?;
            let engine = f.layout.unwrap_or_default();
            let dot = layout::draw(&d, OutputFormat::Dot, engine, opts.renderer)?;
            let dot_path = format!("figures/{}.dot", f.id);
            files.push(OutputFile {
                path: dot_path.clone(),
                bytes: dot.bytes,
            });
            links.push(("DOT".to_string(), dot_path));
            let drawn = layout::draw_within(
                &d,
                OutputFormat::Svg,
                engine,
                opts.renderer,
                opts.graphviz_timeout,
            )?;
            caption = d.caption.clone();
            (drawn.bytes, d.title.clone(), Some(drawn.engine))
        }
        FigureKind::Timeline => {
            let name = f.actor.as_deref().unwrap_or_default();
            let actor = g.resolve(name)?;
            let view = View::new(g, &sel);
            let t = timeline(&view, actor, opts.as_of, opts.lang);
            let title = f.title_in(opts.lang).cloned().unwrap_or_else(|| {
                let name = g.display_name(actor, opts.lang);
                crate::words::fill(crate::words::W::HistoryOf, opts.lang, &[name])
            });
            let fig = crate::render::timeline::TimelineFigure {
                title: Some(title.clone()),
                caption: caption.clone(),
                bare: opts.bare,
                lang: opts.lang,
            };
            let svg = crate::render::timeline::svg(&t, &fig);
            (svg.into_bytes(), title, None)
        }
        FigureKind::Heatmap => {
            let view = View::new(g, &sel);
            let rows = f.rows.unwrap_or(NodeKind::Agency);
            let m = comembership(&view, rows, Via::Network, 60, 60, opts.lang);
            let mode = if f.square.unwrap_or(false) {
                Mode::Shared
            } else {
                Mode::Membership
            };
            let title = f
                .title_in(opts.lang)
                .cloned()
                .unwrap_or_else(|| heatmap::default_title(&m, mode, opts.lang));
            let fig = heatmap::HeatmapFigure {
                mode,
                title: Some(title.clone()),
                caption: caption.clone(),
                bare: opts.bare,
                lang: opts.lang,
            };
            let svg = heatmap::svg(&m, &fig);
            (svg.into_bytes(), title, None)
        }
    };
    let cited = sources::cited(&String::from_utf8_lossy(&svg), &g.data.sources);
    files.push(OutputFile {
        path: svg_path.clone(),
        bytes: svg,
    });
    let caption = match f.caption_in(opts.lang) {
        Some(c) => format!("{c} {caption}"),
        None => caption,
    };
    Ok(Section {
        title,
        caption,
        image: Some(svg_path),
        links,
        table: None,
        engine,
        cited,
    })
}

/// A figure's `exclude` with its node names resolved; an unknown name is
/// an error (which [`build`] locates at the figure).
fn exclusion(
    g: &CoopGraph,
    ex: Option<&spec::Exclude>,
) -> Result<crate::render::diagram::Exclusion> {
    let Some(ex) = ex else {
        return Ok(Default::default());
    };
    let nodes = ex
        .nodes
        .iter()
        .map(|n| g.resolve(n))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    Ok(crate::render::diagram::Exclusion {
        relations: ex.relations.clone(),
        kinds: ex.kinds.clone(),
        nodes,
    })
}

fn table(
    g: &CoopGraph,
    t: &TableSpec,
    opts: &Options,
    files: &mut Vec<OutputFile>,
) -> Result<Section> {
    let sel = t.select.resolve(g)?;
    let kind = t.view.unwrap_or_default();
    let (base, kinds) = split_kinds(&sel, kind);
    let view = View::new(g, &base);
    let net = Network::of_view(&view, kind, t.weight.unwrap_or_default(), &kinds);
    // The CSV has every node; the index shows the top rows.
    let request = metrics::Request {
        metrics: t.metrics.clone(),
        sort: t.sort,
        top: None,
        graph_measures: Some(false),
        options: metrics::Options::default(),
    };
    let answer = request.run(g, &net, opts.lang)?;
    let records = answer.csv_records();
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in &records {
        // The table is for spreadsheets: no name runs as a formula there.
        w.write_record(r.iter().map(|c| spreadsheet_safe(c).into_owned()))
            .map_err(|e| Error::Output(e.into()))?;
    }
    let csv_path = format!("tables/{}.csv", t.id);
    files.push(OutputFile {
        path: csv_path.clone(),
        bytes: w.into_inner().map_err(|e| Error::Output(e.into_error()))?,
    });
    // The index shows name, kind and the metrics, rounded; the CSV has all.
    let header: Vec<String> = ["name", "kind"]
        .into_iter()
        .map(String::from)
        .chain(answer.metrics.iter().map(|m| m.as_str().to_string()))
        .collect();
    let shown = t.top.unwrap_or(answer.rows.len()).min(answer.rows.len());
    let rows = answer.rows[..shown]
        .iter()
        .map(|r| {
            [r.node.name.clone(), r.node.kind.clone()]
                .into_iter()
                .chain(r.rounded())
                .collect()
        })
        .collect();
    let described = sel.describe(g, opts.lang);
    let mut caption = t.caption_in(opts.lang).cloned().unwrap_or_default();
    let selection = if described.is_empty() {
        String::new()
    } else {
        fill(W::TableSelection, opts.lang, &[&described])
    };
    let counts = [
        net.node_count().to_string(),
        net.edge_count().to_string(),
        shown.to_string(),
        answer.rows.len().to_string(),
    ];
    caption.push_str(&fill(
        W::TableCaption,
        opts.lang,
        &[
            &opts.data, &selection, &counts[0], &counts[1], &counts[2], &counts[3],
        ],
    ));
    Ok(Section {
        title: t
            .title_in(opts.lang)
            .cloned()
            .unwrap_or_else(|| t.id.clone()),
        caption: caption.trim().to_string(),
        image: None,
        links: vec![("CSV".to_string(), csv_path)],
        table: Some((header, rows)),
        engine: None,
        cited: Vec::new(),
    })
}

/// `explorer.html`: the whole graph in the explorer, beside the report
/// page, which stays script-free and links it. A graph larger than the
/// explorer takes gets none (the report still builds).
fn explorer(g: &CoopGraph, spec: &ReportSpec, opts: &Options) -> Result<Option<OutputFile>> {
    let explore_opts = crate::explore::Options {
        lang: opts.lang,
        data_label: opts.data.clone(),
        title: Some(spec.title_in(opts.lang).to_string()),
    };
    match crate::explore::build(g, &crate::view::SelectionSpec::default(), &explore_opts) {
        Ok(bytes) => Ok(Some(OutputFile {
            path: "explorer.html".into(),
            bytes,
        })),
        Err(Error::TooLargeToExplore { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

fn index_html(
    spec: &ReportSpec,
    sections: &[Section],
    opts: &Options,
    sources: &[crate::model::Source],
    explorer: bool,
) -> String {
    let mut s = String::new();
    let lang = opts.lang;
    let html_lang = if lang.is_swedish() { "sv" } else { "en" };
    s.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{html_lang}\">\n<head>\n<meta charset=\"utf-8\">\n"
    ));
    // No script, no remote resources: the report works offline, and a name
    // in the data can never run code.
    s.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src 'self'; object-src 'self'; frame-src 'self'; style-src 'unsafe-inline'\">\n");
    s.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    s.push_str(&format!("<title>{}</title>\n", esc(spec.title_in(lang))));
    s.push_str(
        "<style>\nbody{font-family:'DejaVu Sans',Arial,Helvetica,sans-serif;color:#222;max-width:1200px;margin:2em auto;padding:0 1em;line-height:1.45}\n\
         h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2.2em;border-bottom:1px solid #ddd;padding-bottom:.2em}\n\
         figure{margin:1em 0}figure object,figure img{max-width:100%;height:auto;border:1px solid #eee}\n\
         figcaption,.caption{color:#555;font-size:.9em;margin-top:.4em}\n\
         table{border-collapse:collapse;font-size:.9em;margin:.6em 0}th,td{border:1px solid #ddd;padding:.25em .6em;text-align:left}\n\
         td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f4f4f4}\n\
         nav ol{columns:2}.files{font-size:.85em}\n</style>\n</head>\n<body>\n",
    );
    s.push_str(&format!("<h1>{}</h1>\n", esc(spec.title_in(lang))));
    if let Some(intro) = spec.intro_in(lang) {
        s.push_str(&format!("<p>{}</p>\n", esc(intro.trim())));
    }
    let as_of = opts.as_of.to_string();
    s.push_str(&format!(
        "<p class=\"caption\">{}</p>\n<nav><ol>\n",
        esc(&fill(W::ReportData, lang, &[&opts.data, &as_of]))
    ));
    if explorer {
        // Only a link: the explorer's scripts run in its own page.
        let link = format!(
            "<a href=\"explorer.html\">{}</a>",
            esc(word(W::ExploreLinkText, lang))
        );
        s.push_str(&format!(
            "<li>{}</li>\n",
            fill(W::ExploreLink, lang, &[&link])
        ));
    }
    for (k, sec) in sections.iter().enumerate() {
        s.push_str(&format!(
            "<li><a href=\"#s{}\">{}</a></li>\n",
            k + 1,
            esc(&sec.title)
        ));
    }
    s.push_str(&format!(
        "<li><a href=\"#sources\">{}</a></li>\n</ol></nav>\n",
        esc(word(W::SourcesHeading, lang))
    ));
    for (k, sec) in sections.iter().enumerate() {
        s.push_str(&format!(
            "<section id=\"s{}\">\n<h2>{}. {}</h2>\n",
            k + 1,
            k + 1,
            esc(&sec.title)
        ));
        if let Some(img) = &sec.image {
            s.push_str(&format!(
                "<figure>\n<object data=\"{img}\" type=\"image/svg+xml\" aria-label=\"{t}\">\
                 <img src=\"{img}\" alt=\"{t}\"></object>\n<figcaption>{}</figcaption>\n</figure>\n",
                esc(&sec.caption),
                t = esc(&sec.title),
            ));
        } else {
            s.push_str(&format!("<p class=\"caption\">{}</p>\n", esc(&sec.caption)));
        }
        if let Some((header, rows)) = &sec.table {
            s.push_str("<table>\n<thead><tr>");
            for h in header {
                s.push_str(&format!("<th>{}</th>", esc(h)));
            }
            s.push_str("</tr></thead>\n<tbody>\n");
            for row in rows {
                s.push_str("<tr>");
                for (c, cell) in row.iter().enumerate() {
                    let class = if c >= 2 { " class=\"n\"" } else { "" };
                    s.push_str(&format!("<td{class}>{}</td>", esc(cell)));
                }
                s.push_str("</tr>\n");
            }
            s.push_str("</tbody>\n</table>\n");
        }
        let mut files: Vec<String> = sec
            .links
            .iter()
            .map(|(label, path)| format!("<a href=\"{path}\">{}</a>", esc(label)))
            .collect();
        if let Some(img) = &sec.image {
            let stem = img.trim_end_matches(".svg");
            for (label, ext) in opts.also.iter().rev() {
                files.insert(0, format!("<a href=\"{stem}.{ext}\">{}</a>", esc(label)));
            }
            files.insert(0, format!("<a href=\"{img}\">SVG</a>"));
        }
        let engine = sec
            .engine
            .as_ref()
            .map(|e| esc(&fill(W::DrawnBy, lang, &[e])))
            .unwrap_or_default();
        if !sec.cited.is_empty() {
            s.push_str(&sources::cited_html(&sec.cited, lang));
        }
        let files = fill(W::Files, lang, &[&files.join(", ")]);
        s.push_str(&format!(
            "<p class=\"files\">{files}{engine}</p>\n</section>\n"
        ));
    }
    s.push_str(&sources::html(sources, lang));
    s.push_str("</body>\n</html>\n");
    s
}

/// Markdown text that shows as written: HTML markup (which Markdown passes
/// through) as entities, backslashes and the characters that end an image
/// text or a table cell escaped, and line breaks as spaces (they would end
/// a table row). Other control characters and the bidirectional formatting
/// characters, which would act on a terminal showing the file, are written
/// `\u{1b}`, `\u{202e}`… as table output writes them
/// ([`crate::terminal::escape`]).
fn md_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '|' | '[' | ']' | '`' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if crate::terminal::is_unsafe(c) => {
                out.push_str(&crate::terminal::escape(c.encode_utf8(&mut [0; 4]), false));
            }
            c => out.push(c),
        }
    }
    out
}

fn report_md(
    spec: &ReportSpec,
    sections: &[Section],
    opts: &Options,
    sources: &[crate::model::Source],
) -> String {
    let lang = opts.lang;
    let mut s = format!("# {}\n\n", md_text(spec.title_in(lang)));
    if let Some(intro) = spec.intro_in(lang) {
        s.push_str(&format!("{}\n\n", md_text(intro.trim())));
    }
    let as_of = opts.as_of.to_string();
    s.push_str(&format!(
        "{}\n\n",
        md_text(&fill(W::ReportData, lang, &[&opts.data, &as_of]))
    ));
    for (k, sec) in sections.iter().enumerate() {
        s.push_str(&format!("## {}. {}\n\n", k + 1, md_text(&sec.title)));
        if let Some(img) = &sec.image {
            s.push_str(&format!("![{}]({img})\n\n", md_text(&sec.title)));
        }
        s.push_str(&format!("{}\n\n", md_text(&sec.caption)));
        if let Some((header, rows)) = &sec.table {
            s.push_str(&format!(
                "| {} |\n|{}|\n",
                header
                    .iter()
                    .map(|h| md_text(h))
                    .collect::<Vec<_>>()
                    .join(" | "),
                header
                    .iter()
                    .enumerate()
                    .map(|(c, _)| if c >= 2 { "---:" } else { "---" })
                    .collect::<Vec<_>>()
                    .join("|")
            ));
            for row in rows {
                s.push_str(&format!(
                    "| {} |\n",
                    row.iter()
                        .map(|c| md_text(c))
                        .collect::<Vec<_>>()
                        .join(" | ")
                ));
            }
            s.push('\n');
        }
        let mut files: Vec<String> = sec
            .links
            .iter()
            .map(|(label, path)| format!("[{label}]({path})"))
            .collect();
        if let Some(img) = &sec.image {
            let stem = img.trim_end_matches(".svg");
            for (label, ext) in opts.also.iter().rev() {
                files.insert(0, format!("[{}]({stem}.{ext})", md_text(label)));
            }
            files.insert(0, format!("[SVG]({img})"));
        }
        if !sec.cited.is_empty() {
            s.push_str(&sources::cited_markdown(&sec.cited, md_text, lang));
        }
        s.push_str(&format!(
            "{}\n\n",
            fill(W::Files, lang, &[&files.join(", ")])
        ));
    }
    s.push_str(&sources::markdown(sources, md_text, lang));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_text_shows_as_written() {
        assert_eq!(
            md_text("<script>a|b</script> [x] & `c`\\\nd"),
            "&lt;script&gt;a\\|b&lt;/script&gt; \\[x\\] &amp; \\`c\\`\\\\ d"
        );
        assert_eq!(
            md_text("a\u{1b}[2J\u{7}\u{0}\u{9b}\u{202e}b\tc"),
            "a\\u{1b}\\[2J\\u{7}\\u{0}\\u{9b}\\u{202e}b\\u{9}c"
        );
    }
}
