//! Bookmarking in the reader, with no terminal: selecting lines and keeping them, the
//! paragraph under the cursor, the note prompt, the marks in the reading pane, the
//! bookmarks pane (filter, open, edit, delete, undo), a bookmarks file that must not be
//! touched, and what is kept about the articles read (`is:unread`, the place in each). Each test keeps its bookmarks in a data folder of its own.

mod tui_support;

use std::path::{Path, PathBuf};

use tempfile::TempDir;

use crossterm::event::KeyCode;
use folio::bookmarks::{Bookmark, BookmarkFile};
use folio::store::{Root, Store};
use folio::tui::Action;
use folio::tui::App;
use folio::tui::effects::messages::Effect;
use folio::tui::effects::reading_writer;
use folio::tui::effects::runner::{Runner, Setup};
use folio::tui::input::keymap::Mode;
use folio::tui::runtime::road;
use folio::tui::state::Focus;
use tui_support::*;

/// A copy of the fixture store, an empty data folder, and the app on them as a first
/// run sees them (the folders last as long as the caller keeps them).
fn first_run() -> (TempDir, TempDir, App, Runner) {
    let (dir, data) = (store_dir(), tempfile::tempdir().unwrap());
    let (app, runner) = app_keeping(dir.path(), data.path());
    (dir, data, app, runner)
}

/// The app for the fixture store in `dir`, keeping bookmarks and reading state in `data`.
fn app_keeping(dir: &Path, data: &Path) -> (App, Runner) {
    let (mut app, _) = app_for(dir, 120, 40);
    let store = Store::new(vec![Root::Folder(dir.to_owned())]);
    let runner = runner_keeping(store, None, Some(data));
    road::start(&mut app, &runner);
    let reading = folio::reading::ReadingFile::in_folder(data);
    road::receive(&mut app, &runner, reading_writer::read_state(&reading));
    (app, runner)
}

fn on_disk(data: &Path) -> Vec<Bookmark> {
    BookmarkFile::in_folder(data)
        .read()
        .expect("the bookmarks file reads")
        .list
}

/// The words a line shows, as one string (for comparing with a quote, whitespace aside).
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn line_text(app: &App, line: usize) -> String {
    app.reader.lines[line]
        .spans
        .iter()
        .map(|s| s.content.as_ref())
        .collect()
}

#[test]
fn selected_lines_are_kept_as_the_passage_with_a_note() {
    let (_dir, data, mut app, runner) = first_run();
    open_titled(&mut app, &runner, "long essay");
    let first = app.reader.cursor;
    press(&mut app, &runner, key(KeyCode::Char('j')));
    press(&mut app, &runner, key(KeyCode::Char('v')));
    assert_eq!(app.mode(), Mode::Select);
    press(&mut app, &runner, key(KeyCode::Char('j')));
    press(&mut app, &runner, key(KeyCode::Down));
    assert_eq!(app.reader.selection(), Some(first + 1..=first + 3));
    press(&mut app, &runner, key(KeyCode::Char('b')));
    assert_eq!(app.mode(), Mode::Note, "the note prompt follows");

    let saved = on_disk(data.path());
    assert_eq!(saved.len(), 1, "written at once, before the note");
    let expected: Vec<String> = (first + 1..=first + 3)
        .map(|l| line_text(&app, l))
        .collect();
    assert_eq!(words(saved[0].quote()), words(&expected.join(" ")));
    assert!(saved[0].path.ends_with("2021-07-04-long-essay.txt"));
    assert_eq!(saved[0].title, "A long essay about rivers and stones");
    assert_eq!(saved[0].note, None);

    type_keys(&mut app, &runner, "the harbour list 📚");
    press(&mut app, &runner, key(KeyCode::Enter));
    assert_eq!(app.mode(), Mode::Reader);
    let saved = on_disk(data.path());
    assert_eq!(saved[0].note.as_deref(), Some("the harbour list 📚"));

    let marked: Vec<usize> = (0..app.reader.lines.len())
        .filter(|&l| app.reader.is_bookmarked(l))
        .collect();
    assert_eq!(marked, (first + 1..=first + 3).collect::<Vec<_>>());
    let screen = render(&app);
    let gutter = app.areas.text.x as usize - 1;
    let row = app.areas.text.y as usize + first + 2 - app.reader.scroll;
    assert_eq!(
        screen[row].chars().nth(gutter),
        Some('▌'),
        "{}",
        screen[row]
    );
}

#[test]
fn escape_cancels_a_selection_and_nothing_is_kept() {
    let (_dir, data, mut app, runner) = first_run();
    open_titled(&mut app, &runner, "long essay");
    press(&mut app, &runner, key(KeyCode::Char('v')));
    press(&mut app, &runner, key(KeyCode::Char('}')));
    press(&mut app, &runner, key(KeyCode::Esc));
    assert_eq!(app.mode(), Mode::Reader);
    assert_eq!(app.reader.selection(), None);
    assert!(!data.path().join("bookmarks.toml").exists());
}

