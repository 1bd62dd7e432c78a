//! Readers and Graphviz (issue 14, items 17–19 and 10): foreign files whose
//! ids differ only in case or punctuation stay distinct nodes; every
//! message of an import says what happened (unknown columns and attributes
//! named with their counts, an exact "rows left out" count, a nested value
//! not taken for a missing id); a file of a format coopgraph does not read
//! is refused with the formats it reads and the `import` command; Graphviz
//! runs under a timeout and dies with coopgraph.

mod support;

use std::path::Path;
use support::{coopgraph, write};

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn dataset(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

// ---- 17. ids that differ only in case or punctuation ----

#[test]
fn csv_ids_differing_in_case_or_punctuation_stay_distinct_nodes() {
    let dir = tempfile::tempdir().unwrap();
    let edges = write(
        &dir,
        "edges.csv",
        "source,target\nA B,a-b\nParis,x\nparis,y\n",
    );
    // Read as --data: no refusal of the whole file.
    let out = coopgraph()
        .args(["summary", "--data"])
        .arg(&edges)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("6 nodes, 3 relations"), "{text}");
    // Imported: six nodes, each file id kept apart, and the renamed nodes
    // are reported at their row, naming the row they collide with.
    let target = dir.path().join("out.json");
    let out = coopgraph()
        .arg("import")
        .arg(&edges)
        .arg("-o")
        .arg(&target)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    let file = edges.display().to_string();
    assert!(
        err.contains(&format!("{file}:2:")) && err.contains("line 2"),
        "{err}"
    );
    assert!(
        err.contains(&format!("{file}:4:")) && err.contains("line 3"),
        "{err}"
    );
    let ds = dataset(&target);
    let names: Vec<&str> = ds["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 6, "{names:?}");
    assert!(
        names.contains(&"A B") && names.contains(&"Paris"),
        "{names:?}"
    );
    // Both spellings can still be looked up, each to its own node.
    for (name, id) in [
        ("A B", "a-b"),
        ("a-b-2", "a-b-2"),
        ("Paris", "paris"),
        ("paris-2", "paris-2"),
    ] {
        let shown = support::json(&["show", name, "--data", &file]);
        assert_eq!(shown["id"], id, "{name}: {shown}");
    }
}

#[test]
fn node_list_whose_labels_repeat_ids_differing_in_case_stays_distinct() {
    // Gephi writes `Label` as a copy of `Id`.
    let dir = tempfile::tempdir().unwrap();
    let nodes = write(&dir, "nodes.csv", "Id,Label\nParis,Paris\nparis,paris\n");
    let out = coopgraph()
        .args(["summary", "--data"])
        .arg(&nodes)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("2 nodes"));
    assert!(stderr(&out).contains("warning[name-clash]"));
}

#[test]
fn graphml_ids_differing_in_case_stay_distinct_nodes() {
    let dir = tempfile::tempdir().unwrap();
    let g = write(
        &dir,
        "g.graphml",
        "<graphml><graph><node id=\"Paris\"/><node id=\"paris\"/>\
         <edge source=\"Paris\" target=\"paris\"/></graph></graphml>",
    );
    let out = coopgraph()
        .args(["summary", "--data"])
        .arg(&g)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("2 nodes, 1 relations"));
}

// ---- 18. every message says what happened ----

#[test]
fn csv_unknown_column_is_a_warning_and_the_count_of_rows_left_out_is_exact() {
    let dir = tempfile::tempdir().unwrap();
    let edges = write(
        &dir,
        "edges.csv",
        "source,target,colour,size\na,b,red,1\nb,c,blue,2\nc,d,green,3\n",
    );
    let target = dir.path().join("out.json");
    let out = coopgraph()
        .arg("import")
        .arg(&edges)
        .arg("-o")
        .arg(&target)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        !err.contains("error"),
        "an ignored column is no error: {err}"
    );
    assert!(err.contains("warning[unknown-column]"), "{err}");
    assert!(
        err.contains("0 rows left out") && err.contains("columns not read: colour, size"),
        "{err}"
    );
    assert_eq!(dataset(&target)["relations"].as_array().unwrap().len(), 3);
    // The same file as --data: read, with the warning.
    let out = coopgraph()
        .args(["summary", "--data"])
        .arg(&edges)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("warning[unknown-column]"));
    // A row really left out is counted, and only it.
    let bad = write(
        &dir,
        "bad.csv",
        "source,target,weight,colour\na,b,1,red\nb,c,heavy,blue\n",
    );
    let out = coopgraph()
        .arg("import")
        .arg(&bad)
        .arg("-o")
        .arg(dir.path().join("bad.json"))
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("; 1 row left out"), "{err}");
}

