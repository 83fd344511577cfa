//! Signed trust lists (docs/spec/trust-list.md): one list verified against the app's list signers.
//!
//! A list is a COSE_Sign1 with a dump's envelope rules, so the envelope, ALGORITHM, SIGNER,
//! SIGNATURE and REVOCATION rules are the dump's own check functions, run on the list's bytes with
//! the list signers as the trust store (one implementation of each rule). This file adds what is
//! the list's own: the size limit, the content type, the payload and its two times (spec §1–§3,
//! checks 1–9). What a verified list does to a store (checks 10–11, §4) is the store's business.

use sha2::{Digest, Sha256};

use super::envelope::{self, Envelope};
use super::pipeline::{CheckFn, Failure, Run};
use super::report::Reason;
use super::{signature, signer, EpochSeconds, SignerInfo, VerifyOptions};
use crate::core::cbor::{self, Value};
use crate::core::codes::MisuseCode;
use crate::core::engine::CurveEngine;
use crate::core::i18n::Locale;
use crate::core::i18n::{Text, TrustKey as T};
use crate::core::trust::Warning;
use crate::core::trust::{HeldList, ListChanges, Note, Source, TrustListOutcome, TrustStore, WarningCode};
use serde::Serialize;

/// Largest trust list accepted (spec §1).
pub const MAX_TRUST_LIST_BYTES: usize = 1 << 20;
/// The protected header's content type (label 3) every list carries (spec §1).
pub const CONTENT_TYPE: &str = "application/vnd.cnid.trust-list+cbor";
/// How far `issuedAt` may lie after the verification time (spec §3, check 8).
pub const LIST_CLOCK_SKEW_SECONDS: i64 = 300;
/// The only list version defined.
pub const LIST_VERSION: u64 = 1;
/// Most anchors, and most entries of each revocation array, in one list (spec §2).
pub const MAX_LIST_ANCHORS: usize = 1024;
pub const MAX_LIST_REVOCATIONS: usize = 4096;
/// The CBOR item budget of a list's payload: every field at its maximum (1,024 anchors, 4,096 of
/// each revocation kind, a serial pair being 3 items) fits, with room for unknown fields.
pub const LIST_PAYLOAD_ITEMS: usize = 32_768;
/// The latest `issuedAt` / `expiresAt` (9999-12-31T23:59:59Z), so that both are exact in
/// milliseconds as JavaScript numbers.
pub const MAX_LIST_TIME: u64 = 253_402_300_799;
/// The largest `sequence` (2^53 − 1: exact in JavaScript).
pub const MAX_SEQUENCE: u64 = (1 << 53) - 1;

const LABEL_CONTENT_TYPE: i128 = 3;

/// A rejected list: the code, the dump reason of the rule when one applies (`UNKNOWN_KID`,
/// `BAD_FIELD` …) and a specific message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListRejection {
    pub code: MisuseCode,
    pub reason: Option<Reason>,
    pub text: Text,
}

impl ListRejection {
    fn new(code: MisuseCode, failure: Failure) -> Self {
        ListRejection { code, reason: Some(failure.reason), text: failure.text }
    }

    fn malformed(reason: Reason, text: Text) -> Self {
        ListRejection { code: MisuseCode::TrustListMalformed, reason: Some(reason), text }
    }
}

/// A revoked serial: the issuing CA's DER certificate and the serial's big-endian bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevokedSerial {
    pub issuer: Vec<u8>,
    pub serial: Vec<u8>,
}

/// A verified list (spec §2), owned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustList {
    pub id: String,
    pub sequence: u64,
    pub issued_at: u64,
    pub expires_at: u64,
    /// The JWK set text, as carried.
    pub jwks: Option<String>,
    /// DER certificates.
    pub anchors: Vec<Vec<u8>>,
    pub revoked_kids: Vec<String>,
    pub revoked_serials: Vec<RevokedSerial>,
    /// RFC 7638 SHA-256 thumbprints.
    pub revoked_keys: Vec<[u8; 32]>,
    /// SHA-256 of the payload bytes: two lists with the same id and sequence must agree on it.
    pub digest: [u8; 32],
    /// The list's signer, as a dump report describes it.
    pub signer: Option<SignerInfo>,
    pub warnings: Vec<Note>,
}

