//! Two machines sharing folio's data folder through a syncing program that behaves as
//! Syncthing does: each machine its own HOME, config and state folders (not synced) and
//! the same data folder's files, copied between them. A file changed on one side only
//! is copied; one changed on both keeps the newer (by its time of change) and saves the
//! other as `NAME.sync-conflict-YYYYMMDD-HHMMSS-DEVICE.EXT`, the device being the one
//! whose change lost. Machines are told apart by that device id (folio itself never
//! asks for the host name).
//!
//! Bookmarks are added with the real binary (`folio bookmarks add`); a note edited or a
//! bookmark deleted is written into `bookmarks.toml` as the reader writes it (the note
//! with `note_changed`; the bookmark's table gone and a `[[deleted]]` table with `id`
//! and `at`), and an article read into `reading.toml` as the reader writes it (`read`).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

mod cli_support;
use cli_support::{Sandbox, stderr};

const ARTICLE: &str = "The Harbour Wall\n\nThe harbour wall was built in 1820. Storms broke \
    it twice. The town rebuilt it in stone, and the fishing fleet came back.\n";

/// One machine: its own folders, and its device id in the syncing program.
struct Machine {
    sandbox: Sandbox,
    device: &'static str,
}

impl Machine {
    fn new(device: &'static str) -> Machine {
        Machine {
            sandbox: Sandbox::new(),
            device,
        }
    }

    /// The synced data folder.
    fn data(&self) -> PathBuf {
        self.sandbox.data()
    }

    fn add(&self, article: &Path, quote: &str) -> String {
        let output = self.sandbox.folio(&[
            "bookmarks",
            "add",
            article.to_str().unwrap(),
            "--quote",
            quote,
        ]);
        assert!(output.status.success(), "{}", stderr(&output));
        String::from_utf8(output.stdout).unwrap().trim().to_owned()
    }

    /// `folio bookmarks --json`: each bookmark's id and note, and what folio said.
    fn bookmarks(&self) -> (BTreeMap<String, Option<String>>, String) {
        let output = self.sandbox.folio(&["bookmarks", "--json"]);
        assert!(output.status.success(), "{}", stderr(&output));
        let listed = String::from_utf8(output.stdout.clone())
            .unwrap()
            .lines()
            .map(|line| {
                let value: serde_json::Value = serde_json::from_str(line).unwrap();
                let id = value["id"].as_str().unwrap().to_owned();
                (id, value["note"].as_str().map(str::to_owned))
            })
            .collect();
        (listed, stderr(&output))
    }

    /// The articles of `store` folio counts as unread (`is:unread`).
    fn unread_articles(&self, store: &Path) -> BTreeSet<String> {
        let (paths, said) = self.sandbox.query_paths("is:unread", Some(store));
        assert!(!said.contains("conflict"), "{said}");
        paths
    }

    /// Changes `bookmarks.toml` as the reader does, a little later than the last change.
    fn edit_bookmarks(&self, change: impl FnOnce(&mut toml::Table, String)) {
        edit(&self.data().join("bookmarks.toml"), change);
    }

    fn edit_reading(&self, change: impl FnOnce(&mut toml::Table, String)) {
        edit(&self.data().join("reading.toml"), change);
    }

    fn conflict_copies(&self) -> Vec<String> {
        names(&self.data())
            .into_iter()
            .filter(|n| n.contains("sync-conflict") && !n.contains(".bak"))
            .collect()
    }
}

/// Edits the TOML file at `path` (made when missing) with the time now; the file's time
/// of change is moved a second past any other, so the order of changes is clear to the
/// syncing program however fast the test runs.
fn edit(path: &Path, change: impl FnOnce(&mut toml::Table, String)) {
    let mut table: toml::Table = match fs::read_to_string(path) {
        Ok(text) => toml::from_str(&text).unwrap(),
        Err(_) => toml::from_str("version = 1").unwrap(),
    };
    change(&mut table, jiff::Timestamp::now().to_string());
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, toml::to_string(&table).unwrap()).unwrap();
    later();
}

/// Waits so that the next file written has a later time of change (the syncing
/// program keeps the newer of two changed files).
fn later() {
    std::thread::sleep(Duration::from_millis(20));
}

/// The note of bookmark `id` set to `note`, as the reader writes it.
fn set_note(table: &mut toml::Table, now: String, id: &str, note: &str) {
    let list = table["bookmark"].as_array_mut().unwrap();
    let bookmark = list
        .iter_mut()
        .find(|b| b["id"].as_str() == Some(id))
        .unwrap()
        .as_table_mut()
        .unwrap();
    bookmark.insert("note".into(), note.into());
    bookmark.insert("note_changed".into(), now.into());
}

