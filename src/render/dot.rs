//! Network diagrams as Graphviz DOT, built as a graphviz-rust AST and printed
//! by its printer; no DOT text is pasted together.
//!
//! Every string that reaches the DOT file (ids, labels, hover texts) goes
//! through [`quoted`] (a DOT double-quoted string) or `svg::esc` (the XML
//! escaping, for HTML-like labels), so that quotes, backslashes, newlines and markup in names come out
//! as text.
//!
//! ```
//! use coopgraph::{graph::CoopGraph, model::Lang, view::Selection};
//! use coopgraph::render::{diagram::{Diagram, NetworkFigure}, dot, engine::Engine};
//! let g = CoopGraph::embedded().unwrap();
//! let fig = NetworkFigure::default();
//! let d = Diagram::build(&g, &Selection::default(), &fig, Lang::EN, "data").unwrap();
//! let text = dot::to_string(&d, Engine::Dot);
//! assert!(text.starts_with("digraph"));
//! assert!(graphviz_rust::parse(&text).is_ok());
//! ```

use super::diagram::{Diagram, DiagramEdge, LegendRow};
/// The layout programs, re-exported here where they were first defined.
pub use super::engine::Engine;
use super::style::{FONT, GREY, INK, PAPER, edge_style, node_style, wrap};
use super::svg::esc;
use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

/// Members per row inside a cluster (dot layout).
const GRID: usize = 2;
/// Clusters per row (dot layout): two side by side fit a page's width.
const CLUSTERS_PER_ROW: usize = 2;
/// Most clusters per row (osage layout), each with its members in rows of
/// two.
const OSAGE_PER_ROW: usize = 3;
/// Node labels wrap at this many characters at most: narrow nodes keep a
/// drawing within the page's width ([`super::page`]).
const WRAP: usize = 16;
/// The smallest font of the drawing, in points: Graphviz draws one unit a
/// point, and its layouts are kept within [`super::page::WIDTH`] points.
const MIN_FONT: f64 = super::page::MIN_FONT;

/// A DOT double-quoted string: `"` and `\` escaped, line breaks as `\n`
/// (Graphviz's centred line break), other control characters dropped, and
/// `&` written `&amp;`, because Graphviz reads HTML entities in every string
/// (a name `Tom &amp; Jerry` would otherwise be drawn `Tom & Jerry`).
///
/// ```
/// use coopgraph::render::dot::quoted;
/// use graphviz_rust::dot_structures::Id;
/// assert_eq!(quoted("say \"hi\"\\"), Id::Escaped(r#""say \"hi\"\\""#.into()));
/// assert_eq!(quoted("two\nlines"), Id::Escaped(r#""two\nlines""#.into()));
/// assert_eq!(quoted("A &amp; B"), Id::Escaped(r#""A &amp;amp; B""#.into()));
/// ```
pub fn quoted(s: &str) -> Id {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '&' => out.push_str("&amp;"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    Id::Escaped(out)
}

fn attr(key: &str, value: Id) -> Attribute {
    Attribute(Id::Plain(key.to_string()), value)
}

fn plain(key: &str, value: &str) -> Attribute {
    attr(key, quoted(value))
}

fn num(key: &str, value: f64) -> Attribute {
    attr(key, Id::Plain(super::svg::num(value)))
}

fn node_id(key: &str) -> NodeId {
    NodeId(quoted(key), None)
}

/// The diagram as a graphviz-rust graph, styled for `engine`.
pub fn to_graph(d: &Diagram, engine: Engine) -> Graph {
    let mut stmts: Vec<Stmt> = Vec::new();
    let graph_attrs = graph_attributes(d, engine);
    stmts.push(Stmt::GAttribute(GraphAttributes::Graph(graph_attrs)));
    stmts.push(Stmt::GAttribute(GraphAttributes::Node(vec![
        plain("fontname", FONT),
        num("fontsize", MIN_FONT),
        plain("color", INK),
        num("penwidth", 0.8),
        plain("margin", "0.08,0.04"),
    ])));
    stmts.push(Stmt::GAttribute(GraphAttributes::Edge(vec![
        plain("fontname", FONT),
        num("fontsize", MIN_FONT),
        num("arrowsize", 0.7),
    ])));
    for (i, _) in d
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.cluster.is_none())
    {
        stmts.push(Stmt::Node(node(d, i)));
    }
    for c in 0..d.clusters.len() {
        stmts.push(cluster(d, c, engine));
    }
    if engine == Engine::Dot {
        stmts.extend(cluster_rows(d));
    }
    let max_weight = d.edges.iter().map(|e| e.weight).fold(1.0, f64::max);
    for e in &d.edges {
        stmts.push(edge(d, e, max_weight, engine));
    }
    let id = quoted(&d.title);
    if d.directed {
        Graph::DiGraph {
            id,
            strict: false,
            stmts,
        }
    } else {
        Graph::Graph {
            id,
            strict: false,
            stmts,
        }
    }
}

