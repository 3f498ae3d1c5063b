//! Reading the store off the event loop, so the first frame comes at once: a thread
//! walks the store as [`Store::scan`] does, reports how many articles it has found so
//! far, and then sends them all, newest first.

use std::collections::HashSet;
use std::sync::mpsc::{self, Sender};
use std::thread;
use std::time::{Duration, Instant};

use super::action::Outcome;
use crate::store::scan::{Found, scan_folder};
use crate::store::{Article, Root, Store, newest_first};

/// How often the count of articles found so far is reported.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

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
    let (sender, receiver) = mpsc::channel();
    let roots = store.roots.clone();
    let cap = store.max_article_bytes;
    let walker = thread::spawn(move || {
        for root in roots {
            match root {
                Root::Folder(path) => scan_folder(&path, cap, &sender),
                Root::Sample => {
                    let scan = Store::new(vec![Root::Sample]).scan();
                    for article in scan.articles {
                        let _ = sender.send(Found::Article(Box::new(article)));
                    }
                    for problem in scan.problems {
                        let _ = sender.send(Found::Problem(problem));
                    }
                }
            }
        }
    });
    // Boxed while sorting, so the sort moves pointers rather than whole articles.
    let mut articles: Vec<Box<Article>> = Vec::new();
    let mut problems = 0;
    let mut reported = Instant::now();
    loop {
        match receiver.recv_timeout(PROGRESS_EVERY) {
            Ok(Found::Article(article)) => articles.push(article),
            Ok(Found::Problem(_)) => problems += 1,
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
        if reported.elapsed() >= PROGRESS_EVERY {
            progress(articles.len());
            reported = Instant::now();
        }
    }
    let _ = walker.join();
    if store.roots.len() > 1 {
        let mut seen = HashSet::new();
        articles.retain(|a| seen.insert(a.location.clone()));
    }
    articles.sort_unstable_by(|a, b| newest_first(a, b));
    (articles.into_iter().map(|a| *a).collect(), problems)
}
