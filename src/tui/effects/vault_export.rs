//! Writing the bookmarks into the vault folder for the bookmarks pane (`X`): each
//! passage looked for in its article, then one note per article written, as `folio
//! bookmarks --vault` does; the answer is a line for the status bar.

use std::path::Path;

use crate::bookmarks::{Bookmark, resolve_all, vault};
use crate::sanitize::sanitize_line;
use crate::store::Store;
use crate::store::read::{escape_path, io_reason};

/// Writes `list` into the vault `dir`: what was written, or why it could not be.
pub fn write(dir: &Path, list: &[Bookmark], store: &Store) -> Result<String, String> {
    let resolved = resolve_all(list, Some(store));
    match vault::write(dir, list, &resolved) {
        Ok(written) => Ok(format!("vault {}: {}", escape_path(dir), written.summary())),
        Err(error) => Err(sanitize_line(&format!(
            "cannot write the notes into {}: {}",
            escape_path(dir),
            io_reason(&error)
        ))),
    }
}