/// Verifies `bytes` as a trust list signed by one of `signers`, at Unix time `at`: spec §3,
/// checks 1–9, in order; the first failure rejects the list.
pub fn verify_trust_list(
    bytes: &[u8],
    signers: &TrustStore,
    at: i64,
    engine: &dyn CurveEngine,
) -> Result<TrustList, ListRejection> {
    check_size(bytes)?;
    let env = envelope::parse_envelope(bytes).map_err(|f| ListRejection::new(MisuseCode::TrustListMalformed, f))?;
    check_content_type(&env)?;
    let payload_bytes = env.payload;
    let opts = VerifyOptions::at(at);
    let mut run = Run::new(bytes, signers, &opts, engine);
    run.envelope = Some(env);
    signed_by_a_list_signer(&mut run)?;
    let signer = run.signer_info.take();
    let (mut list, warnings) = parse_list_payload(payload_bytes)?;
    check_times(&list, at)?;
    list.signer = signer;
    list.warnings = run.warnings.into_iter().chain(warnings).collect();
    Ok(list)
}

/// What `addTrustList` returns (JS: `TrustListResult`).
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TrustListResult {
    pub list_id: String,
    #[cfg_attr(test, ts(type = "number"))]
    pub sequence: u64,
    #[cfg_attr(test, ts(type = "number"))]
    pub issued_at_ms: EpochSeconds,
    #[cfg_attr(test, ts(type = "number"))]
    pub expires_at_ms: EpochSeconds,
    #[serde(flatten)]
    #[cfg_attr(test, ts(flatten))]
    pub changes: ListChanges,
    /// Who signed the list (one of the list signers).
    pub signer: Option<SignerInfo>,
    #[cfg_attr(test, ts(type = "Array<Issue<string>>"))]
    pub warnings: Vec<Warning>,
}

impl TrustListResult {
    pub fn new(list: &TrustList, outcome: &TrustListOutcome, locale: Locale) -> Self {
        let secs = |t: u64| EpochSeconds(i64::try_from(t).unwrap_or(i64::MAX));
        TrustListResult {
            list_id: list.id.clone(),
            sequence: list.sequence,
            issued_at_ms: secs(list.issued_at),
            expires_at_ms: secs(list.expires_at),
            changes: outcome.changes.clone(),
            signer: list.signer.clone(),
            warnings: outcome.warnings.iter().map(|n| n.render(locale)).collect(),
        }
    }
}

/// Checks 10 and 11 and spec §4: a verified `list` into `store`, all or nothing. A version below
/// `min_sequence` or below the one the store holds is a rollback (protects against an attacker
/// serving an old list that still trusts a revoked key); the very version the store holds changes
/// nothing; the same sequence with other content is a conflict (one signer, two histories).
pub fn add_trust_list(
    store: &mut TrustStore,
    list: &TrustList,
    min_sequence: Option<u64>,
) -> Result<TrustListOutcome, ListRejection> {
    let rollback = |text| ListRejection { code: MisuseCode::TrustListRollback, reason: None, text };
    if let Some(min) = min_sequence.filter(|&min| list.sequence < min) {
        return Err(rollback(Text::new(T::ListBelowMinimum).with("sequence", list.sequence).with("min", min)));
    }
    if let Some(held) = store.held_list(&list.id) {
        if list.sequence < held.sequence {
            let m = Text::new(T::ListOlderThanHeld).with("id", list.id.clone()).with("sequence", list.sequence);
            return Err(rollback(m.with("held", held.sequence)));
        }
        if list.sequence == held.sequence {
            if held.digest == list.digest {
                let changes = ListChanges { unchanged: true, ..ListChanges::default() };
                return Ok(TrustListOutcome { changes, warnings: Vec::new() });
            }
            let m = Text::new(T::ListConflict).with("id", list.id.clone()).with("sequence", list.sequence);
            return Err(ListRejection { code: MisuseCode::TrustListConflict, reason: None, text: m });
        }
    }
    let held = HeldList { sequence: list.sequence, digest: list.digest };
    let source = Source::List(&list.id);
    store
        .replace_list(&list.id, held, |next| {
            let mut warnings = list.warnings.clone();
            if let Some(jwks) = &list.jwks {
                warnings.extend(next.add_jwks_from(jwks, source)?.warnings);
            }
            for der in &list.anchors {
                next.add_certificates_from(der, source)?;
            }
            for kid in &list.revoked_kids {
                next.revoke_kid(kid)?;
            }
            for r in &list.revoked_serials {
                next.revoke_serial_bytes(&r.issuer, &r.serial)?;
            }
            for t in &list.revoked_keys {
                next.revoke_thumbprint(t)?;
            }
            Ok(warnings)
        })
        .map_err(|e| ListRejection::malformed(Reason::BadField, e.text))
}

