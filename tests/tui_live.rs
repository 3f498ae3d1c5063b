//! The store followed while the reader runs: files added, edited, renamed and deleted,
//! and folders added and removed, reach the list, the filter's answer (through the
//! index) and the open article without a key pressed; bookmarks follow a moved article.

mod live_support;
mod tui_support;

use std::fs;
use std::path::PathBuf;

use folio::tui::Action;
use folio::tui::state::Side;
use live_support::{Running, start};
use tui_support::store_dir;

const NEW: &str =
    "# Zeppelins return to the harbour\n\nA quillwort survey found the airship mast intact.\n";

/// The fixture store with one more article (its path given), and the reader on it.
fn with_zeppelins() -> (tempfile::TempDir, PathBuf, Running) {
    let dir = store_dir();
    let path = dir.path().join("2026-12-01-zeppelins.md");
    fs::write(&path, NEW).unwrap();
    let running = start(dir.path());
    (dir, path, running)
}

/// The list's cursor on the newest article, the zeppelins, previewed.
fn preview_zeppelins(running: &mut Running) {
    running.apply(Action::Top);
    assert!(
        running
            .wait_until(|app, _| app.reader.previewing() && app.reader.text.contains("quillwort"))
    );
}

fn open_titled(running: &mut Running, title: &str) {
    running.apply(Action::Back);
    running.apply(Action::Top);
    let position = running
        .titles()
        .iter()
        .position(|t| t == title)
        .unwrap_or_else(|| panic!("no article titled {title:?}: {:?}", running.titles()));
    for _ in 0..position {
        running.apply(Action::MoveDown);
    }
    running.apply(Action::Open);
}

#[test]
fn a_file_added_edited_renamed_and_deleted_while_running_reaches_the_list_and_the_filter() {
    let dir = store_dir();
    let mut running = start(dir.path());
    let before = running.app.articles.len();
    assert_eq!(running.filter("quillwort"), Vec::<String>::new());
    running.filter("");

    let path = dir.path().join("2026-12-01-zeppelins.md");
    fs::write(&path, NEW).unwrap();
    assert!(running.wait_for_title("Zeppelins return to the harbour", true));
    assert_eq!(running.app.articles.len(), before + 1);
    assert_eq!(
        running.filter("quillwort"),
        ["Zeppelins return to the harbour"],
        "the index holds the new file's words"
    );
    let timeline = &running.app.timeline;
    assert_eq!(
        timeline.counts.iter().sum::<u64>(),
        1,
        "the timeline counts it"
    );
    assert!(timeline.last.starts_with("2026"), "{timeline:?}");

    // Edited: new words are found, old ones no longer.
    fs::write(&path, NEW.replace("quillwort", "bladderwrack")).unwrap();
    assert!(running.wait_until(|app, _| !app.filter.searching && app.list.visible.is_empty()));
    assert_eq!(
        running.filter("bladderwrack"),
        ["Zeppelins return to the harbour"]
    );

    // Renamed: listed once, at its new path.
    let renamed = dir.path().join("2026-12-01-airships.md");
    fs::rename(&path, &renamed).unwrap();
    running.filter("");
    assert!(
        running.wait_until(|app, _| app.articles.iter().any(|a| a.location.to_path() == renamed))
    );
    let zeppelins: Vec<_> = running
        .app
        .articles
        .iter()
        .filter(|a| a.title.starts_with("Zeppelins"))
        .map(|a| a.location.to_path())
        .collect();
    assert_eq!(zeppelins, std::slice::from_ref(&renamed));

    // Deleted: gone from the list and the filter's answer.
    fs::remove_file(&renamed).unwrap();
    assert!(running.wait_for_title("Zeppelins return to the harbour", false));
    assert_eq!(running.app.articles.len(), before);
    assert_eq!(running.filter("bladderwrack"), Vec::<String>::new());
}

