//! The number report: every error found (not only the first), warnings, and
//! extracted information.

use super::kinds::{CheckAlgo, PlaceField};
use super::{Analysis, Birth, Kind, Nationality, NumberOptions, Place, Severity, Sex, MIN_BIRTH_DATE};
use crate::core::date::Date;
use crate::core::tables::{Country, Province};
use serde::Serialize;

crate::core::codes::wire_codes! {
    /// Stable error codes.
    pub enum ErrorCode {
        /// Nothing but white space.
        Empty = "EMPTY",
        /// No kind has this length (or the input is over the size limit).
        Length = "LENGTH",
        /// A character outside `[0-9A-Z]` after normalisation.
        Character = "CHARACTER",
        /// A valid character in a position where the kind does not allow it.
        Format = "FORMAT",
        /// The check character does not match.
        CheckDigit = "CHECK_DIGIT",
        /// Not a calendar date, after the check date, or before 1900-01-01.
        BirthDate = "BIRTH_DATE",
        /// Unknown province-level code.
        Region = "REGION",
        /// Unknown nationality code, or China for a foreigner's card.
        Nationality = "NATIONALITY",
    }
}

crate::core::codes::wire_codes! {
    /// Stable warning codes.
    pub enum WarningCode {
        /// An `fpr15` check-digit mismatch downgraded by `fpr15CheckDigit: 'warning'`.
        CheckDigit = "CHECK_DIGIT",
        /// `fpr15` stores a two-digit year; the century was inferred.
        BirthCenturyInferred = "BIRTH_CENTURY_INFERRED",
        /// A legacy 15-digit mainland number: it has no check digit.
        LegacyNumber = "LEGACY_NUMBER",
        /// An `fpr18` nationality of Hong Kong, Macao or Taiwan: a valid ISO
        /// code that should not appear on a foreigner's card (not confirmed).
        NationalityUnusual = "NATIONALITY_UNUSUAL",
    }
}

/// One error or warning.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Issue<C> {
    pub code: C,
    pub message: String,
}

/// A province-level division.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProvinceInfo {
    /// Two-digit GB/T 2260 code, e.g. `"11"`.
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
}

/// A nationality (ISO 3166-1 / GB/T 2659).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NationalityInfo {
    pub alpha3: String,
    /// Three digits, zero-padded, e.g. `"012"`.
    pub numeric: String,
    pub name_en: String,
    pub name_zh: String,
}

/// Expected and actual check character.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CheckDigitInfo {
    pub expected: String,
    pub actual: String,
}

/// Extracted information before it is turned into owned strings: table
/// entries by reference, the date and check characters as values. The
/// bindings encode this compactly for JS; [`NumberInfo`] is derived from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LeanInfo {
    pub birth_date: Option<Date>,
    pub birth_century_inferred: bool,
    pub sex: Option<Sex>,
    pub province: Option<&'static Province>,
    pub nationality: Option<&'static Country>,
    pub region: Option<&'static str>,
    /// (expected, actual) check character.
    pub check_digit: Option<(u8, u8)>,
}

/// A report whose info is still a [`LeanInfo`]. `input` is not copied: the
/// caller holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeanReport {
    pub kind: Option<Kind>,
    pub normalized: String,
    pub errors: Vec<Issue<ErrorCode>>,
    pub warnings: Vec<Issue<WarningCode>>,
    pub info: Option<LeanInfo>,
}

impl LeanReport {
    /// Valid: no error.
    pub fn ok(&self) -> bool {
        self.errors.is_empty()
    }

    /// The owned, serialisable report.
    pub fn into_report(self, input: &str) -> NumberReport {
        NumberReport {
            input: echo_input(input),
            ok: self.errors.is_empty(),
            kind: self.kind,
            normalized: self.normalized,
            errors: self.errors,
            warnings: self.warnings,
            info: self.info.map(|i| NumberInfo {
                birth_date: i.birth_date.map(|d| d.to_string()),
                birth_century_inferred: i.birth_century_inferred,
                sex: i.sex,
                province: i.province.map(province_info),
                nationality: i.nationality.map(nationality_info),
                region: i.region,
                check_digit: i.check_digit.map(|(e, a)| CheckDigitInfo {
                    expected: char::from(e).to_string(),
                    actual: char::from(a).to_string(),
                }),
            }),
        }
    }
}

