//! A fuzzer for every reader, on stable Rust: a seeded mutation loop over a
//! seed corpus, with JSON-aware mutations and a cheap feedback signal (an
//! input that gives a new *outcome* — a new set of diagnostic codes, or a
//! graph that builds — joins the corpus).
//!
//! ```text
//! cargo test --test fuzz                        # smoke: regressions, seeds, a few hundred mutations
//! cargo test --test fuzz -- --seconds 60        # each target for 60 s (scripts/fuzz.sh)
//! cargo test --test fuzz -- csv --seed 7        # one target, another stream
//! ```
//!
//! A target fails on a panic, on an input slower than `SLOW`, or when an
//! oracle (a property every accepted input must have) does not hold. The
//! failing input is written to `target/fuzz-crashes/`; copy it into
//! `tests/fixtures/fuzz/regressions/<target>/`, where every run replays it.
//!
//! **Adding a target** is one line in [`TARGETS`]: a name, the seed corpus
//! (directories and files, filtered by extension), and a function from bytes
//! to an outcome signature. The function must call the reader and then check
//! what it can of the result; see `dataset` for the pattern.

use coopgraph::analysis::shared::Via;
use coopgraph::date::{PartialDate, days_in_month};
use coopgraph::graph::CoopGraph;
use coopgraph::import::ImportOptions;
use coopgraph::load::Dataset;
use coopgraph::model::{Lang, NodeKind};
use coopgraph::network::{Network, ViewKind, WeightBy};
use coopgraph::view::View;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value;
use std::collections::HashSet;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};
use std::time::{Duration, Instant};

/// One reader under fuzzing.
struct Target {
    name: &'static str,
    /// Directories (every file with a matching extension) and files. A
    /// `.txt` file holds one seed per line.
    seeds: &'static [&'static str],
    /// Extensions of seed files in the directories.
    exts: &'static [&'static str],
    /// Whether JSON-aware mutations apply.
    json: bool,
    /// Reads the input; returns a short outcome signature.
    run: fn(&[u8]) -> String,
}

#[rustfmt::skip]
const TARGETS: &[Target] = &[
    Target { name: "dataset_json", seeds: &["tests/fixtures/ok", "tests/fixtures/broken", "tests/fixtures/hostile", "data"], exts: &["json"], json: true, run: dataset_json },
    Target { name: "csv", seeds: &["tests/reference", "tests/fixtures/fuzz/csv"], exts: &["csv"], json: false, run: csv },
    Target { name: "node_link", seeds: &["tests/fixtures/fuzz/node_link"], exts: &["json"], json: true, run: node_link },
    Target { name: "date", seeds: &["tests/fixtures/fuzz/dates.txt"], exts: &[], json: false, run: date },
    Target { name: "resolve", seeds: &["tests/fixtures/fuzz/names.txt"], exts: &[], json: false, run: resolve },
    Target { name: "graphml", seeds: &["tests/fixtures/fuzz/graphml"], exts: &["graphml"], json: false, run: graphml },
    Target { name: "gexf", seeds: &["tests/fixtures/fuzz/gexf"], exts: &["gexf"], json: false, run: gexf },
    Target { name: "ftm", seeds: &["tests/fixtures/fuzz/ftm"], exts: &["json"], json: false, run: ftm },
    Target { name: "csv_folder", seeds: &["tests/fixtures/fuzz/csv_folder"], exts: &["folder"], json: false, run: csv_folder },
    Target { name: "report_spec", seeds: &["data/report.toml", "tests/fixtures/hostile"], exts: &["toml"], json: false, run: report_spec },
];

/// Inputs are cut to this size: the readers are linear, so larger inputs
/// only slow the loop down.
const MAX_INPUT: usize = 256 * 1024;
/// An input that takes longer than this (in a debug build) is a failure:
/// something is worse than linear.
const SLOW: Duration = Duration::from_secs(10);
/// Mutations per target in smoke mode (`cargo test`).
const SMOKE_ITERATIONS: u64 = 150;

// ---------------------------------------------------------------- targets

/// A dataset JSON file (or node-link data, which the loader also reads).
fn dataset_json(bytes: &[u8]) -> String {
    load(&[("fuzz.json", bytes)])
}

fn node_link(bytes: &[u8]) -> String {
    check_links_join_the_named_nodes(bytes);
    load(&[("fuzz.json", bytes)])
}

