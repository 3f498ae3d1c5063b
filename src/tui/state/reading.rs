//! The reading state's part: where the view was in each article left, and which
//! articles were read (the read marks live in the [`Marks`] the search worker shares);
//! with the steps that open an article at its place, keep where it was left, and mark
//! it read or unread.

use std::collections::HashMap;
use std::sync::Arc;

use crate::bookmarks::anchor::byte_of_char;
use crate::marks::Marks;
use crate::store::{Document, Location};
use crate::tui::effects::messages::{Effect, ReadState, ReadingChange};
use crate::tui::state::{App, Focus};

/// Where each article was left: characters into its text, 0 for the top. From the
/// reading state kept on disk and this run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Positions {
    positions: HashMap<Location, usize>,
    /// The articles the last "mark all read" marked, for `u` to mark unread again.
    pub marked_together: Vec<Location>,
    /// The state kept on disk has been taken in (it is read after the list is up).
    pub loaded: bool,
}

impl Positions {
    /// Where `location` was left, in characters into its text.
    pub fn position(&self, location: &Location) -> Option<usize> {
        self.positions.get(location).copied()
    }

    /// Keeps that `location` was left at `position` (characters).
    pub fn leave(&mut self, location: &Location, position: usize) -> ReadingChange {
        self.positions.insert(location.clone(), position);
        ReadingChange {
            path: location.to_path(),
            read: None,
            position: Some(position),
        }
    }

    /// Takes in the state kept on disk: what this run has seen already is newer.
    pub fn take_kept(&mut self, marks: &mut Arc<Marks>, kept: ReadState) {
        self.loaded = true;
        Arc::make_mut(marks).read.extend(kept.read);
        for (location, position) in kept.positions {
            self.positions.entry(location).or_insert(position);
        }
    }
}

/// Marks `location` read, as of now.
pub fn mark_read(marks: &mut Arc<Marks>, location: &Location) -> ReadingChange {
    if !marks.read.contains(location) {
        Arc::make_mut(marks).read.insert(location.clone());
    }
    ReadingChange::marked(location, true)
}

/// Marks `location` read when it was not, else unread; says which.
pub fn toggle_read(marks: &mut Arc<Marks>, location: &Location) -> (bool, ReadingChange) {
    let marks = Arc::make_mut(marks);
    let read = !marks.read.remove(location);
    if read {
        marks.read.insert(location.clone());
    }
    let change = ReadingChange::marked(location, read);
    (read, change)
}

impl App {
    /// Shows the article at `index` as read (or why it could not be), where it was left;
    /// keeps where the article before it was left, and that this one was read.
    pub(super) fn show_loaded(
        &mut self,
        index: usize,
        result: Result<Document, String>,
    ) -> Option<Effect> {
        let mut keep: Vec<_> = self.leave_article().into_iter().collect();
        self.list.select_article(index);
        self.set_focus(Focus::Reader);
        let location = self.articles.get(index).map(|a| a.location.clone());
        let position = self.position_in(index, &result);
        let readable = result.is_ok();
        self.reader.show(index, result, position);
        self.refresh_passages();
        if let Some(id) = self.passage_to_show.take() {
            self.show_passage(&id);
        }
        if let Some((scroll, at)) = self.keep_view.take() {
            // Read again after the editor: as it was, as far as the text allows.
            self.reader.scroll_to(scroll);
            if let Some(line) = at.and_then(|at| self.reader.line_at(at)) {
                self.reader.cursor_to(line);
            }
        }
        if let Some(location) = location.filter(|_| readable) {
            keep.push(mark_read(&mut self.marks, &location));
            self.marked(index, true);
        }
        Some(Effect::SaveReading(keep))
    }

    /// Where article `index` was left, as bytes into `result`'s text, when it was left
    /// past its start.
    pub(super) fn position_in(
        &self,
        index: usize,
        result: &Result<Document, String>,
    ) -> Option<usize> {
        let location = &self.articles.get(index)?.location;
        match (result, self.reading.position(location)) {
            (Ok(doc), Some(chars)) if chars > 0 => {
                let text = doc.body.text();
                byte_of_char(&text, chars).or(Some(text.len()))
            }
            _ => None,
        }
    }

    /// What to keep about the article being left: where its view was (nothing for an
    /// article only previewed).
    pub(super) fn leave_article(&mut self) -> Option<ReadingChange> {
        if self.reader.previewing() {
            return None;
        }
        let index = self.reader.open_index()?;
        if !self.reading.loaded && self.reader.scroll == 0 {
            // Shown before the kept places were read, and never moved from its top:
            // nothing is known of where it was left, so nothing is written over it.
            return None;
        }
        let text = &self.reader.text;
        self.reader.document()?;
        // At the top, where the title shows: kept as 0, the start.
        let position = match self.reader.scroll {
            0 => 0,
            _ => text.get(..self.reader.position()?)?.chars().count(),
        };
        let location = &self.articles.get(index)?.location;
        Some(self.reading.leave(location, position))
    }

    /// `m`: marks the selected article (the open one, in the reader) read or unread.
    pub(super) fn toggle_read(&mut self) -> Option<Effect> {
        let index = match self.focus {
            Focus::Reader => self.reader.open_index(),
            Focus::List => self.list.selected_article(),
        }?;
        let location = self.articles.get(index)?.location.clone();
        let (read, change) = toggle_read(&mut self.marks, &location);
        self.marked(index, read);
        self.notice = Some(if read { "marked read" } else { "marked unread" }.to_owned());
        Some(Effect::SaveReading(vec![change]))
    }

    /// Once the kept places are read: the article the reader shows (a session's, or a
    /// preview shown before they came), still at its top, goes to where it was left.
    pub(super) fn place_after_reading_loaded(&mut self) {
        let Some(index) = self.reader.open_index() else {
            return;
        };
        if self.reader.scroll != 0 {
            return; // moved already: the user's place stands
        }
        let Some(open) = self.reader.open.as_ref() else {
            return;
        };
        let (content, preview) = (open.content.clone(), open.preview);
        let Some(position) = self.position_in(index, &content) else {
            return;
        };
        if preview {
            self.reader.show_preview(index, content, Some(position));
        } else {
            self.reader.show(index, content, Some(position));
        }
        self.refresh_passages();
    }

    /// What to keep as folio ends: bookmark changes not yet saved (one more try), where
    /// this run leaves off, and where the open article's view was.
    pub fn farewell(&mut self) -> Vec<Effect> {
        let bookmarks = self.retry_unsaved();
        let session = self.session().map(Effect::SaveSession);
        let left = self.leave_article();
        bookmarks
            .into_iter()
            .chain(session)
            .chain(left.map(|left| Effect::SaveReading(vec![left])))
            .collect()
    }
}
