//! Walks the store's folders in parallel: the one walk of the store, which the scan
//! uses to read every article and the index to check every file's size and mtime, so
//! both see the same files.
//!
//! Only files named like articles are looked at. Hidden files and folders are skipped.
//! Symbolic links are followed only to files inside the store root; links to folders
//! are not descended (their targets inside the root are read at their real path), so
//! loops cannot happen.

use std::ffi::{CStr, OsStr, OsString};
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::article::Format;
use super::kinds::Kinds;
use super::problem::{Problem, Reason};
use super::read::{FileBytes, escape_path, io_reason, read_file, read_file_at};
use super::tasks::Tasks;

/// What a walk does with what it finds. The walk decides which files may be articles
/// (by the rules above); the visitor what is done with each: the store's scan reads it,
/// the index's refresh compares its size and mtime with what the index knows.
pub trait Visit: Sync {
    /// What one walker thread keeps while it works.
    type Local;

    /// A walker thread's own state, made as it starts.
    fn start(&self) -> Self::Local;

    /// A file named like an article, or a link so named that leads inside the root to
    /// something other than a folder.
    fn file(&self, local: &mut Self::Local, file: &StoreFile<'_>);

    /// A file or folder that is not an article and is worth a word, made when asked.
    fn problem(&self, local: &mut Self::Local, problem: impl FnOnce() -> Problem);

    /// A file whose ending is not an article's (`folio check` names them), made when
    /// asked. Hidden files are not looked at, so never skipped.
    fn skipped(&self, _local: &mut Self::Local, _path: impl FnOnce() -> PathBuf) {}

    /// A walker thread's work is over.
    fn finish(&self, _local: Self::Local) {}
}

/// Walks `root`, giving `visit` every file that may be an article and every problem.
///
/// The walk shares its work out among as many threads as there are cores: a folder is
/// listed by one thread, which queues its subfolders and hands its files out in runs of
/// `FILES_PER_TASK`, so a single folder of 100,000 files is looked at on every core
/// too.
pub fn walk<V: Visit>(root: &Path, kinds: &Kinds, visit: &V) {
    let canonical_root = match root.canonicalize() {
        Ok(path) => path,
        Err(error) => {
            let mut local = visit.start();
            visit.problem(&mut local, || Problem {
                path: escape_path(root),
                reason: Reason::Unreadable(io_reason(&error)),
            });
            visit.finish(local);
            return;
        }
    };
    let walk = Walk {
        root,
        canonical_root: &canonical_root,
        kinds,
        visit,
    };
    if !root.is_dir() {
        // A root that is a file is read as an article of its own.
        let mut local = visit.start();
        walk.root_file(&mut local);
        visit.finish(local);
        return;
    }
    let tasks = Tasks::new(Task::Folder(root.to_path_buf()));
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(MAX_THREADS));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let mut local = visit.start();
                while let Some(mut taken) = tasks.next() {
                    match taken.take() {
                        Task::Folder(path) => walk.folder(path, &tasks, &mut local),
                        Task::Files(folder, run) => walk.files(&folder, &run, &mut local),
                    }
                }
                visit.finish(local);
            });
        }
    });
}

/// Threads walking one root at most: past this, more threads only wait on each other.
const MAX_THREADS: usize = 12;

/// Files of one folder looked at as one task.
pub(super) const FILES_PER_TASK: usize = 128;

/// What the walk of one root needs everywhere in it.
struct Walk<'a, V> {
    root: &'a Path,
    canonical_root: &'a Path,
    kinds: &'a Kinds,
    visit: &'a V,
}

