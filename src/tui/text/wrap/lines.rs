//! The line filler behind [`super::wrap`]: places words (or, preformatted, every
//! cell) on lines no wider than the width, starting each line with the block's prefix.

use std::borrow::Cow;

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{TextBlock, spans_width};
use crate::sanitize::TAB_WIDTH;
use crate::tui::cells::{grapheme, graphemes};

pub(super) struct LineFiller<'o, 'b> {
    out: &'o mut Vec<Line<'static>>,
    width: usize,
    prefixes_fit: bool,
    block: &'b TextBlock,
    line: Vec<Span<'static>>,
    used: usize,
    body_used: usize,
    started: bool,
}

impl<'o, 'b> LineFiller<'o, 'b> {
    pub(super) fn new(
        out: &'o mut Vec<Line<'static>>,
        width: usize,
        prefixes_fit: bool,
        block: &'b TextBlock,
    ) -> Self {
        LineFiller {
            out,
            width,
            prefixes_fit,
            block,
            line: Vec::new(),
            used: 0,
            body_used: 0,
            started: false,
        }
    }

    pub(super) fn start(&mut self) {
        let prefix = if self.started {
            &self.block.prefix
        } else {
            &self.block.first_prefix
        };
        self.started = true;
        self.used = 0;
        self.body_used = 0;
        if self.prefixes_fit {
            self.line = prefix.clone();
            self.used = spans_width(prefix);
        }
    }

    pub(super) fn avail(&self) -> usize {
        self.width - self.used.min(self.width)
    }

    fn body_empty(&self) -> bool {
        self.body_used == 0
    }

    fn break_line(&mut self) {
        let line = std::mem::take(&mut self.line);
        self.out.push(Line::from(line));
        self.start();
    }

    pub(super) fn finish(mut self) {
        let line = std::mem::take(&mut self.line);
        self.out.push(Line::from(line));
    }

    /// Adds `text` of `width` cells in `style`, merging with the previous span when it can.
    pub(super) fn push(&mut self, text: &str, style: Style, width: usize) {
        self.used += width;
        self.body_used += width;
        if let Some(last) = self.line.last_mut()
            && last.style == style
        {
            last.content.to_mut().push_str(text);
            return;
        }
        self.line.push(Span::styled(text.to_owned(), style));
    }

    /// Lays out the block's spans: words wrapped at spaces, or (preformatted) cut at the width.
    /// Wide (CJK) characters break anywhere, one a word, except that closing
    /// punctuation (`，。」`) stays on the line of the character before it and opening
    /// punctuation (`「（`) goes down with the character after it, as kinsoku rules ask.
    pub(super) fn fill(&mut self, pre: bool) {
        let mut word: Vec<(Cow<'b, str>, Style, usize)> = Vec::new();
        let mut word_width = 0;
        let mut spaces = 0usize;
        let mut space_style = Style::new();
        // The word being gathered is wide characters (with their punctuation).
        let mut wide_run = false;
        let block = self.block;
        for span in &block.spans {
            for g in graphemes(&span.content) {
                let style = span.style;
                if g == "\n" || g == "\r\n" {
                    self.place_word(&mut word, &mut word_width, &mut spaces, space_style, pre);
                    wide_run = false;
                    spaces = 0;
                    self.break_line();
                    continue;
                }
                if g == "\t" || g.chars().all(char::is_whitespace) {
                    self.place_word(&mut word, &mut word_width, &mut spaces, space_style, pre);
                    wide_run = false;
                    let column = self.used + spaces;
                    spaces += if g == "\t" {
                        TAB_WIDTH - column % TAB_WIDTH
                    } else {
                        1
                    };
                    space_style = style;
                    continue;
                }
                let (text, width) = grapheme(g);
                let closing = wide_run && no_line_start(g);
                if !pre && (width >= 2 || closing) {
                    let opening = word.last().is_some_and(|(t, _, _)| no_line_end(t));
                    if !(closing || opening) {
                        self.place_word(&mut word, &mut word_width, &mut spaces, space_style, pre);
                    }
                    word.push((text, style, width));
                    word_width += width;
                    wide_run = true;
                    continue;
                }
                if wide_run {
                    self.place_word(&mut word, &mut word_width, &mut spaces, space_style, pre);
                    wide_run = false;
                }
                word.push((text, style, width));
                word_width += width;
            }
        }
        self.place_word(&mut word, &mut word_width, &mut spaces, space_style, pre);
    }

    fn place_word(
        &mut self,
        word: &mut Vec<(Cow<'_, str>, Style, usize)>,
        word_width: &mut usize,
        spaces: &mut usize,
        space_style: Style,
        pre: bool,
    ) {
        if word.is_empty() {
            if pre && *spaces > 0 {
                self.put_spaces(*spaces, space_style);
                *spaces = 0;
            }
            return;
        }
        if pre {
            self.put_spaces(*spaces, space_style);
        } else if *spaces > 0 && !self.body_empty() {
            if *spaces + *word_width <= self.avail() {
                self.push(&" ".repeat(*spaces), space_style, *spaces);
            } else {
                self.break_line();
            }
        }
        *spaces = 0;
        if !pre
            && *word_width > self.avail()
            && *word_width <= self.width_for_words()
            && !self.body_empty()
        {
            self.break_line();
        }
        for (text, style, width) in word.drain(..) {
            if width > self.avail() && !self.body_empty() {
                self.break_line();
            }
            self.push(&text, style, width);
        }
        *word_width = 0;
    }

    fn put_spaces(&mut self, spaces: usize, style: Style) {
        for _ in 0..spaces {
            if self.avail() == 0 {
                self.break_line();
            }
            self.push(" ", style, 1);
        }
    }

    /// The room for words on a continuation line.
    fn width_for_words(&self) -> usize {
        let prefix = if self.prefixes_fit {
            spans_width(&self.block.prefix)
        } else {
            0
        };
        self.width.saturating_sub(prefix)
    }
}

/// Punctuation no line may start with: closing brackets and quotes, stops and commas,
/// small kana and the prolonged sound mark, in their wide forms and the ASCII ones.
pub(super) fn no_line_start(g: &str) -> bool {
    let mut chars = g.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return false;
    };
    matches!(
        c,
        '、' | '。'
            | '，'
            | '．'
            | '：'
            | '；'
            | '！'
            | '？'
            | '）'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '〉'
            | '》'
            | '｝'
            | '］'
            | '〙'
            | '〗'
            | '…'
            | '‥'
            | 'ー'
            | 'ゝ'
            | 'ゞ'
            | '々'
            | 'ぁ'
            | 'ぃ'
            | 'ぅ'
            | 'ぇ'
            | 'ぉ'
            | 'っ'
            | 'ゃ'
            | 'ゅ'
            | 'ょ'
            | 'ゎ'
            | 'ァ'
            | 'ィ'
            | 'ゥ'
            | 'ェ'
            | 'ォ'
            | 'ッ'
            | 'ャ'
            | 'ュ'
            | 'ョ'
            | 'ヮ'
            | 'ヵ'
            | 'ヶ'
            | '・'
            | '”'
            | '’'
            | ','
            | '.'
            | '!'
            | '?'
            | ':'
            | ';'
            | ')'
            | ']'
            | '}'
            | '%'
    )
}

/// Punctuation no line may end with: opening brackets and quotes.
pub(super) fn no_line_end(g: &str) -> bool {
    matches!(
        g,
        "（" | "「" | "『" | "【" | "〔" | "〈" | "《" | "｛" | "［" | "〘" | "〖" | "“" | "‘"
    )
}
