//! The I/O the state asks for: reading an article, and filtering (which may read bodies).

use super::action::{Effect, Outcome};
use super::filter::Haystacks;
use crate::sanitize::sanitize_line;
use crate::store::{Article, Store};

/// Runs effects against the store, keeping what filtering has read.
pub struct Runner {
    store: Store,
    haystacks: Haystacks,
}

impl Runner {
    pub fn new(store: Store, articles: &[Article]) -> Runner {
        Runner {
            store,
            haystacks: Haystacks::new(articles),
        }
    }

    /// Runs a store effect; `None` for effects that are the loop's own (quit, suspend).
    pub fn run(&self, effect: &Effect, articles: &[Article]) -> Option<Outcome> {
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
                let matches = self.haystacks.matching(filter, articles, &self.store);
                Some(Outcome::Filtered {
                    filter: filter.clone(),
                    matches,
                })
            }
            Effect::Suspend | Effect::Quit => None,
        }
    }
}
