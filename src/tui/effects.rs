//! The I/O the state asks for, run where the loop is: reading an article, and (for
//! tests and other callers that want the whole answer at once) filtering.

use std::sync::{Arc, Mutex, PoisonError};

use super::action::{Effect, Outcome};
use super::filter::Haystacks;
use crate::sanitize::sanitize_line;
use crate::store::{Article, Store};

/// Runs effects against the store, keeping what filtering has read.
pub struct Runner {
    store: Store,
    haystacks: Mutex<Option<Haystacks>>,
}

impl Runner {
    pub fn new(store: Store) -> Runner {
        Runner {
            store,
            haystacks: Mutex::new(None),
        }
    }

    /// Runs a store effect to the end; `None` for effects that are the loop's own (quit,
    /// suspend). The event loop filters with [`super::search::Searcher`] instead.
    pub fn run(&self, effect: &Effect, articles: &Arc<[Article]>) -> Option<Outcome> {
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
            Effect::Filter(filter) => {
                let mut guard = self
                    .haystacks
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner);
                let haystacks = match guard.take() {
                    Some(h) if h.is_for(articles) => guard.insert(h),
                    _ => guard.insert(Haystacks::new(Arc::clone(articles))),
                };
                let mut matches = Vec::new();
                haystacks.search(filter, &self.store, &|| false, &mut |found, done| {
                    if done {
                        matches = found;
                    }
                });
                Some(Outcome::Filtered {
                    filter: filter.clone(),
                    matches,
                    pending: false,
                })
            }
            Effect::Suspend | Effect::Quit => None,
        }
    }
}
