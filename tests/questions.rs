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
