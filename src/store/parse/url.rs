//! Which metadata values count as an article's web address: `http://` or `https://`
//! followed by a host, with no spaces or controls, kept as written.

/// Schemes an article's address may have (compared ignoring case).
const SCHEMES: [&str; 2] = ["http://", "https://"];

/// `value` (already sanitised and trimmed) when it looks like a web address; `None`
/// for anything else: a relative path (`/posts/x/`), a sentence, a `javascript:` link.
pub(super) fn web_address(value: &str) -> Option<String> {
    let scheme = SCHEMES.iter().find(|scheme| {
        value
            .get(..scheme.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(scheme))
    })?;
    let rest = &value[scheme.len()..];
    let host_starts = rest
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '[');
    let every_char_fits = value.chars().all(|c| {
        !c.is_whitespace()
            && !c.is_control()
            && !matches!(c, '<' | '>' | '"' | '`' | '\\' | '{' | '}' | '|' | '^')
            && !is_invisible(c)
    });
    (host_starts && every_char_fits).then(|| value.to_owned())
}

/// Characters that show nothing or change how the text around them is shown: bidi
/// controls and marks, zero-width characters, and the sanitiser's control pictures.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{61c}' | '\u{feff}' | '\u{2400}'..='\u{2426}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_are_kept_as_written() {
        for url in [
            "https://example.org/bog",
            "HTTP://Example.org/a?b=c&d=e#f",
            "https://例え.jp/記事",
            "http://[::1]:8080/x",
        ] {
            assert_eq!(web_address(url).as_deref(), Some(url));
        }
    }

    #[test]
    fn what_is_not_a_web_address_is_refused() {
        for value in [
            "",
            "/posts/2024/bog/",
            "example.org/bog",
            "see https://example.org",
            "https://example.org/a b",
            "https://",
            "https:///path",
            "javascript:alert(1)",
            "ftp://example.org/file",
            "mailto:someone@example.org",
            "https://example.org/\u{202e}gpj.exe",
            "https://example.org/<script>",
            "https://example.org/\u{241b}[31m",
        ] {
            assert_eq!(web_address(value), None, "{value:?}");
        }
    }
}
