//! One broken fixture per error class: each must be rejected with the right
//! class, message and location; the valid fixture must report exactly the
//! warnings it was built to trigger.

use coopgraph::diagnostic::{Diagnostic, Severity};
use coopgraph::load::Dataset;
use coopgraph::{Error, validate::validate};

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
