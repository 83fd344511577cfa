//! Certificate input: PEM text (one or more CERTIFICATE blocks) or DER bytes, bounded in size and count.
//!
//! Why a splitter of our own and not the `pem` feature of `der`/`x509-cert` (pem-rfc7468): that
//! decoder implements RFC 7468's *strict* grammar. Measured on one certificate (test
//! `lax_pem_that_the_strict_decoder_rejects_is_accepted` below): it accepts 64- or 76-column, CRLF
//! and single-line bodies, but rejects trailing spaces, indented bodies (PEM pasted into YAML or
//! JSON configuration), irregular line widths, blank lines and tabs, and
//! `Certificate::load_pem_chain` also rejects explanatory text between blocks. RFC 7468 §2 asks
//! parsers to be lax, and trust anchors come from app configuration files, so the splitter finds
//! the blocks and checks labels, headers and limits here; base64 decoding is base64ct's.

use super::super::{TrustError, MAX_ANCHORS, MAX_CERT_BYTES, MAX_PEM_BYTES};
use super::*;
use crate::core::codes::MisuseCode;
use crate::core::i18n::{DumpErrorKey as E, Text};
use base64ct::Encoding as _;

/// Parses `add_certificates` input: PEM (one or more blocks) or one DER
/// certificate. All-or-nothing.
pub(crate) fn parse_certificates_input(input: &[u8]) -> Result<Vec<ParsedCert>, TrustError> {
    if input.len() > MAX_PEM_BYTES {
        return Err(TrustError::new(
            MisuseCode::TooLarge,
            Text::new(E::CertificateInputTooLarge).with("length", input.len()).with("max", MAX_PEM_BYTES),
        ));
    }
    let ders = if looks_like_pem(input) {
        let text = std::str::from_utf8(input)
            .map_err(|_| TrustError::new(MisuseCode::InvalidCertificate, Text::new(E::PemNotUtf8)))?;
        pem_certificate_blocks(text)?
    } else {
        vec![input.to_vec()]
    };
    let mut out = Vec::with_capacity(ders.len());
    for (i, der) in ders.iter().enumerate() {
        let parsed = parse_der_certificate(der).map_err(|e| {
            let code = if der.len() > MAX_CERT_BYTES { MisuseCode::TooLarge } else { MisuseCode::InvalidCertificate };
            // The parser's detail stays English (DER and X.509 decoder messages).
            if ders.len() == 1 {
                TrustError::new(code, Text::new(E::Certificate).with("error", e))
            } else {
                TrustError::new(code, Text::new(E::CertificateNumbered).with("n", i + 1).with("error", e))
            }
        })?;
        out.push(parsed);
    }
    Ok(out)
}

/// Parses exactly one certificate (PEM with one block, or DER), for the
/// revocation calls: `not_one` is the error for another count (it names the certificate).
pub(crate) fn parse_single_certificate(input: &[u8], not_one: E) -> Result<ParsedCert, TrustError> {
    let mut certs = parse_certificates_input(input)?;
    if certs.len() != 1 {
        return Err(TrustError::new(MisuseCode::InvalidCertificate, Text::new(not_one).with("count", certs.len())));
    }
    Ok(certs.remove(0))
}

pub(super) fn looks_like_pem(input: &[u8]) -> bool {
    input.windows(11).any(|w| w == b"-----BEGIN ")
}

