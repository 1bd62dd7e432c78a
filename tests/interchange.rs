//! Interchange: exports of the embedded dataset read back as the same
//! dataset, spreadsheets as Excel writes them, safety of the XML reader, and
//! the `export`/`import` commands' handling of existing files.

mod support;

use coopgraph::diagnostic::Diagnostic;
use coopgraph::graph::CoopGraph;
use coopgraph::import::{ImportOptions, Imported};
use coopgraph::interchange::{self, Export, Format};
use coopgraph::load::Dataset;
use coopgraph::network::WeightBy;
use coopgraph::view::View;
use serde_json::Value;
use std::path::Path;
use support::coopgraph;

/// The embedded dataset as its files state it, read with serde_json alone.
fn original() -> Value {
    let mut all = serde_json::json!({ "sources": [], "nodes": [], "relations": [] });
    for f in ["sources", "international", "development", "crime"] {
        let text = std::fs::read_to_string(format!("data/{f}.json")).unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        for k in ["sources", "nodes", "relations"] {
            if let Some(list) = v[k].as_array() {
                all[k].as_array_mut().unwrap().extend(list.iter().cloned());
            }
        }
    }
    all
}

fn as_value(imp: Imported) -> Value {
    let file = imp.to_file();
    let v = serde_json::to_value(&file).unwrap();
    serde_json::json!({
        "sources": v.get("sources").cloned().unwrap_or(Value::Array(vec![])),
        "nodes": v.get("nodes").cloned().unwrap_or(Value::Array(vec![])),
        "relations": v.get("relations").cloned().unwrap_or(Value::Array(vec![])),
    })
}

fn export_full(format: Format) -> Vec<(Option<&'static str>, Vec<u8>)> {
    let g = CoopGraph::embedded().unwrap();
    interchange::export(&Export::full(&View::full(&g)), format).unwrap()
}

fn one_file(format: Format) -> String {
    let files = export_full(format);
    assert_eq!(files.len(), 1);
    String::from_utf8(files[0].1.clone()).unwrap()
}

/// Numbers as f64, so that `1000000` in a data file equals the model's
/// `1000000.0`.
fn numbers_as_f64(v: Value) -> Value {
    match v {
        Value::Number(n) => serde_json::json!(n.as_f64().unwrap()),
        Value::Array(a) => Value::Array(a.into_iter().map(numbers_as_f64).collect()),
        Value::Object(o) => {
            Value::Object(o.into_iter().map(|(k, v)| (k, numbers_as_f64(v))).collect())
        }
        other => other,
    }
}

/// Compares record by record, so that a failure names the first difference.
fn assert_same(back: Value, format: &str) {
    let (orig, back) = (numbers_as_f64(original()), numbers_as_f64(back));
    for k in ["sources", "nodes", "relations"] {
        let (a, b) = (orig[k].as_array().unwrap(), back[k].as_array().unwrap());
        for (x, y) in a.iter().zip(b) {
            assert_eq!(x, y, "{format}: a record of `{k}` changed");
        }
        assert_eq!(a.len(), b.len(), "{format}: number of `{k}`");
    }
}

fn read_back(format: Format, text: &str) -> (Value, Vec<Diagnostic>) {
    let opts = ImportOptions::default();
    let mut diags = Vec::new();
    let imp = match format {
        Format::Graphml => interchange::graphml::read("x.graphml", text, &opts, &mut diags),
        Format::Json => coopgraph::import::node_link("x.json", text, &opts, &mut diags),
        Format::Ftm => interchange::ftm::read("x.ftm", text, &opts, &mut diags),
        Format::Gexf => coopgraph::import::gexf::read("x.gexf", text, &opts, &mut diags),
        _ => unreachable!(),
    };
    (as_value(imp), diags)
}

#[test]
fn graphml_gexf_json_and_ftm_round_trip_every_field() {
    for format in [Format::Graphml, Format::Gexf, Format::Json, Format::Ftm] {
        let (back, diags) = read_back(format, &one_file(format));
        assert!(diags.is_empty(), "{format:?}: {diags:?}");
        assert_same(back, format.as_str());
    }
}

#[test]
fn csv_folder_round_trips_every_field() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in export_full(Format::Csv) {
        std::fs::write(dir.path().join(name.unwrap()), bytes).unwrap();
    }
    let mut diags = Vec::new();
    let imp = interchange::csv::read(dir.path(), &ImportOptions::default(), &mut diags).unwrap();
    assert!(diags.is_empty(), "{diags:?}");
    assert_same(as_value(imp), "csv");
}