impl<V: Visit> Walk<'_, V> {
    /// Lists a folder: its subfolders become tasks, and so do its files, but the last
    /// run of them, which this thread looks at once.
    fn folder(&self, path: PathBuf, tasks: &Tasks<Task>, local: &mut V::Local) {
        let unreadable = |error: &std::io::Error| Problem {
            path: escape_path(&path),
            reason: Reason::Unreadable(io_reason(error)),
        };
        let entries = match std::fs::read_dir(&path) {
            Ok(entries) => entries,
            Err(error) => return self.visit.problem(local, || unreadable(&error)),
        };
        let (mut full, mut run) = (Vec::new(), Run::default());
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    self.visit.problem(local, || unreadable(&error));
                    break;
                }
            };
            let name = entry.file_name();
            if name.as_encoded_bytes().starts_with(b".") {
                continue;
            }
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => tasks.add(Task::Folder(entry.path())),
                // Links are looked at whatever their name (see `follows`); other files
                // only when they are named like articles.
                Ok(kind) => {
                    let format = self.kinds.format_for(name.as_bytes());
                    if kind.is_symlink() || format.is_some() {
                        if run.files.len() == FILES_PER_TASK {
                            full.push(std::mem::take(&mut run));
                        }
                        run.push(&name, format, kind.is_symlink());
                    } else {
                        self.visit.skipped(local, || entry.path());
                    }
                }
                Err(error) => self.visit.problem(local, || Problem {
                    path: escape_path(&entry.path()),
                    reason: Reason::Unreadable(io_reason(&error)),
                }),
            }
        }
        if run.files.is_empty() {
            return;
        }
        let folder = Arc::new(Folder {
            under: self.under(&path),
            opened: open_folder(&path).ok(),
            path,
        });
        for full in full {
            tasks.add(Task::Files(folder.clone(), full));
        }
        self.files(&folder, &run, local);
    }

    /// Looks at a run of files of one folder, each by name in the folder, opened once
    /// for all its runs (which spares the system a look-up of every folder of each
    /// file's path).
    fn files(&self, folder: &Folder, run: &Run, local: &mut V::Local) {
        for (name, format, link) in run.names() {
            if link
                && !self.follows(
                    &joined(&folder.path, OsStr::from_bytes(name.to_bytes())),
                    format,
                    local,
                )
            {
                continue;
            }
            let Some(format) = format else {
                let name = OsStr::from_bytes(name.to_bytes());
                self.visit.skipped(local, || joined(&folder.path, name));
                continue;
            };
            self.visit.file(
                local,
                &StoreFile {
                    root: self.root,
                    place: Place::Named { folder, name },
                    format,
                    link,
                },
            );
        }
    }

    /// Where the path under the root starts in `path`, a folder's path: the walk builds
    /// every folder's path as the root joined with more names, so the prefix is byte for
    /// byte the root's.
    fn under(&self, path: &Path) -> usize {
        let (path, root) = (
            path.as_os_str().as_bytes(),
            self.root.as_os_str().as_bytes(),
        );
        match path.strip_prefix(root) {
            Some([b'/', ..]) => root.len() + 1,
            Some(_) => root.len(),
            None => 0,
        }
    }

    /// A root that is a file: looked at when it is named like an article.
    fn root_file(&self, local: &mut V::Local) {
        let Ok(metadata) = std::fs::symlink_metadata(self.root) else {
            return;
        };
        let name = self.root.file_name().unwrap_or(self.root.as_os_str());
        let format = self.kinds.format_for(name.as_bytes());
        let link = metadata.file_type().is_symlink();
        if link && !self.follows(self.root, format, local) {
            return;
        }
        let Some(format) = format else {
            self.visit.skipped(local, || self.root.to_path_buf());
            return;
        };
        self.visit.file(
            local,
            &StoreFile {
                root: self.root,
                place: Place::Root,
                format,
                link,
            },
        );
    }

    /// Whether the link at `path` counts as a file of the store: when it leads inside
    /// the root to anything but a folder (its `format` is then what decides). A broken
    /// link named like an article, and a link outside the root named like one or
    /// leading to a folder, are problems.
    fn follows(&self, path: &Path, format: Option<Format>, local: &mut V::Local) -> bool {
        let reason = match path.canonicalize() {
            Err(error) if format.is_some() => Reason::BrokenLink(io_reason(&error)),
            Err(_) => return false,
            Ok(target) if target.starts_with(self.canonical_root) => return !target.is_dir(),
            Ok(target) if format.is_some() || target.is_dir() => {
                Reason::LinkOutside(escape_path(&target))
            }
            Ok(_) => return false,
        };
        self.visit.problem(local, || Problem {
            path: escape_path(path),
            reason,
        });
        false
    }
}

/// Every file under `root` the walk passes over for its ending, by path.
pub fn skipped(root: &Path, kinds: &Kinds) -> Vec<PathBuf> {
    struct Skipped(std::sync::Mutex<Vec<PathBuf>>);
    impl Visit for Skipped {
        type Local = Vec<PathBuf>;
        fn start(&self) -> Vec<PathBuf> {
            Vec::new()
        }
        fn file(&self, _: &mut Vec<PathBuf>, _: &StoreFile<'_>) {}
        fn problem(&self, _: &mut Vec<PathBuf>, _: impl FnOnce() -> Problem) {}
        fn skipped(&self, local: &mut Vec<PathBuf>, path: impl FnOnce() -> PathBuf) {
            local.push(path());
        }
        fn finish(&self, local: Vec<PathBuf>) {
            let mut all = self.0.lock().unwrap_or_else(|e| e.into_inner());
            all.extend(local);
        }
    }
    let found = Skipped(std::sync::Mutex::default());
    walk(root, kinds, &found);
    let mut paths = found.0.into_inner().unwrap_or_else(|e| e.into_inner());
    paths.sort();
    paths
}

/// A file the walk gives its visitor: named like an article (`format`), a regular file
/// or a link that leads inside the root.
pub struct StoreFile<'a> {
    /// The store root the walk found it under.
    pub root: &'a Path,
    place: Place<'a>,
    pub format: Format,
    /// A symbolic link, followed to the file it leads to.
    pub link: bool,
}

