//! `folio list`: every article of the store, or those a query selects, newest first, as a
//! table or as JSON lines.

use std::io::{self, Write};
use std::process::ExitCode;

use serde::Serialize;

use crate::marks::Marks;
use crate::paths::Dirs;
use crate::sanitize::sanitize_line;
use crate::store::{Article, Dated, Store};

/// One line of `folio list --json`; `folio show --json` writes the same keys first.
#[derive(Serialize)]
pub(super) struct ListEntry<'a> {
    path: &'a str,
    title: &'a str,
    date: Option<String>,
    date_from: Option<&'static str>,
    source: Option<&'a str>,
    author: Option<&'a str>,
    tags: &'a [String],
    words: usize,
    url: Option<&'a str>,
}

impl<'a> ListEntry<'a> {
    /// The entry of `article` with `path` in place of its path under the store.
    pub(super) fn at(path: &'a str, article: &'a Article) -> Self {
        ListEntry {
            path,
            ..ListEntry::from(article)
        }
    }
}

impl<'a> From<&'a Article> for ListEntry<'a> {
    fn from(a: &'a Article) -> Self {
        ListEntry {
            path: &a.rel_path,
            title: &a.title,
            date: a.date.map(|d| d.to_string()),
            date_from: a.date_from.map(|f| f.as_str()),
            source: a.source.as_deref(),
            author: a.author.as_deref(),
            tags: &a.tags,
            words: a.words,
            url: a.url.as_deref(),
        }
    }
}

pub(super) fn list(store: &Store, json: bool) -> ExitCode {
    // Each article's line is made on the walk's threads as the article is read, so
    // only the lines are kept, and they are printed in order where they lie.
    let walked = store.walk(&|article| Row {
        line: list_line(&article, json).into(),
        date: article.date,
        rel_path: article.rel_path,
    });
    let rows = walked.newest_first();
    let code = print(|out| rows.iter().try_for_each(|row| out.write_all(&row.line)));
    if !walked.problems.is_empty() {
        eprintln!(
            "folio: {} file{} could not be read as articles; `folio check` lists them",
            walked.problems.len(),
            if walked.problems.len() == 1 { "" } else { "s" }
        );
    }
    // The process ends next: freeing 100,000 lines one by one would only add time.
    std::mem::forget(rows);
    std::mem::forget(walked);
    code
}

/// One article as `folio list` prints it: its line, and what puts it in order.
struct Row {
    line: Box<[u8]>,
    date: Option<jiff::civil::Date>,
    rel_path: String,
}

impl Dated for Row {
    fn date(&self) -> Option<jiff::civil::Date> {
        self.date
    }

    fn rel_path(&self) -> &str {
        &self.rel_path
    }
}

/// `folio list --query`: the articles the query selects, newest first.
pub(super) fn list_matching(
    store: &Store,
    query: &str,
    json: bool,
    dirs: Option<Dirs>,
) -> Result<ExitCode, String> {
    let query = crate::query::parse(query, crate::query::today())
        .map_err(|error| format!("{error}; see `folio list --help` for the filter language"))?;
    let marks = if query.tests_state() {
        load_marks(dirs.as_ref())
    } else {
        Marks::default()
    };
    let cache = dirs.map(|dirs| dirs.cache);
    let found = crate::search::find(store, &query, cache.as_deref(), &marks);
    if let Some(why) = &found.without_index {
        tracing::debug!(why, "searched without the index");
    }
    Ok(print_articles(&found.articles, json))
}

/// The bookmarked and read articles, for a query's `is:` terms; what cannot be read is
/// said on stderr and counts as no marks.
fn load_marks(dirs: Option<&Dirs>) -> Marks {
    let Some(dirs) = dirs else {
        eprintln!(
            "folio: no home folder found, so no bookmarks or reading state for is:; set HOME"
        );
        return Marks::default();
    };
    let (marks, warnings) = Marks::load(&dirs.data);
    for warning in warnings {
        eprintln!("folio: {}", sanitize_line(&warning));
    }
    marks
}

/// Prints `articles` as JSON lines or as a table.
fn print_articles<'a>(articles: impl IntoIterator<Item = &'a Article>, json: bool) -> ExitCode {
    print(|out| {
        articles
            .into_iter()
            .try_for_each(|article| out.write_all(&list_line(article, json)))
    })
}

