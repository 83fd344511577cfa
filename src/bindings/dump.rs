//! Trust stores, `verifyDump`, `verifyDumps` (raw exports behind the JS
//! `TrustStore` class of `js/facade.js`).
//!
//! A store lives in a registry of this module instance and is named by a
//! handle. JS never hands a pointer to Rust: the facade keeps the handle in
//! a private class field, so a store is recognised by object identity (a
//! store of a second module instance, a plain `{__cnidHandle: 1}` or a freed
//! store is `INVALID_TRUST_STORE`, never an unrelated store of this one).
//! Handles are never reused.

use super::boundary::{self, get, Undefined};
use super::host::HostEngine;
use super::{js_error, now_seconds, to_js};
use crate::core::codes::MisuseCode;
use crate::core::dump::{self, DumpReport, EngineChoice, SignerPolicy, VerifyOptions, MAX_DUMP_BYTES};
use crate::core::i18n::Locale;
use crate::core::trust::{TrustError, TrustStore};
use js_sys::{Object, Reflect, Uint8Array};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// Largest batch accepted by `verifyDumps`.
pub const MAX_DUMP_BATCH: u32 = 100_000;

/// Largest trust input (JWK set JSON or PEM) accepted from JS.
const MAX_TRUST_INPUT: usize = 1024 * 1024;

/// Most live stores per module instance (each costs little; this bounds a
/// leak in a loop that never frees).
const MAX_STORES: usize = 100_000;

type Shared = Rc<RefCell<TrustStore>>;

thread_local! {
    static STORES: RefCell<BTreeMap<u32, Shared>> = const { RefCell::new(BTreeMap::new()) };
    static NEXT_HANDLE: Cell<u32> = const { Cell::new(1) };
}

fn trust_error(e: TrustError) -> JsValue {
    js_error(e.code, &e.message)
}

fn not_a_store() -> JsValue {
    js_error(MisuseCode::InvalidTrustStore, "trust must be a TrustStore created by this module instance, and not freed")
}

/// The live store behind a handle (0 = not a store of this instance).
fn store(handle: u32) -> Result<Shared, JsValue> {
    STORES.with(|s| s.try_borrow().ok().and_then(|m| m.get(&handle).cloned())).ok_or_else(not_a_store)
}

/// Runs `f` on the store. All JS values are converted before this is called,
/// so no caller code (a getter, a `toJSON`) runs while the store is
/// borrowed; a re-entrant call is a coded error, never a panic.
fn with_store<R>(handle: u32, f: impl FnOnce(&mut TrustStore) -> Result<R, JsValue>) -> Result<R, JsValue> {
    let shared = store(handle)?;
    let mut guard = shared.try_borrow_mut().map_err(|_| {
        js_error(MisuseCode::InvalidTrustStore, "the TrustStore is in use by a call further up the stack")
    })?;
    f(&mut guard)
}

/// A new, empty store: trusts nothing. Returns its handle.
#[wasm_bindgen(js_name = trustStoreNew, skip_typescript)]
pub fn trust_store_new() -> Result<u32, JsValue> {
    let handle = NEXT_HANDLE.with(|n| {
        let h = n.get();
        n.set(h.saturating_add(1));
        h
    });
    if handle == u32::MAX {
        return Err(js_error(MisuseCode::InputTooLarge, "this module instance has created too many TrustStores"));
    }
    STORES.with(|s| {
        let mut map = s.try_borrow_mut().map_err(|_| js_error(MisuseCode::Internal, "store registry busy"))?;
        if map.len() >= MAX_STORES {
            return Err(js_error(
                MisuseCode::InputTooLarge,
                &format!("more than {MAX_STORES} live TrustStores: free() the ones you no longer use"),
            ));
        }
        map.insert(handle, Rc::new(RefCell::new(TrustStore::new())));
        Ok(handle)
    })
}

/// Frees a store (idempotent; an unknown handle is ignored).
#[wasm_bindgen(js_name = trustStoreFree, skip_typescript)]
pub fn trust_store_free(handle: u32) {
    STORES.with(|s| {
        if let Ok(mut map) = s.try_borrow_mut() {
            map.remove(&handle);
        }
    });
}

