//! Replacing a file whole, at once: the one way folio writes the files it replaces
//! (bookmarks, reading state, the query history, the list beside the index), so a
//! crash leaves the old file or the new one, never half of one.

use std::fs::{self, File};
use std::io::{self, BufWriter};
use std::path::Path;

/// Replaces `path` with what `write` writes: into a temporary file named `temporary` in
/// the same folder, synced to disk, then renamed over `path`. When any step fails the
/// temporary file is removed and `path` is left as it was.
pub fn replace(
    path: &Path,
    temporary: &str,
    write: impl FnOnce(&mut BufWriter<File>) -> io::Result<()>,
) -> io::Result<()> {
    let temporary = path.parent().unwrap_or(Path::new(".")).join(temporary);
    let written = File::create(&temporary).and_then(|file| {
        let mut out = BufWriter::new(file);
        write(&mut out)?;
        out.into_inner()?.sync_all()
    });
    if let Err(error) = written.and_then(|()| fs::rename(&temporary, path)) {
        let _ = fs::remove_file(&temporary);
        return Err(error);
    }
    Ok(())
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
        replace(&path, ".file.tmp", |out| out.write_all(b"one")).unwrap();
        replace(&path, ".file.tmp", |out| out.write_all(b"two")).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(names(dir.path()), ["file"]);
    }

    #[test]
    fn a_failed_write_leaves_the_file_as_it_was_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("file");
        fs::write(&path, "before").unwrap();
        let error = replace(&path, ".file.tmp", |out| {
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
        let error = replace(&folder, ".folder.tmp", |out| out.write_all(b"x")).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::IsADirectory);
        assert_eq!(names(dir.path()), ["file", "folder"]);
    }
}
