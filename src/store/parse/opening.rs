//! What the first lines of an article's body tell when no metadata does: the source and
//! date of a byline (`Xinhua) 08:07, November 21, 2024`), a date alone on a line, and the
//! agency of a dateline (`HANGZHOU, Nov. 20 (Xinhua) -- …`).

use jiff::civil::Date;

use super::skip_blank_lines;
use crate::lines::{lines, split_line};
use crate::sanitize::sanitize_line;
use crate::store::date::find_date;

/// A byline (`Xinhua) 08:07, November 21, 2024`) is never longer than this.
const MAX_BYLINE_CHARS: usize = 80;

/// What a byline such as `Xinhua) 08:07, November 21, 2024` holds.
pub(super) struct Byline {
    pub(super) source: Option<String>,
    pub(super) date: Option<Date>,
}

/// A byline in the first non-blank line of the body: `Source) HH:MM, Month D, YYYY`, or
/// a writer's name, `By Jane Smith, Reuters` (which gives neither source nor date).
///
/// The line must be short and hold little besides the source and the time: a sentence
/// such as `The mayor (who spoke) 3 times said on 5 May 2024 …` is not a byline.
pub(super) fn byline(body: &str) -> Option<Byline> {
    // A line of more than four bytes a character is too long whatever it holds, so the
    // search for its end stops there.
    let text = skip_blank_lines(opening(body, 1024));
    let (line, _) = split_line(opening(text, MAX_BYLINE_CHARS * 4 + 1));
    if line.len() > MAX_BYLINE_CHARS * 4 || line.chars().count() > MAX_BYLINE_CHARS {
        return None;
    }
    if names_the_writer(line.trim()) {
        return Some(Byline {
            source: None,
            date: None,
        });
    }
    let (source, after) = line.split_once(')')?;
    let source = source.trim().trim_start_matches('(').trim();
    let after = after.trim_start();
    if source.is_empty()
        || source.contains('(')
        || source.chars().count() > 40
        || !after.starts_with(|c: char| c.is_ascii_digit())
        || after.chars().filter(|c| c.is_alphabetic()).count() > 20
    {
        return None;
    }
    let date = find_date(after);
    date?;
    Some(Byline {
        source: Some(sanitize_line(source)),
        date,
    })
}

/// Words a name may hold in lower case: `By Ana de la Cruz and Tom van Dijk`.
const NAME_PARTICLES: [&str; 9] = ["and", "de", "la", "le", "van", "von", "der", "da", "di"];

/// `By Jane Smith`, `By Jane Smith and Tom Lee, BBC News`: `By`, then a few words, each
/// capitalised or a particle of a name, and no sentence's end.
fn names_the_writer(line: &str) -> bool {
    let Some(rest) = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("BY "))
    else {
        return false;
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 10
        && !rest.ends_with(['.', '?', '!', ':'])
        && words[0].starts_with(char::is_uppercase)
        && words
            .iter()
            .all(|word| word.starts_with(char::is_uppercase) || NAME_PARTICLES.contains(word))
}

/// A date standing alone on one of the body's first lines (`21 November 2024`,
/// `Published: Nov. 21, 2024`): a short line that is mostly the date.
pub(super) fn date_in_opening(body: &str) -> Option<Date> {
    // Only whole short lines count, so a line cut off by the opening's end is left out.
    let head = opening(body, 512);
    let whole = if head.len() < body.len() {
        head.rsplit_once('\n').map_or("", |(whole, _)| whole)
    } else {
        head
    };
    lines(whole)
        .filter(|line| !line.trim().is_empty())
        .take(3)
        .filter(|line| line.len() <= 60)
        .find_map(|line| {
            let line = line.trim();
            let line = line
                .split_once(':')
                .filter(|(key, _)| key.len() <= 12 && key.chars().all(char::is_alphabetic))
                .map_or(line, |(_, value)| value);
            let date = find_date(line)?;
            let letters = line.chars().filter(|c| c.is_alphabetic()).count();
            (letters <= 20).then_some(date)
        })
}

