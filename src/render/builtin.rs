//! The built-in layout: SVG network diagrams without Graphviz.
//!
//! Free nodes are placed by stress majorisation (Gansner, Koren & North,
//! "Graph Drawing by Stress Majorization", GD 2004): graph distances become
//! target lengths, started from a classical multidimensional scaling (Torgerson
//! 1952, by power iteration), then improved by the SMACOF update. Overlapping
//! boxes are then pushed apart. Clustered networks are drawn as cards listing
//! their members, in a grid under the network. Everything is deterministic:
//! no random start, fixed iteration counts, and ties broken by index.
//!
//! ```
//! use coopgraph::{graph::CoopGraph, model::Lang, view::Selection};
//! use coopgraph::render::{builtin, diagram::{Diagram, NetworkFigure}};
//! let g = CoopGraph::embedded().unwrap();
//! let turkey = g.resolve("Turkey").unwrap();
//! let sel = Selection { ego: Some((turkey, 1)), ..Selection::default() };
//! let d = Diagram::build(&g, &sel, &NetworkFigure::default(), Lang::EN, "data").unwrap();
//! let svg = builtin::svg(&d).unwrap();
//! assert!(svg.contains("<desc") && svg.contains("Turkey"));
//! ```

use super::diagram::{Diagram, DiagramNode, LegendRow};
use super::page::{self, chars_in};
use super::style::{Arrow, GREY, INK, Line, PAPER, Shape, edge_style, node_style, wrap};
use super::svg::{Svg, esc, num, text_width};
use crate::error::{Error, Result};
use crate::model::NodeKind;
use std::collections::VecDeque;
use std::fmt::Write;

/// The largest number of free nodes the built-in layout takes (its cost
/// grows with the square of the node count).
pub const MAX_NODES: usize = 1500;

const FONT_SIZE: f64 = 11.0;
const LINE: f64 = 13.5;
const MARGIN: f64 = 24.0;
/// The width everything but the margins fits in: the figure is
/// [`page::WIDTH`] wide, so that its labels print at 8 pt or more at an A4
/// page's width.
const BODY_W: f64 = page::WIDTH - 2.0 * MARGIN;
/// Columns of cluster cards across the figure.
const CARD_COLUMNS: usize = 3;
const CARD_GAP: f64 = 16.0;
/// Width of a cluster card.
const CARD_WIDTH: f64 = (BODY_W - CARD_GAP * (CARD_COLUMNS as f64 - 1.0)) / CARD_COLUMNS as f64;
/// Height of a legend row.
const LEGEND_ROW: f64 = 18.0;
/// Columns of the legend, under the drawing.
const LEGEND_COLUMNS: usize = 2;
/// Font size of a member's label inside a card.
const MEMBER_FONT: f64 = 10.0;
/// Font size of a card's heading.
const CARD_FONT: f64 = 11.0;
/// Radius of a node drawn as a dot (beyond the figure's `max_nodes`).
const DOT_R: f64 = 4.0;

/// A node's box: centre and half sizes.
#[derive(Debug, Clone, Copy)]
struct Placed {
    x: f64,
    y: f64,
    hw: f64,
    hh: f64,
}

/// A cluster's card: left, top, width, height.
type Card = (f64, f64, f64, f64);

/// Where everything of a figure goes: the measure and layout steps' result,
/// which the paint steps draw.
#[derive(Debug, Clone)]
struct Layout {
    /// Every node's box, free nodes and cluster members alike.
    boxes: Vec<Placed>,
    cards: Vec<Card>,
    /// The caption under the title, wrapped.
    title_lines: Vec<String>,
    /// Top of the legend, under the drawing.
    legend_top: f64,
    width: f64,
    height: f64,
}

/// The diagram drawn as SVG by the built-in layout. Fails for more than
/// [`MAX_NODES`] free nodes.
pub fn svg(d: &Diagram) -> Result<String> {
    let free: Vec<usize> = (0..d.nodes.len())
        .filter(|&i| d.nodes[i].cluster.is_none())
        .collect();
    if free.len() > MAX_NODES {
        return Err(Error::TooManyNodes {
            nodes: free.len(),
            max: MAX_NODES,
        });
    }
    let labels: Vec<Vec<String>> = d
        .nodes
        .iter()
        .map(|n| {
            if n.dot {
                Vec::new()
            } else {
                wrap(&n.label, d.wrap)
            }
        })
        .collect();
    let layout = layout(d, &free, &labels);
    Ok(paint(d, &labels, &layout))
}

/// The font size of a free node's label.
fn label_size(n: &DiagramNode) -> f64 {
    FONT_SIZE * (1.0 + 0.7 * n.scale)
}

