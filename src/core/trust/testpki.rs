//! Test-only PKI: deterministic P-256 keys and a hand-rolled DER
//! certificate builder (this crate enables no x509-cert `builder` feature, and
//! the tests need deliberately broken certificates, which a builder refuses).

use base64ct::{Base64, Base64UrlUnpadded, Encoding};
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

use crate::core::date::Date;

/// 2025-01-01T00:00:00Z.
pub const T2025: i64 = 1_735_689_600;
/// 2030-01-01T00:00:00Z.
pub const T2030: i64 = 1_893_456_000;

/// A deterministic P-256 key pair.
pub struct TestKey {
    pub sk: SigningKey,
    pub vk: VerifyingKey,
}

impl TestKey {
    pub fn new(seed: u8) -> Self {
        let mut counter = 0u8;
        loop {
            let d = Sha256::digest([b'k', seed, counter]);
            if let Ok(sk) = SigningKey::from_slice(&d) {
                let vk = *sk.verifying_key();
                return TestKey { sk, vk };
            }
            counter += 1;
        }
    }

    /// base64url x and y.
    pub fn jwk_xy(&self) -> (String, String) {
        let p = self.vk.to_sec1_point(false);
        let b = p.as_bytes();
        (Base64UrlUnpadded::encode_string(&b[1..33]), Base64UrlUnpadded::encode_string(&b[33..65]))
    }

    /// A one-key JWK set.
    pub fn jwks(&self, kid: &str) -> String {
        let (x, y) = self.jwk_xy();
        format!(r#"{{"keys":[{{"kty":"EC","crv":"P-256","x":"{x}","y":"{y}","kid":"{kid}"}}]}}"#)
    }

    /// Raw r||s.
    pub fn sign(&self, msg: &[u8]) -> Vec<u8> {
        let sig: Signature = self.sk.sign(msg);
        sig.to_bytes().to_vec()
    }

    /// DER ECDSA-Sig-Value.
    pub fn sign_der(&self, msg: &[u8]) -> Vec<u8> {
        let sig: Signature = self.sk.sign(msg);
        sig.to_der().as_bytes().to_vec()
    }
}

/// PEM armour.
pub fn pem(der: &[u8]) -> String {
    let b64 = Base64::encode_string(der);
    let mut s = String::from("-----BEGIN CERTIFICATE-----\n");
    for chunk in b64.as_bytes().chunks(64) {
        s.push_str(std::str::from_utf8(chunk).unwrap());
        s.push('\n');
    }
    s.push_str("-----END CERTIFICATE-----\n");
    s
}

// --- DER helpers -----------------------------------------------------------

pub fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let n = content.len();
    if n < 0x80 {
        out.push(n as u8);
    } else if n <= 0xff {
        out.extend_from_slice(&[0x81, n as u8]);
    } else {
        out.extend_from_slice(&[0x82, (n >> 8) as u8, n as u8]);
    }
    out.extend_from_slice(content);
    out
}

fn seq(parts: &[Vec<u8>]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

fn uint(bytes: &[u8]) -> Vec<u8> {
    let first = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len().saturating_sub(1));
    let mut v = bytes[first..].to_vec();
    if v.is_empty() {
        v.push(0);
    }
    if v[0] & 0x80 != 0 {
        v.insert(0, 0);
    }
    tlv(0x02, &v)
}

const OID_ECDSA_SHA256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02];
const OID_ECDSA_SHA384: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03];
const OID_EC_PUBKEY: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
const OID_P256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
const OID_CN: &[u8] = &[0x55, 0x04, 0x03];
const OID_BC: &[u8] = &[0x55, 0x1d, 0x13];
const OID_KU: &[u8] = &[0x55, 0x1d, 0x0f];
const OID_PRIVATE: &[u8] = &[0x2b, 0x06, 0x01, 0x04, 0x01, 0x86, 0x8d, 0x1f, 0x01];

fn name(cn: &str) -> Vec<u8> {
    seq(&[tlv(0x31, &seq(&[tlv(0x06, OID_CN), tlv(0x0c, cn.as_bytes())]))])
}

fn time(unix: i64) -> Vec<u8> {
    let d = Date::from_days_since_epoch(unix.div_euclid(86_400));
    let s = unix.rem_euclid(86_400);
    let hms = format!("{:02}{:02}{:02}Z", s / 3600, (s / 60) % 60, s % 60);
    if (1950..2050).contains(&d.year) {
        tlv(0x17, format!("{:02}{:02}{:02}{hms}", d.year % 100, d.month, d.day).as_bytes())
    } else {
        tlv(0x18, format!("{:04}{:02}{:02}{hms}", d.year, d.month, d.day).as_bytes())
    }
}

