//! The reader's preview: while the list (or the bookmarks pane) has the keyboard and the
//! reader shows beside it, the reader shows the article under the cursor (a bookmark's
//! at its passage), read off the loop, neither marked read nor its place kept. The reader never shows an article the list does not:
//! when the list changes under it, the preview follows the cursor.

use crate::store::{Document, Location};
use crate::tui::effects::messages::Effect;
use crate::tui::state::reading::mark_read;
use crate::tui::state::{App, Focus, Side};

impl App {
    /// Asks for the article under the list's cursor when the reader shows beside the
    /// list and shows another one (or, when the list is empty, shows nothing).
    pub fn follow_cursor(&mut self) -> Option<Effect> {
        if self.focus != Focus::List || !self.areas.split() || self.loading.is_some() {
            return None;
        }
        let Some(index) = self.under_cursor() else {
            if self.side == Side::Bookmarks {
                return None; // a bookmark of an article not in the store: nothing to show
            }
            let left = self.leave_article();
            self.reader.clear();
            return left.map(|left| Effect::SaveReading(vec![left]));
        };
        if self.reader.open_index() == Some(index) {
            let selected = self.bookmarks.selected().map(|b| b.id.clone());
            if self.side == Side::Bookmarks
                && self.reader.previewing()
                && selected != self.bookmarks.previewed
                && let Some(id) = selected
            {
                // Another passage of the article shown: the preview goes to it, once.
                self.show_passage(&id);
                self.bookmarks.previewed = Some(id);
            }
            return None;
        }
        if self.reader.pending_preview == Some(index) {
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
        // Asked for (not only answered): it may be the article shown, read again.
        let asked = self.reader.pending_preview == Some(index);
        if asked {
            self.reader.pending_preview = None;
        }
        let current = self.under_cursor() == Some(index)
            && (asked || self.reader.open_index() != Some(index))
            && self.focus == Focus::List;
        if !current {
            return None; // the cursor has moved on
        }
        let left = self.leave_article();
        let position = self.position_in(index, &result);
        self.reader.show_preview(index, result, position);
        self.refresh_passages();
        self.bookmarks.previewed = None;
        if self.side == Side::Bookmarks
            && let Some(id) = self.bookmarks.selected().map(|b| b.id.clone())
        {
            self.show_passage(&id);
            self.bookmarks.previewed = Some(id);
        }
        left.map(|left| Effect::SaveReading(vec![left]))
    }

    /// The article under the cursor: the list's, or in the bookmarks pane the selected
    /// bookmark's, when the store has it.
    fn under_cursor(&mut self) -> Option<usize> {
        match self.side {
            Side::Articles => self.list.selected_article(),
            Side::Bookmarks => {
                let location = Location::from_path(&self.bookmarks.selected()?.path);
                self.article_at(&location)
            }
        }
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
