//! `cargo bench --bench scan`: times a cold scan (`Store::scan`) of a generated store.
//!
//! The store is written to a temporary folder in the shapes folio reads (title-first
//! text, `date` lines with datelines, header blocks, TOML and YAML front matter, dated
//! file names, Windows-1252 with CRLF). FOLIO_BENCH_ARTICLES sets its size (default
//! 20,000); FOLIO_BENCH_RUNS the number of timed scans (default 7). Prints the median.

use std::path::Path;
use std::time::{Duration, Instant};

use folio::store::read::{Contents, article_from_bytes, format_for};
use folio::store::{Location, Root, Store};

const WORDS: &[&str] = &[
    "the", "council", "river", "library", "rail", "market", "climate", "report", "said",
    "minister", "growth", "season", "harbour", "city", "new", "plan", "years", "local", "winter",
    "bridge", "school", "energy", "price", "museum", "festival", "team", "vote",
];

/// A small deterministic random source, so every run writes the same store.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % below as u64) as usize
    }

    fn sentence(&mut self, words: usize) -> String {
        let mut out = String::new();
        for i in 0..words {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(WORDS[self.next(WORDS.len())]);
        }
        out.push('.');
        out
    }
}

fn write_store(root: &Path, count: usize) {
    let mut rng = Lcg(7);
    for i in 0..count {
        let (year, month, day) = (2003 + rng.next(23), 1 + rng.next(12), 1 + rng.next(28));
        let date = format!("{year}-{month:02}-{day:02}");
        let title = rng.sentence(6);
        let body: Vec<String> = (0..8).map(|_| rng.sentence(40)).collect();
        let body = body.join("\n\n");
        let folder = root.join(WORDS[i % 5]).join(year.to_string());
        std::fs::create_dir_all(&folder).expect("create bench folder");
        let (name, bytes) = match i % 7 {
            0 => (format!("a{i}.txt"), format!("{title}\n\n{body}\n").into_bytes()),
            1 => (
                format!("a{i}.txt"),
                format!("date {date} {title}\n\nXinhua) 08:07, May 1, {year}\n\nBEIJING, May 1 (Xinhua) -- {body}\n").into_bytes(),
            ),
            2 => (
                format!("a{i}.txt"),
                format!("Title: {title}\nDate: {date}\nSource: Reuters\nTags: world, economy\n\n{body}\n").into_bytes(),
            ),
            3 => (
                format!("a{i}.md"),
                format!("+++\ntitle = \"{title}\"\ndate = {date}\ntags = [\"world\"]\n+++\n\n{body}\n").into_bytes(),
            ),
            4 => (
                format!("a{i}.md"),
                format!("---\ntitle: \"{title}\"\ndate: {date}T08:00:00Z\ntags: [world, culture]\n---\n\n{body}\n").into_bytes(),
            ),
            5 => (format!("{date}-a{i}.md"), format!("# {title}\n\n{body}\n").into_bytes()),
            _ => {
                let text = format!("{title} \u{e9}t\u{e9}\r\n\r\n{}\r\n", body.replace('\n', "\r\n"));
                let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
                (format!("a{i}.txt"), bytes.into_owned())
            }
        };
        std::fs::write(folder.join(name), bytes).expect("write bench article");
    }
}

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
                let contents = Contents {
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
