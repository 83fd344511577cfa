//! fixture-gen: deterministic test material for cnid-verify.
//!
//! ```text
//! cargo run -p fixture-gen --release -- --out tests/fixtures            # (re)generate everything
//! cargo run -p fixture-gen --release -- --selfcheck --out tests/fixtures   # re-verify what is on disk
//! ```
//!
//! Nothing here is random: keys come from fixed seeds, ECDSA is RFC 6979, certificate serials and
//! dates are fixed. Two runs produce byte-identical files.

mod cases;
mod chip;
mod keys;
mod pki;
mod selfcheck;

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use cases::{all_cases, reader_key, Case, Ctx, READERS};
use keys::filler;
use pki::{CertSpec, Kind};
use test_support::pki::b64url;

/// Unix seconds at 00:00:00Z of a civil date (proleptic Gregorian).
pub fn ymd(y: i64, m: i64, d: i64) -> u64 {
    test_support::time::unix_from_ymd(y, m, d) as u64
}

macro_rules! dn {
    ($cn:expr) => {
        concat!("CN=", $cn, ",O=cnid-verify TEST fixtures (not for production),C=CN")
    };
}

pub fn cert_specs() -> Vec<CertSpec> {
    let ca_from = ymd(2025, 1, 1);
    let ca_to = ymd(2035, 1, 1);
    let ee_from = ymd(2026, 1, 1);
    let ee_to = ymd(2028, 1, 1);
    vec![
        CertSpec {
            file: "test-root.pem",
            seed: "cnid-verify test root",
            subject: dn!("cnid-verify TEST Root CA (not for production)"),
            issuer: None,
            serial: &[0x01],
            not_before: ca_from,
            not_after: ca_to,
            kind: Kind::Ca(None),
            purpose: "trust anchor (self-signed, cA=TRUE, keyCertSign)",
        },
        CertSpec {
            file: "test-intermediate.pem",
            seed: "cnid-verify test intermediate",
            subject: dn!("cnid-verify TEST Reader CA (not for production)"),
            issuer: Some("test-root.pem"),
            serial: &[0x02],
            not_before: ca_from,
            not_after: ca_to,
            kind: Kind::Ca(Some(0)),
            purpose: "intermediate CA, cA=TRUE pathLen 0, issued by the root",
        },
        CertSpec {
            file: "test-signer.pem",
            seed: "cnid-verify test signer",
            subject: dn!("cnid-verify TEST Reader 0001 (not for production)"),
            issuer: Some("test-intermediate.pem"),
            serial: &[0x10, 0x01],
            not_before: ee_from,
            not_after: ee_to,
            kind: Kind::Signer,
            purpose: "reader signer (digitalSignature, cA=FALSE) under the intermediate",
        },
        CertSpec {
            file: "test-signer-direct.pem",
            seed: "cnid-verify test signer direct",
            subject: dn!("cnid-verify TEST Reader 0002 direct (not for production)"),
            issuer: Some("test-root.pem"),
            serial: &[0x10, 0x02],
            not_before: ee_from,
            not_after: ee_to,
            kind: Kind::Signer,
            purpose: "reader signer issued directly by the root",
        },
        CertSpec {
            file: "test-signer-revoked.pem",
            seed: "cnid-verify test signer revoked",
            subject: dn!("cnid-verify TEST Reader 0003 revoked (not for production)"),
            issuer: Some("test-intermediate.pem"),
            serial: &[0x8b, 0xad, 0xf0, 0x0d],
            not_before: ee_from,
            not_after: ee_to,
            kind: Kind::Signer,
            purpose: "reader signer with serial 8badf00d (DER 00 8b ad f0 0d), revoked in the revocation cases",
        },
        CertSpec {
            file: "test-signer-expired.pem",
            seed: "cnid-verify test signer expired",
            subject: dn!("cnid-verify TEST Reader 0004 expired (not for production)"),
            issuer: Some("test-intermediate.pem"),
            serial: &[0x10, 0x04],
            not_before: ymd(2024, 1, 1),
            not_after: ymd(2026, 1, 1),
            kind: Kind::Signer,
            purpose: "reader signer valid 2024-01-01..2026-01-01 (expired at readAt)",
        },
        CertSpec {
            file: "test-signer-not-yet-valid.pem",
            seed: "cnid-verify test signer not yet valid",
            subject: dn!("cnid-verify TEST Reader 0005 future (not for production)"),
            issuer: Some("test-intermediate.pem"),
            serial: &[0x10, 0x05],
            not_before: ymd(2026, 7, 1),
            not_after: ymd(2028, 7, 1),
            kind: Kind::Signer,
            purpose: "reader signer valid 2026-07-01..2028-07-01 (not yet valid at readAt)",
        },
        CertSpec {
            file: "test-signer-expiring.pem",
            seed: "cnid-verify test signer expiring",
            subject: dn!("cnid-verify TEST Reader 0006 expiring (not for production)"),
            issuer: Some("test-intermediate.pem"),
            serial: &[0x10, 0x06],
            not_before: ee_from,
            not_after: cases::READ_AT + 30,
            kind: Kind::Signer,
            purpose: "reader signer whose notAfter is readAt + 30 s (2026-06-01T00:00:30Z)",
        },
        CertSpec {
            file: "test-signer-no-keyusage.pem",
            seed: "cnid-verify test signer no keyusage",
            subject: dn!("cnid-verify TEST Reader 0007 no keyUsage (not for production)"),
            issuer: Some("test-intermediate.pem"),
            serial: &[0x10, 0x07],
            not_before: ee_from,
            not_after: ee_to,
            kind: Kind::SignerNoKeyUsage,
            purpose: "reader signer without a keyUsage extension (acceptable)",
        },
        CertSpec {
            file: "test-signer-wrong-keyusage.pem",
            seed: "cnid-verify test signer wrong keyusage",
            subject: dn!("cnid-verify TEST Reader 0008 keyAgreement (not for production)"),
            issuer: Some("test-intermediate.pem"),
            serial: &[0x10, 0x08],
            not_before: ee_from,
            not_after: ee_to,
            kind: Kind::SignerWrongKeyUsage,
            purpose: "reader signer whose keyUsage is keyAgreement only (no digitalSignature)",
        },
        CertSpec {
            file: "test-bad-ca-intermediate.pem",
            seed: "cnid-verify test bad ca intermediate",
            subject: dn!("cnid-verify TEST Bad CA without basicConstraints (not for production)"),
            issuer: Some("test-root.pem"),
            serial: &[0x03],
            not_before: ca_from,
            not_after: ca_to,
            kind: Kind::CaWithoutBasicConstraints,
            purpose: "\"CA\" with keyCertSign but no basicConstraints (not a CA)",
        },
        CertSpec {
            file: "test-bad-ca-signer.pem",
            seed: "cnid-verify test bad ca signer",
            subject: dn!("cnid-verify TEST Reader under Bad CA (not for production)"),
            issuer: Some("test-bad-ca-intermediate.pem"),
            serial: &[0x10, 0x09],
            not_before: ee_from,
            not_after: ee_to,
            kind: Kind::Signer,
            purpose: "reader signer issued by test-bad-ca-intermediate",
        },
        CertSpec {
            file: "test-bad-ca-false-intermediate.pem",
            seed: "cnid-verify test bad ca false intermediate",
            subject: dn!("cnid-verify TEST Bad CA with cA FALSE (not for production)"),
            issuer: Some("test-root.pem"),
            serial: &[0x04],
            not_before: ca_from,
            not_after: ca_to,
            kind: Kind::CaWithCaFalse,
            purpose: "\"CA\" with keyCertSign but basicConstraints cA=FALSE",
        },
        CertSpec {
            file: "test-bad-ca-false-signer.pem",
            seed: "cnid-verify test bad ca false signer",
            subject: dn!("cnid-verify TEST Reader under cA FALSE CA (not for production)"),
            issuer: Some("test-bad-ca-false-intermediate.pem"),
            serial: &[0x10, 0x0a],
            not_before: ee_from,
            not_after: ee_to,
            kind: Kind::Signer,
            purpose: "reader signer issued by test-bad-ca-false-intermediate",
        },
        CertSpec {
            file: "test-sub-intermediate.pem",
            seed: "cnid-verify test sub intermediate",
            subject: dn!("cnid-verify TEST Sub CA below pathLen 0 (not for production)"),
            issuer: Some("test-intermediate.pem"),
            serial: &[0x05],
            not_before: ca_from,
            not_after: ca_to,
            kind: Kind::Ca(None),
            purpose: "cA=TRUE CA issued by the pathLen-0 intermediate (violates pathLen)",
        },
        CertSpec {
            file: "test-sub-signer.pem",
            seed: "cnid-verify test sub signer",
            subject: dn!("cnid-verify TEST Reader under Sub CA (not for production)"),
            issuer: Some("test-sub-intermediate.pem"),
            serial: &[0x10, 0x0b],
            not_before: ee_from,
            not_after: ee_to,
            kind: Kind::Signer,
            purpose: "reader signer issued by test-sub-intermediate",
        },
        CertSpec {
            file: "test-other-root.pem",
            seed: "cnid-verify test other root",
            subject: dn!("cnid-verify TEST Other Root CA (not for production)"),
            issuer: None,
            serial: &[0x0a],
            not_before: ca_from,
            not_after: ca_to,
            kind: Kind::Ca(None),
            purpose: "an unrelated self-signed root (rotation / untrusted-anchor cases)",
        },
    ]
}

