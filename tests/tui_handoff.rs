//! Handing off, at the state: `e` asks for the editor at the file's line under the
//! cursor and the article is read again after, `o` asks for the browser at the article's
//! web address, `y` and `Y` put the paragraph or the selection on the clipboard (plain,
//! or as a Markdown quote with its citation).

mod tui_support;

use std::fs;
use std::path::Path;

use crossterm::event::KeyCode;
use folio::store::Location;
use folio::tui::Action;
use folio::tui::effects::handoff::line_in_file;
use folio::tui::effects::messages::{Effect, HandOff, Outcome};
use folio::tui::input::keymap::Mode;
use folio::tui::runtime::road::{self, LoopEffect};
use tui_support::*;

const ORCHARD: &str = "---
title: Orchard notes
date: 2022-09-01
---

# Pruning

Cut **back** the [old wood](https://orchard.example/wood) in winter.

- one
- two
";

fn handoff_store() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("pier.txt"), PIER).unwrap();
    fs::write(dir.path().join("orchard.md"), ORCHARD).unwrap();
    dir
}

fn handed(left: Vec<LoopEffect>) -> HandOff {
    match <[LoopEffect; 1]>::try_from(left) {
        Ok([LoopEffect::HandOff(what)]) => what,
        Err(left) => panic!("one hand-off, not {left:?}"),
        Ok(other) => panic!("a hand-off, not {other:?}"),
    }
}

#[test]
fn e_in_the_reader_asks_for_the_file_at_the_line_under_the_cursor() {
    let dir = handoff_store();
    let (mut app, runner) = app_for(dir.path(), 120, 30);
    open_titled(&mut app, &runner, "pier");
    // The cursor (on the first paragraph) to the second.
    press(&mut app, &runner, key(KeyCode::Char('}')));
    assert!(reader_line(&app, app.reader.cursor).contains("The harbour office"));
    let what = handed(press(&mut app, &runner, key(KeyCode::Char('e'))));
    let HandOff::Edit {
        index,
        path,
        text,
        at,
    } = what
    else {
        panic!("an edit, not {what:?}");
    };
    assert_eq!(path, dir.path().join("pier.txt"));
    assert_eq!(app.reader.open_index(), Some(index));
    assert_eq!(
        line_in_file(&path, &text, at.expect("a place in the text")),
        Some(9),
        "the line of the file that holds the paragraph"
    );

    // The editor changed the file; folio reads it again, where it was.
    fs::write(&path, PIER.replace("harbour office", "harbour master")).unwrap();
    let effect = app.finish(Outcome::HandedBack {
        result: Ok("back from the editor".into()),
        reread: Some(index),
    });
    assert_eq!(effect, Some(Effect::LoadArticle(index)));
    road::carry_out(&mut app, &runner, effect.unwrap());
    assert_eq!(app.mode(), Mode::Reader);
    assert!(app.reader.text.contains("harbour master"));
}

#[test]
fn e_in_the_list_asks_for_the_selected_file_from_its_start() {
    let dir = handoff_store();
    let (mut app, runner) = app_for(dir.path(), 60, 30);
    let what = handed(press(&mut app, &runner, key(KeyCode::Char('e'))));
    let selected = app.list.selected_article().unwrap();
    let Location::File(file) = &app.articles[selected].location else {
        panic!("a file");
    };
    assert!(matches!(
        what,
        HandOff::Edit { index, ref path, at: None, .. } if index == selected && path == file
    ));
}

#[test]
fn the_sample_library_has_no_file_to_edit() {
    let (mut app, runner) = app_on(
        folio::store::Store::sample(),
        "sample library",
        Default::default(),
        None,
        120,
        30,
    );
    assert!(press(&mut app, &runner, key(KeyCode::Char('e'))).is_empty());
    assert!(app.notice.as_deref().unwrap().contains("no file to edit"));
}

#[test]
fn o_asks_for_the_browser_at_the_articles_address_or_says_there_is_none() {
    let dir = handoff_store();
    let (mut app, runner) = app_for(dir.path(), 120, 30);
    open_titled(&mut app, &runner, "pier");
    assert_eq!(
        handed(press(&mut app, &runner, key(KeyCode::Char('o')))),
        HandOff::Browse("https://post.example/news/2023/07/08/pier-fishing-ban".into())
    );
    open_titled(&mut app, &runner, "Orchard");
    assert!(press(&mut app, &runner, key(KeyCode::Char('o'))).is_empty());
    assert!(
        app.notice.as_deref().unwrap().contains("no web address"),
        "{:?}",
        app.notice
    );
    // From the list, the selected article's.
    apply(&mut app, &runner, Action::Back);
    let pier = app
        .list
        .visible
        .iter()
        .position(|&i| app.articles[i].title.contains("pier"))
        .unwrap();
    apply(&mut app, &runner, Action::Top);
    for _ in 0..pier {
        apply(&mut app, &runner, Action::MoveDown);
    }
    assert!(matches!(
        handed(press(&mut app, &runner, key(KeyCode::Char('o')))),
        HandOff::Browse(url) if url.contains("pier-fishing-ban")
    ));
}

