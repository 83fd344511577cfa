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

use super::{algo, Kind};
use crate::core::tables::{self, Province};

/// One kind of number.
#[derive(Debug)]
pub(crate) struct KindSpec {
    pub kind: Kind,
    /// Length in characters.
    pub len: usize,
    /// What the first characters must be for an input of this length to be of this kind.
    pub lead: Lead,
    /// Shape: this many upper-case letters, then digits; the last one may be
    /// `X` when `x_last` (the MOD 11-2 value 10).
    pub letters: usize,
    pub x_last: bool,
    /// Check algorithm over all characters but the last (which is the check).
    pub check: CheckAlgo,
    pub birth: BirthField,
    pub place: PlaceField,
    pub nationality: Option<NationalityField>,
    /// Offset of the digit whose parity is the sex (odd male, even female).
    pub sex_at: Option<usize>,
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
    lead: Lead::Nine,
    letters: 0,
    x_last: true,
    check: CheckAlgo::Mod11_2,
    birth: BirthField { at: 6, century: Century::Stored },
    place: PlaceField::Province { at: 1, table: ProvinceTable::Mainland },
    nationality: Some(NationalityField::Numeric { at: 3 }),
    sex_at: Some(16),
};

/// §1.2. Position 14 is not read as sex: the female test card has an odd digit there.
const FPR15: KindSpec = KindSpec {
    kind: Kind::Fpr15,
    len: 15,
    lead: Lead::Letter,
    letters: 3,
    x_last: false,
    check: CheckAlgo::Icao731,
    birth: BirthField { at: 7, century: Century::Latest },
    place: PlaceField::Province { at: 3, table: ProvinceTable::Mainland },
    nationality: Some(NationalityField::Alpha3 { at: 0 }),
    sex_at: None,
};

/// §1.4.
const RESIDENT18: KindSpec = KindSpec {
    kind: Kind::Resident18,
    len: 18,
    lead: Lead::Any,
    letters: 0,
    x_last: true,
    check: CheckAlgo::Mod11_2,
    birth: BirthField { at: 6, century: Century::Stored },
    place: PlaceField::Province { at: 0, table: ProvinceTable::Gb2260 },
    nationality: None,
    sex_at: Some(16),
};

/// §1.4, legacy 15 digits.
const RESIDENT15: KindSpec = KindSpec {
    kind: Kind::Resident15,
    len: 15,
    lead: Lead::Any,
    letters: 0,
    x_last: false,
    check: CheckAlgo::None,
    birth: BirthField { at: 6, century: Century::Fixed(1900) },
    place: PlaceField::Province { at: 0, table: ProvinceTable::Gb2260 },
    nationality: None,
    sex_at: Some(14),
};

/// §1.5. The prefix is the region, not a GB/T 2260 province.
const HMT18: KindSpec = KindSpec {
    kind: Kind::Hmt18,
    len: 18,
    lead: Lead::HmtPrefix,
    letters: 0,
    x_last: true,
    check: CheckAlgo::Mod11_2,
    birth: BirthField { at: 6, century: Century::Stored },
    place: PlaceField::Region { at: 1 },
    nationality: None,
    sex_at: Some(16),
};

/// In recognition order: an input is of the first kind whose length and lead fit.
const RECOGNITION: [&KindSpec; Kind::COUNT] = [&FPR18, &HMT18, &RESIDENT18, &FPR15, &RESIDENT15];

/// The kind of a normalised number of `len` characters (`chars` holds the
/// first ones); `None` when no kind has this length.
pub(crate) fn recognise(chars: &[u8], len: usize) -> Option<&'static KindSpec> {
    RECOGNITION.into_iter().find(|k| k.len == len && k.lead.fits(chars))
}

#[cfg(test)]
impl KindSpec {
    /// Which info fields a VALID number of this kind always has (the rest are `null`): what the
    /// TypeScript narrowing of a valid report states, and what the tests check on reports.
    pub(crate) fn valid_info(&self) -> ValidInfo {
        ValidInfo {
            sex: self.sex_at.is_some(),
            province: matches!(self.place, PlaceField::Province { .. }),
            region: matches!(self.place, PlaceField::Region { .. }),
            nationality: self.nationality.is_some(),
            check_digit: self.check != CheckAlgo::None,
        }
    }
}

/// The info fields present in every valid report of a kind ([`KindSpec::valid_info`]); a valid
/// report always has its birth date. Tests only: the TypeScript generator and the report tests.
#[cfg(test)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ValidInfo {
    pub sex: bool,
    pub province: bool,
    pub region: bool,
    pub nationality: bool,
    pub check_digit: bool,
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
        }
    }

    /// The 0-based range of the birth-date digits in a number of this kind (`YYYYMMDD`, or
    /// `YYMMDD` for `fpr15`).
    pub fn birth_digits(self) -> std::ops::Range<usize> {
        let birth = self.spec().birth;
        birth.at..birth.at + birth.digits()
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
        assert_eq!(Kind::Fpr15.birth_digits(), 7..13);
        assert_eq!(Kind::Resident18.birth_digits(), 6..14);
    }
}
