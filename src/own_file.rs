//! Reading folio's own small files (the config, bookmarks, reading state, history and
//! session) so that none can hang folio or fill its memory: each is opened without
//! blocking (a FIFO in its place answers at once), checked to be a regular file (not a
//! FIFO, device or folder), and read only when it is within a size cap.

use std::io;
use std::path::Path;

use crate::store::problem::{Reason, human_size};
use crate::store::read::read_file;

/// The most a config file may hold.
pub const CONFIG_CAP: u64 = 4 << 20;
/// The most the bookmarks or the reading state may hold.
pub const STATE_CAP: u64 = 512 << 20;
/// The most the history or the session may hold.
pub const SMALL_CAP: u64 = 16 << 20;

/// The bytes of the regular file at `path`, if it holds at most `cap` bytes, read as the
/// store reads an article ([`read_file`]). A missing file is `NotFound`, as from
/// `fs::read`; a special file or one over the cap is `InvalidInput`, saying which.
pub fn read(path: &Path, cap: u64) -> io::Result<Vec<u8>> {
    let mut buffer = Vec::new();
    match read_file(path, cap, &mut buffer) {
        Ok(_) => Ok(buffer),
        Err(Reason::Missing) => Err(io::Error::from_raw_os_error(libc::ENOENT)),
        Err(Reason::NotAFile(kind)) => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("it is a {kind}, not a regular file"),
        )),
        Err(Reason::TooLarge { size, cap }) => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "it holds {}, more than the {} folio reads of such a file",
                human_size(size),
                human_size(cap)
            ),
        )),
        Err(Reason::Unreadable(why)) => Err(io::Error::other(why)),
        Err(other) => Err(io::Error::other(other.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    #[test]
    fn a_fifo_a_device_and_a_folder_are_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let name = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: mkfifo reads the NUL-terminated path only.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
        let started = Instant::now();
        let error = read(&fifo, 1024).unwrap_err();
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "no waiting for a writer"
        );
        assert_eq!(
            error.to_string(),
            "it is a FIFO (named pipe), not a regular file"
        );
        let error = read(Path::new("/dev/zero"), 1024).unwrap_err();
        assert_eq!(error.to_string(), "it is a device, not a regular file");
        let error = read(dir.path(), 1024).unwrap_err();
        assert_eq!(error.to_string(), "it is a folder, not a regular file");
        let missing = read(&dir.path().join("missing"), 1024).unwrap_err();
        assert_eq!(missing.kind(), io::ErrorKind::NotFound);
    }

    #[test]
    fn a_file_over_the_cap_is_refused_and_one_within_it_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("file");
        std::fs::write(&path, vec![b'a'; 2048]).unwrap();
        assert_eq!(read(&path, 2048).unwrap().len(), 2048);
        let error = read(&path, 1024).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
        assert!(error.to_string().contains("more than the 1 KiB"), "{error}");
    }
}
