//! End-to-end tests of reading in tmux ([`tmux_support`]): the preview follows the
//! cursor, finding in the article leaves the list whole, and the article goes to the
//! editor, the browser and the clipboard (each a script that records what it was given).

mod tmux_support;
mod tui_support;

use std::fs;
use std::path::Path;

use tmux_support::*;
use tui_support::PIER;

const LOCKS: &str = "Title: The lock keeper's last season
Date: 2022-04-11

After forty years at the canal's third lock, the keeper is handing over the windlass.

She says the water is never the same colour two days running, and the water birds know her boat.
";

/// A store of two articles, and a folder for the scripts, in one temp dir.
fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir(dir.path().join("store")).unwrap();
    fs::create_dir(dir.path().join("bin")).unwrap();
    fs::write(dir.path().join("store/pier.txt"), PIER).unwrap();
    fs::write(dir.path().join("store/locks.txt"), LOCKS).unwrap();
    dir
}

/// Writes an executable shell script.
fn script(path: &Path, body: &str) {
    fs::write(path, format!("#!/bin/sh\n{body}\n")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn the_preview_follows_j_and_find_in_the_reader_leaves_the_list_whole() {
    let dir = setup();
    let tmux = Tmux::start("preview", 120, 30);
    tmux.launch(&folio_command(&dir.path().join("store")));
    tmux.wait("the list and the preview of the newest", |s| {
        status(s).contains("2 articles") && s.contains("Anglers will have")
    });
    tmux.keys(&["j"]);
    let screen = tmux.wait("the preview of the second", |s| {
        s.contains("After forty years") && !s.contains("Anglers will have")
    });
    assert!(
        status(&screen).contains("· list"),
        "focus stays in the list"
    );
    assert!(
        !status(&screen).contains("unread"),
        "a preview reads nothing"
    );

    tmux.keys(&["Enter", "/"]);
    tmux.type_text("water");
    let screen = tmux.wait("the matches counted as typed", |s| {
        status(s).contains("find: water") && status(s).contains("match 1 of 2")
    });
    assert!(
        screen.contains("The lock keeper") && screen.contains("Fishing from the pier"),
        "the list keeps both articles:\n{screen}"
    );
    tmux.keys(&["Enter"]);
    tmux.wait("the match kept", |s| {
        status(s).contains("match 1 of 2 · reader")
    });
    tmux.keys(&["n"]);
    tmux.wait("the second match", |s| status(s).contains("match 2 of 2"));
    tmux.keys(&["Escape"]);
    tmux.wait("the find ended", |s| !s.contains("match 2 of 2"));
    tmux.keys(&["q"]);
    tmux.wait("the list", |s| status(s).contains("· list"));
    tmux.keys(&["q"]);
    tmux.wait("the shell", |s| status(s).starts_with(PROMPT));
}

#[test]
fn e_hands_the_terminal_to_the_editor_at_the_line_and_reads_the_article_again() {
    let dir = setup();
    let bin = dir.path().join("bin");
    let args = dir.path().join("editor-args");
    // Named vim, so folio gives it +LINE. It shows what it was given, waits for a line
    // typed (which only a terminal in its normal mode delivers), and edits the file.
    script(
        &bin.join("vim"),
        &format!(
            "printf '%s\\n' \"$@\" > '{}'\necho \"EDITING $2\"\nread answer\nsed -i \"s/harbour office/$answer/\" \"$2\"",
            args.display()
        ),
    );
    let tmux = Tmux::start("editor", 120, 30);
    tmux.launch(&format!(
        "EDITOR='{}' VISUAL= {}",
        bin.join("vim").display(),
        folio_command(&dir.path().join("store"))
    ));
    tmux.wait("the list", |s| status(s).contains("2 articles"));
    tmux.keys(&["Enter", "}"]);
    tmux.wait("the reader on the second paragraph", |s| {
        status(s).contains("· reader")
    });
    tmux.keys(&["e"]);
    tmux.wait("the editor", |s| s.contains("EDITING"));
    assert_eq!(
        tmux.format("#{alternate_on} #{mouse_any_flag}"),
        "0 0",
        "the editor has the main screen, no mouse reporting"
    );
    let pier = dir.path().join("store/pier.txt");
    assert_eq!(
        fs::read_to_string(&args).unwrap(),
        format!("+9\n{}\n", pier.display()),
        "the line of the paragraph under the cursor, then the file"
    );
    tmux.type_text("harbour master");
    tmux.keys(&["Enter"]);
    tmux.wait("folio, the article read again", |s| {
        s.contains("The harbour master said") && status(s).contains("back from vim at line 9")
    });
    assert_eq!(tmux.format("#{alternate_on} #{mouse_any_flag}"), "1 1");
    tmux.keys(&["q", "q"]);
    tmux.wait("the shell", |s| status(s).starts_with(PROMPT));
    tmux.assert_restored();
}

#[test]
fn o_gives_the_address_to_the_browser_and_y_copies_through_the_terminal() {
    let dir = setup();
    let bin = dir.path().join("bin");
    let args = dir.path().join("browser-args");
    script(
        &bin.join("browse"),
        &format!("printf '%s\\n' \"$@\" > '{}'", args.display()),
    );
    let tmux = Tmux::start("browser", 120, 30);
    // No graphical display: the browser is given the terminal and waited for.
    tmux.launch(&format!(
        "env -u DISPLAY -u WAYLAND_DISPLAY BROWSER='{}' {}",
        bin.join("browse").display(),
        folio_command(&dir.path().join("store"))
    ));
    tmux.wait("the list", |s| status(s).contains("2 articles"));
    tmux.keys(&["Enter"]);
    tmux.wait("the reader", |s| status(s).contains("· reader"));
    tmux.keys(&["o"]);
    tmux.wait("the browser's turn", |s| {
        status(s).contains("opened https://")
    });
    assert_eq!(
        fs::read_to_string(&args).unwrap(),
        "https://post.example/news/2023/07/08/pier-fishing-ban\n"
    );

    let paragraph = "Anglers will have to use the beach for the rest of the summer while divers replace the rotten piles under the end of the pier.";
    tmux.keys(&["y"]);
    let copied = format!("copied {} characters", paragraph.chars().count());
    tmux.wait("copied", |s| status(s).contains(&copied));
    assert_eq!(tmux.run(&["show-buffer"]), paragraph);
    tmux.keys(&["Y"]);
    tmux.wait("copied as a quote", |s| {
        status(s).contains("with its citation")
    });
    let quote = tmux.run(&["show-buffer"]);
    assert!(quote.starts_with("> Anglers will have"), "{quote}");
    assert!(
        quote.ends_with(
            "— Fishing from the pier banned during repairs, Island Post, 2023-07-08, <https://post.example/news/2023/07/08/pier-fishing-ban>"
        ),
        "{quote}"
    );
    tmux.keys(&["q", "q"]);
    tmux.wait("the shell", |s| status(s).starts_with(PROMPT));
    tmux.assert_restored();
}

#[test]
fn a_restart_comes_back_to_the_filter_and_the_article() {
    let dir = setup();
    let tmux = Tmux::start("session", 120, 30);
    let folio = folio_command(&dir.path().join("store"));
    tmux.launch(&folio);
    tmux.wait("the list", |s| status(s).contains("2 articles"));
    tmux.keys(&["/"]);
    tmux.type_text("windlass");
    tmux.wait("the answer", |s| status(s).contains("1 of 2 articles"));
    tmux.keys(&["Enter"]);
    tmux.wait("the list", |s| status(s).contains("· list"));
    tmux.keys(&["Enter"]);
    tmux.wait("the reader", |s| status(s).contains("· reader"));
    tmux.keys(&["q"]);
    tmux.wait("the list", |s| status(s).contains("· list"));
    tmux.keys(&["Enter"]);
    tmux.wait("the reader again", |s| status(s).contains("· reader"));
    tmux.keys(&["C-c"]);
    tmux.wait("the shell", |s| status(s).starts_with(PROMPT));

    tmux.keys(&["C-l"]);
    tmux.launch(&folio);
    let screen = tmux.wait("the last run's filter and article", |s| {
        status(s).contains("1 of 2 articles") && status(s).contains("· reader")
    });
    let bar = screen.lines().next().unwrap_or_default();
    assert!(bar.contains("/ windlass"), "{screen}");
    assert!(screen.contains("After forty years"), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait("the list", |s| status(s).contains("· list"));
    tmux.keys(&["Escape"]);
    tmux.wait("the whole list", |s| status(s).contains("2 articles ·"));
    tmux.keys(&["q"]);
    tmux.wait("the shell", |s| status(s).starts_with(PROMPT));
    tmux.assert_restored();
}
