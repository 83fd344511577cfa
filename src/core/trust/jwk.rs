//! RFC 7517 JWK sets holding P-256 verification keys.
//!
//! Usable keys are `kty:"EC"`, `crv:"P-256"` with base64url `x`/`y` of
//! exactly 32 bytes each forming a point on the curve, and a non-empty
//! string `kid`. Keys the verifier cannot or must not use are skipped with
//! a warning (RFC 7517 §5: "implementations SHOULD ignore JWKs … not
//! understood"), so one odd key does not make a whole published set
//! unusable. A document that is not a JWK set is an error.

use crate::core::codes::MisuseCode;
use crate::core::trust::WarningCode;
use std::collections::BTreeMap;

use base64ct::{Base64Url, Base64UrlUnpadded, Encoding};
use p256::ecdsa::VerifyingKey;

use super::{Note, TrustError, TrustedKey, MAX_JWKS_BYTES, MAX_KEYS_PER_SET};
use crate::core::i18n::{DumpErrorKey as E, Text, TrustKey};
use crate::core::json::{self, Json};

/// Longest `kid` accepted, in bytes.
pub const MAX_KID_BYTES: usize = 256;

/// Keys and warnings from one JWK set.
pub(crate) struct ParsedJwkSet {
    pub keys: Vec<TrustedKey>,
    pub warnings: Vec<Note>,
}

