//! A filter [`Query`] as a tantivy query: each term a clause that must (or, negated,
//! must not) match, only article documents considered. States (`is:`) are not in the
//! index: their terms add no clause here, and the hits are checked against the user's
//! marks afterwards (see [`super::Index::search`]).
//!
//! A word is a prefix: its exact form is scored by BM25 and any longer word starting
//! with it matches too (the expansion is never capped, so no match is dropped). Title
//! matches weigh [`TITLE_WEIGHT`] times as much as body matches.

use std::ops::Bound;

use tantivy::query::{
    BooleanQuery, BoostQuery, Occur, PhrasePrefixQuery, PhraseQuery, Query as Tq, RangeQuery,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use super::schema::{ARTICLE, IndexFields, day_number};
use crate::query::{Query, Term as QueryTerm, Test, TextField};

/// How much more a title match counts than a body match.
pub const TITLE_WEIGHT: f32 = 3.0;

/// The tantivy query for `query`, on the segments `searcher` reads.
pub fn translate(query: &Query, fields: &IndexFields, searcher: &Searcher) -> Box<dyn Tq> {
    let articles: Box<dyn Tq> = Box::new(TermQuery::new(
        Term::from_field_u64(fields.kind, ARTICLE),
        IndexRecordOption::Basic,
    ));
    let mut clauses = vec![(Occur::Must, articles)];
    for term in &query.terms {
        let occur = if term.negated {
            Occur::MustNot
        } else {
            Occur::Must
        };
        if let Some(clause) = clause(term, fields, searcher) {
            clauses.push((occur, clause));
        }
    }
    Box::new(BooleanQuery::new(clauses))
}

/// The clause for one term; `None` for a state, which the index does not hold.
fn clause(term: &QueryTerm, fields: &IndexFields, searcher: &Searcher) -> Option<Box<dyn Tq>> {
    Some(match &term.test {
        Test::State(_) => return None,
        Test::Date(range) => {
            let bound = |date: Option<jiff::civil::Date>| match date {
                Some(date) => Bound::Included(Term::from_field_i64(fields.date, day_number(date))),
                None => Bound::Unbounded,
            };
            Box::new(RangeQuery::new(bound(range.from), bound(range.to)))
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
                        words_query(fields.title, words, *prefix, searcher),
                        TITLE_WEIGHT,
                    )) as Box<dyn Tq>,
                ),
                (
                    Occur::Should,
                    words_query(fields.body, words, *prefix, searcher),
                ),
            ])),
            TextField::Title => words_query(fields.title, words, *prefix, searcher),
            TextField::Source => words_query(fields.source, words, *prefix, searcher),
            TextField::Author => words_query(fields.author, words, *prefix, searcher),
            TextField::Tag => words_query(fields.tags, words, *prefix, searcher),
        },
    })
}

/// `words` in a row in `field`, the last one a prefix when `prefix`.
fn words_query(field: Field, words: &[String], prefix: bool, searcher: &Searcher) -> Box<dyn Tq> {
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
    longer.set_max_expansions(expansions(searcher, &last));
    Box::new(BooleanQuery::new(vec![
        (Occur::Should, exact),
        (Occur::Should, Box::new(longer)),
    ]))
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
