//! Where each document of the index is in the reader's list of articles: worked out once
//! per list and per set of index segments (see `Index::search_positions`), so turning an
//! answer's documents into list positions is one array lookup per document.

use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher, RandomState};
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;
use std::sync::Arc;

use crate::store::{Article, Location};

/// A document that is not in the list.
pub const NOWHERE: u32 = u32::MAX;

/// Each index document's position in one list, segment by segment.
#[derive(Default)]
pub struct Places {
    /// The list the positions are in (kept, so another list is never taken for it).
    pub(crate) list: Option<Arc<[Article]>>,
    /// The segments, in the searcher's order, whose documents these are.
    pub(crate) segments: Vec<tantivy::index::SegmentId>,
    /// For each segment, each document's position in the list, or [`NOWHERE`].
    pub(crate) positions: Vec<Vec<u32>>,
    /// The index's own articles newest first, when worked out.
    pub(crate) ranked: Option<Ranked>,
    /// The documents with a word starting with each common letter, when worked out.
    pub(crate) initials: Option<Arc<super::translate::Initials>>,
}

/// The index's articles in the list's order (newest first, then by path), worked out
/// from the index alone, before any list is at hand: a list that is those articles in
/// that order (as the list read from the index is) is placed by checking it, one
/// article after the other, instead of looking each one up.
pub struct Ranked {
    /// The segments, in the searcher's order, whose documents these are.
    pub(crate) segments: Vec<tantivy::index::SegmentId>,
    /// For each segment, each document's rank, or [`NOWHERE`] (not an article, deleted).
    pub(crate) ranks: Vec<Vec<u32>>,
    /// The hash of each ranked article's path, by rank.
    pub(crate) paths: Vec<u64>,
    pub(crate) hasher: RandomState,
}

impl Ranked {
    /// The places of `list` when it holds the index's articles in this order (every
    /// path checked by its keyed hash), else `None`.
    pub(crate) fn places_of(&self, list: &Arc<[Article]>) -> Option<Places> {
        let same = list.len() == self.paths.len()
            && list.iter().zip(&self.paths).all(|(article, &hash)| {
                matches!(&article.location, Location::File(path)
                    if self.hash(path.as_os_str().as_bytes()) == hash)
            });
        same.then(|| Places {
            list: Some(Arc::clone(list)),
            segments: self.segments.clone(),
            positions: self.ranks.clone(),
            ranked: None,
            initials: None,
        })
    }

    /// The hash a path is checked by.
    pub(crate) fn hash(&self, path: &[u8]) -> u64 {
        self.hasher.hash_one(path)
    }
}

/// The path of the file whose key names `rel` under `folder`, into `out`: the two
/// joined, as `PathBuf::join` joins them.
pub(crate) fn join_into(out: &mut Vec<u8>, folder: &[u8], rel: &[u8]) {
    out.clear();
    out.extend_from_slice(folder);
    if !rel.is_empty() {
        if !folder.ends_with(b"/") {
            out.push(b'/');
        }
        out.extend_from_slice(rel);
    }
}

impl Places {
    /// True when these are the places of `list`'s articles among `segments`.
    pub(crate) fn are_for(
        &self,
        list: &Arc<[Article]>,
        segments: &[tantivy::index::SegmentId],
    ) -> bool {
        self.list.as_ref().is_some_and(|l| Arc::ptr_eq(l, list)) && self.segments == segments
    }

    /// The index's own order, when worked out for `segments`.
    pub(crate) fn ranked_for(&self, segments: &[tantivy::index::SegmentId]) -> Option<&Ranked> {
        self.ranked.as_ref().filter(|r| r.segments == segments)
    }
}

/// The list's articles by their index key (a root's number and the path under it, as
/// [`crate::index::schema::key`] writes it), `roots` being the store's folders in key
/// order. The path of a file under a root is the root joined with the path under it
/// (as `schema::path_of` makes it); an article listed twice is found at its last position.
pub struct ByKey<'a> {
    keys: HashMap<(u32, &'a [u8]), u32, BuildHasherDefault<Fnv>>,
}

impl<'a> ByKey<'a> {
    pub fn new(list: &'a [Article], roots: &[PathBuf]) -> ByKey<'a> {
        let roots: Vec<&[u8]> = roots.iter().map(|r| r.as_os_str().as_bytes()).collect();
        let mut keys = HashMap::with_capacity_and_hasher(list.len(), Default::default());
        for (position, article) in list.iter().enumerate() {
            let Location::File(path) = &article.location else {
                continue;
            };
            let path = path.as_os_str().as_bytes();
            for (root, folder) in roots.iter().enumerate() {
                if let Some(rel) = under(path, folder) {
                    keys.insert((root as u32, rel), position as u32);
                }
            }
        }
        ByKey { keys }
    }

    /// The position of the article whose index key is `key`.
    pub fn get(&self, key: &[u8]) -> Option<u32> {
        let (root, rel) = key.split_at_checked(4)?;
        let root = u32::from_be_bytes(root.try_into().ok()?);
        self.keys.get(&(root, rel)).copied()
    }
}

/// The path under `folder` of `path`, when it is the folder joined with one.
fn under<'p>(path: &'p [u8], folder: &[u8]) -> Option<&'p [u8]> {
    let rest = path.strip_prefix(folder)?;
    if rest.is_empty() || folder.ends_with(b"/") {
        return Some(rest);
    }
    rest.strip_prefix(b"/")
}

/// A quick hash for the keys of paths (as rustc's FxHash: eight bytes at a step), where
/// the standard hasher's defence against chosen keys is not needed.
#[derive(Default)]
pub struct Fnv(u64);

impl Fnv {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
        }
        let mut last = [0u8; 8];
        let rest = chunks.remainder();
        last[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(last));
    }

    fn write_u32(&mut self, value: u32) {
        self.add(u64::from(value));
    }

    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::schema::{key, path_of};

    #[test]
    fn a_path_is_found_by_the_key_that_names_it() {
        let roots = [
            PathBuf::from("/a"),
            PathBuf::from("/b/c"),
            PathBuf::from("/"),
        ];
        let list: Vec<Article> = ["/b/c/2024/x y.md", "/a/n.txt", "/a", "/ab/n.txt"]
            .into_iter()
            .map(|p| Article::named(Location::File(p.into()), String::new()))
            .collect();
        let by_key = ByKey::new(&list, &roots);
        for (position, article) in list.iter().enumerate() {
            let Location::File(path) = &article.location else {
                unreachable!()
            };
            let rel = path.strip_prefix("/").unwrap().as_os_str().as_bytes();
            assert_eq!(by_key.get(&key(2, rel)), Some(position as u32));
        }
        for (root, rel, position) in [(1, "2024/x y.md", 0), (0, "n.txt", 1), (0, "", 2)] {
            let key = key(root, rel.as_bytes());
            assert_eq!(by_key.get(&key), Some(position));
            let path = path_of(&key, &roots).unwrap();
            assert_eq!(list[position as usize].location, Location::File(path));
        }
        assert_eq!(by_key.get(&key(0, b"b/n.txt")), None);
        assert_eq!(by_key.get(&key(1, b"n.txt")), None);
    }
}
