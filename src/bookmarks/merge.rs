//! Changing bookmarks so that two machines' changes merge: a deletion is kept as a
//! tombstone (the id and when), a note keeps when it last changed, and two copies of the
//! file (one a syncing program's conflict copy) merge into one that has every bookmark
//! either has, the later note of each, and none that either deleted.

use std::cmp::Ordering;

use super::{Bookmark, Bookmarks};

/// How long a deletion is remembered: a copy of the file older than this (a machine
/// away for longer, an old backup) could bring the bookmark back. Two years covers a
/// laptop left in a drawer; a tombstone is a line of the file, so keeping them costs
/// little.
pub const TOMBSTONE_DAYS: i64 = 730;

impl Bookmarks {
    /// Adds `bookmark` unless one with its id is there; adding again a bookmark deleted
    /// here (an undo) forgets its deletion.
    pub fn add(&mut self, bookmark: Bookmark) {
        self.deleted.remove(&bookmark.id);
        if !self.list.iter().any(|b| b.id == bookmark.id) {
            self.list.push(bookmark);
        }
    }

    /// Deletes the bookmark `id`, remembering it was deleted `at` (and forgetting
    /// deletions older than [`TOMBSTONE_DAYS`]).
    pub fn delete(&mut self, id: &str, at: jiff::Timestamp) {
        self.list.retain(|b| b.id != id);
        let kept = self.deleted.entry(id.to_owned()).or_insert(at);
        *kept = (*kept).max(at);
        self.forget_old_deletions(at);
    }

    /// Sets the note of the bookmark `id` (`None` or empty: no note), changed `at`; the
    /// bookmark is added, as `bookmark`, when the file no longer has it and it was not
    /// deleted. Returns false when it was deleted.
    pub fn set_note(&mut self, bookmark: &Bookmark, at: jiff::Timestamp) -> bool {
        if self.deleted.contains_key(&bookmark.id) {
            return false;
        }
        let note = bookmark.note.clone().filter(|n| !n.is_empty());
        match self.list.iter_mut().find(|b| b.id == bookmark.id) {
            Some(kept) => {
                kept.note = note;
                kept.note_changed = Some(at);
            }
            None => self.list.push(Bookmark {
                note,
                note_changed: Some(at),
                ..bookmark.clone()
            }),
        }
        true
    }

    /// Forgets deletions made more than [`TOMBSTONE_DAYS`] before `now`.
    pub fn forget_old_deletions(&mut self, now: jiff::Timestamp) {
        let span = jiff::SignedDuration::from_hours(24 * TOMBSTONE_DAYS);
        if let Ok(oldest) = now.checked_sub(span) {
            self.deleted.retain(|_, at| *at >= oldest);
        }
    }

    /// Takes in `other` (the same file as another machine changed it): every bookmark
    /// either has, by id; for one both have, the note changed last (this file's on a
    /// tie, and its other fields); every deletion either made, the bookmarks deleted
    /// gone. New bookmarks take their place by when they were made.
    pub fn merge(&mut self, other: Bookmarks) {
        for (id, at) in other.deleted {
            let kept = self.deleted.entry(id).or_insert(at);
            *kept = (*kept).max(at);
        }
        let mut added = false;
        for theirs in other.list {
            match self.list.iter_mut().find(|b| b.id == theirs.id) {
                Some(ours) => {
                    if later_note(&theirs, ours) == Ordering::Greater {
                        ours.note = theirs.note;
                        ours.note_changed = theirs.note_changed;
                    }
                    for (key, value) in theirs.extra {
                        ours.extra.entry(key).or_insert(value);
                    }
                }
                None => {
                    self.list.push(theirs);
                    added = true;
                }
            }
        }
        for (key, value) in other.extra {
            self.extra.entry(key).or_insert(value);
        }
        let deleted = &self.deleted;
        self.list.retain(|b| !deleted.contains_key(&b.id));
        if added {
            self.list
                .sort_by(|a, b| (a.created, &a.id).cmp(&(b.created, &b.id)));
        }
    }
}

