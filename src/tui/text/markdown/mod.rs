//! Markdown to styled [`TextBlock`]s with pulldown-cmark: headings, emphasis, lists,
//! quotes, code, tables, rules, and links followed by their URL. Every piece of text is
//! sanitised after parsing, since entities such as `&#27;` decode to control characters.
//! Each block remembers the source bytes it shows, so a passage on screen can be found in
//! the article's text.

mod events;

use std::ops::Range;

use pulldown_cmark::{HeadingLevel, Parser};
use ratatui::style::{Modifier, Style};
use ratatui::text::Span;

use crate::sanitize::sanitize;
use crate::tui::cells::str_width;
use crate::tui::settings::theme::Theme;
use crate::tui::text::wrap::{BlockKind, TextBlock};

/// The blocks of a Markdown document, with blank blocks between paragraphs, styled in
/// `theme`.
pub fn blocks(source: &str, theme: &Theme) -> Vec<TextBlock> {
    let mut builder = Builder {
        theme: *theme,
        ..Builder::default()
    };
    for (event, range) in Parser::new_ext(source, crate::plain_text::MARKDOWN).into_offset_iter() {
        builder.range = range;
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
    out: Vec<TextBlock>,
    current: Option<TextBlock>,
    styles: Vec<Style>,
    containers: Vec<Container>,
    links: Vec<(String, String)>,
    cells: usize,
    /// The source bytes of the event being built.
    range: Range<usize>,
    theme: Theme,
}

fn dim() -> Style {
    Style::new().add_modifier(Modifier::DIM)
}

impl Builder {
    fn heading_style(&self, level: HeadingLevel) -> Style {
        match level {
            HeadingLevel::H1 => self.theme.heading_1,
            HeadingLevel::H2 => self.theme.heading,
            _ => Style::new().add_modifier(Modifier::BOLD),
        }
    }

    fn style(&self) -> Style {
        self.styles
            .iter()
            .fold(Style::new(), |acc, s| acc.patch(*s))
    }

    /// A block with the prefixes of the quotes and list items it sits in.
    fn new_block(&mut self) -> TextBlock {
        let mut block = TextBlock::default();
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
                        .push(Span::styled(first, self.theme.bullet));
                    block.prefix.push(Span::raw(pad));
                    *used = true;
                }
                Container::List(_) => {}
            }
        }
        block
    }

    fn open(&mut self, kind: BlockKind) {
        self.close();
        let block = self.new_block();
        self.current = Some(TextBlock { kind, ..block });
    }

    fn close(&mut self) {
        if let Some(block) = self.current.take() {
            self.out.push(block);
        }
    }

    /// A blank line, unless there is one already (or nothing yet).
    fn gap(&mut self) {
        if self.out.last().is_some_and(|b| !b.is_blank()) {
            self.out.push(TextBlock::blank());
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
            self.open(BlockKind::Text);
        }
        if let Some(block) = &mut self.current {
            block.spans.push(Span::styled(text.into_owned(), style));
            let range = self.range.clone();
            block.source = Some(match block.source.take() {
                Some(seen) => seen.start.min(range.start)..seen.end.max(range.end),
                None => range,
            });
        }
    }

    fn finish(mut self) -> Vec<TextBlock> {
        self.close();
        while self.out.last().is_some_and(TextBlock::is_blank) {
            self.out.pop();
        }
        self.out
    }
}
