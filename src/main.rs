//! The `folio` binary: parses the command line and hands over to [`folio::cli`]; then
//! prints what folio has to tell about its own files (conflict copies left unmerged).

use std::ffi::{c_int, c_long};
use std::process::ExitCode;

fn main() -> ExitCode {
    keep_freed_memory();
    let status = folio::cli::run(folio::cli::Cli::parse_args(std::env::args_os()));
    for notice in folio::careful_file::take_notices() {
        eprintln!("folio: {}", folio::sanitize::sanitize_line(&notice));
    }
    status
}

/// Scanning a store allocates a few small strings per article; mimalloc does that
/// markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

unsafe extern "C" {
    /// mimalloc's own setter for its options (`mi_option_set` in mimalloc.h).
    fn mi_option_set(option: c_int, value: c_long);
}

/// `mi_option_purge_delay` in the `mi_option_e` enum of mimalloc.h (mimalloc 3, as
/// built by libmimalloc-sys 0.1.49).
const MI_OPTION_PURGE_DELAY: c_int = 15;

/// Tells mimalloc not to hand freed memory back to the system while folio runs. A scan
/// frees and allocates memory in waves; handing it back costs a page fault and a
/// zeroed page each time it is used again (about a tenth of a scan's CPU time).
/// folio's memory then stays at its peak, which a scan reaches anyway.
fn keep_freed_memory() {
    // SAFETY: the option is a plain integer setting, set before any thread starts.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}
