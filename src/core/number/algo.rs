//! Check-character algorithms.

/// ISO 7064:1983 MOD 11-2 weights for the 17 body digits of an 18-character
/// number: `W[i] = 2^(17-i) mod 11`.
const MOD11_2_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const MOD11_2_CHARS: &[u8; 11] = b"10X98765432";

/// MOD 11-2 check character (`b'0'..=b'9'` or `b'X'`) of 17 ASCII digits.
/// Returns `None` unless `body` is exactly 17 ASCII digits.
pub fn mod11_2(body: &[u8]) -> Option<u8> {
    if body.len() != 17 {
        return None;
    }
    let mut sum = 0u32;
    for (&c, &w) in body.iter().zip(MOD11_2_WEIGHTS.iter()) {
        if !c.is_ascii_digit() {
            return None;
        }
        sum += u32::from(c - b'0') * w;
    }
    MOD11_2_CHARS.get((sum % 11) as usize).copied()
}

/// ICAO 9303 7-3-1 check digit over ASCII digits and upper-case letters
/// (A=10 … Z=35, `<`=0), result mod 10. `None` on any other byte.
pub fn icao_731(body: &[u8]) -> Option<u8> {
    const WEIGHTS: [u32; 3] = [7, 3, 1];
    let mut sum = 0u32;
    for (i, &c) in body.iter().enumerate() {
        let v = match c {
            b'0'..=b'9' => u32::from(c - b'0'),
            b'A'..=b'Z' => u32::from(c - b'A') + 10,
            b'<' => 0,
            _ => return None,
        };
        sum += v * WEIGHTS[i % 3];
    }
    Some(b'0' + (sum % 10) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mod11_2_known_vectors() {
        assert_eq!(mod11_2(b"91112419810803002"), Some(b'4'));
        assert_eq!(mod11_2(b"93268219850101001"), Some(b'7'));
        assert_eq!(mod11_2(b"11010519491231002"), Some(b'X'));
        assert_eq!(mod11_2(b"91112419810803018"), Some(b'X'));
        assert_eq!(mod11_2(b"1101051949123100"), None);
        assert_eq!(mod11_2(b"1101051949123100A"), None);
    }

    #[test]
    fn icao_731_known_vectors() {
        assert_eq!(icao_731(b"KAZ11009012310"), Some(b'5'));
        // The 2017 vendor test card CAN110081080319 does not satisfy 7-3-1.
        assert_eq!(icao_731(b"CAN11008108031"), Some(b'0'));
        assert_eq!(icao_731(b"USA11008501010"), Some(b'3'));
        assert_eq!(icao_731(b"ab"), None);
    }
}
