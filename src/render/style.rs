//! The visual vocabulary of every figure: one colour and shape per node kind,
//! one line style per relation kind.
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

/// How nodes of one kind are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodeStyle {
    /// Graphviz shape name (`box`, `ellipse`, `hexagon`…).
    pub shape: &'static str,
    /// Extra Graphviz style (`rounded`), empty for none.
    pub style: &'static str,
    pub fill: &'static str,
    /// Label colour with enough contrast on `fill`.
    pub text: &'static str,
}

impl NodeStyle {
    /// The shape in words, for legends: `rounded box`, `hexagon`.
    pub fn shape_name(&self) -> String {
        if self.style.is_empty() {
            self.shape.to_string()
        } else {
            format!("{} {}", self.style, self.shape)
        }
    }
}

/// The style of a node kind.
pub fn node_style(kind: NodeKind) -> NodeStyle {
    let (shape, style, fill) = match kind {
        NodeKind::State => ("hexagon", "", OKABE_ITO[1]),
        NodeKind::Agency => ("box", "rounded", OKABE_ITO[4]),
        NodeKind::Organisation => ("ellipse", "", OKABE_ITO[2]),
        NodeKind::Fund => ("diamond", "", OKABE_ITO[0]),
        NodeKind::Project => ("box", "", OKABE_ITO[3]),
        NodeKind::Network => ("octagon", "", OKABE_ITO[6]),
    };
    NodeStyle {
        shape,
        style,
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

/// How relations of one kind are drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EdgeStyle {
    /// Graphviz style: `solid`, `bold`, `dashed`, `dotted`.
    pub line: &'static str,
    /// Stroke width in points.
    pub width: f64,
    pub colour: &'static str,
    /// Graphviz arrowhead: `normal`, `empty`, `none`, `diamond`…
    pub arrow: &'static str,
}

impl EdgeStyle {
    /// The SVG `stroke-dasharray` of the line style, if any.
    pub fn dasharray(&self) -> Option<&'static str> {
        match self.line {
            "dashed" => Some("6,4"),
            "dotted" => Some("1.5,3"),
            _ => None,
        }
    }
}

/// The style of a relation kind: leading is bold, funding dashed in orange,
/// membership thin, hierarchy (part of, merged into) grey, everything else
/// a plain line.
pub fn edge_style(kind: RelationKind) -> EdgeStyle {
    use RelationKind as R;
    let (line, width, colour, arrow) = match kind {
        R::Leads => ("bold", 2.4, OKABE_ITO[5], "normal"),
        R::Partner => ("solid", 1.2, INK, "normal"),
        R::Beneficiary => ("solid", 1.2, OKABE_ITO[2], "empty"),
        R::Funds => ("dashed", 1.6, OKABE_ITO[0], "normal"),
        R::Implements => ("solid", 1.6, OKABE_ITO[4], "normal"),
        R::Member => ("solid", 0.8, GREY, "none"),
        R::PartOf => ("dotted", 1.0, GREY, "empty"),
        R::FollowUpOf => ("dashed", 1.0, INK, "empty"),
        R::MergedInto => ("dotted", 1.4, INK, "normal"),
        R::SecretariatOf => ("solid", 1.6, OKABE_ITO[6], "diamond"),
        R::CooperatesWith => ("solid", 1.0, OKABE_ITO[1], "none"),
        R::Supports => ("dashed", 1.0, OKABE_ITO[2], "normal"),
        R::Hosts => ("solid", 1.0, OKABE_ITO[6], "odot"),
        R::DeployedTo => ("dashed", 1.0, OKABE_ITO[4], "normal"),
        R::Concerns => ("dotted", 1.0, OKABE_ITO[1], "normal"),
        R::Commissions => ("bold", 1.6, OKABE_ITO[4], "empty"),
        R::Initiated => ("solid", 1.0, OKABE_ITO[5], "empty"),
        R::Contracts => ("dashed", 1.2, OKABE_ITO[6], "normal"),
    };
    EdgeStyle {
        line,
        width,
        colour,
        arrow,
    }
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
                assert!(a.shape != b.shape || a.style != b.style, "{a:?} {b:?}");
                assert_ne!(a.fill, b.fill);
            }
        }
    }
}
