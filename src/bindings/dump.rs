//! `TrustStore`, `verifyDump`, `verifyDumps`.
//!
//! `verifyDump` receives the trust store as a plain JS value and resolves it
//! through a registry of live stores keyed by an opaque handle. That lets a
//! wrong argument (a plain object, a freed store) become a `TypeError` with a
//! code instead of wasm-bindgen's generic "expected instance" error, without
//! ever trusting a pointer supplied by JS.

use super::{bytes_arg, codes, get, js_error, now_seconds, options_object, time_option, to_js};
use crate::core::dump::{self, DumpReport, VerifyOptions, MAX_DUMP_BYTES};
use crate::core::trust::{TrustError, TrustStore};
use js_sys::{Array, Reflect, Uint8Array};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;

/// Largest batch accepted by `verifyDumps`.
pub const MAX_DUMP_BATCH: u32 = 100_000;

/// Largest trust input (JWK set JSON or PEM) accepted from JS.
const MAX_TRUST_INPUT: usize = 1024 * 1024;

type Shared = Rc<RefCell<TrustStore>>;

thread_local! {
    static STORES: RefCell<HashMap<u32, Weak<RefCell<TrustStore>>>> = RefCell::new(HashMap::new());
    static NEXT_HANDLE: Cell<u32> = const { Cell::new(1) };
}

fn trust_error(e: TrustError) -> JsValue {
    js_error(e.code, &e.message)
}

/// Trust material supplied by the app: JWK sets, X.509 anchors and
/// revocation data. Append-only; nothing is trusted by default.
#[wasm_bindgen(js_name = TrustStore)]
pub struct JsTrustStore {
    inner: Shared,
    handle: u32,
}

impl Drop for JsTrustStore {
    fn drop(&mut self) {
        let handle = self.handle;
        STORES.with(|s| {
            if let Ok(mut map) = s.try_borrow_mut() {
                map.remove(&handle);
            }
        });
    }
}

#[wasm_bindgen(js_class = TrustStore)]
impl JsTrustStore {
    /// An empty store: trusts nothing.
    #[wasm_bindgen(constructor)]
    pub fn new() -> JsTrustStore {
        let inner: Shared = Rc::new(RefCell::new(TrustStore::new()));
        let handle = NEXT_HANDLE.with(|n| {
            let h = n.get();
            n.set(h.wrapping_add(1).max(1));
            h
        });
        STORES.with(|s| s.borrow_mut().insert(handle, Rc::downgrade(&inner)));
        JsTrustStore { inner, handle }
    }

    /// Adds the EC P-256 keys of a JWK set (JSON text or an object). Keys of
    /// other types are skipped with a warning.
    #[wasm_bindgen(js_name = addJwks, unchecked_return_type = "AddJwksResult")]
    pub fn add_jwks(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | object")] jwks: JsValue,
    ) -> Result<JsValue, JsValue> {
        let text = if let Some(s) = jwks.as_string() {
            s
        } else if jwks.is_object() {
            js_sys::JSON::stringify(&jwks)
                .ok()
                .and_then(|s| s.as_string())
                .ok_or_else(|| js_error(codes::INVALID_ARGUMENT, "the JWK set object cannot be serialised"))?
        } else {
            return Err(js_error(codes::INVALID_ARGUMENT, "jwks must be JSON text or an object"));
        };
        if text.len() > MAX_TRUST_INPUT {
            return Err(js_error(codes::INPUT_TOO_LARGE, "a JWK set may be at most 1 MiB"));
        }
        let outcome = self.inner.borrow_mut().add_jwks_json(&text).map_err(trust_error)?;
        to_js(&outcome)
    }

