//! The list pane: one row per shown article (date, title with the filter's matches
//! marked, source), built only for the rows in view.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::Widget;

use crate::sanitize::sanitize_line;
use crate::store::Article;
use unicode_segmentation::UnicodeSegmentation;

use crate::query::Query;
use crate::tui::action::Action;
use crate::tui::cells::{grapheme, str_width};
use crate::tui::format::{pad, thousands, truncate};
use crate::tui::highlight::HIGHLIGHT;
use crate::tui::keymap::Mode;
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
            for (row, note) in empty_notes(app)
                .iter()
                .enumerate()
                .take(area.height as usize)
            {
                let width = area.width.saturating_sub(1) as usize;
                let y = area.y + row as u16;
                buf.set_string(area.x + 1, y, truncate(note, width), dim());
            }
            return;
        }
        let columns = columns(area.width as usize, app.widest_source);
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
            let selected = (position == list.selected).then(|| {
                if focused {
                    Style::new().add_modifier(Modifier::REVERSED)
                } else {
                    Style::new().bg(Color::DarkGray).fg(Color::White)
                }
            });
            draw_row(
                &app.articles[index],
                line,
                columns,
                selected,
                &app.filter,
                buf,
            );
        }
    }
}

/// What the list says when it shows no article: the store is being read, has none,
/// text is being searched, or nothing matches the filter.
fn empty_notes(app: &App) -> Vec<String> {
    let store = sanitize_line(&app.store_name);
    if let Some(found) = app.loading {
        return vec![format!(
            "Reading {store}… {} articles so far",
            thousands(found)
        )];
    }
    if app.articles.is_empty() {
        return vec![format!("No articles in {store}")];
    }
    if app.searching {
        return vec!["Searching article text…".to_owned()];
    }
    let mut notes = vec![format!(
        "No articles match \u{201c}{}\u{201d}",
        sanitize_line(app.filter_text.trim())
    )];
    if let Some(key) = app.keymap.first_key(Mode::List, Action::ClearFilter) {
        notes.push(String::new());
        notes.push(format!("{key} in the list clears the filter"));
    }
    notes
}

fn dim() -> Style {
    Style::new().add_modifier(Modifier::DIM)
}

/// The narrowest a title gets before the source column gives way.
const MIN_TITLE_WIDTH: usize = 20;
/// The narrowest source column worth showing (shorter sources need only their width).
const MIN_SOURCE_WIDTH: usize = 6;

/// The list's columns at a width: whether dates show, and the source column's width
/// (0 for none). Sources get up to a third of the room, and only when the title keeps
/// [`MIN_TITLE_WIDTH`] and the column is wide enough to read.
pub fn columns(width: usize, widest_source: usize) -> (bool, usize) {
    let dates = width >= 36;
    let room = width.saturating_sub(2 + if dates { DATE_WIDTH } else { 0 });
    let source = widest_source
        .min(room / 3)
        .min(room.saturating_sub(MIN_TITLE_WIDTH + 2));
    let readable = source >= widest_source.min(MIN_SOURCE_WIDTH) && source > 0;
    (dates, if readable { source } else { 0 })
}

/// One article's row: ` 2024-03-02  Title…             Source      `, with an estimated
/// (file) date marked `~` and in dim, in the `selected` style if it is, and `query`'s
/// matches in the title marked.
fn draw_row(
    article: &Article,
    area: Rect,
    columns: (bool, usize),
    selected: Option<Style>,
    query: &Query,
    buf: &mut Buffer,
) {
    let width = area.width as usize;
    let (dates, source_width) = columns;
    let mut x = area.x + 1;
    let mut room = width.saturating_sub(2);
    if dates {
        let (date, style) = match (article.date, article.date_from) {
            (Some(date), Some(from)) if from.is_estimate() => {
                buf.set_string(area.x, area.y, "~", dim());
                (date.to_string(), dim())
            }
            (Some(date), _) => (date.to_string(), Style::new()),
            (None, _) => ("undated".to_owned(), dim()),
        };
        buf.set_string(x, area.y, pad(&date, DATE_WIDTH), style);
        x += DATE_WIDTH as u16;
        room -= DATE_WIDTH;
    }
    let title_width = match source_width {
        0 => room,
        source => room - source - 2,
    };
    buf.set_string(x, area.y, pad(&article.title, title_width), Style::new());
    if let Some(source) = article.source.as_deref().filter(|_| source_width > 0) {
        let sx = x + (title_width + 2) as u16;
        let source = truncate(source, source_width);
        buf.set_string(sx, area.y, source, Style::new().fg(Color::Cyan));
    }
    if let Some(style) = selected {
        buf.set_style(area, style);
    }
    if !query.is_empty() {
        mark_title(&article.title, x, area.y, title_width, query, buf);
    }
}

/// Marks `query`'s matches in a title drawn at `x` in `width` cells (as [`pad`] draws it:
/// cut with an ellipsis when too wide).
fn mark_title(title: &str, x: u16, y: u16, width: usize, query: &Query, buf: &mut Buffer) {
    let ranges = query.highlights(title, true);
    if ranges.is_empty() {
        return;
    }
    let room = if str_width(title) > width {
        width.saturating_sub(1)
    } else {
        width
    };
    let mut used = 0;
    for (at, g) in title.grapheme_indices(true) {
        let (_, w) = grapheme(g);
        if used + w > room {
            break;
        }
        let end = at + g.len();
        if ranges.iter().any(|r| r.start < end && at < r.end) {
            for cell in used..used + w {
                buf[(x + cell as u16, y)].set_style(HIGHLIGHT);
            }
        }
        used += w;
    }
}
