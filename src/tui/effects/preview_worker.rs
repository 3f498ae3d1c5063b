//! Reading the article under the list's cursor off the loop, for the reader's preview:
//! a thread of its own that reads only the latest article asked for (the cursor may move
//! on faster than articles are read) and sends it back as [`Outcome::Previewed`].

use std::sync::mpsc::{Sender, channel};
use std::thread;

use crate::sanitize::sanitize_line;
use crate::store::{Article, Store};
use crate::tui::effects::messages::Outcome;

/// The handle to the preview worker: a thread, or (for tests) the caller's thread.
pub struct Previewer {
    requests: Option<Sender<(usize, Article)>>,
    /// The store, when the caller's thread reads.
    inline: Option<Store>,
    outcomes: Sender<Outcome>,
}

impl Previewer {
    /// Starts the preview thread; what it reads goes to `outcomes`.
    pub fn spawn(store: Store, outcomes: Sender<Outcome>) -> Previewer {
        let (requests, receiver) = channel::<(usize, Article)>();
        let worker_outcomes = outcomes.clone();
        let spawned = thread::Builder::new()
            .name("folio-preview".into())
            .spawn(move || {
                while let Ok(mut request) = receiver.recv() {
                    while let Ok(newer) = receiver.try_recv() {
                        request = newer;
                    }
                    let (index, article) = request;
                    if worker_outcomes.send(read(&store, index, &article)).is_err() {
                        return;
                    }
                }
            });
        if let Err(error) = &spawned {
            tracing::warn!(%error, "no preview thread: articles show once opened");
        }
        Previewer {
            requests: spawned.ok().map(|_| requests),
            inline: None,
            outcomes,
        }
    }

    /// A previewer that reads on the caller's thread, sending the answer before it
    /// returns.
    pub fn inline(store: Store, outcomes: Sender<Outcome>) -> Previewer {
        Previewer {
            requests: None,
            inline: Some(store),
            outcomes,
        }
    }

    /// Asks for `article`, at `index` of the store's list; an older request not yet read
    /// is passed over.
    pub fn request(&self, index: usize, article: Article) {
        if let Some(store) = &self.inline {
            let _ = self.outcomes.send(read(store, index, &article));
        } else if let Some(requests) = &self.requests {
            let _ = requests.send((index, article));
        }
    }
}

/// Reads `article` as the reader shows it.
fn read(store: &Store, index: usize, article: &Article) -> Outcome {
    Outcome::Previewed {
        index,
        result: store
            .load(article)
            .map_err(|problem| sanitize_line(&problem.to_string())),
    }
}
