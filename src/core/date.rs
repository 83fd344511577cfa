//! Civil (proleptic Gregorian) dates without a time-zone database.
//!
//! The core never reads a clock: callers pass "now" in. Card dates are
//! Chinese local dates, so conversions from Unix time use China Standard
//! Time (UTC+8, no daylight saving since 1991; earlier dates do not matter
//! for card validity).

use std::fmt;

/// Seconds east of UTC for China Standard Time.
pub const CST_OFFSET_SECONDS: i64 = 8 * 3600;

/// A calendar date. Ordering is chronological.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Builds a date, returning `None` unless it exists in the calendar
    /// (leap years included: 1900 is not a leap year, 2000 is).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parses exactly eight ASCII digits `YYYYMMDD`.
    pub fn parse_yyyymmdd(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 8 || !b.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let year = digits(&b[0..4]) as i32;
        let month = digits(&b[4..6]) as u8;
        let day = digits(&b[6..8]) as u8;
        Date::new(year, month, day)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        days_from_civil(self.year, self.month, self.day)
    }

    /// The date for a day count since 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Date {
        let (y, m, d) = civil_from_days(days);
        Date { year: y, month: m, day: d }
    }

    /// The China Standard Time calendar date at a Unix time in seconds.
    pub fn from_unix_seconds_cst(secs: i64) -> Date {
        let local = secs.saturating_add(CST_OFFSET_SECONDS);
        Date::from_days_since_epoch(local.div_euclid(86_400))
    }

    /// Unix seconds of 00:00:00 China Standard Time on this date.
    pub fn start_unix_seconds_cst(self) -> i64 {
        self.days_since_epoch() * 86_400 - CST_OFFSET_SECONDS
    }

    /// Completed years from this date (a birth date) to `on`: the age on `on`, the birthday counting
    /// (someone born on 29 February reaches each age on 1 March in common years). `None` when this
    /// date is after `on`.
    pub fn completed_years_at(self, on: Date) -> Option<u32> {
        if self > on {
            return None;
        }
        let before_birthday = (on.month, on.day) < (self.month, self.day);
        u32::try_from(on.year - self.year - i32::from(before_birthday)).ok()
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let mut compact = String::with_capacity(8);
        compact.push_str(&s[0..4]);
        compact.push_str(&s[5..7]);
        compact.push_str(&s[8..10]);
        Date::parse_yyyymmdd(&compact)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Leap year in the proleptic Gregorian calendar.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in a month (0 for an invalid month).
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Value of a run of ASCII digits (caller guarantees they are digits).
pub(crate) fn digits(b: &[u8]) -> u32 {
    b.iter().fold(0u32, |acc, &c| acc * 10 + u32::from(c - b'0'))
}

// Howard Hinnant's days_from_civil / civil_from_days algorithms.
fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i32, u8, u8) {
    // Clamp to a range where i32 years cannot overflow.
    let z = z.clamp(-1_000_000_000, 1_000_000_000) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    ((y + i64::from(m <= 2)) as i32, m, d)
}

impl serde::Serialize for Date {
    /// Serialises as `"YYYY-MM-DD"`.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// `YYYY-MM-DDTHH:MM:SSZ` for a Unix time.
pub fn rfc3339(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    let date = Date::from_days_since_epoch(days);
    format!("{date}T{:02}:{:02}:{:02}Z", secs / 3600, (secs / 60) % 60, secs % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leap_years() {
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(1990, 2, 30).is_none());
        assert!(Date::new(1990, 4, 31).is_none());
        assert!(Date::new(1990, 13, 1).is_none());
        assert!(Date::new(1990, 0, 1).is_none());
    }

    #[test]
    fn epoch_round_trip() {
        for days in [-800_000i64, -1, 0, 1, 10_957, 20_000, 2_932_896] {
            let d = Date::from_days_since_epoch(days);
            assert_eq!(d.days_since_epoch(), days);
        }
        assert_eq!(Date::from_days_since_epoch(0).to_string(), "1970-01-01");
        assert_eq!(Date::new(2000, 3, 1).unwrap().days_since_epoch(), 11_017);
    }

    #[test]
    fn cst_day_boundary() {
        // 2023-12-31T16:00:00Z is 2024-01-01 00:00 in China.
        let t = 1_704_038_400;
        assert_eq!(Date::from_unix_seconds_cst(t).to_string(), "2024-01-01");
        assert_eq!(Date::from_unix_seconds_cst(t - 1).to_string(), "2023-12-31");
        assert_eq!(Date::new(2024, 1, 1).unwrap().start_unix_seconds_cst(), t);
    }

    #[test]
    fn completed_years() {
        let d = |y, m, day| Date::new(y, m, day).unwrap();
        assert_eq!(d(1949, 12, 31).completed_years_at(d(1967, 12, 30)), Some(17));
        assert_eq!(d(1949, 12, 31).completed_years_at(d(1967, 12, 31)), Some(18));
        assert_eq!(d(2000, 2, 29).completed_years_at(d(2018, 2, 28)), Some(17));
        assert_eq!(d(2000, 2, 29).completed_years_at(d(2018, 3, 1)), Some(18));
        assert_eq!(d(2000, 2, 29).completed_years_at(d(2020, 2, 29)), Some(20));
        assert_eq!(d(2000, 1, 1).completed_years_at(d(2000, 1, 1)), Some(0));
        assert_eq!(d(2000, 1, 2).completed_years_at(d(2000, 1, 1)), None);
    }

    #[test]
    fn parse_formats() {
        assert_eq!(Date::parse_yyyymmdd("19810803"), Date::new(1981, 8, 3));
        assert_eq!(Date::parse_yyyymmdd("1981083"), None);
        assert_eq!(Date::parse_yyyymmdd("1981-8-3"), None);
        assert_eq!(Date::parse_iso("2024-02-29"), Date::new(2024, 2, 29));
        assert_eq!(Date::parse_iso("2023-02-29"), None);
        assert_eq!(Date::parse_iso("2023/02/28"), None);
    }
}
