//! Where folio keeps its files: config, data (bookmarks, the default store), cache and
//! state (the query history, the session), found with `directories` (so XDG_CONFIG_HOME,
//! XDG_DATA_HOME, XDG_CACHE_HOME and XDG_STATE_HOME count).

use std::path::PathBuf;

use directories::ProjectDirs;

/// folio's folders on this machine.
#[derive(Debug, Clone)]
pub struct Dirs {
    pub config: PathBuf,
    pub data: PathBuf,
    pub cache: PathBuf,
    /// The state folder, or where the platform has none, the local data folder.
    pub state: PathBuf,
}

impl Dirs {
    /// The platform's folders for folio, or `None` when no home folder can be found.
    pub fn discover() -> Option<Dirs> {
        let dirs = ProjectDirs::from("", "", "folio")?;
        Some(Dirs {
            config: dirs.config_dir().to_path_buf(),
            data: dirs.data_dir().to_path_buf(),
            cache: dirs.cache_dir().to_path_buf(),
            state: dirs
                .state_dir()
                .unwrap_or_else(|| dirs.data_local_dir())
                .to_path_buf(),
        })
    }

    pub fn config_file(&self) -> PathBuf {
        self.config.join("config.toml")
    }

    /// The filter bar's query history.
    pub fn history_file(&self) -> PathBuf {
        self.state.join("history")
    }

    /// Where the last run in each store left off.
    pub fn session_file(&self) -> PathBuf {
        self.state.join("session.toml")
    }

    /// The default store: articles the user keeps in folio's data folder.
    pub fn default_store(&self) -> PathBuf {
        self.data.join("articles")
    }
}

/// Refuses a relative `HOME` or `XDG_*_HOME`: folio's files would then land under
/// whatever folder it was started in, a different one each time (the XDG spec calls
/// relative paths invalid). Names the variable and what to do.
pub fn check_environment() -> Result<(), String> {
    for name in [
        "HOME",
        "XDG_CONFIG_HOME",
        "XDG_DATA_HOME",
        "XDG_CACHE_HOME",
        "XDG_STATE_HOME",
    ] {
        let Some(value) = std::env::var_os(name).filter(|v| !v.is_empty()) else {
            continue;
        };
        let path = PathBuf::from(&value);
        if path.is_relative() {
            return Err(format!(
                "{name} is a relative path ({}): folio keeps its files there, so it must be \
                 absolute (it would otherwise change with the folder folio starts in); \
                 give the full path, or unset it",
                crate::store::read::escape_path(&path)
            ));
        }
    }
    Ok(())
}

/// Expands a leading `~/` to the home folder.
pub fn expand_home(path: &str) -> PathBuf {
    if let Some(home) = directories::BaseDirs::new() {
        if path == "~" {
            return home.home_dir().to_path_buf();
        }
        if let Some(rest) = path.strip_prefix("~/") {
            return home.home_dir().join(rest);
        }
    }
    PathBuf::from(path)
}
