//! Reading caller-supplied JS values without letting an exception unwind
//! through wasm (see `js/boundary.js`): options as own properties only,
//! bytes through brand-checked intrinsics, arrays as snapshots, times.
//! Every failure becomes a JS `Error` with a `code`.

use crate::core::codes::MisuseCode;
use crate::core::i18n::Locale;
use js_sys::Array;
#[cfg(feature = "dumps")]
use js_sys::Uint8Array;
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::js_error;

#[wasm_bindgen(module = "/src/bindings/js/boundary.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = copyBytes)]
    fn js_copy_bytes(value: &JsValue, limit: u32) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = timeMillis)]
    fn js_time_millis(value: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = snapshotArray)]
    fn js_snapshot_array(value: &JsValue, max: u32) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = ownOptions)]
    fn js_own_options(
        options: &JsValue,
        allowed: &str,
        strict_undefined: bool,
        foreign_context: bool,
    ) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = reportBirthDate)]
    fn js_report_birth_date(report: &JsValue) -> Result<JsValue, JsValue>;
}

/// How an option that is present with the value `undefined` is read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Undefined {
    /// As absent (number options: `{ at: maybeDate }` is common and harmless).
    Absent,
    /// As an error (security options: `expectedNonce: session.nonce` with no
    /// nonce must not turn the NONCE check off).
    Rejected,
}

/// The caller's options: `None` for `undefined`/`null`, else a snapshot of
/// the own enumerable properties whose names are all in `allowed`
/// (comma-separated). Read values with [`get`].
pub(crate) fn options(value: &JsValue, allowed: &str, undefined: Undefined) -> Result<Option<Object>, JsValue> {
    read_options(value, allowed, undefined, false)
}

/// [`options`] for a predicate's second argument, which may be a validation library's context
/// object: one with a function-valued property and no option name is no options (`None`). See
/// `ownOptions` in js/boundary.js.
pub(crate) fn predicate_options(value: &JsValue, allowed: &str) -> Result<Option<Object>, JsValue> {
    read_options(value, allowed, Undefined::Absent, true)
}

fn read_options(
    value: &JsValue,
    allowed: &str,
    undefined: Undefined,
    foreign_context: bool,
) -> Result<Option<Object>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let snap = js_own_options(value, allowed, undefined == Undefined::Rejected, foreign_context)
        .map_err(|_| js_error(MisuseCode::InvalidOption, "options could not be read"))?;
    if snap.is_null() {
        return Ok(None);
    }
    if let Some(message) = snap.as_string() {
        return Err(js_error(MisuseCode::InvalidOption, &message));
    }
    Ok(Some(snap.unchecked_into::<Object>()))
}

/// The birth date string of a number report: `Some(Some(date))` for a valid report, `Some(None)`
/// for a report with `ok: false`, `None` for a value that is not shaped like a report.
pub(crate) fn report_birth_date(report: &JsValue) -> Option<Option<String>> {
    let out = js_report_birth_date(report).ok()?;
    if out.is_string() {
        return None;
    }
    let list: Array = out.dyn_into().ok()?;
    Some(list.get(0).as_string())
}

/// One option from a snapshot made by [`options`] (a null-prototype object
/// of plain data properties, so reading it runs no caller code).
pub(crate) fn get(snapshot: &Object, key: &str) -> Option<JsValue> {
    Reflect::get(snapshot, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined())
}

/// The `locale` option of a snapshot: `"en"` (also when absent) or `"zh-CN"`.
pub(crate) fn locale(snapshot: &Object) -> Result<Locale, JsValue> {
    match get(snapshot, "locale") {
        None => Ok(Locale::En),
        Some(v) => v.as_string().and_then(|s| Locale::parse(&s)).ok_or_else(|| {
            let names: Vec<String> = Locale::ALL.iter().map(|l| format!("\"{l}\"")).collect();
            js_error(MisuseCode::InvalidOption, &format!("locale must be {}", names.join(" or ")))
        }),
    }
}

/// Bytes from a `Uint8Array` (or `ArrayBuffer`), copying at most `limit + 1`
/// bytes so that an oversized input is detected without copying it all.
/// `code` is the error code for a value of the wrong type.
#[cfg(feature = "dumps")]
pub(crate) fn bytes(value: &JsValue, name: &str, limit: usize, code: MisuseCode) -> Result<Vec<u8>, JsValue> {
    let limit = u32::try_from(limit).unwrap_or(u32::MAX - 1);
    let out = js_copy_bytes(value, limit).map_err(|_| js_error(code, &format!("{name} could not be read")))?;
    match out.as_string().as_deref() {
        None => Ok(out.unchecked_into::<Uint8Array>().to_vec()),
        Some("DETACHED") => {
            Err(js_error(code, &format!("{name} is a detached buffer (transferred to another thread?)")))
        }
        Some("TYPE") => Err(js_error(code, &format!("{name} must be a Uint8Array"))),
        Some(_) => Err(js_error(code, &format!("{name} could not be read"))),
    }
}

/// A time option: a `Date` or epoch milliseconds, as Unix seconds (floor).
pub(crate) fn time_seconds(value: &JsValue, name: &str) -> Result<i64, JsValue> {
    let bad = || js_error(MisuseCode::InvalidOption, &format!("{name} must be a Date or epoch milliseconds"));
    let ms = js_time_millis(value).map_err(|_| bad())?.as_f64().ok_or_else(bad)?;
    // ±1e16 ms is far beyond any card date and keeps the arithmetic exact.
    if !ms.is_finite() || ms.abs() > 1e16 {
        return Err(js_error(MisuseCode::InvalidOption, &format!("{name} is not a valid time")));
    }
    Ok((ms / 1000.0).floor() as i64)
}

/// A snapshot of a real array of at most `max` elements. `code` for a wrong value (an argument's
/// `INVALID_ARGUMENT`, an option's `INVALID_OPTION`), `too_many` for more than `max` elements.
pub(crate) fn array(
    value: &JsValue,
    name: &str,
    what: &str,
    max: u32,
    code: MisuseCode,
    too_many: MisuseCode,
) -> Result<Array, JsValue> {
    let out = js_snapshot_array(value, max).map_err(|_| js_error(code, &format!("{name} could not be read")))?;
    match out.as_string() {
        None => Ok(out.unchecked_into()),
        Some(s) if s == "TYPE" => Err(js_error(code, &format!("{name} must be an array of {what}"))),
        Some(s) if s == "TOO_MANY" => Err(js_error(too_many, &format!("at most {max} {what} per call"))),
        Some(s) => match s.strip_prefix("ELEMENT ") {
            Some(i) => Err(js_error(code, &format!("{name}[{i}] could not be read: its getter threw"))),
            None => Err(js_error(code, &format!("{name} could not be read"))),
        },
    }
}
