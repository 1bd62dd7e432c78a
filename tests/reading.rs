//! Reading and validating data: the embedded dataset and its schema, the
//! diagnostics `validate` gives for broken files, `--data` as the commands
//! read it, the CSV edge-list reader, name resolution, and faithfulness to the
//! seed pages. Module `limits`: numbers, dates and limits (weights, years,
//! paragraphs, amounts, the path cap, generated sizes, a file given twice);
//! module `readers_hardening`: ids that read alike, what an import leaves
//! out, unknown formats, and Graphviz's time limit; module `iati`: the IATI
//! activity reader on the real files of `../shared/iati` and on fixtures.

mod support;

use coopgraph::Error;
use coopgraph::diagnostic::{Diagnostic, Severity};
use coopgraph::graph::CoopGraph;
use coopgraph::import::ImportOptions;
use coopgraph::load::{Dataset, EMBEDDED};
use coopgraph::model::{NodeKind, RelationKind, SourceKind};
use coopgraph::names::{ResolveError, fold};
use coopgraph::validate::validate;
use predicates::prelude::*;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use support::{coopgraph, json, seeds_dir};

// ==========================================================================
// Formerly tests/dataset.rs
//
// The embedded dataset: it validates, it is complete where the issue demands
// it, it reports the pages' own inconsistencies, and data/schema.json is the
// schema of the Rust types.

#[test]
fn embedded_dataset_has_no_errors() {
    let ds = Dataset::embedded().unwrap();
    let errors: Vec<String> = coopgraph::validate::validate(&ds)
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn every_data_file_is_embedded() {
    let mut on_disk: Vec<String> = std::fs::read_dir("data")
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".json") && n != "schema.json")
        .map(|n| format!("data/{n}"))
        .collect();
    on_disk.sort();
    let mut embedded: Vec<String> = EMBEDDED.iter().map(|(n, _)| n.to_string()).collect();
    embedded.sort();
    assert_eq!(on_disk, embedded);
}

#[test]
fn schema_file_is_up_to_date() {
    let on_disk = std::fs::read_to_string("data/schema.json").unwrap();
    assert!(
        on_disk == coopgraph::schema_json(),
        "data/schema.json is stale: run `cargo run -- schema > data/schema.json`"
    );
}

/// Every member-count disagreement on the pages, found by reading them:
/// joint operations (nine network authorities stated, eight named) and the
/// MUR initiative (18 stated, 17 distinct named: one is named twice). The
/// violence collaboration's "four" agrees with its four collaborators (the
/// Gender Equality Agency only co-wrote the action plan).
#[test]
fn declared_member_mismatches_are_all_reported() {
    let g = CoopGraph::embedded().unwrap();
    let found: BTreeSet<(String, u32, usize)> = coopgraph::validate::member_counts(&g.data)
        .into_iter()
        .filter(|m| m.listed.len() != m.declared as usize)
        .map(|m| (g.node(m.node).id.clone(), m.declared, m.listed.len()))
        .collect();
    let expected: BTreeSet<(String, u32, usize)> = [
        ("joint-operations-organised-crime", 9, 8),
        ("mur-initiative", 18, 17),
    ]
    .into_iter()
    .map(|(a, b, c)| (a.to_string(), b, c))
    .collect();
    assert_eq!(found, expected);
    let warned: BTreeSet<String> = g
        .warnings
        .iter()
        .filter(|d| d.code == "declared-members")
        .filter_map(|d| d.subject.clone())
        .collect();
    assert_eq!(warned, expected.iter().map(|e| e.0.clone()).collect());
}

/// The counter-terrorism council: fifteen authorities stated, and fifteen
/// named (the Security Service leads, fourteen others are listed).
#[test]
fn counter_terrorism_council_lists_its_fifteen() {
    let g = CoopGraph::embedded().unwrap();
    let council = g.resolve("Counter-Terrorism Cooperation Council").unwrap();
    let members: BTreeSet<&str> = g
        .incidents(council)
        .filter(|inc| {
            matches!(
                g.relation(inc.relation).kind(),
                RelationKind::Member | RelationKind::Leads
            )
        })
        .map(|inc| g.node(inc.other).id.as_str())
        .collect();
    assert_eq!(members.len(), 15, "{members:?}");
    for id in [
        "swedish-security-service",
        "swedish-migration-agency",
        "national-defence-radio-establishment",
        "swedish-radiation-safety-authority",
        "swedish-defence-research-agency",
    ] {
        assert!(members.contains(id), "{id} missing");
    }
}

/// Swedish authorities carry their Swedish names.
#[test]
fn swedish_agencies_have_swedish_names() {
    let g = CoopGraph::embedded().unwrap();
    let missing: Vec<&str> = g
        .data
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.kind == NodeKind::Agency && n.country.as_deref() == Some("SE"))
        .filter(|(i, n)| g.display_name(*i, coopgraph::model::Lang::SV) == n.name)
        .map(|(_, n)| n.id.as_str())
        .collect();
    // Municipal social services and the agency's unit have no single Swedish name.
    assert!(
        missing
            .iter()
            .all(|id| ["municipal-social-services"].contains(id) || id.contains("unit")),
        "{missing:?}"
    );
}

/// The English and Swedish pages differ in places; both versions are kept and
/// validation reports them (EU-FRANK's end date, the Slovenian ministry's role
/// in the twinning project, IGC's place on the international pages).
#[test]
fn language_differences_are_kept_and_reported() {
    let g = CoopGraph::embedded().unwrap();
    let subjects: BTreeSet<String> = g
        .warnings
        .iter()
        .filter(|d| d.code.starts_with("conflicting"))
        .filter_map(|d| d.subject.clone())
        .collect();
    for s in [
        "eu-frank",
        "slovenian-ministry-of-interior -> eu-twinning-serbia",
        "swedish-migration-agency -> igc",
    ] {
        assert!(subjects.contains(s), "{s} not reported; got {subjects:?}");
    }
}

// ==========================================================================
// Formerly tests/validation.rs
//
// One broken fixture per error class: each must be rejected with the right
// class, message and location; the valid fixture must report exactly the
// warnings it was built to trigger.

fn diagnostics(path: &str) -> Vec<Diagnostic> {
    match Dataset::from_paths(&[path]) {
        Ok(ds) => validate(&ds),
        Err(Error::Data(d)) => d,
        Err(e) => panic!("{path}: unexpected error {e}"),
    }
}

/// The first error of `fixture`, which must be of class `code`.
fn first_error(fixture: &str, code: &str) -> Diagnostic {
    let path = format!("tests/fixtures/broken/{fixture}.json");
    let diags = diagnostics(&path);
    let d = diags
        .iter()
        .find(|d| d.is_error())
        .unwrap_or_else(|| panic!("{fixture}: no error reported; got {diags:#?}"))
        .clone();
    assert_eq!(d.code, code, "{fixture}: {d}");
    let loc = d.loc.as_ref().expect("errors carry a location");
    assert_eq!(&*loc.file, path);
    d
}

fn at(d: &Diagnostic) -> (usize, usize) {
    let l = d.loc.as_ref().unwrap();
    (l.line, l.column)
}

#[test]
fn syntax_error_has_line_and_column() {
    let d = first_error("syntax", "syntax");
    assert_eq!(at(&d), (29, 5));
    assert!(d.message.contains("expected `,`"), "{d}");
}

#[test]
fn unknown_field_points_at_the_field() {
    let d = first_error("unknown-field", "schema");
    assert_eq!(at(&d), (62, 14));
    assert!(d.message.contains("unknown field `colour`"), "{d}");
}

#[test]
fn duplicate_id_names_the_first_definition() {
    let d = first_error("duplicate-id", "duplicate-id");
    assert_eq!(at(&d), (51, 5));
    assert!(d.message.contains("`agency-a` is defined twice"));
    assert!(
        d.help
            .as_deref()
            .unwrap()
            .contains("duplicate-id.json:29:5")
    );
}

#[test]
fn missing_node_suggests_the_nearest_id() {
    let d = first_error("missing-node", "missing-node");
    assert_eq!(at(&d), (135, 5));
    assert!(d.message.contains("`the-council`"));
    assert_eq!(d.help.as_deref(), Some("did you mean `council`?"));
}

#[test]
fn missing_node_given_by_alias_suggests_its_id() {
    let text = std::fs::read_to_string("tests/fixtures/ok/small.json")
        .unwrap()
        .replace(
            r#""from": "agency-b", "to": "sweden""#,
            r#""from": "Agency B", "to": "Sverige""#,
        );
    let ds = Dataset::from_str("mem.json", &text).unwrap();
    let diags = validate(&ds);
    let helps: Vec<_> = diags
        .iter()
        .filter(|d| d.code == "missing-node")
        .map(|d| d.help.clone().unwrap())
        .collect();
    assert_eq!(
        helps,
        ["did you mean `agency-b`?", "did you mean `sweden`?"]
    );
}

#[test]
fn alias_claimed_twice_is_an_error() {
    let d = first_error("alias-conflict", "alias-conflict");
    assert_eq!(at(&d), (51, 5));
    assert!(
        d.message.contains("`agency-a`") && d.message.contains("`agency-b`"),
        "{d}"
    );
}

#[test]
fn invalid_date_says_why() {
    let d = first_error("invalid-date", "invalid-date");
    assert_eq!(at(&d), (135, 5));
    assert!(
        d.message.contains("\"2005-13\"") && d.message.contains("month 13"),
        "{d}"
    );
}

#[test]
fn end_before_start_is_an_error() {
    let d = first_error("end-before-start", "end-before-start");
    assert_eq!(at(&d), (86, 5));
    assert_eq!(d.subject.as_deref(), Some("project-x"));
}

#[test]
fn relation_kind_must_fit_node_kinds() {
    let d = first_error("relation-not-allowed", "relation-not-allowed");
    assert_eq!(at(&d), (148, 5));
    assert_eq!(d.message, "`leads` cannot go from a network to an agency");
}

#[test]
fn relation_without_source_is_an_error() {
    let d = first_error("no-source", "no-source");
    assert_eq!(at(&d), (124, 5));
    assert_eq!(d.subject.as_deref(), Some("part_of agency-b -> sweden"));
}

#[test]
fn unknown_source_suggests_the_nearest() {
    let d = first_error("unknown-source", "unknown-source");
    assert_eq!(at(&d), (124, 5));
    assert_eq!(d.help.as_deref(), Some("did you mean `page`?"));
}

