//! Articles too long to lay out at once: the reader shows the first [`SHOWN`] bytes of
//! an article's text (whole paragraphs where it can) and says how much more there is,
//! so that opening or previewing a 15 MB file, and every relayout after (a resize, a
//! keystroke in the filter), costs what a long article costs, never seconds of a frozen
//! loop. The file itself is untouched; the editor (`e`) opens all of it.

use crate::store::{Body, Document, PARAGRAPH_GAP};

/// The most of an article's text the reader lays out.
pub const SHOWN: usize = 512 * 1024;

/// `document` cut to at most [`SHOWN`] bytes of text, and how many bytes were left out
/// (`None` when it is whole).
pub fn cut(document: Document) -> (Document, Option<usize>) {
    let Document { article, body } = document;
    let (body, left_out) = match body {
        Body::Paragraphs(paragraphs) => {
            let total: usize = paragraphs.iter().map(String::len).sum::<usize>()
                + PARAGRAPH_GAP.len() * paragraphs.len().saturating_sub(1);
            if total <= SHOWN {
                (Body::Paragraphs(paragraphs), None)
            } else {
                let mut kept = Vec::new();
                let mut used = 0;
                for paragraph in paragraphs {
                    let room = SHOWN.saturating_sub(used + PARAGRAPH_GAP.len());
                    if paragraph.len() <= room {
                        used += paragraph.len() + PARAGRAPH_GAP.len();
                        kept.push(paragraph);
                    } else {
                        if kept.is_empty() {
                            kept.push(paragraph[..floor_char(&paragraph, SHOWN)].to_owned());
                        }
                        break;
                    }
                }
                let shown = kept.iter().map(String::len).sum::<usize>()
                    + PARAGRAPH_GAP.len() * kept.len().saturating_sub(1);
                (Body::Paragraphs(kept), Some(total - shown))
            }
        }
        Body::Markdown(source) if source.len() > SHOWN => {
            let end = floor_char(&source, SHOWN);
            // At a paragraph break when there is one in the second half, else a line's.
            let at = source[..end]
                .rfind("\n\n")
                .or_else(|| source[..end].rfind('\n'))
                .filter(|&at| at > end / 2)
                .unwrap_or(end);
            let left_out = source.len() - at;
            let mut source = source;
            source.truncate(at);
            (Body::Markdown(source), Some(left_out))
        }
        body => (body, None),
    };
    (Document { article, body }, left_out)
}

/// The largest char boundary of `text` at or before `at`.
fn floor_char(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Article, Location};

    fn document(body: Body) -> Document {
        Document {
            article: Article::named(Location::File("/x.md".into()), "X".into()),
            body,
        }
    }

    #[test]
    fn a_short_article_is_whole() {
        let doc = document(Body::Paragraphs(vec!["one".into(), "two".into()]));
        assert_eq!(cut(doc.clone()), (doc, None));
    }

    #[test]
    fn a_long_one_keeps_whole_paragraphs_and_counts_the_rest() {
        let paragraph = "word ".repeat(2000); // 10,000 bytes
        let paragraphs = vec![paragraph; 100];
        let total = paragraphs.iter().map(String::len).sum::<usize>() + 2 * 99;
        let (doc, left_out) = cut(document(Body::Paragraphs(paragraphs)));
        let shown = doc.body.text().len();
        assert!(shown <= SHOWN && shown > SHOWN - 10_002, "{shown}");
        assert_eq!(shown + left_out.unwrap(), total);
    }

    #[test]
    fn one_huge_line_of_markdown_is_cut_on_a_character() {
        let source = format!("# T\n\n{}", "é[".repeat(SHOWN));
        let len = source.len();
        let (doc, left_out) = cut(document(Body::Markdown(source)));
        let kept = doc.body.text();
        assert!(kept.len() <= SHOWN);
        assert_eq!(kept.len() + left_out.unwrap(), len);
        let one = document(Body::Paragraphs(vec!["ü".repeat(SHOWN)]));
        let (doc, _) = cut(one);
        assert!(doc.body.text().len() <= SHOWN);
    }
}
