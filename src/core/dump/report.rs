//! The verification report: twelve ordered checks plus what was read.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::core::chip::ChipCard;
use crate::core::number::NumberReport;
use crate::core::trust::{CertInfo, Warning};

/// Bytes that serialize as a lowercase hex string (the wasm bindings turn
/// them into `Uint8Array`s instead).
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
        s.serialize_str(&self.to_hex())
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
    /// Parses a wire id.
    pub fn parse(s: &str) -> Option<CheckId> {
        CheckId::ALL.iter().copied().find(|c| c.as_str() == s)
    }

    /// The checks that must have passed for this one to run ([`PREREQUISITES`]).
    pub fn prerequisites(self) -> &'static [CheckId] {
        PREREQUISITES.get(self.index()).map_or(&[], |(_, p)| p)
    }
}

/// The skip policy, declared once: each check (in report order) with the checks that must have
/// passed for it to run. A check whose prerequisite did not pass is skipped, and its message names
/// the failed check upstream (`skipped: PAYLOAD failed`); where several could be named, the list's
/// order decides. Checks without a failed prerequisite may still be skipped for their own reason
/// (NONCE when the app expects none, CARD_CONSISTENCY where it does not apply).
///
/// Why: ALGORITHM, SIGNER, REVOCATION and SIGNATURE need only the envelope (the signed bytes are there
/// even when the payload is bad); the content and card checks need the payload; a signature is only
/// checked with an accepted algorithm and a trusted signer; and the card checks need the parsed layout
/// (CARD_CONSISTENCY also a valid number). The content checks still run when the signature failed
/// (the report then says `verified: false`).
pub const PREREQUISITES: [(CheckId, &[CheckId]); CheckId::COUNT] = [
    (CheckId::Envelope, &[]),
    (CheckId::Payload, &[CheckId::Envelope]),
    (CheckId::Algorithm, &[CheckId::Envelope]),
    (CheckId::Signer, &[CheckId::Envelope]),
    (CheckId::Revocation, &[CheckId::Signer]),
    (CheckId::Signature, &[CheckId::Signer, CheckId::Algorithm]),
    (CheckId::Freshness, &[CheckId::Payload]),
    (CheckId::Nonce, &[CheckId::Payload]),
    (CheckId::CardLayout, &[CheckId::Payload]),
    (CheckId::CardNumber, &[CheckId::CardLayout]),
    (CheckId::CardConsistency, &[CheckId::CardNumber]),
    (CheckId::CardValidity, &[CheckId::CardLayout]),
];

/// How a check ended.
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
    /// Human-readable and specific.
    pub message: String,
}

/// The card as read from the text block.
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
}

/// The result of [`super::verify_dump`].
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
    /// Payload fields, present when the payload is well-formed.
    pub read_at: Option<i64>,
    pub nonce: Option<Bytes>,
    pub reader_id: Option<String>,
    pub chip_serial: Option<Bytes>,
    pub photo: Option<Bytes>,
    pub fingerprint: Option<Bytes>,
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

/// Collects the twelve checks while verification runs; [`CheckList::finish`] applies the skip
/// policy ([`PREREQUISITES`]) to every check that was not run.
pub(crate) struct CheckList {
    checks: Vec<Check>,
    decided: Vec<bool>,
}

impl CheckList {
    pub fn new() -> Self {
        CheckList {
            checks: CheckId::ALL
                .iter()
                .map(|&id| Check { id, status: CheckStatus::Skipped, message: String::from("not run") })
                .collect(),
            decided: vec![false; CheckId::ALL.len()],
        }
    }

    fn set(&mut self, id: CheckId, status: CheckStatus, message: String) {
        if let Some(c) = self.checks.get_mut(id.index()) {
            c.status = status;
            c.message = message;
        }
        if let Some(d) = self.decided.get_mut(id.index()) {
            *d = true;
        }
    }

    /// Records a check's outcome: `Ok(message)` passed, `Err(message)` failed.
    pub fn record(&mut self, id: CheckId, outcome: Result<String, String>) {
        match outcome {
            Ok(m) => self.pass(id, m),
            Err(m) => self.fail(id, m),
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
                let message = match self.blocking_failure(id) {
                    Some(cause) => format!("skipped: {cause} failed"),
                    None => String::from("skipped: not run"),
                };
                self.skip(id, message);
            }
        }
    }

    pub fn pass(&mut self, id: CheckId, message: impl Into<String>) {
        self.set(id, CheckStatus::Passed, message.into());
    }

    pub fn fail(&mut self, id: CheckId, message: impl Into<String>) {
        self.set(id, CheckStatus::Failed, message.into());
    }

    pub fn skip(&mut self, id: CheckId, message: impl Into<String>) {
        self.set(id, CheckStatus::Skipped, message.into());
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
        let mut checks = CheckList::new();
        run(&mut checks);
        checks.finish();
        checks.into_vec().into_iter().map(|c| (c.id, c.status, c.message)).collect()
    }

    fn skipped_by(report: &[(CheckId, CheckStatus, String)], id: CheckId) -> &str {
        let (_, status, message) = &report[id.index()];
        assert_eq!(*status, CheckStatus::Skipped, "{id}");
        message
    }

    #[test]
    fn the_table_lists_every_check_in_report_order() {
        let ids: Vec<CheckId> = PREREQUISITES.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, CheckId::ALL.to_vec());
        // Prerequisites come earlier in the report (the runner decides in report order).
        for (id, pre) in PREREQUISITES {
            assert!(pre.iter().all(|p| p.index() < id.index()), "{id}");
        }
    }

    #[test]
    fn a_failure_skips_what_depends_on_it_and_is_named() {
        let r = finished(|c| c.fail(CheckId::Envelope, "bad"));
        for id in CheckId::ALL.into_iter().skip(1) {
            assert_eq!(skipped_by(&r, id), "skipped: ENVELOPE failed");
        }
        let r = finished(|c| {
            c.pass(CheckId::Envelope, "ok");
            c.fail(CheckId::Payload, "bad");
            c.pass(CheckId::Algorithm, "ok");
            c.fail(CheckId::Signer, "bad");
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
                c.pass(id, "ok");
            }
            c.fail(CheckId::Algorithm, "bad");
            c.fail(CheckId::CardNumber, "bad");
        });
        assert_eq!(skipped_by(&r, CheckId::Signature), "skipped: ALGORITHM failed");
        assert_eq!(skipped_by(&r, CheckId::CardConsistency), "skipped: CARD_NUMBER failed");
        assert!(!CheckList::new().may_run(CheckId::Signature));
    }
}
