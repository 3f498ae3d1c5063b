//! What the index holds for each file: the article's words by field (positions kept, for
//! phrases), its metadata stored so the list can be rebuilt without reading the files,
//! the path under the store by its names (for `path:`), and the size and mtime that tell
//! whether the file changed.

use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;

use jiff::civil::Date;
use tantivy::TantivyDocument;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions, Value,
};

use super::tokenizer::{FIELD_GAP, NAME, PATH_NAME};
use crate::store::{Article, DateFrom, Format, Location};

/// Bumped whenever what is indexed, or how, changes; an index of another version is
/// rebuilt. 3: each article's web address stored, and the path under the store indexed
/// by its names, for `path:`. 4: header lines right under a headline read as metadata.
pub const VERSION: u32 = 4;

/// `kind` of a file that is an article.
pub const ARTICLE: u64 = 0;
/// `kind` of a file that is not an article (empty, binary…): kept so it is not read again.
pub const NOT_ARTICLE: u64 = 1;

/// The index's fields: tantivy's handle for each field of a document.
#[derive(Clone, Copy)]
pub struct IndexFields {
    /// The root's number among the store's roots, then the path under it: the file's key.
    pub key: Field,
    pub kind: Field,
    pub size: Field,
    pub mtime: Field,
    pub title: Field,
    pub body: Field,
    pub source: Field,
    pub author: Field,
    pub tags: Field,
    /// Days since 1970-01-01; absent when the article is undated.
    pub date: Field,
    pub date_from: Field,
    /// The path under the root, stored, and indexed by its folder and file names
    /// (positions kept, so `path:2023/05` is names in a row).
    pub rel_path: Field,
    pub description: Field,
    pub url: Field,
    pub words: Field,
    pub format: Field,
}

impl IndexFields {
    pub fn schema() -> (Schema, IndexFields) {
        let mut builder = Schema::builder();
        let words = |stored: bool| {
            let indexing = TextFieldIndexing::default()
                .set_tokenizer(NAME)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions);
            let options = TextOptions::default().set_indexing_options(indexing);
            if stored {
                options.set_stored()
            } else {
                options
            }
        };
        let fields = IndexFields {
            key: builder.add_bytes_field("key", INDEXED | STORED | FAST),
            kind: builder.add_u64_field("kind", INDEXED | STORED),
            size: builder.add_u64_field("size", STORED | FAST),
            mtime: builder.add_i64_field("mtime", STORED | FAST),
            title: builder.add_text_field("title", words(true)),
            body: builder.add_text_field("body", words(false)),
            source: builder.add_text_field("source", words(true)),
            author: builder.add_text_field("author", words(true)),
            tags: builder.add_text_field("tags", words(true)),
            date: builder.add_i64_field("date", INDEXED | FAST | STORED),
            date_from: builder.add_u64_field("date_from", STORED),
            rel_path: builder.add_text_field(
                "rel_path",
                TextOptions::default()
                    .set_indexing_options(
                        TextFieldIndexing::default()
                            .set_tokenizer(PATH_NAME)
                            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
                    )
                    .set_stored(),
            ),
            description: builder.add_text_field("description", STORED),
            url: builder.add_text_field("url", STORED),
            words: builder.add_u64_field("words", STORED),
            format: builder.add_u64_field("format", STORED),
        };
        (builder.build(), fields)
    }

    /// The document for an article whose body text is `body`, its file stamped
    /// `(size, mtime in nanoseconds)`.
    pub fn article(
        &self,
        key: &[u8],
        (size, mtime): (u64, i64),
        article: &Article,
        body: &str,
    ) -> TantivyDocument {
        let mut doc = self.file(key, ARTICLE, size, mtime);
        doc.add_text(self.title, &article.title);
        doc.add_text(self.body, body);
        if let Some(source) = &article.source {
            doc.add_text(self.source, source);
        }
        if let Some(author) = &article.author {
            doc.add_text(self.author, author);
        }
        if !article.tags.is_empty() {
            doc.add_text(self.tags, article.tags.join(&FIELD_GAP.to_string()));
        }
        if let Some(date) = article.date {
            doc.add_i64(self.date, day_number(date));
        }
        if let Some(from) = article.date_from {
            doc.add_u64(self.date_from, from as u64);
        }
        doc.add_text(self.rel_path, &article.rel_path);
        if let Some(description) = &article.description {
            doc.add_text(self.description, description);
        }
        if let Some(url) = &article.url {
            doc.add_text(self.url, url);
        }
        doc.add_u64(self.words, article.words as u64);
        doc.add_u64(self.format, article.format as u64);
        doc
    }

    /// The document for a file, its mtime in nanoseconds; alone, for a file that is
    /// not an article.
    pub fn file(&self, key: &[u8], kind: u64, size: u64, mtime: i64) -> TantivyDocument {
        let mut doc = TantivyDocument::default();
        doc.add_bytes(self.key, key);
        doc.add_u64(self.kind, kind);
        doc.add_u64(self.size, size);
        doc.add_i64(self.mtime, mtime);
        doc
    }

    /// The document for the file keyed `key`, stamped `stamp`: the article read from it
    /// with its body text, or (`None`) a note that it is not one.
    pub fn of_file(
        &self,
        key: &[u8],
        stamp: (u64, i64),
        read: Option<&(Article, Option<String>)>,
    ) -> TantivyDocument {
        match read {
            Some((article, body)) => {
                self.article(key, stamp, article, body.as_deref().unwrap_or_default())
            }
            None => self.file(key, NOT_ARTICLE, stamp.0, stamp.1),
        }
    }

    /// The key, kind, size and mtime of a stored document.
    pub fn stamp(&self, doc: &TantivyDocument) -> Option<(Vec<u8>, u64, u64, i64)> {
        Some((
            doc.get_first(self.key)?.as_bytes()?.to_vec(),
            doc.get_first(self.kind)?.as_u64()?,
            doc.get_first(self.size)?.as_u64()?,
            doc.get_first(self.mtime)?.as_i64()?,
        ))
    }

    /// The article a stored document describes; `roots` are the store's folders in key order.
    pub fn to_article(&self, doc: &TantivyDocument, roots: &[PathBuf]) -> Option<Article> {
        let (key, kind, size, mtime) = self.stamp(doc)?;
        if kind != ARTICLE {
            return None;
        }
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str().map(str::to_owned))
        };
        let number = |field| doc.get_first(field).and_then(|v| v.as_u64());
        Some(Article {
            location: Location::File(path_of(&key, roots)?),
            rel_path: text(self.rel_path)?,
            title: text(self.title).unwrap_or_default(),
            date: doc
                .get_first(self.date)
                .and_then(|v| v.as_i64())
                .and_then(date_of_day),
            date_from: number(self.date_from).and_then(date_from_code),
            source: text(self.source),
            author: text(self.author),
            tags: text(self.tags)
                .map(|t| t.split(FIELD_GAP).map(str::to_owned).collect())
                .unwrap_or_default(),
            description: text(self.description).map(String::into_boxed_str),
            url: text(self.url).map(String::into_boxed_str),
            words: number(self.words).unwrap_or(0) as usize,
            format: Format::from_number(number(self.format).unwrap_or(0)),
            size,
            mtime: mtime.div_euclid(1_000_000_000),
        })
    }
}

