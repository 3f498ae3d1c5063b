//! Taking the terminal and giving it back: raw mode, the alternate screen and mouse
//! capture on; all of it undone on quit, on error, on panic (before the panic message is
//! printed) and around a suspend or another program's turn.

use std::io::{self, Stdout, stdout};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::cursor::Show;
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

pub type Tui = Terminal<CrosstermBackend<Stdout>>;

/// True while the terminal is ours, so it is given back exactly once.
static TAKEN: AtomicBool = AtomicBool::new(false);
static PANIC_HOOK: Once = Once::new();

/// Gives the terminal back when dropped.
pub struct Guard(());

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Takes the terminal; the guard gives it back.
pub fn init() -> io::Result<(Tui, Guard)> {
    PANIC_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // A damaged index's panic is caught and answered; the reader carries on.
            if crate::index::panicking_quietly() {
                return;
            }
            restore();
            previous(info);
        }));
    });
    let guard = Guard(());
    take()?;
    let terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    Ok((terminal, guard))
}

fn take() -> io::Result<()> {
    TAKEN.store(true, Ordering::SeqCst);
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableMouseCapture)
}

/// Raw mode off, main screen, cursor shown, mouse capture off. Safe to call twice.
pub fn restore() {
    if TAKEN.swap(false, Ordering::SeqCst) {
        let _ = execute!(stdout(), DisableMouseCapture, LeaveAlternateScreen, Show);
        let _ = disable_raw_mode();
    }
}

/// Gives the terminal back, stops until the shell's `fg`, then takes it again and
/// clears it so the next frame is drawn in full.
pub fn suspend(terminal: &mut Tui) -> io::Result<()> {
    restore();
    // SIGSTOP cannot be caught, so this stops even though SIGTSTP has a handler.
    // SAFETY: raise has no preconditions; it sends a signal to this process.
    unsafe {
        libc::raise(libc::SIGSTOP);
    }
    take()?;
    terminal.clear()
}

/// Gives the terminal to `run` (raw mode off, the main screen, no mouse reporting: as a
/// shell would leave it), then takes it again and clears it for a full redraw.
pub fn hand_over<T>(terminal: &mut Tui, run: impl FnOnce() -> T) -> io::Result<T> {
    restore();
    let result = run();
    take()?;
    terminal.clear()?;
    Ok(result)
}

/// True when the terminal on standard input has gone away (its window closed or its
/// server killed) without a SIGHUP reaching us; reading it would only ever return
/// nothing. False when standard input is not a terminal.
pub fn hung_up() -> bool {
    // SAFETY: isatty and poll only read the descriptor and the one pollfd given.
    unsafe {
        if libc::isatty(libc::STDIN_FILENO) != 1 {
            return false;
        }
        let mut fd = libc::pollfd {
            fd: libc::STDIN_FILENO,
            events: 0,
            revents: 0,
        };
        libc::poll(&mut fd, 1, 0) == 1
            && fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
    }
}
