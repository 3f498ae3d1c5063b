//! The filter language: what a user types in the filter bar (or `folio list --query`),
//! parsed into terms that must all hold.
//!
//! - `word`: the title or the body has a word starting with it; a term with inner
//!   punctuation (`Warner's`, `图书馆`) is its words in a row, the last one a prefix.
//! - `"two words"`: those whole words, consecutive, in the title or in the body.
//! - `title:`, `source:`, `author:`, `tag:` followed by a word or a quoted phrase: the
//!   same, within that field (each tag on its own).
//! - `date:2024`, `date:2024-11`, `date:2024-11-21`, `date:2024-11..2025-02`,
//!   `after:D` (that day or later), `before:D` (strictly earlier), `since:7d`/`2w`/`3m`/`1y`.
//! - `is:bookmarked` (the article has a bookmark), `is:unread` (it has not been opened).
//! - A leading `-` negates any term.
//!
//! Words are compared as [`tokens`] folds them. [`Query::matches`] evaluates a query on an
//! article's text directly; the index answers the same question faster. The states come
//! from [`Marks`], which the caller loads: [`State::holds`] is where they are tested.

pub mod dates;
pub mod parse;
pub mod tokens;

use std::ops::Range;

use jiff::civil::Date;

pub use dates::DateRange;
pub use parse::{QueryError, parse};

use crate::marks::Marks;
use crate::store::{Article, Location};
use tokens::folded_words;

/// A parsed filter: every term must hold. No terms lets every article through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub terms: Vec<Term>,
}

/// One term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// `-term`: must not hold.
    pub negated: bool,
    pub test: Test,
    /// Where the term is in the query text.
    pub span: Range<usize>,
}

/// What a term asks of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Test {
    /// Folded `words` in a row in `field`; with `prefix`, the last one need only start a word.
    Text {
        field: TextField,
        words: Vec<String>,
        prefix: bool,
    },
    /// The article's date is in the range (undated articles never are).
    Date(DateRange),
    /// The article is in a state the user gave it (`is:`).
    State(State),
}

/// Where a text term looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    /// The title or the body.
    Any,
    Title,
    Source,
    Author,
    Tag,
}

/// Per-article states the user gives articles, tested with `is:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// At least one passage of the article is bookmarked.
    Bookmarked,
    /// The article has not been opened in the reader.
    Unread,
}

impl State {
    /// Every state, for parsing and messages.
    pub const ALL: [State; 2] = [State::Bookmarked, State::Unread];

    /// The state's name after `is:`.
    pub fn name(self) -> &'static str {
        match self {
            State::Bookmarked => "bookmarked",
            State::Unread => "unread",
        }
    }

    /// Whether the article at `location` is in this state, as `marks` say.
    pub fn holds(self, location: &Location, marks: &Marks) -> bool {
        match self {
            State::Bookmarked => marks.is_bookmarked(location),
            State::Unread => marks.is_unread(location),
        }
    }
}

impl Query {
    /// True when the query lets every article through.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// True when any term looks at the body, so the body must be read to answer.
    pub fn needs_body(&self) -> bool {
        self.terms.iter().any(|t| {
            matches!(
                t.test,
                Test::Text {
                    field: TextField::Any,
                    ..
                }
            )
        })
    }

    /// True when any term tests a state (`is:`), so the answer depends on [`Marks`].
    pub fn tests_state(&self) -> bool {
        self.terms.iter().any(|t| matches!(t.test, Test::State(_)))
    }

    /// Whether `article`, whose body text is `body`, passes every term, its states as
    /// `marks` say.
    pub fn matches(&self, article: &Article, body: &str, marks: &Marks) -> bool {
        self.terms
            .iter()
            .all(|term| term.holds(article, body, marks) != term.negated)
    }

