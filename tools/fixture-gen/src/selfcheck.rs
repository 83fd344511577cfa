//! `--selfcheck`: an **independent oracle**, a mini-verifier that reads the fixtures back from disk and
//! recomputes, for every manifest entry, which checks fail, which are skipped and which warnings arise,
//! then compares with what the manifest claims. It shares no code with the generator: its own strict
//! CBOR decoder, its own Sig_structure rebuild, JWK/PEM parsing from the trust files, X.509 path checks
//! with x509-cert + p256, and its own card-number rules. From `cases` it takes only the check-id list
//! and `READ_AT` (constants, no logic).
//!
//! Keep it independent: it must not use `tools/test-support` (the test PKI and permissive CBOR writer
//! the fixtures are built with, shared with cnid-verify's unit tests) or cnid-verify for anything it
//! checks; a bug shared with either would then pass unnoticed.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use der::{Decode, DecodePem, Encode};
use p256::ecdsa::{signature::Verifier, DerSignature, Signature, VerifyingKey};
use serde_json::Value;
use x509_cert::ext::pkix::{BasicConstraints, KeyUsage};
use x509_cert::Certificate;

// ------------------------------------------------------------------ strict CBOR decoder

#[derive(Clone, Debug, PartialEq)]
enum C {
    U(u64),
    N(u64),
    B(Vec<u8>),
    T(String),
    A(Vec<C>),
    M(Vec<(C, C)>),
    Tag(u64, Box<C>),
    Simple(u8),
    Float,
}

struct Dec<'a> {
    b: &'a [u8],
    p: usize,
}

impl Dec<'_> {
    fn byte(&mut self) -> Result<u8, String> {
        let v = *self.b.get(self.p).ok_or("truncated")?;
        self.p += 1;
        Ok(v)
    }
    fn arg(&mut self, ai: u8) -> Result<u64, String> {
        Ok(match ai {
            0..=23 => ai as u64,
            24 => self.byte()? as u64,
            25 => u16::from_be_bytes([self.byte()?, self.byte()?]) as u64,
            26 => {
                let mut x = 0u64;
                for _ in 0..4 {
                    x = (x << 8) | self.byte()? as u64;
                }
                x
            }
            27 => {
                let mut x = 0u64;
                for _ in 0..8 {
                    x = (x << 8) | self.byte()? as u64;
                }
                x
            }
            31 => return Err("indefinite length".into()),
            _ => return Err("reserved additional info".into()),
        })
    }
    fn take(&mut self, n: u64) -> Result<Vec<u8>, String> {
        let n = usize::try_from(n).map_err(|_| "length")?;
        if self.b.len() - self.p < n {
            return Err("truncated".into());
        }
        let v = self.b[self.p..self.p + n].to_vec();
        self.p += n;
        Ok(v)
    }
    fn item(&mut self, depth: u32) -> Result<C, String> {
        if depth > 16 {
            return Err("too deep".into());
        }
        let ib = self.byte()?;
        let (mt, ai) = (ib >> 5, ib & 31);
        Ok(match mt {
            0 => C::U(self.arg(ai)?),
            1 => C::N(self.arg(ai)?),
            2 => {
                let n = self.arg(ai)?;
                C::B(self.take(n)?)
            }
            3 => {
                let n = self.arg(ai)?;
                C::T(String::from_utf8(self.take(n)?).map_err(|_| "bad utf-8")?)
            }
            4 => {
                let n = self.arg(ai)?;
                let mut v = Vec::new();
                for _ in 0..n {
                    v.push(self.item(depth + 1)?);
                }
                C::A(v)
            }
            5 => {
                let n = self.arg(ai)?;
                let mut v = Vec::new();
                for _ in 0..n {
                    let k = self.item(depth + 1)?;
                    let val = self.item(depth + 1)?;
                    v.push((k, val));
                }
                C::M(v)
            }
            6 => {
                let t = self.arg(ai)?;
                C::Tag(t, Box::new(self.item(depth + 1)?))
            }
            _ => match ai {
                0..=23 => C::Simple(ai),
                24 => C::Simple(self.byte()?),
                25 => {
                    self.take(2)?;
                    C::Float
                }
                26 => {
                    self.take(4)?;
                    C::Float
                }
                27 => {
                    self.take(8)?;
                    C::Float
                }
                _ => return Err("break / reserved".into()),
            },
        })
    }
}

