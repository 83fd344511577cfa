//! Signature mangling for the SIGNATURE cases (the P-256 order, high-S), deterministic filler bytes
//! and hex. The keys themselves, and ES256 signing, are test-support's (`test_support::pki::TestKey`:
//! scalar = SHA-256(seed label), re-hashed until valid; RFC 6979).

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

/// The same raw r || s signature with its S in the high half: s' = n - s if s is low.
pub fn to_high_s(sig: &[u8]) -> [u8; 64] {
    let mut out = [0u8; 64];
    out.copy_from_slice(sig);
    if !is_high_s(&sig[32..]) {
        let s2 = sub32(&N, &sig[32..]);
        out[32..].copy_from_slice(&s2);
    }
    assert!(is_high_s(&out[32..]));
    out
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
}
