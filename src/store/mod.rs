//! The article store: one or more folders of article files (or the bundled sample
//! library), scanned into a list of [`Article`]s, and single articles loaded in full.

pub mod article;
pub mod changed;
pub mod date;
pub mod decode;
pub mod fields;
pub mod html;
pub mod kinds;
pub mod parse;
pub mod problem;
pub mod read;
pub mod sample;
pub mod scan;
mod tasks;
pub mod walk;
pub mod watch;

use std::cmp::Reverse;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

pub use article::{Article, Body, DateFrom, Document, Format, Location, PARAGRAPH_GAP};
pub use problem::{Problem, Reason};

pub use kinds::Kinds;
use read::{FileBytes, article_from_bytes, escape_path, read_file};
pub use scan::Keep;
use scan::{Gathered, scan_folder};

/// Articles larger than this are refused unless the limit is raised.
pub const DEFAULT_MAX_ARTICLE_BYTES: u64 = 16 * 1024 * 1024;

/// Where articles come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Root {
    Folder(PathBuf),
    /// The sample library built into folio.
    Sample,
}

/// A store: its roots and the size cap for one article.
#[derive(Debug, Clone)]
pub struct Store {
    pub roots: Vec<Root>,
    pub max_article_bytes: u64,
    /// Which file endings are articles.
    pub kinds: Kinds,
}

/// The outcome of a scan: articles newest first, and the files that are not articles.
#[derive(Debug, Default)]
pub struct Scan {
    pub articles: Vec<Article>,
    pub problems: Vec<Problem>,
}

impl Store {
    pub fn new(roots: Vec<Root>) -> Self {
        Store {
            roots,
            max_article_bytes: DEFAULT_MAX_ARTICLE_BYTES,
            kinds: Kinds::default(),
        }
    }

    /// The bundled sample library.
    pub fn sample() -> Self {
        Store::new(vec![Root::Sample])
    }

    /// A short description for the status bar and messages: the folders, or "sample library".
    pub fn describe(&self) -> String {
        let names: Vec<String> = self
            .roots
            .iter()
            .map(|root| match root {
                Root::Folder(path) => escape_path(path),
                Root::Sample => "sample library".to_owned(),
            })
            .collect();
        names.join(", ")
    }

    /// Reads every article in the store. Never stops at a bad file: it becomes a problem.
    pub fn scan(&self) -> Scan {
        self.walk_with_progress(&|article| article, &mut |_| {})
            .into_scan()
    }

    /// [`Store::scan`] as one shared list (see [`Walked::into_shared`]), and the files
    /// that are not articles, calling `progress` with the number of articles found so
    /// far about ten times a second while the walk goes on.
    pub fn scan_shared(&self, progress: &mut dyn FnMut(usize)) -> (Arc<[Article]>, Vec<Problem>) {
        self.walk_with_progress(&|article| article, progress)
            .into_shared()
    }

    /// Reads every article in the store, keeping of each what `keep` makes of it (on
    /// the walk's threads, as each is read), where the walk put it: for a caller that
    /// only goes through them in order, with [`Walked::newest_first`].
    pub fn walk<T: Send>(&self, keep: Keep<'_, T>) -> Walked<T> {
        self.walk_with_progress(keep, &mut |_| {})
    }

    fn walk_with_progress<T: Send>(
        &self,
        keep: Keep<'_, T>,
        progress: &mut dyn FnMut(usize),
    ) -> Walked<T> {
        const PROGRESS_EVERY: Duration = Duration::from_millis(100);
        let (sender, receiver) = mpsc::channel();
        let mut batches: Vec<Vec<Option<T>>> = Vec::new();
        let mut found_so_far = 0;
        let mut problems = Vec::new();
        std::thread::scope(|scope| {
            scope.spawn(move || {
                for root in self.distinct_roots() {
                    match root {
                        Root::Folder(path) => {
                            scan_folder(path, self.max_article_bytes, &self.kinds, &sender, keep)
                        }
                        Root::Sample => scan_sample(&sender, keep),
                    }
                }
            });
            let mut reported = Instant::now();
            loop {
                match receiver.recv_timeout(PROGRESS_EVERY) {
                    Ok(found) => {
                        found_so_far += found.articles.len();
                        batches.push(found.articles);
                        problems.extend(found.problems);
                    }
                    Err(RecvTimeoutError::Timeout) => {}
                    Err(RecvTimeoutError::Disconnected) => break,
                }
                if reported.elapsed() >= PROGRESS_EVERY {
                    progress(found_so_far);
                    reported = Instant::now();
                }
            }
        });
        problems.sort_by(|a: &Problem, b| a.path.cmp(&b.path));
        Walked { batches, problems }
    }

