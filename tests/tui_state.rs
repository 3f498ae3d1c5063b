//! State tests: key → action → state, with no terminal: selection, scroll limits, focus,
//! the filter bar's editing, help, mouse, and very long lists and articles.

mod tui_support;

use crossterm::event::KeyCode;
use folio::store::{Article, Body, Document, Location};
use folio::tui::effects::messages::Outcome;
use folio::tui::input::keymap::Mode;
use folio::tui::runtime::road::LoopEffect;
use folio::tui::state::Focus;
use folio::tui::{Action, App, Keymap};
use tui_support::*;

#[test]
fn selection_moves_and_stops_at_the_ends() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 120, 40);
    let count = app.list.visible.len();
    assert_eq!(count, 6);
    press(&mut app, &runner, key(KeyCode::Char('k')));
    assert_eq!(app.list.window.selected, 0);
    press(&mut app, &runner, key(KeyCode::Char('j')));
    press(&mut app, &runner, key(KeyCode::Down));
    assert_eq!(app.list.window.selected, 2);
    press(&mut app, &runner, key(KeyCode::Char('G')));
    assert_eq!(app.list.window.selected, count - 1);
    press(&mut app, &runner, key(KeyCode::Char('j')));
    assert_eq!(app.list.window.selected, count - 1);
    press(&mut app, &runner, key(KeyCode::Home));
    assert_eq!(app.list.window.selected, 0);
    press(&mut app, &runner, key(KeyCode::End));
    assert_eq!(app.list.window.selected, count - 1);
    press(&mut app, &runner, key(KeyCode::Char('g')));
    press(&mut app, &runner, ctrl('d'));
    assert!(app.list.window.selected > 0);
    press(&mut app, &runner, ctrl('u'));
    assert_eq!(app.list.window.selected, 0);
}

#[test]
fn the_selection_stays_in_view_in_a_short_list() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 40, 6);
    assert_eq!(app.list.window.height, 4);
    for _ in 0..5 {
        press(&mut app, &runner, key(KeyCode::Char('j')));
    }
    assert_eq!(app.list.window.selected, 5);
    assert_eq!(app.list.window.offset, 2);
    press(&mut app, &runner, key(KeyCode::PageUp));
    assert!(
        app.list.window.selected >= app.list.window.offset
            && app.list.window.selected < app.list.window.offset + 4
    );
    press(&mut app, &runner, key(KeyCode::Char('g')));
    assert_eq!((app.list.window.selected, app.list.window.offset), (0, 0));
}

#[test]
fn enter_opens_and_focuses_the_reader_and_escape_returns() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 120, 40);
    press(&mut app, &runner, key(KeyCode::Char('j')));
    let selected = app.list.selected_article();
    press(&mut app, &runner, key(KeyCode::Enter));
    assert_eq!(app.mode(), Mode::Reader);
    assert_eq!(app.reader.open_index(), selected);
    press(&mut app, &runner, key(KeyCode::Esc));
    assert_eq!(app.mode(), Mode::List);
    press(&mut app, &runner, key(KeyCode::Tab));
    assert_eq!(app.mode(), Mode::Reader);
    press(&mut app, &runner, key(KeyCode::Char('h')));
    assert_eq!(app.focus, Focus::List);
    press(&mut app, &runner, key(KeyCode::Right));
    assert_eq!(app.focus, Focus::Reader);
    press(&mut app, &runner, key(KeyCode::Left));
    press(&mut app, &runner, key(KeyCode::Char('l')));
    assert_eq!(app.focus, Focus::Reader);
}

#[test]
fn narrow_screens_show_one_pane_at_a_time() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 80, 24);
    assert!(!app.areas.list.is_empty() && app.areas.reader.is_empty());
    press(&mut app, &runner, key(KeyCode::Enter));
    assert!(app.areas.list.is_empty() && !app.areas.reader.is_empty());
    press(&mut app, &runner, key(KeyCode::Tab));
    assert!(!app.areas.list.is_empty() && app.areas.reader.is_empty());
    apply(
        &mut app,
        &runner,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    assert!(app.areas.split());
}

