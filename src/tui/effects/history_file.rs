//! The query history on disk: `history` in folio's state folder, one query a line,
//! written whole to a temporary file and renamed into place, so a crash never leaves
//! half a file. A file that cannot be read, or is not UTF-8, is logged and treated as
//! empty; each line is sanitised as it is read, and blank ones are left out.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use crate::sanitize::sanitize_line;

/// The queries kept at `path`, oldest first, each on one line and none blank; none
/// (and logged) when the file is missing or unreadable.
pub fn load(path: &Path) -> Vec<String> {
    match crate::own_file::read(path, crate::own_file::SMALL_CAP) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text
                .lines()
                .map(sanitize_line)
                .filter(|query| !query.is_empty())
                .collect(),
            Err(_) => {
                tracing::warn!(path = %path.display(), "history is not UTF-8; starting empty");
                Vec::new()
            }
        },
        Err(error) if error.kind() == io::ErrorKind::NotFound => Vec::new(),
        Err(error) => {
            tracing::warn!(path = %path.display(), %error, "history not read; starting empty");
            Vec::new()
        }
    }
}

/// Writes `queries` (oldest first) to `path`, replacing it atomically.
pub fn save(path: &Path, queries: &[String]) -> io::Result<()> {
    let folder = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(folder)?;
    crate::atomic_file::replace(path, |out| {
        for query in queries {
            out.write_all(query.as_bytes())?;
            out.write_all(b"\n")?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saves_and_loads_and_survives_garbage() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state/history");
        assert!(load(&path).is_empty());
        save(&path, &["river".into(), "date:2024 \u{1b}[31mx".into()]).unwrap();
        let loaded = load(&path);
        assert_eq!(loaded[0], "river");
        assert!(!loaded[1].contains('\u{1b}'));
        fs::write(&path, b"\xff\xfe\x00garbage\n\nok\n").unwrap();
        assert!(load(&path).is_empty(), "garbled: start empty");
        fs::write(&path, "a\u{7}b\r\n\n\u{1b}[2Jok\n").unwrap();
        assert_eq!(load(&path), ["a␇b", "ok"]);
        let folder = dir.path().join("a-folder");
        fs::create_dir(&folder).unwrap();
        assert!(load(&folder).is_empty(), "a folder is not a history");
    }
}
