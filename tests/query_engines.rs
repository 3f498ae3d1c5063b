//! The three ways of answering a query agree on random ones: the index, the search over
//! articles in memory (its cache kept from one query to the next, so narrowing is put to
//! the test too) and [`Query::matches`] on each article, on the fixture library with some
//! articles bookmarked and some read. The index lives in a temporary folder.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;

use folio::marks::Marks;
use folio::query::{Query, parse, today};
use folio::search::memory::{Haystacks, search};
use folio::store::{Root, Store};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// Terms of every kind, most of which match some of the library's articles.
const ATOMS: &[&str] = &[
    "the",
    "ferry",
    "market",
    "night",
    "a",
    "tide",
    "snow",
    "xinhua",
    "东京",
    "caf",
    "\"the city\"",
    "title:night",
    "tag:tech",
    "source:a",
    "date:2021..2023",
    "date:2024",
    "before:2015",
    "path:posts",
    "path:blog/2022",
    "path:headers",
    "path:intl/h",
    "is:bookmarked",
    "is:unread",
];

/// A query of up to three chains, each of up to three units: a term or a group, either
/// perhaps negated.
fn query_text() -> impl Strategy<Value = String> {
    let atom = proptest::sample::select(ATOMS).prop_map(str::to_owned);
    let unit = atom.prop_recursive(2, 12, 3, |inner| {
        (
            any::<bool>(),
            proptest::collection::vec(inner, 1..3),
            any::<bool>(),
        )
            .prop_map(|(negated, terms, or)| {
                let joined = terms.join(if or { " OR " } else { " " });
                format!("{}({joined})", if negated { "-" } else { "" })
            })
    });
    let chain = (
        proptest::collection::vec((any::<bool>(), unit), 1..4),
        any::<bool>(),
    )
        .prop_map(|(units, bar)| {
            units
                .into_iter()
                .map(|(negated, unit)| match negated && !unit.starts_with('-') {
                    true => format!("-{unit}"),
                    false => unit,
                })
                .collect::<Vec<_>>()
                .join(if bar { " | " } else { " OR " })
        });
    proptest::collection::vec(chain, 1..4).prop_map(|chains| chains.join(" "))
}

#[test]
fn the_index_the_memory_search_and_the_matcher_agree() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store/library");
    let store = Store::new(vec![Root::Folder(fixtures)]);
    let articles = store.scan().articles;
    assert!(articles.len() > 20);
    let bodies: Vec<String> = articles
        .iter()
        .map(|a| store.load(a).map(|d| d.body.text()).unwrap_or_default())
        .collect();
    let cache = tempfile::tempdir().expect("cache");
    let index = folio::index::Index::open(&store, cache.path()).expect("open the index");
    index.refresh(false, &|_, _| {}).expect("build the index");
    let position: HashMap<_, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.location.clone(), i))
        .collect();
    let mut marks = Marks::default();
    for (i, article) in articles.iter().enumerate() {
        if i % 3 == 0 {
            marks.bookmarked.insert(article.location.clone());
        }
        if i % 2 == 0 {
            marks.read.insert(article.location.clone());
        }
    }
    let haystacks = RefCell::new(Haystacks::default());
    // The three answers to `text`: through the index, in memory, by matching each article.
    let answers = |text: &str| -> [Vec<usize>; 3] {
        let query: Query = parse(text, today()).expect("parses");
        let mut by_index: Vec<usize> = index
            .search_locations(&query, false, &marks)
            .unwrap_or_else(|e| panic!("search the index: {text}: {e}"))
            .into_iter()
            .map(|(location, _)| position[&location])
            .collect();
        by_index.sort_unstable();
        let mut in_memory = Vec::new();
        search(
            &query,
            &articles,
            &mut haystacks.borrow_mut(),
            &store,
            &marks,
            &|| false,
            &mut |matches, done| {
                if done {
                    in_memory = matches.into_iter().map(|m| m.0).collect();
                }
            },
        );
        let by_matching: Vec<usize> = (0..articles.len())
            .filter(|&i| query.matches(&articles[i], &bodies[i], &marks))
            .collect();
        [by_index, in_memory, by_matching]
    };
    // A date inside a group that is excluded or one of an OR: tantivy's date range must
    // not be asked about a document it has passed.
    for text in [
        "-(is:unread date:2021..2023)",
        "x OR -(is:unread date:2021..2023)",
        "-(东京 path:intl/h) OR -(is:unread date:2021..2023)",
        "the (date:2024 OR -(tag:tech before:2015))",
    ] {
        let [by_index, in_memory, by_matching] = answers(text);
        assert_eq!(by_index, by_matching, "the index: {text}");
        assert_eq!(in_memory, by_matching, "in memory: {text}");
    }
    let mut runner = TestRunner::new(Config::with_cases(300));
    runner
        .run(&query_text(), |text| {
            let [by_index, in_memory, by_matching] = answers(&text);
            prop_assert_eq!(&by_index, &by_matching, "the index: {}", text);
            prop_assert_eq!(&in_memory, &by_matching, "in memory: {}", text);
            Ok(())
        })
        .unwrap();
}

