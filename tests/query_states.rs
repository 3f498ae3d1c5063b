//! `is:bookmarked` and `is:unread` end to end: `folio list --query` on a store whose
//! bookmarks (made with `folio bookmarks add`) and reading state (written to
//! `reading.toml`) give answers worked out by hand, through the index and without it; the
//! sample library, named `sample:` in the reading state; a reading state folio cannot
//! read; and the reader's filter giving the same articles. Every run has its XDG folders
//! and HOME in a temporary folder.

use std::collections::BTreeSet;
use std::path::Path;

use crossterm::event::KeyCode;
use folio::marks::Marks;
use folio::reading::ReadingFile;
use folio::store::{Root, Store};
use folio::tui::effects::reading_writer;
use folio::tui::runtime::road;

mod cli_support;
mod tui_support;
use cli_support::{Sandbox, stderr};

/// The sandbox, with what these tests do in it.
struct Env(Sandbox);

impl std::ops::Deref for Env {
    type Target = Sandbox;

    fn deref(&self) -> &Sandbox {
        &self.0
    }
}

impl Env {
    /// Marks the articles at `rels` in the store read, through the reading state file.
    fn mark_read(&self, rels: &[&str]) {
        let store = self.store().canonicalize().expect("store");
        let at: jiff::Timestamp = "2026-11-20T08:30:00Z".parse().expect("a time");
        ReadingFile::in_folder(&self.data())
            .update(|reading| {
                for rel in rels {
                    reading.mark_read(&store.join(rel), at);
                }
            })
            .expect("write the reading state");
    }

    /// Bookmarks `quote` in the article at `rel` with `folio bookmarks add`.
    fn bookmark(&self, rel: &str, quote: &str) {
        let file = self.store().join(rel);
        let output = self.folio(&[
            "bookmarks",
            "add",
            file.to_str().expect("utf-8"),
            "--quote",
            quote,
        ]);
        assert!(output.status.success(), "{}", stderr(&output));
    }

    fn query(&self, query: &str) -> BTreeSet<String> {
        let (paths, stderr) = self.query_paths(query, Some(&self.store()));
        assert!(stderr.is_empty(), "{query}: {stderr}");
        paths
    }

    /// Makes the cache folder unusable, so folio answers without an index.
    fn without_cache(&self) {
        let cache = self.path().join("cache");
        std::fs::remove_dir_all(&cache).expect("remove the cache folder");
        std::fs::write(&cache, "not a folder").expect("a file in its place");
    }

    fn index_exists(&self) -> bool {
        self.path().join("cache/folio/index").is_dir()
    }
}

fn set(paths: &[&str]) -> BTreeSet<String> {
    paths.iter().map(|p| p.to_string()).collect()
}

/// Four articles: a and c bookmarked, b and c read.
fn marked_store() -> Env {
    let env = Env(Sandbox::new());
    env.write(
        "a.md",
        "---\ntitle: Harbour wall rebuilt\ndate: 2024-03-01\n---\n\nThe harbour wall stands again.\n",
    );
    env.write(
        "b.txt",
        "Title: Harbour lights\nDate: 2024-11-02\n\nThe lights along the harbour came on.\n",
    );
    env.write(
        "c.txt",
        "Title: Mill race\nDate: 2023-05-14\n\nThe mill race runs fast in spring.\n",
    );
    env.write(
        "d.md",
        "---\ntitle: River crossing\ndate: 2024-06-10\n---\n\nA new bridge over the river.\n",
    );
    env.bookmark("a.md", "stands again");
    env.bookmark("c.txt", "runs fast");
    env.bookmark("c.txt", "in spring");
    env.mark_read(&["b.txt", "c.txt"]);
    env
}

/// Each query with the articles it selects, worked out by hand from [`marked_store`].
const CASES: &[(&str, &[&str])] = &[
    ("is:bookmarked", &["a.md", "c.txt"]),
    ("-is:bookmarked", &["b.txt", "d.md"]),
    ("is:unread", &["a.md", "d.md"]),
    ("-is:unread", &["b.txt", "c.txt"]),
    ("IS:UNREAD", &["a.md", "d.md"]),
    ("is:bookmarked -is:unread", &["c.txt"]),
    ("is:unread -is:bookmarked", &["d.md"]),
    ("-is:unread -is:bookmarked", &["b.txt"]),
    ("is:bookmarked is:unread", &["a.md"]),
    ("harbour is:unread", &["a.md"]),
    ("harbour -is:unread", &["b.txt"]),
    ("is:bookmarked date:2024", &["a.md"]),
    ("-is:unread date:2024", &["b.txt"]),
    ("-is:unread before:2024", &["c.txt"]),
    ("is:unread date:2024 -harbour", &["d.md"]),
    ("is:bookmarked mill", &["c.txt"]),
    ("is:bookmarked is:unread mill", &[]),
    ("harbour", &["a.md", "b.txt"]),
    ("is:bookmarked OR is:unread", &["a.md", "c.txt", "d.md"]),
    ("is:bookmarked | harbour", &["a.md", "b.txt", "c.txt"]),
    ("-(is:bookmarked OR is:unread)", &["b.txt"]),
    ("-(is:unread date:2024)", &["b.txt", "c.txt"]),
    ("(is:unread river) OR (-is:unread mill)", &["c.txt", "d.md"]),
    ("is:bookmarked OR river date:2024", &["a.md", "d.md"]),
    ("(harbour OR mill) -is:bookmarked", &["b.txt"]),
    ("path:a OR path:d is:unread", &["a.md", "d.md"]),
    ("-path:a is:bookmarked", &["c.txt"]),
    ("path:c.txt OR -is:unread -is:bookmarked", &["b.txt"]),
];

