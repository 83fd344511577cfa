//! Trust stores, `verifyDump`, `verifyDumps` (raw exports behind the JS
//! `TrustStore` class of `js/facade.js`).
//!
//! A store lives in a registry of this module instance and is named by a
//! handle. JS never hands a pointer to Rust: the facade keeps the handle in
//! a private class field, so a store is recognised by object identity (a
//! store of a second module instance, a plain `{__cnidHandle: 1}` or a freed
//! store is `INVALID_TRUST_STORE`, never an unrelated store of this one).
//! Handles are never reused.

use super::boundary::{self, get, localized, Undefined};
use super::host::HostEngine;
use super::number::{bad_option, bool_option};
use super::{internal, misuse, now_seconds, to_js, Misuse};
use crate::core::codes::MisuseCode;
use crate::core::dump::trust_list::{self, MAX_SEQUENCE, MAX_TRUST_LIST_BYTES};
use crate::core::dump::{self, Bytes, DumpReport, EngineChoice, SignerPolicy, VerifyOptions, MAX_DUMP_BYTES};
use crate::core::engine::{EngineName, QuestionId, Recorder};
use crate::core::i18n::{DumpErrorKey as D, Locale, Text};
use crate::core::trust::TrustStore;
use js_sys::Reflect;
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
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
    /// Bumped by every change to any store: an asynchronous verification that awaited the host
    /// while a store changed runs again on the store as it is now (verifyDumpsRound).
    static REVISION: Cell<u32> = const { Cell::new(0) };
}

fn store_changed() {
    REVISION.with(|r| r.set(r.get().wrapping_add(1)));
}

fn not_a_store() -> Misuse {
    misuse(MisuseCode::InvalidTrustStore, Text::new(D::NotAStore))
}

/// The live store behind a handle (0 = not a store of this instance).
fn store(handle: u32) -> Result<Shared, Misuse> {
    STORES.with(|s| s.try_borrow().ok().and_then(|m| m.get(&handle).cloned())).ok_or_else(not_a_store)
}

/// [`with_store`] for a change to the store.
fn change_store<R>(handle: u32, f: impl FnOnce(&mut TrustStore) -> Result<R, Misuse>) -> Result<R, Misuse> {
    store_changed();
    with_store(handle, f)
}

/// Runs `f` on the store. All JS values are converted before this is called,
/// so no caller code (a getter, a `toJSON`) runs while the store is
/// borrowed; a re-entrant call is a coded error, never a panic.
fn with_store<R>(handle: u32, f: impl FnOnce(&mut TrustStore) -> Result<R, Misuse>) -> Result<R, Misuse> {
    let shared = store(handle)?;
    let mut guard =
        shared.try_borrow_mut().map_err(|_| misuse(MisuseCode::InvalidTrustStore, Text::new(D::StoreInUse)))?;
    f(&mut guard)
}

/// A new, empty store: trusts nothing. Returns its handle. The constructor takes no options, so
/// its errors are in English.
#[wasm_bindgen(js_name = trustStoreNew, skip_typescript)]
pub fn trust_store_new() -> Result<u32, JsValue> {
    boundary::english(|| {
        let handle = NEXT_HANDLE.with(|n| {
            let h = n.get();
            n.set(h.saturating_add(1));
            h
        });
        if handle == u32::MAX {
            return Err(misuse(MisuseCode::InputTooLarge, Text::new(D::TooManyStoresEver)));
        }
        STORES.with(|s| {
            let mut map = s.try_borrow_mut().map_err(|_| internal("store registry busy"))?;
            if map.len() >= MAX_STORES {
                return Err(misuse(MisuseCode::InputTooLarge, Text::new(D::TooManyLiveStores).with("max", MAX_STORES)));
            }
            map.insert(handle, Rc::new(RefCell::new(TrustStore::new())));
            Ok(handle)
        })
    })
}

