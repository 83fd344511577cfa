//! Identity-card number validation: normalise, validate with typed reasons,
//! extract information (in the spirit of python-stdnum's compact/validate/info).
//!
//! The kinds (`fpr18`, `fpr15`, `resident18`, `resident15`, `hmt18`, `hkmo_pass`, `tw_pass`) are data:
//! one table each in [`kinds`], read by one analysis. All analysis runs over a
//! fixed-size stack buffer ([`analyze`]) so that the boolean fast path
//! ([`is_valid_number`]) allocates nothing. The analysis yields one list of
//! findings ([`Analysis::findings`]): an input is valid when no finding is an
//! error, and the full report ([`check_number`]) is those findings with their
//! messages, so the two can never disagree.

pub mod algo;
#[cfg(feature = "generate")]
mod generate;
mod helpers;
pub(crate) mod kinds;
mod report;

#[cfg(feature = "generate")]
pub use generate::{generate_number, GenerateError, GenerateRequest};
pub use helpers::{age_at, mask_number, rebuild_fpr15, rebuild_fpr15_checked, MaskOptions};

pub use report::{
    echo_input, CheckDigitInfo, ErrorCode, Issue, LeanInfo, LeanReport, NationalityInfo, NumberInfo, NumberReport,
    ProvinceInfo, WarningCode,
};
pub use report::{Code, Param, Ty};

use crate::core::date::{digits, Date};
use crate::core::i18n::Locale;
use crate::core::tables::{self, Country, Province};
use kinds::{BirthField, Century, CheckAlgo, KindSpec, NationalityField, PlaceField};
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
        HkmoPass = "hkmo_pass",
        TwPass = "tw_pass",
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
    /// The kinds this field accepts; a number of another kind is `KIND_NOT_ALLOWED` (e.g. a field
    /// that takes only the mainland card and the 2023 foreigner card). Default: [`KindSet::DEFAULT`],
    /// every kind but the opt-in `tw_pass`, which is recognised only when listed here.
    pub kinds: KindSet,
    /// The language of the messages.
    pub locale: Locale,
}

impl NumberOptions {
    /// Default options with the given check date.
    pub fn new(today: Date) -> Self {
        NumberOptions {
            strict: false,
            today,
            fpr15_check_digit: Severity::Error,
            kinds: KindSet::DEFAULT,
            locale: Locale::En,
        }
    }
}

/// A set of number kinds (a bit per kind, in `Kind::ALL` order): copyable, no allocation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KindSet(u8);

impl KindSet {
    /// Every kind.
    pub const ALL: KindSet = KindSet((1 << Kind::COUNT) - 1);
    /// The default of the `kinds` option: every kind except the opt-in ones (`tw_pass`: an
    /// 8-digit string could be anything; docs in [`kinds`]).
    pub const DEFAULT: KindSet = kinds::DEFAULT_KINDS;
    /// No kind.
    pub const EMPTY: KindSet = KindSet(0);

    /// This set with `kind` added.
    pub fn with(self, kind: Kind) -> KindSet {
        KindSet(self.0 | 1 << kind.index())
    }