/// A file's key: its root's number, then its path under the root (`/`-separated bytes;
/// empty when the root is the file itself).
pub fn key(root: usize, rel: &[u8]) -> Vec<u8> {
    let mut key = Vec::with_capacity(4 + rel.len());
    start_key(&mut key, root);
    key.extend_from_slice(rel);
    key
}

/// The start of every key of root number `root`, written into `buffer` (emptied
/// first); the file's path under the root follows it.
pub fn start_key(buffer: &mut Vec<u8>, root: usize) {
    buffer.clear();
    buffer.extend_from_slice(&(root as u32).to_be_bytes());
}

/// The path a key stands for.
pub fn path_of(key: &[u8], roots: &[PathBuf]) -> Option<PathBuf> {
    let (root, rel) = key.split_at_checked(4)?;
    let root = u32::from_be_bytes(root.try_into().ok()?) as usize;
    let root = roots.get(root)?;
    if rel.is_empty() {
        return Some(root.clone());
    }
    Some(root.join(std::ffi::OsStr::from_bytes(rel)))
}

/// Days since 1970-01-01.
pub fn day_number(date: Date) -> i64 {
    i64::from(
        date.since(Date::constant(1970, 1, 1))
            .map_or(0, |span| span.get_days()),
    )
}

pub fn date_of_day(days: i64) -> Option<Date> {
    Date::constant(1970, 1, 1)
        .checked_add(jiff::Span::new().try_days(days).ok()?)
        .ok()
}

pub fn date_from_code(code: u64) -> Option<DateFrom> {
    [
        DateFrom::Metadata,
        DateFrom::Path,
        DateFrom::Text,
        DateFrom::Modified,
    ]
    .into_iter()
    .find(|from| *from as u64 == code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn day_numbers_round_trip() {
        for date in [
            Date::constant(1970, 1, 1),
            Date::constant(2024, 2, 29),
            Date::constant(1066, 10, 14),
            Date::constant(9999, 12, 31),
        ] {
            assert_eq!(date_of_day(day_number(date)), Some(date));
        }
        assert_eq!(day_number(Date::constant(1970, 1, 2)), 1);
    }

    #[test]
    fn keys_round_trip() {
        let roots = [PathBuf::from("/a"), PathBuf::from("/b/c")];
        let key = key(1, b"2024/x y.md");
        assert_eq!(
            path_of(&key, &roots).as_deref(),
            Some(Path::new("/b/c/2024/x y.md"))
        );
        assert_eq!(path_of(&super::key(0, b""), &roots), Some(roots[0].clone()));
    }
}
