//! Names: how a user's words find a node.
//!
//! Every node is known by its id, its name and its aliases. All are compared
//! after [`fold`]: Unicode decomposition with diacritics removed, lower case,
//! punctuation as spaces — so "migrationsverket", "Migrationsverket" and
//! "Swedish Migration Agency" all reach the same node, and "Säkerhetspolisen"
//! matches "sakerhetspolisen".
//!
//! Resolution ([`NameIndex::resolve`]): an exact folded match wins; otherwise a
//! name that contains the query as whole words, if exactly one node has one;
//! otherwise an error — ambiguous (with the candidates) or unknown (with
//! "did you mean" suggestions ranked by string similarity).

use crate::model::Node;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds a name for comparison: no diacritics, lower case, words separated by
/// single spaces.
///
/// ```
/// use coopgraph::names::fold;
/// assert_eq!(fold("Säkerhetspolisen"), "sakerhetspolisen");
/// assert_eq!(fold("  Somalia-ÅV "), "somalia av");
/// assert_eq!(fold("swedish-migration-agency"), fold("Swedish Migration Agency"));
/// ```
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return fold_ascii(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for c in s.nfkd().filter(|c| !is_combining_mark(*c)) {
        let mapped: &str = match c {
            'ø' | 'Ø' => "o",
            'æ' | 'Æ' => "ae",
            'ß' => "ss",
            'đ' | 'Đ' => "d",
            'ł' | 'Ł' => "l",
            'ı' => "i",
            _ => "",
        };
        if !mapped.is_empty() {
            out.push_str(mapped);
            space = false;
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Whether a name folds to nothing (it has no letter or digit), without
/// building the folded text for ASCII names.
pub fn folds_to_nothing(s: &str) -> bool {
    if s.is_ascii() {
        !s.bytes().any(|b| b.is_ascii_alphanumeric())
    } else {
        fold(s).is_empty()
    }
}

/// `fold` into `out` (cleared first): for hashing many names without
/// allocating each.
pub fn fold_into(s: &str, out: &mut String) {
    out.clear();
    if s.is_ascii() {
        fold_ascii_into(s, out);
    } else {
        out.push_str(&fold(s));
    }
}

/// `fold` for ASCII text: no decomposition needed.
fn fold_ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_ascii_into(s, &mut out);
    out
}

fn fold_ascii_into(s: &str, out: &mut String) {
    let mut space = true;
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() {
            out.push(b.to_ascii_lowercase() as char);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
}

/// A node a name could mean.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub id: String,
    pub name: String,
    pub kind: String,
    /// The name or alias that matched.
    pub matched: String,
}

impl fmt::Display for Candidate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}, id {})", self.name, self.kind, self.id)?;
        if self.matched != self.name && self.matched != self.id {
            write!(f, " as \"{}\"", self.matched)?;
        }
        Ok(())
    }
}

/// A name that does not resolve to exactly one node.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    #[error("no node is called \"{query}\"{}", did_you_mean(.suggestions))]
    Unknown {
        query: String,
        suggestions: Vec<Candidate>,
    },
    #[error("\"{query}\" is ambiguous; it could be: {}", list(.candidates))]
    Ambiguous {
        query: String,
        candidates: Vec<Candidate>,
    },
}

fn list(c: &[Candidate]) -> String {
    c.iter()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

fn did_you_mean(s: &[Candidate]) -> String {
    if s.is_empty() {
        "; try `coopgraph find` with part of the name".to_string()
    } else {
        format!("; did you mean {}?", list(s))
    }
}

/// How a name matched a search, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Match {
    /// The whole name, alias or id.
    Exact,
    /// Whole words of it.
    Word,
    /// The start of a word.
    Prefix,
    /// Part of a word.
    Substring,
}

impl Match {
    /// The name JSON gives it: `exact`, `word`, `prefix` or `substring`.
    pub fn as_str(self) -> &'static str {
        match self {
            Match::Exact => "exact",
            Match::Word => "word",
            Match::Prefix => "prefix",
            Match::Substring => "substring",
        }
    }
}

/// A node's spellings in the order names are matched: name, aliases, id.
pub fn spellings(n: &Node) -> impl Iterator<Item = &str> {
    std::iter::once(n.name.as_str())
        .chain(n.aliases.iter().map(|a| a.name.as_str()))
        .chain(std::iter::once(n.id.as_str()))
}

/// Jaro–Winkler similarity of two folded names: on bytes when both are
/// ASCII (the same value as on characters, without decoding them), else on
/// characters.
fn similarity(a: &str, b: &str) -> f64 {
    /// A byte slice that strsim's generic functions can iterate.
    struct Bytes<'s>(&'s [u8]);
    impl<'s> IntoIterator for &Bytes<'s> {
        type Item = &'s u8;
        type IntoIter = std::slice::Iter<'s, u8>;
        fn into_iter(self) -> Self::IntoIter {
            self.0.iter()
        }
    }
    if a.is_ascii() && b.is_ascii() {
        strsim::generic_jaro_winkler(&Bytes(a.as_bytes()), &Bytes(b.as_bytes()))
    } else {
        strsim::jaro_winkler(a, b)
    }
}

/// Index from folded names to nodes (by position in the dataset's node list).
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    /// folded key -> (node index, original spelling), one entry per distinct node.
    keys: FxHashMap<String, Vec<(usize, String)>>,
    /// Per node: (folded, original) for its name, aliases, then id.
    spellings: Vec<Vec<(String, String)>>,
    ids: Vec<String>,
    names: Vec<String>,
    kinds: Vec<String>,
}

