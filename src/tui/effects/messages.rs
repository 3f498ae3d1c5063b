//! The messages between the state and the work it asks for: the I/O an action asks the
//! loop to run ([`Effect`]) and what comes back from it or from background work
//! ([`Outcome`]).

use std::path::PathBuf;
use std::sync::Arc;

use crate::bookmarks::Bookmark;
use crate::bookmarks::anchor::Selector;
use crate::query::Query;
use crate::search::memory::Scored;
use crate::store::changed::Update;
use crate::store::{Article, Document, Location};

/// I/O the state asks the [`Runner`](crate::tui::effects::runner::Runner) for, so that
/// the state's `update` stays pure.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Read the article at this index of the store's list in full, to open it.
    LoadArticle(usize),
    /// Read the article at this index for the reader's preview, off the loop.
    Preview(usize),
    /// Find the articles that match.
    Search(Query),
    /// Keep these queries as the history (oldest first).
    SaveHistory(Vec<String>),
    /// Keep where this run left off, for the next to start there.
    SaveSession(Session),
    /// Make these changes to the bookmarks file, in order: every change not yet saved.
    SaveBookmarks(Vec<BookmarkChange>),
    /// Keep that these articles were read, and where.
    SaveReading(Vec<ReadingChange>),
    /// Look for each bookmark's passage in its article's current text.
    FindPassages(Vec<Bookmark>),
    /// Write the bookmarks as notes, one per article, into this vault folder.
    ExportVault(PathBuf, Vec<Bookmark>),
    /// Hand the article, its web address or a passage to a program outside folio.
    HandOff(HandOff),
    /// Restore the terminal, stop until `fg`, and take the terminal back.
    Suspend,
    /// Leave the loop.
    Quit,
    /// These effects, one after the other (each outcome taken in before the next).
    Several(Vec<Effect>),
}

/// What goes to a program outside folio. Each needs the terminal (an editor takes it
/// over; the clipboard is reached through it), so the loop carries it out.
#[derive(Debug, Clone, PartialEq)]
pub enum HandOff {
    /// Open the file at `path` in the user's editor, at the line of the file that shows
    /// the words at byte `at` of `text` (the article's text as read), if any; then read
    /// article `index` again.
    Edit {
        index: usize,
        path: PathBuf,
        text: String,
        at: Option<usize>,
    },
    /// Open this web address in the user's browser.
    Browse(String),
    /// Put `text` on the clipboard (OSC 52), then say `done`.
    Copy { text: String, done: String },
}

/// The result of an [`Effect`], fed back to the state.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The article at `index`, or why it could not be read (sanitised).
    Loaded {
        index: usize,
        result: Result<Document, String>,
    },
    /// The same, read for the preview.
    Previewed {
        index: usize,
        result: Result<Document, String>,
    },
    /// The indexes of the articles that match `query`, in list order, with their scores;
    /// `pending` while article text is still being searched (more may follow).
    Searched {
        query: Query,
        matches: Scored,
        pending: bool,
    },
    /// The store is being read: this many articles found so far.
    Scanning { found: usize },
    /// The store has been read: its articles, newest first, and how many files were not
    /// articles.
    Scanned {
        articles: Arc<[Article]>,
        problems: usize,
    },
    /// Each scanned article's place in title order, worked out after the scan.
    TitleRanks(Arc<[u32]>),
    /// The index is being brought up to date: `done` of `total` files read.
    Indexing { done: usize, total: usize },
    /// The index is up to date (or could not be used): searches go through it from now.
    Indexed,
    /// The vault was written: what was written, or why it could not be.
    VaultWritten(Result<String, String>),
    /// How many files of the store are not articles, as the index found them (after a
    /// list read from the index, which cannot say).
    Problems(usize),
    /// Files of the store changed while folio runs: these articles are new or read
    /// anew, and these files and folders are gone.
    StoreChanged(Update),
    /// The store cannot be watched (and why): it is checked now and then instead.
    WatchFailed(String),
    /// The terminal was given back after a suspend.
    Resumed,
    /// The terminal was given back after a hand-off: what happened (said in the status
    /// line), and the article to read again (an editor may have changed it).
    HandedBack {
        result: Result<String, String>,
        reread: Option<usize>,
    },
    /// The bookmarks as the file holds them after a change (other folio windows' and
    /// scripts' changes included), or why the changes could not be written.
    Bookmarks(Result<Vec<Bookmark>, NotSaved>),
    /// The reading state could not be written, and why.
    ReadingNotKept(String),
    /// The reading state as the file holds it at start, or why it cannot be read.
    ReadingLoaded(Result<ReadState, String>),
    /// Where the bookmarks' passages stand: the ids of those no longer in their article,
    /// and of those reworded, each with the selector of the text now there.
    Passages {
        gone: Vec<String>,
        changed: Vec<(String, Selector)>,
    },
    /// The query history as kept, oldest first, read at start.
    HistoryRead(Vec<String>),
    /// Where the last run in this store left off, read at start.
    SessionRead(Option<Session>),
    /// The bookmarks as the file holds them at start, or why it cannot be read.
    BookmarksRead(Result<Vec<Bookmark>, String>),
}

/// Where a run left off: the filter typed, the article selected (as folio's files name
/// it, [`Location::to_path`]) and whether the reader was open on it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Session {
    pub query: String,
    pub article: Option<PathBuf>,
    pub reading: bool,
}

/// One change to the bookmarks file.
#[derive(Debug, Clone, PartialEq)]
pub enum BookmarkChange {
    /// Add this bookmark (or put a deleted one back), unless its id is there.
    Add(Bookmark),
    /// Give this bookmark (by id) its note as here; put it back if it is not there.
    Note(Bookmark),
    /// Remove the bookmark with this id.
    Delete(String),
    /// Give this bookmark (by id) its selector as here: a reworded passage's text now
    /// there, kept as its quote.
    Requote(Bookmark),
    /// The bookmark with this id is of the article now at `path` (it moved within the
    /// store).
    Move { id: String, path: PathBuf },
}

/// Why changes to the bookmarks file were not written, and whether writing again may
/// succeed (a full disk, a folder not writable) or the file must be left alone (it does
/// not parse, is empty, or is a newer folio's).
#[derive(Debug, Clone, PartialEq)]
pub struct NotSaved {
    pub why: String,
    pub retry: bool,
}

/// What to keep about one article the reader showed.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadingChange {
    /// The article, as folio's files name it ([`crate::store::Location::to_path`]).
    pub path: PathBuf,
    /// `Some(true)`: read, as of now (just opened); `Some(false)`: marked unread.
    pub read: Option<bool>,
    /// The top of the view when it was left: characters into its text.
    pub position: Option<usize>,
}

impl ReadingChange {
    /// `location` marked read (`true`, as of now) or unread.
    pub fn marked(location: &Location, read: bool) -> ReadingChange {
        ReadingChange {
            path: location.to_path(),
            read: Some(read),
            position: None,
        }
    }
}

/// What `reading.toml` holds, for the reader: the articles read, and where each was left.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadState {
    pub read: Vec<Location>,
    pub positions: Vec<(Location, usize)>,
}
