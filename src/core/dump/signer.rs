//! SIGNER and REVOCATION (docs/signed-dumps.md, "Trust model"); SIGNATURE is in `signature.rs`.

use crate::core::trust::WarningCode;
use sha2::{Digest, Sha256};

use super::envelope::{self, Envelope, HeaderBucket};
use super::pipeline::{needs, pass, Failure, Outcome, Run};
use super::report::{Reason, SignerInfo, SignerMethod};
use crate::core::engine::CurveEngine;
use crate::core::hex;
use crate::core::i18n::{DumpKey as K, Text};
use crate::core::trust::x509::{self, PathFault, ValidPath};
use crate::core::trust::{Note, Revoked, TrustStore, TrustedKey};

/// Most certificates an x5chain may carry (docs/spec/dump-format.md §4.2).
pub const MAX_X5CHAIN: usize = 4;

/// A signer the store trusts (SIGNER passed).
pub(crate) enum Trusted<'t> {
    /// Keys under the dump's kid (several under rotation).
    Jwk { kid: Vec<u8>, candidates: Vec<&'t TrustedKey> },
    /// A validated x5chain path.
    Chain(ValidPath),
}

/// The app's stricter signer rules (both off by default: the wire contract
/// allows what they reject).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SignerPolicy {
    /// Reject a dump signed directly by a CA certificate (cA=TRUE).
    pub reject_ca_signer: bool,
    /// Reject an x5chain that the signature does not cover: it must be in
    /// the protected header, or a protected `x5t` must name the signer
    /// certificate.
    pub require_signed_x5chain: bool,
}

/// SIGNER: the dump names a signer the app trusts: a trusted JWK by kid, or an x5chain that
/// validates to a trust anchor (protects against dumps signed by anyone else). Certificates are
/// checked at readAt; without a usable payload the verification time stands in for it. Leaves the
/// trusted signer for SIGNATURE and REVOCATION, and the signer info (also when it failed).
pub(crate) fn check_signer(run: &mut Run<'_>) -> Outcome {
    let env = needs(run.envelope.as_ref(), "the envelope")?;
    let opts = run.opts;
    let read_at = run.payload.as_ref().map_or(opts.at_unix, |p| p.read_at);
    let verify_at = opts.max_age_seconds.map(|_| opts.at_unix);
    let res = resolve(env, run.trust, run.engine, read_at, verify_at, opts.signer_policy);
    run.warnings.extend(res.warnings);
    run.signer_info = res.info;
    let (trusted, passed) = res.trusted?;
    run.trusted = Some(trusted);
    pass(passed)
}

/// Outcome of signer resolution.
struct Resolution<'t> {
    /// The trusted signer and the message of the passed SIGNER check.
    trusted: Result<(Trusted<'t>, Text), Failure>,
    info: Option<SignerInfo>,
    warnings: Vec<Note>,
}

impl Resolution<'_> {
    fn failed(failure: Failure, info: Option<SignerInfo>, warnings: Vec<Note>) -> Self {
        Resolution { trusted: Err(failure), info, warnings }
    }
}

/// A malformed `kid`, `x5chain` or `x5t` value.
fn bad_header(message: Text) -> Failure {
    Failure::new(Reason::BadHeader, message)
}

/// Finds the signer: x5chain decides when present, otherwise the kid.
///
/// `read_at` is the payload's readAt (or the verification time when the
/// payload is unusable); `verify_at` is the verification time, or `None`
/// for archived dumps.
fn resolve<'t>(
    env: &Envelope<'_>,
    trust: &'t TrustStore,
    engine: &dyn CurveEngine,
    read_at: i64,
    verify_at: Option<i64>,
    policy: SignerPolicy,
) -> Resolution<'t> {
    let mut warnings = Vec::new();
    let kid = envelope::kid(env);
    let kid_bytes: Option<Vec<u8>> = match &kid {
        Ok(Some((b, _))) => Some(b.to_vec()),
        _ => None,
    };
    match envelope::x5chain(env) {
        Err(m) => return Resolution::failed(bad_header(m), None, warnings),
        Ok(Some((certs, bucket))) => {
            if let Some(k) = &kid_bytes {
                warnings
                    .push(Note::new(WarningCode::KidIgnored, Text::new(K::KidIgnored).with("kid", describe_kid(k))));
            }
            let binding =
                envelope::x5t(env).map_err(bad_header).and_then(|x5t| check_chain_binding(&certs, bucket, x5t, policy));
            if let Err(f) = binding {
                return Resolution::failed(f, None, warnings);
            }
            // A malformed kid is irrelevant when x5chain decides.
            let path_policy =
                x509::PathPolicy { max_chain: MAX_X5CHAIN, valid_at: read_at, signer_valid_at: verify_at };
            return resolve_chain(trust, engine, &certs, kid_bytes.as_deref(), path_policy, policy, warnings);
        }
        Ok(None) => {}
    }
    match kid {
        Err(m) => Resolution::failed(bad_header(m), None, warnings),
        Ok(None) => Resolution::failed(Failure::new(Reason::NoSignerId, Text::new(K::NoSignerId)), None, warnings),
        Ok(Some((k, src))) => resolve_kid(trust, k, src, warnings),
    }
}

