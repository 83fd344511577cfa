//! The verification report: twelve ordered checks plus what was read.

use std::fmt;

use crate::core::trust::ListRef;
use serde::{Serialize, Serializer};

use super::pipeline::{Outcome, Verdict};
use crate::core::chip::ChipCard;
use crate::core::i18n::{DumpKey, Locale, Text};
use crate::core::number::NumberReport;
use crate::core::trust::{CertInfo, Warning};

/// Bytes that serialize as a lowercase hex string to a human-readable format (JSON), and as a byte
/// string to the others (the wasm bindings' tape: a `Uint8Array`).
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Bytes(pub Vec<u8>);

impl Bytes {
    /// The bytes.
    pub fn as_slice(&self) -> &[u8] {
        &self.0
    }

    /// Lowercase hex.
    pub fn to_hex(&self) -> String {
        crate::core::hex::lower(&self.0)
    }
}

impl fmt::Debug for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Bytes({})", self.to_hex())
    }
}

impl Serialize for Bytes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.serialize_str(&self.to_hex())
        } else {
            s.serialize_bytes(&self.0)
        }
    }
}

/// A Unix time in seconds that serialises as epoch milliseconds, the unit of `Date` and of the `at`
/// option (as `i128`: no overflow for any `i64`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EpochSeconds(pub i64);

impl Serialize for EpochSeconds {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i128(i128::from(self.0) * 1000)
    }
}

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl From<&[u8]> for Bytes {
    fn from(b: &[u8]) -> Self {
        Bytes(b.to_vec())
    }
}

crate::core::codes::wire_codes! {
    /// The stable check ids, in report order (docs/spec/dump-format.md §5).
    pub enum CheckId {
        Envelope = "ENVELOPE",
        Payload = "PAYLOAD",
        Algorithm = "ALGORITHM",
        Signer = "SIGNER",
        Revocation = "REVOCATION",
        Signature = "SIGNATURE",
        Freshness = "FRESHNESS",
        Nonce = "NONCE",
        CardLayout = "CARD_LAYOUT",
        CardNumber = "CARD_NUMBER",
        CardConsistency = "CARD_CONSISTENCY",
        CardValidity = "CARD_VALIDITY",
    }
}

impl CheckId {
    /// The checks that must have passed for this one to run (its row of [`super::PIPELINE`]).
    pub fn prerequisites(self) -> &'static [CheckId] {
        super::pipeline::step(self).map_or(&[], |s| s.requires)
    }

    /// The reasons this check may fail with, besides `INTERNAL` (its row of [`super::PIPELINE`]).
    pub fn reasons(self) -> &'static [Reason] {
        super::pipeline::step(self).map_or(&[], |s| s.reasons)
    }
}

