//! A TOML table's entries in the order the file writes them (the parser keeps them
//! sorted by name), so problems are told top to bottom.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

pub(super) type TableEntry<'a, 'i> = (
    &'a Spanned<toml::de::DeString<'i>>,
    &'a Spanned<DeValue<'i>>,
);

/// A table's entries in the order they are written.
pub(super) fn in_file_order<'a, 'i>(table: &'a DeTable<'i>) -> Vec<TableEntry<'a, 'i>> {
    let mut entries: Vec<TableEntry<'a, 'i>> = table.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    entries
}
