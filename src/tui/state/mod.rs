//! The reader's whole state and [`App::update`], the pure step from an action to the
//! next state (and maybe an [`Effect`] for the effects' runner to carry out), with
//! [`App::finish`] (in `outcome.rs`), which takes in an effect's outcome. `App` is made
//! of parts, each in a file of its own with its own methods: the [`FilterBar`], the list
//! ([`ListState`]), the reader ([`ReaderState`]), the [`BookmarksPane`] and the reading
//! state ([`Positions`]); the files beside them hold the steps that span parts
//! (bookmarking, filtering, finding, the preview, moving about, the mouse).

pub mod bookmarking;
pub mod bookmarks_pane;
pub mod filter_bar;
mod filtering;
pub mod find;
mod handoff;
pub mod history;
pub mod layout;
pub mod line_edit;
pub mod list;
mod mouse;
pub mod note_prompt;
mod outcome;
mod preview;
pub mod reader;
pub mod reading;
mod reworded;
pub mod scroll;
mod session;
mod store_change;
pub mod timeline;
mod unread;
mod vault_export;
mod view;

use std::collections::HashMap;
use std::sync::Arc;

use crate::marks::Marks;
use crate::search::order::Sort;
use crate::store::{Article, Location};
use crate::tui::cells::str_width;
use crate::tui::effects::messages::{Effect, Session};
use crate::tui::input::action::Action;
use crate::tui::input::keymap::{Keymap, Mode};
use crate::tui::settings::Settings;
use bookmarks_pane::BookmarksPane;
use filter_bar::{FilterBar, OnAnswer};
use find::Find;
use layout::Areas;
use list::ListState;
use note_prompt::NotePrompt;
use reader::ReaderState;
use reading::Positions;
use timeline::Timeline;

/// Which pane has the keyboard when neither the filter bar nor help does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    List,
    Reader,
}

/// What the left pane shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Side {
    #[default]
    Articles,
    Bookmarks,
}

/// The reader's state, touching no terminal and no file. Only the state's own files
/// change its fields; everything else reads them, and changes them by an action or an
/// outcome.
#[derive(Debug, Clone)]
pub struct App {
    /// The store's articles, newest first (shared with the search thread).
    pub articles: Arc<[Article]>,
    /// While the store is being read: how many articles have been found so far.
    pub loading: Option<usize>,
    /// While the index is brought up to date: files read and files to read.
    pub indexing: Option<(usize, usize)>,
    /// The store, as the status bar names it.
    pub store_name: String,
    /// Files the scan could not read as articles.
    pub problems: usize,
    /// The widest source name in cells, at most [`MAX_SOURCE_WIDTH`]: the list's
    /// source column is never wider.
    pub widest_source: usize,
    pub keymap: Keymap,
    /// The theme, widths, date format and first order ([`App::configure`] sets them).
    pub settings: Arc<Settings>,
    pub focus: Focus,
    /// The help overlay's scroll position, when it is open.
    pub help: Option<usize>,
    /// The filter bar: what is typed, asked for and answered.
    pub filter: FilterBar,
    pub sort: Sort,
    /// Each article's place in title order, once sorting by title has needed it.
    pub title_ranks: Option<Arc<[u32]>>,
    /// How the matches spread over time.
    pub timeline: Timeline,
    /// Each article's month, for the timeline ([`timeline::months`]).
    months: Vec<i32>,
    /// Which articles are bookmarked and which have been read (shared with the search
    /// thread, replaced whole when either changes).
    pub marks: Arc<Marks>,
    /// Whether each article (by its index) is marked read: the read marks, looked up
    /// once when they change, so that counting a list's unread articles hashes no path.
    read_flags: Vec<bool>,
    /// A one-off message for the status bar (such as "match 3 of 12").
    pub notice: Option<String>,
    pub list: ListState,
    pub reader: ReaderState,
    /// What the left pane shows: the articles or the bookmarks.
    pub side: Side,
    pub bookmarks: BookmarksPane,
    /// The note prompt, while it is open.
    pub prompt: Option<NotePrompt>,
    /// What is being found in the open article, while finding.
    pub find: Option<Find>,
    /// Where each article was left.
    pub reading: Positions,
    /// A bookmark whose passage to show once its article is loaded.
    pub passage_to_show: Option<String>,
    /// The last run's session, until the list holds its article (or a key takes over).
    pub resume: Option<Session>,
    /// Where the view and the cursor were (the top line, the cursor's place in the
    /// text), for the article read again after the editor.
    pub keep_view: Option<(usize, Option<usize>)>,
    /// Each article's index by location, once needed.
    places: Option<HashMap<Location, usize>>,
    pub areas: Areas,
    /// Something changed since the last frame.
    pub dirty: bool,
}

