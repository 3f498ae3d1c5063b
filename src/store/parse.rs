//! Reads one article's text (already decoded and sanitised) in whichever shape it has:
//! front matter, a header block, a `date …` first line, a `# heading`, or a plain
//! headline; then the date, source, author and tags from wherever they sit.

use jiff::civil::Date;

use super::article::{Body, DateFrom, Format};
use super::date::{date_in_path, find_date, parse_date};
use super::fields::{self, Fields, Quotes};
use crate::lines::{lines, split_line};
use crate::sanitize::sanitize_line;
use crate::words::{count_words, is_own_word};

/// Titles longer than this (a first line that is really a paragraph) are cut.
const MAX_TITLE_CHARS: usize = 200;

/// A byline (`Xinhua) 08:07, November 21, 2024`) is never longer than this.
const MAX_BYLINE_CHARS: usize = 80;

/// Metadata read from an article's text and path. The mtime fallback is the caller's.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Parsed<'a> {
    pub title: Option<String>,
    pub date: Option<(Date, DateFrom)>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub tags: Vec<String>,
    pub description: Option<String>,
    /// The body: the text after any metadata and the title line.
    pub body: &'a str,
    pub format: Format,
    pub words: usize,
}

impl Parsed<'_> {
    /// The body in the shape the reader wants it.
    pub fn body(&self) -> Body {
        match self.format {
            Format::Markdown => Body::Markdown(self.body.trim_matches('\n').to_owned()),
            Format::Text => Body::Paragraphs(paragraphs(self.body)),
        }
    }
}

/// Parses sanitised `text` found at `rel_path` (`/`-separated, relative to its root).
pub fn parse<'a>(text: &'a str, rel_path: &str, format: Format) -> Parsed<'a> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = skip_blank_lines(text);
    let mut parsed = Parsed {
        format,
        ..Parsed::default()
    };

    if let Some((fields, body)) = front_matter(text) {
        parsed.format = Format::Markdown;
        parsed.body = body;
        apply_fields(&mut parsed, &fields);
        if parsed.title.is_none() {
            let (title, body) = markdown_title(body);
            parsed.title = title;
            parsed.body = body;
        }
    } else if let Some((fields, body)) = header_block(text) {
        // Before the `date …` line: a header block may open with `date: 2024-11-21 08:07`.
        parsed.body = body;
        apply_fields(&mut parsed, &fields);
        if parsed.title.is_none() {
            let (title, body) = first_line(body);
            parsed.title = title;
            parsed.body = body;
        }
    } else if let Some((date, title, body)) = date_line(text) {
        parsed.title = Some(title);
        parsed.date = Some((date, DateFrom::Text));
        parsed.body = body;
    } else if format == Format::Markdown {
        let (title, body) = markdown_title(text);
        parsed.title = title;
        parsed.body = body;
    } else {
        let (title, body) = first_line(text);
        parsed.title = title;
        parsed.body = body;
        // A long first line is a paragraph, not a headline: keep it in the body too.
        if parsed.title.as_ref().is_some_and(|t| t.ends_with('…')) {
            parsed.body = text;
        }
    }

    if parsed.date.is_none() {
        parsed.date = date_in_path(rel_path).map(|d| (d, DateFrom::Path));
    }
    let byline = byline(parsed.body);
    if parsed.date.is_none() {
        parsed.date = byline
            .as_ref()
            .and_then(|b| b.date)
            .or_else(|| date_in_opening(parsed.body))
            .map(|d| (d, DateFrom::Text));
    }
    if parsed.source.is_none() {
        parsed.source = byline
            .and_then(|b| b.source)
            .or_else(|| dateline_source(parsed.body));
    }
    if parsed.title.is_none() {
        parsed.title = Some(title_from_path(rel_path));
    }
    parsed.words = count_words(parsed.body);
    parsed
}

/// `text` from its first line that is not blank. Looks at each line only up to its first
/// character that is not white space, so a long first line is not searched for its end.
fn skip_blank_lines(text: &str) -> &str {
    let mut rest = text;
    loop {
        let line_start = rest.trim_start_matches(|c: char| c != '\n' && c.is_whitespace());
        match line_start.strip_prefix('\n') {
            Some(after) => rest = after,
            None => return rest,
        }
    }
}

