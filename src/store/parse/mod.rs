//! Reads one article's text (already decoded and sanitised) in whichever shape it has:
//! front matter, a header block, a `date …` first line, a `# heading`, or a plain
//! headline; then the date, source, author and tags from wherever they sit.

mod opening;
mod paragraphs;
mod title;
mod url;

use jiff::civil::Date;

use super::article::{Body, DateFrom, Format};
use super::date::{date_in_path, parse_date};
use super::fields::{self, Fields, Quotes};
use crate::lines::{lines, split_line};
use crate::sanitize::sanitize_line;
use crate::words::count_words;
use opening::{byline, date_in_opening, dateline_source};
pub use paragraphs::paragraphs;
use title::{clean_title, first_line, markdown_title, title_from_path};

/// Metadata read from an article's text and path. The mtime fallback is the caller's.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Parsed<'a> {
    pub title: Option<String>,
    pub date: Option<(Date, DateFrom)>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub tags: Vec<String>,
    pub description: Option<String>,
    /// The article's web address, when its metadata gives one that looks like a URL.
    pub url: Option<String>,
    /// The body: the text after any metadata and the title line.
    pub body: &'a str,
    pub format: Format,
    pub words: usize,
}

impl Parsed<'_> {
    /// The body in the shape the reader wants it.
    pub fn body(&self) -> Body {
        match self.format {
            Format::Markdown | Format::Html => {
                Body::Markdown(self.body.trim_matches('\n').to_owned())
            }
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
        parsed.body = headers_under_title(&mut parsed, body);
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
        } else {
            parsed.body = headers_under_title(&mut parsed, body);
        }
    }

    from_the_text(&mut parsed, rel_path);
    parsed
}

/// Parses a saved page's article (Markdown, sanitised) found at `rel_path`, with the
/// metadata the page stated (`fields`, keyed as front matter is).
pub fn parse_page<'a>(text: &'a str, rel_path: &str, fields: &Fields) -> Parsed<'a> {
    let mut parsed = Parsed {
        format: Format::Html,
        body: text,
        ..Parsed::default()
    };
    apply_fields(&mut parsed, fields);
    if parsed.title.is_none() {
        let (title, body) = markdown_title(text);
        parsed.title = title;
        parsed.body = body;
    }
    from_the_text(&mut parsed, rel_path);
    parsed
}

/// What the metadata did not say, from the path and the text: the date, the source,
/// the title from the file name; and the count of words.
fn from_the_text(parsed: &mut Parsed<'_>, rel_path: &str) {
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
}

/// Whether `paragraph` is only a byline (`Xinhua) 08:07, November 21, 2024`,
/// `By Jane Smith, Reuters`): one line that the parser reads as one.
pub fn is_byline(paragraph: &str) -> bool {
    !paragraph.contains('\n') && byline(paragraph).is_some()
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

/// Header lines right under a headline (`URL: https://…`, `Source: …`, with no blank
/// line between), read as a header block would be; the body after them. The headline
/// stays the title.
fn headers_under_title<'a>(parsed: &mut Parsed<'a>, body: &'a str) -> &'a str {
    if body.starts_with(['\n', '\r']) {
        return body;
    }
    let Some((fields, rest)) = header_block(body) else {
        return body;
    };
    let title = parsed.title.take();
    apply_fields(parsed, &fields);
    parsed.title = title.or(parsed.title.take());
    rest
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
    parsed.url = ["url", "canonical", "link"]
        .iter()
        .filter_map(|key| fields.get(key))
        .find_map(|value| url::web_address(&sanitize_line(&value.text())));
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
    fn header_lines_under_a_headline_are_metadata() {
        let text = "Pier closed for repairs\nURL: https://post.example/pier\nSource: Island Post\n\nAnglers must use the beach.\n";
        let parsed = parse(text, "pier.txt", Format::Text);
        assert_eq!(parsed.title.as_deref(), Some("Pier closed for repairs"));
        assert_eq!(parsed.url.as_deref(), Some("https://post.example/pier"));
        assert_eq!(parsed.source.as_deref(), Some("Island Post"));
        assert_eq!(parsed.body.trim(), "Anglers must use the beach.");
        // A first line of the text that only looks like a header stays text.
        let text = "Talks\nUpdate: talks resume on Monday\n\nMore later.\n";
        let parsed = parse(text, "talks.txt", Format::Text);
        assert!(parsed.body.contains("Update: talks resume"));
        // After a blank line, a `Key: value` line is the body's.
        let text = "Pier\n\nSource: the harbour office said so.\n";
        let parsed = parse(text, "pier.txt", Format::Text);
        assert_eq!(parsed.source, None);
    }

    #[test]
    fn date_line_with_byline_and_dateline() {
        let text = " date 2024-11-21 Lantern market opens\n\nXinhua) 08:07, November 21, 2024\n\nHANGZHOU, Nov. 20 (Xinhua) -- Stalls opened.\n";
        let parsed = parse(text, "a.txt", Format::Text);
        assert_eq!(parsed.title.as_deref(), Some("Lantern market opens"));
        assert_eq!(parsed.date, Some((date(2024, 11, 21), DateFrom::Text)));
        assert_eq!(parsed.source.as_deref(), Some("Xinhua"));
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
}