crate::core::codes::wire_codes! {
    /// Why a check failed: the stable, machine-readable `reason` of a failed check (the message
    /// beside it is for people and may change). Which check gives which reason is declared in
    /// [`super::PIPELINE`]; the README's reason table documents each (held to this list by a test).
    pub enum Reason as "CheckReason" {
        // ENVELOPE
        /// The dump is larger than the 64 KiB allowed (checked before parsing).
        TooLarge = "TOO_LARGE",
        /// Not CBOR that the strict decoder accepts: malformed, truncated, trailing bytes, or forms
        /// the contract excludes (duplicate map keys, indefinite lengths). ENVELOPE: the dump or its
        /// protected header; PAYLOAD: the payload.
        NotCbor = "NOT_CBOR",
        /// Well-formed CBOR, but not a COSE_Sign1 (another tag, not a 4-element array, a header or
        /// payload element of the wrong type).
        NotCoseSign1 = "NOT_COSE_SIGN1",
        /// A header breaks the rules (not a map, a bad label, `crit`, a parameter in both headers);
        /// for SIGNER: a malformed `kid`, `x5chain` or `x5t` value.
        BadHeader = "BAD_HEADER",
        /// The payload is detached (nil): signed chip dumps embed it.
        DetachedPayload = "DETACHED_PAYLOAD",
        /// The signature is not a 64-byte string r ‖ s (DER, another length, another type), or r or s
        /// is outside [1, n−1].
        BadSignatureEncoding = "BAD_SIGNATURE_ENCODING",
        // PAYLOAD
        /// The payload is not a CBOR map.
        NotMap = "NOT_MAP",
        /// A payload key is not an unsigned integer.
        BadKey = "BAD_KEY",
        /// A payload field has the wrong type or size.
        BadField = "BAD_FIELD",
        /// A required payload field (version, text, readAt) is missing.
        MissingField = "MISSING_FIELD",
        /// The payload version is not 1.
        UnsupportedVersion = "UNSUPPORTED_VERSION",
        // ALGORITHM
        /// `alg` is not ES256 (-7).
        UnsupportedAlgorithm = "UNSUPPORTED_ALGORITHM",
        /// `alg` is only in the unprotected header.
        UnprotectedAlgorithm = "UNPROTECTED_ALGORITHM",
        /// No `alg` at all.
        MissingAlgorithm = "MISSING_ALGORITHM",
        // SIGNER
        /// Neither a `kid` nor an `x5chain`: no signer can be looked up.
        NoSignerId = "NO_SIGNER_ID",
        /// The `kid` is not among the trusted JWKs.
        UnknownKid = "UNKNOWN_KID",
        /// The protected `x5t` does not match the x5chain's signer certificate.
        X5tMismatch = "X5T_MISMATCH",
        /// The x5chain is unprotected and unbound, and the app requires a signed chain.
        UnsignedX5chain = "UNSIGNED_X5CHAIN",
        /// The x5chain carries more certificates than allowed (or none).
        ChainTooLong = "CHAIN_TOO_LONG",
        /// An x5chain certificate does not parse.
        BadCertificate = "BAD_CERTIFICATE",
        /// No path to a trust anchor: no anchor names the chain's issuer, or names do not chain.
        NoPath = "NO_PATH",
        /// A certificate of the path had expired at readAt (or, for the signer, at the verification time).
        CertExpired = "CERT_EXPIRED",
        /// A certificate of the path was not yet valid then.
        CertNotYetValid = "CERT_NOT_YET_VALID",
        /// A certificate's signature does not verify with its issuer's key.
        BadChainSignature = "BAD_CHAIN_SIGNATURE",
        /// A certificate breaks the profile: algorithm or key type, CA flag, path length, key usage,
        /// an unknown critical extension.
        CertProfile = "CERT_PROFILE",
        /// A CA certificate signs the dump directly and the app rejects that (`rejectCaSigner`).
        CaSigner = "CA_SIGNER",
        // REVOCATION
        /// The dump names a revoked kid.
        KidRevoked = "KID_REVOKED",
        /// A certificate of the path is revoked by serial.
        CertRevoked = "CERT_REVOKED",
        /// A key is revoked: a key of the path (signer, issuer or anchor, also when its certificate
        /// was re-issued), or the JWK that verified the signature (every key under the kid when none
        /// did).
        KeyRevoked = "KEY_REVOKED",
        // SIGNATURE
        /// The signature does not verify (content altered, wrong key, or another external AAD);
        /// NONCE: the payload nonce differs from the expected one.
        Mismatch = "MISMATCH",
        // FRESHNESS
        /// readAt is later than the verification time plus the allowed clock skew.
        InFuture = "IN_FUTURE",
        /// readAt is older than the maximum age.
        TooOld = "TOO_OLD",
        // NONCE
        /// The app expects a nonce and the payload carries none.
        Missing = "MISSING",
        // CARD_LAYOUT (the chip parser's error codes; its LENGTH cannot occur: PAYLOAD guarantees
        // 256 bytes, so it maps to INTERNAL)
        /// The type marker is none of the four layouts'.
        TypeMarker = "TYPE_MARKER",
        /// A field holds an unpaired UTF-16 surrogate.
        Encoding = "ENCODING",
        /// A field's value is not what the layout allows.
        Field = "FIELD",
        // CARD_NUMBER
        /// The chip number is of another kind than the layout carries.
        KindMismatch = "KIND_MISMATCH",
        /// The chip number is of the right kind but invalid.
        InvalidNumber = "INVALID_NUMBER",
        /// The permit's pass number (`J` cards, offset 220) is missing or not a current-form pass
        /// number (`H`/`M` + 8 digits, or 8 digits).
        InvalidPassNumber = "INVALID_PASS_NUMBER",
        // CARD_CONSISTENCY (the first disagreement found, in this order; the message lists all)
        /// The birth date on the chip differs from the number's.
        BirthDateMismatch = "BIRTH_DATE_MISMATCH",
        /// The sex on the chip differs from the number's.
        SexMismatch = "SEX_MISMATCH",
        /// The nationality on the chip differs from the number's.
        NationalityMismatch = "NATIONALITY_MISMATCH",
        /// The permit's pass number is of another region than its number (`H` 810000, `M` 820000,
        /// 8 digits 830000).
        PassRegionMismatch = "PASS_REGION_MISMATCH",
        // CARD_VALIDITY
        /// The card's validity starts after the read date.
        NotYetValid = "NOT_YET_VALID",
        /// The card had expired on the read date.
        Expired = "EXPIRED",
        // any check
        /// A verifier bug: a check ran without what its prerequisites produce. Never expected; the
        /// check fails closed.
        Internal = "INTERNAL",
    }
}

