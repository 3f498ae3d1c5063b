//! Finding a reworded passage: approximate substring matching (Sellers' semi-global edit
//! distance, with Ukkonen's cut-off so only the rows that can still stay within the bound
//! are computed), near the passage's old place first, then in the whole text; the stored
//! context decides between candidates and pins the passage's ends.

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

/// Finds the ends of the passage near `found` that fit the quote and its context best:
/// the end that makes the quote's edits plus the suffix's fewest, then the start that
/// makes the quote's plus the prefix's fewest. That place and its cost (the quote's
/// edits and its context's), or `None` when the place is not accepted: the quote must
/// come within its bound, and the passage with its context within a quarter of all
/// their characters, so a near-copy of a short quote in unrelated surroundings is not
/// taken for it.
fn refine(
    quote: &[char],
    prefix: &[char],
    suffix: &[char],
    text: &[char],
    found: Found,
    bound: usize,
) -> Option<(Found, usize)> {
    let m = quote.len();
    let reversed: Vec<char> = quote.iter().rev().copied().collect();
    let start = found.start;
    // The end: one pass gives the quote's edits for every end from `start`.
    let to = (start + m + bound).min(text.len());
    let row = last_row(quote, &text[start..to]);
    let (end, _) = (start + m.saturating_sub(bound)..=to)
        .filter(|&end| row[end - start] <= bound)
        .map(|end| (end, row[end - start] + after(suffix, text, end)))
        .min_by_key(|&(end, cost)| (cost, end.abs_diff(found.end)))?;
    // The start, for that end: the same, backwards.
    let from = end.saturating_sub(m + bound);
    let backwards: Vec<char> = text[from..end].iter().rev().copied().collect();
    let row = last_row(&reversed, &backwards);
    let (start, edits, cost) = (from..=end.saturating_sub(m.saturating_sub(bound)))
        .filter(|&start| row[end - start] <= bound)
        .map(|start| {
            let edits = row[end - start];
            (start, edits, edits + before(prefix, text, start))
        })
        .min_by_key(|&(start, _, cost)| (cost, start.abs_diff(found.start)))?;
    let cost = cost + after(suffix, text, end);
    let whole = m + prefix.len() + suffix.len();
    (edits <= bound && cost <= whole / 4).then_some((Found { start, end, edits }, cost))
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

/// Every place in `text` within `bound` edits of `quote` (Sellers' algorithm): of each
/// run of adjacent ends, the one with the fewest edits.
pub fn ends_within(quote: &[char], text: &[char], bound: usize) -> Vec<Found> {
    let m = quote.len();
    let over = bound + 1;
    // Column of the distances (clamped at `over`) and where each row's path started.
    let mut cost: Vec<usize> = (0..=m).map(|i| i.min(over)).collect();
    let mut start = vec![0usize; m + 1];
    let mut top = bound.min(m);
    let mut out: Vec<Found> = Vec::new();
    let mut run: Option<Found> = None;
    for (j, &t) in text.iter().enumerate() {
        let (mut diag, mut diag_start) = (cost[0], start[0]);
        start[0] = j + 1;
        let mut last = 0;
        let mut i = 1;
        while i <= m {
            let old = cost[i];
            let old_start = start[i];
            let (mut best, mut from) = (diag + usize::from(!same(quote[i - 1], t)), diag_start);
            if cost[i - 1] + 1 < best {
                (best, from) = (cost[i - 1] + 1, start[i - 1]);
            }
            if old + 1 < best {
                (best, from) = (old + 1, old_start);
            }
            cost[i] = best.min(over);
            start[i] = from;
            (diag, diag_start) = (old, old_start);
            if cost[i] <= bound {
                last = i;
            } else if i > top {
                // Below the last row within the bound, every row stays over it.
                break;
            }
            i += 1;
        }
        top = last;
        let here = (top == m).then(|| Found {
            start: start[m],
            end: j + 1,
            edits: cost[m],
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
        fn the_cut_off_agrees_with_the_full_table(
            quote in "[abc ]{1,12}",
            text in "[abcd ]{0,80}",
            bound in 0usize..5,
        ) {
            let (quote, text) = (chars(&quote), chars(&text));
            let plain = plain_ends(&quote, &text);
            for found in ends_within(&quote, &text, bound) {
                proptest::prop_assert_eq!(plain[found.end - 1], found.edits);
                proptest::prop_assert!(found.edits <= bound);
                proptest::prop_assert_eq!(
                    distance(&quote, &text[found.start..found.end]),
                    found.edits
                );
            }
            // Every end within the bound belongs to a run that is reported.
            let reported = ends_within(&quote, &text, bound);
            let best = plain.iter().copied().min();
            if let Some(best) = best.filter(|&b| b <= bound) {
                proptest::prop_assert!(reported.iter().any(|f| f.edits == best));
            } else {
                proptest::prop_assert!(reported.is_empty());
            }
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
            // The right place: most of the passage now there is covered.
            let overlap = anchor.end.min(expected_end).saturating_sub(anchor.start.max(expected_start));
            let wanted = expected_end - expected_start;
            prop_assert!(
                overlap * 4 >= wanted * 3,
                "found {:?} for {:?}, expected {:?}",
                passage(&new, anchor), new_quote, expected_start..expected_end
            );
            // Its ends: off by no more than the bound, since the words next to a
            // reworded passage may come as close to the quote as the passage's own.
            let slack = super::bound(quote_chars) + 1;
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
            // (Unless the context repeats the quote word for word.)
            prop_assume!(!super::super::anchor::occurs_in(&replaced, &quote));
            prop_assert_eq!(selector.anchor(&replaced), None, "in {:?}", replaced);
        }
    }
}