/// The options of the TrustStore methods that return warnings: `{ locale }` (or nothing).
fn message_options(options: &JsValue) -> Result<Locale, JsValue> {
    match boundary::options(options, "locale", Undefined::Absent)? {
        None => Ok(Locale::En),
        Some(obj) => boundary::locale(&obj),
    }
}

/// Adds the EC P-256 keys of a JWK set (JSON text or an object).
#[wasm_bindgen(js_name = trustStoreAddJwks, skip_typescript)]
pub fn trust_store_add_jwks(handle: u32, jwks: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    store(handle)?;
    let locale = message_options(&options)?;
    let text = if let Some(s) = jwks.as_string() {
        s
    } else if jwks.is_object() {
        js_sys::JSON::stringify(&jwks)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or_else(|| js_error(MisuseCode::InvalidArgument, "the JWK set object cannot be serialised"))?
    } else {
        return Err(js_error(MisuseCode::InvalidArgument, "jwks must be JSON text or an object"));
    };
    within_trust_limit(text.len(), "a JWK set")?;
    let outcome = with_store(handle, |ts| ts.add_jwks_json(&text).map_err(trust_error))?;
    to_js(&outcome.render(locale))
}

/// Adds X.509 trust anchors; returns how many were added.
#[wasm_bindgen(js_name = trustStoreAddCertificate, skip_typescript)]
pub fn trust_store_add_certificate(handle: u32, pem_or_der: JsValue) -> Result<u32, JsValue> {
    store(handle)?;
    let bytes = pem_or_der_arg(&pem_or_der, "pemOrDer")?;
    let n = with_store(handle, |ts| ts.add_certificates(&bytes).map_err(trust_error))?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// The size limit of every trust input (text or bytes) from JS.
fn within_trust_limit(len: usize, name: &str) -> Result<(), JsValue> {
    if len > MAX_TRUST_INPUT {
        return Err(js_error(MisuseCode::InputTooLarge, &format!("{name} may be at most 1 MiB")));
    }
    Ok(())
}

fn string_arg(value: &JsValue, name: &str) -> Result<String, JsValue> {
    let s =
        value.as_string().ok_or_else(|| js_error(MisuseCode::InvalidArgument, &format!("{name} must be a string")))?;
    within_trust_limit(s.len(), name)?;
    Ok(s)
}

/// Revokes a JWK kid (and the keys trusted under it, on every path).
#[wasm_bindgen(js_name = trustStoreRevokeKid, skip_typescript)]
pub fn trust_store_revoke_kid(handle: u32, kid: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    store(handle)?;
    let kid = string_arg(&kid, "kid")?;
    let locale = message_options(&options)?;
    to_js(&with_store(handle, |ts| ts.revoke_kid(&kid).map_err(trust_error))?.render(locale))
}

/// Revokes a certificate serial under an issuer certificate.
#[wasm_bindgen(js_name = trustStoreRevokeSerial, skip_typescript)]
pub fn trust_store_revoke_serial(
    handle: u32,
    issuer: JsValue,
    serial_hex: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    store(handle)?;
    let issuer = pem_or_der_arg(&issuer, "issuerCertificate")?;
    let serial = string_arg(&serial_hex, "serialHex")?;
    let locale = message_options(&options)?;
    to_js(&with_store(handle, |ts| ts.revoke_serial(&issuer, &serial).map_err(trust_error))?.render(locale))
}

/// Revokes a certificate serial under every issuer.
#[wasm_bindgen(js_name = trustStoreRevokeSerialAnyIssuer, skip_typescript)]
pub fn trust_store_revoke_serial_any_issuer(
    handle: u32,
    serial_hex: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    store(handle)?;
    let serial = string_arg(&serial_hex, "serialHex")?;
    let locale = message_options(&options)?;
    to_js(&with_store(handle, |ts| ts.revoke_serial_any_issuer(&serial).map_err(trust_error))?.render(locale))
}

/// Revokes a certificate: issuer + serial and its public key, on every path.
#[wasm_bindgen(js_name = trustStoreRevokeCertificate, skip_typescript)]
pub fn trust_store_revoke_certificate(handle: u32, pem_or_der: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    store(handle)?;
    let bytes = pem_or_der_arg(&pem_or_der, "certificate")?;
    let locale = message_options(&options)?;
    to_js(&with_store(handle, |ts| ts.revoke_certificate(&bytes).map_err(trust_error))?.render(locale))
}

/// Counts and listings: `what` is one of the introspection names below.
#[wasm_bindgen(js_name = trustStoreInfo, skip_typescript)]
pub fn trust_store_info(handle: u32, what: &str) -> Result<JsValue, JsValue> {
    with_store(handle, |ts| match what {
        "keyCount" => Ok(JsValue::from(u32::try_from(ts.key_count()).unwrap_or(u32::MAX))),
        "anchorCount" => Ok(JsValue::from(u32::try_from(ts.anchor_count()).unwrap_or(u32::MAX))),
        "kids" => to_js(&ts.kids()),
        "anchors" => to_js(&ts.anchors()),
        "revokedKids" => to_js(&ts.revoked_kids()),
        "revokedSerials" => to_js(&ts.revoked_serials()),
        "revokedKeys" => to_js(&ts.revoked_key_thumbprints()),
        _ => Err(js_error(MisuseCode::Internal, "unknown TrustStore listing")),
    })
}

fn pem_or_der_arg(value: &JsValue, name: &str) -> Result<Vec<u8>, JsValue> {
    if let Some(s) = value.as_string() {
        within_trust_limit(s.len(), name)?;
        return Ok(s.into_bytes());
    }
    let bytes = boundary::bytes(value, name, MAX_TRUST_INPUT, MisuseCode::InvalidArgument).map_err(|_| {
        js_error(MisuseCode::InvalidArgument, &format!("{name} must be PEM text or DER bytes (a Uint8Array)"))
    })?;
    within_trust_limit(bytes.len(), name)?;
    Ok(bytes)
}

const VERIFY_OPTIONS: &str =
    "at,expectedNonce,maxAgeSeconds,clockSkewSeconds,externalAad,rejectCaSigner,requireSignedX5chain,locale,engine";

/// A non-negative whole number of seconds.
fn seconds_option(v: &JsValue, name: &str) -> Result<u64, JsValue> {
    let n = v.as_f64().ok_or_else(|| js_error(MisuseCode::InvalidOption, &format!("{name} must be a number")))?;
    if !n.is_finite() || n < 0.0 || n.fract() != 0.0 || n > 1e15 {
        return Err(js_error(
            MisuseCode::InvalidOption,
            &format!("{name} must be a non-negative whole number of seconds"),
        ));
    }
    Ok(n as u64)
}

fn bool_option(obj: &Object, name: &str) -> Result<bool, JsValue> {
    match get(obj, name) {
        None => Ok(false),
        Some(v) => v.as_bool().ok_or_else(|| js_error(MisuseCode::InvalidOption, &format!("{name} must be a boolean"))),
    }
}

/// The verify options. Every option is a security option: one that is
/// present must have a valid value (`undefined` included: it is an error,
/// never "use the default").
fn verify_options(options: &JsValue) -> Result<VerifyOptions, JsValue> {
    let Some(obj) = boundary::options(options, VERIFY_OPTIONS, Undefined::Rejected)? else {
        return Ok(VerifyOptions::at(now_seconds()));
    };
    let at = match get(&obj, "at") {
        None => now_seconds(),
        Some(v) => boundary::time_seconds(&v, "at")?,
    };
    let mut opts = VerifyOptions::at(at);
    if let Some(v) = get(&obj, "expectedNonce") {
        opts.expected_nonce = Some(boundary::bytes(&v, "expectedNonce", 64, MisuseCode::InvalidOption)?);
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
        let aad = boundary::bytes(&v, "externalAad", MAX_DUMP_BYTES, MisuseCode::InvalidOption)?;
        if aad.len() > MAX_DUMP_BYTES {
            return Err(js_error(MisuseCode::InvalidOption, "externalAad may be at most 64 KiB"));
        }
        opts.external_aad = aad;
    }
    opts.signer_policy = SignerPolicy {
        reject_ca_signer: bool_option(&obj, "rejectCaSigner")?,
        require_signed_x5chain: bool_option(&obj, "requireSignedX5chain")?,
    };
    opts.locale = boundary::locale(&obj)?;
    opts.engine = match get(&obj, "engine").map(|v| v.as_string()) {
        None => EngineChoice::Auto,
        Some(Some(s)) if s == "auto" => EngineChoice::Auto,
        Some(Some(s)) if s == "wasm" => EngineChoice::Wasm,
        Some(_) => return Err(js_error(MisuseCode::InvalidOption, "engine must be \"auto\" or \"wasm\"")),
    };
    Ok(opts)
}

/// Converts a report and attaches its byte fields as `Uint8Array`s.
fn report_to_js(report: &DumpReport) -> Result<JsValue, JsValue> {
    let obj = to_js(report)?;
    let set = |key: &str, bytes: Option<&[u8]>| -> Result<(), JsValue> {
        let value = bytes.map_or(JsValue::NULL, |b| Uint8Array::from(b).into());
        Reflect::set(&obj, &JsValue::from_str(key), &value)
            .map(|_| ())
            .map_err(|_| js_error(MisuseCode::Internal, "cannot attach a byte field to a report"))
    };
    set("nonce", report.nonce.as_ref().map(|b| b.as_slice()))?;
    set("chipSerial", report.chip_serial.as_ref().map(|b| b.as_slice()))?;
    set("photo", report.photo.as_ref().map(|b| b.as_slice()))?;
    set("fingerprint", report.fingerprint.as_ref().map(|b| b.as_slice()))?;
    Ok(obj)
}

fn dump_bytes(value: &JsValue, name: &str) -> Result<Vec<u8>, JsValue> {
    boundary::bytes(value, name, MAX_DUMP_BYTES, MisuseCode::InvalidArgument)
}

/// Verifies one signed chip dump against the store behind `handle`.
#[wasm_bindgen(js_name = verifyDumpWith, skip_typescript)]
pub fn verify_dump_with(bytes: JsValue, handle: u32, options: JsValue) -> Result<JsValue, JsValue> {
    let bytes = dump_bytes(&bytes, "bytes")?;
    store(handle)?;
    let opts = verify_options(&options)?;
    let report = with_store(handle, |ts| Ok(dump::verify_dump_on(&bytes, ts, &opts, &HostEngine)))?;
    report_to_js(&report)
}

/// Verifies many dumps in one call.
#[wasm_bindgen(js_name = verifyDumpsWith, skip_typescript)]
pub fn verify_dumps_with(list: JsValue, handle: u32, options: JsValue) -> Result<JsValue, JsValue> {
    let list = boundary::array(
        &list,
        "list",
        "Uint8Array",
        MAX_DUMP_BATCH,
        MisuseCode::InvalidArgument,
        MisuseCode::InputTooLarge,
    )?;
    store(handle)?;
    let opts = verify_options(&options)?;
    let out = js_sys::Array::new_with_length(list.length());
    // One dump at a time (a batch may hold 100,000 dumps of 64 KiB). Copying
    // the bytes and building the reports run no caller code (brand-checked
    // intrinsics on a snapshot), so holding the store here is safe.
    with_store(handle, |ts| {
        for i in 0..list.length() {
            let bytes = dump_bytes(&list.get(i), &format!("list[{i}]"))?;
            let report = report_to_js(&dump::verify_dump_on(&bytes, ts, &opts, &HostEngine))?;
            // Reflect.set is a `catch` import: even a polluted Array.prototype
            // setter cannot throw through wasm.
            Reflect::set(&out, &JsValue::from(i), &report)
                .map_err(|_| js_error(MisuseCode::Internal, "cannot store a report"))?;
        }
        Ok(())
    })?;
    Ok(out.into())
}
