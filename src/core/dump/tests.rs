//! Unit tests for dump verification: one or more cases per check id, the
//! skip policy, report shape, and never-panic property tests.

use proptest::prelude::*;

use super::*;
use crate::core::engine::{question_id, Answer, Question, QuestionId, Recorder};
use crate::core::i18n::Locale;
use std::collections::HashMap;
use Reason as R;
// The permissive CBOR writer (duplicate keys, raw bytes, odd encodings) as `E`.
use test_support::cbor::{enc, Item as E};
use test_support::pki::{CertSpec, TestKey};

mod revocation;

// ---------------------------------------------------------------------------
// Test material

/// 2026-06-01T00:00:00Z.
const READ_AT: i64 = 1_780_272_000;
const AT: i64 = READ_AT + 30;
const KID: &str = "reader-1";

/// Writes `s` as UTF-16LE at `off`, space-padded to `chars` characters.
fn put(block: &mut [u8], off: usize, chars: usize, s: &str) {
    let mut units: Vec<u16> = s.encode_utf16().collect();
    units.resize(chars, 0x20);
    for (i, u) in units.iter().enumerate() {
        block[off + 2 * i..off + 2 * i + 2].copy_from_slice(&u.to_le_bytes());
    }
}

fn blank_block() -> Vec<u8> {
    let mut b = vec![0u8; 256];
    put(&mut b, 0, 128, "");
    b
}

/// A well-formed mainland text block (GB 11643 standard example number).
pub(super) fn mainland_block() -> Vec<u8> {
    let mut b = blank_block();
    put(&mut b, 0, 15, "张三");
    put(&mut b, 30, 1, "2");
    put(&mut b, 32, 2, "01");
    put(&mut b, 36, 8, "19491231");
    put(&mut b, 52, 35, "北京市东城区测试街道1号");
    put(&mut b, 122, 18, "11010519491231002X");
    put(&mut b, 158, 15, "北京市公安局东城分局");
    put(&mut b, 188, 8, "20200101");
    put(&mut b, 204, 8, "20400101");
    put(&mut b, 248, 1, " ");
    b
}

/// A well-formed 2023 permanent-resident text block (NIA specimen number).
fn fpr2023_block() -> Vec<u8> {
    let mut b = blank_block();
    put(&mut b, 0, 15, "");
    put(&mut b, 30, 1, "2");
    put(&mut b, 32, 2, "00");
    put(&mut b, 36, 8, "19810803");
    put(&mut b, 52, 35, "ZHENGJIAN, YANGBEN");
    put(&mut b, 122, 18, "911124198108030024");
    put(&mut b, 188, 8, "20230808");
    put(&mut b, 204, 8, "20330807");
    put(&mut b, 242, 3, "CAN");
    put(&mut b, 248, 1, "Y");
    b
}

fn default_payload() -> Vec<(E, E)> {
    vec![(E::U(0), E::U(1)), (E::U(1), E::B(mainland_block())), (E::U(4), E::U(READ_AT as u64))]
}

/// Sets (or appends) a payload key.
fn with(mut fields: Vec<(E, E)>, key: u64, value: E) -> Vec<(E, E)> {
    match fields.iter().position(|(k, _)| matches!(k, E::U(n) if *n == key)) {
        Some(i) => fields[i].1 = value,
        None => fields.push((E::U(key), value)),
    }
    fields
}

fn without(fields: Vec<(E, E)>, key: u64) -> Vec<(E, E)> {
    fields.into_iter().filter(|(k, _)| !matches!(k, E::U(n) if *n == key)).collect()
}

/// A dump under construction; `bytes()` signs it.
#[derive(Clone)]
struct D {
    protected: Vec<(E, E)>,
    protected_raw: Option<Vec<u8>>,
    unprotected: Vec<(E, E)>,
    payload: Vec<(E, E)>,
    payload_raw: Option<Vec<u8>>,
    payload_item: Option<E>,
    signature: Option<E>,
    sign_key: u8,
    aad: Vec<u8>,
    tag: Option<u64>,
    extra_items: Vec<E>,
}

impl D {
    fn jwk() -> D {
        D {
            protected: vec![(E::U(1), E::N(-7)), (E::U(4), E::B(KID.as_bytes().to_vec()))],
            protected_raw: None,
            unprotected: vec![],
            payload: default_payload(),
            payload_raw: None,
            payload_item: None,
            signature: None,
            sign_key: 4,
            aad: vec![],
            tag: Some(18),
            extra_items: vec![],
        }
    }

    fn x5chain(chain: &[Vec<u8>]) -> D {
        let value = if chain.len() == 1 {
            E::B(chain[0].clone())
        } else {
            E::A(chain.iter().map(|c| E::B(c.clone())).collect())
        };
        D { protected: vec![(E::U(1), E::N(-7))], unprotected: vec![(E::U(33), value)], sign_key: 3, ..D::jwk() }
    }

    fn protected_bytes(&self) -> Vec<u8> {
        match &self.protected_raw {
            Some(raw) => raw.clone(),
            None if self.protected.is_empty() => vec![],
            None => enc(&E::M(self.protected.clone())),
        }
    }

    fn payload_bytes(&self) -> Vec<u8> {
        self.payload_raw.clone().unwrap_or_else(|| enc(&E::M(self.payload.clone())))
    }

    fn bytes(&self) -> Vec<u8> {
        let prot = self.protected_bytes();
        let payload = self.payload_bytes();
        let sig = TestKey::new(self.sign_key).sign(&sig_structure(&prot, &self.aad, &payload));
        let mut items = vec![
            E::B(prot),
            E::M(self.unprotected.clone()),
            self.payload_item.clone().unwrap_or(E::B(payload)),
            self.signature.clone().unwrap_or(E::B(sig)),
        ];
        items.extend(self.extra_items.iter().cloned());
        let arr = E::A(items);
        enc(&match self.tag {
            Some(t) => E::Tag(t, Box::new(arr)),
            None => arr,
        })
    }
}

struct Pki {
    root: Vec<u8>,
    inter: Vec<u8>,
    leaf: Vec<u8>,
}

fn pki() -> Pki {
    let (rk, ik, lk) = (TestKey::new(1), TestKey::new(2), TestKey::new(3));
    Pki {
        root: CertSpec::ca("Dump Root", "Dump Root").build(&rk, &rk),
        inter: CertSpec::ca("Dump Intermediate", "Dump Root").path_len(0).serial(&[0x20]).build(&ik, &rk),
        leaf: CertSpec::leaf("Reader 7", "Dump Intermediate").serial(&[0x00, 0x7f, 0x01]).build(&lk, &ik),
    }
}

fn jwk_store() -> TrustStore {
    let mut ts = TrustStore::new();
    ts.add_jwks_json(&TestKey::new(4).jwks(KID)).unwrap();
    ts
}

fn x509_store(p: &Pki) -> TrustStore {
    let mut ts = TrustStore::new();
    ts.add_certificates(&p.root).unwrap();
    ts
}

fn failed(r: &DumpReport) -> Vec<&'static str> {
    r.failed_checks().into_iter().map(CheckId::as_str).collect()
}

fn status(r: &DumpReport, id: CheckId) -> CheckStatus {
    r.status(id)
}

fn assert_shape(r: &DumpReport) {
    assert_eq!(r.checks.len(), 12);
    for (c, id) in r.checks.iter().zip(CheckId::ALL) {
        assert_eq!(c.id, id);
        assert!(!c.message.is_empty());
    }
    assert_eq!(r.ok, r.failed_checks().is_empty());
}

fn run(d: &D, ts: &TrustStore, opts: &VerifyOptions) -> DumpReport {
    let r = verify_dump(&d.bytes(), ts, opts);
    assert_shape(&r);
    r
}

// ---------------------------------------------------------------------------
// Happy paths

