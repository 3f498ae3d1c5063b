//! Keys as the configuration file names them (`q`, `G`, `ctrl-d`, `shift-tab`, `pageup`,
//! `f1`), and the user's `[keys]` remaps laid over the default keymap, with the keys that
//! would then do two things in one mode found.
//!
//! A remap replaces all of an action's default keys. Each key of the remap goes where the
//! action works: a key that was already one of the action's defaults keeps its modes; a
//! new key works in every mode the action has default keys in, or anywhere when the
//! action works anywhere and the key types no text (`ctrl-q`, `f10`, `esc`). A character
//! bound for anywhere is bound in every mode but those where characters are typed.

use crossterm::event::{KeyCode, KeyModifiers};

use crate::tui::input::action::Action;
use crate::tui::input::keymap::{Binding, Key, Keymap, Mode};

/// What a key name may be, for messages.
pub const KEY_NAMES: &str = "a single character (\"q\", \"G\", \"?\"), or space, enter, esc, tab, \
backspace, delete, insert, home, end, pageup, pagedown, up, down, left, right, f1 to f24; \
each after any of ctrl-, alt- and shift- (\"ctrl-d\", \"shift-tab\", \"alt-backspace\")";

/// Named keys: the name written, then other spellings read.
const NAMED: &[(KeyCode, &str, &[&str])] = &[
    (KeyCode::Char(' '), "space", &[]),
    (KeyCode::Enter, "enter", &["return"]),
    (KeyCode::Esc, "esc", &["escape"]),
    (KeyCode::Tab, "tab", &[]),
    (KeyCode::Backspace, "backspace", &[]),
    (KeyCode::Delete, "delete", &["del"]),
    (KeyCode::Insert, "insert", &["ins"]),
    (KeyCode::Home, "home", &[]),
    (KeyCode::End, "end", &[]),
    (KeyCode::PageUp, "pageup", &["pgup"]),
    (KeyCode::PageDown, "pagedown", &["pgdn"]),
    (KeyCode::Up, "up", &[]),
    (KeyCode::Down, "down", &[]),
    (KeyCode::Left, "left", &[]),
    (KeyCode::Right, "right", &[]),
];

/// The highest function key with a name.
const MAX_F: u8 = 24;

/// The key a configuration name stands for, or what is wrong with the name.
pub fn parse_key(name: &str) -> Result<Key, String> {
    let mut rest = name;
    let mut modifiers = KeyModifiers::NONE;
    while let Some((prefix, after)) = rest.split_once('-') {
        let modifier = match prefix.to_ascii_lowercase().as_str() {
            "ctrl" => KeyModifiers::CONTROL,
            "alt" => KeyModifiers::ALT,
            "shift" => KeyModifiers::SHIFT,
            _ => break,
        };
        if after.is_empty() {
            break; // `ctrl-` alone: no key after the modifier
        }
        if modifiers.contains(modifier) {
            return Err(format!("\"{name}\" names {prefix}- twice"));
        }
        modifiers |= modifier;
        rest = after;
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (None, _) => return Err(format!("\"{name}\" has no key after its modifiers")),
        (Some(c), None) if c.is_control() => {
            return Err(format!("\"{}\" is a control character", c.escape_debug()));
        }
        (Some(c), None) if modifiers.contains(KeyModifiers::SHIFT) && c.is_uppercase() => {
            KeyCode::Char(c)
        }
        (Some(c), None) if modifiers.contains(KeyModifiers::SHIFT) => {
            if !c.is_lowercase() {
                return Err(format!(
                    "\"{name}\": shift- goes with letters only; write other characters as typed (\"?\", not \"shift-/\")"
                ));
            }
            let mut upper = c.to_uppercase();
            match (upper.next(), upper.next()) {
                (Some(u), None) => KeyCode::Char(u),
                _ => return Err(format!("\"{name}\" has no single upper-case letter")),
            }
        }
        (Some(c), None) => KeyCode::Char(c),
        _ => named(rest).ok_or_else(|| format!("\"{name}\" is not a key name"))?,
    };
    let code = match code {
        KeyCode::Tab if modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
        KeyCode::Char(c) if modifiers.contains(KeyModifiers::CONTROL) => {
            as_sent_with_ctrl(name, c, modifiers)?
        }
        code => code,
    };
    Ok(Key::new(code, modifiers))
}

