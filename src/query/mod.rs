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
//! - `is:bookmarked` (the article has a bookmark), `is:unread` (it has not been opened);
//!   in the bookmarks pane, `is:changed` (the passage was reworded) and `is:missing` (it is
//!   no longer in its article), which no article of the list is.
//! - `path:WORD`, `path:2023/05`: the path under the store has those folder or file
//!   names in a row, the last one a prefix, compared in lower case.
//! - A leading `-` negates any term.
//! - `OR` (or `|`) between two terms: either holds; it binds tighter than the terms'
//!   juxtaposition, so `oil OR gas date:2024` is `(oil OR gas) date:2024` (`or` in lower
//!   case is a word).
//! - `(…)` groups terms; `-(…)` excludes what the group matches.
//!
//! Words are compared as [`tokens`] folds them. [`Query::matches`] evaluates a query on an
//! article's text directly; the index answers the same question faster. The states come
//! from [`Marks`], which the caller loads: [`State::holds`] is where they are tested on
//! one article (the index takes the marks' sets of articles whole).

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
    /// The path under the store has these lower-case names in a row, the last one a
    /// prefix (`path:`).
    Path(Vec<String>),
    /// At least one of these queries holds (`OR`, a group).
    Any(Vec<Query>),
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
    /// A bookmark's passage was reworded (the bookmarks pane's; no article is).
    Changed,
    /// A bookmark's passage is no longer in its article (the bookmarks pane's).
    Missing,
}

impl State {
    /// Every state, for parsing and messages.
    pub const ALL: [State; 4] = [
        State::Bookmarked,
        State::Unread,
        State::Changed,
        State::Missing,
    ];

    /// The state's name after `is:`.
    pub fn name(self) -> &'static str {
        match self {
            State::Bookmarked => "bookmarked",
            State::Unread => "unread",
            State::Changed => "changed",
            State::Missing => "missing",
        }
    }

    /// Whether the article at `location` is in this state, as `marks` say (never in a
    /// bookmark's state).
    pub fn holds(self, location: &Location, marks: &Marks) -> bool {
        match self {
            State::Bookmarked => marks.is_bookmarked(location),
            State::Unread => marks.is_unread(location),
            State::Changed | State::Missing => false,
        }
    }
}

impl Query {
    /// The words of `text` in a row, the last only a word's start: what finding `text`
    /// in an article looks for, as `less` does as it is typed (none: an empty query).
    pub fn phrase(text: &str) -> Query {
        let words: Vec<String> = tokens::folded_words(text).map(|(_, word)| word).collect();
        if words.is_empty() {
            return Query::default();
        }
        Query {
            terms: vec![Term {
                negated: false,
                test: Test::Text {
                    field: TextField::Any,
                    words,
                    prefix: true,
                },
                span: 0..text.len(),
            }],
        }
    }

    /// True when the query lets every article through.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Calls `visit` with every term, those inside groups too, and whether it is under
    /// a negation (its own or a group's).
    pub fn visit<'a>(&'a self, visit: &mut dyn FnMut(&'a Term, bool)) {
        self.visit_under(false, visit);
    }

    fn visit_under<'a>(&'a self, negated: bool, visit: &mut dyn FnMut(&'a Term, bool)) {
        for term in &self.terms {
            let negated = negated || term.negated;
            visit(term, negated);
            if let Test::Any(alternatives) = &term.test {
                for alternative in alternatives {
                    alternative.visit_under(negated, visit);
                }
            }
        }
    }

    /// True when some term satisfies `wanted` (given the term and whether it is negated).
    fn any_term(&self, wanted: impl Fn(&Term, bool) -> bool) -> bool {
        let mut found = false;
        self.visit(&mut |term, negated| found = found || wanted(term, negated));
        found
    }

