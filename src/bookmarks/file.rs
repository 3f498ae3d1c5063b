//! `bookmarks.toml`: the bookmarks as the file holds them (every key kept, newer
//! versions refused), kept with the care of [`crate::careful_file`]: written safely with
//! the previous file kept as `bookmarks.toml.bak`, writers taking turns on
//! `bookmarks.lock`, each write re-reading the file under the lock.
//!
//! Besides `[[bookmark]]` tables, the file keeps `[[deleted]]` tables (`id`, `at`): the
//! bookmarks deleted, so that a copy of the file from another machine does not bring
//! them back (see [`super::merge`]); and a bookmark's `note_changed`, when its note last
//! changed. Both are keys a folio that does not know them keeps as they are, so the
//! version stays 1.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::{Table, Value};

use super::Bookmark;
use super::anchor::Selector;
pub use crate::careful_file::FileError;
use crate::careful_file::{CarefulFile, Contents, Kind, Source, hex_of_path, path_of_hex};

/// The `version` this folio writes; a file with a higher one is left alone.
pub const VERSION: i64 = 1;

/// The bookmarks file's name in the data folder.
pub const FILE_NAME: &str = "bookmarks.toml";

/// The bookmarks file, for its messages and its lock.
pub static KIND: Kind = Kind {
    name: "bookmarks",
    held: "bookmarks are",
    lock: "bookmarks.lock",
    version: VERSION,
};

/// Every bookmark, in the file's order, with whatever else the file holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Bookmarks {
    pub list: Vec<Bookmark>,
    /// The ids of deleted bookmarks, with when each was deleted.
    pub deleted: BTreeMap<String, jiff::Timestamp>,
    /// Top-level keys this folio does not know, written back unchanged.
    pub extra: Table,
}

/// The file's `version`, read before anything else, with its position.
#[derive(Deserialize)]
struct VersionShape {
    version: Option<toml::Spanned<Value>>,
}

/// The bookmarks as the file holds them, read with their positions.
#[derive(Deserialize)]
struct Shape {
    #[serde(default)]
    bookmark: Vec<BookmarkShape>,
    #[serde(default)]
    deleted: Vec<DeletedShape>,
}

/// A deleted bookmark: its id, and when it was deleted.
#[derive(Deserialize)]
struct DeletedShape {
    id: String,
    at: toml::Spanned<String>,
}

#[derive(Deserialize)]
struct BookmarkShape {
    id: String,
    path: String,
    /// The path's bytes in hex, for a path that is not UTF-8 (`path` then shows it
    /// with U+FFFD for the bytes that are not).
    path_bytes: Option<toml::Spanned<String>>,
    #[serde(default)]
    title: String,
    created: toml::Spanned<String>,
    quote: String,
    #[serde(default)]
    prefix: String,
    #[serde(default)]
    suffix: String,
    #[serde(default)]
    offset: u64,
    note: Option<String>,
    note_changed: Option<toml::Spanned<String>>,
}

/// The keys of a bookmark this folio reads; any others are kept as they are.
const KNOWN: [&str; 11] = [
    "id",
    "path",
    "path_bytes",
    "title",
    "created",
    "quote",
    "prefix",
    "suffix",
    "offset",
    "note",
    "note_changed",
];

/// An RFC 3339 time of the file, or an error naming the key and where it is.
fn parse_time(
    source: &Source<'_>,
    key: &str,
    time: &toml::Spanned<String>,
) -> Result<jiff::Timestamp, FileError> {
    time.get_ref().parse::<jiff::Timestamp>().map_err(|e| {
        source.error(
            Some(time.span()),
            &format!("`{key}` is not an RFC 3339 time: {e}"),
        )
    })
}

