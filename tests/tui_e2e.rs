//! End-to-end tests: the real binary in tmux ([`tmux_support`]): opening, filtering,
//! help, resizing, signals, suspending, a hostile article, bookmarking, quitting.

mod tmux_support;
mod tui_support;

use std::process::Command;
use std::time::{Duration, Instant};

use tmux_support::*;

#[test]
fn opens_filters_reads_helps_resizes_and_quits_to_a_clean_shell() {
    let store = tui_support::store_dir();
    let tmux = Tmux::start("main", 120, 40);
    tmux.launch(&folio_command(store.path()));
    tmux.wait("the list", |s| {
        status(s).contains("6 articles") && s.contains("A long essay")
    });
    tmux.assert_ready_for_input();

    tmux.keys(&["/"]);
    tmux.wait("the filter bar", |s| status(s).contains("· filter"));
    tmux.type_text("東京");
    tmux.wait("the filtered list", |s| {
        status(s).contains("1 of 6 articles")
    });
    tmux.keys(&["Enter"]);
    tmux.wait("the list again", |s| status(s).contains("· list"));
    tmux.keys(&["Enter"]);
    let screen = tmux.wait("the article", |s| {
        status(s).contains("· reader") && s.contains("静かです")
    });
    assert!(screen.contains("日本語ブログ"), "{screen}");

    tmux.keys(&["?"]);
    tmux.wait("help", |s| {
        s.contains("┌ Keys") && s.contains("Move down one line")
    });
    tmux.keys(&["Escape"]);
    tmux.wait("help closed", |s| !s.contains("┌ Keys"));

    tmux.run(&["resize-window", "-t", "t", "-x", "80", "-y", "24"]);
    let screen = tmux.wait("the reader alone at 80x24", |s| {
        s.lines().count() == 24 && status(s).contains("· reader") && !s.contains('│')
    });
    assert!(screen.contains("静かです"), "{screen}");
    tmux.keys(&["Escape"]);
    tmux.wait("the list at 80x24", |s| status(s).contains("· list"));
    tmux.keys(&["Escape"]);
    tmux.wait("the whole list at 80x24", |s| {
        status(s).contains("6 articles · ") && s.contains("A long essay")
    });

    tmux.keys(&["q"]);
    tmux.wait("the shell", |s| {
        status(s).starts_with(PROMPT) && !s.contains("articles")
    });
    tmux.assert_restored();
    tmux.type_text("echo status=$?");
    tmux.keys(&["Enter"]);
    tmux.wait_for("status=0");

    let log = std::fs::read_to_string(tmux.log()).expect("the log was written");
    let events: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("handle_us=") && l.contains("draw_us="))
        .collect();
    assert!(events.len() >= 10, "{log}");
}

