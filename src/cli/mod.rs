//! The command line: `folio [PATH...]` opens the reader; `folio list`, `folio check` and
//! `folio bookmarks` serve scripts and tests; `folio config` shows the configuration.
//! Every command but `folio config` reads the config file first, and stops on a bad one.

pub mod bookmarks;

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};
use serde::Serialize;

use crate::cli::bookmarks::Output;
use crate::config::{Config, Location, Origin};
use crate::marks::Marks;
use crate::paths::Dirs;
use crate::sanitize::{sanitize, sanitize_line};
use crate::store::{Article, Dated, Root, Store, has_articles};

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
        /// One JSON object per line: path, title, date, date_from, source, author, tags, words.
        #[arg(long)]
        json: bool,
        /// Only the articles this filter selects, as the reader's filter bar would
        /// (words, "phrases", title:, source:, author:, tag:, date:, after:, before:,
        /// since:, is:bookmarked, is:unread, and -term to exclude).
        #[arg(long, short, value_name = "QUERY", allow_hyphen_values = true)]
        query: Option<String>,
    },
    /// Report each file that could not be read as an article; exit 1 if there is any.
    Check { paths: Vec<PathBuf> },
    /// Print the bookmarked passages, or add one (`folio bookmarks add`).
    #[command(args_conflicts_with_subcommands = true)]
    Bookmarks {
        #[command(subcommand)]
        action: Option<BookmarksAction>,
        /// One JSON object per line: id, path, title, quote, note, created, found.
        #[arg(long, conflicts_with = "markdown")]
        json: bool,
        /// One section per article, each passage a block quote with its note.
        #[arg(long)]
        markdown: bool,
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
    let location = Location::find(cli.config.as_deref());
    if let Some(Command::Config { path, .. }) = cli.command {
        return config_command(location, path);
    }
    let config = match location.as_ref().map(Config::load).transpose() {
        Ok(config) => config.unwrap_or_default(),
        Err(error) => {
            let message = sanitize(&error.to_string()).into_owned();
            eprintln!("folio: {message}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let result = match cli.command {
        Some(Command::List {
            paths,
            json,
            query: None,
        }) => resolve_store(&paths, &config).map(|store| list(&store, json)),
        Some(Command::List {
            paths,
            json,
            query: Some(query),
        }) => resolve_store(&paths, &config).and_then(|store| list_matching(&store, &query, json)),
        Some(Command::Check { paths }) => resolve_store(&paths, &config).map(|store| check(&store)),
        Some(Command::Bookmarks {
            action: Some(BookmarksAction::Add { file, quote, note }),
            ..
        }) => {
            let store = resolve_store(&[], &config).ok();
            Ok(crate::cli::bookmarks::add(&file, &quote, note, store))
        }
        Some(Command::Bookmarks {
            action: None,
            json,
            markdown,
        }) => {
            let output = if json {
                Output::Json
            } else if markdown {
                Output::Markdown
            } else {
                Output::Text
            };
            let store = resolve_store(&[], &config).ok();
            Ok(crate::cli::bookmarks::list(output, store))
        }
        Some(Command::Config { .. }) => unreachable!("handled before the config is read"),
        None => resolve_store(&cli.paths, &config).and_then(|store| {
            let options = crate::tui::Options {
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

/// `folio config --default` (which reads no config, so it helps mend a bad one) or
/// `folio config --path`.
fn config_command(location: Option<Location>, path: bool) -> ExitCode {
    if !path {
        return print_out(&crate::config::default_text());
    }
    let Some(location) = location else {
        eprintln!(
            "folio: no home folder found, so no config folder; name a config file with \
             --config FILE or FOLIO_CONFIG"
        );
        return ExitCode::from(EXIT_USAGE);
    };
    if location.origin == Origin::Folder
        && let Some(folder) = location.path.parent()
        && let Err(error) = std::fs::create_dir_all(folder)
    {
        eprintln!(
            "folio: cannot create the config folder {}: {}",
            sanitize_line(&folder.display().to_string()),
            crate::store::read::io_reason(&error)
        );
        return ExitCode::FAILURE;
    }
    print_out(&format!("{}\n", location.path.display()))
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

/// Picks the store: the paths given, else the configured folders, else the data
/// folder's `articles` when it holds articles, else the sample library.
pub fn resolve_store(paths: &[PathBuf], config: &Config) -> Result<Store, String> {
    let dirs = Dirs::discover();
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
                    file.display()
                ),
                (None, true) => {
                    "it is in the config's `store`: fix that, or give folders on the command line"
                        .to_owned()
                }
                _ => "give a folder of .txt or .md files".to_owned(),
            };
            return Err(format!(
                "cannot open {}: {}; {fix}",
                folder.display(),
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
    Ok(store)
}

/// One line of `folio list --json`.
#[derive(Serialize)]
struct ListEntry<'a> {
    path: &'a str,
    title: &'a str,
    date: Option<String>,
    date_from: Option<&'static str>,
    source: Option<&'a str>,
    author: Option<&'a str>,
    tags: &'a [String],
    words: usize,
}

impl<'a> From<&'a Article> for ListEntry<'a> {
    fn from(a: &'a Article) -> Self {
        ListEntry {
            path: &a.rel_path,
            title: &a.title,
            date: a.date.map(|d| d.to_string()),
            date_from: a.date_from.map(|f| f.as_str()),
            source: a.source.as_deref(),
            author: a.author.as_deref(),
            tags: &a.tags,
            words: a.words,
        }
    }
}

fn list(store: &Store, json: bool) -> ExitCode {
    // Each article's line is made on the walk's threads as the article is read, so
    // only the lines are kept, and they are printed in order where they lie.
    let walked = store.walk(&|article| Row {
        line: list_line(&article, json).into(),
        date: article.date,
        rel_path: article.rel_path,
    });
    let rows = walked.newest_first();
    let code = print(|out| rows.iter().try_for_each(|row| out.write_all(&row.line)));
    if !walked.problems.is_empty() {
        eprintln!(
            "folio: {} file{} could not be read as articles; `folio check` lists them",
            walked.problems.len(),
            if walked.problems.len() == 1 { "" } else { "s" }
        );
    }
    // The process ends next: freeing 100,000 lines one by one would only add time.
    std::mem::forget(rows);
    std::mem::forget(walked);
    code
}

/// One article as `folio list` prints it: its line, and what puts it in order.
struct Row {
    line: Box<[u8]>,
    date: Option<jiff::civil::Date>,
    rel_path: String,
}

impl Dated for Row {
    fn date(&self) -> Option<jiff::civil::Date> {
        self.date
    }

    fn rel_path(&self) -> &str {
        &self.rel_path
    }
}

/// `folio list --query`: the articles the query selects, newest first.
fn list_matching(store: &Store, query: &str, json: bool) -> Result<ExitCode, String> {
    let query = crate::query::parse(query, crate::query::today())
        .map_err(|error| format!("{error}; see `folio list --help` for the filter language"))?;
    let dirs = Dirs::discover();
    let marks = if query.tests_state() {
        load_marks(dirs.as_ref())
    } else {
        Marks::default()
    };
    let cache = dirs.map(|dirs| dirs.cache);
    let found = crate::search::find(store, &query, cache.as_deref(), &marks);
    if let Some(why) = &found.without_index {
        tracing::debug!(why, "searched without the index");
    }
    Ok(print_articles(&found.articles, json))
}

/// The bookmarked and read articles, for a query's `is:` terms; what cannot be read is
/// said on stderr and counts as no marks.
fn load_marks(dirs: Option<&Dirs>) -> Marks {
    let Some(dirs) = dirs else {
        eprintln!(
            "folio: no home folder found, so no bookmarks or reading state for is:; set HOME"
        );
        return Marks::default();
    };
    let (marks, warnings) = Marks::load(&dirs.data);
    for warning in warnings {
        eprintln!("folio: {}", sanitize_line(&warning));
    }
    marks
}

/// Prints `articles` as JSON lines or as a table.
fn print_articles<'a>(articles: impl IntoIterator<Item = &'a Article>, json: bool) -> ExitCode {
    print(|out| {
        articles
            .into_iter()
            .try_for_each(|article| out.write_all(&list_line(article, json)))
    })
}

/// Runs `write` on a buffered standard output; says why when writing fails.
fn print(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> ExitCode {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match write(&mut out).and_then(|()| out.flush()) {
        // A closed pipe (`folio list | head`) is not an error worth a message.
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("folio: cannot write the list: {error}");
            ExitCode::FAILURE
        }
        _ => ExitCode::SUCCESS,
    }
}

/// An article's line in `folio list`: a JSON object, or a row of the table.
fn list_line(article: &Article, json: bool) -> Vec<u8> {
    let mut line = Vec::with_capacity(128);
    if json {
        // Strings and numbers always serialise; writing into memory cannot fail.
        serde_json::to_writer(&mut line, &ListEntry::from(article))
            .expect("a list entry serialises to JSON");
        line.push(b'\n');
    } else {
        table_row(&mut line, article);
    }
    line
}

/// One line of `folio list`: `␠2024-11-21  Title  (Source)`, with `~` in place of the
/// space for a date estimated from the mtime. Written straight into bytes: with a
/// hundred thousand articles, formatting each line through `format!` shows in the time.
fn table_row(line: &mut Vec<u8>, article: &Article) {
    match (article.date, article.date_from) {
        (Some(date), from) => {
            line.push(if from.is_some_and(|f| f.is_estimate()) {
                b'~'
            } else {
                b' '
            });
            push_date(line, date);
        }
        (None, _) => line.extend_from_slice(b" undated   "),
    }
    line.extend_from_slice(b"  ");
    line.extend_from_slice(article.title.as_bytes());
    if let Some(source) = &article.source {
        line.extend_from_slice(b"  (");
        line.extend_from_slice(source.as_bytes());
        line.push(b')');
    }
    line.push(b'\n');
}

/// A date as `YYYY-MM-DD`, as its `Display` writes it.
fn push_date(line: &mut Vec<u8>, date: jiff::civil::Date) {
    let digits = |n: u32, width: usize| {
        let mut out = [b'0'; 4];
        let mut n = n;
        for slot in out[..width].iter_mut().rev() {
            *slot = b'0' + (n % 10) as u8;
            n /= 10;
        }
        out
    };
    let Ok(year @ 0..=9999) = u32::try_from(date.year()) else {
        let _ = write!(line, "{date}");
        return;
    };
    let (month, day) = (date.month().unsigned_abs(), date.day().unsigned_abs());
    line.extend_from_slice(&digits(year, 4));
    line.push(b'-');
    line.extend_from_slice(&digits(month.into(), 2)[..2]);
    line.push(b'-');
    line.extend_from_slice(&digits(day.into(), 2)[..2]);
}

fn check(store: &Store) -> ExitCode {
    let scan = store.scan();
    for problem in &scan.problems {
        println!("{problem}");
    }
    let articles = scan.articles.len();
    let problems = scan.problems.len();
    eprintln!(
        "{articles} article{} read, {problems} file{} not read, in {}",
        if articles == 1 { "" } else { "s" },
        if problems == 1 { "" } else { "s" },
        store.describe()
    );
    if problems > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{DateFrom, Location};

    /// The row as `format!` writes it, to check the byte-by-byte writer against.
    fn row_by_format(article: &Article) -> String {
        let date = match (article.date, article.date_from) {
            (Some(date), Some(from)) if from.is_estimate() => format!("~{date}"),
            (Some(date), _) => format!(" {date}"),
            (None, _) => format!(" {:10}", "undated"),
        };
        match &article.source {
            Some(source) => format!("{date}  {}  ({source})\n", article.title),
            None => format!("{date}  {}\n", article.title),
        }
    }

    proptest::proptest! {
        #[test]
        fn rows_match_their_formatted_form(
            date in proptest::option::of((-9999i16..=9999, 1i8..=12, 1i8..=28)),
            from in 0usize..5,
            title in "[a-zé中 ]{0,20}",
            source in proptest::option::of("[A-Za-z ]{0,10}"),
        ) {
            let froms = [None, Some(DateFrom::Metadata), Some(DateFrom::Path), Some(DateFrom::Text), Some(DateFrom::Modified)];
            let article = Article {
                date: date.map(|(y, m, d)| jiff::civil::Date::new(y, m, d).expect("a valid date")),
                date_from: froms[from],
                source,
                ..Article::named(Location::Sample("test"), title)
            };
            let mut line = Vec::new();
            table_row(&mut line, &article);
            proptest::prop_assert_eq!(String::from_utf8(line).expect("UTF-8"), row_by_format(&article));
        }
    }
}
