//! A saved page's metadata as the page states it: `<meta>` tags (Open Graph, article,
//! Dublin Core, `keywords`), the canonical link, `<time datetime>`, the `<html lang>`,
//! and the address a browser or SingleFile wrote in a comment when it saved the page.

use dom_query::Document;

/// What the page says about itself. Values are as written (trimmed), not yet sanitised.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Meta {
    /// The first date found, by the issue's order: `article:published_time`, then the
    /// JSON-LD or other publication time Readability found (the caller's), `<time
    /// datetime>`, Dublin Core and the like.
    pub published: Option<String>,
    pub author: Option<String>,
    /// The text of the page's link to its writer (`rel=author`, `itemprop=author`): a
    /// byline that holds more (`Jane Smith June 11, 2024`) is cut down to it.
    pub author_link: Option<String>,
    pub site_name: Option<String>,
    /// The canonical link, else `og:url`, else the address the page was saved from.
    pub url: Option<String>,
    pub tags: Vec<String>,
    pub lang: Option<String>,
    pub description: Option<String>,
}

/// Dates other than `article:published_time`, in the order they are trusted.
const DATE_KEYS: [&str; 10] = [
    "datepublished",
    "dc.date.issued",
    "dc.date",
    "dcterms.issued",
    "dcterms.created",
    "dcterms.date",
    "dc.date.created",
    "date",
    "pubdate",
    "publish-date",
];

/// Reads the metadata of a parsed page; `source` is the page's text, for the comments.
pub fn read(document: &Document, source: &str) -> Meta {
    let mut found: Vec<(String, String)> = Vec::new();
    for node in document.select("meta").nodes() {
        let Some(content) = node.attr("content") else {
            continue;
        };
        let content = content.trim();
        if content.is_empty() {
            continue;
        }
        for key_attr in ["property", "name", "itemprop"] {
            if let Some(key) = node.attr(key_attr) {
                found.push((key.trim().to_ascii_lowercase(), content.to_owned()));
            }
        }
    }
    let first = |keys: &[&str]| {
        keys.iter()
            .find_map(|key| found.iter().find(|(k, _)| k == key))
            .map(|(_, v)| v.clone())
    };
    let all = |key: &'static str| found.iter().filter(move |(k, _)| k == key).map(|(_, v)| v);

    let mut tags: Vec<String> = Vec::new();
    let listed = all("article:tag")
        .map(|tag| vec![tag.trim().to_owned()])
        .chain(all("keywords").chain(all("news_keywords")).map(|line| {
            line.split([',', ';'])
                .map(|tag| tag.trim().to_owned())
                .collect()
        }));
    for tag in listed.flatten() {
        if !tag.is_empty() && !tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
            tags.push(tag);
        }
    }

    let canonical = document
        .select("link[rel~=canonical]")
        .attr("href")
        .map(|href| href.trim().to_owned());
    let url = canonical
        .filter(|href| is_absolute(href))
        .or_else(|| first(&["og:url"]).filter(|u| is_absolute(u)))
        .or_else(|| saved_from(source));

    let time = document
        .select("time[pubdate][datetime]")
        .attr("datetime")
        .or_else(|| document.select("article time[datetime]").attr("datetime"))
        .or_else(|| document.select("time[datetime]").attr("datetime"))
        .map(|t| t.trim().to_owned());
    let linked = json_ld(document);
    let published = first(&["article:published_time"])
        .or(linked.published)
        .or(time)
        .or_else(|| first(&DATE_KEYS));

    Meta {
        published,
        author: first(&["author", "article:author", "dc.creator", "dcterms.creator"])
            .filter(|a| !is_absolute(a))
            .or(linked.author),
        author_link: author_link(document),
        site_name: first(&["og:site_name", "application-name"]).or(linked.publisher),
        url,
        tags,
        lang: document
            .select("html[lang]")
            .attr("lang")
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty()),
        description: first(&["description", "og:description", "dc.description"]),
    }
}

/// What a page's JSON-LD says of its article: the publication date, the writers and
/// the publisher, from the first object of an article type, also inside `@graph`.
#[derive(Default)]
struct Linked {
    published: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
}

/// Schema.org types that are an article.
const ARTICLE_TYPES: [&str; 10] = [
    "Article",
    "NewsArticle",
    "BlogPosting",
    "Report",
    "ScholarlyArticle",
    "TechArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "ReportageNewsArticle",
    "SocialMediaPosting",
];

fn json_ld(document: &Document) -> Linked {
    use serde_json::Value;
    fn is_article(value: &Value) -> bool {
        let is = |name: &Value| {
            name.as_str()
                .is_some_and(|name| ARTICLE_TYPES.contains(&name))
        };
        match &value["@type"] {
            Value::Array(names) => names.iter().any(is),
            name => is(name),
        }
    }
    fn names(value: &Value) -> Vec<String> {
        match value {
            Value::String(name) => vec![name.trim().to_owned()],
            Value::Object(_) => value["name"]
                .as_str()
                .map(|name| vec![name.trim().to_owned()])
                .unwrap_or_default(),
            Value::Array(values) => values.iter().flat_map(names).collect(),
            _ => Vec::new(),
        }
    }
    for script in document
        .select("script[type=\"application/ld+json\"]")
        .nodes()
    {
        let Ok(value) = serde_json::from_str::<Value>(script.text().trim()) else {
            continue;
        };
        let candidates: Vec<&Value> = match &value {
            Value::Array(values) => values.iter().collect(),
            Value::Object(_) => match &value["@graph"] {
                Value::Array(values) => values.iter().chain([&value]).collect(),
                _ => vec![&value],
            },
            _ => continue,
        };
        let Some(article) = candidates.into_iter().find(|v| is_article(v)) else {
            continue;
        };
        let text = |value: &Value| {
            value
                .as_str()
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
        };
        let authors: Vec<String> = names(&article["author"])
            .into_iter()
            .filter(|name| !name.is_empty() && !is_absolute(name))
            .collect();
        return Linked {
            published: text(&article["datePublished"]).or_else(|| text(&article["dateCreated"])),
            author: (!authors.is_empty()).then(|| authors.join(", ")),
            publisher: names(&article["publisher"])
                .into_iter()
                .find(|n| !n.is_empty()),
        };
    }
    Linked::default()
}

