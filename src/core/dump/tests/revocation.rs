//! Revocation holds on every path that ends in a revoked key, the store
//! gives feedback on entries that match nothing, and the path builder tries
//! every candidate anchor (regression tests for issue 8's trust defects).

use super::*;
use test_support::pki::T2025;

/// A reader whose key (TestKey 4) is trusted twice: as the JWK `KID`, and
/// through a certificate under the test PKI's intermediate.
struct Twice {
    store: TrustStore,
    /// Reader certificate with the JWK's key, serial 44.
    cert: Vec<u8>,
    inter: Vec<u8>,
}

fn twice() -> Twice {
    let p = pki();
    let cert =
        CertSpec::leaf("Reader 4", "Dump Intermediate").serial(&[0x44]).build(&TestKey::new(4), &TestKey::new(2));
    let mut store = jwk_store();
    store.add_certificates(&p.root).unwrap();
    Twice { store, cert, inter: p.inter }
}

/// The JWK dump with an unprotected x5chain added (no private key needed).
fn jwk_dump_with_chain(t: &Twice, keep_kid: bool) -> D {
    let mut d = D::jwk();
    if !keep_kid {
        d.protected.retain(|(k, _)| !matches!(k, E::U(4)));
    }
    d.unprotected = vec![(E::U(33), E::A(vec![E::B(t.cert.clone()), E::B(t.inter.clone())]))];
    d
}

fn opts() -> VerifyOptions {
    VerifyOptions::at(AT)
}

#[test]
fn the_twice_trusted_key_verifies_both_ways() {
    let t = twice();
    assert!(run(&D::jwk(), &t.store, &opts()).ok);
    let r = run(&jwk_dump_with_chain(&t, false), &t.store, &opts());
    assert!(r.ok, "{r:?}");
    assert_eq!(r.signer.as_ref().unwrap().method, SignerMethod::X5chain);
}

#[test]
fn a_revoked_kid_is_not_escaped_by_adding_an_x5chain() {
    let mut t = twice();
    assert!(t.store.revoke_kid(KID).unwrap().matched);
    // Kid kept next to the chain: the dump names a revoked kid.
    let r = run(&jwk_dump_with_chain(&t, true), &t.store, &opts());
    assert_eq!(failed(&r), ["REVOCATION"], "{r:?}");
    // Kid dropped: the chain's signer key is the revoked kid's key.
    let r = run(&jwk_dump_with_chain(&t, false), &t.store, &opts());
    assert_eq!(failed(&r), ["REVOCATION"], "{r:?}");
    let m = &r.check(CheckId::Revocation).unwrap().message;
    assert!(m.contains("revoked kid \"reader-1\""), "{m}");
    assert!(!r.verified && !r.ok);
}

#[test]
fn a_revoked_certificate_is_not_escaped_by_stripping_the_x5chain() {
    let mut t = twice();
    let out = t.store.revoke_certificate(&t.cert).unwrap();
    assert!(out.added && out.matched, "{out:?}");
    // Through the chain: serial and key.
    let r = run(&jwk_dump_with_chain(&t, false), &t.store, &opts());
    assert_eq!(failed(&r), ["REVOCATION"], "{r:?}");
    // Chain stripped, kid names the JWK with the same key.
    let r = run(&D::jwk(), &t.store, &opts());
    assert_eq!(failed(&r), ["REVOCATION"], "{r:?}");
    assert!(r.check(CheckId::Revocation).unwrap().message.contains("revokeCertificate"));
    assert_eq!(status(&r, CheckId::Signature), CheckStatus::Passed);
    assert_eq!(t.store.revoked_key_thumbprints().len(), 1);
    assert_eq!(t.store.revoked_serials()[0].serial_hex, "44");
    // Revoking by serial alone is a label: it holds on X.509 paths, and the
    // outcome says the key may still be trusted as a JWK.
    let mut t = twice();
    let out = t.store.revoke_serial(&t.inter, "44").unwrap();
    assert!(out.matched);
    assert!(out.warnings.iter().any(|w| w.code == "KEY_STILL_TRUSTED"), "{out:?}");
    assert_eq!(failed(&run(&jwk_dump_with_chain(&t, false), &t.store, &opts())), ["REVOCATION"]);
}