    /// Adds X.509 trust anchors: PEM text (every CERTIFICATE block) or one
    /// DER certificate. Returns how many were added.
    #[wasm_bindgen(js_name = addCertificate)]
    pub fn add_certificate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] pem_or_der: JsValue,
    ) -> Result<u32, JsValue> {
        let bytes = pem_or_der_arg(&pem_or_der, "pemOrDer")?;
        let n = self.inner.borrow_mut().add_certificates(&bytes).map_err(trust_error)?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// Declares a JWK kid revoked.
    #[wasm_bindgen(js_name = revokeKid)]
    pub fn revoke_kid(&self, #[wasm_bindgen(unchecked_param_type = "string")] kid: JsValue) -> Result<(), JsValue> {
        let kid = kid.as_string().ok_or_else(|| js_error(codes::INVALID_ARGUMENT, "kid must be a string"))?;
        // The outcome (feedback on entries that match nothing) reaches JS with the
        // boundary rework; a bad kid is already a coded error.
        self.inner.borrow_mut().revoke_kid(&kid).map(|_| ()).map_err(trust_error)
    }

    /// Declares the certificate with this serial, issued by this issuer, revoked.
    #[wasm_bindgen(js_name = revokeSerial)]
    pub fn revoke_serial(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] issuer_certificate: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] serial_hex: JsValue,
    ) -> Result<(), JsValue> {
        let issuer = pem_or_der_arg(&issuer_certificate, "issuerCertificatePemOrDer")?;
        let serial =
            serial_hex.as_string().ok_or_else(|| js_error(codes::INVALID_ARGUMENT, "serialHex must be a string"))?;
        self.inner.borrow_mut().revoke_serial(&issuer, &serial).map(|_| ()).map_err(trust_error)
    }

    /// Number of trusted JWKs.
    #[wasm_bindgen(getter, js_name = keyCount)]
    pub fn key_count(&self) -> u32 {
        u32::try_from(self.inner.borrow().key_count()).unwrap_or(u32::MAX)
    }

    /// Number of X.509 trust anchors.
    #[wasm_bindgen(getter, js_name = anchorCount)]
    pub fn anchor_count(&self) -> u32 {
        u32::try_from(self.inner.borrow().anchor_count()).unwrap_or(u32::MAX)
    }

    /// The kids of the trusted JWKs.
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn kids(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.borrow().kids())
    }

    /// The trust anchors.
    #[wasm_bindgen(unchecked_return_type = "CertInfo[]")]
    pub fn anchors(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.borrow().anchors())
    }

    /// The revoked kids.
    #[wasm_bindgen(js_name = revokedKids, unchecked_return_type = "string[]")]
    pub fn revoked_kids(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.borrow().revoked_kids())
    }

    /// Opaque handle used by `verifyDump` to find this store.
    #[wasm_bindgen(getter, js_name = __cnidHandle, skip_typescript)]
    pub fn cnid_handle(&self) -> u32 {
        self.handle
    }
}

impl Default for JsTrustStore {
    fn default() -> Self {
        Self::new()
    }
}

fn pem_or_der_arg(value: &JsValue, name: &str) -> Result<Vec<u8>, JsValue> {
    if let Some(s) = value.as_string() {
        if s.len() > MAX_TRUST_INPUT {
            return Err(js_error(codes::INPUT_TOO_LARGE, &format!("{name} may be at most 1 MiB")));
        }
        return Ok(s.into_bytes());
    }
    let bytes = bytes_arg(value, name, MAX_TRUST_INPUT)
        .map_err(|_| js_error(codes::INVALID_ARGUMENT, &format!("{name} must be PEM text or DER bytes")))?;
    if bytes.len() > MAX_TRUST_INPUT {
        return Err(js_error(codes::INPUT_TOO_LARGE, &format!("{name} may be at most 1 MiB")));
    }
    Ok(bytes)
}

/// Finds the live store behind a JS `TrustStore` argument.
fn resolve_store(trust: &JsValue) -> Result<Shared, JsValue> {
    let bad = || js_error(codes::INVALID_TRUST_STORE, "trust must be a TrustStore created by this module (and not freed)");
    if !trust.is_object() {
        return Err(bad());
    }
    let handle = Reflect::get(trust, &JsValue::from_str("__cnidHandle")).map_err(|_| bad())?;
    let handle = handle.as_f64().filter(|h| h.fract() == 0.0 && *h >= 1.0 && *h <= f64::from(u32::MAX)).ok_or_else(bad)?;
    STORES.with(|s| s.borrow().get(&(handle as u32)).and_then(Weak::upgrade)).ok_or_else(bad)
}

const VERIFY_OPTIONS: &[&str] = &["at", "expectedNonce", "maxAgeSeconds", "clockSkewSeconds", "externalAad"];

/// A non-negative whole number of seconds.
fn seconds_option(v: &JsValue, name: &str) -> Result<u64, JsValue> {
    let n = v.as_f64().ok_or_else(|| js_error(codes::INVALID_OPTION, &format!("{name} must be a number")))?;
    if !n.is_finite() || n < 0.0 || n.fract() != 0.0 || n > 1e15 {
        return Err(js_error(codes::INVALID_OPTION, &format!("{name} must be a non-negative whole number of seconds")));
    }
    Ok(n as u64)
}

