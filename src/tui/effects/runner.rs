//! The one runner of effects: every [`Effect`] the state asks for is carried out here,
//! in the reader and in the tests alike. What is quick (reading an article, writing the
//! query history and bookmarks) is done at once and its [`Outcome`] returned; what may
//! take long (the preview, searching, looking for bookmarked passages, writing the
//! reading state) goes
//! to a worker, whose answers arrive on the runner's channel ([`Runner::answers`]).

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender, TryIter};

use crate::bookmarks::{Bookmark, BookmarkFile};
use crate::marks::Marks;
use crate::reading::ReadingFile;
use crate::sanitize::sanitize_line;
use crate::store::{Article, Store};
use crate::tui::effects::latest_worker::LatestWorker;
pub use crate::tui::effects::latest_worker::Workers;
use crate::tui::effects::loading::IndexSlot;
use crate::tui::effects::messages::{Effect, NotSaved, Outcome};
use crate::tui::effects::reading_writer::ReadingWriter;
use crate::tui::effects::search_worker::Searcher;
use crate::tui::effects::{bookmark_store, vault_export};
use crate::tui::effects::{history_file, session_file};

/// What the runner works on: the store, and where folio keeps its files.
#[derive(Clone)]
pub struct Setup {
    pub store: Store,
    /// The query history file, if folio has a state folder.
    pub history: Option<PathBuf>,
    /// Where the last run left off (`session.toml`), if folio has a state folder.
    pub session: Option<PathBuf>,
    /// The data folder (bookmarks, reading state), if folio has one.
    pub data: Option<PathBuf>,
    /// The store's index, once up to date.
    pub index: IndexSlot,
    pub workers: Workers,
}

impl Setup {
    /// The store alone: nothing kept, searches by reading, workers on threads.
    pub fn new(store: Store) -> Setup {
        Setup {
            store,
            history: None,
            session: None,
            data: None,
            index: IndexSlot::default(),
            workers: Workers::Threads,
        }
    }
}

/// Runs effects against the store and folio's files; background answers come back on
/// its channel.
pub struct Runner {
    store: Store,
    history: Option<PathBuf>,
    session: Option<PathBuf>,
    data: Option<PathBuf>,
    bookmarks: Option<BookmarkFile>,
    reading: Option<ReadingWriter>,
    searcher: Searcher,
    /// Reads the article under the list's cursor for the preview.
    previewer: LatestWorker<(usize, Article)>,
    /// Looks for each bookmark's passage in its article.
    passages: LatestWorker<Vec<Bookmark>>,
    /// Writes the bookmarks into a vault folder.
    vault: LatestWorker<(PathBuf, Vec<Bookmark>)>,
    outcomes: Sender<Outcome>,
    answers: Receiver<Outcome>,
}

impl Runner {
    pub fn new(setup: Setup) -> Runner {
        let (outcomes, answers) = mpsc::channel();
        let searcher = match setup.workers {
            Workers::Threads => Searcher::spawn(setup.store.clone(), setup.index, outcomes.clone()),
            Workers::Inline => Searcher::inline(setup.store.clone(), setup.index, outcomes.clone()),
        };
        let store = setup.store.clone();
        let previewer = LatestWorker::start(
            "preview",
            setup.workers,
            outcomes.clone(),
            move |(index, article): (usize, Article)| Outcome::Previewed {
                index,
                result: store
                    .load(&article)
                    .map_err(|problem| sanitize_line(&problem.to_string())),
            },
        );
        let passages = LatestWorker::start(
            "passages",
            setup.workers,
            outcomes.clone(),
            |list: Vec<Bookmark>| bookmark_store::find_passages(&list),
        );
        let vault_store = setup.store.clone();
        let vault = LatestWorker::start(
            "vault",
            setup.workers,
            outcomes.clone(),
            move |(dir, list): (PathBuf, Vec<Bookmark>)| {
                Outcome::VaultWritten(vault_export::write(&dir, &list, &vault_store))
            },
        );
        let reading = setup
            .data
            .as_deref()
            .map(|data| ReadingWriter::spawn(ReadingFile::in_folder(data), outcomes.clone()));
        Runner {
            store: setup.store,
            history: setup.history,
            session: setup.session,
            data: setup.data.clone(),
            bookmarks: setup.data.as_deref().map(BookmarkFile::in_folder),
            reading,
            searcher,
            previewer,
            passages,
            vault,
            outcomes,
            answers,
        }
    }

