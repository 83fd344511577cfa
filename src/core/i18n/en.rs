//! The English messages: one template per key (placeholders: `super`).

use super::NumberKey as N;
use crate::core::number::kinds::ProvinceTable;
use crate::core::number::Kind;

/// The template of a number message.
pub fn number(key: N) -> &'static str {
    match key {
        N::Empty => "the input is empty",
        N::TooLong => "the input is {length} bytes long; at most {limit} are examined",
        N::CharacterAt => {
            "character{positions|s} {shown} at position{positions|s} {positions} not allowed (only digits and letters)"
        }
        N::CharacterBeyond => "characters other than digits and letters",
        N::StrictUppercase => "strict mode requires upper-case letters (e.g. 'X', not 'x')",
        N::Length => "{length} characters: card numbers have 15 or 18, travel-permit numbers 8 to 11",
        N::LengthOptIn => {
            "{length} characters: card numbers have 15 or 18; {optInKind} numbers are only recognised when the kinds option includes {optInKind} (any {length} digits would pass as one)"
        }
        N::KindNotAllowed => "{kind} numbers are not accepted here (accepted: {allowed})",
        N::Format => "character{positions|s} {shown} at position{positions|s} {positions} not allowed there ({rule})",
        N::CheckDigit => "check character is '{actual}', expected '{expected}' ({algorithm})",
        N::CheckDigitAccepted => "accepted because the fpr15 rule is not confirmed (fpr15CheckDigit: 'warning')",
        N::LegacyNumber => {
            "legacy 15-digit number (GB 11643-1989): it has no check digit, so typing errors cannot be detected"
        }
        N::NoCheckCharacter => "{kind} numbers have no check character, so typing errors cannot be detected",
        N::OldPassFormat => {
            "older {length}-character form: the lifelong number {number} followed by the {counted} {count}; current passes carry the lifelong number only"
        }
        N::BirthNotADate => "birth date digits {value} are not a calendar date",
        N::BirthAfterCheckDate => "birth date {value} is after the check date {limit}",
        N::BirthBeforeMinimum => "birth date {value} is before {limit}",
        N::BirthCenturyInferred => {
            "the number stores a two-digit year; {birthYear} is the latest year with these digits not after {checkDate}"
        }
        N::Region => "region code {code} is not {table}",
        N::NationalityUnknown => "nationality code {code} is not an ISO 3166-1 code",
        N::NationalityChina => "nationality is China (156/CHN), which a foreigner's card cannot carry",
        N::NationalityUnusual => "nationality {code} ({name}) is not expected on a foreigner's card",
    }
}

/// A kind's shape in words (`FORMAT` messages).
pub fn kind_rule(kind: Kind) -> &'static str {
    match kind {
        Kind::Fpr18 => "fpr18 is '9' + 16 digits + a digit or 'X'",
        Kind::Fpr15 => "fpr15 is 3 letters + 12 digits",
        Kind::Resident18 => "resident18 is 17 digits + a digit or 'X'",
        Kind::Resident15 => "resident15 is 15 digits",
        Kind::Hmt18 => "hmt18 is 810000/820000/830000 + 11 digits + a digit or 'X'",
        Kind::HkmoPass => "hkmo_pass is 'H' or 'M' + 8 digits (older passes: + a 2-digit renewal count)",
        Kind::TwPass => "tw_pass is 8 digits (older passes: + a 2-digit issue count)",
    }
}

/// What the 2-digit count of an older pass number counts (`OLD_PASS_FORMAT` messages).
pub fn older_count(kind: Kind) -> &'static str {
    match kind {
        Kind::HkmoPass => "renewal count",
        _ => "issue count",
    }
}

/// What a province table holds (`REGION` messages).
pub(crate) fn province_table(table: ProvinceTable) -> &'static str {
    match table {
        ProvinceTable::Mainland => "a mainland province-level code (11–65)",
        ProvinceTable::Gb2260 => "a GB/T 2260 province-level code (11–65, 71, 81, 82)",
    }
}

