//! The encoding a saved page declares: a BOM first, then a `<meta charset>` or an
//! `http-equiv` Content-Type near the top; a page that declares none is decoded as any
//! other file is (UTF-8, else chardetng's guess).

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8};

use crate::store::decode::{NotText, decode, decode_as};

/// How far into a page a `<meta>` declaring its encoding is looked for. Browsers look at
/// the first 1,024 bytes; saved pages often carry a comment or two more before it.
const PRESCAN_BYTES: usize = 4096;

/// A page's bytes as text.
pub fn decode_page(bytes: &[u8]) -> Result<Cow<'_, str>, NotText> {
    if Encoding::for_bom(bytes).is_some() {
        return decode(bytes).map(|decoded| decoded.text);
    }
    match declared(bytes) {
        Some(encoding) if encoding != UTF_8 || std::str::from_utf8(bytes).is_err() => {
            decode_as(bytes, encoding)
        }
        _ => decode(bytes).map(|decoded| decoded.text),
    }
}

/// The encoding named by the first `<meta>` that names one, as browsers read it: a
/// page that says UTF-16 without a BOM is read as UTF-8 (its bytes are ASCII-compatible,
/// or the meta could not have been found).
pub fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let mut at = 0;
    while let Some(start) = find_ignoring_case(&head[at..], b"<meta") {
        let tag_start = at + start + 5;
        let tag_end = head[tag_start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(head.len(), |end| tag_start + end);
        if let Some(encoding) = charset_in(&head[tag_start..tag_end]) {
            let utf16 = encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE;
            return Some(if utf16 { UTF_8 } else { encoding });
        }
        at = tag_end;
    }
    None
}

/// The encoding a `charset=` inside one tag's attributes names.
fn charset_in(tag: &[u8]) -> Option<&'static Encoding> {
    let at = find_ignoring_case(tag, b"charset")? + 7;
    let rest = tag[at..].trim_ascii_start().strip_prefix(b"=")?;
    let rest = rest.trim_ascii_start();
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|&b| matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace())
        .unwrap_or(rest.len());
    Encoding::for_label(&rest[..end])
}

/// Where `needle` (ASCII) first stands in `haystack`, in any case.
pub(super) fn find_ignoring_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_meta_charset_is_found_in_either_spelling() {
        let cases: [(&[u8], &str); 5] = [
            (
                b"<html><head><meta charset=\"windows-1251\">",
                "windows-1251",
            ),
            (b"<META CHARSET=shift_jis>", "Shift_JIS"),
            (
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">",
                "windows-1252",
            ),
            (b"<meta name=x><meta charset='gb2312'/>", "GBK"),
            (b"<meta charset=\"utf-16\">", "UTF-8"),
        ];
        for (page, expected) in cases {
            assert_eq!(
                declared(page).map(Encoding::name),
                Some(expected),
                "{page:?}"
            );
        }
        assert_eq!(declared(b"<meta name=\"charset\" content=\"x\">"), None);
        assert_eq!(declared(b"<p>no meta</p>"), None);
    }

    #[test]
    fn the_declared_charset_decodes_the_page() {
        let mut page = b"<meta charset=\"windows-1251\"><p>".to_vec();
        page.extend([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]);
        assert!(decode_page(&page).unwrap().contains("Привет"));
        let mut page =
            b"<meta http-equiv=Content-Type content=\"text/html;charset=euc-jp\"><p>".to_vec();
        page.extend([0xc6, 0xfc, 0xcb, 0xdc]);
        assert!(decode_page(&page).unwrap().contains("日本"));
    }

    #[test]
    fn a_declared_code_page_leaves_no_c1_control_for_the_sanitiser() {
        // 0x9D is unassigned in Windows-1252: a C1 control would make the sanitiser
        // drop the text after it as an escape sequence.
        let mut page = b"<meta charset=\"windows-1252\"><p>caf".to_vec();
        page.extend([0xe9, 0x9d]);
        page.extend(b" and the rest of the sentence");
        let text = decode_page(&page).unwrap();
        assert!(
            !text.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)),
            "{text:?}"
        );
        let clean = crate::sanitize::sanitize(&text);
        assert!(
            clean.contains("café\u{fffd} and the rest of the sentence"),
            "{clean:?}"
        );
    }

    #[test]
    fn a_bom_wins_over_the_meta() {
        let mut page = vec![0xef, 0xbb, 0xbf];
        page.extend("<meta charset=\"windows-1252\"><p>café".as_bytes());
        assert!(decode_page(&page).unwrap().contains("café"));
    }

    #[test]
    fn a_page_that_declares_nothing_is_guessed() {
        let mut page = b"<p>".to_vec();
        page.extend([0xc0, 0xf1, 0xe8, 0xe0]); // "Asia" in Windows-1251 … or a guess
        assert!(decode_page(&page).is_ok());
        assert_eq!(decode_page(b"   \n"), Err(NotText::Empty));
        assert_eq!(
            decode_page(b"<meta charset=latin1>\0\0"),
            Err(NotText::Binary)
        );
    }
}
