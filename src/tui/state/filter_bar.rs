//! The filter bar's part of the state: the line being typed, the query it last asked
//! for and the one whose answer the list shows, why the text does not parse (when it
//! does not), whether the answer is still coming, and the history of queries kept.

use jiff::civil::Date;

use crate::query::{self, Query, QueryError};
use crate::search::memory::Scored;
use crate::tui::state::history::History;
use crate::tui::state::line_edit::LineEdit;

#[derive(Debug, Clone, PartialEq)]
pub struct FilterBar {
    /// The keyboard types into the bar.
    pub focused: bool,
    pub input: LineEdit,
    /// The query whose answer the list shows, and its text.
    pub answered: Query,
    pub answered_text: String,
    /// The query last asked for (the list shows it once its search answers), and its text.
    pub requested: Query,
    pub requested_text: String,
    /// What is wrong with the bar's text, when it does not parse (the list keeps the
    /// last good query's answer).
    pub error: Option<QueryError>,
    /// The day `since:` counts back from.
    pub today: Date,
    /// Article text is still being searched for `requested`.
    pub searching: bool,
    /// The matches of `answered` with their scores, in store order.
    pub matches: Scored,
    pub history: History,
    /// What Enter asked for before the answer to the text typed had come: done to that
    /// answer once it comes, never to an older one.
    pub on_answer: Option<OnAnswer>,
}

/// What to do with the list once the answer to the bar's text has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnAnswer {
    /// Select its first article.
    SelectFirst,
    /// Select its first article and open it.
    OpenFirst,
}

impl FilterBar {
    /// An empty bar over `count` articles, all of which match.
    pub fn new(count: usize) -> FilterBar {
        FilterBar {
            focused: false,
            input: LineEdit::default(),
            answered: Query::default(),
            answered_text: String::new(),
            requested: Query::default(),
            requested_text: String::new(),
            error: None,
            today: query::today(),
            searching: false,
            matches: every(count),
            history: History::default(),
            on_answer: None,
        }
    }

    /// Parses the bar's text: the query to search for when it is new, else `None` (the
    /// text does not parse, saying why, or asks what was asked already).
    pub fn ask(&mut self) -> Option<Query> {
        let query = match query::parse(self.input.text(), self.today) {
            Ok(query) => query,
            Err(error) => {
                self.error = Some(error);
                return None;
            }
        };
        self.error = None;
        if query == self.requested {
            return None;
        }
        self.requested = query.clone();
        self.requested_text = self.input.text().to_owned();
        self.on_answer = None;
        Some(query)
    }

    /// True when the list shows the whole answer to the query last asked for.
    pub fn has_whole_answer(&self) -> bool {
        !self.searching && self.answered == self.requested
    }

    /// Takes a search's answer to `query`; false (changing nothing) when the bar has
    /// asked for another query since.
    pub fn answer(&mut self, query: Query, matches: Scored, pending: bool) -> bool {
        if query != self.requested {
            return false;
        }
        self.answered = query;
        self.answered_text.clone_from(&self.requested_text);
        self.searching = pending;
        self.matches = matches;
        true
    }

    /// A new list of `count` articles: every one matches until the query asked for (if
    /// any) is searched again.
    pub fn new_list(&mut self, count: usize) {
        self.answered = Query::default();
        self.answered_text.clear();
        self.matches = every(count);
    }
}

/// Every one of `count` articles, unscored.
fn every(count: usize) -> Scored {
    (0..count).map(|i| (i, 0.0)).collect()
}
