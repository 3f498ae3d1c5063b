//! An article laid out for the reading pane: title, a metadata line, then the body, as
//! styled lines wrapped to a width, the filter's matches marked.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::format::{minutes_to_read, thousands};
use super::highlight::mark_block;
use super::markdown;
use super::settings::{DateFormat, Settings};
use super::wrap::{Block, wrap};
use crate::query::Query;
use crate::sanitize::{sanitize, sanitize_line};
use crate::store::{Article, Body, Document};

/// The article's lines at `width` cells, with `query`'s matches marked, in the
/// theme and date format of `settings`.
pub fn lines(
    doc: &Document,
    width: usize,
    query: &Query,
    settings: &Settings,
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (i, mut block) in blocks(doc, settings).into_iter().enumerate() {
        // The first block is the title, the second the metadata line.
        if i != 1 {
            mark_block(&mut block, query, i == 0, settings.theme.highlight);
        }
        wrap(&block, width, &mut out);
    }
    out
}

/// A message (such as a read error) as lines at `width` cells.
pub fn message(text: &str, style: Style, width: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    wrap(
        &Block::text(vec![Span::styled(sanitize(text).into_owned(), style)]),
        width,
        &mut out,
    );
    out
}

/// The metadata line: date · source · author · tags · words · minutes to read.
pub fn meta_line(article: &Article, dates: &DateFormat) -> String {
    let mut parts = Vec::new();
    if let Some(date) = article.date {
        let date = dates.format(date);
        match article.date_from {
            Some(from) if from.is_estimate() => parts.push(format!("{date} (file date)")),
            _ => parts.push(date),
        }
    }
    parts.extend(article.source.iter().cloned());
    parts.extend(article.author.iter().map(|a| format!("by {a}")));
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
    sanitize_line(&parts.join(" · "))
}

fn blocks(doc: &Document, settings: &Settings) -> Vec<Block> {
    let article = &doc.article;
    let theme = &settings.theme;
    let mut blocks = vec![
        Block::text(vec![Span::styled(
            sanitize_line(&article.title),
            theme.title,
        )]),
        Block::text(vec![Span::styled(
            meta_line(article, &settings.dates),
            theme.meta,
        )]),
        Block::blank(),
    ];
    match &doc.body {
        Body::Markdown(source) => blocks.extend(markdown::blocks(source, theme)),
        Body::Paragraphs(paragraphs) => {
            for (i, paragraph) in paragraphs.iter().enumerate() {
                if i > 0 {
                    blocks.push(Block::blank());
                }
                blocks.push(Block::text(vec![Span::raw(
                    sanitize(paragraph).into_owned(),
                )]));
            }
        }
    }
    blocks
}
