//! Reading the store off the event loop, so the first frame comes at once: a thread
//! runs [`Store::scan_with_progress`], reports how many articles it has found so far, and
//! then sends them all, newest first.

use std::sync::mpsc::Sender;
use std::thread;

use super::action::Outcome;
use super::state::sort;
use crate::store::{Article, Store};

/// Starts reading `store`; sends [`Outcome::Scanning`] now and then, [`Outcome::Scanned`]
/// at the end, and then the articles' title order ([`Outcome::TitleRanks`]), to
/// `outcomes`.
pub fn spawn(store: Store, outcomes: Sender<Outcome>) {
    thread::Builder::new()
        .name("folio-scan".into())
        .spawn(move || {
            let (articles, problems) = scan(&store, &mut |found| {
                let _ = outcomes.send(Outcome::Scanning { found });
            });
            let titles: Vec<String> = articles.iter().map(|a| a.title.clone()).collect();
            let _ = outcomes.send(Outcome::Scanned { articles, problems });
            let ranks = sort::title_ranks(titles.iter().map(String::as_str));
            let _ = outcomes.send(Outcome::TitleRanks(ranks.into()));
        })
        .expect("spawn the scan thread");
}

/// The store's articles (as [`Store::scan`] gives them) and the number of problems,
/// calling `progress` with the count found so far while the walk goes on.
pub fn scan(store: &Store, progress: &mut dyn FnMut(usize)) -> (Vec<Article>, usize) {
    let scan = store.scan_with_progress(progress);
    (scan.articles, scan.problems.len())
}
