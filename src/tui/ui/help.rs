//! The help overlay: the lines [`help::lines`] lays out, in a box over the screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Widget};
use unicode_width::UnicodeWidthStr;

use crate::tui::input::action::Action;
use crate::tui::input::help;
use crate::tui::input::keymap::Mode;
use crate::tui::state::App;
use crate::tui::state::layout::help_area;

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
        for (row, line) in help::lines(&app.keymap, help::text_width(area))
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