/// Each node's box size, from its label lines (positions still 0).
fn measure(d: &Diagram, labels: &[Vec<String>]) -> Vec<Placed> {
    d.nodes
        .iter()
        .zip(labels)
        .map(|(n, lines)| {
            if n.dot {
                return Placed {
                    x: 0.0,
                    y: 0.0,
                    hw: DOT_R,
                    hh: DOT_R,
                };
            }
            let size = label_size(n);
            let w = lines
                .iter()
                .map(|l| text_width(l, size))
                .fold(0.0, f64::max);
            let h = lines.len() as f64 * size * 1.25;
            let (fx, fy) = shape_room(node_style(n.kind).shape);
            Placed {
                x: 0.0,
                y: 0.0,
                hw: (w / 2.0 + 8.0) * fx,
                hh: (h / 2.0 + 5.0) * fy,
            }
        })
        .collect()
}

/// Places the free nodes by stress majorisation, then pushes overlapping
/// boxes apart.
fn place_free(d: &Diagram, free: &[usize], boxes: &mut [Placed]) {
    let index: Vec<Option<usize>> = {
        let mut ix = vec![None; d.nodes.len()];
        for (k, &i) in free.iter().enumerate() {
            ix[i] = Some(k);
        }
        ix
    };
    let mut adj = vec![Vec::new(); free.len()];
    for e in &d.edges {
        if let (Some(a), Some(b)) = (index[e.from], index[e.to])
            && a != b
        {
            adj[a].push(b);
            adj[b].push(a);
        }
    }
    let unit = {
        let mut widths: Vec<f64> = free.iter().map(|&i| boxes[i].hw * 2.0).collect();
        widths.sort_by(f64::total_cmp);
        widths
            .get(widths.len() / 2)
            .copied()
            .unwrap_or(60.0)
            .max(60.0)
            * 1.1
    };
    let mut parts = components(&adj);
    // Largest first (ties: the one whose first node comes first).
    parts.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    let mut placed: Vec<Vec<usize>> = Vec::new();
    for part in &parts {
        let ids: Vec<usize> = part.iter().map(|&k| free[k]).collect();
        place_part(&adj, part, &ids, unit, boxes);
        placed.push(ids);
    }
    pack(boxes, &placed, BODY_W);
}

/// The connected parts of a graph given as adjacency lists, each in index
/// order, in the order of their first node.
fn components(adj: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let mut part = vec![usize::MAX; adj.len()];
    let mut out: Vec<Vec<usize>> = Vec::new();
    for start in 0..adj.len() {
        if part[start] != usize::MAX {
            continue;
        }
        let id = out.len();
        let mut members = vec![start];
        part[start] = id;
        let mut k = 0;
        while k < members.len() {
            for &v in &adj[members[k]] {
                if part[v] == usize::MAX {
                    part[v] = id;
                    members.push(v);
                }
            }
            k += 1;
        }
        members.sort_unstable();
        out.push(members);
    }
    out
}

/// Lays out one connected part (`part`: indices into `adj`; `ids`: the same
/// nodes' boxes) by stress majorisation, within the page's width.
fn place_part(adj: &[Vec<usize>], part: &[usize], ids: &[usize], unit: f64, boxes: &mut [Placed]) {
    let local: std::collections::BTreeMap<usize, usize> =
        part.iter().enumerate().map(|(k, &i)| (i, k)).collect();
    let sub: Vec<Vec<usize>> = part
        .iter()
        .map(|i| {
            adj[*i]
                .iter()
                .filter_map(|j| local.get(j).copied())
                .collect()
        })
        .collect();
    let pos = stress_layout(&sub);
    // Wider than tall and wider than the page: the page is narrow, so the
    // longer axis goes down.
    let (sx, sy) = spread(&pos);
    let (lo, hi) = pos
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| {
            (a.min(p.0), b.max(p.0))
        });
    let turn = sx > sy && (hi - lo) * unit > BODY_W;
    for (k, &i) in ids.iter().enumerate() {
        let (x, y) = if turn { (pos[k].1, pos[k].0) } else { pos[k] };
        boxes[i].x = x * unit;
        boxes[i].y = y * unit;
    }
    remove_overlaps(boxes, ids, 1.0);
    fit_width(boxes, ids, BODY_W);
}

/// Sets the laid-out parts side by side in rows `width` across, each row
/// under the one before (the parts in their order), starting at (0, 0).
fn pack(boxes: &mut [Placed], parts: &[Vec<usize>], width: f64) {
    const GAP: f64 = 24.0;
    let (mut x, mut y, mut row_h) = (0.0, 0.0, 0.0_f64);
    for ids in parts {
        let (min_x, min_y, max_x, max_y) = bounds(boxes, ids);
        let (w, h) = (max_x - min_x, max_y - min_y);
        if x > 0.0 && x + w > width {
            x = 0.0;
            y += row_h + GAP;
            row_h = 0.0;
        }
        for &i in ids {
            boxes[i].x += x - min_x;
            boxes[i].y += y - min_y;
        }
        x += w + GAP;
        row_h = row_h.max(h);
    }
}