/// Frees a store (idempotent; an unknown handle is ignored).
#[wasm_bindgen(js_name = trustStoreFree, skip_typescript)]
pub fn trust_store_free(handle: u32) {
    store_changed();
    STORES.with(|s| {
        if let Ok(mut map) = s.try_borrow_mut() {
            map.remove(&handle);
        }
    });
}

/// The options of the TrustStore methods: `{ locale }` (or nothing).
fn message_options(options: &JsValue) -> Result<Locale, Misuse> {
    match boundary::options(options, "locale", Undefined::Absent)? {
        None => Ok(Locale::En),
        Some(obj) => boundary::locale(&obj),
    }
}

/// Adds the EC P-256 keys of a JWK set (JSON text or an object).
#[wasm_bindgen(js_name = trustStoreAddJwks, skip_typescript)]
pub fn trust_store_add_jwks(handle: u32, jwks: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    localized(&options, || {
        store(handle)?;
        let locale = message_options(&options)?;
        let arg = |key: D| misuse(MisuseCode::InvalidArgument, Text::new(key));
        let text = if let Some(s) = jwks.as_string() {
            s
        } else if jwks.is_object() {
            js_sys::JSON::stringify(&jwks)
                .ok()
                .and_then(|s| s.as_string())
                .ok_or_else(|| arg(D::JwksNotSerialisable))?
        } else {
            return Err(arg(D::JwksType));
        };
        within_trust_limit(text.len(), || Text::new(D::JwksInputTooLarge))?;
        let outcome = change_store(handle, |ts| Ok(ts.add_jwks_json(&text)?))?;
        to_js(&outcome.render(locale))
    })
}

/// Adds X.509 trust anchors; returns how many were added. The options (`{ locale }`) only set the
/// language of its errors.
#[wasm_bindgen(js_name = trustStoreAddCertificate, skip_typescript)]
pub fn trust_store_add_certificate(handle: u32, pem_or_der: JsValue, options: JsValue) -> Result<u32, JsValue> {
    localized(&options, || {
        store(handle)?;
        let bytes = pem_or_der_arg(&pem_or_der, "pemOrDer")?;
        message_options(&options)?;
        let n = change_store(handle, |ts| Ok(ts.add_certificates(&bytes)?))?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    })
}

/// The size limit of every trust input (text or bytes) from JS; `too_large` says which input.
fn within_trust_limit(len: usize, too_large: impl FnOnce() -> Text) -> Result<(), Misuse> {
    if len > MAX_TRUST_INPUT {
        return Err(misuse(MisuseCode::InputTooLarge, too_large()));
    }
    Ok(())
}

/// The error of an input `name` over the size limit.
fn named_too_large(name: &str) -> impl FnOnce() -> Text + '_ {
    move || Text::new(D::InputTooLarge).with("name", name)
}

fn string_arg(value: &JsValue, name: &str) -> Result<String, Misuse> {
    let s = value
        .as_string()
        .ok_or_else(|| misuse(MisuseCode::InvalidArgument, Text::new(D::MustBeString).with("name", name)))?;
    within_trust_limit(s.len(), named_too_large(name))?;
    Ok(s)
}

/// Revokes a JWK kid (and the keys trusted under it, on every path).
#[wasm_bindgen(js_name = trustStoreRevokeKid, skip_typescript)]
pub fn trust_store_revoke_kid(handle: u32, kid: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    localized(&options, || {
        store(handle)?;
        let kid = string_arg(&kid, "kid")?;
        let locale = message_options(&options)?;
        to_js(&change_store(handle, |ts| Ok(ts.revoke_kid(&kid)?))?.render(locale))
    })
}

