//! Following the store while folio runs: what the watch ([`watch`]) sees change is read
//! (and indexed, with an index) and sent to the state as [`Outcome::StoreChanged`],
//! without walking the store. Where a folder cannot be watched, the store is checked by
//! every file's size and mtime now and then instead ([`Outcome::WatchFailed`] says so
//! once).

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

use crate::index::update::LooseStamps;
use crate::index::{Index, IndexError};
use crate::store::Kinds;
use crate::store::changed::{self, Changed, Update};
use crate::store::watch::{self, Seen, Watch};
use crate::tui::effects::loading::IndexSlot;
use crate::tui::effects::messages::Outcome;

/// The shortest wait between two checks of a store that cannot be watched; a check
/// that took long waits ten times as long as it took.
const CHECK_EVERY: Duration = Duration::from_secs(5);
/// How long the store must stay still before the list beside the index is saved again.
const SAVE_AFTER: Duration = Duration::from_secs(2);

/// The store being followed: its folders, their watch, and what is kept between changes.
pub struct Live {
    roots: Vec<PathBuf>,
    cap: u64,
    kinds: Kinds,
    outcomes: Sender<Outcome>,
    seen: Receiver<Seen>,
    sender: Sender<Seen>,
    /// The watch, once made (on a thread of its own: at a million files, making it
    /// takes a walk of the store, which the first check should not wait for).
    watch: Option<Receiver<Watch>>,
    /// A folder could not be watched: the store is checked by walking it.
    checking: bool,
    /// Without an index: each file's stamp as last seen, for those checks.
    stamps: Option<LooseStamps>,
    /// Updates made to the index since its list was last saved beside it: the commit
    /// that list is of, and the updates since.
    unsaved: Option<(u64, Vec<Update>)>,
}

impl Live {
    /// Ready to follow the store's folders `roots` (none: nothing to follow, as for the
    /// sample library), reading articles of at most `cap` bytes with the endings of
    /// `kinds`.
    pub fn new(roots: Vec<PathBuf>, cap: u64, kinds: Kinds, outcomes: Sender<Outcome>) -> Live {
        let (sender, seen) = channel();
        Live {
            roots,
            cap,
            kinds,
            outcomes,
            seen,
            sender,
            watch: None,
            checking: false,
            stamps: None,
            unsaved: None,
        }
    }

    /// Starts watching: every change from the moment the watch is made is seen (and
    /// waits until [`Live::follow`]).
    pub fn watch(&mut self) {
        if self.roots.is_empty() || self.watch.is_some() {
            return;
        }
        let (roots, seen) = (self.roots.clone(), self.sender.clone());
        let (made, watch) = channel();
        let spawned = std::thread::Builder::new()
            .name("folio-watch".into())
            .spawn(move || match watch::watch(&roots, seen.clone()) {
                Ok(watch) => drop(made.send(watch)),
                Err(why) => drop(seen.send(Seen::CannotWatch(why))),
            });
        match spawned {
            Ok(_) => self.watch = Some(watch),
            Err(error) => {
                let _ = self.sender.send(Seen::CannotWatch(format!(
                    "cannot watch the store: {error}"
                )));
            }
        }
    }

