//! The I/O the state asks for, run where the loop is: reading an article, writing the
//! query history and bookmarks (reading state goes to its own thread), looking for
//! bookmarked passages in their articles, and (for tests and other callers that want
//! the whole answer at once) filtering.

use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, PoisonError};

use crate::bookmarks::BookmarkFile;
use crate::marks::Marks;
use crate::reading::ReadingFile;
use crate::sanitize::sanitize_line;
use crate::search::memory::{self, Haystacks};
use crate::store::{Article, Store};
use crate::tui::effects::history_file;
use crate::tui::effects::keeping::{self, ReadingWriter};
use crate::tui::effects::messages::{Effect, Outcome};

/// Runs effects against the store, keeping what filtering has read.
pub struct Runner {
    store: Store,
    haystacks: Mutex<Haystacks>,
    /// Where the query history is written, if anywhere.
    history: Option<PathBuf>,
    /// The bookmarks file, when folio has a data folder.
    bookmarks: Option<BookmarkFile>,
    /// Writes the reading state, when folio has a data folder.
    reading: Option<ReadingWriter>,
}

impl Runner {
    pub fn new(store: Store) -> Runner {
        Runner {
            store,
            haystacks: Mutex::new(Haystacks::default()),
            history: None,
            bookmarks: None,
            reading: None,
        }
    }

    /// The same, keeping bookmarks and reading state in the data folder `data`; what
    /// goes wrong writing the reading state is told on `outcomes`.
    pub fn keeping_in(self, data: Option<PathBuf>, outcomes: Sender<Outcome>) -> Runner {
        let reading = data
            .as_deref()
            .map(|data| ReadingWriter::spawn(ReadingFile::in_folder(data), outcomes));
        Runner {
            bookmarks: data.as_deref().map(BookmarkFile::in_folder),
            reading,
            ..self
        }
    }

    /// The same, writing the query history to `path`.
    pub fn with_history(store: Store, path: Option<PathBuf>) -> Runner {
        Runner {
            history: path,
            ..Runner::new(store)
        }
    }

    /// Asks for the reading state kept on disk (it comes back as an outcome).
    pub fn load_reading_state(&self) {
        if let Some(writer) = &self.reading {
            writer.load();
        }
    }

    /// A change to the bookmarks file, or why there is none to change.
    fn with_bookmarks(&self, change: impl FnOnce(&BookmarkFile) -> Outcome) -> Outcome {
        match &self.bookmarks {
            Some(file) => change(file),
            None => Outcome::Bookmarks(Err(
                "folio has no data folder to keep them in (set HOME or XDG_DATA_HOME)".to_owned(),
            )),
        }
    }

    /// Runs a store effect to the end; `None` for effects that are the loop's own (quit,
    /// suspend). A filter's state terms are answered by `marks`. The event loop filters
    /// with [`crate::tui::effects::search_worker::Searcher`] instead.
    pub fn run(
        &self,
        effect: &Effect,
        articles: &Arc<[Article]>,
        marks: &Marks,
    ) -> Option<Outcome> {
        match effect {
            Effect::LoadArticle(index) => {
                let result = match articles.get(*index) {
                    Some(article) => self
                        .store
                        .load(article)
                        .map_err(|p| sanitize_line(&p.to_string())),
                    None => Err("no such article".to_owned()),
                };
                Some(Outcome::Loaded {
                    index: *index,
                    result,
                })
            }
            Effect::Filter(query) => {
                let mut haystacks = self
                    .haystacks
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner);
                let mut matches = Vec::new();
                memory::search(
                    query,
                    articles,
                    &mut haystacks,
                    &self.store,
                    marks,
                    &|| false,
                    &mut |found, done| {
                        if done {
                            matches = found;
                        }
                    },
                );
                Some(Outcome::Filtered {
                    query: query.clone(),
                    matches,
                    pending: false,
                })
            }
            Effect::SaveHistory(queries) => {
                if let Some(path) = &self.history
                    && let Err(error) = history_file::save(path, queries)
                {
                    tracing::warn!(path = %path.display(), %error, "history not saved");
                }
                None
            }
            Effect::SaveBookmark(bookmark) => {
                Some(self.with_bookmarks(|file| keeping::save(file, bookmark)))
            }
            Effect::SetNote(bookmark) => {
                Some(self.with_bookmarks(|file| keeping::set_note(file, bookmark)))
            }
            Effect::DeleteBookmark(id) => {
                Some(self.with_bookmarks(|file| keeping::delete(file, id)))
            }
            Effect::FindPassages(list) => Some(keeping::find_passages(list)),
            Effect::SaveReading(batch) => {
                if let Some(writer) = &self.reading
                    && !batch.is_empty()
                {
                    writer.send(batch.clone());
                }
                None
            }
            Effect::Suspend | Effect::Quit => None,
        }
    }
}
