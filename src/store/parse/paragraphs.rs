//! Plain text as the reader shows it: paragraphs, with the line breaks of list items kept.

use crate::lines::lines;
use crate::words::is_own_word;

/// Plain text as paragraphs: blank lines separate them, hard-wrapped lines are joined
/// with a space (none between two CJK characters). Lines that start a list item keep
/// their line break.
pub fn paragraphs(body: &str) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    for line in lines(body) {
        let line = line.trim();
        if line.is_empty() {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
            continue;
        }
        if !current.is_empty() {
            if starts_list_item(line) {
                current.push('\n');
            } else {
                let joins_cjk = current.chars().next_back().is_some_and(is_own_word)
                    && line.chars().next().is_some_and(is_own_word);
                if !joins_cjk {
                    current.push(' ');
                }
            }
        }
        current.push_str(line);
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs
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
