//! Small text helpers for the screen: thousands separators, reading time, and cutting
//! text to a width with an ellipsis (as drawn: see [`crate::tui::cells`]).

use unicode_segmentation::UnicodeSegmentation;

use crate::tui::cells::{grapheme, safe, str_width};

/// `2095` as `2,095`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Minutes to read `words` at 230 words a minute, at least one.
pub fn minutes_to_read(words: usize) -> usize {
    words.div_ceil(230).max(1)
}

/// `text` as drawn, cut to at most `width` cells, ending in `…` when something was cut.
pub fn truncate(text: &str, width: usize) -> String {
    if str_width(text) <= width {
        return safe(text).into_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let (g, w) = grapheme(g);
        if used + w + 1 > width {
            break;
        }
        out.push_str(&g);
        used += w;
    }
    out.push('…');
    out
}

/// `text` as drawn, cut at its start to at most `width` cells, beginning with `…` when
/// something was cut: for text whose end says most (a file's line and column).
pub fn truncate_start(text: &str, width: usize) -> String {
    if str_width(text) <= width {
        return safe(text).into_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut kept = Vec::new();
    let mut used = 0;
    for g in text.graphemes(true).rev() {
        let (g, w) = grapheme(g);
        if used + w + 1 > width {
            break;
        }
        kept.push(g);
        used += w;
    }
    let mut out = String::from('…');
    out.extend(kept.into_iter().rev());
    out
}

/// `text` padded with spaces to `width` cells (cut first if wider).
pub fn pad(text: &str, width: usize) -> String {
    let mut out = truncate(text, width);
    let used = str_width(&out);
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_start_keeps_the_end_as_truncate_keeps_the_start() {
        for text in ["line 12, column 7", "東京の朝 — notes", "abc", ""] {
            for width in 0..20 {
                let cut = truncate_start(text, width);
                assert!(str_width(&cut) <= width, "{text:?} at {width}: {cut:?}");
                let reversed: String = text.chars().rev().collect();
                let mirror = truncate(&reversed, width);
                assert_eq!(str_width(&cut), str_width(&mirror), "{text:?} at {width}");
                if str_width(text) > width && width > 0 {
                    assert!(cut.starts_with('…'));
                    assert!(text.ends_with(cut.trim_start_matches('…')), "{cut:?}");
                }
            }
        }
    }
}
