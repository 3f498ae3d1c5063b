//! Markdown as plain-text paragraphs, for `folio show` and for copying from the
//! reader: headings as their text, list items after `- ` or `1. `, quotes after `> `,
//! code indented four spaces, table rows with their cells between ` | `, links followed
//! by their address.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use crate::sanitize::sanitize;

/// The Markdown folio reads: CommonMark with tables, strikethrough, task lists and
/// footnotes, for the reader, `folio show` and finding a copied passage alike.
pub const MARKDOWN: Options = Options::ENABLE_STRIKETHROUGH
    .union(Options::ENABLE_TABLES)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_FOOTNOTES);

/// The top-level blocks of the Markdown `source`, each a paragraph of one or more lines,
/// sanitised.
pub fn markdown_paragraphs(source: &str) -> Vec<String> {
    let mut builder = Builder::default();
    for event in Parser::new_ext(source, MARKDOWN) {
        builder.event(event);
    }
    builder.flush();
    builder
        .paragraphs
        .into_iter()
        .map(|lines| sanitize(&lines.join("\n")).into_owned())
        .filter(|paragraph| !paragraph.trim().is_empty())
        .collect()
}

/// The words of the Markdown `source` as a reader sees them (no `*`, `[`, `](…)` or
/// `#`; with `addresses`, link text followed by ` <address>`, as
/// [`markdown_paragraphs`] writes it), and for each byte of that text the bytes of
/// `source` it stands for: a passage copied from `folio show` or the screen is found in
/// the source through them.
pub fn shown_text(source: &str, addresses: bool) -> (String, Vec<(usize, usize)>) {
    let mut text = String::new();
    let mut sources: Vec<(usize, usize)> = Vec::new();
    let mut push = |piece: &str, source_of: &dyn Fn(usize) -> (usize, usize)| {
        text.push_str(piece);
        sources.extend((0..piece.len()).map(source_of));
    };
    for (event, range) in Parser::new_ext(source, MARKDOWN).into_offset_iter() {
        let (start, end) = (range.start, range.end);
        match event {
            Event::Text(piece) | Event::Code(piece) => {
                // Text as written maps byte for byte; text made from an entity or an
                // escape stands for its whole range.
                match source.get(start..end).and_then(|s| s.find(&*piece)) {
                    Some(at) => push(&piece, &|i| (start + at + i, start + at + i + 1)),
                    None => push(&piece, &|_| (start, end)),
                }
            }
            Event::SoftBreak | Event::HardBreak => push(" ", &|_| (start, start)),
            Event::End(TagEnd::Link) if addresses => {
                if let Some(url) = link_address(&source[start..end]) {
                    push(&format!(" <{url}>"), &|_| (end, end));
                }
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableCell
                | TagEnd::TableRow
                | TagEnd::TableHead,
            ) => push("\n", &|_| (end, end)),
            _ => {}
        }
    }
    (text, sources)
}

/// The address of an inline link written `[text](address)` or `<address>`.
fn link_address(link: &str) -> Option<&str> {
    if link.starts_with('<') {
        return None; // an autolink shows its address as its text already
    }
    let open = link.rfind("](")?;
    let address = link[open + 2..].strip_suffix(')')?;
    Some(address.split_whitespace().next().unwrap_or(address))
}

/// A block that holds other blocks, with what it has gathered of them so far.
enum Frame {
    /// A block quote: its blocks, each lines.
    Quote(Vec<Vec<String>>),
    /// A list: the number of its next item (`None` for a bulleted list), and the lines
    /// of its items so far.
    List(Option<u64>, Vec<String>),
    /// A list item: its marker (`- `, `3. `) and its blocks' lines.
    Item(String, Vec<String>),
}

#[derive(Default)]
struct Builder {
    /// The finished top-level blocks.
    paragraphs: Vec<Vec<String>>,
    /// The containers open now, outermost first.
    frames: Vec<Frame>,
    /// The text of the block being read (a paragraph, heading, code block, table row).
    text: String,
    /// The rows of the table being read.
    rows: Vec<String>,
    /// Cells of the table row so far.
    cells: usize,
    /// The code block being read keeps its text as written, to be indented.
    in_code: bool,
    /// Addresses of the links and images open now, and the text each has so far.
    links: Vec<(String, String)>,
}