#[test]
fn csv_headers_are_the_gephi_layout() {
    let files = export_full(Format::Csv);
    let header = |name: &str| {
        let bytes = &files.iter().find(|f| f.0 == Some(name)).unwrap().1;
        String::from_utf8_lossy(bytes)
            .lines()
            .next()
            .unwrap()
            .to_string()
    };
    assert!(header("nodes.csv").starts_with("Id,Label,Type,"));
    assert!(header("edges.csv").starts_with("Source,Target,Type,Id,Label,Weight,"));
}

#[test]
fn excel_spreadsheets_read_and_bad_rows_are_reported_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let nodes = "\u{feff}Id;Label;Type\r\nse;Sweden;state\r\nsma;Migrationsverket;agency\r\nx;Nowhere;planet\r\n";
    let edges =
        "\u{feff}Source;Target;Label;start\r\nsma;se;part_of;2000\r\nsma;se;part_of;not a date\r\n";
    std::fs::write(dir.path().join("nodes.csv"), nodes).unwrap();
    std::fs::write(dir.path().join("edges.csv"), edges).unwrap();
    let mut diags = Vec::new();
    let imp = interchange::csv::read(dir.path(), &ImportOptions::default(), &mut diags).unwrap();
    let file = imp.to_file();
    // The planet row is left out and reported at its line (4), column 3.
    assert_eq!(diags.len(), 1, "{diags:?}");
    let msg = diags[0].to_string();
    assert!(msg.contains("nodes.csv:4:3"), "{msg}");
    assert!(msg.contains("unknown node kind `planet`"), "{msg}");
    let ids: Vec<_> = file.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["se", "sma"]);
    assert_eq!(file.nodes[1].name, "Migrationsverket");
    assert_eq!(file.relations.len(), 2);
    assert_eq!(file.relations[0].start.as_deref(), Some("2000"));
    // Records without sources cite the file they came from, at their line.
    assert_eq!(file.sources.len(), 2);
    assert_eq!(
        file.sources[0].title,
        format!("imported from {}", dir.path().join("nodes.csv").display())
    );
    assert_eq!(file.nodes[1].sources[0].para, Some(3));
    assert_eq!(file.relations[1].sources[0].para, Some(3));
    // The bad date is a validation error, so the import command refuses it.
    let text = serde_json::to_string(&file).unwrap();
    let problems = coopgraph::validate::validate(&Dataset::from_str("x.json", &text).unwrap());
    assert!(problems.iter().any(|d| d.is_error()));
}

#[test]
fn xml_with_a_doctype_is_refused_and_entities_are_not_expanded() {
    let xxe = r#"<?xml version="1.0"?>
<!DOCTYPE graphml [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<graphml><graph edgedefault="directed"><node id="a"><data key="name">&x;</data></node></graph></graphml>"#;
    let mut diags = Vec::new();
    let imp = interchange::graphml::read("x.graphml", xxe, &ImportOptions::default(), &mut diags);
    assert!(imp.nodes.is_empty());
    assert!(diags[0].to_string().contains("DOCTYPE"), "{:?}", diags);
    let undefined = r#"<graphml><key id="k" for="node" attr.name="name"/><graph><node id="a"><data key="k">&lol;</data></node></graph></graphml>"#;
    let mut diags = Vec::new();
    let imp = interchange::graphml::read(
        "y.graphml",
        undefined,
        &ImportOptions::default(),
        &mut diags,
    );
    assert!(!diags.is_empty());
    assert!(imp.nodes.iter().all(|n| !n.name.contains("lol")));
}

#[test]
fn files_over_the_size_limit_are_refused_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.graphml");
    std::fs::write(&p, vec![b' '; 3 << 20]).unwrap();
    let e = coopgraph::load::read_text(&p, 2 << 20)
        .unwrap_err()
        .to_string();
    assert!(e.contains("big.graphml") && e.contains("2097152"), "{e}");
}

