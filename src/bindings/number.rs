//! `checkNumber`, `checkNumbers`, `isValidNumber`.

use super::{codes, get, js_error, now_seconds, options_object, time_option, to_js};
use crate::core::date::Date;
use crate::core::number::{self, NumberOptions, Severity};
use js_sys::Array;
use wasm_bindgen::prelude::*;

/// Largest batch accepted by `checkNumbers`.
pub const MAX_BATCH: u32 = 1_000_000;

const NUMBER_OPTIONS: &[&str] = &["strict", "at", "fpr15CheckDigit"];

/// Converts the JS options object (see `NumberOptions` in the TS types).
pub(crate) fn number_options(options: &JsValue) -> Result<NumberOptions, JsValue> {
    let Some(obj) = options_object(options, NUMBER_OPTIONS)? else {
        return Ok(NumberOptions::new(Date::from_unix_seconds_cst(now_seconds())));
    };
    let strict = match get(&obj, "strict") {
        None => false,
        Some(v) => v.as_bool().ok_or_else(|| js_error(codes::INVALID_OPTION, "strict must be a boolean"))?,
    };
    let today = match get(&obj, "at") {
        None => Date::from_unix_seconds_cst(now_seconds()),
        Some(v) => match v.as_string() {
            Some(s) => Date::parse_iso(&s)
                .ok_or_else(|| js_error(codes::INVALID_OPTION, "at must be a Date, epoch milliseconds or \"YYYY-MM-DD\""))?,
            None => Date::from_unix_seconds_cst(time_option(&v, "at")?),
        },
    };
    let fpr15_check_digit = match get(&obj, "fpr15CheckDigit").map(|v| v.as_string()) {
        None => Severity::Error,
        Some(Some(s)) if s == "error" => Severity::Error,
        Some(Some(s)) if s == "warning" => Severity::Warning,
        Some(_) => return Err(js_error(codes::INVALID_OPTION, "fpr15CheckDigit must be \"error\" or \"warning\"")),
    };
    Ok(NumberOptions { strict, today, fpr15_check_digit })
}

fn string_arg(input: &JsValue, name: &str) -> Result<String, JsValue> {
    input.as_string().ok_or_else(|| {
        let got = if input.is_null() { "null".to_owned() } else { input.js_typeof().as_string().unwrap_or_default() };
        js_error(codes::INVALID_ARGUMENT, &format!("{name} must be a string, got {got}"))
    })
}

/// Validates one number and explains the result.
#[wasm_bindgen(js_name = checkNumber, skip_typescript)]
pub fn check_number(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "NumberOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let input = string_arg(&input, "input")?;
    let opts = number_options(&options)?;
    to_js(&number::check_number(&input, &opts))
}

/// Validates many numbers in one boundary crossing.
#[wasm_bindgen(js_name = checkNumbers, skip_typescript)]
pub fn check_numbers(
    #[wasm_bindgen(unchecked_param_type = "string[]")] inputs: JsValue,
    #[wasm_bindgen(unchecked_param_type = "NumberOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    if !Array::is_array(&inputs) {
        return Err(js_error(codes::INVALID_ARGUMENT, "inputs must be an array of strings"));
    }
    let inputs: Array = inputs.unchecked_into();
    let len = inputs.length();
    if len > MAX_BATCH {
        return Err(js_error(codes::INPUT_TOO_LARGE, &format!("at most {MAX_BATCH} numbers per call")));
    }
    let opts = number_options(&options)?;
    let mut reports = Vec::with_capacity(len as usize);
    for i in 0..len {
        let input = string_arg(&inputs.get(i), &format!("inputs[{i}]"))?;
        reports.push(number::check_number(&input, &opts));
    }
    to_js(&reports)
}

/// The fast path: is this a valid number of any recognised kind?
#[wasm_bindgen(js_name = isValidNumber, skip_typescript)]
pub fn is_valid_number(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "NumberOptions | undefined")] options: JsValue,
) -> Result<bool, JsValue> {
    let input = string_arg(&input, "input")?;
    let opts = number_options(&options)?;
    Ok(number::is_valid_number(&input, &opts))
}
