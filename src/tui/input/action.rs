//! What the reader can be asked to do: every [`Action`], with the name the configuration
//! gives it, its hint for the status bar and its line in the help.

macro_rules! actions {
    ($($variant:ident = $name:literal, $hint:literal, $help:literal;)*) => {
        /// Everything the state can be asked to do. The unit variants can be bound to keys
        /// and are named in snake_case ([`Action::name`]) for the configuration file.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            $(#[doc = $help] $variant,)*
            /// Type a character into the filter bar.
            Insert(char),
            /// The terminal has this many columns and rows.
            Resize { width: u16, height: u16 },
            /// A mouse click at a cell.
            Click { column: u16, row: u16 },
            /// The mouse wheel turned over a cell; `down` scrolls towards the end.
            Wheel { column: u16, row: u16, down: bool },
        }

        impl Action {
            /// Every action a key can be bound to, in the order help lists them.
            pub const BINDABLE: &[Action] = &[$(Action::$variant,)*];

            /// The configuration name (`move_down`), or `None` for actions no key names.
            pub fn name(self) -> Option<&'static str> {
                match self {
                    $(Action::$variant => Some($name),)*
                    _ => None,
                }
            }

            /// The action with this configuration name.
            pub fn from_name(name: &str) -> Option<Action> {
                match name {
                    $($name => Some(Action::$variant),)*
                    _ => None,
                }
            }

            /// A word or two for the status bar's key hints.
            pub fn hint(self) -> &'static str {
                match self {
                    $(Action::$variant => $hint,)*
                    _ => "",
                }
            }

            /// One line for the help overlay.
            pub fn help(self) -> &'static str {
                match self {
                    $(Action::$variant => $help,)*
                    _ => "",
                }
            }
        }
    };
}

actions! {
    MoveDown = "move_down", "down", "Move down one line";
    MoveUp = "move_up", "up", "Move up one line";
    PageDown = "page_down", "page", "Move down one page";
    PageUp = "page_up", "page up", "Move up one page";
    HalfPageDown = "half_page_down", "half page", "Move down half a page";
    HalfPageUp = "half_page_up", "half page up", "Move up half a page";
    Top = "top", "top", "Go to the top";
    Bottom = "bottom", "end", "Go to the end";
    Open = "open", "read", "Open the selected article and read it";
    Back = "back", "list", "Return to the list";
    SwitchFocus = "switch_focus", "switch", "Switch focus between list and reader";
    NextArticle = "next_article", "next", "Read the next article";
    PrevArticle = "prev_article", "previous", "Read the previous article";
    NextMatch = "next_match", "next match", "Scroll to the next match";
    PrevMatch = "prev_match", "previous match", "Scroll to the previous match";
    FindInArticle = "find_in_article", "find", "Find in the article as you type";
    FindAccept = "find_accept", "keep", "Keep the words found marked";
    FindCancel = "find_cancel", "end", "Stop finding";
    CycleSort = "cycle_sort", "sort", "Sort: newest, oldest, title, relevance (in turn)";
    FocusFilter = "focus_filter", "filter", "Type a filter (words, \"phrases\", title: date: …)";
    ClearFilter = "clear_filter", "clear filter", "Clear the filter";
    FilterAccept = "filter_accept", "keep", "Keep the filter (and remember it), select the first match";
    FilterLeave = "filter_leave", "leave", "Leave the filter bar";
    HistoryPrev = "history_prev", "history", "The previous query in the history";
    HistoryNext = "history_next", "history", "The next query in the history";
    CursorLeft = "cursor_left", "left", "Move the cursor left";
    CursorRight = "cursor_right", "right", "Move the cursor right";
    CursorStart = "cursor_start", "start", "Move the cursor to the start";
    CursorEnd = "cursor_end", "end", "Move the cursor to the end";
    DeleteBack = "delete_back", "delete", "Delete the character before the cursor";
    DeleteForward = "delete_forward", "delete", "Delete the character under the cursor";
    DeleteWordBack = "delete_word_back", "delete word", "Delete the word before the cursor";
    DeleteToStart = "delete_to_start", "clear", "Delete everything before the cursor";
    DeleteToEnd = "delete_to_end", "kill", "Delete everything after the cursor";
    StartSelection = "start_selection", "select", "Start selecting a passage at the cursor line";
    NextParagraph = "next_paragraph", "paragraph", "Move to the next paragraph";
    PrevParagraph = "prev_paragraph", "paragraph up", "Move to the start of this (or the last) paragraph";
    SaveSelection = "save_selection", "bookmark", "Bookmark the selected passage";
    CancelSelection = "cancel_selection", "cancel", "Stop selecting";
    BookmarkParagraph = "bookmark_paragraph", "bookmark", "Bookmark the paragraph under the cursor";
    NoteAccept = "note_accept", "keep note", "Keep the note (an empty one is no note)";
    NoteCancel = "note_cancel", "skip", "Leave the note as it was";
    ToggleBookmarks = "toggle_bookmarks", "bookmarks", "Show the bookmarks, or the list again";
    OpenBookmark = "open_bookmark", "read", "Read the article at the bookmarked passage";
    EditNote = "edit_note", "note", "Edit the bookmark's note";
    DeleteBookmark = "delete_bookmark", "delete", "Delete the bookmark";
    UndoDelete = "undo_delete", "undo", "Bring back the bookmark last deleted";
    AcceptChanged = "accept_changed", "use new text", "Keep the text now there as a reworded (changed) passage's quote";
    ExportVault = "export_vault", "to vault", "Write the bookmarks as notes, one per article, into the vault folder (the config's `vault`)";
    ToggleRead = "toggle_read", "read/unread", "Mark the article read or unread";
    NextUnread = "next_unread", "next unread", "Move to the next unread article";
    MarkAllRead = "mark_all_read", "all read", "Mark every article in the list read";
    UndoMarkAllRead = "undo_mark_all_read", "undo", "Undo marking the list read";
    EditArticle = "edit_article", "edit", "Open the article's file in $VISUAL or $EDITOR, at the cursor line";
    OpenUrl = "open_url", "browser", "Open the article's web address in $BROWSER (or the system's opener)";
    CopyPassage = "copy_passage", "copy", "Copy the selection, else the paragraph, to the clipboard (OSC 52)";
    CopyQuote = "copy_quote", "copy quote", "Copy the selection or paragraph as a Markdown quote with its citation";
    Help = "help", "help", "Show the keys";
    CloseHelp = "close_help", "close", "Close the help";
    Quit = "quit", "quit", "Quit";
    Suspend = "suspend", "suspend", "Suspend to the shell (fg resumes)";
}
