//! Safe writing of output files (`-o`): only regular files are replaced,
//! and only with `--force`, keeping their permissions; links, devices and
//! FIFOs are never replaced (devices and FIFOs are written through); `-o -`
//! is stdout; sets of files (report, CSV and Neo4j folders) are checked and
//! written whole; no output lands on an input however it is named; and no
//! temporary file outlives a signal or a killed writer. (Issue 14: Security
//! 1, Outputs and files 4–9 and 11.)
#![cfg(unix)]

mod support;

use predicates::prelude::*;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};
use support::{coopgraph, write};

const OLD: &str = "old contents\n";

/// `generate` with a small dataset, then `args`.
fn generate(args: &[&str]) -> assert_cmd::Command {
    let mut c = coopgraph();
    c.args(["generate", "--orgs", "10", "--projects", "5"])
        .args(args);
    c
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Temporary files of coopgraph's in `dir`.
fn temporaries(dir: &Path) -> Vec<String> {
    names(dir)
        .into_iter()
        .filter(|n| n.starts_with(".coopgraph-"))
        .collect()
}

fn is_symlink(p: &Path) -> bool {
    std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink())
}

/// A small CSV edge list that `--data` and `import` read.
fn edge_list(dir: &Path, name: &str) -> PathBuf {
    write(
        dir,
        name,
        "source,target,relation\nAgency A,Network N,member\nAgency B,Network N,member\n",
    )
}

/// The id of a process that has ended.
fn dead_pid() -> u32 {
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

// ------------------------------------------------- links, devices, FIFOs (1)

#[test]
fn a_symbolic_link_is_never_replaced_even_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let target = write(&dir, "target.json", OLD);
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    for force in [false, true] {
        let mut c = generate(&["-o"]);
        c.arg(&link);
        if force {
            c.arg("--force");
        }
        c.assert()
            .failure()
            .stderr(predicate::str::contains("is a symbolic link"))
            .stderr(predicate::str::contains("--force").not());
        assert!(is_symlink(&link), "the link was replaced (force: {force})");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), OLD);
    }
    assert_eq!(names(dir.path()), ["link.json", "target.json"]);
}

#[test]
fn a_fifo_is_written_through_and_stays_a_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    // A reader on the other end, as `coopgraph … -o pipe` would have,
    // copying into a file outside the folder.
    let copy_dir = tempfile::tempdir().unwrap();
    let copy = copy_dir.path().join("copy.json");
    let mut reader = std::process::Command::new("cat")
        .arg(&fifo)
        .stdout(std::fs::File::create(&copy).unwrap())
        .spawn()
        .unwrap();
    let run = coopgraph()
        .args(["--quiet", "export", "json", "-o"])
        .arg(&fifo)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    if !run.status.success() {
        reader.kill().unwrap();
    }
    reader.wait().unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&copy).unwrap()).unwrap();
    assert!(v["nodes"].as_array().is_some_and(|n| !n.is_empty()));
    let t = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(t.is_fifo(), "the FIFO was replaced");
    assert_eq!(names(dir.path()), ["pipe"]);
}

#[test]
fn dev_null_is_written_through_and_stays_a_character_device() {
    // Without --force first: before the fix, `--force` replaced the device
    // (as root), so this order fails safely on an unfixed build.
    coopgraph()
        .args(["--quiet", "export", "json", "-o", "/dev/null"])
        .assert()
        .success();
    coopgraph()
        .args(["--quiet", "export", "graphml", "-o", "/dev/null", "--force"])
        .assert()
        .success();
    let t = std::fs::symlink_metadata("/dev/null").unwrap().file_type();
    assert!(t.is_char_device(), "/dev/null is no longer a device");
}

#[test]
fn a_socket_is_refused_without_a_hint_to_force() {
    let dir = tempfile::tempdir().unwrap();
    let sock = dir.path().join("sock");
    let _listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    for force in [false, true] {
        let mut c = generate(&["-o"]);
        c.arg(&sock);
        if force {
            c.arg("--force");
        }
        c.assert()
            .code(1)
            .stderr(predicate::str::contains("it is a socket, not a file"))
            .stderr(predicate::str::contains("--force").not());
        let t = std::fs::symlink_metadata(&sock).unwrap().file_type();
        assert!(t.is_socket(), "the socket was replaced (force: {force})");
    }
}

