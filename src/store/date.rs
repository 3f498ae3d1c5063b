//! Finds calendar dates in the ways people write them: `2024-11-21`,
//! `2024-11-21T08:07:00+08:00`, `21 November 2024`, `November 21, 2024`, `Nov. 21, 2024`,
//! `Thu, 21 Nov 2024 08:07:00 +0000`, `2024/11/21`, and in paths (`2024-11-21-slug.md`,
//! `2024/11/21/slug.md`).
//!
//! A datetime keeps the date as written: `2024-11-21T23:30:00-05:00` is 2024-11-21.

use jiff::civil::Date;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Parses a field value that is a date, perhaps with a time or a weekday around it.
pub fn parse_date(value: &str) -> Option<Date> {
    find_date(value)
}

/// The first date written anywhere in `text`.
pub fn find_date(text: &str) -> Option<Date> {
    let tokens = tokenize(text);
    (0..tokens.len()).find_map(|i| date_at(&tokens, i))
}

/// A date in a relative path: a file or folder name holding `YYYY-MM-DD` (or
/// `YYYY_MM_DD`, `YYYY.MM.DD`), else three folders `YYYY/MM/DD` in a row. The file name
/// wins over the folders.
pub fn date_in_path(rel_path: &str) -> Option<Date> {
    let components: Vec<&str> = rel_path.split('/').filter(|c| !c.is_empty()).collect();
    // `YYYY-MM-DD` needs at least six digits; most names have none, so skip them fast.
    let digits = |s: &str| s.bytes().filter(u8::is_ascii_digit).count();
    for component in components.iter().rev().filter(|c| digits(c) >= 6) {
        let stem = component
            .rsplit_once('.')
            .map_or(*component, |(stem, _)| stem);
        let tokens = tokenize(stem);
        if let Some(date) = (0..tokens.len()).find_map(|i| iso_at(&tokens, i)) {
            return Some(date);
        }
    }
    components.windows(3).rev().find_map(|w| {
        let year = four_digit_year(w[0])?;
        let month = small_number(w[1])?;
        let day = small_number(leading_digits(w[2]))?;
        make_date(year, month, day)
    })
}

fn leading_digits(s: &str) -> &str {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    &s[..end]
}

/// A run of ASCII digits, a run of letters, or one other character.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Token<'a> {
    Number(&'a str),
    Word(&'a str),
    Mark(char),
}

/// `text` as [`Token`]s. ASCII is classed byte by byte; only letters beyond ASCII
/// are decoded, to ask whether they are letters.
fn tokenize(text: &str) -> Vec<Token<'_>> {
    let bytes = text.as_bytes();
    let letter_at = |at: usize| -> Option<usize> {
        match bytes.get(at)? {
            b if b.is_ascii_alphabetic() => Some(1),
            b if b.is_ascii() => None,
            _ => text[at..]
                .chars()
                .next()
                .filter(|c| c.is_alphabetic())
                .map(char::len_utf8),
        }
    };
    let mut tokens = Vec::with_capacity(16);
    let mut at = 0;
    while at < bytes.len() {
        let start = at;
        if bytes[at].is_ascii_digit() {
            while bytes.get(at).is_some_and(u8::is_ascii_digit) {
                at += 1;
            }
            tokens.push(Token::Number(&text[start..at]));
        } else if letter_at(at).is_some() {
            while let Some(len) = letter_at(at) {
                at += len;
            }
            tokens.push(Token::Word(&text[start..at]));
        } else {
            let c = text[at..]
                .chars()
                .next()
                .expect("a character at a boundary");
            at += c.len_utf8();
            tokens.push(Token::Mark(c));
        }
    }
    tokens
}

