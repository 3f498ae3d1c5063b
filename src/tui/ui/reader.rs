//! The reading pane: the lines in view, sliced from the wrapped article (so any length
//! scrolls), the line of the match last moved to picked out, the cursor line, the
//! selection and bookmarked passages marked (with a mark in the gutter), and a scrollbar.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget};

use ratatui::text::{Line, Span};

use crate::tui::input::action::Action;
use crate::tui::input::keymap::Mode;
use crate::tui::settings::theme::Theme;
use crate::tui::state::{App, Focus};
use crate::tui::text::format::truncate;

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
        let current = reader
            .current_match
            .and_then(|c| reader.matches.get(c).copied());
        let lines = reader
            .lines
            .iter()
            .enumerate()
            .skip(reader.scroll)
            .take(text.height as usize);
        let theme = &app.settings.theme;
        let focused = app.focus == Focus::Reader && app.help.is_none();
        let selection = reader.selection();
        let gutter = (text.x > app.areas.reader.x).then(|| text.x - 1);
        for (row, (at, line)) in lines.enumerate() {
            let y = text.y + row as u16;
            if Some(at) == current {
                buf.set_line(text.x, y, &current_line(line, theme), text.width);
            } else {
                buf.set_line(text.x, y, line, text.width);
            }
            let row_area = Rect::new(text.x, y, text.width, 1);
            let bookmarked = reader.is_bookmarked(at);
            let cursor = focused && at == reader.cursor;
            if selection.as_ref().is_some_and(|s| s.contains(&at)) {
                buf.set_style(row_area, theme.selection);
            } else if bookmarked {
                fill_background(buf, row_area, theme.bookmarked);
            } else if cursor {
                fill_background(buf, row_area, theme.cursor_line);
            }
            if let Some(x) = gutter {
                let mark = match (cursor, bookmarked) {
                    (true, true) => Some((CURSOR_MARK, theme.bookmark_mark)),
                    (true, false) => Some((CURSOR_MARK, theme.cursor_mark)),
                    (false, true) => Some((BOOKMARK_MARK, theme.bookmark_mark)),
                    (false, false) => None,
                };
                if let Some((symbol, style)) = mark {
                    buf.set_string(x, y, symbol, style);
                }
            }
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

/// The gutter mark of the cursor line.
const CURSOR_MARK: &str = "›";
/// The gutter mark of a line of a bookmarked passage.
const BOOKMARK_MARK: &str = "▌";

/// Gives the cells of `area` that have no background of their own (a match's has) the
/// background `color`, if any.
fn fill_background(buf: &mut Buffer, area: Rect, color: Option<Color>) {
    let Some(color) = color else {
        return;
    };
    for x in area.left()..area.right() {
        let cell = &mut buf[(x, area.y)];
        if cell.bg == Color::Reset {
            cell.set_bg(color);
        }
    }
}

/// `line` with its marked matches shown as the current one's.
fn current_line(line: &Line<'static>, theme: &Theme) -> Line<'static> {
    let spans = line.spans.iter().map(|span| {
        if theme.is_highlight(span.style) {
            Span::styled(span.content.clone(), span.style.patch(theme.current))
        } else {
            span.clone()
        }
    });
    Line::from(spans.collect::<Vec<_>>())
}