/// Check 1, the size: before any parsing (protects against resource exhaustion).
fn check_size(bytes: &[u8]) -> Result<(), ListRejection> {
    if bytes.len() > MAX_TRUST_LIST_BYTES {
        let m = Text::new(T::ListTooLarge).with("size", bytes.len()).with("limit", MAX_TRUST_LIST_BYTES);
        return Err(ListRejection::malformed(Reason::TooLarge, m));
    }
    Ok(())
}

/// Check 2, the content type in the protected header: protects against a dump (or any other
/// COSE_Sign1 a list signer made) being taken for a list.
fn check_content_type(env: &Envelope<'_>) -> Result<(), ListRejection> {
    match Value::map_get_int(&env.protected, LABEL_CONTENT_TYPE) {
        Some(Value::Text(t)) if *t == CONTENT_TYPE => Ok(()),
        Some(other) => {
            let shown = match other {
                Value::Text(t) => format!("{:?}", t.chars().take(64).collect::<String>()),
                v => v.type_name().to_owned(),
            };
            let m = Text::new(T::ListContentType).with("expected", CONTENT_TYPE).with("found", shown);
            Err(ListRejection::malformed(Reason::BadHeader, m))
        }
        None => Err(ListRejection::malformed(
            Reason::BadHeader,
            Text::new(T::ListNoContentType).with("expected", CONTENT_TYPE),
        )),
    }
}

/// Checks 3–6: ALGORITHM, SIGNER, SIGNATURE and REVOCATION of a dump, with the list signers as
/// the trust store (SIGNATURE before REVOCATION, as for dumps: revocation judges the key that
/// actually signed).
fn signed_by_a_list_signer(run: &mut Run<'_>) -> Result<(), ListRejection> {
    let steps: [(CheckFn, MisuseCode); 4] = [
        (envelope::check_algorithm, MisuseCode::TrustListAlgorithm),
        (signer::check_signer, MisuseCode::TrustListSigner),
        (signature::check_signature, MisuseCode::TrustListSignature),
        (signer::check_revocation, MisuseCode::TrustListSigner),
    ];
    for (check, code) in steps {
        check(run).map_err(|f| ListRejection::new(code, f))?;
    }
    Ok(())
}

/// Checks 8 and 9: issued (clock skew allowed) and not expired at `at`.
fn check_times(list: &TrustList, at: i64) -> Result<(), ListRejection> {
    let issued = i128::from(list.issued_at);
    let expires = i128::from(list.expires_at);
    let now = i128::from(at);
    if issued > now + i128::from(LIST_CLOCK_SKEW_SECONDS) {
        let m = Text::new(T::ListNotYetValid).with("issued", list.issued_at).with("at", at);
        return Err(ListRejection { code: MisuseCode::TrustListNotYetValid, reason: Some(Reason::InFuture), text: m });
    }
    if now > expires {
        let m = Text::new(T::ListExpired).with("expires", list.expires_at).with("at", at);
        return Err(ListRejection { code: MisuseCode::TrustListExpired, reason: Some(Reason::Expired), text: m });
    }
    Ok(())
}

/// The fields of spec §2 as they are read.
#[derive(Default)]
struct Fields<'a> {
    version: Option<u64>,
    id: Option<&'a str>,
    sequence: Option<u64>,
    issued_at: Option<u64>,
    expires_at: Option<u64>,
    jwks: Option<&'a str>,
    anchors: Vec<Vec<u8>>,
    revoked_kids: Vec<String>,
    revoked_serials: Vec<RevokedSerial>,
    revoked_keys: Vec<[u8; 32]>,
}

