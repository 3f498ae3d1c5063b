//! The list filter: plain words, each of which must appear (case-insensitively) in an
//! article's title, source, author, tags or body.

use std::sync::OnceLock;

use rayon::prelude::*;

use crate::store::{Article, Store};

/// A parsed filter: lowercase words, all of which must match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    words: Vec<String>,
}

impl Filter {
    pub fn parse(text: &str) -> Filter {
        Filter {
            words: text.split_whitespace().map(str::to_lowercase).collect(),
        }
    }

    /// True when the filter lets every article through.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// True when every word is in `meta` or in the body, which is asked for only when
    /// `meta` alone does not match.
    pub fn matches<'b>(&self, meta: &str, body: impl FnOnce() -> Option<&'b str>) -> bool {
        let missing: Vec<&String> = self
            .words
            .iter()
            .filter(|w| !meta.contains(w.as_str()))
            .collect();
        if missing.is_empty() {
            return true;
        }
        match body() {
            Some(body) => missing.iter().all(|w| body.contains(w.as_str())),
            None => false,
        }
    }
}

/// Lowercase copies of what the filter searches, made once; bodies are read on first use.
#[derive(Debug, Default)]
pub struct Haystacks {
    meta: Vec<String>,
    bodies: Vec<OnceLock<Option<String>>>,
}

impl Haystacks {
    pub fn new(articles: &[Article]) -> Haystacks {
        let meta = articles
            .iter()
            .map(|a| {
                let mut text = a.title.to_lowercase();
                for field in a.source.iter().chain(a.author.iter()).chain(a.tags.iter()) {
                    text.push('\n');
                    text.push_str(&field.to_lowercase());
                }
                text
            })
            .collect();
        let bodies = articles.iter().map(|_| OnceLock::new()).collect();
        Haystacks { meta, bodies }
    }

    /// The indexes of the articles that match, in order; reads bodies from `store` as needed.
    pub fn matching(&self, filter: &Filter, articles: &[Article], store: &Store) -> Vec<usize> {
        if filter.is_empty() {
            return (0..articles.len()).collect();
        }
        (0..articles.len().min(self.meta.len()))
            .into_par_iter()
            .filter(|&i| {
                filter.matches(&self.meta[i], || {
                    self.bodies[i]
                        .get_or_init(|| {
                            store
                                .load(&articles[i])
                                .ok()
                                .map(|doc| doc.body.text().to_lowercase())
                        })
                        .as_deref()
                })
            })
            .collect()
    }
}