/// The template of a dump check message.
#[cfg(feature = "dumps")]
pub fn dump(key: super::DumpKey) -> &'static str {
    use super::DumpKey as D;
    match key {
        D::SkippedBecause => "skipped: {check} failed",
        D::SkippedNotRun => "skipped: not run",
        D::InternalMissing => "internal error: {what} is missing",
        D::InternalNoP256 => "internal error: the signer certificate has no P-256 key",
        D::TooLarge => "the dump is {size} bytes, more than the {limit} allowed",
        D::EnvelopeOk => "well-formed COSE_Sign1 ({form}), {size} bytes",
        D::NotCbor => "the dump is not well-formed CBOR: {error}",
        D::Tag18Wraps => "tag 18 wraps a {type}, not the COSE_Sign1 array",
        D::OtherTag => "CBOR tag {tag} is not COSE_Sign1 (tag 18)",
        D::NotAnArray => "the dump is a CBOR {type}, not a COSE_Sign1 array",
        D::FourElements => "COSE_Sign1 must be an array of 4 elements, this one has {count}",
        D::ProtectedNotBytes => "the protected header is a {type}, not a byte string",
        D::UnprotectedNotMap => "the unprotected header is a {type}, not a map",
        D::ProtectedNotMap => "the protected header contains a {type}, not a map",
        D::ProtectedNotCbor => "the protected header is not well-formed CBOR: {error}",
        D::Detached => "the payload is detached (nil); signed chip dumps must embed the payload",
        D::PayloadNotBytes => "the payload is a {type}, not a byte string",
        D::SignatureDer => {
            "the signature is a {size}-byte DER-encoded ECDSA signature; COSE requires the 64-byte r||s form"
        }
        D::SignatureLength => "the signature is {size} bytes, expected 64 (r||s)",
        D::SignatureNotBytes => "the signature is a {type}, not a byte string",
        D::LabelType => "the {header} header has a label of type {type}",
        D::CritUnprotected => "crit (label 2) must be in the protected header",
        D::CritEmpty => "crit (label 2) is an empty array",
        D::CritNotArray => "crit (label 2) is a {type}, not an array of labels",
        D::CritNotUnderstood => "crit lists header label {label}, which this verifier does not understand",
        D::CritAbsent => "crit lists header label {label}, which is not in the protected header",
        D::CritNotLabel => "crit lists a {type}, not a header label",
        D::BothHeaders => "{name} (label {label}) appears in both the protected and the unprotected header",
        D::AlgOk => "alg is ES256 (-7), in the protected header",
        D::AlgOther => "alg is {alg}, only ES256 (-7) is accepted",
        D::AlgText => "alg is the text {text}, only ES256 (the integer -7) is accepted",
        D::AlgType => "alg is a {type}, only ES256 (-7) is accepted",
        D::AlgUnprotected => "alg is only in the unprotected header; it must be in the protected header",
        D::AlgMissing => "alg is missing from the protected header",
        D::KidType => "kid (label 4) is a {type}, not a byte string",
        D::X5chainEmpty => "x5chain (label 33) is an empty array",
        D::X5chainElement => "x5chain element #{index} is a {type}, not a DER certificate byte string",
        D::X5chainType => "x5chain (label 33) is a {type}, not a byte string or an array of byte strings",
        D::X5tLength => "x5t (label 34) holds a {size}-byte SHA-256 hash, expected 32",
        D::X5tAlg => "x5t (label 34) uses hash algorithm {alg}; only SHA-256 (-16) is supported",
        D::X5tShape => "x5t (label 34) is not [hashAlg, hashValue]",
        D::X5tType => "x5t (label 34) is a {type}, not [hashAlg, hashValue]",
        D::PayloadNotCbor => "the payload is not well-formed CBOR: {error}",
        D::PayloadNotMap => "the payload is a CBOR {type}, not a map",
        D::PayloadKeyType => "the payload has a key of type {type}; keys are unsigned integers",
        D::UnknownPayloadKey => "payload key {key} is not defined by version 1 and was ignored",
        D::MissingField => "the payload lacks the required key {key} ({field})",
        D::Version => "payload version {version} is not supported (expected {expected})",
        D::FieldNotUint => "payload {field} is a {type}, not an unsigned integer",
        D::ReadAtRange => "payload readAt (4) {value} is out of range",
        D::FieldSize => "payload {field} is {size} bytes, expected exactly {expected}",
        D::FieldNotBytes => "payload {field} is a {type}, not a byte string",
        D::FieldRange => "payload {field} is {size} bytes, expected {min} to {max}",
        D::ReaderIdLength => "payload readerId (6) is {count} characters, expected 1 to {max}",
        D::ReaderIdType => "payload readerId (6) is a {type}, not a text string",
        D::PayloadOk => "payload version 1 with text block, {fields}",
        D::KidIgnored => {
            "the dump carries kid {kid} as well as x5chain; the x5chain decides trust and the kid is informational (a revoked kid still fails REVOCATION)"
        }
        D::NoSignerId => "the dump has neither a kid nor an x5chain, so no signer can be looked up",
        D::X5tMismatch => {
            "the protected x5t (SHA-256) does not match the x5chain's signer certificate: the chain is not the one that was signed"
        }
        D::UnsignedX5chain => {
            "the x5chain is in the unprotected header and no protected x5t binds it; this app requires a signed chain (requireSignedX5chain)"
        }
        D::UnknownKid => "kid {kid} is not among the trusted JWKs ({count} key(s) trusted)",
        D::KidOk => "kid {kid} ({header} header) matches {count} trusted JWK(s)",
        D::ExtraCertificates => {
            "{count} x5chain certificate(s) after the trust anchor were ignored (listed in signer.extraCertificates)"
        }
        D::ChainOk => "signer certificate {signer} chains to trust anchor {anchor} ({count} certificate(s) in x5chain)",
        D::CaSignerRejected => {
            "the dump is signed directly by CA certificate {cert} (cA=TRUE); this app rejects CA signers (rejectCaSigner)"
        }
        D::SignerIsCa => {
            "the dump is signed directly by CA certificate {cert} (cA=TRUE); readers should sign with an end-entity certificate"
        }
        D::KidRevoked => "kid {kid} is revoked",
        D::PathNotRevoked => "none of the {count} certificate(s) in the path, nor their keys, is revoked",
        D::SigningKeyRevoked => "the key that signed the dump is revoked: {why}",
        D::EveryKeyRevoked => "every key under kid {kid} is revoked: {why}",
        D::KidNotRevoked => "kid {kid} and its key(s) are not revoked",
        D::KidNotRevokedSome => {
            "kid {kid} is not revoked; {revoked} of its {count} key(s) are revoked, not the one that counts"
        }
        D::AadEmpty => "with an empty external AAD",
        D::AadApp => "with the app's {size}-byte external AAD",
        D::SignatureOkJwk => "ES256 signature verified with JWK {kid}, {aad}",
        D::SignatureOkJwkOf => "ES256 signature verified with JWK {kid} (key {index} of {count}), {aad}",
        D::SignatureOkCert => "ES256 signature verified with signer certificate {cert}, {aad}",
        D::MismatchJwk => {
            "the ES256 signature does not verify with the JWK(s) for kid {kid} {aad} (content altered, wrong key, or a different external AAD)"
        }
        D::MismatchCert => {
            "the ES256 signature does not verify with signer certificate {cert} {aad} (content altered, wrong key, or a different external AAD)"
        }
        D::SignatureBadLength => "invalid ES256 signature: the signature is {size} bytes, ES256 needs exactly 64 (r||s)",
        D::SignatureROutOfRange => "invalid ES256 signature: r is outside [1, n-1]",
        D::SignatureSOutOfRange => "invalid ES256 signature: s is outside [1, n-1]",
        D::InFuture => "readAt {readAt} is {ahead} after the verification time {at} (allowed clock skew {skew})",
        D::TooOld => "readAt {readAt} is {age} before the verification time {at}, more than the maximum age of {maxAge}",
        D::AgeBefore => "{age} before the verification time",
        D::AgeAfter => "{age} after the verification time, within the clock skew",
        D::Fresh => "readAt {readAt} is {age} (maximum age {maxAge}, clock skew {skew})",
        D::FreshArchived => "readAt {readAt} is {age}; maximum age disabled (archived dump)",
        D::NonceNotAsked => "skipped: the app did not ask for a nonce",
        D::NonceMissing => "the app expects a {size}-byte nonce, but the payload carries none",
        D::NonceOk => "the payload carries the expected {size}-byte nonce",
        D::NonceMismatch => {
            "the payload nonce ({size} bytes, {start}…) differs from the expected nonce ({expectedSize} bytes, {expectedStart}…)"
        }
        D::LayoutFailed => "{error} ({code})",
        D::UnexpectedFingerprint => {
            "the payload carries a fingerprint block, but {layout} cards have no fingerprints; it is passed through unverified by the chip layout"
        }
        D::LayoutOk => "the text block decodes as a {layout} card",
        D::KindMismatch => "chip number {number} is {found}, but a {layout} card carries a {kind} number",
        D::InvalidNumber => "chip number {number} is invalid ({errors})",
        D::NumberOk => "chip number {number} is a valid {kind} number",
        D::NumberOkWithPass => "chip number {number} is a valid {kind} number, pass number {passNumber} a valid {passKind} number",
        D::InvalidPassNumber => {
            "pass number {passNumber} is not a current hkmo_pass ('H' or 'M' + 8 digits) or tw_pass (8 digits) number ({errors})"
        }
        D::PassRegionMismatch => "pass number {passNumber} is of region {passRegion}, but permit number {number} is of region {region}",
        D::BirthDateMismatch => "birth date {date} on the chip differs from the number",
        D::SexMismatch => "sex {chip} on the chip differs from the number's {number}",
        D::NationalityMismatch => "nationality {chip} on the chip differs from the number's {number}",
        D::ConsistencyOk => "birth date, sex and nationality in the number agree with the chip fields",
        D::ConsistencyOkPermit => "birth date, sex and the pass number's region agree with the permit number",
        D::NotYetValid => "the card is valid from {from}, after the read date {day}",
        D::Expired => "the card expired on {until}, before the read date {day}",
        D::ValidityOk => "read on {day}, within the validity period {from} to {until}",
        D::ValidityLongTerm => "read on {day}; valid from {from} with no expiry (长期)",
    }
}