/// An unprotected x5chain is not covered by the signature, so it can be
/// swapped for another certificate of the same key (dodging revocation by
/// serial, docs/spec/dump-format-notes.md §7). A protected `x5t` (RFC 9360) binds
/// it: it must name the signer certificate. With
/// `require_signed_x5chain`, an unbound chain is rejected.
fn check_chain_binding(
    certs: &[&[u8]],
    bucket: HeaderBucket,
    x5t: Option<[u8; 32]>,
    policy: SignerPolicy,
) -> Result<(), Failure> {
    let signer = certs.first().copied().unwrap_or(&[]);
    match x5t {
        Some(hash) if Sha256::digest(signer).as_slice() != hash.as_slice() => {
            Err(Failure::new(Reason::X5tMismatch, Text::new(K::X5tMismatch)))
        }
        Some(_) => Ok(()),
        None if bucket == HeaderBucket::Unprotected && policy.require_signed_x5chain => {
            Err(Failure::new(Reason::UnsignedX5chain, Text::new(K::UnsignedX5chain)))
        }
        None => Ok(()),
    }
}

fn resolve_kid<'t>(trust: &'t TrustStore, kid: &[u8], src: HeaderBucket, warnings: Vec<Note>) -> Resolution<'t> {
    let info = SignerInfo {
        method: SignerMethod::Jwk,
        kid: Some(String::from_utf8_lossy(kid).into_owned()),
        kid_hex: Some(hex::lower(kid)),
        certificates: Vec::new(),
        extra_certificates: Vec::new(),
        anchor: None,
        trust_list: None,
    };
    let candidates = trust.keys_for_kid(kid);
    if candidates.is_empty() {
        let message = Text::new(K::UnknownKid).with("kid", describe_kid(kid)).with("count", trust.key_count());
        return Resolution::failed(Failure::new(Reason::UnknownKid, message), Some(info), warnings);
    }
    let passed =
        Text::new(K::KidOk).with("kid", describe_kid(kid)).term("header", src.as_str()).with("count", candidates.len());
    Resolution { trusted: Ok((Trusted::Jwk { kid: kid.to_vec(), candidates }, passed)), info: Some(info), warnings }
}

fn resolve_chain<'t>(
    trust: &'t TrustStore,
    engine: &dyn CurveEngine,
    certs: &[&[u8]],
    kid: Option<&[u8]>,
    path_policy: x509::PathPolicy,
    policy: SignerPolicy,
    mut warnings: Vec<Note>,
) -> Resolution<'t> {
    let mut info = SignerInfo {
        method: SignerMethod::X5chain,
        kid: kid.map(|k| String::from_utf8_lossy(k).into_owned()),
        kid_hex: kid.map(hex::lower),
        certificates: Vec::new(),
        extra_certificates: Vec::new(),
        anchor: None,
        trust_list: None,
    };
    let path = match x509::validate_x5chain(trust, certs, path_policy, engine) {
        Ok(path) => path,
        Err(f) => {
            info.certificates = f.chain;
            return Resolution::failed(Failure::new(path_reason(f.fault), f.message), Some(info), warnings);
        }
    };
    info.certificates = path.path_certs().iter().map(|c| c.info.clone()).collect();
    info.extra_certificates = path.extra_certs().iter().map(|c| c.info.clone()).collect();
    info.anchor = trust.anchor_certs().get(path.anchor).map(|a| a.info.clone());
    info.trust_list = trust.anchor_origin(path.anchor).and_then(|o| trust.list_of(o));
    if !info.extra_certificates.is_empty() {
        warnings.push(Note::new(
            WarningCode::ExtraCertificates,
            Text::new(K::ExtraCertificates).with("count", info.extra_certificates.len()),
        ));
    }
    let signer = path.signer().map(|c| c.label()).unwrap_or_default();
    if let Err(f) = check_ca_signer(&path, policy, &mut warnings) {
        return Resolution::failed(f, Some(info), warnings);
    }
    let anchor_name = info.anchor.as_ref().map(|a| a.subject.clone()).unwrap_or_default();
    let passed = Text::new(K::ChainOk).with("signer", signer).with("anchor", anchor_name).with("count", path.used);
    Resolution { trusted: Ok((Trusted::Chain(path), passed)), info: Some(info), warnings }
}

