//! The producer side (feature `signing`, never in the wasm builds): signed chip dumps
//! (docs/spec/dump-format.md) and signed trust lists (docs/spec/trust-list.md), for a reader
//! vendor's Rust firmware or service. The same bytes as the CLI's `dev sign` and `trustlist make`
//! (pkg-template/bin/sign.js). A key in an HSM: implement [`Es256Signer`] over it; the
//! crate's own [`p256::ecdsa::SigningKey`] implements it for tests and for keys held in memory.
//!
//! Nothing here checks what it signs beyond the sizes the formats fix: verify what you produce
//! with [`crate::core::dump::verify_dump`] or [`crate::core::dump::trust_list::verify_trust_list`].

use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};

use crate::core::cbor::{encode_array_header, encode_bytes, encode_head, encode_int, encode_map_header, encode_text};
use crate::core::chip::TEXT_BLOCK_LEN;
use crate::core::dump::trust_list::CONTENT_TYPE;
use crate::core::dump::{sig_structure, Payload, BLOCK_1024, NONCE_MAX, NONCE_MIN};

/// Makes an ES256 signature: r ‖ s, 64 bytes, over `message` (ECDSA P-256 with SHA-256).
pub trait Es256Signer {
    fn sign_es256(&self, message: &[u8]) -> Result<[u8; 64], SignError>;
}

impl Es256Signer for SigningKey {
    fn sign_es256(&self, message: &[u8]) -> Result<[u8; 64], SignError> {
        let sig: Signature = self.sign(message);
        sig.to_bytes().as_slice().try_into().map_err(|_| SignError("the signature is not 64 bytes"))
    }
}

/// Why nothing was signed: an input the format does not allow, or the signer's failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignError(pub &'static str);

impl std::fmt::Display for SignError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for SignError {}

/// Who signs a dump: a kid (protected header) and/or an x5chain (DER certificates, signer first,
/// unprotected header).
#[derive(Debug, Clone, Default)]
pub struct SignerId<'a> {
    pub kid: Option<&'a [u8]>,
    pub x5chain: &'a [&'a [u8]],
}

/// A signed dump: COSE_Sign1 (tag 18) of `content`, signed by `signer` for `who`, with
/// `external_aad` (empty unless agreed with the app).
pub fn sign_dump(
    content: &Payload<'_>,
    who: &SignerId<'_>,
    external_aad: &[u8],
    signer: &dyn Es256Signer,
) -> Result<Vec<u8>, SignError> {
    check_sizes(content)?;
    let read_at = u64::try_from(content.read_at).map_err(|_| SignError("readAt must not be negative"))?;
    if who.kid.is_none() && who.x5chain.is_empty() {
        return Err(SignError("a dump needs a kid or an x5chain"));
    }
    let payload = uint_map([
        Some((0, uint(1))),
        Some((1, bstr(content.text))),
        content.photo.map(|b| (2, bstr(b))),
        content.fingerprint.map(|b| (3, bstr(b))),
        Some((4, uint(read_at))),
        content.nonce.map(|b| (5, bstr(b))),
        content.reader_id.map(|t| (6, tstr(t))),
        content.chip_serial.map(|b| (7, bstr(b))),
    ]);
    let protected = uint_map([Some((1, int(-7))), who.kid.map(|kid| (4, bstr(kid)))]);
    let x5chain = match who.x5chain {
        [] => None,
        [one] => Some((33, bstr(one))),
        chain => Some((33, array(chain.iter().map(|c| bstr(c))))),
    };
    let unprotected = uint_map([x5chain]);
    sign1(&protected, &unprotected, &payload, external_aad, signer)
}

/// The sizes dump-format.md §2 fixes (the verifier's PAYLOAD rules).
fn check_sizes(c: &Payload<'_>) -> Result<(), SignError> {
    if c.text.len() != TEXT_BLOCK_LEN {
        return Err(SignError("the text block must be exactly 256 bytes"));
    }
    if c.photo.is_some_and(|p| p.len() != BLOCK_1024) || c.fingerprint.is_some_and(|p| p.len() != BLOCK_1024) {
        return Err(SignError("photo and fingerprint blocks must be exactly 1024 bytes"));
    }
    if c.nonce.is_some_and(|n| !(NONCE_MIN..=NONCE_MAX).contains(&n.len())) {
        return Err(SignError("a nonce must be 8 to 64 bytes"));
    }
    Ok(())
}

