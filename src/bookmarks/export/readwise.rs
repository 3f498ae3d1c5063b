//! `folio bookmarks --format readwise`: CSV in Readwise's import format, one row per
//! passage, quoted as RFC 4180 says (the csv crate), so the file imports as it is.

use std::io::{self, Write};

use super::{author, plain_quote, title, url};
use crate::bookmarks::{Bookmark, Resolved};
use crate::sanitize::sanitize;

/// Readwise's columns, in its order.
const HEADER: [&str; 7] = [
    "Highlight",
    "Title",
    "Author",
    "URL",
    "Note",
    "Location",
    "Date",
];

pub(super) fn write(
    out: &mut impl Write,
    list: &[Bookmark],
    resolved: &[Resolved],
) -> io::Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(HEADER)?;
    for (bookmark, resolved) in list.iter().zip(resolved) {
        let note = bookmark
            .note
            .as_deref()
            .map(|note| sanitize(note).into_owned())
            .unwrap_or_default();
        csv.write_record([
            plain_quote(bookmark.quote()),
            title(bookmark, resolved),
            author(resolved).unwrap_or_default(),
            url(resolved).unwrap_or_default().to_owned(),
            note,
            // Where the passage starts, in characters of the article's text.
            resolved
                .anchor
                .map_or(bookmark.selector.offset, |anchor| anchor.start)
                .to_string(),
            bookmark.created.strftime("%Y-%m-%d %H:%M:%S").to_string(),
        ])?;
    }
    csv.flush()
}
