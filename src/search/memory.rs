//! Searching articles held in memory: [`search`] finds the articles a [`Query`] matches,
//! each with a relevance score, reporting as it goes and stopping when asked to. The
//! reader searches this way until its index is up to date.
//!
//! The metadata (title, source, author and tags kept folded in memory; the date and the
//! path) is checked first, with the states (`is:`) the caller's [`Marks`] give: an
//! article it rules out, through an `OR` too, has no body read, one it settles is
//! reported before any body is read, and a query with no title-or-body word never reads
//! a body. Bodies are read once and kept folded (up to
//! [`BODY_CACHE_BYTES`]), and a query that narrows the last one (`river` after `riv`,
//! another term added, an `OR` with an alternative fewer) searches only the last one's
//! matches.
//!
//! The score is BM25-like: for each word or phrase to find in the title or the body, its
//! occurrences (title ones weighing [`TITLE_WEIGHT`]) saturate as `tf·(k1+1)/(tf+k1·norm)`,
//! where `norm` grows with the article's length; the terms' values are summed.

use std::borrow::Cow;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::folded::{Folded, Pattern};
use super::narrowing::narrows;
use crate::marks::Marks;
use crate::query::{DateRange, Query, State, Test, TextField, path_has};
use crate::store::{Article, Store};

/// Folded bodies kept in memory at most; past this, bodies are read again when needed.
pub const BODY_CACHE_BYTES: usize = 512 * 1024 * 1024;
/// Bodies searched between checks for a newer query.
const CHUNK: usize = 2048;
/// How often partial results are reported while bodies are searched.
const REPORT_EVERY: Duration = Duration::from_millis(100);
/// A title occurrence counts as this many body ones.
pub const TITLE_WEIGHT: f32 = 3.0;
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Occurrences counted per term and field, at most.
const MAX_COUNT: usize = 1000;

pub use crate::index::Scored;

/// Finds the articles of `articles` that `query` matches, in list order, with scores,
/// their states as `marks` say. Calls `report` with the matches known from metadata first (`done` false) when bodies
/// must be read, then now and then as they are, and last with every match (`done` true).
/// Returns false, with no final report, when `cancelled` said to stop. `cache` keeps
/// what was read for the next query on the same articles.
pub fn search(
    query: &Query,
    articles: &[Article],
    cache: &mut Haystacks,
    store: &Store,
    marks: &Marks,
    cancelled: &dyn Fn() -> bool,
    report: &mut dyn FnMut(Scored, bool),
) -> bool {
    if query.is_empty() {
        // Every article, with nothing to read: not even the metadata folded (a second's
        // work at a million articles, when the list is new).
        report((0..articles.len()).map(|i| (i, 0.0)).collect(), true);
        return true;
    }
    cache.prepare(articles);
    let plan = Plan::new(query);
    let candidates: Vec<usize> = match &cache.last {
        Some(last) if narrows(query, &last.query) && last.marked_as(marks) => {
            last.matches.iter().map(|m| m.0).collect()
        }
        _ => (0..articles.len()).collect(),
    };
    let meta = &cache.meta;
    // What the metadata says of each candidate: no, yes, or the body must tell.
    let candidates: Vec<(usize, Option<bool>)> = candidates
        .into_par_iter()
        .filter_map(|i| {
            let known = plan.holds(&meta[i], &articles[i], marks, None);
            (known != Some(false)).then_some((i, known))
        })
        .collect();
    let mut matches: Scored = if !plan.reads_body {
        candidates.iter().map(|&(i, _)| (i, 0.0)).collect()
    } else {
        let sure: Scored = candidates
            .par_iter()
            .filter(|c| c.1 == Some(true))
            .map(|&(i, _)| {
                (
                    i,
                    plan.score(&meta[i], None, articles[i].words, cache.average),
                )
            })
            .collect();
        report(sure.clone(), false);
        let mut matches = Vec::new();
        let mut reported = Instant::now();
        for chunk in candidates.chunks(CHUNK) {
            let searched_to = chunk.last().map_or(0, |c| c.0);
            if cancelled() {
                return false;
            }
            let found: Scored = chunk
                .par_iter()
                .filter_map(|&(i, _)| {
                    // An unreadable body counts as empty.
                    let body = cache
                        .body(i, &articles[i], store)
                        .unwrap_or_else(|| Cow::Owned(Folded::default()));
                    let body = body.as_ref();
                    (plan.holds(&meta[i], &articles[i], marks, Some(body)) == Some(true)).then(
                        || {
                            let score =
                                plan.score(&meta[i], Some(body), articles[i].words, cache.average);
                            (i, score)
                        },
                    )
                })
                .collect();
            matches.extend(found);
            if reported.elapsed() >= REPORT_EVERY {
                let mut partial = matches.clone();
                partial.extend(sure.iter().filter(|s| s.0 > searched_to));
                report(partial, false);
                reported = Instant::now();
            }
        }
        matches
    };
    matches.sort_unstable_by_key(|m| m.0);
    cache.last = Some(Last {
        query: query.clone(),
        marks: query.tests_state().then(|| marks.clone()),
        matches: matches.clone(),
    });
    report(matches, true);
    true
}