/// The SIGNER reason for a path the x509 rules rejected.
fn path_reason(fault: PathFault) -> Reason {
    match fault {
        PathFault::ChainLength => Reason::ChainTooLong,
        PathFault::BadCertificate => Reason::BadCertificate,
        PathFault::NoPath => Reason::NoPath,
        PathFault::Expired => Reason::CertExpired,
        PathFault::NotYetValid => Reason::CertNotYetValid,
        PathFault::BadLinkSignature => Reason::BadChainSignature,
        PathFault::Profile => Reason::CertProfile,
    }
}

/// A CA certificate (cA=TRUE) signing dumps directly is allowed by the wire
/// contract, but a CA key that signs data is a key that is used outside its
/// purpose: warn, or fail with `reject_ca_signer`.
fn check_ca_signer(path: &ValidPath, policy: SignerPolicy, warnings: &mut Vec<Note>) -> Result<(), Failure> {
    let Some(signer) = path.signer().filter(|s| s.is_ca()) else { return Ok(()) };
    if policy.reject_ca_signer {
        return Err(Failure::new(Reason::CaSigner, Text::new(K::CaSignerRejected).with("cert", signer.label())));
    }
    warnings.push(Note::new(WarningCode::SignerIsCa, Text::new(K::SignerIsCa).with("cert", signer.label())));
    Ok(())
}

/// REVOCATION: revocation applies to keys on every path, not only to the
/// label the dump used (docs/signed-dumps.md, "Revocation"). Fails when the
/// dump names a revoked kid, when any certificate of the path is revoked or
/// carries a revoked key, or when the JWK that verified the signature (or,
/// when none did, every candidate key) is revoked.
pub(crate) fn check_revocation(run: &mut Run<'_>) -> Outcome {
    let env = needs(run.envelope.as_ref(), "the envelope")?;
    let trusted = needs(run.trusted.as_ref(), "the trusted signer")?;
    let named_kid = envelope::kid(env).ok().flatten().map(|(k, _)| k);
    if let Some(kid) = named_kid.filter(|k| run.trust.is_kid_revoked(k)) {
        return Err(Failure::new(Reason::KidRevoked, Text::new(K::KidRevoked).with("kid", describe_kid(kid))));
    }
    match trusted {
        Trusted::Jwk { kid, candidates } => {
            jwk_revocation(run.trust, kid, candidates, run.signed.as_ref().and_then(|s| s.jwk_index))
        }
        // Judged once, while the path was chosen (validate_x5chain prefers unrevoked paths).
        Trusted::Chain(path) => match &path.revocation {
            Some(Revoked::Serial(why)) => Err(Failure::new(Reason::CertRevoked, why.clone())),
            Some(Revoked::Key(why)) => Err(Failure::new(Reason::KeyRevoked, why.clone())),
            None => pass(Text::new(K::PathNotRevoked).with("count", path.len_with_anchor())),
        },
    }
}

fn jwk_revocation(trust: &TrustStore, kid: &[u8], candidates: &[&TrustedKey], verified: Option<usize>) -> Outcome {
    let revoked: Vec<Option<Text>> = candidates.iter().map(|c| trust.key_revocation(&c.sec1)).collect();
    match verified {
        Some(i) => {
            if let Some(Some(why)) = revoked.get(i) {
                return Err(Failure::new(Reason::KeyRevoked, Text::new(K::SigningKeyRevoked).part("why", why.clone())));
            }
        }
        None => {
            if let Some(Some(why)) = revoked.first().filter(|_| revoked.iter().all(Option::is_some)) {
                let m = Text::new(K::EveryKeyRevoked).with("kid", describe_kid(kid)).part("why", why.clone());
                return Err(Failure::new(Reason::KeyRevoked, m));
            }
        }
    }
    let n = revoked.iter().filter(|r| r.is_some()).count();
    pass(if n == 0 {
        Text::new(K::KidNotRevoked).with("kid", describe_kid(kid))
    } else {
        Text::new(K::KidNotRevokedSome)
            .with("kid", describe_kid(kid))
            .with("revoked", n)
            .with("count", candidates.len())
    })
}

/// A kid for messages: quoted text when printable UTF-8, else hex.
pub(crate) fn describe_kid(kid: &[u8]) -> String {
    match std::str::from_utf8(kid) {
        Ok(s) if !s.is_empty() && s.chars().all(|c| !c.is_control()) && s.chars().count() <= 64 => format!("{s:?}"),
        _ => format!("0x{}", hex::lower(kid.get(..kid.len().min(64)).unwrap_or(&[]))),
    }
}
