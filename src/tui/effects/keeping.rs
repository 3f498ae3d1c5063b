//! Reading and writing what the reader keeps. Bookmarks added, changed and deleted from
//! the TUI go through the bookmarks file's lock, so other folio windows' and scripts'
//! changes are merged, never lost; the answer is the file's list as it now stands. What
//! was read, and where, goes to `reading.toml` on a thread of its own, so a large file
//! never holds up a keystroke; what is queued is written before folio exits.

use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use crate::bookmarks::{Bookmark, BookmarkFile};
use crate::reading::ReadingFile;
use crate::sanitize::sanitize_line;
use crate::store::Location;
use crate::tui::effects::messages::{Outcome, ReadState, ReadingChange};

/// Reads the reading state (on the writer's thread, before any write: a large file
/// takes a while, and the first frame does not wait for it).
pub fn read_state(file: &ReadingFile) -> Outcome {
    let state = file.read().map(|reading| {
        let mut state = ReadState::default();
        for (path, entry) in reading.entries() {
            let location = Location::from_path(&path);
            if let Some(position) = entry.position {
                state.positions.push((location.clone(), position));
            }
            if entry.read.is_some() {
                state.read.push(location);
            }
        }
        state
    });
    Outcome::ReadingLoaded(state.map_err(|error| sanitize_line(&error.to_string())))
}

/// The bookmarks `file` holds, read at start; a bookmarks file that cannot be read is
/// answered with why, and the state keeps bookmarks read-only, so it is never
/// overwritten.
pub fn read_bookmarks(file: &BookmarkFile) -> Outcome {
    Outcome::BookmarksRead(
        file.read()
            .map(|bookmarks| bookmarks.list)
            .map_err(|error| {
                let why = sanitize_line(&error.to_string());
                tracing::warn!(%why, "bookmarks are read-only");
                why
            }),
    )
}

/// Reads and writes `reading.toml` on a thread of its own: the state once asked for
/// ([`ReadingWriter::load`]), then each batch of changes, with any queued behind it, in
/// one locked update.
pub struct ReadingWriter {
    queue: Option<Sender<Job>>,
    thread: Option<JoinHandle<()>>,
}

/// What the reading state's thread is asked to do, in turn.
enum Job {
    Load,
    Write(Vec<ReadingChange>),
}

impl ReadingWriter {
    /// Starts the thread; what it reads comes back as [`Outcome::ReadingLoaded`], and
    /// its failures to write as [`Outcome::ReadingNotKept`], on `outcomes`.
    pub fn spawn(file: ReadingFile, outcomes: Sender<Outcome>) -> ReadingWriter {
        let (queue, jobs) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("folio-reading".into())
            .spawn(move || run_jobs(&file, &jobs, &outcomes))
            .ok();
        ReadingWriter {
            queue: Some(queue),
            thread,
        }
    }

    /// Asks for the state as the file holds it. The loop asks once the list is up, so
    /// reading a large file does not compete with reading the store.
    pub fn load(&self) {
        if let Some(queue) = &self.queue {
            let _ = queue.send(Job::Load);
        }
    }

    /// Queues `batch` to be written.
    pub fn send(&self, batch: Vec<ReadingChange>) {
        if let Some(queue) = &self.queue {
            let _ = queue.send(Job::Write(batch));
        }
    }
}

impl Drop for ReadingWriter {
    /// Writes what is queued before going.
    fn drop(&mut self) {
        drop(self.queue.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn run_jobs(file: &ReadingFile, jobs: &Receiver<Job>, outcomes: &Sender<Outcome>) {
    while let Ok(job) = jobs.recv() {
        let mut batch = match job {
            Job::Load => {
                let _ = outcomes.send(read_state(file));
                continue;
            }
            Job::Write(batch) => batch,
        };
        let mut load_after = false;
        while let Ok(more) = jobs.try_recv() {
            match more {
                Job::Write(more) => batch.extend(more),
                Job::Load => load_after = true,
            }
        }
        write(file, &batch, outcomes);
        if load_after {
            let _ = outcomes.send(read_state(file));
        }
    }
}

/// Writes one batch of changes.
fn write(file: &ReadingFile, batch: &[ReadingChange], outcomes: &Sender<Outcome>) {
    let now = jiff::Timestamp::now();
    let written = file.update(|state| {
        for reading in batch {
            match reading.read {
                Some(true) => state.mark_read(&reading.path, now),
                Some(false) => state.mark_unread(&reading.path),
                None => {}
            }
            if let Some(position) = reading.position {
                state.set_position(&reading.path, position);
            }
        }
    });
    if let Err(error) = written {
        let why = sanitize_line(&error.to_string());
        tracing::warn!(%why, "reading state not kept");
        let _ = outcomes.send(Outcome::ReadingNotKept(why));
    }
}

/// Which of `list` have lost their passage: the article changed, or is gone from its
/// path. (Looking through the whole store for moved articles is left to `folio
/// bookmarks`: it would hold up the reader.)
pub fn find_passages(list: &[Bookmark]) -> Outcome {
    let resolved = crate::bookmarks::resolve_all(list, None);
    let gone = list
        .iter()
        .zip(resolved)
        .filter(|(_, r)| !r.found())
        .map(|(b, _)| b.id.clone())
        .collect();
    Outcome::PassagesGone(gone)
}

/// Adds `bookmark` (unless a bookmark with its id is there already: an undo after
/// another window put it back).
pub fn save(file: &BookmarkFile, bookmark: &Bookmark) -> Outcome {
    change(file, |list| {
        if !list.iter().any(|b| b.id == bookmark.id) {
            list.push(bookmark.clone());
        }
    })
}

/// Gives `bookmark` its note in the file, putting the whole bookmark back if it is not
/// there (its first save failed, or another window deleted it meanwhile).
pub fn set_note(file: &BookmarkFile, bookmark: &Bookmark) -> Outcome {
    change(file, |list| {
        match list.iter_mut().find(|b| b.id == bookmark.id) {
            Some(kept) => kept.note.clone_from(&bookmark.note),
            None => list.push(bookmark.clone()),
        }
    })
}

/// Removes the bookmark `id`.
pub fn delete(file: &BookmarkFile, id: &str) -> Outcome {
    change(file, |list| list.retain(|b| b.id != id))
}

fn change(file: &BookmarkFile, edit: impl FnOnce(&mut Vec<Bookmark>)) -> Outcome {
    let written = file.update(|bookmarks| {
        edit(&mut bookmarks.list);
        bookmarks.list.clone()
    });
    Outcome::Bookmarks(written.map_err(|error| sanitize_line(&error.to_string())))
}
