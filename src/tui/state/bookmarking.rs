//! Bookmarking in the state: saving the selection or the paragraph under the cursor,
//! the note prompt's answer, the bookmarks pane's actions (open, edit, delete, undo), the
//! marks in the reading pane, and which articles are bookmarked.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use super::bookmarks_pane::passes;
use super::note_prompt::NotePrompt;
use super::{App, Focus, Side};
use crate::bookmarks::{Bookmark, Status};
use crate::store::{Article, Location};
use crate::tui::effects::messages::{BookmarkChange, Effect};

impl App {
    /// `v` then `b`: bookmarks the selected lines' text.
    pub(super) fn save_selection(&mut self) -> Option<Effect> {
        let range = self.reader.selected_text();
        self.reader.selecting = None;
        self.bookmark(range)
    }

    /// `B`: bookmarks the paragraph under the cursor.
    pub(super) fn bookmark_paragraph(&mut self) -> Option<Effect> {
        let range = self.reader.paragraph_text();
        self.bookmark(range)
    }

    fn bookmark(&mut self, range: Option<Range<usize>>) -> Option<Effect> {
        if self.refused_read_only() {
            return None;
        }
        let (Some(document), Some(index)) = (self.reader.document(), self.reader.open_index())
        else {
            let why = match &self.reader.open {
                Some(open) if open.gone => {
                    "this article's file was deleted, so nothing in it can be bookmarked"
                }
                Some(_) => "this article could not be read, so nothing in it can be bookmarked",
                None => "open an article to bookmark a passage of it",
            };
            self.notice = Some(why.to_owned());
            return None;
        };
        let Some(range) = range.filter(|r| !r.is_empty()) else {
            self.notice =
                Some("nothing to bookmark there: the lines show no text of the article".to_owned());
            return None;
        };
        let path = self.articles[index].location.to_path();
        let text = &self.reader.text;
        let same = self
            .bookmarks
            .list
            .iter()
            .find(|b| b.path == path && b.passage_in(text).as_ref() == Some(&range));
        if let Some(same) = same {
            // Kept already: its note is what there is left to change.
            self.prompt = Some(NotePrompt::new(&same.id, same.note.as_deref()));
            self.notice = Some("bookmarked already".to_owned());
            return None;
        }
        let bookmark = Bookmark::at(&path, document, text, range);
        self.prompt = Some(NotePrompt::new(&bookmark.id, None));
        self.notice = Some("bookmarked".to_owned());
        let mut list = self.bookmarks.list.clone();
        list.push(bookmark.clone());
        self.take_bookmarks(list);
        self.bookmarks.select_id(&bookmark.id);
        self.save(BookmarkChange::Add(bookmark))
    }

    /// Enter in the note prompt: keeps the note typed (none when empty).
    pub(super) fn accept_note(&mut self) -> Option<Effect> {
        let prompt = self.prompt.take()?;
        let typed = prompt.input.text().trim();
        if typed == prompt.initial.trim() || self.refused_read_only() {
            return None;
        }
        let note = (!typed.is_empty()).then(|| typed.to_owned());
        let bookmark = self.bookmarks.find_mut(&prompt.id)?;
        bookmark.note.clone_from(&note);
        let bookmark = bookmark.clone();
        self.narrow_bookmarks();
        let said = if note.is_some() {
            "note kept"
        } else {
            "note removed"
        };
        self.notice = Some(said.to_owned());
        self.save(BookmarkChange::Note(bookmark))
    }

    /// Asks for `change` to be written, with every change not yet saved before it.
    pub(super) fn save(&mut self, change: BookmarkChange) -> Option<Effect> {
        self.bookmarks.unsaved.push(change);
        Some(Effect::SaveBookmarks(self.bookmarks.unsaved.clone()))
    }

    /// The changes not yet saved, asked for again (on the loop's timer, and at quit).
    pub fn retry_unsaved(&self) -> Option<Effect> {
        if self.bookmarks.unsaved.is_empty() || self.bookmarks.read_only.is_some() {
            return None;
        }
        Some(Effect::SaveBookmarks(self.bookmarks.unsaved.clone()))
    }

    /// True (saying why) when bookmarks cannot be changed.
    pub(super) fn refused_read_only(&mut self) -> bool {
        match &self.bookmarks.read_only {
            Some(why) => {
                self.notice = Some(format!("bookmarks are read-only: {why}"));
                true
            }
            None => false,
        }
    }

    /// `e` in the bookmarks pane: the note prompt, holding the note as it is.
    pub(super) fn edit_note(&mut self) {
        if self.refused_read_only() {
            return;
        }
        let Some(bookmark) = self.bookmarks.selected() else {
            return;
        };
        self.prompt = Some(NotePrompt::new(&bookmark.id, bookmark.note.as_deref()));
    }

    /// `d` in the bookmarks pane.
    pub(super) fn delete_bookmark(&mut self) -> Option<Effect> {
        if self.refused_read_only() {
            return None;
        }
        let id = self.bookmarks.selected()?.id.clone();
        self.bookmarks.delete(&id)?;
        self.bookmarks_changed();
        let undo = self.keymap.first_key(
            crate::tui::input::keymap::Mode::Bookmarks,
            crate::tui::Action::UndoDelete,
        );
        self.notice = Some(match undo {
            Some(key) => format!("bookmark deleted ({key} brings it back)"),
            None => "bookmark deleted".to_owned(),
        });
        self.save(BookmarkChange::Delete(id))
    }

