//! Markdown to styled [`Block`]s with pulldown-cmark: headings, emphasis, lists, quotes,
//! code, tables, rules, and links followed by their URL. Every piece of text is sanitised
//! after parsing, since entities such as `&#27;` decode to control characters.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;

use super::cells::str_width;
use super::wrap::{Block, Kind};
use crate::sanitize::sanitize;

/// The blocks of a Markdown document, with blank blocks between paragraphs.
pub fn blocks(source: &str) -> Vec<Block> {
    let options = Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let mut builder = Builder::default();
    for event in Parser::new_ext(source, options) {
        builder.event(event);
    }
    builder.finish()
}

enum Container {
    Quote,
    List(Option<u64>),
    Item { bullet: String, used: bool },
}

#[derive(Default)]
struct Builder {
    out: Vec<Block>,
    current: Option<Block>,
    styles: Vec<Style>,
    containers: Vec<Container>,
    links: Vec<(String, String)>,
    cells: usize,
}

fn heading_style(level: HeadingLevel) -> Style {
    let style = Style::new().add_modifier(Modifier::BOLD);
    match level {
        HeadingLevel::H1 => style.fg(Color::Cyan).add_modifier(Modifier::UNDERLINED),
        HeadingLevel::H2 => style.fg(Color::Cyan),
        _ => style,
    }
}

fn code_style() -> Style {
    Style::new().fg(Color::Yellow)
}

fn dim() -> Style {
    Style::new().add_modifier(Modifier::DIM)
}

impl Builder {
    fn style(&self) -> Style {
        self.styles
            .iter()
            .fold(Style::new(), |acc, s| acc.patch(*s))
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text, self.style()),
            Event::Code(code) => self.text(&code, self.style().patch(code_style())),
            Event::Html(html) | Event::InlineHtml(html) => {
                self.text(&html, self.style().patch(dim()))
            }
            Event::InlineMath(math) | Event::DisplayMath(math) => {
                self.text(&math, self.style().patch(code_style()))
            }
            Event::FootnoteReference(name) => {
                self.text(&format!("[^{name}]"), self.style().patch(dim()))
            }
            Event::SoftBreak => self.text(" ", self.style()),
            Event::HardBreak => self.text("\n", self.style()),
            Event::Rule => {
                self.close();
                let block = self.new_block();
                self.out.push(Block {
                    kind: Kind::Rule,
                    ..block
                });
                self.gap();
            }
            Event::TaskListMarker(done) => {
                self.text(if done { "[x] " } else { "[ ] " }, self.style())
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph | Tag::TableHead | Tag::TableRow => self.open(Kind::Text),
            Tag::Heading { level, .. } => {
                self.open(Kind::Text);
                self.styles.push(heading_style(level));
            }
            Tag::BlockQuote(_) => {
                self.close();
                self.containers.push(Container::Quote);
            }
            Tag::CodeBlock(kind) => {
                self.open(Kind::Preformatted);
                self.styles.push(code_style());
                if let CodeBlockKind::Fenced(lang) = kind
                    && !lang.is_empty()
                {
                    let label = format!("[{lang}]\n");
                    self.text(&label, dim());
                }
            }
            Tag::HtmlBlock => {
                self.open(Kind::Preformatted);
                self.styles.push(dim());
            }
            Tag::List(start) => {
                self.close();
                self.containers.push(Container::List(start));
            }
            Tag::Item => {
                self.close();
                let bullet = match self.containers.last_mut() {
                    Some(Container::List(Some(n))) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    _ => "• ".to_owned(),
                };
                self.containers.push(Container::Item {
                    bullet,
                    used: false,
                });
            }
            Tag::Emphasis => self
                .styles
                .push(Style::new().add_modifier(Modifier::ITALIC)),
            Tag::Strong => self.styles.push(Style::new().add_modifier(Modifier::BOLD)),
            Tag::Strikethrough => self
                .styles
                .push(Style::new().add_modifier(Modifier::CROSSED_OUT)),
            Tag::Link { dest_url, .. } => {
                self.styles.push(
                    Style::new()
                        .fg(Color::Blue)
                        .add_modifier(Modifier::UNDERLINED),
                );
                self.links.push((dest_url.into_string(), String::new()));
            }
            Tag::Image { dest_url, .. } => {
                self.text("[image: ", dim());
                self.styles.push(dim());
                self.links.push((dest_url.into_string(), String::new()));
            }
            Tag::Table(_) => self.close(),
            Tag::TableCell => {
                if self.cells > 0 {
                    self.text(" │ ", dim());
                }
                self.cells += 1;
            }
            Tag::FootnoteDefinition(name) => {
                self.open(Kind::Text);
                self.text(&format!("[^{name}]: "), dim());
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::FootnoteDefinition => {
                self.close();
                self.gap();
            }
            TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::HtmlBlock => {
                self.styles.pop();
                if let Some(block) = &mut self.current
                    && let Some(last) = block.spans.last_mut()
                    && last.content.ends_with('\n')
                {
                    let trimmed = last.content.trim_end_matches('\n').to_owned();
                    last.content = trimmed.into();
                }
                self.close();
                self.gap();
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                self.close();
                self.cells = 0;
            }
            TagEnd::BlockQuote(_) | TagEnd::List(_) => {
                self.close();
                self.containers.pop();
                self.gap();
            }
            TagEnd::Item => {
                self.close();
                self.containers.pop();
            }
            TagEnd::Table => self.gap(),
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => {
                self.styles.pop();
            }
            TagEnd::Link | TagEnd::Image => {
                self.styles.pop();
                let image = tag == TagEnd::Image;
                if let Some((url, text)) = self.links.pop() {
                    if image {
                        self.text("]", dim());
                    }
                    if !url.is_empty() && url != text && format!("mailto:{text}") != url {
                        self.text(&format!(" <{url}>"), dim());
                    }
                }
            }
            _ => {}
        }
    }