/// In node-link data that validates, the relations are the links (then the
/// edges) in order, each joining the nodes named by its `source` and
/// `target`: the first `nodes` entry with that id, or a node named as the id.
fn check_links_join_the_named_nodes(bytes: &[u8]) {
    use coopgraph::names::fold;
    let Ok(doc) = serde_json::from_slice::<Value>(bytes) else {
        return;
    };
    let Ok(ds) = Dataset::from_memory(&[("fuzz.json", bytes)], &ImportOptions::default()) else {
        return;
    };
    if ds.sources.iter().all(|s| s.file.is_none()) || CoopGraph::new(ds.clone()).is_err() {
        return; // read as a dataset, not as node-link data, or invalid
    }
    let key = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    let mut names: std::collections::HashMap<String, String> = Default::default();
    for n in doc["nodes"].as_array().into_iter().flatten() {
        if let Some(k) = n.get("id").and_then(key) {
            // The name or label as text (a number as JSON writes it); a
            // blank one counts as none: the node is named by its id.
            let name = n
                .get("name")
                .or(n.get("label"))
                .and_then(|v| match v {
                    Value::Null => None,
                    Value::String(s) => Some(s.clone()),
                    other => Some(other.to_string()),
                })
                .filter(|s| !s.trim().is_empty());
            names.entry(k.clone()).or_insert(name.unwrap_or(k));
        }
    }
    let want: Vec<(String, String)> = ["links", "edges"]
        .iter()
        .flat_map(|f| doc[*f].as_array().into_iter().flatten())
        .filter_map(|l| {
            Some((
                l.get("source").and_then(key)?,
                l.get("target").and_then(key)?,
            ))
        })
        .map(|(a, b)| {
            let name = |k: String| fold(names.get(&k).unwrap_or(&k));
            (name(a), name(b))
        })
        .collect();
    let name_of = |id: &str| {
        fold(as_named(
            &ds.nodes.iter().find(|n| n.id == id).unwrap().name,
            id,
        ))
    };
    let got: Vec<(String, String)> = ds
        .relations()
        .map(|r| (name_of(r.from()), name_of(r.to())))
        .collect();
    assert_eq!(got, want, "links joined other nodes than they name");
}

/// A node's name as its file gave it: without the ` (ID)` a reader adds to
/// a name that reads like another node's (`X` and `x` stay two nodes, the
/// second named `x (x-2)`).
fn as_named<'a>(name: &'a str, id: &str) -> &'a str {
    name.strip_suffix(&format!(" ({id})")).unwrap_or(name)
}

fn csv(bytes: &[u8]) -> String {
    // Read as an edge or node list alone, and beside a node list, which
    // exercises merging nodes across files.
    let nodes = b"id,name,kind\n0,Zero,agency\na,A,state\n\xce\xb1,Alpha,state\n";
    let alone = load(&[("fuzz.csv", bytes)]);
    check_edges_join_the_named_nodes(nodes, bytes);
    load(&[("nodes.csv", nodes), ("fuzz.csv", bytes)]);
    alone
}

/// Every edge read from an edge list joins the nodes its row names: the
/// node list's node for a key it describes (same name after folding), else
/// a node named as the key. Checked on datasets that validate: keys that
/// differ but fold alike are a reported `alias-conflict`, not a silent merge.
fn check_edges_join_the_named_nodes(nodes: &[u8], edges: &[u8]) {
    use coopgraph::names::fold;
    let Ok(ds) = Dataset::from_memory(
        &[("nodes.csv", nodes), ("fuzz.csv", edges)],
        &ImportOptions::default(),
    ) else {
        return;
    };
    if CoopGraph::new(ds.clone()).is_err() {
        return;
    }
    let described: std::collections::HashMap<String, String> =
        [("0", "Zero"), ("a", "A"), ("α", "Alpha")]
            .iter()
            .map(|(k, n)| (fold(k), n.to_string()))
            .collect();
    let text = std::str::from_utf8(edges).unwrap();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut r = ::csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers: Vec<String> = r
        .headers()
        .unwrap()
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let (Some(s), Some(t)) = (
        headers.iter().position(|h| h == "source"),
        headers.iter().position(|h| h == "target"),
    ) else {
        return;
    };
    let rows: std::collections::HashMap<usize, (String, String)> = r
        .records()
        .filter_map(Result::ok)
        .map(|rec| {
            // The line of the record's first character: the csv crate's own
            // line count drifts on blank lines and CRLF, and its offset can
            // be the line break before the record.
            let mut offset = rec
                .position()
                .map_or(0, |p| p.byte() as usize)
                .min(text.len());
            while matches!(text.as_bytes().get(offset), Some(b'\r' | b'\n')) {
                offset += 1;
            }
            let line = 1 + text.as_bytes()[..offset]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            (line, (rec[s].trim().to_string(), rec[t].trim().to_string()))
        })
        .collect();
    let name_of = |id: &str| &ds.nodes.iter().find(|n| n.id == id).unwrap().name;
    for rel in ds.relations() {
        let loc = rel.loc();
        if &*loc.file != "fuzz.csv" {
            continue;
        }
        let Some((a, b)) = rows.get(&loc.line) else {
            panic!(
                "relation at fuzz.csv:{} is on no row of the edge list",
                loc.line
            );
        };
        for (key, id) in [(a, rel.from()), (b, rel.to())] {
            // A node kept apart from one that reads alike is named by its
            // own row; any other by the node list, or by the row.
            let kept_apart = as_named(name_of(id), id) != name_of(id);
            let want = match described.get(&fold(key)) {
                Some(name) if !kept_apart => name,
                _ => key,
            };
            assert_eq!(
                fold(as_named(name_of(id), id)),
                fold(want),
                "line {}: `{key}` joined node {id} named {:?}",
                loc.line,
                name_of(id)
            );
        }
    }
}