/// Invisible edges that wrap the clusters into rows of
/// [`CLUSTERS_PER_ROW`] (dot would set them side by side in one long
/// strip): the last member of each cluster above the first member of the
/// cluster under it in the next row, weighted so that dot keeps the two in
/// one column.
fn cluster_rows(d: &Diagram) -> Vec<Stmt> {
    let n = d.clusters.len();
    let per_row = CLUSTERS_PER_ROW;
    let members = |c: usize| {
        (0..d.nodes.len())
            .filter(|&i| d.nodes[i].cluster == Some(c))
            .collect::<Vec<_>>()
    };
    let mut out = Vec::new();
    for c in 0..n.saturating_sub(per_row) {
        let (Some(&a), Some(&b)) = (members(c).last(), members(c + per_row).first()) else {
            continue;
        };
        out.push(Stmt::Edge(Edge {
            ty: EdgeTy::Pair(
                Vertex::N(node_id(&d.nodes[a].key)),
                Vertex::N(node_id(&d.nodes[b].key)),
            ),
            attributes: vec![plain("style", "invis"), num("weight", 10.0)],
        }));
    }
    out
}

/// The graph's attributes: font, title and caption, and the layout
/// settings of `engine`.
fn graph_attributes(d: &Diagram, engine: Engine) -> Vec<Attribute> {
    // The title, caption and legend stand above the drawing, in the
    // graph's label: the legend takes no place in the layout.
    let mut graph_attrs = vec![
        plain("fontname", FONT),
        num("fontsize", MIN_FONT),
        plain("bgcolor", "#FFFFFF"),
        plain("labelloc", "t"),
        plain("labeljust", "l"),
        num("pad", 0.2),
        attr("label", Id::Html(title_label(d))),
        plain("tooltip", &d.title),
    ];
    // Compact layouts: each keeps its drawing within the page's width
    // (page::WIDTH points), so that its labels print at 8 pt or more.
    match engine {
        Engine::Dot => {
            // Clusters read best as grids of members, top to bottom.
            let dir = if d.clusters.is_empty() { "LR" } else { "TB" };
            graph_attrs.push(plain("rankdir", dir));
            graph_attrs.push(num("nodesep", 0.12));
            graph_attrs.push(num("ranksep", 0.2));
            graph_attrs.push(plain("newrank", "true"));
            graph_attrs.push(plain("compound", "true"));
        }
        Engine::Osage => {
            // Clusters and free nodes packed in rows of OSAGE_PER_ROW,
            // each cluster's members in rows of two.
            graph_attrs.push(num("pack", 8.0));
            let rows = format!("array_u{}", osage_per_row(d));
            graph_attrs.push(plain("packmode", &rows));
        }
        Engine::Neato | Engine::Fdp | Engine::Sfdp => {
            // Prism removes overlaps keeping the drawing tight (Graphviz's
            // default method, `false`, spreads it far wider). An additive
            // `sep` ("+3") crashes sfdp 2.43: a scale it is.
            graph_attrs.push(plain("overlap", "prism"));
            graph_attrs.push(plain("splines", "true"));
            graph_attrs.push(num("sep", 0.2));
            // Short springs: the drawing is as tight as its boxes allow.
            graph_attrs.push(num("K", 0.1));
            if engine == Engine::Neato {
                graph_attrs.push(plain("mode", "major"));
            }
        }
    }
    graph_attrs
}

