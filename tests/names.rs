//! Name resolution on the embedded dataset: Swedish, English, acronyms, case,
//! diacritics, ambiguity and "did you mean".

use coopgraph::graph::CoopGraph;
use coopgraph::names::ResolveError;

fn id_of(g: &CoopGraph, name: &str) -> String {
    match g.resolve(name) {
        Ok(i) => g.node(i).id.clone(),
        Err(e) => panic!("{name}: {e}"),
    }
}

#[test]
fn swedish_english_id_case_and_diacritics_reach_the_same_node() {
    let g = CoopGraph::embedded().unwrap();
    for name in [
        "Migrationsverket",
        "migrationsverket",
        "MIGRATIONSVERKET",
        "Swedish Migration Agency",
        "swedish migration agency",
        "swedish-migration-agency",
    ] {
        assert_eq!(id_of(&g, name), "swedish-migration-agency", "{name}");
    }
    assert_eq!(id_of(&g, "Polismyndigheten"), "swedish-police-authority");
    assert_eq!(
        id_of(&g, "Swedish Police Authority"),
        "swedish-police-authority"
    );
    assert_eq!(id_of(&g, "Säkerhetspolisen"), "swedish-security-service");
    assert_eq!(id_of(&g, "sakerhetspolisen"), "swedish-security-service");
    assert_eq!(
        id_of(&g, "Försäkringskassan"),
        "swedish-social-insurance-agency"
    );
    assert_eq!(
        id_of(&g, "forsakringskassan"),
        "swedish-social-insurance-agency"
    );
    assert_eq!(id_of(&g, "Österrike"), "austria");
    assert_eq!(id_of(&g, "osterrike"), "austria");
    assert_eq!(id_of(&g, "Turkiet"), "turkey");
    assert_eq!(id_of(&g, "Serbien"), "serbia");
    assert_eq!(id_of(&g, "Söderköping Process"), "soderkoping-process");
}

#[test]
fn acronyms_and_former_names_resolve() {
    let g = CoopGraph::embedded().unwrap();
    assert_eq!(id_of(&g, "GDISC"), "gdisc");
    assert_eq!(id_of(&g, "dgmm"), "dgmm");
    assert_eq!(id_of(&g, "UNHCR"), "unhcr");
    assert_eq!(id_of(&g, "EASO"), "euaa");
    assert_eq!(id_of(&g, "EUAA"), "euaa");
    assert_eq!(id_of(&g, "Republic of Macedonia"), "north-macedonia");
    assert_eq!(id_of(&g, "Nordmakedonien"), "north-macedonia");
    assert_eq!(id_of(&g, "AMIF"), "amif");
    assert_eq!(id_of(&g, "T2C"), "talk2connect");
}

#[test]
fn ambiguous_names_list_the_candidates() {
    let g = CoopGraph::embedded().unwrap();
    match g.resolve("Ministry of the Interior") {
        Err(ResolveError::Ambiguous { candidates, .. }) => {
            let ids: Vec<_> = candidates.iter().map(|c| c.id.as_str()).collect();
            assert!(ids.contains(&"serbian-ministry-of-interior"), "{ids:?}");
            assert!(ids.contains(&"slovenian-ministry-of-interior"), "{ids:?}");
        }
        other => panic!("expected ambiguity, got {other:?}"),
    }
}

#[test]
fn unknown_names_get_did_you_mean() {
    let g = CoopGraph::embedded().unwrap();
    match g.resolve("Migrationsverkt") {
        Err(e @ ResolveError::Unknown { .. }) => {
            let ResolveError::Unknown { suggestions, .. } = &e else {
                unreachable!()
            };
            assert_eq!(suggestions[0].id, "swedish-migration-agency");
            assert!(
                e.to_string()
                    .contains("did you mean Swedish Migration Agency"),
                "{e}"
            );
        }
        other => panic!("expected unknown, got {other:?}"),
    }
}

#[test]
fn part_of_a_name_resolves_when_only_one_node_has_it() {
    let g = CoopGraph::embedded().unwrap();
    assert_eq!(id_of(&g, "Migration Academy"), "migration-academy");
}
