//! The user's configuration file: `config.toml` in folio's config folder, or the file
//! named by `--config` or `FOLIO_CONFIG`. Every key is optional and has its own default;
//! a file that is not valid stops folio with each problem's line and column.

mod default_file;
mod entries;
mod hints;
mod keys;
mod problem;
mod read;

use std::path::{Path, PathBuf};

pub use default_file::default_text;
pub use problem::{ConfigError, ConfigProblem, Origin};

use crate::paths::{Dirs, expand_home};
use crate::search::order::Sort;
use crate::store::DEFAULT_MAX_ARTICLE_BYTES;
use crate::store::kinds::DEFAULT_ENDINGS;
use crate::tui::Keymap;
use crate::tui::settings::theme::{Palette, Theme};
use crate::tui::settings::{DateFormat, READING_WIDTH, Settings};

/// The format version this folio reads and writes.
pub const VERSION: u32 = 1;

/// The settings of a config file, each one the default where the file has no key for it.
#[derive(Debug, Clone)]
pub struct Config {
    pub version: u32,
    /// Folders that make up the store, as written (see [`Config::store_folders`]).
    pub store: Vec<String>,
    /// The file the config was read from (relative store folders are taken from its
    /// folder).
    pub file: Option<PathBuf>,
    /// Largest article file read, in bytes.
    pub max_article_bytes: u64,
    /// The file endings that are articles (without the dot, lower case).
    pub extensions: Vec<String>,
    /// The folder of Markdown notes (an Obsidian vault) bookmarks are exported to, as
    /// written (see [`Config::vault_folder`]).
    pub vault: Option<String>,
    /// folio's data folder (bookmarks, reading state, the default store), as written;
    /// unset, the platform's (see [`Config::dirs`]).
    pub data_dir: Option<String>,
    /// The list's order at start.
    pub sort: Sort,
    pub date_format: DateFormat,
    /// The list's share of the screen in percent, when list and reader are side by side;
    /// unset, the list takes the room its titles need.
    pub list_width: Option<u16>,
    /// The widest the article text gets, in columns.
    pub reading_width: usize,
    /// Start where the last run left off: its filter, the article selected, the reader.
    pub restore_session: bool,
    /// The default keys with the file's `[keys]` laid over them.
    pub keymap: Keymap,
    /// The built-in theme the colours start from, and the colours.
    pub theme: &'static str,
    pub palette: Palette,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            version: VERSION,
            store: Vec::new(),
            file: None,
            max_article_bytes: DEFAULT_MAX_ARTICLE_BYTES,
            extensions: DEFAULT_ENDINGS.map(str::to_owned).to_vec(),
            vault: None,
            data_dir: None,
            sort: Sort::Date,
            date_format: DateFormat::default(),
            list_width: None,
            reading_width: READING_WIDTH,
            restore_session: true,
            keymap: Keymap::default(),
            theme: "dark",
            palette: Palette::DARK,
        }
    }
}

impl PartialEq for Config {
    fn eq(&self, other: &Config) -> bool {
        self.version == other.version
            && self.store == other.store
            && self.max_article_bytes == other.max_article_bytes
            && self.extensions == other.extensions
            && self.vault == other.vault
            && self.data_dir == other.data_dir
            && self.sort == other.sort
            && self.date_format == other.date_format
            && self.list_width == other.list_width
            && self.reading_width == other.reading_width
            && self.restore_session == other.restore_session
            && self.keymap.bindings() == other.keymap.bindings()
            && self.theme == other.theme
            && self.palette == other.palette
    }
}

/// Where folio looks for its config file, and who said so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigPath {
    pub path: PathBuf,
    pub origin: Origin,
}

impl ConfigPath {
    /// `--config FILE` when given, else `FOLIO_CONFIG` when set, else `config.toml` in the
    /// config folder; `None` when there is no home folder to find that in.
    pub fn find(flag: Option<&Path>) -> Option<ConfigPath> {
        if let Some(path) = flag {
            return Some(ConfigPath {
                path: path.to_path_buf(),
                origin: Origin::Flag,
            });
        }
        if let Some(path) = std::env::var_os("FOLIO_CONFIG").filter(|p| !p.is_empty()) {
            return Some(ConfigPath {
                path: PathBuf::from(path),
                origin: Origin::Env,
            });
        }
        Dirs::discover().map(|dirs| ConfigPath {
            path: dirs.config_file(),
            origin: Origin::Folder,
        })
    }
}