/// Check 7, the payload (spec §2): every field of the right type and size, nothing missing.
fn parse_list_payload(bytes: &[u8]) -> Result<(TrustList, Vec<Note>), ListRejection> {
    let top = cbor::decode_exact_within(bytes, LIST_PAYLOAD_ITEMS).map_err(|e| {
        ListRejection::malformed(Reason::NotCbor, envelope::cbor_error(crate::core::i18n::DumpKey::PayloadNotCbor, e))
    })?;
    let Value::Map(entries) = top else {
        return Err(ListRejection::malformed(Reason::NotMap, Text::new(T::ListNotMap).with("type", top.type_name())));
    };
    let mut f = Fields::default();
    let mut warnings = Vec::new();
    for (k, v) in &entries {
        let Value::Uint(key) = k else {
            return Err(ListRejection::malformed(
                Reason::BadKey,
                Text::new(T::ListKeyType).with("type", k.type_name()),
            ));
        };
        read_field(&mut f, *key, v, &mut warnings)?;
    }
    let missing =
        |field: &str| ListRejection::malformed(Reason::MissingField, Text::new(T::ListMissing).with("field", field));
    let version = f.version.ok_or_else(|| missing("version (0)"))?;
    if version != LIST_VERSION {
        return Err(ListRejection::malformed(
            Reason::UnsupportedVersion,
            Text::new(T::ListVersion).with("version", version),
        ));
    }
    let id = f.id.ok_or_else(|| missing("listId (1)"))?;
    let sequence = f.sequence.ok_or_else(|| missing("sequence (2)"))?;
    let issued_at = f.issued_at.ok_or_else(|| missing("issuedAt (3)"))?;
    let expires_at = f.expires_at.ok_or_else(|| missing("expiresAt (4)"))?;
    if expires_at <= issued_at {
        let m = Text::new(T::ListExpiresFirst).with("issued", issued_at).with("expires", expires_at);
        return Err(ListRejection::malformed(Reason::BadField, m));
    }
    let list = TrustList {
        id: id.to_owned(),
        sequence,
        issued_at,
        expires_at,
        jwks: f.jwks.map(str::to_owned),
        anchors: f.anchors,
        revoked_kids: f.revoked_kids,
        revoked_serials: f.revoked_serials,
        revoked_keys: f.revoked_keys,
        digest: Sha256::digest(bytes).into(),
        signer: None,
        warnings: Vec::new(),
    };
    Ok((list, warnings))
}

/// The message of a field of the wrong type: `expected` is the CBOR type of spec §2.
fn wrong_type(field: &str, expected: &str, v: &Value<'_>) -> ListRejection {
    let m = Text::new(T::ListFieldType).with("field", field).with("expected", expected).with("type", v.type_name());
    ListRejection::malformed(Reason::BadField, m)
}

fn read_field<'a>(
    f: &mut Fields<'a>,
    key: u64,
    v: &'a Value<'a>,
    warnings: &mut Vec<Note>,
) -> Result<(), ListRejection> {
    match key {
        0 => f.version = Some(uint(v, "version (0)")?),
        1 => f.id = Some(list_id(v)?),
        2 => {
            let n = uint(v, "sequence (2)")?;
            if n > MAX_SEQUENCE {
                let m = Text::new(T::ListSequenceTooLarge).with("max", MAX_SEQUENCE);
                return Err(ListRejection::malformed(Reason::BadField, m));
            }
            f.sequence = Some(n);
        }
        3 => f.issued_at = Some(time(v, "issuedAt (3)")?),
        4 => f.expires_at = Some(time(v, "expiresAt (4)")?),
        5 => match v {
            Value::Text(t) => f.jwks = Some(t),
            other => return Err(wrong_type("jwks (5)", "tstr", other)),
        },
        6 => {
            f.anchors =
                array(v, "anchors (6)", MAX_LIST_ANCHORS, |item| bytes(item, "anchors (6)").map(<[u8]>::to_vec))?
        }
        7 => {
            f.revoked_kids = array(v, "revokedKids (7)", MAX_LIST_REVOCATIONS, |item| match item {
                Value::Text(t) => Ok((*t).to_owned()),
                other => Err(wrong_type("revokedKids (7)", "array of tstr", other)),
            })?
        }
        8 => f.revoked_serials = array(v, "revokedSerials (8)", MAX_LIST_REVOCATIONS, revoked_serial)?,
        9 => {
            f.revoked_keys = array(v, "revokedKeys (9)", MAX_LIST_REVOCATIONS, |item| {
                let b = bytes(item, "revokedKeys (9)")?;
                <[u8; 32]>::try_from(b).map_err(|_| {
                    let m = Text::new(T::ListThumbprintLength).with("length", b.len());
                    ListRejection::malformed(Reason::BadField, m)
                })
            })?
        }
        n => warnings.push(Note::new(WarningCode::UnknownPayloadKey, Text::new(T::ListUnknownKey).with("key", n))),
    }
    Ok(())
}