    /// Where background work sends its answers (the store's reading, say).
    pub fn outcomes(&self) -> Sender<Outcome> {
        self.outcomes.clone()
    }

    /// The answers of background work that have arrived, oldest first.
    pub fn answers(&self) -> TryIter<'_, Outcome> {
        self.answers.try_iter()
    }

    /// What folio keeps that the state needs from the start: the query history and the
    /// bookmarks (the reading state, which can be large, is asked for once the list is up:
    /// [`Runner::load_reading_state`]).
    pub fn read_at_start(&self) -> Vec<Outcome> {
        self.remove_stale_temporary_files();
        let mut read = Vec::new();
        if let Some(path) = &self.history {
            read.push(Outcome::HistoryRead(history_file::load(path)));
        }
        if let Some(file) = &self.bookmarks {
            read.push(bookmark_store::read_bookmarks(file));
        }
        if let Some(path) = &self.session {
            let session = session_file::load(path, &self.store.describe());
            read.push(Outcome::SessionRead(session));
        }
        read
    }

    /// Removes the temporary files a folio killed mid-write left beside folio's own files.
    fn remove_stale_temporary_files(&self) {
        let reading = self
            .data
            .as_ref()
            .map(|data| ReadingFile::in_folder(data).path);
        let bookmarks = self.bookmarks.as_ref().map(|file| file.path.clone());
        for path in [&self.history, &self.session, &bookmarks, &reading]
            .into_iter()
            .flatten()
        {
            if let (Some(folder), Some(name)) = (path.parent(), path.file_name()) {
                crate::atomic_file::remove_stale(folder, name);
            }
        }
    }

    /// Asks for the reading state kept on disk (it comes back as an outcome).
    pub fn load_reading_state(&self) {
        if let Some(writer) = &self.reading {
            writer.load();
        }
    }

    /// A change to the bookmarks file, or why there is none to change.
    fn with_bookmarks(&self, change: impl FnOnce(&BookmarkFile) -> Outcome) -> Outcome {
        match &self.bookmarks {
            Some(file) => change(file),
            None => Outcome::Bookmarks(Err(NotSaved {
                why: "folio has no data folder to keep them in (set HOME or XDG_DATA_HOME)"
                    .to_owned(),
                retry: false,
            })),
        }
    }

    /// Runs `effect`: its outcome when it has one at once; `None` for effects whose
    /// answers come later on the channel (a search), that have none (saving the history),
    /// or that are the loop's own (quit, suspend). `articles` and `marks` are the state's
    /// own, for the effects that look at them.
    pub fn run(
        &self,
        effect: &Effect,
        articles: &Arc<[Article]>,
        marks: &Arc<Marks>,
    ) -> Option<Outcome> {
        match effect {
            Effect::LoadArticle(index) => {
                let result = match articles.get(*index) {
                    Some(article) => self
                        .store
                        .load(article)
                        .map_err(|p| sanitize_line(&p.to_string())),
                    None => Err("no such article".to_owned()),
                };
                Some(Outcome::Loaded {
                    index: *index,
                    result,
                })
            }
            Effect::Preview(index) => {
                if let Some(article) = articles.get(*index) {
                    self.previewer.request((*index, article.clone()));
                }
                None
            }
            Effect::Search(query) => {
                self.searcher
                    .request(query.clone(), Arc::clone(articles), Arc::clone(marks));
                None
            }
            Effect::SaveHistory(queries) => {
                if let Some(path) = &self.history
                    && let Err(error) = history_file::save(path, queries)
                {
                    tracing::warn!(path = %path.display(), %error, "history not saved");
                }
                None
            }
            Effect::SaveSession(session) => {
                if let Some(path) = &self.session
                    && let Err(error) = session_file::save(path, &self.store.describe(), session)
                {
                    tracing::warn!(path = %path.display(), %error, "session not saved");
                }
                None
            }
            Effect::SaveBookmarks(changes) => {
                Some(self.with_bookmarks(|file| bookmark_store::apply(file, changes)))
            }
            Effect::FindPassages(list) => {
                self.passages.request(list.clone());
                None
            }
            Effect::ExportVault(dir, list) => {
                self.vault.request((dir.clone(), list.clone()));
                None
            }
            Effect::SaveReading(batch) => {
                if let Some(writer) = &self.reading
                    && !batch.is_empty()
                {
                    writer.send(batch.clone());
                }
                None
            }
            Effect::HandOff(_) | Effect::Suspend | Effect::Quit | Effect::Several(_) => None,
        }
    }
}
