//! Trust material: JWK sets, X.509 trust anchors and revocation data
//! (dump-format.md §4).
//!
//! The store is **append-only**: adding keys or anchors never removes
//! another one (rotation), and the only way to stop trusting something is a
//! revocation entry. Everything the app hands in is parsed once, at add
//! time, into ready-to-use objects (P-256 `VerifyingKey`s), so verification
//! does no parsing of trust material.
//!
//! The verifier never fetches anything: no network, no clock, no files.

pub mod jwk;
mod serial;
pub mod x509;

#[cfg(test)]
pub(crate) mod testpki;

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::fmt;

use p256::ecdsa::VerifyingKey;
use serde::Serialize;

pub use serial::{hex_lower, normalize_serial_hex};
pub use x509::CertInfo;
pub(crate) use x509::ParsedCert;

/// Largest JWK set document accepted, in bytes.
pub const MAX_JWKS_BYTES: usize = 1024 * 1024;
/// Most keys one JWK set may list.
pub const MAX_KEYS_PER_SET: usize = 1000;
/// Most JWKs the store holds in total.
pub const MAX_KEYS: usize = 10_000;
/// Most keys under one kid (rotation). Bounds the signature attempts a
/// single dump can cause.
pub const MAX_KEYS_PER_KID: usize = 16;
/// Largest PEM / DER input to `add_certificates`, in bytes.
pub const MAX_PEM_BYTES: usize = 1024 * 1024;
/// Largest single certificate (DER), in bytes.
pub const MAX_CERT_BYTES: usize = 16 * 1024;
/// Most trust anchors the store holds.
pub const MAX_ANCHORS: usize = 1000;
/// Most entries in the certificate-signature cache.
pub const LINK_CACHE_CAPACITY: usize = 1024;

/// A non-fatal remark (a skipped JWK, an ignored payload key, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// Stable, SCREAMING_SNAKE_CASE code.
    pub code: &'static str,
    /// Human-readable explanation.
    pub message: String,
}

impl Warning {
    pub(crate) fn new(code: &'static str, message: impl Into<String>) -> Self {
        Warning { code, message: message.into() }
    }
}

/// Trust material that could not be added. Nothing was added when this is
/// returned (adds are all-or-nothing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrustError {
    /// `INVALID_JWKS`, `INVALID_CERTIFICATE`, `INVALID_SERIAL` or `TOO_LARGE`.
    pub code: &'static str,
    pub message: String,
}

impl TrustError {
    pub(crate) fn new(code: &'static str, message: impl Into<String>) -> Self {
        TrustError { code, message: message.into() }
    }
}

impl fmt::Display for TrustError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for TrustError {}

/// Result of [`TrustStore::add_jwks_json`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AddJwksOutcome {
    /// Keys newly added (identical re-adds are not counted).
    pub added: usize,
    /// One warning per skipped key (code says why), plus `KID_ROTATION`
    /// notes when a kid gains a second key.
    pub warnings: Vec<Warning>,
}

/// A revoked certificate serial, as listed by [`TrustStore::revoked_serials`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RevokedSerialInfo {
    /// Subject of the issuing certificate (RFC 4514 string).
    pub issuer: String,
    /// Serial as lowercase hex, leading zeros stripped (`"00"` for zero).
    pub serial_hex: String,
}

/// A trusted P-256 JWK.
#[derive(Debug, Clone)]
pub(crate) struct TrustedKey {
    pub kid: String,
    pub key: VerifyingKey,
    /// Uncompressed SEC1 point, for duplicate detection.
    pub sec1: Vec<u8>,
}

#[derive(Debug, Clone)]
struct RevokedSerial {
    issuer_der: Vec<u8>,
    issuer: String,
    serial: Vec<u8>,
}

/// Bounded cache of certificate-signature outcomes, keyed by
/// SHA-256(issuer SPKI ‖ certificate DER). First-in, first-out eviction.
#[derive(Debug, Default)]
pub(crate) struct LinkCache {
    map: HashMap<[u8; 32], bool>,
    order: VecDeque<[u8; 32]>,
}

