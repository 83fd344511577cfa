//! The card checks of a dump (docs/spec/dump-format.md §5): CARD_NUMBER, CARD_CONSISTENCY and
//! CARD_VALIDITY, run on the chip text block that CARD_LAYOUT parsed ([`crate::core::chip`] is the
//! parser; what the parsed fields must satisfy lives here).

use crate::core::chip::{CardLayout, ChipCard, ChipSex};
use crate::core::date::Date;
use crate::core::number::{self, Kind, NumberOptions, NumberReport, Sex};
use crate::core::tables;

/// Outcome of one card check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckResult {
    pub passed: bool,
    pub message: String,
}

impl CheckResult {
    /// The outcome as `CheckList::record` takes it: `Ok(message)` passed, `Err(message)` failed.
    pub fn into_outcome(self) -> Result<String, String> {
        if self.passed {
            Ok(self.message)
        } else {
            Err(self.message)
        }
    }
}

fn pass(message: String) -> CheckResult {
    CheckResult { passed: true, message }
}

fn fail(message: String) -> CheckResult {
    CheckResult { passed: false, message }
}

/// Results of `CARD_NUMBER`, `CARD_CONSISTENCY` (None = skipped because the
/// number failed) and `CARD_VALIDITY`.
#[derive(Clone, Debug)]
pub struct CardChecks {
    pub number_report: NumberReport,
    pub number: CheckResult,
    pub consistency: Option<CheckResult>,
    pub validity: CheckResult,
}

/// Runs the card checks for a card read at `read_at_unix` (seconds).
pub fn card_checks(card: &ChipCard, read_at_unix: i64) -> CardChecks {
    let read_day = Date::from_unix_seconds_cst(read_at_unix);
    // Chip data is machine-written: no case or width folding (strict), and
    // the birth date must not be after the day the card was read.
    let opts = NumberOptions { strict: true, ..NumberOptions::new(read_day) };
    let report = number::check_number(&card.number, &opts);
    let number = check_card_number(card, &report);
    let consistency = number.passed.then(|| check_consistency(card, &report));
    let validity = check_validity(card, read_at_unix);
    CardChecks { number_report: report, number, consistency, validity }
}

/// CARD_NUMBER: the chip number is a valid number of the kind the type
/// marker implies. Protects against a block whose marker and number disagree
/// (e.g. a mainland number presented as a foreigner card) and corrupted data.
fn check_card_number(card: &ChipCard, report: &NumberReport) -> CheckResult {
    let expected = card.layout.number_kind();
    if report.kind != Some(expected) {
        let got = report.kind.map_or("unrecognised", Kind::as_str);
        return fail(format!(
            "chip number {:?} is {got}, but a {} card carries a {} number",
            card.number,
            card.layout.as_str(),
            expected.as_str()
        ));
    }
    if !report.ok {
        let codes: Vec<String> = report.errors.iter().map(|e| format!("{:?}: {}", e.code, e.message)).collect();
        return fail(format!("chip number {:?} is invalid ({})", card.number, codes.join("; ")));
    }
    pass(format!("chip number {} is a valid {} number", card.number, expected.as_str()))
}

/// CARD_CONSISTENCY: birth date, sex and nationality encoded in the number
/// agree with the chip's own fields. Protects against spliced data (one
/// person's number with another person's details).
fn check_consistency(card: &ChipCard, report: &NumberReport) -> CheckResult {
    let mut problems = Vec::new();
    let n = card.number.as_bytes();
    // Birth date: the 18-character numbers hold YYYYMMDD at positions 7–14;
    // fpr15 holds YYMMDD at positions 8–13 (compare the digits, not the
    // inferred century).
    let chip_birth = format!("{:04}{:02}{:02}", card.birth_date.year, card.birth_date.month, card.birth_date.day);
    let number_birth = match card.layout {
        CardLayout::Fpr2017 => n.get(7..13),
        _ => n.get(6..14),
    };
    let chip_tail = &chip_birth.as_bytes()[chip_birth.len() - number_birth.map_or(0, <[u8]>::len)..];
    if number_birth != Some(chip_tail) {
        problems.push(format!("birth date {} on the chip differs from the number", card.birth_date));
    }
    // Sex: parity of digit 17 (not encoded in fpr15 numbers).
    let number_sex = report.info.as_ref().and_then(|i| i.sex);
    let chip_sex = match card.sex {
        ChipSex::Male => Some(Sex::Male),
        ChipSex::Female => Some(Sex::Female),
        ChipSex::Unknown | ChipSex::NotStated => None,
    };
    if let (Some(ns), Some(cs)) = (number_sex, chip_sex) {
        if ns != cs {
            problems.push(format!("sex {} on the chip differs from the number's {}", sex_word(cs), sex_word(ns)));
        }
    }
    // Nationality.
    if let Some(nat) = &card.nationality {
        let number_alpha3 = report.info.as_ref().and_then(|i| i.nationality.as_ref()).map(|x| x.alpha3.as_str());
        let chip_alpha3 = if nat.bytes().all(|c| c.is_ascii_digit()) {
            nat.parse::<u16>().ok().and_then(tables::country_by_numeric).map(|c| c.alpha3)
        } else {
            tables::country_by_alpha3(nat).map(|c| c.alpha3)
        };
        if chip_alpha3.is_none() || chip_alpha3 != number_alpha3 {
            problems.push(format!(
                "nationality {nat} on the chip differs from the number's {}",
                number_alpha3.unwrap_or("unknown")
            ));
        }
    }
    if problems.is_empty() {
        pass("birth date, sex and nationality in the number agree with the chip fields".into())
    } else {
        fail(problems.join("; "))
    }
}

