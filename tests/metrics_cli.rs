//! `coopgraph metrics` and `communities` as users script them.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn coopgraph() -> Command {
    Command::cargo_bin("coopgraph").unwrap()
}

#[test]
fn csv_columns_are_the_documented_interface() {
    let out = coopgraph()
        .args(["metrics", "--format", "csv"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(
        text.lines().next().unwrap(),
        "id,name,kind,degree,strength,betweenness,closeness,eigenvector,pagerank,clustering,core"
    );
    assert_eq!(text.lines().count(), 1 + 144);
}

#[test]
fn csv_is_refused_where_it_means_nothing() {
    coopgraph()
        .args(["summary", "--format", "csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--format csv is for `metrics`, `communities` and `generate`",
        ));
}

#[test]
fn metrics_on_an_edge_list_rank_the_karate_brokers() {
    let out = coopgraph()
        .args([
            "metrics",
            "--data",
            "tests/reference/karate.csv",
            "--metric",
            "betweenness",
            "--top",
            "2",
            "--format",
            "json",
        ])
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["rows"][0]["name"], "0");
    assert_eq!(v["rows"][1]["name"], "33");
    assert!((v["rows"][0]["betweenness"].as_f64().unwrap() - 0.437635281).abs() < 1e-6);
    assert_eq!(v["rows"].as_array().unwrap().len(), 2);
}

#[test]
fn node_link_json_is_read_like_networkx_writes_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.json");
    std::fs::write(
        &path,
        r#"{"directed": false, "multigraph": false, "graph": {},
            "nodes": [{"id": "a"}, {"id": "b"}, {"id": "c", "kind": "agency"}, {"id": 4}],
            "links": [{"source": "a", "target": "b", "weight": 2}, {"source": "b", "target": "c"}]}"#,
    )
    .unwrap();
    let out = coopgraph()
        .args([
            "metrics",
            "--format",
            "json",
            "--metric",
            "strength,degree",
            "--graph-measures",
            "--data",
        ])
        .arg(&path)
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["nodes"], 4);
    assert_eq!(v["components"], 2);
    let b = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "b")
        .unwrap();
    assert_eq!(b["strength"], 3.0);
    let c = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "c")
        .unwrap();
    assert_eq!(c["kind"], "agency");
}

#[test]
fn default_kind_applies_to_imported_nodes() {
    let out = coopgraph()
        .args([
            "metrics",
            "--data",
            "tests/reference/florentine.csv",
            "--default-kind",
            "state",
            "--format",
            "csv",
            "--metric",
            "degree",
        ])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        text.lines()
            .skip(1)
            .all(|l| l.split(',').nth(2) == Some("state"))
    );
}

#[test]
fn bad_csv_input_is_located() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("edges.csv");
    std::fs::write(&path, "source,target,weight\na,b,1\nb,c,heavy\n").unwrap();
    coopgraph()
        .arg("validate")
        .arg("--data")
        .arg(&path)
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "edges.csv:3:3: error[schema]: weight `heavy` is not a non-negative number",
        ));
}

#[test]
fn actors_view_ties_authorities_through_shared_councils() {
    let out = coopgraph()
        .args([
            "metrics", "--view", "actors", "--kind", "agency", "--metric", "degree", "--format",
            "json",
        ])
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert!(
        v["rows"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["kind"] == "agency")
    );
    assert_eq!(v["rows"][0]["id"], "swedish-migration-agency");
}

#[test]
fn bad_parameters_are_usage_errors() {
    coopgraph()
        .args(["metrics", "--samples", "0"])
        .assert()
        .code(2);
    coopgraph()
        .args(["metrics", "--samples", "100000"])
        .assert()
        .code(2);
    coopgraph()
        .args(["communities", "--resolution", "-1"])
        .assert()
        .code(2);
    coopgraph()
        .args(["metrics", "--metric", "fame"])
        .assert()
        .code(2);
    coopgraph()
        .args(["metrics", "--ego", "Nowhere"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no node is called"));
}

#[test]
fn communities_are_reproducible_and_cover_every_node() {
    let run = || {
        coopgraph()
            .args([
                "communities",
                "--method",
                "louvain",
                "--seed",
                "7",
                "--format",
                "json",
            ])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    let (a, b) = (run(), run());
    assert_eq!(a, b);
    let v: Value = serde_json::from_slice(&a).unwrap();
    let total: u64 = v["communities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["size"].as_u64().unwrap())
        .sum();
    assert_eq!(total, 144);
    assert!(v["modularity"].as_f64().unwrap() > 0.3);
}

#[test]
fn metrics_output_is_byte_identical_across_runs() {
    let run = || {
        coopgraph()
            .args(["metrics", "--format", "json"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    assert_eq!(run(), run());
}
