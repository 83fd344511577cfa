//! Who runs the curve step of ES256: "does this P-256 key verify this r ‖ s over these bytes".
//!
//! Everything else (the envelope, the signer, the encoding and range rules of the signature, every
//! policy check, the report) stays in the core whatever the engine. A host engine (the JS host's
//! native crypto, e.g. node:crypto in the bindings) only answers that one question, after the
//! core checked that the signature is 64 bytes with r and s in [1, n−1] and holding a key that is a
//! valid, non-identity P-256 point (trust material is checked when it is added). So the accept
//! semantics are the core's on every engine: high-S is accepted, DER and out-of-range rejected.
//! A host that cannot answer (no crypto, an error) is not a verdict: the crate's own p256 answers.

use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{Signature, VerifyingKey};
use serde::Serialize;

/// The engine that gave a signature verdict (report field `signature.engine`).
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EngineName {
    /// The crate's own p256 (RustCrypto), in the package's `.wasm`: the reference and the fallback.
    Wasm,
    /// Node's node:crypto (OpenSSL), called synchronously.
    Node,
    /// A browser's WebCrypto (asynchronous).
    Webcrypto,
}

/// Which engine a verification may use (the `engine` verify option).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EngineChoice {
    /// The host's native crypto where there is one, else the crate's p256.
    #[default]
    Auto,
    /// Always the crate's p256 (reference runs, or a host whose crypto the app does not trust).
    Wasm,
}

/// The curve step of ES256. `sig` is r ‖ s, already checked to be in range.
pub trait CurveEngine {
    fn name(&self) -> EngineName;
    /// `Some(verdict)`, or `None` when this engine cannot answer (then the crate's p256 does).
    fn verify(&self, key: &VerifyingKey, msg: &[u8], sig: &[u8; 64]) -> Option<bool>;
}

/// The crate's own p256.
pub struct BuiltIn;

impl CurveEngine for BuiltIn {
    fn name(&self) -> EngineName {
        EngineName::Wasm
    }

    fn verify(&self, key: &VerifyingKey, msg: &[u8], sig: &[u8; 64]) -> Option<bool> {
        // from_slice fails only for r or s outside [1, n−1], which the caller excluded: a failure
        // here is a "no" all the same.
        Some(Signature::from_slice(sig).is_ok_and(|s| key.verify(msg, &s).is_ok()))
    }
}

/// `engine`'s verdict, or the crate's p256's when it cannot answer; with the engine that gave it.
pub(crate) fn curve_verdict(
    engine: &dyn CurveEngine,
    key: &VerifyingKey,
    msg: &[u8],
    sig: &[u8; 64],
) -> (bool, EngineName) {
    match engine.verify(key, msg, sig) {
        Some(verdict) => (verdict, engine.name()),
        None => (BuiltIn.verify(key, msg, sig).unwrap_or(false), EngineName::Wasm),
    }
}