#[test]
fn capital_b_keeps_the_paragraph_under_the_cursor_in_markdown_source() {
    let (_dir, data, mut app, runner) = first_run();
    open_titled(&mut app, &runner, "tour of the reading pane");
    // The cursor starts on the first paragraph, which has emphasis and a link.
    press(&mut app, &runner, key(KeyCode::Char('B')));
    press(&mut app, &runner, key(KeyCode::Enter)); // no note
    let saved = on_disk(data.path());
    assert_eq!(saved.len(), 1);
    assert_eq!(
        saved[0].quote(),
        "Plain text with *emphasis*, **strong words**, `inline code` and a\n\
         [link to the docs](https://example.com/docs) that shows its address."
    );
    assert_eq!(
        saved[0].note, None,
        "Enter on an empty prompt keeps no note"
    );

    // The same paragraph again is not a second bookmark: the prompt edits its note.
    press(&mut app, &runner, key(KeyCode::Char('B')));
    assert_eq!(app.mode(), Mode::Note);
    type_keys(&mut app, &runner, "markup");
    press(&mut app, &runner, key(KeyCode::Enter));
    let saved = on_disk(data.path());
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].note.as_deref(), Some("markup"));

    // `}` goes to the next paragraph, the heading.
    press(&mut app, &runner, key(KeyCode::Char('}')));
    press(&mut app, &runner, key(KeyCode::Char('B')));
    press(&mut app, &runner, key(KeyCode::Esc));
    assert_eq!(on_disk(data.path())[1].quote(), "Lists");
}

#[test]
fn the_bookmarks_pane_filters_opens_edits_deletes_and_undoes() {
    let (_dir, data, mut app, runner) = first_run();
    open_titled(&mut app, &runner, "long essay");
    press(&mut app, &runner, key(KeyCode::Char('}')));
    let essay_line = app.reader.cursor;
    press(&mut app, &runner, key(KeyCode::Char('B')));
    type_keys(&mut app, &runner, "stones");
    press(&mut app, &runner, key(KeyCode::Enter));
    press(&mut app, &runner, key(KeyCode::Esc));
    open_titled(&mut app, &runner, "tour of the reading pane");
    press(&mut app, &runner, key(KeyCode::Char('B')));
    press(&mut app, &runner, key(KeyCode::Enter));
    press(&mut app, &runner, key(KeyCode::Esc));

    press(&mut app, &runner, key(KeyCode::Char('\'')));
    assert_eq!(app.mode(), Mode::Bookmarks);
    let shown = |app: &App| -> Vec<String> {
        app.bookmarks
            .shown
            .iter()
            .map(|&i| app.bookmarks.list[i].title.clone())
            .collect()
    };
    assert_eq!(
        shown(&app),
        [
            "A tour of the reading pane",
            "A long essay about rivers and stones"
        ],
        "newest first"
    );
    assert!(screen(&app).contains("2 bookmarks"));

    // The filter bar filters the pane: by the note here.
    press(&mut app, &runner, key(KeyCode::Char('/')));
    type_keys(&mut app, &runner, "stones");
    assert_eq!(shown(&app), ["A long essay about rivers and stones"]);
    let bar = screen(&app).lines().next().unwrap_or_default().to_owned();
    assert!(bar.contains("1 of 2"), "the bar counts bookmarks: {bar}");
    press(&mut app, &runner, key(KeyCode::Enter));
    assert_eq!(app.mode(), Mode::Bookmarks);

    // Enter reads the article at the passage.
    press(&mut app, &runner, key(KeyCode::Enter));
    assert_eq!(app.focus, Focus::Reader);
    assert!(
        app.reader
            .document()
            .unwrap()
            .article
            .title
            .contains("long essay")
    );
    assert_eq!(app.reader.cursor, essay_line);
    assert!(app.reader.is_bookmarked(essay_line));
    press(&mut app, &runner, key(KeyCode::Esc));
    assert_eq!(app.mode(), Mode::Bookmarks, "back to the pane it came from");

    // e edits the note, starting from the note as it is.
    press(&mut app, &runner, key(KeyCode::Char('e')));
    assert_eq!(app.prompt.as_ref().unwrap().input.text(), "stones");
    type_keys(&mut app, &runner, " and rivers");
    press(&mut app, &runner, key(KeyCode::Enter));
    let essay = |list: &[Bookmark]| {
        list.iter()
            .find(|b| b.title.contains("long essay"))
            .cloned()
    };
    let before = essay(&on_disk(data.path())).unwrap();
    assert_eq!(before.note.as_deref(), Some("stones and rivers"));

    // d deletes it from the file; u puts the same bookmark back.
    press(&mut app, &runner, key(KeyCode::Char('d')));
    assert!(essay(&on_disk(data.path())).is_none());
    assert_eq!(on_disk(data.path()).len(), 1);
    assert!(
        app.bookmarks.shown.is_empty(),
        "the filter still shows only that one"
    );
    press(&mut app, &runner, key(KeyCode::Char('u')));
    assert_eq!(essay(&on_disk(data.path())), Some(before));
    assert_eq!(on_disk(data.path()).len(), 2);

    // ' goes back to the articles.
    press(&mut app, &runner, key(KeyCode::Char('\'')));
    assert_eq!(app.mode(), Mode::List);
}