fn date_at(tokens: &[Token<'_>], i: usize) -> Option<Date> {
    iso_at(tokens, i)
        .or_else(|| day_month_year_at(tokens, i))
        .or_else(|| month_day_year_at(tokens, i))
}

/// `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD` or `YYYY_MM_DD`, not inside a longer number.
fn iso_at(tokens: &[Token<'_>], i: usize) -> Option<Date> {
    let Token::Number(year) = *tokens.get(i)? else {
        return None;
    };
    let year = four_digit_year(year)?;
    let Token::Mark(sep) = *tokens.get(i + 1)? else {
        return None;
    };
    if !matches!(sep, '-' | '/' | '.' | '_') {
        return None;
    }
    let Token::Number(month) = *tokens.get(i + 2)? else {
        return None;
    };
    if *tokens.get(i + 3)? != Token::Mark(sep) {
        return None;
    }
    let Token::Number(day) = *tokens.get(i + 4)? else {
        return None;
    };
    make_date(year, small_number(month)?, small_number(day)?)
}

/// `21 November 2024`, `21 Nov 2024`, `21-Nov-2024`, `21st November 2024`,
/// `21st of November, 2024`.
fn day_month_year_at(tokens: &[Token<'_>], i: usize) -> Option<Date> {
    let Token::Number(day) = *tokens.get(i)? else {
        return None;
    };
    let day = small_number(day)?;
    let mut j = skip_marks(tokens, skip_ordinal(tokens, i + 1), 1);
    if let Some(Token::Word(of)) = tokens.get(j)
        && of.eq_ignore_ascii_case("of")
    {
        j = skip_marks(tokens, j + 1, 1);
    }
    let Token::Word(month) = *tokens.get(j)? else {
        return None;
    };
    let month = month_number(month)?;
    j = skip_marks(tokens, j + 1, 2);
    let Token::Number(year) = *tokens.get(j)? else {
        return None;
    };
    make_date(four_digit_year(year)?, month, day)
}

/// `November 21, 2024`, `Nov. 21, 2024`, `Nov 21 2024`, `November 21st, 2024`.
fn month_day_year_at(tokens: &[Token<'_>], i: usize) -> Option<Date> {
    let Token::Word(month) = *tokens.get(i)? else {
        return None;
    };
    let month = month_number(month)?;
    let mut j = skip_marks(tokens, i + 1, 2);
    let Token::Number(day) = *tokens.get(j)? else {
        return None;
    };
    let day = small_number(day)?;
    j = skip_marks(tokens, skip_ordinal(tokens, j + 1), 2);
    let Token::Number(year) = *tokens.get(j)? else {
        return None;
    };
    make_date(four_digit_year(year)?, month, day)
}

/// Skips an ordinal suffix (`st`, `nd`, `rd`, `th`) at `i`, if there is one.
fn skip_ordinal(tokens: &[Token<'_>], i: usize) -> usize {
    match tokens.get(i) {
        Some(Token::Word(word))
            if ["st", "nd", "rd", "th"]
                .iter()
                .any(|suffix| word.eq_ignore_ascii_case(suffix)) =>
        {
            i + 1
        }
        _ => i,
    }
}

/// Skips up to `max` separator marks (space, comma, period, hyphen, slash).
fn skip_marks(tokens: &[Token<'_>], mut i: usize, max: usize) -> usize {
    let mut skipped = 0;
    while skipped < max {
        match tokens.get(i) {
            Some(Token::Mark(' ' | ',' | '.' | '-' | '/' | '\u{a0}')) => {
                i += 1;
                skipped += 1;
            }
            _ => break,
        }
    }
    i
}

fn month_number(word: &str) -> Option<i8> {
    let word = word.to_ascii_lowercase();
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|name| {
            *name == word
                || (word.len() == 3 && name.starts_with(&word))
                || (word == "sept" && *name == "september")
        })
        .map(|index| index as i8 + 1)
}

fn four_digit_year(s: &str) -> Option<i16> {
    if s.len() != 4 {
        return None;
    }
    s.parse::<i16>().ok().filter(|y| (1800..=2200).contains(y))
}

fn small_number(s: &str) -> Option<i8> {
    if s.is_empty() || s.len() > 2 {
        return None;
    }
    s.parse().ok()
}

fn make_date(year: i16, month: i8, day: i8) -> Option<Date> {
    Date::new(year, month, day).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definition of [`tokenize`], to check the byte-wise one against.
    fn tokenize_slowly(text: &str) -> Vec<Token<'_>> {
        let mut tokens = Vec::new();
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            let len = if c.is_ascii_digit() {
                rest.find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(rest.len())
            } else if c.is_alphabetic() {
                rest.find(|c: char| !c.is_alphabetic())
                    .unwrap_or(rest.len())
            } else {
                c.len_utf8()
            };
            let (token, after) = rest.split_at(len);
            tokens.push(if c.is_ascii_digit() {
                Token::Number(token)
            } else if c.is_alphabetic() {
                Token::Word(token)
            } else {
                Token::Mark(c)
            });
            rest = after;
        }
        tokens
    }

    proptest::proptest! {
        #[test]
        fn tokens_are_those_of_the_definition(text in "[a-zA-Z0-9 .,:/éÉ中٣ß\u{301}-]{0,40}") {
            proptest::prop_assert_eq!(tokenize(&text), tokenize_slowly(&text));
        }
    }

    use jiff::civil::date;

    #[test]
    fn every_written_form() {
        let want = Some(date(2024, 11, 21));
        for text in [
            "2024-11-21",
            "2024-11-21T08:07:00+08:00",
            "2024-11-21T23:59:00Z",
            "2024-11-21 08:07",
            "21 November 2024",
            "November 21, 2024",
            "Nov. 21, 2024",
            "Nov 21 2024",
            "Sept. 3, 2024".replace("Sept. 3", "Nov. 21").as_str(),
            "Thu, 21 Nov 2024 08:07:00 +0000",
            "2024/11/21",
            "  21 november 2024  ",
        ] {
            assert_eq!(parse_date(text), want, "{text}");
        }
        assert_eq!(parse_date("Sept. 3, 2024"), Some(date(2024, 9, 3)));
    }

    #[test]
    fn ordinal_days() {
        let want = Some(date(2024, 11, 21));
        for text in [
            "21st November 2024",
            "Thursday 21st of November, 2024",
            "November 21st, 2024",
            "Nov. 21ST 2024",
        ] {
            assert_eq!(parse_date(text), want, "{text}");
        }
        assert_eq!(parse_date("2nd May 2024"), Some(date(2024, 5, 2)));
        assert_eq!(parse_date("May 3rd, 2024"), Some(date(2024, 5, 3)));
        assert_eq!(parse_date("21st 2024"), None);
    }

    #[test]
    fn offset_datetimes_keep_the_date_as_written() {
        assert_eq!(
            parse_date("2024-11-21T23:30:00-05:00"),
            Some(date(2024, 11, 21))
        );
        assert_eq!(
            parse_date("2024-11-21T00:30:00+09:00"),
            Some(date(2024, 11, 21))
        );
    }

    #[test]
    fn impossible_or_partial_dates_are_none() {
        for text in [
            "2024-13-01",
            "2024-02-30",
            "November 2024",
            "2024",
            "",
            "31 Nov 2024",
            "May",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }

    #[test]
    fn byline_date_is_found() {
        assert_eq!(
            find_date("Xinhua) 08:07, November 21, 2024"),
            Some(date(2024, 11, 21))
        );
    }

    #[test]
    fn dates_in_paths() {
        assert_eq!(
            date_in_path("2024-11-21-some-slug.md"),
            Some(date(2024, 11, 21))
        );
        assert_eq!(
            date_in_path("news/2024/11/21/slug.md"),
            Some(date(2024, 11, 21))
        );
        assert_eq!(date_in_path("2022/06/03/some-slug"), Some(date(2022, 6, 3)));
        assert_eq!(
            date_in_path("a/2024/11/21-slug.md"),
            Some(date(2024, 11, 21))
        );
        assert_eq!(
            date_in_path("tech/2019/2020-01-05-x.md"),
            Some(date(2020, 1, 5))
        );
        assert_eq!(date_in_path("business/2004/some-title.txt"), None);
        assert_eq!(date_in_path("top-10-gadgets.txt"), None);
    }
}
