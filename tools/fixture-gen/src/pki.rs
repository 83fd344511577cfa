//! The fixture PKI: the certificate catalogue of `trust/` (file names, seeds, names, serials, dates,
//! purposes) turned into certificates by test-support's test PKI (the same deterministic keys and
//! hand-rolled DER builder as cnid-verify's unit tests), signed with RFC 6979 ECDSA (no randomness).

use test_support::pki::{CertSpec as Builder, Name, TestKey};

/// What kind of certificate, which decides the extensions.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// CA: basicConstraints cA=TRUE (critical) with the given pathLen, keyUsage keyCertSign+cRLSign.
    Ca(Option<u8>),
    /// A "CA" that has keyUsage keyCertSign but NO basicConstraints extension at all.
    CaWithoutBasicConstraints,
    /// A "CA" that has keyUsage keyCertSign and basicConstraints cA=FALSE.
    CaWithCaFalse,
    /// End entity: basicConstraints cA=FALSE, keyUsage digitalSignature (both critical).
    Signer,
    /// End entity without any keyUsage extension (allowed: digitalSignature is only required when
    /// keyUsage is present).
    SignerNoKeyUsage,
    /// End entity whose keyUsage lacks digitalSignature (keyAgreement only).
    SignerWrongKeyUsage,
}

pub struct CertSpec {
    /// File name under trust/ (also the handle used by the cases).
    pub file: &'static str,
    /// Seed label for the private key.
    pub seed: &'static str,
    /// Subject DN (RFC 4514 string).
    pub subject: &'static str,
    /// Issuer: the `file` of another spec, or None for self-signed.
    pub issuer: Option<&'static str>,
    pub serial: &'static [u8],
    pub not_before: u64,
    pub not_after: u64,
    pub kind: Kind,
    pub purpose: &'static str,
}

pub struct Cert {
    pub file: &'static str,
    pub key: TestKey,
    pub der: Vec<u8>,
    pub serial: Vec<u8>,
    pub issuer_file: Option<&'static str>,
    pub not_before: u64,
    pub not_after: u64,
    pub purpose: &'static str,
}

/// keyUsage bits (first byte): keyCertSign | cRLSign, digitalSignature, keyAgreement.
const KU_CA: u8 = 0x06;
const KU_DIGITAL_SIGNATURE: u8 = 0x80;
const KU_KEY_AGREEMENT: u8 = 0x08;

/// The builder settings of one catalogue entry. Every certificate carries a subjectKeyIdentifier,
/// and an authorityKeyIdentifier unless it is self-signed.
fn builder(spec: &CertSpec, issuer_subject: &str) -> Builder {
    let (subject, issuer) = (Name::rfc4514(spec.subject), Name::rfc4514(issuer_subject));
    let b = match spec.kind {
        Kind::Ca(None) => Builder::ca(subject, issuer),
        Kind::Ca(Some(n)) => Builder::ca(subject, issuer).path_len(n),
        Kind::CaWithoutBasicConstraints => Builder::ca(subject, issuer).no_basic(),
        Kind::CaWithCaFalse => Builder::leaf(subject, issuer).key_usage(KU_CA),
        Kind::Signer => Builder::leaf(subject, issuer).key_usage(KU_DIGITAL_SIGNATURE),
        Kind::SignerNoKeyUsage => Builder::leaf(subject, issuer).no_key_usage(),
        Kind::SignerWrongKeyUsage => Builder::leaf(subject, issuer).key_usage(KU_KEY_AGREEMENT),
    };
    b.serial(spec.serial).validity(spec.not_before as i64, spec.not_after as i64).key_ids(spec.issuer.is_some())
}

pub fn build_all(specs: &[CertSpec]) -> Vec<Cert> {
    let mut out: Vec<Cert> = Vec::new();
    for spec in specs {
        let key = TestKey::from_seed(spec.seed.as_bytes());
        let (issuer_subject, issuer_key) = match spec.issuer {
            None => (spec.subject, key.clone()),
            Some(f) => {
                let iss = out.iter().find(|c| c.file == f).unwrap_or_else(|| panic!("issuer {f} must come first"));
                let spec_i = specs.iter().find(|s| s.file == f).unwrap();
                (spec_i.subject, iss.key.clone())
            }
        };
        let der = builder(spec, issuer_subject).build(&key, &issuer_key);
        out.push(Cert {
            file: spec.file,
            key,
            der,
            serial: spec.serial.to_vec(),
            issuer_file: spec.issuer,
            not_before: spec.not_before,
            not_after: spec.not_after,
            purpose: spec.purpose,
        });
    }
    out
}
