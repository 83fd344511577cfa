//! SIGNER, REVOCATION and SIGNATURE (dump-format.md §4, §5).

use p256::ecdsa::VerifyingKey;

use super::envelope::{self, Envelope, KidSource};
use super::report::{SignerInfo, SignerMethod};
use super::signature::{sig_structure, verify_es256, SignatureError};
use crate::core::trust::x509::{self, ValidPath};
use crate::core::trust::{hex_lower, TrustStore, TrustedKey, Warning};

/// A signer the store trusts (SIGNER passed).
pub(crate) enum Trusted<'t> {
    /// Keys under the dump's kid (several under rotation).
    Jwk { kid: Vec<u8>, candidates: Vec<&'t TrustedKey> },
    /// A validated x5chain path.
    Chain(ValidPath),
}

/// Outcome of signer resolution.
pub(crate) struct Resolution<'t> {
    pub trusted: Result<Trusted<'t>, String>,
    pub info: Option<SignerInfo>,
    pub warnings: Vec<Warning>,
    /// Message for a passed SIGNER check.
    pub passed_message: String,
}

/// Finds the signer: x5chain decides when present, otherwise the kid.
///
/// `read_at` is the payload's readAt (or the verification time when the
/// payload is unusable); `verify_at` is the verification time, or `None`
/// for archived dumps.
pub(crate) fn resolve<'t>(env: &Envelope<'_>, trust: &'t TrustStore, read_at: i64, verify_at: Option<i64>) -> Resolution<'t> {
    let mut warnings = Vec::new();
    let kid = envelope::kid(env);
    let chain = envelope::x5chain(env);
    let kid_bytes: Option<Vec<u8>> = match &kid {
        Ok(Some((b, _))) => Some(b.to_vec()),
        _ => None,
    };
    let fail = |msg: String, info: Option<SignerInfo>, warnings: Vec<Warning>| Resolution {
        trusted: Err(msg),
        info,
        warnings,
        passed_message: String::new(),
    };

    match chain {
        Err(m) => return fail(m, None, warnings),
        Ok(Some(certs)) => {
            if let Some(k) = &kid_bytes {
                warnings.push(Warning::new(
                    "KID_IGNORED",
                    format!(
                        "the dump carries kid {} as well as x5chain; the x5chain decides trust and the kid is informational",
                        describe_kid(k)
                    ),
                ));
            }
            // A malformed kid is irrelevant when x5chain decides.
            return resolve_chain(trust, &certs, kid_bytes.as_deref(), read_at, verify_at, warnings);
        }
        Ok(None) => {}
    }
    match kid {
        Err(m) => fail(m, None, warnings),
        Ok(None) => fail("the dump has neither a kid nor an x5chain, so no signer can be looked up".to_owned(), None, warnings),
        Ok(Some((k, src))) => resolve_kid(trust, k, src, warnings),
    }
}

fn resolve_kid<'t>(trust: &'t TrustStore, kid: &[u8], src: KidSource, warnings: Vec<Warning>) -> Resolution<'t> {
    let info = SignerInfo {
        method: SignerMethod::Jwk,
        kid: Some(String::from_utf8_lossy(kid).into_owned()),
        kid_hex: Some(hex_lower(kid)),
        certificates: Vec::new(),
        anchor: None,
    };
    let candidates = trust.keys_for_kid(kid);
    if candidates.is_empty() {
        return Resolution {
            trusted: Err(format!(
                "kid {} is not among the trusted JWKs ({} key(s) trusted)",
                describe_kid(kid),
                trust.key_count()
            )),
            info: Some(info),
            warnings,
            passed_message: String::new(),
        };
    }
    let where_ = match src {
        KidSource::Protected => "protected",
        KidSource::Unprotected => "unprotected",
    };
    let passed_message = format!(
        "kid {} ({where_} header) matches {} trusted JWK(s)",
        describe_kid(kid),
        candidates.len()
    );
    Resolution {
        trusted: Ok(Trusted::Jwk { kid: kid.to_vec(), candidates }),
        info: Some(info),
        warnings,
        passed_message,
    }
}

