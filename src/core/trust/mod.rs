//! Trust material: JWK sets, X.509 trust anchors and revocation data
//! (docs/signed-dumps.md, "Trust model").
//!
//! The store is **append-only**: adding keys or anchors never removes
//! another one (rotation), and the only way to stop trusting something is a
//! revocation entry. Everything the app hands in is parsed once, at add
//! time, into ready-to-use objects (P-256 `VerifyingKey`s), so verification
//! does no parsing of trust material.
//!
//! # Revocation revokes keys, not labels
//!
//! A reader key can be trusted twice, as a JWK (found by kid) and through a
//! certificate (found by x5chain). Revocation must hold whichever way a dump
//! names its signer, so besides the labels (kid, issuer + serial) the store
//! revokes **public keys**:
//!
//! * the keys behind a revoked kid are revoked, on every path (a dump that
//!   drops the kid and carries a certificate for the same key still fails);
//! * [`TrustStore::revoke_certificate`] revokes the certificate's issuer +
//!   serial **and** its public key, on every path;
//! * a path fails REVOCATION when any certificate on it matches a revoked
//!   serial or carries a revoked key, and a JWK path when the kid is revoked
//!   or the key that verified the signature is revoked.
//!
//! # Linear cost
//!
//! Every lookup goes through ordered maps keyed by byte strings ([`Index`],
//! [`ByteSet`]): no nested scans, and no hash maps whose keys an attacker
//! could make collide (on wasm32-unknown-unknown std's hasher has no random
//! seed). One key type on purpose: each distinct `BTreeMap` instantiation
//! costs kilobytes of wasm. Every input has a size limit and every
//! collection a count limit.
//!
//! The verifier never fetches anything: no network, no clock, no files.

pub mod jwk;
mod lists;
mod serial;
pub mod x509;

use crate::core::codes::MisuseCode;
use crate::core::i18n::{DumpErrorKey as E, Locale, Text, TrustKey};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::fmt;

use p256::ecdsa::VerifyingKey;

use crate::core::engine::QuestionId;
use serde::Serialize;

pub use lists::{ListChanges, ListRef, TrustListOutcome};
pub use serial::normalize_serial_hex;
pub use x509::CertInfo;
pub(crate) use x509::ParsedCert;

/// Largest JWK set document accepted, in bytes.
pub const MAX_JWKS_BYTES: usize = 1024 * 1024;
/// Most keys one JWK set may list.
pub const MAX_KEYS_PER_SET: usize = 1000;
/// Most JWKs the store holds in total.
pub const MAX_KEYS: usize = 10_000;
/// Most keys under one kid (rotation). Bounds the signature attempts a
/// single dump can cause.
pub const MAX_KEYS_PER_KID: usize = 16;
/// Largest PEM / DER input to `add_certificates`, in bytes.
pub const MAX_PEM_BYTES: usize = 1024 * 1024;
/// Largest single certificate (DER), in bytes.
pub const MAX_CERT_BYTES: usize = 16 * 1024;
/// Most trust anchors the store holds.
pub const MAX_ANCHORS: usize = 1000;
/// Most entries of each revocation list (kids, serials, keys).
pub const MAX_REVOCATIONS: usize = 100_000;
/// Most entries in the certificate-signature cache.
pub const LINK_CACHE_CAPACITY: usize = 1024;

pub use jwk::MAX_KID_BYTES;

crate::core::codes::wire_codes! {
    /// The stable codes of trust and dump warnings (docs/signed-dumps.md), one list; which call gives
    /// which is [`JWKS_WARNINGS`], [`REVOKE_WARNINGS`] and [`DUMP_WARNINGS`].
    pub enum WarningCode as "TrustWarningCode" {
        // Warnings of the JWK set (a key skipped).
        InvalidKey = "INVALID_KEY",
        MissingKid = "MISSING_KID",
        PrivateKeyMaterial = "PRIVATE_KEY_MATERIAL",
        UnsupportedAlg = "UNSUPPORTED_ALG",
        UnsupportedKeyType = "UNSUPPORTED_KEY_TYPE",
        WrongKeyOps = "WRONG_KEY_OPS",
        WrongKeyUse = "WRONG_KEY_USE",
        KidRotation = "KID_ROTATION",
        TooManyKeysForKid = "TOO_MANY_KEYS_FOR_KID",
        // Warnings of a revocation.
        NoMatch = "NO_MATCH",
        KidCaseDiffers = "KID_CASE_DIFFERS",
        NotACa = "NOT_A_CA",
        AnyIssuer = "ANY_ISSUER",
        KeyStillTrusted = "KEY_STILL_TRUSTED",
        NoP256Key = "NO_P256_KEY",
        // Warnings of a dump.
        UnknownPayloadKey = "UNKNOWN_PAYLOAD_KEY",
        UnexpectedFingerprint = "UNEXPECTED_FINGERPRINT",
        KidIgnored = "KID_IGNORED",
        ExtraCertificates = "EXTRA_CERTIFICATES",
        SignerIsCa = "SIGNER_IS_CA",
    }
}

