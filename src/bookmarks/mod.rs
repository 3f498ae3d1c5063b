//! Bookmarks: passages of articles kept in `bookmarks.toml` in folio's data folder, each
//! with its quote, the text around it and its offset, so it can be found again when the
//! article changes or moves within the store.

pub mod anchor;
pub mod export;
pub mod file;
pub mod fuzzy;
pub mod merge;
pub mod vault;

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::ops::Range;
use std::path::{Path, PathBuf};

use anchor::{Anchor, Method, Selector};
pub use file::{BookmarkFile, Bookmarks, FileError};

use crate::store::{Body, Document, Kinds, Location, Root, Store};

/// One bookmarked passage.
#[derive(Debug, Clone, PartialEq)]
pub struct Bookmark {
    /// Unique and stable: the creation time in nanoseconds and a random suffix.
    pub id: String,
    /// The article's absolute path.
    pub path: PathBuf,
    /// The article's title when the bookmark was made.
    pub title: String,
    pub created: jiff::Timestamp,
    pub selector: Selector,
    pub note: Option<String>,
    /// When the note was last changed (`None`: when the bookmark was made), so that of
    /// two machines' changes to it the later one is kept.
    pub note_changed: Option<jiff::Timestamp>,
    /// Keys of the bookmark's table this folio does not know, written back unchanged.
    pub extra: toml::Table,
}

impl Bookmark {
    /// A bookmark on the first place `quote` occurs (whitespace aside) in the article
    /// at `path`, loaded as `document`; `None` when the quote is not in its text.
    pub fn new(
        path: &Path,
        document: &Document,
        quote: &str,
        note: Option<String>,
    ) -> Option<Bookmark> {
        let selector = match &document.body {
            // A passage copied from the screen or `folio show` has no Markdown marks:
            // it is looked for in the text as shown, and kept as the source has it.
            Body::Markdown(source) => Selector::find(source, quote).or_else(|| {
                [true, false].into_iter().find_map(|addresses| {
                    let (shown, sources) = crate::plain_text::shown_text(source, addresses);
                    let (start, end) = anchor::loose_find(&shown, quote)?;
                    let (from, to) = (sources[start].0, sources[end - 1].1);
                    (from < to).then(|| Selector::at(source, from, to))
                })
            }),
            Body::Paragraphs(_) => Selector::find(&document.body.text(), quote),
        }?;
        Some(Bookmark::with_selector(path, document, selector, note))
    }

    /// A bookmark on the bytes `range` of `text`, the article's text
    /// (`document.body.text()`), as a selection in the reader gives them.
    pub fn at(path: &Path, document: &Document, text: &str, range: Range<usize>) -> Bookmark {
        let selector = Selector::at(text, range.start, range.end);
        Bookmark::with_selector(path, document, selector, None)
    }

    fn with_selector(
        path: &Path,
        document: &Document,
        selector: Selector,
        note: Option<String>,
    ) -> Bookmark {
        let created = jiff::Timestamp::now();
        Bookmark {
            id: new_id(created),
            path: path.to_path_buf(),
            title: document.article.title.clone(),
            created,
            selector,
            note: note.filter(|note| !note.is_empty()),
            note_changed: None,
            extra: toml::Table::new(),
        }
    }

    /// Where the passage is in `text` (the article's current text) as bytes, or `None`
    /// when it is gone.
    pub fn passage_in(&self, text: &str) -> Option<Range<usize>> {
        let anchor = self.selector.anchor(text)?;
        let byte = |chars: usize| anchor::byte_of_char(text, chars).unwrap_or(text.len());
        Some(byte(anchor.start)..byte(anchor.end))
    }

    /// The quote as stored, the text to show when the passage cannot be found.
    pub fn quote(&self) -> &str {
        &self.selector.exact
    }
}

/// A new id: the time in nanoseconds since the epoch, a dash, and 32 random bits.
fn new_id(created: jiff::Timestamp) -> String {
    let mut hasher = std::hash::RandomState::new().build_hasher();
    hasher.write_u32(std::process::id());
    hasher.write_i128(created.as_nanosecond());
    format!("{}-{:08x}", created.as_nanosecond(), hasher.finish() as u32)
}

