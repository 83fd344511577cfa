//! The whole verification: `verify_dump(bytes, &store, &opts)` with trust stores built from the
//! committed fixtures (each built once, on first use) and options taken from the front of the
//! input.
//!
//! Input layout (scripts/fuzz.sh writes the seeds this way, from each fixture's manifest entry):
//!
//! | bytes | meaning |
//! |---|---|
//! | 1 | flags: bit 0 max age `None` (archived), bit 1 expected nonce, bit 2 external AAD, bit 3 a trust byte follows, bit 4 max age from the header, bit 5 clock skew from the header, bit 6 messages in Chinese |
//! | 8 | verification time, Unix seconds, big-endian i64 |
//! | 4 | if bit 4 (and not bit 0): max age seconds, big-endian u32 (else the default 600) |
//! | 4 | if bit 5: clock skew seconds, big-endian u32 (else the default 300) |
//! | 1 | if bit 3: trust byte, see below (else 0) |
//! | 1 + n | if bit 1: nonce length n, then n bytes |
//! | 1 + n | if bit 2: AAD length n, then n bytes |
//! | rest | the dump |
//!
//! A missing header field takes its default (the fixtures' verification time 1780272060, max
//! age 600 s, skew 300 s, no nonce, empty AAD, trust byte 0).
//!
//! Trust: always `trust/test-jwks.json` and, so that the interop dumps verify,
//! `interop/jwks.json` + `interop/root.pem`. Trust byte bits: 0 add the anchor
//! `trust/test-other-root.pem`; 1 revoke kid `test-reader-revoked`; 2 revoke serial `8badf00d`
//! of issuer `trust/test-intermediate.pem`; 3 revoke serial `02` of issuer `trust/test-root.pem`;
//! 4 revoke serial `8badf00d` of issuer `trust/test-root.pem`; 5 leave out the anchor
//! `trust/test-root.pem` (present otherwise). These are every trust setup of
//! tests/fixtures/dumps/manifest.json.
//!
//! Invariants of the report: always the twelve checks, in `CheckId::ALL` order; `ok` is "no
//! check failed"; `verified` implies SIGNER, REVOCATION and SIGNATURE passed (and the converse);
//! ENVELOPE failed means everything else was skipped; NONCE is skipped when no nonce is
//! expected; no card without a well-formed payload; the card's `verified` is the report's;
//! verifying the same bytes again (with the store's link cache now warm) gives the same
//! statuses and signer.
#![no_main]

use std::cell::RefCell;
use std::collections::HashMap;

use cnid_verify::core::dump::{verify_dump, CheckId, CheckStatus, DumpReport, VerifyOptions};
use cnid_verify::core::trust::TrustStore;
use libfuzzer_sys::fuzz_target;

const TRUST_JWKS: &str = include_str!("../../tests/fixtures/trust/test-jwks.json");
const TRUST_ROOT: &[u8] = include_bytes!("../../tests/fixtures/trust/test-root.pem");
const TRUST_OTHER_ROOT: &[u8] = include_bytes!("../../tests/fixtures/trust/test-other-root.pem");
const TRUST_INTERMEDIATE: &[u8] = include_bytes!("../../tests/fixtures/trust/test-intermediate.pem");
const INTEROP_JWKS: &str = include_str!("../../tests/fixtures/interop/jwks.json");
const INTEROP_ROOT: &[u8] = include_bytes!("../../tests/fixtures/interop/root.pem");

/// The fixtures' verification time: readAt 1780272000 + 60 s.
const DEFAULT_AT: i64 = 1_780_272_060;

/// The store for a trust byte (see the module docs).
fn build_store(trust: u8) -> TrustStore {
    let mut s = TrustStore::new();
    s.add_jwks_json(TRUST_JWKS).expect("test-jwks.json");
    s.add_jwks_json(INTEROP_JWKS).expect("interop/jwks.json");
    s.add_certificates(INTEROP_ROOT).expect("interop/root.pem");
    if trust & 0x01 != 0 {
        s.add_certificates(TRUST_OTHER_ROOT).expect("test-other-root.pem");
    }
    if trust & 0x20 == 0 {
        s.add_certificates(TRUST_ROOT).expect("test-root.pem");
    }
    // `let _`: the revocation calls return feedback (or nothing, in older versions).
    if trust & 0x02 != 0 {
        let _ = s.revoke_kid("test-reader-revoked");
    }
    if trust & 0x04 != 0 {
        let _ = s.revoke_serial(TRUST_INTERMEDIATE, "8badf00d");
    }
    if trust & 0x08 != 0 {
        let _ = s.revoke_serial(TRUST_ROOT, "02");
    }
    if trust & 0x10 != 0 {
        let _ = s.revoke_serial(TRUST_ROOT, "8badf00d");
    }
    s
}

thread_local! {
    // TrustStore holds a RefCell (its link cache), so it is not Sync: the stores live in a
    // thread-local map, each built on first use (libFuzzer runs the target on one thread).
    static STORES: RefCell<HashMap<u8, TrustStore>> = RefCell::new(HashMap::new());
}

