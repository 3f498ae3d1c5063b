//! Running the reader: the loop that reads terminal events, turns them into actions,
//! applies them to the [`App`], runs the [`Effect`]s they ask for ([`crate::tui::effects::run`])
//! and draws; with the terminal ([`terminal`]), signals ([`signals`]) and the log ([`log`]).

pub mod log;
pub mod signals;
pub mod terminal;

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use crate::sanitize::sanitize_line;
use crate::store::Store;
use crate::tui::effects::history_file;
use crate::tui::effects::keeping;
use crate::tui::effects::loading;
use crate::tui::effects::messages::{Effect, Outcome};
use crate::tui::effects::runner::Runner;
use crate::tui::effects::search_worker::Searcher;
use crate::tui::input::action::Action;
use crate::tui::input::event;
use crate::tui::input::keymap::Keymap;
use crate::tui::settings;
use crate::tui::state::App;
use crate::tui::ui;
use signals::Signals;
use terminal::Tui;

/// How long one wait for input lasts before signals are checked again.
const WAIT: Duration = Duration::from_millis(250);
/// The same while background work may answer.
const BUSY_WAIT: Duration = Duration::from_millis(25);

/// The exit status when the terminal goes away, as if by SIGHUP.
const HUNG_UP: u8 = 128 + libc::SIGHUP as u8;

/// Options for the reader from the command line.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Write a tracing log here (else `$FOLIO_LOG`, else nowhere).
    pub log: Option<PathBuf>,
    /// The keys, with the user's remaps.
    pub keymap: Keymap,
    /// How the reader looks and starts.
    pub settings: settings::Settings,
}

/// Opens the reader on `store` at once, reading the store in the background; returns
/// the exit status when the user quits, or why the reader could not start (the log
/// asked for cannot be written).
pub fn run(store: Store, options: Options) -> Result<ExitCode, String> {
    log::init(options.log.as_deref())?;
    let started = Instant::now();
    let (outcomes, background) = mpsc::channel();
    let mut app = App::new(Vec::new(), store.describe(), 0, options.keymap);
    app.configure(options.settings);
    app.loading = Some(0);
    let dirs = crate::paths::Dirs::discover();
    let history = dirs.as_ref().map(|dirs| dirs.history_file());
    if let Some(path) = &history {
        app.history = crate::tui::state::history::History::new(history_file::load(path));
    }
    let data = dirs.as_ref().map(|dirs| dirs.data.clone());
    if let Some(data) = &data {
        // Before the first frame: a bookmarks file is small, and changes need the list
        // it holds (the reading state, which can be large, comes later).
        keeping::load_bookmarks(data, &mut app);
    }
    let index = loading::IndexSlot::default();
    let cache = dirs.map(|dirs| dirs.cache);
    loading::spawn(store.clone(), cache, index.clone(), outcomes.clone());
    let tasks = Tasks {
        runner: Runner::with_history(store.clone(), history).keeping_in(data, outcomes.clone()),
        searcher: Searcher::spawn(store, index, outcomes),
        background,
        started,
    };
    Ok(match run_loop(app, &tasks) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("folio: {}", sanitize_line(&error.to_string()));
            ExitCode::FAILURE
        }
    })
}

/// What runs effects and brings back the answers of background work.
struct Tasks {
    runner: Runner,
    searcher: Searcher,
    background: Receiver<Outcome>,
    started: Instant,
}

/// What the loop does after an effect.
enum Flow {
    Continue,
    Quit,
}

