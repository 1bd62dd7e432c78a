//! The terminal, for everyday questions: tables that fit the terminal's
//! width (full text with `--wide`, and byte-identical output when piped),
//! roles that read as words, `overlap --with`, `find` by prefix and
//! substring (ranked), `--format csv` on every command that prints a table,
//! whole numbers without decimals, `metrics --sort` keeping its column, and
//! `summary` listing the source ids.

mod support;

use std::process::Command;
use support::{coopgraph, json};

/// Stdout of a successful run, piped (not a terminal).
fn stdout(args: &[&str]) -> String {
    let out = coopgraph().args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

/// CSV records of `args --format csv`.
fn csv_records(args: &[&str]) -> Vec<Vec<String>> {
    let text = stdout(&[args, &["--format", "csv"]].concat());
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(false)
        .from_reader(text.as_bytes());
    r.records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect()
}

/// What `coopgraph ARGS` prints on a terminal COLUMNS wide, through
/// util-linux `script` (a pseudo-terminal); `None` (and "skipped") when no
/// terminal can be made here.
fn on_terminal(columns: usize, args: &str) -> Option<String> {
    let bin = assert_cmd::cargo::cargo_bin("coopgraph");
    let line = format!("COLUMNS={columns} '{}' {args}", bin.display());
    let out = Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .stdin(std::process::Stdio::null())
        .output();
    match out {
        Ok(o) if o.status.success() && !o.stdout.is_empty() => {
            Some(String::from_utf8(o.stdout).unwrap().replace("\r\n", "\n"))
        }
        _ => {
            support::inputs::missing(
                "a pseudo-terminal (util-linux `script`)",
                "terminal width tests",
            );
            None
        }
    }
}

/// The table lines of a text (those that start with `|`).
fn table_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().filter(|l| l.starts_with('|'))
}

#[test]
fn tables_fit_the_terminal_and_wide_gives_the_full_text() {
    let args = "show 'Swedish Migration Agency'";
    let Some(narrow) = on_terminal(60, args) else {
        return;
    };
    let long: Vec<&str> = table_lines(&narrow)
        .filter(|l| l.chars().count() > 60)
        .collect();
    assert!(long.is_empty(), "table lines wider than 60: {long:#?}");
    assert!(narrow.contains("Swedish Migration Agency"));
    // `--wide` (a global option, before or after the command) keeps every
    // cell on one line, as piped output does.
    let wide = on_terminal(60, &format!("--wide {args}")).unwrap();
    assert!(table_lines(&wide).any(|l| l.chars().count() > 60));
    let piped = stdout(&["show", "Swedish Migration Agency"]);
    assert_eq!(wide, piped);
    let wide_after = on_terminal(60, &format!("{args} --wide")).unwrap();
    assert_eq!(wide_after, piped);
}

#[test]
fn every_table_command_fits_a_narrow_terminal() {
    for args in [
        "shared 'Swedish Migration Agency' Serbia",
        "timeline Serbia --as-of 2026-01-01",
        "overlap --kind agency --top 5",
        "path 'Swedish Migration Agency' Serbia",
        "metrics --top 5",
        "find migration",
    ] {
        let Some(text) = on_terminal(80, args) else {
            return;
        };
        let long: Vec<&str> = table_lines(&text)
            .filter(|l| l.chars().count() > 80)
            .collect();
        assert!(long.is_empty(), "{args}: lines wider than 80: {long:#?}");
    }
}

#[test]
fn piped_tables_are_unwrapped_and_the_same_with_wide() {
    for args in [
        &["show", "Swedish Migration Agency"][..],
        &["timeline", "Serbia", "--as-of", "2026-01-01"],
        &["metrics", "--top", "5"],
    ] {
        let piped = stdout(args);
        assert_eq!(stdout(&[args, &["--wide"]].concat()), piped, "{args:?}");
        // A cell is never broken onto a second line when piped: every
        // table line of one table has the same width.
        assert!(table_lines(&piped).any(|l| l.chars().count() > 120));
    }
}

