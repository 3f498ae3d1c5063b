//! Makes untrusted text safe to put on a terminal: one function every text sink uses.
//!
//! Article text, file names and error messages can hold escape sequences that would
//! retitle the window, write the clipboard or clear the screen. [`sanitize`] drops whole
//! CSI/OSC/DCS/APC/PM/SOS sequences (7-bit and C1 forms), turns CR and CRLF (and form
//! feed, vertical tab) into newlines, expands tabs to the next multiple of 8 columns,
//! drops bidi controls, and shows every other control character as an inert picture.
//! Sanitising twice changes nothing.

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

use crate::byte_masks::{self, BLOCK, ByteBlock};

/// Columns between tab stops.
pub const TAB_WIDTH: usize = 8;

const ESC: char = '\u{1b}';
const BEL: char = '\u{7}';

/// Returns `text` with escape sequences removed and controls made inert.
///
/// Newlines are kept; CR, CRLF, form feed and vertical tab become newlines.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !needs_work(text) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(clean(text))
}

/// Like [`sanitize`], for one-line fields (titles, tags, names): line breaks become
/// spaces and the ends are trimmed.
pub fn sanitize_line(text: &str) -> String {
    let clean = sanitize(text);
    let trimmed = clean.trim();
    if trimmed.contains('\n') {
        trimmed.replace('\n', " ")
    } else {
        trimmed.to_owned()
    }
}

/// `text` with every control (a line break too) and bidi control written as a `\u{…}`
/// escape, the rest as it is: for a value a person or script reads back (a path, an id),
/// where dropping a character would name something else.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if is_clean(text) && !text.contains('\n') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() || is_bidi_control(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// True when `text` has anything [`clean`] would change.
///
/// Looks at 64 bytes at a time for the bytes that could start trouble (a control, DEL,
/// or the lead byte of a C1 or bidi character), as a mask of one bit a byte, and checks
/// closely only where a bit is set: text with curly quotes (whose lead byte is a bidi
/// control's too) costs a few checks a block, not one a byte.
fn needs_work(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        // Spaces after the end start nothing.
        let mut candidates = byte_masks::block_at(&bytes[start..], b' ', trouble_candidates);
        while candidates != 0 {
            if troublesome_at(bytes, start + candidates.trailing_zeros() as usize) {
                return true;
            }
            candidates &= candidates - 1;
        }
        start += BLOCK;
    }
    false
}

/// The bytes of `block` that [`troublesome_at`] may say yes to: every control but the
/// newline, DEL, and the lead bytes of C1 and bidi characters.
fn trouble_candidates(block: ByteBlock<'_>) -> u64 {
    let controls = block.in_range(0, 0x1f) & !block.eq(b'\n');
    controls | block.eq(0x7f) | block.eq(0xc2) | block.eq(0xd8) | block.eq(0xe2)
}

/// True for the bytes [`troublesome_at`] may say yes to, one at a time (see
/// [`trouble_candidates`]). Without branches, to vectorise.
#[inline]
fn may_start_trouble(b: u8) -> bool {
    let control = (b < 0x20) & (b != b'\n');
    control | (b == 0x7f) | (b == 0xc2) | (b == 0xd8) | (b == 0xe2)
}

/// True when the byte at `i` starts a control, C1 or bidi character.
fn troublesome_at(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b'\n' => false,
        0x00..=0x1f | 0x7f => true,
        // U+0080..U+009F (C1 controls) are C2 80..C2 9F in UTF-8.
        0xc2 => matches!(bytes.get(i + 1), Some(0x80..=0x9f)),
        // U+061C ARABIC LETTER MARK is D8 9C.
        0xd8 => bytes.get(i + 1) == Some(&0x9c),
        // U+200E/F, U+202A..E, U+2066..9: E2 80 8E/8F, E2 80 AA..AE, E2 81 A6..A9.
        0xe2 => matches!(
            (bytes.get(i + 1), bytes.get(i + 2)),
            (Some(0x80), Some(0x8e | 0x8f | 0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
        ),
        _ => false,
    }
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{61c}')
}

/// What an escape sequence's introducer starts.
enum Sequence {
    /// CSI: parameters, then one final byte in 0x40..=0x7e.
    Control,
    /// OSC, DCS, APC, PM, SOS: a string ended by BEL or ST (ESC \ or U+009C).
    String,
}

fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut rest = text;
    let mut column = Column::default();
    while !rest.is_empty() {
        // Copy the run of harmless text up to the next byte that may need work.
        let offset = text.len() - rest.len();
        let run = next_trouble(bytes, offset) - offset;
        out.push_str(&rest[..run]);
        rest = &rest[run..];
        if rest.is_empty() {
            break;
        }
        rest = clean_one(rest, &mut out, &mut column);
    }
    out
}

