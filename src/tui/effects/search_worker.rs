//! Filtering off the event loop: a worker thread searches (see [`filter::search`]) and
//! sends [`Outcome::Filtered`] results back; a newer query stops an older search between
//! chunks, so typing never waits for the bodies. Search threads run at a lower priority
//! than the event loop.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread;

use crate::marks::Marks;
use crate::query::Query;
use crate::search::memory::{self, Haystacks};
use crate::store::{Article, Location, Store};
use crate::tui::effects::loading::IndexSlot;
use crate::tui::effects::messages::Outcome;

/// One query to search for, in one list of articles, with the marks its states are
/// answered by.
struct Request {
    query: Query,
    articles: Arc<[Article]>,
    marks: Arc<Marks>,
    generation: u64,
}

/// The handle to the search thread.
pub struct Searcher {
    requests: Sender<Request>,
    latest: Arc<AtomicU64>,
}

impl Searcher {
    /// Starts the search thread; results go to `outcomes`.
    pub fn spawn(store: Store, index: IndexSlot, outcomes: Sender<Outcome>) -> Searcher {
        let (requests, receiver) = channel();
        let latest = Arc::new(AtomicU64::new(0));
        let worker_latest = Arc::clone(&latest);
        thread::Builder::new()
            .name("folio-search".into())
            .spawn(move || work(store, index, receiver, outcomes, worker_latest))
            .expect("spawn the search thread");
        Searcher { requests, latest }
    }

    /// Searches for `query` in `articles`, its state terms answered by `marks`,
    /// stopping any older search.
    pub fn request(&self, query: Query, articles: Arc<[Article]>, marks: Arc<Marks>) {
        let generation = self.latest.fetch_add(1, Ordering::SeqCst) + 1;
        let _ = self.requests.send(Request {
            query,
            articles,
            marks,
            generation,
        });
    }
}

/// Where each article of a list is in it, to turn the index's answers into positions.
#[derive(Default)]
struct Places {
    /// The list these are for: its address and length.
    list: (usize, usize),
    by_location: HashMap<Location, usize>,
}

impl Places {
    /// The positions of `found` in `articles`, in list order, with their scores.
    fn positions(
        &mut self,
        articles: &[Article],
        found: Vec<(Location, f32)>,
    ) -> Vec<(usize, f32)> {
        let list = (articles.as_ptr() as usize, articles.len());
        if self.list != list {
            self.list = list;
            self.by_location = articles
                .iter()
                .enumerate()
                .map(|(i, a)| (a.location.clone(), i))
                .collect();
        }
        let mut positions: Vec<(usize, f32)> = found
            .into_iter()
            .filter_map(|(location, score)| Some((*self.by_location.get(&location)?, score)))
            .collect();
        positions.sort_unstable_by_key(|&(i, _)| i);
        positions
    }
}

/// Lowers the calling thread's scheduling priority (on Linux, nice is per thread).
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority only reads its arguments; 0 names the calling thread.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

fn work(
    store: Store,
    index: IndexSlot,
    requests: Receiver<Request>,
    outcomes: Sender<Outcome>,
    latest: Arc<AtomicU64>,
) {
    // Searching yields to the event loop, so typing stays quick while bodies are read.
    let pool = rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("folio-search-{i}"))
        .start_handler(|_| lower_priority())
        .build();
    let mut haystacks = Haystacks::default();
    let mut places = Places::default();
    while let Ok(mut request) = requests.recv() {
        while let Ok(newer) = requests.try_recv() {
            request = newer;
        }
        let generation = request.generation;
        let cancelled = || latest.load(Ordering::SeqCst) != generation;
        let query = &request.query;
        let ready = index.read().expect("index slot").clone();
        if let Some(ready) = ready.filter(|_| !query.is_empty()) {
            match ready.search_locations(query, true, &request.marks) {
                Ok(found) => {
                    let matches = places.positions(&request.articles, found);
                    let answer = Outcome::Filtered {
                        query: query.clone(),
                        matches,
                        pending: false,
                    };
                    if outcomes.send(answer).is_err() {
                        return;
                    }
                    continue;
                }
                Err(error) => {
                    tracing::warn!(%error, "searching without the index from now on");
                    *index.write().expect("index slot") = None;
                }
            }
        }
        let mut sent = true;
        let mut search = || {
            memory::search(
                query,
                &request.articles,
                &mut haystacks,
                &store,
                &request.marks,
                &cancelled,
                &mut |matches, done| {
                    sent &= outcomes
                        .send(Outcome::Filtered {
                            query: query.clone(),
                            matches,
                            pending: !done,
                        })
                        .is_ok();
                },
            )
        };
        match &pool {
            Ok(pool) => pool.install(search),
            Err(_) => search(),
        };
        if !sent {
            return;
        }
    }
}