/// One article's metadata, folded.
pub struct Meta {
    title: Folded,
    source: Folded,
    author: Folded,
    tags: Folded,
}

impl Meta {
    fn new(article: &Article) -> Meta {
        Meta {
            title: Folded::new(&article.title),
            source: Folded::new(article.source.as_deref().unwrap_or("")),
            author: Folded::new(article.author.as_deref().unwrap_or("")),
            tags: Folded::many(article.tags.iter().map(String::as_str)),
        }
    }
}

/// A query split for searching: its terms as checks, each text term's pattern made
/// once, and what to score.
struct Plan {
    checks: Vec<(bool, Check)>,
    /// Whether some check looks at the body.
    reads_body: bool,
    /// Words and phrases under no negation to score, and whether the body counts for them.
    scored: Vec<(Pattern, bool)>,
}

/// A test on an article: on its metadata, or (`Words`) on its title or body.
enum Check {
    Date(DateRange),
    Field(TextField, Pattern),
    State(State),
    Path(Vec<String>),
    /// In the title or the body.
    Words(Pattern),
    /// One of these checks, each negated or not, must all hold.
    Any(Vec<Vec<(bool, Check)>>),
}

impl Plan {
    fn new(query: &Query) -> Plan {
        let mut plan = Plan {
            checks: Vec::new(),
            reads_body: false,
            scored: Vec::new(),
        };
        plan.checks = plan.checks_of(query, false);
        plan
    }

    /// The checks of `query`'s terms; `negated` when it is under a negation.
    fn checks_of(&mut self, query: &Query, negated: bool) -> Vec<(bool, Check)> {
        let mut checks = Vec::with_capacity(query.terms.len());
        for term in &query.terms {
            let under = negated || term.negated;
            let check = match &term.test {
                Test::Date(range) => Check::Date(*range),
                Test::State(state) => Check::State(*state),
                Test::Path(names) => Check::Path(names.clone()),
                Test::Any(alternatives) => Check::Any(
                    alternatives
                        .iter()
                        .map(|alt| self.checks_of(alt, under))
                        .collect(),
                ),
                Test::Text {
                    field,
                    words,
                    prefix,
                } => {
                    let pattern = Pattern::new(words, *prefix);
                    if !under && matches!(field, TextField::Any | TextField::Title) {
                        self.scored
                            .push((pattern.clone(), *field == TextField::Any));
                    }
                    if *field == TextField::Any {
                        self.reads_body = true;
                        Check::Words(pattern)
                    } else {
                        Check::Field(*field, pattern)
                    }
                }
            };
            checks.push((term.negated, check));
        }
        checks
    }

    /// Whether the article passes: `None` when that depends on the body and `body` is
    /// not given (the title alone may settle it).
    fn holds(
        &self,
        meta: &Meta,
        article: &Article,
        marks: &Marks,
        body: Option<&Folded>,
    ) -> Option<bool> {
        all_hold(&self.checks, meta, article, marks, body)
    }

    /// The article's relevance; `body` when it has been read.
    fn score(&self, meta: &Meta, body: Option<&Folded>, words: usize, average: f32) -> f32 {
        let norm = 1.0 - B + B * (words.max(1) as f32 / average.max(1.0));
        self.scored
            .iter()
            .map(|(pattern, in_body)| {
                let title = meta.title.count(pattern, MAX_COUNT) as f32;
                let body = match body {
                    Some(body) if *in_body => body.count(pattern, MAX_COUNT) as f32,
                    _ => 0.0,
                };
                let tf = TITLE_WEIGHT * title + body;
                tf * (K1 + 1.0) / (tf + K1 * norm)
            })
            .sum()
    }
}

/// Whether every check holds (`None`: unknown until the body is read).
fn all_hold(
    checks: &[(bool, Check)],
    meta: &Meta,
    article: &Article,
    marks: &Marks,
    body: Option<&Folded>,
) -> Option<bool> {
    let mut known = true;
    for (negated, check) in checks {
        match check.holds(meta, article, marks, body) {
            Some(holds) if holds == *negated => return Some(false),
            Some(_) => {}
            None => known = false,
        }
    }
    known.then_some(true)
}