use WarningCode as W;

/// The warnings `add_jwks_json` may give (a key skipped, a kid's keys rotated or capped).
pub const JWKS_WARNINGS: [WarningCode; 9] = [
    W::InvalidKey,
    W::MissingKid,
    W::PrivateKeyMaterial,
    W::UnsupportedAlg,
    W::UnsupportedKeyType,
    W::WrongKeyOps,
    W::WrongKeyUse,
    W::KidRotation,
    W::TooManyKeysForKid,
];
/// The warnings of the revoke calls.
pub const REVOKE_WARNINGS: [WarningCode; 6] =
    [W::NoMatch, W::KidCaseDiffers, W::NotACa, W::AnyIssuer, W::KeyStillTrusted, W::NoP256Key];
/// The warnings of a dump report (the payload and the signer).
pub const DUMP_WARNINGS: [WarningCode; 5] =
    [W::UnknownPayloadKey, W::UnexpectedFingerprint, W::KidIgnored, W::ExtraCertificates, W::SignerIsCa];

/// A non-fatal remark (a skipped JWK, an ignored payload key, …) as reports carry it: the stable
/// code and the message in the call's locale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// Stable code.
    pub code: WarningCode,
    /// Human-readable explanation.
    pub message: String,
}

/// A warning before it is put in words: its code and its [`Text`], rendered in a locale by
/// [`Note::render`] (the trust calls return notes; the bindings and the dump report render them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub code: WarningCode,
    pub text: Text,
}

impl Note {
    pub(crate) fn new(code: WarningCode, text: Text) -> Self {
        Note { code, text }
    }

    /// The message in `locale`.
    pub fn message(&self, locale: Locale) -> String {
        self.text.render(locale)
    }

    /// The warning in `locale`.
    pub fn render(&self, locale: Locale) -> Warning {
        Warning { code: self.code, message: self.message(locale) }
    }
}

/// Why a certificate of a path is revoked, with the message REVOCATION reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Revoked {
    /// Its issuer + serial, or its serial under any issuer, is listed.
    Serial(Text),
    /// Its public key is revoked (with a certificate, or trusted under a revoked kid).
    Key(Text),
}

/// Trust material that could not be added. Nothing was added when this is
/// returned (adds are all-or-nothing). The message is a [`Text`]: the
/// bindings render it in the call's locale when they throw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustError {
    /// `INVALID_JWKS`, `INVALID_CERTIFICATE`, `INVALID_SERIAL`, `INVALID_KID`
    /// or `TOO_LARGE`.
    pub code: MisuseCode,
    pub text: Text,
}

impl TrustError {
    pub(crate) fn new(code: MisuseCode, text: Text) -> Self {
        TrustError { code, text }
    }

    /// The message in `locale`.
    pub fn message(&self, locale: Locale) -> String {
        self.text.render(locale)
    }
}

impl fmt::Display for TrustError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message(Locale::En))
    }
}

impl std::error::Error for TrustError {}

/// What [`TrustStore::add_jwks_json`] did; [`AddJwksOutcome::render`] puts it in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddJwksOutcome {
    /// Keys newly added (identical re-adds are not counted).
    pub added: usize,
    /// One per skipped key, plus `KID_ROTATION` when a kid gains a second key.
    pub warnings: Vec<Note>,
}

impl AddJwksOutcome {
    /// The result in `locale`.
    pub fn render(&self, locale: Locale) -> AddJwksResult {
        AddJwksResult { added: self.added, warnings: self.warnings.iter().map(|n| n.render(locale)).collect() }
    }
}

/// Result of `addJwks`.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AddJwksResult {
    /// Keys newly added (identical re-adds are not counted).
    pub added: usize,
    /// One warning per skipped key (code says why), plus `KID_ROTATION`
    /// notes when a kid gains a second key.
    #[cfg_attr(test, ts(type = "Array<Issue<JwksWarningCode>>"))]
    pub warnings: Vec<Warning>,
}

/// What a revocation call did; [`RevokeOutcome::render`] puts it in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevokeOutcome {
    /// Whether the entry is new.
    pub added: bool,
    /// Whether the entry applies to trust material in the store right now.
    pub matched: bool,
    pub warnings: Vec<Note>,
}

impl RevokeOutcome {
    /// The result in `locale`.
    pub fn render(&self, locale: Locale) -> RevokeResult {
        RevokeResult {
            added: self.added,
            matched: self.matched,
            warnings: self.warnings.iter().map(|n| n.render(locale)).collect(),
        }
    }
}