#[test]
fn a_folder_added_while_running_is_listed_and_one_removed_is_not() {
    let dir = store_dir();
    let mut running = start(dir.path());
    let folder = dir.path().join("2026/12");
    fs::create_dir_all(&folder).unwrap();
    fs::write(folder.join("one.md"), "# Folder one\n\nText.\n").unwrap();
    fs::write(folder.join("two.txt"), "Folder two\n\nText.\n").unwrap();
    assert!(running.wait_for_title("Folder one", true));
    assert!(running.wait_for_title("Folder two", true));
    // A folder moved in from outside the store comes with its articles.
    let outside = tempfile::tempdir().unwrap();
    fs::create_dir(outside.path().join("moved")).unwrap();
    fs::write(
        outside.path().join("moved/three.md"),
        "# Folder three\n\nText.\n",
    )
    .unwrap();
    fs::rename(outside.path().join("moved"), dir.path().join("moved")).unwrap();
    assert!(running.wait_for_title("Folder three", true));

    fs::remove_dir_all(dir.path().join("2026")).unwrap();
    assert!(running.wait_for_title("Folder one", false));
    assert!(running.wait_for_title("Folder two", false));
    assert!(running.titles().contains(&"Folder three".to_owned()));
}

#[test]
fn the_open_article_is_read_again_when_it_changes_and_stays_when_it_is_deleted() {
    let (_dir, path, mut running) = with_zeppelins();
    open_titled(&mut running, "Zeppelins return to the harbour");
    assert!(running.app.reader.text.contains("quillwort"));

    fs::write(&path, NEW.replace("quillwort", "bladderwrack")).unwrap();
    assert!(running.wait_until(|app, _| app.reader.text.contains("bladderwrack")));
    assert_eq!(
        running.app.notice.as_deref(),
        Some("changed on disk: read again")
    );
    assert_eq!(running.app.focus, folio::tui::state::Focus::Reader);

    fs::remove_file(&path).unwrap();
    assert!(running.wait_until(|app, _| app.reader.open.as_ref().is_some_and(|o| o.gone)));
    assert!(
        running.app.reader.text.contains("bladderwrack"),
        "its last text stays"
    );
    assert!(
        running
            .app
            .notice
            .as_deref()
            .is_some_and(|n| n.contains("deleted")),
        "{:?}",
        running.app.notice
    );
    assert_eq!(running.app.focus, folio::tui::state::Focus::Reader);
    assert!(!running.titles().iter().any(|t| t.starts_with("Zeppelins")));
    // Leaving it shows the list's article again.
    running.apply(Action::Back);
    assert!(running.wait_until(|app, _| app.reader.open.as_ref().is_none_or(|o| !o.gone)));
}

#[test]
fn bookmarks_follow_an_article_moved_within_the_store() {
    let (dir, path, mut running) = with_zeppelins();
    open_titled(&mut running, "Zeppelins return to the harbour");
    running.apply(Action::NextParagraph);
    running.apply(Action::BookmarkParagraph);
    running.apply(Action::NoteAccept);
    assert_eq!(
        running.app.bookmarks.list.len(),
        1,
        "{:?}",
        running.app.notice
    );
    running.apply(Action::Back);

    fs::create_dir(dir.path().join("kept")).unwrap();
    let moved = dir.path().join("kept/zeppelins.md");
    fs::rename(&path, &moved).unwrap();
    assert!(running.wait_until(|app, _| app.bookmarks.list[0].path == moved));
    let file = fs::read_to_string(running.data.join("bookmarks.toml")).unwrap();
    assert!(file.contains("kept/zeppelins.md"), "{file}");
    assert!(!file.contains("2026-12-01-zeppelins.md"), "{file}");

    // The pane shows it in the store, with its passage found.
    running.apply(Action::ToggleBookmarks);
    assert_eq!(running.app.side, Side::Bookmarks);
    assert!(running.wait_until(|app, _| !app.bookmarks.looking));
    assert!(running.app.bookmarks.gone.is_empty());
    let screen = tui_support::screen(&running.app);
    assert!(!screen.contains("not in store"), "{screen}");
    assert!(screen.contains("Zeppelins return"), "{screen}");
}

#[test]
fn read_marks_stay_with_their_articles_when_the_list_changes() {
    let dir = store_dir();
    let mut running = start(dir.path());
    open_titled(&mut running, "A long essay about rivers and stones");
    running.apply(Action::Back);
    let unread = running.app.list.unread;
    assert_eq!(unread, running.app.articles.len() - 1);
    fs::write(dir.path().join("2026-12-01-zeppelins.md"), NEW).unwrap();
    assert!(running.wait_for_title("Zeppelins return to the harbour", true));
    assert_eq!(running.app.list.unread, unread + 1, "the new one is unread");
    fs::remove_file(dir.path().join("2022-03-14-tabs.txt")).unwrap();
    assert!(running.wait_for_title("Tabular data in plain text", false));
    assert_eq!(running.app.list.unread, unread, "the essay is read still");
}

