//! Saved web pages: the article in a page as Readability finds it (dom_smoothie, a port
//! of Mozilla's readability.js), as Markdown, with the page's metadata. A page with no
//! article Readability accepts gives its `<title>` and visible text instead.

pub mod charset;
pub mod meta;

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};

pub use charset::decode_page;
pub use meta::host;

/// What folio keeps of a saved page. Text is as the page has it, not yet sanitised.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Page {
    pub title: Option<String>,
    pub author: Option<String>,
    /// The publication date or time as written (`2024-03-14T08:30:00Z`, `14 March 2024`).
    pub published: Option<String>,
    /// `og:site_name`, else the host of the page's address.
    pub source: Option<String>,
    /// The canonical address: the canonical link, `og:url`, or where the page was saved from.
    pub url: Option<String>,
    pub tags: Vec<String>,
    pub lang: Option<String>,
    pub description: Option<String>,
    /// The article as Markdown.
    pub markdown: String,
    /// False when Readability found no article and the page's visible text stands in.
    pub readable: bool,
}

/// Readability's own bar for an article's length, in characters.
const ARTICLE_CHARS: usize = 500;

/// Parts of a page that are never the article: navigation, and cookie or consent
/// notices (Readability leaves such a notice in when the article is short).
const CHROME: &str = "nav, [role=navigation], \
    div[class*=cookie], div[id*=cookie], section[class*=cookie], aside[class*=cookie], \
    div[class*=consent], div[id*=consent], div[class*=gdpr], div[id*=gdpr]";

/// Elements whose text a reader never sees as the page's text.
const NOT_TEXT: &str = "script, style, noscript, template, svg, iframe, object, nav, header, footer, aside, form, button, select";

/// Reads a page's text (`html`, decoded). `address` is where it was fetched from, when
/// known: relative links become absolute, and it is the address of last resort.
/// `None` when the page has no text at all.
pub fn read_page(html: &str, address: Option<&str>) -> Option<Page> {
    let document = parse(html);
    let meta = meta::read(&document, html);
    document.select(CHROME).remove();
    let address = address.filter(|a| a.starts_with("http://") || a.starts_with("https://"));
    let config = Config {
        text_mode: TextMode::Markdown,
        ..Config::default()
    };
    let readability = Readability::with_document(document, address, Some(config.clone()))
        .or_else(|_| Readability::with_document(parse(html), None, Some(config)));
    // Readability always gives something; for a page it does not take for an article
    // (a few lines, a menu), that something is worse than the visible text.
    let article = readability.ok().and_then(|mut readability| {
        let probably = readability.is_probably_readable();
        let article = readability.parse().ok()?;
        let long_enough = article.text_content.chars().count() >= ARTICLE_CHARS;
        (probably || long_enough).then_some(article)
    });
    let article = article.filter(|a| !a.text_content.trim().is_empty());

    let url = meta.url.clone().or_else(|| address.map(str::to_owned));
    let source = meta
        .site_name
        .clone()
        .or_else(|| url.as_deref().and_then(host));
    let mut page = Page {
        author: meta.author.clone(),
        published: meta.published.clone(),
        source,
        url,
        tags: meta.tags.clone(),
        lang: meta.lang.clone(),
        description: meta.description.clone(),
        ..Page::default()
    };
    match article {
        Some(article) => {
            page.readable = true;
            page.title = Some(article.title).filter(|t| !t.trim().is_empty());
            page.source = article.site_name.or(page.source);
            if let (Some(title), Some(site)) = (&page.title, &page.source) {
                page.title = Some(without_site(title, site).to_owned());
            }
            page.author = article.byline.map(|b| without_by(&b)).or(page.author);
            page.published = page.published.or(article.published_time);
            page.lang = page.lang.or(article.lang);
            page.description = page.description.or(article.excerpt);
            page.markdown = tidy(&article.text_content);
        }
        None => {
            let document = parse(html);
            document.select(CHROME).remove();
            page.title =
                Some(document.select("title").text().trim().to_owned()).filter(|t| !t.is_empty());
            document.select(NOT_TEXT).remove();
            let text = document.select("body").formatted_text();
            let text = if text.trim().is_empty() {
                document.select("html").formatted_text()
            } else {
                text
            };
            page.markdown = tidy(&text);
        }
    }
    if page.markdown.trim().is_empty() {
        return None;
    }
    Some(page)
}

/// Elements nested deeper than this have their text kept and their markup dropped:
/// Readability walks the tree recursively, and a page nested thousands deep (no real
/// article is) would overflow the stack. Real pages stay well under a hundred.
const MAX_DEPTH: usize = 128;

/// The page's tree, no deeper than [`MAX_DEPTH`].
fn parse(html: &str) -> Document {
    let document = Document::from(html);
    let mut stack = vec![(document.root(), 0)];
    while let Some((node, depth)) = stack.pop() {
        if depth >= MAX_DEPTH && node.is_element() {
            let text = node.text();
            node.set_text(text);
            continue;
        }
        stack.extend(node.children_it(false).map(|child| (child, depth + 1)));
    }
    document
}