impl Bookmarks {
    /// Parses the text of a bookmarks file; `path` is for messages.
    pub fn parse(text: &str, path: &Path) -> Result<Bookmarks, FileError> {
        let source = Source {
            kind: &KIND,
            path,
            text,
        };
        let parse_error = |span, message: &str| source.error(span, message);
        let mut table: Table = toml::from_str(text).map_err(|e| source.toml_error(&e))?;
        let version: VersionShape = toml::from_str(text).map_err(|e| source.toml_error(&e))?;
        if let Some(version) = version.version {
            let whole = match version.get_ref() {
                Value::Integer(v) => Some(*v),
                _ => None,
            };
            source.check_version(whole, version.span())?;
        }
        let shape: Shape = toml::from_str(text).map_err(|e| source.toml_error(&e))?;
        table.remove("version");
        table.remove("deleted");
        let mut deleted = BTreeMap::new();
        for gone in &shape.deleted {
            let at = parse_time(&source, "at", &gone.at)?;
            let kept = deleted.entry(gone.id.clone()).or_insert(at);
            *kept = (*kept).max(at);
        }
        let tables = match table.remove("bookmark") {
            Some(Value::Array(items)) => items,
            _ => Vec::new(),
        };
        let mut list = Vec::with_capacity(shape.bookmark.len());
        for (shape, table) in shape.bookmark.into_iter().zip(tables) {
            let created = parse_time(&source, "created", &shape.created)?;
            let note_changed = match &shape.note_changed {
                Some(time) => Some(parse_time(&source, "note_changed", time)?),
                None => None,
            };
            let mut extra = match table {
                Value::Table(table) => table,
                _ => Table::new(),
            };
            for key in KNOWN {
                extra.remove(key);
            }
            let path = match &shape.path_bytes {
                Some(hex) => path_of_hex(hex.get_ref()).ok_or_else(|| {
                    parse_error(
                        Some(hex.span()),
                        "`path_bytes` is not a path in hex (two hex digits a byte)",
                    )
                })?,
                None => PathBuf::from(shape.path),
            };
            list.push(Bookmark {
                id: shape.id,
                path,
                title: shape.title,
                created,
                selector: Selector {
                    exact: shape.quote,
                    prefix: shape.prefix,
                    suffix: shape.suffix,
                    offset: usize::try_from(shape.offset).unwrap_or(usize::MAX),
                },
                note: shape.note,
                note_changed,
                extra,
            });
        }
        Ok(Bookmarks {
            list,
            deleted,
            extra: table,
        })
    }

    /// The file's text: `version`, any unknown keys, then one `[[bookmark]]` table each,
    /// its keys in a fixed order: id, path, title, created, quote, note and when it
    /// changed, the context and offset, then any unknown ones; then one `[[deleted]]`
    /// table for each deleted bookmark, by id.
    pub fn to_toml(&self) -> String {
        let document = DocumentOut {
            version: VERSION,
            extra: &self.extra,
            bookmark: self.list.iter().map(BookmarkOut::from).collect(),
            deleted: self
                .deleted
                .iter()
                .map(|(id, at)| DeletedOut {
                    id,
                    at: at.to_string(),
                })
                .collect(),
        };
        toml::to_string(&document).expect("bookmarks always serialise as TOML")
    }
}

/// The file as written.
#[derive(Serialize)]
struct DocumentOut<'a> {
    version: i64,
    #[serde(flatten)]
    extra: &'a Table,
    bookmark: Vec<BookmarkOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    deleted: Vec<DeletedOut<'a>>,
}

/// A deleted bookmark as written.
#[derive(Serialize)]
struct DeletedOut<'a> {
    id: &'a str,
    at: String,
}

/// One bookmark as written.
#[derive(Serialize)]
struct BookmarkOut<'a> {
    id: &'a str,
    path: std::borrow::Cow<'a, str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    path_bytes: Option<String>,
    title: &'a str,
    created: String,
    quote: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note_changed: Option<String>,
    prefix: &'a str,
    suffix: &'a str,
    offset: u64,
    #[serde(flatten)]
    extra: &'a Table,
}

impl<'a> From<&'a Bookmark> for BookmarkOut<'a> {
    fn from(b: &'a Bookmark) -> Self {
        BookmarkOut {
            id: &b.id,
            path: b.path.to_string_lossy(),
            path_bytes: b.path.to_str().is_none().then(|| hex_of_path(&b.path)),
            title: &b.title,
            created: b.created.to_string(),
            quote: &b.selector.exact,
            note: b.note.as_deref(),
            note_changed: b.note_changed.map(|t| t.to_string()),
            prefix: &b.selector.prefix,
            suffix: &b.selector.suffix,
            offset: b.selector.offset as u64,
            extra: &b.extra,
        }
    }
}

impl Contents for Bookmarks {
    const KIND: &'static Kind = &KIND;

    fn parse(text: &str, path: &Path) -> Result<Bookmarks, FileError> {
        Bookmarks::parse(text, path)
    }

    fn to_toml(&self) -> String {
        Bookmarks::to_toml(self)
    }

    fn merge(&mut self, other: Bookmarks) {
        Bookmarks::merge(self, other);
    }
}

/// The bookmarks file at a path, with its lock and backup beside it.
pub type BookmarkFile = CarefulFile<Bookmarks>;

impl BookmarkFile {
    /// `bookmarks.toml` in folio's data folder.
    pub fn in_folder(data: &Path) -> BookmarkFile {
        CarefulFile::new(data.join(FILE_NAME))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::fs;

    fn bookmark(quote: &str, note: Option<&str>) -> Bookmark {
        Bookmark {
            id: "1764000000000000000-0000abcd".into(),
            path: PathBuf::from("/home/reader/articles/harbour.txt"),
            title: "The Harbour Wall".into(),
            created: "2026-11-23T16:58:11.123456789Z".parse().unwrap(),
            selector: Selector {
                exact: quote.into(),
                prefix: "built in 1820. ".into(),
                suffix: " Storms".into(),
                offset: 42,
            },
            note: note.map(str::to_owned),
            note_changed: None,
            extra: Table::new(),
        }
    }

    fn path() -> &'static Path {
        Path::new("/data/bookmarks.toml")
    }