/// Result of a revocation call: feedback, so that a revocation that
/// matches nothing (a misspelt kid, the leaf passed instead of its issuer)
/// does not pass in silence.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RevokeResult {
    /// Whether the entry is new (an identical revocation is recorded once).
    pub added: bool,
    /// Whether the entry applies to trust material in the store right now
    /// (a trusted JWK, an anchor, or a certificate an anchor can issue).
    /// An entry that matches nothing is still recorded (it may match
    /// material added later), with a `NO_MATCH` warning.
    pub matched: bool,
    /// `NO_MATCH`, `KID_CASE_DIFFERS`, `NOT_A_CA`, `ANY_ISSUER`,
    /// `KEY_STILL_TRUSTED`, `NO_P256_KEY`.
    #[cfg_attr(test, ts(type = "Array<Issue<RevokeWarningCode>>"))]
    pub warnings: Vec<Warning>,
}

/// A revoked certificate serial, as listed by [`TrustStore::revoked_serials`].
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(rename = "RevokedSerial"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RevokedSerialInfo {
    /// Subject of the issuing certificate (RFC 4514 string); `None` for a
    /// serial revoked under any issuer.
    pub issuer: Option<String>,
    /// Serial as lowercase hex, leading zeros stripped (`"00"` for zero).
    pub serial_hex: String,
}

/// Where a key or an anchor came from: the app's own calls, and/or signed trust lists (by list
/// id). Material is dropped only when nothing vouches for it any more (a newer version of a list
/// no longer carries it, and neither the app nor another list added it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Origin {
    pub by_app: bool,
    pub lists: BTreeSet<String>,
}

/// Who is adding material: the app itself, or the trust list with this id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source<'a> {
    App,
    List(&'a str),
}

impl Origin {
    fn of(source: Source<'_>) -> Origin {
        let mut o = Origin::default();
        o.add(source);
        o
    }

    fn add(&mut self, source: Source<'_>) {
        match source {
            Source::App => self.by_app = true,
            Source::List(id) => {
                self.lists.insert(id.to_owned());
            }
        }
    }
}

/// A trusted P-256 JWK.
#[derive(Debug, Clone)]
pub(crate) struct TrustedKey {
    pub kid: String,
    pub key: VerifyingKey,
    /// Uncompressed SEC1 point, for duplicate detection and key revocation.
    pub sec1: Vec<u8>,
    pub origin: Origin,
}

/// Byte string → positions (in `keys`): the store's one map type.
pub(crate) type Index = BTreeMap<Vec<u8>, Vec<usize>>;
/// The store's one set type (also the CBOR decoder's key set).
pub(crate) type ByteSet = BTreeSet<Vec<u8>>;

/// Insertion-ordered set of byte strings with ordered-set membership
/// (O(log n) lookups).
#[derive(Debug, Default, Clone)]
struct OrderedSet {
    order: Vec<Vec<u8>>,
    members: ByteSet,
}

impl OrderedSet {
    /// Adds `item`; `Ok(false)` when it was already there. A new entry past
    /// [`MAX_REVOCATIONS`] is `TOO_LARGE`: revocation lists are bounded
    /// (memory, and every lookup stays cheap), and an entry already recorded
    /// is never an error.
    fn insert_bounded(&mut self, item: &[u8], full: E) -> Result<bool, TrustError> {
        if self.members.contains(item) {
            return Ok(false);
        }
        self.check_room(item, full)?;
        self.members.insert(item.to_vec());
        self.order.push(item.to_vec());
        Ok(true)
    }

    /// Whether `insert_bounded(item)` would succeed (for all-or-nothing
    /// updates of two lists).
    /// `full` is the error of this list when it is full (`RevokedKidsFull`, …).
    fn check_room(&self, item: &[u8], full: E) -> Result<(), TrustError> {
        if self.order.len() >= MAX_REVOCATIONS && !self.members.contains(item) {
            return Err(TrustError::new(MisuseCode::TooLarge, Text::new(full).with("max", MAX_REVOCATIONS)));
        }
        Ok(())
    }

    fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    fn contains(&self, item: &[u8]) -> bool {
        self.members.contains(item)
    }

    fn iter(&self) -> impl Iterator<Item = &Vec<u8>> {
        self.order.iter()
    }
}

/// A serial revocation as one byte string (injective): `0 ‖ serial` for any
/// issuer, `1 ‖ len(issuer) ‖ issuer name DER ‖ serial` for one issuer.
fn serial_key(issuer_der: Option<&[u8]>, serial: &[u8]) -> Vec<u8> {
    let mut key = Vec::with_capacity(serial.len() + issuer_der.map_or(1, |d| d.len() + 5));
    match issuer_der {
        None => key.push(0),
        Some(der) => {
            key.push(1);
            key.extend_from_slice(&u32::try_from(der.len()).unwrap_or(u32::MAX).to_be_bytes());
            key.extend_from_slice(der);
        }
    }
    key.extend_from_slice(serial);
    key
}

/// A map of at most `capacity` entries, keyed by a 32-byte digest, evicting first-in, first-out:
/// the store's caches (protects against a cache an attacker can grow without bound).
#[derive(Debug)]
pub(crate) struct FifoMap<V> {
    map: HashMap<[u8; 32], V>,
    order: VecDeque<[u8; 32]>,
    capacity: usize,
}

