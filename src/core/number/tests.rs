//! Vectors from docs/spec/card-formats.md §4 with expected fields, a negative case for
//! every error code, and property tests.

use super::*;
use proptest::prelude::*;

fn today() -> Date {
    Date::new(2026, 11, 22).unwrap()
}

fn opts() -> NumberOptions {
    NumberOptions::new(today())
}

fn check(s: &str) -> NumberReport {
    let r = check_number(s, &opts());
    assert_eq!(r.ok, is_valid_number(s, &opts()), "fast path disagrees for {s:?}");
    r
}

fn error_codes(r: &NumberReport) -> Vec<ErrorCode> {
    r.errors.iter().map(|e| e.code).collect()
}

fn info(r: &NumberReport) -> &NumberInfo {
    r.info.as_ref().expect("info present")
}

#[track_caller]
fn assert_valid(s: &str, kind: Kind, birth: &str, sex: Option<Sex>) -> NumberReport {
    let r = check(s);
    assert!(r.ok, "{s} should be valid: {:?}", r.errors);
    assert_eq!(r.kind, Some(kind));
    assert_eq!(info(&r).birth_date.as_deref(), Some(birth));
    assert_eq!(info(&r).sex, sex);
    r
}

#[track_caller]
fn assert_errors(s: &str, kind: Option<Kind>, codes: &[ErrorCode]) -> NumberReport {
    let r = check(s);
    assert!(!r.ok);
    assert_eq!(r.kind, kind, "kind of {s}");
    assert_eq!(error_codes(&r), codes, "errors of {s}: {:?}", r.errors);
    for e in &r.errors {
        assert!(!e.message.is_empty());
    }
    r
}

// --- Official and vendor vectors -------------------------------------------

#[test]
fn official_specimen_2023_canada_female_beijing() {
    let r = assert_valid("911124198108030024", Kind::Fpr18, "1981-08-03", Some(Sex::Female));
    let i = info(&r);
    assert_eq!(
        i.province.as_ref().map(|p| (p.code.as_str(), p.name_zh.as_str(), p.name_en.as_str())),
        Some(("11", "北京", "Beijing"))
    );
    let n = i.nationality.as_ref().unwrap();
    assert_eq!(
        (n.alpha3.as_str(), n.numeric.as_str(), n.name_en.as_str(), n.name_zh.as_str()),
        ("CAN", "124", "Canada", "加拿大")
    );
    assert_eq!(i.check_digit, Some(CheckDigitInfo { expected: "4".into(), actual: "4".into() }));
    assert_eq!(i.region, None);
    assert!(r.warnings.is_empty());
}

#[test]
fn official_example_2023_saudi_male_jiangsu() {
    let r = assert_valid("932682198501010017", Kind::Fpr18, "1985-01-01", Some(Sex::Male));
    assert_eq!(info(&r).province.as_ref().unwrap().name_en, "Jiangsu");
    assert_eq!(info(&r).nationality.as_ref().unwrap().alpha3, "SAU");
}

#[test]
fn vendor_test_card_2023_pakistan_female_shanghai() {
    let r = assert_valid("931586198001010028", Kind::Fpr18, "1980-01-01", Some(Sex::Female));
    assert_eq!(info(&r).province.as_ref().unwrap().code, "31");
    assert_eq!(info(&r).nationality.as_ref().unwrap().name_zh, "巴基斯坦");
}

#[test]
fn synthetic_fpr18_vectors() {
    let r = assert_valid("911398199012310021", Kind::Fpr18, "1990-12-31", Some(Sex::Female));
    assert_eq!(info(&r).nationality.as_ref().unwrap().alpha3, "KAZ");
    let r = assert_valid("931012199012010018", Kind::Fpr18, "1990-12-01", Some(Sex::Male));
    assert_eq!(info(&r).nationality.as_ref().unwrap().numeric, "012");
    assert_valid("91112419810803018X", Kind::Fpr18, "1981-08-03", Some(Sex::Female));
    assert_valid("911840199001010018", Kind::Fpr18, "1990-01-01", Some(Sex::Male));
    assert_valid("944840199001010016", Kind::Fpr18, "1990-01-01", Some(Sex::Male));
}

#[test]
fn synthetic_fpr18_negatives() {
    let r = assert_errors("911398199012310022", Some(Kind::Fpr18), &[ErrorCode::CheckDigit]);
    assert_eq!(info(&r).check_digit, Some(CheckDigitInfo { expected: "1".into(), actual: "2".into() }));
    assert_errors("999398199012310021", Some(Kind::Fpr18), &[ErrorCode::CheckDigit, ErrorCode::Region]);
    assert_errors("911999199012310021", Some(Kind::Fpr18), &[ErrorCode::CheckDigit, ErrorCode::Nationality]);
}

#[test]
fn fpr18_region_and_nationality_with_valid_check() {
    // Province 81 (Hong Kong) is not a mainland province: fpr18 rejects it.
    let body = "98112419810803002";
    let n = format!("{body}{}", char::from(algo::mod11_2(body.as_bytes()).unwrap()));
    assert_errors(&n, Some(Kind::Fpr18), &[ErrorCode::Region]);
    // Nationality 156 (China) is rejected.
    let body = "91115619810803002";
    let n = format!("{body}{}", char::from(algo::mod11_2(body.as_bytes()).unwrap()));
    let r = assert_errors(&n, Some(Kind::Fpr18), &[ErrorCode::Nationality]);
    assert_eq!(info(&r).nationality.as_ref().unwrap().alpha3, "CHN");
    // Nationality 344 (Hong Kong) is accepted with a warning.
    let body = "91134419810803002";
    let n = format!("{body}{}", char::from(algo::mod11_2(body.as_bytes()).unwrap()));
    let r = check(&n);
    assert!(r.ok);
    assert!(r.has_warning(WarningCode::NationalityUnusual));
}

#[test]
fn fpr15_synthetic_valid_with_inferred_century() {
    let r = assert_valid("KAZ110090123105", Kind::Fpr15, "1990-12-31", None);
    let i = info(&r);
    assert!(i.birth_century_inferred);
    assert!(r.has_warning(WarningCode::BirthCenturyInferred));
    assert_eq!(i.province.as_ref().unwrap().code, "11");
    assert_eq!(i.nationality.as_ref().unwrap().numeric, "398");
    assert_eq!(i.check_digit, Some(CheckDigitInfo { expected: "5".into(), actual: "5".into() }));
}

