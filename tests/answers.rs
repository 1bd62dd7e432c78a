//! The JSON a command prints is the library's answer, serialised: a Rust user
//! who asks the library the same question gets the same document, and the
//! rules the commands enforce are the library's, with typed errors.

use assert_cmd::Command;
use coopgraph::analysis::{Limit, QueryError, comembership, overlap, shared};
use coopgraph::graph::CoopGraph;
use coopgraph::load::Dataset;
use coopgraph::metrics::{self, Metric, community};
use coopgraph::model::{Lang, NodeKind};
use coopgraph::network::{Network, ViewKind, WeightBy};
use coopgraph::view::View;

fn stdout(args: &[&str]) -> String {
    let out = Command::cargo_bin("coopgraph")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap() + "\n"
}

fn network(g: &CoopGraph, kind: ViewKind) -> Network {
    Network::of_view(&View::full(g), kind, WeightBy::Shared, &[])
}

#[test]
fn metrics_json_and_csv_are_the_report() {
    let g = CoopGraph::embedded().unwrap();
    let net = network(&g, ViewKind::Actors);
    let request = metrics::Request {
        metrics: vec![Metric::Degree, Metric::Pagerank],
        sort: Some(Metric::Betweenness),
        top: Some(7),
        graph_measures: Some(true),
        ..metrics::Request::default()
    };
    let report = request.run(&g, &net, Lang::EN).unwrap();
    let args = [
        "metrics",
        "--view",
        "actors",
        "--metric",
        "degree,pagerank",
        "--sort",
        "betweenness",
        "--top",
        "7",
        "--graph-measures",
    ];
    let cli = stdout(&[&args[..], &["--format", "json"]].concat());
    assert_eq!(cli, json(&report));
    let mut csv = String::new();
    for r in report.csv_records() {
        csv.push_str(&r.join(","));
        csv.push('\n');
    }
    assert_eq!(stdout(&[&args[..], &["--format", "csv"]].concat()), csv);
}

#[test]
fn metrics_defaults_are_decided_once() {
    let all = metrics::Request::default();
    assert_eq!(all.shown(), Metric::ALL);
    assert_eq!(all.sort_metric(), Metric::Degree);
    assert!(all.wants_graph_measures());
    let named = metrics::Request {
        metrics: vec![Metric::Core],
        sort: Some(Metric::Pagerank),
        ..metrics::Request::default()
    };
    assert_eq!(named.computed(), [Metric::Core, Metric::Pagerank]);
    assert!(!named.wants_graph_measures());
}

#[test]
fn a_bad_sample_is_a_typed_error_with_the_cli_hint() {
    let g = CoopGraph::embedded().unwrap();
    let net = network(&g, ViewKind::Full);
    let request = metrics::Request {
        metrics: vec![Metric::Betweenness],
        options: metrics::Options {
            samples: Some((0, 1)),
            ..metrics::Options::default()
        },
        ..metrics::Request::default()
    };
    let e = request.run(&g, &net, Lang::EN).unwrap_err();
    assert_eq!(
        e,
        QueryError::Metric(metrics::Error::Samples {
            given: 0,
            nodes: g.data.nodes.len()
        })
    );
    assert!(!e.to_string().contains("--"));
    assert_eq!(coopgraph::Error::from(e).exit_code(), 2);
}

#[test]
fn communities_json_is_the_answer() {
    let g = CoopGraph::embedded().unwrap();
    let net = network(&g, ViewKind::Full);
    let request = community::Request {
        method: community::Method::Louvain,
        resolution: 2.0,
        seed: 7,
    };
    let answer = request.run(&g, &net, Lang::SV).unwrap();
    let cli = stdout(&[
        "communities",
        "--method",
        "louvain",
        "--resolution",
        "2",
        "--seed",
        "7",
        "--lang",
        "sv",
        "--format",
        "json",
    ]);
    assert_eq!(cli, json(&answer));
}

