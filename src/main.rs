//! The `coopgraph` command: parses options, runs one subcommand, maps errors
//! onto exit statuses (0 ok, 1 runtime failure, 2 usage or data error).

mod cli;

// mimalloc: loading a large file makes millions of small allocations (node
// records, ids), where the system allocator spent a fifth of the time. Built
// without transparent huge pages, which made every small run slower.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