/// The reader's positions in its list (`search_positions`, each document's position
/// looked up in a table worked out once, one-letter words answered from each letter's
/// documents) are where the plain way puts them: the index's locations, each found in
/// the list by a map of locations; with the same scores. One list is the index's own,
/// the other in another order and leaving some articles out; the table is kept from
/// one query to the next.
#[test]
fn positions_in_the_list_are_where_the_locations_are() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store/library");
    let store = Store::new(vec![Root::Folder(fixtures)]);
    let cache = tempfile::tempdir().expect("cache");
    let index = folio::index::Index::open(&store, cache.path()).expect("open the index");
    index.refresh(false, &|_, _| {}).expect("build the index");
    let newest_first: std::sync::Arc<[folio::store::Article]> = index.articles().expect("the list");
    let mut other = newest_first.to_vec();
    other.reverse();
    other.retain(|a| !a.rel_path.contains("posts"));
    let lists = [newest_first, other.into()];
    let mut marks = Marks::default();
    for (i, article) in lists[0].iter().enumerate() {
        if i % 3 == 0 {
            marks.bookmarked.insert(article.location.clone());
        }
    }
    let places = RefCell::new(folio::index::places::Places::default());
    // Every first letter's documents kept, so one-letter words are answered from them.
    index
        .prepare_places_keeping(&mut places.borrow_mut(), 1)
        .expect("prepare");
    let check = |text: &str, list: &std::sync::Arc<[folio::store::Article]>| {
        let query: Query = parse(text, today()).expect("parses");
        let position: HashMap<_, usize> = list
            .iter()
            .enumerate()
            .map(|(i, a)| (a.location.clone(), i))
            .collect();
        let mut plain: Vec<(usize, f32)> = index
            .search_locations(&query, true, &marks)
            .expect("search")
            .into_iter()
            .filter_map(|(location, score)| Some((*position.get(&location)?, score)))
            .collect();
        plain.sort_by_key(|m| m.0);
        let fast = index
            .search_positions(&query, &marks, list, &mut places.borrow_mut(), &|| false)
            .expect("search")
            .expect("not cancelled");
        let at = |m: &[(usize, f32)]| m.iter().map(|m| m.0).collect::<Vec<_>>();
        assert_eq!(at(&fast), at(&plain), "{text}");
        for (f, p) in fast.iter().zip(&plain) {
            assert!(
                (f.1 - p.1).abs() <= 1e-4 * p.1.abs().max(1.0),
                "{text}: {f:?} {p:?}"
            );
        }
    };
    let mut runner = TestRunner::new(Config::with_cases(150));
    runner
        .run(&(query_text(), 0..2usize), |(text, list)| {
            check(&text, &lists[list]);
            Ok(())
        })
        .unwrap();
    for text in [
        "the",
        "a",
        "t",
        "m",
        "s",
        "東",
        "title:t",
        "a OR t",
        "-t",
        "(t m) OR -a",
        "market",
        "date:2024",
        "-the",
    ] {
        for list in &lists {
            check(text, list);
        }
    }
    // A search told to stop stops, with no answer.
    let query = parse("the", today()).unwrap();
    let stopped = index
        .search_positions(&query, &marks, &lists[0], &mut places.borrow_mut(), &|| {
            true
        })
        .unwrap();
    assert!(stopped.is_none());
}
