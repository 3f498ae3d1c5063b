//! File I/O for the store: reading one file safely, and turning bytes into an article.

use std::ffi::{CStr, CString, OsStr};
use std::fs::{File, Metadata, OpenOptions};
use std::io::Read;
use std::os::fd::BorrowedFd;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;
use std::sync::OnceLock;

use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::article::{Article, Body, DateFrom, Format, Location};
use super::decode::{NotText, decode};
use super::fields::{Fields, Value};
use super::html;
use super::kinds::Kinds;
use super::parse::{parse, parse_page};
use super::problem::Reason;
use crate::sanitize::sanitize;

/// The format a file name (or path) promises under the default endings (see
/// [`Kinds`](super::kinds::Kinds) for a store's own), or `None` when it is not an
/// article's name.
pub fn format_for(name: impl AsRef<[u8]>) -> Option<Format> {
    static DEFAULT: OnceLock<Kinds> = OnceLock::new();
    DEFAULT.get_or_init(Kinds::default).format_for(name)
}

/// A file's bytes with its size and modification time.
pub struct FileBytes<'a> {
    pub bytes: &'a [u8],
    pub size: u64,
    /// Seconds since the epoch; `None` where there is no file (the sample library).
    pub mtime: Option<i64>,
}

/// Reads a regular file of at most `cap` bytes into `buffer`, without blocking on FIFOs
/// or devices. A scan passes the same buffer for every file, so reading allocates nothing.
pub fn read_file<'b>(
    path: &Path,
    cap: u64,
    buffer: &'b mut Vec<u8>,
) -> Result<FileBytes<'b>, Reason> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(|e| open_failure(path, &e))?;
    read_opened(file, cap, buffer)
}

/// The same as [`read_file`], opening the file by its `name` in `folder`, a folder the
/// caller keeps open (`openat`): the system then looks up one name rather than every
/// folder of the path. `path` names the file in messages.
pub fn read_file_at<'b>(
    folder: BorrowedFd<'_>,
    name: &OsStr,
    path: &Path,
    cap: u64,
    buffer: &'b mut Vec<u8>,
) -> Result<FileBytes<'b>, Reason> {
    let file = open_at(folder, name).map_err(|e| open_failure(path, &e))?;
    read_opened(file, cap, buffer)
}

/// Opens `name` in `folder` for reading, as [`read_file`] opens a path.
fn open_at(folder: BorrowedFd<'_>, name: &OsStr) -> std::io::Result<File> {
    use std::os::fd::{AsRawFd, FromRawFd};
    use std::os::unix::ffi::OsStrExt;
    // A file name is at most 255 bytes on the usual file systems: it fits the stack.
    let mut on_stack = [0u8; 256];
    let owned;
    let name = match on_stack.get_mut(..name.len()) {
        Some(bytes) if name.len() < 256 => {
            bytes.copy_from_slice(name.as_bytes());
            CStr::from_bytes_until_nul(&on_stack).map_err(std::io::Error::other)?
        }
        _ => {
            owned = CString::new(name.as_bytes())?;
            owned.as_c_str()
        }
    };
    let flags = libc::O_RDONLY | libc::O_NONBLOCK | libc::O_NOCTTY | libc::O_CLOEXEC;
    // SAFETY: `name` is a NUL-terminated C string and `folder` an open descriptor.
    let raw = unsafe { libc::openat(folder.as_raw_fd(), name.as_ptr(), flags) };
    if raw < 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: `raw` was just opened and is owned by nothing else.
    Ok(unsafe { File::from_raw_fd(raw) })
}

/// Reads an opened file (see [`read_file`]).
fn read_opened<'b>(file: File, cap: u64, buffer: &'b mut Vec<u8>) -> Result<FileBytes<'b>, Reason> {
    let metadata = file
        .metadata()
        .map_err(|e| Reason::Unreadable(io_reason(&e)))?;
    if let Some(kind) = special_kind(&metadata) {
        return Err(Reason::NotAFile(kind));
    }
    let size = metadata.len();
    if size > cap {
        return Err(Reason::TooLarge { size, cap });
    }
    read_capped(file, size, buffer)?;
    let mtime = metadata
        .modified()
        .ok()
        .and_then(|t| jiff::Timestamp::try_from(t).ok())
        .map(|t| t.as_second());
    Ok(FileBytes {
        size: buffer.len() as u64,
        bytes: buffer,
        mtime,
    })
}

/// Reads the `size` bytes the file had when it was opened into `buffer`. A file that
/// grows while it is read is read as it was; one that shrinks is read to its new end.
fn read_capped(file: File, size: u64, buffer: &mut Vec<u8>) -> Result<(), Reason> {
    buffer.clear();
    buffer.reserve(size as usize);
    file.take(size)
        .read_to_end(buffer)
        .map_err(|error| Reason::Unreadable(io_reason(&error)))?;
    Ok(())
}

