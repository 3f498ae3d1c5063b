//! `folio list --query` through the index: every form of the filter language on a store
//! whose answers are worked out by hand, the index checked against reading the articles
//! themselves, and the index kept right when files change, vanish, or the index is
//! damaged. The binary runs with its XDG folders and HOME in a temporary folder.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use folio::marks::Marks;
use folio::query::{parse, today};
use folio::store::{Root, Store};

mod cli_support;
use cli_support::Sandbox;

/// The sandbox, with the queries these tests run in it.
struct Env(Sandbox);

impl std::ops::Deref for Env {
    type Target = Sandbox;

    fn deref(&self) -> &Sandbox {
        &self.0
    }
}

impl Env {
    fn new() -> Env {
        Env(Sandbox::new())
    }

    /// The paths `folio list --query` prints for `query`.
    fn query(&self, query: &str) -> BTreeSet<String> {
        self.query_in(query, &self.store())
    }

    fn query_in(&self, query: &str, store: &Path) -> BTreeSet<String> {
        let (paths, _) = self.query_paths(query, Some(store));
        paths
    }

    fn index_dir(&self) -> PathBuf {
        let index = self.dir.path().join("cache/folio/index");
        std::fs::read_dir(&index)
            .expect("the index folder exists")
            .flatten()
            .next()
            .expect("one index")
            .path()
    }
}

fn set(paths: &[&str]) -> BTreeSet<String> {
    paths.iter().map(|p| p.to_string()).collect()
}

/// A small store whose every answer is known.
fn known_store() -> Env {
    let env = Env::new();
    env.write(
        "a.md",
        "---\ntitle: Climate talks resume\ndate: 2024-11-21\nsource: Reuters\nauthor: Ana Núñez\ntags: [world news, économie]\n---\n\nDelegates met at the old mill in Belém.\n",
    );
    env.write(
        "b.txt",
        "Title: Climbing season opens\nDate: 2024-12-02\nSource: Mountain Post\nTags: outdoors\n\nThe café at Warner's was full of climbers.\n",
    );
    env.write(
        "c.txt",
        "date 2025-02-10 新图书馆开放\n\nHANGZHOU, Feb. 10 (Xinhua) -- 新图书馆今天开放。The new library opened.\n",
    );
    env.write(
        "d.md",
        "+++\ntitle = \"Mill news\"\ndate = 2023-05-14\ntags = [\"world\", \"news today\"]\n+++\n\nThe mill old and new: a river runs by the mill.\n",
    );
    env.write(
        "e.txt",
        "An undated note\n\nNothing about the weather here.\n",
    );
    // Dated by its mtime, as an estimate: 2001-01-01.
    let e = std::fs::File::options()
        .write(true)
        .open(env.store().join("e.txt"))
        .unwrap();
    e.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(978_307_200))
        .unwrap();
    env
}

