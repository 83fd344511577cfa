//! The signed-dump fixtures: COSE_Sign1 / ES256 per docs/spec/dump-format.md, one `Case` per
//! file, with the trust store, options and verdict the verifier must reach.

use serde_json::{json, Value};
use test_support::cbor::{bstr, enc, int, tstr, Item as V};
use test_support::pki::TestKey;

use crate::chip::{sample, Card};
use crate::keys::{filler, hex, to_high_s, N};
use crate::pki::Cert;

/// readAt used by almost every dump: 2026-06-01T00:00:00Z (08:00 CST).
pub const READ_AT: u64 = 1_780_272_000;
/// Default verification time: readAt + 60 s.
pub const AT: u64 = READ_AT + 60;
pub const MAX_AGE: u64 = 600;
pub const SKEW: u64 = 300;
pub const AAD: &[u8] = b"https://app.example";

/// Check ids in the order the verifier runs them (docs/spec/dump-format.md §5).
pub const CHECKS: [&str; 12] = [
    "ENVELOPE",
    "PAYLOAD",
    "ALGORITHM",
    "SIGNER",
    "REVOCATION",
    "SIGNATURE",
    "FRESHNESS",
    "NONCE",
    "CARD_LAYOUT",
    "CARD_NUMBER",
    "CARD_CONSISTENCY",
    "CARD_VALIDITY",
];

/// Expected state of every check, from the failing ones and the skip policy of the wire contract
/// (docs/spec/dump-format.md §5). Written here independently of the verifier's `PIPELINE` on
/// purpose: these states go into the manifest, the oracle the verifier is tested against, and
/// deriving them from the verifier's own table would make that test circular.
pub fn check_states(failed: &[&str], nonce_expected: bool) -> Vec<(&'static str, &'static str)> {
    let f = |c: &str| failed.contains(&c);
    let mut out = Vec::new();
    for c in CHECKS {
        let skipped = match c {
            "ENVELOPE" => false,
            _ if f("ENVELOPE") => true,
            "PAYLOAD" | "ALGORITHM" | "SIGNER" => false,
            "REVOCATION" => f("SIGNER"),
            "SIGNATURE" => f("SIGNER") || f("ALGORITHM"),
            "FRESHNESS" => f("PAYLOAD"),
            "NONCE" => f("PAYLOAD") || !nonce_expected,
            "CARD_LAYOUT" => f("PAYLOAD"),
            "CARD_NUMBER" | "CARD_VALIDITY" => f("PAYLOAD") || f("CARD_LAYOUT"),
            "CARD_CONSISTENCY" => f("PAYLOAD") || f("CARD_LAYOUT") || f("CARD_NUMBER"),
            _ => unreachable!(),
        };
        let state = if skipped {
            "skipped"
        } else if f(c) {
            "failed"
        } else {
            "passed"
        };
        out.push((c, state));
    }
    // A failing check that the policy says is skipped would be a contradiction in the fixture.
    for c in failed {
        assert!(out.iter().any(|(id, st)| id == c && *st == "failed"), "{c} listed as failing but would be skipped");
    }
    out
}

#[derive(Clone, Copy, PartialEq, Debug)]
pub enum SigForm {
    /// Raw r || s, 64 bytes (RFC 6979).
    Raw,
    /// The same signature with s replaced by n - s (high-S).
    HighS,
    /// DER-encoded ECDSA signature (not COSE).
    Der,
    /// r = 0.
    ZeroR,
    /// s = n (out of range).
    SEqualsN,
    /// Only the first 63 bytes.
    Short,
}

/// A dump to build. `D::new` gives a correct, tagged, kid-in-unprotected dump; cases tweak fields.
#[derive(Clone)]
pub struct D {
    pub text: Vec<u8>,
    pub version: u64,
    pub photo: Option<Vec<u8>>,
    pub fingerprint: Option<Vec<u8>>,
    pub read_at: u64,
    pub nonce: Option<Vec<u8>>,
    pub reader_id: Option<String>,
    pub chip_serial: Option<Vec<u8>>,
    /// Extra payload entries appended after the standard ones.
    pub extra_payload: Vec<(V, V)>,
    /// Replaces the whole payload map (still signed as given).
    pub payload_override: Option<V>,
    pub protected: Vec<(V, V)>,
    /// Replaces the encoded protected header bytes.
    pub protected_raw: Option<Vec<u8>>,
    pub unprotected: Vec<(V, V)>,
    pub key: TestKey,
    pub aad: Vec<u8>,
    pub tag: Option<u64>,
    pub sig: SigForm,
    pub detached: bool,
    /// Flip (xor 0x01) this byte of the text block after signing.
    pub tamper_text_byte: Option<usize>,
}

pub fn kid_header(kid: &str) -> (V, V) {
    (int(4), bstr(kid.as_bytes()))
}

impl D {
    pub fn new(text: Vec<u8>, key: &TestKey, kid: &str) -> D {
        D {
            text,
            version: 1,
            photo: None,
            fingerprint: None,
            read_at: READ_AT,
            nonce: None,
            reader_id: None,
            chip_serial: None,
            extra_payload: vec![],
            payload_override: None,
            protected: vec![(int(1), int(-7))],
            protected_raw: None,
            unprotected: vec![kid_header(kid)],
            key: key.clone(),
            aad: vec![],
            tag: Some(18),
            sig: SigForm::Raw,
            detached: false,
            tamper_text_byte: None,
        }
    }