#[test]
fn bookmarks_made_elsewhere_meanwhile_are_kept() {
    let (dir, data, mut app, runner) = first_run();
    // Another folio (or `folio bookmarks add`) writes a bookmark after this one started.
    let essay = dir.path().join("2021-07-04-long-essay.txt");
    let document = folio::bookmarks::load_article(&essay, &folio::store::Kinds::default()).unwrap();
    let other = Bookmark::new(&essay, &document, "morning light", None).unwrap();
    BookmarkFile::in_folder(data.path())
        .update(|b| b.list.push(other.clone()))
        .unwrap();

    open_titled(&mut app, &runner, "tour of the reading pane");
    press(&mut app, &runner, key(KeyCode::Char('B')));
    press(&mut app, &runner, key(KeyCode::Esc));
    let ids: Vec<String> = on_disk(data.path()).into_iter().map(|b| b.id).collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&other.id));
    assert_eq!(
        app.bookmarks.list.len(),
        2,
        "the pane shows the file as it now stands"
    );
}

#[test]
fn a_damaged_bookmarks_file_is_read_only_and_left_as_it_is() {
    let dir = store_dir();
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("bookmarks.toml");
    let damaged = b"version = 1\n[[bookmark]]\nid = \"x\nquote = \xff\n";
    std::fs::write(&file, damaged).unwrap();
    let (mut app, runner) = app_keeping(dir.path(), data.path());
    let why = app.bookmarks.read_only.clone().expect("read-only");
    assert!(why.contains("bookmarks.toml"), "{why}");
    open_titled(&mut app, &runner, "long essay");
    press(&mut app, &runner, key(KeyCode::Char('B')));
    assert_eq!(app.mode(), Mode::Reader, "no note prompt: nothing was kept");
    assert!(
        app.notice.as_deref().unwrap_or("").contains("read-only"),
        "{:?}",
        app.notice
    );
    press(&mut app, &runner, key(KeyCode::Char('\'')));
    assert!(screen(&app).contains("read-only"));
    assert_eq!(std::fs::read(&file).unwrap(), damaged);
}

#[test]
fn the_mouse_puts_the_cursor_on_a_line_and_picks_a_bookmark() {
    use folio::tui::Action;
    let (_dir, _data, mut app, runner) = first_run();
    open_titled(&mut app, &runner, "long essay");
    let text = app.areas.text;
    apply(
        &mut app,
        &runner,
        Action::Click {
            column: text.x + 3,
            row: text.y + 5,
        },
    );
    assert_eq!(app.reader.cursor, app.reader.scroll + 5);
    press(&mut app, &runner, key(KeyCode::Char('B')));
    press(&mut app, &runner, key(KeyCode::Esc));
    open_titled(&mut app, &runner, "tour of the reading pane");
    press(&mut app, &runner, key(KeyCode::Char('B')));
    press(&mut app, &runner, key(KeyCode::Esc));
    press(&mut app, &runner, key(KeyCode::Char('\'')));
    let list = app.areas.list;
    // Each bookmark takes two rows: the second bookmark starts on the third row.
    let second = Action::Click {
        column: list.x + 2,
        row: list.y + 3,
    };
    apply(&mut app, &runner, second);
    assert_eq!(app.bookmarks.window.selected, 1);
    assert_eq!(app.focus, Focus::List);
    apply(&mut app, &runner, second);
    assert_eq!(app.focus, Focus::Reader, "a second click reads it");
    assert!(
        app.reader
            .document()
            .unwrap()
            .article
            .title
            .contains("long essay")
    );
    assert!(app.reader.is_bookmarked(app.reader.cursor));
}

