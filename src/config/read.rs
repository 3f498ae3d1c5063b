//! Config text read into a [`Config`]: every key checked for its type and its value, the
//! `[keys]` remaps laid over the default keymap, and every problem kept with its place.

use std::ops::{Range, RangeInclusive};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{Config, Problem, VERSION};
use crate::search::order::Sort;
use crate::tui::input::action::Action;
use crate::tui::input::key_names::{self, Clash, KEY_NAMES, Remap};
use crate::tui::input::keymap::{Key, Keymap, Mode};
use crate::tui::settings::theme::{BUILT_IN, COLOUR_NAMES, Palette, parse_colour};
use crate::tui::settings::{DateFormat, MAX_DATE_WIDTH};

/// The keys a config file may have at its top.
const TOP: &[&str] = &[
    "version",
    "store",
    "max_article_bytes",
    "sort",
    "date_format",
    "list_width",
    "reading_width",
    "keys",
    "theme",
];

/// The orders the list can start in, by their configuration names.
const SORTS: &[(&str, Sort)] = &[
    ("date", Sort::Date),
    ("title", Sort::Title),
    ("relevance", Sort::Relevance),
];

pub const LIST_WIDTHS: RangeInclusive<i64> = 10..=90;
pub const READING_WIDTHS: RangeInclusive<i64> = 20..=1000;