/// The template of a trust message.
#[cfg(feature = "dumps")]
pub fn trust(key: super::TrustKey) -> &'static str {
    use super::TrustKey as T;
    match key {
        T::JwkSkipped => "JWK #{index} skipped: {why}",
        T::JwkWithKidSkipped => "JWK #{index} (kid {kid}) skipped: {why}",
        T::DuplicateMember => "member {member} appears twice, so the key is ambiguous",
        T::NotAnObject => "entry is {what}, not a JWK object",
        T::PrivateKeyMaterial => {
            "it carries private key material (\"{member}\"); private keys are never stored — publish only the public key"
        }
        T::Curve => "curve {crv} is not supported (only P-256)",
        T::KeyType => "key type {kty} is not supported (only EC P-256)",
        T::Alg => "its \"alg\" is {value}, not \"ES256\"",
        T::Use => "its \"use\" is {value}, not \"sig\"",
        T::KeyOps => "its \"key_ops\" {value} does not include \"verify\"",
        T::KidEmpty => "its \"kid\" is empty",
        T::KidTooLong => "its \"kid\" is {size} bytes, more than {max}",
        T::KidNotAString => "its \"kid\" is {value}, not a string",
        T::NoKid => "it has no \"kid\"",
        T::NotOnCurve => "its x/y is not a point on P-256",
        T::CoordinateType => "its \"{member}\" is {value}, not a string",
        T::CoordinateMissing => "it has no \"{member}\"",
        T::CoordinateTooLong => "its \"{member}\" is too long",
        T::CoordinateNotBase64url => "its \"{member}\" is not base64url",
        T::CoordinateSize => "its \"{member}\" is {size} bytes, P-256 coordinates are exactly 32",
        T::TooManyKeysForKid => "kid {kid} already has {max} keys; further keys under it are skipped",
        T::KidRotation => "kid {kid} now has {count} keys; a dump with this kid verifies against any of them",
        T::KidNoMatch => {
            "kid {kid} matches no trusted JWK; it is recorded and will apply to keys added later, but check it: kids compare byte for byte (letter case and Unicode normal form matter)"
        }
        T::KidCaseDiffers => "the trusted kid {trusted} differs from {kid} only in letter case",
        T::IssuerNoMatch => {
            "issuer {issuer} is neither a trust anchor nor issued by one, so no path this store accepts holds a certificate it issued; the entry is recorded anyway"
        }
        T::NotACa => {
            "the certificate passed as issuer ({cert}) is not a CA certificate: pass the certificate that issued the revoked one, or revoke the certificate itself with revokeCertificate"
        }
        T::NotACaSameSerial => {
            "the certificate passed as issuer ({cert}) is not a CA certificate, and it has this very serial: pass the certificate that issued the revoked one, or revoke the certificate itself with revokeCertificate"
        }
        T::KeyStillTrusted => {
            "a serial revokes the certificate on X.509 paths only; if its key is also trusted as a JWK, revoke the key on every path with revokeCertificate(certificate)"
        }
        T::AnyIssuer => {
            "serial {serial} is revoked under every issuer; certificates of other CAs with the same serial are rejected too"
        }
        T::NoAnchors => {
            "the store has no X.509 trust anchors, so no path can hold this serial yet; the entry is recorded anyway"
        }
        T::CertificateNoMatch => {
            "certificate {cert} is not a trust anchor, is not issued by one, and its key is not a trusted JWK; the entry is recorded anyway"
        }
        T::NoP256Key => "certificate {cert} has a {key} key, so only its issuer and serial are revoked",
        T::SerialRevoked => "certificate {cert} (serial {serial}, issued by {issuer}) is revoked",
        T::CertificateKeyRevoked => "certificate {cert}: {why}",
        T::KeyRevoked => "key {thumbprint} is revoked (revokeCertificate)",
        T::KeyOfRevokedKid => "key {thumbprint} is the key of revoked kid {kid}",
        T::CertNotYetValid => "certificate {cert} is not valid before {notBefore}, later than {when} {time}",
        T::CertExpired => "certificate {cert} expired {notAfter}, before {when} {time}",
        T::UnknownCritical => "certificate {cert} has a critical extension this verifier does not support: {oid}",
        T::CaFalse => "certificate {cert} issues another certificate but has basicConstraints cA=FALSE",
        T::NoBasicConstraints => "certificate {cert} issues another certificate but has no basicConstraints",
        T::PathLength => {
            "certificate {cert} allows {limit} intermediate CA certificate(s) below it (pathLenConstraint), the path has {below}"
        }
        T::NoKeyCertSign => "certificate {cert} issues another certificate but its keyUsage lacks keyCertSign",
        T::NoDigitalSignature => "signer certificate {cert} has keyUsage without digitalSignature",
        T::SignerKeyType => "signer certificate {cert} has a {key} key; ES256 needs P-256",
        T::ChainEmpty => "x5chain is empty",
        T::ChainTooLong => "x5chain carries {count} certificates, more than the {max} allowed",
        T::NoAnchor => "the path does not reach a trust anchor: no anchor is named {issuer} (issuer of {cert})",
        T::NoValidPath => "no valid path to any of {count} candidate trust anchors; the first one: {why}",
        T::SignerUnparsable => "the signer certificate does not parse: {error}",
        T::CertificateUnparsable => "x5chain certificate #{index} does not parse: {error}",
        T::NamesDoNotChain => "certificate {cert} names issuer {issuer}, but the next certificate is {next}",
        T::ForeignSignatureAlgorithm => "certificate {cert} is signed with {alg}; only ecdsa-with-SHA256 is accepted",
        T::IssuerKeyType => "issuer {cert} has a {key} key; only P-256 keys are accepted",
        T::LinkSignature => "the signature of {cert} does not verify with the key of {issuer}",
        T::ListTooLarge => "the trust list is {size} bytes; the limit is {limit}",
        T::ListNoContentType => "the protected header has no content type (label 3); a trust list carries {expected}",
        T::ListContentType => "the content type is {found}, not {expected}: this is not a trust list",
        T::ListNotMap => "the trust list payload is a CBOR {type}, not a map",
        T::ListKeyType => "a trust list payload key is a CBOR {type}; keys are unsigned integers",
        T::ListMissing => "the trust list has no {field}",
        T::ListVersion => "trust list version {version} is not supported (only version 1 is)",
        T::ListExpiresFirst => "expiresAt ({expires}) is not after issuedAt ({issued})",
        T::ListFieldType => "trust list field {field} is a CBOR {type}; it must be {expected}",
        T::ListSequenceTooLarge => "sequence (2) is larger than {max}",
        T::ListThumbprintLength => "a revokedKeys (9) thumbprint is {length} bytes; it must be 32 (SHA-256)",
        T::ListUnknownKey => "unknown trust list key {key} ignored",
        T::ListIdRule => "listId (1) must be 1 to 64 characters, each from U+0021 to U+007E",
        T::ListTooMany => "{field} holds {count} entries, more than the {max} allowed",
        T::ListSerialShape => "a revokedSerials (8) entry has {count} items; it must be [issuer, serial]",
        T::ListSerialLength => "a revoked serial is {length} bytes; it must be 1 to 20",
        T::ListNotYetValid => "the trust list was issued at {issued}, after the verification time {at} (plus 300 s of clock skew)",
        T::ListExpired => "the trust list expired at {expires}, before the verification time {at}",
        T::ListTimeTooLate => "{field} is later than {max} (9999-12-31)",
        T::ListBelowMinimum => "the trust list's sequence {sequence} is below the minimum {min} the app asked for (a rollback)",
        T::ListOlderThanHeld => "list {id} sequence {sequence} is older than sequence {held}, which the store holds (a rollback)",
        T::ListConflict => "list {id} sequence {sequence} differs from the version with that sequence the store holds",
    }
}

