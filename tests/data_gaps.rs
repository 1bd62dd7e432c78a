//! Gaps the data audit found (issue 15), and who funded whom: the Agency's part
//! in the VCT project, Talk2Connect and its collaboration with DGMM; the
//! Eastern Partnership support function's end; MPF as a contracting channel,
//! not a funder; the Common European Asylum System; one relation for "i
//! samarbete med" and "in partnership with"; `show` rolling a fund's parts'
//! funding up to it; and `shared` naming the funder in a funder row.

mod support;

use coopgraph::graph::CoopGraph;
use coopgraph::model::RelationKind;
use serde_json::Value;
use support::{coopgraph, json};

fn relations(v: &Value) -> &Vec<Value> {
    v["relations"].as_array().expect("relations")
}

#[test]
fn the_agency_and_dgmm_share_something() {
    let s = json(&["shared", "Swedish Migration Agency", "DGMM"]);
    let items = s["items"].as_array().unwrap();
    assert!(!items.is_empty(), "nothing shared: {s}");
    assert!(
        items
            .iter()
            .any(|i| i["item"]["id"] == "promoting-turkish-compliance"),
        "the Promoting Turkish Compliance project is not shared: {s}"
    );
}

#[test]
fn the_agency_timeline_includes_vct_and_talk2connect() {
    let t = json(&["timeline", "Swedish Migration Agency"]);
    let ids: Vec<&str> = t["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["item"]["id"].as_str())
        .collect();
    for id in ["vct-project", "talk2connect"] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
}

#[test]
fn the_agency_is_said_to_be_the_swedish_actor_that_leads() {
    let g = CoopGraph::embedded().unwrap();
    for project in ["vct-project", "talk2connect"] {
        let lead = g
            .data
            .relations()
            .find(|r| {
                r.kind() == RelationKind::Leads
                    && r.from() == "swedish-migration-agency"
                    && r.to() == project
            })
            .unwrap_or_else(|| panic!("no Agency lead of {project}"));
        assert!(
            lead.note().is_some_and(|n| n.contains("Sweden")),
            "{project}: the note must say the Agency is the Swedish actor"
        );
    }
}

#[test]
fn the_turkish_bilateral_project_benefits_dgmm() {
    let v = json(&["show", "turkey-bilateral-project"]);
    assert!(
        relations(&v)
            .iter()
            .any(|r| r["kind"] == "beneficiary" && r["other"]["id"] == "dgmm"),
        "{v}"
    );
}

#[test]
fn the_eastern_partnership_support_function_ends_in_august_2016() {
    let v = json(&["show", "eap-support-function"]);
    assert_eq!(v["end"]["value"], "2016-08", "{v}");
}

#[test]
fn mpf_is_a_contracting_channel_not_a_funder() {
    let v = json(&["show", "MPF"]);
    assert!(
        !relations(&v)
            .iter()
            .any(|r| r["kind"] == "funds" && r["side"] == "out"),
        "MPF still funds something: {v}"
    );
    let academy = json(&["show", "migration-academy"]);
    assert!(
        relations(&academy)
            .iter()
            .any(|r| r["kind"] == "contracts" && r["within"]["id"] == "mpf"),
        "the academy's contract does not name the MPF: {academy}"
    );
}

#[test]
fn the_common_european_asylum_system_is_recorded() {
    let v = json(&["show", "Common European Asylum System"]);
    assert_eq!(v["start"]["value"], "2013", "{v}");
    assert!(
        relations(&v).iter().any(|r| r["other"]["id"] == "euaa"),
        "EASO's part in the system is missing: {v}"
    );
}

#[test]
fn partnership_and_samarbete_are_one_relation() {
    let g = CoopGraph::embedded().unwrap();
    for country in ["poland", "spain", "czech-republic", "germany"] {
        let rels: Vec<_> = g
            .data
            .relations()
            .filter(|r| r.from() == country && r.to() == "vct-project")
            .collect();
        assert_eq!(rels.len(), 1, "{country}: {} relations", rels.len());
        let cited: Vec<_> = rels[0]
            .sources()
            .iter()
            .map(|c| c.source.to_string())
            .collect();
        assert!(
            cited.contains(&"dev-en".to_string()) && cited.contains(&"dev-sv".to_string()),
            "{country}: {cited:?}"
        );
    }
    assert!(
        !g.warnings.iter().any(|d| d
            .subject
            .as_deref()
            .is_some_and(|s| s.ends_with("-> vct-project"))),
        "a VCT partner is still reported as a conflict"
    );
}

#[test]
fn show_amif_includes_its_parts_funding_marked_as_rolled_up() {
    let v = json(&["show", "AMIF"]);
    let rolled: Vec<&Value> = relations(&v)
        .iter()
        .filter(|r| r["kind"] == "funds" && r["other"]["id"] == "mavrri")
        .collect();
    assert_eq!(rolled.len(), 1, "{v}");
    assert_eq!(rolled[0]["via_part"]["id"], "amif-netherlands");
    // The fund's own funding is not marked.
    assert!(relations(&v).iter().any(|r| r["kind"] == "funds"
        && r["other"]["id"] == "eu-frank"
        && r["via_part"].is_null()));
    let out = coopgraph().args(["show", "AMIF"]).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        text.contains("through its part Dutch Asylum, Migration and Integration Fund"),
        "{text}"
    );
}

#[test]
fn shared_funder_rows_name_the_funder() {
    let out = coopgraph()
        .args([
            "shared",
            "Swedish Migration Agency",
            "Sida",
            "--via",
            "fund",
        ])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        text.contains("European Union funds EU-Twinning project with Serbia"),
        "{text}"
    );
    let s = json(&[
        "shared",
        "Swedish Migration Agency",
        "Sida",
        "--via",
        "fund",
    ]);
    let link = &s["items"][0]["actors"][0]["links"][0];
    assert_eq!(link["funder"]["id"], s["items"][0]["item"]["id"], "{s}");
}
