//! The optional tracing log (`--log FILE` or `FOLIO_LOG=FILE`): one line per handled
//! input event with the time spent updating the state and drawing.

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Starts logging to `path`, else to `$FOLIO_LOG`, else nowhere.
pub fn init(path: Option<&Path>) -> Result<(), String> {
    let path = match path {
        Some(path) => path.to_owned(),
        None => match std::env::var_os("FOLIO_LOG").filter(|v| !v.is_empty()) {
            Some(value) => PathBuf::from(value),
            None => return Ok(()),
        },
    };
    let file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(|e| format!("cannot open the log file {}: {e}", path.display()))?;
    tracing_subscriber::fmt()
        .with_writer(Mutex::new(file))
        .with_target(false)
        .try_init()
        .map_err(|e| format!("cannot start the log: {e}"))
}
