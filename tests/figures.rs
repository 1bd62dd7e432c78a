//! Figures, network diagrams and the report: SVG, PNG and DOT that parse and
//! say what they show, bars and cells where the data puts them, byte-identical
//! reruns, and safe writing of the files.

mod support;

use predicates::prelude::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use support::graphviz::{assert_dot_accepts, has_graphviz, parse_svg};
use support::{coopgraph, coopgraph_quiet, json};

// ==========================================================================
// Formerly tests/figures.rs
//
// The timeline and co-membership figures as users write them: well-formed
// SVG with title and desc, bars where the dates put them, colours that match
// the legend, counts that agree with `overlap`, PNG of the right size, and
// the same bytes on every run.

/// Runs `args` with `-o dir/name`, returns the file's bytes.
fn figure(dir: &Path, name: &str, args: &[&str]) -> Vec<u8> {
    let path = dir.join(name);
    coopgraph()
        .args(args)
        .arg("-o")
        .arg(&path)
        .arg("--force")
        .assert()
        .success()
        .stderr(predicate::str::contains("wrote"));
    std::fs::read(path).unwrap()
}

fn attr(n: roxmltree::Node, name: &str) -> f64 {
    n.attribute(name).unwrap().parse().unwrap()
}

/// The text of a `<title>` child, if any.
fn hover<'a>(n: roxmltree::Node<'a, 'a>) -> Option<&'a str> {
    n.children()
        .find(|c| c.has_tag_name("title"))
        .and_then(|t| t.text())
}

fn groups<'a>(doc: &'a roxmltree::Document, class: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some(class))
        .collect()
}

/// Every figure: XML that parses, a non-empty `<title>` and `<desc>` first.
fn check_svg(bytes: &[u8]) -> String {
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("well-formed SVG");
    let root = doc.root_element();
    assert!(root.has_tag_name("svg"));
    let kids: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert!(kids[0].has_tag_name("title") && !kids[0].text().unwrap_or("").is_empty());
    assert!(kids[1].has_tag_name("desc") && !kids[1].text().unwrap_or("").is_empty());
    text
}

#[test]
fn figures_are_well_formed_the_same_every_run_and_png_is_twice_the_size() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [&[&str]; 4] = [
        &["timeline", "Serbia", "--as-of", "2026-01-01"],
        &["timeline", "Turkey", "--as-of", "2026-01-01"],
        &["heatmap"],
        &["heatmap", "--matrix", "shared", "--via", "any"],
    ];
    for (i, args) in cases.iter().enumerate() {
        let svg = figure(dir.path(), &format!("{i}.svg"), args);
        assert_eq!(
            svg,
            figure(dir.path(), &format!("{i}b.svg"), args),
            "{args:?}"
        );
        let text = check_svg(&svg);
        let png = figure(dir.path(), &format!("{i}.png"), args);
        assert_eq!(
            png,
            figure(dir.path(), &format!("{i}b.png"), args),
            "{args:?}"
        );
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let doc = roxmltree::Document::parse(&text).unwrap();
        let (w, h) = (
            attr(doc.root_element(), "width"),
            attr(doc.root_element(), "height"),
        );
        let dim = |k: usize| f64::from(u32::from_be_bytes(png[k..k + 4].try_into().unwrap()));
        assert_eq!((dim(16), dim(20)), (2.0 * w, 2.0 * h), "{args:?}");
    }
}

/// The x of a fractional year on the timeline's axis, from the year labels
/// (each centred on its year).
fn axis(doc: &roxmltree::Document) -> impl Fn(f64) -> f64 {
    let labels: BTreeMap<i32, f64> = groups(doc, "axis")[0]
        .children()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| (n.text().unwrap().parse().unwrap(), attr(n, "x")))
        .collect();
    let (&y0, &x0) = labels.iter().next().unwrap();
    let per_year = labels[&(y0 + 1)] - x0;
    move |y: f64| x0 + (y - f64::from(y0) - 0.5) * per_year
}

