//! The persistent full-text index (tantivy) in folio's cache folder: one per store, so
//! a second start does not read every file again and a query over 100,000 articles
//! answers in milliseconds.
//!
//! [`Index::open`] opens the store's index, or starts an empty one when there is none,
//! when it was written by another version of folio, or when it is damaged: a broken
//! index is rebuilt, never trusted. [`Index::refresh`] brings it up to date with the
//! folders (see [`refresh`]); [`Index::search`] answers a [`Query`], its state terms
//! (`is:`) checked against the [`Marks`] the caller gives.
//!
//! [`Query`]: crate::query::Query
//! [`Marks`]: crate::marks::Marks

pub mod places;
pub mod refresh;
pub mod schema;
mod search;
pub mod snapshot;
mod steady;
pub mod tokenizer;
pub mod translate;
pub mod update;

use std::cell::Cell;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Once};

use tantivy::{IndexReader, IndexWriter, ReloadPolicy, TantivyDocument};

use crate::store::changed::Update;
use crate::store::{Article, Kinds, Root, Store, newest_first};
pub use refresh::Changes;
use refresh::Stamps;
use schema::IndexFields;
pub use search::Hit;

/// Matches: positions in the article list, ascending, with their scores.
pub type Scored = Vec<(usize, f32)>;

/// Memory the index writer may use before it writes a segment.
const WRITER_MEMORY: usize = 64 * 1024 * 1024;
/// The file that records which version of folio wrote the index.
const VERSION_FILE: &str = "folio-index-version";

/// Why the index cannot be used; folio then reads the store without one.
#[derive(Debug)]
pub struct IndexError {
    pub message: String,
    /// Another folio is updating the index: it is fine, only not ours to change now.
    pub in_use: bool,
}

impl IndexError {
    pub fn new(message: impl Into<String>) -> IndexError {
        IndexError {
            message: message.into(),
            in_use: false,
        }
    }
}

impl std::fmt::Display for IndexError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for IndexError {}

impl From<tantivy::TantivyError> for IndexError {
    fn from(error: tantivy::TantivyError) -> Self {
        IndexError::new(format!("the index: {error}"))
    }
}

/// One store's index.
pub struct Index {
    index: tantivy::Index,
    reader: IndexReader,
    fields: IndexFields,
    /// The store's folders, in key order.
    roots: Vec<PathBuf>,
    cap: u64,
    kinds: Kinds,
    dir: PathBuf,
}

impl Index {
    /// Opens the index of `store`'s folders under `cache`, starting it afresh when it is
    /// missing, of another version or damaged. Fails when the store has no folders (the
    /// sample library needs no index) or the cache folder cannot be written.
    pub fn open(store: &Store, cache: &Path) -> Result<Index, IndexError> {
        let roots: Vec<PathBuf> = store
            .distinct_roots()
            .into_iter()
            .filter_map(|root| match root {
                Root::Folder(path) => Some(path.clone()),
                Root::Sample => None,
            })
            .collect();
        if roots.is_empty() || store.roots.contains(&Root::Sample) {
            return Err(IndexError::new("the store is not only folders"));
        }
        let dir = cache.join("index").join(store_id(&roots));
        let (cap, kinds) = (store.max_article_bytes, &store.kinds);
        let opened = guarded(|| Index::open_dir(&dir, &roots, cap, kinds));
        match opened {
            Ok(index) => Ok(index),
            Err(error) => {
                tracing::info!(%error, dir = %dir.display(), "starting a new index");
                create_dir(&dir)?;
                guarded(|| Index::open_dir(&dir, &roots, cap, kinds))
            }
        }
    }

