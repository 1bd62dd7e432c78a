//! How errors read on the command line. The library's errors name no
//! option; here each gets the hint that names the option to change, and
//! data and spec errors print every diagnostic.

use super::output;
use coopgraph::Error;

/// The message for `e`, with the command-line hint it needs.
pub fn message(e: &Error) -> String {
    match e {
        Error::Input { .. } => format!("{e}; check the path given to --data"),
        Error::TooLarge { .. } => {
            format!("{e}; if it should be read, raise the limit with --max-input-size")
        }
        Error::Exists { .. } => format!("{e}; pass --force to replace it"),
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
        Error::NoGraphviz => {
            format!("{e}; install it (apt-get install graphviz) or use --engine builtin")
        }
        Error::NoForm { format: "ftm" } => {
            "the ftm export is of the full view; --view actors has no FtM form".into()
        }
        Error::Metric { metric, source } => format!("--size-by {metric}: {source}"),
        _ => e.to_string(),
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
