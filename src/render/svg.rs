//! SVG text for the figures coopgraph draws itself (the fallback network
//! layout, timelines, heatmaps).
//!
//! [`escape`] is the crate's one XML escaper (its [`Escape`] variants serve
//! SVG and HTML, and the XML of GraphML and GEXF); every name, label and
//! source that reaches an SVG goes through [`esc`], its markup variant.
//! Numbers go through [`num`], so that the same figure always gives the same
//! bytes.
//!
//! ```
//! use coopgraph::render::svg::{Svg, esc};
//! assert_eq!(esc("R&D <\"x\">"), "R&amp;D &lt;&quot;x&quot;&gt;");
//! let mut s = Svg::new(100.0, 50.0, "A title", "What it shows");
//! s.text(10.0, 20.0, "Hello & bye", "start", 12.0, "", None);
//! let out = s.finish();
//! assert!(out.starts_with("<?xml") && out.contains(">A title</title>"));
//! assert!(out.contains("Hello &amp; bye") && out.trim_end().ends_with("</svg>"));
//! ```

use super::style::{FONT, INK};
use std::fmt::Write;

/// Which characters [`escape`] writes as references. `&`, `<` and `>` are
/// always escaped, and characters XML 1.0 cannot hold (most control
/// characters) always become U+FFFD ([`crate::import::xml::xml_safe`]), so
/// that the document stays well-formed whatever the input. The variants
/// differ only where their formats' readers differ; each keeps the bytes its
/// writers have always written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escape {
    /// SVG, HTML and Graphviz's HTML-like labels, in content and attribute
    /// values alike ([`esc`]): also `"` as `&quot;` and `'` as `&#39;` (an
    /// HTML 4 reference, which Graphviz reads); tabs and line breaks stay.
    Markup,
    /// XML element content (GraphML, GEXF): also `\r` as `&#13;`, which
    /// parsers would otherwise read as a line break; quotes stay.
    XmlText,
    /// XML attribute values (GraphML, GEXF): also `"` as `&quot;`, `'` as
    /// `&apos;`, and `\r`, `\n` and `\t` as `&#13;`, `&#10;` and `&#9;`,
    /// which parsers would otherwise turn into spaces.
    XmlAttribute,
}

/// The crate's one XML escaper: `s` as text for markup or XML, as `how` says.
///
/// ```
/// use coopgraph::render::svg::{Escape, escape};
/// assert_eq!(escape("a'b\r", Escape::Markup), "a&#39;b\r");
/// assert_eq!(escape("a'b\r", Escape::XmlText), "a'b&#13;");
/// assert_eq!(escape("a'b\n", Escape::XmlAttribute), "a&apos;b&#10;");
/// ```
pub fn escape(s: &str, how: Escape) -> String {
    let safe = crate::import::xml::xml_safe(s);
    let mut out = String::with_capacity(safe.len());
    for c in safe.chars() {
        match (c, how) {
            ('&', _) => out.push_str("&amp;"),
            ('<', _) => out.push_str("&lt;"),
            ('>', _) => out.push_str("&gt;"),
            ('"', Escape::Markup | Escape::XmlAttribute) => out.push_str("&quot;"),
            ('\'', Escape::Markup) => out.push_str("&#39;"),
            ('\'', Escape::XmlAttribute) => out.push_str("&apos;"),
            ('\r', Escape::XmlText | Escape::XmlAttribute) => out.push_str("&#13;"),
            ('\n', Escape::XmlAttribute) => out.push_str("&#10;"),
            ('\t', Escape::XmlAttribute) => out.push_str("&#9;"),
            (c, _) => out.push(c),
        }
    }
    out
}

/// Escapes text for SVG and HTML content and attribute values
/// ([`Escape::Markup`]); every name, label and source in a figure or the
/// report's `index.html` goes through it.
pub fn esc(s: &str) -> String {
    escape(s, Escape::Markup)
}

