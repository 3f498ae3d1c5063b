//! The user's configuration file (`config.toml` in folio's config folder).

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::paths::expand_home;

/// Settings read from `config.toml`; every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub version: Option<u32>,
    /// Folders that make up the store.
    pub store: Vec<String>,
    /// Largest article file read, in bytes.
    pub max_article_bytes: Option<u64>,
}

/// A config file that could not be used, with what to do about it.
#[derive(Debug)]
pub struct ConfigError {
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "config file {}: {}", self.path.display(), self.message)
    }
}

impl Config {
    /// Reads `path`; a missing file means the defaults.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Config::default());
            }
            Err(error) => {
                return Err(ConfigError {
                    path: path.to_path_buf(),
                    message: error.to_string(),
                });
            }
        };
        Config::parse(&text).map_err(|message| ConfigError {
            path: path.to_path_buf(),
            message,
        })
    }

    /// Parses config text; the error names the line and column.
    pub fn parse(text: &str) -> Result<Config, String> {
        toml::from_str(text).map_err(|error| {
            let (line, column) = error
                .span()
                .map(|span| line_column(text, span.start))
                .unwrap_or((1, 1));
            format!("line {line}, column {column}: {}", error.message())
        })
    }

    /// The configured store folders, with `~/` expanded.
    pub fn store_folders(&self) -> Vec<PathBuf> {
        self.store.iter().map(|s| expand_home(s)).collect()
    }
}

/// 1-based line and column of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_folders_are_read() {
        let config = Config::parse("store = [\"/srv/news\", \"~/clips\"]").unwrap();
        assert_eq!(config.store.len(), 2);
        assert_eq!(config.store_folders()[0], PathBuf::from("/srv/news"));
    }

    #[test]
    fn errors_name_line_and_column() {
        let error = Config::parse("version = 1\nstroe = [\"x\"]\n").unwrap_err();
        assert!(
            error.starts_with("line 2, column 1: unknown field `stroe`"),
            "{error}"
        );
    }
}
