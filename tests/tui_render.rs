//! Render tests: the fixture store (CJK, tabs, Markdown, a hostile article) drawn on a
//! TestBackend at 120x40, 80x24 and 20x6, checked cell by cell and against snapshots.

mod tui_support;

use crossterm::event::KeyCode;
use folio::tui::Action;
use folio::tui::state::layout::SPLIT_WIDTH;
use tui_support::*;
use unicode_width::UnicodeWidthStr;

/// No cell holds a control character or a bidi control, so nothing reaches the
/// terminal that it would act on.
fn assert_inert(rows: &[String]) {
    for row in rows {
        for c in row.chars() {
            assert!(!c.is_control(), "control {c:?} in {row:?}");
            assert!(
                !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'),
                "bidi {c:?} in {row:?}"
            );
        }
    }
}

/// Every row is exactly the screen's width: nothing spills.
fn assert_fits(rows: &[String], width: u16) {
    for row in rows {
        assert_eq!(row.width(), width as usize, "{row:?}");
    }
}

#[test]
fn list_and_reader_at_120x40() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 120, 40);
    insta::assert_snapshot!("list_120x40", screen(&app));
    open_titled(&mut app, &runner, "tour");
    insta::assert_snapshot!("markdown_120x40", screen(&app));
    open_titled(&mut app, &runner, "東京");
    let rows = render(&app);
    assert_fits(&rows, 120);
    let separator = app.areas.separator.x as usize;
    for row in &rows[1..39] {
        let cells: Vec<char> = row.chars().collect();
        let column = cells.iter().take_while(|_| true).scan(0, |w, c| {
            let at = *w;
            *w += c.to_string().width();
            Some((at, *c))
        });
        let at_separator = column
            .filter(|(at, _)| *at == separator)
            .map(|(_, c)| c)
            .next();
        assert_eq!(
            at_separator,
            Some('│'),
            "the separator is intact in {row:?}"
        );
    }
    insta::assert_snapshot!("cjk_120x40", screen(&app));
}

#[test]
fn reader_at_80x24_shows_one_pane() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 80, 24);
    insta::assert_snapshot!("list_80x24", screen(&app));
    open_titled(&mut app, &runner, "Tabular");
    let rows = render(&app);
    assert_fits(&rows, 80);
    assert!(rows[1].contains("Tabular data in plain text"));
    assert!(
        !rows.iter().any(|r| r.contains("A long essay")),
        "the list is hidden"
    );
    insta::assert_snapshot!("tabs_80x24", screen(&app));
    open_titled(&mut app, &runner, "long essay");
    press(&mut app, &runner, key(KeyCode::Char(' ')));
    let rows = render(&app);
    assert!(
        rows[23].contains("reader · ") && rows[23].contains("%"),
        "{}",
        rows[23]
    );
    assert!(!rows[23].contains("100%"), "{}", rows[23]);
    assert!(
        rows[1..23]
            .iter()
            .any(|r| r.ends_with('█') || r.ends_with('║')),
        "a scrollbar"
    );
}

#[test]
fn everything_draws_at_20x6() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 20, 6);
    insta::assert_snapshot!("list_20x6", screen(&app));
    open_titled(&mut app, &runner, "東京");
    assert_fits(&render(&app), 20);
    insta::assert_snapshot!("cjk_20x6", screen(&app));
    press(&mut app, &runner, key(KeyCode::Char('?')));
    insta::assert_snapshot!("help_20x6", screen(&app));
    press(&mut app, &runner, key(KeyCode::Esc));
    press(&mut app, &runner, key(KeyCode::Char('/')));
    type_keys(&mut app, &runner, "a very long filter that does not fit");
    assert_fits(&render(&app), 20);
}

#[test]
fn every_small_size_draws_and_the_smallest_say_so() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 120, 40);
    open_titled(&mut app, &runner, "東京");
    for width in 0..=SPLIT_WIDTH + 2 {
        for height in 0..=12 {
            apply(&mut app, &runner, Action::Resize { width, height });
            let rows = render(&app);
            assert_inert(&rows);
            if width >= 5 && height > 0 && (width < 20 || height < 6) {
                assert!(
                    rows.iter().any(|r| r.contains("small")),
                    "{width}x{height}: {rows:?}"
                );
            }
        }
    }
}

