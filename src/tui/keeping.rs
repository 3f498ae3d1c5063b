//! Reading and writing what the reader keeps: bookmarks added, changed and deleted from the TUI, each
//! through the bookmarks file's lock, so other folio windows' and scripts' changes are
//! merged, never lost; the answer is the file's list as it now stands.

use std::path::Path;

use super::action::Outcome;
use super::state::App;
use crate::bookmarks::{Bookmark, BookmarkFile};
use crate::sanitize::sanitize_line;

/// Gives `app` the bookmarks kept in the data folder `data`. A bookmarks file that
/// cannot be read leaves bookmarks read-only, saying why, so it is never overwritten.
pub fn load(data: &Path, app: &mut App) {
    match BookmarkFile::in_folder(data).read() {
        Ok(bookmarks) => app.take_bookmarks(bookmarks.list),
        Err(error) => {
            let why = sanitize_line(&error.to_string());
            tracing::warn!(%why, "bookmarks are read-only");
            app.notice = Some(format!("bookmarks are read-only: {why}"));
            app.bookmarks.read_only = Some(why);
        }
    }
}

/// Adds `bookmark` (unless a bookmark with its id is there already: an undo after
/// another window put it back).
pub fn save(file: &BookmarkFile, bookmark: &Bookmark) -> Outcome {
    change(file, |list| {
        if !list.iter().any(|b| b.id == bookmark.id) {
            list.push(bookmark.clone());
        }
    })
}

/// Gives the bookmark `id` this note.
pub fn set_note(file: &BookmarkFile, id: &str, note: &Option<String>) -> Outcome {
    change(file, |list| {
        if let Some(bookmark) = list.iter_mut().find(|b| b.id == id) {
            bookmark.note.clone_from(note);
        }
    })
}

/// Removes the bookmark `id`.
pub fn delete(file: &BookmarkFile, id: &str) -> Outcome {
    change(file, |list| list.retain(|b| b.id != id))
}

fn change(file: &BookmarkFile, edit: impl FnOnce(&mut Vec<Bookmark>)) -> Outcome {
    let written = file.update(|bookmarks| {
        edit(&mut bookmarks.list);
        bookmarks.list.clone()
    });
    Outcome::Bookmarks(written.map_err(|error| sanitize_line(&error.to_string())))
}
