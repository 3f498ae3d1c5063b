//! Hostile stores, built in temporary folders at test time: escape sequences and
//! control characters in text and file names, files that are not articles (empty,
//! binary, too large, FIFOs, sockets, bad links, unreadable), damaged encodings and
//! absurd titles. `folio list` and `folio check` must report, skip and carry on, print
//! nothing a terminal would act on, and never hang (each run is killed after 20 s).

mod cli_support;
use cli_support::{Run, isolate, run_with_limit};

use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// A temporary folder with XDG folders, HOME and a store folder named `store_name`.
struct Env {
    dir: tempfile::TempDir,
    store: PathBuf,
}

impl Env {
    fn new(store_name: &OsStr) -> Env {
        let dir = tempfile::tempdir().expect("temp dir");
        for sub in ["home", "config", "data", "cache"] {
            std::fs::create_dir(dir.path().join(sub)).expect("xdg dir");
        }
        let store = dir.path().join(store_name);
        std::fs::create_dir(&store).expect("store folder");
        Env { dir, store }
    }

    fn write(&self, name: impl AsRef<OsStr>, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.store.join(name.as_ref());
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("folder");
        }
        std::fs::write(&path, bytes).expect("write article");
        path
    }

    fn config(&self, text: &str) {
        let folder = self.dir.path().join("config/folio");
        std::fs::create_dir_all(&folder).expect("config folder");
        std::fs::write(folder.join("config.toml"), text).expect("config");
    }

    fn folio(&self, args: &[&str]) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_folio"));
        isolate(&mut command, self.dir.path())
            .args(args)
            .arg(&self.store)
            .current_dir(self.dir.path());
        run_with_limit(command)
    }

    fn list_json(&self) -> Vec<Value> {
        let run = self.folio(&["list", "--json"]);
        assert!(run.status.success(), "{}", run.stderr);
        run.json_lines()
    }

    /// `folio check`'s report lines with the store's own path (escaped, as folio
    /// shows it) taken off the front; every line must start with it.
    fn problems(&self, run: &Run) -> Vec<String> {
        let prefix = format!("{}/", escaped(&self.store));
        run.stdout
            .lines()
            .map(|line| {
                line.strip_prefix(&prefix)
                    .unwrap_or_else(|| panic!("{line:?} does not start with {prefix:?}"))
                    .to_owned()
            })
            .collect()
    }
}

