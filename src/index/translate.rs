//! A filter [`Query`] as a tantivy query: each term a clause that must (or, negated,
//! must not) match, an `OR` or a group a clause of its alternatives of which one should
//! match, only article documents considered (unless the caller leaves the others out
//! itself), which adds nothing to the score. States (`is:`) are not in the index: a
//! state term is the set of keys of the articles the user's marks name.
//!
//! A word is a prefix: its exact form is scored by BM25 and any longer word starting
//! with it matches too (the expansion is never capped, so no match is dropped). Title
//! matches weigh [`TITLE_WEIGHT`] times as much as body matches. `path:` is the path's
//! names in a row, the last one a prefix. A one-letter word in the title or the body
//! takes the documents with a word starting with that letter from [`Initials`], when the
//! caller has them, instead of reading the postings of thousands of words each time.

use std::collections::{HashMap, HashSet};
use std::ops::Bound;
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;
use std::sync::Arc;

use tantivy::query::{
    AllQuery, BitSetDocSet, BooleanQuery, BoostQuery, ConstScoreQuery, ConstScorer, EnableScoring,
    Explanation, Occur, PhrasePrefixQuery, PhraseQuery, Query as Tq, RangeQuery, Scorer, TermQuery,
    TermSetQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{BitSet, DocId, Score, Searcher, SegmentReader, Term};

use super::schema::{ARTICLE, IndexFields, day_number, key};
use super::steady::Steady;
use crate::marks::Marks;
use crate::query::{Query, State, Term as QueryTerm, Test, TextField};
use crate::store::Location;

/// How much more a title match counts than a body match.
pub const TITLE_WEIGHT: f32 = 3.0;

/// What a query is translated with: the index's fields and segments, the store's roots
/// (in key order) and the user's marks, for state terms.
pub struct Context<'a> {
    pub fields: &'a IndexFields,
    pub searcher: &'a Searcher,
    pub roots: &'a [PathBuf],
    pub marks: &'a Marks,
    /// Documents of files that are not articles may match too: the caller leaves them
    /// out itself (a clause less for every document to pass).
    pub any_document: bool,
    /// The documents with a word starting with each common letter, when worked out for
    /// the segments `searcher` reads.
    pub initials: Option<&'a Arc<Initials>>,
}

/// For the title and the body, each segment's documents with a word starting with a
/// letter, for each letter that starts many words (see [`Initials::MANY`]); worked out
/// once per set of segments.
#[derive(Debug, Default)]
pub struct Initials {
    pub segments: Vec<tantivy::index::SegmentId>,
    /// By field and letter, each segment's documents (in the searcher's order).
    pub sets: HashMap<(Field, char), Vec<Option<BitSet>>>,
}

impl Initials {
    /// Words a letter must start in a segment for its documents to be kept.
    pub const MANY: usize = 256;
}

/// The tantivy query for `query`.
pub fn translate(query: &Query, context: &Context) -> Box<dyn Tq> {
    let mut clauses = vec![(Occur::Must, articles(context))];
    clauses.extend(clauses_of(query, context, false));
    Box::new(BooleanQuery::new(clauses))
}

/// Every article document (documents of files that are not articles left out, unless
/// the caller does), adding nothing to the score.
fn articles(context: &Context) -> Box<dyn Tq> {
    let every: Box<dyn Tq> = match context.any_document {
        true => Box::new(AllQuery),
        false => Box::new(TermQuery::new(
            Term::from_field_u64(context.fields.kind, ARTICLE),
            IndexRecordOption::Basic,
        )),
    };
    Box::new(ConstScoreQuery::new(every, 0.0))
}

/// A clause for each of `query`'s terms; `grouped` when `query` is an alternative of
/// an `OR` or a group.
fn clauses_of(query: &Query, context: &Context, grouped: bool) -> Vec<(Occur, Box<dyn Tq>)> {
    query
        .terms
        .iter()
        .map(|term| {
            let occur = if term.negated {
                Occur::MustNot
            } else {
                Occur::Must
            };
            (occur, clause(term, context, grouped))
        })
        .collect()
}