#[test]
fn the_hostile_article_renders_as_inert_text() {
    let dir = store_dir();
    for (width, height) in [(120, 40), (80, 24), (20, 6)] {
        let (mut app, runner) = app_for(dir.path(), width, height);
        open_titled(&mut app, &runner, "Hostile");
        let rows = render(&app);
        assert_inert(&rows);
        assert_fits(&rows, width);
        let text = rows.join("\n");
        assert!(!text.contains("\u{9b}"), "no C1 CSI");
        if width >= 80 {
            // The title change and clipboard write are dropped whole; BEL and backspace
            // show as inert pictures; a bare CR starts a new line instead of overprinting.
            assert!(text.contains("Title change:  done."), "{text}");
            assert!(text.contains("Clipboard:  done."), "{text}");
            assert!(text.contains("Clear screen:  done."), "{text}");
            assert!(text.contains("Bidi: abcdef done."), "{text}");
            assert!(text.contains("Bell: ␇"), "{text}");
            assert!(text.contains("abc␈␈XY"), "{text}");
            assert!(text.contains("hello WORLD"), "{text}");
            assert!(!text.contains("PWNED"), "{text}");
            assert!(!text.contains("aGk="), "{text}");
        }
    }
    let (mut app, runner) = app_for(dir.path(), 120, 40);
    open_titled(&mut app, &runner, "Hostile");
    insta::assert_snapshot!("hostile_120x40", screen(&app));
}

/// True for a character whose width terminals and unicode-width disagree on.
fn ambiguous(c: char) -> bool {
    matches!(c as u32, 0x1F1E6..=0x1F1FF | 0xFE0E | 0xFE0F | 0x200D | 0x1F3FB..=0x1F3FF)
}

#[test]
fn flags_and_emoji_sequences_are_drawn_so_every_terminal_agrees_on_their_width() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("2024-01-01-emoji.txt"),
        "Title: Flags 🇯🇵 and hearts ❤\u{fe0f}\nSource: 🇫🇷 Le Blog\n\n\
         A flag 🇯🇵, a lone 🇯, a heart ❤\u{fe0f}, a thumb 👍🏽, a family 👨\u{200d}👩\u{200d}👧 \
         and a keycap #\u{fe0f}\u{20e3} in one line.\n",
    )
    .expect("write");
    for (width, height) in [(120, 40), (80, 24), (20, 6)] {
        let (mut app, runner) = app_for(dir.path(), width, height);
        let list = render(&app);
        open_titled(&mut app, &runner, "Flags");
        let reader = render(&app);
        for rows in [&list, &reader] {
            assert_fits(rows, width);
            for row in rows.iter() {
                assert!(!row.chars().any(ambiguous), "{row:?}");
            }
        }
        if width == 80 {
            let text: Vec<&str> = reader.iter().map(|r| r.trim()).collect();
            let text = text.join(" ");
            assert!(text.contains("Flags JP and hearts ❤"), "{text}");
            assert!(
                text.contains("A flag JP, a lone J, a heart ❤, a thumb 👍"),
                "{text}"
            );
            assert!(
                text.contains("family 👨 and a keycap # in one line."),
                "{text}"
            );
            assert!(list.join("\n").contains("FR Le"), "{list:?}");
        }
    }
    let tokyo = store_dir();
    let (mut app, runner) = app_for(tokyo.path(), 120, 40);
    open_titled(&mut app, &runner, "東京");
    assert!(screen(&app).contains("a flag JP in the line"));
}

