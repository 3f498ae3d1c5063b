//! The scroll window shared by the list and the bookmarks pane: which row of a list is
//! selected, the first row in view, and how many rows are in view, the selection always
//! kept in view.

/// A selection and the rows in view over a list of `len` rows (the list is its owner's;
/// each method is told its length).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScrollWindow {
    /// The selected row.
    pub selected: usize,
    /// The first row in view.
    pub offset: usize,
    /// Rows in view (0 until the screen's size is known).
    pub height: usize,
}

impl ScrollWindow {
    /// Selects row `position` (clamped to the list) and scrolls it into view.
    pub fn select(&mut self, position: usize, len: usize) {
        self.selected = position.min(len.saturating_sub(1));
        self.keep_in_view(len);
    }

    /// Moves the selection by `delta` rows.
    pub fn move_by(&mut self, delta: isize, len: usize) {
        self.select(self.selected.saturating_add_signed(delta), len);
    }

    /// Shows `height` rows.
    pub fn set_height(&mut self, height: usize, len: usize) {
        self.height = height;
        self.keep_in_view(len);
    }

    /// Scrolls the view by `delta` rows, dragging the selection along when it leaves.
    pub fn scroll_view(&mut self, delta: isize, len: usize) {
        let max = len.saturating_sub(self.height);
        self.offset = self.offset.saturating_add_signed(delta).min(max);
        let last = (self.offset + self.height).saturating_sub(1);
        self.selected = self.selected.clamp(self.offset, last.max(self.offset));
        self.select(self.selected, len);
    }

    /// Keeps the view from starting after `position` (the view's top follows a list
    /// that changed under it).
    pub fn show_from_at_most(&mut self, position: usize) {
        self.offset = self.offset.min(position);
    }

    fn keep_in_view(&mut self, len: usize) {
        if self.height == 0 {
            return;
        }
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + self.height {
            self.offset = self.selected + 1 - self.height;
        }
        self.offset = self.offset.min(len.saturating_sub(self.height));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_selection_stays_in_view_and_the_view_in_the_list() {
        let mut window = ScrollWindow::default();
        window.set_height(4, 10);
        window.select(7, 10);
        assert_eq!((window.selected, window.offset), (7, 4));
        window.move_by(-6, 10);
        assert_eq!((window.selected, window.offset), (1, 1));
        window.select(usize::MAX, 10);
        assert_eq!((window.selected, window.offset), (9, 6));
        window.scroll_view(-5, 10);
        assert_eq!((window.selected, window.offset), (4, 1));
        window.set_height(20, 10);
        assert_eq!(
            window.offset, 0,
            "a list shorter than the view shows from its top"
        );
        window.select(3, 0);
        assert_eq!((window.selected, window.offset), (0, 0), "an empty list");
    }
}
