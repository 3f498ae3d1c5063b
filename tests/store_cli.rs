//! `folio list` and `folio check` on the fixture store in tests/fixtures/store/library:
//! every shape and encoding of article folio reads, checked field by field.
//!
//! The store is copied into a temporary folder so the two files dated by their
//! modification time can be given a fixed one. The binary runs with its config, data
//! and cache folders (and HOME) in a temporary folder, TZ=UTC, and a 20 s limit.

mod cli_support;
use cli_support::{Run, isolate, run_with_limit};

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

use folio::store::{Body, Root, Store};
use serde_json::{Value, json};

fn fixture_library() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store/library")
}

/// A temporary home for one run of folio: XDG folders, HOME, and a store.
struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().expect("temp dir");
        for sub in ["home", "config", "data", "cache"] {
            std::fs::create_dir(dir.path().join(sub)).expect("xdg dir");
        }
        Env { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The fixture library copied to `<temp>/library`, with fixed mtimes for the
    /// articles that have no date of their own.
    fn with_fixture_store() -> (Env, PathBuf) {
        let env = Env::new();
        let store = env.path().join("library");
        copy_tree(&fixture_library(), &store);
        set_mtime(
            &store.join("plain/harbour-lights.txt"),
            "2023-03-14T12:00:00Z",
        );
        set_mtime(&store.join("plain/road-works.txt"), "2024-05-10T08:00:00Z");
        // The same day as blog/2022/06/03/night-market.md: ties go by path.
        set_mtime(
            &store.join("wire/glacier-survey.txt"),
            "2022-06-03T23:59:00Z",
        );
        (env, store)
    }

    fn folio<S: AsRef<OsStr>>(&self, args: &[S]) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_folio"));
        isolate(&mut command, self.path())
            .args(args)
            .current_dir(self.path());
        run_with_limit(command)
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read fixture folder") {
        let entry = entry.expect("fixture entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy fixture");
        }
    }
}

fn set_mtime(path: &Path, when: &str) {
    let when: jiff::Timestamp = when.parse().expect("timestamp");
    let seconds = u64::try_from(when.as_second()).expect("after 1970");
    let file = std::fs::File::options()
        .write(true)
        .open(path)
        .expect("open to set mtime");
    file.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(seconds))
        .expect("set mtime");
}

#[allow(clippy::too_many_arguments)]
fn entry(
    path: &str,
    title: &str,
    date: &str,
    date_from: &str,
    source: Option<&str>,
    author: Option<&str>,
    tags: &[&str],
    words: u64,
) -> Value {
    json!({
        "path": path,
        "title": title,
        "date": date,
        "date_from": date_from,
        "source": source,
        "author": author,
        "tags": tags,
        "words": words,
        "url": null,
    })
}

/// `entry` with the web address its metadata gives.
fn with_url(mut entry: Value, url: &str) -> Value {
    entry["url"] = json!(url);
    entry
}

