//! Read state you can see: how many articles of the list are unread, the next unread
//! one, and marking the whole list read (undone with `u` while folio runs).

use std::sync::Arc;

use crate::tui::effects::messages::{Effect, ReadingChange};
use crate::tui::state::App;

impl App {
    /// Takes the read marks in again for every article (after the list of articles or
    /// the marks changed as a whole), and counts the list's unread ones.
    pub(super) fn read_marks_changed(&mut self) {
        let read = &self.marks.read;
        self.read_flags = if read.is_empty() {
            vec![false; self.articles.len()]
        } else {
            self.articles
                .iter()
                .map(|a| read.contains(&a.location))
                .collect()
        };
        self.recount_unread();
    }

    /// Article `index` was just marked read or unread.
    pub(super) fn marked(&mut self, index: usize, read: bool) {
        if let Some(flag) = self.read_flags.get_mut(index) {
            *flag = read;
        }
        self.recount_unread();
    }

    /// Counts the unread articles of the list again (after the list changed): one look
    /// at a flag an article, no path hashed, so typing a filter stays cheap.
    pub(super) fn recount_unread(&mut self) {
        let flags = &self.read_flags;
        self.list.unread = self
            .list
            .visible
            .iter()
            .filter(|&&i| !flags.get(i).copied().unwrap_or(false))
            .count();
    }

    /// True when article `index` has not been read.
    pub fn is_unread(&self, index: usize) -> bool {
        index < self.articles.len() && !self.read_flags.get(index).copied().unwrap_or(false)
    }

    /// Moves the list's cursor to the next unread article, from the top again past the
    /// end.
    pub(super) fn next_unread(&mut self) {
        let count = self.list.visible.len();
        let from = self.list.window.selected;
        let next = (1..=count)
            .map(|step| (from + step) % count.max(1))
            .find(|&position| self.is_unread(self.list.visible[position]));
        match next {
            Some(position) => self.list.select(position),
            None => self.notice = Some("no unread article in the list".to_owned()),
        }
    }

    /// Marks every article of the list read; `u` undoes it while folio runs.
    pub(super) fn mark_all_read(&mut self) -> Option<Effect> {
        let newly: Vec<usize> = self
            .list
            .visible
            .iter()
            .copied()
            .filter(|&i| self.is_unread(i))
            .collect();
        if newly.is_empty() {
            self.notice = Some("every article in the list is read already".to_owned());
            return None;
        }
        let newly: Vec<_> = newly
            .into_iter()
            .map(|i| {
                self.read_flags[i] = true;
                self.articles[i].location.clone()
            })
            .collect();
        let marks = Arc::make_mut(&mut self.marks);
        marks.read.extend(newly.iter().cloned());
        let changes = newly
            .iter()
            .map(|location| ReadingChange::marked(location, true))
            .collect();
        self.notice = Some(format!(
            "{} marked read (u undoes)",
            crate::tui::text::format::thousands(newly.len())
        ));
        self.reading.marked_together = newly;
        self.recount_unread();
        Some(Effect::SaveReading(changes))
    }

    /// `u` in the list: marks unread again the articles the last "all read" marked.
    pub(super) fn undo_mark_all_read(&mut self) -> Option<Effect> {
        let marked = std::mem::take(&mut self.reading.marked_together);
        if marked.is_empty() {
            self.notice = Some("nothing to undo".to_owned());
            return None;
        }
        let marks = Arc::make_mut(&mut self.marks);
        for location in &marked {
            marks.read.remove(location);
        }
        self.notice = Some(format!("{} marked unread again", marked.len()));
        self.read_marks_changed();
        let changes = marked
            .iter()
            .map(|location| ReadingChange::marked(location, false))
            .collect();
        Some(Effect::SaveReading(changes))
    }
}
