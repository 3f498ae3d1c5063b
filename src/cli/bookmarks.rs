//! `folio bookmarks add FILE --quote TEXT [--note TEXT]` and `folio bookmarks [--json |
//! --markdown]`: adding a bookmark from the shell, and listing them for people, scripts
//! or notes.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;

use crate::bookmarks::{Bookmark, BookmarkFile, Resolved, load_article, resolve_all};
use crate::paths::Dirs;
use crate::sanitize::{escape_controls, sanitize, sanitize_line};
use crate::store::read::escape_path;

/// How `folio bookmarks` prints the bookmarks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// A few lines per bookmark, for reading in the terminal.
    Text,
    /// One JSON object per line.
    Json,
    /// One section per article, each passage a block quote with its note.
    Markdown,
}

fn fail(message: &str) -> ExitCode {
    eprintln!("folio: {}", sanitize_line(message));
    ExitCode::FAILURE
}

fn bookmark_file() -> Result<BookmarkFile, String> {
    Dirs::discover()
        .map(|dirs| BookmarkFile::in_folder(&dirs.data))
        .ok_or_else(|| "no home folder found, so no data folder for bookmarks; set HOME".into())
}

/// `folio bookmarks add`: exits 1 when the quote is not in the article or the
/// bookmarks file cannot be written. `store` (the configured one, when it can be read) is
/// searched for articles that moved.
pub fn add(
    file: &Path,
    quote: &str,
    note: Option<String>,
    store: Option<crate::store::Store>,
) -> ExitCode {
    let path = match file.canonicalize() {
        Ok(path) => path,
        Err(error) => {
            return fail(&format!(
                "cannot open {}: {}",
                escape_path(file),
                crate::store::read::io_reason(&error)
            ));
        }
    };
    let default_kinds = crate::store::Kinds::default();
    let kinds = store.as_ref().map_or(&default_kinds, |store| &store.kinds);
    let document = match load_article(&path, kinds) {
        Ok(document) => document,
        Err(message) => return fail(&message),
    };
    if quote.trim().is_empty() {
        return fail("the quote is empty; give the passage to keep with --quote TEXT");
    }
    let Some(bookmark) = Bookmark::new(&path, &document, quote, note) else {
        return fail(&format!(
            "the quote is not in {} (compared ignoring line breaks and spaces); \
             copy the passage from the article's text",
            escape_path(&path)
        ));
    };
    let file = match bookmark_file() {
        Ok(file) => file,
        Err(message) => return fail(&message),
    };
    let moves = match file.read() {
        Ok(current) => moved_articles(&current.list, store.as_ref()),
        Err(error) => return fail(&error.to_string()),
    };
    let id = bookmark.id.clone();
    let written = file.update(|bookmarks| {
        for (id, from, to) in &moves {
            for b in bookmarks.list.iter_mut() {
                if &b.id == id && &b.path == from {
                    b.path = to.clone();
                }
            }
        }
        bookmarks.list.push(bookmark);
    });
    match written {
        Ok(()) => {
            println!("{id}");
            ExitCode::SUCCESS
        }
        Err(error) => fail(&error.to_string()),
    }
}

/// For each bookmark whose article is gone from its path but found elsewhere in the
/// store: its id, the old path and the new one.
fn moved_articles(
    list: &[Bookmark],
    store: Option<&crate::store::Store>,
) -> Vec<(String, PathBuf, PathBuf)> {
    let missing: Vec<Bookmark> = list
        .iter()
        .filter(|b| !b.path.exists() && !crate::bookmarks::is_sample(&b.path))
        .cloned()
        .collect();
    if missing.is_empty() {
        return Vec::new();
    }
    resolve_all(&missing, store)
        .into_iter()
        .zip(missing)
        .filter(|(resolved, _)| resolved.moved)
        .map(|(resolved, b)| (b.id, b.path, resolved.path))
        .collect()
}

