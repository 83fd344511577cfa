//! SIGNATURE: ES256 over the COSE `Sig_structure` (docs/spec/dump-format.md §3), with the key of the
//! signer that SIGNER trusted.

use std::fmt;

use p256::ecdsa::VerifyingKey;

use super::pipeline::{needs, pass, Failure, Outcome, Run};
use super::report::Reason;
use super::signer::{describe_kid, Trusted};
use crate::core::cbor;
use crate::core::engine::{curve_verdict, BuiltIn, CurveEngine, EngineName};
use crate::core::i18n::{DumpKey as K, Text};

/// The P-256 group order n, big-endian.
const ORDER_N: [u8; 32] = [
    0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xbc, 0xe6, 0xfa,
    0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
];

/// Why an ES256 signature was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureError {
    /// Not 64 bytes (DER-encoded signatures land here).
    Length(usize),
    /// r is 0 or ≥ n.
    ROutOfRange,
    /// s is 0 or ≥ n.
    SOutOfRange,
    /// Well-formed, but does not verify with this key and message.
    Mismatch,
}

impl fmt::Display for SignatureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignatureError::Length(n) => write!(f, "the signature is {n} bytes, ES256 needs exactly 64 (r||s)"),
            SignatureError::ROutOfRange => f.write_str("r is outside [1, n-1]"),
            SignatureError::SOutOfRange => f.write_str("s is outside [1, n-1]"),
            SignatureError::Mismatch => f.write_str("the signature does not verify"),
        }
    }
}

impl std::error::Error for SignatureError {}

/// Verifies an ES256 signature given as raw `r ‖ s` (64 bytes, IEEE
/// P1363). r and s must be in [1, n−1]; high-S is accepted (HSMs and
/// OpenSSL do not normalise S); DER-encoded signatures are rejected.
pub fn verify_es256(key: &VerifyingKey, msg: &[u8], sig: &[u8]) -> Result<(), SignatureError> {
    verify_es256_on(&BuiltIn, key, msg, sig).0
}

/// [`verify_es256`] with the curve step on `engine` (the encoding and range rules are checked here,
/// before any engine runs); with the engine that gave the verdict, `None` when none ran.
pub fn verify_es256_on(
    engine: &dyn CurveEngine,
    key: &VerifyingKey,
    msg: &[u8],
    sig: &[u8],
) -> (Result<(), SignatureError>, Option<EngineName>) {
    let rs = match well_formed(sig) {
        Ok(rs) => rs,
        Err(e) => return (Err(e), None),
    };
    let verdict = curve_verdict(engine, key, msg, rs);
    (if verdict.valid { Ok(()) } else { Err(SignatureError::Mismatch) }, Some(verdict.engine))
}

/// 64 bytes with r and s in [1, n−1]: the rules that make the verdict the same on every engine.
/// Exactly 64 bytes protects against alternative encodings (DER, truncated or padded integers) of
/// the same signature.
fn well_formed(sig: &[u8]) -> Result<&[u8; 64], SignatureError> {
    let rs: &[u8; 64] = sig.try_into().map_err(|_| SignatureError::Length(sig.len()))?;
    let (r, s) = rs.split_at(32);
    check_scalar_range(r).map_err(|_| SignatureError::ROutOfRange)?;
    check_scalar_range(s).map_err(|_| SignatureError::SOutOfRange)?;
    Ok(rs)
}

/// 1 ≤ x ≤ n−1: protects against the degenerate values (0, n, n+k) that
/// break ECDSA verification equations in some implementations.
fn check_scalar_range(x: &[u8]) -> Result<(), ()> {
    let zero = x.iter().all(|&b| b == 0);
    let below_n = x < &ORDER_N[..];
    if zero || !below_n {
        Err(())
    } else {
        Ok(())
    }
}

/// CBOR(`["Signature1", protected, external_aad, payload]`), with the
/// protected header and payload as the exact bytes carried in the message.
pub fn sig_structure(protected: &[u8], external_aad: &[u8], payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(protected.len() + external_aad.len() + payload.len() + 32);
    cbor::encode_array_header(4, &mut out);
    cbor::encode_text("Signature1", &mut out);
    cbor::encode_bytes(protected, &mut out);
    cbor::encode_bytes(external_aad, &mut out);
    cbor::encode_bytes(payload, &mut out);
    out
}

/// What SIGNATURE found: on a JWK path, which candidate key verified.
pub(crate) struct Signed {
    pub jwk_index: Option<usize>,
}