/// Splits PEM text (RFC 7468) into the DER of its certificate blocks.
/// Text outside blocks is ignored (explanatory text is allowed); a block
/// with another label, headers, or bad base64 is an error.
pub(super) fn pem_certificate_blocks(text: &str) -> Result<Vec<Vec<u8>>, TrustError> {
    const BEGIN: &str = "-----BEGIN ";
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(BEGIN) {
        let after_begin = rest.get(start + BEGIN.len()..).unwrap_or("");
        let label_end = after_begin.find("-----").ok_or_else(|| invalid_pem(Text::new(E::PemBeginUnterminated)))?;
        let label = after_begin.get(..label_end).unwrap_or("");
        if label.contains('\n') {
            return Err(invalid_pem(Text::new(E::PemBeginUnterminated)));
        }
        let body_and_rest = after_begin.get(label_end + 5..).unwrap_or("");
        let end_marker = format!("-----END {label}-----");
        let body_end = body_and_rest
            .find(&end_marker)
            .ok_or_else(|| invalid_pem(Text::new(E::PemNoEnd).with("marker", end_marker.as_str())))?;
        let body = body_and_rest.get(..body_end).unwrap_or("");
        check_pem_label(label, out.len() + 1)?;
        if out.len() >= MAX_ANCHORS {
            return Err(TrustError::new(
                MisuseCode::TooLarge,
                Text::new(E::PemTooManyCertificates).with("max", MAX_ANCHORS),
            ));
        }
        out.push(decode_pem_body(body, out.len() + 1)?);
        rest = body_and_rest.get(body_end + end_marker.len()..).unwrap_or("");
    }
    if out.is_empty() {
        return Err(invalid_pem(Text::new(E::PemNoBlock)));
    }
    Ok(out)
}

/// Only certificate blocks are trust material; a private key or a CSR in
/// the input is a mistake worth reporting, not silently skipping.
pub(super) fn check_pem_label(label: &str, n: usize) -> Result<(), TrustError> {
    match label {
        "CERTIFICATE" | "X509 CERTIFICATE" | "X.509 CERTIFICATE" => Ok(()),
        "TRUSTED CERTIFICATE" => Err(invalid_pem(Text::new(E::PemTrustedCertificate).with("n", n))),
        other => Err(invalid_pem(
            Text::new(E::PemLabel)
                .with("n", n)
                .with("label", format!("{:?}", other.chars().take(40).collect::<String>())),
        )),
    }
}

pub(super) fn decode_pem_body(body: &str, n: usize) -> Result<Vec<u8>, TrustError> {
    if body.contains(':') {
        return Err(invalid_pem(Text::new(E::PemHeaders).with("n", n)));
    }
    let compact: String = body.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    if compact.len() > (MAX_CERT_BYTES * 4).div_ceil(3) + 4 {
        return Err(TrustError::new(
            MisuseCode::TooLarge,
            Text::new(E::PemCertificateTooLarge).with("n", n).with("max", MAX_CERT_BYTES),
        ));
    }
    base64ct::Base64::decode_vec(&compact).map_err(|_| invalid_pem(Text::new(E::PemBase64).with("n", n)))
}

pub(super) fn invalid_pem(text: Text) -> TrustError {
    TrustError::new(MisuseCode::InvalidCertificate, text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use test_support::pki::{CertSpec, Name, TestKey};

    /// PEM forms found in configuration files: all decode to the certificate. pem-rfc7468's strict
    /// decoder rejects the last five (see the module doc), which is why it is not used here.
    #[test]
    fn lax_pem_that_the_strict_decoder_rejects_is_accepted() {
        let k = TestKey::new(1);
        let der = CertSpec::ca(Name::cn("x"), Name::cn("x")).build(&k, &k);
        let b64 = base64ct::Base64::encode_string(&der);
        let wrap = |w: usize, sep: &str| {
            b64.as_bytes().chunks(w).map(|c| String::from_utf8_lossy(c)).collect::<Vec<_>>().join(sep)
        };
        let irregular = format!("{}\n{}", &b64[..10], wrap(64, "\n").get(10..).unwrap_or(""));
        let bodies = [
            wrap(64, "\n"),
            wrap(64, "\r\n"),
            wrap(76, "\n"),
            b64.clone(),
            wrap(64, "  \n"),
            wrap(64, "\n    "),
            irregular,
            wrap(64, "\n\n"),
            wrap(64, "\t\n"),
        ];
        for body in bodies {
            let pem = format!("explanatory text\n-----BEGIN CERTIFICATE-----\n{body}\n-----END CERTIFICATE-----\n");
            assert_eq!(
                pem_certificate_blocks(&pem).map_err(|e| e.message(crate::core::i18n::Locale::En)),
                Ok(vec![der.clone()]),
                "{body:?}"
            );
        }
    }
}
