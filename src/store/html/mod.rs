//! Saved web pages: the article in a page as Readability finds it (dom_smoothie, a port
//! of Mozilla's readability.js), as Markdown, with the page's metadata. A page with no
//! article Readability accepts gives its `<title>` and visible text instead.

pub mod charset;
mod lean;
pub mod meta;

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};

use crate::sanitize::{is_clean, sanitize, sanitize_line};

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

/// Readability's own bar for an article's length, in characters (see [`reading_length`]).
const ARTICLE_CHARS: usize = 500;

/// Parts of a page that are never the article: navigation, cookie or consent notices
/// (Readability leaves such a notice in when the article is short), share buttons,
/// advertisement slots, the `¶` links beside documentation headings, tracking pixels.
const CHROME: &str = "nav, [role=navigation], \
    div[class*=cookie], div[id*=cookie], section[class*=cookie], aside[class*=cookie], \
    div[class*=consent], div[id*=consent], div[class*=gdpr], div[id*=gdpr], \
    [class~=share], [class*=share-], [class*=sharing], [class*=sharedaddy], \
    [class~=ad], [class~=ads], [class*=ad-slot], [class*=advert], [id*=advert], \
    a.headerlink, a.anchor, a.anchorjs-link, a.header-anchor, a.heading-anchor, \
    img[width=\"1\"][height=\"1\"]";

/// Elements whose text a reader never sees as the page's text.
const NOT_TEXT: &str = "script, style, noscript, template, svg, iframe, object, nav, header, footer, aside, form, button, select";

