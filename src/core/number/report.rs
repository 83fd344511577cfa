//! The number report: every finding of the analysis (every error, not only the
//! first, and the warnings) with its code and message, and the extracted information.

use super::kinds::PlaceField;
use super::{Analysis, Birth, Finding, Kind, Nationality, NumberOptions, Place, Sex, MIN_BIRTH_DATE};
use crate::core::date::Date;
use crate::core::tables::{Country, Province};
use serde::Serialize;

crate::core::codes::wire_codes! {
    /// Stable error codes.
    pub enum ErrorCode as "NumberErrorCode" {
        /// Nothing but white space.
        Empty = "EMPTY",
        /// No kind has this length (or the input is over the size limit); an 8- or 10-digit
        /// `tw_pass` number unless the `kinds` option includes `tw_pass`.
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
        /// A kind of number the caller's `kinds` option does not accept.
        KindNotAllowed = "KIND_NOT_ALLOWED",
    }
}

crate::core::codes::wire_codes! {
    /// Stable warning codes.
    pub enum WarningCode as "NumberWarningCode" {
        /// An `fpr15` check-digit mismatch downgraded by `fpr15CheckDigit: 'warning'`.
        CheckDigit = "CHECK_DIGIT",
        /// `fpr15` stores a two-digit year; the century was inferred.
        BirthCenturyInferred = "BIRTH_CENTURY_INFERRED",
        /// A legacy 15-digit mainland number: it has no check digit.
        LegacyNumber = "LEGACY_NUMBER",
        /// An `fpr18` nationality of Hong Kong, Macao or Taiwan: a valid ISO
        /// code that should not appear on a foreigner's card (not confirmed).
        NationalityUnusual = "NATIONALITY_UNUSUAL",
        /// A pass number (`hkmo_pass`, `tw_pass`): it has no check character, so typing errors
        /// cannot be detected.
        NoCheckCharacter = "NO_CHECK_CHARACTER",
        /// The older form of a pass number: the lifelong number followed by a 2-digit renewal or
        /// issue count (reported as `info.issueCount`).
        OldPassFormat = "OLD_PASS_FORMAT",
    }
}

/// One error or warning.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Issue<C> {
    pub code: C,
    pub message: String,
}

/// A province-level division.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProvinceInfo {
    /// Two-digit GB/T 2260 code, e.g. `"11"`.
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
}

/// A nationality (ISO 3166-1 / GB/T 2659).
#[cfg_attr(test, derive(ts_rs::TS))]
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
#[cfg_attr(test, derive(ts_rs::TS))]
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
    /// The 2-digit count of an older pass number (0–99).
    pub issue_count: Option<u8>,
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
                issue_count: i.issue_count.map(|c| format!("{c:02}")),
            }),
        }
    }
}

/// Information extracted from a recognised number. Every key is always
/// present; `null` when not applicable or not readable.
#[cfg_attr(test, derive(ts_rs::TS))]
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
    /// `"HK"`, `"MO"` or `"TW"` for `hmt18`, `hkmo_pass` (`H` / `M`) and `tw_pass` (`"TW"`).
    #[cfg_attr(test, ts(type = r#""HK" | "MO" | "TW" | null"#))]
    pub region: Option<&'static str>,
    pub check_digit: Option<CheckDigitInfo>,
    /// The 2-digit renewal or issue count of an older pass number (`OLD_PASS_FORMAT`), e.g. `"01"`.
    pub issue_count: Option<String>,
}

/// The result of validating one input.
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "NumberReportBase"))]
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

/// An error or a warning code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Code {
    Error(ErrorCode),
    Warning(WarningCode),
}

impl Finding {
    /// The code the finding is reported under.
    pub(crate) fn code(self) -> Code {
        use Code::{Error, Warning};
        match self {
            Finding::Empty => Error(ErrorCode::Empty),
            Finding::TooLong(_) | Finding::Length(_) => Error(ErrorCode::Length),
            Finding::Character => Error(ErrorCode::Character),
            Finding::KindNotAllowed(..) => Error(ErrorCode::KindNotAllowed),
            Finding::Format => Error(ErrorCode::Format),
            Finding::CheckDigit { downgraded: true, .. } => Warning(WarningCode::CheckDigit),
            Finding::CheckDigit { downgraded: false, .. } => Error(ErrorCode::CheckDigit),
            Finding::NoCheckDigit { legacy: true } => Warning(WarningCode::LegacyNumber),
            Finding::NoCheckDigit { legacy: false } => Warning(WarningCode::NoCheckCharacter),
            Finding::OldPassFormat { .. } => Warning(WarningCode::OldPassFormat),
            Finding::BirthNotADate { .. } | Finding::BirthAfterToday(_) | Finding::BirthBeforeMin(_) => {
                Error(ErrorCode::BirthDate)
            }
            Finding::BirthCenturyInferred(_) => Warning(WarningCode::BirthCenturyInferred),
            Finding::Region(_) => Error(ErrorCode::Region),
            Finding::NationalityUnknown | Finding::NationalityChina => Error(ErrorCode::Nationality),
            Finding::NationalityUnusual(_) => Warning(WarningCode::NationalityUnusual),
        }
    }

    pub(crate) fn is_error(self) -> bool {
        matches!(self.code(), Code::Error(_))
    }
}

