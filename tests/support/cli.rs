//! The `coopgraph` binary, run as users run it.

use assert_cmd::Command;
use serde_json::Value;

/// The `coopgraph` binary built for these tests, with no arguments yet.
pub fn coopgraph() -> Command {
    Command::cargo_bin("coopgraph").unwrap()
}

/// [`coopgraph`] with `--quiet`: no progress or "wrote" lines on stderr.
pub fn coopgraph_quiet() -> Command {
    let mut c = coopgraph();
    c.arg("--quiet");
    c
}

/// Runs `args` with `--format json`, requires success, and returns stdout
/// parsed as one JSON document.
pub fn json(args: &[&str]) -> Value {
    let out = coopgraph()
        .args(args)
        .args(["--format", "json"])
        .assert()
        .success();
    serde_json::from_slice(&out.get_output().stdout).expect("stdout is one JSON document")
}
