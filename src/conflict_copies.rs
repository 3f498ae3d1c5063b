//! The copies a syncing program makes of a file changed on two machines at once, found
//! by their names beside the file: Syncthing's `NAME.sync-conflict-YYYYMMDD-HHMMSS-DEVICE.EXT`,
//! Dropbox's `NAME (conflicted copy …).EXT` and `NAME (Name's conflicted copy
//! YYYY-MM-DD).EXT`, Nextcloud's `NAME (conflicted copy YYYY-MM-DD HHMMSS).EXT`.

use std::fs;
use std::path::{Path, PathBuf};

/// True when `name` is a conflict copy's name of the file named `file` (`bookmarks.toml`).
pub fn is_copy_of(file: &str, name: &str) -> bool {
    if name == file {
        return false;
    }
    let (stem, ext) = match file.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem, format!(".{ext}")),
        _ => (file, String::new()),
    };
    let Some(rest) = name.strip_prefix(stem) else {
        return false;
    };
    let Some(middle) = rest.strip_suffix(ext.as_str()) else {
        return false;
    };
    if let Some(mark) = middle.strip_prefix(".sync-conflict-") {
        // YYYYMMDD-HHMMSS-DEVICE
        let bytes = mark.as_bytes();
        return bytes.len() > 16
            && bytes[..8].iter().all(u8::is_ascii_digit)
            && bytes[8] == b'-'
            && bytes[9..15].iter().all(u8::is_ascii_digit)
            && bytes[15] == b'-';
    }
    middle.starts_with(" (")
        && middle.ends_with(')')
        && middle.to_lowercase().contains("conflicted copy")
}

/// The conflict copies of the file at `path`, sorted by name; none when its folder
/// cannot be read.
pub fn of(path: &Path) -> Vec<PathBuf> {
    let (Some(folder), Some(file)) = (path.parent(), path.file_name().and_then(|n| n.to_str()))
    else {
        return Vec::new();
    };
    let Ok(entries) = fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut copies: Vec<PathBuf> = entries
        .flatten()
        .filter(|entry| {
            entry
                .file_name()
                .to_str()
                .is_some_and(|name| is_copy_of(file, name))
        })
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
        .map(|entry| entry.path())
        .collect();
    copies.sort();
    copies
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_names_of_syncthing_dropbox_and_nextcloud_copies_are_known() {
        for name in [
            "bookmarks.sync-conflict-20261204-101500-ABCDEFG.toml",
            "bookmarks.sync-conflict-20261204-101500-7XQ3K4L-UV2JHMW.toml",
            "bookmarks (conflicted copy 2026-12-04).toml",
            "bookmarks (Ana's conflicted copy 2026-12-04).toml",
            "bookmarks (Ana’s Conflicted Copy 2026-12-04 (1)).toml",
            "bookmarks (conflicted copy 2026-12-04 101500).toml",
        ] {
            assert!(is_copy_of("bookmarks.toml", name), "{name}");
        }
        for name in [
            "bookmarks.toml",
            "bookmarks.toml.bak",
            "bookmarks.lock",
            "bookmarks (1).toml",
            "bookmarks.sync-conflict-2026-DEV.toml",
            "bookmarks.sync-conflict-20261204-101500-ABC.toml.bak",
            "reading.sync-conflict-20261204-101500-ABCDEFG.toml",
            "bookmarks (conflicted copy 2026-12-04).toml.tmp",
        ] {
            assert!(!is_copy_of("bookmarks.toml", name), "{name}");
        }
    }

    #[test]
    fn copies_are_found_beside_the_file_sorted() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "reading.toml",
            "reading.sync-conflict-20261204-101500-B.toml",
            "reading (conflicted copy 2026-12-04 101500).toml",
            "bookmarks.sync-conflict-20261204-101500-B.toml",
        ] {
            fs::write(dir.path().join(name), "").unwrap();
        }
        fs::create_dir(
            dir.path()
                .join("reading.sync-conflict-20261204-101501-B.toml"),
        )
        .unwrap();
        let found = of(&dir.path().join("reading.toml"));
        let names: Vec<_> = found
            .iter()
            .map(|p| p.file_name().unwrap().to_str().unwrap())
            .collect();
        assert_eq!(
            names,
            [
                "reading (conflicted copy 2026-12-04 101500).toml",
                "reading.sync-conflict-20261204-101500-B.toml"
            ]
        );
        assert!(of(&dir.path().join("absent/reading.toml")).is_empty());
    }
}
