//! Fuzz targets for what folio reads from outside: article files (bytes to article), the
//! filter language, the config file, and its own bookmarks and reading-state files. Each
//! replays its seed corpus (`tests/fixtures/fuzz/TARGET/`, committed: hostile inputs and
//! any that ever failed), then tries random inputs: byte strings and seeds with bytes
//! changed, cut or repeated. `cargo test` runs a few hundred of each; a long run sets
//! `PROPTEST_CASES` (`PROPTEST_CASES=2000000 cargo test --release --test fuzz_targets`).
//! The invariants are hostile-input.md's: nothing panics; what reaches the screen holds
//! no control or bidi character; sanitising twice changes nothing; what folio writes of
//! its own files reads back the same.

use std::path::{Path, PathBuf};

use folio::careful_file::Contents;
use folio::config::{Config, ConfigError};
use folio::marks::Marks;
use folio::sanitize::{is_clean, sanitize};
use folio::store::read::{FileBytes, article_from_bytes};
use folio::store::{Article, Format, Location};
use proptest::prelude::*;

/// The seed inputs of `target`.
fn corpus(target: &str) -> Vec<Vec<u8>> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .map(|entry| entry.expect("a corpus file").path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|path| std::fs::read(path).expect("a corpus file reads"))
        .collect()
}

/// Random bytes, or a seed of `target` with some bytes changed and a run cut or
/// repeated.
fn inputs(target: &str) -> impl Strategy<Value = Vec<u8>> {
    let seeds = corpus(target);
    let mutated = (
        prop::sample::select(seeds),
        prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
        any::<prop::sample::Index>(),
        0usize..64,
        any::<bool>(),
    )
        .prop_map(|(mut seed, changes, at, run, repeat)| {
            if !seed.is_empty() {
                for (index, byte) in changes {
                    let i = index.index(seed.len());
                    seed[i] = byte;
                }
                let start = at.index(seed.len());
                let end = (start + run).min(seed.len());
                if repeat {
                    let piece = seed[start..end].to_vec();
                    for _ in 0..16 {
                        seed.splice(start..start, piece.iter().copied());
                    }
                } else {
                    seed.drain(start..end);
                }
            }
            seed
        });
    prop_oneof![prop::collection::vec(any::<u8>(), 0..2048), mutated]
}

/// No control (but a line feed where `lines`) and no bidi control.
fn shows_safely(text: &str, lines: bool) -> bool {
    is_clean(text) && (lines || !text.contains('\n'))
}

fn check_article(bytes: &[u8]) {
    for (format, name) in [(Format::Text, "a.txt"), (Format::Markdown, "a.md")] {
        let contents = FileBytes {
            bytes,
            size: bytes.len() as u64,
            mtime: Some(0),
        };
        let location = Location::File(PathBuf::from("/store").join(name));
        let Ok((article, body)) =
            article_from_bytes(&contents, location, name.into(), format, true)
        else {
            continue;
        };
        for field in [
            Some(&article.title),
            article.source.as_ref(),
            article.author.as_ref(),
        ]
        .into_iter()
        .flatten()
        .chain(&article.tags)
        {
            assert!(shows_safely(field, false), "{field:?}");
        }
        if let Some(url) = article.url.as_deref() {
            assert!(shows_safely(url, false), "{url:?}");
            assert!(
                url.starts_with("http://") || url.starts_with("https://"),
                "{url}"
            );
        }
        let text = body.expect("a body asked for").text();
        assert!(shows_safely(&text, true), "{text:?}");
        assert_eq!(
            sanitize(&text),
            text.as_str(),
            "sanitising twice changes nothing"
        );
    }
}

fn check_query(bytes: &[u8]) {
    let input = String::from_utf8_lossy(bytes);
    let today = jiff::civil::date(2026, 12, 4);
    let Ok(query) = folio::query::parse(&input, today) else {
        return;
    };
    let article = Article::named(Location::File("/store/a.txt".into()), input.to_string());
    let body = "Oil and gas prices rose in Hangzhou; 東京の朝 river stones.";
    let _ = query.matches(&article, body, &Marks::default());
    for text in [body, input.as_ref()] {
        for range in query.highlights(text, true) {
            assert!(
                range.start <= range.end && range.end <= text.len(),
                "{range:?}"
            );
            assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
        }
    }
}

