//! `folio config`: the default config file with every key explained, or the path of the
//! config file folio reads.

use std::process::ExitCode;

use super::EXIT_USAGE;
use crate::config::{ConfigPath, Origin};
use crate::sanitize::sanitize_line;

/// `folio config --default` (which reads no config, so it helps mend a bad one) or
/// `folio config --path`.
pub(super) fn config_command(config_path: Option<ConfigPath>, path: bool) -> ExitCode {
    if !path {
        return print_out(&crate::config::default_text());
    }
    let Some(config_path) = config_path else {
        eprintln!(
            "folio: no home folder found, so no config folder; name a config file with \
             --config FILE or FOLIO_CONFIG"
        );
        return ExitCode::from(EXIT_USAGE);
    };
    if config_path.origin == Origin::Folder
        && let Some(folder) = config_path.path.parent()
        && let Err(error) = std::fs::create_dir_all(folder)
    {
        eprintln!(
            "folio: cannot create the config folder {}: {}",
            sanitize_line(&folder.display().to_string()),
            crate::store::read::io_reason(&error)
        );
        return ExitCode::FAILURE;
    }
    print_out(&format!("{}\n", config_path.path.display()))
}

/// Writes `text` to standard output; a reader that stopped reading (`| head`) is no
/// failure.
fn print_out(text: &str) -> ExitCode {
    use std::io::Write;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("folio: cannot write: {error}");
            ExitCode::FAILURE
        }
    }
}
