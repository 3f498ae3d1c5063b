//! The list's order: newest first, oldest first, by title, or by relevance (which needs
//! words to rank by; without any it is newest first). Undated articles come last in both
//! orders by date.

use std::cmp::Ordering;

use crate::query::Query;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Date,
    /// By date, oldest first.
    Oldest,
    Title,
    Relevance,
}

impl Sort {
    /// The next order in the cycle newest → oldest → title → relevance → newest.
    pub fn next(self) -> Sort {
        match self {
            Sort::Date => Sort::Oldest,
            Sort::Oldest => Sort::Title,
            Sort::Title => Sort::Relevance,
            Sort::Relevance => Sort::Date,
        }
    }

    /// How the status bar names the order, given whether the query has words to rank.
    pub fn describe(self, ranked: bool) -> &'static str {
        match self {
            Sort::Date => "newest first",
            Sort::Oldest => "oldest first",
            Sort::Title => "by title",
            Sort::Relevance if ranked => "by relevance",
            Sort::Relevance => "by relevance: no words, newest first",
        }
    }
}

/// True when `query` has words or phrases to find in titles or text (in any
/// alternative of an `OR`, under no negation), so relevance means something.
pub fn ranks(query: &Query) -> bool {
    query.ranks()
}

/// Each title's place in title order (case and accents folded, then list order).
pub fn title_ranks<'a>(titles: impl ExactSizeIterator<Item = &'a str>) -> Vec<u32> {
    let folded: Vec<String> = titles.map(crate::query::tokens::fold).collect();
    let mut order: Vec<usize> = (0..folded.len()).collect();
    order.sort_by(|&a, &b| folded[a].cmp(&folded[b]).then(a.cmp(&b)));
    let mut ranks = vec![0u32; folded.len()];
    for (rank, &i) in order.iter().enumerate() {
        ranks[i] = rank as u32;
    }
    ranks
}

/// The positions of `matches` (ascending, with scores) in `sort` order. The articles
/// are newest first, the undated ones (from `undated_from` on) last.
pub fn order(
    matches: &[(usize, f32)],
    sort: Sort,
    ranked: bool,
    title_ranks: &[u32],
    undated_from: usize,
) -> Vec<usize> {
    let mut shown: Vec<(usize, f32)> = matches.to_vec();
    match sort {
        Sort::Date => {}
        Sort::Oldest => {
            let dated = shown.partition_point(|m| m.0 < undated_from);
            shown[..dated].reverse();
        }
        Sort::Title => shown.sort_unstable_by_key(|m| title_ranks.get(m.0).copied().unwrap_or(0)),
        Sort::Relevance if ranked => shown.sort_by(|a, b| {
            b.1.partial_cmp(&a.1)
                .unwrap_or(Ordering::Equal)
                .then(a.0.cmp(&b.0))
        }),
        Sort::Relevance => {}
    }
    shown.into_iter().map(|m| m.0).collect()
}

#[cfg(test)]
mod oldest_tests {
    use super::*;

    #[test]
    fn oldest_first_reverses_the_dated_and_keeps_the_undated_last() {
        // Positions 0..4 dated (newest first), 4 and 5 undated.
        let matches: Vec<(usize, f32)> = [0, 2, 3, 4, 5].iter().map(|&i| (i, 0.0)).collect();
        assert_eq!(
            order(&matches, Sort::Oldest, false, &[], 4),
            [3, 2, 0, 4, 5]
        );
        assert_eq!(order(&matches, Sort::Date, false, &[], 4), [0, 2, 3, 4, 5]);
        assert_eq!(Sort::Date.next(), Sort::Oldest);
        assert_eq!(Sort::Oldest.next(), Sort::Title);
    }
}
