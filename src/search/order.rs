//! The list's order: newest first, by title, or by relevance (which needs words to rank
//! by; without any it is newest first).

use std::cmp::Ordering;

use crate::query::Query;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Date,
    Title,
    Relevance,
}

impl Sort {
    /// The next order in the cycle date → title → relevance → date.
    pub fn next(self) -> Sort {
        match self {
            Sort::Date => Sort::Title,
            Sort::Title => Sort::Relevance,
            Sort::Relevance => Sort::Date,
        }
    }

    /// How the status bar names the order, given whether the query has words to rank.
    pub fn describe(self, ranked: bool) -> &'static str {
        match self {
            Sort::Date => "newest first",
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

/// The positions of `matches` (ascending, with scores) in `sort` order.
pub fn order(
    matches: &[(usize, f32)],
    sort: Sort,
    ranked: bool,
    title_ranks: &[u32],
) -> Vec<usize> {
    let mut shown: Vec<(usize, f32)> = matches.to_vec();
    match sort {
        Sort::Date => {}
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