    /// Whether the article at `location` passes the state terms (the others are not
    /// looked at): what the index leaves to be checked after it answers.
    pub fn states_hold(&self, location: &Location, marks: &Marks) -> bool {
        self.terms.iter().all(|term| match term.test {
            Test::State(state) => state.holds(location, marks) != term.negated,
            _ => true,
        })
    }

    /// The byte ranges in `text` (a title or a body) of what the positive title and
    /// body terms match: the words to highlight.
    pub fn highlights(&self, text: &str, in_title: bool) -> Vec<Range<usize>> {
        let words: Vec<(Range<usize>, String)> = folded_words(text).collect();
        let mut ranges = Vec::new();
        for term in self.terms.iter().filter(|t| !t.negated) {
            let Test::Text {
                field,
                words: wanted,
                prefix,
            } = &term.test
            else {
                continue;
            };
            if *field == TextField::Any || (*field == TextField::Title && in_title) {
                for start in phrase_starts(&words, wanted, *prefix) {
                    let (first, last) = (&words[start].0, &words[start + wanted.len() - 1].0);
                    ranges.push(first.start..last.end);
                }
            }
        }
        ranges.sort_by_key(|r| (r.start, r.end));
        ranges
    }
}

impl Term {
    /// Whether the term, not negated, holds for the article.
    fn holds(&self, article: &Article, body: &str, marks: &Marks) -> bool {
        match &self.test {
            Test::Date(range) => article.date.is_some_and(|d| range.contains(d)),
            Test::State(state) => state.holds(&article.location, marks),
            Test::Text {
                field,
                words,
                prefix,
            } => {
                let has = |text: &str| has_phrase(text, words, *prefix);
                match field {
                    TextField::Any => has(&article.title) || has(body),
                    TextField::Title => has(&article.title),
                    TextField::Source => article.source.as_deref().is_some_and(has),
                    TextField::Author => article.author.as_deref().is_some_and(has),
                    TextField::Tag => article.tags.iter().any(|t| has(t)),
                }
            }
        }
    }
}

/// True when `text` has `wanted` as consecutive words (the last a prefix with `prefix`).
pub fn has_phrase(text: &str, wanted: &[String], prefix: bool) -> bool {
    let words: Vec<(Range<usize>, String)> = folded_words(text).collect();
    phrase_starts(&words, wanted, prefix).next().is_some()
}

/// The indices in `words` where `wanted` starts.
fn phrase_starts<'a>(
    words: &'a [(Range<usize>, String)],
    wanted: &'a [String],
    prefix: bool,
) -> impl Iterator<Item = usize> + 'a {
    let n = wanted.len();
    (0..(words.len() + 1).saturating_sub(n)).filter(move |&i| {
        wanted.iter().enumerate().all(|(k, w)| {
            let word = &words[i + k].1;
            if prefix && k == n - 1 {
                word.starts_with(w.as_str())
            } else {
                word == w
            }
        })
    })
}

