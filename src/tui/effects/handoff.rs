//! The programs folio hands an article to, and how each is asked: the editor
//! (`$VISUAL`, else `$EDITOR`, else `vi`) at a line of the file, the browser (`$BROWSER`,
//! else the system's opener) at a web address. Both are run by `sh`, as git runs an
//! editor, so a variable may hold arguments (`code --wait`); what folio adds (the line,
//! the path, the address) goes as separate arguments, never through the shell's parsing.

use std::ffi::OsString;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::query::tokens::word_ranges;
use crate::store::decode::decode;

/// The editor the user asked for, as a shell command.
pub fn editor() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(std::env::var_os)
        .map(|value| value.to_string_lossy().trim().to_owned())
        .find(|value| !value.is_empty())
        .unwrap_or_else(|| "vi".to_owned())
}

/// The command that opens `path` in `editor` at `line` (1-based), in the form the editor
/// takes: `+LINE PATH` for the editors of the vi and emacs families and those that
/// follow them, `PATH:LINE` for helix and Sublime Text, `--goto PATH:LINE` for VS Code;
/// the path alone for an editor folio does not know.
pub fn editor_command(editor: &str, path: &Path, line: Option<usize>) -> Command {
    let program = program_name(editor);
    let mut args: Vec<OsString> = Vec::new();
    let at_line = |path: &Path, line: usize| {
        let mut arg = path.as_os_str().to_owned();
        arg.push(format!(":{line}"));
        arg
    };
    match line {
        Some(line) if TAKES_PLUS_LINE.contains(&program) => {
            args.push(format!("+{line}").into());
            args.push(path.into());
        }
        Some(line) if matches!(program, "hx" | "helix" | "subl") => {
            args.push(at_line(path, line));
        }
        Some(line) if matches!(program, "code" | "codium" | "code-insiders") => {
            args.push("--goto".into());
            args.push(at_line(path, line));
        }
        _ => args.push(path.into()),
    }
    shell(editor, args)
}

/// Editors that take `+LINE` before the file.
const TAKES_PLUS_LINE: &[&str] = &[
    "vi",
    "vim",
    "nvim",
    "gvim",
    "view",
    "vis",
    "nano",
    "pico",
    "emacs",
    "emacsclient",
    "micro",
    "kak",
    "joe",
    "jed",
    "mg",
    "ne",
    "ed",
    "less",
    "more",
];

/// The command that opens `url`: `browser` (the value of `$BROWSER`: its first entry,
/// where it lists several separated by `:`; a `%s` in it is replaced by the address),
/// else the system's opener.
pub fn browser_command(browser: Option<&str>, url: &str) -> Command {
    let first = browser
        .and_then(|b| b.split(':').map(str::trim).find(|b| !b.is_empty()))
        .map(str::to_owned);
    match first {
        Some(browser) if browser.contains("%s") => {
            // The address goes in as "$1", so the shell never parses it.
            let mut command = Command::new("sh");
            command
                .arg("-c")
                .arg(browser.replace("%s", "\"$1\""))
                .arg("sh")
                .arg(url);
            command
        }
        Some(browser) => shell(&browser, vec![url.into()]),
        None => {
            let mut command = Command::new(system_opener());
            command.arg(url);
            command
        }
    }
}

/// The system's program for opening a web address.
fn system_opener() -> &'static str {
    if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    }
}

/// True when no graphical display is at hand (a console, or ssh without forwarding): the
/// browser is then one that runs in the terminal, and gets it until it exits.
pub fn browser_needs_terminal() -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    !cfg!(target_os = "macos") && !set("DISPLAY") && !set("WAYLAND_DISPLAY")
}

/// Runs `command` (a shell command) with `args` as `"$@"`.
fn shell(command: &str, args: Vec<OsString>) -> Command {
    let mut shell = Command::new("sh");
    shell
        .arg("-c")
        .arg(format!("{command} \"$@\""))
        .arg("sh")
        .args(args);
    shell
}

/// The name of the program a shell command runs first (`code` for `/usr/bin/code --wait`).
pub fn program_name(command: &str) -> &str {
    let first = command.split_whitespace().next().unwrap_or_default();
    first.rsplit('/').next().unwrap_or(first)
}

/// Runs `command` in the foreground with the terminal, waits for it, and says how it
/// ended: `Err` names `what` when it could not start or failed.
pub fn run_in_terminal(mut command: Command, what: &str) -> Result<(), String> {
    match command.status() {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => Err(format!("{what} ended with {status}")),
        Err(error) => Err(format!("{what} could not be started: {error}")),
    }
}

/// Starts `command` apart from folio (no terminal, its output dropped), and leaves it to
/// run; a thread waits for it so it leaves no zombie behind.
pub fn start_apart(mut command: Command, what: &str) -> Result<(), String> {
    let child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|error| format!("{what} could not be started: {error}"))?;
    std::thread::spawn(move || {
        let mut child = child;
        let _ = child.wait();
    });
    Ok(())
}

/// The 1-based line of the file at `path` where the words at byte `at` of `text` (the
/// article's text as folio read it from that file) begin; `None` when the file cannot be
/// read or the words are not found in it.
pub fn line_in_file(path: &Path, text: &str, at: usize) -> Option<usize> {
    let bytes = std::fs::read(path).ok()?;
    let file = decode(&bytes).ok()?.text;
    line_of(&file, text, at)
}

