//! Plain text as the reader shows it: paragraphs, with the line breaks of list items kept.
//!
//! Text comes in two shapes, often in one file: hard-wrapped (lines broken near a fixed
//! width, paragraphs separated by blank lines) and one paragraph a line (most scraped
//! news). A block of lines between blank lines is taken as one paragraph a line when it
//! holds a line of words longer than 100 characters (no wrap is that wide), when it has
//! four or more lines all ending a sentence before a capital (a line ending in `.`, `?`,
//! `!`, `"` or `”`, the next starting with a capital), or when most of its line breaks
//! fall between sentences and its lines do not look wrapped. The file's wrap width is the
//! widest line before a break in the other blocks, when three in four such lines come
//! near it; a block looks wrapped when each line before a break is near that
//! width or too full for the next line's first word. In a block of one paragraph a line,
//! a line opening in lower case after a short line goes on with it. Any other block is
//! joined, as hard-wrapped text.

use crate::lines::lines;
use crate::words::is_own_word;

/// Lines wrapped by hand or by a tool are no wider than this; a longer line is a
/// paragraph written on one line.
const MAX_WRAP_WIDTH: usize = 100;

/// A block whose line breaks all fall between sentences, this many breaks or more, is
/// one paragraph a line however long its lines.
const SENTENCES_ALONE: usize = 3;

/// Plain text as paragraphs: blank lines separate them; within a block of lines, each
/// line is a paragraph when the block is written one paragraph a line, else the lines are
/// joined with a space (none between two CJK characters). Lines that start a list item
/// keep their line break.
pub fn paragraphs(body: &str) -> Vec<String> {
    let all: Vec<&str> = lines(body).map(str::trim).collect();
    let width = wrap_width(&all);
    let mut paragraphs = Vec::new();
    for block in all.split(|line| line.is_empty()) {
        let Some((first, rest)) = block.split_first() else {
            continue;
        };
        let apart = one_paragraph_a_line(block, width);
        let mut current = (*first).to_owned();
        let mut last = *first;
        for &line in rest {
            if starts_list_item(line) {
                current.push('\n');
            } else if apart && !goes_on(last, line) {
                paragraphs.push(std::mem::take(&mut current));
            } else {
                let joins_cjk = last.chars().next_back().is_some_and(is_own_word)
                    && line.chars().next().is_some_and(is_own_word);
                if !joins_cjk {
                    current.push(' ');
                }
            }
            current.push_str(line);
            last = line;
        }
        paragraphs.push(current);
    }
    paragraphs
}

/// The line breaks of `block` that tell its shape: each line with the one after it,
/// unless either starts a list item (an item keeps its line break, and what follows it
/// may go on with the item).
fn breaks<'a>(block: &'a [&'a str]) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
    block
        .windows(2)
        .map(|pair| (pair[0], pair[1]))
        .filter(|(line, next)| !starts_list_item(line) && !starts_list_item(next))
}

/// The width the file's lines were wrapped at: the widest line before a line break in
/// the blocks that could be wrapped (no line of words over [`MAX_WRAP_WIDTH`]
/// characters), when three in four of those lines are full at that width; `None` when
/// the lines do not cluster under a width.
fn wrap_width(all: &[&str]) -> Option<usize> {
    let narrow: Vec<(&str, &str)> = all
        .split(|line| line.is_empty())
        .filter(|block| !block.iter().any(|line| is_too_long_to_be_wrapped(line)))
        .flat_map(|block| breaks(block).collect::<Vec<_>>())
        .filter(|(line, _)| line.chars().count() <= MAX_WRAP_WIDTH)
        .collect();
    let width = narrow.iter().map(|(line, _)| line.chars().count()).max()?;
    let full = narrow
        .iter()
        .filter(|(line, next)| is_full(line, next, width))
        .count();
    (full * 4 >= narrow.len() * 3).then_some(width)
}