impl From<crate::core::chip::ChipErrorCode> for Reason {
    fn from(c: crate::core::chip::ChipErrorCode) -> Self {
        use crate::core::chip::ChipErrorCode as E;
        match c {
            E::Length => Reason::Internal,
            E::TypeMarker => Reason::TypeMarker,
            E::Encoding => Reason::Encoding,
            E::Field => Reason::Field,
        }
    }
}

/// How a check ended.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckStatus {
    Passed,
    Failed,
    /// An earlier failure made it meaningless, or the app did not ask for it.
    Skipped,
}

/// One check's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    pub id: CheckId,
    pub status: CheckStatus,
    /// Why it failed (failed checks only; absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<Reason>,
    /// Human-readable and specific.
    pub message: String,
}

/// The card as read from the text block.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CardReport {
    #[serde(flatten)]
    pub fields: ChipCard,
    pub number_report: NumberReport,
    /// Same as [`DumpReport::verified`]: whether a trusted signer vouches for
    /// these fields. `false` means "this is what the bytes say", nothing more.
    pub verified: bool,
}

/// How the signer was identified.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SignerMethod {
    /// By kid, among the trusted JWKs.
    Jwk,
    /// By an X.509 chain (`x5chain`) to a trust anchor.
    X5chain,
}

/// Who signed (or claims to have signed) the dump. Present whenever the
/// dump identified a signer, even if SIGNER failed; only
/// [`DumpReport::verified`] says whether it is trusted. `anchor` is set only
/// when a path to a trust anchor was found.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SignerInfo {
    pub method: SignerMethod,
    /// The kid, UTF-8 (lossy).
    pub kid: Option<String>,
    /// The kid bytes, lowercase hex.
    pub kid_hex: Option<String>,
    /// The certificates of the validated path, signer first (when SIGNER
    /// passed); otherwise the x5chain certificates that parsed.
    pub certificates: Vec<CertInfo>,
    /// x5chain certificates after the path's end: carried by the dump but
    /// not validated, and not part of the trust decision.
    pub extra_certificates: Vec<CertInfo>,
    /// The trust anchor the path ends at.
    pub anchor: Option<CertInfo>,
    /// The signed trust list (docs/spec/trust-list.md) the signer's key or anchor came from;
    /// `None` when the app added it itself (or no key verified).
    pub trust_list: Option<ListRef>,
}

