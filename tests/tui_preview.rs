//! The reader's preview: beside the list, the reader shows the article under the list's
//! cursor, read off the loop, neither marked read nor its place kept; Enter opens it;
//! the reader never shows an article the list does not.

mod tui_support;

use std::time::{Duration, Instant};

use crossterm::event::KeyCode;
use folio::store::{Root, Store};
use folio::tui::effects::runner::{Runner, Setup};
use folio::tui::input::keymap::Mode;
use folio::tui::runtime::road;
use folio::tui::state::Focus;
use folio::tui::{Action, App};
use tui_support::*;

/// The title of the article the reader shows, if any.
fn shown(app: &App) -> Option<String> {
    let index = app.reader.open_index()?;
    Some(app.articles[index].title.clone())
}

/// The title of the article under the list's cursor.
fn selected(app: &App) -> String {
    app.articles[app.list.selected_article().expect("a selection")]
        .title
        .clone()
}

#[test]
fn moving_the_cursor_previews_the_article_under_it_without_reading_it() {
    let dir = store_dir();
    let data = tempfile::tempdir().expect("data folder");
    let (mut app, _) = app_for(dir.path(), 120, 40);
    let store = Store::new(vec![Root::Folder(dir.path().to_owned())]);
    let runner = runner_keeping(store, None, Some(data.path()));
    for _ in 0..3 {
        press(&mut app, &runner, key(KeyCode::Char('j')));
        assert_eq!(shown(&app), Some(selected(&app)), "the preview follows j");
        assert!(app.reader.previewing());
        assert_eq!(app.mode(), Mode::List, "the list keeps the keyboard");
    }
    assert!(app.marks.read.is_empty(), "a preview is not reading");
    let previewed = selected(&app);
    press(&mut app, &runner, key(KeyCode::Enter));
    assert_eq!(app.mode(), Mode::Reader);
    assert_eq!(shown(&app), Some(previewed));
    assert!(!app.reader.previewing());
    assert_eq!(app.marks.read.len(), 1, "Enter reads it");
    drop(runner); // writes what is queued
    let kept = std::fs::read_to_string(data.path().join("reading.toml"))
        .expect("the reading state was written");
    assert_eq!(
        kept.matches("[article.").count(),
        1,
        "only the article opened: {kept}"
    );
}

#[test]
fn a_filter_that_drops_the_article_shown_moves_the_reader_to_the_first_result() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 120, 40);
    open_titled(&mut app, &runner, "Tabular data");
    assert_eq!(app.mode(), Mode::Reader);
    press(&mut app, &runner, key(KeyCode::Char('f')));
    type_keys(&mut app, &runner, "essay");
    assert_eq!(titles(&app), ["A long essay about rivers and stones"]);
    assert_eq!(
        shown(&app).as_deref(),
        Some("A long essay about rivers and stones"),
        "the reader shows what the list shows"
    );
    assert_eq!(app.focus, Focus::List);
    type_keys(&mut app, &runner, "zzzz");
    assert!(titles(&app).is_empty());
    assert_eq!(
        shown(&app),
        None,
        "nothing in the list, nothing in the reader"
    );
}

#[test]
fn typing_a_filter_leaves_the_open_article_where_it_is() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 120, 40);
    open_titled(&mut app, &runner, "long essay");
    assert_eq!(app.reader.scroll, 0);
    press(&mut app, &runner, key(KeyCode::Char('f')));
    type_keys(&mut app, &runner, "river");
    assert_eq!(
        shown(&app).as_deref(),
        Some("A long essay about rivers and stones")
    );
    assert_eq!(app.reader.scroll, 0, "the title stays in view");
}

#[test]
fn a_narrow_screen_shows_no_preview() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 80, 24);
    press(&mut app, &runner, key(KeyCode::Char('j')));
    assert_eq!(shown(&app), None);
    apply(
        &mut app,
        &runner,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    assert_eq!(
        shown(&app),
        Some(selected(&app)),
        "wide enough: the preview shows"
    );
}

#[test]
fn the_preview_is_read_off_the_loop() {
    let dir = store_dir();
    let (mut app, _) = app_for(dir.path(), 80, 24);
    // The runner as the reader makes it: its workers on threads of their own.
    let runner = Runner::new(Setup::new(Store::new(vec![Root::Folder(
        dir.path().to_owned(),
    )])));
    road::apply(
        &mut app,
        &runner,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    assert_eq!(
        shown(&app),
        None,
        "the key returns before the article is read"
    );
    assert!(app.busy(), "and the loop looks out for the answer");
    let waited = Instant::now();
    while shown(&app).is_none() && waited.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(5));
        road::receive_all(&mut app, &runner);
    }
    assert_eq!(shown(&app), Some(selected(&app)));
    assert!(!app.busy());
}

#[test]
fn keys_are_answered_while_a_slow_article_is_read_for_the_preview() {
    let dir = tempfile::tempdir().unwrap();
    // Eight megabytes of text, newest in the list: its preview takes a while to read.
    let paragraph = "The tide came in over the flats and the waders lifted off together. ";
    let body = paragraph.repeat(8 * 1024 * 1024 / paragraph.len());
    std::fs::write(
        dir.path().join("2024-01-02-slow.txt"),
        format!("A slow article\n\n{body}\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("2023-01-01-quick.txt"),
        "A quick one\n\nShort.\n",
    )
    .unwrap();
    let store = Store::new(vec![Root::Folder(dir.path().to_owned())]);
    let scan = store.scan();
    let mut app = App::new(scan.articles, "slow".into(), 0, Default::default());
    let runner = Runner::new(Setup::new(store));
    let resize = Action::Resize {
        width: 120,
        height: 40,
    };
    road::apply(&mut app, &runner, resize);
    road::receive_all(&mut app, &runner);
    assert_eq!(selected(&app), "A slow article");
    assert_eq!(
        shown(&app),
        None,
        "the resize returned before the article was read, and no answer waits"
    );
    // The next key is answered at once, the slow article still being read.
    road::apply(&mut app, &runner, Action::MoveDown);
    assert_eq!(selected(&app), "A quick one", "the key moved the cursor");
    assert_ne!(
        shown(&app).as_deref(),
        Some("A slow article"),
        "before the slow article was read"
    );
    let waited = Instant::now();
    while shown(&app).as_deref() != Some("A quick one")
        && waited.elapsed() < Duration::from_secs(20)
    {
        std::thread::sleep(Duration::from_millis(5));
        road::receive_all(&mut app, &runner);
    }
    assert_eq!(
        shown(&app).as_deref(),
        Some("A quick one"),
        "the preview follows"
    );
}
