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

// ---------------------------------------------------------- hostile names

#[path = "support/hostile.rs"]
mod hostile;

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

fn fixture() -> Value {
    serde_json::from_str(&std::fs::read_to_string(hostile::FIXTURE).unwrap()).unwrap()
}

fn all_strings(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::String(s) => {
            out.insert(s.clone());
        }
        Value::Array(a) => a.iter().for_each(|x| all_strings(x, out)),
        Value::Object(m) => m.values().for_each(|x| all_strings(x, out)),
        _ => {}
    }
}

/// Every `{"id", "name"}` object in `v`.
fn named(v: &Value, out: &mut Vec<(String, String)>) {
    match v {
        Value::Array(a) => a.iter().for_each(|x| named(x, out)),
        Value::Object(m) => {
            if let (Some(Value::String(id)), Some(Value::String(name))) =
                (m.get("id"), m.get("name"))
            {
                out.push((id.clone(), name.clone()));
            }
            m.values().for_each(|x| named(x, out));
        }
        _ => {}
    }
}

fn run_on_fixture(args: &[&str]) -> Vec<u8> {
    let out = coopgraph()
        .args(args)
        .args(["--data", hostile::FIXTURE])
        .assert()
        .success();
    out.get_output().stdout.clone()
}

/// Every command with a node or pair argument, on the fixture.
fn commands(format: &str) -> Vec<Vec<String>> {
    let mut cmds: Vec<Vec<&str>> = vec![
        vec!["summary"],
        vec!["validate"],
        vec!["find", "hostile"],
        vec!["path", "hostile-org", "hostile-state", "--all"],
        vec!["shared", "hostile-agency", "hostile-org"],
        vec!["overlap", "--kind", "agency"],
        vec!["timeline", "hostile-state", "--as-of", "2026-01-01"],
        vec!["metrics"],
        vec!["communities"],
    ];
    for id in hostile::NODE_IDS {
        cmds.push(vec!["show", id]);
        cmds.push(vec!["ego", id, "--depth", "3"]);
    }
    cmds.into_iter()
        .map(|c| {
            let mut c: Vec<String> = c.into_iter().map(String::from).collect();
            c.extend(["--format".to_string(), format.to_string()]);
            c
        })
        .collect()
}

#[test]
fn the_fixture_holds_every_hostile_string_and_validates() {
    let mut found = BTreeSet::new();
    all_strings(&fixture(), &mut found);
    for (what, s) in hostile::STRINGS {
        assert!(found.contains(*s), "the fixture has no {what} string {s:?}");
    }
    let out = run_on_fixture(&["validate"]);
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "0 error(s), 0 warning(s)\n"
    );
}

#[test]
fn json_output_round_trips_every_string_exactly() {
    let fx = fixture();
    let names: BTreeMap<String, String> = fx["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["id"].as_str().unwrap().into(),
                n["name"].as_str().unwrap().into(),
            )
        })
        .collect();
    let mut seen = BTreeSet::new();
    for cmd in commands("json") {
        if cmd[0] == "summary" || cmd[0] == "validate" {
            continue;
        }
        let args: Vec<&str> = cmd.iter().map(String::as_str).collect();
        let v: Value = serde_json::from_slice(&run_on_fixture(&args))
            .unwrap_or_else(|e| panic!("{cmd:?} wrote invalid JSON: {e}"));
        let mut pairs = Vec::new();
        named(&v, &mut pairs);
        for (id, name) in pairs {
            if let Some(want) = names.get(&id) {
                assert_eq!(&name, want, "{cmd:?}: the name of {id} changed");
            }
        }
        all_strings(&v, &mut seen);
    }
    // Roles, notes, places, descriptions, aliases and titles come out too.
    for (what, s) in hostile::STRINGS {
        assert!(
            seen.contains(*s),
            "no JSON output holds the {what} string {s:?}"
        );
    }
}

#[test]
fn csv_output_parses_back_to_the_exact_names() {
    let fx = fixture();
    let want: BTreeSet<(String, String)> = fx["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["id"].as_str().unwrap().into(),
                n["name"].as_str().unwrap().into(),
            )
        })
        .collect();
    for cmd in [
        ["metrics", "--format", "csv"],
        ["communities", "--format", "csv"],
    ] {
        let out = run_on_fixture(&cmd);
        let mut r = csv::Reader::from_reader(out.as_slice());
        let header = r.headers().unwrap().clone();
        assert_eq!(&header[0], "id");
        assert_eq!(&header[1], "name");
        let got: BTreeSet<(String, String)> = r
            .records()
            .map(|rec| {
                let rec = rec.unwrap();
                assert_eq!(rec.len(), header.len(), "{cmd:?}: a name split a row");
                (rec[0].to_string(), rec[1].to_string())
            })
            .collect();
        assert_eq!(got, want, "{cmd:?}");
    }
}

