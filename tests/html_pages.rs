//! Saved web pages as folio reads them: the pages in tests/fixtures/html, each with what
//! `folio list --json` must say of it and what `folio show` must and must not print, as
//! tests/fixtures/html/expected.toml lists them; the page with no text named by
//! `folio check`; a page over the size limit.
//!
//! The pages are copied into a temporary store so their modification times can be set.
//! The binary runs with HOME and its XDG folders in a temporary folder, in UTC.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

mod cli_support;
use cli_support::{Run, Sandbox, run_with_limit};

use serde_json::Value;

/// The modification time of every page that `expected.toml` gives none.
const DEFAULT_MTIME: &str = "2020-06-15T12:00:00Z";

/// The fields of `folio list --json` each page is checked for; one left out of a page's
/// expectations must be null.
const FIELDS: [&str; 6] = ["title", "author", "date", "date_from", "source", "url"];

/// Bytes and characters that must never reach a terminal from a page.
const CONTROLS: [char; 9] = [
    '\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\u{2066}', '\u{2069}', '\u{202a}', '\u{200f}',
    '\u{0}',
];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html")
}

fn expectations() -> toml::Table {
    let text = std::fs::read_to_string(fixtures().join("expected.toml")).expect("expected.toml");
    text.parse().expect("expected.toml is TOML")
}

fn pages(expected: &toml::Table) -> &toml::Table {
    expected["pages"].as_table().expect("[pages]")
}

/// The sandbox with the fixture pages in its store, each with its modification time.
fn with_pages(expected: &toml::Table) -> Sandbox {
    let sandbox = Sandbox::new();
    copy_pages(&fixtures(), &sandbox.store());
    let mut all = pages(expected).clone();
    all.extend(expected["problems"].as_table().expect("[problems]").clone());
    for (name, page) in &all {
        let mtime = page
            .get("mtime")
            .and_then(toml::Value::as_str)
            .unwrap_or(DEFAULT_MTIME);
        set_mtime(&sandbox.store().join(name), mtime);
    }
    sandbox
}

/// Runs folio in the sandbox, within the time limit.
fn folio(sandbox: &Sandbox, args: &[&str]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_folio"));
    sandbox
        .isolate(&mut command)
        .env_remove("FOLIO_CONFIG")
        .args(args)
        .current_dir(sandbox.path());
    run_with_limit(command)
}

/// Copies the pages (not the expectations or the scripts that wrote some pages).
fn copy_pages(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("folder");
    for entry in std::fs::read_dir(from).expect("fixture folder") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_pages(&entry.path(), &target);
        } else if is_page(&entry.path()) {
            std::fs::copy(entry.path(), &target).expect("copy page");
        }
    }
}

fn is_page(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["html", "htm", "xhtml"].contains(&e))
}

fn set_mtime(path: &Path, when: &str) {
    let when: jiff::Timestamp = when.parse().expect("timestamp");
    let seconds = u64::try_from(when.as_second()).expect("after 1970");
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(seconds))
        .expect("set mtime");
}

fn text_list<'a>(page: &'a toml::Value, key: &str) -> Vec<&'a str> {
    page.get(key)
        .and_then(toml::Value::as_array)
        .map(|items| items.iter().filter_map(toml::Value::as_str).collect())
        .unwrap_or_default()
}

/// Where `text` holds a character no terminal should get from a page.
fn controls_in(text: &str) -> Vec<String> {
    text.char_indices()
        .filter(|(_, c)| CONTROLS.contains(c))
        .map(|(at, c)| format!("U+{:04X} at byte {at}", c as u32))
        .collect()
}

#[test]
fn the_fixtures_are_many_and_each_has_its_expectations() {
    let expected = expectations();
    let mut listed: Vec<String> = pages(&expected).keys().cloned().collect();
    listed.extend(
        expected["problems"]
            .as_table()
            .expect("[problems]")
            .keys()
            .cloned(),
    );
    let mut found = Vec::new();
    let mut folders = vec![fixtures()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if is_page(&path) {
                let rel = path.strip_prefix(fixtures()).expect("under fixtures");
                found.push(rel.to_str().expect("utf-8").replace('\\', "/"));
            }
        }
    }
    found.sort();
    listed.sort();
    assert_eq!(
        found, listed,
        "every page has expectations, and only pages do"
    );
    assert!(found.len() >= 18, "{} pages", found.len());
}