#[test]
fn articles_read_and_where_are_kept_across_runs() {
    use folio::reading::ReadingFile;
    let dir = store_dir();
    let data = tempfile::tempdir().unwrap();
    let essay = dir
        .path()
        .canonicalize()
        .unwrap()
        .join("2021-07-04-long-essay.txt");
    let (mut app, runner) = app_keeping(dir.path(), data.path());
    open_titled(&mut app, &runner, "long essay");
    press(&mut app, &runner, key(KeyCode::Char(' ')));
    press(&mut app, &runner, key(KeyCode::Char(' ')));
    let place = app.reader.position().expect("text in view");
    let text = app.reader.document().unwrap().body.text();
    for effect in app.farewell() {
        runner.run(&effect, &app.articles, &app.marks);
    }
    drop(runner); // writes what is queued

    let reading = ReadingFile::in_folder(data.path()).read().unwrap();
    assert!(reading.is_read(&essay), "{reading:?}");
    assert_eq!(
        reading.position(&essay),
        Some(text[..place].chars().count())
    );
    assert_eq!(reading.read_paths().count(), 1);

    // The next run opens the essay where it was left, and `is:unread` leaves it out.
    let (mut app, runner) = app_keeping(dir.path(), data.path());
    press(&mut app, &runner, key(KeyCode::Char('/')));
    type_keys(&mut app, &runner, "is:unread");
    press(&mut app, &runner, key(KeyCode::Enter));
    let unread = titles(&app);
    assert_eq!(unread.len(), 5, "{unread:?}");
    assert!(!unread.iter().any(|t| t.contains("long essay")));
    press(&mut app, &runner, key(KeyCode::Char('/')));
    press(&mut app, &runner, ctrl('u'));
    type_keys(&mut app, &runner, "-is:unread");
    press(&mut app, &runner, key(KeyCode::Enter));
    assert_eq!(titles(&app), ["A long essay about rivers and stones"]);
    press(&mut app, &runner, key(KeyCode::Enter));
    assert_eq!(app.reader.position(), Some(place));

    // m marks it unread again (its place is kept).
    press(&mut app, &runner, key(KeyCode::Char('m')));
    assert_eq!(app.notice.as_deref(), Some("marked unread"));
    drop(runner);
    let reading = ReadingFile::in_folder(data.path()).read().unwrap();
    assert!(!reading.is_read(&essay));
    assert_eq!(
        reading.position(&essay),
        Some(text[..place].chars().count())
    );

    // Unread again, it still opens where it was left in the next run.
    let (mut app, runner) = app_keeping(dir.path(), data.path());
    open_titled(&mut app, &runner, "long essay");
    assert_eq!(app.reader.position(), Some(place));
}

#[test]
fn is_bookmarked_in_the_bar_follows_the_bookmarks_made() {
    let (_dir, _data, mut app, runner) = first_run();
    press(&mut app, &runner, key(KeyCode::Char('/')));
    type_keys(&mut app, &runner, "is:bookmarked");
    press(&mut app, &runner, key(KeyCode::Enter));
    assert!(titles(&app).is_empty());
    // Read an article found another way, bookmark it: the list follows.
    let essay = app
        .articles
        .iter()
        .position(|a| a.title.contains("long essay"))
        .unwrap();
    apply(
        &mut app,
        &runner,
        folio::tui::Action::Resize {
            width: 120,
            height: 40,
        },
    );
    let loaded = runner
        .run(
            &folio::tui::Effect::LoadArticle(essay),
            &app.articles,
            &app.marks,
        )
        .unwrap();
    if let Some(effect) = app.finish(loaded) {
        runner.run(&effect, &app.articles, &app.marks);
    }
    press(&mut app, &runner, key(KeyCode::Char('B')));
    assert_eq!(titles(&app), ["A long essay about rivers and stones"]);
    press(&mut app, &runner, key(KeyCode::Esc));
    press(&mut app, &runner, key(KeyCode::Esc));
    press(&mut app, &runner, key(KeyCode::Char('\'')));
    press(&mut app, &runner, key(KeyCode::Char('d')));
    assert!(titles(&app).is_empty(), "deleted: no longer bookmarked");
}

/// Bookmarks the paragraph at the top of the Markdown tour and goes back to the list;
/// returns the tour's path in `dir`.
fn bookmark_the_tours_paragraph(app: &mut App, runner: &Runner, dir: &Path) -> PathBuf {
    open_titled(app, runner, "tour of the reading pane");
    press(app, runner, key(KeyCode::Char('B')));
    press(app, runner, key(KeyCode::Esc));
    press(app, runner, key(KeyCode::Esc));
    dir.join("2024-05-02-markdown-tour.md")
}

#[test]
fn a_passage_gone_from_its_article_is_kept_and_shown_as_not_found() {
    let (dir, data, mut app, runner) = first_run();
    let tour = bookmark_the_tours_paragraph(&mut app, &runner, dir.path());
    let text = std::fs::read_to_string(&tour).unwrap();
    let first = text.find("Plain text with").unwrap();
    let end = text.find("## Lists").unwrap();
    std::fs::write(&tour, format!("{}{}", &text[..first], &text[end..])).unwrap();

    press(&mut app, &runner, key(KeyCode::Char('\'')));
    assert_eq!(app.bookmarks.gone.len(), 1);
    let screen = screen(&app);
    assert!(
        screen.contains("not found: \u{201c}Plain text with"),
        "{screen}"
    );
    press(&mut app, &runner, key(KeyCode::Enter));
    let notice = app.notice.clone().unwrap_or_default();
    assert!(
        notice.contains("no longer in the article") && notice.contains("Plain text with"),
        "{notice}"
    );
    assert_eq!(on_disk(data.path()).len(), 1, "kept all the same");
}

