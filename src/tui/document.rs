//! An article laid out for the reading pane: title, a metadata line, then the body, as
//! styled lines wrapped to a width, the filter's matches marked.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

use super::format::{minutes_to_read, thousands};
use super::highlight::mark_block;
use super::markdown;
use super::wrap::{Block, wrap};
use crate::query::Query;
use crate::sanitize::{sanitize, sanitize_line};
use crate::store::{Article, Body, Document};

/// The text width the reader never goes beyond, however wide the pane.
pub const MAX_TEXT_WIDTH: usize = 80;

/// The article's lines at `width` cells, with `query`'s matches marked.
pub fn lines(doc: &Document, width: usize, query: &Query) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (i, mut block) in blocks(doc).into_iter().enumerate() {
        // The first block is the title, the second the metadata line.
        if i != 1 {
            mark_block(&mut block, query, i == 0);
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
pub fn meta_line(article: &Article) -> String {
    let mut parts = Vec::new();
    if let Some(date) = article.date {
        match article.date_from {
            Some(from) if from.is_estimate() => parts.push(format!("{date} (file date)")),
            _ => parts.push(date.to_string()),
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

fn blocks(doc: &Document) -> Vec<Block> {
    let article = &doc.article;
    let title_style = Style::new().add_modifier(Modifier::BOLD);
    let mut blocks = vec![
        Block::text(vec![Span::styled(
            sanitize_line(&article.title),
            title_style,
        )]),
        Block::text(vec![Span::styled(
            meta_line(article),
            Style::new().fg(Color::DarkGray),
        )]),
        Block::blank(),
    ];
    match &doc.body {
        Body::Markdown(source) => blocks.extend(markdown::blocks(source)),
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
