//! The CSV edge-list reader has two ways through a file: unquoted files are
//! split on every core and their ends matched in bulk; any other file is
//! read by the csv crate row by row. Both must give the same records and the
//! same diagnostics, so each case here is read both ways (a quoted cell
//! forces the row-by-row way) and compared.

use coopgraph::import::ImportOptions;
use coopgraph::load::Dataset;

/// The records (as dataset JSON) and the diagnostics (as text) of reading
/// `text`, including the records of a file with refused rows.
fn read(text: &str) -> (String, Vec<String>) {
    let opts = ImportOptions::default();
    let mut diags = Vec::new();
    let store = coopgraph::import::csv_file("edges.csv", text, &opts, &mut diags);
    (
        serde_json::to_string_pretty(&store.to_file()).unwrap(),
        diags.iter().map(|d| d.to_string()).collect(),
    )
}

/// The same file with the first cell of its first record quoted, which the
/// csv crate reads as the same value.
fn quoted(text: &str) -> String {
    let header_end = text.find('\n').unwrap() + 1;
    let start = header_end
        + text[header_end..]
            .find(|c: char| c != '\r' && c != '\n')
            .unwrap();
    let comma = start + text[start..].find(',').unwrap();
    format!(
        "{}\"{}\"{}",
        &text[..start],
        &text[start..comma],
        &text[comma..]
    )
}

fn both_ways(text: &str) -> (String, Vec<String>) {
    let bulk = read(text);
    let rows = read(&quoted(text));
    assert_eq!(bulk, rows, "the two readings differ for:\n{text}");
    bulk
}

#[test]
fn ids_are_given_in_order_of_first_appearance_either_way() {
    // Keys that slug alike (`A b`, `a b`, `a-b`), a key that is another's
    // suffixed id (`a-b-2`), repeats, and ends far apart.
    let text = "source,target,relation,start,end\n\
        A b,p1,partner,2020,2021\n\
        a b,p1,partner,2020,2021\n\
        a-b-2,p2,leads,,\n\
        a-b,p2,part_of,2019,\n\
        p1,A b,cooperates_with,,2022\n\
        Ñandú,北京,funds,2020-05,\n";
    let (json, diags) = both_ways(text);
    assert!(diags.is_empty(), "{diags:?}");
    for id in [
        "\"a-b\"",
        "\"a-b-2\"",
        "\"a-b-3\"",
        "\"a-b-2-2\"",
        "\"nandu\"",
    ] {
        assert!(json.contains(id), "{id} missing from {json}");
    }
}

#[test]
fn rows_that_cannot_be_taken_are_reported_alike_and_make_no_nodes() {
    let text = "source,target,relation,weight,role\n\
        a,b,partner,1.5,\n\
        lost,c,partner,-1,\n\
        ,d,partner,,\n\
        e,f,leads,,chair\n\
        a,g,not-a-kind,,\n\
        a,h,not-a-kind,,also a role\n";
    let (json, diags) = both_ways(text);
    let text_of = diags.join("\n");
    assert!(text_of.contains("edges.csv:3:4"), "{text_of}");
    assert!(text_of.contains("weight `-1` is not a non-negative number"));
    assert!(text_of.contains("an edge needs both `source` and `target`"));
    assert!(text_of.contains("edges.csv:7:3"), "{text_of}");
    // `lost` and `d` were on refused rows only: they are no nodes. `e` and
    // `f` were, since the kind is judged between the nodes' kinds.
    assert!(!json.contains("\"lost\""), "{json}");
    assert!(!json.contains("\"d\""), "{json}");
    assert!(json.contains("\"f\""), "{json}");
    // The whole file, read as --data, is refused with every problem.
    let opts = ImportOptions::default();
    let err = Dataset::from_memory(&[("edges.csv", text.as_bytes())], &opts);
    let Err(coopgraph::Error::Data(all)) = err else {
        panic!("refused rows make the file an error");
    };
    assert_eq!(all.len(), diags.len());
}

#[test]
fn line_numbers_survive_blank_lines_crlf_and_lone_carriage_returns() {
    let text = "source,target,weight\r\n\r\na,b,x\r\n\nc,d,1\re,f,y\n";
    let (_, diags) = both_ways(text);
    let text_of = diags.join("\n");
    assert!(text_of.contains("edges.csv:3:"), "{text_of}");
    assert!(text_of.contains("edges.csv:5:"), "{text_of}");
}

#[test]
fn a_large_file_reads_alike_across_chunks() {
    // Over a megabyte, so that the file is split in several chunks and
    // groups; nodes recur across them.
    let mut text = String::from("source,target,relation,start,end\n");
    for i in 0..40_000 {
        text.push_str(&format!(
            "org-{},project-{},partner,20{:02},\n",
            (i * 7919) % 5000,
            i / 25,
            i % 30
        ));
    }
    let (json, diags) = both_ways(&text);
    assert!(diags.is_empty(), "{diags:?}");
    assert!(json.len() > 1_000_000);
}