impl LinkCache {
    pub(crate) fn get(&self, key: &[u8; 32]) -> Option<bool> {
        self.map.get(key).copied()
    }

    pub(crate) fn insert(&mut self, key: [u8; 32], good: bool) {
        if self.map.contains_key(&key) {
            return;
        }
        while self.order.len() >= LINK_CACHE_CAPACITY {
            match self.order.pop_front() {
                Some(old) => {
                    self.map.remove(&old);
                }
                None => break,
            }
        }
        self.order.push_back(key);
        self.map.insert(key, good);
    }

    pub(crate) fn len(&self) -> usize {
        self.map.len()
    }
}

/// Keys, anchors and revocation data the app trusts.
#[derive(Debug, Default)]
pub struct TrustStore {
    keys: Vec<TrustedKey>,
    anchors: Vec<ParsedCert>,
    revoked_kids: Vec<String>,
    revoked_serials: Vec<RevokedSerial>,
    link_cache: RefCell<LinkCache>,
}

impl TrustStore {
    /// An empty store: trusts nothing.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the P-256 signing keys of an RFC 7517 JWK set
    /// (`{"keys":[…]}`). Keys that cannot be used are skipped with a
    /// warning; a document that is not a JWK set is an `INVALID_JWKS`
    /// error and adds nothing.
    pub fn add_jwks_json(&mut self, json: &str) -> Result<AddJwksOutcome, TrustError> {
        let parsed = jwk::parse_jwk_set(json)?;
        let mut warnings = parsed.warnings;
        let mut fresh: Vec<TrustedKey> = Vec::new();
        for key in parsed.keys {
            let same_kid = self.keys.iter().chain(fresh.iter()).filter(|k| k.kid == key.kid);
            let mut count = 0usize;
            let mut identical = false;
            for k in same_kid {
                count += 1;
                identical |= k.sec1 == key.sec1;
            }
            if identical {
                continue; // identical key re-added: keep one copy
            }
            if count >= MAX_KEYS_PER_KID {
                warnings.push(Warning::new(
                    "TOO_MANY_KEYS_FOR_KID",
                    format!("kid {:?} already has {MAX_KEYS_PER_KID} keys; further keys under it are skipped", key.kid),
                ));
                continue;
            }
            if count > 0 {
                warnings.push(Warning::new(
                    "KID_ROTATION",
                    format!(
                        "kid {:?} now has {} keys; a dump with this kid verifies against any of them",
                        key.kid,
                        count + 1
                    ),
                ));
            }
            fresh.push(key);
        }
        if self.keys.len() + fresh.len() > MAX_KEYS {
            return Err(TrustError::new(
                "TOO_LARGE",
                format!("the trust store would hold more than {MAX_KEYS} keys"),
            ));
        }
        let added = fresh.len();
        self.keys.extend(fresh);
        Ok(AddJwksOutcome { added, warnings })
    }

    /// Adds trust anchors: PEM text with one or more `CERTIFICATE` blocks
    /// (all are added), or one DER certificate. Returns how many anchors
    /// were newly added (an identical certificate is stored once).
    pub fn add_certificates(&mut self, pem_or_der: &[u8]) -> Result<usize, TrustError> {
        let certs = x509::parse_certificates_input(pem_or_der)?;
        let mut fresh: Vec<ParsedCert> = Vec::new();
        for c in certs {
            if self.anchors.iter().chain(fresh.iter()).any(|a| a.der == c.der) {
                continue;
            }
            fresh.push(c);
        }
        if self.anchors.len() + fresh.len() > MAX_ANCHORS {
            return Err(TrustError::new(
                "TOO_LARGE",
                format!("the trust store would hold more than {MAX_ANCHORS} anchors"),
            ));
        }
        let added = fresh.len();
        self.anchors.extend(fresh);
        Ok(added)
    }

