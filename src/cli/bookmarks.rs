//! `folio bookmarks add FILE --quote TEXT [--note TEXT]` and `folio bookmarks [--json |
//! --markdown]`: adding a bookmark from the shell, and listing them for people, scripts
//! or notes.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::bookmarks::export::{self, Format};
use crate::bookmarks::{Bookmark, BookmarkFile, load_article, resolve_all};
use crate::paths::Dirs;
use crate::sanitize::sanitize_line;
use crate::store::read::escape_path;

fn fail(message: &str) -> ExitCode {
    eprintln!("folio: {}", sanitize_line(message));
    ExitCode::FAILURE
}

fn bookmark_file(dirs: Option<&Dirs>) -> Result<BookmarkFile, String> {
    dirs.map(|dirs| BookmarkFile::in_folder(&dirs.data))
        .ok_or_else(|| "no home folder found, so no data folder for bookmarks; set HOME".into())
}

/// Every bookmark in the file, or why the file cannot be read.
fn read_bookmarks(dirs: Option<&Dirs>) -> Result<Vec<Bookmark>, String> {
    let file = bookmark_file(dirs)?;
    file.read()
        .map(|bookmarks| bookmarks.list)
        .map_err(|error| error.to_string())
}

/// `folio bookmarks add`: exits 1 when the quote is not in the article or the
/// bookmarks file cannot be written. `store` (the configured one, when it can be read) is
/// searched for articles that moved.
pub fn add(
    file: &Path,
    quote: &str,
    note: Option<String>,
    store: Option<crate::store::Store>,
    dirs: Option<&Dirs>,
) -> ExitCode {
    let path = match file.canonicalize() {
        Ok(path) => path,
        Err(error) => {
            return fail(&format!(
                "cannot open {}: {}",
                escape_path(file),
                crate::store::read::io_reason(&error)
            ));
        }
    };
    let default_kinds = crate::store::Kinds::default();
    let kinds = store.as_ref().map_or(&default_kinds, |store| &store.kinds);
    let document = match load_article(&path, kinds) {
        Ok(document) => document,
        Err(message) => return fail(&message),
    };
    if quote.trim().is_empty() {
        return fail("the quote is empty; give the passage to keep with --quote TEXT");
    }
    let Some(bookmark) = Bookmark::new(&path, &document, quote, note) else {
        return fail(&format!(
            "the quote is not in {} (compared ignoring line breaks and spaces); \
             copy the passage from the article's text",
            escape_path(&path)
        ));
    };
    let file = match bookmark_file(dirs) {
        Ok(file) => file,
        Err(message) => return fail(&message),
    };
    let moves = match file.read() {
        Ok(current) => moved_articles(&current.list, store.as_ref()),
        Err(error) => return fail(&error.to_string()),
    };
    let id = bookmark.id.clone();
    let written = file.update(|bookmarks| {
        for (id, from, to) in &moves {
            for b in bookmarks.list.iter_mut() {
                if &b.id == id && &b.path == from {
                    b.path = to.clone();
                }
            }
        }
        bookmarks.list.push(bookmark);
    });
    match written {
        Ok(()) => {
            println!("{id}");
            ExitCode::SUCCESS
        }
        Err(error) => fail(&error.to_string()),
    }
}

/// For each bookmark whose article is gone from its path but found elsewhere in the
/// store: its id, the old path and the new one.
fn moved_articles(
    list: &[Bookmark],
    store: Option<&crate::store::Store>,
) -> Vec<(String, PathBuf, PathBuf)> {
    let missing: Vec<Bookmark> = list
        .iter()
        .filter(|b| !b.path.exists() && !crate::bookmarks::is_sample(&b.path))
        .cloned()
        .collect();
    if missing.is_empty() {
        return Vec::new();
    }
    resolve_all(&missing, store)
        .into_iter()
        .zip(missing)
        .filter(|(resolved, _)| resolved.moved)
        .map(|(resolved, b)| (b.id, b.path, resolved.path))
        .collect()
}

/// `folio bookmarks`: every bookmark in the file's order; `store` (the configured one,
/// when it can be read) is searched for articles that moved.
pub fn list(format: Format, store: Option<crate::store::Store>, dirs: Option<&Dirs>) -> ExitCode {
    let bookmarks = match read_bookmarks(dirs) {
        Ok(bookmarks) => bookmarks,
        Err(message) => return fail(&message),
    };
    if bookmarks.is_empty() && format == Format::Text {
        eprintln!("no bookmarks yet; add one with `folio bookmarks add FILE --quote TEXT`");
        return ExitCode::SUCCESS;
    }
    let resolved = resolve_all(&bookmarks, store.as_ref());
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written = export::write(format, &mut out, &bookmarks, &resolved);
    match written.and_then(|()| out.flush()) {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
            fail(&format!("cannot write the bookmarks: {error}"))
        }
        _ => ExitCode::SUCCESS,
    }
}

/// `folio bookmarks --vault DIR`: one note per article in the vault, folio's notes
/// there updated in place; says what it wrote.
pub fn to_vault(dir: &Path, store: Option<crate::store::Store>, dirs: Option<&Dirs>) -> ExitCode {
    let bookmarks = match read_bookmarks(dirs) {
        Ok(bookmarks) => bookmarks,
        Err(message) => return fail(&message),
    };
    let resolved = resolve_all(&bookmarks, store.as_ref());
    match crate::bookmarks::vault::write(dir, &bookmarks, &resolved) {
        Ok(written) => {
            for path in &written.created {
                println!("new      {}", escape_path(path));
            }
            for path in &written.updated {
                println!("updated  {}", escape_path(path));
            }
            for path in &written.removed {
                println!("removed  {}", escape_path(path));
            }
            for path in &written.kept_edited {
                println!("kept     {}", escape_path(path));
            }
            if !written.kept_edited.is_empty() {
                eprintln!(
                    "folio: {} note{} edited above `<!-- folio: end -->` left as you made {}; \
                     move your text below that line (or delete the note) for folio to update it",
                    written.kept_edited.len(),
                    if written.kept_edited.len() == 1 {
                        ""
                    } else {
                        "s"
                    },
                    if written.kept_edited.len() == 1 {
                        "it"
                    } else {
                        "them"
                    },
                );
            }
            eprintln!("{}, in {}", written.summary(), escape_path(dir));
            ExitCode::SUCCESS
        }
        Err(error) => fail(&format!(
            "cannot write the notes into {}: {}",
            escape_path(dir),
            crate::store::read::io_reason(&error)
        )),
    }
}
