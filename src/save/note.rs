//! What a saved article's file holds: a Markdown article with TOML front matter
//! (written by the toml crate, so any title is quoted right), or the page itself with
//! the `<!-- saved from url=(NNNN)… -->` line a browser writes first.

use jiff::civil::Date;
use serde::Serialize;
use toml::value::Datetime;

use crate::sanitize::{sanitize, sanitize_line};
use crate::store::date::parse_date;
use crate::store::html::Page;

/// The front matter, in the order it is written.
#[derive(Serialize)]
struct FrontMatter<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<Datetime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    url: &'a str,
    saved: Datetime,
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
}

/// A value of the page as one clean line, or `None` when nothing is left of it.
fn line(value: Option<&str>) -> Option<String> {
    value
        .map(|v| {
            sanitize_line(v)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|v| !v.is_empty())
}

/// The page's title as the article keeps it.
pub fn title(page: &Page) -> Option<String> {
    line(page.title.as_deref())
}

/// The publication date a page gives (as written, in whatever form): as the front
/// matter writes it (with its time and offset when it has them), and its day.
pub fn published(page: &Page) -> Option<(Datetime, Date)> {
    let written = page.published.as_deref()?.trim();
    if let Ok(datetime) = written.parse::<Datetime>()
        && let Some(day) = datetime.date
        && let Ok(date) = Date::new(day.year as i16, day.month as i8, day.day as i8)
    {
        return Some((datetime, date));
    }
    let date = parse_date(written)?;
    Some((day_of(date), date))
}

/// A day as a TOML local date.
fn day_of(date: Date) -> Datetime {
    Datetime {
        date: Some(toml::value::Date {
            year: date.year() as u16,
            month: date.month() as u8,
            day: date.day() as u8,
        }),
        time: None,
        offset: None,
    }
}

/// The moment of saving as a TOML offset date-time (RFC 3339, to the second).
pub fn saved_at(now: &jiff::ZonedDateTime) -> Datetime {
    now.strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
        .parse()
        .expect("an RFC 3339 time is a TOML date-time")
}

/// The Markdown article: front matter between `+++` lines, a blank line, the text.
pub fn markdown(page: &Page, url: &str, saved: Datetime) -> String {
    let front = FrontMatter {
        title: title(page),
        date: published(page).map(|(datetime, _)| datetime),
        author: line(page.author.as_deref()),
        source: line(page.source.as_deref()),
        url,
        saved,
        lang: line(page.lang.as_deref()),
        tags: page.tags.iter().filter_map(|tag| line(Some(tag))).collect(),
        // Readability's excerpt is the text's first paragraph when the page has no
        // description of its own: the body says it already.
        description: line(page.description.as_deref())
            .filter(|d| !line(Some(&page.markdown)).is_some_and(|body| body.contains(d.as_str()))),
    };
    let toml = toml::to_string(&front).expect("front matter of strings and dates serialises");
    let body = sanitize(&page.markdown);
    format!("+++\n{toml}+++\n\n{}\n", body.trim_matches('\n'))
}

/// The line a browser writes first in a page it saves, naming where it came from.
pub fn saved_from_line(address: &str) -> String {
    format!("<!-- saved from url=({:04}){address} -->\n", address.len())
}

/// The page to keep as HTML: the saved-from line, then the page as it came, or, when
/// its bytes alone would be read in another encoding than the one folio read them in
/// (`transcoded`), as UTF-8 after a byte order mark (which outranks any `<meta
/// charset>` in the page, for browsers as for folio).
pub fn html(address: &str, bytes: &[u8], transcoded: Option<&str>) -> Vec<u8> {
    const BOM: &[u8] = b"\xef\xbb\xbf";
    let line = saved_from_line(address);
    let mut out = Vec::with_capacity(bytes.len() + line.len() + BOM.len());
    match transcoded {
        Some(text) => {
            out.extend_from_slice(BOM);
            out.extend_from_slice(line.as_bytes());
            out.extend_from_slice(text.strip_prefix('\u{feff}').unwrap_or(text).as_bytes());
        }
        None => {
            let rest = match bytes.strip_prefix(BOM) {
                Some(rest) => {
                    out.extend_from_slice(BOM);
                    rest
                }
                None => bytes,
            };
            out.extend_from_slice(line.as_bytes());
            out.extend_from_slice(rest);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> Page {
        Page {
            title: Some("A \"quoted\" title\u{1b}[31m with ''' and \\".into()),
            author: Some("Maren Holt".into()),
            published: Some("2024-03-14T08:30:00Z".into()),
            source: Some("The Coastal Courier".into()),
            url: Some("https://courier.example/a".into()),
            tags: vec!["harbour".into(), "  ".into(), "storms".into()],
            lang: Some("en".into()),
            description: None,
            markdown: "Work began on Monday.\n\nMore text.\n".into(),
            readable: true,
        }
    }

    #[test]
    fn front_matter_reads_back_whatever_the_title_holds() {
        let saved = "2024-05-01T10:00:00+02:00".parse().unwrap();
        let text = markdown(&page(), "https://courier.example/a", saved);
        let (front, body) = text
            .strip_prefix("+++\n")
            .and_then(|t| t.split_once("+++\n"))
            .unwrap();
        let table: toml::Table = front.parse().unwrap();
        assert_eq!(
            table["title"].as_str(),
            Some("A \"quoted\" title with ''' and \\"),
            "the escape sequence is gone, the quotes are kept"
        );
        assert_eq!(table["date"].to_string(), "2024-03-14T08:30:00Z");
        assert_eq!(table["saved"].to_string(), "2024-05-01T10:00:00+02:00");
        assert_eq!(
            table["tags"].as_array().unwrap().len(),
            2,
            "blank tags are dropped"
        );
        assert!(table.get("description").is_none());
        let keys: Vec<&str> = table.keys().map(String::as_str).collect();
        assert!(keys.contains(&"url") && keys.contains(&"lang"));
        assert_eq!(body, "\nWork began on Monday.\n\nMore text.\n");
    }

    #[test]
    fn a_description_the_text_opens_with_is_not_repeated() {
        let saved: Datetime = "2024-05-01T10:00:00Z".parse().unwrap();
        let mut page = page();
        page.description = Some("Work began  on Monday.".into());
        assert!(!markdown(&page, "https://a.example/", saved).contains("description"));
        page.description = Some("Repairs to the harbour wall.".into());
        assert!(
            markdown(&page, "https://a.example/", saved)
                .contains("description = \"Repairs to the harbour wall.\"")
        );
    }

    #[test]
    fn a_date_as_words_becomes_a_day() {
        let mut page = page();
        page.published = Some("14 March 2024".into());
        let (datetime, date) = published(&page).unwrap();
        assert_eq!(datetime.to_string(), "2024-03-14");
        assert_eq!(date, Date::constant(2024, 3, 14));
        page.published = Some("someday".into());
        assert_eq!(published(&page), None);
    }

    #[test]
    fn a_kept_page_opens_with_where_it_came_from() {
        let address = "https://courier.example/news/harbour-wall";
        let kept = html(address, b"<html>x</html>", None);
        assert_eq!(
            String::from_utf8(kept).unwrap(),
            "<!-- saved from url=(0041)https://courier.example/news/harbour-wall -->\n<html>x</html>"
        );
        let kept = html(address, b"\xef\xbb\xbf<html>", None);
        assert!(kept.starts_with(b"\xef\xbb\xbf<!-- saved from url=(0041)"));
        let kept = html(address, b"<p>\xcf\xf0", Some("<p>Пр"));
        assert!(kept.starts_with(b"\xef\xbb\xbf<!-- saved from"));
        assert!(String::from_utf8(kept).unwrap().ends_with("<p>Пр"));
    }
}
