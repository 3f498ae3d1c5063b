//! The reader in tmux for the end-to-end tests: one tmux server on its own socket
//! (`tmux -L <unique socket>`) with folio's folders in a temp home, driven with
//! send-keys and read with capture-pane, polling the screen against a deadline. It needs
//! tmux (3.x) and bash on PATH.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

pub const DEADLINE: Duration = Duration::from_secs(10);
pub const PROMPT: &str = "folio-test$";

/// One tmux server on its own socket, with a session named `t`, killed on drop.
pub struct Tmux {
    pub socket: String,
    pub home: tempfile::TempDir,
}

impl Tmux {
    /// Starts a server whose session runs bash at `width` x `height`, and waits for its prompt.
    pub fn start(name: &str, width: u16, height: u16) -> Tmux {
        let home = tempfile::tempdir().expect("temp home");
        for dir in ["config", "data", "cache", "state"] {
            std::fs::create_dir(home.path().join(dir)).expect("xdg dir");
        }
        let tmux = Tmux {
            socket: format!("folio-{name}-{}", std::process::id()),
            home,
        };
        let shell = format!("env PS1='{PROMPT} ' bash --norc --noprofile");
        let (w, h) = (width.to_string(), height.to_string());
        let output = tmux
            .command()
            .args([
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                "t",
                "-x",
                &w,
                "-y",
                &h,
                &shell,
            ])
            .args([";", "set-option", "-g", "set-clipboard", "on"])
            .output()
            .expect("tmux runs (install it: apt-get install tmux)");
        assert!(
            output.status.success(),
            "tmux: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        tmux.wait_for(PROMPT);
        tmux
    }

    /// Types `command` at the prompt and runs it.
    pub fn launch(&self, command: &str) {
        self.type_text(command);
        self.keys(&["Enter"]);
    }

    pub fn command(&self) -> Command {
        let home = self.home.path();
        let mut command = Command::new("tmux");
        command
            .args(["-L", &self.socket])
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .env("XDG_STATE_HOME", home.join("state"))
            .env("FOLIO_LOG", self.log())
            .env_remove("TMUX");
        command
    }

    pub fn log(&self) -> PathBuf {
        self.home.path().join("folio.log")
    }

    pub fn run(&self, args: &[&str]) -> String {
        let output = self.command().args(args).output().expect("tmux runs");
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Sends tmux key names (`Enter`, `Escape`, `C-z`, `q`).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    /// Types `text` literally.
    pub fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-t", "t", "-l", text]);
    }

    pub fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "t"])
    }

    pub fn format(&self, format: &str) -> String {
        self.run(&["display-message", "-p", "-t", "t", format])
            .trim()
            .to_owned()
    }

    /// Polls until `ready` holds for the screen; panics with the screen at the deadline.
    pub fn wait(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            if start.elapsed() > DEADLINE {
                panic!("timed out waiting for {what}; the screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn wait_for(&self, text: &str) -> String {
        self.wait(text, |s| s.contains(text))
    }

    /// Polls until a tmux format (such as `#{pane_dead}`) gives `want`.
    pub fn wait_format(&self, format: &str, want: &str) {
        let start = Instant::now();
        while self.format(format) != want {
            assert!(
                start.elapsed() < DEADLINE,
                "{format} is {:?}, not {want:?}",
                self.format(format)
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The terminal is back to normal: main screen, no mouse capture, cursor shown.
    pub fn assert_restored(&self) {
        assert_eq!(
            self.format("#{alternate_on} #{mouse_any_flag} #{cursor_flag}"),
            "0 0 1"
        );
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.command().arg("kill-server").output();
    }
}

pub fn folio_command(store: &Path) -> String {
    format!("{} {}", env!("CARGO_BIN_EXE_folio"), store.display())
}

/// The last non-blank line of the screen: the status bar while folio runs.
pub fn status(screen: &str) -> &str {
    screen.lines().rfind(|l| !l.trim().is_empty()).unwrap_or("")
}
