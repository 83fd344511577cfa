//! The thin wasm-bindgen layer: converts JS values to core types and core
//! reports to plain JS objects (camelCase), and turns misuse into JS errors
//! that carry a stable `code`. No validation logic lives here.
//!
//! Reports cross the boundary as one JSON text parsed by the engine's
//! `JSON.parse` (the fastest way to materialise many small plain objects);
//! byte fields are then attached as `Uint8Array`s. Callers only ever see
//! plain objects, never JSON strings.

pub mod chip;
pub mod dump;
pub mod number;
mod types;

use js_sys::{Array, Object, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

pub use dump::JsTrustStore;

/// Error codes thrown for misuse (validation failures are reports, not errors).
pub(crate) mod codes {
    /// An argument has the wrong type.
    pub const INVALID_ARGUMENT: &str = "INVALID_ARGUMENT";
    /// An option is unknown or has the wrong type or range.
    pub const INVALID_OPTION: &str = "INVALID_OPTION";
    /// A batch or byte input is over its size limit.
    pub const INPUT_TOO_LARGE: &str = "INPUT_TOO_LARGE";
    /// The TrustStore argument is not a live TrustStore.
    pub const INVALID_TRUST_STORE: &str = "INVALID_TRUST_STORE";
    /// Unexpected internal failure (a bug: please report).
    pub const INTERNAL: &str = "INTERNAL";
}

/// A JS `Error` (or `TypeError`) with a `code` property.
pub(crate) fn js_error(code: &str, message: &str) -> JsValue {
    let err: js_sys::Error = match code {
        codes::INVALID_ARGUMENT | codes::INVALID_OPTION | codes::INVALID_TRUST_STORE => {
            js_sys::TypeError::new(message).unchecked_into()
        }
        _ => js_sys::Error::new(message),
    };
    let _ = Reflect::set(&err, &JsValue::from_str("code"), &JsValue::from_str(code));
    err.into()
}

/// Serialises a core value to a plain JS object via `JSON.parse`.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value)
        .map_err(|e| js_error(codes::INTERNAL, &format!("cannot serialise a report: {e}")))?;
    js_sys::JSON::parse(&text).map_err(|_| js_error(codes::INTERNAL, "cannot parse a report"))
}

/// Reads an options argument: `undefined`/`null` mean no options; anything
/// else must be a plain object whose keys are all in `allowed` (a misspelt
/// option in a security check must not be silently ignored).
pub(crate) fn options_object(options: &JsValue, allowed: &[&str]) -> Result<Option<Object>, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(None);
    }
    if !options.is_object() || Array::is_array(options) {
        return Err(js_error(codes::INVALID_OPTION, "options must be an object"));
    }
    let obj: Object = options.clone().unchecked_into();
    for key in Object::keys(&obj).iter() {
        let key = key.as_string().unwrap_or_default();
        if !allowed.contains(&key.as_str()) {
            return Err(js_error(
                codes::INVALID_OPTION,
                &format!("unknown option {key:?} (allowed: {})", allowed.join(", ")),
            ));
        }
    }
    Ok(Some(obj))
}

/// Reads one property; `undefined` becomes `None`.
pub(crate) fn get(obj: &Object, key: &str) -> Option<JsValue> {
    Reflect::get(obj, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined())
}

/// A time option: a `Date` or epoch milliseconds, as Unix seconds (floor).
pub(crate) fn time_option(value: &JsValue, name: &str) -> Result<i64, JsValue> {
    let ms = if let Some(date) = value.dyn_ref::<js_sys::Date>() {
        date.get_time()
    } else if let Some(n) = value.as_f64() {
        n
    } else {
        return Err(js_error(codes::INVALID_OPTION, &format!("{name} must be a Date or epoch milliseconds")));
    };
    // ±1e16 ms is far beyond any card date and keeps the arithmetic exact.
    if !ms.is_finite() || ms.abs() > 1e16 {
        return Err(js_error(codes::INVALID_OPTION, &format!("{name} is not a valid time")));
    }
    Ok((ms / 1000.0).floor() as i64)
}

/// The current time as Unix seconds.
pub(crate) fn now_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0).floor() as i64
}

/// Bytes from a `Uint8Array` (or `ArrayBuffer`), copying at most `limit + 1`
/// bytes so that an oversized input is detected without copying it all.
pub(crate) fn bytes_arg(value: &JsValue, name: &str, limit: usize) -> Result<Vec<u8>, JsValue> {
    let arr = if let Some(a) = value.dyn_ref::<js_sys::Uint8Array>() {
        a.clone()
    } else if let Some(b) = value.dyn_ref::<js_sys::ArrayBuffer>() {
        js_sys::Uint8Array::new(b)
    } else {
        return Err(js_error(codes::INVALID_ARGUMENT, &format!("{name} must be a Uint8Array")));
    };
    let len = arr.length();
    let take = len.min(u32::try_from(limit).unwrap_or(u32::MAX).saturating_add(1));
    Ok(arr.subarray(0, take).to_vec())
}

/// The library version.
#[wasm_bindgen(js_name = version)]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