    fn payload_map(&self, text: &[u8]) -> V {
        if let Some(p) = &self.payload_override {
            return p.clone();
        }
        let mut m = vec![(int(0), V::U(self.version)), (int(1), bstr(text))];
        if let Some(p) = &self.photo {
            m.push((int(2), bstr(p)));
        }
        if let Some(p) = &self.fingerprint {
            m.push((int(3), bstr(p)));
        }
        m.push((int(4), V::U(self.read_at)));
        if let Some(n) = &self.nonce {
            m.push((int(5), bstr(n)));
        }
        if let Some(r) = &self.reader_id {
            m.push((int(6), tstr(r)));
        }
        if let Some(c) = &self.chip_serial {
            m.push((int(7), bstr(c)));
        }
        m.extend(self.extra_payload.iter().cloned());
        V::M(m)
    }

    pub fn build(&self) -> Vec<u8> {
        let payload = enc(&self.payload_map(&self.text));
        let protected = match &self.protected_raw {
            Some(p) => p.clone(),
            None => enc(&V::M(self.protected.clone())),
        };
        let tbs = sig_structure(&protected, &self.aad, &payload);
        let raw = self.key.sign(&tbs);
        let sig = match self.sig {
            SigForm::Raw => raw.to_vec(),
            SigForm::HighS => to_high_s(&raw).to_vec(),
            SigForm::Der => self.key.sign_der(&tbs),
            SigForm::ZeroR => {
                let mut s = raw.to_vec();
                s[..32].fill(0);
                s
            }
            SigForm::SEqualsN => {
                let mut s = raw.to_vec();
                s[32..].copy_from_slice(&N);
                s
            }
            SigForm::Short => raw[..63].to_vec(),
        };
        let sent_payload = match self.tamper_text_byte {
            None => payload,
            Some(i) => {
                let mut t = self.text.clone();
                t[i] ^= 0x01;
                enc(&self.payload_map(&t))
            }
        };
        let msg = V::A(vec![
            V::B(protected),
            V::M(self.unprotected.clone()),
            if self.detached { V::Null } else { V::B(sent_payload) },
            V::B(sig),
        ]);
        let msg = match self.tag {
            Some(t) => V::Tag(t, Box::new(msg)),
            None => msg,
        };
        enc(&msg)
    }
}

pub fn sig_structure(protected: &[u8], aad: &[u8], payload: &[u8]) -> Vec<u8> {
    enc(&V::A(vec![tstr("Signature1"), bstr(protected), bstr(aad), bstr(payload)]))
}

#[derive(Clone)]
pub struct Trust {
    pub jwks: Vec<&'static str>,
    pub certificates: Vec<&'static str>,
    pub revoked_kids: Vec<&'static str>,
    /// (issuer certificate file, serial hex as written in the manifest)
    pub revoked_serials: Vec<(&'static str, String)>,
}

impl Default for Trust {
    fn default() -> Trust {
        Trust {
            jwks: vec!["test-jwks.json"],
            certificates: vec!["test-root.pem"],
            revoked_kids: vec![],
            revoked_serials: vec![],
        }
    }
}

pub struct Case {
    pub file: String,
    pub description: String,
    pub bytes: Vec<u8>,
    pub trust: Trust,
    pub read_at: Option<u64>,
    pub at: u64,
    pub expected_nonce: Option<Vec<u8>>,
    /// None = the maximum-age check is disabled (archived dump).
    pub max_age: Option<u64>,
    pub external_aad: Option<Vec<u8>>,
    pub failed: Vec<&'static str>,
    pub warnings: Vec<&'static str>,
    pub card: Option<Card>,
}

impl Case {
    pub fn new(file: &str, description: &str, bytes: Vec<u8>, card: Option<&Card>) -> Case {
        Case {
            file: format!("{file}.cose"),
            description: description.to_string(),
            bytes,
            trust: Trust::default(),
            read_at: Some(READ_AT),
            at: AT,
            expected_nonce: None,
            max_age: Some(MAX_AGE),
            external_aad: None,
            failed: vec![],
            warnings: vec![],
            card: card.cloned(),
        }
    }

    pub fn accepted(&self) -> bool {
        self.failed.is_empty()
    }

    pub fn manifest_entry(&self) -> Value {
        let states = check_states(&self.failed, self.expected_nonce.is_some());
        let mut checks = serde_json::Map::new();
        for (c, s) in states {
            checks.insert(c.into(), json!(s));
        }
        let mut v = json!({
            "file": self.file,
            "description": self.description,
            "trust": {
                "jwks": self.trust.jwks,
                "certificates": self.trust.certificates,
                "revokedKids": self.trust.revoked_kids,
                "revokedSerials": self.trust.revoked_serials.iter()
                    .map(|(i, s)| json!({"issuer": i, "serialHex": s})).collect::<Vec<_>>(),
            },
            "options": {
                "at": self.at,
                "expectedNonceHex": self.expected_nonce.as_ref().map(|n| hex(n)),
                "maxAgeSeconds": self.max_age,
                "externalAadHex": self.external_aad.as_ref().map(|a| hex(a)),
            },
            "readAt": self.read_at,
            "expected": if self.accepted() { "accepted" } else { "rejected" },
            "failedChecks": self.failed,
            "warnings": self.warnings,
            "checks": Value::Object(checks),
        });
        if let Some(card) = &self.card {
            v["card"] = json!({
                "layout": card.layout.id(),
                "marker": card.layout.marker().to_string(),
                "number": card.number,
            });
        }
        v
    }
}

/// Everything the cases need from the PKI.
pub struct Ctx<'a> {
    pub certs: &'a [Cert],
}

