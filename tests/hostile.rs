//! Hostile input and hostile names: files too large, in the wrong encoding
//! or nested absurdly deep are refused with a message naming the file, and
//! names full of quotes, markup, control characters and right-to-left text
//! come out of every output format intact and escaped.
//!
//! [`hostile_strings`] lists the strings the fixture
//! `tests/fixtures/hostile/hostile.json` is built from; tests of further
//! output formats (DOT, SVG, HTML, GraphML, GEXF) reuse it.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn coopgraph() -> Command {
    Command::cargo_bin("coopgraph").unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

// ---------------------------------------------------------------- limits

#[test]
fn a_file_over_the_size_limit_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "big.csv",
        "source,target\na,b\n".repeat(100).as_bytes(),
    );
    coopgraph()
        .args(["summary", "--max-input-size", "1K", "--data"])
        .arg(&p)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "big.csv is larger than the input size limit of 1024 bytes",
        ))
        .stderr(predicate::str::contains("--max-input-size"));
    // The same file under a limit it fits is read.
    coopgraph()
        .args(["summary", "--max-input-size", "2K", "--data"])
        .arg(&p)
        .assert()
        .success();
}

#[cfg(unix)]
#[test]
fn an_endless_device_is_cut_off_at_the_limit() {
    coopgraph()
        .args(["summary", "--max-input-size", "64K", "--data", "/dev/zero"])
        .timeout(std::time::Duration::from_secs(30))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "/dev/zero is larger than the input size limit",
        ));
}

#[test]
fn a_bad_size_is_a_usage_error() {
    coopgraph()
        .args(["summary", "--max-input-size", "lots"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a size"));
}

#[test]
fn a_latin1_spreadsheet_export_is_refused_at_its_first_bad_byte() {
    let dir = tempfile::tempdir().unwrap();
    // "Malmö" in Windows-1252, as Excel's plain "CSV" writes it.
    let p = write(
        dir.path(),
        "edges.csv",
        b"source,target\nStockholm,Malm\xf6\n",
    );
    coopgraph()
        .args(["validate", "--data"])
        .arg(&p)
        .assert()
        .code(2)
        .stdout(predicate::str::contains("edges.csv:2:15: error[encoding]"))
        .stdout(predicate::str::contains("byte 0xF6"))
        .stdout(predicate::str::contains("CSV UTF-8"));
}

#[test]
fn a_json_file_with_a_byte_order_mark_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("tests/fixtures/ok/small.json").unwrap();
    let p = write(dir.path(), "bom.json", format!("\u{feff}{text}").as_bytes());
    coopgraph()
        .args(["validate", "--data"])
        .arg(&p)
        .assert()
        .success();
}

#[test]
fn deeply_nested_json_is_an_error_not_a_stack_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let deep =
        |open: &str, close: &str| format!("{}{}", open.repeat(200_000), close.repeat(200_000));
    let cases = [
        format!("{{\"nodes\": [{}]}}", deep("[", "]")),
        format!("{{\"nodes\": [{{\"id\": {}}}]}}", deep("[", "]")),
        format!(
            "{{\"links\": [], \"nodes\": [{{\"id\": {}}}]}}",
            deep("{\"a\":", "}")
        ),
        deep("[", "]"),
    ];
    for (i, text) in cases.iter().enumerate() {
        let p = write(dir.path(), &format!("deep{i}.json"), text.as_bytes());
        coopgraph()
            .args(["validate", "--data"])
            .arg(&p)
            .assert()
            .code(2)
            .stdout(predicate::str::contains(format!("deep{i}.json:1:")));
    }
}
