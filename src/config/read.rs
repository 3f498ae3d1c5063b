//! Config text read into a [`Config`]: every key checked for its type and its value, the
//! `[keys]` remaps laid over the default keymap, and every problem kept with its place.

use std::ops::{Range, RangeInclusive};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::entries::in_file_order;
use super::hints::{a, did_you_mean};
use super::keys::{Written, clash_problems, read_keys};
use super::{Config, ConfigProblem, VERSION};
use crate::search::order::Sort;
use crate::tui::input::key_names::{self, Remap};
use crate::tui::input::keymap::Keymap;
use crate::tui::settings::theme::{BUILT_IN, COLOUR_NAMES, Palette, parse_colour};
use crate::tui::settings::{DateFormat, MAX_DATE_WIDTH};

/// The keys a config file may have at its top.
pub(super) const TOP: &[&str] = &[
    "version",
    "store",
    "max_article_bytes",
    "extensions",
    "vault",
    "data_dir",
    "sort",
    "date_format",
    "list_width",
    "reading_width",
    "restore_session",
    "keys",
    "theme",
];

/// The orders the list can start in, by their configuration names.
const SORTS: &[(&str, Sort)] = &[
    ("date", Sort::Date),
    ("oldest", Sort::Oldest),
    ("title", Sort::Title),
    ("relevance", Sort::Relevance),
];

pub const LIST_WIDTHS: RangeInclusive<i64> = 10..=90;
pub const READING_WIDTHS: RangeInclusive<i64> = 20..=1000;

/// Reads `text`; on failure, every problem, in the order of the file.
pub fn read(text: &str) -> Result<Config, Vec<ConfigProblem>> {
    let table = match DeTable::parse(text) {
        Ok(table) => table,
        Err(error) => {
            let span = error.span().unwrap_or(0..0);
            let what = error.message().trim().to_owned();
            return Err(vec![ConfigProblem::new(
                span,
                format!("this is not TOML: {what}"),
                "TOML: `key = value` lines, and `[keys]` and `[theme]` sections (https://toml.io)",
            )]);
        }
    };
    let mut reader = Reader {
        config: Config::default(),
        remaps: Vec::new(),
        problems: Vec::new(),
    };
    for (key, value) in in_file_order(table.get_ref()) {
        reader.top(key, value);
    }
    reader.finish()
}

pub(super) struct Reader {
    pub(super) config: Config,
    pub(super) remaps: Vec<Written>,
    pub(super) problems: Vec<ConfigProblem>,
}

impl Reader {
    pub(super) fn problem(&mut self, span: Range<usize>, what: String, allowed: impl Into<String>) {
        self.problems.push(ConfigProblem::new(span, what, allowed));
    }

    fn top(&mut self, key: &Spanned<toml::de::DeString<'_>>, value: &Spanned<DeValue<'_>>) {
        match key.get_ref().as_ref() {
            "version" => {
                if let Some(version) = self.integer("version", value, 1..=i64::MAX, "version = 1") {
                    if version == i64::from(VERSION) {
                        self.config.version = VERSION;
                    } else {
                        self.problem(
                            value.span(),
                            format!("version {version} is not a version this folio reads"),
                            format!("{VERSION} (the only version of the format so far)"),
                        );
                    }
                }
            }
            "store" => self.store(value),
            "extensions" => self.extensions(value),
            "data_dir" => self.config.data_dir = self.folder("data_dir", value, "~/Sync/folio"),
            "vault" => self.config.vault = self.folder("vault", value, "~/Obsidian/Reading"),
            "max_article_bytes" => {
                let example = "a number of bytes, e.g. max_article_bytes = 16777216 (16 MiB)";
                if let Some(bytes) = self.integer("max_article_bytes", value, 1..=i64::MAX, example)
                {
                    self.config.max_article_bytes = bytes as u64;
                }
            }
            "sort" => {
                let allowed = "\"date\" (newest first), \"oldest\", \"title\" or \"relevance\"";
                if let Some(name) = self.string("sort", value, allowed) {
                    match SORTS.iter().find(|(n, _)| *n == name) {
                        Some((_, sort)) => self.config.sort = *sort,
                        None => {
                            let what = format!("{name:?} is not an order of the list");
                            self.problem(value.span(), what, allowed);
                        }
                    }
                }
            }
            "date_format" => {
                let allowed = format!(
                    "a strftime pattern for a day, at most {MAX_DATE_WIDTH} columns wide: %Y %m %d \
                     %e %b %B %a %A %y %j, e.g. \"%Y-%m-%d\" or \"%e %b %Y\""
                );
                if let Some(pattern) = self.string("date_format", value, &allowed) {
                    match DateFormat::new(pattern) {
                        Ok(format) => self.config.date_format = format,
                        Err(why) => self.problem(value.span(), why, allowed),
                    }
                }
            }
            "list_width" => {
                let example = "a percentage of the screen from 10 to 90, e.g. list_width = 40";
                if let Some(width) = self.integer("list_width", value, LIST_WIDTHS, example) {
                    self.config.list_width = Some(width as u16);
                }
            }
            "reading_width" => {
                let example = "a number of columns from 20 to 1000, e.g. reading_width = 80";
                if let Some(width) = self.integer("reading_width", value, READING_WIDTHS, example) {
                    self.config.reading_width = width as usize;
                }
            }
            "restore_session" => match value.get_ref() {
                DeValue::Boolean(restore) => self.config.restore_session = *restore,
                other => {
                    let what = format!("restore_session must be true or false, not {}", a(other));
                    self.problem(value.span(), what, "restore_session = false (or true)");
                }
            },
            "keys" => read_keys(value, &mut self.remaps, &mut self.problems),
            "theme" => self.theme(value),
            name => {
                let what = format!("unknown key {name:?}{}", did_you_mean(name, TOP));
                self.problem(key.span(), what, TOP.join(", "));
            }
        }
    }