/// The message of a finding about input `a` (normalised as `normalized`).
fn message(f: Finding, a: &Analysis, normalized: &str, opts: &NumberOptions) -> String {
    match f {
        Finding::Empty => "the input is empty".into(),
        Finding::TooLong(bytes) => {
            format!("the input is {bytes} bytes long; at most {} are examined", super::MAX_INPUT_BYTES)
        }
        Finding::Character => {
            let mut msg = if a.bad_chars != 0 {
                format!(
                    "character{} {} at position{} {} not allowed (only digits and letters)",
                    plural(a.bad_chars),
                    char_at(normalized, a.bad_chars),
                    plural(a.bad_chars),
                    positions(a.bad_chars)
                )
            } else {
                "characters other than digits and letters".to_owned()
            };
            if a.lowercase {
                msg.push_str("; strict mode requires upper-case letters (e.g. 'X', not 'x')");
            }
            msg
        }
        Finding::Length(None) => {
            format!("{} characters: card numbers have 15 or 18, travel-permit numbers 8 to 11", a.len)
        }
        Finding::Length(Some(kind)) => format!(
            "{} characters: card numbers have 15 or 18; {kind} numbers are only recognised when the kinds option includes {kind} (any {} digits would pass as one)",
            a.len, a.len
        ),
        Finding::KindNotAllowed(kind, allowed) => {
            let names: Vec<&str> = allowed.iter().map(Kind::as_str).collect();
            format!("{} numbers are not accepted here (accepted: {})", kind.as_str(), names.join(", "))
        }
        Finding::Format => format!(
            "character{} {} at position{} {} not allowed there ({})",
            plural(a.bad_format),
            char_at(normalized, a.bad_format),
            plural(a.bad_format),
            positions(a.bad_format),
            a.spec.map_or("", |s| s.rule)
        ),
        Finding::CheckDigit { expected, actual, downgraded } => {
            let algo = a.spec.map_or("", |s| s.check.name());
            let msg =
                format!("check character is '{}', expected '{}' ({algo})", char::from(actual), char::from(expected));
            if downgraded {
                format!("{msg}; accepted because the fpr15 rule is not confirmed (fpr15CheckDigit: 'warning')")
            } else {
                msg
            }
        }
        Finding::NoCheckDigit { legacy: true } => {
            "legacy 15-digit number (GB 11643-1989): it has no check digit, so typing errors cannot be detected".into()
        }
        Finding::NoCheckDigit { legacy: false } => format!(
            "{} numbers have no check character, so typing errors cannot be detected",
            a.kind().map_or("", Kind::as_str)
        ),
        Finding::OldPassFormat { count } => format!(
            "older {}-character form: the lifelong number {} followed by the {} {count:02}; current passes carry the lifelong number only",
            a.len,
            normalized.get(..a.spec.map_or(0, |s| s.len)).unwrap_or_default(),
            a.spec.and_then(|s| s.older).map_or("count", |o| o.count)
        ),
        Finding::BirthNotADate { raw, len } => {
            let raw = String::from_utf8_lossy(&raw[..usize::from(len)]).into_owned();
            format!("birth date digits {raw} are not a calendar date")
        }
        Finding::BirthAfterToday(date) => format!("birth date {date} is after the check date {}", opts.today),
        Finding::BirthBeforeMin(date) => format!("birth date {date} is before {MIN_BIRTH_DATE}"),
        Finding::BirthCenturyInferred(date) => format!(
            "the number stores a two-digit year; {} is the latest century that is not after {}",
            date.year / 100 * 100,
            opts.today
        ),
        Finding::Region(code) => {
            let which = match a.spec.map(|s| s.place) {
                Some(PlaceField::Province { table, .. }) => table.describe(),
                _ => "",
            };
            format!("region code {code:02} is not {which}")
        }
        Finding::NationalityUnknown => {
            let at = a.spec.and_then(|s| s.nationality).map_or(0, |n| n.at());
            let code = String::from_utf8_lossy(a.chars().get(at..at + 3).unwrap_or_default()).into_owned();
            format!("nationality code {code} is not an ISO 3166-1 code")
        }
        Finding::NationalityChina => "nationality is China (156/CHN), which a foreigner's card cannot carry".into(),
        Finding::NationalityUnusual(c) => {
            format!("nationality {} ({}) is not expected on a foreigner's card", c.alpha3, c.name_en)
        }
    }
}

/// Builds the lean report from an analysis: its findings with their messages,
/// and what was read.
pub(super) fn build(input: &str, a: &Analysis, opts: &NumberOptions) -> LeanReport {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let normalized = a.normalized(input, opts.strict);
    a.findings(opts, |f| {
        let message = message(f, a, &normalized, opts);
        match f.code() {
            Code::Error(code) => errors.push(Issue { code, message }),
            Code::Warning(code) => warnings.push(Issue { code, message }),
        }
    });
    let info = a.spec.map(|_| LeanInfo {
        birth_date: match a.birth {
            Birth::Ok { date, .. } => Some(date),
            _ => None,
        },
        birth_century_inferred: matches!(a.birth, Birth::Ok { century_inferred: true, .. }),
        sex: a.sex,
        province: match a.place {
            Place::Ok(p) => Some(p),
            _ => None,
        },
        nationality: match a.nationality {
            Nationality::Ok(c) | Nationality::China(c) => Some(c),
            _ => None,
        },
        region: match a.place {
            Place::Region(r) => r,
            _ => None,
        },
        check_digit: a.check,
        issue_count: a.issue_count,
    });
    LeanReport { kind: a.kind(), normalized, errors, warnings, info }
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
