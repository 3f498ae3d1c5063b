//! The articles a folder already keeps, by address: each article's `url` as the store
//! reads it (a Markdown file's front matter or header, a saved page's canonical link or
//! saved-from line), in the form in which addresses compare.

use std::path::{Path, PathBuf};

use crate::store::{Location, Root, Store};

use super::address::comparable;

/// The addresses of a folder's articles, and where each article is.
#[derive(Debug, Default)]
pub struct Kept {
    addresses: Vec<(String, PathBuf)>,
}

impl Kept {
    /// Reads the articles of `folder` (none when it does not exist yet), each file at
    /// most `max_bytes` long.
    pub fn read(folder: &Path, max_bytes: u64) -> Kept {
        if !folder.is_dir() {
            return Kept::default();
        }
        let mut store = Store::new(vec![Root::Folder(folder.to_path_buf())]);
        store.max_article_bytes = max_bytes;
        let mut addresses: Vec<(String, PathBuf)> = store
            .scan()
            .articles
            .into_iter()
            .filter_map(|article| {
                let address = comparable(article.url.as_deref()?)?;
                match article.location {
                    Location::File(path) => Some((address, path)),
                    Location::Sample(_) => None,
                }
            })
            .collect();
        // The same page kept twice (by hand, or before folio looked): the first name.
        addresses.sort_by(|a, b| a.1.cmp(&b.1));
        Kept { addresses }
    }

    /// The article kept for any of `addresses`, if there is one.
    pub fn find<'a>(&self, addresses: impl IntoIterator<Item = &'a str>) -> Option<&Path> {
        let wanted: Vec<String> = addresses.into_iter().filter_map(comparable).collect();
        self.addresses
            .iter()
            .find(|(address, _)| wanted.contains(address))
            .map(|(_, path)| path.as_path())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_are_found_by_any_form_of_their_address() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("a.md"),
            "+++\ntitle = \"A\"\nurl = \"https://Example.org/news/a/\"\n+++\n\nText.\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("b.html"),
            "<!-- saved from url=(0025)https://example.org/b#top -->\n<html><head><title>B</title></head><body><p>Some words of the page.</p></body></html>",
        )
        .unwrap();
        std::fs::write(dir.path().join("c.txt"), "C\n\nNo address here.\n").unwrap();
        let kept = Kept::read(dir.path(), 1 << 20);
        let a = kept.find(["https://example.org/news/a"]).unwrap();
        assert!(a.ends_with("a.md"), "{}", a.display());
        let b = kept
            .find(["https://x.example/", "HTTPS://EXAMPLE.ORG/b/"])
            .unwrap();
        assert!(b.ends_with("b.html"), "{}", b.display());
        assert_eq!(kept.find(["https://example.org/c"]), None);
        assert!(
            Kept::read(&dir.path().join("none"), 1 << 20)
                .find(["https://example.org/b"])
                .is_none()
        );
    }
}