/// Where a walked file is.
#[derive(Clone, Copy)]
enum Place<'a> {
    /// `name` in `folder`.
    Named { folder: &'a Folder, name: &'a CStr },
    /// The root is the file.
    Root,
}

impl StoreFile<'_> {
    /// The file's path: the root joined with the names under it.
    pub fn path(&self) -> PathBuf {
        match self.place {
            Place::Named { folder, name } => {
                joined(&folder.path, OsStr::from_bytes(name.to_bytes()))
            }
            Place::Root => self.root.to_path_buf(),
        }
    }

    /// Appends the file's path under the root to `buffer`: its names, `/`-separated
    /// (nothing for a root that is the file).
    pub fn push_rel(&self, buffer: &mut Vec<u8>) {
        let Place::Named { folder, name } = self.place else {
            return;
        };
        let under = folder.path.as_os_str().as_bytes().get(folder.under..);
        if let Some(under) = under.filter(|under| !under.is_empty()) {
            buffer.extend_from_slice(under);
            buffer.push(b'/');
        }
        buffer.extend_from_slice(name.to_bytes());
    }

    /// The file's size and modification time in nanoseconds (through the link, for a
    /// link), looked up by name in its open folder; `None` when it is not a regular file
    /// or cannot be looked at.
    pub fn size_and_mtime(&self) -> Option<(u64, i64)> {
        if let Place::Named { folder, name } = self.place
            && let Some(opened) = &folder.opened
        {
            let flags = if self.link {
                0
            } else {
                libc::AT_SYMLINK_NOFOLLOW
            };
            let mut stat = std::mem::MaybeUninit::<libc::stat>::uninit();
            // SAFETY: `name` is NUL-terminated, `opened` an open descriptor, and `stat`
            // a buffer of the size fstatat writes.
            let done = unsafe {
                libc::fstatat(opened.as_raw_fd(), name.as_ptr(), stat.as_mut_ptr(), flags)
            };
            if done != 0 {
                return None;
            }
            // SAFETY: fstatat succeeded, so it filled `stat`.
            let stat = unsafe { stat.assume_init() };
            return (stat.st_mode & libc::S_IFMT == libc::S_IFREG).then_some((
                stat.st_size as u64,
                stat.st_mtime * 1_000_000_000 + stat.st_mtime_nsec,
            ));
        }
        let metadata = std::fs::metadata(self.path()).ok()?;
        metadata.is_file().then(|| {
            (
                metadata.size(),
                metadata.mtime() * 1_000_000_000 + metadata.mtime_nsec(),
            )
        })
    }

    /// Reads the file at `path` (its [`StoreFile::path`]) into `buffer`, by name in its
    /// open folder when there is one.
    pub fn read<'b>(
        &self,
        path: &Path,
        cap: u64,
        buffer: &'b mut Vec<u8>,
    ) -> Result<FileBytes<'b>, Reason> {
        match self.place {
            Place::Named { folder, name } if let Some(opened) = &folder.opened => {
                let name = OsStr::from_bytes(name.to_bytes());
                read_file_at(opened.as_fd(), name, path, cap, buffer)
            }
            _ => read_file(path, cap, buffer),
        }
    }
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
    Files(Arc<Folder>, Run),
}

/// A folder whose files are being looked at, open for looking up names in it when it
/// could be opened.
struct Folder {
    path: PathBuf,
    /// Where the path under the root starts in `path`.
    under: usize,
    opened: Option<OwnedFd>,
}

/// Some of a folder's files, looked at as one task: their names in one buffer, each
/// followed by a NUL (as the system's `*at` calls take them).
#[derive(Default)]
struct Run {
    names: Vec<u8>,
    files: Vec<RunFile>,
}

/// One file of a [`Run`].
struct RunFile {
    /// Where its name starts in the run's names.
    start: usize,
    /// Where its name's NUL is.
    nul: usize,
    /// The format its name promises, if any.
    format: Option<Format>,
    link: bool,
}

impl Run {
    fn push(&mut self, name: &OsStr, format: Option<Format>, link: bool) {
        let start = self.names.len();
        self.names.extend_from_slice(name.as_bytes());
        self.files.push(RunFile {
            start,
            nul: self.names.len(),
            format,
            link,
        });
        self.names.push(0);
    }

    /// Each file's name, format and whether it is a link.
    fn names(&self) -> impl Iterator<Item = (&CStr, Option<Format>, bool)> {
        self.files.iter().map(|file| {
            let bytes = &self.names[file.start..=file.nul];
            // SAFETY: a file name holds no NUL, and `push` put one after it.
            let name = unsafe { CStr::from_bytes_with_nul_unchecked(bytes) };
            (name, file.format, file.link)
        })
    }
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
}