/// Loads files, builds the graph and exercises every analysis on it.
fn load(files: &[(&str, &[u8])]) -> String {
    let ds = match Dataset::from_memory(files, &ImportOptions::default()) {
        Ok(ds) => ds,
        Err(e) => return signature("load", &e),
    };
    check_dataset(&ds);
    match CoopGraph::new(ds) {
        Ok(g) => {
            exercise(&g);
            let mut warnings: Vec<&str> = g.warnings.iter().map(|d| d.code).collect();
            warnings.sort_unstable();
            warnings.dedup();
            format!(
                "ok n{} r{} {}",
                g.data.nodes.len().min(3),
                g.data.relation_count().min(3),
                warnings.join(",")
            )
        }
        Err(e) => signature("validate", &e),
    }
}

/// The signature of an error: the sorted set of diagnostic codes. Every
/// diagnostic must name a place in a file that was read.
fn signature(phase: &str, e: &coopgraph::Error) -> String {
    let _ = e.to_string();
    let coopgraph::Error::Data(diags) = e else {
        return format!("{phase}: {e}");
    };
    let mut codes: Vec<&str> = diags.iter().map(|d| d.code).collect();
    for d in diags {
        let text = d.to_string();
        assert!(!text.is_empty());
        if let Some(loc) = &d.loc {
            assert!(
                ["fuzz.json", "fuzz.csv", "nodes.csv"].contains(&&*loc.file),
                "diagnostic in an unknown file: {text}"
            );
            assert!(loc.line >= 1 && loc.column >= 1, "no place: {text}");
        }
    }
    codes.sort_unstable();
    codes.dedup();
    format!("{phase}: {}", codes.join(","))
}

/// What a loaded dataset must satisfy: locations parallel to records.
fn check_dataset(ds: &Dataset) {
    assert_eq!(ds.nodes.len(), ds.node_locs.len());
    assert_eq!(ds.sources.len(), ds.source_locs.len());
}

/// Runs every answer on a graph that validated; checks the invariants the
/// architecture promises.
fn exercise(g: &CoopGraph) {
    let n = g.data.nodes.len();
    assert_eq!(g.node_count(), n);
    assert_eq!(g.relation_count(), g.data.relation_count());
    // Every relation is in the adjacency of both its ends, with its direction.
    for r in 0..g.relation_count() {
        let (a, b) = g.ends(r);
        assert!(g.incidents(a).any(|i| i.relation == r && i.other == b));
        assert!(g.incidents(b).any(|i| i.relation == r && i.other == a));
    }
    // Every id resolves to its own node (ids are unique in a valid dataset).
    for (i, node) in g.data.nodes.iter().enumerate() {
        assert_eq!(g.index_of(&node.id), Some(i));
        if let Ok(j) = g.resolve(&node.id) {
            assert_eq!(j, i, "id {:?} resolves to another node", node.id);
        }
        let _ = g.display_name(i, Lang::SV);
    }
    // A valid dataset serialises and reads back to the same records.
    let file = coopgraph::model::DatasetFile {
        schema: None,
        sources: g.data.sources.clone(),
        nodes: g.data.nodes.clone(),
        relations: g.data.relation_records(),
    };
    let text = serde_json::to_string(&file).expect("a dataset serialises");
    let back = Dataset::from_str("roundtrip.json", &text).expect("a valid dataset reads back");
    assert_eq!(
        serde_json::to_string(&back.nodes).unwrap(),
        serde_json::to_string(&g.data.nodes).unwrap()
    );
    assert_eq!(
        serde_json::to_string(&back.relation_records()).unwrap(),
        serde_json::to_string(&g.data.relation_records()).unwrap()
    );

    use coopgraph::analysis::*;
    let view = View::full(g);
    let _ = summary::summary(g, Lang::EN);
    let as_of = coopgraph::date::Day {
        year: 2026,
        month: 1,
        day: 1,
    };
    for i in (0..n).take(12) {
        let _ = serde_json::to_string(&show::show(g, i, Lang::EN)).unwrap();
        let _ = timeline::timeline(&view, i, as_of, Lang::SV);
        let _ = ego::ego(&view, i, 2, Lang::EN);
        let _ = find::find(g, &g.data.nodes[i].name, Lang::EN);
    }
    if n >= 2 {
        let _ = path::paths(&view, 0, n - 1, 6, true, 20, Lang::EN);
        let _ = shared::shared(&view, &[0, n - 1], Via::Any, Lang::EN);
    }
    for kind in NodeKind::ALL {
        let _ = overlap::overlap(&view, kind, Via::Any, 10, Lang::EN);
    }
    for (kind, weight) in [
        (ViewKind::Full, WeightBy::Shared),
        (ViewKind::Actors, WeightBy::Shared),
        (ViewKind::Actors, WeightBy::Years),
    ] {
        let net = Network::of_view(&view, kind, weight, &[]);
        check_network(&net);
        if net.node_count() <= 2_000 {
            let opts = coopgraph::metrics::Options::default();
            if let Ok(t) =
                coopgraph::metrics::compute(&net, &coopgraph::metrics::Metric::ALL, &opts)
            {
                for col in &t.values {
                    assert_eq!(col.len(), net.node_count());
                    assert!(col.iter().all(|v| v.is_finite()), "a metric is not finite");
                }
            }
            let _ = coopgraph::metrics::graph_measures(&net);
            let method = coopgraph::metrics::community::Method::Louvain;
            let _ = coopgraph::metrics::community::communities(&net, method, 1.0, 1);
        }
    }
}

