//! The test PKI: deterministic P-256 keys and a hand-rolled DER certificate builder.
//!
//! Keys: the private scalar is SHA-256(seed), re-hashed while it is not a valid scalar in [1, n-1];
//! ECDSA is RFC 6979 (p256's `Signer`), so the same input always gives the same signature and no
//! randomness is used anywhere.
//!
//! Certificates are written by hand (no x509-cert `builder`): the tests need deliberately broken
//! certificates (no basicConstraints, wrong keyUsage, an unknown critical extension, a signature
//! algorithm that does not match the signature), which a builder refuses. What it writes is plain
//! DER: for the same fields, the same bytes as x509-cert's `CertificateBuilder`.

use base64ct::{Base64, Base64UrlUnpadded, Encoding};
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

use crate::time::civil_from_unix;
pub use crate::time::{T2025, T2030};

/// A deterministic P-256 key pair.
#[derive(Clone, Debug)]
pub struct TestKey {
    pub sk: SigningKey,
    pub vk: VerifyingKey,
}

impl TestKey {
    /// The key of `seed`: scalar = SHA-256(seed), re-hashed until it is a valid scalar.
    pub fn from_seed(seed: &[u8]) -> Self {
        let mut h: [u8; 32] = Sha256::digest(seed).into();
        loop {
            if let Ok(sk) = SigningKey::from_slice(&h) {
                let vk = *sk.verifying_key();
                return TestKey { sk, vk };
            }
            h = Sha256::digest(h).into();
        }
    }

    /// Numbered key `n` for unit tests: the key of the seed bytes `[b'k', n, 0]`.
    pub fn new(n: u8) -> Self {
        Self::from_seed(&[b'k', n, 0])
    }

    /// The uncompressed SEC1 point 04 || x || y.
    pub fn sec1(&self) -> Vec<u8> {
        self.vk.to_sec1_point(false).as_bytes().to_vec()
    }

    /// The affine coordinates (x, y), 32 bytes each.
    pub fn xy(&self) -> (Vec<u8>, Vec<u8>) {
        let p = self.sec1();
        assert_eq!(p.len(), 65, "uncompressed P-256 point");
        (p[1..33].to_vec(), p[33..65].to_vec())
    }

    /// base64url x and y, as in a JWK.
    pub fn jwk_xy(&self) -> (String, String) {
        let (x, y) = self.xy();
        (b64url(&x), b64url(&y))
    }

    /// A one-key JWK set.
    pub fn jwks(&self, kid: &str) -> String {
        let (x, y) = self.jwk_xy();
        format!(r#"{{"keys":[{{"kty":"EC","crv":"P-256","x":"{x}","y":"{y}","kid":"{kid}"}}]}}"#)
    }

    /// Key identifier: the first 20 bytes of SHA-256 over the subjectPublicKey bits (RFC 7093 method 1).
    pub fn key_id(&self) -> Vec<u8> {
        Sha256::digest(self.sec1())[..20].to_vec()
    }

    /// Raw r || s (IEEE P1363), 64 bytes.
    pub fn sign(&self, msg: &[u8]) -> Vec<u8> {
        let sig: Signature = self.sk.sign(msg);
        sig.to_bytes().to_vec()
    }

    /// DER ECDSA-Sig-Value of the same signature.
    pub fn sign_der(&self, msg: &[u8]) -> Vec<u8> {
        let sig: Signature = self.sk.sign(msg);
        sig.to_der().as_bytes().to_vec()
    }
}

/// Unpadded base64url (RFC 4648 §5).
pub fn b64url(data: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(data)
}

/// PEM armour for a DER certificate (64-character lines, LF).
pub fn pem(der: &[u8]) -> String {
    let b64 = Base64::encode_string(der);
    let mut s = String::from("-----BEGIN CERTIFICATE-----\n");
    for chunk in b64.as_bytes().chunks(64) {
        s.push_str(std::str::from_utf8(chunk).expect("base64 is ASCII"));
        s.push('\n');
    }
    s.push_str("-----END CERTIFICATE-----\n");
    s
}

// --- DER helpers -----------------------------------------------------------

/// A DER TLV with a definite length (short form, or long form of 1 or 2 bytes).
pub fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let n = content.len();
    if n < 0x80 {
        out.push(n as u8);
    } else if n <= 0xff {
        out.extend_from_slice(&[0x81, n as u8]);
    } else {
        assert!(n <= 0xffff, "DER content too long for this helper");
        out.extend_from_slice(&[0x82, (n >> 8) as u8, n as u8]);
    }
    out.extend_from_slice(content);
    out
}