/// `+++` TOML or `---` YAML front matter: its fields and the text after it.
fn front_matter(text: &str) -> Option<(Fields, &str)> {
    let (first, rest) = split_line(text);
    let fence = first.trim_end();
    if fence != "+++" && fence != "---" {
        return None;
    }
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == fence || (fence == "---" && bare == "...") {
            let source = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let fields = if fence == "+++" {
                fields::from_toml(source)
                    .or_else(|| {
                        let filled = lines(source).filter(|l| !l.trim().is_empty());
                        fields::from_lines(filled, Quotes::Strip)
                    })
                    .unwrap_or_default()
            } else {
                fields::from_yaml(source)
            };
            return Some((fields, body));
        }
        offset += line.len();
    }
    None
}

/// An e-mail style header block: `Key: value` lines, then a blank line.
fn header_block(text: &str) -> Option<(Fields, &str)> {
    let end = header_end(text)?;
    let fields = fields::from_lines(lines(&text[..end]), Quotes::Keep)?;
    Some((fields, &text[end..]))
}

/// Lines a header block has at most.
const MAX_HEADER_LINES: usize = 24;

/// Where a header block at the start of `text` would end: at the first blank line, or
/// at the end of the text; `None` when that is more than [`MAX_HEADER_LINES`] lines in.
/// Looks no further than that, however long the text.
fn header_end(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut line_start = 0;
    for _ in 0..MAX_HEADER_LINES {
        let Some(feed) = memchr::memchr(b'\n', &bytes[line_start..]).map(|i| line_start + i) else {
            return Some(text.len());
        };
        match bytes.get(feed + 1) {
            None => return Some(text.len()),
            Some(b'\n') => return Some(feed),
            Some(_) => line_start = feed + 1,
        }
    }
    None
}

/// A first line `date 2024-11-21 Headline` (leading spaces allowed).
fn date_line(text: &str) -> Option<(Date, String, &str)> {
    let (line, rest) = split_line(text);
    let line = line.trim_start().strip_prefix("date")?;
    if !line.starts_with([' ', '\t', ':']) {
        return None;
    }
    let line = line.trim_start_matches([' ', '\t', ':']);
    let (stamp, title) = line.split_once(' ').unwrap_or((line, ""));
    let date = parse_date(stamp)?;
    let title = clean_title(title)?;
    Some((date, title, rest))
}

/// What a byline such as `Xinhua) 08:07, November 21, 2024` holds.
struct Byline {
    source: Option<String>,
    date: Option<Date>,
}

/// A byline in the first non-blank line of the body: `Source) HH:MM, Month D, YYYY`.
///
/// The line must be short and hold little besides the source and the time: a sentence
/// such as `The mayor (who spoke) 3 times said on 5 May 2024 …` is not a byline.
fn byline(body: &str) -> Option<Byline> {
    // A line of more than four bytes a character is too long whatever it holds, so the
    // search for its end stops there.
    let text = skip_blank_lines(opening(body, 1024));
    let (line, _) = split_line(opening(text, MAX_BYLINE_CHARS * 4 + 1));
    if line.len() > MAX_BYLINE_CHARS * 4 || line.chars().count() > MAX_BYLINE_CHARS {
        return None;
    }
    let (source, after) = line.split_once(')')?;
    let source = source.trim().trim_start_matches('(').trim();
    let after = after.trim_start();
    if source.is_empty()
        || source.contains('(')
        || source.chars().count() > 40
        || !after.starts_with(|c: char| c.is_ascii_digit())
        || after.chars().filter(|c| c.is_alphabetic()).count() > 20
    {
        return None;
    }
    let date = find_date(after);
    date?;
    Some(Byline {
        source: Some(sanitize_line(source)),
        date,
    })
}

