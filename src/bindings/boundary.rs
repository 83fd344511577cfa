//! Reading caller-supplied JS values without letting an exception unwind
//! through wasm (see `js/boundary.js`): options as own properties only,
//! bytes through brand-checked intrinsics, arrays as snapshots, times.
//! Every failure is a [`Misuse`], thrown as a JS `Error` with a `code` by
//! [`localized`] in the call's locale.

use crate::core::codes::MisuseCode;
#[cfg(feature = "dumps")]
use crate::core::i18n::DumpErrorKey;
use crate::core::i18n::{ErrorKey, Locale, Text};
use js_sys::Array;
#[cfg(feature = "dumps")]
use js_sys::Uint8Array;
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::{misuse, Misuse};

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
    #[wasm_bindgen(catch, js_name = ownLocale)]
    fn js_own_locale(options: &JsValue) -> Result<JsValue, JsValue>;
}

/// Runs the body of an exported call whose `options` take a `locale`, and throws its misuse in
/// that locale. The locale is read only when there is an error, best effort ([`error_locale`]), so
/// an error in reading the other options (or the arguments) is in the caller's language too.
pub(crate) fn localized<T>(options: &JsValue, body: impl FnOnce() -> Result<T, Misuse>) -> Result<T, JsValue> {
    body().map_err(|e| e.into_js(error_locale(options)))
}

/// Runs the body of an exported call that knows no locale (no options, or none with a `locale`):
/// its misuse is thrown in English.
pub(crate) fn english<T>(body: impl FnOnce() -> Result<T, Misuse>) -> Result<T, JsValue> {
    body().map_err(|e| e.into_js(Locale::En))
}

/// The language of a call's errors: its options' own data property `locale` when that is a known
/// locale, else English (no options, not an object, a getter, an unknown or invalid locale: the
/// `locale` option's own error is then in English too). Never fails and runs no caller code.
fn error_locale(options: &JsValue) -> Locale {
    if !options.is_object() {
        return Locale::En;
    }
    js_own_locale(options).ok().and_then(|v| v.as_string()).and_then(|s| Locale::parse(&s)).unwrap_or(Locale::En)
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
pub(crate) fn options(value: &JsValue, allowed: &str, undefined: Undefined) -> Result<Option<Object>, Misuse> {
    read_options(value, allowed, undefined, false)
}

/// [`options`] for a predicate's second argument, which may be a validation library's context
/// object: one with a function-valued property and no option name is no options (`None`). See
/// `ownOptions` in js/boundary.js.
pub(crate) fn predicate_options(value: &JsValue, allowed: &str) -> Result<Option<Object>, Misuse> {
    read_options(value, allowed, Undefined::Absent, true)
}

fn read_options(
    value: &JsValue,
    allowed: &str,
    undefined: Undefined,
    foreign_context: bool,
) -> Result<Option<Object>, Misuse> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let bad = |text: Text| misuse(MisuseCode::InvalidOption, text);
    let snap = js_own_options(value, allowed, undefined == Undefined::Rejected, foreign_context)
        .map_err(|_| bad(Text::new(ErrorKey::OptionsUnreadable)))?;
    if snap.is_null() {
        return Ok(None);
    }
    // A failure is a reason and its details (see `ownOptions`).
    if let Some(failure) = snap.as_string() {
        let [reason, name, names] = fields(&failure);
        return Err(bad(match reason {
            "NOT_OBJECT" => Text::new(ErrorKey::OptionsNotObject),
            "UNKNOWN" => Text::new(ErrorKey::UnknownOption).with("name", name).with("allowed", names),
            "GETTER" => Text::new(ErrorKey::OptionGetterThrew).with("name", name),
            "UNDEFINED" => Text::new(ErrorKey::OptionUndefined).with("name", name),
            _ => Text::new(ErrorKey::RevokedProxy).with("name", "options"),
        }));
    }
    Ok(Some(snap.unchecked_into::<Object>()))
}

