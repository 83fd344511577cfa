//! Deterministic P-256 keys and ES256 signing.
//!
//! Every private key is derived from a fixed label: scalar = SHA-256(label); while that is not a valid
//! scalar in [1, n-1], scalar = SHA-256(previous). ECDSA uses RFC 6979 (p256's `Signer` impl), so the
//! same input always gives the same signature.

use p256::ecdsa::{signature::Signer, Signature, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

/// The P-256 group order n, big-endian.
pub const N: [u8; 32] = [
    0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xbc, 0xe6, 0xfa,
    0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
];

/// (n - 1) / 2: an S above this is "high-S".
pub const HALF_N: [u8; 32] = [
    0x7f, 0xff, 0xff, 0xff, 0x80, 0x00, 0x00, 0x00, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xde, 0x73, 0x7d,
    0x56, 0xd3, 0x8b, 0xcf, 0x42, 0x79, 0xdc, 0xe5, 0x61, 0x7e, 0x31, 0x92, 0xa8,
];

pub fn derive_key(label: &str) -> SigningKey {
    let mut h: [u8; 32] = Sha256::digest(label.as_bytes()).into();
    loop {
        if let Ok(k) = SigningKey::from_slice(&h) {
            return k;
        }
        h = Sha256::digest(h).into();
    }
}

/// Raw r || s (IEEE P1363), RFC 6979 deterministic.
pub fn sign_raw(key: &SigningKey, msg: &[u8]) -> [u8; 64] {
    let sig: Signature = key.sign(msg);
    let mut out = [0u8; 64];
    out.copy_from_slice(&sig.to_bytes());
    out
}

/// DER form of the same deterministic signature (for the "DER signature is not COSE" fixture).
pub fn sign_der(key: &SigningKey, msg: &[u8]) -> Vec<u8> {
    let sig: Signature = key.sign(msg);
    sig.to_der().as_bytes().to_vec()
}

/// big-endian a - b for 32-byte unsigned numbers (a >= b).
pub fn sub32(a: &[u8; 32], b: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    let mut borrow = 0i32;
    for i in (0..32).rev() {
        let mut d = a[i] as i32 - b[i] as i32 - borrow;
        if d < 0 {
            d += 256;
            borrow = 1;
        } else {
            borrow = 0;
        }
        out[i] = d as u8;
    }
    assert_eq!(borrow, 0);
    out
}

pub fn is_high_s(s: &[u8]) -> bool {
    s > &HALF_N[..]
}

/// The same signature with its S in the high half: s' = n - s if s is low.
pub fn to_high_s(sig: &[u8; 64]) -> [u8; 64] {
    let mut out = *sig;
    if !is_high_s(&sig[32..]) {
        let s2 = sub32(&N, &sig[32..]);
        out[32..].copy_from_slice(&s2);
    }
    assert!(is_high_s(&out[32..]));
    out
}

/// Uncompressed SEC1 point split into (x, y).
pub fn xy(vk: &VerifyingKey) -> (Vec<u8>, Vec<u8>) {
    let p = vk.to_sec1_point(false);
    let b = p.as_bytes();
    assert_eq!(b.len(), 65);
    (b[1..33].to_vec(), b[33..65].to_vec())
}

pub fn b64url(data: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut s = String::new();
    for chunk in data.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = ((b[0] as u32) << 16) | ((b[1] as u32) << 8) | b[2] as u32;
        let chars = chunk.len() + 1;
        for i in 0..chars {
            s.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    s
}

/// Deterministic filler bytes: SHA-256 in counter mode over a label.
pub fn filler(label: &str, len: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(len + 32);
    let mut ctr: u32 = 0;
    while out.len() < len {
        let mut h = Sha256::new();
        h.update(label.as_bytes());
        h.update(ctr.to_be_bytes());
        out.extend_from_slice(&h.finalize());
        ctr += 1;
    }
    out.truncate(len);
    out
}

pub fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn b64url_matches_rfc4648_vectors() {
        assert_eq!(b64url(b""), "");
        assert_eq!(b64url(b"f"), "Zg");
        assert_eq!(b64url(b"fo"), "Zm8");
        assert_eq!(b64url(b"foo"), "Zm9v");
        assert_eq!(b64url(b"foob"), "Zm9vYg");
        assert_eq!(b64url(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn half_n_is_half_n() {
        // 2 * HALF_N + 1 == N
        let mut carry = 1u16;
        let mut out = [0u8; 32];
        for i in (0..32).rev() {
            let v = (HALF_N[i] as u16) * 2 + carry;
            out[i] = v as u8;
            carry = v >> 8;
        }
        assert_eq!(out, N);
    }

    #[test]
    fn keys_are_stable() {
        let a = derive_key("x");
        let b = derive_key("x");
        assert_eq!(a.to_bytes(), b.to_bytes());
        assert_eq!(sign_raw(&a, b"m"), sign_raw(&b, b"m"));
    }
}
