//! Putting a new file in a folder without replacing any: written whole to a temporary
//! file beside it (`.NAME.PID.tmp`, hidden, so the store never reads it), synced, then
//! given the first free name of those offered (renameat2 with RENAME_NOREPLACE where
//! Linux has it, else a hard link and the temporary name removed), and the folder
//! synced. Interrupting signals wait while the file is written and placed: one that
//! came before the file was placed removes the temporary file and gives up; no step
//! leaves part of a file under either name.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use signal_hook::SigId;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

/// The most names tried before giving up (`NAME-999.md` is the last).
const MAX_NUMBER: usize = 999;

/// Why no file was placed.
#[derive(Debug)]
pub enum PlaceError {
    /// Writing or naming failed at `path`.
    Io { path: PathBuf, error: io::Error },
    /// Every name offered is taken.
    NoFreeName { last: PathBuf },
    /// Ctrl-C (or SIGTERM, SIGHUP) came before the file had its name.
    Interrupted,
}

impl std::fmt::Display for PlaceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PlaceError::Io { path, error } => write!(
                f,
                "cannot write {}: {}",
                crate::store::read::escape_path(path),
                crate::store::read::io_reason(error)
            ),
            PlaceError::NoFreeName { last } => write!(
                f,
                "every name up to {} is taken; move some of those files away",
                crate::store::read::escape_path(last)
            ),
            PlaceError::Interrupted => f.write_str("interrupted; nothing was written"),
        }
    }
}

/// Interrupting signals, held back while alive: each one sets the flag instead of
/// ending the process.
struct HeldSignals {
    arrived: Arc<AtomicBool>,
    ids: Vec<SigId>,
}

impl HeldSignals {
    fn hold() -> HeldSignals {
        let arrived = Arc::new(AtomicBool::new(false));
        let ids = [SIGINT, SIGTERM, SIGHUP]
            .into_iter()
            .filter_map(|signal| signal_hook::flag::register(signal, Arc::clone(&arrived)).ok())
            .collect();
        HeldSignals { arrived, ids }
    }

    fn arrived(&self) -> bool {
        self.arrived.load(Ordering::SeqCst)
    }
}

impl Drop for HeldSignals {
    fn drop(&mut self) {
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}

/// Writes `bytes` to `folder` under the first free name of `name(1)`, `name(2)`, …;
/// returns the path written.
pub fn place_new(
    folder: &Path,
    name: impl Fn(usize) -> String,
    bytes: &[u8],
) -> Result<PathBuf, PlaceError> {
    let signals = HeldSignals::hold();
    let first = name(1);
    crate::atomic_file::remove_stale(folder, first.as_ref());
    let temporary = folder.join(format!(".{first}.{}.tmp", std::process::id()));
    let io_error = |path: &Path| {
        let path = path.to_path_buf();
        move |error| PlaceError::Io { path, error }
    };
    let written = write_new(&temporary, bytes);
    if let Err(error) = written {
        let _ = fs::remove_file(&temporary);
        return Err(io_error(&folder.join(&first))(error));
    }
    if signals.arrived() {
        let _ = fs::remove_file(&temporary);
        return Err(PlaceError::Interrupted);
    }
    let mut last = folder.join(&first);
    for n in 1..=MAX_NUMBER {
        let target = folder.join(name(n));
        match link_new(&temporary, &target, bytes) {
            Ok(()) => {
                let _ = sync_folder(folder);
                return Ok(target);
            }
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => last = target,
            Err(error) => {
                let _ = fs::remove_file(&temporary);
                return Err(io_error(&target)(error));
            }
        }
    }
    let _ = fs::remove_file(&temporary);
    Err(PlaceError::NoFreeName { last })
}

/// Creates `path` (which must not exist) with `bytes`, synced to disk.
fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Gives the file at `temporary` the name `target` when no file has it (else an
/// `AlreadyExists` error), and takes its temporary name away.
fn link_new(temporary: &Path, target: &Path, bytes: &[u8]) -> io::Result<()> {
    match rename_no_replace(temporary, target) {
        Err(error) if unsupported(&error) => {}
        done => return done,
    }
    match fs::hard_link(temporary, target) {
        Ok(()) => {
            fs::remove_file(temporary)?;
            Ok(())
        }
        // A file system without links (FAT, some network shares): the file is written
        // again under its name, created only if it is not there, and removed whole if
        // the writing fails.
        Err(error) if unsupported(&error) || error.kind() == io::ErrorKind::PermissionDenied => {
            if let Err(error) = write_new(target, bytes) {
                if error.kind() != io::ErrorKind::AlreadyExists {
                    let _ = fs::remove_file(target);
                }
                return Err(error);
            }
            fs::remove_file(temporary)
        }
        Err(error) => Err(error),
    }
}

/// True for an error saying the system or the file system cannot do this at all.
fn unsupported(error: &io::Error) -> bool {
    error.kind() == io::ErrorKind::Unsupported
        || matches!(
            error.raw_os_error(),
            Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP | libc::EXDEV)
        )
}

/// Renames `from` to `to` unless `to` exists (then `AlreadyExists`), in one step.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn rename_no_replace(from: &Path, to: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let from = CString::new(from.as_os_str().as_bytes())?;
    let to = CString::new(to.as_os_str().as_bytes())?;
    // SAFETY: both are NUL-terminated paths, relative to the working folder.
    let answer = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            from.as_ptr(),
            libc::AT_FDCWD,
            to.as_ptr(),
            libc::RENAME_NOREPLACE,
        )
    };
    if answer == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn rename_no_replace(_from: &Path, _to: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// Syncs the folder, so that the new name survives a crash.
fn sync_folder(folder: &Path) -> io::Result<()> {
    File::open(folder)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(folder)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn numbered(n: usize) -> String {
        crate::save::name::numbered("2024-03-14-wall", "md", n)
    }

    #[test]
    fn a_taken_name_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let first = place_new(dir.path(), numbered, b"one").unwrap();
        let second = place_new(dir.path(), numbered, b"two").unwrap();
        let third = place_new(dir.path(), numbered, b"three").unwrap();
        assert_eq!(first, dir.path().join("2024-03-14-wall.md"));
        assert_eq!(second, dir.path().join("2024-03-14-wall-2.md"));
        assert_eq!(third, dir.path().join("2024-03-14-wall-3.md"));
        assert_eq!(fs::read(&first).unwrap(), b"one");
        assert_eq!(fs::read(&second).unwrap(), b"two");
        assert_eq!(names(dir.path()).len(), 3, "no temporary file left");
    }

    #[test]
    fn the_link_step_refuses_an_existing_name_itself() {
        let dir = tempfile::tempdir().unwrap();
        let temporary = dir.path().join(".t.tmp");
        let target = dir.path().join("taken.md");
        fs::write(&temporary, "new").unwrap();
        fs::write(&target, "old").unwrap();
        let error = link_new(&temporary, &target, b"new").unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&target).unwrap(), "old");
    }

    #[test]
    fn a_failed_write_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no-such-folder");
        let error = place_new(&missing, numbered, b"x").unwrap_err();
        assert!(matches!(error, PlaceError::Io { .. }), "{error}");
        assert!(names(dir.path()).is_empty());
    }
}
