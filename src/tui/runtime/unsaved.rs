//! What could not be kept, said as folio ends: the bookmark changes that no write
//! managed to save, each in full (the passage, its article, its note), so that nothing
//! the user made is lost without a word.

use std::fmt::Write;

use crate::sanitize::{sanitize, sanitize_line};
use crate::store::read::escape_path;
use crate::tui::effects::messages::BookmarkChange;
use crate::tui::state::App;

/// The report for the bookmark changes still unsaved, if any.
pub fn report(app: &App) -> Option<String> {
    let unsaved = &app.bookmarks.unsaved;
    if unsaved.is_empty() {
        return None;
    }
    let why = app
        .bookmarks
        .read_only
        .as_deref()
        .or(app.bookmarks.failure.as_deref())
        .unwrap_or("the bookmarks file could not be written");
    let mut out = format!(
        "folio: {} bookmark change{} could not be saved ({}). Here {}, to make again:\n",
        unsaved.len(),
        if unsaved.len() == 1 { "" } else { "s" },
        sanitize_line(why),
        if unsaved.len() == 1 {
            "it is"
        } else {
            "they are"
        },
    );
    for change in unsaved {
        let _ = match change {
            BookmarkChange::Add(b) | BookmarkChange::Note(b) => {
                let what = if matches!(change, BookmarkChange::Add(_)) {
                    "bookmark"
                } else {
                    "note"
                };
                let note = b
                    .note
                    .as_deref()
                    .map(|n| format!("\n    note: {}", sanitize_line(n)))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "  {what} in {} ({}):\n    > {}{note}",
                    sanitize_line(&b.title),
                    escape_path(&b.path),
                    sanitize(b.quote()).replace('\n', "\n    > "),
                )
            }
            BookmarkChange::Requote(b) => writeln!(
                out,
                "  bookmark {} quotes the text now there:\n    > {}",
                sanitize_line(&b.id),
                sanitize(b.quote()).replace('\n', "\n    > "),
            ),
            BookmarkChange::Delete(id) => {
                writeln!(out, "  the deletion of bookmark {}", sanitize_line(id))
            }
            BookmarkChange::Move { id, path } => writeln!(
                out,
                "  bookmark {} follows its article to {}",
                sanitize_line(id),
                escape_path(path)
            ),
        };
    }
    Some(out)
}
