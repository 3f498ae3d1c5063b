//! The filter language in the reader, with no terminal: a term that does not parse keeps
//! the last good result and says what is wrong, the query history walks like a shell's
//! and is kept on disk, `s` cycles the sort, `n`/`N` scroll to the filter's matches.

mod tui_support;

use crossterm::event::KeyCode;
use folio::search::order::Sort;
use folio::store::{Root, Store};
use folio::tui::App;
use folio::tui::effects::history_file;
use folio::tui::input::keymap::Mode;
use folio::tui::ui::status::left_text;
use tui_support::*;

#[test]
fn a_term_that_does_not_parse_keeps_the_last_good_result_and_says_why() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 120, 40);
    press(&mut app, &runner, key(KeyCode::Char('/')));
    type_keys(&mut app, &runner, "date:2024");
    let good = titles(&app);
    assert_eq!(good, ["Hostile article", "A tour of the reading pane"]);
    assert!(app.filter.error.is_none());
    type_keys(&mut app, &runner, "-13");
    assert_eq!(titles(&app), good, "the list keeps the last good result");
    let error = app.filter.error.clone().expect("an error");
    assert_eq!(error.term, "date:2024-13");
    assert_eq!(error.span, 0..12);
    let rows = render(&app);
    assert!(
        rows[0].contains("date:2024-13: month 13 is not 01 to 12"),
        "{}",
        rows[0]
    );
    for _ in 0..3 {
        press(&mut app, &runner, key(KeyCode::Backspace));
    }
    assert!(app.filter.error.is_none());
    type_keys(&mut app, &runner, " stones");
    assert!(app.list.visible.is_empty());
    press(&mut app, &runner, ctrl('u'));
    type_keys(
        &mut app,
        &runner,
        "title:\"long essay\" date:2021-07..2021-08 -tabs",
    );
    assert_eq!(titles(&app), ["A long essay about rivers and stones"]);
    let rows = render(&app);
    assert!(
        rows[0].contains("1 of 6"),
        "the count in the bar: {}",
        rows[0]
    );
    assert!(left_text(&app, true).starts_with("1 of 6 articles"));
}

#[test]
fn the_bad_term_is_marked_in_the_bar() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 120, 40);
    press(&mut app, &runner, key(KeyCode::Char('/')));
    type_keys(&mut app, &runner, "river colour:red");
    let buffer = buffer(&app);
    let style = |x: u16| buffer[(x, 0)].style();
    // "/ river colour:red": the bad term starts at column 8.
    assert_eq!(buffer[(8, 0)].symbol(), "c");
    assert_eq!(style(8).fg, Some(ratatui::style::Color::Red));
    assert_ne!(style(2).fg, Some(ratatui::style::Color::Red));
    assert!(render(&app)[0].contains("unknown field colour:"));
}

#[test]
fn an_open_group_or_a_lone_or_is_named_in_the_bar() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 120, 40);
    press(&mut app, &runner, key(KeyCode::Char('/')));
    type_keys(&mut app, &runner, "(river | tabular)");
    let good = titles(&app);
    assert_eq!(
        good,
        [
            "Tabular data in plain text",
            "A long essay about rivers and stones"
        ]
    );
    type_keys(&mut app, &runner, " -(stone date:2021");
    assert_eq!(titles(&app), good, "the list keeps the last good result");
    let error = app.filter.error.clone().expect("an error");
    assert_eq!((error.term.as_str(), error.span), ("-(", 18..20));
    assert!(
        render(&app)[0].contains("-(: the group is not closed: add a ) at its end"),
        "{}",
        render(&app)[0]
    );
    type_keys(&mut app, &runner, ")");
    assert!(app.filter.error.is_none());
    assert_eq!(titles(&app), ["Tabular data in plain text"]);
    type_keys(&mut app, &runner, " OR");
    let error = app.filter.error.clone().expect("an error");
    assert_eq!((error.term.as_str(), error.span), ("OR", 37..39));
    assert!(render(&app)[0].contains("OR: needs a term on each side"));
    assert_eq!(titles(&app), ["Tabular data in plain text"]);
}

