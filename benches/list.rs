//! `cargo bench --bench list`: what the list of a large store costs the reader, on a
//! list made in memory of 1,000,000 articles (FOLIO_BENCH_LIST to change it): saving
//! and reading the list kept beside the index (a warm start), and merging a change of
//! one file into it (the store changing while folio runs). Run with divan; medians are
//! what to quote.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use folio::index::snapshot;
use folio::store::changed::Update;
use folio::store::{Article, DateFrom, Format, Location, newest_first};

fn main() {
    divan::main();
}

/// A list of `count` articles shaped like a generated store's, newest first.
fn list() -> &'static Arc<[Article]> {
    static LIST: OnceLock<Arc<[Article]>> = OnceLock::new();
    LIST.get_or_init(|| {
        let count = std::env::var("FOLIO_BENCH_LIST")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(1_000_000);
        let mut articles: Vec<Article> = (0..count).map(article).collect();
        articles.sort_by(newest_first);
        articles.into()
    })
}

fn article(i: usize) -> Article {
    let section = ["business", "politics", "sport", "tech", "entertainment"][i % 5];
    let rel_path = format!(
        "{section}/{}/{i:07}-a-headline-of-some-words.txt",
        2000 + i % 25
    );
    Article {
        location: Location::File(PathBuf::from(format!("/home/reader/news/{rel_path}"))),
        rel_path,
        title: format!("A headline of some seven or eight words, number {i}"),
        date: jiff::civil::Date::new(
            2000 + (i % 25) as i16,
            1 + (i % 12) as i8,
            1 + (i % 28) as i8,
        )
        .ok(),
        date_from: Some(DateFrom::Text),
        source: Some(["BBC News", "The Guardian", "Reuters"][i % 3].to_owned()),
        author: i.is_multiple_of(4).then(|| "A. Reporter".to_owned()),
        tags: Vec::new(),
        description: None,
        url: None,
        words: 400 + i % 300,
        format: Format::Text,
        size: 2400,
        mtime: 1_700_000_000,
    }
}

#[divan::bench(sample_count = 10)]
fn save_the_list(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().expect("temporary folder");
    bencher.bench_local(|| snapshot::write(dir.path(), 1, list()).expect("written"));
}

#[divan::bench(sample_count = 10)]
fn read_the_list(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().expect("temporary folder");
    snapshot::write(dir.path(), 1, list()).expect("written");
    bencher.bench_local(|| snapshot::read(dir.path(), 1).expect("read"));
}

#[divan::bench(sample_count = 10)]
fn merge_one_new_file(bencher: divan::Bencher) {
    let mut new = article(5);
    new.location = Location::File(PathBuf::from("/home/reader/news/new.txt"));
    let update = Update {
        articles: vec![new],
        gone: Vec::new(),
    };
    bencher
        .with_inputs(|| list().to_vec())
        .bench_local_values(|articles| update.apply(articles));
}
