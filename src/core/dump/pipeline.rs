//! The dump checks as a declared pipeline: [`PIPELINE`] lists every check once, with the checks
//! that must have passed for it to run (its prerequisites), the reasons it may fail with, and the
//! function that decides it. [`run`] walks the table; nothing else decides what runs or skips.
//!
//! Every check function has the same signature, `fn(&mut Run) -> Outcome`: it reads the inputs and
//! what earlier checks produced from [`Run`], may leave its own product there (the parsed envelope,
//! the payload, the trusted signer, the card…), and returns pass (with a message), skip (NONCE
//! when the app expects no nonce) or a [`Failure`] with a stable [`Reason`] and a message.

use super::card;
use super::envelope::{self, Envelope};
use super::payload::{self, Payload};
use super::report::{CheckList, Reason};
use super::signature::{self, SignatureInfo, Signed};
use super::signer::{self, Trusted};
use super::{content, CheckId, SignerInfo, VerifyOptions};
use crate::core::chip::ChipCard;
use crate::core::engine::CurveEngine;
use crate::core::i18n::{DumpKey, Locale, Text};
use crate::core::number::NumberReport;
use crate::core::trust::{Note, TrustStore};

/// Why a check failed: a stable code for apps to branch on, and a specific message for people
/// (rendered in the run's locale when the check is recorded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub reason: Reason,
    pub text: Text,
}

impl Failure {
    pub fn new(reason: Reason, text: Text) -> Self {
        Failure { reason, text }
    }

    /// The message in `locale`.
    pub fn message(&self, locale: Locale) -> String {
        self.text.render(locale)
    }
}

/// A check that ran and did not fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Passed(Text),
    /// The check does not apply (NONCE when the app expects no nonce).
    Skipped(Text),
}

impl Verdict {
    /// The message in `locale`.
    pub fn message(&self, locale: Locale) -> String {
        match self {
            Verdict::Passed(t) | Verdict::Skipped(t) => t.render(locale),
        }
    }
}

/// What every check function returns.
pub type Outcome = Result<Verdict, Failure>;

/// A passed check.
pub fn pass(text: Text) -> Outcome {
    Ok(Verdict::Passed(text))
}

/// The inputs of one verification and what the checks have produced so far.
pub(crate) struct Run<'a> {
    pub bytes: &'a [u8],
    pub trust: &'a TrustStore,
    pub opts: &'a VerifyOptions,
    /// ENVELOPE's product.
    pub envelope: Option<Envelope<'a>>,
    /// PAYLOAD's product.
    pub payload: Option<Payload<'a>>,
    /// SIGNER's product when it passed; `signer_info` also when it failed.
    pub trusted: Option<Trusted<'a>>,
    pub signer_info: Option<SignerInfo>,
    /// SIGNATURE's product: which key verified (REVOCATION judges that key).
    pub signed: Option<Signed>,
    /// Which engine gave SIGNATURE's verdict (when a curve step ran).
    pub signature: Option<SignatureInfo>,
    /// The curve step's engine for this run (the crate's p256 unless the caller gave a host's).
    pub engine: &'a dyn CurveEngine,
    /// CARD_LAYOUT's product.
    pub card: Option<ChipCard>,
    /// CARD_NUMBER's product (the report is kept whether it passed or not).
    pub number_report: Option<NumberReport>,
    pub warnings: Vec<Note>,
}

impl<'a> Run<'a> {
    pub fn new(bytes: &'a [u8], trust: &'a TrustStore, opts: &'a VerifyOptions, engine: &'a dyn CurveEngine) -> Self {
        Run {
            bytes,
            trust,
            opts,
            envelope: None,
            payload: None,
            trusted: None,
            signer_info: None,
            signed: None,
            signature: None,
            engine,
            card: None,
            number_report: None,
            warnings: Vec::new(),
        }
    }
}

/// What a prerequisite left behind, for the check that needs it. `None` here means the runner let a
/// check run without its prerequisite's product, a verifier bug: the check then fails closed with
/// `INTERNAL` instead of passing unchecked.
pub(crate) fn needs<'r, T>(product: Option<&'r T>, what: &'static str) -> Result<&'r T, Failure> {
    product.ok_or_else(|| Failure::new(Reason::Internal, Text::new(DumpKey::InternalMissing).term("what", what)))
}

