//! The `coopgraph` command as users run it: each command in table and JSON,
//! global options on either side of the subcommand, exit statuses.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::collections::BTreeSet;

fn coopgraph() -> Command {
    Command::cargo_bin("coopgraph").unwrap()
}

fn json(args: &[&str]) -> Value {
    let out = coopgraph()
        .args(args)
        .arg("--format")
        .arg("json")
        .assert()
        .success();
    serde_json::from_slice(&out.get_output().stdout).expect("stdout is one JSON document")
}

#[test]
fn summary_table_and_json_agree() {
    let v = json(&["summary"]);
    let nodes = v["nodes"].as_u64().unwrap();
    let kinds: u64 = v["node_kinds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["count"].as_u64().unwrap())
        .sum();
    assert_eq!(nodes, kinds);
    let rels: u64 = v["relation_kinds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["count"].as_u64().unwrap())
        .sum();
    assert_eq!(v["relations"].as_u64().unwrap(), rels);
    assert_eq!(v["mismatches"].as_array().unwrap().len(), 2);
    coopgraph()
        .arg("summary")
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("{nodes} nodes")))
        .stdout(predicate::str::contains("| node kind"))
        .stdout(predicate::str::contains("stated member counts that differ"));
}

#[test]
fn global_options_go_before_or_after_the_subcommand() {
    let a = coopgraph()
        .args(["--format", "json", "summary"])
        .assert()
        .success();
    let b = coopgraph()
        .args(["summary", "--format", "json"])
        .assert()
        .success();
    assert_eq!(a.get_output().stdout, b.get_output().stdout);
}

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
fn unknown_subcommand_or_option_is_exit_2() {
    coopgraph().arg("sumary").assert().code(2);
    coopgraph()
        .args(["summary", "--formta", "json"])
        .assert()
        .code(2);
    coopgraph()
        .args(["summary", "--format", "xml"])
        .assert()
        .code(2);
}

/// The projects, networks, councils and organisations the pages connect the
/// Swedish Migration Agency to, listed by reading the pages (not the data).
const SMA_CONNECTIONS: &[&str] = &[
    // development cooperation (dev-en/dev-sv)
    "somalia-av",
    "migration-academy",
    "mavrri",
    "eu-twinning-serbia",
    "eurosur-eurodac-twinning",
    "visa-training-programme",
    "turkey-gbv-feasibility-study",
    "errin-sra",
    "eu-frank",
    "promoting-turkish-compliance",
    "eurlo",
    "kosovo-migration-asylum-project",
    "erin",
    "serbia-asylum-migration-project",
    "eap-support-function",
    "turkey-bilateral-project",
    "pp7",
    // international cooperation (intl-en/intl-sv)
    "unhcr",
    "iom",
    "icmpd",
    "igc",
    "gdisc",
    "nordic-aliens-committee",
    "euaa",
    // collaboration against crime (crime-en)
    "joint-operations-organised-crime",
    "counter-terrorism-council",
    "nmt",
    "war-crimes-cooperation",
    "violence-detection-collaboration",
    "mur-initiative",
];

#[test]
fn show_migrationsverket_lists_every_connection_with_sources() {
    let v = json(&["show", "Migrationsverket"]);
    assert_eq!(v["id"], "swedish-migration-agency");
    let rels = v["relations"].as_array().unwrap();
    let shown: BTreeSet<&str> = rels
        .iter()
        .map(|r| r["other"]["id"].as_str().unwrap())
        .collect();
    let missing: Vec<_> = SMA_CONNECTIONS
        .iter()
        .filter(|id| !shown.contains(**id))
        .collect();
    assert!(missing.is_empty(), "missing: {missing:?}");
    for r in rels {
        assert!(!r["sources"].as_array().unwrap().is_empty(), "{r}");
        assert!(
            r["sources"][0]["title"]
                .as_str()
                .is_some_and(|t| !t.is_empty())
                || r["sources"][0]["source"] == "public-knowledge"
        );
    }
    let table = coopgraph()
        .args(["show", "migrationsverket"])
        .assert()
        .success();
    let text = String::from_utf8(table.get_output().stdout.clone()).unwrap();
    assert!(text.starts_with("Swedish Migration Agency (agency, id swedish-migration-agency)"));
    assert!(text.contains("Counter-Terrorism Cooperation Council"));
    assert!(text.contains("crime-en ¶11"));
}

#[test]
fn show_in_swedish_uses_swedish_names() {
    let v = json(&["show", "Swedish Police Authority", "--lang", "sv"]);
    assert_eq!(v["name"], "Polismyndigheten");
    assert_eq!(v["name_en"], "Swedish Police Authority");
    coopgraph()
        .args(["--lang", "sv", "show", "Polismyndigheten"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Migrationsverket"));
}

#[test]
fn show_a_fund_lists_what_it_funds_and_a_network_its_members() {
    let fund = json(&["show", "IPA"]);
    let funded: BTreeSet<&str> = fund["relations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["side"] == "out" && r["kind"] == "funds")
        .map(|r| r["other"]["id"].as_str().unwrap())
        .collect();
    for p in [
        "eu-twinning-serbia",
        "eurosur-eurodac-twinning",
        "kosovo-migration-asylum-project",
        "serbia-asylum-migration-project",
    ] {
        assert!(funded.contains(p), "{p} not among {funded:?}");
    }
    coopgraph()
        .args(["show", "GDISC"])
        .assert()
        .success()
        .stdout(predicate::str::contains("members ("))
        .stdout(predicate::str::contains("Kosovo"))
        .stdout(predicate::str::contains("observer"));
}

#[test]
fn show_unknown_name_suggests_and_exits_2() {
    coopgraph()
        .args(["show", "Migrationsverkt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "did you mean Swedish Migration Agency",
        ));
    coopgraph()
        .args(["show", "Ministry of the Interior"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ambiguous"))
        .stderr(predicate::str::contains("serbian-ministry-of-interior"));
}

#[test]
fn find_matches_names_and_aliases() {
    let v = json(&["find", "police"]);
    let ids: BTreeSet<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains("swedish-police-authority"));
    coopgraph()
        .args(["find", "polismyndigheten"])
        .assert()
        .success()
        .stdout(predicate::str::contains("swedish-police-authority"));
    coopgraph()
        .args(["find", "zzzz"])
        .assert()
        .success()
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("no node"));
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

#[test]
fn output_is_deterministic() {
    for args in [
        &["summary", "--format", "json"][..],
        &["show", "Migrationsverket"],
        &["validate"],
    ] {
        let a = coopgraph()
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let b = coopgraph()
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        assert_eq!(a, b, "{args:?}");
    }
}
