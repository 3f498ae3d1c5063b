//! `folio check`: each file of the store that could not be read as an article, and
//! why; then each file passed over for its ending.

use std::path::Path;
use std::process::ExitCode;

use crate::store::Store;
use crate::store::read::escape_path;

pub(super) fn check(store: &Store) -> ExitCode {
    let scan = store.scan();
    for problem in &scan.problems {
        println!("{problem}");
    }
    let skipped = store.skipped();
    for path in &skipped {
        println!("{}: {}", escape_path(path), why_skipped(path));
    }
    let articles = scan.articles.len();
    let problems = scan.problems.len();
    let mut summary = format!(
        "{articles} article{} read, {problems} file{} not read",
        plural(articles),
        plural(problems),
    );
    if !skipped.is_empty() {
        let endings: Vec<String> = store.kinds.endings().map(|e| format!(".{e}")).collect();
        summary.push_str(&format!(
            ", {} file{} skipped for {} ending (articles end {})",
            skipped.len(),
            plural(skipped.len()),
            if skipped.len() == 1 { "its" } else { "their" },
            endings.join(" ")
        ));
    }
    eprintln!("{summary}, in {}", store.describe());
    if problems > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Why a file of the store was passed over, and what would make folio read it.
fn why_skipped(path: &Path) -> String {
    match path.extension().map(|e| e.to_string_lossy()) {
        Some(ending) => format!(
            "skipped: .{} is not an article ending; add {:?} to `extensions` in the config to read it",
            crate::sanitize::escape_controls(&ending),
            ending.to_lowercase()
        ),
        None => "skipped: no ending (.txt, .md, .html, …); rename it to read it".to_owned(),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