#[test]
fn roles_read_as_words_not_nested_parentheses() {
    let nested = |text: &str| {
        {
            text.lines().find(|l| {
                // An opening parenthesis inside another.
                let mut depth = 0i32;
                l.chars().any(|c| {
                    match c {
                        '(' => depth += 1,
                        ')' => depth -= 1,
                        _ => {}
                    }
                    depth > 1
                })
            })
        }
        .map(String::from)
    };
    for args in [
        &["timeline", "Sweden", "--as-of", "2026-01-01"][..],
        &[
            "timeline",
            "Swedish Migration Agency",
            "--as-of",
            "2026-01-01",
        ],
        &["shared", "Swedish Migration Agency", "Serbia"],
    ] {
        let text = stdout(args);
        assert_eq!(nested(&text), None, "{args:?}");
    }
    let sweden = stdout(&["timeline", "Sweden", "--as-of", "2026-01-01"]);
    assert!(
        sweden.contains("member of, as board member, through its Director-General"),
        "{sweden}"
    );
    let serbia = stdout(&["shared", "Swedish Migration Agency", "Serbia"]);
    assert!(
        serbia.contains("leads, as leading project partner"),
        "{serbia}"
    );
}

#[test]
fn overlap_with_one_actor_ranks_who_shares_most_with_it() {
    let v = json(&[
        "overlap",
        "--with",
        "Swedish Migration Agency",
        "--kind",
        "agency",
    ]);
    let pairs = v.as_array().unwrap();
    assert!(pairs.len() >= 2, "{v}");
    for p in pairs {
        assert_eq!(p["a"]["id"], "swedish-migration-agency", "{p}");
        assert_ne!(p["b"]["id"], "swedish-migration-agency");
    }
    let shared: Vec<u64> = pairs
        .iter()
        .map(|p| p["shared"].as_u64().unwrap())
        .collect();
    assert!(shared.windows(2).all(|w| w[0] >= w[1]), "{shared:?}");
    // Without --kind, the actor's own kind.
    let same = json(&["overlap", "--with", "Migrationsverket"]);
    assert_eq!(same, v);
    // The pairs are those of the whole ranking that include the actor.
    let agency = "swedish-migration-agency";
    let all = json(&["overlap", "--kind", "agency", "--top", "1000"]);
    let mut expected: Vec<(String, u64)> = all
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| {
            let other = if p["a"]["id"] == agency {
                &p["b"]["id"]
            } else if p["b"]["id"] == agency {
                &p["a"]["id"]
            } else {
                return None;
            };
            Some((other.as_str()?.to_string(), p["shared"].as_u64()?))
        })
        .collect();
    let every = json(&["overlap", "--with", agency, "--top", "1000"]);
    let mut got: Vec<(String, u64)> = every
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let b = p["b"]["id"].as_str().unwrap().to_string();
            (b, p["shared"].as_u64().unwrap())
        })
        .collect();
    assert!(got.len() > 20);
    expected.sort();
    got.sort();
    assert_eq!(got, expected);
    // --top cuts the list (20 by default).
    assert_eq!(pairs.len(), 20);
    // Neither --kind nor --with: a usage error.
    coopgraph().arg("overlap").assert().code(2);
}

#[test]
fn find_matches_prefixes_and_substrings_ranked() {
    let ids = |text: &str| -> Vec<String> {
        json(&["find", text])
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect()
    };
    // A prefix.
    assert!(ids("migr").contains(&"swedish-migration-agency".to_string()));
    // A prefix of an alias, with diacritics and case ignored.
    assert!(ids("POLIS").contains(&"swedish-police-authority".to_string()));
    assert!(ids("säkerhetspol").iter().any(|i| i.contains("security")));
    // A substring inside a word.
    assert!(ids("igration").contains(&"swedish-migration-agency".to_string()));
    // Ranked: exact, then whole word, then prefix, then substring.
    let ranks = |text: &str| -> Vec<u8> {
        let hits = json(&["find", text]);
        hits.as_array()
            .unwrap()
            .iter()
            .map(|h| match h["match"].as_str().unwrap() {
                "exact" => 0,
                "word" => 1,
                "prefix" => 2,
                "substring" => 3,
                other => panic!("unknown match {other}"),
            })
            .collect()
    };
    for (text, expected) in [("migration", [1, 3]), ("migr", [2, 3])] {
        let r = ranks(text);
        assert!(r.windows(2).all(|w| w[0] <= w[1]), "{text}: {r:?}");
        assert!(expected.iter().all(|e| r.contains(e)), "{text}: {r:?}");
    }
    let exact = json(&["find", "migrationsverket"]);
    assert_eq!(exact[0]["id"], "swedish-migration-agency");
    assert_eq!(exact[0]["match"], "exact");
}

