//! Path building and validation of a dump's x5chain against the anchors: candidate ends, the links'
//! names and signatures (with the validated-link cache), and the revocation judgement of the path.

use p256::ecdsa::{DerSignature, Signature, VerifyingKey};
use sha2::{Digest, Sha256};

use super::super::{Revoked, TrustStore};
use super::*;
use crate::core::engine::{curve_verdict, CurveEngine, Verdict};
use crate::core::i18n::{Text, TrustKey};

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
    pub revocation: Option<Revoked>,
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

/// What kind of rule stopped a path (a dump's SIGNER reason is made from it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PathFault {
    /// The x5chain is empty or longer than the policy allows.
    ChainLength,
    /// A certificate does not parse.
    BadCertificate,
    /// No anchor names the chain's issuer, or names do not chain.
    NoPath,
    /// A certificate had expired at the time it is checked at.
    Expired,
    /// A certificate was not yet valid then.
    NotYetValid,
    /// A certificate's signature does not verify with its issuer's key.
    BadLinkSignature,
    /// A per-position profile rule ([`super::profile`]), or an algorithm or key type not accepted.
    Profile,
}

/// One rule's verdict on a path: the kind of fault and a specific message.
pub(crate) type Fault = (PathFault, Text);

/// Why no path was found, plus whatever certificates parsed.
#[derive(Debug)]
pub(crate) struct PathFailure {
    pub fault: PathFault,
    pub message: Text,
    pub chain: Vec<CertInfo>,
}