impl<V> FifoMap<V> {
    fn new(capacity: usize) -> Self {
        FifoMap { map: HashMap::new(), order: VecDeque::new(), capacity }
    }

    pub(crate) fn get(&self, key: &[u8; 32]) -> Option<&V> {
        self.map.get(key)
    }

    /// Keeps `value` under `key`, unless the key is already there (the first value stays).
    pub(crate) fn insert(&mut self, key: [u8; 32], value: V) {
        if self.map.contains_key(&key) {
            return;
        }
        while self.order.len() >= self.capacity {
            match self.order.pop_front() {
                Some(old) => {
                    self.map.remove(&old);
                }
                None => break,
            }
        }
        self.order.push_back(key);
        self.map.insert(key, value);
    }

    pub(crate) fn len(&self) -> usize {
        self.map.len()
    }
}

/// Bounded cache of certificate-signature outcomes, keyed by
/// SHA-256(issuer SPKI ‖ certificate DER).
///
/// A link an asynchronous host was asked about (a provisional "yes", see core/engine.rs) is not
/// cached; it waits in `pending` under its question id until the host's answer is
/// [`settled`](LinkCache::settle). Only links the core itself asked about can be settled.
#[derive(Debug)]
pub(crate) struct LinkCache {
    verdicts: FifoMap<bool>,
    pending: HashMap<QuestionId, [u8; 32]>,
}

impl Default for LinkCache {
    fn default() -> Self {
        LinkCache { verdicts: FifoMap::new(LINK_CACHE_CAPACITY), pending: HashMap::new() }
    }
}

impl LinkCache {
    pub(crate) fn get(&self, key: &[u8; 32]) -> Option<bool> {
        self.verdicts.get(key).copied()
    }

    pub(crate) fn insert(&mut self, key: [u8; 32], good: bool) {
        self.verdicts.insert(key, good);
    }

    pub(crate) fn len(&self) -> usize {
        self.verdicts.len()
    }

    /// Remembers that the link `key` waits for the host's answer to `question`.
    pub(crate) fn defer(&mut self, question: QuestionId, key: [u8; 32]) {
        if self.pending.len() >= LINK_CACHE_CAPACITY {
            self.pending.clear(); // bounded; a lost entry only costs asking again
        }
        self.pending.insert(question, key);
    }

    /// The host's answer to `question`: caches the link waiting for it, if one does.
    pub(crate) fn settle(&mut self, question: &QuestionId, good: bool) {
        if let Some(key) = self.pending.remove(question) {
            self.insert(key, good);
        }
    }
}

/// Most parsed x5chain certificates kept per store ([`CertCache`]).
pub const CERT_CACHE_CAPACITY: usize = 256;

/// Bounded cache of parsed x5chain certificates, keyed by SHA-256 of their DER: a reader's chain
/// arrives with every dump, and parsing it (DER, names, the key's point check) was ~20% of an
/// x5chain dump on a host engine. Holds only certificates that parsed.
#[derive(Debug)]
pub(crate) struct CertCache(FifoMap<x509::ParsedCert>);

impl Default for CertCache {
    fn default() -> Self {
        CertCache(FifoMap::new(CERT_CACHE_CAPACITY))
    }
}

impl CertCache {
    pub(crate) fn get(&self, fingerprint: &[u8; 32]) -> Option<&x509::ParsedCert> {
        self.0.get(fingerprint)
    }

    pub(crate) fn insert(&mut self, cert: &x509::ParsedCert) {
        if self.0.get(&cert.fingerprint).is_none() {
            self.0.insert(cert.fingerprint, cert.clone());
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }
}

/// Keys, anchors and revocation data the app trusts.
#[derive(Debug, Default)]
pub struct TrustStore {
    keys: Vec<TrustedKey>,
    /// kid (UTF-8) → indices into `keys`.
    keys_by_kid: Index,
    /// SEC1 point → indices into `keys` (one key may be listed under several kids).
    keys_by_point: Index,
    /// ASCII-lowercased kid → indices into `keys`, for "did you mean" hints.
    kids_folded: Index,
    anchors: Vec<ParsedCert>,
    /// SHA-256 of each anchor's DER → its index in `anchors` (identical anchors are stored once).
    anchor_fingerprints: Index,
    /// Subject name DER of the anchors.
    anchor_subjects: ByteSet,
    /// Revoked kids (UTF-8).
    revoked_kids: OrderedSet,
    /// [`serial_key`]s.
    revoked_serials: OrderedSet,
    /// `revoked_serials` as listed, in the same order.
    revoked_serial_infos: Vec<RevokedSerialInfo>,
    /// SEC1 points revoked with `revoke_certificate`.
    revoked_keys: OrderedSet,
    /// RFC 7638 SHA-256 thumbprints revoked by trust lists (docs/spec/trust-list.md §2, key 9).
    revoked_thumbprints: OrderedSet,
    /// Where each anchor came from (parallel to `anchors`).
    anchor_origins: Vec<Origin>,
    /// The trust lists the store holds, by list id.
    lists: BTreeMap<String, HeldList>,
    link_cache: RefCell<LinkCache>,
    cert_cache: RefCell<CertCache>,
}

/// A trust list the store holds: its version and payload digest (same sequence, same content).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldList {
    pub sequence: u64,
    pub digest: [u8; 32],
}

