//! Why a file in the store is not listed, worded for the person who owns the file.

use std::fmt;

/// A file (or folder) that could not be read as an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file's path as the user gave it, escaped for display.
    pub path: String,
    pub reason: Reason,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    Empty,
    Binary,
    TooLarge {
        size: u64,
        cap: u64,
    },
    /// A saved web page with no text in it: only markup, scripts or images.
    NoPageText,
    /// The file is not there (moved or deleted since it was found).
    Missing,
    /// The operating system refused: permission denied, an I/O error.
    Unreadable(String),
    /// A FIFO, socket or device named like an article.
    NotAFile(&'static str),
    /// A symbolic link whose target is outside the store.
    LinkOutside(String),
    /// A symbolic link to nothing, or a chain of links that loops.
    BrokenLink(String),
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Empty => write!(f, "empty file; add text or remove it"),
            Reason::Binary => write!(
                f,
                "binary file (holds NUL bytes), not text; rename it if it is not an article"
            ),
            Reason::TooLarge { size, cap } => {
                let (size_text, cap_text) = match (human_size(*size), human_size(*cap)) {
                    // Just over the limit: rounded, the two would read the same.
                    (a, b) if a == b => (format!("{size} bytes"), format!("{b} ({cap} bytes)")),
                    pair => pair,
                };
                write!(
                    f,
                    "{size_text} is over the {cap_text} limit for one article; split it, or raise max_article_bytes"
                )
            }
            Reason::NoPageText => write!(
                f,
                "web page with no text (only markup, scripts or images); not an article"
            ),
            Reason::Missing => write!(f, "is missing: it was moved or deleted"),
            Reason::Unreadable(why) => write!(f, "cannot be read ({why}); check its permissions"),
            Reason::NotAFile(kind) => write!(f, "is a {kind}, not a regular file; skipped"),
            Reason::LinkOutside(target) => write!(
                f,
                "symbolic link to {target}, outside the store; not followed (add that folder as a store instead)"
            ),
            Reason::BrokenLink(why) => write!(f, "broken symbolic link ({why}); skipped"),
        }
    }
}

/// `16 MiB`, `1.5 KiB`, `300 bytes`.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if value.fract() < 0.05 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(human_size(300), "300 bytes");
        assert_eq!(human_size(16 * 1024 * 1024), "16 MiB");
        assert_eq!(human_size(1536), "1.5 KiB");
    }

    #[test]
    fn messages_say_what_to_do() {
        let problem = Problem {
            path: "news/a.txt".into(),
            reason: Reason::TooLarge {
                size: 20 << 20,
                cap: 16 << 20,
            },
        };
        assert_eq!(
            problem.to_string(),
            "news/a.txt: 20 MiB is over the 16 MiB limit for one article; split it, or raise max_article_bytes"
        );
        let just_over = Reason::TooLarge {
            size: (16 << 20) + 1,
            cap: 16 << 20,
        };
        assert_eq!(
            just_over.to_string(),
            "16777217 bytes is over the 16 MiB (16777216 bytes) limit for one article; split it, or raise max_article_bytes"
        );
    }
}
