//! The reader with a config file's settings, drawn on a TestBackend: the user's keys in
//! the help and the status bar's hints, themes and NO_COLOR, and the widths, date format
//! and first order.

mod tui_support;

use crossterm::event::KeyCode;
use folio::config::Config;
use folio::search::order::Sort;
use folio::tui::App;
use folio::tui::effects::runner::Runner;
use folio::tui::input::keymap::Mode;
use ratatui::style::{Color, Modifier};
use tui_support::*;

/// The fixture store's app at `width` x `height`, with `config`'s keys and settings
/// (`colour` false: as with NO_COLOR set).
fn configured(
    dir: &std::path::Path,
    config: &str,
    colour: bool,
    width: u16,
    height: u16,
) -> (App, Runner) {
    let config = Config::parse(config).unwrap_or_else(|p| panic!("{p:?}"));
    let settings = config.settings(colour);
    app_with(dir, config.keymap, Some(settings), width, height)
}

const REMAPS: &str = r#"
[keys]
help = ["f1"]
open = ["o", "enter"]
open_url = ["w"]
quit = ["x", "ctrl-q"]
close_help = ["f1", "esc"]
"#;

#[test]
fn the_status_bar_hints_show_the_users_keys() {
    let dir = store_dir();
    let (app, _) = configured(dir.path(), REMAPS, true, 120, 40);
    let status = render(&app).pop().expect("a status row");
    assert!(
        status.contains("o read  / filter  F1 help  ' bookmarks  s sort  x quit"),
        "{status}"
    );
    let (default, _) = app_for(dir.path(), 120, 40);
    let status = render(&default).pop().expect("a status row");
    assert!(
        status.contains("Enter read  / filter  ? help  ' bookmarks  s sort  q quit"),
        "{status}"
    );
}

#[test]
fn the_help_shows_the_users_keys() {
    let dir = store_dir();
    let (mut app, runner) = configured(dir.path(), REMAPS, true, 120, 40);
    assert_eq!(app.keymap.action(Mode::List, key(KeyCode::Char('?'))), None);
    press(&mut app, &runner, key(KeyCode::F(1)));
    assert_eq!(app.mode(), Mode::Help);
    let rows = render(&app);
    assert!(rows.iter().any(|r| r.contains("F1 closes")), "{rows:#?}");
    let help: Vec<String> = folio::tui::input::help::lines(&app.keymap, 70)
        .iter()
        .map(|line| line.to_string())
        .collect();
    let line = |text: &str| {
        help.iter()
            .find(|r| r.contains(text))
            .unwrap_or_else(|| panic!("no {text:?} in\n{}", help.join("\n")))
            .clone()
    };
    assert!(
        line("Show the keys").starts_with("F1 "),
        "{}",
        line("Show the keys")
    );
    assert!(line("Open the selected").starts_with("o, Enter "));
    assert!(line("Quit").starts_with("x "));
    assert!(line("Ctrl-q").contains("Quit"), "ctrl-q works anywhere");
    assert!(!help.iter().any(|r| r.starts_with("? ")), "? is no key now");
    assert!(
        rows.iter()
            .any(|r| r.contains("F1 ") && r.contains("Show the keys"))
    );
    press(&mut app, &runner, key(KeyCode::F(1)));
    assert_eq!(app.mode(), Mode::List);
    let effects = press(&mut app, &runner, key(KeyCode::Char('x')));
    assert_eq!(effects, [folio::tui::runtime::road::LoopEffect::Quit]);
}

#[test]
fn the_default_file_draws_what_no_file_draws() {
    let dir = store_dir();
    let text = folio::config::default_text();
    let (mut configured, runner) = configured(dir.path(), &text, true, 120, 40);
    let (mut plain, _) = app_for(dir.path(), 120, 40);
    for app in [&mut configured, &mut plain] {
        press(app, &runner, key(KeyCode::Char('/')));
        type_keys(app, &runner, "reading");
        press(app, &runner, key(KeyCode::Enter));
        open_titled(app, &runner, "tour");
    }
    assert_eq!(buffer(&configured), buffer(&plain));
}

