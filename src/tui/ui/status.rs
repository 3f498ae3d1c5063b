//! The status bar: how many articles are shown and in what order, a notice, the store,
//! what has the keyboard, the reading position, and key hints taken from the keymap
//! (the help's always, ahead of the store's name when room is short).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;

use crate::sanitize::sanitize_line;
use crate::tui::cells::str_width;
use crate::tui::input::action::Action;
use crate::tui::input::keymap::Mode;
use crate::tui::state::{App, Side};
use crate::tui::text::format::{thousands, truncate, truncate_start};

pub struct StatusBar<'a>(pub &'a App);

impl Widget for StatusBar<'_> {
    /// The left text and as many hints as fit. When room is short, the store's name gives
    /// way first, then the hints from the least useful (never the help's); a left text
    /// still too long is cut, a notice keeping its end (where a file's line and column
    /// are).
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let app = self.0;
        let style = Style::new().add_modifier(Modifier::REVERSED);
        buf.set_style(area, style);
        let width = area.width as usize;
        let mut hints = hints(app);
        let help = help_hint(app);
        let fits = |left: &str, hints: &[String]| {
            let hint_width = str_width(&hints.join("  "));
            hints.is_empty() || str_width(left) + hint_width + 3 <= width
        };
        let mut left = format!(" {}", left_text(app, true));
        if !fits(&left, &hints) {
            left = format!(" {}", left_text(app, false));
        }
        while !fits(&left, &hints) {
            // The least useful hint goes, the help's last of all.
            match hints.iter().rposition(|h| Some(h) != help.as_ref()) {
                Some(at) => drop(hints.remove(at)),
                None => break,
            }
        }
        if str_width(&hints.join("  ")) + 2 > width {
            hints.clear();
        }
        let hint_text = hints.join("  ");
        let hint_width = str_width(&hint_text);
        let room = if hints.is_empty() {
            width
        } else {
            width.saturating_sub(hint_width + 2)
        };
        if str_width(&left) > room {
            // Still too long: the order and the unread count give way before the rest
            // is cut (a cut `100%` would read `10…`).
            left = format!(" {}", compact_left_text(app));
        }
        let shown = match &app.notice {
            Some(notice) if str_width(&left) > room => {
                format!(
                    " {}",
                    truncate_start(&sanitize_line(notice), room.saturating_sub(1))
                )
            }
            _ => truncate(&left, room),
        };
        buf.set_string(area.x, area.y, shown, style);
        if !hints.is_empty() {
            let x = area.x + (width - hint_width - 1) as u16;
            buf.set_string(x, area.y, hint_text, style);
        }
    }
}

/// The help's hint (`? help`), when a key opens the help.
fn help_hint(app: &App) -> Option<String> {
    let key = app.keymap.first_key(app.mode(), Action::Help)?;
    Some(format!("{key} {}", Action::Help.hint()))
}

/// `12 of 2,095 articles · newest first · store · list · 42%`, or `reading store… 1,024
/// articles · …`; without the store's name unless `with_store`.
pub fn left_text(app: &App, with_store: bool) -> String {
    left_parts(app, with_store, false)
}

/// The same without the store, the list's order and the unread count, for a narrow
/// screen.
fn compact_left_text(app: &App) -> String {
    left_parts(app, false, true)
}

fn left_parts(app: &App, with_store: bool, compact: bool) -> String {
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
    if let n @ 1.. = app.bookmarks.unsaved.len() {
        let changes = if n == 1 { "change" } else { "changes" };
        parts.push(format!("{n} bookmark {changes} not saved"));
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
    if app.loading.is_none() && app.side == Side::Articles && some_read && !compact {
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
    if app.loading.is_none() && !app.articles.is_empty() && !compact {
        parts.push(app.sort.describe(app.ranked()).to_owned());
    }
    if let Some(notice) = &app.notice {
        parts.push(notice.clone());
    }
    if app.problems > 0 {
        parts.push(format!("{} unreadable", thousands(app.problems)));
    }
    if with_store {
        parts.push(sanitize_line(&app.store_name));
    }
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