    pub fn contains(self, kind: Kind) -> bool {
        self.0 & (1 << kind.index()) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The kinds in the set, in `Kind::ALL` order.
    pub fn iter(self) -> impl Iterator<Item = Kind> {
        Kind::ALL.into_iter().filter(move |&k| self.contains(k))
    }
}

impl FromIterator<Kind> for KindSet {
    fn from_iter<I: IntoIterator<Item = Kind>>(kinds: I) -> Self {
        kinds.into_iter().fold(KindSet::EMPTY, KindSet::with)
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
    /// Not a calendar date; the raw `YYYYMMDD` (or `YYMMDD`) digits.
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
    Ok(&'static Province),
    Unknown(u8),
    /// `hmt18` numbers and the passes carry no province: their 8x0000 prefix, pass letter or kind
    /// is the region.
    Region(Option<&'static str>),
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

/// Everything read from an input, without allocation. What is wrong with it
/// is [`Analysis::findings`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Analysis {
    pub empty: bool,
    /// Byte length of the trimmed input when it exceeds [`MAX_INPUT_BYTES`].
    pub too_long: Option<usize>,
    /// Length of the normalised number in characters.
    pub len: usize,
    pub buf: [u8; BUF],
    pub spec: Option<&'static KindSpec>,
    /// The number is in its kind's older form ([`kinds::OlderForm`]).
    pub older: bool,
    /// The older form's 2-digit count, when it is digits.
    pub issue_count: Option<u8>,
    /// Offsets (bit i, up to 31) holding an ASCII digit.
    pub digits: u32,
    /// Offsets holding an upper-case ASCII letter.
    pub uppers: u32,
    /// Offsets holding a character outside `[0-9A-Z]`.
    pub bad_chars: u32,
    /// Some invalid character beyond offset 31.
    pub bad_chars_beyond: bool,
    /// Strict mode saw a lower-case letter.
    pub lowercase: bool,
    /// Every kept character was ASCII, so `buf[..len]` (when `len <= BUF`)
    /// is exactly the normalised string.
    pub all_ascii: bool,
    /// Offsets holding a valid character in the wrong place for the kind.
    pub bad_format: u32,
    /// `(expected, actual)` check character when it could be computed.
    pub check: Option<(u8, u8)>,
    pub birth: Birth,
    pub place: Place,
    pub nationality: Nationality,
    pub sex: Option<Sex>,
}

/// One thing wrong with (or worth saying about) an input, in report order.
/// [`Finding::code`] says whether it is an error; the report gives each its
/// message. Validity is "no error finding", so the boolean fast path and the
/// report cannot disagree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Finding {
    Empty,
    /// The trimmed input's byte length, over [`MAX_INPUT_BYTES`].
    TooLong(usize),
    /// Characters outside `[0-9A-Z]` (`bad_chars`, `bad_chars_beyond`).
    Character,
    /// No kind has this length; the opt-in kind that has it, when the caller did not allow it.
    Length(Option<Kind>),
    /// A kind the caller's `kinds` option does not accept.
    KindNotAllowed(Kind, KindSet),
    /// Characters the kind's shape does not allow (`bad_format`).
    Format,
    /// The check character does not match; `downgraded` to a warning by
    /// `fpr15CheckDigit: 'warning'`.
    CheckDigit {
        expected: u8,
        actual: u8,
        downgraded: bool,
    },
    /// The kind has no check character; `legacy`: the number is a superseded one (resident15).
    NoCheckDigit {
        legacy: bool,
    },
    /// The older form of a pass number, with its 2-digit count.
    OldPassFormat {
        count: u8,
    },
    BirthNotADate {
        raw: [u8; 8],
        len: u8,
    },
    BirthAfterToday(Date),
    BirthBeforeMin(Date),
    BirthCenturyInferred(Date),
    /// Province-level code not in the kind's table.
    Region(u8),
    NationalityUnknown,
    NationalityChina,
    /// Hong Kong, Macao or Taiwan as a foreigner's nationality.
    NationalityUnusual(&'static Country),
}

impl Analysis {
    fn new() -> Self {
        Analysis {
            empty: false,
            too_long: None,
            len: 0,
            buf: [0; BUF],
            spec: None,
            older: false,
            issue_count: None,
            digits: 0,
            uppers: 0,
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

    pub fn kind(&self) -> Option<Kind> {
        self.spec.map(|s| s.kind)
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

    /// The `n` normalised characters at offset `at`, if they are all ASCII
    /// digits (read from the `digits` mask; `at + n` is at most 18 here).
    fn digits_at(&self, at: usize, n: usize) -> Option<&[u8]> {
        let want = ((1u32 << n) - 1) << at;
        (self.digits & want == want).then(|| self.chars().get(at..at + n)).flatten()
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

    /// Calls `emit` with every finding, in report order. A field that could
    /// not be read (`NotRead`) has no finding of its own: its characters are
    /// already a `CHARACTER` or `FORMAT` finding.
    pub fn findings(&self, opts: &NumberOptions, mut emit: impl FnMut(Finding)) {
        if self.empty {
            return emit(Finding::Empty);
        }
        if let Some(bytes) = self.too_long {
            return emit(Finding::TooLong(bytes));
        }
        if self.bad_chars != 0 || self.bad_chars_beyond {
            emit(Finding::Character);
        }
        let Some(spec) = self.spec else {
            // All digits of an opt-in kind's length: say how to opt in.
            let all_digits = self.digits.count_ones() as usize == self.len;
            return emit(Finding::Length(kinds::opt_in_of_len(self.len, opts.kinds).filter(|_| all_digits)));
        };
        if !opts.kinds.contains(spec.kind) {
            emit(Finding::KindNotAllowed(spec.kind, opts.kinds));
        }
        if self.bad_format != 0 {
            emit(Finding::Format);
        }
        if let Some((expected, actual)) = self.check.filter(|(e, a)| e != a) {
            let downgraded = spec.check == CheckAlgo::Icao731 && opts.fpr15_check_digit == Severity::Warning;
            emit(Finding::CheckDigit { expected, actual, downgraded });
        }
        if spec.check == CheckAlgo::None {
            emit(Finding::NoCheckDigit { legacy: spec.legacy });
        }
        if let Some(count) = self.issue_count {
            emit(Finding::OldPassFormat { count });
        }
        match self.birth {
            Birth::NotRead => {}
            Birth::NotADate { raw, len } => emit(Finding::BirthNotADate { raw, len }),
            Birth::Ok { date, century_inferred } => {
                if date > opts.today {
                    emit(Finding::BirthAfterToday(date));
                } else if date < MIN_BIRTH_DATE {
                    emit(Finding::BirthBeforeMin(date));
                }
                if century_inferred {
                    emit(Finding::BirthCenturyInferred(date));
                }
            }
        }
        if let Place::Unknown(code) = self.place {
            emit(Finding::Region(code));
        }
        match self.nationality {
            Nationality::NotRead => {}
            Nationality::Ok(c) if matches!(c.alpha3, "HKG" | "MAC" | "TWN") => emit(Finding::NationalityUnusual(c)),
            Nationality::Ok(_) => {}
            Nationality::China(_) => emit(Finding::NationalityChina),
            Nationality::Unknown => emit(Finding::NationalityUnknown),
        }
    }

    /// True when no finding is an error under `opts`.
    pub fn is_valid(&self, opts: &NumberOptions) -> bool {
        let mut valid = true;
        self.findings(opts, |f| valid &= !f.is_error());
        valid
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
    let Some((spec, older)) = kinds::recognise(a.chars(), a.len, opts.kinds) else { return a };
    a.spec = Some(spec);
    a.older = older;
    check_shape(&mut a, spec);
    a.check = read_check(&a, spec);
    a.issue_count = if older { a.digits_at(spec.len, 2).map(|d| digits(d) as u8) } else { None };
    a.birth = spec.birth.map_or(Birth::NotRead, |b| read_birth(&a, b, opts.today));
    a.place = read_place(&a, spec.place);
    a.nationality = spec.nationality.map_or(Nationality::NotRead, |n| read_nationality(&a, n));
    a.sex = spec.sex_at.and_then(|at| a.digits_at(at, 1)).and_then(|d| d.first()).map(|&d| Sex::from_digit(d));
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
    if strict && byte.is_ascii_lowercase() {
        a.lowercase = true;
    }
    let class = if byte.is_ascii_digit() {
        &mut a.digits
    } else if byte.is_ascii_uppercase() {
        &mut a.uppers
    } else if pos < BUF {
        &mut a.bad_chars
    } else {
        a.bad_chars_beyond = true;
        return;
    };
    if pos < BUF {
        a.buf[pos] = byte;
        *class |= 1 << pos;
    }
}

/// Flags allowed characters standing where the kind's shape does not allow
/// them (a bad character is already a CHARACTER finding): letters where it
/// has letters, digits elsewhere, and `X` last when `x_last`; a pass letter
/// must name a region (`H` or `M`).
fn check_shape(a: &mut Analysis, spec: &KindSpec) {
    let letters = (1u32 << spec.letters) - 1;
    let last = a.len.min(BUF).saturating_sub(1);
    let x = if spec.x_last && a.buf[last] == b'X' { 1 << last } else { 0 };
    let mut allowed = (a.uppers & letters) | (a.digits & !letters) | x;
    if let PlaceField::PassLetter { at } = spec.place {
        if a.buf.get(at).copied().and_then(kinds::pass_region).is_none() {
            allowed &= !(1 << at);
        }
    }
    a.bad_format = (a.digits | a.uppers) & !allowed;
}

/// Expected and actual check characters, when the number has the kind's
/// shape (no CHARACTER or FORMAT finding) and the kind has a check.
fn read_check(a: &Analysis, spec: &KindSpec) -> Option<(u8, u8)> {
    if a.bad_chars != 0 || a.bad_format != 0 {
        return None;
    }
    let chars = a.chars();
    let last = a.len.checked_sub(1)?;
    Some((spec.check.compute(chars.get(..last)?)?, *chars.get(last)?))
}

/// Reads the birth date (`Century::Latest`: the latest century that does not
/// put the birth after `today`).
fn read_birth(a: &Analysis, field: BirthField, today: Date) -> Birth {
    let Some(d) = a.digits_at(field.at, field.digits()) else { return Birth::NotRead };
    let (year, inferred) = match field.century {
        Century::Stored => (digits(&d[0..4]) as i32, false),
        Century::Fixed(c) => (c + digits(&d[0..2]) as i32, false),
        Century::Latest => {
            let yy = digits(&d[0..2]) as i32;
            let (month, day) = (digits(&d[2..4]) as u8, digits(&d[4..6]) as u8);
            let y20 = 2000 + yy;
            let future = match Date::new(y20, month, day) {
                Some(d20) => d20 > today,
                // Not a date in 20YY (e.g. 29 Feb): compare by year/month/day order.
                None => (y20, month, day) > (today.year, today.month, today.day),
            };
            (if future { 1900 + yy } else { y20 }, true)
        }
    };
    let md = &d[d.len() - 4..];
    match Date::new(year, digits(&md[0..2]) as u8, digits(&md[2..4]) as u8) {
        Some(date) => Birth::Ok { date, century_inferred: inferred },
        None => Birth::NotADate { raw: raw8(d), len: d.len() as u8 },
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
fn read_place(a: &Analysis, field: PlaceField) -> Place {
    match field {
        PlaceField::Region { at } => Place::Region(a.chars().get(at).and_then(|&d| kinds::region(d))),
        PlaceField::PassLetter { at } => Place::Region(a.chars().get(at).and_then(|&l| kinds::pass_region(l))),
        PlaceField::FixedRegion(region) => Place::Region(Some(region)),
        PlaceField::Province { at, table } => {
            let Some(d) = a.digits_at(at, 2) else { return Place::NotRead };
            let code = digits(d) as u8;
            table.lookup(code).map_or(Place::Unknown(code), Place::Ok)
        }
    }
}

/// Nationality (ISO 3166-1 numeric or alpha-3); never China.
fn read_nationality(a: &Analysis, field: NationalityField) -> Nationality {
    let Some(code) = a.chars().get(field.at()..field.at() + 3) else { return Nationality::NotRead };
    let found = match field {
        NationalityField::Numeric { .. } if code.iter().all(u8::is_ascii_digit) => {
            tables::country_by_numeric(digits(code) as u16)
        }
        NationalityField::Alpha3 { .. } if code.iter().all(u8::is_ascii_uppercase) => {
            std::str::from_utf8(code).ok().and_then(tables::country_by_alpha3)
        }
        _ => return Nationality::NotRead,
    };
    match found {
        Some(c) if c.alpha3 == "CHN" => Nationality::China(c),
        Some(c) => Nationality::Ok(c),
        None => Nationality::Unknown,
    }
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

/// The 18-character number of a valid legacy `resident15` number: the century `19` inserted before
/// its two-digit year (the 1989 numbers are 19YY, docs/spec/card-formats.md §1.4) and the MOD 11-2
/// check character appended, which is the 1999 structure. This is the mechanical conversion:
/// where the address code has changed since, the number actually issued may differ. `None`
/// unless `input` is a valid `resident15` under `opts`.
pub fn upgrade_resident15(input: &str, opts: &NumberOptions) -> Option<String> {
    // The verdict of the fast path (no report, no messages); a valid resident15 is 15 ASCII
    // digits in the analysis buffer.
    let a = analyze(input, opts);
    if a.kind() != Some(Kind::Resident15) || !a.is_valid(opts) {
        return None;
    }
    let digits = a.chars();
    let mut out = Vec::with_capacity(18);
    out.extend_from_slice(digits.get(..6)?);
    out.extend_from_slice(b"19");
    out.extend_from_slice(digits.get(6..15)?);
    out.push(algo::mod11_2(&out)?);
    String::from_utf8(out).ok()
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
