//! Bringing the index up to date with the folders: every article file is looked at
//! (size and mtime, no reading), and only new and changed files are read and indexed;
//! files no longer there are dropped.

use std::collections::HashMap;
use std::fs::Metadata;
use std::hash::{BuildHasherDefault, Hasher};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;
use tantivy::{IndexWriter, TantivyDocument, Term};

use super::schema::{Fields, NOT_ARTICLE, key, key_into};
use crate::store::Location;
use crate::store::read::{article_from_bytes, format_for, read_file};
use crate::store::scan::relative_path;

/// A file's size and modification time in nanoseconds: when both are unchanged, the
/// file is taken to be unchanged.
pub type Stamp = (u64, i64);

/// File keys to their stamps and their numbers (0, 1, 2, … in the order they were
/// read), hashed cheaply (keys are paths, not attacker-chosen to collide). The number
/// is where a walk marks the file as still there.
pub type Stamps = HashMap<Vec<u8>, (Stamp, u32), BuildHasherDefault<KeyHasher>>;

/// A multiply-rotate hash (as in rustc's FxHasher), several times faster than SipHash
/// on 100,000 paths.
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A file seen by the walk that is new or changed since the index last saw it.
pub struct Seen {
    pub root: usize,
    pub path: PathBuf,
    pub key: Vec<u8>,
    pub stamp: Stamp,
}

/// What a refresh found and did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Changes {
    /// Files read and indexed (new or changed).
    pub read: usize,
    /// Files dropped from the index.
    pub removed: usize,
    /// Files looked at in all.
    pub files: usize,
}

/// What a walk found against what the index knows.
pub struct Compared {
    /// Files that are new, or whose stamp changed.
    pub changed: Vec<Seen>,
    /// Keys the index knows that the walk did not find.
    pub gone: Vec<Vec<u8>>,
    /// Files looked at in all.
    pub files: usize,
}

/// Every file named like an article under `roots` compared with `known`: hidden files
/// and folders are skipped; links count only when they lead to a file inside their
/// root.
///
/// Folders are read in parallel, and each file is looked at relative to its folder
/// (`statx` on the open folder), which costs the kernel far less than a whole path. A
/// file whose stamp is unchanged costs no allocation: it is only marked as still there.
pub fn walk(roots: &[PathBuf], known: &Stamps) -> Compared {
    let numbers = known
        .values()
        .map(|&(_, n)| n as usize + 1)
        .max()
        .unwrap_or(0);
    let there: Vec<AtomicBool> = (0..numbers).map(|_| AtomicBool::new(false)).collect();
    let changed = Mutex::new(Vec::new());
    let files = AtomicUsize::new(0);
    for (number, root) in roots.iter().enumerate() {
        let Ok(canonical_root) = root.canonicalize() else {
            continue;
        };
        let at = Place {
            number,
            canonical_root: &canonical_root,
            known,
            there: &there,
            changed: &changed,
            files: &files,
        };
        let name = root.file_name().unwrap_or(root.as_os_str());
        if root.is_dir() {
            at.folder(root.clone(), Vec::new());
        } else if format_for(name.as_bytes()).is_some()
            && let Some(found) = at.linked(root, &[])
        {
            changed.lock().expect("walk results").push(found);
        }
    }
    let gone = known
        .iter()
        .filter(|(_, (_, n))| !there[*n as usize].load(Ordering::Relaxed))
        .map(|(key, _)| key.clone())
        .collect();
    Compared {
        changed: changed.into_inner().expect("walk results"),
        gone,
        files: files.into_inner(),
    }
}

/// What the walk of one root needs everywhere in it.
#[derive(Clone, Copy)]
struct Place<'a> {
    number: usize,
    canonical_root: &'a Path,
    known: &'a Stamps,
    /// Marks, by number, the known files the walk has found.
    there: &'a [AtomicBool],
    changed: &'a Mutex<Vec<Seen>>,
    files: &'a AtomicUsize,
}

