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

/// Endings of files that are never text (documents, images, archives, media): adding
/// them to `extensions` would not make them readable, so the hint does not say to.
const NOT_TEXT: [&str; 30] = [
    "pdf", "epub", "mobi", "azw3", "djvu", "doc", "docx", "odt", "rtf", "xls", "xlsx", "ppt",
    "pptx", "jpg", "jpeg", "png", "gif", "webp", "svg", "bmp", "tif", "tiff", "heic", "zip", "gz",
    "tar", "7z", "mp3", "mp4", "mkv",
];

/// Why a file of the store was passed over, and what would make folio read it.
fn why_skipped(path: &Path) -> String {
    match path.extension().map(|e| e.to_string_lossy()) {
        Some(ending) if NOT_TEXT.contains(&ending.to_lowercase().as_str()) => format!(
            "skipped: a .{} file is not text; folio reads plain text, Markdown and saved web pages",
            crate::sanitize::escape_controls(&ending)
        ),
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
