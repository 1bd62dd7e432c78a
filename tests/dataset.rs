//! The embedded dataset: it validates, it is complete where the issue demands
//! it, it reports the pages' own inconsistencies, and data/schema.json is the
//! schema of the Rust types.

use coopgraph::graph::CoopGraph;
use coopgraph::load::{Dataset, EMBEDDED};
use coopgraph::model::{NodeKind, RelationKind};
use std::collections::BTreeSet;

#[test]
fn embedded_dataset_has_no_errors() {
    let ds = Dataset::embedded().unwrap();
    let errors: Vec<String> = coopgraph::validate::validate(&ds)
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn every_data_file_is_embedded() {
    let mut on_disk: Vec<String> = std::fs::read_dir("data")
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".json") && n != "schema.json")
        .map(|n| format!("data/{n}"))
        .collect();
    on_disk.sort();
    let mut embedded: Vec<String> = EMBEDDED.iter().map(|(n, _)| n.to_string()).collect();
    embedded.sort();
    assert_eq!(on_disk, embedded);
}

#[test]
fn schema_file_is_up_to_date() {
    let on_disk = std::fs::read_to_string("data/schema.json").unwrap();
    assert!(
        on_disk == coopgraph::schema_json(),
        "data/schema.json is stale: run `cargo run -- schema > data/schema.json`"
    );
}

/// Every member-count disagreement on the pages, found by reading them:
/// joint operations (nine network authorities stated, eight named) and the
/// MUR initiative (18 stated, 17 distinct named: one is named twice). The
/// violence collaboration's "four" agrees with its four collaborators (the
/// Gender Equality Agency only co-wrote the action plan).
#[test]
fn declared_member_mismatches_are_all_reported() {
    let g = CoopGraph::embedded().unwrap();
    let found: BTreeSet<(String, u32, usize)> = coopgraph::validate::member_counts(&g.data)
        .into_iter()
        .filter(|m| m.listed.len() != m.declared as usize)
        .map(|m| (g.node(m.node).id.clone(), m.declared, m.listed.len()))
        .collect();
    let expected: BTreeSet<(String, u32, usize)> = [
        ("joint-operations-organised-crime", 9, 8),
        ("mur-initiative", 18, 17),
    ]
    .into_iter()
    .map(|(a, b, c)| (a.to_string(), b, c))
    .collect();
    assert_eq!(found, expected);
    let warned: BTreeSet<String> = g
        .warnings
        .iter()
        .filter(|d| d.code == "declared-members")
        .filter_map(|d| d.subject.clone())
        .collect();
    assert_eq!(warned, expected.iter().map(|e| e.0.clone()).collect());
}

/// The counter-terrorism council: fifteen authorities stated, and fifteen
/// named (the Security Service leads, fourteen others are listed).
#[test]
fn counter_terrorism_council_lists_its_fifteen() {
    let g = CoopGraph::embedded().unwrap();
    let council = g.resolve("Counter-Terrorism Cooperation Council").unwrap();
    let members: BTreeSet<&str> = g
        .incidents(council)
        .filter(|inc| {
            matches!(
                g.relation(inc.relation).kind(),
                RelationKind::Member | RelationKind::Leads
            )
        })
        .map(|inc| g.node(inc.other).id.as_str())
        .collect();
    assert_eq!(members.len(), 15, "{members:?}");
    for id in [
        "swedish-security-service",
        "swedish-migration-agency",
        "national-defence-radio-establishment",
        "swedish-radiation-safety-authority",
        "swedish-defence-research-agency",
    ] {
        assert!(members.contains(id), "{id} missing");
    }
}

/// Swedish authorities carry their Swedish names.
#[test]
fn swedish_agencies_have_swedish_names() {
    let g = CoopGraph::embedded().unwrap();
    let missing: Vec<&str> = g
        .data
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.kind == NodeKind::Agency && n.country.as_deref() == Some("SE"))
        .filter(|(i, n)| g.display_name(*i, coopgraph::model::Lang::Sv) == n.name)
        .map(|(_, n)| n.id.as_str())
        .collect();
    // Municipal social services and the agency's unit have no single Swedish name.
    assert!(
        missing
            .iter()
            .all(|id| ["municipal-social-services"].contains(id) || id.contains("unit")),
        "{missing:?}"
    );
}

/// The English and Swedish pages differ in places; both versions are kept and
/// validation reports them (EU-FRANK's end date, the Slovenian ministry's role
/// in the twinning project, IGC's place on the international pages).
#[test]
fn language_differences_are_kept_and_reported() {
    let g = CoopGraph::embedded().unwrap();
    let subjects: BTreeSet<String> = g
        .warnings
        .iter()
        .filter(|d| d.code.starts_with("conflicting"))
        .filter_map(|d| d.subject.clone())
        .collect();
    for s in [
        "eu-frank",
        "slovenian-ministry-of-interior -> eu-twinning-serbia",
        "swedish-migration-agency -> igc",
    ] {
        assert!(subjects.contains(s), "{s} not reported; got {subjects:?}");
    }
}
