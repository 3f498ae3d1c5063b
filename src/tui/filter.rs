//! The list filter: plain words, each of which must appear (case-insensitively) in an
//! article's title, source, author, tags or body.
//!
//! [`Haystacks`] searches metadata first (all of it in memory) and reports those
//! matches at once, then the bodies in chunks, reporting as it goes and stopping when
//! asked to. Bodies are read once and kept lowercase (up to [`BODY_CACHE_BYTES`]), and a
//! filter that narrows the last one (`quar` after `qua`) searches only its matches, so
//! typing a word costs one pass over the bodies, not one per key.

use std::borrow::Cow;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::store::{Article, Store};

/// Lowercase bodies kept in memory at most; past this, bodies are read again when needed.
pub const BODY_CACHE_BYTES: usize = 512 * 1024 * 1024;
/// Bodies searched between checks for a newer filter.
const CHUNK: usize = 2048;
/// How often partial results are reported while bodies are searched.
const REPORT_EVERY: Duration = Duration::from_millis(100);

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

    /// True when every article this filter matches, `broader` matches too: each of
    /// `broader`'s words is part of one of this filter's words.
    pub fn narrows(&self, broader: &Filter) -> bool {
        !broader.is_empty()
            && broader
                .words
                .iter()
                .all(|b| self.words.iter().any(|w| w.contains(b.as_str())))
    }

    /// True when every word is in `meta` or in the body, which is asked for only when
    /// `meta` alone does not match.
    pub fn matches<'b>(&self, meta: &str, body: impl FnOnce() -> Option<&'b str>) -> bool {
        if self.meta_matches(meta) {
            return true;
        }
        match body() {
            Some(body) => self.body_matches(meta, body),
            None => false,
        }
    }

    fn meta_matches(&self, meta: &str) -> bool {
        self.words.iter().all(|w| meta.contains(w.as_str()))
    }

    fn body_matches(&self, meta: &str, body: &str) -> bool {
        self.words
            .iter()
            .all(|w| meta.contains(w.as_str()) || body.contains(w.as_str()))
    }
}

/// Lowercase copies of what the filter searches for one list of articles: metadata made
/// at once, bodies read on first use.
pub struct Haystacks {
    articles: Arc<[Article]>,
    meta: Vec<String>,
    bodies: Vec<OnceLock<Option<Box<str>>>>,
    cached: AtomicUsize,
    /// The last filter searched to the end, and its matches.
    last: Option<(Filter, Vec<usize>)>,
}

impl Haystacks {
    pub fn new(articles: Arc<[Article]>) -> Haystacks {
        let meta = articles
            .par_iter()
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
        Haystacks {
            articles,
            meta,
            bodies,
            cached: AtomicUsize::new(0),
            last: None,
        }
    }

    /// True when these haystacks were made for `articles`.
    pub fn is_for(&self, articles: &Arc<[Article]>) -> bool {
        Arc::ptr_eq(&self.articles, articles)
    }

    /// Finds the articles `filter` matches, in list order. Calls `report` with the
    /// metadata matches first (`done` false) when bodies must be searched, then now and
    /// then as bodies are, and last with every match (`done` true). Returns false, with
    /// no final report, when `cancelled` said to stop.
    pub fn search(
        &mut self,
        filter: &Filter,
        store: &Store,
        cancelled: &dyn Fn() -> bool,
        report: &mut dyn FnMut(Vec<usize>, bool),
    ) -> bool {
        if filter.is_empty() {
            report((0..self.articles.len()).collect(), true);
            return true;
        }
        let candidates: Vec<usize> = match &self.last {
            Some((last, matches)) if filter.narrows(last) => matches.clone(),
            _ => (0..self.articles.len()).collect(),
        };
        let (mut matches, unsure): (Vec<usize>, Vec<usize>) = candidates
            .par_iter()
            .partition(|&&i| filter.meta_matches(&self.meta[i]));
        if !unsure.is_empty() {
            report(matches.clone(), false);
        }
        let mut reported = Instant::now();
        for chunk in unsure.chunks(CHUNK) {
            if cancelled() {
                return false;
            }
            let found: Vec<usize> = chunk
                .par_iter()
                .copied()
                .filter(|&i| {
                    self.body(i, store)
                        .is_some_and(|body| filter.body_matches(&self.meta[i], &body))
                })
                .collect();
            if !found.is_empty() {
                matches.extend(found);
                matches.sort_unstable();
            }
            if reported.elapsed() >= REPORT_EVERY {
                report(matches.clone(), false);
                reported = Instant::now();
            }
        }
        self.last = Some((filter.clone(), matches.clone()));
        report(matches, true);
        true
    }

    /// Article `i`'s body, lowercase: kept from an earlier read while the cache has room.
    fn body(&self, i: usize, store: &Store) -> Option<Cow<'_, str>> {
        if let Some(body) = self.bodies[i].get() {
            return body.as_deref().map(Cow::Borrowed);
        }
        let body: Option<Box<str>> = store
            .load(&self.articles[i])
            .ok()
            .map(|doc| doc.body.text().to_lowercase().into_boxed_str());
        let size = body.as_ref().map_or(0, |b| b.len());
        if self.cached.fetch_add(size, Ordering::Relaxed) + size > BODY_CACHE_BYTES {
            self.cached.fetch_sub(size, Ordering::Relaxed);
            return body.map(|b| Cow::Owned(b.into_string()));
        }
        self.bodies[i]
            .get_or_init(|| body)
            .as_deref()
            .map(Cow::Borrowed)
    }
}

#[cfg(test)]
mod tests {
    use super::Filter;

    #[test]
    fn a_longer_word_or_another_word_narrows_a_filter() {
        let qua = Filter::parse("qua");
        assert!(Filter::parse("quar").narrows(&qua));
        assert!(Filter::parse("qua tz").narrows(&qua));
        assert!(Filter::parse("tz aqua").narrows(&qua));
        assert!(!Filter::parse("qu").narrows(&qua));
        assert!(!Filter::parse("tz").narrows(&qua));
        assert!(!qua.narrows(&Filter::default()));
    }
}
