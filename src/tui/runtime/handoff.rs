//! Another program's turn: the loop gives the terminal to the editor (or a browser that
//! runs in the terminal) and takes it back, starts a graphical browser apart, and sends a
//! passage to the clipboard through the terminal (OSC 52).

use std::io::{self, Write, stdout};

use crossterm::clipboard::CopyToClipboard;
use crossterm::execute;

use super::signals::Signals;
use super::terminal::{self, Tui};
use crate::sanitize::sanitize_line;
use crate::tui::effects::handoff::{
    browser_command, browser_needs_terminal, editor, editor_command, line_in_file, program_name,
    run_in_terminal, start_apart,
};
use crate::tui::effects::messages::{HandOff, Outcome};

/// Carries out `what`, and says how it went.
pub fn hand_off(what: HandOff, terminal: &mut Tui, signals: &Signals) -> io::Result<Outcome> {
    match what {
        HandOff::Edit {
            index,
            path,
            text,
            at,
        } => {
            let line = at.and_then(|at| line_in_file(&path, &text, at));
            let editor = editor();
            let name = sanitize_line(program_name(&editor));
            let command = editor_command(&editor, &path, line);
            let ran = in_terminal(terminal, signals, command, &name)?;
            let result = ran.map(|()| match line {
                Some(line) => format!("back from {name} at line {line}: read again"),
                None => format!("back from {name}: read again"),
            });
            Ok(Outcome::HandedBack {
                result,
                reread: Some(index),
            })
        }
        HandOff::Browse(url) => {
            let browser = std::env::var("BROWSER").ok();
            let what = match &browser {
                Some(browser) => sanitize_line(program_name(browser)),
                None => "the system's opener".to_owned(),
            };
            let command = browser_command(browser.as_deref(), &url);
            let ran = if browser_needs_terminal() {
                in_terminal(terminal, signals, command, &what)?
            } else {
                start_apart(command, &what)
            };
            let result = ran.map(|()| format!("opened {} with {what}", sanitize_line(&url)));
            Ok(Outcome::HandedBack {
                result,
                reread: None,
            })
        }
        HandOff::Copy { text, done } => {
            let mut out = stdout();
            let result = execute!(out, CopyToClipboard::to_clipboard_from(text))
                .and_then(|()| out.flush())
                .map(|()| done)
                .map_err(|error| format!("could not copy: {error}"));
            Ok(Outcome::HandedBack {
                result,
                reread: None,
            })
        }
    }
}

/// Runs `command` with the terminal handed over to it, and takes the terminal back; the
/// keyboard's signals sent meanwhile were the program's. `Err` inside names `what` when
/// it could not start or failed.
fn in_terminal(
    terminal: &mut Tui,
    signals: &Signals,
    command: std::process::Command,
    what: &str,
) -> io::Result<Result<(), String>> {
    let ran = terminal::hand_over(terminal, || run_in_terminal(command, what))?;
    signals.forget_keyboard();
    Ok(ran)
}