/// Revokes a certificate serial under an issuer certificate.
#[wasm_bindgen(js_name = trustStoreRevokeSerial, skip_typescript)]
pub fn trust_store_revoke_serial(
    handle: u32,
    issuer: JsValue,
    serial_hex: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    localized(&options, || {
        store(handle)?;
        let issuer = pem_or_der_arg(&issuer, "issuerCertificate")?;
        let serial = string_arg(&serial_hex, "serialHex")?;
        let locale = message_options(&options)?;
        to_js(&change_store(handle, |ts| Ok(ts.revoke_serial(&issuer, &serial)?))?.render(locale))
    })
}

/// Revokes a certificate serial under every issuer.
#[wasm_bindgen(js_name = trustStoreRevokeSerialAnyIssuer, skip_typescript)]
pub fn trust_store_revoke_serial_any_issuer(
    handle: u32,
    serial_hex: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    localized(&options, || {
        store(handle)?;
        let serial = string_arg(&serial_hex, "serialHex")?;
        let locale = message_options(&options)?;
        to_js(&change_store(handle, |ts| Ok(ts.revoke_serial_any_issuer(&serial)?))?.render(locale))
    })
}

/// Revokes a certificate: issuer + serial and its public key, on every path.
#[wasm_bindgen(js_name = trustStoreRevokeCertificate, skip_typescript)]
pub fn trust_store_revoke_certificate(handle: u32, pem_or_der: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    localized(&options, || {
        store(handle)?;
        let bytes = pem_or_der_arg(&pem_or_der, "certificate")?;
        let locale = message_options(&options)?;
        to_js(&change_store(handle, |ts| Ok(ts.revoke_certificate(&bytes)?))?.render(locale))
    })
}

const TRUST_LIST_OPTIONS: &str = "signers,minSequence,at,locale";

/// The options of `addTrustList`: `signers` (required: checked here for presence, the store
/// itself arrives as `signers_handle`), `minSequence`, `at`, `locale`. Security options: present
/// but `undefined` is an error.
fn trust_list_options(options: &JsValue) -> Result<(i64, Option<u64>, Locale), Misuse> {
    let missing = || bad_option(Text::new(D::ListSignersMissing));
    let obj = boundary::options(options, TRUST_LIST_OPTIONS, Undefined::Rejected)?.ok_or_else(missing)?;
    get(&obj, "signers").ok_or_else(missing)?;
    let at = match get(&obj, "at") {
        None => now_seconds(),
        Some(v) => boundary::time_seconds(&v, "at")?,
    };
    let min = match get(&obj, "minSequence") {
        None => None,
        Some(v) => {
            let n = v.as_f64().filter(|n| n.fract() == 0.0 && (0.0..=MAX_SEQUENCE as f64).contains(n));
            Some(n.ok_or_else(|| bad_option(Text::new(D::MinSequence)))? as u64)
        }
    };
    Ok((at, min, boundary::locale(&obj)?))
}

/// Adds a signed trust list (docs/spec/trust-list.md), verified with the list signers of
/// `signers_handle` (another store); all or nothing. A rejected list throws `TRUST_LIST_*`.
#[wasm_bindgen(js_name = trustStoreAddTrustList, skip_typescript)]
pub fn trust_store_add_trust_list(
    handle: u32,
    bytes: JsValue,
    options: JsValue,
    signers_handle: u32,
) -> Result<JsValue, JsValue> {
    localized(&options, || {
        store(handle)?;
        let bytes = boundary::bytes(&bytes, "bytes", MAX_TRUST_LIST_BYTES, MisuseCode::InvalidArgument)?;
        let (at, min_sequence, locale) = trust_list_options(&options)?;
        // The store a list goes into never vouches for the list itself (a list could otherwise
        // keep trusting its own next signer).
        if signers_handle == 0 || signers_handle == handle {
            return Err(bad_option(Text::new(D::ListSignersNotAStore)));
        }
        let signers = store(signers_handle).map_err(|_| bad_option(Text::new(D::ListSignersNotAStore)))?;
        let signers =
            signers.try_borrow().map_err(|_| misuse(MisuseCode::InvalidTrustStore, Text::new(D::StoreInUse)))?;
        let reject = |r: trust_list::ListRejection| misuse(r.code, r.text);
        let list = trust_list::verify_trust_list(&bytes, &signers, at, &HostEngine).map_err(reject)?;
        let outcome = change_store(handle, |ts| trust_list::add_trust_list(ts, &list, min_sequence).map_err(reject))?;
        to_js(&trust_list::TrustListResult::new(&list, &outcome, locale))
    })
}

