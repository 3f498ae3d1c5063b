//! A sandbox for running the real `folio` binary: a temporary folder holding HOME, the
//! XDG config, data, cache and state folders, and a store to write articles into, so no
//! test touches the real home.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// How long one run of folio may take before the test fails.
pub const TIME_LIMIT: Duration = Duration::from_secs(20);

pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        let dir = tempfile::tempdir().expect("temp dir");
        for sub in ["home", "config", "data", "cache", "state", "store"] {
            std::fs::create_dir(dir.path().join(sub)).expect("xdg dir");
        }
        Sandbox { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The store folder articles are written into.
    pub fn store(&self) -> PathBuf {
        self.path().join("store")
    }

    /// Writes an article at `rel` in the store; returns its path.
    pub fn write(&self, rel: &str, text: &str) -> PathBuf {
        let path = self.store().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
        std::fs::write(&path, text).expect("write article");
        path
    }

    /// Points a command's XDG folders and HOME into the sandbox, in UTC.
    pub fn isolate<'c>(&self, command: &'c mut Command) -> &'c mut Command {
        isolate(command, self.path())
    }

    /// folio's data folder in the sandbox (bookmarks, reading state).
    pub fn data(&self) -> PathBuf {
        self.path().join("data/folio")
    }

    /// The paths `folio list --json --query QUERY` prints on `store` (none: the store
    /// folio finds itself), and its stderr. The run must succeed.
    pub fn query_paths(&self, query: &str, store: Option<&Path>) -> (BTreeSet<String>, String) {
        let mut args = vec!["list", "--json", "--query", query];
        if let Some(store) = store {
            args.push(store.to_str().expect("utf-8 path"));
        }
        let output = self.folio(&args);
        assert!(output.status.success(), "{query}: {}", stderr(&output));
        let paths = String::from_utf8(output.stdout.clone())
            .expect("utf-8")
            .lines()
            .map(|line| {
                let value: Value = serde_json::from_str(line).expect("json line");
                value["path"].as_str().expect("path").to_owned()
            })
            .collect();
        (paths, stderr(&output))
    }

    /// The stderr of `folio list --query QUERY STORE`, which must refuse the query: exit
    /// status 2 and nothing listed.
    pub fn refused_query(&self, query: &str, store: &Path) -> String {
        let output = self.folio(&["list", "--query", query, store.to_str().expect("utf-8")]);
        assert_eq!(output.status.code(), Some(2), "{query}");
        assert!(output.stdout.is_empty(), "{query}");
        stderr(&output)
    }

    /// Runs folio with `args` in the sandbox.
    pub fn folio(&self, args: &[&str]) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_folio"));
        self.isolate(&mut command)
            .args(args)
            .output()
            .expect("run folio")
    }
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Points a command's HOME and XDG folders at `home`'s `home`, `config`, `data`, `cache`
/// and `state`, in UTC, with no log.
pub fn isolate<'c>(command: &'c mut Command, home: &Path) -> &'c mut Command {
    command
        .env("HOME", home.join("home"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("TZ", "UTC")
        .env_remove("FOLIO_LOG")
}

/// What a run of folio printed, and how it ended.
pub struct Run {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json_lines(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
            .collect()
    }
}

/// Runs `command`, killing it and failing the test if it takes longer than [`TIME_LIMIT`].
pub fn run_with_limit(mut command: Command) -> Run {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("folio starts");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        stdout.read_to_end(&mut bytes).map(|_| bytes)
    });
    let err = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        stderr.read_to_end(&mut bytes).map(|_| bytes)
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for folio") {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("folio did not finish within {TIME_LIMIT:?}: {command:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("folio writes UTF-8");
    Run {
        status,
        stdout: text(out.join().expect("stdout reader").expect("read stdout")),
        stderr: text(err.join().expect("stderr reader").expect("read stderr")),
    }
}