/// Where the next control, escape, tab or bidi character at or after `from` starts
/// (`bytes.len()` if none does). Skips 16 bytes at a time while none of them could.
fn next_trouble(bytes: &[u8], from: usize) -> usize {
    const STEP: usize = 16;
    let mut start = from;
    while start < bytes.len() {
        let end = (start + STEP).min(bytes.len());
        if let Ok(chunk) = <&[u8; STEP]>::try_from(&bytes[start..end])
            && chunk
                .iter()
                .fold(0u8, |acc, &b| acc | u8::from(may_start_trouble(b)))
                == 0
        {
            start = end;
            continue;
        }
        if let Some(at) = (start..end).find(|&i| troublesome_at(bytes, i) || bytes[i] == b'\t') {
            return at;
        }
        start = end;
    }
    bytes.len()
}

/// The display column at the end of the output, kept up to date as the output grows so
/// that each tab costs only the text written since the last one: a line of many tabs
/// stays linear, not quadratic.
#[derive(Default)]
struct Column {
    /// How much of the output has been measured.
    measured: usize,
    /// The column at that point.
    column: usize,
}

impl Column {
    fn at_end(&mut self, out: &str) -> usize {
        let new = &out[self.measured..];
        let (start, base) = match new.rfind('\n') {
            Some(newline) => (newline + 1, 0),
            None => (0, self.column),
        };
        self.column = base
            + new[start..]
                .chars()
                .map(|c| c.width().unwrap_or(0))
                .sum::<usize>();
        self.measured = out.len();
        self.column
    }
}

/// Handles the control, escape sequence, tab or bidi character that opens `text`;
/// returns what follows it.
fn clean_one<'a>(text: &'a str, out: &mut String, column: &mut Column) -> &'a str {
    let mut chars = text.chars();
    let Some(c) = chars.next() else { return text };
    let rest = chars.as_str();
    let sequence = match c {
        ESC => match rest.chars().next() {
            Some('[') => Some((Sequence::Control, &rest[1..])),
            Some(next @ (']' | 'P' | '_' | '^' | 'X')) => {
                Some((Sequence::String, &rest[next.len_utf8()..]))
            }
            // A line break after ESC is text; any other character completes a
            // two-character escape (ESC c, ESC 7, …) and goes with it.
            Some('\n' | '\r') | None => return rest,
            Some(next) => return &rest[next.len_utf8()..],
        },
        '\u{9b}' => Some((Sequence::Control, rest)),
        '\u{9d}' | '\u{90}' | '\u{9f}' | '\u{9e}' | '\u{98}' => Some((Sequence::String, rest)),
        _ => None,
    };
    if let Some((kind, body)) = sequence {
        return skip_sequence(kind, body);
    }
    match c {
        '\u{b}' | '\u{c}' => out.push('\n'),
        '\r' => {
            out.push('\n');
            return rest.strip_prefix('\n').unwrap_or(rest);
        }
        '\t' => {
            let spaces = TAB_WIDTH - column.at_end(out) % TAB_WIDTH;
            out.extend(std::iter::repeat_n(' ', spaces));
        }
        c if is_bidi_control(c) => {}
        // C0 controls and DEL shown as their Unicode control pictures (␀, ␇, ␈, …).
        '\u{0}'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}')),
        '\u{7f}' => out.push('\u{2421}'),
        '\u{80}'..='\u{9f}' => out.push('\u{fffd}'),
        c => out.push(c),
    }
    rest
}

/// Skips an escape sequence's body; a line break ends a malformed one and stays as text.
fn skip_sequence(kind: Sequence, body: &str) -> &str {
    for (i, c) in body.char_indices() {
        if c == '\n' || c == '\r' {
            return &body[i..];
        }
        let end = i + c.len_utf8();
        match kind {
            Sequence::Control if ('\u{40}'..='\u{7e}').contains(&c) => return &body[end..],
            Sequence::String if c == BEL || c == '\u{9c}' => return &body[end..],
            Sequence::String if c == ESC => {
                return body[end..].strip_prefix('\\').unwrap_or(&body[end..]);
            }
            _ => {}
        }
    }
    ""
}