fn ext(oid: &[u8], critical: bool, value: &[u8]) -> Vec<u8> {
    let mut parts = vec![tlv(0x06, oid)];
    if critical {
        parts.push(vec![0x01, 0x01, 0xff]);
    }
    parts.push(tlv(0x04, value));
    seq(&parts)
}

fn key_usage_value(bits: u8) -> Vec<u8> {
    let unused = if bits == 0 { 0 } else { bits.trailing_zeros() as u8 };
    tlv(0x03, &[unused, bits])
}

/// What to put in a test certificate.
#[derive(Clone)]
pub struct CertSpec {
    pub subject: String,
    pub issuer: String,
    pub serial: Vec<u8>,
    pub not_before: i64,
    pub not_after: i64,
    /// None = no basicConstraints; Some((ca, pathlen)).
    pub basic: Option<(bool, Option<u8>)>,
    /// keyUsage first byte (0x80 digitalSignature, 0x04 keyCertSign, 0x02 cRLSign).
    pub key_usage: Option<u8>,
    pub extra: Option<bool>,
    pub sha384: bool,
}

impl CertSpec {
    pub fn ca(subject: &str, issuer: &str) -> Self {
        CertSpec {
            subject: subject.to_owned(),
            issuer: issuer.to_owned(),
            serial: vec![0x01],
            not_before: T2025,
            not_after: T2030,
            basic: Some((true, None)),
            key_usage: Some(0x06),
            extra: None,
            sha384: false,
        }
    }

    pub fn leaf(subject: &str, issuer: &str) -> Self {
        CertSpec {
            basic: Some((false, None)),
            key_usage: Some(0x80),
            serial: vec![0x10, 0x01],
            ..CertSpec::ca(subject, issuer)
        }
    }

    pub fn path_len(mut self, n: u8) -> Self {
        self.basic = Some((true, Some(n)));
        self
    }

    pub fn no_basic(mut self) -> Self {
        self.basic = None;
        self
    }

    pub fn key_usage(mut self, bits: u8) -> Self {
        self.key_usage = Some(bits);
        self
    }

    pub fn validity(mut self, nb: i64, na: i64) -> Self {
        self.not_before = nb;
        self.not_after = na;
        self
    }

    pub fn serial(mut self, s: &[u8]) -> Self {
        self.serial = s.to_vec();
        self
    }

    pub fn extra_ext(mut self, critical: bool) -> Self {
        self.extra = Some(critical);
        self
    }

    pub fn sig_alg_sha384(mut self) -> Self {
        self.sha384 = true;
        self
    }

    /// DER certificate for `subject_key`, signed by `issuer_key`.
    pub fn build(&self, subject_key: &TestKey, issuer_key: &TestKey) -> Vec<u8> {
        let sig_oid = if self.sha384 { OID_ECDSA_SHA384 } else { OID_ECDSA_SHA256 };
        let alg = seq(&[tlv(0x06, sig_oid)]);
        let point = subject_key.vk.to_sec1_point(false);
        let mut bits = vec![0u8];
        bits.extend_from_slice(point.as_bytes());
        let spki = seq(&[seq(&[tlv(0x06, OID_EC_PUBKEY), tlv(0x06, OID_P256)]), tlv(0x03, &bits)]);
        let mut exts = Vec::new();
        if let Some((ca, pl)) = self.basic {
            let mut inner = Vec::new();
            if ca {
                inner.push(vec![0x01, 0x01, 0xff]);
            }
            if let Some(n) = pl {
                inner.push(uint(&[n]));
            }
            exts.push(ext(OID_BC, true, &seq(&inner)));
        }
        if let Some(ku) = self.key_usage {
            exts.push(ext(OID_KU, true, &key_usage_value(ku)));
        }
        if let Some(critical) = self.extra {
            exts.push(ext(OID_PRIVATE, critical, &[0x05, 0x00]));
        }
        let mut tbs_parts = vec![
            tlv(0xa0, &uint(&[2])),
            uint(&self.serial),
            alg.clone(),
            name(&self.issuer),
            seq(&[time(self.not_before), time(self.not_after)]),
            name(&self.subject),
            spki,
        ];
        if !exts.is_empty() {
            tbs_parts.push(tlv(0xa3, &seq(&exts)));
        }
        let tbs = seq(&tbs_parts);
        let sig = issuer_key.sign_der(&tbs);
        let mut sig_bits = vec![0u8];
        sig_bits.extend_from_slice(&sig);
        seq(&[tbs, alg, tlv(0x03, &sig_bits)])
    }
}
