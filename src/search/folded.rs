//! Text kept folded for matching: the words of a field as [`crate::query::tokens`] folds
//! them, joined by single spaces with a space at each end (` old mill road `), so a
//! phrase is a substring search and a word boundary is a space.

use crate::query::tokens::{fold_into, word_ranges};

/// A field's folded words, space-separated, with a space at each end.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded(Box<str>);

impl Folded {
    pub fn new(text: &str) -> Folded {
        let mut out = String::with_capacity(text.len() + 2);
        out.push(' ');
        for range in word_ranges(text) {
            fold_into(&text[range], &mut out);
            out.push(' ');
        }
        Folded(out.into_boxed_str())
    }

    /// Several fields (tags) in one: a phrase never runs from one into the next.
    pub fn many<'a>(texts: impl IntoIterator<Item = &'a str>) -> Folded {
        let mut out = String::from(" ");
        for text in texts {
            let one = Folded::new(text);
            out.push_str(&one.0[1..]);
            out.push_str("\n ");
        }
        Folded(out.into_boxed_str())
    }

    /// Bytes held.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.trim().is_empty()
    }

    /// True when `pattern` occurs here.
    pub fn has(&self, pattern: &Pattern) -> bool {
        self.0.contains(pattern.0.as_str())
    }

    /// How many times `pattern` occurs here, counting up to `limit`.
    pub fn count(&self, pattern: &Pattern, limit: usize) -> usize {
        let (text, needle) = (&*self.0, pattern.0.as_str());
        let prefix = !needle.ends_with(' ');
        let mut found = 0;
        let mut at = 0;
        while found < limit
            && let Some(offset) = text[at..].find(needle)
        {
            found += 1;
            // A whole-word match keeps its last space for the next match to start on; a
            // match by a word's start skips the rest of that word.
            at += offset + needle.len() - usize::from(!prefix);
            if prefix {
                at += text[at..].find(' ').unwrap_or(text.len() - at);
            }
            if at >= text.len() {
                break;
            }
        }
        found
    }
}

/// Folded words to look for in a [`Folded`]: ` w1 w2 ` (whole words), or ` w1 w2`
/// when the last need only start a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern(String);

impl Pattern {
    pub fn new(words: &[String], prefix: bool) -> Pattern {
        let mut pattern = String::from(" ");
        pattern.push_str(&words.join(" "));
        if !prefix {
            pattern.push(' ');
        }
        Pattern(pattern)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str], prefix: bool) -> Pattern {
        let list: Vec<String> = list.iter().map(|w| w.to_string()).collect();
        Pattern::new(&list, prefix)
    }

    #[test]
    fn phrases_and_prefixes_on_word_boundaries() {
        let text = Folded::new("The Old  Mill, the old millpond; Café 東京");
        assert!(text.has(&words(&["old", "mill"], false)));
        assert_eq!(text.count(&words(&["old", "mill"], true), 9), 2);
        assert_eq!(text.count(&words(&["old", "mill"], false), 9), 1);
        assert!(!text.has(&words(&["ld"], true)));
        assert!(text.has(&words(&["cafe"], false)));
        assert!(text.has(&words(&["東", "京"], false)));
        assert_eq!(text.count(&words(&["the"], false), 9), 2);
        assert_eq!(text.count(&words(&["the"], false), 1), 1);
        assert_eq!(text.count(&words(&["t"], true), 9), 2);
    }

    #[test]
    fn a_phrase_stays_inside_one_tag() {
        let tags = Folded::many(["world news", "economy"]);
        assert!(tags.has(&words(&["news"], false)));
        assert!(tags.has(&words(&["econ"], true)));
        assert!(!tags.has(&words(&["news", "economy"], false)));
    }
}