/// Reads a page's text (`html`, decoded). `address` is where it was fetched from, when
/// known: relative links become absolute, and it is the address of last resort.
/// `None` when the page has no text at all.
pub fn read_page(html: &str, address: Option<&str>) -> Option<Page> {
    let lean = lean::without_code(html);
    let html = &*lean;
    let document = parse(html);
    let meta = meta::read(&document, html);
    document.select(CHROME).remove();
    let headings: Vec<String> = document
        .select("h1")
        .nodes()
        .iter()
        .map(|h1| {
            h1.text()
                .trim()
                .trim_end_matches(['¶', '#', '§'])
                .trim()
                .to_owned()
        })
        .filter(|h1| !h1.is_empty())
        .collect();
    // Links and images are made absolute against where the page came from: the address
    // given, else the page's own canonical address.
    let address = address
        .or(meta.url.as_deref())
        .filter(|a| a.starts_with("http://") || a.starts_with("https://"));
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
        let long_enough = reading_length(&article.text_content) >= ARTICLE_CHARS;
        (probably || long_enough).then_some(article)
    });
    let article = article.filter(|a| !a.text_content.trim().is_empty());

    let url = meta.url.clone().or_else(|| address.map(str::to_owned));
    let author_link = meta.author_link.clone();
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
            page.source = article.site_name.or(page.source);
            page.title = Some(article.title)
                .filter(|t| !t.trim().is_empty())
                .map(|title| headline(&title, page.source.as_deref(), &headings));
            page.author = article
                .byline
                .map(|byline| writer(&byline, author_link.as_deref()))
                .filter(|name| !name.is_empty())
                .or(page.author);
            page.published = page.published.or(article.published_time);
            page.lang = page.lang.or(article.lang);
            // Not Readability's excerpt: without a description of the page's own, that
            // is the article's first paragraph, often the byline.
            page.markdown = without_repeats(
                &tidy(&article.text_content),
                page.title.as_deref(),
                page.author.as_deref(),
            );
        }
        None => {
            let document = parse(html);
            document.select(CHROME).remove();
            page.title = Some(document.select("title").text())
                .filter(|t| !t.trim().is_empty())
                .map(|title| headline(title.trim(), page.source.as_deref(), &[]));
            document.select(NOT_TEXT).remove();
            // The body's text only: a page whose text is all made by its scripts has
            // none, and its `<title>` alone is not an article.
            page.markdown = tidy(&document.select("body").formatted_text());
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

/// Attributes whose text a reader may see: an image's description, a link's address.
const SEEN_ATTRIBUTES: [&str; 5] = ["alt", "title", "href", "src", "content"];

/// What an inline `data:` image's address becomes: the image stays, with its
/// description, and without its data (or a link) in the text.
const INLINE_IMAGE: &str = "data:,";

/// The page's tree, no deeper than [`MAX_DEPTH`], with escape sequences and bidi
/// controls gone from its text and attributes (whole, before any Markdown escaping can
/// split them), and inline `data:` images without their data.
fn parse(html: &str) -> Document {
    let document = Document::from(html);
    let mut stack = vec![(document.root(), 0)];
    while let Some((node, depth)) = stack.pop() {
        if node.is_text() {
            let text = node.text();
            if !is_clean(&text) {
                node.set_text(sanitize(&text).into_owned());
            }
            continue;
        }
        if node.is_element() {
            if depth >= MAX_DEPTH {
                let text = sanitize(&node.text()).into_owned();
                node.set_text(text);
                continue;
            }
            for name in SEEN_ATTRIBUTES {
                if let Some(value) = node.attr(name)
                    && !is_clean(&value)
                {
                    node.set_attr(name, &sanitize_line(&value));
                }
            }
            if node.has_name("img")
                && node
                    .attr("src")
                    .is_some_and(|src| src.trim_start().starts_with("data:"))
            {
                node.set_attr("src", INLINE_IMAGE);
                node.remove_attr("srcset");
            }
        }
        stack.extend(node.children_it(false).map(|child| (child, depth + 1)));
    }
    document
}

/// The length of `text` as a reader sees it: a Chinese, Japanese or Korean character
/// holds about as much as three Latin letters, so a short Chinese article is as long
/// as an English one three times its count of characters.
fn reading_length(text: &str) -> usize {
    text.chars()
        .map(|c| match c {
            '\u{1100}'..='\u{11ff}'
            | '\u{2e80}'..='\u{a4cf}'
            | '\u{ac00}'..='\u{d7a3}'
            | '\u{f900}'..='\u{faff}'
            | '\u{ff00}'..='\u{ff60}' => 3,
            _ => 1,
        })
        .sum()
}

/// Separators between a headline and the site's name in a page's title.
const TITLE_SEPARATORS: [&str; 9] = [" | ", " - ", " – ", " — ", " · ", " :: ", "_", "｜", " ｜ "];

/// The headline in a page's title: without the site's name (`Headline | Site`), or the
/// page's `<h1>` where the title is that heading and more (`Heading — Project 2.3
/// documentation`).
fn headline(title: &str, site: Option<&str>, headings: &[String]) -> String {
    let title = site.map_or(title, |site| without_site(title, site));
    headings
        .iter()
        .find(|heading| {
            title.strip_prefix(heading.as_str()).is_some_and(|rest| {
                TITLE_SEPARATORS.iter().any(|separator| {
                    rest.starts_with(separator.trim_end()) && !rest.trim().is_empty()
                }) && rest.len() < title.len()
            })
        })
        .map_or(title, |heading| heading.as_str())
        .to_owned()
}

/// `Headline | Site` → `Headline`: Readability keeps the site's name in a short title.
fn without_site<'t>(title: &'t str, site: &str) -> &'t str {
    TITLE_SEPARATORS
        .iter()
        .find_map(|separator| {
            let headline = title.strip_suffix(site)?.strip_suffix(separator)?.trim();
            (!headline.is_empty()).then_some(headline)
        })
        .unwrap_or(title)
}

/// Words that open a byline before the writer's name, in a few languages.
const BY: [&str; 14] = [
    "By ", "by ", "BY ", "Von ", "von ", "Par ", "par ", "Por ", "por ", "Door ", "Di ", "Av ",
    "Af ", "记者 ",
];

/// `By Jane Smith` → `Jane Smith`.
fn without_by(byline: &str) -> String {
    let byline = byline.trim();
    BY.iter()
        .find_map(|by| byline.strip_prefix(by))
        .unwrap_or(byline)
        .trim()
        .to_owned()
}

/// The writer in Readability's byline: without `By`, and cut down to the page's link
/// to its writer when the byline holds more (`Jane Smith June 11, 2024`).
fn writer(byline: &str, author_link: Option<&str>) -> String {
    let name = without_by(&sanitize_line(byline));
    match author_link.map(without_by) {
        Some(link) if !link.is_empty() && name != link && name.contains(&link) => link,
        _ => name,
    }
}