#[test]
fn one_key_of_a_rotated_kid_can_be_revoked_alone() {
    let mut ts = TrustStore::new();
    ts.add_jwks_json(&TestKey::new(5).jwks(KID)).unwrap();
    ts.add_jwks_json(&TestKey::new(4).jwks(KID)).unwrap();
    let old = CertSpec::leaf("Old reader key", "Dump Intermediate").build(&TestKey::new(4), &TestKey::new(2));
    ts.revoke_certificate(&old).unwrap();
    // Signed by the revoked key (4): REVOCATION fails although SIGNATURE verifies.
    let r = run(&D::jwk(), &ts, &opts());
    assert_eq!(failed(&r), ["REVOCATION"], "{r:?}");
    assert!(r.check(CheckId::Revocation).unwrap().message.contains("the key that signed the dump is revoked"));
    assert_eq!(r.check(CheckId::Revocation).unwrap().reason, Some(Reason::KeyRevoked));
    // Signed by the other key (5): accepted.
    let mut d = D::jwk();
    d.sign_key = 5;
    let r = run(&d, &ts, &opts());
    assert!(r.ok, "{r:?}");
    assert!(r.check(CheckId::Revocation).unwrap().message.contains("1 of its 2 key(s) are revoked"));
    // Signed by neither: SIGNATURE fails, REVOCATION passes (one key is live).
    let mut d = D::jwk();
    d.sign_key = 9;
    assert_eq!(failed(&run(&d, &ts, &opts())), ["SIGNATURE"]);
}

#[test]
fn revoking_a_ca_certificate_revokes_its_key_on_every_path() {
    let p = pki();
    let mut ts = x509_store(&p);
    ts.revoke_certificate(&p.inter).unwrap();
    let r = run(&D::x5chain(&[p.leaf.clone(), p.inter.clone()]), &ts, &opts());
    assert_eq!(failed(&r), ["REVOCATION"], "{r:?}");
    // Its serial is listed, so the serial is what the reason names.
    assert_eq!(r.check(CheckId::Revocation).unwrap().reason, Some(Reason::CertRevoked));
    // A re-issued intermediate (new serial, same key) is revoked by key.
    let reissued = CertSpec::ca("Dump Intermediate", "Dump Root")
        .path_len(0)
        .serial(&[0x21])
        .build(&TestKey::new(2), &TestKey::new(1));
    let r = run(&D::x5chain(&[p.leaf.clone(), reissued]), &ts, &opts());
    assert_eq!(failed(&r), ["REVOCATION"], "{r:?}");
    assert!(r.check(CheckId::Revocation).unwrap().message.contains("is revoked (revokeCertificate)"));
    assert_eq!(r.check(CheckId::Revocation).unwrap().reason, Some(Reason::KeyRevoked));
}

#[test]
fn a_serial_revoked_under_any_issuer() {
    let p = pki();
    let mut ts = x509_store(&p);
    let out = ts.revoke_serial_any_issuer("7F:01").unwrap();
    assert!(out.matched);
    assert!(out.warnings.iter().any(|w| w.code == "ANY_ISSUER"));
    assert_eq!(failed(&run(&D::x5chain(&[p.leaf.clone(), p.inter.clone()]), &ts, &opts())), ["REVOCATION"]);
    assert_eq!(ts.revoked_serials()[0].issuer, None);
    assert_eq!(ts.revoked_serials()[0].serial_hex, "7f01");
    // With no anchors there is nothing it can match yet.
    let out = TrustStore::new().revoke_serial_any_issuer("01").unwrap();
    assert!(!out.matched);
    assert!(out.warnings.iter().any(|w| w.code == "NO_MATCH"));
}

