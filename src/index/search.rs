//! Searching the index: the articles, or only where they are, that match a [`Query`],
//! with BM25 scores when asked; state terms (`is:`) answered from the caller's [`Marks`].

use std::path::PathBuf;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader, TantivyDocument};

use super::{Index, IndexError, schema, translate};
use crate::marks::Marks;
use crate::query::Query;
use crate::store::{Article, Location};

/// An article that matched a query, with its relevance.
#[derive(Debug, Clone)]
pub struct Hit {
    pub article: Article,
    pub score: f32,
}

impl Index {
    /// Where the articles that match `query` are, with BM25 scores when `scored`: what
    /// the reader needs, which already holds every article's metadata. State terms are
    /// answered by `marks`.
    pub fn search_locations(
        &self,
        query: &Query,
        scored: bool,
        marks: &Marks,
    ) -> Result<Vec<(Location, f32)>, IndexError> {
        self.checked(|| {
            let searcher = self.reader.searcher();
            let tantivy_query = self.translate(query, &searcher, marks);
            let found = searcher.search(tantivy_query.as_ref(), &AllHits { scored })?;
            locations(&searcher, found, &self.roots)
        })
    }

    /// The articles that match `query`, in index order, with BM25 scores when `scored`
    /// (title matches weighing more). State terms are answered by `marks`.
    pub fn search(
        &self,
        query: &Query,
        scored: bool,
        marks: &Marks,
    ) -> Result<Vec<Hit>, IndexError> {
        self.checked(|| self.search_unguarded(query, scored, marks))
    }

    /// `query` for tantivy, on the segments `searcher` reads.
    fn translate(
        &self,
        query: &Query,
        searcher: &tantivy::Searcher,
        marks: &Marks,
    ) -> Box<dyn tantivy::query::Query> {
        let context = translate::Context {
            fields: &self.fields,
            searcher,
            roots: &self.roots,
            marks,
        };
        translate::translate(query, &context)
    }

    fn search_unguarded(
        &self,
        query: &Query,
        scored: bool,
        marks: &Marks,
    ) -> Result<Vec<Hit>, IndexError> {
        let searcher = self.reader.searcher();
        let tantivy_query = self.translate(query, &searcher, marks);
        let found = searcher.search(tantivy_query.as_ref(), &AllHits { scored })?;
        let mut hits = Vec::with_capacity(found.len());
        for (address, score) in found {
            let doc: TantivyDocument = searcher.doc(address)?;
            if let Some(article) = self.fields.to_article(&doc, &self.roots) {
                hits.push(Hit { article, score });
            }
        }
        Ok(hits)
    }
}

/// Where a document's file is, from its key column (no stored document is opened).
fn locations(
    searcher: &tantivy::Searcher,
    found: Vec<(DocAddress, Score)>,
    roots: &[PathBuf],
) -> Result<Vec<(Location, f32)>, IndexError> {
    let damaged = |e: &dyn std::fmt::Display| IndexError::new(format!("the index: {e}"));
    let mut columns = Vec::new();
    for segment in searcher.segment_readers() {
        let keys = segment.fast_fields().bytes("key")?;
        columns.push(keys.ok_or_else(|| damaged(&"no key column"))?);
    }
    let mut key = Vec::new();
    let mut out = Vec::with_capacity(found.len());
    for (address, score) in found {
        let keys = &columns[address.segment_ord as usize];
        let Some(ord) = keys.term_ords(address.doc_id).next() else {
            continue;
        };
        key.clear();
        keys.ord_to_bytes(ord, &mut key).map_err(|e| damaged(&e))?;
        if let Some(path) = schema::path_of(&key, roots) {
            out.push((Location::File(path), score));
        }
    }
    Ok(out)
}

/// Collects every matching document, with its score when asked.
struct AllHits {
    scored: bool,
}

impl Collector for AllHits {
    type Fruit = Vec<(DocAddress, Score)>;
    type Child = SegmentHits;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        _reader: &SegmentReader,
    ) -> tantivy::Result<SegmentHits> {
        Ok(SegmentHits {
            segment,
            hits: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.scored
    }

    fn merge_fruits(&self, fruits: Vec<Vec<(DocAddress, Score)>>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

struct SegmentHits {
    segment: SegmentOrdinal,
    hits: Vec<(DocAddress, Score)>,
}

impl SegmentCollector for SegmentHits {
    type Fruit = Vec<(DocAddress, Score)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.hits.push((DocAddress::new(self.segment, doc), score));
    }

    fn harvest(self) -> Self::Fruit {
        self.hits
    }
}
