//! The note prompt, drawn over the status bar while it is open: `note: ` and the text
//! being typed, scrolled so the cursor shows.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;

use crate::tui::action::Action;
use crate::tui::cells::str_width;
use crate::tui::keymap::Mode;
use crate::tui::state::App;

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
        let (shown, _) = visible(prompt.input.text(), prompt.input.cursor(), room);
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
    let (_, column) = visible(prompt.input.text(), prompt.input.cursor(), room);
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

/// The part of `text` to show in `room` cells so the cursor (a byte offset) shows, and
/// the cursor's column in it.
fn visible(text: &str, cursor: usize, room: usize) -> (String, usize) {
    let cursor = text
        .get(..cursor)
        .map_or(0, |before| before.chars().count());
    let chars: Vec<char> = text.chars().collect();
    let width_of = |cs: &[char]| cs.iter().map(|c| str_width(&c.to_string())).sum::<usize>();
    let mut start = 0;
    while start < cursor && width_of(&chars[start..cursor]) >= room.max(1) {
        start += 1;
    }
    let mut shown = String::new();
    let mut used = 0;
    for &c in &chars[start..] {
        let w = str_width(&c.to_string());
        if used + w > room {
            break;
        }
        shown.push(c);
        used += w;
    }
    (shown, width_of(&chars[start..cursor]))
}