#[test]
fn y_copies_the_paragraph_and_big_y_quotes_it_with_its_citation() {
    let dir = handoff_store();
    let (mut app, runner) = app_for(dir.path(), 120, 30);
    open_titled(&mut app, &runner, "pier");
    assert!(reader_line(&app, app.reader.cursor).contains("Anglers"));
    let HandOff::Copy { text, done } = handed(press(&mut app, &runner, key(KeyCode::Char('y'))))
    else {
        panic!("a copy");
    };
    let first = "Anglers will have to use the beach for the rest of the summer while divers replace the rotten piles under the end of the pier.";
    assert_eq!(
        text, first,
        "one paragraph, its lines joined as folio reads them"
    );
    assert_eq!(done, format!("copied {} characters", first.chars().count()));

    let HandOff::Copy { text, .. } = handed(press(&mut app, &runner, key(KeyCode::Char('Y'))))
    else {
        panic!("a copy");
    };
    assert_eq!(
        text,
        format!(
            "> {first}\n\n— Fishing from the pier banned during repairs, Island Post, 2023-07-08, <https://post.example/news/2023/07/08/pier-fishing-ban>"
        )
    );
}

#[test]
fn y_copies_a_selection_as_text_and_ends_it() {
    let dir = handoff_store();
    let (mut app, runner) = app_for(dir.path(), 120, 30);
    open_titled(&mut app, &runner, "Orchard");
    while !reader_line(&app, app.reader.cursor).contains("Cut") {
        press(&mut app, &runner, key(KeyCode::Char('j')));
    }
    press(&mut app, &runner, key(KeyCode::Char('v')));
    while !reader_line(&app, app.reader.cursor).contains("two") {
        press(&mut app, &runner, key(KeyCode::Char('j')));
    }
    assert_eq!(app.mode(), Mode::Select);
    let HandOff::Copy { text, .. } = handed(press(&mut app, &runner, key(KeyCode::Char('y'))))
    else {
        panic!("a copy");
    };
    assert_eq!(
        text, "Cut back the old wood <https://orchard.example/wood> in winter.\n\n- one\n- two",
        "Markdown as plain text, as folio show prints it"
    );
    assert_eq!(app.mode(), Mode::Reader, "the selection ends");
}

#[test]
fn a_failed_hand_off_is_said_and_nothing_is_read_again() {
    let dir = handoff_store();
    let (mut app, runner) = app_for(dir.path(), 120, 30);
    open_titled(&mut app, &runner, "pier");
    let effect = app.finish(Outcome::HandedBack {
        result: Err("the browser (nope) ended with exit status: 127".into()),
        reread: None,
    });
    assert_eq!(effect, None);
    assert!(screen(&app).contains("ended with exit status: 127"));
    assert!(Path::new(&dir.path().join("pier.txt")).exists());
}

#[test]
fn after_the_editor_the_article_is_where_it_was_the_cursor_on_the_same_text() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 120, 30);
    open_titled(&mut app, &runner, "long essay");
    press(&mut app, &runner, key(KeyCode::Char(' ')));
    press(&mut app, &runner, key(KeyCode::Char('j')));
    press(&mut app, &runner, key(KeyCode::Char('j')));
    let (scroll, cursor) = (app.reader.scroll, app.reader.cursor);
    let line = reader_line(&app, cursor);
    assert!(scroll > 0);
    let HandOff::Edit { index, .. } = handed(press(&mut app, &runner, key(KeyCode::Char('e'))))
    else {
        panic!("an edit");
    };
    let effect = app.finish(Outcome::HandedBack {
        result: Ok("back from vi".into()),
        reread: Some(index),
    });
    road::carry_out(&mut app, &runner, effect.expect("read again"));
    assert_eq!(app.reader.scroll, scroll, "the view where it was");
    assert_eq!(
        reader_line(&app, app.reader.cursor),
        line,
        "the cursor on the same text"
    );
    assert_eq!(app.notice.as_deref(), Some("back from vi"));
}
