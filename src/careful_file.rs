//! folio's own TOML files that people may read and edit (bookmarks, reading state), kept
//! with care: read as UTF-8 with any error named by file, line and column; refused when
//! a newer folio wrote them; written through a temporary file in the same folder, fsync,
//! rename and an fsync of the folder, the previous file kept beside it as `NAME.bak`;
//! writers serialised by a lock file, each write re-reading the file under the lock so no
//! writer loses another's change. A file that does not parse is never overwritten.
//! Conflict copies a syncing program left beside the file ([`crate::conflict_copies`])
//! are merged in under the lock, the merged file written, and then the copies removed;
//! a copy that does not parse is left in place and named in a notice.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::marker::PhantomData;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::atomic_file;
use crate::lines::line_column;
use crate::store::read::escape_path;

/// `text` with its first letter in capitals.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// What a careful file holds, for its messages and its lock.
#[derive(Debug, PartialEq, Eq)]
pub struct Kind {
    /// What the file is called in messages: `bookmarks` gives "bookmarks file PATH".
    pub name: &'static str,
    /// The subject of "… read-only": `bookmarks are`, `reading state is`.
    pub held: &'static str,
    /// The lock file's name, in the same folder as the file.
    pub lock: &'static str,
    /// The `version` this folio writes; a file with a higher one is left alone.
    pub version: i64,
}

/// What a careful file holds: parsed from its text and written back as TOML.
pub trait Contents: Default + Clone {
    const KIND: &'static Kind;

    /// Parses the file's text; `path` is for messages.
    fn parse(text: &str, path: &Path) -> Result<Self, FileError>;

    /// The file's text.
    fn to_toml(&self) -> String;

    /// Takes in what `other`, a conflict copy of the same file made on another machine,
    /// holds: nothing either side changed is lost, and merging the same copy twice, or
    /// copies in any order, gives the same contents.
    fn merge(&mut self, other: Self);
}

/// What folio has to tell about its own files that is no error of the command at hand:
/// conflict copies it could not merge (or remove). Taken by [`take_notices`].
static NOTICES: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn notice(message: String) {
    tracing::warn!(%message, "conflict copy");
    let mut notices = NOTICES.lock().unwrap_or_else(|e| e.into_inner());
    if !notices.contains(&message) {
        notices.push(message);
    }
}

/// The notices given so far (each once), emptied: for the command line to print when
/// it is done (after the reader has given the terminal back).
pub fn take_notices() -> Vec<String> {
    std::mem::take(&mut *NOTICES.lock().unwrap_or_else(|e| e.into_inner()))
}

/// Why a conflict copy cannot be merged, in words that fit "… cannot be merged (WHY)".
fn copy_reason(error: &FileError) -> String {
    match error {
        FileError::Parse {
            line,
            column,
            message,
            ..
        } => format!("line {line}, column {column}: {message}"),
        FileError::Empty { .. } => "it is empty".into(),
        FileError::Newer { version, kind, .. } => format!(
            "it is version {version}, written by a newer folio (this one reads version {})",
            kind.version
        ),
        FileError::Io { error, .. } => crate::store::read::io_reason(error),
    }
}

/// Why a careful file cannot be used.
#[derive(Debug)]
pub enum FileError {
    /// The file does not parse or has a wrong field: line and column, 1-based.
    Parse {
        kind: &'static Kind,
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// Empty (or blank) where a file of this kind was: a file emptied by a crash or a
    /// mistake, with the last good copy perhaps in the backup.
    Empty {
        kind: &'static Kind,
        path: PathBuf,
        backup: PathBuf,
    },
    /// Written by a newer folio.
    Newer {
        kind: &'static Kind,
        path: PathBuf,
        version: i64,
    },
    /// The file, its folder or its lock could not be read or written.
    Io {
        path: PathBuf,
        doing: &'static str,
        error: io::Error,
    },
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FileError::Parse {
                kind,
                path,
                line,
                column,
                message,
            } => write!(
                f,
                "{} file {}, line {line}, column {column}: {message}; \
                 {} read-only until you fix or move the file \
                 (folio will not overwrite it)",
                kind.name,
                escape_path(path),
                kind.held,
            ),
            FileError::Empty { kind, path, backup } => write!(
                f,
                "{} file {} is empty; if it held {}, the last good copy may be {} \
                 (copy it back over the empty file); to start afresh, delete the empty file. \
                 {} read-only until then (folio will not overwrite it)",
                kind.name,
                escape_path(path),
                kind.name,
                escape_path(backup),
                capitalised(kind.held),
            ),
            FileError::Newer {
                kind,
                path,
                version,
            } => write!(
                f,
                "{} file {} is version {version}, written by a newer folio \
                 (this one reads version {}); {} read-only here, \
                 and the file is left as it is",
                kind.name,
                escape_path(path),
                kind.version,
                kind.held,
            ),
            FileError::Io { path, doing, error } => write!(
                f,
                "cannot {doing} {}: {}",
                escape_path(path),
                crate::store::read::io_reason(error)
            ),
        }
    }
}