/// An app-supplied string in a message, quoted, at most `max` characters of
/// it: messages stay small whatever the input.
pub(crate) fn shown_at_most(s: &str, max: usize) -> String {
    if s.chars().count() > max {
        format!("{:?}…", s.chars().take(max).collect::<String>())
    } else {
        format!("{s:?}")
    }
}

/// [`shown_at_most`] 64 characters (kids, names).
fn shown(s: &str) -> String {
    shown_at_most(s, 64)
}

impl TrustStore {
    /// An empty store: trusts nothing.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the P-256 signing keys of an RFC 7517 JWK set
    /// (`{"keys":[…]}`). Keys that cannot be used are skipped with a
    /// warning; a document that is not a JWK set is an `INVALID_JWKS`
    /// error and adds nothing.
    pub fn add_jwks_json(&mut self, json: &str) -> Result<AddJwksOutcome, TrustError> {
        self.add_jwks_from(json, Source::App)
    }

    /// [`TrustStore::add_jwks_json`] on behalf of `source`. A key the store already holds is kept
    /// once, and vouched for by `source` too.
    pub fn add_jwks_from(&mut self, json: &str, source: Source<'_>) -> Result<AddJwksOutcome, TrustError> {
        let parsed = jwk::parse_jwk_set(json)?;
        let mut warnings = parsed.warnings;
        // Keys of this set per kid (the set may itself repeat a kid).
        let mut fresh: Vec<TrustedKey> = Vec::new();
        let mut fresh_by_kid = Index::new();
        // Stored keys this set adds its origin to (applied only if the set is accepted).
        let mut vouched: Vec<usize> = Vec::new();
        for mut key in parsed.keys {
            let stored = self.keys_by_kid.get(key.kid.as_bytes()).map(Vec::as_slice).unwrap_or(&[]);
            let pending = fresh_by_kid.get(key.kid.as_bytes()).map(Vec::as_slice).unwrap_or(&[]);
            if let Some(&i) = stored.iter().find(|&&i| self.keys.get(i).is_some_and(|k| k.sec1 == key.sec1)) {
                vouched.push(i); // identical key re-added: keep one copy
                continue;
            }
            if pending.iter().any(|&i| fresh.get(i).is_some_and(|k| k.sec1 == key.sec1)) {
                continue;
            }
            let count = stored.len() + pending.len();
            if count >= MAX_KEYS_PER_KID {
                warnings.push(Note::new(
                    WarningCode::TooManyKeysForKid,
                    Text::new(TrustKey::TooManyKeysForKid).with("kid", shown(&key.kid)).with("max", MAX_KEYS_PER_KID),
                ));
                continue;
            }
            if count > 0 {
                warnings.push(Note::new(
                    WarningCode::KidRotation,
                    Text::new(TrustKey::KidRotation).with("kid", shown(&key.kid)).with("count", count + 1),
                ));
            }
            key.origin = Origin::of(source);
            fresh_by_kid.entry(key.kid.as_bytes().to_vec()).or_default().push(fresh.len());
            fresh.push(key);
        }
        if self.keys.len() + fresh.len() > MAX_KEYS {
            return Err(TrustError::new(MisuseCode::TooLarge, Text::new(E::StoreKeysFull).with("max", MAX_KEYS)));
        }
        for i in vouched {
            if let Some(k) = self.keys.get_mut(i) {
                k.origin.add(source);
            }
        }
        let added = fresh.len();
        for key in fresh {
            self.index_key(key);
        }
        Ok(AddJwksOutcome { added, warnings })
    }

    fn index_key(&mut self, key: TrustedKey) {
        let index = self.keys.len();
        self.keys_by_kid.entry(key.kid.as_bytes().to_vec()).or_default().push(index);
        self.keys_by_point.entry(key.sec1.clone()).or_default().push(index);
        self.kids_folded.entry(key.kid.to_ascii_lowercase().into_bytes()).or_default().push(index);
        self.keys.push(key);
    }

    /// Adds trust anchors: PEM text with one or more `CERTIFICATE` blocks
    /// (all are added), or one DER certificate. Returns how many anchors
    /// were newly added (an identical certificate is stored once).
    pub fn add_certificates(&mut self, pem_or_der: &[u8]) -> Result<usize, TrustError> {
        self.add_certificates_from(pem_or_der, Source::App)
    }

