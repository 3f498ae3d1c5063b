//! The help overlay: every key of the live keymap, mode by mode.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use crate::tui::input::action::Action;
use crate::tui::input::keymap::{Keymap, Mode};
use crate::tui::state::App;
use crate::tui::text::format::pad;

/// Width of the keys column, at most.
const KEYS_WIDTH: usize = 22;

/// The help text, one entry a line.
pub fn lines(keymap: &Keymap, width: usize) -> Vec<Line<'static>> {
    let keys_width = KEYS_WIDTH.min(width * 2 / 5);
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
    let heading = Style::new().add_modifier(Modifier::BOLD);
    let mut out = Vec::new();
    for (mode, title) in sections {
        if !out.is_empty() {
            out.push(Line::default());
        }
        out.push(Line::styled(title, heading));
        for &action in Action::BINDABLE {
            let keys = keymap.keys_for(mode, action);
            if keys.is_empty() {
                continue;
            }
            let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
            out.push(Line::from(vec![
                Span::raw(pad(&keys.join(", "), keys_width)),
                Span::raw(action.help()),
            ]));
        }
    }
    if mode_is_filter_typing(keymap) {
        out.push(Line::raw(format!(
            "{}Type to filter",
            pad("(other keys)", keys_width)
        )));
    }
    out.push(Line::default());
    out.push(Line::styled("Mouse", heading));
    out.push(Line::raw(format!(
        "{}Select an article (again: read it)",
        pad("click", keys_width)
    )));
    out.push(Line::raw(format!(
        "{}Scroll the pane under the pointer",
        pad("wheel", keys_width)
    )));
    out
}

fn mode_is_filter_typing(keymap: &Keymap) -> bool {
    keymap
        .bindings()
        .iter()
        .any(|b| b.mode == Some(Mode::Filter))
}

/// Where the overlay goes on `screen`.
pub fn area(screen: Rect) -> Rect {
    let width = screen
        .width
        .saturating_sub(4)
        .min(76)
        .max(screen.width.min(20));
    let height = screen.height.saturating_sub(2).max(screen.height.min(6));
    Rect {
        x: screen.x + (screen.width - width) / 2,
        y: screen.y + (screen.height - height) / 2,
        width,
        height,
    }
}

/// The furthest the help can scroll on `screen`.
pub fn max_scroll(keymap: &Keymap, screen: Rect) -> usize {
    let area = area(screen);
    let rows = area.height.saturating_sub(2) as usize;
    lines(keymap, inner_width(area)).len().saturating_sub(rows)
}

pub struct HelpView<'a>(pub &'a App);

impl Widget for HelpView<'_> {
    fn render(self, screen: Rect, buf: &mut Buffer) {
        let app = self.0;
        let area = area(screen);
        Clear.render(area, buf);
        let close = app
            .keymap
            .first_key(Mode::Help, Action::CloseHelp)
            .map(|k| format!(" {k} closes "))
            .unwrap_or_default();
        let block = Block::new()
            .borders(Borders::ALL)
            .title(" Keys ")
            .title_bottom(Line::from(close).right_aligned());
        let inner = block.inner(area);
        block.render(area, buf);
        let scroll = app.help.unwrap_or(0);
        for (row, line) in lines(&app.keymap, inner_width(area))
            .iter()
            .skip(scroll)
            .take(inner.height as usize)
            .enumerate()
        {
            buf.set_line(
                inner.x + 1,
                inner.y + row as u16,
                line,
                inner.width.saturating_sub(1),
            );
        }
    }
}

/// Columns for text inside the overlay's border and margin.
fn inner_width(area: Rect) -> usize {
    area.width.saturating_sub(3) as usize
}
