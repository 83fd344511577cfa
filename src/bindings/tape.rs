//! Rust values → plain JS values through one compact "tape" (issue 12, cheap reports).
//!
//! A dump report (and every trust result) used to cross as serde_json text parsed again by
//! `JSON.parse` (issue 12 measured ~86 µs of a ~400 µs `verifyDump` for that trip). Here the value's own `Serialize` writes a word
//! stream instead, and `js/values.js` builds the objects from it in one pass: the words, numbers
//! and bytes are read in place from wasm memory, the strings are one text decoded once. Any
//! `Serialize` type works, with serde's JSON shape (externally tagged enums, `flatten`,
//! `skip_serializing_if`, `rename_all`), so the TypeScript types generated from the Rust types
//! still describe the objects; the one difference from JSON is that byte strings
//! (`serialize_bytes`, see `is_human_readable`) arrive as `Uint8Array`s. Measured against
//! serde_json + `JSON.parse` and serde-wasm-bindgen in BENCHMARKS.md ("Cheap reports").
//!
//! Layout (one `u32` per item; low 4 bits the tag, the other 28 bits its payload `p`):
//!
//! | tag | item | payload |
//! |---|---|---|
//! | 0 / 1 / 2 | `null` / `false` / `true` | – |
//! | 3 | a whole number in [0, 2^28) | the number |
//! | 4 | any other number | – (the next `f64` of `nums`) |
//! | 5 | a string | its UTF-16 length (the next `p` units of `text`) |
//! | 6 | an array | its length; then `p` items |
//! | 7 | an object | its member count; then `p` × (key, item) |
//! | 8 | a `Uint8Array` | its length (the next `p` bytes of `bytes`, copied) |
//! | 9 | a key JS already has | its index in JS's key table |
//! | 10 | a new key | its UTF-16 length in `text`; the next word is its index in the table |
//! | 11 | a key not kept (the table is full) | its UTF-16 length in `text` |
//!
//! Keys are interned for the module instance's lifetime: the field names of the report types are
//! sent once, after which a key is one word and JS never slices, hashes or checks it again (that
//! was 60% of building a report). A key becomes known only once a value that defined it was
//! built: if building fails, the keys it defined are sent again next time (same indices, so a
//! table JS half-filled is simply overwritten).

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

use serde::ser::{self, Serialize};

const NULL: u32 = 0;
const FALSE: u32 = 1;
const TRUE: u32 = 2;
const INT: u32 = 3;
const NUM: u32 = 4;
const STR: u32 = 5;
const ARR: u32 = 6;
const OBJ: u32 = 7;
const BYTES: u32 = 8;
const KEY: u32 = 9;
const NEW_KEY: u32 = 10;
const LITERAL_KEY: u32 = 11;

/// Most keys kept in the table (the report types have ~100; map keys built at run time could be
/// unbounded, so past this they are sent inline every time).
const MAX_KEYS: u32 = 4096;

/// Largest payload of one item (28 bits); larger strings, arrays or byte strings are an error.
const MAX_PAYLOAD: usize = (1 << 28) - 1;

/// A value's tape: the words and the three pools they refer to.
#[derive(Default)]
pub struct Tape {
    pub words: Vec<u32>,
    pub nums: Vec<f64>,
    pub text: String,
    pub bytes: Vec<u8>,
    /// Field names (`&'static str`, so their address names them for the whole run) → key index.
    static_keys: HashMap<(usize, usize), u32, BuildHasherDefault<AddressHasher>>,
    /// Map keys (built at run time: interned by content) → key index.
    dynamic_keys: HashMap<String, u32>,
    /// Keys JS has: indices below this.
    known: u32,
    /// Keys defined by the value being written (indices `known..`), not yet known to JS.
    pending_static: Vec<(usize, usize)>,
    pending_dynamic: Vec<String>,
}

/// The hash of a field name's (address, length): one multiply per word instead of SipHash, whose
/// per-field cost was a third of writing a report (measured: BENCHMARKS.md, "Cheap reports"). The
/// keys are the addresses of the report types' own field names, never caller input, so there is
/// no collision to provoke.
#[derive(Default)]
pub struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_usize(usize::from(b));
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0.rotate_left(26) ^ n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// Why a value could not be written (a bug or an absurd size, never caller input).
#[derive(Debug)]
pub struct TapeError(String);

impl fmt::Display for TapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TapeError {}

impl ser::Error for TapeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        TapeError(msg.to_string())
    }
}

type Res = Result<(), TapeError>;

fn utf16_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().map(char::len_utf16).sum()
    }
}

fn item(tag: u32, payload: usize) -> Result<u32, TapeError> {
    if payload > MAX_PAYLOAD {
        return Err(TapeError(format!("an item of {payload} units is too large for the tape")));
    }
    Ok(tag | ((payload as u32) << 4))
}