#[test]
fn reader_scrolling_is_clamped_to_the_article() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 120, 40);
    open_titled(&mut app, &runner, "long essay");
    let max = app.reader.max_scroll();
    let height = app.reader.height;
    assert!(max > 0, "the essay is longer than the pane");
    let start = app.reader.cursor;
    assert!(
        app.reader.sources[start].text.is_some(),
        "the cursor starts on the first line of text"
    );
    press(&mut app, &runner, key(KeyCode::Char('k')));
    assert_eq!(app.reader.scroll, 0);
    assert_eq!(app.reader.cursor, start - 1);
    press(&mut app, &runner, key(KeyCode::Char('j')));
    assert_eq!((app.reader.scroll, app.reader.cursor), (0, start));
    // j moves the cursor; the view follows once the cursor nears the bottom, keeping
    // two lines below it.
    for _ in 0..height {
        press(&mut app, &runner, key(KeyCode::Char('j')));
    }
    assert_eq!(app.reader.cursor, start + height);
    assert_eq!(app.reader.scroll, start + height + 3 - height);
    let (scroll, cursor) = (app.reader.scroll, app.reader.cursor);
    press(&mut app, &runner, key(KeyCode::Char(' ')));
    assert_eq!(app.reader.scroll, scroll + height - 1);
    assert_eq!(app.reader.cursor, cursor + height - 1);
    press(&mut app, &runner, key(KeyCode::Char('b')));
    assert_eq!((app.reader.scroll, app.reader.cursor), (scroll, cursor));
    press(&mut app, &runner, key(KeyCode::Char('G')));
    assert_eq!(app.reader.scroll, max);
    assert_eq!(app.reader.cursor, app.reader.lines.len() - 1);
    assert_eq!(app.reader.percent(), 100);
    press(&mut app, &runner, key(KeyCode::Char(' ')));
    press(&mut app, &runner, key(KeyCode::Char('j')));
    assert_eq!(app.reader.scroll, max);
    press(&mut app, &runner, key(KeyCode::Char('g')));
    assert_eq!((app.reader.scroll, app.reader.percent()), (0, 0));
    assert_eq!(app.reader.cursor, 0);
}

#[test]
fn next_and_previous_article_remember_the_position() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 120, 40);
    open_titled(&mut app, &runner, "long essay");
    let essay = app.reader.open_index();
    press(&mut app, &runner, key(KeyCode::Char(' ')));
    let scrolled_to = app.reader.position().expect("text in view");
    assert!(scrolled_to > 0);
    press(&mut app, &runner, key(KeyCode::Char('[')));
    assert_ne!(app.reader.open_index(), essay);
    assert_eq!(app.reader.scroll, 0);
    press(&mut app, &runner, key(KeyCode::Char(']')));
    assert_eq!(app.reader.open_index(), essay);
    assert_eq!(
        app.reader.position(),
        Some(scrolled_to),
        "the view starts at the same text again"
    );
    assert_eq!(app.list.selected_article(), essay);
}

