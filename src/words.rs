//! What a word is, for counting and (later) for matching: a maximal run of Unicode
//! letters, marks and digits; every Han, Kana and Hangul character is a word of its own.

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
        let block = Block::at(bytes, i);
        if block.beyond_ascii == 0 {
            // All ASCII (a last, short block is padded with spaces, which end words).
            let starts = block.word & !((block.word << 1) | u64::from(in_word));
            count += starts.count_ones() as usize;
            in_word = block.word >> (BLOCK - 1) == 1;
            i += BLOCK;
            continue;
        }
        // The ASCII bytes before the first that is not, then the characters beyond
        // ASCII one at a time, up to the next ASCII byte.
        let ascii = block.beyond_ascii.trailing_zeros() as usize;
        let words = block.word & ((1u64 << ascii) - 1);
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

/// Bytes looked at together by [`count_words`].
const BLOCK: usize = 64;

/// What [`count_words`] needs to know of up to 64 bytes, a bit per byte (bit 0 for the
/// first): which are ASCII letters or digits, and which are beyond ASCII. Past the end
/// of the text, bytes count as spaces: ASCII, and no part of a word.
struct Block {
    word: u64,
    beyond_ascii: u64,
}

impl Block {
    #[inline]
    fn at(bytes: &[u8], at: usize) -> Block {
        let rest = &bytes[at..];
        match rest.first_chunk::<BLOCK>() {
            Some(block) => Block::of(block),
            None => {
                let mut spare = [b' '; BLOCK];
                spare[..rest.len()].copy_from_slice(rest);
                Block::of(&spare)
            }
        }
    }

    #[cfg(target_arch = "x86_64")]
    #[inline]
    fn of(block: &[u8; BLOCK]) -> Block {
        use std::arch::x86_64::{
            __m128i, _mm_add_epi8, _mm_cmplt_epi8, _mm_loadu_si128, _mm_movemask_epi8,
            _mm_or_si128, _mm_set1_epi8,
        };
        // SSE2 is part of every x86-64 processor. Compares are signed, so each range
        // test first shifts its range to start at -128: then "in range" is "less than
        // -128 + its length".
        let (mut word, mut beyond_ascii) = (0u64, 0u64);
        for (n, chunk) in block.chunks_exact(16).enumerate() {
            // SAFETY: every x86-64 processor has SSE2, and `chunk` is 16 readable bytes
            // (the load needs no alignment).
            let (letter_or_digit, high) = unsafe {
                let v = _mm_loadu_si128(chunk.as_ptr().cast::<__m128i>());
                let folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
                let letter = _mm_cmplt_epi8(
                    _mm_add_epi8(folded, _mm_set1_epi8((128 - i32::from(b'a')) as i8)),
                    _mm_set1_epi8(-128 + 26),
                );
                let digit = _mm_cmplt_epi8(
                    _mm_add_epi8(v, _mm_set1_epi8((128 - i32::from(b'0')) as i8)),
                    _mm_set1_epi8(-128 + 10),
                );
                (
                    _mm_movemask_epi8(_mm_or_si128(letter, digit)),
                    _mm_movemask_epi8(v),
                )
            };
            let shift = 16 * n;
            word |= u64::from(letter_or_digit as u16) << shift;
            beyond_ascii |= u64::from(high as u16) << shift;
        }
        Block { word, beyond_ascii }
    }

    #[cfg(not(target_arch = "x86_64"))]
    #[inline]
    fn of(block: &[u8; BLOCK]) -> Block {
        let (mut word, mut beyond_ascii) = (0u64, 0u64);
        for (n, &b) in block.iter().enumerate() {
            word |= u64::from(is_ascii_word_byte(b)) << n;
            beyond_ascii |= u64::from(b >= 0x80) << n;
        }
        Block { word, beyond_ascii }
    }
}

/// ASCII letters and digits.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn is_ascii_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
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
        for block in all.chunks_exact(BLOCK) {
            let masks = Block::of(block.try_into().expect("a block"));
            for (n, &b) in block.iter().enumerate() {
                assert_eq!(
                    masks.word >> n & 1 == 1,
                    is_ascii_word_byte(b),
                    "byte {b:#x}"
                );
                assert_eq!(masks.beyond_ascii >> n & 1 == 1, b >= 0x80, "byte {b:#x}");
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