/// A trust list's payload fields (trust-list.md §2).
#[derive(Debug, Clone, Default)]
pub struct ListContent<'a> {
    pub id: &'a str,
    pub sequence: u64,
    pub issued_at: u64,
    pub expires_at: u64,
    /// One JWK set (JSON text) of public keys.
    pub jwks: Option<&'a str>,
    /// DER certificates.
    pub anchors: &'a [&'a [u8]],
    pub revoked_kids: &'a [&'a str],
    /// (issuer DER certificate, serial big-endian bytes).
    pub revoked_serials: &'a [(&'a [u8], &'a [u8])],
    /// RFC 7638 SHA-256 thumbprints.
    pub revoked_keys: &'a [[u8; 32]],
}

/// A signed trust list of `content`, signed by `signer` under `kid` (protected header, with the
/// list content type).
pub fn sign_trust_list(content: &ListContent<'_>, kid: &[u8], signer: &dyn Es256Signer) -> Result<Vec<u8>, SignError> {
    let some_array = |key: u64, n: usize, items: Vec<Vec<u8>>| (n > 0).then(|| (key, array(items)));
    let payload = uint_map([
        Some((0, uint(1))),
        Some((1, tstr(content.id))),
        Some((2, uint(content.sequence))),
        Some((3, uint(content.issued_at))),
        Some((4, uint(content.expires_at))),
        content.jwks.map(|j| (5, tstr(j))),
        some_array(6, content.anchors.len(), content.anchors.iter().map(|a| bstr(a)).collect()),
        some_array(7, content.revoked_kids.len(), content.revoked_kids.iter().map(|k| tstr(k)).collect()),
        some_array(
            8,
            content.revoked_serials.len(),
            content.revoked_serials.iter().map(|(issuer, serial)| array([bstr(issuer), bstr(serial)])).collect(),
        ),
        some_array(9, content.revoked_keys.len(), content.revoked_keys.iter().map(|t| bstr(t)).collect()),
    ]);
    let protected = uint_map([Some((1, int(-7))), Some((3, tstr(CONTENT_TYPE))), Some((4, bstr(kid)))]);
    sign1(&protected, &uint_map([]), &payload, b"", signer)
}

// CBOR items, encoded (definite lengths, shortest forms, as core::cbor writes them).
fn uint(n: u64) -> Vec<u8> {
    let mut out = Vec::new();
    encode_head(0, n, &mut out);
    out
}

fn int(n: i64) -> Vec<u8> {
    let mut out = Vec::new();
    encode_int(n, &mut out);
    out
}

fn bstr(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    encode_bytes(b, &mut out);
    out
}

fn tstr(t: &str) -> Vec<u8> {
    let mut out = Vec::new();
    encode_text(t, &mut out);
    out
}

fn array(items: impl IntoIterator<Item = Vec<u8>>) -> Vec<u8> {
    let items: Vec<Vec<u8>> = items.into_iter().collect();
    let mut out = Vec::new();
    encode_array_header(items.len(), &mut out);
    items.iter().for_each(|i| out.extend_from_slice(i));
    out
}

/// A map of unsigned keys to encoded values, in the given order: the entries present (`Some`), so
/// its length is always the number written.
fn uint_map<const N: usize>(entries: [Option<(u64, Vec<u8>)>; N]) -> Vec<u8> {
    let present: Vec<_> = entries.into_iter().flatten().collect();
    let mut out = Vec::new();
    encode_map_header(present.len(), &mut out);
    for (key, value) in present {
        encode_head(0, key, &mut out);
        out.extend_from_slice(&value);
    }
    out
}

