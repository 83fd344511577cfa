//! One DER certificate parsed into what the path rules need ([`ParsedCert`]): names, validity, serial,
//! the P-256 key, basicConstraints, keyUsage, critical extensions, and the exact signed `tbsCertificate`
//! bytes (taken from the DER, never re-encoded).

use der::{Decode, Encode};
use p256::ecdsa::VerifyingKey;
use serde::Serialize;
use sha2::{Digest, Sha256};
use x509_cert::der::oid::ObjectIdentifier;
use x509_cert::ext::pkix::{BasicConstraints, KeyUsage};
use x509_cert::Certificate;

use const_oid::db::rfc5280 as ce;
use const_oid::db::rfc5912 as alg;

use super::super::serial::{serial_magnitude, serial_to_hex};
use super::super::MAX_CERT_BYTES;
use super::*;
use crate::core::date::rfc3339;
use crate::core::hex;

/// A certificate as shown to apps.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CertInfo {
    /// Subject name, RFC 4514 string (e.g. `CN=Reader 7,O=Example`).
    pub subject: String,
    /// Issuer name, RFC 4514 string.
    pub issuer: String,
    /// Serial as lowercase hex, leading zeros stripped (`"00"` for zero).
    pub serial_hex: String,
    /// RFC 3339, UTC (`2026-01-01T00:00:00Z`).
    pub not_before: String,
    /// RFC 3339, UTC.
    pub not_after: String,
    /// SHA-256 of the DER encoding, lowercase hex.
    pub fingerprint_sha256: String,
}

/// basicConstraints as read from a certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Basic {
    pub ca: bool,
    pub path_len: Option<u8>,
}

/// The keyUsage bits this verifier looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Usage {
    pub digital_signature: bool,
    pub key_cert_sign: bool,
}

/// A parsed certificate with everything verification needs precomputed.
#[derive(Debug, Clone)]
pub(crate) struct ParsedCert {
    pub der: Vec<u8>,
    /// The exact `tbsCertificate` bytes the issuer signed.
    pub tbs: Vec<u8>,
    pub subject_der: Vec<u8>,
    pub issuer_der: Vec<u8>,
    /// Unsigned serial magnitude, leading zeros stripped.
    pub serial: Vec<u8>,
    pub not_before: i64,
    pub not_after: i64,
    pub basic: Option<Basic>,
    pub usage: Option<Usage>,
    /// Critical extensions we do not understand (dotted OID + name).
    pub unknown_critical: Vec<String>,
    /// Signature algorithm, when it is not ecdsa-with-SHA256 (absent params).
    pub foreign_sig_alg: Option<String>,
    /// DER `ECDSA-Sig-Value` from the signature BIT STRING.
    pub signature: Vec<u8>,
    pub spki_der: Vec<u8>,
    /// The P-256 key, when the SPKI is id-ecPublicKey / prime256v1.
    pub key: Option<VerifyingKey>,
    /// What the key is, for messages ("P-256", "rsaEncryption", …).
    pub key_desc: String,
    /// SHA-256 of `der`.
    pub fingerprint: [u8; 32],
    pub info: CertInfo,
}

impl ParsedCert {
    /// Short name for messages: the subject (or the fingerprint prefix).
    pub fn label(&self) -> String {
        if self.info.subject.is_empty() {
            format!("with SHA-256 {}", self.info.fingerprint_sha256.get(..16).unwrap_or(""))
        } else {
            self.info.subject.clone()
        }
    }

    /// basicConstraints cA=TRUE.
    pub fn is_ca(&self) -> bool {
        self.basic.is_some_and(|b| b.ca)
    }
}

// ---------------------------------------------------------------------------
// Parsing

