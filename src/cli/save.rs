//! `folio save URL [--to FOLDER] [--html] [--timeout SECONDS]`: fetches a web page and
//! keeps it as an article in a store folder; prints the path of the file (the one
//! written, or the one that already keeps the page).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use crate::config::Config;
use crate::sanitize::sanitize_line;
use crate::save::fetch::Limits;
use crate::save::place::PlaceError;
use crate::save::proxy::ProcessEnvironment;
use crate::save::{Request, SaveError, Saved, save};
use crate::store::read::{escape_path, io_reason};

/// How long a connection may take by default.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long the server may send nothing by default.
pub const READ_TIMEOUT: Duration = Duration::from_secs(30);

/// The exit status when Ctrl-C stopped a save (128 + SIGINT, as shells report it).
const EXIT_INTERRUPTED: u8 = 130;

/// Reads `--timeout`: a number of seconds above zero (`5`, `2.5`), at most a day.
pub(super) fn parse_seconds(text: &str) -> Result<Duration, String> {
    let seconds: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a number of seconds (such as 10 or 2.5)"))?;
    if !(seconds > 0.0 && seconds <= 86_400.0) {
        return Err(format!(
            "{text} seconds is not a timeout: give more than 0 and at most 86400"
        ));
    }
    Ok(Duration::from_secs_f64(seconds))
}

/// The options of `folio save`.
#[derive(Debug)]
pub(super) struct Options<'a> {
    pub url: &'a str,
    pub to: Option<&'a Path>,
    pub html: bool,
    pub timeout: Option<Duration>,
}

/// Saves the page; exit 0 with its path on stdout, else 1 with why on stderr.
pub(super) fn save_command(options: &Options, config: &Config) -> ExitCode {
    let folder = match folder(options.to, config) {
        Ok(folder) => folder,
        Err(message) => return fail(&format!("cannot save {}: {message}", options.url)),
    };
    let request = Request {
        address: options.url,
        folder: &folder,
        html: options.html,
        limits: Limits {
            connect: options.timeout.unwrap_or(CONNECT_TIMEOUT),
            read: options.timeout.unwrap_or(READ_TIMEOUT),
            max_bytes: config.max_article_bytes,
        },
    };
    match save(&request, &ProcessEnvironment, &jiff::ZonedDateTime::now()) {
        Ok(Saved::Written(path)) => {
            println!("{}", escape_path(&path));
            ExitCode::SUCCESS
        }
        Ok(Saved::AlreadyKept(path)) => {
            eprintln!(
                "folio: {} is already saved, as {}; nothing written",
                sanitize_line(options.url),
                escape_path(&path)
            );
            println!("{}", escape_path(&path));
            ExitCode::SUCCESS
        }
        Err(error @ SaveError::Place(PlaceError::Interrupted)) => {
            eprintln!("folio: {}", error.message(options.url));
            ExitCode::from(EXIT_INTERRUPTED)
        }
        Err(error) => fail(&error.message(options.url)),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("folio: {}", sanitize_line(message));
    ExitCode::FAILURE
}

/// Where the page goes: `--to`, else the first folder of the config's `store` (which
/// must exist: a missing one may be a disk not mounted), else the data folder's
/// `articles`. `--to` and the data folder are created when missing.
fn folder(to: Option<&Path>, config: &Config) -> Result<PathBuf, String> {
    if let Some(to) = to {
        return Ok(to.to_path_buf());
    }
    if let Some(first) = config.store_folders().into_iter().next() {
        return match std::fs::metadata(&first) {
            Ok(meta) if meta.is_dir() => Ok(first),
            Ok(_) => Err(format!(
                "{} is not a folder; it is the first folder of `store` in {}: fix that, \
                 or give a folder with --to",
                escape_path(&first),
                config_name(config)
            )),
            Err(error) => Err(format!(
                "cannot open {}: {}; it is the first folder of `store` in {}: fix that, \
                 or give a folder with --to",
                escape_path(&first),
                io_reason(&error),
                config_name(config)
            )),
        };
    }
    match config.dirs() {
        Some(dirs) => Ok(dirs.default_store()),
        None => Err("no home folder was found to keep articles in; set HOME, \
                     or give a folder with --to"
            .to_owned()),
    }
}

fn config_name(config: &Config) -> String {
    config
        .file
        .as_deref()
        .map_or_else(|| "the config".to_owned(), escape_path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts_are_positive_seconds() {
        assert_eq!(parse_seconds("1"), Ok(Duration::from_secs(1)));
        assert_eq!(parse_seconds("2.5"), Ok(Duration::from_millis(2500)));
        for bad in ["0", "-1", "soon", "NaN", "inf", "100000"] {
            assert!(parse_seconds(bad).is_err(), "{bad}");
        }
    }
}
