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

/// The stable check ids, in report order (docs/spec/dump-format.md §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CheckId {
    Envelope,
    Payload,
    Algorithm,
    Signer,
    Revocation,
    Signature,
    Freshness,
    Nonce,
    CardLayout,
    CardNumber,
    CardConsistency,
    CardValidity,
}

impl CheckId {
    /// All ids in report order.
    pub const ALL: [CheckId; 12] = [
        CheckId::Envelope,
        CheckId::Payload,
        CheckId::Algorithm,
        CheckId::Signer,
        CheckId::Revocation,
        CheckId::Signature,
        CheckId::Freshness,
        CheckId::Nonce,
        CheckId::CardLayout,
        CheckId::CardNumber,
        CheckId::CardConsistency,
        CheckId::CardValidity,
    ];

    /// The wire id, e.g. `"CARD_LAYOUT"`.
    pub fn as_str(self) -> &'static str {
        match self {
            CheckId::Envelope => "ENVELOPE",
            CheckId::Payload => "PAYLOAD",
            CheckId::Algorithm => "ALGORITHM",
            CheckId::Signer => "SIGNER",
            CheckId::Revocation => "REVOCATION",
            CheckId::Signature => "SIGNATURE",
            CheckId::Freshness => "FRESHNESS",
            CheckId::Nonce => "NONCE",
            CheckId::CardLayout => "CARD_LAYOUT",
            CheckId::CardNumber => "CARD_NUMBER",
            CheckId::CardConsistency => "CARD_CONSISTENCY",
            CheckId::CardValidity => "CARD_VALIDITY",
        }
    }

    /// Parses a wire id.
    pub fn parse(s: &str) -> Option<CheckId> {
        CheckId::ALL.iter().copied().find(|c| c.as_str() == s)
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for CheckId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

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

/// Collects the twelve checks while verification runs.
pub(crate) struct CheckList {
    checks: Vec<Check>,
}

impl CheckList {
    pub fn new() -> Self {
        CheckList {
            checks: CheckId::ALL
                .iter()
                .map(|&id| Check { id, status: CheckStatus::Skipped, message: String::from("not run") })
                .collect(),
        }
    }

    fn set(&mut self, id: CheckId, status: CheckStatus, message: String) {
        if let Some(c) = self.checks.get_mut(id.index()) {
            c.status = status;
            c.message = message;
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