/// Parses one DER certificate. The error is a human-readable reason.
pub(crate) fn parse_der_certificate(der: &[u8]) -> Result<ParsedCert, String> {
    reject_oversized_certificate(der)?;
    let cert = Certificate::from_der(der).map_err(|e| format!("not a DER X.509 certificate ({e})"))?;
    let tbs_bytes = raw_tbs(der).ok_or_else(|| "cannot locate tbsCertificate".to_owned())?;
    let tbs = cert.tbs_certificate();

    let foreign_sig_alg = signature_algorithm_problem(&cert);
    let signature =
        cert.signature().as_bytes().ok_or_else(|| "signature BIT STRING has unused bits".to_owned())?.to_vec();

    let subject_der = tbs.subject().to_der().map_err(|e| format!("subject name: {e}"))?;
    let issuer_der = tbs.issuer().to_der().map_err(|e| format!("issuer name: {e}"))?;
    let serial = serial_magnitude(tbs.serial_number().as_bytes());
    let not_before = time_to_unix(tbs.validity().not_before);
    let not_after = time_to_unix(tbs.validity().not_after);

    let exts = read_extensions(tbs.extensions().map(|e| e.as_slice()).unwrap_or(&[]))?;

    let spki = tbs.subject_public_key_info();
    let spki_der = spki.to_der().map_err(|e| format!("public key info: {e}"))?;
    let (key, key_desc) = p256_key(spki)?;

    let fingerprint: [u8; 32] = Sha256::digest(der).into();
    let info = CertInfo {
        subject: format_name(tbs.subject()),
        issuer: format_name(tbs.issuer()),
        serial_hex: serial_to_hex(&serial),
        not_before: rfc3339(not_before),
        not_after: rfc3339(not_after),
        fingerprint_sha256: hex::lower(&fingerprint),
    };
    Ok(ParsedCert {
        der: der.to_vec(),
        tbs: tbs_bytes.to_vec(),
        subject_der,
        issuer_der,
        serial,
        not_before,
        not_after,
        basic: exts.basic,
        usage: exts.usage,
        unknown_critical: exts.unknown_critical,
        foreign_sig_alg,
        signature,
        spki_der,
        key,
        key_desc,
        fingerprint,
        info,
    })
}

/// Size limit per certificate: protects against memory/CPU exhaustion.
pub(super) fn reject_oversized_certificate(der: &[u8]) -> Result<(), String> {
    if der.len() > MAX_CERT_BYTES {
        Err(format!("certificate is {} bytes, more than {MAX_CERT_BYTES}", der.len()))
    } else {
        Ok(())
    }
}

/// The signature must be ecdsa-with-SHA256 with absent parameters
/// (RFC 5758 §3.2), and the outer algorithm must equal the signed inner one
/// (RFC 5280 §4.1.1.2): protects against algorithm substitution.
pub(super) fn signature_algorithm_problem(cert: &Certificate) -> Option<String> {
    let outer = cert.signature_algorithm();
    let inner = cert.tbs_certificate().signature();
    if outer != inner {
        return Some("signatureAlgorithm differs from the signed tbsCertificate.signature".to_owned());
    }
    if outer.oid != alg::ECDSA_WITH_SHA_256 {
        return Some(oid_name(&outer.oid));
    }
    if outer.parameters.is_some() {
        return Some("ecdsa-with-SHA256 with parameters (must be absent)".to_owned());
    }
    None
}

pub(super) struct Extensions {
    basic: Option<Basic>,
    usage: Option<Usage>,
    unknown_critical: Vec<String>,
}

