//! The reading pane's state: the open article, its wrapped lines and where each comes
//! from in the article's text, the scroll position, the cursor line and the selection
//! being made, the bookmarked passages, and the filter's matches.

use std::ops::{Range, RangeInclusive};
use std::sync::Arc;

use ratatui::text::Line;

use crate::query::Query;
use crate::store::Document;
use crate::store::problem::human_size;
use crate::tui::settings::Settings;
use crate::tui::text::document::{self, LineSource};
use crate::tui::text::{highlight, long_article};

/// Lines kept between the cursor and the top or bottom of the view, room allowing.
const CURSOR_MARGIN: usize = 2;

/// What the reader holds: an article, or why it could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct Open {
    /// Index of the article in the store's list.
    pub index: usize,
    pub content: Result<Document, String>,
    /// Shown because the list's cursor is on it, not opened: not marked read, and where
    /// it was left is not kept.
    pub preview: bool,
    /// Its file was deleted while it was shown: its last text stays, but it is in the
    /// list no more (`index` names nothing).
    pub gone: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReaderState {
    pub open: Option<Open>,
    /// The article asked for as a preview and not yet read.
    pub pending_preview: Option<usize>,
    /// The open article's text (`Body::text`, empty when it could not be read): what
    /// the lines' sources, the passages and positions count in.
    pub text: String,
    /// The open article wrapped to `width`.
    pub lines: Vec<Line<'static>>,
    /// Where each line comes from.
    pub sources: Vec<LineSource>,
    /// The first line in view.
    pub scroll: usize,
    /// The line the cursor is on.
    pub cursor: usize,
    /// While a passage is being selected: the line the selection started at (it runs
    /// to the cursor).
    pub selecting: Option<usize>,
    /// The bookmarked passages of the open article, as bytes of its text.
    pub passages: Vec<Range<usize>>,
    /// The filter whose matches are marked.
    pub query: Query,
    /// The line of each match, in order.
    pub matches: Vec<usize>,
    /// The match last moved to.
    pub current_match: Option<usize>,
    /// Text width and rows in view.
    pub width: usize,
    pub height: usize,
    /// The theme and date format the lines are laid out in.
    pub settings: Arc<Settings>,
    /// Bytes of a long article's text not laid out ([`long_article::cut`]).
    pub left_out: Option<usize>,
}

impl ReaderState {
    /// Shows article `index` with the top of the view at `position` (bytes into its
    /// text, as [`ReaderState::position`] gave it), or at the start.
    pub fn show(
        &mut self,
        index: usize,
        content: Result<Document, String>,
        position: Option<usize>,
    ) {
        let (content, left_out) = match content {
            Ok(document) => {
                let (document, left_out) = long_article::cut(document);
                (Ok(document), left_out)
            }
            Err(why) => (Err(why), None),
        };
        self.left_out = left_out;
        self.text = content
            .as_ref()
            .map(|doc| doc.body.text())
            .unwrap_or_default();
        self.open = Some(Open {
            index,
            content,
            preview: false,
            gone: false,
        });
        self.selecting = None;
        self.passages.clear();
        self.current_match = None;
        self.relayout();
        self.scroll = 0;
        self.cursor = 0;
        match position.and_then(|p| self.line_at(p)) {
            Some(line) => {
                self.scroll_to(line);
                // Below the top, so the view stays where it was left.
                let margin = self.margin();
                self.cursor = self.clamp_line(self.scroll + margin).max(line);
            }
            // On the first line of text, when that shows without scrolling past the title.
            None => {
                let margin = self.margin();
                self.cursor = self
                    .first_text_line(0)
                    .filter(|&line| line + margin < self.height)
                    .unwrap_or(0);
            }
        }
        self.keep_cursor_in_view();
        self.cursor_to_first_match();
    }

    /// With the filter's words marked in the text: the cursor on the first of them in
    /// the text (not the title's), scrolled into view, as the current match for `n`/`N`.
    /// With none, the view stays where it opened (where the article was left).
    fn cursor_to_first_match(&mut self) {
        let Some((first, &line)) = self
            .matches
            .iter()
            .enumerate()
            .find(|&(_, &line)| self.has_text(line))
        else {
            return;
        };
        self.current_match = Some(first);
        if line >= self.scroll + self.height.max(1) || line < self.scroll {
            self.scroll_to(line.saturating_sub(self.height / 3));
        }
        self.cursor = line;
        self.keep_cursor_in_view();
    }