/// The result of [`super::verify_dump`].
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "DumpReportBase"))]
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DumpReport {
    /// No check failed.
    pub ok: bool,
    /// SIGNER, REVOCATION and SIGNATURE all passed: a trusted, non-revoked
    /// key vouches for the content.
    pub verified: bool,
    /// Always the twelve checks, in [`CheckId::ALL`] order.
    pub checks: Vec<Check>,
    /// Present whenever the text block was parsed, even when the signature
    /// failed (then `verified` is false).
    pub card: Option<CardReport>,
    pub signer: Option<SignerInfo>,
    /// Which engine ran SIGNATURE's curve step; `null` when none ran (SIGNATURE skipped, or a
    /// signature that breaks the encoding rules, decided before any engine).
    pub signature: Option<super::SignatureInfo>,
    /// Payload fields, present when the payload is well-formed.
    ///
    /// When the card was read, in epoch milliseconds like `Date` and the `at` option:
    /// `new Date(report.readAtMs)`. (The payload's readAt is Unix seconds; the report converts, so
    /// that no caller passes seconds to `Date` and gets 1970. Exact up to the year 287,396.)
    #[serde(rename = "readAtMs")]
    pub read_at: Option<EpochSeconds>,
    pub nonce: Option<Bytes>,
    pub reader_id: Option<String>,
    pub chip_serial: Option<Bytes>,
    pub photo: Option<Bytes>,
    pub fingerprint: Option<Bytes>,
    #[cfg_attr(test, ts(type = "Array<Issue<DumpWarningCode>>"))]
    pub warnings: Vec<Warning>,
}

impl DumpReport {
    /// The check with this id.
    pub fn check(&self, id: CheckId) -> Option<&Check> {
        self.checks.iter().find(|c| c.id == id)
    }

    /// Status of a check (`Skipped` if somehow absent).
    pub fn status(&self, id: CheckId) -> CheckStatus {
        self.check(id).map(|c| c.status).unwrap_or(CheckStatus::Skipped)
    }

    /// Ids of the failed checks, in order.
    pub fn failed_checks(&self) -> Vec<CheckId> {
        self.checks.iter().filter(|c| c.status == CheckStatus::Failed).map(|c| c.id).collect()
    }

    /// Whether a warning with this code was emitted.
    pub fn has_warning(&self, code: &str) -> bool {
        self.warnings.iter().any(|w| w.code == code)
    }
}

impl fmt::Debug for DumpReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match serde_json::to_string_pretty(self) {
            Ok(s) => f.write_str(&s),
            Err(_) => f.write_str("DumpReport { <unserializable> }"),
        }
    }
}

/// Collects the twelve checks while the pipeline runs; [`CheckList::finish`] applies the skip
/// policy (the prerequisites of [`super::PIPELINE`]) to every check that was not run.
pub(crate) struct CheckList {
    checks: Vec<Check>,
    decided: Vec<bool>,
    /// The language the messages are rendered in.
    locale: Locale,
}

impl CheckList {
    pub fn new(locale: Locale) -> Self {
        CheckList {
            checks: CheckId::ALL
                .iter()
                .map(|&id| Check { id, status: CheckStatus::Skipped, reason: None, message: String::new() })
                .collect(),
            decided: vec![false; CheckId::ALL.len()],
            locale,
        }
    }

    fn set(&mut self, id: CheckId, status: CheckStatus, reason: Option<Reason>, message: String) {
        if let Some(c) = self.checks.get_mut(id.index()) {
            c.status = status;
            c.reason = reason;
            c.message = message;
        }
        if let Some(d) = self.decided.get_mut(id.index()) {
            *d = true;
        }
    }

    /// Records a check's outcome.
    pub fn record(&mut self, id: CheckId, outcome: Outcome) {
        let locale = self.locale;
        match outcome {
            Ok(Verdict::Passed(t)) => self.set(id, CheckStatus::Passed, None, t.render(locale)),
            Ok(Verdict::Skipped(t)) => self.set(id, CheckStatus::Skipped, None, t.render(locale)),
            Err(f) => self.set(id, CheckStatus::Failed, Some(f.reason), f.message(locale)),
        }
    }

    /// Whether every prerequisite of `id` passed (the check may run).
    pub fn may_run(&self, id: CheckId) -> bool {
        id.prerequisites().iter().all(|&p| self.passed(p))
    }

    /// The failed check upstream of `id` that keeps it from running, if any.
    fn blocking_failure(&self, id: CheckId) -> Option<CheckId> {
        id.prerequisites().iter().find_map(|&p| match self.status(p) {
            CheckStatus::Passed => None,
            CheckStatus::Failed => Some(p),
            CheckStatus::Skipped => self.blocking_failure(p),
        })
    }