impl Place<'_> {
    /// Reads the folder at `path` (`rel` under the root), then its subfolders in parallel.
    fn folder(self, path: PathBuf, rel: Vec<u8>) {
        let Ok(entries) = std::fs::read_dir(&path) else {
            return;
        };
        let mut found = Vec::new();
        let mut folders = Vec::new();
        let mut entry_rel = rel.clone();
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name_bytes = name.as_bytes();
            if name_bytes.starts_with(b".") {
                continue;
            }
            entry_rel.truncate(rel.len());
            if !entry_rel.is_empty() {
                entry_rel.push(b'/');
            }
            entry_rel.extend_from_slice(name_bytes);
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => folders.push((entry.path(), entry_rel.clone())),
                Ok(_) if format_for(name_bytes).is_none() => {}
                Ok(kind) if kind.is_file() => match entry.metadata() {
                    Ok(metadata) => found.extend(self.file(&entry_rel, &metadata, || entry.path())),
                    Err(_) => found.extend(self.linked(&entry.path(), &entry_rel)),
                },
                Ok(kind) if kind.is_symlink() => {
                    found.extend(self.linked(&entry.path(), &entry_rel));
                }
                _ => {}
            }
        }
        if !found.is_empty() {
            self.changed
                .lock()
                .expect("walk results")
                .append(&mut found);
        }
        folders
            .into_par_iter()
            .for_each(|(path, rel)| self.folder(path, rel));
    }

    /// A link (or a root that is a file) `rel` under the root: its target is looked up,
    /// and counts only when it is a file inside the root.
    fn linked(self, path: &Path, rel: &[u8]) -> Option<Seen> {
        let target = path.canonicalize().ok()?;
        if !target.starts_with(self.canonical_root) {
            return None;
        }
        let metadata = std::fs::metadata(&target).ok()?;
        self.file(rel, &metadata, || path.to_path_buf())
    }

    /// A file `rel` under the root with its metadata: `Some` when it is new or changed
    /// (only then is its `path` made).
    fn file(self, rel: &[u8], metadata: &Metadata, path: impl FnOnce() -> PathBuf) -> Option<Seen> {
        if !metadata.is_file() {
            return None;
        }
        self.files.fetch_add(1, Ordering::Relaxed);
        let stamp = (
            metadata.size(),
            metadata.mtime() * 1_000_000_000 + metadata.mtime_nsec(),
        );
        thread_local! {
            static KEY: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        let known = KEY.with_borrow_mut(|buffer| {
            key_into(buffer, self.number, rel);
            self.known.get(buffer.as_slice()).copied()
        });
        if let Some((known, n)) = known {
            self.there[n as usize].store(true, Ordering::Relaxed);
            if known == stamp {
                return None;
            }
        }
        Some(Seen {
            root: self.number,
            path: path(),
            key: key(self.number, rel),
            stamp,
        })
    }
}

/// Reads `changed` in parallel and replaces their documents; removes `gone`. Calls
/// `progress` with the number of files read so far.
pub fn apply(
    writer: &IndexWriter<TantivyDocument>,
    fields: &Fields,
    roots: &[PathBuf],
    changed: &[Seen],
    gone: &[Vec<u8>],
    cap: u64,
    progress: &(dyn Fn(usize) + Sync),
) {
    for key in gone {
        writer.delete_term(Term::from_field_bytes(fields.key, key));
    }
    let done = AtomicUsize::new(0);
    changed.par_iter().for_each_init(Vec::new, |buffer, seen| {
        writer.delete_term(Term::from_field_bytes(fields.key, &seen.key));
        let doc = document(fields, roots, seen, cap, buffer);
        let _ = writer.add_document(doc);
        let n = done.fetch_add(1, Ordering::Relaxed) + 1;
        if n.is_multiple_of(512) {
            progress(n);
        }
    });
}

/// The document for one file: the article with its body, or a note that it is not one.
fn document(
    fields: &Fields,
    roots: &[PathBuf],
    seen: &Seen,
    cap: u64,
    buffer: &mut Vec<u8>,
) -> TantivyDocument {
    let (size, mtime) = seen.stamp;
    let not_article = || fields.file(&seen.key, NOT_ARTICLE, size, mtime);
    let Ok(contents) = read_file(&seen.path, cap, buffer) else {
        return not_article();
    };
    let format = format_for(seen.path.as_os_str().as_bytes()).unwrap_or_default();
    let rel_path = relative_path(&roots[seen.root], &seen.path);
    match article_from_bytes(
        &contents,
        Location::File(seen.path.clone()),
        rel_path,
        format,
        true,
    ) {
        Ok((article, body)) => {
            let body = body.map(|b| b.text()).unwrap_or_default();
            fields.article(&seen.key, seen.stamp, &article, &body)
        }
        Err(_) => not_article(),
    }
}
