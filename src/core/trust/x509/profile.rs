//! The per-certificate profile rules of a path, one function each: validity at a time, no unknown
//! critical extension, CA flag, path length, key usages, the signer's P-256 key.

use super::*;
use crate::core::date::rfc3339;
use crate::core::i18n::{Text, TrustKey};

/// Validity period, both ends inclusive (RFC 5280 §4.1.2.5): protects
/// against expired or not-yet-valid certificates.
pub(super) fn check_validity_at(cert: &ParsedCert, t: i64, what: &'static str) -> Result<(), Fault> {
    if t < cert.not_before {
        return Err((
            PathFault::NotYetValid,
            Text::new(TrustKey::CertNotYetValid)
                .with("cert", cert.label())
                .with("notBefore", cert.info.not_before.clone())
                .term("when", what)
                .with("time", rfc3339(t)),
        ));
    }
    if t > cert.not_after {
        return Err((
            PathFault::Expired,
            Text::new(TrustKey::CertExpired)
                .with("cert", cert.label())
                .with("notAfter", cert.info.not_after.clone())
                .term("when", what)
                .with("time", rfc3339(t)),
        ));
    }
    Ok(())
}

/// RFC 5280 §4.2: a certificate with a critical extension the verifier
/// does not process must be rejected (it may restrict the certificate in
/// a way we would otherwise ignore).
pub(super) fn check_no_unknown_critical(cert: &ParsedCert) -> Result<(), Text> {
    match cert.unknown_critical.first() {
        None => Ok(()),
        Some(oid) => Err(about(TrustKey::UnknownCritical, cert).with("oid", oid.clone())),
    }
}

/// A finding about `cert`.
fn about(key: TrustKey, cert: &ParsedCert) -> Text {
    Text::new(key).with("cert", cert.label())
}

/// Only CA certificates may issue: protects against an end-entity
/// (e.g. another reader's) certificate acting as a CA.
pub(super) fn check_is_ca(cert: &ParsedCert) -> Result<(), Text> {
    match cert.basic {
        Some(Basic { ca: true, .. }) => Ok(()),
        Some(_) => Err(about(TrustKey::CaFalse, cert)),
        None => Err(about(TrustKey::NoBasicConstraints, cert)),
    }
}

/// pathLenConstraint: the number of intermediate CA certificates below
/// this one (the signer not counted) must not exceed it.
pub(super) fn check_path_len(cert: &ParsedCert, position: usize) -> Result<(), Text> {
    let below = position.saturating_sub(1);
    match cert.basic.and_then(|b| b.path_len) {
        Some(limit) if below > usize::from(limit) => {
            Err(about(TrustKey::PathLength, cert).with("limit", limit).with("below", below))
        }
        _ => Ok(()),
    }
}

/// RFC 5280 §4.2.1.3: an issuer with keyUsage must have keyCertSign.
pub(super) fn check_ca_usage(cert: &ParsedCert) -> Result<(), Text> {
    match cert.usage {
        Some(u) if !u.key_cert_sign => Err(about(TrustKey::NoKeyCertSign, cert)),
        _ => Ok(()),
    }
}

/// The signer certificate's key must be allowed to sign data.
pub(super) fn check_signer_usage(cert: &ParsedCert) -> Result<(), Text> {
    match cert.usage {
        Some(u) if !u.digital_signature => Err(about(TrustKey::NoDigitalSignature, cert)),
        _ => Ok(()),
    }
}

/// ES256 needs a P-256 signer key.
pub(super) fn check_signer_key(cert: &ParsedCert) -> Result<(), Text> {
    if cert.key.is_some() {
        Ok(())
    } else {
        Err(about(TrustKey::SignerKeyType, cert).with("key", cert.key_desc.clone()))
    }
}
