//! `folio config --default`: the whole default config, a comment on every key. Read back,
//! it is the defaults; the keys and colours are written from the tables folio uses, so
//! they stay true as those change.

use std::fmt::Write;

use super::read::{LIST_WIDTHS, READING_WIDTHS};
use super::{Config, VERSION};
use crate::tui::Keymap;
use crate::tui::input::action::Action;
use crate::tui::input::key_names::{key_name, keys_by_action};
use crate::tui::input::keymap::{Key, Mode};
use crate::tui::settings::LIST_WIDTH;
use crate::tui::settings::theme::{Palette, colour_name};

/// The default config file's text.
pub fn default_text() -> String {
    let config = Config::default();
    let mut out = String::new();
    let line = |out: &mut String, text: &str| {
        out.push_str(text);
        out.push('\n');
    };
    line(
        &mut out,
        "# folio's configuration. Every key is optional: one left out keeps its default,\n\
         # which is what this file holds (it was printed by `folio config --default`).",
    );
    line(&mut out, "");
    line(
        &mut out,
        &format!("# The version of this file's format.\nversion = {VERSION}"),
    );
    line(&mut out, "");
    line(
        &mut out,
        "# The folders folio opens (\"~\" is your home folder; a relative folder is taken\n\
         # from this file's folder). Empty: the `articles` folder in folio's data folder\n\
         # if it has articles, else the bundled sample library.\n\
         store = []",
    );
    line(&mut out, "");
    line(
        &mut out,
        &format!(
            "# The largest article file read, in bytes; larger files are skipped and listed by\n\
             # `folio check`.\nmax_article_bytes = {}",
            config.max_article_bytes
        ),
    );
    line(&mut out, "");
    line(
        &mut out,
        "# folio's data folder: bookmarks.toml, reading.toml and the default `articles`\n\
         # store. Point it at a folder Syncthing, Dropbox or Nextcloud syncs to keep\n\
         # bookmarks on every machine. Unset: ~/.local/share/folio (XDG_DATA_HOME).\n\
         # data_dir = \"~/Sync/folio\"",
    );
    line(&mut out, "");
    line(
        &mut out,
        "# The folder of Markdown notes (an Obsidian vault) that `folio bookmarks --vault`\n\
         # and the bookmarks pane's export write a note per article into (\"~\" is your\n\
         # home folder). Unset: none.\n\
         # vault = \"~/Obsidian/Reading\"",
    );
    line(&mut out, "");
    let endings: Vec<String> = config.extensions.iter().map(|e| format!("{e:?}")).collect();
    line(
        &mut out,
        &format!(
            "# The file endings that are articles. `.html` and `.htm` are saved web pages,\n\
             # `.md` and `.markdown` Markdown; any other ending is read as plain text. Files\n\
             # with other endings are skipped and named by `folio check`.\n\
             extensions = [{}]",
            endings.join(", ")
        ),
    );
    line(&mut out, "");
    line(
        &mut out,
        "# The list's order at start: \"date\" (newest first), \"oldest\", \"title\" or\n\
         # \"relevance\".\n\
         sort = \"date\"",
    );
    line(&mut out, "");
    line(
        &mut out,
        &format!(
            "# How the reader writes dates, in its list and over an article (`folio list`\n\
             # keeps 2024-11-21): a strftime pattern for a day (%Y %m %d %e %b %B %a %A %y %j).\n\
             date_format = {}",
            quoted(config.date_format.pattern())
        ),
    );
    line(&mut out, "");
    line(
        &mut out,
        &format!(
            "# The list's share of the screen in percent ({} to {}), when the list and the\n\
             # reader are side by side: at least this much, and more when the reader has\n\
             # more room than `reading_width` needs. Unset, the list takes what its titles\n\
             # need (at least {}%, at most half the screen).\n{}",
            LIST_WIDTHS.start(),
            LIST_WIDTHS.end(),
            LIST_WIDTH,
            match config.list_width {
                Some(width) => format!("list_width = {width}"),
                None => format!("# list_width = {LIST_WIDTH}"),
            }
        ),
    );
    line(&mut out, "");
    line(
        &mut out,
        &format!(
            "# The widest the article text gets, in columns ({} to {}).\nreading_width = {}",
            READING_WIDTHS.start(),
            READING_WIDTHS.end(),
            config.reading_width
        ),
    );
    line(&mut out, "");
    line(
        &mut out,
        &format!(
            "# Start where the last run in this store left off: its filter in the bar, the\n\
             # article that was selected, and the reader open on it if it was (Esc clears\n\
             # the filter). false starts on the whole list, newest first.\nrestore_session = {}",
            config.restore_session
        ),
    );
    line(&mut out, "");
    keys_section(&mut out, &config.keymap);
    line(&mut out, "");
    theme_section(&mut out, &config);
    out
}