    /// Follows the store until nobody listens: each change read, indexed when `index`
    /// is up to date (else read only), and sent on.
    pub fn follow(mut self, mut index: Option<Arc<Index>>, slot: &IndexSlot) {
        if self.roots.is_empty() {
            return;
        }
        self.watch();
        // Kept as long as the store is followed (none when it could not be made).
        let _watch = self.watch.take().and_then(|made| made.recv().ok());
        let mut next_check: Option<Instant> = None;
        let mut last_change = Instant::now();
        loop {
            let wait = match (next_check, &self.unsaved) {
                (Some(at), _) => at.saturating_duration_since(Instant::now()),
                (None, Some(_)) => SAVE_AFTER,
                (None, None) => Duration::from_secs(3600),
            };
            let changed = match self.seen.recv_timeout(wait) {
                Ok(Seen::Paths(mut paths)) => {
                    // Everything seen meanwhile goes in the same change.
                    while let Ok(Seen::Paths(more)) = self.seen.try_recv() {
                        paths.extend(more);
                    }
                    changed::look_at(&self.roots, &self.kinds, &paths)
                }
                Ok(Seen::Rescan) => self.check(index.as_deref()),
                Ok(Seen::CannotWatch(why)) => {
                    if !std::mem::replace(&mut self.checking, true) {
                        tracing::warn!(%why, "checking the store by walking it");
                        if self.outcomes.send(Outcome::WatchFailed(why)).is_err() {
                            return;
                        }
                        next_check = Some(Instant::now() + CHECK_EVERY);
                    }
                    continue;
                }
                Err(RecvTimeoutError::Timeout) => {
                    if next_check.is_some_and(|at| at <= Instant::now()) {
                        let began = Instant::now();
                        let changed = self.check(index.as_deref());
                        next_check = Some(Instant::now() + CHECK_EVERY.max(began.elapsed() * 10));
                        changed
                    } else {
                        if last_change.elapsed() >= SAVE_AFTER {
                            self.save_list(index.as_deref());
                        }
                        continue;
                    }
                }
                Err(RecvTimeoutError::Disconnected) => return,
            };
            if changed.is_empty() {
                continue;
            }
            last_change = Instant::now();
            let update = self.update(&changed, &mut index, slot);
            tracing::info!(
                articles = update.articles.len(),
                gone = update.gone.len(),
                update_ms = last_change.elapsed().as_millis() as u64,
                "store changed"
            );
            if !update.is_empty() && self.outcomes.send(Outcome::StoreChanged(update)).is_err() {
                return;
            }
        }
    }

    /// The store's changes found by walking it: against the index, or against the
    /// stamps of the last check.
    fn check(&mut self, index: Option<&Index>) -> Changed {
        if let Some(index) = index {
            match index.changed_files() {
                Ok(changed) => return changed,
                Err(error) => tracing::warn!(%error, "the index could not be checked"),
            }
        }
        let first = self.stamps.is_none();
        let changed = self
            .stamps
            .get_or_insert_default()
            .check(&self.roots, &self.kinds);
        // The first check only learns the stamps: the list was read just before.
        if first { Changed::default() } else { changed }
    }

    /// Makes `changed` in the index (dropping the index when it fails), or reads it
    /// without one.
    fn update(
        &mut self,
        changed: &Changed,
        index: &mut Option<Arc<Index>>,
        slot: &IndexSlot,
    ) -> Update {
        if let Some(ready) = index.as_deref() {
            let before = ready.opstamp();
            match ready.update(changed) {
                Ok(update) => {
                    let unsaved = self.unsaved.get_or_insert_with(|| (before, Vec::new()));
                    unsaved.1.push(update.clone());
                    return update;
                }
                Err(IndexError { in_use: true, .. }) => {
                    // Another folio indexes the same change: read it, and see theirs.
                    let _ = ready.reload();
                }
                Err(error) => {
                    tracing::warn!(%error, "searching without the index from now on");
                    *index = None;
                    *slot.write().expect("index slot") = None;
                }
            }
        }
        changed::read(changed, &self.roots, &self.kinds, self.cap)
    }

    /// Saves the index's list, with the updates since it was saved, for the next start.
    fn save_list(&mut self, index: Option<&Index>) {
        let (Some(index), Some((from, updates))) = (index, self.unsaved.take()) else {
            return;
        };
        match index.save_list_after(from, &updates) {
            Ok(true) => tracing::debug!(updates = updates.len(), "list saved"),
            Ok(false) => {}
            Err(error) => tracing::info!(%error, "the list could not be saved beside the index"),
        }
    }
}
