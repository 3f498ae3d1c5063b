//! The bookmarks as notes in an Obsidian (or any Markdown) vault: one note per article,
//! YAML front matter (title, author, source, url, date, tags), then each passage as a
//! block quote ending in a block id (`^folio-ID`) with its note under it.
//!
//! A note folio wrote says so in its front matter (`folio-article`, the article's path,
//! and `folio-bookmarks`, the ids of its passages). Writing the vault again rewrites
//! those notes in place, found by a passage's id or the article's path, so no note is
//! made twice; text a person wrote under folio's part of the note (after
//! `<!-- folio: end -->`) is kept. Files without folio's keys are never touched.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::export::{author, plain_quote, title, url};
use super::{Bookmark, Resolved, Status};
use crate::sanitize::{sanitize, sanitize_line};

/// The front matter key that marks a note as folio's: the article's path.
const ARTICLE_KEY: &str = "folio-article";
/// The ids of the passages in a note of folio's.
const IDS_KEY: &str = "folio-bookmarks";
/// A hash of folio's part of a note as folio wrote it: when the part no longer has it,
/// the person edited it, and folio leaves the note alone.
const HASH_KEY: &str = "folio-hash";
/// Where folio's part of a note ends; what follows is the person's own.
const END_MARK: &str = "<!-- folio: end -->";
/// The most a note of the vault read back may hold.
const NOTE_CAP: u64 = 16 << 20;

/// What writing the vault did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub created: Vec<PathBuf>,
    pub updated: Vec<PathBuf>,
    pub unchanged: usize,
    /// Notes of folio's whose articles have no passage left.
    pub removed: Vec<PathBuf>,
    /// Notes of folio's the person edited above the end marker: left as they are.
    pub kept_edited: Vec<PathBuf>,
}

impl Written {
    /// `1 new, 2 updated, 4 unchanged, 0 removed`, and the notes left for the person's
    /// edits when there are any.
    pub fn summary(&self) -> String {
        let mut said = format!(
            "{} new, {} updated, {} unchanged, {} removed",
            self.created.len(),
            self.updated.len(),
            self.unchanged,
            self.removed.len()
        );
        if !self.kept_edited.is_empty() {
            said.push_str(&format!(
                ", {} edited by you left as they are",
                self.kept_edited.len()
            ));
        }
        said
    }
}

/// A note of folio's found in the vault.
struct Existing {
    path: PathBuf,
    article: String,
    ids: Vec<String>,
    /// The person's text after folio's part.
    own: String,
    /// folio's part was changed since folio wrote it.
    edited: bool,
    /// The whole note as read.
    text: String,
}

/// Writes one note per article of `list` into the vault folder `dir` (made if missing).
pub fn write(dir: &Path, list: &[Bookmark], resolved: &[Resolved]) -> io::Result<Written> {
    fs::create_dir_all(dir)?;
    let mut existing = folios_notes(dir)?;
    let mut written = Written::default();
    let mut taken: Vec<PathBuf> = Vec::new();
    for (article, items) in by_article(list, resolved) {
        let ids: Vec<&str> = items.iter().map(|(b, _)| b.id.as_str()).collect();
        let found = existing.iter().position(|note| {
            note.ids.iter().any(|id| ids.contains(&id.as_str())) || note.article == article
        });
        // The note as it is now (none, for a new one), and the person's text in it.
        let (path, old, own) = match found.map(|i| existing.swap_remove(i)) {
            Some(note) if note.edited => {
                taken.push(note.path.clone());
                written.kept_edited.push(note.path);
                continue;
            }
            Some(note) => (note.path, Some(note.text), note.own),
            None => {
                let (bookmark, resolved) = items[0];
                let path = free_name(dir, &title(bookmark, resolved), &taken);
                (path, None, String::new())
            }
        };
        taken.push(path.clone());
        let text = note(&article, &items, &own);
        if old.as_deref() == Some(text.as_str()) {
            written.unchanged += 1;
            continue;
        }
        crate::atomic_file::replace(&path, |out| io::Write::write_all(out, text.as_bytes()))?;
        match old {
            Some(_) => written.updated.push(path),
            None => written.created.push(path),
        }
    }
    // Notes of folio's whose passages are all gone: removed, unless the person wrote in
    // them; then only folio's part goes.
    for note in existing {
        if note.edited {
            written.kept_edited.push(note.path);
        } else if note.own.trim().is_empty() {
            fs::remove_file(&note.path)?;
            written.removed.push(note.path);
        } else if !note.ids.is_empty() {
            let text = emptied(&note);
            crate::atomic_file::replace(&note.path, |out| {
                io::Write::write_all(out, text.as_bytes())
            })?;
            written.updated.push(note.path);
        }
    }
    Ok(written)
}