fn codes(out: &crate::core::trust::RevokeOutcome) -> Vec<&'static str> {
    out.warnings.iter().map(|w| w.code.as_str()).collect()
}

#[test]
fn revocations_that_match_nothing_say_so() {
    let p = pki();
    let mut ts = jwk_store();
    ts.add_certificates(&p.root).unwrap();
    // A kid in another letter case.
    let out = ts.revoke_kid("Reader-1").unwrap();
    assert!(out.added && !out.matched);
    assert_eq!(codes(&out), ["NO_MATCH", "KID_CASE_DIFFERS"]);
    // Another Unicode normal form (NFD e + combining acute vs NFC é).
    ts.add_jwks_json(&TestKey::new(6).jwks("caf\u{e9}")).unwrap();
    let out = ts.revoke_kid("cafe\u{301}").unwrap();
    assert!(!out.matched);
    assert!(out.warnings[0].message(Locale::En).contains("Unicode normal form"));
    // The same kid twice is recorded once.
    assert!(ts.revoke_kid(KID).unwrap().added);
    let again = ts.revoke_kid(KID).unwrap();
    assert!(!again.added && again.matched && again.warnings.is_empty());
    assert_eq!(ts.revoked_kids(), ["Reader-1", "cafe\u{301}", KID]);
    // The leaf passed instead of its issuer.
    let out = ts.revoke_serial(&p.leaf, "7f01").unwrap();
    assert!(!out.matched);
    assert!(codes(&out).contains(&"NO_MATCH") && codes(&out).contains(&"NOT_A_CA"), "{out:?}");
    assert!(out.warnings.iter().any(|w| w.message(Locale::En).contains("this very serial")));
    // The right issuer matches.
    let out = ts.revoke_serial(&p.inter, "7f01").unwrap();
    assert!(out.matched && !codes(&out).contains(&"NO_MATCH"));
    // A certificate that nothing in the store relates to.
    let stray = CertSpec::leaf("Stranger", "Elsewhere").build(&TestKey::new(8), &TestKey::new(8));
    assert!(!ts.revoke_certificate(&stray).unwrap().matched);
}

#[test]
fn revocation_inputs_have_limits() {
    let mut ts = TrustStore::new();
    assert_eq!(ts.revoke_kid("").unwrap_err().code, "INVALID_KID");
    let long = "k".repeat(crate::core::trust::MAX_KID_BYTES + 1);
    let e = ts.revoke_kid(&long).unwrap_err();
    assert_eq!(e.code, "INVALID_KID");
    assert!(e.message(Locale::En).len() < 200, "the message does not echo the kid: {}", e.message(Locale::En));
    // A 10 MB serial is rejected with a short message.
    let e = ts.revoke_serial_any_issuer(&"ab".repeat(5_000_000)).unwrap_err();
    assert_eq!(e.code, "INVALID_SERIAL");
    assert!(e.message(Locale::En).len() < 300, "{} bytes", e.message(Locale::En).len());
    // The count limit holds, and an entry already recorded is still fine.
    for i in 0..crate::core::trust::MAX_REVOCATIONS {
        ts.revoke_kid(&format!("kid-{i}")).unwrap();
    }
    assert_eq!(ts.revoke_kid("one-too-many").unwrap_err().code, "TOO_LARGE");
    assert!(!ts.revoke_kid("kid-0").unwrap().added);
    assert_eq!(ts.revoked_kids().len(), crate::core::trust::MAX_REVOCATIONS);
    // Two certificates where one is expected.
    let p = pki();
    let two = format!("{}{}", test_support::pki::pem(&p.root), test_support::pki::pem(&p.inter));
    assert_eq!(ts.revoke_certificate(two.as_bytes()).unwrap_err().code, "INVALID_CERTIFICATE");
}