    /// Marks every check that was not run as skipped, naming the failure upstream.
    pub fn finish(&mut self) {
        for id in CheckId::ALL {
            if !self.decided.get(id.index()).copied().unwrap_or(true) {
                let text = match self.blocking_failure(id) {
                    Some(cause) => Text::new(DumpKey::SkippedBecause).with("check", cause.as_str()),
                    None => Text::new(DumpKey::SkippedNotRun),
                };
                self.set(id, CheckStatus::Skipped, None, text.render(self.locale));
            }
        }
    }

    pub fn status(&self, id: CheckId) -> CheckStatus {
        self.checks.get(id.index()).map(|c| c.status).unwrap_or(CheckStatus::Skipped)
    }

    pub fn passed(&self, id: CheckId) -> bool {
        self.status(id) == CheckStatus::Passed
    }

    pub fn any_failed(&self) -> bool {
        self.checks.iter().any(|c| c.status == CheckStatus::Failed)
    }

    pub fn into_vec(self) -> Vec<Check> {
        self.checks
    }
}

#[cfg(test)]
mod skip_policy_tests {
    use super::*;

    /// The messages `finish` gives each check, after `run` has decided some.
    fn finished(run: impl FnOnce(&mut CheckList)) -> Vec<(CheckId, CheckStatus, String)> {
        let mut checks = CheckList::new(Locale::En);
        run(&mut checks);
        checks.finish();
        checks.into_vec().into_iter().map(|c| (c.id, c.status, c.message)).collect()
    }

    fn skipped_by(report: &[(CheckId, CheckStatus, String)], id: CheckId) -> &str {
        let (_, status, message) = &report[id.index()];
        assert_eq!(*status, CheckStatus::Skipped, "{id}");
        message
    }

    fn pass(c: &mut CheckList, id: CheckId) {
        c.record(id, Ok(Verdict::Passed(Text::new(DumpKey::AlgOk))));
    }

    fn fail(c: &mut CheckList, id: CheckId) {
        c.record(id, Err(super::super::pipeline::Failure::new(Reason::Mismatch, Text::new(DumpKey::AlgMissing))));
    }

    #[test]
    fn a_failure_skips_what_depends_on_it_and_is_named() {
        let r = finished(|c| fail(c, CheckId::Envelope));
        for id in CheckId::ALL.into_iter().skip(1) {
            assert_eq!(skipped_by(&r, id), "skipped: ENVELOPE failed");
        }
        let r = finished(|c| {
            pass(c, CheckId::Envelope);
            fail(c, CheckId::Payload);
            pass(c, CheckId::Algorithm);
            fail(c, CheckId::Signer);
        });
        assert_eq!(skipped_by(&r, CheckId::Revocation), "skipped: SIGNER failed");
        assert_eq!(skipped_by(&r, CheckId::Signature), "skipped: SIGNER failed");
        for id in [CheckId::Freshness, CheckId::Nonce, CheckId::CardLayout, CheckId::CardNumber, CheckId::CardValidity]
        {
            assert_eq!(skipped_by(&r, id), "skipped: PAYLOAD failed");
        }
        assert_eq!(skipped_by(&r, CheckId::CardConsistency), "skipped: PAYLOAD failed");
        let r = finished(|c| {
            for id in [CheckId::Envelope, CheckId::Payload, CheckId::Signer, CheckId::CardLayout] {
                pass(c, id);
            }
            fail(c, CheckId::Algorithm);
            fail(c, CheckId::CardNumber);
        });
        assert_eq!(skipped_by(&r, CheckId::Signature), "skipped: ALGORITHM failed");
        assert_eq!(skipped_by(&r, CheckId::CardConsistency), "skipped: CARD_NUMBER failed");
        assert!(!CheckList::new(Locale::En).may_run(CheckId::Signature));
        // The skip messages in Chinese.
        let mut zh = CheckList::new(Locale::ZhCn);
        fail(&mut zh, CheckId::Envelope);
        zh.finish();
        assert_eq!(zh.into_vec()[1].message, "已跳过：ENVELOPE 未通过");
    }
}