/// The bar pieces of a timeline row: (x, x + width, fill), without the row's
/// background stripe.
fn bars(entry: roxmltree::Node) -> Vec<(f64, f64, String)> {
    entry
        .children()
        .filter(|n| n.has_tag_name("rect") && n.attribute("fill") != Some("#F7F7F7"))
        .map(|n| {
            let x = attr(n, "x");
            (
                x,
                x + attr(n, "width"),
                n.attribute("fill").unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn timeline_bars_stand_on_their_dates_and_match_the_legend() {
    let dir = tempfile::tempdir().unwrap();
    let args = ["timeline", "Serbia", "--as-of", "2026-01-01"];
    let text = check_svg(&figure(dir.path(), "serbia.svg", &args));
    let doc = roxmltree::Document::parse(&text).unwrap();
    let x = axis(&doc);
    // Coordinates have two decimals; a day is about 0.15 units here.
    let near = |a: f64, b: f64| (a - b).abs() < 0.05;
    let entries = groups(&doc, "entry");
    let entry = |name: &str| {
        *entries
            .iter()
            .find(|e| hover(**e).unwrap().starts_with(name))
            .unwrap_or_else(|| panic!("no row for {name}"))
    };

    // 2019-10-07 to 2022-01-06, both to the day: one solid bar, no hatching.
    // 7 October is 279 days into 2019; the bar ends with 6 January 2022.
    let twinning = bars(entry("EU-Twinning project with Serbia"));
    assert_eq!(twinning.len(), 1, "{twinning:?}");
    let (a, b, fill) = &twinning[0];
    assert!(fill.starts_with('#'), "{fill}");
    assert!(
        near(*a, x(2019.0 + 279.0 / 365.0)),
        "{a} vs {}",
        x(2019.764)
    );
    assert!(near(*b, x(2022.0 + 6.0 / 365.0)), "{b}");

    // 2024–2026, years only, running on the as-of date: hatched where the
    // start may fall (any day of 2024, 2024 being a leap year) and where the
    // end may fall (the end of any day of 2026), solid in between, and an
    // arrowhead.
    let academy = entry("Regional digital Migration Academy");
    let pieces = bars(academy);
    let hatched: Vec<_> = pieces.iter().filter(|p| p.2.starts_with("url(")).collect();
    let solid: Vec<_> = pieces.iter().filter(|p| p.2.starts_with('#')).collect();
    assert_eq!(hatched.len(), 2, "{pieces:?}");
    let (last_start, first_end) = (2024.0 + 365.0 / 366.0, 2026.0 + 1.0 / 365.0);
    assert!(near(hatched[0].0, x(2024.0)) && near(hatched[0].1, x(last_start)));
    assert!(near(hatched[1].0, x(first_end)) && near(hatched[1].1, x(2027.0)));
    assert_eq!(solid.len(), 1);
    assert!(near(solid[0].0, x(last_start)) && near(solid[0].1, x(first_end)));
    assert_eq!(
        academy
            .children()
            .filter(|n| n.has_tag_name("path"))
            .count(),
        1
    );
    // A finished project has no arrowhead.
    let finished = entry("EU-Twinning project with Serbia");
    assert_eq!(
        finished
            .children()
            .filter(|n| n.has_tag_name("path"))
            .count(),
        0
    );

    // Undated: no bar at all.
    let sweden = entry("Sweden (cooperation)");
    assert!(bars(sweden).is_empty());

    // Each bar is in the legend colour of one of the entry's own funders.
    let legend = groups(&doc, "legend")[0];
    let swatch: BTreeMap<String, String> = legend
        .children()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|t| {
            let rect = t.prev_sibling_element()?;
            let fill = rect.attribute("fill")?.to_string();
            Some((t.text()?.to_string(), fill))
        })
        .collect();
    let t = json(&args);
    for e in t["entries"].as_array().unwrap() {
        let name = e["item"]["name"].as_str().unwrap();
        let Some((_, _, fill)) = bars(entry(name)).into_iter().find(|p| p.2.starts_with('#'))
        else {
            continue;
        };
        let funders: Vec<&str> = e["funding"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["funder"]["name"].as_str().unwrap())
            .collect();
        let allowed: Vec<&String> = if funders.is_empty() {
            vec![&swatch["no funder stated"]]
        } else {
            funders
                .iter()
                .filter_map(|f| swatch.get(&format!("funded by {f}")))
                .collect()
        };
        assert!(
            allowed.contains(&&fill),
            "{name}: {fill} not in {allowed:?}"
        );
    }
    // Every row says where it comes from.
    for e in &entries {
        assert!(hover(*e).unwrap().contains("sources: "), "{:?}", hover(*e));
    }
}

/// Pairs (a, b) → networks shared, from the matrix's own cells.
fn pair_counts(m: &Value) -> BTreeMap<(String, String), u64> {
    let rows: Vec<&str> = m["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let mut by_col: BTreeMap<u64, Vec<&str>> = BTreeMap::new();
    for c in m["cells"].as_array().unwrap() {
        by_col
            .entry(c["col"].as_u64().unwrap())
            .or_default()
            .push(rows[c["row"].as_u64().unwrap() as usize]);
    }
    let mut out = BTreeMap::new();
    for members in by_col.values() {
        for a in members {
            for b in members {
                if a < b {
                    *out.entry((a.to_string(), b.to_string())).or_default() += 1;
                }
            }
        }
    }
    out
}

#[test]
fn comembership_agrees_with_overlap_and_with_shared() {
    let m = json(&["heatmap", "--max-rows", "1000", "--max-cols", "1000"]);
    let counts = pair_counts(&m);
    let pairs = json(&[
        "overlap", "--kind", "agency", "--via", "network", "--top", "100000",
    ]);
    let from_overlap: BTreeMap<(String, String), u64> = pairs
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let (a, b) = (
                p["a"]["id"].as_str().unwrap(),
                p["b"]["id"].as_str().unwrap(),
            );
            let key = if a < b { (a, b) } else { (b, a) };
            (
                (key.0.to_string(), key.1.to_string()),
                p["shared"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(counts, from_overlap);
    // The five councils both sit on (issue 4, read from the pages).
    let ids = |a: &str, b: &str| {
        let (a, b) = (a.to_string(), b.to_string());
        if a < b { (a, b) } else { (b, a) }
    };
    let agency = |name: &str| json(&["show", name])["id"].as_str().unwrap().to_string();
    let (sma, police) = (agency("Migrationsverket"), agency("Polismyndigheten"));
    assert_eq!(counts[&ids(&sma, &police)], 5);
}

#[test]
fn clustering_puts_actors_with_the_same_councils_together() {
    let m = json(&["heatmap"]);
    let mut sets: Vec<BTreeSet<u64>> = vec![BTreeSet::new(); m["rows"].as_array().unwrap().len()];
    for c in m["cells"].as_array().unwrap() {
        sets[c["row"].as_u64().unwrap() as usize].insert(c["col"].as_u64().unwrap());
    }
    // Rows with identical sets merge first, so each such group is contiguous:
    // a set that starts a new run has not been seen before.
    for i in 1..sets.len() {
        if sets[i] != sets[i - 1] {
            assert!(
                !sets[..i].contains(&sets[i]),
                "rows with {:?} are split",
                sets[i]
            );
        }
    }
    assert!(
        sets.len() > 20,
        "the crime councils' authorities are all there"
    );
}

#[test]
fn heatmap_figure_has_a_hover_for_every_cell() {
    let dir = tempfile::tempdir().unwrap();
    let m = json(&["heatmap"]);
    let text = check_svg(&figure(dir.path(), "h.svg", &["heatmap"]));
    let doc = roxmltree::Document::parse(&text).unwrap();
    let cells = groups(&doc, "cell");
    assert_eq!(cells.len(), m["cells"].as_array().unwrap().len());
    assert!(
        cells
            .iter()
            .all(|c| hover(*c).unwrap().contains("sources: "))
    );

    let text = check_svg(&figure(
        dir.path(),
        "s.svg",
        &["heatmap", "--matrix", "shared"],
    ));
    assert!(text.contains("Swedish Migration Agency and Swedish Police Authority share 5:"));
}

#[test]
fn figure_options_are_checked_before_anything_runs() {
    let dir = tempfile::tempdir().unwrap();
    let bad: [&[&str]; 5] = [
        &["timeline", "Serbia", "-o", "x.gif"],
        &["heatmap", "-o", "x.dot"],
        &["heatmap", "--kind", "fund"],
        &["heatmap", "--via", "partner"],
        &["heatmap", "--max-rows", "0"],
    ];
    for args in bad {
        coopgraph()
            .current_dir(dir.path())
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::starts_with("error: "));
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);

    // An existing file is replaced only with --force.
    let path = dir.path().join("t.svg");
    std::fs::write(&path, "keep").unwrap();
    coopgraph()
        .args(["timeline", "Turkey", "-o"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep");
}

// ==========================================================================
// Formerly tests/render.rs
//
// Network diagrams and the report: DOT that parses (graphviz-rust, and
// Graphviz itself when installed), well-formed SVG with a title, a
// description and sourced hover texts, byte-identical reruns, and safe
// writing.

/// Parses an SVG and returns its root's `<title>` and `<desc>` texts, and
/// every hover title (a `<title>` inside a group, or Graphviz's
/// `xlink:title`).
fn svg_texts(svg: &str) -> (String, String, Vec<String>) {
    let doc = parse_svg(svg);
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    let child = |name: &str| {
        root.children()
            .find(|n| n.tag_name().name() == name)
            .and_then(|n| n.text())
            .unwrap_or_default()
            .to_string()
    };
    let mut hovers = Vec::new();
    for n in doc.descendants() {
        if n.tag_name().name() == "title" && n.parent().is_some_and(|p| p.tag_name().name() == "g")
        {
            hovers.push(n.text().unwrap_or_default().to_string());
        }
        if let Some(t) = n.attribute(("http://www.w3.org/1999/xlink", "title")) {
            hovers.push(t.to_string());
        }
    }
    (child("title"), child("desc"), hovers)
}

/// Node names by id, read straight from data/*.json.
fn names() -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for f in ["international", "development", "crime"] {
        let text = std::fs::read_to_string(format!("data/{f}.json")).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        for n in v["nodes"].as_array().unwrap() {
            out.insert(
                n["id"].as_str().unwrap().to_string(),
                n["name"].as_str().unwrap().to_string(),
            );
        }
    }
    out
}

/// The paragraphs each relation of the embedded data cites, read straight
/// from data/*.json (not through the library): `from kind to` → citations.
fn cited_relations() -> BTreeMap<(String, String, String), Vec<String>> {
    let mut out: BTreeMap<_, Vec<String>> = BTreeMap::new();
    for f in ["international", "development", "crime"] {
        let text = std::fs::read_to_string(format!("data/{f}.json")).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        for r in v["relations"].as_array().unwrap() {
            let key = (
                r["from"].as_str().unwrap().to_string(),
                r["kind"].as_str().unwrap().to_string(),
                r["to"].as_str().unwrap().to_string(),
            );
            for s in r["sources"].as_array().unwrap() {
                let cite = match s["para"].as_u64() {
                    Some(p) => format!("{} ¶{p}", s["source"].as_str().unwrap()),
                    None => s["source"].as_str().unwrap().to_string(),
                };
                out.entry(key.clone()).or_default().push(cite);
            }
        }
    }
    out
}

fn render(args: &[&str], out: &Path) -> Vec<u8> {
    coopgraph_quiet()
        .arg("render")
        .args(args)
        .arg("-o")
        .arg(out)
        .arg("--force")
        .assert()
        .success();
    std::fs::read(out).unwrap()
}

const SELECTIONS: &[&[&str]] = &[
    &["--ego", "Serbia"],
    &["--ego", "Turkey", "--depth", "2", "--size-by", "pagerank"],
    &[
        "--source",
        "crime-en",
        "--kind",
        "agency,network",
        "--cluster",
        "networks",
    ],
    &["--relation", "funds", "--drop-isolated"],
    &[
        "--view", "actors", "--kind", "agency", "--from", "2015", "--to", "2020",
    ],
    &["--lang", "sv", "--ego", "Migrationsverket"],
];

#[test]
fn dot_parses_with_graphviz_rust_and_graphviz() {
    let dir = tempfile::tempdir().unwrap();
    for (k, sel) in SELECTIONS.iter().enumerate() {
        let path = dir.path().join(format!("f{k}.dot"));
        let text = String::from_utf8(render(sel, &path)).unwrap();
        graphviz_rust::parse(&text).unwrap_or_else(|e| panic!("{sel:?}: {e}\n{text}"));
        assert_dot_accepts(&path, &format!("{sel:?}"));
    }
}

#[test]
fn svg_from_either_engine_is_well_formed_titled_and_sourced() {
    let dir = tempfile::tempdir().unwrap();
    let cites = cited_relations();
    let mut engines = vec!["builtin"];
    if has_graphviz() {
        engines.push("graphviz");
    }
    for engine in engines {
        for (k, sel) in SELECTIONS.iter().enumerate() {
            let path = dir.path().join(format!("{engine}{k}.svg"));
            let mut args = sel.to_vec();
            args.extend(["--engine", engine]);
            let svg = String::from_utf8(render(&args, &path)).unwrap();
            let (title, desc, hovers) = svg_texts(&svg);
            assert!(!title.is_empty(), "{engine} {sel:?}: no title");
            // "Underlag: " is the Swedish caption (--lang sv).
            assert!(
                desc.starts_with("Data: ") || desc.starts_with("Underlag: "),
                "{engine} {sel:?}: desc {desc:?}"
            );
            assert!(!hovers.is_empty(), "{engine} {sel:?}: no hover texts");
        }
        // In the Serbia figure, the hover text of each relation names the
        // paragraphs data/*.json cites for it.
        let path = dir.path().join(format!("{engine}-serbia.svg"));
        let svg =
            String::from_utf8(render(&["--ego", "Serbia", "--engine", engine], &path)).unwrap();
        let (_, _, hovers) = svg_texts(&svg);
        let serbia_rels: Vec<_> = cites
            .iter()
            .filter(|((f, _, t), _)| f == "serbia" || t == "serbia")
            .collect();
        assert!(serbia_rels.len() >= 3);
        let names = names();
        for ((from, kind, to), refs) in serbia_rels {
            // `A kind B (role), dates` then the sources: the hover names
            // both ends and the relation, and cites every paragraph.
            let head = format!("{} {kind} {}", names[from], names[to]);
            let found = hovers
                .iter()
                .any(|h| h.starts_with(&head) && refs.iter().all(|r| h.contains(r.as_str())));
            assert!(found, "{engine}: no hover text {head:?} citing {refs:?}");
        }
    }
}

#[test]
fn renders_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let mut engines = vec!["builtin"];
    if has_graphviz() {
        engines.push("graphviz");
    }
    for engine in engines {
        for ext in ["dot", "svg"] {
            let a = render(
                &["--engine", engine, "--size-by", "betweenness"],
                &dir.path().join(format!("a.{ext}")),
            );
            let b = render(
                &["--engine", engine, "--size-by", "betweenness"],
                &dir.path().join(format!("b.{ext}")),
            );
            assert!(a == b, "{engine} {ext} differs between runs");
        }
    }
}

#[test]
fn render_refuses_to_overwrite_or_guess() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.svg");
    std::fs::write(&out, "keep").unwrap();
    coopgraph_quiet()
        .args(["render", "--engine", "builtin", "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--force"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep");
    coopgraph_quiet()
        .args(["render", "-o"])
        .arg(dir.path().join("x.gif"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains(".svg"));
    coopgraph_quiet()
        .args(["render", "--source", "crime-se", "-o"])
        .arg(dir.path().join("y.svg"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("did you mean \"crime-en\""));
    // Never onto a --data input.
    let data = dir.path().join("d.json");
    std::fs::copy("tests/fixtures/ok/small.json", &data).unwrap();
    let before = std::fs::read(&data).unwrap();
    coopgraph_quiet()
        .arg("--data")
        .arg(&data)
        .args(["render", "--force", "-o"])
        .arg(&data)
        .assert()
        .code(2);
    assert_eq!(std::fs::read(&data).unwrap(), before);
}

/// Builds the default report into `out` with `engine`, as of a fixed day.
fn build_report(out: &Path, engine: &str) {
    coopgraph_quiet()
        .args(["report", "--engine", engine, "--as-of", "2026-11-21", "-o"])
        .arg(out)
        .assert()
        .success();
}

fn read_dir_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().display().to_string();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

#[test]
fn report_is_complete_deterministic_and_keeps_other_files() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    std::fs::create_dir_all(&b).unwrap();
    std::fs::write(b.join("notes.txt"), "mine").unwrap();
    for d in [&a, &b] {
        build_report(d, "builtin");
    }
    let (fa, mut fb) = (read_dir_files(&a), read_dir_files(&b));
    assert_eq!(fb.remove("notes.txt").as_deref(), Some(&b"mine"[..]));
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (k, v) in &fa {
        assert!(v == &fb[k], "{k} differs between runs");
    }
    // Every figure the default spec names is there, with a table per table.
    let spec: toml::Value =
        toml::from_str(&std::fs::read_to_string("data/report.toml").unwrap()).unwrap();
    let html = String::from_utf8(fa["index.html"].clone()).unwrap();
    for f in spec["figure"].as_array().unwrap() {
        let id = f["id"].as_str().unwrap();
        let svg = format!("figures/{id}.svg");
        assert!(fa.contains_key(&svg), "{svg} missing");
        assert!(
            html.contains(&format!("src=\"{svg}\"")),
            "index.html lacks {svg}"
        );
        let text = String::from_utf8(fa[&svg].clone()).unwrap();
        let (title, desc, hovers) = svg_texts(&text);
        assert!(
            !title.is_empty() && desc.contains("Data: "),
            "{svg}: {title:?} {desc:?}"
        );
        assert!(!hovers.is_empty(), "{svg} has no hover texts");
        if f["kind"].as_str() == Some("network") {
            let dot = String::from_utf8(fa[&format!("figures/{id}.dot")].clone()).unwrap();
            graphviz_rust::parse(&dot).unwrap();
        }
    }
    for t in spec["table"].as_array().unwrap() {
        let csv = format!("tables/{}.csv", t["id"].as_str().unwrap());
        assert!(fa.contains_key(&csv), "{csv} missing");
    }
    let md = String::from_utf8(fa["report.md"].clone()).unwrap();
    assert!(md.contains("![Cooperation with Serbia over time](figures/serbia-timeline.svg)"));
    // Running again rewrites the same files in place.
    build_report(&a, "builtin");
    assert_eq!(read_dir_files(&a), fa);
}

#[test]
fn report_brokers_match_the_metrics_command() {
    // The report's broker table and `metrics` rank the same actors the same
    // way: one definition of the ranking.
    let dir = tempfile::tempdir().unwrap();
    build_report(dir.path(), "builtin");
    let table = std::fs::read_to_string(dir.path().join("tables/brokers.csv")).unwrap();
    let out = coopgraph_quiet()
        .args([
            "metrics",
            "--view",
            "actors",
            "--metric",
            "betweenness,degree,strength,pagerank",
            "--sort",
            "betweenness",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), table);
}

/// Runs `report` with a spec of `text`, into `dir/out`.
fn report_with_spec(dir: &Path, text: &str) -> assert_cmd::assert::Assert {
    let spec = dir.join("s.toml");
    std::fs::write(&spec, text).unwrap();
    coopgraph_quiet()
        .args(["report", "--spec"])
        .arg(&spec)
        .arg("-o")
        .arg(dir.join("out"))
        .assert()
}

#[test]
fn a_bad_spec_is_located() {
    let dir = tempfile::tempdir().unwrap();
    report_with_spec(
        dir.path(),
        "title = \"x\"\n[[figure]]\nid = \"a\"\nkind = \"network\"\nsize_by = \"fame\"\n",
    )
    .code(2)
    .stderr(predicates::str::contains("s.toml:5:11"));
    assert!(!dir.path().join("out").exists());
    // A figure that names an unknown actor fails before anything is written.
    report_with_spec(
        dir.path(),
        "title = \"x\"\n[[figure]]\nid = \"a\"\nkind = \"timeline\"\nactor = \"Serbai\"\n",
    )
    .code(2)
    .stderr(predicates::str::contains("Serbia"));
    assert!(!dir.path().join("out").exists());
}

#[test]
fn report_with_graphviz_is_byte_identical() {
    if !has_graphviz() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let runs: Vec<_> = ["a", "b"]
        .iter()
        .map(|d| {
            let out = dir.path().join(d);
            build_report(&out, "graphviz");
            read_dir_files(&out)
        })
        .collect();
    for (k, v) in &runs[0] {
        assert!(v == &runs[1][k], "{k} differs between two Graphviz runs");
    }
}

#[test]
fn clusters_are_refused_where_they_cannot_be_drawn() {
    for args in [
        &["--cluster", "networks", "--layout", "sfdp"][..],
        &["--cluster", "networks", "--layout", "neato"],
        &["--cluster", "networks", "--view", "actors"],
    ] {
        coopgraph_quiet()
            .arg("render")
            .args(args)
            .assert()
            .code(2)
            .stderr(predicates::str::contains("cluster"));
    }
    let dir = tempfile::tempdir().unwrap();
    report_with_spec(dir.path(), "title = \"x\"\n[[figure]]\nid = \"c\"\nkind = \"network\"\ncluster = true\nlayout = \"sfdp\"\n")
        .code(2)
        .stderr(predicates::str::contains("s.toml:3:6").and(predicates::str::contains("sfdp")));
}

#[test]
fn the_legend_says_what_tie_width_means() {
    for (weight, meaning) in [
        ("shared", "projects and networks shared"),
        ("years", "years of overlapping participation"),
    ] {
        for engine in ["dot", "builtin"] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir
                .path()
                .join(if engine == "dot" { "f.dot" } else { "f.svg" });
            let mut args = vec!["--view", "actors", "--weight", weight, "--kind", "agency"];
            if engine == "builtin" {
                args.extend(["--engine", "builtin"]);
            }
            let text = String::from_utf8(render(&args, &path)).unwrap();
            assert!(
                text.contains(&format!("tie; width: {meaning}")),
                "{engine} {weight}: legend lacks the tie meaning"
            );
        }
    }
}

#[test]
fn dot_on_stdout_is_the_file_dot() {
    // Piped, the DOT is the document itself, bidi and all; only a terminal
    // gets the escaped form.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.dot");
    let hostile = ["--data", "tests/fixtures/hostile/hostile.json"];
    coopgraph_quiet()
        .args(hostile)
        .args(["render", "-o"])
        .arg(&path)
        .assert()
        .success();
    let piped = coopgraph_quiet()
        .args(hostile)
        .arg("render")
        .output()
        .unwrap();
    let file = std::fs::read(&path).unwrap();
    assert!(
        file.windows(3).any(|w| w == "\u{202e}".as_bytes()),
        "the fixture has U+202E"
    );
    assert!(piped.stdout == file, "stdout DOT differs from the -o file");
}

#[test]
fn source_selects_what_one_page_says() {
    // The nodes that `crime-en` cites, or that its relations join, read
    // from data/*.json without the library.
    let mut want = std::collections::BTreeSet::new();
    for f in ["international", "development", "crime"] {
        let text = std::fs::read_to_string(format!("data/{f}.json")).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let cites = |x: &serde_json::Value| {
            x["sources"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["source"] == "crime-en")
        };
        for n in v["nodes"].as_array().unwrap() {
            if cites(n) {
                want.insert(n["id"].as_str().unwrap().to_string());
            }
        }
        for r in v["relations"].as_array().unwrap() {
            if cites(r) {
                want.insert(r["from"].as_str().unwrap().to_string());
                want.insert(r["to"].as_str().unwrap().to_string());
            }
        }
    }
    let out = coopgraph_quiet()
        .args([
            "metrics", "--source", "crime-en", "--metric", "degree", "--format", "csv",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let got: std::collections::BTreeSet<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect();
    assert!(want.len() > 20);
    assert_eq!(got, want);
}

#[test]
fn report_never_writes_over_its_spec() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    // A spec saved as report.md inside the output folder.
    let spec = out.join("report.md");
    let text = "title = \"x\"\n[[figure]]\nid = \"t\"\nkind = \"timeline\"\nactor = \"Serbia\"\n";
    std::fs::write(&spec, text).unwrap();
    coopgraph_quiet()
        .args(["report", "--engine", "builtin", "--spec"])
        .arg(&spec)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--spec"));
    assert_eq!(std::fs::read_to_string(&spec).unwrap(), text);
    assert!(!out.join("index.html").exists());
}

mod one_point {
    //! Report network figures that make one point each (issue 15): Serbia's and
    //! Turkey's networks leave out the conference member states by a rule the
    //! caption states (`exclude`, `max_nodes` in the report spec), the whole
    //! network is an overview with a short legend in plain words, the councils
    //! figure has a page's proportions with either engine, the funds figure
    //! shows the money, and two runs give the same bytes.

    use std::collections::BTreeMap;
    use std::path::Path;

    /// Runs the default report with `engine` into `dir` and returns its files.
    fn report(dir: &Path, engine: &str) -> BTreeMap<String, String> {
        crate::support::coopgraph_quiet()
            .args(["report", "--engine", engine, "--as-of", "2026-11-21", "-o"])
            .arg(dir)
            .assert()
            .success();
        let mut files = BTreeMap::new();
        for sub in ["", "figures"] {
            for e in std::fs::read_dir(dir.join(sub)).unwrap() {
                let p = e.unwrap().path();
                if p.is_file() {
                    let name = format!("{sub}/{}", p.file_name().unwrap().to_string_lossy());
                    files.insert(name, std::fs::read_to_string(&p).unwrap());
                }
            }
        }
        files
    }

    /// (name, kind) of every node a DOT file draws, from its hover text.
    fn dot_nodes(dot: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for line in dot.lines() {
            // Edges, and nodes drawn as unnamed dots, are not drawn by name.
            if line.contains("->") || !line.contains("tooltip=") || line.contains("label=\"\"") {
                continue;
            }
            let Some(t) = line.split("tooltip=\"").nth(1) else {
                continue;
            };
            let head = t.split("\\n").next().unwrap_or_default();
            if let Some(open) = head.rfind(" (") {
                let kind = head[open + 2..].split(')').next().unwrap_or_default();
                out.push((head[..open].to_string(), kind.to_string()));
            }
        }
        out
    }

    /// The hover texts of every edge of a DOT file.
    fn dot_edges(dot: &str) -> Vec<String> {
        dot.lines()
            .filter(|l| l.contains("->"))
            .filter_map(|l| l.split("tooltip=\"").nth(1))
            .map(|t| t.split("\\n").next().unwrap_or_default().to_string())
            .collect()
    }

    #[test]
    fn serbia_and_turkey_show_the_cooperation_not_the_conference_members() {
        let dir = tempfile::tempdir().unwrap();
        let files = report(dir.path(), "builtin");
        for country in ["serbia", "turkey"] {
            let dot = &files[&format!("figures/{country}-network.dot")];
            let edges = dot_edges(dot);
            let nodes = dot_nodes(dot);
            // Every state drawn by name takes part in the cooperation: it has a
            // relation other than membership of a network.
            for (name, kind) in &nodes {
                if kind != "state" {
                    continue;
                }
                let tied = edges.iter().any(|e| {
                    e.contains(name.as_str())
                        && !e.contains(" member ")
                        && !e.contains(" is member of ")
                });
                assert!(tied, "{country}: {name} is drawn only as a member");
            }
            // A handful, not the conference's 30 members: Sweden, the country,
            // and the partner states of the projects (the Visa Code Training
            // project has four).
            let states = nodes.iter().filter(|(_, k)| k == "state").count();
            assert!(states <= 8, "{country}: {states} states drawn");
            // The Swedish Migration Agency is there, and the caption says what
            // was left out and by which rule.
            assert!(
                nodes.iter().any(|(n, _)| n == "Swedish Migration Agency"),
                "{country}: {nodes:?}"
            );
            let svg = &files[&format!("figures/{country}-network.svg")];
            assert!(svg.contains("Left out by the figure"), "{country}");
        }
    }

    #[test]
    fn the_overview_legend_is_short_and_in_plain_words() {
        let dir = tempfile::tempdir().unwrap();
        let files = report(dir.path(), "builtin");
        let svg = &files["figures/network.svg"];
        let doc = crate::support::graphviz::parse_svg(svg);
        let legend = doc
            .descendants()
            .find(|n| n.attribute("class") == Some("legend"))
            .expect("a legend");
        let texts: Vec<String> = legend
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|n| n.text().unwrap_or_default().to_string())
            .collect();
        // A heading and the rows (a row may hold two node kinds side by side).
        let mut rows: Vec<&str> = legend
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.attribute("y"))
            .collect();
        rows.dedup();
        assert!(rows.len() - 1 <= 8, "{texts:?}");
        // Some relation kinds keep their own row.
        assert!(
            texts
                .iter()
                .filter(|t| t.starts_with("is ") || *t == "funds")
                .count()
                >= 2,
            "{texts:?}"
        );
        assert!(texts.iter().all(|t| !t.contains('_')), "{texts:?}");
        // The whole network is an overview: the top nodes by name, the
        // others as dots of their kind's colour, counted in the caption.
        let dot = &files["figures/network.dot"];
        let named = dot_nodes(dot).len();
        assert!(named <= 40, "{named} nodes drawn by name");
        assert!(svg.contains("are dots coloured by their kind"));
        let dots = dot.lines().filter(|l| l.contains("label=\"\"")).count();
        assert!(dots > named, "{dots} dots, {named} named");
        // The same rows in the DOT legend (a table in the graph's label),
        // in plain words too.
        let legend = dot
            .split("ID=\"coopgraph-legend\"")
            .nth(1)
            .and_then(|t| t.split("</TABLE>").next())
            .expect("DOT legend");
        assert!(legend.matches("<TR>").count() - 1 <= 8, "{legend}");
        assert!(!legend.contains("part_of"));
    }

    /// Width over height of an SVG document.
    fn aspect(svg: &str) -> f64 {
        let doc = crate::support::graphviz::parse_svg(svg);
        let root = doc.root_element();
        let dim = |a: &str| -> f64 {
            let v = root.attribute(a).unwrap_or_default();
            v.trim_end_matches("pt")
                .trim_end_matches("px")
                .parse()
                .unwrap_or_else(|_| panic!("{a}={v}"))
        };
        dim("width") / dim("height")
    }

    #[test]
    fn the_councils_figure_has_a_page_shape_with_either_engine() {
        let mut engines = vec!["builtin"];
        if crate::support::graphviz::has_graphviz() {
            engines.push("graphviz");
        } else {
            eprintln!("skipped: Graphviz is not installed");
        }
        for engine in engines {
            let dir = tempfile::tempdir().unwrap();
            let files = report(dir.path(), engine);
            let a = aspect(&files["figures/councils.svg"]);
            assert!((0.5..=2.0).contains(&a), "{engine}: aspect {a:.2}");
        }
    }

    #[test]
    fn the_funds_figure_shows_the_money() {
        let dir = tempfile::tempdir().unwrap();
        let files = report(dir.path(), "builtin");
        assert!(files["figures/funds.svg"].contains("EUR 1,000,000"));
        assert!(files["figures/funds.dot"].contains("EUR 1,000,000"));
    }

    #[test]
    fn two_report_runs_are_byte_identical() {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let engine = if crate::support::graphviz::has_graphviz() {
            "graphviz"
        } else {
            "builtin"
        };
        let (fa, fb) = (report(a.path(), engine), report(b.path(), engine));
        assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
        for (name, text) in &fa {
            assert!(text == &fb[name], "{name} differs");
        }
    }

    /// Runs `report --spec NAME` with `text` as the spec; it must fail
    /// with exit status 2, and its stderr is returned.
    fn spec_errors(name: &str, text: &str) -> String {
        let dir = tempfile::tempdir().unwrap();
        let spec = crate::support::inputs::write(dir.path(), name, text);
        let out = crate::support::coopgraph()
            .args(["report", "--spec"])
            .arg(&spec)
            .arg("-o")
            .arg(dir.path().join("out"))
            .assert()
            .code(2);
        String::from_utf8_lossy(&out.get_output().stderr).to_string()
    }

    #[test]
    fn unknown_names_in_exclude_are_located_spec_errors() {
        let err = spec_errors(
            "s.toml",
            "title = \"x\"\n[[figure]]\nid = \"t\"\nkind = \"network\"\nselect = { ego = \"Turkey\", depth = 2 }\nexclude = { nodes = [\"Atlantis\"] }\n",
        );
        assert!(err.contains("s.toml:3:"), "{err}");
        assert!(err.contains("Atlantis"), "{err}");
        // An unknown relation kind is refused where it is written.
        let err = spec_errors(
            "k.toml",
            "title = \"x\"\n[[figure]]\nid = \"t\"\nkind = \"network\"\nexclude = { relations = [\"member_off\"] }\n",
        );
        assert!(err.contains("k.toml:5:"), "{err}");
    }

    #[test]
    fn max_nodes_and_exclude_are_network_options_checked_where_written() {
        let err = spec_errors(
            "m.toml",
            "title = \"x\"\n[[figure]]\nid = \"n\"\nkind = \"network\"\nmax_nodes = 0\n[[figure]]\nid = \"t\"\nkind = \"timeline\"\nactor = \"Turkey\"\nexclude = { kinds = [\"state\"] }\n",
        );
        assert!(
            err.contains("m.toml:3:") && err.contains("max_nodes"),
            "{err}"
        );
        assert!(
            err.contains("m.toml:7:") && err.contains("exclude"),
            "{err}"
        );
    }
}

mod honesty {
    //! What the data says, drawn honestly: the timeline figure and table never
    //! say more than the data. An activity whose end no page states is never
    //! drawn with the "still running" arrowhead (it gets its own legended
    //! "end not stated" mark); dates the pages give as planned or expected are
    //! drawn as planned and called planned in the `timeline` table; the as-of
    //! line strikes through no label; labels are not cut where space allows;
    //! reruns are byte-identical.

    use crate::support::{coopgraph, json};
    use std::path::Path;

    /// A small dataset: a study with no end stated, a project with a planned
    /// start and end, a project with a stated start and an expected end, a
    /// project whose end lies after the as-of date, and one that finished.
    const FIXTURE: &str = r#"{
      "sources": [{"id": "page", "kind": "page", "title": "A test page", "lang": "en"}],
      "nodes": [
        {"id": "agency", "kind": "agency", "name": "Agency A", "country": "SE", "sources": [{"source": "page", "para": 1}]},
        {"id": "study", "kind": "project", "name": "Open study", "start": "autumn 2021", "start_planned": true, "sources": [{"source": "page", "para": 2}]},
        {"id": "academy", "kind": "project", "name": "Planned academy", "start": "2024", "end": "2026", "start_planned": true, "end_planned": true, "sources": [{"source": "page", "para": 3}]},
        {"id": "course", "kind": "project", "name": "Expected course", "start": "2022-09", "end": "2024-12", "end_planned": true, "sources": [{"source": "page", "para": 4}]},
        {"id": "running", "kind": "project", "name": "Running project", "start": "2020-01", "end": "2030-12", "sources": [{"source": "page", "para": 5}]},
        {"id": "done", "kind": "project", "name": "Finished project", "start": "2015-01", "end": "2016-06", "sources": [{"source": "page", "para": 6}]},
        {"id": "open", "kind": "project", "name": "Project with a very long name that used to be cut short with an ellipsis in the figure", "start": "2019-03", "sources": [{"source": "page", "para": 7}]}
      ],
      "relations": [
        {"kind": "implements", "from": "agency", "to": "study", "sources": [{"source": "page", "para": 2}]},
        {"kind": "implements", "from": "agency", "to": "academy", "sources": [{"source": "page", "para": 3}]},
        {"kind": "implements", "from": "agency", "to": "course", "sources": [{"source": "page", "para": 4}]},
        {"kind": "implements", "from": "agency", "to": "running", "sources": [{"source": "page", "para": 5}]},
        {"kind": "implements", "from": "agency", "to": "done", "sources": [{"source": "page", "para": 6}]},
        {"kind": "implements", "from": "agency", "to": "open", "sources": [{"source": "page", "para": 7}]}
      ]
    }"#;

    fn figure(dir: &Path, name: &str, args: &[&str]) -> String {
        let path = dir.join(name);
        coopgraph()
            .args(args)
            .arg("-o")
            .arg(&path)
            .assert()
            .success();
        std::fs::read_to_string(path).unwrap()
    }

    fn classes<'a>(n: roxmltree::Node<'a, 'a>) -> Vec<&'a str> {
        n.attribute("class")
            .map(|c| c.split_whitespace().collect())
            .unwrap_or_default()
    }

    /// The row group whose hover text starts with `name`.
    fn row<'a>(doc: &'a roxmltree::Document, name: &str) -> roxmltree::Node<'a, 'a> {
        doc.descendants()
            .find(|n| {
                n.has_tag_name("g")
                    && n.attribute("class") == Some("entry")
                    && n.children()
                        .find(|c| c.has_tag_name("title"))
                        .and_then(|t| t.text())
                        .is_some_and(|t| t.starts_with(name))
            })
            .unwrap_or_else(|| panic!("no row for {name}"))
    }

    /// The classes of the marks drawn in a row.
    fn marks(entry: roxmltree::Node) -> Vec<String> {
        entry
            .descendants()
            .flat_map(classes)
            .map(str::to_string)
            .collect()
    }

    fn legend_texts(doc: &roxmltree::Document) -> Vec<String> {
        doc.descendants()
            .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("legend"))
            .flat_map(|g| g.descendants())
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text().map(str::to_string))
            .collect()
    }

    #[test]
    fn no_end_stated_is_never_drawn_as_still_running() {
        let dir = tempfile::tempdir().unwrap();
        let args = ["timeline", "Turkey", "--as-of", "2026-12-02"];
        let svg = figure(dir.path(), "turkey.svg", &args);
        assert_eq!(svg, figure(dir.path(), "turkey2.svg", &args), "rerun");
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let t = json(&["timeline", "Turkey", "--as-of", "2026-12-02"]);
        let mut open = 0;
        for e in t["entries"].as_array().unwrap() {
            let name = e["item"]["name"].as_str().unwrap();
            let status = e["status"].as_str().unwrap();
            let m = marks(row(&doc, name));
            if status == "no_end_stated" {
                open += 1;
                assert!(!m.iter().any(|c| c == "running"), "{name}: {m:?}");
                // The arrowhead is the figure's only path: none in this row.
                let r = row(&doc, name);
                assert!(!r.descendants().any(|n| n.has_tag_name("path")), "{name}");
                assert!(m.iter().any(|c| c == "end-not-stated"), "{name}: {m:?}");
            }
        }
        assert!(open >= 2, "Turkey has activities with no end stated");
        let legend = legend_texts(&doc);
        assert!(legend.iter().any(|t| t == "end not stated"), "{legend:?}");

        // The fixture: only the project whose end lies ahead has the arrowhead,
        // and the open-ended bar stops short of the as-of date.
        let data = crate::support::write(dir.path(), "d.json", FIXTURE);
        let d = data.to_str().unwrap();
        let args = ["--data", d, "timeline", "Agency A", "--as-of", "2026-12-02"];
        let svg = figure(dir.path(), "fixture.svg", &args);
        let doc = roxmltree::Document::parse(&svg).unwrap();
        assert!(marks(row(&doc, "Running project")).contains(&"running".to_string()));
        for name in ["Open study", "Finished project", "Project with a very long"] {
            let m = marks(row(&doc, name));
            assert!(!m.contains(&"running".to_string()), "{name}: {m:?}");
        }
        let as_of_x = doc
            .descendants()
            .find(|n| n.attribute("class") == Some("as-of"))
            .and_then(|g| g.descendants().find(|n| n.has_tag_name("line")))
            .map(|l| l.attribute("x1").unwrap().parse::<f64>().unwrap())
            .expect("an as-of line");
        let open = row(&doc, "Project with a very long");
        for r in open.descendants().filter(|n| n.has_tag_name("rect")) {
            if classes(r)
                .iter()
                .any(|c| *c == "bar" || *c == "end-not-stated")
            {
                let right = r.attribute("x").unwrap().parse::<f64>().unwrap()
                    + r.attribute("width").unwrap().parse::<f64>().unwrap();
                assert!(right < as_of_x - 20.0, "{right} vs as-of {as_of_x}");
            }
        }
    }

    #[test]
    fn planned_dates_are_drawn_and_printed_as_planned() {
        let dir = tempfile::tempdir().unwrap();
        let data = crate::support::write(dir.path(), "d.json", FIXTURE);
        let d = data.to_str().unwrap();
        let args = ["--data", d, "timeline", "Agency A", "--as-of", "2026-12-02"];
        let svg = figure(dir.path(), "a.svg", &args);
        assert_eq!(svg, figure(dir.path(), "b.svg", &args), "rerun");
        let doc = roxmltree::Document::parse(&svg).unwrap();
        for name in ["Open study", "Planned academy", "Expected course"] {
            let m = marks(row(&doc, name));
            assert!(m.contains(&"planned".to_string()), "{name}: {m:?}");
        }
        for name in ["Running project", "Finished project"] {
            let m = marks(row(&doc, name));
            assert!(!m.contains(&"planned".to_string()), "{name}: {m:?}");
        }
        let legend = legend_texts(&doc);
        assert!(
            legend.iter().any(|t| t.starts_with("planned")),
            "{legend:?}"
        );
        // The hover text says what the table says.
        let title = row(&doc, "Expected course")
            .children()
            .find(|c| c.has_tag_name("title"))
            .and_then(|t| t.text())
            .unwrap();
        assert!(title.contains("finished; end planned"), "{title}");

        // The table says so, and JSON marks the dates.
        let out = coopgraph()
            .args(["--data", d, "timeline", "Agency A", "--as-of", "2026-12-02"])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let line = |name: &str| {
            text.lines()
                .find(|l| l.contains(name))
                .unwrap_or_else(|| panic!("no line for {name}:\n{text}"))
                .to_string()
        };
        assert!(line("Open study").contains("start planned"), "{text}");
        assert!(line("Planned academy").contains("dates planned"), "{text}");
        assert!(line("Expected course").contains("end planned"), "{text}");
        assert!(!line("Running project").contains("planned"), "{text}");
        let t = json(&["--data", d, "timeline", "Agency A", "--as-of", "2026-12-02"]);
        let entry = |name: &str| {
            t["entries"]
                .as_array()
                .unwrap()
                .iter()
                .find(|e| e["item"]["name"] == name)
                .unwrap()
                .clone()
        };
        assert_eq!(entry("Open study")["start"]["planned"], true);
        assert_eq!(entry("Expected course")["end"]["planned"], true);
        assert!(entry("Expected course")["start"].get("planned").is_none());

        // The embedded data marks the Turkish feasibility study's start as
        // planned (dev-en ¶31: "will conduct"), and the VCT project's end as
        // expected (dev-en ¶10).
        let t = json(&["timeline", "Turkey", "--as-of", "2026-12-02"]);
        let study = t["entries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["item"]["id"] == "turkey-gbv-feasibility-study")
            .unwrap()
            .clone();
        assert_eq!(study["start"]["planned"], true);
        let out = coopgraph()
            .args(["timeline", "Turkey", "--as-of", "2026-12-02"])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let study_line = text
            .lines()
            .find(|l| l.contains("Feasibility study"))
            .unwrap();
        assert!(study_line.contains("start planned"), "{study_line}");
    }

    #[test]
    fn labels_are_whole_and_the_as_of_line_crosses_no_label() {
        let dir = tempfile::tempdir().unwrap();
        // Without the planned markers: this rule does not depend on them.
        let plain = FIXTURE
            .replace(r#""start_planned": true, "#, "")
            .replace(r#""end_planned": true, "#, "");
        let data = crate::support::write(dir.path(), "d.json", plain);
        let d = data.to_str().unwrap();
        for (i, args) in [
            vec!["--data", d, "timeline", "Agency A", "--as-of", "2026-12-02"],
            vec!["timeline", "Turkey", "--as-of", "2026-12-02"],
            vec!["timeline", "Serbia", "--as-of", "2026-01-01"],
        ]
        .into_iter()
        .enumerate()
        {
            let svg = figure(dir.path(), &format!("{i}.svg"), &args);
            let doc = roxmltree::Document::parse(&svg).unwrap();
            for t in doc.descendants().filter(|n| n.has_tag_name("text")) {
                let text = t.text().unwrap_or("");
                let in_legend_or_row = t
                    .ancestors()
                    .any(|a| matches!(a.attribute("class"), Some("legend") | Some("entry")));
                if in_legend_or_row {
                    assert!(!text.contains('…'), "{args:?}: cut label {text:?}");
                }
            }
            // The as-of line's segments leave a gap wherever a row's text
            // stands across it.
            let segments: Vec<(f64, f64, f64)> = doc
                .descendants()
                .filter(|n| n.attribute("class") == Some("as-of"))
                .flat_map(|g| g.descendants().filter(|n| n.has_tag_name("line")))
                .map(|l| {
                    let f = |k| l.attribute(k).unwrap().parse::<f64>().unwrap();
                    (f("x1"), f("y1"), f("y2"))
                })
                .collect();
            assert!(!segments.is_empty());
            for t in doc.descendants().filter(|n| n.has_tag_name("text")) {
                let f = |k| t.attribute(k).unwrap().parse::<f64>().unwrap();
                let (x, y) = (f("x"), f("y"));
                let size = f("font-size");
                let w = t.text().unwrap_or("").chars().count() as f64 * size * 0.5;
                let (left, right) = match t.attribute("text-anchor") {
                    Some("end") => (x - w, x),
                    Some("middle") => (x - w / 2.0, x + w / 2.0),
                    _ => (x, x + w),
                };
                for &(lx, y1, y2) in &segments {
                    let crosses = lx > left + 1.0
                        && lx < right - 1.0
                        && y1.min(y2) < y - 2.0
                        && y1.max(y2) > y - size + 3.0;
                    assert!(
                        !crosses,
                        "{args:?}: as-of line at {lx} strikes through {:?}",
                        t.text()
                    );
                }
            }
        }
    }

    #[test]
    fn a_planned_flag_without_its_date_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let data = FIXTURE.replace(
            r#""name": "Finished project", "start": "2015-01", "end": "2016-06","#,
            r#""name": "Finished project", "end_planned": true,"#,
        );
        assert_ne!(data, FIXTURE);
        let path = crate::support::write(dir.path(), "d.json", data);
        coopgraph()
            .args(["--data", path.to_str().unwrap(), "timeline", "Agency A"])
            .assert()
            .failure()
            .stderr(predicates::str::contains("error[planned-without-date]"));
    }
}

mod publication {
    //! Publication outputs: figures a report writer pastes unedited. `--bare`
    //! figures without their painted title, subtitle and caption; PDF beside SVG
    //! and PNG, valid (parsed back by a PDF reader) and byte-identical on every
    //! run; `--lang sv` figures without English words of their own; and the
    //! report's sources section, which every citation links to.

    use crate::support::coopgraph_quiet;
    use crate::support::graphviz::parse_svg;
    use std::collections::BTreeSet;
    use std::path::Path;

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
        let v: serde_json::Value =
            serde_json::from_str(include_str!("../data/sources.json")).unwrap();
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
}

// ==========================================================================
// The explorer (`coopgraph explore`, the report's explorer.html): one
// self-contained page, the same bytes on every run, a policy whose hashes
// are the inline elements', under 2 MB for the seed data, its metrics those
// of `coopgraph metrics`, and the cap's refusal. Its interactions are
// checked in headless Chromium by scripts/check_explorer.mjs.
mod explorer {
    use crate::support::{coopgraph_quiet, json};
    use base64::Engine as _;
    use sha2::{Digest, Sha256};
    use std::path::Path;

    fn explore(dir: &Path, name: &str, args: &[&str]) -> String {
        let out = dir.join(name);
        coopgraph_quiet()
            .arg("explore")
            .arg("-o")
            .arg(&out)
            .args(args)
            .assert()
            .success();
        std::fs::read_to_string(out).unwrap()
    }

    /// The text between `open` and the next `close` after it, for each.
    fn elements<'a>(page: &'a str, open: &str, close: &str) -> Vec<&'a str> {
        page.split(open)
            .skip(1)
            .map(|rest| &rest[..rest.find(close).expect("closed")])
            .collect()
    }

    /// The embedded data, parsed.
    pub fn data(page: &str) -> serde_json::Value {
        let open = "<script type=\"application/json\" id=\"coopgraph-data\">";
        let text = elements(page, open, "</script>");
        assert_eq!(text.len(), 1);
        serde_json::from_str(text[0]).unwrap()
    }

    /// The page's nodes (stored a column per field) as one object each:
    /// id, name, degree, pagerank.
    pub fn nodes(d: &serde_json::Value) -> Vec<serde_json::Value> {
        let n = &d["nodes"];
        (0..n["id"].as_array().unwrap().len())
            .map(|i| {
                serde_json::json!({
                    "id": n["id"][i], "name": n["name"][i],
                    "degree": n["degree"][i], "pagerank": n["pagerank"][i],
                })
            })
            .collect()
    }

    #[test]
    fn nodes_the_pages_do_not_name_are_marked_as_labels() {
        let dir = tempfile::tempdir().unwrap();
        let d = data(&explore(dir.path(), "u.html", &[]));
        let ids = d["nodes"]["id"].as_array().unwrap();
        let marked: Vec<&str> = d["nodes"]["details"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|pair| pair[1]["unnamed"] == true)
            .map(|pair| ids[pair[0].as_u64().unwrap() as usize].as_str().unwrap())
            .collect();
        // The nodes marked `unnamed` in data/ (read independently of the page).
        let mut expected = Vec::new();
        for f in [
            "data/development.json",
            "data/international.json",
            "data/crime.json",
        ] {
            let v: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
            for n in v["nodes"].as_array().unwrap() {
                if n["unnamed"] == true {
                    expected.push(n["id"].as_str().unwrap().to_string());
                }
            }
        }
        let mut marked: Vec<String> = marked.into_iter().map(String::from).collect();
        marked.sort();
        expected.sort();
        assert!(!expected.is_empty());
        assert_eq!(marked, expected);
    }

    #[test]
    fn two_runs_give_the_same_bytes_and_the_seed_page_is_under_2_mb() {
        let dir = tempfile::tempdir().unwrap();
        let a = explore(dir.path(), "a.html", &[]);
        let b = explore(dir.path(), "b.html", &[]);
        assert!(a == b, "two runs differ");
        assert!(a.len() < 2 * 1024 * 1024, "{} bytes", a.len());
        let sv = explore(dir.path(), "sv.html", &["--lang", "sv"]);
        assert!(sv.starts_with("<!DOCTYPE html>\n<html lang=\"sv\">"));
        assert_eq!(data(&sv)["words"]["search"], "Sök");
        // Names in the page's language: the Agency by its Swedish name.
        let sv_nodes = nodes(&data(&sv));
        let names: Vec<&str> = sv_nodes
            .iter()
            .map(|n| n["name"].as_str().unwrap())
            .collect();
        assert!(names.contains(&"Migrationsverket"), "{names:?}");
    }

    /// The policy allows exactly the page's inline scripts and style, by
    /// their SHA-256, and nothing from anywhere.
    #[test]
    fn the_policy_holds_the_hashes_of_the_inline_script_and_style() {
        let dir = tempfile::tempdir().unwrap();
        let page = explore(dir.path(), "e.html", &[]);
        let meta = elements(
            &page,
            "<meta http-equiv=\"Content-Security-Policy\" content=\"",
            "\"",
        );
        let policy = meta[0].replace("&#39;", "'");
        assert!(policy.starts_with("default-src 'none';"), "{policy}");
        assert!(!policy.contains("unsafe"), "{policy}");
        let hash = |s: &str| {
            let b64 = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(s));
            format!("'sha256-{b64}'")
        };
        let directive = |name: &str| -> Vec<String> {
            let d = policy
                .split(';')
                .map(str::trim)
                .find(|d| d.starts_with(name))
                .unwrap();
            d.split_whitespace().skip(1).map(String::from).collect()
        };
        let scripts = elements(&page, "<script>", "</script>");
        assert_eq!(scripts.len(), 3, "graphology, sigma, the viewer");
        let allowed = directive("script-src");
        let wanted: Vec<String> = scripts.iter().map(|s| hash(s)).collect();
        assert_eq!(allowed, wanted);
        let styles = elements(&page, "<style>", "</style>");
        assert_eq!(directive("style-src"), vec![hash(styles[0])]);
    }

    /// The degree and PageRank the page sizes nodes by are those `coopgraph
    /// metrics` gives for the same view.
    #[test]
    fn the_page_metrics_are_those_of_coopgraph_metrics() {
        let dir = tempfile::tempdir().unwrap();
        let page = explore(dir.path(), "e.html", &[]);
        let d = nodes(&data(&page));
        let m = json(&["metrics", "--metric", "degree,pagerank", "--top", "5"]);
        let rows = m["rows"].as_array().unwrap();
        assert!(!rows.is_empty());
        for row in rows {
            let id = row["id"].as_str().unwrap();
            let node = d.iter().find(|n| n["id"] == id).unwrap();
            let want = |k: &str| row[k].as_f64().unwrap();
            assert_eq!(node["degree"].as_f64().unwrap(), want("degree"), "{id}");
            let pr = node["pagerank"].as_f64().unwrap();
            assert!((pr - want("pagerank")).abs() < 1e-6, "{id}: {pr}");
        }
    }

    /// A selection keeps its meaning: an ego selection's page holds the
    /// nodes `coopgraph ego` lists, and no other.
    #[test]
    fn a_selection_gives_the_nodes_ego_lists() {
        let dir = tempfile::tempdir().unwrap();
        let page = explore(dir.path(), "e.html", &["--ego", "Turkey", "--depth", "1"]);
        let mut ids: Vec<String> = nodes(&data(&page))
            .iter()
            .map(|n| n["id"].as_str().unwrap().to_string())
            .collect();
        let mut want: Vec<String> = json(&["ego", "Turkey"])["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["id"].as_str().unwrap().to_string())
            .collect();
        ids.sort();
        want.sort();
        assert_eq!(ids, want);
    }

    #[test]
    fn the_report_writes_the_explorer_and_links_it_from_a_script_free_page() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("r");
        coopgraph_quiet()
            .args(["report", "-o"])
            .arg(&out)
            .args(["--engine", "builtin", "--as-of", "2026-11-21"])
            .assert()
            .success();
        let index = std::fs::read_to_string(out.join("index.html")).unwrap();
        assert!(index.contains("href=\"explorer.html\""));
        assert!(!index.contains("<script"));
        let page = std::fs::read_to_string(out.join("explorer.html")).unwrap();
        assert!(!nodes(&data(&page)).is_empty());
    }

    /// Past the cap, the command refuses (exit 2) and says which selection
    /// to make.
    #[test]
    fn a_graph_past_the_cap_is_refused_with_the_selections_to_make() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.json");
        coopgraph_quiet()
            .args(["generate", "--orgs", "100001", "--projects", "1"])
            .args(["--mean-partners", "0", "-o"])
            .arg(&big)
            .assert()
            .success();
        let out = dir.path().join("e.html");
        let a = coopgraph_quiet()
            .arg("--data")
            .arg(&big)
            .args(["explore", "-o"])
            .arg(&out)
            .assert()
            .code(2);
        let err = String::from_utf8_lossy(&a.get_output().stderr).to_string();
        assert!(err.contains("too many for the explorer"), "{err}");
        assert!(err.contains("--ego") && err.contains("--kind"), "{err}");
        assert!(!out.exists());
    }
}