/// A cluster's label: its name and, under it, the role most of its members
/// have.
fn cluster_label(c: &super::diagram::Cluster, lang: crate::model::Lang) -> String {
    let mut lines = wrap(&c.label, 30);
    if let Some(role) = c.role_line(lang) {
        lines.extend(wrap(&role, 30));
    }
    lines.join("\n")
}

/// How many clusters of two member columns fit across the page (osage):
/// [`OSAGE_PER_ROW`], fewer where members' names are long single words
/// (Swedish authorities' names) that do not wrap.
fn osage_per_row(d: &Diagram) -> usize {
    let longest = d
        .nodes
        .iter()
        .filter(|n| n.cluster.is_some())
        .flat_map(|n| wrap(&n.label, WRAP))
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(WRAP);
    // Graphviz's DejaVu Sans averages about 0.52 em a character.
    let member = longest as f64 * MIN_FONT * 0.52 + 14.0;
    let cluster = 2.0 * member + 24.0;
    let fit = ((super::page::WIDTH - 40.0) / cluster).floor() as usize;
    fit.clamp(1, OSAGE_PER_ROW)
}

/// Cluster `c`: a filled box holding copies of its members.
fn cluster(d: &Diagram, c: usize, engine: Engine) -> Stmt {
    let cluster = &d.clusters[c];
    let style = node_style(crate::model::NodeKind::Network);
    let mut inner = vec![
        Stmt::Attribute(plain("label", &cluster_label(cluster, d.lang))),
        Stmt::Attribute(plain("tooltip", &cluster.hover)),
        Stmt::Attribute(plain("style", "filled,rounded")),
        Stmt::Attribute(plain("fillcolor", PAPER)),
        Stmt::Attribute(plain("color", style.fill)),
        Stmt::Attribute(num("penwidth", 1.6)),
        Stmt::Attribute(plain("fontname", FONT)),
        Stmt::Attribute(num("fontsize", 11.0)),
        Stmt::Attribute(plain("labeljust", "l")),
    ];
    if engine == Engine::Osage {
        inner.push(Stmt::Attribute(plain("packmode", "array_u2")));
        inner.push(Stmt::Attribute(num("pack", 4.0)));
    }
    let members: Vec<usize> = (0..d.nodes.len())
        .filter(|&i| d.nodes[i].cluster == Some(c))
        .collect();
    for &i in &members {
        inner.push(Stmt::Node(node(d, i)));
    }
    if engine == Engine::Dot {
        // Invisible edges stack the members in rows of GRID, so that a
        // large council is a block rather than one long row.
        for (k, &i) in members.iter().enumerate().skip(GRID) {
            inner.push(Stmt::Edge(Edge {
                ty: EdgeTy::Pair(
                    Vertex::N(node_id(&d.nodes[members[k - GRID]].key)),
                    Vertex::N(node_id(&d.nodes[i].key)),
                ),
                attributes: vec![plain("style", "invis"), num("weight", 10.0)],
            }));
        }
    }
    Stmt::Subgraph(Subgraph {
        id: Id::Plain(format!("cluster_{c}")),
        stmts: inner,
    })
}

