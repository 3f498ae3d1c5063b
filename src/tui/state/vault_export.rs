//! The bookmarks pane's export: every bookmark written as notes into the vault folder
//! the config names (`X`), off the loop; the status line says what was written.

use super::App;
use crate::tui::effects::messages::Effect;

impl App {
    /// `X` in the bookmarks pane: the vault written, or why it cannot be.
    pub(super) fn export_vault(&mut self) -> Option<Effect> {
        let Some(vault) = self.settings.vault.clone() else {
            self.notice = Some(
                "no vault folder is set: add vault = \"~/path/to/vault\" to the config".to_owned(),
            );
            return None;
        };
        if self.bookmarks.list.is_empty() {
            self.notice = Some("no bookmarks to write into the vault".to_owned());
            return None;
        }
        self.notice = Some("writing the notes into the vault…".to_owned());
        Some(Effect::ExportVault(vault, self.bookmarks.list.clone()))
    }
}