    #[test]
    fn a_path_that_is_not_utf8_round_trips_in_hex() {
        use std::os::unix::ffi::OsStrExt;
        let mut odd = bookmark("a quote", None);
        odd.path = PathBuf::from(std::ffi::OsStr::from_bytes(b"/articles/caf\xe9.txt"));
        let bookmarks = Bookmarks {
            list: vec![odd, bookmark("b", None)],
            ..Bookmarks::default()
        };
        let text = bookmarks.to_toml();
        assert!(
            text.contains("path = \"/articles/caf\u{fffd}.txt\""),
            "{text}"
        );
        assert!(
            text.contains("path_bytes = \"2f61727469636c65732f636166e92e747874\""),
            "{text}"
        );
        assert_eq!(
            text.matches("path_bytes").count(),
            1,
            "only where it is needed"
        );
        assert_eq!(Bookmarks::parse(&text, path()).unwrap(), bookmarks);

        let bad = text.replace("2f61727469636c65732f636166e92e747874", "2f6g");
        let error = Bookmarks::parse(&bad, path()).unwrap_err().to_string();
        assert!(error.contains("path_bytes"), "{error}");
    }

    #[test]
    fn writes_a_version_and_reads_back_what_it_wrote() {
        let bookmarks = Bookmarks {
            list: vec![bookmark("a quote", Some("a note")), bookmark("b", None)],
            ..Bookmarks::default()
        };
        let text = bookmarks.to_toml();
        assert!(text.starts_with("version = 1\n"), "{text}");
        assert!(text.contains("[[bookmark]]"), "{text}");
        assert_eq!(Bookmarks::parse(&text, path()).unwrap(), bookmarks);
        assert_eq!(
            bookmarks.to_toml(),
            text,
            "the same bookmarks, the same text"
        );
    }

    #[test]
    fn unknown_keys_are_kept() {
        let text = "version = 1\ncolour = \"blue\"\n[shelf]\nname = \"x\"\n\n\
            [[bookmark]]\nid = \"1\"\npath = \"/a.txt\"\ncreated = \"2026-01-02T03:04:05Z\"\n\
            quote = \"q\"\nhighlight = \"yellow\"\ntags = [\"a\", \"b\"]\n\
            meta = { colour = \"red\", at = 1979-05-27T07:32:00Z }\nzeta = 1.5\n";
        let bookmarks = Bookmarks::parse(text, path()).unwrap();
        assert_eq!(
            bookmarks.list[0].extra["highlight"].as_str(),
            Some("yellow")
        );
        let again = Bookmarks::parse(&bookmarks.to_toml(), path()).unwrap();
        assert_eq!(again, bookmarks);
        assert_eq!(again.extra["colour"].as_str(), Some("blue"));
        assert_eq!(again.extra["shelf"]["name"].as_str(), Some("x"));
        assert_eq!(
            again.list[0].extra["tags"].as_array().map(Vec::len),
            Some(2)
        );
    }

    #[test]
    fn a_newer_version_is_refused() {
        let error =
            Bookmarks::parse("version = 2\n[[bookmark]]\nfuture = 1\n", path()).unwrap_err();
        assert!(
            matches!(error, FileError::Newer { version: 2, .. }),
            "{error}"
        );
        assert!(error.to_string().contains("newer folio"), "{error}");
    }

    #[test]
    fn parse_errors_name_the_file_line_and_column() {
        let cases = [
            ("version = 1\n[[bookmark]]\nid = \"1\nquote = \"x\"\n", 3),
            ("version = 1\n\n[[bookmark]]\nid = 7\n", 4),
            ("version = \"one\"\n", 1),
            (
                "[[bookmark]]\nid = \"1\"\npath = \"/a\"\nquote = \"q\"\ncreated = \"yesterday\"\n",
                5,
            ),
        ];
        for (text, line) in cases {
            let error = Bookmarks::parse(text, path()).unwrap_err();
            let FileError::Parse { line: got, .. } = &error else {
                panic!("{error}");
            };
            assert_eq!(*got, line, "{text}: {error}");
            let message = error.to_string();
            assert!(
                message.starts_with("bookmarks file /data/bookmarks.toml, line "),
                "{message}"
            );
            assert!(message.contains("folio will not overwrite it"), "{message}");
        }
    }

