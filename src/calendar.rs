//! The calendar date that "Present" means: `--as-of YYYY-MM-DD`, or today.

use std::fmt;
use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::parse::dates::{month, Month};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// Today in UTC, from the system clock.
    pub fn today() -> Date {
        let secs = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        Date::from_days_since_epoch((secs / 86_400) as i64)
    }

    /// Howard Hinnant's civil-from-days algorithm (proleptic Gregorian calendar).
    fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    pub fn as_month(&self) -> Month {
        month(self.year, self.month)
    }

    /// The date a document carries in its metadata: a PDF date ("D:20240315093000+01'00'")
    /// or an ISO 8601 time ("2024-03-15T09:30:00Z", DOCX `dcterms:modified`), its calendar
    /// day as written. `None` for anything else, and for a date no resume was written on
    /// (before 1990, or after `today`: a wrong clock or a forged field).
    pub fn from_document(text: &str, today: Date) -> Option<Date> {
        let text = text.trim();
        let text = text.strip_prefix("D:").unwrap_or(text);
        let digits = |range: std::ops::Range<usize>| text.get(range).filter(|t| t.bytes().all(|b| b.is_ascii_digit()));
        let iso = match (digits(0..4), text.get(4..5)) {
            (Some(y), Some("-")) => format!("{y}-{}", text.get(5..10)?),
            (Some(y), _) => format!("{y}-{}-{}", digits(4..6)?, digits(6..8)?),
            _ => return None,
        };
        let date: Date = iso.parse().ok()?;
        (date.year >= 1990 && date <= today).then_some(date)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = String;

    fn from_str(s: &str) -> Result<Date, String> {
        let bad = || format!("'{s}' is not a date in the form YYYY-MM-DD");
        let mut parts = s.trim().splitn(3, '-');
        let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u32 = m.parse().map_err(|_| bad())?;
        let day: u32 = d.parse().map_err(|_| bad())?;
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return Err(bad()),
        };
        if y.len() != 4 || !(1..=days_in_month).contains(&day) {
            return Err(bad());
        }
        Ok(Date { year, month, day })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects() {
        assert_eq!("2026-11-01".parse::<Date>().unwrap(), Date { year: 2026, month: 11, day: 1 });
        assert!("2026-02-30".parse::<Date>().is_err());
        assert!("11/01/2026".parse::<Date>().is_err());
        assert!("2024-02-29".parse::<Date>().is_ok());
    }

    #[test]
    fn document_dates() {
        let today = Date { year: 2026, month: 12, day: 4 };
        let read = |t: &str| Date::from_document(t, today).map(|d| d.to_string());
        assert_eq!(read("D:20240315093000+01'00'").as_deref(), Some("2024-03-15"));
        assert_eq!(read("D:20240315").as_deref(), Some("2024-03-15"));
        assert_eq!(read("2023-07-01T10:00:00Z").as_deref(), Some("2023-07-01"));
        // Absurd or broken dates are no dates.
        assert_eq!(read("D:19840101000000Z"), None);
        assert_eq!(read("D:20270101000000Z"), None);
        assert_eq!(read("D:2024"), None);
        assert_eq!(read("2024-13-01T00:00:00Z"), None);
        assert_eq!(read("yesterday"), None);
        assert_eq!(read("D:2024é315"), None);
    }

    #[test]
    fn civil_from_days() {
        assert_eq!(Date::from_days_since_epoch(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days_since_epoch(20_414).to_string(), "2025-11-22");
        assert_eq!(Date::from_days_since_epoch(11_016).to_string(), "2000-02-29");
    }
}
