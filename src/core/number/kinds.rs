//! The number kinds as data: one [`KindSpec`] per kind says everything the
//! analysis needs to know about it (length, shape, check algorithm, and where
//! the birth date, place, nationality and sex are), so that the analysis
//! ([`super::analyze`]) is one code path and the differences between the
//! documents live here, one table each (docs/spec/card-formats.md §1.1–1.6).
//!
//! **Positions.** Every `at` is a 0-based offset into the normalised number.
//! docs/spec/card-formats.md counts positions from 1: its "positions 8–13" are
//! `at: 7` with 6 digits.
//!
//! | kind | document | shape | check |
//! |---|---|---|---|
//! | `fpr18` | Foreign Permanent Resident ID Card, 2023 | `9` + 16 digits + `[0-9X]` | ISO 7064 MOD 11-2 |
//! | `fpr15` | Foreign Permanent Resident ID Card, 2004/2017 | 3 letters + 12 digits | ICAO 9303 7-3-1 (PROBABLE) |
//! | `resident18` | mainland Resident ID (GB 11643-1999) | 17 digits + `[0-9X]` | MOD 11-2 |
//! | `resident15` | legacy mainland number (GB 11643-1989) | 15 digits | none |
//! | `hmt18` | HK/Macao/Taiwan residence permit | `8[123]0000` + 11 digits + `[0-9X]` | MOD 11-2 |
//! | `hkmo_pass` | Mainland Travel Permit for HK/Macao residents (回乡证) | `[HM]` + 8 digits (older: + 2) | none |
//! | `tw_pass` | Mainland Travel Permit for Taiwan residents (台胞证), **opt-in** | 8 digits (older: + 2) | none |
//!
//! **Opt-in kinds** ([`KindSpec::opt_in`]). A kind whose shape is too plain to tell it from noise
//! is recognised only when the caller's `kinds` option names it: the Taiwan pass number is just 8
//! digits, so a truncated resident number, a phone number or any other 8-digit string would
//! otherwise "validate" (and nothing can catch a typo: the pass numbers have no check character).
//! Without the opt-in such an input is not recognised at all (`LENGTH`, whose message says how to
//! opt in), never reported as that kind. The default of `kinds` ([`KindSet::DEFAULT`]) is every
//! kind that is not opt-in; this flag is the one place the rule lives.

use super::{algo, Kind, KindSet};
use crate::core::tables::{self, Province};

/// One kind of number.
#[derive(Debug)]
pub(crate) struct KindSpec {
    pub kind: Kind,
    /// Length in characters (of the current form).
    pub len: usize,
    /// The older form of the number, if one is still recognised (with the warning `OLD_PASS_FORMAT`).
    pub older: Option<OlderForm>,
    /// Recognised only when the caller's `kinds` option includes the kind (see the module doc).
    pub opt_in: bool,
    /// What the first characters must be for an input of this length to be of this kind.
    pub lead: Lead,
    /// Shape: this many upper-case letters, then digits; the last one may be
    /// `X` when `x_last` (the MOD 11-2 value 10).
    pub letters: usize,
    pub x_last: bool,
    /// Check algorithm over all characters but the last (which is the check).
    pub check: CheckAlgo,
    /// With `check: None`: the number is a superseded one (`LEGACY_NUMBER`), not a current number
    /// without a check character (`NO_CHECK_CHARACTER`).
    pub legacy: bool,
    /// `None`: the number encodes no birth date.
    pub birth: Option<BirthField>,
    pub place: PlaceField,
    pub nationality: Option<NationalityField>,
    /// Offset of the digit whose parity is the sex (odd male, even female).
    pub sex_at: Option<usize>,
}

/// An older, longer form of a number: the current number followed by a 2-digit count.
#[derive(Clone, Copy, Debug)]
pub(crate) struct OlderForm {
    /// Length in characters; the count is the last 2 (at offset `KindSpec::len`).
    pub len: usize,
}

/// How the leading characters select a kind among those of one length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lead {
    /// `9`: a foreigner (§1.1).
    Nine,
    /// `810000`, `820000` or `830000`: the permit's full prefix (§1.1, §1.5).
    HmtPrefix,
    /// Any ASCII letter (upper or lower case: strict mode keeps the case).
    Letter,
    /// Anything: the kind for inputs of this length no other kind claims.
    Any,
}

/// Check-character algorithm (§1.6; the code is in [`algo`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CheckAlgo {
    None,
    Mod11_2,
    /// PROBABLE only (§1.2): `fpr15CheckDigit: 'warning'` downgrades a mismatch.
    Icao731,
}