fn run_loop(mut app: App, tasks: &Tasks) -> io::Result<ExitCode> {
    let signals = Signals::register()?;
    let (mut terminal, _guard) = terminal::init()?;
    let mut first_frame = true;
    loop {
        if let Some(signal) = signals.exit() {
            tracing::info!(signal, "ending on a signal");
            farewell(&mut app, tasks);
            return Ok(ExitCode::from(128u8.saturating_add(signal as u8)));
        }
        if terminal::hung_up() {
            tracing::info!("ending: the terminal has gone");
            farewell(&mut app, tasks);
            return Ok(ExitCode::from(HUNG_UP));
        }
        if signals.take_suspend() {
            run_effect(Effect::Suspend, &mut app, tasks, &mut terminal)?;
        }
        while let Ok(outcome) = tasks.background.try_recv() {
            receive(outcome, &mut app, tasks, &mut terminal)?;
        }
        if app.dirty {
            let draw_us = draw(&mut terminal, &mut app)?;
            if std::mem::take(&mut first_frame) {
                let since_start_ms = tasks.started.elapsed().as_millis() as u64;
                tracing::info!(draw_us, since_start_ms, "first frame");
            }
        }
        let wait = if app.busy() { BUSY_WAIT } else { WAIT };
        if !crossterm::event::poll(wait)? {
            continue;
        }
        let event = crossterm::event::read()?;
        let Some(action) = event::to_action(&event, app.mode(), &app.keymap) else {
            continue;
        };
        let started = Instant::now();
        let flow = match app.update(action) {
            Some(effect) => run_effect(effect, &mut app, tasks, &mut terminal)?,
            None => Flow::Continue,
        };
        let handle_us = started.elapsed().as_micros() as u64;
        if let Flow::Quit = flow {
            tracing::info!(?action, handle_us, draw_us = 0u64, "quit");
            farewell(&mut app, tasks);
            return Ok(ExitCode::SUCCESS);
        }
        let draw_us = if app.dirty {
            draw(&mut terminal, &mut app)?
        } else {
            0
        };
        tracing::info!(?action, handle_us, draw_us, "event");
    }
}

/// Keeps what is to be kept as folio ends (where the open article was read to).
fn farewell(app: &mut App, tasks: &Tasks) {
    if let Some(effect) = app.farewell() {
        tasks.runner.run(&effect, &app.articles, &app.marks);
    }
}

/// Takes in an answer from background work, logging what it cost the loop.
fn receive(outcome: Outcome, app: &mut App, tasks: &Tasks, terminal: &mut Tui) -> io::Result<()> {
    let started = Instant::now();
    let what = match &outcome {
        Outcome::Scanning { .. } => "scanning",
        Outcome::Scanned { articles, problems } => {
            tracing::info!(
                articles = articles.len(),
                problems,
                scan_ms = tasks.started.elapsed().as_millis() as u64,
                "scanned"
            );
            "scanned"
        }
        Outcome::Filtered {
            matches, pending, ..
        } => {
            tracing::info!(matches = matches.len(), pending, "filtered");
            "filtered"
        }
        _ => "outcome",
    };
    let scanned = matches!(outcome, Outcome::Scanned { .. });
    if let Some(effect) = app.finish(outcome) {
        run_effect(effect, app, tasks, terminal)?;
    }
    if scanned {
        // Once the list is up: reading a large reading state then competes with nothing.
        tasks.runner.load_reading_state();
    }
    let handle_us = started.elapsed().as_micros() as u64;
    tracing::debug!(what, handle_us, "background");
    Ok(())
}

/// Runs `effect` and what its outcome asks for in turn. Filtering is handed to the
/// search thread, whose answers come back through [`receive`].
fn run_effect(
    effect: Effect,
    app: &mut App,
    tasks: &Tasks,
    terminal: &mut Tui,
) -> io::Result<Flow> {
    let mut next = Some(effect);
    while let Some(effect) = next.take() {
        next = match effect {
            Effect::Quit => return Ok(Flow::Quit),
            Effect::Suspend => {
                terminal::suspend(terminal)?;
                app.finish(Outcome::Resumed)
            }
            Effect::Filter(query) => {
                tasks
                    .searcher
                    .request(query, Arc::clone(&app.articles), Arc::clone(&app.marks));
                None
            }
            effect => match tasks.runner.run(&effect, &app.articles, &app.marks) {
                Some(outcome) => app.finish(outcome),
                None => None,
            },
        };
    }
    Ok(Flow::Continue)
}

/// Draws a frame (first telling the state the size, if it changed unseen); returns
/// the microseconds it took.
fn draw(terminal: &mut Tui, app: &mut App) -> io::Result<u64> {
    let started = Instant::now();
    let size = terminal.size()?;
    if (size.width, size.height) != (app.areas.screen.width, app.areas.screen.height) {
        app.update(Action::Resize {
            width: size.width,
            height: size.height,
        });
    }
    terminal.draw(|frame| ui::draw(frame, app))?;
    app.dirty = false;
    Ok(started.elapsed().as_micros() as u64)
}