/// The bookmarks grouped by article (its path now), in the order of each article's first.
fn by_article<'a>(
    list: &'a [Bookmark],
    resolved: &'a [Resolved],
) -> Vec<(String, Vec<(&'a Bookmark, &'a Resolved)>)> {
    let mut groups: Vec<(String, Vec<(&Bookmark, &Resolved)>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (bookmark, resolved) in list.iter().zip(resolved) {
        let article = crate::store::read::escape_path(&resolved.path);
        let at = *index.entry(article.clone()).or_insert_with(|| {
            groups.push((article, Vec::new()));
            groups.len() - 1
        });
        groups[at].1.push((bookmark, resolved));
    }
    groups
}

/// The whole text of an article's note.
fn note(article: &str, items: &[(&Bookmark, &Resolved)], own: &str) -> String {
    let (first, first_resolved) = items[0];
    let facts = first_resolved.document.as_ref().map(|d| &d.article);
    let mut out = String::from("---\n");
    let mut field = |key: &str, value: Option<String>| {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            out.push_str(&format!("{key}: {}\n", yaml_string(&value)));
        }
    };
    field("title", Some(title(first, first_resolved)));
    field("author", author(first_resolved));
    field(
        "source",
        facts.and_then(|a| a.source.as_deref()).map(sanitize_line),
    );
    field("url", url(first_resolved).map(str::to_owned));
    field("date", facts.and_then(|a| a.date).map(|d| d.to_string()));
    let tags: Vec<String> = facts
        .map(|a| {
            a.tags
                .iter()
                .map(|t| yaml_string(&sanitize_line(t)))
                .collect()
        })
        .unwrap_or_default();
    if !tags.is_empty() {
        out.push_str(&format!("tags: [{}]\n", tags.join(", ")));
    }
    out.push_str(&format!("{ARTICLE_KEY}: {}\n", yaml_string(article)));
    let ids: Vec<String> = items.iter().map(|(b, _)| yaml_string(&b.id)).collect();
    out.push_str(&format!("{IDS_KEY}: [{}]\n", ids.join(", ")));
    out.push_str("---\n\n");
    out.push_str(&format!("# {}\n", title(first, first_resolved)));
    for (bookmark, resolved) in items {
        out.push('\n');
        let quote = plain_quote(bookmark.quote());
        out.push_str(&format!("> {quote} ^folio-{}\n", block_id(&bookmark.id)));
        match resolved.status() {
            Status::Changed => out.push_str("\n*(reworded in the article's current text)*\n"),
            Status::Missing => out.push_str("\n*(not found in the article's current text)*\n"),
            Status::Found | Status::Moved => {}
        }
        if let Some(note) = &bookmark.note {
            out.push('\n');
            out.push_str(sanitize(note).trim_end());
            out.push('\n');
        }
    }
    // The marker is folio's alone: a quote or note that holds it is written so that it
    // no longer reads as the marker.
    finish(&out.replace(END_MARK, "<!-- folio: end -- >"), own)
}

/// A note from folio's part (front matter and passages) and the person's text: the
/// part's hash put in its front matter, then the end marker, then the person's text.
fn finish(part: &str, own: &str) -> String {
    let hash = part_hash(part);
    let mut out = part.replacen("\n---\n", &format!("\n{HASH_KEY}: \"{hash}\"\n---\n"), 1);
    out.push('\n');
    out.push_str(END_MARK);
    out.push('\n');
    out.push_str(own);
    out
}

/// The hash of folio's part of a note (without its hash line).
fn part_hash(part: &str) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(part.as_bytes()))
}

/// A note of folio's with no passage left, kept for the person's text under it.
fn emptied(note: &Existing) -> String {
    let part = format!(
        "---\n{ARTICLE_KEY}: {}\n{IDS_KEY}: []\n---\n\n*(no passage of this article is bookmarked in folio now)*\n",
        yaml_string(&note.article),
    );
    finish(&part, &note.own)
}

/// A block id Obsidian accepts: letters, digits and dashes.
fn block_id(id: &str) -> String {
    id.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// A YAML double-quoted string: JSON's string syntax is YAML's.
fn yaml_string(value: &str) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "\"\"".to_owned())
}

/// A file name in `dir` for a new note titled `title`, taken by no file and no note
/// written in this run.
fn free_name(dir: &Path, title: &str, taken: &[PathBuf]) -> PathBuf {
    let stem: String = title
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' | '#' | '^' | '[' | ']' => ' ',
            c => c,
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let stem: String = stem.chars().take(100).collect();
    let stem = match stem.trim_start_matches('.') {
        "" => "Untitled".to_owned(),
        s => s.to_owned(),
    };
    (1..)
        .map(|n| match n {
            1 => dir.join(format!("{stem}.md")),
            n => dir.join(format!("{stem} ({n}).md")),
        })
        .find(|path| !path.exists() && !taken.contains(path))
        .expect("a free name")
}

