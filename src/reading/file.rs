//! `reading.toml`: the reading state as the file holds it, one table per article keyed
//! by its path, sorted by path, every key kept, newer versions refused:
//!
//! ```toml
//! version = 1
//!
//! [article."/home/reader/articles/harbour.txt"]
//! read = "2026-11-23T16:58:11.123456789Z"
//! position = 1234
//!
//! [article."/home/reader/articles/tides.md"]
//! unread = "2026-11-24T09:00:00Z"
//! ```
//!
//! `unread`, when an article read was marked unread, is a key a folio that does not know
//! it keeps as it is, so the version stays 1.
//!
//! Kept with the care of [`crate::careful_file`]: written safely with the previous file
//! kept as `reading.toml.bak`, writers taking turns on `reading.lock`, each write
//! re-reading the file under the lock.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use serde::{Deserialize, Serialize};
use toml::de::{DeTable, DeValue, ValueDeserializer};
use toml::{Spanned, Table, Value};

use super::{Entry, Reading};
use crate::careful_file::{CarefulFile, Contents, FileError, Kind, Source};

/// The `version` this folio writes; a file with a higher one is left alone.
pub const VERSION: i64 = 1;

/// The reading state file's name in the data folder.
pub const FILE_NAME: &str = "reading.toml";

/// The reading state file, for its messages and its lock.
pub static KIND: Kind = Kind {
    name: "reading state",
    held: "reading state is",
    lock: "reading.lock",
    version: VERSION,
};

/// The top-level table of the articles' tables.
const ARTICLES: &str = "article";

/// The reading state file at a path, with its lock and backup beside it.
pub type ReadingFile = CarefulFile<Reading>;

impl ReadingFile {
    /// `reading.toml` in folio's data folder.
    pub fn in_folder(data: &Path) -> ReadingFile {
        CarefulFile::new(data.join(FILE_NAME))
    }
}

impl Contents for Reading {
    const KIND: &'static Kind = &KIND;

    fn parse(text: &str, path: &Path) -> Result<Reading, FileError> {
        Reading::parse(text, path)
    }

    fn to_toml(&self) -> String {
        Reading::to_toml(self)
    }

    fn merge(&mut self, other: Reading) {
        Reading::merge(self, other);
    }
}

impl Reading {
    /// Parses the text of a reading state file; `path` is for messages.
    pub fn parse(text: &str, path: &Path) -> Result<Reading, FileError> {
        let source = Source {
            kind: &KIND,
            path,
            text,
        };
        let document = DeTable::parse(text).map_err(|e| source.toml_error(&e))?;
        let mut reading = Reading::default();
        let mut articles = None;
        for (key, value) in document.into_inner() {
            match key.get_ref().as_ref() {
                "version" => {
                    let whole = match value.get_ref() {
                        DeValue::Integer(n) => i64::from_str_radix(n.as_str(), n.radix()).ok(),
                        _ => None,
                    };
                    source.check_version(whole, value.span())?;
                }
                ARTICLES => articles = Some(value),
                _ => {
                    let name = key.into_inner().into_owned();
                    reading.extra.insert(name, to_value(&source, value)?);
                }
            }
        }
        let Some(articles) = articles else {
            return Ok(reading);
        };
        let span = articles.span();
        let DeValue::Table(articles) = articles.into_inner() else {
            return Err(source.error(
                Some(span),
                "`article` must be tables, one `[article.\"PATH\"]` for each article",
            ));
        };
        for (path, entry) in articles {
            let entry = parse_entry(&source, entry)?;
            reading
                .articles
                .insert(path.into_inner().into_owned(), entry);
        }
        Ok(reading)
    }

    /// The file's text: `version`, any unknown keys, then one `[article."PATH"]` table
    /// for each article, sorted by path, its keys `read`, `unread`, `position`, then any unknown
    /// ones.
    pub fn to_toml(&self) -> String {
        let document = DocumentOut {
            version: VERSION,
            extra: &self.extra,
            article: self
                .articles
                .iter()
                .map(|(path, entry)| (path.as_str(), EntryOut::from(entry)))
                .collect(),
        };
        toml::to_string(&document).expect("reading state always serialises as TOML")
    }
}

/// One article's table.
fn parse_entry(source: &Source<'_>, entry: Spanned<DeValue<'_>>) -> Result<Entry, FileError> {
    let span = entry.span();
    let DeValue::Table(table) = entry.into_inner() else {
        return Err(source.error(
            Some(span),
            "an article's state must be a table: `[article.\"PATH\"]` with `read` and `position`",
        ));
    };
    let mut entry = Entry::default();
    for (key, value) in table {
        let span = value.span();
        match key.get_ref().as_ref() {
            "read" => entry.read = Some(parse_time(source, "read", value.get_ref(), span)?),
            "unread" => entry.unread = Some(parse_time(source, "unread", value.get_ref(), span)?),
            "position" => {
                let position = match value.get_ref() {
                    DeValue::Integer(n) => u64::from_str_radix(n.as_str(), n.radix()).ok(),
                    _ => None,
                };
                let Some(position) = position else {
                    return Err(source.error(
                        Some(span),
                        "`position` must be a whole number of characters, 0 or more",
                    ));
                };
                entry.position = Some(usize::try_from(position).unwrap_or(usize::MAX));
            }
            _ => {
                let name = key.into_inner().into_owned();
                entry.extra.insert(name, to_value(source, value)?);
            }
        }
    }
    Ok(entry)
}

