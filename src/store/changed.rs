//! What changed in the store's folders, from the paths a watch saw change: each path
//! looked at as it is now, by the walk's rules (hidden names skipped, only files named
//! like articles): a file to read again, a folder to walk (new, or moved in), or gone.

use std::collections::HashMap;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::article::{Article, Location};
use super::kinds::Kinds;
use super::newest_first;
use super::problem::Problem;
use super::read::{article_from_bytes, read_file};
use super::walk::{self, StoreFile, Visit, relative_path};

/// A file of the store that is new or changed: its root (by number among the store's
/// folders), its path, its names under the root (`/`-separated bytes) and its stamp
/// (size, and mtime in nanoseconds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangedFile {
    pub root: usize,
    pub path: PathBuf,
    pub rel: Vec<u8>,
    pub stamp: (u64, i64),
}

/// A file or folder of the store that is no longer there: everything at or under it
/// is gone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gone {
    pub root: usize,
    pub path: PathBuf,
    pub rel: Vec<u8>,
}

/// What the paths a watch reported amount to.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changed {
    /// New and changed files, by path, each once.
    pub files: Vec<ChangedFile>,
    pub gone: Vec<Gone>,
}

impl Changed {
    pub fn is_empty(&self) -> bool {
        self.files.is_empty() && self.gone.is_empty()
    }
}

/// What the list needs of a change: the articles read anew (new, changed, or moved in)
/// and the paths whose articles are gone (files and folders no longer there, and files
/// that are no longer articles).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Update {
    pub articles: Vec<Article>,
    pub gone: Vec<PathBuf>,
}

impl Update {
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty() && self.gone.is_empty()
    }

    /// `articles` (newest first) with this update made, newest first still, as one
    /// shared list, and where each of them went in it (`None`: gone). An article read
    /// anew takes the place of the one at its location.
    ///
    /// The articles read anew, sorted, are merged in as the list is gone through once,
    /// each article moved once, straight into its place in the shared list: a change of
    /// one file to a million articles copies no article but the new one.
    pub fn apply(&self, articles: Vec<Article>) -> (Arc<[Article]>, Vec<Option<usize>>) {
        let mut renewed: Vec<(&Article, Option<usize>)> =
            self.articles.iter().map(|a| (a, None)).collect();
        renewed.sort_by(|a, b| newest_first(a.0, b.0));
        // Which article each old one is: kept, read anew (the index of its new version)
        // or gone. A few new articles are compared one by one; many, looked up.
        let lookup: Option<HashMap<&Location, usize>> = (renewed.len() > 16).then(|| {
            renewed
                .iter()
                .enumerate()
                .map(|(j, (a, _))| (&a.location, j))
                .collect()
        });
        let mut keep = vec![false; articles.len()];
        for (i, article) in articles.iter().enumerate() {
            let found = match &lookup {
                Some(lookup) => lookup.get(&article.location).copied(),
                None => renewed
                    .iter()
                    .position(|(a, _)| same_place(&a.location, &article.location)),
            };
            match found {
                Some(j) => renewed[j].1 = Some(i),
                None => keep[i] = !self.removes(&article.location),
            }
        }
        let count = keep.iter().filter(|&&k| k).count() + renewed.len();
        let mut moved = vec![None; articles.len()];
        let mut list = Arc::<[Article]>::new_uninit_slice(count);
        let slots = Arc::get_mut(&mut list).expect("a list no one else holds");
        let mut filled = 0;
        let mut put = |article: Article, old: Option<usize>| {
            if let Some(old) = old {
                moved[old] = Some(filled);
            }
            slots[filled].write(article);
            filled += 1;
        };
        let mut renewed = renewed.into_iter().peekable();
        for ((i, article), kept) in articles.into_iter().enumerate().zip(keep) {
            if !kept {
                continue;
            }
            while let Some((new, was)) =
                renewed.next_if(|(new, _)| newest_first(new, &article).is_lt())
            {
                put(new.clone(), was);
            }
            put(article, Some(i));
        }
        for (new, was) in renewed {
            put(new.clone(), was);
        }
        assert_eq!(filled, count, "every slot of the list is filled");
        // SAFETY: `put` wrote each of the `count` slots once, in order (checked above).
        (unsafe { list.assume_init() }, moved)
    }

    /// True when the article at `location` is among those read anew.
    pub fn renews(&self, location: &Location) -> bool {
        self.articles
            .iter()
            .any(|article| same_place(&article.location, location))
    }

    /// True when `location` is at or under a path that is gone.
    pub fn removes(&self, location: &Location) -> bool {
        let Location::File(path) = location else {
            return false;
        };
        // By bytes, not components: it runs for every article of the list.
        let path = path.as_os_str().as_bytes();
        self.gone.iter().any(|gone| {
            let gone = gone.as_os_str().as_bytes();
            path.strip_prefix(gone)
                .is_some_and(|rest| rest.is_empty() || rest[0] == b'/' || gone.ends_with(b"/"))
        })
    }
}

