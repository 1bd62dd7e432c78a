//! The timeline and co-membership figures as users write them: well-formed
//! SVG with title and desc, bars where the dates put them, colours that match
//! the legend, counts that agree with `overlap`, PNG of the right size, and
//! the same bytes on every run.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn coopgraph() -> Command {
    Command::cargo_bin("coopgraph").unwrap()
}

fn json(args: &[&str]) -> Value {
    let out = coopgraph()
        .args(args)
        .args(["--format", "json"])
        .assert()
        .success();
    serde_json::from_slice(&out.get_output().stdout).unwrap()
}

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
        &["timeline", "Serbia", "-o", "x.pdf"],
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