/// Reads the article file at `path` in full, as a store holding just that file (or the
/// bundled sample library, for a `sample:` path), whose article endings are `kinds`.
pub fn load_article(path: &Path, kinds: &Kinds) -> Result<Document, String> {
    let store = match Location::from_path(path) {
        Location::Sample(name) => {
            let store = Store::new(vec![Root::Sample]);
            let scan = store.scan();
            let article = scan
                .articles
                .iter()
                .find(|a| a.location == Location::Sample(name));
            return match article {
                Some(article) => store.load(article).map_err(|problem| problem.to_string()),
                None => Err(format!(
                    "{} is not in the sample library",
                    crate::store::read::escape_path(path)
                )),
            };
        }
        Location::File(_) => Store {
            kinds: kinds.clone(),
            ..Store::new(vec![Root::Folder(path.to_path_buf())])
        },
    };
    let scan = store.scan();
    if let Some(problem) = scan.problems.first() {
        return Err(problem.to_string());
    }
    let Some(article) = scan.articles.first() else {
        let endings: Vec<String> = kinds.endings().map(|e| format!(".{e}")).collect();
        return Err(format!(
            "{} is not an article: folio reads files ending {} (the `extensions` setting)",
            crate::store::read::escape_path(path),
            endings.join(", ")
        ));
    };
    store.load(article).map_err(|problem| problem.to_string())
}

/// Where a bookmark's passage is now.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The article's path: the stored one, or where the article moved within the store.
    pub path: PathBuf,
    /// True when the article was found at another path than the stored one.
    pub moved: bool,
    /// The article as it is now, or `None` when it cannot be read.
    pub document: Option<Document>,
    /// The passage in the article's current text, or `None` when it is gone.
    pub anchor: Option<Anchor>,
}

impl Resolved {
    /// True when the passage is in the article's text (as it was, or reworded).
    pub fn found(&self) -> bool {
        self.anchor.is_some()
    }

    /// The article's text where the passage is now (for a reworded one, the new words).
    pub fn passage_now(&self) -> Option<String> {
        let anchor = self.anchor?;
        let text = self.document.as_ref()?.body.text();
        Some(
            text.chars()
                .skip(anchor.start)
                .take(anchor.end - anchor.start)
                .collect(),
        )
    }

    /// Where the passage stands now.
    pub fn status(&self) -> Status {
        match &self.anchor {
            None => Status::Missing,
            Some(anchor) if anchor.method == Method::Fuzzy => Status::Changed,
            Some(_) if self.moved => Status::Moved,
            Some(_) => Status::Found,
        }
    }
}

/// Where a bookmarked passage stands in its article now, as `folio bookmarks` says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// In the article at its stored path, word for word.
    Found,
    /// Word for word, in an article found at another path of the store.
    Moved,
    /// Reworded: text near its place that is close enough to the stored quote.
    Changed,
    /// Not in the article's text, or the article cannot be read.
    Missing,
}

/// Finds each bookmark's passage in its article's current text. When a stored path no
/// longer exists, the articles of `store` are searched for one whose text holds the
/// quote with its context (those with the same file name first).
pub fn resolve_all(bookmarks: &[Bookmark], store: Option<&Store>) -> Vec<Resolved> {
    let default_kinds = Kinds::default();
    let kinds = store.map_or(&default_kinds, |store| &store.kinds);
    let mut candidates: Option<Vec<PathBuf>> = None;
    let mut loaded: HashMap<PathBuf, (Option<Document>, String)> = HashMap::new();
    bookmarks
        .iter()
        .map(|bookmark| {
            if bookmark.path.exists() || is_sample(&bookmark.path) {
                let (document, text) = loaded.entry(bookmark.path.clone()).or_insert_with(|| {
                    match load_article(&bookmark.path, kinds) {
                        Ok(document) => {
                            let text = document.body.text();
                            (Some(document), text)
                        }
                        Err(_) => (None, String::new()),
                    }
                });
                let anchor = document
                    .as_ref()
                    .and_then(|_| bookmark.selector.anchor(text));
                let document = document.clone();
                return Resolved {
                    path: bookmark.path.clone(),
                    moved: false,
                    document,
                    anchor,
                };
            }
            let candidates =
                candidates.get_or_insert_with(|| store.map_or_else(Vec::new, files_of));
            match find_moved(bookmark, candidates, kinds) {
                Some((path, document, anchor)) => Resolved {
                    path,
                    moved: true,
                    document: Some(document),
                    anchor: Some(anchor),
                },
                None => Resolved {
                    path: bookmark.path.clone(),
                    moved: false,
                    document: None,
                    anchor: None,
                },
            }
        })
        .collect()
}

