//! The list pane's state: which articles are shown, in what order, and the scroll
//! window over them.

use crate::tui::state::scroll::ScrollWindow;

/// Shown articles (indexes into the store's list) and the window over them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListState {
    pub visible: Vec<usize>,
    /// The selection (a position in `visible`) and the rows in view.
    pub window: ScrollWindow,
    /// How many of `visible` are unread.
    pub unread: usize,
}

impl ListState {
    pub fn new(count: usize) -> ListState {
        ListState {
            visible: (0..count).collect(),
            unread: count,
            ..ListState::default()
        }
    }

    /// The index of the selected article, if any article is shown.
    pub fn selected_article(&self) -> Option<usize> {
        self.visible.get(self.window.selected).copied()
    }

    /// Selects the row at `position` (clamped) and scrolls it into view.
    pub fn select(&mut self, position: usize) {
        self.window.select(position, self.visible.len());
    }

    /// Moves the selection by `delta` rows.
    pub fn move_by(&mut self, delta: isize) {
        self.window.move_by(delta, self.visible.len());
    }

    /// Selects the row showing article `index`, when it is shown.
    pub fn select_article(&mut self, index: usize) {
        if let Some(position) = self.visible.iter().position(|&i| i == index) {
            self.select(position);
        }
    }

    /// Scrolls the view by `delta` rows, dragging the selection along when it leaves.
    pub fn scroll_view(&mut self, delta: isize) {
        self.window.scroll_view(delta, self.visible.len());
    }

    pub fn set_height(&mut self, height: usize) {
        self.window.set_height(height, self.visible.len());
    }

    /// Shows `visible` (indexes, in the order shown), keeping the selected article selected when it
    /// is still shown, else selecting the first.
    pub fn set_visible(&mut self, visible: Vec<usize>) {
        let keep = self.selected_article();
        self.visible = visible;
        let position = keep
            .and_then(|a| self.visible.iter().position(|&i| i == a))
            .unwrap_or(0);
        self.window.show_from_at_most(position);
        self.select(position);
    }
}
