//! [`App::finish`]: the state takes in the outcome of an effect, or an answer of work in
//! the background, and may ask for another effect.

use crate::tui::effects::messages::{Effect, NotSaved, Outcome};
use crate::tui::state::filter_bar::OnAnswer;
use crate::tui::state::history::History;
use crate::tui::state::list::ListState;
use crate::tui::state::timeline::{self, Timeline};
use crate::tui::state::{App, widest_source};

impl App {
    /// Takes in the result of an effect.
    pub fn finish(&mut self, outcome: Outcome) -> Option<Effect> {
        self.dirty = true;
        match outcome {
            Outcome::Loaded { index, result } => return self.show_loaded(index, result),
            Outcome::Previewed { index, result } => return self.show_previewed(index, result),
            Outcome::Searched {
                query,
                matches,
                pending,
            } => {
                if !self.filter.answer(query, matches, pending) {
                    return None; // an answer to a query since changed
                }
                if self.find.is_none() {
                    self.reader.set_query(&self.filter.answered);
                }
                self.timeline = Timeline::of(&self.months, self.filter.matches.iter().map(|m| m.0));
                self.reorder();
                if self.filter.has_whole_answer()
                    && let Some(then) = self.filter.on_answer.take()
                {
                    self.list.select(0);
                    if then == OnAnswer::OpenFirst {
                        return self.open_selected();
                    }
                }
                return self.resume_session();
            }
            Outcome::Scanning { found } => self.loading = Some(found),
            Outcome::Scanned { articles, problems } => {
                self.loading = None;
                self.widest_source = widest_source(&articles);
                self.articles = articles;
                self.problems = problems;
                self.filter.new_list(self.articles.len());
                self.title_ranks = None;
                self.months = timeline::months(&self.articles);
                self.timeline = Timeline::of(&self.months, 0..self.articles.len());
                self.list = ListState::new(self.articles.len());
                self.list.set_height(self.areas.list.height as usize);
                self.places = None;
                self.read_marks_changed();
                self.reorder();
                self.bookmarks_changed();
                if !self.filter.requested.is_empty() {
                    self.filter.searching = true;
                    return Some(Effect::Search(self.filter.requested.clone()));
                }
                return self.resume_session();
            }
            Outcome::TitleRanks(ranks) => {
                if ranks.len() == self.articles.len() && self.title_ranks.is_none() {
                    self.title_ranks = Some(ranks);
                }
            }
            Outcome::Indexing { done, total } => self.indexing = Some((done, total)),
            Outcome::Indexed => self.indexing = None,
            Outcome::Problems(problems) => self.problems = problems,
            Outcome::VaultWritten(said) => self.notice = Some(said.unwrap_or_else(|why| why)),
            Outcome::StoreChanged(update) => return self.store_changed(update),
            Outcome::WatchFailed(why) => self.notice = Some(why),
            Outcome::Resumed => {}
            Outcome::HandedBack { result, reread } => return self.handed_back(result, reread),
            Outcome::Bookmarks(Ok(list)) => {
                self.bookmarks.unsaved.clear();
                if self.bookmarks.failure.take().is_some() {
                    self.notice = Some("bookmarks saved".to_owned());
                }
                self.take_bookmarks(list);
                return self.search_again_for_states();
            }
            Outcome::Passages { gone, changed } => {
                self.bookmarks.looking = false;
                self.bookmarks.gone = gone.into_iter().collect();
                self.bookmarks.changed = changed.into_iter().collect();
                if self.side == super::Side::Bookmarks && self.filter.requested.tests_state() {
                    self.narrow_bookmarks();
                }
            }
            Outcome::HistoryRead(queries) => self.filter.history = History::new(queries),
            Outcome::SessionRead(session) => return self.take_session(session),
            Outcome::BookmarksRead(Ok(list)) => self.take_bookmarks(list),
            Outcome::BookmarksRead(Err(why)) => {
                // Read-only for this run: the file is never overwritten.
                self.notice = Some(format!("bookmarks are read-only: {why}"));
                self.bookmarks.read_only = Some(why);
            }
            Outcome::ReadingLoaded(Ok(kept)) => {
                self.reading.take_kept(&mut self.marks, kept);
                self.read_marks_changed();
                self.place_after_reading_loaded();
            }
            Outcome::ReadingLoaded(Err(why)) => {
                self.reading.loaded = true;
                self.notice = Some(why);
            }
            Outcome::ReadingNotKept(why) => {
                self.notice = Some(format!("reading state not kept: {why}"))
            }
            Outcome::Bookmarks(Err(NotSaved { why, retry: true })) => {
                // Kept in memory and sent again: with the next change, on the loop's
                // timer, at quit.
                self.notice = Some(format!("bookmarks not saved yet, kept to try again: {why}"));
                self.bookmarks.failure = Some(why);
            }
            Outcome::Bookmarks(Err(NotSaved { why, retry: false })) => {
                // The file must be left alone: no more writes this run; what was not
                // saved is kept in memory and printed at quit.
                self.notice = Some(format!("bookmarks not saved: {why}"));
                self.bookmarks.read_only = Some(why);
                self.prompt = None;
            }
        }
        None
    }
}