/// The template of a chip text-block error.
#[cfg(feature = "dumps")]
pub fn chip(key: super::ChipKey) -> &'static str {
    use super::ChipKey as C;
    match key {
        C::OutsideBlock => "field {field} is outside the block",
        C::Surrogate => "field {field} holds an unpaired UTF-16 surrogate",
        C::NotADate => "{field} {value} is not a calendar date YYYYMMDD",
        C::SexCode => "sex code {value} is not a GB/T 2261.1 code (0, 1, 2, 9)",
        C::Length => "the text block is {size} bytes; it must be exactly {expected}",
        C::TypeMarker => "unknown type marker {marker} at offset 248 (expected 'Y', 'I', 'J' or a space)",
        C::Nationality => "nationality {value} is not a three-letter code",
        C::NationalityOrDigits => "nationality {value} is not a three-letter or three-digit code",
    }
}

/// The template of a thrown error.
pub fn error(key: super::ErrorKey) -> &'static str {
    use super::ErrorKey as E;
    match key {
        E::Internal => "{detail}",
        E::OptionsNotObject => "options must be an object",
        E::OptionsUnreadable => "options could not be read",
        E::UnknownOption => "unknown option {name} (allowed: {allowed})",
        E::OptionGetterThrew => "option {name} could not be read: its getter threw",
        E::OptionUndefined => "option {name} is present but undefined; omit it or give it a value",
        E::Locale => "locale must be {locales}",
        E::CouldNotBeRead => "{name} could not be read",
        E::RevokedProxy => "{name} could not be read (a revoked Proxy?)",
        E::TimeType => "{name} must be a Date or epoch milliseconds",
        E::TimeInvalid => "{name} is not a valid time",
        E::ArrayType => "{name} must be an array of {what}",
        E::ArrayTooMany => "at most {max} {what} per call",
        E::ElementGetterThrew => "{name}[{index}] could not be read: its getter threw",
        E::KindNames => "kind names",
        E::MustBeBoolean => "{name} must be a boolean",
        E::Fpr15CheckDigit => "fpr15CheckDigit must be \"error\" or \"warning\"",
        E::DateValue => "{name} must be a Date, epoch milliseconds or \"YYYY-MM-DD\"",
        E::KindsType => "kinds must be a non-empty array of kind names ({kinds})",
        E::KindUnknown => "kinds: unknown kind \"{shown}\" (kinds: {kinds})",
        E::StringArg => "{name} must be a string, got {got}",
        E::InputsType => "inputs must be an array of strings",
        E::TooManyNumbers => "at most {max} numbers per call",
        E::BatchTooLarge => "the batch holds more than {max} UTF-16 code units in all",
        E::AgeAtSubject => "ageAt takes a number string or a report from checkNumber/checkNumbers",
        E::MaskChar => "maskChar must be one character (e.g. \"*\")",
        E::CountOption => "{name} must be an integer from 0 to {max}",
    }
}

