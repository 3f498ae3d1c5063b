//! The list pane: one row per shown article (date, title with the filter's matches
//! marked, source), built only for the rows in view.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;

use crate::sanitize::sanitize_line;
use crate::store::Article;
use unicode_segmentation::UnicodeSegmentation;

use crate::query::Query;
use crate::tui::cells::{grapheme, str_width};
use crate::tui::input::action::Action;
use crate::tui::input::keymap::Mode;
use crate::tui::settings::{DATE_GAP, Settings, TITLE_ROOM};
use crate::tui::state::{App, Focus};
use crate::tui::text::format::{pad, thousands, truncate};

/// The list pane: a row for each article shown.
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
        let settings = &app.settings;
        let date_width = settings.dates.width() + DATE_GAP;
        let columns = columns(area.width as usize, app.widest_source, date_width);
        let focused = app.focus == Focus::List && !app.filter.focused && app.help.is_none();
        let rows = list
            .visible
            .iter()
            .enumerate()
            .skip(list.window.offset)
            .take(area.height as usize);
        for (row, (position, &index)) in rows.enumerate() {
            let y = area.y + row as u16;
            let line = Rect {
                y,
                height: 1,
                ..area
            };
            let selected = (position == list.window.selected).then_some(if focused {
                settings.theme.selection
            } else {
                settings.theme.inactive_selection
            });
            let row = Row {
                columns,
                date_width,
                selected,
                unread: app.is_unread(index),
                query: &app.filter.answered,
                settings,
            };
            draw_row(&app.articles[index], line, &row, buf);
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
    if app.filter.searching {
        return vec!["Searching article text…".to_owned()];
    }
    let mut notes = vec![format!(
        "No articles match \u{201c}{}\u{201d}",
        sanitize_line(app.filter.answered_text.trim())
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

/// What marks an unread article, in the row's last cell.
pub const UNREAD_MARK: &str = "•";

/// The narrowest a title gets before the source column gives way.
const MIN_TITLE_WIDTH: usize = 20;
/// The narrowest source column worth showing (shorter sources need only their width).
const MIN_SOURCE_WIDTH: usize = 6;

/// The list's columns at a width, with dates `date_width` wide (with their gap): whether
/// dates show, and the source column's width (0 for none). Dates show when the title
/// keeps `MIN_TITLE_WIDTH` beside them. Sources get up to a third of the room, and only
/// what is left when the title keeps [`TITLE_ROOM`] (the source gives way first) and the
/// column is wide enough to read.
pub fn columns(width: usize, widest_source: usize, date_width: usize) -> (bool, usize) {
    let dates = width >= date_width + MIN_TITLE_WIDTH + 4;
    let room = width.saturating_sub(2 + if dates { date_width } else { 0 });
    let source = widest_source
        .min(room / 3)
        .min(room.saturating_sub(TITLE_ROOM + 2));
    let readable = source >= widest_source.min(MIN_SOURCE_WIDTH) && source > 0;
    (dates, if readable { source } else { 0 })
}

/// How the rows are drawn: the columns (as [`columns`] gives them) and the date column's
/// width, the selected row's style, the query whose matches are marked, the settings.
struct Row<'a> {
    columns: (bool, usize),
    date_width: usize,
    selected: Option<Style>,
    /// Not yet read: the title in the unread style, and [`UNREAD_MARK`] at the row's end.
    unread: bool,
    query: &'a Query,
    settings: &'a Settings,
}

/// One article's row: ` 2024-03-02  Title…             Source      `, with an estimated
/// (file) date marked `~` and in dim, in the `selected` style if it is, and `query`'s
/// matches in the title marked.
fn draw_row(article: &Article, area: Rect, row: &Row<'_>, buf: &mut Buffer) {
    let width = area.width as usize;
    let (dates, source_width) = row.columns;
    let theme = &row.settings.theme;
    let mut x = area.x + 1;
    // A margin each side, and a cell between the text and the unread mark.
    let mut room = width.saturating_sub(3);
    if dates {
        let (date, style) = match (article.date, article.date_from) {
            (Some(date), Some(from)) if from.is_estimate() => {
                buf.set_string(area.x, area.y, "~", dim());
                (row.settings.dates.format(date), dim())
            }
            (Some(date), _) => (row.settings.dates.format(date), Style::new()),
            (None, _) => ("undated".to_owned(), dim()),
        };
        buf.set_string(x, area.y, pad(&date, row.date_width), style);
        x += row.date_width as u16;
        room -= row.date_width;
    }
    let title_width = match source_width {
        0 => room,
        source => room - source - 2,
    };
    let title_style = if row.unread {
        theme.unread
    } else {
        Style::new()
    };
    buf.set_string(x, area.y, pad(&article.title, title_width), title_style);
    if row.unread && width > 2 {
        let end = area.x + area.width - 1;
        buf.set_string(end, area.y, UNREAD_MARK, theme.unread);
    }
    if let Some(source) = article.source.as_deref().filter(|_| source_width > 0) {
        let sx = x + (title_width + 2) as u16;
        let source = truncate(source, source_width);
        buf.set_string(sx, area.y, source, theme.source);
    }
    if let Some(style) = row.selected {
        buf.set_style(area, style);
    }
    if !row.query.is_empty() {
        let highlight = theme.highlight;
        mark_title(
            &article.title,
            x,
            area.y,
            title_width,
            row.query,
            highlight,
            buf,
        );
    }
}

/// Marks `query`'s matches with `highlight` in a title drawn at `x`, `y` in `width` cells
/// (as [`pad`] draws it: cut with an ellipsis when too wide).
fn mark_title(
    title: &str,
    x: u16,
    y: u16,
    width: usize,
    query: &Query,
    highlight: Style,
    buf: &mut Buffer,
) {
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
                buf[(x + cell as u16, y)].set_style(highlight);
            }
        }
        used += w;
    }
}
