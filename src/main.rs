//! The `folio` binary: parses the command line and hands over to [`folio::cli`].

use std::process::ExitCode;

fn main() -> ExitCode {
    folio::cli::run(folio::cli::Cli::parse_args(std::env::args_os()))
}

/// Scanning a store allocates a few small strings per article; mimalloc does that
/// markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