/// The spread of positions along x and y (standard deviations).
fn spread(pos: &[(f64, f64)]) -> (f64, f64) {
    let n = pos.len().max(1) as f64;
    let (mx, my) = pos
        .iter()
        .fold((0.0, 0.0), |(a, b), p| (a + p.0 / n, b + p.1 / n));
    let (vx, vy) = pos.iter().fold((0.0, 0.0), |(a, b), p| {
        (a + (p.0 - mx).powi(2) / n, b + (p.1 - my).powi(2) / n)
    });
    (vx.sqrt(), vy.sqrt())
}

/// Squeezes the free nodes into `width` units across: while the drawing is
/// wider, its positions are pressed together across and drawn apart down
/// (keeping its area), and overlaps are removed by moving nodes up or down
/// rather than sideways. The last round moves nodes only up or down, so the
/// drawing ends within `width` whenever its widest node fits.
fn fit_width(boxes: &mut [Placed], free: &[usize], width: f64) {
    const ROUNDS: usize = 8;
    for round in 0..=ROUNDS {
        let (min_x, min_y, max_x, max_y) = bounds(boxes, free);
        let w = max_x - min_x;
        if w <= width + 1e-6 {
            return;
        }
        // Centres may span the width less the widest half boxes.
        let half = free.iter().map(|&i| boxes[i].hw).fold(0.0, f64::max);
        let inner = free
            .iter()
            .map(|&i| boxes[i].x)
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| {
                (a.min(x), b.max(x))
            });
        let span = (inner.1 - inner.0).max(1e-9);
        let f = ((width - 2.0 * half) / span).clamp(0.05, 1.0);
        let (cx, cy) = ((min_x + max_x) / 2.0, (min_y + max_y) / 2.0);
        for &i in free {
            boxes[i].x = cx + (boxes[i].x - cx) * f;
            boxes[i].y = cy + (boxes[i].y - cy) / f.sqrt().max(0.8);
        }
        let bias = if round == ROUNDS { f64::INFINITY } else { 4.0 };
        remove_overlaps(boxes, free, bias);
    }
}

/// The bounding box (min x, min y, max x, max y) of the free nodes; all 0
/// for none.
fn bounds(boxes: &[Placed], free: &[usize]) -> (f64, f64, f64, f64) {
    if free.is_empty() {
        return (0.0, 0.0, 0.0, 0.0);
    }
    let (mut min_x, mut min_y) = (f64::INFINITY, f64::INFINITY);
    let (mut max_x, mut max_y) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
    for &i in free {
        let b = boxes[i];
        min_x = min_x.min(b.x - b.hw);
        max_x = max_x.max(b.x + b.hw);
        min_y = min_y.min(b.y - b.hh);
        max_y = max_y.max(b.y + b.hh);
    }
    (min_x, min_y, max_x, max_y)
}

/// Measures and places everything: free nodes, cluster cards with their
/// members, the legend's place and the figure's size.
fn layout(d: &Diagram, free: &[usize], labels: &[Vec<String>]) -> Layout {
    let mut boxes = measure(d, labels);
    place_free(d, free, &mut boxes);
    // Bounding box of the free part, moved to start at the origin.
    let (min_x, min_y, max_x, max_y) = bounds(&boxes, free);
    let title_lines = if d.bare {
        Vec::new()
    } else {
        wrap(&d.caption, chars_in(BODY_W, 10.0))
    };
    let top = if d.bare {
        MARGIN
    } else {
        MARGIN + 26.0 + LINE * title_lines.len() as f64 + 12.0
    };
    // The free part centred across the page.
    let free_w = max_x - min_x;
    let free_h = max_y - min_y;
    let left = MARGIN + ((BODY_W - free_w) / 2.0).max(0.0);
    for &i in free {
        boxes[i].x += left - min_x;
        boxes[i].y += top - min_y;
    }
    let cards_top = top + free_h + if free.is_empty() { 0.0 } else { 24.0 };
    let (cards, cards_bottom) = place_cards(d, &mut boxes, cards_top);
    let legend_top = cards_bottom + 20.0;
    let legend_h = legend_height(d);
    let height = legend_top + legend_h + if d.bare { 16.0 } else { 40.0 };
    Layout {
        boxes,
        cards,
        title_lines,
        legend_top,
        width: page::WIDTH,
        height,
    }
}

