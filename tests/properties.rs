//! Properties that must hold for every graph, checked on generated ones:
//!
//! - node metrics do not depend on how nodes are numbered or in which order
//!   edges (or dataset records) come;
//! - what two actors share, and how much they overlap, does not depend on
//!   the order the actors are named in;
//! - `overlap` counts exactly what `shared` lists.
//!
//! Case counts are modest so that the suite stays fast; raise them with
//! `PROPTEST_CASES=1000 cargo test --test properties` when changing metrics.

use coopgraph::analysis::overlap::overlap;
use coopgraph::analysis::shared::{Via, shared};
use coopgraph::graph::CoopGraph;
use coopgraph::load::Dataset;
use coopgraph::metrics::{self, Metric, Options};
use coopgraph::model::{DatasetFile, Lang, Node, NodeKind, Relation, RelationKind, SourceRef};
use coopgraph::network::{Network, ViewKind, WeightBy};
use coopgraph::view::View;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

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
                    let ab = shared(&view, &[a, b], via, Lang::En);
                    let ba = shared(&view, &[b, a], via, Lang::En);
                    prop_assert_eq!(item_keys(&ab), item_keys(&ba));
                    for (i, j) in ab.items.iter().zip(&ba.items) {
                        prop_assert_eq!(i.overlap, j.overlap);
                    }
                }
            }
            for kind in [NodeKind::State, NodeKind::Agency, NodeKind::Organisation] {
                // overlap counts exactly what shared lists, for every pair.
                let pairs = overlap(&view, kind, via, usize::MAX, Lang::En);
                let by_pair: BTreeMap<(String, String), usize> = pairs
                    .iter()
                    .map(|p| ((p.a.id.clone(), p.b.id.clone()), p.shared))
                    .collect();
                let of_kind: Vec<usize> = actors.iter().copied().filter(|&i| g.node(i).kind == kind).collect();
                for (x, &a) in of_kind.iter().enumerate() {
                    for &b in &of_kind[x + 1..] {
                        let listed = shared(&view, &[a, b], via, Lang::En).items.len();
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
            overlap(&View::full(g), NodeKind::Agency, Via::Any, usize::MAX, Lang::En)
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
            b.finish()
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