fn jwks() -> Value {
    let mut keys = Vec::new();
    for (kid, seed) in READERS {
        let k = reader_key(seed);
        let (x, y) = k.xy();
        keys.push(json!({"kty": "EC", "crv": "P-256", "x": b64url(&x), "y": b64url(&y), "kid": kid, "use": "sig", "alg": "ES256"}));
    }
    // A non-EC key that verifiers must skip with a warning (shape of an Ed25519 OKP key; the bytes are
    // a fixed filler, not anybody's key).
    keys.push(json!({"kty": "OKP", "crv": "Ed25519", "x": b64url(&filler("cnid-verify OKP stub", 32)), "kid": "test-okp-stub", "use": "sig"}));
    json!({ "keys": keys })
}

fn write(path: &Path, data: &[u8]) {
    fs::write(path, data).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

fn json_bytes(v: &Value) -> Vec<u8> {
    let mut s = serde_json::to_string_pretty(v).unwrap();
    s.push('\n');
    s.into_bytes()
}

/// Remove files with the given extension that this program owns, so renamed cases leave nothing stale.
fn clean(dir: &Path, ext: &str) {
    if let Ok(rd) = fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().and_then(|x| x.to_str()) == Some(ext) {
                fs::remove_file(&p).unwrap();
            }
        }
    }
}