/// Decode exactly one item covering all of `b`.
fn decode_all(b: &[u8]) -> Result<C, String> {
    let mut d = Dec { b, p: 0 };
    let v = d.item(0)?;
    if d.p != b.len() {
        return Err("trailing bytes".into());
    }
    Ok(v)
}

fn get(m: &[(C, C)], label: i64) -> Option<&C> {
    let key = if label >= 0 { C::U(label as u64) } else { C::N((-1 - label) as u64) };
    m.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
}

// ------------------------------------------------------------------ small helpers

fn b64url_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut acc = 0u32;
    let mut bits = 0;
    for ch in s.bytes() {
        let v = match ch {
            b'A'..=b'Z' => ch - b'A',
            b'a'..=b'z' => ch - b'a' + 26,
            b'0'..=b'9' => ch - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        } as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

fn unhex(s: &str) -> Vec<u8> {
    let s = if s.len() % 2 == 1 { format!("0{s}") } else { s.to_string() };
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

fn strip_zeros(b: &[u8]) -> &[u8] {
    let i = b.iter().position(|&x| x != 0).unwrap_or(b.len());
    &b[i..]
}

/// Days since 1970-01-01 of a civil date.
fn days(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468
}

/// YYYYMMDD -> days since epoch, if it is a calendar date.
fn parse_date(s: &str) -> Option<i64> {
    if s.len() != 8 || !s.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let y: i64 = s[0..4].parse().ok()?;
    let m: i64 = s[4..6].parse().ok()?;
    let d: i64 = s[6..8].parse().ok()?;
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let dim = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if !(1..=12).contains(&m) || d < 1 || d > dim[(m - 1) as usize] {
        return None;
    }
    Some(days(y, m, d))
}

fn mod11(n: &str) -> bool {
    let w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let b = n.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let s: u32 = b[..17].iter().zip(w).map(|(c, w)| (c - b'0') as u32 * w).sum();
    b[17] == b"10X98765432"[(s % 11) as usize]
}

fn check731(n: &str) -> bool {
    let b = n.as_bytes();
    if b.len() != 15 {
        return false;
    }
    let s: u32 = b[..14]
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let v = if c.is_ascii_digit() { (c - b'0') as u32 } else { (c - b'A') as u32 + 10 };
            v * [7, 3, 1][i % 3]
        })
        .sum();
    b[14] == b'0' + (s % 10) as u8
}

/// The handful of ISO 3166-1 codes the fixtures use (alpha-3, numeric).
const COUNTRIES: [(&str, &str); 6] =
    [("CAN", "124"), ("USA", "840"), ("KAZ", "398"), ("PAK", "586"), ("SAU", "682"), ("DZA", "012")];

// ------------------------------------------------------------------ the mini-verifier

struct Outcome {
    failed: BTreeSet<&'static str>,
    skipped: BTreeSet<&'static str>,
    warnings: BTreeSet<&'static str>,
    /// (layout, number) when the card parsed.
    card: Option<(String, String)>,
    notes: Vec<String>,
}

struct Envelope {
    protected_bytes: Vec<u8>,
    protected: Vec<(C, C)>,
    unprotected: Vec<(C, C)>,
    payload: Vec<u8>,
    sig: Vec<u8>,
}