    /// How many files of the store the index knows that are not articles (empty,
    /// binary, a page with no text…): the count of problems a scan would report.
    pub fn not_articles(&self) -> usize {
        let term = tantivy::Term::from_field_u64(self.fields.kind, schema::NOT_ARTICLE);
        let query = tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::Basic);
        self.reader
            .searcher()
            .search(&query, &tantivy::collector::Count)
            .unwrap_or(0)
    }

    /// Opens the index in `dir` and each of its segments, so a damaged index fails here
    /// (the stamps of every file, read by [`Index::refresh`] later, are not read yet: the
    /// list comes first).
    fn open_dir(
        dir: &Path,
        roots: &[PathBuf],
        cap: u64,
        kinds: &Kinds,
    ) -> Result<Index, IndexError> {
        let index = open_dir(dir)?;
        index
            .tokenizers()
            .register(tokenizer::NAME, tokenizer::Words);
        index
            .tokenizers()
            .register(tokenizer::PATH_NAME, tokenizer::Names);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let (_, fields) = IndexFields::schema();
        let index = Index {
            index,
            reader,
            fields,
            roots: roots.to_vec(),
            cap,
            kinds: kinds.clone(),
            dir: dir.to_path_buf(),
        };
        // Opens every segment: a missing or truncated file fails here.
        index
            .reader
            .searcher()
            .segment_readers()
            .iter()
            .try_for_each(|segment| segment.fast_fields().u64("size").map(drop))?;
        Ok(index)
    }

    /// Runs `work`; when it finds the index damaged (any failure but another folio
    /// holding it), removes the index from the cache so the next [`Index::open`] starts
    /// afresh.
    fn checked<T>(&self, work: impl FnOnce() -> Result<T, IndexError>) -> Result<T, IndexError> {
        let result = guarded(work);
        forget_if_damaged(&self.dir, &result);
        result
    }

    /// Looks at every file of the store and indexes the new and changed ones, calling
    /// `progress(read, to_read)` as it goes. Another folio updating the same index at
    /// the same time makes this fail with [`IndexError::in_use`]; the index is then left
    /// as it was. With `keep`, also answers with what the list needs of the changes.
    pub fn refresh(
        &self,
        keep: bool,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<(Changes, Update), IndexError> {
        self.checked(|| self.refresh_unguarded(keep, progress))
    }

    fn refresh_unguarded(
        &self,
        keep: bool,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<(Changes, Update), IndexError> {
        let started = std::time::Instant::now();
        let Compared {
            changed,
            gone,
            files,
        } = self.compare()?;
        tracing::debug!(
            walk_ms = started.elapsed().as_millis() as u64,
            files,
            changed = changed.len(),
            gone = gone.len(),
            "index checked"
        );
        let changes = Changes {
            read: changed.len(),
            removed: gone.len(),
            files,
        };
        if changed.is_empty() && gone.is_empty() {
            return Ok((changes, Update::default()));
        }
        progress(0, changed.len());
        let mut writer: IndexWriter<TantivyDocument> =
            self.index
                .writer(WRITER_MEMORY)
                .map_err(|error| IndexError {
                    in_use: matches!(error, tantivy::TantivyError::LockFailure(..)),
                    message: format!("cannot update the index: {error}"),
                })?;
        let total = changed.len();
        let update = refresh::apply(
            &writer,
            &self.fields,
            &self.roots,
            &changed,
            &gone,
            self.cap,
            &self.kinds,
            keep,
            &|done| progress(done, total),
        );
        writer.commit()?;
        writer.wait_merging_threads()?;
        self.reader.reload()?;
        progress(total, total);
        Ok((changes, update))
    }

    /// The stamp of every file in the index, by the hash of its key, read from the
    /// columns kept for this (no stored document is opened, no key copied).
    fn stamps(&self) -> Result<Known, IndexError> {
        let damaged = |e: &dyn std::fmt::Display| IndexError::new(format!("the index: {e}"));
        let searcher = self.reader.searcher();
        let count = searcher.num_docs() as usize;
        let mut stamps = Stamps::with_capacity_and_hasher(count, Default::default());
        let mut places = Vec::with_capacity(count);
        for (segment_number, segment) in searcher.segment_readers().iter().enumerate() {
            let columns = segment.fast_fields();
            let keys = columns
                .bytes("key")?
                .ok_or_else(|| damaged(&"no key column"))?;
            let sizes = columns.u64("size")?;
            let mtimes = columns.i64("mtime")?;
            let mut hash_by_ord = Vec::with_capacity(keys.num_terms());
            let mut terms = keys.dictionary().stream().map_err(|e| damaged(&e))?;
            while terms.advance() {
                hash_by_ord.push(refresh::key_hash(terms.key()));
            }
            for doc in segment.doc_ids_alive() {
                let Some(ord) = keys.term_ords(doc).next() else {
                    continue;
                };
                if let (Some(&hash), Some(size), Some(mtime)) = (
                    hash_by_ord.get(ord as usize),
                    sizes.first(doc),
                    mtimes.first(doc),
                ) {
                    stamps.insert(hash, ((size, mtime), places.len() as u32));
                    places.push((segment_number as u32, ord));
                }
            }
        }
        Ok(Known {
            stamps,
            places,
            searcher,
        })
    }

    fn each_document(&self, mut each: impl FnMut(&TantivyDocument)) -> Result<(), IndexError> {
        let searcher = self.reader.searcher();
        for segment in searcher.segment_readers() {
            let store = segment
                .get_store_reader(64)
                .map_err(|e| IndexError::new(format!("the index: {e}")))?;
            for doc in store.iter::<TantivyDocument>(segment.alive_bitset()) {
                each(&doc?);
            }
        }
        Ok(())
    }

    /// Every file of the store compared with what the index knows (sizes and mtimes; no
    /// file is read): the new and changed files, the keys of the files gone, and how
    /// many files were looked at.
    fn compare(&self) -> Result<Compared, IndexError> {
        let known = self.stamps()?;
        let compared = refresh::walk(&self.roots, &self.kinds, &known.stamps);
        Ok(Compared {
            gone: known.keys(&compared.gone)?,
            changed: compared.changed,
            files: compared.files,
        })
    }

    /// Saves `articles` (newest first) as the list of the index's commit now, for the
    /// next start: what a first build keeps of the store's scan.
    pub fn save_list(&self, articles: &[Article]) -> std::io::Result<()> {
        snapshot::write(&self.dir, self.opstamp(), articles)
    }

    /// Every article in the index, newest first.
    pub fn articles(&self) -> Result<Arc<[Article]>, IndexError> {
        self.checked(|| self.articles_unguarded())
    }

    fn articles_unguarded(&self) -> Result<Arc<[Article]>, IndexError> {
        let opstamp = self.index.load_metas()?.opstamp;
        if let Some(articles) = snapshot::read(&self.dir, opstamp) {
            return Ok(articles);
        }
        let mut articles = Vec::new();
        self.each_document(|doc| articles.extend(self.fields.to_article(doc, &self.roots)))?;
        articles.sort_unstable_by(newest_first);
        if let Err(error) = snapshot::write(&self.dir, opstamp, &articles) {
            tracing::info!(%error, "the list could not be saved beside the index");
        }
        Ok(articles.into())
    }
}

/// The store compared with the index: the new and changed files, the keys of the files
/// gone, and how many files were looked at.
struct Compared {
    changed: Vec<refresh::Seen>,
    gone: Vec<Vec<u8>>,
    files: usize,
}

/// What the index knows of its files for a walk to compare with: each file's stamp and
/// number ([`Stamps`]), and where each number's key is, in the segments read.
struct Known {
    stamps: Stamps,
    /// By number: the segment and the key's place in that segment's key column.
    places: Vec<(u32, u64)>,
    searcher: tantivy::Searcher,
}

impl Known {
    /// The keys of the files numbered `numbers`.
    fn keys(&self, numbers: &[u32]) -> Result<Vec<Vec<u8>>, IndexError> {
        let segments = self.searcher.segment_readers();
        let mut keys = Vec::with_capacity(numbers.len());
        for &number in numbers {
            let Some(&(segment, ord)) = self.places.get(number as usize) else {
                continue;
            };
            let column = segments[segment as usize].fast_fields().bytes("key")?;
            let mut key = Vec::new();
            if let Some(column) = column
                && column
                    .ord_to_bytes(ord, &mut key)
                    .map_err(|e| IndexError::new(format!("the index: {e}")))?
            {
                keys.push(key);
            }
        }
        Ok(keys)
    }
}

/// Removes the index in `dir` when `result` says it is damaged (any failure but another
/// folio holding it), so the next [`Index::open`] starts afresh.
fn forget_if_damaged<T>(dir: &Path, result: &Result<T, IndexError>) {
    if let Err(error) = result
        && !error.in_use
    {
        tracing::warn!(%error, dir = %dir.display(), "removing a damaged index");
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// A name for the index of these folders: a hash of their canonical paths.
fn store_id(roots: &[PathBuf]) -> String {
    use std::os::unix::ffi::OsStrExt;
    // FNV-1a: stable across builds and platforms, unlike the standard hasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for root in roots {
        let canonical = root.canonicalize().unwrap_or_else(|_| root.clone());
        for &byte in canonical.as_os_str().as_bytes().iter().chain(&[0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// True on a thread working in the index, where a panic (tantivy's, on damaged files) is
/// caught and answered with an error: panic hooks should then stay quiet.
pub fn panicking_quietly() -> bool {
    QUIET.with(Cell::get)
}

/// Runs `work`, turning a panic inside it into an error.
fn guarded<T>(work: impl FnOnce() -> Result<T, IndexError>) -> Result<T, IndexError> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !panicking_quietly() {
                previous(info);
            }
        }));
    });
    let was = QUIET.replace(true);
    let result = std::panic::catch_unwind(AssertUnwindSafe(work));
    QUIET.set(was);
    result.unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(IndexError::new(format!("the index is damaged: {what}")))
    })
}