#[test]
fn the_history_walks_back_and_forth_and_is_kept_across_runs() {
    let dir = store_dir();
    let state = tempfile::tempdir().expect("state dir");
    let path = state.path().join("folio/history");
    let (mut app, _) = app_for(dir.path(), 120, 40);
    let runner = runner_keeping(
        Store::new(vec![Root::Folder(dir.path().to_owned())]),
        Some(path.clone()),
        None,
    );
    for query in ["river", "tabs", "river", ""] {
        press(&mut app, &runner, key(KeyCode::Char('/')));
        press(&mut app, &runner, ctrl('u'));
        type_keys(&mut app, &runner, query);
        press(&mut app, &runner, key(KeyCode::Enter));
    }
    assert_eq!(app.filter.history.entries(), ["tabs", "river"]);
    assert_eq!(
        std::fs::read_to_string(&path).expect("history written"),
        "tabs\nriver\n"
    );
    press(&mut app, &runner, key(KeyCode::Char('/')));
    type_keys(&mut app, &runner, "dra");
    press(&mut app, &runner, key(KeyCode::Up));
    assert_eq!(app.filter.input.text(), "river");
    assert_eq!(titles(&app), ["A long essay about rivers and stones"]);
    press(&mut app, &runner, key(KeyCode::Up));
    assert_eq!(app.filter.input.text(), "tabs");
    press(&mut app, &runner, key(KeyCode::Up));
    assert_eq!(app.filter.input.text(), "tabs", "the oldest stays");
    press(&mut app, &runner, key(KeyCode::Down));
    press(&mut app, &runner, key(KeyCode::Down));
    assert_eq!(app.filter.input.text(), "dra", "back to what was typed");
    assert_eq!(app.mode(), Mode::Filter);

    let loaded = history_file::load(&path);
    assert_eq!(loaded, ["tabs", "river"]);
    std::fs::write(&path, b"\xff\xfe garbled \x00\n").expect("garble");
    let _ = history_file::load(&path);
}

#[test]
fn s_cycles_the_sort_and_relevance_needs_words() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 120, 40);
    let by_date = titles(&app);
    assert_eq!(app.sort, Sort::Date);
    assert!(left_text(&app, true).contains("newest first"));
    press(&mut app, &runner, key(KeyCode::Char('s')));
    assert_eq!(app.sort, Sort::Oldest);
    assert!(left_text(&app, true).contains("oldest first"));
    let mut oldest = by_date.clone();
    oldest.reverse();
    assert_eq!(titles(&app), oldest, "every fixture article has a date");
    press(&mut app, &runner, key(KeyCode::Char('s')));
    assert_eq!(app.sort, Sort::Title);
    assert!(left_text(&app, true).contains("by title"));
    let mut sorted = by_date.clone();
    sorted.sort_by_key(|t| t.to_lowercase());
    assert_eq!(titles(&app), sorted);
    press(&mut app, &runner, key(KeyCode::Char('s')));
    assert_eq!(app.sort, Sort::Relevance);
    assert_eq!(titles(&app), by_date, "no words: newest first");
    assert!(
        left_text(&app, true).contains("no words"),
        "{}",
        left_text(&app, true)
    );
    // "river" is in one title and many times in one text; "stone" in both.
    press(&mut app, &runner, key(KeyCode::Char('/')));
    type_keys(&mut app, &runner, "a");
    press(&mut app, &runner, key(KeyCode::Enter));
    assert!(left_text(&app, true).contains("by relevance"));
    let ranked = titles(&app);
    assert_eq!(
        ranked[0], "A long essay about rivers and stones",
        "{ranked:?}"
    );
    press(&mut app, &runner, key(KeyCode::Char('s')));
    assert_eq!(app.sort, Sort::Date);
    let dated: Vec<usize> = app.list.visible.clone();
    assert!(dated.windows(2).all(|w| w[0] < w[1]), "newest first again");
}