#[test]
fn every_form_selects_what_the_rules_select() {
    let env = known_store();
    let cases: &[(&str, &[&str])] = &[
        ("clim", &["a.md", "b.txt"]),
        ("CLIMATE", &["a.md"]),
        ("cafe", &["b.txt"]),
        ("belem", &["a.md"]),
        ("warner", &["b.txt"]),
        ("warner's", &["b.txt"]),
        ("图书馆", &["c.txt"]),
        ("书馆今", &["c.txt"]),
        ("\"old mill\"", &["a.md"]),
        ("\"mill old\"", &["d.md"]),
        ("\"old mil\"", &[]),
        ("mill -river", &["a.md"]),
        ("-\"old mill\" mill", &["d.md"]),
        ("title:mill", &["d.md"]),
        ("title:\"climate talks\"", &["a.md"]),
        ("source:reu", &["a.md"]),
        ("source:xinhua", &["c.txt"]),
        ("author:nunez", &["a.md"]),
        ("-author:nunez", &["b.txt", "c.txt", "d.md", "e.txt"]),
        ("tag:econ", &["a.md"]),
        ("tag:\"world news\"", &["a.md"]),
        ("tag:\"news economie\"", &[]),
        ("tag:\"world news\" tag:today", &[]),
        ("tag:news", &["a.md", "d.md"]),
        ("date:2024", &["a.md", "b.txt"]),
        ("date:2024-11", &["a.md"]),
        ("date:2024-11-21", &["a.md"]),
        ("date:2024-11..2025-02", &["a.md", "b.txt", "c.txt"]),
        ("date:2024-12..", &["b.txt", "c.txt"]),
        ("after:2024-12-02", &["b.txt", "c.txt"]),
        ("before:2024-12-02", &["a.md", "d.md", "e.txt"]),
        ("before:2024-12", &["a.md", "d.md", "e.txt"]),
        ("date:2001", &["e.txt"]),
        ("-date:2024", &["c.txt", "d.md", "e.txt"]),
        ("weather", &["e.txt"]),
        ("the -the", &[]),
        ("", &["a.md", "b.txt", "c.txt", "d.md", "e.txt"]),
        ("climate OR weather", &["a.md", "e.txt"]),
        ("climate | cafe", &["a.md", "b.txt"]),
        ("climate|weather", &["a.md", "e.txt"]),
        // OR binds tighter than the terms beside it: (mill OR weather) date:2001.
        ("mill OR weather date:2001", &["e.txt"]),
        ("clim OR weather date:2024", &["a.md", "b.txt"]),
        ("(mill OR cafe) -(river date:2023)", &["a.md", "b.txt"]),
        ("-(mill OR cafe)", &["c.txt", "e.txt"]),
        ("-(mill | cafe) -weather", &["c.txt"]),
        (
            "-(source:reuters date:2024)",
            &["b.txt", "c.txt", "d.md", "e.txt"],
        ),
        (
            "-(source:reuters date:2025)",
            &["a.md", "b.txt", "c.txt", "d.md", "e.txt"],
        ),
        ("title:mill OR source:xinhua", &["c.txt", "d.md"]),
        ("tag:econ OR tag:outdoors after:2024-12", &["b.txt"]),
        ("(date:2023 | date:2025) -新", &["d.md"]),
        ("-date:2024 OR weather", &["c.txt", "d.md", "e.txt"]),
        ("\"old mill\" OR \"mill old\"", &["a.md", "d.md"]),
        ("(clim date:2024-12) OR (mill -river)", &["a.md", "b.txt"]),
        (
            "((mill OR cafe) date:2024) OR weather",
            &["a.md", "b.txt", "e.txt"],
        ),
        ("-(-mill)", &["a.md", "d.md"]),
        ("oil OR gas", &[]),
        ("path:a.md OR path:E", &["a.md", "e.txt"]),
        ("path:d", &["d.md"]),
        ("PATH:D.MD title:mill", &["d.md"]),
        ("-path:a -path:b -path:c", &["d.md", "e.txt"]),
        ("path:md date:2024", &[]),
        ("path:a OR path:b date:2024-12", &["b.txt"]),
    ];
    // Twice: the first run builds the index, the second uses it as it stands.
    for round in ["cold", "warm"] {
        for (query, expected) in cases {
            assert_eq!(env.query(query), set(expected), "{round}: {query}");
        }
    }
}

#[test]
fn path_selects_folder_and_file_names() {
    let env = Env::new();
    for (rel, text) in [
        (
            "Business/2023/05-markets/oil.md",
            "---\ntitle: Oil\ndate: 2023-05-02\n---\n\nCrude.\n",
        ),
        (
            "Business/2024/gas.txt",
            "Title: Gas\nDate: 2024-01-09\n\nPipelines.\n",
        ),
        (
            "notes/2023/05.txt",
            "Title: May\nDate: 2023-05-30\n\nCrude notes.\n",
        ),
        (
            "notes/business-ideas.md",
            "---\ntitle: Ideas\n---\n\nA kiosk.\n",
        ),
    ] {
        env.write(rel, text);
    }
    let oil = "Business/2023/05-markets/oil.md";
    let gas = "Business/2024/gas.txt";
    let may = "notes/2023/05.txt";
    let ideas = "notes/business-ideas.md";
    let cases: &[(&str, &[&str])] = &[
        ("path:business", &[oil, gas, ideas]),
        ("path:BUSINESS/", &[oil, gas, ideas]),
        ("path:2023/05", &[oil, may]),
        ("path:business/2023", &[oil]),
        ("path:notes -path:2023", &[ideas]),
        ("path:2024 OR path:05", &[oil, gas, may]),
        ("path:05-markets/oil.md", &[oil]),
        ("path:oil.md/x", &[]),
        ("path:usiness", &[]),
        ("path:notes/05", &[]),
        ("crude -path:notes", &[oil]),
        ("path:business date:2023", &[oil]),
        // The undated one is dated by its file's mtime: today.
        ("(path:notes OR path:2024) after:2023-06", &[gas, ideas]),
        ("-(path:business crude)", &[gas, may, ideas]),
    ];
    for round in ["cold", "warm"] {
        for (query, expected) in cases {
            assert_eq!(env.query(query), set(expected), "{round}: {query}");
        }
    }
}