/// An edge in its relation's style (or, for a tie, a width by weight).
fn edge(d: &Diagram, e: &DiagramEdge, max_weight: f64, engine: Engine) -> Stmt {
    let mut attrs = Vec::new();
    match e.kind {
        Some(kind) => {
            let s = edge_style(kind);
            attrs.push(plain("style", s.line.dot_name()));
            attrs.push(num("penwidth", s.width));
            attrs.push(plain("color", s.colour));
            attrs.push(plain("arrowhead", s.arrow.dot_name()));
        }
        // A relation of a kind the legend folds into "other relation".
        None if d.directed => {
            attrs.push(num("penwidth", 1.0));
            attrs.push(plain("color", GREY));
        }
        None => {
            attrs.push(num("penwidth", 0.8 + 3.2 * e.weight / max_weight));
            attrs.push(plain("color", GREY));
        }
    }
    attrs.push(plain("tooltip", &e.hover));
    if let Some(label) = &e.label {
        attrs.push(plain("label", label));
    }
    if engine == Engine::Neato {
        attrs.push(num("len", 0.5));
    }
    if engine == Engine::Dot {
        if let Some(c) = e.from_cluster {
            attrs.push(plain("ltail", &format!("cluster_{c}")));
        }
        if let Some(c) = e.to_cluster {
            attrs.push(plain("lhead", &format!("cluster_{c}")));
        }
    }
    Stmt::Edge(Edge {
        ty: EdgeTy::Pair(
            Vertex::N(node_id(&d.nodes[e.from].key)),
            Vertex::N(node_id(&d.nodes[e.to].key)),
        ),
        attributes: attrs,
    })
}

/// The diagram as DOT text.
pub fn to_string(d: &Diagram, engine: Engine) -> String {
    let mut ctx = PrinterContext::default();
    let mut s = to_graph(d, engine).print(&mut ctx);
    s.push('\n');
    s
}

fn node(d: &Diagram, i: usize) -> Node {
    let n = &d.nodes[i];
    let style = node_style(n.kind);
    if n.dot {
        // Unnamed: a small dot of its kind's colour, the name on hover.
        return Node::new(
            node_id(&n.key),
            vec![
                plain("label", ""),
                plain("shape", "circle"),
                plain("style", "filled"),
                plain("fixedsize", "true"),
                num("width", 0.11),
                num("penwidth", 0.5),
                plain("fillcolor", style.fill),
                plain("tooltip", &n.hover),
            ],
        );
    }
    let mut styles = vec!["filled"];
    styles.extend(style.shape.dot_style());
    let size = MIN_FONT + 8.0 * n.scale;
    let attrs = vec![
        plain("label", &wrap(&n.label, d.wrap.min(WRAP)).join("\n")),
        plain("shape", style.shape.dot_name()),
        plain("style", &styles.join(",")),
        plain("fillcolor", style.fill),
        plain("fontcolor", style.text),
        num("fontsize", size),
        plain("tooltip", &n.hover),
    ];
    Node::new(node_id(&n.key), attrs)
}

/// The label above the drawing: the bold title and the grey caption
/// (unless bare), then the legend, as one HTML-like table.
fn title_label(d: &Diagram) -> String {
    let mut s = String::from("<<TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"2\">");
    if !d.bare {
        let mut text = format!("<FONT POINT-SIZE=\"16\"><B>{}</B></FONT>", esc(&d.title));
        // Graphviz's text runs wider than the 0.6 em estimate in some
        // languages: the caption keeps a margin.
        let chars = super::page::chars_in(super::page::WIDTH - 100.0, MIN_FONT);
        for line in wrap(&d.caption, chars) {
            text.push_str(&format!(
                "<BR ALIGN=\"LEFT\"/><FONT POINT-SIZE=\"{}\" COLOR=\"{GREY}\">{}</FONT>",
                super::svg::num(MIN_FONT),
                esc(&line)
            ));
        }
        s.push_str(&format!(
            "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\">{text}<BR ALIGN=\"LEFT\"/></TD></TR>"
        ));
    }
    s.push_str(&format!(
        "<TR><TD ALIGN=\"LEFT\">{}</TD></TR></TABLE>>",
        legend(d)
    ));
    s
}

/// A legend swatch's cell: of a fixed size, so that Graphviz does not
/// widen it when it shares out a long row's width.
const SWATCH: &str = "WIDTH=\"28\" HEIGHT=\"18\" FIXEDSIZE=\"TRUE\"";