#[test]
fn a_query_with_a_field_and_a_date_counts_marks_errors_and_is_remembered() {
    let store = tui_support::store_dir();
    let tmux = Tmux::start("query", 120, 40);
    tmux.launch(&folio_command(store.path()));
    tmux.wait("the list", |s| status(s).contains("6 articles"));
    tmux.keys(&["/"]);
    tmux.type_text("stone title:essay date:2021");
    let screen = tmux.wait("the count", |s| {
        let top = s.lines().next().unwrap_or("");
        top.contains("1 of 6") && status(s).contains("1 of 6 articles")
    });
    assert!(screen.contains("A long essay about"), "{screen}");
    tmux.type_text(" date:2024-13");
    // On the way, `date:2024` parsed (and matched nothing with `date:2021`): once its
    // search answers, the list shows that, the last query that parsed, beside the error.
    tmux.wait("the error beside the last good result", |s| {
        s.lines()
            .next()
            .unwrap_or("")
            .contains("date:2024-13: month 13 is not 01 to 12")
            && status(s).contains("0 of 6 articles")
            && s.contains("No articles match “stone title:essay date:2021")
    });
    tmux.keys(&["C-w", "Enter"]);
    tmux.wait("the list", |s| status(s).contains("· list"));
    let history = tmux.home.path().join("state/folio/history");
    let start = Instant::now();
    while !history.exists() {
        assert!(
            start.elapsed() < DEADLINE,
            "no history at {}",
            history.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        std::fs::read_to_string(&history).expect("history"),
        "stone title:essay date:2021\n"
    );
    tmux.keys(&["Escape", "/", "Up"]);
    tmux.wait("the query from the history", |s| {
        s.lines()
            .next()
            .unwrap_or("")
            .contains("/ stone title:essay date:2021")
            && status(s).contains("1 of 6 articles")
    });
    // Opened with the cursor on the first match in the text: n goes on to the next.
    tmux.keys(&["Enter", "Enter"]);
    tmux.wait("the reader", |s| s.contains("│›Article stone"));
    tmux.keys(&["n"]);
    tmux.wait("the next match", |s| {
        status(s).contains("match ")
            && s.contains("│›harbour store filter harbour a harbour harbour stone")
    });
    tmux.keys(&["q"]);
    tmux.wait("the list, one level back from the reader", |s| {
        status(s).contains("· list")
    });
    tmux.keys(&["q"]);
    tmux.wait("the shell", |s| status(s).starts_with(PROMPT));
    tmux.assert_restored();
}

impl Tmux {
    /// The screen is the reader's (alternate screen, mouse captured).
    fn assert_ready_for_input(&self) {
        self.wait_format("#{alternate_on} #{mouse_any_flag}", "1 1");
    }

    /// Starts folio on `store` (the fixture store) and opens the long essay from a
    /// filtered list.
    fn open_the_essay(&self, store: &std::path::Path) {
        self.launch(&folio_command(store));
        self.wait("the list", |s| status(s).contains("6 articles"));
        self.keys(&["/"]);
        self.type_text("title:essay");
        self.wait("the essay alone", |s| status(s).contains("1 of 6 articles"));
        self.keys(&["Enter"]);
        self.wait("the list", |s| status(s).contains("· list"));
        self.keys(&["Enter"]);
        self.wait("the essay", |s| status(s).contains("· reader"));
    }
}

#[test]
fn a_hostile_article_changes_no_title_clipboard_or_screen() {
    let store = tui_support::store_dir();
    let tmux = Tmux::start("hostile", 120, 40);
    tmux.launch(&folio_command(store.path()));
    tmux.wait("the list", |s| status(s).contains("6 articles"));
    let title_before = tmux.format("#{pane_title}");
    tmux.keys(&["/"]);
    tmux.type_text("hostile");
    tmux.wait("the one match", |s| {
        status(s).contains("1 of 6 articles") && !status(s).contains("searching")
    });
    tmux.keys(&["Enter", "Enter"]);
    let screen = tmux.wait("the hostile article", |s| s.contains("Clipboard:  done."));
    assert!(screen.contains("Title change:  done."), "{screen}");
    assert!(
        screen.contains("abc␈␈XY") && screen.contains("hello WORLD"),
        "{screen}"
    );
    assert!(
        status(&screen).contains("1 of 6 articles"),
        "the screen was not cleared: {screen}"
    );
    assert!(screen.contains("Hostile article"), "{screen}");
    assert_eq!(
        tmux.format("#{pane_title}"),
        title_before,
        "the title did not change"
    );
    assert!(!tmux.format("#{pane_title}").contains("PWNED"));
    assert_eq!(
        tmux.run(&["list-buffers"]).trim(),
        "",
        "nothing reached the clipboard"
    );
    tmux.keys(&["q"]);
    tmux.wait("the list, one level back from the reader", |s| {
        status(s).contains("· list")
    });
    tmux.keys(&["q"]);
    tmux.wait("the shell", |s| status(s).starts_with(PROMPT));
    tmux.assert_restored();
    assert_eq!(tmux.format("#{pane_title}"), title_before);
}

#[test]
fn sigterm_sighup_sigusr_and_sigalrm_restore_the_terminal_and_exit_128_plus_n() {
    for (signal, status) in [
        ("TERM", 143),
        ("HUP", 129),
        ("USR1", 138),
        ("USR2", 140),
        ("ALRM", 142),
    ] {
        let store = tui_support::store_dir();
        let pid_file = store.path().join("folio.pid");
        let tmux = Tmux::start(&signal.to_lowercase(), 100, 30);
        let folio = folio_command(store.path());
        tmux.launch(&format!(
            "sh -c 'echo $$ > {}; exec {folio}'; echo status=$?",
            pid_file.display()
        ));
        tmux.wait("the list", |s| s.contains("6 articles"));
        tmux.assert_ready_for_input();
        let pid = std::fs::read_to_string(&pid_file)
            .expect("pid file")
            .trim()
            .to_owned();
        let killed = Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .expect("kill");
        assert!(killed.success());
        tmux.wait_for(&format!("status={status}"));
        tmux.assert_restored();
    }
}

#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_redraws() {
    let store = tui_support::store_dir();
    let tmux = Tmux::start("suspend", 100, 30);
    tmux.launch(&folio_command(store.path()));
    tmux.wait("the list", |s| status(s).contains("6 articles"));
    tmux.keys(&["j", "C-z"]);
    tmux.wait("the shell", |s| {
        s.contains("Stopped") && status(s).starts_with(PROMPT)
    });
    tmux.assert_restored();
    tmux.type_text("fg");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait("the list again", |s| {
        status(s).contains("6 articles") && s.contains("A long essay")
    });
    assert!(
        screen.contains("press / to filter"),
        "fully redrawn: {screen}"
    );
    tmux.keys(&["q"]);
    tmux.wait("the shell", |s| {
        status(s).starts_with(PROMPT) && !s.contains("articles")
    });
    tmux.assert_restored();
}

