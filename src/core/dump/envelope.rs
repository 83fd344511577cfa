//! The COSE_Sign1 envelope (docs/spec/dump-format.md §1) and its header parameters.
//!
//! [`check_envelope`] decides the `ENVELOPE` check, [`check_algorithm`] the `ALGORITHM` check. Header *values* are
//! judged by the check that uses them: `alg` by `ALGORITHM`, `kid` and
//! `x5chain` by `SIGNER` (see docs/spec/dump-format-notes.md).

use super::pipeline::{needs, pass, Failure, Outcome, Run};
use super::report::Reason;
use super::MAX_DUMP_BYTES;
use crate::core::cbor::{self, CborError, Value};
use crate::core::i18n::{DumpKey as K, Text};

/// COSE header labels (RFC 9052 §3.1, RFC 9360).
pub const LABEL_ALG: i128 = 1;
pub const LABEL_CRIT: i128 = 2;
pub const LABEL_KID: i128 = 4;
pub const LABEL_X5CHAIN: i128 = 33;
/// `x5t` (RFC 9360): a hash of the signer certificate, read from the
/// protected header only (an addition to the wire contract: it binds an
/// unprotected x5chain, see docs/spec/dump-format-notes.md §7).
pub const LABEL_X5T: i128 = 34;
/// COSE algorithm id of SHA-256 (RFC 9054).
pub const ALG_SHA256: i128 = -16;
/// COSE algorithm id of ES256.
pub const ALG_ES256: i128 = -7;
/// CBOR tag of COSE_Sign1.
pub const TAG_COSE_SIGN1: u64 = 18;

/// Header labels this verifier understands (may appear in `crit`).
const UNDERSTOOD_LABELS: [i128; 5] = [LABEL_ALG, LABEL_CRIT, LABEL_KID, LABEL_X5CHAIN, LABEL_X5T];

type Header<'a> = Vec<(Value<'a>, Value<'a>)>;

/// A structurally valid COSE_Sign1 message, borrowing from the input.
#[derive(Debug)]
pub(crate) struct Envelope<'a> {
    /// The exact content of the protected-header bstr (signed as is).
    pub protected_raw: &'a [u8],
    pub protected: Header<'a>,
    pub unprotected: Header<'a>,
    /// The exact content of the payload bstr (signed as is).
    pub payload: &'a [u8],
    /// 64 bytes, r ‖ s.
    pub signature: &'a [u8],
    pub tagged: bool,
}

/// ENVELOPE: the dump is at most [`MAX_DUMP_BYTES`] (checked before any parsing: protects against
/// resource exhaustion) and a well-formed COSE_Sign1 with an embedded payload and a 64-byte
/// signature. Leaves the parsed envelope for the other checks.
pub(crate) fn check_envelope(run: &mut Run<'_>) -> Outcome {
    let bytes = run.bytes;
    if bytes.len() > MAX_DUMP_BYTES {
        let m = Text::new(K::TooLarge).with("size", bytes.len()).with("limit", MAX_DUMP_BYTES);
        return Err(Failure::new(Reason::TooLarge, m));
    }
    let env = parse_envelope(bytes)?;
    let form = if env.tagged { "tag 18" } else { "untagged" };
    run.envelope = Some(env);
    pass(Text::new(K::EnvelopeOk).term("form", form).with("size", bytes.len()))
}