#[test]
fn typing_filters_live_with_readline_editing() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 120, 40);
    press(&mut app, &runner, key(KeyCode::Char('/')));
    assert_eq!(app.mode(), Mode::Filter);
    type_keys(&mut app, &runner, "Tour reading");
    assert_eq!(titles(&app), ["A tour of the reading pane"]);
    press(&mut app, &runner, ctrl('w'));
    assert_eq!(app.filter.input.text(), "Tour ");
    press(&mut app, &runner, ctrl('a'));
    type_keys(&mut app, &runner, "q");
    assert_eq!(
        app.filter.input.text(),
        "qTour ",
        "q types in the bar, it does not quit"
    );
    press(&mut app, &runner, ctrl('a'));
    press(&mut app, &runner, key(KeyCode::Delete));
    press(&mut app, &runner, ctrl('e'));
    press(&mut app, &runner, key(KeyCode::Backspace));
    assert_eq!(app.filter.input.text(), "Tour");
    press(&mut app, &runner, key(KeyCode::Left));
    press(&mut app, &runner, key(KeyCode::Left));
    press(&mut app, &runner, ctrl('k'));
    assert_eq!(app.filter.input.text(), "To");
    press(&mut app, &runner, key(KeyCode::Home));
    press(&mut app, &runner, key(KeyCode::End));
    press(&mut app, &runner, ctrl('u'));
    assert_eq!(app.filter.input.text(), "");
    assert_eq!(app.list.visible.len(), 6);
    type_keys(&mut app, &runner, "zzzz-nothing");
    assert!(app.list.visible.is_empty());
    press(&mut app, &runner, ctrl('u'));
    type_keys(&mut app, &runner, "ESSAY");
    press(&mut app, &runner, key(KeyCode::Enter));
    assert_eq!(app.mode(), Mode::List);
    assert_eq!(app.list.window.selected, 0);
    assert_eq!(titles(&app), ["A long essay about rivers and stones"]);
    assert_eq!(app.filter.input.text(), "ESSAY", "the filter is kept");
    press(&mut app, &runner, key(KeyCode::Esc));
    assert_eq!(
        app.list.visible.len(),
        6,
        "Esc in the list clears the filter"
    );
}

#[test]
fn escape_leaves_the_bar_and_keeps_the_filter() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 120, 40);
    press(&mut app, &runner, key(KeyCode::Char('/')));
    type_keys(&mut app, &runner, "tab");
    press(&mut app, &runner, key(KeyCode::Esc));
    assert_eq!(app.mode(), Mode::List);
    assert_eq!(titles(&app), ["Tabular data in plain text"]);
}

#[test]
fn the_filter_matches_body_words_and_every_word_must_match() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 120, 40);
    press(&mut app, &runner, key(KeyCode::Char('/')));
    type_keys(&mut app, &runner, "整然");
    assert_eq!(titles(&app), ["東京の朝 — morning notes"]);
    press(&mut app, &runner, ctrl('u'));
    type_keys(&mut app, &runner, "garden lovelace");
    assert!(app.list.visible.is_empty(), "no article has both words");
    press(&mut app, &runner, ctrl('u'));
    type_keys(&mut app, &runner, "println markdown");
    assert!(
        app.list.visible.is_empty(),
        "a bare word looks in titles and text, not tags"
    );
    press(&mut app, &runner, ctrl('u'));
    type_keys(&mut app, &runner, "println tag:markdown author:lovel");
    assert_eq!(titles(&app), ["A tour of the reading pane"]);
}

#[test]
fn help_opens_over_any_pane_and_closes() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 80, 24);
    press(&mut app, &runner, key(KeyCode::Char('?')));
    assert_eq!(app.mode(), Mode::Help);
    press(&mut app, &runner, key(KeyCode::Char('j')));
    assert_eq!(app.help, Some(1));
    press(&mut app, &runner, key(KeyCode::Char('G')));
    assert_eq!(app.mode(), Mode::Help, "unbound keys do nothing in help");
    press(&mut app, &runner, key(KeyCode::Esc));
    assert_eq!(app.mode(), Mode::List);
}

#[test]
fn help_scrolls_with_every_motion_key_and_lists_the_filter_language() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 80, 24);
    press(&mut app, &runner, key(KeyCode::Char('?')));
    press(&mut app, &runner, key(KeyCode::Char(' ')));
    let page = app.help.expect("help is open");
    assert!(page > 10, "Space pages down: {page}");
    press(&mut app, &runner, key(KeyCode::End));
    let end = app.help.expect("help is open");
    let text = screen(&app);
    assert!(text.contains("Scroll the pane under the pointer"), "{text}");
    press(&mut app, &runner, key(KeyCode::Char('G')));
    assert_eq!(app.help, Some(end), "G: the end too");
    press(&mut app, &runner, key(KeyCode::PageUp));
    assert_eq!(app.help, Some(end - page));
    press(&mut app, &runner, key(KeyCode::Char('g')));
    assert_eq!(app.help, Some(0));
    let mut seen = String::new();
    for _ in 0..=end {
        seen.push_str(&screen(&app));
        press(&mut app, &runner, key(KeyCode::Char('j')));
    }
    for example in [
        "\"old mill\"",
        "since:7d",
        "path:2023/05",
        "oil OR gas",
        "-(oil date:2020)",
    ] {
        assert!(seen.contains(example), "{example} is in the help");
    }
}