/// Characters that must never reach a terminal raw: controls other than the
/// line break, and bidirectional formatting characters.
fn unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[test]
fn table_output_shows_control_and_bidi_characters_escaped() {
    let mut all = String::new();
    for cmd in commands("table") {
        let args: Vec<&str> = cmd.iter().map(String::as_str).collect();
        let out = String::from_utf8(run_on_fixture(&args)).unwrap();
        if let Some(c) = out.chars().find(|&c| unsafe_char(c)) {
            panic!("{cmd:?} printed a raw U+{:04X}:\n{out}", c as u32);
        }
        // Every row of a Markdown table has as many cell separators as its
        // header: no name breaks a row apart or adds a column.
        let mut cols = None;
        for line in out.lines() {
            if !line.starts_with('|') {
                cols = None;
                continue;
            }
            let seps = line.replace("\\|", "").matches('|').count();
            match cols {
                None => cols = Some(seps),
                Some(n) => assert_eq!(seps, n, "{cmd:?}: a row of another width:\n{line}"),
            }
        }
        all.push_str(&out);
    }
    // The characters are shown, not dropped; the rest of the text is kept.
    for shown in [
        "\\u{1b}[31m",
        "\\u{7}",
        "\\u{0}",
        "\\u{85}",
        "\\u{202e}مصلحة",
        "Line one\\u{a}line two\\u{d}\\u{a}line three",
        "<script>alert(1)</script>",
        "👩‍👩‍👧",
        "Pipe \\| in \\| name",
    ] {
        assert!(all.contains(shown), "table output lacks {shown:?}");
    }
}

#[test]
fn error_messages_escape_what_the_user_or_the_data_wrote() {
    coopgraph()
        .args(["show", "x\u{1b}[2Jy\u{202e}", "--data", hostile::FIXTURE])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("x\\u{1b}[2Jy\\u{202e}"))
        .stderr(predicate::function(|s: &str| !s.chars().any(unsafe_char)));
}

// ------------------------------------------------------- foreign identifiers

#[test]
fn names_in_other_scripts_keep_their_own_nodes_across_an_edge_and_a_node_list() {
    // Ids were "node", "node-2"… in order of appearance, so a node list in
    // another order than the edge list gave Beijing's edges to Shanghai.
    let dir = tempfile::tempdir().unwrap();
    let edges = write(
        dir.path(),
        "edges.csv",
        "source,target\n北京,上海\n北京,東京\n北京,大阪\n".as_bytes(),
    );
    let nodes = write(
        dir.path(),
        "nodes.csv",
        "id,name,kind\n上海,Shanghai,state\n北京,Beijing,agency\n東京,Tokyo,state\n大阪,Osaka,state\n".as_bytes(),
    );
    let out = coopgraph()
        .args(["metrics", "--metric", "degree", "--format", "csv", "--data"])
        .arg(&edges)
        .arg("--data")
        .arg(&nodes)
        .assert()
        .success();
    let mut r = csv::Reader::from_reader(out.get_output().stdout.as_slice());
    let degree: BTreeMap<String, (String, String)> = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap();
            (rec[1].to_string(), (rec[2].to_string(), rec[3].to_string()))
        })
        .collect();
    assert_eq!(degree["Beijing"], ("agency".to_string(), "3".to_string()));
    for city in ["Shanghai", "Tokyo", "Osaka"] {
        assert_eq!(
            degree[city],
            ("state".to_string(), "1".to_string()),
            "{city}"
        );
    }
}

#[test]
fn diagnostics_about_hostile_names_are_escaped_on_stdout_and_stderr() {
    let broken = "tests/fixtures/hostile/hostile-broken.json";
    let out = coopgraph()
        .args(["validate", "--data", broken])
        .assert()
        .code(2);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(!stdout.chars().any(unsafe_char), "{stdout}");
    assert!(stdout.contains("error[alias-conflict]") && stdout.contains("escape\\u{1b}[31m"));
    let out = coopgraph()
        .args(["summary", "--data", broken])
        .assert()
        .code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(!stderr.chars().any(unsafe_char), "{stderr}");
    assert!(stderr.contains("error[alias-conflict]") && stderr.contains("escape\\u{1b}[31m"));
    // JSON keeps the exact text.
    let out = coopgraph()
        .args(["validate", "--format", "json", "--data", broken])
        .assert()
        .code(2);
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let msg = v["diagnostics"][0]["message"].as_str().unwrap();
    assert!(msg.contains("escape\u{1b}[31m red"), "{msg}");
}
