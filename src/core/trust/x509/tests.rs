use super::*;

/// The dump contract's path policy at these times (chain length 4).
/// [`validate_x5chain`] with the links on the crate's p256.
fn validate_x5chain_builtin(ts: &TrustStore, x5chain: &[&[u8]], policy: PathPolicy) -> Result<ValidPath, PathFailure> {
    validate_x5chain(ts, x5chain, policy, &crate::core::engine::BuiltIn)
}

fn policy(valid_at: i64, signer_valid_at: Option<i64>) -> PathPolicy {
    PathPolicy { max_chain: 4, valid_at, signer_valid_at }
}
use crate::core::date::rfc3339;
use crate::core::i18n::Locale;
use crate::core::trust::{TrustStore, MAX_CERT_BYTES, MAX_PEM_BYTES};
use std::str::FromStr;
use test_support::pki::{CertSpec, TestKey, T2025, T2030};

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
        test_support::pki::pem(&root(&rk)),
        test_support::pki::pem(&inter(&ik, &rk))
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
    let mixed =
        format!("{}-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", test_support::pki::pem(&root(&rk)));
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
    let p = validate_x5chain_builtin(&ts, &[&l], policy(NOW, Some(NOW))).unwrap();
    assert_eq!(p.used, 1);
    assert!(!p.anchor_in_chain);
    assert!(p.signer_key().is_some());
    // Chain including the anchor itself (identical DER).
    let p = validate_x5chain_builtin(&ts, &[&l, &r], policy(NOW, Some(NOW))).unwrap();
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
    assert!(validate_x5chain_builtin(&ts, &[&l, &i], policy(NOW, Some(NOW))).is_ok());
    assert!(validate_x5chain_builtin(&ts, &[&l, &i, &r], policy(NOW, Some(NOW))).is_ok());
    // Missing intermediate.
    let e = validate_x5chain_builtin(&ts, &[&l], policy(NOW, Some(NOW))).unwrap_err();
    assert!(e.message.render(Locale::En).contains("no anchor is named"), "{}", e.message.render(Locale::En));
    // Intermediate itself trusted as anchor: path ends there.
    let ts2 = store_with(&[&i]);
    let p = validate_x5chain_builtin(&ts2, &[&l], policy(NOW, Some(NOW))).unwrap();
    assert_eq!(p.used, 1);
}

#[test]
fn signer_as_anchor() {
    let (rk, _, lk) = pki();
    let l = leaf(&lk, &rk, "Test Root");
    let ts = store_with(&[&l]);
    assert!(validate_x5chain_builtin(&ts, &[&l], policy(NOW, Some(NOW))).is_ok());
}

#[test]
fn cache_is_used() {
    let (rk, ik, lk) = pki();
    let r = root(&rk);
    let i = inter(&ik, &rk);
    let l = leaf(&lk, &ik, "Test Intermediate");
    let ts = store_with(&[&r]);
    assert_eq!(ts.cached_link_count(), 0);
    validate_x5chain_builtin(&ts, &[&l, &i], policy(NOW, Some(NOW))).unwrap();
    assert_eq!(ts.cached_link_count(), 2);
    for _ in 0..5 {
        validate_x5chain_builtin(&ts, &[&l, &i], policy(NOW, Some(NOW))).unwrap();
    }
    assert_eq!(ts.cached_link_count(), 2);
}

fn expect_fail(ts: &TrustStore, chain: &[&[u8]], at: i64, needle: &str) {
    let e = validate_x5chain_builtin(ts, chain, policy(at, Some(at))).unwrap_err();
    assert!(e.message.render(Locale::En).contains(needle), "expected {needle:?} in {:?}", e.message.render(Locale::En));
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
    assert!(validate_x5chain_builtin(&ts, &[&short], policy(T2025 + 500, Some(T2025 + 500))).is_ok());
    let e = validate_x5chain_builtin(&ts, &[&short], policy(T2025 + 500, Some(T2025 + 2000))).unwrap_err();
    assert!(e.message.render(Locale::En).contains("verification time"), "{}", e.message.render(Locale::En));
    // ... fine for an archived dump.
    assert!(validate_x5chain_builtin(&ts, &[&short], policy(T2025 + 500, None)).is_ok());

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
    assert!(validate_x5chain_builtin(&ts_pl, &[&l], policy(NOW, Some(NOW))).is_ok());

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
    assert!(validate_x5chain_builtin(&ts, &[&noncrit], policy(NOW, Some(NOW))).is_ok());

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
    let p = validate_x5chain_builtin(&ts, &[&l], policy(NOW, Some(NOW))).unwrap();
    assert_eq!(p.anchor, 1);
}

#[test]
fn rfc3339_format() {
    assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
    assert_eq!(rfc3339(1_767_225_599), "2025-12-31T23:59:59Z");
    assert_eq!(rfc3339(-1), "1969-12-31T23:59:59Z");
}

/// Parsed x5chain certificates are cached by their bytes: the second validation parses nothing
/// and gives the same path; a chain that differs by one byte is parsed (and judged) afresh.
#[test]
fn parsed_certificates_are_cached_by_their_bytes() {
    let (rk, ik, lk) = pki();
    let r = root(&rk);
    let i = inter(&ik, &rk);
    let l = leaf(&lk, &ik, "Test Intermediate");
    let ts = store_with(&[&r]);
    assert_eq!(ts.cached_certificate_count(), 0);
    let first = validate_x5chain_builtin(&ts, &[&l, &i], policy(NOW, Some(NOW))).unwrap();
    assert_eq!(ts.cached_certificate_count(), 2);
    let again = validate_x5chain_builtin(&ts, &[&l, &i], policy(NOW, Some(NOW))).unwrap();
    assert_eq!(ts.cached_certificate_count(), 2);
    assert_eq!(format!("{first:?}"), format!("{again:?}"));
    // One flipped byte inside the leaf's signature: another certificate, not the cached one.
    let mut tampered = l.clone();
    let last = tampered.len() - 1;
    tampered[last] ^= 1;
    let e = validate_x5chain_builtin(&ts, &[&tampered, &i], policy(NOW, Some(NOW))).unwrap_err();
    assert_eq!(e.fault, PathFault::BadLinkSignature);
    assert_eq!(ts.cached_certificate_count(), 3);
}