#[test]
fn names_with_markup_and_line_breaks_survive_graphml_and_csv() {
    let name = "A <b>&amp;</b> \"quoted\" 'n'\nsecond line; comma, tab\t";
    let data = serde_json::json!({
        "sources": [{"id": "s", "kind": "page", "title": "T"}],
        "nodes": [
            {"id": "a", "kind": "organisation", "name": name, "sources": [{"source": "s"}]},
            {"id": "b", "kind": "network", "name": "B", "sources": [{"source": "s"}]}
        ],
        "relations": [{"kind": "member", "from": "a", "to": "b", "note": name, "sources": [{"source": "s"}]}]
    });
    let g = CoopGraph::new(Dataset::from_str("t.json", &data.to_string()).unwrap()).unwrap();
    let ex = Export::full(&View::full(&g));
    let xml = String::from_utf8(interchange::graphml::write(&ex)).unwrap();
    let mut diags = Vec::new();
    let back = interchange::graphml::read("t.graphml", &xml, &ImportOptions::default(), &mut diags)
        .to_file();
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(back.nodes[0].name, name);
    assert_eq!(back.relations[0].note.as_deref(), Some(name));
    // GEXF puts names in attributes, where line breaks must be escaped.
    let gexf = String::from_utf8(interchange::gexf::write(&ex)).unwrap();
    assert!(gexf.contains(
        "label=\"A &lt;b&gt;&amp;amp;&lt;/b&gt; &quot;quoted&quot; &apos;n&apos;&#10;second line"
    ));
}

#[test]
fn gexf_spells_run_from_the_first_to_the_last_day_of_the_dates() {
    let gexf = one_file(Format::Gexf);
    assert!(gexf.contains("<gexf xmlns=\"http://gexf.net/1.3\""));
    assert!(gexf.contains("mode=\"dynamic\""));
    // vct-project: 2022-09 to 2024-12.
    let at = gexf.find("<node id=\"vct-project\"").unwrap();
    let node = &gexf[at..at + gexf[at..].find("</node>").unwrap()];
    assert!(
        node.contains("<spell start=\"2022-09-01\" end=\"2024-12-31\"/>"),
        "{node}"
    );
    assert!(node.contains("<viz:color"));
}

#[test]
fn the_actors_projection_is_undirected_and_weighted() {
    let g = CoopGraph::embedded().unwrap();
    let view = View::full(&g);
    let ex = Export::actors(&view, WeightBy::Shared, &[]);
    assert!(!ex.directed);
    assert!(ex.nodes.iter().all(|&i| g.node(i).kind.is_actor()));
    let xml = String::from_utf8(interchange::graphml::write(&ex)).unwrap();
    assert!(xml.contains("edgedefault=\"undirected\""));
    assert_eq!(xml.matches("<edge ").count(), ex.edges.len());
    assert!(interchange::export(&ex, Format::Ftm).is_err());
}

#[test]
fn a_foreign_ftm_file_maps_back_and_reports_what_it_cannot_take() {
    let ftm = [
        r#"{"id":"p1","schema":"Project","properties":{"name":["Pilot"],"startDate":["2020"]}}"#,
        r#"{"id":"pp","schema":"ProjectParticipant","properties":{"participant":["o1"],"project":["p1"],"role":["coordinator"]}}"#,
        r#"{"id":"o1","schema":"PublicBody","properties":{"name":["Border Agency"],"country":["se"]}}"#,
        r#"{"id":"x","schema":"Person","properties":{"name":["Someone"]}}"#,
    ]
    .join("\n");
    let mut diags = Vec::new();
    let file =
        interchange::ftm::read("f.ftm", &ftm, &ImportOptions::default(), &mut diags).to_file();
    assert_eq!(diags.len(), 1);
    assert!(diags[0].to_string().contains("f.ftm:4:1"), "{}", diags[0]);
    assert!(diags[0].to_string().contains("`Person`"));
    assert_eq!(file.nodes.len(), 2);
    assert_eq!(file.nodes[1].country.as_deref(), Some("SE"));
    let r = &file.relations[0];
    assert_eq!(
        (r.kind.as_str(), r.from.as_str(), r.to.as_str()),
        ("partner", "o1", "p1")
    );
    assert_eq!(r.role.as_deref(), Some("coordinator"));
}

fn run(args: &[&str]) -> assert_cmd::assert::Assert {
    coopgraph().args(args).assert()
}

