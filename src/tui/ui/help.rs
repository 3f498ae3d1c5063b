//! The help overlay: the rows [`help::rows`] lists, in a box over the screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};
use unicode_width::UnicodeWidthStr;

use crate::tui::input::action::Action;
use crate::tui::input::help::{self, HelpRow};
use crate::tui::input::keymap::{Keymap, Mode};
use crate::tui::state::App;
use crate::tui::state::layout::help_area;
use crate::tui::text::format::pad;

/// Width of the keys column, at most.
const KEYS_WIDTH: usize = 22;

/// The help text, one entry a line, the keys in a column of their own.
pub fn lines(keymap: &Keymap, width: usize) -> Vec<Line<'static>> {
    let keys_width = KEYS_WIDTH.min(width * 2 / 5);
    let heading = Style::new().add_modifier(Modifier::BOLD);
    help::rows(keymap)
        .into_iter()
        .map(|row| match row {
            HelpRow::Blank => Line::default(),
            HelpRow::Heading(title) => Line::styled(title, heading),
            HelpRow::Entry { keys, does } => {
                Line::from(vec![Span::raw(pad(&keys, keys_width)), Span::raw(does)])
            }
        })
        .collect()
}

pub struct HelpView<'a>(pub &'a App);

impl Widget for HelpView<'_> {
    fn render(self, screen: Rect, buf: &mut Buffer) {
        let app = self.0;
        let area = help_area(screen);
        clear_wide_edges(area, buf);
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

/// Blanks a wide character that starts just left of `area` (a CJK title in the list
/// beside it): its second half is under the overlay's border, and a terminal would draw
/// the whole character over the border.
fn clear_wide_edges(area: Rect, buf: &mut Buffer) {
    let Some(left) = area.x.checked_sub(1) else {
        return;
    };
    for y in area.top()..area.bottom() {
        let cell = &mut buf[(left, y)];
        if cell.symbol().width() > 1 {
            cell.set_symbol(" ");
        }
    }
}

/// Columns for text inside the overlay's border and margin.
fn inner_width(area: Rect) -> usize {
    area.width.saturating_sub(3) as usize
}