impl Check {
    /// Whether the check, not negated, holds (`None`: unknown until the body is read).
    fn holds(
        &self,
        meta: &Meta,
        article: &Article,
        marks: &Marks,
        body: Option<&Folded>,
    ) -> Option<bool> {
        Some(match self {
            Check::Date(range) => article.date.is_some_and(|d| range.contains(d)),
            Check::State(state) => state.holds(&article.location, marks),
            Check::Path(names) => path_has(&article.rel_path, names),
            Check::Field(field, pattern) => match field {
                TextField::Title | TextField::Any => meta.title.has(pattern),
                TextField::Source => meta.source.has(pattern),
                TextField::Author => meta.author.has(pattern),
                TextField::Tag => meta.tags.has(pattern),
            },
            Check::Words(pattern) => meta.title.has(pattern) || body?.has(pattern),
            Check::Any(alternatives) => {
                let mut known = true;
                for alternative in alternatives {
                    match all_hold(alternative, meta, article, marks, body) {
                        Some(true) => return Some(true),
                        Some(false) => {}
                        None => known = false,
                    }
                }
                return known.then_some(false);
            }
        })
    }
}

/// What the backend keeps between queries on one list of articles: folded metadata,
/// folded bodies as they are read, and the last query searched to the end.
#[derive(Default)]
pub struct Haystacks {
    /// The list these are for: its address and length.
    list: (usize, usize),
    meta: Vec<Meta>,
    bodies: Vec<OnceLock<Option<Folded>>>,
    cached: AtomicUsize,
    /// Bodies read from the store so far.
    reads: AtomicUsize,
    /// Words per article, on average (for the score's length norm).
    average: f32,
    last: Option<Last>,
}

/// The last query searched to the end, and what it matched.
struct Last {
    query: Query,
    /// The marks it was answered with, when it tests a state.
    marks: Option<Marks>,
    matches: Scored,
}

impl Last {
    /// True when the last answer holds for `marks` too: it did not look at the marks,
    /// or they are the same.
    fn marked_as(&self, marks: &Marks) -> bool {
        self.marks.as_ref().is_none_or(|last| last == marks)
    }
}

impl Haystacks {
    /// How many bodies have been read from the store.
    pub fn bodies_read(&self) -> usize {
        self.reads.load(Ordering::Relaxed)
    }

    /// Makes ready for `articles`, starting afresh when they are another list.
    fn prepare(&mut self, articles: &[Article]) {
        let list = (articles.as_ptr() as usize, articles.len());
        if list == self.list && self.meta.len() == articles.len() {
            return;
        }
        *self = Haystacks {
            list,
            meta: articles.par_iter().map(Meta::new).collect(),
            bodies: articles.iter().map(|_| OnceLock::new()).collect(),
            cached: AtomicUsize::new(0),
            reads: AtomicUsize::new(0),
            average: articles.iter().map(|a| a.words as f32).sum::<f32>()
                / articles.len().max(1) as f32,
            last: None,
        };
    }

    /// Article `i`'s body, folded: kept from an earlier read while the cache has room.
    fn body(&self, i: usize, article: &Article, store: &Store) -> Option<Cow<'_, Folded>> {
        if let Some(body) = self.bodies[i].get() {
            return body.as_ref().map(Cow::Borrowed);
        }
        self.reads.fetch_add(1, Ordering::Relaxed);
        let body = store
            .load(article)
            .ok()
            .map(|doc| Folded::new(&doc.body.text()));
        let size = body.as_ref().map_or(0, Folded::len);
        if self.cached.fetch_add(size, Ordering::Relaxed) + size > BODY_CACHE_BYTES {
            self.cached.fetch_sub(size, Ordering::Relaxed);
            return body.map(Cow::Owned);
        }
        self.bodies[i]
            .get_or_init(|| body)
            .as_ref()
            .map(Cow::Borrowed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::parse;
    use jiff::civil::date;

    fn q(text: &str) -> Query {
        parse(text, date(2026, 1, 1)).unwrap()
    }

    #[test]
    fn an_answer_that_tested_states_is_not_narrowed_once_the_marks_change() {
        let store = Store::sample();
        let articles = store.scan().articles;
        assert!(articles.len() > 2);
        let mut cache = Haystacks::default();
        let mut answer = |query: &str, marks: &Marks| {
            let mut found = Vec::new();
            search(
                &q(query),
                &articles,
                &mut cache,
                &store,
                marks,
                &|| false,
                &mut |matches, done| {
                    if done {
                        found = matches.into_iter().map(|m| m.0).collect();
                    }
                },
            );
            found
        };
        let mut first_read = Marks::default();
        first_read.read.insert(articles[0].location.clone());
        let every: Vec<usize> = (0..articles.len()).collect();
        assert_eq!(answer("is:unread", &first_read), every[1..]);
        assert_eq!(answer("is:unread", &Marks::default()), every);
        assert_eq!(answer("-is:unread", &first_read), [0]);
        assert_eq!(answer("-is:unread -is:bookmarked", &first_read), [0]);
        assert_eq!(
            answer("-is:unread -is:bookmarked", &Marks::default()),
            Vec::<usize>::new()
        );
    }
}