/// Where a path may end: after `used` x5chain certificates, at the store's
/// anchor `anchor`, which is either the last used certificate itself
/// (`in_chain`) or its issuer.
#[derive(Debug, Clone, Copy)]
pub(super) struct PathEnd {
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
/// `policy` carries the caller's chain length and validity times; `engine` runs the curve step of
/// the certificate signatures (as of the dump's).
pub(crate) fn validate_x5chain(
    store: &TrustStore,
    x5chain: &[&[u8]],
    policy: PathPolicy,
    engine: &dyn CurveEngine,
) -> Result<ValidPath, PathFailure> {
    check_chain_count(x5chain, policy.max_chain).map_err(|message| PathFailure {
        fault: PathFault::ChainLength,
        message,
        chain: Vec::new(),
    })?;
    let chain = parse_chain(store, x5chain)?;
    let fail = |(fault, message): Fault, chain: &[ParsedCert]| PathFailure {
        fault,
        message,
        chain: chain.iter().map(|c| c.info.clone()).collect(),
    };
    let ends = candidate_ends(store, &chain);
    let Some(last) = chain.last() else {
        return Err(fail((PathFault::ChainLength, Text::new(TrustKey::ChainEmpty)), &[]));
    };
    if ends.is_empty() {
        return Err(fail(
            (
                PathFault::NoPath,
                Text::new(TrustKey::NoAnchor)
                    .with("issuer", format!("{:?}", last.info.issuer))
                    .with("cert", last.label()),
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
    let mut first_problem: Option<Fault> = None;
    let mut revoked: Option<(PathEnd, Revoked)> = None;
    for end in &ends {
        match check_path(store, &chain, *end, policy, engine) {
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
    let (fault, problem) = first_problem.unwrap_or((PathFault::NoPath, Text::new(TrustKey::ChainEmpty)));
    let message = if ends.len() > 1 {
        Text::new(TrustKey::NoValidPath).with("count", ends.len()).part("why", problem)
    } else {
        problem
    };
    Err(fail((fault, message), &chain))
}

/// The candidate path ends, in preference order (see [`validate_x5chain`]).
pub(super) fn candidate_ends(store: &TrustStore, chain: &[ParsedCert]) -> Vec<PathEnd> {
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
pub(super) fn check_path<'a>(
    store: &'a TrustStore,
    chain: &'a [ParsedCert],
    end: PathEnd,
    policy: PathPolicy,
    engine: &dyn CurveEngine,
) -> Result<Vec<&'a ParsedCert>, Fault> {
    let profile = |m| (PathFault::Profile, m);
    let mut path: Vec<&ParsedCert> = chain.iter().take(end.used).collect();
    if !end.in_chain {
        path.extend(store.anchor_certs().get(end.anchor));
    }
    check_links(store, &path, engine)?;
    for (pos, cert) in path.iter().enumerate() {
        check_validity_at(cert, policy.valid_at, "readAt")?;
        check_no_unknown_critical(cert).map_err(profile)?;
        if pos == 0 {
            if let Some(t) = policy.signer_valid_at {
                check_validity_at(cert, t, "the verification time")?;
            }
            check_signer_usage(cert).map_err(profile)?;
            check_signer_key(cert).map_err(profile)?;
        } else {
            check_is_ca(cert).map_err(profile)?;
            check_path_len(cert, pos).map_err(profile)?;
            check_ca_usage(cert).map_err(profile)?;
        }
    }
    Ok(path)
}

/// Path length limit (counted in x5chain): protects against CPU
/// exhaustion and overly long, unreviewable chains.
pub(super) fn check_chain_count(x5chain: &[&[u8]], max: usize) -> Result<(), Text> {
    if x5chain.is_empty() {
        return Err(Text::new(TrustKey::ChainEmpty));
    }
    if x5chain.len() > max {
        return Err(Text::new(TrustKey::ChainTooLong).with("count", x5chain.len()).with("max", max));
    }
    Ok(())
}

/// The x5chain certificates parsed, from the store's cache when it has them (see `CertCache`).
pub(super) fn parse_chain(store: &TrustStore, x5chain: &[&[u8]]) -> Result<Vec<ParsedCert>, PathFailure> {
    let mut chain = Vec::with_capacity(x5chain.len());
    for (i, der) in x5chain.iter().enumerate() {
        let fingerprint: [u8; 32] = Sha256::digest(der).into();
        let cached = store.cert_cache().try_borrow().ok().and_then(|c| c.get(&fingerprint).cloned());
        if let Some(c) = cached {
            chain.push(c);
            continue;
        }
        match parse_der_certificate(der) {
            Ok(c) => {
                if let Ok(mut cache) = store.cert_cache().try_borrow_mut() {
                    cache.insert(&c);
                }
                chain.push(c)
            }
            Err(e) => {
                let which = if i == 0 {
                    Text::new(TrustKey::SignerUnparsable)
                } else {
                    Text::new(TrustKey::CertificateUnparsable).with("index", i + 1)
                };
                return Err(PathFailure {
                    fault: PathFault::BadCertificate,
                    message: which.with("error", e),
                    chain: chain.iter().map(|c: &ParsedCert| c.info.clone()).collect(),
                });
            }
        }
    }
    Ok(chain)
}

/// Each certificate is issued by the next: issuer name = next subject,
/// and the next one's key verifies its signature.
pub(super) fn check_links(store: &TrustStore, path: &[&ParsedCert], engine: &dyn CurveEngine) -> Result<(), Fault> {
    for pair in path.windows(2) {
        if let [child, issuer] = pair {
            check_names_chain(child, issuer).map_err(|m| (PathFault::NoPath, m))?;
            check_link_signature(store, issuer, child, engine)?;
        }
    }
    Ok(())
}

/// Name chaining: protects against splicing an unrelated certificate
/// into the chain.
pub(super) fn check_names_chain(child: &ParsedCert, issuer: &ParsedCert) -> Result<(), Text> {
    if child.issuer_der == issuer.subject_der {
        Ok(())
    } else {
        Err(Text::new(TrustKey::NamesDoNotChain)
            .with("cert", child.label())
            .with("issuer", format!("{:?}", child.info.issuer))
            .with("next", format!("{:?}", issuer.info.subject)))
    }
}

/// ecdsa-with-SHA256 by a P-256 key, and the signature verifies (on `engine`).
/// Outcomes are cached per (issuer SPKI, certificate DER); a provisional one (an asynchronous
/// host's, not known yet) waits for its answer instead, so the cache only ever holds verdicts.
pub(crate) fn check_link_signature(
    store: &TrustStore,
    issuer: &ParsedCert,
    child: &ParsedCert,
    engine: &dyn CurveEngine,
) -> Result<(), Fault> {
    if let Some(a) = &child.foreign_sig_alg {
        let m = Text::new(TrustKey::ForeignSignatureAlgorithm).with("cert", child.label()).with("alg", a.clone());
        return Err((PathFault::Profile, m));
    }
    let Some(key) = issuer.key.as_ref() else {
        let m = Text::new(TrustKey::IssuerKeyType).with("cert", issuer.label()).with("key", issuer.key_desc.clone());
        return Err((PathFault::Profile, m));
    };
    let cache_key = link_cache_key(issuer, child);
    let cached = store.link_cache().try_borrow().ok().and_then(|c| c.get(&cache_key));
    let good = match cached {
        Some(g) => g,
        None => {
            let verdict = der_signature_rs(&child.signature).map(|rs| curve_verdict(engine, key, &child.tbs, &rs));
            if let Ok(mut c) = store.link_cache().try_borrow_mut() {
                match verdict {
                    Some(Verdict { pending: Some(question), .. }) => c.defer(question, cache_key),
                    Some(v) => c.insert(cache_key, v.valid),
                    None => c.insert(cache_key, false),
                }
            }
            verdict.is_some_and(|v| v.valid)
        }
    };
    if good {
        Ok(())
    } else {
        let m = Text::new(TrustKey::LinkSignature).with("cert", child.label()).with("issuer", issuer.label());
        Err((PathFault::BadLinkSignature, m))
    }
}

pub(super) fn link_cache_key(issuer: &ParsedCert, child: &ParsedCert) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update((issuer.spki_der.len() as u64).to_be_bytes());
    h.update(&issuer.spki_der);
    h.update(&child.der);
    h.finalize().into()
}

/// A certificate's DER ECDSA signature as r ‖ s, `None` unless it is one DER SEQUENCE of two
/// INTEGERs with r and s in [1, n−1] (what the curve step of every engine may assume).
pub(super) fn der_signature_rs(der_sig: &[u8]) -> Option<[u8; 64]> {
    let sig = DerSignature::from_bytes(der_sig).ok()?;
    let sig = Signature::try_from(sig).ok()?;
    sig.to_bytes().as_slice().try_into().ok()
}

/// Whether `der_sig` verifies `msg` with `key` on the crate's p256.
#[cfg(test)]
pub(super) fn verify_der_signature(key: &VerifyingKey, msg: &[u8], der_sig: &[u8]) -> bool {
    der_signature_rs(der_sig).is_some_and(|rs| curve_verdict(&crate::core::engine::BuiltIn, key, msg, &rs).valid)
}
