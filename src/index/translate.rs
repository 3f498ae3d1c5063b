//! A filter [`Query`] as a tantivy query: each term a clause that must (or, negated,
//! must not) match, only article documents considered.
//!
//! A word is a prefix: its exact form is scored by BM25 and any longer word starting
//! with it matches too (the expansion is never capped, so no match is dropped). Title
//! matches weigh [`TITLE_WEIGHT`] times as much as body matches.

use std::ops::Bound;

use tantivy::Term;
use tantivy::query::{
    BooleanQuery, BoostQuery, Occur, PhrasePrefixQuery, PhraseQuery, Query as Tq, RangeQuery,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};

use super::schema::{ARTICLE, Fields, day_number};
use crate::query::{Query, Term as QueryTerm, Test, TextField};

/// How much more a title match counts than a body match.
pub const TITLE_WEIGHT: f32 = 3.0;

/// The tantivy query for `query`.
pub fn translate(query: &Query, fields: &Fields) -> Box<dyn Tq> {
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
        clauses.push((occur, clause(term, fields)));
    }
    Box::new(BooleanQuery::new(clauses))
}

fn clause(term: &QueryTerm, fields: &Fields) -> Box<dyn Tq> {
    match &term.test {
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
                        words_query(fields.title, words, *prefix),
                        TITLE_WEIGHT,
                    )) as Box<dyn Tq>,
                ),
                (Occur::Should, words_query(fields.body, words, *prefix)),
            ])),
            TextField::Title => words_query(fields.title, words, *prefix),
            TextField::Source => words_query(fields.source, words, *prefix),
            TextField::Author => words_query(fields.author, words, *prefix),
            TextField::Tag => words_query(fields.tags, words, *prefix),
        },
    }
}

/// `words` in a row in `field`, the last one a prefix when `prefix`.
fn words_query(field: Field, words: &[String], prefix: bool) -> Box<dyn Tq> {
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
    let mut longer = PhrasePrefixQuery::new(terms);
    longer.set_max_expansions(u32::MAX);
    Box::new(BooleanQuery::new(vec![
        (Occur::Should, exact),
        (Occur::Should, Box::new(longer)),
    ]))
}
