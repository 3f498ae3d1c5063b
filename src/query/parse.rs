//! From the text in the filter bar to a [`Query`]: terms split at spaces outside quotes,
//! each parsed on its own so an error can name the term it is in.

use std::ops::Range;

use jiff::civil::Date;

use super::dates::{self, DateRange};
use super::tokens::folded_words;
use super::{Query, State, Term, Test, TextField};

/// A term that does not parse: which one, where it is, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    /// The term as typed.
    pub term: String,
    /// Its byte range in the query.
    pub span: Range<usize>,
    /// What is wrong, and what would be right.
    pub message: String,
}

impl std::fmt::Display for QueryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.term, self.message)
    }
}

impl std::error::Error for QueryError {}

/// The fields a term may name, for messages.
const FIELDS: &str = "title, source, author, tag, date, after, before, since, is";

/// Parses `input`; `today` anchors `since:`.
pub fn parse(input: &str, today: Date) -> Result<Query, QueryError> {
    let mut terms = Vec::new();
    for span in split_terms(input) {
        let text = &input[span.clone()];
        let error = |message: String| QueryError {
            term: text.to_owned(),
            span: span.clone(),
            message,
        };
        if let Some(term) = parse_term(text, today).map_err(error)? {
            terms.push(Term {
                span: span.clone(),
                ..term
            });
        }
    }
    Ok(Query { terms })
}

