//! The per-certificate profile rules of a path, one function each: validity at a time, no unknown
//! critical extension, CA flag, path length, key usages, the signer's P-256 key.

use super::*;
use crate::core::date::rfc3339;

/// Validity period, both ends inclusive (RFC 5280 §4.1.2.5): protects
/// against expired or not-yet-valid certificates.
pub(super) fn check_validity_at(cert: &ParsedCert, t: i64, what: &str) -> Result<(), Fault> {
    if t < cert.not_before {
        return Err((
            PathFault::NotYetValid,
            format!(
                "certificate {} is not valid before {}, later than {what} {}",
                cert.label(),
                cert.info.not_before,
                rfc3339(t)
            ),
        ));
    }
    if t > cert.not_after {
        return Err((
            PathFault::Expired,
            format!("certificate {} expired {}, before {what} {}", cert.label(), cert.info.not_after, rfc3339(t)),
        ));
    }
    Ok(())
}

/// RFC 5280 §4.2: a certificate with a critical extension the verifier
/// does not process must be rejected (it may restrict the certificate in
/// a way we would otherwise ignore).
pub(super) fn check_no_unknown_critical(cert: &ParsedCert) -> Result<(), String> {
    match cert.unknown_critical.first() {
        None => Ok(()),
        Some(oid) => {
            Err(format!("certificate {} has a critical extension this verifier does not support: {oid}", cert.label()))
        }
    }
}

/// Only CA certificates may issue: protects against an end-entity
/// (e.g. another reader's) certificate acting as a CA.
pub(super) fn check_is_ca(cert: &ParsedCert) -> Result<(), String> {
    match cert.basic {
        Some(Basic { ca: true, .. }) => Ok(()),
        Some(_) => {
            Err(format!("certificate {} issues another certificate but has basicConstraints cA=FALSE", cert.label()))
        }
        None => Err(format!("certificate {} issues another certificate but has no basicConstraints", cert.label())),
    }
}

/// pathLenConstraint: the number of intermediate CA certificates below
/// this one (the signer not counted) must not exceed it.
pub(super) fn check_path_len(cert: &ParsedCert, position: usize) -> Result<(), String> {
    let below = position.saturating_sub(1);
    match cert.basic.and_then(|b| b.path_len) {
        Some(limit) if below > usize::from(limit) => Err(format!(
            "certificate {} allows {limit} intermediate CA certificate(s) below it (pathLenConstraint), the path has {below}",
            cert.label()
        )),
        _ => Ok(()),
    }
}

/// RFC 5280 §4.2.1.3: an issuer with keyUsage must have keyCertSign.
pub(super) fn check_ca_usage(cert: &ParsedCert) -> Result<(), String> {
    match cert.usage {
        Some(u) if !u.key_cert_sign => {
            Err(format!("certificate {} issues another certificate but its keyUsage lacks keyCertSign", cert.label()))
        }
        _ => Ok(()),
    }
}

/// The signer certificate's key must be allowed to sign data.
pub(super) fn check_signer_usage(cert: &ParsedCert) -> Result<(), String> {
    match cert.usage {
        Some(u) if !u.digital_signature => {
            Err(format!("signer certificate {} has keyUsage without digitalSignature", cert.label()))
        }
        _ => Ok(()),
    }
}

/// ES256 needs a P-256 signer key.
pub(super) fn check_signer_key(cert: &ParsedCert) -> Result<(), String> {
    if cert.key.is_some() {
        Ok(())
    } else {
        Err(format!("signer certificate {} has a {} key; ES256 needs P-256", cert.label(), cert.key_desc))
    }
}
