//! Mouse input for the state: a click selects (or focuses, or opens the selected row, or
//! puts the reader's cursor on a line), the wheel scrolls the pane under the pointer.

use ratatui::layout::Position;

use super::bookmarks_pane::ROWS_PER_BOOKMARK;
use super::{App, Focus, Side};
use crate::tui::effects::messages::Effect;

/// Lines the mouse wheel scrolls.
const WHEEL_LINES: isize = 3;

impl App {
    pub(super) fn click(&mut self, column: u16, row: u16) -> Option<Effect> {
        let at = Position::new(column, row);
        if self.help.take().is_some() || self.prompt.is_some() {
            return None;
        }
        if self.areas.filter_bar.contains(at) {
            self.filter.focused = true;
            return None;
        }
        self.filter.focused = false;
        if self.areas.list.contains(at) && self.side == Side::Bookmarks {
            let row = (row - self.areas.list.y) as usize / ROWS_PER_BOOKMARK;
            let position = self.bookmarks.window.offset + row;
            if position >= self.bookmarks.shown.len() {
                return None;
            }
            let again = position == self.bookmarks.window.selected && self.focus == Focus::List;
            self.bookmarks.select(position);
            self.set_focus(Focus::List);
            return if again { self.open_bookmark() } else { None };
        }
        if self.areas.list.contains(at) {
            let position = self.list.window.offset + (row - self.areas.list.y) as usize;
            if position >= self.list.visible.len() {
                return None;
            }
            let again = position == self.list.window.selected && self.focus == Focus::List;
            self.list.select(position);
            self.set_focus(Focus::List);
            return if again { self.open_selected() } else { None };
        }
        if self.areas.reader.contains(at) {
            if self.focus == Focus::List && self.reader.previewing() {
                return self.open_selected();
            }
            self.set_focus(Focus::Reader);
            let text = self.areas.text;
            if row >= text.y && row < text.bottom() {
                self.reader
                    .cursor_to(self.reader.scroll + (row - text.y) as usize);
            }
        }
        None
    }

    pub(super) fn wheel(&mut self, column: u16, row: u16, down: bool) {
        let delta = if down { WHEEL_LINES } else { -WHEEL_LINES };
        let at = Position::new(column, row);
        if self.help.is_some() {
            self.scroll_help(delta);
        } else if self.areas.list.contains(at) && self.side == Side::Bookmarks {
            self.bookmarks.move_by(delta);
        } else if self.areas.list.contains(at) {
            self.list.scroll_view(delta);
        } else if self.areas.reader.contains(at) {
            self.reader.scroll_by(delta);
        }
    }
}
