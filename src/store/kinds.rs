//! Which file endings are articles (the `extensions` setting), and how each is read:
//! a saved web page, Markdown, or plain text.

use std::sync::Arc;

use super::article::Format;

/// The endings folio reads when the configuration names none.
pub const DEFAULT_ENDINGS: [&str; 7] = ["txt", "text", "md", "markdown", "html", "htm", "xhtml"];

/// The article endings of a store, each with its format. Cheap to clone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kinds(Arc<[(Box<[u8]>, Format)]>);

impl Default for Kinds {
    fn default() -> Kinds {
        Kinds::new(DEFAULT_ENDINGS)
    }
}

impl Kinds {
    /// The kinds for these endings (`md` or `.md`, any case).
    pub fn new<S: AsRef<str>>(endings: impl IntoIterator<Item = S>) -> Kinds {
        let mut kinds: Vec<(Box<[u8]>, Format)> = Vec::new();
        for ending in endings {
            let ending = ending.as_ref().trim().trim_start_matches('.');
            let ending = ending.to_ascii_lowercase().into_bytes().into_boxed_slice();
            if !ending.is_empty() && !kinds.iter().any(|(e, _)| *e == ending) {
                let format = format_of_ending(&ending);
                kinds.push((ending, format));
            }
        }
        Kinds(kinds.into())
    }

    /// The format a file name (or path) promises, or `None` when its ending is not an
    /// article's. Takes bytes, so a name that is not UTF-8 needs no converting first.
    pub fn format_for(&self, name: impl AsRef<[u8]>) -> Option<Format> {
        let name = name.as_ref();
        let dot = name.iter().rposition(|&b| b == b'.')?;
        let ending = &name[dot + 1..];
        self.0
            .iter()
            .find(|(known, _)| ending.eq_ignore_ascii_case(known))
            .map(|&(_, format)| format)
    }

    /// The endings, as the configuration would name them.
    pub fn endings(&self) -> impl Iterator<Item = &str> {
        self.0
            .iter()
            .map(|(ending, _)| std::str::from_utf8(ending).unwrap_or_default())
    }
}

/// How a file with this ending (lower case, no dot) is read: web pages and Markdown by
/// their usual endings, anything else as plain text.
fn format_of_ending(ending: &[u8]) -> Format {
    match ending {
        b"html" | b"htm" | b"xhtml" | b"shtml" => Format::Html,
        b"md" | b"markdown" | b"mdown" | b"mkd" | b"mkdn" => Format::Markdown,
        _ => Format::Text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_endings_are_text_markdown_and_web_pages() {
        let kinds = Kinds::default();
        assert_eq!(kinds.format_for("a.txt"), Some(Format::Text));
        assert_eq!(kinds.format_for("notes/B.MD"), Some(Format::Markdown));
        assert_eq!(kinds.format_for("page.Html"), Some(Format::Html));
        assert_eq!(kinds.format_for("page.htm"), Some(Format::Html));
        assert_eq!(kinds.format_for("photo.jpg"), None);
        assert_eq!(kinds.format_for("README"), None);
        assert_eq!(kinds.format_for(b"caf\xe9.txt"), Some(Format::Text));
    }

    #[test]
    fn configured_endings_replace_the_default_ones() {
        let kinds = Kinds::new([".org", "MD", "rst", "md", ""]);
        assert_eq!(kinds.endings().collect::<Vec<_>>(), ["org", "md", "rst"]);
        assert_eq!(kinds.format_for("todo.org"), Some(Format::Text));
        assert_eq!(kinds.format_for("x.md"), Some(Format::Markdown));
        assert_eq!(kinds.format_for("x.txt"), None);
        assert_eq!(kinds.format_for("x.html"), None);
    }
}
