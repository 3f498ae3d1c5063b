//! The bookmarks pane, in place of the list: each bookmark on two rows, the article's
//! date and title, then the start of the quote (marked when reworded or not found) and
//! the note; built only for the bookmarks in view.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;

use crate::bookmarks::Bookmark;
use crate::sanitize::sanitize_line;
use crate::store::Location;
use crate::tui::input::action::Action;
use crate::tui::input::keymap::Mode;
use crate::tui::state::bookmarks_pane::ROWS_PER_BOOKMARK;
use crate::tui::state::{App, Focus};
use crate::tui::text::format::{pad, truncate};

/// The mark of a passage no longer in its article.
const GONE: &str = "not found: ";

/// The mark of a reworded passage, shown with the text now there.
const CHANGED: &str = "~ changed: ";

/// What stands for the date of an article the store does not have.
const NOT_IN_STORE: &str = "not in store";

pub struct BookmarksView<'a>(pub &'a App);

impl Widget for BookmarksView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let app = self.0;
        let pane = &app.bookmarks;
        if pane.shown.is_empty() {
            let width = area.width.saturating_sub(1) as usize;
            for (row, note) in empty_notes(app)
                .iter()
                .enumerate()
                .take(area.height as usize)
            {
                buf.set_string(
                    area.x + 1,
                    area.y + row as u16,
                    truncate(note, width),
                    dim(),
                );
            }
            return;
        }
        let focused = app.focus == Focus::List && !app.filter.focused && app.help.is_none();
        let in_view = (area.height as usize / ROWS_PER_BOOKMARK).max(1);
        let rows = pane
            .shown
            .iter()
            .enumerate()
            .skip(pane.window.offset)
            .take(in_view);
        for (row, (position, &index)) in rows.enumerate() {
            let y = area.y + (row * ROWS_PER_BOOKMARK) as u16;
            let height = (ROWS_PER_BOOKMARK as u16).min(area.bottom() - y);
            let rect = Rect { y, height, ..area };
            draw_bookmark(app, &pane.list[index], rect, buf);
            if position == pane.window.selected {
                let theme = &app.settings.theme;
                let style = if focused {
                    theme.selection
                } else {
                    theme.inactive_selection
                };
                buf.set_style(rect, style);
            }
        }
    }
}

/// ` 2024-11-21  The article's title` over `   “The quote…”  the note`.
fn draw_bookmark(app: &App, bookmark: &Bookmark, area: Rect, buf: &mut Buffer) {
    let width = area.width.saturating_sub(2) as usize;
    let article = app.article_for(&Location::from_path(&bookmark.path));
    let (date, date_style) = match article.and_then(|a| a.date) {
        Some(date) => (app.settings.dates.format(date), Style::new()),
        None if article.is_none() => (NOT_IN_STORE.to_owned(), dim()),
        None => ("undated".to_owned(), dim()),
    };
    let x = area.x + 1;
    let title = sanitize_line(article.map_or(&bookmark.title, |a| &a.title));
    // The list's date column: the configured format's width (room for "not in store"),
    // and a gap.
    let date_width = app.settings.dates.width().max(NOT_IN_STORE.len()) + 2;
    if width > date_width + 8 {
        buf.set_string(x, area.y, pad(&date, date_width), date_style);
        let title_x = x + date_width as u16;
        buf.set_string(
            title_x,
            area.y,
            truncate(&title, width - date_width),
            bold(),
        );
    } else {
        buf.set_string(x, area.y, truncate(&title, width), bold());
    }
    if area.height < 2 {
        return;
    }
    let stored = sanitize_line(bookmark.quote());
    let quote = if app.bookmarks.gone.contains(&bookmark.id) {
        format!("{GONE}\u{201c}{stored}\u{201d}")
    } else if let Some(now) = app.bookmarks.changed.get(&bookmark.id) {
        // Reworded: the text now there first, then the quote as kept.
        let now = sanitize_line(&now.exact);
        format!("{CHANGED}\u{201c}{now}\u{201d} was \u{201c}{stored}\u{201d}")
    } else {
        format!("\u{201c}{stored}\u{201d}")
    };
    let indent = 2;
    let room = width.saturating_sub(indent);
    let y = area.y + 1;
    let qx = x + indent as u16;
    match &bookmark.note {
        Some(note) => {
            let note = sanitize_line(note);
            let quote_room =
                (room / 2).max(room.saturating_sub(crate::tui::cells::str_width(&note) + 2));
            let quote = truncate(&quote, quote_room);
            let quote_width = crate::tui::cells::str_width(&quote);
            buf.set_string(qx, y, &quote, quote_style());
            let nx = qx + (quote_width + 2) as u16;
            let note_room = room.saturating_sub(quote_width + 2);
            buf.set_string(nx, y, truncate(&note, note_room), app.settings.theme.source);
        }
        None => {
            buf.set_string(qx, y, truncate(&quote, room), quote_style());
        }
    }
}

/// What the pane says with no bookmark to show.
fn empty_notes(app: &App) -> Vec<String> {
    if !app.bookmarks.list.is_empty() {
        return vec![format!(
            "No bookmark matches \u{201c}{}\u{201d}",
            sanitize_line(app.filter.input.text().trim())
        )];
    }
    let mut notes = vec!["No bookmarks yet.".to_owned(), String::new()];
    let keys = &app.keymap;
    if let (Some(select), Some(save)) = (
        keys.first_key(Mode::Reader, Action::StartSelection),
        keys.first_key(Mode::Select, Action::SaveSelection),
    ) {
        notes.push(format!("In an article, {select} starts a selection"));
        notes.push(format!("and {save} keeps it."));
    }
    if let Some(key) = keys.first_key(Mode::Reader, Action::BookmarkParagraph) {
        notes.push(format!("{key} keeps the paragraph under the cursor."));
    }
    notes
}

fn dim() -> Style {
    Style::new().add_modifier(Modifier::DIM)
}

fn bold() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

fn quote_style() -> Style {
    Style::new().add_modifier(Modifier::ITALIC)
}