// --------------------------------------------------------------- -o - (1)

#[test]
fn dash_is_stdout_for_every_single_file_output() {
    let dir = tempfile::tempdir().unwrap();
    edge_list(dir.path(), "in.csv");
    let run = |args: &[&str]| -> String {
        let out = coopgraph()
            .current_dir(dir.path())
            .arg("--quiet")
            .args(args)
            .assert()
            .success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    for args in [
        &["render", "--engine", "builtin", "-o", "-"][..],
        &["timeline", "Swedish Migration Agency", "-o", "-"],
        &["heatmap", "-o", "-"],
    ] {
        let svg = run(args);
        assert!(
            svg.contains("<svg") && svg.trim_end().ends_with("</svg>"),
            "{args:?}: {svg:.200}"
        );
    }
    for args in [
        &["export", "json", "-o", "-"][..],
        &["generate", "--orgs", "10", "--projects", "5", "-o", "-"],
        &["import", "in.csv", "-o", "-"],
    ] {
        let text = run(args);
        let v: Result<serde_json::Value, _> = serde_json::from_str(&text);
        assert!(v.is_ok(), "{args:?}: {text:.200}");
    }
    let graphml = run(&["export", "graphml", "-o", "-"]);
    assert!(graphml.contains("<graphml"));
    assert_eq!(names(dir.path()), ["in.csv"], "a file named - was written");
}

#[test]
fn folder_outputs_refuse_dash_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["report", "--engine", "builtin", "-o", "-"][..],
        &["export", "csv", "-o", "-"],
        &["export", "neo4j", "-o", "-"],
    ] {
        coopgraph()
            .current_dir(dir.path())
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "writes a folder of files, which cannot go to stdout",
            ));
    }
    assert!(names(dir.path()).is_empty(), "a folder named - was made");
}

// ------------------------------------------------------- sets of files (4, 5)

#[test]
fn an_export_folder_that_cannot_be_written_whole_keeps_every_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    write(&out, "sources.csv", OLD);
    write(&out, "nodes.csv", OLD);
    // The last file of the set cannot be written: a folder is in its place.
    std::fs::create_dir(out.join("edges.csv")).unwrap();
    coopgraph()
        .args(["export", "csv", "--force", "-o"])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("edges.csv"))
        .stderr(predicate::str::contains("it is a folder, not a file"));
    for f in ["sources.csv", "nodes.csv"] {
        assert_eq!(std::fs::read_to_string(out.join(f)).unwrap(), OLD, "{f}");
    }
    assert_eq!(names(&out), ["edges.csv", "nodes.csv", "sources.csv"]);
}

#[test]
fn a_report_that_cannot_be_written_whole_keeps_every_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report");
    std::fs::create_dir(&out).unwrap();
    write(&out, "index.html", OLD);
    std::fs::create_dir(out.join("report.md")).unwrap();
    coopgraph()
        .args(["report", "--engine", "builtin", "-o"])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("report.md"));
    assert_eq!(
        std::fs::read_to_string(out.join("index.html")).unwrap(),
        OLD
    );
    assert_eq!(names(&out), ["index.html", "report.md"]);
}

#[test]
fn a_set_whose_staging_fails_replaces_nothing_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let first = write(&dir, "first.csv", OLD);
    // The second file's folder cannot be made: a file has its name.
    write(&dir, "blocked", OLD);
    let set = [
        (first.clone(), &b"new"[..]),
        (dir.path().join("blocked").join("second.csv"), &b"new"[..]),
    ];
    let err = coopgraph::write::atomic_set(&set, true).unwrap_err();
    assert_eq!(err.exit_code(), 1);
    assert!(err.to_string().contains("blocked"), "{err}");
    assert_eq!(std::fs::read_to_string(&first).unwrap(), OLD);
    assert_eq!(names(dir.path()), ["blocked", "first.csv"]);
}

