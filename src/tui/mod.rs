//! The terminal reader, room by room, each importing only the rooms below it:
//!
//! - [`runtime`]: the loop, the terminal, signals and the log;
//! - [`ui`]: the widgets that draw the state (they only read it);
//! - [`state`]: the [`App`] made of its parts, and [`App::update`], the pure step from an
//!   action to the next state (and maybe an [`Effect`]);
//! - [`effects`]: the messages ([`Effect`], [`Outcome`]), the one runner of effects and
//!   the workers behind it (reading the store, searching, keeping bookmarks and the
//!   reading state);
//! - [`input`]: terminal events, the keymap, key names and the [`Action`]s;
//! - [`text`]: laying an article out for the terminal (Markdown, wrapping, the source
//!   map, highlights);
//! - [`settings`]: how the reader looks (theme, widths, date format) and starts;
//! - [`cells`]: what a terminal cell shows of a grapheme, and how wide it is.
//!
//! One keystroke's road ([`runtime::road`]): [`input::event::to_action`] →
//! [`App::update`] → [`Effect`] → [`effects::runner::Runner::run`] → [`Outcome`] →
//! [`App::finish`] → [`ui::draw`].

pub mod cells;
pub mod effects;
pub mod input;
pub mod runtime;
pub mod settings;
pub mod state;
pub mod text;
pub mod ui;

pub use effects::messages::{Effect, Outcome};
pub use input::action::Action;
pub use input::keymap::Keymap;
pub use runtime::{Options, run};
pub use state::App;