#[test]
fn jwk_dump_is_accepted() {
    let ts = jwk_store();
    let r = run(&D::jwk(), &ts, &VerifyOptions::at(AT));
    assert!(r.ok, "{r:?}");
    assert!(r.verified);
    assert_eq!(status(&r, CheckId::Nonce), CheckStatus::Skipped);
    for id in CheckId::ALL {
        if id != CheckId::Nonce {
            assert_eq!(status(&r, id), CheckStatus::Passed, "{id}: {r:?}");
        }
    }
    let card = r.card.as_ref().unwrap();
    assert!(card.verified);
    let s = r.signer.as_ref().unwrap();
    assert_eq!(s.method, SignerMethod::Jwk);
    assert_eq!(s.kid.as_deref(), Some(KID));
    assert_eq!(s.kid_hex.as_deref(), Some("7265616465722d31"));
    assert_eq!(r.read_at, Some(EpochSeconds(READ_AT)));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

/// A host engine with a fixed answer: shows which engine a run used.
struct FixedHost(Option<bool>);

impl CurveEngine for FixedHost {
    fn name(&self) -> EngineName {
        EngineName::Node
    }
    fn verify(&self, _: &p256::ecdsa::VerifyingKey, _: &[u8], _: &[u8; 64]) -> Answer {
        self.0.map_or(Answer::Unknown, Answer::Final)
    }
}

#[test]
fn the_engine_option_and_the_report_say_who_ran_the_curve_step() {
    let ts = jwk_store();
    let bytes = D::jwk().bytes();
    let opts = VerifyOptions::at(AT);
    let wasm = verify_dump(&bytes, &ts, &opts);
    assert_eq!(wasm.signature, Some(SignatureInfo { engine: EngineName::Wasm }));
    // The host's "no" is SIGNATURE's MISMATCH; its "yes" passes; no answer falls back to p256.
    let host_no = verify_dump_on(&bytes, &ts, &opts, &FixedHost(Some(false)));
    assert_eq!(failed(&host_no), ["SIGNATURE"]);
    assert_eq!(host_no.signature, Some(SignatureInfo { engine: EngineName::Node }));
    let host_yes = verify_dump_on(&bytes, &ts, &opts, &FixedHost(Some(true)));
    assert!(host_yes.ok);
    assert_eq!(host_yes.signature, Some(SignatureInfo { engine: EngineName::Node }));
    let fallback = verify_dump_on(&bytes, &ts, &opts, &FixedHost(None));
    assert!(fallback.ok);
    assert_eq!(fallback.signature, Some(SignatureInfo { engine: EngineName::Wasm }));
    // engine: 'wasm' ignores the host.
    let forced = VerifyOptions { engine: EngineChoice::Wasm, ..VerifyOptions::at(AT) };
    let r = verify_dump_on(&bytes, &ts, &forced, &FixedHost(Some(false)));
    assert!(r.ok);
    assert_eq!(r.signature, Some(SignatureInfo { engine: EngineName::Wasm }));
    // No curve step (SIGNER failed, SIGNATURE skipped): no engine.
    let r = verify_dump_on(&bytes, &TrustStore::new(), &opts, &FixedHost(Some(true)));
    assert_eq!(status(&r, CheckId::Signature), CheckStatus::Skipped);
    assert_eq!(r.signature, None);
}

#[test]
fn untagged_and_unprotected_kid_are_accepted() {
    let ts = jwk_store();
    let mut d = D::jwk();
    d.tag = None;
    assert!(run(&d, &ts, &VerifyOptions::at(AT)).ok);
    let mut d = D::jwk();
    d.protected = vec![(E::U(1), E::N(-7))];
    d.unprotected = vec![(E::U(4), E::B(KID.as_bytes().to_vec()))];
    assert!(run(&d, &ts, &VerifyOptions::at(AT)).ok);
}

#[test]
fn protected_kid_wins() {
    let ts = jwk_store();
    let mut d = D::jwk();
    d.unprotected = vec![(E::U(4), E::B(b"someone-else".to_vec()))];
    let r = run(&d, &ts, &VerifyOptions::at(AT));
    assert!(r.ok, "{r:?}");
    // And the reverse: unknown protected kid, known unprotected kid -> SIGNER.
    let mut d = D::jwk();
    d.protected = vec![(E::U(1), E::N(-7)), (E::U(4), E::B(b"someone-else".to_vec()))];
    d.unprotected = vec![(E::U(4), E::B(KID.as_bytes().to_vec()))];
    assert_eq!(failed(&run(&d, &ts, &VerifyOptions::at(AT))), ["SIGNER"]);
}

#[test]
fn x5chain_dump_is_accepted() {
    let p = pki();
    let ts = x509_store(&p);
    for chain in [vec![p.leaf.clone(), p.inter.clone()], vec![p.leaf.clone(), p.inter.clone(), p.root.clone()]] {
        let r = run(&D::x5chain(&chain), &ts, &VerifyOptions::at(AT));
        assert!(r.ok, "{r:?}");
        assert!(r.verified);
        let s = r.signer.as_ref().unwrap();
        assert_eq!(s.method, SignerMethod::X5chain);
        assert_eq!(s.certificates.len(), chain.len());
        assert_eq!(s.certificates[0].subject, "CN=Reader 7");
        assert_eq!(s.certificates[0].serial_hex, "7f01");
        assert_eq!(s.anchor.as_ref().unwrap().subject, "CN=Dump Root");
    }
    // x5chain in the protected header works too.
    let mut d = D::x5chain(&[p.leaf.clone(), p.inter.clone()]);
    d.protected.push(d.unprotected.remove(0));
    assert!(run(&d, &ts, &VerifyOptions::at(AT)).ok);
}

#[test]
fn x5chain_with_kid_warns() {
    let p = pki();
    let ts = x509_store(&p);
    let mut d = D::x5chain(&[p.leaf.clone(), p.inter.clone()]);
    d.unprotected.push((E::U(4), E::B(b"whatever".to_vec())));
    let r = run(&d, &ts, &VerifyOptions::at(AT));
    assert!(r.ok, "{r:?}");
    assert!(r.has_warning("KID_IGNORED"));
    assert_eq!(r.signer.as_ref().unwrap().kid.as_deref(), Some("whatever"));
    // A malformed kid does not matter when x5chain decides.
    let mut d = D::x5chain(&[p.leaf.clone(), p.inter.clone()]);
    d.unprotected.push((E::U(4), E::U(5)));
    assert!(run(&d, &ts, &VerifyOptions::at(AT)).ok);
}

#[test]
fn optional_payload_fields_are_reported() {
    let ts = jwk_store();
    let mut d = D::jwk();
    d.payload = with(d.payload, 2, E::B(vec![0x57; 1024]));
    d.payload = with(d.payload, 3, E::B(vec![0x46; 1024]));
    d.payload = with(d.payload, 5, E::B(vec![1, 2, 3, 4, 5, 6, 7, 8]));
    d.payload = with(d.payload, 6, E::T("SAM-0001".into()));
    d.payload = with(d.payload, 7, E::B(vec![0xca, 0xfe]));
    let mut opts = VerifyOptions::at(AT);
    opts.expected_nonce = Some(vec![1, 2, 3, 4, 5, 6, 7, 8]);
    let r = run(&d, &ts, &opts);
    assert!(r.ok, "{r:?}");
    assert_eq!(status(&r, CheckId::Nonce), CheckStatus::Passed);
    assert_eq!(r.photo.as_ref().unwrap().0.len(), 1024);
    assert_eq!(r.fingerprint.as_ref().unwrap().0.len(), 1024);
    assert_eq!(r.reader_id.as_deref(), Some("SAM-0001"));
    assert_eq!(r.chip_serial.as_ref().unwrap().to_hex(), "cafe");
    assert!(!r.has_warning("UNEXPECTED_FINGERPRINT"));
}

#[test]
fn report_serializes_with_the_documented_shape() {
    let ts = jwk_store();
    let mut d = D::jwk();
    d.payload = with(d.payload, 5, E::B(vec![0xab; 8]));
    let r = run(&d, &ts, &VerifyOptions::at(AT));
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(v["verified"], true);
    assert_eq!(v["checks"][0]["id"], "ENVELOPE");
    assert_eq!(v["checks"][8]["id"], "CARD_LAYOUT");
    assert_eq!(v["checks"][10]["id"], "CARD_CONSISTENCY");
    assert_eq!(v["checks"][7]["status"], "skipped");
    assert_eq!(v["checks"][0]["status"], "passed");
    assert_eq!(v["readAtMs"], READ_AT * 1000);
    assert!(v.get("readAt").is_none());
    assert_eq!(v["nonce"], "abababababababab");
    assert_eq!(v["signer"]["method"], "jwk");
    assert_eq!(v["signer"]["kidHex"], "7265616465722d31");
    assert!(v["card"]["layout"].is_string());
    assert!(v["card"]["numberReport"].is_object());
    assert_eq!(v["card"]["verified"], true);
    assert!(v["warnings"].is_array());
}

// ---------------------------------------------------------------------------
// ENVELOPE

fn assert_envelope_failure(bytes: &[u8], needle: &str) {
    let ts = jwk_store();
    let r = verify_dump(bytes, &ts, &VerifyOptions::at(AT));
    assert_shape(&r);
    assert_eq!(failed(&r), ["ENVELOPE"], "{r:?}");
    assert!(
        r.check(CheckId::Envelope).unwrap().message.contains(needle),
        "expected {needle:?} in {:?}",
        r.check(CheckId::Envelope).unwrap().message
    );
    for id in CheckId::ALL.into_iter().skip(1) {
        assert_eq!(status(&r, id), CheckStatus::Skipped);
    }
    assert!(!r.verified && r.card.is_none() && r.signer.is_none());
}

#[test]
fn envelope_failures() {
    let good = D::jwk();
    assert_envelope_failure(b"", "not well-formed CBOR");
    assert_envelope_failure(b"hello", "not well-formed CBOR");
    let mut trailing = good.bytes();
    trailing.push(0x00);
    assert_envelope_failure(&trailing, "trailing bytes");
    let mut d = good.clone();
    d.tag = Some(98);
    assert_envelope_failure(&d.bytes(), "tag 98");
    let mut d = good.clone();
    d.tag = Some(17);
    assert_envelope_failure(&d.bytes(), "tag 17");
    let mut d = good.clone();
    d.tag = Some(18);
    let nested = enc(&E::Tag(18, Box::new(E::Raw(d.bytes()))));
    assert_envelope_failure(&nested, "tag 18 wraps a tagged item");
    let mut d = good.clone();
    d.extra_items = vec![E::Null];
    assert_envelope_failure(&d.bytes(), "array of 4 elements");
    assert_envelope_failure(&enc(&E::A(vec![E::B(vec![]), E::M(vec![]), E::B(vec![])])), "array of 4 elements");
    assert_envelope_failure(&enc(&E::M(vec![])), "not a COSE_Sign1 array");
    let mut d = good.clone();
    d.payload_item = Some(E::Null);
    assert_envelope_failure(&d.bytes(), "detached");
    let mut d = good.clone();
    d.payload_item = Some(E::M(vec![]));
    assert_envelope_failure(&d.bytes(), "payload is a map");
    let mut d = good.clone();
    d.signature = Some(E::B(TestKey::new(4).sign_der(b"x")));
    assert_envelope_failure(&d.bytes(), "DER-encoded");
    let mut d = good.clone();
    d.signature = Some(E::B(vec![1; 63]));
    assert_envelope_failure(&d.bytes(), "63 bytes");
    let mut d = good.clone();
    d.signature = Some(E::B(vec![1; 65]));
    assert_envelope_failure(&d.bytes(), "65 bytes");
    let mut d = good.clone();
    d.signature = Some(E::T("sig".into()));
    assert_envelope_failure(&d.bytes(), "signature is a text string");
    let mut d = good.clone();
    d.protected_raw = Some(enc(&E::A(vec![])));
    assert_envelope_failure(&d.bytes(), "protected header contains a array");
    let mut d = good.clone();
    d.protected_raw = Some(vec![0xa1, 0x01]);
    assert_envelope_failure(&d.bytes(), "protected header is not well-formed");
    let mut d = good.clone();
    d.protected_raw = Some(vec![0xa2, 0x01, 0x26, 0x01, 0x26]);
    assert_envelope_failure(&d.bytes(), "duplicate key");
    let mut d = good.clone();
    d.unprotected = vec![(E::U(4), E::B(vec![1])), (E::U(4), E::B(vec![2]))];
    assert_envelope_failure(&d.bytes(), "duplicate key");
    let mut d = good.clone();
    d.unprotected = vec![(E::B(vec![1]), E::U(1))];
    assert_envelope_failure(&d.bytes(), "label of type byte string");
}

#[test]
fn envelope_indefinite_and_oversize() {
    let good = D::jwk().bytes();
    // Re-encode the outer array as indefinite length: d2 9f ... ff.
    assert_eq!(good[0], 0xd2);
    assert_eq!(good[1], 0x84);
    let mut indef = vec![0xd2, 0x9f];
    indef.extend_from_slice(&good[2..]);
    indef.push(0xff);
    assert_envelope_failure(&indef, "indefinite-length");
    let big = vec![0u8; MAX_DUMP_BYTES + 1];
    assert_envelope_failure(&big, "more than the 65536 allowed");
    // Exactly at the limit is parsed (and fails for another reason).
    let mut d = D::jwk();
    d.unprotected = vec![(E::U(99), E::B(vec![]))];
    let base = d.bytes().len();
    let pad = MAX_DUMP_BYTES - base - 2; // the bstr header grows from 1 byte to 3 (0x59 + u16)
    d.unprotected = vec![(E::U(99), E::B(vec![0; pad]))];
    let at_limit = d.bytes();
    assert_eq!(at_limit.len(), MAX_DUMP_BYTES);
    assert!(verify_dump(&at_limit, &jwk_store(), &VerifyOptions::at(AT)).ok);
}

#[test]
fn envelope_crit_rules() {
    let base = D::jwk();
    // Unknown label listed in crit.
    let mut d = base.clone();
    d.protected.push((E::U(2), E::A(vec![E::U(99)])));
    d.protected.push((E::U(99), E::U(0)));
    assert_envelope_failure(&d.bytes(), "crit lists header label 99");
    let mut d = base.clone();
    d.protected.push((E::U(2), E::A(vec![E::T("x-custom".into())])));
    assert_envelope_failure(&d.bytes(), "x-custom");
    let mut d = base.clone();
    d.protected.push((E::U(2), E::A(vec![])));
    assert_envelope_failure(&d.bytes(), "empty array");
    let mut d = base.clone();
    d.unprotected.push((E::U(2), E::A(vec![E::U(4)])));
    assert_envelope_failure(&d.bytes(), "must be in the protected header");
    // crit listing understood, present labels is fine.
    let mut d = base.clone();
    d.protected.push((E::U(2), E::A(vec![E::U(1), E::U(4)])));
    assert!(run(&d, &jwk_store(), &VerifyOptions::at(AT)).ok);
    // Unknown labels not in crit are ignored.
    let mut d = base.clone();
    d.protected.push((E::U(99), E::T("ignored".into())));
    d.unprotected.push((E::T("x".into()), E::U(1)));
    assert!(run(&d, &jwk_store(), &VerifyOptions::at(AT)).ok);
}

#[test]
fn envelope_alg_or_x5chain_in_both_headers() {
    let mut d = D::jwk();
    d.unprotected.push((E::U(1), E::N(-7)));
    assert_envelope_failure(&d.bytes(), "alg (label 1) appears in both");
}

// ---------------------------------------------------------------------------
// PAYLOAD

fn assert_payload_failure(payload: Vec<(E, E)>, needle: &str) {
    let mut d = D::jwk();
    d.payload = payload;
    assert_payload_failure_raw(d, needle);
}

fn assert_payload_failure_raw(d: D, needle: &str) {
    let r = run(&d, &jwk_store(), &VerifyOptions::at(AT));
    assert_eq!(failed(&r), ["PAYLOAD"], "{r:?}");
    let msg = &r.check(CheckId::Payload).unwrap().message;
    assert!(msg.contains(needle), "expected {needle:?} in {msg:?}");
    // The signed bytes are still checked.
    for id in [CheckId::Algorithm, CheckId::Signer, CheckId::Revocation, CheckId::Signature] {
        assert_eq!(status(&r, id), CheckStatus::Passed, "{id}");
    }
    for id in [
        CheckId::Freshness,
        CheckId::Nonce,
        CheckId::CardLayout,
        CheckId::CardNumber,
        CheckId::CardConsistency,
        CheckId::CardValidity,
    ] {
        assert_eq!(status(&r, id), CheckStatus::Skipped, "{id}");
    }
    assert!(r.verified, "signature over a malformed payload still verifies");
    assert!(r.card.is_none() && r.read_at.is_none());
}

#[test]
fn payload_failures() {
    let p = default_payload;
    assert_payload_failure(without(p(), 0), "key 0 (version)");
    assert_payload_failure(without(p(), 1), "key 1 (text)");
    assert_payload_failure(without(p(), 4), "key 4 (readAt)");
    assert_payload_failure(with(p(), 0, E::U(2)), "version 2 is not supported");
    assert_payload_failure(with(p(), 0, E::T("1".into())), "version (0) is a text string");
    assert_payload_failure(with(p(), 1, E::B(vec![0x20; 255])), "255 bytes, expected exactly 256");
    assert_payload_failure(with(p(), 1, E::B(vec![0x20; 257])), "257 bytes");
    assert_payload_failure(with(p(), 1, E::T("text".into())), "not a byte string");
    assert_payload_failure(with(p(), 2, E::B(vec![0; 1023])), "photo (2) is 1023 bytes");
    assert_payload_failure(with(p(), 3, E::B(vec![0; 1025])), "fingerprint (3) is 1025 bytes");
    assert_payload_failure(with(p(), 4, E::N(-1)), "readAt (4) is a negative integer");
    assert_payload_failure(with(p(), 4, E::U(u64::MAX)), "out of range");
    assert_payload_failure(with(p(), 5, E::B(vec![0; 7])), "nonce (5) is 7 bytes, expected 8 to 64");
    assert_payload_failure(with(p(), 5, E::B(vec![0; 65])), "65 bytes");
    assert_payload_failure(with(p(), 6, E::T(String::new())), "readerId (6) is 0 characters");
    assert_payload_failure(with(p(), 6, E::T("读".repeat(65))), "65 characters");
    assert_payload_failure(with(p(), 6, E::B(b"id".to_vec())), "readerId (6) is a byte string");
    assert_payload_failure(with(p(), 7, E::B(vec![])), "chipSerial (7) is 0 bytes");
    assert_payload_failure(with(p(), 7, E::B(vec![0; 33])), "33 bytes");
    let mut neg = p();
    neg.push((E::N(-1), E::U(0)));
    assert_payload_failure(neg, "key of type negative integer");
    let mut txt = p();
    txt.push((E::T("x".into()), E::U(0)));
    assert_payload_failure(txt, "key of type text string");

    let mut d = D::jwk();
    d.payload_raw = Some(enc(&E::A(vec![])));
    assert_payload_failure_raw(d, "not a map");
    let mut d = D::jwk();
    let mut dup = enc(&E::M(p()));
    dup[0] += 1; // one more pair
    dup.extend_from_slice(&enc(&E::U(4)));
    dup.extend_from_slice(&enc(&E::U(READ_AT as u64)));
    d.payload_raw = Some(dup);
    assert_payload_failure_raw(d, "duplicate key");
    let mut d = D::jwk();
    let mut indef = vec![0xbf];
    indef.extend_from_slice(&enc(&E::M(p()))[1..]);
    indef.push(0xff);
    d.payload_raw = Some(indef);
    assert_payload_failure_raw(d, "indefinite-length");
    let mut d = D::jwk();
    let mut trailing = enc(&E::M(p()));
    trailing.push(0);
    d.payload_raw = Some(trailing);
    assert_payload_failure_raw(d, "trailing bytes");
    let mut d = D::jwk();
    d.payload_raw = Some(vec![]);
    assert_payload_failure_raw(d, "not well-formed");
}

#[test]
fn unknown_payload_keys_warn() {
    let mut d = D::jwk();
    d.payload = with(d.payload, 8, E::T("future".into()));
    d.payload = with(d.payload, 1000, E::A(vec![]));
    let r = run(&d, &jwk_store(), &VerifyOptions::at(AT));
    assert!(r.ok, "{r:?}");
    assert_eq!(r.warnings.iter().filter(|w| w.code == "UNKNOWN_PAYLOAD_KEY").count(), 2);
}

// ---------------------------------------------------------------------------
// ALGORITHM

#[test]
fn algorithm_failures() {
    type Case = (Vec<(E, E)>, Vec<(E, E)>, &'static str);
    let cases: Vec<Case> = vec![
        (vec![(E::U(1), E::N(-35)), (E::U(4), E::B(KID.into()))], vec![], "alg is -35 (ES384)"),
        (vec![(E::U(1), E::N(-8)), (E::U(4), E::B(KID.into()))], vec![], "EdDSA"),
        (vec![(E::U(1), E::T("ES256".into())), (E::U(4), E::B(KID.into()))], vec![], "text \"ES256\""),
        (vec![(E::U(4), E::B(KID.into()))], vec![], "missing from the protected header"),
        (vec![(E::U(4), E::B(KID.into()))], vec![(E::U(1), E::N(-7))], "only in the unprotected header"),
        (vec![], vec![(E::U(4), E::B(KID.into()))], "missing"),
    ];
    for (prot, unprot, needle) in cases {
        let mut d = D::jwk();
        d.protected = prot;
        d.unprotected = unprot;
        let r = run(&d, &jwk_store(), &VerifyOptions::at(AT));
        assert_eq!(failed(&r), ["ALGORITHM"], "{r:?}");
        assert!(r.check(CheckId::Algorithm).unwrap().message.contains(needle), "{needle}");
        assert_eq!(status(&r, CheckId::Signer), CheckStatus::Passed);
        assert_eq!(status(&r, CheckId::Revocation), CheckStatus::Passed);
        assert_eq!(status(&r, CheckId::Signature), CheckStatus::Skipped);
        assert!(!r.verified);
        assert_eq!(status(&r, CheckId::CardLayout), CheckStatus::Passed);
    }
}

// ---------------------------------------------------------------------------
// SIGNER

/// SIGNER failed with `reason` and a message containing `needle`, and what that implies.
fn assert_signer_failure(reason: Reason, d: &D, ts: &TrustStore, opts: &VerifyOptions, needle: &str) -> DumpReport {
    let r = run(d, ts, opts);
    assert_eq!(failed(&r), ["SIGNER"], "{r:?}");
    let msg = &r.check(CheckId::Signer).unwrap().message;
    assert!(msg.contains(needle), "expected {needle:?} in {msg:?}");
    assert_eq!(r.check(CheckId::Signer).unwrap().reason, Some(reason), "{msg}");
    assert_eq!(status(&r, CheckId::Revocation), CheckStatus::Skipped);
    assert_eq!(status(&r, CheckId::Signature), CheckStatus::Skipped);
    assert!(!r.verified);
    // Content checks still ran; the card is shown but not vouched for.
    assert_eq!(status(&r, CheckId::Freshness), CheckStatus::Passed);
    assert!(!r.card.as_ref().unwrap().verified);
    r
}

#[test]
fn signer_failures_jwk() {
    let opts = VerifyOptions::at(AT);
    let mut d = D::jwk();
    d.protected = vec![(E::U(1), E::N(-7)), (E::U(4), E::B(b"reader-2".to_vec()))];
    let r =
        assert_signer_failure(R::UnknownKid, &d, &jwk_store(), &opts, "kid \"reader-2\" is not among the trusted JWKs");
    assert_eq!(r.signer.as_ref().unwrap().kid.as_deref(), Some("reader-2"));
    assert_signer_failure(R::UnknownKid, &D::jwk(), &TrustStore::new(), &opts, "0 key(s) trusted");
    let mut d = D::jwk();
    d.protected = vec![(E::U(1), E::N(-7))];
    assert_signer_failure(R::NoSignerId, &d, &jwk_store(), &opts, "neither a kid nor an x5chain");
    let mut d = D::jwk();
    d.protected = vec![(E::U(1), E::N(-7)), (E::U(4), E::T(KID.into()))];
    assert_signer_failure(R::BadHeader, &d, &jwk_store(), &opts, "kid (label 4) is a text string");
    // Binary kids are shown in hex.
    let mut d = D::jwk();
    d.protected = vec![(E::U(1), E::N(-7)), (E::U(4), E::B(vec![0xff, 0x00]))];
    assert_signer_failure(R::UnknownKid, &d, &jwk_store(), &opts, "kid 0xff00");
    // A JWK set does not vouch for x5chain dumps, nor anchors for kids.
    let p = pki();
    assert_signer_failure(
        R::NoPath,
        &D::x5chain(&[p.leaf.clone(), p.inter.clone()]),
        &jwk_store(),
        &opts,
        "no anchor is named",
    );
    assert_signer_failure(R::UnknownKid, &D::jwk(), &x509_store(&p), &opts, "not among the trusted JWKs");
}

#[test]
fn signer_failures_x5chain() {
    let p = pki();
    let ts = x509_store(&p);
    let opts = VerifyOptions::at(AT);
    assert_signer_failure(
        R::NoPath,
        &D::x5chain(std::slice::from_ref(&p.leaf)),
        &ts,
        &opts,
        "no anchor is named \"CN=Dump Intermediate\"",
    );
    let r = assert_signer_failure(
        R::BadCertificate,
        &D::x5chain(&[b"\x30\x03\x02\x01\x01".to_vec()]),
        &ts,
        &opts,
        "signer certificate does not parse",
    );
    assert!(r.signer.as_ref().unwrap().certificates.is_empty());
    let r = assert_signer_failure(
        R::BadCertificate,
        &D::x5chain(&[p.leaf.clone(), vec![0x30]]),
        &ts,
        &opts,
        "#2 does not parse",
    );
    assert_eq!(r.signer.as_ref().unwrap().certificates.len(), 1);
    let five = vec![p.leaf.clone(), p.inter.clone(), p.inter.clone(), p.inter.clone(), p.root.clone()];
    assert_signer_failure(R::ChainTooLong, &D::x5chain(&five), &ts, &opts, "more than the 4 allowed");
    let mut d = D::x5chain(std::slice::from_ref(&p.leaf));
    d.unprotected = vec![(E::U(33), E::A(vec![]))];
    assert_signer_failure(R::BadHeader, &d, &ts, &opts, "empty array");
    let mut d = D::x5chain(std::slice::from_ref(&p.leaf));
    d.unprotected = vec![(E::U(33), E::A(vec![E::B(p.leaf.clone()), E::U(1)]))];
    assert_signer_failure(R::BadHeader, &d, &ts, &opts, "element #2");
    let mut d = D::x5chain(std::slice::from_ref(&p.leaf));
    d.unprotected = vec![(E::U(33), E::T("cert".into()))];
    assert_signer_failure(R::BadHeader, &d, &ts, &opts, "x5chain (label 33) is a text string");
    // Issued in the intermediate's name but signed by another key: the link does not verify.
    let forged = CertSpec::leaf("Reader 7", "Dump Intermediate").build(&TestKey::new(3), &TestKey::new(8));
    let d = D::x5chain(&[forged, p.inter.clone()]);
    assert_signer_failure(R::BadChainSignature, &d, &ts, &opts, "does not verify with the key of");
    // Expired at readAt.
    let lk = TestKey::new(3);
    let old = CertSpec::leaf("Reader 7", "Dump Intermediate")
        .validity(test_support::pki::T2025, READ_AT - 1)
        .build(&lk, &TestKey::new(2));
    let r = assert_signer_failure(R::CertExpired, &D::x5chain(&[old.clone(), p.inter.clone()]), &ts, &opts, "expired");
    assert!(r.check(CheckId::Signer).unwrap().message.contains("before readAt 2026-06-01T00:00:00Z"));
    // Valid at readAt, expired at the verification time; fine when archived.
    let edge = CertSpec::leaf("Reader 7", "Dump Intermediate")
        .validity(test_support::pki::T2025, READ_AT + 10)
        .build(&lk, &TestKey::new(2));
    assert_signer_failure(
        R::CertExpired,
        &D::x5chain(&[edge.clone(), p.inter.clone()]),
        &ts,
        &opts,
        "before the verification time",
    );
    let mut archived = VerifyOptions::at(AT);
    archived.max_age_seconds = None;
    assert!(run(&D::x5chain(&[edge, p.inter.clone()]), &ts, &archived).ok);
}

#[test]
fn signer_key_must_match_certificate() {
    // The x5chain is valid, but the dump was signed by another key.
    let p = pki();
    let mut d = D::x5chain(&[p.leaf.clone(), p.inter.clone()]);
    d.sign_key = 9;
    let r = run(&d, &x509_store(&p), &VerifyOptions::at(AT));
    assert_eq!(failed(&r), ["SIGNATURE"]);
}

// ---------------------------------------------------------------------------
// REVOCATION

#[test]
fn revoked_kid() {
    let mut ts = jwk_store();
    ts.revoke_kid(KID).unwrap();
    let r = run(&D::jwk(), &ts, &VerifyOptions::at(AT));
    assert_eq!(failed(&r), ["REVOCATION"], "{r:?}");
    assert_eq!(status(&r, CheckId::Signature), CheckStatus::Passed);
    assert!(!r.verified && !r.ok);
    assert!(r.check(CheckId::Revocation).unwrap().message.contains("revoked"));
    // Revoking another kid changes nothing.
    let mut ts = jwk_store();
    assert!(!ts.revoke_kid("reader-2").unwrap().matched);
    assert!(run(&D::jwk(), &ts, &VerifyOptions::at(AT)).ok);
}

#[test]
fn revoked_serials() {
    let p = pki();
    let d = D::x5chain(&[p.leaf.clone(), p.inter.clone()]);
    // Signer revoked (serial written with leading zeros and in upper case).
    let mut ts = x509_store(&p);
    ts.revoke_serial(&p.inter, "0x00007F01").unwrap();
    let r = run(&d, &ts, &VerifyOptions::at(AT));
    assert_eq!(failed(&r), ["REVOCATION"], "{r:?}");
    assert!(r.check(CheckId::Revocation).unwrap().message.contains("CN=Reader 7"));
    // Intermediate revoked (issuer = root).
    let mut ts = x509_store(&p);
    ts.revoke_serial(&p.root, "20").unwrap();
    assert_eq!(failed(&run(&d, &ts, &VerifyOptions::at(AT))), ["REVOCATION"]);
    // Same serial under another issuer does not match.
    let mut ts = x509_store(&p);
    ts.revoke_serial(&p.root, "7f:01").unwrap();
    assert!(run(&d, &ts, &VerifyOptions::at(AT)).ok);
    assert_eq!(ts.revoked_serials()[0].serial_hex, "7f01");
    assert_eq!(ts.revoked_serials()[0].issuer, Some("CN=Dump Root".to_owned()));
    // Bad serial input.
    assert_eq!(ts.revoke_serial(&p.root, "xyz").unwrap_err().code, "INVALID_SERIAL");
    assert_eq!(ts.revoke_serial(b"junk", "01").unwrap_err().code, "INVALID_CERTIFICATE");
}

// ---------------------------------------------------------------------------
// SIGNATURE

#[test]
fn signature_failures() {
    let ts = jwk_store();
    let opts = VerifyOptions::at(AT);
    // Signed by another key under the same kid.
    let mut d = D::jwk();
    d.sign_key = 5;
    let r = run(&d, &ts, &opts);
    assert_eq!(failed(&r), ["SIGNATURE"]);
    assert!(!r.verified);
    assert!(!r.card.as_ref().unwrap().verified);
    // Content altered after signing.
    let mut bytes = D::jwk().bytes();
    let pos = bytes.len() - 64 - 10;
    bytes[pos] ^= 0x01;
    let r = verify_dump(&bytes, &ts, &opts);
    assert_eq!(failed(&r), ["SIGNATURE"]);
    // Signed for another external AAD.
    let mut d = D::jwk();
    d.aad = b"https://other.example".to_vec();
    assert_eq!(failed(&run(&d, &ts, &opts)), ["SIGNATURE"]);
    let mut with_aad = VerifyOptions::at(AT);
    with_aad.external_aad = b"https://other.example".to_vec();
    assert!(run(&d, &ts, &with_aad).ok);
    assert_eq!(failed(&run(&D::jwk(), &ts, &with_aad)), ["SIGNATURE"]);
    // r = 0 and s = n.
    let mut d = D::jwk();
    d.signature = Some(E::B(vec![0; 64]));
    let r = run(&d, &ts, &opts);
    assert_eq!(failed(&r), ["SIGNATURE"]);
    assert!(r.check(CheckId::Signature).unwrap().message.contains("outside [1, n-1]"));
}

#[test]
fn rotation_tries_every_key_under_the_kid() {
    let mut ts = TrustStore::new();
    ts.add_jwks_json(&TestKey::new(5).jwks(KID)).unwrap();
    ts.add_jwks_json(&TestKey::new(4).jwks(KID)).unwrap();
    let r = run(&D::jwk(), &ts, &VerifyOptions::at(AT));
    assert!(r.ok, "{r:?}");
    assert!(r.check(CheckId::Signature).unwrap().message.contains("key 2 of 2"));
}

// ---------------------------------------------------------------------------
// FRESHNESS and NONCE

#[test]
fn freshness() {
    let ts = jwk_store();
    // Exactly at the skew limit passes; one second more fails.
    let r = run(&D::jwk(), &ts, &VerifyOptions::at(READ_AT - 300));
    assert!(r.ok, "{r:?}");
    let r = run(&D::jwk(), &ts, &VerifyOptions::at(READ_AT - 301));
    assert_eq!(failed(&r), ["FRESHNESS"]);
    assert!(r.check(CheckId::Freshness).unwrap().message.contains("is 5 min 1 s after the verification time"));
    // Maximum age.
    assert!(run(&D::jwk(), &ts, &VerifyOptions::at(READ_AT + 600)).ok);
    let r = run(&D::jwk(), &ts, &VerifyOptions::at(READ_AT + 601));
    assert_eq!(failed(&r), ["FRESHNESS"]);
    assert!(r.check(CheckId::Freshness).unwrap().message.contains("maximum age of 10 min"));
    // The same in Chinese: durations in the locale's units.
    let zh = run(&D::jwk(), &ts, &VerifyOptions { locale: Locale::ZhCn, ..VerifyOptions::at(READ_AT + 601) });
    let m = &zh.check(CheckId::Freshness).unwrap().message;
    assert!(m.contains("早 10 分 1 秒") && m.contains("最长有效时长 10 分"), "{m}");
    // Archived dumps.
    let mut opts = VerifyOptions::at(READ_AT + 86_400 * 30);
    opts.max_age_seconds = None;
    assert!(run(&D::jwk(), &ts, &opts).ok);
    // Custom skew / age.
    let mut opts = VerifyOptions::at(READ_AT - 1000);
    opts.clock_skew_seconds = 1000;
    assert!(run(&D::jwk(), &ts, &opts).ok);
    // Extreme values do not overflow.
    let mut opts = VerifyOptions::at(i64::MIN);
    opts.clock_skew_seconds = u64::MAX;
    let r = run(&D::jwk(), &ts, &opts);
    assert_eq!(status(&r, CheckId::Freshness), CheckStatus::Passed);
    let mut opts = VerifyOptions::at(i64::MAX);
    opts.max_age_seconds = Some(u64::MAX);
    run(&D::jwk(), &ts, &opts);
}

#[test]
fn nonce() {
    let ts = jwk_store();
    let mut opts = VerifyOptions::at(AT);
    opts.expected_nonce = Some(vec![7; 16]);
    let r = run(&D::jwk(), &ts, &opts);
    assert_eq!(failed(&r), ["NONCE"]);
    assert!(r.check(CheckId::Nonce).unwrap().message.contains("carries none"));
    let mut d = D::jwk();
    d.payload = with(d.payload, 5, E::B(vec![7; 15]));
    let r = run(&d, &ts, &opts);
    assert_eq!(failed(&r), ["NONCE"]);
    assert!(r.check(CheckId::Nonce).unwrap().message.contains("differs"));
    d.payload = with(d.payload, 5, E::B(vec![7; 16]));
    assert!(run(&d, &ts, &opts).ok);
}

// ---------------------------------------------------------------------------
// CARD_*

#[test]
fn card_layout_failure_skips_other_card_checks() {
    let mut block = mainland_block();
    block[248] = b'?';
    block[249] = 0xd8; // an unpaired surrogate as the type marker
    let mut d = D::jwk();
    d.payload = with(d.payload, 1, E::B(block));
    let r = run(&d, &jwk_store(), &VerifyOptions::at(AT));
    assert_eq!(failed(&r), ["CARD_LAYOUT"], "{r:?}");
    for id in [CheckId::CardNumber, CheckId::CardConsistency, CheckId::CardValidity] {
        assert_eq!(status(&r, id), CheckStatus::Skipped);
    }
    assert!(r.card.is_none());
    assert!(r.verified);
}

#[test]
fn card_number_failure_skips_consistency() {
    let mut block = mainland_block();
    put(&mut block, 122, 18, "110105194912310021"); // wrong check digit
    let mut d = D::jwk();
    d.payload = with(d.payload, 1, E::B(block));
    let r = run(&d, &jwk_store(), &VerifyOptions::at(AT));
    assert_eq!(failed(&r), ["CARD_NUMBER"], "{r:?}");
    assert_eq!(status(&r, CheckId::CardConsistency), CheckStatus::Skipped);
    assert_eq!(status(&r, CheckId::CardValidity), CheckStatus::Passed);
    assert!(r.card.is_some());
}

#[test]
fn card_validity_uses_read_at() {
    let mut block = mainland_block();
    put(&mut block, 204, 8, "20260531");
    let mut d = D::jwk();
    d.payload = with(d.payload, 1, E::B(block));
    let r = run(&d, &jwk_store(), &VerifyOptions::at(AT));
    // READ_AT is 2026-06-01 08:00 in China: one day after the end date.
    assert_eq!(failed(&r), ["CARD_VALIDITY"], "{r:?}");
}

#[test]
fn fingerprint_on_a_card_without_fingerprints_warns() {
    let mut d = D::jwk();
    d.payload = with(d.payload, 1, E::B(fpr2023_block()));
    d.payload = with(d.payload, 3, E::B(vec![0x46; 1024]));
    let r = run(&d, &jwk_store(), &VerifyOptions::at(AT));
    assert!(r.ok, "{r:?}");
    assert!(r.has_warning("UNEXPECTED_FINGERPRINT"));
    assert!(r.fingerprint.is_some());
}

// ---------------------------------------------------------------------------
// Caching and robustness

#[test]
fn chain_signatures_are_cached_across_dumps() {
    let p = pki();
    let ts = x509_store(&p);
    let d = D::x5chain(&[p.leaf.clone(), p.inter.clone()]);
    let bytes = d.bytes();
    for _ in 0..20 {
        assert!(verify_dump(&bytes, &ts, &VerifyOptions::at(AT)).ok);
    }
    assert_eq!(ts.cached_link_count(), 2);
    // Validity is still evaluated per dump.
    let r = verify_dump(&bytes, &ts, &VerifyOptions::at(test_support::pki::T2030 + 1));
    assert!(failed(&r).contains(&"SIGNER"));
}

fn valid_samples() -> Vec<Vec<u8>> {
    let p = pki();
    let mut d = D::jwk();
    d.payload = with(d.payload, 5, E::B(vec![9; 8]));
    vec![D::jwk().bytes(), d.bytes(), D::x5chain(&[p.leaf.clone(), p.inter.clone()]).bytes()]
}

fn both_stores() -> TrustStore {
    let p = pki();
    let mut ts = x509_store(&p);
    ts.add_jwks_json(&TestKey::new(4).jwks(KID)).unwrap();
    ts
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let ts = both_stores();
        let r = verify_dump(&bytes, &ts, &VerifyOptions::at(AT));
        prop_assert_eq!(r.checks.len(), 12);
        prop_assert_eq!(r.ok, r.failed_checks().is_empty());
        prop_assert!(r.status(CheckId::Envelope) == CheckStatus::Failed);
    }

    #[test]
    fn mutated_valid_dumps_never_panic(
        which in 0usize..3,
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), 0u8..4), 1..6),
    ) {
        let ts = both_stores();
        let mut bytes = valid_samples().swap_remove(which);
        for (pos, val, kind) in edits {
            if bytes.is_empty() { break; }
            let i = pos % bytes.len();
            match kind {
                0 => bytes[i] = val,
                1 => bytes[i] ^= 1 << (val % 8),
                2 => bytes.truncate(i),
                _ => bytes.insert(i, val),
            }
        }
        let r = verify_dump(&bytes, &ts, &VerifyOptions::at(AT));
        prop_assert_eq!(r.checks.len(), 12);
        for (c, id) in r.checks.iter().zip(CheckId::ALL) {
            prop_assert_eq!(c.id, id);
        }
        prop_assert_eq!(r.ok, r.failed_checks().is_empty());
        // Skip policy invariants.
        if r.status(CheckId::Envelope) == CheckStatus::Failed {
            prop_assert!(r.checks.iter().skip(1).all(|c| c.status == CheckStatus::Skipped));
        }
        if r.status(CheckId::Signer) != CheckStatus::Passed {
            prop_assert_eq!(r.status(CheckId::Signature), CheckStatus::Skipped);
            prop_assert!(!r.verified);
        }
        if r.verified {
            prop_assert_eq!(r.status(CheckId::Signature), CheckStatus::Passed);
        }
    }
}