/// CARD_VALIDITY: the card was within its validity period when it was read
/// (both dates inclusive, read as China Standard Time). Protects against
/// expired or not-yet-valid cards being accepted.
fn check_validity(card: &ChipCard, read_at_unix: i64) -> CheckResult {
    let day = Date::from_unix_seconds_cst(read_at_unix);
    if day < card.valid_from {
        return fail(format!("the card is valid from {}, after the read date {day}", card.valid_from));
    }
    match card.valid_until {
        Some(until) if day > until => fail(format!("the card expired on {until}, before the read date {day}")),
        Some(until) => pass(format!("read on {day}, within the validity period {} to {until}", card.valid_from)),
        None => pass(format!("read on {day}; valid from {} with no expiry (长期)", card.valid_from)),
    }
}

/// "male" / "female" for messages (ASCII, no Unicode case tables needed).
fn sex_word(s: Sex) -> &'static str {
    match s {
        Sex::Male => "male",
        Sex::Female => "female",
    }
}

// Native only: proptest is a native dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::core::chip::parse_text_block;
    use crate::core::chip::tests::{mainland, y_card};

    fn at(y: i32, m: u8, d: u8) -> i64 {
        Date::new(y, m, d).unwrap().start_unix_seconds_cst() + 3600
    }

    #[test]
    fn the_2023_specimen_passes_every_card_check() {
        let c = parse_text_block(&y_card("000")).unwrap();
        let checks = card_checks(&c, at(2026, 6, 1));
        assert!(checks.number.passed, "{}", checks.number.message);
        assert!(checks.consistency.as_ref().unwrap().passed);
        assert!(checks.validity.passed);
    }

    #[test]
    fn mainland_long_term_and_validity() {
        let c = parse_text_block(&mainland("长期")).unwrap();
        let checks = card_checks(&c, at(2030, 1, 1));
        assert!(checks.validity.passed && checks.validity.message.contains("长期"));
        assert!(checks.consistency.unwrap().passed);
        // Expired card.
        let c = parse_text_block(&mainland("20250101")).unwrap();
        let checks = card_checks(&c, at(2026, 6, 1));
        assert!(!checks.validity.passed);
        // The end date is inclusive, in China Standard Time.
        let last_day = Date::new(2025, 1, 1).unwrap().start_unix_seconds_cst();
        assert!(card_checks(&c, last_day + 86_399).validity.passed);
        assert!(!card_checks(&c, last_day + 86_400).validity.passed);
    }

    #[test]
    fn inconsistent_fields_fail_consistency() {
        let mut b = mainland("长期");
        b[36 + 14..36 + 16].copy_from_slice(&u16::from(b'0').to_le_bytes()); // birth 19491230
        let c = parse_text_block(&b).unwrap();
        let checks = card_checks(&c, at(2026, 6, 1));
        assert!(checks.number.passed);
        let cons = checks.consistency.unwrap();
        assert!(!cons.passed && cons.message.contains("birth"));
        // Sex.
        let mut b = mainland("长期");
        b[30] = b'1';
        let cons = card_checks(&parse_text_block(&b).unwrap(), at(2026, 6, 1)).consistency.unwrap();
        assert!(!cons.passed && cons.message.contains("sex"));
        // Nationality.
        let mut b = y_card("000");
        b[242..248].copy_from_slice(&[b'U', 0, b'S', 0, b'A', 0]);
        let cons = card_checks(&parse_text_block(&b).unwrap(), at(2026, 6, 1)).consistency.unwrap();
        assert!(!cons.passed && cons.message.contains("nationality"));
        // A numeric nationality that matches is accepted.
        let mut b = y_card("000");
        b[242..248].copy_from_slice(&[b'1', 0, b'2', 0, b'4', 0]);
        assert!(card_checks(&parse_text_block(&b).unwrap(), at(2026, 6, 1)).consistency.unwrap().passed);
    }

    #[test]
    fn wrong_kind_for_layout_fails_card_number() {
        let mut b = y_card("000");
        b[248] = b' ';
        let c = parse_text_block(&b).unwrap();
        let checks = card_checks(&c, at(2026, 6, 1));
        assert!(!checks.number.passed);
        assert!(checks.consistency.is_none());
    }

    proptest::proptest! {
        #[test]
        fn checks_of_any_parsed_block_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 256..=256), marker in proptest::sample::select(vec![b' ', b'I', b'J', b'Y'])) {
            let mut b = bytes;
            b[248] = marker;
            b[249] = 0;
            if let Ok(c) = parse_text_block(&b) {
                let _ = card_checks(&c, 1_780_272_000);
            }
        }
    }
}