/// The CSR invariants: sorted neighbours, no self-loops, symmetric ties.
fn check_network(net: &Network) {
    for u in 0..net.node_count() {
        let nb = net.neighbours(u);
        assert!(nb.windows(2).all(|w| w[0] < w[1]), "unsorted neighbours");
        assert!(!nb.contains(&u), "self-loop");
        for (k, &v) in nb.iter().enumerate() {
            let back = net.neighbours(v).binary_search(&u).expect("asymmetric tie");
            assert_eq!(net.weights(u)[k], net.weights(v)[back], "asymmetric weight");
        }
    }
}

/// A partial date: if it parses, its span is ordered and valid, and the
/// text it writes parses back to the same date.
fn date(bytes: &[u8]) -> String {
    let s = String::from_utf8_lossy(bytes);
    match s.parse::<PartialDate>() {
        Ok(d) => {
            let (a, b) = (d.earliest(), d.latest());
            assert!(a <= b, "{s:?}: span {a}..{b} is reversed");
            for day in [a, b] {
                assert!((1..=12).contains(&day.month), "{s:?}: month {}", day.month);
                assert!(
                    day.day >= 1 && day.day <= days_in_month(day.year, day.month),
                    "{s:?}: day {day}"
                );
            }
            let again: PartialDate = d
                .text()
                .parse()
                .unwrap_or_else(|e| panic!("{s:?} writes {:?}, which fails: {e}", d.text()));
            assert_eq!(again, d, "{s:?} does not round-trip through {:?}", d.text());
            format!("ok {:?} {}", d.precision, d.derived.is_some())
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(!msg.is_empty());
            // Messages quote the input first; their last words tell the
            // kinds of error apart.
            let words: Vec<&str> = msg.split(' ').collect();
            let kind: String = words[words.len().saturating_sub(3)..]
                .join(" ")
                .chars()
                .map(|c| if c.is_ascii_digit() { '#' } else { c })
                .collect();
            format!("err {kind}")
        }
    }
}

/// Name resolution against the embedded dataset.
fn resolve(bytes: &[u8]) -> String {
    static G: LazyLock<CoopGraph> = LazyLock::new(|| CoopGraph::embedded().unwrap());
    let s = String::from_utf8_lossy(bytes);
    let _ = coopgraph::names::fold(&s);
    let _ = coopgraph::import::slug(&s);
    let _ = coopgraph::analysis::find::find(&G, &s, Lang::EN);
    match G.resolve(&s) {
        Ok(i) => {
            assert!(i < G.data.nodes.len());
            // Resolving is idempotent: the node's own id names it.
            assert_eq!(G.resolve(&G.node(i).id).ok(), Some(i));
            "ok".into()
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(!msg.is_empty());
            format!("err {}", msg.contains("ambiguous"))
        }
    }
}

// ------------------------------------------------------------ interchange

use coopgraph::diagnostic::Diagnostic;
use coopgraph::import::Imported;
use coopgraph::interchange::{self, Export, Format};

/// A GraphML document, read as `coopgraph import --from graphml` reads it.
fn graphml(bytes: &[u8]) -> String {
    interchange_reader(bytes, Format::Graphml, "fuzz.graphml", |text, diags| {
        interchange::graphml::read("fuzz.graphml", text, &ImportOptions::default(), diags)
    })
}

/// A GEXF document, read as `coopgraph import --from gexf` reads it.
fn gexf(bytes: &[u8]) -> String {
    interchange_reader(bytes, Format::Gexf, "fuzz.gexf", |text, diags| {
        coopgraph::import::gexf::read("fuzz.gexf", text, &ImportOptions::default(), diags)
    })
}

/// FollowTheMoney JSON lines, read as `coopgraph import --from ftm` does.
fn ftm(bytes: &[u8]) -> String {
    interchange_reader(bytes, Format::Ftm, "fuzz.ftm", |text, diags| {
        interchange::ftm::read("fuzz.ftm", text, &ImportOptions::default(), diags)
    })
}

/// The three files of a CSV folder (`interchange::csv::read`), held in one
/// input as sections that start with a line `--- NAME ---`.
fn csv_folder(bytes: &[u8]) -> String {
    interchange_reader(bytes, Format::Csv, "fuzz", |text, diags| {
        let mut b = coopgraph::import::Builder::new("fuzz", &ImportOptions::default());
        for (name, body) in folder_sections(text) {
            coopgraph::import::csv_rows(&mut b, &format!("fuzz/{name}"), &body, diags);
        }
        b.finish(diags)
    })
}

