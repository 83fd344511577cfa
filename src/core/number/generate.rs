//! Valid numbers for test data (`generateNumber`), deterministic for a seed.
//!
//! The generator writes each field where the kind's table row ([`KindSpec`]) says it is, then
//! computes the check character with the kind's own algorithm, and finally runs the validator on
//! the result: a candidate is returned only when it is a valid number of the requested kind whose
//! report shows every requested field (so a request the kind cannot represent, e.g. an `fpr15`
//! birth date its two-digit year would read in another century, is an error, never a wrong number).
//!
//! Generated numbers are valid numbers: any of them may belong to a real person. They are test data
//! only (see the README).

use super::kinds::{Century, KindSpec, Lead, NationalityField, PlaceField, ProvinceTable};
use super::{analyze, Birth, Kind, Nationality, NumberOptions, Place, Sex, MIN_BIRTH_DATE};
use crate::core::date::Date;
use crate::core::i18n::{GenerateErrorKey, Text, Value};
use crate::core::tables::{self, Country};

/// What to generate. `None` fields are drawn from the seed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GenerateRequest {
    pub kind: Kind,
    pub seed: u64,
    pub birth_date: Option<Date>,
    pub sex: Option<Sex>,
    /// GB/T 2260 province-level code (kinds with a province).
    pub province: Option<u8>,
    /// `"HK"`, `"MO"` or `"TW"` (`hmt18`).
    pub region: Option<&'static str>,
    /// The holder's nationality (foreigner kinds).
    pub nationality: Option<&'static Country>,
}

/// Why a request cannot be met (the bindings throw these as `INVALID_OPTION`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenerateError {
    /// The kind has no such field (`sex` for `fpr15`, `province` for `hmt18`, ...).
    NotEncoded(Kind, &'static str),
    /// A province-level code the kind does not accept.
    Province(Kind, u8),
    /// A region the kind does not issue to (`TW` for `hkmo_pass`, `HK` for `tw_pass`).
    Region(Kind, &'static str),
    /// China cannot be a foreigner's nationality.
    NationalityChina,
    /// Before 1900-01-01 or after the check date.
    BirthOutOfRange(Date),
    /// The kind cannot write this birth date (a two-digit year read in another century).
    BirthNotRepresentable(Kind, Date),
    /// No valid candidate (a bug: the validator and the generator disagree).
    Internal(Kind),
}

impl GenerateError {
    /// The message, rendered by the bindings in the call's locale.
    pub fn text(&self) -> Text {
        use GenerateErrorKey as K;
        match *self {
            GenerateError::NotEncoded(kind, field) => {
                Text::new(K::NotEncoded).with("kind", kind.as_str()).with("field", field)
            }
            GenerateError::Province(kind, code) => {
                let t =
                    Text::new(K::ProvinceNotAccepted).with("code", format!("{code:02}")).with("kind", kind.as_str());
                match kind.spec().place {
                    PlaceField::Province { table, .. } => t.with("table", Value::ProvinceTable(table)),
                    // Unreachable: only kinds with a province field give this error.
                    _ => t.with("table", "–"),
                }
            }
            GenerateError::Region(kind, region) => {
                Text::new(K::RegionNotIssued).with("kind", kind.as_str()).with("region", region)
            }
            GenerateError::NationalityChina => Text::new(K::NationalityChina),
            GenerateError::BirthOutOfRange(d) => {
                Text::new(K::BirthOutOfRange).with("date", d.to_string()).with("min", MIN_BIRTH_DATE.to_string())
            }
            GenerateError::BirthNotRepresentable(kind, d) => {
                Text::new(K::BirthNotRepresentable).with("kind", kind.as_str()).with("date", d.to_string())
            }
            GenerateError::Internal(kind) => Text::new(K::NoCandidate).with("kind", kind.as_str()),
        }
    }
}

/// splitmix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", 2014; the
/// generator that seeds xoshiro). Hand-rolled: it is six lines, a dependency (`rand`) would add
/// code to the .wasm and an entropy source the core must not have (it never reads a clock or
/// randomness: the seed is the caller's). Quality is ample for test data; it is not cryptographic.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A value in `0..n` (`n > 0`; the modulo bias is below 2^-50 for these small `n`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn digit(&mut self) -> u8 {
        b'0' + self.below(10) as u8
    }
}

