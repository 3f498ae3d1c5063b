//! folio: a terminal reader for a local store of article files.
//!
//! The flow: [`store`] reads folders of messy article files into [`store::Article`]s;
//! [`cli`] serves `folio list`, `folio check` and `folio bookmarks`; [`save`] fetches web
//! pages into the store (`folio save`); [`bookmarks`] keeps
//! bookmarked passages; [`tui`] is the reader.

pub mod atomic_file;
pub mod bookmarks;
pub mod byte_masks;
pub mod careful_file;
pub mod cli;
pub mod config;
pub mod conflict_copies;
pub mod index;
pub mod lines;
pub mod marks;
pub mod own_file;
pub mod paths;
pub mod plain_text;
pub mod query;
pub mod reading;
pub mod sanitize;
pub mod save;
pub mod search;
pub mod store;
pub mod tui;
pub mod words;
