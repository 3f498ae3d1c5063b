//! The query history on disk: `history` in folio's state folder, one query a line,
//! written whole to a temporary file and renamed into place, so a crash never leaves
//! half a file. A file that cannot be read, or is not UTF-8, is logged and treated as
//! empty; each line is sanitised as it is read.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use crate::tui::state::history::History;

/// The history kept at `path`; empty (and logged) when it is missing or unreadable.
pub fn load(path: &Path) -> History {
    match fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => History::new(text.lines().map(str::to_owned)),
            Err(_) => {
                tracing::warn!(path = %path.display(), "history is not UTF-8; starting empty");
                History::default()
            }
        },
        Err(error) if error.kind() == io::ErrorKind::NotFound => History::default(),
        Err(error) => {
            tracing::warn!(path = %path.display(), %error, "history not read; starting empty");
            History::default()
        }
    }
}

/// Writes `queries` (oldest first) to `path`, replacing it atomically.
pub fn save(path: &Path, queries: &[String]) -> io::Result<()> {
    let folder = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(folder)?;
    let mut text = String::new();
    for query in History::new(queries.iter().cloned()).entries() {
        text.push_str(query);
        text.push('\n');
    }
    let temp = folder.join(format!(".history.{}.tmp", std::process::id()));
    let written = fs::File::create(&temp).and_then(|mut file| {
        file.write_all(text.as_bytes())?;
        file.sync_all()
    });
    match written.and_then(|()| fs::rename(&temp, path)) {
        Ok(()) => Ok(()),
        Err(error) => {
            let _ = fs::remove_file(&temp);
            Err(error)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saves_and_loads_and_survives_garbage() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state/history");
        assert!(load(&path).entries().is_empty());
        save(&path, &["river".into(), "date:2024 \u{1b}[31mx".into()]).unwrap();
        let loaded = load(&path);
        assert_eq!(loaded.entries()[0], "river");
        assert!(!loaded.entries()[1].contains('\u{1b}'));
        fs::write(&path, b"\xff\xfe\x00garbage\n\nok\n").unwrap();
        assert!(load(&path).entries().is_empty(), "garbled: start empty");
        fs::write(&path, "a\u{7}b\r\n\n\u{1b}[2Jok\n").unwrap();
        assert_eq!(load(&path).entries(), ["a␇b", "ok"]);
        let folder = dir.path().join("a-folder");
        fs::create_dir(&folder).unwrap();
        assert!(
            load(&folder).entries().is_empty(),
            "a folder is not a history"
        );
    }
}