fn resolve_chain<'t>(
    trust: &'t TrustStore,
    certs: &[&[u8]],
    kid: Option<&[u8]>,
    read_at: i64,
    verify_at: Option<i64>,
    warnings: Vec<Warning>,
) -> Resolution<'t> {
    let mut info = SignerInfo {
        method: SignerMethod::X5chain,
        kid: kid.map(|k| String::from_utf8_lossy(k).into_owned()),
        kid_hex: kid.map(hex_lower),
        certificates: Vec::new(),
        anchor: None,
    };
    match x509::validate_x5chain(trust, certs, read_at, verify_at) {
        Ok(path) => {
            let mut warnings = warnings;
            info.certificates = path.chain.iter().map(|c| c.info.clone()).collect();
            let anchor = trust.anchor_certs().get(path.anchor).map(|a| a.info.clone());
            let ignored = path.chain.len().saturating_sub(path.used);
            if ignored > 0 {
                warnings.push(Warning::new(
                    "EXTRA_CERTIFICATES",
                    format!("{ignored} x5chain certificate(s) after the trust anchor were ignored"),
                ));
            }
            let signer = path.chain.first().map(|c| c.label()).unwrap_or_default();
            let anchor_name = anchor.as_ref().map(|a| a.subject.clone()).unwrap_or_default();
            let passed_message = format!(
                "signer certificate {signer} chains to trust anchor {anchor_name} ({} certificate(s) in x5chain)",
                path.used
            );
            info.anchor = anchor;
            Resolution { trusted: Ok(Trusted::Chain(path)), info: Some(info), warnings, passed_message }
        }
        Err(f) => {
            info.certificates = f.chain;
            Resolution { trusted: Err(f.message), info: Some(info), warnings, passed_message: String::new() }
        }
    }
}

/// REVOCATION: `Ok(message)` or the failure message.
pub(crate) fn check_revocation(trust: &TrustStore, t: &Trusted<'_>) -> Result<String, String> {
    match t {
        Trusted::Jwk { kid, .. } => {
            if trust.is_kid_revoked(kid) {
                Err(format!("kid {} is revoked", describe_kid(kid)))
            } else {
                Ok(format!("kid {} is not revoked", describe_kid(kid)))
            }
        }
        Trusted::Chain(path) => {
            let mut checked = 0usize;
            for cert in path.chain.iter().take(path.used) {
                checked += 1;
                if trust.is_cert_revoked(cert) {
                    return Err(revoked_cert_message(cert));
                }
            }
            if !path.anchor_in_chain {
                if let Some(a) = trust.anchor_certs().get(path.anchor) {
                    checked += 1;
                    if trust.is_cert_revoked(a) {
                        return Err(revoked_cert_message(a));
                    }
                }
            }
            Ok(format!("none of the {checked} certificate(s) in the path is revoked"))
        }
    }
}

fn revoked_cert_message(c: &crate::core::trust::ParsedCert) -> String {
    format!(
        "certificate {} (serial {}, issued by {}) is revoked",
        c.label(),
        c.info.serial_hex,
        c.info.issuer
    )
}

/// SIGNATURE: `Ok(message)` or the failure message.
pub(crate) fn check_signature(env: &Envelope<'_>, t: &Trusted<'_>, external_aad: &[u8]) -> Result<String, String> {
    let tbs = sig_structure(env.protected_raw, external_aad, env.payload);
    let aad_note = if external_aad.is_empty() {
        "with an empty external AAD".to_owned()
    } else {
        format!("with the app's {}-byte external AAD", external_aad.len())
    };
    match t {
        Trusted::Jwk { kid, candidates } => {
            let mut last = SignatureError::Mismatch;
            for (i, c) in candidates.iter().enumerate() {
                match verify_es256(&c.key, &tbs, env.signature) {
                    Ok(()) => {
                        let which = if candidates.len() > 1 {
                            format!(" (key {} of {})", i + 1, candidates.len())
                        } else {
                            String::new()
                        };
                        return Ok(format!("ES256 signature verified with JWK {}{which}, {aad_note}", describe_kid(kid)));
                    }
                    Err(e) => last = e,
                }
            }
            Err(signature_failure(last, &format!("the JWK(s) for kid {}", describe_kid(kid)), &aad_note))
        }
        Trusted::Chain(path) => {
            let Some(key) = path.signer_key() else {
                return Err("the signer certificate has no P-256 key".to_owned());
            };
            let who = path.chain.first().map(|c| c.label()).unwrap_or_default();
            verify_with(key, &tbs, env.signature)
                .map(|()| format!("ES256 signature verified with signer certificate {who}, {aad_note}"))
                .map_err(|e| signature_failure(e, &format!("signer certificate {who}"), &aad_note))
        }
    }
}

fn verify_with(key: &VerifyingKey, tbs: &[u8], sig: &[u8]) -> Result<(), SignatureError> {
    verify_es256(key, tbs, sig)
}

fn signature_failure(e: SignatureError, who: &str, aad_note: &str) -> String {
    match e {
        SignatureError::Mismatch => format!(
            "the ES256 signature does not verify with {who} {aad_note} (content altered, wrong key, or a different external AAD)"
        ),
        other => format!("invalid ES256 signature: {other}"),
    }
}

/// A kid for messages: quoted text when printable UTF-8, else hex.
pub(crate) fn describe_kid(kid: &[u8]) -> String {
    match std::str::from_utf8(kid) {
        Ok(s) if !s.is_empty() && s.chars().all(|c| !c.is_control()) && s.chars().count() <= 64 => format!("{s:?}"),
        _ => format!("0x{}", hex_lower(kid.get(..kid.len().min(64)).unwrap_or(&[]))),
    }
}
