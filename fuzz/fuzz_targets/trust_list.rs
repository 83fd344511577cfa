//! Signed trust lists (docs/spec/trust-list.md): `verify_trust_list` on arbitrary bytes with the
//! interop list signer pinned (tests/fixtures/interop/list-signers.jwks.json), then
//! `add_trust_list` into a fresh store. Seeds: the interop lists.
//!
//! Invariants: verification never panics and a rejection has a TRUST_LIST_* code; an accepted
//! list's fields respect the spec's bounds; adding it changes the store, adding it again changes
//! nothing (`unchanged`), and a rejected add leaves the store as it was (key and anchor counts).
#![no_main]

use cnid_verify::core::dump::trust_list::{
    add_trust_list, verify_trust_list, MAX_LIST_ANCHORS, MAX_LIST_REVOCATIONS, MAX_LIST_TIME, MAX_SEQUENCE,
};
use cnid_verify::core::dump::BuiltIn;
use cnid_verify::core::trust::TrustStore;
use libfuzzer_sys::fuzz_target;

const AT: i64 = 1_780_272_060;

fn signers() -> TrustStore {
    let mut ts = TrustStore::new();
    let jwks = include_str!("../../tests/fixtures/interop/list-signers.jwks.json");
    ts.add_jwks_json(jwks).expect("the pinned list signer");
    ts
}

fuzz_target!(|data: &[u8]| {
    let signers = signers();
    let list = match verify_trust_list(data, &signers, AT, &BuiltIn) {
        Ok(list) => list,
        Err(e) => {
            assert!(e.code.as_str().starts_with("TRUST_LIST_"), "{:?}", e.code);
            return;
        }
    };
    assert!(!list.id.is_empty() && list.id.len() <= 64);
    assert!(list.sequence <= MAX_SEQUENCE);
    assert!(list.issued_at < list.expires_at && list.expires_at <= MAX_LIST_TIME);
    assert!(list.anchors.len() <= MAX_LIST_ANCHORS);
    assert!(list.revoked_kids.len() <= MAX_LIST_REVOCATIONS && list.revoked_keys.len() <= MAX_LIST_REVOCATIONS);
    let mut store = TrustStore::new();
    match add_trust_list(&mut store, &list, None) {
        Ok(first) => {
            assert!(!first.changes.unchanged);
            let again = add_trust_list(&mut store, &list, None).expect("the same list again");
            assert!(again.changes.unchanged);
        }
        Err(e) => {
            assert_eq!(e.code.as_str(), "TRUST_LIST_MALFORMED");
            assert_eq!((store.key_count(), store.anchor_count()), (0, 0));
        }
    }
});