/// Which of two versions of a bookmark has the later note: by `note_changed` (a note
/// never changed dates from the bookmark's making), then by the note itself, so that
/// merging is the same whichever side merges.
fn later_note(a: &Bookmark, b: &Bookmark) -> Ordering {
    let changed = |x: &Bookmark| x.note_changed.unwrap_or(x.created);
    changed(a)
        .cmp(&changed(b))
        .then_with(|| a.note.cmp(&b.note))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bookmarks::anchor::Selector;
    use std::path::{Path, PathBuf};

    fn at(text: &str) -> jiff::Timestamp {
        text.parse().unwrap()
    }

    fn bookmark(id: &str, created: &str) -> Bookmark {
        Bookmark {
            id: id.into(),
            path: PathBuf::from("/s/harbour.txt"),
            title: "The Harbour Wall".into(),
            created: at(created),
            selector: Selector {
                exact: "Storms".into(),
                prefix: String::new(),
                suffix: String::new(),
                offset: 0,
            },
            note: None,
            note_changed: None,
            extra: toml::Table::new(),
        }
    }

    fn ids(bookmarks: &Bookmarks) -> Vec<&str> {
        bookmarks.list.iter().map(|b| b.id.as_str()).collect()
    }

    /// Machine A's and machine B's files after each changed a shared one.
    fn apart() -> (Bookmarks, Bookmarks) {
        let mut shared = Bookmarks::default();
        shared.add(bookmark("1", "2026-12-01T10:00:00Z"));
        shared.add(bookmark("2", "2026-12-01T11:00:00Z"));
        let (mut a, mut b) = (shared.clone(), shared);
        a.add(bookmark("3a", "2026-12-02T10:00:00Z"));
        let mut noted = bookmark("1", "2026-12-01T10:00:00Z");
        noted.note = Some("checked in the archive".into());
        assert!(a.set_note(&noted, at("2026-12-02T10:05:00Z")));
        b.add(bookmark("3b", "2026-12-02T09:00:00Z"));
        b.delete("2", at("2026-12-02T09:30:00Z"));
        (a, b)
    }

    #[test]
    fn adds_notes_and_deletions_of_both_sides_are_kept_whichever_side_merges() {
        let (a, b) = apart();
        let mut on_a = a.clone();
        on_a.merge(b.clone());
        let mut on_b = b.clone();
        on_b.merge(a.clone());
        assert_eq!(on_a, on_b, "the same, whichever side merges");
        assert_eq!(ids(&on_a), ["1", "3b", "3a"]);
        assert_eq!(on_a.list[0].note.as_deref(), Some("checked in the archive"));
        assert!(on_a.deleted.contains_key("2"));
        let mut again = on_a.clone();
        again.merge(b);
        again.merge(a);
        assert_eq!(again, on_a, "merging an older copy again changes nothing");
    }

    #[test]
    fn the_later_note_wins_and_a_deletion_is_not_undone_by_an_older_copy() {
        let (mut a, b) = apart();
        let mut older = a.list[0].clone();
        older.note = Some("first thought".into());
        let mut other = Bookmarks::default();
        other.add(bookmark("2", "2026-12-01T11:00:00Z"));
        other.list.push(Bookmark {
            note_changed: Some(at("2026-12-02T08:00:00Z")),
            ..older
        });
        a.merge(b);
        a.merge(other);
        assert_eq!(a.list[0].note.as_deref(), Some("checked in the archive"));
        assert!(!ids(&a).contains(&"2"), "deleted stays deleted");
    }

    #[test]
    fn deletions_are_forgotten_after_two_years_and_an_undo_forgets_one() {
        let mut bookmarks = Bookmarks::default();
        bookmarks.delete("old", at("2024-01-01T00:00:00Z"));
        bookmarks.delete("new", at("2025-06-01T00:00:00Z"));
        bookmarks.delete("x", at("2026-12-01T00:00:00Z"));
        assert_eq!(
            bookmarks.deleted.keys().collect::<Vec<_>>(),
            ["new", "x"],
            "older than {TOMBSTONE_DAYS} days goes"
        );
        bookmarks.add(bookmark("x", "2026-11-01T00:00:00Z"));
        assert!(!bookmarks.deleted.contains_key("x"));
        assert_eq!(ids(&bookmarks), ["x"]);
        let text = bookmarks.to_toml();
        assert!(
            text.contains("[[deleted]]\nid = \"new\"\nat = \"2025-06-01T00:00:00Z\""),
            "{text}"
        );
        let again = Bookmarks::parse(&text, Path::new("/d/bookmarks.toml")).unwrap();
        assert_eq!(again, bookmarks);
    }
}
