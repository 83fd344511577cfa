//! The number report: every finding of the analysis (every error, not only the
//! first, and the warnings) with its code and message, and the extracted information.

use super::kinds::PlaceField;
use super::{Analysis, Birth, Finding, Kind, Nationality, NumberOptions, Place, Sex, MIN_BIRTH_DATE};
use crate::core::date::Date;
use crate::core::i18n::{self, Locale, NumberKey, Params, Value};
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
    /// In the `locale` of the call.
    pub message: String,
    /// The values the message is about (per code: [`Code::params`]).
    #[cfg_attr(test, ts(skip))]
    pub params: Params,
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
    #[cfg_attr(test, ts(type = "Array<NumberError>"))]
    pub errors: Vec<Issue<ErrorCode>>,
    #[cfg_attr(test, ts(type = "Array<NumberWarning>"))]
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

/// The 1-based positions of a bit mask's set bits.
fn positions(mask: u32) -> Value {
    Value::Ints((0..32).filter(|i| mask & (1 << i) != 0).map(|i| i64::from(i) + 1).collect())
}

/// The characters of the normalised string at a mask's positions (the analysis buffer only holds a
/// marker for non-ASCII characters, so they are read from the string).
fn characters(normalized: &str, mask: u32) -> Vec<char> {
    normalized.chars().enumerate().filter(|(i, _)| *i < 32 && mask & (1 << i) != 0).map(|(_, c)| c).collect()
}

fn strings(chars: &[char]) -> Value {
    Value::Strs(chars.iter().map(|c| c.to_string()).collect())
}

/// Characters as messages show them: quoted, with control and non-ASCII characters escaped.
fn shown(chars: &[char]) -> Value {
    Value::Strs(chars.iter().map(|c| format!("'{}'", c.escape_default())).collect())
}

/// An error or a warning code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Code {
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

/// The shape of a parameter value (the generated TypeScript and the JS encoding follow it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
    Int,
    Str,
    Bool,
    Ints,
    Strs,
    /// One of these strings.
    OneOf(&'static [&'static str]),
    /// A kind's wire name.
    Kind,
    /// A list of kind names.
    Kinds,
}

impl Ty {
    /// The TypeScript type (the generated declarations and the README's params table).
    #[cfg(test)]
    pub(crate) fn ts(self) -> String {
        match self {
            Ty::Int => "number".to_owned(),
            Ty::Str => "string".to_owned(),
            Ty::Bool => "boolean".to_owned(),
            Ty::Ints => "number[]".to_owned(),
            Ty::Strs => "string[]".to_owned(),
            Ty::OneOf(names) => crate::core::codes::ts_union(names.iter().copied()),
            Ty::Kind => "NumberKind".to_owned(),
            Ty::Kinds => "NumberKind[]".to_owned(),
        }
    }
}

/// One parameter of a code: its name, shape, and whether it may be `null`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Param {
    pub name: &'static str,
    pub ty: Ty,
    pub nullable: bool,
}

const fn p(name: &'static str, ty: Ty) -> Param {
    Param { name, ty, nullable: false }
}

const fn p_or_null(name: &'static str, ty: Ty) -> Param {
    Param { name, ty, nullable: true }
}

/// The `BIRTH_DATE` problems.
const BIRTH_PROBLEMS: &[&str] = &["NOT_A_DATE", "AFTER_CHECK_DATE", "BEFORE_MINIMUM"];
/// The `NATIONALITY` problems.
const NATIONALITY_PROBLEMS: &[&str] = &["UNKNOWN", "CHINA"];
/// The parameters of a check-character mismatch (error or downgraded warning).
const CHECK_PARAMS: &[Param] = &[p("expected", Str), p("actual", Str), p("algorithm", Str)];