/// The legend: an HTML-like table with a swatch per node kind and a line
/// sample per relation kind present, in the graph's label so that every
/// layout engine keeps it together and out of the drawing.
fn legend(d: &Diagram) -> String {
    let mut rows = String::new();
    // With node kinds two to a row (four cells), a one-kind row's text
    // spans the other three, so that the swatches stand in one column.
    let paired = d
        .legend()
        .iter()
        .any(|r| matches!(r, LegendRow::NodePair(..)));
    let span = if paired { 3 } else { 1 };
    let title = esc(crate::words::word(crate::words::W::Legend, d.lang));
    rows.push_str(&format!(
        "<TR><TD COLSPAN=\"{}\" ALIGN=\"LEFT\"><B>{title}</B></TD></TR>",
        span + 1
    ));
    for row in d.legend() {
        let swatch = match &row {
            LegendRow::Node(kind) => {
                let s = node_style(*kind);
                format!(
                    "<TD {SWATCH} BGCOLOR=\"{}\"><FONT COLOR=\"{}\">{}</FONT></TD>",
                    s.fill,
                    s.text,
                    esc(s.shape.glyph())
                )
            }
            LegendRow::NodePair(a, b) => {
                let (sa, sb) = (node_style(*a), node_style(*b));
                rows.push_str(&format!(
                    "<TR><TD {SWATCH} BGCOLOR=\"{}\"><FONT COLOR=\"{}\">{}</FONT></TD><TD ALIGN=\"LEFT\">{}</TD><TD {SWATCH} BGCOLOR=\"{}\"><FONT COLOR=\"{}\">{}</FONT></TD><TD ALIGN=\"LEFT\">{}</TD></TR>",
                    sa.fill,
                    sa.text,
                    esc(sa.shape.glyph()),
                    esc(crate::words::node_kind(*a, d.lang)),
                    sb.fill,
                    sb.text,
                    esc(sb.shape.glyph()),
                    esc(crate::words::node_kind(*b, d.lang))
                ));
                continue;
            }
            LegendRow::Cluster => format!(
                "<TD {SWATCH} BGCOLOR=\"{PAPER}\" BORDER=\"1\" COLOR=\"{}\"> </TD>",
                node_style(crate::model::NodeKind::Network).fill
            ),
            LegendRow::Relation(kind) => {
                let s = edge_style(*kind);
                format!(
                    "<TD {SWATCH}><FONT COLOR=\"{}\">{}</FONT></TD>",
                    s.colour,
                    s.line.glyph()
                )
            }
            LegendRow::Tie(_) | LegendRow::Other => {
                format!("<TD {SWATCH}><FONT COLOR=\"{GREY}\">━━━</FONT></TD>")
            }
            LegendRow::SizeBy(_) => format!("<TD {SWATCH}>A a</TD>"),
        };
        rows.push_str(&format!(
            "<TR>{swatch}<TD ALIGN=\"LEFT\" COLSPAN=\"{span}\">{}</TD></TR>",
            esc(&row.text(d.lang))
        ));
    }
    format!(
        "<TABLE ID=\"coopgraph-legend\" BORDER=\"1\" COLOR=\"{GREY}\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"2\" BGCOLOR=\"{PAPER}\">{rows}</TABLE>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::CoopGraph;
    use crate::render::diagram::DiagramOptions;
    use crate::view::View;

    #[test]
    fn hostile_labels_survive_a_parse() {
        let g = CoopGraph::embedded().unwrap();
        let mut d =
            super::super::diagram::Diagram::of_view(&View::full(&g), &DiagramOptions::default());
        d.title = "quote \" backslash \\ <script>alert(1)</script> & \u{202E}rtl \u{1F600}".into();
        d.nodes[0].label = "line\nbreak \"x\" \\n".into();
        d.nodes[0].hover = "tab\there\u{7}bell".into();
        let text = to_string(&d, Engine::Dot);
        let parsed = graphviz_rust::parse(&text).expect("parses");
        // The AST printed again is the same text: nothing was lost or split.
        let mut ctx = PrinterContext::default();
        assert_eq!(format!("{}\n", parsed.print(&mut ctx)), text);
        assert!(text.contains("&lt;script&gt;"));
        assert!(!text.contains('\u{7}'));
    }
}
