//! The terminal reader. The flow, top to bottom: a terminal event becomes an
//! [`Action`] through the mode-aware [`Keymap`] ([`event`]); [`App::update`] applies it
//! without touching the terminal and may ask for an [`Effect`]; the loop below runs the
//! effect ([`effects`]) and feeds its [`action::Outcome`] back; when the state is dirty,
//! [`ui::draw`] draws it.

pub mod action;
pub mod cells;
pub mod document;
pub mod effects;
pub mod event;
pub mod filter;
pub mod format;
pub mod keymap;
pub mod layout;
pub mod log;
pub mod markdown;
pub mod signals;
pub mod state;
pub mod terminal;
pub mod ui;
pub mod wrap;

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

pub use action::{Action, Effect};
pub use keymap::Keymap;
pub use state::App;

use crate::sanitize::sanitize_line;
use crate::store::Store;
use action::Outcome;
use effects::Runner;
use signals::Signals;
use terminal::Tui;

/// How long one wait for input lasts before signals are checked again.
const WAIT: Duration = Duration::from_millis(250);

/// Options for the reader from the command line.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Write a tracing log here (else `$FOLIO_LOG`, else nowhere).
    pub log: Option<PathBuf>,
}

/// Opens the reader on `store`; returns when the user quits.
pub fn run(store: Store, options: Options) -> ExitCode {
    if let Err(message) = log::init(options.log.as_deref()) {
        eprintln!("folio: {}", sanitize_line(&message));
        return ExitCode::from(crate::cli::EXIT_USAGE);
    }
    let scan = store.scan();
    tracing::info!(
        articles = scan.articles.len(),
        problems = scan.problems.len(),
        "scanned"
    );
    let app = App::new(
        scan.articles,
        store.describe(),
        scan.problems.len(),
        Keymap::default(),
    );
    let runner = Runner::new(store, &app.articles);
    match run_loop(app, &runner) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("folio: {}", sanitize_line(&error.to_string()));
            ExitCode::FAILURE
        }
    }
}

/// What the loop does after an effect.
enum Flow {
    Continue,
    Quit,
}

fn run_loop(mut app: App, runner: &Runner) -> io::Result<ExitCode> {
    let signals = Signals::register()?;
    let (mut terminal, _guard) = terminal::init()?;
    loop {
        if let Some(signal) = signals.exit() {
            tracing::info!(signal, "ending on a signal");
            return Ok(ExitCode::from(128u8.saturating_add(signal as u8)));
        }
        if signals.take_suspend() {
            run_effect(Effect::Suspend, &mut app, runner, &mut terminal)?;
        }
        if app.dirty {
            draw(&mut terminal, &mut app)?;
        }
        if !crossterm::event::poll(WAIT)? {
            continue;
        }
        let event = crossterm::event::read()?;
        let Some(action) = event::to_action(&event, app.mode(), &app.keymap) else {
            continue;
        };
        let started = Instant::now();
        let flow = match app.update(action) {
            Some(effect) => run_effect(effect, &mut app, runner, &mut terminal)?,
            None => Flow::Continue,
        };
        let handle_us = started.elapsed().as_micros() as u64;
        if let Flow::Quit = flow {
            tracing::info!(?action, handle_us, draw_us = 0u64, "quit");
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

/// Runs `effect` and what its outcome asks for in turn.
fn run_effect(
    effect: Effect,
    app: &mut App,
    runner: &Runner,
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
            effect => match runner.run(&effect, &app.articles) {
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
