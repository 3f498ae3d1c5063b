//! The one-line prompt for a bookmark's note, and what it opened with.

use crate::tui::state::line_edit::LineEdit;

/// The one-line prompt for a bookmark's note.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NotePrompt {
    /// The bookmark the note is for.
    pub id: String,
    pub input: LineEdit,
    /// What the prompt opened with: Enter on it unchanged changes nothing.
    pub initial: String,
}

impl NotePrompt {
    /// The prompt for bookmark `id`, holding its `note` (shown on one line).
    pub fn new(id: &str, note: Option<&str>) -> NotePrompt {
        let initial = crate::sanitize::sanitize_line(note.unwrap_or(""));
        let mut input = LineEdit::default();
        input.set(&initial);
        NotePrompt {
            id: id.to_owned(),
            input,
            initial,
        }
    }
}
