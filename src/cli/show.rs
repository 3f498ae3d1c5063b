//! `folio show FILE [--json]`: one article as folio reads it, in plain text (the title, a
//! line of its metadata, then its paragraphs) or as one JSON object, from any file, in a
//! store or not.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

use super::list::ListEntry;
use crate::bookmarks::load_article;
use crate::plain_text::markdown_paragraphs;
use crate::sanitize::{sanitize, sanitize_line};
use crate::store::read::{escape_path, io_reason};
use crate::store::{Article, Body, Document, Kinds};

/// `folio show --json`: the article as `folio list --json` writes it, then its text.
#[derive(Serialize)]
struct ShowEntry<'a> {
    #[serde(flatten)]
    article: ListEntry<'a>,
    paragraphs: &'a [String],
}

fn fail(message: &str) -> ExitCode {
    eprintln!("folio: {}", sanitize_line(message));
    ExitCode::FAILURE
}

/// Prints the article `file`; exits 1 when it is missing or not an article.
pub(super) fn show(file: &Path, json: bool, kinds: &Kinds) -> ExitCode {
    let document = match read(file, kinds) {
        Ok(document) => document,
        Err(message) => return fail(&message),
    };
    let paragraphs = paragraphs(&document.body);
    let path = escape_path(file);
    let mut out = Vec::new();
    if json {
        let entry = ShowEntry {
            article: ListEntry::at(&path, &document.article),
            paragraphs: &paragraphs,
        };
        serde_json::to_writer(&mut out, &entry).expect("an article serialises to JSON");
        out.push(b'\n');
    } else {
        out = plain(&document.article, &paragraphs).into_bytes();
    }
    match io::stdout().lock().write_all(&out) {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
            fail(&format!("cannot write the article: {error}"))
        }
        _ => ExitCode::SUCCESS,
    }
}

/// The article at `file`, or why it cannot be shown, worded as `folio bookmarks add`
/// words it.
fn read(file: &Path, kinds: &Kinds) -> Result<Document, String> {
    let metadata = std::fs::metadata(file).map_err(|error| {
        format!(
            "cannot open {}: {}",
            crate::store::read::escape_path(file),
            io_reason(&error)
        )
    })?;
    if metadata.is_dir() {
        return Err(format!(
            "{} is a folder, not an article: give one file ending {}",
            crate::store::read::escape_path(file),
            kinds
                .endings()
                .map(|e| format!(".{e}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    load_article(file, kinds)
}

/// The body as paragraphs of plain text, sanitised.
fn paragraphs(body: &Body) -> Vec<String> {
    match body {
        Body::Paragraphs(paragraphs) => paragraphs
            .iter()
            .map(|paragraph| sanitize(paragraph).into_owned())
            .collect(),
        Body::Markdown(source) => markdown_paragraphs(source),
    }
}

/// The title, the metadata line (when there is any), a blank line, and the paragraphs
/// with a blank line between each two.
fn plain(article: &Article, paragraphs: &[String]) -> String {
    let mut out = sanitize_line(&article.title);
    out.push('\n');
    let facts = facts(article);
    if !facts.is_empty() {
        out.push_str(&facts);
        out.push('\n');
    }
    for paragraph in paragraphs {
        out.push('\n');
        out.push_str(paragraph);
        out.push('\n');
    }
    out
}

/// `2024-11-21 · Source · Author · tag, tag · https://…`, with what the article has
/// (`~` before a date estimated from the file's modification time).
fn facts(article: &Article) -> String {
    let mut facts = Vec::new();
    if let Some(date) = article.date {
        let estimate = article.date_from.is_some_and(|from| from.is_estimate());
        facts.push(format!("{}{date}", if estimate { "~" } else { "" }));
    }
    facts.extend(article.source.iter().map(|source| sanitize_line(source)));
    facts.extend(article.author.iter().map(|author| sanitize_line(author)));
    if !article.tags.is_empty() {
        facts.push(sanitize_line(&article.tags.join(", ")));
    }
    facts.extend(article.url.iter().map(|url| sanitize_line(url)));
    facts.join(" · ")
}