    /// The same as [`ReaderState::show`], as a preview of the article under the list's
    /// cursor.
    pub fn show_preview(
        &mut self,
        index: usize,
        content: Result<Document, String>,
        position: Option<usize>,
    ) {
        self.show(index, content, position);
        if let Some(open) = &mut self.open {
            open.preview = true;
        }
    }

    /// True when the article shown is only a preview.
    pub fn previewing(&self) -> bool {
        self.open.as_ref().is_some_and(|o| o.preview)
    }

    /// Takes the previewed article as opened (read from now on).
    pub fn take_as_opened(&mut self) {
        if let Some(open) = &mut self.open {
            open.preview = false;
        }
    }

    /// Shows nothing.
    pub fn clear(&mut self) {
        *self = ReaderState {
            width: self.width,
            height: self.height,
            settings: std::mem::take(&mut self.settings),
            query: std::mem::take(&mut self.query),
            ..ReaderState::default()
        };
    }

    /// The index of the article shown, unless its file is gone.
    pub fn open_index(&self) -> Option<usize> {
        self.open.as_ref().filter(|o| !o.gone).map(|o| o.index)
    }

    /// The open article, when it could be read.
    pub fn document(&self) -> Option<&Document> {
        self.open.as_ref().and_then(|o| o.content.as_ref().ok())
    }

    /// Sets the text width and rows in view; rewraps when the width changed, keeping the
    /// same part of the article in view and the cursor on the same text.
    pub fn resize(&mut self, width: usize, height: usize) {
        if width == 0 || height == 0 {
            return; // not shown (the list has the screen): nothing to keep in view
        }
        self.height = height;
        if width != self.width {
            let top = self.place();
            let cursor = self.source_start(self.cursor);
            let selecting = self.selecting.and_then(|s| self.source_start(s));
            let old_len = self.lines.len().max(1);
            self.width = width;
            self.relayout();
            match top.and_then(|p| self.line_at(p)) {
                Some(line) => self.scroll_to(line),
                None => self.scroll_to(self.scroll * self.lines.len() / old_len),
            }
            if let Some(line) = cursor.and_then(|p| self.line_at(p)) {
                self.cursor = line;
            }
            if self.selecting.is_some() {
                self.selecting = selecting
                    .and_then(|p| self.line_at(p))
                    .or(Some(self.cursor));
            }
        } else {
            self.scroll_to(self.scroll);
        }
        self.cursor = self.cursor.min(self.lines.len().saturating_sub(1));
        self.keep_cursor_in_view();
    }

    pub fn max_scroll(&self) -> usize {
        self.lines.len().saturating_sub(self.height)
    }

    /// Scrolls so `line` is the first in view (as far as the end allows).
    pub fn scroll_to(&mut self, line: usize) {
        self.scroll = line.min(self.max_scroll());
    }

    /// Scrolls the view by `delta` lines, the cursor moving with it.
    pub fn scroll_by(&mut self, delta: isize) {
        let before = self.scroll;
        self.scroll_to(self.scroll.saturating_add_signed(delta));
        let moved = self.scroll as isize - before as isize;
        let cursor = if moved == 0 { delta } else { moved };
        self.cursor = self.clamp_line(self.cursor.saturating_add_signed(cursor));
        self.keep_cursor_in_view();
    }

    /// Moves the cursor by `delta` lines, scrolling to keep it in view.
    pub fn move_cursor(&mut self, delta: isize) {
        self.cursor_to(self.cursor.saturating_add_signed(delta));
    }

    /// Puts the cursor on `line` (clamped), scrolling to keep it in view.
    pub fn cursor_to(&mut self, line: usize) {
        self.cursor = self.clamp_line(line);
        self.keep_cursor_in_view();
    }

    /// Moves the cursor to the start of the next paragraph (`forward`) or of this or the
    /// previous one.
    pub fn move_paragraph(&mut self, forward: bool) {
        let block_of = |line: usize| self.sources.get(line).map(|s| s.block);
        let current = block_of(self.cursor);
        let target = if forward {
            (self.cursor + 1..self.lines.len())
                .find(|&l| block_of(l) != current && self.has_text(l))
                .unwrap_or(self.lines.len().saturating_sub(1))
        } else {
            let start = self.block_start(self.cursor);
            if start < self.cursor && self.has_text(start) {
                start
            } else {
                (0..self.cursor)
                    .rev()
                    .find(|&l| self.has_text(l))
                    .map_or(0, |l| self.block_start(l))
            }
        };
        self.cursor_to(target);
    }

