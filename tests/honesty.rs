//! What the data says, drawn honestly: the timeline figure and table never
//! say more than the data. An activity whose end no page states is never
//! drawn with the "still running" arrowhead (it gets its own legended
//! "end not stated" mark); dates the pages give as planned or expected are
//! drawn as planned and called planned in the `timeline` table; the as-of
//! line strikes through no label; labels are not cut where space allows;
//! reruns are byte-identical.

mod support;

use std::path::Path;
use support::{coopgraph, json};

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
    let data = support::write(dir.path(), "d.json", FIXTURE);
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
    let data = support::write(dir.path(), "d.json", FIXTURE);
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
    let data = support::write(dir.path(), "d.json", plain);
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
    let path = support::write(dir.path(), "d.json", data);
    coopgraph()
        .args(["--data", path.to_str().unwrap(), "timeline", "Agency A"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("error[planned-without-date]"));
}
