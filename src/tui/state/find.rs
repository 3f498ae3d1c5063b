//! Finding in the open article, as `less` does: `/` opens a prompt, the words typed are
//! marked in the article as they are typed and the view moves to the first match from
//! the top of the view; Enter keeps them marked for `n`/`N`, Esc (or Esc in the reader)
//! ends it and the filter's matches are marked again. The list and its filter are left
//! as they are.

use crate::query::Query;
use crate::tui::state::App;
use crate::tui::state::line_edit::LineEdit;

/// What is being found in the article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Find {
    pub input: LineEdit,
    /// The prompt is open (else the words are kept marked for `n`/`N`).
    pub editing: bool,
}

impl App {
    /// `/` in the reader: the prompt, empty.
    pub(super) fn start_find(&mut self) {
        if self.reader.open.is_none() {
            self.notice = Some("open an article to find in it".to_owned());
            return;
        }
        self.find = Some(Find {
            input: LineEdit::default(),
            editing: true,
        });
    }

    /// After the words typed changed: marks them and moves to the first match.
    pub(super) fn refind(&mut self) {
        let Some(find) = &self.find else {
            return;
        };
        let query = Query::phrase(find.input.text());
        let empty = query.is_empty();
        self.reader.set_query(&query);
        if !empty {
            self.go_to_match(true);
        }
    }

    /// Enter: closes the prompt, keeping the words marked (or ends finding, when none
    /// were typed).
    pub(super) fn accept_find(&mut self) {
        match &mut self.find {
            Some(find) if !find.input.text().trim().is_empty() => {
                find.editing = false;
                self.notice = Some(self.match_count());
            }
            _ => self.end_find(),
        }
    }

    /// `match 3 of 12` for the match the reader is at, or `no matches`.
    pub fn match_count(&self) -> String {
        match (self.reader.current_match, self.reader.matches.len()) {
            (_, 0) => "no matches".to_owned(),
            (Some(at), total) => format!("match {} of {total}", at + 1),
            (None, total) => format!("{total} matches"),
        }
    }

    /// Ends finding: the filter's matches are marked again.
    pub(super) fn end_find(&mut self) {
        if self.find.take().is_some() {
            let query = self.filter.answered.clone();
            self.reader.set_query(&query);
        }
    }

    /// `n`/`N`: the next or previous match, said as "match 3 of 12".
    pub(super) fn go_to_match(&mut self, forward: bool) {
        self.reader.go_to_match(forward);
        self.notice = Some(self.match_count());
    }
}
