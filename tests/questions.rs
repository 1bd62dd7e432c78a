//! Answers: the commands that answer analysts' questions (`summary`, `show`,
//! `find`, `shared`, `timeline`, `path`, `ego`, `overlap`), in table and JSON,
//! with global options and exit statuses, and the examples that ask the same
//! questions through the library.

mod support;

use predicates::prelude::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;
use support::{coopgraph, json};

// ==========================================================================
// Formerly tests/cli.rs (the answering commands)
//
// The `coopgraph` command as users run it: `summary`, `show` and `find` in
// table and JSON, global options on either side of the subcommand, exit
// statuses, the same bytes on every run.

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

// ==========================================================================
// Formerly tests/questions.rs
//
// The questions analysts ask (issue: shared partners, histories, paths),
// on the embedded dataset. Expected answers come from reading the pages.

fn ids(v: &Value, list: &str, field: &str) -> Vec<String> {
    v[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x[field]["id"].as_str().unwrap().to_string())
        .collect()
}

/// crime-en ¶6, ¶12, ¶14, ¶17 and ¶30 name both authorities; ¶20 (violence
/// detection) names the Migration Agency but not the police.
const SMA_AND_POLICE: [&str; 5] = [
    "joint-operations-organised-crime",
    "counter-terrorism-council",
    "nmt",
    "war-crimes-cooperation",
    "mur-initiative",
];

#[test]
fn migration_agency_and_police_share_exactly_their_councils() {
    let v = json(&[
        "shared",
        "Swedish Migration Agency",
        "Swedish Police Authority",
    ]);
    let got: BTreeSet<String> = ids(&v, "items", "item").into_iter().collect();
    let want: BTreeSet<String> = SMA_AND_POLICE.iter().map(|s| s.to_string()).collect();
    assert_eq!(got, want);
    for item in v["items"].as_array().unwrap() {
        assert_eq!(item["category"], "network");
        for actor in item["actors"].as_array().unwrap() {
            for link in actor["links"].as_array().unwrap() {
                assert!(!link["sources"].as_array().unwrap().is_empty(), "{link}");
            }
        }
    }
    let ct = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["item"]["id"] == "counter-terrorism-council")
        .unwrap();
    assert_eq!(ct["overlap"]["from_year"], 2005);
    // The same answer when asked in Swedish.
    let sv = json(&["shared", "Migrationsverket", "Polismyndigheten"]);
    assert_eq!(v, sv);
}

#[test]
fn shared_via_project_is_empty_and_says_so() {
    coopgraph()
        .args([
            "shared",
            "Migrationsverket",
            "Polismyndigheten",
            "--via",
            "project",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("nothing shared"));
}

fn entries<'a>(t: &'a Value, category: &str) -> Vec<&'a Value> {
    t["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["category"] == category)
        .collect()
}

fn assert_date_order(t: &Value) {
    let starts: Vec<&str> = t["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["start"]["earliest"].as_str())
        .collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted, "entries are not in date order");
}

