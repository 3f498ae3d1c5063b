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
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use tantivy::{IndexWriter, TantivyDocument, Term};

use super::schema::{Fields, NOT_ARTICLE, key};
use crate::store::Location;
use crate::store::read::{article_from_bytes, format_for, read_file};
use crate::store::scan::relative_path;

/// A file's size and modification time in nanoseconds: when both are unchanged, the
/// file is taken to be unchanged.
pub type Stamp = (u64, i64);

/// File keys to stamps, hashed cheaply (keys are paths, not attacker-chosen to collide).
pub type Stamps = HashMap<Vec<u8>, Stamp, BuildHasherDefault<KeyHasher>>;

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

/// A file seen by the walk.
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

/// Every file named like an article under `roots`, with its stamp. Hidden files and
/// folders are skipped; links count only when they lead to a file inside their root.
///
/// Folders are read in parallel, and each file is looked at relative to its folder
/// (`statx` on the open folder), which costs the kernel far less than a whole path.
pub fn walk(roots: &[PathBuf]) -> Vec<Seen> {
    let seen = Mutex::new(Vec::new());
    for (number, root) in roots.iter().enumerate() {
        let Ok(canonical_root) = root.canonicalize() else {
            continue;
        };
        let at = Place {
            number,
            canonical_root: &canonical_root,
            into: &seen,
        };
        if root.is_dir() {
            at.folder(root.clone(), Vec::new());
        } else if let Some(found) = at.file(root, &[], None) {
            seen.lock().expect("walk results").push(found);
        }
    }
    seen.into_inner().expect("walk results")
}

/// What the walk of one root needs everywhere in it.
#[derive(Clone, Copy)]
struct Place<'a> {
    number: usize,
    canonical_root: &'a Path,
    into: &'a Mutex<Vec<Seen>>,
}

impl Place<'_> {
    /// Reads the folder at `path` (`rel` under the root), then its subfolders in parallel.
    fn folder(self, path: PathBuf, rel: Vec<u8>) {
        let Ok(entries) = std::fs::read_dir(&path) else {
            return;
        };
        let mut found = Vec::new();
        let mut folders = Vec::new();
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name_bytes = name.as_bytes();
            if name_bytes.starts_with(b".") {
                continue;
            }
            let mut entry_rel = rel.clone();
            if !entry_rel.is_empty() {
                entry_rel.push(b'/');
            }
            entry_rel.extend_from_slice(name_bytes);
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => folders.push((entry.path(), entry_rel)),
                Ok(kind) if kind.is_file() || kind.is_symlink() => {
                    if format_for(name.as_bytes()).is_none() {
                        continue;
                    }
                    let metadata = if kind.is_file() {
                        entry.metadata().ok()
                    } else {
                        None
                    };
                    found.extend(self.file(&entry.path(), &entry_rel, metadata));
                }
                _ => {}
            }
        }
        self.into.lock().expect("walk results").append(&mut found);
        folders
            .into_par_iter()
            .for_each(|(path, rel)| self.folder(path, rel));
    }

    /// A file `rel` under the root, with its metadata when already known (a link's
    /// target is looked up, and must be a file inside the root).
    fn file(self, path: &Path, rel: &[u8], metadata: Option<Metadata>) -> Option<Seen> {
        let metadata = match metadata {
            Some(metadata) => metadata,
            None => {
                let target = path.canonicalize().ok()?;
                if !target.starts_with(self.canonical_root) {
                    return None;
                }
                std::fs::metadata(&target).ok()?
            }
        };
        if !metadata.is_file() {
            return None;
        }
        Some(Seen {
            root: self.number,
            path: path.to_path_buf(),
            key: key(self.number, rel),
            stamp: (
                metadata.size(),
                metadata.mtime() * 1_000_000_000 + metadata.mtime_nsec(),
            ),
        })
    }
}

/// The files of `seen` that are new or changed since `known`, and the keys in `known`
/// that are gone.
pub fn compare<'s>(seen: &'s [Seen], known: &Stamps) -> (Vec<&'s Seen>, Vec<Vec<u8>>) {
    let mut changed = Vec::new();
    let mut still_there = 0;
    for file in seen {
        match known.get(&file.key) {
            Some(stamp) => {
                still_there += 1;
                if *stamp != file.stamp {
                    changed.push(file);
                }
            }
            None => changed.push(file),
        }
    }
    if still_there == known.len() {
        return (changed, Vec::new());
    }
    let present: std::collections::HashSet<&[u8], BuildHasherDefault<KeyHasher>> =
        seen.iter().map(|s| s.key.as_slice()).collect();
    let gone = known
        .keys()
        .filter(|k| !present.contains(k.as_slice()))
        .cloned()
        .collect();
    (changed, gone)
}

/// Reads `changed` in parallel and replaces their documents; removes `gone`. Calls
/// `progress` with the number of files read so far.
pub fn apply(
    writer: &IndexWriter<TantivyDocument>,
    fields: &Fields,
    roots: &[PathBuf],
    changed: &[&Seen],
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