/// The template of a thrown error of the full build.
#[cfg(feature = "dumps")]
pub fn dump_error(key: super::DumpErrorKey) -> &'static str {
    use super::DumpErrorKey as E;
    match key {
        E::Detached => "{name} is a detached buffer (transferred to another thread?)",
        E::MustBeUint8Array => "{name} must be a Uint8Array",
        E::Uint8Arrays => "Uint8Array",
        E::NotAStore => "trust must be a TrustStore created by this module instance, and not freed",
        E::StoreInUse => "the TrustStore is in use by a call further up the stack",
        E::TooManyStoresEver => "this module instance has created too many TrustStores",
        E::TooManyLiveStores => "more than {max} live TrustStores: free() the ones you no longer use",
        E::JwksNotSerialisable => "the JWK set object cannot be serialised",
        E::JwksType => "jwks must be JSON text or an object",
        E::JwksInputTooLarge => "a JWK set may be at most 1 MiB",
        E::InputTooLarge => "{name} may be at most 1 MiB",
        E::MustBeString => "{name} must be a string",
        E::PemOrDer => "{name} must be PEM text or DER bytes (a Uint8Array)",
        E::MustBeNumber => "{name} must be a number",
        E::Engine => "engine must be \"auto\" or \"wasm\"",
        E::ListSignersMissing => "options.signers is required: the TrustStore of the app's pinned list signers (nothing is trusted by default)",
        E::ListSignersNotAStore => "signers must be a TrustStore of this module, other than the store the list is added to",
        E::MinSequence => "minSequence must be a whole number from 0 to 9007199254740991",
        E::Seconds => "{name} must be a non-negative whole number of seconds",
        E::ExternalAad => "externalAad may be at most 64 KiB",
        E::SerialNotHex => "serial {serial} contains {char}, which is not a hex digit",
        E::SerialNoDigits => "serial {serial} has no hex digits",
        E::SerialTooLong => "serial {serial} is longer than {max} bytes",
        E::CertificateInputTooLarge => "certificate input is {length} bytes, more than {max}",
        E::PemNotUtf8 => "PEM input is not valid UTF-8 text",
        E::Certificate => "{error}",
        E::CertificateNumbered => "certificate #{n}: {error}",
        E::NotOneCertificate => "expected exactly one certificate, got {count}",
        E::NotOneIssuerCertificate => "expected exactly one issuer certificate, got {count}",
        E::PemBeginUnterminated => "a BEGIN line is not terminated by \"-----\"",
        E::PemNoEnd => "no \"{marker}\" line",
        E::PemTooManyCertificates => "more than {max} certificates in one input",
        E::PemNoBlock => "no PEM block found",
        E::PemTrustedCertificate => {
            "PEM block #{n} is an OpenSSL \"TRUSTED CERTIFICATE\"; convert it with `openssl x509` to a plain CERTIFICATE"
        }
        E::PemLabel => "PEM block #{n} is labelled {label}, expected \"CERTIFICATE\"",
        E::PemHeaders => "PEM block #{n} has headers (encrypted PEM is not supported)",
        E::PemCertificateTooLarge => "certificate #{n} is more than {max} bytes",
        E::PemBase64 => "PEM block #{n} is not valid base64",
        E::NotAJwkSet => "not a JWK set: {error}",
        E::JwksDocument => "not a JWK set: the document is {what}, not an object {shape}",
        E::JwksMemberTwice => "not a JWK set: member {member} appears twice",
        E::JwksNoKeys => "not a JWK set: no \"keys\" member",
        E::JwksKeysType => "not a JWK set: \"keys\" is {what}, not an array of JWKs",
        E::JwksTooManyKeys => "the JWK set lists more than {max} keys",
        E::JwksTooLarge => "the JWK set is {length} bytes, more than {max}",
        E::RevokedKidsFull => "the trust store already holds {max} revoked kids",
        E::RevokedSerialsFull => "the trust store already holds {max} revoked serials",
        E::RevokedKeysFull => "the trust store already holds {max} revoked keys",
        E::StoreKeysFull => "the trust store would hold more than {max} keys",
        E::StoreAnchorsFull => "the trust store would hold more than {max} anchors",
        E::KidLength => "a kid is 1 to {max} bytes of UTF-8, this one is {length} bytes",
    }
}

