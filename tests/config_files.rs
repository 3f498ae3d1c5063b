//! Config files read from the fixtures in `tests/fixtures/config`: the valid ones give the
//! settings they spell out, each invalid one the message snapshotted beside this file.

use std::path::{Path, PathBuf};

use crossterm::event::KeyCode;
use folio::config::{Config, ConfigError, ConfigPath, Origin};
use folio::search::order::Sort;
use folio::tui::input::action::Action;
use folio::tui::input::keymap::{Key, Mode};
use folio::tui::settings::theme::Palette;
use ratatui::style::Color;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/config")
}

fn load(rel: &str) -> Result<Config, ConfigError> {
    Config::load(&ConfigPath {
        path: fixtures().join(rel),
        origin: Origin::Flag,
    })
}

fn valid(name: &str) -> Config {
    load(&format!("valid/{name}.toml")).unwrap_or_else(|e| panic!("{e}"))
}

/// The message for an invalid fixture, its folder written the same on every machine.
fn message(name: &str) -> String {
    let error = load(&format!("invalid/{name}.toml")).expect_err("an invalid config");
    let folder = fixtures().display().to_string();
    error.to_string().replace(&folder, "tests/fixtures/config")
}

fn key(code: KeyCode) -> Key {
    Key::plain(code)
}

fn ch(c: char) -> Key {
    Key::plain(KeyCode::Char(c))
}

#[test]
fn every_key_can_be_set() {
    let config = valid("everything");
    assert_eq!(config.store, ["~/articles", "/srv/news"]);
    assert_eq!(config.max_article_bytes, 1_048_576);
    assert_eq!(config.extensions, ["md", "org", "html"]);
    assert_eq!(config.vault.as_deref(), Some("~/Obsidian/Reading"));
    assert_eq!(config.data_dir.as_deref(), Some("~/Sync/folio"));
    assert_eq!(config.sort, Sort::Title);
    assert_eq!(config.date_format.pattern(), "%e %b %Y");
    assert_eq!(config.list_width, Some(50));
    assert_eq!(config.reading_width, 72);
    assert!(!config.restore_session);
    assert!(!config.settings(true).restore_session);
    let keys = &config.keymap;
    assert_eq!(
        keys.action(Mode::List, key(KeyCode::F(1))),
        Some(Action::Help)
    );
    assert_eq!(
        keys.first_key(Mode::List, Action::Help),
        Some(key(KeyCode::F(1)))
    );
    assert_eq!(keys.action(Mode::List, ch('o')), Some(Action::Open));
    assert_eq!(
        keys.action(Mode::List, ch('l')),
        None,
        "open's defaults are gone"
    );
    assert_eq!(
        keys.action(Mode::Filter, Key::ctrl('q')),
        Some(Action::Quit)
    );
    assert_eq!(
        keys.action(Mode::Filter, ch('q')),
        Some(Action::Insert('q'))
    );
    assert_eq!(
        keys.action(Mode::Reader, Key::ctrl('n')),
        Some(Action::MoveDown)
    );
    assert_eq!(
        keys.action(Mode::List, Key::ctrl('z')),
        None,
        "suspend unbound"
    );
    // The base first, wherever it is written; then the colours over it.
    assert_eq!(config.theme, "light");
    assert_eq!(config.palette.heading, Some(Color::Rgb(255, 128, 0)));
    assert_eq!(config.palette.match_background, Some(Color::LightYellow));
    assert_eq!(config.palette.code, Palette::LIGHT.code);
}

#[test]
fn a_theme_by_name_alone() {
    let config = valid("theme_name");
    assert_eq!(config.palette, Palette::LIGHT);
    assert_eq!(
        config.keymap.bindings(),
        Config::default().keymap.bindings()
    );
}

#[test]
fn comments_and_empty_sections_are_the_defaults() {
    assert_eq!(valid("comments_only"), Config::default());
}

#[test]
fn keys_can_trade_places() {
    let config = valid("swapped");
    for mode in [Mode::List, Mode::Reader, Mode::Help] {
        assert_eq!(config.keymap.action(mode, ch('k')), Some(Action::MoveDown));
        assert_eq!(config.keymap.action(mode, ch('j')), Some(Action::MoveUp));
    }
}

#[test]
fn the_default_file_read_back_is_the_defaults() {
    let text = folio::config::default_text();
    assert_eq!(Config::parse(&text), Ok(Config::default()));
    // Every key it sets has a comment just above it.
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if line.contains(" = ") && !line.starts_with('#') {
            assert!(lines[i - 1].starts_with('#'), "no comment above {line:?}");
        }
    }
    for name in Palette::ELEMENTS {
        assert!(text.contains(&format!("# {name} = ")), "{name}");
    }
}

macro_rules! invalid {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                insta::assert_snapshot!(stringify!($name), message(stringify!($name)));
            }
        )*

        #[test]
        fn every_invalid_fixture_has_a_test() {
            let mut tested = vec![$(format!("{}.toml", stringify!($name))),*];
            let mut found: Vec<String> = std::fs::read_dir(fixtures().join("invalid"))
                .expect("the invalid fixtures")
                .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                .collect();
            tested.sort();
            found.sort();
            assert_eq!(tested, found);
        }
    };
}

invalid!(
    unknown_key,
    wrong_type,
    bad_key_name,
    bad_colour,
    key_clash,
    key_clash_anywhere,
    key_clash_both_remapped,
    unknown_action,
    not_toml,
    bad_values,
    bad_theme,
    theme_table,
    keys_not_table,
    not_utf8,
    crlf_unclosed_string,
    keys_no_terminal_sends,
);

#[test]
fn a_missing_file_named_on_purpose_is_an_error_and_one_in_the_folder_is_not() {
    let path = fixtures().join("no such file.toml");
    let error = Config::load(&ConfigPath {
        path: path.clone(),
        origin: Origin::Flag,
    })
    .expect_err("a file given with --config must exist");
    let text = error.to_string();
    assert!(text.contains(&path.display().to_string()), "{text}");
    assert!(text.contains("--config"), "{text}");
    let env = Config::load(&ConfigPath {
        path: path.clone(),
        origin: Origin::Env,
    });
    assert!(
        env.expect_err("and by FOLIO_CONFIG")
            .to_string()
            .contains("FOLIO_CONFIG")
    );
    let folder = Config::load(&ConfigPath {
        path,
        origin: Origin::Folder,
    });
    assert_eq!(folder, Ok(Config::default()));
}

#[test]
fn relative_store_folders_are_taken_from_the_config_files_folder() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml");
    std::fs::write(&file, "store = [\"notes\", \"/srv/news\"]\n").unwrap();
    let config = Config::load(&ConfigPath {
        path: file,
        origin: Origin::Flag,
    })
    .unwrap();
    assert_eq!(
        config.store_folders(),
        [dir.path().join("notes"), PathBuf::from("/srv/news")]
    );
}

#[test]
fn ctrl_c_quits_wherever_nothing_else_has_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml");
    std::fs::write(&file, "[keys]\nquit = []\n").unwrap();
    let config = Config::load(&ConfigPath {
        path: file,
        origin: Origin::Flag,
    })
    .unwrap();
    for mode in Mode::ALL {
        assert_eq!(
            config.keymap.action(mode, Key::ctrl('c')),
            Some(Action::Quit),
            "{mode:?}"
        );
    }
}