/// The notes of `dir` (not its subfolders) that folio wrote.
fn folios_notes(dir: &Path) -> io::Result<Vec<Existing>> {
    let mut notes = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_none_or(|e| e != "md") || !path.is_file() {
            continue;
        }
        let Ok(bytes) = crate::own_file::read(&path, NOTE_CAP) else {
            continue;
        };
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        if let Some(note) = folios_note(&path, &text) {
            notes.push(note);
        }
    }
    notes.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(notes)
}

/// The note at `path` holding `text`, when folio wrote it.
fn folios_note(path: &Path, text: &str) -> Option<Existing> {
    let rest = text.strip_prefix("---\n")?;
    let end = rest.find("\n---\n")?;
    let mut article = None;
    let mut ids = Vec::new();
    let mut hash = None;
    for line in rest[..end].lines() {
        if let Some(value) = line
            .strip_prefix(HASH_KEY)
            .and_then(|l| l.strip_prefix(':'))
        {
            hash = serde_json::from_str::<String>(value.trim()).ok();
        }
        if let Some(value) = line
            .strip_prefix(ARTICLE_KEY)
            .and_then(|l| l.strip_prefix(':'))
        {
            article = serde_json::from_str::<String>(value.trim()).ok();
        } else if let Some(value) = line.strip_prefix(IDS_KEY).and_then(|l| l.strip_prefix(':')) {
            ids = serde_json::from_str::<Vec<String>>(value.trim()).unwrap_or_default();
        }
    }
    // The marker alone on its line, the first such: what follows is the person's.
    let marker = text.match_indices(END_MARK).find(|&(at, _)| {
        let after = &text[at + END_MARK.len()..];
        text[..at].ends_with('\n') && (after.is_empty() || after.starts_with('\n'))
    });
    let own = marker
        .map(|(at, _)| {
            text[at + END_MARK.len()..]
                .trim_start_matches('\n')
                .to_owned()
        })
        .unwrap_or_default();
    // folio's part as written: up to the line before the marker, without the hash line.
    let part: String = match marker {
        Some((at, _)) => text[..at - 1]
            .split_inclusive('\n')
            .filter(|line| !line.starts_with(&format!("{HASH_KEY}:")))
            .collect(),
        None => String::new(),
    };
    let edited = match (&hash, marker) {
        (Some(hash), Some(_)) => *hash != part_hash(&part),
        // No marker: the person took folio's part apart.
        (Some(_), None) => true,
        // Written before folio kept hashes: taken as folio's.
        (None, _) => false,
    };
    Some(Existing {
        path: path.to_path_buf(),
        article: article?,
        ids,
        own,
        edited,
        text: text.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_of_folios_is_known_by_its_front_matter_and_keeps_the_persons_text() {
        let text = "---\ntitle: \"Tides\"\nfolio-article: \"/s/tides.md\"\nfolio-bookmarks: [\"1-a\", \"2-b\"]\n---\n\n# Tides\n\n> x ^folio-1-a\n\n<!-- folio: end -->\nMy own thoughts.\n";
        let note = folios_note(Path::new("/v/Tides.md"), text).expect("folio's");
        assert_eq!(note.article, "/s/tides.md");
        assert_eq!(note.ids, ["1-a", "2-b"]);
        assert_eq!(note.own, "My own thoughts.\n");
        assert!(folios_note(Path::new("/v/mine.md"), "---\ntitle: mine\n---\ntext").is_none());
        assert!(folios_note(Path::new("/v/mine.md"), "no front matter").is_none());
    }

    #[test]
    fn only_the_marker_alone_on_its_line_ends_folios_part() {
        let text = "---\nfolio-article: \"/s/a.md\"\nfolio-bookmarks: [\"1\"]\n---\n\n> q ^folio-1\n\ntricky <!-- folio: end --> note\n\n<!-- folio: end -->\nMine.\n";
        let note = folios_note(Path::new("/v/a.md"), text).expect("folio's");
        assert_eq!(note.own, "Mine.\n");
    }

    #[test]
    fn names_avoid_what_a_vault_cannot_hold_and_what_is_taken() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("A b.md"), "mine").unwrap();
        assert_eq!(
            free_name(dir.path(), "A/b", &[]),
            dir.path().join("A b (2).md")
        );
        let taken = [dir.path().join("C.md")];
        assert_eq!(
            free_name(dir.path(), "C", &taken),
            dir.path().join("C (2).md")
        );
        assert_eq!(
            free_name(dir.path(), "...", &[]),
            dir.path().join("Untitled.md")
        );
    }
}
