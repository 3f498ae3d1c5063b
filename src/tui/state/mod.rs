//! The reader's whole state and [`App::update`], the pure step from an action to the
//! next state (and maybe an [`Effect`] for the loop to run).

pub mod line_edit;
pub mod list;
mod mouse;
pub mod reader;

use std::sync::Arc;

use super::action::{Action, Effect, Outcome};
use super::cells::str_width;
use super::document::MAX_TEXT_WIDTH;
use super::filter::Filter;
use super::keymap::{Keymap, Mode};
use super::layout::Areas;
use super::ui::help;
use crate::store::Article;
use line_edit::LineEdit;
use list::ListState;
use reader::ReaderState;

/// Which pane has the keyboard when neither the filter bar nor help does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    List,
    Reader,
}

#[derive(Debug, Clone)]
pub struct App {
    /// The store's articles, newest first (shared with the search thread).
    pub articles: Arc<[Article]>,
    /// While the store is being read: how many articles have been found so far.
    pub loading: Option<usize>,
    /// The store, as the status bar names it.
    pub store_name: String,
    /// Files the scan could not read as articles.
    pub problems: usize,
    /// The widest source name in cells, at most [`MAX_SOURCE_WIDTH`]: the list's
    /// source column is never wider.
    pub widest_source: usize,
    pub keymap: Keymap,
    pub focus: Focus,
    pub filter_focused: bool,
    /// The help overlay's scroll position, when it is open.
    pub help: Option<usize>,
    pub input: LineEdit,
    /// The filter the list shows the result of.
    pub filter: Filter,
    /// The filter last asked for (the list shows it once its search answers).
    pub requested: Filter,
    /// Article text is still being searched for `requested`.
    pub searching: bool,
    pub list: ListState,
    pub reader: ReaderState,
    pub areas: Areas,
    /// Something changed since the last frame.
    pub dirty: bool,
}

/// The widest the list's source column gets.
pub const MAX_SOURCE_WIDTH: usize = 24;

impl App {
    pub fn new(articles: Vec<Article>, store_name: String, problems: usize, keymap: Keymap) -> App {
        let list = ListState::new(articles.len());
        App {
            widest_source: widest_source(&articles),
            articles: articles.into(),
            loading: None,
            store_name,
            problems,
            keymap,
            focus: Focus::List,
            filter_focused: false,
            help: None,
            input: LineEdit::default(),
            filter: Filter::default(),
            requested: Filter::default(),
            searching: false,
            list,
            reader: ReaderState::default(),
            areas: Areas::default(),
            dirty: true,
        }
    }

    /// What the keyboard drives now.
    pub fn mode(&self) -> Mode {
        if self.help.is_some() {
            Mode::Help
        } else if self.filter_focused {
            Mode::Filter
        } else if self.focus == Focus::Reader {
            Mode::Reader
        } else {
            Mode::List
        }
    }