fn check_config(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes).into_owned();
    match Config::parse(&text) {
        Ok(config) => {
            let _ = config.settings(true);
        }
        Err(problems) => {
            for problem in &problems {
                assert!(problem.span.end <= text.len() + 3, "{:?}", problem.span);
            }
            let message = ConfigError::Invalid {
                path: "/c/config.toml".into(),
                text,
                problems,
            }
            .to_string();
            assert!(message.contains("/c/config.toml"));
        }
    }
}

fn check_state(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let path = Path::new("/data/folio/state.toml");
    round_trip::<folio::bookmarks::Bookmarks>(&text, path);
    round_trip::<folio::reading::Reading>(&text, path);
}

/// What parses is written back, and that reads back the same.
fn round_trip<C: Contents + PartialEq + std::fmt::Debug>(text: &str, path: &Path) {
    if let Ok(contents) = C::parse(text, path) {
        let written = contents.to_toml();
        let again = C::parse(&written, path).unwrap_or_else(|e| panic!("{e}\n{written}"));
        assert_eq!(again, contents, "{written}");
    }
}

#[test]
fn the_seed_corpus_holds_every_invariant() {
    for bytes in corpus("article") {
        check_article(&bytes);
    }
    for bytes in corpus("query") {
        check_query(&bytes);
    }
    for bytes in corpus("config") {
        check_config(&bytes);
    }
    for bytes in corpus("state") {
        check_state(&bytes);
    }
    // The seeds reach what they are for: a valid file of each kind parses.
    let path = Path::new("/data/folio/state.toml");
    let seed = |name: &str| {
        std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/fuzz/state")
                .join(name),
        )
        .expect("a seed")
    };
    let bookmarks = folio::bookmarks::Bookmarks::parse(&seed("bookmarks.toml"), path);
    assert_eq!(bookmarks.expect("the bookmarks seed parses").list.len(), 1);
    let reading = <folio::reading::Reading as Contents>::parse(&seed("reading.toml"), path);
    assert_eq!(reading.expect("the reading seed parses").len(), 1);
    assert!(Config::parse(&seed_text("config", "valid.toml")).is_ok());
    assert!(
        folio::query::parse(
            &seed_text("query", "or.txt"),
            jiff::civil::date(2026, 12, 4)
        )
        .is_ok()
    );
}

fn seed_text(target: &str, name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/fuzz")
            .join(target)
            .join(name),
    )
    .expect("a seed")
}

proptest! {
    #[test]
    fn fuzz_article(bytes in inputs("article")) {
        check_article(&bytes);
    }

    #[test]
    fn fuzz_query(bytes in inputs("query")) {
        check_query(&bytes);
    }

    #[test]
    fn fuzz_config(bytes in inputs("config")) {
        check_config(&bytes);
    }

    #[test]
    fn fuzz_state(bytes in inputs("state")) {
        check_state(&bytes);
    }
}

/// A long run of one target, for as long as asked: `FOLIO_FUZZ=article:600 cargo test
/// --release --test fuzz_targets -- --ignored --nocapture` tries article inputs for 600
/// seconds, prints how many, and keeps each input that fails an invariant in the target's
/// corpus folder (as `found-N.bin`) before failing.
#[test]
#[ignore = "a long run: set FOLIO_FUZZ=TARGET:SECONDS"]
fn fuzz_for_a_while() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let Ok(asked) = std::env::var("FOLIO_FUZZ") else {
        return;
    };
    let (target, seconds) = asked.split_once(':').expect("FOLIO_FUZZ=TARGET:SECONDS");
    let seconds: u64 = seconds.parse().expect("a number of seconds");
    let check: fn(&[u8]) = match target {
        "article" => check_article,
        "query" => check_query,
        "config" => check_config,
        "state" => check_state,
        other => panic!("no target {other}"),
    };
    let strategy = inputs(target);
    let mut runner = TestRunner::default();
    let started = std::time::Instant::now();
    let mut tried = 0u64;
    let mut failed = Vec::new();
    std::panic::set_hook(Box::new(|_| {}));
    while started.elapsed().as_secs() < seconds {
        let input = strategy.new_tree(&mut runner).expect("an input").current();
        tried += 1;
        if std::panic::catch_unwind(|| check(&input)).is_err() {
            let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/fuzz")
                .join(target);
            let path = folder.join(format!("found-{tried}.bin"));
            std::fs::write(&path, &input).expect("keep the input");
            failed.push(path);
        }
    }
    let _ = std::panic::take_hook();
    println!(
        "fuzz {target}: {tried} inputs in {} s, {} failing",
        started.elapsed().as_secs(),
        failed.len()
    );
    assert!(failed.is_empty(), "inputs that fail, kept: {failed:?}");
}
