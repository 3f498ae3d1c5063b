//! The bookmarks pane's state: every bookmark as the file holds them, those the filter
//! lets through (newest first), the selection, the deletions `u` brings back, the
//! passages reworded or gone, and why bookmarks cannot be written, when they cannot.

use crate::bookmarks::Bookmark;
use crate::bookmarks::Status;
use crate::bookmarks::anchor::Selector;
use crate::marks::Marks;
use crate::query::{Query, State};
use crate::store::Article;
use crate::tui::effects::messages::BookmarkChange;
use crate::tui::state::scroll::ScrollWindow;

/// Rows one bookmark takes in the pane: title and date, then quote and note.
pub const ROWS_PER_BOOKMARK: usize = 2;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct BookmarksPane {
    /// Every bookmark, in the file's order (oldest first).
    pub list: Vec<Bookmark>,
    /// The bookmarks shown (indexes into `list`), newest first.
    pub shown: Vec<usize>,
    /// The selection (a position in `shown`) and the bookmarks in view.
    pub window: ScrollWindow,
    /// Deleted while folio runs, the last deleted last.
    pub deleted: Vec<Bookmark>,
    /// The bookmarks whose passage is no longer in their article, when looked for.
    pub gone: std::collections::HashSet<String>,
    /// The bookmarks whose passage was reworded, when looked for, each with the
    /// selector of the text now there (what [`Action::AcceptChanged`] keeps).
    ///
    /// [`Action::AcceptChanged`]: crate::tui::Action::AcceptChanged
    pub changed: std::collections::HashMap<String, Selector>,
    /// The passages are being looked for (their answer is on its way).
    pub looking: bool,
    /// Why bookmarks cannot be changed (the file does not parse, say): shown, and
    /// every change refused, so the file is never overwritten.
    pub read_only: Option<String>,
    /// Changes not yet in the file (a write failed): kept, and sent again with the next
    /// change, on a timer and at quit; whatever is left at the end is printed.
    pub unsaved: Vec<BookmarkChange>,
    /// Why the last write failed, while changes are unsaved.
    pub failure: Option<String>,
    /// The bookmark whose passage the reader's preview was last put on.
    pub previewed: Option<String>,
    /// The bookmark to keep selected once the list, just replaced, is filtered.
    follow: Option<String>,
}

impl BookmarksPane {
    /// Takes `list` as every bookmark; the next [`BookmarksPane::narrow`] keeps the
    /// selection on the same bookmark.
    pub fn replace(&mut self, list: Vec<Bookmark>) {
        if let Some(id) = self.selected().map(|b| b.id.clone()) {
            self.follow = Some(id);
        }
        self.list = list;
        self.shown.clear();
    }

    /// Shows the bookmarks that `passes`, newest first, the selection staying on the
    /// same bookmark when it is still shown.
    pub fn narrow(&mut self, passes: impl Fn(&Bookmark) -> bool) {
        let follow = self
            .follow
            .take()
            .or_else(|| self.selected().map(|b| b.id.clone()));
        let mut shown: Vec<usize> = (0..self.list.len())
            .filter(|&i| passes(&self.list[i]))
            .collect();
        shown.sort_by(|&a, &b| {
            let (a, b) = (&self.list[a], &self.list[b]);
            b.created.cmp(&a.created).then_with(|| b.id.cmp(&a.id))
        });
        self.shown = shown;
        match follow.and_then(|id| self.shown.iter().position(|&i| self.list[i].id == id)) {
            Some(position) => self.select(position),
            None => self.select(self.window.selected),
        }
    }

    pub fn selected(&self) -> Option<&Bookmark> {
        self.shown.get(self.window.selected).map(|&i| &self.list[i])
    }

    pub fn find(&self, id: &str) -> Option<&Bookmark> {
        self.list.iter().find(|b| b.id == id)
    }

    /// Where the passage of bookmark `id` stands, as last looked for: changed, missing,
    /// or `None` when found as it was (or not looked for yet).
    pub fn status(&self, id: &str) -> Option<Status> {
        if self.gone.contains(id) {
            Some(Status::Missing)
        } else if self.changed.contains_key(id) {
            Some(Status::Changed)
        } else {
            None
        }
    }

    pub fn find_mut(&mut self, id: &str) -> Option<&mut Bookmark> {
        self.list.iter_mut().find(|b| b.id == id)
    }

    /// Selects the bookmark `id`, when it is shown.
    pub fn select_id(&mut self, id: &str) {
        if let Some(position) = self.shown.iter().position(|&i| self.list[i].id == id) {
            self.select(position);
        }
    }

    /// Removes the bookmark `id`, keeping it for [`BookmarksPane::undo`]; the next
    /// [`BookmarksPane::narrow`] selects the one shown after it (or before, at the end).
    pub fn delete(&mut self, id: &str) -> Option<Bookmark> {
        let neighbour = self
            .shown
            .iter()
            .map(|&i| &self.list[i].id)
            .skip_while(|shown| *shown != id)
            .nth(1)
            .or_else(|| self.shown.iter().map(|&i| &self.list[i].id).rev().nth(1))
            .cloned();
        let at = self.list.iter().position(|b| b.id == id)?;
        let bookmark = self.list.remove(at);
        self.shown.clear();
        self.follow = neighbour;
        self.deleted.push(bookmark.clone());
        Some(bookmark)
    }

    /// Puts back the bookmark deleted last; the next [`BookmarksPane::narrow`]
    /// selects it.
    pub fn undo(&mut self) -> Option<Bookmark> {
        let bookmark = self.deleted.pop()?;
        if self.find(&bookmark.id).is_none() {
            self.list.push(bookmark.clone());
            self.shown.clear();
        }
        self.follow = Some(bookmark.id.clone());
        Some(bookmark)
    }

    /// Shows as many bookmarks as fit in `rows` (at least one).
    pub fn set_height(&mut self, rows: usize) {
        let height = (rows / ROWS_PER_BOOKMARK).max(1);
        self.window.set_height(height, self.shown.len());
    }

    /// Selects the bookmark at `position` in `shown` (clamped).
    pub fn select(&mut self, position: usize) {
        self.window.select(position, self.shown.len());
    }

    pub fn move_by(&mut self, delta: isize) {
        self.window.move_by(delta, self.shown.len());
    }
}

/// Whether a bookmark passes `query`: its words are looked for in the article's title
/// and in the quote and note; its dates, source, author and tags are the article's
/// (`article`, or just the title the bookmark kept when the article is not in the store),
/// and so are its states (`marks`), but `is:changed` and `is:missing`, the passage's
/// (`status`, `None` until it has been looked for).
pub fn passes(
    query: &Query,
    bookmark: &Bookmark,
    article: Option<&Article>,
    marks: &Marks,
    status: Option<Status>,
) -> bool {
    if query.is_empty() {
        return true;
    }
    let stand_in;
    let article = match article {
        Some(article) => article,
        None => {
            let location = crate::store::Location::from_path(&bookmark.path);
            stand_in = Article::named(location, bookmark.title.clone());
            &stand_in
        }
    };
    let text = match &bookmark.note {
        Some(note) => format!("{}\n\n{note}", bookmark.quote()),
        None => bookmark.quote().to_owned(),
    };
    let own = |state: State| match state {
        State::Changed => Some(status == Some(Status::Changed)),
        State::Missing => Some(status == Some(Status::Missing)),
        State::Bookmarked | State::Unread => None,
    };
    query.matches_with(article, &text, marks, &own)
}
