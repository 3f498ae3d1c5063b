//! Searching off the event loop: a worker thread (or, for tests, the caller's thread)
//! searches through the index once it is up to date, else by reading (see
//! [`memory::search`]), and sends [`Outcome::Searched`] answers back; a newer query
//! stops an older search between chunks, so typing never waits for the bodies. The
//! threads that read bodies run at a lower priority than the event loop.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::Duration;

use crate::index::places::Places;
use crate::marks::Marks;
use crate::query::Query;
use crate::search::memory::{self, Haystacks};
use crate::store::{Article, Store};
use crate::tui::effects::loading::IndexSlot;
use crate::tui::effects::messages::Outcome;

/// How often a search thread with nothing to do looks whether the index is ready to be
/// prepared (see [`Index::prepare_places`](crate::index::Index::prepare_places)).
const IDLE: Duration = Duration::from_millis(100);

/// One query to search for, in one list of articles, with the marks its states are
/// answered by.
struct Request {
    query: Query,
    articles: Arc<[Article]>,
    marks: Arc<Marks>,
    generation: u64,
}

/// The handle to the search worker: a thread of its own in the reader, or (for tests
/// and scripts that want each answer before the next step) the caller's own thread.
pub struct Searcher {
    requests: Option<Sender<Request>>,
    /// The work itself, when the caller's thread does it.
    inline: Option<Mutex<Work>>,
    outcomes: Sender<Outcome>,
    latest: Arc<AtomicU64>,
}

impl Searcher {
    /// Starts the search thread; results go to `outcomes`.
    pub fn spawn(store: Store, index: IndexSlot, outcomes: Sender<Outcome>) -> Searcher {
        let (requests, receiver) = channel();
        let latest = Arc::new(AtomicU64::new(0));
        let worker_latest = Arc::clone(&latest);
        let worker_outcomes = outcomes.clone();
        thread::Builder::new()
            .name("folio-search".into())
            .spawn(move || {
                // Reading bodies yields to the event loop, so typing stays quick.
                let pool = rayon::ThreadPoolBuilder::new()
                    .thread_name(|i| format!("folio-search-{i}"))
                    .start_handler(|_| lower_priority())
                    .build()
                    .ok();
                let mut work = Work::new(store, index, pool);
                // Until the index is ready and prepared (again, after it changed), the
                // thread looks now and then.
                let mut prepared = false;
                loop {
                    let next = match prepared {
                        true => receiver.recv().map_err(|_| RecvTimeoutError::Disconnected),
                        false => receiver.recv_timeout(IDLE),
                    };
                    let mut request = match next {
                        Ok(request) => request,
                        Err(RecvTimeoutError::Timeout) => {
                            prepared = prepared || work.prepare();
                            continue;
                        }
                        Err(RecvTimeoutError::Disconnected) => return,
                    };
                    while let Ok(newer) = receiver.try_recv() {
                        request = newer;
                    }
                    if !work.answer(&request, &worker_latest, &worker_outcomes) {
                        return;
                    }
                    // The index changed (the store did): prepared again when idle.
                    prepared = prepared && work.is_prepared();
                }
            })
            .expect("spawn the search thread");
        Searcher {
            requests: Some(requests),
            inline: None,
            outcomes,
            latest,
        }
    }

    /// A searcher that answers each request on the caller's thread before returning,
    /// partial answers and all, sending them to `outcomes` as the thread would.
    pub fn inline(store: Store, index: IndexSlot, outcomes: Sender<Outcome>) -> Searcher {
        Searcher {
            requests: None,
            inline: Some(Mutex::new(Work::new(store, index, None))),
            outcomes,
            latest: Arc::new(AtomicU64::new(0)),
        }
    }

