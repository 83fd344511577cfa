//! The dump payload (docs/spec/dump-format.md §2): a CBOR map with unsigned keys.

use super::envelope::{cbor_error, typed};
use super::pipeline::{needs, pass, Failure, Outcome, Run};
use super::report::Reason;
use crate::core::cbor::{self, Value};
use crate::core::chip::TEXT_BLOCK_LEN;
use crate::core::i18n::{DumpKey as K, Text};
use crate::core::trust::{Note, WarningCode};

/// Size of the WLT photo and fingerprint blocks.
pub const BLOCK_1024: usize = 1024;
/// Nonce length bounds (bytes).
pub const NONCE_MIN: usize = 8;
pub const NONCE_MAX: usize = 64;
/// readerId length bounds (Unicode scalar values).
pub const READER_ID_MAX_CHARS: usize = 64;
/// chipSerial length bounds (bytes).
pub const CHIP_SERIAL_MAX: usize = 32;
/// The only payload version defined.
pub const VERSION: u64 = 1;

/// A well-formed payload (dump-format.md §2), borrowing from the dump bytes; also what
/// `core::sign::sign_dump` signs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Payload<'a> {
    pub text: &'a [u8],
    pub photo: Option<&'a [u8]>,
    pub fingerprint: Option<&'a [u8]>,
    pub read_at: i64,
    pub nonce: Option<&'a [u8]>,
    pub reader_id: Option<&'a str>,
    pub chip_serial: Option<&'a [u8]>,
}

#[derive(Default)]
struct Fields<'a> {
    version: Option<u64>,
    text: Option<&'a [u8]>,
    photo: Option<&'a [u8]>,
    fingerprint: Option<&'a [u8]>,
    read_at: Option<i64>,
    nonce: Option<&'a [u8]>,
    reader_id: Option<&'a str>,
    chip_serial: Option<&'a [u8]>,
}

/// PAYLOAD: the payload is a version-1 map with the required fields, each of the right type and
/// size (protects the card checks from reading malformed data). Leaves the payload for the content
/// and card checks; unknown keys above 7 produce `UNKNOWN_PAYLOAD_KEY` warnings.
pub(crate) fn check_payload(run: &mut Run<'_>) -> Outcome {
    let bytes = needs(run.envelope.as_ref(), "the envelope")?.payload;
    let (payload, warnings) = parse_payload(bytes)?;
    run.warnings.extend(warnings);
    let message = describe_payload(&payload);
    run.payload = Some(payload);
    pass(message)
}

fn parse_payload(bytes: &[u8]) -> Result<(Payload<'_>, Vec<Note>), Failure> {
    let bad_field = |m| Failure::new(Reason::BadField, m);
    let missing = |key: u8, field: &'static str| {
        Failure::new(Reason::MissingField, Text::new(K::MissingField).with("key", key).with("field", field))
    };
    let v = cbor::decode_exact(bytes).map_err(|e| Failure::new(Reason::NotCbor, cbor_error(K::PayloadNotCbor, e)))?;
    let entries = match v {
        Value::Map(m) => m,
        other => return Err(Failure::new(Reason::NotMap, typed(K::PayloadNotMap, &other))),
    };
    let mut f = Fields::default();
    let mut warnings = Vec::new();
    for (k, v) in entries {
        let key = match k {
            Value::Uint(n) => n,
            other => return Err(Failure::new(Reason::BadKey, typed(K::PayloadKeyType, &other))),
        };
        match key {
            0 => f.version = Some(uint_field(&v, "version (0)").map_err(bad_field)?),
            1 => f.text = Some(exact_bytes(&v, "text (1)", TEXT_BLOCK_LEN).map_err(bad_field)?),
            2 => f.photo = Some(exact_bytes(&v, "photo (2)", BLOCK_1024).map_err(bad_field)?),
            3 => f.fingerprint = Some(exact_bytes(&v, "fingerprint (3)", BLOCK_1024).map_err(bad_field)?),
            4 => f.read_at = Some(read_at_field(&v).map_err(bad_field)?),
            5 => f.nonce = Some(ranged_bytes(&v, "nonce (5)", NONCE_MIN, NONCE_MAX).map_err(bad_field)?),
            6 => f.reader_id = Some(reader_id_field(&v).map_err(bad_field)?),
            7 => f.chip_serial = Some(ranged_bytes(&v, "chipSerial (7)", 1, CHIP_SERIAL_MAX).map_err(bad_field)?),
            n => {
                warnings.push(Note::new(WarningCode::UnknownPayloadKey, Text::new(K::UnknownPayloadKey).with("key", n)))
            }
        }
    }
    let version = f.version.ok_or_else(|| missing(0, "version"))?;
    check_version(version).map_err(|m| Failure::new(Reason::UnsupportedVersion, m))?;
    let text = f.text.ok_or_else(|| missing(1, "text"))?;
    let read_at = f.read_at.ok_or_else(|| missing(4, "readAt"))?;
    Ok((
        Payload {
            text,
            photo: f.photo,
            fingerprint: f.fingerprint,
            read_at,
            nonce: f.nonce,
            reader_id: f.reader_id,
            chip_serial: f.chip_serial,
        },
        warnings,
    ))
}