#[test]
fn looking_for_passages_leaves_the_loop_free_and_answers_later() {
    let (dir, data, mut app, runner) = first_run();
    let tour = bookmark_the_tours_paragraph(&mut app, &runner, dir.path());
    std::fs::write(&tour, "# A tour of the reading pane\n\nAll new words.\n").unwrap();
    drop(runner);

    // The runner as the reader makes it: its workers on threads of their own.
    let store = Store::new(vec![Root::Folder(dir.path().to_owned())]);
    let runner = Runner::new(Setup {
        data: Some(data.path().to_owned()),
        ..Setup::new(store)
    });
    let left = road::apply(&mut app, &runner, Action::ToggleBookmarks);
    assert_eq!(left, None);
    assert!(
        app.bookmarks.gone.is_empty(),
        "the key returns before any article is read"
    );
    assert!(app.busy(), "and the loop looks out for the answer");
    let waited = std::time::Instant::now();
    while app.bookmarks.gone.is_empty() && waited.elapsed() < std::time::Duration::from_secs(10) {
        std::thread::sleep(std::time::Duration::from_millis(10));
        road::receive_all(&mut app, &runner);
    }
    assert_eq!(
        app.bookmarks.gone.len(),
        1,
        "the answer arrives as an outcome"
    );
}

#[test]
fn an_article_whose_name_is_not_utf8_keeps_its_bookmark_and_place_across_runs() {
    use std::os::unix::ffi::OsStrExt;
    let dir = store_dir();
    let data = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"2024-07-01-caf\xe9 notes.txt");
    std::fs::write(
        dir.path().join(name),
        "Odd names\n\nA caf\u{e9} by the harbour kept its tables out all winter.\n",
    )
    .unwrap();
    let (mut app, runner) = app_keeping(dir.path(), data.path());
    open_titled(&mut app, &runner, "Odd names");
    press(&mut app, &runner, key(KeyCode::Char('B')));
    press(&mut app, &runner, key(KeyCode::Enter));
    press(&mut app, &runner, key(KeyCode::Esc));
    drop(runner);
    let saved = on_disk(data.path());
    assert_eq!(saved.len(), 1);
    assert_eq!(
        saved[0].path.file_name(),
        Some(name),
        "the path's own bytes"
    );

    // The next run marks the passage and counts the article bookmarked and read.
    let (mut app, runner) = app_keeping(dir.path(), data.path());
    let odd = app
        .articles
        .iter()
        .find(|a| a.title == "Odd names")
        .map(|a| a.location.clone())
        .unwrap();
    assert!(app.marks.is_bookmarked(&odd));
    assert!(!app.marks.is_unread(&odd));
    open_titled(&mut app, &runner, "Odd names");
    assert!(app.reader.is_bookmarked(app.reader.cursor));
}

#[test]
fn a_bookmark_that_cannot_be_written_stays_in_memory_and_the_user_is_told() {
    let dir = store_dir();
    let place = tempfile::tempdir().unwrap();
    let data = place.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let (mut app, runner) = app_keeping(dir.path(), &data);
    open_titled(&mut app, &runner, "long essay");
    // A folder takes the bookmarks file's place after folio started: it cannot be written.
    let file = data.join("bookmarks.toml");
    std::fs::create_dir(&file).unwrap();
    press(&mut app, &runner, key(KeyCode::Char('B')));
    let notice = app.notice.clone().unwrap_or_default();
    assert!(notice.contains("bookmarks not saved"), "{notice}");
    assert_eq!(app.bookmarks.list.len(), 1, "kept in memory");
    assert!(app.reader.is_bookmarked(app.reader.cursor));
    assert!(file.is_dir(), "left as it was");
}

#[test]
fn the_pane_keeps_its_selection_on_the_same_bookmark_when_the_file_changes() {
    let (_dir, data, mut app, runner) = first_run();
    for title in ["long essay", "tour of the reading pane", "Tabular data"] {
        open_titled(&mut app, &runner, title);
        press(&mut app, &runner, key(KeyCode::Char('B')));
        press(&mut app, &runner, key(KeyCode::Esc));
    }
    press(&mut app, &runner, key(KeyCode::Esc));
    press(&mut app, &runner, key(KeyCode::Char('\'')));
    press(&mut app, &runner, key(KeyCode::Char('j')));
    let chosen = app.bookmarks.selected().unwrap().clone();
    assert!(chosen.title.contains("tour"), "{}", chosen.title);
    // Another window deletes the oldest; this one's next write brings that in.
    let oldest = app.bookmarks.list[0].id.clone();
    BookmarkFile::in_folder(data.path())
        .update(|b| b.list.retain(|x| x.id != oldest))
        .unwrap();
    press(&mut app, &runner, key(KeyCode::Char('e')));
    type_keys(&mut app, &runner, "mine");
    press(&mut app, &runner, key(KeyCode::Enter));
    assert_eq!(app.bookmarks.list.len(), 2);
    assert_eq!(app.bookmarks.selected().unwrap().id, chosen.id);
    press(&mut app, &runner, key(KeyCode::Char('d')));
    let left: Vec<String> = on_disk(data.path()).into_iter().map(|b| b.title).collect();
    assert_eq!(left.len(), 1);
    assert!(
        left[0].contains("Tabular"),
        "the selected one went: {left:?}"
    );
}

