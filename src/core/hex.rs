//! Lowercase hex for reports and messages (key ids, nonces, fingerprints, serials): one helper,
//! shared by the trust and dump code, so neither borrows it from the other.

/// `bytes` as lowercase hex, two digits per byte.
pub fn lower(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn two_lowercase_digits_per_byte() {
        assert_eq!(super::lower(&[0x00, 0x0f, 0xab, 0xff]), "000fabff");
        assert_eq!(super::lower(&[]), "");
    }
}
