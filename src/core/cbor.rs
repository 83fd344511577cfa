//! A small, strict CBOR (RFC 8949) decoder, plus the few encoder helpers the
//! COSE `Sig_structure` needs.
//!
//! # Why our own decoder instead of `ciborium`/`coset`
//!
//! * **Duplicate map keys must be rejected.** RFC 8949 leaves duplicate keys
//!   to the application; general-purpose decoders keep the first or the last
//!   one silently. A signed dump with two `readAt` entries (or two `alg`
//!   header parameters) means two different things to two verifiers, so we
//!   treat it as malformed.
//! * **Indefinite-length items must be rejected** (docs/spec/dump-format.md §2).
//! * **We need the exact byte slices** of the protected header and the
//!   payload byte strings: the signature covers those bytes, and
//!   re-encoding a decoded structure is a classic source of verification
//!   bypasses and false rejections. Values here *borrow* from the input.
//! * **Hard resource limits** (nesting depth, total item count, lengths
//!   checked against the remaining input before anything is allocated), so
//!   hostile input cannot exhaust memory or the stack. The decoder never
//!   panics on any input.
//!
//! What is accepted: every well-formed definite-length item. Non-preferred
//! ("non-minimal") argument encodings are well-formed CBOR and are accepted:
//! signed bytes are never re-encoded, so they are harmless. Two-byte simple
//! values below 32 are not well-formed (RFC 8949 §3.3) and are rejected.

use std::fmt;

/// Deepest nesting of arrays, maps and tags accepted.
pub const MAX_DEPTH: usize = 16;
/// Most data items (counting every nested item) one decode accepts.
pub const MAX_ITEMS: usize = 4096;

/// A decoded CBOR data item, borrowing byte and text strings from the input.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// Major type 0.
    Uint(u64),
    /// Major type 1: the value is `-1 - n`.
    Nint(u64),
    /// Major type 2, the exact content bytes.
    Bytes(&'a [u8]),
    /// Major type 3, validated UTF-8.
    Text(&'a str),
    /// Major type 4.
    Array(Vec<Value<'a>>),
    /// Major type 5, in encoded order, keys unique.
    Map(Vec<(Value<'a>, Value<'a>)>),
    /// Major type 6.
    Tag(u64, Box<Value<'a>>),
    /// Simple values 20/21.
    Bool(bool),
    /// Simple value 22.
    Null,
    /// Simple value 23.
    Undefined,
    /// Other simple values (0..=19, 32..=255).
    Simple(u8),
    /// Half, single or double precision float, widened to f64.
    Float(f64),
}

impl<'a> Value<'a> {
    /// The integer value (major types 0 and 1) as i128.
    pub fn as_integer(&self) -> Option<i128> {
        match *self {
            Value::Uint(n) => Some(i128::from(n)),
            Value::Nint(n) => Some(-1 - i128::from(n)),
            _ => None,
        }
    }

    /// Looks a key up in a map by integer label.
    pub fn map_get_int(entries: &'a [(Value<'a>, Value<'a>)], label: i128) -> Option<&'a Value<'a>> {
        entries.iter().find(|(k, _)| k.as_integer() == Some(label)).map(|(_, v)| v)
    }

    /// A short human-readable name of the item's type, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Uint(_) => "unsigned integer",
            Value::Nint(_) => "negative integer",
            Value::Bytes(_) => "byte string",
            Value::Text(_) => "text string",
            Value::Array(_) => "array",
            Value::Map(_) => "map",
            Value::Tag(..) => "tagged item",
            Value::Bool(_) => "boolean",
            Value::Null => "null",
            Value::Undefined => "undefined",
            Value::Simple(_) => "simple value",
            Value::Float(_) => "float",
        }
    }
}

/// Why a byte string is not acceptable CBOR.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CborError {
    /// The input ended inside an item.
    Truncated,
    /// An indefinite-length string, array or map (or a stray "break").
    IndefiniteLength,
    /// Additional information 28–30, which RFC 8949 reserves.
    Reserved,
    /// A simple value below 32 in the two-byte form (not well-formed).
    InvalidSimple,
    /// The same key appears twice in one map.
    DuplicateKey,
    /// A text string that is not valid UTF-8.
    InvalidUtf8,
    /// Nesting deeper than [`MAX_DEPTH`].
    TooDeep,
    /// More than [`MAX_ITEMS`] items.
    TooManyItems,
    /// Bytes left over after the top-level item.
    TrailingBytes,
}