/// Every article of the fixture store, newest first, as `folio list --json` must give it.
fn expected_list() -> Vec<Value> {
    vec![
        entry(
            "wire/riverside-lantern-market.txt",
            "Riverside lantern market opens for the winter",
            "2024-11-21",
            "text",
            Some("Xinhua"),
            None,
            &[],
            62,
        ),
        entry(
            "intl/hangzhou-library.txt",
            "杭州图书馆新阅览室向市民开放",
            "2024-10-08",
            "text",
            None,
            None,
            &[],
            52,
        ),
        with_url(
            entry(
                "headers/council-budget.txt",
                "Council agrees budget for library repairs",
                "2024-10-02",
                "metadata",
                Some("The Harbour Gazette"),
                Some("Mara Quint"),
                &["council", "libraries"],
                53,
            ),
            "https://gazette.example/2024/10/02/library-repairs",
        ),
        entry(
            "headers/night-buses.txt",
            "Night buses return to the coast road",
            "2024-09-12",
            "metadata",
            Some("Coastal Courier"),
            Some("Idris Pell"),
            &["transport", "night buses"],
            40,
        ),
        entry(
            "headers/weather-station.txt",
            "Weather station on the headland goes automatic",
            "2024-08-15",
            "metadata",
            Some("Coastal Courier"),
            None,
            &["weather"],
            42,
        ),
        entry(
            "posts/evening-swim.md",
            "Evening swim club takes to the lido",
            "2024-07-01",
            "metadata",
            None,
            Some("Ana Sol"),
            &["swimming", "lido"],
            32,
        ),
        entry(
            "intl/lighthouse-log.md",
            "Lighthouse keeper’s log goes on show",
            "2024-06-21",
            "metadata",
            None,
            Some("Ana Sol"),
            &["museums", "lighthouses"],
            32,
        ),
        entry(
            "plain/road-works.txt",
            "Road works close the coast road for a week",
            "2024-05-10",
            "modified",
            None,
            None,
            &[],
            32,
        ),
        entry(
            "posts/2024-05-06-footbridge-repairs.md",
            "Footbridge repairs finish ahead of schedule",
            "2024-05-06",
            "path",
            Some("The Harbour Gazette"),
            Some("Mara Quint, Tomas Reyes"),
            &["bridges", "council"],
            29,
        ),
        entry(
            "wire/tea-pickers.txt",
            "Tea pickers begin the spring harvest",
            "2024-04-09",
            "text",
            Some("Xinhua"),
            None,
            &[],
            50,
        ),
        entry(
            "plain/orchard-open-day.text",
            "Orchard open day draws a record crowd",
            "2024-03-03",
            "text",
            None,
            None,
            &[],
            55,
        ),
        entry(
            "posts/market-square.markdown",
            "Market square: new paving at last",
            "2024-02-20",
            "metadata",
            Some("Coastal Courier"),
            Some("Idris Pell"),
            &["streets", "markets", "paving"],
            39,
        ),
        entry(
            "legacy/cafe-four-day-week.txt",
            "Café owners in Zürich try a four-day week",
            "2024-02-05",
            "metadata",
            Some("Le Petit Écho"),
            Some("Renée Fournier"),
            &[],
            49,
        ),
        entry(
            "notes/winter-birds.md",
            "Winter birds counted on the marsh",
            "2024-01-14",
            "text",
            None,
            None,
            &[],
            41,
        ),
        entry(
            "headers/ferry-fares.txt",
            "Ferry fares frozen for another year",
            "2023-11-21",
            "metadata",
            Some("Island Post"),
            None,
            &[],
            31,
        ),
        entry(
            "posts/ferry-timetable.md",
            "Ferry timetable changes for the autumn",
            "2023-09-14",
            "path",
            Some("Island Post"),
            Some("Tomas Reyes"),
            &["ferries", "timetable"],
            30,
        ),
        with_url(
            entry(
                "headers/pier-fishing.txt",
                "Fishing from the pier banned during repairs",
                "2023-07-08",
                "path",
                Some("Island Post"),
                None,
                &[],
                40,
            ),
            "https://post.example/news/2023/07/08/pier-fishing-ban",
        ),
        with_url(
            entry(
                "posts/choir-tour.md",
                "Village choir sets off on its first tour",
                "2023-06-30",
                "metadata",
                None,
                Some("Ana Sol"),
                &["music"],
                33,
            ),
            "https://choir.example/news/first-tour",
        ),
        entry(
            "headers/harbour-crane.txt",
            "Old harbour crane to be restored",
            "2023-05-17",
            "metadata",
            Some("The Harbour Gazette"),
            Some("Mara Quint"),
            &[],
            35,
        ),
        entry(
            "posts/tide-tables.md",
            "Tide tables now printed in large type",
            "2023-04-02",
            "metadata",
            None,
            None,
            &["tides", "harbour"],
            34,
        ),
        entry(
            "plain/harbour-lights.txt",
            "Harbour lights switched back on after storm",
            "2023-03-14",
            "modified",
            None,
            None,
            &[],
            66,
        ),
        entry(
            "headers/school-garden.txt",
            "School garden wins a county prize",
            "2022-11-21",
            "metadata",
            Some("Island Post"),
            Some("Tomas Reyes"),
            &[],
            44,
        ),
        entry(
            "posts/regatta.md",
            "Regatta: the results and the weather",
            "2022-09-18",
            "metadata",
            None,
            Some("Idris Pell"),
            &["sailing", "regatta"],
            34,
        ),
        entry(
            "headers/lifeboat-launch.txt",
            "New lifeboat launched from the slipway after a year of fundraising",
            "2022-08-09",
            "metadata",
            Some("Island Post"),
            None,
            &["lifeboats", "fundraising"],
            43,
        ),
        entry(
            "blog/2022/06/03/night-market.md",
            "Night market returns to the old tram depot",
            "2022-06-03",
            "path",
            None,
            None,
            &[],
            40,
        ),
        entry(
            "wire/glacier-survey.txt",
            "Glacier survey finds the ice edge has moved again",
            "2022-06-03",
            "modified",
            Some("Nordic Wire"),
            None,
            &[],
            65,
        ),
        entry(
            "headers/bakery-award.txt",
            "Corner bakery named best in the region",
            "2021-11-21",
            "metadata",
            Some("The Harbour Gazette"),
            None,
            &["food"],
            40,
        ),
        entry(
            "blog/2021/03/15/code-club.md",
            "Code club learns C# at the library",
            "2021-03-15",
            "path",
            None,
            None,
            &[],
            41,
        ),
        entry(
            "intl/early-snow.txt",
            "Early snow closes the pass at Col de la Croix",
            "2020-11-21",
            "metadata",
            Some("Alpine Dépêche"),
            None,
            &["weather", "roads"],
            35,
        ),
    ]
}

