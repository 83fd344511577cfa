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

use der::{Decode, Encode};
use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{DerSignature, Signature, VerifyingKey};
use serde::Serialize;
use sha2::{Digest, Sha256};
use x509_cert::der::oid::ObjectIdentifier;
use x509_cert::ext::pkix::{BasicConstraints, KeyUsage};
use x509_cert::Certificate;

use const_oid::db::rfc5280 as ce;
use const_oid::db::rfc5912 as alg;

use super::serial::{hex_lower, serial_magnitude, serial_to_hex};
use super::{TrustError, TrustStore, MAX_ANCHORS, MAX_CERT_BYTES, MAX_PEM_BYTES};
use crate::core::date::Date;

/// Most certificates an x5chain may carry (docs/spec/dump-format.md §4.2).
pub const MAX_X5CHAIN: usize = 4;

/// A certificate as shown to apps.
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

/// Parses `add_certificates` input: PEM (one or more blocks) or one DER
/// certificate. All-or-nothing.
pub(crate) fn parse_certificates_input(input: &[u8]) -> Result<Vec<ParsedCert>, TrustError> {
    if input.len() > MAX_PEM_BYTES {
        return Err(TrustError::new(
            "TOO_LARGE",
            format!("certificate input is {} bytes, more than {MAX_PEM_BYTES}", input.len()),
        ));
    }
    let ders = if looks_like_pem(input) {
        let text = std::str::from_utf8(input)
            .map_err(|_| TrustError::new("INVALID_CERTIFICATE", "PEM input is not valid UTF-8 text"))?;
        pem_certificate_blocks(text)?
    } else {
        vec![input.to_vec()]
    };
    let mut out = Vec::with_capacity(ders.len());
    for (i, der) in ders.iter().enumerate() {
        let parsed = parse_der_certificate(der).map_err(|e| {
            let code = if der.len() > MAX_CERT_BYTES { "TOO_LARGE" } else { "INVALID_CERTIFICATE" };
            if ders.len() == 1 {
                TrustError::new(code, e)
            } else {
                TrustError::new(code, format!("certificate #{}: {e}", i + 1))
            }
        })?;
        out.push(parsed);
    }
    Ok(out)
}

/// Parses exactly one certificate (PEM with one block, or DER), for the
/// revocation calls: `what` names it in the error.
pub(crate) fn parse_single_certificate(input: &[u8], what: &str) -> Result<ParsedCert, TrustError> {
    let mut certs = parse_certificates_input(input)?;
    if certs.len() != 1 {
        return Err(TrustError::new(
            "INVALID_CERTIFICATE",
            format!("expected exactly one {what}, got {}", certs.len()),
        ));
    }
    Ok(certs.remove(0))
}

fn looks_like_pem(input: &[u8]) -> bool {
    input.windows(11).any(|w| w == b"-----BEGIN ")
}

/// Splits PEM text (RFC 7468) into the DER of its certificate blocks.
/// Text outside blocks is ignored (explanatory text is allowed); a block
/// with another label, headers, or bad base64 is an error.
fn pem_certificate_blocks(text: &str) -> Result<Vec<Vec<u8>>, TrustError> {
    const BEGIN: &str = "-----BEGIN ";
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(BEGIN) {
        let after_begin = rest.get(start + BEGIN.len()..).unwrap_or("");
        let label_end =
            after_begin.find("-----").ok_or_else(|| invalid_pem("a BEGIN line is not terminated by \"-----\""))?;
        let label = after_begin.get(..label_end).unwrap_or("");
        if label.contains('\n') {
            return Err(invalid_pem("a BEGIN line is not terminated by \"-----\""));
        }
        let body_and_rest = after_begin.get(label_end + 5..).unwrap_or("");
        let end_marker = format!("-----END {label}-----");
        let body_end =
            body_and_rest.find(&end_marker).ok_or_else(|| invalid_pem(&format!("no \"{end_marker}\" line")))?;
        let body = body_and_rest.get(..body_end).unwrap_or("");
        check_pem_label(label, out.len() + 1)?;
        if out.len() >= MAX_ANCHORS {
            return Err(TrustError::new("TOO_LARGE", format!("more than {MAX_ANCHORS} certificates in one input")));
        }
        out.push(decode_pem_body(body, out.len() + 1)?);
        rest = body_and_rest.get(body_end + end_marker.len()..).unwrap_or("");
    }
    if out.is_empty() {
        return Err(invalid_pem("no PEM block found"));
    }
    Ok(out)
}

/// Only certificate blocks are trust material; a private key or a CSR in
/// the input is a mistake worth reporting, not silently skipping.
fn check_pem_label(label: &str, n: usize) -> Result<(), TrustError> {
    match label {
        "CERTIFICATE" | "X509 CERTIFICATE" | "X.509 CERTIFICATE" => Ok(()),
        "TRUSTED CERTIFICATE" => Err(invalid_pem(&format!(
            "PEM block #{n} is an OpenSSL \"TRUSTED CERTIFICATE\"; convert it with `openssl x509` to a plain CERTIFICATE"
        ))),
        other => Err(invalid_pem(&format!(
            "PEM block #{n} is labelled {:?}, expected \"CERTIFICATE\"",
            other.chars().take(40).collect::<String>()
        ))),
    }
}