/// Why a file could not be opened: a socket (which `open` refuses with ENXIO) or other
/// special file is named as such; anything else is the system's reason.
fn open_failure(path: &Path, error: &std::io::Error) -> Reason {
    match std::fs::metadata(path).ok().as_ref().and_then(special_kind) {
        Some(kind) => Reason::NotAFile(kind),
        None if error.kind() == std::io::ErrorKind::NotFound => Reason::Missing,
        None => Reason::Unreadable(io_reason(error)),
    }
}

/// What kind of non-regular file this is, if it is one.
pub fn special_kind(metadata: &Metadata) -> Option<&'static str> {
    let kind = metadata.file_type();
    if kind.is_file() {
        None
    } else if kind.is_dir() {
        Some("folder")
    } else if kind.is_fifo() {
        Some("FIFO (named pipe)")
    } else if kind.is_socket() {
        Some("socket")
    } else if kind.is_char_device() || kind.is_block_device() {
        Some("device")
    } else {
        Some("special file")
    }
}

/// An I/O error in a few words, without the path (the message names it already).
pub fn io_reason(error: &std::io::Error) -> String {
    let text = error.to_string();
    // "Permission denied (os error 13)" reads better without the number.
    match text.find(" (os error") {
        Some(cut) => text[..cut].to_owned(),
        None => text,
    }
}

/// Decodes, sanitises and parses an article; `want_body` also returns its body.
pub fn article_from_bytes(
    contents: &FileBytes,
    location: Location,
    rel_path: String,
    format: Format,
    want_body: bool,
) -> Result<(Article, Option<Body>), Reason> {
    let not_text = |not_text| match not_text {
        NotText::Empty => Reason::Empty,
        NotText::Binary => Reason::Binary,
    };
    let page;
    let decoded;
    let text;
    let parsed = if format == Format::Html {
        let html = html::decode_page(contents.bytes).map_err(not_text)?;
        page = html::read_page(&html, None).ok_or(Reason::NoPageText)?;
        text = sanitize(&page.markdown);
        parse_page(&text, &rel_path, &page_fields(&page))
    } else {
        decoded = decode(contents.bytes).map_err(not_text)?;
        text = if decoded.plain {
            std::borrow::Cow::Borrowed(&*decoded.text)
        } else {
            sanitize(&decoded.text)
        };
        parse(&text, &rel_path, format)
    };
    let body = want_body.then(|| parsed.body());
    let date = parsed
        .date
        .or_else(|| modified_date(contents.mtime).map(|d| (d, DateFrom::Modified)));
    let article = Article {
        location,
        rel_path,
        title: parsed.title.unwrap_or_default(),
        date: date.map(|(d, _)| d),
        date_from: date.map(|(_, from)| from),
        source: parsed.source,
        author: parsed.author,
        tags: parsed.tags,
        description: parsed.description.map(String::into_boxed_str),
        url: parsed.url.map(String::into_boxed_str),
        words: parsed.words,
        format: parsed.format,
        size: contents.size,
        mtime: contents.mtime.unwrap_or(0),
    };
    Ok((article, body))
}

/// A saved page's metadata as the fields front matter would give.
fn page_fields(page: &html::Page) -> Fields {
    let mut fields = Fields::default();
    let mut text = |key: &str, value: &Option<String>| {
        if let Some(value) = value {
            fields.insert(key, Value::Text(value.clone()));
        }
    };
    text("title", &page.title);
    text("author", &page.author);
    text("date", &page.published);
    text("source", &page.source);
    text("url", &page.url);
    text("description", &page.description);
    if !page.tags.is_empty() {
        fields.insert("tags", Value::List(page.tags.clone()));
    }
    fields
}

/// The local calendar date of an mtime.
fn modified_date(mtime: Option<i64>) -> Option<Date> {
    static ZONE: OnceLock<TimeZone> = OnceLock::new();
    let mtime = mtime?;
    let zone = ZONE.get_or_init(TimeZone::system);
    let timestamp = jiff::Timestamp::from_second(mtime).ok()?;
    Some(zone.to_datetime(timestamp).date())
}

/// A path for display and JSON: `/`-separated, with invalid UTF-8 shown as U+FFFD and
/// control or bidi characters written as `\u{…}` escapes.
pub fn escape_path(path: &Path) -> String {
    // `to_str` checks UTF-8 faster than `to_string_lossy`, and paths nearly always are.
    let lossy = match path.to_str() {
        Some(text) => std::borrow::Cow::Borrowed(text),
        None => path.to_string_lossy(),
    };
    if std::path::MAIN_SEPARATOR == '\\' {
        return crate::sanitize::escape_controls(&lossy.replace('\\', "/")).into_owned();
    }
    crate::sanitize::escape_controls(&lossy).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_is_said_to_be_missing_not_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        let mut buffer = Vec::new();
        let Err(reason) = read_file(&dir.path().join("gone.txt"), 1024, &mut buffer) else {
            panic!("a missing file read");
        };
        assert_eq!(reason, Reason::Missing);
        assert_eq!(reason.to_string(), "is missing: it was moved or deleted");
    }
}
