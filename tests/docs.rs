//! The documentation kept in step with the binary.
//!
//! - Every block of `docs/*.md` between `<!-- generated: help CMD -->` and
//!   `<!-- end generated -->` must be what `coopgraph help CMD` prints now.
//!   `UPDATE_DOCS=1 cargo test --test docs` rewrites those blocks in place;
//!   the prose around them is never touched.
//! - Every command `coopgraph help` lists has a section in `docs/commands.md`.
//! - README.md stays a front door (at most 15 KB) whose set-up commands are
//!   the ones CI runs, and every relative link in README.md and `docs/`
//!   points to a file (and heading) that exists.
//!
//! Self-contained on purpose: it runs the built binary and reads files, and
//! needs no test helper module.

mod support;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

const BEGIN: &str = "<!-- generated: ";
const END: &str = "<!-- end generated -->";
const REGENERATE: &str = "UPDATE_DOCS=1 cargo test --test docs";
const README_LIMIT: usize = 15 * 1024;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn updating() -> bool {
    std::env::var_os("UPDATE_DOCS").is_some_and(|v| !v.is_empty() && v != "0")
}

/// The path as the messages show it: relative to the repository.
fn shown(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// The Markdown files checked: README.md and every `.md` under `docs/`.
fn markdown_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }
    let mut files = vec![root().join("README.md")];
    let mut docs = Vec::new();
    walk(&root().join("docs"), &mut docs);
    docs.sort();
    files.extend(docs);
    files
}

/// What `coopgraph ARGS` prints, as it stands in a block: trailing blanks
/// cut from every line (editors strip them) and no trailing empty lines.
fn help_text(args: &[&str]) -> Result<String, String> {
    let out = support::coopgraph()
        .args(args)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .map_err(|e| format!("cannot run coopgraph: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "`coopgraph {}` failed ({}): {}",
            args.join(" "),
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let text = String::from_utf8(out.stdout).map_err(|e| format!("help is not UTF-8: {e}"))?;
    Ok(normalise(&text))
}

fn normalise(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let end = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(0, |i| i + 1);
    lines[..end].join("\n")
}

/// One generated block: the arguments it was generated from and the lines
/// of the file it spans (the opening marker to the closing one).
struct Block {
    args: String,
    open: usize,
    close: usize,
}

impl Block {
    /// The text between the fences, as the file has it now.
    fn current(&self, lines: &[&str]) -> String {
        let inner = &lines[self.open + 1..self.close];
        let inner = match inner {
            [first, body @ .., last] if first.starts_with("```") && last.trim() == "```" => body,
            _ => inner,
        };
        normalise(&inner.join("\n"))
    }
}

fn blocks(path: &Path, lines: &[&str]) -> Result<Vec<Block>, String> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        if let Some(rest) = line.strip_prefix(BEGIN) {
            let args = rest
                .strip_suffix("-->")
                .ok_or_else(|| format!("{}:{}: marker not closed by `-->`", shown(path), i + 1))?
                .trim()
                .to_string();
            if args.split_whitespace().next() != Some("help") {
                return Err(format!(
                    "{}:{}: a generated block runs only `coopgraph help …`, not `coopgraph {args}`",
                    shown(path),
                    i + 1
                ));
            }
            let close = (i + 1..lines.len())
                .find(|&j| lines[j].trim() == END || lines[j].trim().starts_with(BEGIN))
                .filter(|&j| lines[j].trim() == END)
                .ok_or_else(|| {
                    format!(
                        "{}:{}: the block for `coopgraph {args}` has no `{END}` before the next block",
                        shown(path),
                        i + 1
                    )
                })?;
            found.push(Block {
                args,
                open: i,
                close,
            });
            i = close;
        }
        i += 1;
    }
    Ok(found)
}

fn render_block(args: &str, text: &str) -> String {
    let fence = if text.lines().any(|l| l.trim_start().starts_with("```")) {
        "~~~~"
    } else {
        "```"
    };
    format!("{BEGIN}{args} -->\n{fence}text\n{text}\n{fence}\n{END}")
}

