//! A reworded passage in the bookmarks pane: the text now there taken as the bookmark's
//! quote, context and offset, so it is found word for word from then on.

use super::App;
use crate::tui::effects::messages::{BookmarkChange, Effect};

impl App {
    /// `a` in the bookmarks pane: the selected bookmark, when its passage was reworded,
    /// quotes the text now there; the file is written as for a note.
    pub(super) fn accept_changed(&mut self) -> Option<Effect> {
        let id = self.bookmarks.selected()?.id.clone();
        let Some(selector) = self.bookmarks.changed.get(&id).cloned() else {
            let why = if self.bookmarks.gone.contains(&id) {
                "this passage is no longer in its article: there is no new text to keep"
            } else if self.bookmarks.looking {
                "the passages are still being looked for"
            } else {
                "this passage is in its article word for word: there is no new text to keep"
            };
            self.notice = Some(why.to_owned());
            return None;
        };
        if self.refused_read_only() {
            return None;
        }
        let bookmark = self.bookmarks.find_mut(&id)?;
        bookmark.selector = selector;
        let bookmark = bookmark.clone();
        self.bookmarks.changed.remove(&id);
        self.bookmarks_changed();
        self.notice = Some("the bookmark quotes the text now there".to_owned());
        self.save(BookmarkChange::Requote(bookmark))
    }
}