#[test]
fn graphml_and_node_link_name_the_attributes_they_do_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let g = write(
        &dir,
        "g.graphml",
        "<graphml><key id=\"d0\" for=\"node\" attr.name=\"color\"/>\
         <key id=\"d1\" for=\"edge\" attr.name=\"width\"/><graph>\
         <node id=\"a\"><data key=\"d0\">red</data></node>\
         <node id=\"b\"><data key=\"d0\">blue</data></node>\
         <edge source=\"a\" target=\"b\"><data key=\"d1\">3</data></edge></graph></graphml>",
    );
    let nl = write(
        &dir,
        "nl.json",
        r#"{"directed": true, "nodes": [{"id": "a", "colour": "red"}, {"id": "b", "colour": "x"}],
            "links": [{"source": "a", "target": "b", "w2": 1}]}"#,
    );
    for (input, want) in [
        (&g, ["`color` (2 nodes)", "`width` (1 edge)"]),
        (&nl, ["`colour` (2 nodes)", "`w2` (1 edge)"]),
    ] {
        let out = coopgraph()
            .arg("import")
            .arg(input)
            .arg("-o")
            .arg(dir.path().join("out.json"))
            .arg("--force")
            .output()
            .unwrap();
        let err = stderr(&out);
        assert!(out.status.success(), "{err}");
        assert!(err.contains("warning[unknown-attribute]"), "{err}");
        for w in want {
            assert!(err.contains(w), "{}: {w} in {err}", input.display());
        }
    }
}

#[test]
fn node_link_deeply_nested_attribute_is_not_reported_as_a_missing_id() {
    let dir = tempfile::tempdir().unwrap();
    let deep = format!("{}{}", "[".repeat(300), "]".repeat(300));
    let nl = write(
        &dir,
        "deep.json",
        format!(
            "{{\"nodes\": [{{\"id\": \"a\", \"extra\": {deep}}}, {{\"id\": \"b\"}}], \"links\": []}}"
        ),
    );
    let out = coopgraph()
        .arg("import")
        .arg(&nl)
        .arg("-o")
        .arg(dir.path().join("out.json"))
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(!err.contains("needs an `id`"), "{err}");
    assert!(err.contains("nested too deeply"), "{err}");
}

// ---- 19. files of a format coopgraph does not read ----

#[test]
fn unknown_formats_name_the_formats_read_and_the_import_command() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        write(&dir, "notes.txt", "Meeting notes: call the council.\n"),
        write(
            &dir,
            "x.xml",
            "<?xml version=\"1.0\"?>\n<html><body>not a graph</body></html>\n",
        ),
        write(
            &dir,
            "file.parquet",
            b"PAR1\x00\x15\x04\x15\xff\xfe\x00PAR1",
        ),
    ];
    for f in &files {
        let out = coopgraph()
            .args(["summary", "--data"])
            .arg(f)
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{}: {err}", f.display());
        for word in [
            "not a format coopgraph reads",
            "GraphML",
            "GEXF",
            "CSV",
            "coopgraph import",
        ] {
            assert!(err.contains(word), "{}: `{word}` in {err}", f.display());
        }
        let out = coopgraph()
            .arg("import")
            .arg(f)
            .arg("-o")
            .arg(dir.path().join("out.json"))
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{}: {err}", f.display());
        assert!(
            err.contains("not a format coopgraph reads") && err.contains("--from"),
            "{}: {err}",
            f.display()
        );
    }
}

// ---- 10. Graphviz under a timeout, and killed with coopgraph ----

