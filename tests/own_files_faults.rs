//! folio's own files under faults (hostile-input.md 20, 24, 26–29, 35, 36), through the command
//! line: an emptied bookmarks file never costs the backup, special files in their place
//! are refused at once, a killed writer's temporary files are cleaned up, a symbolic
//! link is written through, and a folder in the backup's place is named.

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

mod cli_support;
mod tui_support;
use cli_support::{Sandbox, stderr};

const ARTICLE: &str =
    "The Harbour Wall\n\nThe harbour wall was built in 1820. Storms broke it twice.\n";

fn bookmarks(sandbox: &Sandbox) -> PathBuf {
    sandbox.data().join("bookmarks.toml")
}

fn add(sandbox: &Sandbox, article: &Path, quote: &str) -> std::process::Output {
    sandbox.folio(&[
        "bookmarks",
        "add",
        article.to_str().unwrap(),
        "--quote",
        quote,
    ])
}

fn mkfifo(path: &Path) {
    let name = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: mkfifo reads the NUL-terminated path only.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
}

#[test]
fn an_emptied_bookmarks_file_is_reported_and_the_backup_kept() {
    let sandbox = Sandbox::new();
    let article = sandbox.write("harbour.txt", ARTICLE);
    assert!(add(&sandbox, &article, "Storms").status.success());
    assert!(add(&sandbox, &article, "harbour wall").status.success());
    let file = bookmarks(&sandbox);
    let backup = sandbox.data().join("bookmarks.toml.bak");
    let good = fs::read(&backup).unwrap();
    assert!(String::from_utf8_lossy(&good).contains("Storms"));

    for emptied in [&b""[..], b"\n  \n"] {
        fs::write(&file, emptied).unwrap();
        let output = add(&sandbox, &article, "built in 1820");
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        let message = stderr(&output);
        assert!(message.contains("is empty"), "{message}");
        assert!(
            message.contains("bookmarks.toml.bak"),
            "names the backup: {message}"
        );
        assert_eq!(fs::read(&backup).unwrap(), good, "the last good copy stays");
        assert_eq!(
            fs::read(&file).unwrap(),
            emptied,
            "the empty file is left as it is"
        );
    }
}

#[test]
fn special_files_in_place_of_folios_own_are_refused_at_once() {
    let sandbox = Sandbox::new();
    let article = sandbox.write("harbour.txt", ARTICLE);
    fs::create_dir_all(sandbox.data()).unwrap();
    mkfifo(&bookmarks(&sandbox));
    let started = Instant::now();
    let output = add(&sandbox, &article, "Storms");
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("FIFO"), "{}", stderr(&output));
    let listed = sandbox.folio(&["bookmarks"]);
    assert!(
        stderr(&listed).contains("not a regular file"),
        "{}",
        stderr(&listed)
    );

    let config = sandbox.path().join("fifo.toml");
    mkfifo(&config);
    for path in [
        config.as_path(),
        Path::new("/dev/zero"),
        Path::new("/dev/urandom"),
    ] {
        let output = sandbox.folio(&["--config", path.to_str().unwrap(), "list"]);
        assert_eq!(output.status.code(), Some(2), "{path:?}");
        let message = stderr(&output);
        assert!(message.contains("not a regular file"), "{message}");
    }
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "nothing waited for a writer"
    );
}

#[test]
fn a_killed_writers_temporary_files_go_with_the_next_write() {
    let sandbox = Sandbox::new();
    let article = sandbox.write("harbour.txt", ARTICLE);
    assert!(add(&sandbox, &article, "Storms").status.success());
    let data = sandbox.data();
    // A process that has ended: its pid is free (or another's, which is left alone).
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let gone = child.id();
    child.wait().unwrap();
    let stale = data.join(format!(".bookmarks.toml.{gone}.tmp"));
    fs::write(&stale, "half a file").unwrap();
    let own = data.join(format!(".bookmarks.toml.{}.tmp", std::process::id()));
    fs::write(&own, "a live writer's").unwrap();
    assert!(add(&sandbox, &article, "harbour wall").status.success());
    assert!(!stale.exists(), "the dead writer's temporary file is gone");
    assert!(own.exists(), "a running process's is left alone");
}

#[test]
fn a_symlinked_bookmarks_file_is_written_through_the_link() {
    let sandbox = Sandbox::new();
    let article = sandbox.write("harbour.txt", ARTICLE);
    let dotfiles = sandbox.path().join("dotfiles");
    fs::create_dir_all(&dotfiles).unwrap();
    fs::create_dir_all(sandbox.data()).unwrap();
    let target = dotfiles.join("bookmarks.toml");
    symlink(&target, bookmarks(&sandbox)).unwrap();
    assert!(add(&sandbox, &article, "Storms").status.success());
    assert!(add(&sandbox, &article, "harbour wall").status.success());
    let link = fs::symlink_metadata(bookmarks(&sandbox)).unwrap();
    assert!(link.file_type().is_symlink(), "the link stays a link");
    let text = fs::read_to_string(&target).unwrap();
    assert!(
        text.contains("Storms") && text.contains("harbour wall"),
        "{text}"
    );
    assert!(
        sandbox.data().join("bookmarks.toml.bak").exists(),
        "the backup is kept"
    );
    let listed = sandbox.folio(&["bookmarks", "--json"]);
    assert_eq!(String::from_utf8_lossy(&listed.stdout).lines().count(), 2);
}