/// The widest the list's source column gets.
pub const MAX_SOURCE_WIDTH: usize = 24;

impl App {
    pub fn new(articles: Vec<Article>, store_name: String, problems: usize, keymap: Keymap) -> App {
        let article_count = articles.len();
        let list = ListState::new(articles.len());
        let filter = FilterBar::new(articles.len());
        let months = timeline::months(&articles);
        let timeline = Timeline::of(&months, 0..articles.len());
        App {
            widest_source: widest_source(&articles),
            articles: articles.into(),
            loading: None,
            indexing: None,
            store_name,
            problems,
            keymap,
            settings: Arc::default(),
            focus: Focus::List,
            help: None,
            filter,
            sort: Sort::Date,
            title_ranks: None,
            timeline,
            months,
            marks: Arc::default(),
            read_flags: vec![false; article_count],
            notice: None,
            list,
            reader: ReaderState::default(),
            side: Side::Articles,
            bookmarks: BookmarksPane::default(),
            prompt: None,
            find: None,
            reading: Positions::default(),
            passage_to_show: None,
            resume: None,
            keep_view: None,
            places: None,
            areas: Areas::default(),
            dirty: true,
        }
    }

    /// Takes the user's settings: the reader lays articles out with them, the list starts
    /// in their order.
    pub fn configure(&mut self, settings: Settings) {
        self.sort = settings.sort;
        self.settings = Arc::new(settings);
        self.reader.configure(Arc::clone(&self.settings));
        self.reorder();
        self.relayout_to(self.areas.screen.width, self.areas.screen.height);
    }

    /// What the keyboard drives now.
    pub fn mode(&self) -> Mode {
        if self.help.is_some() {
            Mode::Help
        } else if self.prompt.is_some() {
            Mode::Note
        } else if self.find.as_ref().is_some_and(|f| f.editing) {
            Mode::Find
        } else if self.filter.focused {
            Mode::Filter
        } else if self.focus == Focus::Reader {
            if self.reader.selecting.is_some() {
                Mode::Select
            } else {
                Mode::Reader
            }
        } else if self.side == Side::Bookmarks {
            Mode::Bookmarks
        } else {
            Mode::List
        }
    }

