//! What an answer holds: a web page or something else, by its Content-Type, or by its
//! first bytes when the server names no type (or only `application/octet-stream`).

/// What the Content-Type says of an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Declared {
    Page,
    /// No type, or one that says nothing: the first bytes tell.
    Unknown,
    /// Something other than a page, in words (`a PNG image`), with the type as given.
    Other {
        what: String,
        mime: String,
    },
}

/// Reads a Content-Type's media type (its parameters aside).
pub fn declared(content_type: Option<&str>) -> Declared {
    let Some(mime) = content_type
        .and_then(|t| t.split(';').next())
        .map(|t| t.trim().to_ascii_lowercase())
        .filter(|t| !t.is_empty())
    else {
        return Declared::Unknown;
    };
    match mime.as_str() {
        "text/html" | "application/xhtml+xml" => Declared::Page,
        "application/octet-stream" | "application/unknown" | "unknown/unknown" | "*/*" => {
            Declared::Unknown
        }
        _ => Declared::Other {
            what: described(&mime),
            mime,
        },
    }
}

/// A media type in words.
fn described(mime: &str) -> String {
    let (kind, sub) = mime.split_once('/').unwrap_or((mime, ""));
    let named = match mime {
        "image/png" => "a PNG image",
        "image/jpeg" => "a JPEG image",
        "image/gif" => "a GIF image",
        "image/webp" => "a WebP image",
        "image/svg+xml" => "an SVG image",
        "application/pdf" => "a PDF document",
        "application/json" => "JSON data",
        "application/zip" => "a ZIP archive",
        "application/gzip" | "application/x-gzip" => "a gzip archive",
        "application/epub+zip" => "an EPUB book",
        "application/rss+xml" => "an RSS feed",
        "application/atom+xml" => "an Atom feed",
        "application/xml" | "text/xml" => "an XML document",
        "application/javascript" | "text/javascript" => "a script",
        "text/css" => "a style sheet",
        "text/plain" => "plain text",
        "text/markdown" => "a Markdown file",
        _ if sub.ends_with("+json") => "JSON data",
        _ if sub.ends_with("+xml") => "an XML document",
        _ => match kind {
            "image" => "an image",
            "audio" => "a sound file",
            "video" => "a video",
            "font" => "a font",
            _ => "a file",
        },
    };
    named.to_owned()
}

/// What the first bytes of an answer with no useful Content-Type are: `None` for a
/// page, else what it is in words. After the leading blanks (and any byte order
/// mark), a page opens with `<` and a doctype, a comment or a tag.
pub fn sniffed(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: [(&[u8], &str); 11] = [
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"%PDF-", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive"),
        (b"\x1f\x8b", "a gzip archive"),
        (b"OggS", "a sound or video file"),
        (b"ID3", "a sound file"),
        (b"\x00\x00\x01\x00", "an icon"),
        (b"wOFF", "a font"),
    ];
    if let Some((_, what)) = SIGNATURES.iter().find(|(sig, _)| bytes.starts_with(sig)) {
        return Some(what);
    }
    if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        return Some("a WebP image");
    }
    let text = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = text.trim_ascii_start();
    if text.first() == Some(&b'<') {
        return (!opens_a_page(text)).then_some("an XML document");
    }
    if text.first().is_some_and(|b| matches!(b, b'{' | b'[')) {
        return Some("JSON data");
    }
    if bytes.iter().take(1024).any(|&b| b == 0) {
        return Some("binary data");
    }
    Some("plain text")
}

/// True when `text` (starting with `<`) opens as HTML does: the tags the WHATWG's
/// sniffing rules look for, a comment, or an XML declaration followed by `<html`.
fn opens_a_page(text: &[u8]) -> bool {
    const OPENINGS: [&[u8]; 17] = [
        b"<!doctype html",
        b"<html",
        b"<head",
        b"<body",
        b"<script",
        b"<iframe",
        b"<h1",
        b"<div",
        b"<font",
        b"<table",
        b"<a",
        b"<style",
        b"<title",
        b"<b",
        b"<br",
        b"<p",
        b"<!--",
    ];
    let head = &text[..text.len().min(512)];
    let is_opening = |opening: &[u8]| {
        head.len() > opening.len()
            && head[..opening.len()].eq_ignore_ascii_case(opening)
            && (opening == b"<!--"
                || matches!(head[opening.len()], b' ' | b'>' | b'\t' | b'\n' | b'\r'))
    };
    if OPENINGS.iter().any(|opening| is_opening(opening)) {
        return true;
    }
    head.starts_with(b"<?xml") && {
        let lower = head.to_ascii_lowercase();
        lower.windows(5).any(|w| w == b"<html")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_are_read_and_named() {
        assert_eq!(declared(Some("text/html; charset=utf-8")), Declared::Page);
        assert_eq!(declared(Some("Application/XHTML+XML")), Declared::Page);
        assert_eq!(declared(None), Declared::Unknown);
        assert_eq!(
            declared(Some("application/octet-stream")),
            Declared::Unknown
        );
        for (mime, what) in [
            ("image/png", "a PNG image"),
            ("application/pdf", "a PDF document"),
            ("application/json; charset=utf-8", "JSON data"),
            ("application/ld+json", "JSON data"),
            ("video/mp4", "a video"),
            ("application/x-whatever", "a file"),
        ] {
            match declared(Some(mime)) {
                Declared::Other { what: said, .. } => assert_eq!(said, what, "{mime}"),
                other => panic!("{mime}: {other:?}"),
            }
        }
    }

    #[test]
    fn first_bytes_tell_a_page_from_anything_else() {
        for page in [
            &b"<!DOCTYPE html><html>"[..],
            b"\xef\xbb\xbf\n  <html lang=en>",
            b"<!-- saved from url=(0019)https://example.org -->",
            b"<p>Hello</p>",
            b"<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">",
        ] {
            assert_eq!(sniffed(page), None, "{:?}", String::from_utf8_lossy(page));
        }
        assert_eq!(sniffed(b"\x89PNG\r\n\x1a\n\0\0"), Some("a PNG image"));
        assert_eq!(sniffed(b"%PDF-1.7\n"), Some("a PDF document"));
        assert_eq!(sniffed(b"  {\"a\": 1}"), Some("JSON data"));
        assert_eq!(sniffed(b"Just some words."), Some("plain text"));
        assert_eq!(
            sniffed(b"<?xml version=\"1.0\"?><rss>"),
            Some("an XML document")
        );
        assert_eq!(sniffed(b"\x01\x02\0\x03"), Some("binary data"));
    }
}