/// The COSE_Sign1 structure of a dump (and of a trust list: dump/trust_list.rs), without the size check.
pub(crate) fn parse_envelope(bytes: &[u8]) -> Result<Envelope<'_>, Failure> {
    let not_cose = |m| Failure::new(Reason::NotCoseSign1, m);
    let bad_header = |m| Failure::new(Reason::BadHeader, m);
    let top = cbor::decode_exact(bytes).map_err(|e| Failure::new(Reason::NotCbor, cbor_error(K::NotCbor, e)))?;
    let (items, tagged) = unwrap_sign1(top).map_err(not_cose)?;
    let [protected, unprotected, payload, signature] = four_elements(items).map_err(not_cose)?;

    let protected_raw = match protected {
        Value::Bytes(b) => b,
        other => return Err(not_cose(typed(K::ProtectedNotBytes, &other))),
    };
    let protected = decode_protected(protected_raw)?;
    let unprotected = match unprotected {
        Value::Map(m) => m,
        other => return Err(bad_header(typed(K::UnprotectedNotMap, &other))),
    };
    let payload = embedded_payload(payload)?;
    let signature = raw_signature(signature).map_err(|m| Failure::new(Reason::BadSignatureEncoding, m))?;

    check_header_labels(&protected, "protected").map_err(bad_header)?;
    check_header_labels(&unprotected, "unprotected").map_err(bad_header)?;
    check_crit(&protected, &unprotected).map_err(bad_header)?;
    check_disjoint(&protected, &unprotected).map_err(bad_header)?;

    Ok(Envelope { protected_raw, protected, unprotected, payload, signature, tagged })
}

/// Message `key` about a CBOR value of the wrong type (its `{type}`).
pub(crate) fn typed(key: K, v: &Value<'_>) -> Text {
    Text::new(key).term("type", v.type_name())
}

/// Message `key` about a CBOR decoding error (its `{error}`).
pub(crate) fn cbor_error(key: K, e: CborError) -> Text {
    Text::new(key).term("error", e.as_str())
}

/// Tag 18 is optional; any other tag is another COSE structure (or not
/// COSE at all) and must not be read as a COSE_Sign1.
fn unwrap_sign1(top: Value<'_>) -> Result<(Vec<Value<'_>>, bool), Text> {
    match top {
        Value::Tag(TAG_COSE_SIGN1, inner) => match *inner {
            Value::Array(items) => Ok((items, true)),
            other => Err(typed(K::Tag18Wraps, &other)),
        },
        Value::Tag(t, _) => Err(Text::new(K::OtherTag).with("tag", t)),
        Value::Array(items) => Ok((items, false)),
        other => Err(typed(K::NotAnArray, &other)),
    }
}

fn four_elements(items: Vec<Value<'_>>) -> Result<[Value<'_>; 4], Text> {
    let n = items.len();
    <[Value<'_>; 4]>::try_from(items).map_err(|_| Text::new(K::FourElements).with("count", n))
}

/// The protected header is a bstr wrapping a map; the empty bstr stands
/// for the empty map (RFC 9052 §3).
fn decode_protected(raw: &[u8]) -> Result<Header<'_>, Failure> {
    if raw.is_empty() {
        return Ok(Vec::new());
    }
    match cbor::decode_exact(raw) {
        Ok(Value::Map(m)) => Ok(m),
        Ok(other) => Err(Failure::new(Reason::BadHeader, typed(K::ProtectedNotMap, &other))),
        Err(e) => Err(Failure::new(Reason::NotCbor, cbor_error(K::ProtectedNotCbor, e))),
    }
}

/// A detached (nil) payload is rejected: the dump must carry what it vouches for.
fn embedded_payload<'a>(v: Value<'a>) -> Result<&'a [u8], Failure> {
    match v {
        Value::Bytes(b) => Ok(b),
        Value::Null => Err(Failure::new(Reason::DetachedPayload, Text::new(K::Detached))),
        other => Err(Failure::new(Reason::NotCoseSign1, typed(K::PayloadNotBytes, &other))),
    }
}

/// COSE ES256 signatures are exactly r ‖ s (64 bytes). A DER-encoded
/// ECDSA signature is not COSE: accepting it would let two encodings of
/// one signature circulate.
fn raw_signature<'a>(v: Value<'a>) -> Result<&'a [u8], Text> {
    match v {
        Value::Bytes(b) if b.len() == 64 => Ok(b),
        Value::Bytes(b) if looks_like_der_signature(b) => Err(Text::new(K::SignatureDer).with("size", b.len())),
        Value::Bytes(b) => Err(Text::new(K::SignatureLength).with("size", b.len())),
        other => Err(typed(K::SignatureNotBytes, &other)),
    }
}

