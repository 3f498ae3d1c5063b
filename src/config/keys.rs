//! The `[keys]` section of a config file: each action's keys read with their places, and
//! keys that clash told at the place in the file that made them.

use std::ops::Range;

use toml::Spanned;
use toml::de::DeValue;

use super::ConfigProblem;
use super::entries::in_file_order;
use super::hints::{a, did_you_mean};
use crate::tui::input::action::Action;
use crate::tui::input::key_names::{self, Clash, KEY_NAMES};
use crate::tui::input::keymap::{Key, Keymap, Mode};

/// A remap as written: the action's name's place, and each key with its place.
pub(super) struct Written {
    pub(super) action: Action,
    pub(super) keys: Vec<(Key, Range<usize>)>,
}

/// Reads the `[keys]` section: each remap as written goes to `remaps`, and what is
/// wrong with it to `problems`.
pub(super) fn read_keys(
    value: &Spanned<DeValue<'_>>,
    remaps: &mut Vec<Written>,
    problems: &mut Vec<ConfigProblem>,
) {
    {
        let example =
            "a [keys] section of action = [\"key\", ...] lines, e.g. quit = [\"q\", \"ctrl-c\"]";
        let DeValue::Table(table) = value.get_ref() else {
            let what = format!("keys must be a table, not {}", a(value.get_ref()));
            return problem(problems, value.span(), what, example);
        };
        for (name, keys) in in_file_order(table) {
            let name_text = name.get_ref().as_ref();
            let Some(action) = Action::from_name(name_text) else {
                let names: Vec<&str> = Action::BINDABLE.iter().filter_map(|a| a.name()).collect();
                let what = format!(
                    "unknown action {name_text:?} in [keys]{}",
                    did_you_mean(name_text, &names)
                );
                problem(
                    problems,
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
                    problem(problems, keys.span(), what, example);
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
                                    Mode::Find => "the find prompt",
                                    _ => "the filter bar",
                                };
                                let what = format!(
                                    "{name_text}: {key_name:?} would no longer type {key_name:?} in {place}"
                                );
                                let allowed = "a key with ctrl- or alt-, or a named key (\"ctrl-g\", \"f2\", \"esc\") for an action of the filter bar or the note prompt";
                                problem(problems, item.span(), what, allowed);
                            }
                            None => written.keys.push((key, item.span())),
                        },
                        Err(why) => problem(
                            problems,
                            item.span(),
                            format!("{name_text}: {why}"),
                            KEY_NAMES,
                        ),
                    },
                    other => {
                        let what = format!(
                            "a key of {name_text} must be a key name in quotes, not {}",
                            a(other)
                        );
                        problem(problems, item.span(), what, KEY_NAMES);
                    }
                }
            }
            remaps.push(written);
        }
    }
}

fn problem(
    problems: &mut Vec<ConfigProblem>,
    span: Range<usize>,
    what: String,
    allowed: impl Into<String>,
) {
    problems.push(ConfigProblem::new(span, what, allowed));
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
pub(super) fn clash_problems(clashes: &[Clash], written: &[Written]) -> Vec<ConfigProblem> {
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
                ConfigProblem::new(span, what, allowed)
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
