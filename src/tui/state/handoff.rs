//! Handing an article to the programs around folio: `e` asks for it in the editor at the
//! cursor line, `o` for its web address in the browser, `y` and `Y` for a passage on the
//! clipboard (plain, or as a Markdown quote with its citation). The state only says what
//! to hand over; the loop, which holds the terminal, hands it.

use std::ops::Range;

use super::{App, Focus};
use crate::plain_text::markdown_paragraphs;
use crate::store::{Body, Document, Location};
use crate::tui::effects::messages::{Effect, HandOff};

impl App {
    /// `e`: the open article (in the reader, at the cursor line), else the one under the
    /// list's cursor, in the editor.
    pub(super) fn edit_article(&mut self) -> Option<Effect> {
        let in_reader = self.focus == Focus::Reader && self.reader.open.is_some();
        let index = if in_reader {
            self.reader.open_index()
        } else {
            self.list.selected_article()
        }?;
        let Location::File(path) = &self.articles.get(index)?.location else {
            self.notice =
                Some("the sample library is built into folio: there is no file to edit".to_owned());
            return None;
        };
        let at = if in_reader {
            self.reader.text_at_cursor()
        } else {
            None
        };
        Some(Effect::HandOff(HandOff::Edit {
            index,
            path: path.clone(),
            text: if at.is_some() {
                self.reader.text.clone()
            } else {
                String::new()
            },
            at,
        }))
    }

    /// `o`: the article's web address in the browser.
    pub(super) fn open_url(&mut self) -> Option<Effect> {
        let index = match self.focus {
            Focus::Reader if self.reader.open.is_some() => self.reader.open_index(),
            _ => self.list.selected_article(),
        }?;
        match self.articles.get(index)?.url.as_deref() {
            Some(url) => Some(Effect::HandOff(HandOff::Browse(url.to_owned()))),
            None => {
                self.notice = Some(
                    "this article has no web address (a URL: header or a url front matter key)"
                        .to_owned(),
                );
                None
            }
        }
    }

    /// `y` (`quote` false) or `Y`: the selection, else the paragraph under the cursor, to
    /// the clipboard; `Y` as a Markdown quote with a citation line.
    pub(super) fn copy_passage(&mut self, quote: bool) -> Option<Effect> {
        let range = if self.reader.selecting.is_some() {
            let range = self.reader.selected_text();
            self.reader.selecting = None;
            range
        } else {
            self.reader.paragraph_text()
        };
        let Some(document) = self.reader.document() else {
            self.notice = Some("open an article to copy from it".to_owned());
            return None;
        };
        let Some(range) = range.filter(|r| !r.is_empty()) else {
            self.notice =
                Some("nothing to copy there: the lines show no text of the article".to_owned());
            return None;
        };
        let passage = passage_text(document, &self.reader.text, range);
        let characters = passage.chars().count();
        let (text, done) = if quote {
            let text = format!("{}\n\n{}", quoted(&passage), citation(document));
            (
                text,
                format!("copied a quote of {characters} characters with its citation"),
            )
        } else {
            (passage, format!("copied {characters} characters"))
        };
        Some(Effect::HandOff(HandOff::Copy { text, done }))
    }

    /// After a hand-off: says what happened, and reads the edited article again.
    pub(super) fn handed_back(
        &mut self,
        result: Result<String, String>,
        reread: Option<usize>,
    ) -> Option<Effect> {
        self.notice = Some(match result {
            Ok(done) => done,
            Err(why) => why,
        });
        let index = reread.filter(|&i| self.reader.open_index() == Some(i))?;
        if self.reader.previewing() {
            return Some(Effect::Preview(index));
        }
        self.keep_view = Some((self.reader.scroll, self.reader.text_at_cursor()));
        Some(Effect::LoadArticle(index))
    }
}

/// The passage at `range` of `text` (the article's text) as plain text: Markdown loses
/// its markup, as `folio show` prints it.
fn passage_text(document: &Document, text: &str, range: Range<usize>) -> String {
    let source = text.get(range).unwrap_or_default();
    match document.body {
        Body::Markdown(_) => markdown_paragraphs(source).join("\n\n"),
        Body::Paragraphs(_) => source.trim().to_owned(),
    }
}

/// `text` as a Markdown block quote.
fn quoted(text: &str) -> String {
    text.lines()
        .map(|line| match line.trim_end() {
            "" => ">".to_owned(),
            line => format!("> {line}"),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `— Title, Source, 2024-11-21, <https://…>`, with what the article has.
fn citation(document: &Document) -> String {
    let article = &document.article;
    let mut parts = vec![article.title.clone()];
    parts.extend(article.source.clone());
    parts.extend(article.date.map(|date| date.to_string()));
    parts.extend(article.url.as_deref().map(|url| format!("<{url}>")));
    format!("— {}", parts.join(", "))
}