impl Builder {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) | Event::Code(text) => self.push(&text),
            Event::Html(html) | Event::InlineHtml(html) => self.push(&html),
            Event::InlineMath(math) | Event::DisplayMath(math) => self.push(&math),
            Event::FootnoteReference(name) => self.push(&format!("[^{name}]")),
            Event::SoftBreak => self.push(" "),
            Event::HardBreak => self.push("\n"),
            Event::Rule => {
                self.flush();
                self.block(vec!["---".to_owned()]);
            }
            Event::TaskListMarker(done) => self.push(if done { "[x] " } else { "[ ] " }),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph | Tag::Heading { .. } | Tag::HtmlBlock => self.flush(),
            Tag::CodeBlock(kind) => {
                self.flush();
                self.in_code = true;
                if let CodeBlockKind::Fenced(lang) = kind
                    && !lang.is_empty()
                {
                    self.text.push_str(&format!("[{lang}]\n"));
                }
            }
            Tag::BlockQuote(_) => {
                self.flush();
                self.frames.push(Frame::Quote(Vec::new()));
            }
            Tag::List(start) => {
                self.flush();
                self.frames.push(Frame::List(start, Vec::new()));
            }
            Tag::Item => {
                self.flush();
                let marker = match self.frames.last_mut() {
                    Some(Frame::List(Some(n), _)) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    _ => "- ".to_owned(),
                };
                self.frames.push(Frame::Item(marker, Vec::new()));
            }
            Tag::Table(_) => {
                self.flush();
                self.rows.clear();
            }
            Tag::TableHead | Tag::TableRow => self.cells = 0,
            Tag::TableCell => {
                if self.cells > 0 {
                    self.text.push_str(" | ");
                }
                self.cells += 1;
            }
            Tag::Link { dest_url, .. } => self.links.push((dest_url.into_string(), String::new())),
            Tag::Image { dest_url, .. } => {
                self.push("[image: ");
                self.links.push((dest_url.into_string(), String::new()));
            }
            Tag::FootnoteDefinition(name) => {
                self.flush();
                self.push(&format!("[^{name}]: "));
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::HtmlBlock
            | TagEnd::FootnoteDefinition => self.flush(),
            TagEnd::CodeBlock => {
                let code = std::mem::take(&mut self.text);
                self.in_code = false;
                let lines = code
                    .trim_end_matches('\n')
                    .split('\n')
                    .map(|line| {
                        if line.trim().is_empty() {
                            String::new()
                        } else {
                            format!("    {line}")
                        }
                    })
                    .collect();
                self.block(lines);
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                let row = std::mem::take(&mut self.text);
                self.rows.push(row.trim().to_owned());
            }
            TagEnd::Table => {
                let rows = std::mem::take(&mut self.rows);
                self.block(rows);
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                if let Some(Frame::Quote(blocks)) = self.frames.pop() {
                    let mut lines = Vec::new();
                    for (n, block) in blocks.into_iter().enumerate() {
                        if n > 0 {
                            lines.push(">".to_owned());
                        }
                        lines.extend(block.into_iter().map(|line| {
                            if line.is_empty() {
                                ">".to_owned()
                            } else {
                                format!("> {line}")
                            }
                        }));
                    }
                    self.block(lines);
                }
            }
            TagEnd::List(_) => {
                self.flush();
                if let Some(Frame::List(_, lines)) = self.frames.pop() {
                    self.block(lines);
                }
            }
            TagEnd::Item => {
                self.flush();
                if let Some(Frame::Item(marker, lines)) = self.frames.pop() {
                    let indent = " ".repeat(marker.chars().count());
                    let mut item: Vec<String> = Vec::with_capacity(lines.len().max(1));
                    for (n, line) in lines.into_iter().enumerate() {
                        item.push(match (n, line.is_empty()) {
                            (0, _) => format!("{marker}{line}").trim_end().to_owned(),
                            (_, true) => line,
                            (_, false) => format!("{indent}{line}"),
                        });
                    }
                    if item.is_empty() {
                        item.push(marker.trim_end().to_owned());
                    }
                    if let Some(Frame::List(_, list)) = self.frames.last_mut() {
                        list.extend(item);
                    } else {
                        self.block(item);
                    }
                }
            }
            TagEnd::Link | TagEnd::Image => {
                if tag == TagEnd::Image {
                    self.push("]");
                }
                if let Some((url, text)) = self.links.pop()
                    && !url.is_empty()
                    && url != text
                    && format!("mailto:{text}") != url
                {
                    self.push(&format!(" <{url}>"));
                }
            }
            _ => {}
        }
    }

    /// Adds inline text to the block being read (and to the links open).
    fn push(&mut self, text: &str) {
        self.text.push_str(text);
        for (_, link_text) in &mut self.links {
            link_text.push_str(text);
        }
    }

    /// Ends the block being read, if it has any text: a list item's text that is not in
    /// a paragraph (a tight list) ends when the item does or another block starts.
    fn flush(&mut self) {
        if self.in_code {
            return;
        }
        let text = std::mem::take(&mut self.text);
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let lines = text
            .split('\n')
            .map(|line| line.trim().to_owned())
            .collect();
        self.block(lines);
    }

    /// Hands a finished block to the container it is in, or makes it a paragraph.
    fn block(&mut self, lines: Vec<String>) {
        match self.frames.last_mut() {
            Some(Frame::Quote(blocks)) => blocks.push(lines),
            Some(Frame::Item(_, item)) => item.extend(lines),
            Some(Frame::List(_, list)) => list.extend(lines),
            None => self.paragraphs.push(lines),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shown_text_maps_back_to_the_source() {
        let source = "# Title\n\nThe [bullet journal](https://example.org/bj) people *were* right &amp; `so`.\n";
        let (text, sources) = shown_text(source, true);
        assert_eq!(
            text,
            "Title\nThe bullet journal <https://example.org/bj> people were right & so.\n"
        );
        assert_eq!(sources.len(), text.len());
        let range = |shown: &str| {
            let start = text.find(shown).unwrap();
            let end = start + shown.len();
            &source[sources[start].0..sources[end - 1].1]
        };
        assert_eq!(range("bullet journal"), "bullet journal");
        assert_eq!(
            range("journal <https://example.org/bj> people"),
            "journal](https://example.org/bj) people"
        );
        assert_eq!(range("were right & so"), "were* right &amp; `so");
        let (text, _) = shown_text(source, false);
        assert_eq!(text, "Title\nThe bullet journal people were right & so.\n");
    }

    #[test]
    fn headings_lists_quotes_and_code_keep_their_shape() {
        let source = "## The picks\n\nThree *books*, one [list](https://example.org/list).\n\n\
            - first\n- second\n  1. inner\n  2. next\n\n\
            3. three\n4. four\n\n\
            > A quote\n> over two lines.\n>\n> And another.\n\n\
            ```rust\nfn main() {\n\n    println!(\"hi\");\n}\n```\n\n\
            | a | b |\n|---|---|\n| 1 | 2 |\n\n---\n\n![a map](map.png)\n";
        assert_eq!(
            markdown_paragraphs(source),
            [
                "The picks",
                "Three books, one list <https://example.org/list>.",
                "- first\n- second\n  1. inner\n  2. next",
                "3. three\n4. four",
                "> A quote over two lines.\n>\n> And another.",
                "    [rust]\n    fn main() {\n\n        println!(\"hi\");\n    }",
                "a | b\n1 | 2",
                "---",
                "[image: a map] <map.png>",
            ]
        );
    }

    #[test]
    fn loose_items_and_quotes_in_lists() {
        let source = "- one\n\n  more of one\n\n- two\n  > quoted\n";
        assert_eq!(
            markdown_paragraphs(source),
            ["- one\n  more of one\n- two\n  > quoted"]
        );
    }

    #[test]
    fn entities_cannot_bring_controls_back() {
        let paragraphs = markdown_paragraphs("Safe &#27;[31mred&#x9b; and \u{202e}text.\n");
        assert_eq!(paragraphs.len(), 1);
        assert!(
            !paragraphs[0]
                .chars()
                .any(|c| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}')),
            "{paragraphs:?}"
        );
    }
}
