//! Helpers over the analysis: the rebuilt earlier foreigner number, the age on a date, the display
//! mask and the shape pattern for `<input pattern>`. Each one reuses the analysis ([`super::analyze`])
//! and the kind tables, so it follows exactly the rules the validator applies.

use super::{analyze, fold_char, Birth, Fold, Kind, Nationality, NumberOptions};
use crate::core::date::digits;
use crate::core::number::algo;
use crate::core::tables;

/// Rebuilds the earlier 15-character foreigner number (`fpr15`) from a 2023 number and the chip's
/// association item (docs/spec/card-formats.md §1.7): alpha-3 nationality + the province digits of
/// the new number + the two prefecture digits of the item + YYMMDD + the item's sequence digit +
/// an ICAO 7-3-1 check digit. `nationality` is alpha-3 or ISO numeric (the chip may hold either).
/// A blank or `000` item means the holder had no earlier card (UNCERTAIN in the sources: both are
/// treated alike), and `None` is returned. Mechanical: the number is not validated (the chip parser
/// reports the number's validity separately); see [`rebuild_fpr15_checked`].
pub fn rebuild_fpr15(new_number: &str, nationality: &str, association: &str) -> Option<String> {
    let item = association.as_bytes();
    if item.len() != 3 || !item.iter().all(u8::is_ascii_digit) || association == "000" {
        return None;
    }
    let n = new_number.as_bytes();
    if n.len() != 18 || !n[..17].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let alpha3 = if nationality.len() == 3 && nationality.bytes().all(|c| c.is_ascii_digit()) {
        tables::country_by_numeric(digits(nationality.as_bytes()) as u16)?.alpha3
    } else {
        tables::country_by_alpha3(nationality)?.alpha3
    };
    let mut body = String::with_capacity(15);
    body.push_str(alpha3);
    body.push_str(new_number.get(1..3)?);
    body.push_str(association.get(0..2)?);
    body.push_str(new_number.get(8..14)?);
    body.push_str(association.get(2..3)?);
    let check = algo::icao_731(body.as_bytes())?;
    body.push(char::from(check));
    Some(body)
}

/// [`rebuild_fpr15`] for an input that must be a valid `fpr18` under `opts` (normalised first); the
/// nationality is the number's own (its ISO numeric code, positions 4–6). `None` when the input is
/// not a valid `fpr18` or the item names no earlier card (blank, `000`, or not three digits).
pub fn rebuild_fpr15_checked(input: &str, association: &str, opts: &NumberOptions) -> Option<String> {
    let a = analyze(input, opts);
    if a.kind() != Some(Kind::Fpr18) || !a.is_valid(opts) {
        return None;
    }
    let Nationality::Ok(country) = a.nationality else { return None };
    rebuild_fpr15(std::str::from_utf8(a.chars()).ok()?, country.alpha3, association)
}

/// The holder's age in completed years on `opts.today`, when `input` is a valid number under `opts`
/// (so a birth date after `opts.today` gives `None`, as it is invalid on that date).
pub fn age_at(input: &str, opts: &NumberOptions) -> Option<u32> {
    let a = analyze(input, opts);
    if !a.is_valid(opts) {
        return None;
    }
    match a.birth {
        Birth::Ok { date, .. } => date.completed_years_at(opts.today),
        Birth::NotRead | Birth::NotADate { .. } => None,
    }
}

/// Which characters [`mask_number`] keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MaskOptions {
    /// Characters shown at the start.
    pub keep_start: usize,
    /// Characters shown at the end.
    pub keep_end: usize,
    /// The character shown for each hidden one.
    pub mask_char: char,
}

impl Default for MaskOptions {
    /// First 4 and last 4 shown (`1101**********002X`): see the README, "Helpers", for the convention.
    fn default() -> Self {
        MaskOptions { keep_start: 4, keep_end: 4, mask_char: '*' }
    }
}

/// The display form of any string: its lenient normalisation (trimmed; spaces and hyphens dropped,
/// full-width folded, upper-cased, as the validator reads it; no length limit) with every character
/// but the first `keep_start` and the last `keep_end` replaced by `mask_char`, one for one. A mask
/// never shows more than half of a string: when `keep_start + keep_end` would, each is cut to a
/// quarter of the length (a 9-character pass number `H12345678` shows `H1*****78`, not 8 of its 9
/// characters; a string of 3 or fewer is masked entirely). Works on invalid numbers too; never fails.
pub fn mask_number(input: &str, opts: &MaskOptions) -> String {
    let chars: Vec<char> = input
        .trim()
        .chars()
        .filter_map(|c| match fold_char(c, false) {
            Fold::Keep(k) => Some(k),
            Fold::Drop => None,
        })
        .collect();
    let n = chars.len();
    let (mut keep_start, mut keep_end) = (opts.keep_start, opts.keep_end);
    if keep_start.saturating_add(keep_end) > n / 2 {
        keep_start = keep_start.min(n / 4);
        keep_end = keep_end.min(n / 4);
    }
    let (start, end) = (keep_start, n - keep_end);
    chars.iter().enumerate().map(|(i, &c)| if i < start || i >= end { c } else { opts.mask_char }).collect()
}