#[test]
fn n_and_shift_n_scroll_to_the_matches() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 120, 40);
    press(&mut app, &runner, key(KeyCode::Char('/')));
    type_keys(&mut app, &runner, "river");
    press(&mut app, &runner, key(KeyCode::Enter));
    press(&mut app, &runner, key(KeyCode::Enter));
    assert_eq!(app.mode(), Mode::Reader);
    let matches = app.reader.matches.clone();
    assert!(matches.len() > 20, "{matches:?}");
    assert_eq!(matches[0], 0, "the title's match comes first");
    let height = app.reader.height;
    // Opened on the first match in the text (the title's is the first of all).
    let start = app.reader.current_match.expect("on a match");
    assert_eq!(app.reader.cursor, matches[start]);
    assert!(start >= 1, "past the title's");
    press(&mut app, &runner, key(KeyCode::Char('n')));
    assert_eq!(
        app.notice.as_deref(),
        Some(format!("match {} of {}", start + 2, matches.len()).as_str())
    );
    assert!(left_text(&app, true).contains(&format!("match {} of", start + 2)));
    // Past the first page, n scrolls the match into view.
    let beyond = matches
        .iter()
        .position(|&l| l >= height)
        .expect("a later match");
    for _ in start + 1..beyond {
        press(&mut app, &runner, key(KeyCode::Char('n')));
    }
    let line = matches[beyond];
    assert!(app.reader.scroll > 0);
    assert!(app.reader.scroll <= line && line < app.reader.scroll + height);
    press(&mut app, &runner, key(KeyCode::Char('N')));
    assert_eq!(
        app.notice.as_deref(),
        Some(format!("match {} of {}", beyond, matches.len()).as_str())
    );
    press(&mut app, &runner, key(KeyCode::Char('G')));
    let last = format!("match {0} of {0}", matches.len());
    for _ in 0..matches.len() {
        press(&mut app, &runner, key(KeyCode::Char('n')));
        if app.notice.as_deref() == Some(last.as_str()) {
            break;
        }
    }
    assert_eq!(app.notice.as_deref(), Some(last.as_str()));
    press(&mut app, &runner, key(KeyCode::Char('n')));
    assert_eq!(
        app.notice.clone(),
        Some(format!("match 1 of {}", matches.len())),
        "n after the last goes round to the first"
    );
    assert_eq!(app.reader.scroll, 0);
    // Marked in the reader: the title's "rivers", the current match, stands out from
    // the others.
    let buffer = buffer(&app);
    let others = (text_rows(&app))
        .flat_map(|(x, y)| buffer.cell((x, y)))
        .filter(|c| app.settings.theme.is_highlight(c.style()))
        .count();
    assert!(others > 0, "other matches are marked");
    let text = app.areas.text;
    let row: String = (text.x..text.right())
        .map(|x| buffer[(x, text.y)].symbol().to_owned())
        .collect();
    let at = row.find("rivers").expect("the title");
    let cell = &buffer[(text.x + at as u16, text.y)];
    assert_eq!(
        cell.style().bg,
        app.settings.theme.current.bg,
        "the current match: {cell:?}"
    );
    press(&mut app, &runner, key(KeyCode::Char('j')));
    press(&mut app, &runner, key(KeyCode::Char('k')));
    assert_eq!(app.reader.current_match, Some(0));
    // No filter, no matches.
    press(&mut app, &runner, key(KeyCode::Esc));
    press(&mut app, &runner, key(KeyCode::Esc));
    press(&mut app, &runner, key(KeyCode::Enter));
    press(&mut app, &runner, key(KeyCode::Char('n')));
    assert_eq!(app.notice.as_deref(), Some("no matches"));
    assert!(app.reader.matches.is_empty());
}

