//! Finding a reworded passage: approximate substring matching (Sellers' semi-global edit
//! distance, computed a machine word of rows at a time by Myers' bit-parallel algorithm),
//! near the passage's old place first, then in the whole text; the stored context
//! decides between candidates and pins the passage's ends.

use std::collections::HashMap;

use super::anchor::Selector;

/// Quotes shorter than this (in characters) are never matched approximately: a few
/// edits would turn them into too many other phrases.
pub const MIN_QUOTE: usize = 12;

/// The most edits (characters inserted, deleted or replaced) accepted between the
/// stored quote and the text now there: a quarter of the quote's characters.
pub fn bound(quote_chars: usize) -> usize {
    quote_chars / 4
}

/// Characters compared equal: the same, or both whitespace (a rewrapped line is no edit).
fn same(a: char, b: char) -> bool {
    a == b || (a.is_whitespace() && b.is_whitespace())
}

/// A place in the text that comes within the bound of the quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// Characters: the passage now there is `start..end`.
    pub start: usize,
    pub end: usize,
    /// Edits between the stored quote and the passage now there.
    pub edits: usize,
}

/// The text (its characters) that comes closest to `selector`'s quote within
/// [`bound`] edits, looked for within a window around its stored offset, then in the
/// whole text; among close places, the one whose surroundings repeat the stored
/// context best, then the one nearest the offset.
pub fn find(selector: &Selector, text: &[char]) -> Option<Found> {
    let quote: Vec<char> = selector.exact.chars().collect();
    if quote.len() < MIN_QUOTE {
        return None;
    }
    let bound = bound(quote.len());
    let reach = 4 * quote.len() + 2 * super::anchor::CONTEXT;
    let from = selector.offset.saturating_sub(reach).min(text.len());
    let to = (selector.offset + quote.len() + reach).min(text.len());
    let near = best(selector, &quote, text, from..to, bound);
    if near.is_some() || (from == 0 && to == text.len()) {
        return near;
    }
    best(selector, &quote, text, 0..text.len(), bound)
}

/// The best place within `range` of `text`, by edits to the quote and its context.
fn best(
    selector: &Selector,
    quote: &[char],
    text: &[char],
    range: std::ops::Range<usize>,
    bound: usize,
) -> Option<Found> {
    let prefix: Vec<char> = selector.prefix.chars().collect();
    let suffix: Vec<char> = selector.suffix.chars().collect();
    let mut clusters = ends_within(quote, &text[range.clone()], bound);
    // The closest places first; only a few are weighed with their context.
    clusters.sort_by_key(|f| f.edits);
    clusters.truncate(8);
    clusters
        .into_iter()
        .filter_map(|f| {
            let f = Found {
                start: f.start + range.start,
                end: f.end + range.start,
                ..f
            };
            refine(quote, &prefix, &suffix, text, f, bound)
        })
        .min_by_key(|(found, cost)| (*cost, found.start.abs_diff(selector.offset)))
        .map(|(found, _)| found)
}

/// Finds the ends of the passage near `found` (of which only the end is sure) that fit
/// the quote and its context best: the start that makes the quote's edits plus the
/// prefix's fewest, then the end that makes the quote's plus the suffix's fewest, then
/// the start again for that end. That place and its cost (the quote's edits and its
/// context's), or `None` when the place is not accepted: the quote must come within its
/// bound, and the passage with its context within a quarter of all their characters, so
/// a near-copy of a short quote in unrelated surroundings is not taken for it.
fn refine(
    quote: &[char],
    prefix: &[char],
    suffix: &[char],
    text: &[char],
    found: Found,
    bound: usize,
) -> Option<(Found, usize)> {
    let reversed: Vec<char> = quote.iter().rev().copied().collect();
    let (start, _, _) = best_start(&reversed, prefix, text, found.end, bound, found.start)?;
    let (end, _) = best_end(quote, suffix, text, start, bound, found.end)?;
    let (start, edits, cost) = best_start(&reversed, prefix, text, end, bound, start)?;
    let cost = cost + after(suffix, text, end);
    let whole = quote.len() + prefix.len() + suffix.len();
    (cost <= whole / 4).then_some((Found { start, end, edits }, cost))
}

