//! The date forms of the filter: `2024`, `2024-11`, `2024-11-21` (a partial date covers
//! its whole year or month), ranges `A..B`, and `since:` spans such as `7d` or `3m`.

use jiff::civil::Date;

/// Dates from `from` to `to`, both inclusive; an open end is unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl DateRange {
    pub fn contains(&self, date: Date) -> bool {
        self.from.is_none_or(|from| date >= from) && self.to.is_none_or(|to| date <= to)
    }
}

/// A partial date as the first and last day it covers.
pub fn period(text: &str) -> Result<(Date, Date), String> {
    let parts: Vec<&str> = text.split('-').collect();
    let number = |part: &str, what: &str, digits: usize| -> Result<i16, String> {
        if part.len() != digits || !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!(
                "the {what} must be {digits} digits (write dates as 2024, 2024-11 or 2024-11-21)"
            ));
        }
        part.parse()
            .map_err(|_| format!("the {what} {part} is not a number"))
    };
    let year = number(parts[0], "year", 4)?;
    if !(1..=9999).contains(&year) {
        return Err(format!("the year {year} is out of range"));
    }
    match parts[1..] {
        [] => Ok((date(year, 1, 1)?, date(year, 12, 31)?)),
        [month] => {
            let month = number(month, "month", 2)?;
            check_month(month)?;
            let first = date(year, month as i8, 1)?;
            Ok((first, first.last_of_month()))
        }
        [month, day] => {
            let month = number(month, "month", 2)?;
            check_month(month)?;
            let day = number(day, "day", 2)?;
            let first = date(year, month as i8, 1)?;
            if !(1..=i16::from(first.days_in_month())).contains(&day) {
                return Err(format!(
                    "{text} is not a day: {year}-{month:02} has days 01 to {}",
                    first.days_in_month()
                ));
            }
            let day = date(year, month as i8, day as i8)?;
            Ok((day, day))
        }
        _ => Err("write dates as 2024, 2024-11 or 2024-11-21".to_owned()),
    }
}

fn check_month(month: i16) -> Result<(), String> {
    if (1..=12).contains(&month) {
        Ok(())
    } else {
        Err(format!("month {month} is not 01 to 12"))
    }
}

fn date(year: i16, month: i8, day: i8) -> Result<Date, String> {
    Date::new(year, month, day).map_err(|error| error.to_string())
}

/// `date:` values: a partial date, or a range `A..B` with either end partial or left out.
pub fn range(text: &str) -> Result<DateRange, String> {
    let Some((from, to)) = text.split_once("..") else {
        let (from, to) = period(text)?;
        return Ok(DateRange {
            from: Some(from),
            to: Some(to),
        });
    };
    if from.is_empty() && to.is_empty() {
        return Err("a range needs at least one end, as in 2024-11..2025-02".to_owned());
    }
    let from = (!from.is_empty())
        .then(|| period(from).map(|(first, _)| first))
        .transpose()?;
    let to = (!to.is_empty())
        .then(|| period(to).map(|(_, last)| last))
        .transpose()?;
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        return Err(format!("the range ends ({to}) before it starts ({from})"));
    }
    Ok(DateRange { from, to })
}

/// `since:` values: a count and a unit (`d` days, `w` weeks, `m` months, `y` years),
/// counted back from `today`.
pub fn since(text: &str, today: Date) -> Result<DateRange, String> {
    const USAGE: &str = "write a count and a unit: 7d, 2w, 3m or 1y";
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .ok_or_else(|| format!("no unit; {USAGE}"))?;
    let (count, unit) = text.split_at(split);
    if count.is_empty() {
        return Err(format!("no count; {USAGE}"));
    }
    // Digits alone: a count that does not fit is too large, not missing.
    let count: i32 = match count.parse() {
        Ok(count) if count <= 100_000 => count,
        _ => return Err(format!("{count} is too large a count (at most 100000)")),
    };
    // jiff's spans have their own limits (19,998 years): past them, the count is too
    // far back rather than a panic.
    let span = match unit {
        "d" => jiff::Span::new().try_days(count),
        "w" => jiff::Span::new().try_weeks(count),
        "m" => jiff::Span::new().try_months(count),
        "y" => jiff::Span::new().try_years(count),
        _ => return Err(format!("unknown unit {unit:?}; {USAGE}")),
    }
    .map_err(|_| format!("{text} is further back than folio counts (19,998 years at most)"))?;
    let from = today
        .checked_sub(span)
        .map_err(|_| format!("{text} reaches before the year -9999"))?;
    Ok(DateRange {
        from: Some(from),
        to: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn partial_dates_cover_their_year_month_or_day() {
        assert_eq!(
            period("2024").unwrap(),
            (date(2024, 1, 1), date(2024, 12, 31))
        );
        assert_eq!(
            period("2024-02").unwrap(),
            (date(2024, 2, 1), date(2024, 2, 29))
        );
        assert_eq!(
            period("2024-11-21").unwrap(),
            (date(2024, 11, 21), date(2024, 11, 21))
        );
    }

    #[test]
    fn bad_dates_say_what_is_wrong() {
        assert!(period("2024-13").unwrap_err().contains("month 13"));
        assert!(period("2023-02-29").unwrap_err().contains("days 01 to 28"));
        assert!(period("24").unwrap_err().contains("4 digits"));
        assert!(period("2024-1").unwrap_err().contains("2 digits"));
        assert!(period("2024-11-21-3").is_err());
    }

    #[test]
    fn ranges_take_partial_and_open_ends() {
        let r = range("2024-11..2025-02").unwrap();
        assert_eq!(r.from, Some(date(2024, 11, 1)));
        assert_eq!(r.to, Some(date(2025, 2, 28)));
        assert_eq!(range("2024..").unwrap().to, None);
        assert!(
            range("2025..2024")
                .unwrap_err()
                .contains("before it starts")
        );
        assert!(range("..").is_err());
    }

    #[test]
    fn since_counts_back_from_today() {
        let today = date(2026, 3, 31);
        assert_eq!(since("7d", today).unwrap().from, Some(date(2026, 3, 24)));
        assert_eq!(since("2w", today).unwrap().from, Some(date(2026, 3, 17)));
        assert_eq!(since("1m", today).unwrap().from, Some(date(2026, 2, 28)));
        assert_eq!(since("1y", today).unwrap().from, Some(date(2025, 3, 31)));
        assert!(since("7x", today).unwrap_err().contains("unknown unit"));
        assert!(since("d", today).unwrap_err().contains("no count"));
        let huge = since("99999999999y", today).unwrap_err();
        assert!(huge.contains("99999999999 is too large a count"), "{huge}");
        assert!(since("100001d", today).unwrap_err().contains("too large"));
        // Past what a span can hold (found by the query fuzz target): an error, no panic.
        let far = since("99999y", today).unwrap_err();
        assert!(far.contains("further back than folio counts"), "{far}");
        assert!(
            since("19000y", today)
                .unwrap_err()
                .contains("before the year -9999")
        );
    }
}