impl std::error::Error for FileError {}

/// The text of a careful file being parsed, to make its errors.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    pub kind: &'static Kind,
    pub path: &'a Path,
    pub text: &'a str,
}

impl Source<'_> {
    /// A parse error at the start of `span` (the file's start when there is none).
    pub fn error(&self, span: Option<Range<usize>>, message: &str) -> FileError {
        let (line, column) = span.map_or((1, 1), |span| line_column(self.text, span.start));
        FileError::Parse {
            kind: self.kind,
            path: self.path.to_path_buf(),
            line,
            column,
            message: message.trim_end().to_owned(),
        }
    }

    /// A parse error from the TOML parser.
    pub fn toml_error(&self, error: &toml::de::Error) -> FileError {
        self.error(error.span(), error.message())
    }

    /// Checks the file's `version`: `Some(n)` for a whole number, `None` for any other
    /// value, at `span`. Versions from 1 to the kind's pass; a higher one is refused.
    pub fn check_version(&self, version: Option<i64>, span: Range<usize>) -> Result<(), FileError> {
        match version {
            Some(v) if v > self.kind.version => Err(FileError::Newer {
                kind: self.kind,
                path: self.path.to_path_buf(),
                version: v,
            }),
            Some(v) if v >= 1 => Ok(()),
            _ => Err(self.error(
                Some(span),
                &format!(
                    "`version` must be a whole number from 1 to {}",
                    self.kind.version
                ),
            )),
        }
    }
}

/// A careful file at a path, with its lock and backup beside it.
#[derive(Debug, Clone)]
pub struct CarefulFile<C> {
    pub path: PathBuf,
    contents: PhantomData<fn() -> C>,
}

impl<C: Contents> CarefulFile<C> {
    pub fn new(path: PathBuf) -> CarefulFile<C> {
        CarefulFile {
            path,
            contents: PhantomData,
        }
    }

    fn folder(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }

    /// The previous version of the file, kept by each write.
    pub fn backup_path(&self) -> PathBuf {
        let mut name = self.path.file_name().unwrap_or_default().to_owned();
        name.push(".bak");
        self.folder().join(name)
    }

    /// The lock file that serialises writers.
    pub fn lock_path(&self) -> PathBuf {
        self.folder().join(C::KIND.lock)
    }

    /// Reads the file; a missing file holds nothing. Conflict copies beside it are merged
    /// in and the merged file written (as [`CarefulFile::update`] does); where it cannot
    /// be written, what is read has the copies merged in all the same.
    pub fn read(&self) -> Result<C, FileError> {
        if self.conflict_copies().is_empty() {
            return Ok(self.read_text()?.map(|(_, c)| c).unwrap_or_default());
        }
        match self.update(|contents| contents.clone()) {
            Err(FileError::Io { .. }) => {
                let mut contents = self.read_text()?.map(|(_, c)| c).unwrap_or_default();
                self.merge_copies(&mut contents);
                Ok(contents)
            }
            merged => merged,
        }
    }

    /// The conflict copies a syncing program left beside the file.
    pub fn conflict_copies(&self) -> Vec<PathBuf> {
        crate::conflict_copies::of(&self.path)
    }

    /// Merges into `contents` each conflict copy that parses; those that do not are named
    /// in a notice and left alone. Returns the copies merged.
    fn merge_copies(&self, contents: &mut C) -> Vec<PathBuf> {
        let mut merged = Vec::new();
        for copy in self.conflict_copies() {
            match Self::read_path(&copy, &self.backup_path()) {
                Ok(Some((_, theirs))) => {
                    contents.merge(theirs);
                    merged.push(copy);
                }
                Ok(None) => {}
                Err(error) => notice(format!(
                    "conflict copy {} of the {} file cannot be merged ({}); it is left in \
                     place: fix it and folio merges it, or delete it",
                    escape_path(&copy),
                    C::KIND.name,
                    copy_reason(&error),
                )),
            }
        }
        merged
    }

