//! Reading IATI activity XML (the International Aid Transparency Initiative
//! standard, versions 1.0x–2.03), streamed one activity at a time into the
//! same [`Builder`] and store as every other reader. The mapping, with a
//! worked example, is in `docs/formats.md` (IATI); in short:
//!
//! - each `iati-activity` is a `project` node: its id from the
//!   `iati-identifier` (kept as an alias, so it resolves), its name from
//!   `title`, its description from the first `description`, its dates from
//!   `activity-date` (actual, else planned, flagged as planned), and its
//!   note holding what no field holds (status, dates not used, recipient
//!   regions, budgets, planned disbursements, transactions that move no
//!   money to a receiver, sibling and other related activities);
//! - each `participating-org` is a node identified by its `ref` (an IATI
//!   organisation identifier) when it has a usable one, else by its name;
//!   government, local government and other public sector (types 10, 11,
//!   15) are agencies, every other type an organisation; its role is the
//!   relation: funding `funds`, accountable `accountable_for`, extending
//!   `extends`, implementing `implements`;
//! - each `recipient-country` is a state (ISO code as an alias, name from
//!   the IATI country codelist) that the project `concerns`, with its
//!   percentage in the note;
//! - transactions that move money (commitments, disbursements,
//!   expenditure, incoming funds and commitments) are `funds` relations from
//!   the provider (else the reporting organisation) to the receiver (else
//!   the project; a relation to a receiver is `within` the project),
//!   summed per pair, transaction type, year and currency, each
//!   transaction's date, amount and value date kept in the note;
//! - `related-activity` parent and child are `part_of` relations;
//! - every record cites one source per activity, `iati:IDENTIFIER`, naming
//!   the publisher (`reporting-org`), the file and `last-updated-datetime`,
//!   with the line of the `iati-activity` as the paragraph.
//!
//! Organisations and countries already read (the records before the file,
//! through [`Known`]) are the same nodes when an IATI organisation's
//! `ref`, or its name, is a name or alias of an actor there, or a
//! country's code is a state's `country`. Messy records are read with a
//! warning (code `iati`) at the element: nothing is left out silently and
//! nothing is made up.

mod codes;
mod emit;
mod parse;

use super::{Builder, ImportOptions, Imported};
use crate::diagnostic::Diagnostic;
use crate::model::NodeKind;
use crate::store::Store;
use rustc_hash::{FxHashMap, FxHashSet};

/// The nodes of records read before an IATI file, which its organisations
/// and countries merge with: every folded spelling (name, alias, id) of a
/// node, and each state's country code.
#[derive(Debug, Default)]
pub struct Known {
    /// (id, kind) of each node.
    nodes: Vec<(String, NodeKind)>,
    names: FxHashMap<String, usize>,
    countries: FxHashMap<String, usize>,
    ids: FxHashSet<String>,
    /// Source ids: an activity whose source is here was read already.
    sources: FxHashSet<String>,
}

impl Known {
    /// What `store` holds that an IATI file may name again.
    pub fn new(store: &Store) -> Known {
        let mut k = Known {
            sources: store.sources.iter().map(|s| s.id.clone()).collect(),
            ..Known::default()
        };
        for (i, n) in store.nodes.iter().enumerate() {
            k.nodes.push((n.id.clone(), n.kind));
            k.ids.insert(n.id.clone());
            for s in crate::names::spellings(n) {
                k.names.entry(crate::names::fold(s)).or_insert(i);
            }
            if let (NodeKind::State, Some(c)) = (n.kind, &n.country) {
                k.countries.entry(c.to_ascii_uppercase()).or_insert(i);
            }
        }
        k
    }
}

/// Reads an IATI activity file into records (see the module docs),
/// merging its organisations and countries with `known`; problems go to
/// `diags` with their place.
pub fn read(
    name: &str,
    text: &str,
    opts: &ImportOptions,
    known: &Known,
    diags: &mut Vec<Diagnostic>,
) -> Imported {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut parser = parse::Parser::new(name, text);
    let mut out = emit::Emit::new(Builder::new(name, opts), known, name);
    let mut version_checked = false;
    while let Some(activity) = parser.next_activity(diags) {
        if !version_checked {
            version_checked = true;
            check_version(&parser, diags);
        }
        out.activity(activity, &parser, diags);
    }
    if !version_checked {
        check_version(&parser, diags);
    }
    out.finish(&parser, diags)
}

/// The root's `version`: a warning when it is missing or not one the
/// reader knows.
fn check_version(parser: &parse::Parser<'_>, diags: &mut Vec<Diagnostic>) {
    let Some(root) = &parser.root else { return };
    let msg = match parser.root_version.as_deref().map(str::trim) {
        None | Some("") => {
            "`<iati-activities>` has no `version`: read as IATI 2.0x (the 1.0x codes are read too)"
                .to_string()
        }
        Some(v) if v.starts_with("1.0") || v.starts_with("2.0") => return,
        Some(v) => {
            format!("IATI version `{v}` is not one coopgraph knows (1.01–2.03): read as 2.0x")
        }
    };
    diags.push(Diagnostic::warning("iati", msg).at(Some(root)));
}
