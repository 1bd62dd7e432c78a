//! Metrics and communities: the `metrics` and `communities` commands as users
//! script them, the values against networkx's on reference graphs, and the
//! properties every graph must have (checked with proptest on generated
//! graphs and datasets).

mod support;

use coopgraph::analysis::overlap::overlap;
use coopgraph::analysis::shared::{Via, shared};
use coopgraph::graph::CoopGraph;
use coopgraph::import::ImportOptions;
use coopgraph::load::Dataset;
use coopgraph::metrics;
use coopgraph::metrics::community::{Method, communities};
use coopgraph::metrics::{Metric, Options, compute};
use coopgraph::model::{DatasetFile, Lang, Node, NodeKind, Relation, RelationKind, SourceRef};
use coopgraph::network::{Network, ViewKind, WeightBy};
use coopgraph::view::View;
use predicates::prelude::*;
use proptest::prelude::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use support::coopgraph;

// ==========================================================================
// Formerly tests/metrics_cli.rs
//
// `coopgraph metrics` and `communities` as users script them.

#[test]
fn csv_columns_are_the_documented_interface() {
    let out = coopgraph()
        .args(["metrics", "--format", "csv"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(
        text.lines().next().unwrap(),
        "id,name,kind,degree,strength,betweenness,closeness,eigenvector,pagerank,clustering,core"
    );
    // One row per node of the embedded dataset.
    let nodes = CoopGraph::embedded().unwrap().data.nodes.len();
    assert_eq!(text.lines().count(), 1 + nodes);
}

#[test]
fn csv_is_refused_where_it_means_nothing() {
    coopgraph()
        .args(["ego", "Sweden", "--format", "csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--format csv is for the commands that print a table",
        ));
}

#[test]
fn metrics_on_an_edge_list_rank_the_karate_brokers() {
    let out = coopgraph()
        .args([
            "metrics",
            "--data",
            "tests/reference/karate.csv",
            "--metric",
            "betweenness",
            "--top",
            "2",
            "--format",
            "json",
        ])
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["rows"][0]["name"], "0");
    assert_eq!(v["rows"][1]["name"], "33");
    assert!((v["rows"][0]["betweenness"].as_f64().unwrap() - 0.437635281).abs() < 1e-6);
    assert_eq!(v["rows"].as_array().unwrap().len(), 2);
}

#[test]
fn node_link_json_is_read_like_networkx_writes_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.json");
    std::fs::write(
        &path,
        r#"{"directed": false, "multigraph": false, "graph": {},
            "nodes": [{"id": "a"}, {"id": "b"}, {"id": "c", "kind": "agency"}, {"id": 4}],
            "links": [{"source": "a", "target": "b", "weight": 2}, {"source": "b", "target": "c"}]}"#,
    )
    .unwrap();
    let out = coopgraph()
        .args([
            "metrics",
            "--format",
            "json",
            "--metric",
            "strength,degree",
            "--graph-measures",
            "--data",
        ])
        .arg(&path)
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["nodes"], 4);
    assert_eq!(v["components"], 2);
    let b = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "b")
        .unwrap();
    assert_eq!(b["strength"], 3.0);
    let c = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "c")
        .unwrap();
    assert_eq!(c["kind"], "agency");
}

#[test]
fn default_kind_applies_to_imported_nodes() {
    let out = coopgraph()
        .args([
            "metrics",
            "--data",
            "tests/reference/florentine.csv",
            "--default-kind",
            "state",
            "--format",
            "csv",
            "--metric",
            "degree",
        ])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        text.lines()
            .skip(1)
            .all(|l| l.split(',').nth(2) == Some("state"))
    );
}

#[test]
fn bad_csv_input_is_located() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("edges.csv");
    std::fs::write(&path, "source,target,weight\na,b,1\nb,c,heavy\n").unwrap();
    coopgraph()
        .arg("validate")
        .arg("--data")
        .arg(&path)
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "edges.csv:3:3: error[schema]: weight `heavy` is not a number from 1e-9 to 1e12",
        ));
}

#[test]
fn actors_view_ties_authorities_through_shared_councils() {
    let out = coopgraph()
        .args([
            "metrics", "--view", "actors", "--kind", "agency", "--metric", "degree", "--format",
            "json",
        ])
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert!(
        v["rows"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["kind"] == "agency")
    );
    assert_eq!(v["rows"][0]["id"], "swedish-migration-agency");
}