impl Config {
    /// Reads the config at `config_path`: a missing file in the config folder means the
    /// defaults; a missing file named by `--config` or `FOLIO_CONFIG` is an error.
    pub fn load(config_path: &ConfigPath) -> Result<Config, ConfigError> {
        let path = &config_path.path;
        let text = match crate::own_file::read(path, crate::own_file::CONFIG_CAP) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(error) => {
                    let at = error.utf8_error().valid_up_to();
                    let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
                    // The lossy text has U+FFFD (3 bytes) where the bad byte was.
                    let problem =
                        ConfigProblem::new(at..at + 3, "this is not UTF-8 text", "UTF-8 text");
                    return Err(ConfigError::Invalid {
                        path: path.clone(),
                        text,
                        problems: vec![problem],
                    });
                }
            },
            Err(error)
                if error.kind() == std::io::ErrorKind::NotFound
                    && config_path.origin == Origin::Folder =>
            {
                return Ok(Config::default());
            }
            Err(error) => {
                return Err(ConfigError::Unreadable {
                    path: path.clone(),
                    origin: config_path.origin,
                    reason: crate::store::read::io_reason(&error),
                });
            }
        };
        let mut config = Config::parse(&text).map_err(|problems| ConfigError::Invalid {
            path: path.clone(),
            text,
            problems,
        })?;
        config.file = Some(path.clone());
        Ok(config)
    }

    /// Reads config text; on failure, every problem found, in the order of the file.
    pub fn parse(text: &str) -> Result<Config, Vec<ConfigProblem>> {
        read::read(text)
    }

    /// The store folders: `~` is the home folder, and a relative folder is taken from
    /// the config file's folder (so the store does not change with the working folder).
    pub fn store_folders(&self) -> Vec<PathBuf> {
        self.store.iter().map(|s| self.folder(s)).collect()
    }

    /// The vault folder, `~` expanded and a relative one taken from the config file's
    /// folder; `None` when none is configured.
    pub fn vault_folder(&self) -> Option<PathBuf> {
        self.vault.as_deref().map(|v| self.folder(v))
    }

    /// folio's folders on this machine, with the data folder the config names, if any
    /// (a synced folder, say); `None` when no home folder can be found.
    pub fn dirs(&self) -> Option<Dirs> {
        let dirs = Dirs::discover()?;
        Some(match &self.data_dir {
            Some(data) => Dirs {
                data: self.folder(data),
                ..dirs
            },
            None => dirs,
        })
    }

    /// A folder as written in the config: `~` expanded, a relative one taken from the
    /// config file's folder.
    fn folder(&self, written: &str) -> PathBuf {
        let path = expand_home(written);
        match self.file.as_deref().and_then(Path::parent) {
            Some(folder) if path.is_relative() => folder.join(path),
            _ => path,
        }
    }

    /// How the reader looks and starts; without `colour`, no colour at all.
    pub fn settings(&self, colour: bool) -> Settings {
        Settings {
            theme: Theme::new(&self.palette, colour),
            list_width: self.list_width,
            reading_width: self.reading_width,
            dates: self.date_format.clone(),
            sort: self.sort,
            restore_session: self.restore_session,
            vault: self.vault_folder(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::line_column;

    #[test]
    fn store_folders_are_read() {
        let config = Config::parse("store = [\"/srv/news\", \"~/clips\"]").unwrap();
        assert_eq!(config.store.len(), 2);
        assert_eq!(config.store_folders()[0], PathBuf::from("/srv/news"));
    }

    #[test]
    fn an_empty_file_is_the_defaults() {
        assert_eq!(Config::parse(""), Ok(Config::default()));
        assert_eq!(Config::parse("version = 1\n"), Ok(Config::default()));
    }

    #[test]
    fn the_default_file_is_the_defaults() {
        assert_eq!(Config::parse(&default_text()), Ok(Config::default()));
    }

    #[test]
    fn errors_name_line_and_column() {
        let problems = Config::parse("version = 1\nstroe = [\"x\"]\n").unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(
            line_column("version = 1\nstroe", problems[0].span.start),
            (2, 1)
        );
        assert!(problems[0].what.contains("unknown key \"stroe\""));
        assert!(problems[0].what.contains("did you mean \"store\""));
    }
}