/// A line that wrapping at `width` would have ended where it ends: no wider than `width`,
/// and either near it or too full for the next line's first word.
fn is_full(line: &str, next: &str, width: usize) -> bool {
    let chars = line.chars().count();
    let next_word = next
        .split_whitespace()
        .next()
        .map_or(0, |w| w.chars().count());
    chars <= width && (chars * 4 >= width * 3 || chars + 1 + next_word > width)
}

/// A line break between two sentences: the line ends in `.`, `?`, `!`, `"` or `”` and
/// the next line starts with a capital, perhaps after an opening quote.
fn is_sentence_break(line: &str, next: &str) -> bool {
    let ends = line.ends_with(['.', '?', '!', '"', '”']);
    let opening = next.trim_start_matches(['"', '“', '‘', '\'']);
    ends && opening.chars().next().is_some_and(char::is_uppercase)
}

/// Whether the lines of `block` are each a paragraph (see the module's notes), given
/// the file's wrap `width`.
fn one_paragraph_a_line(block: &[&str], width: Option<usize>) -> bool {
    let (mut count, mut sentences, mut full) = (0, 0, 0);
    for (line, next) in breaks(block) {
        count += 1;
        sentences += usize::from(is_sentence_break(line, next));
        full += usize::from(width.is_some_and(|width| is_full(line, next, width)));
    }
    if count == 0 {
        return false;
    }
    let unwrapped = block.iter().any(|line| is_too_long_to_be_wrapped(line));
    unwrapped
        || (sentences == count && count >= SENTENCES_ALONE)
        || (full < count && sentences * 2 > count)
}

/// In a block written one paragraph a line, whether `next` goes on with `line` rather
/// than starting a paragraph: it opens in lower case after a line short enough to have
/// been wrapped.
fn goes_on(line: &str, next: &str) -> bool {
    next.starts_with(char::is_lowercase) && !is_too_long_to_be_wrapped(line)
}

/// A line of words wider than any wrap width: a paragraph written on one line. (A long
/// line of one word, such as an address, may sit among wrapped lines.)
fn is_too_long_to_be_wrapped(line: &str) -> bool {
    line.chars().count() > MAX_WRAP_WIDTH && line.trim().contains(' ')
}