/// `--- sources.csv ---` sections, in the order the folder reader takes
/// them (sources, nodes, edges); text before the first marker is ignored.
fn folder_sections(text: &str) -> Vec<(&'static str, String)> {
    let mut found: Vec<(&'static str, String)> = Vec::new();
    let mut current: Option<usize> = None;
    for line in text.split_inclusive('\n') {
        let marker = interchange::csv::FILES
            .iter()
            .find(|f| line.trim_end() == format!("--- {f} ---"));
        if let Some(f) = marker {
            current = Some(found.len());
            found.push((f, String::new()));
        } else if let Some(i) = current {
            found[i].1.push_str(line);
        }
    }
    let order = |n: &str| interchange::csv::FILES.iter().position(|f| *f == n);
    found.sort_by_key(|(n, _)| order(n));
    found.dedup_by_key(|(n, _)| *n);
    found
}

/// The inverse of [`folder_sections`], for an export.
fn as_folder(files: &[interchange::OutputFile]) -> String {
    let mut out = String::new();
    for name in interchange::csv::FILES {
        if let Some((_, bytes)) = files.iter().find(|(n, _)| *n == Some(name)) {
            out.push_str(&format!("--- {name} ---\n"));
            out.push_str(std::str::from_utf8(bytes).expect("an export is UTF-8"));
        }
    }
    out
}

/// Runs a reader of other tools' files and checks what it read:
/// - every diagnostic is located in the file, at line and column ≥ 1;
/// - the records make a dataset file that serialises and parses again;
/// - if that dataset validates and the reader reported nothing, exporting
///   it in the same format and reading the export gives the same dataset
///   (an exported file is one this reader takes exactly).
fn interchange_reader(
    bytes: &[u8],
    format: Format,
    file: &str,
    read: impl Fn(&str, &mut Vec<Diagnostic>) -> Imported,
) -> String {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return "not utf-8".into(); // `load::read_text` refuses it first
    };
    let mut diags = Vec::new();
    let imp = read(text, &mut diags);
    for d in &diags {
        let shown = d.to_string();
        let loc = d.loc.as_ref().expect("a reader's diagnostic has a place");
        assert!(
            loc.file.starts_with(file) && loc.line >= 1 && loc.column >= 1,
            "diagnostic without a place in the file: {shown}"
        );
    }
    let mut codes: Vec<&str> = diags.iter().map(|d| d.code).collect();
    codes.sort_unstable();
    codes.dedup();
    let dataset = imp.to_file();
    let json = serde_json::to_string(&dataset).expect("a dataset serialises");
    let ds = Dataset::from_str("imported.json", &json)
        .unwrap_or_else(|e| panic!("an imported dataset does not read back: {e}"));
    check_dataset(&ds);
    let Ok(g) = CoopGraph::new(ds) else {
        return format!("invalid {}", codes.join(","));
    };
    if !diags.is_empty() {
        return format!("valid, reported {}", codes.join(","));
    }
    let files = interchange::export(&Export::full(&View::full(&g)), format)
        .expect("a full export always has a form");
    let again = match format {
        Format::Csv => as_folder(&files),
        _ => String::from_utf8(files[0].1.clone()).expect("an export is UTF-8"),
    };
    let mut diags = Vec::new();
    let back = read(&again, &mut diags).to_file();
    assert!(
        diags.is_empty(),
        "the export of a valid import is reported: {}",
        diags[0]
    );
    assert_eq!(
        serde_json::to_value(&back).unwrap(),
        serde_json::to_value(&dataset).unwrap(),
        "export, then import, changed the dataset"
    );
    format!(
        "ok n{} r{}",
        g.data.nodes.len().min(3),
        g.data.relation_count().min(3)
    )
}

/// The report spec (TOML). A spec that parses has ids that are unique
/// file-name stems, an `actor` for every timeline, and no field its
/// figure's kind ignores; its selections resolve or fail with a message.
/// An error names a place in the file.
fn report_spec(bytes: &[u8]) -> String {
    use coopgraph::report::spec::{FigureKind, ReportSpec};
    static G: LazyLock<CoopGraph> = LazyLock::new(|| CoopGraph::embedded().unwrap());
    let Ok(text) = std::str::from_utf8(bytes) else {
        return "not utf-8".into();
    };
    match ReportSpec::parse("fuzz.toml", text) {
        Ok(spec) => {
            let ids: Vec<&str> = spec
                .figures
                .iter()
                .map(|f| f.id.as_str())
                .chain(spec.tables.iter().map(|t| t.id.as_str()))
                .collect();
            let unique: HashSet<&str> = ids.iter().copied().collect();
            assert_eq!(unique.len(), ids.len(), "duplicate ids: {ids:?}");
            for id in &ids {
                assert!(
                    !id.is_empty()
                        && id.len() <= 64
                        && id
                            .bytes()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-'),
                    "id {id:?} is not a file-name stem"
                );
            }
            for f in &spec.figures {
                match f.kind {
                    FigureKind::Timeline => assert!(f.actor.is_some(), "{:?} has no actor", f.id),
                    FigureKind::Network => assert!(f.actor.is_none() && f.rows.is_none()),
                    FigureKind::Heatmap => assert!(f.actor.is_none() && f.layout.is_none()),
                }
                if let Err(e) = f.select.resolve(&G) {
                    assert!(!e.to_string().is_empty());
                }
            }
            assert_eq!(
                ReportSpec::parse("fuzz.toml", text).ok().as_ref(),
                Some(&spec),
                "parsing is not deterministic"
            );
            format!(
                "ok f{} t{}",
                spec.figures.len().min(3),
                spec.tables.len().min(3)
            )
        }
        Err(coopgraph::Error::Spec(diags)) => {
            let mut codes: Vec<&str> = diags.iter().map(|d| d.code).collect();
            for d in &diags {
                let loc = d.loc.as_ref().expect("a spec error has a place");
                assert!(&*loc.file == "fuzz.toml" && loc.line >= 1 && loc.column >= 1);
                let _ = d.to_string();
            }
            codes.sort_unstable();
            codes.dedup();
            format!("err {}", codes.join(","))
        }
        Err(e) => panic!("a spec error that is not a located diagnostic: {e}"),
    }
}

