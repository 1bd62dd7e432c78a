//! coopgraph show NAME — one node with every relation in both directions:
//! kind, role, dates, amounts, the other end, and sources. For a fund this
//! lists what it funds, and what its parts fund (marked "through its part");
//! for a network, its members. NAME is an id, a name or
//! an alias in either language, in any case and with or without diacritics.
//!
//! Usage: coopgraph show NAME [--format table|json|csv] [--lang en|sv]
//!
//! CSV: one row per relation, under the tables' headings: relation (the
//! heading, e.g. `leads`), name, kind, details, dates, sources, note.

use super::{Format, GlobalArgs, output};
use coopgraph::analysis::show::{NodeView, RelationView, Side, heading, show};
use coopgraph::analysis::{format_citations, span_human, span_planned};
use itertools::Itertools;
use std::fmt::Write;
use std::process::ExitCode;

/// Show a node with all its relations and their sources.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Id, name or alias (e.g. `Migrationsverket`, `GDISC`, `eu-frank`).
    pub name: String,
}

pub fn run(global: &GlobalArgs, args: &Args) -> coopgraph::Result<ExitCode> {
    let g = global.graph()?;
    let i = g.resolve(&args.name)?;
    let view = show(g, i, global.lang());
    if global.format == Format::Json {
        output::json(&view)?;
    } else if global.format == Format::Csv {
        output::csv(csv_records(&view))?;
    } else {
        output::text(&render(&view))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn details(r: &RelationView) -> String {
    let mut parts = Vec::new();
    if let Some(role) = &r.role {
        parts.push(role.clone());
    }
    if let Some(a) = &r.amount {
        parts.push(format!("{} {}", a.currency, a.value));
    }
    if let Some(s) = &r.share {
        parts.push(format!("{s} funding"));
    }
    if let Some(p) = &r.place {
        parts.push(format!("in {p}"));
    }
    if let Some(w) = &r.within {
        parts.push(format!("within {}", w.name));
    }
    if let Some(t) = &r.through {
        parts.push(format!("{} by {}", r.kind, t.name));
    }
    if let Some(s) = &r.on_behalf_of {
        parts.push(format!("for {}", s.name));
    }
    if let Some(p) = &r.via_part {
        parts.push(format!("(through its part {})", p.name));
    }
    parts.join("; ")
}

/// The relation's own dates, else the other node's in parentheses.
fn dates(r: &RelationView) -> String {
    let own = span_human(&r.start, &r.end);
    if !own.is_empty() {
        return own;
    }
    let theirs = span_planned(&r.other_start, &r.other_end);
    if theirs.is_empty() {
        theirs
    } else {
        format!("({theirs})")
    }
}

fn render(v: &NodeView) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} ({}, id {})", v.node.name, v.node.kind, v.node.id);
    if v.unnamed {
        let _ = writeln!(
            out,
            "(the pages do not name it; the name above is a descriptive label)"
        );
    }
    if v.node.name != v.name_en {
        let _ = writeln!(out, "English name: {}", v.name_en);
    }
    if let Some(sv) = v.name_sv.as_ref().filter(|sv| **sv != v.node.name) {
        let _ = writeln!(out, "Swedish name: {sv}");
    }
    let shown = [Some(&v.node.name), Some(&v.name_en), v.name_sv.as_ref()];
    let aka = v
        .aliases
        .iter()
        .map(|a| &a.name)
        .filter(|a| !shown.contains(&Some(*a)))
        .join(", ");
    if !aka.is_empty() {
        let _ = writeln!(out, "Also known as: {aka}");
    }
    if let Some(c) = &v.country {
        let _ = writeln!(out, "Country: {c}");
    }
    let span = span_planned(&v.start, &v.end);
    if !span.is_empty() {
        let _ = writeln!(out, "Dates: {span}");
    }
    for d in &v.other_dates {
        let _ = writeln!(
            out,
            "Other dates: {} [{}]{}",
            span_human(&d.start, &d.end),
            format_citations(&d.sources),
            d.note
                .as_ref()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default()
        );
    }
    for d in &v.declared_members {
        let role = d
            .role
            .as_ref()
            .map(|r| format!(" with role \"{r}\""))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "Stated members{role}: {} (listed: {}) [{}]",
            d.count,
            d.listed,
            format_citations(&d.sources)
        );
    }
    let _ = writeln!(out, "Sources: {}", format_citations(&v.sources));
    if !v.description.is_empty() {
        let _ = writeln!(out, "\n{}", v.description);
    }
    if let Some(note) = &v.note {
        let _ = writeln!(out, "\nNote: {note}");
    }
    if v.relations.is_empty() {
        let _ = writeln!(out, "\nNo relations.");
    }
    for ((side, kind), group) in &v.relations.iter().chunk_by(|r| (r.side, r.kind)) {
        let group: Vec<&RelationView> = group.collect();
        let _ = writeln!(out, "\n{} ({})", heading(side, kind), group.len());
        let name_col = if side == Side::OnBehalf {
            "target"
        } else {
            "name"
        };
        // Notes are long: they go under the table, numbered.
        let mut notes = Vec::new();
        let rows: Vec<[String; 5]> = group
            .iter()
            .map(|r| {
                let mut d = details(r);
                if let Some(n) = &r.note {
                    notes.push(n.as_str());
                    d = format!("{d} [{}]", notes.len()).trim_start().to_string();
                }
                [
                    r.other.name.clone(),
                    r.other.kind.clone(),
                    d,
                    dates(r),
                    format_citations(&r.sources),
                ]
            })
            .collect();
        out.push_str(&super::output::table(
            &[name_col, "kind", "details", "dates", "sources"],
            rows,
        ));
        for (k, n) in notes.iter().enumerate() {
            let _ = writeln!(out, "[{}] {n}", k + 1);
        }
    }
    out
}

/// The relations as CSV records, header first (the node's own fields are
/// in `--format json`).
fn csv_records(v: &NodeView) -> Vec<Vec<String>> {
    let header = [
        "relation", "name", "kind", "details", "dates", "sources", "note",
    ];
    let rows = v.relations.iter().map(|r| {
        vec![
            heading(r.side, r.kind).to_string(),
            r.other.name.clone(),
            r.other.kind.clone(),
            details(r),
            dates(r),
            format_citations(&r.sources),
            r.note.clone().unwrap_or_default(),
        ]
    });
    std::iter::once(header.map(String::from).to_vec())
        .chain(rows)
        .collect()
}