/// One optimistic round (core/engine.rs): the report, the questions asked and which of them the
/// report assumed "yes" for.
fn recorded(
    bytes: &[u8],
    ts: &TrustStore,
    answers: &HashMap<QuestionId, bool>,
    last: bool,
) -> (DumpReport, Vec<Question>, Vec<u32>) {
    let rec = Recorder::new(EngineName::Webcrypto, answers, last);
    let r = verify_dump_on(bytes, ts, &VerifyOptions::at(AT), &rec);
    let assumed = rec.take_assumed();
    (r, rec.into_questions(), assumed)
}

/// The crate's p256 answering a recorded question (what a correct host answers).
fn reference_answer(q: &Question) -> bool {
    let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(&q.key).unwrap();
    assert_eq!(q.id, question_id(&key, &q.msg, &q.sig));
    BuiltIn.verify(&key, &q.msg, &q.sig) == Answer::Final(true)
}

/// A report as JSON with `signature.engine` left out (the one field that names the engine).
fn without_engine(r: &DumpReport) -> serde_json::Value {
    let mut v = serde_json::to_value(r).unwrap();
    if let Some(sig) = v.get_mut("signature").and_then(|s| s.as_object_mut()) {
        assert!(sig.remove("engine").is_some());
    }
    v
}

/// The asynchronous-host protocol gives the reference report on valid and invalid dumps and
/// links: a round's report is kept only if every answer it assumed is "yes", otherwise the round
/// is run again with the answers; the link cache holds only answered links.
#[test]
fn optimistic_rounds_give_the_reference_report_and_cache_only_answers() {
    let p = pki();
    let forged_link =
        CertSpec::leaf("Reader 7", "Dump Intermediate").serial(&[0x09]).build(&TestKey::new(3), &TestKey::new(7));
    let wrong_key = D { sign_key: 5, ..D::jwk() };
    let x509 = || x509_store(&p);
    type Case<'a> = (&'a str, Vec<u8>, &'a dyn Fn() -> TrustStore, usize, bool);
    let cases: Vec<Case> = vec![
        ("jwk", D::jwk().bytes(), &jwk_store, 1, true),
        ("jwk, wrong key", wrong_key.bytes(), &jwk_store, 1, false),
        ("x5chain", D::x5chain(&[p.leaf.clone(), p.inter.clone()]).bytes(), &x509, 3, true),
        ("x5chain, forged link", D::x5chain(&[forged_link, p.inter.clone()]).bytes(), &x509, 3, false),
    ];
    for (name, bytes, store, asked, all_yes) in cases {
        // The reference on a store of its own (its link cache must not answer for the rounds).
        let reference = verify_dump(&bytes, &store(), &VerifyOptions::at(AT));
        let ts = store();
        let none = HashMap::new();
        let (first, questions, assumed) = recorded(&bytes, &ts, &none, false);
        assert_eq!(questions.len(), asked, "{name}");
        assert_eq!(assumed.len(), asked, "{name}");
        assert!(first.ok, "{name}: a provisional round assumes every curve step passes");
        assert_eq!(first.signature, Some(SignatureInfo { engine: EngineName::Webcrypto }), "{name}");
        assert_eq!(ts.cached_link_count(), 0, "{name}: nothing provisional is cached");
        let answers: HashMap<QuestionId, bool> = questions.iter().map(|q| (q.id, reference_answer(q))).collect();
        assert_eq!(answers.values().all(|&v| v), all_yes, "{name}");
        let kept = if all_yes {
            first
        } else {
            let (second, more, _) = recorded(&bytes, &ts, &answers, false);
            assert!(more.is_empty(), "{name}: every question was answered");
            second
        };
        assert_eq!(without_engine(&kept), without_engine(&reference), "{name}");
        assert_eq!(kept.ok, all_yes, "{name}");
        // The answers settle the links that waited for them; a later round asks only the dump's.
        ts.settle_answers(&answers);
        assert_eq!(ts.cached_link_count(), asked - 1, "{name}");
        if all_yes {
            assert_eq!(recorded(&bytes, &ts, &none, false).1.len(), 1, "{name}");
        }
        // The last round asks nothing: what the host did not answer, the crate's p256 does.
        let (last, nothing, _) = recorded(&bytes, &ts, &none, true);
        assert!(nothing.is_empty());
        assert_eq!(without_engine(&last), without_engine(&reference), "{name}");
    }
}

