//! From the terminal to the state: events ([`event`]) become [`Action`]s through the
//! mode-aware [`Keymap`], whose keys are written and read by [`key_names`]; [`help`]
//! lists them for the help overlay.
//!
//! [`Action`]: action::Action
//! [`Keymap`]: keymap::Keymap

pub mod action;
pub mod event;
pub mod help;
pub mod key_names;
pub mod keymap;