/// Counts and listings: `what` is one of the introspection names below. They take no options, so
/// their errors (a freed store) are in English.
#[wasm_bindgen(js_name = trustStoreInfo, skip_typescript)]
pub fn trust_store_info(handle: u32, what: &str) -> Result<JsValue, JsValue> {
    boundary::english(|| {
        with_store(handle, |ts| match what {
            "keyCount" => Ok(JsValue::from(u32::try_from(ts.key_count()).unwrap_or(u32::MAX))),
            "anchorCount" => Ok(JsValue::from(u32::try_from(ts.anchor_count()).unwrap_or(u32::MAX))),
            "kids" => to_js(&ts.kids()),
            "anchors" => to_js(&ts.anchors()),
            "revokedKids" => to_js(&ts.revoked_kids()),
            "revokedSerials" => to_js(&ts.revoked_serials()),
            "revokedKeys" => to_js(&ts.revoked_key_thumbprints()),
            _ => Err(internal("unknown TrustStore listing")),
        })
    })
}

fn pem_or_der_arg(value: &JsValue, name: &str) -> Result<Vec<u8>, Misuse> {
    if let Some(s) = value.as_string() {
        within_trust_limit(s.len(), named_too_large(name))?;
        return Ok(s.into_bytes());
    }
    let bytes = boundary::bytes(value, name, MAX_TRUST_INPUT, MisuseCode::InvalidArgument)
        .map_err(|_| misuse(MisuseCode::InvalidArgument, Text::new(D::PemOrDer).with("name", name)))?;
    within_trust_limit(bytes.len(), named_too_large(name))?;
    Ok(bytes)
}

const VERIFY_OPTIONS: &str =
    "at,expectedNonce,maxAgeSeconds,clockSkewSeconds,externalAad,rejectCaSigner,requireSignedX5chain,locale,engine";

/// A non-negative whole number of seconds.
fn seconds_option(v: &JsValue, name: &str) -> Result<u64, Misuse> {
    let n = v.as_f64().ok_or_else(|| bad_option(Text::new(D::MustBeNumber).with("name", name)))?;
    if !n.is_finite() || n < 0.0 || n.fract() != 0.0 || n > 1e15 {
        return Err(bad_option(Text::new(D::Seconds).with("name", name)));
    }
    Ok(n as u64)
}

/// The verify options. Every option is a security option: one that is
/// present must have a valid value (`undefined` included: it is an error,
/// never "use the default").
fn verify_options(options: &JsValue) -> Result<VerifyOptions, Misuse> {
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
            return Err(bad_option(Text::new(D::ExternalAad)));
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
        Some(_) => return Err(bad_option(Text::new(D::Engine))),
    };
    Ok(opts)
}

fn dump_bytes(value: &JsValue, name: &str) -> Result<Vec<u8>, Misuse> {
    boundary::bytes(value, name, MAX_DUMP_BYTES, MisuseCode::InvalidArgument)
}

/// Verifies one signed chip dump against the store behind `handle`.
#[wasm_bindgen(js_name = verifyDumpWith, skip_typescript)]
pub fn verify_dump_with(bytes: JsValue, handle: u32, options: JsValue) -> Result<JsValue, JsValue> {
    localized(&options, || {
        let bytes = dump_bytes(&bytes, "bytes")?;
        store(handle)?;
        let opts = verify_options(&options)?;
        let report = with_store(handle, |ts| Ok(dump::verify_dump_on(&bytes, ts, &opts, &HostEngine)))?;
        to_js(&report)
    })
}

