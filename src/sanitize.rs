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

/// Like [`sanitize`], for one-line fields (titles, tags, names): newlines and runs of
/// whitespace become single spaces, and the ends are trimmed.
pub fn sanitize_line(text: &str) -> String {
    let clean = sanitize(text);
    let mut out = String::with_capacity(clean.len());
    for word in clean.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// True when `text` has anything [`clean`] would change. Scans bytes, so it is cheap.
fn needs_work(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'\n' => {}
            0x00..=0x1f | 0x7f => return true,
            // U+0080..U+009F (C1 controls) are C2 80..C2 9F in UTF-8.
            0xc2 if matches!(bytes.get(i + 1), Some(0x80..=0x9f)) => return true,
            // U+061C ARABIC LETTER MARK is D8 9C.
            0xd8 if bytes.get(i + 1) == Some(&0x9c) => return true,
            // U+200E/F, U+202A..E, U+2066..9: E2 80 8E/8F, E2 80 AA..AE, E2 81 A6..A9.
            0xe2 => match (bytes.get(i + 1), bytes.get(i + 2)) {
                (Some(0x80), Some(0x8e | 0x8f | 0xaa..=0xae)) => return true,
                (Some(0x81), Some(0xa6..=0xa9)) => return true,
                _ => {}
            },
            _ => {}
        }
        i += 1;
    }
    false
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
    let mut column = 0usize;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let sequence = match c {
            ESC => match chars.peek() {
                Some('[') => {
                    chars.next();
                    Some(Sequence::Control)
                }
                Some(']' | 'P' | '_' | '^' | 'X') => {
                    chars.next();
                    Some(Sequence::String)
                }
                Some(&next) => {
                    // A two-character escape (ESC c, ESC 7, …): drop both, unless the
                    // second is a line break, which is text.
                    if next != '\n' && next != '\r' {
                        chars.next();
                    }
                    continue;
                }
                None => continue,
            },
            '\u{9b}' => Some(Sequence::Control),
            '\u{9d}' | '\u{90}' | '\u{9f}' | '\u{9e}' | '\u{98}' => Some(Sequence::String),
            _ => None,
        };
        match sequence {
            Some(Sequence::Control) => {
                // Parameter and intermediate bytes, then the final byte. A line break
                // ends a malformed sequence and stays as text.
                while let Some(&next) = chars.peek() {
                    if next == '\n' || next == '\r' {
                        break;
                    }
                    chars.next();
                    if ('\u{40}'..='\u{7e}').contains(&next) {
                        break;
                    }
                }
                continue;
            }
            Some(Sequence::String) => {
                while let Some(&next) = chars.peek() {
                    if next == '\n' || next == '\r' {
                        break;
                    }
                    chars.next();
                    if next == BEL || next == '\u{9c}' {
                        break;
                    }
                    if next == ESC {
                        if chars.peek() == Some(&'\\') {
                            chars.next();
                        }
                        break;
                    }
                }
                continue;
            }
            None => {}
        }
        match c {
            '\n' | '\u{b}' | '\u{c}' => {
                out.push('\n');
                column = 0;
            }
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
                column = 0;
            }
            '\t' => {
                let spaces = TAB_WIDTH - column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            c if is_bidi_control(c) => {}
            // C0 controls and DEL shown as their Unicode control pictures (␀, ␇, ␈, …).
            '\u{0}'..='\u{1f}' => {
                out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'));
                column += 1;
            }
            '\u{7f}' => {
                out.push('\u{2421}');
                column += 1;
            }
            '\u{80}'..='\u{9f}' => {
                out.push('\u{fffd}');
                column += 1;
            }
            c => {
                out.push(c);
                column += c.width().unwrap_or(0);
            }
        }
    }
    out
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
        assert!(matches!(sanitize("plain text\nwith 中文"), Cow::Borrowed(_)));
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
    fn sanitize_line_collapses_whitespace() {
        assert_eq!(sanitize_line("  a\tb\r\nc  "), "a b c");
    }

    #[test]
    fn sanitising_twice_changes_nothing() {
        let once = s("x\u{1b}[31m\ty\r\u{7}\u{202e}\u{9b}z");
        assert_eq!(s(&once), once);
    }
}