/// Cluster cards below the free part, in columns: each card goes to the
/// shortest column, and the number of columns (2 to 6) is the one that
/// gives the figure the shape closest to a landscape page (width 1.4 times
/// the height). Sets the members' boxes; returns the cards, their bottom
/// and their width.
fn place_cards(d: &Diagram, boxes: &mut [Placed], cards_top: f64) -> (Vec<Card>, f64) {
    if d.clusters.is_empty() {
        return (Vec::new(), cards_top);
    }
    let card_w = CARD_WIDTH;
    // Each card's members (label lines) and height.
    let heads: Vec<Vec<String>> = d
        .clusters
        .iter()
        .map(|c| {
            let mut lines = card_heading(&c.label);
            lines.extend(card_role(c, d.lang));
            lines
        })
        .collect();
    let member_h = |i: usize| member_lines(&d.nodes[i].label).len() as f64 * 12.5 + 6.0;
    let heights: Vec<f64> = (0..d.clusters.len())
        .map(|c| {
            let members: f64 = (0..d.nodes.len())
                .filter(|&i| d.nodes[i].cluster == Some(c))
                .map(|i| member_h(i) + 4.0)
                .sum();
            10.0 + LINE * heads[c].len() as f64 + 6.0 + members + 6.0
        })
        .collect();
    let columns = |n: usize| -> (Vec<(usize, f64)>, f64) {
        let mut bottom = vec![0.0_f64; n];
        let mut at = Vec::new();
        for h in &heights {
            let col = (0..n)
                .min_by(|&a, &b| bottom[a].total_cmp(&bottom[b]).then(a.cmp(&b)))
                .unwrap_or(0);
            at.push((col, bottom[col]));
            bottom[col] += h + CARD_GAP;
        }
        (at, bottom.into_iter().fold(0.0, f64::max))
    };
    let (at, height) = columns(CARD_COLUMNS);
    let mut cards: Vec<Card> = Vec::new();
    for (c, &(col, top)) in at.iter().enumerate() {
        let x = MARGIN + col as f64 * (card_w + CARD_GAP);
        let row_y = cards_top + top;
        let mut y = row_y + 10.0 + LINE * heads[c].len() as f64 + 6.0;
        for i in (0..d.nodes.len()).filter(|&i| d.nodes[i].cluster == Some(c)) {
            let h = member_h(i);
            boxes[i] = Placed {
                x: x + card_w / 2.0,
                y: y + h / 2.0,
                hw: card_w / 2.0 - 10.0,
                hh: h / 2.0,
            };
            y += h + 4.0;
        }
        cards.push((x, row_y, card_w, heights[c]));
    }
    (cards, cards_top + height - CARD_GAP)
}

/// The line under a card's heading: the role most of its members have,
/// in lines that fit the card.
fn card_role(c: &super::diagram::Cluster, lang: crate::model::Lang) -> Vec<String> {
    c.role_line(lang)
        .map(|r| wrap(&r, chars_in(CARD_WIDTH - 16.0, MEMBER_FONT)))
        .unwrap_or_default()
}

/// A card's heading in lines that fit the card.
fn card_heading(label: &str) -> Vec<String> {
    wrap(label, chars_in(CARD_WIDTH - 16.0, CARD_FONT))
}

/// A card member's label in lines that fit the card.
fn member_lines(label: &str) -> Vec<String> {
    wrap(label, chars_in(CARD_WIDTH - 28.0, MEMBER_FONT))
}

/// The figure painted from its layout.
fn paint(d: &Diagram, labels: &[Vec<String>], l: &Layout) -> String {
    let mut s = Svg::new(l.width, l.height, &d.title, &d.caption);
    s.raw(&markers(d));
    if !d.bare {
        s.text(MARGIN, MARGIN + 14.0, &d.title, "start", 16.0, "bold", None);
    }
    for (k, line) in l.title_lines.iter().enumerate() {
        let y = MARGIN + 32.0 + LINE * k as f64;
        s.text(MARGIN, y, line, "start", 10.0, "", Some(GREY));
    }
    // Cards behind everything, edges under nodes.
    paint_cards(&mut s, d, l);
    paint_edges(&mut s, d, l);
    paint_nodes(&mut s, d, labels, l);
    paint_edge_labels(&mut s, d, l);
    s.raw(&legend(d, MARGIN, l.legend_top));
    if !d.bare {
        let footer = crate::words::word(crate::words::W::DrawnByBuiltin, d.lang);
        s.text(
            MARGIN,
            l.height - 14.0,
            footer,
            "start",
            page::MIN_FONT,
            "",
            Some(GREY),
        );
    }
    s.finish()
}

/// Each cluster's card with its bold heading.
fn paint_cards(s: &mut Svg, d: &Diagram, l: &Layout) {
    let stroke = format!(
        "rx=\"6\" stroke=\"{}\" stroke-width=\"1.6\"",
        node_style(NodeKind::Network).fill
    );
    for (c, (x, y, w, h)) in l.cards.iter().enumerate() {
        let cl = &d.clusters[c];
        s.open_group("cluster", Some(&cl.hover));
        s.rect(*x, *y, *w, *h, PAPER, &stroke);
        let heading = card_heading(&cl.label);
        for (k, line) in heading.iter().enumerate() {
            let ty = y + 18.0 + LINE * k as f64;
            s.text(x + 8.0, ty, line, "start", CARD_FONT, "bold", None);
        }
        for (k, line) in card_role(cl, d.lang).iter().enumerate() {
            let ty = y + 18.0 + LINE * (heading.len() + k) as f64;
            s.text(x + 8.0, ty, line, "start", MEMBER_FONT, "", Some(GREY));
        }
        s.close_group();
    }
}

