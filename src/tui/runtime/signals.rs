//! Signals the loop checks between events: SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1,
//! SIGUSR2 and SIGALRM end folio (the terminal restored, exit status 128 + the signal),
//! SIGTSTP suspends it. (A fault, SIGBUS or SIGSEGV, is met in `terminal`.)

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use signal_hook::SigId;
use signal_hook::consts::{SIGALRM, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGUSR1, SIGUSR2};

pub struct Signals {
    exit: Arc<AtomicUsize>,
    suspend: Arc<AtomicBool>,
    ids: Vec<SigId>,
}

impl Signals {
    pub fn register() -> io::Result<Signals> {
        let exit = Arc::new(AtomicUsize::new(0));
        let suspend = Arc::new(AtomicBool::new(false));
        let mut ids = Vec::new();
        // Every catchable signal whose default is to end the process (SIGPIPE is ignored
        // by Rust programs: a write to a closed pipe is an error instead).
        for signal in [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM] {
            ids.push(signal_hook::flag::register_usize(
                signal,
                Arc::clone(&exit),
                signal as usize,
            )?);
        }
        ids.push(signal_hook::flag::register(SIGTSTP, Arc::clone(&suspend))?);
        Ok(Signals { exit, suspend, ids })
    }

    /// The signal that asked folio to end, if one came.
    pub fn exit(&self) -> Option<i32> {
        match self.exit.load(Ordering::SeqCst) {
            0 => None,
            signal => Some(signal as i32),
        }
    }

    /// Forgets the keyboard's signals (Ctrl-C, Ctrl-\\, Ctrl-Z) that came while another
    /// program had the terminal: they were typed to it, not to folio.
    pub fn forget_keyboard(&self) {
        let _ = self
            .exit
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |signal| {
                [SIGINT, SIGQUIT].contains(&(signal as i32)).then_some(0)
            });
        self.suspend.store(false, Ordering::SeqCst);
    }

    /// True once after SIGTSTP came.
    pub fn take_suspend(&self) -> bool {
        self.suspend.swap(false, Ordering::SeqCst)
    }
}

impl Drop for Signals {
    fn drop(&mut self) {
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}
