//! Shared helpers for the reader's tests: a fixture store in a temp dir (with a hostile
//! article written byte by byte), key presses taken down the reader's own road (the real
//! keymap, update, effect runner and workers, answering inline), and rendering to a
//! TestBackend as text.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crossterm::event::{KeyCode, KeyModifiers};
use folio::store::{Root, Store};
use folio::tui::effects::runner::{Runner, Setup, Workers};
use folio::tui::input::keymap::Key;
use folio::tui::runtime::road::{self, LoopEffect};
use folio::tui::settings::Settings;
use folio::tui::{Action, App, Keymap};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use unicode_width::UnicodeWidthStr;

/// An article with a header block and a web address, two paragraphs (the first
/// hard-wrapped), for the tests of handing off.
pub const PIER: &str = "Title: Fishing from the pier banned during repairs
Source: Island Post
Date: 2023-07-08
URL: https://post.example/news/2023/07/08/pier-fishing-ban

Anglers will have to use the beach for the rest of the summer while divers
replace the rotten piles under the end of the pier.

The harbour office said the work could not be done with lines in the water.
";

/// The hostile article: escape sequences, C1 controls, bidi overrides, BEL, backspace
/// and a bare CR.
pub const HOSTILE: &[u8] =
    b"Title: Hostile \x1b]0;PWNED\x07article\nDate: 2024-06-01\nSource: Evil \x1b[31mRed\n\n\
Title change: \x1b]0;PWNED\x07 done.\n\n\
Clipboard: \x1b]52;c;aGk=\x07 done.\n\n\
Clear screen: \x1b[2J done. C1 CSI: \xc2\x9b31m done. Bidi: abc\xe2\x80\xaedef done.\n\n\
Bell: \x07 backspace: abc\x08\x08XY carriage: hello\rWORLD done.\n";

/// 2020-01-01 12:00 UTC: the same calendar day in every time zone folio might see.
const FIXED_MTIME: u64 = 1_577_880_000;

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui/store")
}

/// A copy of the fixture store plus the hostile article, every file with a fixed mtime.
pub fn store_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in fs::read_dir(fixtures()).expect("fixtures") {
        let entry = entry.expect("fixture entry");
        fs::copy(entry.path(), dir.path().join(entry.file_name())).expect("copy fixture");
    }
    fs::write(dir.path().join("2024-06-01-hostile.txt"), HOSTILE).expect("write hostile");
    for entry in fs::read_dir(dir.path()).expect("temp dir") {
        let file = fs::File::options()
            .append(true)
            .open(entry.expect("entry").path())
            .expect("open");
        file.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(FIXED_MTIME))
            .expect("mtime");
    }
    dir
}

/// The app and effect runner for the store in `dir`, sized `width` x `height`.
pub fn app_for(dir: &Path, width: u16, height: u16) -> (App, Runner) {
    app_with(dir, Keymap::default(), None, width, height)
}

/// The same with `keymap`, and `settings` when given (else the defaults).
pub fn app_with(
    dir: &Path,
    keymap: Keymap,
    settings: Option<Settings>,
    width: u16,
    height: u16,
) -> (App, Runner) {
    let store = Store::new(vec![Root::Folder(dir.to_owned())]);
    app_on(store, "fixtures", keymap, settings, width, height)
}

/// The app on all of `store`, shown by `name` in the status bar, at `width` x `height`.
pub fn app_on(
    store: Store,
    name: &str,
    keymap: Keymap,
    settings: Option<Settings>,
    width: u16,
    height: u16,
) -> (App, Runner) {
    let scan = store.scan();
    let mut app = App::new(scan.articles, name.to_owned(), scan.problems.len(), keymap);
    if let Some(settings) = settings {
        app.configure(settings);
    }
    let runner = Runner::new(Setup {
        workers: Workers::Inline,
        ..Setup::new(store)
    });
    apply(&mut app, &runner, Action::Resize { width, height });
    (app, runner)
}

