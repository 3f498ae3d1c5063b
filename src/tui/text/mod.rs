//! Laying an article out for the terminal: the [`document`] (metadata, body and the
//! lines shown), [`markdown`] rendering, [`wrap`]ping, the [`source_map`] from shown
//! lines back to the text, [`highlight`]s of the filter's words, and [`format`](mod@format)ting of
//! numbers and columns.

pub mod document;
pub mod format;
pub mod highlight;
pub mod long_article;
pub mod markdown;
pub mod source_map;
pub mod wrap;