#[test]
fn enter_on_an_unchanged_note_writes_nothing() {
    let (_dir, data, mut app, runner) = first_run();
    open_titled(&mut app, &runner, "long essay");
    press(&mut app, &runner, key(KeyCode::Char('B')));
    type_keys(&mut app, &runner, "first");
    press(&mut app, &runner, key(KeyCode::Enter));
    let file = data.path().join("bookmarks.toml");
    // A note written by hand on two lines: shown on one, kept as it is.
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("note = \"first\"", "note = \"line one\\nline two\"");
    std::fs::write(&file, &text).unwrap();
    press(&mut app, &runner, key(KeyCode::Esc));
    press(&mut app, &runner, key(KeyCode::Char('\'')));
    // The pane shows what this run knew; the file is read again on the next change.
    press(&mut app, &runner, key(KeyCode::Char('e')));
    press(&mut app, &runner, key(KeyCode::Enter));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
}

#[test]
fn a_failed_save_keeps_the_bookmark_and_saves_it_once_the_file_can_be_written() {
    let (_dir, data, mut app, runner) = first_run();
    open_titled(&mut app, &runner, "long essay");
    let file = data.path().join("bookmarks.toml");
    std::fs::create_dir(&file).unwrap(); // a write now fails, as on a full disk
    press(&mut app, &runner, key(KeyCode::Char('B')));
    assert!(
        app.notice
            .as_deref()
            .unwrap_or("")
            .contains("not saved yet"),
        "{:?}",
        app.notice
    );
    assert_eq!(app.mode(), Mode::Note, "the note can still be given");
    type_keys(&mut app, &runner, "kept");
    press(&mut app, &runner, key(KeyCode::Enter));
    assert_eq!(app.bookmarks.list.len(), 1, "kept in memory");
    assert_eq!(app.bookmarks.unsaved.len(), 2, "the bookmark and its note");
    press(&mut app, &runner, key(KeyCode::Char('j'))); // the notice goes; the count stays
    assert!(
        screen(&app).contains("2 bookmark changes not saved"),
        "{}",
        screen(&app)
    );
    assert!(
        folio::tui::runtime::unsaved::report(&app)
            .unwrap()
            .contains("Article stone a reader"),
        "at quit, the passage would be printed"
    );

    // The obstacle goes: the loop's next try writes both.
    std::fs::remove_dir(&file).unwrap();
    let retry = app.retry_unsaved().expect("a try again");
    folio::tui::runtime::road::carry_out(&mut app, &runner, retry);
    assert!(app.bookmarks.unsaved.is_empty());
    assert_eq!(app.notice.as_deref(), Some("bookmarks saved"));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("note = \"kept\""), "{text}");
    assert_eq!(folio::tui::runtime::unsaved::report(&app), None);
}

#[test]
fn an_article_left_at_its_top_opens_at_its_top_and_a_narrow_screen_keeps_the_place() {
    let (_dir, _data, mut app, runner) = first_run();
    open_titled(&mut app, &runner, "long essay");
    press(&mut app, &runner, key(KeyCode::Char('j')));
    open_titled(&mut app, &runner, "tour of the reading pane");
    open_titled(&mut app, &runner, "long essay");
    assert_eq!(app.reader.scroll, 0, "the title shows");

    folio::tui::state::App::update(
        &mut app,
        folio::tui::Action::Resize {
            width: 80,
            height: 24,
        },
    );
    for _ in 0..10 {
        press(&mut app, &runner, key(KeyCode::Char('j')));
    }
    let scroll = app.reader.scroll;
    press(&mut app, &runner, key(KeyCode::Tab));
    assert_eq!(app.focus, Focus::List);
    press(&mut app, &runner, key(KeyCode::Tab));
    assert_eq!(app.focus, Focus::Reader);
    assert_eq!(
        app.reader.scroll, scroll,
        "the list taking the screen moved nothing"
    );
}

