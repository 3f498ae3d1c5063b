//! Read state you can see: unread articles marked in the list (a mark and a style, with
//! or without colour), counted in the status line, `n` to the next unread one, and `A` to
//! mark the whole list read, which `u` undoes.

mod tui_support;

use crossterm::event::KeyCode;
use folio::tui::Keymap;
use folio::tui::settings::Settings;
use folio::tui::settings::theme::{Palette, Theme};
use folio::tui::ui::list::UNREAD_MARK;
use folio::tui::ui::status::left_text;
use ratatui::style::Modifier;
use tui_support::*;

/// The list's rows that end in the unread mark.
fn marked(app: &folio::tui::App) -> usize {
    let area = app.areas.list;
    let buffer = buffer(app);
    (area.y..area.bottom())
        .filter(|&y| buffer[(area.right() - 1, y)].symbol() == UNREAD_MARK)
        .count()
}

#[test]
fn unread_articles_are_marked_in_colour_and_without() {
    let dir = store_dir();
    for colour in [true, false] {
        let settings = Settings {
            theme: Theme::new(&Palette::DARK, colour),
            ..Settings::default()
        };
        let (mut app, runner) = app_with(dir.path(), Keymap::default(), Some(settings), 80, 24);
        assert_eq!(marked(&app), 6, "every article unread at first");
        let buffer = buffer(&app);
        let title = buffer[(app.areas.list.x + 13, app.areas.list.y)].modifier;
        assert!(title.contains(Modifier::BOLD), "an unread title is bold");
        open_titled(&mut app, &runner, "Tabular data");
        press(&mut app, &runner, key(KeyCode::Esc));
        assert_eq!(marked(&app), 5, "read: no mark (colour {colour})");
        assert!(
            left_text(&app, true).contains("5 unread"),
            "{}",
            left_text(&app, true)
        );
    }
}

#[test]
fn n_goes_to_the_next_unread_and_a_marks_the_list_read_until_u() {
    let dir = store_dir();
    let data = tempfile::tempdir().expect("data folder");
    let (mut app, _) = app_for(dir.path(), 120, 40);
    let store = folio::store::Store::new(vec![folio::store::Root::Folder(dir.path().to_owned())]);
    let runner = runner_keeping(store, None, Some(data.path()));
    // Read the first two.
    for _ in 0..2 {
        press(&mut app, &runner, key(KeyCode::Enter));
        press(&mut app, &runner, key(KeyCode::Esc));
        press(&mut app, &runner, key(KeyCode::Char('j')));
    }
    press(&mut app, &runner, key(KeyCode::Char('g')));
    press(&mut app, &runner, key(KeyCode::Char('n')));
    assert_eq!(
        app.list.window.selected, 2,
        "the first unread after the cursor"
    );
    press(&mut app, &runner, key(KeyCode::Char('A')));
    assert_eq!(app.list.unread, 0);
    assert_eq!(app.marks.read.len(), 6);
    press(&mut app, &runner, key(KeyCode::Char('n')));
    assert_eq!(app.notice.as_deref(), Some("no unread article in the list"));
    press(&mut app, &runner, key(KeyCode::Char('u')));
    assert_eq!(
        app.list.unread, 4,
        "the four marked together are unread again"
    );
    assert_eq!(app.marks.read.len(), 2, "the two opened stay read");
    drop(runner); // writes what is queued
    let kept = std::fs::read_to_string(data.path().join("reading.toml")).expect("kept");
    assert_eq!(kept.matches("\nread = ").count(), 2, "{kept}");
    assert_eq!(
        kept.matches("\nunread = ").count(),
        4,
        "the four keep when they were marked unread, so a synced copy where they \
         are read does not read them again: {kept}"
    );
}
