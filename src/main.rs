//! The `folio` binary: parses the command line and hands over to [`folio::cli`].

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    folio::cli::run(folio::cli::Cli::parse())
}

/// Scanning a store allocates a few small strings per article; mimalloc does that
/// markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