#[test]
fn capital_b_after_a_byline_keeps_the_paragraph_under_the_cursor() {
    let (dir, data) = (news_dir(), tempfile::tempdir().unwrap());
    let (mut app, runner) = app_keeping(dir.path(), data.path());
    open_titled(&mut app, &runner, "ferry crews");
    // The cursor starts on the first paragraph after the byline, which the metadata shows.
    press(&mut app, &runner, key(KeyCode::Char('B')));
    press(&mut app, &runner, key(KeyCode::Enter));
    let text = app.reader.text.clone();
    let first = "PORT ELLEN, March 3 (Harbour Wire) -- Crews on the island ferries voted on \
                 Monday to walk out for two days later this month, in a dispute over a winter \
                 rota that their union says leaves too few hands on the night sailings.";
    let saved = on_disk(data.path());
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].quote(), first);
    assert_eq!(
        saved[0].selector.offset,
        "Harbour Wire) 09:15, March 4, 2025\n\n".chars().count()
    );
    assert!(saved[0].selector.prefix.ends_with("March 4, 2025\n\n"));

    // The next paragraph is the file's next line.
    press(&mut app, &runner, key(KeyCode::Char('}')));
    press(&mut app, &runner, key(KeyCode::Char('B')));
    press(&mut app, &runner, key(KeyCode::Enter));
    let saved = on_disk(data.path());
    let second = "The vote was 212 to 31, on a turnout of just under nine in ten.";
    assert_eq!(saved[1].quote(), second);
    assert_eq!(
        saved[1].selector.offset,
        text[..text.find(second).unwrap()].chars().count()
    );
}

#[test]
fn an_article_shown_before_the_reading_state_is_read_goes_to_its_place_and_keeps_it() {
    let (dir, data) = (store_dir(), tempfile::tempdir().unwrap());
    let (mut app, runner) = app_keeping(dir.path(), data.path());
    open_titled(&mut app, &runner, "long essay");
    for _ in 0..3 {
        press(&mut app, &runner, key(KeyCode::Char(' ')));
    }
    let place = app.reader.position().expect("text in view");
    for effect in app.farewell() {
        runner.run(&effect, &app.articles, &app.marks);
    }
    drop(runner);

    // The next run opens the essay before the kept places are read (a restored
    // session, a preview at start): it shows at the top until they come.
    let (mut app, _) = app_for(dir.path(), 120, 40);
    let store = Store::new(vec![Root::Folder(dir.path().to_owned())]);
    let runner = runner_keeping(store, None, Some(data.path()));
    road::start(&mut app, &runner);
    open_titled(&mut app, &runner, "long essay");
    assert_eq!(app.reader.scroll, 0);
    // Quitting now would not write the top over the place kept.
    assert!(
        app.farewell()
            .iter()
            .all(|effect| !matches!(effect, Effect::SaveReading(_))),
        "nothing known of the place: nothing written"
    );
    let reading = folio::reading::ReadingFile::in_folder(data.path());
    road::receive(&mut app, &runner, reading_writer::read_state(&reading));
    assert_eq!(app.reader.position(), Some(place), "where it was left");
}

#[test]
fn the_bookmarks_pane_previews_the_selected_bookmarks_article_at_its_passage() {
    let (_dir, _data, mut app, runner) = first_run();
    // A passage far into the essay, and one in another article.
    open_titled(&mut app, &runner, "long essay");
    for _ in 0..3 {
        press(&mut app, &runner, key(KeyCode::Char(' ')));
    }
    press(&mut app, &runner, key(KeyCode::Char('{'))); // the paragraph's first line
    let essay_passage = reader_line(&app, app.reader.cursor);
    press(&mut app, &runner, key(KeyCode::Char('B')));
    press(&mut app, &runner, key(KeyCode::Enter));
    open_titled(&mut app, &runner, "tour of the reading pane");
    press(&mut app, &runner, key(KeyCode::Char('B')));
    press(&mut app, &runner, key(KeyCode::Enter));
    press(&mut app, &runner, key(KeyCode::Char('q')));
    // Some other article shown beside the pane to start with.
    open_titled(&mut app, &runner, "Tabular data");
    press(&mut app, &runner, key(KeyCode::Char('q')));
    press(&mut app, &runner, key(KeyCode::Char('\'')));
    assert_eq!(app.mode(), Mode::Bookmarks);
    // Newest first: the tour's bookmark, then the essay's.
    let shown = |app: &App| app.articles[app.reader.open_index().unwrap()].title.clone();
    assert!(shown(&app).contains("tour"), "{}", shown(&app));
    assert!(app.reader.previewing());
    press(&mut app, &runner, key(KeyCode::Char('j')));
    assert!(shown(&app).contains("long essay"), "{}", shown(&app));
    assert!(app.reader.scroll > 0, "at the passage, far into the essay");
    assert_eq!(reader_line(&app, app.reader.cursor), essay_passage);
    assert_eq!(app.mode(), Mode::Bookmarks, "the pane keeps the keyboard");
}

/// The titles of the bookmarks the pane shows, in order.
fn pane_titles(app: &App) -> Vec<String> {
    app.bookmarks
        .shown
        .iter()
        .map(|&i| app.bookmarks.list[i].title.clone())
        .collect()
}

