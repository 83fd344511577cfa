//! Identity-card number validation: normalise, validate with typed reasons,
//! extract information (in the spirit of python-stdnum's compact/validate/info).
//!
//! Kinds recognised (the strings appear in reports):
//!
//! | kind | document | shape | check |
//! |---|---|---|---|
//! | `fpr18` | Foreign Permanent Resident ID Card, 2023 | `9` + 16 digits + `[0-9X]` | ISO 7064 MOD 11-2 |
//! | `fpr15` | Foreign Permanent Resident ID Card, 2004/2017 | 3 letters + 12 digits | ICAO 9303 7-3-1 (PROBABLE) |
//! | `resident18` | mainland Resident ID (GB 11643-1999) | 17 digits + `[0-9X]` | MOD 11-2 |
//! | `resident15` | legacy mainland number (GB 11643-1989) | 15 digits | none |
//! | `hmt18` | HK/Macao/Taiwan residence permit | `8[123]0000` + 11 digits + `[0-9X]` | MOD 11-2 |
//!
//! All analysis runs over a fixed-size stack buffer ([`analyze`]) so that the
//! boolean fast path ([`is_valid_number`]) allocates nothing; the full report
//! ([`check_number`]) is built from the same analysis, so the two can never
//! disagree.

pub mod algo;
mod report;

pub use report::{
    echo_input, CheckDigitInfo, ErrorCode, Issue, LeanInfo, LeanReport, NationalityInfo, NumberInfo, NumberReport,
    ProvinceInfo, WarningCode,
};

use crate::core::date::{digits, Date};
use crate::core::tables::{self, Country, Province};
use serde::Serialize;

/// Inputs longer than this many bytes (after trimming) are rejected with
/// `LENGTH` without further work, and echoed truncated in the report.
pub const MAX_INPUT_BYTES: usize = 256;

/// Earliest accepted birth date.
pub const MIN_BIRTH_DATE: Date = Date { year: 1900, month: 1, day: 1 };

/// Longest normalised number analysed character by character. Anything
/// longer cannot be a card number and is only counted.
const BUF: usize = 32;

crate::core::codes::wire_codes! {
    /// The kind of number an input was recognised as (by length and shape).
    pub enum Kind as "NumberKind" {
        Fpr18 = "fpr18",
        Fpr15 = "fpr15",
        Resident18 = "resident18",
        Resident15 = "resident15",
        Hmt18 = "hmt18",
    }
}

/// Sex as encoded by the number (parity of the sequence digit).
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    fn from_digit(d: u8) -> Sex {
        if (d - b'0') % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        }
    }
}

/// How a failed `fpr15` check digit is reported (the ICAO 7-3-1 rule is
/// PROBABLE, and the only real-reader test card fails it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Severity {
    #[default]
    Error,
    Warning,
}

/// Validation options. The core never reads a clock: `today` is the date
/// birth dates are checked against (the bindings pass the current date in
/// China Standard Time unless the caller sets one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumberOptions {
    /// Only trim; no folding of case, width, spaces or hyphens.
    pub strict: bool,
    /// Birth dates after this date are rejected.
    pub today: Date,
    /// Severity of an `fpr15` check-digit mismatch.
    pub fpr15_check_digit: Severity,
}

impl NumberOptions {
    /// Default options with the given check date.
    pub fn new(today: Date) -> Self {
        NumberOptions { strict: false, today, fpr15_check_digit: Severity::Error }
    }
}

// ---------------------------------------------------------------------------
// Normalisation
// ---------------------------------------------------------------------------

/// What normalisation does with one character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fold {
    Drop,
    Keep(char),
}

/// Folds one character (after trimming). Lenient mode drops inner spaces and
/// hyphens (ASCII and full-width), folds full-width digits and letters to
/// ASCII and upper-cases letters. Strict mode keeps every character as is.
fn fold_char(c: char, strict: bool) -> Fold {
    if strict {
        return Fold::Keep(c);
    }
    match c {
        ' ' | '\u{3000}' | '\u{00A0}' | '\t' | '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}'
        | '\u{FF0D}' => Fold::Drop,
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            // Full-width forms sit at a fixed offset from ASCII.
            let ascii = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
            Fold::Keep(ascii.to_ascii_uppercase())
        }
        _ => Fold::Keep(c.to_ascii_uppercase()),
    }
}

