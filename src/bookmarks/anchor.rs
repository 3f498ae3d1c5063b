//! Finding a bookmarked passage again: the W3C Web Annotation TextQuoteSelector (the
//! quote with up to [`CONTEXT`] characters of text before and after it) plus the
//! quote's character offset, re-anchored in the article's current text by offset, then
//! by quote and context, then ignoring differences in whitespace, and last, reworded,
//! by the closest text near its place ([`super::fuzzy`]).

/// Characters of text kept before and after a quote.
pub const CONTEXT: usize = 32;

/// Where a passage is: its quote, the text around it, and its offset in characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector {
    /// The passage itself, as the article's text has it.
    pub exact: String,
    /// Up to [`CONTEXT`] characters just before the passage.
    pub prefix: String,
    /// Up to [`CONTEXT`] characters just after it.
    pub suffix: String,
    /// Characters of the article's text before the passage.
    pub offset: usize,
}

/// How a passage was found in the current text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// At its stored offset, with its context unchanged.
    Offset,
    /// By its quote, the occurrence whose context matches best (nearest the offset on a tie).
    Quote,
    /// By its quote with every run of whitespace counted as one space.
    Loose,
    /// Reworded: the text near its place that comes closest to the quote, within a
    /// bound on the edits between them.
    Fuzzy,
}

/// A passage found in the current text: a range of characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    pub start: usize,
    pub end: usize,
    pub method: Method,
}

impl Selector {
    /// The selector for the bytes `start..end` of `text` (both on character boundaries).
    pub fn at(text: &str, start: usize, end: usize) -> Selector {
        let before = &text[..start];
        let prefix_start = before
            .char_indices()
            .rev()
            .nth(CONTEXT - 1)
            .map_or(0, |(i, _)| i);
        let after = &text[end..];
        let suffix_end = after
            .char_indices()
            .nth(CONTEXT)
            .map_or(after.len(), |(i, _)| i);
        Selector {
            exact: text[start..end].to_owned(),
            prefix: before[prefix_start..].to_owned(),
            suffix: after[..suffix_end].to_owned(),
            offset: before.chars().count(),
        }
    }

    /// The selector for the first place `quote` occurs in `text`, whitespace aside.
    pub fn find(text: &str, quote: &str) -> Option<Selector> {
        let (start, end) = loose_matches(text, quote).into_iter().next()?;
        Some(Selector::at(text, start, end))
    }

    /// The passage in `text` (the article's current text), or `None` when it is gone.
    pub fn anchor(&self, text: &str) -> Option<Anchor> {
        let found = |(start, end): (usize, usize), method| Anchor {
            start: text[..start].chars().count(),
            end: text[..end].chars().count(),
            method,
        };
        if self.exact.is_empty() {
            return None;
        }
        let full = self.prefix.chars().count() + self.suffix.chars().count();
        if let Some(start) = byte_of_char(text, self.offset)
            && text[start..].starts_with(&self.exact)
            && self.context_score(text, start, start + self.exact.len()) == full
        {
            return Some(found((start, start + self.exact.len()), Method::Offset));
        }
        let best = text
            .match_indices(self.exact.as_str())
            .map(|(start, quote)| (start, start + quote.len()))
            .max_by_key(|&(start, end)| {
                let distance = text[..start].chars().count().abs_diff(self.offset);
                (
                    self.context_score(text, start, end),
                    std::cmp::Reverse(distance),
                )
            });
        if let Some(range) = best {
            return Some(found(range, Method::Quote));
        }
        let best = loose_matches(text, &self.exact)
            .into_iter()
            .max_by_key(|&(start, end)| {
                let distance = text[..start].chars().count().abs_diff(self.offset);
                (
                    self.context_score(text, start, end),
                    std::cmp::Reverse(distance),
                )
            });
        if let Some(range) = best {
            return Some(found(range, Method::Loose));
        }
        let chars: Vec<char> = text.chars().collect();
        let near = super::fuzzy::find(self, &chars)?;
        Some(Anchor {
            start: near.start,
            end: near.end,
            method: Method::Fuzzy,
        })
    }