/// A path as folio shows it: controls and bidi controls written as `\u{…}`.
fn escaped(path: &Path) -> String {
    path.to_string_lossy()
        .chars()
        .map(|c| {
            if c.is_control() || is_bidi_control(c) {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{61c}')
}

/// No ESC, no C0 control but newline, no DEL, no C1 control, no bidi control.
fn assert_terminal_safe(what: &str, text: &str) {
    for (i, c) in text.char_indices() {
        let control = c.is_control() && c != '\n';
        assert!(
            !control && !is_bidi_control(c),
            "{what}: U+{:04X} at byte {i} in {text:?}",
            c as u32
        );
    }
}

/// Every string inside a JSON value, decoded (JSON escapes would hide raw controls).
fn assert_json_terminal_safe(value: &Value) {
    match value {
        Value::String(text) => assert_terminal_safe("JSON field", text),
        Value::Array(items) => items.iter().for_each(assert_json_terminal_safe),
        Value::Object(map) => map.values().for_each(assert_json_terminal_safe),
        _ => {}
    }
}

/// The same titles listed by `folio list --json`, keyed by path.
fn titles(list: &[Value]) -> Vec<(String, String)> {
    let mut titles: Vec<(String, String)> = list
        .iter()
        .map(|v| {
            (
                v["path"].as_str().expect("path").to_owned(),
                v["title"].as_str().expect("title").to_owned(),
            )
        })
        .collect();
    titles.sort();
    titles
}

fn entry<'a>(list: &'a [Value], path: &str) -> &'a Value {
    list.iter()
        .find(|v| v["path"] == path)
        .unwrap_or_else(|| panic!("{path} not listed in {list:?}"))
}

const OSC_TITLE: &str = "\u{1b}]0;PWNED\u{7}";
const OSC_CLIPBOARD: &str = "\u{1b}]52;c;aGVsbG8=\u{7}";
const CLEAR_SCREEN: &str = "\u{1b}[2J";

#[test]
fn escape_sequences_and_controls_never_reach_the_output() {
    let env = Env::new(OsStr::new("store\u{1b}[2J\u{202e}"));
    env.write(
        "osc.txt",
        format!(
            "Window {OSC_TITLE}title\n\nBody {OSC_CLIPBOARD}with a clipboard write, {CLEAR_SCREEN}a clear screen and a C1 CSI \u{9b}31mred.\n"
        ),
    );
    env.write(
        "header.txt",
        format!(
            "Title: Header {CLEAR_SCREEN}title \u{202e}reversed\u{202c}\nDate: 2024-11-21\nSource: Wire{OSC_TITLE}\nAuthor: \u{2066}Isolated\u{2069} Name\u{85}\nTags: one\u{7}, two\u{8}\n\nSafe\rEVIL and a bell\u{7} and a backspace\u{8}.\n"
        ),
    );
    env.write(
        "front.md",
        "---\ntitle: \"Front \\e]0;PWNED\\a matter \\x9b2J \\u202e\"\ndate: 2024-10-01\ntags: [\"a\\u2066b\", \"c\\x07\"]\nauthor: \"x\\by\"\n---\n\nText.\n",
    );
    env.write(
        "date-line.txt",
        format!(
            "date 2024-09-01 Dated {OSC_CLIPBOARD}headline\n\nWire{CLEAR_SCREEN}) 08:07, September 1, 2024\n\nCITY, Sept. 1 (Agency\u{202e}) -- Text.\n"
        ),
    );
    env.write("tab.txt", "Tab\tstop\n\nBody.\n");
    env.write(
        format!("name {OSC_TITLE}{CLEAR_SCREEN}\u{202e}\u{85}.txt"),
        "Hostile file name\n\nBody.\n",
    );
    env.write(format!("empty {OSC_TITLE}.txt"), "");
    env.write("nul.txt", "Looks like text\n\nbut has a NUL\u{0} inside.\n");

    let list = env.folio(&["list", "--json"]);
    assert!(list.status.success(), "{}", list.stderr);
    assert_terminal_safe("list --json stdout", &list.stdout);
    assert_terminal_safe("list --json stderr", &list.stderr);
    let articles = list.json_lines();
    articles.iter().for_each(assert_json_terminal_safe);
    assert_eq!(
        titles(&articles),
        [
            ("date-line.txt".into(), "Dated headline".into()),
            ("front.md".into(), "Front  matter".into()),
            ("header.txt".into(), "Header title reversed".into()),
            (
                "name \\u{1b}]0;PWNED\\u{7}\\u{1b}[2J\\u{202e}\\u{85}.txt".into(),
                "Hostile file name".into()
            ),
            ("osc.txt".into(), "Window title".into()),
            ("tab.txt".into(), "Tab     stop".into()),
        ]
    );
    let header = entry(&articles, "header.txt");
    assert_eq!(header["source"], "Wire");
    assert_eq!(header["author"], "Isolated Name\u{fffd}");
    assert_eq!(
        header["tags"],
        serde_json::json!(["one\u{2407}", "two\u{2408}"])
    );
    let front = entry(&articles, "front.md");
    assert_eq!(front["tags"], serde_json::json!(["ab", "c\u{2407}"]));
    assert_eq!(front["author"], "x\u{2408}y");
    let dated = entry(&articles, "date-line.txt");
    assert_eq!(dated["date"], "2024-09-01");
    assert_eq!(dated["source"], "Wire");

    let plain = env.folio(&["list"]);
    assert!(plain.status.success(), "{}", plain.stderr);
    assert_terminal_safe("list stdout", &plain.stdout);
    assert_terminal_safe("list stderr", &plain.stderr);
    assert_eq!(plain.stdout.lines().count(), 6, "{}", plain.stdout);

    let check = env.folio(&["check"]);
    assert_eq!(check.status.code(), Some(1));
    assert_terminal_safe("check stdout", &check.stdout);
    assert_terminal_safe("check stderr", &check.stderr);
    assert_eq!(
        env.problems(&check),
        [
            "empty \\u{1b}]0;PWNED\\u{7}.txt: empty file; add text or remove it",
            "nul.txt: binary file (holds NUL bytes), not text; rename it if it is not an article",
        ]
    );
    assert!(
        check
            .stderr
            .starts_with("6 articles read, 2 files not read, in "),
        "{}",
        check.stderr
    );
    assert!(
        check.stderr.contains("store\\u{1b}[2J\\u{202e}"),
        "{}",
        check.stderr
    );
}

/// Gives a file or folder its permissions back when the test ends, so it can be removed.
struct Unlock(PathBuf, u32);

impl Drop for Unlock {
    fn drop(&mut self) {
        let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(self.1));
    }
}

