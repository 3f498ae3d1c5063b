//! The list of articles as of one commit of the index, in a compact file beside it, so a
//! second start lists 100,000 articles without opening as many stored documents. The
//! file names the commit (tantivy's opstamp) it was written for and is used only for
//! that one: after any change to the index it is simply written again.

use std::fs::File;
use std::io::{Read, Write};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use super::schema::{date_from_code, date_of_day, day_number};
use crate::atomic_file;
use crate::store::changed::Update;
use crate::store::{Article, Format, Location};

const FILE: &str = "folio-list";
const MAGIC: &[u8; 12] = b"folio-list-2";

/// The articles saved for commit `opstamp`, if the file is there, for it, and whole.
pub fn read(dir: &Path, opstamp: u64) -> Option<Vec<Article>> {
    let mut bytes = Vec::new();
    File::open(dir.join(FILE))
        .ok()?
        .read_to_end(&mut bytes)
        .ok()?;
    let mut r = Reader { bytes: &bytes };
    if r.take(MAGIC.len())? != MAGIC || r.u64()? != opstamp {
        return None;
    }
    let count = r.u64()? as usize;
    let mut articles = Vec::with_capacity(count.min(bytes.len() / 16));
    for _ in 0..count {
        articles.push(r.article()?);
    }
    r.bytes.is_empty().then_some(articles)
}

/// Saves `articles` as the list of commit `opstamp`, replacing the file at once
/// ([`atomic_file::replace`]).
pub fn write(dir: &Path, opstamp: u64, articles: &[Article]) -> std::io::Result<()> {
    atomic_file::replace(&dir.join(FILE), |out| {
        out.write_all(MAGIC)?;
        out.write_all(&opstamp.to_le_bytes())?;
        out.write_all(&(articles.len() as u64).to_le_bytes())?;
        for article in articles {
            write_article(out, article)?;
        }
        Ok(())
    })
}

/// Saves the list of commit `from`, changed by `updates` in order, as the list of
/// commit `to`; false (nothing written) when there is no list of commit `from`.
pub fn update(dir: &Path, from: u64, to: u64, updates: &[Update]) -> std::io::Result<bool> {
    let Some(mut articles) = read(dir, from) else {
        return Ok(false);
    };
    for update in updates {
        articles = update.apply(articles).0;
    }
    write(dir, to, &articles)?;
    Ok(true)
}

fn write_article(out: &mut impl Write, a: &Article) -> std::io::Result<()> {
    let path: &[u8] = match &a.location {
        Location::File(path) => path.as_os_str().as_bytes(),
        Location::Sample(name) => name.as_bytes(),
    };
    bytes(out, path)?;
    text(out, &a.rel_path)?;
    text(out, &a.title)?;
    out.write_all(&a.date.map_or(i64::MIN, day_number).to_le_bytes())?;
    out.write_all(&[a.date_from.map_or(u8::MAX, |f| f as u8), a.format as u8])?;
    let optional = [
        a.source.as_deref(),
        a.author.as_deref(),
        a.description.as_deref(),
        a.url.as_deref(),
    ];
    for field in optional {
        match field {
            Some(value) => {
                out.write_all(&[1])?;
                text(out, value)?;
            }
            None => out.write_all(&[0])?,
        }
    }
    out.write_all(&(a.tags.len() as u32).to_le_bytes())?;
    for tag in &a.tags {
        text(out, tag)?;
    }
    out.write_all(&(a.words as u64).to_le_bytes())?;
    out.write_all(&a.size.to_le_bytes())?;
    out.write_all(&a.mtime.to_le_bytes())
}

fn bytes(out: &mut impl Write, value: &[u8]) -> std::io::Result<()> {
    out.write_all(&(value.len() as u32).to_le_bytes())?;
    out.write_all(value)
}

fn text(out: &mut impl Write, value: &str) -> std::io::Result<()> {
    bytes(out, value.as_bytes())
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.bytes.split_at_checked(n)?;
        self.bytes = rest;
        Some(head)
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.u32()? as usize;
        self.take(n)
    }

    fn text(&mut self) -> Option<String> {
        Some(std::str::from_utf8(self.bytes()?).ok()?.to_owned())
    }

    fn optional(&mut self) -> Option<Option<String>> {
        match self.u8()? {
            0 => Some(None),
            1 => Some(Some(self.text()?)),
            _ => None,
        }
    }

    fn article(&mut self) -> Option<Article> {
        let path = PathBuf::from(std::ffi::OsString::from_vec(self.bytes()?.to_vec()));
        let rel_path = self.text()?;
        let title = self.text()?;
        let day = self.u64()? as i64;
        let date: Option<Date> = if day == i64::MIN {
            None
        } else {
            Some(date_of_day(day)?)
        };
        let date_from = date_from_code(u64::from(self.u8()?));
        let format = if self.u8()? == Format::Markdown as u8 {
            Format::Markdown
        } else {
            Format::Text
        };
        let (source, author, description, url) = (
            self.optional()?,
            self.optional()?,
            self.optional()?,
            self.optional()?,
        );
        let tags = (0..self.u32()?)
            .map(|_| self.text())
            .collect::<Option<Vec<String>>>()?;
        Some(Article {
            location: Location::File(path),
            rel_path,
            title,
            date,
            date_from,
            source,
            author,
            tags,
            description: description.map(String::into_boxed_str),
            url: url.map(String::into_boxed_str),
            words: self.u64()? as usize,
            format,
            size: self.u64()?,
            mtime: self.u64()? as i64,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::DateFrom;

    fn article(i: usize) -> Article {
        Article {
            location: Location::File(PathBuf::from(format!("/store/é {i}.md"))),
            rel_path: format!("é {i}.md"),
            title: format!("Title {i} 東京"),
            date: i.is_multiple_of(2).then(|| Date::constant(2024, 2, 29)),
            date_from: i.is_multiple_of(2).then_some(DateFrom::Path),
            source: Some("Xinhua".into()),
            author: None,
            tags: vec!["a".into(), "b c".into()],
            description: i.is_multiple_of(3).then(|| "d".into()),
            url: i
                .is_multiple_of(2)
                .then(|| format!("https://example.org/{i}").into()),
            words: i,
            format: Format::Markdown,
            size: 10,
            mtime: -5,
        }
    }

    #[test]
    fn a_list_round_trips_for_its_commit_only() {
        let dir = tempfile::tempdir().unwrap();
        let articles: Vec<Article> = (0..5).map(article).collect();
        write(dir.path(), 7, &articles).unwrap();
        assert_eq!(read(dir.path(), 7), Some(articles));
        assert_eq!(read(dir.path(), 8), None);
    }

    #[test]
    fn a_cut_or_garbled_file_is_not_used() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), 1, &[article(1), article(2)]).unwrap();
        let path = dir.path().join(FILE);
        let full = std::fs::read(&path).unwrap();
        std::fs::write(&path, &full[..full.len() - 3]).unwrap();
        assert_eq!(read(dir.path(), 1), None);
        let mut garbled = full.clone();
        garbled.push(0);
        std::fs::write(&path, garbled).unwrap();
        assert_eq!(read(dir.path(), 1), None);
    }
}