fn envelope(bytes: &[u8]) -> Result<Envelope, String> {
    if bytes.len() > 65536 {
        return Err("over 64 KiB".into());
    }
    let mut v = decode_all(bytes)?;
    if let C::Tag(t, inner) = v {
        if t != 18 {
            return Err(format!("tag {t}"));
        }
        v = *inner;
    }
    let C::A(items) = v else {
        return Err("not an array".into());
    };
    if items.len() != 4 {
        return Err("array length".into());
    }
    let C::B(pb) = &items[0] else {
        return Err("protected not bstr".into());
    };
    let protected = if pb.is_empty() {
        vec![]
    } else {
        match decode_all(pb)? {
            C::M(m) => m,
            _ => return Err("protected not a map".into()),
        }
    };
    let C::M(unprotected) = &items[1] else {
        return Err("unprotected not a map".into());
    };
    let C::B(payload) = &items[2] else {
        return Err("payload not bstr (detached?)".into());
    };
    let C::B(sig) = &items[3] else {
        return Err("signature not bstr".into());
    };
    if sig.len() != 64 {
        return Err("signature not 64 bytes".into());
    }
    if let Some(crit) = get(&protected, 2) {
        let C::A(labels) = crit else {
            return Err("crit not array".into());
        };
        for l in labels {
            if !matches!(l, C::U(1) | C::U(4) | C::U(33)) {
                return Err("unknown crit label".into());
            }
        }
    }
    Ok(Envelope {
        protected_bytes: pb.clone(),
        protected,
        unprotected: unprotected.clone(),
        payload: payload.clone(),
        sig: sig.clone(),
    })
}

#[derive(Default)]
struct Payload {
    text: Vec<u8>,
    fingerprint: bool,
    read_at: u64,
    nonce: Option<Vec<u8>>,
    unknown_key: bool,
}

fn payload(b: &[u8]) -> Result<Payload, String> {
    let C::M(m) = decode_all(b)? else {
        return Err("not a map".into());
    };
    let mut seen = BTreeSet::new();
    let mut p = Payload::default();
    let mut have = [false; 8];
    for (k, v) in &m {
        let C::U(k) = k else {
            return Err("non-uint key".into());
        };
        if !seen.insert(*k) {
            return Err("duplicate key".into());
        }
        match (*k, v) {
            (0, C::U(1)) => have[0] = true,
            (0, _) => return Err("version".into()),
            (1, C::B(t)) if t.len() == 256 => {
                p.text = t.clone();
                have[1] = true
            }
            (2, C::B(t)) if t.len() == 1024 => {}
            (3, C::B(t)) if t.len() == 1024 => p.fingerprint = true,
            (4, C::U(t)) => {
                p.read_at = *t;
                have[4] = true
            }
            (5, C::B(n)) if (8..=64).contains(&n.len()) => p.nonce = Some(n.clone()),
            (6, C::T(s)) if (1..=64).contains(&s.chars().count()) => {}
            (7, C::B(s)) if (1..=32).contains(&s.len()) => {}
            (k, _) if k > 7 => p.unknown_key = true,
            (k, _) => return Err(format!("key {k} wrong type or size")),
        }
    }
    if !(have[0] && have[1] && have[4]) {
        return Err("missing required key".into());
    }
    Ok(p)
}

struct TrustStore {
    jwks: Vec<(String, VerifyingKey)>,
    anchors: Vec<Certificate>,
    revoked_kids: Vec<String>,
    revoked_serials: Vec<(Certificate, Vec<u8>)>,
}

fn load_trust(dir: &Path, t: &Value) -> TrustStore {
    let mut ts = TrustStore { jwks: vec![], anchors: vec![], revoked_kids: vec![], revoked_serials: vec![] };
    for f in t["jwks"].as_array().unwrap() {
        let j: Value = serde_json::from_slice(&fs::read(dir.join(f.as_str().unwrap())).unwrap()).unwrap();
        for k in j["keys"].as_array().unwrap() {
            if k["kty"] != "EC" || k["crv"] != "P-256" {
                continue;
            }
            let mut sec1 = vec![4u8];
            sec1.extend(b64url_decode(k["x"].as_str().unwrap()).unwrap());
            sec1.extend(b64url_decode(k["y"].as_str().unwrap()).unwrap());
            ts.jwks.push((k["kid"].as_str().unwrap().to_string(), VerifyingKey::from_sec1_bytes(&sec1).unwrap()));
        }
    }
    let pem = |f: &str| Certificate::from_pem(fs::read(dir.join(f)).unwrap()).unwrap();
    for f in t["certificates"].as_array().unwrap() {
        ts.anchors.push(pem(f.as_str().unwrap()));
    }
    for k in t["revokedKids"].as_array().unwrap() {
        ts.revoked_kids.push(k.as_str().unwrap().to_string());
    }
    for r in t["revokedSerials"].as_array().unwrap() {
        ts.revoked_serials.push((pem(r["issuer"].as_str().unwrap()), unhex(r["serialHex"].as_str().unwrap())));
    }
    ts
}