/// How many words at `at` are looked for: enough to tell one line from another, few
/// enough to survive a small difference in what folio made of the text.
const WORDS: usize = 8;

/// The 1-based line of `file` where the words at byte `at` of `text` begin. The text is
/// what folio made of the file (its header dropped, hard-wrapped lines joined, Markdown
/// kept), so words are compared, not bytes; when the same words come more than once, the
/// one as far from the end of the file as they are from the end of the text is taken.
pub fn line_of(file: &str, text: &str, at: usize) -> Option<usize> {
    let wanted: Vec<&str> = words(text.get(at..)?).take(WORDS).map(|(w, _)| w).collect();
    if wanted.is_empty() {
        return None;
    }
    let found_in = |haystack: &str| -> Vec<usize> {
        let all: Vec<(&str, usize)> = words(haystack).collect();
        all.windows(wanted.len())
            .filter(|window| window.iter().map(|(w, _)| *w).eq(wanted.iter().copied()))
            .map(|window| window[0].1)
            .collect()
    };
    let in_file = found_in(file);
    let after_in_text = found_in(text.get(at..)?).len();
    let place = *in_file.get(in_file.len().checked_sub(after_in_text)?)?;
    Some(file[..place].matches('\n').count() + 1)
}

/// The words of `text` as the filter splits them (each Han, Kana and Hangul character a
/// word of its own, so a line wrapped inside a run of them still starts on a word), with
/// their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (&str, usize)> {
    word_ranges(text).map(move |range| (&text[range.clone()], range.start))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(command: &Command) -> Vec<String> {
        command
            .get_args()
            .map(|a| a.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn a_line_is_found_through_a_header_and_hard_wrapping() {
        let file = "Title: Rivers\nDate: 2024-01-02\n\nThe river rose in the\nnight and the mill\nstopped.\n\nBy morning the river\nrose again.\n";
        let text =
            "The river rose in the night and the mill stopped.\n\nBy morning the river rose again.";
        assert_eq!(line_of(file, text, 0), Some(4));
        let second = text.find("By morning").unwrap();
        assert_eq!(line_of(file, text, second), Some(8));
        let mill = text.find("the mill").unwrap();
        assert_eq!(
            line_of(file, text, mill),
            Some(5),
            "a line that starts mid-line"
        );
    }

    #[test]
    fn repeated_words_count_from_the_end() {
        // The title repeats the first line of text; the text's line is the later one.
        let file = "# Rain again\n\nRain again today.\n\nRain again today.\n";
        let text = "Rain again today.\n\nRain again today.";
        assert_eq!(line_of(file, text, 0), Some(3));
        assert_eq!(line_of(file, text, text.rfind("Rain").unwrap()), Some(5));
    }

    #[test]
    fn a_line_that_starts_inside_a_run_of_cjk_characters_is_found() {
        let file = "春天\n\n春天是一年中最美的季节，公园里的樱花\n开得正盛。\n";
        let text = "春天是一年中最美的季节，公园里的樱花开得正盛。";
        let at = text.find("的季节").unwrap();
        assert_eq!(line_of(file, text, at), Some(3));
        let wrapped = text.find("开得").unwrap();
        assert_eq!(line_of(file, text, wrapped), Some(4));
    }

    #[test]
    fn words_not_in_the_file_find_no_line() {
        assert_eq!(line_of("one two three\n", "four five", 0), None);
        assert_eq!(line_of("one\n", "   ", 0), None);
        assert_eq!(line_of("one\n", "one", 99), None);
    }

    #[test]
    fn each_editor_gets_the_line_its_way() {
        let path = Path::new("/store/a b.md");
        let plus = editor_command("nvim", path, Some(12));
        assert_eq!(
            args(&plus),
            ["-c", "nvim \"$@\"", "sh", "+12", "/store/a b.md"]
        );
        let code = editor_command("/usr/bin/code --wait", path, Some(3));
        assert_eq!(args(&code)[3..], ["--goto", "/store/a b.md:3"]);
        assert_eq!(
            args(&editor_command("hx", path, Some(3)))[3..],
            ["/store/a b.md:3"]
        );
        assert_eq!(
            args(&editor_command("my-editor", path, Some(3)))[3..],
            ["/store/a b.md"]
        );
        assert_eq!(
            args(&editor_command("vim", path, None))[3..],
            ["/store/a b.md"]
        );
    }

    #[test]
    fn the_browser_gets_the_address_as_one_argument() {
        let url = "https://example.org/a?b=1&c=$(rm -rf ~)";
        let plain = browser_command(Some("firefox:chromium"), url);
        assert_eq!(args(&plain), ["-c", "firefox \"$@\"", "sh", url]);
        let with_s = browser_command(Some("lynx -dump %s"), url);
        assert_eq!(args(&with_s), ["-c", "lynx -dump \"$1\"", "sh", url]);
        let system = browser_command(None, url);
        assert_eq!(args(&system), [url]);
    }

    #[test]
    fn the_shell_passes_the_arguments_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("args");
        let script = format!("echo > '{}'", out.display());
        let url = "https://example.org/?q=a b&x=$(touch pwned)";
        run_in_terminal(browser_command(Some(&script), url), "browser").unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), format!("{url}\n"));
        assert!(!Path::new("pwned").exists());
    }
}