#[test]
fn list_json_reads_every_article_of_the_fixture_store() {
    let (env, store) = Env::with_fixture_store();
    let run = env.folio(&[OsStr::new("list"), OsStr::new("--json"), store.as_os_str()]);
    assert!(run.status.success(), "{}", run.stderr);
    assert_eq!(run.stderr, "");
    let got = run.json_lines();
    let want = expected_list();
    for (got, want) in got.iter().zip(&want) {
        assert_eq!(got, want);
    }
    assert_eq!(got.len(), want.len(), "{}", run.stdout);
}

#[test]
fn list_json_is_newest_first_with_ties_by_path() {
    let (env, store) = Env::with_fixture_store();
    let run = env.folio(&[OsStr::new("list"), OsStr::new("--json"), store.as_os_str()]);
    let keys: Vec<(String, String)> = run
        .json_lines()
        .iter()
        .map(|v| {
            (
                v["date"]
                    .as_str()
                    .expect("every fixture is dated")
                    .to_owned(),
                v["path"].as_str().expect("path").to_owned(),
            )
        })
        .collect();
    assert_eq!(keys.len(), 29);
    for pair in keys.windows(2) {
        let ((date_a, path_a), (date_b, path_b)) = (&pair[0], &pair[1]);
        assert!(
            date_a > date_b || (date_a == date_b && path_a < path_b),
            "{pair:?}"
        );
    }
}

#[test]
fn hidden_files_and_other_file_types_are_neither_listed_nor_problems() {
    let (env, store) = Env::with_fixture_store();
    let run = env.folio(&[OsStr::new("list"), OsStr::new("--json"), store.as_os_str()]);
    for hidden in [
        "draft",
        "old-story",
        "swap-note",
        "harbour.png",
        "notes.pdf",
    ] {
        assert!(!run.stdout.contains(hidden), "{hidden} listed");
    }
    // `folio check` names the files passed over for their ending (not the hidden
    // ones), without failing for them.
    let check = env.folio(&[OsStr::new("check"), store.as_os_str()]);
    assert_eq!(check.status.code(), Some(0), "{}", check.stderr);
    let prefix = format!("{}/", store.display());
    let skipped: Vec<&str> = check
        .stdout
        .lines()
        .map(|line| line.strip_prefix(&prefix).unwrap_or(line))
        .collect();
    assert_eq!(
        skipped,
        [
            "images/harbour.png: skipped: a .png file is not text; folio reads plain text, Markdown and saved web pages",
            "notes.pdf: skipped: a .pdf file is not text; folio reads plain text, Markdown and saved web pages",
        ]
    );
    assert!(
        check.stderr.starts_with(
            "29 articles read, 0 files not read, 2 files skipped for their ending (articles end .txt .text .md .markdown .html .htm .xhtml), in "
        ),
        "{}",
        check.stderr
    );
}