fn running_as_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

#[test]
fn files_that_are_not_articles_are_reported_and_the_rest_still_listed() {
    let env = Env::new(OsStr::new("store"));
    env.config("max_article_bytes = 2048\n");
    let outside = tempfile::tempdir().expect("outside folder");
    std::fs::write(outside.path().join("elsewhere.txt"), "Elsewhere\n\nText.\n").expect("write");

    env.write("good/first.txt", "First good article\n\nSome words.\n");
    env.write(
        "good/second.md",
        "---\ntitle: Second good article\ndate: 2024-01-02\n---\n\nMore words.\n",
    );
    env.write("empty.txt", "");
    env.write("blank.md", " \n\r\n\t\n");
    env.write("binary.txt", b"PK\x03\x04\x14\x00\x00\x00headline\n");
    env.write("too-large.txt", format!("Large\n\n{}", "word ".repeat(500)));
    let fifo = env.store.join("pipe.txt");
    let fifo_name = std::ffi::CString::new(fifo.as_os_str().as_bytes()).expect("path");
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
    assert_eq!(unsafe { libc::mkfifo(fifo_name.as_ptr(), 0o644) }, 0);
    let _socket =
        std::os::unix::net::UnixListener::bind(env.store.join("socket.txt")).expect("socket");
    symlink("loop-b.txt", env.store.join("loop-a.txt")).expect("link");
    symlink("loop-a.txt", env.store.join("loop-b.txt")).expect("link");
    symlink("/dev/zero", env.store.join("zero.txt")).expect("link");
    symlink("missing.txt", env.store.join("broken.md")).expect("link");
    symlink(
        outside.path().join("elsewhere.txt"),
        env.store.join("outside.txt"),
    )
    .expect("link");
    symlink("pipe.txt", env.store.join("link-to-pipe.txt")).expect("link");
    symlink("good/first.txt", env.store.join("link-to-first.txt")).expect("link");
    symlink("..", env.store.join("good/up")).expect("link");
    symlink(".", env.store.join("good/self.md")).expect("link");
    symlink(outside.path(), env.store.join("outside-folder")).expect("link");
    let locked = env.write("locked.txt", "Locked article\n\nText.\n");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let _unlock_file = Unlock(locked, 0o644);
    env.write(
        "locked-folder/inside.txt",
        "Inside a locked folder\n\nText.\n",
    );
    let locked_folder = env.store.join("locked-folder");
    std::fs::set_permissions(&locked_folder, std::fs::Permissions::from_mode(0o000))
        .expect("chmod");
    let _unlock_folder = Unlock(locked_folder, 0o755);

    let check = env.folio(&["check"]);
    assert_eq!(check.status.code(), Some(1), "{}", check.stderr);
    assert_terminal_safe("check", &check.stdout);
    let problems = env.problems(&check);
    let reported = |name: &str, reasons: &[&str]| {
        let line = problems
            .iter()
            .find(|line| line.starts_with(&format!("{name}: ")))
            .unwrap_or_else(|| panic!("{name} not reported in {problems:#?}"));
        for reason in reasons {
            assert!(line.contains(reason), "{line:?} lacks {reason:?}");
        }
    };
    reported("empty.txt", &["empty file"]);
    reported("blank.md", &["empty file"]);
    reported("binary.txt", &["binary file"]);
    reported(
        "too-large.txt",
        &["2.4 KiB is over the 2 KiB limit for one article"],
    );
    reported("pipe.txt", &["is a FIFO (named pipe), not a regular file"]);
    reported("link-to-pipe.txt", &["FIFO"]);
    reported("socket.txt", &["is a socket, not a regular file"]);
    reported("loop-a.txt", &["symbolic link", "Too many levels"]);
    reported("loop-b.txt", &["symbolic link", "Too many levels"]);
    reported(
        "zero.txt",
        &["symbolic link to /dev/zero, outside the store"],
    );
    reported("broken.md", &["broken symbolic link"]);
    reported("outside.txt", &["outside the store", "elsewhere.txt"]);
    reported(
        "outside-folder",
        &["symbolic link to ", "outside the store"],
    );
    let mut expected_problems = 13;
    if !running_as_root() {
        reported("locked.txt", &["cannot be read (Permission denied)"]);
        reported("locked-folder", &["Permission denied"]);
        expected_problems += 2;
    }
    assert_eq!(problems.len(), expected_problems, "{problems:#?}");
    for line in &problems {
        let (_, reason) = line.split_once(": ").expect("path: reason");
        assert!(reason.len() > 10, "{line}");
    }

    let list = env.folio(&["list", "--json"]);
    assert!(list.status.success(), "{}", list.stderr);
    assert_eq!(
        list.stderr,
        format!(
            "folio: {expected_problems} files could not be read as articles; `folio check` lists them\n"
        )
    );
    let mut paths: Vec<String> = list
        .json_lines()
        .iter()
        .map(|v| v["path"].as_str().expect("path").to_owned())
        .collect();
    paths.sort();
    let mut want = vec!["good/first.txt", "good/second.md", "link-to-first.txt"];
    if running_as_root() {
        want.extend(["locked-folder/inside.txt", "locked.txt"]);
        want.sort();
    }
    assert_eq!(paths, want);
}