/// The character of a Ctrl key as terminals send it (a letter in lower case), or why no
/// terminal sends it: with Shift, Ctrl turns a letter into the same code as without, and
/// Ctrl-I, Ctrl-M and Ctrl-[ are the codes of Tab, Enter and Esc.
fn as_sent_with_ctrl(name: &str, c: char, modifiers: KeyModifiers) -> Result<KeyCode, String> {
    let lower = c.to_ascii_lowercase();
    if modifiers.contains(KeyModifiers::SHIFT) && c.is_ascii_alphabetic() {
        return Err(format!(
            "\"{name}\": terminals send ctrl-shift-{lower} as ctrl-{lower}; write \"ctrl-{lower}\""
        ));
    }
    let same_as = match lower {
        'i' => Some("tab"),
        'm' => Some("enter"),
        '[' => Some("esc"),
        _ => None,
    };
    if let Some(key) = same_as {
        return Err(format!(
            "\"{name}\": terminals send ctrl-{lower} as {key}; write \"{key}\""
        ));
    }
    Ok(KeyCode::Char(lower))
}

/// The mode where characters are typed that `key`, given to `action`, would take from
/// typing (a plain character for an action of the filter bar or the note prompt).
pub fn typing_taken(defaults: &Keymap, action: Action, key: Key) -> Option<Mode> {
    if !is_typed(key) {
        return None;
    }
    let remap = Remap {
        action,
        keys: vec![key],
    };
    place(defaults, &remap)
        .into_iter()
        .find_map(|b| b.mode.filter(|&m| types_text(m)))
}

/// The key with this name (not a single character), in any case.
fn named(name: &str) -> Option<KeyCode> {
    let lower = name.to_ascii_lowercase();
    if let Some(code) = NAMED
        .iter()
        .find(|(_, written, other)| *written == lower || other.contains(&lower.as_str()))
        .map(|(code, _, _)| *code)
    {
        return Some(code);
    }
    if lower == "backtab" {
        return Some(KeyCode::BackTab);
    }
    let number = lower.strip_prefix('f')?;
    if number.starts_with('0') {
        return None;
    }
    match number.parse::<u8>() {
        Ok(n @ 1..=MAX_F) => Some(KeyCode::F(n)),
        _ => None,
    }
}

/// The configuration name of `key`, as [`parse_key`] reads it back.
pub fn key_name(key: Key) -> String {
    let mut out = String::new();
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        out.push_str("ctrl-");
    }
    if key.modifiers.contains(KeyModifiers::ALT) {
        out.push_str("alt-");
    }
    if key.modifiers.contains(KeyModifiers::SHIFT) || key.code == KeyCode::BackTab {
        out.push_str("shift-");
    }
    match key.code {
        KeyCode::BackTab => out.push_str("tab"),
        KeyCode::F(n) => out.push_str(&format!("f{n}")),
        code => match NAMED.iter().find(|(c, _, _)| *c == code) {
            Some((_, written, _)) => out.push_str(written),
            None => match code {
                KeyCode::Char(c) => out.push(c),
                other => out.push_str(&format!("{other:?}").to_ascii_lowercase()),
            },
        },
    }
    out
}

/// True in modes where characters are typed, not looked up.
pub fn types_text(mode: Mode) -> bool {
    matches!(mode, Mode::Filter | Mode::Note | Mode::Find)
}

/// True for a key that types a character where text is typed.
fn is_typed(key: Key) -> bool {
    matches!(key.code, KeyCode::Char(_)) && key.modifiers.is_empty()
}

/// The user's keys for one action, replacing its defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remap {
    pub action: Action,
    pub keys: Vec<Key>,
}

/// A key that, after the remaps, does two actions in the same mode (one of them remapped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    pub key: Key,
    /// The two actions, in the order of the bindings.
    pub actions: (Action, Action),
    /// The modes where the key does both, in [`Mode::ALL`] order.
    pub modes: Vec<Mode>,
}

/// `defaults` with `remaps` laid over it, or the keys that would do two things.
pub fn remap(defaults: &Keymap, remaps: &[Remap]) -> Result<Keymap, Vec<Clash>> {
    let mut placed: Vec<(Action, Vec<Binding>)> = remaps
        .iter()
        .map(|r| (r.action, place(defaults, r)))
        .collect();
    let mut bindings = Vec::new();
    let mut emitted: Vec<(Action, Option<Mode>)> = Vec::new();
    for binding in defaults.bindings() {
        let Some((_, new)) = placed.iter_mut().find(|(a, _)| *a == binding.action) else {
            bindings.push(*binding);
            continue;
        };
        if emitted.contains(&(binding.action, binding.mode)) {
            continue;
        }
        emitted.push((binding.action, binding.mode));
        let (here, elsewhere) = std::mem::take(new)
            .into_iter()
            .partition(|b| b.mode == binding.mode);
        *new = elsewhere;
        bindings.extend::<Vec<Binding>>(here);
    }
    bindings.extend(placed.into_iter().flat_map(|(_, rest)| rest));
    let remapped: Vec<Action> = remaps.iter().map(|r| r.action).collect();
    let clashes = clashes(&bindings, &remapped);
    if clashes.is_empty() {
        Ok(Keymap::new(bindings))
    } else {
        Err(clashes)
    }
}