    /// The roots, less any that another root already covers (`A` and `./A`, or `A` and
    /// `A/sub`), so no article is read twice.
    pub fn distinct_roots(&self) -> Vec<&Root> {
        let canonical: Vec<Option<PathBuf>> = self
            .roots
            .iter()
            .map(|root| match root {
                Root::Folder(path) => path.canonicalize().ok(),
                Root::Sample => None,
            })
            .collect();
        let covered = |i: usize| {
            let Some(mine) = &canonical[i] else {
                return false;
            };
            canonical.iter().enumerate().any(|(j, other)| {
                other.as_ref().is_some_and(|other| {
                    j != i && mine.starts_with(other) && (mine != other || j < i)
                })
            })
        };
        let mut seen_sample = false;
        self.roots
            .iter()
            .enumerate()
            .filter(|&(i, root)| match root {
                Root::Sample => !std::mem::replace(&mut seen_sample, true),
                Root::Folder(_) => !covered(i),
            })
            .map(|(_, root)| root)
            .collect()
    }

    /// The files of the store's folders that are not read for their ending, by path.
    pub fn skipped(&self) -> Vec<PathBuf> {
        let mut skipped = Vec::new();
        for root in self.distinct_roots() {
            if let Root::Folder(path) = root {
                skipped.extend(walk::skipped(path, &self.kinds));
            }
        }
        skipped
    }

    /// Reads one article in full, body included, from where the scan found it.
    pub fn load(&self, article: &Article) -> Result<Document, Problem> {
        let (location, rel_path) = (&article.location, article.rel_path.as_str());
        let problem = |reason| Problem {
            path: location.display(),
            reason,
        };
        let mut buffer = Vec::new();
        let contents = match location {
            Location::File(path) => {
                read_file(path, self.max_article_bytes, &mut buffer).map_err(problem)?
            }
            Location::Sample(name) => sample_contents(name)
                .ok_or_else(|| problem(Reason::Unreadable("not in the sample library".into())))?,
        };
        let format = self.kinds.format_for(rel_path).unwrap_or_default();
        let (article, body) = article_from_bytes(
            &contents,
            location.clone(),
            rel_path.to_owned(),
            format,
            true,
        )
        .map_err(problem)?;
        Ok(Document {
            article,
            body: body.unwrap_or(Body::Paragraphs(Vec::new())),
        })
    }
}

/// Newest first; undated articles last; ties by path so the order is stable.
pub fn newest_first(a: &Article, b: &Article) -> std::cmp::Ordering {
    (Reverse(a.date.is_some()), Reverse(a.date), &a.rel_path).cmp(&(
        Reverse(b.date.is_some()),
        Reverse(b.date),
        &b.rel_path,
    ))
}

/// A number that orders dates as [`newest_first`] does: newest lowest, undated last.
fn date_rank(date: Option<jiff::civil::Date>) -> u32 {
    // Years run from -9999 to 9999, so the packed date stays below 2^24.
    let packed = |d: jiff::civil::Date| {
        let year = u32::try_from(i32::from(d.year()) + 10_000).unwrap_or(0);
        year << 9 | u32::from(d.month().unsigned_abs()) << 5 | u32::from(d.day().unsigned_abs())
    };
    date.map_or(u32::MAX, |d| (1 << 24) - packed(d))
}

/// What a walk can put in [`newest_first`] order: anything that knows its article's
/// date and path.
pub trait Dated {
    fn date(&self) -> Option<jiff::civil::Date>;
    fn rel_path(&self) -> &str;
}

impl Dated for Article {
    fn date(&self) -> Option<jiff::civil::Date> {
        self.date
    }

    fn rel_path(&self) -> &str {
        &self.rel_path
    }
}

/// What a walk of the store kept of its articles, in the batches the walk's threads
/// sent them in, and the files that are not articles (sorted by path).
#[derive(Debug)]
pub struct Walked<T> {
    batches: Vec<Vec<Option<T>>>,
    pub problems: Vec<Problem>,
}

impl<T: Dated> Walked<T> {
    /// What was kept, in [`newest_first`] order, without moving it.
    pub fn newest_first(&self) -> Vec<&T> {
        let count = self.batches.iter().map(Vec::len).sum();
        let mut keys: Vec<(u32, &str, &T)> = Vec::with_capacity(count);
        for kept in self.batches.iter().flatten().flatten() {
            keys.push((date_rank(kept.date()), kept.rel_path(), kept));
        }
        keys.sort_unstable_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)));
        keys.into_iter().map(|(_, _, kept)| kept).collect()
    }
}

impl Walked<Article> {
    /// The articles moved into one list in [`newest_first`] order.
    pub fn into_scan(self) -> Scan {
        Scan {
            articles: newest_first_from(self.batches),
            problems: self.problems,
        }
    }

