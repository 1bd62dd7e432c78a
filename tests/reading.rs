//! Reading and validating data: the embedded dataset and its schema, the
//! diagnostics `validate` gives for broken files, `--data` as the commands
//! read it, the CSV edge-list reader, name resolution, and faithfulness to the
//! seed pages.

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
        .filter(|(i, n)| g.display_name(*i, coopgraph::model::Lang::Sv) == n.name)
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
