//! The command line's words for the library's typed errors: each
//! [`QueryError`] as the message `coopgraph` prints, naming the option that
//! set the value (`--kind`, `--via`, `--top`…). The library's own messages
//! name no option; only this module knows which flag is behind which field.

use coopgraph::analysis::{Limit, QueryError};
use coopgraph::metrics;

/// The message printed for `e`, with the option that is to blame.
pub fn query_message(e: &QueryError) -> String {
    match e {
        QueryError::RepeatedActor { .. } => "each actor may be named only once".into(),
        QueryError::PartOf { .. } => e.to_string(),
        QueryError::NotActorKind { .. } => {
            "--kind must be an actor kind: state, agency or organisation".into()
        }
        QueryError::NotActivities { .. } => {
            "--via must be network, project or any: the columns are activities".into()
        }
        QueryError::TooSmall { limit, min, .. } => match limit {
            Limit::Top => format!("--top must be at least {min}"),
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

/// `e` as the usage error the command line reports (exit status 2).
pub fn usage(e: QueryError) -> coopgraph::Error {
    coopgraph::Error::Usage(query_message(&e))
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