    /// How far through the article the view is, 0 to 100 (100 when it all fits).
    pub fn percent(&self) -> usize {
        match self.max_scroll() {
            0 => 100,
            max => self.scroll * 100 / max,
        }
    }

    /// Where the view is in the article's text: the start of the first line in view
    /// that shows some of it.
    pub fn position(&self) -> Option<usize> {
        let end = (self.scroll + self.height.max(1)).min(self.lines.len());
        (self.scroll..end).find_map(|line| self.source_start(line))
    }

    /// Where the view is to be kept across a relayout or a run: [`ReaderState::position`],
    /// or `None` at the very top, where the title shows (the top stays the top).
    pub fn place(&self) -> Option<usize> {
        if self.scroll == 0 {
            None
        } else {
            self.position()
        }
    }

    /// The first line showing the text at byte `offset` or after it.
    pub fn line_at(&self, offset: usize) -> Option<usize> {
        self.sources
            .iter()
            .position(|s| s.text.as_ref().is_some_and(|t| t.end > offset))
    }

    /// Starts selecting at the cursor line.
    pub fn start_selection(&mut self) {
        self.selecting = Some(self.cursor);
    }

    /// The selected lines, while selecting.
    pub fn selection(&self) -> Option<RangeInclusive<usize>> {
        let start = self.selecting?;
        Some(start.min(self.cursor)..=start.max(self.cursor))
    }

    /// The bytes of the article's text the selection covers (`None` when its lines
    /// show none of the text, such as the title alone).
    pub fn selected_text(&self) -> Option<Range<usize>> {
        self.text_of(self.selection()?)
    }

    /// The bytes of the paragraph (or heading, item, quote…) under the cursor.
    pub fn paragraph_text(&self) -> Option<Range<usize>> {
        let block = self.sources.get(self.cursor)?.block;
        let lines = self
            .sources
            .iter()
            .enumerate()
            .filter(|(_, s)| s.block == block)
            .map(|(l, _)| l);
        let (first, last) = (lines.clone().min()?, lines.max()?);
        self.text_of(first..=last)
    }

    /// Where in the article's text the cursor line (or, on a line that shows none of it,
    /// the next line that does) starts.
    pub fn text_at_cursor(&self) -> Option<usize> {
        self.sources
            .get(self.cursor..)?
            .iter()
            .find_map(|source| source.text.as_ref().map(|text| text.start))
    }

    /// True when `line` shows part of a bookmarked passage.
    pub fn is_bookmarked(&self, line: usize) -> bool {
        let Some(Some(text)) = self.sources.get(line).map(|s| s.text.as_ref()) else {
            return false;
        };
        self.passages
            .iter()
            .any(|p| p.start < text.end && text.start < p.end.max(p.start + 1))
    }

    /// Lays articles out with `settings` from now on.
    pub fn configure(&mut self, settings: Arc<Settings>) {
        self.settings = settings;
        self.relayout();
        self.scroll_to(self.scroll);
    }

    /// Marks `query`'s matches from now on.
    pub fn set_query(&mut self, query: &Query) {
        if *query != self.query {
            self.query = query.clone();
            let top = self.place();
            self.current_match = None;
            self.relayout();
            match top.and_then(|p| self.line_at(p)) {
                Some(line) => self.scroll_to(line),
                None => self.scroll_to(self.scroll),
            }
            self.cursor = self.clamp_line(self.cursor);
            self.keep_cursor_in_view();
            if self.previewing() {
                // A preview follows the filter: the first match of the query as it is now.
                self.cursor_to_first_match();
            }
        }
    }

