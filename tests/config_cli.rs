//! The config file through the real binary, in a sandboxed home: where folio looks, the
//! default config saved and read back, and a bad config stopping every command with
//! status 2 before anything is drawn.

mod cli_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use cli_support::{Sandbox, run_with_limit, stderr};

/// Switching to the terminal's alternate screen: the reader's first step.
const ALTERNATE_SCREEN: &str = "\x1b[?1049h";

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/config")
        .join(rel)
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The sandbox with one article in its store.
fn sandbox() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.write(
        "2024-03-05-harbour.txt",
        "The harbour reopens\n\nBoats are back.\n",
    );
    sandbox
}

/// Where folio looks in the sandbox, as `folio config --path` prints it.
fn config_path(sandbox: &Sandbox) -> PathBuf {
    let output = sandbox.folio(&["config", "--path"]);
    assert!(output.status.success(), "{}", stderr(&output));
    PathBuf::from(stdout(&output).trim_end())
}

#[test]
fn the_path_is_in_the_config_folder_which_it_creates() {
    let sandbox = sandbox();
    let path = config_path(&sandbox);
    assert_eq!(path, sandbox.path().join("config/folio/config.toml"));
    assert!(path.parent().expect("folder").is_dir());
    assert!(!path.exists(), "only the folder is made");
}

#[test]
fn the_path_follows_the_flag_then_the_variable() {
    let sandbox = sandbox();
    let named = sandbox.path().join("mine.toml");
    let mut command = Command::new(env!("CARGO_BIN_EXE_folio"));
    sandbox
        .isolate(&mut command)
        .env("FOLIO_CONFIG", &named)
        .args(["config", "--path"]);
    let run = run_with_limit(command);
    assert_eq!(run.stdout.trim_end(), named.display().to_string());
    let flag = sandbox.folio(&["--config", "/elsewhere.toml", "config", "--path"]);
    assert_eq!(stdout(&flag).trim_end(), "/elsewhere.toml");
}

#[test]
fn the_default_config_saved_changes_nothing() {
    let sandbox = sandbox();
    let store = sandbox.store();
    let store = store.to_str().expect("UTF-8");
    let before = sandbox.folio(&["list", "--json", store]);
    let sample_before = sandbox.folio(&["list"]);
    let default = sandbox.folio(&["config", "--default"]);
    assert!(default.status.success(), "{}", stderr(&default));
    let path = config_path(&sandbox);
    std::fs::write(&path, &default.stdout).expect("save the default config");
    let after = sandbox.folio(&["list", "--json", store]);
    assert!(after.status.success(), "{}", stderr(&after));
    assert_eq!(stdout(&before), stdout(&after));
    assert!(stdout(&after).contains("The harbour reopens"));
    let sample_after = sandbox.folio(&["list"]);
    assert!(sample_after.status.success(), "{}", stderr(&sample_after));
    assert_eq!(stdout(&sample_before), stdout(&sample_after));
    let text = std::fs::read_to_string(&path).expect("read it back");
    let config = folio::config::Config::parse(&text).expect("valid");
    assert_eq!(config, folio::config::Config::default());
}

#[test]
fn a_bad_config_stops_every_command_with_status_2() {
    let sandbox = sandbox();
    let path = config_path(&sandbox);
    std::fs::copy(fixture("invalid/unknown_key.toml"), &path).expect("copy the fixture");
    let store = sandbox.store();
    let store = store.to_str().expect("UTF-8");
    for args in [
        vec!["list", store],
        vec!["check", store],
        vec!["bookmarks"],
        vec!["list", "--query", "harbour", store],
    ] {
        let output = sandbox.folio(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
        let message = stderr(&output);
        assert!(
            message.starts_with(&format!(
                "folio: the config file {} is not valid:\n  line 2, column 1: unknown key \"stroe\"",
                path.display()
            )),
            "{args:?}: {message}"
        );
        assert!(message.contains("allowed: version, store,"), "{message}");
    }
    // `folio config` reads no config, so it can help mend one.
    let default = sandbox.folio(&["config", "--default"]);
    assert!(default.status.success());
}

#[test]
fn a_bad_config_stops_the_reader_before_the_screen_changes() {
    let sandbox = sandbox();
    let bad = fixture("invalid/key_clash.toml");
    let mut command = Command::new(env!("CARGO_BIN_EXE_folio"));
    sandbox
        .isolate(&mut command)
        .arg("--config")
        .arg(&bad)
        .arg(sandbox.store());
    let run = run_with_limit(command);
    assert_eq!(run.status.code(), Some(2), "{}", run.stderr);
    assert!(!run.stdout.contains(ALTERNATE_SCREEN));
    assert!(!run.stderr.contains(ALTERNATE_SCREEN));
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains(
            "line 2, column 9: \"j\" is bound to both help and move_down in the list, reader, select and bookmarks modes"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_config_named_by_flag_or_variable_must_exist() {
    let sandbox = sandbox();
    let missing = sandbox.path().join("missing.toml");
    let missing_text = missing.to_str().expect("UTF-8");
    let flag = sandbox.folio(&["--config", missing_text, "list"]);
    assert_eq!(flag.status.code(), Some(2));
    assert_eq!(
        stderr(&flag),
        format!(
            "folio: cannot read the config file {missing_text} (given with --config): No such file or directory\n"
        )
    );
    let mut command = Command::new(env!("CARGO_BIN_EXE_folio"));
    sandbox
        .isolate(&mut command)
        .env("FOLIO_CONFIG", &missing)
        .arg("list");
    let run = run_with_limit(command);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        run.stderr.contains("(named by FOLIO_CONFIG)"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_flag_works_before_or_after_the_command_and_wins_over_the_variable() {
    let sandbox = sandbox();
    let config = sandbox.path().join("store.toml");
    let store = sandbox.store();
    std::fs::write(
        &config,
        format!("store = [{:?}]\n", store.to_str().expect("UTF-8")),
    )
    .expect("write config");
    let config_text = config.to_str().expect("UTF-8");
    for args in [
        ["--config", config_text, "list"],
        ["list", "--config", config_text],
    ] {
        let mut command = Command::new(env!("CARGO_BIN_EXE_folio"));
        sandbox
            .isolate(&mut command)
            .env("FOLIO_CONFIG", fixture("invalid/unknown_key.toml"))
            .args(args);
        let run = run_with_limit(command);
        assert!(run.status.success(), "{args:?}: {}", run.stderr);
        assert!(run.stdout.contains("The harbour reopens"), "{args:?}");
    }
}