fn decode_pem_body(body: &str, n: usize) -> Result<Vec<u8>, TrustError> {
    if body.contains(':') {
        return Err(invalid_pem(&format!("PEM block #{n} has headers (encrypted PEM is not supported)")));
    }
    let compact: String = body.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    if compact.len() > (MAX_CERT_BYTES * 4).div_ceil(3) + 4 {
        return Err(TrustError::new("TOO_LARGE", format!("certificate #{n} is more than {MAX_CERT_BYTES} bytes")));
    }
    base64ct::Base64::decode_vec(&compact).map_err(|_| invalid_pem(&format!("PEM block #{n} is not valid base64")))
}

use base64ct::Encoding as _;

fn invalid_pem(msg: &str) -> TrustError {
    TrustError::new("INVALID_CERTIFICATE", msg.to_owned())
}

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
        fingerprint_sha256: hex_lower(&fingerprint),
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
fn reject_oversized_certificate(der: &[u8]) -> Result<(), String> {
    if der.len() > MAX_CERT_BYTES {
        Err(format!("certificate is {} bytes, more than {MAX_CERT_BYTES}", der.len()))
    } else {
        Ok(())
    }
}

/// The signature must be ecdsa-with-SHA256 with absent parameters
/// (RFC 5758 §3.2), and the outer algorithm must equal the signed inner one
/// (RFC 5280 §4.1.1.2): protects against algorithm substitution.
fn signature_algorithm_problem(cert: &Certificate) -> Option<String> {
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

struct Extensions {
    basic: Option<Basic>,
    usage: Option<Usage>,
    unknown_critical: Vec<String>,
}

/// Reads the extensions we act on; notes critical ones we do not know.
/// A repeated extension is an error (RFC 5280 §4.2: protects against two
/// verifiers reading different copies).
fn read_extensions(exts: &[x509_cert::ext::Extension]) -> Result<Extensions, String> {
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
fn is_understood_extension(oid: &ObjectIdentifier) -> bool {
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
fn p256_key(spki: &x509_cert::spki::SubjectPublicKeyInfoOwned) -> Result<(Option<VerifyingKey>, String), String> {
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
fn raw_tbs(der: &[u8]) -> Option<&[u8]> {
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
fn der_tlv(input: &[u8]) -> Option<(u8, &[u8], usize)> {
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

fn time_to_unix(t: x509_cert::time::Time) -> i64 {
    i64::try_from(t.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
}

/// `YYYY-MM-DDTHH:MM:SSZ` for a Unix time.
pub fn rfc3339(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    let date = Date::from_days_since_epoch(days);
    format!("{date}T{:02}:{:02}:{:02}Z", secs / 3600, (secs / 60) % 60, secs % 60)
}

/// Names for the OIDs that appear in our messages. A small local table on
/// purpose: `const_oid::db::DB` (thousands of entries) would add ~95 KB of
/// data to the `.wasm` for the sake of error messages.
const OID_NAMES: &[(&str, &str)] = &[
    ("1.2.840.10045.2.1", "id-ecPublicKey"),
    ("1.2.840.10045.3.1.7", "prime256v1"),
    ("1.3.132.0.34", "secp384r1"),
    ("1.3.132.0.35", "secp521r1"),
    ("1.3.132.0.10", "secp256k1"),
    ("1.2.840.10045.4.3.2", "ecdsa-with-SHA256"),
    ("1.2.840.10045.4.3.3", "ecdsa-with-SHA384"),
    ("1.2.840.10045.4.3.4", "ecdsa-with-SHA512"),
    ("1.2.840.113549.1.1.1", "rsaEncryption"),
    ("1.2.840.113549.1.1.11", "sha256WithRSAEncryption"),
    ("1.2.840.113549.1.1.10", "id-RSASSA-PSS"),
    ("1.3.101.112", "id-Ed25519"),
    ("1.3.101.113", "id-Ed448"),
    ("1.2.156.10197.1.301", "sm2"),
    ("1.2.156.10197.1.501", "SM2-with-SM3"),
    ("2.5.29.14", "subjectKeyIdentifier"),
    ("2.5.29.15", "keyUsage"),
    ("2.5.29.17", "subjectAltName"),
    ("2.5.29.18", "issuerAltName"),
    ("2.5.29.19", "basicConstraints"),
    ("2.5.29.30", "nameConstraints"),
    ("2.5.29.31", "cRLDistributionPoints"),
    ("2.5.29.32", "certificatePolicies"),
    ("2.5.29.35", "authorityKeyIdentifier"),
    ("2.5.29.36", "policyConstraints"),
    ("2.5.29.37", "extKeyUsage"),
    ("2.5.29.54", "inhibitAnyPolicy"),
    ("1.3.6.1.5.5.7.1.1", "authorityInfoAccess"),
];

/// `2.5.29.99 (name)` or just the dotted form.
fn oid_name(oid: &ObjectIdentifier) -> String {
    let dotted = oid.to_string();
    match OID_NAMES.iter().find(|(o, _)| *o == dotted) {
        Some((_, name)) => format!("{name} ({dotted})"),
        None => dotted,
    }
}

/// RFC 4514 short names of the attribute types readers' certificates use.
const ATTRIBUTE_NAMES: &[(&str, &str)] = &[
    ("2.5.4.3", "CN"),
    ("2.5.4.4", "SN"),
    ("2.5.4.5", "SERIALNUMBER"),
    ("2.5.4.6", "C"),
    ("2.5.4.7", "L"),
    ("2.5.4.8", "ST"),
    ("2.5.4.9", "STREET"),
    ("2.5.4.10", "O"),
    ("2.5.4.11", "OU"),
    ("2.5.4.12", "TITLE"),
    ("2.5.4.42", "GIVENNAME"),
    ("2.5.4.97", "ORGANIZATIONIDENTIFIER"),
    ("0.9.2342.19200300.100.1.1", "UID"),
    ("0.9.2342.19200300.100.1.25", "DC"),
    ("1.2.840.113549.1.9.1", "EMAILADDRESS"),
];

/// A distinguished name as an RFC 4514 string (last RDN first, `,` between
/// RDNs, `+` inside one). Attributes with a known short name and a string
/// value are shown as `CN=value` with RFC 4514 escaping; others as
/// `dotted.oid=#hex-of-the-DER-value`. For display only: names are always
/// compared as DER bytes.
pub(crate) fn format_name(name: &x509_cert::name::Name) -> String {
    let rdns: &x509_cert::name::RdnSequence = name.as_ref();
    let mut out = String::new();
    for (i, rdn) in rdns.as_ref().iter().rev().enumerate() {
        if i > 0 {
            out.push(',');
        }
        for (j, atv) in rdn.as_ref().iter().enumerate() {
            if j > 0 {
                out.push('+');
            }
            push_attribute(&mut out, atv);
        }
    }
    out
}

fn push_attribute(out: &mut String, atv: &x509_cert::attr::AttributeTypeAndValue) {
    use der::{Tag, Tagged};
    let dotted = atv.oid.to_string();
    let short = ATTRIBUTE_NAMES.iter().find(|(o, _)| *o == dotted).map(|(_, n)| *n);
    let text = match atv.value.tag() {
        Tag::PrintableString | Tag::Utf8String | Tag::Ia5String | Tag::TeletexString => {
            std::str::from_utf8(atv.value.value()).ok()
        }
        _ => None,
    };
    match (short, text) {
        (Some(key), Some(value)) => {
            out.push_str(key);
            out.push('=');
            let last = value.chars().count().saturating_sub(1);
            for (i, c) in value.chars().enumerate() {
                match c {
                    '#' if i == 0 => out.push_str("\\#"),
                    ' ' if i == 0 || i == last => out.push_str("\\ "),
                    '"' | '+' | ',' | ';' | '<' | '>' | '\\' => {
                        out.push('\\');
                        out.push(c);
                    }
                    '\x00'..='\x1f' | '\x7f' => out.push_str(&format!("\\{:02x}", c as u32)),
                    _ => out.push(c),
                }
            }
        }
        _ => {
            out.push_str(&dotted);
            out.push_str("=#");
            match atv.value.to_der() {
                Ok(der) => out.push_str(&hex_lower(&der)),
                Err(_) => out.push('?'),
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Path validation

/// A validated path from the dump's signer certificate to an anchor.
#[derive(Debug)]
pub(crate) struct ValidPath {
    /// All x5chain certificates (signer first), parsed.
    pub chain: Vec<ParsedCert>,
    /// How many x5chain certificates the path uses (the rest are extras).
    pub used: usize,
    /// Index of the anchor in the store.
    pub anchor: usize,
    /// The anchor is itself the last certificate of the used chain.
    pub anchor_in_chain: bool,
    /// Why a certificate of the path (anchor included) is revoked, if one is:
    /// found while choosing the path, and what REVOCATION reports.
    pub revocation: Option<String>,
}

impl ValidPath {
    /// The signer certificate.
    pub fn signer(&self) -> Option<&ParsedCert> {
        self.chain.first()
    }

    /// The signer's P-256 key.
    pub fn signer_key(&self) -> Option<&VerifyingKey> {
        self.signer().and_then(|c| c.key.as_ref())
    }

    /// The x5chain certificates of the path, signer first.
    pub fn path_certs(&self) -> &[ParsedCert] {
        self.chain.get(..self.used).unwrap_or(&[])
    }

    /// x5chain certificates after the path's end (not validated).
    pub fn extra_certs(&self) -> &[ParsedCert] {
        self.chain.get(self.used..).unwrap_or(&[])
    }

    /// How many certificates the path has, the anchor counted once.
    pub fn len_with_anchor(&self) -> usize {
        self.used + usize::from(!self.anchor_in_chain)
    }
}

/// Why no path was found, plus whatever certificates parsed.
#[derive(Debug)]
pub(crate) struct PathFailure {
    pub message: String,
    pub chain: Vec<CertInfo>,
}

/// Where a path may end: after `used` x5chain certificates, at the store's
/// anchor `anchor`, which is either the last used certificate itself
/// (`in_chain`) or its issuer.
#[derive(Debug, Clone, Copy)]
struct PathEnd {
    used: usize,
    anchor: usize,
    in_chain: bool,
}

/// Validates an x5chain (signer first) against the store's anchors.
///
/// Every candidate end is tried with the full rule set, in order: each
/// x5chain certificate that *is* an anchor, then each anchor named as the
/// last certificate's issuer (several anchors may share a name: a renewed or
/// re-keyed root). The first valid path whose certificates are not revoked
/// wins; a valid but revoked path is returned only when no other is valid
/// (REVOCATION then fails). Protects against a valid dump being rejected
/// because an expired root with the same name and key is listed first.
///
/// `verify_at` is the verification time at which the signer must also be
/// valid, or `None` for an archived dump (max age disabled).
pub(crate) fn validate_x5chain(
    store: &TrustStore,
    x5chain: &[&[u8]],
    read_at: i64,
    verify_at: Option<i64>,
) -> Result<ValidPath, PathFailure> {
    check_chain_count(x5chain).map_err(|m| PathFailure { message: m, chain: Vec::new() })?;
    let chain = parse_chain(x5chain)?;
    let fail = |message: String, chain: &[ParsedCert]| PathFailure {
        message,
        chain: chain.iter().map(|c| c.info.clone()).collect(),
    };
    let ends = candidate_ends(store, &chain);
    let Some(last) = chain.last() else { return Err(fail("x5chain is empty".to_owned(), &[])) };
    if ends.is_empty() {
        return Err(fail(
            format!(
                "the path does not reach a trust anchor: no anchor is named {:?} (issuer of {})",
                last.info.issuer,
                last.label()
            ),
            &chain,
        ));
    }
    let valid = |chain, end: &PathEnd, revocation| ValidPath {
        chain,
        used: end.used,
        anchor: end.anchor,
        anchor_in_chain: end.in_chain,
        revocation,
    };
    let mut first_problem: Option<String> = None;
    let mut revoked: Option<(PathEnd, String)> = None;
    for end in &ends {
        match check_path(store, &chain, *end, read_at, verify_at) {
            Ok(path) => match store.path_revocation(path) {
                None => return Ok(valid(chain, end, None)),
                Some(why) => {
                    revoked.get_or_insert((*end, why));
                }
            },
            Err(m) => {
                first_problem.get_or_insert(m);
            }
        }
    }
    if let Some((end, why)) = revoked {
        return Ok(valid(chain, &end, Some(why)));
    }
    let problem = first_problem.unwrap_or_default();
    let message = if ends.len() > 1 {
        format!("no valid path to any of {} candidate trust anchors; the first one: {problem}", ends.len())
    } else {
        problem
    };
    Err(fail(message, &chain))
}

/// The candidate path ends, in preference order (see [`validate_x5chain`]).
fn candidate_ends(store: &TrustStore, chain: &[ParsedCert]) -> Vec<PathEnd> {
    let anchors = store.anchor_certs();
    let mut ends = Vec::new();
    for (i, c) in chain.iter().enumerate() {
        if let Some(a) = anchors.iter().position(|a| a.fingerprint == c.fingerprint) {
            ends.push(PathEnd { used: i + 1, anchor: a, in_chain: true });
        }
    }
    if let Some(last) = chain.last() {
        for (a, anchor) in anchors.iter().enumerate() {
            if anchor.subject_der == last.issuer_der && anchor.fingerprint != last.fingerprint {
                ends.push(PathEnd { used: chain.len(), anchor: a, in_chain: false });
            }
        }
    }
    ends
}

/// The full rule set on one candidate path; returns its certificates,
/// signer first, anchor last.
fn check_path<'a>(
    store: &'a TrustStore,
    chain: &'a [ParsedCert],
    end: PathEnd,
    read_at: i64,
    verify_at: Option<i64>,
) -> Result<Vec<&'a ParsedCert>, String> {
    let mut path: Vec<&ParsedCert> = chain.iter().take(end.used).collect();
    if !end.in_chain {
        path.extend(store.anchor_certs().get(end.anchor));
    }
    check_links(store, &path)?;
    for (pos, cert) in path.iter().enumerate() {
        check_validity_at(cert, read_at, "readAt")?;
        check_no_unknown_critical(cert)?;
        if pos == 0 {
            if let Some(t) = verify_at {
                check_validity_at(cert, t, "the verification time")?;
            }
            check_signer_usage(cert)?;
            check_signer_key(cert)?;
        } else {
            check_is_ca(cert)?;
            check_path_len(cert, pos)?;
            check_ca_usage(cert)?;
        }
    }
    Ok(path)
}

/// Path length limit (counted in x5chain): protects against CPU
/// exhaustion and overly long, unreviewable chains.
fn check_chain_count(x5chain: &[&[u8]]) -> Result<(), String> {
    if x5chain.is_empty() {
        return Err("x5chain is empty".to_owned());
    }
    if x5chain.len() > MAX_X5CHAIN {
        return Err(format!("x5chain carries {} certificates, more than the {MAX_X5CHAIN} allowed", x5chain.len()));
    }
    Ok(())
}

fn parse_chain(x5chain: &[&[u8]]) -> Result<Vec<ParsedCert>, PathFailure> {
    let mut chain = Vec::with_capacity(x5chain.len());
    for (i, der) in x5chain.iter().enumerate() {
        match parse_der_certificate(der) {
            Ok(c) => chain.push(c),
            Err(e) => {
                let which = if i == 0 {
                    "the signer certificate".to_owned()
                } else {
                    format!("x5chain certificate #{}", i + 1)
                };
                return Err(PathFailure {
                    message: format!("{which} does not parse: {e}"),
                    chain: chain.iter().map(|c: &ParsedCert| c.info.clone()).collect(),
                });
            }
        }
    }
    Ok(chain)
}

/// Each certificate is issued by the next: issuer name = next subject,
/// and the next one's key verifies its signature.
fn check_links(store: &TrustStore, path: &[&ParsedCert]) -> Result<(), String> {
    for pair in path.windows(2) {
        if let [child, issuer] = pair {
            check_names_chain(child, issuer)?;
            check_link_signature(store, issuer, child)?;
        }
    }
    Ok(())
}

/// Name chaining: protects against splicing an unrelated certificate
/// into the chain.
fn check_names_chain(child: &ParsedCert, issuer: &ParsedCert) -> Result<(), String> {
    if child.issuer_der == issuer.subject_der {
        Ok(())
    } else {
        Err(format!(
            "certificate {} names issuer {:?}, but the next certificate is {:?}",
            child.label(),
            child.info.issuer,
            issuer.info.subject
        ))
    }
}

/// ecdsa-with-SHA256 by a P-256 key, and the signature verifies.
/// Outcomes are cached per (issuer SPKI, certificate DER).
pub(crate) fn check_link_signature(store: &TrustStore, issuer: &ParsedCert, child: &ParsedCert) -> Result<(), String> {
    if let Some(a) = &child.foreign_sig_alg {
        return Err(format!("certificate {} is signed with {a}; only ecdsa-with-SHA256 is accepted", child.label()));
    }
    let Some(key) = issuer.key.as_ref() else {
        return Err(format!("issuer {} has a {} key; only P-256 keys are accepted", issuer.label(), issuer.key_desc));
    };
    let cache_key = link_cache_key(issuer, child);
    let cached = store.link_cache().try_borrow().ok().and_then(|c| c.get(&cache_key));
    let good = match cached {
        Some(g) => g,
        None => {
            let g = verify_der_signature(key, &child.tbs, &child.signature);
            if let Ok(mut c) = store.link_cache().try_borrow_mut() {
                c.insert(cache_key, g);
            }
            g
        }
    };
    if good {
        Ok(())
    } else {
        Err(format!("the signature of {} does not verify with the key of {}", child.label(), issuer.label()))
    }
}

fn link_cache_key(issuer: &ParsedCert, child: &ParsedCert) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update((issuer.spki_der.len() as u64).to_be_bytes());
    h.update(&issuer.spki_der);
    h.update(&child.der);
    h.finalize().into()
}

fn verify_der_signature(key: &VerifyingKey, msg: &[u8], der_sig: &[u8]) -> bool {
    let Ok(sig) = DerSignature::from_bytes(der_sig) else { return false };
    let Ok(sig) = Signature::try_from(sig) else { return false };
    key.verify(msg, &sig).is_ok()
}

/// Validity period, both ends inclusive (RFC 5280 §4.1.2.5): protects
/// against expired or not-yet-valid certificates.
fn check_validity_at(cert: &ParsedCert, t: i64, what: &str) -> Result<(), String> {
    if t < cert.not_before {
        return Err(format!(
            "certificate {} is not valid before {}, later than {what} {}",
            cert.label(),
            cert.info.not_before,
            rfc3339(t)
        ));
    }
    if t > cert.not_after {
        return Err(format!(
            "certificate {} expired {}, before {what} {}",
            cert.label(),
            cert.info.not_after,
            rfc3339(t)
        ));
    }
    Ok(())
}

/// RFC 5280 §4.2: a certificate with a critical extension the verifier
/// does not process must be rejected (it may restrict the certificate in
/// a way we would otherwise ignore).
fn check_no_unknown_critical(cert: &ParsedCert) -> Result<(), String> {
    match cert.unknown_critical.first() {
        None => Ok(()),
        Some(oid) => {
            Err(format!("certificate {} has a critical extension this verifier does not support: {oid}", cert.label()))
        }
    }
}

/// Only CA certificates may issue: protects against an end-entity
/// (e.g. another reader's) certificate acting as a CA.
fn check_is_ca(cert: &ParsedCert) -> Result<(), String> {
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
fn check_path_len(cert: &ParsedCert, position: usize) -> Result<(), String> {
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
fn check_ca_usage(cert: &ParsedCert) -> Result<(), String> {
    match cert.usage {
        Some(u) if !u.key_cert_sign => {
            Err(format!("certificate {} issues another certificate but its keyUsage lacks keyCertSign", cert.label()))
        }
        _ => Ok(()),
    }
}

/// The signer certificate's key must be allowed to sign data.
fn check_signer_usage(cert: &ParsedCert) -> Result<(), String> {
    match cert.usage {
        Some(u) if !u.digital_signature => {
            Err(format!("signer certificate {} has keyUsage without digitalSignature", cert.label()))
        }
        _ => Ok(()),
    }
}

/// ES256 needs a P-256 signer key.
fn check_signer_key(cert: &ParsedCert) -> Result<(), String> {
    if cert.key.is_some() {
        Ok(())
    } else {
        Err(format!("signer certificate {} has a {} key; ES256 needs P-256", cert.label(), cert.key_desc))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::trust::testpki::{CertSpec, TestKey, T2025, T2030};
    use std::str::FromStr;

    /// Our RFC 4514 formatter gives what x509-cert's Display gives for the
    /// attributes readers use, including escaping and multi-valued RDNs.
    #[test]
    fn format_name_matches_rfc4514_display() {
        for text in [
            "CN=cnid-verify TEST Root CA (not for production),O=cnid-verify TEST fixtures (not for production),C=CN",
            "CN=Reader 7",
            "CN=a\\,b\\+c\\;d\\<e\\>f\\\"g\\\\h,OU=x+O=y,L=Beijing,ST=BJ",
            "CN=\\#lead and trail\\ ",
            "CN=\\ leading space",
        ] {
            let name = x509_cert::name::Name::from_str(text).expect("parses");
            assert_eq!(format_name(&name), name.to_string(), "{text}");
        }
        // Unknown attribute types fall back to oid=#hex of the DER value.
        let name = x509_cert::name::Name::from_str("1.2.3.4=#0c0161").expect("parses");
        assert_eq!(format_name(&name), "1.2.3.4=#0c0161");
    }

    fn pki() -> (TestKey, TestKey, TestKey) {
        (TestKey::new(1), TestKey::new(2), TestKey::new(3))
    }

    fn root(k: &TestKey) -> Vec<u8> {
        CertSpec::ca("Test Root", "Test Root").build(k, k)
    }

    fn inter(k: &TestKey, root_k: &TestKey) -> Vec<u8> {
        CertSpec::ca("Test Intermediate", "Test Root").path_len(0).build(k, root_k)
    }

    fn leaf(k: &TestKey, issuer_k: &TestKey, issuer: &str) -> Vec<u8> {
        CertSpec::leaf("Reader 1", issuer).build(k, issuer_k)
    }

    fn store_with(anchors: &[&[u8]]) -> TrustStore {
        let mut ts = TrustStore::new();
        for a in anchors {
            ts.add_certificates(a).unwrap();
        }
        ts
    }

    const NOW: i64 = T2025 + 86_400 * 100;

    #[test]
    fn parses_a_certificate() {
        let (rk, _, _) = pki();
        let der = root(&rk);
        let c = parse_der_certificate(&der).unwrap();
        assert_eq!(c.info.subject, "CN=Test Root");
        assert_eq!(c.info.issuer, "CN=Test Root");
        assert_eq!(c.info.not_before, "2025-01-01T00:00:00Z");
        assert_eq!(c.info.not_after, "2030-01-01T00:00:00Z");
        assert_eq!(c.info.serial_hex, "01");
        assert_eq!(c.basic, Some(Basic { ca: true, path_len: None }));
        assert!(c.key.is_some());
        assert!(c.foreign_sig_alg.is_none());
        assert_eq!(c.info.fingerprint_sha256.len(), 64);
        assert!(verify_der_signature(c.key.as_ref().unwrap(), &c.tbs, &c.signature));
    }

    #[test]
    fn pem_input() {
        let (rk, ik, _) = pki();
        let pem = format!(
            "Bag Attributes: junk\n{}\nsome text\n{}",
            crate::core::trust::testpki::pem(&root(&rk)),
            crate::core::trust::testpki::pem(&inter(&ik, &rk))
        );
        let mut ts = TrustStore::new();
        assert_eq!(ts.add_certificates(pem.as_bytes()).unwrap(), 2);
        assert_eq!(ts.add_certificates(pem.as_bytes()).unwrap(), 0);
        assert_eq!(ts.anchor_count(), 2);
        assert_eq!(ts.anchors()[1].subject, "CN=Test Intermediate");
    }

    #[test]
    fn bad_inputs() {
        let mut ts = TrustStore::new();
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (b"".to_vec(), "INVALID_CERTIFICATE"),
            (b"\x30\x03\x02\x01\x01".to_vec(), "INVALID_CERTIFICATE"),
            (b"-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n".to_vec(), "INVALID_CERTIFICATE"),
            (b"-----BEGIN CERTIFICATE-----\nMIIB\n".to_vec(), "INVALID_CERTIFICATE"),
            (b"-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n".to_vec(), "INVALID_CERTIFICATE"),
            (
                b"-----BEGIN CERTIFICATE-----\nProc-Type: 4,ENCRYPTED\n\nMIIB\n-----END CERTIFICATE-----\n".to_vec(),
                "INVALID_CERTIFICATE",
            ),
            (vec![0x30; MAX_PEM_BYTES + 1], "TOO_LARGE"),
            (vec![0x30; MAX_CERT_BYTES + 1], "TOO_LARGE"),
        ];
        for (input, code) in cases {
            let e = ts.add_certificates(&input).unwrap_err();
            assert_eq!(e.code, code, "{:?}", String::from_utf8_lossy(&input[..input.len().min(60)]));
        }
        // A valid block followed by a bad one adds nothing.
        let (rk, _, _) = pki();
        let mixed = format!(
            "{}-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
            crate::core::trust::testpki::pem(&root(&rk))
        );
        assert!(ts.add_certificates(mixed.as_bytes()).is_err());
        assert_eq!(ts.anchor_count(), 0);
        // Trailing bytes after a DER certificate.
        let mut der = root(&rk);
        der.push(0);
        assert_eq!(ts.add_certificates(&der).unwrap_err().code, "INVALID_CERTIFICATE");
    }

    #[test]
    fn leaf_root_path() {
        let (rk, _, lk) = pki();
        let r = root(&rk);
        let l = leaf(&lk, &rk, "Test Root");
        let ts = store_with(&[&r]);
        let p = validate_x5chain(&ts, &[&l], NOW, Some(NOW)).unwrap();
        assert_eq!(p.used, 1);
        assert!(!p.anchor_in_chain);
        assert!(p.signer_key().is_some());
        // Chain including the anchor itself (identical DER).
        let p = validate_x5chain(&ts, &[&l, &r], NOW, Some(NOW)).unwrap();
        assert_eq!(p.used, 2);
        assert!(p.anchor_in_chain);
    }

    #[test]
    fn leaf_intermediate_root_path() {
        let (rk, ik, lk) = pki();
        let r = root(&rk);
        let i = inter(&ik, &rk);
        let l = leaf(&lk, &ik, "Test Intermediate");
        let ts = store_with(&[&r]);
        assert!(validate_x5chain(&ts, &[&l, &i], NOW, Some(NOW)).is_ok());
        assert!(validate_x5chain(&ts, &[&l, &i, &r], NOW, Some(NOW)).is_ok());
        // Missing intermediate.
        let e = validate_x5chain(&ts, &[&l], NOW, Some(NOW)).unwrap_err();
        assert!(e.message.contains("no anchor is named"), "{}", e.message);
        // Intermediate itself trusted as anchor: path ends there.
        let ts2 = store_with(&[&i]);
        let p = validate_x5chain(&ts2, &[&l], NOW, Some(NOW)).unwrap();
        assert_eq!(p.used, 1);
    }

    #[test]
    fn signer_as_anchor() {
        let (rk, _, lk) = pki();
        let l = leaf(&lk, &rk, "Test Root");
        let ts = store_with(&[&l]);
        assert!(validate_x5chain(&ts, &[&l], NOW, Some(NOW)).is_ok());
    }

    #[test]
    fn cache_is_used() {
        let (rk, ik, lk) = pki();
        let r = root(&rk);
        let i = inter(&ik, &rk);
        let l = leaf(&lk, &ik, "Test Intermediate");
        let ts = store_with(&[&r]);
        assert_eq!(ts.cached_link_count(), 0);
        validate_x5chain(&ts, &[&l, &i], NOW, Some(NOW)).unwrap();
        assert_eq!(ts.cached_link_count(), 2);
        for _ in 0..5 {
            validate_x5chain(&ts, &[&l, &i], NOW, Some(NOW)).unwrap();
        }
        assert_eq!(ts.cached_link_count(), 2);
    }

    fn expect_fail(ts: &TrustStore, chain: &[&[u8]], at: i64, needle: &str) {
        let e = validate_x5chain(ts, chain, at, Some(at)).unwrap_err();
        assert!(e.message.contains(needle), "expected {needle:?} in {:?}", e.message);
    }

    #[test]
    fn rule_violations() {
        let (rk, ik, lk) = pki();
        let r = root(&rk);
        let ts = store_with(&[&r]);

        // Wrong signer key (leaf signed by someone else but naming the root).
        let forged = leaf(&lk, &ik, "Test Root");
        expect_fail(&ts, &[&forged], NOW, "does not verify");

        // Expired / not yet valid at readAt.
        let l = leaf(&lk, &rk, "Test Root");
        expect_fail(&ts, &[&l], T2030 + 10, "expired");
        expect_fail(&ts, &[&l], T2025 - 10, "not valid before");

        // Signer valid at readAt but expired at verification time.
        let short = CertSpec::leaf("Reader 1", "Test Root").validity(T2025, T2025 + 1000).build(&lk, &rk);
        assert!(validate_x5chain(&ts, &[&short], T2025 + 500, Some(T2025 + 500)).is_ok());
        let e = validate_x5chain(&ts, &[&short], T2025 + 500, Some(T2025 + 2000)).unwrap_err();
        assert!(e.message.contains("verification time"), "{}", e.message);
        // ... fine for an archived dump.
        assert!(validate_x5chain(&ts, &[&short], T2025 + 500, None).is_ok());

        // Intermediate without cA.
        let not_ca = CertSpec::leaf("Test Intermediate", "Test Root").build(&ik, &rk);
        let l2 = leaf(&lk, &ik, "Test Intermediate");
        expect_fail(&ts, &[&l2, &not_ca], NOW, "cA=FALSE");
        let no_bc = CertSpec::leaf("Test Intermediate", "Test Root").no_basic().build(&ik, &rk);
        expect_fail(&ts, &[&l2, &no_bc], NOW, "no basicConstraints");

        // Anchor without cA.
        let root_not_ca = CertSpec::leaf("Test Root", "Test Root").build(&rk, &rk);
        let ts_bad = store_with(&[&root_not_ca]);
        expect_fail(&ts_bad, &[&l], NOW, "cA=FALSE");

        // pathLen: root with pathLen 0 cannot have an intermediate below.
        let root_pl0 = CertSpec::ca("Test Root", "Test Root").path_len(0).build(&rk, &rk);
        let ts_pl = store_with(&[&root_pl0]);
        let i = inter(&ik, &rk);
        expect_fail(&ts_pl, &[&l2, &i], NOW, "pathLenConstraint");
        assert!(validate_x5chain(&ts_pl, &[&l], NOW, Some(NOW)).is_ok());

        // Signer keyUsage without digitalSignature.
        let ku = CertSpec::leaf("Reader 1", "Test Root").key_usage(0x04).build(&lk, &rk);
        expect_fail(&ts, &[&ku], NOW, "digitalSignature");
        // CA keyUsage without keyCertSign.
        let i_ku = CertSpec::ca("Test Intermediate", "Test Root").key_usage(0x80).build(&ik, &rk);
        expect_fail(&ts, &[&l2, &i_ku], NOW, "keyCertSign");

        // Unknown critical extension (accepted when not critical).
        let crit = CertSpec::leaf("Reader 1", "Test Root").extra_ext(true).build(&lk, &rk);
        expect_fail(&ts, &[&crit], NOW, "critical extension");
        let noncrit = CertSpec::leaf("Reader 1", "Test Root").extra_ext(false).build(&lk, &rk);
        assert!(validate_x5chain(&ts, &[&noncrit], NOW, Some(NOW)).is_ok());

        // Other signature algorithm.
        let sha384 = CertSpec::leaf("Reader 1", "Test Root").sig_alg_sha384().build(&lk, &rk);
        expect_fail(&ts, &[&sha384], NOW, "only ecdsa-with-SHA256");

        // Too many certificates.
        expect_fail(&ts, &[&l, &l, &l, &l, &l], NOW, "more than the 4");

        // Garbage certificate.
        expect_fail(&ts, &[&l, b"\x30\x00"], NOW, "does not parse");

        // Names do not chain.
        expect_fail(&ts, &[&l, &i], NOW, "names issuer");
    }

    #[test]
    fn rekeyed_anchor_with_same_name() {
        let (rk, ik, lk) = pki();
        let old_root = root(&ik); // same name, other key
        let new_root = root(&rk);
        let ts = store_with(&[&old_root, &new_root]);
        let l = leaf(&lk, &rk, "Test Root");
        let p = validate_x5chain(&ts, &[&l], NOW, Some(NOW)).unwrap();
        assert_eq!(p.anchor, 1);
    }

    #[test]
    fn rfc3339_format() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_767_225_599), "2025-12-31T23:59:59Z");
        assert_eq!(rfc3339(-1), "1969-12-31T23:59:59Z");
    }
}