    fn store(&mut self, value: &Spanned<DeValue<'_>>) {
        let allowed = "a list of folders, e.g. store = [\"~/articles\", \"/srv/news\"]";
        let items: Vec<&Spanned<DeValue<'_>>> = match value.get_ref() {
            DeValue::String(_) => vec![value],
            DeValue::Array(array) => array.iter().collect(),
            other => {
                let what = format!("store must be a list of folders, not {}", a(other));
                return self.problem(value.span(), what, allowed);
            }
        };
        let mut folders = Vec::new();
        for item in items {
            match item.get_ref() {
                DeValue::String(folder) if folder.trim().is_empty() => {
                    let what = "an empty folder name in store".to_owned();
                    self.problem(item.span(), what, allowed);
                }
                DeValue::String(folder) => folders.push(folder.to_string()),
                other => {
                    let what = format!("a folder in store must be a string, not {}", a(other));
                    self.problem(item.span(), what, allowed);
                }
            }
        }
        self.config.store = folders;
    }

    /// A folder named by `key` (`example` shows one), or `None` (a problem kept) when it
    /// is not a string or is empty.
    fn folder(&mut self, key: &str, value: &Spanned<DeValue<'_>>, example: &str) -> Option<String> {
        let allowed = format!("a folder, e.g. {key} = \"{example}\"");
        let folder = self.string(key, value, &allowed)?;
        if folder.trim().is_empty() {
            self.problem(value.span(), format!("{key} is empty"), allowed);
            return None;
        }
        Some(folder.to_owned())
    }

    fn extensions(&mut self, value: &Spanned<DeValue<'_>>) {
        let allowed =
            "a list of file endings, e.g. extensions = [\"txt\", \"md\", \"html\", \"org\"]";
        let DeValue::Array(items) = value.get_ref() else {
            let what = format!(
                "extensions must be a list of file endings, not {}",
                a(value.get_ref())
            );
            return self.problem(value.span(), what, allowed);
        };
        let mut endings: Vec<String> = Vec::new();
        for item in items {
            let DeValue::String(ending) = item.get_ref() else {
                let what = format!(
                    "an ending in extensions must be a string, not {}",
                    a(item.get_ref())
                );
                self.problem(item.span(), what, allowed);
                continue;
            };
            let ending = ending.trim().trim_start_matches('.').to_ascii_lowercase();
            let fits = !ending.is_empty()
                && ending.len() <= 16
                && ending
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
            if !fits {
                let what =
                    format!("{ending:?} is not a file ending (letters and digits, e.g. \"md\")");
                self.problem(item.span(), what, allowed);
            } else if !endings.contains(&ending) {
                endings.push(ending);
            }
        }
        if endings.is_empty() && self.problems.is_empty() {
            let what = "extensions is empty: no file would be an article".to_owned();
            return self.problem(value.span(), what, allowed);
        }
        self.config.extensions = endings;
    }

    fn theme(&mut self, value: &Spanned<DeValue<'_>>) {
        let names: Vec<&str> = BUILT_IN.iter().map(|(name, _)| *name).collect();
        let bases = names
            .iter()
            .map(|n| format!("{n:?}"))
            .collect::<Vec<_>>()
            .join(" or ");
        let base = |reader: &mut Reader, value: &Spanned<DeValue<'_>>| {
            let Some(name) = reader.string("the theme", value, &bases) else {
                return;
            };
            match BUILT_IN
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name.trim()))
            {
                Some((name, palette)) => {
                    reader.config.theme = name;
                    reader.config.palette = *palette;
                }
                None => {
                    let what = format!("{name:?} is not a built-in theme");
                    reader.problem(value.span(), what, bases.clone());
                }
            }
        };
        let table = match value.get_ref() {
            DeValue::String(_) => return base(self, value),
            DeValue::Table(table) => table,
            other => {
                let what = format!(
                    "theme must be the name of a theme or a [theme] table, not {}",
                    a(other)
                );
                let allowed = format!(
                    "theme = {bases}, or a [theme] section with base = {bases} and colours"
                );
                return self.problem(value.span(), what, allowed);
            }
        };
        let entries = in_file_order(table);
        // The base first, wherever it is written: the colours change it.
        if let Some((_, value)) = entries.iter().find(|(k, _)| k.get_ref() == "base") {
            base(self, value);
        }
        let mut allowed: Vec<&str> = vec!["base"];
        allowed.extend(Palette::ELEMENTS);
        for (key, value) in entries {
            let name = key.get_ref().as_ref();
            if name == "base" {
                continue;
            }
            if self.config.palette.element(name).is_none() {
                let what = format!(
                    "unknown key {name:?} in [theme]{}",
                    did_you_mean(name, &allowed)
                );
                self.problem(key.span(), what, allowed.join(", "));
                continue;
            }
            let Some(text) = self.string(name, value, COLOUR_NAMES) else {
                continue;
            };
            match parse_colour(text) {
                Ok(colour) => {
                    if let Some(slot) = self.config.palette.element_mut(name) {
                        *slot = colour;
                    }
                }
                Err(why) => self.problem(value.span(), format!("{name}: {why}"), COLOUR_NAMES),
            }
        }
    }

    /// The value as a string, or a problem saying it must be one.
    fn string<'v>(
        &mut self,
        key: &str,
        value: &'v Spanned<DeValue<'_>>,
        allowed: &str,
    ) -> Option<&'v str> {
        match value.get_ref() {
            DeValue::String(text) => Some(text.as_ref()),
            other => {
                let what = format!("{key} must be a string in quotes, not {}", a(other));
                self.problem(value.span(), what, allowed);
                None
            }
        }
    }

    /// The value as a whole number in `range`, or a problem saying what it must be.
    fn integer(
        &mut self,
        key: &str,
        value: &Spanned<DeValue<'_>>,
        range: RangeInclusive<i64>,
        allowed: &str,
    ) -> Option<i64> {
        let number = match value.get_ref() {
            DeValue::Integer(n) => i64::from_str_radix(n.as_str(), n.radix()).ok(),
            other => {
                let what = format!("{key} must be a whole number, not {}", a(other));
                self.problem(value.span(), what, allowed);
                return None;
            }
        };
        match number {
            Some(n) if range.contains(&n) => Some(n),
            _ => {
                let shown = &value.get_ref().as_integer().map(|n| n.to_string());
                let shown = shown.as_deref().unwrap_or("this number");
                let what = if *range.end() == i64::MAX {
                    format!("{key} must be at least {}, not {shown}", range.start())
                } else {
                    format!(
                        "{key} must be from {} to {}, not {shown}",
                        range.start(),
                        range.end()
                    )
                };
                self.problem(value.span(), what, allowed);
                None
            }
        }
    }

    /// The config, or every problem found (keys that clash included) in file order.
    fn finish(mut self) -> Result<Config, Vec<ConfigProblem>> {
        let remaps: Vec<Remap> = self
            .remaps
            .iter()
            .map(|w| Remap {
                action: w.action,
                keys: w.keys.iter().map(|(key, _)| *key).collect(),
            })
            .collect();
        match key_names::remap(&Keymap::default(), &remaps) {
            Ok(keymap) => self.config.keymap = keymap,
            Err(clashes) => self.problems.extend(clash_problems(&clashes, &self.remaps)),
        }
        if self.problems.is_empty() {
            return Ok(self.config);
        }
        self.problems.sort_by_key(|p| p.span.start);
        self.problems.dedup();
        Err(self.problems)
    }
}