impl CborError {
    /// The error in words (English; messages translate it as a term, `i18n::term`).
    pub fn as_str(self) -> &'static str {
        match self {
            CborError::Truncated => "truncated CBOR (input ends inside an item)",
            CborError::IndefiniteLength => "indefinite-length CBOR item (not allowed)",
            CborError::Reserved => "reserved CBOR additional information (28-30)",
            CborError::InvalidSimple => "ill-formed CBOR simple value",
            CborError::DuplicateKey => "duplicate key in a CBOR map",
            CborError::InvalidUtf8 => "CBOR text string is not valid UTF-8",
            CborError::TooDeep => "CBOR nesting too deep",
            CborError::TooManyItems => "too many CBOR items",
            CborError::TrailingBytes => "trailing bytes after the CBOR item",
        }
    }

    /// Every error (tests: each has a translation).
    #[cfg(test)]
    pub(crate) const ALL: [CborError; 9] = [
        CborError::Truncated,
        CborError::IndefiniteLength,
        CborError::Reserved,
        CborError::InvalidSimple,
        CborError::DuplicateKey,
        CborError::InvalidUtf8,
        CborError::TooDeep,
        CborError::TooManyItems,
        CborError::TrailingBytes,
    ];
}

impl fmt::Display for CborError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::error::Error for CborError {}

/// Decodes exactly one item that must span the whole input.
pub fn decode_exact(bytes: &[u8]) -> Result<Value<'_>, CborError> {
    decode_exact_within(bytes, MAX_ITEMS)
}

/// [`decode_exact`] with an item budget of `max_items` instead of [`MAX_ITEMS`] (a trust list's
/// payload, docs/spec/trust-list.md §2, holds up to ~21,000 items in 1 MiB).
pub fn decode_exact_within(bytes: &[u8], max_items: usize) -> Result<Value<'_>, CborError> {
    let mut d = Decoder { input: bytes, pos: 0, items: 0, max_items };
    let v = d.item(0)?;
    reject_trailing_bytes(&d)?;
    Ok(v)
}

/// Decodes one item from the front of the input; returns it and the number
/// of bytes it used.
pub fn decode_prefix(bytes: &[u8]) -> Result<(Value<'_>, usize), CborError> {
    let mut d = Decoder { input: bytes, pos: 0, items: 0, max_items: MAX_ITEMS };
    let v = d.item(0)?;
    Ok((v, d.pos))
}

/// Protects against data smuggled after the signed structure (two parsers
/// could disagree on which item "is" the message).
fn reject_trailing_bytes(d: &Decoder<'_>) -> Result<(), CborError> {
    if d.pos == d.input.len() {
        Ok(())
    } else {
        Err(CborError::TrailingBytes)
    }
}

struct Decoder<'a> {
    input: &'a [u8],
    pos: usize,
    items: usize,
    max_items: usize,
}

impl<'a> Decoder<'a> {
    fn remaining(&self) -> usize {
        self.input.len().saturating_sub(self.pos)
    }

    fn byte(&mut self) -> Result<u8, CborError> {
        let b = *self.input.get(self.pos).ok_or(CborError::Truncated)?;
        self.pos += 1;
        Ok(b)
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], CborError> {
        let end = self.pos.checked_add(n).ok_or(CborError::Truncated)?;
        let s = self.input.get(self.pos..end).ok_or(CborError::Truncated)?;
        self.pos = end;
        Ok(s)
    }