/// Verifies many dumps in one call.
#[wasm_bindgen(js_name = verifyDumpsWith, skip_typescript)]
pub fn verify_dumps_with(list: JsValue, handle: u32, options: JsValue) -> Result<JsValue, JsValue> {
    localized(&options, || verify_dumps(&list, handle, &options))
}

/// An array argument of the batch calls (`name`): at most [`MAX_DUMP_BATCH`] items, snapshotted.
fn batch_array(value: &JsValue, name: &str) -> Result<js_sys::Array, Misuse> {
    boundary::array(value, name, D::Uint8Arrays, MAX_DUMP_BATCH, MisuseCode::InvalidArgument, MisuseCode::InputTooLarge)
}

fn verify_dumps(list: &JsValue, handle: u32, options: &JsValue) -> Result<JsValue, Misuse> {
    let list = batch_array(list, "list")?;
    store(handle)?;
    let opts = verify_options(options)?;
    let out = js_sys::Array::new_with_length(list.length());
    // One dump at a time (a batch may hold 100,000 dumps of 64 KiB). Copying
    // the bytes and building the reports run no caller code (brand-checked
    // intrinsics on a snapshot), so holding the store here is safe.
    with_store(handle, |ts| {
        for i in 0..list.length() {
            let bytes = dump_bytes(&list.get(i), &format!("list[{i}]"))?;
            let report = to_js(&dump::verify_dump_on(&bytes, ts, &opts, &HostEngine))?;
            // Reflect.set is a `catch` import: even a polluted Array.prototype
            // setter cannot throw through wasm.
            Reflect::set(&out, &JsValue::from(i), &report).map_err(|_| internal("cannot store a report"))?;
        }
        Ok(())
    })?;
    Ok(out.into())
}

// --- verifyDumpAsync / verifyDumpsAsync: the curve steps on an asynchronous host ---------------
//
// WebCrypto cannot answer while the core runs, so the facade (js/facade.js `webCryptoVerifier`) runs
// rounds (core/engine.rs `Recorder`): a round verifies dumps assuming "yes" for every curve step
// it has no answer for and returns those questions; the facade asks the host all of them at once,
// keeps the report of each dump whose assumed answers were all "yes" and runs a further round for
// the others, with the answers. The last round asks nothing (the crate's p256 answers what the
// host did not), so a call ends after at most `ROUNDS` (js) rounds. The answers live only in the
// facade's call: a verdict enters the store only as a settled certificate link.

/// The most answers one round takes (a batch's dumps each ask a signature and a few links).
const MAX_ANSWERS: usize = 8 * MAX_DUMP_BATCH as usize;

/// A round's output (built into a JS object by the value tape).
#[derive(serde::Serialize)]
struct Round {
    reports: Vec<DumpReport>,
    /// Per report, the questions (indices into `questions`) it assumed "yes" for.
    assumed: Vec<Vec<u32>>,
    questions: Vec<QuestionOut>,
}

/// A question, its byte fields arriving as `Uint8Array`s (the tape is not human-readable).
#[derive(serde::Serialize)]
struct QuestionOut {
    id: Bytes,
    /// The key as an uncompressed SEC1 point (WebCrypto's `raw` import).
    key: Bytes,
    msg: Bytes,
    /// r ‖ s (WebCrypto's ECDSA signature format).
    sig: Bytes,
}

