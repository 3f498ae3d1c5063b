//! Bringing the index up to date with the folders: every article file is looked at
//! (size and mtime, no reading), and only new and changed files are read and indexed;
//! files no longer there are dropped.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;
use tantivy::{IndexWriter, TantivyDocument, Term};

use super::schema::{IndexFields, path_of, start_key};
use crate::store::changed::{Update, read_article};
use crate::store::walk::{self, StoreFile};
use crate::store::{Article, Kinds, Problem};

/// A file's size and modification time in nanoseconds: when both are unchanged, the
/// file is taken to be unchanged.
pub type Stamp = (u64, i64);

/// Each known file's stamp and number (0, 1, 2, … as the index lists them), by the
/// 128-bit hash of its key ([`key_hash`]): a million keys cost no allocation each. The
/// number is where a walk marks the file as still there, and how the caller finds the
/// key of a file gone.
pub type Stamps = HashMap<u128, (Stamp, u32), BuildHasherDefault<HashHasher>>;

/// The hash a key is known by: XXH3's 128 bits. A changed file would be taken as
/// unchanged only if another path of the store had the same hash and the same size and
/// mtime; at one chance in 2^128 per pair of paths, that does not happen.
pub fn key_hash(key: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(key)
}

/// The hasher of [`Stamps`]: its keys are hashes already, so it only folds them.
#[derive(Default)]
pub struct HashHasher(u64);

impl Hasher for HashHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(byte);
        }
    }

    fn write_u128(&mut self, hash: u128) {
        self.0 = hash as u64 ^ (hash >> 64) as u64;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A file seen by the walk that is new or changed since the index last saw it (its path
/// is not kept: a first build sees every file of the store).
pub struct Seen {
    pub root: usize,
    pub key: Vec<u8>,
    pub stamp: Stamp,
    /// The index has a document of it (changed, not new): it is deleted first.
    pub known: bool,
}

impl Seen {
    /// The file's path: its root joined with the names its key holds.
    pub fn path(&self, roots: &[PathBuf]) -> PathBuf {
        path_of(&self.key, roots).unwrap_or_default()
    }
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
    /// The numbers of the files known that the walk did not find.
    pub gone: Vec<u32>,
    /// Files looked at in all.
    pub files: usize,
}

/// Every file of the store under `roots` compared with `known`, found by the store's
/// own walk ([`walk::walk`]), so the index sees the files the store reads.
///
/// Each file is looked at relative to its open folder, which costs the kernel far less
/// than a whole path. A file whose stamp is unchanged costs no allocation: it is only
/// marked as still there.
pub fn walk(roots: &[PathBuf], kinds: &Kinds, known: &Stamps) -> Compared {
    let numbers = known
        .values()
        .map(|&(_, n)| n as usize + 1)
        .max()
        .unwrap_or(0);
    let there: Vec<AtomicBool> = (0..numbers).map(|_| AtomicBool::new(false)).collect();
    let changed = Mutex::new(Vec::new());
    let files = AtomicUsize::new(0);
    for (number, root) in roots.iter().enumerate() {
        let compare = Compare {
            number,
            known,
            there: &there,
            changed: &changed,
            files: &files,
        };
        walk::walk(root, kinds, &compare);
    }
    let gone = known
        .values()
        .map(|&(_, n)| n)
        .filter(|&n| !there[n as usize].load(Ordering::Relaxed))
        .collect();
    Compared {
        changed: changed.into_inner().expect("walk results"),
        gone,
        files: files.into_inner(),
    }
}

/// The walk of one root, each file compared with what the index knows.
struct Compare<'a> {
    number: usize,
    known: &'a Stamps,
    /// Marks, by number, the known files the walk has found.
    there: &'a [AtomicBool],
    changed: &'a Mutex<Vec<Seen>>,
    files: &'a AtomicUsize,
}

/// What one walker thread keeps: the new and changed files it found, and a buffer for
/// each file's key.
#[derive(Default)]
struct Comparing {
    changed: Vec<Seen>,
    key: Vec<u8>,
}

impl walk::Visit for Compare<'_> {
    type Local = Comparing;

    fn start(&self) -> Comparing {
        Comparing::default()
    }

    /// A new or changed file is kept (only then are its path and key made); an
    /// unchanged one is marked as still there.
    fn file(&self, local: &mut Comparing, file: &StoreFile<'_>) {
        let Some(stamp) = file.size_and_mtime() else {
            return;
        };
        self.files.fetch_add(1, Ordering::Relaxed);
        start_key(&mut local.key, self.number);
        file.push_rel(&mut local.key);
        let known = self.known.get(&key_hash(&local.key));
        if let Some(&(known, n)) = known {
            self.there[n as usize].store(true, Ordering::Relaxed);
            if known == stamp {
                return;
            }
        }
        local.changed.push(Seen {
            root: self.number,
            key: local.key.clone(),
            stamp,
            known: known.is_some(),
        });
    }

    /// Files that are not articles are the store's to report, not the index's.
    fn problem(&self, _: &mut Comparing, _: impl FnOnce() -> Problem) {}

    fn finish(&self, mut local: Comparing) {
        if !local.changed.is_empty() {
            self.changed
                .lock()
                .expect("walk results")
                .append(&mut local.changed);
        }
    }
}

/// Reads `changed` in parallel and replaces their documents; removes `gone`. Calls
/// `progress` with the number of files read so far. With `keep`, answers with what the
/// list needs of it (the articles read, the paths gone); else with nothing, so a first
/// build does not hold a second list of every article.
#[allow(clippy::too_many_arguments)]
pub fn apply(
    writer: &IndexWriter<TantivyDocument>,
    fields: &IndexFields,
    roots: &[PathBuf],
    changed: &[Seen],
    gone: &[Vec<u8>],
    cap: u64,
    kinds: &Kinds,
    keep: bool,
    progress: &(dyn Fn(usize) + Sync),
) -> Update {
    for key in gone {
        writer.delete_term(Term::from_field_bytes(fields.key, key));
    }
    let done = AtomicUsize::new(0);
    // With `keep`: each file's article, or its path when it is no longer an article.
    let read: Vec<Result<Article, PathBuf>> = changed
        .par_iter()
        .map_init(Vec::new, |buffer, seen| {
            // Only a file the index has a document of: a delete is held until the
            // commit, and a first build of a million files would hold a million.
            if seen.known {
                writer.delete_term(Term::from_field_bytes(fields.key, &seen.key));
            }
            let path = seen.path(roots);
            let read = read_article(&path, &roots[seen.root], kinds, cap, buffer, true);
            let _ = writer.add_document(fields.of_file(&seen.key, seen.stamp, read.as_ref()));
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            if n.is_multiple_of(512) {
                progress(n);
            }
            keep.then(|| read.map(|(article, _)| article).ok_or(path))
        })
        .flatten()
        .collect();
    let mut update = Update {
        gone: gone.iter().filter_map(|key| path_of(key, roots)).collect(),
        ..Update::default()
    };
    for read in read {
        match read {
            Ok(article) => update.articles.push(article),
            Err(path) => update.gone.push(path),
        }
    }
    update
}
