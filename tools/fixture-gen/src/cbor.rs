//! A tiny CBOR *encoder* (RFC 8949) that does exactly what it is told.
//!
//! Definite lengths and shortest-form heads by default; maps keep the order (and the duplicates) the
//! caller gives, so fixtures can contain deliberately malformed structures, and `IndefMap` produces
//! an indefinite-length map on purpose.

#[derive(Clone, Debug)]
pub enum V {
    /// Unsigned integer (major type 0).
    U(u64),
    /// Negative integer -1-n (major type 1), stored as n.
    N(u64),
    /// Byte string (major type 2).
    B(Vec<u8>),
    /// Text string (major type 3).
    T(String),
    /// Array (major type 4).
    A(Vec<V>),
    /// Map (major type 5), in the given order, duplicates allowed.
    M(Vec<(V, V)>),
    /// Tag (major type 6).
    Tag(u64, Box<V>),
    Null,
    /// Indefinite-length map (0xbf ... 0xff).
    IndefMap(Vec<(V, V)>),
}

/// Integer helper: any i64 as the right major type.
pub fn int(i: i64) -> V {
    if i >= 0 {
        V::U(i as u64)
    } else {
        V::N((-1 - i) as u64)
    }
}

pub fn bstr(b: &[u8]) -> V {
    V::B(b.to_vec())
}

pub fn tstr(s: &str) -> V {
    V::T(s.to_string())
}

fn head(out: &mut Vec<u8>, major: u8, n: u64) {
    let m = major << 5;
    if n < 24 {
        out.push(m | n as u8);
    } else if n <= 0xff {
        out.push(m | 24);
        out.push(n as u8);
    } else if n <= 0xffff {
        out.push(m | 25);
        out.extend_from_slice(&(n as u16).to_be_bytes());
    } else if n <= 0xffff_ffff {
        out.push(m | 26);
        out.extend_from_slice(&(n as u32).to_be_bytes());
    } else {
        out.push(m | 27);
        out.extend_from_slice(&n.to_be_bytes());
    }
}

pub fn encode_into(v: &V, out: &mut Vec<u8>) {
    match v {
        V::U(n) => head(out, 0, *n),
        V::N(n) => head(out, 1, *n),
        V::B(b) => {
            head(out, 2, b.len() as u64);
            out.extend_from_slice(b);
        }
        V::T(s) => {
            head(out, 3, s.len() as u64);
            out.extend_from_slice(s.as_bytes());
        }
        V::A(items) => {
            head(out, 4, items.len() as u64);
            for i in items {
                encode_into(i, out);
            }
        }
        V::M(pairs) => {
            head(out, 5, pairs.len() as u64);
            for (k, v) in pairs {
                encode_into(k, out);
                encode_into(v, out);
            }
        }
        V::Tag(t, inner) => {
            head(out, 6, *t);
            encode_into(inner, out);
        }
        V::Null => out.push(0xf6),
        V::IndefMap(pairs) => {
            out.push(0xbf);
            for (k, v) in pairs {
                encode_into(k, out);
                encode_into(v, out);
            }
            out.push(0xff);
        }
    }
}

pub fn enc(v: &V) -> Vec<u8> {
    let mut out = Vec::new();
    encode_into(v, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc8949_appendix_a_samples() {
        assert_eq!(enc(&int(0)), [0x00]);
        assert_eq!(enc(&int(23)), [0x17]);
        assert_eq!(enc(&int(24)), [0x18, 0x18]);
        assert_eq!(enc(&int(1000)), [0x19, 0x03, 0xe8]);
        assert_eq!(enc(&int(1000000)), [0x1a, 0x00, 0x0f, 0x42, 0x40]);
        assert_eq!(enc(&int(-1)), [0x20]);
        assert_eq!(enc(&int(-7)), [0x26]);
        assert_eq!(enc(&int(-35)), [0x38, 0x22]);
        assert_eq!(enc(&int(-1000)), [0x39, 0x03, 0xe7]);
        assert_eq!(enc(&tstr("IETF")), [0x64, 0x49, 0x45, 0x54, 0x46]);
        assert_eq!(enc(&V::Tag(18, Box::new(V::A(vec![])))), [0xd2, 0x80]);
        assert_eq!(enc(&V::M(vec![(int(1), int(2)), (int(3), int(4))])), [0xa2, 0x01, 0x02, 0x03, 0x04]);
    }
}