/// The host's answers so far: `ids` is 32 bytes per answer, `verdicts` one byte each (1 yes, 0 no,
/// anything else: the host could not answer, left out).
fn answers_arg(ids: &JsValue, verdicts: &JsValue) -> Result<HashMap<QuestionId, bool>, Misuse> {
    if ids.is_undefined() && verdicts.is_undefined() {
        return Ok(HashMap::new());
    }
    let ids = boundary::bytes(ids, "ids", 32 * MAX_ANSWERS, MisuseCode::InvalidArgument)?;
    let verdicts = boundary::bytes(verdicts, "verdicts", MAX_ANSWERS, MisuseCode::InvalidArgument)?;
    if ids.len() != 32 * verdicts.len() {
        return Err(internal("answers: 32 id bytes per verdict"));
    }
    let mut out = HashMap::with_capacity(verdicts.len());
    for (id, &v) in ids.chunks_exact(32).zip(&verdicts) {
        if let (Ok(id), 0 | 1) = (<QuestionId>::try_from(id), v) {
            out.insert(id, v == 1);
        }
    }
    Ok(out)
}

/// The dumps of a round: all of `list` (or `list` itself, `single`), or those at `indices`.
fn round_inputs(list: &JsValue, single: bool, indices: &JsValue) -> Result<Vec<(u32, JsValue)>, Misuse> {
    if single {
        return Ok(vec![(0, list.clone())]);
    }
    let list = batch_array(list, "list")?;
    if indices.is_undefined() {
        return Ok((0..list.length()).map(|i| (i, list.get(i))).collect());
    }
    let indices = batch_array(indices, "indices")?;
    let mut out = Vec::with_capacity(indices.length() as usize);
    for k in 0..indices.length() {
        let i = indices.get(k).as_f64().filter(|i| i.fract() == 0.0 && *i >= 0.0 && *i < f64::from(list.length()));
        let i = i.ok_or_else(|| internal("round indices"))? as u32;
        out.push((i, list.get(i)));
    }
    Ok(out)
}

/// One round of `verifyDumpsAsync` (see above).
#[wasm_bindgen(js_name = verifyDumpsRound, skip_typescript)]
#[allow(clippy::too_many_arguments)]
pub fn verify_dumps_round(
    list: JsValue,
    handle: u32,
    options: JsValue,
    single: bool,
    indices: JsValue,
    ids: JsValue,
    verdicts: JsValue,
    last: bool,
) -> Result<JsValue, JsValue> {
    localized(&options, || {
        let inputs = round_inputs(&list, single, &indices)?;
        store(handle)?;
        let opts = verify_options(&options)?;
        let answers = answers_arg(&ids, &verdicts)?;
        let recorder = Recorder::new(EngineName::Webcrypto, &answers, last);
        let mut round = Round { reports: Vec::new(), assumed: Vec::new(), questions: Vec::new() };
        with_store(handle, |ts| {
            ts.settle_answers(&answers);
            for (i, value) in &inputs {
                let name = if single { "bytes".to_owned() } else { format!("list[{i}]") };
                let bytes = dump_bytes(value, &name)?;
                round.reports.push(dump::verify_dump_on(&bytes, ts, &opts, &recorder));
                round.assumed.push(recorder.take_assumed());
            }
            Ok(())
        })?;
        round.questions = recorder
            .into_questions()
            .into_iter()
            .map(|q| QuestionOut {
                id: Bytes(q.id.to_vec()),
                key: Bytes(q.key),
                msg: Bytes(q.msg),
                sig: Bytes(q.sig.to_vec()),
            })
            .collect();
        to_js(&round)
    })
}

/// The host's answers after a call's last round: settles the certificate links that waited for
/// them (their verdicts are then cached like the sync engines' ones).
#[wasm_bindgen(js_name = trustStoreSettle, skip_typescript)]
pub fn trust_store_settle(handle: u32, ids: JsValue, verdicts: JsValue) -> Result<(), JsValue> {
    boundary::english(|| {
        let answers = answers_arg(&ids, &verdicts)?;
        with_store(handle, |ts| {
            ts.settle_answers(&answers);
            Ok(())
        })
    })
}

/// [`REVISION`], for the facade to see whether a store changed while it awaited the host.
#[wasm_bindgen(js_name = trustStoreRevision, skip_typescript)]
pub fn trust_store_revision() -> u32 {
    REVISION.with(Cell::get)
}