#[test]
fn since_counts_back_from_today() {
    let env = known_store();
    let recent = today().checked_sub(jiff::Span::new().days(3)).unwrap();
    env.write(
        "recent.txt",
        &format!("Title: Fresh\nDate: {recent}\n\nJust in.\n"),
    );
    assert_eq!(env.query("since:7d"), set(&["recent.txt"]));
    assert_eq!(env.query("since:2w fresh"), set(&["recent.txt"]));
    assert!(env.query("since:1y").contains("recent.txt"));
}

#[test]
fn the_index_agrees_with_reading_every_article() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store/library");
    let store = Store::new(vec![Root::Folder(fixtures.clone())]);
    let env = Env::new();
    let queries = [
        "the",
        "xinhua",
        "caf",
        "library -the",
        "\"the city\"",
        "title:a",
        "tag:tech",
        "date:2024",
        "after:2020-01-01 -date:2024",
        "before:2010",
        "source:a",
        "author:a",
        "东京",
        "ü",
        "-e",
        "path:posts",
        "path:blog/2022",
        "path:2021/03 OR tag:tech",
        "(the OR xinhua) -path:wire",
        "-(title:a date:2024)",
        "ferry | tide date:2020..2025",
        "path:intl/h OR (path:headers -the)",
        "-(path:posts OR path:blog) -(a b)",
        "library OR 东京 OR \"the city\"",
        // A date inside an excluded group, with what tantivy's date range must not be
        // asked twice.
        "-(is:unread date:2021..2023)",
        "x OR -(is:unread date:2021..2023)",
    ];
    for query in queries {
        let parsed = parse(query, today()).expect("parses");
        let expected: BTreeSet<String> =
            folio::search::by_reading(&store, &parsed, &Marks::default())
                .articles
                .into_iter()
                .map(|a| a.rel_path)
                .collect();
        assert_eq!(env.query_in(query, &fixtures), expected, "{query}");
    }
}

#[test]
fn new_changed_and_deleted_files_are_picked_up() {
    let env = known_store();
    assert_eq!(env.query("weather"), set(&["e.txt"]));
    // Changed to the same size within the same second: only the mtime's nanoseconds differ.
    let e = env.store().join("e.txt");
    let before = std::fs::metadata(&e).unwrap().modified().unwrap();
    std::fs::write(&e, "An undated note\n\nNothing about the climate here.\n").unwrap();
    let file = std::fs::File::options().write(true).open(&e).unwrap();
    file.set_modified(before + std::time::Duration::from_nanos(1))
        .unwrap();
    drop(file);
    env.write("f.txt", "Weather report\n\nRain.\n");
    std::fs::remove_file(env.store().join("a.md")).unwrap();
    assert_eq!(env.query("weather"), set(&["f.txt"]));
    assert_eq!(env.query("climate"), set(&["e.txt"]));
    assert_eq!(env.query("clim"), set(&["b.txt", "e.txt"]));
}

#[test]
fn a_damaged_or_outdated_index_is_rebuilt_not_trusted() {
    let env = known_store();
    assert_eq!(env.query("mill"), set(&["a.md", "d.md"]));
    let dir = env.index_dir();
    std::fs::write(dir.join("meta.json"), "{ not json").unwrap();
    assert_eq!(env.query("mill"), set(&["a.md", "d.md"]));
    std::fs::write(dir.join("folio-index-version"), "0").unwrap();
    assert_eq!(env.query("mill"), set(&["a.md", "d.md"]));
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        if entry.path().extension().is_some_and(|e| e != "json") {
            std::fs::write(entry.path(), b"garbage").unwrap();
        }
    }
    assert_eq!(env.query("mill"), set(&["a.md", "d.md"]));
}

