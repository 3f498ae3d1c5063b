//! Saving a web page as an article: the address checked, the folder's articles looked
//! through for it, the page fetched, decoded and read (Readability, as the store reads
//! saved pages), and kept under a new name, as Markdown with front matter or as the
//! page itself. Nothing is written unless the whole file is.

pub mod address;
pub mod fetch;
pub mod kept;
pub mod kind;
pub mod name;
pub mod note;
pub mod place;
pub mod proxy;

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use encoding_rs::{Encoding, UTF_8};

use crate::store::decode::{NotText, decode_as};
use crate::store::html::{charset, decode_page, read_page};
use address::AddressError;
use fetch::{FetchError, Fetched, Limits};
use kept::Kept;
use place::PlaceError;
use proxy::Environment;

/// What to save, and where.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// The address as given.
    pub address: &'a str,
    pub folder: &'a Path,
    /// Keep the page itself rather than its article as Markdown.
    pub html: bool,
    pub limits: Limits,
}

/// What saving did.
#[derive(Debug, PartialEq, Eq)]
pub enum Saved {
    /// A new file, at this path.
    Written(PathBuf),
    /// The folder already keeps the page, at this path: nothing was written.
    AlreadyKept(PathBuf),
}

/// Why nothing was saved.
#[derive(Debug)]
pub enum SaveError {
    Address(AddressError),
    Fetch(FetchError),
    /// The answer is not text: empty, or binary.
    NotText {
        at: String,
        why: NotText,
    },
    /// The page has no text at all.
    NoText {
        at: String,
    },
    Folder {
        path: PathBuf,
        error: std::io::Error,
    },
    Place(PlaceError),
}

impl SaveError {
    /// The message for the address as it was `given`: what went wrong and what to do.
    pub fn message(&self, given: &str) -> String {
        let given = crate::sanitize::sanitize_line(given);
        let at = |at: &str| match address::parse(&given) {
            Ok(uri) if address::comparable(&uri.to_string()) != address::comparable(at) => {
                format!(" (redirected to {})", crate::sanitize::sanitize_line(at))
            }
            _ => String::new(),
        };
        match self {
            SaveError::Address(error) => format!("cannot save {given}: {error}"),
            SaveError::Fetch(error) => {
                format!("cannot save {given}{}: {}", at(&error.at), error.failure)
            }
            SaveError::NotText {
                at: address,
                why: NotText::Empty,
            } => format!(
                "cannot save {given}{}: the server sent an empty page; try again later",
                at(address)
            ),
            SaveError::NotText {
                at: address,
                why: NotText::Binary,
            } => format!(
                "cannot save {given}{}: it is binary data, not a web page; folio saves web \
                 pages only",
                at(address)
            ),
            SaveError::NoText { at: address } => format!(
                "cannot save {given}{}: the page has no text to keep (it may build its text \
                 with scripts, which folio does not run); save it from your browser \
                 (File, Save Page As) into your store instead",
                at(address)
            ),
            SaveError::Folder { path, .. } if path.exists() && !path.is_dir() => format!(
                "cannot save {given}: {} is a file, not a folder; give a folder with --to",
                crate::store::read::escape_path(path)
            ),
            SaveError::Folder { path, error } => format!(
                "cannot save {given}: cannot create the folder {}: {}",
                crate::store::read::escape_path(path),
                crate::store::read::io_reason(error)
            ),
            SaveError::Place(error) => format!("cannot save {given}: {error}"),
        }
    }
}

/// Saves the page `request` names; `env` gives the proxy variables, `now` the moment
/// of saving (the day of an article without a date of its own).
pub fn save(
    request: &Request,
    env: &dyn Environment,
    now: &jiff::ZonedDateTime,
) -> Result<Saved, SaveError> {
    let uri = address::parse(request.address).map_err(SaveError::Address)?;
    let asked = uri.to_string();
    let kept = Kept::read(request.folder, request.limits.max_bytes);
    if let Some(path) = kept.find([asked.as_str()]) {
        return Ok(Saved::AlreadyKept(path.to_path_buf()));
    }
    let fetched = fetch::fetch(&uri, &request.limits, env).map_err(SaveError::Fetch)?;
    let (text, transcoded) = decoded(&fetched).map_err(|why| SaveError::NotText {
        at: fetched.address.clone(),
        why,
    })?;
    let page = read_page(&text, Some(&fetched.address)).ok_or_else(|| SaveError::NoText {
        at: fetched.address.clone(),
    })?;
    let url = page
        .url
        .as_deref()
        .map(crate::sanitize::sanitize_line)
        .filter(|url| address::parse(url).is_ok() && !url.contains(char::is_whitespace))
        .unwrap_or_else(|| fetched.address.clone());
    if let Some(path) = kept.find([url.as_str(), fetched.address.as_str()]) {
        return Ok(Saved::AlreadyKept(path.to_path_buf()));
    }

    let date = note::published(&page).map_or_else(|| now.date(), |(_, date)| date);
    let slug = note::title(&page)
        .map(|title| name::slug(&title))
        .filter(|slug| !slug.is_empty())
        .unwrap_or_else(|| name::slug_of_address(&url));
    let stem = name::stem(date, &slug);
    let (extension, bytes) = if request.html {
        let transcoded = transcoded.then_some(text.as_ref());
        (
            "html",
            note::html(&fetched.address, &fetched.bytes, transcoded),
        )
    } else {
        let text = note::markdown(&page, &url, note::saved_at(now));
        ("md", text.into_bytes())
    };
    std::fs::create_dir_all(request.folder).map_err(|error| SaveError::Folder {
        path: request.folder.to_path_buf(),
        error,
    })?;
    let path = place::place_new(
        request.folder,
        |n| name::numbered(&stem, extension, n),
        &bytes,
    )
    .map_err(SaveError::Place)?;
    Ok(Saved::Written(path))
}

/// The page as text: in the encoding the Content-Type names when it names one (a byte
/// order mark aside, which outranks it), else as [`decode_page`] reads a saved page.
/// The flag is true when the bytes alone would be read otherwise, so that the page
/// kept as HTML must be kept as the text read.
fn decoded(fetched: &Fetched) -> Result<(Cow<'_, str>, bool), NotText> {
    let bytes = fetched.bytes.as_slice();
    let bom = Encoding::for_bom(bytes);
    match fetched.charset {
        Some(encoding) if bom.is_none() => {
            let text = decode_as(bytes, encoding)?;
            let same_alone = match charset::declared(bytes) {
                Some(declared) => declared == encoding,
                None => encoding == UTF_8 && std::str::from_utf8(bytes).is_ok(),
            };
            Ok((text, !same_alone))
        }
        _ => {
            let text = decode_page(bytes)?;
            let transcoded = bom.is_some_and(|(encoding, _)| encoding != UTF_8);
            Ok((text, transcoded))
        }
    }
}
