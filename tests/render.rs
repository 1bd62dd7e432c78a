//! Network diagrams and the report: DOT that parses (graphviz-rust, and
//! Graphviz itself when installed), well-formed SVG with a title, a
//! description and sourced hover texts, byte-identical reruns, and safe
//! writing.

use assert_cmd::Command;
use predicates::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;

fn coopgraph() -> Command {
    let mut c = Command::cargo_bin("coopgraph").unwrap();
    c.arg("--quiet");
    c
}

#[path = "support/graphviz.rs"]
mod graphviz;
use graphviz::{assert_dot_accepts, has_graphviz, parse_svg};

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
    coopgraph()
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
            assert!(
                desc.starts_with("Data: "),
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
    coopgraph()
        .args(["render", "--engine", "builtin", "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--force"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep");
    coopgraph()
        .args(["render", "-o"])
        .arg(dir.path().join("x.pdf"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains(".svg"));
    coopgraph()
        .args(["render", "--source", "crime-se", "-o"])
        .arg(dir.path().join("y.svg"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("did you mean \"crime-en\""));
    // Never onto a --data input.
    let data = dir.path().join("d.json");
    std::fs::copy("tests/fixtures/ok/small.json", &data).unwrap();
    let before = std::fs::read(&data).unwrap();
    coopgraph()
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
    coopgraph()
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
    let out = coopgraph()
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
    coopgraph()
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
        coopgraph()
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
    coopgraph()
        .args(hostile)
        .args(["render", "-o"])
        .arg(&path)
        .assert()
        .success();
    let piped = coopgraph().args(hostile).arg("render").output().unwrap();
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
    let out = coopgraph()
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
    coopgraph()
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