#[test]
fn links_to_outside_folders_are_reported_whatever_their_name() {
    let env = Env::new(OsStr::new("store"));
    env.write("kept.txt", "Kept\n\nA real article.\n");
    let elsewhere = env.dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).expect("outside folder");
    std::fs::write(elsewhere.join("far.txt"), "Far\n\nNot in the store.\n").expect("write");
    symlink(&elsewhere, env.store.join("archive")).expect("link");
    symlink(env.store.join("kept.txt"), env.store.join("again.txt")).expect("inner link");
    let run = env.folio(&["check"]);
    let problems = env.problems(&run);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].starts_with("archive: symbolic link to "),
        "{problems:?}"
    );
    assert!(problems[0].contains("outside the store"), "{problems:?}");
    let titles = titles(&env.list_json());
    assert_eq!(titles.len(), 2, "{titles:?}");
}

#[test]
fn overlapping_paths_list_each_article_once() {
    let env = Env::new(OsStr::new("store"));
    env.write("top.txt", "Top\n\nAt the top.\n");
    env.write("sub/inner.txt", "Inner\n\nIn a sub-folder.\n");
    let mut command = Command::new(env!("CARGO_BIN_EXE_folio"));
    command
        .args(["list", "--json", "store", "./store", "store/sub"])
        .current_dir(env.dir.path())
        .env("HOME", env.dir.path().join("home"))
        .env("XDG_CONFIG_HOME", env.dir.path().join("config"))
        .env("XDG_DATA_HOME", env.dir.path().join("data"))
        .env("XDG_CACHE_HOME", env.dir.path().join("cache"));
    let run = run_with_limit(command);
    assert!(run.status.success(), "{}", run.stderr);
    let paths: Vec<String> = run
        .json_lines()
        .iter()
        .map(|a| a["path"].as_str().expect("path").to_owned())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(sorted, ["sub/inner.txt", "top.txt"], "{paths:?}");
}