/// Each edge, clipped to the boxes it joins, in its relation's style.
fn paint_edges(s: &mut Svg, d: &Diagram, l: &Layout) {
    let max_weight = d.edges.iter().map(|e| e.weight).fold(1.0, f64::max);
    for e in &d.edges {
        let a = end_box(&l.boxes, &l.cards, e.from, e.from_cluster);
        let b = end_box(&l.boxes, &l.cards, e.to, e.to_cluster);
        let (p, q) = (clip(a, b), clip(b, a));
        let mut extra = String::new();
        let (colour, width) = match e.kind {
            Some(k) => {
                let st = edge_style(k);
                if let Some(dash) = st.line.dasharray() {
                    let _ = write!(extra, "stroke-dasharray=\"{dash}\" ");
                }
                if d.directed && st.arrow != Arrow::None {
                    let _ = write!(extra, "marker-end=\"url(#arrow-{})\" ", k.as_str());
                }
                let width = if st.line == Line::Bold {
                    st.width * 1.2
                } else {
                    st.width
                };
                (st.colour, width)
            }
            // A relation of a kind the legend folds into "other relation".
            None if d.directed => (GREY, 1.0),
            None => (GREY, 0.8 + 3.2 * e.weight / max_weight),
        };
        // Ties of unnamed dots stay in the background.
        let width = if d.nodes[e.from].dot || d.nodes[e.to].dot {
            width * 0.5
        } else {
            width
        };
        s.open_group("edge", Some(&e.hover));
        s.line(p, q, colour, width, extra.trim_end());
        s.close_group();
    }
}

/// Edge labels (amounts) over everything, on a white halo, at the middle
/// of their edge.
fn paint_edge_labels(s: &mut Svg, d: &Diagram, l: &Layout) {
    for e in &d.edges {
        let Some(label) = &e.label else {
            continue;
        };
        let a = end_box(&l.boxes, &l.cards, e.from, e.from_cluster);
        let b = end_box(&l.boxes, &l.cards, e.to, e.to_cluster);
        let (p, q) = (clip(a, b), clip(b, a));
        s.raw(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\" font-weight=\"bold\" fill=\"{INK}\" stroke=\"#FFFFFF\" stroke-width=\"3\" paint-order=\"stroke\">{}</text>\n",
            num((p.0 + q.0) / 2.0),
            num((p.1 + q.1) / 2.0 - 3.0),
            esc(label)
        ));
    }
}

/// Each node: its outline (a plain box inside a card) and its label.
fn paint_nodes(s: &mut Svg, d: &Diagram, labels: &[Vec<String>], l: &Layout) {
    for (i, n) in d.nodes.iter().enumerate() {
        let b = l.boxes[i];
        let st = node_style(n.kind);
        s.open_group("node", Some(&n.hover));
        let member = n.cluster.is_some();
        if n.dot {
            s.raw(&dot(b.x, b.y, st.fill));
            s.close_group();
            continue;
        }
        if member {
            let (w, h) = (b.hw * 2.0, b.hh * 2.0);
            s.rect(b.x - b.hw, b.y - b.hh, w, h, st.fill, "rx=\"3\"");
        } else {
            s.raw(&shape(st.shape, b, st.fill));
        }
        let (lines, size, lh) = if member {
            (member_lines(&n.label), MEMBER_FONT, 12.5)
        } else {
            let size = label_size(n);
            (labels[i].clone(), size, size * 1.25)
        };
        let first = b.y - lh * (lines.len() as f64 - 1.0) / 2.0 + size * 0.35;
        let (x, anchor) = if member {
            (b.x - b.hw + 6.0, "start")
        } else {
            (b.x, "middle")
        };
        for (k, line) in lines.iter().enumerate() {
            let y = first + lh * k as f64;
            s.text(x, y, line, anchor, size, "", Some(st.text));
        }
        s.close_group();
    }
}

/// The box an edge end attaches to: a node, or a cluster's card.
fn end_box(
    boxes: &[Placed],
    cards: &[(f64, f64, f64, f64)],
    node: usize,
    cluster: Option<usize>,
) -> Placed {
    match cluster.and_then(|c| cards.get(c)) {
        Some(&(x, y, w, h)) => Placed {
            x: x + w / 2.0,
            y: y + h / 2.0,
            hw: w / 2.0,
            hh: h / 2.0,
        },
        None => boxes[node],
    }
}

/// The point where the segment from `a`'s centre to `b`'s centre leaves `a`'s box.
fn clip(a: Placed, b: Placed) -> (f64, f64) {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    if dx == 0.0 && dy == 0.0 {
        return (a.x, a.y);
    }
    let tx = if dx == 0.0 {
        f64::INFINITY
    } else {
        a.hw / dx.abs()
    };
    let ty = if dy == 0.0 {
        f64::INFINITY
    } else {
        a.hh / dy.abs()
    };
    let t = tx.min(ty).min(1.0);
    (a.x + dx * t, a.y + dy * t)
}

