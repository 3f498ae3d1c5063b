//! The reader's preview: while the list has the keyboard and the reader shows beside
//! it, the reader shows the article under the list's cursor, read off the loop, neither
//! marked read nor its place kept. The reader never shows an article the list does not:
//! when the list changes under it, the preview follows the cursor.

use crate::store::Document;
use crate::tui::effects::messages::Effect;
use crate::tui::state::reading::mark_read;
use crate::tui::state::{App, Focus, Side};

impl App {
    /// Asks for the article under the list's cursor when the reader shows beside the
    /// list and shows another one (or, when the list is empty, shows nothing).
    pub fn follow_cursor(&mut self) -> Option<Effect> {
        let beside = self.side == Side::Articles && self.focus == Focus::List;
        if !beside || !self.areas.split() || self.loading.is_some() {
            return None;
        }
        let Some(index) = self.list.selected_article() else {
            let left = self.leave_article();
            self.reader.clear();
            return left.map(|left| Effect::SaveReading(vec![left]));
        };
        if self.reader.open_index() == Some(index) || self.reader.pending_preview == Some(index) {
            return None;
        }
        self.reader.pending_preview = Some(index);
        Some(Effect::Preview(index))
    }

    /// Shows the article read for the preview, when the cursor is still on it; keeps
    /// where the article it replaces was left, when that one was opened.
    pub(super) fn show_previewed(
        &mut self,
        index: usize,
        result: Result<Document, String>,
    ) -> Option<Effect> {
        if self.reader.pending_preview == Some(index) {
            self.reader.pending_preview = None;
        }
        let current = self.list.selected_article() == Some(index)
            && self.reader.open_index() != Some(index)
            && self.focus == Focus::List
            && self.side == Side::Articles;
        if !current {
            return None; // the cursor has moved on
        }
        let left = self.leave_article();
        let position = self.position_in(index, &result);
        self.reader.show_preview(index, result, position);
        self.refresh_passages();
        left.map(|left| Effect::SaveReading(vec![left]))
    }

    /// Opens the previewed article: the reader takes the keyboard, and the article counts
    /// as read.
    pub(super) fn open_preview(&mut self) -> Option<Effect> {
        self.reader.take_as_opened();
        self.set_focus(Focus::Reader);
        let index = self.reader.open_index()?;
        let location = self.articles.get(index)?.location.clone();
        let readable = self.reader.document().is_some();
        if !readable {
            return None;
        }
        let change = mark_read(&mut self.marks, &location);
        self.marked(index, true);
        Some(Effect::SaveReading(vec![change]))
    }
}