/// Where the birth date is and how its year is written.
#[derive(Clone, Copy, Debug)]
pub(crate) struct BirthField {
    pub at: usize,
    pub century: Century,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Century {
    /// `YYYYMMDD`: the year is complete.
    Stored,
    /// `YYMMDD` in this century.
    Fixed(i32),
    /// `YYMMDD`; the latest century that does not put the date after the check date.
    Latest,
}

/// Where the place code is.
#[derive(Clone, Copy, Debug)]
pub(crate) enum PlaceField {
    /// Two-digit GB/T 2260 province-level code, looked up in `table`.
    Province { at: usize, table: ProvinceTable },
    /// The permit's region digit: `1` Hong Kong, `2` Macao, `3` Taiwan.
    Region { at: usize },
    /// The pass letter: `H` Hong Kong, `M` Macao (any other letter is a `FORMAT` error).
    PassLetter { at: usize },
    /// A number issued to the residents of one region only.
    FixedRegion(&'static str),
}

/// Which province-level codes a kind accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ProvinceTable {
    /// The 31 mainland codes 11–65: foreigner cards are issued on the mainland (§1.3).
    Mainland,
    /// Every GB/T 2260 province-level code, with 71, 81 and 82.
    Gb2260,
}

/// Where the nationality is and how it is encoded (ISO 3166-1 = GB/T 2659).
#[derive(Clone, Copy, Debug)]
pub(crate) enum NationalityField {
    /// Three digits, zero-padded.
    Numeric { at: usize },
    /// Three upper-case letters.
    Alpha3 { at: usize },
}

/// §1.3.
const FPR18: KindSpec = KindSpec {
    kind: Kind::Fpr18,
    len: 18,
    older: None,
    opt_in: false,
    lead: Lead::Nine,
    letters: 0,
    x_last: true,
    check: CheckAlgo::Mod11_2,
    legacy: false,
    birth: Some(BirthField { at: 6, century: Century::Stored }),
    place: PlaceField::Province { at: 1, table: ProvinceTable::Mainland },
    nationality: Some(NationalityField::Numeric { at: 3 }),
    sex_at: Some(16),
};

/// §1.2. Position 14 is not read as sex: the female test card has an odd digit there.
const FPR15: KindSpec = KindSpec {
    kind: Kind::Fpr15,
    len: 15,
    older: None,
    opt_in: false,
    lead: Lead::Letter,
    letters: 3,
    x_last: false,
    check: CheckAlgo::Icao731,
    legacy: false,
    birth: Some(BirthField { at: 7, century: Century::Latest }),
    place: PlaceField::Province { at: 3, table: ProvinceTable::Mainland },
    nationality: Some(NationalityField::Alpha3 { at: 0 }),
    sex_at: None,
};

/// §1.4.
const RESIDENT18: KindSpec = KindSpec {
    kind: Kind::Resident18,
    len: 18,
    older: None,
    opt_in: false,
    lead: Lead::Any,
    letters: 0,
    x_last: true,
    check: CheckAlgo::Mod11_2,
    legacy: false,
    birth: Some(BirthField { at: 6, century: Century::Stored }),
    place: PlaceField::Province { at: 0, table: ProvinceTable::Gb2260 },
    nationality: None,
    sex_at: Some(16),
};

/// §1.4, legacy 15 digits.
const RESIDENT15: KindSpec = KindSpec {
    kind: Kind::Resident15,
    len: 15,
    older: None,
    opt_in: false,
    lead: Lead::Any,
    letters: 0,
    x_last: false,
    check: CheckAlgo::None,
    legacy: true,
    birth: Some(BirthField { at: 6, century: Century::Fixed(1900) }),
    place: PlaceField::Province { at: 0, table: ProvinceTable::Gb2260 },
    nationality: None,
    sex_at: Some(14),
};

/// §1.5. The prefix is the region, not a GB/T 2260 province.
const HMT18: KindSpec = KindSpec {
    kind: Kind::Hmt18,
    len: 18,
    older: None,
    opt_in: false,
    lead: Lead::HmtPrefix,
    letters: 0,
    x_last: true,
    check: CheckAlgo::Mod11_2,
    legacy: false,
    birth: Some(BirthField { at: 6, century: Century::Stored }),
    place: PlaceField::Region { at: 1 },
    nationality: None,
    sex_at: Some(16),
};

/// §1.5, Mainland Travel Permit for Hong Kong and Macao residents (港澳居民来往内地通行证, 回乡证).
/// The older 1999 passes append a 2-digit renewal count to the lifelong number.
const HKMO_PASS: KindSpec = KindSpec {
    kind: Kind::HkmoPass,
    len: 9,
    older: Some(OlderForm { len: 11 }),
    opt_in: false,
    lead: Lead::Letter,
    letters: 1,
    x_last: false,
    check: CheckAlgo::None,
    legacy: false,
    birth: None,
    place: PlaceField::PassLetter { at: 0 },
    nationality: None,
    sex_at: None,
};

/// §1.5, Mainland Travel Permit for Taiwan residents (台湾居民来往大陆通行证, 台胞证): the 8-digit
/// lifelong number; the 1992–2008 numbers append a 2-digit issue count. Opt-in (module doc).
const TW_PASS: KindSpec = KindSpec {
    kind: Kind::TwPass,
    len: 8,
    older: Some(OlderForm { len: 10 }),
    opt_in: true,
    lead: Lead::Any,
    letters: 0,
    x_last: false,
    check: CheckAlgo::None,
    legacy: false,
    birth: None,
    place: PlaceField::FixedRegion("TW"),
    nationality: None,
    sex_at: None,
};

/// In recognition order: an input is of the first kind whose length and lead fit.
const RECOGNITION: [&KindSpec; Kind::COUNT] = [&FPR18, &HMT18, &RESIDENT18, &FPR15, &RESIDENT15, &HKMO_PASS, &TW_PASS];

/// Every kind that is not opt-in: the default of the `kinds` option.
pub(super) const DEFAULT_KINDS: KindSet = {
    let mut bits = 0u8;
    let mut i = 0;
    while i < RECOGNITION.len() {
        if !RECOGNITION[i].opt_in {
            bits |= 1 << RECOGNITION[i].kind as u8;
        }
        i += 1;
    }
    KindSet(bits)
};

/// The kind of a normalised number of `len` characters (`chars` holds the first ones), and
/// whether it is in the kind's older form; `None` when no kind has this length. An opt-in kind is
/// recognised only when `allowed` contains it.
pub(crate) fn recognise(chars: &[u8], len: usize, allowed: KindSet) -> Option<(&'static KindSpec, bool)> {
    RECOGNITION.into_iter().filter(|k| !k.opt_in || allowed.contains(k.kind)).find_map(|k| {
        let older = k.older.is_some_and(|o| o.len == len);
        ((k.len == len || older) && k.lead.fits(chars)).then_some((k, older))
    })
}

/// The opt-in kind an input of `len` characters would be, had `allowed` contained it (for the
/// `LENGTH` message's hint).
pub(crate) fn opt_in_of_len(len: usize, allowed: KindSet) -> Option<Kind> {
    RECOGNITION
        .into_iter()
        .find(|k| k.opt_in && !allowed.contains(k.kind) && (k.len == len || k.older.is_some_and(|o| o.len == len)))
        .map(|k| k.kind)
}

#[cfg(test)]
impl KindSpec {
    /// Which info fields a VALID number of this kind always has (the rest are `null`): what the
    /// TypeScript narrowing of a valid report states, and what the tests check on reports.
    pub(crate) fn valid_info(&self) -> ValidInfo {
        ValidInfo {
            birth_date: self.birth.is_some(),
            sex: self.sex_at.is_some(),
            province: matches!(self.place, PlaceField::Province { .. }),
            region: !matches!(self.place, PlaceField::Province { .. }),
            nationality: self.nationality.is_some(),
            check_digit: self.check != CheckAlgo::None,
            issue_count: self.older.is_some(),
        }
    }
}

/// The info fields present in every valid report of a kind ([`KindSpec::valid_info`]). Tests
/// only: the TypeScript generator and the report tests.
#[cfg(test)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ValidInfo {
    pub birth_date: bool,
    pub sex: bool,
    pub province: bool,
    pub region: bool,
    pub nationality: bool,
    pub check_digit: bool,
    /// Not always, but possibly present (the older form's count); absent from every valid report
    /// of the other kinds.
    pub issue_count: bool,
}