/// The `signature` object of a report: which engine ran the curve step.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct SignatureInfo {
    /// The engine whose verdict SIGNATURE reports (the last one that ran, for a rotated kid).
    pub engine: EngineName,
}

/// SIGNATURE: the ES256 signature over the Sig_structure, with the key of
/// the trusted signer (each candidate under a rotated kid). Protects the
/// content: any change to the payload or protected header breaks it. Leaves
/// which key verified, for REVOCATION.
pub(crate) fn check_signature(run: &mut Run<'_>) -> Outcome {
    let env = needs(run.envelope.as_ref(), "the envelope")?;
    let trusted = needs(run.trusted.as_ref(), "the trusted signer")?;
    let external_aad = run.opts.external_aad.as_slice();
    let tbs = sig_structure(env.protected_raw, external_aad, env.payload);
    let aad_note = if external_aad.is_empty() {
        Text::new(K::AadEmpty)
    } else {
        Text::new(K::AadApp).with("size", external_aad.len())
    };
    match trusted {
        Trusted::Jwk { kid, candidates } => {
            let mut last = SignatureError::Mismatch;
            for (i, c) in candidates.iter().enumerate() {
                let (verdict, engine) = verify_es256_on(run.engine, &c.key, &tbs, env.signature);
                run.signature = engine.map(|engine| SignatureInfo { engine }).or(run.signature);
                match verdict {
                    Ok(()) => {
                        let verified = if candidates.len() > 1 {
                            Text::new(K::SignatureOkJwkOf).with("index", i + 1).with("count", candidates.len())
                        } else {
                            Text::new(K::SignatureOkJwk)
                        };
                        run.signed = Some(Signed { jwk_index: Some(i) });
                        if let Some(info) = run.signer_info.as_mut() {
                            info.trust_list = run.trust.list_of(&c.origin);
                        }
                        return pass(verified.with("kid", describe_kid(kid)).part("aad", aad_note.clone()));
                    }
                    Err(e) => last = e,
                }
            }
            let who = Text::new(K::MismatchJwk).with("kid", describe_kid(kid));
            Err(signature_failure(last, who, aad_note))
        }
        Trusted::Chain(path) => {
            let Some(key) = path.signer_key() else {
                // SIGNER's profile rules admit only P-256 signer keys: fail closed if that ever breaks.
                return Err(Failure::new(Reason::Internal, Text::new(K::InternalNoP256)));
            };
            let who = path.signer().map(|c| c.label()).unwrap_or_default();
            let (verdict, engine) = verify_es256_on(run.engine, key, &tbs, env.signature);
            run.signature = engine.map(|engine| SignatureInfo { engine });
            if let Err(e) = verdict {
                let mismatch = Text::new(K::MismatchCert).with("cert", who);
                return Err(signature_failure(e, mismatch, aad_note));
            }
            run.signed = Some(Signed { jwk_index: None });
            pass(Text::new(K::SignatureOkCert).with("cert", who).part("aad", aad_note))
        }
    }
}

