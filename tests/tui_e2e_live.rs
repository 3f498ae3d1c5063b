//! End-to-end tests of a store that changes while folio runs in tmux
//! ([`tmux_support`]): files saved, edited, renamed and deleted and a folder added show
//! without a key pressed; a store that cannot be watched is checked, and folio says so.

mod tmux_support;
mod tui_support;

use std::fs;

use tmux_support::*;

#[test]
fn files_saved_edited_renamed_and_deleted_while_folio_runs_show_without_a_key() {
    let store = tui_support::store_dir();
    let tmux = Tmux::start("live", 120, 30);
    tmux.launch(&folio_command(store.path()));
    tmux.wait("the list", |s| status(s).contains("6 articles"));
    // The list shows the index's answers once it is up to date: wait for it.
    tmux.wait("the index", |_| {
        fs::read_to_string(tmux.log()).is_ok_and(|log| log.contains("index up to date"))
    });
    let log = fs::read_to_string(tmux.log()).unwrap();
    assert!(log.contains("list complete articles=6 "), "{log}");

    let saved = store.path().join("2026-12-04-夜.md");
    fs::write(
        &saved,
        "# 北京の夜 — evening notes\n\n夜の街は静かだった。Paper lanterns swayed.\n",
    )
    .unwrap();
    tmux.wait("the saved file", |s| {
        status(s).contains("7 articles") && s.contains("北京の夜 — evening notes")
    });

    // The filter finds its words, and the reader shows an edit at once.
    tmux.keys(&["/"]);
    tmux.type_text("lanterns");
    tmux.wait("its words found", |s| status(s).contains("1 of 7 articles"));
    tmux.keys(&["Enter"]);
    tmux.wait("the list", |s| status(s).contains("· list"));
    tmux.keys(&["Enter"]);
    tmux.wait("the article", |s| status(s).contains("· reader"));
    fs::write(
        &saved,
        "# 北京の夜 — evening notes\n\n夜の街は静かだった。Paper lanterns swayed.\n\n二段落目が書き足された。\n",
    )
    .unwrap();
    tmux.wait("the edit", |s| {
        s.contains("二段落目が書き足された。") && status(s).contains("changed on disk")
    });

    // Deleted while open: its text stays, with a word about it; the list lets it go.
    fs::remove_file(&saved).unwrap();
    let screen = tmux.wait("the deletion", |s| {
        let bar = s.lines().next().unwrap_or("");
        status(s).contains("file deleted") && bar.contains("0 of 6") && !bar.contains('…')
    });
    assert!(screen.contains("二段落目が書き足された。"), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait("the list", |s| status(s).contains("· list"));
    tmux.keys(&["/"]);
    tmux.keys(&["C-u"]);
    tmux.keys(&["Escape"]);
    tmux.wait("the whole list", |s| status(s).contains("6 articles"));

    // Renamed, and a folder made with an article in it.
    fs::rename(
        store.path().join("2022-03-14-tabs.txt"),
        store.path().join("renamed-tabs.txt"),
    )
    .unwrap();
    fs::create_dir_all(store.path().join("2026/12")).unwrap();
    fs::write(
        store.path().join("2026/12/harbour.md"),
        "# The harbour in winter\n\nIce on the pier.\n",
    )
    .unwrap();
    let screen = tmux.wait("the rename and the folder", |s| {
        status(s).contains("7 articles") && s.contains("The harbour in winter")
    });
    assert_eq!(
        screen.matches("Tabular data in plain text").count(),
        1,
        "{screen}"
    );
    tmux.keys(&["q"]);
    tmux.wait_for(PROMPT);
}

#[test]
fn a_store_that_cannot_be_watched_is_checked_and_folio_says_so() {
    let store = tui_support::store_dir();
    let tmux = Tmux::start("unwatched", 160, 30);
    tmux.launch(&format!(
        "FOLIO_TEST_NO_WATCHES=1 {}",
        folio_command(store.path())
    ));
    tmux.wait("the word about watching", |s| {
        status(s).contains("checking for changes every 5 s")
    });
    fs::write(
        store.path().join("2026-12-04-checked.md"),
        "# Found by a check\n\nText.\n",
    )
    .unwrap();
    tmux.wait("the file, found by a check", |s| {
        s.contains("Found by a check")
    });
    tmux.keys(&["j"]);
    tmux.wait("the count, once the word is read", |s| {
        status(s).contains("7 articles")
    });
    tmux.keys(&["q"]);
    tmux.wait_for(PROMPT);
}