/// Bookmark `id` deleted, as the reader writes it.
fn delete(table: &mut toml::Table, now: String, id: &str) {
    let list = table["bookmark"].as_array_mut().unwrap();
    list.retain(|b| b["id"].as_str() != Some(id));
    let mut gone = toml::Table::new();
    gone.insert("id".into(), id.into());
    gone.insert("at".into(), now.into());
    let deleted = table
        .entry("deleted")
        .or_insert_with(|| toml::Value::Array(Vec::new()));
    deleted
        .as_array_mut()
        .unwrap()
        .push(toml::Value::Table(gone));
}

/// The article at `path` read, as the reader writes it.
fn mark_read(table: &mut toml::Table, now: String, path: &Path) {
    let articles = table
        .entry("article")
        .or_insert_with(|| toml::Value::Table(toml::Table::new()))
        .as_table_mut()
        .unwrap();
    let mut entry = toml::Table::new();
    entry.insert("read".into(), now.into());
    articles.insert(path.to_str().unwrap().into(), toml::Value::Table(entry));
}

fn names(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(folder)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .map(|e| e.file_name().into_string().unwrap())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// What one machine knows of one file: the content it last saw (`None`: none, or
/// deleted) and the file's version vector, one counter a device.
#[derive(Clone, Default)]
struct Known {
    content: Option<Vec<u8>>,
    version: BTreeMap<&'static str, u64>,
}

/// Whether version `a` has seen every change `b` has.
fn covers(a: &BTreeMap<&'static str, u64>, b: &BTreeMap<&'static str, u64>) -> bool {
    b.iter()
        .all(|(device, n)| a.get(device).copied().unwrap_or(0) >= *n)
}

/// A syncing program between two machines' data folders, as Syncthing keeps them: each
/// machine's files with a version vector, a change found by a scan bumping the
/// machine's own counter.
#[derive(Default)]
struct Syncer {
    /// By device, then file name.
    known: BTreeMap<&'static str, BTreeMap<String, Known>>,
}

impl Syncer {
    /// Notes the changes made on `machine` since its last scan (new, changed, deleted).
    fn scan(&mut self, machine: &Machine) {
        let known = self.known.entry(machine.device).or_default();
        let mut present: BTreeSet<String> = BTreeSet::new();
        for name in names(&machine.data()) {
            if name.ends_with(".tmp") {
                continue;
            }
            let content = fs::read(machine.data().join(&name)).unwrap();
            let entry = known.entry(name.clone()).or_default();
            if entry.content.as_ref() != Some(&content) {
                entry.content = Some(content);
                *entry.version.entry(machine.device).or_default() += 1;
            }
            present.insert(name);
        }
        for (name, entry) in known.iter_mut() {
            if !present.contains(name) && entry.content.is_some() {
                entry.content = None;
                *entry.version.entry(machine.device).or_default() += 1;
            }
        }
    }

    /// Sends `from`'s changes to `to`: a file changed on `from` only is copied (or
    /// deleted); one changed on both keeps the newer and saves the older as a
    /// conflict copy named for the device whose change it was.
    fn send(&mut self, from: &Machine, to: &Machine) {
        self.scan(from);
        self.scan(to);
        let theirs = self.known[from.device].clone();
        for (name, their) in theirs {
            let ours = self
                .known
                .get(to.device)
                .and_then(|k| k.get(&name))
                .cloned()
                .unwrap_or_default();
            if covers(&ours.version, &their.version) {
                continue;
            }
            let mut merged = ours.version.clone();
            for (device, n) in &their.version {
                let kept = merged.entry(device).or_default();
                *kept = (*kept).max(*n);
            }
            let target = to.data().join(&name);
            if covers(&their.version, &ours.version) || ours.content == their.content {
                put(&target, their.content.as_deref(), &from.data().join(&name));
                let known = self.known.get_mut(to.device).unwrap();
                known.insert(
                    name,
                    Known {
                        content: their.content,
                        version: merged,
                    },
                );
                continue;
            }
            // Changed on both: the newer stays; the older becomes a conflict copy.
            let time = |machine: &Machine| {
                fs::metadata(machine.data().join(&name))
                    .and_then(|m| m.modified())
                    .unwrap_or(SystemTime::UNIX_EPOCH)
            };
            let (their_time, our_time) = (time(from), time(to));
            let theirs_newer =
                their.content.is_some() && (ours.content.is_none() || their_time > our_time);
            let (loser, loser_device, loser_time) = if theirs_newer {
                (ours.content.clone(), to.device, our_time)
            } else {
                (their.content.clone(), from.device, their_time)
            };
            if let Some(loser) = loser {
                let copy = conflict_name(&name, loser_time, loser_device);
                fs::write(to.data().join(&copy), loser).unwrap();
            }
            if theirs_newer {
                put(&target, their.content.as_deref(), &from.data().join(&name));
            }
            *merged.entry(to.device).or_default() += 1;
            let content = if theirs_newer {
                their.content
            } else {
                ours.content
            };
            let known = self.known.get_mut(to.device).unwrap();
            known.insert(
                name,
                Known {
                    content,
                    version: merged,
                },
            );
            // The conflict copy is a new file on `to`, found by its next scan.
        }
        self.scan(to);
    }

    /// Both ways, `first` sending first.
    fn both_ways(&mut self, first: &Machine, second: &Machine) {
        self.send(first, second);
        self.send(second, first);
    }
}

/// Writes `content` at `target` with the time of change of `source` (or deletes it).
fn put(target: &Path, content: Option<&[u8]>, source: &Path) {
    match content {
        Some(content) => {
            fs::create_dir_all(target.parent().unwrap()).unwrap();
            fs::write(target, content).unwrap();
            if let Ok(time) = fs::metadata(source).and_then(|m| m.modified()) {
                let file = fs::File::options().write(true).open(target).unwrap();
                file.set_modified(time).unwrap();
            }
        }
        None => {
            let _ = fs::remove_file(target);
        }
    }
}

/// Syncthing's name for the conflict copy of `name`: `STEM.sync-conflict-YYYYMMDD-HHMMSS-DEVICE.EXT`.
fn conflict_name(name: &str, time: SystemTime, device: &str) -> String {
    let time = jiff::Timestamp::try_from(time).unwrap();
    let stamp = time.strftime("%Y%m%d-%H%M%S");
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.sync-conflict-{stamp}-{device}.{ext}"),
        None => format!("{name}.sync-conflict-{stamp}-{device}"),
    }
}

