//! How errors read on the command line. The library's errors name no
//! option; here each gets the hint that names the option to change, and
//! data and spec errors print every diagnostic.

use super::output;
use coopgraph::Error;
use coopgraph::analysis::{Limit, QueryError};
use coopgraph::error::PathKind;
use coopgraph::error::Size;
use coopgraph::metrics;

/// The message for `e`, with the command-line hint it needs.
pub fn message(e: &Error) -> String {
    match e {
        Error::Input { .. } => format!("{e}; check the path given to --data"),
        Error::TooLarge { .. } => {
            format!("{e}; if it should be read, raise the limit with --max-input-size")
        }
        Error::Exists { .. } => format!("{e}; pass --force to replace it"),
        // Never a hint to --force: it replaces only regular files.
        Error::WrongKind { found, wanted, .. } => match (found, wanted) {
            (PathKind::SymbolicLink, _) => format!(
                "{e}; coopgraph never replaces a link: write to the file it points to, \
                 or use -o - for stdout"
            ),
            (_, PathKind::Folder) => format!("{e}; -o names a folder here"),
            (PathKind::Folder, _) => e.to_string(),
            // Only a set of files refuses a character device or FIFO.
            (PathKind::Special, _) => {
                format!("{e}; the files of a folder output must be regular files")
            }
            _ => format!(
                "{e}; coopgraph writes files, character devices (/dev/null) and FIFOs, \
                 or stdout with -o -"
            ),
        },
        Error::Window { from, to } => format!("--from {from} is after --to {to}"),
        Error::Date {
            field,
            text,
            reason,
        } => format!("--{field} {text}: {reason}"),
        Error::TooManyNodes { .. } => format!(
            "{e}; install Graphviz (`--layout sfdp`) or narrow the selection \
             (--ego, --kind, --from/--to)"
        ),
        Error::TooLargeToExplore { .. } => format!(
            "{e}; explore a part of it: --ego NAME --depth N, --kind, --relation, \
             --from/--to or --source"
        ),
        Error::NoGraphviz => {
            format!("{e}; install it (apt-get install graphviz) or use --engine builtin")
        }
        Error::UnknownFormat { .. } => {
            format!("{e}; if it is one of them, name it with `coopgraph import --from FORMAT`")
        }
        Error::GraphvizTimeout { .. } => format!(
            "{e}; allow it longer with --graphviz-timeout SECONDS, draw fewer nodes \
             (--ego, --kind, --from/--to), or use --engine builtin"
        ),
        Error::NoForm { format: "ftm" } => {
            "the ftm export is of the full view; --view actors has no FtM form".into()
        }
        Error::TooBig { what, .. } => match what {
            Size::Organisations => format!("{e}; lower --orgs"),
            Size::Projects => format!("{e}; lower --projects"),
            Size::MeanPartners => format!("{e}; lower --mean-partners"),
            Size::Relations => format!("{e}; lower --projects or --mean-partners"),
        },
        Error::Query(q) => query_message(q),
        _ => e.to_string(),
    }
}

/// The message for a question that cannot be answered as asked, with the
/// option that set the value (`--kind`, `--via`, `--top`…).
pub fn query_message(e: &QueryError) -> String {
    match e {
        QueryError::RepeatedActor { .. } => "each actor may be named only once".into(),
        QueryError::PartOf { .. } => e.to_string(),
        QueryError::SameEnds { .. } => "the two ends of a path must differ".into(),
        QueryError::NotActorKind { .. } => {
            "--kind must be an actor kind: state, agency or organisation".into()
        }
        QueryError::NotActivities { .. } => {
            "--via must be network, project or any: the columns are activities".into()
        }
        QueryError::TooSmall { limit, min, .. } => match limit {
            Limit::Top => format!("--top must be at least {min}"),
            Limit::Paths => format!("--limit must be at least {min}"),
            Limit::MaxRows | Limit::MaxCols => {
                format!("--max-rows and --max-cols must be at least {min}")
            }
        },
        QueryError::Metric(metrics::Error::Samples { nodes, .. }) => {
            format!("--samples must be between 1 and the number of nodes ({nodes})")
        }
        QueryError::Metric(m) => m.to_string(),
    }
}

/// Prints an error to stderr, with every diagnostic for a data error.
/// Names and messages from the data are escaped as table output is.
pub fn report(e: &Error) {
    let safe = |s: String| output::for_terminal(&s, true).into_owned();
    match e {
        Error::Data(diags) => {
            for d in diags {
                eprintln!("{}", safe(d.to_string()));
            }
            eprintln!("error: {e}; nothing else was run (see `coopgraph validate`)");
        }
        Error::Spec(diags) => {
            for d in diags {
                eprintln!("{}", safe(d.to_string()));
            }
            eprintln!("error: {e}; nothing was written");
        }
        _ => eprintln!("error: {}", safe(message(e))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use coopgraph::model::NodeKind;

    #[test]
    fn messages_name_the_options() {
        let kind = QueryError::NotActorKind {
            kind: NodeKind::Project,
        };
        assert_eq!(
            query_message(&kind),
            "--kind must be an actor kind: state, agency or organisation"
        );
        let rows = QueryError::TooSmall {
            limit: Limit::MaxCols,
            min: 1,
            given: 0,
        };
        assert_eq!(
            query_message(&rows),
            "--max-rows and --max-cols must be at least 1"
        );
        let samples = QueryError::Metric(metrics::Error::Samples {
            given: 0,
            nodes: 144,
        });
        assert_eq!(
            query_message(&samples),
            "--samples must be between 1 and the number of nodes (144)"
        );
    }
}