// --------------------------------------------------------------- mutation

/// Tokens worth inserting: JSON punctuation, numbers at the edges, hostile
/// text, and every field name and enum value of the dataset schema.
static DICTIONARY: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut d: Vec<String> = [
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"",
        "\\",
        "\\u0000",
        "\\ud800",
        "null",
        "true",
        "false",
        "0",
        "-1",
        "1e309",
        "-0",
        "1.5",
        "18446744073709551616",
        "NaN",
        "\n",
        "\r\n",
        "\t",
        " ",
        "\u{feff}",
        "\u{202e}",
        "é",
        "ß",
        "İ",
        "ﬁ",
        "😀",
        "<script>",
        "&amp;",
        "-",
        "+",
        "years",
        "months",
        "spring",
        "winter",
        "9999",
        "0000",
        "2024-02-29",
        "2023-02-29",
        "9999-12 + 1 month",
        "0000 - 1 year",
        "autumn 2021",
        "source",
        "target",
        "weight",
        "relation",
        "links",
        "edges",
        "directed",
        "multigraph",
        "label",
        "\"\"",
        ",,",
        "\"a\"\"b\"",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    if let Ok(text) = std::fs::read_to_string("data/schema.json")
        && let Ok(schema) = serde_json::from_str::<Value>(&text)
    {
        collect_schema_words(&schema, &mut d);
    }
    d.sort();
    d.dedup();
    d
});

fn collect_schema_words(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                if k == "properties"
                    && let Value::Object(props) = v
                {
                    out.extend(props.keys().cloned());
                }
                if k == "enum" || k == "const" {
                    match v {
                        Value::Array(a) => {
                            out.extend(a.iter().filter_map(|x| x.as_str().map(String::from)))
                        }
                        Value::String(s) => out.push(s.clone()),
                        _ => {}
                    }
                }
                collect_schema_words(v, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| collect_schema_words(x, out)),
        _ => {}
    }
}

fn mutate(rng: &mut ChaCha8Rng, input: &[u8], corpus: &[Vec<u8>], json: bool) -> Vec<u8> {
    let mut out = input.to_vec();
    // Stack a few mutations.
    for _ in 0..rng.random_range(1..=4) {
        if json
            && rng.random_bool(0.5)
            && let Some(m) = mutate_json(rng, &out, corpus)
        {
            out = m;
            continue;
        }
        mutate_bytes(rng, &mut out, corpus);
    }
    out.truncate(MAX_INPUT);
    out
}

fn mutate_bytes(rng: &mut ChaCha8Rng, b: &mut Vec<u8>, corpus: &[Vec<u8>]) {
    let pos = |rng: &mut ChaCha8Rng, b: &Vec<u8>| rng.random_range(0..=b.len());
    match rng.random_range(0..9) {
        0 if !b.is_empty() => {
            let i = rng.random_range(0..b.len());
            b[i] ^= 1 << rng.random_range(0..8);
        }
        1 if !b.is_empty() => {
            let i = rng.random_range(0..b.len());
            b[i] = rng.random();
        }
        2 => {
            let i = pos(rng, b);
            let tok = &DICTIONARY[rng.random_range(0..DICTIONARY.len())];
            b.splice(i..i, tok.bytes());
        }
        3 if !b.is_empty() => {
            let i = rng.random_range(0..b.len());
            let j = (i + rng.random_range(1..=16)).min(b.len());
            b.drain(i..j);
        }
        4 if !b.is_empty() => {
            // Duplicate a range (repeated records, long names).
            let i = rng.random_range(0..b.len());
            let j = (i + rng.random_range(1..=64)).min(b.len());
            let chunk = b[i..j].repeat(rng.random_range(1..=8));
            b.splice(j..j, chunk);
        }
        5 if !corpus.is_empty() => {
            // Splice in part of another input.
            let other = &corpus[rng.random_range(0..corpus.len())];
            if !other.is_empty() {
                let i = rng.random_range(0..other.len());
                let j = (i + rng.random_range(1..=256)).min(other.len());
                let at = pos(rng, b);
                b.splice(at..at, other[i..j].iter().copied());
            }
        }
        6 => {
            let i = pos(rng, b);
            b.truncate(i);
        }
        7 if !b.is_empty() => {
            // Replace a digit run with an extreme number.
            let i = rng.random_range(0..b.len());
            if b[i].is_ascii_digit() {
                let mut j = i;
                while j < b.len() && b[j].is_ascii_digit() {
                    j += 1;
                }
                let n = ["0", "9999", "4294967296", "99999999999999999999", "00", "1"]
                    [rng.random_range(0..6)];
                b.splice(i..j, n.bytes());
            }
        }
        _ => {
            let i = pos(rng, b);
            b.insert(i, rng.random());
        }
    }
}

