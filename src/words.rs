//! What a word is, for counting and (later) for matching: a maximal run of Unicode
//! letters, marks and digits; every Han, Kana and Hangul character is a word of its own.

use crate::byte_masks::{self, BLOCK};

/// True for characters that are words on their own: Han ideographs, Hiragana,
/// Katakana and Hangul syllables.
pub fn is_own_word(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}'   // Hiragana, Katakana
        | '\u{31f0}'..='\u{31ff}' // Katakana phonetic extensions
        | '\u{3400}'..='\u{4dbf}' // CJK extension A
        | '\u{4e00}'..='\u{9fff}' // CJK unified ideographs
        | '\u{f900}'..='\u{faff}' // CJK compatibility ideographs
        | '\u{ac00}'..='\u{d7af}' // Hangul syllables
        | '\u{1100}'..='\u{11ff}' // Hangul jamo
        | '\u{20000}'..='\u{2ffff}' // CJK extensions B and later
    )
}

/// True for letters, digits and combining marks: the characters that make up words.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// The common combining-mark blocks (general category M in practice).
fn is_combining_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036f}'
        | '\u{0483}'..='\u{0489}'
        | '\u{0591}'..='\u{05bd}'
        | '\u{0610}'..='\u{061a}'
        | '\u{064b}'..='\u{065f}'
        | '\u{0900}'..='\u{0903}'
        | '\u{093a}'..='\u{094f}'
        | '\u{1ab0}'..='\u{1aff}'
        | '\u{1dc0}'..='\u{1dff}'
        | '\u{20d0}'..='\u{20ff}'
        | '\u{3099}'..='\u{309a}'
        | '\u{fe20}'..='\u{fe2f}'
    )
}

/// Counts words in `text` by the rule above.
///
/// ASCII is looked at 64 bytes at a time as bit masks (one bit a byte: is it a letter or
/// digit, is it beyond ASCII), so a word start is a set bit whose lower neighbour is
/// clear and a block costs a few instructions. Characters beyond ASCII are taken one by
/// one, up to the next ASCII byte.
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let masks = WordMasks::at(bytes, i);
        if masks.beyond_ascii == 0 {
            // All ASCII (a last, short block is padded with spaces, which end words).
            let starts = masks.word & !((masks.word << 1) | u64::from(in_word));
            count += starts.count_ones() as usize;
            in_word = masks.word >> (BLOCK - 1) == 1;
            i += BLOCK;
            continue;
        }
        // The ASCII bytes before the first that is not, then the characters beyond
        // ASCII one at a time, up to the next ASCII byte.
        let ascii = masks.beyond_ascii.trailing_zeros() as usize;
        let words = masks.word & ((1u64 << ascii) - 1);
        count += (words & !((words << 1) | u64::from(in_word))).count_ones() as usize;
        if ascii > 0 {
            in_word = words >> (ascii - 1) & 1 == 1;
            i += ascii;
        }
        while let Some(c) = text[i..].chars().next().filter(|c| !c.is_ascii()) {
            i += c.len_utf8();
            if is_own_word(c) {
                count += 1;
                in_word = false;
            } else {
                let word_char = is_word_char(c);
                count += usize::from(word_char && !in_word);
                in_word = word_char;
            }
        }
    }
    count
}

/// What [`count_words`] needs to know of up to 64 bytes, a bit per byte (bit 0 for the
/// first): which are ASCII letters or digits, and which are beyond ASCII. Past the end
/// of the text, bytes count as spaces: ASCII, and no part of a word.
struct WordMasks {
    word: u64,
    beyond_ascii: u64,
}

impl WordMasks {
    #[inline]
    fn at(bytes: &[u8], at: usize) -> WordMasks {
        byte_masks::block_at(&bytes[at..], b' ', |block| WordMasks {
            word: block.in_range(b'a', b'z')
                | block.in_range(b'A', b'Z')
                | block.in_range(b'0', b'9'),
            beyond_ascii: block.beyond_ascii(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_runs_of_letters_and_digits() {
        assert_eq!(count_words("Hello, world! It's 2024."), 5);
        assert_eq!(count_words("  --  "), 0);
        assert_eq!(count_words("Café naïve Zürich"), 3);
        assert_eq!(count_words("cafe\u{301} x"), 2);
    }

    /// The straightforward definition, to check the fast one against.
    fn count_slowly(text: &str) -> usize {
        let mut count = 0;
        let mut in_word = false;
        for c in text.chars() {
            if is_own_word(c) {
                count += 1;
                in_word = false;
                continue;
            }
            let word_char = is_word_char(c);
            count += usize::from(word_char && !in_word);
            in_word = word_char;
        }
        count
    }

    #[test]
    fn fast_count_matches_the_definition_across_chunk_edges() {
        let samples = [
            "word ".repeat(40),
            "a".repeat(200),
            format!("{}é{}", "x".repeat(63), "y".repeat(70)),
            format!("{} 中文 {}", "ab ".repeat(30), "cd".repeat(50)),
            "It's 2024: the café—\"naïve\"—closed.\n\n".repeat(9),
        ];
        for text in &samples {
            assert_eq!(count_words(text), count_slowly(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn fast_count_matches_the_definition(text in "[a-z 0-9.,é中\n]{0,300}") {
            proptest::prop_assert_eq!(count_words(&text), count_slowly(&text));
        }

        #[test]
        fn fast_count_matches_the_definition_in_mostly_ascii_text(
            text in "([A-Za-z0-9 .,'\n-]{0,150}[é中—\u{301}]?){0,6}",
        ) {
            proptest::prop_assert_eq!(count_words(&text), count_slowly(&text));
        }
    }

    #[test]
    fn block_masks_say_what_each_byte_is() {
        let all: Vec<u8> = (0..=255).collect();
        // Whole blocks, and a last one padded with spaces.
        for start in (0..all.len()).step_by(BLOCK / 2) {
            let masks = WordMasks::at(&all, start);
            for (n, &b) in all[start..].iter().take(BLOCK).enumerate() {
                let word = b.is_ascii_alphanumeric();
                assert_eq!(masks.word >> n & 1 == 1, word, "byte {b:#x}");
                assert_eq!(masks.beyond_ascii >> n & 1 == 1, b >= 0x80, "byte {b:#x}");
            }
            let past_the_end = all.len() - start;
            if past_the_end < BLOCK {
                assert_eq!(masks.word >> past_the_end, 0);
                assert_eq!(masks.beyond_ascii >> past_the_end, 0);
            }
        }
    }

    #[test]
    fn every_cjk_character_is_a_word() {
        assert_eq!(count_words("图书馆"), 3);
        assert_eq!(count_words("新しい図書館 opens"), 7);
        assert_eq!(count_words("한국어"), 3);
    }
}
