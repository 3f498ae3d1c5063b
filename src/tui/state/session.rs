//! Where a run left off, and starting there: the filter typed goes back in the bar (and
//! is searched once the store is read), the article that was selected is selected again
//! once the list holds the whole answer, and opened if the reader was open on it, where
//! it was read to. A key pressed before then is the user taking over: nothing more is
//! restored.

use super::{App, Focus};
use crate::store::Location;
use crate::tui::effects::messages::{Effect, Session};

impl App {
    /// The last run's session, read at start (kept aside when `restore_session` is off).
    pub(super) fn take_session(&mut self, session: Option<Session>) -> Option<Effect> {
        let session = session.filter(|_| self.settings.restore_session)?;
        self.filter.input.set(&session.query);
        self.resume = Some(session);
        // With no query to ask (or the store not yet read), the list may be ready now.
        self.ask_search().or_else(|| self.resume_session())
    }

    /// Once the store is read and the filter answered: the session's article selected,
    /// and opened when it was.
    pub(super) fn resume_session(&mut self) -> Option<Effect> {
        if self.resume.is_none() || self.loading.is_some() || !self.filter.has_whole_answer() {
            return None;
        }
        let session = self.resume.take()?;
        let location = Location::from_path(session.article.as_deref()?);
        let index = self.article_at(&location)?;
        let row = self.list.visible.iter().position(|&i| i == index)?;
        self.list.select(row);
        if session.reading {
            self.open_selected()
        } else {
            None
        }
    }

    /// Where this run leaves off: the filter typed, the article in the reader (when it
    /// has the keyboard) or under the list's cursor. A session not yet restored is
    /// left as it was.
    pub(super) fn session(&self) -> Option<Session> {
        if !self.settings.restore_session {
            return None;
        }
        if let Some(pending) = &self.resume {
            return Some(pending.clone());
        }
        let reading = self.focus == Focus::Reader
            && self.reader.document().is_some()
            && !self.reader.previewing();
        let index = if reading {
            self.reader.open_index()
        } else {
            self.list.selected_article()
        };
        Some(Session {
            query: self.filter.input.text().to_owned(),
            article: index
                .and_then(|i| self.articles.get(i))
                .map(|a| a.location.to_path()),
            reading,
        })
    }
}