/// The x5chain's certificate signatures run on the run's engine too (issue 12), with the cache
/// keeping its verdicts.
#[test]
fn certificate_links_run_on_the_host_engine() {
    let p = pki();
    let bytes = D::x5chain(&[p.leaf.clone(), p.inter.clone()]).bytes();
    let opts = VerifyOptions::at(AT);
    // A host that says "no" to everything: the first link fails, so SIGNER does.
    let r = verify_dump_on(&bytes, &x509_store(&p), &opts, &FixedHost(Some(false)));
    assert_eq!(failed(&r), ["SIGNER"]);
    // A host that says "yes" decides a forged link as well (this only shows who decides).
    let forged =
        CertSpec::leaf("Reader 7", "Dump Intermediate").serial(&[0x09]).build(&TestKey::new(3), &TestKey::new(7));
    let forged = D::x5chain(&[forged, p.inter.clone()]).bytes();
    assert_eq!(failed(&verify_dump(&forged, &x509_store(&p), &opts)), ["SIGNER"]);
    let ts = x509_store(&p);
    assert!(verify_dump_on(&forged, &ts, &opts, &FixedHost(Some(true))).ok);
    assert_eq!(ts.cached_link_count(), 2);
    // engine: 'wasm' keeps the links on the crate's p256.
    let wasm = VerifyOptions { engine: EngineChoice::Wasm, ..VerifyOptions::at(AT) };
    assert_eq!(failed(&verify_dump_on(&forged, &x509_store(&p), &wasm, &FixedHost(Some(true)))), ["SIGNER"]);
}

