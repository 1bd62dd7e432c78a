//! Faithfulness to the seed pages. The pages are not part of the repository
//! (the project describes them in its own words); these tests read them from
//! `$COOPGRAPH_SEEDS` or `../shared/seeds` and say so when they are absent.

use coopgraph::graph::CoopGraph;
use coopgraph::model::SourceKind;
use coopgraph::names::fold;
use std::collections::HashMap;
use std::path::PathBuf;

/// Paragraphs (non-empty lines) of each seed page, by source id.
fn pages(g: &CoopGraph) -> Option<HashMap<String, Vec<String>>> {
    let dir = std::env::var_os("COOPGRAPH_SEEDS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/seeds"));
    if !dir.is_dir() {
        eprintln!(
            "seed pages not found at {}: faithfulness tests skipped",
            dir.display()
        );
        return None;
    }
    let mut out = HashMap::new();
    for s in g.data.sources.iter().filter(|s| s.kind == SourceKind::Page) {
        let file = dir.join(s.file.as_ref().expect("seed sources name their file"));
        let text =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let paras = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(String::from)
            .collect();
        out.insert(s.id.clone(), paras);
    }
    Some(out)
}

#[test]
fn every_cited_paragraph_exists() {
    let g = CoopGraph::embedded().unwrap();
    let Some(pages) = pages(&g) else { return };
    let mut bad = Vec::new();
    let mut check = |what: &str, refs: &[coopgraph::model::SourceRef]| {
        for r in refs {
            if let (Some(p), Some(paras)) = (r.para, pages.get(&r.source))
                && (p == 0 || p as usize > paras.len())
            {
                bad.push(format!(
                    "{what}: {} ¶{p} (page has {})",
                    r.source,
                    paras.len()
                ));
            }
        }
    };
    for n in &g.data.nodes {
        check(&n.id, &n.sources);
    }
    for r in g.data.relations() {
        check(&coopgraph::validate::relation_label(r), &r.sources());
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// Each node is named — by its name or an alias — in a paragraph it cites,
/// unless it cites public knowledge (e.g. EU member states behind "all 28")
/// or it is marked `unnamed` (the pages describe it without a name).
#[test]
fn every_node_is_named_where_it_is_cited() {
    let g = CoopGraph::embedded().unwrap();
    let Some(pages) = pages(&g) else { return };
    let mut bad = Vec::new();
    for n in &g.data.nodes {
        if n.unnamed || n.sources.iter().any(|s| s.source == "public-knowledge") {
            continue;
        }
        let names: Vec<String> = std::iter::once(&n.name)
            .chain(
                n.aliases
                    .iter()
                    .filter(|a| a.source.is_none())
                    .map(|a| &a.name),
            )
            .map(|s| fold(s))
            .collect();
        let named = n.sources.iter().any(|r| {
            let Some(paras) = pages.get(&r.source) else {
                return false;
            };
            let Some(p) = r.para else { return false };
            let text = fold(&paras[p as usize - 1]);
            names.iter().any(|name| text.contains(name.as_str()))
        });
        if !named {
            bad.push(n.id.clone());
        }
    }
    assert!(bad.is_empty(), "not named in any cited paragraph: {bad:?}");
}

/// Descriptions and notes are in the dataset's own words: no run of eight
/// words from a page appears in them.
#[test]
fn descriptions_and_notes_do_not_copy_the_pages() {
    let g = CoopGraph::embedded().unwrap();
    let Some(pages) = pages(&g) else { return };
    const RUN: usize = 8;
    let mut shingles = std::collections::HashSet::new();
    for paras in pages.values() {
        for p in paras {
            let words: Vec<String> = fold(p).split(' ').map(String::from).collect();
            for w in words.windows(RUN) {
                shingles.insert(w.join(" "));
            }
        }
    }
    let mut texts: Vec<(String, &str)> = Vec::new();
    for n in &g.data.nodes {
        texts.push((n.id.clone(), &n.description));
        for c in &n.alt_dates {
            texts.extend(c.note.as_deref().map(|t| (n.id.clone(), t)));
        }
        for d in &n.declared_members {
            texts.extend(d.note.as_deref().map(|t| (n.id.clone(), t)));
        }
    }
    for r in g.data.relations() {
        texts.extend(
            r.note()
                .map(|t| (coopgraph::validate::relation_label(r), t)),
        );
    }
    let copied: Vec<String> = texts
        .iter()
        .filter_map(|(who, t)| {
            let words: Vec<String> = fold(t).split(' ').map(String::from).collect();
            words
                .windows(RUN)
                .map(|w| w.join(" "))
                .find(|s| shingles.contains(s))
                .map(|s| format!("{who}: \"{s}\""))
        })
        .collect();
    assert!(
        copied.is_empty(),
        "copied from a page:\n{}",
        copied.join("\n")
    );
}
