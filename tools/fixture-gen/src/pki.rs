//! The test PKI: deterministic P-256 certificates built with x509-cert's `CertificateBuilder` and a
//! custom profile (so that the extensions are exactly the ones each fixture needs, including the
//! deliberately broken ones), signed with RFC 6979 ECDSA (no randomness anywhere).

use std::str::FromStr;
use std::time::Duration;

use der::asn1::{OctetString, UtcTime};
use der::{Encode, EncodePem};
use p256::ecdsa::{DerSignature, SigningKey};
use sha2::{Digest, Sha256};
use spki::{SubjectPublicKeyInfo, SubjectPublicKeyInfoRef};
use x509_cert::builder::{profile::BuilderProfile, Builder, CertificateBuilder};
use x509_cert::certificate::{Certificate, TbsCertificate};
use x509_cert::ext::pkix::{AuthorityKeyIdentifier, BasicConstraints, KeyUsage, KeyUsages, SubjectKeyIdentifier};
use x509_cert::ext::Extension;
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::{Time, Validity};

use crate::keys::derive_key;

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
    pub key: SigningKey,
    pub der: Vec<u8>,
    pub serial: Vec<u8>,
    pub issuer_file: Option<&'static str>,
    pub not_before: u64,
    pub not_after: u64,
    pub purpose: &'static str,
}

struct FixedProfile {
    subject: Name,
    issuer: Name,
    extensions: Vec<Extension>,
}

impl BuilderProfile for FixedProfile {
    fn get_issuer(&self, _subject: &Name) -> Name {
        self.issuer.clone()
    }
    fn get_subject(&self) -> Name {
        self.subject.clone()
    }
    fn build_extensions(
        &self,
        _spk: SubjectPublicKeyInfoRef<'_>,
        _issuer_spk: SubjectPublicKeyInfoRef<'_>,
        _tbs: &TbsCertificate,
    ) -> x509_cert::builder::Result<Vec<Extension>> {
        Ok(self.extensions.clone())
    }
}

fn ext<T: Encode + const_oid_shim::HasOid>(value: &T, critical: bool) -> Extension {
    Extension {
        extn_id: T::oid(),
        critical,
        extn_value: OctetString::new(value.to_der().expect("extension DER")).unwrap(),
    }
}

/// Tiny shim so that `ext` can name the OID of each extension type without depending on const-oid.
mod const_oid_shim {
    use der::oid::{AssociatedOid, ObjectIdentifier};
    pub trait HasOid {
        fn oid() -> ObjectIdentifier;
    }
    impl<T: AssociatedOid> HasOid for T {
        fn oid() -> ObjectIdentifier {
            T::OID
        }
    }
}

/// Key identifier: first 20 bytes of SHA-256 over the subjectPublicKey bits (RFC 7093 method 1).
fn key_id(key: &SigningKey) -> Vec<u8> {
    let point = key.verifying_key().to_sec1_point(false);
    Sha256::digest(point.as_bytes())[..20].to_vec()
}

fn utc(secs: u64) -> Time {
    Time::UtcTime(UtcTime::from_unix_duration(Duration::from_secs(secs)).expect("UTCTime range"))
}

pub fn build_all(specs: &[CertSpec]) -> Vec<Cert> {
    let mut out: Vec<Cert> = Vec::new();
    for spec in specs {
        let key = derive_key(spec.seed);
        let subject = Name::from_str(spec.subject).expect("subject DN");
        let (issuer_name, issuer_key, issuer_kid) = match spec.issuer {
            None => (subject.clone(), key.clone(), key_id(&key)),
            Some(f) => {
                let iss = out.iter().find(|c| c.file == f).unwrap_or_else(|| panic!("issuer {f} must come first"));
                let spec_i = specs.iter().find(|s| s.file == f).unwrap();
                (Name::from_str(spec_i.subject).unwrap(), iss.key.clone(), key_id(&iss.key))
            }
        };

        let mut exts = Vec::new();
        match spec.kind {
            Kind::Ca(path_len) => {
                exts.push(ext(&BasicConstraints { ca: true, path_len_constraint: path_len }, true));
                exts.push(ext(&KeyUsage(KeyUsages::KeyCertSign | KeyUsages::CRLSign), true));
            }
            Kind::CaWithoutBasicConstraints => {
                exts.push(ext(&KeyUsage(KeyUsages::KeyCertSign | KeyUsages::CRLSign), true));
            }
            Kind::CaWithCaFalse => {
                exts.push(ext(&BasicConstraints { ca: false, path_len_constraint: None }, true));
                exts.push(ext(&KeyUsage(KeyUsages::KeyCertSign | KeyUsages::CRLSign), true));
            }
            Kind::Signer => {
                exts.push(ext(&BasicConstraints { ca: false, path_len_constraint: None }, true));
                exts.push(ext(&KeyUsage(KeyUsages::DigitalSignature.into()), true));
            }
            Kind::SignerNoKeyUsage => {
                exts.push(ext(&BasicConstraints { ca: false, path_len_constraint: None }, true));
            }
            Kind::SignerWrongKeyUsage => {
                exts.push(ext(&BasicConstraints { ca: false, path_len_constraint: None }, true));
                exts.push(ext(&KeyUsage(KeyUsages::KeyAgreement.into()), true));
            }
        }
        exts.push(ext(&SubjectKeyIdentifier(OctetString::new(key_id(&key)).unwrap()), false));
        if spec.issuer.is_some() {
            exts.push(ext(
                &AuthorityKeyIdentifier {
                    key_identifier: Some(OctetString::new(issuer_kid).unwrap()),
                    authority_cert_issuer: None,
                    authority_cert_serial_number: None,
                },
                false,
            ));
        }

        let profile = FixedProfile { subject, issuer: issuer_name, extensions: exts };
        let spki = SubjectPublicKeyInfo::from_key(key.verifying_key()).expect("spki");
        let builder = CertificateBuilder::new(
            profile,
            SerialNumber::new(spec.serial).expect("serial"),
            Validity::new(utc(spec.not_before), utc(spec.not_after)),
            spki,
        )
        .expect("builder");
        let cert: Certificate = builder.build::<_, DerSignature>(&issuer_key).expect("sign cert");
        let der = cert.to_der().expect("cert DER");
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

pub fn to_pem(der_bytes: &[u8]) -> String {
    use der::Decode;
    let cert = Certificate::from_der(der_bytes).expect("re-parse");
    cert.to_pem(der::pem::LineEnding::LF).expect("PEM")
}
