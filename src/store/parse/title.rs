//! An article's title where its metadata gives none: the first `# heading` of Markdown
//! (as plain text), else the first line; from the file's name when the text has none; cut
//! with an ellipsis when it is really a paragraph.

use super::opening::opening;
use super::skip_blank_lines;
use crate::lines::{lines, split_line};
use crate::sanitize::sanitize_line;

/// Titles longer than this (a first line that is really a paragraph) are cut.
const MAX_TITLE_CHARS: usize = 200;

/// The first `# heading` (or a setext `===` heading) as the title, removed from the body
/// when it opens it; else the first line.
pub(super) fn markdown_title(text: &str) -> (Option<String>, &str) {
    let text = skip_blank_lines(text);
    let (first, rest) = split_line(text);
    if first.starts_with("# ") {
        return (heading_title(first), rest);
    }
    let (second, after) = split_line(rest);
    if !first.trim().is_empty()
        && second.trim().len() >= 3
        && second.trim().chars().all(|c| c == '=')
    {
        return (heading_title(&format!("# {}", first.trim())), after);
    }
    let mut in_fence = false;
    for line in lines(text) {
        if line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~") {
            in_fence = !in_fence;
        }
        if !in_fence && line.starts_with("# ") {
            return (heading_title(line), text);
        }
    }
    let first = lines(skip_blank_lines(text)).next().unwrap_or_default();
    let first = first.trim_start_matches('#').trim();
    (heading_title(&format!("# {first}")), text)
}

/// The plain text of an ATX heading line (`# The *big* day {#id}` gives `The big day`):
/// inline Markdown, escapes, entities and a closing `#` sequence are resolved as
/// CommonMark does, so `# Why C#` keeps its `#`.
fn heading_title(line: &str) -> Option<String> {
    // A title is cut at MAX_TITLE_CHARS anyway: no need to parse a whole long line.
    let line = opening(line, MAX_TITLE_CHARS * 16);
    match plain_heading(line) {
        Some(text) => clean_title(text),
        None => rendered_heading_title(line),
    }
}

/// The text of a `# heading` line in which Markdown has nothing to read (no emphasis,
/// code, links, HTML, entities, escapes or attributes), which is most headings: the
/// text as the Markdown parser would give it, without running the parser.
fn plain_heading(line: &str) -> Option<&str> {
    let text = line.strip_prefix("# ")?.trim_matches(' ');
    let markup = |c: char| {
        matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '<'
                | '>'
                | '!'
                | '&'
                | '#'
                | '|'
                | '~'
                | '{'
                | '}'
        ) || c.is_whitespace() && c != ' '
    };
    (!text.contains(markup)).then_some(text)
}

/// A heading's text as the Markdown parser renders it.
fn rendered_heading_title(line: &str) -> Option<String> {
    use pulldown_cmark::{Event, Options, Parser};
    let mut title = String::new();
    for event in Parser::new_ext(line, Options::ENABLE_HEADING_ATTRIBUTES) {
        match event {
            Event::Text(text) | Event::Code(text) => title.push_str(&text),
            Event::SoftBreak | Event::HardBreak => title.push(' '),
            _ => {}
        }
    }
    clean_title(&title)
}

/// The first non-blank line as the title, and the rest as the body.
pub(super) fn first_line(text: &str) -> (Option<String>, &str) {
    let text = skip_blank_lines(text);
    let (line, rest) = split_line(text);
    (clean_title(line.trim_start_matches('#')), rest)
}

/// A one-line title, cut at [`MAX_TITLE_CHARS`] with an ellipsis.
pub(super) fn clean_title(title: &str) -> Option<String> {
    let title = sanitize_line(title);
    if title.is_empty() {
        return None;
    }
    if title.chars().count() <= MAX_TITLE_CHARS {
        return Some(title);
    }
    let mut cut: String = title.chars().take(MAX_TITLE_CHARS).collect();
    if let Some(space) = cut.rfind(' ').filter(|&i| i > MAX_TITLE_CHARS / 2) {
        cut.truncate(space);
    }
    cut.push('…');
    Some(cut)
}

/// A title from the file name: `2024-11-21-night-ferry.md` gives `night ferry`.
pub(super) fn title_from_path(rel_path: &str) -> String {
    let name = rel_path.rsplit('/').next().unwrap_or(rel_path);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let words: Vec<&str> = stem
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let title = sanitize_line(&words.join(" "));
    if title.is_empty() {
        sanitize_line(stem)
    } else {
        title
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Format;
    use crate::store::parse::parse;

    fn markdown_title_of(text: &str) -> Option<String> {
        parse(text, "a.md", Format::Markdown).title
    }

    #[test]
    fn markdown_titles_are_plain_text() {
        for (text, title) in [
            ("# Why C# matters\n\nText.", "Why C# matters"),
            ("# Learning F#\n", "Learning F#"),
            ("# Closed heading ##\n", "Closed heading"),
            (
                "# The *big* day, `code` and [a link](https://example.com)\n",
                "The big day, code and a link",
            ),
            (
                "# Tom &amp; Jerry \\*not emphasis\\*\n",
                "Tom & Jerry *not emphasis*",
            ),
            ("# Anchored title {#anchor}\n", "Anchored title"),
            ("Setext *title*\n===\n\nText.", "Setext title"),
            ("Intro line.\n\n# Heading **later**\n", "Heading later"),
            ("```\n# not a title\n```\n\n# Real title\n", "Real title"),
            ("## Only a subheading\n\nText.", "Only a subheading"),
            ("1984. A first line\n\nText.", "1984. A first line"),
        ] {
            assert_eq!(markdown_title_of(text).as_deref(), Some(title), "{text:?}");
        }
    }

    #[test]
    fn a_heading_opening_the_file_leaves_the_body() {
        let parsed = parse("# Title\n\nBody text.\n", "a.md", Format::Markdown);
        assert_eq!(parsed.body, "\nBody text.\n");
        let parsed = parse("Intro.\n\n# Title\n\nBody.\n", "a.md", Format::Markdown);
        assert_eq!(parsed.body, "Intro.\n\n# Title\n\nBody.\n");
    }

    proptest::proptest! {
        #[test]
        fn a_plain_heading_reads_as_the_markdown_parser_reads_it(
            text in "[a-zA-Z0-9 é中.,:;'\"()?%$=+/-]{0,40}[*_`#!&<>{}~|\\\\\\[\\]]?[a-z ]{0,5}",
        ) {
            let line = format!("# {text}");
            if let Some(plain) = plain_heading(&line) {
                proptest::prop_assert_eq!(clean_title(plain), rendered_heading_title(&line));
            }
        }
    }
}
