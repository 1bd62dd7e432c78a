//! Criterion benchmarks: loading and validation, building each view, and
//! each metric, on a generated dataset (5k organisations, 1.25k projects,
//! about 35k relations). `cargo bench` runs them. The side-by-side
//! comparison with NetworkX and igraph on larger files is
//! scripts/bench_peers.sh.

use coopgraph::generate::{Spec, generate};
use coopgraph::graph::CoopGraph;
use coopgraph::load::Dataset;
use coopgraph::metrics::community::{Method, communities};
use coopgraph::metrics::{Metric, Options, metric};
use coopgraph::network::{Network, ViewKind, WeightBy};
use coopgraph::view::View;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn dataset_json() -> String {
    let spec = Spec {
        orgs: 5_000,
        projects: 1_250,
        mean_partners: 23.0,
        seed: 1,
    };
    serde_json::to_string(&generate(&spec).expect("within the bounds")).expect("serialises")
}

fn benches(c: &mut Criterion) {
    let json = dataset_json();
    c.bench_function("load and validate", |b| {
        b.iter(|| {
            CoopGraph::new(Dataset::from_str("bench.json", black_box(&json)).unwrap()).unwrap()
        })
    });
    let g = CoopGraph::new(Dataset::from_str("bench.json", &json).unwrap()).unwrap();
    let view = View::full(&g);
    c.bench_function("network full", |b| {
        b.iter(|| Network::of_view(&view, ViewKind::Full, WeightBy::Shared, &[]))
    });
    c.bench_function("network actors", |b| {
        b.iter(|| Network::of_view(&view, ViewKind::Actors, WeightBy::Shared, &[]))
    });
    let net = Network::of_view(&view, ViewKind::Full, WeightBy::Shared, &[]);
    let mut group = c.benchmark_group("metric");
    group.sample_size(10);
    for m in Metric::ALL {
        group.bench_function(m.as_str(), |b| {
            b.iter(|| metric(&net, m, &Options::default()).unwrap())
        });
    }
    group.bench_function("betweenness 256 samples", |b| {
        let opts = Options {
            samples: Some((256, 1)),
            ..Options::default()
        };
        b.iter(|| metric(&net, Metric::Betweenness, &opts).unwrap())
    });
    group.bench_function("louvain", |b| {
        b.iter(|| communities(&net, Method::Louvain, 1.0, 1).unwrap())
    });
    group.bench_function("leiden", |b| {
        b.iter(|| communities(&net, Method::Leiden, 1.0, 1).unwrap())
    });
    group.finish();
}

criterion_group!(metrics, benches);
criterion_main!(metrics);