/// The regular expression of the compact shapes the kinds accept, for an HTML `pattern` attribute:
/// derived from the kind rows (letters, digits, a last `X`, the older pass forms), either case, each
/// distinct shape once, of the kinds accepted by default (not the opt-in `tw_pass`: a field that
/// allows it writes its own pattern).
/// It checks the shape only (no check character, date, place or nationality). The package ships it
/// as `NUMBER_PATTERN` (src/bindings/js/facade.js); a test keeps that copy equal to this one.
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) fn shape_pattern() -> String {
    let mut shapes: Vec<String> = Vec::new();
    for kind in Kind::ALL.into_iter().filter(|&k| super::KindSet::DEFAULT.contains(k)) {
        let spec = kind.spec();
        let lens = std::iter::once(spec.len).chain(spec.older.map(|o| o.len));
        for len in lens {
            let digits = len - spec.letters - usize::from(spec.x_last);
            let mut s = String::new();
            match spec.letters {
                0 => {}
                1 => s.push_str("[A-Za-z]"),
                n => s.push_str(&format!("[A-Za-z]{{{n}}}")),
            }
            s.push_str(&format!("[0-9]{{{digits}}}"));
            if spec.x_last {
                s.push_str("[0-9Xx]");
            }
            if !shapes.contains(&s) {
                shapes.push(s);
            }
        }
    }
    shapes.join("|")
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::core::date::Date;

    fn on(y: i32, m: u8, d: u8) -> NumberOptions {
        NumberOptions::new(Date::new(y, m, d).unwrap())
    }

    #[test]
    fn rebuilds_the_specimen_pair_only_from_a_valid_fpr18() {
        let opts = on(2026, 6, 1);
        // docs/spec/card-formats.md §1.7: the 2023 specimen with item 001.
        assert_eq!(rebuild_fpr15_checked("911124198108030024", "001", &opts).as_deref(), Some("CAN110081080310"));
        assert_eq!(rebuild_fpr15_checked(" 9111 2419 8108 0300 24 ", "001", &opts).as_deref(), Some("CAN110081080310"));
        for item in ["", "000", "0A1", "01", "0011"] {
            assert_eq!(rebuild_fpr15_checked("911124198108030024", item, &opts), None, "{item:?}");
        }
        // Not a valid fpr18: wrong check digit, another kind, born after the check date.
        assert_eq!(rebuild_fpr15_checked("911124198108030025", "001", &opts), None);
        assert_eq!(rebuild_fpr15_checked("11010519491231002X", "001", &opts), None);
        assert_eq!(rebuild_fpr15_checked("911124198108030024", "001", &on(1981, 8, 2)), None);
        // The mechanical rebuild takes either nationality form.
        assert_eq!(rebuild_fpr15("911124198108030024", "124", "001").as_deref(), Some("CAN110081080310"));
        assert_eq!(rebuild_fpr15("911124198108030024", "CAN", "001").as_deref(), Some("CAN110081080310"));
        assert_eq!(rebuild_fpr15("911124198108030024", "XXX", "001"), None);
    }

    #[test]
    fn age_in_completed_years_of_valid_numbers_only() {
        assert_eq!(age_at("11010519491231002X", &on(1967, 12, 30)), Some(17));
        assert_eq!(age_at("11010519491231002X", &on(1967, 12, 31)), Some(18));
        assert_eq!(age_at("11010519491231002X", &on(2026, 6, 1)), Some(76));
        // Born after the date: invalid on that date.
        assert_eq!(age_at("11010519491231002X", &on(1949, 12, 30)), None);
        assert_eq!(age_at("11010519491231002X", &on(1949, 12, 31)), Some(0));
        assert_eq!(age_at("110105194912310021", &on(2026, 6, 1)), None, "check digit");
        assert_eq!(age_at("", &on(2026, 6, 1)), None);
        // fpr15: the century is inferred against the date (KAZ...901231 is 1990 in 2026).
        assert_eq!(age_at("KAZ110090123105", &on(2026, 6, 1)), Some(35));
    }

    #[test]
    fn masks_display_strings() {
        let d = MaskOptions::default();
        assert_eq!(mask_number("11010519491231002X", &d), "1101**********002X");
        assert_eq!(mask_number(" 110105 19491231 002x ", &d), "1101**********002X");
        assert_eq!(mask_number("CAN110081080319", &d), "CAN*********319");
        let m = |s, e, c| MaskOptions { keep_start: s, keep_end: e, mask_char: c };
        assert_eq!(mask_number("11010519491231002X", &m(6, 1, '•')), "110105•••••••••••X");
        assert_eq!(mask_number("11010519491231002X", &m(0, 0, '*')), "******************");
        // Never the whole string: short or invalid inputs are masked entirely.
        // Never more than half: short numbers keep a quarter at each end.
        assert_eq!(mask_number("12345678", &d), "12****78");
        assert_eq!(mask_number("H12345678", &d), "H1*****78");
        assert_eq!(mask_number("123", &d), "***");
        assert_eq!(mask_number("", &d), "");
        assert_eq!(mask_number("证件号码不详", &m(1, 1, '*')), "证****详");
        assert_eq!(mask_number(&"1".repeat(1000), &d).len(), 1000);
    }

    #[test]
    fn the_shipped_pattern_is_the_kind_rows_pattern() {
        assert_eq!(
            shape_pattern(),
            "[0-9]{17}[0-9Xx]|[A-Za-z]{3}[0-9]{12}|[0-9]{15}|[A-Za-z][0-9]{8}|[A-Za-z][0-9]{10}"
        );
        let facade =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/bindings/js/facade.js")).unwrap();
        let line = format!("const NUMBER_PATTERN = '{}';", shape_pattern());
        assert!(facade.contains(&line), "facade.js must say: {line}");
    }
}