fn coopgraph() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("coopgraph").unwrap()
}

/// `summary --format json` of some `--data`.
fn summary_of(path: &std::path::Path) -> serde_json::Value {
    let out = coopgraph()
        .args(["--format", "json", "summary", "--data"])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn every_export_reads_back_as_data_by_its_extension_or_content() {
    let dir = tempfile::tempdir().unwrap();
    let embedded = {
        let out = coopgraph()
            .args(["--format", "json", "summary"])
            .output()
            .unwrap();
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    // By extension, then the same files under a name that says nothing.
    for (format, name) in [
        ("graphml", "g.graphml"),
        ("gexf", "g.gexf"),
        ("json", "g.json"),
        ("ftm", "g.ftm.json"),
    ] {
        let path = dir.path().join(name);
        coopgraph()
            .args(["export", "--to", format, "-o"])
            .arg(&path)
            .assert()
            .success();
        let s = summary_of(&path);
        assert_eq!(s["nodes"], embedded["nodes"], "{name}");
        assert_eq!(s["relations"], embedded["relations"], "{name}");
        let plain = dir.path().join(format!("{format}.data"));
        std::fs::copy(&path, &plain).unwrap();
        assert_eq!(
            summary_of(&plain)["relations"],
            embedded["relations"],
            "{format}.data"
        );
    }
    // import detects the format too.
    let out = dir.path().join("back.json");
    coopgraph()
        .arg("import")
        .arg(dir.path().join("gexf.data"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    assert_eq!(summary_of(&out)["relations"], embedded["relations"]);
}

#[test]
fn a_gephi_gexf_reads_labels_weights_and_spells() {
    let gexf = r#"<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3">
  <meta><creator>Gephi 0.10</creator></meta>
  <graph defaultedgetype="directed" mode="dynamic" timeformat="date">
    <attributes class="node"><attribute id="0" title="kind" type="string"/></attributes>
    <nodes>
      <node id="n1" label="Migrationsverket"><attvalues><attvalue for="0" value="agency"/></attvalues></node>
      <node id="n2" label="Talk2Connect" start="2019-01-01" end="2021-12-31"><attvalues><attvalue for="0" value="project"/></attvalues></node>
    </nodes>
    <edges>
      <edge id="0" source="n1" target="n2" label="leads" weight="2.0">
        <spells><spell start="2019-03-01" end="2020-06-30"/></spells>
      </edge>
    </edges>
  </graph>
</gexf>"#;
    let mut diags = Vec::new();
    let store =
        coopgraph::import::gexf::read("g.gexf", gexf, &ImportOptions::default(), &mut diags);
    assert!(diags.is_empty(), "{diags:?}");
    let file = store.to_file();
    assert_eq!(file.nodes[0].name, "Migrationsverket");
    assert_eq!(file.nodes[1].start.as_deref(), Some("2019-01-01"));
    let r = &file.relations[0];
    assert_eq!(r.kind, coopgraph::model::RelationKind::Leads);
    assert_eq!(r.weight, Some(2.0));
    assert_eq!(
        (r.start.as_deref(), r.end.as_deref()),
        (Some("2019-03-01"), Some("2020-06-30"))
    );
}

#[test]
fn loading_counts_every_byte_of_every_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("source,target,relation\n");
    for i in 0..60_000 {
        csv.push_str(&format!("org-{},project-{},partner\n", i % 977, i / 20));
    }
    let a = dir.path().join("a.csv");
    std::fs::write(&a, &csv).unwrap();
    let b = dir.path().join("b.json");
    coopgraph()
        .args(["export", "--to", "json", "-o"])
        .arg(&b)
        .assert()
        .success();
    let progress = coopgraph::progress::Progress::default();
    let opts = ImportOptions::default();
    Dataset::from_paths_counted(&[&a, &b], &opts, &progress).unwrap();
    let size = |p: &std::path::Path| std::fs::metadata(p).unwrap().len();
    assert_eq!(progress.get(), (size(&a) + size(&b), size(&a) + size(&b)));
}

#[test]
fn a_files_own_sources_come_before_the_imported_from_file_source() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.graphml");
    coopgraph()
        .args(["export", "--to", "graphml", "-o"])
        .arg(&path)
        .assert()
        .success();
    let text = std::fs::read_to_string(&path).unwrap();
    let mut diags = Vec::new();
    let store =
        coopgraph::import::graphml::read("g.graphml", &text, &ImportOptions::default(), &mut diags);
    let ids: Vec<&str> = store.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids.first(), Some(&"dev-en"), "{ids:?}");
    assert_eq!(ids.last(), Some(&"imported:g.graphml"), "{ids:?}");
}