impl Kind {
    /// The table row of this kind.
    pub(crate) fn spec(self) -> &'static KindSpec {
        match self {
            Kind::Fpr18 => &FPR18,
            Kind::Fpr15 => &FPR15,
            Kind::Resident18 => &RESIDENT18,
            Kind::Resident15 => &RESIDENT15,
            Kind::Hmt18 => &HMT18,
            Kind::HkmoPass => &HKMO_PASS,
            Kind::TwPass => &TW_PASS,
        }
    }

    /// The 0-based range of the birth-date digits in a number of this kind (`YYYYMMDD`, or
    /// `YYMMDD` for `fpr15`); `None` for the kinds without a birth date (the passes).
    pub fn birth_digits(self) -> Option<std::ops::Range<usize>> {
        self.spec().birth.map(|birth| birth.at..birth.at + birth.digits())
    }
}

impl Lead {
    fn fits(self, chars: &[u8]) -> bool {
        match self {
            Lead::Nine => chars.first() == Some(&b'9'),
            Lead::HmtPrefix => matches!(chars, [b'8', b'1' | b'2' | b'3', b'0', b'0', b'0', b'0', ..]),
            Lead::Letter => chars.first().is_some_and(u8::is_ascii_alphabetic),
            Lead::Any => true,
        }
    }
}

