//! Which bytes of an article's text each line on screen shows. A block knows its source
//! range; within it, each wrapped line's letters and digits are found in order in the
//! source, so Markdown markup (`*`, `#`, link brackets) and the spaces wrapping removed
//! fall between lines rather than breaking the match. A selection of lines is then a
//! range of the text a bookmark can keep.

use std::ops::Range;

use ratatui::text::Line;

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
            for c in text.chars().filter(|c| c.is_alphanumeric()) {
                let Some(offset) = source[at..end].find(c) else {
                    continue; // not in the source as written (an entity, say): skip it
                };
                let start = at + offset;
                at = start + c.len_utf8();
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

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(texts: &[&str]) -> Vec<Line<'static>> {
        texts.iter().map(|t| Line::from(t.to_string())).collect()
    }

    fn shown<'s>(source: &'s str, ranges: &[Option<Range<usize>>]) -> Vec<Option<&'s str>> {
        ranges
            .iter()
            .map(|r| r.clone().map(|r| &source[r]))
            .collect()
    }

    #[test]
    fn plain_lines_map_to_their_words() {
        let source = "Before.\n\nThe wheel turned for a century, then stopped.";
        let start = source.find("The").unwrap();
        let ranges = align(
            &lines(&["The wheel turned", "for a century, then", "stopped."]),
            "",
            "",
            source,
            start..source.len(),
        );
        assert_eq!(
            shown(source, &ranges),
            [
                Some("The wheel turned"),
                Some("for a century, then"),
                Some("stopped.")
            ]
        );
    }

    #[test]
    fn punctuation_at_the_edges_belongs_to_the_line() {
        let source = "He said \"**stop**.\" Then left.";
        let ranges = align(
            &lines(&["He said \"stop.\"", "Then left."]),
            "",
            "",
            source,
            0..source.len(),
        );
        assert_eq!(
            shown(source, &ranges),
            [Some("He said \"**stop**.\""), Some("Then left.")]
        );
    }

    #[test]
    fn markup_and_prefixes_are_skipped() {
        let source = "- The *old* [mill](http://x.org) turned\n  slowly";
        let ranges = align(
            &lines(&["• The old mill <http://x.org>", "  turned slowly"]),
            "• ",
            "  ",
            source,
            2..source.len(),
        );
        assert_eq!(
            shown(source, &ranges),
            [
                Some("The *old* [mill](http://x.org)"),
                Some("turned\n  slowly")
            ]
        );
    }

    #[test]
    fn wide_text_broken_anywhere_still_maps() {
        let source = "東京の図書館は古い。";
        let ranges = align(
            &lines(&["東京の図", "書館は古い。"]),
            "",
            "",
            source,
            0..source.len(),
        );
        assert_eq!(
            shown(source, &ranges),
            [Some("東京の図"), Some("書館は古い。")]
        );
    }

    #[test]
    fn characters_missing_from_the_source_do_not_derail_the_rest() {
        let source = "Caf&eacute; society was loud.";
        let ranges = align(
            &lines(&["Café society", "was loud."]),
            "",
            "",
            source,
            0..source.len(),
        );
        assert_eq!(
            shown(source, &ranges),
            [Some("Caf&eacute; society"), Some("was loud.")]
        );
    }
}