/// `read` or `unread` (`key`): an RFC 3339 time, as a string or a TOML date-time with an
/// offset.
fn parse_time(
    source: &Source<'_>,
    key: &str,
    value: &DeValue<'_>,
    span: Range<usize>,
) -> Result<jiff::Timestamp, FileError> {
    let text = match value {
        DeValue::String(text) => text.to_string(),
        DeValue::Datetime(time) => time.to_string(),
        _ => {
            return Err(source.error(
                Some(span),
                &format!("`{key}` must be an RFC 3339 time, like \"2026-11-23T16:58:11Z\""),
            ));
        }
    };
    text.parse()
        .map_err(|e| source.error(Some(span), &format!("`{key}` is not an RFC 3339 time: {e}")))
}

/// A value this folio does not read, to keep as it is.
fn to_value(source: &Source<'_>, value: Spanned<DeValue<'_>>) -> Result<Value, FileError> {
    Value::deserialize(ValueDeserializer::from(value)).map_err(|e| source.toml_error(&e))
}

/// The file as written.
#[derive(Serialize)]
struct DocumentOut<'a> {
    version: i64,
    #[serde(flatten)]
    extra: &'a Table,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    article: BTreeMap<&'a str, EntryOut<'a>>,
}

/// One article as written.
#[derive(Serialize)]
struct EntryOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    read: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unread: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    position: Option<u64>,
    #[serde(flatten)]
    extra: &'a Table,
}