// ---------------------------------------------------------------------------
// Path building

#[test]
fn a_renewed_root_listed_after_the_expired_one_is_used() {
    let rk = TestKey::new(1);
    let expired = CertSpec::ca("Dump Root", "Dump Root").validity(T2025 - 86_400 * 400, T2025).build(&rk, &rk);
    let p = pki();
    let mut ts = TrustStore::new();
    ts.add_certificates(&expired).unwrap();
    ts.add_certificates(&p.root).unwrap();
    let r = run(&D::x5chain(&[p.leaf.clone(), p.inter.clone()]), &ts, &opts());
    assert!(r.ok, "{r:?}");
    assert_eq!(r.signer.as_ref().unwrap().anchor.as_ref().unwrap().not_after, "2030-01-01T00:00:00Z");
    // Only the expired one: rejected, with its reason.
    let mut only_expired = TrustStore::new();
    only_expired.add_certificates(&expired).unwrap();
    let r = run(&D::x5chain(&[p.leaf.clone(), p.inter.clone()]), &only_expired, &opts());
    assert_eq!(failed(&r), ["SIGNER"]);
    assert!(r.check(CheckId::Signer).unwrap().message.contains("expired"));
}

#[test]
fn a_revoked_root_does_not_hide_its_renewed_successor() {
    let rk = TestKey::new(1);
    let p = pki();
    let old = CertSpec::ca("Dump Root", "Dump Root").serial(&[0x99]).build(&TestKey::new(7), &TestKey::new(7));
    let renewed = CertSpec::ca("Dump Root", "Dump Root").serial(&[0x98]).build(&rk, &rk);
    let mut ts = TrustStore::new();
    ts.add_certificates(&p.root).unwrap();
    ts.add_certificates(&renewed).unwrap();
    ts.add_certificates(&old).unwrap();
    // The first valid root is revoked; the renewed one (same key, new serial)
    // is revoked too by key, so the path fails REVOCATION...
    ts.revoke_certificate(&p.root).unwrap();
    let d = D::x5chain(&[p.leaf.clone(), p.inter.clone()]);
    assert_eq!(failed(&run(&d, &ts, &opts())), ["REVOCATION"]);
    // ... while a serial-only revocation of the first root leaves the renewed one usable.
    let mut ts = TrustStore::new();
    ts.add_certificates(&p.root).unwrap();
    ts.add_certificates(&renewed).unwrap();
    ts.revoke_serial(&p.root, "01").unwrap();
    let r = run(&d, &ts, &opts());
    assert!(r.ok, "{r:?}");
    assert_eq!(r.signer.as_ref().unwrap().anchor.as_ref().unwrap().serial_hex, "98");
}

#[test]
fn signer_certificates_list_only_the_validated_path() {
    let p = pki();
    let ts = x509_store(&p);
    let stray = CertSpec::leaf("Stray", "Elsewhere").build(&TestKey::new(8), &TestKey::new(8));
    let r = run(&D::x5chain(&[p.leaf.clone(), p.inter.clone(), p.root.clone(), stray]), &ts, &opts());
    assert!(r.ok, "{r:?}");
    let s = r.signer.as_ref().unwrap();
    let subjects: Vec<&str> = s.certificates.iter().map(|c| c.subject.as_str()).collect();
    assert_eq!(subjects, ["CN=Reader 7", "CN=Dump Intermediate", "CN=Dump Root"]);
    assert_eq!(s.extra_certificates.len(), 1);
    assert_eq!(s.extra_certificates[0].subject, "CN=Stray");
    assert!(r.has_warning("EXTRA_CERTIFICATES"));
}

// ---------------------------------------------------------------------------
// Stricter signer policies

