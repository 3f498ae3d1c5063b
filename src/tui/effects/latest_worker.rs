//! A worker for requests where only the latest counts (the article under a cursor that
//! moves on, the passages of a pane opened again): a thread of its own that passes over
//! the requests queued behind a newer one, or, for tests, the caller's thread. Each
//! answer goes to the runner's channel as an [`Outcome`].

use std::sync::mpsc::{Sender, channel};
use std::thread;

use crate::tui::effects::messages::Outcome;

/// Where the workers run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Workers {
    /// Threads of their own: the loop never waits for them.
    Threads,
    /// The caller's thread, each answer sent before the effect returns: for tests that
    /// check what follows each step. The reading state's writer keeps its thread, so
    /// that writes are queued and merged as in the reader.
    Inline,
}

/// The work: a request in, its answer out.
type Work<R> = Box<dyn Fn(R) -> Outcome + Send + Sync>;

pub struct LatestWorker<R> {
    requests: Option<Sender<R>>,
    /// The work itself, when the caller's thread does it.
    inline: Option<Work<R>>,
    outcomes: Sender<Outcome>,
}

impl<R: Send + 'static> LatestWorker<R> {
    /// A worker named `name` doing `work` on its own thread (or, with
    /// [`Workers::Inline`], on the caller's), answering on `outcomes`.
    pub fn start(
        name: &str,
        workers: Workers,
        outcomes: Sender<Outcome>,
        work: impl Fn(R) -> Outcome + Send + Sync + 'static,
    ) -> LatestWorker<R> {
        if workers == Workers::Inline {
            return LatestWorker {
                requests: None,
                inline: Some(Box::new(work)),
                outcomes,
            };
        }
        let (requests, receiver) = channel::<R>();
        let answers = outcomes.clone();
        let spawned = thread::Builder::new()
            .name(format!("folio-{name}"))
            .spawn(move || {
                while let Ok(mut request) = receiver.recv() {
                    while let Ok(newer) = receiver.try_recv() {
                        request = newer;
                    }
                    if answers.send(work(request)).is_err() {
                        return;
                    }
                }
            });
        if let Err(error) = &spawned {
            tracing::warn!(%error, name, "no worker thread: its requests go unanswered");
        }
        LatestWorker {
            requests: spawned.ok().map(|_| requests),
            inline: None,
            outcomes,
        }
    }

    /// Asks for `request` to be answered; a request still queued is passed over.
    pub fn request(&self, request: R) {
        if let Some(work) = &self.inline {
            let _ = self.outcomes.send(work(request));
        } else if let Some(requests) = &self.requests {
            let _ = requests.send(request);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Barrier};

    #[test]
    fn requests_queued_behind_a_newer_one_are_passed_over() {
        let (outcomes, answers) = channel();
        let (started, working) = channel();
        let gate = Arc::new(Barrier::new(2));
        let worker_gate = Arc::clone(&gate);
        let worker = LatestWorker::start("test", Workers::Threads, outcomes, move |n: usize| {
            if n == 0 {
                // Holds the thread at work while more requests queue up.
                started.send(()).expect("tell the test");
                worker_gate.wait();
            }
            Outcome::Indexing { done: n, total: 0 }
        });
        worker.request(0);
        working
            .recv()
            .expect("the first request is being worked on");
        for n in 1..=5 {
            worker.request(n);
        }
        gate.wait();
        let answered: Vec<usize> = (0..2)
            .map(|_| match answers.recv().expect("an answer") {
                Outcome::Indexing { done, .. } => done,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(answered, [0, 5], "the first, then only the latest");
    }
}