    /// Searches for `query` in `articles`, its state terms answered by `marks`,
    /// stopping any older search.
    pub fn request(&self, query: Query, articles: Arc<[Article]>, marks: Arc<Marks>) {
        let generation = self.latest.fetch_add(1, Ordering::SeqCst) + 1;
        let request = Request {
            query,
            articles,
            marks,
            generation,
        };
        if let Some(work) = &self.inline {
            let mut work = work.lock().unwrap_or_else(PoisonError::into_inner);
            work.answer(&request, &self.latest, &self.outcomes);
        } else if let Some(requests) = &self.requests {
            let _ = requests.send(request);
        }
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

/// What searching keeps from one query to the next: the index (once up to date), the
/// bodies read, where each article is in the list, and the threads that read bodies.
struct Work {
    store: Store,
    index: IndexSlot,
    haystacks: Haystacks,
    places: Places,
    /// The index's segments when it was last prepared.
    prepared_for: Option<Vec<tantivy::index::SegmentId>>,
    /// Threads at a lower priority than the loop, for reading bodies (none: rayon's own).
    pool: Option<rayon::ThreadPool>,
}

impl Work {
    fn new(store: Store, index: IndexSlot, pool: Option<rayon::ThreadPool>) -> Work {
        Work {
            store,
            index,
            haystacks: Haystacks::default(),
            places: Places::default(),
            prepared_for: None,
            pool,
        }
    }

    /// Prepares the index's side of placing a list (see [`Places`]) once it is ready, at
    /// the lower priority of the threads that read bodies; true when that is done (or
    /// cannot be).
    fn prepare(&mut self) -> bool {
        let ready = self.index.read().expect("index slot").clone();
        let Some(index) = ready else {
            return false;
        };
        let began = std::time::Instant::now();
        self.prepared_for = Some(index.segments());
        // On the threads that yield to the event loop: nobody waits for this yet.
        let places = &mut self.places;
        let prepared = match &self.pool {
            Some(pool) => pool.install(|| index.prepare_places(places)),
            None => index.prepare_places(places),
        };
        match prepared {
            Ok(()) => {
                let prepare_ms = began.elapsed().as_millis() as u64;
                let letters = self.places.initials.as_ref().map_or(0, |i| i.sets.len());
                tracing::info!(prepare_ms, letters, "search prepared");
            }
            Err(error) => tracing::warn!(%error, "the search could not be prepared"),
        }
        true
    }

    /// True unless the index has changed since it was last prepared.
    fn is_prepared(&self) -> bool {
        let ready = self.index.read().expect("index slot").clone();
        ready.is_none_or(|index| self.prepared_for.as_ref() == Some(&index.segments()))
    }

    /// Answers `request` on `outcomes` (through the index when it is up to date, else by
    /// reading, with partial answers as it goes); stops early when a newer request is
    /// made. False when nobody listens for answers any more.
    fn answer(
        &mut self,
        request: &Request,
        latest: &AtomicU64,
        outcomes: &Sender<Outcome>,
    ) -> bool {
        let generation = request.generation;
        let cancelled = || latest.load(Ordering::SeqCst) != generation;
        let query = &request.query;
        let ready = self.index.read().expect("index slot").clone();
        if let Some(ready) = ready.filter(|_| !query.is_empty()) {
            let found = ready.search_positions(
                query,
                &request.marks,
                &request.articles,
                &mut self.places,
                &cancelled,
            );
            match found {
                Ok(None) => return true, // a newer query asks
                Ok(Some(matches)) => {
                    let answer = Outcome::Searched {
                        query: query.clone(),
                        matches,
                        pending: false,
                    };
                    return outcomes.send(answer).is_ok();
                }
                Err(error) => {
                    tracing::warn!(%error, "searching without the index from now on");
                    *self.index.write().expect("index slot") = None;
                }
            }
        }
        let mut sent = true;
        let Work {
            store,
            haystacks,
            pool,
            ..
        } = self;
        let mut search = || {
            memory::search(
                query,
                &request.articles,
                haystacks,
                store,
                &request.marks,
                &cancelled,
                &mut |matches, done| {
                    sent &= outcomes
                        .send(Outcome::Searched {
                            query: query.clone(),
                            matches,
                            pending: !done,
                        })
                        .is_ok();
                },
            )
        };
        match pool {
            Some(pool) => pool.install(search),
            None => search(),
        };
        sent
    }
}