    fn uint_be(&mut self, n: usize) -> Result<u64, CborError> {
        let s = self.take(n)?;
        Ok(s.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b)))
    }

    /// Reads the argument that follows an initial byte's additional info.
    fn argument(&mut self, info: u8) -> Result<u64, CborError> {
        match info {
            0..=23 => Ok(u64::from(info)),
            24 => self.uint_be(1),
            25 => self.uint_be(2),
            26 => self.uint_be(4),
            27 => self.uint_be(8),
            28..=30 => Err(CborError::Reserved),
            _ => Err(CborError::IndefiniteLength),
        }
    }

    /// Counts one item against the budget: protects against inputs that
    /// expand into huge trees (e.g. many empty arrays).
    fn count_item(&mut self) -> Result<(), CborError> {
        self.items += 1;
        if self.items > self.max_items {
            Err(CborError::TooManyItems)
        } else {
            Ok(())
        }
    }

    /// A length must fit in the remaining input before we slice or allocate
    /// for it: protects against a 5-byte header claiming 2^64 elements.
    fn length(&mut self, info: u8, min_bytes_per_unit: usize) -> Result<usize, CborError> {
        let n = self.argument(info)?;
        let n = usize::try_from(n).map_err(|_| CborError::Truncated)?;
        let needed = n.checked_mul(min_bytes_per_unit).ok_or(CborError::Truncated)?;
        if needed > self.remaining() {
            return Err(CborError::Truncated);
        }
        Ok(n)
    }

    fn item(&mut self, depth: usize) -> Result<Value<'a>, CborError> {
        self.count_item()?;
        let initial = self.byte()?;
        let major = initial >> 5;
        let info = initial & 0x1f;
        match major {
            0 => Ok(Value::Uint(self.argument(info)?)),
            1 => Ok(Value::Nint(self.argument(info)?)),
            2 => {
                let n = self.length(info, 1)?;
                Ok(Value::Bytes(self.take(n)?))
            }
            3 => {
                let n = self.length(info, 1)?;
                let raw = self.take(n)?;
                let s = std::str::from_utf8(raw).map_err(|_| CborError::InvalidUtf8)?;
                Ok(Value::Text(s))
            }
            4 => {
                let n = self.length(info, 1)?;
                let depth = enter(depth)?;
                let mut items = Vec::with_capacity(n.min(MAX_ITEMS));
                for _ in 0..n {
                    items.push(self.item(depth)?);
                }
                Ok(Value::Array(items))
            }
            5 => {
                let n = self.length(info, 2)?;
                let depth = enter(depth)?;
                let mut entries: Vec<(Value<'a>, Value<'a>)> = Vec::with_capacity(n.min(MAX_ITEMS));
                let mut seen = KeySet::default();
                for _ in 0..n {
                    let k = self.item(depth)?;
                    seen.reject_duplicate(&k)?;
                    let v = self.item(depth)?;
                    entries.push((k, v));
                }
                Ok(Value::Map(entries))
            }
            6 => {
                let tag = self.argument(info)?;
                let depth = enter(depth)?;
                Ok(Value::Tag(tag, Box::new(self.item(depth)?)))
            }
            _ => self.simple_or_float(info),
        }
    }

    fn simple_or_float(&mut self, info: u8) -> Result<Value<'a>, CborError> {
        match info {
            0..=19 => Ok(Value::Simple(info)),
            20 => Ok(Value::Bool(false)),
            21 => Ok(Value::Bool(true)),
            22 => Ok(Value::Null),
            23 => Ok(Value::Undefined),
            24 => {
                let v = self.byte()?;
                reject_short_simple_in_long_form(v)?;
                Ok(Value::Simple(v))
            }
            25 => {
                let bits = self.uint_be(2)? as u16;
                Ok(Value::Float(half_to_f64(bits)))
            }
            26 => {
                let bits = self.uint_be(4)? as u32;
                Ok(Value::Float(f64::from(f32::from_bits(bits))))
            }
            27 => Ok(Value::Float(f64::from_bits(self.uint_be(8)?))),
            28..=30 => Err(CborError::Reserved),
            // 0xff "break" outside an indefinite-length item.
            _ => Err(CborError::IndefiniteLength),
        }
    }
}

/// Nesting limit: protects the stack against deeply nested input.
fn enter(depth: usize) -> Result<usize, CborError> {
    let d = depth + 1;
    if d > MAX_DEPTH {
        Err(CborError::TooDeep)
    } else {
        Ok(d)
    }
}

/// Simple values 0..31 must use the one-byte form (RFC 8949 §3.3): protects
/// against two encodings of `true`/`false`/`null` with different bytes.
fn reject_short_simple_in_long_form(v: u8) -> Result<(), CborError> {
    if v < 32 {
        Err(CborError::InvalidSimple)
    } else {
        Ok(())
    }
}