#[test]
fn export_is_deterministic_and_replaces_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("g.graphml");
    let ps = p.to_str().unwrap();
    run(&["export", "--to", "graphml", "-o", ps]).success();
    let first = std::fs::read(&p).unwrap();
    run(&["export", "--to", "graphml", "-o", ps]).code(2);
    run(&["export", "--to", "graphml", "-o", ps, "--force"]).success();
    assert_eq!(first, std::fs::read(&p).unwrap());
    // A window: a second --to is the end date.
    run(&[
        "export", "--to", "graphml", "--to", "2010", "-o", ps, "--force",
    ])
    .success();
    assert!(std::fs::read(&p).unwrap().len() < first.len());
    run(&[
        "export", "--to", "graphml", "--to", "someday", "-o", ps, "--force",
    ])
    .code(2);
}

#[test]
fn folder_exports_refuse_existing_files_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("neo");
    let o = out.to_str().unwrap();
    run(&["export", "--to", "neo4j", "-o", o]).success();
    let header = std::fs::read_to_string(out.join("relationships.csv")).unwrap();
    assert!(header.starts_with(":START_ID,:END_ID,:TYPE,"));
    run(&["export", "--to", "neo4j", "-o", o]).code(2);
    run(&["export", "--to", "neo4j", "-o", o, "--force"]).success();
    // An existing folder with other files is reused.
    let csv = dir.path().join("csv");
    std::fs::create_dir(&csv).unwrap();
    std::fs::write(csv.join("notes.txt"), "mine").unwrap();
    run(&["export", "--to", "csv", "-o", csv.to_str().unwrap()]).success();
    assert_eq!(
        std::fs::read_to_string(csv.join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn import_writes_a_dataset_that_validates() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("g.json");
    let out = dir.path().join("back.json");
    run(&["export", "--to", "json", "-o", src.to_str().unwrap()]).success();
    run(&[
        "import",
        "--from",
        "json",
        src.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ])
    .success();
    run(&["validate", "--data", out.to_str().unwrap()]).success();
    run(&[
        "import",
        "--from",
        "json",
        src.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ])
    .code(2);
    assert!(Path::new(&out).exists());
}

#[test]
fn a_node_described_twice_keeps_the_first_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("nodes.csv"),
        "Id,Label,Type\nse,Sweden,state\nse,Sverige,agency\n",
    )
    .unwrap();
    let mut diags = Vec::new();
    let imp = interchange::csv::read(dir.path(), &ImportOptions::default(), &mut diags).unwrap();
    let file = imp.to_file();
    assert_eq!(file.nodes.len(), 1);
    assert_eq!(file.nodes[0].name, "Sweden");
    assert_eq!(diags.len(), 1, "{diags:?}");
    let msg = diags[0].to_string();
    assert!(
        msg.contains("nodes.csv:3:") && msg.contains("line 2 is kept"),
        "{msg}"
    );
}

/// The exports as the real tools read them (python-igraph, NetworkX 3.6,
/// Gephi, Kumu, Excel, Neo4j, FtM's pipeline; `scripts/interop.py` runs
/// the tools themselves), and what every import says it dropped. The
/// expected values come from `data/*.json` read with serde_json
/// ([`super::original`]), not from the exports.
mod tools {
    use super::{export_full, one_file, original};
    use crate::support::{coopgraph, write};
    use coopgraph::graph::CoopGraph;
    use coopgraph::import::ImportOptions;
    use coopgraph::interchange::{self, CsvFlavour, Export, ExportOptions, Format};
    use coopgraph::view::View;
    use serde_json::Value;

    fn export_with(format: Format, opts: ExportOptions) -> Vec<(Option<&'static str>, Vec<u8>)> {
        let g = CoopGraph::embedded().unwrap();
        interchange::export_with(&Export::full(&View::full(&g)), format, &opts).unwrap()
    }