#[test]
fn list_columns_line_up_and_give_way_to_titles_when_narrow() {
    use folio::tui::ui::list::columns;
    // Sources start in one column, whole when there is room, CJK ones included.
    let dir = store_dir();
    let (app, _runner) = app_for(dir.path(), 80, 24);
    let rows = render(&app);
    let starts: Vec<usize> = ["Evil Red", "Folio Notes", "日本語ブログ", "The Long Read"]
        .iter()
        .map(|source| {
            let row = rows.iter().find(|r| r.contains(source)).expect(source);
            row[..row.find(source).unwrap()].width()
        })
        .collect();
    assert!(starts.windows(2).all(|w| w[0] == w[1]), "{starts:?}");
    // The title keeps 40 cells before a source column shows (the source gives way
    // first); sources get at most a third.
    for width in 0..300 {
        let (dates, source) = columns(width, 21, 12);
        let room = width.saturating_sub(2 + if dates { 12 } else { 0 });
        if source > 0 {
            assert!(room >= source + 2 + 40, "{width}");
            assert!(source >= 6 && source <= room / 3, "{width}");
        }
    }
    assert_eq!(columns(50, 21, 12), (true, 0), "the list at 100x30");
    assert_eq!(
        columns(54, 21, 12),
        (true, 0),
        "the list at 120x40: titles first"
    );
    assert_eq!(
        columns(70, 21, 12),
        (true, 14),
        "a wide list shows sources too"
    );
    assert_eq!(
        columns(20, 21, 12),
        (false, 0),
        "titles alone in a 20-cell list"
    );
    assert_eq!(columns(80, 21, 12), (true, 21), "the list at 80x24");
    assert_eq!(columns(80, 6, 12), (true, 6), "short sources");
}

#[test]
fn a_query_its_count_its_error_and_the_timeline_at_every_size() {
    let dir = store_dir();
    for (width, height) in [(120, 40), (80, 24), (20, 6)] {
        let (mut app, runner) = app_for(dir.path(), width, height);
        press(&mut app, &runner, key(KeyCode::Char('/')));
        type_keys(&mut app, &runner, "stone date:2021..2023");
        let rows = render(&app);
        assert_fits(&rows, width);
        insta::assert_snapshot!(format!("query_{width}x{height}"), screen(&app));
        if width >= 80 {
            assert!(rows[0].contains("1 of 6"), "{}", rows[0]);
            assert!(
                rows[0].contains("2021-07"),
                "a month's timeline: {}",
                rows[0]
            );
        } else {
            assert!(!rows[0].contains("2021"), "no timeline when narrow");
        }
        type_keys(&mut app, &runner, " date:2024-13");
        let rows = render(&app);
        assert_fits(&rows, width);
        assert_inert(&rows);
        insta::assert_snapshot!(format!("query_error_{width}x{height}"), screen(&app));
        if width >= 80 {
            assert!(
                rows[0].contains("date:2024-13: month 13 is not 01 to 12"),
                "{}",
                rows[0]
            );
            assert!(rows[0].contains("stone date:2021..2023 date:2024-13"));
        }
        press(&mut app, &runner, ctrl('w'));
        assert!(app.filter.error.is_none());
        press(&mut app, &runner, key(KeyCode::Enter));
        press(&mut app, &runner, key(KeyCode::Enter));
        let rows = render(&app);
        assert_fits(&rows, width);
        assert!(app.reader.open.is_some());
        if width >= 80 {
            insta::assert_snapshot!(format!("query_reader_{width}x{height}"), screen(&app));
        }
    }
}

#[test]
fn a_long_query_with_a_long_error_fits_every_width() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 120, 40);
    press(&mut app, &runner, key(KeyCode::Char('/')));
    type_keys(
        &mut app,
        &runner,
        "東京 \"a long phrase that goes on and on\" colour:red",
    );
    for width in 20..=130 {
        apply(&mut app, &runner, Action::Resize { width, height: 8 });
        let rows = render(&app);
        assert_fits(&rows, width);
        assert!(folio::tui::ui::filter_bar::cursor(&app).is_some_and(|c| c.x < width));
    }
}