#[test]
fn a_set_whose_renames_fail_midway_puts_back_what_it_had_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let first = write(&dir, "first.csv", OLD);
    let fresh = dir.path().join("fresh.csv");
    // A name too long for the file system: checked and staged (the
    // temporary file has a short name), the rename fails.
    let long = dir.path().join("x".repeat(300));
    let set = [
        (first.clone(), &b"new"[..]),
        (fresh.clone(), &b"new"[..]),
        (long, &b"new"[..]),
    ];
    let err = coopgraph::write::atomic_set(&set, true).unwrap_err();
    assert!(matches!(err, coopgraph::Error::Write { .. }), "{err}");
    assert!(err.to_string().contains("nothing was replaced"), "{err}");
    assert_eq!(std::fs::read_to_string(&first).unwrap(), OLD);
    assert!(!fresh.exists(), "a new file of a failed set was left");
    assert_eq!(names(dir.path()), ["first.csv"]);
}

#[test]
fn an_export_folder_is_checked_whole_against_the_inputs_before_any_write() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    write(&out, "sources.csv", OLD);
    write(&out, "nodes.csv", OLD);
    // The set's last file is the --data input.
    let input = edge_list(&out, "edges.csv");
    let before = std::fs::read_to_string(&input).unwrap();
    coopgraph()
        .args(["export", "csv", "--force", "--data"])
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("never writes to its inputs"));
    for f in ["sources.csv", "nodes.csv"] {
        assert_eq!(std::fs::read_to_string(out.join(f)).unwrap(), OLD, "{f}");
    }
    assert_eq!(std::fs::read_to_string(&input).unwrap(), before);
}

// ------------------------------------------------------------ inputs (6)

#[test]
fn a_new_folder_inside_a_data_folder_is_an_input_too() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    // The repository's dataset, which the default report spec fits.
    let repo_data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    for f in [
        "crime.json",
        "development.json",
        "international.json",
        "sources.json",
    ] {
        std::fs::copy(repo_data.join(f), data.join(f)).unwrap();
    }
    coopgraph()
        .args(["report", "--engine", "builtin", "--data"])
        .arg(&data)
        .arg("-o")
        .arg(data.join("new").join("sub"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("never writes to its inputs"));
    generate(&["--data"])
        .arg(&data)
        .arg("-o")
        .arg(data.join("new").join("..").join("other").join("x.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("never writes to its inputs"));
    assert_eq!(
        names(&data),
        [
            "crime.json",
            "development.json",
            "international.json",
            "sources.json"
        ]
    );
}

#[test]
fn a_hard_link_to_an_input_is_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = edge_list(dir.path(), "edges.csv");
    let other = dir.path().join("elsewhere");
    std::fs::create_dir(&other).unwrap();
    let alias = other.join("alias.json");
    std::fs::hard_link(&input, &alias).unwrap();
    let ino = std::fs::metadata(&input).unwrap().ino();
    generate(&["--force", "--data"])
        .arg(&input)
        .arg("-o")
        .arg(&alias)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("never writes to its inputs"));
    assert_eq!(std::fs::metadata(&alias).unwrap().ino(), ino);
}

#[test]
fn import_never_writes_over_its_own_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = edge_list(dir.path(), "in.csv");
    let before = std::fs::read_to_string(&input).unwrap();
    coopgraph()
        .arg("import")
        .arg(&input)
        .arg("-o")
        .arg(&input)
        .arg("--force")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("never writes to its inputs"));
    assert_eq!(std::fs::read_to_string(&input).unwrap(), before);
}

// ------------------------------------------------------ temporary files (7)

/// Starts a long `generate --force -o big.json` in `dir`, waits until its
/// temporary file has data, and sends it `signal`.
fn interrupt_while_writing(dir: &Path, signal: &str) {
    let p = dir.join("big.json");
    std::fs::write(&p, OLD).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("coopgraph");
    let mut child = std::process::Command::new(bin)
        .args([
            "generate",
            "--orgs",
            "20000",
            "--projects",
            "30000",
            "--force",
            "-o",
        ])
        .arg(&p)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let writing = loop {
        let started = temporaries(dir)
            .iter()
            .any(|n| std::fs::metadata(dir.join(n)).is_ok_and(|m| m.len() > 0));
        if started || start.elapsed() > Duration::from_secs(60) {
            break started;
        }
        if child.try_wait().unwrap().is_some() {
            break false;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let sent = std::process::Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    let status = child.wait().unwrap();
    assert!(writing, "never saw the output being written");
    assert!(sent.success());
    assert!(!status.success(), "{signal} did not stop the command");
    assert_eq!(std::fs::read_to_string(&p).unwrap(), OLD);
    assert_eq!(temporaries(dir), Vec::<String>::new(), "after {signal}");
}

#[test]
fn sigterm_while_writing_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    interrupt_while_writing(dir.path(), "-TERM");
}

#[test]
fn ctrl_c_while_writing_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    interrupt_while_writing(dir.path(), "-INT");
}

