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
/// Blocks of 64 bytes are counted in a loop the compiler vectorises, so counting costs
/// little next to reading the file. Where a block holds other than ASCII, its ASCII
/// opening is counted as a block, and the other characters one by one.
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let window = &bytes[i..(i + BLOCK).min(bytes.len())];
        let mut spare = [b' '; BLOCK];
        let mut ascii = window.len();
        if !all_ascii(padded(window, &mut spare)) {
            ascii = window.iter().position(|&b| b >= 0x80).unwrap_or(ascii);
            spare = [b' '; BLOCK];
        }
        if ascii > 0 {
            let mut spare_before = [b' '; BLOCK];
            let before = shifted(bytes, i, ascii, in_word, &mut spare_before);
            count += ascii_word_starts(padded(&window[..ascii], &mut spare), before);
            in_word = is_ascii_word_byte(window[ascii - 1]);
            i += ascii;
        }
        // Characters beyond ASCII, one at a time, up to the next ASCII byte.
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

/// True when every byte is ASCII. Without early exit, so that it vectorises: most
/// blocks are all ASCII, and looking at every byte costs less than branching on each.
#[inline]
fn all_ascii(bytes: &[u8; BLOCK]) -> bool {
    bytes.iter().fold(0u8, |acc, &b| acc | u8::from(b >= 0x80)) == 0
}

/// `bytes` (at most a block) as a whole block: itself when it is one, else copied into
/// `spare`, which holds spaces (they start no word and are ASCII) after it.
#[inline]
fn padded<'a>(bytes: &'a [u8], spare: &'a mut [u8; BLOCK]) -> &'a [u8; BLOCK] {
    match bytes.try_into() {
        Ok(block) => block,
        Err(_) => {
            spare[..bytes.len()].copy_from_slice(bytes);
            spare
        }
    }
}

/// The bytes before each of the `len` ASCII bytes at `at`, as a block: the text itself
/// one byte back when that byte says what `in_word` says (a load, rather than shifting
/// classes through memory, which stalls), else built in `spare`, with a letter or a
/// space standing for `in_word`.
#[inline]
fn shifted<'a>(
    bytes: &'a [u8],
    at: usize,
    len: usize,
    in_word: bool,
    spare: &'a mut [u8; BLOCK],
) -> &'a [u8; BLOCK] {
    if len == BLOCK
        && let Some(before) = at.checked_sub(1)
        && is_ascii_word_byte(bytes[before]) == in_word
        && let Ok(block) = bytes[before..before + BLOCK].try_into()
    {
        return block;
    }
    spare[0] = if in_word { b'a' } else { b' ' };
    spare[1..len].copy_from_slice(&bytes[at..at + len - 1]);
    spare
}

/// Word starts in a block of ASCII: each word byte whose predecessor is not one.
#[inline]
fn ascii_word_starts(block: &[u8; BLOCK], before: &[u8; BLOCK]) -> usize {
    let mut starts = 0u8;
    for (&b, &prev) in block.iter().zip(before) {
        starts += u8::from(is_ascii_word_byte(b) & !is_ascii_word_byte(prev));
    }
    usize::from(starts)
}

/// ASCII letters and digits, without branches so the compiler can vectorise.
#[inline]
fn is_ascii_word_byte(b: u8) -> bool {
    ((b | 0x20).wrapping_sub(b'a') < 26) | (b.wrapping_sub(b'0') < 10)
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
    fn every_cjk_character_is_a_word() {
        assert_eq!(count_words("图书馆"), 3);
        assert_eq!(count_words("新しい図書館 opens"), 7);
        assert_eq!(count_words("한국어"), 3);
    }
}