    /// Applies `action`; returns the I/O it needs, if any.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        use Action::*;
        self.dirty = true;
        let mode = self.mode();
        match action {
            Quit => return Some(Effect::Quit),
            Suspend => return Some(Effect::Suspend),
            Resize { width, height } => self.relayout_to(width, height),
            Click { column, row } => return self.click(column, row),
            Wheel { column, row, down } => self.wheel(column, row, down),
            Help => self.help = Some(0),
            CloseHelp => self.help = None,
            MoveDown | MoveUp if mode == Mode::Help => {
                self.scroll_help(if action == MoveDown { 1 } else { -1 })
            }
            MoveDown | MoveUp | PageDown | PageUp | HalfPageDown | HalfPageUp | Top | Bottom => {
                self.motion(action)
            }
            Open => return self.open_selected(),
            Back => self.set_focus(Focus::List),
            SwitchFocus => match self.focus {
                Focus::List if self.reader.open.is_none() => return self.open_selected(),
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
                self.filter_focused = true;
                self.input.end();
                if !self.areas.split() {
                    // One pane at a time: show the list the filter acts on.
                    self.set_focus(Focus::List);
                }
            }
            FilterAccept => {
                self.filter_focused = false;
                self.list.select(0);
                self.set_focus(Focus::List);
            }
            FilterLeave => self.filter_focused = false,
            ClearFilter => {
                self.input.clear();
                return self.refilter();
            }
            Insert(c) => {
                self.input.insert(c);
                return self.refilter();
            }
            CursorLeft => self.input.left(),
            CursorRight => self.input.right(),
            CursorStart => self.input.start(),
            CursorEnd => self.input.end(),
            DeleteBack | DeleteForward | DeleteWordBack | DeleteToStart | DeleteToEnd => {
                match action {
                    DeleteBack => self.input.delete_back(),
                    DeleteForward => self.input.delete_forward(),
                    DeleteWordBack => self.input.delete_word_back(),
                    DeleteToStart => self.input.delete_to_start(),
                    _ => self.input.delete_to_end(),
                }
                return self.refilter();
            }
        }
        None
    }

    /// Takes in the result of an effect.
    pub fn finish(&mut self, outcome: Outcome) -> Option<Effect> {
        self.dirty = true;
        match outcome {
            Outcome::Loaded { index, result } => {
                self.list.select_article(index);
                self.set_focus(Focus::Reader);
                self.reader.show(index, result);
            }
            Outcome::Filtered {
                filter,
                matches,
                pending,
            } => {
                if filter != self.requested {
                    return None; // an answer to a filter since changed
                }
                self.filter = filter;
                self.searching = pending;
                self.list.set_visible(matches);
            }
            Outcome::Scanning { found } => self.loading = Some(found),
            Outcome::Scanned { articles, problems } => {
                self.loading = None;
                self.widest_source = widest_source(&articles);
                self.articles = articles.into();
                self.problems = problems;
                self.filter = Filter::default();
                self.list = ListState::new(self.articles.len());
                self.list.set_height(self.areas.list.height as usize);
                if !self.requested.is_empty() {
                    self.searching = true;
                    return Some(Effect::Filter(self.requested.clone()));
                }
            }
            Outcome::Resumed => {}
        }
        None
    }

    /// True while work runs in the background (reading the store, searching text) whose
    /// answers the loop should look out for.
    pub fn busy(&self) -> bool {
        self.loading.is_some() || self.searching
    }

    fn refilter(&mut self) -> Option<Effect> {
        let filter = Filter::parse(self.input.text());
        if filter == self.requested {
            return None;
        }
        self.requested = filter.clone();
        if self.loading.is_some() {
            return None; // searched once the store is read
        }
        self.searching = true;
        Some(Effect::Filter(filter))
    }

    pub(crate) fn open_selected(&mut self) -> Option<Effect> {
        let index = self.list.selected_article()?;
        if self.reader.open_index() == Some(index) {
            self.set_focus(Focus::Reader);
            return None;
        }
        Some(Effect::LoadArticle(index))
    }

    fn motion(&mut self, action: Action) {
        use Action::*;
        let reading = self.focus == Focus::Reader;
        let height = if reading {
            self.reader.height
        } else {
            self.list.height
        };
        let page = height.saturating_sub(1).max(1) as isize;
        let delta = match action {
            MoveDown => 1,
            MoveUp => -1,
            PageDown => page,
            PageUp => -page,
            HalfPageDown => (page / 2).max(1),
            HalfPageUp => -(page / 2).max(1),
            Top => isize::MIN,
            _ => isize::MAX,
        };
        match (reading, delta) {
            (true, isize::MIN) => self.reader.scroll_to(0),
            (true, isize::MAX) => self.reader.scroll_to(usize::MAX),
            (true, delta) => self.reader.scroll_by(delta),
            (false, isize::MIN) => self.list.select(0),
            (false, isize::MAX) => self.list.select(usize::MAX),
            (false, delta) => self.list.move_by(delta),
        }
    }

    pub(crate) fn set_focus(&mut self, focus: Focus) {
        self.focus = focus;
        self.relayout_to(self.areas.screen.width, self.areas.screen.height);
    }

    /// Recomputes the layout for a screen size, and what depends on it.
    fn relayout_to(&mut self, width: u16, height: u16) {
        self.areas = Areas::compute(width, height, self.focus == Focus::Reader, MAX_TEXT_WIDTH);
        self.list.set_height(self.areas.list.height as usize);
        self.reader.resize(
            self.areas.text.width as usize,
            self.areas.text.height as usize,
        );
        self.scroll_help(0);
    }

    pub(crate) fn scroll_help(&mut self, delta: isize) {
        if let Some(scroll) = self.help {
            let max = help::max_scroll(&self.keymap, self.areas.screen);
            self.help = Some(scroll.saturating_add_signed(delta).min(max));
        }
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
