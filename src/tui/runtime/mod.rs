//! Running the reader: the loop that reads terminal events, turns them into actions
//! and takes them down the one [`road`] (update, effects, outcomes) before it draws;
//! with the terminal ([`terminal`]), signals ([`signals`]) and the log ([`log`]).

pub mod handoff;
pub mod log;
pub mod road;
pub mod signals;
pub mod terminal;
pub mod unsaved;

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use crate::sanitize::sanitize_line;
use crate::store::Store;
use crate::tui::effects::loading;
use crate::tui::effects::messages::{HandOff, Outcome};
use crate::tui::effects::runner::{Runner, Setup, Workers};
use crate::tui::input::action::Action;
use crate::tui::input::event;
use crate::tui::input::keymap::Keymap;
use crate::tui::settings;
use crate::tui::state::App;
use crate::tui::ui;
use road::LoopEffect;
use signals::Signals;
use terminal::Tui;

/// How long one wait for input lasts before signals are checked again.
const WAIT: Duration = Duration::from_millis(250);
/// The same while background work may answer: an answer waits at most this long to be
/// taken in (and drawn).
const BUSY_WAIT: Duration = Duration::from_millis(5);

/// How often bookmark changes that could not be saved are tried again.
const RETRY: Duration = Duration::from_secs(10);

/// The exit status when the terminal goes away, as if by SIGHUP.
const HUNG_UP: u8 = 128 + libc::SIGHUP as u8;

/// Options for the reader from the command line.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// folio's folders (the data folder as the config names it); `None` without a home.
    pub dirs: Option<crate::paths::Dirs>,
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
    let mut app = App::new(Vec::new(), store.describe(), 0, options.keymap);
    app.configure(options.settings);
    app.finish(Outcome::Scanning { found: 0 });
    let dirs = options.dirs;
    let index = loading::IndexSlot::default();
    let runner = Runner::new(Setup {
        store: store.clone(),
        history: dirs.as_ref().map(|dirs| dirs.history_file()),
        session: dirs.as_ref().map(|dirs| dirs.session_file()),
        data: dirs.as_ref().map(|dirs| dirs.data.clone()),
        index: index.clone(),
        workers: Workers::Threads,
    });
    // Before the first frame: the history and bookmarks files are small, and changes
    // need the list of bookmarks (the reading state, which can be large, comes later).
    road::start(&mut app, &runner);
    loading::spawn(store, dirs.map(|dirs| dirs.cache), index, runner.outcomes());
    let code = match run_loop(&mut app, &runner, started) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("folio: {}", sanitize_line(&error.to_string()));
            ExitCode::FAILURE
        }
    };
    // The terminal is the shell's again: what could not be kept is said there.
    match unsaved::report(&app) {
        Some(report) => {
            eprint!("{report}");
            Ok(ExitCode::FAILURE)
        }
        None => Ok(code),
    }
}