impl NameIndex {
    pub fn new(nodes: &[Node]) -> NameIndex {
        let mut idx = NameIndex::default();
        for (i, n) in nodes.iter().enumerate() {
            idx.ids.push(n.id.clone());
            idx.names.push(n.name.clone());
            idx.kinds.push(n.kind.to_string());
            let spellings: Vec<(String, String)> = spellings(n)
                .map(|s| (fold(s), s.to_string()))
                .filter(|(key, _)| !key.is_empty())
                .collect();
            for (key, s) in &spellings {
                let entry = idx.keys.entry(key.clone()).or_default();
                if !entry.iter().any(|(j, _)| *j == i) {
                    entry.push((i, s.clone()));
                }
            }
            idx.spellings.push(spellings);
        }
        idx
    }

    /// Folded keys claimed by more than one node, with the claims.
    pub fn conflicts(&self) -> impl Iterator<Item = (&str, &[(usize, String)])> {
        self.keys
            .iter()
            .filter(|(_, v)| v.len() > 1)
            .map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    fn candidate(&self, i: usize, matched: &str) -> Candidate {
        Candidate {
            id: self.ids[i].clone(),
            name: self.names[i].clone(),
            kind: self.kinds[i].clone(),
            matched: matched.to_string(),
        }
    }

    /// The one node whose folded name, alias or id is exactly `query`'s.
    pub fn exact(&self, query: &str) -> Option<usize> {
        match self.keys.get(&fold(query))?.as_slice() {
            [(i, _)] => Some(*i),
            _ => None,
        }
    }

    /// Resolves a name to a node index (see the module docs for the rules).
    pub fn resolve(&self, query: &str) -> Result<usize, ResolveError> {
        let key = fold(query);
        if let Some(hits) = self.keys.get(&key) {
            return match hits.as_slice() {
                [(i, _)] => Ok(*i),
                _ => Err(ResolveError::Ambiguous {
                    query: query.to_string(),
                    candidates: hits.iter().map(|(i, m)| self.candidate(*i, m)).collect(),
                }),
            };
        }
        let found = self.find(query);
        match found.as_slice() {
            [(i, _)] => Ok(*i),
            [] => Err(ResolveError::Unknown {
                query: query.to_string(),
                suggestions: self.suggest(query, 3),
            }),
            _ => Err(ResolveError::Ambiguous {
                query: query.to_string(),
                candidates: found.iter().map(|(i, m)| self.candidate(*i, m)).collect(),
            }),
        }
    }

    /// Nodes with a name, alias or id containing `text` as whole words, in
    /// node order, each with the first spelling that matched (name first).
    pub fn find(&self, text: &str) -> Vec<(usize, String)> {
        let needle = fold(text);
        if needle.is_empty() {
            return Vec::new();
        }
        let padded = format!(" {needle} ");
        self.spellings
            .iter()
            .enumerate()
            .filter_map(|(i, spellings)| {
                spellings
                    .iter()
                    .find(|(key, _)| format!(" {key} ").contains(&padded))
                    .map(|(_, s)| (i, s.clone()))
            })
            .collect()
    }

    /// Nodes with a name, alias or id that matches `text` (folded): equal to
    /// it, containing it as whole words, as the start of a word, or
    /// anywhere. Ranked by the best way each node matches (in that order),
    /// then in node order; each with the first spelling (name first) that
    /// matched that way.
    pub fn search(&self, text: &str) -> Vec<(usize, String, Match)> {
        let needle = fold(text);
        if needle.is_empty() {
            return Vec::new();
        }
        let word = format!(" {needle} ");
        let start = format!(" {needle}");
        let how = |key: &str| {
            if key == needle {
                Some(Match::Exact)
            } else if format!(" {key} ").contains(&word) {
                Some(Match::Word)
            } else if format!(" {key}").contains(&start) {
                Some(Match::Prefix)
            } else if key.contains(&needle) {
                Some(Match::Substring)
            } else {
                None
            }
        };
        let mut hits: Vec<(usize, String, Match)> = self
            .spellings
            .iter()
            .enumerate()
            .filter_map(|(i, spellings)| {
                let mut best: Option<(Match, &str)> = None;
                for (key, s) in spellings {
                    if let Some(m) = how(key)
                        && best.is_none_or(|(b, _)| m < b)
                    {
                        best = Some((m, s));
                    }
                }
                best.map(|(m, s)| (i, s.to_string(), m))
            })
            .collect();
        // Stable: node order within each rank.
        hits.sort_by_key(|h| h.2);
        hits
    }

    /// Up to `n` nodes whose names are most similar to `query` ("did you
    /// mean"), best first; ties broken by id.
    pub fn suggest(&self, query: &str, n: usize) -> Vec<Candidate> {
        let q = fold(query);
        let mut best: BTreeMap<usize, (f64, String)> = BTreeMap::new();
        for (key, claims) in &self.keys {
            let mut score = similarity(&q, key);
            if score < 0.9 && q.len() > 2 && key.contains(&q) {
                score = 0.9;
            }
            if score < 0.75 {
                // Below the bar: such a claim is never suggested.
                continue;
            }
            for (i, spelling) in claims {
                let e = best.entry(*i).or_insert((0.0, String::new()));
                if score > e.0 {
                    *e = (score, spelling.clone());
                }
            }
        }
        let mut ranked: Vec<_> = best.into_iter().filter(|(_, (s, _))| *s >= 0.75).collect();
        ranked.sort_by(|a, b| {
            b.1.0
                .total_cmp(&a.1.0)
                .then(self.ids[a.0].cmp(&self.ids[b.0]))
        });
        ranked
            .into_iter()
            .take(n)
            .map(|(i, (_, m))| self.candidate(i, &m))
            .collect()
    }
}
