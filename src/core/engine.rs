//! Who runs the curve step of ES256: "does this P-256 key verify this r ‖ s over these bytes", for
//! a dump's signature and for the certificate links of its x5chain.
//!
//! Everything else (the envelope, the signer, the encoding and range rules of the signature, every
//! policy check, the report) stays in the core whatever the engine. A host engine (the JS host's
//! native crypto, e.g. node:crypto in the bindings) only answers that one question, after the
//! core checked that the signature is 64 bytes with r and s in [1, n−1] and holding a key that is a
//! valid, non-identity P-256 point (trust material is checked when it is added). So the accept
//! semantics are the core's on every engine: high-S is accepted, DER and out-of-range rejected.
//! A host that cannot answer (no crypto, an error) is not a verdict: the crate's own p256 answers.
//!
//! An asynchronous host (WebCrypto) cannot answer during a run. [`Recorder`] runs the core
//! *optimistically*: every question it has no answer for is recorded and answered "yes" for now
//! ([`Answer::Provisional`]); the caller then asks the host all recorded questions at once and
//! keeps a run's report only if every answer it assumed was "yes", or runs it again with the
//! answers (see the bindings' `verifyDumpsRound`). A provisional "yes" is never cached.

use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{Signature, VerifyingKey};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::cell::RefCell;
use std::collections::HashMap;

/// The engine that gave a signature verdict (report field `signature.engine`).
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EngineName {
    /// The crate's own p256 (RustCrypto), in the package's `.wasm`: the reference and the fallback.
    Wasm,
    /// Node's node:crypto (OpenSSL), called synchronously.
    Node,
    /// A browser's WebCrypto (asynchronous).
    Webcrypto,
}

/// Which engine a verification may use (the `engine` verify option).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EngineChoice {
    /// The host's native crypto where there is one, else the crate's p256.
    #[default]
    Auto,
    /// Always the crate's p256 (reference runs, or a host whose crypto the app does not trust).
    Wasm,
}

/// An engine's answer to one curve-step question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// The verdict.
    Final(bool),
    /// "Yes" for now: the question (by its id) was recorded for an asynchronous host ([`Recorder`]).
    Provisional(QuestionId),
    /// This engine cannot answer (the crate's p256 then does).
    Unknown,
}

/// The curve step of ES256. `sig` is r ‖ s, already checked to be in range.
pub trait CurveEngine {
    fn name(&self) -> EngineName;
    fn verify(&self, key: &VerifyingKey, msg: &[u8], sig: &[u8; 64]) -> Answer;
}

/// The crate's own p256.
pub struct BuiltIn;

impl CurveEngine for BuiltIn {
    fn name(&self) -> EngineName {
        EngineName::Wasm
    }

    fn verify(&self, key: &VerifyingKey, msg: &[u8], sig: &[u8; 64]) -> Answer {
        // from_slice fails only for r or s outside [1, n−1], which the caller excluded: a failure
        // here is a "no" all the same.
        Answer::Final(Signature::from_slice(sig).is_ok_and(|s| key.verify(msg, &s).is_ok()))
    }
}

/// A curve-step verdict and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    pub valid: bool,
    pub engine: EngineName,
    /// Assumed, not known ([`Answer::Provisional`]): the question it waits for. Must not be cached.
    pub pending: Option<QuestionId>,
}

/// `engine`'s verdict, or the crate's p256's when it cannot answer.
pub(crate) fn curve_verdict(engine: &dyn CurveEngine, key: &VerifyingKey, msg: &[u8], sig: &[u8; 64]) -> Verdict {
    let verdict = |valid, engine, pending| Verdict { valid, engine, pending };
    match engine.verify(key, msg, sig) {
        Answer::Final(valid) => verdict(valid, engine.name(), None),
        Answer::Provisional(id) => verdict(true, engine.name(), Some(id)),
        Answer::Unknown => verdict(BuiltIn.verify(key, msg, sig) == Answer::Final(true), EngineName::Wasm, None),
    }
}

/// A question's identity: SHA-256 over the key (SEC1, uncompressed), the signature and the
/// message. Answers are matched to questions by it, so an answer can only ever be used for the
/// very key, signature and bytes it was computed on.
pub type QuestionId = [u8; 32];

pub fn question_id(key: &VerifyingKey, msg: &[u8], sig: &[u8; 64]) -> QuestionId {
    id_of(key.to_sec1_point(false).as_bytes(), msg, sig)
}

fn id_of(sec1: &[u8], msg: &[u8], sig: &[u8; 64]) -> QuestionId {
    let mut h = Sha256::new();
    h.update(sec1);
    h.update(sig);
    h.update(msg);
    h.finalize().into()
}

/// A curve-step question recorded for an asynchronous host.
#[derive(Debug, Clone)]
pub struct Question {
    pub id: QuestionId,
    /// The key as an uncompressed SEC1 point.
    pub key: Vec<u8>,
    pub msg: Vec<u8>,
    pub sig: [u8; 64],
}

/// The engine of an asynchronous host's run: answers from `answers` (the host's earlier answers,
/// by question id) and records every other question, answering it provisionally "yes"; in the
/// `last` run it records nothing and the crate's p256 answers what the host did not.
pub struct Recorder<'a> {
    name: EngineName,
    answers: &'a HashMap<QuestionId, bool>,
    last: bool,
    /// Unique questions recorded, in order.
    questions: RefCell<Vec<Question>>,
    index: RefCell<HashMap<QuestionId, u32>>,
    /// The questions (indices into `questions`) the current dump's run assumed "yes" for.
    assumed: RefCell<Vec<u32>>,
}

impl<'a> Recorder<'a> {
    pub fn new(name: EngineName, answers: &'a HashMap<QuestionId, bool>, last: bool) -> Self {
        Recorder {
            name,
            answers,
            last,
            questions: RefCell::default(),
            index: RefCell::default(),
            assumed: RefCell::default(),
        }
    }

    /// The questions the run since the last call assumed "yes" for (indices into
    /// [`Recorder::into_questions`]; a repeated question may be listed again).
    pub fn take_assumed(&self) -> Vec<u32> {
        self.assumed.take()
    }

    pub fn into_questions(self) -> Vec<Question> {
        self.questions.into_inner()
    }
}

impl CurveEngine for Recorder<'_> {
    fn name(&self) -> EngineName {
        self.name
    }

    fn verify(&self, key: &VerifyingKey, msg: &[u8], sig: &[u8; 64]) -> Answer {
        let sec1 = key.to_sec1_point(false);
        let id = id_of(sec1.as_bytes(), msg, sig);
        if let Some(&valid) = self.answers.get(&id) {
            return Answer::Final(valid);
        }
        if self.last {
            return Answer::Unknown;
        }
        let (Ok(mut questions), Ok(mut index), Ok(mut assumed)) =
            (self.questions.try_borrow_mut(), self.index.try_borrow_mut(), self.assumed.try_borrow_mut())
        else {
            return Answer::Unknown; // not reachable: nothing re-enters an engine
        };
        let i = *index.entry(id).or_insert_with(|| {
            questions.push(Question { id, key: sec1.as_bytes().to_vec(), msg: msg.to_vec(), sig: *sig });
            u32::try_from(questions.len() - 1).unwrap_or(u32::MAX)
        });
        assumed.push(i);
        Answer::Provisional(id)
    }
}