#[test]
fn validate_json_is_the_report() {
    let ds = Dataset::embedded().unwrap();
    let report = coopgraph::validate::Report::of(&ds, true);
    let cli = stdout(&["validate", "--strict", "--format", "json"]);
    assert_eq!(cli, json(&report));
    let path = "tests/fixtures/broken/duplicate-id.json";
    let diags = match Dataset::from_paths(&[path]) {
        Ok(ds) => coopgraph::validate::validate(&ds),
        Err(coopgraph::Error::Data(d)) => d,
        Err(e) => panic!("{e}"),
    };
    let report = coopgraph::validate::Report::new(diags, false);
    assert!(!report.valid && report.errors > 0);
    let cli = stdout(&["validate", "--data", path, "--format", "json"]);
    assert_eq!(cli, json(&report));
}

#[test]
fn shared_overlap_and_heatmap_json_are_the_answers() {
    let g = CoopGraph::embedded().unwrap();
    let view = View::full(&g);
    let actors = vec![g.resolve("Sweden").unwrap(), g.resolve("Serbia").unwrap()];
    let s = shared::Request {
        actors,
        via: shared::Via::Project,
    }
    .run(&view, Lang::EN)
    .unwrap();
    let cli = stdout(&[
        "shared", "Sweden", "Serbia", "--via", "project", "--format", "json",
    ]);
    assert_eq!(cli, json(&s));
    let pairs = overlap::Request {
        kind: NodeKind::Agency,
        via: shared::Via::Network,
        top: 3,
        with: None,
    }
    .run(&view, Lang::EN)
    .unwrap();
    let cli = stdout(&[
        "overlap", "--kind", "agency", "--via", "network", "--top", "3", "--format", "json",
    ]);
    assert_eq!(cli, json(&pairs));
    let m = comembership::Request {
        kind: NodeKind::State,
        via: shared::Via::Any,
        max_rows: 5,
        max_cols: 4,
    }
    .run(&view, Lang::EN)
    .unwrap();
    let cli = stdout(&[
        "heatmap",
        "--kind",
        "state",
        "--via",
        "any",
        "--max-rows",
        "5",
        "--max-cols",
        "4",
        "--format",
        "json",
    ]);
    assert_eq!(cli, json(&m));
}

#[test]
fn rules_are_the_librarys_with_typed_errors() {
    let g = CoopGraph::embedded().unwrap();
    let view = View::full(&g);
    let (se, rs) = (g.resolve("Sweden").unwrap(), g.resolve("Serbia").unwrap());
    let twice = shared::Request {
        actors: vec![se, rs, se],
        via: shared::Via::Any,
    };
    assert_eq!(
        twice.check(&view),
        Err(QueryError::RepeatedActor {
            name: "Sweden".into()
        })
    );
    let agency = g.resolve("Migrationsverket").unwrap();
    let nested = shared::Request {
        actors: vec![agency, se],
        via: shared::Via::Any,
    };
    assert_eq!(
        nested.check(&view),
        Err(QueryError::PartOf {
            part: "Swedish Migration Agency".into(),
            whole: "Sweden".into()
        })
    );
    let pairs = overlap::Request {
        kind: NodeKind::Fund,
        via: shared::Via::Any,
        top: 0,
        with: None,
    };
    assert_eq!(
        pairs.check(),
        Err(QueryError::NotActorKind {
            kind: NodeKind::Fund
        })
    );
    let matrix = comembership::Request {
        kind: NodeKind::Agency,
        via: shared::Via::Network,
        max_rows: 3,
        max_cols: 0,
    };
    let e = matrix.check().unwrap_err();
    assert_eq!(
        e,
        QueryError::TooSmall {
            limit: Limit::MaxCols,
            min: 1,
            given: 0
        }
    );
    // The library names no command-line option; the CLI adds them.
    for e in [
        e,
        QueryError::NotActivities {
            via: shared::Via::Fund,
        },
        twice.check(&view).unwrap_err(),
        pairs.check().unwrap_err(),
    ] {
        assert!(!e.to_string().contains("--"), "{e}");
        assert_eq!(coopgraph::Error::from(e).exit_code(), 2);
    }
}