#[test]
fn fpr15_negatives() {
    assert_errors("KAZ110090123107", Some(Kind::Fpr15), &[ErrorCode::CheckDigit]);
    assert_errors("KAA110090123105", Some(Kind::Fpr15), &[ErrorCode::CheckDigit, ErrorCode::Nationality]);
    // 7-3-1 weights 7 and 3 on "11"→"99" change the sum by 80: the check digit still matches.
    assert_errors("KAZ990090123105", Some(Kind::Fpr15), &[ErrorCode::Region]);
    assert_errors("KAZ110090023105", Some(Kind::Fpr15), &[ErrorCode::CheckDigit, ErrorCode::BirthDate]);
    // CHN cannot be a foreigner's nationality.
    let body = "CHN11009012310";
    let n = format!("{body}{}", char::from(algo::icao_731(body.as_bytes()).unwrap()));
    assert_errors(&n, Some(Kind::Fpr15), &[ErrorCode::Nationality]);
}

#[test]
fn fpr15_vendor_test_card_fails_731_unless_downgraded() {
    let r = assert_errors("CAN110081080319", Some(Kind::Fpr15), &[ErrorCode::CheckDigit]);
    assert_eq!(info(&r).birth_date.as_deref(), Some("1981-08-03"));
    let lenient = NumberOptions { fpr15_check_digit: Severity::Warning, ..opts() };
    let r = check_number("CAN110081080319", &lenient);
    assert!(r.ok, "{:?}", r.errors);
    assert!(r.has_warning(WarningCode::CheckDigit));
    assert!(is_valid_number("CAN110081080319", &lenient));
    // The downgrade applies to fpr15 only.
    assert!(!is_valid_number("911398199012310022", &lenient));
}

#[test]
fn fpr15_century_inference() {
    // 25-01-01 is before the check date 2026-11-22: 2025.
    let body = "USA11002501010";
    let n = format!("{body}{}", char::from(algo::icao_731(body.as_bytes()).unwrap()));
    let r = check(&n);
    assert_eq!(info(&r).birth_date.as_deref(), Some("2025-01-01"));
    // 26-12-01 would be in the future: 1926.
    let body = "USA11002612010";
    let n = format!("{body}{}", char::from(algo::icao_731(body.as_bytes()).unwrap()));
    let r = check(&n);
    assert_eq!(info(&r).birth_date.as_deref(), Some("1926-12-01"));
    assert!(r.ok);
    // 00-02-29: 2000 is a leap year.
    let body = "USA11000002290";
    let n = format!("{body}{}", char::from(algo::icao_731(body.as_bytes()).unwrap()));
    assert_eq!(info(&check(&n)).birth_date.as_deref(), Some("2000-02-29"));
    // USA110085010101 has the shape only: 7-3-1 expects 3.
    let r = assert_errors("USA110085010101", Some(Kind::Fpr15), &[ErrorCode::CheckDigit]);
    assert_eq!(info(&r).check_digit.as_ref().unwrap().expected, "3");
}

#[test]
fn resident18_vectors() {
    let r = assert_valid("11010519491231002X", Kind::Resident18, "1949-12-31", Some(Sex::Female));
    assert_eq!(info(&r).province.as_ref().unwrap().name_zh, "北京");
    assert_eq!(info(&r).nationality, None);
    assert_eq!(info(&r).check_digit.as_ref().unwrap().actual, "X");
    let r = assert_valid("11010519900101007x", Kind::Resident18, "1990-01-01", Some(Sex::Male));
    assert_eq!(r.normalized, "11010519900101007X");
    assert_errors("110105199002300028", Some(Kind::Resident18), &[ErrorCode::BirthDate]);
    assert_errors("110105190002290025", Some(Kind::Resident18), &[ErrorCode::BirthDate]);
}

#[test]
fn resident15_legacy() {
    let r = assert_valid("130503670401001", Kind::Resident15, "1967-04-01", Some(Sex::Male));
    assert!(r.has_warning(WarningCode::LegacyNumber));
    assert_eq!(info(&r).check_digit, None);
    assert_eq!(info(&r).province.as_ref().unwrap().code, "13");
    assert_errors("990503670401001", Some(Kind::Resident15), &[ErrorCode::Region]);
    assert_errors("130503670231001", Some(Kind::Resident15), &[ErrorCode::BirthDate]);
}

#[test]
fn hmt18_permits() {
    for (n, region) in [
        ("810000199001010019", "HK"),
        ("820000199001010037", "MO"),
        ("830000199001010020", "TW"),
        ("810000199001011230", "HK"),
        ("820000199001011232", "MO"),
        ("830000199001011234", "TW"),
    ] {
        let r = check(n);
        assert!(r.ok, "{n}: {:?}", r.errors);
        assert_eq!(r.kind, Some(Kind::Hmt18));
        assert_eq!(info(&r).region, Some(region));
        assert_eq!(info(&r).province, None);
        assert_eq!(info(&r).birth_date.as_deref(), Some("1990-01-01"));
    }
    assert_errors("810000199001010010", Some(Kind::Hmt18), &[ErrorCode::CheckDigit]);
}

// --- Travel permits (docs/spec/card-formats.md §1.5): synthetic vectors -------------------------

/// The default options with `tw_pass` allowed as well (every kind).
fn all_kinds() -> NumberOptions {
    NumberOptions { kinds: KindSet::ALL, ..opts() }
}

fn warning_codes(r: &NumberReport) -> Vec<WarningCode> {
    r.warnings.iter().map(|w| w.code).collect()
}

/// A valid pass number: its kind, region and count, and nothing a pass does not encode.
#[track_caller]
fn assert_pass(s: &str, o: &NumberOptions, kind: Kind, region: &str, count: Option<&str>) -> NumberReport {
    let r = check_number(s, o);
    assert_eq!(r.ok, is_valid_number(s, o), "fast path disagrees for {s:?}");
    assert!(r.ok, "{s} should be valid: {:?}", r.errors);
    assert_eq!(r.kind, Some(kind), "{s}");
    let i = info(&r);
    assert_eq!(i.region, Some(region), "{s}");
    assert_eq!(i.issue_count.as_deref(), count, "{s}");
    assert_eq!((&i.birth_date, i.sex, &i.province, &i.nationality, &i.check_digit), (&None, None, &None, &None, &None));
    let mut want = vec![WarningCode::NoCheckCharacter];
    want.extend(count.map(|_| WarningCode::OldPassFormat));
    assert_eq!(warning_codes(&r), want, "{s}");
    r
}

