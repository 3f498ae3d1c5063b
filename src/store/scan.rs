//! Walks the store's folders in parallel and reads every article in them.
//!
//! Hidden files and folders are skipped. Symbolic links are followed only to files
//! inside the store root; links to folders are not descended (their targets inside
//! the root are read at their real path), so loops cannot happen.

use std::ffi::{OsStr, OsString};
use std::fs::FileType;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};

use super::article::{Article, Format, Location};
use super::problem::{Problem, Reason};
use super::read::{
    article_from_bytes, escape_path, format_for, io_reason, read_file, read_file_at,
};
use super::tasks::Tasks;

/// Results of the walk, sent from a walker thread in batches: what was kept of each
/// article (see [`Keep`]) and the files that are not articles.
#[derive(Debug)]
pub struct Found<T> {
    /// Each in an `Option` so that the collector can move it out, in sorted order,
    /// without copying the batch first.
    pub articles: Vec<Option<T>>,
    pub problems: Vec<Problem>,
}

impl<T> Found<T> {
    fn len(&self) -> usize {
        self.articles.len() + self.problems.len()
    }
}

/// What a walk keeps of each article, made on the walker's thread as soon as the
/// article is read: the article itself, or (for `folio list`) only the line to print.
pub type Keep<'k, T> = &'k (dyn Fn(Article) -> T + Sync);

/// How many results a walker thread gathers before it sends them on: one message (and
/// one wake-up of the receiver) per article would cost more than reading the article.
const BATCH: usize = 256;

/// Results gathered on one walker thread, sent on when full and when dropped.
pub struct Batch<'k, T> {
    found: Found<T>,
    sender: mpsc::Sender<Found<T>>,
    keep: Keep<'k, T>,
}

impl<'k, T> Batch<'k, T> {
    pub fn new(sender: mpsc::Sender<Found<T>>, keep: Keep<'k, T>) -> Batch<'k, T> {
        Batch {
            found: Batch::empty(),
            sender,
            keep,
        }
    }

    fn empty() -> Found<T> {
        Found {
            articles: Vec::with_capacity(BATCH),
            problems: Vec::new(),
        }
    }

    pub fn push(&mut self, result: Result<Article, Problem>) {
        match result {
            Ok(article) => self.found.articles.push(Some((self.keep)(article))),
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

impl<T> Drop for Batch<'_, T> {
    fn drop(&mut self) {
        self.flush();
    }
}

/// Reads every article under `root`, sending the results to `found` in batches.
///
/// The walk shares its work out among as many threads as there are cores: a folder is
/// listed by one thread, which queues its subfolders and hands its files out in runs of
/// [`FILES_PER_TASK`], so a single folder of 100,000 files is read on every core too.
pub fn scan_folder<T: Send>(
    root: &Path,
    cap: u64,
    found: &mpsc::Sender<Found<T>>,
    keep: Keep<'_, T>,
) {
    let canonical_root = match root.canonicalize() {
        Ok(path) => path,
        Err(error) => {
            Batch::new(found.clone(), keep).push(Err(Problem {
                path: escape_path(root),
                reason: Reason::Unreadable(io_reason(&error)),
            }));
            return;
        }
    };
    let walk = Walk {
        root,
        canonical_root: &canonical_root,
        cap,
    };
    if !root.is_dir() {
        // A root that is a file is read as an article of its own.
        let file_type = std::fs::symlink_metadata(root).ok().map(|m| m.file_type());
        let name = root.file_name().unwrap_or(root.as_os_str());
        let at = At { folder: None, name };
        if let Some(result) = walk.visit(root, at, file_type) {
            Batch::new(found.clone(), keep).push(result);
        }
        return;
    }
    let tasks = Tasks::new(Task::Folder(root.to_path_buf()));
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(MAX_THREADS));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let mut batch = Batch::new(found.clone(), keep);
                while let Some(mut taken) = tasks.next() {
                    match taken.take() {
                        Task::Folder(path) => walk.folder(path, &tasks, &mut batch),
                        Task::Files(folder, names) => walk.files(&folder, &names, &mut batch),
                    }
                }
            });
        }
    });
}