#[test]
fn a_bad_term_is_named_with_what_is_wrong() {
    let env = known_store();
    let store = env.store();
    for (query, says) in [
        (
            "river date:2024-13",
            "date:2024-13: month 13 is not 01 to 12",
        ),
        ("\"two words", "\"two words: the quote is not closed"),
        ("colour:red", "colour:red: unknown field colour:"),
    ] {
        let stderr = env.refused_query(query, &store);
        assert!(stderr.contains(says), "{query}: {stderr}");
    }
}

#[test]
fn the_sample_library_answers_without_an_index() {
    let env = Env::new();
    let output = env.folio(&["list", "--json", "--query", "龙井 -date:2020"]);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("龙井村的春茶季"), "{text}");
    assert!(!env.dir.path().join("cache/folio/index").exists());
}

#[test]
fn locations_and_articles_name_the_same_files() {
    let env = known_store();
    let store = Store::new(vec![Root::Folder(env.store())]);
    let cache = env.dir.path().join("cache");
    let index = folio::index::Index::open(&store, &cache).expect("open");
    let (changes, _) = index.refresh(false, &|_, _| {}).expect("refresh");
    assert_eq!((changes.read, changes.files), (5, 5));
    let query = parse("mill", today()).unwrap();
    let mut from_articles: Vec<_> = index
        .search(&query, false, &Marks::default())
        .unwrap()
        .into_iter()
        .map(|hit| hit.article.location)
        .collect();
    let mut from_keys: Vec<_> = index
        .search_locations(&query, true, &Marks::default())
        .unwrap()
        .into_iter()
        .map(|(location, _)| location)
        .collect();
    from_articles.sort_by_key(|l| l.display());
    from_keys.sort_by_key(|l| l.display());
    assert_eq!(from_articles, from_keys);
    assert_eq!(from_keys.len(), 2);
    assert_eq!(index.articles().unwrap().len(), 5);
    // Nothing changed: nothing is read again.
    let (again, _) = index.refresh(false, &|_, _| {}).expect("refresh");
    assert_eq!((again.read, again.removed, again.files), (0, 0, 5));
}

#[test]
fn title_matches_weigh_more_than_body_matches() {
    let env = Env::new();
    env.write(
        "body.txt",
        "Unrelated headline\n\nThe harbour, the harbour, by the harbour wall.\n",
    );
    env.write("title.txt", "Harbour news\n\nA short note.\n");
    let store = Store::new(vec![Root::Folder(env.store())]);
    let index = folio::index::Index::open(&store, &env.dir.path().join("cache")).unwrap();
    index.refresh(false, &|_, _| {}).unwrap();
    let mut hits = index
        .search_locations(&parse("harbour", today()).unwrap(), true, &Marks::default())
        .unwrap();
    hits.sort_by(|a, b| b.1.total_cmp(&a.1));
    assert!(hits[0].0.display().ends_with("title.txt"), "{hits:?}");
}

#[test]
fn an_index_another_folio_is_updating_is_left_alone_and_the_answer_still_right() {
    let env = known_store();
    assert_eq!(env.query("weather"), set(&["e.txt"]));
    let dir = env.index_dir();
    // Another process holds the index's writer lock.
    let other = tantivy::Index::open_in_dir(&dir).expect("open the index");
    let _writer: tantivy::IndexWriter = other.writer(15_000_000).expect("take the lock");
    env.write("f.txt", "Weather report\n\nRain.\n");
    assert_eq!(env.query("weather"), set(&["e.txt", "f.txt"]));
    assert!(
        dir.join("folio-index-version").exists(),
        "the index is kept"
    );
}

#[test]
fn a_store_that_is_one_file_counts_only_when_named_like_an_article() {
    let env = Env::new();
    let article = env.write("note.txt", "River note\n\nThe river rose.\n");
    let other = env.write("notes.pdf", "River notes\n\nThe river fell.\n");
    assert_eq!(env.query_in("river", &article), set(&["note.txt"]));
    assert_eq!(env.query_in("river", &other), set(&[]));
    let listed = env.folio(&["list", "--json", other.to_str().expect("utf-8")]);
    assert!(
        listed.stdout.is_empty(),
        "the store's walk lists nothing either"
    );
}

