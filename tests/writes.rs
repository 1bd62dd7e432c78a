//! No half-written files: output goes to a temporary file that is renamed
//! over the target, so a failed or interrupted command leaves the previous
//! file intact; and coopgraph never writes to a --data path.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn coopgraph() -> Command {
    Command::cargo_bin("coopgraph").unwrap()
}

const OLD: &str = "{\"nodes\": []}\n";

/// Files in `dir` other than `keep`: temporary files left behind.
fn litter(dir: &Path, keep: &[&str]) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !keep.contains(&n.as_str()))
        .collect()
}

#[test]
fn a_write_that_fails_midway_leaves_the_previous_file_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("out.json");
    std::fs::write(&p, OLD).unwrap();
    let err = coopgraph::write::atomic(&p, true, |w| {
        w.write_all(b"{\"nodes\": [half a fi")?;
        Err(std::io::Error::other("disk full"))
    })
    .unwrap_err();
    assert_eq!(std::fs::read_to_string(&p).unwrap(), OLD);
    assert!(litter(dir.path(), &["out.json"]).is_empty());
    // An output failure: it names the file and exits 1.
    assert_eq!(err.exit_code(), 1);
    let msg = err.to_string();
    assert!(
        msg.starts_with("cannot write ")
            && msg.contains("out.json")
            && msg.contains("disk full")
            && msg.contains("previous file is intact"),
        "{msg}"
    );
}

#[test]
fn a_successful_write_replaces_the_file_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("out.json");
    std::fs::write(&p, OLD).unwrap();
    let err = coopgraph::write::atomic(&p, false, |w| w.write_all(b"new")).unwrap_err();
    // The library says what is wrong; the CLI adds which option to pass.
    assert!(
        matches!(&err, coopgraph::Error::Exists { path } if *path == p),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&p).unwrap(), OLD);
    coopgraph::write::atomic(&p, true, |w| w.write_all(b"new")).unwrap();
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
    assert!(litter(dir.path(), &["out.json"]).is_empty());
}

#[test]
fn generate_refuses_to_replace_a_file_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("gen.json");
    std::fs::write(&p, OLD).unwrap();
    coopgraph()
        .args(["generate", "--orgs", "10", "--projects", "5", "-o"])
        .arg(&p)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "exists; pass --force to replace it",
        ));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), OLD);
}

#[test]
fn generate_over_a_directory_fails_and_leaves_it_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("taken");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("inside.json"), OLD).unwrap();
    coopgraph()
        .args([
            "generate",
            "--orgs",
            "10",
            "--projects",
            "5",
            "--force",
            "-o",
        ])
        .arg(&target)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot write").and(predicate::str::contains("taken")));
    assert_eq!(
        std::fs::read_to_string(target.join("inside.json")).unwrap(),
        OLD
    );
    assert!(
        litter(dir.path(), &["taken"]).is_empty(),
        "a temporary file was left"
    );
}

#[cfg(unix)]
#[test]
fn generate_killed_while_writing_leaves_the_previous_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.json");
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
    // Wait until the write is under way: a temporary file has data (or,
    // were the write not atomic, the file itself has changed).
    let start = std::time::Instant::now();
    let writing = loop {
        let tmp = litter(dir.path(), &["big.json"]);
        let started = tmp
            .iter()
            .any(|n| std::fs::metadata(dir.path().join(n)).is_ok_and(|m| m.len() > 0))
            || std::fs::read_to_string(&p).map_or(true, |s| s != OLD);
        if started || start.elapsed() > std::time::Duration::from_secs(60) {
            break started;
        }
        if child.try_wait().unwrap().is_some() {
            break false;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    };
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(writing, "never saw the output being written");
    assert_eq!(
        std::fs::read_to_string(&p).unwrap(),
        OLD,
        "the file was half replaced"
    );
}

#[test]
fn generate_never_writes_to_a_data_path_however_it_is_spelled() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let file = data.join("mine.json");
    std::fs::write(&file, OLD).unwrap();
    let spellings = [
        file.clone(),
        data.join(".").join("mine.json"),
        data.join("..").join("data").join("mine.json"),
    ];
    for out in &spellings {
        coopgraph()
            .args([
                "generate",
                "--orgs",
                "10",
                "--projects",
                "5",
                "--force",
                "--data",
            ])
            .arg(&file)
            .arg("-o")
            .arg(out)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "coopgraph never writes to its inputs",
            ));
    }
    // A new file inside a --data directory would become part of the dataset.
    coopgraph()
        .args(["generate", "--orgs", "10", "--projects", "5", "--data"])
        .arg(&data)
        .arg("-o")
        .arg(data.join("new.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "coopgraph never writes to its inputs",
        ));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), OLD);
    assert_eq!(litter(&data, &["mine.json"]), Vec::<String>::new());
}