fn uint(v: &Value<'_>, field: &str) -> Result<u64, ListRejection> {
    match v {
        Value::Uint(n) => Ok(*n),
        other => Err(wrong_type(field, "uint", other)),
    }
}

fn time(v: &Value<'_>, field: &str) -> Result<u64, ListRejection> {
    let t = uint(v, field)?;
    if t > MAX_LIST_TIME {
        let m = Text::new(T::ListTimeTooLate).with("field", field).with("max", MAX_LIST_TIME);
        return Err(ListRejection::malformed(Reason::BadField, m));
    }
    Ok(t)
}

fn bytes<'a>(v: &'a Value<'a>, field: &str) -> Result<&'a [u8], ListRejection> {
    match v {
        Value::Bytes(b) => Ok(b),
        other => Err(wrong_type(field, "bstr", other)),
    }
}

/// 1–64 characters, each U+0021–U+007E (spec §2): printable ASCII only, so that two list ids that
/// look alike are alike.
fn list_id<'a>(v: &'a Value<'a>) -> Result<&'a str, ListRejection> {
    let Value::Text(t) = v else { return Err(wrong_type("listId (1)", "tstr", v)) };
    if t.is_empty() || t.len() > 64 || !t.bytes().all(|b| (0x21..=0x7e).contains(&b)) {
        return Err(ListRejection::malformed(Reason::BadField, Text::new(T::ListIdRule)));
    }
    Ok(t)
}

/// An array field of at most `max` items, each read by `item` (the count is checked before any
/// item is read).
fn array<'a, R>(
    v: &'a Value<'a>,
    field: &str,
    max: usize,
    item: impl Fn(&'a Value<'a>) -> Result<R, ListRejection>,
) -> Result<Vec<R>, ListRejection> {
    let Value::Array(items) = v else { return Err(wrong_type(field, "array", v)) };
    if items.len() > max {
        let m = Text::new(T::ListTooMany).with("field", field).with("count", items.len()).with("max", max);
        return Err(ListRejection::malformed(Reason::BadField, m));
    }
    items.iter().map(item).collect()
}