/// A date standing alone on one of the body's first lines (`21 November 2024`,
/// `Published: Nov. 21, 2024`): a short line that is mostly the date.
fn date_in_opening(body: &str) -> Option<Date> {
    // Only whole short lines count, so a line cut off by the opening's end is left out.
    let head = opening(body, 512);
    let whole = if head.len() < body.len() {
        head.rsplit_once('\n').map_or("", |(whole, _)| whole)
    } else {
        head
    };
    lines(whole)
        .filter(|line| !line.trim().is_empty())
        .take(3)
        .filter(|line| line.len() <= 60)
        .find_map(|line| {
            let line = line.trim();
            let line = line
                .split_once(':')
                .filter(|(key, _)| key.len() <= 12 && key.chars().all(char::is_alphabetic))
                .map_or(line, |(_, value)| value);
            let date = find_date(line)?;
            let letters = line.chars().filter(|c| c.is_alphabetic()).count();
            (letters <= 20).then_some(date)
        })
}

/// The agency in a dateline that opens the first paragraphs:
/// `HANGZHOU, Nov. 20 (Xinhua) -- …` gives `Xinhua`.
fn dateline_source(body: &str) -> Option<String> {
    paragraph_openings(opening(body, 4096))
        .take(3)
        .find_map(|opening| {
            // Cheap test first: a dateline opens with a capital letter and has a ')'.
            if !opening.starts_with(|c: char| c.is_uppercase()) {
                return None;
            }
            let head = &opening[..opening
                .char_indices()
                .nth(120)
                .map_or(opening.len(), |(i, _)| i)];
            let close = head.find(')')?;
            let after = head[close + 1..].trim_start();
            if !(after.starts_with("--") || after.starts_with('—') || after.starts_with('–')) {
                return None;
            }
            let open = head[..close].rfind('(')?;
            let city = head[..open].split(',').next().unwrap_or_default();
            let city_in_capitals =
                city.chars().any(char::is_alphabetic) && !city.chars().any(char::is_lowercase);
            let agency = head[open + 1..close].trim();
            (city_in_capitals && !agency.is_empty() && agency.chars().count() <= 40)
                .then(|| sanitize_line(agency))
        })
}

