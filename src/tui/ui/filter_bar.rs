//! The filter bar: the query being typed (scrolled so the cursor shows) with a term that
//! does not parse marked, and right of it what is wrong with that term or how many
//! articles match; or, when empty, a hint.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;

use crate::sanitize::sanitize_line;
use crate::tui::cells::str_width;
use crate::tui::input::action::Action;
use crate::tui::input::keymap::Mode;
use crate::tui::state::App;
use crate::tui::text::format::{thousands, truncate};
use crate::tui::ui::line_edit::{self, Cell};

const PROMPT: &str = "/ ";
/// Cells between the query and the note right of it.
const GAP: usize = 2;

pub struct FilterBarView<'a>(pub &'a App);

impl Widget for FilterBarView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let app = self.0;
        let theme = &app.settings.theme;
        let prompt_style = if app.filter.focused {
            theme.prompt
        } else {
            Style::new().add_modifier(Modifier::DIM)
        };
        buf.set_string(area.x, area.y, PROMPT, prompt_style);
        let x = area.x + PROMPT.len() as u16;
        let room = room(area);
        if app.filter.input.text().is_empty() && !app.filter.focused {
            let hint = match app.keymap.first_key(Mode::List, Action::FocusFilter) {
                Some(key) => {
                    format!("press {key} to filter: words, \"phrases\", title:, date:2024")
                }
                None => "filter: words, \"phrases\", title:, date:2024".to_owned(),
            };
            buf.set_stringn(x, area.y, hint, room, dim());
            return;
        }
        let (input_room, note) = split(app, room);
        let bad_style = theme.bad_term;
        let (shown, _) = visible(app, input_room);
        let mut cx = x;
        for (g, width, bad) in shown {
            let style = if bad { bad_style } else { Style::new() };
            buf.set_string(cx, area.y, &g, style);
            cx += width as u16;
        }
        if let Some((text, style)) = note {
            let width = str_width(&text) as u16;
            buf.set_string(area.right() - 1 - width, area.y, text, style);
        }
    }
}

fn dim() -> Style {
    Style::new().add_modifier(Modifier::DIM)
}

/// Cells for the query and its note: the bar less the prompt and a cell for the cursor.
fn room(area: Rect) -> usize {
    area.width.saturating_sub(PROMPT.len() as u16 + 1) as usize
}

/// What shows right of the query: what is wrong with it, else how many articles (or,
/// beside the bookmarks pane, bookmarks) match.
fn note(app: &App) -> Option<(String, Style)> {
    if let Some(error) = &app.filter.error {
        let text = sanitize_line(&error.to_string());
        return Some((text, app.settings.theme.error));
    }
    if app.filter.answered.is_empty() && !app.filter.searching || app.loading.is_some() {
        return None;
    }
    // Beside the bookmarks pane, the filter counts bookmarks.
    let (shown, all) = if app.side == crate::tui::state::Side::Bookmarks {
        (app.bookmarks.shown.len(), app.bookmarks.list.len())
    } else {
        (app.list.visible.len(), app.articles.len())
    };
    let mut text = format!("{} of {}", thousands(shown), thousands(all));
    if app.filter.searching {
        text.push('…');
    }
    Some((text, dim()))
}

/// The cells for the query, and the note cut to fit beside it: the query keeps at least
/// half the room (all it needs, when it can), the note what is left.
fn split(app: &App, room: usize) -> (usize, Option<(String, Style)>) {
    let Some((text, style)) = note(app) else {
        return (room, None);
    };
    let wanted = str_width(app.filter.input.text()) + 1;
    let keep = wanted
        .min(room / 2)
        .max(room.saturating_sub(str_width(&text) + GAP));
    let left = room.saturating_sub(keep + GAP);
    if left < 4 {
        return (room, None);
    }
    (room - left - GAP, Some((truncate(&text, left), style)))
}

/// The query's cells that fit in `room` with the cursor in view, the term that does not
/// parse marked, and the cursor's column.
fn visible(app: &App, room: usize) -> (Vec<Cell>, usize) {
    let bad = app.filter.error.as_ref().map_or(0..0, |e| e.span.clone());
    line_edit::visible(&app.filter.input, room, &bad)
}

/// Where the bar draws: its own area, widened over the timeline while there is an error
/// to show.
pub fn area(app: &App) -> Rect {
    match &app.filter.error {
        Some(_) if !app.areas.timeline.is_empty() => app.areas.filter_bar.union(app.areas.timeline),
        _ => app.areas.filter_bar,
    }
}

/// Where the terminal cursor goes: in the filter bar while it has the keyboard.
pub fn cursor(app: &App) -> Option<Position> {
    let area = area(app);
    if !app.filter.focused || app.help.is_some() || app.prompt.is_some() || area.is_empty() {
        return None;
    }
    let (input_room, _) = split(app, room(area));
    let (_, column) = visible(app, input_room);
    Some(Position::new(
        area.x + PROMPT.len() as u16 + column as u16,
        area.y,
    ))
}