/// True when `a` and `b` are one place, compared by the bytes of their paths (a path's
/// own `==` goes by components, several times slower over a million articles).
fn same_place(a: &Location, b: &Location) -> bool {
    match (a, b) {
        (Location::File(a), Location::File(b)) => a.as_os_str() == b.as_os_str(),
        _ => a == b,
    }
}

/// Looks at each of `paths` as it is now, under the store's `roots`; paths outside
/// them, and hidden ones, are passed over.
pub fn look_at(roots: &[PathBuf], kinds: &Kinds, paths: &[PathBuf]) -> Changed {
    let mut paths: Vec<&PathBuf> = paths.iter().collect();
    paths.sort();
    paths.dedup();
    let mut changed = Changed::default();
    for path in paths {
        let Some((root, rel)) = under_root(roots, path) else {
            continue;
        };
        match std::fs::symlink_metadata(path) {
            Err(_) => changed.gone.push(Gone {
                root,
                path: path.clone(),
                rel,
            }),
            Ok(meta) if meta.is_dir() => walk_folder(root, path, &rel, kinds, &mut changed.files),
            Ok(meta) => {
                let name = path.file_name().map_or(&[][..], |n| n.as_bytes());
                if kinds.format_for(name).is_none() {
                    continue;
                }
                let meta = if meta.file_type().is_symlink() {
                    match link_inside(&roots[root], path) {
                        Some(meta) => meta,
                        None => continue,
                    }
                } else {
                    meta
                };
                if meta.is_file() {
                    changed.files.push(ChangedFile {
                        root,
                        path: path.clone(),
                        rel,
                        stamp: (
                            meta.size(),
                            meta.mtime() * 1_000_000_000 + meta.mtime_nsec(),
                        ),
                    });
                }
            }
        }
    }
    changed.files.sort_by(|a, b| a.path.cmp(&b.path));
    changed.files.dedup_by(|a, b| a.path == b.path);
    changed
}

/// The root `path` is under (by number) and its names under it, unless it is hidden
/// (a name starting with `.` on the way) or under no root.
fn under_root(roots: &[PathBuf], path: &Path) -> Option<(usize, Vec<u8>)> {
    let (root, rest) = roots
        .iter()
        .enumerate()
        .find_map(|(i, root)| Some((i, path.strip_prefix(root).ok()?)))?;
    let mut rel = Vec::new();
    for component in rest.components() {
        let Component::Normal(name) = component else {
            return None;
        };
        if name.as_bytes().starts_with(b".") {
            return None;
        }
        if !rel.is_empty() {
            rel.push(b'/');
        }
        rel.extend_from_slice(name.as_bytes());
    }
    Some((root, rel))
}

/// What a link at `path` leads to, when that is inside `root` (links out of the store
/// are not followed, as in the walk).
fn link_inside(root: &Path, path: &Path) -> Option<std::fs::Metadata> {
    let target = path.canonicalize().ok()?;
    let root = root.canonicalize().ok()?;
    target.starts_with(root).then(|| target.metadata().ok())?
}

/// Every file of the folder at `path` (names `rel` under root number `root`), as the
/// walk finds them.
fn walk_folder(root: usize, path: &Path, rel: &[u8], kinds: &Kinds, files: &mut Vec<ChangedFile>) {
    let found = Mutex::new(Vec::new());
    walk::walk(
        path,
        kinds,
        &Collect {
            root,
            rel,
            found: &found,
        },
    );
    files.append(&mut found.into_inner().unwrap_or_else(|e| e.into_inner()));
}