/// The text of the first short link or element naming the page's writer.
fn author_link(document: &Document) -> Option<String> {
    document
        .select("a[rel~=author], [itemprop=author] [itemprop=name], a[itemprop=author], span[itemprop=author]")
        .nodes()
        .iter()
        .map(|node| node.text().split_whitespace().collect::<Vec<_>>().join(" "))
        .find(|name| !name.is_empty() && name.chars().count() <= 80)
}

/// The address a saved page came from, as the saver wrote it in a comment: SingleFile
/// (`url: https://…`) or a browser's "Save page as" (`saved from url=(0042)https://…`).
fn saved_from(source: &str) -> Option<String> {
    let head = &source[..floor_char_boundary(source, 8192)];
    let after = if let Some(at) = head.find("saved from url=(") {
        let rest = &head[at + 16..];
        &rest[rest.find(')')? + 1..]
    } else {
        let at = head.find("Page saved with SingleFile")?;
        let rest = &head[at..];
        let url = rest.find("url: ")?;
        &rest[url + 5..]
    };
    let end = after
        .find(|c: char| c.is_whitespace() || c == '<' || c == '"')
        .unwrap_or(after.len());
    let url = &after[..end];
    is_absolute(url).then(|| url.to_owned())
}

fn is_absolute(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The host of an `http(s)://` address: `www.example.org` → `example.org`.
pub fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

fn floor_char_boundary(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    (0..=at)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(html: &str) -> Meta {
        read(&Document::from(html), html)
    }

    #[test]
    fn open_graph_and_article_tags_are_read() {
        let page = meta(
            r#"<html lang="de"><head>
            <meta property="og:site_name" content="Der Bote">
            <meta property="og:url" content="https://bote.example/a">
            <meta property="article:published_time" content="2023-05-02T10:00:00+02:00">
            <meta property="article:tag" content="Wetter"><meta property="article:tag" content="Hafen">
            <meta name="keywords" content="hafen, Sturm">
            <meta name="author" content="Ida Brandt">
            </head><body><time datetime="2020-01-01">old</time></body></html>"#,
        );
        assert_eq!(page.site_name.as_deref(), Some("Der Bote"));
        assert_eq!(page.url.as_deref(), Some("https://bote.example/a"));
        assert_eq!(page.published.as_deref(), Some("2023-05-02T10:00:00+02:00"));
        assert_eq!(page.tags, ["Wetter", "Hafen", "Sturm"]);
        assert_eq!(page.author.as_deref(), Some("Ida Brandt"));
        assert_eq!(page.lang.as_deref(), Some("de"));
    }

    #[test]
    fn the_canonical_link_wins_and_a_time_element_dates_the_page() {
        let page = meta(
            r#"<head><link rel="canonical" href="https://a.example/x">
            <meta property="og:url" content="https://b.example/y"></head>
            <body><article><time datetime="2022-07-08">8 July</time></article></body>"#,
        );
        assert_eq!(page.url.as_deref(), Some("https://a.example/x"));
        assert_eq!(page.published.as_deref(), Some("2022-07-08"));
    }

    #[test]
    fn dublin_core_dates_and_the_saved_from_comment_are_read() {
        let page = meta(
            "<!-- saved from url=(0030)https://c.example/notes/1 -->\n<head><meta name=\"DC.date\" content=\"2019-03-04\"></head>",
        );
        assert_eq!(page.published.as_deref(), Some("2019-03-04"));
        assert_eq!(page.url.as_deref(), Some("https://c.example/notes/1"));
        let single_file = meta(
            "<!DOCTYPE html> <html><!--\n Page saved with SingleFile \n url: https://d.example/p?q=1 \n saved date: Tue Mar 05 2024\n--><head></head></html>",
        );
        assert_eq!(single_file.url.as_deref(), Some("https://d.example/p?q=1"));
    }

    #[test]
    fn hosts_lose_their_www_and_port() {
        assert_eq!(
            host("https://www.Example.org:8080/a").as_deref(),
            Some("example.org")
        );
        assert_eq!(
            host("http://user@news.example/x").as_deref(),
            Some("news.example")
        );
        assert_eq!(host("https:///x"), None);
    }

    #[test]
    fn json_ld_in_a_graph_dates_the_page_before_a_time_element() {
        let page = meta(
            r#"<head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[
            {"@type":"WebPage","name":"x"},
            {"@type":"BlogPosting","datePublished":"2024-09-02T18:20:00+02:00",
             "author":{"@type":"Person","name":"Tomasz Wierzbicki"},
             "publisher":{"@type":"Organization","name":"Crumb & Crust"}}]}</script></head>
            <body><article><p>Post</p></article><div class="comments">
            <time datetime="2024-09-03">3 September</time></div>
            <p class="by"><a rel="author" href="/t">Tomasz  Wierzbicki</a> 2 September</p></body>"#,
        );
        assert_eq!(page.published.as_deref(), Some("2024-09-02T18:20:00+02:00"));
        assert_eq!(page.author.as_deref(), Some("Tomasz Wierzbicki"));
        assert_eq!(page.site_name.as_deref(), Some("Crumb & Crust"));
        assert_eq!(page.author_link.as_deref(), Some("Tomasz Wierzbicki"));
    }
}