#[test]
fn an_article_opened_from_a_filtered_list_has_the_cursor_on_the_first_match() {
    let dir = tempfile::tempdir().unwrap();
    let filler: Vec<String> = (0..60)
        .map(|n| format!("Paragraph {n} is about the weather over the estuary."))
        .collect();
    let text = format!(
        "Birds of the estuary\n\n{}\n\nA kingfisher sat on the post.\n\nLater a second kingfisher came.\n",
        filler.join("\n\n")
    );
    std::fs::write(dir.path().join("birds.txt"), text).unwrap();
    std::fs::write(dir.path().join("other.txt"), "Other\n\nNothing here.\n").unwrap();
    for width in [120, 60] {
        let (mut app, runner) = app_for(dir.path(), width, 30);
        press(&mut app, &runner, key(KeyCode::Char('/')));
        type_keys(&mut app, &runner, "kingfisher");
        press(&mut app, &runner, key(KeyCode::Enter));
        press(&mut app, &runner, key(KeyCode::Enter));
        assert_eq!(app.mode(), Mode::Reader);
        let cursor = app.reader.cursor;
        assert!(
            reader_line(&app, cursor).contains("A kingfisher sat"),
            "at {width}: {:?}",
            reader_line(&app, cursor)
        );
        assert!(app.reader.scroll > 0 && cursor < app.reader.scroll + app.reader.height);
        press(&mut app, &runner, key(KeyCode::Char('n')));
        assert!(reader_line(&app, app.reader.cursor).contains("second kingfisher"));
        assert_eq!(app.notice.as_deref(), Some("match 2 of 2"));
    }
}

#[test]
fn the_first_match_follows_the_query_as_typed_and_wins_over_the_place_left() {
    let dir = tempfile::tempdir().unwrap();
    let filler: Vec<String> = (0..40)
        .map(|n| format!("Paragraph {n} is about the weather over the estuary."))
        .collect();
    let text = format!(
        "Birds of the estuary\n\nA heron stood in the shallows.\n\n{0}\n\nA kingfisher sat on the post.\n\n{0}\n\nAt dusk the heron and the kingfisher were gone.\n",
        filler.join("\n\n"),
    );
    std::fs::write(dir.path().join("birds.txt"), text).unwrap();
    std::fs::write(
        dir.path().join("other.txt"),
        "Other birds\n\nA heron alone.\n",
    )
    .unwrap();
    let (mut app, runner) = app_for(dir.path(), 120, 30);
    press(&mut app, &runner, key(KeyCode::Char('/')));
    type_keys(&mut app, &runner, "kingfisher");
    assert_eq!(
        app.list.visible.len(),
        1,
        "the birds alone, previewed throughout"
    );
    assert!(app.reader.previewing());
    assert!(reader_line(&app, app.reader.cursor).contains("kingfisher sat"));
    // More typed: the preview's cursor goes to the first match of the whole query.
    type_keys(&mut app, &runner, " heron");
    press(&mut app, &runner, key(KeyCode::Enter));
    press(&mut app, &runner, key(KeyCode::Enter));
    assert_eq!(app.mode(), Mode::Reader);
    assert!(
        reader_line(&app, app.reader.cursor).contains("heron stood"),
        "{:?}",
        reader_line(&app, app.reader.cursor)
    );

    // Read to the end (past a later match) and left for the other article; back to
    // this one from the filtered list, the first match wins over the place left.
    std::fs::write(
        dir.path().join("other.txt"),
        "Other birds\n\nA heron, a kingfisher.\n",
    )
    .unwrap();
    let (mut app, runner) = app_for(dir.path(), 120, 30);
    press(&mut app, &runner, key(KeyCode::Char('/')));
    type_keys(&mut app, &runner, "kingfisher heron");
    press(&mut app, &runner, key(KeyCode::Enter));
    let birds = app
        .list
        .visible
        .iter()
        .position(|&i| app.articles[i].title.contains("Birds of"))
        .unwrap();
    for _ in 0..birds {
        press(&mut app, &runner, key(KeyCode::Char('j')));
    }
    press(&mut app, &runner, key(KeyCode::Enter));
    for _ in 0..8 {
        press(&mut app, &runner, key(KeyCode::PageDown));
    }
    press(&mut app, &runner, key(KeyCode::Char('q')));
    let away = if birds == 0 { 'j' } else { 'k' };
    let back = if birds == 0 { 'k' } else { 'j' };
    press(&mut app, &runner, key(KeyCode::Char(away)));
    press(&mut app, &runner, key(KeyCode::Char(back)));
    press(&mut app, &runner, key(KeyCode::Enter));
    assert!(
        reader_line(&app, app.reader.cursor).contains("heron stood"),
        "{:?}",
        reader_line(&app, app.reader.cursor)
    );
}

