//! A reader started as the loop starts it, on a store in a temp dir with its own cache
//! and data folders: the store read and indexed in the background and then followed
//! (watched), every answer taken down the one road.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use folio::store::{Root, Store};
use folio::tui::effects::loading::{self, IndexSlot};
use folio::tui::effects::messages::Outcome;
use folio::tui::effects::runner::{Runner, Setup, Workers};
use folio::tui::runtime::road;
use folio::tui::{Action, App, Keymap};

/// The longest a change may take to reach the reader in these tests (the bar is 1 s;
/// a loaded test machine gets room).
pub const WITHIN: Duration = Duration::from_secs(10);

pub struct Running {
    pub app: App,
    pub runner: Runner,
    pub slot: IndexSlot,
    pub store: PathBuf,
    pub data: PathBuf,
    _folders: tempfile::TempDir,
}

/// The reader on the store at `store` (its cache and data in temp folders), once the
/// store is listed and its index is up to date.
pub fn start(store: &Path) -> Running {
    let folders = tempfile::tempdir().expect("temp dir");
    let (cache, data) = (folders.path().join("cache"), folders.path().join("data"));
    std::fs::create_dir_all(&data).expect("data folder");
    let shop = Store::new(vec![Root::Folder(store.to_owned())]);
    let slot = IndexSlot::default();
    let runner = Runner::new(Setup {
        data: Some(data.clone()),
        index: slot.clone(),
        workers: Workers::Inline,
        ..Setup::new(shop.clone())
    });
    let mut app = App::new(Vec::new(), "live".to_owned(), 0, Keymap::default());
    app.finish(Outcome::Scanning { found: 0 });
    road::apply(
        &mut app,
        &runner,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    road::start(&mut app, &runner);
    loading::spawn(shop, Some(cache), slot.clone(), runner.outcomes());
    let mut running = Running {
        app,
        runner,
        slot,
        store: store.to_owned(),
        data,
        _folders: folders,
    };
    let ready = running.wait_until(|app, slot| app.loading.is_none() && slot);
    assert!(ready, "the store was listed and indexed");
    running
}

impl Running {
    /// Takes in the answers of background work until `done` holds (given the app and
    /// whether the index is up to date), or [`WITHIN`] has passed; says which.
    pub fn wait_until(&mut self, done: impl Fn(&App, bool) -> bool) -> bool {
        let began = Instant::now();
        loop {
            road::receive_all(&mut self.app, &self.runner);
            let indexed = self.slot.read().expect("slot").is_some();
            if done(&self.app, indexed) {
                return true;
            }
            if began.elapsed() > WITHIN {
                return false;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Applies `action` down the road, taking in the answers it leads to.
    pub fn apply(&mut self, action: Action) {
        road::apply(&mut self.app, &self.runner, action);
        road::receive_all(&mut self.app, &self.runner);
    }

    /// Types `text` into the filter bar (emptied first) and waits for its whole answer.
    pub fn filter(&mut self, text: &str) -> Vec<String> {
        self.apply(Action::FocusFilter);
        self.apply(Action::DeleteToStart);
        for c in text.chars() {
            self.apply(Action::Insert(c));
        }
        let answered = self.wait_until(|app, _| !app.filter.searching);
        assert!(answered, "the filter answered {text:?}");
        self.apply(Action::FilterLeave);
        self.titles()
    }

    /// The titles the list shows, in order.
    pub fn titles(&self) -> Vec<String> {
        self.app
            .list
            .visible
            .iter()
            .map(|&i| self.app.articles[i].title.clone())
            .collect()
    }

    /// Waits until the list shows (`true`) or no longer shows an article titled `title`.
    pub fn wait_for_title(&mut self, title: &str, shown: bool) -> bool {
        self.wait_until(|app, _| {
            app.list
                .visible
                .iter()
                .any(|&i| app.articles[i].title == title)
                == shown
        })
    }
}