/// The keys of one map seen so far, by canonical encoding.
///
/// Duplicate keys make a map ambiguous (first-wins vs last-wins decoders):
/// rejecting them protects against one signed payload meaning two things.
/// Keys are compared by a canonical encoding in an ordered set, so a map of
/// n keys costs O(n log n) comparisons (a pairwise scan was quadratic: three
/// 2,040-key maps made a 25 KB unsigned dump cost ~25x a benign one), and no
/// hash that an attacker could make collide is involved.
#[derive(Default)]
struct KeySet {
    /// The trust store's set type: one `BTreeSet` instantiation in the wasm.
    seen: crate::core::trust::ByteSet,
}

impl KeySet {
    fn reject_duplicate(&mut self, key: &Value<'_>) -> Result<(), CborError> {
        let mut canonical = Vec::new();
        encode_canonical(key, &mut canonical);
        if self.seen.insert(canonical) {
            Ok(())
        } else {
            Err(CborError::DuplicateKey)
        }
    }
}

/// Appends the canonical encoding of a decoded item: preferred (shortest)
/// argument encodings, floats as binary64 of their f64 widening. It is the
/// decoder's notion of item identity as bytes (injective, since CBOR items
/// are self-delimiting): `1` encoded as `0x01` and as `0x18 0x01` give the
/// same bytes, and floats compare by bit pattern (NaN keys are comparable).
/// Map keys are deduplicated by it; the fuzz target compares values by it.
pub fn encode_canonical(v: &Value<'_>, out: &mut Vec<u8>) {
    match v {
        Value::Uint(n) => encode_head(0, *n, out),
        Value::Nint(n) => encode_head(1, *n, out),
        Value::Bytes(b) => encode_bytes(b, out),
        Value::Text(t) => encode_text(t, out),
        Value::Array(items) => {
            encode_array_header(items.len(), out);
            items.iter().for_each(|i| encode_canonical(i, out));
        }
        Value::Map(entries) => {
            encode_map_header(entries.len(), out);
            for (k, val) in entries {
                encode_canonical(k, out);
                encode_canonical(val, out);
            }
        }
        Value::Tag(t, inner) => {
            encode_head(6, *t, out);
            encode_canonical(inner, out);
        }
        Value::Bool(b) => out.push(if *b { 0xf5 } else { 0xf4 }),
        Value::Null => out.push(0xf6),
        Value::Undefined => out.push(0xf7),
        Value::Simple(n) => encode_head(7, u64::from(*n), out),
        Value::Float(f) => {
            out.push(0xfb);
            out.extend_from_slice(&f.to_bits().to_be_bytes());
        }
    }
}

/// IEEE 754 binary16 to f64.
fn half_to_f64(bits: u16) -> f64 {
    let sign = if bits & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exp = i32::from((bits >> 10) & 0x1f);
    let mant = f64::from(bits & 0x3ff);
    let magnitude = match exp {
        0 => mant * 2f64.powi(-24),
        31 => {
            if mant == 0.0 {
                f64::INFINITY
            } else {
                f64::NAN
            }
        }
        e => (1024.0 + mant) * 2f64.powi(e - 25),
    };
    sign * magnitude
}

// ---------------------------------------------------------------------------
// Encoder helpers (definite lengths, preferred serialization).

/// Appends an initial byte plus argument in the shortest form.
pub fn encode_head(major: u8, arg: u64, out: &mut Vec<u8>) {
    let m = major << 5;
    if arg < 24 {
        out.push(m | arg as u8);
    } else if arg <= 0xff {
        out.push(m | 24);
        out.push(arg as u8);
    } else if arg <= 0xffff {
        out.push(m | 25);
        out.extend_from_slice(&(arg as u16).to_be_bytes());
    } else if arg <= 0xffff_ffff {
        out.push(m | 26);
        out.extend_from_slice(&(arg as u32).to_be_bytes());
    } else {
        out.push(m | 27);
        out.extend_from_slice(&arg.to_be_bytes());
    }
}