/// Extra room a shape needs around its label, horizontally and vertically.
fn shape_room(shape: Shape) -> (f64, f64) {
    match shape {
        Shape::Ellipse => (1.25, 1.35),
        Shape::Diamond => (1.6, 1.8),
        Shape::Hexagon | Shape::Octagon => (1.2, 1.15),
        Shape::Box | Shape::RoundedBox => (1.0, 1.0),
    }
}

/// A node drawn as a dot of its kind's colour.
fn dot(x: f64, y: f64, fill: &str) -> String {
    format!(
        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\" stroke=\"{INK}\" stroke-width=\"0.5\"/>",
        num(x),
        num(y),
        num(DOT_R),
        esc(fill)
    )
}

/// A node's outline in SVG.
fn shape(shape: Shape, b: Placed, fill: &str) -> String {
    let stroke = format!(
        "fill=\"{}\" stroke=\"{INK}\" stroke-width=\"0.8\"",
        esc(fill)
    );
    let poly = |pts: &[(f64, f64)]| {
        let p: Vec<String> = pts
            .iter()
            .map(|(x, y)| format!("{},{}", num(b.x + x), num(b.y + y)))
            .collect();
        format!("<polygon points=\"{}\" {stroke}/>", p.join(" "))
    };
    let (w, h) = (b.hw, b.hh);
    match shape {
        Shape::Ellipse => format!(
            "<ellipse cx=\"{}\" cy=\"{}\" rx=\"{}\" ry=\"{}\" {stroke}/>",
            num(b.x),
            num(b.y),
            num(w),
            num(h)
        ),
        Shape::Diamond => poly(&[(0.0, -h), (w, 0.0), (0.0, h), (-w, 0.0)]),
        Shape::Hexagon => {
            let c = h * 0.6;
            poly(&[
                (-w + c, -h),
                (w - c, -h),
                (w, 0.0),
                (w - c, h),
                (-w + c, h),
                (-w, 0.0),
            ])
        }
        Shape::Octagon => {
            let c = h * 0.45;
            poly(&[
                (-w + c, -h),
                (w - c, -h),
                (w, -h + c),
                (w, h - c),
                (w - c, h),
                (-w + c, h),
                (-w, h - c),
                (-w, -h + c),
            ])
        }
        Shape::Box | Shape::RoundedBox => format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" {stroke}/>",
            num(b.x - w),
            num(b.y - h),
            num(2.0 * w),
            num(2.0 * h),
            if shape == Shape::RoundedBox { "6" } else { "0" }
        ),
    }
}

/// One arrowhead marker per relation kind present.
fn markers(d: &Diagram) -> String {
    let mut s = String::from("<defs>");
    for kind in d.relation_kinds() {
        let st = edge_style(kind);
        let fill = if st.arrow.hollow() {
            "#FFFFFF"
        } else {
            st.colour
        };
        let path = st.arrow.svg_path();
        let _ = write!(
            s,
            "<marker id=\"arrow-{}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\" markerUnits=\"userSpaceOnUse\"><path d=\"{path}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1\"/></marker>",
            kind.as_str(),
            fill,
            st.colour
        );
    }
    s.push_str("</defs>");
    s
}

/// Rows of the legend in each of its [`LEGEND_COLUMNS`] columns.
fn legend_rows(d: &Diagram) -> usize {
    d.legend().len().div_ceil(LEGEND_COLUMNS).max(1)
}

/// The height of the legend panel: a heading and its rows.
fn legend_height(d: &Diagram) -> f64 {
    34.0 + LEGEND_ROW * legend_rows(d) as f64 - 8.0
}

