//! The visual vocabulary of every figure: one colour and shape per node kind,
//! one line style per relation kind. Shapes, lines and arrowheads are enums
//! ([`Shape`], [`Line`], [`Arrow`]) that hold their Graphviz and SVG names.
//!
//! Colours are the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal
//! Design"), distinguishable with the common forms of colour blindness. Kinds
//! differ in shape as well as colour, so that a figure printed in grey still
//! reads.
//!
//! ```
//! use coopgraph::model::NodeKind;
//! use coopgraph::render::style::node_style;
//! assert_eq!(node_style(NodeKind::Agency).fill, "#0072B2");
//! ```

use crate::model::{NodeKind, RelationKind};

/// The Okabe–Ito colours, in their published order.
pub const OKABE_ITO: [&str; 8] = [
    "#E69F00", // orange
    "#56B4E9", // sky blue
    "#009E73", // bluish green
    "#F0E442", // yellow
    "#0072B2", // blue
    "#D55E00", // vermillion
    "#CC79A7", // reddish purple
    "#000000", // black
];

/// Text and thin lines.
pub const INK: &str = "#222222";
/// Axes, grid lines, secondary text.
pub const GREY: &str = "#777777";
/// Backgrounds of clusters and legend panels.
pub const PAPER: &str = "#F7F7F7";
/// The font every figure asks for; each renderer falls back to a sans-serif.
pub const FONT: &str = "DejaVu Sans";

/// A node's outline. Its Graphviz name, its words in legends and its
/// glyph in the DOT legend are defined here and nowhere else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Box,
    /// A box with rounded corners (Graphviz: `box` with style `rounded`).
    RoundedBox,
    Ellipse,
    Hexagon,
    Diamond,
    Octagon,
}

impl Shape {
    /// Graphviz's `shape` attribute.
    pub fn dot_name(self) -> &'static str {
        match self {
            Shape::Box | Shape::RoundedBox => "box",
            Shape::Ellipse => "ellipse",
            Shape::Hexagon => "hexagon",
            Shape::Diamond => "diamond",
            Shape::Octagon => "octagon",
        }
    }

    /// The extra Graphviz `style` the shape needs (`rounded`), if any.
    pub fn dot_style(self) -> Option<&'static str> {
        (self == Shape::RoundedBox).then_some("rounded")
    }

    /// The shape in words, for legends: `rounded box`, `hexagon`.
    pub fn name(self) -> &'static str {
        match self {
            Shape::RoundedBox => "rounded box",
            other => other.dot_name(),
        }
    }

    /// A character that looks like the shape, for the DOT legend.
    pub fn glyph(self) -> &'static str {
        match self {
            Shape::RoundedBox => "▢",
            Shape::Box => "□",
            Shape::Ellipse => "◯",
            Shape::Hexagon => "⬡",
            Shape::Diamond => "◇",
            Shape::Octagon => "●",
        }
    }
}

/// How nodes of one kind are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodeStyle {
    pub shape: Shape,
    pub fill: &'static str,
    /// Label colour with enough contrast on `fill`.
    pub text: &'static str,
}

impl NodeStyle {
    /// The shape in words, for legends: `rounded box`, `hexagon`.
    pub fn shape_name(&self) -> String {
        self.shape.name().to_string()
    }
}

/// The style of a node kind.
pub fn node_style(kind: NodeKind) -> NodeStyle {
    let (shape, fill) = match kind {
        NodeKind::State => (Shape::Hexagon, OKABE_ITO[1]),
        NodeKind::Agency => (Shape::RoundedBox, OKABE_ITO[4]),
        NodeKind::Organisation => (Shape::Ellipse, OKABE_ITO[2]),
        NodeKind::Fund => (Shape::Diamond, OKABE_ITO[0]),
        NodeKind::Project => (Shape::Box, OKABE_ITO[3]),
        NodeKind::Network => (Shape::Octagon, OKABE_ITO[6]),
    };
    NodeStyle {
        shape,
        fill,
        text: text_on(fill),
    }
}

/// Black or white, whichever contrasts more with a `#RRGGBB` background
/// (WCAG relative luminance).
pub fn text_on(fill: &str) -> &'static str {
    let channel = |i: usize| {
        let v = u8::from_str_radix(fill.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0);
        let c = f64::from(v) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
    // Contrast with black is (l+0.05)/0.05, with white 1.05/(l+0.05).
    if (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) {
        "#000000"
    } else {
        "#FFFFFF"
    }
}

/// A relation's line. Its Graphviz style, SVG dash pattern and legend
/// glyph are defined here and nowhere else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    Solid,
    Bold,
    Dashed,
    Dotted,
}

impl Line {
    /// Graphviz's `style` attribute.
    pub fn dot_name(self) -> &'static str {
        match self {
            Line::Solid => "solid",
            Line::Bold => "bold",
            Line::Dashed => "dashed",
            Line::Dotted => "dotted",
        }
    }

    /// The SVG `stroke-dasharray`, if any.
    pub fn dasharray(self) -> Option<&'static str> {
        match self {
            Line::Dashed => Some("6,4"),
            Line::Dotted => Some("1.5,3"),
            Line::Solid | Line::Bold => None,
        }
    }

    /// Three characters that look like the line, for the DOT legend.
    pub fn glyph(self) -> &'static str {
        match self {
            Line::Bold => "━━━",
            Line::Dashed => "╍╍╍",
            Line::Dotted => "┈┈┈",
            Line::Solid => "───",
        }
    }
}

