//! The thin wasm-bindgen layer: converts JS values to core types and core
//! reports to plain JS objects (camelCase), and turns misuse into JS errors
//! that carry a stable `code`. No validation logic lives here.
//!
//! Misuse is a [`Misuse`] value (a code and a [`Text`]) until an exported
//! function returns: only there, in `boundary::localized`, is it rendered in
//! the call's locale and made a JS error. So an argument or option reader
//! never needs the locale, and an error raised before the `locale` option is
//! validated is still in the caller's language.
//!
//! Number reports are built by a JS snippet from a compact word stream
//! (`js/number_reports.js`); dump and trust reports from the generic value
//! tape of `tape.rs` (`js/values.js`), byte fields as `Uint8Array`s.
//! Callers only ever see plain objects, never JSON strings.
//!
//! No JS exception may unwind through wasm frames (it skips restoring the
//! shadow stack pointer and corrupts the module): every caller-supplied value
//! is read through `boundary` (catching snippets), and every other JS call
//! made from here is a `catch` import or cannot throw.

mod boundary;
#[cfg(feature = "dumps")]
pub mod chip;
#[cfg(feature = "dumps")]
pub mod dump;
#[cfg(feature = "generate")]
pub mod generate;
#[cfg(feature = "dumps")]
mod host;
pub mod number;
#[cfg(feature = "dumps")]
pub mod tape;
mod types;

use crate::core::codes::MisuseCode;
use crate::core::i18n::{ErrorKey, Locale, Text};
use js_sys::Reflect;
#[cfg(feature = "dumps")]
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A misuse error not yet in words: its stable code and its message as a [`Text`]. Boxed: every
/// fallible binding function returns it, and a one-pointer error keeps their `Result`s small (wasm
/// size; the error path is cold).
#[derive(Debug)]
pub(crate) struct Misuse(Box<(MisuseCode, Text)>);

/// The misuse `code`, saying `text`.
#[inline(never)]
pub(crate) fn misuse(code: MisuseCode, text: Text) -> Misuse {
    Misuse(Box::new((code, text)))
}

/// A bug (INTERNAL), with an English detail: it is for the bug report, not for the user.
pub(crate) fn internal(detail: impl Into<String>) -> Misuse {
    misuse(MisuseCode::Internal, Text::new(ErrorKey::Internal).with("detail", detail.into()))
}

#[cfg(feature = "dumps")]
impl From<crate::core::trust::TrustError> for Misuse {
    fn from(e: crate::core::trust::TrustError) -> Self {
        misuse(e.code, e.text)
    }
}

impl Misuse {
    /// A JS `Error` (or `TypeError`) with a `code` property and the message in `locale`.
    pub(crate) fn into_js(self, locale: Locale) -> JsValue {
        let (code, text) = *self.0;
        let message = text.render(locale);
        let err: js_sys::Error = match code {
            MisuseCode::InvalidArgument | MisuseCode::InvalidOption | MisuseCode::InvalidTrustStore => {
                js_sys::TypeError::new(&message).unchecked_into()
            }
            _ => js_sys::Error::new(&message),
        };
        let _ = Reflect::set(&err, &JsValue::from_str("code"), &JsValue::from_str(code.as_str()));
        err.into()
    }
}

/// A core value as a plain JS object: written to a [`tape::Tape`] (reused between calls) and built
/// by `js/values.js` in one pass.
#[cfg(feature = "dumps")]
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, Misuse> {
    thread_local! {
        static TAPE: std::cell::RefCell<tape::Tape> = std::cell::RefCell::new(tape::Tape::default());
    }
    TAPE.with(|t| {
        // Never a second tape: JS's key table follows this one. Not reachable (nothing re-enters
        // while a value is built).
        let mut tape = t.try_borrow_mut().map_err(|_| internal("the value tape is in use"))?;
        if let Err(e) = tape.write(value) {
            tape.failed();
            return Err(internal(format!("cannot write a value to the tape: {e}")));
        }
        match js_build_value(&tape.words, &tape.nums, &tape.text, &tape.bytes) {
            Ok(v) => {
                tape.built();
                Ok(v)
            }
            Err(_) => {
                tape.failed();
                Err(internal("cannot build a value from its tape"))
            }
        }
    })
}

#[cfg(feature = "dumps")]
#[wasm_bindgen(module = "/src/bindings/js/values.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = buildValue)]
    fn js_build_value(words: &[u32], nums: &[f64], text: &str, bytes: &[u8]) -> Result<JsValue, JsValue>;
}

/// The current time as Unix seconds.
pub(crate) fn now_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0).floor() as i64
}

/// The library version.
#[wasm_bindgen(js_name = version)]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
