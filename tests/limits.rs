//! Numbers, dates and limits: values at or past the edges of what coopgraph
//! can hold are refused by name or bounded and said to be — a path limit of
//! 2^64−1 and the cap on the paths kept, edge weights outside their range in
//! every reader, dataset sizes `generate` cannot make, years outside
//! 1000–9999, paragraph 0, negative amounts and malformed currencies, and
//! the same file given twice to `--data`.

mod support;

use serde_json::{Value, json};
use support::{coopgraph, write};

const U64_MAX: &str = "18446744073709551615";

/// A CSV edge list of the complete graph on `n` nodes `n0`…: between two
/// nodes, every ordering of every subset of the others is a simple path.
fn complete_graph(dir: &std::path::Path, n: usize) -> std::path::PathBuf {
    let mut csv = String::from("source,target\n");
    for a in 0..n {
        for b in a + 1..n {
            csv.push_str(&format!("n{a},n{b}\n"));
        }
    }
    write(dir, &format!("k{n}.csv"), csv)
}

/// Runs coopgraph with `args`, returning (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let out = coopgraph().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

// ==========================================================================
// 12. path --all --limit

#[test]
fn a_path_limit_of_u64_max_lists_every_path() {
    let dir = tempfile::tempdir().unwrap();
    let k6 = complete_graph(dir.path(), 6);
    let k6 = k6.to_str().unwrap();
    let (code, out, err) = run(&[
        "--data", k6, "--format", "json", "path", "n0", "n1", "--all", "--limit", U64_MAX,
    ]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    // 1 + 4 + 4·3 + 4·3·2 + 4·3·2·1 simple paths between two nodes of K6.
    assert_eq!(v["paths"].as_array().unwrap().len(), 65);
    assert_eq!(v["truncated"], json!(false));
}

#[test]
fn path_all_keeps_at_most_the_documented_cap_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    // K10 up to 9 hops: 109,601 simple paths between two nodes.
    let k10 = complete_graph(dir.path(), 10);
    let k10 = k10.to_str().unwrap();
    // The cap docs/errors.md states.
    let cap = 10_000;
    let args = [
        "--data",
        k10,
        "path",
        "n0",
        "n1",
        "--all",
        "--max-hops",
        "9",
        "--limit",
        U64_MAX,
    ];
    let (code, out, err) = run(&[&args[..], &["--format", "json"]].concat());
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["paths"].as_array().unwrap().len(), cap);
    assert_eq!(v["truncated"], json!(true));
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.trim_end()
            .ends_with("(more paths exist; coopgraph lists at most 10000 paths)"),
        "{}",
        &out[out.len().saturating_sub(300)..]
    );
    // Below the cap the usual hint stays.
    let (_, out, _) = run(&["--data", k10, "path", "n0", "n1", "--all", "--limit", "2"]);
    assert!(
        out.trim_end()
            .ends_with("(more paths exist: raise --limit)")
    );
}

// ==========================================================================
// 14. generate sizes

#[test]
fn generate_refuses_sizes_it_cannot_make_without_panicking() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("gen.json");
    let out = out.to_str().unwrap();
    for (orgs, projects, mean) in [
        (U64_MAX, "1", "22"),
        ("1", U64_MAX, "22"),
        ("10000001", "1", "22"),
        ("1", "10000001", "22"),
        ("10", "1", "10001"),
        ("10", "1", "1e300"),
        // Each size allowed, the relations they make are not.
        ("10000000", "10000000", "1000"),
    ] {
        let (code, _, err) = run(&[
            "generate",
            "--orgs",
            orgs,
            "--projects",
            projects,
            "--mean-partners",
            mean,
            "-o",
            out,
        ]);
        assert_eq!(code, 2, "{orgs} {projects} {mean}: {err}");
        assert!(
            err.contains("at most") || err.contains("between") || err.contains("from 0 to"),
            "{orgs} {projects} {mean}: {err}"
        );
        assert!(!std::path::Path::new(out).exists());
    }
}

