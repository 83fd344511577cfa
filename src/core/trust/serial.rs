//! Certificate serial numbers as unsigned integers (docs/spec/dump-format.md §4.3:
//! "hex case and leading zeros do not matter").

use super::TrustError;
use crate::core::codes::MisuseCode;
use crate::core::i18n::{DumpErrorKey as E, Text};

/// Longest serial magnitude accepted, in bytes. RFC 5280 allows 20 octets
/// of content; 32 leaves room for non-conforming issuers without letting
/// input grow unbounded.
pub const MAX_SERIAL_BYTES: usize = 32;

/// Normalises a serial given as hex into its unsigned big-endian magnitude
/// with leading zero bytes stripped (zero is the empty vector).
///
/// Accepted: hex digits in any case; an optional `0x`/`0X` prefix; `:`,
/// space or tab separators between digits (OpenSSL prints `01:a2:…`);
/// surrounding whitespace. An odd digit count is fine (`abc` = `0abc`).
/// Rejected (`INVALID_SERIAL`): no digits, any other character, a sign, or a
/// magnitude over [`MAX_SERIAL_BYTES`].
pub fn normalize_serial_hex(input: &str) -> Result<Vec<u8>, TrustError> {
    let trimmed = input.trim();
    let body = trimmed.strip_prefix("0x").or_else(|| trimmed.strip_prefix("0X")).unwrap_or(trimmed);
    let mut nibbles: Vec<u8> = Vec::with_capacity(body.len().min(256));
    for c in body.chars() {
        if matches!(c, ':' | ' ' | '\t') {
            continue;
        }
        let v = c.to_digit(16).ok_or_else(|| {
            TrustError::new(
                MisuseCode::InvalidSerial,
                Text::new(E::SerialNotHex).with("serial", shown(input)).with("char", format!("{c:?}")),
            )
        })?;
        if nibbles.len() >= 2 * MAX_SERIAL_BYTES + 256 {
            return Err(too_long(input));
        }
        nibbles.push(v as u8);
    }
    if nibbles.is_empty() {
        return Err(TrustError::new(
            MisuseCode::InvalidSerial,
            Text::new(E::SerialNoDigits).with("serial", shown(input)),
        ));
    }
    // Strip leading zero nibbles, then pack from the right.
    let first = nibbles.iter().position(|&n| n != 0).unwrap_or(nibbles.len());
    let digits = nibbles.get(first..).unwrap_or(&[]);
    if digits.len() > 2 * MAX_SERIAL_BYTES {
        return Err(too_long(input));
    }
    let mut out = Vec::with_capacity(digits.len().div_ceil(2));
    let mut iter = digits.iter();
    if digits.len() % 2 == 1 {
        if let Some(&n) = iter.next() {
            out.push(n);
        }
    }
    while let (Some(&hi), Some(&lo)) = (iter.next(), iter.next()) {
        out.push((hi << 4) | lo);
    }
    Ok(out)
}

fn too_long(input: &str) -> TrustError {
    TrustError::new(
        MisuseCode::InvalidSerial,
        Text::new(E::SerialTooLong).with("serial", shown(input)).with("max", MAX_SERIAL_BYTES),
    )
}

/// An app-supplied serial in a message, at most 80 characters of it (a 10 MB
/// serial once made a 52 MB message).
fn shown(input: &str) -> String {
    super::shown_at_most(input, 80)
}

/// The serial magnitude of a certificate's DER INTEGER content octets:
/// the bytes read as an unsigned number, leading zero bytes stripped.
/// (A non-conforming negative serial is thus read by its raw bytes, the
/// same bytes an app copies from a hex dump.)
pub fn serial_magnitude(content: &[u8]) -> Vec<u8> {
    let first = content.iter().position(|&b| b != 0).unwrap_or(content.len());
    content.get(first..).unwrap_or(&[]).to_vec()
}

/// Lowercase hex of a magnitude; `"00"` for zero.
pub fn serial_to_hex(magnitude: &[u8]) -> String {
    if magnitude.is_empty() {
        return "00".to_owned();
    }
    crate::core::hex::lower(magnitude)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::i18n::Locale;

    /// A malformed serial's error is a message in the caller's language (rendered by the bindings).
    #[test]
    fn serial_errors_in_both_languages() {
        let e = normalize_serial_hex("12zz").unwrap_err();
        assert_eq!(e.code, MisuseCode::InvalidSerial);
        assert_eq!(e.message(Locale::En), r#"serial "12zz" contains 'z', which is not a hex digit"#);
        let zh = e.message(Locale::ZhCn);
        assert!(zh.contains("序列号") && zh.contains("12zz") && !zh.contains('{'), "{zh}");
    }

    #[test]
    fn normalisation() {
        assert_eq!(normalize_serial_hex("01A2").unwrap(), vec![0x01, 0xa2]);
        assert_eq!(normalize_serial_hex("1a2").unwrap(), vec![0x01, 0xa2]);
        assert_eq!(normalize_serial_hex("0x0001a2").unwrap(), vec![0x01, 0xa2]);
        assert_eq!(normalize_serial_hex("0X01:a2").unwrap(), vec![0x01, 0xa2]);
        assert_eq!(normalize_serial_hex("  00:01:A2 \n").unwrap(), vec![0x01, 0xa2]);
        assert_eq!(normalize_serial_hex("00 01 a2").unwrap(), vec![0x01, 0xa2]);
        assert_eq!(normalize_serial_hex("0").unwrap(), Vec::<u8>::new());
        assert_eq!(normalize_serial_hex("0000").unwrap(), Vec::<u8>::new());
        assert_eq!(normalize_serial_hex("ff").unwrap(), vec![0xff]);
        assert_eq!(normalize_serial_hex("00ff").unwrap(), vec![0xff]);
        // 32 bytes with leading zeros in front is fine.
        let long = format!("0000{}", "ab".repeat(32));
        assert_eq!(normalize_serial_hex(&long).unwrap().len(), 32);
    }

    #[test]
    fn rejects_bad_serials() {
        for bad in ["", "  ", "0x", "-01", "01g2", "0x0x01", "12.3", "１２"] {
            let e = normalize_serial_hex(bad).unwrap_err();
            assert_eq!(e.code, "INVALID_SERIAL", "{bad:?}");
        }
        assert_eq!(normalize_serial_hex(&"ab".repeat(33)).unwrap_err().code, "INVALID_SERIAL");
        assert_eq!(normalize_serial_hex(&"0".repeat(100_000)).unwrap_err().code, "INVALID_SERIAL");
        // Messages do not echo a huge input.
        for huge in [format!("zz{}", "0".repeat(1_000_000)), ":".repeat(1_000_000), "ab".repeat(500_000)] {
            let e = normalize_serial_hex(&huge).unwrap_err();
            assert!(e.message(Locale::En).len() < 200, "{} bytes", e.message(Locale::En).len());
        }
    }

    #[test]
    fn magnitude_and_hex() {
        assert_eq!(serial_magnitude(&[0x00, 0x80, 0x01]), vec![0x80, 0x01]);
        assert_eq!(serial_magnitude(&[0x00]), Vec::<u8>::new());
        assert_eq!(serial_to_hex(&[]), "00");
        assert_eq!(serial_to_hex(&[0x0a, 0xbc]), "0abc");
        assert_eq!(serial_to_hex(&normalize_serial_hex("00:0A:BC").unwrap()), "0abc");
    }
}
