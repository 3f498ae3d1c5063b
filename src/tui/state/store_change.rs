//! The store changed while folio runs: the list takes the new and changed articles in
//! and lets the gone ones go, keeping the cursor on its article; the filter's answer is
//! asked for again; the open article is read again (or, deleted, stays with a notice);
//! bookmarks follow articles moved within the store.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::store::changed::Update;
use crate::store::{Article, Location};
use crate::tui::effects::messages::{BookmarkChange, Effect, ReadingChange};
use crate::tui::state::timeline::{self, Timeline};
use crate::tui::state::{App, widest_source};

impl App {
    /// Takes in a change to the store; asks for what follows from it (the filter's
    /// answer, the open article, bookmarks moved, passages looked for again).
    pub(super) fn store_changed(&mut self, update: Update) -> Option<Effect> {
        if self.loading.is_some() {
            return None; // the list being read will have it
        }
        let moves = moves(&self.articles, &update);
        let open_location = self
            .reader
            .open
            .as_ref()
            .and_then(|open| self.articles.get(open.index))
            .map(|article| article.location.clone());
        let selected = self.list.selected_article();
        let moved = self.take_in(&update);
        let to = |index: usize| moved.get(index).copied().flatten();

        let mut effects = Vec::new();
        effects.extend(self.carry_reading(&moves));
        effects.extend(self.follow_open_article(open_location, to, &moves, &update));
        self.recount_unread();
        self.timeline = Timeline::of(&self.months, self.filter.matches.iter().map(|m| m.0));
        self.reorder();
        if let Some(index) = selected.and_then(to) {
            self.list.select_article(index);
        }
        if !self.filter.requested.is_empty() {
            self.filter.searching = true;
            effects.push(Effect::Search(self.filter.requested.clone()));
        }
        effects.extend(self.follow_moves(&moves));
        let bookmarked_changed = self.bookmarks.list.iter().any(|b| {
            let location = Location::from_path(&b.path);
            update.renews(&location) || update.removes(&location)
        });
        self.bookmarks_changed();
        if bookmarked_changed || !moves.is_empty() {
            self.bookmarks.looking = true;
            effects.push(Effect::FindPassages(self.bookmarks.list.clone()));
        }
        match effects.len() {
            0 => None,
            1 => effects.pop(),
            _ => Some(Effect::Several(effects)),
        }
    }

    /// Makes `update` in the list, and in what points into it (the read marks, the
    /// filter's matches, a preview asked for); returns where each article went.
    fn take_in(&mut self, update: &Update) -> Vec<Option<usize>> {
        let (articles, moved) = update.apply(take_list(&mut self.articles));
        let to = |index: usize| moved.get(index).copied().flatten();
        // The widest source seen stays: a column a little wide until the next start.
        self.widest_source = self.widest_source.max(widest_source(&update.articles));
        // Each article keeps its read mark; only the new ones are looked up.
        let mut read_flags = vec![None; articles.len()];
        for (old, new) in moved.iter().enumerate() {
            if let Some(new) = *new {
                read_flags[new] = self.read_flags.get(old).copied();
            }
        }
        self.read_flags = read_flags
            .into_iter()
            .zip(articles.iter())
            .map(|(flag, a)| flag.unwrap_or_else(|| self.marks.read.contains(&a.location)))
            .collect();
        // Worked out anew: an article read anew may have another date.
        self.months = timeline::months(&articles);
        self.articles = articles;
        self.places = None;
        self.title_ranks = None;
        self.filter.matches = self
            .filter
            .matches
            .iter()
            .filter_map(|&(i, score)| Some((to(i)?, score)))
            .collect();
        if self.filter.answered.is_empty() {
            self.filter.new_list(self.articles.len());
        }
        self.reader.pending_preview = self.reader.pending_preview.and_then(to);
        moved
    }

