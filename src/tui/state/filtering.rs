//! The filter's road through the state: asking for a search when the bar's text
//! parses to a new query, asking again when the states it tests change, and putting the
//! answer in the list in the chosen order.

use crate::search::order::{self, Sort};
use crate::tui::effects::messages::Effect;
use crate::tui::state::{App, Focus, Side};

impl App {
    /// Parses the bar's text; asks for a search when it parses to a new query, else
    /// keeps the list as it is (and, when it does not parse, says why).
    pub(super) fn ask_search(&mut self) -> Option<Effect> {
        let query = self.filter.ask()?;
        if self.side == Side::Bookmarks {
            self.narrow_bookmarks();
        }
        if self.loading.is_some() {
            return None; // searched once the store is read
        }
        self.filter.searching = true;
        Some(Effect::Search(query))
    }

    /// Searches again when the list's query tests a state (`is:bookmarked`), after the
    /// bookmarks changed.
    pub(super) fn search_again_for_states(&mut self) -> Option<Effect> {
        if !self.filter.requested.tests_state() || self.loading.is_some() {
            return None;
        }
        self.filter.searching = true;
        Some(Effect::Search(self.filter.requested.clone()))
    }

    /// True when the list's query has words to rank by relevance.
    pub fn ranked(&self) -> bool {
        order::ranks(&self.filter.answered)
    }

    /// Puts the matches in the list in the chosen order, keeping the selection.
    pub(super) fn reorder(&mut self) {
        if self.sort == Sort::Title && self.title_ranks.is_none() {
            let titles = self.articles.iter().map(|a| a.title.as_str());
            self.title_ranks = Some(order::title_ranks(titles).into());
        }
        let ranks = self.title_ranks.as_deref().unwrap_or(&[]);
        let undated_from = self.articles.partition_point(|a| a.date.is_some());
        let visible = order::order(
            &self.filter.matches,
            self.sort,
            self.ranked(),
            ranks,
            undated_from,
        );
        self.list.set_visible(visible);
        self.recount_unread();
        // The reader never shows an article the list does not: the list takes the
        // keyboard back, and the preview follows its cursor.
        let dropped = self
            .reader
            .open_index()
            .is_some_and(|open| !self.list.visible.contains(&open));
        if dropped && self.focus == Focus::Reader {
            self.set_focus(Focus::List);
        }
    }
}