#[test]
fn a_ca_signer_warns_and_can_be_rejected() {
    let p = pki();
    let ts = x509_store(&p);
    let ca_signer =
        CertSpec::ca("Reader CA-signer", "Dump Intermediate").key_usage(0x86).build(&TestKey::new(3), &TestKey::new(2));
    let d = D::x5chain(&[ca_signer, p.inter.clone()]);
    let r = run(&d, &ts, &opts());
    assert!(r.ok, "{r:?}");
    assert!(r.has_warning("SIGNER_IS_CA"));
    let mut strict = opts();
    strict.signer_policy.reject_ca_signer = true;
    let r = run(&d, &ts, &strict);
    assert_eq!(failed(&r), ["SIGNER"]);
    assert!(r.check(CheckId::Signer).unwrap().message.contains("rejectCaSigner"));
    assert_eq!(r.check(CheckId::Signer).unwrap().reason, Some(Reason::CaSigner));
    // An end-entity signer is unaffected.
    assert!(run(&D::x5chain(&[p.leaf.clone(), p.inter.clone()]), &ts, &strict).ok);
}

fn x5t(cert: &[u8]) -> (E, E) {
    use sha2::{Digest, Sha256};
    (E::U(34), E::A(vec![E::N(-16), E::B(Sha256::digest(cert).to_vec())]))
}

#[test]
fn a_signed_chain_can_be_required() {
    let p = pki();
    let ts = x509_store(&p);
    let mut strict = opts();
    strict.signer_policy.require_signed_x5chain = true;
    let unprotected = D::x5chain(&[p.leaf.clone(), p.inter.clone()]);
    assert!(run(&unprotected, &ts, &opts()).ok);
    let r = run(&unprotected, &ts, &strict);
    assert_eq!(failed(&r), ["SIGNER"]);
    assert!(r.check(CheckId::Signer).unwrap().message.contains("requireSignedX5chain"));
    assert_eq!(r.check(CheckId::Signer).unwrap().reason, Some(Reason::UnsignedX5chain));
    // The chain in the protected header.
    let mut protected = unprotected.clone();
    protected.protected.push(protected.unprotected.remove(0));
    assert!(run(&protected, &ts, &strict).ok);
    // An unprotected chain bound by a protected x5t of the signer certificate.
    let mut bound = unprotected.clone();
    bound.protected.push(x5t(&p.leaf));
    assert!(run(&bound, &ts, &strict).ok);
}

#[test]
fn a_protected_x5t_must_match_the_chain() {
    let p = pki();
    let ts = x509_store(&p);
    // The x5t names another certificate: the chain was swapped.
    let mut d = D::x5chain(&[p.leaf.clone(), p.inter.clone()]);
    d.protected.push(x5t(&p.inter));
    let r = run(&d, &ts, &opts());
    assert_eq!(failed(&r), ["SIGNER"]);
    assert!(r.check(CheckId::Signer).unwrap().message.contains("x5t"));
    assert_eq!(r.check(CheckId::Signer).unwrap().reason, Some(Reason::X5tMismatch));
    // Malformed or unsupported x5t values fail SIGNER too.
    for bad in [
        E::A(vec![E::N(-43), E::B(vec![0; 48])]),
        E::A(vec![E::N(-16), E::B(vec![0; 31])]),
        E::A(vec![E::N(-16)]),
        E::B(vec![0; 32]),
    ] {
        let mut d = D::x5chain(&[p.leaf.clone(), p.inter.clone()]);
        d.protected.push((E::U(34), bad.clone()));
        let r = run(&d, &ts, &opts());
        assert_eq!(failed(&r), ["SIGNER"], "{bad:?}");
        assert_eq!(r.check(CheckId::Signer).unwrap().reason, Some(Reason::BadHeader), "{bad:?}");
    }
    // x5t may be listed in crit.
    let mut d = D::x5chain(&[p.leaf.clone(), p.inter.clone()]);
    d.protected.push(x5t(&p.leaf));
    d.protected.push((E::U(2), E::A(vec![E::U(34)])));
    assert!(run(&d, &ts, &opts()).ok);
}