/// Runs `write` on a buffered standard output; says why when writing fails.
fn print(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> ExitCode {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match write(&mut out).and_then(|()| out.flush()) {
        // A closed pipe (`folio list | head`) is not an error worth a message.
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("folio: cannot write the list: {error}");
            ExitCode::FAILURE
        }
        _ => ExitCode::SUCCESS,
    }
}

/// An article's line in `folio list`: a JSON object, or a row of the table.
fn list_line(article: &Article, json: bool) -> Vec<u8> {
    let mut line = Vec::with_capacity(128);
    if json {
        // Strings and numbers always serialise; writing into memory cannot fail.
        serde_json::to_writer(&mut line, &ListEntry::from(article))
            .expect("a list entry serialises to JSON");
        line.push(b'\n');
    } else {
        table_row(&mut line, article);
    }
    line
}

/// One line of `folio list`: `␠2024-11-21  Title  (Source)`, with `~` in place of the
/// space for a date estimated from the mtime. Written straight into bytes: with a
/// hundred thousand articles, formatting each line through `format!` shows in the time.
fn table_row(line: &mut Vec<u8>, article: &Article) {
    match (article.date, article.date_from) {
        (Some(date), from) => {
            line.push(if from.is_some_and(|f| f.is_estimate()) {
                b'~'
            } else {
                b' '
            });
            push_date(line, date);
        }
        (None, _) => line.extend_from_slice(b" undated   "),
    }
    line.extend_from_slice(b"  ");
    line.extend_from_slice(article.title.as_bytes());
    if let Some(source) = &article.source {
        line.extend_from_slice(b"  (");
        line.extend_from_slice(source.as_bytes());
        line.push(b')');
    }
    line.push(b'\n');
}

/// A date as `YYYY-MM-DD`, as its `Display` writes it.
fn push_date(line: &mut Vec<u8>, date: jiff::civil::Date) {
    let digits = |n: u32, width: usize| {
        let mut out = [b'0'; 4];
        let mut n = n;
        for slot in out[..width].iter_mut().rev() {
            *slot = b'0' + (n % 10) as u8;
            n /= 10;
        }
        out
    };
    let Ok(year @ 0..=9999) = u32::try_from(date.year()) else {
        let _ = write!(line, "{date}");
        return;
    };
    let (month, day) = (date.month().unsigned_abs(), date.day().unsigned_abs());
    line.extend_from_slice(&digits(year, 4));
    line.push(b'-');
    line.extend_from_slice(&digits(month.into(), 2)[..2]);
    line.push(b'-');
    line.extend_from_slice(&digits(day.into(), 2)[..2]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{DateFrom, Location};

    /// The row as `format!` writes it, to check the byte-by-byte writer against.
    fn row_by_format(article: &Article) -> String {
        let date = match (article.date, article.date_from) {
            (Some(date), Some(from)) if from.is_estimate() => format!("~{date}"),
            (Some(date), _) => format!(" {date}"),
            (None, _) => format!(" {:10}", "undated"),
        };
        match &article.source {
            Some(source) => format!("{date}  {}  ({source})\n", article.title),
            None => format!("{date}  {}\n", article.title),
        }
    }

    proptest::proptest! {
        #[test]
        fn rows_match_their_formatted_form(
            date in proptest::option::of((-9999i16..=9999, 1i8..=12, 1i8..=28)),
            from in 0usize..5,
            title in "[a-zé中 ]{0,20}",
            source in proptest::option::of("[A-Za-z ]{0,10}"),
        ) {
            let froms = [None, Some(DateFrom::Metadata), Some(DateFrom::Path), Some(DateFrom::Text), Some(DateFrom::Modified)];
            let article = Article {
                date: date.map(|(y, m, d)| jiff::civil::Date::new(y, m, d).expect("a valid date")),
                date_from: froms[from],
                source,
                ..Article::named(Location::Sample("test"), title)
            };
            let mut line = Vec::new();
            table_row(&mut line, &article);
            proptest::prop_assert_eq!(String::from_utf8(line).expect("UTF-8"), row_by_format(&article));
        }
    }
}
