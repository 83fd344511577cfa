//! X.509 certificates: parsing (PEM/DER), and validation of a dump's
//! `x5chain` against the trust anchors (docs/spec/dump-format.md §4.2).
//!
//! Path rules, each in its own function below:
//! * at most [`MAX_X5CHAIN`] certificates in x5chain (the anchor not counted);
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

/// Most certificates an x5chain may carry (docs/spec/dump-format.md §4.2).
pub const MAX_X5CHAIN: usize = 4;

#[cfg(test)]
mod tests;
