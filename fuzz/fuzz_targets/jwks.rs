//! JWK sets and the JSON reader under them: `TrustStore::add_jwks_json` and
//! `cnid_verify::core::json::parse` on arbitrary text (UTF-8, or the input decoded lossily).
//!
//! Invariants:
//! * JSON: a parsed value prints (`Display`) as JSON text that parses back to the same value;
//!   serde_json accepts every document the reader accepts (numbers out of f64 range aside),
//!   and the reader accepts every document serde_json accepts that nests at most
//!   `json::MAX_DEPTH` deep (the two agree on the nesting when no member is repeated);
//! * JWKS: `added` keys are exactly the growth of `key_count`; adding the same set again adds
//!   nothing (identical keys are kept once) and gives the same verdict; a warning has a code.
#![no_main]

use cnid_verify::core::json::{self, Json};
use cnid_verify::core::trust::TrustStore;
use libfuzzer_sys::fuzz_target;

fn depth(v: &Json) -> usize {
    match v {
        Json::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        Json::Object(members) => 1 + members.iter().map(|(_, v)| depth(v)).max().unwrap_or(0),
        _ => 0,
    }
}

fn serde_depth(v: &serde_json::Value) -> usize {
    match v {
        serde_json::Value::Array(items) => 1 + items.iter().map(serde_depth).max().unwrap_or(0),
        serde_json::Value::Object(members) => 1 + members.values().map(serde_depth).max().unwrap_or(0),
        _ => 0,
    }
}

/// Deepest bracket nesting of a JSON text, counted on the text (serde_json's value may have
/// dropped a deep repeated member).
fn text_depth(text: &str) -> usize {
    let (mut depth, mut max, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for b in text.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// serde_json rejects numbers outside f64's range ("number out of range"); the reader keeps
/// numbers as text and accepts them.
fn out_of_range(e: &serde_json::Error) -> bool {
    e.to_string().contains("number out of range")
}

/// Repeated member names anywhere (the reader keeps them; serde_json keeps the last).
fn has_repeated_member(v: &Json) -> bool {
    match v {
        Json::Array(items) => items.iter().any(has_repeated_member),
        Json::Object(members) => {
            let mut names: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
            names.sort_unstable();
            names.windows(2).any(|w| w[0] == w[1]) || members.iter().any(|(_, v)| has_repeated_member(v))
        }
        _ => false,
    }
}

fn json_checks(text: &str) {
    let ours = json::parse(text);
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    match &ours {
        Ok(v) => {
            let printed = v.to_string();
            let back = json::parse(&printed).unwrap_or_else(|e| panic!("printed JSON {printed:?} does not parse: {e}"));
            assert_eq!(&back, v, "Display round trip changed the value");
            assert!(depth(v) <= json::MAX_DEPTH);
            if let Err(e) = &theirs {
                assert!(out_of_range(e), "reader accepts {text:?}, serde_json does not: {e}");
            }
        }
        Err(e) => {
            assert!(e.offset <= text.len(), "error offset {} past the end", e.offset);
            if theirs.is_ok() {
                // Only nesting deeper than MAX_DEPTH may make the reader refuse a document that
                // serde_json accepts.
                assert!(text_depth(text) > json::MAX_DEPTH, "serde_json accepts {text:?}, the reader does not: {e}");
            }
        }
    }
    if let (Ok(v), Ok(sv)) = (&ours, &theirs) {
        if !has_repeated_member(v) {
            assert_eq!(depth(v), serde_depth(sv));
        }
    }
}

fn jwks_checks(text: &str) {
    let mut store = TrustStore::new();
    let first = store.add_jwks_json(text);
    let after_first = store.key_count();
    match &first {
        Ok(outcome) => {
            assert_eq!(outcome.added, after_first, "added != key_count of a fresh store");
            for locale in cnid_verify::core::i18n::Locale::ALL {
                assert!(outcome.warnings.iter().all(|w| !w.code.as_str().is_empty() && !w.message(locale).is_empty()));
            }
            assert!(json::parse(text).is_ok(), "a JWK set that is not JSON was accepted");
        }
        Err(e) => {
            assert_eq!(after_first, 0, "a rejected JWK set added keys");
            assert!(
                matches!(e.code.as_str(), "INVALID_JWKS" | "INVALID_KID" | "TOO_LARGE"),
                "undocumented error code {:?}",
                e.code
            );
        }
    }
    let second = store.add_jwks_json(text);
    match (&first, &second) {
        (Ok(_), Ok(o)) => assert_eq!(o.added, 0, "re-adding the same JWK set added {} keys", o.added),
        (Err(a), Err(b)) => assert_eq!(a.code, b.code),
        (a, b) => panic!("adding the same JWK set twice: {a:?} then {b:?}"),
    }
    assert_eq!(store.key_count(), after_first);
    let kids = store.kids();
    assert!(kids.len() <= after_first);
    assert!(kids.iter().all(|k| !k.is_empty()));
}

fn run(text: &str) {
    json_checks(text);
    jwks_checks(text);
}

fuzz_target!(|data: &[u8]| {
    match std::str::from_utf8(data) {
        Ok(s) => run(s),
        Err(_) => run(&String::from_utf8_lossy(data)),
    }
});