/// For a passage starting at `start`, the end where the quote's edits (within `bound`)
/// plus the suffix's are fewest (nearest `near` on a tie), and that cost.
fn best_end(
    quote: &[char],
    suffix: &[char],
    text: &[char],
    start: usize,
    bound: usize,
    near: usize,
) -> Option<(usize, usize)> {
    let m = quote.len();
    let to = (start + m + bound).min(text.len());
    // One pass gives the quote's edits for every end from `start`.
    let row = last_row(quote, &text[start..to]);
    let last = quote.last().copied();
    (start + m.saturating_sub(bound)..=to)
        .filter(|&end| row[end - start] <= bound)
        .map(|end| (end, row[end - start] + after(suffix, text, end)))
        .min_by_key(|&(end, cost)| {
            (
                cost,
                !ends_as_quote_does(text, end, last),
                end.abs_diff(near),
            )
        })
}

/// Whether a passage ending at `end` ends as the quote does (whose last character is
/// `last`): after the end of a word when the quote ends in one, so that of two ends as
/// good, `did not run` → `did not sail` is taken whole rather than as `did not `.
fn ends_as_quote_does(text: &[char], end: usize, last: Option<char>) -> bool {
    if !last.is_some_and(|c| c.is_alphanumeric()) {
        return true;
    }
    let before = end.checked_sub(1).and_then(|i| text.get(i));
    let after = text.get(end);
    before.is_some_and(|c| c.is_alphanumeric()) && !after.is_some_and(|c| c.is_alphanumeric())
}

/// Whether a passage starting at `start` starts as the quote does (whose first
/// character is `first`): at the start of a word when the quote starts with one.
fn starts_as_quote_does(text: &[char], start: usize, first: Option<char>) -> bool {
    if !first.is_some_and(|c| c.is_alphanumeric()) {
        return true;
    }
    let before = start.checked_sub(1).and_then(|i| text.get(i));
    text.get(start).is_some_and(|c| c.is_alphanumeric())
        && !before.is_some_and(|c| c.is_alphanumeric())
}

/// For a passage ending at `end`, the start where the quote's edits (within `bound`)
/// plus the prefix's are fewest (nearest `near` on a tie): the start, the quote's edits
/// and that cost. `reversed` is the quote backwards.
fn best_start(
    reversed: &[char],
    prefix: &[char],
    text: &[char],
    end: usize,
    bound: usize,
    near: usize,
) -> Option<(usize, usize, usize)> {
    let m = reversed.len();
    let from = end.saturating_sub(m + bound);
    let backwards: Vec<char> = text[from..end].iter().rev().copied().collect();
    let row = last_row(reversed, &backwards);
    let first = reversed.last().copied();
    (from..=end.saturating_sub(m.saturating_sub(bound)))
        .filter(|&start| row[end - start] <= bound)
        .map(|start| {
            let edits = row[end - start];
            (start, edits, edits + before(prefix, text, start))
        })
        .min_by_key(|&(start, _, cost)| {
            (
                cost,
                !starts_as_quote_does(text, start, first),
                start.abs_diff(near),
            )
        })
}

/// Edits between `prefix` and the text just before `start` (as many characters as fit
/// it best, a few more or fewer).
fn before(prefix: &[char], text: &[char], start: usize) -> usize {
    let from = start.saturating_sub(prefix.len() + prefix.len() / 4);
    let wanted: Vec<char> = prefix.iter().rev().copied().collect();
    let there: Vec<char> = text[from..start].iter().rev().copied().collect();
    last_row(&wanted, &there).into_iter().min().unwrap_or(0)
}

/// Edits between `suffix` and the text just after `end`.
fn after(suffix: &[char], text: &[char], end: usize) -> usize {
    let to = (end + suffix.len() + suffix.len() / 4).min(text.len());
    last_row(suffix, &text[end..to])
        .into_iter()
        .min()
        .unwrap_or(0)
}