/// Only version 1 is defined: a later version may change meanings, so it
/// must not be read with version-1 rules.
fn check_version(v: u64) -> Result<(), Text> {
    if v == VERSION {
        Ok(())
    } else {
        Err(Text::new(K::Version).with("version", v).with("expected", VERSION))
    }
}

fn uint_field(v: &Value<'_>, name: &'static str) -> Result<u64, Text> {
    match v {
        Value::Uint(n) => Ok(*n),
        other => Err(typed(K::FieldNotUint, other).with("field", name)),
    }
}

/// readAt must fit a signed 64-bit Unix time.
fn read_at_field(v: &Value<'_>) -> Result<i64, Text> {
    let n = uint_field(v, "readAt (4)")?;
    i64::try_from(n).map_err(|_| Text::new(K::ReadAtRange).with("value", n.to_string()))
}

/// Exact sizes: protects against truncated or padded blocks passing as
/// the chip's data.
fn exact_bytes<'a>(v: &Value<'a>, name: &'static str, len: usize) -> Result<&'a [u8], Text> {
    match v {
        Value::Bytes(b) if b.len() == len => Ok(b),
        Value::Bytes(b) => Err(Text::new(K::FieldSize).with("field", name).with("size", b.len()).with("expected", len)),
        other => Err(typed(K::FieldNotBytes, other).with("field", name)),
    }
}

fn ranged_bytes<'a>(v: &Value<'a>, name: &'static str, min: usize, max: usize) -> Result<&'a [u8], Text> {
    match v {
        Value::Bytes(b) if (min..=max).contains(&b.len()) => Ok(b),
        Value::Bytes(b) => {
            Err(Text::new(K::FieldRange).with("field", name).with("size", b.len()).with("min", min).with("max", max))
        }
        other => Err(typed(K::FieldNotBytes, other).with("field", name)),
    }
}

fn reader_id_field<'a>(v: &Value<'a>) -> Result<&'a str, Text> {
    match v {
        Value::Text(s) => {
            let n = s.chars().count();
            if (1..=READER_ID_MAX_CHARS).contains(&n) {
                Ok(s)
            } else {
                Err(Text::new(K::ReaderIdLength).with("count", n).with("max", READER_ID_MAX_CHARS))
            }
        }
        other => Err(typed(K::ReaderIdType, other)),
    }
}

/// What the payload carries besides the text block (always there), in payload order.
fn describe_payload(p: &Payload<'_>) -> Text {
    let mut parts = Vec::new();
    if p.photo.is_some() {
        parts.push("photo");
    }
    if p.fingerprint.is_some() {
        parts.push("fingerprint");
    }
    parts.push("readAt");
    if p.nonce.is_some() {
        parts.push("nonce");
    }
    if p.reader_id.is_some() {
        parts.push("readerId");
    }
    if p.chip_serial.is_some() {
        parts.push("chipSerial");
    }
    Text::new(K::PayloadOk)
        .with("fields", crate::core::i18n::Value::Strs(parts.into_iter().map(String::from).collect()))
}