/// `folio bookmarks`: every bookmark in the file's order; `store` (the configured one,
/// when it can be read) is searched for articles that moved.
pub fn list(output: Output, store: Option<crate::store::Store>) -> ExitCode {
    let file = match bookmark_file() {
        Ok(file) => file,
        Err(message) => return fail(&message),
    };
    let bookmarks = match file.read() {
        Ok(bookmarks) => bookmarks.list,
        Err(error) => return fail(&error.to_string()),
    };
    if bookmarks.is_empty() && output == Output::Text {
        eprintln!("no bookmarks yet; add one with `folio bookmarks add FILE --quote TEXT`");
        return ExitCode::SUCCESS;
    }
    let resolved = resolve_all(&bookmarks, store.as_ref());
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written = match output {
        Output::Text => write_text(&mut out, &bookmarks, &resolved),
        Output::Json => write_json(&mut out, &bookmarks, &resolved),
        Output::Markdown => write_markdown(&mut out, &bookmarks, &resolved),
    };
    match written.and_then(|()| out.flush()) {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
            fail(&format!("cannot write the bookmarks: {error}"))
        }
        _ => ExitCode::SUCCESS,
    }
}

/// The article's title now, or the one stored with the bookmark.
fn title<'a>(bookmark: &'a Bookmark, resolved: &'a Resolved) -> String {
    let title = resolved
        .document
        .as_ref()
        .map_or(bookmark.title.as_str(), |d| d.article.title.as_str());
    sanitize_line(title)
}

/// The article's web address, when the article can be read and gives one (sanitised
/// with the article's other fields).
fn url(resolved: &Resolved) -> Option<&str> {
    resolved.document.as_ref()?.article.url.as_deref()
}

/// One line of `folio bookmarks --json`.
#[derive(Serialize)]
struct JsonEntry<'a> {
    id: String,
    path: String,
    title: String,
    quote: String,
    note: Option<String>,
    created: String,
    found: bool,
    /// The article's web address, when the article is read and gives one.
    url: Option<&'a str>,
}

fn write_json(out: &mut impl Write, list: &[Bookmark], resolved: &[Resolved]) -> io::Result<()> {
    for (bookmark, resolved) in list.iter().zip(resolved) {
        let entry = JsonEntry {
            id: escape_controls(&bookmark.id).into_owned(),
            path: escape_path(&resolved.path),
            title: title(bookmark, resolved),
            quote: sanitize(bookmark.quote()).into_owned(),
            note: bookmark.note.as_deref().map(|n| sanitize(n).into_owned()),
            created: bookmark.created.to_string(),
            found: resolved.found(),
            url: url(resolved),
        };
        serde_json::to_writer(&mut *out, &entry)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

fn write_text(out: &mut impl Write, list: &[Bookmark], resolved: &[Resolved]) -> io::Result<()> {
    for (bookmark, resolved) in list.iter().zip(resolved) {
        let date = bookmark.created.strftime("%Y-%m-%d");
        writeln!(out, "{date}  {}", title(bookmark, resolved))?;
        let quote = sanitize_line(bookmark.quote());
        let quote = match quote.char_indices().nth(100) {
            Some((cut, _)) => format!("{}…", &quote[..cut]),
            None => quote,
        };
        let missing = if resolved.found() {
            ""
        } else {
            "  (not found in the article's current text)"
        };
        writeln!(out, "            “{quote}”{missing}")?;
        if let Some(note) = &bookmark.note {
            writeln!(out, "            {}", sanitize_line(note))?;
        }
        writeln!(out, "            {}", escape_path(&resolved.path))?;
    }
    Ok(())
}

/// One section per article (in the order of its first bookmark): the title, a line with
/// the date, source, web address and path, then each passage as a block quote with its note.
fn write_markdown(
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
            if !resolved.found() {
                writeln!(out, ">")?;
                writeln!(out, "> *(not found in the article's current text)*")?;
            }
            if let Some(note) = &bookmark.note {
                writeln!(out)?;
                writeln!(out, "{}", sanitize(note).trim_end())?;
            }
        }
    }
    Ok(())
}