#[test]
fn a_flag_leaves_no_stray_half_after_switching_articles() {
    let store = tui_support::store_dir();
    let tmux = Tmux::start("flag", 120, 40);
    tmux.launch(&folio_command(store.path()));
    tmux.wait("the list", |s| status(s).contains("6 articles"));
    tmux.type_text("jj");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait("the Tokyo notes", |s| s.contains("in the line."));
    assert!(screen.contains("a flag JP in the line."), "{screen}");
    tmux.keys(&["]"]);
    let screen = tmux.wait("the next article", |s| {
        s.contains("A paragraph after the table") && !s.contains("静かです")
    });
    let regional = |c: char| matches!(c as u32, 0x1F1E6..=0x1F1FF);
    assert!(!screen.chars().any(regional), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait("the list, one level back from the reader", |s| {
        status(s).contains("· list")
    });
    tmux.keys(&["q"]);
    tmux.wait("the shell", |s| status(s).starts_with(PROMPT));
}

#[test]
fn a_terminal_that_vanishes_ends_folio() {
    let store = tui_support::store_dir();
    let pid_file = store.path().join("folio.pid");
    let tmux = Tmux::start("vanish", 100, 30);
    let folio = folio_command(store.path());
    tmux.launch(&format!(
        "sh -c 'echo $$ > {}; exec {folio}'",
        pid_file.display()
    ));
    tmux.wait("the list", |s| s.contains("6 articles"));
    tmux.assert_ready_for_input();
    let folio_pid = std::fs::read_to_string(&pid_file).expect("pid file");
    let server_pid = tmux.format("#{pid}");
    let killed = Command::new("kill")
        .args(["-KILL", &server_pid])
        .status()
        .expect("kill");
    assert!(killed.success());
    let stat = format!("/proc/{}/stat", folio_pid.trim());
    let running = || {
        std::fs::read_to_string(&stat).is_ok_and(|s| {
            s.rsplit_once(") ")
                .is_some_and(|(_, rest)| !rest.starts_with('Z'))
        })
    };
    let start = Instant::now();
    while running() {
        assert!(
            start.elapsed() < DEADLINE,
            "folio is still running with its terminal gone"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_passage_bookmarked_in_the_reader_is_listed_by_folio_bookmarks() {
    let store = tui_support::store_dir();
    let tmux = Tmux::start("bookmark", 120, 40);
    tmux.open_the_essay(store.path());
    // The cursor starts on the first line of text: select it and the next, keep them.
    tmux.keys(&["v", "j"]);
    tmux.wait("selecting", |s| status(s).contains("· select"));
    tmux.keys(&["b"]);
    tmux.wait("the note prompt", |s| status(s).contains("note:"));
    tmux.type_text("rivers, kept 📚");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait("the reader, the passage marked", |s| {
        status(s).contains("note kept") && s.contains('▌')
    });
    let first_text = screen
        .lines()
        .find(|l| l.contains("Article stone a reader"))
        .expect("the first line of the essay");
    assert!(first_text.contains("│▌Article stone"), "{first_text}");
    tmux.keys(&["'"]);
    tmux.wait("the bookmarks pane", |s| {
        status(s).contains("1 bookmark") && s.contains("rivers, kept")
    });
    tmux.keys(&["q"]);
    tmux.wait("the list, one level back from the bookmarks pane", |s| {
        status(s).contains("· list")
    });
    tmux.keys(&["q"]);
    tmux.wait_for(PROMPT);

    let home = tmux.home.path();
    let output = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["bookmarks", "--json"])
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .output()
        .expect("folio bookmarks runs");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success(), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    let bookmark: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(bookmark["title"], "A long essay about rivers and stones");
    assert_eq!(bookmark["note"], "rivers, kept 📚");
    assert_eq!(bookmark["found"], true);
    let quote = bookmark["quote"].as_str().unwrap();
    assert!(
        quote.starts_with("Article stone a reader letter"),
        "{quote}"
    );
    assert!(
        bookmark["path"]
            .as_str()
            .unwrap()
            .ends_with("2021-07-04-long-essay.txt")
    );

    // The essay was opened, so the reading state (written on its own thread) has it.
    let output = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["list", "--query", "-is:unread"])
        .arg(store.path())
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .output()
        .expect("folio list runs");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success(), "{stdout}");
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.contains("A long essay about rivers and stones"),
        "{stdout}"
    );
}