#[test]
fn help_wraps_its_lines_at_a_narrow_width_and_scrolls_to_their_end() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 50, 20);
    press(&mut app, &runner, key(KeyCode::Char('?')));
    let mut seen = String::new();
    let mut last = None;
    while last != app.help {
        last = app.help;
        seen.push_str(&screen(&app));
        press(&mut app, &runner, key(KeyCode::Char('j')));
    }
    // The overlay's text, its border and margin taken off, joined into one line of words.
    let words: Vec<&str> = seen
        .lines()
        .filter_map(|line| line.split_once('│').map(|(_, rest)| rest))
        .map(|rest| rest.rsplit_once('│').map_or(rest, |(inside, _)| inside))
        .flat_map(str::split_whitespace)
        .collect();
    let joined = words.join(" ");
    for whole in [
        "Keep the filter (and remember it), select the first match",
        "Open the article's file in $VISUAL or $EDITOR, at the cursor line",
        "Not yet read (is:bookmarked: with a passage kept)",
        "Scroll the pane under the pointer",
    ] {
        assert!(
            joined.contains(whole),
            "{whole:?} is whole in the help: {seen}"
        );
    }
}

#[test]
fn q_goes_back_one_level_and_quits_from_the_list() {
    let dir = store_dir();
    for width in [120, 60] {
        let (mut app, runner) = app_for(dir.path(), width, 40);
        press(&mut app, &runner, key(KeyCode::Enter));
        assert_eq!(app.mode(), Mode::Reader, "at {width} columns");
        assert!(press(&mut app, &runner, key(KeyCode::Char('q'))).is_empty());
        assert_eq!(
            app.mode(),
            Mode::List,
            "q in the reader goes back to the list"
        );
        press(&mut app, &runner, key(KeyCode::Char('\'')));
        assert_eq!(app.mode(), Mode::Bookmarks);
        assert!(press(&mut app, &runner, key(KeyCode::Char('q'))).is_empty());
        assert_eq!(
            app.mode(),
            Mode::List,
            "q in the bookmarks pane goes back to the list"
        );
        press(&mut app, &runner, key(KeyCode::Enter));
        assert_eq!(
            press(&mut app, &runner, ctrl('c')),
            [LoopEffect::Quit],
            "Ctrl-C quits from the reader"
        );
        press(&mut app, &runner, key(KeyCode::Char('q')));
        assert_eq!(
            press(&mut app, &runner, key(KeyCode::Char('q'))),
            [LoopEffect::Quit]
        );
    }
}

#[test]
fn quit_and_suspend_are_left_to_the_loop() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 120, 40);
    assert_eq!(
        press(&mut app, &runner, key(KeyCode::Char('q'))),
        [LoopEffect::Quit]
    );
    press(&mut app, &runner, key(KeyCode::Char('/')));
    assert_eq!(
        press(&mut app, &runner, ctrl('c')),
        [LoopEffect::Quit],
        "Ctrl-C quits from the filter bar"
    );
    assert_eq!(press(&mut app, &runner, ctrl('z')), [LoopEffect::Suspend]);
}