#[test]
fn hkmo_pass_current_and_older_forms() {
    let r = assert_pass("H12345678", &opts(), Kind::HkmoPass, "HK", None);
    assert_eq!(r.warnings[0].message, "hkmo_pass numbers have no check character, so typing errors cannot be detected");
    assert_pass("M87654321", &opts(), Kind::HkmoPass, "MO", None);
    // Lenient input is folded: lower case, spaces, full width.
    let r = assert_pass(" h1234 5678 ", &opts(), Kind::HkmoPass, "HK", None);
    assert_eq!(r.normalized, "H12345678");
    assert_pass("Ｍ８７６５４３２１", &opts(), Kind::HkmoPass, "MO", None);
    // The 1999 passes: lifelong number + 2-digit renewal count.
    let r = assert_pass("H1234567801", &opts(), Kind::HkmoPass, "HK", Some("01"));
    assert_eq!(
        r.warnings[1].message,
        "older 11-character form: the lifelong number H12345678 followed by the renewal count 01; current passes carry the lifelong number only"
    );
    assert_pass("M8765432112", &opts(), Kind::HkmoPass, "MO", Some("12"));
    // Allowing tw_pass changes nothing for them.
    assert_pass("H12345678", &all_kinds(), Kind::HkmoPass, "HK", None);
}

#[test]
fn tw_pass_current_and_older_forms_when_allowed() {
    let only_tw = NumberOptions { kinds: KindSet::EMPTY.with(Kind::TwPass), ..opts() };
    for o in [all_kinds(), only_tw] {
        let r = assert_pass("12345678", &o, Kind::TwPass, "TW", None);
        assert_eq!(
            r.warnings[0].message,
            "tw_pass numbers have no check character, so typing errors cannot be detected"
        );
        assert_pass("07257456", &o, Kind::TwPass, "TW", None);
        // The 1992–2008 numbers: lifelong number + 2-digit issue count (the bracketed issuing-office
        // code, e.g. "(D)", is not part of it).
        let r = assert_pass("0561682001", &o, Kind::TwPass, "TW", Some("01"));
        assert!(r.warnings[1].message.contains("lifelong number 05616820 followed by the issue count 01"));
        assert_pass("1234-5678", &o, Kind::TwPass, "TW", None);
    }
}

#[test]
fn tw_pass_is_only_recognised_when_allowed() {
    // Without the opt-in, 8 and 10 digits are no kind at all: LENGTH, with a hint.
    for n in ["12345678", "0561682001"] {
        let r = assert_errors(n, None, &[ErrorCode::Length]);
        assert!(r.info.is_none() && r.warnings.is_empty(), "{n}");
        assert_eq!(
            r.errors[0].message,
            format!("{} characters: card numbers have 15 or 18; tw_pass numbers are only recognised when the kinds option includes tw_pass (any {} digits would pass as one)", n.len(), n.len())
        );
    }
    // The same with a restricted set that leaves tw_pass out (never KIND_NOT_ALLOWED for it).
    let o = NumberOptions { kinds: KindSet::EMPTY.with(Kind::Resident18).with(Kind::HkmoPass), ..opts() };
    let r = check_number("12345678", &o);
    assert_eq!((r.kind, error_codes(&r)), (None, vec![ErrorCode::Length]));
    // No hint for other lengths or for non-digits of that length.
    let r = assert_errors("1234567", None, &[ErrorCode::Length]);
    assert_eq!(r.errors[0].message, "7 characters: card numbers have 15 or 18, travel-permit numbers 8 to 11");
    let r = assert_errors("H1234567", None, &[ErrorCode::Length]);
    assert!(!r.errors[0].message.contains("tw_pass"));
    assert_errors("123456789", None, &[ErrorCode::Length]);
}

#[test]
fn pass_negatives_for_each_code() {
    // FORMAT: a letter that is no region, a letter among the digits, a digit where the letter goes.
    for n in ["A12345678", "X1234567801", "H1234567X", "HH2345678", "H12345678A1"] {
        let r = assert_errors(n, Some(Kind::HkmoPass), &[ErrorCode::Format]);
        assert!(r.errors[0].message.contains("'H' or 'M' + 8 digits"), "{n}: {}", r.errors[0].message);
    }
    let r = assert_errors("A12345678", Some(Kind::HkmoPass), &[ErrorCode::Format]);
    assert_eq!(info(&r).region, None);
    let r = check_number("1234567A", &all_kinds());
    assert_eq!((r.kind, error_codes(&r)), (Some(Kind::TwPass), vec![ErrorCode::Format]));
    let r = check_number("H2345678", &all_kinds());
    assert_eq!((r.kind, error_codes(&r)), (Some(Kind::TwPass), vec![ErrorCode::Format]));
    let r = check_number("12345678AB", &all_kinds());
    assert_eq!(
        (r.kind, error_codes(&r), info(&r).issue_count.clone()),
        (Some(Kind::TwPass), vec![ErrorCode::Format], None)
    );
    assert!(!r.has_warning(WarningCode::OldPassFormat));
    // CHARACTER: outside [0-9A-Z]; strict mode wants the upper-case letter.
    assert_errors("H1234567#", Some(Kind::HkmoPass), &[ErrorCode::Character]);
    let strict = NumberOptions { strict: true, ..opts() };
    let r = check_number("h12345678", &strict);
    assert_eq!((r.kind, error_codes(&r)), (Some(Kind::HkmoPass), vec![ErrorCode::Character]));
    let r = check_number("1234567é", &NumberOptions { strict: true, ..all_kinds() });
    assert_eq!((r.kind, error_codes(&r)), (Some(Kind::TwPass), vec![ErrorCode::Character]));
    // LENGTH: one character short or over.
    assert_errors("H123456789", None, &[ErrorCode::Length]);
    assert_errors("H123456780123", None, &[ErrorCode::Length]);
    // KIND_NOT_ALLOWED: a field that takes only the resident card.
    let o = NumberOptions { kinds: KindSet::EMPTY.with(Kind::Resident18), ..opts() };
    let r = check_number("M8765432101", &o);
    assert_eq!((r.kind, error_codes(&r)), (Some(Kind::HkmoPass), vec![ErrorCode::KindNotAllowed]));
    assert_eq!(r.errors[0].message, "hkmo_pass numbers are not accepted here (accepted: resident18)");
    assert_eq!(warning_codes(&r), [WarningCode::NoCheckCharacter, WarningCode::OldPassFormat]);
    let only_tw = NumberOptions { kinds: KindSet::EMPTY.with(Kind::TwPass), ..opts() };
    let r = check_number("H12345678", &only_tw);
    assert_eq!((r.kind, error_codes(&r)), (Some(Kind::HkmoPass), vec![ErrorCode::KindNotAllowed]));
    let r = check_number("11010519491231002X", &only_tw);
    assert_eq!((r.kind, error_codes(&r)), (Some(Kind::Resident18), vec![ErrorCode::KindNotAllowed]));
}