impl Tape {
    /// Writes `value` (after clearing what an earlier value left). Then [`Tape::built`] or
    /// [`Tape::failed`] says whether JS built it.
    pub fn write<T: Serialize + ?Sized>(&mut self, value: &T) -> Res {
        self.words.clear();
        self.nums.clear();
        self.text.clear();
        self.bytes.clear();
        self.forget_pending();
        value.serialize(&mut *self)
    }

    /// JS built the value: it now has the keys the value defined.
    pub fn built(&mut self) {
        self.known += self.pending();
        self.pending_static.clear();
        self.pending_dynamic.clear();
        self.trim();
    }

    /// The value was not built: its new keys are sent again with the next value.
    pub fn failed(&mut self) {
        self.forget_pending();
        self.trim();
    }

    fn pending(&self) -> u32 {
        (self.pending_static.len() + self.pending_dynamic.len()) as u32
    }

    fn forget_pending(&mut self) {
        for id in self.pending_static.drain(..) {
            self.static_keys.remove(&id);
        }
        for k in self.pending_dynamic.drain(..) {
            self.dynamic_keys.remove(&k);
        }
    }

    /// Drops buffers grown by one huge value (a 64 KiB photo is fine; megabytes are not kept).
    fn trim(&mut self) {
        const KEEP: usize = 1 << 20;
        if self.bytes.capacity() > KEEP || self.text.capacity() > KEEP || self.words.capacity() > KEEP {
            self.words = Vec::new();
            self.nums = Vec::new();
            self.text = String::new();
            self.bytes = Vec::new();
        }
    }

    fn push_str(&mut self, tag: u32, s: &str) -> Res {
        self.words.push(item(tag, utf16_len(s))?);
        self.text.push_str(s);
        Ok(())
    }

    fn number(&mut self, v: f64) -> Res {
        self.words.push(NUM);
        self.nums.push(v);
        Ok(())
    }

    fn whole(&mut self, v: i128) -> Res {
        if (0..=MAX_PAYLOAD as i128).contains(&v) {
            self.words.push(item(INT, v as usize)?);
            Ok(())
        } else {
            // As JSON.parse reads an integer: the nearest double.
            self.number(v as f64)
        }
    }

    /// The index a new key gets, or `None` when the table is full.
    fn next_index(&self) -> Option<u32> {
        let i = self.known + self.pending();
        (i < MAX_KEYS).then_some(i)
    }

    fn define_key(&mut self, key: &str, index: u32) -> Res {
        self.push_str(NEW_KEY, key)?;
        self.words.push(index);
        Ok(())
    }

    /// A struct field name.
    fn static_key(&mut self, key: &'static str) -> Res {
        let id = (key.as_ptr() as usize, key.len());
        if let Some(&i) = self.static_keys.get(&id) {
            self.words.push(item(KEY, i as usize)?);
            return Ok(());
        }
        let Some(i) = self.next_index() else { return self.push_str(LITERAL_KEY, key) };
        self.static_keys.insert(id, i);
        self.pending_static.push(id);
        self.define_key(key, i)
    }

    /// A map key.
    fn dynamic_key(&mut self, key: &str) -> Res {
        if let Some(&i) = self.dynamic_keys.get(key) {
            self.words.push(item(KEY, i as usize)?);
            return Ok(());
        }
        let Some(i) = self.next_index() else { return self.push_str(LITERAL_KEY, key) };
        self.dynamic_keys.insert(key.to_owned(), i);
        self.pending_dynamic.push(key.to_owned());
        self.define_key(key, i)
    }

    /// Opens an array or object whose length is patched in by [`Compound::end`].
    fn open(&mut self, tag: u32) -> Compound<'_> {
        let at = self.words.len();
        self.words.push(tag);
        Compound { tape: self, at, tag, count: 0 }
    }

    /// `{ variant: … }`, serde's external tagging.
    fn variant_wrapper(&mut self, variant: &'static str) -> Res {
        self.words.push(item(OBJ, 1)?);
        self.static_key(variant)
    }
}

/// An array or object being written.
pub struct Compound<'a> {
    tape: &'a mut Tape,
    at: usize,
    tag: u32,
    count: usize,
}

impl Compound<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Res {
        self.count += 1;
        value.serialize(&mut *self.tape)
    }

    fn end(self) -> Res {
        self.tape.words[self.at] = item(self.tag, self.count)?;
        Ok(())
    }
}

impl<'a> ser::Serializer for &'a mut Tape {
    type Ok = ();
    type Error = TapeError;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    /// Not human-readable: byte strings (`report::Bytes`) cross as bytes, not as hex.
    fn is_human_readable(&self) -> bool {
        false
    }