    fn read_text(&self) -> Result<Option<(String, C)>, FileError> {
        Self::read_path(&self.path, &self.backup_path())
    }

    /// Reads and parses the file at `path` (the file, or a conflict copy of it).
    fn read_path(path: &Path, backup: &Path) -> Result<Option<(String, C)>, FileError> {
        match crate::own_file::read(path, crate::own_file::STATE_CAP) {
            Ok(bytes) => {
                let text = String::from_utf8(bytes).map_err(|e| {
                    let at = e.utf8_error().valid_up_to();
                    let (line, column) =
                        line_column(&String::from_utf8_lossy(&e.as_bytes()[..at]), usize::MAX);
                    FileError::Parse {
                        kind: C::KIND,
                        path: path.to_path_buf(),
                        line,
                        column,
                        message: "the file is not UTF-8".into(),
                    }
                })?;
                if text.trim().is_empty() {
                    return Err(FileError::Empty {
                        kind: C::KIND,
                        path: path.to_path_buf(),
                        backup: backup.to_path_buf(),
                    });
                }
                let contents = C::parse(&text, path)?;
                Ok(Some((text, contents)))
            }
            Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(error) => Err(FileError::Io {
                path: path.to_path_buf(),
                doing: "read",
                error,
            }),
        }
    }

    fn io_error(&self, doing: &'static str, error: io::Error) -> FileError {
        FileError::Io {
            path: self.path.clone(),
            doing,
            error,
        }
    }

    /// Applies `change` to the contents as they are on disk now and writes the result:
    /// under the lock, so writers in other processes take turns and none loses another's
    /// change. A file that does not parse, or is newer, is left untouched. Conflict
    /// copies beside the file are merged in first, and removed once the merged file is
    /// written.
    pub fn update<T>(&self, change: impl FnOnce(&mut C) -> T) -> Result<T, FileError> {
        fs::create_dir_all(self.folder()).map_err(|e| self.io_error("create the folder of", e))?;
        let lock_path = self.lock_path();
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|error| FileError::Io {
                path: lock_path.clone(),
                doing: "open the lock file",
                error,
            })?;
        lock.lock().map_err(|error| FileError::Io {
            path: lock_path.clone(),
            doing: "lock",
            error,
        })?;
        let (previous, mut contents) = match self.read_text()? {
            Some((text, contents)) => (Some(text), contents),
            None => (None, C::default()),
        };
        let merged = self.merge_copies(&mut contents);
        let result = change(&mut contents);
        // `previous` parsed and is not empty (else reading it failed above): only such a
        // file ever replaces the backup.
        if let Some(previous) = previous {
            let backup = self.backup_path();
            if fs::symlink_metadata(&backup).is_ok_and(|m| m.is_dir()) {
                return Err(FileError::Io {
                    path: backup,
                    doing: "keep the backup as",
                    error: io::Error::other("a folder is in its place; move the folder away"),
                });
            }
            write_atomically(&backup, previous.as_bytes())
                .map_err(|e| self.io_error("keep a backup of", e))?;
        }
        write_atomically(&self.path, contents.to_toml().as_bytes())
            .map_err(|e| self.io_error("write", e))?;
        for copy in merged {
            if let Err(error) = fs::remove_file(&copy)
                && error.kind() != io::ErrorKind::NotFound
            {
                notice(format!(
                    "conflict copy {} of the {} file is merged but cannot be removed ({}); \
                     delete it",
                    escape_path(&copy),
                    C::KIND.name,
                    crate::store::read::io_reason(&error),
                ));
            }
        }
        drop(lock);
        Ok(result)
    }
}

/// Replaces `path` with `bytes` ([`atomic_file::replace`]: through a link, the folder
/// synced).
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    atomic_file::replace(path, |out| out.write_all(bytes))
}

/// A path's bytes as hex digits: how folio's files keep a path that is not UTF-8 (TOML
/// holds only text).
pub fn hex_of_path(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str()
        .as_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The path whose bytes `hex` spells, two digits a byte.
pub fn path_of_hex(hex: &str) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStringExt;
    if !hex.len().is_multiple_of(2) {
        return None;
    }
    let bytes = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect::<Option<Vec<u8>>>()?;
    Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
}

/// The temporary files a write left in `folder` (none, when every write finished or
/// cleaned up after itself).
#[cfg(test)]
pub fn temporary_files(folder: &Path) -> Vec<String> {
    fs::read_dir(folder)
        .expect("the folder reads")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect()
}
