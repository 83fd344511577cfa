//! Number validation on arbitrary text: `check_number`, `check_number_lean`, `is_valid_number`
//! and `is_valid_number_settled`, lenient and strict, with fixed check dates.
//!
//! Invariants (src/core/number/mod.rs promises them):
//! * the boolean fast path and the full report never disagree;
//! * the report's `normalized` is `normalize(input, strict)` (buffer fast path = slow path);
//! * a valid number has a kind and exactly that kind's length (or its older form's) once
//!   normalised;
//! * nothing is reported as `tw_pass` unless `kinds` includes it (it is opt-in);
//! * strict validity implies lenient validity, and a lenient-valid number's normal form is
//!   strictly valid;
//! * `is_valid_number_settled` with a stale date gives the verdict of the fresh date;
//! * helpers: `age_at` is `Some` exactly for valid numbers with a birth date; `mask_number` keeps the length of the
//!   lenient normal form and masks at least one character of a non-empty one; `generate_number`
//!   (seeded from the input) gives a valid number of each kind.
#![no_main]

use cnid_verify::core::date::Date;
use cnid_verify::core::number::{
    age_at, check_number, check_number_lean, echo_input, generate_number, is_valid_number, is_valid_number_settled,
    mask_number, normalize, GenerateRequest, Kind, KindSet, MaskOptions, NumberOptions, Severity,
};
use libfuzzer_sys::fuzz_target;

/// The check date of the fixtures (readAt 2026-06-01) and a later one.
const STALE: Date = Date { year: 2026, month: 6, day: 1 };
const FRESH: Date = Date { year: 2026, month: 12, day: 1 };

fn check(input: &str, opts: &NumberOptions) -> bool {
    let report = check_number(input, opts);
    let fast = is_valid_number(input, opts);
    assert_eq!(fast, report.ok, "is_valid_number != check_number().ok for {input:?} ({opts:?})");
    let lean = check_number_lean(input, opts);
    assert_eq!(lean.ok(), report.ok, "check_number_lean disagrees for {input:?}");
    assert_eq!(lean.kind, report.kind);
    assert_eq!(lean.normalized, report.normalized);
    assert_eq!(report.ok, report.errors.is_empty());
    assert_eq!(report.input, echo_input(input));
    assert_eq!(
        report.normalized,
        normalize(input, opts.strict),
        "report.normalized != normalize() for {input:?} (strict {})",
        opts.strict
    );
    if !opts.kinds.contains(Kind::TwPass) {
        assert_ne!(report.kind, Some(Kind::TwPass), "{input:?} is tw_pass without the opt-in");
    }
    if report.ok {
        let kind = report.kind.expect("a valid number has a kind");
        // The oracle's own statement of each kind's lengths (not the library's).
        let lens: &[usize] = match kind {
            Kind::Fpr15 | Kind::Resident15 => &[15],
            Kind::Fpr18 | Kind::Resident18 | Kind::Hmt18 => &[18],
            Kind::HkmoPass => &[9, 11],
            Kind::TwPass => &[8, 10],
        };
        assert!(lens.contains(&report.normalized.chars().count()), "{input:?} valid as {kind:?}");
        assert!(report.info.is_some(), "a valid number has info");
    }
    report.ok
}

fn run(input: &str) {
    for (fpr15_check_digit, kinds) in [(Severity::Error, KindSet::DEFAULT), (Severity::Warning, KindSet::ALL)] {
        let lenient = NumberOptions { fpr15_check_digit, kinds, ..NumberOptions::new(STALE) };
        let strict = NumberOptions { strict: true, ..lenient };
        let lenient_ok = check(input, &lenient);
        let strict_ok = check(input, &strict);
        if strict_ok {
            assert!(lenient_ok, "{input:?} is valid in strict mode only");
        }
        if lenient_ok {
            let n = normalize(input, false);
            assert!(check(&n, &strict), "{input:?} valid, but its normal form {n:?} is not (strict)");
        }
        for opts in [lenient, strict] {
            let fresh = NumberOptions { today: FRESH, ..opts };
            let want = is_valid_number(input, &fresh);
            let got = is_valid_number_settled(input, &opts, || FRESH);
            assert_eq!(got, want, "is_valid_number_settled(stale {STALE}, fresh {FRESH}) for {input:?}");
            assert_eq!(is_valid_number_settled(input, &opts, || STALE), is_valid_number(input, &opts));
        }
    }
}

fn helpers(input: &str, data: &[u8]) {
    let opts = NumberOptions::new(STALE);
    // Pass numbers are valid without a birth date: then there is no age.
    let report = check_number(input, &opts);
    let has_birth = report.info.as_ref().is_some_and(|i| i.birth_date.is_some());
    assert_eq!(age_at(input, &opts).is_some(), report.ok && has_birth, "age_at for {input:?}");
    let masked: Vec<char> = mask_number(input, &MaskOptions::default()).chars().collect();
    if input.trim().len() <= 256 {
        let n = normalize(input, false).chars().count();
        assert_eq!(masked.len(), n, "mask length for {input:?}");
    }
    if !masked.is_empty() {
        assert!(masked.contains(&'*'), "nothing masked for {input:?}");
    }
    let mut seed = [0u8; 8];
    for (d, s) in seed.iter_mut().zip(data) {
        *d = *s;
    }
    for kind in Kind::ALL {
        let req = GenerateRequest {
            kind,
            seed: u64::from_le_bytes(seed),
            birth_date: None,
            sex: None,
            province: None,
            region: None,
            nationality: None,
        };
        let n = generate_number(&req, STALE).expect("a default request always succeeds");
        let every_kind = NumberOptions { kinds: KindSet::ALL, ..opts };
        let r = check_number(&n, &every_kind);
        assert!(r.ok && r.kind == Some(kind), "generated {n:?} for {kind:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    match std::str::from_utf8(data) {
        Ok(s) => {
            run(s);
            helpers(s, data);
        }
        Err(_) => run(&String::from_utf8_lossy(data)),
    }
});
