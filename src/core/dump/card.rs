//! The card checks of a dump (docs/spec/dump-format.md §5): CARD_LAYOUT parses the chip text block
//! ([`crate::core::chip`] is the parser), and CARD_NUMBER, CARD_CONSISTENCY and CARD_VALIDITY judge
//! what the parsed fields must satisfy.

use super::pipeline::{needs, pass, Failure, Outcome, Run};
use super::report::Reason;
use crate::core::chip::{self, ChipCard, ChipSex};
use crate::core::date::Date;
use crate::core::i18n::{DumpKey as K, Locale, Text};
use crate::core::number::{self, Kind, KindSet, NumberOptions, NumberReport, Sex};
use crate::core::tables;
use crate::core::trust::{Note, WarningCode};

/// CARD_LAYOUT: the payload's text block parses as one of the four layouts (a strict parse:
/// [`chip::parse_text_block`]). Leaves the card for the other card checks.
pub(crate) fn check_layout(run: &mut Run<'_>) -> Outcome {
    let p = needs(run.payload.as_ref(), "the payload")?;
    let card = chip::parse_text_block(p.text).map_err(|e| {
        Failure::new(
            Reason::from(e.code),
            Text::new(K::LayoutFailed).part("error", e.text).with("code", e.code.as_str()),
        )
    })?;
    let layout = card.layout.as_str();
    if p.fingerprint.is_some() && !card.layout.has_fingerprint() {
        run.warnings.push(Note::new(
            WarningCode::UnexpectedFingerprint,
            Text::new(K::UnexpectedFingerprint).with("layout", layout),
        ));
    }
    let message = Text::new(K::LayoutOk).with("layout", layout);
    run.card = Some(card);
    pass(message)
}

/// CARD_NUMBER (see [`judge_number`]). Leaves the number report, passed or not.
pub(crate) fn check_number(run: &mut Run<'_>) -> Outcome {
    let card = needs(run.card.as_ref(), "the card")?;
    let read_at = needs(run.payload.as_ref(), "the payload")?.read_at;
    let report = number_report(card, read_at, run.opts.locale);
    let outcome = judge_number(card, &report, run.opts.locale);
    run.number_report = Some(report);
    outcome
}

/// CARD_CONSISTENCY (see [`judge_consistency`]).
pub(crate) fn check_consistency(run: &mut Run<'_>) -> Outcome {
    let card = needs(run.card.as_ref(), "the card")?;
    judge_consistency(card, needs(run.number_report.as_ref(), "the number report")?, run.opts.locale)
}

/// CARD_VALIDITY (see [`judge_validity`]).
pub(crate) fn check_validity(run: &mut Run<'_>) -> Outcome {
    let card = needs(run.card.as_ref(), "the card")?;
    judge_validity(card, needs(run.payload.as_ref(), "the payload")?.read_at)
}

/// The outcomes of `CARD_NUMBER`, `CARD_CONSISTENCY` (None = skipped because the number failed)
/// and `CARD_VALIDITY` for a parsed card, as the pipeline decides them (for the fuzz target and
/// tests, which start from a card rather than a dump).
#[derive(Clone, Debug)]
pub struct CardChecks {
    pub number_report: NumberReport,
    pub number: Outcome,
    pub consistency: Option<Outcome>,
    pub validity: Outcome,
}

/// Runs the card checks for a card read at `read_at_unix` (seconds), the number report in `locale`.
pub fn card_checks(card: &ChipCard, read_at_unix: i64, locale: Locale) -> CardChecks {
    let report = number_report(card, read_at_unix, locale);
    let number = judge_number(card, &report, locale);
    let consistency = number.is_ok().then(|| judge_consistency(card, &report, locale));
    let validity = judge_validity(card, read_at_unix);
    CardChecks { number_report: report, number, consistency, validity }
}

/// The chip number's report. Chip data is machine-written: no case or width folding (strict), and
/// the birth date must not be after the day the card was read. Its messages are in the run's locale.
fn number_report(card: &ChipCard, read_at_unix: i64, locale: Locale) -> NumberReport {
    let read_day = Date::from_unix_seconds_cst(read_at_unix);
    let opts = NumberOptions { strict: true, locale, ..NumberOptions::new(read_day) };
    number::check_number(&card.number, &opts)
}

