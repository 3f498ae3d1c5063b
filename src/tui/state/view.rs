//! Moving about: the motion keys in whichever pane has the keyboard, which pane that
//! is, the layout for a screen size (and the sizes of the parts that follow it), the
//! help's scroll, and the line being edited.

use crate::tui::effects::messages::Effect;
use crate::tui::input::action::Action;
use crate::tui::input::help;
use crate::tui::state::filter_bar::OnAnswer;
use crate::tui::state::layout::{self, Areas, ListShare};
use crate::tui::state::line_edit::LineEdit;
use crate::tui::state::{App, Focus, Side};

impl App {
    pub(crate) fn open_selected(&mut self) -> Option<Effect> {
        if self.filter.on_answer.is_some() {
            // Enter right after Enter in the bar: the answer to the text typed opens.
            self.filter.on_answer = Some(OnAnswer::OpenFirst);
            return None;
        }
        let index = self.list.selected_article()?;
        if self.reader.open_index() == Some(index) {
            if self.reader.previewing() {
                return self.open_preview();
            }
            self.set_focus(Focus::Reader);
            return None;
        }
        Some(Effect::LoadArticle(index))
    }

    /// The help's scroll moved by a motion key.
    pub(super) fn scroll_help_by(&mut self, action: Action) {
        // The rows inside the overlay's border, less one kept from the last page.
        let rows = layout::help_area(self.areas.screen)
            .height
            .saturating_sub(3);
        self.scroll_help(motion_delta(action, rows as usize));
    }

    pub(super) fn motion(&mut self, action: Action) {
        // Moving chooses: what an earlier Enter asked of the coming answer is dropped.
        self.filter.on_answer = None;
        let reading = self.focus == Focus::Reader;
        let marking = !reading && self.side == Side::Bookmarks;
        let height = if reading {
            self.reader.height
        } else if marking {
            self.bookmarks.window.height
        } else {
            self.list.window.height
        };
        let delta = motion_delta(action, height.saturating_sub(1));
        if marking {
            match delta {
                isize::MIN => self.bookmarks.select(0),
                isize::MAX => self.bookmarks.select(usize::MAX),
                delta => self.bookmarks.move_by(delta),
            }
            return;
        }
        match (reading, delta) {
            (true, isize::MIN) => self.reader.cursor_to(0),
            (true, isize::MAX) => self.reader.cursor_to(usize::MAX),
            (true, 1 | -1) => self.reader.move_cursor(delta),
            (true, delta) => self.reader.scroll_by(delta),
            (false, isize::MIN) => self.list.select(0),
            (false, isize::MAX) => self.list.select(usize::MAX),
            (false, delta) => self.list.move_by(delta),
        }
    }

    /// The line being edited: the note prompt's when it is open, else the find prompt's,
    /// else the filter bar's.
    pub(super) fn line_edit(&mut self) -> &mut LineEdit {
        match (&mut self.prompt, &mut self.find) {
            (Some(prompt), _) => &mut prompt.input,
            (None, Some(find)) if find.editing => &mut find.input,
            _ => &mut self.filter.input,
        }
    }

    pub(crate) fn set_focus(&mut self, focus: Focus) {
        self.focus = focus;
        self.relayout_to(self.areas.screen.width, self.areas.screen.height);
    }

    /// Recomputes the layout for a screen size, and what depends on it.
    pub(super) fn relayout_to(&mut self, width: u16, height: u16) {
        let share = match self.settings.list_width {
            Some(percent) => ListShare::Percent(percent),
            None => ListShare::Titles(self.settings.list_row_needs()),
        };
        let reading = self.focus == Focus::Reader;
        let text_width = self.settings.reading_width;
        self.areas = Areas::compute(width, height, reading, text_width, share);
        self.list.set_height(self.areas.list.height as usize);
        self.bookmarks.set_height(self.areas.list.height as usize);
        self.reader.resize(
            self.areas.text.width as usize,
            self.areas.text.height as usize,
        );
        self.scroll_help(0);
    }

    pub(crate) fn scroll_help(&mut self, delta: isize) {
        if let Some(scroll) = self.help {
            // The rows the overlay shows inside its border.
            let area = layout::help_area(self.areas.screen);
            let rows = area.height.saturating_sub(2) as usize;
            let lines = help::lines(&self.keymap, help::text_width(area)).len();
            let max = lines.saturating_sub(rows);
            self.help = Some(scroll.saturating_add_signed(delta).min(max));
        }
    }
}

/// How far a motion key moves, with pages of `page` rows (at least one): a signed count
/// of rows, `isize::MIN` for the top and `isize::MAX` for the end.
fn motion_delta(action: Action, page: usize) -> isize {
    let page = page.max(1) as isize;
    match action {
        Action::MoveDown => 1,
        Action::MoveUp => -1,
        Action::PageDown => page,
        Action::PageUp => -page,
        Action::HalfPageDown => (page / 2).max(1),
        Action::HalfPageUp => -(page / 2).max(1),
        Action::Top => isize::MIN,
        _ => isize::MAX,
    }
}