#[test]
fn a_file_dated_at_the_epoch_still_has_a_date() {
    let env = Env::new(OsStr::new("store"));
    let path = env.write("old.txt", "Old\n\nVery old.\n");
    let file = std::fs::File::options()
        .write(true)
        .open(&path)
        .expect("open");
    file.set_modified(std::time::UNIX_EPOCH).expect("set mtime");
    let list = env.list_json();
    assert_eq!(list[0]["date"], "1970-01-01");
    assert_eq!(list[0]["date_from"], "modified");
}

#[test]
fn the_default_size_cap_is_16_mib() {
    let env = Env::new(OsStr::new("store"));
    env.write("small.txt", "Small article\n\nText.\n");
    let big = env.write("huge.txt", "Huge\n\n");
    let file = std::fs::File::options()
        .write(true)
        .open(&big)
        .expect("open");
    file.set_len(17 * 1024 * 1024).expect("grow");
    let at_cap = env.write("at-cap.txt", "At the cap\n\n");
    let file = std::fs::File::options()
        .write(true)
        .open(&at_cap)
        .expect("open");
    file.set_len(16 * 1024 * 1024).expect("grow");

    let check = env.folio(&["check"]);
    assert_eq!(check.status.code(), Some(1));
    let problems = env.problems(&check);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert_eq!(
        problems[1],
        "huge.txt: 17 MiB is over the 16 MiB limit for one article; split it, or raise max_article_bytes"
    );
    assert!(
        problems[0].starts_with("at-cap.txt: binary file"),
        "{problems:?}"
    );
    assert_eq!(
        titles(&env.list_json()),
        [("small.txt".into(), "Small article".into())]
    );
}

#[test]
fn damaged_and_legacy_encodings_are_read_without_panic() {
    let env = Env::new(OsStr::new("store"));
    let mut damaged = "Ünïcödé headline with “quotes” — ÜÖÄ\n\nThe body goes on"
        .as_bytes()
        .to_vec();
    damaged.insert(11, 0xff);
    damaged.extend_from_slice(b" \xc3\x28 after a broken pair, and \xe2\x82 a cut one.\n");
    env.write("damaged.txt", &damaged);
    let (shift_jis, _, _) = encoding_rs::SHIFT_JIS
        .encode("東京の図書館に新しい閲覧室\n\n東京の図書館は新しい閲覧室を開きました。市民は無料で本を借りることができます。\n");
    env.write("shift-jis.txt", &*shift_jis);
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(
        "Prices at the café rise again\r\n\r\nA “fair” price — said the owner — is £4.\r\n",
    );
    let mut cp1252 = cp1252.into_owned();
    let at = cp1252.iter().position(|&b| b == b'r').expect("an r");
    cp1252.insert(at, 0x90);
    let at = cp1252.iter().rposition(|&b| b == b'4').expect("a 4");
    cp1252.insert(at, 0x9d);
    env.write("cp1252.txt", &cp1252);
    let mut random: Vec<u8> = (1..=255u8).cycle().take(3000).collect();
    random.splice(0..0, b"Noise\n\n".iter().copied());
    env.write("noise.txt", &random);

    let list = env.list_json();
    list.iter().for_each(assert_json_terminal_safe);
    assert_eq!(
        titles(&list),
        [
            (
                "cp1252.txt".into(),
                "P\u{fffd}rices at the café rise again".into()
            ),
            (
                "damaged.txt".into(),
                "Ünïcödé\u{fffd} headline with “quotes” — ÜÖÄ".into()
            ),
            ("noise.txt".into(), "Noise".into()),
            ("shift-jis.txt".into(), "東京の図書館に新しい閲覧室".into()),
        ]
    );
    assert_eq!(entry(&list, "shift-jis.txt")["words"], 37);
}