#[test]
fn bad_parameters_are_usage_errors() {
    coopgraph()
        .args(["metrics", "--samples", "0"])
        .assert()
        .code(2);
    coopgraph()
        .args(["metrics", "--samples", "100000"])
        .assert()
        .code(2);
    coopgraph()
        .args(["communities", "--resolution", "-1"])
        .assert()
        .code(2);
    coopgraph()
        .args(["metrics", "--metric", "fame"])
        .assert()
        .code(2);
    coopgraph()
        .args(["metrics", "--ego", "Nowhere"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no node is called"));
}

#[test]
fn communities_are_reproducible_and_cover_every_node() {
    let run = || {
        coopgraph()
            .args([
                "communities",
                "--method",
                "louvain",
                "--seed",
                "7",
                "--format",
                "json",
            ])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    let (a, b) = (run(), run());
    assert_eq!(a, b);
    let v: Value = serde_json::from_slice(&a).unwrap();
    let total: u64 = v["communities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["size"].as_u64().unwrap())
        .sum();
    assert_eq!(
        total,
        CoopGraph::embedded().unwrap().data.nodes.len() as u64
    );
    assert!(v["modularity"].as_f64().unwrap() > 0.3);
}

#[test]
fn metrics_output_is_byte_identical_across_runs() {
    let run = || {
        coopgraph()
            .args(["metrics", "--format", "json"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    assert_eq!(run(), run());
}

// ==========================================================================
// Formerly tests/metrics_reference.rs
//
// Every metric against NetworkX reference values (tests/reference/, written
// by scripts/reference_values.py): Zachary's karate club, Padgett's
// Florentine families, Les Misérables (weighted) and a disconnected graph
// with an isolated node. Graphs are read through the same CSV reader users
// get with `--data`.

const NX_TOL: f64 = 1e-6;

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
            (got - expected).abs() <= NX_TOL,
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
    assert!((table.transitivity - c.reference["transitivity"].as_f64().unwrap()).abs() <= NX_TOL);
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

// ==========================================================================
// Formerly tests/properties.rs
//
// Properties that must hold for every graph, checked on generated ones:
//
// - node metrics do not depend on how nodes are numbered or in which order
//   edges (or dataset records) come;
// - what two actors share, and how much they overlap, does not depend on
//   the order the actors are named in;
// - `overlap` counts exactly what `shared` lists.
//
// Case counts are modest so that the suite stays fast; raise them with
// `PROPTEST_CASES=1000 cargo test --test metrics` when changing metrics.

const TOL: f64 = 1e-9;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= TOL * (1.0 + a.abs().max(b.abs()))
}

/// A graph: node count, and edges with positive weights (self-loops and
/// parallel edges included, as input may have them).
fn graph() -> impl Strategy<Value = (usize, Vec<(usize, usize, f64)>)> {
    (1usize..24).prop_flat_map(|n| {
        let weight = prop_oneof![Just(1.0), Just(2.0), 0.1f64..10.0];
        (
            Just(n),
            prop::collection::vec((0..n, 0..n, weight), 0..(3 * n)),
        )
    })
}

/// Nodes, edges, a permutation of the nodes, an edge order, and which edges
/// to reverse.
type Relabelled = (usize, Edges, Vec<usize>, Vec<usize>, Vec<bool>);
type Edges = Vec<(usize, usize, f64)>;
/// A generated relation: from, to, kind, and (start year, length).
type Rel = (usize, usize, RelationKind, Option<(i32, i32)>);

/// A graph, a permutation of its nodes, and a shuffled edge order with some
/// edges reversed.
fn relabelled() -> impl Strategy<Value = Relabelled> {
    graph().prop_flat_map(|(n, edges)| {
        let m = edges.len();
        (
            Just(n),
            Just(edges),
            Just((0..n).collect::<Vec<_>>()).prop_shuffle(),
            Just((0..m).collect::<Vec<_>>()).prop_shuffle(),
            prop::collection::vec(any::<bool>(), m),
        )
    })
}

/// Every node metric, or the error that stopped one.
fn all_metrics(net: &Network) -> Result<Vec<Vec<f64>>, metrics::Error> {
    Ok(metrics::compute(net, &Metric::ALL, &Options::default())?.values)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn metrics_do_not_depend_on_node_numbering_or_edge_order(
        (n, edges, perm, order, flip) in relabelled()
    ) {
        let a = Network::from_edges(n, (0..n).collect(), edges.iter().copied());
        let moved = order.iter().map(|&k| {
            let (u, v, w) = edges[k];
            let (u, v) = (perm[u], perm[v]);
            if flip[k] { (v, u, w) } else { (u, v, w) }
        });
        let b = Network::from_edges(n, (0..n).collect(), moved);
        prop_assert_eq!(a.edge_count(), b.edge_count());
        match (all_metrics(&a), all_metrics(&b)) {
            (Ok(ma), Ok(mb)) => {
                for (k, m) in Metric::ALL.iter().enumerate() {
                    for i in 0..n {
                        prop_assert!(
                            close(ma[k][i], mb[k][perm[i]]),
                            "{:?} of node {} is {} but {} after relabelling", m, i, ma[k][i], mb[k][perm[i]]
                        );
                    }
                }
            }
            (Err(ea), Err(eb)) => prop_assert_eq!(ea, eb),
            (ra, rb) => prop_assert!(false, "one labelling failed: {:?} / {:?}", ra.err(), rb.err()),
        }
        let (ga, gb) = (metrics::graph_measures(&a), metrics::graph_measures(&b));
        prop_assert!(close(ga.transitivity, gb.transitivity));
        prop_assert_eq!(ga.components, gb.components);
        let moved_points: BTreeSet<usize> = ga.articulation_points.iter().map(|&p| perm[p]).collect();
        prop_assert_eq!(moved_points, gb.articulation_points.iter().copied().collect::<BTreeSet<_>>());
        let norm = |(u, v): (usize, usize)| (u.min(v), u.max(v));
        let moved_bridges: BTreeSet<_> = ga.bridges.iter().map(|&(u, v)| norm((perm[u], perm[v]))).collect();
        prop_assert_eq!(moved_bridges, gb.bridges.iter().map(|&e| norm(e)).collect::<BTreeSet<_>>());
    }

    #[test]
    fn communities_are_partitions_with_a_modularity_in_range((n, edges) in graph(), seed in 0u64..4) {
        let net = Network::from_edges(n, (0..n).collect(), edges);
        for method in [metrics::community::Method::Leiden, metrics::community::Method::Louvain] {
            let p = metrics::community::communities(&net, method, 1.0, seed).unwrap();
            prop_assert_eq!(p.membership.len(), n);
            let labels: BTreeSet<usize> = p.membership.iter().copied().collect();
            prop_assert_eq!(labels.len(), p.count);
            prop_assert!(labels.iter().all(|&c| c < p.count), "labels are not 0..count");
            prop_assert!((-0.5 - TOL..=1.0 + TOL).contains(&p.modularity), "modularity {}", p.modularity);
            // The same seed gives the same partition.
            prop_assert_eq!(&p, &metrics::community::communities(&net, method, 1.0, seed).unwrap());
        }
    }
}

// ------------------------------------------------- generated datasets

const KINDS: [NodeKind; 6] = NodeKind::ALL;

/// A small dataset: nodes of every kind, and relations of allowed kinds
/// between them, some dated. It always validates.
fn dataset() -> impl Strategy<Value = DatasetFile> {
    // States and agencies often, and the relations that build scopes,
    // partnerships and participation often, so that scopes overlap.
    let kind = prop_oneof![
        3 => Just(NodeKind::State),
        4 => Just(NodeKind::Agency),
        2 => Just(NodeKind::Organisation),
        3 => prop::sample::select(KINDS.to_vec()),
    ];
    let relation = prop_oneof![
        3 => Just(RelationKind::PartOf),
        3 => Just(RelationKind::CooperatesWith),
        2 => Just(RelationKind::Partner),
        2 => Just(RelationKind::Member),
        1 => Just(RelationKind::Funds),
        3 => prop::sample::select(RelationKind::ALL.to_vec()),
    ];
    prop::collection::vec(kind, 2..14)
        .prop_flat_map(move |kinds| {
            let n = kinds.len();
            let rel = (
                0..n,
                0..n,
                relation.clone(),
                prop::option::of((2000i32..2020, 0i32..6)),
            );
            (Just(kinds), prop::collection::vec(rel, 0..(4 * n)))
        })
        .prop_map(|(kinds, rels)| build(&kinds, &rels))
}

fn build(kinds: &[NodeKind], rels: &[Rel]) -> DatasetFile {
    let src = vec![SourceRef {
        source: "public-knowledge".into(),
        para: None,
    }];
    let id = |i: usize| format!("{}-{i}", kinds[i].as_str());
    let nodes = kinds
        .iter()
        .enumerate()
        .map(|(i, &k)| Node::new(id(i), k, format!("{} {i}", k.as_str()), src.clone()))
        .collect();
    let relations = rels
        .iter()
        .filter(|&&(a, b, kind, _)| a != b && kind.allowed(kinds[a], kinds[b]))
        .map(|&(a, b, kind, dates)| {
            let mut r = Relation::new(kind, id(a), id(b), src.clone());
            if let Some((start, len)) = dates {
                r.start = Some(start.to_string());
                r.end = Some((start + len).to_string());
            }
            r
        })
        .collect();
    let sources = serde_json::from_value(serde_json::json!([
        {"id": "public-knowledge", "kind": "public_knowledge", "title": "Public knowledge"}
    ]))
    .unwrap();
    DatasetFile {
        schema: None,
        sources,
        nodes,
        relations,
    }
}

fn graph_of(file: &DatasetFile) -> CoopGraph {
    let text = serde_json::to_string(file).unwrap();
    let ds = Dataset::from_str("generated.json", &text).unwrap();
    match CoopGraph::new(ds) {
        Ok(g) => g,
        Err(coopgraph::Error::Data(d)) => panic!("generated dataset is invalid: {}", d[0]),
        Err(e) => panic!("{e}"),
    }
}

fn actors(g: &CoopGraph) -> Vec<usize> {
    (0..g.data.nodes.len())
        .filter(|&i| g.node(i).kind.is_actor())
        .collect()
}

fn item_keys(s: &coopgraph::analysis::shared::Shared) -> BTreeSet<(String, String)> {
    s.items
        .iter()
        .map(|i| (format!("{:?}", i.category), i.item.id.clone()))
        .collect()
}

/// Metrics by node id, for a view of a graph.
fn metrics_by_id(g: &CoopGraph, kind: ViewKind) -> BTreeMap<String, Vec<f64>> {
    let view = View::full(g);
    let net = Network::of_view(&view, kind, WeightBy::Years, &[]);
    let values = all_metrics(&net).unwrap();
    (0..net.node_count())
        .map(|i| {
            (
                g.node(net.nodes[i]).id.clone(),
                values.iter().map(|col| col[i]).collect(),
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn shared_and_overlap_are_symmetric_in_their_actors(file in dataset()) {
        let g = graph_of(&file);
        let view = View::full(&g);
        let actors = actors(&g);
        for via in [Via::Any, Via::Project, Via::Network, Via::Partner, Via::Fund] {
            for (x, &a) in actors.iter().enumerate() {
                for &b in &actors[x + 1..] {
                    let ab = shared(&view, &[a, b], via, Lang::EN);
                    let ba = shared(&view, &[b, a], via, Lang::EN);
                    prop_assert_eq!(item_keys(&ab), item_keys(&ba));
                    for (i, j) in ab.items.iter().zip(&ba.items) {
                        prop_assert_eq!(i.overlap, j.overlap);
                    }
                }
            }
            for kind in [NodeKind::State, NodeKind::Agency, NodeKind::Organisation] {
                // overlap counts exactly what shared lists, for every pair.
                let pairs = overlap(&view, kind, via, usize::MAX, Lang::EN);
                let by_pair: BTreeMap<(String, String), usize> = pairs
                    .iter()
                    .map(|p| ((p.a.id.clone(), p.b.id.clone()), p.shared))
                    .collect();
                let of_kind: Vec<usize> = actors.iter().copied().filter(|&i| g.node(i).kind == kind).collect();
                for (x, &a) in of_kind.iter().enumerate() {
                    for &b in &of_kind[x + 1..] {
                        let listed = shared(&view, &[a, b], via, Lang::EN).items.len();
                        let (ia, ib) = (g.node(a).id.clone(), g.node(b).id.clone());
                        let counted = by_pair
                            .get(&(ia.clone(), ib.clone()))
                            .or(by_pair.get(&(ib, ia)))
                            .copied()
                            .unwrap_or(0);
                        prop_assert_eq!(counted, listed, "overlap and shared disagree on {} and {}", a, b);
                    }
                }
                for p in &pairs {
                    prop_assert!(p.jaccard > 0.0 && p.jaccard <= p.overlap_coefficient + TOL);
                    prop_assert!(p.overlap_coefficient <= 1.0 + TOL);
                }
            }
        }
    }

    #[test]
    fn answers_do_not_depend_on_the_order_of_records(
        file in dataset(),
        seed in any::<u64>(),
    ) {
        use rand::{SeedableRng, seq::SliceRandom};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let mut shuffled = file.clone();
        shuffled.nodes.shuffle(&mut rng);
        shuffled.relations.shuffle(&mut rng);
        let (g1, g2) = (graph_of(&file), graph_of(&shuffled));
        for kind in [ViewKind::Full, ViewKind::Actors] {
            let (m1, m2) = (metrics_by_id(&g1, kind), metrics_by_id(&g2, kind));
            prop_assert_eq!(m1.keys().collect::<Vec<_>>(), m2.keys().collect::<Vec<_>>());
            for (id, v1) in &m1 {
                for (k, (a, b)) in v1.iter().zip(&m2[id]).enumerate() {
                    prop_assert!(close(*a, *b), "{:?} of {} is {} but {} after shuffling", Metric::ALL[k], id, a, b);
                }
            }
        }
        let pairs = |g: &CoopGraph| -> BTreeSet<(String, String, usize)> {
            overlap(&View::full(g), NodeKind::Agency, Via::Any, usize::MAX, Lang::EN)
                .into_iter()
                .map(|p| {
                    let (a, b) = if p.a.id < p.b.id { (p.a.id, p.b.id) } else { (p.b.id, p.a.id) };
                    (a, b, p.shared)
                })
                .collect()
        };
        prop_assert_eq!(pairs(&g1), pairs(&g2));
    }
}

/// Text for names, roles and notes: any characters XML can hold (GraphML
/// writes the others as U+FFFD, as documented), quotes, markup, commas,
/// line breaks and right-to-left text included.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[^\u{0}-\u{8}\u{b}\u{c}\u{e}-\u{1f}\u{fffe}\u{ffff}]{0,12}",
        "[ a-z,;\"'<>&|=+@\\-\n\r\t\\\\]{0,12}",
    ]
}

/// A generated dataset whose names (kept unique by a leading number),
/// roles and notes are arbitrary text.
fn dataset_with_text() -> impl Strategy<Value = DatasetFile> {
    dataset().prop_flat_map(|file| {
        let (n, r) = (file.nodes.len(), file.relations.len());
        (
            Just(file),
            prop::collection::vec(text(), n),
            prop::collection::vec((prop::option::of(text()), prop::option::of(text())), r),
        )
            .prop_map(|(mut file, names, rels)| {
                for (i, (node, name)) in file.nodes.iter_mut().zip(names).enumerate() {
                    node.name = format!("{i} {name}");
                }
                for (rel, (role, note)) in file.relations.iter_mut().zip(rels) {
                    rel.role = role.filter(|s| !s.trim().is_empty());
                    rel.note = note.filter(|s| !s.trim().is_empty());
                }
                file
            })
    })
}

/// Exports the full view of `file` in `format` and reads the export back.
fn export_and_import(file: &DatasetFile, format: coopgraph::interchange::Format) -> DatasetFile {
    use coopgraph::import::ImportOptions;
    use coopgraph::interchange::{self, Export, Format};
    let g = graph_of(file);
    let files = interchange::export(&Export::full(&View::full(&g)), format).unwrap();
    let opts = ImportOptions::default();
    let mut diags = Vec::new();
    let text = |k: usize| String::from_utf8(files[k].1.clone()).unwrap();
    let imported = match format {
        Format::Graphml => interchange::graphml::read("x.graphml", &text(0), &opts, &mut diags),
        Format::Ftm => interchange::ftm::read("x.ftm", &text(0), &opts, &mut diags),
        Format::Json => coopgraph::import::node_link("x.json", &text(0), &opts, &mut diags),
        Format::Csv => {
            // The folder reader's order: sources, nodes, edges.
            let mut b = coopgraph::import::Builder::new("x", &opts);
            for name in interchange::csv::FILES {
                let k = files.iter().position(|f| f.0 == Some(name)).unwrap();
                coopgraph::import::csv_rows(&mut b, &format!("x/{name}"), &text(k), &mut diags);
            }
            b.finish(&mut diags)
        }
        _ => unreachable!(),
    };
    assert!(diags.is_empty(), "{format:?}: {}", diags[0]);
    imported.to_file()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Export, then import, gives back the same dataset file, for every
    /// format that can be imported.
    #[test]
    fn export_then_import_gives_back_the_dataset(file in dataset_with_text()) {
        use coopgraph::interchange::Format;
        let want = serde_json::to_value(&file).unwrap();
        for format in [Format::Csv, Format::Graphml, Format::Json, Format::Ftm] {
            let back = serde_json::to_value(export_and_import(&file, format)).unwrap();
            prop_assert_eq!(&back, &want, "{:?}", format);
        }
    }
}
