//! `generateNumber`: valid numbers for test data (the `generate` feature, on in the full build).
//!
//! Not in the numbers-only build: a form does not need test data, and it costs that build ~4 KB gzip
//! (BENCHMARKS.md, issue 11).

use super::boundary::{self, get, Undefined};
use super::misuse;
use super::number::{bad_option, date_value, today_cst};
use crate::core::codes::MisuseCode;
use crate::core::date::digits;
use crate::core::i18n::{GenerateErrorKey as G, Text, Value};
use crate::core::number::{self, Kind, Sex};
use crate::core::tables;
use wasm_bindgen::prelude::*;

const GENERATE_OPTIONS: &str = "kind,seed,birthDate,sex,province,region,nationality";

/// A valid number for test data, deterministic for the seed (see `number::generate_number`). Its
/// options have no `locale` (test data), so its errors are in English.
#[wasm_bindgen(js_name = generateNumber, skip_typescript)]
pub fn generate_number(options: JsValue) -> Result<String, JsValue> {
    boundary::english(|| generate(&options))
}

fn generate(options: &JsValue) -> Result<String, super::Misuse> {
    let invalid = |key: G| bad_option(Text::new(key));
    let obj = boundary::options(options, GENERATE_OPTIONS, Undefined::Absent)?
        .ok_or_else(|| bad_option(Text::new(G::NeedsOptions).with("least", "{ kind, seed }")))?;
    let kind_names = || Value::Strs(Kind::ALL.iter().map(|k| k.as_str().to_owned()).collect());
    let kind = get(&obj, "kind")
        .and_then(|v| v.as_string())
        .and_then(|s| Kind::parse(&s))
        .ok_or_else(|| bad_option(Text::new(G::Kind).with("kinds", kind_names())))?;
    let seed = get(&obj, "seed")
        .and_then(|v| v.as_f64())
        .filter(|n| n.fract() == 0.0 && (0.0..=9_007_199_254_740_991.0).contains(n))
        .map(|n| n as u64)
        .ok_or_else(|| invalid(G::Seed))?;
    let birth_date = get(&obj, "birthDate").map(|v| date_value(&v, "birthDate")).transpose()?;
    let sex = match get(&obj, "sex").and_then(|v| v.as_string()).as_deref() {
        _ if get(&obj, "sex").is_none() => None,
        Some("male") => Some(Sex::Male),
        Some("female") => Some(Sex::Female),
        _ => return Err(invalid(G::Sex)),
    };
    let province = match get(&obj, "province") {
        None => None,
        Some(v) => {
            let code = match v.as_string() {
                Some(s) if s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()) => Some(digits(s.as_bytes()) as u8),
                Some(_) => None,
                None => v.as_f64().filter(|n| n.fract() == 0.0 && (10.0..=99.0).contains(n)).map(|n| n as u8),
            };
            Some(code.ok_or_else(|| invalid(G::Province))?)
        }
    };
    let region = match get(&obj, "region") {
        None => None,
        Some(v) => Some(match v.as_string().as_deref() {
            Some("HK") => "HK",
            Some("MO") => "MO",
            Some("TW") => "TW",
            _ => return Err(invalid(G::Region)),
        }),
    };
    let nationality = match get(&obj, "nationality") {
        None => None,
        Some(v) => {
            let code = v.as_string().unwrap_or_default();
            let found = if code.len() == 3 && code.bytes().all(|b| b.is_ascii_digit()) {
                tables::country_by_numeric(digits(code.as_bytes()) as u16)
            } else {
                tables::country_by_alpha3(&code)
            };
            Some(found.ok_or_else(|| invalid(G::Nationality))?)
        }
    };
    let req = number::GenerateRequest { kind, seed, birth_date, sex, province, region, nationality };
    number::generate_number(&req, today_cst()).map_err(|e| {
        let code = if matches!(e, number::GenerateError::Internal(_)) {
            MisuseCode::Internal
        } else {
            MisuseCode::InvalidOption
        };
        misuse(code, e.text())
    })
}