/// A structural mutation of a JSON document: a random value replaced,
/// removed or copied, so that the result still parses and reaches the
/// readers' later stages.
fn mutate_json(rng: &mut ChaCha8Rng, input: &[u8], corpus: &[Vec<u8>]) -> Option<Vec<u8>> {
    let mut doc: Value = serde_json::from_slice(input).ok()?;
    // Strings already in the document: ids and names to cross-wire.
    let mut strings = Vec::new();
    collect_strings(&doc, &mut strings);
    let donor = corpus
        .get(rng.random_range(0..corpus.len().max(1)))
        .and_then(|c| serde_json::from_slice::<Value>(c).ok());
    let count = count_values(&doc);
    let target = rng.random_range(0..count);
    let mut k = 0;
    let pick_string = |rng: &mut ChaCha8Rng| -> Value {
        match rng.random_range(0..3) {
            0 if !strings.is_empty() => {
                Value::String(strings[rng.random_range(0..strings.len())].clone())
            }
            1 => Value::String(DICTIONARY[rng.random_range(0..DICTIONARY.len())].clone()),
            _ => Value::String(HOSTILE[rng.random_range(0..HOSTILE.len())].to_string()),
        }
    };
    let replacement = match rng.random_range(0..8) {
        0..=3 => pick_string(rng),
        4 => serde_json::json!([-1, 0, 1e300, 4294967296u64, 1.5])[rng.random_range(0..5)].clone(),
        5 => [
            Value::Null,
            Value::Bool(true),
            serde_json::json!([]),
            serde_json::json!({}),
        ][rng.random_range(0..4)]
        .clone(),
        _ => donor
            .as_ref()
            .and_then(|d| nth_value(d, rng.random_range(0..count_values(d))))
            .unwrap_or(Value::Null),
    };
    let op = rng.random_range(0..3);
    edit(
        &mut doc,
        target,
        &mut k,
        &mut |v: &mut Value| match (op, v) {
            (0, Value::Array(a)) if !a.is_empty() => {
                let i = rng.random_range(0..a.len());
                let x = a[i].clone();
                a.insert(i, x);
            }
            (1, Value::Array(a)) if !a.is_empty() => {
                a.remove(rng.random_range(0..a.len()));
            }
            (1, Value::Object(m)) if !m.is_empty() => {
                let key = m.keys().nth(rng.random_range(0..m.len())).cloned().unwrap();
                m.remove(&key);
            }
            (2, Value::Object(m)) => {
                let key = DICTIONARY[rng.random_range(0..DICTIONARY.len())].clone();
                m.insert(key, replacement.clone());
            }
            (_, v) => *v = replacement.clone(),
        },
    );
    serde_json::to_vec_pretty(&doc).ok()
}

fn collect_strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| collect_strings(x, out)),
        Value::Object(m) => m.values().for_each(|x| collect_strings(x, out)),
        _ => {}
    }
}

fn count_values(v: &Value) -> usize {
    1 + match v {
        Value::Array(a) => a.iter().map(count_values).sum(),
        Value::Object(m) => m.values().map(count_values).sum(),
        _ => 0,
    }
}

fn nth_value(v: &Value, n: usize) -> Option<Value> {
    let mut k = 0;
    let mut found = None;
    let mut v = v.clone();
    edit(&mut v, n, &mut k, &mut |x: &mut Value| {
        found = Some(x.clone())
    });
    found
}

/// Applies `f` to the `target`-th value in pre-order.
fn edit(v: &mut Value, target: usize, k: &mut usize, f: &mut dyn FnMut(&mut Value)) -> bool {
    if *k == target {
        f(v);
        return true;
    }
    *k += 1;
    match v {
        Value::Array(a) => a.iter_mut().any(|x| edit(x, target, k, f)),
        Value::Object(m) => m.values_mut().any(|x| edit(x, target, k, f)),
        _ => false,
    }
}

/// The hostile strings of `tests/support/hostile.rs`, as mutation material.
#[path = "../support/hostile.rs"]
mod hostile;
static HOSTILE: LazyLock<Vec<&str>> = LazyLock::new(|| {
    hostile::strings()
        .chain(["", " ", "\u{feff}", "ǅ ﬀ İ ẞ"])
        .collect()
});

// ----------------------------------------------------------------- driver

struct Args {
    seconds: Option<u64>,
    iterations: Option<u64>,
    seed: u64,
    filters: Vec<String>,
}

fn parse_args() -> Args {
    let mut args = Args {
        seconds: None,
        iterations: None,
        seed: 0,
        filters: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut num = |what: &str| -> u64 {
            it.next()
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| panic!("{what} needs a number"))
        };
        match a.as_str() {
            "--seconds" => args.seconds = Some(num("--seconds")),
            "--iterations" => args.iterations = Some(num("--iterations")),
            "--seed" => args.seed = num("--seed"),
            // libtest options cargo may pass (--quiet, --nocapture…).
            s if s.starts_with('-') => {}
            s => args.filters.push(s.to_string()),
        }
    }
    args
}

fn files_in(spec: &str, exts: &[&str]) -> Vec<PathBuf> {
    let p = Path::new(spec);
    if p.is_file() {
        return vec![p.to_path_buf()];
    }
    let mut v: Vec<PathBuf> = std::fs::read_dir(p)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.retain(|f| {
        f.is_file()
            && (exts.is_empty()
                || f.extension()
                    .is_some_and(|e| exts.iter().any(|x| e.eq_ignore_ascii_case(x))))
    });
    v.sort();
    v
}

