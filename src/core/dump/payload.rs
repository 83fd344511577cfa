//! The dump payload (docs/spec/dump-format.md §2): a CBOR map with unsigned keys.

use super::pipeline::{needs, pass, Failure, Outcome, Run};
use super::report::Reason;
use crate::core::cbor::{self, Value};
use crate::core::chip::TEXT_BLOCK_LEN;
use crate::core::trust::Warning;
use crate::core::trust::WarningCode;

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

/// A well-formed payload, borrowing from the dump bytes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Payload<'a> {
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

fn parse_payload(bytes: &[u8]) -> Result<(Payload<'_>, Vec<Warning>), Failure> {
    let bad_field = |m| Failure::new(Reason::BadField, m);
    let missing = |m: &str| Failure::new(Reason::MissingField, m);
    let v = cbor::decode_exact(bytes)
        .map_err(|e| Failure::new(Reason::NotCbor, format!("the payload is not well-formed CBOR: {e}")))?;
    let entries = match v {
        Value::Map(m) => m,
        other => {
            return Err(Failure::new(Reason::NotMap, format!("the payload is a CBOR {}, not a map", other.type_name())))
        }
    };
    let mut f = Fields::default();
    let mut warnings = Vec::new();
    for (k, v) in entries {
        let key = match k {
            Value::Uint(n) => n,
            other => {
                let m = format!("the payload has a key of type {}; keys are unsigned integers", other.type_name());
                return Err(Failure::new(Reason::BadKey, m));
            }
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
            n => warnings.push(Warning::new(
                WarningCode::UnknownPayloadKey,
                format!("payload key {n} is not defined by version 1 and was ignored"),
            )),
        }
    }
    let version = f.version.ok_or_else(|| missing("the payload lacks the required key 0 (version)"))?;
    check_version(version).map_err(|m| Failure::new(Reason::UnsupportedVersion, m))?;
    let text = f.text.ok_or_else(|| missing("the payload lacks the required key 1 (text)"))?;
    let read_at = f.read_at.ok_or_else(|| missing("the payload lacks the required key 4 (readAt)"))?;
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
fn check_version(v: u64) -> Result<(), String> {
    if v == VERSION {
        Ok(())
    } else {
        Err(format!("payload version {v} is not supported (expected {VERSION})"))
    }
}

fn uint_field(v: &Value<'_>, name: &str) -> Result<u64, String> {
    match v {
        Value::Uint(n) => Ok(*n),
        other => Err(format!("payload {name} is a {}, not an unsigned integer", other.type_name())),
    }
}

/// readAt must fit a signed 64-bit Unix time.
fn read_at_field(v: &Value<'_>) -> Result<i64, String> {
    let n = uint_field(v, "readAt (4)")?;
    i64::try_from(n).map_err(|_| format!("payload readAt (4) {n} is out of range"))
}

/// Exact sizes: protects against truncated or padded blocks passing as
/// the chip's data.
fn exact_bytes<'a>(v: &Value<'a>, name: &str, len: usize) -> Result<&'a [u8], String> {
    match v {
        Value::Bytes(b) if b.len() == len => Ok(b),
        Value::Bytes(b) => Err(format!("payload {name} is {} bytes, expected exactly {len}", b.len())),
        other => Err(format!("payload {name} is a {}, not a byte string", other.type_name())),
    }
}

fn ranged_bytes<'a>(v: &Value<'a>, name: &str, min: usize, max: usize) -> Result<&'a [u8], String> {
    match v {
        Value::Bytes(b) if (min..=max).contains(&b.len()) => Ok(b),
        Value::Bytes(b) => Err(format!("payload {name} is {} bytes, expected {min} to {max}", b.len())),
        other => Err(format!("payload {name} is a {}, not a byte string", other.type_name())),
    }
}

fn reader_id_field<'a>(v: &Value<'a>) -> Result<&'a str, String> {
    match v {
        Value::Text(s) => {
            let n = s.chars().count();
            if (1..=READER_ID_MAX_CHARS).contains(&n) {
                Ok(s)
            } else {
                Err(format!("payload readerId (6) is {n} characters, expected 1 to {READER_ID_MAX_CHARS}"))
            }
        }
        other => Err(format!("payload readerId (6) is a {}, not a text string", other.type_name())),
    }
}

fn describe_payload(p: &Payload<'_>) -> String {
    let mut parts = vec!["text block"];
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
    format!("payload version 1 with {}", parts.join(", "))
}
