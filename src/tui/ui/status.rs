//! The status bar: how many articles are shown and in what order, a notice, the store, what has the keyboard, the
//! reading position, and key hints taken from the keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;

use crate::sanitize::sanitize_line;
use crate::tui::cells::str_width;
use crate::tui::input::action::Action;
use crate::tui::input::keymap::Mode;
use crate::tui::state::{App, Side};
use crate::tui::text::format::{thousands, truncate};

pub struct StatusBar<'a>(pub &'a App);

impl Widget for StatusBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let app = self.0;
        let style = Style::new().add_modifier(Modifier::REVERSED);
        buf.set_style(area, style);
        let width = area.width as usize;
        let left = format!(" {}", left_text(app));
        let mut hints = hints(app);
        let left_width = str_width(&left);
        loop {
            let hint_text = hints.join("  ");
            let hint_width = str_width(&hint_text);
            if hints.is_empty() || left_width + hint_width + 3 <= width {
                buf.set_string(area.x, area.y, truncate(&left, width), style);
                if !hints.is_empty() {
                    let x = area.x + (width - hint_width - 1) as u16;
                    buf.set_string(x, area.y, hint_text, style);
                }
                return;
            }
            hints.pop();
        }
    }
}

/// `12 of 2,095 articles · newest first · store · list · 42%`, or `reading store… 1,024 articles · …`.
pub fn left_text(app: &App) -> String {
    let total = app.articles.len();
    let shown = app.list.visible.len();
    let noun = if total == 1 { "article" } else { "articles" };
    let mut parts = vec![];
    if app.side == Side::Bookmarks {
        let (shown, total) = (app.bookmarks.shown.len(), app.bookmarks.list.len());
        let noun = if total == 1 { "bookmark" } else { "bookmarks" };
        parts.push(if shown == total {
            format!("{} {noun}", thousands(total))
        } else {
            format!("{} of {} {noun}", thousands(shown), thousands(total))
        });
        if app.bookmarks.read_only.is_some() {
            parts.push("read-only".to_owned());
        }
    }
    parts.push(match app.loading {
        Some(found) => format!("reading store… {} articles", thousands(found)),
        None if app.filter.answered.is_empty() && !app.filter.searching => {
            format!("{} {noun}", thousands(total))
        }
        None => format!("{} of {} {noun}", thousands(shown), thousands(total)),
    });
    // Once something has been read (before, every article is, and shows it).
    let some_read = app.list.unread < app.list.visible.len();
    if app.loading.is_none() && app.side == Side::Articles && some_read {
        parts.push(format!("{} unread", thousands(app.list.unread)));
    }
    if let Some((done, total)) = app.indexing {
        parts.push(format!(
            "indexing {} of {}",
            thousands(done),
            thousands(total)
        ));
    }
    if app.filter.searching && app.loading.is_none() {
        parts.push("searching text…".to_owned());
    }
    if app.loading.is_none() && !app.articles.is_empty() {
        parts.push(app.sort.describe(app.ranked()).to_owned());
    }
    if let Some(notice) = &app.notice {
        parts.push(notice.clone());
    }
    if app.problems > 0 {
        parts.push(format!("{} unreadable", thousands(app.problems)));
    }
    parts.push(sanitize_line(&app.store_name));
    parts.push(app.mode().name().to_owned());
    if app.reader.open.is_some() && !app.areas.reader.is_empty() {
        parts.push(format!("{}%", app.reader.percent()));
    }
    parts.join(" · ")
}

/// `key action` hints for the mode, most useful first, from the live keymap.
fn hints(app: &App) -> Vec<String> {
    use Action::*;
    let mode = app.mode();
    let actions: &[Action] = match mode {
        Mode::List => &[Open, FocusFilter, Help, ToggleBookmarks, CycleSort, Quit],
        Mode::Reader => &[
            PageDown,
            StartSelection,
            BookmarkParagraph,
            Help,
            NextArticle,
            Back,
            NextMatch,
            Quit,
        ],
        Mode::Select => &[MoveDown, NextParagraph, SaveSelection, CancelSelection],
        Mode::Note => &[NoteAccept, NoteCancel],
        Mode::Find => &[FindAccept, FindCancel],
        Mode::Bookmarks => &[
            OpenBookmark,
            EditNote,
            DeleteBookmark,
            UndoDelete,
            ToggleBookmarks,
            Help,
        ],
        Mode::Filter => &[FilterAccept, FilterLeave, HistoryPrev, DeleteToStart],
        Mode::Help => &[CloseHelp, MoveDown],
    };
    actions
        .iter()
        .filter_map(|&action| {
            Some(format!(
                "{} {}",
                app.keymap.first_key(mode, action)?,
                action.hint()
            ))
        })
        .collect()
}