mod swedish_pages {
    //! Under `--lang sv` the report is Swedish beyond the figures' painted
    //! words: the default spec's Swedish titles, the index page's and
    //! report.md's own words, the SVGs' hover texts and `<desc>`.

    use crate::support::coopgraph_quiet;
    use std::path::Path;

    fn report(out: &Path) {
        coopgraph_quiet()
            .args(["--lang", "sv", "report", "-o"])
            .arg(out)
            .args(["--engine", "builtin", "--as-of", "2026-11-21"])
            .assert()
            .success();
    }

    /// The default spec's `(title, title_sv)` of every figure and table.
    fn spec_titles() -> Vec<(String, String)> {
        let spec: toml::Table = std::fs::read_to_string("data/report.toml")
            .unwrap()
            .parse()
            .unwrap();
        let mut out = Vec::new();
        for key in ["figure", "table"] {
            for f in spec[key].as_array().unwrap() {
                if let (Some(en), Some(sv)) = (f.get("title"), f.get("title_sv")) {
                    let s = |v: &toml::Value| v.as_str().unwrap().to_string();
                    out.push((s(en), s(sv)));
                }
            }
        }
        out
    }

    #[test]
    fn the_explorer_of_a_swedish_report_is_titled_and_linked_in_swedish() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("r");
        report(&out);
        let index = std::fs::read_to_string(out.join("index.html")).unwrap();
        assert!(
            index.contains("<a href=\"explorer.html\">Utforska nätverket</a>"),
            "the link is in English"
        );
        assert!(!index.contains("Explore the network"));
        let page = std::fs::read_to_string(out.join("explorer.html")).unwrap();
        let title = &page[page.find("<title>").unwrap() + 7..page.find("</title>").unwrap()];
        let spec: toml::Table = std::fs::read_to_string("data/report.toml")
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(title, spec["title_sv"].as_str().unwrap());
    }

    #[test]
    fn the_index_page_and_report_md_speak_swedish() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("r");
        report(&out);
        let html = std::fs::read_to_string(out.join("index.html")).unwrap();
        let md = std::fs::read_to_string(out.join("report.md")).unwrap();
        assert!(html.contains("<html lang=\"sv\">"));
        let titles = spec_titles();
        assert!(titles.len() >= 10, "{titles:?}");
        for (en, sv) in &titles {
            assert!(html.contains(sv.as_str()), "{sv:?} not in index.html");
            assert!(md.contains(sv.as_str()), "{sv:?} not in report.md");
            assert!(!html.contains(&format!(">{en}<")), "{en:?} in index.html");
        }
        for english in [
            ">Sources<",
            "Sources cited in the hover texts",
            "Files:",
            "Timeline statuses as of",
            "Last updated",
            "published by",
            "drawn by",
        ] {
            assert!(!html.contains(english), "index.html: {english:?}");
        }
        assert!(html.contains(">Källor<") && md.contains("## Källor"));
    }

    #[test]
    fn hover_texts_and_descriptions_are_swedish() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("r");
        report(&out);
        let mut hovers = 0;
        for entry in std::fs::read_dir(out.join("figures")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "svg") {
                continue;
            }
            let svg = std::fs::read_to_string(&path).unwrap();
            let doc = crate::support::graphviz::parse_svg(&svg);
            for t in doc.descendants().filter(|n| n.has_tag_name("title")) {
                let text = t.text().unwrap_or_default();
                hovers += 1;
                for english in [
                    "sources: ",
                    "partners: ",
                    "funding: ",
                    "role: ",
                    ", through ",
                ] {
                    assert!(!text.contains(english), "{path:?}: {text:?}");
                }
            }
            let desc = doc
                .descendants()
                .find(|n| n.has_tag_name("desc"))
                .and_then(|n| n.text())
                .unwrap_or_default();
            for english in [
                "Heatmap of",
                "Gantt chart",
                "Data: ",
                "Drawn by name",
                "Left out",
            ] {
                assert!(!desc.contains(english), "{path:?}: {desc:?}");
            }
            assert!(desc.contains("Underlag: "), "{path:?}: {desc:?}");
        }
        assert!(hovers > 100, "{hovers} hover texts");
    }
}