/// The normalised form of an input, as shown in reports (python-stdnum's
/// `compact`). Inputs over [`MAX_INPUT_BYTES`] normalise to the empty string.
pub fn normalize(input: &str, strict: bool) -> String {
    let trimmed = input.trim();
    if trimmed.len() > MAX_INPUT_BYTES {
        return String::new();
    }
    trimmed
        .chars()
        .filter_map(|c| match fold_char(c, strict) {
            Fold::Drop => None,
            Fold::Keep(k) => Some(k),
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Analysis (allocation-free)
// ---------------------------------------------------------------------------

/// Marker stored in the buffer for a character outside ASCII.
const NON_ASCII: u8 = 0xFF;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Birth {
    /// The digits were not all present, so no date was read.
    NotRead,
    /// Not a calendar date; the raw `YYYYMMDD` (or `YYMMDD` + century) digits.
    NotADate {
        raw: [u8; 8],
        len: u8,
    },
    Ok {
        date: Date,
        century_inferred: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Place {
    NotRead,
    /// `hmt18` numbers carry no province; their 8x0000 prefix is the region.
    NotApplicable,
    Ok(&'static Province),
    Unknown(u8),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Nationality {
    NotRead,
    Ok(&'static Country),
    /// Code not in the ISO 3166-1 table.
    Unknown,
    /// China (156 / CHN) cannot be a foreigner's nationality.
    China(&'static Country),
}

/// Everything learnt about an input, without allocation.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Analysis {
    pub empty: bool,
    /// Byte length of the trimmed input when it exceeds [`MAX_INPUT_BYTES`].
    pub too_long: Option<usize>,
    /// Length of the normalised number in characters.
    pub len: usize,
    pub buf: [u8; BUF],
    pub kind: Option<Kind>,
    /// 1-based positions (bit i-1) holding a character outside `[0-9A-Z]`.
    pub bad_chars: u32,
    /// Some invalid character beyond position 32.
    pub bad_chars_beyond: bool,
    /// Strict mode saw a lower-case letter.
    pub lowercase: bool,
    /// Every kept character was ASCII, so `buf[..len]` (when `len <= BUF`)
    /// is exactly the normalised string.
    pub all_ascii: bool,
    /// Positions holding a valid character in the wrong place for the kind.
    pub bad_format: u32,
    /// `(expected, actual)` check character when it could be computed.
    pub check: Option<(u8, u8)>,
    pub birth: Birth,
    pub place: Place,
    pub nationality: Nationality,
    pub sex: Option<Sex>,
}

impl Analysis {
    fn new() -> Self {
        Analysis {
            empty: false,
            too_long: None,
            len: 0,
            buf: [0; BUF],
            kind: None,
            bad_chars: 0,
            bad_chars_beyond: false,
            lowercase: false,
            all_ascii: true,
            bad_format: 0,
            check: None,
            birth: Birth::NotRead,
            place: Place::NotRead,
            nationality: Nationality::NotRead,
            sex: None,
        }
    }

    /// The normalised string, from the buffer when it holds it exactly
    /// (all ASCII, at most `BUF` characters), else by normalising again.
    pub fn normalized(&self, input: &str, strict: bool) -> String {
        if self.all_ascii && self.len <= BUF && !self.empty && self.too_long.is_none() {
            self.chars().iter().map(|&b| char::from(b)).collect()
        } else {
            normalize(input, strict)
        }
    }

    fn chars(&self) -> &[u8] {
        &self.buf[..self.len.min(BUF)]
    }

    /// The normalised characters at 1-based positions `from..=to`, if they
    /// are all ASCII digits.
    fn digits_at(&self, from: usize, to: usize) -> Option<&[u8]> {
        let s = self.chars().get(from - 1..to)?;
        s.iter().all(u8::is_ascii_digit).then_some(s)
    }

    fn check_mismatch(&self) -> bool {
        matches!(self.check, Some((e, a)) if e != a)
    }

    /// True when the analysis would be the same for every check date on or
    /// after `today` (only the birth date depends on the check date).
    fn settled_after(&self, today: Date) -> bool {
        match self.birth {
            Birth::Ok { date, century_inferred: false } => date <= today,
            Birth::Ok { century_inferred: true, .. } => false,
            Birth::NotRead | Birth::NotADate { .. } => true,
        }
    }

    fn birth_out_of_range(&self, today: Date) -> bool {
        matches!(self.birth, Birth::Ok { date, .. } if date > today || date < MIN_BIRTH_DATE)
    }

    /// True when nothing makes the number invalid under `opts`.
    pub fn is_valid(&self, opts: &NumberOptions) -> bool {
        if self.empty || self.too_long.is_some() || self.kind.is_none() {
            return false;
        }
        if self.bad_chars != 0 || self.bad_chars_beyond || self.lowercase || self.bad_format != 0 {
            return false;
        }
        let check_is_error = !(self.kind == Some(Kind::Fpr15) && opts.fpr15_check_digit == Severity::Warning);
        if self.check_mismatch() && check_is_error {
            return false;
        }
        if self.kind != Some(Kind::Resident15) && self.check.is_none() {
            return false;
        }
        if !matches!(self.birth, Birth::Ok { .. }) || self.birth_out_of_range(opts.today) {
            return false;
        }
        if !matches!(self.place, Place::Ok(_) | Place::NotApplicable) {
            return false;
        }
        match self.kind {
            Some(Kind::Fpr18 | Kind::Fpr15) => matches!(self.nationality, Nationality::Ok(_)),
            _ => true,
        }
    }
}

/// Analyses an input. Never panics, never allocates.
pub(crate) fn analyze(input: &str, opts: &NumberOptions) -> Analysis {
    let mut a = Analysis::new();
    let trimmed = input.trim();
    if trimmed.is_empty() {
        a.empty = true;
        return a;
    }
    if trimmed.len() > MAX_INPUT_BYTES {
        a.too_long = Some(trimmed.len());
        return a;
    }
    fill_buffer(&mut a, trimmed, opts.strict);
    a.kind = recognise_kind(a.chars(), a.len);
    let Some(kind) = a.kind else { return a };
    check_format(&mut a, kind);
    a.check = compute_check(&a, kind);
    a.birth = read_birth(&a, kind, opts.today);
    a.place = read_place(&a, kind);
    a.nationality = read_nationality(&a, kind);
    a.sex = read_sex(&a, kind);
    a
}

/// Normalises into the stack buffer and flags characters outside `[0-9A-Z]`.
fn fill_buffer(a: &mut Analysis, trimmed: &str, strict: bool) {
    if trimmed.is_ascii() {
        // Fast path (nearly every real input): byte by byte, no UTF-8
        // decoding. `fold_char` maps ASCII to ASCII, so the cast is exact.
        for &b in trimmed.as_bytes() {
            if let Fold::Keep(k) = fold_char(char::from(b), strict) {
                push_folded(a, k as u8, strict);
            }
        }
        return;
    }
    for c in trimmed.chars() {
        let Fold::Keep(k) = fold_char(c, strict) else { continue };
        if k.is_ascii() {
            push_folded(a, k as u8, strict);
        } else {
            a.all_ascii = false;
            push_folded(a, NON_ASCII, strict);
        }
    }
}

/// Appends one folded character (`NON_ASCII` for anything outside ASCII).
fn push_folded(a: &mut Analysis, byte: u8, strict: bool) {
    let pos = a.len; // 0-based
    a.len += 1;
    let allowed = byte.is_ascii_digit() || byte.is_ascii_uppercase();
    if strict && byte.is_ascii_lowercase() {
        a.lowercase = true;
    }
    if pos < BUF {
        a.buf[pos] = byte;
        if !allowed {
            a.bad_chars |= 1 << pos;
        }
    } else if !allowed {
        a.bad_chars_beyond = true;
    }
}

/// Recognises the kind by length and shape; `None` when nothing fits.
fn recognise_kind(chars: &[u8], len: usize) -> Option<Kind> {
    match len {
        18 => Some(match chars {
            [b'9', ..] => Kind::Fpr18,
            [b'8', b'1' | b'2' | b'3', b'0', b'0', b'0', b'0', ..] => Kind::Hmt18,
            _ => Kind::Resident18,
        }),
        15 => Some(if chars.first().is_some_and(u8::is_ascii_alphabetic) { Kind::Fpr15 } else { Kind::Resident15 }),
        _ => None,
    }
}

/// Flags allowed characters standing where the kind does not allow them.
fn check_format(a: &mut Analysis, kind: Kind) {
    let (buf, len) = (a.buf, a.len.min(BUF));
    for (i, &c) in buf[..len].iter().enumerate() {
        if a.bad_chars & (1 << i) != 0 {
            continue; // already reported as CHARACTER
        }
        let ok = match kind {
            Kind::Fpr18 | Kind::Resident18 | Kind::Hmt18 => c.is_ascii_digit() || (i == 17 && c == b'X'),
            Kind::Fpr15 => {
                if i < 3 {
                    c.is_ascii_uppercase()
                } else {
                    c.is_ascii_digit()
                }
            }
            Kind::Resident15 => c.is_ascii_digit(),
        };
        if !ok {
            a.bad_format |= 1 << i;
        }
    }
}

/// Expected and actual check characters, when the body is well-formed.
fn compute_check(a: &Analysis, kind: Kind) -> Option<(u8, u8)> {
    let chars = a.chars();
    match kind {
        Kind::Fpr18 | Kind::Resident18 | Kind::Hmt18 => {
            let actual = *chars.get(17)?;
            if !(actual.is_ascii_digit() || actual == b'X') {
                return None;
            }
            Some((algo::mod11_2(chars.get(..17)?)?, actual))
        }
        Kind::Fpr15 => {
            let body = chars.get(..14)?;
            let letters_ok = body.iter().take(3).all(u8::is_ascii_uppercase);
            let digits_ok = body.iter().skip(3).all(u8::is_ascii_digit);
            let actual = *chars.get(14)?;
            if !(letters_ok && digits_ok && actual.is_ascii_digit()) {
                return None;
            }
            Some((algo::icao_731(body)?, actual))
        }
        Kind::Resident15 => None,
    }
}

/// Reads the birth date. `fpr15` stores YYMMDD: the century is the latest
/// one that does not put the birth after `today`. `resident15` is 19YYMMDD.
fn read_birth(a: &Analysis, kind: Kind, today: Date) -> Birth {
    let (yymmdd, century) = match kind {
        Kind::Fpr18 | Kind::Resident18 | Kind::Hmt18 => {
            let Some(d) = a.digits_at(7, 14) else { return Birth::NotRead };
            let year = digits(&d[0..4]) as i32;
            return match Date::new(year, digits(&d[4..6]) as u8, digits(&d[6..8]) as u8) {
                Some(date) => Birth::Ok { date, century_inferred: false },
                None => Birth::NotADate { raw: raw8(d), len: 8 },
            };
        }
        Kind::Fpr15 => (a.digits_at(8, 13), None),
        Kind::Resident15 => (a.digits_at(7, 12), Some(1900)),
    };
    let Some(d) = yymmdd else { return Birth::NotRead };
    let yy = digits(&d[0..2]) as i32;
    let (month, day) = (digits(&d[2..4]) as u8, digits(&d[4..6]) as u8);
    let (year, inferred) = match century {
        Some(c) => (c + yy, false),
        None => {
            // Latest century not in the future: 20YY unless that is after today.
            let y20 = 2000 + yy;
            let future = match Date::new(y20, month, day) {
                Some(d20) => d20 > today,
                // Not a date in 20YY (e.g. 29 Feb): compare by year/month/day order.
                None => (y20, month, day) > (today.year, today.month, today.day),
            };
            (if future { 1900 + yy } else { y20 }, true)
        }
    };
    match Date::new(year, month, day) {
        Some(date) => Birth::Ok { date, century_inferred: inferred },
        None => Birth::NotADate { raw: raw8(d), len: 6 },
    }
}

fn raw8(d: &[u8]) -> [u8; 8] {
    let mut raw = [b'0'; 8];
    for (dst, src) in raw.iter_mut().zip(d.iter()) {
        *dst = *src;
    }
    raw
}

/// Province-level place code. Only the province level is checked: county
/// tables go stale and are the main source of false rejections.
fn read_place(a: &Analysis, kind: Kind) -> Place {
    let (from, mainland_only) = match kind {
        Kind::Fpr18 => (2, true),
        Kind::Fpr15 => (4, true),
        Kind::Resident18 | Kind::Resident15 => (1, false),
        Kind::Hmt18 => return Place::NotApplicable,
    };
    let Some(d) = a.digits_at(from, from + 1) else { return Place::NotRead };
    let code = digits(d) as u8;
    let found = if mainland_only { tables::mainland_province(code) } else { tables::province(code) };
    match found {
        Some(p) => Place::Ok(p),
        None => Place::Unknown(code),
    }
}

/// Nationality of the fpr kinds: ISO 3166-1 numeric at positions 4–6
/// (`fpr18`) or alpha-3 at positions 1–3 (`fpr15`); never China.
fn read_nationality(a: &Analysis, kind: Kind) -> Nationality {
    let found = match kind {
        Kind::Fpr18 => {
            let Some(d) = a.digits_at(4, 6) else { return Nationality::NotRead };
            tables::country_by_numeric(digits(d) as u16)
        }
        Kind::Fpr15 => {
            let Some(letters) = a.chars().get(0..3) else { return Nationality::NotRead };
            if !letters.iter().all(u8::is_ascii_uppercase) {
                return Nationality::NotRead;
            }
            std::str::from_utf8(letters).ok().and_then(tables::country_by_alpha3)
        }
        _ => return Nationality::NotRead,
    };
    match found {
        Some(c) if c.alpha3 == "CHN" => Nationality::China(c),
        Some(c) => Nationality::Ok(c),
        None => Nationality::Unknown,
    }
}

/// Sex from the parity of digit 17 (18-character kinds) or 15 (`resident15`).
/// `fpr15` does not reliably encode sex (the female test card has an odd digit).
fn read_sex(a: &Analysis, kind: Kind) -> Option<Sex> {
    let pos = match kind {
        Kind::Fpr18 | Kind::Resident18 | Kind::Hmt18 => 17,
        Kind::Resident15 => 15,
        Kind::Fpr15 => return None,
    };
    a.digits_at(pos, pos).and_then(|d| d.first()).map(|&d| Sex::from_digit(d))
}

// ---------------------------------------------------------------------------
// Public entry points
// ---------------------------------------------------------------------------

/// The fast path: is this a valid number of any recognised kind?
pub fn is_valid_number(input: &str, opts: &NumberOptions) -> bool {
    analyze(input, opts).is_valid(opts)
}

/// [`is_valid_number`] for callers whose check date is "now" and who keep a
/// recent reading of it: `opts.today` is that (possibly stale, never future)
/// date, and `current` reads the clock. The clock is read only when the
/// verdict could differ for a later check date, i.e. when the birth date is
/// after `opts.today` or its century was inferred; otherwise every later date
/// gives the same verdict (dates only move forward), so the stale one is exact.
pub fn is_valid_number_settled(input: &str, opts: &NumberOptions, current: impl FnOnce() -> Date) -> bool {
    let a = analyze(input, opts);
    if a.settled_after(opts.today) {
        return a.is_valid(opts);
    }
    let fresh = NumberOptions { today: current(), ..*opts };
    analyze(input, &fresh).is_valid(&fresh)
}

/// Validates an input and explains the result. Never panics.
pub fn check_number(input: &str, opts: &NumberOptions) -> NumberReport {
    check_number_lean(input, opts).into_report(input)
}

/// [`check_number`] without materialising table names and dates as owned
/// strings (the bindings encode this form directly). Same verdicts.
pub fn check_number_lean(input: &str, opts: &NumberOptions) -> LeanReport {
    let a = analyze(input, opts);
    report::build(input, &a, opts)
}

// Native only: proptest is a native dev-dependency (wasm test builds, e.g. `wasm-pack test`,
// compile every test target).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
