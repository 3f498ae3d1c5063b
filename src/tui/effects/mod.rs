//! The work the state asks for, and what comes back: the [`messages`] themselves, the
//! [`runner`] that carries out every effect, and the workers behind it: reading the
//! store ([`loading`]), searching ([`search_worker`]), keeping bookmarks and the reading
//! state ([`keeping`]) and the query history ([`history_file`]).

pub mod history_file;
pub mod keeping;
pub mod loading;
pub mod messages;
pub mod runner;
pub mod search_worker;
