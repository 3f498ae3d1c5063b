//! `folio bookmarks --markdown`: one section per article, each passage a block quote
//! with its note.

use std::io::{self, Write};
use std::path::Path;

use super::{title, url};
use crate::bookmarks::{Bookmark, Resolved, Status};
use crate::sanitize::{sanitize, sanitize_line};
use crate::store::read::escape_path;

/// One section per article (in the order of its first bookmark): the title, a line with
/// the date, source, web address and path, then each passage as a block quote with its note.
pub(super) fn write(
    out: &mut impl Write,
    list: &[Bookmark],
    resolved: &[Resolved],
) -> io::Result<()> {
    let mut order: Vec<&Path> = Vec::new();
    for r in resolved {
        if !order.contains(&r.path.as_path()) {
            order.push(&r.path);
        }
    }
    for (n, path) in order.into_iter().enumerate() {
        let mut items = list
            .iter()
            .zip(resolved)
            .filter(|(_, r)| r.path == path)
            .peekable();
        let Some((first, first_resolved)) = items.peek().copied() else {
            continue;
        };
        if n > 0 {
            writeln!(out)?;
        }
        writeln!(out, "## {}", title(first, first_resolved))?;
        writeln!(out)?;
        let mut facts = Vec::new();
        if let Some(article) = first_resolved.document.as_ref().map(|d| &d.article) {
            if let Some(date) = article.date {
                let estimate = article.date_from.is_some_and(|from| from.is_estimate());
                facts.push(format!("{}{date}", if estimate { "~" } else { "" }));
            }
            if let Some(source) = &article.source {
                facts.push(sanitize_line(source));
            }
        }
        if let Some(url) = url(first_resolved) {
            facts.push(format!("<{url}>"));
        }
        facts.push(format!("`{}`", escape_path(path)));
        if first_resolved.document.is_none() {
            facts.push("(the article cannot be read)".into());
        }
        writeln!(out, "{}", facts.join(" · "))?;
        for (bookmark, resolved) in items {
            writeln!(out)?;
            for line in sanitize(bookmark.quote()).lines() {
                if line.is_empty() {
                    writeln!(out, ">")?;
                } else {
                    writeln!(out, "> {line}")?;
                }
            }
            match resolved.status() {
                Status::Found | Status::Moved => {}
                Status::Changed => {
                    writeln!(out, ">")?;
                    writeln!(out, "> *(reworded in the article's current text)*")?;
                }
                Status::Missing => {
                    writeln!(out, ">")?;
                    writeln!(out, "> *(not found in the article's current text)*")?;
                }
            }
            if let Some(note) = &bookmark.note {
                writeln!(out)?;
                writeln!(out, "{}", sanitize(note).trim_end())?;
            }
        }
    }
    Ok(())
}