    fn file(files: &[(Option<&'static str>, Vec<u8>)], name: &str) -> String {
        let bytes = &files.iter().find(|f| f.0 == Some(name)).unwrap().1;
        String::from_utf8(bytes.clone()).unwrap()
    }

    fn csv_rows(text: &str) -> Vec<std::collections::HashMap<String, String>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        r.records()
            .map(|rec| {
                header
                    .iter()
                    .cloned()
                    .zip(rec.unwrap().iter().map(String::from))
                    .collect()
            })
            .collect()
    }

    /// The data's amounts, as its files write them.
    fn amounts() -> Vec<Value> {
        let amounts: Vec<Value> = original()["relations"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|r| r.get("amount").cloned())
            .collect();
        assert!(
            amounts.iter().any(|a| a["value"].is_u64()),
            "the data has a whole amount"
        );
        amounts
    }

    #[test]
    fn graphml_weight_has_a_default_and_whole_amounts_stay_integers() {
        let text = one_file(Format::Graphml);
        let doc = roxmltree::Document::parse(&text).unwrap();
        let key = doc
            .descendants()
            .find(|n| n.has_tag_name("key") && n.attribute("attr.name") == Some("weight"))
            .unwrap();
        let default = key.children().find(|n| n.has_tag_name("default")).unwrap();
        assert_eq!(default.text(), Some("1.0"));
        // Every amount cell is the data's amount, integers as integers.
        let cells: Vec<Value> = doc
            .descendants()
            .filter(|n| n.has_tag_name("data") && n.attribute("key") == Some("e_amount"))
            .map(|n| serde_json::from_str(n.text().unwrap()).unwrap())
            .collect();
        assert_eq!(cells, amounts());
        assert!(
            !text.contains("1000000.0"),
            "no whole amount gets a decimal point"
        );
    }

    #[test]
    fn node_link_edges_are_under_edges_and_with_links_under_both() {
        let doc: Value = serde_json::from_str(&one_file(Format::Json)).unwrap();
        let relations = original()["relations"].as_array().unwrap().len();
        assert_eq!(doc["edges"].as_array().unwrap().len(), relations);
        assert!(doc.get("links").is_none(), "NetworkX 3.6 reads `edges`");
        let amounts: Vec<Value> = doc["edges"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e.get("amount").cloned())
            .collect();
        assert_eq!(amounts, super::tools::amounts());
        let opts = ExportOptions {
            links: true,
            ..ExportOptions::default()
        };
        let both = String::from_utf8(export_with(Format::Json, opts)[0].1.clone()).unwrap();
        let doc: Value = serde_json::from_str(&both).unwrap();
        assert_eq!(doc["links"], doc["edges"]);
        // Read back, each edge counts once (`edges`, as NetworkX 3.6 reads).
        let (back, diags) = super::read_back(Format::Json, &both);
        assert!(diags.is_empty(), "{diags:?}");
        super::assert_same(back, "node-link with links");
    }

    #[test]
    fn csv_for_gephi_has_kind_and_timeset_and_for_kumu_from_and_to() {
        let files = export_full(Format::Csv);
        let edges = csv_rows(&file(&files, "edges.csv"));
        let rels = original()["relations"].as_array().unwrap().clone();
        assert_eq!(edges.len(), rels.len());
        let mut kinds = std::collections::HashSet::new();
        for (e, r) in edges.iter().zip(&rels) {
            assert_eq!(e["Label"], r["kind"].as_str().unwrap());
            assert!(e["Kind"] == e["Label"] || e["Kind"].starts_with(&format!("{} ", e["Label"])));
            // Gephi keeps apart only parallel edges of different kinds.
            assert!(kinds.insert((e["Source"].clone(), e["Target"].clone(), e["Kind"].clone())));
            if let Some(start) = r["start"].as_str().filter(|s| s.len() == 4) {
                assert!(
                    e["timeset"].starts_with(&format!("<[{start}-01-01, ")),
                    "{e:?}"
                );
            }
        }
        let opts = ExportOptions {
            flavour: CsvFlavour::Kumu,
            bom: true,
            ..ExportOptions::default()
        };
        let files = export_with(Format::Csv, opts);
        for (_, bytes) in &files {
            assert!(
                bytes.starts_with("\u{feff}".as_bytes()),
                "a byte-order mark for Excel"
            );
        }
        let edges = csv_rows(&file(&files, "edges.csv"));
        for (e, r) in edges.iter().zip(&rels) {
            assert_eq!(
                (e["From"].as_str(), e["To"].as_str()),
                (r["from"].as_str().unwrap(), r["to"].as_str().unwrap())
            );
            assert_eq!(e["Type"], r["kind"].as_str().unwrap());
            assert_eq!(e["Direction"], "directed");
        }
        // `coopgraph import` reads the Kumu folder back as the same dataset.
        let dir = tempfile::tempdir().unwrap();
        for (name, bytes) in &files {
            std::fs::write(dir.path().join(name.unwrap()), bytes).unwrap();
        }
        let mut diags = Vec::new();
        let imp =
            interchange::csv::read(dir.path(), &ImportOptions::default(), &mut diags).unwrap();
        assert!(diags.is_empty(), "{diags:?}");
        super::assert_same(super::as_value(imp), "csv for Kumu");
        // The spreadsheet-safe folder is for spreadsheets: it has the mark.
        let opts = ExportOptions {
            spreadsheet_safe: true,
            ..ExportOptions::default()
        };
        assert!(
            export_with(Format::Csv, opts)
                .iter()
                .all(|f| f.1.starts_with("\u{feff}".as_bytes()))
        );
        assert!(
            !export_full(Format::Csv)
                .iter()
                .any(|f| f.1.starts_with("\u{feff}".as_bytes()))
        );
    }

    #[test]
    fn neo4j_dates_are_typed_where_whole_days_and_kept_as_written() {
        let files = export_full(Format::Neo4j);
        let nodes = csv_rows(&file(&files, "nodes.csv"));
        let data = original();
        let want = data["nodes"].as_array().unwrap();
        let is_day = |s: &str| s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-';
        let mut days = 0;
        for (n, w) in nodes.iter().zip(want) {
            for key in ["start", "end"] {
                let text = w[key].as_str().unwrap_or("");
                assert_eq!(n[&format!("{key}_text")], text, "{key} of {}", w["id"]);
                let day = if is_day(text) { text } else { "" };
                days += usize::from(!day.is_empty());
                assert_eq!(n[&format!("{key}:date")], day, "{key} of {}", w["id"]);
            }
        }
        assert!(days > 0, "the data has whole-day dates");
        let rels = csv_rows(&file(&files, "relationships.csv"));
        let got: Vec<Value> = rels
            .iter()
            .filter(|r| !r["amount:float"].is_empty())
            .map(|r| serde_json::json!({ "value": serde_json::from_str::<Value>(&r["amount:float"]).unwrap(), "currency": r["currency"] }))
            .collect();
        assert_eq!(got, amounts());
    }

    /// What FtM's own properties carry of a record (see the `ftm` module
    /// docs): a role that repeats the kind is not repeated, and a date FtM
    /// cannot hold (a season, a derived date) is not compared. `like` is
    /// the record as the data has it, whose dates say which of `v`'s are
    /// compared.
    fn carried(v: &Value, like: &Value, relation: bool) -> Value {
        let is_iso = |d: &Value| {
            d.as_str().is_some_and(|s| {
                s.bytes().all(|b| b.is_ascii_digit() || b == b'-') && matches!(s.len(), 4 | 7 | 10)
            })
        };
        let date = |key: &str| is_iso(&like[key]).then(|| v[key].clone());
        let mut sources: Vec<&str> = v["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["source"].as_str().unwrap())
            .collect();
        sources.sort();
        sources.dedup();
        if relation {
            let role = v.get("role").filter(|r| *r != &v["kind"]).cloned();
            let (from, to, kind) = (&v["from"], &v["to"], &v["kind"]);
            let (note, amount) = (v.get("note"), v.get("amount"));
            serde_json::json!([
                from,
                to,
                kind,
                role,
                note,
                amount,
                date("start"),
                date("end"),
                sources
            ])
        } else {
            let mut aliases: Vec<&str> = v
                .get("aliases")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|a| a["name"].as_str().unwrap())
                .collect();
            aliases.sort();
            let (id, kind, name) = (&v["id"], &v["kind"], &v["name"]);
            let (description, country) = (v.get("description"), v.get("country"));
            serde_json::json!([
                id,
                kind,
                name,
                description,
                country,
                aliases,
                date("start"),
                date("end"),
                sources
            ])
        }
    }

    #[test]
    fn ftm_reads_back_from_its_own_properties_without_the_coopgraph_key() {
        let text = one_file(Format::Ftm);
        // As FtM's statements and aggregation leave it: no `coopgraph` key.
        let mut stripped = String::new();
        for line in text.lines() {
            let mut v: Value = serde_json::from_str(line).unwrap();
            v.as_object_mut().unwrap().remove("coopgraph");
            if v["schema"] == "Document" {
                for p in ["fileName", "title"] {
                    assert!(
                        v["properties"][p][0].is_string(),
                        "a Document's required `{p}`: {v}"
                    );
                }
            }
            if v["schema"] == "Payment" && v["properties"].get("amount").is_some() {
                assert_eq!(v["properties"]["amount"], serde_json::json!(["1000000"]));
            }
            stripped.push_str(&v.to_string());
            stripped.push('\n');
        }
        let (back, diags) = super::read_back(Format::Ftm, &stripped);
        assert!(diags.is_empty(), "{diags:?}");
        let orig = original();
        let nodes = |v: &Value| -> std::collections::BTreeMap<String, Value> {
            let list = v["nodes"].as_array().unwrap().iter();
            list.map(|n| (n["id"].as_str().unwrap().to_string(), n.clone()))
                .collect()
        };
        let (want, got) = (nodes(&orig), nodes(&back));
        assert!(want.keys().eq(got.keys()), "the same node ids");
        for (id, n) in &want {
            assert_eq!(
                carried(n, n, false),
                carried(&got[id], n, false),
                "node {id}"
            );
        }
        // The data's relations have only ISO dates: each is its own `like`.
        let rels = |v: &Value| {
            let list = v["relations"].as_array().unwrap().iter();
            let mut l: Vec<String> = list.map(|r| carried(r, r, true).to_string()).collect();
            l.sort();
            l
        };
        let (want, got) = (rels(&orig), rels(&back));
        assert_eq!(want.len(), got.len());
        for (w, g) in want.iter().zip(&got) {
            assert_eq!(w, g);
        }
        let ids = |v: &Value| {
            v["sources"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| (s["id"].clone(), s["title"].clone(), s.get("file").cloned()))
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&orig), ids(&back));
    }