    /// Applies `action`; returns the I/O it needs, if any.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        use Action::*;
        self.dirty = true;
        let mode = self.mode();
        if !matches!(action, Resize { .. }) {
            self.notice = None;
            self.resume = None; // the user takes over from the last run's session
        }
        match action {
            Quit => return Some(Effect::Quit),
            Suspend => return Some(Effect::Suspend),
            EditArticle => return self.edit_article(),
            OpenUrl => return self.open_url(),
            CopyPassage | CopyQuote => return self.copy_passage(action == CopyQuote),
            Resize { width, height } => self.relayout_to(width, height),
            Click { column, row } => return self.click(column, row),
            Wheel { column, row, down } => self.wheel(column, row, down),
            Help => self.help = Some(0),
            CloseHelp => self.help = None,
            MoveDown | MoveUp | PageDown | PageUp | HalfPageDown | HalfPageUp | Top | Bottom
                if mode == Mode::Help =>
            {
                self.scroll_help_by(action)
            }
            MoveDown | MoveUp | PageDown | PageUp | HalfPageDown | HalfPageUp | Top | Bottom => {
                self.motion(action)
            }
            Open => return self.open_selected(),
            Back if self.find.is_some() => self.end_find(),
            Back => self.set_focus(Focus::List),
            FindInArticle => self.start_find(),
            FindAccept => self.accept_find(),
            FindCancel => self.end_find(),
            SwitchFocus => match self.focus {
                Focus::List if self.reader.open.is_none() && self.side == Side::Bookmarks => {
                    return self.open_bookmark();
                }
                // The reader shows the article under the cursor, opening it if it does not.
                Focus::List
                    if self.side == Side::Articles
                        && self.list.selected_article().is_some()
                        && (self.reader.previewing()
                            || self.reader.open_index() != self.list.selected_article()) =>
                {
                    return self.open_selected();
                }
                Focus::List => self.set_focus(Focus::Reader),
                Focus::Reader => self.set_focus(Focus::List),
            },
            NextArticle | PrevArticle => {
                let before = self.list.selected_article();
                self.list
                    .move_by(if action == NextArticle { 1 } else { -1 });
                let after = self.list.selected_article();
                if after != before {
                    return after.map(Effect::LoadArticle);
                }
            }
            FocusFilter => {
                self.filter.focused = true;
                self.filter.input.end();
                if !self.areas.split() {
                    // One pane at a time: show the list the filter acts on.
                    self.set_focus(Focus::List);
                }
            }
            FilterAccept => {
                self.filter.focused = false;
                if self.filter.has_whole_answer() {
                    self.list.select(0);
                } else {
                    // Selected once the answer to the text typed comes.
                    self.filter.on_answer = Some(OnAnswer::SelectFirst);
                }
                self.set_focus(Focus::List);
                if self.filter.history.record(self.filter.input.text()) {
                    return Some(Effect::SaveHistory(self.filter.history.entries().to_vec()));
                }
            }
            FilterLeave => self.filter.focused = false,
            HistoryPrev | HistoryNext => {
                let entry = if action == HistoryPrev {
                    self.filter.history.back(self.filter.input.text())
                } else {
                    self.filter.history.forward()
                };
                if let Some(entry) = entry {
                    self.filter.input.set(entry);
                    return self.ask_search();
                }
            }
            NextMatch | PrevMatch => self.go_to_match(action == NextMatch),
            CycleSort => {
                self.sort = self.sort.next();
                self.reorder();
            }
            ClearFilter => {
                self.filter.input.clear();
                self.filter.history.stop();
                return self.ask_search();
            }
            Insert(c) if mode == Mode::Note => self.line_edit().insert(c),
            Insert(c) if mode == Mode::Find => {
                self.line_edit().insert(c);
                self.refind();
            }
            Insert(c) => {
                self.filter.input.insert(c);
                self.filter.history.stop();
                return self.ask_search();
            }
            CursorLeft => self.line_edit().left(),
            CursorRight => self.line_edit().right(),
            CursorStart => self.line_edit().start(),
            CursorEnd => self.line_edit().end(),
            DeleteBack | DeleteForward | DeleteWordBack | DeleteToStart | DeleteToEnd => {
                let input = self.line_edit();
                match action {
                    DeleteBack => input.delete_back(),
                    DeleteForward => input.delete_forward(),
                    DeleteWordBack => input.delete_word_back(),
                    DeleteToStart => input.delete_to_start(),
                    _ => input.delete_to_end(),
                }
                if mode == Mode::Find {
                    self.refind();
                }
                if mode == Mode::Filter {
                    self.filter.history.stop();
                    return self.ask_search();
                }
            }
            StartSelection => {
                if self.reader.document().is_some() {
                    self.reader.start_selection();
                }
            }
            CancelSelection => self.reader.selecting = None,
            NextParagraph | PrevParagraph => self.reader.move_paragraph(action == NextParagraph),
            SaveSelection => return self.save_selection(),
            BookmarkParagraph => return self.bookmark_paragraph(),
            NoteAccept => return self.accept_note(),
            NoteCancel => self.prompt = None,
            ToggleBookmarks => return self.toggle_bookmarks(),
            OpenBookmark => return self.open_bookmark(),
            EditNote => self.edit_note(),
            DeleteBookmark => return self.delete_bookmark(),
            UndoDelete => return self.undo_delete(),
            AcceptChanged => return self.accept_changed(),
            ExportVault => return self.export_vault(),
            ToggleRead => return self.toggle_read(),
            NextUnread => self.next_unread(),
            MarkAllRead => return self.mark_all_read(),
            UndoMarkAllRead => return self.undo_mark_all_read(),
        }
        None
    }

    /// The frame has been drawn: nothing to draw until something changes.
    pub fn drawn(&mut self) {
        self.dirty = false;
    }

    /// True while work runs in the background (reading the store, searching text) whose
    /// answers the loop should look out for.
    pub fn busy(&self) -> bool {
        self.loading.is_some()
            || self.filter.searching
            || self.reader.pending_preview.is_some()
            || self.bookmarks.looking
    }
}

/// The widest source name among `articles`, in cells, capped at [`MAX_SOURCE_WIDTH`].
fn widest_source(articles: &[Article]) -> usize {
    articles
        .iter()
        .filter_map(|a| a.source.as_deref())
        .map(|s| str_width(s).min(MAX_SOURCE_WIDTH))
        .max()
        .unwrap_or(0)
}
