//! Turns a file's bytes into text: BOM sniffing, UTF-8, then chardetng's guess.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8};

use crate::byte_masks::{self, BLOCK, ByteBlock};

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
    /// True when the text is printable ASCII and line feeds only: there is nothing in it
    /// for the sanitiser to take out.
    pub plain: bool,
}

/// Decodes a file's bytes. Never fails on bad bytes: they become U+FFFD.
///
/// A BOM (UTF-8, UTF-16LE, UTF-16BE) decides the encoding. Otherwise valid UTF-8 is
/// UTF-8; UTF-8 with more good multi-byte characters than bad bytes is still UTF-8 (bad bytes become
/// U+FFFD); anything else is whatever chardetng guesses (Windows-1252, GB18030,
/// Shift_JIS, …).
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, NotText> {
    if let Some(text) = plain_text(bytes) {
        if text.bytes().all(|b| b.is_ascii_whitespace()) {
            return Err(NotText::Empty);
        }
        return Ok(Decoded {
            text: Cow::Borrowed(text),
            encoding: UTF_8,
            plain: true,
        });
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let rest = &bytes[bom_len..];
        if encoding == UTF_8 && has_nul(rest) {
            return Err(NotText::Binary);
        }
        let (text, _) = encoding.decode_without_bom_handling(rest);
        if text.trim().is_empty() {
            return Err(NotText::Empty);
        }
        return Ok(Decoded {
            text,
            encoding,
            plain: false,
        });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(NotText::Empty);
    }
    if has_nul(bytes) {
        return Err(NotText::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: Cow::Borrowed(text),
            encoding: UTF_8,
            plain: false,
        });
    }
    if mostly_utf8(bytes) {
        let (text, _) = UTF_8.decode_without_bom_handling(bytes);
        return Ok(Decoded {
            text,
            encoding: UTF_8,
            plain: false,
        });
    }
    let mut encoding = guess(bytes, false);
    // Windows-1252 leaves five bytes unassigned, and one stray such byte rules it out
    // for chardetng: French or German text then comes out as Windows-1250 (`è` as `č`).
    // When the text reads as Windows-1252 without those bytes, it is Windows-1252.
    if encoding != encoding_rs::WINDOWS_1252
        && bytes.iter().any(|&b| UNASSIGNED_IN_1252.contains(&b))
        && guess(bytes, true) == encoding_rs::WINDOWS_1252
    {
        encoding = encoding_rs::WINDOWS_1252;
    }
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Ok(Decoded {
        text: without_c1(text),
        encoding,
        plain: false,
    })
}

/// Decodes bytes in an encoding known from elsewhere (a page's `<meta charset>`, an HTTP
/// Content-Type) as [`decode`] decodes a guessed one: NUL bytes outside UTF-16 are
/// binary, whitespace only is empty, and a legacy code page's C1 controls become U+FFFD.
pub fn decode_as<'a>(
    bytes: &'a [u8],
    encoding: &'static Encoding,
) -> Result<Cow<'a, str>, NotText> {
    let utf16 = encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE;
    if !utf16 && has_nul(bytes) {
        return Err(NotText::Binary);
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(NotText::Empty);
    }
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Ok(without_c1(text))
}

/// A legacy code page's unassigned bytes (0x81, 0x8D, 0x90, 0x9D in Windows-1252; all of
/// 0x80–0x9F in the ISO 8859 pages) decode to C1 controls. They are stray bytes, not
/// escape sequences, so they become U+FFFD here rather than reaching the sanitiser, which
/// would take U+0090 or U+009D as the start of a sequence and drop the text after it.
fn without_c1(text: Cow<'_, str>) -> Cow<'_, str> {
    let is_c1 = |c: char| ('\u{80}'..='\u{9f}').contains(&c);
    // U+0080..U+009F are C2 80..C2 9F in UTF-8: looking for the lead byte is faster
    // than reading every character.
    let bytes = text.as_bytes();
    let has_c1 =
        memchr::memchr_iter(0xc2, bytes).any(|i| matches!(bytes.get(i + 1), Some(0x80..=0x9f)));
    if !has_c1 {
        return text;
    }
    Cow::Owned(
        text.chars()
            .map(|c| if is_c1(c) { '\u{fffd}' } else { c })
            .collect(),
    )
}

/// Bytes that Windows-1252 does not assign (they decode to C1 controls).
const UNASSIGNED_IN_1252: [u8; 5] = [0x81, 0x8d, 0x8f, 0x90, 0x9d];

/// chardetng's guess for bytes that are not UTF-8, from the stretches around non-ASCII
/// bytes; `mask_unassigned` shows it spaces in place of [`UNASSIGNED_IN_1252`].
fn guess(bytes: &[u8], mask_unassigned: bool) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    for window in windows_around_non_ascii(bytes) {
        if mask_unassigned {
            let masked: Vec<u8> = window
                .iter()
                .map(|&b| {
                    if UNASSIGNED_IN_1252.contains(&b) {
                        b' '
                    } else {
                        b
                    }
                })
                .collect();
            detector.feed(&masked, false);
        } else {
            detector.feed(window, false);
        }
        detector.feed(b" ", false);
    }
    detector.feed(b"", true);
    western_unless_clear(detector.guess(None, chardetng::Utf8Detection::Deny), bytes)
}