/// A folder with a fake `dot` that answers `-V` and otherwise writes its
/// process id to `pid` and sleeps.
#[cfg(unix)]
fn sleeping_dot(dir: &Path) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let script = format!(
        "#!/bin/sh\nif [ \"$1\" = -V ]; then echo 'dot - graphviz version 9.9.9 (0)' >&2; exit 0; fi\n\
         echo $$ > '{}'\nexec sleep 30\n",
        dir.join("pid").display()
    );
    let dot = write(&bin, "dot", script);
    std::fs::set_permissions(&dot, std::fs::Permissions::from_mode(0o755)).unwrap();
    bin
}

#[cfg(unix)]
fn path_with(bin: &Path) -> std::ffi::OsString {
    let mut paths = vec![bin.to_path_buf()];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(paths).unwrap()
}

/// Whether process `pid` is gone (or a zombie waiting for its new parent).
#[cfg(unix)]
fn gone(pid: &str) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/status")) {
        Err(_) => true,
        Ok(s) => s
            .lines()
            .any(|l| l.starts_with("State:") && l.contains('Z')),
    }
}

#[cfg(unix)]
#[test]
fn graphviz_that_does_not_finish_is_stopped_at_the_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let bin = sleeping_dot(dir.path());
    let started = std::time::Instant::now();
    let out = coopgraph()
        .env("PATH", path_with(&bin))
        .args(["render", "--engine", "graphviz", "--graphviz-timeout", "1"])
        .arg("-o")
        .arg(dir.path().join("g.svg"))
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(started.elapsed().as_secs() < 20, "waited for dot: {err}");
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("Graphviz did not finish within 1 s") && err.contains("--graphviz-timeout"),
        "{err}"
    );
    let pid = std::fs::read_to_string(dir.path().join("pid")).unwrap();
    assert!(gone(pid.trim()), "dot {pid} still runs");
    assert!(!dir.path().join("g.svg").exists());
}

#[cfg(target_os = "linux")]
#[test]
fn graphviz_dies_with_coopgraph() {
    let dir = tempfile::tempdir().unwrap();
    let bin = sleeping_dot(dir.path());
    let exe = assert_cmd::cargo::cargo_bin("coopgraph");
    let mut child = std::process::Command::new(exe)
        .env("PATH", path_with(&bin))
        .args(["render", "--engine", "graphviz", "-o"])
        .arg(dir.path().join("g.svg"))
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let pid_file = dir.path().join("pid");
    let waited = std::time::Instant::now();
    while !pid_file.exists()
        || std::fs::read_to_string(&pid_file)
            .unwrap()
            .trim()
            .is_empty()
    {
        assert!(waited.elapsed().as_secs() < 30, "dot never started");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let pid = std::fs::read_to_string(&pid_file).unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    let waited = std::time::Instant::now();
    while !gone(pid.trim()) {
        assert!(
            waited.elapsed().as_secs() < 5,
            "dot {pid} outlived coopgraph"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[cfg(unix)]
#[test]
fn graphviz_past_its_time_in_auto_mode_gives_the_built_in_layout() {
    let dir = tempfile::tempdir().unwrap();
    let bin = sleeping_dot(dir.path());
    let out = coopgraph()
        .env("PATH", path_with(&bin))
        .args(["render", "--graphviz-timeout", "1", "-o"])
        .arg(dir.path().join("g.svg"))
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("built-in layout (Graphviz did not finish within 1 s"),
        "{err}"
    );
    let pid = std::fs::read_to_string(dir.path().join("pid")).unwrap();
    assert!(gone(pid.trim()), "dot {pid} still runs");
}

#[test]
fn real_graphviz_draws_within_its_time() {
    if !support::graphviz::has_graphviz() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("g.svg");
    let out = coopgraph()
        .args([
            "render",
            "--engine",
            "graphviz",
            "--graphviz-timeout",
            "120",
            "-o",
        ])
        .arg(&svg)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&svg).unwrap();
    support::graphviz::parse_svg(&text);
    assert!(stderr(&out).contains("Graphviz"), "{}", stderr(&out));
}