impl CheckAlgo {
    /// The check character of `body` (every character but the last).
    pub fn compute(self, body: &[u8]) -> Option<u8> {
        match self {
            CheckAlgo::None => None,
            CheckAlgo::Mod11_2 => algo::mod11_2(body),
            CheckAlgo::Icao731 => algo::icao_731(body),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            CheckAlgo::None => "none",
            CheckAlgo::Mod11_2 => "ISO 7064 MOD 11-2",
            CheckAlgo::Icao731 => "ICAO 9303 7-3-1",
        }
    }
}

impl BirthField {
    /// `YYYYMMDD` or `YYMMDD`.
    pub fn digits(&self) -> usize {
        if self.century == Century::Stored {
            8
        } else {
            6
        }
    }
}

impl ProvinceTable {
    pub fn lookup(self, code: u8) -> Option<&'static Province> {
        match self {
            ProvinceTable::Mainland => tables::mainland_province(code),
            ProvinceTable::Gb2260 => tables::province(code),
        }
    }
}

/// The region of a pass letter.
pub(crate) fn pass_region(letter: u8) -> Option<&'static str> {
    match letter {
        b'H' => Some("HK"),
        b'M' => Some("MO"),
        _ => None,
    }
}

/// The permit region of a region digit.
pub(crate) fn region(digit: u8) -> Option<&'static str> {
    match digit {
        b'1' => Some("HK"),
        b'2' => Some("MO"),
        b'3' => Some("TW"),
        _ => None,
    }
}

impl NationalityField {
    pub fn at(self) -> usize {
        match self {
            NationalityField::Numeric { at } | NationalityField::Alpha3 { at } => at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_maps_to_its_own_row() {
        for kind in Kind::ALL {
            assert_eq!(kind.spec().kind, kind);
        }
        assert_eq!(Kind::Fpr15.birth_digits(), Some(7..13));
        assert_eq!(Kind::Resident18.birth_digits(), Some(6..14));
        assert_eq!(Kind::TwPass.birth_digits(), None);
    }

    /// The default of `kinds` is every kind but the opt-in ones (only `tw_pass`).
    #[test]
    fn the_default_kinds_leave_out_the_opt_in_kinds() {
        assert_eq!(KindSet::DEFAULT.iter().collect::<Vec<_>>(), {
            let mut all = Kind::ALL.to_vec();
            all.retain(|&k| k != Kind::TwPass);
            all
        });
        for kind in Kind::ALL {
            assert_eq!(KindSet::DEFAULT.contains(kind), !kind.spec().opt_in, "{kind}");
        }
        assert_eq!(recognise(b"12345678", 8, KindSet::DEFAULT).map(|(k, _)| k.kind), None);
        assert_eq!(opt_in_of_len(8, KindSet::DEFAULT), Some(Kind::TwPass));
        assert_eq!(opt_in_of_len(10, KindSet::DEFAULT), Some(Kind::TwPass));
        assert_eq!(opt_in_of_len(10, KindSet::ALL), None);
        assert_eq!(recognise(b"12345678", 8, KindSet::ALL).map(|(k, o)| (k.kind, o)), Some((Kind::TwPass, false)));
        assert_eq!(recognise(b"1234567801", 10, KindSet::ALL).map(|(k, o)| (k.kind, o)), Some((Kind::TwPass, true)));
    }

    /// No two forms of any kinds share a length and a lead: recognition order only breaks ties
    /// between kinds whose leads differ (fpr18 `9`, hmt18 `8x0000`, then resident18).
    #[test]
    fn older_forms_collide_with_no_other_kind() {
        for a in RECOGNITION {
            for b in RECOGNITION {
                if let Some(o) = a.older {
                    assert!(b.len != o.len && b.older.map_or(true, |bo| bo.len != o.len || a.kind == b.kind));
                }
            }
        }
    }
}
