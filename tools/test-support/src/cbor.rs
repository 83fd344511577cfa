//! A permissive CBOR *writer* (RFC 8949): it encodes exactly the items it is given.
//!
//! Definite lengths and shortest-form heads by default; maps keep the order (and the duplicates) the
//! caller gives; [`Item::IndefMap`] writes an indefinite-length map and [`Item::Raw`] splices bytes
//! in as they are, so tests and fixtures can carry deliberately non-canonical or malformed CBOR
//! (duplicate keys, indefinite lengths, non-shortest heads, truncated items, wrong tags, ...).
//!
//! It has no decoder and checks nothing: it is not an oracle (see the crate documentation).

/// A CBOR data item to write.
#[derive(Clone, Debug)]
pub enum Item {
    /// Unsigned integer (major type 0).
    U(u64),
    /// Any integer, as major type 0 or 1 by its sign (tests write their negative integers with it).
    N(i64),
    /// Byte string (major type 2).
    B(Vec<u8>),
    /// Text string (major type 3).
    T(String),
    /// Array (major type 4).
    A(Vec<Item>),
    /// Map (major type 5), in the given order, duplicates allowed.
    M(Vec<(Item, Item)>),
    /// Tag (major type 6).
    Tag(u64, Box<Item>),
    /// null (simple value 22).
    Null,
    /// Indefinite-length map (0xbf ... 0xff).
    IndefMap(Vec<(Item, Item)>),
    /// These bytes, unchanged.
    Raw(Vec<u8>),
}

/// Any i64 as the right major type.
pub fn int(i: i64) -> Item {
    if i >= 0 {
        Item::U(i as u64)
    } else {
        Item::N(i)
    }
}

pub fn bstr(b: &[u8]) -> Item {
    Item::B(b.to_vec())
}

pub fn tstr(s: &str) -> Item {
    Item::T(s.to_string())
}

/// The shortest-form head of major type `major` with argument `n`.
pub fn head(major: u8, n: u64, out: &mut Vec<u8>) {
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

fn pairs_into(pairs: &[(Item, Item)], out: &mut Vec<u8>) {
    for (k, v) in pairs {
        encode_into(k, out);
        encode_into(v, out);
    }
}

pub fn encode_into(item: &Item, out: &mut Vec<u8>) {
    match item {
        Item::U(n) => head(0, *n, out),
        Item::N(i) if *i >= 0 => head(0, *i as u64, out),
        Item::N(i) => head(1, (-1 - *i) as u64, out),
        Item::B(b) => {
            head(2, b.len() as u64, out);
            out.extend_from_slice(b);
        }
        Item::T(s) => {
            head(3, s.len() as u64, out);
            out.extend_from_slice(s.as_bytes());
        }
        Item::A(items) => {
            head(4, items.len() as u64, out);
            items.iter().for_each(|i| encode_into(i, out));
        }
        Item::M(pairs) => {
            head(5, pairs.len() as u64, out);
            pairs_into(pairs, out);
        }
        Item::Tag(t, inner) => {
            head(6, *t, out);
            encode_into(inner, out);
        }
        Item::Null => out.push(0xf6),
        Item::IndefMap(pairs) => {
            out.push(0xbf);
            pairs_into(pairs, out);
            out.push(0xff);
        }
        Item::Raw(b) => out.extend_from_slice(b),
    }
}

/// The encoding of `item`.
pub fn enc(item: &Item) -> Vec<u8> {
    let mut out = Vec::new();
    encode_into(item, &mut out);
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
        assert_eq!(enc(&Item::U(1_000_000_000_000)), [0x1b, 0x00, 0x00, 0x00, 0xe8, 0xd4, 0xa5, 0x10, 0x00]);
        assert_eq!(enc(&Item::U(u64::MAX)), [0x1b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
        assert_eq!(enc(&int(-1)), [0x20]);
        assert_eq!(enc(&int(-7)), [0x26]);
        assert_eq!(enc(&int(-35)), [0x38, 0x22]);
        assert_eq!(enc(&int(-1000)), [0x39, 0x03, 0xe7]);
        assert_eq!(enc(&Item::N(i64::MIN)), [0x3b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
        assert_eq!(enc(&tstr("IETF")), [0x64, 0x49, 0x45, 0x54, 0x46]);
        assert_eq!(enc(&bstr(&[1, 2, 3, 4])), [0x44, 1, 2, 3, 4]);
        assert_eq!(enc(&Item::Tag(18, Box::new(Item::A(vec![])))), [0xd2, 0x80]);
        assert_eq!(enc(&Item::M(vec![(int(1), int(2)), (int(3), int(4))])), [0xa2, 0x01, 0x02, 0x03, 0x04]);
        assert_eq!(enc(&Item::Null), [0xf6]);
    }

    #[test]
    fn n_takes_any_sign_and_int_picks_the_variant() {
        assert_eq!(enc(&Item::N(5)), enc(&Item::U(5)));
        assert!(matches!(int(5), Item::U(5)));
        assert!(matches!(int(-5), Item::N(-5)));
    }

    #[test]
    fn writes_what_it_is_told() {
        let dup = Item::M(vec![(int(4), int(1)), (int(4), int(1))]);
        assert_eq!(enc(&dup), [0xa2, 0x04, 0x01, 0x04, 0x01]);
        assert_eq!(enc(&Item::IndefMap(vec![(int(0), int(1))])), [0xbf, 0x00, 0x01, 0xff]);
        let raw = Item::A(vec![Item::Raw(vec![0x18, 0x01]), Item::Raw(vec![])]);
        assert_eq!(enc(&raw), [0x82, 0x18, 0x01]);
    }
}