/// The clause for one term; `grouped` when it is inside an `OR` or a group.
fn clause(term: &QueryTerm, context: &Context, grouped: bool) -> Box<dyn Tq> {
    let Context {
        fields,
        searcher,
        initials,
        ..
    } = context;
    let initials = *initials;
    match &term.test {
        Test::State(state) => state_query(*state, context),
        Test::Path(names) => Box::new(ConstScoreQuery::new(
            words_query(fields.rel_path, names, true, searcher, None),
            0.0,
        )),
        Test::Any(alternatives) => Box::new(BooleanQuery::new(
            alternatives
                .iter()
                .map(|alternative| {
                    let mut clauses = clauses_of(alternative, context, true);
                    // Clauses that only exclude match nothing on their own.
                    if !clauses.iter().any(|(occur, _)| *occur == Occur::Must) {
                        clauses.push((Occur::Must, articles(context)));
                    }
                    let alternative: Box<dyn Tq> = match <[_; 1]>::try_from(clauses) {
                        Ok([(Occur::Must, one)]) => one,
                        Ok([other]) => Box::new(BooleanQuery::new(vec![other])),
                        Err(clauses) => Box::new(BooleanQuery::new(clauses)),
                    };
                    (Occur::Should, alternative)
                })
                .collect(),
        )),
        Test::Date(range) => {
            let bound = |date: Option<jiff::civil::Date>| match date {
                Some(date) => Bound::Included(Term::from_field_i64(fields.date, day_number(date))),
                None => Bound::Unbounded,
            };
            let range = Box::new(RangeQuery::new(bound(range.from), bound(range.to)));
            match grouped {
                true => Box::new(Steady(range)),
                false => range,
            }
        }
        Test::Text {
            field,
            words,
            prefix,
        } => match field {
            TextField::Any => Box::new(BooleanQuery::new(vec![
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(
                        words_query(fields.title, words, *prefix, searcher, initials),
                        TITLE_WEIGHT,
                    )) as Box<dyn Tq>,
                ),
                (
                    Occur::Should,
                    words_query(fields.body, words, *prefix, searcher, initials),
                ),
            ])),
            TextField::Title => words_query(fields.title, words, *prefix, searcher, initials),
            TextField::Source => words_query(fields.source, words, *prefix, searcher, None),
            TextField::Author => words_query(fields.author, words, *prefix, searcher, None),
            TextField::Tag => words_query(fields.tags, words, *prefix, searcher, None),
        },
    }
}

/// The articles in `state`: those whose keys the marks name (for unread, every article
/// but the read ones).
fn state_query(state: State, context: &Context) -> Box<dyn Tq> {
    let marks = context.marks;
    let named = |locations: &HashSet<Location>| -> Box<dyn Tq> {
        let mut keys = Vec::new();
        for location in locations {
            let Location::File(path) = location else {
                continue;
            };
            for (root, folder) in context.roots.iter().enumerate() {
                if let Ok(rel) = path.strip_prefix(folder) {
                    keys.push(Term::from_field_bytes(
                        context.fields.key,
                        &key(root, rel.as_os_str().as_bytes()),
                    ));
                }
            }
        }
        Box::new(ConstScoreQuery::new(Box::new(TermSetQuery::new(keys)), 0.0))
    };
    match state {
        State::Bookmarked => named(&marks.bookmarked),
        // A bookmark's states: no article is in them.
        State::Changed | State::Missing => named(&HashSet::new()),
        State::Unread => Box::new(ConstScoreQuery::new(
            Box::new(BooleanQuery::new(vec![
                (Occur::Must, articles(context)),
                (Occur::MustNot, named(&marks.read)),
            ])),
            0.0,
        )),
    }
}