/// The agency in a dateline that opens the first paragraphs:
/// `HANGZHOU, Nov. 20 (Xinhua) -- …` gives `Xinhua`.
pub(super) fn dateline_source(body: &str) -> Option<String> {
    paragraph_openings(opening(body, 4096))
        .take(3)
        .find_map(|opening| {
            // Cheap test first: a dateline opens with a capital letter and has a ')'.
            if !opening.starts_with(|c: char| c.is_uppercase()) {
                return None;
            }
            let head = &opening[..opening
                .char_indices()
                .nth(120)
                .map_or(opening.len(), |(i, _)| i)];
            let close = head.find(')')?;
            let after = head[close + 1..].trim_start();
            if !(after.starts_with("--") || after.starts_with('—') || after.starts_with('–')) {
                return None;
            }
            let open = head[..close].rfind('(')?;
            let city = head[..open].split(',').next().unwrap_or_default();
            let city_in_capitals =
                city.chars().any(char::is_alphabetic) && !city.chars().any(char::is_lowercase);
            let agency = head[open + 1..close].trim();
            (city_in_capitals && !agency.is_empty() && agency.chars().count() <= 40)
                .then(|| sanitize_line(agency))
        })
}

/// The first `max` bytes of `text` (less, to end on a character boundary): metadata in
/// the text sits near its start, so there is no need to search the whole body.
pub(super) fn opening(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The first line of each paragraph (a line after a blank line, or the first line).
fn paragraph_openings(body: &str) -> impl Iterator<Item = &str> {
    let mut after_blank = true;
    lines(body).filter_map(move |line| {
        let line = line.trim_start();
        let opens = after_blank && !line.is_empty();
        after_blank = line.is_empty();
        opens.then_some(line)
    })
}

#[cfg(test)]
mod tests {
    use crate::store::parse::parse;
    use crate::store::{DateFrom, Format};
    use jiff::civil::date;

    #[test]
    fn a_byline_alone_gives_source_and_date() {
        let text =
            "Harvest begins\n\n(Xinhua) 16:40, April 9, 2024\n\nPickers moved up the slopes.\n";
        let parsed = parse(text, "a.txt", Format::Text);
        assert_eq!(parsed.date, Some((date(2024, 4, 9), DateFrom::Text)));
        assert_eq!(parsed.source.as_deref(), Some("Xinhua"));
    }

    #[test]
    fn a_sentence_with_brackets_is_not_a_byline() {
        let text = "A plain headline\n\nThe mayor (who spoke) 3 times said on 5 May 2024 that the works would finish soon.\n";
        let parsed = parse(text, "a.txt", Format::Text);
        assert_eq!(parsed.source, None);
        assert_eq!(parsed.date, None);
        let text = "A plain headline\n\nResidents) 12 of them, said on 5 May 2024 that the works were taking far too long to finish.\n";
        assert_eq!(parse(text, "a.txt", Format::Text).source, None);
    }

    #[test]
    fn a_writers_byline_is_a_byline_and_tells_no_source() {
        use crate::store::parse::is_byline;
        for line in [
            "By Jane Smith, Reuters",
            "By Ana de la Cruz and Tom Lee, Harbour Wire",
            "BY JANE SMITH",
            "Xinhua) 08:07, November 21, 2024",
        ] {
            assert!(is_byline(line), "{line:?}");
        }
        for line in [
            "By the time the ferry arrived, the pier was full.",
            "By Monday the crews had voted to strike",
            "By Jane Smith, Reuters\nand more",
            "Bylines are not always there.",
        ] {
            assert!(!is_byline(line), "{line:?}");
        }
        let text = "Pier lights\n\nBy Jane Smith, Reuters\n\nThe council will replace the lamps.\n";
        let parsed = parse(text, "a.txt", Format::Text);
        assert_eq!((parsed.source, parsed.date), (None, None));
    }
}