fn cert_key(c: &Certificate) -> Option<VerifyingKey> {
    VerifyingKey::from_sec1_bytes(c.tbs_certificate().subject_public_key_info().subject_public_key.raw_bytes()).ok()
}

/// `child` is signed by `parent` with ecdsa-with-SHA256 and names it as issuer.
fn issued_by(child: &Certificate, parent: &Certificate) -> bool {
    const ECDSA_SHA256: &str = "1.2.840.10045.4.3.2";
    if child.tbs_certificate().issuer() != parent.tbs_certificate().subject() {
        return false;
    }
    if child.signature_algorithm().oid.to_string() != ECDSA_SHA256 {
        return false;
    }
    let Some(key) = cert_key(parent) else {
        return false;
    };
    let Some(sig_bytes) = child.signature().as_bytes() else {
        return false;
    };
    let Ok(sig) = DerSignature::from_bytes(sig_bytes) else {
        return false;
    };
    let tbs = child.tbs_certificate().to_der().unwrap();
    key.verify(&tbs, &sig).is_ok()
}

fn valid_at(c: &Certificate, t: u64) -> bool {
    let v = c.tbs_certificate().validity();
    let nb = v.not_before.to_unix_duration().as_secs();
    let na = v.not_after.to_unix_duration().as_secs();
    nb <= t && t <= na
}

fn basic_constraints(c: &Certificate) -> Option<BasicConstraints> {
    c.tbs_certificate().get_extension::<BasicConstraints>().ok().flatten().map(|(_, bc)| bc)
}

/// Returns (signer key, the path certificates that revocation applies to) or why the path fails.
fn x5chain_path(
    chain: &C,
    ts: &TrustStore,
    read_at: u64,
    at: u64,
    max_age: Option<u64>,
) -> Result<(VerifyingKey, Vec<Certificate>), String> {
    let ders: Vec<Vec<u8>> = match chain {
        C::B(b) => vec![b.clone()],
        C::A(items) => items
            .iter()
            .map(|i| if let C::B(b) = i { Ok(b.clone()) } else { Err("x5chain item not bstr".to_string()) })
            .collect::<Result<_, _>>()?,
        _ => return Err("x5chain type".into()),
    };
    if ders.is_empty() || ders.len() > 4 {
        return Err("x5chain length".into());
    }
    let certs: Vec<Certificate> = ders
        .iter()
        .map(|d| Certificate::from_der(d).map_err(|e| format!("cert parse: {e}")))
        .collect::<Result<_, _>>()?;
    let anchor_ders: Vec<Vec<u8>> = ts.anchors.iter().map(|a| a.to_der().unwrap()).collect();
    // The chain either ends with an anchor (identical DER) or its last cert is issued by one.
    let mut path = certs.clone();
    let ends_with_anchor = anchor_ders.contains(ders.last().unwrap());
    if !ends_with_anchor {
        let last = certs.last().unwrap();
        let anchor = ts.anchors.iter().find(|a| issued_by(last, a)).ok_or("no anchor issued the chain")?;
        path.push(anchor.clone());
    }
    // path = [signer, intermediates..., anchor]
    for w in path.windows(2) {
        if !issued_by(&w[0], &w[1]) {
            return Err("broken link".into());
        }
    }
    let n = path.len();
    // every certificate of the x5chain within its validity at readAt (the anchor too)
    for (idx, c) in path.iter().enumerate() {
        if !valid_at(c, read_at) {
            return Err(format!("cert {idx} not valid at readAt"));
        }
    }
    if max_age.is_some() && !valid_at(&path[0], at) {
        return Err("signer not valid at verification time".into());
    }
    // CA rules for every issuer in the path except the anchor; pathLen for all issuers
    for (idx, c) in path.iter().enumerate().skip(1) {
        let bc = basic_constraints(c);
        let is_anchor = idx == n - 1;
        if !is_anchor && !bc.as_ref().is_some_and(|b| b.ca) {
            return Err(format!("cert {idx} is not a CA"));
        }
        if let Some(BasicConstraints { path_len_constraint: Some(pl), .. }) = bc {
            let below = idx - 1; // intermediate CAs between this CA and the signer
            if below > pl as usize {
                return Err(format!("pathLen {pl} exceeded at cert {idx}"));
            }
        }
    }
    if let Ok(Some((_, ku))) = path[0].tbs_certificate().get_extension::<KeyUsage>() {
        if !ku.digital_signature() {
            return Err("signer keyUsage lacks digitalSignature".into());
        }
    }
    if let Some(bc) = basic_constraints(&path[0]) {
        if bc.ca {
            return Err("signer is a CA".into());
        }
    }
    let key = cert_key(&path[0]).ok_or("signer key not P-256")?;
    let revocable = if ends_with_anchor { path[..n - 1].to_vec() } else { certs };
    Ok((key, revocable))
}

