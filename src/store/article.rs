//! What the store knows about one article: its metadata and, when loaded, its body.

use std::path::PathBuf;

use jiff::civil::Date;
use serde::Serialize;

/// Where an article's date was found, from most to least trustworthy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DateFrom {
    /// A header block or front matter field.
    Metadata,
    /// The file name, the folders, or a `path`/`slug` field.
    Path,
    /// The text itself: a `date …` first line, a byline or a dateline.
    Text,
    /// The file's modification time: an estimate, shown as such.
    Modified,
}

impl DateFrom {
    pub fn as_str(self) -> &'static str {
        match self {
            DateFrom::Metadata => "metadata",
            DateFrom::Path => "path",
            DateFrom::Text => "text",
            DateFrom::Modified => "modified",
        }
    }

    /// True when the date is a guess from the file's mtime.
    pub fn is_estimate(self) -> bool {
        self == DateFrom::Modified
    }
}

/// How the body is written.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Text,
    Markdown,
    /// A saved web page: the article Readability finds in it, shown as Markdown.
    Html,
}

impl Format {
    /// The format of a number [`Format`] was stored as (`format as u8`); text for any
    /// other number.
    pub fn from_number(number: u64) -> Format {
        match number {
            n if n == Format::Markdown as u64 => Format::Markdown,
            n if n == Format::Html as u64 => Format::Html,
            _ => Format::Text,
        }
    }
}

/// One article's metadata: everything the list, the filter and `folio list` need.
///
/// Every text field is sanitised: no escape sequences, no control characters.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Where to read the article from (a real path, or the sample library's name for it).
    pub location: Location,
    /// Path relative to the store root it was found under, `/`-separated, sanitised.
    pub rel_path: String,
    pub title: String,
    pub date: Option<Date>,
    pub date_from: Option<DateFrom>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub tags: Vec<String>,
    /// The front matter's description or summary. Boxed, as is `url`: neither grows once
    /// read, and eight bytes fewer each keep a [`Document`] small enough to move about.
    pub description: Option<Box<str>>,
    /// Where the article was published (`http://` or `https://`, as written), from a
    /// `URL:` header or a `url`, `canonical` or `link` front matter key.
    pub url: Option<Box<str>>,
    pub words: usize,
    pub format: Format,
    /// File size in bytes and modification time (seconds since the epoch), for change checks.
    pub size: u64,
    pub mtime: i64,
}

impl Article {
    /// An article known only by where it was and its title (a bookmark's article that
    /// is not in the store): no date, no source, no words.
    pub fn named(location: Location, title: String) -> Article {
        Article {
            rel_path: String::new(),
            title,
            date: None,
            date_from: None,
            source: None,
            author: None,
            tags: Vec::new(),
            description: None,
            url: None,
            words: 0,
            format: Format::default(),
            size: 0,
            mtime: 0,
            location,
        }
    }
}

/// Where an article's bytes live.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Location {
    File(PathBuf),
    /// A file of the bundled sample library, by its path inside the library.
    Sample(&'static str),
}

impl Location {
    /// A human-readable name for messages (sanitised by the caller when shown).
    pub fn display(&self) -> String {
        match self {
            Location::File(path) => path.display().to_string(),
            Location::Sample(name) => format!("(sample library)/{name}"),
        }
    }

    /// The path folio's own files (bookmarks, reading state) keep for the article: the
    /// file's path, or `sample:NAME` for an article of the bundled sample library.
    pub fn to_path(&self) -> PathBuf {
        match self {
            Location::File(path) => path.clone(),
            Location::Sample(name) => PathBuf::from(format!("{SAMPLE_PREFIX}{name}")),
        }
    }

    /// The location a path from [`Location::to_path`] names.
    pub fn from_path(path: &std::path::Path) -> Location {
        let sample = path
            .to_str()
            .and_then(|p| p.strip_prefix(SAMPLE_PREFIX))
            .and_then(super::sample::name);
        match sample {
            Some(name) => Location::Sample(name),
            None => Location::File(path.to_path_buf()),
        }
    }
}

/// How folio's own files name an article of the bundled sample library.
pub const SAMPLE_PREFIX: &str = "sample:";

/// An article with its body, as the reader shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub article: Article,
    pub body: Body,
}

/// What separates paragraphs in [`Body::text`].
pub const PARAGRAPH_GAP: &str = "\n\n";

/// The body of an article, sanitised.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// Plain text as paragraphs, hard-wrapped lines joined back together.
    Paragraphs(Vec<String>),
    /// Markdown source, kept as Markdown for the reader to style.
    Markdown(String),
}

impl Body {
    /// The body as plain text, paragraphs separated by blank lines.
    pub fn text(&self) -> String {
        match self {
            Body::Paragraphs(paragraphs) => paragraphs.join(PARAGRAPH_GAP),
            Body::Markdown(source) => source.clone(),
        }
    }
}
