//! The reading pane: the lines in view, sliced from the wrapped article (so any length
//! scrolls), and a scrollbar.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget};

use crate::tui::action::Action;
use crate::tui::format::truncate;
use crate::tui::keymap::Mode;
use crate::tui::state::App;

pub struct ReaderView<'a>(pub &'a App);

impl Widget for ReaderView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let app = self.0;
        let reader = &app.reader;
        let text = app.areas.text;
        if reader.open.is_none() {
            let hint = match app.keymap.first_key(Mode::List, Action::Open) {
                Some(key) => format!("Select an article and press {key} to read it."),
                None => "Select an article to read it.".to_owned(),
            };
            let style = Style::new().add_modifier(Modifier::DIM);
            buf.set_string(text.x, text.y, truncate(&hint, text.width as usize), style);
            return;
        }
        let lines = reader
            .lines
            .iter()
            .skip(reader.scroll)
            .take(text.height as usize);
        for (row, line) in lines.enumerate() {
            buf.set_line(text.x, text.y + row as u16, line, text.width);
        }
        if reader.max_scroll() > 0 {
            let mut state = ScrollbarState::new(reader.max_scroll() + 1)
                .position(reader.scroll)
                .viewport_content_length(text.height as usize);
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .end_symbol(None)
                .render(app.areas.scrollbar, buf, &mut state);
        }
    }
}
