//! An article laid out for the reading pane: title, a metadata line (with the byline that
//! opens a plain-text body), then the body, as
//! styled lines wrapped to a width, the filter's matches marked, each line knowing which
//! bytes of the article's text it shows.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::query::Query;
use crate::sanitize::{sanitize, sanitize_line};
use crate::store::parse::is_byline;
use crate::store::{Article, Body, Document, PARAGRAPH_GAP};
use crate::tui::settings::{DateFormat, Settings};
use crate::tui::text::format::{minutes_to_read, thousands};
use crate::tui::text::highlight::mark_block;
use crate::tui::text::markdown;
use crate::tui::text::source_map;
use crate::tui::text::wrap::{TextBlock, wrap};

/// An article laid out: its lines, and for each line where it comes from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Laid {
    pub lines: Vec<Line<'static>>,
    pub sources: Vec<LineSource>,
}

/// Where a line on screen comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineSource {
    /// The block (title, metadata, paragraph, heading, item…) the line belongs to.
    pub block: usize,
    /// The bytes of the article's text (`Body::text`) the line shows; `None` for the
    /// title, the metadata line, blank lines and rules.
    pub text: Option<Range<usize>>,
}

/// The article's lines at `width` cells, with `query`'s matches marked, in the theme
/// and date format of `settings`. `text` is the article's text (`doc.body.text()`), which
/// the lines' sources point into.
pub fn lines(doc: &Document, text: &str, width: usize, query: &Query, settings: &Settings) -> Laid {
    let mut laid = Laid::default();
    for (i, mut block) in blocks(doc, settings).into_iter().enumerate() {
        // The first block is the title, the second the metadata line.
        if i != 1 {
            mark_block(&mut block, query, i == 0, settings.theme.highlight);
        }
        let first = laid.lines.len();
        wrap(&block, width, &mut laid.lines);
        let shown = &laid.lines[first..];
        let ranges = match &block.source {
            Some(range) => source_map::align(
                shown,
                &joined(&block.first_prefix),
                &joined(&block.prefix),
                text,
                range.clone(),
            ),
            None => vec![None; shown.len()],
        };
        laid.sources
            .extend(ranges.into_iter().map(|text| LineSource { block: i, text }));
    }
    laid
}

fn joined(spans: &[Span<'_>]) -> String {
    spans.iter().map(|s| s.content.as_ref()).collect()
}

/// A message (such as a read error) as lines at `width` cells.
pub fn message(text: &str, style: Style, width: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    wrap(
        &TextBlock::text(vec![Span::styled(sanitize(text).into_owned(), style)]),
        width,
        &mut out,
    );
    out
}

/// The byline that opens a plain-text body, if its first paragraph is only that: shown
/// in the metadata line rather than as a paragraph (it stays in `Body::text`).
pub fn byline(body: &Body) -> Option<&str> {
    match body {
        Body::Paragraphs(paragraphs) => paragraphs
            .first()
            .map(String::as_str)
            .filter(|first| is_byline(first)),
        Body::Markdown(_) => None,
    }
}

/// The metadata line: date · source · author · byline · tags · words · minutes to read
/// · the article's web address.
/// The source is left out when the byline names it; a byline that lost its opening
/// bracket (`Xinhua) 08:07, …`) gets it back.
pub fn meta_line(article: &Article, byline: Option<&str>, dates: &DateFormat) -> String {
    let mut parts = Vec::new();
    if let Some(date) = article.date {
        let date = dates.format(date);
        match article.date_from {
            Some(from) if from.is_estimate() => parts.push(format!("{date} (file date)")),
            _ => parts.push(date),
        }
    }
    let named = |source: &&String| byline.is_some_and(|b| b.contains(source.as_str()));
    parts.extend(article.source.iter().filter(|s| !named(s)).cloned());
    parts.extend(article.author.iter().map(|a| format!("by {a}")));
    parts.extend(byline.map(|b| {
        let b = b.trim();
        let unopened = b.find(')').is_some_and(|close| !b[..close].contains('('));
        if unopened {
            format!("({b}")
        } else {
            b.to_owned()
        }
    }));
    if !article.tags.is_empty() {
        parts.push(
            article
                .tags
                .iter()
                .map(|t| format!("#{t}"))
                .collect::<Vec<_>>()
                .join(" "),
        );
    }
    let words = article.words;
    parts.push(format!(
        "{} word{}",
        thousands(words),
        if words == 1 { "" } else { "s" }
    ));
    parts.push(format!("{} min read", minutes_to_read(words)));
    parts.extend(article.url.as_deref().map(str::to_owned));
    sanitize_line(&parts.join(" · "))
}

fn blocks(doc: &Document, settings: &Settings) -> Vec<TextBlock> {
    let article = &doc.article;
    let theme = &settings.theme;
    let mut blocks = vec![
        TextBlock::text(vec![Span::styled(
            sanitize_line(&article.title),
            theme.title,
        )]),
        TextBlock::text(vec![Span::styled(
            meta_line(article, byline(&doc.body), &settings.dates),
            theme.meta,
        )]),
        TextBlock::blank(),
    ];
    match &doc.body {
        Body::Markdown(source) => blocks.extend(markdown::blocks(source, theme)),
        Body::Paragraphs(paragraphs) => {
            // Where each paragraph starts in `Body::text`, which joins them with a blank line.
            let mut start = 0;
            let hidden = usize::from(byline(&doc.body).is_some());
            for (i, paragraph) in paragraphs.iter().enumerate() {
                if i < hidden {
                    // The byline is in the metadata line: its bytes are not shown as body.
                    start += paragraph.len() + PARAGRAPH_GAP.len();
                    continue;
                }
                if i > hidden {
                    blocks.push(TextBlock::blank());
                }
                blocks.push(TextBlock {
                    source: Some(start..start + paragraph.len()),
                    ..TextBlock::text(vec![Span::raw(sanitize(paragraph).into_owned())])
                });
                start += paragraph.len() + PARAGRAPH_GAP.len();
            }
        }
    }
    blocks
}
