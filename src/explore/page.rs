//! The explorer page: one HTML file with the data, the vendored libraries
//! (`vendor/`), the viewer's script and style inline, and a
//! Content-Security-Policy that allows exactly those inline elements by
//! their SHA-256 hashes and nothing else (no network, no `unsafe-inline`,
//! no `unsafe-eval`).
//!
//! The data goes in a `<script type="application/json">` element, which the
//! browser never runs; its JSON has every `<`, `>` and `&` written as
//! `\u003c`, `\u003e`, `\u0026` and the line separators U+2028 and U+2029
//! escaped, so no text in it can close the element or open a comment. Every
//! other text in the page passes through `svg::esc`.

use crate::render::svg::esc;
use base64::Engine as _;
use sha2::{Digest, Sha256};

/// graphology, the graph model sigma.js draws (MIT; `vendor/VERSIONS`).
pub const GRAPHOLOGY: &str = include_str!("../../vendor/graphology/graphology.umd.min.js");
/// sigma.js, the WebGL renderer (MIT; `vendor/VERSIONS`).
pub const SIGMA: &str = include_str!("../../vendor/sigma/sigma.min.js");
/// The viewer: search, filters, time slider, panel, shared and path.
pub const VIEWER: &str = include_str!("viewer.js");
pub const STYLE: &str = include_str!("viewer.css");
/// The vendored libraries' versions and licences, stated in the page.
pub const VERSIONS: &str = include_str!("../../vendor/VERSIONS");

/// `'sha256-…'`: a CSP source for an inline element's exact content.
pub fn csp_hash(content: &str) -> String {
    let digest = Sha256::digest(content.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The policy: nothing from anywhere, but the inline scripts and style by
/// hash (the exports are drawn on a canvas and saved through a blob link,
/// which needs no source).
pub fn policy() -> String {
    let scripts: Vec<String> = [GRAPHOLOGY, SIGMA, VIEWER]
        .iter()
        .map(|s| csp_hash(s))
        .collect();
    format!(
        "default-src 'none'; script-src {}; style-src {}; \
         base-uri 'none'; form-action 'none'",
        scripts.join(" "),
        csp_hash(STYLE)
    )
}

/// JSON made safe inside a `<script>` element (see the module comment).
pub fn script_safe_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// The page around `json` (the data, already script-safe).
pub fn page(lang: &str, title: &str, json: &str) -> String {
    let libs: String = VERSIONS
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut w = l.split_whitespace();
            Some(format!("{} {} ({})", w.next()?, w.next()?, w.next()?))
        })
        .collect::<Vec<_>>()
        .join(", ");
    let mut s = String::with_capacity(json.len() + GRAPHOLOGY.len() + SIGMA.len() + 65_536);
    s.push_str("<!DOCTYPE html>\n<html lang=\"");
    s.push_str(&esc(lang));
    s.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n");
    s.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"");
    s.push_str(&esc(&policy()));
    s.push_str("\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    s.push_str("<meta name=\"generator\" content=\"coopgraph explore; ");
    s.push_str(&esc(&libs));
    s.push_str("\">\n<title>");
    s.push_str(&esc(title));
    s.push_str("</title>\n<style>");
    s.push_str(STYLE);
    s.push_str("</style>\n</head>\n<body>\n");
    s.push_str(BODY);
    s.push_str("<script type=\"application/json\" id=\"coopgraph-data\">");
    s.push_str(json);
    s.push_str("</script>\n");
    for code in [GRAPHOLOGY, SIGMA, VIEWER] {
        s.push_str("<script>");
        s.push_str(code);
        s.push_str("</script>\n");
    }
    s.push_str("</body>\n</html>\n");
    s
}

/// The page's fixed elements; the viewer fills in their words and lists.
const BODY: &str = r#"<header>
<h1 id="title"></h1>
<p id="caption"></p>
</header>
<main>
<nav id="controls" aria-label="controls">
<div class="search">
<label for="search" id="search-label"></label>
<input id="search" type="search" autocomplete="off" role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="suggestions">
<ul id="suggestions" role="listbox" hidden></ul>
</div>
<fieldset id="time"><legend id="time-label"></legend>
<label><span id="from-label"></span> <input id="year-from" type="number"></label>
<label><span id="to-label"></span> <input id="year-to" type="number"></label>
<input id="year-range-from" type="range" aria-labelledby="from-label">
<input id="year-range-to" type="range" aria-labelledby="to-label">
<button id="play" type="button"></button>
</fieldset>
<fieldset id="kinds"><legend id="kinds-label"></legend></fieldset>
<fieldset id="relation-kinds"><legend id="relation-kinds-label"></legend></fieldset>
<label><span id="source-label"></span> <select id="source"></select></label>
<label><span id="country-label"></span> <select id="country"></select></label>
<label><input id="isolated" type="checkbox"> <span id="isolated-label"></span></label>
<label><span id="colour-label"></span> <select id="colour"></select></label>
<label><span id="size-label"></span> <select id="size"></select></label>
<div class="buttons">
<button id="zoom-in" type="button"></button>
<button id="zoom-out" type="button"></button>
<button id="fit" type="button"></button>
<button id="reset" type="button"></button>
<button id="export-svg" type="button"></button>
<button id="export-png" type="button"></button>
</div>
<section id="legend" aria-labelledby="legend-label"><h2 id="legend-label"></h2><ul id="legend-rows"></ul><p id="legend-size"></p></section>
<p id="counts" aria-live="polite"></p>
</nav>
<div id="graph" role="img" aria-labelledby="title"></div>
<aside id="panel" aria-live="polite" tabindex="-1" hidden></aside>
</main>
"#;