/// The head at a relation's target end. Its Graphviz name and SVG marker
/// are defined here and nowhere else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrow {
    /// A filled triangle.
    Normal,
    /// An outlined triangle.
    Empty,
    /// No head.
    None,
    Diamond,
    /// An outlined circle.
    Odot,
}

impl Arrow {
    /// Graphviz's `arrowhead` attribute.
    pub fn dot_name(self) -> &'static str {
        match self {
            Arrow::Normal => "normal",
            Arrow::Empty => "empty",
            Arrow::None => "none",
            Arrow::Diamond => "diamond",
            Arrow::Odot => "odot",
        }
    }

    /// The SVG path of the head in a 10×10 marker box pointing right
    /// (`None` draws no marker).
    pub fn svg_path(self) -> &'static str {
        match self {
            Arrow::Diamond => "M0,5 L5,0 L10,5 L5,10 z",
            Arrow::Odot => "M2,5 a3,3 0 1,0 6,0 a3,3 0 1,0 -6,0",
            Arrow::Normal | Arrow::Empty | Arrow::None => "M0,0 L10,5 L0,10 z",
        }
    }

    /// Whether the head is outlined only (filled white in SVG).
    pub fn hollow(self) -> bool {
        matches!(self, Arrow::Empty | Arrow::Odot)
    }
}

/// How relations of one kind are drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EdgeStyle {
    pub line: Line,
    /// Stroke width in points.
    pub width: f64,
    pub colour: &'static str,
    pub arrow: Arrow,
}

/// The style of a relation kind: leading is bold, funding dashed in orange,
/// membership thin, hierarchy (part of, merged into) grey, everything else
/// a plain line.
pub fn edge_style(kind: RelationKind) -> EdgeStyle {
    use RelationKind as R;
    use {Arrow as A, Line as L};
    let (line, width, colour, arrow) = match kind {
        R::Leads => (L::Bold, 2.4, OKABE_ITO[5], A::Normal),
        R::Partner => (L::Solid, 1.2, INK, A::Normal),
        R::Beneficiary => (L::Solid, 1.2, OKABE_ITO[2], A::Empty),
        R::Funds => (L::Dashed, 1.6, OKABE_ITO[0], A::Normal),
        R::Implements => (L::Solid, 1.6, OKABE_ITO[4], A::Normal),
        R::Member => (L::Solid, 0.8, GREY, A::None),
        R::PartOf => (L::Dotted, 1.0, GREY, A::Empty),
        R::FollowUpOf => (L::Dashed, 1.0, INK, A::Empty),
        R::MergedInto => (L::Dotted, 1.4, INK, A::Normal),
        R::SecretariatOf => (L::Solid, 1.6, OKABE_ITO[6], A::Diamond),
        R::CooperatesWith => (L::Solid, 1.0, OKABE_ITO[1], A::None),
        R::Supports => (L::Dashed, 1.0, OKABE_ITO[2], A::Normal),
        R::Hosts => (L::Solid, 1.0, OKABE_ITO[6], A::Odot),
        R::DeployedTo => (L::Dashed, 1.0, OKABE_ITO[4], A::Normal),
        R::Concerns => (L::Dotted, 1.0, OKABE_ITO[1], A::Normal),
        R::Commissions => (L::Bold, 1.6, OKABE_ITO[4], A::Empty),
        R::Initiated => (L::Solid, 1.0, OKABE_ITO[5], A::Empty),
        R::Contracts => (L::Dashed, 1.2, OKABE_ITO[6], A::Normal),
        R::AccountableFor => (L::Dotted, 1.4, OKABE_ITO[4], A::Normal),
        R::Extends => (L::Dotted, 1.4, OKABE_ITO[0], A::Normal),
    };
    EdgeStyle {
        line,
        width,
        colour,
        arrow,
    }
}

/// A relation kind in plain words, for legends: `is member of`, `funds`
/// (never the code name `part_of`).
///
/// ```
/// use coopgraph::{model::RelationKind, render::style::relation_words};
/// assert_eq!(relation_words(RelationKind::PartOf), "is part of");
/// ```
pub fn relation_words(kind: RelationKind) -> &'static str {
    crate::words::relation(kind, crate::model::Lang::EN)
}

/// Splits a label into lines of at most `width` characters at spaces
/// (a longer word stays whole on its own line).
///
/// ```
/// use coopgraph::render::style::wrap;
/// assert_eq!(wrap("Swedish Migration Agency", 12), vec!["Swedish", "Migration", "Agency"]);
/// assert_eq!(wrap("EU", 12), vec!["EU"]);
/// ```
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if !line.is_empty() && needed > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Shortens a label to at most `max` characters, ending it with `…` when
/// anything was cut (figures show the full text in a hover title).
///
/// ```
/// use coopgraph::render::style::clip;
/// assert_eq!(clip("Counter-Terrorism Cooperation Council", 20), "Counter-Terrorism C…");
/// assert_eq!(clip("MUR", 20), "MUR");
/// ```
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_picks_white_on_dark_and_black_on_light() {
        assert_eq!(text_on("#0072B2"), "#FFFFFF");
        assert_eq!(text_on("#000000"), "#FFFFFF");
        assert_eq!(text_on("#F0E442"), "#000000");
        assert_eq!(text_on("#E69F00"), "#000000");
    }

    #[test]
    fn kinds_differ_in_shape_or_fill() {
        let styles: Vec<_> = NodeKind::ALL.iter().map(|k| node_style(*k)).collect();
        for (i, a) in styles.iter().enumerate() {
            for b in &styles[i + 1..] {
                assert_ne!(a.shape, b.shape, "{a:?} {b:?}");
                assert_ne!(a.fill, b.fill);
            }
        }
    }
}