/// A runner for `store` as the reader makes it, its workers answering inline, keeping
/// the history at `history` and bookmarks and reading state in `data` when given.
pub fn runner_keeping(store: Store, history: Option<PathBuf>, data: Option<&Path>) -> Runner {
    Runner::new(Setup {
        history,
        data: data.map(Path::to_owned),
        workers: Workers::Inline,
        ..Setup::new(store)
    })
}

/// Applies `action` down the reader's road and takes in the answers it leads to, as the
/// loop does. Returns the effects left to the loop (quit, suspend).
pub fn apply(app: &mut App, runner: &Runner, action: Action) -> Vec<LoopEffect> {
    let mut left: Vec<LoopEffect> = road::apply(app, runner, action).into_iter().collect();
    left.extend(road::receive_all(app, runner));
    left
}

/// Presses `key` through the keymap in the app's current mode.
pub fn press(app: &mut App, runner: &Runner, key: Key) -> Vec<LoopEffect> {
    match app.keymap.action(app.mode(), key) {
        Some(action) => apply(app, runner, action),
        None => Vec::new(),
    }
}

/// Presses each character of `keys` as a plain key.
pub fn type_keys(app: &mut App, runner: &Runner, keys: &str) {
    for c in keys.chars() {
        press(app, runner, Key::plain(KeyCode::Char(c)));
    }
}

pub fn key(code: KeyCode) -> Key {
    Key::plain(code)
}

pub fn ctrl(c: char) -> Key {
    Key::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// Draws `app` on a TestBackend of its size; returns the buffer, styles and all.
pub fn buffer(app: &App) -> ratatui::buffer::Buffer {
    let area = app.areas.screen;
    let mut terminal =
        Terminal::new(TestBackend::new(area.width, area.height)).expect("test terminal");
    terminal
        .draw(|frame| folio::tui::ui::draw(frame, app))
        .expect("draw");
    terminal.backend().buffer().clone()
}

/// Draws `app` on a TestBackend of its size; returns the rows as text, a wide
/// character's second cell left out.
pub fn render(app: &App) -> Vec<String> {
    let area = app.areas.screen;
    let buffer = &buffer(app);
    let mut rows = Vec::new();
    for y in 0..area.height {
        let mut row = String::new();
        let mut skip = 0;
        for x in 0..area.width {
            let symbol = buffer[(x, y)].symbol();
            if skip > 0 {
                skip -= 1;
                continue;
            }
            row.push_str(symbol);
            skip = symbol.width().saturating_sub(1);
        }
        rows.push(row);
    }
    rows
}

/// The screen as one string, trailing spaces cut, for snapshots.
pub fn screen(app: &App) -> String {
    render(app)
        .iter()
        .map(|r| r.trim_end())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Opens the article whose title contains `title`, from the list of articles.
pub fn open_titled(app: &mut App, runner: &Runner, title: &str) {
    assert_eq!(
        app.side,
        folio::tui::state::Side::Articles,
        "the list of articles is showing"
    );
    let position = app
        .list
        .visible
        .iter()
        .position(|&i| app.articles[i].title.contains(title))
        .unwrap_or_else(|| panic!("no article titled {title:?}"));
    apply(app, runner, Action::Back);
    apply(app, runner, Action::Top);
    for _ in 0..position {
        apply(app, runner, Action::MoveDown);
    }
    apply(app, runner, Action::Open);
}

/// The titles of the articles the list shows, in order.
pub fn titles(app: &App) -> Vec<String> {
    app.list
        .visible
        .iter()
        .map(|&i| app.articles[i].title.clone())
        .collect()
}

/// A copy of the news fixtures (`tests/fixtures/news`: scraped articles written one
/// paragraph a line, each opening with a byline).
pub fn news_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let news = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/news");
    for entry in fs::read_dir(news).expect("news fixtures") {
        let entry = entry.expect("news fixture");
        fs::copy(entry.path(), dir.path().join(entry.file_name())).expect("copy fixture");
    }
    dir
}

/// The text of the reader's line `line`.
pub fn reader_line(app: &App, line: usize) -> String {
    app.reader.lines[line]
        .spans
        .iter()
        .map(|s| s.content.as_ref())
        .collect()
}
