//! coopgraph summary — counts per node kind and relation kind, the sources
//! (their ids, as `--source` takes them), the time span covered, connected
//! components, and declared-vs-listed member counts.
//!
//! Usage: coopgraph summary [--data PATH]... [--format table|json|csv] [--lang en|sv]
//!
//! CSV columns: `table` (`node kind`, `relation kind` or `source`), `name`
//! (the kind or the source id) and `count` (nodes, relations, or relations
//! citing the source).

use super::{Format, GlobalArgs, output};
use coopgraph::analysis::summary::summary;
use std::fmt::Write;
use std::process::ExitCode;

/// Counts per node and relation kind, source ids, time span, components,
/// member-count mismatches.
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(global: &GlobalArgs, _args: &Args) -> coopgraph::Result<ExitCode> {
    let g = global.graph()?;
    let s = summary(g, global.lang());
    if global.format == Format::Json {
        output::json(&s)?;
        return Ok(ExitCode::SUCCESS);
    }
    if global.format == Format::Csv {
        let header = ["table", "name", "count"].map(String::from);
        let mut records = vec![header];
        for (table, counts) in [
            ("node kind", &s.node_kinds),
            ("relation kind", &s.relation_kinds),
        ] {
            records.extend(
                counts
                    .iter()
                    .map(|k| [table.to_string(), k.kind.clone(), k.count.to_string()]),
            );
        }
        records.extend(s.source_list.iter().map(|src| {
            [
                "source".to_string(),
                src.id.clone(),
                src.relations.to_string(),
            ]
        }));
        output::csv(records)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} nodes, {} relations, {} sources",
        s.nodes, s.relations, s.sources
    );
    if let Some((from, to)) = &s.time_span {
        let _ = writeln!(out, "time span: {from} to {to}");
    }
    let _ = writeln!(
        out,
        "connected components: {} (sizes {})\n",
        s.components,
        s.component_sizes
            .iter()
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    out.push_str(&output::table(
        &["node kind", "count"],
        s.node_kinds
            .iter()
            .map(|k| [k.kind.clone(), k.count.to_string()]),
    ));
    out.push('\n');
    out.push_str(&output::table(
        &["relation kind", "count"],
        s.relation_kinds
            .iter()
            .map(|k| [k.kind.clone(), k.count.to_string()]),
    ));
    out.push('\n');
    out.push_str(&output::table(
        &["source", "title", "language", "relations citing it"],
        s.source_list.iter().map(|src| {
            [
                src.id.clone(),
                src.title.clone(),
                src.lang.map(|l| l.to_string()).unwrap_or_default(),
                src.relations.to_string(),
            ]
        }),
    ));
    if !s.mismatches.is_empty() {
        let _ = writeln!(
            out,
            "\nstated member counts that differ from the members listed:"
        );
        out.push_str(&output::table(
            &["network", "role", "stated", "listed"],
            s.mismatches.iter().map(|m| {
                [
                    m.node.name.clone(),
                    m.role.clone().unwrap_or_else(|| "any".into()),
                    m.declared.to_string(),
                    m.listed.to_string(),
                ]
            }),
        ));
    }
    if s.warnings > 0 {
        let _ = writeln!(
            out,
            "\n{} validation warnings: see `coopgraph validate`",
            s.warnings
        );
    }
    output::text(&out)?;
    Ok(ExitCode::SUCCESS)
}