/// Reads the extensions we act on; notes critical ones we do not know.
/// A repeated extension is an error (RFC 5280 §4.2: protects against two
/// verifiers reading different copies).
pub(super) fn read_extensions(exts: &[x509_cert::ext::Extension]) -> Result<Extensions, String> {
    let mut out = Extensions { basic: None, usage: None, unknown_critical: Vec::new() };
    for (i, ext) in exts.iter().enumerate() {
        if exts.iter().take(i).any(|e| e.extn_id == ext.extn_id) {
            return Err(format!("extension {} appears twice", oid_name(&ext.extn_id)));
        }
        let value = ext.extn_value.as_bytes();
        if ext.extn_id == ce::ID_CE_BASIC_CONSTRAINTS {
            let bc = BasicConstraints::from_der(value).map_err(|e| format!("basicConstraints: {e}"))?;
            out.basic = Some(Basic { ca: bc.ca, path_len: bc.path_len_constraint });
        } else if ext.extn_id == ce::ID_CE_KEY_USAGE {
            let ku = KeyUsage::from_der(value).map_err(|e| format!("keyUsage: {e}"))?;
            out.usage = Some(Usage { digital_signature: ku.digital_signature(), key_cert_sign: ku.key_cert_sign() });
        } else if ext.critical && !is_understood_extension(&ext.extn_id) {
            out.unknown_critical.push(oid_name(&ext.extn_id));
        }
    }
    Ok(out)
}

/// Extensions that may be critical without changing what this verifier
/// must enforce: identifiers and alternative names (we match issuers by
/// distinguished name and signature, never by these).
pub(super) fn is_understood_extension(oid: &ObjectIdentifier) -> bool {
    [
        ce::ID_CE_BASIC_CONSTRAINTS,
        ce::ID_CE_KEY_USAGE,
        ce::ID_CE_SUBJECT_KEY_IDENTIFIER,
        ce::ID_CE_AUTHORITY_KEY_IDENTIFIER,
        ce::ID_CE_SUBJECT_ALT_NAME,
        ce::ID_CE_ISSUER_ALT_NAME,
    ]
    .contains(oid)
}

/// Extracts a P-256 key from an SPKI. Other key types are allowed (the
/// certificate just cannot verify anything); a P-256 SPKI whose point is
/// invalid is an error.
pub(super) fn p256_key(
    spki: &x509_cert::spki::SubjectPublicKeyInfoOwned,
) -> Result<(Option<VerifyingKey>, String), String> {
    if spki.algorithm.oid != alg::ID_EC_PUBLIC_KEY {
        return Ok((None, oid_name(&spki.algorithm.oid)));
    }
    let curve = spki.algorithm.parameters.as_ref().and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
    match curve {
        Some(c) if c == alg::SECP_256_R_1 => {
            let point =
                spki.subject_public_key.as_bytes().ok_or_else(|| "public key BIT STRING has unused bits".to_owned())?;
            let key =
                VerifyingKey::from_sec1_bytes(point).map_err(|_| "public key is not a valid P-256 point".to_owned())?;
            Ok((Some(key), "P-256".to_owned()))
        }
        Some(c) => Ok((None, format!("EC key on {}", oid_name(&c)))),
        None => Ok((None, "EC key with unnamed curve parameters".to_owned())),
    }
}

/// Locates the exact `tbsCertificate` TLV inside a certificate's DER (the
/// signature covers these bytes; re-encoding the parsed structure could
/// differ from what the issuer signed).
pub(super) fn raw_tbs(der: &[u8]) -> Option<&[u8]> {
    let (tag, content, _) = der_tlv(der)?;
    if tag != 0x30 {
        return None;
    }
    let (inner_tag, _, inner_len) = der_tlv(content)?;
    if inner_tag != 0x30 {
        return None;
    }
    content.get(..inner_len)
}

/// Reads one DER TLV: (tag, content, total length).
pub(super) fn der_tlv(input: &[u8]) -> Option<(u8, &[u8], usize)> {
    let tag = *input.first()?;
    let first_len = *input.get(1)?;
    let (len, header) = if first_len < 0x80 {
        (usize::from(first_len), 2usize)
    } else {
        let n = usize::from(first_len & 0x7f);
        if n == 0 || n > 4 {
            return None;
        }
        let bytes = input.get(2..2 + n)?;
        let len = bytes.iter().fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
        (len, 2 + n)
    };
    let end = header.checked_add(len)?;
    let content = input.get(header..end)?;
    Some((tag, content, end))
}

pub(super) fn time_to_unix(t: x509_cert::time::Time) -> i64 {
    i64::try_from(t.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
}
