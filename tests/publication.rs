//! Publication outputs: figures a report writer pastes unedited. `--bare`
//! figures without their painted title, subtitle and caption; PDF beside SVG
//! and PNG, valid (parsed back by a PDF reader) and byte-identical on every
//! run; `--lang sv` figures without English words of their own; and the
//! report's sources section, which every citation links to.

mod support;

use std::collections::BTreeSet;
use std::path::Path;
use support::coopgraph_quiet;
use support::graphviz::parse_svg;

/// Runs `args` with `-o dir/name` (replacing it), returns the file's bytes.
fn figure(dir: &Path, name: &str, args: &[&str]) -> Vec<u8> {
    let path = dir.join(name);
    coopgraph_quiet()
        .args(args)
        .arg("-o")
        .arg(&path)
        .arg("--force")
        .assert()
        .success();
    std::fs::read(&path).unwrap()
}

/// The painted texts of an SVG figure (every `<text>`), and its `<title>`.
fn texts(svg: &[u8]) -> (Vec<String>, String) {
    let svg = String::from_utf8(svg.to_vec()).unwrap();
    let doc = parse_svg(&svg);
    let painted = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            n.descendants()
                .filter(|t| t.is_text())
                .filter_map(|t| t.text())
                .collect::<String>()
                .trim()
                .to_string()
        })
        .collect();
    let title = doc
        .root_element()
        .children()
        .find(|n| n.has_tag_name("title"))
        .and_then(|n| n.text())
        .unwrap_or_default()
        .to_string();
    (painted, title)
}

/// The three figure commands, each drawn with the built-in painters.
const FIGURES: &[&[&str]] = &[
    &[
        "render", "--engine", "builtin", "--ego", "Turkey", "--depth", "1",
    ],
    &["timeline", "Turkey", "--as-of", "2026-11-21"],
    &["heatmap"],
];

#[test]
fn bare_figures_paint_no_title_subtitle_or_caption() {
    let dir = tempfile::tempdir().unwrap();
    for args in FIGURES {
        let full = figure(dir.path(), "full.svg", args);
        let bare_args: Vec<&str> = args.iter().copied().chain(["--bare"]).collect();
        let bare = figure(dir.path(), "bare.svg", &bare_args);
        let (full_texts, title) = texts(&full);
        let (bare_texts, bare_title) = texts(&bare);
        // The title stays in the document's <title> for screen readers.
        assert_eq!(title, bare_title, "{args:?}");
        assert!(
            full_texts.contains(&title),
            "{args:?}: the full figure has its title"
        );
        assert!(
            !bare_texts.contains(&title),
            "{args:?}: bare paints no title"
        );
        for t in &bare_texts {
            assert!(
                !t.starts_with("Data:"),
                "{args:?}: bare paints no caption: {t}"
            );
            assert!(
                !t.starts_with("Status as of") && !t.starts_with("Including"),
                "{args:?}: bare paints no subtitle: {t}"
            );
        }
        // The figure's own texts below the title are the same; only the
        // title, subtitle and caption are gone.
        let kept: BTreeSet<&String> = bare_texts.iter().collect();
        let all: BTreeSet<&String> = full_texts.iter().collect();
        assert!(kept.is_subset(&all), "{args:?}: bare adds no text");
        assert!(
            kept.len() + 2 <= all.len(),
            "{args:?}: title and caption gone"
        );
    }
}

#[test]
fn a_bare_network_in_dot_has_no_title_label() {
    let dir = tempfile::tempdir().unwrap();
    let args = ["render", "--ego", "Turkey", "--depth", "1"];
    let full = String::from_utf8(figure(dir.path(), "f.dot", &args)).unwrap();
    let bare_args: Vec<&str> = args.iter().copied().chain(["--bare"]).collect();
    let bare = String::from_utf8(figure(dir.path(), "b.dot", &bare_args)).unwrap();
    assert!(full.contains("POINT-SIZE=\"16\""));
    assert!(!bare.contains("POINT-SIZE=\"16\""), "{bare}");
    assert!(!bare.contains("Data: "), "{bare}");
}

/// Checks that `pdf` is a PDF a reader parses, with `pages` pages.
fn assert_pdf(pdf: &[u8], pages: usize, what: &str) {
    assert!(pdf.starts_with(b"%PDF-"), "{what}: PDF header");
    let tail = String::from_utf8_lossy(&pdf[pdf.len().saturating_sub(64)..]).to_string();
    assert!(tail.contains("%%EOF"), "{what}: PDF trailer");
    let doc = lopdf::Document::load_mem(pdf).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_eq!(doc.get_pages().len(), pages, "{what}: pages");
}

#[test]
fn pdf_figures_are_valid_and_byte_identical_on_every_run() {
    let dir = tempfile::tempdir().unwrap();
    for args in FIGURES {
        let a = figure(dir.path(), "a.pdf", args);
        let b = figure(dir.path(), "b.pdf", args);
        assert_pdf(&a, 1, &format!("{args:?}"));
        assert!(a == b, "{args:?}: two runs differ");
    }
}