    #[test]
    fn ftm_properties_not_read_are_counted() {
        let text = concat!(
            r#"{"id":"o1","schema":"Organization","properties":{"name":["A"],"phone":["+46 1"]}}"#,
            "\n",
            r#"{"id":"o2","schema":"Organization","properties":{"name":["B"],"phone":["+46 2"]}}"#,
            "\n",
            r#"{"id":"l1","schema":"UnknownLink","properties":{"subject":["o1"],"object":["o2"],"role":["cooperates_with"],"recordId":["r1"]}}"#,
            "\n",
        );
        let (back, diags) = super::read_back(Format::Ftm, text);
        assert_eq!(back["relations"].as_array().unwrap().len(), 1);
        let warnings: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(
            warnings[0].contains("attribute `phone` (2 nodes) is not read"),
            "{warnings:?}"
        );
        assert!(
            warnings[1].contains("attribute `recordId` (1 edge) is not read"),
            "{warnings:?}"
        );
    }

    #[test]
    fn an_undirected_input_is_read_as_directed_and_said_so() {
        let dir = tempfile::tempdir().unwrap();
        let inputs = [
            (
                "u.graphml",
                r#"<graphml><graph edgedefault="undirected"><node id="a"/><node id="b"/><edge source="a" target="b"/><edge source="b" target="a" directed="true"/></graph></graphml>"#,
            ),
            (
                "u.gexf",
                r#"<gexf version="1.3"><graph defaultedgetype="undirected"><nodes><node id="a"/><node id="b"/></nodes><edges><edge source="a" target="b"/><edge source="b" target="a" type="directed"/></edges></graph></gexf>"#,
            ),
            (
                "u.json",
                r#"{"directed": false, "multigraph": false, "graph": {}, "nodes": [{"id": "a"}, {"id": "b"}], "edges": [{"source": "a", "target": "b"}]}"#,
            ),
            (
                "u.csv",
                "Source,Target,Type\na,b,Undirected\nb,a,Directed\n",
            ),
            (
                "q.csv",
                "Source,Target,Type\n\"a\",b,Undirected\nb,a,Directed\n",
            ),
        ];
        for (name, text) in inputs {
            let input = write(dir.path(), name, text);
            let out = dir.path().join(format!("{name}.out.json"));
            let assert = coopgraph()
                .args(["import"])
                .arg(&input)
                .arg("-o")
                .arg(&out)
                .assert()
                .success();
            let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
            assert!(
                stderr.contains("warning[undirected]: 1 edge is undirected"),
                "{name}: {stderr}"
            );
            assert!(
                stderr.contains("; 1 undirected edge read as directed"),
                "{name}: {stderr}"
            );
        }
    }

