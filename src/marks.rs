//! Which articles the user has bookmarked and which they have read: the states the
//! filter language tests with `is:bookmarked` and `is:unread`.

use std::collections::HashSet;
use std::path::Path;

use crate::bookmarks::BookmarkFile;
use crate::reading::ReadingFile;
use crate::store::Location;

/// The articles with at least one bookmark, and the articles opened in the reader.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    pub bookmarked: HashSet<Location>,
    pub read: HashSet<Location>,
}

impl Marks {
    /// The marks kept in folio's data folder `data`: the articles of `bookmarks.toml`
    /// and the read ones of `reading.toml`. A file that cannot be read or parsed leaves
    /// its part empty and gives a warning, naming the file and what to do, in the list
    /// returned beside the marks. Nothing is written, unless a syncing program left
    /// conflict copies of a file to merge into it ([`crate::careful_file`]).
    pub fn load(data: &Path) -> (Marks, Vec<String>) {
        let mut marks = Marks::default();
        let mut warnings = Vec::new();
        match BookmarkFile::in_folder(data).read() {
            Ok(bookmarks) => {
                marks.bookmarked = bookmarks
                    .list
                    .iter()
                    .map(|b| Location::from_path(&b.path))
                    .collect();
            }
            Err(error) => warnings.push(format!(
                "{error}; meanwhile is:bookmarked matches no article"
            )),
        }
        match ReadingFile::in_folder(data).read() {
            Ok(reading) => {
                marks.read = reading
                    .read_paths()
                    .map(|p| Location::from_path(&p))
                    .collect()
            }
            Err(error) => {
                warnings.push(format!("{error}; meanwhile every article counts as unread"))
            }
        }
        (marks, warnings)
    }

    pub fn is_bookmarked(&self, location: &Location) -> bool {
        self.bookmarked.contains(location)
    }

    pub fn is_unread(&self, location: &Location) -> bool {
        !self.read.contains(location)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn loads_bookmarked_and_read_articles_by_location() {
        let data = tempfile::tempdir().unwrap();
        fs::write(
            data.path().join("bookmarks.toml"),
            "version = 1\n\n\
             [[bookmark]]\nid = \"1\"\npath = \"/s/a.txt\"\ncreated = \"2026-01-02T03:04:05Z\"\nquote = \"q\"\n\n\
             [[bookmark]]\nid = \"2\"\npath = \"sample:2019/09/30/when-the-tram-came-back.md\"\ncreated = \"2026-01-02T03:04:05Z\"\nquote = \"q\"\n\n\
             [[bookmark]]\nid = \"3\"\npath = \"/s/a.txt\"\ncreated = \"2026-01-02T03:04:05Z\"\nquote = \"r\"\n",
        )
        .unwrap();
        fs::write(
            data.path().join("reading.toml"),
            "version = 1\n\n[article.\"/s/b.txt\"]\nread = \"2026-01-02T03:04:05Z\"\n\n\
             [article.\"/s/c.txt\"]\nposition = 40\n",
        )
        .unwrap();
        let (marks, warnings) = Marks::load(data.path());
        assert!(warnings.is_empty(), "{warnings:?}");
        let a = Location::File("/s/a.txt".into());
        let b = Location::File("/s/b.txt".into());
        let c = Location::File("/s/c.txt".into());
        assert_eq!(marks.bookmarked.len(), 2);
        assert!(marks.is_bookmarked(&a) && !marks.is_bookmarked(&b));
        assert!(marks.is_bookmarked(&Location::Sample("2019/09/30/when-the-tram-came-back.md")));
        assert!(!marks.is_unread(&b));
        assert!(
            marks.is_unread(&a) && marks.is_unread(&c),
            "a position is not a read"
        );
    }

    #[test]
    fn a_bad_file_leaves_its_part_empty_with_a_warning_and_is_not_touched() {
        let data = tempfile::tempdir().unwrap();
        let bookmarks = b"version = 1\n[[bookmark]\n";
        let reading = b"version = 1\n\n[article.\"/s/b.txt\"]\nread = \"last week\"\n";
        fs::write(data.path().join("bookmarks.toml"), bookmarks).unwrap();
        fs::write(data.path().join("reading.toml"), reading).unwrap();
        let (marks, warnings) = Marks::load(data.path());
        assert_eq!(marks, Marks::default());
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(
            warnings[0].contains("bookmarks.toml, line 2, column")
                && warnings[0].contains("fix or move the file")
                && warnings[0].contains("is:bookmarked matches no article"),
            "{}",
            warnings[0]
        );
        assert!(
            warnings[1].contains("reading.toml, line 4, column 8")
                && warnings[1].contains("fix or move the file")
                && warnings[1].contains("counts as unread"),
            "{}",
            warnings[1]
        );
        assert_eq!(
            fs::read(data.path().join("bookmarks.toml")).unwrap(),
            bookmarks
        );
        assert_eq!(fs::read(data.path().join("reading.toml")).unwrap(), reading);
        let names: Vec<_> = fs::read_dir(data.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 2, "no lock, backup or other file made");
    }

    #[test]
    fn a_missing_folder_means_no_marks_and_no_warning() {
        let data = tempfile::tempdir().unwrap();
        let (marks, warnings) = Marks::load(&data.path().join("absent"));
        assert_eq!(marks, Marks::default());
        assert!(warnings.is_empty());
        assert!(!data.path().join("absent").exists());
    }
}