#[test]
fn a_click_selects_and_the_wheel_scrolls_the_pane_under_the_pointer() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 120, 40);
    apply(&mut app, &runner, Action::Click { column: 5, row: 3 });
    assert_eq!(app.list.window.selected, 2);
    open_titled(&mut app, &runner, "long essay");
    apply(
        &mut app,
        &runner,
        Action::Wheel {
            column: 80,
            row: 10,
            down: true,
        },
    );
    assert_eq!(app.reader.scroll, 3);
    apply(&mut app, &runner, Action::Click { column: 5, row: 1 });
    assert_eq!((app.list.window.selected, app.focus), (0, Focus::List));
    assert_eq!(
        (app.reader.open_index(), app.reader.previewing()),
        (app.list.selected_article(), true),
        "the reader previews the article clicked in the list"
    );
    apply(&mut app, &runner, Action::Click { column: 5, row: 1 });
    assert_eq!(
        app.focus,
        Focus::Reader,
        "clicking the selected row opens it"
    );
    apply(&mut app, &runner, Action::Click { column: 5, row: 0 });
    assert_eq!(app.mode(), Mode::Filter);
}

fn article(i: usize) -> Article {
    Article {
        rel_path: format!("{i}.txt"),
        words: 10,
        ..Article::named(
            Location::File(format!("/nowhere/{i}.txt").into()),
            format!("Article number {i}"),
        )
    }
}

#[test]
fn a_hundred_thousand_articles_scroll_and_draw() {
    let articles: Vec<Article> = (0..100_000).map(article).collect();
    let mut app = App::new(articles, "big".into(), 0, Keymap::default());
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    app.update(Action::Bottom);
    assert_eq!(app.list.window.selected, 99_999);
    assert_eq!(app.list.window.offset, 100_000 - app.list.window.height);
    let rows = render(&app);
    assert!(rows[38].contains("Article number 99999"), "{}", rows[38]);
    assert!(rows[39].contains("100,000 articles"));
}

#[test]
fn more_than_65535_lines_scroll_to_the_end() {
    let mut app = App::new(vec![article(0)], "big".into(), 0, Keymap::default());
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    // Short paragraphs: many lines within the text the reader lays out.
    let paragraphs: Vec<String> = (0..40_000).map(|i| format!("p {i}")).collect();
    let doc = Document {
        article: article(0),
        body: Body::Paragraphs(paragraphs),
    };
    app.finish(Outcome::Loaded {
        index: 0,
        result: Ok(doc),
    });
    assert!(app.reader.lines.len() > 65_535);
    app.update(Action::Bottom);
    assert_eq!(
        app.reader.scroll,
        app.reader.lines.len() - app.reader.height
    );
    let rows = render(&app);
    assert!(rows[38].contains("p 39999"), "{}", rows[38]);
}

#[test]
fn a_pile_of_combining_marks_gives_bounded_output() {
    let mut app = App::new(vec![article(0)], "big".into(), 0, Keymap::default());
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    let pile = format!("a{}b", "\u{301}".repeat(10_000));
    let doc = Document {
        article: article(0),
        body: Body::Paragraphs(vec![pile]),
    };
    app.finish(Outcome::Loaded {
        index: 0,
        result: Ok(doc),
    });
    let chars: usize = app
        .reader
        .lines
        .iter()
        .flat_map(|l| &l.spans)
        .map(|s| s.content.chars().count())
        .sum();
    assert!(chars < 200, "{chars} characters kept");
    render(&app);
}

#[test]
fn every_bindable_action_has_a_snake_case_name() {
    let mut names = std::collections::HashSet::new();
    for &action in Action::BINDABLE {
        let name = action.name().expect("bindable actions are named");
        assert!(
            name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
            "{name}"
        );
        assert!(names.insert(name), "{name} twice");
        assert_eq!(Action::from_name(name), Some(action));
        assert!(!action.help().is_empty());
    }
    for binding in Keymap::default().bindings() {
        assert!(binding.action.name().is_some());
    }
    assert_eq!(Action::Insert('x').name(), None);
}

#[test]
fn the_filter_shows_the_list_when_only_one_pane_fits() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 80, 24);
    open_titled(&mut app, &runner, "long essay");
    assert_eq!(app.mode(), Mode::Reader);
    press(&mut app, &runner, key(KeyCode::Char('f')));
    type_keys(&mut app, &runner, "tabular");
    assert!(screen(&app).contains("Tabular data in plain text"));
    press(&mut app, &runner, key(KeyCode::Enter));
    assert_eq!(app.mode(), Mode::List);
}

