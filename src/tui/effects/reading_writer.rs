//! The reading state for the reader: what was read, and where, goes to `reading.toml`
//! on a thread of its own, so a large file never holds up a keystroke; what is queued is
//! written before folio exits.

use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

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
        state.forget_old_unread_marks(now);
    });
    if let Err(error) = written {
        let why = sanitize_line(&error.to_string());
        tracing::warn!(%why, "reading state not kept");
        let _ = outcomes.send(Outcome::ReadingNotKept(why));
    }
}