fn starts_list_item(line: &str) -> bool {
    if let Some(rest) = line.strip_prefix(['-', '*', '•']) {
        return rest.starts_with(' ');
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    digits > 0
        && digits < 4
        && line[digits..].starts_with(['.', ')'])
        && line[digits + 1..].starts_with(' ')
}

#[cfg(test)]
mod tests {
    use super::paragraphs;

    /// Scraped news: one paragraph a line, no blank lines, lengths all over the place.
    const NEWS: &str = "\
PORT ELLEN, March 3 (Harbour Wire) -- Crews on the island ferries voted on Monday to walk out for two days later this month, in a dispute over the winter rota.
The vote was 212 to 31.
\"Nobody wants to leave the islands without a boat,\" said Morag Bell, who chairs the crews' branch. \"But the rota as it stands is not safe.\"
The operator said it was disappointed and would meet the union again on Thursday.
Island shops have begun ordering extra stock in case the sailings stop.
";

    /// The same kind of text hard-wrapped at 72 columns, paragraphs between blank lines.
    const WRAPPED: &str = "\
The string of lamps along the east pier was lit again on Tuesday
evening, three weeks after a winter storm pulled most of the cables
loose. Volunteers spent two weekends on it.

Volunteers from the rowing club spent two weekends testing each bulb.
Sixty of the old fittings were replaced with sealed ones that should
survive the spray. The harbour master was pleased.
";

    #[test]
    fn one_paragraph_a_line_keeps_each_line_a_paragraph() {
        let expected: Vec<&str> = NEWS.lines().collect();
        assert_eq!(paragraphs(NEWS), expected);
    }

    #[test]
    fn short_one_line_paragraphs_are_kept_apart_too() {
        let text = "The fire started at three.\nNobody was hurt.\nPolice are asking for witnesses.\n\"It was loud,\" said a neighbour.\n";
        assert_eq!(paragraphs(text).len(), 4);
    }

    #[test]
    fn hard_wrapped_lines_are_still_joined() {
        assert_eq!(
            paragraphs(WRAPPED),
            [
                "The string of lamps along the east pier was lit again on Tuesday evening, three weeks after a winter storm pulled most of the cables loose. Volunteers spent two weekends on it.",
                "Volunteers from the rowing club spent two weekends testing each bulb. Sixty of the old fittings were replaced with sealed ones that should survive the spray. The harbour master was pleased.",
            ]
        );
    }

    #[test]
    fn each_block_is_told_apart_when_a_file_has_both_shapes() {
        let text = format!(
            "{WRAPPED}\n{NEWS}\nThe ferry company said on Tuesday that it would\npublish a new rota for the spring before the end of\nthe month.\n"
        );
        let got = paragraphs(&text);
        assert_eq!(got.len(), 2 + NEWS.lines().count() + 1, "{got:#?}");
        assert!(got[0].starts_with("The string of lamps") && got[0].ends_with("on it."));
        assert_eq!(
            got[2..2 + NEWS.lines().count()],
            NEWS.lines().collect::<Vec<_>>()
        );
        assert_eq!(
            got.last().unwrap(),
            "The ferry company said on Tuesday that it would publish a new rota for the spring before the end of the month."
        );
    }

    #[test]
    fn list_items_keep_their_line_breaks_in_either_shape() {
        let wrapped = "Bring the following:\n- a torch\n- a flask of tea, and a coat that\n  keeps out the rain\n";
        assert_eq!(
            paragraphs(wrapped),
            [
                "Bring the following:\n- a torch\n- a flask of tea, and a coat that keeps out the rain"
            ]
        );
        let news = "The council listed three changes to the timetable, which start in April and run until the end of the summer season.\nThey are:\n- an earlier first bus\n- a later last bus\nThe changes were welcomed by the traders' association.\n";
        assert_eq!(
            paragraphs(news),
            [
                "The council listed three changes to the timetable, which start in April and run until the end of the summer season.",
                "They are:\n- an earlier first bus\n- a later last bus",
                "The changes were welcomed by the traders' association.",
            ]
        );
    }

    #[test]
    fn lines_that_do_not_end_sentences_are_joined_as_before() {
        // A table, an address, a headline with its text: no sentence ends before a capital.
        for (text, expected) in [
            (
                "name\tcount\napples\t12\npears\t7\n",
                "name\tcount apples\t12 pears\t7",
            ),
            (
                "Harbour Office\nEast Pier\nPort Ellen\n",
                "Harbour Office East Pier Port Ellen",
            ),
            ("東京の朝は\n静かです。\n", "東京の朝は静かです。"),
        ] {
            assert_eq!(paragraphs(text), [expected], "{text:?}");
        }
    }

    #[test]
    fn a_line_too_long_to_be_wrapped_makes_its_block_one_paragraph_a_line() {
        // A results table after long paragraphs: no sentence ends, yet each line stands alone.
        let long = "Holders Manchester United and Premiership leaders Chelsea were both drawn away from home in the fifth round, with the ties to be played over the weekend of 19 and 20 February.";
        let text = format!(
            "{long}\nBolton v Derby or Fulham\nEverton v Manchester United\nBurnley v Blackburn\n"
        );
        assert_eq!(
            paragraphs(&text),
            [
                long,
                "Bolton v Derby or Fulham",
                "Everton v Manchester United",
                "Burnley v Blackburn"
            ]
        );
    }

    #[test]
    fn a_line_opening_in_lower_case_goes_on_with_a_short_line_before_it() {
        let text = format!(
            "{}\nJamaican sprinter Veronica\ncampbell won the 200m.\nThe crowd was the largest of the season.\n",
            NEWS.lines().next().unwrap()
        );
        assert_eq!(
            paragraphs(&text)[1..],
            [
                "Jamaican sprinter Veronica campbell won the 200m.",
                "The crowd was the largest of the season."
            ]
        );
    }
}
