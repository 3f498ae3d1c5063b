//! The bookmarks file for the reader: read at start, and changed (added, noted,
//! deleted) through the file's lock, so other folio windows' and scripts' changes are
//! merged, never lost (a deletion kept with its time, a note with when it changed, so
//! that another machine's copy merges); the answer is the file's list as it now stands.
//! Also which bookmarks have lost their passage, and which were reworded.

use crate::bookmarks::anchor::{Selector, byte_of_char};
use crate::bookmarks::{Bookmark, BookmarkFile, Status};
use crate::careful_file::FileError;
use crate::sanitize::sanitize_line;
use crate::tui::effects::messages::{BookmarkChange, NotSaved, Outcome};

/// The bookmarks `file` holds, read at start; a bookmarks file that cannot be read is
/// answered with why, and the state keeps bookmarks read-only, so it is never
/// overwritten.
pub fn read_bookmarks(file: &BookmarkFile) -> Outcome {
    Outcome::BookmarksRead(
        file.read()
            .map(|bookmarks| bookmarks.list)
            .map_err(|error| {
                let why = sanitize_line(&error.to_string());
                tracing::warn!(%why, "bookmarks are read-only");
                why
            }),
    )
}

/// Which of `list` have lost their passage (the article changed, or is gone from its
/// path), and which were reworded, with the selector of the text now there. (Looking
/// through the whole store for moved articles is left to `folio bookmarks`: it would
/// hold up the reader.)
pub fn find_passages(list: &[Bookmark]) -> Outcome {
    let resolved = crate::bookmarks::resolve_all(list, None);
    let mut gone = Vec::new();
    let mut changed = Vec::new();
    for (bookmark, resolved) in list.iter().zip(resolved) {
        match resolved.status() {
            Status::Missing => gone.push(bookmark.id.clone()),
            Status::Changed => {
                if let (Some(document), Some(anchor)) = (&resolved.document, resolved.anchor) {
                    let text = document.body.text();
                    let byte = |chars| byte_of_char(&text, chars).unwrap_or(text.len());
                    let selector = Selector::at(&text, byte(anchor.start), byte(anchor.end));
                    changed.push((bookmark.id.clone(), selector));
                }
            }
            Status::Found | Status::Moved => {}
        }
    }
    Outcome::Passages { gone, changed }
}

/// Makes `changes` to the file, in order, under its lock.
pub fn apply(file: &BookmarkFile, changes: &[BookmarkChange]) -> Outcome {
    let now = jiff::Timestamp::now();
    let written = file.update(|bookmarks| {
        for change in changes {
            match change {
                BookmarkChange::Add(bookmark) => bookmarks.add(bookmark.clone()),
                BookmarkChange::Note(bookmark) => {
                    bookmarks.set_note(bookmark, now);
                }
                BookmarkChange::Delete(id) => bookmarks.delete(id, now),
                BookmarkChange::Requote(bookmark) => {
                    if let Some(kept) = bookmarks.list.iter_mut().find(|b| b.id == bookmark.id) {
                        kept.selector.clone_from(&bookmark.selector);
                    }
                }
                BookmarkChange::Move { id, path } => {
                    if let Some(kept) = bookmarks.list.iter_mut().find(|b| &b.id == id) {
                        kept.path.clone_from(path);
                    }
                }
            }
        }
        bookmarks.list.clone()
    });
    Outcome::Bookmarks(written.map_err(|error| NotSaved {
        why: sanitize_line(&error.to_string()),
        retry: matches!(error, FileError::Io { .. }),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deletion_leaves_a_tombstone_and_a_note_its_time_and_an_undo_forgets_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = BookmarkFile::in_folder(dir.path());
        let text = "version = 1\n\n[[bookmark]]\nid = \"1\"\npath = \"/s/a.txt\"\n\
            created = \"2026-01-02T03:04:05Z\"\nquote = \"q\"\n\n\
            [[bookmark]]\nid = \"2\"\npath = \"/s/a.txt\"\n\
            created = \"2026-01-02T03:04:06Z\"\nquote = \"r\"\n";
        std::fs::write(&file.path, text).unwrap();
        let mut list = file.read().unwrap().list;
        list[0].note = Some("a note".into());
        let gone = list[1].clone();
        apply(
            &file,
            &[
                BookmarkChange::Note(list[0].clone()),
                BookmarkChange::Delete("2".into()),
            ],
        );
        let written = std::fs::read_to_string(&file.path).unwrap();
        assert!(
            written.contains("note = \"a note\"\nnote_changed = \"")
                && written.contains("[[deleted]]\nid = \"2\"\nat = \""),
            "{written}"
        );
        apply(&file, &[BookmarkChange::Add(gone)]);
        let back = file.read().unwrap();
        assert_eq!(back.list.len(), 2);
        assert!(back.deleted.is_empty(), "undone: {:?}", back.deleted);
    }
}