#[test]
fn the_timeline_labels_months_or_years_and_hides_when_narrow() {
    let dir = tempfile::tempdir().expect("temp dir");
    for month in 1..=12 {
        for n in 0..month % 4 {
            let name = format!("2005-{month:02}-1{n}-note.txt");
            std::fs::write(
                dir.path().join(name),
                format!("Note {month} {n}\n\nText.\n"),
            )
            .expect("write");
        }
    }
    let (app, _runner) = app_for(dir.path(), 120, 40);
    let top = &render(&app)[0];
    assert!(top.ends_with("2005-01 ▁▄█ ▁▄█ ▁▄█ 2005-11"), "{top}");
    let (app, _runner) = app_for(dir.path(), 80, 24);
    let top = &render(&app)[0];
    assert!(
        top.ends_with("2005 ▁▄█ ▁▄█ ▁▄█"),
        "years only when months do not fit: {top}"
    );
    let (app, _runner) = app_for(dir.path(), 79, 24);
    let top = &render(&app)[0];
    assert!(!top.contains('█') && !top.contains("2005"), "{top}");
}

#[test]
fn news_written_one_paragraph_a_line_shows_its_paragraphs_and_the_byline_as_metadata() {
    let dir = news_dir();
    for (width, height) in [(120, 40), (80, 24)] {
        let (mut app, runner) = app_for(dir.path(), width, height);
        open_titled(&mut app, &runner, "ferry crews");
        assert_fits(&render(&app), width);
        insta::assert_snapshot!(format!("news_{width}x{height}"), screen(&app));
    }

    let (mut app, runner) = app_for(dir.path(), 80, 24);
    open_titled(&mut app, &runner, "ferry crews");
    let lines: Vec<String> = (0..app.reader.lines.len())
        .map(|l| reader_line(&app, l))
        .collect();
    // The byline is in the metadata line, with its bracket, and the source once.
    assert_eq!(
        lines[1],
        "2025-03-04 · (Harbour Wire) 09:15, March 4, 2025 · 182 words · 1 min read"
    );
    assert!(
        !lines[2..].iter().any(|l| l.contains("09:15")),
        "{lines:#?}"
    );
    assert!(lines[3].starts_with("PORT ELLEN"), "{lines:#?}");
    // Each line of the file is a paragraph of its own, a blank line before it.
    for opening in [
        "The vote was",
        "\"Nobody wants",
        "The operator",
        "Why it matters",
    ] {
        let at = lines
            .iter()
            .position(|l| l.starts_with(opening))
            .unwrap_or_else(|| panic!("{opening:?} opens no line: {lines:#?}"));
        assert_eq!(lines[at - 1], "", "{opening:?} follows a blank line");
    }
    // The lines still show the bytes of the text they map to; the byline's are not shown.
    let text = &app.reader.text;
    assert!(text.starts_with("Harbour Wire) 09:15, March 4, 2025\n\nPORT ELLEN"));
    let first = app.reader.sources[3]
        .text
        .clone()
        .expect("a body line's bytes");
    assert!(text[first.clone()].starts_with("PORT ELLEN"), "{first:?}");
    assert_eq!(first.start, text.find("PORT ELLEN").unwrap());
    assert!(app.reader.sources[..3].iter().all(|s| s.text.is_none()));

    // A writer's byline is metadata too.
    open_titled(&mut app, &runner, "Pier lights");
    assert_eq!(
        reader_line(&app, 1),
        "2025-03-05 · By Jane Smith, Harbour Wire · 54 words · 1 min read"
    );
    assert!(reader_line(&app, 3).starts_with("The council will replace"));
}

#[test]
fn at_120_columns_the_list_keeps_forty_characters_of_a_title_unless_configured() {
    let dir = store_dir();
    let title = "A long essay about rivers and stones";
    let essay = |app: &folio::tui::App| -> String {
        render(app)
            .into_iter()
            .find(|row| row.contains("2021-07-04"))
            .expect("the essay's row")
    };
    let (app, _runner) = app_for(dir.path(), 120, 40);
    assert!(essay(&app).contains(title), "{}", essay(&app));
    assert!(app.areas.list.width >= 54, "{:?}", app.areas.list);
    for width in [100, 140, 200] {
        let (app, _runner) = app_for(dir.path(), width, 40);
        // At 100 the list has half the screen: a title of 36 characters loses its end.
        let shown = if width == 100 { &title[..30] } else { title };
        assert!(essay(&app).contains(shown), "at {width}: {}", essay(&app));
        assert!(app.areas.split(), "at {width}");
    }
    // A share set in the config wins.
    let settings = folio::tui::settings::Settings {
        list_width: Some(40),
        ..Default::default()
    };
    let (app, _runner) = app_with(
        dir.path(),
        folio::tui::Keymap::default(),
        Some(settings),
        120,
        40,
    );
    assert_eq!(app.areas.list.width, 48);
}