#[test]
fn every_page_lists_with_its_title_author_date_source_url_and_tags() {
    let expected = expectations();
    let sandbox = with_pages(&expected);
    let store = sandbox.store();
    let listed = folio(
        &sandbox,
        &["list", "--json", store.to_str().expect("utf-8")],
    );
    assert_eq!(
        listed.status.code(),
        Some(0),
        "folio list: {}",
        listed.stderr
    );
    let mut failures = Vec::new();
    let problems = listed.controls_report("folio list --json");
    failures.extend(problems);
    let entries: Vec<Value> = listed
        .stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect();
    for (name, page) in pages(&expected) {
        let Some(entry) = entries.iter().find(|e| e["path"] == name.as_str()) else {
            failures.push(format!("{name}: not listed"));
            continue;
        };
        for field in FIELDS {
            let want = page.get(field).and_then(toml::Value::as_str);
            let got = entry[field].as_str();
            if got != want || (want.is_none() && !entry[field].is_null()) {
                failures.push(format!(
                    "{name}: {field} is {}, expected {want:?}",
                    entry[field]
                ));
            }
        }
        let want_tags = text_list(page, "tags");
        let got_tags: Vec<&str> = entry["tags"]
            .as_array()
            .map(|tags| tags.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        if got_tags != want_tags {
            failures.push(format!(
                "{name}: tags are {got_tags:?}, expected {want_tags:?}"
            ));
        }
        if entry["words"].as_u64().unwrap_or(0) < 20 {
            failures.push(format!("{name}: words is {}", entry["words"]));
        }
    }
    for name in expected["problems"].as_table().expect("[problems]").keys() {
        if entries.iter().any(|e| e["path"] == name.as_str()) {
            failures.push(format!("{name}: listed, but it is not an article"));
        }
    }
    if entries.len() != pages(&expected).len() {
        failures.push(format!(
            "{} articles listed, expected {}",
            entries.len(),
            pages(&expected).len()
        ));
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

impl Run {
    /// A failure for each control character in what this run printed.
    fn controls_report(&self, what: &str) -> Vec<String> {
        let mut failures = Vec::new();
        for (stream, text) in [("stdout", &self.stdout), ("stderr", &self.stderr)] {
            let found = controls_in(text);
            if !found.is_empty() {
                failures.push(format!("{what}: {stream} holds {}", found.join(", ")));
            }
            // JSON writes a control character as an escape, which is as bad.
            for escaped in ["\\u001b", "\\u0007", "\\u009b"] {
                if text.contains(escaped) {
                    failures.push(format!("{what}: {stream} holds {escaped}"));
                }
            }
        }
        failures
    }
}

#[test]
fn every_page_shows_its_article_without_the_pages_chrome() {
    let expected = expectations();
    let sandbox = with_pages(&expected);
    let mut failures = Vec::new();
    for (name, page) in pages(&expected) {
        let file = sandbox.store().join(name);
        let shown = folio(&sandbox, &["show", file.to_str().expect("utf-8")]);
        if shown.status.code() != Some(0) {
            failures.push(format!("{name}: folio show failed: {}", shown.stderr));
            continue;
        }
        failures.extend(shown.controls_report(&format!("{name}: folio show")));
        let title = page["title"].as_str().expect("a title");
        if shown.stdout.lines().next() != Some(title) {
            failures.push(format!(
                "{name}: the first line is {:?}, expected the title {title:?}",
                shown.stdout.lines().next()
            ));
        }
        for text in text_list(page, "shows") {
            if !shown.stdout.contains(text) {
                failures.push(format!("{name}: text lacks {text:?}"));
            }
        }
        // The title and metadata lines come first; chrome is looked for in the text.
        let body = shown.stdout.split_once("\n\n").map_or("", |(_, body)| body);
        for text in text_list(page, "hides") {
            if body.contains(text) {
                failures.push(format!("{name}: text holds {text:?}"));
            }
        }
        if body.trim().is_empty() {
            failures.push(format!("{name}: no text shown"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn check_names_the_page_with_no_text() {
    let expected = expectations();
    let sandbox = with_pages(&expected);
    let store = sandbox.store();
    let checked = folio(&sandbox, &["check", store.to_str().expect("utf-8")]);
    assert_eq!(
        checked.status.code(),
        Some(1),
        "{}{}",
        checked.stdout,
        checked.stderr
    );
    let said = format!("{}{}", checked.stdout, checked.stderr);
    for (name, problem) in expected["problems"].as_table().expect("[problems]") {
        let reason = problem["reason"].as_str().expect("reason");
        assert!(
            said.lines()
                .any(|line| line.contains(name.as_str()) && line.contains(reason)),
            "{name}: `folio check` does not say {reason:?}:\n{said}"
        );
        let file = store.join(name);
        let shown = folio(&sandbox, &["show", file.to_str().expect("utf-8")]);
        assert_eq!(
            shown.status.code(),
            Some(1),
            "{name}: folio show: {}",
            shown.stdout
        );
        assert!(
            shown.stderr.contains(reason),
            "{name}: folio show says {:?}",
            shown.stderr
        );
    }
    // Only the problem pages are named.
    for name in pages(&expected).keys() {
        assert!(
            !said.contains(name.as_str()),
            "{name}: named by folio check:\n{said}"
        );
    }
}

#[test]
fn a_page_over_the_size_limit_is_named_and_not_read() {
    let sandbox = Sandbox::new();
    let config = sandbox.path().join("config/folio");
    std::fs::create_dir_all(&config).expect("config folder");
    std::fs::write(config.join("config.toml"), "max_article_bytes = 4096\n").expect("config");
    let paragraph = "<p>The tide came in over the flats faster than anyone had planned for.</p>\n";
    let big = format!(
        "<html><head><title>A very long page</title></head><body><article>{}</article></body></html>",
        paragraph.repeat(100)
    );
    assert!(big.len() > 4096);
    std::fs::write(sandbox.store().join("long-page.html"), &big).expect("write");
    let small = format!(
        "<html><head><title>A short page</title></head><body><article>{}</article></body></html>",
        paragraph.repeat(10)
    );
    assert!(small.len() < 4096);
    std::fs::write(sandbox.store().join("short-page.html"), &small).expect("write");
    let store = sandbox.store();
    let store = store.to_str().expect("utf-8");

    let listed = folio(&sandbox, &["list", "--json", store]);
    assert_eq!(listed.status.code(), Some(0), "{}", listed.stderr);
    let titles: Vec<String> = listed
        .stdout
        .lines()
        .map(|line| {
            let entry: Value = serde_json::from_str(line).expect("json");
            entry["title"].as_str().expect("title").to_owned()
        })
        .collect();
    assert_eq!(titles, ["A short page"]);

    let checked = folio(&sandbox, &["check", store]);
    assert_eq!(checked.status.code(), Some(1));
    let said = format!("{}{}", checked.stdout, checked.stderr);
    assert!(
        said.lines()
            .any(|line| line.contains("long-page.html") && line.contains("limit for one article")),
        "{said}"
    );
}