/// The walk of a folder that came into the store: each file kept with its stamp.
struct Collect<'a> {
    root: usize,
    rel: &'a [u8],
    found: &'a Mutex<Vec<ChangedFile>>,
}

impl Visit for Collect<'_> {
    type Local = Vec<ChangedFile>;

    fn start(&self) -> Vec<ChangedFile> {
        Vec::new()
    }

    fn file(&self, local: &mut Vec<ChangedFile>, file: &StoreFile<'_>) {
        let Some(stamp) = file.size_and_mtime() else {
            return;
        };
        let mut rel = self.rel.to_vec();
        if !rel.is_empty() {
            rel.push(b'/');
        }
        file.push_rel(&mut rel);
        local.push(ChangedFile {
            root: self.root,
            path: file.path(),
            rel,
            stamp,
        });
    }

    fn problem(&self, _: &mut Vec<ChangedFile>, _: impl FnOnce() -> Problem) {}

    fn finish(&self, mut local: Vec<ChangedFile>) {
        if let Ok(mut found) = self.found.lock() {
            found.append(&mut local);
        }
    }
}

/// Reads `changed`'s files as articles (on every core) for the list: what a store
/// without an index makes of a change.
pub fn read(changed: &Changed, roots: &[PathBuf], kinds: &Kinds, cap: u64) -> Update {
    let read: Vec<Result<Article, PathBuf>> = changed
        .files
        .par_iter()
        .map_init(Vec::new, |buffer, file| {
            read_article(&file.path, &roots[file.root], kinds, cap, buffer, false)
                .map(|(article, _)| article)
                .ok_or_else(|| file.path.clone())
        })
        .collect();
    let mut update = Update {
        gone: changed.gone.iter().map(|g| g.path.clone()).collect(),
        ..Update::default()
    };
    for result in read {
        match result {
            Ok(article) => update.articles.push(article),
            Err(path) => update.gone.push(path),
        }
    }
    update
}