    /// How many characters of the stored context the text around `start..end` repeats.
    fn context_score(&self, text: &str, start: usize, end: usize) -> usize {
        let before = self
            .prefix
            .chars()
            .rev()
            .zip(text[..start].chars().rev())
            .take_while(|(a, b)| a == b)
            .count();
        let after = self
            .suffix
            .chars()
            .zip(text[end..].chars())
            .take_while(|(a, b)| a == b)
            .count();
        before + after
    }
}

/// The byte index of character `n` of `text`, or `None` past its end.
pub fn byte_of_char(text: &str, n: usize) -> Option<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .nth(n)
}

/// The bytes of the first place `quote` occurs in `text`, whitespace aside.
pub fn loose_find(text: &str, quote: &str) -> Option<(usize, usize)> {
    loose_matches(text, quote).into_iter().next()
}

/// True when `quote` occurs in `text`, counting every run of whitespace as one space.
pub fn occurs_in(text: &str, quote: &str) -> bool {
    !loose_matches(text, quote).is_empty()
}

/// Every place (byte range) `quote` occurs in `text` when every run of whitespace in
/// either counts as one space; whitespace at the quote's ends is ignored.
fn loose_matches(text: &str, quote: &str) -> Vec<(usize, usize)> {
    let (quote, _) = collapse(quote.trim());
    if quote.is_empty() {
        return Vec::new();
    }
    let (collapsed, origin) = collapse(text);
    let Some(last) = quote.chars().next_back() else {
        return Vec::new();
    };
    collapsed
        .match_indices(quote.as_str())
        .map(|(at, _)| {
            let last_at = at + quote.len() - last.len_utf8();
            (origin[at], origin[last_at] + last.len_utf8())
        })
        .collect()
}

