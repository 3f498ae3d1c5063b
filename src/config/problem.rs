//! What can be wrong with a config file, and how it is told: the file, then each problem
//! with its line and column, the line itself marked, and what is allowed there.

use std::ops::Range;
use std::path::PathBuf;

use unicode_width::UnicodeWidthStr;

use crate::lines::line_column;

/// One thing wrong in a config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    /// Where, as a byte range of the file.
    pub span: Range<usize>,
    /// What is wrong.
    pub what: String,
    /// What would be right.
    pub allowed: String,
}

impl ConfigProblem {
    pub fn new(
        span: Range<usize>,
        what: impl Into<String>,
        allowed: impl Into<String>,
    ) -> ConfigProblem {
        ConfigProblem {
            span,
            what: what.into(),
            allowed: allowed.into(),
        }
    }
}

/// Who named the config file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// `--config FILE`.
    Flag,
    /// `FOLIO_CONFIG`.
    Env,
    /// The config folder: a missing file there means the defaults.
    Folder,
}

impl Origin {
    fn describe(self) -> &'static str {
        match self {
            Origin::Flag => " (given with --config)",
            Origin::Env => " (named by FOLIO_CONFIG)",
            Origin::Folder => "",
        }
    }
}

/// A config file that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    /// The file could not be read.
    Unreadable {
        path: PathBuf,
        origin: Origin,
        reason: String,
    },
    /// The file was read, and is not a valid config.
    Invalid {
        path: PathBuf,
        text: String,
        problems: Vec<ConfigProblem>,
    },
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConfigError::Unreadable {
                path,
                origin,
                reason,
            } => write!(
                f,
                "cannot read the config file {}{}: {reason}",
                crate::store::read::escape_path(path),
                origin.describe()
            ),
            ConfigError::Invalid {
                path,
                text,
                problems,
            } => {
                write!(
                    f,
                    "the config file {} is not valid:",
                    crate::store::read::escape_path(path)
                )?;
                for problem in problems {
                    writeln!(f)?;
                    write_problem(f, text, problem)?;
                }
                write!(
                    f,
                    "\n(`folio config --default` prints a valid config with every key explained)"
                )
            }
        }
    }
}

/// `line 3, column 8: what`, the line with the place marked, and what is allowed.
fn write_problem(
    f: &mut std::fmt::Formatter<'_>,
    text: &str,
    problem: &ConfigProblem,
) -> std::fmt::Result {
    let start = problem.span.start.min(text.len());
    let (line, column) = line_column(text, start);
    writeln!(f, "  line {line}, column {column}: {}", problem.what)?;
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let source = text[line_start..line_end].trim_end_matches('\r');
    if !source.trim().is_empty() {
        // The span may end (or start) on a `\r` the shown line leaves out.
        let end = problem.span.end.min(line_start + source.len()).max(start);
        let shown = |part: &str| -> String { part.chars().map(inert).collect() };
        let before = shown(&text[line_start..start]);
        let marked = shown(&text[start..end]);
        let number = line.to_string();
        let gutter = " ".repeat(number.len());
        writeln!(f, "  {number} | {}", shown(source))?;
        writeln!(
            f,
            "  {gutter} | {}{}",
            " ".repeat(before.width()),
            "^".repeat(marked.width().max(1))
        )?;
    }
    writeln!(f, "  allowed: {}", problem.allowed)
}

/// A character as shown in the quoted line: controls and bidi overrides as a space, so
/// the marks below stay under their place and nothing reaches the terminal.
fn inert(c: char) -> char {
    let bidi = matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if c.is_control() || bidi { ' ' } else { c }
}