    #[test]
    fn writes_keep_a_backup_and_a_bad_file_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let file = BookmarkFile::in_folder(&dir.path().join("data"));
        file.update(|b| b.list.push(bookmark("one", None))).unwrap();
        assert!(!file.backup_path().exists());
        let first = fs::read(&file.path).unwrap();
        file.update(|b| b.list.push(bookmark("two", None))).unwrap();
        assert_eq!(fs::read(file.backup_path()).unwrap(), first);
        assert_eq!(file.read().unwrap().list.len(), 2);
        let garbage = b"version = 1\n[[bookmark]\n\xff";
        fs::write(&file.path, garbage).unwrap();
        assert!(file.update(|b| b.list.clear()).is_err());
        assert_eq!(fs::read(&file.path).unwrap(), garbage);
        let leftovers = crate::careful_file::temporary_files(&dir.path().join("data"));
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }

    #[test]
    fn hostile_text_round_trips_through_the_file_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let file = BookmarkFile::in_folder(dir.path());
        let strange = [
            "\"\"\" closes a multi-line string",
            "''' and \\ and \\\"",
            "NUL \0 BEL \u{7} ESC \u{1b}[2J DEL \u{7f} CSI \u{9b}",
            "\u{202e}reversed\u{202c} and \u{feff}BOM",
            "🦀 👩‍👩‍👧 🇳🇴 e\u{301}",
            "\r\n\n\t trailing newline\n",
            "",
        ];
        let list: Vec<Bookmark> = strange
            .iter()
            .map(|text| {
                let mut b = bookmark(text, Some(text));
                b.selector.prefix = text.to_string();
                b.title = text.to_string();
                b
            })
            .collect();
        file.update(|b| b.list = list.clone()).unwrap();
        assert_eq!(file.read().unwrap().list, list);
    }

    #[test]
    fn conflict_copies_are_merged_then_removed_and_a_bad_one_is_left_and_named() {
        let dir = tempfile::tempdir().unwrap();
        let file = BookmarkFile::in_folder(dir.path());
        let mut one = bookmark("one", None);
        one.id = "1".into();
        file.update(|b| b.add(one.clone())).unwrap();
        let mut theirs = Bookmarks::default();
        let mut two = bookmark("two", None);
        two.id = "2".into();
        theirs.add(two);
        theirs.delete("1", "2026-12-04T10:00:00Z".parse().unwrap());
        let syncthing = dir
            .path()
            .join("bookmarks.sync-conflict-20261204-101500-DEVICEB.toml");
        let dropbox = dir
            .path()
            .join("bookmarks (Ana's conflicted copy 2026-12-04).toml");
        let garbage = dir
            .path()
            .join("bookmarks (conflicted copy 2026-12-04 101500).toml");
        fs::write(&syncthing, theirs.to_toml()).unwrap();
        let mut three = bookmark("three", None);
        three.id = "3".into();
        fs::write(
            &dropbox,
            Bookmarks {
                list: vec![one, three],
                ..Bookmarks::default()
            }
            .to_toml(),
        )
        .unwrap();
        fs::write(&garbage, "version = 1\n[[bookmark]\n").unwrap();

        let read = file.read().unwrap();
        let ids: Vec<&str> = read.list.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(ids, ["2", "3"], "merged: 1 deleted, 2 and 3 added");
        assert_eq!(file.read().unwrap(), read, "written as merged");
        assert!(!syncthing.exists() && !dropbox.exists(), "merged copies go");
        assert_eq!(
            fs::read_to_string(&garbage).unwrap(),
            "version = 1\n[[bookmark]\n",
            "a copy that does not parse is left as it is"
        );
        let notices = crate::careful_file::take_notices();
        assert!(
            notices
                .iter()
                .any(|n| n.contains(&*garbage.to_string_lossy())
                    && n.contains("cannot be merged (line 2, column")
                    && n.contains("left in place")),
            "{notices:?}"
        );
    }

    proptest! {
        #[test]
        fn any_quote_and_note_round_trip(
            quote in prop_oneof![
                any::<String>(),
                Just("\"\"\" ''' \\ \0 \u{202e}evil 🦀👩‍👩‍👧 \r\n\t".to_owned()),
                "[\"'\\\\\u{0}-\u{1f}\u{7f}\u{202e}\u{feff}🦀 a\n\r]{0,40}",
            ],
            note in proptest::option::of(any::<String>()),
            prefix in any::<String>(),
            offset in any::<u32>(),
        ) {
            let mut b = bookmark(&quote, note.as_deref());
            b.selector.prefix = prefix;
            b.selector.offset = offset as usize;
            let bookmarks = Bookmarks { list: vec![b], ..Bookmarks::default() };
            let text = bookmarks.to_toml();
            prop_assert_eq!(Bookmarks::parse(&text, path()).unwrap(), bookmarks);
        }
    }
}
