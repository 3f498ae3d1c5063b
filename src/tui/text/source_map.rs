//! Which bytes of an article's text each line on screen shows. A block knows its source
//! range; within it, each wrapped line's words (runs of letters and digits) are found in
//! order in the source, so Markdown markup (`*`, `#`, link brackets) and the spaces
//! wrapping removed fall between them rather than breaking the match. Each is looked for
//! only a little way ahead ([`LOOKAHEAD`]): a word the source does not have there (one
//! with an entity such as `&eacute;` shown as `é`, the `image:` folio writes before an
//! image's text) is passed over instead of pulling the rest of the block out of line.
//! A selection of lines is then a range of the text a bookmark can keep.

use std::ops::Range;

use ratatui::text::Line;

/// How far ahead in the source, in bytes, the next word on screen may start: room for
/// the markup between two words (a link's `](`, emphasis, a footnote mark).
pub const LOOKAHEAD: usize = 64;

/// For each of `lines` (one block, wrapped), the bytes of `source` within `range` it
/// shows, or `None` for a line with no letter or digit of the source (a rule, a bullet
/// alone). `first_prefix` and `prefix` are the block's line prefixes (quote bars,
/// bullets), which are not part of the source.
pub fn align(
    lines: &[Line<'_>],
    first_prefix: &str,
    prefix: &str,
    source: &str,
    range: Range<usize>,
) -> Vec<Option<Range<usize>>> {
    let end = range.end.min(source.len());
    let mut at = range.start.min(end);
    let mut ranges: Vec<Option<Range<usize>>> = lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
            let own = if i == 0 { first_prefix } else { prefix };
            let text = text.strip_prefix(own).unwrap_or(&text);
            let mut found: Option<Range<usize>> = None;
            for word in text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
            {
                let mut near = (at + LOOKAHEAD + word.len()).min(end);
                while !source.is_char_boundary(near) {
                    near += 1;
                }
                let Some((offset, len)) = find_word(&source[at..near], word) else {
                    continue; // not in the source as written here: pass it over
                };
                let start = at + offset;
                at = start + len;
                found = Some(found.map_or(start..at, |f| f.start..at));
            }
            found
        })
        .collect();
    // Punctuation touching a line's first or last word belongs to it: the closing full
    // stop, an opening quotation mark, emphasis around the words.
    let mut floor = 0;
    for found in ranges.iter_mut().flatten() {
        let before = &source[floor..found.start];
        let lead = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| !c.is_whitespace() && !c.is_alphanumeric())
            .last()
            .map_or(found.start, |(i, _)| floor + i);
        let after = &source[found.end..end];
        let trail: usize = after
            .chars()
            .take_while(|c| !c.is_whitespace() && !c.is_alphanumeric())
            .map(char::len_utf8)
            .sum();
        *found = lead..found.end + trail;
        floor = found.end;
    }
    ranges
}

/// Where `word` is in `source`, and how many bytes of it: the whole word, else its
/// longest opening of at least [`MIN_OPENING`] characters (`caf` of `café` where the
/// source writes `caf&eacute;`).
fn find_word(source: &str, word: &str) -> Option<(usize, usize)> {
    if let Some(offset) = source.find(word) {
        return Some((offset, word.len()));
    }
    let ends: Vec<usize> = word
        .char_indices()
        .map(|(i, _)| i)
        .skip(MIN_OPENING)
        .collect();
    ends.into_iter()
        .rev()
        .find_map(|end| source.find(&word[..end]).map(|offset| (offset, end)))
}

/// The fewest characters of a word that count as finding it.
const MIN_OPENING: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(texts: &[&str]) -> Vec<Line<'static>> {
        texts.iter().map(|t| Line::from(t.to_string())).collect()
    }

    /// What each of `shown` (lines on screen) maps to in all of `source`.
    fn mapped<'s>(source: &'s str, shown: &[&str]) -> Vec<Option<&'s str>> {
        mapped_from(source, 0, ("", ""), shown)
    }

    /// What each of `shown` maps to in `source` from `start` on, the first line drawn
    /// after `prefixes.0` and the others after `prefixes.1`.
    fn mapped_from<'s>(
        source: &'s str,
        start: usize,
        prefixes: (&str, &str),
        shown: &[&str],
    ) -> Vec<Option<&'s str>> {
        let ranges = align(
            &lines(shown),
            prefixes.0,
            prefixes.1,
            source,
            start..source.len(),
        );
        ranges
            .into_iter()
            .map(|range| range.map(|range| &source[range]))
            .collect()
    }

    #[test]
    fn plain_lines_map_to_their_words() {
        let source = "Before.\n\nThe wheel turned for a century, then stopped.";
        let start = source.find("The").unwrap();
        assert_eq!(
            mapped_from(
                source,
                start,
                ("", ""),
                &["The wheel turned", "for a century, then", "stopped."]
            ),
            [
                Some("The wheel turned"),
                Some("for a century, then"),
                Some("stopped.")
            ]
        );
    }

    #[test]
    fn a_character_the_source_has_only_further_on_does_not_pull_the_block_along() {
        // `é` is written as an entity here, and appears as itself only at the end.
        let source = "The caf&eacute; on the quay opened at six and served tea to the \
                      fishermen until the last boat was in, every day but one, at the café.";
        assert_eq!(
            mapped(
                source,
                &[
                    "The café on the quay opened",
                    "at six and served tea to the",
                    "fishermen until the last boat",
                    "was in, every day but one, at",
                    "the café.",
                ]
            ),
            [
                Some("The caf&eacute; on the quay opened"),
                Some("at six and served tea to the"),
                Some("fishermen until the last boat"),
                Some("was in, every day but one, at"),
                Some("the café.")
            ]
        );
    }

    #[test]
    fn text_folio_adds_is_passed_over() {
        let source = "A map ![the old quay](quay.png) of the harbour.";
        assert_eq!(
            mapped(
                source,
                &["A map [image: the old quay] <quay.png> of the", "harbour."]
            ),
            [
                Some("A map ![the old quay](quay.png) of the"),
                Some("harbour.")
            ]
        );
    }

    #[test]
    fn punctuation_at_the_edges_belongs_to_the_line() {
        let source = "He said \"**stop**.\" Then left.";
        assert_eq!(
            mapped(source, &["He said \"stop.\"", "Then left."]),
            [Some("He said \"**stop**.\""), Some("Then left.")]
        );
    }

    #[test]
    fn markup_and_prefixes_are_skipped() {
        let source = "- The *old* [mill](http://x.org) turned\n  slowly";
        assert_eq!(
            mapped_from(
                source,
                2,
                ("• ", "  "),
                &["• The old mill <http://x.org>", "  turned slowly"]
            ),
            [
                Some("The *old* [mill](http://x.org)"),
                Some("turned\n  slowly")
            ]
        );
    }

    #[test]
    fn wide_text_broken_anywhere_still_maps() {
        let source = "東京の図書館は古い。";
        assert_eq!(
            mapped(source, &["東京の図", "書館は古い。"]),
            [Some("東京の図"), Some("書館は古い。")]
        );
    }

    #[test]
    fn characters_missing_from_the_source_do_not_derail_the_rest() {
        let source = "Caf&eacute; society was loud.";
        assert_eq!(
            mapped(source, &["Café society", "was loud."]),
            [Some("Caf&eacute; society"), Some("was loud.")]
        );
    }
}