/// How many bytes chardetng sees at most: plenty to tell encodings apart.
const MAX_BYTES_TO_DETECT: usize = 4096;
/// ASCII context kept on each side of non-ASCII bytes.
const CONTEXT: usize = 16;

/// The stretches of `bytes` around non-ASCII bytes, with a little ASCII context: what
/// tells one legacy encoding from another (ASCII reads the same in all of them).
fn windows_around_non_ascii(bytes: &[u8]) -> Vec<&[u8]> {
    let mut windows: Vec<(usize, usize)> = Vec::new();
    let mut fed = 0;
    for (i, _) in bytes.iter().enumerate().filter(|(_, b)| !b.is_ascii()) {
        let (start, end) = (
            i.saturating_sub(CONTEXT),
            (i + CONTEXT + 1).min(bytes.len()),
        );
        match windows.last_mut() {
            Some(last) if start <= last.1 => {
                fed += end - last.1;
                last.1 = end;
            }
            _ => {
                fed += end - start;
                windows.push((start, end));
            }
        }
        if fed >= MAX_BYTES_TO_DETECT {
            break;
        }
    }
    windows
        .into_iter()
        .map(|(start, end)| &bytes[start..end])
        .collect()
}

/// English text with a stray `£` or `é` is too little for chardetng to tell
/// Windows-1252 from the Central European and Baltic code pages; when non-ASCII bytes
/// are rare, the far more common Windows-1252 is the better guess.
fn western_unless_clear(guess: &'static Encoding, bytes: &[u8]) -> &'static Encoding {
    use encoding_rs::{
        ISO_8859_2, ISO_8859_4, ISO_8859_13, WINDOWS_1250, WINDOWS_1252, WINDOWS_1257,
    };
    let latin_neighbour = [
        WINDOWS_1250,
        ISO_8859_2,
        WINDOWS_1257,
        ISO_8859_4,
        ISO_8859_13,
    ];
    if !latin_neighbour.contains(&guess) {
        return guess;
    }
    let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
    if non_ascii * 50 < bytes.len() {
        WINDOWS_1252
    } else {
        guess
    }
}

/// `bytes` as text when they are printable ASCII and line feeds only, as most articles
/// are: such bytes need no decoding and no cleaning. Looks at 64 bytes at a time.
fn plain_text(bytes: &[u8]) -> Option<&str> {
    let (blocks, rest) = bytes.as_chunks::<BLOCK>();
    let plain = |block: ByteBlock<'_>| block.in_range(0x20, 0x7e) | block.eq(b'\n') == u64::MAX;
    if !blocks.iter().all(|block| plain(ByteBlock::new(block)))
        || !byte_masks::block_at(rest, b' ', plain)
    {
        return None;
    }
    // SAFETY: every byte is below 0x80, and ASCII is valid UTF-8.
    Some(unsafe { std::str::from_utf8_unchecked(bytes) })
}

/// True when `bytes` hold a NUL. Looks at 64 bytes at a time in a loop the compiler
/// vectorises (the blocks have a fixed size for that): a scan asks this of every file,
/// and most have none.
fn has_nul(bytes: &[u8]) -> bool {
    let mut blocks = bytes.chunks_exact(64);
    blocks
        .by_ref()
        .any(|block| block.iter().fold(0u8, |acc, &b| acc | u8::from(b == 0)) != 0)
        || blocks.remainder().contains(&0)
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
    fn a_stray_pound_sign_is_windows_1252() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252
            .encode("Hendrix guitar fetches £100,000\r\n\r\nA guitar sold for a record sum at auction today.");
        assert!(text(&bytes).starts_with("Hendrix guitar fetches £100,000"));
    }

    #[test]
    fn polish_stays_central_european() {
        let original =
            "Zażółć gęślą jaźń. Pchnąć w tę łódź jeża lub ośm skrzyń fig. Żółta łódź płynęła.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1250.encode(original);
        assert_eq!(text(&bytes), original);
    }

    #[test]
    fn gb18030_is_detected() {
        let original = "杭州市图书馆今天开放了新的阅览室，市民可以免费借阅各类图书和报纸。";
        let (bytes, _, _) = encoding_rs::GB18030.encode(original);
        assert_eq!(text(&bytes), original);
    }

    #[test]
    fn shift_jis_is_detected() {
        let original =
            "東京の図書館は新しい閲覧室を開きました。市民は無料で本を借りることができます。";
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(original);
        assert_eq!(text(&bytes), original);
    }

    #[test]
    fn invalid_utf8_mid_file_becomes_replacement_characters() {
        let mut bytes = "Ünïcödé text — with “quotes” and more ÜÖÄ"
            .as_bytes()
            .to_vec();
        bytes.insert(10, 0xff);
        let out = text(&bytes);
        assert!(out.contains('\u{fffd}'), "{out}");
        assert!(out.contains("“quotes”"), "{out}");
    }

    #[test]
    fn unassigned_windows_1252_bytes_keep_the_text_after_them() {
        let mut bytes = b"The price rose".to_vec();
        bytes.push(0x9d);
        bytes.extend_from_slice(b" sharply \x93today\x94 and");
        bytes.push(0x90);
        bytes.extend_from_slice(b" the rest \x96 of the line stays.");
        let out = text(&bytes);
        assert_eq!(
            out,
            "The price rose\u{fffd} sharply \u{201c}today\u{201d} and\u{fffd} the rest \u{2013} of the line stays."
        );
        assert_eq!(crate::sanitize::sanitize(&out), out);
    }

    #[test]
    fn a_stray_unassigned_byte_does_not_turn_french_into_central_european() {
        let french = "Les élèves de l’école ont préparé une fête à la mairie. Le maître a déclaré que la journée était très réussie, même sous la pluie.";
        let (encoded, _, _) = encoding_rs::WINDOWS_1252.encode(french);
        let mut bytes = encoded.into_owned();
        let at = bytes.iter().position(|&b| b == b'm').expect("an m");
        bytes.insert(at, 0x9d);
        let decoded = decode(&bytes).expect("text");
        assert_eq!(decoded.encoding, encoding_rs::WINDOWS_1252);
        assert_eq!(decoded.text, french.replacen('m', "\u{fffd}m", 1));
    }

    #[test]
    fn czech_and_slovak_with_t_caron_stay_central_european() {
        for original in [
            "Šťastný řidič přijel do města. Čeští žáci se učí číst a psát. Ťukání na dveře bylo slyšet až do půlnoci.",
            "Ťahanie lode trvalo dlho. Päť ľudí ťahalo lano, kým loď nevytiahli na breh.",
        ] {
            let (bytes, _, _) = encoding_rs::WINDOWS_1250.encode(original);
            assert!(bytes.contains(&0x9d) || bytes.contains(&0x8d));
            assert_eq!(text(&bytes), original);
        }
    }

    #[test]
    fn nul_bytes_mean_binary_and_blank_means_empty() {
        assert_eq!(decode(b"PK\x03\x04\x00\x00").unwrap_err(), NotText::Binary);
        assert_eq!(decode(b"").unwrap_err(), NotText::Empty);
        assert_eq!(decode(b" \n\r\n\t").unwrap_err(), NotText::Empty);
        assert_eq!(decode(b"\xef\xbb\xbf  \n").unwrap_err(), NotText::Empty);
    }

    proptest::proptest! {
        #[test]
        fn has_nul_matches_contains(
            bytes in proptest::collection::vec(1u8..=255, 0..300),
            nul_at in proptest::option::of(0usize..300),
        ) {
            let mut bytes = bytes;
            if let Some(at) = nul_at.filter(|&at| at < bytes.len()) {
                bytes[at] = 0;
            }
            proptest::prop_assert_eq!(has_nul(&bytes), bytes.contains(&0));
        }
    }

    proptest::proptest! {
        #[test]
        fn plain_text_is_printable_ascii_and_line_feeds(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    8 => 0x20u8..0x7f,
                    1 => proptest::strategy::Just(b'\n'),
                    1 => proptest::num::u8::ANY,
                ],
                0..300,
            ),
        ) {
            let plain = bytes.iter().all(|&b| (0x20..0x7f).contains(&b) || b == b'\n');
            proptest::prop_assert_eq!(plain_text(&bytes).is_some(), plain);
        }
    }

    #[test]
    fn plain_ascii_needs_no_cleaning_and_anything_else_is_not_plain() {
        let plain = decode(b"Title\n\nA body of plain words.\n").expect("text");
        assert!(plain.plain);
        assert_eq!(crate::sanitize::sanitize(&plain.text), plain.text);
        for other in [
            &b"Title\r\n\r\nBody.\r\n"[..],
            b"Tab\there",
            b"caf\xc3\xa9",
            b"\x1b[31mred",
        ] {
            assert!(!decode(other).expect("text").plain, "{other:?}");
        }
        assert_eq!(
            decode(b" \n\n ").map(|d| d.plain).unwrap_err(),
            NotText::Empty
        );
    }

    #[test]
    fn any_bytes_decode_to_valid_text_without_panic() {
        let bytes: Vec<u8> = (1..=255u8).cycle().take(4096).collect();
        let decoded = decode(&bytes).expect("no NUL, so text");
        assert!(!decoded.text.is_empty());
    }
}
