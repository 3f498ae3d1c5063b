//! The note prompt, drawn over the status bar while it is open: `note: ` and the text
//! being typed, scrolled so the cursor shows.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;

use crate::tui::cells::str_width;
use crate::tui::input::action::Action;
use crate::tui::input::keymap::Mode;
use crate::tui::state::App;
use crate::tui::ui::line_edit;

const LABEL: &str = " note: ";

pub struct NotePromptView<'a>(pub &'a App);

impl Widget for NotePromptView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.0;
        let Some(prompt) = &app.prompt else {
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
            LABEL,
            Style::new().add_modifier(Modifier::BOLD),
        );
        let hint = hint(app);
        let room = room(area, &hint);
        let (shown, _) = line_edit::visible(&prompt.input, room, &(0..0));
        let shown: String = shown.into_iter().map(|(g, _, _)| g).collect();
        buf.set_string(area.x + LABEL.len() as u16, area.y, shown, Style::new());
        let hint_width = str_width(&hint);
        if area.width as usize > LABEL.len() + room + hint_width {
            let x = area.right() - hint_width as u16 - 1;
            buf.set_string(x, area.y, hint, Style::new().add_modifier(Modifier::DIM));
        }
    }
}

/// Where the terminal's cursor goes while the prompt is open.
pub fn cursor(app: &App) -> Option<Position> {
    let prompt = app.prompt.as_ref()?;
    let area = app.areas.status;
    if area.is_empty() || app.help.is_some() {
        return None;
    }
    let room = room(area, &hint(app));
    let (_, column) = line_edit::visible(&prompt.input, room, &(0..0));
    Some(Position::new(
        area.x + (LABEL.len() + column) as u16,
        area.y,
    ))
}

/// `Enter keep note · Esc skip`, from the live keymap.
fn hint(app: &App) -> String {
    [Action::NoteAccept, Action::NoteCancel]
        .iter()
        .filter_map(|&a| {
            Some(format!(
                "{} {}",
                app.keymap.first_key(Mode::Note, a)?,
                a.hint()
            ))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Cells for the text being typed.
fn room(area: Rect, hint: &str) -> usize {
    let width = (area.width as usize).saturating_sub(LABEL.len() + 1);
    let with_hint = width.saturating_sub(str_width(hint) + 2);
    if with_hint >= 20 { with_hint } else { width }
}