/// When folio runs between the two halves of a sync.
#[derive(Debug, Clone, Copy)]
enum Order {
    /// A sends to B, then B to A; folio runs after.
    AThenB,
    /// B sends to A, then A to B; folio runs after.
    BThenA,
    /// A sends to B, folio runs on B (merging there), then B sends to A.
    AThenFolioOnBThenB,
}

/// Adds on both sides, a note edited on A while B deleted another bookmark, and an
/// article read on each; `b_last`: B's changes come after A's (else A's after B's).
fn apart_then_synced(order: Order, b_last: bool) {
    let (a, b) = (Machine::new("DEVICEA"), Machine::new("DEVICEB"));
    let article = a.sandbox.write("harbour.txt", ARTICLE);
    let (tides, ferry) = (
        a.sandbox.write("tides.txt", "Tides\n\nThe tide came in.\n"),
        a.sandbox.write("ferry.txt", "Ferry\n\nThe ferry left.\n"),
    );
    let store = a.sandbox.store();
    let mut syncer = Syncer::default();

    let wall = a.add(&article, "harbour wall");
    let storms = a.add(&article, "Storms broke");
    later();
    syncer.both_ways(&a, &b);
    assert_eq!(b.bookmarks().0.len(), 2, "B has A's bookmarks");

    let on_a = |a: &Machine| {
        let fleet = a.add(&article, "fishing fleet");
        a.edit_bookmarks(|t, now| set_note(t, now, &wall, "checked in the archive"));
        a.edit_reading(|t, now| mark_read(t, now, &tides));
        later();
        fleet
    };
    let on_b = |b: &Machine| {
        let stone = b.add(&article, "rebuilt it in stone");
        b.edit_bookmarks(|t, now| delete(t, now, &storms));
        b.edit_reading(|t, now| mark_read(t, now, &ferry));
        later();
        stone
    };
    let (fleet, stone) = if b_last {
        let fleet = on_a(&a);
        (fleet, on_b(&b))
    } else {
        let stone = on_b(&b);
        (on_a(&a), stone)
    };

    let both_copies = |machine: &Machine| {
        let copies = machine.conflict_copies();
        assert!(
            copies
                .iter()
                .any(|c| c.starts_with("bookmarks.sync-conflict-"))
                && copies
                    .iter()
                    .any(|c| c.starts_with("reading.sync-conflict-")),
            "{order:?}: the syncing program made conflict copies: {copies:?}"
        );
    };
    match order {
        Order::AThenB | Order::BThenA => {
            let (first, second) = match order {
                Order::AThenB => (&a, &b),
                _ => (&b, &a),
            };
            syncer.both_ways(first, second);
            both_copies(&a);
            both_copies(&b);
        }
        Order::AThenFolioOnBThenB => {
            syncer.send(&a, &b);
            both_copies(&b);
            let _ = b.bookmarks();
            let _ = b.unread_articles(&store);
            syncer.send(&b, &a);
        }
    }
    let context = format!("{order:?}, B's changes last: {b_last}");

    let expected: BTreeSet<String> = [&wall, &fleet, &stone].into_iter().cloned().collect();
    for round in 0..2 {
        let (on_a, said_a) = a.bookmarks();
        let (on_b, said_b) = b.bookmarks();
        assert!(said_a.is_empty() && said_b.is_empty(), "{said_a}{said_b}");
        assert_eq!(on_a, on_b, "{context}, round {round}: the same bookmarks");
        assert_eq!(
            on_a.keys().cloned().collect::<BTreeSet<_>>(),
            expected,
            "{context}, round {round}: every add kept, the deleted one not back"
        );
        assert_eq!(
            on_a[&wall].as_deref(),
            Some("checked in the archive"),
            "{context}, round {round}: the note edited on A"
        );
        let unread = BTreeSet::from(["harbour.txt".to_owned()]);
        assert_eq!(
            a.unread_articles(&store),
            unread,
            "{context}: read on A and B, seen on A"
        );
        assert_eq!(
            b.unread_articles(&store),
            unread,
            "{context}: read on A and B, seen on B"
        );
        assert!(a.conflict_copies().is_empty(), "{:?}", names(&a.data()));
        assert!(b.conflict_copies().is_empty(), "{:?}", names(&b.data()));
        // folio wrote the merged files on both machines: sync again, and nothing changes.
        syncer.both_ways(&a, &b);
    }
    assert_eq!(
        fs::read(a.data().join("bookmarks.toml")).unwrap(),
        fs::read(b.data().join("bookmarks.toml")).unwrap(),
        "{context}: one file on both machines"
    );
}

