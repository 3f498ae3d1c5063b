//! Terminal events turned into actions: the one place where key releases, key repeats
//! and mouse moves are dropped.

use crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};

use crate::tui::input::action::Action;
use crate::tui::input::keymap::{Key, Keymap, Mode};

/// The action for one terminal event in `mode`, or `None` when the event means nothing.
pub fn to_action(event: &Event, mode: Mode, keymap: &Keymap) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            keymap.action(mode, Key::new(key.code, key.modifiers))
        }
        Event::Key(_) => None,
        Event::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        Event::Mouse(mouse) => {
            let (column, row) = (mouse.column, mouse.row);
            match mouse.kind {
                MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
                MouseEventKind::ScrollDown => Some(Action::Wheel {
                    column,
                    row,
                    down: true,
                }),
                MouseEventKind::ScrollUp => Some(Action::Wheel {
                    column,
                    row,
                    down: false,
                }),
                _ => None,
            }
        }
        Event::Paste(_) | Event::FocusGained | Event::FocusLost => None,
    }
}
