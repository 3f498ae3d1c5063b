//! Which articles the user has bookmarked and which they have read: the states the
//! filter language tests with `is:bookmarked` and `is:unread`.

use std::collections::HashSet;

use crate::store::Location;

/// The articles with at least one bookmark, and the articles opened in the reader.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    pub bookmarked: HashSet<Location>,
    pub read: HashSet<Location>,
}

impl Marks {
    pub fn is_bookmarked(&self, location: &Location) -> bool {
        self.bookmarked.contains(location)
    }

    pub fn is_unread(&self, location: &Location) -> bool {
        !self.read.contains(location)
    }
}