#[test]
fn stale_temporary_files_of_ended_writers_are_removed_and_no_others() {
    let dir = tempfile::tempdir().unwrap();
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    let age = |name: &str, when: SystemTime| {
        let p = write(&dir, name, OLD);
        let f = std::fs::File::options().write(true).open(&p).unwrap();
        f.set_modified(when).unwrap();
    };
    let dead = dead_pid();
    let alive = std::process::id();
    age(&format!(".coopgraph-{dead}-aB3xYz.tmp"), hour_ago); // stale: removed
    age(&format!(".coopgraph-{alive}-aB3xYz.tmp"), hour_ago); // writer alive
    age(&format!(".coopgraph-{dead}-Qw7eRt.tmp"), SystemTime::now()); // fresh
    age(".coopgraph-notes.tmp", hour_ago); // not a name coopgraph gives
    age("mine.tmp", hour_ago);
    generate(&["-o"])
        .arg(dir.path().join("out.json"))
        .assert()
        .success();
    let mut kept = vec![
        format!(".coopgraph-{alive}-aB3xYz.tmp"),
        format!(".coopgraph-{dead}-Qw7eRt.tmp"),
        ".coopgraph-notes.tmp".to_string(),
        "mine.tmp".to_string(),
        "out.json".to_string(),
    ];
    kept.sort();
    assert_eq!(names(dir.path()), kept);
}

// ------------------------------------------------------------ --force (8, 9)

#[test]
fn force_keeps_the_permissions_of_the_replaced_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "private.json", OLD);
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
    generate(&["--force", "-o"]).arg(&p).assert().success();
    assert_ne!(std::fs::read_to_string(&p).unwrap(), OLD);
    let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "mode {mode:o}");
    // In a set too.
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let nodes = write(&out, "nodes.csv", OLD);
    std::fs::set_permissions(&nodes, std::fs::Permissions::from_mode(0o640)).unwrap();
    coopgraph()
        .args(["export", "csv", "--force", "-o"])
        .arg(&out)
        .assert()
        .success();
    let mode = std::fs::metadata(&nodes).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640, "mode {mode:o}");
}

#[test]
fn a_dangling_symbolic_link_exists() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("out.json");
    std::os::unix::fs::symlink(dir.path().join("nowhere.json"), &link).unwrap();
    generate(&["-o"])
        .arg(&link)
        .assert()
        .failure()
        .stderr(predicate::str::contains("is a symbolic link"));
    assert!(is_symlink(&link), "the dangling link was replaced");
    assert_eq!(names(dir.path()), ["out.json"]);
}

#[test]
fn a_file_that_appears_while_writing_is_not_replaced_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("out.json");
    // Another program creates the file after the check, before the rename.
    let err = coopgraph::write::atomic(&p, false, |w| {
        std::fs::write(&p, OLD)?;
        w.write_all(b"new")
    })
    .unwrap_err();
    assert!(
        matches!(&err, coopgraph::Error::Exists { path } if *path == p),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&p).unwrap(), OLD);
    assert_eq!(names(dir.path()), ["out.json"]);
}

// ------------------------------------------------------------ report (11)

#[test]
fn report_onto_a_file_says_it_is_a_file_not_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "report", OLD);
    coopgraph()
        .args(["report", "--engine", "builtin", "-o"])
        .arg(&p)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("it is a file, not a folder"))
        .stderr(predicate::str::contains("os error").not());
    assert_eq!(std::fs::read_to_string(&p).unwrap(), OLD);
}
