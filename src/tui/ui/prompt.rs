//! The one-line prompts, drawn over the status bar while one is open: `note: ` for a
//! bookmark's note, `find: ` for what to find in the article, and the text being typed,
//! scrolled so the cursor shows.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;

use crate::tui::cells::str_width;
use crate::tui::input::action::Action;
use crate::tui::input::keymap::Mode;
use crate::tui::state::App;
use crate::tui::state::line_edit::LineEdit;
use crate::tui::ui::line_edit;

/// The prompt open, if any: its label, the line typed, and its mode.
fn open_prompt(app: &App) -> Option<(&'static str, &LineEdit, Mode)> {
    if let Some(prompt) = &app.prompt {
        return Some((" note: ", &prompt.input, Mode::Note));
    }
    let find = app.find.as_ref().filter(|f| f.editing)?;
    Some((" find: ", &find.input, Mode::Find))
}

pub struct PromptView<'a>(pub &'a App);

impl Widget for PromptView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.0;
        let Some((label, input, mode)) = open_prompt(app) else {
            return;
        };
        if area.is_empty() {
            return;
        }
        buf.set_style(area, Style::new());
        for x in area.left()..area.right() {
            buf[(x, area.y)].set_symbol(" ");
        }
        buf.set_string(
            area.x,
            area.y,
            label,
            Style::new().add_modifier(Modifier::BOLD),
        );
        let hint = hint(app, mode);
        let room = room(area, label, &hint);
        let (shown, _) = line_edit::visible(input, room, &(0..0));
        let shown: String = shown.into_iter().map(|(g, _, _)| g).collect();
        buf.set_string(area.x + label.len() as u16, area.y, shown, Style::new());
        let hint_width = str_width(&hint);
        if area.width as usize > label.len() + room + hint_width {
            let x = area.right() - hint_width as u16 - 1;
            buf.set_string(x, area.y, hint, Style::new().add_modifier(Modifier::DIM));
        }
    }
}

/// Where the terminal's cursor goes while the prompt is open.
pub fn cursor(app: &App) -> Option<Position> {
    let (label, input, mode) = open_prompt(app)?;
    let area = app.areas.status;
    if area.is_empty() || app.help.is_some() {
        return None;
    }
    let room = room(area, label, &hint(app, mode));
    let (_, column) = line_edit::visible(input, room, &(0..0));
    Some(Position::new(
        area.x + (label.len() + column) as u16,
        area.y,
    ))
}

/// `Enter keep note · Esc skip`, from the live keymap; while finding, led by how many
/// matches the words typed have (`match 1 of 12 · Enter keep · Esc end`).
fn hint(app: &App, mode: Mode) -> String {
    let actions = match mode {
        Mode::Find => [Action::FindAccept, Action::FindCancel],
        _ => [Action::NoteAccept, Action::NoteCancel],
    };
    let found = app
        .find
        .as_ref()
        .filter(|find| mode == Mode::Find && !find.input.text().trim().is_empty())
        .map(|_| app.match_count());
    found
        .into_iter()
        .chain(
            actions
                .iter()
                .filter_map(|&a| Some(format!("{} {}", app.keymap.first_key(mode, a)?, a.hint()))),
        )
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Cells for the text being typed.
fn room(area: Rect, label: &str, hint: &str) -> usize {
    let width = (area.width as usize).saturating_sub(label.len() + 1);
    let with_hint = width.saturating_sub(str_width(hint) + 2);
    if with_hint >= 20 { with_hint } else { width }
}
