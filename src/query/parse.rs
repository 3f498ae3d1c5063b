//! From the text in the filter bar to a [`Query`]: the text cut into pieces (terms split
//! at spaces outside quotes, parentheses, `OR` and `|`), then `OR` chains and groups
//! built from them; each term is parsed on its own so an error can name the term it is in.
//!
//! The grammar, `OR` binding tighter than the juxtaposition of terms:
//!
//! ```text
//! query  = chain*                      every chain must hold
//! chain  = unit (("OR" | "|") unit)*   one of its units must hold
//! unit   = term | "(" query ")" | "-(" query ")"
//! ```

use std::ops::Range;

use jiff::civil::Date;

use super::dates::{self, DateRange};
use super::tokens::folded_words;
use super::{Query, State, Term, Test, TextField, lower};

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
const FIELDS: &str = "title, source, author, tag, path, date, after, before, since, is";

/// Parses `input`; `today` anchors `since:`.
pub fn parse(input: &str, today: Date) -> Result<Query, QueryError> {
    let mut parser = Parser {
        input,
        pieces: pieces(input),
        at: 0,
        today,
    };
    parser.query(None)
}

/// What a piece of the query text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    Term,
    /// `(`, or `-(` when `negated`.
    Open {
        negated: bool,
    },
    Close,
    /// `OR` or `|`.
    Or,
}

/// The pieces of `input` with their byte ranges: terms are runs of non-space up to a
/// parenthesis or `|`, where a quote runs to the next quote (an unclosed one to the end
/// of the input); a term that is exactly `OR` is the operator.
fn pieces(input: &str) -> Vec<(Piece, Range<usize>)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut quoted = false;
    let end_term = |out: &mut Vec<(Piece, Range<usize>)>, start: &mut Option<usize>, at| {
        if let Some(s) = start.take() {
            let piece = if &input[s..at] == "OR" {
                Piece::Or
            } else {
                Piece::Term
            };
            out.push((piece, s..at));
        }
    };
    for (i, c) in input.char_indices() {
        if quoted {
            quoted = c != '"';
            continue;
        }
        match c {
            '"' => {
                quoted = true;
                start.get_or_insert(i);
            }
            '(' if start.is_some_and(|s| &input[s..i] == "-") => {
                let s = start.take().unwrap_or(i);
                out.push((Piece::Open { negated: true }, s..i + 1));
            }
            '(' | ')' | '|' => {
                end_term(&mut out, &mut start, i);
                let piece = match c {
                    '(' => Piece::Open { negated: false },
                    ')' => Piece::Close,
                    _ => Piece::Or,
                };
                out.push((piece, i..i + 1));
            }
            c if c.is_whitespace() => end_term(&mut out, &mut start, i),
            _ => {
                start.get_or_insert(i);
            }
        }
    }
    end_term(&mut out, &mut start, input.len());
    out
}

/// Builds the query from the pieces, left to right.
struct Parser<'a> {
    input: &'a str,
    pieces: Vec<(Piece, Range<usize>)>,
    at: usize,
    today: Date,
}

