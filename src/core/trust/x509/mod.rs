//! X.509 certificates: parsing (PEM/DER), and validation of a dump's
//! `x5chain` against the trust anchors (docs/spec/dump-format.md §4.2).
//!
//! Path rules, each in its own function below:
//! * at most [`PathPolicy::max_chain`] certificates in x5chain (the anchor not
//!   counted; the dump contract allows 4: `dump::signer::MAX_X5CHAIN`);
//! * the path ends at an anchor carried in x5chain (identical DER), or at a
//!   certificate issued by an anchor (issuer name = anchor subject, and the
//!   anchor's signature verifies);
//! * every signature in the path is ecdsa-with-SHA256 by a P-256 key;
//! * every certificate of the path, the anchor included, is within its
//!   validity period at `readAt`; the signer also at the verification time
//!   unless the app disabled the maximum age (archived dumps);
//! * issuing certificates (anchors included) have basicConstraints cA=TRUE,
//!   their pathLenConstraint is respected, and when they carry keyUsage it
//!   includes keyCertSign;
//! * the signer has keyUsage digitalSignature when keyUsage is present;
//! * no certificate of the path carries a critical extension this verifier
//!   does not understand (RFC 5280 §4.2; an addition to docs/spec/dump-format.md).
//!
//! Why no path-validation crate (measured 2026-12-02, not assumed):
//! * rustls-webpki 0.103.17 (no ring/aws-lc; ES256 supplied through its
//!   `SignatureVerificationAlgorithm` with p256 0.14) decides 12 of 32 test chains
//!   differently: it ignores keyUsage by design (accepts the fixture signer with keyAgreement
//!   only, and issuers without keyCertSign); it never checks the anchor itself (expired,
//!   no basicConstraints, cA=FALSE anchors pass); it has one validation time for the whole path
//!   (the contract needs readAt for all and the verification time for the signer); it cannot
//!   validate a signer that is itself the pinned anchor; it rejects critical SKI/AKI/issuerAltName
//!   and CA signers that the contract allows; it requires an EKU policy where reader
//!   certificates carry no EKU; revocation is by signed CRL only. It would also add 17.7 KB gzip
//!   (44 KB raw, after wasm-opt -O3) to the wasm, and most of the rules above would still be ours.
//! * certval (pre-release, a full PKIX validator pulling p384/p521/sha1/cms), pkix-path (on
//!   x509-cert 0.2 / p256 0.13: a second RustCrypto stack), x509-validator (a second parser,
//!   MSRV 1.88), structured-pkix (its own ASN.1, MSRV 1.92), x509-path-finder (webpki's policy),
//!   x509-verify (one signature, no path rules): none fits four-certificate ES256 chains under
//!   this contract's rules without a second stack or a weaker policy.
//!
//! One file per job: [`pem`] (certificate input), [`cert`] (one certificate parsed), [`name`]
//! (display of names and OIDs), [`path`] (path building and the x5chain validation), [`profile`]
//! (the per-certificate rules above, one function each).

mod cert;
mod name;
mod path;
mod pem;
mod profile;

pub use cert::CertInfo;
pub(crate) use cert::*;
pub(crate) use name::*;
pub(crate) use path::*;
pub(crate) use pem::*;
use profile::*;

/// What a path must satisfy beyond the certificate profile: the caller's rules (for dumps, the
/// contract's chain length and its two validity times, docs/spec/dump-format.md §4.2), passed in
/// rather than imported, so the path code holds no dump rule of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PathPolicy {
    /// Most certificates the x5chain may carry (the anchor not counted).
    pub max_chain: usize,
    /// Every certificate of the path, the anchor included, must be valid then (a dump's readAt).
    pub valid_at: i64,
    /// The signer must also be valid then (the verification time), unless `None` (archived dumps).
    pub signer_valid_at: Option<i64>,
}

#[cfg(test)]
mod tests;