/// An entry of the `keys` array: an object with unique member names, an
/// object with a repeated member (JSON parsers commonly keep the last one;
/// in key material "which `x` did you mean?" is rejected instead), or
/// something that is not an object.
enum Entry {
    Object(BTreeMap<String, Json>),
    DuplicateMember(String),
    NotAnObject(&'static str),
}

impl Entry {
    fn from_json(v: Json) -> Entry {
        let Json::Object(members) = v else { return Entry::NotAnObject(v.kind()) };
        match unique_members(members) {
            Ok(map) => Entry::Object(map),
            Err(name) => Entry::DuplicateMember(name),
        }
    }
}

/// An object's members by name, or the first name that appears twice.
/// O(n log n): a 1 MiB document can hold ~100,000 members.
fn unique_members(members: Vec<(String, Json)>) -> Result<BTreeMap<String, Json>, String> {
    let mut map = BTreeMap::new();
    for (k, v) in members {
        if map.contains_key(&k) {
            return Err(k);
        }
        map.insert(k, v);
    }
    Ok(map)
}

/// The top level: `{"keys": [ … ]}` plus any other members (ignored). A
/// repeated top-level member is an error: which `keys` would count?
fn set_entries(doc: Json) -> Result<Vec<Entry>, TrustError> {
    let invalid = |t: Text| TrustError::new(MisuseCode::InvalidJwks, t);
    let Json::Object(members) = doc else {
        return Err(invalid(Text::new(E::JwksDocument).term("what", doc.kind()).with("shape", r#"{"keys": [...]}"#)));
    };
    let mut members = unique_members(members)
        .map_err(|k| invalid(Text::new(E::JwksMemberTwice).with("member", Json::String(k).to_string())))?;
    match members.remove("keys") {
        None => Err(invalid(Text::new(E::JwksNoKeys))),
        Some(Json::Array(items)) if items.len() > MAX_KEYS_PER_SET => {
            Err(TrustError::new(MisuseCode::TooLarge, Text::new(E::JwksTooManyKeys).with("max", MAX_KEYS_PER_SET)))
        }
        Some(Json::Array(items)) => Ok(items.into_iter().map(Entry::from_json).collect()),
        Some(other) => Err(invalid(Text::new(E::JwksKeysType).term("what", other.kind()))),
    }
}

/// Parses a JWK set, returning the usable keys and a warning per skipped key.
pub(crate) fn parse_jwk_set(json: &str) -> Result<ParsedJwkSet, TrustError> {
    reject_oversized_document(json)?;
    // The JSON parser's detail stays English (like the dump checks' decoder details).
    let doc = json::parse(json)
        .map_err(|e| TrustError::new(MisuseCode::InvalidJwks, Text::new(E::NotAJwkSet).with("error", e.to_string())))?;
    let entries = set_entries(doc)?;
    let mut keys = Vec::new();
    let mut warnings = Vec::new();
    for (i, entry) in entries.into_iter().enumerate() {
        match entry {
            Entry::Object(obj) => match jwk_to_key(&obj) {
                Ok(k) => keys.push(k),
                Err(w) => warnings.push(w.located(i)),
            },
            Entry::DuplicateMember(name) => warnings.push(
                Skip::new(
                    WarningCode::InvalidKey,
                    Text::new(TrustKey::DuplicateMember).with("member", format!("{name:?}")),
                )
                .located(i),
            ),
            Entry::NotAnObject(what) => warnings.push(
                Skip::new(WarningCode::InvalidKey, Text::new(TrustKey::NotAnObject).term("what", what)).located(i),
            ),
        }
    }
    Ok(ParsedJwkSet { keys, warnings })
}

/// Size limit: protects against memory exhaustion from a huge document.
fn reject_oversized_document(json: &str) -> Result<(), TrustError> {
    if json.len() > MAX_JWKS_BYTES {
        Err(TrustError::new(
            MisuseCode::TooLarge,
            Text::new(E::JwksTooLarge).with("length", json.len()).with("max", MAX_JWKS_BYTES),
        ))
    } else {
        Ok(())
    }
}

/// Why one key was skipped (becomes a [`Note`]).
struct Skip {
    code: WarningCode,
    why: Text,
    kid: Option<String>,
}

impl Skip {
    fn new(code: WarningCode, why: Text) -> Self {
        Skip { code, why, kid: None }
    }

    fn located(self, index: usize) -> Note {
        let text = match &self.kid {
            Some(k) => Text::new(TrustKey::JwkWithKidSkipped).with("kid", format!("{k:?}")),
            None => Text::new(TrustKey::JwkSkipped),
        };
        Note::new(self.code, text.with("index", index).part("why", self.why))
    }
}

/// Converts one JWK object into a trusted key, or says why it is skipped.
fn jwk_to_key(obj: &BTreeMap<String, Json>) -> Result<TrustedKey, Skip> {
    // Private material first: never keep a key that carries `d`, and say so
    // before anything else (the app is leaking a private key).
    let kid_hint = obj.get("kid").and_then(Json::as_str).map(|s| s.chars().take(64).collect::<String>());
    let with_kid = |mut s: Skip| {
        s.kid = kid_hint.clone();
        s
    };
    reject_private_material(obj).map_err(with_kid)?;
    check_key_type(obj).map_err(with_kid)?;
    check_alg(obj).map_err(with_kid)?;
    check_use(obj).map_err(with_kid)?;
    check_key_ops(obj).map_err(with_kid)?;
    let kid = require_kid(obj)?;
    let key = decode_point(obj).map_err(with_kid)?;
    let sec1 = key.to_sec1_point(false).as_bytes().to_vec();
    Ok(TrustedKey { kid, key, sec1, origin: super::Origin::default() })
}

/// A JWK with `d` is a private key; a verifier must never hold one (and the
/// app should not be distributing it).
fn reject_private_material(obj: &BTreeMap<String, Json>) -> Result<(), Skip> {
    let private_members = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];
    if let Some(m) = private_members.iter().find(|m| obj.contains_key(**m)) {
        return Err(Skip::new(
            WarningCode::PrivateKeyMaterial,
            Text::new(TrustKey::PrivateKeyMaterial).with("member", *m),
        ));
    }
    Ok(())
}

/// Only EC P-256 keys can verify ES256.
fn check_key_type(obj: &BTreeMap<String, Json>) -> Result<(), Skip> {
    let kty = obj.get("kty").and_then(Json::as_str);
    let crv = obj.get("crv").and_then(Json::as_str);
    match (kty, crv) {
        (Some("EC"), Some("P-256")) => Ok(()),
        (Some("EC"), other) => {
            Err(Skip::new(WarningCode::UnsupportedKeyType, describe(Text::new(TrustKey::Curve), "crv", other)))
        }
        (other, _) => {
            Err(Skip::new(WarningCode::UnsupportedKeyType, describe(Text::new(TrustKey::KeyType), "kty", other)))
        }
    }
}

/// A key restricted to another algorithm must not be used for ES256
/// (RFC 7517 §4.4): protects against cross-algorithm key reuse.
fn check_alg(obj: &BTreeMap<String, Json>) -> Result<(), Skip> {
    match obj.get("alg") {
        None => Ok(()),
        Some(Json::String(a)) if a == "ES256" => Ok(()),
        Some(v) => Err(Skip::new(WarningCode::UnsupportedAlg, Text::new(TrustKey::Alg).with("value", short_json(v)))),
    }
}

/// A key published for encryption (`use:"enc"`) is not a signing key.
fn check_use(obj: &BTreeMap<String, Json>) -> Result<(), Skip> {
    match obj.get("use") {
        None => Ok(()),
        Some(Json::String(u)) if u == "sig" => Ok(()),
        Some(v) => Err(Skip::new(WarningCode::WrongKeyUse, Text::new(TrustKey::Use).with("value", short_json(v)))),
    }
}

/// `key_ops` present without `verify`: the publisher did not allow
/// verification with this key.
fn check_key_ops(obj: &BTreeMap<String, Json>) -> Result<(), Skip> {
    match obj.get("key_ops") {
        None => Ok(()),
        Some(Json::Array(ops)) if ops.iter().any(|o| o.as_str() == Some("verify")) => Ok(()),
        Some(v) => Err(Skip::new(WarningCode::WrongKeyOps, Text::new(TrustKey::KeyOps).with("value", short_json(v)))),
    }
}

/// Dumps name their key by kid, so a key without one can never be selected.
fn require_kid(obj: &BTreeMap<String, Json>) -> Result<String, Skip> {
    match obj.get("kid") {
        Some(Json::String(k)) if !k.is_empty() && k.len() <= MAX_KID_BYTES => Ok(k.clone()),
        Some(Json::String(k)) if k.is_empty() => Err(Skip::new(WarningCode::MissingKid, Text::new(TrustKey::KidEmpty))),
        Some(Json::String(k)) => Err(Skip::new(
            WarningCode::InvalidKey,
            Text::new(TrustKey::KidTooLong).with("size", k.len()).with("max", MAX_KID_BYTES),
        )),
        Some(v) => {
            Err(Skip::new(WarningCode::MissingKid, Text::new(TrustKey::KidNotAString).with("value", short_json(v))))
        }
        None => Err(Skip::new(WarningCode::MissingKid, Text::new(TrustKey::NoKid))),
    }
}

/// Coordinates must be exactly 32 bytes (RFC 7518 §6.2.1.2) and the point
/// must be on P-256 (not the identity): protects against invalid-curve keys.
fn decode_point(obj: &BTreeMap<String, Json>) -> Result<VerifyingKey, Skip> {
    let x = coordinate(obj, "x")?;
    let y = coordinate(obj, "y")?;
    let mut sec1 = Vec::with_capacity(65);
    sec1.push(0x04);
    sec1.extend_from_slice(&x);
    sec1.extend_from_slice(&y);
    VerifyingKey::from_sec1_bytes(&sec1)
        .map_err(|_| Skip::new(WarningCode::InvalidKey, Text::new(TrustKey::NotOnCurve)))
}

fn coordinate(obj: &BTreeMap<String, Json>, name: &'static str) -> Result<Vec<u8>, Skip> {
    let said = |key| Skip::new(WarningCode::InvalidKey, Text::new(key).with("member", name));
    let s = match obj.get(name) {
        Some(Json::String(s)) => s,
        Some(v) => {
            let mut skip = said(TrustKey::CoordinateType);
            skip.why = skip.why.with("value", short_json(v));
            return Err(skip);
        }
        None => return Err(said(TrustKey::CoordinateMissing)),
    };
    if s.len() > 128 {
        return Err(said(TrustKey::CoordinateTooLong));
    }
    let bytes = Base64UrlUnpadded::decode_vec(s)
        .or_else(|_| Base64Url::decode_vec(s))
        .map_err(|_| said(TrustKey::CoordinateNotBase64url))?;
    if bytes.len() != 32 {
        let mut skip = said(TrustKey::CoordinateSize);
        skip.why = skip.why.with("size", bytes.len());
        return Err(skip);
    }
    Ok(bytes)
}

/// The RFC 7638 JWK thumbprint (base64url SHA-256 of the canonical
/// `{"crv","kty","x","y"}` members) of an uncompressed P-256 SEC1 point;
/// how keys are named in revocation messages and listings.
pub fn thumbprint(sec1: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(&thumbprint_digest(sec1))
}

/// The SHA-256 of RFC 7638's canonical JWK of a P-256 point (what [`thumbprint`] encodes).
pub fn thumbprint_digest(sec1: &[u8]) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    let coord = |r: std::ops::Range<usize>| Base64UrlUnpadded::encode_string(sec1.get(r).unwrap_or(&[]));
    let canonical = format!(r#"{{"crv":"P-256","kty":"EC","x":"{}","y":"{}"}}"#, coord(1..33), coord(33..65));
    Sha256::digest(canonical.as_bytes()).into()
}

/// `text` with the member value `name`: quoted, or the word "missing".
fn describe(text: Text, name: &'static str, v: Option<&str>) -> Text {
    match v {
        Some(s) => text.with(name, format!("{:?}", s.chars().take(32).collect::<String>())),
        None => text.term(name, "missing"),
    }
}

fn short_json(v: &Json) -> String {
    let s = v.to_string();
    if s.chars().count() > 64 {
        format!("{}…", s.chars().take(64).collect::<String>())
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::i18n::Locale;
    use crate::core::trust::TrustStore;

    // RFC 7515 appendix A.3 public key (P-256).
    const X: &str = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
    const Y: &str = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";
    const D: &str = "jpsQnnGQmL-YBIffH1136cLyGwh7HEOy1t6usT5X4c8";

    fn key(extra: &str) -> String {
        format!(r#"{{"kty":"EC","crv":"P-256","x":"{X}","y":"{Y}"{extra}}}"#)
    }

    fn set(keys: &[String]) -> String {
        format!(r#"{{"keys":[{}]}}"#, keys.join(","))
    }

    fn codes(out: &ParsedJwkSet) -> Vec<&'static str> {
        out.warnings.iter().map(|w| w.code.as_str()).collect()
    }

    #[test]
    fn accepts_a_plain_key() {
        let out = parse_jwk_set(&set(&[key(r#","kid":"reader-1""#)])).unwrap();
        assert_eq!(out.keys.len(), 1);
        assert_eq!(out.keys[0].kid, "reader-1");
        assert!(out.warnings.is_empty());
        let out = parse_jwk_set(&set(&[key(r#","kid":"k","alg":"ES256","use":"sig","key_ops":["verify"]"#)])).unwrap();
        assert_eq!(out.keys.len(), 1);
    }

    #[test]
    fn skip_rules() {
        let cases: &[(String, &str)] = &[
            (r#"{"kty":"RSA","n":"AQAB","e":"AQAB","kid":"r"}"#.to_owned(), "UNSUPPORTED_KEY_TYPE"),
            (format!(r#"{{"kty":"EC","crv":"P-384","x":"{X}","y":"{Y}","kid":"c"}}"#), "UNSUPPORTED_KEY_TYPE"),
            (
                r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"ed"}"#
                    .to_owned(),
                "UNSUPPORTED_KEY_TYPE",
            ),
            (key(""), "MISSING_KID"),
            (key(r#","kid":"""#), "MISSING_KID"),
            (key(r#","kid":7"#), "MISSING_KID"),
            (key(r#","kid":"a","alg":"ES384""#), "UNSUPPORTED_ALG"),
            (key(r#","kid":"a","alg":"RS256""#), "UNSUPPORTED_ALG"),
            (key(r#","kid":"a","use":"enc""#), "WRONG_KEY_USE"),
            (key(r#","kid":"a","key_ops":["sign"]"#), "WRONG_KEY_OPS"),
            (key(r#","kid":"a","key_ops":"verify""#), "WRONG_KEY_OPS"),
            (key(&format!(r#","kid":"a","d":"{D}""#)), "PRIVATE_KEY_MATERIAL"),
            (format!(r#"{{"kty":"EC","crv":"P-256","x":"{X}","y":"{X}","kid":"off"}}"#), "INVALID_KEY"),
            (format!(r#"{{"kty":"EC","crv":"P-256","x":"AAAA","y":"{Y}","kid":"short"}}"#), "INVALID_KEY"),
            (format!(r#"{{"kty":"EC","crv":"P-256","x":"{X}!","y":"{Y}","kid":"b64"}}"#), "INVALID_KEY"),
            (format!(r#"{{"kty":"EC","crv":"P-256","y":"{Y}","kid":"nox"}}"#), "INVALID_KEY"),
            (format!(r#"{{"kty":"EC","crv":"P-256","x":"{X}","x":"{X}","y":"{Y}","kid":"dup"}}"#), "INVALID_KEY"),
            ("\"just a string\"".to_owned(), "INVALID_KEY"),
            ("[1,2]".to_owned(), "INVALID_KEY"),
        ];
        for (jwk, code) in cases {
            let out = parse_jwk_set(&set(std::slice::from_ref(jwk))).unwrap();
            assert!(out.keys.is_empty(), "{jwk}");
            assert_eq!(codes(&out), vec![*code], "{jwk}");
        }
    }

    #[test]
    fn private_key_is_never_kept_nor_echoed() {
        let out = parse_jwk_set(&set(&[key(&format!(r#","kid":"a","d":"{D}""#))])).unwrap();
        assert!(out.keys.is_empty());
        assert!(!out.warnings[0].message(Locale::En).contains(D));
    }

    #[test]
    fn padded_base64url_is_tolerated() {
        // 32 bytes -> 43 chars unpadded, 44 with "=".
        let padded = format!(r#"{{"kty":"EC","crv":"P-256","x":"{X}=","y":"{Y}=","kid":"p"}}"#);
        assert_eq!(parse_jwk_set(&set(&[padded])).unwrap().keys.len(), 1);
    }

    #[test]
    fn mixed_set_keeps_the_good_ones() {
        let out =
            parse_jwk_set(&set(&[key(r#","kid":"good""#), r#"{"kty":"RSA","kid":"r"}"#.to_owned(), key("")])).unwrap();
        assert_eq!(out.keys.len(), 1);
        assert_eq!(codes(&out), vec!["UNSUPPORTED_KEY_TYPE", "MISSING_KID"]);
        assert!(out.warnings[0].message(Locale::En).contains("JWK #1"));
    }

    #[test]
    fn many_members_are_checked_for_repeats_without_quadratic_work() {
        // ~90,000 distinct top-level members fill most of the 1 MiB limit.
        let members: Vec<String> = (0..90_000).map(|i| format!(r#""m{i}":0"#)).collect();
        let doc = format!(r#"{{{},"keys":[]}}"#, members.join(","));
        assert!(doc.len() <= MAX_JWKS_BYTES);
        assert_eq!(parse_jwk_set(&doc).unwrap().keys.len(), 0);
        let repeated = format!(r#"{{{},"m0":1,"keys":[]}}"#, members.join(","));
        let e = parse_jwk_set(&repeated).err().expect("a repeated member is rejected");
        assert_eq!(e.code, "INVALID_JWKS");
        assert!(e.message(Locale::En).contains(r#"member "m0" appears twice"#), "{}", e.message(Locale::En));
        // Inside a key, the first repeated name is reported.
        let out = parse_jwk_set(&set(&[r#"{"a":1,"x":1,"b":2,"x":3,"a":4}"#.to_owned()])).unwrap();
        assert_eq!(codes(&out), vec!["INVALID_KEY"]);
        assert!(
            out.warnings[0].message(Locale::En).contains(r#"member "x" appears twice"#),
            "{}",
            out.warnings[0].message(Locale::En)
        );
    }

    #[test]
    fn not_a_jwk_set() {
        for doc in [
            "",
            "[]",
            "{}",
            r#"{"keys":{}}"#,
            r#"{"keys":"x"}"#,
            "null",
            "{\"keys\":[]",
            r#"{"keys":[],"keys":[]}"#,
            "{\"kty\":\"EC\"}",
        ] {
            let e = parse_jwk_set(doc).err().unwrap_or_else(|| panic!("{doc}"));
            assert_eq!(e.code, "INVALID_JWKS", "{doc}");
        }
        // An empty set is a set.
        assert_eq!(parse_jwk_set(r#"{"keys":[]}"#).unwrap().keys.len(), 0);
        // Unknown top-level members are ignored.
        assert_eq!(
            parse_jwk_set(&format!(r#"{{"issuer":"x","keys":[{}]}}"#, key(r#","kid":"a""#))).unwrap().keys.len(),
            1
        );
    }

    #[test]
    fn size_limits() {
        let big = format!(r#"{{"keys":[],"pad":"{}"}}"#, "a".repeat(MAX_JWKS_BYTES));
        assert_eq!(parse_jwk_set(&big).err().unwrap().code, "TOO_LARGE");
        let many = format!(r#"{{"keys":[{}]}}"#, vec!["{}"; MAX_KEYS_PER_SET + 1].join(","));
        assert_eq!(parse_jwk_set(&many).err().unwrap().code, "TOO_LARGE");
        let ok = format!(r#"{{"keys":[{}]}}"#, vec!["{}"; MAX_KEYS_PER_SET].join(","));
        assert_eq!(parse_jwk_set(&ok).unwrap().warnings.len(), MAX_KEYS_PER_SET);
    }

    #[test]
    fn store_dedup_and_rotation() {
        let mut ts = TrustStore::new();
        let doc = set(&[key(r#","kid":"k1""#)]);
        assert_eq!(ts.add_jwks_json(&doc).unwrap().added, 1);
        assert_eq!(ts.add_jwks_json(&doc).unwrap().added, 0);
        assert_eq!(ts.key_count(), 1);
        // A different key under the same kid is kept (rotation).
        let other = test_support::pki::TestKey::new(7);
        let (x, y) = other.jwk_xy();
        let rotated = format!(r#"{{"keys":[{{"kty":"EC","crv":"P-256","x":"{x}","y":"{y}","kid":"k1"}}]}}"#);
        let out = ts.add_jwks_json(&rotated).unwrap();
        assert_eq!(out.added, 1);
        assert_eq!(out.warnings[0].code, "KID_ROTATION");
        assert_eq!(ts.key_count(), 2);
        assert_eq!(ts.kids(), vec!["k1".to_owned()]);
        assert_eq!(ts.keys_for_kid(b"k1").len(), 2);
        assert!(ts.keys_for_kid(b"k2").is_empty());
        // Errors add nothing.
        assert!(ts.add_jwks_json("{").is_err());
        assert_eq!(ts.key_count(), 2);
    }

    #[test]
    fn keys_per_kid_are_capped() {
        use crate::core::trust::MAX_KEYS_PER_KID;
        let keys: Vec<String> = (0..MAX_KEYS_PER_KID as u8 + 4)
            .map(|i| {
                let (x, y) = test_support::pki::TestKey::new(100 + i).jwk_xy();
                format!(r#"{{"kty":"EC","crv":"P-256","x":"{x}","y":"{y}","kid":"many"}}"#)
            })
            .collect();
        let mut ts = TrustStore::new();
        let out = ts.add_jwks_json(&set(&keys)).unwrap();
        assert_eq!(out.added, MAX_KEYS_PER_KID);
        assert_eq!(out.warnings.iter().filter(|w| w.code == "TOO_MANY_KEYS_FOR_KID").count(), 4);
        assert_eq!(out.warnings.iter().filter(|w| w.code == "KID_ROTATION").count(), MAX_KEYS_PER_KID - 1);
        assert_eq!(ts.keys_for_kid(b"many").len(), MAX_KEYS_PER_KID);
    }

    #[test]
    fn thumbprint_is_rfc7638() {
        let x = Base64UrlUnpadded::decode_vec(X).unwrap();
        let y = Base64UrlUnpadded::decode_vec(Y).unwrap();
        let sec1 = [&[4u8][..], &x, &y].concat();
        assert_eq!(thumbprint(&sec1), THUMBPRINT_A3);
    }

    /// SHA-256 of `{"crv":"P-256","kty":"EC","x":X,"y":Y}`, base64url
    /// (computed independently with `printf … | openssl dgst -sha256 -binary | basenc --base64url`).
    const THUMBPRINT_A3: &str = "oKIywvGUpTVTyxMQ3bwIIeQUudfr_CkLMjCE19ECD-U";
}