/// The first `max` bytes of `text` (less, to end on a character boundary): metadata in
/// the text sits near its start, so there is no need to search the whole body.
fn opening(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The first line of each paragraph (a line after a blank line, or the first line).
fn paragraph_openings(body: &str) -> impl Iterator<Item = &str> {
    let mut after_blank = true;
    lines(body).filter_map(move |line| {
        let line = line.trim_start();
        let opens = after_blank && !line.is_empty();
        after_blank = line.is_empty();
        opens.then_some(line)
    })
}

/// The first `# heading` (or a setext `===` heading) as the title, removed from the body
/// when it opens it; else the first line.
fn markdown_title(text: &str) -> (Option<String>, &str) {
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
fn first_line(text: &str) -> (Option<String>, &str) {
    let text = skip_blank_lines(text);
    let (line, rest) = split_line(text);
    (clean_title(line.trim_start_matches('#')), rest)
}

/// A one-line title, cut at [`MAX_TITLE_CHARS`] with an ellipsis.
fn clean_title(title: &str) -> Option<String> {
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
fn title_from_path(rel_path: &str) -> String {
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

/// Fills the metadata from front matter or header fields.
fn apply_fields(parsed: &mut Parsed<'_>, fields: &Fields) {
    let text = |keys: &[&str]| {
        fields
            .first(keys)
            .map(|v| sanitize_line(&v.text()))
            .filter(|s| !s.is_empty())
    };
    parsed.title = fields
        .first(&["title", "headline"])
        .and_then(|v| clean_title(&v.text()));
    parsed.source = text(&["source", "publication", "publisher", "site"]);
    parsed.author = text(&["author", "authors", "by", "byline"]);
    parsed.description = text(&["description", "summary"]);
    let mut tags: Vec<String> = Vec::new();
    for key in ["tags", "keywords", "categories"] {
        for tag in fields.get(key).map(|v| v.list()).unwrap_or_default() {
            let tag = sanitize_line(&tag);
            if !tag.is_empty() && !tags.contains(&tag) {
                tags.push(tag);
            }
        }
    }
    parsed.tags = tags;
    parsed.date = fields
        .first(&["date", "published", "pubdate", "created", "updated"])
        .and_then(|v| parse_date(&v.text()))
        .map(|d| (d, DateFrom::Metadata))
        .or_else(|| {
            fields
                .first(&["path", "slug", "url", "permalink"])
                .and_then(|v| date_in_path(&v.text()))
                .map(|d| (d, DateFrom::Path))
        });
}

/// Plain text as paragraphs: blank lines separate them, hard-wrapped lines are joined
/// with a space (none between two CJK characters). Lines that start a list item keep
/// their line break.
pub fn paragraphs(body: &str) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    for line in lines(body) {
        let line = line.trim();
        if line.is_empty() {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
            continue;
        }
        if !current.is_empty() {
            if starts_list_item(line) {
                current.push('\n');
            } else {
                let joins_cjk = current.chars().next_back().is_some_and(is_own_word)
                    && line.chars().next().is_some_and(is_own_word);
                if !joins_cjk {
                    current.push(' ');
                }
            }
        }
        current.push_str(line);
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs
}

fn starts_list_item(line: &str) -> bool {
    if let Some(rest) = line.strip_prefix(['-', '*', '•']) {
        return rest.starts_with(' ');
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    digits > 0
        && digits < 4
        && line[digits..].starts_with(['.', ')'])
        && line[digits + 1..].starts_with(' ')
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn lowercase_header_opening_with_a_date_and_time() {
        let text = "date: 2024-11-21 08:07\ntitle: Ferry talks resume\nsource: Island Post\n\nBody text.\n";
        let parsed = parse(text, "a.txt", Format::Text);
        assert_eq!(parsed.title.as_deref(), Some("Ferry talks resume"));
        assert_eq!(parsed.date, Some((date(2024, 11, 21), DateFrom::Metadata)));
        assert_eq!(parsed.source.as_deref(), Some("Island Post"));
        assert_eq!(parsed.words, 2);
    }

    #[test]
    fn date_line_with_byline_and_dateline() {
        let text = " date 2024-11-21 Lantern market opens\n\nXinhua) 08:07, November 21, 2024\n\nHANGZHOU, Nov. 20 (Xinhua) -- Stalls opened.\n";
        let parsed = parse(text, "a.txt", Format::Text);
        assert_eq!(parsed.title.as_deref(), Some("Lantern market opens"));
        assert_eq!(parsed.date, Some((date(2024, 11, 21), DateFrom::Text)));
        assert_eq!(parsed.source.as_deref(), Some("Xinhua"));
    }

    #[test]
    fn a_byline_alone_gives_source_and_date() {
        let text =
            "Harvest begins\n\n(Xinhua) 16:40, April 9, 2024\n\nPickers moved up the slopes.\n";
        let parsed = parse(text, "a.txt", Format::Text);
        assert_eq!(parsed.date, Some((date(2024, 4, 9), DateFrom::Text)));
        assert_eq!(parsed.source.as_deref(), Some("Xinhua"));
    }

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

    /// The plain definition of [`skip_blank_lines`], to check the faster one against.
    fn skip_blank_lines_slowly(text: &str) -> &str {
        let mut rest = text;
        while let Some((line, after)) = rest.split_once('\n') {
            if !line.trim().is_empty() {
                break;
            }
            rest = after;
        }
        rest
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

        #[test]
        fn a_header_block_ends_at_the_first_blank_line_within_24_lines(
            text in "([a:]{0,3}\n{0,2}){0,30}",
        ) {
            // The plain definition: up to the first blank line, if that is 24 lines or fewer.
            let end = text.find("\n\n").unwrap_or(text.len());
            let slowly = (text[..end].lines().count() <= MAX_HEADER_LINES).then_some(end);
            proptest::prop_assert_eq!(header_end(&text), slowly);
        }

        #[test]
        fn skipping_blank_lines_matches_its_definition(text in "[ \t\r\n\u{a0}\u{2028}a]{0,40}") {
            proptest::prop_assert_eq!(skip_blank_lines(&text), skip_blank_lines_slowly(&text));
        }
    }

    #[test]
    fn a_sentence_with_brackets_is_not_a_byline() {
        let text = "A plain headline\n\nThe mayor (who spoke) 3 times said on 5 May 2024 that the works would finish soon.\n";
        let parsed = parse(text, "a.txt", Format::Text);
        assert_eq!(parsed.source, None);
        assert_eq!(parsed.date, None);
        let text = "A plain headline\n\nResidents) 12 of them, said on 5 May 2024 that the works were taking far too long to finish.\n";
        assert_eq!(parse(text, "a.txt", Format::Text).source, None);
    }
}