#[test]
fn the_preview_shows_the_selected_article_as_it_is_now() {
    let (_dir, path, mut running) = with_zeppelins();
    preview_zeppelins(&mut running);
    fs::write(&path, NEW.replace("quillwort", "bladderwrack")).unwrap();
    assert!(
        running.wait_until(|app, _| app.reader.text.contains("bladderwrack")),
        "{}",
        running.app.reader.text
    );
    assert!(running.app.reader.previewing());
}

#[test]
fn the_open_article_renamed_stays_open_and_read_at_its_new_path() {
    let (dir, path, mut running) = with_zeppelins();
    open_titled(&mut running, "Zeppelins return to the harbour");
    let unread = running.app.list.unread;
    let renamed = dir.path().join("2026-12-01-airships.md");
    fs::rename(&path, &renamed).unwrap();
    assert!(running.wait_until(|app, _| {
        app.reader
            .document()
            .is_some_and(|d| d.article.location.to_path() == renamed)
    }));
    let open = running.app.reader.open.as_ref().unwrap();
    assert!(!open.gone, "{:?}", running.app.notice);
    assert_eq!(running.app.articles[open.index].location.to_path(), renamed);
    assert_eq!(running.app.list.unread, unread, "still read");
    assert_eq!(running.app.focus, folio::tui::state::Focus::Reader);
}

#[test]
fn a_previewed_article_deleted_gives_way_to_the_list_without_a_word() {
    let (_dir, path, mut running) = with_zeppelins();
    preview_zeppelins(&mut running);
    fs::remove_file(&path).unwrap();
    assert!(running.wait_for_title("Zeppelins return to the harbour", false));
    assert!(
        running.wait_until(|app, _| !app.reader.text.contains("quillwort")),
        "the preview follows the list's cursor"
    );
    assert_eq!(running.app.notice, None);
}

#[test]
fn the_timeline_follows_a_date_changed_on_disk() {
    let dir = store_dir();
    let path = dir.path().join("zeppelins.txt");
    let text = |date: &str| format!("Zeppelins return\nDate: {date}\n\nA quillwort survey.\n");
    fs::write(&path, text("2026-12-01")).unwrap();
    let mut running = start(dir.path());
    assert_eq!(running.filter("quillwort"), ["Zeppelins return"]);
    assert_eq!(running.app.timeline.last, "2026-12");
    fs::write(&path, text("2031-05-05")).unwrap();
    assert!(
        running.wait_until(|app, _| !app.filter.searching && app.timeline.last == "2031-05"),
        "{:?}",
        running.app.timeline
    );
}

#[test]
fn a_saved_web_page_dropped_into_the_store_is_read_as_its_article() {
    let dir = store_dir();
    let mut running = start(dir.path());
    let page = r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Kelp forests recover | Shore Weekly</title>
<meta property="og:site_name" content="Shore Weekly">
<meta property="article:published_time" content="2026-11-30T09:00:00Z">
<script>var adverts = "sponsoredgizmo";</script></head><body>
<nav><a href="/">Home</a> <a href="/sponsoredgizmo">Shop</a></nav>
<article><h1>Kelp forests recover</h1>
<p>Divers counting urchins along the northern reef found the kelp forest thicker than at any time since the survey began, and the sea otters back in the bay.</p>
<p>The survey team said the recovery had been slow at first, with most of the new growth in the sheltered coves, but that the open reef had now caught up with them.</p>
<p>Volunteers will count again in the spring, when the kelp is at its tallest and the water at its clearest.</p>
</article></body></html>"#;
    fs::write(dir.path().join("kelp.html"), page).unwrap();
    assert!(running.wait_for_title("Kelp forests recover", true));
    let article = running
        .app
        .articles
        .iter()
        .find(|a| a.title == "Kelp forests recover")
        .expect("the page's article");
    assert_eq!(article.source.as_deref(), Some("Shore Weekly"));
    assert_eq!(
        article.date.map(|d| d.to_string()).as_deref(),
        Some("2026-11-30")
    );
    assert_eq!(running.filter("urchins"), ["Kelp forests recover"]);
    assert_eq!(
        running.filter("sponsoredgizmo"),
        Vec::<String>::new(),
        "scripts and navigation are not the article's words"
    );
}
