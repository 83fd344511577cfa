//! `generateNumber`: valid numbers for test data (the `generate` feature, on in the full build).
//!
//! Not in the numbers-only build: a form does not need test data, and it costs that build ~4 KB gzip
//! (BENCHMARKS.md, issue 11).

use super::boundary::{self, get, Undefined};
use super::js_error;
use super::number::{date_value, today_cst};
use crate::core::codes::MisuseCode;
use crate::core::date::digits;
use crate::core::number::{self, Kind, Sex};
use crate::core::tables;
use wasm_bindgen::prelude::*;

const GENERATE_OPTIONS: &str = "kind,seed,birthDate,sex,province,region,nationality";

/// A valid number for test data, deterministic for the seed (see `number::generate_number`).
#[wasm_bindgen(js_name = generateNumber, skip_typescript)]
pub fn generate_number(options: JsValue) -> Result<String, JsValue> {
    let invalid = |m: &str| js_error(MisuseCode::InvalidOption, m);
    let obj = boundary::options(&options, GENERATE_OPTIONS, Undefined::Absent)?
        .ok_or_else(|| invalid("generateNumber needs options: { kind, seed } at least"))?;
    let kind_names = || Kind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", ");
    let kind = get(&obj, "kind")
        .and_then(|v| v.as_string())
        .and_then(|s| Kind::parse(&s))
        .ok_or_else(|| invalid(&format!("kind must be one of {}", kind_names())))?;
    let seed = get(&obj, "seed")
        .and_then(|v| v.as_f64())
        .filter(|n| n.fract() == 0.0 && (0.0..=9_007_199_254_740_991.0).contains(n))
        .map(|n| n as u64)
        .ok_or_else(|| {
            invalid("seed must be an integer from 0 to Number.MAX_SAFE_INTEGER (the same seed gives the same number)")
        })?;
    let birth_date = get(&obj, "birthDate").map(|v| date_value(&v, "birthDate")).transpose()?;
    let sex = match get(&obj, "sex").and_then(|v| v.as_string()).as_deref() {
        _ if get(&obj, "sex").is_none() => None,
        Some("male") => Some(Sex::Male),
        Some("female") => Some(Sex::Female),
        _ => return Err(invalid("sex must be \"male\" or \"female\"")),
    };
    let province = match get(&obj, "province") {
        None => None,
        Some(v) => {
            let code = match v.as_string() {
                Some(s) if s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()) => Some(digits(s.as_bytes()) as u8),
                Some(_) => None,
                None => v.as_f64().filter(|n| n.fract() == 0.0 && (10.0..=99.0).contains(n)).map(|n| n as u8),
            };
            Some(code.ok_or_else(|| invalid("province must be a two-digit GB/T 2260 code, e.g. \"11\" or 11"))?)
        }
    };
    let region = match get(&obj, "region") {
        None => None,
        Some(v) => Some(match v.as_string().as_deref() {
            Some("HK") => "HK",
            Some("MO") => "MO",
            Some("TW") => "TW",
            _ => return Err(invalid("region must be \"HK\", \"MO\" or \"TW\"")),
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
            Some(found.ok_or_else(|| {
                invalid(
                    "nationality must be an ISO 3166-1 alpha-3 code (\"CAN\") or numeric code (\"124\") of the table",
                )
            })?)
        }
    };
    let req = number::GenerateRequest { kind, seed, birth_date, sex, province, region, nationality };
    number::generate_number(&req, today_cst()).map_err(|e| {
        let code = if matches!(e, number::GenerateError::Internal(_)) {
            MisuseCode::Internal
        } else {
            MisuseCode::InvalidOption
        };
        js_error(code, &e.message())
    })
}