fn generate(out: &Path) {
    let trust = out.join("trust");
    let dumps = out.join("dumps");
    let chipd = out.join("chip");
    for d in [&trust, &dumps, &chipd] {
        fs::create_dir_all(d).unwrap();
    }
    clean(&trust, "pem");
    clean(&dumps, "cose");
    clean(&chipd, "bin");

    // --- PKI
    let specs = cert_specs();
    let certs = pki::build_all(&specs);
    for c in &certs {
        write(&trust.join(c.file), test_support::pki::pem(&c.der).as_bytes());
    }
    write(&trust.join("test-jwks.json"), &json_bytes(&jwks()));
    // One revocation list in the `cnid-verify dump --revoked` format (it replaces the old
    // revoked-kids.txt and revoked-serials.txt, removed so that a regenerated tree matches).
    for old in ["revoked-kids.txt", "revoked-serials.txt"] {
        let _ = fs::remove_file(trust.join(old));
    }
    let revoked_serial = certs.iter().find(|c| c.file == "test-signer-revoked.pem").unwrap();
    write(
        &trust.join("revoked.txt"),
        format!(
            "# cnid-verify dump --revoked list: the revoked-kid and revoked-serial cases (dumps/manifest.json lists each case's own entries).\n\
             # One entry per line: kid:<kid>, serial:<hex>, serial:<issuer-file>:<hex>, cert:<file>; file names are relative to this file's directory.\n\
             kid:test-reader-revoked\n\
             serial:test-intermediate.pem:{}\n",
            keys::hex(&revoked_serial.serial)
        )
        .as_bytes(),
    );
    let mut tr = String::new();
    tr.push_str("# Test trust material (generated by tools/fixture-gen; TEST ONLY, never trust in production)\n\n");
    tr.push_str("All keys are P-256, derived deterministically from fixed seeds inside `tools/fixture-gen`; no private key is stored here. Signatures are ecdsa-with-SHA256 (RFC 6979).\n\n");
    tr.push_str("| file | serial (hex) | issuer | valid (UTC) | purpose |\n|---|---|---|---|---|\n");
    for c in &certs {
        let _ = writeln!(
            tr,
            "| `{}` | `{}` | {} | {} .. {} | {} |",
            c.file,
            keys::hex(&c.serial),
            c.issuer_file.map(|f| format!("`{f}`")).unwrap_or_else(|| "self".into()),
            iso_time(c.not_before),
            iso_time(c.not_after),
            c.purpose
        );
    }
    tr.push_str("\n`test-jwks.json`: EC P-256 keys `test-reader-1`, `test-reader-2`, `test-reader-revoked`, plus one `kty: OKP` stub (`test-okp-stub`) that verifiers must skip with a warning.\n\n");
    tr.push_str("`revoked.txt`: a revocation list in the `cnid-verify dump --revoked` format, one entry per line: `kid:<kid>`, `serial:<hex>` (that serial under any issuer), `serial:<issuer-file>:<hex>`, `cert:<file>` (the certificate's issuer and serial, and its key), or a bare kid (also a serial under any issuer when it is hex); `#` comments and blank lines are ignored, and file names are relative to the list's own directory. It revokes the kid `test-reader-revoked` and serial `8badf00d` under `test-intermediate.pem`. The manifest of each dump case lists its own revocation data, which is authoritative.\n");
    write(&trust.join("README.md"), tr.as_bytes());

    // --- chip blocks
    let mut chip_manifest = Vec::new();
    for (id, card) in chip::samples() {
        let file = format!("{id}.bin");
        write(&chipd.join(&file), &card.text_block());
        chip_manifest.push(json!({"file": file, "layout": card.layout.id(), "expected": card.expected()}));
    }
    write(&chipd.join("manifest.json"), &json_bytes(&Value::Array(chip_manifest)));

    // --- dumps
    let ctx = Ctx { certs: &certs };
    let cases = all_cases(&ctx);
    let mut names = std::collections::BTreeSet::new();
    for c in &cases {
        assert!(names.insert(c.file.clone()), "duplicate case file {}", c.file);
        write(&dumps.join(&c.file), &c.bytes);
    }
    let manifest: Vec<Value> = cases.iter().map(Case::manifest_entry).collect();
    write(&dumps.join("manifest.json"), &json_bytes(&Value::Array(manifest)));
    write(&dumps.join("README.md"), readme(&cases).as_bytes());
    println!(
        "wrote {} certificates, {} chip blocks, {} dumps ({} accepted, {} rejected) to {}",
        certs.len(),
        chip::samples().len(),
        cases.len(),
        cases.iter().filter(|c| c.accepted()).count(),
        cases.iter().filter(|c| !c.accepted()).count(),
        out.display()
    );
}