/// Threads reading one root at most: past this, more threads only wait on each other.
const MAX_THREADS: usize = 12;

/// Files of one folder read as one task.
const FILES_PER_TASK: usize = 128;

/// What the walk of one root needs everywhere in it.
struct Walk<'a> {
    root: &'a Path,
    canonical_root: &'a Path,
    cap: u64,
}

impl Walk<'_> {
    /// Lists a folder: its subfolders become tasks, and so do its files, but the first
    /// run of them, which this thread reads at once.
    fn folder<T>(&self, path: PathBuf, tasks: &Tasks<Task>, batch: &mut Batch<'_, T>) {
        let unreadable = |error: &std::io::Error| {
            Err(Problem {
                path: escape_path(&path),
                reason: Reason::Unreadable(io_reason(error)),
            })
        };
        let entries = match std::fs::read_dir(&path) {
            Ok(entries) => entries,
            Err(error) => return batch.push(unreadable(&error)),
        };
        let mut files = Vec::new();
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    batch.push(unreadable(&error));
                    break;
                }
            };
            let name = entry.file_name();
            if name.as_encoded_bytes().starts_with(b".") {
                continue;
            }
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => tasks.add(Task::Folder(entry.path())),
                // Links are looked at whatever their name (see `visit`); other files
                // only when they are named like articles.
                Ok(kind) if kind.is_symlink() || format_for(name.as_bytes()).is_some() => {
                    files.push((name, kind));
                }
                Ok(_) => {}
                Err(error) => batch.push(Err(Problem {
                    path: escape_path(&entry.path()),
                    reason: Reason::Unreadable(io_reason(&error)),
                })),
            }
        }
        let folder: Arc<Path> = path.into();
        while files.len() > FILES_PER_TASK {
            let rest = files.split_off(FILES_PER_TASK);
            tasks.add(Task::Files(
                folder.clone(),
                std::mem::replace(&mut files, rest),
            ));
        }
        self.files(&folder, &files, batch);
    }

    /// Reads some files of one folder, opening each relative to the folder (which
    /// spares the system a look-up of every folder of its path).
    fn files<T>(&self, folder: &Path, names: &[(OsString, FileType)], batch: &mut Batch<'_, T>) {
        let opened = open_folder(folder).ok();
        for (name, kind) in names {
            let path = joined(folder, name);
            let at = At {
                folder: opened.as_ref().map(|fd| fd.as_fd()),
                name,
            };
            if let Some(result) = self.visit(&path, at, Some(*kind)) {
                batch.push(result);
            }
        }
    }

    /// Reads one walked entry; `None` for folders and files that are not articles.
    fn visit(
        &self,
        path: &Path,
        at: At<'_>,
        file_type: Option<FileType>,
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
        let format = format_for(at.name.as_bytes());
        if file_type.is_symlink() {
            // A link to a folder outside the store is worth a word whatever its name; a
            // link to anything else only when it is named like an article.
            match path.canonicalize() {
                Err(error) if format.is_some() => {
                    return problem(Reason::BrokenLink(io_reason(&error)));
                }
                Err(_) => return None,
                Ok(target) if target.starts_with(self.canonical_root) => {
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
        BUFFER.with_borrow_mut(|buffer| self.read_article(path, at, format, buffer))
    }

    /// Reads and parses one article file.
    fn read_article(
        &self,
        path: &Path,
        at: At<'_>,
        format: Format,
        buffer: &mut Vec<u8>,
    ) -> Option<Result<Article, Problem>> {
        let problem = |reason| {
            Some(Err(Problem {
                path: escape_path(path),
                reason,
            }))
        };
        let read = match at.folder {
            Some(folder) => read_file_at(folder, at.name, path, self.cap, buffer),
            None => read_file(path, self.cap, buffer),
        };
        let contents = match read {
            Ok(contents) => contents,
            Err(reason) => return problem(reason),
        };
        let rel_path = relative_path(self.root, path);
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
}

/// Where a walked file is: its name, in a folder open for looking up names when there
/// is one (a root that is a file has none).
#[derive(Clone, Copy)]
struct At<'a> {
    folder: Option<BorrowedFd<'a>>,
    name: &'a OsStr,
}

/// Opens a folder for looking up names in it (`O_PATH`: nothing is read through it).
fn open_folder(folder: &Path) -> std::io::Result<OwnedFd> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_PATH | libc::O_DIRECTORY)
        .open(folder)?;
    Ok(file.into())
}