// --- One negative case per error code ---------------------------------------

#[test]
fn every_error_code() {
    assert_errors("", None, &[ErrorCode::Empty]);
    assert_errors(" \t\u{3000} ", None, &[ErrorCode::Empty]);
    assert_errors("1101051949", None, &[ErrorCode::Length]);
    assert_errors("11010519491231002#", Some(Kind::Resident18), &[ErrorCode::Character]);
    assert_errors("1101051949123100X2", Some(Kind::Resident18), &[ErrorCode::Format]);
    assert_errors("11010519491231002Y", Some(Kind::Resident18), &[ErrorCode::Format]);
    assert_errors("110105194912310021", Some(Kind::Resident18), &[ErrorCode::CheckDigit]);
    assert_errors("110105209912310029", Some(Kind::Resident18), &[ErrorCode::BirthDate]);
    assert_errors("000105194912310029", Some(Kind::Resident18), &[ErrorCode::CheckDigit, ErrorCode::Region]);
    assert_errors("911999199012310021", Some(Kind::Fpr18), &[ErrorCode::CheckDigit, ErrorCode::Nationality]);
}

#[test]
fn reports_all_errors_not_only_the_first() {
    // Bad region (00), impossible date (Feb 30) and a wrong check digit.
    let r = check("000105199002300021");
    assert_eq!(error_codes(&r), vec![ErrorCode::CheckDigit, ErrorCode::BirthDate, ErrorCode::Region]);
}

#[test]
fn birth_date_limits() {
    let tomorrow = "110105202611230000";
    let n = format!("{}{}", &tomorrow[..17], char::from(algo::mod11_2(&tomorrow.as_bytes()[..17]).unwrap()));
    let r = assert_errors(&n, Some(Kind::Resident18), &[ErrorCode::BirthDate]);
    assert_eq!(info(&r).birth_date.as_deref(), Some("2026-11-23"));
    // The same number is valid when checked a day later.
    let later = NumberOptions::new(Date::new(2026, 11, 23).unwrap());
    assert!(is_valid_number(&n, &later));
    let old = "110105189912310000";
    let n = format!("{}{}", &old[..17], char::from(algo::mod11_2(&old.as_bytes()[..17]).unwrap()));
    assert_errors(&n, Some(Kind::Resident18), &[ErrorCode::BirthDate]);
}

// --- Normalisation ----------------------------------------------------------

#[test]
fn normalisation_folds_width_case_spaces_hyphens() {
    for s in [
        "  11010519491231002X ",
        "110105 19491231 002X",
        "110105-19491231-002x",
        "１１０１０５１９４９１２３１００２Ｘ",
        "110105\u{3000}19491231\u{3000}002ｘ",
    ] {
        let r = check(s);
        assert!(r.ok, "{s:?}: {:?}", r.errors);
        assert_eq!(r.normalized, "11010519491231002X");
        assert_eq!(r.input, s);
    }
}

#[test]
fn strict_mode_only_trims() {
    let strict = NumberOptions { strict: true, ..opts() };
    assert!(is_valid_number(" 11010519491231002X ", &strict));
    let r = check_number("11010519900101007x", &strict);
    assert!(!r.ok);
    assert_eq!(error_codes(&r), vec![ErrorCode::Character]);
    assert!(r.errors[0].message.contains("strict"));
    let r = check_number("110105 19491231002X", &strict);
    assert_eq!(error_codes(&r), vec![ErrorCode::Character, ErrorCode::Length]);
    assert_eq!(r.kind, None);
    assert!(!is_valid_number("１１０１０５１９４９１２３１００２Ｘ", &strict));
}

#[test]
fn huge_and_binary_input_is_data() {
    let huge = "1".repeat(1_000_000);
    let r = check(&huge);
    assert_eq!(error_codes(&r), vec![ErrorCode::Length]);
    assert!(r.input.len() <= MAX_INPUT_BYTES + 3);
    let r = check("\u{0}\u{1}\u{FFFD}abc");
    assert!(!r.ok);
    assert_eq!(r.kind, None);
    // Non-ASCII characters in a number-shaped input are CHARACTER errors.
    let r = check("11010519491231002é");
    assert_eq!(error_codes(&r), vec![ErrorCode::Character]);
    assert!(r.errors[0].message.contains("18"));
}

#[test]
fn kinds_option_names_the_rejected_and_the_accepted_kinds() {
    let o = NumberOptions { kinds: [Kind::Resident18, Kind::Fpr18].into_iter().collect(), ..opts() };
    assert!(check_number("11010519491231002X", &o).ok);
    assert!(check_number("911124198108030024", &o).ok);
    let r = check_number("810000199408230021", &o);
    assert_eq!(error_codes(&r), [ErrorCode::KindNotAllowed]);
    assert_eq!(r.errors[0].message, "hmt18 numbers are not accepted here (accepted: fpr18, resident18)");
    assert!(!is_valid_number("810000199408230021", &o));
    // Unrecognised input is still LENGTH, not KIND_NOT_ALLOWED.
    assert_eq!(error_codes(&check_number("12345", &o)), [ErrorCode::Length]);
}

#[test]
fn upgrade_resident15_inserts_the_century_and_the_check_character() {
    // The reference's legacy example (docs/spec/card-formats.md, vectors).
    let up = upgrade_resident15("130503670401001", &opts()).unwrap();
    assert_eq!(up, with_mod11("13050319670401001"));
    let r = assert_valid(&up, Kind::Resident18, "1967-04-01", Some(Sex::Male));
    assert_eq!(info(&r).province.as_ref().unwrap().code, "13");
    // Lenient input is normalised first; anything but a valid resident15 has no upgrade.
    assert_eq!(upgrade_resident15(" 130503 670401 001 ", &opts()).as_deref(), Some(up.as_str()));
    for not in ["130503670229001", "11010519491231002X", "", "130503670401001X", "990503670401001"] {
        assert_eq!(upgrade_resident15(not, &opts()), None, "{not}");
    }
}