    /// [`TrustStore::add_certificates`] on behalf of `source` (an anchor already held is vouched
    /// for by `source` too).
    pub fn add_certificates_from(&mut self, pem_or_der: &[u8], source: Source<'_>) -> Result<usize, TrustError> {
        let certs = x509::parse_certificates_input(pem_or_der)?;
        let mut fresh: Vec<ParsedCert> = Vec::new();
        let mut fresh_fingerprints = ByteSet::new();
        let mut vouched: Vec<usize> = Vec::new();
        for c in certs {
            if let Some(held) = self.anchor_fingerprints.get(c.fingerprint.as_slice()) {
                vouched.extend(held); // by index, not a scan of the anchors (linear cost)
                continue;
            }
            if !fresh_fingerprints.insert(c.fingerprint.to_vec()) {
                continue;
            }
            fresh.push(c);
        }
        if self.anchors.len() + fresh.len() > MAX_ANCHORS {
            return Err(TrustError::new(MisuseCode::TooLarge, Text::new(E::StoreAnchorsFull).with("max", MAX_ANCHORS)));
        }
        for i in vouched {
            if let Some(o) = self.anchor_origins.get_mut(i) {
                o.add(source);
            }
        }
        let added = fresh.len();
        for c in fresh {
            self.index_anchor(c, Origin::of(source));
        }
        Ok(added)
    }

    fn index_anchor(&mut self, c: ParsedCert, origin: Origin) {
        self.anchor_fingerprints.entry(c.fingerprint.to_vec()).or_default().push(self.anchors.len());
        self.anchor_subjects.insert(c.subject_der.clone());
        self.anchors.push(c);
        self.anchor_origins.push(origin);
    }

    // ----- revocation -----

    /// Declares a JWK `kid` revoked: dumps naming this kid fail
    /// `REVOCATION`, and so does any dump whose signer key is one of the
    /// keys trusted under this kid, whichever way it names its signer.
    ///
    /// Kids compare byte for byte (case and Unicode normal form matter);
    /// an empty kid or one over [`MAX_KID_BYTES`] is `INVALID_KID`.
    pub fn revoke_kid(&mut self, kid: &str) -> Result<RevokeOutcome, TrustError> {
        if kid.is_empty() || kid.len() > MAX_KID_BYTES {
            return Err(TrustError::new(
                MisuseCode::InvalidKid,
                Text::new(E::KidLength).with("max", MAX_KID_BYTES).with("length", kid.len()),
            ));
        }
        let added = self.revoked_kids.insert_bounded(kid.as_bytes(), E::RevokedKidsFull)?;
        let keys = self.keys_by_kid.get(kid.as_bytes()).map_or(0, Vec::len);
        let mut warnings = Vec::new();
        if keys == 0 {
            warnings.push(Note::new(WarningCode::NoMatch, Text::new(TrustKey::KidNoMatch).with("kid", shown(kid))));
            let folded = self.kids_folded.get(kid.to_ascii_lowercase().as_bytes());
            if let Some(similar) = folded.and_then(|idx| idx.first()).and_then(|&i| self.keys.get(i)).map(|k| &k.kid) {
                warnings.push(Note::new(
                    WarningCode::KidCaseDiffers,
                    Text::new(TrustKey::KidCaseDiffers).with("trusted", shown(similar)).with("kid", shown(kid)),
                ));
            }
        }
        Ok(RevokeOutcome { added, matched: keys > 0, warnings })
    }

    /// Declares the certificate with this serial, issued by the given
    /// issuer certificate (PEM or DER; its *subject* name is used), revoked
    /// on X.509 paths. This revokes a label: to revoke the certificate's
    /// key on every path, use [`TrustStore::revoke_certificate`].
    ///
    /// `serial_hex`: hex digits, case-insensitive, optional `0x` prefix,
    /// optional `:` or space separators between bytes (OpenSSL's `10:01`);
    /// leading zeros do not matter (serials compare as unsigned integers).
    pub fn revoke_serial(&mut self, issuer_pem_or_der: &[u8], serial_hex: &str) -> Result<RevokeOutcome, TrustError> {
        let serial = serial::normalize_serial_hex(serial_hex)?;
        let issuer = x509::parse_single_certificate(issuer_pem_or_der, E::NotOneIssuerCertificate)?;
        let mut warnings = Vec::new();
        let matched = self.may_issue_on_a_path(&issuer);
        if !matched {
            warnings.push(Note::new(
                WarningCode::NoMatch,
                Text::new(TrustKey::IssuerNoMatch).with("issuer", shown(&issuer.info.subject)),
            ));
        }
        if !issuer.is_ca() {
            let key = if issuer.serial == serial { TrustKey::NotACaSameSerial } else { TrustKey::NotACa };
            warnings.push(Note::new(WarningCode::NotACa, Text::new(key).with("cert", shown(&issuer.label()))));
        }
        if !self.keys.is_empty() {
            warnings.push(Note::new(WarningCode::KeyStillTrusted, Text::new(TrustKey::KeyStillTrusted)));
        }
        let added = self.insert_serial(Some(&issuer.subject_der), &serial, Some(issuer.info.subject.clone()))?;
        Ok(RevokeOutcome { added, matched, warnings })
    }