#[test]
fn file_names_with_newlines_escapes_or_invalid_utf8_are_listed_escaped() {
    let env = Env::new(OsStr::new("store"));
    env.write("line\nbreak.txt", "Newline in the name\n\nText.\n");
    env.write("esc\u{1b}[31mred.txt", "Escape in the name\n\nText.\n");
    env.write(
        OsString::from_vec(b"latin\xe9.txt".to_vec()),
        "Invalid UTF-8 in the name\n\nText.\n",
    );
    env.write("bell\u{7}.md", "---\ndate: 2024-03-04\n---\n");
    env.write(OsString::from_vec(b"empty\xff\x1b.txt".to_vec()), "");

    let list = env.folio(&["list", "--json"]);
    assert!(list.status.success());
    assert_terminal_safe("list --json", &list.stdout);
    let articles = list.json_lines();
    articles.iter().for_each(assert_json_terminal_safe);
    assert_eq!(
        titles(&articles),
        [
            ("bell\\u{7}.md".into(), "bell\\u{7}".into()),
            ("esc\\u{1b}[31mred.txt".into(), "Escape in the name".into()),
            (
                "latin\u{fffd}.txt".into(),
                "Invalid UTF-8 in the name".into()
            ),
            ("line\\u{a}break.txt".into(), "Newline in the name".into()),
        ]
    );
    let plain = env.folio(&["list"]);
    assert_terminal_safe("list", &plain.stdout);
    assert_eq!(plain.stdout.lines().count(), 4, "{}", plain.stdout);
    let check = env.folio(&["check"]);
    assert_terminal_safe("check", &check.stdout);
    assert_eq!(
        env.problems(&check),
        ["empty\u{fffd}\\u{1b}.txt: empty file; add text or remove it"]
    );
}

#[test]
fn ten_thousand_combining_marks_give_a_bounded_title() {
    let env = Env::new(OsStr::new("store"));
    let marks = "\u{301}".repeat(10_000);
    env.write(
        "zalgo.txt",
        format!("Z{marks} headline\n\nBody with a{marks} mark pile.\n"),
    );
    let hangul: String = "\u{1112}\u{1161}\u{11ab}".repeat(2_000);
    env.write("hangul.md", format!("# {hangul}\n\nNFD Hangul.\n"));
    let run = env.folio(&["list", "--json"]);
    assert!(run.status.success(), "{}", run.stderr);
    assert!(run.stdout.len() < 4096, "{} bytes", run.stdout.len());
    let list = run.json_lines();
    for article in &list {
        let title = article["title"].as_str().expect("title");
        assert!(title.chars().count() <= 201, "{}", title.chars().count());
        assert!(title.ends_with('…'), "{title}");
    }
    assert!(
        entry(&list, "zalgo.txt")["title"]
            .as_str()
            .expect("title")
            .starts_with("Z\u{301}\u{301}")
    );
    // The cut title is not a headline, so its line is counted with the body.
    assert_eq!(entry(&list, "zalgo.txt")["words"], 7);
    let plain = env.folio(&["list"]);
    assert!(plain.stdout.len() < 4096, "{} bytes", plain.stdout.len());
}

mod properties {
    use folio::sanitize::{sanitize, sanitize_line};
    use folio::store::Format;
    use folio::store::decode::decode;
    use folio::store::parse::parse;
    use proptest::prelude::*;

    use super::{assert_terminal_safe, is_bidi_control};