/// Today's date in the local time zone, for `since:`.
pub fn today() -> Date {
    jiff::tz::TimeZone::system()
        .to_datetime(jiff::Timestamp::now())
        .date()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Format, Location};
    use jiff::civil::date;

    fn article(title: &str, date: Option<Date>) -> Article {
        Article {
            location: Location::Sample("x.txt"),
            rel_path: "x.txt".into(),
            title: title.into(),
            date,
            date_from: None,
            source: Some("Reuters".into()),
            author: Some("Ana Núñez".into()),
            tags: vec!["world news".into(), "économie".into()],
            description: None,
            url: None,
            words: 0,
            format: Format::Text,
            size: 0,
            mtime: 0,
        }
    }

    fn check(query: &str, article: &Article, body: &str) -> bool {
        parse(query, date(2026, 11, 23))
            .unwrap()
            .matches(article, body, &Marks::default())
    }

    #[test]
    fn word_prefixes_in_title_or_body() {
        let a = article("Climate talks", None);
        let body = "The café at Warner's said 新图书馆 opened.";
        for yes in [
            "clim",
            "CAFE",
            "warner's",
            "图书馆",
            "said opened -storm",
            "talk",
        ] {
            assert!(check(yes, &a, body), "{yes}");
        }
        for no in [
            "limate",
            "\"said open\"",
            "-climate",
            "storm",
            "\"talks the\"",
        ] {
            assert!(!check(no, &a, body), "{no}");
        }
    }

    #[test]
    fn phrases_are_whole_consecutive_words() {
        let a = article("x", None);
        assert!(check("\"cafe at\"", &a, "The Café at noon"));
        assert!(!check("\"caf at\"", &a, "The Café at noon"));
        assert!(!check("\"the at\"", &a, "The Café at noon"));
    }

    #[test]
    fn fields_look_only_in_their_field() {
        let a = article("Budget", None);
        assert!(check(
            "source:reu author:nunez tag:econ tag:\"world news\"",
            &a,
            ""
        ));
        assert!(!check("title:reuters", &a, "Reuters"));
        assert!(
            !check("tag:\"news economie\"", &a, ""),
            "tags one at a time"
        );
    }

    #[test]
    fn dates_and_undated_articles() {
        let a = article("x", Some(date(2024, 11, 21)));
        for yes in [
            "date:2024",
            "date:2024-11",
            "after:2024-11-21",
            "before:2024-11-22",
        ] {
            assert!(check(yes, &a, ""), "{yes}");
        }
        for no in [
            "date:2025",
            "before:2024-11-21",
            "since:1y",
            "after:2024-12",
        ] {
            assert!(!check(no, &a, ""), "{no}");
        }
        let undated = article("x", None);
        assert!(!check("date:2024", &undated, ""));
        assert!(check("-date:2024", &undated, ""));
    }

    #[test]
    fn states_come_from_the_marks() {
        let at = |name: &'static str| Location::Sample(name);
        let mut marks = Marks::default();
        marks.bookmarked.insert(at("kept.md"));
        marks.read.insert(at("kept.md"));
        marks.read.insert(at("seen.md"));
        let holds = |query: &str, name: &'static str| {
            let mut a = article("Harbour", Some(date(2024, 11, 21)));
            a.location = at(name);
            let query = parse(query, date(2026, 11, 23)).unwrap();
            let by_matches = query.matches(&a, "", &marks);
            let without_states = Query {
                terms: query
                    .terms
                    .iter()
                    .filter(|t| !matches!(t.test, Test::State(_)))
                    .cloned()
                    .collect(),
            };
            assert_eq!(
                by_matches,
                query.states_hold(&a.location, &marks) && without_states.matches(&a, "", &marks),
                "{query:?}"
            );
            by_matches
        };
        let names = ["kept.md", "seen.md", "new.md"];
        let selected =
            |query: &str| -> Vec<&str> { names.into_iter().filter(|n| holds(query, n)).collect() };
        assert_eq!(selected("is:bookmarked"), ["kept.md"]);
        assert_eq!(selected("IS:Unread"), ["new.md"]);
        assert_eq!(selected("-is:unread"), ["kept.md", "seen.md"]);
        assert_eq!(selected("-is:bookmarked -is:unread"), ["seen.md"]);
        assert_eq!(selected("is:unread harb date:2024"), ["new.md"]);
        assert_eq!(selected("is:unread date:2025"), Vec::<&str>::new());
        assert!(parse("is:unread", date(2026, 1, 1)).unwrap().tests_state());
        assert!(!parse("unread", date(2026, 1, 1)).unwrap().tests_state());
    }

    #[test]
    fn highlights_cover_the_matched_words() {
        let query = parse("riv \"old mill\" -river title:x", date(2026, 1, 1)).unwrap();
        let text = "Rivers by the old mill; the Old  Mill.";
        let shown: Vec<&str> = query
            .highlights(text, false)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(shown, ["Rivers", "old mill", "Old  Mill"]);
    }
}
