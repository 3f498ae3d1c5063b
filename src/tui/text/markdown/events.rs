//! Markdown events into the [`Builder`]: where blocks open and close, which styles and
//! containers (quotes, list items) apply, and what links and images add.

use pulldown_cmark::{CodeBlockKind, Event, Tag, TagEnd};
use ratatui::style::{Modifier, Style};

use super::{Builder, Container, dim};
use crate::tui::text::wrap::{BlockKind, TextBlock};

impl Builder {
    pub(super) fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text, self.style()),
            Event::Code(code) => self.text(&code, self.style().patch(self.theme.code)),
            Event::Html(html) | Event::InlineHtml(html) => {
                self.text(&html, self.style().patch(dim()))
            }
            Event::InlineMath(math) | Event::DisplayMath(math) => {
                self.text(&math, self.style().patch(self.theme.code))
            }
            Event::FootnoteReference(name) => {
                self.text(&format!("[^{name}]"), self.style().patch(dim()))
            }
            Event::SoftBreak => self.text(" ", self.style()),
            Event::HardBreak => self.text("\n", self.style()),
            Event::Rule => {
                self.close();
                let block = self.new_block();
                self.out.push(TextBlock {
                    kind: BlockKind::Rule,
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
            Tag::Paragraph | Tag::TableHead | Tag::TableRow => self.open(BlockKind::Text),
            Tag::Heading { level, .. } => {
                self.open(BlockKind::Text);
                self.styles.push(self.heading_style(level));
            }
            Tag::BlockQuote(_) => {
                self.close();
                self.containers.push(Container::Quote);
            }
            Tag::CodeBlock(kind) => {
                self.open(BlockKind::Preformatted);
                self.styles.push(self.theme.code);
                if let CodeBlockKind::Fenced(lang) = kind
                    && !lang.is_empty()
                {
                    let label = format!("[{lang}]\n");
                    self.text(&label, dim());
                }
            }
            Tag::HtmlBlock => {
                self.open(BlockKind::Preformatted);
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
                self.styles.push(self.theme.link);
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
                self.open(BlockKind::Text);
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
}