#[test]
fn kind_is_recognised_even_when_invalid() {
    assert_eq!(check("9AAAAAAAAAAAAAAAAA").kind, Some(Kind::Fpr18));
    assert_eq!(check("ABC12345678901X").kind, Some(Kind::Fpr15));
    assert_eq!(check("12345678901234A").kind, Some(Kind::Resident15));
    assert_eq!(check("830000AAAAAAAAAAAA").kind, Some(Kind::Hmt18));
    assert_eq!(check("1234").kind, None);
}

#[test]
fn report_serialises_with_camel_case_and_stable_codes() {
    let v = serde_json::to_value(check("KAZ110090123107")).unwrap();
    assert_eq!(v["kind"], "fpr15");
    assert_eq!(v["errors"][0]["code"], "CHECK_DIGIT");
    assert_eq!(v["warnings"][0]["code"], "BIRTH_CENTURY_INFERRED");
    assert_eq!(v["info"]["birthCenturyInferred"], true);
    assert_eq!(v["info"]["checkDigit"]["expected"], "5");
    assert_eq!(v["info"]["nationality"]["nameZh"], "哈萨克斯坦");
    assert!(v["info"]["sex"].is_null());
    let v = serde_json::to_value(check("")).unwrap();
    assert!(v["kind"].is_null() && v["info"].is_null());
    assert_eq!(v["errors"][0]["code"], "EMPTY");
}

// --- Properties -------------------------------------------------------------

fn with_mod11(body: &str) -> String {
    format!("{body}{}", char::from(algo::mod11_2(body.as_bytes()).unwrap()))
}

const MAINLAND: [u8; 31] = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
    64, 65,
];

fn birth_strategy() -> impl Strategy<Value = Date> {
    (Date::new(1900, 1, 1).unwrap().days_since_epoch()..=today().days_since_epoch())
        .prop_map(Date::from_days_since_epoch)
}

fn yyyymmdd(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year, d.month, d.day)
}

prop_compose! {
    fn valid_resident18()(p in prop::sample::select(&MAINLAND[..]), rest in 0u32..10_000, d in birth_strategy(), seq in 0u32..1000) -> String {
        with_mod11(&format!("{p:02}{rest:04}{}{seq:03}", yyyymmdd(d)))
    }
}

prop_compose! {
    fn valid_fpr18()(p in prop::sample::select(&MAINLAND[..]), c in prop::sample::select(&crate::core::tables::COUNTRIES[..]), d in birth_strategy(), seq in 0u32..1000) -> String {
        let numeric = if c.numeric == 156 { 124 } else { c.numeric };
        with_mod11(&format!("9{p:02}{numeric:03}{}{seq:03}", yyyymmdd(d)))
    }
}

prop_compose! {
    fn valid_hmt18()(r in 1u8..=3, d in birth_strategy(), seq in 0u32..1000) -> String {
        with_mod11(&format!("8{r}0000{}{seq:03}", yyyymmdd(d)))
    }
}

prop_compose! {
    fn valid_fpr15()(p in prop::sample::select(&MAINLAND[..]), c in prop::sample::select(&crate::core::tables::COUNTRIES[..]), city in 0u32..100, d in birth_strategy(), seq in 0u32..10) -> String {
        let alpha3 = if c.alpha3 == "CHN" { "CAN" } else { c.alpha3 };
        let body = format!("{alpha3}{p:02}{city:02}{:02}{:02}{:02}{seq}", d.year % 100, d.month, d.day);
        format!("{body}{}", char::from(algo::icao_731(body.as_bytes()).unwrap()))
    }
}

prop_compose! {
    fn valid_resident15()(p in prop::sample::select(&MAINLAND[..]), rest in 0u32..10_000, d in (Date::new(1900, 1, 1).unwrap().days_since_epoch()..=Date::new(1999, 12, 31).unwrap().days_since_epoch()).prop_map(Date::from_days_since_epoch), seq in 0u32..1000) -> String {
        format!("{p:02}{rest:04}{:02}{:02}{:02}{seq:03}", d.year % 100, d.month, d.day)
    }
}

fn any_valid() -> impl Strategy<Value = String> {
    prop_oneof![valid_resident18(), valid_fpr18(), valid_hmt18(), valid_fpr15()]
}

/// Pass numbers, current and older forms (`tw_pass` needs the opt-in).
fn valid_pass() -> impl Strategy<Value = String> {
    prop_oneof!["[HM][0-9]{8}", "[HM][0-9]{10}", "[0-9]{8}", "[0-9]{10}"]
}

/// Every kind, those without a check character (resident15, the passes) included.
fn any_valid_or_legacy() -> impl Strategy<Value = String> {
    prop_oneof![any_valid(), valid_resident15(), valid_pass()]
}