/// `folder/name`, built in one allocation (what `Path::join` gives for a plain name).
fn joined(folder: &Path, name: &OsStr) -> PathBuf {
    let (folder, name) = (folder.as_os_str().as_bytes(), name.as_bytes());
    let mut path = Vec::with_capacity(folder.len() + 1 + name.len());
    path.extend_from_slice(folder);
    if !folder.is_empty() && !folder.ends_with(b"/") {
        path.push(b'/');
    }
    path.extend_from_slice(name);
    PathBuf::from(OsString::from_vec(path))
}

/// A piece of the walk that one thread does at a time.
enum Task {
    Folder(PathBuf),
    /// Some of a folder's files, by name.
    Files(Arc<Path>, Vec<(OsString, FileType)>),
}

/// `path` relative to `root`, `/`-separated; a root that is itself a file gives its name.
pub fn relative_path(root: &Path, path: &Path) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The paths of the articles a walk of `root` finds, sorted, and how many problems.
    fn walked(root: &Path) -> (Vec<String>, usize) {
        let (sender, receiver) = mpsc::channel();
        scan_folder(root, 1 << 20, &sender, &|article| article);
        drop(sender);
        let (mut paths, mut problems) = (Vec::new(), 0);
        for found in receiver {
            paths.extend(found.articles.into_iter().flatten().map(|a| a.rel_path));
            problems += found.problems.len();
        }
        paths.sort();
        (paths, problems)
    }

    #[test]
    fn a_big_folder_shared_out_among_threads_gives_each_article_once() {
        let root = tempfile::tempdir().expect("temporary folder");
        let mut expected = Vec::new();
        for folder in ["big", "big/inner", "small", ".hidden"] {
            std::fs::create_dir_all(root.path().join(folder)).expect("folder");
        }
        for n in 0..(3 * FILES_PER_TASK + 5) {
            let name = format!("big/{n:04}.txt");
            std::fs::write(root.path().join(&name), format!("Article {n}\n\nText.\n"))
                .expect("write");
            expected.push(name);
        }
        for name in ["big/inner/deep.md", "small/one.text", "top.markdown"] {
            std::fs::write(root.path().join(name), "# A title\n\nText.\n").expect("write");
            expected.push(name.to_owned());
        }
        for name in [".hidden/secret.txt", "big/.dotfile.txt", "big/notes.pdf"] {
            std::fs::write(root.path().join(name), "Not listed\n\nText.\n").expect("write");
        }
        expected.sort();
        assert_eq!(walked(root.path()), (expected, 0));
    }

    #[test]
    fn a_joined_path_is_the_one_path_join_gives() {
        for folder in ["/store", "/store/", "store/2024", "", "/"] {
            let name = OsStr::new("a b.txt");
            assert_eq!(
                joined(Path::new(folder), name),
                Path::new(folder).join(name)
            );
        }
    }

    #[test]
    fn a_root_that_is_a_file_is_read_as_one_article() {
        let root = tempfile::tempdir().expect("temporary folder");
        let file = root.path().join("only.txt");
        std::fs::write(&file, "Only\n\nText.\n").expect("write");
        assert_eq!(walked(&file), (vec!["only.txt".to_owned()], 0));
    }
}
