//! A query wrapped so its documents are only ever reached by plain seeks forward.
//!
//! tantivy 0.27's range over a fast field (the date) panics in debug builds, and relies
//! on wrapping arithmetic in release ones, when an exclusion asks it about a document
//! before the one it was last asked about: which happens when a date term is inside a
//! group that is excluded or one of an `OR` (`-(river date:2020)`). [`Steady`] hides the
//! inner scorer's shortcut for intersections (`seek_danger`), so tantivy falls back to
//! `doc` and `seek`, which never go back.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader};

/// The query it holds, reached by plain seeks.
#[derive(Debug)]
pub struct Steady(pub Box<dyn Query>);

impl Clone for Steady {
    fn clone(&self) -> Steady {
        Steady(self.0.box_clone())
    }
}

impl Query for Steady {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(SteadyWeight(self.0.weight(enable_scoring)?)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a tantivy::Term, bool)) {
        self.0.query_terms(visitor);
    }
}

struct SteadyWeight(Box<dyn Weight>);

impl Weight for SteadyWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(SteadyScorer(self.0.scorer(reader, boost)?)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }
}

struct SteadyScorer(Box<dyn Scorer>);

impl DocSet for SteadyScorer {
    fn advance(&mut self) -> DocId {
        self.0.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.0.seek(target)
    }

    fn doc(&self) -> DocId {
        self.0.doc()
    }

    fn size_hint(&self) -> u32 {
        self.0.size_hint()
    }

    fn cost(&self) -> u64 {
        self.0.cost()
    }
}

impl Scorer for SteadyScorer {
    fn score(&mut self) -> Score {
        self.0.score()
    }
}