#[test]
fn the_configured_extensions_say_which_files_are_articles() {
    let (env, store) = Env::with_fixture_store();
    let config = env.path().join("config/folio");
    std::fs::create_dir_all(&config).expect("config folder");
    std::fs::write(
        config.join("config.toml"),
        "extensions = [\"md\", \".PDF\"]\n",
    )
    .expect("config");
    let run = env.folio(&[OsStr::new("list"), OsStr::new("--json"), store.as_os_str()]);
    assert!(run.status.success(), "{}", run.stderr);
    let paths: Vec<String> = run
        .stdout
        .lines()
        .map(|line| {
            let v: Value = serde_json::from_str(line).expect("a JSON line");
            v["path"].as_str().expect("path").to_owned()
        })
        .collect();
    assert!(!paths.is_empty());
    assert!(
        paths.iter().all(|p| p.ends_with(".md") || p == "notes.pdf"),
        "only Markdown and the named ending are read: {paths:?}"
    );
    // The fixture's "PDF" is text, read as plain text once its ending is an article's.
    assert!(paths.iter().any(|p| p == "notes.pdf"), "{paths:?}");
    let check = env.folio(&[OsStr::new("check"), store.as_os_str()]);
    assert_eq!(check.status.code(), Some(0), "{}", check.stderr);
    assert!(!check.stdout.contains("notes.pdf"), "{}", check.stdout);
    assert!(
        check
            .stdout
            .contains(".txt is not an article ending; add \"txt\""),
        "{}",
        check.stdout
    );
    let show = env.folio(&[
        OsStr::new("show"),
        store.join("plain/harbour-lights.txt").as_os_str(),
    ]);
    assert_eq!(show.status.code(), Some(1));
    assert!(
        show.stderr.contains(
            "is not an article: folio reads files ending .md, .pdf (the `extensions` setting)"
        ),
        "{}",
        show.stderr
    );
}