/// The template of a thrown error of generateNumber.
#[cfg(feature = "generate")]
pub fn generate_error(key: super::GenerateErrorKey) -> &'static str {
    use super::GenerateErrorKey as E;
    match key {
        E::NeedsOptions => "generateNumber needs options: {least} at least",
        E::Kind => "kind must be one of {kinds}",
        E::Seed => "seed must be an integer from 0 to Number.MAX_SAFE_INTEGER (the same seed gives the same number)",
        E::Sex => "sex must be \"male\" or \"female\"",
        E::Province => "province must be a two-digit GB/T 2260 code, e.g. \"11\" or 11",
        E::Region => "region must be \"HK\", \"MO\" or \"TW\"",
        E::Nationality => {
            "nationality must be an ISO 3166-1 alpha-3 code (\"CAN\") or numeric code (\"124\") of the table"
        }
        E::NotEncoded => "{kind} numbers do not encode {field}",
        E::ProvinceNotAccepted => "province {code} is not accepted for {kind}: {table}",
        E::RegionNotIssued => "{kind} numbers are not issued for region {region}",
        E::NationalityChina => "nationality: China cannot be a foreigner's nationality",
        E::BirthOutOfRange => "birthDate {date} is out of range (from {min} to today in China Standard Time)",
        E::BirthNotRepresentable => {
            "{kind} cannot hold birthDate {date}: its two-digit year would be read in another century"
        }
        E::NoCandidate => "no valid {kind} number could be generated (a bug: please report it)",
    }
}
