//! `cargo bench --bench scan`: times a cold scan (`Store::scan`) of a generated store.
//!
//! The store is written to a temporary folder in the shapes folio reads (title-first
//! text, `date` lines with datelines, header blocks, TOML and YAML front matter, dated
//! file names, Windows-1252 with CRLF). FOLIO_BENCH_ARTICLES sets its size (default
//! 20,000); FOLIO_BENCH_RUNS the number of timed scans (default 7). Prints the median.

use std::time::{Duration, Instant};

use folio::store::read::{FileBytes, article_from_bytes, format_for};
use folio::store::{Location, Root, Store};

#[path = "support/store.rs"]
mod support;

use support::write_store;

/// Times `f` `runs` times; returns (median, min, max).
fn time_runs(runs: usize, mut f: impl FnMut()) -> (Duration, Duration, Duration) {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    (times[times.len() / 2], times[0], times[times.len() - 1])
}

fn report(
    what: &str,
    count: usize,
    runs: usize,
    (median, min, max): (Duration, Duration, Duration),
) {
    println!(
        "{what} of {count} articles: median {:.1} ms over {runs} runs (min {:.1}, max {:.1}); {:.2} µs per article",
        median.as_secs_f64() * 1e3,
        min.as_secs_f64() * 1e3,
        max.as_secs_f64() * 1e3,
        median.as_secs_f64() * 1e6 / count as f64,
    );
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let count = env_number("FOLIO_BENCH_ARTICLES", 20_000);
    let runs = env_number("FOLIO_BENCH_RUNS", 7).max(1);
    let dir = tempfile::tempdir().expect("temporary folder");
    write_store(dir.path(), count);
    let store = Store::new(vec![Root::Folder(dir.path().to_path_buf())]);
    let warm = store.scan();
    assert_eq!(
        warm.articles.len(),
        count,
        "every generated article is read"
    );
    report(
        "scan (walk, read, parse)",
        count,
        runs,
        time_runs(runs, || assert_eq!(store.scan().articles.len(), count)),
    );

    // The same files already in memory: what parsing alone costs, one thread.
    let files: Vec<(String, Vec<u8>)> = warm
        .articles
        .iter()
        .map(|a| match &a.location {
            Location::File(path) => (a.rel_path.clone(), std::fs::read(path).expect("read back")),
            Location::Sample(_) => unreachable!("a generated store is on disk"),
        })
        .collect();
    report(
        "parse only (one thread, in memory)",
        count,
        runs,
        time_runs(runs, || {
            for (rel_path, bytes) in &files {
                let contents = FileBytes {
                    bytes,
                    size: bytes.len() as u64,
                    mtime: None,
                };
                let format = format_for(rel_path).unwrap_or_default();
                let location = Location::Sample("bench");
                let parsed =
                    article_from_bytes(&contents, location, rel_path.clone(), format, false);
                assert!(parsed.is_ok());
            }
        }),
    );
}
