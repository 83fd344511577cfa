//! The strict CBOR decoder: `decode_exact` and `decode_prefix` on arbitrary bytes.
//!
//! Invariants:
//! * `decode_prefix` consumes at least one byte and never more than the input;
//! * `decode_exact` accepts exactly when `decode_prefix` accepts and consumes everything,
//!   with the same value, and otherwise fails with the prefix's error or `TrailingBytes`;
//! * `decode_exact` of the consumed prefix gives the same value;
//! * re-encoding a decoded value (preferred lengths, floats as binary64) decodes to the same
//!   value: no decoder limit depends on how an argument was encoded.
#![no_main]

use cnid_verify::core::cbor::{decode_exact, decode_prefix, encode_canonical, CborError, Value};
use libfuzzer_sys::fuzz_target;

/// The canonical encoding (preferred lengths, floats as binary64).
fn canonical(v: &Value<'_>) -> Vec<u8> {
    let mut out = Vec::new();
    encode_canonical(v, &mut out);
    out
}

/// Structural equality with floats compared by bit pattern (NaN == NaN): equal canonical
/// encodings, since the encoding is injective.
fn same(a: &Value<'_>, b: &Value<'_>) -> bool {
    canonical(a) == canonical(b)
}

fuzz_target!(|data: &[u8]| {
    let prefix = decode_prefix(data);
    let exact = decode_exact(data);
    match &prefix {
        Ok((v, used)) => {
            assert!(*used >= 1 && *used <= data.len(), "decode_prefix used {used} of {} bytes", data.len());
            match &exact {
                Ok(e) => {
                    assert_eq!(*used, data.len(), "decode_exact accepted trailing bytes");
                    assert!(same(v, e), "decode_exact and decode_prefix disagree");
                }
                Err(err) => {
                    assert!(*used < data.len(), "decode_exact rejected what decode_prefix fully consumed: {err:?}");
                    assert_eq!(*err, CborError::TrailingBytes);
                }
            }
            let again = decode_exact(&data[..*used]).expect("the consumed prefix decodes exactly");
            assert!(same(v, &again));
            let re = canonical(v);
            match decode_exact(&re) {
                Ok(r) => assert!(same(v, &r), "re-encoded value decodes differently"),
                Err(e) => panic!("re-encoded value does not decode: {e:?} ({} bytes)", re.len()),
            }
            let _ = v.type_name();
            if let Value::Map(entries) = v {
                let _ = Value::map_get_int(entries, 1);
            }
        }
        Err(e) => {
            assert!(exact.is_err(), "decode_exact accepted what decode_prefix rejected");
            assert_eq!(exact.as_ref().err(), Some(e), "different errors for a failing first item");
            let _ = e.to_string();
        }
    }
});
