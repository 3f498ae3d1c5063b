//! The one table from keys to actions, per mode: the list, the reader, the filter bar,
//! the help overlay, selecting a passage, the note prompt and the bookmarks pane, plus
//! keys that work anywhere.

use std::collections::HashMap;
use std::fmt;

use crossterm::event::{KeyCode, KeyModifiers};

use crate::tui::input::action::Action;

/// What has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    List,
    Reader,
    Filter,
    Help,
    /// A passage is being selected in the reader.
    Select,
    /// The one-line prompt for a bookmark's note.
    Note,
    /// Typing what to find in the open article.
    Find,
    /// The bookmarks pane, in place of the list.
    Bookmarks,
}

impl Mode {
    pub const ALL: [Mode; 8] = [
        Mode::List,
        Mode::Reader,
        Mode::Filter,
        Mode::Help,
        Mode::Select,
        Mode::Note,
        Mode::Find,
        Mode::Bookmarks,
    ];

    /// The name used in the status bar, the help and the configuration.
    pub fn name(self) -> &'static str {
        match self {
            Mode::List => "list",
            Mode::Reader => "reader",
            Mode::Filter => "filter",
            Mode::Help => "help",
            Mode::Select => "select",
            Mode::Note => "note",
            Mode::Find => "find",
            Mode::Bookmarks => "bookmarks",
        }
    }
}

/// A key with its modifiers, normalised: a character's Shift is in the character itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    pub fn new(code: KeyCode, modifiers: KeyModifiers) -> Key {
        let modifiers = match code {
            KeyCode::Char(_) | KeyCode::BackTab => modifiers - KeyModifiers::SHIFT,
            _ => modifiers,
        };
        Key {
            code,
            modifiers: modifiers
                & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT),
        }
    }

    pub fn plain(code: KeyCode) -> Key {
        Key::new(code, KeyModifiers::NONE)
    }

    pub fn ctrl(c: char) -> Key {
        Key::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Delete"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// One binding: in `mode` (or anywhere, when `None`), `key` does `action`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    pub mode: Option<Mode>,
    pub key: Key,
    pub action: Action,
}

/// Keys to actions, mode by mode. Help and the status bar's hints read it, so they always
/// show the keys in force.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
    lookup: HashMap<(Option<Mode>, Key), Action>,
}

impl Keymap {
    pub fn new(bindings: Vec<Binding>) -> Keymap {
        let lookup = bindings
            .iter()
            .map(|b| ((b.mode, b.key), b.action))
            .collect();
        Keymap { bindings, lookup }
    }

    /// The action for `key` in `mode`: the mode's own binding, else a binding for anywhere;
    /// in the filter bar and the note prompt an unbound printable character is typed.
    pub fn action(&self, mode: Mode, key: Key) -> Option<Action> {
        if let Some(action) = self
            .lookup
            .get(&(Some(mode), key))
            .or_else(|| self.lookup.get(&(None, key)))
        {
            return Some(*action);
        }
        if key == Key::ctrl('c') {
            return Some(Action::Quit); // whatever the configuration unbound, Ctrl-C quits
        }
        match key.code {
            KeyCode::Char(c)
                if matches!(mode, Mode::Filter | Mode::Note | Mode::Find)
                    && key.modifiers.is_empty()
                    && !c.is_control() =>
            {
                Some(Action::Insert(c))
            }
            _ => None,
        }
    }

    /// Every binding, in the order given.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The keys bound to `action` in `mode` (or anywhere, for `None`), in order.
    pub fn keys_for(&self, mode: Option<Mode>, action: Action) -> Vec<Key> {
        self.bindings
            .iter()
            .filter(|b| b.mode == mode && b.action == action)
            .map(|b| b.key)
            .collect()
    }

    /// The first key that does `action` in `mode`, counting keys for anywhere.
    pub fn first_key(&self, mode: Mode, action: Action) -> Option<Key> {
        self.keys_for(Some(mode), action)
            .into_iter()
            .chain(self.keys_for(None, action))
            .next()
    }
}

