//! Signed chip dump verification (docs/spec/dump-format.md): a COSE_Sign1 / ES256
//! envelope around a CBOR payload that carries the chip's text block.
//!
//! [`verify_dump`] never panics: the report always has the twelve checks of
//! [`CheckId::ALL`], in order, each `passed`, `failed` or `skipped`. Which
//! failure skips which check is declared once, in [`PREREQUISITES`]; a check
//! runs only when its prerequisites passed, and `CheckList::finish` marks the
//! others skipped with the failure upstream named. NONCE is also skipped when
//! the app expects no nonce.

pub mod card;
mod content;
mod envelope;
mod payload;
mod report;
mod signature;
mod signer;

// Native only: proptest is a native dev-dependency (wasm test builds, e.g. `wasm-pack test`,
// compile every test target).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

pub use report::{Bytes, CardReport, Check, CheckId, CheckStatus, DumpReport, SignerInfo, SignerMethod, PREREQUISITES};
pub use signature::{sig_structure, verify_es256, SignatureError};
pub use signer::SignerPolicy;

pub use crate::core::trust::Warning;

use crate::core::chip;
use crate::core::trust::TrustStore;
use crate::core::trust::WarningCode;
use payload::Payload;
use report::CheckList;

/// Largest dump accepted, in bytes (docs/spec/dump-format.md §5, ENVELOPE).
pub const MAX_DUMP_BYTES: usize = 64 * 1024;
/// Default maximum age of a dump (seconds between readAt and verification).
pub const DEFAULT_MAX_AGE_SECONDS: u64 = 600;
/// Default tolerance for a reader clock ahead of the verifier's.
pub const DEFAULT_CLOCK_SKEW_SECONDS: u64 = 300;

/// How to verify.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyOptions {
    /// The verification time, Unix seconds. The core never reads a clock.
    pub at_unix: i64,
    /// The challenge the app gave the reader; `None` skips NONCE.
    pub expected_nonce: Option<Vec<u8>>,
    /// Maximum age of readAt; `None` allows archived dumps (and then the
    /// signer certificate is checked at readAt only).
    pub max_age_seconds: Option<u64>,
    /// Allowed amount by which readAt may be later than `at_unix`.
    pub clock_skew_seconds: u64,
    /// External AAD agreed between the app and its readers (empty by default).
    pub external_aad: Vec<u8>,
    /// Stricter signer rules (off by default).
    pub signer_policy: SignerPolicy,
}

impl VerifyOptions {
    /// Defaults: max age 600 s, skew 300 s, no nonce, empty AAD.
    pub fn at(at_unix: i64) -> Self {
        VerifyOptions {
            at_unix,
            expected_nonce: None,
            max_age_seconds: Some(DEFAULT_MAX_AGE_SECONDS),
            clock_skew_seconds: DEFAULT_CLOCK_SKEW_SECONDS,
            external_aad: Vec::new(),
            signer_policy: SignerPolicy::default(),
        }
    }
}

