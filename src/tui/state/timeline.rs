//! How the matching articles spread over time, for the timeline beside the filter bar:
//! a count per year, or per month when every dated match falls within two years.

use crate::store::Article;

/// Counts per period, oldest first, and the first and last period's labels.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timeline {
    pub counts: Vec<u64>,
    pub first: String,
    pub last: String,
    pub monthly: bool,
}

/// Periods shown month by month at most.
const MONTHLY_SPAN: i32 = 24;

/// Each article's month (year × 12 + month − 1; [`UNDATED`] when it has no date), worked
/// out once per list: counting a million matches then reads 4 MB, not a million
/// articles.
pub fn months(articles: &[Article]) -> Vec<i32> {
    articles
        .iter()
        .map(|a| {
            a.date.map_or(UNDATED, |d| {
                i32::from(d.year()) * 12 + i32::from(d.month()) - 1
            })
        })
        .collect()
}

/// The month of an undated article.
pub const UNDATED: i32 = i32::MIN;

impl Timeline {
    /// The timeline of the dated articles among `matches` (positions in the list whose
    /// [`months`] are `months`).
    pub fn of(months: &[i32], matches: impl Iterator<Item = usize> + Clone) -> Timeline {
        let month = |i: usize| Some(months[i]).filter(|&m| m != UNDATED);
        let (mut lo, mut hi) = (i32::MAX, i32::MIN);
        for m in matches.clone().filter_map(month) {
            lo = lo.min(m);
            hi = hi.max(m);
        }
        if lo > hi {
            return Timeline::default();
        }
        let monthly = hi - lo < MONTHLY_SPAN;
        let (lo, hi, step) = if monthly {
            (lo, hi, 1)
        } else {
            (lo / 12 * 12, hi / 12 * 12, 12)
        };
        let mut counts = vec![0u64; ((hi - lo) / step + 1) as usize];
        for m in matches.filter_map(month) {
            counts[((m - lo) / step) as usize] += 1;
        }
        let label = |m: i32| {
            if monthly {
                format!("{}-{:02}", m / 12, m % 12 + 1)
            } else {
                (m / 12).to_string()
            }
        };
        Timeline {
            counts,
            first: label(lo),
            last: label(hi),
            monthly,
        }
    }
}
