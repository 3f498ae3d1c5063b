//! Words as the filter sees them: maximal runs of letters, marks and digits, each Han,
//! Kana and Hangul character a word of its own, compared case-folded with diacritics
//! removed. The index, the filter and the highlighter all split text here, so they
//! agree on what a word is.

use std::ops::Range;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::words::{is_own_word, is_word_char};

/// The words of `text` as byte ranges, in order.
pub fn word_ranges(text: &str) -> WordRanges<'_> {
    WordRanges { text, at: 0 }
}

/// Iterator behind [`word_ranges`].
pub struct WordRanges<'a> {
    text: &'a str,
    at: usize,
}

impl Iterator for WordRanges<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let rest = &self.text[self.at..];
        let (offset, first) = rest
            .char_indices()
            .find(|&(_, c)| is_word_char(c) || is_own_word(c))?;
        let start = self.at + offset;
        let mut end = start + first.len_utf8();
        if !is_own_word(first) {
            for c in self.text[end..].chars() {
                if !is_word_char(c) || is_own_word(c) {
                    break;
                }
                end += c.len_utf8();
            }
        }
        self.at = end;
        Some(start..end)
    }
}

/// `word` lowercased with its diacritics removed (`Café` → `cafe`), appended to `out`.
pub fn fold_into(word: &str, out: &mut String) {
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        if ('\u{ac00}'..='\u{d7af}').contains(&c) {
            // Hangul syllables stay whole: they carry no diacritics to remove.
            out.push(c);
            continue;
        }
        decompose_canonical(c, |part| {
            if !is_combining_mark(part) {
                out.extend(part.to_lowercase());
            }
        });
    }
}

/// `word` folded as by [`fold_into`].
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold_into(word, &mut out);
    out
}

/// The folded words of `text`, in order, with their byte ranges in `text`.
pub fn folded_words(text: &str) -> impl Iterator<Item = (Range<usize>, String)> + '_ {
    word_ranges(text).map(|range| {
        let folded = fold(&text[range.clone()]);
        (range, folded)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        folded_words(text).map(|(_, w)| w).collect()
    }

    #[test]
    fn words_are_runs_of_letters_marks_and_digits() {
        assert_eq!(
            words("Warner's 2024 café—naïve"),
            ["warner", "s", "2024", "cafe", "naive"]
        );
        assert_eq!(words("  -- "), Vec::<String>::new());
    }

    #[test]
    fn han_kana_and_hangul_are_words_of_their_own() {
        assert_eq!(words("新图书馆open"), ["新", "图", "书", "馆", "open"]);
        assert_eq!(words("カフェ한국"), ["カ", "フ", "ェ", "한", "국"]);
    }

    #[test]
    fn folding_removes_case_and_diacritics_in_either_form() {
        assert_eq!(fold("Café"), "cafe");
        assert_eq!(fold("CAFE\u{301}"), "cafe");
        assert_eq!(fold("Zürich"), "zurich");
        assert_eq!(fold("ÅNGSTRÖM"), "angstrom");
    }

    #[test]
    fn ranges_point_at_the_original_text() {
        let text = "Ünïcode — 東京!";
        let ranges: Vec<&str> = word_ranges(text).map(|r| &text[r]).collect();
        assert_eq!(ranges, ["Ünïcode", "東", "京"]);
    }
}
