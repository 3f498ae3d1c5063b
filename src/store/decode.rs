//! Turns a file's bytes into text: BOM sniffing, UTF-8, then chardetng's guess.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8};

/// Why some bytes are not article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotText {
    Empty,
    /// Holds NUL bytes outside a UTF-16 file: an image, an archive, a database.
    Binary,
}

/// Text decoded from bytes, with the encoding that was used.
#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: &'static Encoding,
}

/// Decodes a file's bytes. Never fails on bad bytes: they become U+FFFD.
///
/// A BOM (UTF-8, UTF-16LE, UTF-16BE) decides the encoding. Otherwise valid UTF-8 is
/// UTF-8; UTF-8 with more good multi-byte characters than bad bytes is still UTF-8 (bad bytes become
/// U+FFFD); anything else is whatever chardetng guesses (Windows-1252, GB18030,
/// Shift_JIS, …).
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, NotText> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let rest = &bytes[bom_len..];
        if encoding == UTF_8 && rest.contains(&0) {
            return Err(NotText::Binary);
        }
        let (text, _) = encoding.decode_without_bom_handling(rest);
        if text.trim().is_empty() {
            return Err(NotText::Empty);
        }
        return Ok(Decoded { text, encoding });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(NotText::Empty);
    }
    if bytes.contains(&0) {
        return Err(NotText::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded { text: Cow::Borrowed(text), encoding: UTF_8 });
    }
    if mostly_utf8(bytes) {
        let (text, _) = UTF_8.decode_without_bom_handling(bytes);
        return Ok(Decoded { text, encoding: UTF_8 });
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Ok(Decoded { text, encoding })
}

/// True when the bytes read as UTF-8 with multi-byte characters and only a few
/// invalid sequences: a UTF-8 file damaged in places, not a legacy encoding.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut valid_multibyte = 0usize;
    let mut invalid = 0usize;
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(text) => {
                valid_multibyte += text.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(error) => {
                let (good, after) = rest.split_at(error.valid_up_to());
                // Safe: `good` is exactly the prefix from_utf8 validated.
                valid_multibyte += std::str::from_utf8(good)
                    .map(|t| t.chars().filter(|c| !c.is_ascii()).count())
                    .unwrap_or(0);
                invalid += 1;
                let skip = error.error_len().unwrap_or(after.len());
                rest = &after[skip..];
            }
        }
    }
    valid_multibyte >= 3 && invalid * 2 <= valid_multibyte
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> String {
        decode(bytes).expect("decodes").text.into_owned()
    }

    #[test]
    fn utf8_plain_and_with_bom() {
        assert_eq!(text("Café 中文".as_bytes()), "Café 中文");
        assert_eq!(text(b"\xef\xbb\xbfTitle: x"), "Title: x");
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let mut le = vec![0xff, 0xfe];
        le.extend("Héllo 世界".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(text(&le), "Héllo 世界");
        let mut be = vec![0xfe, 0xff];
        be.extend("Héllo 世界".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(text(&be), "Héllo 世界");
    }

    #[test]
    fn windows_1252_is_detected() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252
            .encode("The café in Zürich served a naïve “crème brûlée” — twice.");
        assert_eq!(
            text(&bytes),
            "The café in Zürich served a naïve “crème brûlée” — twice."
        );
    }

    #[test]
    fn gb18030_is_detected() {
        let original = "杭州市图书馆今天开放了新的阅览室，市民可以免费借阅各类图书和报纸。";
        let (bytes, _, _) = encoding_rs::GB18030.encode(original);
        assert_eq!(text(&bytes), original);
    }

    #[test]
    fn shift_jis_is_detected() {
        let original = "東京の図書館は新しい閲覧室を開きました。市民は無料で本を借りることができます。";
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(original);
        assert_eq!(text(&bytes), original);
    }

    #[test]
    fn invalid_utf8_mid_file_becomes_replacement_characters() {
        let mut bytes = "Ünïcödé text — with “quotes” and more ÜÖÄ".as_bytes().to_vec();
        bytes.insert(10, 0xff);
        let out = text(&bytes);
        assert!(out.contains('\u{fffd}'), "{out}");
        assert!(out.contains("“quotes”"), "{out}");
    }

    #[test]
    fn nul_bytes_mean_binary_and_blank_means_empty() {
        assert_eq!(decode(b"PK\x03\x04\x00\x00").unwrap_err(), NotText::Binary);
        assert_eq!(decode(b"").unwrap_err(), NotText::Empty);
        assert_eq!(decode(b" \n\r\n\t").unwrap_err(), NotText::Empty);
        assert_eq!(decode(b"\xef\xbb\xbf  \n").unwrap_err(), NotText::Empty);
    }

    #[test]
    fn any_bytes_decode_to_valid_text_without_panic() {
        let bytes: Vec<u8> = (1..=255u8).cycle().take(4096).collect();
        let decoded = decode(&bytes).expect("no NUL, so text");
        assert!(!decoded.text.is_empty());
    }
}
