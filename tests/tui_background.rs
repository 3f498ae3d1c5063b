//! Work off the event loop: reading the store while the screen is already up, and
//! searching article text in the background, in pieces that a newer filter stops.

mod tui_support;

use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use crossterm::event::KeyCode;
use folio::marks::Marks;
use folio::query::{Query, parse};
use folio::search::memory::{self, Haystacks};
use folio::store::{Root, Store};
use folio::tui::effects::loading;
use folio::tui::effects::loading::IndexSlot;
use folio::tui::effects::messages::Outcome;
use folio::tui::effects::search_worker::Searcher;
use folio::tui::runtime::road;
use folio::tui::ui::status::left_text;
use folio::tui::{Action, App, Effect, Keymap};
use tui_support::*;

fn q(text: &str) -> Query {
    parse(text, folio::query::today()).expect("a query that parses")
}

/// An app as the loop starts it: no articles yet, the store being read.
fn loading_app(width: u16, height: u16) -> App {
    let mut app = App::new(Vec::new(), "fixtures".to_owned(), 0, Keymap::default());
    app.finish(Outcome::Scanning { found: 0 });
    app.update(Action::Resize { width, height });
    app
}

#[test]
fn the_background_scan_gives_what_store_scan_gives() {
    let dir = store_dir();
    let other = store_dir();
    for roots in [
        vec![Root::Folder(dir.path().to_owned())],
        vec![
            Root::Folder(dir.path().to_owned()),
            Root::Folder(dir.path().join("2022-03-14-tabs.txt")),
            Root::Folder(other.path().to_owned()),
            Root::Sample,
        ],
    ] {
        let store = Store::new(roots);
        let expected = store.scan();
        let (articles, problems) = loading::scan(&store, &mut |_| {});
        // Newest first; articles that tie (same date and path in two folders) in any order.
        let key = |a: &folio::store::Article| (a.date, a.rel_path.clone(), a.location.display());
        let mut got: Vec<_> = articles.iter().map(key).collect();
        let mut want: Vec<_> = expected.articles.iter().map(key).collect();
        assert!(
            got.windows(2)
                .all(|w| (w[0].0.is_none(), std::cmp::Reverse(w[0].0))
                    <= (w[1].0.is_none(), std::cmp::Reverse(w[1].0)))
        );
        got.sort();
        want.sort();
        assert_eq!(got, want);
        assert_eq!(problems, expected.problems.len());
    }
}

#[test]
fn the_screen_is_up_while_the_store_is_read_and_fills_when_it_is() {
    let dir = store_dir();
    let (scanned, runner) = app_for(dir.path(), 120, 40);
    let mut app = loading_app(120, 40);
    let text = screen(&app);
    assert!(
        text.contains("Reading fixtures… 0 articles so far"),
        "{text}"
    );
    assert!(left_text(&app, true).starts_with("reading store… 0 articles"));
    assert_eq!(app.finish(Outcome::Scanning { found: 1234 }), None);
    assert!(screen(&app).contains("Reading fixtures… 1,234 articles so far"));
    // Keys work meanwhile: a filter typed now is searched once the articles are in.
    press(&mut app, &runner, key(KeyCode::Char('/')));
    type_keys(&mut app, &runner, "essay");
    assert!(app.list.visible.is_empty());
    let effect = app.finish(Outcome::Scanned {
        articles: std::sync::Arc::clone(&scanned.articles),
        problems: 0,
    });
    assert_eq!(effect, Some(Effect::Search(q("essay"))));
    assert!(
        left_text(&app, true).contains("searching text…"),
        "{}",
        left_text(&app, true)
    );
    road::carry_out(&mut app, &runner, effect.unwrap());
    road::receive_all(&mut app, &runner);
    assert!(!app.busy());
    assert_eq!(app.list.visible.len(), 1);
    assert!(left_text(&app, true).starts_with("1 of 6 articles · newest first · fixtures"));
}