/// `text` with every run of whitespace made one space, and for each byte of the result,
/// the byte of `text` it came from.
fn collapse(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    let mut in_space = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
                origin.push(i);
            }
            in_space = true;
        } else {
            out.push(c);
            origin.extend(std::iter::repeat_n(i, c.len_utf8()));
            in_space = false;
        }
    }
    (out, origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "The harbour wall was built in 1820. Storms broke it twice. \
        The town rebuilt the harbour wall with granite from the quarry above the bay, \
        and the harbour wall has stood since.";

    fn select(text: &str, quote: &str, occurrence: usize) -> Selector {
        let (start, _) = text
            .match_indices(quote)
            .nth(occurrence)
            .expect("the quote");
        Selector::at(text, start, start + quote.len())
    }

    fn passage(text: &str, anchor: Anchor) -> String {
        text.chars()
            .skip(anchor.start)
            .take(anchor.end - anchor.start)
            .collect()
    }

    #[test]
    fn keeps_thirty_two_characters_either_side() {
        let selector = select(TEXT, "granite", 0);
        assert_eq!(selector.prefix.chars().count(), CONTEXT);
        assert_eq!(selector.suffix.chars().count(), CONTEXT);
        assert!(selector.prefix.ends_with("harbour wall with "));
        assert!(selector.suffix.starts_with(" from the quarry"));
        let start = select(TEXT, "The harbour", 0);
        assert_eq!((start.prefix.as_str(), start.offset), ("", 0));
        let multibyte = "ŝi diris: «ĉu vi venos?» kaj foriris";
        let selector = select(multibyte, "venos", 0);
        assert_eq!(selector.offset, 17);
        assert_eq!(selector.prefix, "ŝi diris: «ĉu vi ");
    }

    #[test]
    fn an_unchanged_text_anchors_at_the_offset() {
        let selector = select(TEXT, "harbour wall", 1);
        let anchor = selector.anchor(TEXT).expect("found");
        assert_eq!(anchor.method, Method::Offset);
        assert_eq!(anchor.start, selector.offset);
        assert_eq!(passage(TEXT, anchor), "harbour wall");
    }

    #[test]
    fn text_inserted_before_moves_the_anchor() {
        let selector = select(TEXT, "granite from the quarry", 0);
        let changed = format!("A new first paragraph, about the bay.\n\n{TEXT}");
        let anchor = selector.anchor(&changed).expect("found");
        assert_eq!(anchor.method, Method::Quote);
        assert_eq!(anchor.start, selector.offset + 39);
        assert_eq!(passage(&changed, anchor), "granite from the quarry");
    }

    #[test]
    fn a_quote_that_occurs_twice_finds_the_right_one_by_its_context() {
        for occurrence in 0..3 {
            let selector = select(TEXT, "harbour wall", occurrence);
            let changed = format!("Preface. {TEXT}");
            let anchor = selector.anchor(&changed).expect("found");
            assert_eq!(anchor.start, selector.offset + 9, "occurrence {occurrence}");
        }
        // With the context gone too, the occurrence nearest the old offset wins.
        let selector = select(TEXT, "harbour wall", 1);
        let bare = "x harbour wall y ".repeat(9);
        let anchor = selector.anchor(&bare).expect("found");
        let nearest = bare
            .match_indices("harbour wall")
            .map(|(i, _)| bare[..i].chars().count())
            .min_by_key(|&at| at.abs_diff(selector.offset))
            .expect("some");
        assert_eq!(anchor.start, nearest);
    }

    #[test]
    fn edits_inside_the_context_still_find_the_passage() {
        let selector = select(TEXT, "Storms broke it twice.", 0);
        let changed = TEXT.replace("built in 1820", "built in the year 1820");
        let anchor = selector.anchor(&changed).expect("found");
        assert_eq!(passage(&changed, anchor), "Storms broke it twice.");
    }

    #[test]
    fn whitespace_changes_inside_the_quote_are_found_loosely() {
        let selector = select(TEXT, "granite from the quarry", 0);
        let rewrapped = TEXT.replace("granite from the", "granite\n  from\tthe");
        let anchor = selector.anchor(&rewrapped).expect("found");
        assert_eq!(anchor.method, Method::Loose);
        assert_eq!(passage(&rewrapped, anchor), "granite\n  from\tthe quarry");
    }

    #[test]
    fn edits_inside_the_quote_or_its_deletion_lose_it() {
        let selector = select(TEXT, "granite from the quarry", 0);
        // Reworded past the bound (a quarter of the quote's characters).
        let edited = TEXT.replace("granite from the quarry", "stone brought by ship");
        assert_eq!(selector.anchor(&edited), None);
        let deleted = TEXT.replace("with granite from the quarry above the bay", "");
        assert_eq!(selector.anchor(&deleted), None);
        assert_eq!(selector.anchor(""), None);
    }

    proptest::proptest! {
        #[test]
        fn any_passage_is_found_where_it_was(
            text in "[ab \n🦀é]{0,60}",
            from in 0usize..61,
            len in 1usize..20,
        ) {
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            proptest::prop_assume!(from + len <= chars.len());
            let start = chars[from].0;
            let end = chars.get(from + len).map_or(text.len(), |&(i, _)| i);
            let selector = Selector::at(&text, start, end);
            let anchor = selector.anchor(&text).expect("found in its own text");
            proptest::prop_assert_eq!((anchor.start, anchor.end), (from, from + len));
            proptest::prop_assert_eq!(anchor.method, Method::Offset);
        }
    }

    #[test]
    fn finds_quotes_ignoring_whitespace() {
        let text = "one  two\nthree\u{a0}four";
        let selector = Selector::find(text, " two three four ").expect("found");
        assert_eq!(selector.exact, "two\nthree\u{a0}four");
        assert_eq!(selector.offset, 5);
        assert!(occurs_in(text, "one two"));
        assert!(!occurs_in(text, "onetwo"));
        assert!(!occurs_in(text, "   "));
    }
}