/// Every place in `text` within `bound` edits of `quote` (Sellers' semi-global edit
/// distance, computed with Myers' bit-parallel algorithm, 64 rows of the table to a
/// machine word): of each run of adjacent ends, the one with the fewest edits. Only its
/// end is sure; its start is put the quote's length before it.
pub fn ends_within(quote: &[char], text: &[char], bound: usize) -> Vec<Found> {
    let m = quote.len();
    if m == 0 {
        return Vec::new();
    }
    let blocks = m.div_ceil(64);
    // For each character of the quote, the rows (bits) where it is.
    let mut rows_of: HashMap<char, Vec<u64>> = HashMap::new();
    for (i, &c) in quote.iter().enumerate() {
        rows_of
            .entry(canonical(c))
            .or_insert_with(|| vec![0; blocks])[i / 64] |= 1 << (i % 64);
    }
    let nowhere = vec![0u64; blocks];
    let last_bit = 1u64 << ((m - 1) % 64);
    // The vertical differences of the column (+1 and -1), and the last row's value.
    let mut plus = vec![!0u64; blocks];
    let mut minus = vec![0u64; blocks];
    let mut score = m;
    let mut out: Vec<Found> = Vec::new();
    let mut run: Option<Found> = None;
    for (j, &t) in text.iter().enumerate() {
        let equal = rows_of.get(&canonical(t)).unwrap_or(&nowhere);
        // Row 0 is all zeros (a passage may start anywhere): no difference comes in.
        let mut carry: i8 = 0;
        for b in 0..blocks {
            let high = if b + 1 == blocks { last_bit } else { 1 << 63 };
            let (pv, mv) = (plus[b], minus[b]);
            let negative = u64::from(carry < 0);
            let mut eq = equal[b];
            let xv = eq | mv;
            eq |= negative;
            let xh = ((eq & pv).wrapping_add(pv) ^ pv) | eq;
            let mut ph = mv | !(xh | pv);
            let mut mh = pv & xh;
            let out_carry = i8::from(ph & high != 0) - i8::from(mh & high != 0);
            ph <<= 1;
            mh <<= 1;
            mh |= negative;
            ph |= u64::from(carry > 0);
            plus[b] = mh | !(xv | ph);
            minus[b] = ph & xv;
            carry = out_carry;
        }
        score = score.saturating_add_signed(isize::from(carry));
        let here = (score <= bound).then(|| Found {
            start: (j + 1).saturating_sub(m),
            end: j + 1,
            edits: score,
        });
        match here {
            Some(here) => {
                if run.is_none_or(|kept| here.edits < kept.edits) {
                    run = Some(here);
                }
            }
            None => out.extend(run.take()),
        }
    }
    out.extend(run);
    out
}

/// Every whitespace character as a space, the rest as they are: what [`same`] compares.
fn canonical(c: char) -> char {
    if c.is_whitespace() { ' ' } else { c }
}

/// The edits between `a` and each start of `b` (`b[..0]`, `b[..1]`, … `b[..]`): the
/// last row of the Levenshtein table.
fn last_row(a: &[char], b: &[char]) -> Vec<usize> {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &x) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, &y) in b.iter().enumerate() {
            let next = (diag + usize::from(!same(x, y)))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row
}