/// The bindings for one remap: each key where the action works (see the module notes).
fn place(defaults: &Keymap, remap: &Remap) -> Vec<Binding> {
    let own: Vec<&Binding> = defaults
        .bindings()
        .iter()
        .filter(|b| b.action == remap.action)
        .collect();
    let mut modes: Vec<Option<Mode>> = Vec::new();
    for b in &own {
        if !modes.contains(&b.mode) {
            modes.push(b.mode);
        }
    }
    let anywhere = modes.is_empty() || modes.contains(&None);
    let in_modes: Vec<Option<Mode>> = modes.iter().copied().filter(Option::is_some).collect();
    let mut out: Vec<Binding> = Vec::new();
    for &key in &remap.keys {
        let kept: Vec<Option<Mode>> = own
            .iter()
            .filter(|b| b.key == key)
            .map(|b| b.mode)
            .collect();
        let places = if !kept.is_empty() {
            kept
        } else if anywhere && (!is_typed(key) || in_modes.is_empty()) {
            vec![None]
        } else {
            in_modes.clone()
        };
        for mode in places {
            let expanded: Vec<Option<Mode>> = match mode {
                None if is_typed(key) => Mode::ALL
                    .into_iter()
                    .filter(|&m| !types_text(m))
                    .map(Some)
                    .collect(),
                mode => vec![mode],
            };
            for mode in expanded {
                let binding = Binding {
                    mode,
                    key,
                    action: remap.action,
                };
                if !out.contains(&binding) {
                    out.push(binding);
                }
            }
        }
    }
    out
}

/// Keys that do two actions in one mode (counting keys for anywhere in every mode), where
/// at least one of the two is in `remapped`.
fn clashes(bindings: &[Binding], remapped: &[Action]) -> Vec<Clash> {
    let mut out: Vec<Clash> = Vec::new();
    for mode in Mode::ALL {
        let live: Vec<&Binding> = bindings
            .iter()
            .filter(|b| b.mode.is_none() || b.mode == Some(mode))
            .collect();
        for (i, a) in live.iter().enumerate() {
            for b in &live[i + 1..] {
                if a.key != b.key
                    || a.action == b.action
                    || !(remapped.contains(&a.action) || remapped.contains(&b.action))
                {
                    continue;
                }
                let actions = (a.action, b.action);
                match out
                    .iter_mut()
                    .find(|c| c.key == a.key && c.actions == actions)
                {
                    Some(clash) if !clash.modes.contains(&mode) => clash.modes.push(mode),
                    Some(_) => {}
                    None => out.push(Clash {
                        key: a.key,
                        actions,
                        modes: vec![mode],
                    }),
                }
            }
        }
    }
    out
}

/// Each bindable action's default keys, in an order that keeps every mode's own order
/// (so written out and read back as remaps, they give the defaults again).
pub fn keys_by_action(keymap: &Keymap) -> Vec<(Action, Vec<Key>)> {
    Action::BINDABLE
        .iter()
        .map(|&action| (action, merged_keys(keymap, action)))
        .collect()
}

