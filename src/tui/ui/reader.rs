//! The reading pane: the lines in view, sliced from the wrapped article (so any length
//! scrolls), the line of the match last moved to picked out, the cursor line, the
//! selection and bookmarked passages marked (with a mark in the gutter), and a scrollbar.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget};

use ratatui::text::{Line, Span};

use crate::tui::action::Action;
use crate::tui::format::truncate;
use crate::tui::highlight::{CURRENT, is_highlight};
use crate::tui::keymap::Mode;
use crate::tui::state::{App, Focus};

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
        let focused = app.focus == Focus::Reader && app.help.is_none();
        let selection = reader.selection();
        let gutter = (text.x > app.areas.reader.x).then(|| text.x - 1);
        for (row, (at, line)) in lines.enumerate() {
            let y = text.y + row as u16;
            if Some(at) == current {
                buf.set_line(text.x, y, &current_line(line), text.width);
            } else {
                buf.set_line(text.x, y, line, text.width);
            }
            let row_area = Rect::new(text.x, y, text.width, 1);
            let bookmarked = reader.is_bookmarked(at);
            let cursor = focused && at == reader.cursor;
            if selection.as_ref().is_some_and(|s| s.contains(&at)) {
                buf.set_style(row_area, SELECTION);
            } else if bookmarked {
                fill_background(buf, row_area, BOOKMARKED);
            } else if cursor {
                fill_background(buf, row_area, CURSOR_LINE);
            }
            if let Some(x) = gutter {
                let mark = match (cursor, bookmarked) {
                    (true, true) => Some((CURSOR_MARK, BOOKMARK_GUTTER)),
                    (true, false) => Some((CURSOR_MARK, CURSOR_GUTTER)),
                    (false, true) => Some((BOOKMARK_MARK, BOOKMARK_GUTTER)),
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
const CURSOR_GUTTER: Style = Style::new().add_modifier(Modifier::BOLD);
const BOOKMARK_GUTTER: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
/// The lines being selected.
const SELECTION: Style = Style::new().add_modifier(Modifier::REVERSED);
/// The background of a bookmarked passage's lines.
const BOOKMARKED: Color = Color::Indexed(58);
/// The background of the cursor line.
const CURSOR_LINE: Color = Color::Indexed(236);

/// Gives the cells of `area` that have no background of their own (a match's has) the
/// background `color`.
fn fill_background(buf: &mut Buffer, area: Rect, color: Color) {
    for x in area.left()..area.right() {
        let cell = &mut buf[(x, area.y)];
        if cell.bg == Color::Reset {
            cell.set_bg(color);
        }
    }
}

/// `line` with its marked matches shown as the current one's.
fn current_line(line: &Line<'static>) -> Line<'static> {
    let spans = line.spans.iter().map(|span| {
        if is_highlight(span.style) {
            Span::styled(span.content.clone(), span.style.patch(CURRENT))
        } else {
            span.clone()
        }
    });
    Line::from(spans.collect::<Vec<_>>())
}
