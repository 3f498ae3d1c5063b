//! Web addresses for saving: what a person types checked and made fetchable, where a
//! redirect leads, and the form in which two addresses of one page compare equal.

use ureq::http::Uri;

/// Why an address given to `folio save` cannot be fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddressError {
    /// Another scheme than http or https (`ftp:`, `file:`, `mailto:`).
    NotWeb { scheme: String },
    /// No scheme at all: `example.com/page`.
    NoScheme { suggestion: String },
    /// A host name with letters outside ASCII (not yet in its `xn--` form).
    NonAsciiHost,
    /// Anything else that is not an address.
    Malformed,
}

impl std::fmt::Display for AddressError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AddressError::NotWeb { scheme } => write!(
                f,
                "folio saves web pages, from http:// and https:// addresses only, \
                 and this address is {scheme}:"
            ),
            AddressError::NoScheme { suggestion } => write!(
                f,
                "it is not a whole web address; give it with http:// or https://, \
                 such as {suggestion}"
            ),
            AddressError::NonAsciiHost => f.write_str(
                "its host name is not in ASCII; give the host in its xn-- form \
                 (as a browser's address bar shows it when copied)",
            ),
            AddressError::Malformed => {
                f.write_str("it is not a web address folio can read; give it as https://host/path")
            }
        }
    }
}

/// The scheme of an `http://` or `https://` address (ignoring case), if it has one.
fn web_scheme(address: &str) -> Option<&'static str> {
    ["http://", "https://"].into_iter().find(|scheme| {
        address
            .get(..scheme.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(scheme))
    })
}

/// Reads an address as given on the command line: `http://` or `https://`, a host,
/// anything after it; spaces and letters outside ASCII in the path are percent-encoded
/// (as a browser does), and the fragment is dropped (it never reaches the server).
pub fn parse(given: &str) -> Result<Uri, AddressError> {
    let given = given.trim();
    let Some(scheme) = web_scheme(given) else {
        return Err(other_than_web(given));
    };
    let rest = &given[scheme.len()..];
    let rest = rest.split('#').next().unwrap_or_default();
    let host_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(host_end);
    if !authority.is_ascii() {
        return Err(AddressError::NonAsciiHost);
    }
    if authority.is_empty() || authority.starts_with(':') || authority.ends_with('@') {
        return Err(AddressError::Malformed);
    }
    let address = format!(
        "{}{}{}",
        scheme.to_ascii_lowercase(),
        authority,
        percent_encoded(path)
    );
    let uri: Uri = address.parse().map_err(|_| AddressError::Malformed)?;
    match uri.host() {
        Some(host) if !host.is_empty() => Ok(uri),
        _ => Err(AddressError::Malformed),
    }
}

/// The error for an address that does not start with `http://` or `https://`.
fn other_than_web(given: &str) -> AddressError {
    if let Some((scheme, _)) = given.split_once(':') {
        let is_scheme = !scheme.is_empty()
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        // `example.com:8080/page` has a port where a scheme would be.
        let port_follows = given[scheme.len() + 1..]
            .split('/')
            .next()
            .is_some_and(|port| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()));
        if is_scheme && !port_follows {
            return AddressError::NotWeb {
                scheme: scheme.to_ascii_lowercase(),
            };
        }
    }
    let host = given.split(['/', '?', '#']).next().unwrap_or_default();
    if host.contains('.') && !host.contains(char::is_whitespace) {
        let rest = given.trim_start_matches('/');
        AddressError::NoScheme {
            suggestion: format!("https://{rest}"),
        }
    } else {
        AddressError::Malformed
    }
}

/// `path` with spaces, controls and letters outside ASCII percent-encoded (UTF-8), and
/// whatever is already encoded left alone.
fn percent_encoded(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        let plain = c.is_ascii_graphic() && !matches!(c, '"' | '<' | '>' | '`' | '{' | '}');
        if plain {
            out.push(c);
        } else {
            let mut buffer = [0; 4];
            for byte in c.encode_utf8(&mut buffer).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

/// Where a redirect's `Location` leads from `base` (RFC 3986, section 5.2): an absolute
/// address as it is, else resolved against `base`. The fragment is dropped.
pub fn resolve(base: &Uri, location: &str) -> String {
    let location = location.trim();
    let location = location.split('#').next().unwrap_or_default();
    let scheme = base.scheme_str().unwrap_or("http");
    let authority = base.authority().map(|a| a.as_str()).unwrap_or_default();
    let has_scheme = location.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    if has_scheme {
        return percent_encoded(location);
    }
    if let Some(rest) = location.strip_prefix("//") {
        return format!("{scheme}://{}", percent_encoded(rest));
    }
    let base_path = base.path();
    let (path, query) = match location.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (location, None),
    };
    let path = if path.is_empty() {
        base_path.to_owned()
    } else if path.starts_with('/') {
        without_dot_segments(path)
    } else {
        let folder = &base_path[..base_path.rfind('/').map_or(0, |at| at + 1)];
        let folder = if folder.is_empty() { "/" } else { folder };
        without_dot_segments(&format!("{folder}{path}"))
    };
    let query = match query {
        Some(query) => format!("?{query}"),
        None if location.is_empty() => base.query().map(|q| format!("?{q}")).unwrap_or_default(),
        None => String::new(),
    };
    percent_encoded(&format!("{scheme}://{authority}{path}{query}"))
}

/// A path with its `.` and `..` segments worked out.
fn without_dot_segments(path: &str) -> String {
    let mut kept: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *segment {
            "." => {
                if last {
                    kept.push("");
                }
            }
            ".." => {
                kept.pop();
                if last {
                    kept.push("");
                }
            }
            other => kept.push(other),
        }
    }
    format!("/{}", kept.join("/"))
}