/// What a valid report holds, as `KindSpec::valid_info` states it (and the TypeScript types
/// promise): no error, the kind, the info with the birth date, and exactly the fields its kind has.
fn assert_valid_report_shape(r: &NumberReport) -> Result<(), TestCaseError> {
    prop_assert!(r.ok && r.errors.is_empty());
    let kind = r.kind.ok_or_else(|| TestCaseError::fail("a valid report without a kind"))?;
    let i = r.info.as_ref().ok_or_else(|| TestCaseError::fail("a valid report without info"))?;
    let want = kind.spec().valid_info();
    prop_assert_eq!(i.birth_date.is_some(), want.birth_date, "birthDate {:?}", r);
    if !want.issue_count {
        prop_assert!(i.issue_count.is_none(), "issueCount {:?}", r);
    }
    prop_assert_eq!(i.sex.is_some(), want.sex, "sex {:?}", r);
    prop_assert_eq!(i.province.is_some(), want.province, "province {:?}", r);
    prop_assert_eq!(i.region.is_some(), want.region, "region {:?}", r);
    prop_assert_eq!(i.nationality.is_some(), want.nationality, "nationality {:?}", r);
    prop_assert_eq!(i.check_digit.is_some(), want.check_digit, "checkDigit {:?}", r);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn generated_valid_numbers_validate(n in any_valid()) {
        let r = check_number(&n, &opts());
        prop_assert!(r.ok, "{} -> {:?}", n, r.errors);
        prop_assert!(r.info.as_ref().and_then(|i| i.birth_date.as_ref()).is_some());
    }

    #[test]
    fn valid_reports_have_the_fields_their_kind_promises(n in any_valid_or_legacy(), lenient in any::<bool>(), strict in any::<bool>()) {
        let o = NumberOptions { strict, fpr15_check_digit: if lenient { Severity::Warning } else { Severity::Error }, ..all_kinds() };
        let r = check_number(&n, &o);
        assert_valid_report_shape(&r)?;
    }

    #[test]
    fn kinds_restricts_what_is_valid_and_both_paths_agree(n in any_valid_or_legacy(), mask in 0u8..128) {
        let kinds: KindSet = Kind::ALL.into_iter().filter(|k| mask & (1 << k.index()) != 0).collect();
        let o = NumberOptions { kinds, ..opts() };
        let all = check_number(&n, &all_kinds());
        let r = check_number(&n, &o);
        let kind = all.kind.unwrap();
        if kind.spec().opt_in && !kinds.contains(kind) {
            // Not recognised at all without the opt-in.
            prop_assert_eq!(r.kind, None);
            prop_assert_eq!(error_codes(&r), vec![ErrorCode::Length]);
            prop_assert!(!is_valid_number(&n, &o));
            return Ok(());
        }
        prop_assert_eq!(r.kind, Some(kind));
        prop_assert_eq!(r.ok, kinds.contains(kind));
        prop_assert_eq!(r.ok, is_valid_number(&n, &o));
        let not_allowed = r.errors.iter().filter(|e| e.code == ErrorCode::KindNotAllowed).count();
        prop_assert_eq!(not_allowed, usize::from(!kinds.contains(kind)));
        // The other findings are the same as without the restriction.
        prop_assert_eq!(r.errors.len(), all.errors.len() + not_allowed);
        prop_assert_eq!(&r.info, &all.info);
    }

    #[test]
    fn upgraded_resident15_numbers_are_the_same_person(n in valid_resident15()) {
        let old = check_number(&n, &opts());
        let up = upgrade_resident15(&n, &opts()).unwrap();
        let new = check_number(&up, &opts());
        prop_assert!(new.ok && new.kind == Some(Kind::Resident18), "{} -> {} {:?}", n, up, new.errors);
        let (o, u) = (old.info.unwrap(), new.info.unwrap());
        prop_assert_eq!((o.birth_date, o.sex, o.province), (u.birth_date, u.sex, u.province));
        prop_assert_eq!(&up[..6], &n[..6]);
        prop_assert_eq!(&up[8..17], &n[6..15]);
    }

    #[test]
    fn any_report_that_is_ok_has_the_promised_fields(s in "[0-9A-Z]{15,18}|9[0-9]{16}[0-9X]|8[123]0000[0-9]{11}[0-9X]|[A-Z]{3}[0-9]{12}", lenient in any::<bool>()) {
        let o = NumberOptions { fpr15_check_digit: if lenient { Severity::Warning } else { Severity::Error }, ..opts() };
        let r = check_number(&s, &o);
        if r.ok {
            assert_valid_report_shape(&r)?;
        }
    }

    /// Nothing is ever reported as `tw_pass`, valid or not, unless `kinds` includes it.
    #[test]
    fn no_input_is_a_tw_pass_unless_allowed(s in "[0-9]{8}|[0-9]{10}|[0-9A-Za-z -]{6,12}|.{0,16}", mask in 0u8..128, strict in any::<bool>()) {
        let kinds: KindSet = Kind::ALL.into_iter().filter(|k| mask & (1 << k.index()) != 0 && *k != Kind::TwPass).collect();
        for o in [NumberOptions { strict, kinds, ..opts() }, NumberOptions { strict, ..opts() }] {
            let r = check_number(&s, &o);
            prop_assert_ne!(r.kind, Some(Kind::TwPass), "{:?}", r);
            prop_assert_eq!(r.ok, is_valid_number(&s, &o));
        }
        // Allowed, every 8- or 10-digit string is one.
        let with_tw = NumberOptions { strict, kinds: kinds.with(Kind::TwPass), ..opts() };
        if (s.len() == 8 || s.len() == 10) && s.bytes().all(|b| b.is_ascii_digit()) {
            prop_assert_eq!(check_number(&s, &with_tw).kind, Some(Kind::TwPass));
        }
    }

    #[test]
    fn any_single_digit_change_is_caught(n in any_valid(), pos in 0usize..18, delta in 1u8..10) {
        let mut b = n.into_bytes();
        let pos = pos % b.len();
        // fpr15's letters are not digits; change a digit position only.
        prop_assume!(b[pos].is_ascii_digit());
        b[pos] = b'0' + (b[pos] - b'0' + delta) % 10;
        let changed = String::from_utf8(b).unwrap();
        prop_assert!(!is_valid_number(&changed, &opts()), "{} accepted", changed);
        prop_assert!(!check_number(&changed, &opts()).ok);
    }

    #[test]
    fn arbitrary_strings_never_panic_and_paths_agree(s in ".{0,64}", strict in any::<bool>()) {
        let o = NumberOptions { strict, ..opts() };
        let r = check_number(&s, &o);
        prop_assert_eq!(r.ok, is_valid_number(&s, &o));
        prop_assert_eq!(r.ok, r.errors.is_empty());
        if r.info.is_some() { prop_assert!(r.kind.is_some()); }
    }

    #[test]
    fn number_shaped_noise_never_panics(s in "[0-9A-Zx -]{10,24}") {
        let r = check_number(&s, &opts());
        prop_assert_eq!(r.ok, is_valid_number(&s, &opts()));
    }
}

// --- is_valid_number_settled: a stale "today" is exact unless the verdict could change ----------

fn with_today(y: i32, m: u8, d: u8) -> NumberOptions {
    NumberOptions::new(Date::new(y, m, d).expect("test date"))
}

