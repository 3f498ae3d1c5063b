//! Word-wrapping styled text to a width, measured in terminal cells ([`crate::tui::cells`]):
//! wide (CJK, emoji) graphemes take two cells, tabs become spaces, control characters
//! are dropped, emoji sequences are drawn so every terminal agrees on their width, and a
//! grapheme keeps at most [`MAX_GRAPHEME_CHARS`] characters.

mod lines;

use std::ops::Range;

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

pub use crate::tui::cells::{MAX_GRAPHEME_CHARS, str_width};
use lines::LineFiller;

/// How a block is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BlockKind {
    /// Words wrapped at spaces (and around wide characters).
    #[default]
    Text,
    /// Spaces kept; long lines broken at the width.
    Preformatted,
    /// A horizontal rule across the width.
    Rule,
}

/// A paragraph-like run of styled text with the prefixes its lines start with.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextBlock {
    pub first_prefix: Vec<Span<'static>>,
    pub prefix: Vec<Span<'static>>,
    pub spans: Vec<Span<'static>>,
    pub kind: BlockKind,
    /// The bytes of the article's text this block shows, when it shows any.
    pub source: Option<Range<usize>>,
}

impl TextBlock {
    pub fn text(spans: Vec<Span<'static>>) -> TextBlock {
        TextBlock {
            spans,
            ..TextBlock::default()
        }
    }

    /// An empty line.
    pub fn blank() -> TextBlock {
        TextBlock::default()
    }

    pub fn is_blank(&self) -> bool {
        self.kind != BlockKind::Rule && self.spans.iter().all(|s| s.content.is_empty())
    }
}

/// Appends `block`'s lines, none wider than `width` cells, to `out`.
pub fn wrap(block: &TextBlock, width: usize, out: &mut Vec<Line<'static>>) {
    let width = width.max(1);
    let prefixes_fit =
        spans_width(&block.first_prefix).max(spans_width(&block.prefix)) + 4 <= width;
    let mut lines = LineFiller::new(out, width, prefixes_fit, block);
    lines.start();
    match block.kind {
        BlockKind::Rule => {
            let avail = lines.avail();
            lines.push(
                &"─".repeat(avail),
                Style::new().add_modifier(Modifier::DIM),
                avail,
            );
        }
        BlockKind::Text | BlockKind::Preformatted => {
            lines.fill(block.kind == BlockKind::Preformatted)
        }
    }
    lines.finish();
}

pub(super) fn spans_width(spans: &[Span<'_>]) -> usize {
    spans.iter().map(|s| str_width(&s.content)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(text: &str, width: usize) -> Vec<String> {
        let mut out = Vec::new();
        wrap(
            &TextBlock::text(vec![Span::raw(text.to_owned())]),
            width,
            &mut out,
        );
        out.iter()
            .map(|line| line.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn cjk_punctuation_keeps_to_its_character_at_every_width() {
        let texts = [
            "春天是一年中最美的季节，公园里的樱花开得正盛。人们说：「春天来了！」（真的）",
            "桜の季節になると、多くの人々が公園に集まります。「花見」は日本の伝統です。",
            "標準的な句読点（、。「」『』！？）が正しく折り返されるべきです。",
        ];
        for text in texts {
            for width in 12..=40 {
                let lines = wrapped(text, width);
                assert_eq!(lines.concat(), text, "nothing lost at {width}");
                for (i, line) in lines.iter().enumerate() {
                    assert!(str_width(line) <= width, "{line:?} at {width}");
                    let first = line.chars().next().map(String::from).unwrap_or_default();
                    let last = line.chars().last().map(String::from).unwrap_or_default();
                    if i > 0 {
                        assert!(
                            !lines::no_line_start(&first),
                            "{line:?} starts a line at {width}"
                        );
                    }
                    if i + 1 < lines.len() {
                        assert!(
                            !lines::no_line_end(&last),
                            "{line:?} ends a line at {width}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn latin_text_after_cjk_still_breaks_at_its_spaces() {
        assert_eq!(
            wrapped("东京 Tokyo mornings", 10),
            ["东京 Tokyo", "mornings"]
        );
        assert_eq!(wrapped("中文abc def", 7), ["中文abc", "def"]);
    }
}
