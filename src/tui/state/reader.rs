//! The reading pane's state: the open article, its wrapped lines, the scroll position,
//! and the position last read in each article while folio runs.

use std::collections::HashMap;

use ratatui::style::{Color, Style};
use ratatui::text::Line;

use crate::store::Document;
use crate::tui::document;

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
    /// Text width and rows in view.
    pub width: usize,
    pub height: usize,
    positions: HashMap<usize, usize>,
}

impl ReaderState {
    /// Shows article `index`, at the position it was last read at.
    pub fn show(&mut self, index: usize, content: Result<Document, String>) {
        self.open = Some(Open { index, content });
        self.lines = self.layout();
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
            self.lines = self.layout();
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

    fn layout(&self) -> Vec<Line<'static>> {
        let width = self.width;
        if width == 0 {
            return Vec::new();
        }
        match self.open.as_ref().map(|o| &o.content) {
            Some(Ok(doc)) => document::lines(doc, width),
            Some(Err(message)) => document::message(message, Style::new().fg(Color::Red), width),
            None => Vec::new(),
        }
    }
}