#[test]
fn answers_to_an_older_filter_are_dropped_and_partial_ones_say_so() {
    let dir = store_dir();
    let (mut app, runner) = app_for(dir.path(), 120, 40);
    press(&mut app, &runner, key(KeyCode::Char('/')));
    assert_eq!(
        app.update(Action::Insert('z')),
        Some(Effect::Search(q("z")))
    );
    assert!(app.busy());
    app.update(Action::Insert('q'));
    app.finish(Outcome::Searched {
        query: q("z"),
        matches: vec![(0, 0.0), (1, 0.0)],
        pending: false,
    });
    assert_eq!(app.list.visible.len(), 6, "the answer for z is stale");
    app.finish(Outcome::Searched {
        query: q("zq"),
        matches: Vec::new(),
        pending: true,
    });
    assert!(app.busy());
    assert!(screen(&app).contains("Searching article text…"));
    app.finish(Outcome::Searched {
        query: q("zq"),
        matches: Vec::new(),
        pending: false,
    });
    assert!(!app.busy());
    let text = screen(&app);
    assert!(text.contains("No articles match “zq”"), "{text}");
    assert!(text.contains("Esc in the list clears the filter"), "{text}");
}

#[test]
fn a_search_reports_metadata_first_narrows_and_stops_when_cancelled() {
    let dir = store_dir();
    let store = Store::new(vec![Root::Folder(dir.path().to_owned())]);
    let articles: Arc<[_]> = store.scan().articles.into();
    let mut haystacks = Haystacks::default();
    let titled = |m: &(usize, f32)| articles[m.0].title.clone();
    // "morning" is in one title, and in the text of another.
    let mut reports = Vec::new();
    let done = memory::search(
        &q("morning"),
        &articles,
        &mut haystacks,
        &store,
        &Marks::default(),
        &|| false,
        &mut |matches, done| reports.push((matches, done)),
    );
    assert!(done);
    let (first, first_done) = &reports[0];
    assert!(!first_done);
    assert_eq!(
        first.iter().map(titled).collect::<Vec<_>>(),
        ["東京の朝 — morning notes"]
    );
    let (all, all_done) = reports.last().unwrap();
    assert!(*all_done, "{reports:?}");
    assert_eq!(
        all.iter().map(titled).collect::<Vec<_>>(),
        [
            "東京の朝 — morning notes",
            "A long essay about rivers and stones"
        ]
    );
    // A narrower filter gives what a fresh search does.
    let mut narrower = Vec::new();
    memory::search(
        &q("morning light"),
        &articles,
        &mut haystacks,
        &store,
        &Marks::default(),
        &|| false,
        &mut |m, done| {
            if done {
                narrower = m
            }
        },
    );
    let mut fresh = Haystacks::default();
    let mut expected = Vec::new();
    memory::search(
        &q("morning light"),
        &articles,
        &mut fresh,
        &store,
        &Marks::default(),
        &|| false,
        &mut |m, done| {
            if done {
                expected = m
            }
        },
    );
    assert_eq!(narrower, expected);
    // Cancelled: no final answer.
    let mut fresh = Haystacks::default();
    let mut finals = 0;
    let done = memory::search(
        &q("harbour"),
        &articles,
        &mut fresh,
        &store,
        &Marks::default(),
        &|| true,
        &mut |_, done| finals += usize::from(done),
    );
    assert!(!done);
    assert_eq!(finals, 0);
}

#[test]
fn the_search_thread_answers_the_latest_filter() {
    let dir = store_dir();
    let store = Store::new(vec![Root::Folder(dir.path().to_owned())]);
    let articles: Arc<[_]> = store.scan().articles.into();
    let (outcomes, answers) = mpsc::channel();
    let searcher = Searcher::spawn(store, IndexSlot::default(), outcomes);
    for text in ["r", "ri", "riv", "river"] {
        searcher.request(q(text), Arc::clone(&articles), Arc::default());
    }
    let titles: Vec<&str> = final_matches(&answers, "river")
        .into_iter()
        .map(|i| articles[i].title.as_str())
        .collect();
    assert!(titles.contains(&"A long essay about rivers and stones"));
}

/// The final answer the search thread gives for `text`, its states as `marks` say.
fn final_answer(
    searcher: &Searcher,
    answers: &mpsc::Receiver<Outcome>,
    articles: &Arc<[folio::store::Article]>,
    marks: &Arc<Marks>,
    text: &str,
) -> Vec<usize> {
    searcher.request(q(text), Arc::clone(articles), Arc::clone(marks));
    final_matches(answers, text)
}

/// Waits for the search thread's final answer to `text`; earlier ones are passed over.
fn final_matches(answers: &mpsc::Receiver<Outcome>, text: &str) -> Vec<usize> {
    loop {
        let outcome = answers
            .recv_timeout(Duration::from_secs(10))
            .expect("an answer");
        if let Outcome::Searched {
            query,
            matches,
            pending: false,
        } = outcome
            && query == q(text)
        {
            return matches.into_iter().map(|(i, _)| i).collect();
        }
    }
}

