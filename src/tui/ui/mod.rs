//! Drawing: one frame from the state, changing nothing in it.

pub mod bookmarks;
pub mod filter_bar;
pub mod help;
pub mod line_edit;
pub mod list;
pub mod prompt;
pub mod reader;
pub mod status;
pub mod timeline;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;

use crate::tui::state::{App, Side};

/// Draws the whole screen for `app`.
pub fn draw(frame: &mut Frame<'_>, app: &App) {
    #[cfg(debug_assertions)]
    panic_when_asked(app);
    frame.render_widget(Screen(app), frame.area());
    if let Some(position) = prompt::cursor(app).or_else(|| filter_bar::cursor(app)) {
        frame.set_cursor_position(position);
    }
}

/// The whole screen as one widget.
pub struct Screen<'a>(pub &'a App);

impl Widget for Screen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.0;
        let areas = &app.areas;
        if areas.too_small || areas.screen != area {
            too_small(area, buf);
            return;
        }
        if app.filter.error.is_none() {
            timeline::TimelineView(app).render(areas.timeline, buf);
        }
        filter_bar::FilterBarView(app).render(filter_bar::area(app), buf);
        match app.side {
            Side::Articles => list::ListView(app).render(areas.list, buf),
            Side::Bookmarks => bookmarks::BookmarksView(app).render(areas.list, buf),
        }
        if !areas.separator.is_empty() {
            let style = Style::new().add_modifier(Modifier::DIM);
            for y in areas.separator.top()..areas.separator.bottom() {
                buf.set_string(areas.separator.x, y, "│", style);
            }
        }
        reader::ReaderView(app).render(areas.reader, buf);
        if app.prompt.is_some() || app.find.as_ref().is_some_and(|f| f.editing) {
            prompt::PromptView(app).render(areas.status, buf);
        } else {
            status::StatusBar(app).render(areas.status, buf);
        }
        if app.help.is_some() {
            help::HelpView(app).render(area, buf);
        }
    }
}

fn too_small(area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let note = ["terminal too small", "too small", "small"]
        .into_iter()
        .find(|n| n.len() <= area.width as usize)
        .unwrap_or("");
    let x = area.x + (area.width - note.len() as u16) / 2;
    buf.set_string(x, area.y + area.height / 2, note, Style::new());
}

/// In a debug build, `FOLIO_PANIC_IN_DRAW` set makes drawing panic once the reader is
/// open on an article: how the tests check that a panic gives the terminal back.
#[cfg(debug_assertions)]
fn panic_when_asked(app: &App) {
    static ASKED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    let asked = *ASKED.get_or_init(|| std::env::var_os("FOLIO_PANIC_IN_DRAW").is_some());
    if asked && app.reader.document().is_some() && !app.reader.previewing() {
        panic!("asked to panic in draw (FOLIO_PANIC_IN_DRAW)");
    }
}