/// Default birth dates: 1950-01-01 to 1999-12-31, a range every kind can write (resident15 has
/// 19YY; an fpr15 two-digit year 50–99 reads as 19YY until 2050), and fixed, so that a seed gives
/// the same number whatever the date.
const DEFAULT_BIRTH: (Date, Date) = (Date { year: 1950, month: 1, day: 1 }, Date { year: 1999, month: 12, day: 31 });

/// How many candidates are tried (only a resident number drawn with province 81/82 and address
/// digits 0000 can collide with another kind's shape, and the address digits are never 0000).
const ATTEMPTS: usize = 4;

/// What the generator writes that the kind row does not describe (the digits the validator does
/// not read). Exhaustive on purpose: a new kind fails to compile here until someone decides how to
/// generate it, instead of being silently skipped.
struct Plan {
    /// Offset of the four address digits after the province (prefecture and county, never `0000`,
    /// so that a resident number of province 81/82 cannot read as an `hmt18` `810000` prefix).
    address_tail: Option<usize>,
}

fn plan(kind: Kind) -> Plan {
    match kind {
        Kind::Resident18 | Kind::Resident15 => Plan { address_tail: Some(2) },
        Kind::Fpr18 | Kind::Fpr15 | Kind::Hmt18 | Kind::HkmoPass | Kind::TwPass => Plan { address_tail: None },
    }
}

/// A valid number of `req.kind`, deterministic for `req` (the seed included); `today` is the check
/// date (a birth date after it is out of range).
pub fn generate_number(req: &GenerateRequest, today: Date) -> Result<String, GenerateError> {
    let spec = req.kind.spec();
    check_request(req, spec, today)?;
    let mut rng = SplitMix64(req.seed);
    // Every kind, the opt-in tw_pass included: the caller asked for this kind.
    let opts = NumberOptions { kinds: super::KindSet::ALL, ..NumberOptions::new(today) };
    for _ in 0..ATTEMPTS {
        let candidate = build(req, spec, &mut rng, today);
        let Ok(text) = String::from_utf8(candidate) else { continue };
        let a = analyze(&text, &opts);
        if a.kind() != Some(req.kind) {
            continue;
        }
        if let (Some(want), Birth::Ok { date, .. }) = (req.birth_date, a.birth) {
            if date != want {
                return Err(GenerateError::BirthNotRepresentable(req.kind, want));
            }
        }
        if a.is_valid(&opts) && shows_request(req, &a) {
            return Ok(text);
        }
    }
    Err(GenerateError::Internal(req.kind))
}

/// Rejects fields the kind does not have and values it does not accept.
fn check_request(req: &GenerateRequest, spec: &KindSpec, today: Date) -> Result<(), GenerateError> {
    let kind = req.kind;
    if req.sex.is_some() && spec.sex_at.is_none() {
        return Err(GenerateError::NotEncoded(kind, "sex"));
    }
    match (spec.place, req.province, req.region) {
        (PlaceField::Province { table, .. }, Some(code), _) if table.lookup(code).is_none() => {
            return Err(GenerateError::Province(kind, code));
        }
        (PlaceField::Province { .. }, _, Some(_)) => return Err(GenerateError::NotEncoded(kind, "region")),
        (PlaceField::Region { .. } | PlaceField::PassLetter { .. } | PlaceField::FixedRegion(_), Some(_), _) => {
            return Err(GenerateError::NotEncoded(kind, "province"));
        }
        (PlaceField::PassLetter { .. }, _, Some(r)) if r == "TW" => return Err(GenerateError::Region(kind, r)),
        (PlaceField::FixedRegion(fixed), _, Some(r)) if r != fixed => return Err(GenerateError::Region(kind, r)),
        _ => {}
    }
    if req.birth_date.is_some() && spec.birth.is_none() {
        return Err(GenerateError::NotEncoded(kind, "birthDate"));
    }
    match (spec.nationality, req.nationality) {
        (None, Some(_)) => return Err(GenerateError::NotEncoded(kind, "nationality")),
        (Some(_), Some(c)) if c.alpha3 == "CHN" => return Err(GenerateError::NationalityChina),
        _ => {}
    }
    if let Some(d) = req.birth_date {
        if d < MIN_BIRTH_DATE || d > today {
            return Err(GenerateError::BirthOutOfRange(d));
        }
    }
    Ok(())
}

