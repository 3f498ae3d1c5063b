//! Answering a query: the module that holds every way of finding the articles a
//! [`Query`] selects. [`find`] (the command line) goes through the store's index when it
//! has one (brought up to date first), else reads the articles themselves
//! ([`by_reading`], which asks `Query::matches`); [`memory`] answers it over articles
//! held in memory, reporting as it goes (the reader's search worker uses it until the
//! index is up to date, then the index); [`order`] puts the answer in the order the list
//! shows. Every way gives the same answer; the index is only faster. State terms (`is:`)
//! are answered by the [`Marks`] the caller loads.

pub mod folded;
pub mod memory;
pub mod narrowing;
pub mod order;

use std::path::Path;

use crate::index::Index;
use crate::marks::Marks;
use crate::query::Query;
use crate::store::{Article, Store, newest_first};

/// The matching articles, newest first, and how they were found.
pub struct Found {
    pub articles: Vec<Article>,
    /// Files that could not be read as articles (known only when the store was read).
    pub problems: usize,
    /// Why the index was not used, when it was not.
    pub without_index: Option<String>,
}

/// The articles of `store` that `query` selects, their states as `marks` say. `cache`
/// is folio's cache folder, where the index lives (none: read the store).
pub fn find(store: &Store, query: &Query, cache: Option<&Path>, marks: &Marks) -> Found {
    // A damaged index removes itself; the answer then comes from reading the articles.
    let hits = match cache {
        Some(cache) => Index::open(store, cache).and_then(|index| {
            index.refresh(false, &|_, _| {})?;
            index.search(query, false, marks)
        }),
        None => Err(crate::index::IndexError::new("no cache folder")),
    };
    match hits {
        Ok(hits) => {
            let mut articles: Vec<Article> = hits.into_iter().map(|h| h.article).collect();
            articles.sort_unstable_by(newest_first);
            Found {
                articles,
                problems: 0,
                without_index: None,
            }
        }
        Err(error) => {
            let mut found = by_reading(store, query, marks);
            found.without_index = Some(error.to_string());
            found
        }
    }
}

/// The articles `query` selects, found by reading every article (bodies only when the
/// query looks at them), their states as `marks` say.
pub fn by_reading(store: &Store, query: &Query, marks: &Marks) -> Found {
    let scan = store.scan();
    let problems = scan.problems.len();
    let needs_body = query.needs_body();
    let articles = scan
        .articles
        .into_iter()
        .filter(|article| {
            if !needs_body {
                return query.matches(article, "", marks);
            }
            match store.load(article) {
                Ok(document) => query.matches(article, &document.body.text(), marks),
                Err(_) => false,
            }
        })
        .collect();
    Found {
        articles,
        problems,
        without_index: None,
    }
}