use Ty::{Bool, Int, Ints, OneOf, Str, Strs};
const KIND: Ty = Ty::Kind;
const KINDS: Ty = Ty::Kinds;
const NO_PARAMS: &[Param] = &[];
// `length` in characters; over the size limit in bytes, with the `limit`.
// `optInKind`: the opt-in kind (tw_pass) an input of this length would be, were it allowed.
const LENGTH_PARAMS: &[Param] = &[p("length", Int), p_or_null("limit", Int), p_or_null("optInKind", KIND)];
const CHARACTER_PARAMS: &[Param] = &[p("positions", Ints), p("characters", Strs), p("lowercase", Bool)];
const FORMAT_PARAMS: &[Param] = &[p("positions", Ints), p("characters", Strs), p("kind", KIND)];
// `value`: the digits as read (NOT_A_DATE) or the date; `limit`: the date it is after (the check
// date) or before (the minimum).
const BIRTH_PARAMS: &[Param] = &[p("problem", OneOf(BIRTH_PROBLEMS)), p("value", Str), p_or_null("limit", Str)];
const REGION_PARAMS: &[Param] = &[p("code", Str)];
const NATIONALITY_PARAMS: &[Param] = &[p("problem", OneOf(NATIONALITY_PROBLEMS)), p("code", Str)];
const KIND_PARAMS: &[Param] = &[p("kind", KIND), p("allowed", KINDS)];
const CENTURY_PARAMS: &[Param] = &[p("birthYear", Int), p("checkDate", Str)];
// The ISO alpha-3 code.
const UNUSUAL_PARAMS: &[Param] = &[p("code", Str)];
const NO_CHECK_PARAMS: &[Param] = &[p("kind", KIND)];
// `number`: the lifelong number; `count`: the 2 digits after it (e.g. "01").
const OLD_PASS_PARAMS: &[Param] = &[p("number", Str), p("count", Str)];

impl Code {
    /// The parameters every issue with this code carries, in order (README: "Parameters").
    /// Positions are 1-based; `characters` are as normalised; dates are `YYYY-MM-DD`.
    pub fn params(self) -> &'static [Param] {
        match self {
            Code::Error(c) => match c {
                ErrorCode::Empty => NO_PARAMS,
                ErrorCode::Length => LENGTH_PARAMS,
                ErrorCode::Character => CHARACTER_PARAMS,
                ErrorCode::Format => FORMAT_PARAMS,
                ErrorCode::CheckDigit => CHECK_PARAMS,
                ErrorCode::BirthDate => BIRTH_PARAMS,
                ErrorCode::Region => REGION_PARAMS,
                ErrorCode::Nationality => NATIONALITY_PARAMS,
                ErrorCode::KindNotAllowed => KIND_PARAMS,
            },
            Code::Warning(c) => match c {
                WarningCode::CheckDigit => CHECK_PARAMS,
                WarningCode::BirthCenturyInferred => CENTURY_PARAMS,
                WarningCode::LegacyNumber => NO_PARAMS,
                WarningCode::NationalityUnusual => UNUSUAL_PARAMS,
                WarningCode::NoCheckCharacter => NO_CHECK_PARAMS,
                WarningCode::OldPassFormat => OLD_PASS_PARAMS,
            },
        }
    }
}

/// A finding in words: the sentences of its message (keys), its parameters (what the report
/// carries) and the locale-specific values only the wording needs (`display`).
struct Said {
    keys: [Option<NumberKey>; 2],
    params: Params,
    display: Params,
}

impl Said {
    fn new(key: NumberKey, params: Params) -> Self {
        Said { keys: [Some(key), None], params, display: Params::new() }
    }

    fn also(mut self, key: NumberKey) -> Self {
        self.keys[1] = Some(key);
        self
    }

    fn show(mut self, name: &'static str, value: impl Into<Value>) -> Self {
        self.display = self.display.with(name, value);
        self
    }

    /// The message in `locale`: the sentences rendered and joined.
    fn message(&self, locale: Locale) -> String {
        let parts: Vec<String> = self
            .keys
            .iter()
            .flatten()
            .map(|k| i18n::render(k.template(locale), locale, &[&self.display, &self.params]))
            .collect();
        parts.join(locale.clause_separator())
    }
}

