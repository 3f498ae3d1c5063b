//! Text as terminal cells. Every grapheme folio draws goes through [`grapheme`], which
//! caps it, drops control characters, and reduces the emoji sequences whose width
//! terminals disagree on to a form they all draw alike; widths are unicode-width's.
//!
//! Terminals and unicode-width disagree on flags (regional-indicator pairs), emoji with
//! a variation selector (❤️ is one cell in tmux 3.3, two in unicode-width), skin tones
//! (👍🏽 is four cells in tmux 3.3) and ZWJ sequences (one to six cells, by terminal).
//! When a terminal's idea of a cell differs from ratatui's, redraws leave stray halves
//! behind. So a flag is drawn as its two letters (🇯🇵 as `JP`, a lone indicator as its
//! letter), and any other emoji sequence as its first character (❤️ as ❤, 👍🏽 as 👍,
//! 👨‍👩‍👧 as 👨), whose width every terminal agrees on.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Characters kept per grapheme: a base and its first combining marks. The rest of a
/// pile of thousands of marks is dropped so output stays bounded.
pub const MAX_GRAPHEME_CHARS: usize = 8;

const REGIONAL_A: u32 = 0x1F1E6;
const REGIONAL_Z: u32 = 0x1F1FF;

/// The grapheme `g` as it is drawn, and its width in cells.
pub fn grapheme(g: &str) -> (Cow<'_, str>, usize) {
    if let [byte] = g.as_bytes() {
        // ASCII, by far the most common: printable is one cell, a control none.
        return match byte {
            0x20..=0x7e => (Cow::Borrowed(g), 1),
            _ => (Cow::Borrowed(""), 0),
        };
    }
    let capped = match g.char_indices().nth(MAX_GRAPHEME_CHARS) {
        Some((end, _)) => &g[..end],
        None => g,
    };
    let text: Cow<'_, str> = if capped.chars().any(is_regional) {
        capped.chars().filter_map(regional_letter).collect()
    } else if is_emoji_sequence(capped) {
        capped.chars().take(1).collect::<String>().into()
    } else {
        capped.into()
    };
    let text = if text.chars().any(char::is_control) {
        text.chars().filter(|c| !c.is_control()).collect()
    } else {
        text
    };
    let width = text.width();
    (text, width)
}

/// The width of `text` in cells, as drawn.
pub fn str_width(text: &str) -> usize {
    if text.is_ascii() {
        // Each printable byte is a cell, a control none (as `grapheme` has it), without
        // splitting graphemes: the list measures a million sources at start.
        return text.bytes().filter(|b| (0x20..=0x7e).contains(b)).count();
    }
    graphemes(text).map(|g| grapheme(g).1).sum()
}

/// `text` with every grapheme as drawn (see [`grapheme`]).
pub fn safe(text: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut changed = false;
    for g in text.graphemes(true) {
        let (shown, _) = grapheme(g);
        changed |= shown != g;
        out.push_str(&shown);
    }
    if changed { out.into() } else { text.into() }
}

/// The graphemes of `text`, as unicode-segmentation splits it, but with ASCII taken a
/// byte at a time (five times faster on long articles): an ASCII byte is a grapheme of
/// its own unless a CR starts a CRLF or a non-ASCII mark follows it.
pub fn graphemes(text: &str) -> Graphemes<'_> {
    Graphemes { text, at: 0 }
}

pub struct Graphemes<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for Graphemes<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        let start = self.at;
        let first = *bytes.get(start)?;
        let next = bytes.get(start + 1).copied();
        let len = if first.is_ascii() && next.is_none_or(|b| b.is_ascii()) {
            if first == b'\r' && next == Some(b'\n') {
                2
            } else {
                1
            }
        } else {
            self.text[start..]
                .graphemes(true)
                .next()
                .map_or(1, str::len)
        };
        self.at = start + len;
        Some(&self.text[start..self.at])
    }
}

fn is_regional(c: char) -> bool {
    (REGIONAL_A..=REGIONAL_Z).contains(&(c as u32))
}

/// A regional indicator as its capital letter; other characters of a flag are dropped.
fn regional_letter(c: char) -> Option<char> {
    is_regional(c)
        .then(|| char::from_u32('A' as u32 + (c as u32 - REGIONAL_A)))
        .flatten()
}

/// True for a multi-character emoji sequence: one with a variation selector, a skin
/// tone, a keycap or tag characters, or a ZWJ after an emoji.
fn is_emoji_sequence(g: &str) -> bool {
    let mut chars = g.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let emoji_base = matches!(first as u32, 0x2190..=0x2BFF | 0x1F000..=0x1FAFF);
    chars.any(|c| match c as u32 {
        0xFE0E | 0xFE0F | 0x20E3 | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F => true,
        0x200D => emoji_base,
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn the_width_of_ascii_is_the_width_of_its_graphemes(text in "[\\x00-\\x7f]{0,40}") {
            let plain: usize = graphemes(&text).map(|g| grapheme(g).1).sum();
            proptest::prop_assert_eq!(str_width(&text), plain);
        }
    }

    fn shown(g: &str) -> (String, usize) {
        let (text, width) = grapheme(g);
        (text.into_owned(), width)
    }

    #[test]
    fn flags_become_letters_of_the_same_width() {
        assert_eq!(shown("🇯🇵"), ("JP".into(), 2));
        assert_eq!(shown("🇯"), ("J".into(), 1));
        assert_eq!(safe("a flag 🇯🇵🇯 here"), "a flag JPJ here");
    }

    #[test]
    fn emoji_sequences_keep_their_first_character() {
        assert_eq!(shown("❤\u{fe0f}"), ("❤".into(), 1));
        assert_eq!(shown("👍🏽"), ("👍".into(), 2));
        assert_eq!(shown("👨\u{200d}👩\u{200d}👧"), ("👨".into(), 2));
        assert_eq!(shown("#\u{fe0f}\u{20e3}"), ("#".into(), 1));
        assert_eq!(shown("🏳\u{fe0f}\u{200d}🌈"), ("🏳".into(), 1));
    }

    #[test]
    fn other_text_is_untouched() {
        for g in ["a", "é", "e\u{301}", "中", "🍣", "क\u{94d}\u{200d}"] {
            assert_eq!(shown(g).0, g);
        }
        assert!(matches!(safe("plain 中文 🍣"), Cow::Borrowed(_)));
    }

    #[test]
    fn the_fast_split_agrees_with_unicode_segmentation() {
        let text = "ab\r\nc e\u{301}x 中文 🇯🇵🇯 👍🏽!\r\r\n\n\u{7}q\u{300}\u{301}";
        let fast: Vec<&str> = graphemes(text).collect();
        let slow: Vec<&str> = text.graphemes(true).collect();
        assert_eq!(fast, slow);
    }

    proptest::proptest! {
        #[test]
        fn the_fast_split_agrees_on_any_mix(
            text in "[a \\r\\n\\t\u{301}\u{200d}\u{fe0f}\u{1f1ef}\u{1f1f5}\u{1f44d}\u{1f3fd}中é\u{7}]{0,40}"
        ) {
            let fast: Vec<&str> = graphemes(&text).collect();
            let slow: Vec<&str> = text.graphemes(true).collect();
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn controls_are_dropped_and_piles_capped() {
        assert_eq!(shown("\u{7}"), (String::new(), 0));
        let pile = format!("e{}", "\u{301}".repeat(1000));
        assert_eq!(shown(&pile).0.chars().count(), MAX_GRAPHEME_CHARS);
    }
}