/// Reads the options header; returns the options, the trust byte and the dump bytes.
fn options(data: &[u8]) -> (VerifyOptions, u8, &[u8]) {
    let mut rest = data;
    let mut take = |n: usize| -> Option<&[u8]> {
        if rest.len() < n {
            rest = &[];
            return None;
        }
        let (head, tail) = rest.split_at(n);
        rest = tail;
        Some(head)
    };
    let flags = take(1).map_or(0, |b| b[0]);
    let at = take(8).map_or(DEFAULT_AT, |b| i64::from_be_bytes(b.try_into().expect("8 bytes")));
    let mut opts = VerifyOptions::at(at);
    if flags & 0x10 != 0 {
        if let Some(b) = take(4) {
            opts.max_age_seconds = Some(u64::from(u32::from_be_bytes(b.try_into().expect("4 bytes"))));
        }
    }
    if flags & 0x01 != 0 {
        opts.max_age_seconds = None;
    }
    if flags & 0x40 != 0 {
        opts.locale = cnid_verify::core::i18n::Locale::ZhCn;
    }
    if flags & 0x20 != 0 {
        if let Some(b) = take(4) {
            opts.clock_skew_seconds = u64::from(u32::from_be_bytes(b.try_into().expect("4 bytes")));
        }
    }
    let trust = if flags & 0x08 != 0 { take(1).map_or(0, |b| b[0] & 0x3f) } else { 0 };
    if flags & 0x02 != 0 {
        let n = take(1).map_or(0, |b| usize::from(b[0]));
        opts.expected_nonce = Some(take(n).unwrap_or_default().to_vec());
    }
    if flags & 0x04 != 0 {
        let n = take(1).map_or(0, |b| usize::from(b[0]));
        opts.external_aad = take(n).unwrap_or_default().to_vec();
    }
    (opts, trust, rest)
}

fn statuses(r: &DumpReport) -> Vec<CheckStatus> {
    r.checks.iter().map(|c| c.status).collect()
}

fn check_report(r: &DumpReport, opts: &VerifyOptions) {
    assert_eq!(r.checks.len(), 12, "a report has exactly twelve checks");
    for (c, id) in r.checks.iter().zip(CheckId::ALL) {
        assert_eq!(c.id, id, "checks out of CheckId::ALL order");
        assert!(!c.message.is_empty(), "{id} has no message");
        // A failed check names one of the reasons its pipeline row declares (never INTERNAL);
        // the others carry none.
        match (c.status, c.reason) {
            (CheckStatus::Failed, Some(reason)) => {
                assert!(id.reasons().contains(&reason), "{id} failed with undeclared reason {reason}")
            }
            (CheckStatus::Failed, None) => panic!("{id} failed without a reason"),
            (_, reason) => assert_eq!(reason, None, "{id} is not failed but has a reason"),
        }
    }
    let failed = r.checks.iter().any(|c| c.status == CheckStatus::Failed);
    assert_eq!(r.ok, !failed, "ok must mean: no check failed");
    let trio = [CheckId::Signer, CheckId::Revocation, CheckId::Signature]
        .iter()
        .all(|&id| r.status(id) == CheckStatus::Passed);
    assert_eq!(r.verified, trio, "verified must mean: SIGNER, REVOCATION and SIGNATURE passed");
    if r.verified {
        assert!(r.signer.is_some(), "verified without signer info");
    }
    // What the TypeScript AcceptedDumpReport promises.
    if r.ok {
        assert!(r.verified, "accepted but not verified");
        assert!(r.card.as_ref().is_some_and(|c| c.verified), "accepted without a verified card");
        assert!(r.read_at.is_some(), "accepted without readAt");
    }
    if r.status(CheckId::Envelope) != CheckStatus::Passed {
        assert_eq!(r.status(CheckId::Envelope), CheckStatus::Failed);
        assert!(r.checks[1..].iter().all(|c| c.status == CheckStatus::Skipped), "ENVELOPE failed, yet checks ran");
    }
    if opts.expected_nonce.is_none() {
        assert_eq!(r.status(CheckId::Nonce), CheckStatus::Skipped, "NONCE ran without an expected nonce");
    }
    if r.status(CheckId::Payload) != CheckStatus::Passed {
        assert!(r.card.is_none() && r.read_at.is_none());
    }
    if let Some(card) = &r.card {
        assert_eq!(card.verified, r.verified);
    }
    assert_eq!(r.failed_checks().is_empty(), r.ok);
}

fuzz_target!(|data: &[u8]| {
    let (opts, trust, dump) = options(data);
    STORES.with(|stores| {
        let mut stores = stores.borrow_mut();
        let store = stores.entry(trust).or_insert_with(|| build_store(trust));
        let report = verify_dump(dump, store, &opts);
        check_report(&report, &opts);
        let again = verify_dump(dump, store, &opts);
        assert_eq!(statuses(&again), statuses(&report), "second verification differs (link cache?)");
        assert_eq!(again.verified, report.verified);
        assert_eq!(again.signer, report.signer);
        let _ = format!("{report:?}");
    });
});