/// The report of a permit's pass number (`J` cards; `None` for the other layouts): strict, and
/// only the two pass kinds, `tw_pass` opted in (in this field 8 digits are a Taiwan pass number by
/// definition; docs/spec/card-formats.md §1.5, §2.4). The check date only matters for birth dates,
/// which pass numbers do not encode.
fn pass_report(card: &ChipCard, locale: Locale) -> Option<NumberReport> {
    let kinds = KindSet::EMPTY.with(Kind::HkmoPass).with(Kind::TwPass);
    let opts = NumberOptions { strict: true, kinds, locale, ..NumberOptions::new(card.valid_from) };
    card.pass_number.as_deref().map(|pass| number::check_number(pass, &opts))
}

/// CARD_NUMBER: the chip number is a valid number of the kind the type
/// marker implies. Protects against a block whose marker and number disagree
/// (e.g. a mainland number presented as a foreigner card) and corrupted data.
/// On a permit, its pass number must also be a current-form pass number (the
/// 9-character field cannot hold the older forms).
fn judge_number(card: &ChipCard, report: &NumberReport, locale: Locale) -> Outcome {
    let expected = card.layout.number_kind();
    if report.kind != Some(expected) {
        let found = Text::new(K::KindMismatch);
        let found = match report.kind {
            Some(k) => found.with("found", k.as_str()),
            None => found.term("found", "unrecognised"),
        };
        let m = found
            .with("number", format!("{:?}", card.number))
            .with("layout", card.layout.as_str())
            .with("kind", expected.as_str());
        return Err(Failure::new(Reason::KindMismatch, m));
    }
    if !report.ok {
        // The number report's messages are already in `locale`.
        let codes: Vec<String> = report.errors.iter().map(|e| format!("{:?}: {}", e.code, e.message)).collect();
        let m = Text::new(K::InvalidNumber)
            .with("number", format!("{:?}", card.number))
            .with("errors", codes.join(locale.clause_separator()));
        return Err(Failure::new(Reason::InvalidNumber, m));
    }
    let number_ok = || Text::new(K::NumberOk).with("number", card.number.clone()).with("kind", expected.as_str());
    let Some(pass_number) = pass_report(card, locale) else { return pass(number_ok()) };
    match pass_number.kind {
        Some(kind) if pass_number.ok && pass_number.info.as_ref().is_some_and(|i| i.issue_count.is_none()) => pass(
            Text::new(K::NumberOkWithPass)
                .with("number", card.number.clone())
                .with("kind", expected.as_str())
                .with("passNumber", pass_number.normalized.clone())
                .with("passKind", kind.as_str()),
        ),
        _ => {
            let codes: Vec<String> =
                pass_number.errors.iter().map(|e| format!("{:?}: {}", e.code, e.message)).collect();
            let m = Text::new(K::InvalidPassNumber)
                .with("passNumber", format!("{:?}", pass_number.input))
                .with("errors", codes.join(locale.clause_separator()));
            Err(Failure::new(Reason::InvalidPassNumber, m))
        }
    }
}

/// CARD_CONSISTENCY: birth date, sex and nationality encoded in the number
/// agree with the chip's own fields. Protects against spliced data (one
/// person's number with another person's details).
fn judge_consistency(card: &ChipCard, report: &NumberReport, locale: Locale) -> Outcome {
    let mut problems = Vec::new();
    let n = card.number.as_bytes();
    // Birth date: compare the number's birth digits (`YYYYMMDD`, or `YYMMDD` for fpr15) with the
    // chip's date, not the inferred century.
    let chip_birth = format!("{:04}{:02}{:02}", card.birth_date.year, card.birth_date.month, card.birth_date.day);
    let number_birth = card.layout.number_kind().birth_digits().and_then(|r| n.get(r));
    let chip_tail = &chip_birth.as_bytes()[chip_birth.len() - number_birth.map_or(0, <[u8]>::len)..];
    if number_birth != Some(chip_tail) {
        problems.push((
            Reason::BirthDateMismatch,
            Text::new(K::BirthDateMismatch).with("date", card.birth_date.to_string()),
        ));
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
            let m = Text::new(K::SexMismatch).term("chip", sex_word(cs)).term("number", sex_word(ns));
            problems.push((Reason::SexMismatch, m));
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
            let m = Text::new(K::NationalityMismatch).with("chip", nat.clone());
            let m = match number_alpha3 {
                Some(a) => m.with("number", a),
                None => m.term("number", "unknown"),
            };
            problems.push((Reason::NationalityMismatch, m));
        }
    }
    // Pass number (permit): its region (the letter H/M, or 8 digits for Taiwan) is the permit's.
    if let Some(pass_number) = pass_report(card, locale) {
        let region = |r: &NumberReport| r.info.as_ref().and_then(|i| i.region);
        if region(&pass_number) != region(report) {
            let m = Text::new(K::PassRegionMismatch)
                .with("passNumber", pass_number.normalized.clone())
                .with("passRegion", region(&pass_number).unwrap_or("?"))
                .with("number", card.number.clone())
                .with("region", region(report).unwrap_or("?"));
            problems.push((Reason::PassRegionMismatch, m));
        }
    }
    // The reason is the first disagreement (birth date, sex, nationality, pass region); the
    // message lists all.
    let mut problems = problems.into_iter();
    match problems.next() {
        None if card.pass_number.is_some() => pass(Text::new(K::ConsistencyOkPermit)),
        None => pass(Text::new(K::ConsistencyOk)),
        Some((reason, first)) => Err(Failure::new(reason, problems.fold(first, |all, (_, next)| all.also(next)))),
    }
}

