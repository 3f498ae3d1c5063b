//! How the reader looks and starts, from the configuration: the theme, the list's share
//! of the screen, the widest the text gets, how dates are written, and the first order.

pub mod theme;

use jiff::civil::Date;

use crate::search::order::Sort;
use crate::tui::cells::str_width;
use crate::tui::settings::theme::Theme;

#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub theme: Theme,
    /// The list's share of the screen, in percent, when list and reader are side by side.
    /// When set, the list's share of the screen in percent (at least); unset, the list
    /// takes the room its titles need.
    pub list_width: Option<u16>,
    /// The widest the article text gets, in columns.
    pub reading_width: usize,
    pub dates: DateFormat,
    /// The list's order at start.
    pub sort: Sort,
    /// Start with the last run's filter, selected article and reader.
    pub restore_session: bool,
    /// The folder of Markdown notes the bookmarks pane exports to (`X`).
    pub vault: Option<std::path::PathBuf>,
}

/// The list's share of the screen by default, in percent: at least this, when the list
/// takes what its titles need.
pub const LIST_WIDTH: u16 = 40;
/// The columns of a title the list keeps, room allowing, before it shows sources.
pub const TITLE_ROOM: usize = 40;
/// Columns between the list's date and its title.
pub const DATE_GAP: usize = 2;
/// The widest the article text gets by default, in columns.
pub const READING_WIDTH: usize = 80;

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            theme: Theme::default(),
            list_width: None,
            reading_width: READING_WIDTH,
            dates: DateFormat::default(),
            sort: Sort::Date,
            restore_session: true,
            vault: None,
        }
    }
}

impl Settings {
    /// The columns a list row needs for its date and [`TITLE_ROOM`] of title (with the
    /// row's margins).
    pub fn list_row_needs(&self) -> u16 {
        let columns = 3 + self.dates.width() + DATE_GAP + TITLE_ROOM;
        columns.min(u16::MAX as usize) as u16
    }
}

/// How dates are written in the list and over an article: a strftime pattern (`%Y-%m-%d`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateFormat {
    pattern: String,
    /// The widest date it writes, in cells.
    width: usize,
}

/// The default pattern: `2024-11-21`.
pub const DATE_PATTERN: &str = "%Y-%m-%d";

/// The widest a written date may be.
pub const MAX_DATE_WIDTH: usize = 40;

impl Default for DateFormat {
    fn default() -> DateFormat {
        DateFormat {
            pattern: DATE_PATTERN.to_owned(),
            width: 10,
        }
    }
}

impl DateFormat {
    /// The format for a strftime `pattern`, or what is wrong with it: it must write every
    /// day of a year, in at most [`MAX_DATE_WIDTH`] cells, on one line.
    pub fn new(pattern: &str) -> Result<DateFormat, String> {
        let first = Date::new(2024, 1, 1).expect("a valid date");
        let mut width = 0;
        for day in 0..366 {
            let date = first
                .checked_add(jiff::Span::new().days(day))
                .expect("a date in 2024");
            let text = jiff::fmt::strtime::format(pattern, date)
                .map_err(|error| format!("{pattern:?} cannot write a date: {error}"))?;
            if text.chars().any(char::is_control) {
                return Err(format!("{pattern:?} writes a line break or a tab"));
            }
            width = width.max(str_width(&text));
        }
        if width == 0 {
            return Err(format!("{pattern:?} writes nothing"));
        }
        if width > MAX_DATE_WIDTH {
            return Err(format!(
                "{pattern:?} writes dates {width} columns wide, more than {MAX_DATE_WIDTH}"
            ));
        }
        Ok(DateFormat {
            pattern: pattern.to_owned(),
            width,
        })
    }

    /// `date` written in this format.
    pub fn format(&self, date: Date) -> String {
        if self.pattern == DATE_PATTERN {
            return date.to_string();
        }
        match jiff::fmt::strtime::format(&self.pattern, date) {
            Ok(text) => crate::sanitize::sanitize(&text).into_owned(),
            Err(_) => date.to_string(),
        }
    }

    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    /// The widest date this format writes, in cells.
    pub fn width(&self) -> usize {
        self.width
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_in_the_pattern() {
        let date = Date::new(2024, 3, 5).unwrap();
        assert_eq!(DateFormat::default().format(date), "2024-03-05");
        let format = DateFormat::new("%e %b %Y").unwrap();
        assert_eq!(format.format(date), " 5 Mar 2024");
        assert_eq!(format.width(), 11);
        assert_eq!(DateFormat::new("%d %B %Y").unwrap().width(), 17);
        assert_eq!(DateFormat::new(DATE_PATTERN), Ok(DateFormat::default()));
    }

    #[test]
    fn patterns_that_cannot_write_a_date_say_why() {
        assert!(
            DateFormat::new("%H:%M")
                .unwrap_err()
                .contains("cannot write a date")
        );
        assert!(DateFormat::new("%Y%n").unwrap_err().contains("line break"));
        assert!(DateFormat::new("").unwrap_err().contains("writes nothing"));
        let long = "%Y ".repeat(20);
        assert!(DateFormat::new(&long).unwrap_err().contains("more than 40"));
    }
}