/// Writes the file through a temporary beside it, so a reader never sees
/// half of it.
fn write_atomically(path: &Path, text: &str) {
    let tmp = path.with_extension("md.tmp");
    fs::write(&tmp, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", tmp.display()));
    fs::rename(&tmp, path).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

#[test]
fn generated_blocks_match_the_help() {
    let mut stale = Vec::new();
    let mut total = 0;
    for path in markdown_files() {
        let text = fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let found = blocks(&path, &lines).unwrap_or_else(|e| panic!("{e}"));
        total += found.len();
        let mut rewritten: Vec<String> = Vec::new();
        let mut next = 0;
        for block in &found {
            let args: Vec<&str> = block.args.split_whitespace().collect();
            let want = help_text(&args).unwrap_or_else(|e| {
                panic!(
                    "{}:{}: {e}; remove the block or fix its command",
                    shown(&path),
                    block.open + 1
                )
            });
            let have = block.current(&lines);
            rewritten.extend(lines[next..block.open].iter().map(|l| l.to_string()));
            rewritten.push(render_block(&block.args, &want));
            next = block.close + 1;
            if have != want {
                let line = have
                    .lines()
                    .zip(want.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or_else(|| have.lines().count().min(want.lines().count()));
                stale.push(format!(
                    "{}:{}: `coopgraph {}` prints something else (first difference at line {} of \
                     the block: the docs say {:?}, the binary {:?})",
                    shown(&path),
                    block.open + 1,
                    block.args,
                    line + 1,
                    have.lines().nth(line).unwrap_or("<end>"),
                    want.lines().nth(line).unwrap_or("<end>"),
                ));
            }
        }
        if updating() && !found.is_empty() {
            rewritten.extend(lines[next..].iter().map(|l| l.to_string()));
            let mut new = rewritten.join("\n");
            new.push('\n');
            if new != text {
                write_atomically(&path, &new);
                eprintln!("rewrote {}", shown(&path));
            }
        }
    }
    assert!(
        total > 0,
        "no generated blocks found in docs/: is docs/commands.md there?"
    );
    if !updating() {
        assert!(
            stale.is_empty(),
            "the docs no longer match the command line:\n  {}\nRegenerate the blocks with `{REGENERATE}` \
             (it rewrites only the text between the markers) and read the diff.",
            stale.join("\n  ")
        );
    }
}

/// The subcommands `coopgraph help` lists, `help` itself left out.
fn subcommands() -> Vec<String> {
    let help = help_text(&["help"]).unwrap();
    let mut in_list = false;
    let mut names = Vec::new();
    for line in help.lines() {
        if line.trim_end() == "Commands:" {
            in_list = true;
            continue;
        }
        if in_list {
            if !line.starts_with("  ") {
                break;
            }
            let name = line.split_whitespace().next().unwrap_or_default();
            if !name.is_empty() && name != "help" {
                names.push(name.to_string());
            }
        }
    }
    assert!(
        !names.is_empty(),
        "`coopgraph help` lists no commands:\n{help}"
    );
    names
}

#[test]
fn every_command_has_a_section() {
    let path = root().join("docs/commands.md");
    let text = fs::read_to_string(&path).expect("docs/commands.md exists");
    let headings: BTreeSet<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("## "))
        .map(str::trim)
        .collect();
    let generated: BTreeSet<String> = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix(BEGIN))
        .filter_map(|r| r.strip_suffix("-->"))
        .map(|r| r.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let mut missing = Vec::new();
    for cmd in subcommands() {
        let heading = format!("`coopgraph {cmd}`");
        let block = format!("help {cmd}");
        if !headings.contains(heading.as_str()) || !generated.contains(&block) {
            missing.push(format!(
                "`{cmd}`: add a section to docs/commands.md: a heading \"## {heading}\", what the \
                 command answers with an example, and an empty block\n    {BEGIN}{block} -->\n    {END}\n  \
                 then run `{REGENERATE}` to fill it"
            ));
        }
    }
    assert!(
        missing.is_empty(),
        "commands without a section in docs/commands.md:\n  {}",
        missing.join("\n  ")
    );
}

#[test]
fn readme_is_a_front_door() {
    let size = fs::metadata(root().join("README.md")).unwrap().len() as usize;
    assert!(
        size <= README_LIMIT,
        "README.md is {size} bytes, over the {README_LIMIT} of a front door: move reference \
         material to a page under docs/ and link it"
    );
}

#[test]
fn readme_set_up_commands_are_those_ci_runs() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let ci = fs::read_to_string(root().join(".ci/run")).unwrap();
    let tests: Vec<&str> = ci
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("cargo test"))
        .collect();
    assert!(!tests.is_empty(), ".ci/run runs no `cargo test`");
    let commands: Vec<&str> = readme
        .lines()
        .map(|l| l.split('#').next().unwrap_or_default().trim())
        .collect();
    for cmd in tests.iter().chain(&["cargo run --release -- report"]) {
        assert!(
            commands.contains(cmd),
            "README.md should give the set-up command `{cmd}` (the test command is the one \
             .ci/run calls) on a line of its own"
        );
    }
}