/// CARD_VALIDITY: the card was within its validity period when it was read
/// (both dates inclusive, read as China Standard Time). Protects against
/// expired or not-yet-valid cards being accepted.
fn judge_validity(card: &ChipCard, read_at_unix: i64) -> Outcome {
    let day = Date::from_unix_seconds_cst(read_at_unix);
    if day < card.valid_from {
        let m = Text::new(K::NotYetValid).with("from", card.valid_from.to_string()).with("day", day.to_string());
        return Err(Failure::new(Reason::NotYetValid, m));
    }
    let dated = |key| Text::new(key).with("day", day.to_string()).with("from", card.valid_from.to_string());
    match card.valid_until {
        Some(until) if day > until => {
            Err(Failure::new(Reason::Expired, dated(K::Expired).with("until", until.to_string())))
        }
        Some(until) => pass(dated(K::ValidityOk).with("until", until.to_string())),
        None => pass(dated(K::ValidityLongTerm)),
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
    use crate::core::chip::tests::{j_card, mainland, y_card};
    use crate::core::dump::Verdict;

    fn at(y: i32, m: u8, d: u8) -> i64 {
        Date::new(y, m, d).unwrap().start_unix_seconds_cst() + 3600
    }

    /// The message of a passed check.
    fn passed(o: &Outcome) -> String {
        match o {
            Ok(v @ Verdict::Passed(_)) => v.message(Locale::En),
            other => panic!("expected a pass, got {other:?}"),
        }
    }

    /// The failure of a failed check.
    fn failed(o: &Outcome) -> &Failure {
        o.as_ref().err().unwrap_or_else(|| panic!("expected a failure, got {o:?}"))
    }

    #[test]
    fn the_2023_specimen_passes_every_card_check() {
        let c = parse_text_block(&y_card("000")).unwrap();
        let checks = card_checks(&c, at(2026, 6, 1), Locale::En);
        passed(&checks.number);
        passed(checks.consistency.as_ref().unwrap());
        passed(&checks.validity);
    }

    #[test]
    fn mainland_long_term_and_validity() {
        let c = parse_text_block(&mainland("长期")).unwrap();
        let checks = card_checks(&c, at(2030, 1, 1), Locale::En);
        assert!(passed(&checks.validity).contains("长期"));
        passed(&checks.consistency.unwrap());
        // Expired card.
        let c = parse_text_block(&mainland("20250101")).unwrap();
        let checks = card_checks(&c, at(2026, 6, 1), Locale::En);
        assert_eq!(failed(&checks.validity).reason, Reason::Expired);
        // The end date is inclusive, in China Standard Time.
        let last_day = Date::new(2025, 1, 1).unwrap().start_unix_seconds_cst();
        passed(&card_checks(&c, last_day + 86_399, Locale::En).validity);
        assert_eq!(failed(&card_checks(&c, last_day + 86_400, Locale::En).validity).reason, Reason::Expired);
        // Not yet valid: read the second before the start date (2020-01-01, China Standard Time).
        let from = Date::new(2020, 1, 1).unwrap().start_unix_seconds_cst();
        let c = parse_text_block(&mainland("长期")).unwrap();
        passed(&card_checks(&c, from, Locale::En).validity);
        assert_eq!(failed(&card_checks(&c, from - 1, Locale::En).validity).reason, Reason::NotYetValid);
    }

    #[test]
    fn inconsistent_fields_fail_consistency() {
        let mut b = mainland("长期");
        b[36 + 14..36 + 16].copy_from_slice(&u16::from(b'0').to_le_bytes()); // birth 19491230
        let c = parse_text_block(&b).unwrap();
        let checks = card_checks(&c, at(2026, 6, 1), Locale::En);
        passed(&checks.number);
        let cons = checks.consistency.unwrap();
        assert!(failed(&cons).message(Locale::En).contains("birth"));
        assert_eq!(failed(&cons).reason, Reason::BirthDateMismatch);
        // Sex.
        let mut b = mainland("长期");
        b[30] = b'1';
        let cons = card_checks(&parse_text_block(&b).unwrap(), at(2026, 6, 1), Locale::En).consistency.unwrap();
        assert!(failed(&cons).message(Locale::En).contains("sex"));
        assert_eq!(failed(&cons).reason, Reason::SexMismatch);
        // Nationality.
        let mut b = y_card("000");
        b[242..248].copy_from_slice(&[b'U', 0, b'S', 0, b'A', 0]);
        let cons = card_checks(&parse_text_block(&b).unwrap(), at(2026, 6, 1), Locale::En).consistency.unwrap();
        assert!(failed(&cons).message(Locale::En).contains("nationality"));
        assert_eq!(failed(&cons).reason, Reason::NationalityMismatch);
        // A numeric nationality that matches is accepted.
        let mut b = y_card("000");
        b[242..248].copy_from_slice(&[b'1', 0, b'2', 0, b'4', 0]);
        passed(&card_checks(&parse_text_block(&b).unwrap(), at(2026, 6, 1), Locale::En).consistency.unwrap());
    }

    /// A permit carries a current-form pass number of its own region (docs/spec/card-formats.md §2.4).
    #[test]
    fn permit_pass_numbers_are_checked() {
        let read = at(2026, 6, 1);
        for (number, pass_number) in [
            ("810000199001011230", "H12345678"),
            ("820000199001011232", "M87654321"),
            ("830000199001011234", "12345678"),
        ] {
            let c = parse_text_block(&j_card(number, pass_number)).unwrap();
            assert_eq!(c.pass_number.as_deref(), Some(pass_number));
            assert_eq!(c.issue_count.as_deref(), Some("01"));
            let checks = card_checks(&c, read, Locale::En);
            assert!(passed(&checks.number).contains(&format!("pass number {pass_number} a valid")), "{pass_number}");
            passed(checks.consistency.as_ref().unwrap());
            passed(&checks.validity);
        }
        // Wrong format: a letter that is no region, lower case (the chip is read strictly), a
        // letter among the digits, too short, blank.
        for bad in ["A12345678", "h12345678", "H1234567X", "1234567", ""] {
            let c = parse_text_block(&j_card("810000199001011230", bad)).unwrap();
            let checks = card_checks(&c, read, Locale::En);
            let f = failed(&checks.number);
            let m = f.message(Locale::En);
            assert_eq!(f.reason, Reason::InvalidPassNumber, "{bad:?}: {m}");
            assert!(m.contains(&format!("pass number {bad:?}")), "{m}");
            assert!(checks.consistency.is_none());
        }
        // Region mismatch: a Macao pass on a Hong Kong permit, a Taiwan pass on a Macao permit, a
        // Hong Kong pass on a Taiwan permit.
        for (number, pass_number) in [
            ("810000199001011230", "M87654321"),
            ("820000199001011232", "12345678"),
            ("830000199001011234", "H12345678"),
        ] {
            let c = parse_text_block(&j_card(number, pass_number)).unwrap();
            let checks = card_checks(&c, read, Locale::En);
            passed(&checks.number);
            let f = failed(checks.consistency.as_ref().unwrap()).clone();
            assert_eq!(f.reason, Reason::PassRegionMismatch, "{pass_number}");
            let m = f.message(Locale::En);
            assert!(m.contains(&format!("pass number {pass_number} is of region")), "{m}");
        }
    }

    #[test]
    fn wrong_kind_for_layout_fails_card_number() {
        let mut b = y_card("000");
        b[248] = b' ';
        let c = parse_text_block(&b).unwrap();
        let checks = card_checks(&c, at(2026, 6, 1), Locale::En);
        assert_eq!(failed(&checks.number).reason, Reason::KindMismatch);
        assert!(checks.consistency.is_none());
    }

    proptest::proptest! {
        #[test]
        fn checks_of_any_parsed_block_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 256..=256), marker in proptest::sample::select(vec![b' ', b'I', b'J', b'Y'])) {
            let mut b = bytes;
            b[248] = marker;
            b[249] = 0;
            if let Ok(c) = parse_text_block(&b) {
                let _ = card_checks(&c, 1_780_272_000, Locale::En);
            }
        }
    }
}
