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
/// Runs of ASCII are counted in a loop the compiler vectorises, so counting costs little
/// next to reading the file; other characters are looked at one by one.
pub fn count_words(text: &str) -> usize {
    const STEP: usize = 16;
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        while let Some(block) = bytes.get(i..i + STEP)
            && block.iter().fold(0u8, |acc, &b| acc | b) < 0x80
        {
            i += STEP;
        }
        while i < bytes.len() && bytes[i] < 0x80 {
            i += 1;
        }
        if i > start {
            count += count_ascii_words(&bytes[start..i], in_word);
            in_word = is_ascii_word_byte(bytes[i - 1]);
        }
        if i == bytes.len() {
            break;
        }
        // `i` is at the start of a multi-byte character: ASCII bytes never end one.
        let c = text[i..].chars().next().unwrap_or('\u{fffd}');
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
    count
}

/// Word starts in a run of ASCII bytes: each word byte whose predecessor is not one.
fn count_ascii_words(run: &[u8], in_word_before: bool) -> usize {
    // Blocks of 255 pairs keep a byte-wide sum from overflowing, and vectorise well.
    let mut count = usize::from(is_ascii_word_byte(run[0]) & !in_word_before);
    for (block, before) in run[1..].chunks(255).zip(run.chunks(255)) {
        let starts = block.iter().zip(before).fold(0u8, |sum, (&b, &prev)| {
            sum + u8::from(is_ascii_word_byte(b) & !is_ascii_word_byte(prev))
        });
        count += usize::from(starts);
    }
    count
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
    }

    #[test]
    fn every_cjk_character_is_a_word() {
        assert_eq!(count_words("图书馆"), 3);
        assert_eq!(count_words("新しい図書館 opens"), 7);
        assert_eq!(count_words("한국어"), 3);
    }
}
