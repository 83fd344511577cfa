//! Fixed instants and proleptic-Gregorian civil-date arithmetic (UTC, Unix seconds), for certificate
//! validity fields and test clocks. Independent of cnid-verify's own date code.

/// 2025-01-01T00:00:00Z.
pub const T2025: i64 = 1_735_689_600;
/// 2030-01-01T00:00:00Z.
pub const T2030: i64 = 1_893_456_000;

/// Unix seconds at 00:00:00Z of the civil date `y-m-d`.
pub fn unix_from_ymd(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe - 719_468) * 86_400
}

/// A UTC instant split into its civil fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Civil {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

/// The civil date and time of `unix` seconds (UTC).
pub fn civil_from_unix(unix: i64) -> Civil {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Civil {
        year,
        month: month as u32,
        day: day as u32,
        hour: (secs / 3600) as u32,
        minute: (secs / 60 % 60) as u32,
        second: (secs % 60) as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_are_what_they_say() {
        assert_eq!(unix_from_ymd(2025, 1, 1), T2025);
        assert_eq!(unix_from_ymd(2030, 1, 1), T2030);
        assert_eq!(unix_from_ymd(1970, 1, 1), 0);
        assert_eq!(unix_from_ymd(2026, 6, 1), 1_780_272_000);
    }

    #[test]
    fn civil_round_trips() {
        for unix in [0, T2025, T2030, -1, 951_782_400 /* 2000-02-29 */, 4_107_542_400 /* 2100-03-01 */] {
            let c = civil_from_unix(unix);
            let midnight = unix_from_ymd(c.year, i64::from(c.month), i64::from(c.day));
            assert_eq!(midnight + i64::from(c.hour * 3600 + c.minute * 60 + c.second), unix);
        }
        let c = civil_from_unix(T2025 - 1);
        assert_eq!((c.year, c.month, c.day, c.hour, c.minute, c.second), (2024, 12, 31, 23, 59, 59));
        let c = civil_from_unix(951_782_400);
        assert_eq!((c.year, c.month, c.day), (2000, 2, 29));
    }
}
