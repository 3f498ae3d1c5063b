//! What the help overlay lists: every key of the live keymap, mode by mode, the filter
//! language with an example of each term, then the mouse. The rows are worked out here,
//! from the keymap alone, and laid out to the overlay's width ([`lines`]), so the state
//! scrolls the same lines the overlay draws.

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::tui::input::action::Action;
use crate::tui::input::keymap::{Keymap, Mode};
use crate::tui::text::format::pad;
use crate::tui::text::wrap::{TextBlock, str_width, wrap};

/// Width of the keys column, at most.
const KEYS_WIDTH: usize = 22;

/// The help's lines at `width` cells: the keys in a column of their own, what they do
/// wrapped beside them (under them, when the keys are wider than the column).
pub fn lines(keymap: &Keymap, width: usize) -> Vec<Line<'static>> {
    let keys_width = KEYS_WIDTH.min(width * 2 / 5);
    let heading = Style::new().add_modifier(Modifier::BOLD);
    let mut out = Vec::new();
    for row in rows(keymap) {
        match row {
            HelpRow::Blank => out.push(Line::default()),
            HelpRow::Heading(title) => wrap(
                &TextBlock::text(vec![Span::styled(title, heading)]),
                width,
                &mut out,
            ),
            HelpRow::Entry { keys, does } => {
                let indent = Span::raw(" ".repeat(keys_width));
                let first = if str_width(&keys) < keys_width {
                    Span::raw(pad(&keys, keys_width))
                } else {
                    wrap(&TextBlock::text(vec![Span::raw(keys)]), width, &mut out);
                    indent.clone()
                };
                let block = TextBlock {
                    first_prefix: vec![first],
                    prefix: vec![indent],
                    ..TextBlock::text(vec![Span::raw(does)])
                };
                wrap(&block, width, &mut out);
            }
        }
    }
    out
}

/// Columns for text inside the overlay at `area`: its border and a margin left out.
pub fn text_width(area: Rect) -> usize {
    area.width.saturating_sub(3) as usize
}

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
        (Some(Mode::Find), "Finding in the article"),
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
        if mode == Some(Mode::Filter) && mode_is_filter_typing(keymap) {
            out.push(HelpRow::Entry {
                keys: "(other keys)".to_owned(),
                does: "Type to filter",
            });
        }
    }
    out.push(HelpRow::Blank);
    out.push(HelpRow::Heading("Filter language (every term must hold)"));
    for &(example, does) in LANGUAGE {
        out.push(HelpRow::Entry {
            keys: example.to_owned(),
            does,
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

/// The filter language, a term an example.
const LANGUAGE: &[(&str, &str)] = &[
    ("river", "A word starting so, in the title or text"),
    ("\"old mill\"", "Those words, in a row"),
    ("title:oil", "In that field (also source: author: tag:)"),
    ("date:2024-11", "Of that year, month, day or range (a..b)"),
    ("after:2024-06", "From that day (before: before it)"),
    ("since:7d", "In the last days (2w, 3m, 1y too)"),
    (
        "is:unread",
        "Not yet read (is:bookmarked: with a passage kept)",
    ),
    (
        "is:changed",
        "Bookmarks whose passage was reworded (is:missing: gone)",
    ),
    ("path:2023/05", "A folder or file name starting so"),
    ("-river", "Not matched by the term"),
    ("oil OR gas", "Either (also oil | gas)"),
    ("-(oil date:2020)", "A group of terms (- excludes it)"),
];

fn mode_is_filter_typing(keymap: &Keymap) -> bool {
    keymap
        .bindings()
        .iter()
        .any(|b| b.mode == Some(Mode::Filter))
}