    /// Declares a serial revoked under **every** issuer: any certificate on
    /// an X.509 path with this serial fails REVOCATION (certificates of
    /// other CAs that happen to share the serial included).
    pub fn revoke_serial_any_issuer(&mut self, serial_hex: &str) -> Result<RevokeOutcome, TrustError> {
        let serial = serial::normalize_serial_hex(serial_hex)?;
        let mut warnings = vec![Note::new(
            WarningCode::AnyIssuer,
            Text::new(TrustKey::AnyIssuer).with("serial", serial::serial_to_hex(&serial)),
        )];
        let matched = !self.anchors.is_empty();
        if !matched {
            warnings.push(Note::new(WarningCode::NoMatch, Text::new(TrustKey::NoAnchors)));
        }
        let added = self.insert_serial(None, &serial, None)?;
        Ok(RevokeOutcome { added, matched, warnings })
    }

    /// Revokes one certificate (PEM or DER): its issuer + serial on X.509
    /// paths **and** its public key on every path (a JWK with the same key
    /// fails too). Closes the gap left by an unprotected x5chain, which can
    /// be swapped for another certificate of the same key.
    pub fn revoke_certificate(&mut self, pem_or_der: &[u8]) -> Result<RevokeOutcome, TrustError> {
        let cert = x509::parse_single_certificate(pem_or_der, E::NotOneCertificate)?;
        let mut warnings = Vec::new();
        let point = cert.key.as_ref().map(|k| k.to_sec1_point(false).as_bytes().to_vec());
        let key_trusted = point.as_ref().is_some_and(|p| self.keys_by_point.contains_key(p));
        let matched = key_trusted
            || self.anchor_fingerprints.contains_key(cert.fingerprint.as_slice())
            || self.may_be_issued_on_a_path(&cert);
        if !matched {
            warnings.push(Note::new(
                WarningCode::NoMatch,
                Text::new(TrustKey::CertificateNoMatch).with("cert", shown(&cert.label())),
            ));
        }
        if point.is_none() {
            warnings.push(Note::new(
                WarningCode::NoP256Key,
                Text::new(TrustKey::NoP256Key).with("cert", shown(&cert.label())).with("key", cert.key_desc.clone()),
            ));
        }
        // All or nothing: the key list must have room before the serial is recorded.
        if let Some(p) = &point {
            self.revoked_keys.check_room(p, E::RevokedKeysFull)?;
        }
        let added_serial = self.insert_serial(Some(&cert.issuer_der), &cert.serial, Some(cert.info.issuer.clone()))?;
        let new_key = match &point {
            Some(p) => self.revoked_keys.insert_bounded(p, E::RevokedKeysFull)?,
            None => false,
        };
        Ok(RevokeOutcome { added: added_serial || new_key, matched, warnings })
    }

    fn insert_serial(
        &mut self,
        issuer_der: Option<&[u8]>,
        serial: &[u8],
        issuer_name: Option<String>,
    ) -> Result<bool, TrustError> {
        let added = self.revoked_serials.insert_bounded(&serial_key(issuer_der, serial), E::RevokedSerialsFull)?;
        if added {
            self.revoked_serial_infos
                .push(RevokedSerialInfo { issuer: issuer_name, serial_hex: serial::serial_to_hex(serial) });
        }
        Ok(added)
    }

    /// Whether certificates issued by `issuer` can be on a path this store
    /// accepts: `issuer` is an anchor (by name) or is issued by one.
    fn may_issue_on_a_path(&self, issuer: &ParsedCert) -> bool {
        self.anchor_subjects.contains(&issuer.subject_der) || self.anchor_subjects.contains(&issuer.issuer_der)
    }

    /// Whether `cert` can be on a path: issued by an anchor, or by a CA
    /// that an anchor issued (intermediates are not in the store, so this is
    /// judged by name: the cert's issuer is an anchor's subject).
    fn may_be_issued_on_a_path(&self, cert: &ParsedCert) -> bool {
        self.anchor_subjects.contains(&cert.issuer_der) || self.anchor_subjects.contains(&cert.subject_der)
    }

    // ----- introspection -----

    /// Number of trusted JWKs.
    pub fn key_count(&self) -> usize {
        self.keys.len()
    }

    /// Number of trust anchors.
    pub fn anchor_count(&self) -> usize {
        self.anchors.len()
    }

    /// The kids of the trusted JWKs, in insertion order, without repeats.
    pub fn kids(&self) -> Vec<String> {
        // A kid is listed at its first key (the first index under it).
        let first =
            |i: usize, k: &TrustedKey| self.keys_by_kid.get(k.kid.as_bytes()).and_then(|v| v.first()) == Some(&i);
        self.keys.iter().enumerate().filter(|(i, k)| first(*i, k)).map(|(_, k)| k.kid.clone()).collect()
    }

    /// Descriptions of the trust anchors, in insertion order.
    pub fn anchors(&self) -> Vec<CertInfo> {
        self.anchors.iter().map(|a| a.info.clone()).collect()
    }

