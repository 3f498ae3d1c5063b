//! Keeping the index up to date while folio runs: what a watch saw change
//! ([`Changed`]) is indexed again without walking the store (changed files read again,
//! gone files and folders dropped), and the answer is what the list needs
//! ([`Update`]). Where no watch can be kept, [`Index::changed_files`] finds the changes
//! by the walk of every file's size and mtime, as at start.

use std::ops::Bound;
use std::path::PathBuf;

use rayon::prelude::*;
use tantivy::query::InvertedIndexRangeQuery;
use tantivy::{IndexWriter, TantivyDocument, Term};

use super::refresh::{self, Seen, Stamps, key_hash};
use super::schema::{key, path_of};
use super::{Index, IndexError, snapshot};
use crate::store::changed::{Changed, ChangedFile, Gone, Update, read_article};
use crate::store::{Article, Kinds};

/// Memory the writer of one update may use: updates are small, and the reader goes on
/// while they are written.
const UPDATE_MEMORY: usize = 32 * 1024 * 1024;

impl Index {
    /// Indexes `changed` (reading the changed files on every core) and makes searches
    /// see it; answers with what the list needs. Fails with [`IndexError::in_use`] when
    /// another folio is updating the index: the index is then left as it was (the
    /// other folio indexes the same change).
    pub fn update(&self, changed: &Changed) -> Result<Update, IndexError> {
        self.checked(|| self.update_unguarded(changed))
    }

    fn update_unguarded(&self, changed: &Changed) -> Result<Update, IndexError> {
        let read: Vec<Option<(Article, Option<String>)>> = changed
            .files
            .par_iter()
            .map_init(Vec::new, |buffer, file| {
                read_article(
                    &file.path,
                    &self.roots[file.root],
                    &self.kinds,
                    self.cap,
                    buffer,
                    true,
                )
            })
            .collect();
        let writer: IndexWriter<TantivyDocument> = self
            .index
            .writer_with_num_threads(1, UPDATE_MEMORY)
            .map_err(|error| IndexError {
                in_use: matches!(error, tantivy::TantivyError::LockFailure(..)),
                message: format!("cannot update the index: {error}"),
            })?;
        for gone in &changed.gone {
            self.delete_gone(&writer, gone)?;
        }
        for (file, read) in changed.files.iter().zip(&read) {
            let key = key(file.root, &file.rel);
            writer.delete_term(Term::from_field_bytes(self.fields.key, &key));
            writer.add_document(self.fields.of_file(&key, file.stamp, read.as_ref()))?;
        }
        commit(writer)?;
        self.reader.reload()?;
        let mut update = Update {
            gone: changed.gone.iter().map(|g| g.path.clone()).collect(),
            ..Update::default()
        };
        for (file, read) in changed.files.iter().zip(read) {
            match read {
                Some((article, _)) => update.articles.push(article),
                None => update.gone.push(file.path.clone()),
            }
        }
        Ok(update)
    }

    /// Drops the file, or every file of the folder, that `gone` names.
    fn delete_gone(
        &self,
        writer: &IndexWriter<TantivyDocument>,
        gone: &Gone,
    ) -> Result<(), IndexError> {
        let exact = key(gone.root, &gone.rel);
        writer.delete_term(Term::from_field_bytes(self.fields.key, &exact));
        // Every key under the folder: from `folder/` up to `folder0` (`0` follows `/`).
        let mut from = exact.clone();
        if !gone.rel.is_empty() {
            from.push(b'/');
        }
        let mut to = from.clone();
        match to.last_mut() {
            Some(last) if !gone.rel.is_empty() => *last = b'0',
            _ => to = key(gone.root + 1, b""),
        }
        let range = InvertedIndexRangeQuery::new(
            Bound::Included(Term::from_field_bytes(self.fields.key, &from)),
            Bound::Excluded(Term::from_field_bytes(self.fields.key, &to)),
        );
        writer.delete_query(Box::new(range))?;
        Ok(())
    }

    /// The commit the index is at.
    pub fn opstamp(&self) -> u64 {
        self.index.load_metas().map_or(0, |metas| metas.opstamp)
    }

    /// Saves the list beside the index for its commit now: the list saved for commit
    /// `from`, with `updates` made to it. False when there is no list of `from` to start
    /// from (the next start then reads the list from the index).
    pub fn save_list_after(&self, from: u64, updates: &[Update]) -> std::io::Result<bool> {
        snapshot::update(&self.dir, from, self.opstamp(), updates)
    }

    /// Makes searches see changes that another folio wrote to the index.
    pub fn reload(&self) -> Result<(), IndexError> {
        Ok(self.reader.reload()?)
    }

    /// The files changed or gone since the index last saw them, found by looking at
    /// every file's size and mtime (no file is read).
    pub fn changed_files(&self) -> Result<Changed, IndexError> {
        self.checked(|| {
            let compared = self.compare()?;
            Ok(changed_from(compared.changed, compared.gone, &self.roots))
        })
    }
}

/// Writes what `writer` holds and waits for its merges.
fn commit(mut writer: IndexWriter<TantivyDocument>) -> Result<(), IndexError> {
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(())
}

/// A walk's new and changed files, and the keys of the files gone, as the changes they
/// amount to.
pub fn changed_from(changed: Vec<Seen>, gone: Vec<Vec<u8>>, roots: &[PathBuf]) -> Changed {
    let files = changed
        .into_iter()
        .map(|seen| ChangedFile {
            rel: seen.key[4..].to_vec(),
            root: seen.root,
            path: seen.path(roots),
            stamp: seen.stamp,
        })
        .collect();
    let gone = gone
        .into_iter()
        .filter_map(|key| {
            let path = path_of(&key, roots)?;
            let root = u32::from_be_bytes(key.get(..4)?.try_into().ok()?) as usize;
            Some(Gone {
                root,
                path,
                rel: key[4..].to_vec(),
            })
        })
        .collect();
    Changed { files, gone }
}

/// What a store kept without an index knows of its files between two checks: their
/// stamps, and each number's key.
#[derive(Default)]
pub struct LooseStamps {
    pub stamps: Stamps,
    keys: Vec<Vec<u8>>,
}

impl LooseStamps {
    /// The changes since the last check, found by a walk of every file under `roots`;
    /// the stamps are then as the walk found them.
    pub fn check(&mut self, roots: &[PathBuf], kinds: &Kinds) -> Changed {
        let compared = refresh::walk(roots, kinds, &self.stamps);
        let gone = compared
            .gone
            .iter()
            .filter_map(|&n| self.keys.get(n as usize).cloned())
            .collect();
        let changed = changed_from(compared.changed, gone, roots);
        for gone in &changed.gone {
            self.stamps.remove(&key_hash(&key(gone.root, &gone.rel)));
        }
        for file in &changed.files {
            let key = key(file.root, &file.rel);
            let next = self.keys.len() as u32;
            let entry = self.stamps.entry(key_hash(&key)).or_insert_with(|| {
                self.keys.push(key);
                ((0, 0), next)
            });
            entry.0 = file.stamp;
        }
        changed
    }
}
