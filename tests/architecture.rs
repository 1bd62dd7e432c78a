//! The boundaries of ARCHITECTURE.md, checked on the source text: no
//! circle of imports among the library's modules (of any length), the
//! library never names a command-line option nor returns the CLI's usage
//! error, and no function grows past ~150 lines. (Crude readers of Rust
//! text, enough for this code base's style; rustfmt keeps it regular.)

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, sorted.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// `src/render/dot.rs` → `["render", "dot"]`; `src/render/mod.rs` → `["render"]`.
fn module_of(file: &Path) -> Vec<String> {
    let rel = file.strip_prefix("src").unwrap();
    let mut parts: Vec<String> = rel
        .iter()
        .map(|c| c.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|l| l == "mod" || l == "lib") {
        parts.pop();
    }
    parts
}

/// The code of a line without its comment (a `//` outside a string).
fn code(line: &str) -> &str {
    let mut in_str = false;
    let b = line.as_bytes();
    for i in 0..b.len() {
        match b[i] {
            b'"' if i == 0 || b[i - 1] != b'\\' => in_str = !in_str,
            b'/' if !in_str && b.get(i + 1) == Some(&b'/') => return &line[..i],
            _ => {}
        }
    }
    line
}

/// The library's files (the CLI is `src/cli/` and `src/main.rs`), without
/// their unit tests.
fn library() -> Vec<(PathBuf, Vec<String>)> {
    sources(Path::new("src"))
        .into_iter()
        .filter(|p| !p.starts_with("src/cli") && !p.ends_with("main.rs"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let body = text.split("#[cfg(test)]").next().unwrap();
            (p, body.lines().map(str::to_string).collect())
        })
        .collect()
}

#[test]
fn no_module_is_on_a_circle_of_imports() {
    let files = library();
    let modules: BTreeMap<Vec<String>, &PathBuf> =
        files.iter().map(|(p, _)| (module_of(p), p)).collect();
    let mut edges: BTreeSet<(Vec<String>, Vec<String>)> = BTreeSet::new();
    for (p, lines) in &files {
        let me = module_of(p);
        for line in lines {
            let line = code(line);
            // `super::` is the parent module, from a `mod.rs` as from a file.
            let parent = me[..me.len().saturating_sub(1)].to_vec();
            for (prefix, base) in [("crate::", Vec::new()), ("super::", parent)] {
                let mut rest = line;
                while let Some(i) = rest.find(prefix) {
                    let after = &rest[i + prefix.len()..];
                    let path: Vec<String> = after
                        .split("::")
                        .map(|s| {
                            s.chars()
                                .take_while(|c| c.is_alphanumeric() || *c == '_')
                                .collect::<String>()
                        })
                        .take_while(|s| !s.is_empty())
                        .collect();
                    let mut full = base.clone();
                    full.extend(path);
                    // The longest module the path names.
                    while !full.is_empty() && !modules.contains_key(&full) {
                        full.pop();
                    }
                    if !full.is_empty()
                        && full != me
                        && !me.starts_with(&full)
                        && !full.starts_with(&me)
                    {
                        edges.insert((me.clone(), full));
                    }
                    rest = after;
                }
            }
        }
    }
    // A module is on a circle when it can reach itself.
    let mut next: BTreeMap<&Vec<String>, Vec<&Vec<String>>> = BTreeMap::new();
    for (a, b) in &edges {
        next.entry(a).or_default().push(b);
    }
    let mut circles = Vec::new();
    for start in next.keys() {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&Vec<String>> = next[start].clone();
        while let Some(m) = stack.pop() {
            if m == *start {
                circles.push(start.join("::"));
                break;
            }
            if seen.insert(m) {
                stack.extend(next.get(m).into_iter().flatten().copied());
            }
        }
    }
    assert!(
        circles.is_empty(),
        "modules on a circle of imports: {circles:?}"
    );
}

#[test]
fn the_library_never_names_a_command_line_option() {
    let mut found = Vec::new();
    for (p, lines) in library() {
        for (n, line) in lines.iter().enumerate() {
            let line = code(line);
            // Text inside string literals only: doc comments may explain
            // which option a value comes from.
            // Provenance, not advice: a generated dataset names the command
            // that made it.
            if line.contains("\"coopgraph generate --") {
                continue;
            }
            for (k, piece) in line.split('"').enumerate() {
                let in_string = k % 2 == 1;
                let names_flag = piece.match_indices("--").any(|(i, _)| {
                    piece[i + 2..]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_lowercase())
                        && (i == 0 || !piece[..i].ends_with(|c: char| c.is_alphanumeric()))
                });
                if in_string && names_flag {
                    found.push(format!("{}:{}: {}", p.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "the library names command-line options (the CLI adds such hints, src/cli/messages.rs):\n{}",
        found.join("\n")
    );
}

#[test]
fn no_function_is_longer_than_150_lines() {
    let mut long = Vec::new();
    for p in sources(Path::new("src")) {
        let text = std::fs::read_to_string(&p).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let t = line.trim_start();
            let indent = &line[..line.len() - t.len()];
            let is_fn = [
                "fn ",
                "pub fn ",
                "pub(crate) fn ",
                "const fn ",
                "pub const fn ",
            ]
            .iter()
            .any(|k| t.starts_with(k));
            if !is_fn || t.ends_with(';') {
                continue;
            }
            let close = format!("{indent}}}");
            let Some(len) = lines[i..].iter().position(|l| *l == close) else {
                continue;
            };
            if len + 1 > 150 {
                long.push(format!("{}:{}: {} lines", p.display(), i + 1, len + 1));
            }
        }
    }
    assert!(
        long.is_empty(),
        "functions over 150 lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn the_library_never_returns_the_cli_usage_error() {
    let found: Vec<String> = library()
        .into_iter()
        .flat_map(|(p, lines)| {
            lines
                .into_iter()
                .enumerate()
                .filter(|(_, l)| code(l).contains("Error::Usage("))
                .map(move |(n, l)| format!("{}:{}: {}", p.display(), n + 1, l.trim()))
        })
        .collect();
    assert!(
        found.is_empty(),
        "Error::Usage is the CLI's; the library returns typed errors:\n{}",
        found.join("\n")
    );
}