/// GitHub's anchor for a heading: lower case, punctuation dropped, spaces
/// as hyphens, and `-1`, `-2`… for repeats.
fn anchors(text: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut fence = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~") {
            fence = !fence;
            continue;
        }
        if fence || !line.starts_with('#') {
            continue;
        }
        let title = line.trim_start_matches('#');
        if !title.starts_with(' ') {
            continue;
        }
        let slug: String = title
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
            .map(|c| if c == ' ' { '-' } else { c })
            .collect();
        let mut unique = slug.clone();
        let mut n = 0;
        while seen.contains(&unique) {
            n += 1;
            unique = format!("{slug}-{n}");
        }
        seen.insert(unique);
    }
    seen
}

/// The link targets of a Markdown text with their line numbers: inline
/// links and images `[..](target)`, `<img src="target">`, and reference
/// definitions `[label]: target`; code blocks and code spans are skipped.
fn link_targets(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut fence = false;
    for (n, line) in text.lines().enumerate() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = !fence;
            continue;
        }
        if fence {
            continue;
        }
        // Code spans hold examples, not links.
        let prose: String = line
            .split('`')
            .enumerate()
            .filter(|(i, _)| i % 2 == 0)
            .map(|(_, s)| s)
            .collect::<Vec<_>>()
            .join(" ");
        let mut rest = prose.as_str();
        while let Some(at) = rest.find("](") {
            rest = &rest[at + 2..];
            let end = rest.find(')').unwrap_or(rest.len());
            let target = rest[..end].split_whitespace().next().unwrap_or_default();
            out.push((n + 1, target.trim_matches(['<', '>']).to_string()));
            rest = &rest[end..];
        }
        let mut rest = prose.as_str();
        while let Some(at) = rest.find("src=\"") {
            rest = &rest[at + 5..];
            let end = rest.find('"').unwrap_or(rest.len());
            out.push((n + 1, rest[..end].to_string()));
            rest = &rest[end..];
        }
        if let Some(def) = t.strip_prefix('[')
            && let Some((_, target)) = def.split_once("]: ")
        {
            out.push((
                n + 1,
                target
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_string(),
            ));
        }
    }
    out
}

#[test]
fn relative_links_point_to_files_that_exist() {
    let mut broken = Vec::new();
    for path in markdown_files() {
        let text = fs::read_to_string(&path).unwrap();
        for (line, target) in link_targets(&text) {
            if target.is_empty() || target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let (file, anchor) = match target.split_once('#') {
                Some((f, a)) => (f, Some(a)),
                None => (target.as_str(), None),
            };
            let dest = if file.is_empty() {
                path.clone()
            } else {
                path.parent().unwrap().join(file)
            };
            if !dest.exists() {
                broken.push(format!("{}:{line}: `{target}`: no such file", shown(&path)));
                continue;
            }
            if let Some(anchor) = anchor
                && dest.extension().is_some_and(|e| e == "md")
            {
                let heads = anchors(&fs::read_to_string(&dest).unwrap());
                if !heads.contains(anchor) {
                    broken.push(format!(
                        "{}:{line}: `{target}`: {} has no heading with the anchor #{anchor}",
                        shown(&path),
                        shown(&dest)
                    ));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "broken relative links:\n  {}",
        broken.join("\n  ")
    );
}

#[test]
fn every_docs_page_is_in_the_index() {
    let index = fs::read_to_string(root().join("docs/README.md")).expect("docs/README.md exists");
    let linked: BTreeSet<String> = link_targets(&index)
        .into_iter()
        .map(|(_, t)| t.split('#').next().unwrap_or_default().to_string())
        .collect();
    let mut missing = Vec::new();
    for path in markdown_files() {
        let Ok(rel) = path.strip_prefix(root().join("docs")) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if rel != "README.md" && !linked.contains(&rel) {
            missing.push(rel);
        }
    }
    assert!(
        missing.is_empty(),
        "pages not linked from docs/README.md: {}",
        missing.join(", ")
    );
}