#[test]
fn without_colour_reverse_video_still_marks_the_selection_and_matches() {
    let dir = store_dir();
    let (mut app, runner) = configured(dir.path(), "", false, 120, 40);
    press(&mut app, &runner, key(KeyCode::Char('/')));
    type_keys(&mut app, &runner, "reading");
    press(&mut app, &runner, key(KeyCode::Enter));
    let list = buffer(&app);
    open_titled(&mut app, &runner, "tour");
    let reading = buffer(&app);
    for buffer in [&list, &reading] {
        for cell in buffer.content() {
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
        }
    }
    // The selected row is in reverse video while the list has the keyboard.
    let row = app.list.window.selected - app.list.window.offset + app.areas.list.y as usize;
    let selected = &list[(app.areas.list.x + 2, row as u16)];
    assert!(
        selected.modifier.contains(Modifier::REVERSED),
        "{selected:?}"
    );
    // The title's match, in the reader, too.
    let text = app.areas.text;
    let marked = (text.x..text.right())
        .map(|x| &reading[(x, text.y)])
        .filter(|c| c.modifier.contains(Modifier::REVERSED))
        .count();
    assert_eq!(marked, "reading".len(), "the match in the title");
    assert!(
        !app.reader.matches.is_empty(),
        "n and N still find the matches"
    );
}

#[test]
fn a_built_in_theme_with_a_colour_changed() {
    let dir = store_dir();
    let config = "[theme]\nbase = \"light\"\nheading = \"#ff8000\"\n";
    let (mut app, runner) = configured(dir.path(), config, true, 120, 40);
    open_titled(&mut app, &runner, "tour");
    let rows = render(&app);
    let buffer = buffer(&app);
    let (y, row) = rows
        .iter()
        .enumerate()
        .find(|(_, r)| r.contains("Lists"))
        .expect("the heading");
    let x = row[..row.find("Lists").expect("Lists")].chars().count() as u16;
    assert_eq!(buffer[(x, y as u16)].fg, Color::Rgb(255, 128, 0));
    // Code keeps the light theme's colour.
    let (y, row) = rows
        .iter()
        .enumerate()
        .find(|(_, r)| r.contains("inline code"))
        .expect("inline code");
    let x = row[..row.find("inline code").expect("code")]
        .chars()
        .count() as u16;
    assert_eq!(buffer[(x, y as u16)].fg, Color::Magenta);
}

#[test]
fn widths_dates_and_the_first_order() {
    let dir = store_dir();
    let config = "sort = \"title\"\ndate_format = \"%e %b %Y\"\nlist_width = 60\n";
    let (mut app, runner) = configured(dir.path(), config, true, 120, 40);
    assert_eq!(app.sort, Sort::Title);
    let titles = titles(&app);
    let mut sorted = titles.clone();
    sorted.sort_by_key(|t| t.to_lowercase());
    assert_eq!(titles, sorted);
    assert_eq!(app.areas.separator.x, 72, "60% of 120 columns");
    let rows = render(&app);
    assert!(
        rows.iter().any(|r| r.contains(" 2 May 2024  A tour")),
        "{rows:#?}"
    );
    open_titled(&mut app, &runner, "tour");
    assert!(
        render(&app)
            .iter()
            .any(|r| r.contains(" 2 May 2024 · Folio Notes")),
        "the date over the article"
    );
    // A narrower text: the reader keeps what it needs (the text, its margin, the
    // scrollbar and the separator), the list the rest.
    let (mut app, runner) = configured(dir.path(), "reading_width = 40\n", true, 120, 40);
    assert_eq!(app.areas.separator.x, 120 - 44);
    open_titled(&mut app, &runner, "long essay");
    assert_eq!(app.areas.text.width, 40);
    let widest = app.reader.lines.iter().map(|l| l.width()).max();
    assert!(widest.is_some_and(|w| w <= 40), "{widest:?}");
}
