//! Trust lists made by an independent producer (tools/interop/make_trust_lists.py: Python cbor2 +
//! cryptography, written from docs/spec/trust-list.md alone), run through the verifier as
//! `lists.json` says: every case starts from a fresh store; each list is accepted or rejected with
//! the spec's code; then the interop dump `py-y-kid.cose` gets the verdict the case expects.
//! The committed copy is `tests/fixtures/interop/`; `CNID_INTEROP_DIR` points at a fresh run.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

use cnid_verify::core::dump::trust_list::{add_trust_list, verify_trust_list};
use cnid_verify::core::dump::{verify_dump, BuiltIn, CheckStatus, VerifyOptions};
use cnid_verify::core::trust::TrustStore;
use serde_json::Value;

fn committed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures").join("interop")
}

fn read(path: &Path) -> Vec<u8> {
    fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Runs every case of `dir/lists.json`; returns how many ran and what did not match.
fn run(dir: &Path) -> (usize, Vec<String>) {
    let manifest: Value = serde_json::from_slice(&read(&dir.join("lists.json"))).expect("lists.json is JSON");
    let dumps: Value = serde_json::from_slice(&read(&dir.join("manifest.json"))).expect("manifest.json is JSON");
    let at = manifest["at"].as_i64().expect("at");
    let signers_text =
        String::from_utf8(read(&dir.join(manifest["signers"].as_str().expect("signers")))).expect("UTF-8");
    let dump_file = manifest["dumpFile"].as_str().expect("dumpFile");
    let dump = read(&dir.join(dump_file));
    let dump_entry = dumps
        .as_array()
        .and_then(|a| a.iter().find(|e| e["file"] == dump_file))
        .unwrap_or_else(|| panic!("{dump_file} is not in manifest.json"));
    let dump_opts = VerifyOptions {
        max_age_seconds: dump_entry["options"]["maxAgeSeconds"].as_u64(),
        ..VerifyOptions::at(dump_entry["options"]["at"].as_i64().expect("dump at"))
    };
    let cases = manifest["cases"].as_array().expect("cases");
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().unwrap_or("?");
        let mut signers = TrustStore::new();
        signers.add_jwks_json(&signers_text).expect("list signers");
        let mut store = TrustStore::new();
        for step in case["steps"].as_array().expect("steps") {
            let (file, want) = (step[0].as_str().expect("file"), step[1].as_str().expect("verdict"));
            let got = verify_trust_list(&read(&dir.join(file)), &signers, at, &BuiltIn)
                .and_then(|list| add_trust_list(&mut store, &list, None))
                .map_or_else(|e| e.code.as_str().to_owned(), |_| "accepted".to_owned());
            if got != want {
                failures.push(format!("{name}: {file}: {got}, expected {want}"));
            }
        }
        let report = verify_dump(&dump, &store, &dump_opts);
        let got = if report.ok {
            "ok".to_owned()
        } else {
            report
                .checks
                .iter()
                .find(|c| c.status == CheckStatus::Failed)
                .map_or("?".into(), |c| c.id.as_str().to_owned())
        };
        if got != case["dump"].as_str().unwrap_or("?") {
            failures.push(format!("{name}: the dump is {got}, expected {}", case["dump"]));
        }
        if let Some(want) = case["trustList"].as_array() {
            let from = report.signer.as_ref().and_then(|s| s.trust_list.clone()).map(|l| (l.id, l.sequence));
            if from != Some((want[0].as_str().unwrap_or("").to_owned(), want[1].as_u64().unwrap_or(0))) {
                failures.push(format!("{name}: the dump's signer came from {from:?}, expected {want:?}"));
            }
        }
    }
    (cases.len(), failures)
}

#[test]
fn committed_interop_lists_match_their_manifest() {
    let (n, failures) = run(&committed());
    assert!(n >= 8, "expected the interop list cases, found {n}");
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn fresh_interop_lists_match_their_manifest() {
    let Some(dir) = std::env::var_os("CNID_INTEROP_DIR") else {
        eprintln!("CNID_INTEROP_DIR unset: only the committed interop lists were checked");
        return;
    };
    let (n, failures) = run(&PathBuf::from(dir));
    assert!(n >= 8, "expected the interop list cases, found {n}");
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
    eprintln!("{n} fresh interop trust-list cases as expected");
}