#[test]
fn bookmarks_that_could_not_be_saved_are_printed_at_quit_with_exit_status_1() {
    let store = tui_support::store_dir();
    let tmux = Tmux::start("unsaved", 120, 40);
    tmux.open_the_essay(store.path());
    // Once folio runs, a folder in the file's place: every write fails, as on a full disk.
    let data = tmux.home.path().join("data/folio");
    std::fs::create_dir_all(data.join("bookmarks.toml")).expect("a folder in the file's place");
    tmux.keys(&["B"]);
    tmux.wait("the note prompt", |s| status(s).contains("note:"));
    tmux.keys(&["Enter"]);
    tmux.keys(&["q"]);
    tmux.wait("the list", |s| {
        status(s).contains("1 bookmark change not saved")
    });
    tmux.keys(&["q"]);
    let screen = tmux.wait("the report, then the shell", |s| {
        s.contains("folio: 1 bookmark change could not be saved") && status(s) == PROMPT
    });
    tmux.assert_restored();
    assert!(screen.contains("> Article stone a reader"), "{screen}");
    tmux.type_text("echo status=$?");
    tmux.keys(&["Enter"]);
    tmux.wait_for("status=1");
}

#[test]
fn an_index_cut_short_under_folio_leaves_the_terminal_restored_and_is_rebuilt() {
    let store = tui_support::store_dir();
    let tmux = Tmux::start("sigbus", 100, 30);
    let home = tmux.home.path();
    let xdg = |command: &mut Command| {
        command
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .env("XDG_STATE_HOME", home.join("state"));
    };
    let list_river = || {
        let mut command = Command::new(env!("CARGO_BIN_EXE_folio"));
        command.args(["list", "--query", "river"]).arg(store.path());
        xdg(&mut command);
        command.output().expect("folio list runs")
    };
    let built = list_river();
    assert!(built.status.success(), "the index is built");
    tmux.launch(&format!("{}; echo status=$?", folio_command(store.path())));
    tmux.wait("the list", |s| s.contains("6 articles"));
    // Every file of the index cut to nothing while folio has it mapped.
    let index = home.join("cache/folio/index");
    let mut cut = 0;
    for folder in std::fs::read_dir(&index)
        .expect("the index folder")
        .flatten()
    {
        for file in std::fs::read_dir(folder.path())
            .expect("an index")
            .flatten()
        {
            let name = file.file_name().to_string_lossy().into_owned();
            if ["term", "idx", "pos", "store", "fast", "fieldnorm"]
                .iter()
                .any(|ending| name.ends_with(ending))
            {
                std::fs::File::options()
                    .write(true)
                    .open(file.path())
                    .and_then(|f| f.set_len(0))
                    .expect("cut");
                cut += 1;
            }
        }
    }
    assert!(cut > 0, "index files were cut");
    tmux.keys(&["/"]);
    tmux.type_text("river");
    let screen = tmux.wait("the shell", |s| s.lines().any(|l| l.starts_with("status=")));
    tmux.assert_restored();
    assert!(
        screen.contains("status=135"),
        "ended by the fault: {screen}"
    );
    assert!(screen.contains("SIGBUS"), "the fault is named: {screen}");
    let again = list_river();
    assert!(again.status.success(), "the next start rebuilds the index");
    assert!(String::from_utf8_lossy(&again.stdout).contains("A long essay"));
}

#[test]
fn a_panic_while_drawing_gives_the_terminal_back_and_keeps_the_bookmarks() {
    let store = tui_support::store_dir();
    let tmux = Tmux::start("panic", 100, 30);
    tmux.open_the_essay(store.path());
    tmux.keys(&["B"]);
    tmux.wait("the note prompt", |s| status(s).contains("note:"));
    tmux.keys(&["Enter"]);
    tmux.keys(&["q"]);
    tmux.wait("the list", |s| status(s).contains("· list"));
    tmux.keys(&["q"]);
    tmux.wait("the shell", |s| status(s) == PROMPT);
    let bookmarks = tmux.home.path().join("data/folio/bookmarks.toml");
    let kept = std::fs::read(&bookmarks).expect("the bookmark is on disk");

    tmux.keys(&["C-l"]);
    let log = tmux.home.path().join("stderr");
    tmux.launch(&format!(
        "FOLIO_PANIC_IN_DRAW=1 RUST_BACKTRACE=0 {} 2>{}; echo status=$?",
        folio_command(store.path()),
        log.display()
    ));
    // The session selects the essay again; opening it, the reader's first frame panics.
    tmux.wait("the session's filter answered, the essay previewed", |s| {
        status(s).contains("1 of 6 articles") && s.contains("│ A long essay about rivers")
    });
    tmux.keys(&["Enter"]);
    let screen = tmux.wait("the shell", |s| s.lines().any(|l| l.starts_with("status=")));
    tmux.assert_restored();
    assert!(screen.contains("status=101"), "{screen}");
    let message = std::fs::read_to_string(&log).unwrap();
    assert!(
        message.contains("asked to panic in draw"),
        "the message: {message}"
    );
    assert_eq!(
        std::fs::read(&bookmarks).unwrap(),
        kept,
        "bookmarks as they were"
    );
}