/// The byte ranges of the terms: runs of non-space, where a quote runs to the next quote
/// (an unclosed one to the end of the input).
fn split_terms(input: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut start = None;
    let mut quoted = false;
    for (i, c) in input.char_indices() {
        if c == '"' {
            quoted = !quoted;
        }
        if c.is_whitespace() && !quoted {
            if let Some(s) = start.take() {
                spans.push(s..i);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        spans.push(s..input.len());
    }
    spans
}

/// One term; `None` for a term with nothing to match on (a lone `-`, punctuation).
fn parse_term(text: &str, today: Date) -> Result<Option<Term>, String> {
    let (negated, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let term = |test| {
        Some(Term {
            negated,
            test,
            span: 0..0,
        })
    };
    if let Some((name, value)) = field_split(body) {
        let field = match name.to_ascii_lowercase().as_str() {
            "title" => TextField::Title,
            "source" => TextField::Source,
            "author" => TextField::Author,
            "tag" | "tags" => TextField::Tag,
            "date" => return Ok(term(Test::Date(dates::range(value)?))),
            "after" => {
                let (first, _) = dates::period(value)?;
                return Ok(term(Test::Date(DateRange {
                    from: Some(first),
                    to: None,
                })));
            }
            "before" => {
                let (first, _) = dates::period(value)?;
                let to = first.yesterday().map_err(|e| e.to_string())?;
                return Ok(term(Test::Date(DateRange {
                    from: None,
                    to: Some(to),
                })));
            }
            "since" => return Ok(term(Test::Date(dates::since(value, today)?))),
            "is" => return Ok(term(Test::State(state(value)?))),
            _ => return Err(format!("unknown field {name}:, the fields are {FIELDS}")),
        };
        let Some(test) = text_test(field, value)? else {
            return Err(format!("{name}: needs a word or a \"quoted phrase\""));
        };
        return Ok(term(test));
    }
    Ok(text_test(TextField::Any, body)?.and_then(term))
}

/// The state after `is:`.
fn state(value: &str) -> Result<State, String> {
    let names = State::ALL.map(State::name).join(" or ");
    if value.is_empty() {
        return Err(format!("is: needs a state: {names}"));
    }
    if let Some(state) = State::ALL
        .into_iter()
        .find(|s| s.name().eq_ignore_ascii_case(value))
    {
        return Ok(state);
    }
    let hint = if value.eq_ignore_ascii_case("read") {
        " (-is:unread selects the read ones)"
    } else {
        ""
    };
    Err(format!("unknown state {value}, is: takes {names}{hint}"))
}

/// `name:value` when `text` starts with a field name (ASCII letters) and a colon.
fn field_split(text: &str) -> Option<(&str, &str)> {
    let (name, value) = text.split_once(':')?;
    (!name.is_empty() && name.bytes().all(|b| b.is_ascii_alphabetic())).then_some((name, value))
}

/// A word (its last word a prefix) or a quoted phrase (whole words) in `field`.
fn text_test(field: TextField, value: &str) -> Result<Option<Test>, String> {
    let (inner, prefix) = match value.strip_prefix('"') {
        Some(rest) => match rest.strip_suffix('"') {
            Some(inner) => (inner, false),
            None => return Err("the quote is not closed: add a \" at its end".to_owned()),
        },
        None => (value, true),
    };
    if !prefix && inner.contains('"') {
        return Err("a quote inside a phrase: one \"phrase\" per term".to_owned());
    }
    let words: Vec<String> = folded_words(inner).map(|(_, w)| w).collect();
    if words.is_empty() {
        return Ok(None);
    }
    Ok(Some(Test::Text {
        field,
        words,
        prefix,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const TODAY: Date = date(2026, 11, 23);

    fn tests(input: &str) -> Vec<(bool, Test)> {
        parse(input, TODAY)
            .unwrap()
            .terms
            .into_iter()
            .map(|t| (t.negated, t.test))
            .collect()
    }

    fn text(field: TextField, words: &[&str], prefix: bool) -> Test {
        Test::Text {
            field,
            words: words.iter().map(|w| w.to_string()).collect(),
            prefix,
        }
    }

    #[test]
    fn words_phrases_and_negation() {
        assert_eq!(
            tests("Clim -Café \"two Words\" -\"x y\""),
            [
                (false, text(TextField::Any, &["clim"], true)),
                (true, text(TextField::Any, &["cafe"], true)),
                (false, text(TextField::Any, &["two", "words"], false)),
                (true, text(TextField::Any, &["x", "y"], false)),
            ]
        );
    }

    #[test]
    fn a_word_with_inner_punctuation_is_its_words_in_a_row() {
        assert_eq!(
            tests("Warner's"),
            [(false, text(TextField::Any, &["warner", "s"], true))]
        );
        assert_eq!(
            tests("图书馆"),
            [(false, text(TextField::Any, &["图", "书", "馆"], true))]
        );
    }

    #[test]
    fn fields() {
        assert_eq!(
            tests("title:\"a b\" source:reu -author:smith tag:world"),
            [
                (false, text(TextField::Title, &["a", "b"], false)),
                (false, text(TextField::Source, &["reu"], true)),
                (true, text(TextField::Author, &["smith"], true)),
                (false, text(TextField::Tag, &["world"], true)),
            ]
        );
    }

    #[test]
    fn dates() {
        let range = |from, to| Test::Date(DateRange { from, to });
        assert_eq!(
            tests("date:2024-11 after:2024-11-01 before:2024-12-01 since:7d"),
            [
                (
                    false,
                    range(Some(date(2024, 11, 1)), Some(date(2024, 11, 30)))
                ),
                (false, range(Some(date(2024, 11, 1)), None)),
                (false, range(None, Some(date(2024, 11, 30)))),
                (false, range(Some(date(2026, 11, 16)), None)),
            ]
        );
    }

    #[test]
    fn lone_punctuation_matches_everything() {
        assert_eq!(tests("- -- &"), []);
        assert!(parse("", TODAY).unwrap().terms.is_empty());
    }

    #[test]
    fn errors_name_the_term_and_what_is_wrong() {
        let error = parse("river date:2024-13", TODAY).unwrap_err();
        assert_eq!(error.term, "date:2024-13");
        assert_eq!(error.span, 6..18);
        assert!(error.message.contains("month 13"), "{error}");

        let error = parse("a \"two words", TODAY).unwrap_err();
        assert_eq!(error.term, "\"two words");
        assert!(error.message.contains("not closed"), "{error}");

        let error = parse("colour:red", TODAY).unwrap_err();
        assert!(error.message.contains("unknown field colour:"), "{error}");

        let error = parse("title:", TODAY).unwrap_err();
        assert!(error.message.contains("needs a word"), "{error}");

        let error = parse("river is:starred", TODAY).unwrap_err();
        assert_eq!(error.term, "is:starred");
        assert_eq!(error.span, 6..16);
        assert_eq!(
            error.message,
            "unknown state starred, is: takes bookmarked or unread"
        );
        let error = parse("-is:read", TODAY).unwrap_err();
        assert!(
            error.message.contains("-is:unread selects the read"),
            "{error}"
        );
        let error = parse("is:", TODAY).unwrap_err();
        assert_eq!(error.message, "is: needs a state: bookmarked or unread");
    }

    #[test]
    fn states() {
        assert_eq!(
            tests("is:bookmarked -is:unread IS:Unread"),
            [
                (false, Test::State(State::Bookmarked)),
                (true, Test::State(State::Unread)),
                (false, Test::State(State::Unread)),
            ]
        );
    }

    #[test]
    fn spans_point_at_each_term() {
        let input = "  a  title:\"b c\"  -d ";
        let spans: Vec<&str> = parse(input, TODAY)
            .unwrap()
            .terms
            .iter()
            .map(|t| &input[t.span.clone()])
            .collect();
        assert_eq!(spans, ["a", "title:\"b c\"", "-d"]);
    }
}