#[test]
fn tab_on_one_pane_reads_the_article_under_the_cursor() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 80, 24);
    open_titled(&mut app, &runner, "long essay");
    press(&mut app, &runner, key(KeyCode::Esc));
    press(&mut app, &runner, key(KeyCode::Char('g')));
    let under = app.list.selected_article();
    assert_ne!(app.reader.open_index(), under);
    press(&mut app, &runner, key(KeyCode::Tab));
    assert_eq!(app.mode(), Mode::Reader);
    assert_eq!(
        app.reader.open_index(),
        under,
        "not the article read before"
    );
    press(&mut app, &runner, key(KeyCode::Tab));
    press(&mut app, &runner, key(KeyCode::Tab));
    assert_eq!(app.reader.open_index(), under, "and back to it as it was");
}

#[test]
fn a_fifteen_megabyte_article_is_shown_in_part_and_says_how_much_more_there_is() {
    let dir = tempfile::tempdir().unwrap();
    let brackets = format!("# Brackets\n\n{}\n", "[".repeat(15 * 1024 * 1024));
    std::fs::write(dir.path().join("brackets.md"), &brackets).unwrap();
    let (mut app, runner) = app_for(dir.path(), 100, 30);
    press(&mut app, &runner, key(KeyCode::Enter));
    assert_eq!(app.mode(), Mode::Reader);
    assert!(app.reader.text.len() <= folio::tui::text::long_article::SHOWN);
    let last = app.reader.lines.len() - 1;
    let note = (last - 2..=last)
        .map(|l| reader_line(&app, l))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(note.contains("more that folio does not lay out"), "{note}");
    assert!(note.contains("the editor (e) opens all of it"), "{note}");
    // The file is left whole; a passage in the part shown can still be kept.
    assert_eq!(
        std::fs::metadata(dir.path().join("brackets.md"))
            .unwrap()
            .len() as usize,
        brackets.len()
    );
    press(&mut app, &runner, key(KeyCode::Char('G')));
    press(&mut app, &runner, key(KeyCode::Char('g')));
    assert_eq!(app.reader.scroll, 0);
}

#[test]
fn an_article_deleted_truncated_or_replaced_while_shown_keeps_its_text_and_crashes_nothing() {
    let dir = store_dir();
    let essay = dir.path().join("2021-07-04-long-essay.txt");
    for change in ["delete", "truncate", "replace"] {
        std::fs::copy(fixtures().join("2021-07-04-long-essay.txt"), &essay).unwrap();
        let (mut app, runner) = app_for(dir.path(), 100, 30);
        open_titled(&mut app, &runner, "long essay");
        let shown = app.reader.text.clone();
        match change {
            "delete" => std::fs::remove_file(&essay).unwrap(),
            "truncate" => std::fs::write(&essay, "").unwrap(),
            _ => std::fs::write(&essay, "Another\n\nEntirely different text.\n").unwrap(),
        }
        for c in [' ', 'j', 'G', 'B', 'v', 'j'] {
            press(&mut app, &runner, key(KeyCode::Char(c)));
        }
        press(&mut app, &runner, key(KeyCode::Esc));
        apply(
            &mut app,
            &runner,
            Action::Resize {
                width: 60,
                height: 20,
            },
        );
        assert_eq!(app.reader.text, shown, "{change}: the text shown stays");
        // Opened again (after another): what is there now, or why there is nothing.
        press(&mut app, &runner, key(KeyCode::Char('q')));
        open_titled(&mut app, &runner, "tour of the reading pane");
        open_titled(&mut app, &runner, "long essay");
        let screen = screen(&app);
        match change {
            "delete" => assert!(screen.contains("missing"), "{screen}"),
            "truncate" => assert!(screen.contains("empty"), "{screen}"),
            _ => assert!(screen.contains("Entirely different"), "{screen}"),
        }
    }
}
