//! The list of articles as of one commit of the index, in a compact file beside it, so a
//! second start lists 100,000 articles without opening as many stored documents. The
//! file names the commit (tantivy's opstamp) it was written for and is used only for
//! that one: after any change to the index it is simply written again.

use std::fs::File;
use std::io::Write;
use std::mem::MaybeUninit;
use std::os::unix::fs::FileExt;
use std::sync::Arc;

use rayon::prelude::*;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use super::schema::{date_from_code, date_of_day, day_number};
use crate::atomic_file;
use crate::store::changed::Update;
use crate::store::{Article, Format, Location};

const FILE: &str = "folio-list";
const MAGIC: &[u8; 12] = b"folio-list-4";
/// Articles per chunk of the file: chunks are read on every core, each as it is needed.
const CHUNK: usize = 16 * 1024;
/// The header: the mark, the commit and the number of articles.
const HEADER: usize = MAGIC.len() + 8 + 8;

/// The articles saved for commit `opstamp`, if the file is there, for it, and whole.
///
/// The file is a header (the mark, the commit, the count), the chunks of articles, a
/// table of each chunk's length in bytes and in articles, and the table's length. Each
/// chunk is read (`pread`) and decoded on a core of its own straight into its place in
/// the list: a million articles are neither decoded one after the other, nor copied
/// once decoded, nor held twice (as bytes and as articles) all at once.
pub fn read(dir: &Path, opstamp: u64) -> Option<Arc<[Article]>> {
    let file = File::open(dir.join(FILE)).ok()?;
    let size = file.metadata().ok()?.len();
    let mut header = [0; HEADER];
    file.read_exact_at(&mut header, 0).ok()?;
    let mut r = Reader { bytes: &header };
    if r.take(MAGIC.len())? != MAGIC || r.u64()? != opstamp {
        return None;
    }
    let count = usize::try_from(r.u64()?).ok()?;
    let mut tail = [0; 8];
    file.read_exact_at(&mut tail, size.checked_sub(8)?).ok()?;
    let table_len = u64::from_le_bytes(tail);
    let table_at = size.checked_sub(8)?.checked_sub(table_len)?;
    let mut table = vec![0; usize::try_from(table_len).ok()?];
    file.read_exact_at(&mut table, table_at).ok()?;
    let mut r = Reader { bytes: &table };
    let mut parts = Vec::with_capacity(table.len() / 12);
    let mut at = HEADER as u64;
    while !r.bytes.is_empty() {
        let (len, n) = (r.u64()?, r.u32()? as usize);
        parts.push(Part { at, len, n });
        at = at.checked_add(len)?;
    }
    if at != table_at || parts.iter().map(|p| p.n).sum::<usize>() != count {
        return None;
    }
    read_chunks(&file, &parts, count)
}

/// Where a chunk is in the file, its length and how many articles it holds.
#[derive(Clone, Copy)]
struct Part {
    at: u64,
    len: u64,
    n: usize,
}

/// The articles of `parts` (`count` in all), each chunk read from `file` on the thread
/// pool into its place.
fn read_chunks(file: &File, parts: &[Part], count: usize) -> Option<Arc<[Article]>> {
    let mut list = Arc::<[Article]>::new_uninit_slice(count);
    let slots = Arc::get_mut(&mut list).expect("a list no one else holds");
    let read: Vec<bool> = split(slots, parts)
        .into_par_iter()
        .map_init(Vec::new, |buffer, (part, slots)| {
            buffer.resize(usize::try_from(part.len).unwrap_or(usize::MAX), 0);
            file.read_exact_at(buffer, part.at).is_ok() && fill(buffer, slots)
        })
        .collect();
    if read.iter().all(|&whole| whole) {
        // SAFETY: every chunk filled every slot of its part, and the parts cover the list.
        return Some(unsafe { list.assume_init() });
    }
    // A chunk is broken: the articles of the chunks read whole are dropped, the list
    // forgotten (its slots are `MaybeUninit`, so dropping it drops no article).
    let slots = Arc::get_mut(&mut list).expect("a list no one else holds");
    for ((_, slots), whole) in split(slots, parts).into_iter().zip(read) {
        if whole {
            drop_written(slots);
        }
    }
    None
}

