//! Every metric against NetworkX reference values (tests/reference/, written
//! by scripts/reference_values.py): Zachary's karate club, Padgett's
//! Florentine families, Les Misérables (weighted) and a disconnected graph
//! with an isolated node. Graphs are read through the same CSV reader users
//! get with `--data`.

use coopgraph::graph::CoopGraph;
use coopgraph::import::ImportOptions;
use coopgraph::load::Dataset;
use coopgraph::metrics::community::{Method, communities};
use coopgraph::metrics::{Metric, Options, compute};
use coopgraph::network::{Network, ViewKind, WeightBy};
use coopgraph::view::View;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

const TOL: f64 = 1e-6;

struct Case {
    reference: Value,
    names: Vec<String>,
    net: Network,
}

fn case(name: &str) -> Case {
    let dir = "tests/reference";
    let mut files = vec![format!("{dir}/{name}.csv")];
    let nodes = format!("{dir}/{name}.nodes.csv");
    if std::path::Path::new(&nodes).exists() {
        files.insert(0, nodes);
    }
    let ds = Dataset::from_paths_with(&files, &ImportOptions::default()).unwrap();
    let g = CoopGraph::new(ds).unwrap();
    let view = View::full(&g);
    let net = Network::of_view(&view, ViewKind::Full, WeightBy::Shared, &[]);
    let names = net.nodes.iter().map(|&i| g.node(i).name.clone()).collect();
    let reference: Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{dir}/{name}.json")).unwrap())
            .unwrap();
    Case {
        reference,
        names,
        net,
    }
}

fn check(case: &Case, metric: Metric, values: &[f64]) {
    let want = &case.reference[metric.as_str()];
    if want.is_null() {
        return;
    }
    let want = want.as_object().unwrap();
    assert_eq!(
        want.len(),
        case.names.len(),
        "{} node count",
        case.reference["graph"]
    );
    for (name, got) in case.names.iter().zip(values) {
        let expected = want[name].as_f64().unwrap();
        assert!(
            (got - expected).abs() <= TOL,
            "{} {metric:?} of {name}: got {got}, NetworkX {expected}",
            case.reference["graph"]
        );
    }
}

fn all_node_metrics(name: &str) {
    let c = case(name);
    assert_eq!(
        c.net.node_count() as u64,
        c.reference["nodes"].as_u64().unwrap()
    );
    assert_eq!(
        c.net.edge_count() as u64,
        c.reference["edges"].as_u64().unwrap()
    );
    let eigen_defined = !c.reference["eigenvector"].is_null();
    let metrics: Vec<Metric> = Metric::ALL
        .into_iter()
        .filter(|m| *m != Metric::Eigenvector || eigen_defined)
        .collect();
    let table = compute(&c.net, &metrics, &Options::default()).unwrap();
    for (m, values) in table.metrics.iter().zip(&table.values) {
        check(&c, *m, values);
    }
    let table = coopgraph::metrics::graph_measures(&c.net);
    assert!((table.transitivity - c.reference["transitivity"].as_f64().unwrap()).abs() <= TOL);
    assert_eq!(
        table.components as u64,
        c.reference["components"].as_u64().unwrap()
    );
    let aps: BTreeSet<&str> = table
        .articulation_points
        .iter()
        .map(|&i| c.names[i].as_str())
        .collect();
    let want: BTreeSet<&str> = c.reference["articulation_points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(aps, want, "articulation points");
    let bridges: BTreeSet<(String, String)> = table
        .bridges
        .iter()
        .map(|&(a, b)| {
            let (x, y) = (c.names[a].clone(), c.names[b].clone());
            if x <= y { (x, y) } else { (y, x) }
        })
        .collect();
    let want: BTreeSet<(String, String)> = c.reference["bridges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p[0].as_str().unwrap().to_string(),
                p[1].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(bridges, want, "bridges");
}

#[test]
fn karate_club_matches_networkx() {
    all_node_metrics("karate");
}

#[test]
fn florentine_families_match_networkx() {
    all_node_metrics("florentine");
}

#[test]
fn les_miserables_weighted_matches_networkx() {
    all_node_metrics("lesmis");
}

#[test]
fn disconnected_graph_with_isolated_node_matches_networkx() {
    all_node_metrics("disconnected");
}

/// Modularity within 1% of NetworkX's Louvain (its best over five seeds),
/// for both methods.
#[test]
fn communities_reach_networkx_modularity() {
    for name in ["karate", "florentine", "lesmis", "disconnected"] {
        let c = case(name);
        let best = c.reference["louvain"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["modularity"].as_f64().unwrap())
            .fold(f64::MIN, f64::max);
        for method in [Method::Louvain, Method::Leiden] {
            let p = communities(&c.net, method, 1.0, 42).unwrap();
            assert!(
                p.modularity >= 0.99 * best,
                "{name} {method:?}: modularity {} < 99% of NetworkX's {best}",
                p.modularity
            );
            assert_eq!(p.membership.len(), c.net.node_count());
        }
    }
}

/// Sampling every node is exact; a seed gives the same sample every time.
#[test]
fn sampled_betweenness_is_exact_with_all_sources_and_reproducible() {
    let c = case("lesmis");
    let n = c.net.node_count();
    let exact = coopgraph::metrics::centrality::betweenness(&c.net, None).unwrap();
    let all = coopgraph::metrics::centrality::betweenness(&c.net, Some((n, 7))).unwrap();
    for (a, b) in exact.iter().zip(&all) {
        assert!((a - b).abs() < 1e-12);
    }
    let s1 = coopgraph::metrics::centrality::betweenness(&c.net, Some((30, 7))).unwrap();
    let s2 = coopgraph::metrics::centrality::betweenness(&c.net, Some((30, 7))).unwrap();
    assert_eq!(s1, s2);
    // The top broker of the exact ranking stays near the top.
    let top = |v: &[f64]| (0..v.len()).max_by(|&a, &b| v[a].total_cmp(&v[b])).unwrap();
    let mut ranked: Vec<usize> = (0..n).collect();
    ranked.sort_by(|&a, &b| s1[b].total_cmp(&s1[a]));
    assert!(ranked[..3].contains(&top(&exact)));
    let per_name: BTreeMap<&str, f64> = c
        .names
        .iter()
        .map(String::as_str)
        .zip(exact.iter().copied())
        .collect();
    assert!(per_name["Valjean"] > 0.5);
}
