//! What a config problem says of a value: its type (`a string`, `a list`), and the known
//! name a slip was meant to be (` (did you mean "store"?)`).

use toml::de::DeValue;

/// `a string`, `an integer`…: a value's type, for messages.
pub(super) fn a(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "a boolean (true or false)",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

/// ` (did you mean "store"?)` when one of `known` is a slip away from `word`.
pub(super) fn did_you_mean(word: &str, known: &[&str]) -> String {
    known
        .iter()
        .map(|k| (edit_distance(word, k), k))
        .filter(|(d, k)| *d <= 2.min(k.len() / 3 + 1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| format!(" (did you mean {k:?}?)"))
        .unwrap_or_default()
}

/// Levenshtein distance, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::read::TOP;

    #[test]
    fn slips_are_caught() {
        assert_eq!(edit_distance("stroe", "store"), 2);
        assert_eq!(did_you_mean("stroe", TOP), " (did you mean \"store\"?)");
        assert_eq!(
            did_you_mean("qiut", &["quit", "help"]),
            " (did you mean \"quit\"?)"
        );
        assert_eq!(did_you_mean("colours", TOP), "");
    }
}
