//! The bookmarks written out for people, scripts and other tools: `folio bookmarks`
//! as text, JSON lines or Markdown, a Readwise CSV, or W3C Web Annotations (JSON-LD).
//! Each writer takes the bookmarks with where their passages are now and writes to any
//! [`Write`](std::io::Write); the files are the caller's.

mod annotation;
mod json;
mod markdown;
mod readwise;
mod text;

use std::io::{self, Write};

use super::{Bookmark, Resolved};
use crate::sanitize::sanitize_line;

/// A way of writing the bookmarks out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A few lines per bookmark, for reading in the terminal.
    Text,
    /// One JSON object per line.
    Json,
    /// One section per article, each passage a block quote with its note.
    Markdown,
    /// CSV in Readwise's import format.
    Readwise,
    /// A W3C Web Annotation collection (JSON-LD), as Hypothesis and other annotation
    /// tools read it.
    Annotation,
}

impl Format {
    /// The format's name on the command line.
    pub const NAMES: [(&str, Format); 5] = [
        ("text", Format::Text),
        ("json", Format::Json),
        ("markdown", Format::Markdown),
        ("readwise", Format::Readwise),
        ("annotation", Format::Annotation),
    ];
}

/// Writes `list` (each with its passage as found now, `resolved`) to `out` in `format`.
pub fn write(
    format: Format,
    out: &mut impl Write,
    list: &[Bookmark],
    resolved: &[Resolved],
) -> io::Result<()> {
    match format {
        Format::Text => text::write(out, list, resolved),
        Format::Json => json::write(out, list, resolved),
        Format::Markdown => markdown::write(out, list, resolved),
        Format::Readwise => readwise::write(out, list, resolved),
        Format::Annotation => annotation::write(out, list, resolved),
    }
}

/// The article's title now, or the one stored with the bookmark.
pub(super) fn title<'a>(bookmark: &'a Bookmark, resolved: &'a Resolved) -> String {
    let title = resolved
        .document
        .as_ref()
        .map_or(bookmark.title.as_str(), |d| d.article.title.as_str());
    sanitize_line(title)
}

/// The article's web address, when the article can be read and gives one (sanitised
/// with the article's other fields).
pub(super) fn url(resolved: &Resolved) -> Option<&str> {
    resolved.document.as_ref()?.article.url.as_deref()
}

/// The article's author now, when it can be read and gives one.
pub(super) fn author(resolved: &Resolved) -> Option<String> {
    let author = resolved.document.as_ref()?.article.author.as_deref()?;
    Some(sanitize_line(author))
}

/// A quote as a person reads it: a Markdown article's marks (`*`, `[…](…)`) taken out,
/// lines joined.
pub(super) fn plain_quote(quote: &str) -> String {
    let (shown, _) = crate::plain_text::shown_text(quote, false);
    let joined: Vec<&str> = shown.split_whitespace().collect();
    crate::sanitize::sanitize(&joined.join(" ")).into_owned()
}