mod trust_lists {
    //! A verified trust list in a store (docs/spec/trust-list.md checks 10-11 and §4), seen
    //! through the dumps it makes the store accept.
    use super::*;
    use crate::core::codes::MisuseCode;
    use crate::core::dump::trust_list::tests::{signers, AT as LIST_AT, L};
    use crate::core::dump::trust_list::{add_trust_list, verify_trust_list, TrustList};
    use crate::core::trust::ListRef;

    fn list(l: &L) -> TrustList {
        verify_trust_list(&l.bytes(), &signers(), LIST_AT, &BuiltIn).unwrap()
    }

    fn add(ts: &mut TrustStore, l: &L, min: Option<u64>) -> Result<crate::core::trust::TrustListOutcome, MisuseCode> {
        add_trust_list(ts, &list(l), min).map_err(|e| e.code)
    }

    fn jwk_dump_ok(ts: &TrustStore) -> DumpReport {
        verify_dump(&D::jwk().bytes(), ts, &VerifyOptions::at(AT))
    }

    #[test]
    fn a_list_trusts_its_keys_and_the_report_names_it() {
        let mut ts = TrustStore::new();
        let out = add(&mut ts, &L::new(), None).unwrap();
        assert_eq!((out.changes.unchanged, out.changes.keys_added, out.changes.revocations_added), (false, 1, 2));
        let r = jwk_dump_ok(&ts);
        assert!(r.ok, "{:?}", r.failed_checks());
        let from = r.signer.as_ref().and_then(|s| s.trust_list.clone());
        assert_eq!(from, Some(ListRef { id: "cn.example.readers".into(), sequence: 7 }));
        // The same key added by the app too: the report names no list (the app vouches for it).
        ts.add_jwks_json(&TestKey::new(4).jwks(KID)).unwrap();
        assert_eq!(jwk_dump_ok(&ts).signer.and_then(|s| s.trust_list), None);
        // Hand-added material, a fresh store: no list.
        assert_eq!(jwk_dump_ok(&jwk_store()).signer.and_then(|s| s.trust_list), None);
    }