impl Parser<'_> {
    fn error(&self, span: Range<usize>, message: impl Into<String>) -> QueryError {
        QueryError {
            term: self.input[span.clone()].to_owned(),
            span,
            message: message.into(),
        }
    }

    fn peek(&self) -> Option<(Piece, Range<usize>)> {
        self.pieces.get(self.at).cloned()
    }

    /// Chains up to the end, or up to the `)` of the group opened at `open`.
    fn query(&mut self, open: Option<Range<usize>>) -> Result<Query, QueryError> {
        let mut terms = Vec::new();
        loop {
            match self.peek() {
                None => match open {
                    Some(open) => {
                        return Err(self.error(open, "the group is not closed: add a ) at its end"));
                    }
                    None => break,
                },
                Some((Piece::Close, span)) => match open {
                    Some(_) => break,
                    None => {
                        return Err(
                            self.error(span, "no ( opens this group: remove it or add a ( before")
                        );
                    }
                },
                Some((Piece::Or, span)) => return Err(self.error(span, NEEDS_BOTH_SIDES)),
                Some(_) => {}
            }
            terms.extend(self.chain()?.terms);
        }
        Ok(Query { terms })
    }

    /// Units joined by `OR`, as one term (a lone unit as its own terms).
    fn chain(&mut self) -> Result<Query, QueryError> {
        let (first_span, first) = self.unit()?;
        let mut span = first_span.clone();
        let mut units = vec![(first_span, first)];
        let mut operators = Vec::new();
        while let Some((Piece::Or, or_span)) = self.peek() {
            self.at += 1;
            if !matches!(self.peek(), Some((Piece::Term | Piece::Open { .. }, _))) {
                return Err(self.error(or_span, NEEDS_BOTH_SIDES));
            }
            operators.push(or_span);
            let (unit_span, unit) = self.unit()?;
            span.end = unit_span.end;
            units.push((unit_span, unit));
        }
        if units.len() == 1 {
            return Ok(units.pop().and_then(|(_, unit)| unit).unwrap_or_default());
        }
        let mut alternatives = Vec::with_capacity(units.len());
        for (k, (_, unit)) in units.into_iter().enumerate() {
            let Some(unit) = unit else {
                // A term with nothing to match on (punctuation) beside an `OR`.
                let operator = operators[k.saturating_sub(1)].clone();
                return Err(self.error(operator, NEEDS_BOTH_SIDES));
            };
            match <[Term; 1]>::try_from(unit.terms) {
                Ok(
                    [
                        Term {
                            negated: false,
                            test: Test::Any(inner),
                            ..
                        },
                    ],
                ) => alternatives.extend(inner),
                Ok([term]) => alternatives.push(Query { terms: vec![term] }),
                Err(terms) => alternatives.push(Query { terms }),
            }
        }
        Ok(Query {
            terms: vec![Term {
                negated: false,
                test: Test::Any(alternatives),
                span,
            }],
        })
    }

    /// A term or a group, with its span; `None` for a term with nothing to match on.
    fn unit(&mut self) -> Result<(Range<usize>, Option<Query>), QueryError> {
        let Some((piece, span)) = self.peek() else {
            unreachable!("a unit is looked for only where a piece is");
        };
        self.at += 1;
        match piece {
            Piece::Term => {
                let text = &self.input[span.clone()];
                let term = parse_term(text, self.today)
                    .map_err(|message| self.error(span.clone(), message))?;
                let query = term.map(|term| Query {
                    terms: vec![Term {
                        span: span.clone(),
                        ..term
                    }],
                });
                Ok((span, query))
            }
            Piece::Open { negated } => {
                let inner = self.query(Some(span.clone()))?;
                let Some((Piece::Close, close)) = self.peek() else {
                    unreachable!("a group ends at its ) or fails");
                };
                self.at += 1;
                let span = span.start..close.end;
                if inner.terms.is_empty() {
                    return Err(self.error(span, "an empty group: put terms between ( and )"));
                }
                if !negated {
                    return Ok((span, Some(inner)));
                }
                let term = match <[Term; 1]>::try_from(inner.terms) {
                    Ok([term]) => Term {
                        negated: !term.negated,
                        span: span.clone(),
                        ..term
                    },
                    Err(terms) => Term {
                        negated: true,
                        test: Test::Any(vec![Query { terms }]),
                        span: span.clone(),
                    },
                };
                Ok((span, Some(Query { terms: vec![term] })))
            }
            Piece::Close | Piece::Or => unreachable!("the callers look before"),
        }
    }
}

