//! FRESHNESS and NONCE (docs/spec/dump-format.md §5).

use super::pipeline::{needs, pass, Failure, Outcome, Run, Verdict};
use super::report::Reason;
use crate::core::date::rfc3339;

/// FRESHNESS: readAt ≤ at + skew (protects against a reader clock set
/// forward to pre-produce dumps), and at − readAt ≤ maxAge unless disabled
/// (protects against replaying an old dump).
pub(crate) fn check_freshness(run: &mut Run<'_>) -> Outcome {
    let read_at = needs(run.payload.as_ref(), "the payload")?.read_at;
    let opts = run.opts;
    let at = i128::from(opts.at_unix);
    let read = i128::from(read_at);
    let skew = i128::from(opts.clock_skew_seconds);
    if read > at + skew {
        return Err(Failure::new(
            Reason::InFuture,
            format!(
                "readAt {} is {} s after the verification time {} (allowed clock skew {} s)",
                rfc3339(read_at),
                read - at,
                rfc3339(opts.at_unix),
                opts.clock_skew_seconds
            ),
        ));
    }
    let age = at - read;
    match opts.max_age_seconds {
        Some(max) if age > i128::from(max) => Err(Failure::new(
            Reason::TooOld,
            format!(
                "readAt {} is {} s before the verification time {}, more than the maximum age of {} s",
                rfc3339(read_at),
                age,
                rfc3339(opts.at_unix),
                max
            ),
        )),
        Some(max) => pass(format!(
            "readAt {} is {} (maximum age {} s, clock skew {} s)",
            rfc3339(read_at),
            describe_age(age),
            max,
            opts.clock_skew_seconds
        )),
        None => {
            pass(format!("readAt {} is {}; maximum age disabled (archived dump)", rfc3339(read_at), describe_age(age)))
        }
    }
}

fn describe_age(age: i128) -> String {
    if age >= 0 {
        format!("{age} s before the verification time")
    } else {
        format!("{} s after the verification time, within the clock skew", -age)
    }
}

/// NONCE: exact byte equality with the challenge the app issued
/// (protects against replaying a dump made for another session). Skipped when the app expects none.
pub(crate) fn check_nonce(run: &mut Run<'_>) -> Outcome {
    let got = needs(run.payload.as_ref(), "the payload")?.nonce;
    let Some(expected) = run.opts.expected_nonce.as_deref() else {
        return Ok(Verdict::Skipped("skipped: the app did not ask for a nonce".to_owned()));
    };
    match got {
        None => Err(Failure::new(
            Reason::Missing,
            format!("the app expects a {}-byte nonce, but the payload carries none", expected.len()),
        )),
        Some(n) if n == expected => pass(format!("the payload carries the expected {}-byte nonce", n.len())),
        Some(n) => Err(Failure::new(
            Reason::Mismatch,
            format!(
                "the payload nonce ({} bytes, {}…) differs from the expected nonce ({} bytes, {}…)",
                n.len(),
                crate::core::hex::lower(n.get(..n.len().min(8)).unwrap_or(&[])),
                expected.len(),
                crate::core::hex::lower(expected.get(..expected.len().min(8)).unwrap_or(&[]))
            ),
        )),
    }
}