#[test]
fn serbia_history_includes_its_authorities_projects_in_date_order() {
    let t = json(&["timeline", "Serbia", "--as-of", "2026-01-01"]);
    assert_date_order(&t);
    let projects: Vec<&str> = entries(&t, "project")
        .iter()
        .map(|e| e["item"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        projects,
        [
            "serbia-asylum-migration-project",
            "eu-twinning-serbia",
            "eurosur-eurodac-twinning",
            "migration-academy"
        ]
    );
    let scope: Vec<&str> = t["scope"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert!(scope.contains(&"serbian-commissariat-for-refugees-and-migration"));
    let twinning = entries(&t, "project")
        .into_iter()
        .find(|e| e["item"]["id"] == "eu-twinning-serbia")
        .unwrap();
    let funders: BTreeSet<&str> = twinning["funding"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["funder"]["id"].as_str().unwrap())
        .collect();
    assert!(
        funders.contains("european-union") && funders.contains("ipa") && funders.contains("sida"),
        "{funders:?}"
    );
    let eu = twinning["funding"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["funder"]["id"] == "european-union")
        .unwrap();
    assert_eq!(eu["amount"]["value"], 1_000_000.0);
    assert_eq!(eu["amount"]["currency"], "EUR");
    let partners: BTreeSet<&str> = twinning["partners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    for p in [
        "swedish-migration-agency",
        "ind-netherlands",
        "slovenian-ministry-of-interior",
    ] {
        assert!(partners.contains(p), "{p} missing from {partners:?}");
    }
    assert_eq!(twinning["status"], "finished");
    assert_eq!(twinning["start"]["precision"], "day");
    let academy = entries(&t, "project")
        .into_iter()
        .find(|e| e["item"]["id"] == "migration-academy")
        .unwrap();
    assert_eq!(academy["status"], "ongoing");
    assert_eq!(t, json(&["timeline", "Serbien", "--as-of", "2026-01-01"]));
}

#[test]
fn turkey_history_lists_its_projects_with_funders_and_derived_dates() {
    let t = json(&["timeline", "Turkey", "--as-of", "2026-01-01"]);
    assert_date_order(&t);
    let projects: Vec<&str> = entries(&t, "project")
        .iter()
        .map(|e| e["item"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        projects,
        [
            "turkey-bilateral-project",
            "promoting-turkish-compliance",
            "turkey-gbv-feasibility-study"
        ]
    );
    let bilateral = entries(&t, "project")[0];
    assert_eq!(bilateral["start"]["derived"], "2016-03 - 18 months");
    assert_eq!(bilateral["funding"][0]["funder"]["id"], "sida");
    assert_eq!(bilateral["partners"][0]["id"], "swedish-migration-agency");
    let coop = entries(&t, "cooperation");
    assert!(coop.iter().any(|e| e["item"]["id"] == "swedish-migration-agency" && e["start"]["value"] == "2014"));
    assert_eq!(t, json(&["timeline", "Turkiet", "--as-of", "2026-01-01"]));
}

#[test]
fn timeline_window_and_bad_window() {
    let t = json(&[
        "timeline",
        "Serbia",
        "--from",
        "2023",
        "--to",
        "2030",
        "--as-of",
        "2026-01-01",
    ]);
    let projects: Vec<&str> = entries(&t, "project")
        .iter()
        .map(|e| e["item"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(projects, ["migration-academy"]);
    coopgraph()
        .args(["timeline", "Serbia", "--from", "2022", "--to", "2020"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--from 2022 is after --to 2020"));
}

#[test]
fn a_turkish_authority_reaches_a_serbian_one_with_a_source_on_every_hop() {
    let p = json(&[
        "path",
        "DGMM",
        "Serbian Commissariat for Refugees and Migration",
    ]);
    let paths = p["paths"].as_array().unwrap();
    assert!(!paths.is_empty());
    for path in paths {
        assert_eq!(path["length"], 3);
        let hops = path["hops"].as_array().unwrap();
        assert_eq!(hops[0]["from"]["id"], "dgmm");
        assert_eq!(
            hops[2]["to"]["id"],
            "serbian-commissariat-for-refugees-and-migration"
        );
        for h in hops {
            let rels = h["relations"].as_array().unwrap();
            assert!(!rels.is_empty());
            assert!(
                rels.iter()
                    .all(|r| !r["sources"].as_array().unwrap().is_empty()),
                "{h}"
            );
        }
    }
    let sv = json(&[
        "path",
        "DGMM",
        "Serbiens Kommissariat för flyktingar och migration",
    ]);
    assert_eq!(p, sv);
}

#[test]
fn all_paths_come_shortest_first_and_respect_the_limit() {
    let p = json(&[
        "path",
        "DGMM",
        "Serbian Commissariat for Refugees and Migration",
        "--all",
        "--max-hops",
        "4",
        "--limit",
        "30",
    ]);
    let lengths: Vec<u64> = p["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["length"].as_u64().unwrap())
        .collect();
    assert!(lengths.len() > 2 && lengths.len() <= 30);
    assert!(lengths.windows(2).all(|w| w[0] <= w[1]), "{lengths:?}");
    assert!(lengths.iter().all(|&l| l <= 4));
    // Simple paths: no node twice.
    for path in p["paths"].as_array().unwrap() {
        let mut seen = BTreeSet::new();
        for h in path["hops"].as_array().unwrap() {
            assert!(seen.insert(h["from"]["id"].as_str().unwrap().to_string()));
        }
    }
    coopgraph()
        .args(["path", "Iceland", "Somalia", "--max-hops", "1"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no path"));
}

#[test]
fn ego_depth_one_is_the_direct_neighbourhood() {
    let e = json(&["ego", "GDISC", "--depth", "1"]);
    let show = json(&["show", "GDISC"]);
    let neighbours: BTreeSet<String> = ids(&show, "relations", "other").into_iter().collect();
    let nodes: BTreeSet<String> = e["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["distance"] == 1)
        .map(|n| n["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(nodes, neighbours);
    assert_eq!(e["nodes"][0]["id"], "gdisc");
    assert_eq!(e["nodes"][0]["distance"], 0);
}

#[test]
fn overlap_agrees_with_shared() {
    let pairs = json(&["overlap", "--kind", "agency", "--top", "5"]);
    let pairs = pairs.as_array().unwrap();
    assert_eq!(pairs.len(), 5);
    for p in pairs {
        let (a, b) = (
            p["a"]["id"].as_str().unwrap(),
            p["b"]["id"].as_str().unwrap(),
        );
        let s = json(&["shared", a, b]);
        assert_eq!(
            p["shared"].as_u64().unwrap() as usize,
            s["items"].as_array().unwrap().len(),
            "{a} {b}"
        );
        let j = p["jaccard"].as_f64().unwrap();
        let o = p["overlap_coefficient"].as_f64().unwrap();
        assert!(0.0 < j && j <= o && o <= 1.0);
    }
    let counts: Vec<u64> = pairs
        .iter()
        .map(|p| p["shared"].as_u64().unwrap())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]));
}

#[test]
fn bad_names_are_usage_errors() {
    coopgraph()
        .args(["timeline", "Serbja"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean Serbia"));
    coopgraph()
        .args(["shared", "Ministry of the Interior", "Migrationsverket"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ambiguous"));
    coopgraph()
        .args(["shared", "Migrationsverket"])
        .assert()
        .code(2);
}

/// The examples run on the embedded data and answer the same questions.
fn example(name: &str, args: &[&str]) -> String {
    let mut dir = std::env::current_exe().unwrap();
    dir.pop();
    if dir.ends_with("deps") {
        dir.pop();
    }
    let exe: PathBuf = dir.join("examples").join(name);
    let out = std::process::Command::new(&exe)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", exe.display()));
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn examples_answer_the_questions() {
    let text = example("serbia_turkey", &[]);
    assert!(text.contains("== Serbia") && text.contains("== Turkey"));
    assert!(
        text.contains("EU-Twinning project with Serbia")
            && text.contains("Promoting Turkish Compliance")
    );
    let text = example("shared_partners", &["Migrationsverket", "Polismyndigheten"]);
    assert!(text.starts_with("shared by Swedish Migration Agency and Swedish Police Authority: 5"));
}

mod terminal_answers {
    //! The terminal, for everyday questions: tables that fit the terminal's
    //! width (full text with `--wide`, and byte-identical output when piped),
    //! roles that read as words, `overlap --with`, `find` by prefix and
    //! substring (ranked), `--format csv` on every command that prints a table,
    //! whole numbers without decimals, `metrics --sort` keeping its column, and
    //! `summary` listing the source ids.

    use crate::support::{coopgraph, json};
    use std::process::Command;

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
                crate::support::inputs::missing(
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
        let data = crate::support::inputs::write(
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
        // The Agency's degree, a whole number, as the JSON gives it.
        let v = json(&["metrics", "--metric", "degree", "--top", "1"]);
        let degree = v["rows"][0]["degree"].as_f64().unwrap();
        assert_eq!(degree.fract(), 0.0);
        assert_eq!(cells[3], format!("{degree:.0}"), "{row}");
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
        let first = format!(
            "{} nodes, {} relations, {} sources\n",
            v["nodes"], v["relations"], v["sources"]
        );
        assert!(text.starts_with(&first), "{text}");
    }
}

mod show_planned_dates {
    //! `show` says when the pages give a node's dates as planned or expected
    //! (`start_planned`/`end_planned` in the data): `"planned": true` on the
    //! date in JSON, `(planned)` after it in the table.

    use crate::support::{coopgraph, json};
    use serde_json::Value;

    /// Every node of the data files with its planned flags: (id, start
    /// planned, end planned).
    fn planned_nodes() -> Vec<(String, bool, bool)> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir("data").unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if !name.ends_with(".json") || name == "schema.json" {
                continue;
            }
            let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            for n in v["nodes"].as_array().into_iter().flatten() {
                let flag = |k: &str| n[k].as_bool().unwrap_or(false);
                if flag("start_planned") || flag("end_planned") {
                    let id = n["id"].as_str().unwrap().to_string();
                    out.push((id, flag("start_planned"), flag("end_planned")));
                }
            }
        }
        out.sort();
        out
    }

    #[test]
    fn planned_dates_are_marked_in_json_and_table() {
        let nodes = planned_nodes();
        assert!(!nodes.is_empty(), "the data has planned dates");
        for (id, start, end) in nodes {
            let v = json(&["show", &id]);
            let planned = |k: &str| v[k]["planned"].as_bool().unwrap_or(false);
            assert_eq!(planned("start"), start, "{id} start");
            assert_eq!(planned("end"), end, "{id} end");
            let out = coopgraph().args(["show", &id]).assert().success();
            let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
            let dates = text.lines().find(|l| l.starts_with("Dates: ")).unwrap();
            let marks = dates.matches("(planned)").count();
            assert_eq!(
                marks,
                usize::from(start) + usize::from(end),
                "{id}: {dates}"
            );
        }
    }

    #[test]
    fn dates_not_planned_carry_no_mark() {
        let v = json(&["show", "Promoting Turkish Compliance"]);
        assert!(v["start"].is_object());
        assert!(v["start"].get("planned").is_none());
        let out = coopgraph()
            .args(["show", "Promoting Turkish Compliance"])
            .assert()
            .success();
        let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        assert!(!text.contains("(planned)"), "{text}");
    }
}
