//! Report network figures that make one point each (issue 15): Serbia's and
//! Turkey's networks leave out the conference member states by a rule the
//! caption states (`exclude`, `max_nodes` in the report spec), the whole
//! network is an overview with a short legend in plain words, the councils
//! figure has a page's proportions with either engine, the funds figure
//! shows the money, and two runs give the same bytes.

mod support;

use std::collections::BTreeMap;
use std::path::Path;

/// Runs the default report with `engine` into `dir` and returns its files.
fn report(dir: &Path, engine: &str) -> BTreeMap<String, String> {
    support::coopgraph_quiet()
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
        if line.contains("->") || !line.contains("tooltip=") {
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
    let doc = support::graphviz::parse_svg(svg);
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
    // The whole network is aggregated: most nodes are drawn within groups.
    let dot = &files["figures/network.dot"];
    let named = dot_nodes(dot).len();
    assert!(named <= 40, "{named} nodes drawn");
    assert!(svg.contains("drawn as one node per kind"));
    // The same rows in the DOT legend, in plain words too.
    let legend_line = dot
        .lines()
        .find(|l| l.contains("coopgraph-legend"))
        .expect("DOT legend");
    assert!(legend_line.matches("<TR>").count() - 1 <= 8);
    assert!(!legend_line.contains("part_of"));
}

/// Width over height of an SVG document.
fn aspect(svg: &str) -> f64 {
    let doc = support::graphviz::parse_svg(svg);
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
    if support::graphviz::has_graphviz() {
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
    let engine = if support::graphviz::has_graphviz() {
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

#[test]
fn unknown_names_in_exclude_are_located_spec_errors() {
    let dir = tempfile::tempdir().unwrap();
    let spec = support::inputs::write(
        dir.path(),
        "s.toml",
        "title = \"x\"\n[[figure]]\nid = \"t\"\nkind = \"network\"\nselect = { ego = \"Turkey\", depth = 2 }\nexclude = { nodes = [\"Atlantis\"] }\n",
    );
    let out = support::coopgraph()
        .args(["report", "--spec"])
        .arg(&spec)
        .arg("-o")
        .arg(dir.path().join("out"))
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("s.toml:3:"), "{err}");
    assert!(err.contains("Atlantis"), "{err}");
    // An unknown relation kind is refused where it is written.
    let spec = support::inputs::write(
        dir.path(),
        "k.toml",
        "title = \"x\"\n[[figure]]\nid = \"t\"\nkind = \"network\"\nexclude = { relations = [\"member_off\"] }\n",
    );
    let out = support::coopgraph()
        .args(["report", "--spec"])
        .arg(&spec)
        .arg("-o")
        .arg(dir.path().join("out2"))
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("k.toml:5:"), "{err}");
}

#[test]
fn max_nodes_and_exclude_are_network_options_checked_where_written() {
    let dir = tempfile::tempdir().unwrap();
    let spec = support::inputs::write(
        dir.path(),
        "m.toml",
        "title = \"x\"\n[[figure]]\nid = \"n\"\nkind = \"network\"\nmax_nodes = 0\n[[figure]]\nid = \"t\"\nkind = \"timeline\"\nactor = \"Turkey\"\nexclude = { kinds = [\"state\"] }\n",
    );
    let out = support::coopgraph()
        .args(["report", "--spec"])
        .arg(&spec)
        .arg("-o")
        .arg(dir.path().join("out"))
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("m.toml:3:") && err.contains("max_nodes"),
        "{err}"
    );
    assert!(
        err.contains("m.toml:7:") && err.contains("exclude"),
        "{err}"
    );
}