#[test]
fn searching_through_the_index_gives_the_same_positions_as_reading() {
    let dir = store_dir();
    let cache = tempfile::tempdir().expect("cache");
    let store = Store::new(vec![Root::Folder(dir.path().to_owned())]);
    let articles: Arc<[_]> = store.scan().articles.into();
    let index = folio::index::Index::open(&store, cache.path()).expect("open the index");
    index.refresh(false, &|_, _| {}).expect("build the index");
    let slot = IndexSlot::default();
    *slot.write().unwrap() = Some(Arc::new(index));
    let (with_tx, with_rx) = mpsc::channel();
    let with_index = Searcher::spawn(store.clone(), slot, with_tx);
    let bodies: Vec<String> = articles
        .iter()
        .map(|a| store.load(a).map(|d| d.body.text()).unwrap_or_default())
        .collect();
    let (without_tx, without_rx) = mpsc::channel();
    let without = Searcher::spawn(store, IndexSlot::default(), without_tx);
    // Every other article bookmarked, every third one read.
    let mut marks = Marks::default();
    for (i, article) in articles.iter().enumerate() {
        if i % 2 == 0 {
            marks.bookmarked.insert(article.location.clone());
        }
        if i % 3 == 0 {
            marks.read.insert(article.location.clone());
        }
    }
    let marks = Arc::new(marks);
    for text in [
        "river",
        "the -stone",
        "\"long essay\"",
        "東京",
        "date:2020..2023",
        "tag:a",
        "is:bookmarked",
        "is:unread",
        "-is:unread",
        "-is:bookmarked the",
        "is:unread -is:bookmarked",
        "river OR tokyo",
        "stone | 東京 date:2021..2023",
        "(river OR table) -(stone date:2021)",
        "-(a OR the)",
        "is:bookmarked OR river",
        "-(is:unread OR tokyo) the",
        "path:2021 OR path:undated",
        "path:2024-05 OR (title:tour -path:2024)",
        "-path:2023 (reader | note)",
        "(is:unread path:2022) OR (is:bookmarked tokyo)",
    ] {
        let answer = final_answer(&with_index, &with_rx, &articles, &marks, text);
        assert_eq!(
            answer,
            final_answer(&without, &without_rx, &articles, &marks, text),
            "{text}"
        );
        {
            let parsed = q(text);
            let expected: Vec<usize> = (0..articles.len())
                .filter(|&i| parsed.matches(&articles[i], &bodies[i], &marks))
                .collect();
            assert_eq!(answer, expected, "{text}");
        }
    }
}

/// Starts reading `store` (its index in `cache`) as the reader does, and takes the
/// answers until the index is up to date; the channel stays open for what follows (the
/// store followed while "folio" runs).
fn start_loading(
    store: &Store,
    cache: &std::path::Path,
    slot: &IndexSlot,
) -> (Vec<Outcome>, mpsc::Receiver<Outcome>) {
    let (outcomes, answers) = mpsc::channel();
    loading::spawn(
        store.clone(),
        Some(cache.to_owned()),
        slot.clone(),
        outcomes,
    );
    let mut seen = Vec::new();
    while let Ok(outcome) = answers.recv_timeout(Duration::from_secs(20)) {
        let last = outcome == Outcome::Indexed;
        seen.push(outcome);
        if last {
            break;
        }
    }
    (seen, answers)
}

#[test]
fn a_second_start_lists_from_the_index_and_indexes_only_what_changed() {
    let dir = store_dir();
    let cache = tempfile::tempdir().expect("cache");
    let store = Store::new(vec![Root::Folder(dir.path().to_owned())]);
    let run = |slot: &IndexSlot| start_loading(&store, cache.path(), slot).0;
    let first = IndexSlot::default();
    let seen = run(&first);
    assert!(first.read().unwrap().is_some(), "the index is published");
    let indexing = seen
        .iter()
        .filter_map(|o| match o {
            Outcome::Indexing { total, .. } => Some(*total),
            _ => None,
        })
        .max();
    assert_eq!(indexing, Some(6), "every article read once: {seen:?}");
    let second = run(&IndexSlot::default());
    assert!(
        matches!(&second[0], Outcome::Scanned { articles, .. } if articles.len() == 6),
        "listed at once from the index: {:?}",
        second.first()
    );
    assert!(
        !second
            .iter()
            .any(|o| matches!(o, Outcome::Indexing { .. } | Outcome::Scanning { .. })),
        "nothing read again: {second:?}"
    );
}

