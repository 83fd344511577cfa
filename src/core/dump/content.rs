//! FRESHNESS and NONCE (docs/spec/dump-format.md §5).

use super::pipeline::{needs, pass, Failure, Outcome, Run, Verdict};
use super::report::Reason;
use crate::core::date::rfc3339;
use crate::core::i18n::{DumpKey as K, Text};

/// FRESHNESS: readAt ≤ at + skew (protects against a reader clock set
/// forward to pre-produce dumps), and at − readAt ≤ maxAge unless disabled
/// (protects against replaying an old dump).
pub(crate) fn check_freshness(run: &mut Run<'_>) -> Outcome {
    let read_at = needs(run.payload.as_ref(), "the payload")?.read_at;
    let opts = run.opts;
    let at = i128::from(opts.at_unix);
    let read = i128::from(read_at);
    let skew = i128::from(opts.clock_skew_seconds);
    let times = |key| Text::new(key).with("readAt", rfc3339(read_at)).with("at", rfc3339(opts.at_unix));
    if read > at + skew {
        return Err(Failure::new(
            Reason::InFuture,
            times(K::InFuture).seconds("ahead", read - at).seconds("skew", skew),
        ));
    }
    let age = at - read;
    match opts.max_age_seconds {
        Some(max) if age > i128::from(max) => {
            Err(Failure::new(Reason::TooOld, times(K::TooOld).seconds("age", age).seconds("maxAge", max)))
        }
        Some(max) => pass(times(K::Fresh).part("age", describe_age(age)).seconds("maxAge", max).seconds("skew", skew)),
        None => pass(times(K::FreshArchived).part("age", describe_age(age))),
    }
}

/// How far readAt is from the verification time, in words.
fn describe_age(age: i128) -> Text {
    if age >= 0 {
        Text::new(K::AgeBefore).seconds("age", age)
    } else {
        Text::new(K::AgeAfter).seconds("age", -age)
    }
}

/// NONCE: exact byte equality with the challenge the app issued
/// (protects against replaying a dump made for another session). Skipped when the app expects none.
pub(crate) fn check_nonce(run: &mut Run<'_>) -> Outcome {
    let got = needs(run.payload.as_ref(), "the payload")?.nonce;
    let Some(expected) = run.opts.expected_nonce.as_deref() else {
        return Ok(Verdict::Skipped(Text::new(K::NonceNotAsked)));
    };
    let start = |n: &[u8]| crate::core::hex::lower(n.get(..n.len().min(8)).unwrap_or(&[]));
    match got {
        None => Err(Failure::new(Reason::Missing, Text::new(K::NonceMissing).with("size", expected.len()))),
        Some(n) if n == expected => pass(Text::new(K::NonceOk).with("size", n.len())),
        Some(n) => Err(Failure::new(
            Reason::Mismatch,
            Text::new(K::NonceMismatch)
                .with("size", n.len())
                .with("start", start(n))
                .with("expectedSize", expected.len())
                .with("expectedStart", start(expected)),
        )),
    }
}
