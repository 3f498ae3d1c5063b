//! Walks the store's folders in parallel and reads every article in them.
//!
//! Hidden files and folders are skipped. Symbolic links are followed only to files
//! inside the store root; links to folders are not descended (their targets inside
//! the root are read at their real path), so loops cannot happen.

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use ignore::{WalkBuilder, WalkState};

use super::article::{Article, Format, Location};
use super::problem::{Problem, Reason};
use super::read::{article_from_bytes, escape_path, format_for, io_reason, read_file_in_folder};

/// Results of the walk, sent from a walker thread in batches.
#[derive(Debug, Default)]
pub struct Found {
    /// Each in an `Option` so that the collector can move it out, in sorted order,
    /// without copying the batch first.
    pub articles: Vec<Option<Article>>,
    pub problems: Vec<Problem>,
}

impl Found {
    fn len(&self) -> usize {
        self.articles.len() + self.problems.len()
    }
}

/// How many results a walker thread gathers before it sends them on: one message (and
/// one wake-up of the receiver) per article would cost more than reading the article.
const BATCH: usize = 256;

/// Results gathered on one walker thread, sent on when full and when dropped.
pub struct Batch {
    found: Found,
    sender: mpsc::Sender<Found>,
}

impl Batch {
    pub fn new(sender: mpsc::Sender<Found>) -> Batch {
        Batch {
            found: Batch::empty(),
            sender,
        }
    }

    fn empty() -> Found {
        Found {
            articles: Vec::with_capacity(BATCH),
            problems: Vec::new(),
        }
    }

    pub fn push(&mut self, result: Result<Article, Problem>) {
        match result {
            Ok(article) => self.found.articles.push(Some(article)),
            Err(problem) => self.found.problems.push(problem),
        }
        if self.found.len() >= BATCH {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if self.found.len() > 0 {
            let found = std::mem::replace(&mut self.found, Batch::empty());
            let _ = self.sender.send(found);
        }
    }
}

impl Drop for Batch {
    fn drop(&mut self) {
        self.flush();
    }
}

/// Reads every article under `root`, sending the results to `found` in batches.
pub fn scan_folder(root: &Path, cap: u64, found: &mpsc::Sender<Found>) {
    let canonical_root = match root.canonicalize() {
        Ok(path) => path,
        Err(error) => {
            Batch::new(found.clone()).push(Err(Problem {
                path: escape_path(root),
                reason: Reason::Unreadable(io_reason(&error)),
            }));
            return;
        }
    };
    let walker = WalkBuilder::new(root)
        .standard_filters(false)
        .hidden(true)
        .follow_links(false)
        .threads(0)
        .build_parallel();
    walker.run(|| {
        let mut batch = Batch::new(found.clone());
        let canonical_root = canonical_root.clone();
        Box::new(move |entry| {
            match entry {
                Ok(entry) => {
                    if let Some(result) =
                        visit(root, &canonical_root, entry.path(), entry.file_type(), cap)
                    {
                        batch.push(result);
                    }
                }
                Err(error) => batch.push(Err(walk_problem(root, error))),
            }
            WalkState::Continue
        })
    });
}

/// Reads one walked entry; `None` for folders and files that are not articles.
fn visit(
    root: &Path,
    canonical_root: &Path,
    path: &Path,
    file_type: Option<std::fs::FileType>,
    cap: u64,
) -> Option<Result<Article, Problem>> {
    let file_type = file_type?;
    if file_type.is_dir() {
        return None;
    }
    let problem = |reason| {
        Some(Err(Problem {
            path: escape_path(path),
            reason,
        }))
    };
    let name = path.file_name()?.to_string_lossy();
    let format = format_for(&name);
    if file_type.is_symlink() {
        // A link to a folder outside the store is worth a word whatever its name; a
        // link to anything else only when it is named like an article.
        match path.canonicalize() {
            Err(error) if format.is_some() => {
                return problem(Reason::BrokenLink(io_reason(&error)));
            }
            Err(_) => return None,
            Ok(target) if target.starts_with(canonical_root) => {
                if target.is_dir() {
                    return None;
                }
            }
            Ok(target) if format.is_some() || target.is_dir() => {
                return problem(Reason::LinkOutside(escape_path(&target)));
            }
            Ok(_) => return None,
        }
    }
    let format = format?;
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    BUFFER.with_borrow_mut(|buffer| read_article(root, path, format, cap, buffer))
}

/// Reads and parses one article file.
fn read_article(
    root: &Path,
    path: &Path,
    format: Format,
    cap: u64,
    buffer: &mut Vec<u8>,
) -> Option<Result<Article, Problem>> {
    let problem = |reason| {
        Some(Err(Problem {
            path: escape_path(path),
            reason,
        }))
    };
    let contents = match read_file_in_folder(path, cap, buffer) {
        Ok(contents) => contents,
        Err(reason) => return problem(reason),
    };
    let rel_path = relative_path(root, path);
    match article_from_bytes(
        &contents,
        Location::File(path.to_path_buf()),
        rel_path,
        format,
        false,
    ) {
        Ok((article, _)) => Some(Ok(article)),
        Err(reason) => problem(reason),
    }
}

/// `path` relative to `root`, `/`-separated; a root that is itself a file gives its name.
pub fn relative_path(root: &Path, path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    // The walk builds every path as `root` joined with more names, so the prefix is
    // byte for byte the root's.
    let (full, prefix) = (path.as_os_str().as_bytes(), root.as_os_str().as_bytes());
    match full
        .strip_prefix(prefix)
        .map(|rest| rest.strip_prefix(b"/").unwrap_or(rest))
    {
        Some(rel) if !rel.is_empty() => escape_path(Path::new(std::ffi::OsStr::from_bytes(rel))),
        _ => escape_path(Path::new(path.file_name().unwrap_or(path.as_os_str()))),
    }
}

/// Turns a walk error (an unreadable folder, say) into a problem naming the path.
fn walk_problem(root: &Path, error: ignore::Error) -> Problem {
    let mut path: Option<PathBuf> = None;
    let mut current = &error;
    loop {
        match current {
            ignore::Error::WithPath { path: p, err } => {
                path.get_or_insert_with(|| p.clone());
                current = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                current = err
            }
            _ => break,
        }
    }
    let reason = match current {
        ignore::Error::Io(io) => io_reason(io),
        other => other.to_string(),
    };
    Problem {
        path: escape_path(path.as_deref().unwrap_or(root)),
        reason: Reason::Unreadable(reason),
    }
}