#[test]
fn the_index_sees_the_files_the_store_reads() {
    use std::os::unix::fs::symlink;
    let env = Env::new();
    let outside = env.dir.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(outside.join("far.txt"), "Far river\n\nOutside.\n").unwrap();
    for rel in [
        "a.txt",
        "sub/b.md",
        "sub/deeper/c.markdown",
        ".hidden.txt",
        ".hidden/d.txt",
        "sub/.e.text",
        "notes.pdf",
        "README",
    ] {
        env.write(rel, "River\n\nThe river.\n");
    }
    let store = env.store();
    symlink("a.txt", store.join("to-a.txt")).unwrap();
    symlink("a.txt", store.join("to-a")).unwrap();
    symlink("a.txt", store.join(".to-a.txt")).unwrap();
    symlink("sub", store.join("to-sub")).unwrap();
    symlink("notes.pdf", store.join("to-notes.txt")).unwrap();
    symlink("missing.txt", store.join("broken.txt")).unwrap();
    symlink(outside.join("far.txt"), store.join("far.txt")).unwrap();
    symlink(&outside, store.join("far")).unwrap();
    let fifo = std::ffi::CString::new(store.join("pipe.txt").into_os_string().into_encoded_bytes())
        .unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    let want = set(&[
        "a.txt",
        "sub/b.md",
        "sub/deeper/c.markdown",
        "to-a.txt",
        "to-notes.txt",
    ]);
    let parsed = parse("river", today()).unwrap();
    let read: BTreeSet<String> = folio::search::by_reading(
        &Store::new(vec![Root::Folder(store.clone())]),
        &parsed,
        &Marks::default(),
    )
    .articles
    .into_iter()
    .map(|a| a.rel_path)
    .collect();
    assert_eq!(read, want);
    assert_eq!(env.query("river"), want);
}

#[test]
fn the_index_keeps_each_article_s_url() {
    let env = Env::new();
    env.write(
        "header.txt",
        "Title: Ferry fares rise\nDate: 2024-03-01\nURL: https://post.example/ferry-fares\n\nFares go up.\n",
    );
    env.write(
        "front.md",
        "---\ntitle: Night buses\ndate: 2024-02-01\ncanonical: https://gazette.example/night-buses\n---\n\nBuses run late.\n",
    );
    env.write("plain.txt", "No address here\n\nJust text.\n");
    let store = env.store();
    let store = store.to_str().expect("utf-8 path");
    let without_index = env.folio(&["list", "--json", store]);
    assert!(without_index.status.success());
    let listed = String::from_utf8(without_index.stdout).expect("utf-8");
    assert!(
        listed.contains(r#""url":"https://post.example/ferry-fares""#)
            && listed.contains(r#""url":"https://gazette.example/night-buses""#),
        "{listed}"
    );
    // The first query builds the index, the second answers from what it stored.
    for _ in 0..2 {
        let from_index = env.folio(&["list", "--json", "--query", "-zzyzx", store]);
        assert!(from_index.status.success());
        assert_eq!(String::from_utf8(from_index.stdout).expect("utf-8"), listed);
    }
    assert!(env.index_dir().join("folio-index-version").exists());
}

#[test]
fn an_index_of_the_version_before_urls_is_rebuilt() {
    let env = Env::new();
    env.write(
        "header.txt",
        "Title: Ferry fares rise\nDate: 2024-03-01\nURL: https://post.example/ferry-fares\n\nFares go up.\n",
    );
    let store = env.store();
    let store = store.to_str().expect("utf-8 path");
    let query = |env: &Env| {
        let run = env.folio(&["list", "--json", "--query", "fares", store]);
        assert!(run.status.success());
        String::from_utf8(run.stdout).expect("utf-8")
    };
    assert!(query(&env).contains(r#""url":"https://post.example/ferry-fares""#));
    std::fs::write(env.index_dir().join("folio-index-version"), "1").unwrap();
    assert!(query(&env).contains(r#""url":"https://post.example/ferry-fares""#));
    let version = std::fs::read_to_string(env.index_dir().join("folio-index-version")).unwrap();
    assert_ne!(version.trim(), "1", "the old index was rebuilt");
}
