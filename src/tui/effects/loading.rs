//! Reading the store off the event loop, so the first frame comes at once.
//!
//! With an index (a store of folders, a cache folder that can be written): the articles
//! it holds are listed at once, then every file is checked against it and the new and
//! changed ones indexed, with progress; when that changed the list, it is sent again.
//! With an empty index, the store is read first (the quickest way to a full list) and
//! then indexed. Searches go through the index once it is up to date, published in the
//! [`IndexSlot`]; until then, and without one, they read the articles.

use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::sync::{Arc, RwLock};
use std::thread;

use crate::index::Index;
use crate::search::order;
use crate::store::{Article, Root, Store};
use crate::tui::effects::live_store::Live;
use crate::tui::effects::messages::Outcome;

/// The store's index once it is up to date, shared with the search thread.
pub type IndexSlot = Arc<RwLock<Option<Arc<Index>>>>;

/// Starts reading `store`; sends [`Outcome::Scanning`] now and then and
/// [`Outcome::Scanned`] with the list (and [`Outcome::TitleRanks`] after it), then [`Outcome::Indexing`] and
/// [`Outcome::Indexed`] while an index in `cache` is brought up to date.
///
/// Then it follows the store ([`Live`]): watched from as soon as the list is sent, and
/// each change sent as [`Outcome::StoreChanged`] once the index is up to date.
pub fn spawn(store: Store, cache: Option<PathBuf>, slot: IndexSlot, outcomes: Sender<Outcome>) {
    thread::Builder::new()
        .name("folio-scan".into())
        .spawn(move || {
            let mut live = Live::new(
                folder_roots(&store),
                store.max_article_bytes,
                store.kinds.clone(),
                outcomes.clone(),
            );
            let index = cache.and_then(|cache| match Index::open(&store, &cache) {
                Ok(index) => Some(index),
                Err(error) => {
                    tracing::info!(%error, "reading the store without an index");
                    None
                }
            });
            let index = match index {
                Some(index) => with_index(&store, index, &slot, &outcomes, &mut live),
                None => {
                    send_scan(&store, &outcomes);
                    None
                }
            };
            live.follow(index, &slot);
        })
        .expect("spawn the scan thread");
}

/// The store's folders, each once (none for the sample library).
fn folder_roots(store: &Store) -> Vec<PathBuf> {
    store
        .distinct_roots()
        .into_iter()
        .filter_map(|root| match root {
            Root::Folder(path) => Some(path.clone()),
            Root::Sample => None,
        })
        .collect()
}

/// Reads the store and sends its list; returns the list.
fn send_scan(store: &Store, outcomes: &Sender<Outcome>) -> Arc<[Article]> {
    let (articles, problems) = scan(store, &mut |found| {
        let _ = outcomes.send(Outcome::Scanning { found });
    });
    send_list(Arc::clone(&articles), problems, outcomes);
    articles
}

/// Sends the list ([`Outcome::Scanned`]), then its title order ([`Outcome::TitleRanks`]),
/// worked out after the list is on screen.
fn send_list(articles: Arc<[Article]>, problems: usize, outcomes: &Sender<Outcome>) {
    let _ = outcomes.send(Outcome::Scanned {
        articles: Arc::clone(&articles),
        problems,
    });
    let ranks = order::title_ranks(articles.iter().map(|a| a.title.as_str()));
    let _ = outcomes.send(Outcome::TitleRanks(ranks.into()));
}

/// Lists the store from its index (or by reading it), starts watching it, and brings the
/// index up to date; the index once it is, for following the store.
///
/// A list from the index is as the index is: searches go through it at once, while its
/// check of every file goes on, and what the check finds is sent as a change to the
/// list ([`Outcome::StoreChanged`]), which keeps the cursor where it is. A list read
/// from the store (the index empty) waits for the index to be built, and is saved
/// beside it for the next start.
fn with_index(
    store: &Store,
    index: Index,
    slot: &IndexSlot,
    outcomes: &Sender<Outcome>,
    live: &mut Live,
) -> Option<Arc<Index>> {
    let listed = match index.articles() {
        Ok(articles) if !articles.is_empty() => {
            tracing::info!(articles = articles.len(), "listed from the index");
            send_list(articles, 0, outcomes);
            None
        }
        _ => Some(send_scan(store, outcomes)),
    };
    let index = Arc::new(index);
    let publish = |ready: Option<&Arc<Index>>| *slot.write().expect("index slot") = ready.cloned();
    if listed.is_none() {
        publish(Some(&index));
    }
    // Changes from now on are seen; those before are found by the check below.
    live.watch();
    let progress = |done, total| {
        let _ = outcomes.send(Outcome::Indexing { done, total });
    };
    let before = index.opstamp();
    let result = match index.refresh(listed.is_none(), &progress) {
        Ok((changes, update)) => {
            tracing::info!(?changes, "index up to date");
            publish(Some(&index));
            if listed.is_none() {
                let _ = outcomes.send(Outcome::Problems(index.not_articles()));
            }
            match &listed {
                // The list read from the store, saved for the next start.
                Some(scanned) => save(index.save_list(scanned)),
                None if !update.is_empty() => {
                    save(
                        index
                            .save_list_after(before, std::slice::from_ref(&update))
                            .map(drop),
                    );
                    let _ = outcomes.send(Outcome::StoreChanged(update));
                }
                None => {}
            }
            Some(index)
        }
        Err(error) => {
            tracing::warn!(%error, "the index could not be brought up to date");
            publish(None);
            if listed.is_none() {
                send_scan(store, outcomes);
            }
            None
        }
    };
    let _ = outcomes.send(Outcome::Indexed);
    result
}

/// Says in the log why the list could not be saved beside the index, if it could not.
fn save(result: std::io::Result<()>) {
    if let Err(error) = result {
        tracing::info!(%error, "the list could not be saved beside the index");
    }
}

/// The store's articles (as [`Store::scan`] gives them, as one shared list) and the
/// number of problems, calling `progress` with the count found so far while the walk
/// goes on.
pub fn scan(store: &Store, progress: &mut dyn FnMut(usize)) -> (Arc<[Article]>, usize) {
    let (articles, problems) = store.scan_shared(progress);
    (articles, problems.len())
}