fn seq(parts: &[Vec<u8>]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

/// INTEGER of the unsigned big-endian `bytes`, minimal: leading zeros dropped, one added when the
/// top bit is set.
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
const OID_C: &[u8] = &[0x55, 0x04, 0x06];
const OID_O: &[u8] = &[0x55, 0x04, 0x0a];
const OID_BC: &[u8] = &[0x55, 0x1d, 0x13];
const OID_KU: &[u8] = &[0x55, 0x1d, 0x0f];
const OID_SKI: &[u8] = &[0x55, 0x1d, 0x0e];
const OID_AKI: &[u8] = &[0x55, 0x1d, 0x23];
const OID_PRIVATE: &[u8] = &[0x2b, 0x06, 0x01, 0x04, 0x01, 0x86, 0x8d, 0x1f, 0x01];

/// A distinguished name: its attributes in encoding order (most significant first), one per RDN.
/// Only C (PrintableString), O and CN (UTF8String) are supported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name(Vec<(Attr, String)>);

/// A name attribute type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attr {
    C,
    O,
    CN,
}

impl Name {
    /// Just a commonName.
    pub fn cn(cn: &str) -> Name {
        Name(vec![(Attr::CN, cn.to_owned())])
    }

    /// An RFC 4514 string such as `CN=Reader,O=Example,C=CN` (most specific first, as written; no
    /// escapes, no multi-valued RDNs). Encoded in reverse, as RFC 4514 prescribes (C first).
    pub fn rfc4514(s: &str) -> Name {
        let mut attrs = Vec::new();
        for part in s.split(',') {
            let (k, v) = part.split_once('=').expect("DN component is TYPE=value");
            assert!(!v.contains(['\\', '+', '"']), "no escapes or multi-valued RDNs in test DNs: {s}");
            let a = match k {
                "C" => Attr::C,
                "O" => Attr::O,
                "CN" => Attr::CN,
                other => panic!("unsupported DN attribute {other}"),
            };
            attrs.push((a, v.to_owned()));
        }
        attrs.reverse();
        Name(attrs)
    }

    fn der(&self) -> Vec<u8> {
        let rdns: Vec<Vec<u8>> = self
            .0
            .iter()
            .map(|(a, v)| {
                let (oid, tag) = match a {
                    Attr::C => (OID_C, 0x13),
                    Attr::O => (OID_O, 0x0c),
                    Attr::CN => (OID_CN, 0x0c),
                };
                tlv(0x31, &seq(&[tlv(0x06, oid), tlv(tag, v.as_bytes())]))
            })
            .collect();
        seq(&rdns)
    }
}

impl From<&str> for Name {
    /// A bare string is a commonName.
    fn from(cn: &str) -> Name {
        Name::cn(cn)
    }
}