#[test]
fn a_folder_in_place_of_the_backup_is_named() {
    let sandbox = Sandbox::new();
    let article = sandbox.write("harbour.txt", ARTICLE);
    assert!(add(&sandbox, &article, "Storms").status.success());
    let backup = sandbox.data().join("bookmarks.toml.bak");
    let _ = fs::remove_file(&backup);
    fs::create_dir(&backup).unwrap();
    let output = add(&sandbox, &article, "harbour wall");
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("bookmarks.toml.bak") && message.contains("a folder is in its place"),
        "{message}"
    );
}

#[test]
fn a_relative_home_or_xdg_folder_is_refused_and_no_home_is_no_crash() {
    let sandbox = Sandbox::new();
    sandbox.write("harbour.txt", ARTICLE);
    let store = sandbox.store();
    for (name, value) in [
        ("HOME", "relative-home"),
        ("XDG_DATA_HOME", "./relative-data"),
        ("XDG_CONFIG_HOME", "relative-config"),
    ] {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_folio"));
        sandbox.isolate(&mut command);
        let output = command
            .env(name, value)
            .current_dir(sandbox.path())
            .args(["list"])
            .arg(&store)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{name}={value}");
        let message = stderr(&output);
        assert!(
            message.contains(name) && message.contains("relative"),
            "{message}"
        );
        assert!(
            !sandbox.path().join(value).exists(),
            "nothing made under the working folder"
        );
    }
    // No HOME (the XDG folders still given, so nothing reaches a real home): listing and
    // keeping a bookmark work, and nothing panics.
    let article = store.join("harbour.txt");
    for args in [
        vec!["list".to_owned(), store.to_string_lossy().into_owned()],
        vec![
            "bookmarks".into(),
            "add".into(),
            article.to_string_lossy().into_owned(),
            "--quote".into(),
            "Storms".into(),
        ],
    ] {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_folio"));
        sandbox.isolate(&mut command);
        let output = command.env_remove("HOME").args(&args).output().unwrap();
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    }
    assert!(bookmarks(&sandbox).exists(), "kept in the XDG data folder");
    // A config folder that cannot be made (a file where a folder must go): said, exit 2.
    let blocker = sandbox.path().join("a-file");
    fs::write(&blocker, "").unwrap();
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_folio"));
    sandbox.isolate(&mut command);
    let output = command
        .env("XDG_CONFIG_HOME", blocker.join("config"))
        .args(["config", "--path"])
        .output()
        .unwrap();
    assert_ne!(output.status.code(), Some(0));
    assert!(stderr(&output).contains("a-file"), "{}", stderr(&output));
    assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
}

/// The ids `folio bookmarks --json` lists.
fn listed_ids(sandbox: &Sandbox) -> Vec<String> {
    let output = sandbox.folio(&["bookmarks", "--json"]);
    assert!(
        output.status.success(),
        "the file parses: {}",
        stderr(&output)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            value["id"].as_str().unwrap().to_owned()
        })
        .collect()
}

#[test]
fn kill_9_at_random_moments_of_50_adds_loses_no_printed_bookmark() {
    let sandbox = Sandbox::new();
    let article = sandbox.write("harbour.txt", ARTICLE);
    let quotes = ["Storms", "harbour wall", "built in 1820", "broke it twice"];
    let mut printed = Vec::new();
    // A cheap, fixed sequence of delays: the same moments on every run.
    let mut state = 0x2545_f491u32;
    for n in 0..50 {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let delay = Duration::from_micros(u64::from(state % 40_000));
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_folio"));
        sandbox.isolate(&mut command);
        let mut child = command
            .args(["bookmarks", "add", article.to_str().unwrap(), "--quote"])
            .arg(quotes[n % quotes.len()])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL; a no-op once it has finished
        let output = child.wait_with_output().unwrap();
        let id = String::from_utf8_lossy(&output.stdout).trim().to_owned();
        if output.status.success() && !id.is_empty() {
            printed.push(id);
        }
    }
    let kept = listed_ids(&sandbox);
    for id in &printed {
        assert!(kept.contains(id), "printed {id}, not kept");
    }
    // One more write: whatever a killed writer left behind is gone.
    assert!(add(&sandbox, &article, "Storms").status.success());
    let left: Vec<_> = fs::read_dir(sandbox.data())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
    println!("{} of 50 adds finished before the kill", printed.len());
}