    fn serialize_bool(self, v: bool) -> Res {
        self.words.push(if v { TRUE } else { FALSE });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Res {
        self.whole(v.into())
    }
    fn serialize_i16(self, v: i16) -> Res {
        self.whole(v.into())
    }
    fn serialize_i32(self, v: i32) -> Res {
        self.whole(v.into())
    }
    fn serialize_i64(self, v: i64) -> Res {
        self.whole(v.into())
    }
    fn serialize_i128(self, v: i128) -> Res {
        self.whole(v)
    }
    fn serialize_u8(self, v: u8) -> Res {
        self.whole(v.into())
    }
    fn serialize_u16(self, v: u16) -> Res {
        self.whole(v.into())
    }
    fn serialize_u32(self, v: u32) -> Res {
        self.whole(v.into())
    }
    fn serialize_u64(self, v: u64) -> Res {
        self.whole(v.into())
    }
    fn serialize_u128(self, v: u128) -> Res {
        match i128::try_from(v) {
            Ok(v) => self.whole(v),
            Err(_) => self.number(v as f64),
        }
    }
    fn serialize_f32(self, v: f32) -> Res {
        self.number(v.into())
    }
    fn serialize_f64(self, v: f64) -> Res {
        self.number(v)
    }
    fn serialize_char(self, v: char) -> Res {
        self.push_str(STR, v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Res {
        self.push_str(STR, v)
    }
    fn serialize_bytes(self, v: &[u8]) -> Res {
        self.words.push(item(BYTES, v.len())?);
        self.bytes.extend_from_slice(v);
        Ok(())
    }
    fn serialize_none(self) -> Res {
        self.words.push(NULL);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Res {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Res {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Res {
        self.serialize_none()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Res {
        self.push_str(STR, variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Res {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Res {
        self.variant_wrapper(variant)?;
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, TapeError> {
        Ok(self.open(ARR))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'a>, TapeError> {
        Ok(self.open(ARR))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, TapeError> {
        Ok(self.open(ARR))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, TapeError> {
        self.variant_wrapper(variant)?;
        Ok(self.open(ARR))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, TapeError> {
        Ok(self.open(OBJ))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, TapeError> {
        Ok(self.open(OBJ))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, TapeError> {
        self.variant_wrapper(variant)?;
        Ok(self.open(OBJ))
    }
}

/// The sequence-like compounds (arrays in JS): one element after the other.
macro_rules! sequence_like {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = TapeError;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Res {
                self.element(value)
            }
            fn end(self) -> Res {
                Compound::end(self)
            }
        }
    )*};
}

sequence_like!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = TapeError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Res {
        self.count += 1;
        key.serialize(KeyWriter(&mut *self.tape))
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Res {
        value.serialize(&mut *self.tape)
    }
    fn end(self) -> Res {
        Compound::end(self)
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = TapeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Res {
        self.count += 1;
        self.tape.static_key(key)?;
        value.serialize(&mut *self.tape)
    }
    fn end(self) -> Res {
        Compound::end(self)
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = TapeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Res {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Res {
        Compound::end(self)
    }
}

/// A map key: a string (or a unit variant's name); anything else is an error, as JSON objects
/// have string keys only.
struct KeyWriter<'a>(&'a mut Tape);

fn not_a_string_key() -> TapeError {
    TapeError("a map key must be a string".into())
}

/// The scalar `serialize_*` methods of [`KeyWriter`]: each one is [`not_a_string_key`].
macro_rules! not_a_key {
    ($($method:ident: $t:ty),* $(,)?) => {$(
        fn $method(self, _: $t) -> Res {
            Err(not_a_string_key())
        }
    )*};
}

impl ser::Serializer for KeyWriter<'_> {
    type Ok = ();
    type Error = TapeError;
    type SerializeSeq = ser::Impossible<(), TapeError>;
    type SerializeTuple = ser::Impossible<(), TapeError>;
    type SerializeTupleStruct = ser::Impossible<(), TapeError>;
    type SerializeTupleVariant = ser::Impossible<(), TapeError>;
    type SerializeMap = ser::Impossible<(), TapeError>;
    type SerializeStruct = ser::Impossible<(), TapeError>;
    type SerializeStructVariant = ser::Impossible<(), TapeError>;

    fn serialize_str(self, v: &str) -> Res {
        self.0.dynamic_key(v)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Res {
        self.0.static_key(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Res {
        value.serialize(self)
    }
    fn serialize_char(self, v: char) -> Res {
        self.0.dynamic_key(v.encode_utf8(&mut [0; 4]))
    }
    not_a_key!(
        serialize_bool: bool,
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_f32: f32,
        serialize_f64: f64,
    );
    fn serialize_bytes(self, _: &[u8]) -> Res {
        Err(not_a_string_key())
    }
    fn serialize_none(self) -> Res {
        Err(not_a_string_key())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Res {
        Err(not_a_string_key())
    }
    fn serialize_unit(self) -> Res {
        Err(not_a_string_key())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Res {
        Err(not_a_string_key())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(self, _: &'static str, _: u32, _: &'static str, _: &T) -> Res {
        Err(not_a_string_key())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, TapeError> {
        Err(not_a_string_key())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, TapeError> {
        Err(not_a_string_key())
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, TapeError> {
        Err(not_a_string_key())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, TapeError> {
        Err(not_a_string_key())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, TapeError> {
        Err(not_a_string_key())
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, TapeError> {
        Err(not_a_string_key())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, TapeError> {
        Err(not_a_string_key())
    }
}