/// `[issuer : bstr, serial : bstr]`, the serial 1–20 bytes (RFC 5280's limit).
fn revoked_serial(v: &Value<'_>) -> Result<RevokedSerial, ListRejection> {
    let field = "revokedSerials (8)";
    let Value::Array(pair) = v else { return Err(wrong_type(field, "array of [bstr, bstr]", v)) };
    let [issuer, serial] = pair.as_slice() else {
        let m = Text::new(T::ListSerialShape).with("count", pair.len());
        return Err(ListRejection::malformed(Reason::BadField, m));
    };
    let (issuer, serial) = (bytes(issuer, field)?, bytes(serial, field)?);
    if serial.is_empty() || serial.len() > 20 {
        let m = Text::new(T::ListSerialLength).with("length", serial.len());
        return Err(ListRejection::malformed(Reason::BadField, m));
    }
    Ok(RevokedSerial { issuer: issuer.to_vec(), serial: serial.to_vec() })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::core::dump::{sig_structure, BuiltIn};
    use test_support::cbor::{enc, Item as E};
    use test_support::pki::{CertSpec, TestKey};

    pub(crate) const AT: i64 = 1_780_272_000;
    const SIGNER_KID: &str = "list-signer-TEST";

    /// A list as its producer makes it: payload entries, protected header, signing key.
    pub(crate) struct L {
        pub payload: Vec<(E, E)>,
        pub protected: Vec<(E, E)>,
        pub unprotected: Vec<(E, E)>,
        pub key: u8,
    }

    impl L {
        pub fn new() -> L {
            let reader = TestKey::new(4).jwks("reader-1");
            L {
                payload: vec![
                    (E::U(0), E::U(1)),
                    (E::U(1), E::T("cn.example.readers".into())),
                    (E::U(2), E::U(7)),
                    (E::U(3), E::U(AT as u64 - 3600)),
                    (E::U(4), E::U(AT as u64 + 86_400)),
                    (E::U(5), E::T(reader)),
                    (E::U(7), E::A(vec![E::T("reader-0".into())])),
                    (E::U(9), E::A(vec![E::B(vec![0xab; 32])])),
                ],
                protected: vec![
                    (E::U(1), E::N(-7)),
                    (E::U(3), E::T(CONTENT_TYPE.into())),
                    (E::U(4), E::B(SIGNER_KID.as_bytes().to_vec())),
                ],
                unprotected: vec![],
                key: 21,
            }
        }

        pub fn with(mut self, key: u64, value: E) -> L {
            self.payload.retain(|(k, _)| !matches!(k, E::U(n) if *n == key));
            self.payload.push((E::U(key), value));
            self
        }

        pub fn without(mut self, key: u64) -> L {
            self.payload.retain(|(k, _)| !matches!(k, E::U(n) if *n == key));
            self
        }

        pub fn bytes(&self) -> Vec<u8> {
            let protected = enc(&E::M(self.protected.clone()));
            let payload = enc(&E::M(self.payload.clone()));
            let sig = TestKey::new(self.key).sign(&sig_structure(&protected, b"", &payload));
            enc(&E::Tag(
                18,
                Box::new(E::A(vec![E::B(protected), E::M(self.unprotected.clone()), E::B(payload), E::B(sig)])),
            ))
        }
    }

    pub(crate) fn signers() -> TrustStore {
        let mut ts = TrustStore::new();
        ts.add_jwks_json(&TestKey::new(21).jwks(SIGNER_KID)).unwrap();
        ts
    }

    fn verify(l: &L, ts: &TrustStore) -> Result<TrustList, ListRejection> {
        verify_trust_list(&l.bytes(), ts, AT, &BuiltIn)
    }

    fn code(l: &L) -> (MisuseCode, Option<Reason>) {
        let e = verify(l, &signers()).unwrap_err();
        (e.code, e.reason)
    }

    #[test]
    fn a_good_list_is_read_field_by_field() {
        let list = verify(&L::new(), &signers()).unwrap();
        assert_eq!(list.id, "cn.example.readers");
        assert_eq!((list.sequence, list.issued_at, list.expires_at), (7, AT as u64 - 3600, AT as u64 + 86_400));
        assert!(list.jwks.as_deref().is_some_and(|j| j.contains("reader-1")));
        assert_eq!(list.revoked_kids, ["reader-0"]);
        assert_eq!(list.revoked_keys, [[0xab; 32]]);
        assert!(list.anchors.is_empty() && list.revoked_serials.is_empty());
        assert_eq!(list.signer.as_ref().and_then(|s| s.kid.as_deref()), Some(SIGNER_KID));
        assert!(list.warnings.is_empty());
        // Unknown keys above 9 are warnings; the digest is the payload's.
        let more = verify(&L::new().with(10, E::U(1)), &signers()).unwrap();
        assert_eq!(more.warnings.len(), 1);
        assert_ne!(more.digest, list.digest);
    }

    #[test]
    fn envelope_signer_and_signature_rejections() {
        use MisuseCode as C;
        // Not signed by a list signer: an unknown kid, a revoked signer, another key under the kid.
        assert_eq!(verify(&L::new(), &TrustStore::new()).unwrap_err().code, C::TrustListSigner);
        let mut revoked = signers();
        revoked.revoke_kid(SIGNER_KID).unwrap();
        assert_eq!(verify(&L::new(), &revoked).unwrap_err().code, C::TrustListSigner);
        assert_eq!(code(&L { key: 22, ..L::new() }), (C::TrustListSignature, Some(Reason::Mismatch)));
        // A tampered payload byte: the signature no longer verifies.
        let mut bytes = L::new().bytes();
        let n = bytes.len();
        bytes[n - 70] ^= 1;
        assert_eq!(verify_trust_list(&bytes, &signers(), AT, &BuiltIn).unwrap_err().code, C::TrustListSignature);
        // The algorithm, and the content type that keeps dumps from being read as lists.
        let mut other_alg = L::new();
        other_alg.protected[0] = (E::U(1), E::N(-35));
        assert_eq!(code(&other_alg), (C::TrustListAlgorithm, Some(Reason::UnsupportedAlgorithm)));
        let mut no_type = L::new();
        no_type.protected.remove(1);
        assert_eq!(code(&no_type), (C::TrustListMalformed, Some(Reason::BadHeader)));
        let mut dump_type = L::new();
        dump_type.protected[1] = (E::U(3), E::T("application/cbor".into()));
        assert_eq!(code(&dump_type), (C::TrustListMalformed, Some(Reason::BadHeader)));
        let mut unprotected_type = L::new();
        unprotected_type.unprotected.push(unprotected_type.protected.remove(1));
        assert_eq!(code(&unprotected_type), (C::TrustListMalformed, Some(Reason::BadHeader)));
        // Not COSE at all, and too large (before any parsing).
        assert_eq!(verify_trust_list(b"\xa0", &signers(), AT, &BuiltIn).unwrap_err().code, C::TrustListMalformed);
        let huge = vec![0u8; MAX_TRUST_LIST_BYTES + 1];
        let e = verify_trust_list(&huge, &signers(), AT, &BuiltIn).unwrap_err();
        assert_eq!((e.code, e.reason), (C::TrustListMalformed, Some(Reason::TooLarge)));
    }

    #[test]
    fn payload_rejections() {
        use MisuseCode::TrustListMalformed as M;
        let cases: Vec<(&str, L, Reason)> = vec![
            ("no version", L::new().without(0), Reason::MissingField),
            ("version 2", L::new().with(0, E::U(2)), Reason::UnsupportedVersion),
            ("no listId", L::new().without(1), Reason::MissingField),
            ("empty listId", L::new().with(1, E::T(String::new())), Reason::BadField),
            ("listId with a space", L::new().with(1, E::T("a b".into())), Reason::BadField),
            ("listId not ASCII", L::new().with(1, E::T("名单".into())), Reason::BadField),
            ("listId of 65", L::new().with(1, E::T("a".repeat(65))), Reason::BadField),
            ("no sequence", L::new().without(2), Reason::MissingField),
            ("sequence 2^53", L::new().with(2, E::U(1 << 53)), Reason::BadField),
            ("sequence as text", L::new().with(2, E::T("7".into())), Reason::BadField),
            ("no issuedAt", L::new().without(3), Reason::MissingField),
            ("no expiresAt", L::new().without(4), Reason::MissingField),
            ("expires = issued", L::new().with(4, E::U(AT as u64 - 3600)), Reason::BadField),
            ("jwks as bytes", L::new().with(5, E::B(b"{}".to_vec())), Reason::BadField),
            ("anchors not an array", L::new().with(6, E::B(vec![1])), Reason::BadField),
            ("an anchor as text", L::new().with(6, E::A(vec![E::T("PEM".into())])), Reason::BadField),
            ("1,025 anchors", L::new().with(6, E::A(vec![E::B(vec![0]); 1025])), Reason::BadField),
            ("a kid as bytes", L::new().with(7, E::A(vec![E::B(vec![1])])), Reason::BadField),
            (
                "a serial pair of 3",
                L::new().with(8, E::A(vec![E::A(vec![E::B(vec![1]), E::B(vec![1]), E::B(vec![1])])])),
                Reason::BadField,
            ),
            (
                "an empty serial",
                L::new().with(8, E::A(vec![E::A(vec![E::B(vec![1]), E::B(vec![])])])),
                Reason::BadField,
            ),
            (
                "a serial of 21 bytes",
                L::new().with(8, E::A(vec![E::A(vec![E::B(vec![1]), E::B(vec![1; 21])])])),
                Reason::BadField,
            ),
            ("a thumbprint of 31", L::new().with(9, E::A(vec![E::B(vec![0; 31])])), Reason::BadField),
            ("4,097 revoked kids", L::new().with(7, E::A(vec![E::T("k".into()); 4097])), Reason::BadField),
        ];
        for (name, l, reason) in cases {
            assert_eq!(code(&l), (M, Some(reason)), "{name}");
        }
        // Not a map; a text key.
        let mut not_map = L::new();
        not_map.payload.clear();
        let protected = enc(&E::M(not_map.protected.clone()));
        let payload = enc(&E::A(vec![]));
        let sig = TestKey::new(21).sign(&sig_structure(&protected, b"", &payload));
        let bytes = enc(&E::A(vec![E::B(protected), E::M(vec![]), E::B(payload), E::B(sig)]));
        let e = verify_trust_list(&bytes, &signers(), AT, &BuiltIn).unwrap_err();
        assert_eq!((e.code, e.reason), (M, Some(Reason::NotMap)));
        let mut text_key = L::new();
        text_key.payload.push((E::T("x".into()), E::U(1)));
        assert_eq!(code(&text_key), (M, Some(Reason::BadKey)));
        // A revoked serial of the right shape is kept as given.
        let ok = verify(&L::new().with(8, E::A(vec![E::A(vec![E::B(vec![9; 3]), E::B(vec![0, 0x7f])])])), &signers())
            .unwrap();
        assert_eq!(ok.revoked_serials, [RevokedSerial { issuer: vec![9; 3], serial: vec![0, 0x7f] }]);
    }

    #[test]
    fn the_two_times() {
        let at = |t: i64| verify_trust_list(&L::new().bytes(), &signers(), t, &BuiltIn).map(|_| ()).map_err(|e| e.code);
        let (issued, expires) = (AT - 3600, AT + 86_400);
        assert_eq!(at(issued - LIST_CLOCK_SKEW_SECONDS), Ok(()));
        assert_eq!(at(issued - LIST_CLOCK_SKEW_SECONDS - 1), Err(MisuseCode::TrustListNotYetValid));
        assert_eq!(at(expires), Ok(()));
        assert_eq!(at(expires + 1), Err(MisuseCode::TrustListExpired));
    }

    #[test]
    fn an_x5chain_list_signer_is_checked_as_a_dump_signer() {
        let (rk, sk) = (TestKey::new(31), TestKey::new(32));
        let root = CertSpec::ca("List Root TEST", "List Root TEST").build(&rk, &rk);
        let leaf = CertSpec::leaf("List Signer TEST", "List Root TEST").build(&sk, &rk);
        let mut l = L::new();
        l.protected.retain(|(k, _)| !matches!(k, E::U(4)));
        l.unprotected.push((E::U(33), E::B(leaf)));
        l.key = 32;
        let mut ts = TrustStore::new();
        ts.add_certificates(&root).unwrap();
        let list = verify(&l, &ts).unwrap();
        assert_eq!(list.signer.as_ref().map(|s| s.certificates.len()), Some(1));
        // The same list against signers that hold only the JWK: no path.
        assert_eq!(verify(&l, &signers()).unwrap_err().code, MisuseCode::TrustListSigner);
    }

    #[test]
    fn every_message_renders_in_both_languages() {
        use crate::core::i18n::Locale;
        let rejections = [
            verify(&L::new().without(0), &signers()).unwrap_err(),
            verify(&L::new().with(1, E::T(String::new())), &signers()).unwrap_err(),
            verify_trust_list(&L::new().bytes(), &signers(), AT + 10 * 86_400, &BuiltIn).unwrap_err(),
        ];
        for r in rejections {
            for locale in [Locale::En, Locale::ZhCn] {
                let m = r.text.render(locale);
                assert!(!m.is_empty() && !m.contains('{'), "{m}");
            }
        }
    }
}