/// True when `text` holds nothing [`sanitize`] would change.
pub fn is_clean(text: &str) -> bool {
    !needs_work(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> String {
        sanitize(text).into_owned()
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(
            sanitize("plain text\nwith 中文"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn osc_title_and_clipboard_are_dropped_whole() {
        assert_eq!(s("a\u{1b}]0;PWNED\u{7}b"), "ab");
        assert_eq!(s("a\u{1b}]52;c;aGVsbG8=\u{7}b"), "ab");
        assert_eq!(s("a\u{1b}]0;PWNED\u{1b}\\b"), "ab");
    }

    #[test]
    fn csi_sequences_are_dropped() {
        assert_eq!(s("\u{1b}[2Jclear\u{1b}[1;31mred\u{1b}[0m"), "clearred");
        assert_eq!(s("x\u{9b}2Jy"), "xy");
    }

    #[test]
    fn c1_string_sequences_are_dropped() {
        assert_eq!(s("x\u{9d}0;title\u{9c}y"), "xy");
        assert_eq!(s("x\u{90}dcs data\u{1b}\\y"), "xy");
        assert_eq!(s("x\u{1b}_apc\u{7}y"), "xy");
    }

    #[test]
    fn unterminated_string_stops_at_the_line_end() {
        assert_eq!(s("a\u{1b}]0;never ends\nnext line"), "a\nnext line");
    }

    #[test]
    fn other_c1_controls_are_replaced() {
        let out = s("a\u{85}b\u{8d}c");
        assert_eq!(out, "a\u{fffd}b\u{fffd}c");
    }

    #[test]
    fn carriage_returns_become_newlines() {
        assert_eq!(s("safe\rEVIL"), "safe\nEVIL");
        assert_eq!(s("one\r\ntwo\r\n"), "one\ntwo\n");
    }

    #[test]
    fn backspace_bell_nul_are_inert_pictures() {
        assert_eq!(s("a\u{8}b\u{7}c\u{0}d"), "a\u{2408}b\u{2407}c\u{2400}d");
        assert_eq!(s("page\u{c}two"), "page\ntwo");
    }

    #[test]
    fn bidi_controls_are_dropped() {
        assert_eq!(s("abc\u{202e}def\u{2066}g\u{200f}"), "abcdefg");
    }

    #[test]
    fn tabs_expand_to_the_next_stop() {
        assert_eq!(s("\tx"), "        x");
        assert_eq!(s("abc\tx"), "abc     x");
        assert_eq!(s("中文\tx"), "中文    x");
        assert_eq!(s("a\n\tb"), "a\n        b");
    }

    #[test]
    fn tab_stops_count_from_the_latest_line_start() {
        assert_eq!(
            s("ab\tc\td\nx\ty\r\t中\tz"),
            "ab      c       d\nx       y\n        中      z"
        );
        assert_eq!(s("\u{1b}[31m\tx"), "        x");
    }

    #[test]
    fn many_tabs_on_one_line_take_linear_time() {
        let line = "a\t".repeat(100_000);
        let start = std::time::Instant::now();
        let out = s(&line);
        assert_eq!(out.len(), 800_000);
        assert!(out.starts_with("a       a       "));
        // Measuring the whole line again for each tab would take minutes here.
        assert!(
            start.elapsed() < std::time::Duration::from_secs(5),
            "{:?}",
            start.elapsed()
        );
    }

    #[test]
    fn trouble_candidates_are_controls_del_and_lead_bytes() {
        let all: Vec<u8> = (0..=255).collect();
        for block in all.chunks_exact(BLOCK) {
            let mask = trouble_candidates(ByteBlock::new(block.try_into().expect("a block")));
            for (n, &b) in block.iter().enumerate() {
                assert_eq!(mask >> n & 1 == 1, may_start_trouble(b), "byte {b:#x}");
            }
        }
    }

    /// The plain definition of [`needs_work`], to check the blockwise one against.
    fn needs_work_slowly(text: &str) -> bool {
        (0..text.len()).any(|i| troublesome_at(text.as_bytes(), i))
    }

    proptest::proptest! {
        #[test]
        fn next_trouble_matches_its_definition(
            text in "([a-z \n]{0,40}[\u{0}-\u{1f}\u{7f}-\u{9f}\u{61c}\u{200e}\u{202e}\u{2068}é—中]?){0,6}",
            from in 0usize..250,
        ) {
            let bytes = text.as_bytes();
            let from = from.min(bytes.len());
            let slowly = (from..bytes.len())
                .find(|&i| troublesome_at(bytes, i) || bytes[i] == b'\t')
                .unwrap_or(bytes.len());
            proptest::prop_assert_eq!(next_trouble(bytes, from), slowly);
        }

        #[test]
        fn needs_work_matches_its_definition(
            text in "([a-z \n]{0,90}[\u{0}-\u{1f}\u{7f}-\u{9f}\u{61c}\u{200e}\u{202e}\u{2068}é中]?){0,5}",
        ) {
            proptest::prop_assert_eq!(needs_work(&text), needs_work_slowly(&text));
        }
    }

    #[test]
    fn sanitize_line_joins_lines_and_trims() {
        assert_eq!(sanitize_line("  a  b\r\nc  "), "a  b c");
    }

    #[test]
    fn sanitising_twice_changes_nothing() {
        let once = s("x\u{1b}[31m\ty\r\u{7}\u{202e}\u{9b}z");
        assert_eq!(s(&once), once);
    }
}
