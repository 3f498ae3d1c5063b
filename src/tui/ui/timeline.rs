//! The timeline beside the filter bar: a one-row sparkline of how many matching
//! articles each year (or month) has, a cell each (merged when they do not fit),
//! between the first and last period's labels.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Sparkline, Widget};

use crate::tui::state::App;
use crate::tui::state::timeline::Timeline;

/// Sparkline levels in one row.
const LEVELS: u64 = 8;

pub struct TimelineView<'a>(pub &'a App);

impl Widget for TimelineView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let timeline = &self.0.timeline;
        if area.is_empty() || timeline.counts.is_empty() {
            return;
        }
        let dim = Style::new().add_modifier(Modifier::DIM);
        let width = area.width as usize;
        let bars_wanted = timeline.counts.len().min(4);
        // Full labels, else years only (for months), else none.
        let years = (
            timeline.first.get(..4).unwrap_or(""),
            timeline.last.get(..4).unwrap_or(""),
        );
        let (first, last, labelled) = [(timeline.first.as_str(), timeline.last.as_str()), years]
            .into_iter()
            .map(|(first, last)| {
                if first == last {
                    (first, "")
                } else {
                    (first, last)
                }
            })
            .find(|(first, last)| width >= labels_width(first, last) + bars_wanted)
            .map_or(("", "", false), |(first, last)| (first, last, true));
        let labels = labels_width(first, last);
        let room = if labelled { width - labels } else { width - 1 };
        let bars = timeline.counts.len().min(room);
        let data = bars_of(timeline, bars);
        // Right-aligned: [first ]bars[ last]
        let x = area.right()
            - bars as u16
            - if labelled && !last.is_empty() {
                last.len() as u16 + 1
            } else {
                0
            };
        if labelled {
            buf.set_string(x - first.len() as u16 - 1, area.y, first, dim);
            buf.set_string(area.right() - last.len() as u16, area.y, last, dim);
        }
        Sparkline::default()
            .data(&data)
            .max(LEVELS)
            .style(self.0.settings.theme.timeline)
            .render(Rect::new(x, area.y, bars as u16, 1), buf);
    }
}

/// Cells the labels take with their spaces: `first ` and ` last`, or `first ` alone.
fn labels_width(first: &str, last: &str) -> usize {
    first.len() + last.len() + if last.is_empty() { 2 } else { 3 }
}

/// `bars` levels (0 to [`LEVELS`]) for the timeline's counts, periods merged when there
/// are more than bars; any period with an article shows.
pub fn bars_of(timeline: &Timeline, bars: usize) -> Vec<u64> {
    let counts = &timeline.counts;
    let n = counts.len();
    if bars == 0 || n == 0 {
        return Vec::new();
    }
    let sums: Vec<u64> = (0..bars)
        .map(|j| {
            let (from, to) = (j * n / bars, ((j + 1) * n / bars).max(j * n / bars + 1));
            counts[from..to.min(n)].iter().sum()
        })
        .collect();
    let max = sums.iter().copied().max().unwrap_or(0).max(1);
    sums.iter()
        .map(|&v| match v {
            0 => 0,
            v => 1 + (v - 1) * (LEVELS - 1) / max.saturating_sub(1).max(1),
        })
        .collect()
}