#[test]
fn the_library_generate_returns_a_typed_error_for_sizes_it_cannot_make() {
    use coopgraph::generate::{Spec, generate};
    let spec = Spec {
        orgs: usize::MAX,
        projects: 1,
        mean_partners: 1.0,
        seed: 1,
    };
    let e = generate(&spec).unwrap_err();
    assert!(
        matches!(e, coopgraph::Error::TooBig { given, .. } if given == usize::MAX as u128),
        "{e:?}"
    );
    assert!(!e.to_string().contains("--"), "{e}");
    // An absurd mean would loop until every organisation is a partner.
    let e = generate(&Spec {
        orgs: 1_000_000,
        projects: 1,
        mean_partners: f64::INFINITY,
        seed: 1,
    })
    .unwrap_err();
    assert!(
        matches!(e, coopgraph::Error::TooBig { max: 10_000, .. }),
        "{e:?}"
    );
    let ok = Spec {
        orgs: 10,
        projects: 2,
        mean_partners: 3.0,
        seed: 1,
    };
    assert_eq!(generate(&ok).unwrap().nodes.len(), 10 + 2 + 30 + 12);
}

// ==========================================================================
// 16. the same file given twice to --data

#[test]
fn the_same_file_given_twice_to_data_is_read_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let small = std::fs::read_to_string("tests/fixtures/ok/small.json").unwrap();
    let x = write(&data, "x.json", &small);
    let x = x.to_str().unwrap();
    let dotted = format!("{}/./x.json", data.display());
    let folder = data.to_str().unwrap();
    let link = data.join("hard.json");
    std::fs::hard_link(x, &link).unwrap();
    let link = link.to_str().unwrap();
    let once = support::json(&["--data", x, "summary"]);
    for twice in [[x, x], [x, dotted.as_str()], [folder, x], [x, folder]] {
        let (code, _, err) = run(&["validate", "--data", twice[0], "--data", twice[1]]);
        assert_eq!(code, 0, "{twice:?}: {err}");
        assert!(!err.contains("defined twice"), "{twice:?}: {err}");
        let got = support::json(&["--data", twice[0], "--data", twice[1], "summary"]);
        assert_eq!(got["nodes"], once["nodes"], "{twice:?}");
        assert_eq!(got["relations"], once["relations"], "{twice:?}");
    }
    // The folder holds x.json and its hard link: the same file, read once.
    let (code, _, err) = run(&["validate", "--data", folder, "--data", link]);
    assert_eq!(code, 0, "{err}");
}

// ==========================================================================
// 13. weights

/// The fixture dataset with one `cooperates_with` relation between its two
/// agencies per extra field set in `extras` (each a JSON object's fields),
/// one relation a line, and the line each is on.
fn with_relations(extras: &[&str]) -> (String, Vec<usize>) {
    let small = std::fs::read_to_string("tests/fixtures/ok/small.json").unwrap();
    let end = small.rfind(']').unwrap();
    let mut text = small[..end].trim_end().to_string();
    let mut lines = Vec::new();
    for extra in extras {
        text.push_str(",\n");
        lines.push(text.lines().count() + 1);
        text.push_str(&format!(
            r#"{{"kind": "cooperates_with", "from": "agency-a", "to": "agency-b", {extra}"sources": [{{"source": "page", "para": 1}}]}}"#
        ));
    }
    text.push_str(&small[end..]);
    (text, lines)
}