    /// True when any term looks at the body, so the body must be read to answer.
    pub fn needs_body(&self) -> bool {
        self.any_term(|t, _| {
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
        self.any_term(|t, _| matches!(t.test, Test::State(_)))
    }

    /// True when some word or phrase is looked for, under no negation, in the title (or
    /// the title and the body): what relevance ranks by.
    pub fn ranks(&self) -> bool {
        self.any_term(|t, negated| {
            !negated
                && matches!(
                    t.test,
                    Test::Text {
                        field: TextField::Any | TextField::Title,
                        ..
                    }
                )
        })
    }

    /// Whether `article`, whose body text is `body`, passes every term, its states as
    /// `marks` say.
    pub fn matches(&self, article: &Article, body: &str, marks: &Marks) -> bool {
        self.matches_with(article, body, marks, &|_| None)
    }

    /// The same, with the states `own` answers (a bookmark's, in the bookmarks pane)
    /// taken from it rather than from `marks`.
    pub fn matches_with(
        &self,
        article: &Article,
        body: &str,
        marks: &Marks,
        own: &dyn Fn(State) -> Option<bool>,
    ) -> bool {
        self.terms
            .iter()
            .all(|term| term.holds(article, body, marks, own) != term.negated)
    }

    /// The byte ranges in `text` (a title or a body) of what the title and body terms
    /// under no negation match, those of every alternative of an `OR` too: the words
    /// to highlight.
    pub fn highlights(&self, text: &str, in_title: bool) -> Vec<Range<usize>> {
        let words: Vec<(Range<usize>, String)> = folded_words(text).collect();
        let mut ranges = Vec::new();
        let mut positive = Vec::new();
        self.visit(&mut |term, negated| {
            if !negated {
                positive.push(term);
            }
        });
        for term in positive {
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
    fn holds(
        &self,
        article: &Article,
        body: &str,
        marks: &Marks,
        own: &dyn Fn(State) -> Option<bool>,
    ) -> bool {
        match &self.test {
            Test::Date(range) => article.date.is_some_and(|d| range.contains(d)),
            Test::State(state) => {
                own(*state).unwrap_or_else(|| state.holds(&article.location, marks))
            }
            Test::Path(names) => path_has(&article.rel_path, names),
            Test::Any(alternatives) => alternatives
                .iter()
                .any(|query| query.matches_with(article, body, marks, own)),
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

/// `text` in lower case, a character at a time: how `path:` compares names.
pub fn lower(text: &str) -> String {
    text.chars().flat_map(char::to_lowercase).collect()
}

/// True when the `/`-separated `rel_path` has the names `wanted` (in lower case) in a
/// row, the last one the start of a name, compared in lower case as [`lower`] makes it.
pub fn path_has(rel_path: &str, wanted: &[String]) -> bool {
    let Some((last, whole)) = wanted.split_last() else {
        return true;
    };
    let names: Vec<&str> = rel_path.split('/').filter(|n| !n.is_empty()).collect();
    (0..(names.len() + 1).saturating_sub(wanted.len())).any(|i| {
        whole
            .iter()
            .zip(&names[i..])
            .all(|(w, name)| lower_starts(name, w) == Some(true))
            && lower_starts(names[i + whole.len()], last).is_some()
    })
}

/// When `name` in lower case starts with `wanted`, whether that is the whole name.
fn lower_starts(name: &str, wanted: &str) -> Option<bool> {
    let mut lowered = name.chars().flat_map(char::to_lowercase);
    for w in wanted.chars() {
        if lowered.next() != Some(w) {
            return None;
        }
    }
    Some(lowered.next().is_none())
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
            query.matches(&a, "", &marks)
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
        assert_eq!(
            selected("is:bookmarked OR is:unread"),
            ["kept.md", "new.md"]
        );
        assert_eq!(selected("-(is:bookmarked | is:unread)"), ["seen.md"]);
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

    #[test]
    fn or_groups_and_paths() {
        let mut a = article("Oil prices", Some(date(2024, 3, 1)));
        a.rel_path = "Business/2023/05-markets/oil.md".into();
        let body = "Gas was cheaper.";
        for yes in [
            "oil OR coal",
            "coal | gas date:2024",
            "(coal OR wind) OR prices",
            "-(coal date:2024)",
            "-(oil date:2020)",
            "-coal OR coal",
            "path:business",
            "path:BUS",
            "path:2023/05",
            "path:2023/05-markets/oil.md",
            "path:oil.md",
            "path:business/2023 -path:2024",
            "path:2024 OR oil",
        ] {
            assert!(check(yes, &a, body), "{yes}");
        }
        for no in [
            "coal OR wind",
            "oil OR gas date:2020",
            "-(oil date:2024)",
            "-(oil | coal)",
            "path:usiness",
            "path:202/05",
            "path:2023/markets",
            "path:business/05",
            "path:oil.md/x",
            "or",
        ] {
            assert!(!check(no, &a, body), "{no}");
        }
    }

    #[test]
    fn paths_compare_names_in_lower_case() {
        let names = |n: &[&str]| -> Vec<String> { n.iter().map(|s| s.to_string()).collect() };
        assert!(path_has("Ärger/ΣΟΦΊΑ.md", &names(&["ärger", "σοφ"])));
        assert!(path_has("a/b/c", &names(&["b", "c"])));
        assert!(!path_has("a/b/c", &names(&["a", "c"])));
        assert!(!path_has("a", &names(&["a", "b"])));
    }

    #[test]
    fn every_alternative_of_an_or_is_highlighted() {
        let query = parse("(mill | riv) -(old OR x) tea", date(2026, 1, 1)).unwrap();
        let text = "Rivers by the old mill; tea.";
        let shown: Vec<&str> = query
            .highlights(text, false)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(shown, ["Rivers", "mill", "tea"]);
        assert!(query.ranks());
        assert!(
            !parse("-(a OR b) date:2024", date(2026, 1, 1))
                .unwrap()
                .ranks()
        );
        assert!(
            parse("date:2024 OR (is:unread x)", date(2026, 1, 1))
                .unwrap()
                .tests_state()
        );
        assert!(
            parse("date:2024 OR x", date(2026, 1, 1))
                .unwrap()
                .needs_body()
        );
    }
}
