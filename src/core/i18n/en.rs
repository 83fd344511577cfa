//! The English messages: one template per key (placeholders: `super`).

use super::NumberKey as N;
use crate::core::number::kinds::ProvinceTable;
use crate::core::number::Kind;

/// The template of a number message.
pub fn number(key: N) -> &'static str {
    match key {
        N::Empty => "the input is empty",
        N::TooLong => "the input is {length} bytes long; at most {limit} are examined",
        N::CharacterAt => {
            "character{positions|s} {shown} at position{positions|s} {positions} not allowed (only digits and letters)"
        }
        N::CharacterBeyond => "characters other than digits and letters",
        N::StrictUppercase => "strict mode requires upper-case letters (e.g. 'X', not 'x')",
        N::Length => "{length} characters: card numbers have 15 or 18, travel-permit numbers 8 to 11",
        N::LengthOptIn => {
            "{length} characters: card numbers have 15 or 18; {optInKind} numbers are only recognised when the kinds option includes {optInKind} (any {length} digits would pass as one)"
        }
        N::KindNotAllowed => "{kind} numbers are not accepted here (accepted: {allowed})",
        N::Format => "character{positions|s} {shown} at position{positions|s} {positions} not allowed there ({rule})",
        N::CheckDigit => "check character is '{actual}', expected '{expected}' ({algorithm})",
        N::CheckDigitAccepted => "accepted because the fpr15 rule is not confirmed (fpr15CheckDigit: 'warning')",
        N::LegacyNumber => {
            "legacy 15-digit number (GB 11643-1989): it has no check digit, so typing errors cannot be detected"
        }
        N::NoCheckCharacter => "{kind} numbers have no check character, so typing errors cannot be detected",
        N::OldPassFormat => {
            "older {length}-character form: the lifelong number {number} followed by the {counted} {count}; current passes carry the lifelong number only"
        }
        N::BirthNotADate => "birth date digits {value} are not a calendar date",
        N::BirthAfterCheckDate => "birth date {value} is after the check date {limit}",
        N::BirthBeforeMinimum => "birth date {value} is before {limit}",
        N::BirthCenturyInferred => {
            "the number stores a two-digit year; {birthYear} is the latest year with these digits not after {checkDate}"
        }
        N::Region => "region code {code} is not {table}",
        N::NationalityUnknown => "nationality code {code} is not an ISO 3166-1 code",
        N::NationalityChina => "nationality is China (156/CHN), which a foreigner's card cannot carry",
        N::NationalityUnusual => "nationality {code} ({name}) is not expected on a foreigner's card",
    }
}

/// A kind's shape in words (`FORMAT` messages).
pub fn kind_rule(kind: Kind) -> &'static str {
    match kind {
        Kind::Fpr18 => "fpr18 is '9' + 16 digits + a digit or 'X'",
        Kind::Fpr15 => "fpr15 is 3 letters + 12 digits",
        Kind::Resident18 => "resident18 is 17 digits + a digit or 'X'",
        Kind::Resident15 => "resident15 is 15 digits",
        Kind::Hmt18 => "hmt18 is 810000/820000/830000 + 11 digits + a digit or 'X'",
        Kind::HkmoPass => "hkmo_pass is 'H' or 'M' + 8 digits (older passes: + a 2-digit renewal count)",
        Kind::TwPass => "tw_pass is 8 digits (older passes: + a 2-digit issue count)",
    }
}

/// What the 2-digit count of an older pass number counts (`OLD_PASS_FORMAT` messages).
pub fn older_count(kind: Kind) -> &'static str {
    match kind {
        Kind::HkmoPass => "renewal count",
        _ => "issue count",
    }
}

/// What a province table holds (`REGION` messages).
pub(crate) fn province_table(table: ProvinceTable) -> &'static str {
    match table {
        ProvinceTable::Mainland => "a mainland province-level code (11–65)",
        ProvinceTable::Gb2260 => "a GB/T 2260 province-level code (11–65, 71, 81, 82)",
    }
}
