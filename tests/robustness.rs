//! Regressions for inputs an independent review used to break the tool:
//! long chains, absurd limits, arrays for objects, duplicate actors, names
//! without letters, month offsets on year dates.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::fmt::Write;

fn coopgraph() -> Command {
    Command::cargo_bin("coopgraph").unwrap()
}

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn a_path_along_a_long_chain_does_not_overflow_the_stack() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("source,target\n");
    for i in 0..20_000 {
        writeln!(csv, "n{i},n{}", i + 1).unwrap();
    }
    let p = write(&dir, "chain.csv", &csv);
    let out = coopgraph()
        .args([
            "path",
            "n0",
            "n20000",
            "--max-hops",
            "1000000",
            "--format",
            "json",
            "--data",
        ])
        .arg(&p)
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["paths"][0]["length"], 20_000);
}

#[test]
fn all_paths_with_a_huge_hop_limit_finish_and_truncation_is_exact() {
    let dir = tempfile::tempdir().unwrap();
    // Exactly two paths from a to d: a-b-d and a-c-d.
    let p = write(&dir, "square.csv", "source,target\na,b\nb,d\na,c\nc,d\n");
    let run = |limit: &str| -> Value {
        let out = coopgraph()
            .args([
                "path",
                "a",
                "d",
                "--all",
                "--max-hops",
                "1000000000",
                "--limit",
                limit,
                "--format",
                "json",
                "--data",
            ])
            .arg(&p)
            .timeout(std::time::Duration::from_secs(20))
            .assert()
            .success();
        serde_json::from_slice(&out.get_output().stdout).unwrap()
    };
    let two = run("2");
    assert_eq!(two["paths"].as_array().unwrap().len(), 2);
    assert_eq!(two["truncated"], false);
    let one = run("1");
    assert_eq!(one["paths"].as_array().unwrap().len(), 1);
    assert_eq!(one["truncated"], true);
}

#[test]
fn arrays_are_not_datasets() {
    let dir = tempfile::tempdir().unwrap();
    for text in ["[]", "[null,[],[],[]]", "null"] {
        let p = write(&dir, "a.json", text);
        coopgraph()
            .arg("validate")
            .arg("--data")
            .arg(&p)
            .assert()
            .code(2)
            .stdout(predicate::str::contains("must be a JSON object"));
    }
    let p = write(&dir, "b.json", r#"{"nodes": [["x", "state", "X"]]}"#);
    coopgraph()
        .arg("validate")
        .arg("--data")
        .arg(&p)
        .assert()
        .code(2)
        .stdout(predicate::str::contains("expected a JSON object"));
}

#[test]
fn shared_refuses_repeated_or_nested_actors() {
    coopgraph()
        .args(["shared", "Sweden", "Serbia", "Sverige"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("only once"));
    coopgraph()
        .args(["shared", "Sweden", "Migrationsverket"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "Swedish Migration Agency is part of Sweden",
        ));
}

#[test]
fn overlap_pairs_actors_only() {
    coopgraph()
        .args(["overlap", "--kind", "project"])
        .assert()
        .code(2);
    coopgraph()
        .args(["overlap", "--kind", "state", "--top", "0"])
        .assert()
        .code(2);
}

#[test]
fn names_need_letters_and_year_dates_whole_years() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        &dir,
        "d.json",
        r#"{"sources": [{"id": "s", "kind": "page", "title": "t"}],
            "nodes": [{"id": "x", "kind": "network", "name": "!!!", "start": "2020 - 1 month", "sources": [{"source": "s"}]}]}"#,
    );
    coopgraph()
        .arg("validate")
        .arg("--data")
        .arg(&p)
        .assert()
        .code(2)
        .stdout(predicate::str::contains("error[empty-name]"))
        .stdout(predicate::str::contains("shift it by whole years"));
}

#[test]
fn derived_dates_keep_their_written_form_in_answers() {
    let out = coopgraph()
        .args([
            "timeline",
            "Turkey",
            "--as-of",
            "2026-01-01",
            "--format",
            "json",
        ])
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let bilateral = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["item"]["id"] == "turkey-bilateral-project")
        .unwrap();
    assert_eq!(bilateral["start"]["text"], "2016-03 - 18 months");
    assert_eq!(bilateral["start"]["value"], "2014-09");
}
