//! Matches of the filter marked in text: the spans of a block split where
//! [`Query::highlights`] says a match starts and ends, the matched parts given the
//! theme's [`Theme::highlight`]. Marking happens before wrapping, so a match keeps its
//! style on whichever line it lands.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::query::Query;
use crate::tui::settings::theme::Theme;
use crate::tui::text::wrap::TextBlock;

/// Marks `query`'s matches in `block` (a title's when `in_title`) with `highlight`.
pub fn mark_block(block: &mut TextBlock, query: &Query, in_title: bool, highlight: Style) {
    if query.is_empty() || block.spans.is_empty() {
        return;
    }
    let text: String = block.spans.iter().map(|s| s.content.as_ref()).collect();
    let ranges = query.highlights(&text, in_title);
    if ranges.is_empty() {
        return;
    }
    block.spans = mark(std::mem::take(&mut block.spans), &ranges, highlight);
}

/// `spans` split at the edges of `ranges` (byte ranges into their joined text, sorted by
/// start), the parts inside a range patched with `highlight`.
pub fn mark(
    spans: Vec<Span<'static>>,
    ranges: &[Range<usize>],
    highlight: Style,
) -> Vec<Span<'static>> {
    let mut out = Vec::with_capacity(spans.len() + ranges.len() * 2);
    let mut offset = 0;
    for span in spans {
        let content = span.content.as_ref();
        let (start, end) = (offset, offset + content.len());
        offset = end;
        let mut cuts = vec![0, content.len()];
        for r in ranges.iter().filter(|r| r.start < end && r.end > start) {
            cuts.push(r.start.max(start) - start);
            cuts.push(r.end.min(end) - start);
        }
        cuts.sort_unstable();
        cuts.dedup();
        for pair in cuts.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if !content.is_char_boundary(a) || !content.is_char_boundary(b) {
                continue;
            }
            let inside = ranges
                .iter()
                .any(|r| r.start <= start + a && start + b <= r.end);
            let style = if inside {
                span.style.patch(highlight)
            } else {
                span.style
            };
            out.push(Span::styled(content[a..b].to_owned(), style));
        }
    }
    out
}

/// The line of each match in `lines` (marked in `theme`): where a marked run starts (a
/// run that goes on across a line break counts once).
pub fn match_lines(lines: &[Line<'_>], theme: &Theme) -> Vec<usize> {
    let mut found = Vec::new();
    let mut in_run = false;
    for (row, line) in lines.iter().enumerate() {
        for span in &line.spans {
            let marked = theme.is_highlight(span.style);
            if marked && !in_run {
                found.push(row);
            }
            if !span.content.is_empty() {
                in_run = marked;
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    #[test]
    fn spans_split_at_match_edges_keep_their_style() {
        let theme = Theme::default();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let spans = vec![Span::raw("the old "), Span::styled("mill road", bold)];
        let ranges = vec![4..8, 8..12];
        let marked = mark(spans, &ranges, theme.highlight);
        let parts: Vec<(&str, bool)> = marked
            .iter()
            .map(|s| (s.content.as_ref(), theme.is_highlight(s.style)))
            .collect();
        assert_eq!(
            parts,
            [
                ("the ", false),
                ("old ", true),
                ("mill", true),
                (" road", false)
            ]
        );
        assert!(marked[2].style.add_modifier.contains(Modifier::BOLD));
    }
}