fn looks_like_der_signature(b: &[u8]) -> bool {
    matches!(b, [0x30, len, 0x02, ..] if usize::from(*len) + 2 == b.len())
}

/// Header labels are integers or text strings (RFC 9052 §3): protects
/// against maps no COSE library would read the same way.
fn check_header_labels(h: &Header<'_>, which: &'static str) -> Result<(), Text> {
    for (k, _) in h {
        match k {
            Value::Uint(_) | Value::Nint(_) | Value::Text(_) => {}
            other => return Err(typed(K::LabelType, other).term("header", which)),
        }
    }
    Ok(())
}

/// `crit` (label 2): must be protected, a non-empty array of labels, each
/// present in the protected header, and each one this verifier
/// understands. Protects against ignoring a header the signer declared
/// essential.
fn check_crit(protected: &Header<'_>, unprotected: &Header<'_>) -> Result<(), Text> {
    if Value::map_get_int(unprotected, LABEL_CRIT).is_some() {
        return Err(Text::new(K::CritUnprotected));
    }
    let Some(crit) = Value::map_get_int(protected, LABEL_CRIT) else {
        return Ok(());
    };
    let labels = match crit {
        Value::Array(a) if !a.is_empty() => a,
        Value::Array(_) => return Err(Text::new(K::CritEmpty)),
        other => return Err(typed(K::CritNotArray, other)),
    };
    for l in labels {
        match l {
            Value::Uint(_) | Value::Nint(_) => {
                let n = l.as_integer().unwrap_or(0);
                if !UNDERSTOOD_LABELS.contains(&n) || n == LABEL_CRIT {
                    return Err(Text::new(K::CritNotUnderstood).with("label", n.to_string()));
                }
                if Value::map_get_int(protected, n).is_none() {
                    return Err(Text::new(K::CritAbsent).with("label", n.to_string()));
                }
            }
            Value::Text(t) => {
                let shown: String = t.chars().take(40).collect();
                return Err(Text::new(K::CritNotUnderstood).with("label", format!("{shown:?}")));
            }
            other => return Err(typed(K::CritNotLabel, other)),
        }
    }
    Ok(())
}

/// RFC 9052 §3: a parameter must not be in both buckets. The wire contract
/// explicitly allows kid in both (protected wins); for alg and x5chain two
/// copies would be ambiguous, so they are rejected.
fn check_disjoint(protected: &Header<'_>, unprotected: &Header<'_>) -> Result<(), Text> {
    for (label, name) in [(LABEL_ALG, "alg"), (LABEL_X5CHAIN, "x5chain")] {
        if Value::map_get_int(protected, label).is_some() && Value::map_get_int(unprotected, label).is_some() {
            return Err(Text::new(K::BothHeaders).with("name", name).with("label", label.to_string()));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Header values

/// ALGORITHM: `alg` is ES256 (-7), in the protected header. Protects against algorithm
/// substitution (an unprotected `alg` could be changed without breaking the signature).
pub(crate) fn check_algorithm(run: &mut Run<'_>) -> Outcome {
    let env = needs(run.envelope.as_ref(), "the envelope")?;
    let unsupported = |m: Text| Err(Failure::new(Reason::UnsupportedAlgorithm, m));
    match Value::map_get_int(&env.protected, LABEL_ALG) {
        Some(v) if v.as_integer() == Some(ALG_ES256) => pass(Text::new(K::AlgOk)),
        Some(v) => match v.as_integer() {
            Some(n) => unsupported(Text::new(K::AlgOther).with("alg", format!("{n}{}", alg_name(n)))),
            None => match v {
                Value::Text(t) => unsupported(
                    Text::new(K::AlgText).with("text", format!("{:?}", t.chars().take(40).collect::<String>())),
                ),
                other => unsupported(typed(K::AlgType, other)),
            },
        },
        None if Value::map_get_int(&env.unprotected, LABEL_ALG).is_some() => {
            Err(Failure::new(Reason::UnprotectedAlgorithm, Text::new(K::AlgUnprotected)))
        }
        None => Err(Failure::new(Reason::MissingAlgorithm, Text::new(K::AlgMissing))),
    }
}

fn alg_name(n: i128) -> &'static str {
    match n {
        -8 => " (EdDSA)",
        -35 => " (ES384)",
        -36 => " (ES512)",
        -37 => " (PS256)",
        -257 => " (RS256)",
        -9 => " (ESP256)",
        5 => " (HMAC 256/256)",
        _ => "",
    }
}

/// Which header a parameter came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HeaderBucket {
    Protected,
    Unprotected,
}

impl HeaderBucket {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            HeaderBucket::Protected => "protected",
            HeaderBucket::Unprotected => "unprotected",
        }
    }
}