#[test]
fn states_select_what_the_marks_say_through_the_index() {
    let env = marked_store();
    // Twice: the first run builds the index, the second uses it as it stands.
    for round in ["cold", "warm"] {
        for (query, expected) in CASES {
            assert_eq!(env.query(query), set(expected), "{round}: {query}");
        }
    }
    assert!(env.index_exists(), "the answers came through the index");
}

#[test]
fn states_select_what_the_marks_say_without_an_index() {
    let env = marked_store();
    env.without_cache();
    for (query, expected) in CASES {
        assert_eq!(env.query(query), set(expected), "{query}");
    }
    assert!(!env.index_exists());
}

#[test]
fn the_marks_are_read_afresh_on_each_run() {
    let env = marked_store();
    assert_eq!(env.query("is:unread"), set(&["a.md", "d.md"]));
    env.mark_read(&["d.md"]);
    assert_eq!(env.query("is:unread"), set(&["a.md"]));
    ReadingFile::in_folder(&env.data())
        .update(|reading| reading.mark_unread(&env.store().canonicalize().unwrap().join("b.txt")))
        .unwrap();
    assert_eq!(env.query("-is:unread"), set(&["c.txt", "d.md"]));
}

#[test]
fn sample_articles_are_named_sample_in_the_reading_state() {
    let env = Env(Sandbox::new());
    let (every, _) = env.query_paths("", None);
    assert!(every.len() > 2, "{every:?}");
    let first = every.iter().next().unwrap().clone();
    ReadingFile::in_folder(&env.data())
        .update(|reading| {
            let at = jiff::Timestamp::UNIX_EPOCH;
            reading.mark_read(Path::new(&format!("sample:{first}")), at);
            // Not an article of the library: no harm done.
            reading.mark_read(Path::new("sample:no/such/article.md"), at);
        })
        .unwrap();
    let (read, stderr) = env.query_paths("-is:unread", None);
    assert!(stderr.is_empty(), "{stderr}");
    assert_eq!(read, set(&[&first]));
    let (unread, _) = env.query_paths("is:unread", None);
    let mut others = every.clone();
    others.remove(&first);
    assert_eq!(unread, others);
    assert!(env.query_paths("is:bookmarked", None).0.is_empty());
}

#[test]
fn a_reading_state_folio_cannot_read_is_named_and_left_alone() {
    let env = marked_store();
    let file = env.data().join("reading.toml");
    let garbled = b"version = 1\n\n[article.\"/x.txt\"]\nread = \"last tuesday\"\n";
    std::fs::write(&file, garbled).unwrap();
    let (paths, stderr) = env.query_paths("is:unread", Some(&env.store()));
    assert_eq!(
        paths,
        set(&["a.md", "b.txt", "c.txt", "d.md"]),
        "all unread"
    );
    assert!(stderr.starts_with("folio: reading state file "), "{stderr}");
    assert!(
        stderr.contains("reading.toml, line 4, column 8"),
        "{stderr}"
    );
    assert!(stderr.contains("fix or move the file"), "{stderr}");
    assert!(
        stderr.contains("every article counts as unread"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    // The bookmarks still count.
    let (paths, _) = env.query_paths("is:bookmarked", Some(&env.store()));
    assert_eq!(paths, set(&["a.md", "c.txt"]));
    // A query with no state does not look at the files.
    assert_eq!(env.query("harbour"), set(&["a.md", "b.txt"]));
    assert_eq!(std::fs::read(&file).unwrap(), garbled);

    std::fs::write(&file, "version = 3\n").unwrap();
    let (_, stderr) = env.query_paths("-is:unread", Some(&env.store()));
    assert!(stderr.contains("written by a newer folio"), "{stderr}");
    assert_eq!(std::fs::read(&file).unwrap(), b"version = 3\n");
}

#[test]
fn an_unknown_state_is_named_with_the_ones_there_are() {
    let env = marked_store();
    let store = env.store();
    for (query, says) in [
        (
            "river is:starred",
            "is:starred: unknown state starred, is: takes bookmarked, unread, changed or missing",
        ),
        ("is:read", "-is:unread selects the read ones"),
        (
            "is:",
            "is: needs a state: bookmarked, unread, changed or missing",
        ),
    ] {
        let stderr = env.refused_query(query, &store);
        assert!(stderr.contains(says), "{query}: {stderr}");
    }
}

#[test]
fn the_readers_filter_gives_the_same_articles() {
    let env = marked_store();
    let (mut app, _) = tui_support::app_for(&env.store(), 120, 40);
    let (_, warnings) = Marks::load(&env.data());
    assert!(warnings.is_empty(), "{warnings:?}");
    // The bookmarks and reading state come as the reader takes them in.
    let store = Store::new(vec![Root::Folder(env.store())]);
    let runner = tui_support::runner_keeping(store, None, Some(&env.data()));
    road::start(&mut app, &runner);
    let reading = ReadingFile::in_folder(&env.data());
    road::receive(&mut app, &runner, reading_writer::read_state(&reading));
    for (query, expected) in CASES {
        tui_support::press(&mut app, &runner, tui_support::key(KeyCode::Char('/')));
        tui_support::press(&mut app, &runner, tui_support::ctrl('u'));
        tui_support::type_keys(&mut app, &runner, query);
        let shown: BTreeSet<String> = app
            .list
            .visible
            .iter()
            .map(|&i| app.articles[i].rel_path.clone())
            .collect();
        assert_eq!(shown, set(expected), "{query}");
        tui_support::press(&mut app, &runner, tui_support::key(KeyCode::Esc));
    }
}