fn seeds(t: &Target) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for spec in t.seeds {
        for f in files_in(spec, t.exts) {
            let bytes = std::fs::read(&f).unwrap();
            if f.extension().is_some_and(|e| e == "txt") {
                out.extend(
                    String::from_utf8_lossy(&bytes)
                        .lines()
                        .map(|l| l.replace("\\n", "\n").into_bytes()),
                );
            } else {
                out.push(bytes);
            }
        }
    }
    assert!(!out.is_empty(), "target {} has no seeds", t.name);
    out
}

fn regressions(t: &Target) -> Vec<(PathBuf, Vec<u8>)> {
    files_in(&format!("tests/fixtures/fuzz/regressions/{}", t.name), &[])
        .into_iter()
        .map(|f| {
            let b = std::fs::read(&f).unwrap();
            (f, b)
        })
        .collect()
}

static PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Runs one input; `Err` describes a failure.
fn execute(t: &Target, input: &[u8]) -> Result<String, String> {
    *PANIC.lock().unwrap() = None;
    let start = Instant::now();
    let out = std::panic::catch_unwind(AssertUnwindSafe(|| (t.run)(input)));
    let took = start.elapsed();
    match out {
        Ok(sig) if took <= SLOW => Ok(sig),
        Ok(_) => Err(format!("slow input: {took:.1?} (limit {SLOW:?})")),
        Err(_) => Err(PANIC
            .lock()
            .unwrap()
            .take()
            .unwrap_or_else(|| "panic".into())),
    }
}

fn save_crash(t: &Target, input: &[u8]) -> PathBuf {
    let dir = Path::new("target/fuzz-crashes");
    std::fs::create_dir_all(dir).unwrap();
    // FNV-1a: a stable name for the same input.
    let h = input.iter().fold(0xcbf29ce484222325u64, |h, &b| {
        (h ^ b as u64).wrapping_mul(0x100000001b3)
    });
    let p = dir.join(format!("{}-{h:016x}", t.name));
    std::fs::write(&p, input).unwrap();
    p
}

fn report(t: &Target, input: &[u8], why: &str, origin: &str) {
    let preview: String = String::from_utf8_lossy(&input[..input.len().min(300)])
        .escape_debug()
        .collect();
    println!("FAILED fuzz target {} ({origin}): {why}", t.name);
    if origin.starts_with("mutation") {
        let p = save_crash(t, input);
        println!(
            "  input saved to {}; add it to tests/fixtures/fuzz/regressions/{}/",
            p.display(),
            t.name
        );
    }
    println!("  input ({} bytes): \"{preview}\"", input.len());
}

fn main() {
    let args = parse_args();
    // Quiet panics: the driver reports them with the input.
    std::panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let at = info
            .location()
            .map(|l| format!(" at {l}"))
            .unwrap_or_default();
        *PANIC.lock().unwrap() = Some(format!("panicked: {msg}{at}"));
    }));
    // Paths are relative to the package root, as under `cargo test`.
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).unwrap();
    let mut failed = 0;
    let mut total = 0u64;
    let mut ran = 0;
    for t in TARGETS {
        if !args.filters.is_empty() && !args.filters.iter().any(|f| t.name.contains(f.as_str())) {
            continue;
        }
        ran += 1;
        let started = Instant::now();
        let mut ok = true;
        // Regressions and seeds first: these must always pass.
        for (path, input) in regressions(t) {
            if let Err(why) = execute(t, &input) {
                report(t, &input, &why, &format!("regression {}", path.display()));
                ok = false;
            }
        }
        let mut corpus = seeds(t);
        let mut seen = HashSet::new();
        for input in &corpus {
            match execute(t, input) {
                Ok(sig) => {
                    seen.insert(sig);
                }
                Err(why) => {
                    report(t, input, &why, "seed");
                    ok = false;
                }
            }
        }
        let mut rng = ChaCha8Rng::seed_from_u64(args.seed ^ fnv(t.name));
        let deadline = args.seconds.map(|s| started + Duration::from_secs(s));
        let limit = args.iterations.unwrap_or(if deadline.is_some() {
            u64::MAX
        } else {
            SMOKE_ITERATIONS
        });
        let mut n = 0;
        while ok && n < limit && deadline.is_none_or(|d| Instant::now() < d) {
            let base = &corpus[rng.random_range(0..corpus.len())];
            let input = mutate(&mut rng, base, &corpus, t.json);
            n += 1;
            match execute(t, &input) {
                Ok(sig) => {
                    // New behaviour: keep the input to build on.
                    if seen.insert(sig) && corpus.len() < 4096 {
                        corpus.push(input);
                    }
                }
                Err(why) => {
                    report(
                        t,
                        &input,
                        &why,
                        &format!("mutation {n}, seed {}", args.seed),
                    );
                    ok = false;
                }
            }
        }
        total += n;
        println!(
            "fuzz {:<13} {:>8} inputs in {:>6.1} s, {} outcomes, corpus {}: {}",
            t.name,
            n,
            started.elapsed().as_secs_f64(),
            seen.len(),
            corpus.len(),
            if ok { "ok" } else { "FAILED" }
        );
        failed += usize::from(!ok);
    }
    if failed > 0 {
        println!("\ntest result: FAILED. {failed} fuzz target(s) failed");
        std::process::exit(1);
    }
    println!("\ntest result: ok. {ran} fuzz targets, {total} mutated inputs, no failure");
}

fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100000001b3)
    })
}
