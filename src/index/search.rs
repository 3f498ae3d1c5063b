//! Searching the index: the articles, or only where they are, that match a [`Query`],
//! with BM25 scores when asked; state terms (`is:`) answered from the caller's [`Marks`].
//! The reader asks for positions in its list ([`Index::search_positions`]): each
//! document's position is looked up in [`Places`], worked out once per list and index.

use std::path::PathBuf;
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::EnableScoring;
use tantivy::{
    DocAddress, DocId, DocSet, Score, SegmentOrdinal, SegmentReader, TERMINATED, TantivyDocument,
};

use super::{Index, IndexError, schema, translate};
use crate::marks::Marks;
use crate::query::Query;
use crate::search::memory::Scored;
use crate::search::places::{ByKey, NOWHERE, Places};
use crate::store::{Article, Location};

/// Documents looked at between checks for a newer query.
const CHECK_EVERY: u32 = 4096;

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

    /// The positions in `list` of the articles that match `query`, ascending, with BM25
    /// scores: what [`Index::search_locations`] finds, put in list order. `places` keeps
    /// where each document is in the list for the next search; `None` when `cancelled`
    /// said to stop before the end.
    pub fn search_positions(
        &self,
        query: &Query,
        marks: &Marks,
        list: &Arc<[Article]>,
        places: &mut Places,
        cancelled: &dyn Fn() -> bool,
    ) -> Result<Option<Scored>, IndexError> {
        self.checked(|| {
            let searcher = self.reader.searcher();
            self.place(&searcher, list, places)?;
            let tantivy_query = self.translate(query, &searcher, marks);
            let weight = tantivy_query.weight(EnableScoring::enabled_from_searcher(&searcher))?;
            let mut found = Vec::new();
            for (segment, positions) in searcher.segment_readers().iter().zip(&places.positions) {
                if cancelled() {
                    return Ok(None);
                }
                let mut scorer = weight.scorer(segment, 1.0)?;
                let alive = segment.alive_bitset();
                let mut doc = scorer.doc();
                let mut until_check = CHECK_EVERY;
                while doc != TERMINATED {
                    let position = positions[doc as usize];
                    if position != NOWHERE && alive.is_none_or(|a| a.is_alive(doc)) {
                        found.push((position, scorer.score()));
                    }
                    until_check -= 1;
                    if until_check == 0 {
                        if cancelled() {
                            return Ok(None);
                        }
                        until_check = CHECK_EVERY;
                    }
                    doc = scorer.advance();
                }
            }
            Ok(Some(in_list_order(found, list.len())))
        })
    }

    /// Works out `places` for `list` and the segments `searcher` reads, unless they are
    /// already.
    fn place(
        &self,
        searcher: &tantivy::Searcher,
        list: &Arc<[Article]>,
        places: &mut Places,
    ) -> Result<(), IndexError> {
        let segments: Vec<_> = searcher
            .segment_readers()
            .iter()
            .map(SegmentReader::segment_id)
            .collect();
        if places.are_for(list, &segments) {
            return Ok(());
        }
        let by_key = ByKey::new(list, &self.roots);
        let mut positions = Vec::with_capacity(segments.len());
        for segment in searcher.segment_readers() {
            let keys = key_column(segment)?;
            // The dictionary in order: the position of each key by its ordinal.
            let mut by_ord = Vec::with_capacity(keys.num_terms());
            let mut stream = keys.dictionary().stream().map_err(damaged)?;
            while stream.advance() {
                by_ord.push(by_key.get(stream.key()).unwrap_or(NOWHERE));
            }
            positions.push(
                (0..segment.max_doc())
                    .map(|doc| {
                        keys.term_ords(doc)
                            .next()
                            .and_then(|ord| by_ord.get(ord as usize).copied())
                            .unwrap_or(NOWHERE)
                    })
                    .collect(),
            );
        }
        *places = Places {
            list: Some(Arc::clone(list)),
            segments,
            positions,
        };
        Ok(())
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
    let mut columns = Vec::new();
    for segment in searcher.segment_readers() {
        columns.push(key_column(segment)?);
    }
    let mut key = Vec::new();
    let mut out = Vec::with_capacity(found.len());
    for (address, score) in found {
        let keys = &columns[address.segment_ord as usize];
        let Some(ord) = keys.term_ords(address.doc_id).next() else {
            continue;
        };
        key.clear();
        keys.ord_to_bytes(ord, &mut key).map_err(damaged)?;
        if let Some(path) = schema::path_of(&key, roots) {
            out.push((Location::File(path), score));
        }
    }
    Ok(out)
}

/// `found` (positions in a list of `len` articles, with scores) in list order.
fn in_list_order(mut found: Vec<(u32, f32)>, len: usize) -> Scored {
    // Many matches: laid out by position, then read in order (no sort).
    if found.len() >= len / 16 {
        let mut scores = vec![None; len];
        for (position, score) in found {
            scores[position as usize] = Some(score);
        }
        return scores
            .into_iter()
            .enumerate()
            .filter_map(|(position, score)| Some((position, score?)))
            .collect();
    }
    found.sort_unstable_by_key(|&(position, _)| position);
    found
        .into_iter()
        .map(|(position, score)| (position as usize, score))
        .collect()
}

/// The key column of `segment`'s documents.
fn key_column(segment: &SegmentReader) -> Result<tantivy::columnar::BytesColumn, IndexError> {
    segment
        .fast_fields()
        .bytes("key")?
        .ok_or_else(|| damaged("no key column"))
}

fn damaged(error: impl std::fmt::Display) -> IndexError {
    IndexError::new(format!("the index: {error}"))
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