#[test]
fn csv_on_every_command_that_prints_a_table() {
    for args in [
        &["show", "Swedish Migration Agency"][..],
        &["shared", "Swedish Migration Agency", "Serbia"],
        &["overlap", "--kind", "agency"],
        &["timeline", "Serbia", "--as-of", "2026-01-01"],
        &["path", "Swedish Migration Agency", "Serbia"],
        &["summary"],
        &["find", "migration"],
    ] {
        let records = csv_records(args);
        assert!(records.len() >= 2, "{args:?}: {records:?}");
        let width = records[0].len();
        assert!(width >= 2, "{args:?}");
        assert!(records.iter().all(|r| r.len() == width), "{args:?}");
    }
    let show = csv_records(&["show", "Swedish Migration Agency"]);
    assert_eq!(show[0][..2], ["relation", "name"]);
    assert!(
        show.iter()
            .any(|r| r[1] == "EU-Twinning project with Serbia")
    );
    let timeline = csv_records(&["timeline", "Serbia", "--as-of", "2026-01-01"]);
    assert_eq!(timeline[0][0], "dates");
    let path = csv_records(&["path", "Swedish Migration Agency", "Serbia"]);
    assert_eq!(path[0][0], "path");
    assert_eq!(path[1][0], "1");
    let summary = csv_records(&["summary"]);
    assert_eq!(summary[0], ["table", "name", "count"]);
    assert!(summary.iter().any(|r| r[0] == "source" && r[1] == "dev-en"));
}

#[test]
fn csv_neutralises_formulas_in_the_new_commands() {
    let dir = tempfile::tempdir().unwrap();
    let data = support::inputs::write(
        &dir,
        "d.json",
        r#"{"sources": [{"id": "s", "kind": "page", "title": "S"}],
            "nodes": [
              {"id": "a", "kind": "agency", "name": "=HYPERLINK(\"x\")",
               "sources": [{"source": "s"}]},
              {"id": "b", "kind": "project", "name": "B", "sources": [{"source": "s"}]}],
            "relations": [{"kind": "leads", "from": "a", "to": "b",
              "sources": [{"source": "s", "para": 1}]}]}"#,
    );
    let data = data.to_str().unwrap();
    let text = stdout(&["show", "b", "--data", data, "--format", "csv"]);
    assert!(text.contains("'=HYPERLINK"), "{text}");
    assert!(
        !text.contains(",=HYPERLINK") && !text.contains("\"=HYPERLINK"),
        "{text}"
    );
}

#[test]
fn whole_numbers_print_without_decimals() {
    let text = stdout(&["metrics", "--metric", "degree,strength", "--top", "3"]);
    let row = text
        .lines()
        .find(|l| l.starts_with("| Swedish Migration Agency"))
        .unwrap();
    let cells: Vec<&str> = row.split('|').map(str::trim).collect();
    assert_eq!(cells[3], "42", "{row}");
    assert!(!cells[4].contains('.'), "{row}");
    // Fractions keep their four decimals.
    let pr = stdout(&["metrics", "--metric", "pagerank", "--top", "1"]);
    assert!(pr.contains("0."), "{pr}");
}

#[test]
fn metrics_sort_keeps_its_column() {
    let text = stdout(&[
        "metrics", "--metric", "degree", "--sort", "pagerank", "--top", "3",
    ]);
    let header = text.lines().nth(1).unwrap();
    let cells: Vec<&str> = header.split('|').map(str::trim).collect();
    assert_eq!(
        cells[1..5],
        ["name", "kind", "degree", "pagerank"],
        "{text}"
    );
    let records = csv_records(&[
        "metrics", "--metric", "degree", "--sort", "pagerank", "--top", "3",
    ]);
    assert_eq!(records[0], ["id", "name", "kind", "degree", "pagerank"]);
    let v = json(&[
        "metrics", "--metric", "degree", "--sort", "pagerank", "--top", "3",
    ]);
    assert_eq!(v["metrics"], serde_json::json!(["degree", "pagerank"]));
    assert!(v["rows"][0]["pagerank"].is_number());
}

#[test]
fn summary_lists_the_source_ids() {
    let text = stdout(&["summary"]);
    for id in ["dev-en", "dev-sv", "crime-en"] {
        assert!(text.contains(&format!("| {id} ")), "{id}: {text}");
    }
    let v = json(&["summary"]);
    let ids: Vec<&str> = v["source_list"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), v["sources"].as_u64().unwrap() as usize);
    assert!(ids.contains(&"dev-en"));
    // The first lines are as before.
    assert!(
        text.starts_with("144 nodes, 308 relations, 6 sources\n"),
        "{text}"
    );
}