/// The legend panel at (`left`, `y`), across the figure in
/// [`LEGEND_COLUMNS`] columns, read down each column.
fn legend(d: &Diagram, left: f64, y: f64) -> String {
    let mut rows: Vec<String> = Vec::new();
    let per_column = legend_rows(d);
    let column_w = BODY_W / LEGEND_COLUMNS as f64;
    for (k, r) in d.legend().into_iter().enumerate() {
        let x = left + column_w * (k / per_column) as f64;
        let yy = y + 34.0 + LEGEND_ROW * (k % per_column) as f64;
        let sample = |yy: f64, colour: &str, width: f64, extra: &str| {
            format!(
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"{}\"{extra}/>",
                num(x + 8.0),
                num(yy - 4.0),
                num(x + 36.0),
                num(yy - 4.0),
                esc(colour),
                num(width)
            )
        };
        match &r {
            LegendRow::Node(kind) => {
                let st = node_style(*kind);
                let b = Placed {
                    x: x + 22.0,
                    y: yy - 4.0,
                    hw: 12.0,
                    hh: 6.5,
                };
                rows.push(shape(st.shape, b, st.fill));
            }
            LegendRow::NodePair(a, b) => {
                let half = column_w / 2.0;
                for (k, kind) in [a, b].into_iter().enumerate() {
                    let st = node_style(*kind);
                    let dx = k as f64 * half;
                    let b = Placed {
                        x: x + dx + 22.0,
                        y: yy - 4.0,
                        hw: 12.0,
                        hh: 6.5,
                    };
                    rows.push(shape(st.shape, b, st.fill));
                    let text = crate::words::node_kind(*kind, d.lang);
                    rows.push(legend_text(x + dx + 42.0, yy, text));
                }
                continue;
            }
            LegendRow::Cluster => rows.push(format!(
                "<rect x=\"{}\" y=\"{}\" width=\"24\" height=\"13\" rx=\"3\" fill=\"{PAPER}\" stroke=\"{}\" stroke-width=\"1.6\"/>",
                num(x + 10.0),
                num(yy - 10.5),
                node_style(NodeKind::Network).fill
            )),
            LegendRow::Relation(kind) => {
                let st = edge_style(*kind);
                let mut extra = st
                    .line
                    .dasharray()
                    .map(|d| format!(" stroke-dasharray=\"{d}\""))
                    .unwrap_or_default();
                if d.directed && st.arrow != Arrow::None {
                    extra.push_str(&format!(" marker-end=\"url(#arrow-{})\"", kind.as_str()));
                }
                rows.push(sample(yy, st.colour, st.width, &extra));
            }
            LegendRow::Tie(_) => rows.push(sample(yy, GREY, 3.0, "")),
            LegendRow::Other => rows.push(sample(yy, GREY, 1.0, "")),
            LegendRow::SizeBy(_) => {}
        }
        let tx = if matches!(r, LegendRow::SizeBy(_)) {
            x + 8.0
        } else {
            x + 42.0
        };
        rows.push(legend_text(tx, yy, &r.text(d.lang)));
    }
    let mut s = format!(
        "<g class=\"legend\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"4\" fill=\"{PAPER}\" stroke=\"{GREY}\" stroke-width=\"0.6\"/>",
        num(left),
        num(y),
        num(BODY_W),
        num(legend_height(d))
    );
    let title = crate::words::word(crate::words::W::Legend, d.lang);
    s.push_str(&legend_text_bold(left + 8.0, y + 4.0 + 10.0, title));
    for r in rows {
        s.push_str(&r);
    }
    s.push_str("</g>");
    s
}

fn legend_text(x: f64, y: f64, text: &str) -> String {
    format!(
        "<text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"{INK}\">{}</text>",
        num(x),
        num(y),
        esc(text)
    )
}

fn legend_text_bold(x: f64, y: f64, text: &str) -> String {
    format!(
        "<text x=\"{}\" y=\"{}\" font-size=\"10\" font-weight=\"bold\" fill=\"{INK}\">{}</text>",
        num(x),
        num(y),
        esc(text)
    )
}

/// Positions (in units of one ideal edge length) for the nodes of an
/// undirected graph given as adjacency lists.
pub fn stress_layout(adj: &[Vec<usize>]) -> Vec<(f64, f64)> {
    let n = adj.len();
    match n {
        0 => return Vec::new(),
        1 => return vec![(0.0, 0.0)],
        _ => {}
    }
    // All-pairs hop distances by BFS; unreachable pairs get the diameter + 1.
    let mut dist = vec![f64::INFINITY; n * n];
    let mut queue = VecDeque::new();
    for s in 0..n {
        dist[s * n + s] = 0.0;
        queue.clear();
        queue.push_back(s);
        while let Some(u) = queue.pop_front() {
            let du = dist[s * n + u];
            for &v in &adj[u] {
                if dist[s * n + v].is_infinite() {
                    dist[s * n + v] = du + 1.0;
                    queue.push_back(v);
                }
            }
        }
    }
    let diameter = dist
        .iter()
        .filter(|d| d.is_finite())
        .fold(0.0f64, |a, &b| a.max(b));
    for d in dist.iter_mut() {
        if d.is_infinite() {
            *d = diameter + 1.0;
        }
    }
    let mut pos = classical_mds(&dist, n);
    // SMACOF with weights d^-2, updated in place (Gauss–Seidel order): 300
    // sweeps for small figures, fewer for large ones (each costs n²).
    let sweeps = (60_000_000 / (n * n)).clamp(40, 300);
    for _ in 0..sweeps {
        for i in 0..n {
            let (mut sx, mut sy, mut sw) = (0.0, 0.0, 0.0);
            for j in 0..n {
                if i == j {
                    continue;
                }
                let d = dist[i * n + j];
                let w = 1.0 / (d * d);
                let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let len = (dx * dx + dy * dy).sqrt().max(1e-9);
                sx += w * (pos[j].0 + d * dx / len);
                sy += w * (pos[j].1 + d * dy / len);
                sw += w;
            }
            pos[i] = (sx / sw, sy / sw);
        }
    }
    pos
}

