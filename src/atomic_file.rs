//! Replacing a file whole, at once: the one way folio writes the files it replaces
//! (bookmarks, reading state, the query history, the session, the list beside the
//! index), so a crash leaves the old file or the new one, never half of one, and no
//! temporary file stays behind for long.

use std::ffi::OsStr;
use std::fs::{self, File};
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};

/// Replaces the file at `path` with what `write` writes: into a temporary file beside it
/// (`.NAME.PID.tmp`), synced to disk, renamed over it, and the folder synced so the
/// rename survives a crash. When `path` is a symbolic link (bookmarks kept in a dotfiles
/// repository), the file it points to is replaced and the link stays a link. Temporary
/// files of the same name left by a folio that was killed are removed first. When any
/// step fails the temporary file is removed and the file is left as it was.
pub fn replace(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> io::Result<()>,
) -> io::Result<()> {
    let path = through_links(path)?;
    let folder = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().unwrap_or_default();
    remove_stale(folder, name);
    let temporary = folder.join(temporary_name(name, std::process::id()));
    let written = File::create(&temporary).and_then(|file| {
        let mut out = BufWriter::new(file);
        write(&mut out)?;
        out.into_inner()?.sync_all()
    });
    if let Err(error) = written.and_then(|()| fs::rename(&temporary, &path)) {
        let _ = fs::remove_file(&temporary);
        return Err(error);
    }
    File::open(if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    })?
    .sync_all()
}

/// The file `path` names: itself, or where its symbolic links lead (a relative link
/// counts from the link's folder; a link to nothing yet leads to where the file will be).
pub fn through_links(path: &Path) -> io::Result<PathBuf> {
    let mut path = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&path)?;
                path = match path.parent() {
                    Some(folder) if target.is_relative() => folder.join(target),
                    _ => target,
                };
            }
            _ => return Ok(path),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("{}: too many symbolic links", path.display()),
    ))
}

/// `.NAME.PID.tmp`: the temporary file process `pid` writes `NAME` through.
fn temporary_name(name: &OsStr, pid: u32) -> String {
    format!(".{}.{pid}.tmp", name.to_string_lossy())
}

/// Removes the temporary files for `name` in `folder` (`.NAME.PID.tmp`) whose process
/// is gone: what a folio killed in the middle of a write left behind.
pub fn remove_stale(folder: &Path, name: &OsStr) {
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    }) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name
            .to_str()
            .and_then(|n| n.strip_prefix(prefix.as_str()))
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !running(pid) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// True when a process `pid` exists (one of another user's counts).
fn running(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 only asks whether the process exists; nothing is sent.
    let answer = unsafe { libc::kill(pid, 0) };
    answer == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn names(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(folder)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_file_is_replaced_and_no_temporary_file_is_left() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("file");
        replace(&path, |out| out.write_all(b"one")).unwrap();
        replace(&path, |out| out.write_all(b"two")).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(names(dir.path()), ["file"]);
    }

    #[test]
    fn a_failed_write_leaves_the_file_as_it_was_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("file");
        fs::write(&path, "before").unwrap();
        let error = replace(&path, |out| {
            out.write_all(b"half")?;
            Err(io::Error::other("cut short"))
        })
        .unwrap_err();
        assert_eq!(error.to_string(), "cut short");
        assert_eq!(fs::read_to_string(&path).unwrap(), "before");
        assert_eq!(names(dir.path()), ["file"]);
        // A folder in the way of the rename: the rename fails, the temporary file goes.
        let folder = dir.path().join("folder");
        fs::create_dir(&folder).unwrap();
        let error = replace(&folder, |out| out.write_all(b"x")).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::IsADirectory);
        assert_eq!(names(dir.path()), ["file", "folder"]);
    }
}