    /// `u` in the bookmarks pane: puts back the bookmark deleted last.
    pub(super) fn undo_delete(&mut self) -> Option<Effect> {
        if self.refused_read_only() {
            return None;
        }
        let Some(bookmark) = self.bookmarks.undo() else {
            self.notice = Some("nothing to undo".to_owned());
            return None;
        };
        self.bookmarks_changed();
        self.notice = Some("bookmark back".to_owned());
        self.save(BookmarkChange::Add(bookmark))
    }

    /// Enter in the bookmarks pane: reads the article at the passage.
    pub(super) fn open_bookmark(&mut self) -> Option<Effect> {
        let bookmark = self.bookmarks.selected()?;
        let (id, location) = (bookmark.id.clone(), Location::from_path(&bookmark.path));
        let Some(index) = self.article_at(&location) else {
            self.notice = Some(format!(
                "{} is not in this store",
                crate::sanitize::sanitize_line(&location.display())
            ));
            return None;
        };
        // Read again even when open: the passage is looked for in the text as it is now.
        self.passage_to_show = Some(id);
        Some(Effect::LoadArticle(index))
    }

    /// Scrolls the reader to the bookmark's passage and puts the cursor on it.
    pub(super) fn show_passage(&mut self, id: &str) {
        let Some(bookmark) = self.bookmarks.find(id) else {
            return;
        };
        let found = self
            .reader
            .document()
            .and_then(|_| bookmark.passage_in(&self.reader.text));
        match found.and_then(|range| self.reader.line_at(range.start)) {
            Some(line) => {
                let height = self.reader.height;
                self.reader.scroll_to(line.saturating_sub(height / 3));
                self.reader.cursor_to(line);
            }
            None => {
                self.notice = Some(format!(
                    "the passage is no longer in the article; it was: {}",
                    crate::sanitize::sanitize_line(bookmark.quote())
                ));
            }
        }
    }

    /// Takes `list` as every bookmark: the pane, the marks in the reader and the
    /// bookmarked articles follow.
    pub fn take_bookmarks(&mut self, list: Vec<Bookmark>) {
        self.bookmarks.replace(list);
        self.bookmarks_changed();
    }

    /// After the bookmarks changed: the pane (when shown), the marks in the reader and
    /// which articles are bookmarked follow.
    pub(super) fn bookmarks_changed(&mut self) {
        if self.side == Side::Bookmarks {
            self.narrow_bookmarks();
        }
        self.refresh_passages();
        let bookmarked = self
            .bookmarks
            .list
            .iter()
            .map(|b| Location::from_path(&b.path))
            .collect();
        if self.marks.bookmarked != bookmarked {
            Arc::make_mut(&mut self.marks).bookmarked = bookmarked;
        }
    }

    /// Shows the bookmarks the bar's query lets through.
    pub(super) fn narrow_bookmarks(&mut self) {
        if self.bookmarks.list.is_empty() {
            self.bookmarks.narrow(|_| true);
            return;
        }
        let query = self.filter.requested.clone();
        self.places();
        let statuses: HashMap<String, Status> = (self.bookmarks.gone.iter())
            .chain(self.bookmarks.changed.keys())
            .filter_map(|id| Some((id.clone(), self.bookmarks.status(id)?)))
            .collect();
        let App {
            bookmarks,
            places,
            articles,
            marks,
            ..
        } = self;
        let places = places.as_ref();
        bookmarks.narrow(|b| {
            let index = places.and_then(|p| p.get(&Location::from_path(&b.path)));
            let status = statuses.get(&b.id).copied();
            passes(&query, b, index.map(|&i| &articles[i]), marks, status)
        });
    }

    /// The passages of the open article's bookmarks, for the reader to mark.
    pub(super) fn refresh_passages(&mut self) {
        let passages = match self.reader.document() {
            Some(document) => {
                let path = document.article.location.to_path();
                let mine: Vec<&Bookmark> = self
                    .bookmarks
                    .list
                    .iter()
                    .filter(|b| b.path == path)
                    .collect();
                if mine.is_empty() {
                    Vec::new()
                } else {
                    let text = &self.reader.text;
                    mine.iter().filter_map(|b| b.passage_in(text)).collect()
                }
            }
            None => Vec::new(),
        };
        self.reader.passages = passages;
    }

    /// `'`: the bookmarks in place of the list (each passage looked for in its article's
    /// current text), or the list again.
    pub(super) fn toggle_bookmarks(&mut self) -> Option<Effect> {
        self.side = match self.side {
            Side::Articles => Side::Bookmarks,
            Side::Bookmarks => Side::Articles,
        };
        self.set_focus(Focus::List);
        if self.side == Side::Articles {
            return None;
        }
        self.narrow_bookmarks();
        if self.bookmarks.list.is_empty() {
            return None;
        }
        self.bookmarks.looking = true;
        Some(Effect::FindPassages(self.bookmarks.list.clone()))
    }

    /// The article at `location` in the store's list.
    pub(super) fn article_at(&mut self, location: &Location) -> Option<usize> {
        self.places().get(location).copied()
    }

    /// The article at `location`, when the store has it (known once the bookmarks pane
    /// has been filtered).
    pub fn article_for(&self, location: &Location) -> Option<&Article> {
        let index = *self.places.as_ref()?.get(location)?;
        self.articles.get(index)
    }

    /// Each article's index by its location (worked out when first needed).
    fn places(&mut self) -> &HashMap<Location, usize> {
        let articles = &self.articles;
        self.places.get_or_insert_with(|| {
            articles
                .iter()
                .enumerate()
                .map(|(i, a)| (a.location.clone(), i))
                .collect()
        })
    }
}