    #[test]
    fn import_counts_what_it_drops_and_lists_it_with_verbose() {
        let dir = tempfile::tempdir().unwrap();
        let mut text = String::from("Source,Target,weight,colour\n");
        for i in 0..25 {
            text.push_str(&format!("a{i},b,not a number,red\n"));
        }
        text.push_str("a,b,2,blue\n");
        let input = write(dir.path(), "edges.csv", &text);
        let run = |verbose: bool| {
            let mut cmd = coopgraph();
            cmd.args(["import"])
                .arg(&input)
                .arg("-o")
                .arg(dir.path().join("o.json"))
                .arg("--force");
            if verbose {
                cmd.arg("--verbose");
            }
            String::from_utf8_lossy(&cmd.assert().success().get_output().stderr).to_string()
        };
        let quiet = run(false);
        // 25 bad rows and one column not read: 26 problems, 20 shown.
        assert_eq!(quiet.matches("error[schema]").count(), 19, "{quiet}");
        assert!(
            quiet.contains("… and 6 more (--verbose lists every one)"),
            "{quiet}"
        );
        assert!(
            quiet.contains("; 25 rows left out; columns not read: colour"),
            "{quiet}"
        );
        let verbose = run(true);
        assert_eq!(verbose.matches("error[schema]").count(), 25, "{verbose}");
        assert!(!verbose.contains("more (--verbose"), "{verbose}");
        // A GraphML attribute not read is counted by the records that have it.
        let g = write(
            dir.path(),
            "g.graphml",
            r#"<graphml><key id="c" for="edge" attr.name="colour"/><graph edgedefault="directed"><node id="a"/><node id="b"/><edge source="a" target="b"><data key="c">red</data></edge><edge source="b" target="a"><data key="c">blue</data></edge></graph></graphml>"#,
        );
        let assert = coopgraph()
            .arg("import")
            .arg(&g)
            .arg("-o")
            .arg(dir.path().join("g.json"))
            .assert()
            .success();
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
        assert!(
            stderr.contains("; 0 rows left out; attributes not read: colour (2 edges)"),
            "{stderr}"
        );
        // An XML file cut short: the rows before are read, and the summary
        // says where reading stopped rather than counting a row.
        let cut = write(
            dir.path(),
            "cut.graphml",
            r#"<graphml><graph><node id="a"/><node id="b"/><edge source="a" target="b"/><edge source="a""#,
        );
        let assert = coopgraph()
            .arg("import")
            .arg(&cut)
            .arg("-o")
            .arg(dir.path().join("c.json"))
            .assert()
            .success();
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
        assert!(
            stderr.contains("1 relations; 0 rows left out; reading stopped at "),
            "{stderr}"
        );
    }
}

