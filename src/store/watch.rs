//! Watching the store's folders while folio runs (notify, its events gathered by
//! notify-debouncer-full): what changed arrives as batches of paths ([`Seen`]). When a
//! folder cannot be watched (the system's limit on watches), [`Seen::CannotWatch`] says
//! why, and the caller checks the store by its files' sizes and mtimes instead.

use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::event::{AccessKind, AccessMode};
use notify::{ErrorKind, EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, NoCache, new_debouncer};

use super::read::escape_path;

/// How long events for a path are gathered before they are sent on: a file saved by an
/// editor (written, closed, renamed over) comes as one change.
const GATHER: Duration = Duration::from_millis(100);

/// Set (to anything) to make every watch fail as if the system's limit were reached:
/// for testing the checks folio falls back to.
pub const NO_WATCHES_VAR: &str = "FOLIO_TEST_NO_WATCHES";

/// What a watch saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seen {
    /// These paths changed: files or folders made, written, renamed (both names) or
    /// removed.
    Paths(Vec<PathBuf>),
    /// Events were lost (the system's queue overflowed): the whole store must be checked.
    Rescan,
    /// A folder could not be watched, and why; changes there are not seen.
    CannotWatch(String),
}

/// The watch on the store's folders: it lasts as long as this is kept.
pub struct Watch {
    _debouncer: Debouncer<RecommendedWatcher, NoCache>,
}

/// Watches every folder under `roots`, sending what it sees to `seen`. A folder that
/// cannot be watched is sent as [`Seen::CannotWatch`]; the others are watched still.
/// Fails only when no watch can be made at all.
pub fn watch(roots: &[PathBuf], seen: Sender<Seen>) -> Result<Watch, String> {
    let send = seen.clone();
    let mut debouncer = new_debouncer(GATHER, None, move |result: DebounceEventResult| {
        let _ = match result {
            Ok(events) => {
                if events.iter().any(|e| e.need_rescan()) {
                    send.send(Seen::Rescan)
                } else {
                    let paths: Vec<PathBuf> = events
                        .into_iter()
                        .filter(|e| changes(&e.kind))
                        .flat_map(|e| e.event.paths)
                        .collect();
                    if paths.is_empty() {
                        return;
                    }
                    send.send(Seen::Paths(paths))
                }
            }
            Err(errors) => match errors.into_iter().find(|e| is_limit(&e.kind)) {
                Some(error) => send.send(Seen::CannotWatch(cannot_watch(&error.paths))),
                None => Ok(()),
            },
        };
    })
    .map_err(|error| format!("cannot watch the store for changes: {error}"))?;
    for root in roots {
        let result = if std::env::var_os(NO_WATCHES_VAR).is_some() {
            Err(notify::Error::new(ErrorKind::MaxFilesWatch).add_path(root.clone()))
        } else {
            debouncer.watch(root, RecursiveMode::Recursive)
        };
        match result {
            Ok(()) => {}
            Err(error) if is_limit(&error.kind) => {
                let _ = seen.send(Seen::CannotWatch(cannot_watch(&error.paths)));
            }
            Err(error) => {
                tracing::info!(%error, root = %root.display(), "not watched");
                let _ = seen.send(Seen::CannotWatch(format!(
                    "cannot watch {} for changes ({error})",
                    escape_path(root)
                )));
            }
        }
    }
    Ok(Watch {
        _debouncer: debouncer,
    })
}

/// True for events that may change the store: not a file merely opened, read or closed
/// unwritten.
fn changes(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

fn is_limit(kind: &ErrorKind) -> bool {
    matches!(kind, ErrorKind::MaxFilesWatch)
}

/// What to say when the limit on watches is reached (short: the status line cuts a
/// long notice from its start). The folder is in the log.
fn cannot_watch(paths: &[PathBuf]) -> String {
    if let Some(path) = paths.first() {
        tracing::warn!(path = %escape_path(path), "not watched: the limit on watches");
    }
    "not every folder can be watched (fs.inotify.max_user_watches): \
     checking for changes every 5 s"
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::channel;

    /// Every path the watch sends within `wait`, until `wanted` has been seen.
    fn seen_until(
        receiver: &std::sync::mpsc::Receiver<Seen>,
        wanted: &std::path::Path,
    ) -> Vec<PathBuf> {
        let mut all = Vec::new();
        while let Ok(seen) = receiver.recv_timeout(Duration::from_secs(5)) {
            if let Seen::Paths(paths) = seen {
                all.extend(paths);
            }
            if all.iter().any(|p| p == wanted) {
                break;
            }
        }
        all
    }

    #[test]
    fn files_and_folders_made_in_a_watched_store_are_seen() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        let (sender, receiver) = channel();
        let _watch = watch(std::slice::from_ref(&root), sender).unwrap();
        let file = root.join("new.md");
        std::fs::write(&file, "# New\n").unwrap();
        assert!(seen_until(&receiver, &file).contains(&file));
        let folder = root.join("2026/12");
        std::fs::create_dir_all(&folder).unwrap();
        let deep = folder.join("deep.md");
        std::fs::write(&deep, "# Deep\n").unwrap();
        // The file, or a folder it is in (made before its watch was added, and walked).
        let seen = seen_until(&receiver, &deep);
        assert!(
            seen.iter()
                .any(|p| deep.starts_with(p) && p.starts_with(&root) && p != &root)
        );
    }
}