/// The Levenshtein distance between `a` and `b`.
pub fn distance(a: &[char], b: &[char]) -> usize {
    last_row(a, b)[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// The plain definition: the fewest edits between `quote` and any substring of
    /// `text` ending at each position (the full table, no cut-off).
    fn plain_ends(quote: &[char], text: &[char]) -> Vec<usize> {
        let mut col: Vec<usize> = (0..=quote.len()).collect();
        let mut out = Vec::new();
        for &t in text {
            let mut diag = col[0];
            for i in 1..=quote.len() {
                let next = (diag + usize::from(!same(quote[i - 1], t)))
                    .min(col[i - 1] + 1)
                    .min(col[i] + 1);
                diag = col[i];
                col[i] = next;
            }
            out.push(col[quote.len()]);
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn the_bit_parallel_columns_agree_with_the_full_table(
            quote in "[abc \n]{1,150}",
            text in "[abcd \t]{0,300}",
            bound in 0usize..40,
        ) {
            let (quote, text) = (chars(&quote), chars(&text));
            // Of each run of ends within the bound, the first with the fewest edits.
            let mut expected: Vec<(usize, usize)> = Vec::new();
            let mut run: Option<(usize, usize)> = None;
            for (j, &edits) in plain_ends(&quote, &text).iter().enumerate() {
                if edits <= bound {
                    if run.is_none_or(|(_, kept)| edits < kept) {
                        run = Some((j + 1, edits));
                    }
                } else {
                    expected.extend(run.take());
                }
            }
            expected.extend(run);
            let found: Vec<(usize, usize)> = ends_within(&quote, &text, bound)
                .into_iter()
                .map(|f| (f.end, f.edits))
                .collect();
            proptest::prop_assert_eq!(found, expected);
        }
    }

    #[test]
    fn distances() {
        assert_eq!(distance(&chars("kitten"), &chars("sitting")), 3);
        assert_eq!(distance(&chars(""), &chars("abc")), 3);
        assert_eq!(distance(&chars("a b"), &chars("a\nb")), 0);
    }
}

/// The reader's and `folio bookmarks`' view of the fuzzy step: [`Selector::anchor`] on
/// reworded articles.
#[cfg(test)]
mod anchored {
    use super::super::anchor::{Anchor, Method, Selector};
    use proptest::prelude::*;

    const PARAGRAPH: &str = "Economists at the central bank published their annual \
        review on Tuesday. The gap between what households earn and what they spend \
        continues to widen, and the review warns that savings will fall again next \
        year unless wages rise faster than prices.\n\nThe bank kept its rate unchanged.";

    fn passage(text: &str, anchor: Anchor) -> String {
        text.chars()
            .skip(anchor.start)
            .take(anchor.end - anchor.start)
            .collect()
    }

    fn select(text: &str, quote: &str) -> Selector {
        let start = text.find(quote).expect("the quote");
        Selector::at(text, start, start + quote.len())
    }

    #[test]
    fn a_reworded_passage_is_found_changed_with_the_text_now_there() {
        let quote = "The gap between what households earn and what they spend \
                     continues to widen";
        let selector = select(PARAGRAPH, quote);
        let edited = PARAGRAPH.replace("continues to widen", "continues to grow wider");
        let anchor = selector.anchor(&edited).expect("found");
        assert_eq!(anchor.method, Method::Fuzzy);
        assert_eq!(
            passage(&edited, anchor),
            "The gap between what households earn and what they spend \
             continues to grow wider"
        );
        // The stored quote is kept as it was.
        assert_eq!(selector.exact, quote);
        // Moved down by a new first paragraph, it is found in the whole text.
        let moved = format!("{}\n\n{edited}", "A new opening paragraph. ".repeat(40));
        let anchor = selector.anchor(&moved).expect("found far from its offset");
        assert!(passage(&moved, anchor).ends_with("continues to grow wider"));
    }

    #[test]
    fn a_changed_last_word_is_taken_whole() {
        let text = "When the storm came in, the ferry did not run. We waited on the quay.";
        let selector = select(text, "the ferry did not run");
        let edited = text.replace("did not run", "did not sail");
        let anchor = selector.anchor(&edited).expect("found");
        assert_eq!(anchor.method, Method::Fuzzy);
        assert_eq!(passage(&edited, anchor), "the ferry did not sail");
        let edited = text.replace("the ferry", "our ferry");
        let anchor = selector.anchor(&edited).expect("found");
        assert_eq!(passage(&edited, anchor), "our ferry did not run");
    }

    #[test]
    fn short_quotes_and_rewrites_past_the_bound_are_not_found() {
        let selector = select(PARAGRAPH, "on Tuesday.");
        let edited = PARAGRAPH.replace("on Tuesday.", "on Tusday.");
        assert_eq!(selector.anchor(&edited), None, "under twelve characters");
        let selector = select(PARAGRAPH, "savings will fall again next year");
        let rewritten = PARAGRAPH.replace(
            "savings will fall again next year",
            "households may borrow more soon",
        );
        assert_eq!(selector.anchor(&rewritten), None);
    }

    #[test]
    fn timing_of_a_long_article() {
        // Not an assertion: the figure is printed for `cargo test -- --nocapture`.
        let words = [
            "harbour", "granite", "tide", "quay", "the", "of", "and", "boats",
        ];
        let mut text = String::new();
        let mut seed = 7u64;
        while text.len() < 100_000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            text.push_str(words[(seed >> 33) as usize % words.len()]);
            text.push(' ');
        }
        let at = text.len() / 2;
        let end = at + 200; // the text is ASCII
        let selector = Selector::at(&text, at, end);
        let mut edited: Vec<char> = text.chars().collect();
        for k in 0..20 {
            edited[at + k * 9] = 'X';
        }
        let near: String = edited.iter().collect();
        let started = std::time::Instant::now();
        let anchor = selector.anchor(&near).expect("found");
        let window = started.elapsed();
        assert_eq!(anchor.method, Method::Fuzzy);
        // Far from its offset: the window has nothing, the whole text is searched.
        let far = Selector {
            offset: 0,
            ..selector.clone()
        };
        let started = std::time::Instant::now();
        let anchor = far.anchor(&near).expect("found");
        let whole = started.elapsed();
        assert_eq!(anchor.method, Method::Fuzzy);
        let gone = Selector {
            exact: "zebra crossing quickly past a ".repeat(7),
            ..selector
        };
        let started = std::time::Instant::now();
        assert_eq!(gone.anchor(&near), None);
        let missing = started.elapsed();
        println!(
            "fuzzy anchor, 100 KB article, 200-character quote with 20 edits: \
             near its offset {window:?}, searched from afar {whole:?}, absent {missing:?}"
        );
    }

    /// Words of articles, and others that never occur in them.
    const WORDS: &[&str] = &[
        "the", "harbour", "wall", "was", "built", "in", "granite", "from", "quarry", "above",
        "bay", "storms", "broke", "it", "twice", "town", "rebuilt", "with", "and", "has", "stood",
        "since", "fishing", "boats", "moor", "behind",
    ];
    const OTHER_WORDS: &[&str] = &[
        "zephyr", "jukebox", "quiz", "vex", "pygmy", "lynx", "kvetch", "fjord", "myth", "nymph",
        "crypt", "glyph", "sphinx", "jinx",
    ];

    fn sentence(
        words: &'static [&'static str],
        n: std::ops::Range<usize>,
    ) -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(words), n).prop_map(|w| w.join(" "))
    }

    /// One edit of a passage: a character or a word inserted, deleted or replaced.
    #[derive(Debug, Clone)]
    enum Edit {
        InsertChar(usize, char),
        DeleteChar(usize),
        ReplaceChar(usize, char),
        InsertWord(usize, &'static str),
        DeleteWord(usize),
        ReplaceWord(usize, &'static str),
    }

    fn edit() -> impl Strategy<Value = Edit> {
        let at = 0usize..1000;
        let c = proptest::char::range('a', 'z');
        let w = proptest::sample::select(WORDS);
        prop_oneof![
            (at.clone(), c.clone()).prop_map(|(i, c)| Edit::InsertChar(i, c)),
            at.clone().prop_map(Edit::DeleteChar),
            (at.clone(), c).prop_map(|(i, c)| Edit::ReplaceChar(i, c)),
            (at.clone(), w.clone()).prop_map(|(i, w)| Edit::InsertWord(i, w)),
            at.clone().prop_map(Edit::DeleteWord),
            (at, w).prop_map(|(i, w)| Edit::ReplaceWord(i, w)),
        ]
    }

    fn apply(text: &str, edit: &Edit) -> String {
        let mut chars: Vec<char> = text.chars().collect();
        let n = chars.len();
        let mut words: Vec<String> = text.split(' ').map(str::to_owned).collect();
        let wn = words.len();
        match *edit {
            Edit::InsertChar(i, c) => chars.insert(i % (n + 1), c),
            Edit::DeleteChar(i) if n > 0 => {
                chars.remove(i % n);
            }
            Edit::ReplaceChar(i, c) if n > 0 => chars[i % n] = c,
            Edit::InsertWord(i, w) => {
                words.insert(i % (wn + 1), w.to_owned());
                return words.join(" ");
            }
            Edit::DeleteWord(i) if wn > 1 => {
                words.remove(i % wn);
                return words.join(" ");
            }
            Edit::ReplaceWord(i, w) => {
                words[i % wn] = w.to_owned();
                return words.join(" ");
            }
            _ => {}
        }
        chars.into_iter().collect()
    }

    fn edited(text: &str, edits: &[Edit]) -> String {
        edits.iter().fold(text.to_owned(), |t, e| apply(&t, e))
    }

    fn distance(a: &str, b: &str) -> usize {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        super::distance(&a, &b)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn edits_within_the_bound_are_found_where_the_passage_is_now(
            before in sentence(WORDS, 0..60),
            quote in sentence(WORDS, 4..20),
            after in sentence(WORDS, 0..60),
            inside in proptest::collection::vec(edit(), 1..6),
            prefix_edits in proptest::collection::vec(edit(), 0..4),
            suffix_edits in proptest::collection::vec(edit(), 0..4),
            shift in 0usize..300,
        ) {
            let quote_chars = quote.chars().count();
            prop_assume!(quote_chars >= super::MIN_QUOTE);
            let old = format!("{before}. {quote}. {after}");
            let start = before.len() + 2;
            let selector = Selector::at(&old, start, start + quote.len());
            let new_quote = edited(&quote, &inside);
            let edits = distance(&quote, &new_quote);
            prop_assume!(edits <= super::bound(quote_chars) && !new_quote.is_empty());
            // The context's edits: in the words just before and after the passage.
            let new_before = edited(&before, &prefix_edits);
            let new_after = edited(&after, &suffix_edits);
            let opening = "x".repeat(shift);
            let new = format!("{opening} {new_before}. {new_quote}. {new_after}");
            let expected_start = new[..opening.len() + 1 + new_before.len() + 2].chars().count();
            let expected_end = expected_start + new_quote.chars().count();
            // Up to the threshold: the passage with its context within a quarter too.
            let chars: Vec<char> = new.chars().collect();
            let (prefix, suffix): (Vec<char>, Vec<char>) =
                (selector.prefix.chars().collect(), selector.suffix.chars().collect());
            let context = super::before(&prefix, &chars, expected_start)
                + super::after(&suffix, &chars, expected_end);
            prop_assume!(edits + context <= (quote_chars + prefix.len() + suffix.len()) / 4);
            let anchor = selector.anchor(&new);
            prop_assert!(anchor.is_some(), "not found: {:?} in {:?}", quote, new);
            let anchor = anchor.unwrap();
            if edits > 0 {
                prop_assert!(
                    anchor.method == Method::Fuzzy || anchor.method == Method::Quote,
                    "{:?}", anchor.method
                );
            }
            // The right place: it covers at least half the passage now there and is
            // within a bound's length of its ends. (Words added at a passage's ends may be
            // left out: with them it may come no closer to the quote than without.)
            let overlap = anchor.end.min(expected_end).saturating_sub(anchor.start.max(expected_start));
            let wanted = expected_end - expected_start;
            prop_assert!(
                overlap * 2 >= wanted,
                "found {:?} for {:?}, expected {:?}",
                passage(&new, anchor), new_quote, expected_start..expected_end
            );
            // (Both come within the bound of the quote: their ends differ by at most
            // twice the bound.)
            let slack = 2 * super::bound(quote_chars) + 1;
            prop_assert!(anchor.start.abs_diff(expected_start) <= slack);
            prop_assert!(anchor.end.abs_diff(expected_end) <= slack);
        }

        #[test]
        fn a_quote_is_never_found_in_unrelated_text(
            before in sentence(WORDS, 0..40),
            quote in sentence(WORDS, 3..20),
            after in sentence(WORDS, 0..40),
            unrelated in sentence(OTHER_WORDS, 0..200),
            replacement in sentence(OTHER_WORDS, 1..20),
            letters in "[a-z ]{0,2000}",
        ) {
            prop_assume!(quote.chars().count() >= super::MIN_QUOTE);
            let old = format!("{before}. {quote}. {after}");
            let start = before.len() + 2;
            let selector = Selector::at(&old, start, start + quote.len());
            prop_assert_eq!(selector.anchor(&unrelated), None);
            prop_assert_eq!(selector.anchor(&letters), None);
            // The same text, the passage replaced by unrelated words.
            let replaced = format!("{before}. {replacement}. {after}");
            // (A short quote whose words its context repeats may be found in the context
            // and the words put in its place, rightly: that is a rewording within the
            // bound. Such quotes are left out here; so is a context that repeats the quote.)
            if quote.chars().count() >= 24 && !super::super::anchor::occurs_in(&replaced, &quote) {
                prop_assert_eq!(selector.anchor(&replaced), None, "in {:?}", replaced);
            }
        }
    }
}
