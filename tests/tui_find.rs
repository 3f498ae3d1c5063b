//! Finding in the open article, as in `less`: `/` in the reader, the words marked as they
//! are typed, `n`/`N` between them with "match 3 of 12", Esc ends it; the list and its
//! filter are left alone, and the filter bar is `f` away.

mod tui_support;

use crossterm::event::KeyCode;
use folio::tui::input::keymap::Mode;
use tui_support::*;

#[test]
fn slash_in_the_reader_finds_in_the_article_and_leaves_the_list_alone() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 120, 40);
    open_titled(&mut app, &runner, "long essay");
    let listed = app.list.visible.clone();
    press(&mut app, &runner, key(KeyCode::Char('/')));
    assert_eq!(app.mode(), Mode::Find);
    type_keys(&mut app, &runner, "harb");
    let total = app.reader.matches.len();
    assert!(total > 2, "the words are marked as they are typed: {total}");
    assert!(
        app.notice
            .as_deref()
            .is_some_and(|n| n.starts_with("match 1 of")),
        "{:?}",
        app.notice
    );
    assert!(
        render(&app)
            .last()
            .is_some_and(|row| row.starts_with(" find: harb"))
    );
    assert_eq!(app.list.visible, listed, "the list is untouched");
    assert_eq!(app.filter.input.text(), "", "and so is the filter");

    press(&mut app, &runner, key(KeyCode::Enter));
    assert_eq!(app.mode(), Mode::Reader);
    press(&mut app, &runner, key(KeyCode::Char('n')));
    assert_eq!(app.notice, Some(format!("match 2 of {total}")));
    press(&mut app, &runner, key(KeyCode::Char('N')));
    assert_eq!(app.notice, Some(format!("match 1 of {total}")));

    press(&mut app, &runner, key(KeyCode::Esc));
    assert_eq!(app.mode(), Mode::Reader, "Esc ends finding first");
    assert!(app.reader.matches.is_empty(), "nothing marked any more");
    press(&mut app, &runner, key(KeyCode::Esc));
    assert_eq!(app.mode(), Mode::List, "then goes back to the list");
}

#[test]
fn the_filter_bar_is_f_away_from_the_reader() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 120, 40);
    open_titled(&mut app, &runner, "long essay");
    press(&mut app, &runner, key(KeyCode::Char('f')));
    assert_eq!(app.mode(), Mode::Filter);
}

#[test]
fn finding_nothing_says_so_and_escape_in_the_prompt_ends_it() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 120, 40);
    open_titled(&mut app, &runner, "long essay");
    press(&mut app, &runner, key(KeyCode::Char('/')));
    type_keys(&mut app, &runner, "zzzqqq");
    assert_eq!(app.notice.as_deref(), Some("no matches"));
    press(&mut app, &runner, key(KeyCode::Esc));
    assert_eq!(app.mode(), Mode::Reader);
    assert!(app.find.is_none());
}
