//! `cargo bench --bench filter`: the filter engine on a generated store of 20,000
//! articles (FOLIO_BENCH_ARTICLES to change it), through the index and, for
//! comparison, by reading every article. Run with divan; medians are what to quote.

use std::sync::OnceLock;

use folio::index::Index;
use folio::marks::Marks;
use folio::query::{Query, parse, today};
use folio::store::{Root, Store};

#[path = "support/store.rs"]
mod support;

/// The store and its index, built once for all benchmarks.
struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    index: Index,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let count = std::env::var("FOLIO_BENCH_ARTICLES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(20_000);
        let dir = tempfile::tempdir().expect("temporary folder");
        let articles = dir.path().join("store");
        support::write_store(&articles, count);
        let store = Store::new(vec![Root::Folder(articles)]);
        let index = Index::open(&store, &dir.path().join("cache")).expect("open the index");
        index.refresh(false, &|_, _| {}).expect("build the index");
        Fixture {
            _dir: dir,
            store,
            index,
        }
    })
}

fn query(text: &str) -> Query {
    parse(text, today()).expect("a valid query")
}

const QUERIES: &[&str] = &[
    "river",
    "riv",
    "\"city council\"",
    "market -winter",
    "title:bridge date:2010..2015",
    "date:2020",
];

/// Searching the index (words, prefixes, phrases, fields, dates), unscored.
#[divan::bench(args = QUERIES)]
fn index_search(bencher: divan::Bencher, text: &str) {
    let fixture = fixture();
    let query = query(text);
    bencher.bench(|| {
        fixture
            .index
            .search(&query, false, &Marks::default())
            .expect("search")
            .len()
    });
}

/// The same, with BM25 scores for the relevance sort.
#[divan::bench(args = ["river", "city council"])]
fn index_search_scored(bencher: divan::Bencher, text: &str) {
    let fixture = fixture();
    let query = query(text);
    bencher.bench(|| {
        fixture
            .index
            .search(&query, true, &Marks::default())
            .expect("search")
            .len()
    });
}

/// Checking every file against the index when nothing changed (the cost of a warm start).
#[divan::bench(sample_count = 10)]
fn index_refresh_unchanged(bencher: divan::Bencher) {
    let fixture = fixture();
    let store = fixture.store.clone();
    let cache = fixture._dir.path().join("cache");
    bencher.bench(|| {
        let index = Index::open(&store, &cache).expect("open");
        index.refresh(false, &|_, _| {}).expect("refresh").0.files
    });
}

/// Without the index: reading and matching every article.
#[divan::bench(sample_count = 3, args = ["river"])]
fn by_reading(bencher: divan::Bencher, text: &str) {
    let fixture = fixture();
    let query = query(text);
    bencher.bench(|| {
        folio::search::by_reading(&fixture.store, &query, &Marks::default())
            .articles
            .len()
    });
}

fn main() {
    divan::main();
}