    #[test]
    fn rollback_conflict_and_the_same_version_again() {
        let mut ts = TrustStore::new();
        add(&mut ts, &L::new(), None).unwrap();
        assert!(add(&mut ts, &L::new(), None).unwrap().changes.unchanged);
        assert_eq!(add(&mut ts, &L::new().with(2, E::U(6)), None).unwrap_err(), MisuseCode::TrustListRollback);
        let other = L::new().with(7, E::A(vec![E::T("reader-9".into())]));
        assert_eq!(add(&mut ts, &other, None).unwrap_err(), MisuseCode::TrustListConflict);
        assert_eq!(add(&mut TrustStore::new(), &L::new(), Some(8)).unwrap_err(), MisuseCode::TrustListRollback);
        assert!(add(&mut TrustStore::new(), &L::new(), Some(7)).is_ok());
        // A rejected list changed nothing: the store still holds sequence 7 and its key.
        assert!(jwk_dump_ok(&ts).ok);
        assert!(add(&mut ts, &L::new().with(2, E::U(8)), None).is_ok());
    }

    #[test]
    fn a_newer_version_replaces_the_material_and_keeps_every_revocation() {
        let mut ts = TrustStore::new();
        add(&mut ts, &L::new(), None).unwrap();
        let v8 = L::new().with(2, E::U(8)).without(5).without(7);
        let out = add(&mut ts, &v8, None).unwrap();
        assert_eq!((out.changes.keys_added, out.changes.keys_removed), (0, 1));
        assert_eq!(failed(&jwk_dump_ok(&ts)), ["SIGNER"]);
        assert_eq!(ts.revoked_kids(), ["reader-0"], "revocations of earlier versions stay");
        // A key the app added itself stays when the list drops it.
        let mut both = TrustStore::new();
        both.add_jwks_json(&TestKey::new(4).jwks(KID)).unwrap();
        add(&mut both, &L::new(), None).unwrap();
        add(&mut both, &v8, None).unwrap();
        assert!(jwk_dump_ok(&both).ok);
        assert_eq!(both.key_count(), 1);
    }