    /// Moves to the next match (`forward`) or the previous one, around the ends, and
    /// scrolls it into view; returns which it is (from 0), or `None` with no match.
    pub fn go_to_match(&mut self, forward: bool) -> Option<usize> {
        let count = self.matches.len();
        if count == 0 {
            return None;
        }
        let in_view = |line: usize| line >= self.scroll && line < self.scroll + self.height.max(1);
        // Scrolled away from the last match: start again from the view.
        let current = self.current_match.filter(|&c| in_view(self.matches[c]));
        let next = match (current, forward) {
            (Some(c), true) => (c + 1) % count,
            (Some(c), false) => (c + count - 1) % count,
            (None, true) => self
                .matches
                .iter()
                .position(|&line| line >= self.scroll)
                .unwrap_or(0),
            (None, false) => self
                .matches
                .iter()
                .rposition(|&line| line < self.scroll)
                .unwrap_or(count - 1),
        };
        self.current_match = Some(next);
        let line = self.matches[next];
        if !in_view(line) {
            self.scroll_to(line.saturating_sub(self.height / 3));
        }
        self.cursor = line;
        self.keep_cursor_in_view();
        Some(next)
    }

    /// The bytes of the text from the first to the last of `lines` that shows any.
    fn text_of(&self, lines: RangeInclusive<usize>) -> Option<Range<usize>> {
        let mut texts = lines.filter_map(|l| self.sources.get(l)?.text.clone());
        let first = texts.next()?;
        let end = texts.next_back().map_or(first.end, |last| last.end);
        Some(first.start..end)
    }

    fn source_start(&self, line: usize) -> Option<usize> {
        Some(self.sources.get(line)?.text.as_ref()?.start)
    }

    fn has_text(&self, line: usize) -> bool {
        self.sources.get(line).is_some_and(|s| s.text.is_some())
    }

    /// The first line of the block `line` is in.
    fn block_start(&self, line: usize) -> usize {
        let Some(block) = self.sources.get(line).map(|s| s.block) else {
            return line;
        };
        (0..=line)
            .rev()
            .take_while(|&l| self.sources[l].block == block)
            .last()
            .unwrap_or(line)
    }

    /// The first line at or after `from` showing some of the text.
    fn first_text_line(&self, from: usize) -> Option<usize> {
        (from..self.lines.len()).find(|&l| self.has_text(l))
    }

    fn clamp_line(&self, line: usize) -> usize {
        line.min(self.lines.len().saturating_sub(1))
    }

    /// Lines kept between the cursor and the edges of the view: [`CURSOR_MARGIN`], or
    /// fewer in a short pane.
    fn margin(&self) -> usize {
        CURSOR_MARGIN.min(self.height.max(1).saturating_sub(1) / 2)
    }

    /// Scrolls just enough that the cursor is in view, [`CURSOR_MARGIN`] lines from
    /// the edges where the article allows.
    fn keep_cursor_in_view(&mut self) {
        let height = self.height.max(1);
        let margin = self.margin();
        if self.cursor < self.scroll + margin {
            self.scroll_to(self.cursor.saturating_sub(margin));
        } else if self.cursor + margin >= self.scroll + height {
            self.scroll_to(self.cursor + margin + 1 - height);
        }
    }

    fn relayout(&mut self) {
        let laid = self.layout();
        self.lines = laid.lines;
        self.sources = laid.sources;
        let matches = highlight::match_lines(&self.lines, &self.settings.theme);
        // Laid out again (rewrapped, passages marked): the same matches, the same current.
        if matches.len() != self.matches.len() {
            self.current_match = None;
        }
        self.matches = matches;
    }

    fn layout(&self) -> document::Laid {
        let width = self.width;
        if width == 0 {
            return document::Laid::default();
        }
        match self.open.as_ref().map(|o| &o.content) {
            Some(Ok(doc)) => {
                let mut laid = document::lines(doc, &self.text, width, &self.query, &self.settings);
                if let Some(left_out) = self.left_out {
                    let note = format!(
                        "… and {} more that folio does not lay out (it shows the first {}); \
                         the editor (e) opens all of it.",
                        human_size(left_out as u64),
                        human_size(long_article::SHOWN as u64)
                    );
                    let style = self.settings.theme.meta;
                    let mut lines = vec![Line::default()];
                    lines.extend(document::message(&note, style, width));
                    laid.sources
                        .extend(vec![LineSource::default(); lines.len()]);
                    laid.lines.extend(lines);
                }
                laid
            }
            Some(Err(message)) => {
                let lines = document::message(message, self.settings.theme.error, width);
                let sources = vec![LineSource::default(); lines.len()];
                document::Laid { lines, sources }
            }
            None => document::Laid::default(),
        }
    }
}
