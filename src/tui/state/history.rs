//! The query history of the filter bar, walked like a shell's: ↑ goes back through
//! earlier queries, ↓ forward and, past the newest, back to what was being typed.

use crate::sanitize::sanitize_line;

/// Queries kept at most; the oldest go first.
pub const MAX_HISTORY: usize = 200;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    /// Oldest first, each once, none empty, none with a line break.
    entries: Vec<String>,
    /// The entry shown while walking, if walking.
    at: Option<usize>,
    /// What was in the bar when the walk began.
    draft: String,
}

impl History {
    /// A history of `entries` (oldest first), cleaned: one line each, no blanks, the
    /// latest of any duplicates, at most [`MAX_HISTORY`].
    pub fn new(entries: impl IntoIterator<Item = String>) -> History {
        let mut history = History::default();
        for entry in entries {
            history.push(&entry);
        }
        history
    }

    pub fn entries(&self) -> &[String] {
        &self.entries
    }

    /// Records `query` as the newest entry; false when it was not worth keeping (blank).
    pub fn record(&mut self, query: &str) -> bool {
        self.at = None;
        self.push(query)
    }

    fn push(&mut self, query: &str) -> bool {
        let query = sanitize_line(query);
        if query.is_empty() {
            return false;
        }
        self.entries.retain(|e| *e != query);
        self.entries.push(query);
        let over = self.entries.len().saturating_sub(MAX_HISTORY);
        self.entries.drain(..over);
        true
    }

    /// One step back from `current` (the bar's text): the entry to show, or `None` at
    /// the oldest.
    pub fn back(&mut self, current: &str) -> Option<&str> {
        let at = match self.at {
            None if self.entries.is_empty() => return None,
            None => {
                self.draft = current.to_owned();
                self.entries.len() - 1
            }
            Some(0) => return None,
            Some(at) => at - 1,
        };
        self.at = Some(at);
        Some(&self.entries[at])
    }

    /// One step forward: the next entry, or past the newest the text the walk began
    /// from; `None` when not walking.
    pub fn forward(&mut self) -> Option<&str> {
        let at = self.at?;
        if at + 1 < self.entries.len() {
            self.at = Some(at + 1);
            Some(&self.entries[at + 1])
        } else {
            self.at = None;
            Some(&self.draft)
        }
    }

    /// Ends a walk (the text was edited): ↑ starts again from the newest.
    pub fn stop(&mut self) {
        self.at = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_back_and_forward_to_the_draft() {
        let mut h = History::new(["a".to_owned(), "b".to_owned()]);
        assert_eq!(h.forward(), None);
        assert_eq!(h.back("typed"), Some("b"));
        assert_eq!(h.back("b"), Some("a"));
        assert_eq!(h.back("a"), None);
        assert_eq!(h.forward(), Some("b"));
        assert_eq!(h.forward(), Some("typed"));
        assert_eq!(h.forward(), None);
    }

    #[test]
    fn records_once_newest_last_without_blanks_or_line_breaks() {
        let mut h = History::new(["x\ny".to_owned(), " ".to_owned(), "b".to_owned()]);
        assert!(h.record("a"));
        assert!(h.record("b"));
        assert!(!h.record("  "));
        assert_eq!(h.entries(), ["x y", "a", "b"]);
        for i in 0..300 {
            h.record(&i.to_string());
        }
        assert_eq!(h.entries().len(), MAX_HISTORY);
        assert_eq!(h.entries().last().map(String::as_str), Some("299"));
    }
}
