//! `folio bookmarks --format annotation`: the W3C Web Annotation data model as JSON-LD,
//! an `AnnotationCollection` whose first page holds every passage: its target (the
//! article's web address, else its file as a `file://` URL) with a `TextQuoteSelector`
//! and a `TextPositionSelector`, and the note as a `TextualBody`.

use std::io::{self, Write};
use std::path::Path;

use serde_json::{Value, json};

use super::{plain_quote, url};
use crate::bookmarks::{Bookmark, Resolved};
use crate::sanitize::sanitize;

pub(super) fn write(
    out: &mut impl Write,
    list: &[Bookmark],
    resolved: &[Resolved],
) -> io::Result<()> {
    let items: Vec<Value> = list
        .iter()
        .zip(resolved)
        .map(|(bookmark, resolved)| annotation(bookmark, resolved))
        .collect();
    let collection = json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "urn:folio:bookmarks",
        "type": "AnnotationCollection",
        "label": "folio bookmarks",
        "total": items.len(),
        "first": {
            "id": "urn:folio:bookmarks:page1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    });
    serde_json::to_writer_pretty(&mut *out, &collection)?;
    out.write_all(b"\n")
}

fn annotation(bookmark: &Bookmark, resolved: &Resolved) -> Value {
    let selector = &bookmark.selector;
    let (start, end) = match resolved.anchor {
        Some(anchor) => (anchor.start, anchor.end),
        None => (
            selector.offset,
            selector.offset + selector.exact.chars().count(),
        ),
    };
    let source = url(resolved)
        .map(str::to_owned)
        .unwrap_or_else(|| file_url(&resolved.path));
    let mut annotation = json!({
        "id": format!("urn:folio:bookmark:{}", bookmark.id),
        "type": "Annotation",
        "motivation": if bookmark.note.is_some() { "commenting" } else { "highlighting" },
        "created": bookmark.created.to_string(),
        "target": {
            "source": source,
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": plain_quote(&selector.exact),
                    "prefix": sanitize(&selector.prefix),
                    "suffix": sanitize(&selector.suffix),
                },
                {
                    "type": "TextPositionSelector",
                    "start": start,
                    "end": end,
                },
            ],
        },
    });
    if let Some(note) = &bookmark.note {
        annotation["body"] = json!({
            "type": "TextualBody",
            "value": sanitize(note),
            "format": "text/plain",
            "purpose": "commenting",
        });
    }
    annotation
}

/// `/home/me/a b.md` → `file:///home/me/a%20b.md`: every byte but the unreserved ones and
/// `/` percent-encoded, so the URL holds any path.
fn file_url(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut url = String::from("file://");
    for &byte in path.as_os_str().as_bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            url.push(byte as char);
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_url_encodes_what_a_url_cannot_hold() {
        assert_eq!(
            file_url(Path::new("/home/me/a b/é#1.md")),
            "file:///home/me/a%20b/%C3%A9%231.md"
        );
    }
}