#[test]
fn a_change_seen_while_running_is_listed_from_the_index_at_the_next_start() {
    let dir = store_dir();
    let cache = tempfile::tempdir().expect("cache");
    let store = Store::new(vec![Root::Folder(dir.path().to_owned())]);
    let start = || start_loading(&store, cache.path(), &IndexSlot::default());
    let (_, answers) = start();
    std::fs::write(dir.path().join("2026-12-04-new.md"), "# New\n\nText.\n").unwrap();
    let changed = answers.recv_timeout(Duration::from_secs(10));
    assert!(
        matches!(&changed, Ok(Outcome::StoreChanged(update)) if update.articles.len() == 1),
        "{changed:?}"
    );
    // The list beside the index is saved once the store has been still for a while.
    std::thread::sleep(Duration::from_secs(4));
    let index = folio::index::Index::open(&store, cache.path()).expect("the index");
    let folder = std::fs::read_dir(cache.path().join("index"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let saved = folio::index::snapshot::read(&folder, index.opstamp());
    assert_eq!(
        saved.map(|list| list.len()),
        Some(7),
        "saved for the commit now"
    );
    drop(index);
    let (second, _) = start();
    assert!(
        matches!(&second[0], Outcome::Scanned { articles, .. } if articles.len() == 7),
        "listed at once from the index, the new article with them: {:?}",
        second.first()
    );
    assert!(
        !second
            .iter()
            .any(|o| matches!(o, Outcome::Indexing { .. } | Outcome::Scanning { .. })),
        "nothing read again: {second:?}"
    );
}

#[test]
fn changes_made_while_folio_was_not_running_come_as_a_change_to_the_list() {
    let dir = store_dir();
    let cache = tempfile::tempdir().expect("cache");
    let store = Store::new(vec![Root::Folder(dir.path().to_owned())]);
    let start = || start_loading(&store, cache.path(), &IndexSlot::default()).0;
    start();
    std::fs::write(dir.path().join("2026-12-04-new.md"), "# New\n\nText.\n").unwrap();
    std::fs::remove_file(dir.path().join("2022-03-14-tabs.txt")).unwrap();
    let seen = start();
    assert!(
        matches!(&seen[0], Outcome::Scanned { articles, .. } if articles.len() == 6),
        "the list as the index had it, at once: {:?}",
        seen.first()
    );
    let changes: Vec<_> = seen
        .iter()
        .filter_map(|o| match o {
            Outcome::StoreChanged(update) => Some(update),
            _ => None,
        })
        .collect();
    assert_eq!(changes.len(), 1, "{seen:?}");
    let titles: Vec<&str> = changes[0]
        .articles
        .iter()
        .map(|a| a.title.as_str())
        .collect();
    assert_eq!(titles, ["New"]);
    assert_eq!(changes[0].gone, [dir.path().join("2022-03-14-tabs.txt")]);
    assert!(
        !seen[1..]
            .iter()
            .any(|o| matches!(o, Outcome::Scanned { .. })),
        "no second list: {seen:?}"
    );
}

#[test]
fn a_start_listed_from_the_index_learns_how_many_files_are_not_articles() {
    let dir = store_dir();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    std::fs::write(
        dir.path().join("page.html"),
        "<html><body><script>x()</script></body></html>",
    )
    .unwrap();
    let cache = tempfile::tempdir().expect("cache");
    let store = Store::new(vec![Root::Folder(dir.path().to_owned())]);
    let first = start_loading(&store, cache.path(), &IndexSlot::default()).0;
    assert!(
        first
            .iter()
            .any(|o| matches!(o, Outcome::Scanned { problems: 2, .. })),
        "{first:?}"
    );
    let second = start_loading(&store, cache.path(), &IndexSlot::default()).0;
    assert!(
        matches!(&second[0], Outcome::Scanned { problems: 0, .. }),
        "listed from the index, which cannot say at once: {:?}",
        second.first()
    );
    assert!(
        second.contains(&Outcome::Problems(2)),
        "the index's count follows: {second:?}"
    );
}
