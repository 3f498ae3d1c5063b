//! `folio check`: each file of the store that could not be read as an article, and why.

use std::process::ExitCode;

use crate::store::Store;

pub(super) fn check(store: &Store) -> ExitCode {
    let scan = store.scan();
    for problem in &scan.problems {
        println!("{problem}");
    }
    let articles = scan.articles.len();
    let problems = scan.problems.len();
    eprintln!(
        "{articles} article{} read, {problems} file{} not read, in {}",
        if articles == 1 { "" } else { "s" },
        if problems == 1 { "" } else { "s" },
        store.describe()
    );
    if problems > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