#[test]
fn plain_list_prints_each_title_with_date_and_source() {
    let (env, store) = Env::with_fixture_store();
    let run = env.folio(&[OsStr::new("list"), store.as_os_str()]);
    assert!(run.status.success(), "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let want = expected_list();
    assert_eq!(lines.len(), want.len(), "{}", run.stdout);
    for (line, want) in lines.iter().zip(&want) {
        let title = want["title"].as_str().expect("title");
        let date = want["date"].as_str().expect("date");
        let marker = if want["date_from"] == "modified" {
            '~'
        } else {
            ' '
        };
        let expected = match want["source"].as_str() {
            Some(source) => format!("{marker}{date}  {title}  ({source})"),
            None => format!("{marker}{date}  {title}"),
        };
        assert_eq!(*line, expected);
    }
}

#[test]
fn paths_are_relative_to_the_folder_they_were_found_under() {
    let (env, store) = Env::with_fixture_store();
    let run = env.folio(&[
        OsStr::new("list"),
        OsStr::new("--json"),
        store.join("headers").as_os_str(),
        store.join("blog").as_os_str(),
        store.join("intl/early-snow.txt").as_os_str(),
    ]);
    assert!(run.status.success(), "{}", run.stderr);
    let paths: Vec<String> = run
        .json_lines()
        .iter()
        .map(|v| v["path"].as_str().expect("path").to_owned())
        .collect();
    assert_eq!(
        paths,
        [
            "council-budget.txt",
            "night-buses.txt",
            "weather-station.txt",
            "ferry-fares.txt",
            "pier-fishing.txt",
            "harbour-crane.txt",
            "school-garden.txt",
            "lifeboat-launch.txt",
            "2022/06/03/night-market.md",
            "bakery-award.txt",
            "2021/03/15/code-club.md",
            "early-snow.txt",
        ]
    );
    // The folders' own dates still count: the path inside the store is 2022/06/03/….
    let night_market = &run.json_lines()[8];
    assert_eq!(night_market["date"], "2022-06-03");
    assert_eq!(night_market["date_from"], "path");
}

#[test]
fn relative_paths_on_the_command_line_work() {
    let (env, _store) = Env::with_fixture_store();
    let run = env.folio(&["list", "--json", "library/wire"]);
    assert!(run.status.success(), "{}", run.stderr);
    let paths: Vec<Value> = run.json_lines().iter().map(|v| v["path"].clone()).collect();
    assert_eq!(
        paths,
        [
            "riverside-lantern-market.txt",
            "tea-pickers.txt",
            "glacier-survey.txt"
        ]
    );
}

#[test]
fn a_missing_folder_is_a_usage_error() {
    let env = Env::new();
    for command in ["list", "check"] {
        let run = env.folio(&[command, "no-such-folder"]);
        assert_eq!(run.status.code(), Some(2), "{command}");
        assert_eq!(run.stdout, "");
        assert!(
            run.stderr
                .starts_with("folio: cannot open no-such-folder: No such file or directory"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn the_configured_size_cap_applies_to_the_fixture_store() {
    let (env, store) = Env::with_fixture_store();
    let config = env.path().join("config/folio");
    std::fs::create_dir_all(&config).expect("config folder");
    std::fs::write(config.join("config.toml"), "max_article_bytes = 450\n").expect("config");
    let check = env.folio(&[OsStr::new("check"), store.as_os_str()]);
    assert_eq!(check.status.code(), Some(1), "{}", check.stderr);
    let prefix = format!("{}/", store.display());
    let problems: Vec<&str> = check
        .stdout
        .lines()
        .filter(|line| !line.contains(": skipped: "))
        .map(|line| line.strip_prefix(&prefix).unwrap_or(line))
        .collect();
    let over = |path: &str, size: u64| {
        format!(
            "{path}: {size} bytes is over the 450 bytes limit for one article; split it, or raise max_article_bytes"
        )
    };
    assert_eq!(
        problems,
        [
            over("headers/council-budget.txt", 485),
            over("intl/early-snow.txt", 644),
            over("intl/lighthouse-log.md", 556),
            over("wire/riverside-lantern-market.txt", 459),
        ]
    );
    assert!(
        check
            .stderr
            .starts_with("25 articles read, 4 files not read, 2 files skipped for their ending"),
        "{}",
        check.stderr
    );
    let list = env.folio(&[OsStr::new("list"), OsStr::new("--json"), store.as_os_str()]);
    assert!(list.status.success());
    assert_eq!(list.json_lines().len(), 25);
    assert_eq!(
        list.stderr,
        "folio: 4 files could not be read as articles; `folio check` lists them\n"
    );
}

/// The store as the reader sees it: bodies, not just the list.
fn load_body(store: &Store, rel_path: &str) -> Body {
    let scan = store.scan();
    let article = scan
        .articles
        .iter()
        .find(|a| a.rel_path == rel_path)
        .unwrap_or_else(|| panic!("{rel_path} not found"));
    store.load(article).expect("loads").body
}

fn fixture_store() -> Store {
    Store::new(vec![Root::Folder(fixture_library())])
}

fn paragraphs(body: Body) -> Vec<String> {
    match body {
        Body::Paragraphs(paragraphs) => paragraphs,
        Body::Markdown(source) => panic!("plain text expected, got Markdown: {source}"),
    }
}

fn markdown(body: Body) -> String {
    match body {
        Body::Markdown(source) => source,
        Body::Paragraphs(paragraphs) => panic!("Markdown expected, got {paragraphs:?}"),
    }
}

#[test]
fn hard_wrapped_paragraphs_are_joined_back() {
    let body = paragraphs(load_body(&fixture_store(), "plain/harbour-lights.txt"));
    assert_eq!(
        body,
        [
            "The string of lamps along the east pier was lit again on Tuesday evening, three weeks after a winter storm pulled most of the cables loose.",
            "Volunteers from the rowing club spent two weekends testing each bulb. Sixty of the old fittings were replaced with sealed ones that should survive the spray.",
            "The harbour master said the lights would stay on until midnight through the spring.",
        ]
    );
}

#[test]
fn windows_1252_with_crlf_reads_as_the_text_it_was() {
    let body = paragraphs(load_body(&fixture_store(), "legacy/cafe-four-day-week.txt"));
    assert_eq!(
        body,
        [
            "Three cafés near the lake now close on Mondays and Tuesdays, and their owners say takings have hardly changed — “people simply come on other days,” one said.",
            "A slice of the famous crème brûlée tart still costs £4.50 at the English tea room, whose owner is not convinced.",
        ]
    );
}

#[test]
fn gb18030_and_utf16_bodies_decode() {
    let store = fixture_store();
    assert_eq!(
        paragraphs(load_body(&store, "intl/hangzhou-library.txt")),
        [
            "杭州市图书馆今天开放了新的阅览室，市民可以免费借阅各类图书和报纸。",
            "阅览室位于三楼，每天早上九点开放，晚上九点关闭。",
        ]
    );
    assert_eq!(
        paragraphs(load_body(&store, "intl/early-snow.txt")),
        [
            "The road over the pass was shut on Friday after forty centimetres of snow fell in a single night, a month earlier than usual.",
            "Snowploughs from both valleys will meet at the summit on Sunday.",
        ]
    );
    assert_eq!(
        markdown(load_body(&store, "intl/lighthouse-log.md")),
        "The handwritten log kept at the point from 1921 to 1968 is now in a glass case at the town museum.\n\nIts last entry notes a calm sea and *three* passing steamers."
    );
}

#[test]
fn date_line_articles_keep_byline_and_dateline_in_the_body() {
    let body = paragraphs(load_body(
        &fixture_store(),
        "wire/riverside-lantern-market.txt",
    ));
    assert_eq!(body.len(), 3, "{body:?}");
    assert_eq!(body[0], "Xinhua) 08:07, November 21, 2024");
    assert!(
        body[1].starts_with("HANGZHOU, Nov. 20 (Xinhua) -- Stalls selling paper lanterns"),
        "{}",
        body[1]
    );
}

#[test]
fn markdown_is_kept_as_markdown_without_its_front_matter() {
    let store = fixture_store();
    assert_eq!(
        markdown(load_body(&store, "posts/2024-05-06-footbridge-repairs.md")),
        "The Mill Lane footbridge reopened on Monday, a week earlier than planned, after dry weather let the painters finish quickly.\n\n## What changed\n\n- New **oak** handrails\n- Non-slip deck boards"
    );
    let night_market = markdown(load_body(&store, "blog/2022/06/03/night-market.md"));
    assert!(
        night_market.starts_with("The night market came back to the tram depot"),
        "the title heading opens the file and is not repeated: {night_market}"
    );
    let header_body = paragraphs(load_body(&store, "headers/weather-station.txt"));
    assert_eq!(header_body.len(), 2);
    assert!(header_body[0].starts_with("The instruments on the headland"));
}

#[test]
fn descriptions_come_from_front_matter() {
    let scan = fixture_store().scan();
    let described: Vec<(&str, &str)> = scan
        .articles
        .iter()
        .filter_map(|a| Some((a.rel_path.as_str(), a.description.as_deref()?)))
        .collect();
    assert_eq!(
        described,
        [(
            "posts/2024-05-06-footbridge-repairs.md",
            "The Mill Lane footbridge reopens a week early."
        )]
    );
    assert!(scan.problems.is_empty(), "{:?}", scan.problems);
}
