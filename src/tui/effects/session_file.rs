//! Where the last run left off, on disk: `session.toml` in folio's state folder, one
//! entry per store (the most recent first, the last [`KEPT`] stores), each with the
//! filter typed, the article selected and whether the reader was open on it. A file
//! that cannot be read is logged and taken as no session: it only ever saves a few keys.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::sanitize::sanitize_line;
use crate::tui::effects::messages::Session;

/// How many stores' sessions are kept.
pub const KEPT: usize = 20;

/// The largest session file read, in bytes: a few keys for each of [`KEPT`] stores.
const MAX_BYTES: u64 = 1 << 20;

#[derive(Debug, Default, Serialize, Deserialize)]
struct File {
    #[serde(default)]
    version: u32,
    #[serde(default)]
    store: Vec<Entry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    /// The store, as [`crate::store::Store::describe`] names it.
    roots: String,
    #[serde(default)]
    query: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    article: Option<PathBuf>,
    #[serde(default)]
    reading: bool,
}

/// The session kept for the store named `roots`, if any.
pub fn load(path: &Path, roots: &str) -> Option<Session> {
    let file = read(path)?;
    let entry = file.store.into_iter().find(|entry| entry.roots == roots)?;
    Some(Session {
        query: sanitize_line(&entry.query),
        article: entry.article,
        reading: entry.reading,
    })
}

/// Keeps `session` as the store `roots`'s, first in the file, the other stores' after.
pub fn save(path: &Path, roots: &str, session: &Session) -> io::Result<()> {
    let mut file = read(path).unwrap_or_default();
    file.version = 1;
    file.store.retain(|entry| entry.roots != roots);
    file.store.insert(
        0,
        Entry {
            roots: roots.to_owned(),
            query: session.query.clone(),
            article: session.article.clone(),
            reading: session.reading,
        },
    );
    file.store.truncate(KEPT);
    let text = toml::to_string(&file).map_err(io::Error::other)?;
    let folder = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(folder)?;
    crate::atomic_file::replace(path, |out| {
        out.write_all(
            b"# Where folio left off in each store; see restore_session in the config.\n",
        )?;
        out.write_all(text.as_bytes())
    })
}

/// The file as written, or `None` (logged unless missing) when it cannot be read.
fn read(path: &Path) -> Option<File> {
    let text = crate::own_file::read(path, MAX_BYTES).and_then(|bytes| {
        String::from_utf8(bytes).map_err(|_| io::Error::other("the file is not UTF-8"))
    });
    match text.map(|text| toml::from_str::<File>(&text)) {
        Ok(Ok(file)) => Some(file),
        Ok(Err(error)) => {
            tracing::warn!(path = %path.display(), %error, "session not read");
            None
        }
        Err(error) if error.kind() == io::ErrorKind::NotFound => None,
        Err(error) => {
            tracing::warn!(path = %path.display(), %error, "session not read");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(query: &str, article: &str) -> Session {
        Session {
            query: query.to_owned(),
            article: Some(PathBuf::from(article)),
            reading: true,
        }
    }

    #[test]
    fn each_store_keeps_its_own_session() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state/session.toml");
        assert_eq!(load(&path, "/news"), None);
        save(&path, "/news", &session("oil OR gas", "/news/a.txt")).unwrap();
        save(&path, "/blog", &session("", "/blog/b.md")).unwrap();
        save(&path, "/news", &session("river", "/news/c.txt")).unwrap();
        assert_eq!(load(&path, "/news"), Some(session("river", "/news/c.txt")));
        assert_eq!(load(&path, "/blog"), Some(session("", "/blog/b.md")));
        assert_eq!(load(&path, "/elsewhere"), None);
        for n in 0..KEPT + 5 {
            save(&path, &format!("/store{n}"), &session("", "/x")).unwrap();
        }
        assert_eq!(load(&path, "/news"), None, "the oldest stores give way");
        assert!(load(&path, &format!("/store{}", KEPT + 4)).is_some());
    }

    #[test]
    fn a_damaged_file_is_no_session_and_a_save_replaces_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("session.toml");
        fs::write(
            &path,
            r#"store = [ { roots = "/news", query = "\u001b[2Jx" } ]"#,
        )
        .unwrap();
        let hostile = load(&path, "/news").unwrap();
        assert!(!hostile.query.contains('\u{1b}'), "{hostile:?}");
        fs::write(&path, b"\xff\xfenot toml").unwrap();
        assert_eq!(load(&path, "/news"), None);
        save(&path, "/news", &session("a", "/news/a.txt")).unwrap();
        assert_eq!(load(&path, "/news"), Some(session("a", "/news/a.txt")));
        let folder = dir.path().join("a-folder");
        fs::create_dir(&folder).unwrap();
        assert_eq!(load(&folder, "/news"), None, "a folder is not a session");
    }
}
