//! Text that is safe to show on a terminal: control characters (C0, DEL,
//! C1), which can move the cursor, recolour or clear the screen and retitle
//! the window, and the bidirectional formatting characters, which reorder
//! what is shown (the "Trojan source" trick), written as `\u{..}`.
//!
//! The CLI's table, text and error output and `report.md` (a text file read
//! in terminals and editors) go through [`escape`]; everything else is kept,
//! right-to-left letters and emoji included.
//!
//! ```
//! use coopgraph::terminal::escape;
//! assert_eq!(escape("a\u{1b}[2J\u{9b}b\u{202e}c", false), "a\\u{1b}[2J\\u{9b}b\\u{202e}c");
//! assert_eq!(escape("line\nnext", true), "line\nnext");
//! assert_eq!(escape("line\nnext", false), "line\\u{a}next");
//! assert_eq!(escape("مصلحة 👩‍👩‍👧", false), "مصلحة 👩‍👩‍👧");
//! ```

use std::borrow::Cow;

/// Whether a character must not reach a terminal as it is: a control
/// character (C0, DEL, C1) or a bidirectional formatting character
/// (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069).
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `s` with every character that [`is_unsafe`] written as `\u{..}` (its hex
/// code, as Rust writes it), line breaks (`\n`) too unless `keep_newlines`.
pub fn escape(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    let escaped = |c: char| is_unsafe(c) && !(keep_newlines && c == '\n');
    if !s.chars().any(escaped) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if escaped(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}