fn run_loop(app: &mut App, runner: &Runner, started: Instant) -> io::Result<ExitCode> {
    let signals = Signals::register()?;
    let (mut terminal, _guard) = terminal::init()?;
    let mut first_frame = true;
    let mut list_shown = false;
    let mut last_retry = Instant::now();
    let mut asked = Asked::default();
    loop {
        if last_retry.elapsed() >= RETRY
            && let Some(effect) = app.retry_unsaved()
        {
            last_retry = Instant::now();
            road::carry_out(app, runner, effect);
        }
        if let Some(signal) = signals.exit() {
            tracing::info!(signal, "ending on a signal");
            road::farewell(app, runner);
            return Ok(ExitCode::from(128u8.saturating_add(signal as u8)));
        }
        if terminal::hung_up() {
            tracing::info!("ending: the terminal has gone");
            road::farewell(app, runner);
            return Ok(ExitCode::from(HUNG_UP));
        }
        if signals.take_suspend() {
            suspend(app, runner, &mut terminal)?;
        }
        while let Some(outcome) = runner.answers().next() {
            let what = log_outcome(&outcome, started);
            let began = Instant::now();
            let left = road::receive(app, runner, outcome);
            let handle_us = began.elapsed().as_micros() as u64;
            tracing::debug!(what, handle_us, "background");
            // Quitting is for a key to ask; an answer of background work never does.
            if let Some(effect) = left.filter(|effect| *effect != LoopEffect::Quit) {
                give_terminal(app, runner, &mut terminal, &signals, effect)?;
            }
        }
        if app.dirty {
            let draw_us = draw(&mut terminal, app)?;
            asked.drawn(app);
            if std::mem::take(&mut first_frame) {
                let since_start_ms = started.elapsed().as_millis() as u64;
                tracing::info!(draw_us, since_start_ms, "first frame");
            }
            if app.loading.is_none() && !std::mem::replace(&mut list_shown, true) {
                let since_start_ms = started.elapsed().as_millis() as u64;
                tracing::info!(
                    articles = app.articles.len(),
                    since_start_ms,
                    "list complete"
                );
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
        let began = Instant::now();
        let requested = app.filter.requested_text.clone();
        let left = road::apply(app, runner, action);
        let handle_us = began.elapsed().as_micros() as u64;
        if app.filter.requested_text != requested {
            asked.keys.push(began);
        }
        match left {
            Some(LoopEffect::Quit) => {
                tracing::info!(?action, handle_us, draw_us = 0u64, "quit");
                road::farewell(app, runner);
                return Ok(ExitCode::SUCCESS);
            }
            Some(effect) => give_terminal(app, runner, &mut terminal, &signals, effect)?,
            None => {}
        }
        let draw_us = if app.dirty {
            draw(&mut terminal, app)?
        } else {
            0
        };
        asked.drawn(app);
        tracing::info!(?action, handle_us, draw_us, "event");
    }
}

/// When the keys that asked for queries came, since the last whole answer drawn: when a
/// frame shows the whole answer to the latest, the log says how long each key waited.
#[derive(Default)]
struct Asked {
    keys: Vec<Instant>,
}

impl Asked {
    /// After a frame is drawn: logs the answer it shows when it is the whole answer to
    /// the query the last key asked for (once), timed from that key, then how long each
    /// earlier key, whose query was not answered, waited for it.
    fn drawn(&mut self, app: &App) {
        let Some(last) = self.keys.pop() else {
            return;
        };
        if !app.filter.has_whole_answer() {
            self.keys.push(last);
            return;
        }
        let key_to_frame_us = last.elapsed().as_micros() as u64;
        tracing::info!(
            query = app.filter.answered_text,
            matches = app.filter.matches.len(),
            key_to_frame_us,
            "results shown"
        );
        for key in self.keys.drain(..) {
            let key_to_frame_us = key.elapsed().as_micros() as u64;
            tracing::info!(key_to_frame_us, "results shown for an earlier key");
        }
    }
}

/// Gives the terminal to the shell (a suspend) or to another program (a hand-off), then
/// takes it back and takes in how it went.
fn give_terminal(
    app: &mut App,
    runner: &Runner,
    terminal: &mut Tui,
    signals: &Signals,
    effect: LoopEffect,
) -> io::Result<()> {
    match effect {
        LoopEffect::Suspend => suspend(app, runner, terminal),
        LoopEffect::HandOff(what) => hand_off(app, runner, terminal, signals, what),
        LoopEffect::Quit => Ok(()),
    }
}

/// Gives the terminal back to the shell until `fg`, then takes it again.
fn suspend(app: &mut App, runner: &Runner, terminal: &mut Tui) -> io::Result<()> {
    terminal::suspend(terminal)?;
    road::receive(app, runner, Outcome::Resumed);
    Ok(())
}

/// Gives the article to another program, then takes in how it went (a loop effect that
/// follows, such as quitting, waits for the next key).
fn hand_off(
    app: &mut App,
    runner: &Runner,
    terminal: &mut Tui,
    signals: &Signals,
    what: HandOff,
) -> io::Result<()> {
    let outcome = handoff::hand_off(what, terminal, signals)?;
    road::receive(app, runner, outcome);
    Ok(())
}

/// Logs what an answer of background work says, for the figures in the log; returns
/// what kind of answer it is.
fn log_outcome(outcome: &Outcome, started: Instant) -> &'static str {
    match outcome {
        Outcome::Scanning { .. } => "scanning",
        Outcome::Scanned { articles, problems } => {
            tracing::info!(
                articles = articles.len(),
                problems,
                scan_ms = started.elapsed().as_millis() as u64,
                "scanned"
            );
            "scanned"
        }
        Outcome::Searched {
            matches, pending, ..
        } => {
            tracing::info!(matches = matches.len(), pending, "filtered");
            "filtered"
        }
        _ => "outcome",
    }
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
    app.drawn();
    Ok(started.elapsed().as_micros() as u64)
}