/// `slots` cut into one part per chunk of `parts`.
fn split<'a>(
    mut slots: &'a mut [MaybeUninit<Article>],
    parts: &[Part],
) -> Vec<(Part, &'a mut [MaybeUninit<Article>])> {
    let mut split = Vec::with_capacity(parts.len());
    for &part in parts {
        let (head, rest) = std::mem::take(&mut slots).split_at_mut(part.n);
        split.push((part, head));
        slots = rest;
    }
    split
}

/// Reads the articles of one chunk into `slots`, one each; true when the chunk held
/// exactly that many whole articles. When it did not, nothing is left written.
fn fill(bytes: &[u8], slots: &mut [MaybeUninit<Article>]) -> bool {
    let mut r = Reader { bytes };
    for i in 0..slots.len() {
        match r.article() {
            Some(article) => {
                slots[i].write(article);
            }
            None => {
                drop_written(&mut slots[..i]);
                return false;
            }
        }
    }
    if !r.bytes.is_empty() {
        drop_written(slots);
        return false;
    }
    true
}

/// Drops the articles `fill` wrote into `slots`.
fn drop_written(slots: &mut [MaybeUninit<Article>]) {
    for slot in slots {
        // SAFETY: called only on slots `fill` wrote.
        unsafe { slot.assume_init_drop() };
    }
}

/// Saves `articles` as the list of commit `opstamp`, replacing the file at once
/// ([`atomic_file::replace`]); chunk by chunk, so only one is held as bytes.
pub fn write(dir: &Path, opstamp: u64, articles: &[Article]) -> std::io::Result<()> {
    atomic_file::replace(&dir.join(FILE), |out| {
        out.write_all(MAGIC)?;
        out.write_all(&opstamp.to_le_bytes())?;
        out.write_all(&(articles.len() as u64).to_le_bytes())?;
        let mut table = Vec::new();
        let mut bytes = Vec::new();
        for chunk in articles.chunks(CHUNK) {
            bytes.clear();
            for article in chunk {
                write_article(&mut bytes, article)?;
            }
            out.write_all(&bytes)?;
            table.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
            table.extend_from_slice(&(chunk.len() as u32).to_le_bytes());
        }
        out.write_all(&table)?;
        out.write_all(&(table.len() as u64).to_le_bytes())
    })
}

/// Saves the list of commit `from`, changed by `updates` in order, as the list of
/// commit `to`; false (nothing written) when there is no list of commit `from`.
pub fn update(dir: &Path, from: u64, to: u64, updates: &[Update]) -> std::io::Result<bool> {
    let Some(articles) = read(dir, from) else {
        return Ok(false);
    };
    let mut articles = articles;
    for update in updates {
        articles = update.apply(articles.to_vec()).0;
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
        let format = Format::from_number(u64::from(self.u8()?));
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
        assert_eq!(read(dir.path(), 7).as_deref(), Some(&articles[..]));
        assert_eq!(read(dir.path(), 8), None);
    }

    #[test]
    fn a_list_of_many_chunks_round_trips_and_a_broken_chunk_is_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let articles: Vec<Article> = (0..2 * CHUNK + 5).map(article).collect();
        write(dir.path(), 3, &articles).unwrap();
        assert_eq!(read(dir.path(), 3).as_deref(), Some(&articles[..]));
        // A title's length in the middle chunk made too long: that chunk fails to read.
        let path = dir.path().join(FILE);
        let mut bytes = std::fs::read(&path).unwrap();
        let title = b"Title 16390 ";
        let at = bytes
            .windows(title.len())
            .position(|w| w == title)
            .expect("the title of an article of the second chunk");
        bytes[at - 4] = 0xff;
        std::fs::write(&path, bytes).unwrap();
        assert_eq!(read(dir.path(), 3), None);
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