    /// Revoked kids, in insertion order.
    pub fn revoked_kids(&self) -> Vec<String> {
        self.revoked_kids.iter().map(|k| String::from_utf8_lossy(k).into_owned()).collect()
    }

    /// Revoked certificate serials (issuer subject or any issuer, and
    /// serial), in insertion order.
    pub fn revoked_serials(&self) -> Vec<RevokedSerialInfo> {
        self.revoked_serial_infos.clone()
    }

    /// RFC 7638 thumbprints (base64url SHA-256) of the keys revoked with
    /// [`TrustStore::revoke_certificate`], in insertion order. (Keys under a
    /// revoked kid are revoked as well; they are listed by kid.)
    pub fn revoked_key_thumbprints(&self) -> Vec<String> {
        self.revoked_keys.iter().map(|p| jwk::thumbprint(p)).collect()
    }

    // ----- crate-internal lookups used by dump verification -----

    /// Trusted keys whose kid's UTF-8 bytes equal `kid` (several under key rotation).
    pub(crate) fn keys_for_kid(&self, kid: &[u8]) -> Vec<&TrustedKey> {
        self.keys_by_kid.get(kid).map(|idx| idx.iter().filter_map(|&i| self.keys.get(i)).collect()).unwrap_or_default()
    }

    /// Whether the app revoked this kid.
    pub(crate) fn is_kid_revoked(&self, kid: &[u8]) -> bool {
        self.revoked_kids.contains(kid)
    }

    /// Why a public key (SEC1, uncompressed) is revoked, if it is: revoked
    /// with a certificate, or trusted under a revoked kid.
    pub(crate) fn key_revocation(&self, sec1: &[u8]) -> Option<Text> {
        if self.revoked_keys.contains(sec1) {
            return Some(Text::new(TrustKey::KeyRevoked).with("thumbprint", jwk::thumbprint(sec1)));
        }
        if !self.revoked_thumbprints.is_empty() && self.revoked_thumbprints.contains(&jwk::thumbprint_digest(sec1)) {
            return Some(Text::new(TrustKey::KeyRevoked).with("thumbprint", jwk::thumbprint(sec1)));
        }
        let under = self.keys_by_point.get(sec1)?;
        under.iter().filter_map(|&i| self.keys.get(i)).find(|k| self.revoked_kids.contains(k.kid.as_bytes())).map(|k| {
            Text::new(TrustKey::KeyOfRevokedKid).with("thumbprint", jwk::thumbprint(sec1)).with("kid", shown(&k.kid))
        })
    }

    /// The anchors.
    pub(crate) fn anchor_certs(&self) -> &[ParsedCert] {
        &self.anchors
    }

    /// Why a certificate is revoked, if it is: its issuer + serial (or its
    /// serial under any issuer) is listed, or its key is revoked.
    pub(crate) fn cert_revocation(&self, cert: &ParsedCert) -> Option<Revoked> {
        let by_issuer = serial_key(Some(&cert.issuer_der), &cert.serial);
        let any_issuer = serial_key(None, &cert.serial);
        if self.revoked_serials.contains(&by_issuer) || self.revoked_serials.contains(&any_issuer) {
            return Some(Revoked::Serial(
                Text::new(TrustKey::SerialRevoked)
                    .with("cert", cert.label())
                    .with("serial", cert.info.serial_hex.clone())
                    .with("issuer", cert.info.issuer.clone()),
            ));
        }
        let point = cert.key.as_ref()?.to_sec1_point(false);
        self.key_revocation(point.as_bytes()).map(|why| {
            Revoked::Key(Text::new(TrustKey::CertificateKeyRevoked).with("cert", cert.label()).part("why", why))
        })
    }

    /// The first revoked certificate of a path.
    pub(crate) fn path_revocation<'c>(&self, path: impl IntoIterator<Item = &'c ParsedCert>) -> Option<Revoked> {
        path.into_iter().find_map(|c| self.cert_revocation(c))
    }

    /// The certificate-signature cache.
    pub(crate) fn cert_cache(&self) -> &RefCell<CertCache> {
        &self.cert_cache
    }

    /// Number of cached parsed x5chain certificates (for tests and diagnostics).
    pub fn cached_certificate_count(&self) -> usize {
        self.cert_cache.try_borrow().map(|c| c.len()).unwrap_or(0)
    }

    pub(crate) fn link_cache(&self) -> &RefCell<LinkCache> {
        &self.link_cache
    }

    /// An asynchronous host's answers (by question id, see core/engine.rs): caches the certificate
    /// links that waited for them.
    pub fn settle_answers<'a>(&self, answers: impl IntoIterator<Item = (&'a QuestionId, &'a bool)>) {
        if let Ok(mut cache) = self.link_cache.try_borrow_mut() {
            for (question, &good) in answers {
                cache.settle(question, good);
            }
        }
    }

    /// Number of cached certificate-signature outcomes (for tests and diagnostics).
    pub fn cached_link_count(&self) -> usize {
        self.link_cache.try_borrow().map(|c| c.len()).unwrap_or(0)
    }
}