#[test]
fn an_unknown_figure_extension_names_pdf_among_the_choices() {
    let dir = tempfile::tempdir().unwrap();
    coopgraph_quiet()
        .args(["timeline", "Turkey", "-o"])
        .arg(dir.path().join("t.gif"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains(".pdf"));
}

/// Builds the default report into `out` with extra arguments.
fn report(out: &Path, extra: &[&str]) {
    coopgraph_quiet()
        .args(["report", "--engine", "builtin", "--as-of", "2026-11-21"])
        .args(extra)
        .arg("-o")
        .arg(out)
        .assert()
        .success();
}

#[test]
fn report_pdf_writes_a_pdf_per_figure_linked_from_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    report(&a, &["--pdf", "--bare"]);
    report(&b, &["--pdf", "--bare"]);
    let index = std::fs::read_to_string(a.join("index.html")).unwrap();
    let md = std::fs::read_to_string(a.join("report.md")).unwrap();
    let mut n = 0;
    for e in std::fs::read_dir(a.join("figures")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "svg") {
            let stem = p.file_stem().unwrap().to_string_lossy().to_string();
            let pdf = std::fs::read(a.join(format!("figures/{stem}.pdf"))).unwrap();
            assert_pdf(&pdf, 1, &stem);
            let again = std::fs::read(b.join(format!("figures/{stem}.pdf"))).unwrap();
            assert!(pdf == again, "{stem}.pdf differs between runs");
            let link = format!("figures/{stem}.pdf");
            assert!(
                index.contains(&format!("href=\"{link}\"")),
                "{link} in index"
            );
            assert!(md.contains(&format!("]({link})")), "{link} in report.md");
            // --bare: the figure has no painted title.
            let (painted, title) = texts(&std::fs::read(&p).unwrap());
            assert!(!painted.contains(&title), "{stem}: bare");
            n += 1;
        }
    }
    assert!(n >= 3, "the default report has figures");
}

/// Words the figures paint in English that a Swedish figure must not show:
/// legend entries, axis words, titles and captions.
const ENGLISH: &[&str] = &[
    "funded by",
    "no funder stated",
    "date known only",
    "still running",
    "as-of date",
    "as of ",
    "no dates stated",
    "Cooperation history",
    "Cooperation network",
    "Cooperation with",
    "takes part",
    "leads it or runs",
    "grey numbers",
    "members per column",
    "own count",
    "shared:",
    "Data:",
    "Selection:",
    "Status as of",
    "nodes,",
    "relations.",
    "network with its members",
    "label size",
    "tie; width",
    "Authorities",
    "networks and councils",
    "Legend",
];

/// A spec of every figure kind with the figures' own titles (the default
/// spec's titles are its writer's words, in English).
const SPEC: &str = r#"
title = "Sverige"
[[figure]]
id = "turkey"
kind = "network"
select = { ego = "Turkey", depth = 1 }
[[figure]]
id = "councils"
kind = "network"
cluster = true
select = { sources = ["crime-en"], kinds = ["agency", "network"] }
[[figure]]
id = "actors"
kind = "network"
view = "actors"
select = { from = "2015", to = "2020" }
[[figure]]
id = "turkey-timeline"
kind = "timeline"
actor = "Turkey"
[[figure]]
id = "agency-timeline"
kind = "timeline"
actor = "Swedish Migration Agency"
[[figure]]
id = "heatmap"
kind = "heatmap"
[[figure]]
id = "pairs"
kind = "heatmap"
square = true
"#;

#[test]
fn swedish_report_figures_paint_no_english_words() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    let spec = dir.path().join("spec.toml");
    std::fs::write(&spec, SPEC).unwrap();
    let spec = spec.display().to_string();
    report(&out, &["--lang", "sv", "--spec", &spec]);
    let mut checked = 0;
    for e in std::fs::read_dir(out.join("figures")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_none_or(|x| x != "svg") {
            continue;
        }
        let (painted, title) = texts(&std::fs::read(&p).unwrap());
        for t in painted.iter().chain([&title]) {
            for w in ENGLISH {
                assert!(
                    !t.contains(w),
                    "{}: English {w:?} in {t:?}",
                    p.file_name().unwrap().to_string_lossy()
                );
            }
        }
        checked += 1;
    }
    assert_eq!(checked, 7);
}

/// The source ids of the embedded data.
fn source_ids() -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(include_str!("../data/sources.json")).unwrap();
    v["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_index_has_a_sources_section_that_citations_link_to() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    report(&out, &[]);
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        index.contains("<section id=\"sources\">"),
        "a sources section"
    );
    for id in source_ids() {
        assert!(
            index.contains(&format!("id=\"source-{id}\"")),
            "{id} has an entry"
        );
    }
    // What the pages state: the Swedish international page's update date,
    // the publishers and titles; and no URL, since the data has none.
    assert!(index.contains("2020-03-03"));
    assert!(index.contains("Migrationsverket"));
    assert!(index.contains("Internationellt samarbete"));
    assert!(!index.contains("https://www.migrationsverket"));
    // The hover texts' citations are inside the figures; the page links
    // each source cited by a figure to its entry.
    let svg = std::fs::read_to_string(out.join("figures/turkey-network.svg")).unwrap();
    assert!(
        source_ids()
            .iter()
            .any(|id| svg.contains(&format!("{id} ¶"))),
        "the Turkey figure cites sources"
    );
    assert!(index.contains("href=\"#source-dev-en\""), "citations link");
    // The figures are embedded so that their hover texts work in the page,
    // and the page still runs no script.
    assert!(index.contains("<object"), "figures as <object>");
    assert!(!index.contains("<script"));
    assert!(index.contains("default-src 'none'"));
}

#[test]
fn report_md_lists_the_sources() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    report(&out, &[]);
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(md.contains("## Sources"));
    for id in source_ids() {
        assert!(md.contains(&format!("<a id=\"source-{id}\"></a>")), "{id}");
    }
    assert!(md.contains("Last updated: 2020-03-03"));
    assert!(
        md.contains("(#source-dev-en)"),
        "citations link to their entry"
    );
}