fn iso_time(secs: u64) -> String {
    let c = test_support::time::civil_from_unix(secs as i64);
    let (y, m, d) = (c.year, c.month, c.day);
    if (c.hour, c.minute, c.second) == (0, 0, 0) {
        format!("{y:04}-{m:02}-{d:02}")
    } else {
        format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", c.hour, c.minute, c.second)
    }
}

fn readme(cases: &[Case]) -> String {
    let mut s = String::new();
    s.push_str("# Signed chip dump fixtures\n\n");
    s.push_str("Generated by `cargo run -p fixture-gen --release -- --out tests/fixtures` (deterministic: running it again gives byte-identical files). Do not edit by hand. `--selfcheck` re-verifies every file against `manifest.json` with an independent mini-verifier.\n\n");
    s.push_str("Conventions used by every case unless its manifest entry says otherwise:\n\n");
    let _ = writeln!(s, "* `readAt` = {} ({}, i.e. 08:00 China Standard Time); verification time `at` = readAt + 60 s; `maxAgeSeconds` = 600 (`null` means the maximum-age check is disabled, as for an archived dump); allowed clock skew 300 s (not configurable in the manifest); no expected nonce; empty external AAD.", cases::READ_AT, iso_time(cases::READ_AT));
    s.push_str("* Trust store: `trust/test-jwks.json` and the anchor `trust/test-root.pem`; no revocations. `test-jwks.json` contains a non-EC (`OKP`) stub, so every case also gets a trust-store warning for the skipped key; `warnings` in the manifest lists exactly the dump-specific warnings (trust-store warnings excluded).\n");
    s.push_str("* Reader keys for kid cases: `test-reader-1` (default), `test-reader-2`, `test-reader-revoked`; x5chain signers are the certificates in `trust/` (see `trust/README.md`).\n");
    s.push_str("* Dumps are tagged (tag 18) with the kid in the unprotected header and protected header `{1: -7}` unless stated.\n");
    s.push_str("* `checks` in each manifest entry gives the expected state (`passed`/`failed`/`skipped`) of every check under the skip policy: ENVELOPE failure skips everything; PAYLOAD failure skips FRESHNESS, NONCE and CARD_*; ALGORITHM failure skips SIGNATURE; SIGNER failure skips REVOCATION and SIGNATURE; CARD_LAYOUT failure skips the other CARD_* checks; CARD_NUMBER failure skips CARD_CONSISTENCY; NONCE is skipped when no nonce is expected.\n");
    s.push_str("* Layout ids: `fpr2023` (marker `Y`), `fpr2017` (`I`), `hmt` (HK/Macao/Taiwan permit, `J`), `mainland` (space).\n");
    s.push_str("* Warning ids used (docs/spec/dump-format.md names none; these follow `src/core/dump`): `UNKNOWN_PAYLOAD_KEY` (payload key > 7), `UNEXPECTED_FINGERPRINT` (fingerprint block on a card type without fingerprints), `KID_IGNORED` (kid next to x5chain). The OKP stub in `test-jwks.json` gives a trust-store warning (`UNSUPPORTED_KEY_TYPE` in `src/core/trust`) that is not listed per case.\n\n");
    s.push_str("| file | expected | failing check | what it exercises |\n|---|---|---|---|\n");
    for c in cases {
        let mut what = c.description.replace('|', "\\|");
        let mut extra = Vec::new();
        if c.at != c.read_at.unwrap_or(cases::READ_AT) + 60 {
            extra.push(format!("at = {}", c.at));
        }
        if let Some(read_at) = c.read_at.filter(|&t| t != cases::READ_AT) {
            extra.push(format!("readAt = {read_at}"));
        }
        if c.max_age != Some(cases::MAX_AGE) {
            extra.push("maxAge disabled".into());
        }
        if !c.warnings.is_empty() {
            extra.push(format!("warning {}", c.warnings.join(", ")));
        }
        if !extra.is_empty() {
            what.push_str(&format!(" ({})", extra.join("; ")));
        }
        let _ = writeln!(
            s,
            "| `{}` | {} | {} | {} |",
            c.file,
            if c.accepted() { "accepted" } else { "rejected" },
            if c.failed.is_empty() { "–".to_string() } else { c.failed.join(", ") },
            what
        );
    }
    s
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut out: Option<PathBuf> = None;
    let mut selfcheck_mode = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--out" => out = Some(PathBuf::from(it.next().expect("--out DIR"))),
            "--selfcheck" => selfcheck_mode = true,
            "--selfcheck-interop" => {
                let dir = PathBuf::from(it.next().expect("--selfcheck-interop DIR"));
                let (passed, failed) = selfcheck::run_manifest(&dir, &dir);
                println!("selfcheck-interop: {passed} passed, {failed} failed");
                std::process::exit(if failed > 0 { 1 } else { 0 });
            }
            "-h" | "--help" => {
                println!("usage: fixture-gen --out DIR [--selfcheck] | --selfcheck-interop DIR\n  --out DIR                  write fixtures (trust/, chip/, dumps/) under DIR\n  --selfcheck                do not write; re-verify the fixtures already in DIR\n  --selfcheck-interop DIR    re-verify a flat directory made by tools/interop/make_dumps.py");
                return;
            }
            other => {
                eprintln!("unknown argument {other}");
                std::process::exit(2);
            }
        }
    }
    let out = out.unwrap_or_else(|| PathBuf::from("tests/fixtures"));
    if selfcheck_mode {
        let (passed, failed) = selfcheck::run(&out);
        println!("selfcheck: {passed} passed, {failed} failed");
        if failed > 0 {
            std::process::exit(1);
        }
    } else {
        generate(&out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sha_dir(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut v = Vec::new();
        for sub in ["trust", "dumps", "chip"] {
            let mut files: Vec<_> = fs::read_dir(dir.join(sub)).unwrap().flatten().map(|e| e.path()).collect();
            files.sort();
            for f in files {
                v.push((f.strip_prefix(dir).unwrap().display().to_string(), fs::read(&f).unwrap()));
            }
        }
        v
    }

    #[test]
    fn ymd_matches_known_dates() {
        assert_eq!(ymd(2026, 6, 1), cases::READ_AT);
        assert_eq!(ymd(1970, 1, 1), 0);
        assert_eq!(ymd(2029, 1, 1), 1_861_920_000);
        assert_eq!(iso_time(cases::READ_AT), "2026-06-01");
    }

    #[test]
    fn generation_is_deterministic_and_selfcheck_passes() {
        let base = std::env::temp_dir().join(format!("fixture-gen-test-{}", std::process::id()));
        let a = base.join("a");
        let b = base.join("b");
        generate(&a);
        generate(&b);
        let fa = sha_dir(&a);
        let fb = sha_dir(&b);
        assert_eq!(fa.len(), fb.len());
        for ((na, da), (nb, db)) in fa.iter().zip(fb.iter()) {
            assert_eq!(na, nb);
            assert!(da == db, "{na} differs between two runs");
        }
        let (_, failed) = selfcheck::run(&a);
        assert_eq!(failed, 0);
        let _ = fs::remove_dir_all(&base);
    }
}