/// What to say about finding `f` of analysis `a` (normalised as `normalized`), in `locale`.
fn say(f: Finding, a: &Analysis, normalized: &str, opts: &NumberOptions) -> Said {
    let locale = opts.locale;
    let none = Params::new;
    match f {
        Finding::Empty => Said::new(NumberKey::Empty, none()),
        Finding::TooLong(bytes) => Said::new(
            NumberKey::TooLong,
            none().with("length", bytes).with("limit", super::MAX_INPUT_BYTES).with("optInKind", Value::Null),
        ),
        Finding::Character => {
            let chars = characters(normalized, a.bad_chars);
            let params = none()
                .with("positions", positions(a.bad_chars))
                .with("characters", strings(&chars))
                .with("lowercase", a.lowercase);
            let said = if a.bad_chars != 0 {
                Said::new(NumberKey::CharacterAt, params).show("shown", shown(&chars))
            } else if a.bad_chars_beyond {
                Said::new(NumberKey::CharacterBeyond, params)
            } else {
                return Said::new(NumberKey::StrictUppercase, params);
            };
            if a.lowercase {
                said.also(NumberKey::StrictUppercase)
            } else {
                said
            }
        }
        Finding::Length(opt_in) => Said::new(
            if opt_in.is_some() { NumberKey::LengthOptIn } else { NumberKey::Length },
            none().with("length", a.len).with("limit", Value::Null).with("optInKind", opt_in.map(Kind::as_str)),
        ),
        Finding::KindNotAllowed(kind, allowed) => Said::new(
            NumberKey::KindNotAllowed,
            none()
                .with("kind", kind.as_str())
                .with("allowed", Value::Strs(allowed.iter().map(|k| k.as_str().to_owned()).collect())),
        ),
        Finding::Format => {
            let chars = characters(normalized, a.bad_format);
            let kind = a.kind();
            Said::new(
                NumberKey::Format,
                none()
                    .with("positions", positions(a.bad_format))
                    .with("characters", strings(&chars))
                    .with("kind", kind.map_or("", Kind::as_str)),
            )
            .show("shown", shown(&chars))
            .show("rule", kind.map_or("", |k| i18n::kind_rule(k, locale)))
        }
        Finding::CheckDigit { expected, actual, downgraded } => {
            let params = none()
                .with("expected", char::from(expected).to_string())
                .with("actual", char::from(actual).to_string())
                .with("algorithm", a.spec.map_or("", |s| s.check.name()));
            let said = Said::new(NumberKey::CheckDigit, params);
            if downgraded {
                said.also(NumberKey::CheckDigitAccepted)
            } else {
                said
            }
        }
        Finding::NoCheckDigit { legacy: true } => Said::new(NumberKey::LegacyNumber, none()),
        Finding::NoCheckDigit { legacy: false } => {
            Said::new(NumberKey::NoCheckCharacter, none().with("kind", a.kind().map_or("", Kind::as_str)))
        }
        Finding::OldPassFormat { count } => {
            let number = normalized.get(..a.spec.map_or(0, |s| s.len)).unwrap_or_default();
            Said::new(NumberKey::OldPassFormat, none().with("number", number).with("count", format!("{count:02}")))
                .show("length", a.len)
                .show("counted", a.kind().map_or("", |k| i18n::older_count(k, locale)))
        }
        Finding::BirthNotADate { raw, len } => {
            let digits = String::from_utf8_lossy(raw.get(..usize::from(len)).unwrap_or_default()).into_owned();
            Said::new(NumberKey::BirthNotADate, birth("NOT_A_DATE", digits, None))
        }
        Finding::BirthAfterToday(date) => Said::new(
            NumberKey::BirthAfterCheckDate,
            birth("AFTER_CHECK_DATE", date.to_string(), Some(opts.today.to_string())),
        ),
        Finding::BirthBeforeMin(date) => Said::new(
            NumberKey::BirthBeforeMinimum,
            birth("BEFORE_MINIMUM", date.to_string(), Some(MIN_BIRTH_DATE.to_string())),
        ),
        Finding::BirthCenturyInferred(date) => Said::new(
            NumberKey::BirthCenturyInferred,
            none().with("birthYear", date.year).with("checkDate", opts.today.to_string()),
        ),
        Finding::Region(code) => {
            let table = match a.spec.map(|s| s.place) {
                Some(PlaceField::Province { table, .. }) => i18n::province_table(table, locale),
                _ => "",
            };
            Said::new(NumberKey::Region, none().with("code", format!("{code:02}"))).show("table", table)
        }
        Finding::NationalityUnknown | Finding::NationalityChina => {
            let at = a.spec.and_then(|s| s.nationality).map_or(0, |n| n.at());
            let code = String::from_utf8_lossy(a.chars().get(at..at + 3).unwrap_or_default()).into_owned();
            let (key, problem) = match f {
                Finding::NationalityChina => (NumberKey::NationalityChina, "CHINA"),
                _ => (NumberKey::NationalityUnknown, "UNKNOWN"),
            };
            Said::new(key, none().with("problem", problem).with("code", code))
        }
        Finding::NationalityUnusual(c) => Said::new(NumberKey::NationalityUnusual, none().with("code", c.alpha3))
            .show("name", if locale == Locale::ZhCn { c.name_zh } else { c.name_en }),
    }
}

fn birth(problem: &'static str, value: String, limit: Option<String>) -> Params {
    Params::new().with("problem", problem).with("value", value).with("limit", limit)
}

/// Builds the lean report from an analysis: its findings with their messages,
/// and what was read.
pub(super) fn build(input: &str, a: &Analysis, opts: &NumberOptions) -> LeanReport {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let normalized = a.normalized(input, opts.strict);
    a.findings(opts, |f| {
        let said = say(f, a, &normalized, opts);
        let message = said.message(opts.locale);
        let params = said.params;
        match f.code() {
            Code::Error(code) => errors.push(Issue { code, message, params }),
            Code::Warning(code) => warnings.push(Issue { code, message, params }),
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