#[test]
fn settled_path_reads_the_clock_only_when_the_birth_date_is_after_the_stale_date() {
    use std::cell::Cell;
    let stale = with_today(2020, 1, 1);
    let real = Date::new(2026, 12, 1).expect("date");
    let reads = Cell::new(0);
    let clock = || {
        reads.set(reads.get() + 1);
        real
    };
    // Born long before the stale date: decided without the clock.
    assert!(is_valid_number_settled("11010519491231002X", &stale, clock));
    assert_eq!(reads.get(), 0);
    // Invalid date digits do not depend on the check date either.
    assert!(!is_valid_number_settled("110105199002300028", &stale, clock));
    assert_eq!(reads.get(), 0);
    // Born 2021-05-05: after the stale date, before the real one -> the clock decides: valid.
    let body = "11010520210505001";
    let n = format!("{body}{}", char::from(algo::mod11_2(body.as_bytes()).expect("digits")));
    assert!(!is_valid_number(&n, &stale));
    assert!(is_valid_number_settled(&n, &stale, clock));
    assert_eq!(reads.get(), 1);
    // fpr15 infers the century from the check date: always asks the clock.
    let inferred = "KAZ110090123105";
    assert_eq!(is_valid_number_settled(inferred, &stale, clock), is_valid_number(inferred, &NumberOptions::new(real)));
    assert_eq!(reads.get(), 2);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// With any stale date not after the real one, the settled path agrees
    /// with a direct check against the real date.
    #[test]
    fn settled_path_agrees_with_the_real_date(
        body in "[1-6][0-9]{5}(19[0-9]{2}|20[0-2][0-9])(0[1-9]|1[0-2])(0[1-9]|[12][0-9])[0-9]{3}",
        stale_days in 0i64..20_000,
    ) {
        let real = Date::new(2026, 12, 1).expect("date");
        let stale = Date::from_days_since_epoch(real.days_since_epoch() - stale_days);
        let n = format!("{body}{}", char::from(algo::mod11_2(body.as_bytes()).expect("digits")));
        let direct = is_valid_number(&n, &NumberOptions::new(real));
        prop_assert_eq!(is_valid_number_settled(&n, &NumberOptions::new(stale), || real), direct);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The analysis buffer's shortcut for the normalised string (and the
    /// ASCII fast path that fills it) agrees with `normalize` on any input.
    #[test]
    fn buffer_normalisation_agrees_with_normalize(
        input in "[ \t\\-a-zA-Z0-9xX\u{3000}\u{FF10}-\u{FF19}\u{FF41}-\u{FF5A}\u{2010}é中\n]{0,40}",
        strict in any::<bool>(),
    ) {
        let opts = NumberOptions { strict, ..opts() };
        let a = analyze(&input, &opts);
        prop_assert_eq!(a.normalized(&input, strict), normalize(&input, strict));
    }
}

#[test]
fn code_strings_are_the_serde_names() {
    use super::report::{ErrorCode, WarningCode};
    for e in [
        ErrorCode::Empty,
        ErrorCode::Length,
        ErrorCode::Character,
        ErrorCode::Format,
        ErrorCode::CheckDigit,
        ErrorCode::BirthDate,
        ErrorCode::Region,
        ErrorCode::Nationality,
    ] {
        assert_eq!(serde_json::to_value(e).unwrap(), e.as_str());
    }
    for w in [
        WarningCode::CheckDigit,
        WarningCode::BirthCenturyInferred,
        WarningCode::LegacyNumber,
        WarningCode::NationalityUnusual,
        WarningCode::NoCheckCharacter,
        WarningCode::OldPassFormat,
    ] {
        assert_eq!(serde_json::to_value(w).unwrap(), w.as_str());
    }
}

/// The bindings hand the tables to JS as `|`-separated lines
/// (src/bindings/number.rs, tables_text): no name may hold `|` or a newline.
#[test]
fn table_names_fit_the_line_format() {
    use crate::core::tables::{COUNTRIES, PROVINCES};
    let ok = |s: &str| !s.contains('|') && !s.contains('\n') && !s.contains(',');
    for p in PROVINCES {
        assert!(ok(p.name_zh) && ok(p.name_en), "{}", p.name_en);
    }
    for c in COUNTRIES {
        assert!(!c.name_en.contains('|') && !c.name_en.contains('\n'), "{}", c.name_en);
        assert!(!c.name_zh.contains('|') && !c.name_zh.contains('\n'), "{}", c.name_zh);
    }
}

// --- Messages in both languages and their parameters ------------------------------------------

/// Every issue carries exactly its code's parameters (`Code::params`), in order and of their
/// declared shape: what the generated TypeScript and the JS decoder rely on.
fn assert_params_follow_their_code(r: &NumberReport) -> Result<(), TestCaseError> {
    use crate::core::i18n::Value;
    let issues = r.errors.iter().map(|e| (Code::Error(e.code), &e.params));
    let issues = issues.chain(r.warnings.iter().map(|w| (Code::Warning(w.code), &w.params)));
    for (code, params) in issues {
        let shape = code.params();
        let names: Vec<&str> = params.0.iter().map(|(n, _)| *n).collect();
        let expected: Vec<&str> = shape.iter().map(|p| p.name).collect();
        prop_assert_eq!(&names, &expected, "{:?}", code);
        for (p, (_, v)) in shape.iter().zip(&params.0) {
            let fits = match (p.ty, v) {
                (_, Value::Null) => p.nullable,
                (Ty::Int, Value::Int(_)) | (Ty::Str, Value::Str(_)) | (Ty::Bool, Value::Bool(_)) => true,
                (Ty::Ints, Value::Ints(_)) | (Ty::Strs, Value::Strs(_)) => true,
                (Ty::OneOf(names), Value::Str(s)) => names.contains(&s.as_str()),
                (Ty::Kind, Value::Str(s)) => Kind::parse(s).is_some(),
                (Ty::Kinds, Value::Strs(l)) => l.iter().all(|s| Kind::parse(s).is_some()),
                _ => false,
            };
            prop_assert!(fits, "{:?}.{} = {:?}", code, p.name, v);
        }
    }
    Ok(())
}

fn zh() -> NumberOptions {
    NumberOptions { locale: Locale::ZhCn, ..opts() }
}

/// True when a message still holds a placeholder of some number template.
fn unfilled(message: &str) -> bool {
    use crate::core::i18n::{placeholders, NumberKey};
    NumberKey::ALL
        .iter()
        .flat_map(|k| placeholders(k.template(Locale::En)))
        .any(|name| message.contains(&format!("{{{name}}}")) || message.contains(&format!("{{{name}|s}}")))
}

fn has_han(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn params_follow_their_code_in_both_languages(
        s in "[0-9A-Zxa-z -]{0,20}|9[0-9]{16}[0-9X]|8[123]0000[0-9]{11}[0-9X]|[A-Z]{3}[0-9]{12}|[0-9]{15}|.{0,24}",
        strict in any::<bool>(), lenient in any::<bool>(),
    ) {
        let fpr15_check_digit = if lenient { Severity::Warning } else { Severity::Error };
        let en = check_number(&s, &NumberOptions { strict, fpr15_check_digit, ..opts() });
        let zh = check_number(&s, &NumberOptions { strict, fpr15_check_digit, ..zh() });
        assert_params_follow_their_code(&en)?;
        // The language changes the messages only.
        let strip = |r: &NumberReport| {
            let mut r = r.clone();
            r.errors.iter_mut().for_each(|e| e.message.clear());
            r.warnings.iter_mut().for_each(|w| w.message.clear());
            r
        };
        prop_assert_eq!(strip(&en), strip(&zh));
        for m in zh.errors.iter().map(|e| &e.message).chain(zh.warnings.iter().map(|w| &w.message)) {
            prop_assert!(has_han(m), "not Chinese: {}", m);
            prop_assert!(!unfilled(m), "unfilled placeholder: {}", m);
        }
        for m in en.errors.iter().map(|e| &e.message).chain(en.warnings.iter().map(|w| &w.message)) {
            prop_assert!(!has_han(m), "not English: {}", m);
            prop_assert!(!unfilled(m), "unfilled placeholder: {}", m);
        }
    }
}

#[test]
fn params_carry_the_values_the_messages_are_about() {
    use crate::core::i18n::{Params, Value};
    let strs = |l: &[&str]| Value::Strs(l.iter().map(|s| (*s).to_owned()).collect());
    let first = |s: &str, o: &NumberOptions| check_number(s, o).errors.remove(0);

    let e = first("11010519491231002Y", &opts());
    assert_eq!(e.code, ErrorCode::Format);
    assert_eq!(
        e.params,
        Params::new()
            .with("positions", Value::Ints(vec![18]))
            .with("characters", strs(&["Y"]))
            .with("kind", "resident18")
    );
    assert_eq!(e.message, "character 'Y' at position 18 not allowed there (resident18 is 17 digits + a digit or 'X')");
    assert_eq!(
        first("11010519491231002Y", &zh()).message,
        "第 18 位的字符 'Y' 在该位置不允许（resident18 为 17 位数字 + 1 位数字或 'X'）"
    );

    let e = first("11010519491231002X1", &opts());
    assert_eq!(e.params, Params::new().with("length", 19u8).with("limit", Value::Null).with("optInKind", Value::Null));
    let tw = first("12345678", &zh());
    assert_eq!(tw.params.get("optInKind"), Some(&Value::from("tw_pass")));
    assert!(tw.message.contains("只有 kinds 选项包含 tw_pass 时才识别 tw_pass 号码"), "{}", tw.message);
    let tw_opts = NumberOptions { kinds: KindSet::EMPTY.with(Kind::TwPass), ..zh() };
    let old = check_number("1234567801", &tw_opts);
    let w: Vec<_> = old.warnings.iter().map(|w| (w.code, w.params.clone())).collect();
    assert_eq!(
        w,
        [
            (WarningCode::NoCheckCharacter, Params::new().with("kind", "tw_pass")),
            (WarningCode::OldPassFormat, Params::new().with("number", "12345678").with("count", "01")),
        ]
    );
    assert_eq!(old.warnings[1].message, "旧版 10 位格式：终身号码 12345678 后接签发次数 01；现行通行证只有终身号码");
    let e = first("110105194912310021", &opts());
    assert_eq!(
        e.params,
        Params::new().with("expected", "X").with("actual", "1").with("algorithm", "ISO 7064 MOD 11-2")
    );
    assert_eq!(first("110105194912310021", &zh()).message, "校验码为 '1'，应为 'X'（ISO 7064 MOD 11-2）");

    let e = first("110105199002300028", &opts());
    assert_eq!(e.code, ErrorCode::BirthDate);
    assert_eq!(
        e.params,
        Params::new().with("problem", "NOT_A_DATE").with("value", "19900230").with("limit", Value::Null)
    );
    assert_eq!(first("110105199002300028", &zh()).message, "出生日期数字 19900230 不是有效日期");

    let e = first("1101 ab", &NumberOptions { strict: true, ..opts() });
    assert_eq!(e.code, ErrorCode::Character);
    assert_eq!(e.params.get("positions"), Some(&Value::Ints(vec![5, 6, 7])));
    assert_eq!(e.params.get("characters"), Some(&strs(&[" ", "a", "b"])));
    assert_eq!(e.params.get("lowercase"), Some(&Value::Bool(true)));

    let k = NumberOptions { kinds: KindSet::EMPTY.with(Kind::Fpr18), ..zh() };
    let e = first("11010519491231002X", &k);
    assert_eq!(e.params, Params::new().with("kind", "resident18").with("allowed", strs(&["fpr18"])));
    assert_eq!(e.message, "此处不接受 resident18 号码（接受：fpr18）");

    let w = check_number("130503670401001", &zh()).warnings.remove(0);
    assert_eq!((w.code, w.params), (WarningCode::LegacyNumber, Params::new()));
    assert!(w.message.starts_with("旧版 15 位号码"));
}

/// The README's params table says what `Code::params` says: a row per code, each parameter as
/// `` `name: type` `` in order.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn readme_params_table_follows_the_code_table() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme.find("<!-- params:start").expect("params table start");
    let end = readme.find("<!-- params:end -->").expect("params table end");
    let table = &readme[start..end];
    // Markdown table cells escape the union bars.
    let ty = |t: Ty| t.ts().replace(" | ", " \\| ");
    let codes = ErrorCode::ALL.iter().map(|&c| ("error", c.as_str(), Code::Error(c)));
    let codes = codes.chain(WarningCode::ALL.iter().map(|&c| ("warning", c.as_str(), Code::Warning(c))));
    let mut rows = 0;
    for (what, wire, code) in codes {
        let head = format!("| {what} `{wire}` | ");
        let row = table.lines().find(|l| l.starts_with(&head)).unwrap_or_else(|| panic!("no README row {head}"));
        let mut rest = &row[head.len()..];
        if code.params().is_empty() {
            assert_eq!(rest, "— |", "{head}");
        }
        for p in code.params() {
            let want = format!("`{}: {}{}`", p.name, ty(p.ty), if p.nullable { " \\| null" } else { "" });
            let at = rest.find(&want).unwrap_or_else(|| panic!("{head}: {want} missing or out of order"));
            rest = &rest[at + want.len()..];
        }
        rows += 1;
    }
    assert_eq!(table.lines().filter(|l| l.starts_with("| error `") || l.starts_with("| warning `")).count(), rows);
}