impl Default for Keymap {
    fn default() -> Keymap {
        use Action::*;
        use KeyCode::{
            BackTab, Backspace, Delete, Down, End, Enter, Esc, Home, Left, Right, Tab, Up,
        };
        let c = |ch: char| Key::plain(KeyCode::Char(ch));
        let k = Key::plain;
        let mut bindings = Vec::new();
        let mut bind = |mode: Option<Mode>, keys: &[Key], action: Action| {
            bindings.extend(keys.iter().map(|&key| Binding { mode, key, action }));
        };
        for mode in [Mode::List, Mode::Reader] {
            let m = Some(mode);
            bind(m, &[c('j'), k(Down)], MoveDown);
            bind(m, &[c('k'), k(Up)], MoveUp);
            if mode == Mode::Reader {
                bind(m, &[c(' '), k(KeyCode::PageDown)], PageDown);
                bind(m, &[c('b'), k(KeyCode::PageUp)], PageUp);
            } else {
                bind(m, &[k(KeyCode::PageDown)], PageDown);
                bind(m, &[k(KeyCode::PageUp)], PageUp);
            }
            bind(m, &[Key::ctrl('d')], HalfPageDown);
            bind(m, &[Key::ctrl('u')], HalfPageUp);
            bind(m, &[c('g'), k(Home)], Top);
            bind(m, &[c('G'), k(End)], Bottom);
            if mode == Mode::List {
                bind(m, &[k(Enter), c('l'), k(Right)], Open);
                bind(m, &[k(Esc)], ClearFilter);
                bind(m, &[c('s')], CycleSort);
                bind(m, &[c('n')], NextUnread);
                bind(m, &[c('A')], MarkAllRead);
                bind(m, &[c('u')], UndoMarkAllRead);
                bind(m, &[c('e')], EditArticle);
                bind(m, &[c('o')], OpenUrl);
            } else {
                bind(m, &[k(Esc), c('h'), k(Left), c('q')], Back);
                bind(m, &[c(']')], NextArticle);
                bind(m, &[c('[')], PrevArticle);
                bind(m, &[c('n')], NextMatch);
                bind(m, &[c('N')], PrevMatch);
                bind(m, &[c('}')], NextParagraph);
                bind(m, &[c('{')], PrevParagraph);
                bind(m, &[c('v')], StartSelection);
                bind(m, &[c('B')], BookmarkParagraph);
                bind(m, &[c('f')], FocusFilter);
                bind(m, &[c('e')], EditArticle);
                bind(m, &[c('o')], OpenUrl);
                bind(m, &[c('y')], CopyPassage);
                bind(m, &[c('Y')], CopyQuote);
            }
            bind(m, &[c('\'')], ToggleBookmarks);
            bind(m, &[c('m')], ToggleRead);
            bind(m, &[k(Tab), k(BackTab)], SwitchFocus);
            if mode == Mode::List {
                bind(m, &[c('/')], FocusFilter);
            } else {
                bind(m, &[c('/')], FindInArticle);
            }
            bind(m, &[c('?')], Help);
            if mode == Mode::List {
                bind(m, &[c('q')], Quit);
            }
        }
        let s = Some(Mode::Select);
        bind(s, &[c('j'), k(Down)], MoveDown);
        bind(s, &[c('k'), k(Up)], MoveUp);
        bind(s, &[c('}')], NextParagraph);
        bind(s, &[c('{')], PrevParagraph);
        bind(s, &[c(' '), k(KeyCode::PageDown)], PageDown);
        bind(s, &[k(KeyCode::PageUp)], PageUp);
        bind(s, &[Key::ctrl('d')], HalfPageDown);
        bind(s, &[Key::ctrl('u')], HalfPageUp);
        bind(s, &[c('g'), k(Home)], Top);
        bind(s, &[c('G'), k(End)], Bottom);
        bind(s, &[c('b'), k(Enter)], SaveSelection);
        bind(s, &[k(Esc), c('v')], CancelSelection);
        bind(s, &[c('y')], CopyPassage);
        bind(s, &[c('Y')], CopyQuote);
        bind(s, &[c('?')], Help);
        let b = Some(Mode::Bookmarks);
        bind(b, &[c('j'), k(Down)], MoveDown);
        bind(b, &[c('k'), k(Up)], MoveUp);
        bind(b, &[k(KeyCode::PageDown)], PageDown);
        bind(b, &[k(KeyCode::PageUp)], PageUp);
        bind(b, &[Key::ctrl('d')], HalfPageDown);
        bind(b, &[Key::ctrl('u')], HalfPageUp);
        bind(b, &[c('g'), k(Home)], Top);
        bind(b, &[c('G'), k(End)], Bottom);
        bind(b, &[k(Enter), c('l'), k(Right)], OpenBookmark);
        bind(b, &[c('e')], EditNote);
        bind(b, &[c('d')], DeleteBookmark);
        bind(b, &[c('u')], UndoDelete);
        bind(b, &[c('a')], AcceptChanged);
        bind(b, &[c('X')], ExportVault);
        bind(b, &[c('\''), c('h'), k(Left), c('q')], ToggleBookmarks);
        bind(b, &[k(Esc)], ClearFilter);
        bind(b, &[k(Tab), k(BackTab)], SwitchFocus);
        bind(b, &[c('/')], FocusFilter);
        bind(b, &[c('?')], Help);
        for mode in [Mode::Filter, Mode::Note, Mode::Find] {
            let e = Some(mode);
            match mode {
                Mode::Filter => {
                    bind(e, &[k(Enter)], FilterAccept);
                    bind(e, &[k(Esc)], FilterLeave);
                    bind(e, &[k(Up), Key::ctrl('p')], HistoryPrev);
                    bind(e, &[k(Down), Key::ctrl('n')], HistoryNext);
                }
                Mode::Note => {
                    bind(e, &[k(Enter)], NoteAccept);
                    bind(e, &[k(Esc)], NoteCancel);
                }
                _ => {
                    bind(e, &[k(Enter)], FindAccept);
                    bind(e, &[k(Esc)], FindCancel);
                }
            }
            bind(e, &[k(Left), Key::ctrl('b')], CursorLeft);
            bind(e, &[k(Right), Key::ctrl('f')], CursorRight);
            bind(e, &[k(Home), Key::ctrl('a')], CursorStart);
            bind(e, &[k(End), Key::ctrl('e')], CursorEnd);
            bind(e, &[k(Backspace), Key::ctrl('h')], DeleteBack);
            bind(e, &[k(Delete), Key::ctrl('d')], DeleteForward);
            bind(
                e,
                &[Key::ctrl('w'), Key::new(Backspace, KeyModifiers::ALT)],
                DeleteWordBack,
            );
            bind(e, &[Key::ctrl('u')], DeleteToStart);
            bind(e, &[Key::ctrl('k')], DeleteToEnd);
        }
        let h = Some(Mode::Help);
        bind(h, &[c('j'), k(Down)], MoveDown);
        bind(h, &[c('k'), k(Up)], MoveUp);
        bind(h, &[c(' '), k(KeyCode::PageDown)], PageDown);
        bind(h, &[c('b'), k(KeyCode::PageUp)], PageUp);
        bind(h, &[Key::ctrl('d')], HalfPageDown);
        bind(h, &[Key::ctrl('u')], HalfPageUp);
        bind(h, &[c('g'), k(Home)], Top);
        bind(h, &[c('G'), k(End)], Bottom);
        bind(h, &[k(Esc), c('?'), c('q')], CloseHelp);
        bind(None, &[Key::ctrl('c')], Quit);
        bind(None, &[Key::ctrl('z')], Suspend);
        Keymap::new(bindings)
    }
}