/// Every `error[CODE]` line of `validate` on `files`, with its exit code.
fn errors(files: &[&std::path::Path], code: &str) -> (i32, Vec<String>) {
    let mut args = vec!["validate".to_string()];
    for f in files {
        args.push("--data".into());
        args.push(f.to_str().unwrap().into());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (status, out, err) = run(&args);
    let tag = format!(": error[{code}]: ");
    (
        status,
        out.lines()
            .chain(err.lines())
            .filter(|l| l.contains(&tag))
            .map(str::to_string)
            .collect(),
    )
}

#[test]
fn weights_outside_their_range_are_located_errors_in_dataset_json() {
    let dir = tempfile::tempdir().unwrap();
    let bad = ["-1", "0", "5e-324", "1e300", "1e-10", "1000000000001"];
    let extras: Vec<String> = bad.iter().map(|w| format!(r#""weight": {w}, "#)).collect();
    let good = [
        r#""weight": 1e-9, "#,
        r#""weight": 1e12, "#,
        r#""weight": 2.5, "#,
    ];
    let all: Vec<&str> = extras
        .iter()
        .map(String::as_str)
        .chain(good.iter().copied())
        .collect();
    let (text, lines) = with_relations(&all);
    let f = write(dir.path(), "w.json", text);
    let (code, errs) = errors(&[&f], "invalid-weight");
    assert_eq!(code, 2);
    assert_eq!(errs.len(), bad.len(), "{errs:#?}");
    for (e, line) in errs.iter().zip(&lines) {
        assert!(
            e.starts_with(&format!("{}:{line}:1: ", f.display())),
            "{e} (line {line})"
        );
        assert!(e.contains("is not a number from 1e-9 to 1e12"), "{e}");
    }
    // The good weights alone pass.
    let (text, _) = with_relations(&good);
    let f = write(dir.path(), "ok.json", text);
    assert_eq!(errors(&[&f], "invalid-weight"), (0, vec![]));
}

#[test]
fn every_reader_refuses_the_same_weights_with_the_same_words() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(dir.path(), "e.csv", "source,target,weight\na,b,-1\nb,c,1\n");
    let node_link = write(
        dir.path(),
        "nl.json",
        r#"{"directed": false, "multigraph": false, "graph": {},
            "nodes": [{"id": "a"}, {"id": "b"}],
            "links": [{"source": "a", "target": "b", "weight": -1}]}"#,
    );
    let gexf = write(
        dir.path(),
        "g.gexf",
        r#"<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3">
  <graph defaultedgetype="directed">
    <nodes><node id="n1" label="A"/><node id="n2" label="B"/></nodes>
    <edges><edge id="0" source="n1" target="n2" weight="-1"/></edges>
  </graph>
</gexf>"#,
    );
    let graphml = dir.path().join("s.graphml");
    coopgraph()
        .args([
            "--data",
            "tests/fixtures/ok/small.json",
            "export",
            "graphml",
        ])
        .arg("-o")
        .arg(&graphml)
        .assert()
        .success();
    let text = std::fs::read_to_string(&graphml).unwrap();
    let edge = r#"<edge id="e0" source="agency-a" target="sweden">"#;
    assert!(text.contains(edge));
    let text = text.replacen(edge, &format!("{edge}<data key=\"e_weight\">-1</data>"), 1);
    std::fs::write(&graphml, text).unwrap();
    // The CSV reader refuses the row; the others, validation.
    let (code, out, err) = run(&["validate", "--data", csv.to_str().unwrap()]);
    assert_eq!(code, 2);
    let err = out + &err;
    assert!(
        err.contains("e.csv:2:3: error[schema]: weight `-1` is not a number from 1e-9 to 1e12"),
        "{err}"
    );
    // Node-link links are read as rows, as CSV is; GEXF and GraphML edges
    // are checked by validation: either way in the same words, located.
    for f in [&node_link, &gexf, &graphml] {
        let (code, mut errs) = errors(&[f], "invalid-weight");
        let (_, schema) = errors(&[f], "schema");
        errs.extend(schema);
        assert_eq!(code, 2, "{}", f.display());
        assert_eq!(errs.len(), 1, "{}: {errs:?}", f.display());
        assert!(
            errs[0].contains("weight `-1")
                && errs[0].contains("` is not a number from 1e-9 to 1e12"),
            "{}",
            errs[0]
        );
        let name = f.to_str().unwrap();
        let place = errs[0][name.len()..].split(": ").next().unwrap();
        assert!(
            place.starts_with(':') && place[1..].split(':').all(|n| n.parse::<u32>().is_ok()),
            "not located: {}",
            errs[0]
        );
    }
}

// ==========================================================================
// 15. years, paragraphs, amounts and currencies

#[test]
fn years_outside_1000_to_9999_are_invalid_dates() {
    let dir = tempfile::tempdir().unwrap();
    let bad = [
        "0000",
        "0201",
        "0999-12-31",
        "spring 0999",
        "winter 9999",
        "2020 + 8000 years",
        "1005 - 10 years",
    ];
    let extras: Vec<String> = bad.iter().map(|d| format!(r#""start": "{d}", "#)).collect();
    let good = [
        r#""start": "1000", "#,
        r#""start": "9999-12", "#,
        r#""start": "winter 9998", "#,
        r#""start": "1010 - 10 years", "#,
    ];
    let all: Vec<&str> = extras
        .iter()
        .map(String::as_str)
        .chain(good.iter().copied())
        .collect();
    let (text, lines) = with_relations(&all);
    let f = write(dir.path(), "d.json", text);
    let (code, errs) = errors(&[&f], "invalid-date");
    assert_eq!(code, 2);
    assert_eq!(errs.len(), bad.len(), "{errs:#?}");
    for ((e, line), d) in errs.iter().zip(&lines).zip(bad) {
        assert!(e.starts_with(&format!("{}:{line}:1: ", f.display())), "{e}");
        assert!(e.contains(d) && e.contains("1000–9999"), "{e}");
    }
    // The command line's dates are read by the same parser.
    let (code, _, err) = run(&["timeline", "Sweden", "--from", "0201"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("1000–9999"), "{err}");
    let (code, _, err) = run(&["metrics", "--to", "winter 9999"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("1000–9999"), "{err}");
}

#[test]
fn paragraph_zero_negative_amounts_and_malformed_currencies_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let (mut text, lines) = with_relations(&[
        r#""amount": {"value": -5, "currency": "EUR"}, "#,
        r#""amount": {"value": 5, "currency": ""}, "#,
        r#""amount": {"value": 5, "currency": "eur"}, "#,
        r#""amount": {"value": 5, "currency": "EURO"}, "#,
        r#""amount": {"value": 5, "currency": "€"}, "#,
        r#""amount": {"value": 0, "currency": "SEK"}, "#,
        r#""amount": {"value": 1e15, "currency": "USD"}, "#,
    ]);
    // A node's citation of paragraph 0.
    let cite = r#""country": "SE", "sources": [{"source": "page", "para": 1}]"#;
    assert!(text.contains(cite), "the fixture changed");
    text = text.replacen(cite, &cite.replace("\"para\": 1", "\"para\": 0"), 1);
    let f = write(dir.path(), "a.json", text);
    let (code, amounts) = errors(&[&f], "invalid-amount");
    assert_eq!(code, 2);
    assert_eq!(amounts.len(), 1, "{amounts:#?}");
    assert!(amounts[0].starts_with(&format!("{}:{}:1: ", f.display(), lines[0])));
    assert!(
        amounts[0].contains("amount -5 EUR is negative"),
        "{}",
        amounts[0]
    );
    let (_, currencies) = errors(&[&f], "invalid-currency");
    assert_eq!(currencies.len(), 4, "{currencies:#?}");
    for (e, line) in currencies.iter().zip(&lines[1..]) {
        assert!(e.starts_with(&format!("{}:{line}:1: ", f.display())), "{e}");
        assert!(e.contains("is not an ISO 4217 code"), "{e}");
    }
    let (_, paras) = errors(&[&f], "invalid-para");
    assert_eq!(paras.len(), 1, "{paras:#?}");
    assert!(paras[0].contains("paragraph 0"), "{}", paras[0]);
}