    /// Pieces of article text, hostile and ordinary, for building whole articles.
    fn fragment() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("---\n".to_owned()),
            Just("+++\n".to_owned()),
            Just("...\n".to_owned()),
            Just("Title: ".to_owned()),
            Just("title = \"".to_owned()),
            Just("tags:\n  - ".to_owned()),
            Just("Date: ".to_owned()),
            Just("date ".to_owned()),
            Just(" date: ".to_owned()),
            Just("2024-11-21".to_owned()),
            Just("2024-11-21T08:07:00+08:00".to_owned()),
            Just("Nov. 21, 2024".to_owned()),
            Just("21st of November 2024".to_owned()),
            Just("Xinhua) 08:07, November 21, 2024".to_owned()),
            Just("HANGZHOU, Nov. 20 (Xinhua) -- ".to_owned()),
            Just("# ".to_owned()),
            Just("```\n".to_owned()),
            Just("\n".to_owned()),
            Just("\n\n".to_owned()),
            Just("\r\n".to_owned()),
            Just("\r".to_owned()),
            Just("\t".to_owned()),
            Just("\u{feff}".to_owned()),
            Just("\u{1b}]0;PWNED\u{7}".to_owned()),
            Just("\u{1b}]52;c;aGk=\u{1b}\\".to_owned()),
            Just("\u{1b}[2J".to_owned()),
            Just("\u{1b}".to_owned()),
            Just("\u{9b}".to_owned()),
            Just("\u{9d}".to_owned()),
            Just("\u{85}".to_owned()),
            Just("\u{202e}\u{2066}\u{200f}\u{61c}".to_owned()),
            Just("\u{0}\u{7}\u{8}\u{b}\u{c}\u{7f}".to_owned()),
            Just("é中文ﾃｽﾄ\u{301}\u{1112}\u{1161}".to_owned()),
            "[a-zA-Z0-9 :,.()#'\"\\[\\]=-]{0,16}",
        ]
    }

    fn article() -> impl Strategy<Value = String> {
        proptest::collection::vec(fragment(), 0..48).prop_map(|pieces| pieces.concat())
    }

    fn hostile_char() -> impl Strategy<Value = char> {
        let hostile: Vec<char> = "\u{1b}\u{7}[];\\\r\n\t\u{0}\u{7f}\u{85}\u{90}\u{9b}\u{9c}\u{9d}\u{202e}\u{2066}\u{200e}中\u{301}aZ0 "
            .chars()
            .collect();
        prop_oneof![
            4 => proptest::sample::select(hostile),
            1 => any::<char>(),
        ]
    }

    fn assert_field_clean(what: &str, text: &str) {
        assert_terminal_safe(what, text);
        assert!(!text.contains('\n'), "{what}: {text:?}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn sanitised_text_is_inert_and_stable(chars in proptest::collection::vec(hostile_char(), 0..200)) {
            let text: String = chars.into_iter().collect();
            let once = sanitize(&text).into_owned();
            for c in once.chars() {
                prop_assert!(c == '\n' || !c.is_control(), "U+{:04X} in {once:?}", c as u32);
                prop_assert!(!is_bidi_control(c), "U+{:04X} in {once:?}", c as u32);
            }
            prop_assert_eq!(sanitize(&once).into_owned(), once.clone());
            let line = sanitize_line(&text);
            prop_assert!(!line.contains('\n'));
            prop_assert_eq!(sanitize_line(&line), line);
        }

        #[test]
        fn any_article_text_parses_to_clean_fields(text in article(), markdown in any::<bool>()) {
            let format = if markdown { Format::Markdown } else { Format::Text };
            let clean = sanitize(&text);
            let parsed = parse(&clean, "2024/11/21/a-slug.md", format);
            for field in [&parsed.title, &parsed.source, &parsed.author, &parsed.description]
                .into_iter()
                .flatten()
            {
                assert_field_clean("field", field);
            }
            for tag in &parsed.tags {
                assert_field_clean("tag", tag);
                prop_assert!(!tag.is_empty());
            }
            let title = parsed.title.as_deref().unwrap_or_default();
            prop_assert!(title.chars().count() <= 201, "{title:?}");
            let _ = parsed.body();
        }

        #[test]
        fn any_bytes_decode_and_parse_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            if let Ok(decoded) = decode(&bytes) {
                let clean = sanitize(&decoded.text);
                let parsed = parse(&clean, "x.txt", Format::Text);
                if let Some(title) = &parsed.title {
                    assert_field_clean("title", title);
                }
                let _ = parsed.body();
            }
        }
    }
}
