//! A sandbox for running the real `folio` binary: a temporary folder holding HOME, the
//! XDG config, data, cache and state folders, and a store to write articles into, so no
//! test touches the real home.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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
        let home = self.path();
        command
            .env("HOME", home.join("home"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .env("XDG_STATE_HOME", home.join("state"))
            .env("TZ", "UTC")
            .env_remove("FOLIO_LOG")
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