    /// A block with the prefixes of the quotes and list items it sits in.
    fn new_block(&mut self) -> Block {
        let mut block = Block::default();
        for container in &mut self.containers {
            match container {
                Container::Quote => {
                    for prefix in [&mut block.first_prefix, &mut block.prefix] {
                        prefix.push(Span::styled("│ ", dim()));
                    }
                }
                Container::Item { bullet, used } => {
                    let pad = " ".repeat(str_width(bullet));
                    let first = if *used { pad.clone() } else { bullet.clone() };
                    block
                        .first_prefix
                        .push(Span::styled(first, Style::new().fg(Color::Cyan)));
                    block.prefix.push(Span::raw(pad));
                    *used = true;
                }
                Container::List(_) => {}
            }
        }
        block
    }

    fn open(&mut self, kind: Kind) {
        self.close();
        let block = self.new_block();
        self.current = Some(Block { kind, ..block });
    }

    fn close(&mut self) {
        if let Some(block) = self.current.take() {
            self.out.push(block);
        }
    }

    /// A blank line, unless there is one already (or nothing yet).
    fn gap(&mut self) {
        if self.out.last().is_some_and(|b| !b.is_blank()) {
            self.out.push(Block::blank());
        }
    }

    fn text(&mut self, text: &str, style: Style) {
        let text = sanitize(text);
        if text.is_empty() {
            return;
        }
        for (_, link_text) in &mut self.links {
            link_text.push_str(&text);
        }
        if self.current.is_none() {
            self.open(Kind::Text);
        }
        if let Some(block) = &mut self.current {
            block.spans.push(Span::styled(text.into_owned(), style));
        }
    }

    fn finish(mut self) -> Vec<Block> {
        self.close();
        while self.out.last().is_some_and(Block::is_blank) {
            self.out.pop();
        }
        self.out
    }
}
