//! The terminal reader.

use std::process::ExitCode;

use crate::store::Store;

/// Opens the reader on `store`.
pub fn run(store: Store) -> ExitCode {
    let scan = store.scan();
    println!("{} articles in {}", scan.articles.len(), store.describe());
    ExitCode::SUCCESS
}