#[test]
fn valid_fixture_reports_its_warnings_only() {
    let diags = diagnostics("tests/fixtures/ok/small.json");
    assert!(
        diags.iter().all(|d| d.severity == Severity::Warning),
        "{diags:#?}"
    );
    let mut codes: Vec<_> = diags.iter().map(|d| d.code).collect();
    codes.sort();
    assert_eq!(
        codes,
        [
            "conflicting-dates",
            "conflicting-relation",
            "declared-members"
        ]
    );
    let dm = diags.iter().find(|d| d.code == "declared-members").unwrap();
    assert_eq!(
        dm.message,
        "`council` is stated to have 3 members, but 2 are listed"
    );
    let conflict = diags
        .iter()
        .find(|d| d.code == "conflicting-relation")
        .unwrap();
    assert!(
        conflict.message.contains("\"lead partner\"")
            && conflict.message.contains("\"leading partner\"")
    );
}

#[test]
fn a_directory_is_read_file_by_file_and_merged() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("tests/fixtures/ok/small.json").unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let part = |keys: &[&str]| {
        let mut o = serde_json::Map::new();
        for k in keys {
            o.insert(k.to_string(), v[*k].clone());
        }
        serde_json::to_string_pretty(&o).unwrap()
    };
    std::fs::write(dir.path().join("a.json"), part(&["sources", "nodes"])).unwrap();
    std::fs::write(dir.path().join("b.json"), part(&["relations"])).unwrap();
    std::fs::write(dir.path().join("schema.json"), "not a dataset").unwrap();
    let ds = Dataset::from_paths(&[dir.path()]).unwrap();
    assert_eq!((ds.nodes.len(), ds.relation_count()), (5, 6));
    assert!(
        ds.rel(coopgraph::store::RelId(0))
            .loc()
            .file
            .ends_with("b.json")
    );
}

#[test]
fn an_unreadable_path_is_an_input_error() {
    match Dataset::from_paths(&["tests/fixtures/no-such-file.json"]) {
        Err(e @ Error::Input { .. }) => assert_eq!(e.exit_code(), 2),
        other => panic!("{other:?}"),
    }
}

// ==========================================================================
// Formerly tests/cli.rs (the data the commands read)
//
// `validate` and `--data` as users run them: warnings and `--strict`, broken
// data located and refused with exit 2 before anything runs, a user's
// dataset read instead of the embedded one, and the `schema` command.

#[test]
fn validate_passes_and_strict_fails_on_warnings() {
    coopgraph()
        .arg("validate")
        .assert()
        .success()
        .stdout(predicate::str::contains("0 error(s)"))
        .stdout(predicate::str::contains("warning[declared-members]"));
    coopgraph().args(["validate", "--strict"]).assert().code(2);
    let v = json(&["validate"]);
    assert_eq!(v["valid"], true);
    assert_eq!(v["errors"], 0);
    let codes: BTreeSet<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains("declared-members") && codes.contains("conflicting-relation"));
}

#[test]
fn validate_reports_broken_data_with_location_and_exit_2() {
    coopgraph()
        .args([
            "validate",
            "--data",
            "tests/fixtures/broken/missing-node.json",
        ])
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "tests/fixtures/broken/missing-node.json:135:5: error[missing-node]",
        ))
        .stdout(predicate::str::contains("did you mean `council`?"));
    let out = coopgraph()
        .args([
            "validate",
            "--format",
            "json",
            "--data",
            "tests/fixtures/broken/syntax.json",
        ])
        .assert()
        .code(2);
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["diagnostics"][0]["code"], "syntax");
    assert_eq!(v["diagnostics"][0]["line"], 29);
    assert_eq!(v["diagnostics"][0]["column"], 5);
}

#[test]
fn other_commands_refuse_broken_data_and_run_nothing() {
    coopgraph()
        .args([
            "summary",
            "--data",
            "tests/fixtures/broken/duplicate-id.json",
        ])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("error[duplicate-id]"))
        .stderr(predicate::str::contains("nothing else was run"));
}

#[test]
fn missing_data_path_is_exit_2() {
    coopgraph()
        .args(["summary", "--data", "no/such/place.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read no/such/place.json"));
}

#[test]
fn user_dataset_is_read_instead_of_the_embedded_one() {
    let v = json(&["summary", "--data", "tests/fixtures/ok/small.json"]);
    assert_eq!(v["nodes"], 5);
    assert_eq!(v["relations"], 6);
}

#[test]
fn schema_command_prints_the_committed_schema() {
    let out = coopgraph().arg("schema").assert().success();
    assert_eq!(
        String::from_utf8(out.get_output().stdout.clone()).unwrap(),
        std::fs::read_to_string("data/schema.json").unwrap()
    );
}

// ==========================================================================
// Formerly tests/readers.rs
//
// The CSV edge-list reader has two ways through a file: unquoted files are
// split on every core and their ends matched in bulk; any other file is
// read by the csv crate row by row. Both must give the same records and the
// same diagnostics, so each case here is read both ways (a quoted cell
// forces the row-by-row way) and compared.

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
    // Keys that read alike stay apart, the later ones renamed (a warning each).
    assert!(
        diags.len() == 3 && diags.iter().all(|d| d.contains("warning[name-clash]")),
        "{diags:?}"
    );
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
    assert!(text_of.contains("weight `-1` is not a number from 1e-9 to 1e12"));
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

// ==========================================================================
// Formerly tests/names.rs
//
// Name resolution on the embedded dataset: Swedish, English, acronyms, case,
// diacritics, ambiguity and "did you mean".

fn id_of(g: &CoopGraph, name: &str) -> String {
    match g.resolve(name) {
        Ok(i) => g.node(i).id.clone(),
        Err(e) => panic!("{name}: {e}"),
    }
}

#[test]
fn swedish_english_id_case_and_diacritics_reach_the_same_node() {
    let g = CoopGraph::embedded().unwrap();
    for name in [
        "Migrationsverket",
        "migrationsverket",
        "MIGRATIONSVERKET",
        "Swedish Migration Agency",
        "swedish migration agency",
        "swedish-migration-agency",
    ] {
        assert_eq!(id_of(&g, name), "swedish-migration-agency", "{name}");
    }
    assert_eq!(id_of(&g, "Polismyndigheten"), "swedish-police-authority");
    assert_eq!(
        id_of(&g, "Swedish Police Authority"),
        "swedish-police-authority"
    );
    assert_eq!(id_of(&g, "Säkerhetspolisen"), "swedish-security-service");
    assert_eq!(id_of(&g, "sakerhetspolisen"), "swedish-security-service");
    assert_eq!(
        id_of(&g, "Försäkringskassan"),
        "swedish-social-insurance-agency"
    );
    assert_eq!(
        id_of(&g, "forsakringskassan"),
        "swedish-social-insurance-agency"
    );
    assert_eq!(id_of(&g, "Österrike"), "austria");
    assert_eq!(id_of(&g, "osterrike"), "austria");
    assert_eq!(id_of(&g, "Turkiet"), "turkey");
    assert_eq!(id_of(&g, "Serbien"), "serbia");
    assert_eq!(id_of(&g, "Söderköping Process"), "soderkoping-process");
}

#[test]
fn acronyms_and_former_names_resolve() {
    let g = CoopGraph::embedded().unwrap();
    assert_eq!(id_of(&g, "GDISC"), "gdisc");
    assert_eq!(id_of(&g, "dgmm"), "dgmm");
    assert_eq!(id_of(&g, "UNHCR"), "unhcr");
    assert_eq!(id_of(&g, "EASO"), "euaa");
    assert_eq!(id_of(&g, "EUAA"), "euaa");
    assert_eq!(id_of(&g, "Republic of Macedonia"), "north-macedonia");
    assert_eq!(id_of(&g, "Nordmakedonien"), "north-macedonia");
    assert_eq!(id_of(&g, "AMIF"), "amif");
    assert_eq!(id_of(&g, "T2C"), "talk2connect");
}

#[test]
fn ambiguous_names_list_the_candidates() {
    let g = CoopGraph::embedded().unwrap();
    match g.resolve("Ministry of the Interior") {
        Err(ResolveError::Ambiguous { candidates, .. }) => {
            let ids: Vec<_> = candidates.iter().map(|c| c.id.as_str()).collect();
            assert!(ids.contains(&"serbian-ministry-of-interior"), "{ids:?}");
            assert!(ids.contains(&"slovenian-ministry-of-interior"), "{ids:?}");
        }
        other => panic!("expected ambiguity, got {other:?}"),
    }
}

#[test]
fn unknown_names_get_did_you_mean() {
    let g = CoopGraph::embedded().unwrap();
    match g.resolve("Migrationsverkt") {
        Err(e @ ResolveError::Unknown { .. }) => {
            let ResolveError::Unknown { suggestions, .. } = &e else {
                unreachable!()
            };
            assert_eq!(suggestions[0].id, "swedish-migration-agency");
            assert!(
                e.to_string()
                    .contains("did you mean Swedish Migration Agency"),
                "{e}"
            );
        }
        other => panic!("expected unknown, got {other:?}"),
    }
}

#[test]
fn part_of_a_name_resolves_when_only_one_node_has_it() {
    let g = CoopGraph::embedded().unwrap();
    assert_eq!(id_of(&g, "Migration Academy"), "migration-academy");
}

// ==========================================================================
// Formerly tests/seeds.rs
//
// Faithfulness to the seed pages. The pages are not part of the repository
// (the project describes them in its own words); these tests read them from
// `$COOPGRAPH_SEEDS` or `../shared/seeds` and say so when they are absent.

/// Paragraphs (non-empty lines) of each seed page, by source id.
fn pages(g: &CoopGraph) -> Option<HashMap<String, Vec<String>>> {
    let dir = seeds_dir()?;
    let mut out = HashMap::new();
    for s in g.data.sources.iter().filter(|s| s.kind == SourceKind::Page) {
        let file = dir.join(s.file.as_ref().expect("seed sources name their file"));
        let text =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let paras = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(String::from)
            .collect();
        out.insert(s.id.clone(), paras);
    }
    Some(out)
}