    /// The same as one shared list, made in place: a million articles are not copied
    /// from a list into the shared one.
    pub fn into_shared(self) -> (Arc<[Article]>, Vec<Problem>) {
        (newest_first_from(self.batches), self.problems)
    }
}

/// The scanned batches as one list in [`newest_first`] order.
///
/// Sorting small keys (a date rank, the path, where the article is) rather than the
/// articles themselves keeps the sort in cache; each article then moves once, into its
/// place in the list (the list is allocated once: the order's length is known).
fn newest_first_from<C: FromIterator<Article>>(mut batches: Vec<Vec<Option<Article>>>) -> C {
    let order: Vec<(u32, u32)> = {
        let mut keys: Vec<(u32, &str, u32, u32)> = Vec::new();
        for (b, batch) in batches.iter().enumerate() {
            for (i, article) in batch.iter().enumerate() {
                if let Some(article) = article {
                    keys.push((
                        date_rank(article.date),
                        &article.rel_path,
                        b as u32,
                        i as u32,
                    ));
                }
            }
        }
        keys.sort_unstable_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)));
        keys.into_iter().map(|(_, _, b, i)| (b, i)).collect()
    };
    order
        .into_iter()
        .map(|(b, i)| {
            batches[b as usize][i as usize]
                .take()
                .expect("each article is placed once")
        })
        .collect()
}

fn sample_contents(name: &str) -> Option<FileBytes<'static>> {
    let bytes = sample::file(name)?;
    Some(FileBytes {
        size: bytes.len() as u64,
        bytes,
        mtime: None,
    })
}

fn scan_sample<T>(found: &mpsc::Sender<Gathered<T>>, keep: Keep<'_, T>) {
    let mut batch = scan::Batch::new(found.clone(), keep);
    for (name, _) in sample::SAMPLE_FILES {
        let Some(format) = read::format_for(name) else {
            continue;
        };
        let Some(contents) = sample_contents(name) else {
            continue;
        };
        let result = article_from_bytes(
            &contents,
            Location::Sample(name),
            (*name).to_owned(),
            format,
            false,
        )
        .map(|(article, _)| article)
        .map_err(|reason| Problem {
            path: Location::Sample(name).display(),
            reason,
        });
        batch.push(result);
    }
}

/// True when `folder` holds at least one file named like an article, in it or in its
/// subfolders (hidden ones aside; links not followed).
pub fn has_articles(folder: &Path) -> bool {
    let mut folders = vec![folder.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            if name.as_encoded_bytes().starts_with(b".") {
                continue;
            }
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => folders.push(entry.path()),
                Ok(kind)
                    if kind.is_file() && read::format_for(name.as_encoded_bytes()).is_some() =>
                {
                    return true;
                }
                _ => {}
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::Date;

    fn article(rel_path: &str, date: Option<Date>) -> Article {
        Article {
            rel_path: rel_path.to_owned(),
            date,
            ..Article::named(Location::Sample("test"), String::new())
        }
    }

    proptest::proptest! {
        #[test]
        fn batches_come_out_in_newest_first_order(
            dates in proptest::collection::vec(
                (proptest::option::of((-9999i16..=9999, 1i8..=12, 1i8..=28)), 0u8..4, 1usize..4),
                0..60,
            ),
        ) {
            let mut batches: Vec<Vec<Option<Article>>> = vec![Vec::new()];
            let mut expected = Vec::new();
            for (n, (date, name, split)) in dates.into_iter().enumerate() {
                let date = date.map(|(y, m, d)| Date::new(y, m, d).expect("a valid date"));
                let article = article(&format!("{name}/{n}.txt"), date);
                expected.push(article.clone());
                if n % split == 0 {
                    batches.push(Vec::new());
                }
                batches.last_mut().expect("a batch").push(Some(article));
            }
            expected.sort_by(newest_first);
            let walked = Walked { batches, problems: Vec::new() };
            let by_reference: Vec<Article> = walked.newest_first().into_iter().cloned().collect();
            proptest::prop_assert_eq!(&by_reference, &expected);
            proptest::prop_assert_eq!(walked.into_scan().articles, expected);
        }
    }

    #[test]
    fn date_ranks_run_from_newest_to_undated() {
        let ranks: Vec<u32> = [
            Some(Date::MAX),
            Some(jiff::civil::date(2024, 11, 21)),
            Some(jiff::civil::date(2024, 11, 20)),
            Some(jiff::civil::date(-5, 1, 1)),
            Some(Date::MIN),
            None,
        ]
        .into_iter()
        .map(date_rank)
        .collect();
        assert!(ranks.is_sorted_by(|a, b| a < b), "{ranks:?}");
    }
}
