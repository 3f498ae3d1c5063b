//! The I/O the state asks for, run where the loop is: reading an article, writing the
//! query history, and (for tests and other callers that want the whole answer at once)
//! filtering.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use super::action::{Effect, Outcome};
use super::filter::{self, Haystacks};
use super::history_file;
use crate::marks::Marks;
use crate::sanitize::sanitize_line;
use crate::store::{Article, Store};

/// Runs effects against the store, keeping what filtering has read.
pub struct Runner {
    store: Store,
    haystacks: Mutex<Haystacks>,
    /// Where the query history is written, if anywhere.
    history: Option<PathBuf>,
}

impl Runner {
    pub fn new(store: Store) -> Runner {
        Runner {
            store,
            haystacks: Mutex::new(Haystacks::default()),
            history: None,
        }
    }

    /// The same, writing the query history to `path`.
    pub fn with_history(store: Store, path: Option<PathBuf>) -> Runner {
        Runner {
            history: path,
            ..Runner::new(store)
        }
    }

    /// Runs a store effect to the end; `None` for effects that are the loop's own (quit,
    /// suspend). A filter's state terms are answered by `marks`. The event loop filters
    /// with [`super::search::Searcher`] instead.
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
                filter::search(
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
            Effect::Suspend | Effect::Quit => None,
        }
    }
}