/// One candidate: random digits, then each field where the kind row puts it, then the check.
fn build(req: &GenerateRequest, spec: &KindSpec, rng: &mut SplitMix64, today: Date) -> Vec<u8> {
    let mut b: Vec<u8> = (0..spec.len).map(|_| rng.digit()).collect();
    match spec.lead {
        Lead::Nine => b[0] = b'9',
        Lead::HmtPrefix => b[..6].copy_from_slice(b"810000"),
        // The letters are the nationality (written below); any digit leads a resident number.
        Lead::Letter | Lead::Any => {}
    }
    match spec.place {
        PlaceField::Province { at, table } => {
            let code = req.province.unwrap_or_else(|| random_province(rng, table));
            put_number(&mut b, at, 2, u32::from(code));
        }
        PlaceField::Region { at } => {
            let region = req.region.unwrap_or_else(|| ["HK", "MO", "TW"][rng.below(3)]);
            b[at] = match region {
                "MO" => b'2',
                "TW" => b'3',
                _ => b'1',
            };
        }
        PlaceField::PassLetter { at } => {
            let region = req.region.unwrap_or_else(|| ["HK", "MO"][rng.below(2)]);
            b[at] = if region == "MO" { b'M' } else { b'H' };
        }
        PlaceField::FixedRegion(_) => {}
    }
    if let Some(at) = plan(req.kind).address_tail {
        put_number(&mut b, at, 2, 1 + rng.below(20) as u32);
        put_number(&mut b, at + 2, 2, 1 + rng.below(30) as u32);
    }
    if let Some(field) = spec.nationality {
        let country = req.nationality.unwrap_or_else(|| random_country(rng));
        match field {
            NationalityField::Numeric { at } => put_number(&mut b, at, 3, u32::from(country.numeric)),
            NationalityField::Alpha3 { at } => b[at..at + 3].copy_from_slice(country.alpha3.as_bytes()),
        }
    }
    if let Some(field) = spec.birth {
        let birth = req.birth_date.unwrap_or_else(|| random_date(rng, today));
        let year = u32::try_from(birth.year).unwrap_or(0);
        let md = u32::from(birth.month) * 100 + u32::from(birth.day);
        if field.century == Century::Stored {
            put_number(&mut b, field.at, 8, year * 10_000 + md);
        } else {
            put_number(&mut b, field.at, 6, (year % 100) * 10_000 + md);
        }
    }
    if let Some(at) = spec.sex_at {
        let male = match req.sex {
            Some(s) => s == Sex::Male,
            None => rng.below(2) == 1,
        };
        b[at] = b'0' + 2 * rng.below(5) as u8 + u8::from(male);
    }
    let last = spec.len - 1;
    if let Some(check) = spec.check.compute(&b[..last]) {
        b[last] = check;
    }
    b
}

/// True when the analysis shows every field the request asked for.
fn shows_request(req: &GenerateRequest, a: &super::Analysis) -> bool {
    let sex = req.sex.map_or(true, |s| a.sex == Some(s));
    let province = req.province.map_or(true, |code| matches!(a.place, Place::Ok(p) if p.code == code));
    let region = req.region.map_or(true, |r| a.place == Place::Region(Some(r)));
    let nationality = req.nationality.map_or(true, |c| matches!(a.nationality, Nationality::Ok(n) if n == c));
    sex && province && region && nationality
}

/// `value` as `n` zero-padded decimal digits at `at`.
fn put_number(b: &mut [u8], at: usize, n: usize, mut value: u32) {
    for i in (at..at + n).rev() {
        if let Some(slot) = b.get_mut(i) {
            *slot = b'0' + (value % 10) as u8;
        }
        value /= 10;
    }
}

/// A default province: a mainland code (11–65) for every kind. Resident numbers also accept
/// 71/81/82 when asked for, but are not issued with them.
fn random_province(rng: &mut SplitMix64, _table: ProvinceTable) -> u8 {
    pick(rng, &tables::PROVINCES, |p| p.mainland).map_or(11, |p| p.code)
}

/// A default nationality: any country of the table but China (156), Hong Kong (344), Macao (446)
/// and Taiwan (158), which are invalid or warned about on a foreigner's card.
fn random_country(rng: &mut SplitMix64) -> &'static Country {
    pick(rng, &tables::COUNTRIES, |c| !matches!(c.numeric, 156 | 158 | 344 | 446)).unwrap_or(&tables::COUNTRIES[0])
}