/// Reads the file at `path` under `root` as an article (with its body text when
/// `with_body`); `None` when it cannot be read or is not an article.
pub fn read_article(
    path: &Path,
    root: &Path,
    kinds: &Kinds,
    cap: u64,
    buffer: &mut Vec<u8>,
    with_body: bool,
) -> Option<(Article, Option<String>)> {
    let contents = read_file(path, cap, buffer).ok()?;
    let format = kinds.format_for(path.as_os_str().as_bytes())?;
    let (article, body) = article_from_bytes(
        &contents,
        Location::File(path.to_path_buf()),
        relative_path(root, path),
        format,
        with_body,
    )
    .ok()?;
    Some((article, body.map(|b| b.text())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn each_path_is_looked_at_as_it_is_now() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("store");
        let roots = vec![root.clone()];
        write(&root.join("a.md"), "# A\n\nText.\n");
        write(&root.join("new/b.txt"), "B\n\nText.\n");
        write(&root.join("new/deep/c.md"), "# C\n\nText.\n");
        write(&root.join("new/.hidden/d.md"), "# D\n\nText.\n");
        write(&root.join("notes.pdf"), "not an article");
        write(&root.join(".git/e.md"), "# E\n\nText.\n");
        let paths = [
            "a.md",
            "a.md",
            "new",
            "new/b.txt",
            "gone.md",
            "gone-folder",
            "notes.pdf",
            ".git/e.md",
        ]
        .map(|p| root.join(p));
        let mut outside = paths.to_vec();
        outside.push(dir.path().join("elsewhere.md"));
        let changed = look_at(&roots, &Kinds::default(), &outside);
        let files: Vec<&[u8]> = changed.files.iter().map(|f| f.rel.as_slice()).collect();
        assert_eq!(files, [&b"a.md"[..], b"new/b.txt", b"new/deep/c.md"]);
        let gone: Vec<&[u8]> = changed.gone.iter().map(|g| g.rel.as_slice()).collect();
        assert_eq!(gone, [&b"gone-folder"[..], b"gone.md"]);
        assert_eq!(changed.files[0].stamp.0, 11);

        let update = read(&changed, &roots, &Kinds::default(), 1 << 20);
        let mut titles: Vec<&str> = update.articles.iter().map(|a| a.title.as_str()).collect();
        titles.sort();
        assert_eq!(titles, ["A", "B", "C"]);
        assert!(update.removes(&Location::File(root.join("gone-folder/x/y.md"))));
        assert!(!update.removes(&Location::File(root.join("gone-folder2/y.md"))));
    }

    #[test]
    fn an_update_keeps_the_list_newest_first_and_says_where_each_article_went() {
        let article = |path: &str, day: i8| Article {
            rel_path: path.to_owned(),
            date: Some(jiff::civil::date(2024, 1, day)),
            ..Article::named(
                Location::File(PathBuf::from(format!("/s/{path}"))),
                path.into(),
            )
        };
        let list = vec![
            article("d.md", 4),
            article("old/c.md", 3),
            article("b.md", 2),
            article("a.md", 1),
        ];
        let update = Update {
            articles: vec![article("b.md", 5), article("e.md", 3)],
            gone: vec![PathBuf::from("/s/old")],
        };
        let (after, moved) = update.apply(list);
        let after = after.to_vec();
        let paths: Vec<&str> = after.iter().map(|a| a.rel_path.as_str()).collect();
        assert_eq!(paths, ["b.md", "d.md", "e.md", "a.md"]);
        assert_eq!(moved, [Some(1), None, Some(0), Some(3)]);
    }

    proptest::proptest! {
        /// The merge against its plain definition: drop the gone and the renewed, add
        /// the renewed, sort; each old article goes where its location is now.
        #[test]
        fn an_update_is_the_list_filtered_extended_and_sorted(
            old in proptest::collection::vec((0u8..40, 1i8..28), 0..60),
            new in proptest::collection::vec((0u8..50, 1i8..28), 0..20),
            gone in proptest::collection::vec(0u8..50, 0..5),
        ) {
            let article = |n: u8, day: i8| Article {
                rel_path: format!("d{}/{n}.md", n % 3),
                date: (day % 5 != 0).then(|| jiff::civil::date(2024, 1, day)),
                ..Article::named(Location::File(PathBuf::from(format!("/s/d{}/{n}.md", n % 3))), n.to_string())
            };
            let mut seen = std::collections::HashSet::new();
            let mut list: Vec<Article> = old
                .iter()
                .filter(|&&(n, _)| seen.insert(n))
                .map(|&(n, d)| article(n, d))
                .collect();
            list.sort_by(newest_first);
            let mut renewed: Vec<Article> = new.iter().map(|&(n, d)| article(n, d)).collect();
            renewed.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
            renewed.dedup_by(|a, b| a.location == b.location);
            let update = Update {
                articles: renewed.clone(),
                gone: gone.iter().map(|g| PathBuf::from(format!("/s/d{}/{g}.md", g % 3))).collect(),
            };
            let mut plain: Vec<Article> = list
                .iter()
                .filter(|a| !update.removes(&a.location) && !renewed.iter().any(|r| r.location == a.location))
                .cloned()
                .chain(renewed.iter().cloned())
                .collect();
            plain.sort_by(newest_first);
            let (merged, moved) = update.apply(list.clone());
            proptest::prop_assert_eq!(&merged[..], &plain[..]);
            for (old, went) in list.iter().zip(moved) {
                let now = merged.iter().position(|a| a.location == old.location);
                proptest::prop_assert_eq!(went, now);
            }
        }
    }

    #[test]
    fn a_file_that_is_no_longer_an_article_is_gone_from_the_list() {
        let dir = tempfile::tempdir().unwrap();
        let roots = vec![dir.path().to_path_buf()];
        let path = dir.path().join("emptied.md");
        write(&path, "");
        let update = read(
            &look_at(&roots, &Kinds::default(), std::slice::from_ref(&path)),
            &roots,
            &Kinds::default(),
            1 << 20,
        );
        assert_eq!(update.articles, []);
        assert_eq!(update.gone, [path]);
    }
}
