//! The `coopgraph` command: parses options, runs one subcommand, maps errors
//! onto exit statuses (0 ok, 1 runtime failure, 2 usage or data error).

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