/// The form in which two addresses of the same page are equal: scheme and host in
/// lower case, no default port, no fragment, no `.` or `..` segments, no trailing slash
/// (an empty path is `/`).
/// The query is kept: it often names the page.
pub fn comparable(address: &str) -> Option<String> {
    let address = address.trim();
    let scheme = web_scheme(address)?;
    let rest = &address[scheme.len()..];
    let rest = rest.split('#').next().unwrap_or_default();
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let scheme = scheme.to_ascii_lowercase();
    let mut authority = authority.to_lowercase();
    let default_port = if scheme == "http://" { ":80" } else { ":443" };
    if authority.ends_with(default_port) {
        authority.truncate(authority.len() - default_port.len());
    }
    if authority.is_empty() {
        return None;
    }
    let (path, query) = match tail.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (tail, None),
    };
    let path = if path.starts_with('/') {
        without_dot_segments(path)
    } else {
        path.to_owned()
    };
    let path = path.trim_end_matches('/');
    let path = if path.is_empty() { "/" } else { path };
    Some(match query {
        Some(query) if !query.is_empty() => format!("{scheme}{authority}{path}?{query}"),
        _ => format!("{scheme}{authority}{path}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_parse_and_others_are_named() {
        let uri = parse("HTTPS://Example.org/a b/é?q=1#part").unwrap();
        assert_eq!(uri.to_string(), "https://Example.org/a%20b/%C3%A9?q=1");
        let uri = parse("https://example.org/a|b^c[d]\\e?x={1}").unwrap();
        assert_eq!(uri.host(), Some("example.org"));
        assert_eq!(
            parse("ftp://example.org/file"),
            Err(AddressError::NotWeb {
                scheme: "ftp".into()
            })
        );
        assert_eq!(
            parse("file:///home/me/page.html"),
            Err(AddressError::NotWeb {
                scheme: "file".into()
            })
        );
        assert_eq!(
            parse("example.org/news/a"),
            Err(AddressError::NoScheme {
                suggestion: "https://example.org/news/a".into()
            })
        );
        assert_eq!(
            parse("example.org:8080/a"),
            Err(AddressError::NoScheme {
                suggestion: "https://example.org:8080/a".into()
            })
        );
        assert_eq!(parse("https://例え.jp/"), Err(AddressError::NonAsciiHost));
        for bad in ["https://", "http:///path", "hello", "https://:80/"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn redirects_resolve_as_browsers_resolve_them() {
        let base: Uri = "https://example.org/news/2024/story?x=1".parse().unwrap();
        for (location, expected) in [
            ("https://other.example/a", "https://other.example/a"),
            ("//cdn.example/b", "https://cdn.example/b"),
            ("/c", "https://example.org/c"),
            ("d", "https://example.org/news/2024/d"),
            ("../e", "https://example.org/news/e"),
            ("./", "https://example.org/news/2024/"),
            ("?y=2", "https://example.org/news/2024/story?y=2"),
            ("", "https://example.org/news/2024/story?x=1"),
            ("/f#top", "https://example.org/f"),
            ("/a b", "https://example.org/a%20b"),
        ] {
            assert_eq!(resolve(&base, location), expected, "{location}");
        }
    }

    #[test]
    fn addresses_of_one_page_compare_equal() {
        let same = [
            "https://example.org/a/",
            "HTTPS://EXAMPLE.org/a",
            "https://example.org:443/a#comments",
            "https://example.org/./a",
            "https://example.org/b/../a/",
        ];
        for address in same {
            assert_eq!(
                comparable(address).as_deref(),
                Some("https://example.org/a")
            );
        }
        assert_eq!(
            comparable("http://example.org").as_deref(),
            Some("http://example.org/")
        );
        assert_ne!(
            comparable("https://example.org/a?id=1"),
            comparable("https://example.org/a?id=2")
        );
        assert_ne!(
            comparable("http://example.org/a"),
            comparable("https://example.org/a")
        );
        assert_eq!(comparable("ftp://example.org/a"), None);
    }
}