/// The first three tab-separated fields of a snippet's failure string (`""` for a missing one).
/// Byte search: `str::split` on a char costs the numbers-only build ~1 KB of wasm.
pub(crate) fn fields(s: &str) -> [&str; 3] {
    let mut out = [""; 3];
    let mut rest = s;
    for field in out.iter_mut() {
        match rest.bytes().position(|b| b == b'\t') {
            Some(i) => {
                *field = rest.get(..i).unwrap_or("");
                rest = rest.get(i + 1..).unwrap_or("");
            }
            None => {
                *field = rest;
                break;
            }
        }
    }
    out
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
pub(crate) fn locale(snapshot: &Object) -> Result<Locale, Misuse> {
    match get(snapshot, "locale") {
        None => Ok(Locale::En),
        Some(v) => v.as_string().and_then(|s| Locale::parse(&s)).ok_or_else(|| {
            let names: Vec<String> = Locale::ALL.iter().map(|l| format!("\"{l}\"")).collect();
            misuse(MisuseCode::InvalidOption, Text::new(ErrorKey::Locale).with("locales", names.join(" or ")))
        }),
    }
}

/// Bytes from a `Uint8Array` (or `ArrayBuffer`), copying at most `limit + 1`
/// bytes so that an oversized input is detected without copying it all.
/// `code` is the error code for a value of the wrong type.
#[cfg(feature = "dumps")]
pub(crate) fn bytes(value: &JsValue, name: &str, limit: usize, code: MisuseCode) -> Result<Vec<u8>, Misuse> {
    let limit = u32::try_from(limit).unwrap_or(u32::MAX - 1);
    let unreadable = || misuse(code, Text::new(ErrorKey::CouldNotBeRead).with("name", name));
    let out = js_copy_bytes(value, limit).map_err(|_| unreadable())?;
    match out.as_string().as_deref() {
        None => Ok(out.unchecked_into::<Uint8Array>().to_vec()),
        Some("DETACHED") => Err(misuse(code, Text::new(DumpErrorKey::Detached).with("name", name))),
        Some("TYPE") => Err(misuse(code, Text::new(DumpErrorKey::MustBeUint8Array).with("name", name))),
        Some(_) => Err(unreadable()),
    }
}

/// A time option: a `Date` or epoch milliseconds, as Unix seconds (floor).
pub(crate) fn time_seconds(value: &JsValue, name: &str) -> Result<i64, Misuse> {
    let bad = || misuse(MisuseCode::InvalidOption, Text::new(ErrorKey::TimeType).with("name", name));
    let ms = js_time_millis(value).map_err(|_| bad())?.as_f64().ok_or_else(bad)?;
    // ±1e16 ms is far beyond any card date and keeps the arithmetic exact.
    if !ms.is_finite() || ms.abs() > 1e16 {
        return Err(misuse(MisuseCode::InvalidOption, Text::new(ErrorKey::TimeInvalid).with("name", name)));
    }
    Ok((ms / 1000.0).floor() as i64)
}

/// A snapshot of a real array of at most `max` elements. `code` for a wrong value (an argument's
/// `INVALID_ARGUMENT`, an option's `INVALID_OPTION`), `too_many` for more than `max` elements.
/// `what` names the elements in the messages (a plural noun: `ErrorKey::KindNames`).
pub(crate) fn array(
    value: &JsValue,
    name: &str,
    what: impl Into<crate::core::i18n::Key>,
    max: u32,
    code: MisuseCode,
    too_many: MisuseCode,
) -> Result<Array, Misuse> {
    let what = Text::new(what);
    let unreadable = || misuse(code, Text::new(ErrorKey::CouldNotBeRead).with("name", name));
    let out = js_snapshot_array(value, max).map_err(|_| unreadable())?;
    match out.as_string() {
        None => Ok(out.unchecked_into()),
        Some(s) if s == "TYPE" => {
            Err(misuse(code, Text::new(ErrorKey::ArrayType).with("name", name).part("what", what)))
        }
        Some(s) if s == "TOO_MANY" => {
            Err(misuse(too_many, Text::new(ErrorKey::ArrayTooMany).with("max", max).part("what", what)))
        }
        Some(s) => match s.strip_prefix("ELEMENT ") {
            Some(i) => Err(misuse(code, Text::new(ErrorKey::ElementGetterThrew).with("name", name).with("index", i))),
            None => Err(unreadable()),
        },
    }
}
