//! Signed chip dump verification (docs/spec/dump-format.md): a COSE_Sign1 / ES256
//! envelope around a CBOR payload that carries the chip's text block.
//!
//! [`verify_dump`] never panics: the report always has the twelve checks of
//! [`CheckId::ALL`], in order, each `passed`, `failed` (with a stable
//! [`Reason`]) or `skipped`. The checks, which failure skips which, and the
//! function that decides each are declared once, in [`PIPELINE`]
//! (`pipeline.rs`); a check runs only when its prerequisites passed, and the
//! others are skipped with the failure upstream named. NONCE is also skipped
//! when the app expects no nonce.

pub mod card;
mod content;
mod envelope;
mod payload;
mod pipeline;
mod report;
mod signature;
mod signer;
pub mod trust_list;

// Native only: proptest is a native dev-dependency (wasm test builds, e.g. `wasm-pack test`,
// compile every test target).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

pub use crate::core::engine::{BuiltIn, CurveEngine, EngineChoice, EngineName};
pub use payload::{Payload, BLOCK_1024, NONCE_MAX, NONCE_MIN};
pub use pipeline::{Failure, Outcome, Step, Verdict, PIPELINE};
pub use report::{
    Bytes, CardReport, Check, CheckId, CheckStatus, DumpReport, EpochSeconds, Reason, SignerInfo, SignerMethod,
};
pub use signature::{sig_structure, verify_es256, verify_es256_on, SignatureError, SignatureInfo};
pub use signer::SignerPolicy;

pub use crate::core::trust::{Note, Warning};

use crate::core::i18n::Locale;
use crate::core::trust::TrustStore;

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
    /// The language of the messages (checks, warnings, the chip number's report); codes and
    /// reasons do not change with it.
    pub locale: Locale,
    /// Whether the curve step may run on the caller's host engine ([`verify_dump_on`]).
    pub engine: EngineChoice,
}

impl VerifyOptions {
    /// Defaults: max age 600 s, skew 300 s, no nonce, empty AAD, English messages.
    pub fn at(at_unix: i64) -> Self {
        VerifyOptions {
            at_unix,
            expected_nonce: None,
            max_age_seconds: Some(DEFAULT_MAX_AGE_SECONDS),
            clock_skew_seconds: DEFAULT_CLOCK_SKEW_SECONDS,
            external_aad: Vec::new(),
            signer_policy: SignerPolicy::default(),
            locale: Locale::En,
            engine: EngineChoice::Auto,
        }
    }
}

/// Verifies a signed chip dump: runs [`PIPELINE`] and reports what it found.
pub fn verify_dump(bytes: &[u8], trust: &TrustStore, opts: &VerifyOptions) -> DumpReport {
    verify_dump_on(bytes, trust, opts, &BuiltIn)
}

/// [`verify_dump`] with the curve step of SIGNATURE on `host` (unless `opts.engine` is
/// [`EngineChoice::Wasm`]): every other step, and the rules that decide the verdict, are the same.
pub fn verify_dump_on(bytes: &[u8], trust: &TrustStore, opts: &VerifyOptions, host: &dyn CurveEngine) -> DumpReport {
    let engine = match opts.engine {
        EngineChoice::Auto => host,
        EngineChoice::Wasm => &BuiltIn,
    };
    let mut run = pipeline::Run::new(bytes, trust, opts, engine);
    let checks = pipeline::run(&mut run);
    let verified =
        checks.passed(CheckId::Signer) && checks.passed(CheckId::Revocation) && checks.passed(CheckId::Signature);
    let payload = run.payload.as_ref();
    let card = match (run.card, run.number_report) {
        (Some(fields), Some(number_report)) => Some(CardReport { fields, number_report, verified }),
        _ => None,
    };
    DumpReport {
        ok: !checks.any_failed(),
        verified,
        checks: checks.into_vec(),
        card,
        signer: run.signer_info,
        signature: run.signature,
        read_at: payload.map(|p| EpochSeconds(p.read_at)),
        nonce: payload.and_then(|p| p.nonce).map(Bytes::from),
        reader_id: payload.and_then(|p| p.reader_id).map(str::to_owned),
        chip_serial: payload.and_then(|p| p.chip_serial).map(Bytes::from),
        photo: payload.and_then(|p| p.photo).map(Bytes::from),
        fingerprint: payload.and_then(|p| p.fingerprint).map(Bytes::from),
        warnings: run.warnings.iter().map(|n| n.render(opts.locale)).collect(),
    }
}
