//! The list pane's state: which articles are shown, which is selected, and the first
//! row in view.

/// Shown articles (indexes into the store's list), the selection and the scroll offset.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListState {
    pub visible: Vec<usize>,
    /// Position of the selection in `visible`.
    pub selected: usize,
    /// Position in `visible` of the first row in view.
    pub offset: usize,
    /// Rows in view.
    pub height: usize,
}

impl ListState {
    pub fn new(count: usize) -> ListState {
        ListState {
            visible: (0..count).collect(),
            ..ListState::default()
        }
    }

    /// The index of the selected article, if any article is shown.
    pub fn selected_article(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }

    /// Selects the row at `position` (clamped) and scrolls it into view.
    pub fn select(&mut self, position: usize) {
        self.selected = position.min(self.visible.len().saturating_sub(1));
        self.keep_in_view();
    }

    /// Moves the selection by `delta` rows.
    pub fn move_by(&mut self, delta: isize) {
        self.select(self.selected.saturating_add_signed(delta));
    }

    /// Selects the row showing article `index`, when it is shown.
    pub fn select_article(&mut self, index: usize) {
        if let Some(position) = self.visible.iter().position(|&i| i == index) {
            self.select(position);
        }
    }

    /// Scrolls the view by `delta` rows, dragging the selection along when it leaves.
    pub fn scroll_view(&mut self, delta: isize) {
        let max = self.visible.len().saturating_sub(self.height);
        self.offset = self.offset.saturating_add_signed(delta).min(max);
        let last = (self.offset + self.height).saturating_sub(1);
        self.selected = self.selected.clamp(self.offset, last.max(self.offset));
        self.select(self.selected);
    }

    pub fn set_height(&mut self, height: usize) {
        self.height = height;
        self.keep_in_view();
    }

    /// Shows `visible` (indexes, in the order shown), keeping the selected article selected when it
    /// is still shown, else selecting the first.
    pub fn set_visible(&mut self, visible: Vec<usize>) {
        let keep = self.selected_article();
        self.visible = visible;
        let position = keep
            .and_then(|a| self.visible.iter().position(|&i| i == a))
            .unwrap_or(0);
        self.offset = self.offset.min(position);
        self.select(position);
    }

    fn keep_in_view(&mut self) {
        if self.height == 0 {
            return;
        }
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + self.height {
            self.offset = self.selected + 1 - self.height;
        }
        self.offset = self
            .offset
            .min(self.visible.len().saturating_sub(self.height));
    }
}