/// The keys bound to `action`, merged across modes keeping each mode's order where the
/// modes agree, else in order of first appearance.
fn merged_keys(keymap: &Keymap, action: Action) -> Vec<Key> {
    let own: Vec<&Binding> = keymap
        .bindings()
        .iter()
        .filter(|b| b.action == action)
        .collect();
    let mut keys: Vec<Key> = Vec::new();
    for b in &own {
        if !keys.contains(&b.key) {
            keys.push(b.key);
        }
    }
    // `before[i][j]`: in some mode, keys[i] comes before keys[j].
    let n = keys.len();
    let index = |key: Key| keys.iter().position(|&k| k == key).unwrap_or(0);
    let mut before = vec![vec![false; n]; n];
    for (i, a) in own.iter().enumerate() {
        for b in &own[i + 1..] {
            if a.mode == b.mode && a.key != b.key {
                before[index(a.key)][index(b.key)] = true;
            }
        }
    }
    let mut out = Vec::with_capacity(n);
    let mut left: Vec<usize> = (0..n).collect();
    while !left.is_empty() {
        let next = left
            .iter()
            .position(|&j| !left.iter().any(|&i| i != j && before[i][j]))
            .unwrap_or(0);
        out.push(keys[left.remove(next)]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &str) -> Key {
        parse_key(name).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn names_read_as_keys() {
        assert_eq!(key("q"), Key::plain(KeyCode::Char('q')));
        assert_eq!(key("G"), Key::plain(KeyCode::Char('G')));
        assert_eq!(key("shift-g"), Key::plain(KeyCode::Char('G')));
        assert_eq!(key("ctrl-d"), Key::ctrl('d'));
        assert_eq!(key("Ctrl-D"), Key::ctrl('d'), "as terminals send it");
        assert_eq!(key("shift-G"), Key::plain(KeyCode::Char('G')));
        for (name, says) in [
            ("ctrl-shift-x", "write \"ctrl-x\""),
            ("ctrl-i", "write \"tab\""),
            ("ctrl-m", "write \"enter\""),
            ("ctrl-[", "write \"esc\""),
        ] {
            let why = parse_key(name).unwrap_err();
            assert!(why.contains(says), "{name}: {why}");
        }
        assert_eq!(key("shift-tab"), Key::plain(KeyCode::BackTab));
        assert_eq!(key("pageup"), Key::plain(KeyCode::PageUp));
        assert_eq!(key("PgDn"), Key::plain(KeyCode::PageDown));
        assert_eq!(key("f1"), Key::plain(KeyCode::F(1)));
        assert_eq!(key("space"), Key::plain(KeyCode::Char(' ')));
        assert_eq!(key(" "), Key::plain(KeyCode::Char(' ')));
        assert_eq!(key("-"), Key::plain(KeyCode::Char('-')));
        assert_eq!(
            key("ctrl--"),
            Key::new(KeyCode::Char('-'), KeyModifiers::CONTROL)
        );
        assert_eq!(
            key("alt-backspace"),
            Key::new(KeyCode::Backspace, KeyModifiers::ALT)
        );
        assert_eq!(
            key("ctrl-alt-x"),
            Key::new(
                KeyCode::Char('x'),
                KeyModifiers::CONTROL | KeyModifiers::ALT
            )
        );
        assert_eq!(key("shift-up"), Key::new(KeyCode::Up, KeyModifiers::SHIFT));
        assert_eq!(key("é"), Key::plain(KeyCode::Char('é')));
    }

    #[test]
    fn bad_names_say_why() {
        for (name, why) in [
            ("", "no key"),
            ("ctrl-", "not a key name"),
            ("ctrl-ctrl-x", "twice"),
            ("pgdown", "not a key name"),
            ("f0", "not a key name"),
            ("f25", "not a key name"),
            ("f01", "not a key name"),
            ("shift-/", "letters only"),
            ("\t", "control character"),
            ("hyper-x", "not a key name"),
        ] {
            let error = parse_key(name).expect_err(name);
            assert!(error.contains(why), "{name:?}: {error}");
        }
    }

    #[test]
    fn every_default_key_reads_back_from_its_name() {
        for binding in Keymap::default().bindings() {
            let name = key_name(binding.key);
            assert_eq!(parse_key(&name), Ok(binding.key), "{name}");
        }
        for n in 1..=MAX_F {
            let f = Key::plain(KeyCode::F(n));
            assert_eq!(parse_key(&key_name(f)), Ok(f));
        }
    }

    #[test]
    fn the_defaults_do_not_clash() {
        let defaults = Keymap::default();
        let every: Vec<Action> = Action::BINDABLE.to_vec();
        assert_eq!(clashes(defaults.bindings(), &every), Vec::new());
    }

    #[test]
    fn the_defaults_written_as_remaps_give_the_defaults() {
        let defaults = Keymap::default();
        let remaps: Vec<Remap> = keys_by_action(&defaults)
            .into_iter()
            .map(|(action, keys)| Remap { action, keys })
            .collect();
        let again = remap(&defaults, &remaps).expect("no clash");
        assert_eq!(again.bindings(), defaults.bindings());
    }

    fn remapped(action: Action, keys: &[&str]) -> Keymap {
        let remap = Remap {
            action,
            keys: keys.iter().map(|k| key(k)).collect(),
        };
        super::remap(&Keymap::default(), &[remap]).expect("no clash")
    }

    #[test]
    fn a_remap_replaces_the_defaults_where_the_action_works() {
        let keymap = remapped(Action::MoveDown, &["x", "ctrl-n"]);
        for mode in [Mode::List, Mode::Help] {
            assert_eq!(keymap.action(mode, key("x")), Some(Action::MoveDown));
            assert_eq!(keymap.action(mode, key("ctrl-n")), Some(Action::MoveDown));
            assert_eq!(keymap.action(mode, key("j")), None);
        }
        assert_eq!(
            keymap.action(Mode::Filter, key("ctrl-n")),
            Some(Action::HistoryNext)
        );
        assert_eq!(
            keymap.action(Mode::Filter, key("x")),
            Some(Action::Insert('x'))
        );
    }

    #[test]
    fn a_default_key_keeps_its_modes_and_the_first_key_leads() {
        let keymap = remapped(Action::PageDown, &["pagedown", "space"]);
        assert_eq!(keymap.action(Mode::List, key("space")), None);
        assert_eq!(
            keymap.first_key(Mode::Reader, Action::PageDown),
            Some(key("pagedown"))
        );
    }

    #[test]
    fn quit_keeps_q_out_of_the_filter_bar_and_ctrl_keys_work_anywhere() {
        let keymap = remapped(Action::Quit, &["q", "ctrl-q"]);
        assert_eq!(keymap.action(Mode::List, key("q")), Some(Action::Quit));
        assert_eq!(
            keymap.action(Mode::Filter, key("q")),
            Some(Action::Insert('q'))
        );
        assert_eq!(
            keymap.action(Mode::Filter, key("ctrl-q")),
            Some(Action::Quit)
        );
        assert_eq!(
            keymap.keys_for(None, Action::Quit),
            [key("ctrl-q")],
            "ctrl-c is no longer quit's key"
        );
        assert_eq!(
            keymap.action(Mode::Filter, key("ctrl-c")),
            Some(Action::Quit),
            "but with nothing else on it, ctrl-c still quits"
        );
        let keymap = remapped(Action::Quit, &["x"]);
        assert_eq!(keymap.action(Mode::List, key("x")), Some(Action::Quit));
        assert_eq!(
            keymap.action(Mode::Reader, key("x")),
            None,
            "quit's key is the list's: in the reader q goes back to it"
        );
        assert_eq!(
            keymap.action(Mode::Filter, key("x")),
            Some(Action::Insert('x'))
        );
    }

    #[test]
    fn a_character_for_anywhere_is_not_taken_from_typing() {
        let keymap = remapped(Action::Suspend, &["z"]);
        assert_eq!(keymap.action(Mode::List, key("z")), Some(Action::Suspend));
        assert_eq!(keymap.action(Mode::Help, key("z")), Some(Action::Suspend));
        assert_eq!(
            keymap.action(Mode::Filter, key("z")),
            Some(Action::Insert('z'))
        );
    }

    #[test]
    fn an_empty_remap_unbinds() {
        let keymap = remapped(Action::CycleSort, &[]);
        assert!(keymap.first_key(Mode::List, Action::CycleSort).is_none());
    }

    #[test]
    fn clashes_name_both_actions_and_the_modes() {
        let remaps = [Remap {
            action: Action::Quit,
            keys: vec![key("j"), key("esc")],
        }];
        let clashes = remap(&Keymap::default(), &remaps).expect_err("clashes");
        let j = clashes
            .iter()
            .find(|c| c.key == key("j"))
            .expect("j clashes");
        assert_eq!(j.actions, (Action::MoveDown, Action::Quit));
        assert_eq!(j.modes, [Mode::List], "q is quit in the list only");
        let esc: Vec<&Clash> = clashes.iter().filter(|c| c.key == key("esc")).collect();
        assert_eq!(esc.len(), 7, "{esc:?}");
    }

    #[test]
    fn swapping_two_actions_keys_is_no_clash() {
        let remaps = [
            Remap {
                action: Action::MoveDown,
                keys: vec![key("k")],
            },
            Remap {
                action: Action::MoveUp,
                keys: vec![key("j")],
            },
        ];
        let keymap = remap(&Keymap::default(), &remaps).expect("no clash");
        assert_eq!(
            keymap.action(Mode::Reader, key("k")),
            Some(Action::MoveDown)
        );
        assert_eq!(keymap.action(Mode::Help, key("j")), Some(Action::MoveUp));
    }
}