fn verify_options(options: &JsValue) -> Result<VerifyOptions, JsValue> {
    let Some(obj) = options_object(options, VERIFY_OPTIONS)? else {
        return Ok(VerifyOptions::at(now_seconds()));
    };
    let at = match get(&obj, "at") {
        None => now_seconds(),
        Some(v) => time_option(&v, "at")?,
    };
    let mut opts = VerifyOptions::at(at);
    if let Some(v) = get(&obj, "expectedNonce") {
        let nonce = bytes_arg(&v, "expectedNonce", 64)
            .map_err(|_| js_error(codes::INVALID_OPTION, "expectedNonce must be a Uint8Array"))?;
        opts.expected_nonce = Some(nonce);
    }
    match get(&obj, "maxAgeSeconds") {
        None => {}
        Some(v) if v.is_null() => opts.max_age_seconds = None,
        Some(v) => opts.max_age_seconds = Some(seconds_option(&v, "maxAgeSeconds")?),
    }
    if let Some(v) = get(&obj, "clockSkewSeconds") {
        opts.clock_skew_seconds = seconds_option(&v, "clockSkewSeconds")?;
    }
    if let Some(v) = get(&obj, "externalAad") {
        let aad = bytes_arg(&v, "externalAad", MAX_DUMP_BYTES)
            .map_err(|_| js_error(codes::INVALID_OPTION, "externalAad must be a Uint8Array"))?;
        if aad.len() > MAX_DUMP_BYTES {
            return Err(js_error(codes::INVALID_OPTION, "externalAad may be at most 64 KiB"));
        }
        opts.external_aad = aad;
    }
    Ok(opts)
}

/// Converts a report and attaches its byte fields as `Uint8Array`s.
fn report_to_js(report: &DumpReport) -> Result<JsValue, JsValue> {
    let obj = to_js(report)?;
    let set = |key: &str, bytes: Option<&[u8]>| -> Result<(), JsValue> {
        let value = bytes.map_or(JsValue::NULL, |b| Uint8Array::from(b).into());
        Reflect::set(&obj, &JsValue::from_str(key), &value).map(|_| ())
    };
    set("nonce", report.nonce.as_ref().map(|b| b.as_slice()))?;
    set("chipSerial", report.chip_serial.as_ref().map(|b| b.as_slice()))?;
    set("photo", report.photo.as_ref().map(|b| b.as_slice()))?;
    set("fingerprint", report.fingerprint.as_ref().map(|b| b.as_slice()))?;
    Ok(obj)
}

/// Verifies one signed chip dump against the app's trust store.
#[wasm_bindgen(js_name = verifyDump, skip_typescript)]
pub fn verify_dump(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
    #[wasm_bindgen(unchecked_param_type = "TrustStore")] trust: JsValue,
    #[wasm_bindgen(unchecked_param_type = "VerifyOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let bytes = bytes_arg(&bytes, "bytes", MAX_DUMP_BYTES)?;
    let store = resolve_store(&trust)?;
    let opts = verify_options(&options)?;
    let report = dump::verify_dump(&bytes, &store.borrow(), &opts);
    report_to_js(&report)
}

/// Verifies many dumps in one call.
#[wasm_bindgen(js_name = verifyDumps, skip_typescript)]
pub fn verify_dumps(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array[]")] list: JsValue,
    #[wasm_bindgen(unchecked_param_type = "TrustStore")] trust: JsValue,
    #[wasm_bindgen(unchecked_param_type = "VerifyOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    if !Array::is_array(&list) {
        return Err(js_error(codes::INVALID_ARGUMENT, "list must be an array of Uint8Array"));
    }
    let list: Array = list.unchecked_into();
    if list.length() > MAX_DUMP_BATCH {
        return Err(js_error(codes::INPUT_TOO_LARGE, &format!("at most {MAX_DUMP_BATCH} dumps per call")));
    }
    let store = resolve_store(&trust)?;
    let opts = verify_options(&options)?;
    let out = Array::new_with_length(list.length());
    for i in 0..list.length() {
        let bytes = bytes_arg(&list.get(i), &format!("list[{i}]"), MAX_DUMP_BYTES)?;
        let report = dump::verify_dump(&bytes, &store.borrow(), &opts);
        out.set(i, report_to_js(&report)?);
    }
    Ok(out.into())
}