/// Classical MDS: the top two eigenvectors of the double-centred squared
/// distance matrix, by power iteration from fixed start vectors.
fn classical_mds(dist: &[f64], n: usize) -> Vec<(f64, f64)> {
    let mut b = vec![0.0; n * n];
    let mut row = vec![0.0; n];
    let mut total = 0.0;
    for i in 0..n {
        for j in 0..n {
            let d2 = dist[i * n + j].powi(2);
            row[i] += d2 / n as f64;
            total += d2 / (n * n) as f64;
        }
    }
    for i in 0..n {
        for j in 0..n {
            b[i * n + j] = -0.5 * (dist[i * n + j].powi(2) - row[i] - row[j] + total);
        }
    }
    let mut vecs: Vec<Vec<f64>> = Vec::new();
    let mut vals: Vec<f64> = Vec::new();
    for k in 0..2 {
        let mut v: Vec<f64> = (0..n)
            .map(|i| ((i * (k + 3) + 1) % 7) as f64 - 3.0 + i as f64 / n as f64)
            .collect();
        let mut lambda = 0.0;
        for _ in 0..200 {
            for u in &vecs {
                let dot: f64 = u.iter().zip(&v).map(|(a, b)| a * b).sum();
                for (x, y) in v.iter_mut().zip(u) {
                    *x -= dot * y;
                }
            }
            let mut next = vec![0.0; n];
            for i in 0..n {
                next[i] = (0..n).map(|j| b[i * n + j] * v[j]).sum();
            }
            let norm = next.iter().map(|x| x * x).sum::<f64>().sqrt();
            if norm < 1e-12 {
                break;
            }
            lambda = norm;
            v = next.into_iter().map(|x| x / norm).collect();
        }
        vecs.push(v);
        vals.push(lambda);
    }
    (0..n)
        .map(|i| {
            (
                vecs[0][i] * vals[0].max(0.0).sqrt(),
                vecs[1][i] * vals[1].max(0.0).sqrt(),
            )
        })
        .collect()
}

/// Pushes overlapping boxes apart along the line between their centres,
/// a few sweeps at most. A sideways move counts `bias` times a move up or
/// down (1: whichever is shorter; infinite: only up or down).
fn remove_overlaps(boxes: &mut [Placed], ids: &[usize], bias: f64) {
    const GAP: f64 = 6.0;
    for _ in 0..1000 {
        let mut moved = false;
        for a in 0..ids.len() {
            for b in a + 1..ids.len() {
                let (p, q) = (boxes[ids[a]], boxes[ids[b]]);
                let ox = p.hw + q.hw + GAP - (p.x - q.x).abs();
                let oy = p.hh + q.hh + GAP - (p.y - q.y).abs();
                if ox <= 0.0 || oy <= 0.0 {
                    continue;
                }
                moved = true;
                // Move along the axis that needs less, half each.
                let (mut dx, mut dy) = (0.0, 0.0);
                if bias * ox / (p.hw + q.hw) < oy / (p.hh + q.hh) {
                    dx = ox / 2.0
                        * if p.x < q.x || (p.x == q.x && a < b) {
                            -1.0
                        } else {
                            1.0
                        };
                } else {
                    dy = oy / 2.0
                        * if p.y < q.y || (p.y == q.y && a < b) {
                            -1.0
                        } else {
                            1.0
                        };
                }
                boxes[ids[a]].x += dx;
                boxes[ids[a]].y += dy;
                boxes[ids[b]].x -= dx;
                boxes[ids[b]].y -= dy;
            }
        }
        if !moved {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stress_layout_keeps_graph_distances_in_order() {
        // A path a-b-c-d: the ends must be farther apart than neighbours.
        let adj = vec![vec![1], vec![0, 2], vec![1, 3], vec![2]];
        let p = stress_layout(&adj);
        let d = |i: usize, j: usize| ((p[i].0 - p[j].0).powi(2) + (p[i].1 - p[j].1).powi(2)).sqrt();
        assert!((d(0, 1) - 1.0).abs() < 0.05, "{}", d(0, 1));
        assert!((d(0, 3) - 3.0).abs() < 0.1, "{}", d(0, 3));
    }

    #[test]
    fn overlaps_are_removed() {
        let mut boxes = vec![
            Placed {
                x: 0.0,
                y: 0.0,
                hw: 20.0,
                hh: 10.0,
            },
            Placed {
                x: 1.0,
                y: 0.0,
                hw: 20.0,
                hh: 10.0,
            },
            Placed {
                x: 0.0,
                y: 1.0,
                hw: 20.0,
                hh: 10.0,
            },
        ];
        remove_overlaps(&mut boxes, &[0, 1, 2], 1.0);
        for a in 0..3 {
            for b in a + 1..3 {
                let (p, q) = (boxes[a], boxes[b]);
                let apart = (p.x - q.x).abs() >= p.hw + q.hw || (p.y - q.y).abs() >= p.hh + q.hh;
                assert!(apart, "{a} {b} overlap");
            }
        }
    }
}
