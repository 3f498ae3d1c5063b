//! The least a warm `folio list --query` could cost on a store: list every folder and
//! look at every file's size and mtime (`fstatat` relative to its folder), on as many
//! threads as asked, and nothing else. docs/benchmarks.md compares it with folio and
//! ripgrep.
//!
//! ```sh
//! cargo build --release --example stat_floor
//! hyperfine -N "target/release/examples/stat_floor STORE 2" "rg -l -i river STORE"
//! ```

use std::ffi::{CString, OsString};
use std::os::fd::AsRawFd;
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

fn main() {
    let mut args = std::env::args_os().skip(1);
    let Some(root) = args.next().map(PathBuf::from) else {
        eprintln!("usage: stat_floor STORE [THREADS]");
        std::process::exit(2);
    };
    let threads: usize = args
        .next()
        .and_then(|n| n.to_str()?.parse().ok())
        .unwrap_or(2);

    // Every folder and the names in it, listed on one thread.
    let mut folders = vec![root];
    let mut listed: Vec<(PathBuf, Vec<OsString>)> = Vec::new();
    while let Some(folder) = folders.pop() {
        let mut names = Vec::new();
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => folders.push(entry.path()),
                Ok(_) => names.push(entry.file_name()),
                Err(_) => {}
            }
        }
        listed.push((folder, names));
    }

    // Every file's metadata, folder by folder, on `threads` threads.
    let work = Mutex::new(listed);
    let looked_at = AtomicU64::new(0);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let next = work.lock().expect("work list").pop();
                    let Some((folder, names)) = next else {
                        break;
                    };
                    let Ok(dir) = std::fs::File::open(&folder) else {
                        continue;
                    };
                    for name in names {
                        let Ok(name) = CString::new(name.as_bytes()) else {
                            continue;
                        };
                        let mut stat = std::mem::MaybeUninit::<libc::stat>::uninit();
                        // SAFETY: `name` is NUL-terminated, `dir` is open, and `stat`
                        // is a buffer of the size fstatat writes.
                        let done = unsafe {
                            libc::fstatat(
                                dir.as_raw_fd(),
                                name.as_ptr(),
                                stat.as_mut_ptr(),
                                libc::AT_SYMLINK_NOFOLLOW,
                            )
                        };
                        if done == 0 {
                            looked_at.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                }
            });
        }
    });
    println!("{} files looked at", looked_at.load(Ordering::Relaxed));
}