    #[test]
    fn list_revocations_apply_on_every_path() {
        // The reader key revoked by thumbprint (key 9): REVOCATION fails, whoever added the key.
        let mut ts = jwk_store();
        let sec1 = TestKey::new(4).vk.to_sec1_point(false).as_bytes().to_vec();
        let thumb = crate::core::trust::jwk::thumbprint_digest(&sec1);
        add(&mut ts, &L::new().without(5).with(9, E::A(vec![E::B(thumb.to_vec())])), None).unwrap();
        assert_eq!(failed(&jwk_dump_ok(&ts)), ["REVOCATION"]);
        // A revoked kid (key 7) naming the dump's kid.
        let mut ts = jwk_store();
        add(&mut ts, &L::new().without(5).with(7, E::A(vec![E::T(KID.into())])), None).unwrap();
        assert_eq!(failed(&jwk_dump_ok(&ts)), ["REVOCATION"]);
        // A revoked serial (key 8) under the intermediate: the x5chain dump's signer.
        let p = pki();
        let mut ts = x509_store(&p);
        let chain = D::x5chain(&[p.leaf.clone(), p.inter.clone()]).bytes();
        assert!(verify_dump(&chain, &ts, &VerifyOptions::at(AT)).ok);
        let serial = E::A(vec![E::A(vec![E::B(p.inter.clone()), E::B(vec![0x00, 0x7f, 0x01])])]);
        add(&mut ts, &L::new().without(5).with(8, serial), None).unwrap();
        assert_eq!(failed(&verify_dump(&chain, &ts, &VerifyOptions::at(AT))), ["REVOCATION"]);
    }