    /// Declares a JWK `kid` revoked: dumps identified by this kid fail
    /// `REVOCATION`, whichever key under that kid signed them.
    pub fn revoke_kid(&mut self, kid: &str) {
        if !self.revoked_kids.iter().any(|k| k == kid) {
            self.revoked_kids.push(kid.to_owned());
        }
    }

    /// Declares the certificate with this serial, issued by the given
    /// issuer certificate (PEM or DER; its *subject* name is used), revoked.
    ///
    /// `serial_hex`: hex digits, case-insensitive, optional `0x` prefix,
    /// optional `:` or space separators between bytes; leading zeros do not
    /// matter (serials compare as unsigned integers).
    pub fn revoke_serial(&mut self, issuer_pem_or_der: &[u8], serial_hex: &str) -> Result<(), TrustError> {
        let serial = serial::normalize_serial_hex(serial_hex)?;
        let mut issuers = x509::parse_certificates_input(issuer_pem_or_der)?;
        if issuers.len() != 1 {
            return Err(TrustError::new(
                "INVALID_CERTIFICATE",
                format!("expected exactly one issuer certificate, got {}", issuers.len()),
            ));
        }
        let issuer = issuers.remove(0);
        let exists = self
            .revoked_serials
            .iter()
            .any(|r| r.issuer_der == issuer.subject_der && r.serial == serial);
        if !exists {
            self.revoked_serials.push(RevokedSerial {
                issuer_der: issuer.subject_der.clone(),
                issuer: issuer.info.subject.clone(),
                serial,
            });
        }
        Ok(())
    }

    /// Number of trusted JWKs.
    pub fn key_count(&self) -> usize {
        self.keys.len()
    }

    /// Number of trust anchors.
    pub fn anchor_count(&self) -> usize {
        self.anchors.len()
    }

    /// The kids of the trusted JWKs, in insertion order, without repeats.
    pub fn kids(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for k in &self.keys {
            if !out.contains(&k.kid) {
                out.push(k.kid.clone());
            }
        }
        out
    }

    /// Descriptions of the trust anchors, in insertion order.
    pub fn anchors(&self) -> Vec<CertInfo> {
        self.anchors.iter().map(|a| a.info.clone()).collect()
    }

    /// Revoked kids, in insertion order.
    pub fn revoked_kids(&self) -> Vec<String> {
        self.revoked_kids.clone()
    }

    /// Revoked certificate serials (issuer subject + serial), in insertion order.
    pub fn revoked_serials(&self) -> Vec<RevokedSerialInfo> {
        self.revoked_serials
            .iter()
            .map(|r| RevokedSerialInfo { issuer: r.issuer.clone(), serial_hex: serial::serial_to_hex(&r.serial) })
            .collect()
    }

    // ----- crate-internal lookups used by dump verification -----

    /// Trusted keys whose kid's UTF-8 bytes equal `kid` (several under key rotation).
    pub(crate) fn keys_for_kid(&self, kid: &[u8]) -> Vec<&TrustedKey> {
        self.keys.iter().filter(|k| k.kid.as_bytes() == kid).collect()
    }

    /// Whether the app revoked this kid.
    pub(crate) fn is_kid_revoked(&self, kid: &[u8]) -> bool {
        self.revoked_kids.iter().any(|k| k.as_bytes() == kid)
    }

    /// The anchors.
    pub(crate) fn anchor_certs(&self) -> &[ParsedCert] {
        &self.anchors
    }

    /// Whether a certificate is revoked: its issuer name (DER) equals a
    /// revoked entry's issuer subject and its serial matches.
    pub(crate) fn is_cert_revoked(&self, cert: &ParsedCert) -> bool {
        self.revoked_serials
            .iter()
            .any(|r| r.issuer_der == cert.issuer_der && r.serial == cert.serial)
    }

    /// The certificate-signature cache.
    pub(crate) fn link_cache(&self) -> &RefCell<LinkCache> {
        &self.link_cache
    }

    /// Number of cached certificate-signature outcomes (for tests and diagnostics).
    pub fn cached_link_count(&self) -> usize {
        self.link_cache.try_borrow().map(|c| c.len()).unwrap_or(0)
    }
}