#[test]
fn changes_made_apart_all_arrive_when_a_sends_first() {
    apart_then_synced(Order::AThenB, true);
    apart_then_synced(Order::AThenB, false);
}

#[test]
fn changes_made_apart_all_arrive_when_b_sends_first() {
    apart_then_synced(Order::BThenA, true);
    apart_then_synced(Order::BThenA, false);
}

#[test]
fn changes_made_apart_all_arrive_when_folio_runs_between_the_two_sends() {
    apart_then_synced(Order::AThenFolioOnBThenB, true);
    apart_then_synced(Order::AThenFolioOnBThenB, false);
}

#[test]
fn a_conflict_copy_that_is_garbage_is_left_and_named() {
    let a = Machine::new("DEVICEA");
    let article = a.sandbox.write("harbour.txt", ARTICLE);
    let wall = a.add(&article, "harbour wall");
    let copy = a
        .data()
        .join("bookmarks.sync-conflict-20261204-101500-DEVICEB.toml");
    let garbage = b"version = 1\n[[bookmark]\nid = \"half a file";
    fs::write(&copy, garbage).unwrap();
    let reading_copy = a
        .data()
        .join("reading (conflicted copy 2026-12-04 101500).toml");
    fs::write(
        &reading_copy,
        "version = 1\n[article.\"/s/a.txt\"]\nread = \"soon\"\n",
    )
    .unwrap();

    let (listed, said) = a.bookmarks();
    assert_eq!(
        listed.keys().collect::<Vec<_>>(),
        [&wall],
        "the file still reads"
    );
    assert!(
        said.contains(&*copy.to_string_lossy()) && said.contains("left in place"),
        "names the copy: {said}"
    );
    assert_eq!(
        fs::read(&copy).unwrap(),
        garbage,
        "never deleted, never changed"
    );

    let (_, said) = a.sandbox.query_paths("is:unread", Some(&a.sandbox.store()));
    assert!(
        said.contains(&*reading_copy.to_string_lossy()) && said.contains("line 3, column 8"),
        "names the reading state's copy: {said}"
    );
    assert!(reading_copy.exists());
}