/// `[keys]`: each action with its default keys and where they work.
fn keys_section(out: &mut String, keymap: &Keymap) {
    out.push_str(
        "# Keys: action = [\"key\", ...]. Listing an action's keys replaces all its defaults:\n\
         # a key that was one of them keeps its modes; a new key works wherever the action\n\
         # does (anywhere, for an action that works anywhere, unless the key is a plain\n\
         # character: those never leave the filter bar or a note unable to type them). A\n\
         # key may do only one thing in a mode; Ctrl-C quits wherever nothing else has it.\n\
         # Names: a character (\"q\", \"G\", \"?\"), space, enter, esc, tab, backspace,\n\
         # delete, insert, home, end, pageup, pagedown, up, down, left, right, f1 to f24,\n\
         # each after any of ctrl-, alt- and shift- (\"ctrl-d\", \"shift-tab\").\n\
         [keys]\n",
    );
    for (action, keys) in keys_by_action(keymap) {
        let Some(name) = action.name() else {
            continue;
        };
        let _ = writeln!(
            out,
            "# {}{}",
            action.help(),
            where_keys_work(keymap, action)
        );
        let names: Vec<String> = keys.iter().map(|&k| quoted(&key_name(k))).collect();
        let _ = writeln!(out, "{name} = [{}]", names.join(", "));
    }
}

/// ` (in list, reader)`, or with keys in different modes
/// ` (q in list, reader; ctrl-c anywhere)`.
fn where_keys_work(keymap: &Keymap, action: Action) -> String {
    let mut places: Vec<(Key, Vec<&'static str>)> = Vec::new();
    for b in keymap.bindings().iter().filter(|b| b.action == action) {
        let place = b.mode.map_or("anywhere", Mode::name);
        match places.iter_mut().find(|(k, _)| *k == b.key) {
            Some((_, modes)) => modes.push(place),
            None => places.push((b.key, vec![place])),
        }
    }
    let modes = |modes: &[&str]| match modes {
        ["anywhere"] => "anywhere".to_owned(),
        modes => format!("in {}", modes.join(", ")),
    };
    let Some((_, first)) = places.first() else {
        return " (no keys by default)".to_owned();
    };
    if places.iter().all(|(_, m)| m == first) {
        return format!(" ({})", modes(first));
    }
    let mut groups: Vec<(Vec<String>, &Vec<&str>)> = Vec::new();
    for (key, modes) in &places {
        match groups.iter_mut().find(|(_, m)| *m == modes) {
            Some((keys, _)) => keys.push(key_name(*key)),
            None => groups.push((vec![key_name(*key)], modes)),
        }
    }
    let parts: Vec<String> = groups
        .iter()
        .map(|(keys, m)| format!("{} {}", keys.join(" "), modes(m)))
        .collect();
    format!(" ({})", parts.join("; "))
}

/// `[theme]`: the built-in theme, then each colour, commented out so that changing the
/// base changes them all.
fn theme_section(out: &mut String, config: &Config) {
    let _ = write!(
        out,
        "# Colours. base is a built-in theme, \"dark\" or \"light\" (for a light background);\n\
         # `theme = \"light\"` alone says the same. Each colour below starts as the base's\n\
         # (shown here: {base}'s); set one to change it. A colour is a name (black, red,\n\
         # green, yellow, blue, magenta, cyan, gray, dark-gray, light-red, light-green,\n\
         # light-yellow, light-blue, light-magenta, light-cyan, white), \"#rrggbb\", or\n\
         # \"default\" for the terminal's own colour. With NO_COLOR set, folio uses none.\n\
         [theme]\n\
         # The built-in theme the colours start from: \"dark\" or \"light\".\n\
         base = {}\n",
        quoted(config.theme),
        base = config.theme,
    );
    for name in Palette::ELEMENTS {
        let colour = config.palette.element(name).flatten();
        let _ = writeln!(out, "# {}", Palette::describe(name));
        let _ = writeln!(out, "# {name} = {}", quoted(&colour_name(colour)));
    }
}

/// `text` as a TOML basic string.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
