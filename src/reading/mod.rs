//! Reading state: which articles the user has opened, when last, and where they were in
//! each, kept in `reading.toml` in folio's data folder (see [`file`]). Articles are named
//! by [`crate::store::Location::to_path`]. Two machines' states merge (a syncing
//! program's conflict copy of the file, [`Reading::merge`]): a read mark and an unread
//! mark each keep their time, and the later wins.

pub mod file;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use file::{FILE_NAME, ReadingFile};

use crate::careful_file::{hex_of_path, path_of_hex};

/// How long an unread mark on an article read before is kept: a copy of the file from
/// another machine older than this could read the article again. Two years, as for a
/// deleted bookmark.
pub const UNREAD_DAYS: i64 = 730;

/// The state of every article folio knows something about, sorted by path, with
/// whatever else the file holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reading {
    /// By the article's path, as text (TOML keys are text).
    articles: BTreeMap<String, Entry>,
    /// Top-level keys this folio does not know, written back unchanged.
    pub extra: toml::Table,
}

/// One article's state.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Entry {
    /// When the article was last opened; `None`: unread.
    pub read: Option<jiff::Timestamp>,
    /// When the article was marked unread (after it was read), so that a copy of the
    /// file from another machine, where it is still read, does not read it again.
    pub unread: Option<jiff::Timestamp>,
    /// The offset in characters, in the article's body text, of the top line in view.
    pub position: Option<usize>,
    /// Keys of the article's table this folio does not know, written back unchanged.
    pub extra: toml::Table,
}

impl Entry {
    /// True when the entry says nothing and can be left out of the file.
    fn is_empty(&self) -> bool {
        self.read.is_none()
            && self.unread.is_none()
            && self.position.is_none()
            && self.extra.is_empty()
    }

    /// Takes in another machine's state of the same article: the later of the read and
    /// the unread marks, this entry's position (the file the syncing program kept is the
    /// newer) or else the other's, and every key either has.
    fn merge(&mut self, other: Entry) {
        let read = self.read.max(other.read);
        let unread = self.unread.max(other.unread);
        (self.read, self.unread) = match (read, unread) {
            (Some(r), Some(u)) if u >= r => (None, Some(u)),
            (Some(r), _) => (Some(r), None),
            (None, u) => (None, u),
        };
        self.position = self.position.or(other.position);
        for (key, value) in other.extra {
            self.extra.entry(key).or_insert(value);
        }
    }
}

impl Reading {
    /// How many articles have a state.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    fn entry(&self, path: &Path) -> Option<&Entry> {
        self.articles.get(&key_of(path))
    }

    /// The article's entry, made when it has none.
    fn entry_mut(&mut self, path: &Path) -> &mut Entry {
        self.articles.entry(key_of(path)).or_default()
    }

    /// True when the article at `path` has been opened.
    pub fn is_read(&self, path: &Path) -> bool {
        self.read_at(path).is_some()
    }

    /// When the article at `path` was last opened.
    pub fn read_at(&self, path: &Path) -> Option<jiff::Timestamp> {
        self.entry(path)?.read
    }

    /// Where the reader was in the article at `path`: a character offset in its body.
    pub fn position(&self, path: &Path) -> Option<usize> {
        self.entry(path)?.position
    }

    /// Marks the article at `path` read, last opened `at`.
    pub fn mark_read(&mut self, path: &Path, at: jiff::Timestamp) {
        let entry = self.entry_mut(path);
        entry.read = Some(at);
        entry.unread = None;
    }

    /// Marks the article at `path` unread, now; its position is kept.
    pub fn mark_unread(&mut self, path: &Path) {
        self.mark_unread_at(path, jiff::Timestamp::now());
    }

    /// Marks the article at `path` unread `at`: when it was read, that time is kept (as
    /// `unread`) so another machine's older read mark does not read it again.
    pub fn mark_unread_at(&mut self, path: &Path, at: jiff::Timestamp) {
        let key = key_of(path);
        if let Some(entry) = self.articles.get_mut(&key) {
            if entry.read.take().is_some() {
                entry.unread = Some(at);
            }
            if entry.is_empty() {
                self.articles.remove(&key);
            }
        }
    }

    /// Forgets unread marks made more than [`UNREAD_DAYS`] before `now` on articles
    /// with nothing else kept: the file does not grow with every article ever marked
    /// unread. (Once for a batch of changes: it looks at every article.)
    pub fn forget_old_unread_marks(&mut self, now: jiff::Timestamp) {
        let span = jiff::SignedDuration::from_hours(24 * UNREAD_DAYS);
        let Ok(oldest) = now.checked_sub(span) else {
            return;
        };
        self.articles.retain(|_, entry| {
            let only_unread =
                entry.read.is_none() && entry.position.is_none() && entry.extra.is_empty();
            !(only_unread && entry.unread.is_some_and(|u| u < oldest))
        });
    }

    /// Takes in `other`, the same file as another machine changed it: every article
    /// either knows, each merged as [`Entry::merge`] says; the top-level keys of both.
    pub fn merge(&mut self, other: Reading) {
        for (key, theirs) in other.articles {
            match self.articles.get_mut(&key) {
                Some(ours) => ours.merge(theirs),
                None => {
                    self.articles.insert(key, theirs);
                }
            }
        }
        for (key, value) in other.extra {
            self.extra.entry(key).or_insert(value);
        }
    }

    /// Keeps `position` (a character offset in the body) for the article at `path`.
    pub fn set_position(&mut self, path: &Path, position: usize) {
        self.entry_mut(path).position = Some(position);
    }

    /// Every article with a state, sorted by path: whether it is read, and its place.
    pub fn entries(&self) -> impl Iterator<Item = (PathBuf, &Entry)> + '_ {
        self.articles
            .iter()
            .map(|(key, entry)| (path_of(key), entry))
    }

    /// The paths of the articles that have been read, sorted.
    pub fn read_paths(&self) -> impl Iterator<Item = PathBuf> + '_ {
        self.articles
            .iter()
            .filter(|(_, e)| e.read.is_some())
            .map(|(key, _)| path_of(key))
    }
}

