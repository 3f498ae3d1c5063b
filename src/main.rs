//! The `folio` binary: parses the command line and hands over to [`folio::cli`].

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    folio::cli::run(folio::cli::Cli::parse())
}
