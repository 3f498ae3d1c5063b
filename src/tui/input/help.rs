//! What the help overlay lists: every key of the live keymap, mode by mode, then the
//! mouse. The rows are worked out here, from the keymap alone; the overlay draws them.

use crate::tui::input::action::Action;
use crate::tui::input::keymap::{Keymap, Mode};

/// One row of the help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpRow {
    /// A gap between sections.
    Blank,
    /// A section's title.
    Heading(&'static str),
    /// Keys (or a gesture), and what they do.
    Entry { keys: String, does: &'static str },
}

/// The help's rows for `keymap`, in order.
pub fn rows(keymap: &Keymap) -> Vec<HelpRow> {
    let sections = [
        (Some(Mode::List), "List"),
        (Some(Mode::Reader), "Reader"),
        (Some(Mode::Select), "Selecting a passage"),
        (Some(Mode::Note), "Note prompt"),
        (Some(Mode::Bookmarks), "Bookmarks pane"),
        (Some(Mode::Filter), "Filter bar"),
        (Some(Mode::Help), "Help"),
        (None, "Anywhere"),
    ];
    let mut out = Vec::new();
    for (mode, title) in sections {
        if !out.is_empty() {
            out.push(HelpRow::Blank);
        }
        out.push(HelpRow::Heading(title));
        for &action in Action::BINDABLE {
            let keys = keymap.keys_for(mode, action);
            if keys.is_empty() {
                continue;
            }
            let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
            out.push(HelpRow::Entry {
                keys: keys.join(", "),
                does: action.help(),
            });
        }
    }
    if mode_is_filter_typing(keymap) {
        out.push(HelpRow::Entry {
            keys: "(other keys)".to_owned(),
            does: "Type to filter",
        });
    }
    out.push(HelpRow::Blank);
    out.push(HelpRow::Heading("Mouse"));
    out.push(HelpRow::Entry {
        keys: "click".to_owned(),
        does: "Select an article (again: read it)",
    });
    out.push(HelpRow::Entry {
        keys: "wheel".to_owned(),
        does: "Scroll the pane under the pointer",
    });
    out
}

fn mode_is_filter_typing(keymap: &Keymap) -> bool {
    keymap
        .bindings()
        .iter()
        .any(|b| b.mode == Some(Mode::Filter))
}
