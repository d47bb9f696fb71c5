//! Calendar dates and years, checked once so that 2025-02-30 never reaches a page.

use std::fmt;

use serde::Serialize;

/// A calendar year of a plan (period, baseline, target).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Year(pub u16);

impl Year {
    pub fn parse(s: &str) -> Option<Year> {
        let s = s.trim().trim_end_matches('年');
        if s.len() != 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let y: u16 = s.parse().ok()?;
        (1949..=2100).contains(&y).then_some(Year(y))
    }
}

impl fmt::Display for Year {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A date that exists in the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, refusing days the month does not have.
    pub fn parse(s: &str) -> Result<Date, &'static str> {
        let parts: Vec<&str> = s.trim().split('-').collect();
        let [y, m, d] = parts.as_slice() else {
            return Err("expected YYYY-MM-DD");
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err("expected YYYY-MM-DD");
        }
        let year = Year::parse(y).ok_or("the year is out of range")?.0;
        let month: u8 = m.parse().map_err(|_| "the month is not a number")?;
        let day: u8 = d.parse().map_err(|_| "the day is not a number")?;
        if !(1..=12).contains(&month) {
            return Err("there is no such month");
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err("that month has no such day");
        }
        Ok(Date { year, month, day })
    }

    /// The way Chinese official documents write it: 2025年6月23日.
    pub fn chinese(&self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The years a plan covers, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    pub start: Year,
    pub end: Year,
}

impl Period {
    pub fn contains(&self, y: Year) -> bool {
        self.start <= y && y <= self.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_exist() {
        assert_eq!(
            Date::parse("2025-06-23").unwrap().chinese(),
            "2025年6月23日"
        );
        assert!(Date::parse("2025-02-30").is_err());
        assert!(Date::parse("2024-02-29").is_ok());
        assert!(Date::parse("2100-02-29").is_err());
        assert!(Date::parse("2025-13-01").is_err());
        assert!(Date::parse("2025-6-23").is_err());
        assert!(Date::parse("2025年6月23日").is_err());
    }

    #[test]
    fn years_are_four_digits_in_range() {
        assert_eq!(Year::parse("2027"), Some(Year(2027)));
        assert_eq!(Year::parse("2027年"), Some(Year(2027)));
        assert_eq!(Year::parse("27"), None);
        assert_eq!(Year::parse("3000"), None);
    }
}
