//! The command line: `folio [PATH...]` opens the reader; `folio list`, `folio check`,
//! `folio show` and `folio bookmarks` serve scripts and tests; `folio save` keeps a web
//! page as an article; `folio config` shows the configuration.
//! Every command but `folio config` reads the config file first, and stops on a bad one.

pub mod bookmarks;
mod check;
mod config;
mod list;
mod save;
mod show;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use crate::bookmarks::export::Format;
use crate::config::{Config, ConfigPath};
use crate::sanitize::{sanitize, sanitize_line};
use crate::store::{Kinds, Root, Store, has_articles};

/// A terminal reader for a local store of article files.
#[derive(Debug, Parser)]
#[command(name = "folio", version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Folders (or files) to open; default: the configured store, else
    /// ~/.local/share/folio/articles, else the bundled sample library.
    pub paths: Vec<PathBuf>,
    /// Write a log of the reader's events (with timings) to this file; also FOLIO_LOG.
    #[arg(long, value_name = "FILE")]
    pub log: Option<PathBuf>,
    /// Read the configuration from this file (else $FOLIO_CONFIG, else config.toml in
    /// the config folder: see `folio config --path`).
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print every article, newest first.
    List {
        paths: Vec<PathBuf>,
        /// One JSON object per line: path, title, date, date_from, source, author, tags, words,
        /// url.
        #[arg(long)]
        json: bool,
        /// Only the articles this filter selects, as the reader's filter bar would
        /// (words, "phrases", title:, source:, author:, tag:, path:, date:, after:,
        /// before:, since:, is:bookmarked, is:unread, -term to exclude, OR or | between
        /// terms, and (groups), -(…) to exclude one).
        #[arg(long, short, value_name = "QUERY", allow_hyphen_values = true)]
        query: Option<String>,
    },
    /// Report each file that could not be read as an article; exit 1 if there is any.
    Check { paths: Vec<PathBuf> },
    /// Print one article as folio reads it: title, metadata, then its paragraphs in
    /// plain text; exit 1 if the file is missing or not an article.
    Show {
        /// The article file (in a store or not).
        file: PathBuf,
        /// One JSON object: the keys of `folio list --json`, then paragraphs.
        #[arg(long)]
        json: bool,
    },
    /// Print the bookmarked passages, or add one (`folio bookmarks add`).
    #[command(args_conflicts_with_subcommands = true)]
    Bookmarks {
        #[command(subcommand)]
        action: Option<BookmarksAction>,
        /// One JSON object per line: id, path, title, quote, note, created, found,
        /// status (found, moved, changed or missing), now, url.
        #[arg(long, conflicts_with_all = ["markdown", "format"])]
        json: bool,
        /// One section per article, each passage a block quote with its note.
        #[arg(long, conflicts_with = "format")]
        markdown: bool,
        /// text, json, markdown, readwise (CSV for Readwise's import) or annotation (W3C
        /// Web Annotations as JSON-LD, for Hypothesis and other annotation tools).
        #[arg(long, value_name = "FORMAT", value_parser = export_format)]
        format: Option<Format>,
        /// Write one Markdown note per article into this Obsidian (or any Markdown)
        /// vault folder (default: the config's `vault`), updating folio's notes there in
        /// place.
        #[arg(long, value_name = "DIR", num_args = 0..=1, conflicts_with_all = ["json", "markdown", "format"])]
        vault: Option<Option<PathBuf>>,
    },
    /// Fetch a web page and keep it as an article; print the path of its file.
    ///
    /// The article is written as Markdown with TOML front matter (title, date, author,
    /// source, url, saved, lang, tags), named YYYY-MM-DD-slug.md after its date and title.
    /// A page the folder already keeps (by its address) is not saved again. Proxies come
    /// from http_proxy, https_proxy, all_proxy and no_proxy (or their upper-case forms).
    Save {
        /// The page's address, http:// or https://.
        url: String,
        /// The folder to keep it in, created if missing (default: the first folder of
        /// the config's `store`, else ~/.local/share/folio/articles).
        #[arg(long, value_name = "FOLDER")]
        to: Option<PathBuf>,
        /// Keep the page itself (.html, with the address it came from on its first line)
        /// rather than its article as Markdown.
        #[arg(long)]
        html: bool,
        /// Give up when connecting takes longer than SECONDS, or when the server sends
        /// nothing for SECONDS (default: 10 to connect, 30 between reads).
        #[arg(long, value_name = "SECONDS", value_parser = save::parse_seconds)]
        timeout: Option<std::time::Duration>,
    },
    /// Print the default configuration, or where folio reads its configuration.
    Config {
        /// Print the whole default config.toml, a comment on every key; saved as the
        /// config, it changes nothing.
        #[arg(long, conflicts_with = "path", required_unless_present = "path")]
        default: bool,
        /// Print the path of the config file folio reads (creating the config folder, so
        /// that `folio config --default > "$(folio config --path)"` works).
        #[arg(long)]
        path: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum BookmarksAction {
    /// Bookmark a passage of an article file; exit 1 if the passage is not in it.
    Add {
        /// The article file.
        file: PathBuf,
        /// The passage, as it occurs in the article (spaces and line breaks may differ).
        #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
        quote: String,
        /// A note kept with the passage.
        #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
        note: Option<String>,
    },
}

impl Cli {
    /// Parses `args` (the program's name first), reading `folio --config FILE list` as
    /// `folio list --config FILE`: options before a command would otherwise make the
    /// command's name a path to open.
    pub fn parse_args(args: impl IntoIterator<Item = OsString>) -> Cli {
        let mut args: Vec<OsString> = args.into_iter().collect();
        let mut end = 1;
        while let Some(arg) = args.get(end).and_then(|a| a.to_str()) {
            if arg == "--config" && end + 1 < args.len() {
                end += 2;
            } else if arg.starts_with("--config=") {
                end += 1;
            } else {
                break;
            }
        }
        let command = args.get(end).and_then(|a| a.to_str());
        let is_command = command.is_some_and(|name| {
            Cli::command()
                .get_subcommands()
                .any(|c| c.get_name() == name)
                || name == "help"
        });
        if end > 1 && is_command {
            args[1..=end].rotate_right(1);
        }
        Cli::parse_from(args)
    }
}

/// Exit status for bad usage or configuration.
pub const EXIT_USAGE: u8 = 2;

/// Runs the command line; returns the process's exit status.
pub fn run(cli: Cli) -> ExitCode {
    if let Err(message) = crate::paths::check_environment() {
        eprintln!("folio: {}", sanitize_line(&message));
        return ExitCode::from(EXIT_USAGE);
    }
    let config_path = ConfigPath::find(cli.config.as_deref());
    if let Some(Command::Config { path, .. }) = cli.command {
        return config::config_command(config_path, path);
    }
    let config = match config_path.as_ref().map(Config::load).transpose() {
        Ok(config) => config.unwrap_or_default(),
        Err(error) => {
            let message = sanitize(&error.to_string()).into_owned();
            eprintln!("folio: {message}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    // A synced data folder that is not there (not mounted, not synced yet) would have
    // folio start an empty bookmarks file beside the real one.
    if let Some(data) = config.data_dir.as_ref().and(config.dirs()).map(|d| d.data)
        && !data.is_dir()
    {
        eprintln!(
            "folio: the data folder {} (data_dir in the config) is not there; create it, \
             or mount or sync the folder it is in, then run folio again",
            crate::store::read::escape_path(&data)
        );
        return ExitCode::from(EXIT_USAGE);
    }
    let result = match cli.command {
        Some(Command::List {
            paths,
            json,
            query: None,
        }) => resolve_store(&paths, &config).map(|store| list::list(&store, json)),
        Some(Command::List {
            paths,
            json,
            query: Some(query),
        }) => resolve_store(&paths, &config)
            .and_then(|store| list::list_matching(&store, &query, json, config.dirs())),
        Some(Command::Check { paths }) => {
            resolve_store(&paths, &config).map(|store| check::check(&store))
        }
        Some(Command::Show { file, json }) => {
            Ok(show::show(&file, json, &Kinds::new(&config.extensions)))
        }
        Some(Command::Save {
            url,
            to,
            html,
            timeout,
        }) => Ok(save::save_command(
            &save::Options {
                url: &url,
                to: to.as_deref(),
                html,
                timeout,
            },
            &config,
        )),
        Some(Command::Bookmarks {
            action: Some(BookmarksAction::Add { file, quote, note }),
            ..
        }) => {
            let store = resolve_store(&[], &config).ok();
            Ok(crate::cli::bookmarks::add(
                &file,
                &quote,
                note,
                store,
                config.dirs().as_ref(),
            ))
        }
        Some(Command::Bookmarks {
            action: None,
            vault: Some(vault),
            ..
        }) => {
            let Some(vault) = vault.or_else(|| config.vault_folder()) else {
                eprintln!(
                    "folio: no vault to write to: give its folder (--vault DIR), or set vault = \"…\" in the config"
                );
                return ExitCode::from(2);
            };
            let store = resolve_store(&[], &config).ok();
            Ok(crate::cli::bookmarks::to_vault(
                &vault,
                store,
                config.dirs().as_ref(),
            ))
        }
        Some(Command::Bookmarks {
            action: None,
            json,
            markdown,
            format,
            vault: None,
        }) => {
            let format = match (json, markdown, format) {
                (true, _, _) => Format::Json,
                (_, true, _) => Format::Markdown,
                (_, _, format) => format.unwrap_or(Format::Text),
            };
            let store = resolve_store(&[], &config).ok();
            Ok(crate::cli::bookmarks::list(
                format,
                store,
                config.dirs().as_ref(),
            ))
        }
        Some(Command::Config { .. }) => unreachable!("handled before the config is read"),
        None => resolve_store(&cli.paths, &config).and_then(|store| {
            let options = crate::tui::Options {
                dirs: config.dirs(),
                log: cli.log,
                settings: config.settings(crate::tui::settings::theme::colour_wanted()),
                keymap: config.keymap,
            };
            crate::tui::run(store, options)
        }),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("folio: {}", sanitize_line(&message));
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// Picks the store: the paths given, else the configured folders, else the data
/// folder's `articles` when it holds articles, else the sample library.
pub fn resolve_store(paths: &[PathBuf], config: &Config) -> Result<Store, String> {
    let dirs = config.dirs();
    let folders = if !paths.is_empty() {
        paths.to_vec()
    } else if !config.store.is_empty() {
        config.store_folders()
    } else {
        match dirs.map(|d| d.default_store()) {
            Some(folder) if folder.is_dir() && has_articles(&folder) => vec![folder],
            _ => Vec::new(),
        }
    };
    let from_config = paths.is_empty() && !config.store.is_empty();
    for folder in &folders {
        if let Err(error) = std::fs::metadata(folder) {
            let fix = match (&config.file, from_config) {
                (Some(file), true) => format!(
                    "it is in `store` in {}: fix that, or give folders on the command line",
                    crate::store::read::escape_path(file)
                ),
                (None, true) => {
                    "it is in the config's `store`: fix that, or give folders on the command line"
                        .to_owned()
                }
                _ => "give a folder of .txt or .md files".to_owned(),
            };
            return Err(format!(
                "cannot open {}: {}; {fix}",
                crate::store::read::escape_path(folder),
                crate::store::read::io_reason(&error)
            ));
        }
    }
    // Absolute and without links, so that the paths folio's own files keep for articles
    // (bookmarks, reading state) are the same from any working folder.
    let roots = if folders.is_empty() {
        vec![Root::Sample]
    } else {
        folders
            .into_iter()
            .map(|folder| Root::Folder(folder.canonicalize().unwrap_or(folder)))
            .collect()
    };
    let mut store = Store::new(roots);
    store.max_article_bytes = config.max_article_bytes;
    store.kinds = Kinds::new(&config.extensions);
    Ok(store)
}

/// A `--format` of `folio bookmarks`, by its name.
fn export_format(name: &str) -> Result<Format, String> {
    Format::NAMES
        .iter()
        .find(|(known, _)| known.eq_ignore_ascii_case(name))
        .map(|&(_, format)| format)
        .ok_or_else(|| {
            let names: Vec<&str> = Format::NAMES.iter().map(|(n, _)| *n).collect();
            format!("{name:?} is not a format; give one of {}", names.join(", "))
        })
}
