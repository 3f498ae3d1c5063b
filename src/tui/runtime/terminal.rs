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
        faults::install();
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
    faults::remember_terminal();
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

/// A fault (SIGBUS, when a file mapped into memory is cut short under folio, as the
/// index's files can be; SIGSEGV) cannot be recovered from. Its handler gives the
/// terminal back, says what happened, and lets the fault end folio as it would have.
/// Only what is safe in a signal handler is done there: the terminal's settings from
/// before raw mode are put back with `tcsetattr`, and the escape sequences that leave
/// the alternate screen and mouse reporting are written with `write`.
mod faults {
    use std::sync::OnceLock;
    use std::sync::atomic::{AtomicI32, Ordering};

    /// The terminal's settings before raw mode, and a descriptor of it.
    static SAVED: OnceLock<libc::termios> = OnceLock::new();
    static TTY: AtomicI32 = AtomicI32::new(-1);

    const RESTORE: &[u8] =
        b"\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l\x1b[?1049l\x1b[?25h";
    const BUS: &[u8] = b"folio: a file folio had mapped into memory was cut short while it \
ran (SIGBUS), most likely one of the index's files. The terminal is restored; the next \
start checks the index and builds it again if it is damaged.\n";
    const SEGV: &[u8] = b"folio: a memory fault (SIGSEGV). The terminal is restored.\n";

    /// Keeps the terminal's settings as they are (before raw mode), once.
    pub(super) fn remember_terminal() {
        if SAVED.get().is_some() {
            return;
        }
        // SAFETY: open and tcgetattr read the path and write the one termios given.
        unsafe {
            let fd = libc::open(
                c"/dev/tty".as_ptr(),
                libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC,
            );
            if fd < 0 {
                return;
            }
            let mut settings: libc::termios = std::mem::zeroed();
            if libc::tcgetattr(fd, &mut settings) == 0 {
                TTY.store(fd, Ordering::SeqCst);
                let _ = SAVED.set(settings);
            } else {
                libc::close(fd);
            }
        }
    }

    /// Installs the handlers for SIGBUS and SIGSEGV, each run once.
    pub(super) fn install() {
        for signal in [libc::SIGBUS, libc::SIGSEGV] {
            // SAFETY: the action is fully set up before sigaction reads it; the handler
            // only calls functions that are safe in a signal handler.
            unsafe {
                let mut action: libc::sigaction = std::mem::zeroed();
                action.sa_sigaction = on_fault as *const () as usize;
                action.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK | libc::SA_RESETHAND;
                libc::sigemptyset(&mut action.sa_mask);
                let mut previous: libc::sigaction = std::mem::zeroed();
                if libc::sigaction(signal, std::ptr::null(), &mut previous) == 0 {
                    PREVIOUS[usize::from(signal == libc::SIGSEGV)] = Some(previous);
                    libc::sigaction(signal, &action, std::ptr::null_mut());
                }
            }
        }
    }

    /// What was there before (Rust's own SIGSEGV handler reports a stack overflow): put
    /// back once the terminal is, so the fault then ends folio as it would have.
    static mut PREVIOUS: [Option<libc::sigaction>; 2] = [None, None];

    extern "C" fn on_fault(signal: libc::c_int, _: *mut libc::siginfo_t, _: *mut libc::c_void) {
        // SAFETY: tcsetattr, write and sigaction are async-signal-safe; PREVIOUS was
        // written before the handler was installed and is only read here.
        unsafe {
            let fd = TTY.load(Ordering::SeqCst);
            if let Some(settings) = SAVED.get()
                && fd >= 0
            {
                libc::tcsetattr(fd, libc::TCSANOW, settings);
                libc::write(fd, RESTORE.as_ptr().cast(), RESTORE.len());
            }
            let message = if signal == libc::SIGBUS { BUS } else { SEGV };
            libc::write(libc::STDERR_FILENO, message.as_ptr().cast(), message.len());
            let slot = usize::from(signal == libc::SIGSEGV);
            let previous = (*std::ptr::addr_of!(PREVIOUS))[slot];
            match previous {
                Some(previous) => {
                    libc::sigaction(signal, &previous, std::ptr::null_mut());
                }
                None => {
                    libc::signal(signal, libc::SIG_DFL);
                }
            }
            // Returning runs the faulting instruction again, now under the old action.
        }
    }
}
