//! The session: a restart in the same store starts where the last run left off (the
//! filter in the bar, the article selected, the reader open on it where it was read to),
//! unless `restore_session` is off. (Each store keeping its own is tested with the
//! session file.)

mod tui_support;

use std::path::Path;

use crossterm::event::KeyCode;
use folio::store::{Root, Store};
use folio::tui::effects::runner::{Runner, Setup, Workers};
use folio::tui::input::keymap::Mode;
use folio::tui::runtime::road;
use folio::tui::settings::Settings;
use folio::tui::{Action, App, Keymap};
use tui_support::*;

/// A run of the reader on the store in `dir`, keeping its session in `state`.
fn run(dir: &Path, state: &Path, settings: Settings) -> (App, Runner) {
    let store = Store::new(vec![Root::Folder(dir.to_owned())]);
    let scan = store.scan();
    let mut app = App::new(scan.articles, "fixtures".into(), 0, Keymap::default());
    app.configure(settings);
    let runner = Runner::new(Setup {
        session: Some(state.join("session.toml")),
        data: Some(state.to_owned()),
        workers: Workers::Inline,
        ..Setup::new(store)
    });
    apply(
        &mut app,
        &runner,
        Action::Resize {
            width: 120,
            height: 30,
        },
    );
    road::start(&mut app, &runner);
    road::receive_all(&mut app, &runner);
    (app, runner)
}

fn quit(mut app: App, runner: Runner) {
    road::farewell(&mut app, &runner);
    drop(runner); // the reading state's writer finishes
}

#[test]
fn a_restart_brings_back_the_filter_the_article_and_the_reader() {
    let dir = store_dir();
    let state = tempfile::tempdir().unwrap();
    let (mut app, runner) = run(dir.path(), state.path(), Settings::default());
    assert_eq!(app.filter.input.text(), "", "a first run starts afresh");
    press(&mut app, &runner, key(KeyCode::Char('/')));
    type_keys(&mut app, &runner, "the");
    press(&mut app, &runner, key(KeyCode::Enter));
    let shown = app.list.visible.len();
    assert!(shown > 1, "more than one article for the test");
    press(&mut app, &runner, key(KeyCode::Char('j')));
    let chosen = app.list.selected_article().unwrap();
    press(&mut app, &runner, key(KeyCode::Enter));
    press(&mut app, &runner, key(KeyCode::Char(' ')));
    let place = app.reader.position();
    quit(app, runner);

    let (app, _runner) = run(dir.path(), state.path(), Settings::default());
    assert_eq!(
        app.filter.input.text(),
        "the",
        "the filter is back in the bar"
    );
    assert_eq!(app.list.visible.len(), shown, "and answered");
    assert_eq!(app.list.selected_article(), Some(chosen));
    assert_eq!(app.mode(), Mode::Reader, "the reader is open on it");
    assert_eq!(app.reader.open_index(), Some(chosen));
    assert!(!app.reader.previewing());
    assert_eq!(app.reader.position(), place, "where it was read to");

    // Esc clears the filter; the next run starts on the whole list, the article that was
    // selected in it selected again.
    let (mut app, runner) = run(dir.path(), state.path(), Settings::default());
    press(&mut app, &runner, key(KeyCode::Char('q')));
    press(&mut app, &runner, key(KeyCode::Esc));
    assert_eq!(app.filter.input.text(), "");
    press(&mut app, &runner, key(KeyCode::Char('G')));
    let chosen = app.list.selected_article();
    quit(app, runner);
    let (app, _runner) = run(dir.path(), state.path(), Settings::default());
    assert_eq!(app.filter.input.text(), "");
    assert_eq!(app.list.visible.len(), app.articles.len());
    assert_eq!(app.list.selected_article(), chosen);
    assert_eq!(app.list.window.selected, app.articles.len() - 1);
    assert_eq!(app.mode(), Mode::List, "the list had the keyboard");
}

#[test]
fn restore_session_off_starts_afresh_and_keeps_nothing() {
    let dir = store_dir();
    let state = tempfile::tempdir().unwrap();
    let off = Settings {
        restore_session: false,
        ..Settings::default()
    };
    let (mut app, runner) = run(dir.path(), state.path(), off.clone());
    press(&mut app, &runner, key(KeyCode::Char('/')));
    type_keys(&mut app, &runner, "essay");
    press(&mut app, &runner, key(KeyCode::Enter));
    quit(app, runner);
    assert!(!state.path().join("session.toml").exists());

    let (mut app, runner) = run(dir.path(), state.path(), Settings::default());
    press(&mut app, &runner, key(KeyCode::Char('/')));
    type_keys(&mut app, &runner, "essay");
    press(&mut app, &runner, key(KeyCode::Enter));
    quit(app, runner);
    let (app, _runner) = run(dir.path(), state.path(), off);
    assert_eq!(
        app.filter.input.text(),
        "",
        "kept, but not restored when off"
    );
    assert_eq!(app.list.window.selected, 0);
}

#[test]
fn an_article_gone_since_leaves_the_filter_and_the_top_of_the_list() {
    let dir = store_dir();
    let state = tempfile::tempdir().unwrap();
    let (mut app, runner) = run(dir.path(), state.path(), Settings::default());
    open_titled(&mut app, &runner, "long essay");
    quit(app, runner);
    std::fs::remove_file(dir.path().join("2021-07-04-long-essay.txt")).unwrap();
    let (app, _runner) = run(dir.path(), state.path(), Settings::default());
    assert_eq!(app.mode(), Mode::List);
    assert_eq!(app.list.window.selected, 0);
}