/// UTCTime for 1950..2049, GeneralizedTime otherwise (RFC 5280 §4.1.2.5).
fn time(unix: i64) -> Vec<u8> {
    let c = civil_from_unix(unix);
    let hms = format!("{:02}{:02}{:02}Z", c.hour, c.minute, c.second);
    if (1950..2050).contains(&c.year) {
        tlv(0x17, format!("{:02}{:02}{:02}{hms}", c.year % 100, c.month, c.day).as_bytes())
    } else {
        tlv(0x18, format!("{:04}{:02}{:02}{hms}", c.year, c.month, c.day).as_bytes())
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

/// What to put in a test certificate. Start from [`CertSpec::ca`] or [`CertSpec::leaf`] and adjust.
///
/// Extensions are written in this order: basicConstraints, keyUsage (both critical),
/// subjectKeyIdentifier, authorityKeyIdentifier (both non-critical), the private test extension.
#[derive(Clone, Debug)]
pub struct CertSpec {
    pub subject: Name,
    pub issuer: Name,
    /// Unsigned big-endian; written as a minimal DER INTEGER.
    pub serial: Vec<u8>,
    pub not_before: i64,
    pub not_after: i64,
    /// None = no basicConstraints; Some((ca, pathlen)).
    pub basic: Option<(bool, Option<u8>)>,
    /// keyUsage first byte (0x80 digitalSignature, 0x08 keyAgreement, 0x04 keyCertSign, 0x02 cRLSign);
    /// None = no keyUsage extension.
    pub key_usage: Option<u8>,
    /// subjectKeyIdentifier from the subject key.
    pub subject_key_id: bool,
    /// authorityKeyIdentifier (keyIdentifier only) from the issuer key.
    pub authority_key_id: bool,
    /// A private-OID extension (value NULL) with this criticality.
    pub extra: Option<bool>,
    /// Label the signature ecdsa-with-SHA384 (it is still computed with SHA-256).
    pub sha384: bool,
}

impl CertSpec {
    /// A CA: cA=TRUE without pathLen, keyUsage keyCertSign+cRLSign, serial 01, valid 2025..2030.
    pub fn ca(subject: impl Into<Name>, issuer: impl Into<Name>) -> Self {
        CertSpec {
            subject: subject.into(),
            issuer: issuer.into(),
            serial: vec![0x01],
            not_before: T2025,
            not_after: T2030,
            basic: Some((true, None)),
            key_usage: Some(0x06),
            subject_key_id: false,
            authority_key_id: false,
            extra: None,
            sha384: false,
        }
    }

    /// An end entity: cA=FALSE, keyUsage digitalSignature, serial 1001, valid 2025..2030.
    pub fn leaf(subject: impl Into<Name>, issuer: impl Into<Name>) -> Self {
        CertSpec {
            basic: Some((false, None)),
            key_usage: Some(0x80),
            serial: vec![0x10, 0x01],
            ..CertSpec::ca(subject, issuer)
        }
    }

    /// cA=TRUE with this pathLenConstraint.
    pub fn path_len(mut self, n: u8) -> Self {
        self.basic = Some((true, Some(n)));
        self
    }

    /// No basicConstraints extension.
    pub fn no_basic(mut self) -> Self {
        self.basic = None;
        self
    }

    pub fn key_usage(mut self, bits: u8) -> Self {
        self.key_usage = Some(bits);
        self
    }

    /// No keyUsage extension.
    pub fn no_key_usage(mut self) -> Self {
        self.key_usage = None;
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

    /// Add subjectKeyIdentifier and, if `authority`, authorityKeyIdentifier.
    pub fn key_ids(mut self, authority: bool) -> Self {
        self.subject_key_id = true;
        self.authority_key_id = authority;
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
        let mut bits = vec![0u8];
        bits.extend_from_slice(&subject_key.sec1());
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
        if self.subject_key_id {
            exts.push(ext(OID_SKI, false, &tlv(0x04, &subject_key.key_id())));
        }
        if self.authority_key_id {
            exts.push(ext(OID_AKI, false, &seq(&[tlv(0x80, &issuer_key.key_id())])));
        }
        if let Some(critical) = self.extra {
            exts.push(ext(OID_PRIVATE, critical, &[0x05, 0x00]));
        }
        let mut tbs_parts = vec![
            tlv(0xa0, &uint(&[2])),
            uint(&self.serial),
            alg.clone(),
            self.issuer.der(),
            seq(&[time(self.not_before), time(self.not_after)]),
            self.subject.der(),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `TestKey::new` used to hash `[b'k', n, counter]` with a counter from 0: the same key as the seed
    /// `[b'k', n, 0]` whenever that first hash is a valid scalar, which holds for every `n`.
    #[test]
    fn numbered_keys_never_need_a_rehash() {
        for n in 0..=255u8 {
            let d = Sha256::digest([b'k', n, 0]);
            assert!(SigningKey::from_slice(&d).is_ok(), "seed {n}");
        }
    }

    #[test]
    fn keys_and_signatures_are_stable() {
        let a = TestKey::from_seed(b"x");
        let b = TestKey::from_seed(b"x");
        assert_eq!(a.sk.to_bytes(), b.sk.to_bytes());
        assert_eq!(a.sign(b"m"), b.sign(b"m"));
        assert_eq!(a.sign(b"m").len(), 64);
        assert_ne!(TestKey::new(1).sec1(), TestKey::new(2).sec1());
    }

    #[test]
    fn b64url_matches_rfc4648_vectors() {
        assert_eq!(b64url(b""), "");
        assert_eq!(b64url(b"f"), "Zg");
        assert_eq!(b64url(b"fo"), "Zm8");
        assert_eq!(b64url(b"foo"), "Zm9v");
        assert_eq!(b64url(b"foob"), "Zm9vYg");
        assert_eq!(b64url(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn pem_wraps_at_64() {
        let p = pem(&[0u8; 60]);
        let lines: Vec<&str> = p.lines().collect();
        assert_eq!(lines.first(), Some(&"-----BEGIN CERTIFICATE-----"));
        assert_eq!(lines[1].len(), 64);
        assert_eq!(lines[2], "AAAAAAAAAAAAAAAA");
        assert_eq!(lines.last(), Some(&"-----END CERTIFICATE-----"));
    }

    #[test]
    fn names_encode_in_rfc4514_reverse_order() {
        let n = Name::rfc4514("CN=Reader,O=Example,C=CN");
        assert_eq!(n, Name(vec![(Attr::C, "CN".into()), (Attr::O, "Example".into()), (Attr::CN, "Reader".into())]));
        let der = n.der();
        assert_eq!(&der[..11], &[0x30, 0x30, 0x31, 0x0b, 0x30, 0x09, 0x06, 0x03, 0x55, 0x04, 0x06]);
        assert_eq!(&der[11..15], &[0x13, 0x02, b'C', b'N']);
        assert_eq!(Name::from("Root"), Name::cn("Root"));
    }

    #[test]
    fn der_integers_and_times() {
        assert_eq!(uint(&[0x00, 0x7f, 0x01]), [0x02, 0x02, 0x7f, 0x01]);
        assert_eq!(uint(&[0x8b, 0xad]), [0x02, 0x03, 0x00, 0x8b, 0xad]);
        assert_eq!(uint(&[0x00]), [0x02, 0x01, 0x00]);
        assert_eq!(time(T2025), tlv(0x17, b"250101000000Z"));
        assert_eq!(time(crate::time::unix_from_ymd(2050, 1, 1)), tlv(0x18, b"20500101000000Z"));
        assert_eq!(tlv(0x04, &[0; 200])[..3], [0x04, 0x81, 200]);
        assert_eq!(tlv(0x04, &[0; 300])[..4], [0x04, 0x82, 0x01, 0x2c]);
    }

    #[test]
    fn extensions_follow_the_knobs() {
        let (rk, lk) = (TestKey::new(1), TestKey::new(2));
        let plain = CertSpec::leaf("L", "R").build(&lk, &rk);
        let with_ids = CertSpec::leaf("L", "R").key_ids(true).build(&lk, &rk);
        let contains = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).any(|w| w == needle);
        assert!(!contains(&plain, &lk.key_id()));
        assert!(contains(&with_ids, &lk.key_id()));
        assert!(contains(&with_ids, &rk.key_id()));
        let no_ku = CertSpec::leaf("L", "R").no_key_usage().build(&lk, &rk);
        assert!(!contains(&no_ku, &[0x06, 0x03, 0x55, 0x1d, 0x0f]));
        assert!(contains(&plain, &[0x06, 0x03, 0x55, 0x1d, 0x0f]));
    }
}
