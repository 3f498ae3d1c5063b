//! The work the state asks for, and what comes back: the [`messages`] themselves, the
//! [`runner`] that carries out every effect, and the workers behind it: reading the
//! store ([`loading`]) and following it ([`live_store`]), searching ([`search_worker`]), the preview and the passages
//! ([`latest_worker`]), keeping bookmarks
//! ([`bookmark_store`]), the reading state ([`reading_writer`]), the query history
//! ([`history_file`]) and where the last run left off ([`session_file`]); and the programs
//! an article is handed to ([`handoff`]).

pub mod bookmark_store;
pub mod handoff;
pub mod history_file;
pub mod latest_worker;
pub mod live_store;
pub mod loading;
pub mod messages;
pub mod reading_writer;
pub mod runner;
pub mod search_worker;
pub mod session_file;
pub mod vault_export;
