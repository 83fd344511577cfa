//! Trust anchors: `TrustStore::add_certificates` on arbitrary bytes (PEM text with any number
//! of blocks, or one DER certificate), then a second store built from several inputs: the
//! input split into its PEM blocks (each cut after its `-----END ...-----` line) or, for
//! binary input, into consecutive DER TLVs; each part is added on its own and, when it parses,
//! also used as the issuer of a serial revocation.
//!
//! Invariants: the returned count is the growth of `anchor_count`; a rejected input adds
//! nothing; re-adding the same input adds nothing (identical certificates are stored once) and
//! gives the same verdict; every anchor's serial hex normalises back to itself.
#![no_main]

use cnid_verify::core::hex;
use cnid_verify::core::trust::{normalize_serial_hex, TrustStore};
use libfuzzer_sys::fuzz_target;

/// Most parts one input is split into (each part is parsed on its own).
const MAX_PARTS: usize = 8;

fn add_checked(store: &mut TrustStore, input: &[u8]) -> bool {
    let before = store.anchor_count();
    let first = store.add_certificates(input);
    let after = store.anchor_count();
    match &first {
        Ok(n) => assert_eq!(before + n, after, "add_certificates returned {n}, the store grew by {}", after - before),
        Err(e) => {
            assert_eq!(before, after, "a rejected input added anchors");
            assert!(
                matches!(e.code.as_str(), "INVALID_CERTIFICATE" | "TOO_LARGE"),
                "undocumented error code {:?}",
                e.code
            );
            for locale in cnid_verify::core::i18n::Locale::ALL {
                assert!(!e.message(locale).is_empty());
            }
        }
    }
    match (&first, store.add_certificates(input)) {
        (Ok(_), Ok(n)) => assert_eq!(n, 0, "re-adding the same certificates added {n}"),
        (Err(a), Err(b)) => assert_eq!(a.code, b.code),
        (a, b) => panic!("adding the same input twice: {a:?} then {b:?}"),
    }
    assert_eq!(store.anchor_count(), after);
    first.is_ok()
}

fn check_anchors(store: &TrustStore) {
    let anchors = store.anchors();
    assert_eq!(anchors.len(), store.anchor_count());
    for a in &anchors {
        assert_eq!(a.fingerprint_sha256.len(), 64);
        let magnitude = normalize_serial_hex(&a.serial_hex)
            .unwrap_or_else(|e| panic!("anchor serial {:?} does not normalise: {e:?}", a.serial_hex));
        let back = if magnitude.is_empty() { "00".to_owned() } else { hex::lower(&magnitude) };
        assert_eq!(back, a.serial_hex, "serial hex is not normalised");
    }
}

/// Splits PEM text after each END line, or binary input into consecutive DER TLVs.
fn split(input: &[u8]) -> Vec<&[u8]> {
    let mut parts = Vec::new();
    let mut rest = input;
    if input.windows(11).any(|w| w == b"-----BEGIN ") {
        while parts.len() < MAX_PARTS - 1 {
            let Some(end) = find(rest, b"-----END ") else { break };
            let after = &rest[end + 9..];
            let Some(close) = find(after, b"-----") else { break };
            let cut = end + 9 + close + 5;
            parts.push(&rest[..cut]);
            rest = &rest[cut..];
        }
    } else {
        while parts.len() < MAX_PARTS - 1 {
            let Some(len) = tlv_len(rest) else { break };
            parts.push(&rest[..len]);
            rest = &rest[len..];
        }
    }
    if !rest.is_empty() {
        parts.push(rest);
    }
    parts
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Total length (header + content) of the DER TLV at the front, if it fits.
fn tlv_len(b: &[u8]) -> Option<usize> {
    let first = *b.get(1)?;
    let (header, content) = if first < 0x80 {
        (2, usize::from(first))
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 3 {
            return None;
        }
        let len = b.get(2..2 + n)?.iter().fold(0usize, |acc, &x| (acc << 8) | usize::from(x));
        (2 + n, len)
    };
    let total = header + content;
    (total <= b.len()).then_some(total)
}

fuzz_target!(|data: &[u8]| {
    let mut whole = TrustStore::new();
    add_checked(&mut whole, data);
    check_anchors(&whole);

    let parts = split(data);
    if parts.len() > 1 {
        let mut store = TrustStore::new();
        for part in &parts {
            if add_checked(&mut store, part) {
                for a in store.anchors() {
                    let _ = store.revoke_serial(part, &a.serial_hex);
                }
            }
        }
        check_anchors(&store);
        let _ = store.revoked_serials();
    }
});
