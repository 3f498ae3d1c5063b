//! `folio bookmarks`: a few lines per bookmark, for reading in the terminal.

use std::io::{self, Write};

use super::{plain_quote, title, url};
use crate::bookmarks::{Bookmark, Resolved, Status};
use crate::sanitize::sanitize_line;
use crate::store::read::escape_path;

pub(super) fn write(
    out: &mut impl Write,
    list: &[Bookmark],
    resolved: &[Resolved],
) -> io::Result<()> {
    for (bookmark, resolved) in list.iter().zip(resolved) {
        let date = bookmark.created.strftime("%Y-%m-%d");
        writeln!(out, "{date}  {}", title(bookmark, resolved))?;
        let quote = plain_quote(bookmark.quote());
        let quote = match quote.char_indices().nth(100) {
            Some((cut, _)) => format!("{}…", &quote[..cut]),
            None => quote,
        };
        let missing = match resolved.status() {
            Status::Found => "",
            Status::Moved => "  (in the article at its new path)",
            Status::Changed => "  (reworded in the article's current text)",
            Status::Missing => "  (not found in the article's current text)",
        };
        writeln!(out, "            “{quote}”{missing}")?;
        if let Some(note) = &bookmark.note {
            writeln!(out, "            {}", sanitize_line(note))?;
        }
        writeln!(out, "            {}", escape_path(&resolved.path))?;
        if let Some(url) = url(resolved) {
            writeln!(out, "            {url}")?;
        }
    }
    Ok(())
}