mod ftm_amounts {
    //! An FtM Payment whose amount coopgraph cannot hold (negative, not
    //! finite, without a currency) is counted among the properties not
    //! read; the rest of the file imports.

    use crate::support::{coopgraph, write};

    #[test]
    fn an_amount_that_cannot_be_held_is_counted_not_fatal() {
        let dir = tempfile::tempdir().unwrap();
        let mut lines = vec![
            r#"{"id":"a","schema":"Organization","properties":{"name":["A"]}}"#.to_string(),
            r#"{"id":"b","schema":"Organization","properties":{"name":["B"]}}"#.to_string(),
        ];
        for (k, amount) in ["-5", "1e400", "NaN"].iter().enumerate() {
            lines.push(format!(
                r#"{{"id":"p{k}","schema":"Payment","properties":{{"payer":["a"],"beneficiary":["b"],"amount":["{amount}"],"currency":["EUR"],"date":["202{k}"]}}}}"#
            ));
        }
        lines.push(
            r#"{"id":"p9","schema":"Payment","properties":{"payer":["a"],"beneficiary":["b"],"amount":["7"],"date":["2029"]}}"#
                .to_string(),
        );
        let file = write(&dir, "f.ftm.json", lines.join("\n") + "\n");
        let out = dir.path().join("o.json");
        let run = coopgraph()
            .args(["import", "--from", "ftm"])
            .arg(&file)
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&run.stderr);
        assert!(run.status.success(), "{err}");
        assert!(
            err.contains("attributes not read: amount (4 edges)"),
            "{err}"
        );
        let d: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
        let rels = d["relations"].as_array().unwrap();
        assert_eq!(rels.len(), 4, "every payment kept: {rels:?}");
        assert!(rels.iter().all(|r| r.get("amount").is_none()), "{rels:?}");
    }
}
