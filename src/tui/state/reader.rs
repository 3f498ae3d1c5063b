//! The reading pane's state: the open article, its wrapped lines, the scroll position,
//! the filter's matches in it, and the position last read in each article while folio
//! runs.

use std::collections::HashMap;
use std::sync::Arc;

use ratatui::text::Line;

use crate::query::Query;
use crate::store::Document;
use crate::tui::settings::Settings;
use crate::tui::{document, highlight};

/// What the reader holds: an article, or why it could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct Open {
    /// Index of the article in the store's list.
    pub index: usize,
    pub content: Result<Document, String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReaderState {
    pub open: Option<Open>,
    /// The open article wrapped to `width`.
    pub lines: Vec<Line<'static>>,
    /// The first line in view.
    pub scroll: usize,
    /// The filter whose matches are marked.
    pub query: Query,
    /// The line of each match, in order.
    pub matches: Vec<usize>,
    /// The match last moved to.
    pub current_match: Option<usize>,
    /// Text width and rows in view.
    pub width: usize,
    pub height: usize,
    positions: HashMap<usize, usize>,
    /// The theme and date format the lines are laid out in.
    pub settings: Arc<Settings>,
}

impl ReaderState {
    /// Shows article `index`, at the position it was last read at.
    pub fn show(&mut self, index: usize, content: Result<Document, String>) {
        self.open = Some(Open { index, content });
        self.relayout();
        self.scroll = 0;
        let position = self.positions.get(&index).copied().unwrap_or(0);
        self.scroll_to(position);
    }

    pub fn open_index(&self) -> Option<usize> {
        self.open.as_ref().map(|o| o.index)
    }

    /// Sets the text width and rows in view; rewraps when the width changed, keeping the
    /// same part of the article in view.
    pub fn resize(&mut self, width: usize, height: usize) {
        self.height = height;
        if width > 0 && width != self.width {
            self.width = width;
            let old_len = self.lines.len().max(1);
            self.relayout();
            let scroll = self.scroll * self.lines.len() / old_len;
            self.scroll_to(scroll);
        } else {
            self.scroll_to(self.scroll);
        }
    }

    pub fn max_scroll(&self) -> usize {
        self.lines.len().saturating_sub(self.height)
    }

    pub fn scroll_to(&mut self, line: usize) {
        self.scroll = line.min(self.max_scroll());
        if let Some(index) = self.open_index() {
            self.positions.insert(index, self.scroll);
        }
    }

    pub fn scroll_by(&mut self, delta: isize) {
        self.scroll_to(self.scroll.saturating_add_signed(delta));
    }

    /// How far through the article the view is, 0 to 100 (100 when it all fits).
    pub fn percent(&self) -> usize {
        match self.max_scroll() {
            0 => 100,
            max => self.scroll * 100 / max,
        }
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
            self.relayout();
            self.scroll_to(self.scroll);
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
        Some(next)
    }

    fn relayout(&mut self) {
        self.lines = self.layout();
        self.matches = highlight::match_lines(&self.lines, &self.settings.theme);
        self.current_match = None;
    }

    fn layout(&self) -> Vec<Line<'static>> {
        let width = self.width;
        if width == 0 {
            return Vec::new();
        }
        match self.open.as_ref().map(|o| &o.content) {
            Some(Ok(doc)) => document::lines(doc, width, &self.query, &self.settings),
            Some(Err(message)) => document::message(message, self.settings.theme.error, width),
            None => Vec::new(),
        }
    }
}