/// A header parameter by label: the protected bucket wins.
fn header_param<'a>(env: &'a Envelope<'a>, label: i128) -> Option<(&'a Value<'a>, HeaderBucket)> {
    match Value::map_get_int(&env.protected, label) {
        Some(v) => Some((v, HeaderBucket::Protected)),
        None => Value::map_get_int(&env.unprotected, label).map(|v| (v, HeaderBucket::Unprotected)),
    }
}

/// The kid (protected wins). `Err` when a kid is present but not a bstr.
pub(crate) fn kid<'a>(env: &'a Envelope<'a>) -> Result<Option<(&'a [u8], HeaderBucket)>, Text> {
    let Some((v, src)) = header_param(env, LABEL_KID) else { return Ok(None) };
    match v {
        Value::Bytes(b) => Ok(Some((b, src))),
        other => Err(typed(K::KidType, other)),
    }
}

/// The x5chain certificates as DER (signer first), with the header they came from.
pub(crate) type X5Chain<'a> = (Vec<&'a [u8]>, HeaderBucket);

/// The x5chain certificates (signer first) and the header they came from.
/// `Err` for a malformed value.
pub(crate) fn x5chain<'a>(env: &'a Envelope<'a>) -> Result<Option<X5Chain<'a>>, Text> {
    let Some((v, bucket)) = header_param(env, LABEL_X5CHAIN) else { return Ok(None) };
    x5chain_certs(v).map(|certs| Some((certs, bucket)))
}

fn x5chain_certs<'a>(v: &'a Value<'a>) -> Result<Vec<&'a [u8]>, Text> {
    match v {
        Value::Bytes(b) => Ok(vec![*b]),
        Value::Array(items) if items.is_empty() => Err(Text::new(K::X5chainEmpty)),
        Value::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, it) in items.iter().enumerate() {
                match it {
                    Value::Bytes(b) => out.push(*b),
                    other => return Err(typed(K::X5chainElement, other).with("index", i + 1)),
                }
            }
            Ok(out)
        }
        other => Err(typed(K::X5chainType, other)),
    }
}

/// The protected `x5t` (RFC 9360 COSE_CertHash `[hashAlg, hashValue]`) as a
/// SHA-256 hash. Only SHA-256 (-16) is supported; another algorithm or a
/// malformed value is an error (the SIGNER check fails), never ignored.
pub(crate) fn x5t(env: &Envelope<'_>) -> Result<Option<[u8; 32]>, Text> {
    let Some(v) = Value::map_get_int(&env.protected, LABEL_X5T) else { return Ok(None) };
    match v {
        Value::Array(items) => match items.as_slice() {
            [alg, Value::Bytes(hash)] if alg.as_integer() == Some(ALG_SHA256) => {
                <[u8; 32]>::try_from(*hash).map(Some).map_err(|_| Text::new(K::X5tLength).with("size", hash.len()))
            }
            [alg, Value::Bytes(_)] => Err(match alg.as_integer() {
                Some(n) => Text::new(K::X5tAlg).with("alg", n.to_string()),
                None => Text::new(K::X5tAlg).term("alg", alg.type_name()),
            }),
            _ => Err(Text::new(K::X5tShape)),
        },
        other => Err(typed(K::X5tType, other)),
    }
}