/// Information extracted from a recognised number. Every key is always
/// present; `null` when not applicable or not readable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NumberInfo {
    /// `YYYY-MM-DD`, when the digits form a calendar date.
    pub birth_date: Option<String>,
    /// True when the century was inferred (`fpr15`).
    pub birth_century_inferred: bool,
    pub sex: Option<Sex>,
    pub province: Option<ProvinceInfo>,
    pub nationality: Option<NationalityInfo>,
    /// `"HK"`, `"MO"` or `"TW"` for `hmt18`.
    pub region: Option<&'static str>,
    pub check_digit: Option<CheckDigitInfo>,
}

/// The result of validating one input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NumberReport {
    /// The input as given (truncated when over the size limit).
    pub input: String,
    pub ok: bool,
    pub kind: Option<Kind>,
    pub normalized: String,
    pub errors: Vec<Issue<ErrorCode>>,
    pub warnings: Vec<Issue<WarningCode>>,
    pub info: Option<NumberInfo>,
}

impl NumberReport {
    /// True when a warning with this code was reported.
    pub fn has_warning(&self, code: WarningCode) -> bool {
        self.warnings.iter().any(|w| w.code == code)
    }
}

fn err(errors: &mut Vec<Issue<ErrorCode>>, code: ErrorCode, message: String) {
    errors.push(Issue { code, message });
}

fn warn(warnings: &mut Vec<Issue<WarningCode>>, code: WarningCode, message: String) {
    warnings.push(Issue { code, message });
}

/// Echo of the input, truncated on a character boundary when over the limit.
pub fn echo_input(input: &str) -> String {
    if input.len() <= super::MAX_INPUT_BYTES {
        return input.to_owned();
    }
    let mut end = super::MAX_INPUT_BYTES;
    while !input.is_char_boundary(end) {
        end -= 1;
    }
    let mut s = input[..end].to_owned();
    s.push('…');
    s
}

/// Lists 1-based positions of a bit mask, e.g. "3, 7".
fn positions(mask: u32) -> String {
    let list: Vec<String> = (0..32).filter(|i| mask & (1 << i) != 0).map(|i| (i + 1).to_string()).collect();
    list.join(", ")
}

fn plural(mask: u32) -> &'static str {
    if mask.count_ones() == 1 {
        ""
    } else {
        "s"
    }
}

fn char_at(normalized: &str, mask: u32) -> String {
    // Show the offending characters from the normalised string (the buffer
    // only holds a marker for non-ASCII characters).
    let shown: Vec<String> = normalized
        .chars()
        .enumerate()
        .filter(|(i, _)| *i < 32 && mask & (1 << i) != 0)
        .map(|(_, c)| format!("'{}'", c.escape_default()))
        .collect();
    shown.join(", ")
}

