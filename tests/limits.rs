//! Numbers, dates and limits: values at or past the edges of what coopgraph
//! can hold are refused by name or bounded and said to be — a path limit of
//! 2^64−1 and the cap on the paths kept, edge weights outside their range in
//! every reader, dataset sizes `generate` cannot make, years outside
//! 1000–9999, paragraph 0, negative amounts and malformed currencies, and
//! the same file given twice to `--data`.

mod support;

use serde_json::{Value, json};
use support::{coopgraph, write};

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