/// `words` in a row in `field`, the last one a prefix when `prefix` (a one-letter word
/// answered from `initials` when they have its letter).
fn words_query(
    field: Field,
    words: &[String],
    prefix: bool,
    searcher: &Searcher,
    initials: Option<&Arc<Initials>>,
) -> Box<dyn Tq> {
    let terms: Vec<Term> = words
        .iter()
        .map(|w| Term::from_field_text(field, w))
        .collect();
    let exact: Box<dyn Tq> = match terms.as_slice() {
        [one] => Box::new(TermQuery::new(one.clone(), IndexRecordOption::WithFreqs)),
        _ => Box::new(PhraseQuery::new(terms.clone())),
    };
    if !prefix {
        return exact;
    }
    let last = terms.last().expect("a term has words").clone();
    let mut longer = PhrasePrefixQuery::new(terms);
    // A lone word is a range of the dictionary, which sets nothing aside per word.
    longer.set_max_expansions(match words {
        [_] => u32::MAX,
        _ => expansions(searcher, &last),
    });
    let mut letters = words[0].chars();
    if let ([_], Some(letter), None, Some(initials)) =
        (words, letters.next(), letters.next(), initials)
        && initials.sets.contains_key(&(field, letter))
    {
        let initial = Initial {
            initials: Arc::clone(initials),
            field,
            letter,
            otherwise: longer,
        };
        return Box::new(BooleanQuery::new(vec![
            (Occur::Should, exact),
            (Occur::Should, Box::new(initial)),
        ]));
    }
    Box::new(BooleanQuery::new(vec![
        (Occur::Should, exact),
        (Occur::Should, Box::new(longer)),
    ]))
}

/// The documents with a word in `field` starting with `letter`, each scoring its boost,
/// as the prefix query `otherwise` (for a segment the initials do not have) finds them.
#[derive(Debug, Clone)]
struct Initial {
    initials: Arc<Initials>,
    field: Field,
    letter: char,
    otherwise: PhrasePrefixQuery,
}

impl Tq for Initial {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(InitialWeight {
            initial: self.clone(),
            otherwise: self.otherwise.weight(enable_scoring)?,
        }))
    }
}

struct InitialWeight {
    initial: Initial,
    otherwise: Box<dyn Weight>,
}

impl Weight for InitialWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let Initial {
            initials,
            field,
            letter,
            ..
        } = &self.initial;
        let segment = initials
            .segments
            .iter()
            .position(|s| *s == reader.segment_id());
        let kept = segment.and_then(|s| initials.sets.get(&(*field, *letter))?.get(s)?.as_ref());
        match kept {
            Some(set) => Ok(Box::new(ConstScorer::new(
                BitSetDocSet::from(set.clone()),
                boost,
            ))),
            None => self.otherwise.scorer(reader, boost),
        }
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.otherwise.explain(reader, doc)
    }
}

/// How many words in any one segment start with `prefix`'s text: as many expansions as
/// the prefix can have, so none is dropped (tantivy sets room aside for each, so the
/// limit must not be larger than needed).
fn expansions(searcher: &Searcher, prefix: &Term) -> u32 {
    let bytes = prefix.serialized_value_bytes();
    let mut end = bytes.to_vec();
    // The first key past every key starting with `bytes`.
    while let Some(last) = end.pop() {
        if last < u8::MAX {
            end.push(last + 1);
            break;
        }
    }
    let mut most = 0u32;
    for segment in searcher.segment_readers() {
        let Ok(index) = segment.inverted_index(prefix.field()) else {
            return u32::MAX;
        };
        let mut range = index.terms().range().ge(bytes);
        if !end.is_empty() {
            range = range.lt(&end);
        }
        let Ok(mut stream) = range.into_stream() else {
            return u32::MAX;
        };
        let mut count = 0u32;
        while stream.advance() {
            count += 1;
        }
        most = most.max(count);
    }
    most.max(1)
}