#[test]
fn list_titles_mark_the_matches_in_view() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 120, 40);
    press(&mut app, &runner, key(KeyCode::Char('/')));
    type_keys(&mut app, &runner, "東京");
    let buffer = buffer(&app);
    let rows = render(&app);
    let row = rows
        .iter()
        .position(|r| r.contains("東京の朝"))
        .expect("row");
    let marked: Vec<&str> = (0..app.areas.list.width)
        .map(|x| &buffer[(x, row as u16)])
        .filter(|c| app.settings.theme.is_highlight(c.style()))
        .map(|c| c.symbol())
        .collect();
    assert_eq!(marked.join(""), "東京", "{marked:?}");
}

/// Every cell of the reader's text area.
fn text_rows(app: &App) -> impl Iterator<Item = (u16, u16)> {
    let text = app.areas.text;
    (text.y..text.bottom()).flat_map(move |y| (text.x..text.right()).map(move |x| (x, y)))
}

#[test]
fn the_history_read_at_start_is_cleaned_deduplicated_and_capped() {
    let dir = store_dir();
    let state = tempfile::tempdir().expect("state dir");
    let path = state.path().join("history");
    let mut text = String::from("river\n\n  \nold \u{1b}[31mred\nriver\n");
    for n in 0..250 {
        text.push_str(&format!("query {n}\n"));
    }
    text.push_str("river\n");
    std::fs::write(&path, text).expect("write history");
    let (mut app, _) = app_for(dir.path(), 120, 40);
    let runner = runner_keeping(
        Store::new(vec![Root::Folder(dir.path().to_owned())]),
        Some(path),
        None,
    );
    folio::tui::runtime::road::start(&mut app, &runner);
    let entries = app.filter.history.entries();
    assert_eq!(entries.len(), folio::tui::state::history::MAX_HISTORY);
    assert_eq!(
        entries.last().map(String::as_str),
        Some("river"),
        "the latest kept"
    );
    assert_eq!(entries.iter().filter(|e| *e == "river").count(), 1, "once");
    assert_eq!(entries[0], "query 51", "the oldest go first");
    assert!(
        entries
            .iter()
            .all(|e| !e.trim().is_empty() && !e.contains('\u{1b}'))
    );
}

#[test]
fn enter_right_after_a_query_acts_on_its_answer_never_on_an_older_one() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 120, 40);
    press(&mut app, &runner, key(KeyCode::Char('/')));
    // Typed, its search not yet answered: the list still shows every article.
    let mut asked = None;
    for c in "tabs".chars() {
        asked = app.update(folio::tui::Action::Insert(c)).or(asked);
    }
    let Some(folio::tui::Effect::Search(query)) = asked else {
        panic!("a search is asked for: {asked:?}");
    };
    assert_eq!(app.list.visible.len(), 6);
    assert_eq!(
        app.update(folio::tui::Action::FilterAccept),
        Some(folio::tui::Effect::SaveHistory(vec!["tabs".to_owned()]))
    );
    assert_eq!(
        app.update(folio::tui::Action::Open),
        None,
        "no row of the old list opens"
    );
    let tabs = app
        .articles
        .iter()
        .position(|a| a.title.starts_with("Tabular data"))
        .expect("the tabs article");
    let opened = app.finish(folio::tui::Outcome::Searched {
        query,
        matches: vec![(tabs, 1.0)],
        pending: false,
    });
    assert_eq!(
        opened,
        Some(folio::tui::Effect::LoadArticle(tabs)),
        "the answer's first opens"
    );
    let _ = runner;
}