fn card_checks(text: &[u8], read_at: u64, out: &mut Outcome, has_fp: bool) {
    let units: Vec<u16> = text.chunks(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
    let field = |off: usize, len: usize| -> Option<String> {
        let s = String::from_utf16(&units[off / 2..(off + len) / 2]).ok()?;
        Some(s.trim_end_matches([' ', '\0']).to_string())
    };
    let marker = units[124];
    // (number, birth, sex, from, until, nationality)
    let layout = match marker {
        0x20 => "mainland",
        0x49 => "fpr2017",
        0x59 => "fpr2023",
        0x4a => "hmt",
        _ => "",
    };
    let parsed = (|| -> Option<(String, String, String, String, String, String)> {
        match layout {
            "mainland" | "hmt" => {
                Some((field(122, 36)?, field(36, 16)?, field(30, 2)?, field(188, 16)?, field(204, 16)?, String::new()))
            }
            "fpr2023" => {
                Some((field(122, 36)?, field(36, 16)?, field(30, 2)?, field(188, 16)?, field(204, 16)?, field(242, 6)?))
            }
            "fpr2017" => Some((
                field(122, 30)?,
                field(220, 16)?,
                field(120, 2)?,
                field(188, 16)?,
                field(204, 16)?,
                field(152, 6)?,
            )),
            _ => None,
        }
    })();
    let Some((number, birth, sex, from, until, nat)) = parsed else {
        out.failed.insert("CARD_LAYOUT");
        out.skipped.extend(["CARD_NUMBER", "CARD_CONSISTENCY", "CARD_VALIDITY"]);
        return;
    };
    let until_days = if until == "长期" && layout == "mainland" { Some(i64::MAX) } else { parse_date(&until) };
    if parse_date(&birth).is_none()
        || parse_date(&from).is_none()
        || until_days.is_none()
        || !["0", "1", "2", "9"].contains(&sex.as_str())
    {
        out.failed.insert("CARD_LAYOUT");
        out.skipped.extend(["CARD_NUMBER", "CARD_CONSISTENCY", "CARD_VALIDITY"]);
        return;
    }
    if has_fp && layout.starts_with("fpr") {
        out.warnings.insert("UNEXPECTED_FINGERPRINT");
    }
    out.card = Some((layout.to_string(), number.clone()));
    let nb = number.as_bytes();
    // The permit's pass number (offset 220, 9 chars): H/M + 8 digits (HK/Macao) or 8 digits (Taiwan).
    let pass = if layout == "hmt" { field(220, 18).unwrap_or_default() } else { String::new() };
    let pb = pass.as_bytes();
    let pass_region = match pb {
        [b'H', rest @ ..] if rest.len() == 8 && rest.iter().all(u8::is_ascii_digit) => Some(b'1'),
        [b'M', rest @ ..] if rest.len() == 8 && rest.iter().all(u8::is_ascii_digit) => Some(b'2'),
        _ if pb.len() == 8 && pb.iter().all(u8::is_ascii_digit) => Some(b'3'),
        _ => None,
    };
    let number_ok = match layout {
        "fpr2023" => nb.len() == 18 && nb[0] == b'9' && mod11(&number),
        "mainland" => nb.len() == 18 && (b'1'..=b'8').contains(&nb[0]) && mod11(&number),
        "hmt" => {
            nb.len() == 18
                && [&b"810000"[..], b"820000", b"830000"].contains(&&nb[..6])
                && mod11(&number)
                && pass_region.is_some()
        }
        _ => {
            nb.len() == 15
                && nb[..3].iter().all(u8::is_ascii_uppercase)
                && nb[3..].iter().all(u8::is_ascii_digit)
                && check731(&number)
        }
    };
    if !number_ok {
        out.failed.insert("CARD_NUMBER");
        out.skipped.insert("CARD_CONSISTENCY");
    } else {
        let consistent = if layout == "fpr2017" {
            number[7..13] == birth[2..8] && number[..3] == nat
        } else {
            let parity_male = (nb[16] - b'0') % 2 == 1;
            let sex_ok = match sex.as_str() {
                "1" => parity_male,
                "2" => !parity_male,
                _ => true,
            };
            let nat_ok = layout != "fpr2023" || COUNTRIES.iter().any(|(a, n)| *a == nat && *n == &number[3..6]);
            let pass_ok = layout != "hmt" || pass_region == Some(nb[1]);
            number[6..14] == birth && sex_ok && nat_ok && pass_ok
        };
        if !consistent {
            out.failed.insert("CARD_CONSISTENCY");
        }
    }
    // CST calendar day of readAt
    let today = ((read_at + 8 * 3600) / 86400) as i64;
    if today < parse_date(&from).unwrap() || today > until_days.unwrap() {
        out.failed.insert("CARD_VALIDITY");
    }
}

fn verify(bytes: &[u8], trust_dir: &Path, entry: &Value) -> Outcome {
    let mut out = Outcome {
        failed: BTreeSet::new(),
        skipped: BTreeSet::new(),
        warnings: BTreeSet::new(),
        card: None,
        notes: vec![],
    };
    let opts = &entry["options"];
    let at = opts["at"].as_u64().unwrap();
    let max_age = opts["maxAgeSeconds"].as_u64();
    let expected_nonce = opts["expectedNonceHex"].as_str().map(unhex);
    let aad = opts["externalAadHex"].as_str().map(unhex).unwrap_or_default();
    let ts = load_trust(trust_dir, &entry["trust"]);

    let env = match envelope(bytes) {
        Ok(e) => e,
        Err(e) => {
            out.notes.push(format!("envelope: {e}"));
            out.failed.insert("ENVELOPE");
            out.skipped.extend(crate::cases::CHECKS.iter().skip(1).copied());
            return out;
        }
    };
    let pl = match payload(&env.payload) {
        Ok(p) => Some(p),
        Err(e) => {
            out.notes.push(format!("payload: {e}"));
            out.failed.insert("PAYLOAD");
            out.skipped.extend([
                "FRESHNESS",
                "NONCE",
                "CARD_LAYOUT",
                "CARD_NUMBER",
                "CARD_CONSISTENCY",
                "CARD_VALIDITY",
            ]);
            None
        }
    };
    if pl.as_ref().is_some_and(|p| p.unknown_key) {
        out.warnings.insert("UNKNOWN_PAYLOAD_KEY");
    }
    let alg_ok = matches!(get(&env.protected, 1), Some(C::N(6)));
    if !alg_ok {
        out.failed.insert("ALGORITHM");
    }
    let read_at = pl.as_ref().map(|p| p.read_at).unwrap_or(at);
    // SIGNER
    let kid = match get(&env.protected, 4).or_else(|| get(&env.unprotected, 4)) {
        Some(C::B(k)) => Some(k.clone()),
        _ => None,
    };
    let x5 = get(&env.unprotected, 33);
    let mut signer: Option<(VerifyingKey, Option<String>, Vec<Certificate>)> = None;
    if let Some(chain) = x5 {
        if kid.is_some() {
            out.warnings.insert("KID_IGNORED");
        }
        match x5chain_path(chain, &ts, read_at, at, max_age) {
            Ok((k, certs)) => signer = Some((k, None, certs)),
            Err(e) => out.notes.push(format!("x5chain: {e}")),
        }
    } else if let Some(kid) = &kid {
        if let Some((name, k)) = ts.jwks.iter().find(|(n, _)| n.as_bytes() == kid.as_slice()) {
            signer = Some((*k, Some(name.clone()), vec![]));
        } else {
            out.notes.push("unknown kid".into());
        }
    }
    match &signer {
        None => {
            out.failed.insert("SIGNER");
            out.skipped.extend(["REVOCATION", "SIGNATURE"]);
        }
        Some((key, kid_name, certs)) => {
            let kid_revoked = kid_name.as_ref().is_some_and(|k| ts.revoked_kids.contains(k));
            let serial_revoked = certs.iter().any(|c| {
                ts.revoked_serials.iter().any(|(issuer, serial)| {
                    issuer.tbs_certificate().subject() == c.tbs_certificate().issuer()
                        && strip_zeros(serial) == strip_zeros(c.tbs_certificate().serial_number().as_bytes())
                })
            });
            if kid_revoked || serial_revoked {
                out.failed.insert("REVOCATION");
            }
            if !alg_ok {
                out.skipped.insert("SIGNATURE");
            } else {
                // Sig_structure rebuilt by hand: 84 | 6a "Signature1" | bstr protected | bstr aad | bstr payload
                let mut tbs = vec![0x84, 0x6a];
                tbs.extend_from_slice(b"Signature1");
                for part in [&env.protected_bytes, &aad, &env.payload] {
                    bstr_head(&mut tbs, part.len());
                    tbs.extend_from_slice(part);
                }
                let ok = Signature::from_slice(&env.sig).map(|s| key.verify(&tbs, &s).is_ok()).unwrap_or(false);
                if !ok {
                    out.failed.insert("SIGNATURE");
                }
                if entry["file"] == "y-high-s.cose" {
                    let high = env.sig[32..]
                        > [
                            0x7f, 0xff, 0xff, 0xff, 0x80, 0, 0, 0, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                            0xde, 0x73, 0x7d, 0x56, 0xd3, 0x8b, 0xcf, 0x42, 0x79, 0xdc, 0xe5, 0x61, 0x7e, 0x31, 0x92,
                            0xa8,
                        ][..];
                    if !high {
                        out.notes.push("y-high-s.cose is NOT high-S".into());
                        out.failed.insert("SELFCHECK");
                    }
                }
            }
        }
    }
    let Some(p) = pl else { return out };
    // FRESHNESS
    let too_new = p.read_at > at + 300;
    let too_old = max_age.is_some_and(|m| at > p.read_at && at - p.read_at > m);
    if too_new || too_old {
        out.failed.insert("FRESHNESS");
    }
    // NONCE
    match &expected_nonce {
        None => {
            out.skipped.insert("NONCE");
        }
        Some(n) => {
            if p.nonce.as_ref() != Some(n) {
                out.failed.insert("NONCE");
            }
        }
    }
    card_checks(&p.text, p.read_at, &mut out, p.fingerprint);
    out
}

fn bstr_head(out: &mut Vec<u8>, n: usize) {
    if n < 24 {
        out.push(0x40 | n as u8);
    } else if n < 256 {
        out.extend_from_slice(&[0x58, n as u8]);
    } else if n < 65536 {
        out.push(0x59);
        out.extend_from_slice(&(n as u16).to_be_bytes());
    } else {
        out.push(0x5a);
        out.extend_from_slice(&(n as u32).to_be_bytes());
    }
}

/// Re-verify every fixture under `dir` (trust/, dumps/, chip/). Returns (passed, failed).
pub fn run(dir: &Path) -> (usize, usize) {
    let (mut passed, mut failed) = run_manifest(&dir.join("dumps"), &dir.join("trust"));
    let (p, f) = run_chip(dir);
    passed += p;
    failed += f;
    (passed, failed)
}

/// Re-verify the dumps listed in `dumps/manifest.json`, trust file names relative to `trust`.
/// Also used on the flat interop directory (dumps, manifest and trust files side by side).
pub fn run_manifest(dumps: &Path, trust: &Path) -> (usize, usize) {
    let trust = trust.to_path_buf();
    let manifest: Value = serde_json::from_slice(&fs::read(dumps.join("manifest.json")).expect("manifest")).unwrap();
    let (mut passed, mut failed) = (0, 0);
    for entry in manifest.as_array().unwrap() {
        let file = entry["file"].as_str().unwrap();
        let bytes = fs::read(dumps.join(file)).unwrap();
        let o = verify(&bytes, &trust, entry);
        let mut problems = Vec::new();
        let want_failed: BTreeSet<&str> =
            entry["failedChecks"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        let got_failed: BTreeSet<&str> = o.failed.iter().copied().collect();
        if want_failed != got_failed {
            problems.push(format!("failed checks: manifest {want_failed:?}, recomputed {got_failed:?}"));
        }
        let accepted = got_failed.is_empty();
        if (entry["expected"] == "accepted") != accepted {
            problems.push("verdict differs".into());
        }
        for (id, state) in entry["checks"].as_object().unwrap() {
            let got = if o.failed.contains(id.as_str()) {
                "failed"
            } else if o.skipped.contains(id.as_str()) {
                "skipped"
            } else {
                "passed"
            };
            if state != got {
                problems.push(format!("{id}: manifest {state}, recomputed {got}"));
            }
        }
        let want_w: BTreeSet<&str> =
            entry["warnings"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        let got_w: BTreeSet<&str> = o.warnings.iter().copied().collect();
        if want_w != got_w {
            problems.push(format!("warnings: manifest {want_w:?}, recomputed {got_w:?}"));
        }
        let want_card = entry
            .get("card")
            .map(|c| (c["layout"].as_str().unwrap().to_string(), c["number"].as_str().unwrap().to_string()));
        if want_card.is_some() && want_card != o.card {
            problems.push(format!("card: manifest {want_card:?}, parsed {:?}", o.card));
        }
        if problems.is_empty() {
            passed += 1;
        } else {
            failed += 1;
            println!("FAIL {file}: {} [{}]", problems.join("; "), o.notes.join("; "));
        }
    }
    (passed, failed)
}

/// The chip blocks: 256 bytes each, the marker matches the manifest, fields decode.
fn run_chip(dir: &Path) -> (usize, usize) {
    let (mut passed, mut failed) = (0, 0);
    let chip: Value = serde_json::from_slice(&fs::read(dir.join("chip/manifest.json")).unwrap()).unwrap();
    for e in chip.as_array().unwrap() {
        let b = fs::read(dir.join("chip").join(e["file"].as_str().unwrap())).unwrap();
        let mut o = Outcome {
            failed: BTreeSet::new(),
            skipped: BTreeSet::new(),
            warnings: BTreeSet::new(),
            card: None,
            notes: vec![],
        };
        let ok_len = b.len() == 256;
        if ok_len {
            card_checks(&b, crate::cases::READ_AT, &mut o, false);
        }
        let number = e["expected"]["number"].as_str().unwrap();
        if ok_len && o.failed.is_empty() && o.card.as_ref().map(|c| c.1.as_str()) == Some(number) {
            passed += 1;
        } else {
            failed += 1;
            println!("FAIL chip/{}: {:?}", e["file"], o.failed);
        }
    }
    (passed, failed)
}
