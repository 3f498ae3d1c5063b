//! Reading the store off the event loop, so the first frame comes at once: a thread
//! runs [`Store::scan_with_progress`], reports how many articles it has found so far, and
//! then sends them all, newest first.

use std::sync::mpsc::Sender;
use std::thread;

use super::action::Outcome;
use crate::store::{Article, Store};

/// Starts reading `store`; sends [`Outcome::Scanning`] now and then, and
/// [`Outcome::Scanned`] at the end, to `outcomes`.
pub fn spawn(store: Store, outcomes: Sender<Outcome>) {
    thread::Builder::new()
        .name("folio-scan".into())
        .spawn(move || {
            let (articles, problems) = scan(&store, &mut |found| {
                let _ = outcomes.send(Outcome::Scanning { found });
            });
            let _ = outcomes.send(Outcome::Scanned { articles, problems });
        })
        .expect("spawn the scan thread");
}

/// The store's articles (as [`Store::scan`] gives them) and the number of problems,
/// calling `progress` with the count found so far while the walk goes on.
pub fn scan(store: &Store, progress: &mut dyn FnMut(usize)) -> (Vec<Article>, usize) {
    let scan = store.scan_with_progress(progress);
    (scan.articles, scan.problems.len())
}