#[test]
fn a_reworded_passage_is_marked_changed_filtered_and_its_new_text_kept() {
    let (dir, data, mut app, runner) = first_run();
    open_titled(&mut app, &runner, "long essay");
    press(&mut app, &runner, key(KeyCode::Char('B')));
    press(&mut app, &runner, key(KeyCode::Esc));
    press(&mut app, &runner, key(KeyCode::Esc));
    let tour = bookmark_the_tours_paragraph(&mut app, &runner, dir.path());
    let text = std::fs::read_to_string(&tour).unwrap();
    let reworded = text.replace(
        "that shows its address.",
        "that shows the address it points at.",
    );
    assert_ne!(text, reworded);
    std::fs::write(&tour, reworded).unwrap();

    // The pane marks the passage changed, with the text now there.
    press(&mut app, &runner, key(KeyCode::Char('\'')));
    assert!(app.bookmarks.gone.is_empty());
    assert_eq!(app.bookmarks.changed.len(), 1);
    let screen = screen(&app);
    assert!(
        screen.contains("~ changed: \u{201c}Plain text with"),
        "{screen}"
    );

    // The reader marks the passage where it is now.
    let position = pane_titles(&app)
        .iter()
        .position(|t| t.contains("tour"))
        .unwrap();
    app.bookmarks.select(position);
    press(&mut app, &runner, key(KeyCode::Enter));
    assert_eq!(app.focus, Focus::Reader);
    assert!(app.reader.is_bookmarked(app.reader.cursor));
    assert!(
        words(&line_text(&app, app.reader.cursor)).starts_with("Plain text with"),
        "{}",
        line_text(&app, app.reader.cursor)
    );
    press(&mut app, &runner, key(KeyCode::Esc));
    assert_eq!(app.mode(), Mode::Bookmarks);

    // is:changed and is:missing filter the pane.
    press(&mut app, &runner, key(KeyCode::Char('/')));
    type_keys(&mut app, &runner, "is:missing");
    press(&mut app, &runner, key(KeyCode::Enter));
    assert!(pane_titles(&app).is_empty(), "{:?}", pane_titles(&app));
    press(&mut app, &runner, key(KeyCode::Char('/')));
    press(&mut app, &runner, ctrl('u'));
    type_keys(&mut app, &runner, "-is:changed");
    press(&mut app, &runner, key(KeyCode::Enter));
    assert_eq!(pane_titles(&app), ["A long essay about rivers and stones"]);
    press(&mut app, &runner, key(KeyCode::Char('/')));
    press(&mut app, &runner, ctrl('u'));
    type_keys(&mut app, &runner, "is:changed");
    press(&mut app, &runner, key(KeyCode::Enter));
    assert_eq!(pane_titles(&app), ["A tour of the reading pane"]);

    // a keeps the text now there as the quote; the file holds it.
    press(&mut app, &runner, key(KeyCode::Char('a')));
    assert!(app.bookmarks.changed.is_empty());
    let kept = on_disk(data.path());
    let kept = kept
        .iter()
        .find(|b| b.path == tour)
        .expect("the tour's bookmark");
    assert!(
        kept.quote().contains("shows the address it points at."),
        "{}",
        kept.quote()
    );
    assert!(
        kept.quote().starts_with("Plain text with"),
        "{}",
        kept.quote()
    );
    let now = folio::bookmarks::load_article(&tour, &Default::default()).unwrap();
    let anchor = kept.selector.anchor(&now.body.text()).expect("found");
    assert_eq!(anchor.method, folio::bookmarks::anchor::Method::Offset);
    assert!(pane_titles(&app).is_empty(), "no longer changed");
}

#[test]
fn shift_x_in_the_pane_writes_the_bookmarks_into_the_configured_vault() {
    let (_dir, _data, mut app, runner) = first_run();
    open_titled(&mut app, &runner, "long essay");
    press(&mut app, &runner, key(KeyCode::Char('B')));
    type_keys(&mut app, &runner, "for the vault");
    press(&mut app, &runner, key(KeyCode::Enter));
    press(&mut app, &runner, key(KeyCode::Esc));
    press(&mut app, &runner, key(KeyCode::Char('\'')));
    assert_eq!(app.mode(), Mode::Bookmarks);

    // No vault configured: said so, nothing written.
    press(&mut app, &runner, key(KeyCode::Char('X')));
    assert!(
        screen(&app).contains("no vault folder is set"),
        "{}",
        screen(&app)
    );

    let vault = tempfile::tempdir().unwrap();
    let settings = folio::tui::settings::Settings {
        vault: Some(vault.path().join("Reading")),
        ..Default::default()
    };
    app.configure(settings);
    press(&mut app, &runner, key(KeyCode::Char('X')));
    assert!(
        screen(&app).contains("1 new, 0 updated"),
        "{}",
        screen(&app)
    );
    let note = vault
        .path()
        .join("Reading/A long essay about rivers and stones.md");
    let text = std::fs::read_to_string(&note).expect("the article's note");
    assert!(
        text.contains("folio-article:") && text.contains("\nfor the vault\n"),
        "{text}"
    );
    // Again: nothing new.
    press(&mut app, &runner, key(KeyCode::Char('X')));
    assert!(
        screen(&app).contains("0 new, 0 updated, 1 unchanged"),
        "{}",
        screen(&app)
    );
}