/// Appends a byte string.
pub fn encode_bytes(b: &[u8], out: &mut Vec<u8>) {
    encode_head(2, b.len() as u64, out);
    out.extend_from_slice(b);
}

/// Appends a text string.
pub fn encode_text(s: &str, out: &mut Vec<u8>) {
    encode_head(3, s.len() as u64, out);
    out.extend_from_slice(s.as_bytes());
}

/// Appends an array header for `n` items.
pub fn encode_array_header(n: usize, out: &mut Vec<u8>) {
    encode_head(4, n as u64, out);
}

/// Appends a map header for `n` pairs.
pub fn encode_map_header(n: usize, out: &mut Vec<u8>) {
    encode_head(5, n as u64, out);
}

/// Appends an integer (major type 0 or 1).
pub fn encode_int(v: i64, out: &mut Vec<u8>) {
    if v >= 0 {
        encode_head(0, v as u64, out);
    } else {
        encode_head(1, (-1 - v) as u64, out);
    }
}

// Native only: proptest is a native dev-dependency (wasm test builds, e.g. `wasm-pack test`,
// compile every test target).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn hex(s: &str) -> Vec<u8> {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    }

    #[test]
    fn integers() {
        assert_eq!(decode_exact(&hex("00")), Ok(Value::Uint(0)));
        assert_eq!(decode_exact(&hex("17")), Ok(Value::Uint(23)));
        assert_eq!(decode_exact(&hex("1818")), Ok(Value::Uint(24)));
        assert_eq!(decode_exact(&hex("1903e8")), Ok(Value::Uint(1000)));
        assert_eq!(decode_exact(&hex("1bffffffffffffffff")), Ok(Value::Uint(u64::MAX)));
        assert_eq!(decode_exact(&hex("26")), Ok(Value::Nint(6)));
        assert_eq!(decode_exact(&hex("26")).unwrap().as_integer(), Some(-7));
        assert_eq!(decode_exact(&hex("3bffffffffffffffff")).unwrap().as_integer(), Some(-1 - i128::from(u64::MAX)));
        // Non-preferred but well-formed.
        assert_eq!(decode_exact(&hex("1801")), Ok(Value::Uint(1)));
    }

    #[test]
    fn strings() {
        assert_eq!(decode_exact(&hex("4401020304")), Ok(Value::Bytes(&[1, 2, 3, 4])));
        assert_eq!(decode_exact(&hex("40")), Ok(Value::Bytes(&[])));
        assert_eq!(decode_exact(&hex("6449455446")), Ok(Value::Text("IETF")));
        assert_eq!(decode_exact(&hex("62c3a9")), Ok(Value::Text("é")));
        assert_eq!(decode_exact(&hex("62c328")), Err(CborError::InvalidUtf8));
        assert_eq!(decode_exact(&hex("4501020304")), Err(CborError::Truncated));
    }

    #[test]
    fn borrowed_slices_are_exact() {
        let input = hex("8243a1012643000102");
        let v = decode_exact(&input).unwrap();
        let Value::Array(items) = v else { panic!() };
        match items[0] {
            Value::Bytes(b) => {
                assert_eq!(b, &input[2..5]);
                assert_eq!(b.as_ptr(), input[2..].as_ptr());
            }
            _ => panic!(),
        }
    }

    #[test]
    fn containers() {
        assert_eq!(
            decode_exact(&hex("83010203")),
            Ok(Value::Array(vec![Value::Uint(1), Value::Uint(2), Value::Uint(3)]))
        );
        assert_eq!(
            decode_exact(&hex("a201020304")),
            Ok(Value::Map(vec![(Value::Uint(1), Value::Uint(2)), (Value::Uint(3), Value::Uint(4))]))
        );
        assert_eq!(decode_exact(&hex("d2 80")), Ok(Value::Tag(18, Box::new(Value::Array(vec![])))));
    }

    #[test]
    fn simple_and_floats() {
        assert_eq!(decode_exact(&hex("f4")), Ok(Value::Bool(false)));
        assert_eq!(decode_exact(&hex("f5")), Ok(Value::Bool(true)));
        assert_eq!(decode_exact(&hex("f6")), Ok(Value::Null));
        assert_eq!(decode_exact(&hex("f7")), Ok(Value::Undefined));
        assert_eq!(decode_exact(&hex("f0")), Ok(Value::Simple(16)));
        assert_eq!(decode_exact(&hex("f8ff")), Ok(Value::Simple(255)));
        assert_eq!(decode_exact(&hex("f818")), Err(CborError::InvalidSimple));
        assert_eq!(decode_exact(&hex("f93c00")), Ok(Value::Float(1.0)));
        assert_eq!(decode_exact(&hex("f97bff")), Ok(Value::Float(65504.0)));
        assert_eq!(decode_exact(&hex("f90001")), Ok(Value::Float(5.960464477539063e-8)));
        assert_eq!(decode_exact(&hex("f9c400")), Ok(Value::Float(-4.0)));
        assert_eq!(decode_exact(&hex("f97c00")), Ok(Value::Float(f64::INFINITY)));
        assert_eq!(decode_exact(&hex("fa47c35000")), Ok(Value::Float(100000.0)));
        assert_eq!(decode_exact(&hex("fb3ff199999999999a")), Ok(Value::Float(1.1)));
        match decode_exact(&hex("f97e00")) {
            Ok(Value::Float(f)) => assert!(f.is_nan()),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn rejects_indefinite_lengths() {
        for h in
            ["5f42010243030405ff", "7f657374726561646d696e67ff", "9f018202039f0405ffff", "bf61610161629f0203ffff", "ff"]
        {
            assert_eq!(decode_exact(&hex(h)), Err(CborError::IndefiniteLength), "{h}");
        }
        // Indefinite-length integer argument is also ill-formed.
        assert_eq!(decode_exact(&hex("1f")), Err(CborError::IndefiniteLength));
    }

    #[test]
    fn rejects_reserved_info() {
        for h in ["1c", "3d", "5e", "fc", "fe"] {
            assert_eq!(decode_exact(&hex(h)), Err(CborError::Reserved), "{h}");
        }
    }

    #[test]
    fn rejects_duplicate_keys() {
        assert_eq!(decode_exact(&hex("a2 01 02 01 03")), Err(CborError::DuplicateKey));
        // Same key, different argument widths.
        assert_eq!(decode_exact(&hex("a2 01 02 1801 03")), Err(CborError::DuplicateKey));
        assert_eq!(decode_exact(&hex("a2 6161 01 6161 02")), Err(CborError::DuplicateKey));
        // Nested map in a map value.
        assert_eq!(decode_exact(&hex("a1 01 a2 00 00 00 00")), Err(CborError::DuplicateKey));
        // Distinct keys of different types are fine.
        assert!(decode_exact(&hex("a3 01 00 21 00 4101 00")).is_ok());
        // Keys that are containers, tags, floats and simple values compare semantically.
        assert_eq!(decode_exact(&hex("a2 820102 00 82 1801 02 00")), Err(CborError::DuplicateKey));
        assert_eq!(decode_exact(&hex("a2 c1 01 00 c1 1801 00")), Err(CborError::DuplicateKey));
        assert_eq!(decode_exact(&hex("a2 f93c00 00 fb3ff0000000000000 00")), Err(CborError::DuplicateKey));
        assert_eq!(decode_exact(&hex("a2 f97e00 00 f97e00 00")), Err(CborError::DuplicateKey));
        assert_eq!(decode_exact(&hex("a2 f4 00 f4 00")), Err(CborError::DuplicateKey));
        assert!(decode_exact(&hex("a4 f4 00 f5 00 f6 00 f7 00")).is_ok());
        assert!(decode_exact(&hex("a2 820102 00 820201 00")).is_ok());
        assert!(decode_exact(&hex("a2 01 00 21 00")).is_ok());
        assert!(decode_exact(&hex("a2 41 00 61 00 00")).is_err()); // truncated, not a false duplicate
    }

    /// The largest maps the item budget allows: every key checked against
    /// every other without pairwise scans (regression: the check used to be
    /// quadratic per map), and a duplicate at the very end is still found.
    #[test]
    fn large_maps_detect_duplicates() {
        let n = (MAX_ITEMS - 1) / 2; // pairs of the largest map that fits the budget
        let mut map = vec![0xb9];
        map.extend_from_slice(&(n as u16).to_be_bytes());
        for i in 0..n {
            encode_text(&format!("key-{i:05}"), &mut map);
            map.push(0x00);
        }
        assert!(matches!(decode_exact(&map), Ok(Value::Map(m)) if m.len() == n));
        // Last key repeats the first one.
        let last_key_at = map.len() - 11;
        map.splice(last_key_at.., {
            let mut k = Vec::new();
            encode_text("key-00000", &mut k);
            k.push(0);
            k
        });
        assert_eq!(decode_exact(&map), Err(CborError::DuplicateKey));
    }

    #[test]
    fn rejects_trailing_bytes() {
        assert_eq!(decode_exact(&hex("0000")), Err(CborError::TrailingBytes));
        assert_eq!(decode_prefix(&hex("0000")), Ok((Value::Uint(0), 1)));
    }

    #[test]
    fn truncation() {
        for h in ["", "18", "19 01", "1a 01 02 03", "1b 00", "82 01", "a1 01", "d2", "f9 00", "fa 0000", "fb 00"] {
            assert_eq!(decode_exact(&hex(h)), Err(CborError::Truncated), "{h:?}");
        }
    }

    #[test]
    fn huge_lengths_do_not_allocate() {
        // Array / map / bstr claiming 2^64-1 elements in a 9-byte input.
        for h in ["9bffffffffffffffff", "bbffffffffffffffff", "5bffffffffffffffff", "7b00000000ffffffff"] {
            assert_eq!(decode_exact(&hex(h)), Err(CborError::Truncated), "{h}");
        }
    }

    #[test]
    fn depth_limit() {
        let mut ok = vec![0x81u8; MAX_DEPTH];
        ok.push(0x00);
        assert!(decode_exact(&ok).is_ok());
        let mut deep = vec![0x81u8; MAX_DEPTH + 1];
        deep.push(0x00);
        assert_eq!(decode_exact(&deep), Err(CborError::TooDeep));
        let mut tags = vec![0xc1u8; 100];
        tags.push(0x00);
        assert_eq!(decode_exact(&tags), Err(CborError::TooDeep));
        // A stack-blowing input fails cleanly.
        let bomb = vec![0x81u8; 1_000_000];
        assert_eq!(decode_exact(&bomb), Err(CborError::TooDeep));
    }

    #[test]
    fn item_limit() {
        let mut ok = vec![0x99u8, 0x0f, 0xff]; // array of 4095
        ok.extend(std::iter::repeat(0u8).take(4095));
        assert!(decode_exact(&ok).is_ok());
        let mut too_many = vec![0x99u8, 0x10, 0x00]; // array of 4096 (+ itself)
        too_many.extend(std::iter::repeat(0u8).take(4096));
        assert_eq!(decode_exact(&too_many), Err(CborError::TooManyItems));
    }

    #[test]
    fn encoder_round_trips() {
        for v in [0u64, 23, 24, 255, 256, 65535, 65536, 0xffff_ffff, 0x1_0000_0000, u64::MAX] {
            let mut out = Vec::new();
            encode_head(0, v, &mut out);
            assert_eq!(decode_exact(&out), Ok(Value::Uint(v)));
        }
        let mut out = Vec::new();
        encode_array_header(4, &mut out);
        encode_text("Signature1", &mut out);
        encode_bytes(&[0xa1, 0x01, 0x26], &mut out);
        encode_bytes(&[], &mut out);
        encode_int(-7, &mut out);
        assert_eq!(out, hex("84 6a5369676e617475726531 43a10126 40 26"));
        let mut m = Vec::new();
        encode_map_header(1, &mut m);
        encode_int(1, &mut m);
        encode_int(-7, &mut m);
        assert_eq!(m, hex("a10126"));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let _ = decode_exact(&bytes);
            let _ = decode_prefix(&bytes);
        }

        #[test]
        fn container_heavy_bytes_never_panic(bytes in proptest::collection::vec(
            prop_oneof![Just(0x81u8), Just(0xa1), Just(0x9f), Just(0xbf), Just(0xff), Just(0xd2), Just(0x5f), any::<u8>()], 0..256)) {
            let _ = decode_exact(&bytes);
        }
    }
}