/// A check function.
pub(crate) type CheckFn = fn(&mut Run<'_>) -> Outcome;

/// One row of the pipeline.
pub struct Step {
    pub id: CheckId,
    /// The checks that must have passed for this one to run.
    pub requires: &'static [CheckId],
    /// The reasons this check may fail with (besides `INTERNAL`).
    pub reasons: &'static [Reason],
    pub(crate) run: CheckFn,
}

use CheckId as C;
use Reason as R;

/// The pipeline, in execution order. A check runs only when all its `requires` passed; otherwise it
/// is skipped, and its message names the failed check upstream (`skipped: PAYLOAD failed`). The
/// report lists the checks in [`CheckId::ALL`] order; execution differs in one place: SIGNATURE
/// runs before REVOCATION, so that REVOCATION can judge the key that actually signed.
///
/// Why these prerequisites: ALGORITHM, SIGNER and SIGNATURE need only the envelope (the signed
/// bytes are there even when the payload is bad); a signature is only checked with an accepted
/// algorithm and a trusted signer; the content and card checks need the payload; the card checks
/// need the parsed layout, and CARD_CONSISTENCY a valid number. The content checks still run when
/// the signature failed (the report then says `verified: false`).
pub const PIPELINE: [Step; CheckId::COUNT] = [
    Step {
        id: C::Envelope,
        requires: &[],
        reasons: &[R::TooLarge, R::NotCbor, R::NotCoseSign1, R::BadHeader, R::DetachedPayload, R::BadSignatureEncoding],
        run: envelope::check_envelope,
    },
    Step {
        id: C::Payload,
        requires: &[C::Envelope],
        reasons: &[R::NotCbor, R::NotMap, R::BadKey, R::BadField, R::MissingField, R::UnsupportedVersion],
        run: payload::check_payload,
    },
    Step {
        id: C::Algorithm,
        requires: &[C::Envelope],
        reasons: &[R::UnsupportedAlgorithm, R::UnprotectedAlgorithm, R::MissingAlgorithm],
        run: envelope::check_algorithm,
    },
    Step {
        id: C::Signer,
        requires: &[C::Envelope],
        reasons: &[
            R::BadHeader,
            R::NoSignerId,
            R::UnknownKid,
            R::X5tMismatch,
            R::UnsignedX5chain,
            R::ChainTooLong,
            R::BadCertificate,
            R::NoPath,
            R::CertExpired,
            R::CertNotYetValid,
            R::BadChainSignature,
            R::CertProfile,
            R::CaSigner,
        ],
        run: signer::check_signer,
    },
    Step {
        id: C::Signature,
        requires: &[C::Signer, C::Algorithm],
        reasons: &[R::Mismatch, R::BadSignatureEncoding],
        run: signature::check_signature,
    },
    Step {
        id: C::Revocation,
        requires: &[C::Signer],
        reasons: &[R::KidRevoked, R::CertRevoked, R::KeyRevoked],
        run: signer::check_revocation,
    },
    Step {
        id: C::Freshness,
        requires: &[C::Payload],
        reasons: &[R::InFuture, R::TooOld],
        run: content::check_freshness,
    },
    Step { id: C::Nonce, requires: &[C::Payload], reasons: &[R::Missing, R::Mismatch], run: content::check_nonce },
    Step {
        id: C::CardLayout,
        requires: &[C::Payload],
        reasons: &[R::TypeMarker, R::Encoding, R::Field],
        run: card::check_layout,
    },
    Step {
        id: C::CardNumber,
        requires: &[C::CardLayout],
        reasons: &[R::KindMismatch, R::InvalidNumber, R::InvalidPassNumber],
        run: card::check_number,
    },
    Step {
        id: C::CardConsistency,
        requires: &[C::CardNumber],
        reasons: &[R::BirthDateMismatch, R::SexMismatch, R::NationalityMismatch, R::PassRegionMismatch],
        run: card::check_consistency,
    },
    Step {
        id: C::CardValidity,
        requires: &[C::CardLayout],
        reasons: &[R::NotYetValid, R::Expired],
        run: card::check_validity,
    },
];

/// The row of a check.
pub fn step(id: CheckId) -> Option<&'static Step> {
    PIPELINE.iter().find(|s| s.id == id)
}

/// Runs the pipeline: each check whose prerequisites passed, in table order; then every other
/// check is marked skipped, naming the failure upstream.
pub(crate) fn run(run: &mut Run<'_>) -> CheckList {
    let mut checks = CheckList::new(run.opts.locale);
    for step in &PIPELINE {
        if checks.may_run(step.id) {
            let outcome = (step.run)(run);
            checks.record(step.id, outcome);
        }
    }
    checks.finish();
    checks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_lists_every_check_once_after_its_prerequisites() {
        let mut ids: Vec<CheckId> = PIPELINE.iter().map(|s| s.id).collect();
        for (i, s) in PIPELINE.iter().enumerate() {
            for p in s.requires {
                let at = PIPELINE.iter().position(|t| t.id == *p);
                assert!(at.is_some_and(|at| at < i), "{} requires {p}, which must run earlier", s.id);
            }
            assert!(!s.reasons.is_empty() && !s.reasons.contains(&Reason::Internal), "{}", s.id);
        }
        ids.sort();
        assert_eq!(ids, CheckId::ALL.to_vec());
        // Not a prerequisite, but an order REVOCATION depends on: it judges the key that SIGNATURE
        // found to have signed (a rotated kid with one revoked key). Swapped, that key would be
        // unknown and a dump signed by the revoked key could pass REVOCATION.
        let at = |id| PIPELINE.iter().position(|s| s.id == id);
        assert!(at(CheckId::Signature) < at(CheckId::Revocation));
    }

    #[test]
    fn every_reason_belongs_to_a_check() {
        for r in Reason::ALL {
            let used = PIPELINE.iter().any(|s| s.reasons.contains(&r));
            assert_eq!(used, r != Reason::Internal, "{r}");
        }
    }
}