/// A uniformly drawn item among those `usable`.
fn pick<T>(rng: &mut SplitMix64, items: &'static [T], usable: impl Fn(&T) -> bool) -> Option<&'static T> {
    let n = items.iter().filter(|&t| usable(t)).count();
    items.iter().filter(|&t| usable(t)).nth(rng.below(n))
}

fn random_date(rng: &mut SplitMix64, today: Date) -> Date {
    let (lo, hi) = (DEFAULT_BIRTH.0.days_since_epoch(), DEFAULT_BIRTH.1.min(today).days_since_epoch());
    let span = usize::try_from(hi - lo + 1).unwrap_or(1);
    Date::from_days_since_epoch(lo + rng.below(span) as i64)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::core::number::check_number;

    const TODAY: Date = Date { year: 2026, month: 6, day: 1 };

    fn req(kind: Kind, seed: u64) -> GenerateRequest {
        GenerateRequest { kind, seed, birth_date: None, sex: None, province: None, region: None, nationality: None }
    }

    /// The fields a kind row has, to request each of them (exhaustive through the spec).
    fn full_request(kind: Kind, seed: u64) -> GenerateRequest {
        let spec = kind.spec();
        let mut r = req(kind, seed);
        if spec.birth.is_some() {
            r.birth_date = Date::new(1981, 8, 3);
        }
        if spec.sex_at.is_some() {
            r.sex = Some(if seed % 2 == 0 { Sex::Female } else { Sex::Male });
        }
        match spec.place {
            PlaceField::Province { .. } => r.province = Some(32),
            PlaceField::Region { .. } | PlaceField::FixedRegion(_) => r.region = Some("TW"),
            PlaceField::PassLetter { .. } => r.region = Some("MO"),
        }
        if spec.nationality.is_some() {
            r.nationality = tables::country_by_alpha3("CAN");
        }
        r
    }

    #[test]
    fn every_kind_generates_valid_numbers_showing_the_request() {
        let opts = NumberOptions { kinds: crate::core::number::KindSet::ALL, ..NumberOptions::new(TODAY) };
        for kind in Kind::ALL {
            for seed in 0..300 {
                let n = generate_number(&req(kind, seed), TODAY).unwrap();
                let r = check_number(&n, &opts);
                assert!(r.ok, "{kind} seed {seed}: {n} {:?}", r.errors);
                assert_eq!(r.kind, Some(kind), "{n}");
                assert!(r.warnings.iter().all(|w| w.code != "NATIONALITY_UNUSUAL"), "{n}");

                let want = full_request(kind, seed);
                let n = generate_number(&want, TODAY).unwrap();
                let r = check_number(&n, &opts);
                assert!(r.ok, "{kind} seed {seed}: {n} {:?}", r.errors);
                assert_eq!(r.kind, Some(kind));
                let info = r.info.unwrap();
                assert_eq!(info.birth_date.as_deref(), want.birth_date.map(|_| "1981-08-03"), "{n}");
                assert_eq!(info.sex, want.sex, "{n}");
                assert_eq!(info.province.map(|p| p.code), want.province.map(|c| format!("{c:02}")), "{n}");
                assert_eq!(info.region, want.region, "{n}");
                assert_eq!(info.nationality.map(|c| c.alpha3), want.nationality.map(|c| c.alpha3.to_owned()), "{n}");
            }
        }
    }

    #[test]
    fn deterministic_for_a_seed_and_varied_across_seeds() {
        for kind in Kind::ALL {
            let a = generate_number(&req(kind, 42), TODAY).unwrap();
            assert_eq!(generate_number(&req(kind, 42), TODAY).unwrap(), a);
            // The default birth range is fixed: a later check date gives the same number.
            assert_eq!(generate_number(&req(kind, 42), Date::new(2040, 1, 1).unwrap()).unwrap(), a);
            let distinct: std::collections::HashSet<_> =
                (0..100).map(|s| generate_number(&req(kind, s), TODAY).unwrap()).collect();
            assert!(distinct.len() > 95, "{kind}: {}", distinct.len());
        }
        // Pinned vectors: a change of algorithm changes the test data QA teams stored.
        assert_eq!(generate_number(&full_request(Kind::Resident18, 1), TODAY).unwrap(), PINNED_RESIDENT18);
        assert_eq!(generate_number(&full_request(Kind::Fpr18, 1), TODAY).unwrap(), PINNED_FPR18);
    }

    const PINNED_RESIDENT18: &str = "321513198108036939";
    const PINNED_FPR18: &str = "93212419810803699X";

    #[test]
    fn resident_numbers_of_province_81_never_read_as_permits() {
        for seed in 0..2000 {
            let mut r = req(Kind::Resident18, seed);
            r.province = Some(81);
            let n = generate_number(&r, TODAY).unwrap();
            assert!(!n.starts_with("810000"), "{n}");
        }
    }

    #[test]
    fn impossible_requests_are_errors() {
        let with = |kind, f: &dyn Fn(&mut GenerateRequest)| {
            let mut r = req(kind, 7);
            f(&mut r);
            generate_number(&r, TODAY)
        };
        assert_eq!(with(Kind::Fpr15, &|r| r.sex = Some(Sex::Male)), Err(GenerateError::NotEncoded(Kind::Fpr15, "sex")));
        assert_eq!(
            with(Kind::Hmt18, &|r| r.province = Some(11)),
            Err(GenerateError::NotEncoded(Kind::Hmt18, "province"))
        );
        assert_eq!(
            with(Kind::Resident18, &|r| r.region = Some("HK")),
            Err(GenerateError::NotEncoded(Kind::Resident18, "region"))
        );
        assert_eq!(
            with(Kind::Resident18, &|r| r.nationality = tables::country_by_alpha3("CAN")),
            Err(GenerateError::NotEncoded(Kind::Resident18, "nationality"))
        );
        assert_eq!(with(Kind::Fpr18, &|r| r.province = Some(71)), Err(GenerateError::Province(Kind::Fpr18, 71)));
        assert_eq!(
            with(Kind::Resident18, &|r| r.province = Some(99)),
            Err(GenerateError::Province(Kind::Resident18, 99))
        );
        assert_eq!(
            with(Kind::Fpr18, &|r| r.nationality = tables::country_by_alpha3("CHN")),
            Err(GenerateError::NationalityChina)
        );
        let d = |y, m, day| Date::new(y, m, day).unwrap();
        assert_eq!(
            with(Kind::Resident18, &|r| r.birth_date = Some(d(1899, 12, 31))),
            Err(GenerateError::BirthOutOfRange(d(1899, 12, 31)))
        );
        assert_eq!(
            with(Kind::Resident18, &|r| r.birth_date = Some(d(2026, 6, 2))),
            Err(GenerateError::BirthOutOfRange(d(2026, 6, 2)))
        );
        // fpr15 writes YY: 1925 would read as 2025 in 2026; resident15 has 19YY only.
        assert_eq!(
            with(Kind::Fpr15, &|r| r.birth_date = Some(d(1925, 1, 1))),
            Err(GenerateError::BirthNotRepresentable(Kind::Fpr15, d(1925, 1, 1)))
        );
        assert_eq!(
            with(Kind::Resident15, &|r| r.birth_date = Some(d(2001, 1, 1))),
            Err(GenerateError::BirthNotRepresentable(Kind::Resident15, d(2001, 1, 1)))
        );
        assert!(with(Kind::Fpr15, &|r| r.birth_date = Some(d(2001, 1, 1))).is_ok());
        assert_eq!(with(Kind::HkmoPass, &|r| r.region = Some("TW")), Err(GenerateError::Region(Kind::HkmoPass, "TW")));
        assert_eq!(with(Kind::TwPass, &|r| r.region = Some("HK")), Err(GenerateError::Region(Kind::TwPass, "HK")));
        assert_eq!(
            with(Kind::TwPass, &|r| r.birth_date = Some(d(1990, 1, 1))),
            Err(GenerateError::NotEncoded(Kind::TwPass, "birthDate"))
        );
        assert!(with(Kind::Resident18, &|r| r.province = Some(82)).is_ok());
        for e in
            [GenerateError::Province(Kind::Fpr18, 71), GenerateError::BirthNotRepresentable(Kind::Fpr15, d(1925, 1, 1))]
        {
            assert!(!e.text().render(crate::core::i18n::Locale::En).is_empty());
        }
    }
}
