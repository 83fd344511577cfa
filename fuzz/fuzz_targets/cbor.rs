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

use cnid_verify::core::cbor::{
    decode_exact, decode_prefix, encode_array_header, encode_bytes, encode_head, encode_map_header, encode_text,
    CborError, Value,
};
use libfuzzer_sys::fuzz_target;

/// Structural equality with floats compared by bit pattern (NaN == NaN).
fn same(a: &Value<'_>, b: &Value<'_>) -> bool {
    match (a, b) {
        (Value::Float(x), Value::Float(y)) => x.to_bits() == y.to_bits(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q)),
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|((k1, v1), (k2, v2))| same(k1, k2) && same(v1, v2))
        }
        (Value::Tag(t1, v1), Value::Tag(t2, v2)) => t1 == t2 && same(v1, v2),
        _ => a == b,
    }
}

fn encode(v: &Value<'_>, out: &mut Vec<u8>) {
    match v {
        Value::Uint(n) => encode_head(0, *n, out),
        Value::Nint(n) => encode_head(1, *n, out),
        Value::Bytes(b) => encode_bytes(b, out),
        Value::Text(s) => encode_text(s, out),
        Value::Array(items) => {
            encode_array_header(items.len(), out);
            for i in items {
                encode(i, out);
            }
        }
        Value::Map(entries) => {
            encode_map_header(entries.len(), out);
            for (k, v) in entries {
                encode(k, out);
                encode(v, out);
            }
        }
        Value::Tag(t, inner) => {
            encode_head(6, *t, out);
            encode(inner, out);
        }
        Value::Bool(false) => out.push(0xf4),
        Value::Bool(true) => out.push(0xf5),
        Value::Null => out.push(0xf6),
        Value::Undefined => out.push(0xf7),
        Value::Simple(s) if *s < 24 => out.push(0xe0 | s),
        Value::Simple(s) => out.extend_from_slice(&[0xf8, *s]),
        Value::Float(f) => {
            out.push(0xfb);
            out.extend_from_slice(&f.to_bits().to_be_bytes());
        }
    }
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
            let mut re = Vec::new();
            encode(v, &mut re);
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