/// `Headline | Site` → `Headline`: Readability keeps the site's name in a short title.
fn without_site<'t>(title: &'t str, site: &str) -> &'t str {
    [" | ", " - ", " – ", " — ", " · ", " :: "]
        .iter()
        .find_map(|separator| {
            let headline = title.strip_suffix(site)?.strip_suffix(separator)?.trim();
            (!headline.is_empty()).then_some(headline)
        })
        .unwrap_or(title)
}

/// `By Jane Smith` → `Jane Smith`.
fn without_by(byline: &str) -> String {
    let byline = byline.trim();
    ["By ", "by ", "BY "]
        .iter()
        .find_map(|by| byline.strip_prefix(by))
        .unwrap_or(byline)
        .trim()
        .to_owned()
}

/// Readability's Markdown, evened out: lines without trailing spaces, at most one blank
/// line between blocks, and an image alone on its line (a caption runs on after it).
fn tidy(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut blank_run = 0;
    for line in markdown.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(&image_on_its_own_line(line));
    }
    out.push('\n');
    out
}

/// `![alt](src)Caption` → `![alt](src)` and `Caption` as lines of their own.
fn image_on_its_own_line(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.starts_with("![") {
        return std::borrow::Cow::Borrowed(line);
    }
    let Some(close) = line
        .find("](")
        .and_then(|at| line[at..].find(')').map(|end| at + end))
    else {
        return std::borrow::Cow::Borrowed(line);
    };
    let (image, rest) = line.split_at(close + 1);
    let rest = rest.trim();
    if rest.is_empty() {
        return std::borrow::Cow::Borrowed(line);
    }
    std::borrow::Cow::Owned(format!("{image}\n\n{rest}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NEWS: &str = r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Harbour wall repairs begin | The Coastal Courier</title>
<meta property="og:site_name" content="The Coastal Courier">
<meta property="article:published_time" content="2024-03-14T08:30:00Z">
<meta name="author" content="Maren Holt">
<link rel="canonical" href="https://courier.example/news/harbour-wall">
<script>var tracking = "tracking code";</script></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<div class="cookie-banner">We use cookies. Accept all cookies?</div>
<article><h1>Harbour wall repairs begin</h1>
<p>Work to repair the harbour wall began on Monday, three months after the January storms tore a twelve-metre gap in the old stone of the wall.</p>
<p>The council said the repairs would take until the summer, and that the fishing fleet would keep using the north quay while the work goes on through the spring.</p>
<figure><img src="wall.jpg" alt="The gap in the wall"><figcaption>The gap, in February.</figcaption></figure>
<p>Residents have been asked to keep away from the south end of the promenade while the cranes are in use.</p>
</article><footer>Copyright 2024 The Coastal Courier</footer></body></html>"#;

    #[test]
    fn a_news_page_gives_its_article_and_metadata() {
        let page = read_page(NEWS, None).expect("a page with text");
        assert!(page.readable);
        assert_eq!(page.title.as_deref(), Some("Harbour wall repairs begin"));
        assert_eq!(page.author.as_deref(), Some("Maren Holt"));
        assert_eq!(page.published.as_deref(), Some("2024-03-14T08:30:00Z"));
        assert_eq!(page.source.as_deref(), Some("The Coastal Courier"));
        assert_eq!(
            page.url.as_deref(),
            Some("https://courier.example/news/harbour-wall")
        );
        assert!(
            page.markdown.contains("twelve-metre gap"),
            "{}",
            page.markdown
        );
        assert!(
            page.markdown
                .contains("![The gap in the wall](wall.jpg)\n\nThe gap")
        );
        for chrome in ["tracking code", "Accept all cookies", "Copyright", "Home"] {
            assert!(
                !page.markdown.contains(chrome),
                "{chrome} in {}",
                page.markdown
            );
        }
    }

    #[test]
    fn a_page_without_an_article_gives_its_title_and_visible_text() {
        let page = read_page(
            "<html><head><title>Opening hours</title><style>p{}</style></head><body><nav>Menu</nav><p>Open 9 to 5.</p><script>x()</script></body></html>",
            None,
        )
        .expect("a page with text");
        assert_eq!(page.title.as_deref(), Some("Opening hours"));
        assert!(page.markdown.contains("Open 9 to 5."));
        assert!(!page.markdown.contains("Menu") && !page.markdown.contains("x()"));
    }

    #[test]
    fn a_page_with_no_text_is_none() {
        assert_eq!(
            read_page(
                "<html><head><title></title></head><body><script>x()</script></body></html>",
                None
            ),
            None
        );
    }

    #[test]
    fn the_source_falls_back_to_the_host_of_the_address() {
        let page = read_page(
            "<p>Some words here.</p>",
            Some("https://www.notes.example/a"),
        )
        .unwrap();
        assert_eq!(page.source.as_deref(), Some("notes.example"));
        assert_eq!(page.url.as_deref(), Some("https://www.notes.example/a"));
    }

    #[test]
    fn a_page_nested_ten_thousand_deep_is_read_without_overflowing() {
        let page = format!(
            "<html><head><title>Deep</title></head><body><article><p>{}</p></article>{}deep text{}</body></html>",
            "Words of the article itself, long enough to be one. ".repeat(12),
            "<div>".repeat(10_000),
            "</div>".repeat(10_000)
        );
        let page = read_page(&page, None).expect("a page with text");
        assert!(page.markdown.contains("Words of the article itself"));
    }
}
