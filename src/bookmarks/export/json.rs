//! `folio bookmarks --json`: one object per line.

use std::io::{self, Write};

use serde::Serialize;

use super::{title, url};
use crate::bookmarks::{Bookmark, Resolved, Status};
use crate::sanitize::{escape_controls, sanitize};
use crate::store::read::escape_path;

/// One line of `folio bookmarks --json`.
#[derive(Serialize)]
struct JsonEntry<'a> {
    id: String,
    path: String,
    title: String,
    quote: String,
    note: Option<String>,
    created: String,
    /// True when the passage is in the article (`status` found, moved or changed).
    found: bool,
    status: Status,
    /// The text there now, for a passage that was reworded.
    now: Option<String>,
    /// The article's web address, when the article is read and gives one.
    url: Option<&'a str>,
}

pub(super) fn write(
    out: &mut impl Write,
    list: &[Bookmark],
    resolved: &[Resolved],
) -> io::Result<()> {
    for (bookmark, resolved) in list.iter().zip(resolved) {
        let entry = JsonEntry {
            id: escape_controls(&bookmark.id).into_owned(),
            path: escape_path(&resolved.path),
            title: title(bookmark, resolved),
            quote: sanitize(bookmark.quote()).into_owned(),
            note: bookmark.note.as_deref().map(|n| sanitize(n).into_owned()),
            created: bookmark.created.to_string(),
            found: resolved.found(),
            status: resolved.status(),
            now: (resolved.status() == Status::Changed)
                .then(|| resolved.passage_now())
                .flatten()
                .map(|text| sanitize(&text).into_owned()),
            url: url(resolved),
        };
        serde_json::to_writer(&mut *out, &entry)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