    #[test]
    fn a_list_with_unusable_material_changes_nothing() {
        let mut ts = jwk_store();
        let bad_jwks = L::new().with(2, E::U(9)).with(5, E::T("not json".into()));
        let e = add_trust_list(&mut ts, &list(&bad_jwks), None).unwrap_err();
        assert_eq!(e.code, MisuseCode::TrustListMalformed);
        let bad_anchor = L::new().with(6, E::A(vec![E::B(vec![0x30, 0x00])]));
        assert_eq!(add(&mut ts, &bad_anchor, None).unwrap_err(), MisuseCode::TrustListMalformed);
        assert!(ts.revoked_kids().is_empty() && ts.key_count() == 1);
        assert!(jwk_dump_ok(&ts).ok);
        // Anchors from a list verify x5chain dumps and the report names the list.
        let p = pki();
        let mut ts = TrustStore::new();
        add(&mut ts, &L::new().without(5).with(6, E::A(vec![E::B(p.root.clone())])), None).unwrap();
        let r = verify_dump(&D::x5chain(&[p.leaf.clone(), p.inter.clone()]).bytes(), &ts, &VerifyOptions::at(AT));
        assert!(r.ok, "{:?}", r.failed_checks());
        assert_eq!(r.signer.and_then(|s| s.trust_list).map(|l| l.sequence), Some(7));
    }
}