/// Opens an index folder written by this version of folio.
fn open_dir(dir: &Path) -> Result<tantivy::Index, IndexError> {
    let version = std::fs::read_to_string(dir.join(VERSION_FILE))
        .map_err(|e| IndexError::new(format!("no version: {e}")))?;
    if version.trim() != schema::VERSION.to_string() {
        return Err(IndexError::new(format!(
            "version {} is not {}",
            version.trim(),
            schema::VERSION
        )));
    }
    let index = tantivy::Index::open_in_dir(dir)?;
    let (schema, _) = IndexFields::schema();
    if index.schema() != schema {
        return Err(IndexError::new("the fields differ"));
    }
    Ok(index)
}

/// Starts an empty index in `dir`, removing whatever was there.
fn create_dir(dir: &Path) -> Result<tantivy::Index, IndexError> {
    let cannot = |e: std::io::Error| {
        IndexError::new(format!("cannot write the index in {}: {e}", dir.display()))
    };
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(cannot)?;
    }
    std::fs::create_dir_all(dir).map_err(cannot)?;
    let (schema, _) = IndexFields::schema();
    let index = tantivy::Index::create_in_dir(dir, schema)?;
    std::fs::write(dir.join(VERSION_FILE), schema::VERSION.to_string()).map_err(cannot)?;
    Ok(index)
}