#[test]
fn the_metadata_line_gives_the_articles_web_address() {
    let dir = tempfile::tempdir().expect("store");
    std::fs::write(
        dir.path().join("ferry.txt"),
        "Title: Ferry fares rise\nDate: 2024-03-01\nURL: https://post.example/ferry-fares\n\nFares go up in spring.\n",
    )
    .expect("write");
    let (mut app, runner) = app_for(dir.path(), 120, 40);
    open_titled(&mut app, &runner, "Ferry fares");
    let text = screen(&app);
    assert!(
        text.contains("2024-03-01 · 5 words · 1 min read ·"),
        "{text}"
    );
    assert!(text.contains("https://post.example/ferry-fares"), "{text}");
}

#[test]
fn the_help_keeps_its_border_beside_a_wide_character() {
    let store = folio::store::Store::sample();
    let name = store.describe();
    let (mut app, runner) = app_on(store, &name, folio::tui::Keymap::default(), None, 120, 40);
    apply(&mut app, &runner, Action::Help);
    let buffer = buffer(&app);
    let area = folio::tui::state::layout::help_area(app.areas.screen);
    let crossed: Vec<u16> = (area.top()..area.bottom())
        .filter(|&y| buffer[(area.x - 1, y)].symbol().width() > 1)
        .collect();
    assert!(
        crossed.is_empty(),
        "a wide character runs into the border on rows {crossed:?}"
    );
    let rows = render(&app);
    assert!(
        rows.iter().any(|row| row.contains('龙')) || rows.iter().any(|row| row.contains("茶季")),
        "the sample library's Chinese title is on screen beside the help"
    );
}

#[test]
fn the_status_line_keeps_the_help_hint_and_a_notices_end() {
    let dir = store_dir();
    for width in [30, 50, 80] {
        let (app, _runner) = app_for(dir.path(), width, 24);
        let status = render(&app).pop().expect("a status row");
        assert!(status.contains("? help"), "at {width}: {status}");
    }
    // The store's name gives way before the hints do.
    let (app, _runner) = app_for(dir.path(), 80, 24);
    let status = render(&app).pop().expect("a status row");
    assert!(
        !status.contains("fixtures") && status.contains("' bookmarks"),
        "{status}"
    );
    // A notice too long for the room keeps its end, where the line and column are.
    let data = tempfile::tempdir().expect("data folder");
    std::fs::write(
        data.path().join("bookmarks.toml"),
        "version = 1\n[[bookmark]\n",
    )
    .expect("write");
    let (mut app, _) = app_for(dir.path(), 60, 24);
    let store = folio::store::Store::new(vec![folio::store::Root::Folder(dir.path().to_owned())]);
    let runner = runner_keeping(store, None, Some(data.path()));
    folio::tui::runtime::road::start(&mut app, &runner);
    let notice = app.notice.clone().expect("the bookmarks file is damaged");
    assert!(notice.contains("line 2"), "{notice}");
    let status = render(&app).pop().expect("a status row");
    assert!(status.contains('…'), "{status}");
    let tail: String = notice
        .chars()
        .rev()
        .take(8)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    assert!(
        status.contains(&tail),
        "the notice's end {tail:?} shows: {status}"
    );
    assert!(status.contains("? help"), "{status}");
}

#[test]
fn at_60_columns_the_status_line_keeps_the_reading_percentage_whole() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 60, 20);
    open_titled(&mut app, &runner, "tour of the reading pane");
    open_titled(&mut app, &runner, "long essay"); // two read: the unread count shows
    press(&mut app, &runner, key(KeyCode::Char('G')));
    let status = render(&app).pop().expect("a status row");
    assert!(status.contains("reader · 100%"), "{status}");
    assert!(status.contains("? help"), "{status}");
}