/// Reads `text`; on failure, every problem, in the order of the file.
pub fn read(text: &str) -> Result<Config, Vec<Problem>> {
    let table = match DeTable::parse(text) {
        Ok(table) => table,
        Err(error) => {
            let span = error.span().unwrap_or(0..0);
            let what = error.message().trim().to_owned();
            return Err(vec![Problem::new(
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

/// A remap as written: the action's name's place, and each key with its place.
struct Written {
    action: Action,
    keys: Vec<(Key, Range<usize>)>,
}

struct Reader {
    config: Config,
    remaps: Vec<Written>,
    problems: Vec<Problem>,
}

type Entry<'a, 'i> = (
    &'a Spanned<toml::de::DeString<'i>>,
    &'a Spanned<DeValue<'i>>,
);

/// A table's entries in the order they are written.
fn in_file_order<'a, 'i>(table: &'a DeTable<'i>) -> Vec<Entry<'a, 'i>> {
    let mut entries: Vec<Entry<'a, 'i>> = table.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    entries
}

impl Reader {
    fn problem(&mut self, span: Range<usize>, what: String, allowed: impl Into<String>) {
        self.problems.push(Problem::new(span, what, allowed));
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
            "max_article_bytes" => {
                let example = "a number of bytes, e.g. max_article_bytes = 16777216 (16 MiB)";
                if let Some(bytes) = self.integer("max_article_bytes", value, 1..=i64::MAX, example)
                {
                    self.config.max_article_bytes = bytes as u64;
                }
            }
            "sort" => {
                let allowed = "\"date\" (newest first), \"title\" or \"relevance\"";
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
                    self.config.list_width = width as u16;
                }
            }
            "reading_width" => {
                let example = "a number of columns from 20 to 1000, e.g. reading_width = 80";
                if let Some(width) = self.integer("reading_width", value, READING_WIDTHS, example) {
                    self.config.reading_width = width as usize;
                }
            }
            "keys" => self.keys(value),
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

    fn keys(&mut self, value: &Spanned<DeValue<'_>>) {
        let example =
            "a [keys] section of action = [\"key\", ...] lines, e.g. quit = [\"q\", \"ctrl-c\"]";
        let DeValue::Table(table) = value.get_ref() else {
            let what = format!("keys must be a table, not {}", a(value.get_ref()));
            return self.problem(value.span(), what, example);
        };
        for (name, keys) in in_file_order(table) {
            let name_text = name.get_ref().as_ref();
            let Some(action) = Action::from_name(name_text) else {
                let names: Vec<&str> = Action::BINDABLE.iter().filter_map(|a| a.name()).collect();
                let what = format!(
                    "unknown action {name_text:?} in [keys]{}",
                    did_you_mean(name_text, &names)
                );
                self.problem(
                    name.span(),
                    what,
                    format!("the actions: {}", names.join(", ")),
                );
                continue;
            };
            let items: Vec<&Spanned<DeValue<'_>>> = match keys.get_ref() {
                DeValue::String(_) => vec![keys],
                DeValue::Array(array) => array.iter().collect(),
                other => {
                    let what = format!(
                        "the keys of {name_text} must be a list of key names, not {}",
                        a(other)
                    );
                    self.problem(keys.span(), what, example);
                    continue;
                }
            };
            let mut written = Written {
                action,
                keys: Vec::new(),
            };
            for item in items {
                match item.get_ref() {
                    DeValue::String(key_name) => match key_names::parse_key(key_name) {
                        Ok(key) => match key_names::typing_taken(&Keymap::default(), action, key) {
                            Some(mode) => {
                                let place = match mode {
                                    Mode::Note => "the note prompt",
                                    _ => "the filter bar",
                                };
                                let what = format!(
                                    "{name_text}: {key_name:?} would no longer type {key_name:?} in {place}"
                                );
                                let allowed = "a key with ctrl- or alt-, or a named key (\"ctrl-g\", \"f2\", \"esc\") for an action of the filter bar or the note prompt";
                                self.problem(item.span(), what, allowed);
                            }
                            None => written.keys.push((key, item.span())),
                        },
                        Err(why) => {
                            self.problem(item.span(), format!("{name_text}: {why}"), KEY_NAMES)
                        }
                    },
                    other => {
                        let what = format!(
                            "a key of {name_text} must be a key name in quotes, not {}",
                            a(other)
                        );
                        self.problem(item.span(), what, KEY_NAMES);
                    }
                }
            }
            self.remaps.push(written);
        }
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
    fn finish(mut self) -> Result<Config, Vec<Problem>> {
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

/// A key in the file that clashes: its place, the key and its action, and each other
/// action it would also do, with the modes.
struct ClashAt<'a> {
    span: Range<usize>,
    key: Key,
    action: Action,
    others: Vec<(Action, &'a [Mode])>,
}

/// Clashes told at the places in the file that made them (the later of the remaps that
/// list the key), one problem for each place.
fn clash_problems(clashes: &[Clash], written: &[Written]) -> Vec<Problem> {
    let mut places: Vec<ClashAt<'_>> = Vec::new();
    for clash in clashes {
        let (first, second) = clash.actions;
        let place = |action: Action| {
            written
                .iter()
                .filter(|w| w.action == action)
                .flat_map(|w| w.keys.iter())
                .find(|(key, _)| *key == clash.key)
                .map(|(_, span)| span.clone())
        };
        let (mine, other, span) = match (place(first), place(second)) {
            (Some(a), Some(b)) if a.start > b.start => (first, second, a),
            (_, Some(b)) => (second, first, b),
            (Some(a), None) => (first, second, a),
            (None, None) => (second, first, 0..0),
        };
        match places
            .iter_mut()
            .find(|p| p.span == span && p.action == mine)
        {
            Some(place) => place.others.push((other, &clash.modes)),
            None => places.push(ClashAt {
                span,
                key: clash.key,
                action: mine,
                others: vec![(other, &clash.modes)],
            }),
        }
    }
    places
        .into_iter()
        .map(
            |ClashAt {
                 span,
                 key,
                 action: mine,
                 others,
             }| {
                let key = key_names::key_name(key);
                let mine = name(mine);
                let what = match others.as_slice() {
                    [(other, modes)] => format!(
                        "{key:?} is bound to both {mine} and {} {}",
                        name(*other),
                        in_modes(modes)
                    ),
                    others => {
                        let others: Vec<String> = others
                            .iter()
                            .map(|(other, modes)| format!("{} {}", name(*other), in_modes(modes)))
                            .collect();
                        format!(
                            "{key:?} is bound to {mine} and also to {}",
                            others.join(", ")
                        )
                    }
                };
                let allowed = match others.as_slice() {
                    [(other, _)] => {
                        let other = name(*other);
                        format!(
                            "one action per key in each mode: choose another key for {mine}, or \
                         give {other} other keys ([keys] {other} = [...] replaces its defaults)"
                        )
                    }
                    _ => format!("one action per key in each mode: choose another key for {mine}"),
                };
                Problem::new(span, what, allowed)
            },
        )
        .collect()
}

/// `in list mode`, `in the list and reader modes`, `in every mode`.
fn in_modes(modes: &[Mode]) -> String {
    if modes.len() == Mode::ALL.len() {
        return "in every mode".to_owned();
    }
    let names: Vec<&str> = modes.iter().map(|m| m.name()).collect();
    match names.split_last() {
        Some((last, [])) => format!("in {last} mode"),
        Some((last, rest)) => format!("in the {} and {last} modes", rest.join(", ")),
        None => String::new(),
    }
}

fn name(action: Action) -> &'static str {
    action.name().unwrap_or("?")
}

/// `a string`, `an integer`…: a value's type, for messages.
fn a(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "a boolean (true or false)",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

/// ` (did you mean "store"?)` when one of `known` is a slip away from `word`.
fn did_you_mean(word: &str, known: &[&str]) -> String {
    known
        .iter()
        .map(|k| (edit_distance(word, k), k))
        .filter(|(d, k)| *d <= 2.min(k.len() / 3 + 1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| format!(" (did you mean {k:?}?)"))
        .unwrap_or_default()
}

/// Levenshtein distance, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slips_are_caught() {
        assert_eq!(edit_distance("stroe", "store"), 2);
        assert_eq!(did_you_mean("stroe", TOP), " (did you mean \"store\"?)");
        assert_eq!(
            did_you_mean("qiut", &["quit", "help"]),
            " (did you mean \"quit\"?)"
        );
        assert_eq!(did_you_mean("colours", TOP), "");
    }
}