/// Verifies a signed chip dump. See the module docs for the check order
/// and skip policy.
pub fn verify_dump(bytes: &[u8], trust: &TrustStore, opts: &VerifyOptions) -> DumpReport {
    let mut checks = CheckList::new();
    let mut warnings: Vec<Warning> = Vec::new();

    // ENVELOPE
    let env = match reject_oversized_dump(bytes).and_then(|()| envelope::parse_envelope(bytes)) {
        Ok(env) => env,
        Err(m) => {
            checks.fail(CheckId::Envelope, m);
            checks.finish();
            return empty_report(checks, warnings);
        }
    };
    checks.pass(
        CheckId::Envelope,
        format!("well-formed COSE_Sign1 ({}), {} bytes", if env.tagged { "tag 18" } else { "untagged" }, bytes.len()),
    );

    // PAYLOAD
    let payload = match payload::parse_payload(env.payload) {
        Ok((p, w)) => {
            warnings.extend(w);
            checks.pass(CheckId::Payload, describe_payload(&p));
            Some(p)
        }
        Err(m) => {
            checks.fail(CheckId::Payload, m);
            None
        }
    };

    // ALGORITHM
    checks.record(CheckId::Algorithm, envelope::check_algorithm(&env));

    // SIGNER, REVOCATION, SIGNATURE
    // Certificates are checked at readAt; without a usable payload the
    // verification time stands in for it.
    let read_at_for_certs = payload.as_ref().map(|p| p.read_at).unwrap_or(opts.at_unix);
    let verify_at = opts.max_age_seconds.map(|_| opts.at_unix);
    let res = signer::resolve(&env, trust, read_at_for_certs, verify_at, opts.signer_policy);
    warnings.extend(res.warnings);
    let signer_info = res.info;
    match res.trusted {
        Ok(t) => {
            checks.pass(CheckId::Signer, res.passed_message);
            // SIGNATURE runs first so that REVOCATION knows which key signed.
            let signed =
                checks.may_run(CheckId::Signature).then(|| signer::check_signature(&env, &t, &opts.external_aad));
            let named_kid = envelope::kid(&env).ok().flatten().map(|(k, _)| k);
            let signing_key = signed.as_ref().and_then(|s| s.as_ref().ok());
            checks.record(CheckId::Revocation, signer::check_revocation(trust, named_kid, &t, signing_key));
            if let Some(s) = signed {
                checks.record(CheckId::Signature, s.map(|s| s.message));
            }
        }
        Err(m) => checks.fail(CheckId::Signer, m),
    }
    let verified =
        checks.passed(CheckId::Signer) && checks.passed(CheckId::Revocation) && checks.passed(CheckId::Signature);

    // FRESHNESS, NONCE, CARD_* (all need the payload)
    let card = payload.as_ref().and_then(|p| {
        checks.record(CheckId::Freshness, content::check_freshness(p.read_at, opts));
        match &opts.expected_nonce {
            None => checks.skip(CheckId::Nonce, "skipped: the app did not ask for a nonce"),
            Some(expected) => checks.record(CheckId::Nonce, content::check_nonce(expected, p.nonce)),
        }
        run_card_checks(p, &mut checks, &mut warnings, verified)
    });
    checks.finish();

    let ok = !checks.any_failed();
    DumpReport {
        ok,
        verified,
        checks: checks.into_vec(),
        card,
        signer: signer_info,
        read_at: payload.as_ref().map(|p| p.read_at),
        nonce: payload.as_ref().and_then(|p| p.nonce).map(Bytes::from),
        reader_id: payload.as_ref().and_then(|p| p.reader_id).map(str::to_owned),
        chip_serial: payload.as_ref().and_then(|p| p.chip_serial).map(Bytes::from),
        photo: payload.as_ref().and_then(|p| p.photo).map(Bytes::from),
        fingerprint: payload.as_ref().and_then(|p| p.fingerprint).map(Bytes::from),
        warnings,
    }
}

/// Size limit before any parsing: protects against resource exhaustion.
fn reject_oversized_dump(bytes: &[u8]) -> Result<(), String> {
    if bytes.len() > MAX_DUMP_BYTES {
        Err(format!("the dump is {} bytes, more than the {MAX_DUMP_BYTES} allowed", bytes.len()))
    } else {
        Ok(())
    }
}

fn empty_report(checks: CheckList, warnings: Vec<Warning>) -> DumpReport {
    DumpReport {
        ok: !checks.any_failed(),
        verified: false,
        checks: checks.into_vec(),
        card: None,
        signer: None,
        read_at: None,
        nonce: None,
        reader_id: None,
        chip_serial: None,
        photo: None,
        fingerprint: None,
        warnings,
    }
}

fn describe_payload(p: &Payload<'_>) -> String {
    let mut parts = vec!["text block"];
    if p.photo.is_some() {
        parts.push("photo");
    }
    if p.fingerprint.is_some() {
        parts.push("fingerprint");
    }
    parts.push("readAt");
    if p.nonce.is_some() {
        parts.push("nonce");
    }
    if p.reader_id.is_some() {
        parts.push("readerId");
    }
    if p.chip_serial.is_some() {
        parts.push("chipSerial");
    }
    format!("payload version 1 with {}", parts.join(", "))
}

/// CARD_LAYOUT, CARD_NUMBER, CARD_CONSISTENCY, CARD_VALIDITY.
fn run_card_checks(
    p: &Payload<'_>,
    checks: &mut CheckList,
    warnings: &mut Vec<Warning>,
    verified: bool,
) -> Option<CardReport> {
    let card = match chip::parse_text_block(p.text) {
        Ok(card) => card,
        Err(e) => {
            checks.fail(CheckId::CardLayout, format!("{} ({})", e.message, e.code));
            return None;
        }
    };
    let layout = card.layout.as_str();
    checks.pass(CheckId::CardLayout, format!("the text block decodes as a {layout} card"));
    if p.fingerprint.is_some() && !card.layout.has_fingerprint() {
        warnings.push(Warning::new(
            WarningCode::UnexpectedFingerprint,
            format!("the payload carries a fingerprint block, but {layout} cards have no fingerprints; it is passed through unverified by the chip layout"),
        ));
    }
    let cc = card::card_checks(&card, p.read_at);
    checks.record(CheckId::CardNumber, cc.number.into_outcome());
    // `None` exactly when CARD_NUMBER failed: finish() then skips it, naming that failure.
    if let Some(r) = cc.consistency {
        checks.record(CheckId::CardConsistency, r.into_outcome());
    }
    checks.record(CheckId::CardValidity, cc.validity.into_outcome());
    Some(CardReport { fields: card, number_report: cc.number_report, verified })
}