    /// The open article (at `location` before the change) after it: at its place in
    /// the new list; at its new path when it moved (the same text); read again when it
    /// changed; kept with its last text when it is gone.
    fn follow_open_article(
        &mut self,
        location: Option<Location>,
        to: impl Fn(usize) -> Option<usize>,
        moves: &[(PathBuf, PathBuf)],
        update: &Update,
    ) -> Option<Effect> {
        let moved_to = location.as_ref().and_then(|location| {
            let path = location.to_path();
            let (_, to) = moves.iter().find(|(from, _)| *from == path)?;
            let to = Location::from_path(to);
            self.articles.iter().position(|a| a.location == to)
        });
        let open = self.reader.open.as_mut().filter(|open| !open.gone)?;
        match to(open.index).or(moved_to) {
            Some(index) => {
                open.index = index;
                if let Some(moved) = moved_to {
                    if let Ok(document) = &mut open.content {
                        document.article = self.articles[moved].clone();
                    }
                    None
                } else if location.is_some_and(|l| update.renews(&l)) {
                    Some(self.read_again(index))
                } else {
                    None
                }
            }
            None => {
                open.gone = true;
                // A preview goes with the list's cursor; an article opened says why it stays.
                if !open.preview {
                    self.notice =
                        Some("file deleted: its last text stays until you leave it".to_owned());
                }
                None
            }
        }
    }

    /// Reads the open article `index` again, where it was: in the reader, the view and
    /// the cursor on the same text.
    fn read_again(&mut self, index: usize) -> Effect {
        if self.reader.previewing() {
            // The preview shows the file as it is now; taken in as any preview is.
            self.reader.pending_preview = Some(index);
            return Effect::Preview(index);
        }
        self.notice = Some("changed on disk: read again".to_owned());
        self.keep_view = Some((self.reader.scroll, self.reader.text_at_cursor()));
        Effect::LoadArticle(index)
    }

    /// The read marks and the places left of articles that moved, given to them at
    /// their new paths (in the state now, and in the reading state through the effect).
    fn carry_reading(&mut self, moves: &[(PathBuf, PathBuf)]) -> Option<Effect> {
        let mut changes = Vec::new();
        for (from, to) in moves {
            let (from, to) = (Location::from_path(from), Location::from_path(to));
            let read = self.marks.read.contains(&from);
            let place = self.reading.position(&from);
            if read {
                Arc::make_mut(&mut self.marks).read.insert(to.clone());
                changes.push(ReadingChange::marked(&to, true));
            }
            if let Some(place) = place {
                changes.push(self.reading.leave(&to, place));
            }
        }
        if changes.is_empty() {
            return None;
        }
        self.read_marks_changed();
        Some(Effect::SaveReading(changes))
    }

    /// The bookmarks of articles that moved, moved with them (in the pane now, and in
    /// the bookmarks file through the effect).
    fn follow_moves(&mut self, moves: &[(PathBuf, PathBuf)]) -> Option<Effect> {
        if moves.is_empty() || self.bookmarks.read_only.is_some() {
            return None;
        }
        let mut changes = Vec::new();
        for bookmark in &mut self.bookmarks.list {
            if let Some((_, to)) = moves.iter().find(|(from, _)| *from == bookmark.path) {
                bookmark.path = to.clone();
                changes.push(BookmarkChange::Move {
                    id: bookmark.id.clone(),
                    path: to.clone(),
                });
            }
        }
        if changes.is_empty() {
            return None;
        }
        self.bookmarks.unsaved.extend(changes);
        Some(Effect::SaveBookmarks(self.bookmarks.unsaved.clone()))
    }
}

/// The articles of `list`, moved out when no one else holds them (the search thread
/// holds them only while it searches), else copied.
fn take_list(list: &mut Arc<[Article]>) -> Vec<Article> {
    match Arc::get_mut(list) {
        Some(articles) => articles
            .iter_mut()
            .map(|a| std::mem::replace(a, Article::named(Location::Sample(""), String::new())))
            .collect(),
        None => list.to_vec(),
    }
}

/// The articles `update` moves within the store: a file gone and a new one with the
/// same size, modification time and title (what a rename keeps), as (from, to) paths
/// as bookmarks keep them.
fn moves(articles: &[Article], update: &Update) -> Vec<(PathBuf, PathBuf)> {
    if update.gone.is_empty() || update.articles.is_empty() {
        return Vec::new();
    }
    let known: HashMap<&Location, &Article> = articles.iter().map(|a| (&a.location, a)).collect();
    let gone: Vec<&Article> = articles
        .iter()
        .filter(|a| update.removes(&a.location))
        .collect();
    let mut moves = Vec::new();
    for new in update
        .articles
        .iter()
        .filter(|a| !known.contains_key(&a.location))
    {
        let same = gone
            .iter()
            .find(|old| old.size == new.size && old.mtime == new.mtime && old.title == new.title);
        if let Some(old) = same {
            moves.push((old.location.to_path(), new.location.to_path()));
        }
    }
    moves
}
