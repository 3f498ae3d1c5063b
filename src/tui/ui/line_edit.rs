//! A line being edited (the filter bar's query, a bookmark's note) as cells on screen:
//! the graphemes that fit, scrolled so the cursor shows.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::sanitize::sanitize;
use crate::tui::cells::grapheme;
use crate::tui::state::line_edit::LineEdit;

/// One grapheme as drawn, its width in cells, and whether it lies in the marked range.
pub type Cell = (String, usize, bool);

/// The graphemes of `input` that fit in `room` cells with the cursor in view (each with
/// its width and whether it starts inside `marked`, a byte range), and the cursor's
/// column among them.
pub fn visible(input: &LineEdit, room: usize, marked: &Range<usize>) -> (Vec<Cell>, usize) {
    let text = input.text();
    let cells = |from: usize, part: &str| -> Vec<Cell> {
        part.grapheme_indices(true)
            .map(|(i, g)| {
                let clean = sanitize(g);
                let (shown, width) = grapheme(&clean);
                (shown.into_owned(), width, marked.contains(&(from + i)))
            })
            .collect()
    };
    let cursor = input.cursor();
    let mut shown = cells(0, &text[..cursor]);
    let mut width: usize = shown.iter().map(|c| c.1).sum();
    let mut skip = 0;
    while width >= room && skip < shown.len() {
        width -= shown[skip].1;
        skip += 1;
    }
    shown.drain(..skip);
    let column = width;
    let mut used = width;
    for cell in cells(cursor, &text[cursor..]) {
        used += cell.1;
        if used > room {
            break;
        }
        shown.push(cell);
    }
    (shown, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(text: &str) -> LineEdit {
        let mut input = LineEdit::default();
        input.set(text);
        input
    }

    #[test]
    fn the_cursor_stays_in_view_and_wide_graphemes_take_two_cells() {
        let input = edit("駅のメモ and more");
        let (shown, column) = visible(&input, 8, &(0..0));
        let text: String = shown.iter().map(|c| c.0.as_str()).collect();
        // Scrolled so the cursor, at the end, has a cell of its own.
        assert_eq!((text.as_str(), column), ("nd more", 7));
        let mut input = edit("駅のメモ and more");
        input.start();
        let (shown, column) = visible(&input, 8, &(0..0));
        let text: String = shown.iter().map(|c| c.0.as_str()).collect();
        assert_eq!((text.as_str(), column), ("駅のメモ", 0));
    }

    #[test]
    fn the_marked_range_is_told_apart() {
        let input = edit("river date:2024-13");
        let (shown, _) = visible(&input, 40, &(6..18));
        let marked: String = shown.iter().filter(|c| c.2).map(|c| c.0.as_str()).collect();
        assert_eq!(marked, "date:2024-13");
    }
}
