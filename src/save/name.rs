//! The name a saved article gets: `YYYY-MM-DD-slug.md`, the slug made of the title's
//! words in ASCII lower case (letters of other scripts spelled out in Latin ones:
//! `東京の天気` → `dong-jing-no-tian-qi`), joined by `-` and cut short at a word.

use jiff::civil::Date;

/// The longest slug, in bytes (all ASCII): with the date and `.html`, a name stays
/// far below the 255 bytes file systems allow, and readable in a listing.
pub const MAX_SLUG: usize = 60;

/// The slug of `title`: its words in ASCII lower case joined by `-`, at most
/// [`MAX_SLUG`] bytes, cut between words where one fits. Empty when the title has no
/// letter or digit that can be spelled in ASCII.
pub fn slug(title: &str) -> String {
    let mut spelled = String::with_capacity(title.len());
    for c in title.chars() {
        if c.is_alphanumeric() {
            match deunicode::deunicode_char(c) {
                // Chinese and Japanese write words without spaces between them: each
                // character is a word of its own here (`東京の` → `dong-jing-no`).
                Some(ascii) if written_without_spaces(c) => {
                    spelled.push(' ');
                    spelled.push_str(ascii);
                    spelled.push(' ');
                }
                Some(ascii) => spelled.push_str(ascii),
                None => spelled.push(' '),
            }
        } else if c == '\'' || c == '\u{2019}' {
            // `Don't` → `dont`, not `don-t`.
        } else {
            spelled.push(' ');
        }
    }
    let words = spelled
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase);
    let mut slug = String::new();
    for word in words {
        let needed = word.len() + usize::from(!slug.is_empty());
        if slug.len() + needed > MAX_SLUG {
            if slug.is_empty() {
                slug.push_str(&word[..MAX_SLUG]);
            }
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word);
    }
    slug
}

/// True for Han characters and kana.
fn written_without_spaces(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{2fa1f}')
}

/// The slug for a page with no usable title: the last named part of its address's
/// path (`/news/harbour-wall.html` → `harbour-wall`), else its host.
pub fn slug_of_address(address: &str) -> String {
    let rest = address.split_once("://").map_or(address, |(_, rest)| rest);
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let last = path
        .split('/')
        .rev()
        .find(|part| !part.is_empty())
        .map(|part| part.rsplit_once('.').map_or(part, |(stem, _)| stem))
        .map(percent_decoded)
        .map(|part| slug(&part))
        .filter(|s| !s.is_empty());
    last.unwrap_or_else(|| slug(host.strip_prefix("www.").unwrap_or(host)))
}

/// `%E6%9D%B1` → `東`, as far as the bytes are UTF-8.
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `2024-03-14-harbour-wall`; `2024-03-14` alone when there is no slug.
pub fn stem(date: Date, slug: &str) -> String {
    if slug.is_empty() {
        date.to_string()
    } else {
        format!("{date}-{slug}")
    }
}

/// The `n`th name tried for `stem` (from 1): `STEM.EXT`, then `STEM-2.EXT`, …
pub fn numbered(stem: &str, extension: &str, n: usize) -> String {
    if n <= 1 {
        format!("{stem}.{extension}")
    } else {
        format!("{stem}-{n}.{extension}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_become_ascii_words() {
        for (title, expected) in [
            ("Harbour wall repairs begin", "harbour-wall-repairs-begin"),
            ("  Crème Brûlée: a how-to!  ", "creme-brulee-a-how-to"),
            ("Don't panic — it's 2024", "dont-panic-its-2024"),
            ("Straße über Köln", "strasse-uber-koln"),
            ("Москва сегодня", "moskva-segodnia"),
            ("東京の天気", "dong-jing-no-tian-qi"),
            ("🎉🎉", ""),
            ("", ""),
        ] {
            assert_eq!(slug(title), expected, "{title}");
        }
    }

    #[test]
    fn a_long_title_is_cut_between_words() {
        let title = "The council said the repairs would take until the summer and that the \
                     fishing fleet would keep using the north quay";
        let slug = slug(title);
        assert!(slug.len() <= MAX_SLUG, "{slug}");
        assert_eq!(
            slug,
            "the-council-said-the-repairs-would-take-until-the-summer-and"
        );
        let one_word = "a".repeat(100);
        assert_eq!(super::slug(&one_word).len(), MAX_SLUG);
        let chinese = "北京大学图书馆今日起恢复开放读者可凭借有效证件预约入馆阅览".repeat(2);
        let slug = super::slug(&chinese);
        assert!(slug.len() <= MAX_SLUG && !slug.ends_with('-'), "{slug}");
    }

    #[test]
    fn an_address_gives_a_slug_when_the_title_cannot() {
        assert_eq!(
            slug_of_address("https://courier.example/news/harbour-wall.html?x=1"),
            "harbour-wall"
        );
        assert_eq!(slug_of_address("https://www.example.org/"), "example-org");
        assert_eq!(
            slug_of_address("https://example.org/%E6%9D%B1%E4%BA%AC/"),
            "dong-jing"
        );
    }

    #[test]
    fn names_are_numbered_after_the_first() {
        let date = Date::constant(2024, 3, 14);
        let stem = stem(date, "harbour-wall");
        assert_eq!(numbered(&stem, "md", 1), "2024-03-14-harbour-wall.md");
        assert_eq!(numbered(&stem, "md", 2), "2024-03-14-harbour-wall-2.md");
        assert_eq!(super::stem(date, ""), "2024-03-14");
    }
}