/// `18([protected, unprotected, payload, signature])` (RFC 9052 §4.2), the signature over the
/// Sig_structure of the exact bytes.
fn sign1(
    protected: &[u8],
    unprotected: &[u8],
    payload: &[u8],
    external_aad: &[u8],
    signer: &dyn Es256Signer,
) -> Result<Vec<u8>, SignError> {
    let signature = signer.sign_es256(&sig_structure(protected, external_aad, payload))?;
    let mut out = Vec::with_capacity(protected.len() + unprotected.len() + payload.len() + 96);
    encode_head(6, 18, &mut out);
    encode_array_header(4, &mut out);
    encode_bytes(protected, &mut out);
    out.extend_from_slice(unprotected);
    encode_bytes(payload, &mut out);
    encode_bytes(&signature, &mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dump::trust_list::{add_trust_list, verify_trust_list};
    use crate::core::dump::{verify_dump, BuiltIn, VerifyOptions};
    use crate::core::trust::TrustStore;
    use test_support::pki::{CertSpec, TestKey};

    const READ_AT: i64 = 1_780_272_000;

    fn text() -> Vec<u8> {
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/chip/y-specimen.bin")).unwrap()
    }

    fn signing_key(n: u8) -> SigningKey {
        SigningKey::from_slice(&TestKey::new(n).sk.to_bytes()).unwrap()
    }

    #[test]
    fn a_signed_dump_verifies_by_kid_and_by_x5chain() {
        let text = text();
        let nonce = [7u8; 12];
        let content = Payload {
            text: &text,
            read_at: READ_AT,
            nonce: Some(&nonce),
            reader_id: Some("R-1"),
            ..Default::default()
        };
        let who = SignerId { kid: Some(b"reader-TEST"), x5chain: &[] };
        let dump = sign_dump(&content, &who, b"ctx", &signing_key(4)).unwrap();
        let mut ts = TrustStore::new();
        ts.add_jwks_json(&TestKey::new(4).jwks("reader-TEST")).unwrap();
        let opts = VerifyOptions {
            expected_nonce: Some(nonce.to_vec()),
            external_aad: b"ctx".to_vec(),
            ..VerifyOptions::at(READ_AT + 60)
        };
        let r = verify_dump(&dump, &ts, &opts);
        assert!(r.ok, "{:?}", r.failed_checks());
        assert_eq!(r.reader_id.as_deref(), Some("R-1"));
        // Without the agreed AAD: SIGNATURE.
        let no_aad = VerifyOptions { external_aad: Vec::new(), ..opts.clone() };
        assert!(!verify_dump(&dump, &ts, &no_aad).ok);
        // By x5chain: a reader certificate under a root the app trusts.
        let (rk, lk) = (TestKey::new(1), TestKey::new(3));
        let root = CertSpec::ca("Sign Root TEST", "Sign Root TEST").build(&rk, &rk);
        let leaf = CertSpec::leaf("Reader TEST", "Sign Root TEST").build(&lk, &rk);
        let chain = [leaf.as_slice()];
        let dump = sign_dump(&content, &SignerId { kid: None, x5chain: &chain }, b"", &signing_key(3)).unwrap();
        let mut roots = TrustStore::new();
        roots.add_certificates(&root).unwrap();
        let opts = VerifyOptions { expected_nonce: Some(nonce.to_vec()), ..VerifyOptions::at(READ_AT + 60) };
        let r = verify_dump(&dump, &roots, &opts);
        assert!(r.ok, "{:?}", r.failed_checks());
    }

    #[test]
    fn sizes_the_format_fixes_are_errors() {
        let text = text();
        let who = SignerId { kid: Some(b"k"), x5chain: &[] };
        let bad = |c: Payload<'_>, w: &SignerId<'_>| sign_dump(&c, w, b"", &signing_key(4)).unwrap_err();
        bad(Payload { text: &text[..255], ..Default::default() }, &who);
        bad(Payload { text: &text, photo: Some(&[0; 10]), ..Default::default() }, &who);
        bad(Payload { text: &text, nonce: Some(&[0; 7]), ..Default::default() }, &who);
        bad(Payload { text: &text, ..Default::default() }, &SignerId::default());
    }

    #[test]
    fn a_signed_trust_list_is_accepted_into_a_store() {
        let jwks = TestKey::new(4).jwks("reader-TEST");
        let rk = TestKey::new(1);
        let root = CertSpec::ca("List Anchor TEST", "List Anchor TEST").build(&rk, &rk);
        let anchors = [root.as_slice()];
        let serials = [(root.as_slice(), &[0x00, 0x7f][..])];
        let content = ListContent {
            anchors: &anchors,
            revoked_serials: &serials,
            id: "rust-readers-TEST",
            sequence: 2,
            issued_at: READ_AT as u64 - 60,
            expires_at: READ_AT as u64 + 86_400,
            jwks: Some(&jwks),
            revoked_kids: &["reader-0"],
            revoked_keys: &[[1; 32]],
        };
        let bytes = sign_trust_list(&content, b"list-TEST", &signing_key(21)).unwrap();
        let mut signers = TrustStore::new();
        signers.add_jwks_json(&TestKey::new(21).jwks("list-TEST")).unwrap();
        let list = verify_trust_list(&bytes, &signers, READ_AT, &BuiltIn).unwrap();
        assert_eq!((list.id.as_str(), list.sequence), ("rust-readers-TEST", 2));
        let mut store = TrustStore::new();
        let out = add_trust_list(&mut store, &list, None).unwrap();
        assert_eq!((out.changes.keys_added, out.changes.anchors_added), (1, 1));
        assert_eq!(store.revoked_kids(), ["reader-0"]);
        assert_eq!(store.revoked_serials().iter().map(|r| r.serial_hex.as_str()).collect::<Vec<_>>(), ["7f"]);
    }
}
