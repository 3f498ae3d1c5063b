//! Searching the index: the articles, or only where they are, that match a [`Query`],
//! with BM25 scores when asked; state terms (`is:`) answered from the caller's [`Marks`].
//! The reader asks for positions in its list ([`Index::search_positions`]): each
//! document's position is looked up in [`Places`], worked out once per list and index.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::hash::BuildHasher;
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::EnableScoring;
use tantivy::schema::IndexRecordOption;
use tantivy::{
    BitSet, DocAddress, DocId, DocSet, Score, SegmentOrdinal, SegmentReader, TERMINATED,
    TantivyDocument, Term,
};

use super::Scored;
use super::places::{self, ByKey, NOWHERE, Places, Ranked};
use super::translate::Initials;
use super::{Index, IndexError, schema, translate};
use crate::marks::Marks;
use crate::query::Query;
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
            let tantivy_query = self.translate(query, &searcher, marks, false, None);
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
            // Documents that are not articles are in no list: left out by their places.
            let initials = places
                .initials
                .as_ref()
                .filter(|i| i.segments == places.segments);
            let tantivy_query = self.translate(query, &searcher, marks, true, initials);
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
        if places.ranked_for(&segments).is_none() {
            places.ranked = self.ranked(searcher)?;
        }
        if let Some(placed) = places
            .ranked_for(&segments)
            .and_then(|ranked| ranked.places_of(list))
        {
            let ranked = places.ranked.take();
            let initials = places.initials.take();
            *places = Places {
                ranked,
                initials,
                ..placed
            };
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
            ranked: places.ranked.take(),
            initials: places.initials.take(),
        };
        Ok(())
    }

    /// Works out the index's own order in `places` (see [`Ranked`]), and the documents
    /// of each common first letter ([`Initials`]), unless they are already, so the first
    /// search for a list read from the index need not, nor any one-letter word: for a
    /// search thread with nothing else to do.
    pub fn prepare_places(&self, places: &mut Places) -> Result<(), IndexError> {
        self.prepare_places_keeping(places, Initials::MANY)
    }

    /// The segments searched now: they change when the index does.
    pub fn segments(&self) -> Vec<tantivy::index::SegmentId> {
        let searcher = self.reader.searcher();
        let readers = searcher.segment_readers();
        readers.iter().map(SegmentReader::segment_id).collect()
    }

    /// [`Index::prepare_places`], keeping the documents of the letters that start at
    /// least `many` words in a segment (1: every letter, as tests want).
    pub fn prepare_places_keeping(
        &self,
        places: &mut Places,
        many: usize,
    ) -> Result<(), IndexError> {
        self.checked(|| {
            let searcher = self.reader.searcher();
            let segments: Vec<_> = searcher
                .segment_readers()
                .iter()
                .map(SegmentReader::segment_id)
                .collect();
            if places.ranked_for(&segments).is_none() {
                places.ranked = self.ranked(&searcher)?;
            }
            if places
                .initials
                .as_ref()
                .is_none_or(|i| i.segments != segments)
            {
                places.initials = Some(Arc::new(self.initials(&searcher, many)?));
            }
            Ok(())
        })
    }

    /// The documents with a word starting with each letter that starts at least `many`
    /// words of a segment, in the title and the body (see [`Initials`]).
    fn initials(&self, searcher: &tantivy::Searcher, many: usize) -> Result<Initials, IndexError> {
        let readers = searcher.segment_readers();
        let mut initials = Initials {
            segments: readers.iter().map(SegmentReader::segment_id).collect(),
            sets: Default::default(),
        };
        for field in [self.fields.title, self.fields.body] {
            for (s, segment) in readers.iter().enumerate() {
                let index = segment.inverted_index(field)?;
                let mut stream = index.terms().stream().map_err(damaged)?;
                // The words are in order: those starting with one letter come together.
                let mut group: Option<(char, Vec<tantivy::postings::TermInfo>)> = None;
                let mut done = |group: Option<(char, Vec<_>)>| -> Result<(), IndexError> {
                    let Some((letter, infos)) = group.filter(|g| g.1.len() >= many) else {
                        return Ok(());
                    };
                    let mut set = BitSet::with_max_value(segment.max_doc());
                    for info in &infos {
                        let mut postings = index
                            .read_block_postings_from_terminfo(info, IndexRecordOption::Basic)
                            .map_err(damaged)?;
                        while !postings.docs().is_empty() {
                            for &doc in postings.docs() {
                                set.insert(doc);
                            }
                            postings.advance();
                        }
                    }
                    let sets = initials.sets.entry((field, letter)).or_default();
                    sets.resize(readers.len(), None);
                    sets[s] = Some(set);
                    Ok(())
                };
                while stream.advance() {
                    let letter = std::str::from_utf8(stream.key())
                        .ok()
                        .and_then(|w| w.chars().next());
                    let Some(letter) = letter else {
                        continue;
                    };
                    match &mut group {
                        Some((current, infos)) if *current == letter => {
                            infos.push(stream.value().clone())
                        }
                        _ => done(group.replace((letter, vec![stream.value().clone()])))?,
                    }
                }
                done(group)?;
            }
        }
        Ok(initials)
    }

    /// The index's articles newest first, then by key (which, for one folder, is the
    /// path under it, as the list orders them): `None` when a key names no folder.
    fn ranked(&self, searcher: &tantivy::Searcher) -> Result<Option<Ranked>, IndexError> {
        let readers = searcher.segment_readers();
        let columns = readers
            .iter()
            .map(key_column)
            .collect::<Result<Vec<_>, _>>()?;
        let hasher = std::hash::RandomState::new();
        // Every segment's keys merged in order: each key's rank among all, and the hash
        // of the path it names.
        let mut key_ranks: Vec<Vec<u32>> = vec![Vec::new(); columns.len()];
        let mut key_paths: Vec<u64> = Vec::new();
        let mut streams = Vec::with_capacity(columns.len());
        let mut heads = BinaryHeap::new();
        for (s, column) in columns.iter().enumerate() {
            let mut stream = column.dictionary().stream().map_err(damaged)?;
            if stream.advance() {
                heads.push(Reverse((stream.key().to_vec(), s)));
            }
            streams.push(stream);
        }
        let mut last: Option<Vec<u8>> = None;
        let mut path = Vec::new();
        while let Some(Reverse((key, s))) = heads.pop() {
            if last.as_ref() != Some(&key) {
                let Some((root, rel)) = key.split_at_checked(4) else {
                    return Ok(None);
                };
                let root = u32::from_be_bytes(root.try_into().expect("four bytes")) as usize;
                let Some(folder) = self.roots.get(root) else {
                    return Ok(None);
                };
                places::join_into(&mut path, folder.as_os_str().as_bytes(), rel);
                key_paths.push(hasher.hash_one(&path[..]));
                last = Some(key);
            }
            key_ranks[s].push(key_paths.len() as u32 - 1);
            if streams[s].advance() {
                heads.push(Reverse((streams[s].key().to_vec(), s)));
            }
        }
        // Every live article: newest first (undated last), then by key.
        let mut order: Vec<(u64, u32, u32)> = Vec::new();
        for (s, segment) in readers.iter().enumerate() {
            let dates = segment.fast_fields().i64("date")?;
            let kind = Term::from_field_u64(self.fields.kind, schema::ARTICLE);
            let Some(mut articles) = segment
                .inverted_index(self.fields.kind)?
                .read_postings(&kind, IndexRecordOption::Basic)
                .map_err(damaged)?
            else {
                continue;
            };
            let alive = segment.alive_bitset();
            let mut doc = articles.doc();
            while doc != TERMINATED {
                if alive.is_none_or(|a| a.is_alive(doc))
                    && let Some(ord) = columns[s].term_ords(doc).next()
                {
                    let newest_first = match dates.first(doc) {
                        Some(day) => (i64::from(i32::MAX) - day).clamp(0, i64::from(u32::MAX - 1)),
                        None => i64::from(u32::MAX),
                    } as u64;
                    let key = u64::from(key_ranks[s][ord as usize]);
                    order.push((newest_first << 32 | key, s as u32, doc));
                }
                doc = articles.advance();
            }
        }
        order.sort_unstable_by_key(|o| o.0);
        let mut ranks: Vec<Vec<u32>> = readers
            .iter()
            .map(|r| vec![NOWHERE; r.max_doc() as usize])
            .collect();
        let mut paths = Vec::with_capacity(order.len());
        for (rank, &(sort, s, doc)) in order.iter().enumerate() {
            ranks[s as usize][doc as usize] = rank as u32;
            paths.push(key_paths[(sort & u64::from(u32::MAX)) as usize]);
        }
        Ok(Some(Ranked {
            segments: readers.iter().map(SegmentReader::segment_id).collect(),
            ranks,
            paths,
            hasher,
        }))
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

    /// `query` for tantivy, on the segments `searcher` reads; with `any_document`,
    /// documents of files that are not articles may match too.
    fn translate(
        &self,
        query: &Query,
        searcher: &tantivy::Searcher,
        marks: &Marks,
        any_document: bool,
        initials: Option<&Arc<Initials>>,
    ) -> Box<dyn tantivy::query::Query> {
        let context = translate::Context {
            fields: &self.fields,
            searcher,
            roots: &self.roots,
            marks,
            any_document,
            initials,
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
        let tantivy_query = self.translate(query, &searcher, marks, false, None);
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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::store::{Root, Store};

    /// The index's own order, worked out from the index alone, is the order of the list
    /// read from the index and of the list a scan of the store gives: such a list is
    /// placed by checking it, not by looking up each article.
    #[test]
    fn the_index_ranks_its_articles_as_the_list_orders_them() {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store/library");
        let store = Store::new(vec![Root::Folder(fixtures)]);
        let cache = tempfile::tempdir().expect("cache");
        let index = Index::open(&store, cache.path()).expect("open the index");
        index.refresh(false, &|_, _| {}).expect("build the index");
        let mut places = Places::default();
        index.prepare_places(&mut places).expect("prepare");
        let ranked = places.ranked.as_ref().expect("ranked");
        let from_index: Arc<[Article]> = index.articles().expect("the list");
        let scanned: Arc<[Article]> = store.scan().articles.into();
        assert!(from_index.len() > 20);
        for list in [&from_index, &scanned] {
            let placed = ranked.places_of(list).expect("the same order");
            let mut positions: Vec<u32> = placed.positions.concat();
            positions.retain(|&p| p != NOWHERE);
            positions.sort_unstable();
            assert_eq!(positions, (0..list.len() as u32).collect::<Vec<_>>());
        }
        let mut reversed = from_index.to_vec();
        reversed.reverse();
        assert!(ranked.places_of(&reversed.into()).is_none());
        assert!(ranked.places_of(&from_index[1..].to_vec().into()).is_none());
    }
}