/// True for the path of an article of the bundled sample library.
pub fn is_sample(path: &Path) -> bool {
    matches!(Location::from_path(path), Location::Sample(_))
}

/// The article files of a store (the sample library has none on disk).
fn files_of(store: &Store) -> Vec<PathBuf> {
    store
        .scan()
        .articles
        .into_iter()
        .filter_map(|article| match article.location {
            Location::File(path) => Some(path),
            Location::Sample(_) => None,
        })
        .collect()
}

/// The article among `candidates` whose text holds the bookmark's quote with its context.
fn find_moved(
    bookmark: &Bookmark,
    candidates: &[PathBuf],
    kinds: &Kinds,
) -> Option<(PathBuf, Document, Anchor)> {
    let selector = &bookmark.selector;
    let passage = format!("{}{}{}", selector.prefix, selector.exact, selector.suffix);
    let name = bookmark.path.file_name();
    let (same_name, others): (Vec<&PathBuf>, Vec<&PathBuf>) =
        candidates.iter().partition(|p| p.file_name() == name);
    same_name.into_iter().chain(others).find_map(|path| {
        let document = load_article(path, kinds).ok()?;
        let text = document.body.text();
        if !text.contains(&passage) {
            return None;
        }
        let anchor = selector.anchor(&text)?;
        let path = path.canonicalize().unwrap_or_else(|_| path.clone());
        Some((path, document, anchor))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_in_the_article_body_and_moves_are_followed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mill.md");
        std::fs::write(
            &path,
            "---\ntitle: The Old Mill\n---\n\nThe *wheel* turned\nfor a century.\n",
        )
        .unwrap();
        let document = load_article(&path, &Kinds::default()).unwrap();
        let text = document.body.text();
        let bookmark = Bookmark::new(
            &path,
            &document,
            "turned for a century",
            Some(String::new()),
        )
        .unwrap();
        assert_eq!(bookmark.note, None, "an empty note is no note");
        assert_eq!(bookmark.title, "The Old Mill");
        assert_eq!(bookmark.quote(), "turned\nfor a century");
        let start = text.find("turned").unwrap();
        assert_eq!(bookmark.selector.offset, text[..start].chars().count());
        assert!(Bookmark::new(&path, &document, "stopped", None).is_none());

        let resolved = resolve_all(std::slice::from_ref(&bookmark), None);
        assert!(resolved[0].found() && !resolved[0].moved);

        let moved = dir.path().join("old/the-mill.md");
        std::fs::create_dir(dir.path().join("old")).unwrap();
        std::fs::rename(&path, &moved).unwrap();
        let store = Store::new(vec![Root::Folder(dir.path().to_path_buf())]);
        let resolved = resolve_all(std::slice::from_ref(&bookmark), Some(&store));
        assert!(resolved[0].found() && resolved[0].moved);
        assert_eq!(resolved[0].path, moved.canonicalize().unwrap());

        std::fs::write(&moved, "---\ntitle: The Old Mill\n---\n\nGone.\n").unwrap();
        let resolved = resolve_all(std::slice::from_ref(&bookmark), Some(&store));
        assert!(!resolved[0].found() && !resolved[0].moved);
        assert_eq!(resolved[0].path, path);
    }
}