/// Builds the lean report from an analysis.
pub(super) fn build(input: &str, a: &Analysis, opts: &NumberOptions) -> LeanReport {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let normalized = a.normalized(input, opts.strict);

    if a.empty {
        err(&mut errors, ErrorCode::Empty, "the input is empty".into());
        return finish(normalized, None, errors, warnings, None);
    }
    if let Some(bytes) = a.too_long {
        err(
            &mut errors,
            ErrorCode::Length,
            format!("the input is {bytes} bytes long; at most {} are examined", super::MAX_INPUT_BYTES),
        );
        return finish(normalized, None, errors, warnings, None);
    }

    if a.bad_chars != 0 || a.bad_chars_beyond {
        let mut msg = if a.bad_chars != 0 {
            format!(
                "character{} {} at position{} {} not allowed (only digits and letters)",
                plural(a.bad_chars),
                char_at(&normalized, a.bad_chars),
                plural(a.bad_chars),
                positions(a.bad_chars)
            )
        } else {
            "characters other than digits and letters".to_owned()
        };
        if a.lowercase {
            msg.push_str("; strict mode requires upper-case letters (e.g. 'X', not 'x')");
        }
        err(&mut errors, ErrorCode::Character, msg);
    }

    let Some(spec) = a.spec else {
        err(&mut errors, ErrorCode::Length, format!("{} characters: card numbers have 15 or 18", a.len));
        return finish(normalized, None, errors, warnings, None);
    };

    if a.bad_format != 0 {
        err(
            &mut errors,
            ErrorCode::Format,
            format!(
                "character{} {} at position{} {} not allowed there ({})",
                plural(a.bad_format),
                char_at(&normalized, a.bad_format),
                plural(a.bad_format),
                positions(a.bad_format),
                spec.rule
            ),
        );
    }

    let mut info = LeanInfo {
        birth_date: None,
        birth_century_inferred: false,
        sex: a.sex,
        province: None,
        nationality: None,
        region: None,
        check_digit: None,
    };

    // Check character.
    if let Some((expected, actual)) = a.check {
        info.check_digit = Some((expected, actual));
        if expected != actual {
            let algo = spec.check.name();
            let msg =
                format!("check character is '{}', expected '{}' ({algo})", char::from(actual), char::from(expected));
            if spec.check == CheckAlgo::Icao731 && opts.fpr15_check_digit == Severity::Warning {
                warn(
                    &mut warnings,
                    WarningCode::CheckDigit,
                    format!("{msg}; accepted because the fpr15 rule is not confirmed (fpr15CheckDigit: 'warning')"),
                );
            } else {
                err(&mut errors, ErrorCode::CheckDigit, msg);
            }
        }
    }
    if spec.check == CheckAlgo::None {
        warn(
            &mut warnings,
            WarningCode::LegacyNumber,
            "legacy 15-digit number (GB 11643-1989): it has no check digit, so typing errors cannot be detected".into(),
        );
    }

    // Birth date.
    match a.birth {
        Birth::NotRead => {}
        Birth::NotADate { raw, len } => {
            let raw = String::from_utf8_lossy(&raw[..usize::from(len)]).into_owned();
            err(&mut errors, ErrorCode::BirthDate, format!("birth date digits {raw} are not a calendar date"));
        }
        Birth::Ok { date, century_inferred } => {
            info.birth_date = Some(date);
            info.birth_century_inferred = century_inferred;
            if date > opts.today {
                err(
                    &mut errors,
                    ErrorCode::BirthDate,
                    format!("birth date {date} is after the check date {}", opts.today),
                );
            } else if date < MIN_BIRTH_DATE {
                err(&mut errors, ErrorCode::BirthDate, format!("birth date {date} is before {MIN_BIRTH_DATE}"));
            }
            if century_inferred {
                warn(
                    &mut warnings,
                    WarningCode::BirthCenturyInferred,
                    format!(
                        "the number stores a two-digit year; {} is the latest century that is not after {}",
                        date.year / 100 * 100,
                        opts.today
                    ),
                );
            }
        }
    }

    // Province / region.
    match a.place {
        Place::NotRead => {}
        Place::Region(r) => info.region = r,
        Place::Ok(p) => info.province = Some(p),
        Place::Unknown(code) => {
            let which = match spec.place {
                PlaceField::Province { table, .. } => table.describe(),
                PlaceField::Region { .. } => "",
            };
            err(&mut errors, ErrorCode::Region, format!("region code {code:02} is not {which}"));
        }
    }

    // Nationality.
    match a.nationality {
        Nationality::NotRead => {}
        Nationality::Ok(c) => {
            if matches!(c.alpha3, "HKG" | "MAC" | "TWN") {
                warn(
                    &mut warnings,
                    WarningCode::NationalityUnusual,
                    format!("nationality {} ({}) is not expected on a foreigner's card", c.alpha3, c.name_en),
                );
            }
            info.nationality = Some(c);
        }
        Nationality::China(c) => {
            info.nationality = Some(c);
            err(
                &mut errors,
                ErrorCode::Nationality,
                "nationality is China (156/CHN), which a foreigner's card cannot carry".into(),
            );
        }
        Nationality::Unknown => {
            let at = spec.nationality.map_or(0, |n| n.at());
            let code = String::from_utf8_lossy(a.chars().get(at..at + 3).unwrap_or_default()).into_owned();
            err(&mut errors, ErrorCode::Nationality, format!("nationality code {code} is not an ISO 3166-1 code"));
        }
    }

    finish(normalized, a.kind(), errors, warnings, Some(info))
}

fn province_info(p: &Province) -> ProvinceInfo {
    ProvinceInfo { code: format!("{:02}", p.code), name_zh: p.name_zh.to_owned(), name_en: p.name_en.to_owned() }
}

fn nationality_info(c: &Country) -> NationalityInfo {
    NationalityInfo {
        alpha3: c.alpha3.to_owned(),
        numeric: format!("{:03}", c.numeric),
        name_en: c.name_en.to_owned(),
        name_zh: c.name_zh.to_owned(),
    }
}

fn finish(
    normalized: String,
    kind: Option<Kind>,
    errors: Vec<Issue<ErrorCode>>,
    warnings: Vec<Issue<WarningCode>>,
    info: Option<LeanInfo>,
) -> LeanReport {
    LeanReport { kind, normalized, errors, warnings, info }
}