/// A coordinate or length with at most two decimals and no trailing zeros:
/// the same value always prints the same way.
///
/// ```
/// assert_eq!(coopgraph::render::svg::num(1.5), "1.5");
/// assert_eq!(coopgraph::render::svg::num(2.0), "2");
/// assert_eq!(coopgraph::render::svg::num(-0.001), "0");
/// ```
pub fn num(v: f64) -> String {
    if !v.is_finite() {
        return "0".into();
    }
    let s = format!("{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" || s.is_empty() {
        "0".into()
    } else {
        s.to_string()
    }
}

/// An SVG document under construction. Elements are appended in drawing
/// order; [`Svg::finish`] closes the document.
#[derive(Debug, Clone)]
pub struct Svg {
    out: String,
}

impl Svg {
    /// A `width`×`height` document with its `<title>` and `<desc>`, a white
    /// background, and the figure font.
    pub fn new(width: f64, height: f64, title: &str, desc: &str) -> Svg {
        Svg::window(0.0, width, height, title, desc)
    }

    /// A document showing the band of the drawing from `top` down, `height`
    /// high: a figure drawn without its title (`bare`) leaves out the band
    /// above its body this way, without moving anything in it.
    pub fn window(top: f64, width: f64, height: f64, title: &str, desc: &str) -> Svg {
        let mut out = String::new();
        let _ = write!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{w}\" height=\"{h}\" \
             viewBox=\"0 {y} {w} {h}\" font-family=\"{font}, Arial, Helvetica, sans-serif\" \
             role=\"img\" aria-labelledby=\"title desc\">\n\
             <title id=\"title\">{title}</title>\n<desc id=\"desc\">{desc}</desc>\n\
             <rect x=\"0\" y=\"{y}\" width=\"{w}\" height=\"{h}\" fill=\"#FFFFFF\"/>\n",
            y = num(top),
            w = num(width),
            h = num(height),
            font = FONT,
            title = esc(title),
            desc = esc(desc),
        );
        Svg { out }
    }

    /// Appends raw markup the caller has already escaped (`<defs>`, say).
    pub fn raw(&mut self, markup: &str) {
        self.out.push_str(markup);
        if !markup.ends_with('\n') {
            self.out.push('\n');
        }
    }

    /// Opens a group; with a `hover` text, the group carries it as a
    /// `<title>` child, which browsers show as a tooltip.
    pub fn open_group(&mut self, class: &str, hover: Option<&str>) {
        let _ = write!(self.out, "<g class=\"{}\">", esc(class));
        if let Some(h) = hover {
            let _ = write!(self.out, "<title>{}</title>", esc(h));
        }
        self.out.push('\n');
    }

    pub fn close_group(&mut self) {
        self.out.push_str("</g>\n");
    }

    /// A rectangle. `extra` holds further attributes, already escaped.
    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str, extra: &str) {
        let _ = writeln!(
            self.out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"{}{}/>",
            num(x),
            num(y),
            num(w.max(0.0)),
            num(h.max(0.0)),
            esc(fill),
            if extra.is_empty() { "" } else { " " },
            extra
        );
    }

    /// A straight line from `a` to `b`. `extra` holds further attributes,
    /// already escaped.
    pub fn line(&mut self, a: (f64, f64), b: (f64, f64), stroke: &str, width: f64, extra: &str) {
        let _ = writeln!(
            self.out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"{}\"{}{}/>",
            num(a.0),
            num(a.1),
            num(b.0),
            num(b.1),
            esc(stroke),
            num(width),
            if extra.is_empty() { "" } else { " " },
            extra
        );
    }

    /// A line of text. `anchor` is `start`, `middle` or `end`; `weight` is
    /// empty or `bold`; `fill` defaults to the ink colour.
    #[allow(clippy::too_many_arguments)]
    pub fn text(
        &mut self,
        x: f64,
        y: f64,
        text: &str,
        anchor: &str,
        size: f64,
        weight: &str,
        fill: Option<&str>,
    ) {
        let _ = writeln!(
            self.out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"{}\" font-size=\"{}\"{} fill=\"{}\">{}</text>",
            num(x),
            num(y),
            esc(anchor),
            num(size),
            if weight.is_empty() {
                String::new()
            } else {
                format!(" font-weight=\"{}\"", esc(weight))
            },
            esc(fill.unwrap_or(INK)),
            esc(text)
        );
    }

    /// The finished document.
    pub fn finish(mut self) -> String {
        self.out.push_str("</svg>\n");
        self.out
    }
}

/// A rough width of `text` at `size` points in the figure font, for layout
/// (SVG has no text measurement; DejaVu Sans averages about 0.6 em).
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * 0.6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_never_reach_the_document() {
        assert_eq!(esc("a\u{0}b\u{1b}c\u{FFFF}"), "a\u{FFFD}b\u{FFFD}c\u{FFFD}");
        assert_eq!(esc("'"), "&#39;");
        assert_eq!(esc("line\nbreak"), "line\nbreak");
    }

    #[test]
    fn the_variants_differ_only_in_quotes_and_white_space() {
        let s = "<a href=\"x\">R&D</a> 'q'\t\r\n\u{1}\u{FFFF}";
        assert_eq!(
            escape(s, Escape::Markup),
            "&lt;a href=&quot;x&quot;&gt;R&amp;D&lt;/a&gt; &#39;q&#39;\t\r\n\u{FFFD}\u{FFFD}"
        );
        assert_eq!(
            escape(s, Escape::XmlText),
            "&lt;a href=\"x\"&gt;R&amp;D&lt;/a&gt; 'q'\t&#13;\n\u{FFFD}\u{FFFD}"
        );
        assert_eq!(
            escape(s, Escape::XmlAttribute),
            "&lt;a href=&quot;x&quot;&gt;R&amp;D&lt;/a&gt; &apos;q&apos;&#9;&#13;&#10;\u{FFFD}\u{FFFD}"
        );
    }

    #[test]
    fn numbers_print_the_same_way() {
        assert_eq!(num(10.0), "10");
        assert_eq!(num(10.456), "10.46");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(num(-3.1), "-3.1");
    }
}