#[test]
fn every_cited_paragraph_exists() {
    let g = CoopGraph::embedded().unwrap();
    let Some(pages) = pages(&g) else { return };
    let mut bad = Vec::new();
    let mut check = |what: &str, refs: &[coopgraph::model::SourceRef]| {
        for r in refs {
            if let (Some(p), Some(paras)) = (r.para, pages.get(&r.source))
                && (p == 0 || p as usize > paras.len())
            {
                bad.push(format!(
                    "{what}: {} ¶{p} (page has {})",
                    r.source,
                    paras.len()
                ));
            }
        }
    };
    for n in &g.data.nodes {
        check(&n.id, &n.sources);
    }
    for r in g.data.relations() {
        check(&coopgraph::validate::relation_label(r), &r.sources());
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// Each node is named — by its name or an alias — in a paragraph it cites,
/// unless it cites public knowledge (e.g. EU member states behind "all 28")
/// or it is marked `unnamed` (the pages describe it without a name).
#[test]
fn every_node_is_named_where_it_is_cited() {
    let g = CoopGraph::embedded().unwrap();
    let Some(pages) = pages(&g) else { return };
    let mut bad = Vec::new();
    for n in &g.data.nodes {
        if n.unnamed || n.sources.iter().any(|s| s.source == "public-knowledge") {
            continue;
        }
        let names: Vec<String> = std::iter::once(&n.name)
            .chain(
                n.aliases
                    .iter()
                    .filter(|a| a.source.is_none())
                    .map(|a| &a.name),
            )
            .map(|s| fold(s))
            .collect();
        let named = n.sources.iter().any(|r| {
            let Some(paras) = pages.get(&r.source) else {
                return false;
            };
            let Some(p) = r.para else { return false };
            let text = fold(&paras[p as usize - 1]);
            names.iter().any(|name| text.contains(name.as_str()))
        });
        if !named {
            bad.push(n.id.clone());
        }
    }
    assert!(bad.is_empty(), "not named in any cited paragraph: {bad:?}");
}

/// Descriptions and notes are in the dataset's own words: no run of eight
/// words from a page appears in them.
#[test]
fn descriptions_and_notes_do_not_copy_the_pages() {
    let g = CoopGraph::embedded().unwrap();
    let Some(pages) = pages(&g) else { return };
    const RUN: usize = 8;
    let mut shingles = std::collections::HashSet::new();
    for paras in pages.values() {
        for p in paras {
            let words: Vec<String> = fold(p).split(' ').map(String::from).collect();
            for w in words.windows(RUN) {
                shingles.insert(w.join(" "));
            }
        }
    }
    let mut texts: Vec<(String, &str)> = Vec::new();
    for n in &g.data.nodes {
        texts.push((n.id.clone(), &n.description));
        for c in &n.alt_dates {
            texts.extend(c.note.as_deref().map(|t| (n.id.clone(), t)));
        }
        for d in &n.declared_members {
            texts.extend(d.note.as_deref().map(|t| (n.id.clone(), t)));
        }
    }
    for r in g.data.relations() {
        texts.extend(
            r.note()
                .map(|t| (coopgraph::validate::relation_label(r), t)),
        );
    }
    let copied: Vec<String> = texts
        .iter()
        .filter_map(|(who, t)| {
            let words: Vec<String> = fold(t).split(' ').map(String::from).collect();
            words
                .windows(RUN)
                .map(|w| w.join(" "))
                .find(|s| shingles.contains(s))
                .map(|s| format!("{who}: \"{s}\""))
        })
        .collect();
    assert!(
        copied.is_empty(),
        "copied from a page:\n{}",
        copied.join("\n")
    );
}

mod limits {
    //! Numbers, dates and limits: values at or past the edges of what coopgraph
    //! can hold are refused by name or bounded and said to be — a path limit of
    //! 2^64−1 and the cap on the paths kept, edge weights outside their range in
    //! every reader, dataset sizes `generate` cannot make, years outside
    //! 1000–9999, paragraph 0, negative amounts and malformed currencies, and
    //! the same file given twice to `--data`.

    use crate::support::{coopgraph, write};
    use serde_json::{Value, json};

    const U64_MAX: &str = "18446744073709551615";

    /// A CSV edge list of the complete graph on `n` nodes `n0`…: between two
    /// nodes, every ordering of every subset of the others is a simple path.
    fn complete_graph(dir: &std::path::Path, n: usize) -> std::path::PathBuf {
        let mut csv = String::from("source,target\n");
        for a in 0..n {
            for b in a + 1..n {
                csv.push_str(&format!("n{a},n{b}\n"));
            }
        }
        write(dir, &format!("k{n}.csv"), csv)
    }

    /// Runs coopgraph with `args`, returning (exit code, stdout, stderr).
    fn run(args: &[&str]) -> (i32, String, String) {
        let out = coopgraph().args(args).output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    // ==========================================================================
    // 12. path --all --limit

    #[test]
    fn a_path_limit_of_u64_max_lists_every_path() {
        let dir = tempfile::tempdir().unwrap();
        let k6 = complete_graph(dir.path(), 6);
        let k6 = k6.to_str().unwrap();
        let (code, out, err) = run(&[
            "--data", k6, "--format", "json", "path", "n0", "n1", "--all", "--limit", U64_MAX,
        ]);
        assert_eq!(code, 0, "{err}");
        let v: Value = serde_json::from_str(&out).unwrap();
        // 1 + 4 + 4·3 + 4·3·2 + 4·3·2·1 simple paths between two nodes of K6.
        assert_eq!(v["paths"].as_array().unwrap().len(), 65);
        assert_eq!(v["truncated"], json!(false));
    }

    #[test]
    fn path_all_keeps_at_most_the_documented_cap_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        // K10 up to 9 hops: 109,601 simple paths between two nodes.
        let k10 = complete_graph(dir.path(), 10);
        let k10 = k10.to_str().unwrap();
        // The cap docs/errors.md states.
        let cap = 10_000;
        let args = [
            "--data",
            k10,
            "path",
            "n0",
            "n1",
            "--all",
            "--max-hops",
            "9",
            "--limit",
            U64_MAX,
        ];
        let (code, out, err) = run(&[&args[..], &["--format", "json"]].concat());
        assert_eq!(code, 0, "{err}");
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["paths"].as_array().unwrap().len(), cap);
        assert_eq!(v["truncated"], json!(true));
        let (code, out, err) = run(&args);
        assert_eq!(code, 0, "{err}");
        assert!(
            out.trim_end()
                .ends_with("(more paths exist; coopgraph lists at most 10000 paths)"),
            "{}",
            &out[out.len().saturating_sub(300)..]
        );
        // Below the cap the usual hint stays.
        let (_, out, _) = run(&["--data", k10, "path", "n0", "n1", "--all", "--limit", "2"]);
        assert!(
            out.trim_end()
                .ends_with("(more paths exist: raise --limit)")
        );
    }

    // ==========================================================================
    // 14. generate sizes

    #[test]
    fn generate_refuses_sizes_it_cannot_make_without_panicking() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("gen.json");
        let out = out.to_str().unwrap();
        for (orgs, projects, mean) in [
            (U64_MAX, "1", "22"),
            ("1", U64_MAX, "22"),
            ("10000001", "1", "22"),
            ("1", "10000001", "22"),
            ("10", "1", "10001"),
            ("10", "1", "1e300"),
            // Each size allowed, the relations they make are not.
            ("10000000", "10000000", "1000"),
        ] {
            let (code, _, err) = run(&[
                "generate",
                "--orgs",
                orgs,
                "--projects",
                projects,
                "--mean-partners",
                mean,
                "-o",
                out,
            ]);
            assert_eq!(code, 2, "{orgs} {projects} {mean}: {err}");
            assert!(
                err.contains("at most") || err.contains("between") || err.contains("from 0 to"),
                "{orgs} {projects} {mean}: {err}"
            );
            assert!(!std::path::Path::new(out).exists());
        }
    }

    #[test]
    fn the_library_generate_returns_a_typed_error_for_sizes_it_cannot_make() {
        use coopgraph::generate::{Spec, generate};
        let spec = Spec {
            orgs: usize::MAX,
            projects: 1,
            mean_partners: 1.0,
            seed: 1,
        };
        let e = generate(&spec).unwrap_err();
        assert!(
            matches!(e, coopgraph::Error::TooBig { given, .. } if given == usize::MAX as u128),
            "{e:?}"
        );
        assert!(!e.to_string().contains("--"), "{e}");
        // An absurd mean would loop until every organisation is a partner.
        let e = generate(&Spec {
            orgs: 1_000_000,
            projects: 1,
            mean_partners: f64::INFINITY,
            seed: 1,
        })
        .unwrap_err();
        assert!(
            matches!(e, coopgraph::Error::TooBig { max: 10_000, .. }),
            "{e:?}"
        );
        let ok = Spec {
            orgs: 10,
            projects: 2,
            mean_partners: 3.0,
            seed: 1,
        };
        assert_eq!(generate(&ok).unwrap().nodes.len(), 10 + 2 + 30 + 12);
    }

    // ==========================================================================
    // 16. the same file given twice to --data

    #[test]
    fn the_same_file_given_twice_to_data_is_read_once() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir(&data).unwrap();
        let small = std::fs::read_to_string("tests/fixtures/ok/small.json").unwrap();
        let x = write(&data, "x.json", &small);
        let x = x.to_str().unwrap();
        let dotted = format!("{}/./x.json", data.display());
        let folder = data.to_str().unwrap();
        let link = data.join("hard.json");
        std::fs::hard_link(x, &link).unwrap();
        let link = link.to_str().unwrap();
        let once = crate::support::json(&["--data", x, "summary"]);
        for twice in [[x, x], [x, dotted.as_str()], [folder, x], [x, folder]] {
            let (code, _, err) = run(&["validate", "--data", twice[0], "--data", twice[1]]);
            assert_eq!(code, 0, "{twice:?}: {err}");
            assert!(!err.contains("defined twice"), "{twice:?}: {err}");
            let got = crate::support::json(&["--data", twice[0], "--data", twice[1], "summary"]);
            assert_eq!(got["nodes"], once["nodes"], "{twice:?}");
            assert_eq!(got["relations"], once["relations"], "{twice:?}");
        }
        // The folder holds x.json and its hard link: the same file, read once.
        let (code, _, err) = run(&["validate", "--data", folder, "--data", link]);
        assert_eq!(code, 0, "{err}");
    }

    // ==========================================================================
    // 13. weights

    /// The fixture dataset with one `cooperates_with` relation between its two
    /// agencies per extra field set in `extras` (each a JSON object's fields),
    /// one relation a line, and the line each is on.
    fn with_relations(extras: &[&str]) -> (String, Vec<usize>) {
        let small = std::fs::read_to_string("tests/fixtures/ok/small.json").unwrap();
        let end = small.rfind(']').unwrap();
        let mut text = small[..end].trim_end().to_string();
        let mut lines = Vec::new();
        for extra in extras {
            text.push_str(",\n");
            lines.push(text.lines().count() + 1);
            text.push_str(&format!(
                r#"{{"kind": "cooperates_with", "from": "agency-a", "to": "agency-b", {extra}"sources": [{{"source": "page", "para": 1}}]}}"#
            ));
        }
        text.push_str(&small[end..]);
        (text, lines)
    }

    /// Every `error[CODE]` line of `validate` on `files`, with its exit code.
    fn errors(files: &[&std::path::Path], code: &str) -> (i32, Vec<String>) {
        let mut args = vec!["validate".to_string()];
        for f in files {
            args.push("--data".into());
            args.push(f.to_str().unwrap().into());
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (status, out, err) = run(&args);
        let tag = format!(": error[{code}]: ");
        (
            status,
            out.lines()
                .chain(err.lines())
                .filter(|l| l.contains(&tag))
                .map(str::to_string)
                .collect(),
        )
    }

    #[test]
    fn weights_outside_their_range_are_located_errors_in_dataset_json() {
        let dir = tempfile::tempdir().unwrap();
        let bad = ["-1", "0", "5e-324", "1e300", "1e-10", "1000000000001"];
        let extras: Vec<String> = bad.iter().map(|w| format!(r#""weight": {w}, "#)).collect();
        let good = [
            r#""weight": 1e-9, "#,
            r#""weight": 1e12, "#,
            r#""weight": 2.5, "#,
        ];
        let all: Vec<&str> = extras
            .iter()
            .map(String::as_str)
            .chain(good.iter().copied())
            .collect();
        let (text, lines) = with_relations(&all);
        let f = write(dir.path(), "w.json", text);
        let (code, errs) = errors(&[&f], "invalid-weight");
        assert_eq!(code, 2);
        assert_eq!(errs.len(), bad.len(), "{errs:#?}");
        for (e, line) in errs.iter().zip(&lines) {
            assert!(
                e.starts_with(&format!("{}:{line}:1: ", f.display())),
                "{e} (line {line})"
            );
            assert!(e.contains("is not a number from 1e-9 to 1e12"), "{e}");
        }
        // The good weights alone pass.
        let (text, _) = with_relations(&good);
        let f = write(dir.path(), "ok.json", text);
        assert_eq!(errors(&[&f], "invalid-weight"), (0, vec![]));
    }

    #[test]
    fn every_reader_refuses_the_same_weights_with_the_same_words() {
        let dir = tempfile::tempdir().unwrap();
        let csv = write(dir.path(), "e.csv", "source,target,weight\na,b,-1\nb,c,1\n");
        let node_link = write(
            dir.path(),
            "nl.json",
            r#"{"directed": false, "multigraph": false, "graph": {},
                "nodes": [{"id": "a"}, {"id": "b"}],
                "links": [{"source": "a", "target": "b", "weight": -1}]}"#,
        );
        let gexf = write(
            dir.path(),
            "g.gexf",
            r#"<?xml version="1.0" encoding="UTF-8"?>
    <gexf xmlns="http://gexf.net/1.3" version="1.3">
      <graph defaultedgetype="directed">
        <nodes><node id="n1" label="A"/><node id="n2" label="B"/></nodes>
        <edges><edge id="0" source="n1" target="n2" weight="-1"/></edges>
      </graph>
    </gexf>"#,
        );
        let graphml = dir.path().join("s.graphml");
        coopgraph()
            .args([
                "--data",
                "tests/fixtures/ok/small.json",
                "export",
                "graphml",
            ])
            .arg("-o")
            .arg(&graphml)
            .assert()
            .success();
        let text = std::fs::read_to_string(&graphml).unwrap();
        let edge = r#"<edge id="e0" source="agency-a" target="sweden">"#;
        assert!(text.contains(edge));
        let text = text.replacen(edge, &format!("{edge}<data key=\"e_weight\">-1</data>"), 1);
        std::fs::write(&graphml, text).unwrap();
        // The CSV reader refuses the row; the others, validation.
        let (code, out, err) = run(&["validate", "--data", csv.to_str().unwrap()]);
        assert_eq!(code, 2);
        let err = out + &err;
        assert!(
            err.contains("e.csv:2:3: error[schema]: weight `-1` is not a number from 1e-9 to 1e12"),
            "{err}"
        );
        // Node-link links are read as rows, as CSV is; GEXF and GraphML edges
        // are checked by validation: either way in the same words, located.
        for f in [&node_link, &gexf, &graphml] {
            let (code, mut errs) = errors(&[f], "invalid-weight");
            let (_, schema) = errors(&[f], "schema");
            errs.extend(schema);
            assert_eq!(code, 2, "{}", f.display());
            assert_eq!(errs.len(), 1, "{}: {errs:?}", f.display());
            assert!(
                errs[0].contains("weight `-1")
                    && errs[0].contains("` is not a number from 1e-9 to 1e12"),
                "{}",
                errs[0]
            );
            let name = f.to_str().unwrap();
            let place = errs[0][name.len()..].split(": ").next().unwrap();
            assert!(
                place.starts_with(':') && place[1..].split(':').all(|n| n.parse::<u32>().is_ok()),
                "not located: {}",
                errs[0]
            );
        }
    }

    // ==========================================================================
    // 15. years, paragraphs, amounts and currencies

    #[test]
    fn years_outside_1000_to_9999_are_invalid_dates() {
        let dir = tempfile::tempdir().unwrap();
        let bad = [
            "0000",
            "0201",
            "0999-12-31",
            "spring 0999",
            "winter 9999",
            "2020 + 8000 years",
            "1005 - 10 years",
        ];
        let extras: Vec<String> = bad.iter().map(|d| format!(r#""start": "{d}", "#)).collect();
        let good = [
            r#""start": "1000", "#,
            r#""start": "9999-12", "#,
            r#""start": "winter 9998", "#,
            r#""start": "1010 - 10 years", "#,
        ];
        let all: Vec<&str> = extras
            .iter()
            .map(String::as_str)
            .chain(good.iter().copied())
            .collect();
        let (text, lines) = with_relations(&all);
        let f = write(dir.path(), "d.json", text);
        let (code, errs) = errors(&[&f], "invalid-date");
        assert_eq!(code, 2);
        assert_eq!(errs.len(), bad.len(), "{errs:#?}");
        for ((e, line), d) in errs.iter().zip(&lines).zip(bad) {
            assert!(e.starts_with(&format!("{}:{line}:1: ", f.display())), "{e}");
            assert!(e.contains(d) && e.contains("1000–9999"), "{e}");
        }
        // The command line's dates are read by the same parser.
        let (code, _, err) = run(&["timeline", "Sweden", "--from", "0201"]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("1000–9999"), "{err}");
        let (code, _, err) = run(&["metrics", "--to", "winter 9999"]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("1000–9999"), "{err}");
    }

    #[test]
    fn paragraph_zero_negative_amounts_and_malformed_currencies_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let (mut text, lines) = with_relations(&[
            r#""amount": {"value": -5, "currency": "EUR"}, "#,
            r#""amount": {"value": 5, "currency": ""}, "#,
            r#""amount": {"value": 5, "currency": "eur"}, "#,
            r#""amount": {"value": 5, "currency": "EURO"}, "#,
            r#""amount": {"value": 5, "currency": "€"}, "#,
            r#""amount": {"value": 0, "currency": "SEK"}, "#,
            r#""amount": {"value": 1e15, "currency": "USD"}, "#,
        ]);
        // A node's citation of paragraph 0.
        let cite = r#""country": "SE", "sources": [{"source": "page", "para": 1}]"#;
        assert!(text.contains(cite), "the fixture changed");
        text = text.replacen(cite, &cite.replace("\"para\": 1", "\"para\": 0"), 1);
        let f = write(dir.path(), "a.json", text);
        let (code, amounts) = errors(&[&f], "invalid-amount");
        assert_eq!(code, 2);
        assert_eq!(amounts.len(), 1, "{amounts:#?}");
        assert!(amounts[0].starts_with(&format!("{}:{}:1: ", f.display(), lines[0])));
        assert!(
            amounts[0].contains("amount -5 EUR is negative"),
            "{}",
            amounts[0]
        );
        let (_, currencies) = errors(&[&f], "invalid-currency");
        assert_eq!(currencies.len(), 4, "{currencies:#?}");
        for (e, line) in currencies.iter().zip(&lines[1..]) {
            assert!(e.starts_with(&format!("{}:{line}:1: ", f.display())), "{e}");
            assert!(e.contains("is not an ISO 4217 code"), "{e}");
        }
        let (_, paras) = errors(&[&f], "invalid-para");
        assert_eq!(paras.len(), 1, "{paras:#?}");
        assert!(paras[0].contains("paragraph 0"), "{}", paras[0]);
    }
}

mod readers_hardening {
    //! Readers and Graphviz (issue 14, items 17–19 and 10): foreign files whose
    //! ids differ only in case or punctuation stay distinct nodes; every
    //! message of an import says what happened (unknown columns and attributes
    //! named with their counts, an exact "rows left out" count, a nested value
    //! not taken for a missing id); a file of a format coopgraph does not read
    //! is refused with the formats it reads and the `import` command; Graphviz
    //! runs under a timeout and dies with coopgraph.

    use crate::support::{coopgraph, write};
    use std::path::Path;

    fn stderr(out: &std::process::Output) -> String {
        String::from_utf8_lossy(&out.stderr).into_owned()
    }

    fn dataset(path: &Path) -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
    }

    // ---- 17. ids that differ only in case or punctuation ----

    #[test]
    fn csv_ids_differing_in_case_or_punctuation_stay_distinct_nodes() {
        let dir = tempfile::tempdir().unwrap();
        let edges = write(
            &dir,
            "edges.csv",
            "source,target\nA B,a-b\nParis,x\nparis,y\n",
        );
        // Read as --data: no refusal of the whole file.
        let out = coopgraph()
            .args(["summary", "--data"])
            .arg(&edges)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.starts_with("6 nodes, 3 relations"), "{text}");
        // Imported: six nodes, each file id kept apart, and the renamed nodes
        // are reported at their row, naming the row they collide with.
        let target = dir.path().join("out.json");
        let out = coopgraph()
            .arg("import")
            .arg(&edges)
            .arg("-o")
            .arg(&target)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let err = stderr(&out);
        let file = edges.display().to_string();
        assert!(
            err.contains(&format!("{file}:2:")) && err.contains("line 2"),
            "{err}"
        );
        assert!(
            err.contains(&format!("{file}:4:")) && err.contains("line 3"),
            "{err}"
        );
        let ds = dataset(&target);
        let names: Vec<&str> = ds["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["name"].as_str().unwrap())
            .collect();
        assert_eq!(names.len(), 6, "{names:?}");
        assert!(
            names.contains(&"A B") && names.contains(&"Paris"),
            "{names:?}"
        );
        // Both spellings can still be looked up, each to its own node.
        for (name, id) in [
            ("A B", "a-b"),
            ("a-b-2", "a-b-2"),
            ("Paris", "paris"),
            ("paris-2", "paris-2"),
        ] {
            let shown = crate::support::json(&["show", name, "--data", &file]);
            assert_eq!(shown["id"], id, "{name}: {shown}");
        }
    }

    #[test]
    fn node_list_whose_labels_repeat_ids_differing_in_case_stays_distinct() {
        // Gephi writes `Label` as a copy of `Id`.
        let dir = tempfile::tempdir().unwrap();
        let nodes = write(&dir, "nodes.csv", "Id,Label\nParis,Paris\nparis,paris\n");
        let out = coopgraph()
            .args(["summary", "--data"])
            .arg(&nodes)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(String::from_utf8_lossy(&out.stdout).starts_with("2 nodes"));
        assert!(stderr(&out).contains("warning[name-clash]"));
    }

    #[test]
    fn graphml_ids_differing_in_case_stay_distinct_nodes() {
        let dir = tempfile::tempdir().unwrap();
        let g = write(
            &dir,
            "g.graphml",
            "<graphml><graph><node id=\"Paris\"/><node id=\"paris\"/>\
             <edge source=\"Paris\" target=\"paris\"/></graph></graphml>",
        );
        let out = coopgraph()
            .args(["summary", "--data"])
            .arg(&g)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(String::from_utf8_lossy(&out.stdout).starts_with("2 nodes, 1 relations"));
    }

    // ---- 18. every message says what happened ----

    #[test]
    fn csv_unknown_column_is_a_warning_and_the_count_of_rows_left_out_is_exact() {
        let dir = tempfile::tempdir().unwrap();
        let edges = write(
            &dir,
            "edges.csv",
            "source,target,colour,size\na,b,red,1\nb,c,blue,2\nc,d,green,3\n",
        );
        let target = dir.path().join("out.json");
        let out = coopgraph()
            .arg("import")
            .arg(&edges)
            .arg("-o")
            .arg(&target)
            .output()
            .unwrap();
        let err = stderr(&out);
        assert!(out.status.success(), "{err}");
        assert!(
            !err.contains("error"),
            "an ignored column is no error: {err}"
        );
        assert!(err.contains("warning[unknown-column]"), "{err}");
        assert!(
            err.contains("0 rows left out") && err.contains("columns not read: colour, size"),
            "{err}"
        );
        assert_eq!(dataset(&target)["relations"].as_array().unwrap().len(), 3);
        // The same file as --data: read, with the warning.
        let out = coopgraph()
            .args(["summary", "--data"])
            .arg(&edges)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stderr(&out).contains("warning[unknown-column]"));
        // A row really left out is counted, and only it.
        let bad = write(
            &dir,
            "bad.csv",
            "source,target,weight,colour\na,b,1,red\nb,c,heavy,blue\n",
        );
        let out = coopgraph()
            .arg("import")
            .arg(&bad)
            .arg("-o")
            .arg(dir.path().join("bad.json"))
            .output()
            .unwrap();
        let err = stderr(&out);
        assert!(out.status.success(), "{err}");
        assert!(err.contains("; 1 row left out"), "{err}");
    }

    #[test]
    fn graphml_and_node_link_name_the_attributes_they_do_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let g = write(
            &dir,
            "g.graphml",
            "<graphml><key id=\"d0\" for=\"node\" attr.name=\"color\"/>\
             <key id=\"d1\" for=\"edge\" attr.name=\"width\"/><graph>\
             <node id=\"a\"><data key=\"d0\">red</data></node>\
             <node id=\"b\"><data key=\"d0\">blue</data></node>\
             <edge source=\"a\" target=\"b\"><data key=\"d1\">3</data></edge></graph></graphml>",
        );
        let nl = write(
            &dir,
            "nl.json",
            r#"{"directed": true, "nodes": [{"id": "a", "colour": "red"}, {"id": "b", "colour": "x"}],
                "links": [{"source": "a", "target": "b", "w2": 1}]}"#,
        );
        for (input, want) in [
            (&g, ["`color` (2 nodes)", "`width` (1 edge)"]),
            (&nl, ["`colour` (2 nodes)", "`w2` (1 edge)"]),
        ] {
            let out = coopgraph()
                .arg("import")
                .arg(input)
                .arg("-o")
                .arg(dir.path().join("out.json"))
                .arg("--force")
                .output()
                .unwrap();
            let err = stderr(&out);
            assert!(out.status.success(), "{err}");
            assert!(err.contains("warning[unknown-attribute]"), "{err}");
            for w in want {
                assert!(err.contains(w), "{}: {w} in {err}", input.display());
            }
        }
    }

    #[test]
    fn node_link_deeply_nested_attribute_is_not_reported_as_a_missing_id() {
        let dir = tempfile::tempdir().unwrap();
        let deep = format!("{}{}", "[".repeat(300), "]".repeat(300));
        let nl = write(
            &dir,
            "deep.json",
            format!(
                "{{\"nodes\": [{{\"id\": \"a\", \"extra\": {deep}}}, {{\"id\": \"b\"}}], \"links\": []}}"
            ),
        );
        let out = coopgraph()
            .arg("import")
            .arg(&nl)
            .arg("-o")
            .arg(dir.path().join("out.json"))
            .output()
            .unwrap();
        let err = stderr(&out);
        assert!(!err.contains("needs an `id`"), "{err}");
        assert!(err.contains("nested too deeply"), "{err}");
    }

    // ---- 19. files of a format coopgraph does not read ----

    #[test]
    fn unknown_formats_name_the_formats_read_and_the_import_command() {
        let dir = tempfile::tempdir().unwrap();
        let files = [
            write(&dir, "notes.txt", "Meeting notes: call the council.\n"),
            write(
                &dir,
                "x.xml",
                "<?xml version=\"1.0\"?>\n<html><body>not a graph</body></html>\n",
            ),
            write(
                &dir,
                "file.parquet",
                b"PAR1\x00\x15\x04\x15\xff\xfe\x00PAR1",
            ),
        ];
        for f in &files {
            let out = coopgraph()
                .args(["summary", "--data"])
                .arg(f)
                .output()
                .unwrap();
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(2), "{}: {err}", f.display());
            for word in [
                "not a format coopgraph reads",
                "GraphML",
                "GEXF",
                "CSV",
                "coopgraph import",
            ] {
                assert!(err.contains(word), "{}: `{word}` in {err}", f.display());
            }
            let out = coopgraph()
                .arg("import")
                .arg(f)
                .arg("-o")
                .arg(dir.path().join("out.json"))
                .output()
                .unwrap();
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(2), "{}: {err}", f.display());
            assert!(
                err.contains("not a format coopgraph reads") && err.contains("--from"),
                "{}: {err}",
                f.display()
            );
        }
    }

    // ---- 10. Graphviz under a timeout, and killed with coopgraph ----

    /// A folder with a fake `dot` that answers `-V` and otherwise writes its
    /// process id to `pid` and sleeps.
    #[cfg(unix)]
    fn sleeping_dot(dir: &Path) -> std::path::PathBuf {
        use std::os::unix::fs::PermissionsExt;
        let bin = dir.join("bin");
        std::fs::create_dir_all(&bin).unwrap();
        let script = format!(
            "#!/bin/sh\nif [ \"$1\" = -V ]; then echo 'dot - graphviz version 9.9.9 (0)' >&2; exit 0; fi\n\
             echo $$ > '{}'\nexec sleep 30\n",
            dir.join("pid").display()
        );
        let dot = write(&bin, "dot", script);
        std::fs::set_permissions(&dot, std::fs::Permissions::from_mode(0o755)).unwrap();
        bin
    }

    #[cfg(unix)]
    fn path_with(bin: &Path) -> std::ffi::OsString {
        let mut paths = vec![bin.to_path_buf()];
        paths.extend(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        ));
        std::env::join_paths(paths).unwrap()
    }

    /// Whether process `pid` is gone (or a zombie waiting for its new parent).
    #[cfg(unix)]
    fn gone(pid: &str) -> bool {
        match std::fs::read_to_string(format!("/proc/{pid}/status")) {
            Err(_) => true,
            Ok(s) => s
                .lines()
                .any(|l| l.starts_with("State:") && l.contains('Z')),
        }
    }

    #[cfg(unix)]
    #[test]
    fn graphviz_that_does_not_finish_is_stopped_at_the_timeout() {
        let dir = tempfile::tempdir().unwrap();
        let bin = sleeping_dot(dir.path());
        let started = std::time::Instant::now();
        let out = coopgraph()
            .env("PATH", path_with(&bin))
            .args(["render", "--engine", "graphviz", "--graphviz-timeout", "1"])
            .arg("-o")
            .arg(dir.path().join("g.svg"))
            .output()
            .unwrap();
        let err = stderr(&out);
        assert!(started.elapsed().as_secs() < 20, "waited for dot: {err}");
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(
            err.contains("Graphviz did not finish within 1 s")
                && err.contains("--graphviz-timeout"),
            "{err}"
        );
        let pid = std::fs::read_to_string(dir.path().join("pid")).unwrap();
        assert!(gone(pid.trim()), "dot {pid} still runs");
        assert!(!dir.path().join("g.svg").exists());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn graphviz_dies_with_coopgraph() {
        let dir = tempfile::tempdir().unwrap();
        let bin = sleeping_dot(dir.path());
        let exe = assert_cmd::cargo::cargo_bin("coopgraph");
        let mut child = std::process::Command::new(exe)
            .env("PATH", path_with(&bin))
            .args(["render", "--engine", "graphviz", "-o"])
            .arg(dir.path().join("g.svg"))
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let pid_file = dir.path().join("pid");
        let waited = std::time::Instant::now();
        while !pid_file.exists()
            || std::fs::read_to_string(&pid_file)
                .unwrap()
                .trim()
                .is_empty()
        {
            assert!(waited.elapsed().as_secs() < 30, "dot never started");
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let pid = std::fs::read_to_string(&pid_file).unwrap();
        child.kill().unwrap();
        child.wait().unwrap();
        let waited = std::time::Instant::now();
        while !gone(pid.trim()) {
            assert!(
                waited.elapsed().as_secs() < 5,
                "dot {pid} outlived coopgraph"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }

    #[cfg(unix)]
    #[test]
    fn graphviz_past_its_time_in_auto_mode_gives_the_built_in_layout() {
        let dir = tempfile::tempdir().unwrap();
        let bin = sleeping_dot(dir.path());
        let out = coopgraph()
            .env("PATH", path_with(&bin))
            .args(["render", "--graphviz-timeout", "1", "-o"])
            .arg(dir.path().join("g.svg"))
            .output()
            .unwrap();
        let err = stderr(&out);
        assert!(out.status.success(), "{err}");
        assert!(
            err.contains("built-in layout (Graphviz did not finish within 1 s"),
            "{err}"
        );
        let pid = std::fs::read_to_string(dir.path().join("pid")).unwrap();
        assert!(gone(pid.trim()), "dot {pid} still runs");
    }

    #[test]
    fn real_graphviz_draws_within_its_time() {
        if !crate::support::graphviz::has_graphviz() {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let svg = dir.path().join("g.svg");
        let out = coopgraph()
            .args([
                "render",
                "--engine",
                "graphviz",
                "--graphviz-timeout",
                "120",
                "-o",
            ])
            .arg(&svg)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let text = std::fs::read_to_string(&svg).unwrap();
        crate::support::graphviz::parse_svg(&text);
        assert!(stderr(&out).contains("Graphviz"), "{}", stderr(&out));
    }
}

mod data_gaps {
    //! Gaps the data audit found (issue 15), and who funded whom: the Agency's part
    //! in the VCT project, Talk2Connect and its collaboration with DGMM; the
    //! Eastern Partnership support function's end; MPF as a contracting channel,
    //! not a funder; the Common European Asylum System; one relation for "i
    //! samarbete med" and "in partnership with"; `show` rolling a fund's parts'
    //! funding up to it; and `shared` naming the funder in a funder row.

    use crate::support::{coopgraph, json};
    use coopgraph::graph::CoopGraph;
    use coopgraph::model::RelationKind;
    use serde_json::Value;

    fn relations(v: &Value) -> &Vec<Value> {
        v["relations"].as_array().expect("relations")
    }

    #[test]
    fn the_agency_and_dgmm_share_something() {
        let s = json(&["shared", "Swedish Migration Agency", "DGMM"]);
        let items = s["items"].as_array().unwrap();
        assert!(!items.is_empty(), "nothing shared: {s}");
        assert!(
            items
                .iter()
                .any(|i| i["item"]["id"] == "promoting-turkish-compliance"),
            "the Promoting Turkish Compliance project is not shared: {s}"
        );
    }

    #[test]
    fn the_agency_timeline_includes_vct_and_talk2connect() {
        let t = json(&["timeline", "Swedish Migration Agency"]);
        let ids: Vec<&str> = t["entries"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["item"]["id"].as_str())
            .collect();
        for id in ["vct-project", "talk2connect"] {
            assert!(ids.contains(&id), "{id} missing from {ids:?}");
        }
    }

    #[test]
    fn the_agency_is_said_to_be_the_swedish_actor_that_leads() {
        let g = CoopGraph::embedded().unwrap();
        for project in ["vct-project", "talk2connect"] {
            let lead = g
                .data
                .relations()
                .find(|r| {
                    r.kind() == RelationKind::Leads
                        && r.from() == "swedish-migration-agency"
                        && r.to() == project
                })
                .unwrap_or_else(|| panic!("no Agency lead of {project}"));
            assert!(
                lead.note().is_some_and(|n| n.contains("Sweden")),
                "{project}: the note must say the Agency is the Swedish actor"
            );
        }
    }

    #[test]
    fn the_turkish_bilateral_project_benefits_dgmm() {
        let v = json(&["show", "turkey-bilateral-project"]);
        assert!(
            relations(&v)
                .iter()
                .any(|r| r["kind"] == "beneficiary" && r["other"]["id"] == "dgmm"),
            "{v}"
        );
    }

    #[test]
    fn the_eastern_partnership_support_function_ends_in_august_2016() {
        let v = json(&["show", "eap-support-function"]);
        assert_eq!(v["end"]["value"], "2016-08", "{v}");
    }

    #[test]
    fn mpf_is_a_contracting_channel_not_a_funder() {
        let v = json(&["show", "MPF"]);
        assert!(
            !relations(&v)
                .iter()
                .any(|r| r["kind"] == "funds" && r["side"] == "out"),
            "MPF still funds something: {v}"
        );
        let academy = json(&["show", "migration-academy"]);
        assert!(
            relations(&academy)
                .iter()
                .any(|r| r["kind"] == "contracts" && r["within"]["id"] == "mpf"),
            "the academy's contract does not name the MPF: {academy}"
        );
    }

    #[test]
    fn the_common_european_asylum_system_is_recorded() {
        let v = json(&["show", "Common European Asylum System"]);
        assert_eq!(v["start"]["value"], "2013", "{v}");
        assert!(
            relations(&v).iter().any(|r| r["other"]["id"] == "euaa"),
            "EASO's part in the system is missing: {v}"
        );
    }

    #[test]
    fn partnership_and_samarbete_are_one_relation() {
        let g = CoopGraph::embedded().unwrap();
        for country in ["poland", "spain", "czech-republic", "germany"] {
            let rels: Vec<_> = g
                .data
                .relations()
                .filter(|r| r.from() == country && r.to() == "vct-project")
                .collect();
            assert_eq!(rels.len(), 1, "{country}: {} relations", rels.len());
            let cited: Vec<_> = rels[0]
                .sources()
                .iter()
                .map(|c| c.source.to_string())
                .collect();
            assert!(
                cited.contains(&"dev-en".to_string()) && cited.contains(&"dev-sv".to_string()),
                "{country}: {cited:?}"
            );
        }
        assert!(
            !g.warnings.iter().any(|d| d
                .subject
                .as_deref()
                .is_some_and(|s| s.ends_with("-> vct-project"))),
            "a VCT partner is still reported as a conflict"
        );
    }

    #[test]
    fn show_amif_includes_its_parts_funding_marked_as_rolled_up() {
        let v = json(&["show", "AMIF"]);
        let rolled: Vec<&Value> = relations(&v)
            .iter()
            .filter(|r| r["kind"] == "funds" && r["other"]["id"] == "mavrri")
            .collect();
        assert_eq!(rolled.len(), 1, "{v}");
        assert_eq!(rolled[0]["via_part"]["id"], "amif-netherlands");
        // The fund's own funding is not marked.
        assert!(relations(&v).iter().any(|r| r["kind"] == "funds"
            && r["other"]["id"] == "eu-frank"
            && r["via_part"].is_null()));
        let out = coopgraph().args(["show", "AMIF"]).assert().success();
        let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        assert!(
            text.contains("through its part Dutch Asylum, Migration and Integration Fund"),
            "{text}"
        );
    }

    #[test]
    fn shared_funder_rows_name_the_funder() {
        let out = coopgraph()
            .args([
                "shared",
                "Swedish Migration Agency",
                "Sida",
                "--via",
                "fund",
            ])
            .assert()
            .success();
        let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        assert!(
            text.contains("European Union funds EU-Twinning project with Serbia"),
            "{text}"
        );
        let s = json(&[
            "shared",
            "Swedish Migration Agency",
            "Sida",
            "--via",
            "fund",
        ]);
        let link = &s["items"][0]["actors"][0]["links"][0];
        assert_eq!(link["funder"]["id"], s["items"][0]["item"]["id"], "{s}");
    }
}

mod iati {
    //! IATI activity XML (issue 13): each real file in `../shared/iati/`
    //! imports with no error, one project per activity, every funding and
    //! implementing organisation and every recipient country linked to its
    //! activity, `show` citing the publisher and the identifier; the expected
    //! records come from the XML itself, read with roxmltree. The fixtures
    //! in `tests/fixtures/iati/` (written from the standard) hold one messy
    //! case each, with the exact warning and its place, and nothing lost.

    use crate::support::{coopgraph, inputs::missing};
    use serde_json::Value;
    use std::path::{Path, PathBuf};

    const FIXTURES: &str = "tests/fixtures/iati";

    /// The real files, or `None` (a failure under CI) when they are absent.
    fn real_files() -> Option<Vec<PathBuf>> {
        let dir = std::env::var_os("COOPGRAPH_IATI")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("../shared/iati"));
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map(|d| d.filter_map(|e| Some(e.ok()?.path())).collect())
            .unwrap_or_default();
        files.retain(|f| f.extension().is_some_and(|e| e == "xml"));
        files.sort();
        if files.is_empty() {
            missing(&format!("IATI files in {}", dir.display()), "IATI tests");
            return None;
        }
        Some(files)
    }

    /// `coopgraph import --from iati FILE…`: the dataset and stderr.
    fn import(files: &[&Path]) -> (Value, String) {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.json");
        let run = coopgraph()
            .args(["import", "--from", "iati"])
            .args(files)
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
        assert!(run.status.success(), "{stderr}");
        let v = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
        (v, stderr)
    }

    fn folded(s: &str) -> String {
        coopgraph::names::fold(s)
    }

    /// The node a name, alias or id names.
    fn node<'v>(ds: &'v Value, name: &str) -> Option<&'v Value> {
        let f = folded(name);
        ds["nodes"].as_array().unwrap().iter().find(|n| {
            folded(n["id"].as_str().unwrap()) == f
                || folded(n["name"].as_str().unwrap()) == f
                || n["aliases"]
                    .as_array()
                    .is_some_and(|a| a.iter().any(|a| folded(a["name"].as_str().unwrap()) == f))
        })
    }

    fn has_relation(ds: &Value, kind: &str, from: &str, to: &str) -> bool {
        ds["relations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["kind"] == kind && r["from"] == from && r["to"] == to)
    }

    /// The first narrative (English where there is one) of an element, or
    /// its own text (IATI 1.0x).
    fn narrative(e: roxmltree::Node) -> Option<String> {
        let ns: Vec<_> = e
            .children()
            .filter(|c| c.has_tag_name("narrative"))
            .collect();
        let en = ns.iter().find(|n| {
            n.attribute(("http://www.w3.org/XML/1998/namespace", "lang"))
                .is_some_and(|l| l.eq_ignore_ascii_case("en"))
        });
        en.or(ns.first())
            .and_then(|n| n.text())
            .or_else(|| e.text())
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
    }

    /// An organisation element's key: its `ref` when it is an identifier,
    /// else its name.
    fn org_key(e: roxmltree::Node) -> Option<String> {
        let r = e.attribute("ref").map(str::trim).unwrap_or("");
        let identifier = r.starts_with(|c: char| c.is_ascii_alphabetic())
            && !r.contains(' ')
            && !matches!(r.to_ascii_uppercase().as_str(), "N/A" | "NA" | "NONE");
        if identifier {
            Some(r.to_string())
        } else {
            narrative(e)
        }
    }

    #[test]
    fn each_real_file_imports_with_every_activity_org_and_country_linked() {
        let Some(files) = real_files() else { return };
        for file in &files {
            let (ds, stderr) = import(&[file]);
            assert!(!stderr.contains("error"), "{}: {stderr}", file.display());
            // The reader's own warnings only: what it took validates cleanly.
            let check = coopgraph()
                .arg("--data")
                .arg(file)
                .arg("validate")
                .output()
                .unwrap();
            let report = String::from_utf8_lossy(&check.stdout).into_owned()
                + &String::from_utf8_lossy(&check.stderr);
            assert!(check.status.success(), "{report}");
            for line in report.lines().filter(|l| l.contains("warning[")) {
                assert!(line.contains("warning[iati]"), "{}: {line}", file.display());
            }
            let text = std::fs::read_to_string(file).unwrap();
            let doc = roxmltree::Document::parse(&text).unwrap();
            let activities: Vec<_> = doc
                .descendants()
                .filter(|n| n.has_tag_name("iati-activity"))
                .collect();
            let projects = ds["nodes"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|n| n["kind"] == "project")
                .count();
            assert_eq!(
                projects,
                activities.len(),
                "{}: one project per activity",
                file.display()
            );
            for a in activities {
                let ident = a
                    .children()
                    .find(|c| c.has_tag_name("iati-identifier"))
                    .and_then(|c| c.text())
                    .unwrap()
                    .trim();
                let project = node(&ds, ident).unwrap_or_else(|| panic!("no project {ident}"));
                assert_eq!(project["kind"], "project", "{ident}");
                let pid = project["id"].as_str().unwrap();
                for o in a.children().filter(|c| c.has_tag_name("participating-org")) {
                    let kind = match o.attribute("role") {
                        Some("1") => "funds",
                        Some("4") => "implements",
                        _ => continue,
                    };
                    let key = org_key(o).unwrap();
                    let org = node(&ds, &key).unwrap_or_else(|| panic!("{ident}: no node {key}"));
                    let oid = org["id"].as_str().unwrap();
                    assert!(
                        has_relation(&ds, kind, oid, pid),
                        "{ident}: no {kind} {oid} -> {pid}"
                    );
                }
                for c in a.children().filter(|c| c.has_tag_name("recipient-country")) {
                    let code = c.attribute("code").unwrap();
                    let state = ds["nodes"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .find(|n| n["kind"] == "state" && n["country"] == code)
                        .unwrap_or_else(|| panic!("{ident}: no state {code}"));
                    assert!(
                        has_relation(&ds, "concerns", pid, state["id"].as_str().unwrap()),
                        "{ident}: {code} not linked"
                    );
                }
            }
        }
    }

    #[test]
    fn show_of_an_activity_cites_its_publisher_and_identifier() {
        let Some(files) = real_files() else { return };
        for file in &files {
            let text = std::fs::read_to_string(file).unwrap();
            let doc = roxmltree::Document::parse(&text).unwrap();
            let a = doc
                .descendants()
                .find(|n| n.has_tag_name("iati-activity"))
                .unwrap();
            let child = |tag: &str| a.children().find(|c| c.has_tag_name(tag)).unwrap();
            let ident = child("iati-identifier").text().unwrap().trim();
            let publisher = narrative(child("reporting-org")).unwrap();
            let out = coopgraph()
                .arg("--data")
                .arg(file)
                .args(["show", ident, "--format", "json"])
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let v: Value = serde_json::from_slice(&out.stdout).unwrap();
            let titles: Vec<&str> = v["sources"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|c| c["title"].as_str())
                .collect();
            assert!(
                titles
                    .iter()
                    .any(|t| t.contains(ident) && t.contains(&publisher)),
                "{}: {titles:?}",
                file.display()
            );
        }
    }

    #[test]
    fn the_same_files_import_to_the_same_bytes() {
        let Some(files) = real_files() else { return };
        // The files one by one, then their folder: the same records, byte
        // for byte (a folder's files are read in name order).
        let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
        let (a, _) = import(&paths);
        let folder = files[0].parent().unwrap();
        let (b, _) = import(&[folder]);
        assert_eq!(a.to_string(), b.to_string());
        assert_eq!(
            a["sources"].as_array().unwrap().len(),
            files
                .iter()
                .map(|f| std::fs::read_to_string(f)
                    .unwrap()
                    .matches("<iati-activity ")
                    .count())
                .sum::<usize>(),
            "one source per activity"
        );
    }

    /// `--data FILE summary`'s stderr (the warnings) and the imported dataset.
    fn read_fixture(name: &str) -> (Value, String) {
        let path = Path::new(FIXTURES).join(name);
        import(&[&path])
    }

    #[test]
    fn messy_records_are_read_with_a_warning_at_their_place_and_nothing_lost() {
        let (ds, stderr) = read_fixture("messy.xml");
        let at = |line: u32, col: u32, msg: &str| {
            let want = format!("tests/fixtures/iati/messy.xml:{line}:{col}: warning[iati]: {msg}");
            assert!(stderr.contains(&want), "missing `{want}` in:\n{stderr}");
        };
        let a = "activity `XX-EXAMPLE-1`: ";
        at(
            3,
            1,
            "`<iati-activities>` has no `version`: read as IATI 2.0x (the 1.0x codes are read too)",
        );
        at(
            4,
            2,
            &format!("{a}language codes `EN`, `FR` read as `en`, `fr`"),
        );
        at(4, 2, &format!("{a}default-currency `eur` read as `EUR`"));
        at(
            4,
            2,
            &format!(
                "{a}xml:lang `english` is not a language tag: its texts are kept without a language"
            ),
        );
        at(
            4,
            2,
            &format!(
                "{a}the actual end (2019-12-31) is before the start (2020-05-01): it is kept in the note, not as the project's end"
            ),
        );
        at(
            9,
            3,
            &format!(
                "{a}`ref=\"N/A\"` is not an organisation identifier; identified by its name `Example Water Trust`"
            ),
        );
        at(
            10,
            3,
            &format!("{a}`ref` is empty; identified by its name `Example Ministry of Finance`"),
        );
        at(
            11,
            3,
            &format!(
                "{a}organisation type `99` is not in the IATI codelist: read as an organisation"
            ),
        );
        at(
            11,
            3,
            &format!(
                "{a}a `participating-org` has role `7`, not in the IATI codelist: read as `cooperates_with`"
            ),
        );
        at(
            12,
            3,
            &format!("{a}activity-status `9` is not in the IATI codelist: kept in the note"),
        );
        at(
            15,
            3,
            &format!(
                "{a}activity-date type `7` is not in the IATI codelist: the date is kept in the note"
            ),
        );
        at(
            16,
            3,
            &format!(
                "{a}recipient-country code `xx` is not in the IATI country codelist: kept in the note"
            ),
        );
        at(17, 3, &format!("{a}country code `lr` read as `LR`"));
        at(
            19,
            3,
            &format!(
                "{a}the budget (original)'s period ends (2020-12-31) before it starts (2021-01-01): kept as written in the note"
            ),
        );
        at(
            20,
            3,
            &format!(
                "{a}transaction type `99` is not in the IATI codelist: the transaction is kept in the note"
            ),
        );
        at(
            21,
            3,
            &format!(
                "{a}the disbursement transactions from `xx-example` to `example-water-trust` sum to EUR -199.5: a negative amount is kept in the note only"
            ),
        );
        // Nothing lost: what no field holds is in the project's note.
        let project = node(&ds, "XX-EXAMPLE-1").unwrap();
        assert_eq!(project["start"], "2020-05-01");
        assert_eq!(
            project["description"],
            "A project that exists only in this test."
        );
        assert!(project.get("end").is_none(), "{project}");
        let note = project["note"].as_str().unwrap();
        for part in [
            "actual end 2019-12-31",
            "date 2018-01-01 (type 7)",
            "status code 9",
            "recipient country xx",
            "recipient region 298 (vocabulary 1), 100 %",
            "budget (original) 2021-01-01 to 2020-12-31: EUR 1000 (value date 2020-01-01)",
            "transaction type 99 2020-06-01 EUR 5 (value date 2020-06-01)",
        ] {
            assert!(note.contains(part), "`{part}` not in the note: {note}");
        }
        // The French title is an alias; the negative sum has no amount but
        // keeps both transactions.
        assert!(node(&ds, "Projet d'eau exemple").is_some_and(|n| n["id"] == project["id"]));
        // … keeping its language, normalised (`FR` → `fr`).
        let fr = project["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == "Projet d'eau exemple")
            .unwrap();
        assert_eq!(fr["lang"], "fr", "{project}");
        let paid = ds["relations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["kind"] == "funds" && r["to"] == "example-water-trust")
            .unwrap();
        assert!(paid.get("amount").is_none(), "{paid}");
        assert_eq!(paid["within"], project["id"]);
        let note = paid["note"].as_str().unwrap();
        assert!(
            note.contains("2020-06-01 EUR 100.5") && note.contains("2020-07-01 EUR -300"),
            "{note}"
        );
        // The organisation of unknown role still takes part.
        let observer = node(&ds, "XX-EXAMPLE-99").unwrap();
        assert!(has_relation(
            &ds,
            "cooperates_with",
            observer["id"].as_str().unwrap(),
            project["id"].as_str().unwrap()
        ));
    }

    #[test]
    fn version_1_files_read_text_codes_sums_and_parents() {
        let (ds, stderr) = read_fixture("v1.xml");
        assert!(!stderr.contains("warning"), "{stderr}");
        let project = node(&ds, "XX-OLD-1").unwrap();
        assert_eq!(project["name"], "Example school programme");
        assert_eq!(project["start_planned"], true);
        assert_eq!(project["end_planned"], true);
        let pid = project["id"].as_str().unwrap();
        let charity = node(&ds, "XX-OLD").unwrap()["id"].as_str().unwrap();
        let university = node(&ds, "Example University").unwrap()["id"]
            .as_str()
            .unwrap();
        assert!(has_relation(&ds, "funds", charity, pid));
        assert!(has_relation(&ds, "implements", university, pid));
        // Two disbursements of one year to one receiver: one relation, summed.
        let paid = ds["relations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["kind"] == "funds" && r["to"] == university)
            .unwrap();
        assert_eq!(
            paid["amount"],
            serde_json::json!({"value": 30000, "currency": "USD"})
        );
        assert_eq!(
            (paid["start"].as_str(), paid["end"].as_str()),
            (Some("2012-03-01"), Some("2012-09-01"))
        );
        // Parent and child: both directions give one `part_of`; a child the
        // file does not hold is named in the note, not made a node.
        let parent = node(&ds, "XX-OLD-0").unwrap();
        assert!(has_relation(
            &ds,
            "part_of",
            pid,
            parent["id"].as_str().unwrap()
        ));
        assert!(node(&ds, "XX-OLD-9").is_none());
        let parts = ds["relations"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["kind"] == "part_of")
            .count();
        assert_eq!(parts, 1, "parent and child of one pair is one relation");
        let note = parent["note"].as_str().unwrap();
        assert!(
            note.contains("sibling activity XX-OLD-5")
                && note.contains("child activity XX-OLD-9 (not among the activities read)"),
            "{note}"
        );
    }

    #[test]
    fn an_iati_file_merges_with_the_embedded_dataset() {
        let file = Path::new(FIXTURES).join("merge.xml");
        let run = |args: &[&str]| {
            let out = coopgraph()
                .args(["--data", "data", "--data"])
                .arg(&file)
                .args(args)
                .args(["--format", "json"])
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            serde_json::from_slice::<Value>(&out.stdout).unwrap()
        };
        let embedded = crate::support::json(&["summary"]);
        let merged = run(&["summary"]);
        // The project and the publisher are new; Serbia and the Agency are not.
        assert_eq!(
            merged["nodes"].as_u64().unwrap(),
            embedded["nodes"].as_u64().unwrap() + 2,
            "{merged}"
        );
        let shown = run(&["show", "XX-TEST-RS-1"]);
        let others: Vec<&str> = shown["relations"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|r| r["other"]["id"].as_str())
            .collect();
        assert!(
            others.contains(&"serbia") && others.contains(&"swedish-migration-agency"),
            "{others:?}"
        );
        let timeline = run(&["timeline", "Serbia"]);
        assert!(timeline.to_string().contains("xx-test-rs-1"), "{timeline}");
        // The IATI file given first merges all the same.
        let out = coopgraph()
            .arg("--data")
            .arg(&file)
            .args(["--data", "data", "summary", "--format", "json"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let first: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(first["nodes"], merged["nodes"]);
        // The same activity in a second file is read once, with a warning.
        let dir = tempfile::tempdir().unwrap();
        let again = crate::support::write(&dir, "again.xml", std::fs::read(&file).unwrap());
        let out = coopgraph()
            .args(["--data", "data", "--data"])
            .arg(&file)
            .arg("--data")
            .arg(&again)
            .args(["summary", "--format", "json"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        assert!(
            stderr.contains("activity `XX-TEST-RS-1`: this activity was read already, from a file before this one: this copy is left out"),
            "{stderr}"
        );
        let twice: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(twice["nodes"], merged["nodes"]);
    }

    #[test]
    fn xml_with_an_iati_root_is_detected_and_other_roots_are_refused() {
        use coopgraph::format::Format;
        let head = "<?xml version=\"1.0\"?>\n<!-- c -->\n<iati-activities version=\"2.03\">";
        assert_eq!(Format::recognise("sida.xml", head), Ok(Format::Iati));
        let why = Format::recognise("x.xml", "<iati-organisations/>").unwrap_err();
        assert!(why.contains("<iati-activities> (IATI)"), "{why}");
    }
}

mod language_tags {
    //! Names in any language: aliases, sources and `--lang` take BCP 47 tags,
    //! normalised; display names fall back from the tag to its primary
    //! language to the node's name; yesterday's `en`/`sv` data reads unchanged.

    use crate::support::{coopgraph, json, write};
    use serde_json::Value;

    fn dataset(alias_lang: &str) -> String {
        format!(
            r#"{{
  "sources": [{{"id": "s", "kind": "page", "title": "A page", "lang": "SV"}}],
  "nodes": [
    {{"id": "a", "kind": "agency", "name": "Commissariat",
      "aliases": [
        {{"name": "Комесаријат", "lang": "sr-cyrl"}},
        {{"name": "Komesarijat", "lang": "{alias_lang}"}},
        {{"name": "Kommissariatet", "lang": "sv"}}
      ],
      "sources": [{{"source": "s", "para": 1}}]}},
    {{"id": "b", "kind": "network", "name": "A council", "sources": [{{"source": "s", "para": 1}}]}}
  ],
  "relations": [{{"from": "a", "to": "b", "kind": "member", "sources": [{{"source": "s", "para": 1}}]}}]
}}"#
        )
    }

    fn name_in(path: &std::path::Path, lang: &str) -> String {
        let v: Value = json(&[
            "--data",
            path.to_str().unwrap(),
            "--lang",
            lang,
            "find",
            "Commissariat",
        ]);
        v[0]["name"].as_str().unwrap_or_default().to_string()
    }

    #[test]
    fn display_names_fall_back_from_tag_to_language_to_name() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(&dir, "d.json", dataset("SR-LATN"));
        assert_eq!(name_in(&p, "sr-Latn"), "Komesarijat", "the exact tag");
        assert_eq!(name_in(&p, "sr-latn"), "Komesarijat", "the tag in any case");
        assert_eq!(
            name_in(&p, "sr"),
            "Комесаријат",
            "the first alias of the primary language"
        );
        assert_eq!(
            name_in(&p, "sv-FI"),
            "Kommissariatet",
            "a regional tag falls back to its language"
        );
        assert_eq!(
            name_in(&p, "fr"),
            "Commissariat",
            "no alias in the language: the name"
        );
        assert_eq!(name_in(&p, "en"), "Commissariat");
    }

    #[test]
    fn tags_are_written_back_normalised() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(&dir, "d.json", dataset("SR-LATN"));
        let out = dir.path().join("out.json");
        let st = coopgraph()
            .args([
                "--data",
                p.to_str().unwrap(),
                "export",
                "json",
                "-o",
                out.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        assert!(
            st.status.success(),
            "{}",
            String::from_utf8_lossy(&st.stderr)
        );
        let text = std::fs::read_to_string(&out).unwrap();
        for tag in ["\"sr-Latn\"", "\"sr-Cyrl\"", "\"sv\""] {
            assert!(text.contains(tag), "{tag} missing from the export:\n{text}");
        }
        assert!(!text.contains("SR-LATN") && !text.contains("\"SV\""));
    }

    #[test]
    fn a_malformed_tag_in_the_data_is_refused_where_it_stands() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(&dir, "d.json", dataset("serbian latin"));
        let out = coopgraph()
            .args(["--data", p.to_str().unwrap(), "summary"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("d.json:7:"), "no line:column in {err}");
        assert!(
            err.contains("`serbian latin` is not a BCP 47 language tag"),
            "{err}"
        );
    }

    #[test]
    fn a_language_name_for_lang_gets_its_tag_suggested() {
        let out = coopgraph()
            .args(["--lang", "svenska", "summary"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("did you mean `sv`?"), "{err}");
    }

    #[test]
    fn the_embedded_data_names_dgmm_and_the_commissariat_in_their_own_languages() {
        let name = |lang: &str, q: &str| -> String {
            let v: Value = json(&["--lang", lang, "find", q]);
            v[0]["name"].as_str().unwrap_or_default().to_string()
        };
        assert_eq!(name("tr", "DGMM"), "Göç İdaresi Genel Müdürlüğü");
        assert_eq!(
            name("sr-Latn", "Commissariat for Refugees"),
            "Komesarijat za izbeglice i migracije Republike Srbije"
        );
        assert_eq!(
            name("sr-Cyrl", "Commissariat for Refugees"),
            "Комесаријат за избеглице и миграције Републике Србије"
        );
        // Short forms resolve, and are cited as public knowledge.
        for (short, id) in [
            ("Polisen", "swedish-police-authority"),
            ("Säpo", "swedish-security-service"),
            ("Kronofogden", "swedish-enforcement-authority"),
        ] {
            let v: Value = json(&["show", short]);
            assert_eq!(v["id"], id, "{short}");
        }
    }
}

mod iati_left_out {
    //! What the IATI reader leaves out is counted, and what it keeps is not
    //! lost: an activity repeated in one file is read once (its money is not
    //! counted twice) and counted among the rows left out; a text with an
    //! entity XML does not declare (`&eacute;`) is kept as written.

    use crate::support::coopgraph;
    use serde_json::Value;

    const FILE: &str = "tests/fixtures/iati/repeated.xml";

    #[test]
    fn an_activity_repeated_in_a_file_is_read_once_and_counted_as_left_out() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("o.json");
        let run = coopgraph()
            .args(["import", "--from", "iati", FILE, "-o"])
            .arg(&out)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&run.stderr);
        assert!(run.status.success(), "{err}");
        assert!(
            err.contains("repeated.xml:16:2: warning[left-out]: activity `XX-1`: the identifier is used again (first at line 10)"),
            "{err}"
        );
        assert!(err.contains("; 1 row left out"), "{err}");
        let d: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
        let paid: Vec<&Value> = d["relations"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["kind"] == "funds" && r["to"] == "xx-r")
            .collect();
        assert_eq!(paid.len(), 1, "{paid:?}");
        assert_eq!(
            paid[0]["amount"]["value"], 100,
            "the one transaction of 100, not 200"
        );
    }

    #[test]
    fn text_with_an_undeclared_entity_is_kept_as_written() {
        let run = coopgraph()
            .args(["--data", FILE, "find", "support", "--format", "json"])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&run.stderr);
        assert!(
            err.contains(
                "repeated.xml:6:21: warning[iati]: the text has an entity XML does not declare"
            ),
            "{err}"
        );
        let found: Value = serde_json::from_slice(&run.stdout).unwrap();
        assert_eq!(found[0]["name"], "Caf&eacute; support", "{found}");
    }
}
