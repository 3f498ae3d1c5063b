//! The filter bar: the filter being typed (scrolled so the cursor shows), or a hint.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::Widget;
use unicode_segmentation::UnicodeSegmentation;

use crate::sanitize::sanitize;
use crate::tui::action::Action;
use crate::tui::cells::grapheme;
use crate::tui::keymap::Mode;
use crate::tui::state::App;

const PROMPT: &str = "/ ";

pub struct FilterBar<'a>(pub &'a App);

impl Widget for FilterBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let app = self.0;
        let prompt_style = if app.filter_focused {
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        };
        buf.set_string(area.x, area.y, PROMPT, prompt_style);
        let room = area.width.saturating_sub(PROMPT.len() as u16 + 1) as usize;
        let x = area.x + PROMPT.len() as u16;
        if app.input.text().is_empty() && !app.filter_focused {
            let hint = match app.keymap.first_key(Mode::List, Action::FocusFilter) {
                Some(key) => format!("press {key} to filter by words in titles and text"),
                None => "filter by words in titles and text".to_owned(),
            };
            buf.set_stringn(
                x,
                area.y,
                hint,
                room,
                Style::new().add_modifier(Modifier::DIM),
            );
            return;
        }
        let (text, _) = visible(app, room);
        buf.set_stringn(x, area.y, text, room, Style::new());
    }
}

/// The part of the filter text that fits in `room` cells with the cursor in view, and the
/// cursor's column within it.
fn visible(app: &App, room: usize) -> (String, usize) {
    let text = app.input.text();
    let (before, after) = text.split_at(app.input.cursor());
    let drawn = |part: &str| -> Vec<(String, usize)> {
        sanitize(part)
            .graphemes(true)
            .map(|g| {
                let (g, w) = grapheme(g);
                (g.into_owned(), w)
            })
            .collect()
    };
    let mut shown = drawn(before);
    let mut width: usize = shown.iter().map(|(_, w)| w).sum();
    let mut skip = 0;
    while width >= room && skip < shown.len() {
        width -= shown[skip].1;
        skip += 1;
    }
    let mut out: String = shown.drain(skip..).map(|(g, _)| g).collect();
    let cursor = width;
    let mut used = width;
    for (g, w) in drawn(after) {
        used += w;
        if used > room {
            break;
        }
        out.push_str(&g);
    }
    (out, cursor)
}

/// Where the terminal cursor goes: in the filter bar while it has the keyboard.
pub fn cursor(app: &App) -> Option<Position> {
    let area = app.areas.filter;
    if !app.filter_focused || app.help.is_some() || area.is_empty() {
        return None;
    }
    let room = area.width.saturating_sub(PROMPT.len() as u16 + 1) as usize;
    let (_, column) = visible(app, room);
    Some(Position::new(
        area.x + PROMPT.len() as u16 + column as u16,
        area.y,
    ))
}