/// A small tmpfs mounted at `folder`, unmounted on drop; `None` (with the reason
/// printed) where this user cannot mount one.
struct SmallDisk(PathBuf);

impl SmallDisk {
    fn mount(folder: &Path) -> Option<SmallDisk> {
        fs::create_dir_all(folder).unwrap();
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } != 0 {
            println!("skipped: mounting a small disk needs root");
            return None;
        }
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=256k", "tmpfs"])
            .arg(folder)
            .status();
        match mounted {
            Ok(status) if status.success() => Some(SmallDisk(folder.to_owned())),
            other => {
                println!("skipped: mount -t tmpfs failed ({other:?})");
                None
            }
        }
    }

    /// Fills the disk, leaving nothing free; the filler is removed to free it.
    fn fill(&self) -> PathBuf {
        let filler = self.0.join("filler");
        let mut file = fs::File::create(&filler).unwrap();
        let block = vec![0u8; 4096];
        while std::io::Write::write_all(&mut file, &block).is_ok() {}
        let _ = file.sync_all();
        filler
    }

    fn read_only(&self, read_only: bool) {
        let option = if read_only {
            "remount,ro"
        } else {
            "remount,rw"
        };
        let status = std::process::Command::new("mount")
            .args(["-o", option])
            .arg(&self.0)
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_and_a_read_only_folder_lose_nothing_and_say_so() {
    let sandbox = Sandbox::new();
    let article = sandbox.write("harbour.txt", ARTICLE);
    let Some(disk) = SmallDisk::mount(&sandbox.data()) else {
        return;
    };
    assert!(add(&sandbox, &article, "Storms").status.success());
    let before = fs::read(bookmarks(&sandbox)).unwrap();

    let filler = disk.fill();
    let output = add(&sandbox, &article, "harbour wall");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(message.contains("bookmarks"), "{message}");
    assert_eq!(
        fs::read(bookmarks(&sandbox)).unwrap(),
        before,
        "the file as it was"
    );
    assert_eq!(listed_ids(&sandbox).len(), 1);

    fs::remove_file(filler).unwrap();
    assert!(add(&sandbox, &article, "harbour wall").status.success());
    assert_eq!(listed_ids(&sandbox).len(), 2, "space back, the add works");

    disk.read_only(true);
    let output = add(&sandbox, &article, "built in 1820");
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("Read-only file system"),
        "{}",
        stderr(&output)
    );
    disk.read_only(false);
    assert_eq!(listed_ids(&sandbox).len(), 2);
}

#[test]
fn an_emptied_reading_state_is_reported_and_left_as_it_is() {
    let sandbox = Sandbox::new();
    sandbox.write("harbour.txt", ARTICLE);
    fs::create_dir_all(sandbox.data()).unwrap();
    let reading = sandbox.data().join("reading.toml");
    fs::write(&reading, "").unwrap();
    let store = sandbox.store();
    let output = sandbox.folio(&["list", "--query", "is:unread", store.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains("reading.toml is empty") && message.contains("reading.toml.bak"),
        "{message}"
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("The Harbour Wall"));
    assert_eq!(fs::read(&reading).unwrap(), b"", "left as it is");
}

#[test]
fn a_full_disk_in_the_reader_keeps_the_bookmark_until_space_is_back() {
    use folio::tui::runtime::{road, unsaved};
    let sandbox = Sandbox::new();
    sandbox.write("harbour.txt", ARTICLE);
    let data = sandbox.data();
    let Some(disk) = SmallDisk::mount(&data) else {
        return;
    };
    let store = folio::store::Store::new(vec![folio::store::Root::Folder(sandbox.store())]);
    let (mut app, _) = tui_support::app_for(&sandbox.store(), 100, 30);
    let runner = tui_support::runner_keeping(store, None, Some(&data));
    road::start(&mut app, &runner);
    tui_support::open_titled(&mut app, &runner, "Harbour Wall");
    let filler = disk.fill();
    tui_support::press(
        &mut app,
        &runner,
        tui_support::key(crossterm::event::KeyCode::Char('B')),
    );
    assert_eq!(app.bookmarks.unsaved.len(), 1, "{:?}", app.notice);
    // (The notice may be the reading state's, which cannot be written either.)
    assert!(
        app.bookmarks.failure.is_some(),
        "why is kept for the report"
    );
    assert!(
        unsaved::report(&app)
            .unwrap()
            .contains("The harbour wall was built")
    );

    fs::remove_file(filler).unwrap();
    let retry = app.retry_unsaved().expect("a try again");
    road::carry_out(&mut app, &runner, retry);
    assert!(app.bookmarks.unsaved.is_empty(), "{:?}", app.notice);
    assert_eq!(listed_ids(&sandbox).len(), 1, "on disk once space is back");
    drop(runner);
}