/// The failure for `e`: `mismatch` (the message naming the key) when the signature does not verify.
fn signature_failure(e: SignatureError, mismatch: Text, aad_note: Text) -> Failure {
    match e {
        SignatureError::Mismatch => Failure::new(Reason::Mismatch, mismatch.part("aad", aad_note)),
        SignatureError::Length(n) => {
            Failure::new(Reason::BadSignatureEncoding, Text::new(K::SignatureBadLength).with("size", n))
        }
        SignatureError::ROutOfRange => Failure::new(Reason::BadSignatureEncoding, Text::new(K::SignatureROutOfRange)),
        SignatureError::SOutOfRange => Failure::new(Reason::BadSignatureEncoding, Text::new(K::SignatureSOutOfRange)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engine::Answer;
    use test_support::pki::TestKey;

    /// A host engine that answers `answer` and counts its calls.
    struct Fake {
        answer: Answer,
        calls: std::cell::Cell<usize>,
    }

    impl Fake {
        fn new(answer: Answer) -> Self {
            Fake { answer, calls: std::cell::Cell::new(0) }
        }
    }

    impl CurveEngine for Fake {
        fn name(&self) -> EngineName {
            EngineName::Node
        }
        fn verify(&self, _: &VerifyingKey, _: &[u8], _: &[u8; 64]) -> Answer {
            self.calls.set(self.calls.get() + 1);
            self.answer
        }
    }

    #[test]
    fn a_host_engine_gives_the_curve_verdict_and_nothing_else() {
        let k = TestKey::new(9);
        let sig = k.sign(b"hello");
        // The host's verdict is the verdict (even a wrong one: this only shows which engine decides).
        assert_eq!(
            verify_es256_on(&Fake::new(Answer::Final(true)), &k.vk, b"other", &sig),
            (Ok(()), Some(EngineName::Node))
        );
        let no = Fake::new(Answer::Final(false));
        assert_eq!(
            verify_es256_on(&no, &k.vk, b"hello", &sig),
            (Err(SignatureError::Mismatch), Some(EngineName::Node))
        );
        // A host that cannot answer: the crate's p256 decides, and the report says so.
        let none = Fake::new(Answer::Unknown);
        assert_eq!(verify_es256_on(&none, &k.vk, b"hello", &sig), (Ok(()), Some(EngineName::Wasm)));
        assert_eq!(
            verify_es256_on(&none, &k.vk, b"hellO", &sig),
            (Err(SignatureError::Mismatch), Some(EngineName::Wasm))
        );
        // The encoding and range rules are decided before any engine runs.
        let yes = Fake::new(Answer::Final(true));
        let mut zero_r = sig.clone();
        zero_r[..32].fill(0);
        let mut s_is_n = sig.clone();
        s_is_n[32..].copy_from_slice(&ORDER_N);
        assert_eq!(verify_es256_on(&yes, &k.vk, b"hello", &zero_r), (Err(SignatureError::ROutOfRange), None));
        assert_eq!(verify_es256_on(&yes, &k.vk, b"hello", &s_is_n), (Err(SignatureError::SOutOfRange), None));
        assert_eq!(verify_es256_on(&yes, &k.vk, b"hello", &sig[..63]), (Err(SignatureError::Length(63)), None));
        assert_eq!(yes.calls.get(), 0);
    }

    #[test]
    fn valid_signature() {
        let k = TestKey::new(9);
        let sig = k.sign(b"hello");
        assert_eq!(verify_es256(&k.vk, b"hello", &sig), Ok(()));
        assert_eq!(verify_es256(&k.vk, b"hellO", &sig), Err(SignatureError::Mismatch));
        assert_eq!(verify_es256(&TestKey::new(10).vk, b"hello", &sig), Err(SignatureError::Mismatch));
    }

    #[test]
    fn high_s_is_accepted() {
        let k = TestKey::new(9);
        let sig = k.sign(b"msg");
        // s' = n - s is the other valid signature.
        let mut s = [0u8; 32];
        s.copy_from_slice(&sig[32..]);
        let mut neg = [0u8; 32];
        let mut borrow = 0i16;
        for i in (0..32).rev() {
            let d = i16::from(ORDER_N[i]) - i16::from(s[i]) - borrow;
            borrow = i16::from(d < 0);
            neg[i] = (d + if d < 0 { 256 } else { 0 }) as u8;
        }
        let mut other = sig[..32].to_vec();
        other.extend_from_slice(&neg);
        assert_ne!(other, sig);
        assert_eq!(verify_es256(&k.vk, b"msg", &other), Ok(()));
    }

    #[test]
    fn range_and_length() {
        let k = TestKey::new(9);
        let sig = k.sign(b"msg");
        let mut zero_r = sig.clone();
        zero_r[..32].fill(0);
        assert_eq!(verify_es256(&k.vk, b"msg", &zero_r), Err(SignatureError::ROutOfRange));
        let mut n_s = sig.clone();
        n_s[32..].copy_from_slice(&ORDER_N);
        assert_eq!(verify_es256(&k.vk, b"msg", &n_s), Err(SignatureError::SOutOfRange));
        let mut ff = sig.clone();
        ff[..32].fill(0xff);
        assert_eq!(verify_es256(&k.vk, b"msg", &ff), Err(SignatureError::ROutOfRange));
        let der = k.sign_der(b"msg");
        assert!(matches!(verify_es256(&k.vk, b"msg", &der), Err(SignatureError::Length(_))));
        assert_eq!(verify_es256(&k.vk, b"msg", &sig[..63]), Err(SignatureError::Length(63)));
    }

    #[test]
    fn sig_structure_bytes() {
        let s = sig_structure(&[0xa1, 0x01, 0x26], b"", &[0xa0]);
        assert_eq!(s, [&[0x84, 0x6a][..], b"Signature1", &[0x43, 0xa1, 0x01, 0x26, 0x40, 0x41, 0xa0]].concat());
    }
}
