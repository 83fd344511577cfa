//! Display only: RFC 4514 names and OID names for reports (small local tables, not const-oid's
//! database).

use der::Encode;
use x509_cert::der::oid::ObjectIdentifier;

use crate::core::hex;

/// Names for the OIDs that appear in our messages. A small local table on
/// purpose: `const_oid::db::DB` (thousands of entries) would add ~95 KB of
/// data to the `.wasm` for the sake of error messages.
pub(super) const OID_NAMES: &[(&str, &str)] = &[
    ("1.2.840.10045.2.1", "id-ecPublicKey"),
    ("1.2.840.10045.3.1.7", "prime256v1"),
    ("1.3.132.0.34", "secp384r1"),
    ("1.3.132.0.35", "secp521r1"),
    ("1.3.132.0.10", "secp256k1"),
    ("1.2.840.10045.4.3.2", "ecdsa-with-SHA256"),
    ("1.2.840.10045.4.3.3", "ecdsa-with-SHA384"),
    ("1.2.840.10045.4.3.4", "ecdsa-with-SHA512"),
    ("1.2.840.113549.1.1.1", "rsaEncryption"),
    ("1.2.840.113549.1.1.11", "sha256WithRSAEncryption"),
    ("1.2.840.113549.1.1.10", "id-RSASSA-PSS"),
    ("1.3.101.112", "id-Ed25519"),
    ("1.3.101.113", "id-Ed448"),
    ("1.2.156.10197.1.301", "sm2"),
    ("1.2.156.10197.1.501", "SM2-with-SM3"),
    ("2.5.29.14", "subjectKeyIdentifier"),
    ("2.5.29.15", "keyUsage"),
    ("2.5.29.17", "subjectAltName"),
    ("2.5.29.18", "issuerAltName"),
    ("2.5.29.19", "basicConstraints"),
    ("2.5.29.30", "nameConstraints"),
    ("2.5.29.31", "cRLDistributionPoints"),
    ("2.5.29.32", "certificatePolicies"),
    ("2.5.29.35", "authorityKeyIdentifier"),
    ("2.5.29.36", "policyConstraints"),
    ("2.5.29.37", "extKeyUsage"),
    ("2.5.29.54", "inhibitAnyPolicy"),
    ("1.3.6.1.5.5.7.1.1", "authorityInfoAccess"),
];

/// `2.5.29.99 (name)` or just the dotted form.
pub(super) fn oid_name(oid: &ObjectIdentifier) -> String {
    let dotted = oid.to_string();
    match OID_NAMES.iter().find(|(o, _)| *o == dotted) {
        Some((_, name)) => format!("{name} ({dotted})"),
        None => dotted,
    }
}

/// RFC 4514 short names of the attribute types readers' certificates use.
pub(super) const ATTRIBUTE_NAMES: &[(&str, &str)] = &[
    ("2.5.4.3", "CN"),
    ("2.5.4.4", "SN"),
    ("2.5.4.5", "SERIALNUMBER"),
    ("2.5.4.6", "C"),
    ("2.5.4.7", "L"),
    ("2.5.4.8", "ST"),
    ("2.5.4.9", "STREET"),
    ("2.5.4.10", "O"),
    ("2.5.4.11", "OU"),
    ("2.5.4.12", "TITLE"),
    ("2.5.4.42", "GIVENNAME"),
    ("2.5.4.97", "ORGANIZATIONIDENTIFIER"),
    ("0.9.2342.19200300.100.1.1", "UID"),
    ("0.9.2342.19200300.100.1.25", "DC"),
    ("1.2.840.113549.1.9.1", "EMAILADDRESS"),
];

/// A distinguished name as an RFC 4514 string (last RDN first, `,` between
/// RDNs, `+` inside one). Attributes with a known short name and a string
/// value are shown as `CN=value` with RFC 4514 escaping; others as
/// `dotted.oid=#hex-of-the-DER-value`. For display only: names are always
/// compared as DER bytes.
pub(crate) fn format_name(name: &x509_cert::name::Name) -> String {
    let rdns: &x509_cert::name::RdnSequence = name.as_ref();
    let mut out = String::new();
    for (i, rdn) in rdns.as_ref().iter().rev().enumerate() {
        if i > 0 {
            out.push(',');
        }
        for (j, atv) in rdn.as_ref().iter().enumerate() {
            if j > 0 {
                out.push('+');
            }
            push_attribute(&mut out, atv);
        }
    }
    out
}

pub(super) fn push_attribute(out: &mut String, atv: &x509_cert::attr::AttributeTypeAndValue) {
    use der::{Tag, Tagged};
    let dotted = atv.oid.to_string();
    let short = ATTRIBUTE_NAMES.iter().find(|(o, _)| *o == dotted).map(|(_, n)| *n);
    let text = match atv.value.tag() {
        Tag::PrintableString | Tag::Utf8String | Tag::Ia5String | Tag::TeletexString => {
            std::str::from_utf8(atv.value.value()).ok()
        }
        _ => None,
    };
    match (short, text) {
        (Some(key), Some(value)) => {
            out.push_str(key);
            out.push('=');
            let last = value.chars().count().saturating_sub(1);
            for (i, c) in value.chars().enumerate() {
                match c {
                    '#' if i == 0 => out.push_str("\\#"),
                    ' ' if i == 0 || i == last => out.push_str("\\ "),
                    '"' | '+' | ',' | ';' | '<' | '>' | '\\' => {
                        out.push('\\');
                        out.push(c);
                    }
                    '\x00'..='\x1f' | '\x7f' => out.push_str(&format!("\\{:02x}", c as u32)),
                    _ => out.push(c),
                }
            }
        }
        _ => {
            out.push_str(&dotted);
            out.push_str("=#");
            match atv.value.to_der() {
                Ok(der) => out.push_str(&hex::lower(&der)),
                Err(_) => out.push('?'),
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Path validation