/// The article without what repeats the page's metadata or is the site's: a heading
/// at the top that is the title, a line at the top that is only the byline, and a
/// copyright notice at the end.
fn without_repeats(markdown: &str, title: Option<&str>, author: Option<&str>) -> String {
    let mut blocks: Vec<&str> = markdown.trim_end().split("\n\n").collect();
    let repeats = |block: &str| {
        let line = block.trim_start_matches('#').trim();
        title.is_some_and(|title| line == title)
            || author.is_some_and(|author| !author.is_empty() && without_by(line) == author)
    };
    let mut start = 0;
    while start < blocks.len().min(3) && !blocks[start].contains('\n') && repeats(blocks[start]) {
        start += 1;
    }
    let site_notice = |block: &str| {
        block.len() < 300
            && (block.contains('©')
                || block.contains("All rights reserved")
                || block.starts_with("Copyright"))
    };
    let mut end = blocks.len();
    while end > start + 1 && blocks.len() - end < 2 && site_notice(blocks[end - 1]) {
        end -= 1;
    }
    blocks.truncate(end);
    let mut out = blocks[start..].join("\n\n");
    out.push('\n');
    out
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
        let line = image_on_its_own_line(line);
        out.push_str(&line.replace(concat!("](", "data:,", ")"), "]()"));
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
            page.markdown.contains(
                "![The gap in the wall](https://courier.example/news/wall.jpg)\n\nThe gap"
            ),
            "relative addresses are made absolute against the canonical address: {}",
            page.markdown
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
    fn a_page_whose_text_is_made_by_its_scripts_is_none() {
        let page = "<html><head><title>App</title></head><body><div id=root></div><script>render()</script></body></html>";
        assert_eq!(read_page(page, None), None);
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

    #[test]
    fn the_title_loses_the_sites_name_or_is_the_heading_it_repeats() {
        let none: [String; 0] = [];
        assert_eq!(
            headline("长江大桥限行_江城日报", Some("江城日报"), &none),
            "长江大桥限行"
        );
        assert_eq!(
            headline(
                "Configuration reference — Tidewater 2.3 documentation",
                None,
                &["Configuration reference".to_owned()]
            ),
            "Configuration reference"
        );
        assert_eq!(
            headline("Pay rise - a story", None, &["Pay".to_owned()]),
            "Pay rise - a story"
        );
    }

    #[test]
    fn bylines_lose_their_by_and_what_follows_the_writers_name() {
        assert_eq!(writer("Von Katrin Behrens", None), "Katrin Behrens");
        assert_eq!(writer("Par Élise Marchand", None), "Élise Marchand");
        assert_eq!(
            writer("Hamid Rostami June 11, 2024", Some("Hamid Rostami")),
            "Hamid Rostami"
        );
        assert_eq!(writer("\u{202e}Pat Quill\u{2066}", None), "Pat Quill");
    }

    #[test]
    fn a_heading_and_byline_that_repeat_the_metadata_and_a_copyright_line_go() {
        let markdown = "## Ferry delayed\n\nBy Ann Lee\n\nThe ferry is late.\n\n© 2024 The Post. All rights reserved.\n";
        assert_eq!(
            without_repeats(markdown, Some("Ferry delayed"), Some("Ann Lee")),
            "The ferry is late.\n"
        );
    }

    #[test]
    fn chinese_text_counts_as_long_as_it_reads() {
        assert_eq!(reading_length("abc"), 3);
        assert_eq!(reading_length("长江大桥"), 12);
    }

    #[test]
    fn escapes_in_text_and_attributes_go_whole_and_inline_images_lose_their_data() {
        let page = read_page(
            &format!(
                "<html><head><title>Fees\u{1b}]0;PWNED\u{7}</title></head><body><article><p>{}</p><p>Fees &#x1b;[2Jrise.</p><img src=\"data:image/png;base64,AAAA\" alt=\"Chart&#27;[31m\"></article></body></html>",
                "Words of the article itself, long enough to be one. ".repeat(12)
            ),
            None,
        )
        .expect("a page with text");
        assert!(page.markdown.contains("Fees rise."), "{}", page.markdown);
        assert!(page.markdown.contains("![Chart]()"), "{}", page.markdown);
        assert!(!page.markdown.contains('\u{1b}') && !page.markdown.contains("base64"));
        assert_eq!(page.title.as_deref(), Some("Fees"));
    }
}