/// What an `OR` with nothing on one side is told.
const NEEDS_BOTH_SIDES: &str = "needs a term on each side, like oil OR gas";

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
            "path" => return Ok(term(Test::Path(path_names(value)?))),
            _ => return Err(format!("unknown field {name}:, the fields are {FIELDS}")),
        };
        let Some(test) = text_test(field, value)? else {
            return Err(format!("{name}: needs a word or a \"quoted phrase\""));
        };
        return Ok(term(test));
    }
    Ok(text_test(TextField::Any, body)?.and_then(term))
}

/// The names after `path:`, in lower case: folders (and last a file) split at `/`.
fn path_names(value: &str) -> Result<Vec<String>, String> {
    let value = value
        .strip_prefix('"')
        .map_or(value, |v| v.strip_suffix('"').unwrap_or(v));
    let names: Vec<String> = value
        .split('/')
        .filter(|n| !n.is_empty())
        .map(lower)
        .collect();
    if names.is_empty() {
        return Err("path: needs a folder or file name, like path:2024/05".to_owned());
    }
    Ok(names)
}

/// The state after `is:`.
fn state(value: &str) -> Result<State, String> {
    let names = State::ALL.map(State::name);
    let names = match names.split_last() {
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    };
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
            "unknown state starred, is: takes bookmarked, unread, changed or missing"
        );
        let error = parse("-is:read", TODAY).unwrap_err();
        assert!(
            error.message.contains("-is:unread selects the read"),
            "{error}"
        );
        let error = parse("is:", TODAY).unwrap_err();
        assert_eq!(
            error.message,
            "is: needs a state: bookmarked, unread, changed or missing"
        );
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

    fn any(alternatives: &[&[(bool, Test)]]) -> Test {
        Test::Any(
            alternatives
                .iter()
                .map(|terms| Query {
                    terms: terms
                        .iter()
                        .map(|(negated, test)| Term {
                            negated: *negated,
                            test: test.clone(),
                            span: 0..0,
                        })
                        .collect(),
                })
                .collect(),
        )
    }

    /// `tests` with the spans inside groups left out, to compare with [`any`].
    fn shapes(input: &str) -> Vec<(bool, Test)> {
        fn unspanned(query: &mut Query) {
            for term in &mut query.terms {
                term.span = 0..0;
                if let Test::Any(alternatives) = &mut term.test {
                    alternatives.iter_mut().for_each(unspanned);
                }
            }
        }
        let mut query = parse(input, TODAY).unwrap();
        unspanned(&mut query);
        query
            .terms
            .into_iter()
            .map(|t| (t.negated, t.test))
            .collect()
    }

    fn word(w: &str) -> Test {
        text(TextField::Any, &[w], true)
    }

    #[test]
    fn or_binds_tighter_than_the_terms_beside_it() {
        let year = Test::Date(DateRange {
            from: Some(date(2024, 1, 1)),
            to: Some(date(2024, 12, 31)),
        });
        let oil_or_gas = any(&[&[(false, word("oil"))], &[(false, word("gas"))]]);
        assert_eq!(
            shapes("oil OR gas date:2024"),
            [(false, oil_or_gas.clone()), (false, year.clone())]
        );
        assert_eq!(
            shapes("oil | gas date:2024"),
            shapes("oil OR gas date:2024")
        );
        assert_eq!(shapes("oil|gas"), [(false, oil_or_gas.clone())]);
        assert_eq!(
            shapes("a b OR c d"),
            [
                (false, word("a")),
                (false, any(&[&[(false, word("b"))], &[(false, word("c"))]])),
                (false, word("d")),
            ]
        );
        assert_eq!(
            shapes("oil or gas"),
            [
                (false, word("oil")),
                (false, word("or")),
                (false, word("gas"))
            ],
            "or in lower case is a word"
        );
        assert_eq!(
            shapes("\"OR\""),
            [(false, text(TextField::Any, &["or"], false))]
        );
        assert_eq!(
            shapes("-oil OR title:gas"),
            [(
                false,
                any(&[
                    &[(true, word("oil"))],
                    &[(false, text(TextField::Title, &["gas"], true))]
                ])
            )]
        );
    }

    #[test]
    fn parentheses_group_and_a_dash_excludes_a_group() {
        let oil_or_gas = any(&[&[(false, word("oil"))], &[(false, word("gas"))]]);
        let year = Test::Date(DateRange {
            from: Some(date(2020, 1, 1)),
            to: Some(date(2020, 12, 31)),
        });
        assert_eq!(
            shapes("(oil | gas) -(price date:2020)"),
            [
                (false, oil_or_gas.clone()),
                (true, any(&[&[(false, word("price")), (false, year)]])),
            ]
        );
        assert_eq!(shapes("(a b) c"), shapes("a b c"));
        assert_eq!(shapes("-(a)"), shapes("-a"));
        assert_eq!(shapes("-(-a)"), shapes("a"));
        assert_eq!(shapes("-(oil OR gas)"), [(true, oil_or_gas.clone())]);
        assert_eq!(shapes("(oil OR gas) OR x"), shapes("oil OR gas OR x"));
        assert_eq!(
            shapes("(a b) OR c"),
            [(
                false,
                any(&[
                    &[(false, word("a")), (false, word("b"))],
                    &[(false, word("c"))]
                ])
            )]
        );
        assert_eq!(
            shapes("title:\"(not a group)\""),
            [(false, text(TextField::Title, &["not", "a", "group"], false))]
        );
        let input = "x a OR (b c)";
        let query = parse(input, TODAY).unwrap();
        assert_eq!(&input[query.terms[1].span.clone()], "a OR (b c)");
        let input = "x -(b c)";
        let query = parse(input, TODAY).unwrap();
        assert_eq!(&input[query.terms[1].span.clone()], "-(b c)");
    }

    #[test]
    fn path_names_in_lower_case() {
        assert_eq!(
            tests("path:Business -path:2023/05/"),
            [
                (false, Test::Path(vec!["business".into()])),
                (true, Test::Path(vec!["2023".into(), "05".into()])),
            ]
        );
        assert_eq!(
            tests("path:\"my notes/Ö\""),
            [(false, Test::Path(vec!["my notes".into(), "ö".into()]))]
        );
        let error = parse("a path:/", TODAY).unwrap_err();
        assert_eq!((error.term.as_str(), error.span.clone()), ("path:/", 2..8));
        assert!(
            error.message.contains("needs a folder or file name"),
            "{error}"
        );
    }

    #[test]
    fn groups_and_or_errors_name_the_piece() {
        let cases: &[(&str, &str, Range<usize>, &str)] = &[
            ("(oil gas", "(", 0..1, "the group is not closed"),
            ("a -(oil (gas) x", "-(", 2..4, "the group is not closed"),
            ("oil) gas", ")", 3..4, "no ( opens this group"),
            ("(a) b)", ")", 5..6, "no ( opens this group"),
            ("oil OR", "OR", 4..6, "needs a term on each side"),
            ("OR gas", "OR", 0..2, "needs a term on each side"),
            ("oil | | gas", "|", 4..5, "needs a term on each side"),
            ("(oil OR) gas", "OR", 5..7, "needs a term on each side"),
            ("oil OR - gas", "OR", 4..6, "needs a term on each side"),
            ("a () b", "()", 2..4, "an empty group"),
            ("-( & )", "-( & )", 0..6, "an empty group"),
            ("(a date:2024-13) OR b", "date:2024-13", 3..15, "month 13"),
        ];
        for (input, term, span, says) in cases {
            let error = parse(input, TODAY).unwrap_err();
            assert_eq!(
                (error.term.as_str(), error.span.clone()),
                (*term, span.clone()),
                "{input}"
            );
            assert!(error.message.contains(says), "{input}: {error}");
        }
        assert_eq!(
            parse("oil OR", TODAY).unwrap_err().to_string(),
            "OR: needs a term on each side, like oil OR gas"
        );
    }
}