impl Ctx<'_> {
    pub fn cert(&self, file: &str) -> &Cert {
        self.certs.iter().find(|c| c.file == file).unwrap_or_else(|| panic!("no cert {file}"))
    }
    pub fn der(&self, file: &str) -> Vec<u8> {
        self.cert(file).der.clone()
    }
    pub fn serial_hex(&self, file: &str) -> String {
        hex(&self.cert(file).serial)
    }
}

pub fn reader_key(n: &str) -> TestKey {
    TestKey::from_seed(format!("cnid-verify test reader key {n}").as_bytes())
}

/// The JWK-trusted reader keys (kid, seed).
pub const READERS: [(&str, &str); 3] =
    [("test-reader-1", "1"), ("test-reader-2", "2"), ("test-reader-revoked", "revoked")];

pub fn nonce() -> Vec<u8> {
    filler("cnid-verify test nonce", 16)
}

pub fn all_cases(ctx: &Ctx) -> Vec<Case> {
    let r1 = reader_key("1");
    let r2 = reader_key("2");
    let r_revoked = reader_key("revoked");
    let untrusted = reader_key("untrusted");
    let photo = filler("cnid-verify test WLT photo block", 1024);
    let fp = filler("cnid-verify test fingerprint block", 1024);

    let y = sample("y-specimen");
    let y2 = sample("y-assoc");
    let i = sample("i-sample");
    let j = sample("j-sample");
    let ml = sample("mainland-longterm");
    let md = sample("mainland-dated");
    let yb = y.text_block();

    let mut cases: Vec<Case> = Vec::new();
    // Each macro pushes a case and yields `&mut Case` so the caller can adjust it in place.
    macro_rules! add {
        ($file:expr, $desc:expr, $bytes:expr, $card:expr) => {{
            cases.push(Case::new($file, $desc, $bytes, $card));
            cases.last_mut().unwrap()
        }};
    }
    macro_rules! env {
        ($file:expr, $desc:expr, $bytes:expr) => {{
            let mut c = Case::new($file, $desc, $bytes, None);
            c.failed = vec!["ENVELOPE"];
            c.read_at = None;
            cases.push(c);
        }};
    }
    macro_rules! pl {
        ($file:expr, $desc:expr, $d:expr) => {{
            let mut c = Case::new($file, $desc, $d.build(), None);
            c.failed = vec!["PAYLOAD"];
            c.read_at = None;
            cases.push(c);
        }};
    }
    macro_rules! one {
        ($file:expr, $desc:expr, $d:expr, $failed:expr, $card:expr) => {{
            let d: D = $d;
            let mut c = Case::new($file, $desc, d.build(), $card);
            c.read_at = Some(d.read_at);
            c.at = d.read_at + 60;
            c.failed = vec![$failed];
            cases.push(c);
            cases.last_mut().unwrap()
        }};
    }
    let jwk = |card: &Card| D::new(card.text_block(), &r1, "test-reader-1");
    let x5 = |card: &Card, signer: &str, chain: V| {
        let mut d = D::new(card.text_block(), &ctx.cert(signer).key, "");
        d.unprotected = vec![(int(33), chain)];
        d
    };
    let chain = |files: &[&str]| V::A(files.iter().map(|f| V::B(ctx.der(f))).collect());

    // ---------------------------------------------------------------- accepted
    add!(
        "y-jwk",
        "2023 FPR specimen card, kid in the unprotected header, JWK trust, tag 18",
        jwk(&y).build(),
        Some(&y)
    );
    add!("y-assoc-jwk", "2023 FPR card with association item 001 (old number rebuildable) and a 43-char English name split over offsets 52 and 220", jwk(&y2).build(), Some(&y2));
    add!("i-jwk", "2017 FPR card (marker I), JWK trust", jwk(&i).build(), Some(&i));
    add!("j-jwk", "HK/Macao/Taiwan residence permit (marker J), JWK trust", jwk(&j).build(), Some(&j));
    add!("mainland-jwk", "mainland card with end date 长期 (no expiry), JWK trust", jwk(&ml).build(), Some(&ml));
    add!("mainland-dated-jwk", "mainland card with a real end date, JWK trust", jwk(&md).build(), Some(&md));

    add!(
        "y-x5chain",
        "x5chain [signer, intermediate] up to the test root anchor",
        x5(&y, "test-signer.pem", chain(&["test-signer.pem", "test-intermediate.pem"])).build(),
        Some(&y)
    );
    add!(
        "y-x5chain-direct",
        "x5chain as a single bstr (not an array): signer issued directly by the root",
        x5(&y, "test-signer-direct.pem", V::B(ctx.der("test-signer-direct.pem"))).build(),
        Some(&y)
    );
    add!(
        "y-x5chain-direct-array",
        "x5chain as a one-element array: signer issued directly by the root",
        x5(&y, "test-signer-direct.pem", chain(&["test-signer-direct.pem"])).build(),
        Some(&y)
    );
    add!(
        "y-x5chain-with-root",
        "x5chain [signer, intermediate, root]: chain ends with the anchor itself (identical DER)",
        x5(&y, "test-signer.pem", chain(&["test-signer.pem", "test-intermediate.pem", "test-root.pem"])).build(),
        Some(&y)
    );
    add!(
        "y-x5chain-no-keyusage",
        "signer certificate without a keyUsage extension (digitalSignature is only required when keyUsage is present)",
        x5(&y, "test-signer-no-keyusage.pem", chain(&["test-signer-no-keyusage.pem", "test-intermediate.pem"])).build(),
        Some(&y)
    );
    let c = add!(
        "y-x5chain-two-anchors",
        "two trust anchors (another root first, then the test root): rotation, the right anchor is found",
        x5(&y, "test-signer.pem", chain(&["test-signer.pem", "test-intermediate.pem"])).build(),
        Some(&y)
    );
    c.trust.certificates = vec!["test-other-root.pem", "test-root.pem"];
    {
        let mut d = x5(&y, "test-signer.pem", chain(&["test-signer.pem", "test-intermediate.pem"]));
        d.unprotected.insert(0, kid_header("test-reader-2"));
        let c = add!(
            "y-x5chain-with-kid",
            "x5chain plus an unprotected kid naming a different trusted JWK: x5chain decides, kid is informational",
            d.build(),
            Some(&y)
        );
        c.warnings = vec!["KID_IGNORED"];
    }
    {
        let mut d = jwk(&y);
        d.protected = vec![(int(1), int(-7)), kid_header("test-reader-1")];
        d.unprotected = vec![];
        add!("y-kid-protected", "kid in the protected header only", d.build(), Some(&y));
    }
    {
        let mut d = jwk(&y);
        d.protected = vec![(int(1), int(-7)), kid_header("test-reader-1")];
        d.unprotected = vec![kid_header("test-reader-2")];
        add!("y-kid-both", "kid in both headers (protected test-reader-1 signed it, unprotected says test-reader-2): the protected one wins", d.build(), Some(&y));
    }
    {
        let mut d = jwk(&y);
        d.tag = None;
        add!("y-untagged", "untagged COSE_Sign1 (no tag 18)", d.build(), Some(&y));
    }
    {
        let mut d = jwk(&y);
        d.nonce = Some(nonce());
        let c =
            add!("y-nonce", "16-byte nonce in the payload, the app expects exactly that nonce", d.build(), Some(&y));
        c.expected_nonce = Some(nonce());
        add!(
            "y-nonce-unrequested",
            "nonce in the payload but the app expects none (NONCE skipped)",
            d.build(),
            Some(&y)
        );
    }
    {
        let mut d = jwk(&y);
        d.photo = Some(photo.clone());
        add!("y-photo", "2023 FPR card with the 1024-byte photo block", d.build(), Some(&y));
    }
    {
        let mut d = jwk(&ml);
        d.photo = Some(photo.clone());
        d.fingerprint = Some(fp.clone());
        add!("mainland-photo-fingerprint", "mainland card with photo and fingerprint blocks", d.build(), Some(&ml));
    }
    {
        let mut d = jwk(&j);
        d.photo = Some(photo.clone());
        d.fingerprint = Some(fp.clone());
        add!("j-photo-fingerprint", "HK/Macao/Taiwan permit with photo and fingerprint blocks", d.build(), Some(&j));
    }
    {
        let mut d = jwk(&y);
        d.fingerprint = Some(fp.clone());
        let c = add!(
            "y-fingerprint",
            "2023 FPR card carrying a fingerprint block (that card type has none): accepted with a warning",
            d.build(),
            Some(&y)
        );
        c.warnings = vec!["UNEXPECTED_FINGERPRINT"];
    }
    {
        let mut d = jwk(&y);
        d.reader_id = Some("TEST-READER-0001".into());
        d.chip_serial = Some(filler("cnid-verify test chip serial", 24));
        add!("y-reader-chip", "readerId (tstr) and chipSerial (24 bytes) present", d.build(), Some(&y));
    }
    {
        let mut d = jwk(&y);
        d.nonce = Some(nonce());
        d.photo = Some(photo.clone());
        d.reader_id = Some("TEST-READER-0001".into());
        d.chip_serial = Some(filler("cnid-verify test chip serial", 24));
        let c = add!(
            "y-all-fields",
            "every optional payload field that fits the card type (photo, nonce, readerId, chipSerial)",
            d.build(),
            Some(&y)
        );
        c.expected_nonce = Some(nonce());
    }
    {
        let mut d = jwk(&y);
        d.extra_payload = vec![(int(9), tstr("future field"))];
        let c = add!("y-unknown-key", "unknown payload key 9 (ignored, reported as a warning)", d.build(), Some(&y));
        c.warnings = vec!["UNKNOWN_PAYLOAD_KEY"];
    }
    {
        let mut d = jwk(&y);
        d.sig = SigForm::HighS;
        add!("y-high-s", "high-S signature (s replaced by n - s): valid ECDSA, must be accepted", d.build(), Some(&y));
    }
    {
        let mut d = jwk(&y);
        d.aad = AAD.to_vec();
        let c = add!(
            "y-aad",
            "signed with external AAD \"https://app.example\", verified with the same AAD",
            d.build(),
            Some(&y)
        );
        c.external_aad = Some(AAD.to_vec());
    }
    {
        let mut d = jwk(&y);
        d.protected = vec![(int(1), int(-7)), (int(3), tstr("application/x-cnid-dump"))];
        d.unprotected =
            vec![kid_header("test-reader-1"), (int(-70000), tstr("ignored")), (tstr("note"), tstr("ignored too"))];
        add!("y-extra-headers", "extra header labels (3 in protected; -70000 and a text label in unprotected) that are not in crit: ignored", d.build(), Some(&y));
    }
    {
        let d = jwk(&y);
        let c = add!(
            "y-freshness-max-age-boundary",
            "verified exactly maxAge (600 s) after readAt: still fresh",
            d.build(),
            Some(&y)
        );
        c.at = READ_AT + MAX_AGE;
        let c = add!(
            "y-freshness-skew-boundary",
            "readAt exactly 300 s (the allowed skew) after the verification time: still fresh",
            d.build(),
            Some(&y)
        );
        c.at = READ_AT - SKEW;
        let c = add!(
            "y-archived",
            "archived dump verified 30 days later with the maximum age disabled (maxAgeSeconds null)",
            d.build(),
            Some(&y)
        );
        c.at = READ_AT + 30 * 86400;
        c.max_age = None;
    }
    {
        let d = x5(&y, "test-signer.pem", chain(&["test-signer.pem", "test-intermediate.pem"]));
        let c = add!("y-x5chain-archived", "x5chain dump verified on 2029-01-01 (after the signer's notAfter) with the maximum age disabled: certificates are judged at readAt only", d.build(), Some(&y));
        c.at = 1_861_920_000; // 2029-01-01T00:00:00Z
        c.max_age = None;
    }
    {
        let d = x5(&y, "test-signer-expiring.pem", chain(&["test-signer-expiring.pem", "test-intermediate.pem"]));
        let c = add!("y-x5chain-expiring-archived", "signer certificate expires at readAt + 30 s; verified at readAt + 60 s with the maximum age disabled: accepted", d.build(), Some(&y));
        c.max_age = None;
        let c = add!("y-x5chain-expiring", "signer certificate expires at readAt + 30 s; verified at readAt + 60 s with the default maximum age: the signer must also be valid at the verification time", d.build(), Some(&y));
        c.failed = vec!["SIGNER"];
    }
    {
        let mut c = i.clone();
        c.valid_from = "20160602".into();
        c.valid_until = "20260601".into();
        add!(
            "card-valid-last-day",
            "card valid until 20260601; readAt is 2026-06-01 08:00 CST: last day is inclusive",
            jwk(&c).build(),
            Some(&c)
        );
    }
    {
        let mut c = md.clone();
        c.valid_from = "20260601".into();
        c.valid_until = "20460601".into();
        let mut d = jwk(&c);
        d.read_at = 1_780_243_200; // 2026-05-31T16:00:00Z = 2026-06-01T00:00 CST
        let c = add!("card-valid-first-day-cst", "card valid from 20260601; readAt 2026-05-31T16:00Z is 2026-06-01 00:00 CST: valid (UTC dates would say not yet valid)", d.build(), Some(&c));
        c.read_at = Some(1_780_243_200);
        c.at = 1_780_243_200 + 60;
    }
    {
        let revoked_other_issuer = ("test-root.pem", ctx.serial_hex("test-signer-revoked.pem"));
        let d = x5(&y, "test-signer-revoked.pem", chain(&["test-signer-revoked.pem", "test-intermediate.pem"]));
        let c = add!(
            "revoked-serial-other-issuer",
            "the signer's serial is listed as revoked, but for a different issuer (the root): not revoked",
            d.build(),
            Some(&y)
        );
        c.trust.revoked_serials = vec![revoked_other_issuer];
    }
    {
        let mut d = jwk(&y);
        d.unprotected = vec![kid_header("test-reader-1"), (int(-70000), bstr(&[]))];
        // Pad the ignored header so the whole message is exactly 65536 bytes.
        let base = d.build().len();
        let pad = 65536 - base - 2; // a bstr of length 256..65535 has a 3-byte head instead of 1
        d.unprotected[1].1 = V::B(vec![0x5a; pad]);
        let bytes = d.build();
        assert_eq!(bytes.len(), 65536);
        add!(
            "y-size-64k",
            "exactly 65536 bytes (64 KiB, the limit) thanks to a large ignored unprotected header",
            bytes,
            Some(&y)
        );
    }

    // ---------------------------------------------------------------- ENVELOPE
    {
        let mut d = jwk(&y);
        d.sig = SigForm::Der;
        env!("sig-der", "DER-encoded ECDSA signature instead of raw r||s", d.build());
        d.sig = SigForm::Short;
        env!("sig-63-bytes", "signature bstr of 63 bytes", d.build());
    }
    {
        let mut d = jwk(&y);
        d.detached = true;
        env!("detached-payload", "payload is nil (detached)", d.build());
    }
    {
        let full = jwk(&y).build();
        env!("truncated", "a valid dump (y-jwk) cut in half", full[..full.len() / 2].to_vec());
        let mut t = full.clone();
        t.push(0x00);
        env!("trailing-bytes", "a valid dump followed by one extra byte (0x00)", t);
    }
    {
        let mut d = jwk(&y);
        d.unprotected = vec![kid_header("test-reader-1"), (int(-70000), bstr(&[]))];
        let base = d.build().len();
        let pad = 65537 - base - 2;
        d.unprotected[1].1 = V::B(vec![0x5a; pad]);
        let bytes = d.build();
        assert_eq!(bytes.len(), 65537);
        env!("oversized", "65537 bytes (one over 64 KiB) because of a huge ignored unprotected header bstr; otherwise correctly signed", bytes);
    }
    {
        let mut d = jwk(&y);
        d.tag = Some(17);
        env!("tag-17", "wrapped in tag 17 (COSE_Mac0) instead of 18", d.build());
    }
    {
        let mut d = jwk(&y);
        d.protected = vec![(int(1), int(-7)), (int(2), V::A(vec![int(-70001)])), (int(-70001), V::U(1))];
        env!("crit-unknown", "protected crit (label 2) lists an unknown label -70001", d.build());
    }
    {
        let good = jwk(&y).build();
        // Same message as a 3-element array: tag + array head, then the first three items only.
        assert_eq!(&good[..2], &[0xd2, 0x84]);
        let mut three = vec![0xd2, 0x83];
        let sig_len = 2 + 64; // 0x58 0x40 + 64 bytes
        three.extend_from_slice(&good[2..good.len() - sig_len]);
        env!("array-3", "COSE_Sign1 array with 3 elements (signature missing)", three);
    }
    env!("not-cbor", "JSON text, not CBOR", br#"{"version":1,"text":"..."}"#.to_vec());
    env!("empty", "zero-length input", vec![]);

    // ---------------------------------------------------------------- PAYLOAD
    {
        let mut d = jwk(&y);
        d.payload_override =
            Some(V::M(vec![(int(0), V::U(1)), (int(1), bstr(&yb)), (int(4), V::U(READ_AT)), (int(4), V::U(READ_AT))]));
        pl!("payload-duplicate-key", "payload map has key 4 (readAt) twice, same value; correctly signed", d);
    }
    {
        let mut d = jwk(&y);
        d.version = 2;
        pl!("payload-version-2", "payload version 2; correctly signed", d);
    }
    {
        let d = D::new(yb[..255].to_vec(), &r1, "test-reader-1");
        pl!("payload-text-255", "text block of 255 bytes; correctly signed", d);
    }
    {
        let mut d = jwk(&y);
        d.payload_override = Some(V::M(vec![(int(0), V::U(1)), (int(1), bstr(&yb))]));
        pl!("payload-missing-readat", "required key 4 (readAt) missing; correctly signed", d);
    }
    {
        let mut d = jwk(&y);
        d.nonce = Some(filler("short nonce", 7));
        pl!("payload-nonce-7", "nonce of 7 bytes (minimum is 8); correctly signed", d);
    }
    {
        let mut d = jwk(&y);
        d.photo = Some(photo[..1023].to_vec());
        pl!("payload-photo-1023", "photo block of 1023 bytes; correctly signed", d);
    }
    {
        let mut d = jwk(&y);
        d.reader_id = Some(String::new());
        pl!("payload-readerid-empty", "readerId is an empty text string (must be 1-64 chars); correctly signed", d);
    }
    {
        let mut d = jwk(&y);
        d.payload_override = Some(V::IndefMap(vec![(int(0), V::U(1)), (int(1), bstr(&yb)), (int(4), V::U(READ_AT))]));
        pl!(
            "payload-indefinite-map",
            "payload map encoded with indefinite length (0xbf ... 0xff); correctly signed",
            d
        );
    }
    {
        let mut d = jwk(&y);
        d.payload_override = Some(V::A(vec![V::U(1), bstr(&yb), V::U(READ_AT)]));
        pl!("payload-not-map", "payload is a CBOR array, not a map; correctly signed", d);
    }
    {
        let mut d = jwk(&y);
        d.payload_override = Some(V::M(vec![(int(0), V::U(1)), (int(1), bstr(&yb)), (int(4), tstr("1780272000"))]));
        pl!("payload-readat-text", "readAt is a text string instead of a uint; correctly signed", d);
    }

    // ---------------------------------------------------------------- one failing check each

    // ALGORITHM
    {
        let mut d = jwk(&y);
        d.protected = vec![(int(1), int(-35))];
        one!(
            "alg-es384",
            "protected alg -35 (ES384) although the key is P-256; everything else correct",
            d,
            "ALGORITHM",
            Some(&y)
        );
        let mut d = jwk(&y);
        d.protected_raw = Some(vec![]);
        one!("alg-missing", "empty protected header (zero-length bstr): alg missing", d, "ALGORITHM", Some(&y));
        let mut d = jwk(&y);
        d.protected_raw = Some(vec![]);
        d.unprotected = vec![(int(1), int(-7)), kid_header("test-reader-1")];
        one!(
            "alg-unprotected",
            "alg ES256 only in the unprotected header: it must be in the protected header",
            d,
            "ALGORITHM",
            Some(&y)
        );
    }
    // SIGNER
    {
        let mut d = D::new(yb.clone(), &untrusted, "test-reader-unknown");
        d.unprotected = vec![kid_header("test-reader-unknown")];
        one!("signer-unknown-kid", "kid test-reader-unknown is in no trusted JWK set", d, "SIGNER", Some(&y));
        let mut d = jwk(&y);
        d.unprotected = vec![];
        one!("signer-no-kid-no-x5chain", "neither kid nor x5chain in any header", d, "SIGNER", Some(&y));
        let d = x5(&y, "test-signer-expired.pem", chain(&["test-signer-expired.pem", "test-intermediate.pem"]));
        one!(
            "signer-cert-expired",
            "x5chain signer certificate expired (2024-01-01..2026-01-01) before readAt",
            d,
            "SIGNER",
            Some(&y)
        );
        let d =
            x5(&y, "test-signer-not-yet-valid.pem", chain(&["test-signer-not-yet-valid.pem", "test-intermediate.pem"]));
        one!(
            "signer-cert-not-yet-valid",
            "x5chain signer certificate valid only from 2026-07-01",
            d,
            "SIGNER",
            Some(&y)
        );
        let d = x5(&y, "test-bad-ca-signer.pem", chain(&["test-bad-ca-signer.pem", "test-bad-ca-intermediate.pem"]));
        one!(
            "signer-bad-ca-no-basic-constraints",
            "intermediate has keyCertSign but no basicConstraints extension (so not cA=TRUE)",
            d,
            "SIGNER",
            Some(&y)
        );
        let d = x5(
            &y,
            "test-bad-ca-false-signer.pem",
            chain(&["test-bad-ca-false-signer.pem", "test-bad-ca-false-intermediate.pem"]),
        );
        one!("signer-bad-ca-false", "intermediate has basicConstraints cA=FALSE", d, "SIGNER", Some(&y));
        let d = x5(
            &y,
            "test-sub-signer.pem",
            chain(&["test-sub-signer.pem", "test-sub-intermediate.pem", "test-intermediate.pem"]),
        );
        one!(
            "signer-pathlen-exceeded",
            "signer <- sub-intermediate <- intermediate (pathLen 0) <- root: pathLen violated",
            d,
            "SIGNER",
            Some(&y)
        );
        let d = x5(
            &y,
            "test-signer-wrong-keyusage.pem",
            chain(&["test-signer-wrong-keyusage.pem", "test-intermediate.pem"]),
        );
        one!(
            "signer-wrong-keyusage",
            "signer certificate has keyUsage keyAgreement only (no digitalSignature)",
            d,
            "SIGNER",
            Some(&y)
        );
        let d = x5(&y, "test-signer.pem", chain(&["test-signer.pem", "test-intermediate.pem"]));
        let p = one!(
            "signer-untrusted-anchor",
            "valid chain to the test root, but the app trusts only another root",
            d,
            "SIGNER",
            Some(&y)
        );
        p.trust.certificates = vec!["test-other-root.pem"];
        let d = x5(&y, "test-signer.pem", V::B(filler("not a certificate", 300)));
        one!("signer-cert-garbage", "x5chain is a bstr that is not a DER certificate", d, "SIGNER", Some(&y));
    }
    // REVOCATION
    {
        let d = D::new(yb.clone(), &r_revoked, "test-reader-revoked");
        let p =
            one!("revoked-kid", "kid test-reader-revoked is trusted but listed as revoked", d, "REVOCATION", Some(&y));
        p.trust.revoked_kids = vec!["test-reader-revoked"];
        let d = x5(&y, "test-signer-revoked.pem", chain(&["test-signer-revoked.pem", "test-intermediate.pem"]));
        let p = one!(
            "revoked-serial",
            "x5chain signer serial 8badf00d (DER has a leading 00) revoked for issuer test-intermediate.pem",
            d.clone(),
            "REVOCATION",
            Some(&y)
        );
        p.trust.revoked_serials = vec![("test-intermediate.pem", ctx.serial_hex("test-signer-revoked.pem"))];
        let p = one!(
            "revoked-serial-leading-zeros",
            "same, with the serial written as 00008BADF00D (upper case, leading zeros)",
            d,
            "REVOCATION",
            Some(&y)
        );
        p.trust.revoked_serials = vec![(
            "test-intermediate.pem",
            format!("0000{}", ctx.serial_hex("test-signer-revoked.pem").to_uppercase()),
        )];
        let d = x5(&y, "test-signer.pem", chain(&["test-signer.pem", "test-intermediate.pem"]));
        let p = one!(
            "revoked-intermediate-serial",
            "the intermediate's serial is revoked (issuer test-root.pem): applies to every certificate of the path",
            d,
            "REVOCATION",
            Some(&y)
        );
        p.trust.revoked_serials = vec![("test-root.pem", ctx.serial_hex("test-intermediate.pem"))];
    }
    // SIGNATURE
    {
        let mut d = jwk(&y);
        d.tamper_text_byte = Some(159); // high byte of the first reserved-area padding char (offset 158)
        one!("sig-tampered-text", "after signing, one byte inside a padding character of the text block (offset 159, reserved area) was flipped", d, "SIGNATURE", Some(&y));
        let d = D::new(yb.clone(), &r2, "test-reader-1");
        one!("sig-wrong-key", "kid test-reader-1 but signed with test-reader-2's key", d, "SIGNATURE", Some(&y));
        let mut d = jwk(&y);
        d.aad = AAD.to_vec();
        let p = one!(
            "sig-wrong-aad",
            "signed with AAD \"https://app.example\", verified with \"https://evil.example\"",
            d.clone(),
            "SIGNATURE",
            Some(&y)
        );
        p.external_aad = Some(b"https://evil.example".to_vec());
        one!(
            "sig-aad-not-given",
            "signed with AAD \"https://app.example\", verified with empty AAD",
            d,
            "SIGNATURE",
            Some(&y)
        );
        let mut d = jwk(&y);
        d.sig = SigForm::ZeroR;
        one!("sig-r-zero", "r = 0 (outside [1, n-1])", d, "SIGNATURE", Some(&y));
        let mut d = jwk(&y);
        d.sig = SigForm::SEqualsN;
        one!("sig-s-equals-n", "s = n (outside [1, n-1])", d, "SIGNATURE", Some(&y));
    }
    // FRESHNESS
    {
        let d = jwk(&y);
        let p = one!(
            "fresh-stale",
            "verified at readAt + 601 s with the default maximum age of 600 s",
            d.clone(),
            "FRESHNESS",
            Some(&y)
        );
        p.at = READ_AT + MAX_AGE + 1;
        let p = one!(
            "fresh-future",
            "readAt is 301 s after the verification time (allowed skew 300 s)",
            d,
            "FRESHNESS",
            Some(&y)
        );
        p.at = READ_AT - SKEW - 1;
    }
    // NONCE
    {
        let mut d = jwk(&y);
        d.nonce = Some(nonce());
        let p = one!("nonce-wrong", "payload nonce differs from the expected nonce", d, "NONCE", Some(&y));
        p.expected_nonce = Some(filler("cnid-verify other nonce", 16));
        let d = jwk(&y);
        let p = one!("nonce-missing", "the app expects a nonce, the payload has none", d, "NONCE", Some(&y));
        p.expected_nonce = Some(nonce());
    }
    // CARD_LAYOUT
    {
        let mut c = y.clone();
        c.marker_override = Some('Z');
        one!("card-marker-z", "type marker Z at offset 248", jwk(&c), "CARD_LAYOUT", None);
        let mut c = md.clone();
        c.valid_until = "20300230".into();
        one!("card-bad-date", "mainland end date 20300230 is not a calendar date", jwk(&c), "CARD_LAYOUT", None);
    }
    // CARD_NUMBER
    {
        let mut c = y.clone();
        c.number = "911124198108030025".into();
        one!(
            "card-bad-check-digit",
            "2023 FPR number with a wrong MOD 11-2 check digit (5 instead of 4), everything else consistent",
            jwk(&c),
            "CARD_NUMBER",
            Some(&c)
        );
        let mut c = ml.clone();
        c.number = "110105194912310021".into();
        one!(
            "card-mainland-bad-check-digit",
            "mainland number 110105194912310021 (check should be X), everything else consistent",
            jwk(&c),
            "CARD_NUMBER",
            Some(&c)
        );
        let mut c = j.clone();
        c.pass_number = "A12345678".into();
        one!(
            "card-pass-number-invalid",
            "HK/Macao/Taiwan permit whose pass number A12345678 is no pass number (letter not H or M)",
            jwk(&c),
            "CARD_NUMBER",
            Some(&c)
        );
    }
    // CARD_CONSISTENCY
    {
        let mut c = y.clone();
        c.birth = "19810804".into();
        one!(
            "card-birth-mismatch",
            "chip birth date 19810804, number says 19810803",
            jwk(&c),
            "CARD_CONSISTENCY",
            Some(&c)
        );
        let mut c = ml.clone();
        c.sex = '1';
        one!(
            "card-sex-mismatch",
            "mainland chip sex 1 (male), number's digit 17 is even (female)",
            jwk(&c),
            "CARD_CONSISTENCY",
            Some(&c)
        );
        let mut c = y.clone();
        c.nationality = "USA".into();
        one!(
            "card-nationality-mismatch",
            "2023 FPR chip nationality USA, number positions 4-6 say 124 (CAN)",
            jwk(&c),
            "CARD_CONSISTENCY",
            Some(&c)
        );
        let mut c = i.clone();
        c.nationality = "CAN".into();
        one!(
            "card-2017-nationality-mismatch",
            "2017 FPR chip nationality CAN, number letters 1-3 say KAZ",
            jwk(&c),
            "CARD_CONSISTENCY",
            Some(&c)
        );
        let mut c = j.clone();
        c.pass_number = "M87654321".into();
        one!(
            "card-pass-region-mismatch",
            "Hong Kong permit (810000) carrying a Macao pass number M87654321",
            jwk(&c),
            "CARD_CONSISTENCY",
            Some(&c)
        );
    }
    // CARD_VALIDITY
    {
        let mut c = md.clone();
        c.valid_from = "20100307".into();
        c.valid_until = "20200307".into();
        one!(
            "card-expired",
            "mainland card valid 20100307-20200307, read 2026-06-01",
            jwk(&c),
            "CARD_VALIDITY",
            Some(&c)
        );
        let mut c = md.clone();
        c.valid_from = "20260602".into();
        c.valid_until = "20460602".into();
        one!(
            "card-not-yet-valid",
            "card valid from 20260602, read 2026-06-01 08:00 CST",
            jwk(&c),
            "CARD_VALIDITY",
            Some(&c)
        );
        let mut c = i.clone();
        c.valid_from = "20160601".into();
        c.valid_until = "20260531".into();
        let mut d = jwk(&c);
        d.read_at = 1_780_257_600; // 2026-05-31T20:00:00Z = 2026-06-01T04:00 CST
        one!("card-expired-cst", "card valid until 20260531, readAt 2026-05-31T20:00Z = 2026-06-01 04:00 CST: expired (UTC dates would say valid)", d, "CARD_VALIDITY", Some(&c));
    }

    cases
}