impl<'a> From<&'a Entry> for EntryOut<'a> {
    fn from(entry: &'a Entry) -> Self {
        EntryOut {
            read: entry.read.map(|t| t.to_string()),
            unread: entry.unread.map(|t| t.to_string()),
            position: entry.position.map(|p| p as u64),
            extra: &entry.extra,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::path::PathBuf;

    fn path() -> &'static Path {
        Path::new("/data/reading.toml")
    }

    fn at(text: &str) -> jiff::Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn writes_a_version_and_sorted_tables_and_reads_back_what_it_wrote() {
        let mut reading = Reading::default();
        reading.mark_read(Path::new("/s/b.txt"), at("2026-11-23T16:58:11.5Z"));
        reading.set_position(Path::new("/s/b.txt"), 1234);
        reading.set_position(Path::new("/s/a.txt"), 0);
        reading.mark_read(Path::new("sample:c.md"), at("2026-01-02T03:04:05Z"));
        let text = reading.to_toml();
        assert_eq!(
            text,
            "version = 1\n\n\
             [article.\"/s/a.txt\"]\nposition = 0\n\n\
             [article.\"/s/b.txt\"]\nread = \"2026-11-23T16:58:11.5Z\"\nposition = 1234\n\n\
             [article.\"sample:c.md\"]\nread = \"2026-01-02T03:04:05Z\"\n"
        );
        assert_eq!(Reading::parse(&text, path()).unwrap(), reading);
        assert_eq!(Reading::default().to_toml(), "version = 1\n");
    }

    #[test]
    fn unknown_keys_are_kept() {
        let text = "version = 1\ncolour = \"blue\"\n[shelf]\nname = \"x\"\n\n\
            [article.\"/a.txt\"]\nread = 2026-01-02T03:04:05Z\nstars = 4\n\
            tags = [\"a\", \"b\"]\nmeta = { at = 1979-05-27T07:32:00Z }\n";
        let reading = Reading::parse(text, path()).unwrap();
        assert_eq!(
            reading.read_at(Path::new("/a.txt")),
            Some(at("2026-01-02T03:04:05Z"))
        );
        let again = Reading::parse(&reading.to_toml(), path()).unwrap();
        assert_eq!(again, reading);
        assert_eq!(again.extra["colour"].as_str(), Some("blue"));
        assert_eq!(again.extra["shelf"]["name"].as_str(), Some("x"));
        let entry = &again.articles["/a.txt"];
        assert_eq!(entry.extra["stars"].as_integer(), Some(4));
        assert_eq!(entry.extra["tags"].as_array().map(Vec::len), Some(2));
        assert!(entry.extra["meta"]["at"].as_datetime().is_some());
    }

    #[test]
    fn a_newer_version_is_refused() {
        let error =
            Reading::parse("version = 2\n[article.\"/a\"]\nfuture = 1\n", path()).unwrap_err();
        assert!(
            matches!(error, FileError::Newer { version: 2, .. }),
            "{error}"
        );
        let message = error.to_string();
        assert!(
            message.starts_with("reading state file /data/reading.toml is version 2"),
            "{message}"
        );
        assert!(message.contains("newer folio"), "{message}");
    }

    #[test]
    fn parse_errors_name_the_file_line_and_column() {
        let cases = [
            ("version = 1\n[article.\"/a\"]\nread = \"2026\n", 3, 13),
            (
                "version = 1\n\n[article.\"/a\"]\nread = \"yesterday\"\n",
                4,
                8,
            ),
            ("[article.\"/a\"]\nposition = -3\n", 2, 12),
            ("[article.\"/a\"]\nposition = \"top\"\n", 2, 12),
            ("version = \"one\"\n", 1, 11),
            ("version = 1\narticle = 3\n", 2, 11),
            ("version = 1\n[article]\n\"/a\" = 5\n", 3, 8),
            ("[article.\"/a\"]\nread = 1\n", 2, 8),
        ];
        for (text, line, column) in cases {
            let error = Reading::parse(text, path()).unwrap_err();
            let FileError::Parse {
                line: got_line,
                column: got_column,
                ..
            } = &error
            else {
                panic!("{error}");
            };
            assert_eq!((*got_line, *got_column), (line, column), "{text}: {error}");
            let message = error.to_string();
            assert!(
                message.starts_with("reading state file /data/reading.toml, line "),
                "{message}"
            );
            assert!(message.contains("folio will not overwrite it"), "{message}");
        }
    }

    #[test]
    fn hostile_paths_round_trip_through_the_file_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let file = ReadingFile::in_folder(dir.path());
        let strange = [
            "/s/\"\"\" closes a multi-line string.txt",
            "/s/''' and \\ and \\\".md",
            "/s/\u{202e}txt.exe\u{202c}.txt",
            "/s/🦀 👩‍👩‍👧 🇳🇴 e\u{301}.md",
            "/s/with  spaces / and ] [brackets].txt",
            "/s/tab\tnewline\nCR\r.txt",
            "/s/esc \u{1b}[2J del \u{7f}.txt",
            "sample:2024/notes.md",
            "",
        ];
        let time = at("2026-11-23T16:58:11.123456789Z");
        file.update(|reading| {
            for (i, path) in strange.iter().enumerate() {
                reading.mark_read(Path::new(path), time);
                reading.set_position(Path::new(path), i * 1000);
            }
        })
        .unwrap();
        let reading = file.read().unwrap();
        assert_eq!(reading.len(), strange.len());
        for (i, path) in strange.iter().enumerate() {
            let path = Path::new(path);
            assert_eq!(reading.read_at(path), Some(time), "{path:?}");
            assert_eq!(reading.position(path), Some(i * 1000), "{path:?}");
        }
        let mut sorted: Vec<&str> = strange.to_vec();
        sorted.sort_unstable();
        let listed: Vec<PathBuf> = reading.read_paths().collect();
        let sorted: Vec<PathBuf> = sorted.into_iter().map(PathBuf::from).collect();
        assert_eq!(listed, sorted, "sorted by path");
    }

    #[test]
    fn writes_keep_a_backup_and_a_bad_file_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let file = ReadingFile::in_folder(&dir.path().join("data"));
        let a = Path::new("/s/a.txt");
        file.update(|r| r.mark_read(a, at("2026-01-01T00:00:00Z")))
            .unwrap();
        assert!(!file.backup_path().exists());
        let first = fs::read(&file.path).unwrap();
        file.update(|r| r.set_position(a, 7)).unwrap();
        assert_eq!(fs::read(file.backup_path()).unwrap(), first);
        assert_eq!(file.lock_path(), dir.path().join("data/reading.lock"));
        for garbage in [
            &b"version = 1\n[article.\"/s/a.txt\"]\nread = \"soon\"\n"[..],
            b"version = 1\n[article.\"/s/a.txt\"\n",
            b"version = 1\n\xff\xfe\n",
            b"version = 9\n",
        ] {
            fs::write(&file.path, garbage).unwrap();
            assert!(file.read().is_err());
            let error = file.update(|r| r.mark_unread(a)).unwrap_err();
            assert!(
                matches!(error, FileError::Parse { .. } | FileError::Newer { .. }),
                "{error}"
            );
            assert_eq!(fs::read(&file.path).unwrap(), garbage, "left byte for byte");
        }
        let leftovers = crate::careful_file::temporary_files(&dir.path().join("data"));
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }

    #[test]
    fn writers_in_parallel_keep_every_change() {
        let dir = tempfile::tempdir().unwrap();
        let file = ReadingFile::in_folder(dir.path());
        let time = at("2026-11-23T12:00:00Z");
        std::thread::scope(|scope| {
            for writer in ["a", "b"] {
                let file = file.clone();
                scope.spawn(move || {
                    for n in 0..50 {
                        let path = PathBuf::from(format!("/s/{writer}/{n}.txt"));
                        file.update(|r| r.mark_read(&path, time)).unwrap();
                    }
                });
            }
        });
        let reading = file.read().unwrap();
        assert_eq!(reading.read_paths().count(), 100);
        for writer in ["a", "b"] {
            for n in 0..50 {
                assert!(reading.is_read(Path::new(&format!("/s/{writer}/{n}.txt"))));
            }
        }
    }
}
