//! The list pane: one row per shown article (date, title, source), built only for the
//! rows in view.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::Widget;

use crate::store::Article;
use crate::tui::cells::str_width;
use crate::tui::format::{pad, truncate};
use crate::tui::state::{App, Focus};

/// Columns of the date column (with its gap).
const DATE_WIDTH: usize = 12;

pub struct ListView<'a>(pub &'a App);

impl Widget for ListView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let app = self.0;
        let list = &app.list;
        if list.visible.is_empty() {
            let note = if app.articles.is_empty() {
                format!("No articles in {}", app.store_name)
            } else {
                "No article matches the filter".to_owned()
            };
            buf.set_string(
                area.x + 1,
                area.y,
                truncate(&note, area.width.saturating_sub(1) as usize),
                dim(),
            );
            return;
        }
        let focused = app.focus == Focus::List && !app.filter_focused && app.help.is_none();
        let rows = list
            .visible
            .iter()
            .enumerate()
            .skip(list.offset)
            .take(area.height as usize);
        for (row, (position, &index)) in rows.enumerate() {
            let y = area.y + row as u16;
            let line = Rect {
                y,
                height: 1,
                ..area
            };
            draw_row(&app.articles[index], line, buf);
            if position == list.selected {
                let style = if focused {
                    Style::new().add_modifier(Modifier::REVERSED)
                } else {
                    Style::new().bg(Color::DarkGray).fg(Color::White)
                };
                buf.set_style(line, style);
            }
        }
    }
}

fn dim() -> Style {
    Style::new().add_modifier(Modifier::DIM)
}

/// One article's row: ` 2024-03-02  Title…   Source `.
fn draw_row(article: &Article, area: Rect, buf: &mut Buffer) {
    let width = area.width as usize;
    let mut x = area.x + 1;
    let mut room = width.saturating_sub(2);
    if width >= 36 {
        let (date, style) = match (article.date, article.date_from) {
            (Some(date), Some(from)) if from.is_estimate() => (date.to_string(), dim()),
            (Some(date), _) => (date.to_string(), Style::new()),
            (None, _) => ("undated".to_owned(), dim()),
        };
        buf.set_string(x, area.y, pad(&date, DATE_WIDTH), style);
        x += DATE_WIDTH as u16;
        room -= DATE_WIDTH;
    }
    let source = article
        .source
        .as_deref()
        .filter(|_| width >= 44)
        .unwrap_or("");
    let source_width = str_width(source).min(room / 4);
    let title_width = room.saturating_sub(if source_width > 0 {
        source_width + 2
    } else {
        0
    });
    buf.set_string(x, area.y, pad(&article.title, title_width), Style::new());
    if source_width > 0 {
        let source = truncate(source, source_width);
        let sx = area.x + 1 + (width - 2 - str_width(&source)) as u16;
        buf.set_string(sx, area.y, source, Style::new().fg(Color::Cyan));
    }
}
