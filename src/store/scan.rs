//! The store's scan: every file the walk ([`super::walk`]) finds read as an article
//! on the walker's threads, what the caller keeps of each sent on in batches.

use std::path::Path;
use std::sync::mpsc;

use super::article::{Article, Location};
use super::kinds::Kinds;
use super::problem::Problem;
use super::read::{article_from_bytes, escape_path};
use super::walk::{StoreFile, Visit, relative_path, walk};

/// What the scan gathered on one walker thread, sent on in batches: what was kept of
/// each article (see [`Keep`]) and the files that are not articles.
#[derive(Debug)]
pub struct Gathered<T> {
    /// Each in an `Option` so that the collector can move it out, in sorted order,
    /// without copying the batch first.
    pub articles: Vec<Option<T>>,
    pub problems: Vec<Problem>,
}

impl<T> Gathered<T> {
    fn len(&self) -> usize {
        self.articles.len() + self.problems.len()
    }
}

/// What a walk keeps of each article, made on the walker's thread as soon as the
/// article is read: the article itself, or (for `folio list`) only the line to print.
pub type Keep<'k, T> = &'k (dyn Fn(Article) -> T + Sync);

/// How many results a walker thread gathers before it sends them on: one message (and
/// one wake-up of the receiver) per article would cost more than reading the article.
const BATCH: usize = 256;

/// Results gathered on one walker thread, sent on when full and when dropped.
pub struct Batch<'k, T> {
    gathered: Gathered<T>,
    sender: mpsc::Sender<Gathered<T>>,
    keep: Keep<'k, T>,
}

impl<'k, T> Batch<'k, T> {
    pub fn new(sender: mpsc::Sender<Gathered<T>>, keep: Keep<'k, T>) -> Batch<'k, T> {
        Batch {
            gathered: Batch::empty(),
            sender,
            keep,
        }
    }

    fn empty() -> Gathered<T> {
        Gathered {
            articles: Vec::with_capacity(BATCH),
            problems: Vec::new(),
        }
    }

    pub fn push(&mut self, result: Result<Article, Problem>) {
        match result {
            Ok(article) => self.gathered.articles.push(Some((self.keep)(article))),
            Err(problem) => self.gathered.problems.push(problem),
        }
        if self.gathered.len() >= BATCH {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if self.gathered.len() > 0 {
            let gathered = std::mem::replace(&mut self.gathered, Batch::empty());
            let _ = self.sender.send(gathered);
        }
    }
}

impl<T> Drop for Batch<'_, T> {
    fn drop(&mut self) {
        self.flush();
    }
}

/// Reads every article under `root`, sending the results to `found` in batches (see
/// [`walk`]).
pub fn scan_folder<T: Send>(
    root: &Path,
    cap: u64,
    kinds: &Kinds,
    found: &mpsc::Sender<Gathered<T>>,
    keep: Keep<'_, T>,
) {
    walk(root, kinds, &ReadArticles { cap, found, keep });
}

/// The store's scan: every file read as an article, what `keep` makes of it sent on
/// in batches.
struct ReadArticles<'a, 'k, T> {
    cap: u64,
    found: &'a mpsc::Sender<Gathered<T>>,
    keep: Keep<'k, T>,
}

impl<'k, T: Send> Visit for ReadArticles<'_, 'k, T> {
    /// The thread's batch, and the buffer it reads every file into.
    type Local = (Batch<'k, T>, Vec<u8>);

    fn start(&self) -> Self::Local {
        (Batch::new(self.found.clone(), self.keep), Vec::new())
    }

    fn file(&self, (batch, buffer): &mut Self::Local, file: &StoreFile<'_>) {
        batch.push(read_article(file, self.cap, buffer));
    }

    fn problem(&self, (batch, _): &mut Self::Local, problem: impl FnOnce() -> Problem) {
        batch.push(Err(problem()));
    }
}

/// Reads and parses one article file.
fn read_article(file: &StoreFile<'_>, cap: u64, buffer: &mut Vec<u8>) -> Result<Article, Problem> {
    let path = file.path();
    let problem = |reason| Problem {
        path: escape_path(&path),
        reason,
    };
    let contents = file.read(&path, cap, buffer).map_err(problem)?;
    let rel_path = relative_path(file.root, &path);
    match article_from_bytes(
        &contents,
        Location::File(path.clone()),
        rel_path,
        file.format,
        false,
    ) {
        Ok((article, _)) => Ok(article),
        Err(reason) => Err(problem(reason)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::walk::FILES_PER_TASK;

    /// The paths of the articles a walk of `root` finds, sorted, and how many problems.
    fn walked(root: &Path) -> (Vec<String>, usize) {
        let (sender, receiver) = mpsc::channel();
        scan_folder(root, 1 << 20, &Kinds::default(), &sender, &|article| {
            article
        });
        drop(sender);
        let (mut paths, mut problems) = (Vec::new(), 0);
        for found in receiver {
            paths.extend(found.articles.into_iter().flatten().map(|a| a.rel_path));
            problems += found.problems.len();
        }
        paths.sort();
        (paths, problems)
    }

    #[test]
    fn a_big_folder_shared_out_among_threads_gives_each_article_once() {
        let root = tempfile::tempdir().expect("temporary folder");
        let mut expected = Vec::new();
        for folder in ["big", "big/inner", "small", ".hidden"] {
            std::fs::create_dir_all(root.path().join(folder)).expect("folder");
        }
        for n in 0..(3 * FILES_PER_TASK + 5) {
            let name = format!("big/{n:04}.txt");
            std::fs::write(root.path().join(&name), format!("Article {n}\n\nText.\n"))
                .expect("write");
            expected.push(name);
        }
        for name in ["big/inner/deep.md", "small/one.text", "top.markdown"] {
            std::fs::write(root.path().join(name), "# A title\n\nText.\n").expect("write");
            expected.push(name.to_owned());
        }
        for name in [".hidden/secret.txt", "big/.dotfile.txt", "big/notes.pdf"] {
            std::fs::write(root.path().join(name), "Not listed\n\nText.\n").expect("write");
        }
        expected.sort();
        assert_eq!(walked(root.path()), (expected, 0));
    }

    #[test]
    fn a_root_that_is_a_file_is_read_as_one_article() {
        let root = tempfile::tempdir().expect("temporary folder");
        let file = root.path().join("only.txt");
        std::fs::write(&file, "Only\n\nText.\n").expect("write");
        assert_eq!(walked(&file), (vec!["only.txt".to_owned()], 0));
    }
}
