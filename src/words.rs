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
pub fn count_words(text: &str) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for c in text.chars() {
        let word_char = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else if is_own_word(c) {
            count += 1;
            in_word = false;
            continue;
        } else {
            is_word_char(c)
        };
        if word_char && !in_word {
            count += 1;
        }
        in_word = word_char;
    }
    count
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

    #[test]
    fn every_cjk_character_is_a_word() {
        assert_eq!(count_words("图书馆"), 3);
        assert_eq!(count_words("新しい図書館 opens"), 7);
        assert_eq!(count_words("한국어"), 3);
    }
}
