//! The index's tokenizers. [`Words`]: the filter's own words ([`crate::query::tokens`]),
//! folded, with positions, so the index and the filter agree on every word. A
//! [`FIELD_GAP`] character between the values of a field (tags) opens a gap of positions,
//! so no phrase spans two. [`Names`]: a path's folder and file names, in lower case as
//! `path:` compares them ([`crate::query::lower`]), one position each.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::query::lower;
use crate::query::tokens::{WordRanges, fold_into, word_ranges};

/// Separates the values of a many-valued field in the text given to the index. Text in
/// folio is sanitised, so it never holds this control character itself.
pub const FIELD_GAP: char = '\u{1f}';

/// The name the tokenizer is registered under.
pub const NAME: &str = "folio";

/// The name the path tokenizer is registered under.
pub const PATH_NAME: &str = "folio-path";

#[derive(Clone, Default)]
pub struct Words;

impl Tokenizer for Words {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        WordStream {
            text,
            ranges: word_ranges(text),
            token: Token::default(),
            last_end: 0,
            position: None,
        }
    }
}

pub struct WordStream<'a> {
    text: &'a str,
    ranges: WordRanges<'a>,
    token: Token,
    last_end: usize,
    position: Option<usize>,
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(range) = self.ranges.next() else {
            return false;
        };
        let gaps = self.text[self.last_end..range.start]
            .chars()
            .filter(|&c| c == FIELD_GAP)
            .count();
        let position = match self.position {
            Some(previous) => previous + 1 + 2 * gaps,
            None => 0,
        };
        self.position = Some(position);
        self.last_end = range.end;
        self.token.text.clear();
        fold_into(&self.text[range.clone()], &mut self.token.text);
        self.token.offset_from = range.start;
        self.token.offset_to = range.end;
        self.token.position = position;
        self.token.position_length = 1;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// Splits a `/`-separated path into its names.
#[derive(Clone, Default)]
pub struct Names;

impl Tokenizer for Names {
    type TokenStream<'a> = NameStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> NameStream {
        let mut tokens = Vec::new();
        let mut offset = 0;
        for name in text.split('/') {
            if !name.is_empty() {
                tokens.push(Token {
                    offset_from: offset,
                    offset_to: offset + name.len(),
                    position: tokens.len(),
                    text: lower(name),
                    position_length: 1,
                });
            }
            offset += name.len() + 1;
        }
        NameStream {
            tokens,
            at: None,
            empty: Token::default(),
        }
    }
}

/// The names of one path.
pub struct NameStream {
    tokens: Vec<Token>,
    at: Option<usize>,
    empty: Token,
}

impl TokenStream for NameStream {
    fn advance(&mut self) -> bool {
        let next = self.at.map_or(0, |at| at + 1);
        self.at = Some(next);
        next < self.tokens.len()
    }

    fn token(&self) -> &Token {
        self.at
            .and_then(|at| self.tokens.get(at))
            .unwrap_or(&self.empty)
    }

    fn token_mut(&mut self) -> &mut Token {
        match self.at {
            Some(at) if at < self.tokens.len() => &mut self.tokens[at],
            _ => &mut self.empty,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<(String, usize)> {
        let mut words = Words;
        let mut stream = words.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push((stream.token().text.clone(), stream.token().position));
        }
        out
    }

    #[test]
    fn folded_words_in_order() {
        assert_eq!(
            tokens("Café, 東京!"),
            [
                ("cafe".to_owned(), 0),
                ("東".to_owned(), 1),
                ("京".to_owned(), 2)
            ]
        );
    }

    #[test]
    fn values_of_a_field_are_kept_apart() {
        let text = format!("world news{FIELD_GAP}économie");
        let positions: Vec<usize> = tokens(&text).into_iter().map(|(_, p)| p).collect();
        assert_eq!(positions, [0, 1, 4]);
    }

    #[test]
    fn paths_are_their_names_in_lower_case() {
        let mut names = Names;
        let mut stream = names.token_stream("2023/Mai/Ünder.md");
        let mut out = Vec::new();
        while stream.advance() {
            let token = stream.token();
            out.push((token.text.clone(), token.position));
        }
        let texts: Vec<(&str, usize)> = out.iter().map(|(t, p)| (t.as_str(), *p)).collect();
        assert_eq!(texts, [("2023", 0), ("mai", 1), ("ünder.md", 2)]);
    }
}
