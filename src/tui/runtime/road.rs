//! The one road from an action to its last outcome, taken by the reader's loop and by
//! the tests alike: [`apply`] an action to the state, [`carry_out`] the effect it asks
//! for (and the effects that outcome asks for in turn) with the [`Runner`], and
//! [`receive`] the answers of background work. Only quitting, suspending and handing off
//! to another program are left to the caller, who holds the terminal.

use std::collections::VecDeque;

use crate::tui::effects::messages::{Effect, HandOff, Outcome};
use crate::tui::effects::runner::Runner;
use crate::tui::input::action::Action;
use crate::tui::state::App;

/// An effect only the loop can carry out: it needs the terminal.
#[derive(Debug, Clone, PartialEq)]
pub enum LoopEffect {
    Quit,
    Suspend,
    HandOff(HandOff),
}

/// Applies `action` to `app` and carries out what it asks for; then the reader follows
/// the list's cursor.
pub fn apply(app: &mut App, runner: &Runner, action: Action) -> Option<LoopEffect> {
    let left = app
        .update(action)
        .and_then(|effect| carry_out(app, runner, effect));
    left.or_else(|| follow_cursor(app, runner))
}

/// Asks for the preview of the article under the list's cursor, when the reader shows
/// another.
fn follow_cursor(app: &mut App, runner: &Runner) -> Option<LoopEffect> {
    let effect = app.follow_cursor()?;
    carry_out(app, runner, effect)
}

/// Runs `effect` and each effect its outcome asks for in turn, until none is left or
/// one is the loop's own (returned).
pub fn carry_out(app: &mut App, runner: &Runner, effect: Effect) -> Option<LoopEffect> {
    let mut queue = VecDeque::from([effect]);
    while let Some(effect) = queue.pop_front() {
        match effect {
            Effect::Quit => return Some(LoopEffect::Quit),
            Effect::Suspend => return Some(LoopEffect::Suspend),
            Effect::HandOff(what) => return Some(LoopEffect::HandOff(what)),
            // Each in turn, with the effects its outcome asks for before the next.
            Effect::Several(effects) => effects.into_iter().rev().for_each(|e| queue.push_front(e)),
            effect => {
                if let Some(outcome) = runner.run(&effect, &app.articles, &app.marks)
                    && let Some(next) = app.finish(outcome)
                {
                    queue.push_front(next);
                }
            }
        }
    }
    None
}

/// Takes in one answer and carries out what it asks for.
pub fn receive(app: &mut App, runner: &Runner, outcome: Outcome) -> Option<LoopEffect> {
    let scanned = matches!(outcome, Outcome::Scanned { .. });
    let left = app
        .finish(outcome)
        .and_then(|effect| carry_out(app, runner, effect))
        .or_else(|| follow_cursor(app, runner));
    if scanned {
        // Once the list is up: reading a large reading state then competes with nothing.
        runner.load_reading_state();
    }
    left
}

/// Takes in every answer of background work that has arrived (and the answers those
/// lead to, when workers answer inline); returns the first effect left to the loop.
pub fn receive_all(app: &mut App, runner: &Runner) -> Option<LoopEffect> {
    let mut left = None;
    while let Some(outcome) = runner.answers().next() {
        left = left.or(receive(app, runner, outcome));
    }
    left
}

/// Takes in what folio keeps that the state needs from the start (the query history,
/// the bookmarks).
pub fn start(app: &mut App, runner: &Runner) {
    for outcome in runner.read_at_start() {
        receive(app, runner, outcome);
    }
}

/// Keeps what is to be kept as folio ends (where the open article was read to).
pub fn farewell(app: &mut App, runner: &Runner) {
    for effect in app.farewell() {
        carry_out(app, runner, effect);
    }
}