/// Where a path that is not UTF-8 is kept: its bytes in hex after this (a path folio
/// keeps otherwise starts with `/` or `sample:`).
const HEX_PREFIX: &str = "hex:";

/// The key the file keeps an article's state under: its path, or for a path that is
/// not UTF-8 (a TOML key is text), `hex:` and its bytes in hex.
fn key_of(path: &Path) -> String {
    match path.to_str() {
        Some(text) => text.to_owned(),
        None => format!("{HEX_PREFIX}{}", hex_of_path(path)),
    }
}

/// The path a key names (see [`key_of`]).
fn path_of(key: &str) -> PathBuf {
    key.strip_prefix(HEX_PREFIX)
        .and_then(path_of_hex)
        .unwrap_or_else(|| PathBuf::from(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> jiff::Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn read_unread_and_positions_are_kept_apart() {
        let mut reading = Reading::default();
        let (a, b) = (Path::new("/s/a.txt"), Path::new("sample:b.md"));
        assert!(!reading.is_read(a) && reading.position(a).is_none());
        reading.mark_read(a, at("2026-11-23T10:00:00Z"));
        reading.set_position(b, 120);
        assert!(reading.is_read(a) && !reading.is_read(b));
        assert_eq!(reading.read_at(a), Some(at("2026-11-23T10:00:00Z")));
        assert_eq!(reading.position(b), Some(120));
        assert_eq!(reading.read_paths().collect::<Vec<_>>(), [a]);

        reading.mark_read(b, at("2026-11-24T10:00:00Z"));
        reading.mark_unread(b);
        assert!(!reading.is_read(b));
        assert_eq!(reading.position(b), Some(120), "unread keeps the place");
        reading.mark_unread(a);
        assert!(!reading.is_read(a));
        assert_eq!(reading.len(), 2, "an unread mark keeps its time");
        reading.mark_unread(Path::new("/s/never.txt"));
        assert_eq!(reading.len(), 2, "an article never read gets no entry");
        let old = Path::new("/s/old.txt");
        reading.mark_read(old, at("2020-01-01T00:00:00Z"));
        reading.mark_unread_at(old, at("2020-01-02T00:00:00Z"));
        assert_eq!(reading.len(), 3);
        reading.mark_read(b, at("2023-01-01T00:00:00Z"));
        reading.mark_unread_at(b, at("2023-01-02T00:00:00Z"));
        reading.forget_old_unread_marks(at("2023-01-02T00:00:00Z"));
        assert_eq!(
            reading.len(),
            2,
            "an unread mark over {UNREAD_DAYS} days old on nothing else goes"
        );
        assert_eq!(reading.position(b), Some(120), "one with a place stays");
    }

    #[test]
    fn two_machines_states_merge_the_later_mark_winning() {
        let (a, b, c) = (
            Path::new("/s/a.txt"),
            Path::new("/s/b.txt"),
            Path::new("/s/c.txt"),
        );
        let mut shared = Reading::default();
        shared.mark_read(a, at("2026-12-01T10:00:00Z"));
        shared.mark_read(b, at("2026-12-01T10:00:00Z"));
        let (mut one, mut two) = (shared.clone(), shared);
        one.mark_unread_at(a, at("2026-12-02T10:00:00Z"));
        one.set_position(c, 40);
        two.mark_read(a, at("2026-12-01T12:00:00Z"));
        two.mark_unread_at(b, at("2026-12-02T09:00:00Z"));
        two.mark_read(c, at("2026-12-02T11:00:00Z"));
        let mut on_one = one.clone();
        on_one.merge(two.clone());
        let mut on_two = two;
        on_two.merge(one);
        for merged in [&on_one, &on_two] {
            assert!(!merged.is_read(a), "unread after the other's read");
            assert!(!merged.is_read(b));
            assert!(merged.is_read(c));
            assert_eq!(merged.position(c), Some(40));
        }
        assert_eq!(on_one, on_two);
    }

    #[test]
    fn a_path_that_is_not_utf8_is_kept_in_hex() {
        use std::os::unix::ffi::OsStrExt;
        let path = Path::new(std::ffi::OsStr::from_bytes(b"/s/\xff.txt"));
        let mut reading = Reading::default();
        reading.mark_read(path, jiff::Timestamp::UNIX_EPOCH);
        reading.set_position(path, 3);
        let text = reading.to_toml();
        assert!(
            text.contains("[article.\"hex:2f732fff2e747874\"]"),
            "{text}"
        );
        let again = Reading::parse(&text, Path::new("reading.toml")).unwrap();
        assert!(again.is_read(path));
        assert_eq!(again.position(path), Some(3));
        assert_eq!(again.read_paths().collect::<Vec<_>>(), [path.to_path_buf()]);
        reading.mark_unread(path);
        assert!(!reading.is_read(path));
    }
}
